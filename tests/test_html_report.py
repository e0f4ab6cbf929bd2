"""The HTML report of issue 17: a dark scheme that follows the reader's setting, a "ready" block
at the top (ready or not, the essentials still missing, the first Learn next steps), a bar per
section, and every outside string still escaped."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from skillgap.core.model import Bank, Resource
from skillgap.core.report import Report
from skillgap.core.scoring import level_map
from skillgap.core.timeline import schedule
from skillgap.escape import url_target
from skillgap.export.html import TOP_STEPS, render_report_html
from skillgap.export.words import readiness_text
from tests.test_export_reports import EVIL, make_report

HOSTILE_ROLE = '<img src=x onerror="a()"> | *x*'
HOSTILE_STEP = '<iframe src="https://evil.test/"></iframe>'


class _Page(HTMLParser):
    """Every tag with its attributes, and the text inside each element with a class."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def values(self, name: str) -> list[str]:
        return [v for _, attrs in self.tags for k, v in attrs.items() if k == name and v]


def _section(page: str, start: str, end: str) -> str:
    """The part of `page` from `start` to `end` (both must be there, in that order)."""
    i = page.index(start)
    return page[i : page.index(end, i)]


def _ready_block(page: str) -> str:
    return _section(page, '<section class="ready-block"', "</section>")


def _style(page: str) -> str:
    return _section(page, "<style>", "</style>")


def _aimed(report: Report, role_id: str | None) -> Report:
    return dataclasses.replace(
        report, result=dataclasses.replace(report.result, target_role=role_id)
    )


def _hostile(bank: Bank) -> Report:
    """Aimed at a role whose name is markup, with a first step whose title is markup."""
    report = make_report(bank)
    roles = report.result.roles
    role = dataclasses.replace(roles[1], name=HOSTILE_ROLE)
    step = dataclasses.replace(report.result.next_steps[0], title=HOSTILE_STEP, essential=True)
    result = dataclasses.replace(
        report.result,
        roles=(roles[0], role, *roles[2:]),
        next_steps=(step, *report.result.next_steps[1:]),
        target_role=role.role_id,
    )
    return dataclasses.replace(report, result=result)


# -- the page follows the reader's light or dark setting ---------------------------------------


def test_the_page_has_a_dark_scheme_for_the_screen_and_prints_light(mini_bank: Bank) -> None:
    style = _style(render_report_html(make_report(mini_bank), mini_bank))
    assert "color-scheme: light dark" in style
    dark = _section(style, "@media screen and (prefers-color-scheme: dark)", "\n}\n")
    for var in ("--bg", "--ink", "--muted", "--warn", "--link", "--line", "--bar", "--bg-bar"):
        assert f"{var}:" in dark, var  # every colour the page uses has its dark value
    assert "background: var(--bg)" in style and "color: var(--link)" in style
    # print: the dark values are for the screen only, and the page asks for light colours
    assert "@media print" in style and "color-scheme: light" in _section(
        style, "@media print", "\n}\n"
    )


def test_colours_come_from_the_variables_only(mini_bank: Bank) -> None:
    """A colour written outside :root would not switch with the scheme."""
    style = _style(render_report_html(make_report(mini_bank), mini_bank))
    outside = re.sub(r":root \{[^}]*\}", "", style)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", outside)


def test_the_plan_chart_switches_with_the_scheme(mini_bank: Bank) -> None:
    report = make_report(mini_bank)
    timeline = schedule(mini_bank, level_map(mini_bank, report.answers), 4, 6)
    page = render_report_html(report, mini_bank, timeline)
    svg = _section(page, "<svg", "</svg>")
    assert 'class="axis"' in svg and 'class="grid"' in svg and 'class="legend"' in svg
    assert svg.count('<polyline class="s') == len(mini_bank.roles)
    style = _style(page)
    assert "svg.timeline .legend { fill: var(--ink); }" in style
    assert "svg.timeline .s0 { stroke: var(--s0); }" in style


def test_the_content_security_policy_stays_as_strict(mini_bank: Bank) -> None:
    page = render_report_html(make_report(mini_bank), mini_bank)
    assert (
        '<meta http-equiv="Content-Security-Policy"'
        " content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    ) in page
    assert page.count("Content-Security-Policy") == 1


# -- the ready block ---------------------------------------------------------------------------


def test_the_ready_block_names_the_missing_essentials_before_by_section(mini_bank: Bank) -> None:
    report = _aimed(make_report(mini_bank), "secops")  # scanning, an essential, not answered
    page = render_report_html(report, mini_bank)
    fit, ready, by_section = (
        page.index("<h2>Fit per role</h2>"),
        page.index('<section class="ready-block"'),
        page.index("<h2>By section</h2>"),
    )
    assert fit < ready < by_section
    assert page.index("</table>", fit) < ready  # right after the fit-per-role table
    block = _ready_block(page)
    assert "SecOps engineer: not ready" in block and "&#x2717;" in block
    assert "Essentials still missing (1):" in block
    assert "<strong>Vulnerability scanning</strong>: level 0 of 3" in block
    assert "essentials 1 of 2" in block and "Fit " in block and "ready at 75%" in block
    assert "Ops engineer:" not in block.replace("SecOps engineer:", "")  # only the role aimed at


def test_aiming_at_both_roles_shows_a_card_for_each(mini_bank: Bank) -> None:
    block = _ready_block(render_report_html(_aimed(make_report(mini_bank), None), mini_bank))
    assert block.count('<div class="card ') == len(mini_bank.roles)
    assert "Ops engineer: not ready" in block and "SecOps engineer: not ready" in block
    assert "Next 3 steps for both roles" in block


def test_a_ready_role_says_so_and_lists_nothing_missing(mini_bank: Bank) -> None:
    report = make_report(mini_bank, linux=3, docker=3, kubernetes=2)
    role = report.result.role("ops")
    assert role is not None and role.ready
    block = _ready_block(render_report_html(_aimed(report, "ops"), mini_bank))
    assert '<div class="card is-ready">' in block and "Ops engineer: ready" in block
    assert "&#x2713;" in block and "still missing" not in block


def test_a_quick_report_is_ready_on_what_was_assessed(mini_bank: Bank) -> None:
    report = make_report(mini_bank, linux=3, docker=3, kubernetes=2)
    changes: dict[str, dict[str, Any]] = {
        "ops": {"coverage": 0.5},
        "secops": {"coverage": 0.8, "essentials": (1, 3)},
    }
    roles = tuple(dataclasses.replace(r, **changes[r.role_id]) for r in report.result.roles)
    result = dataclasses.replace(report.result, roles=roles, mode="quick", target_role=None)
    block = _ready_block(render_report_html(dataclasses.replace(report, result=result), mini_bank))
    assert "Ops engineer: ready on what was assessed" in block
    assert "Quick: 50% of the role assessed" in block
    assert "SecOps engineer: not ready" in block and "essentials 1 of 3" in block
    assert "1 essential not assessed: a Full quiz asks them." in block


def test_the_top_shows_the_first_three_steps_and_the_full_list_stays(mini_bank: Bank) -> None:
    report = make_report(mini_bank, linux=0, docker=0, kubernetes=0)
    steps = report.result.next_steps
    assert len(steps) > TOP_STEPS == 3
    page = render_report_html(report, mini_bank)
    top = _section(_ready_block(page), '<ol class="top-steps">', "</ol>")
    assert top.count("<li>") == 3
    for n, step in enumerate(steps[:3], 1):
        assert f'<a href="#step-{n}"><strong>{step.title}</strong></a>' in top
    assert f"{len(steps) - 3} more steps" in _ready_block(page)
    full = _section(page, '<h2 id="learn-next">', "</ol>")
    assert all(f'<li id="step-{n}">' in full for n in range(1, len(steps) + 1))
    assert page.index('<h2 id="learn-next">') > page.index("<h2>By section</h2>")


def test_fewer_steps_than_three_and_none(mini_bank: Bank) -> None:
    report = make_report(mini_bank)
    one = dataclasses.replace(report.result, next_steps=report.result.next_steps[:1])
    block = _ready_block(render_report_html(dataclasses.replace(report, result=one), mini_bank))
    assert "<h3>Next step for both roles</h3>" in block and "more step" not in block
    none = dataclasses.replace(report.result, next_steps=())
    block = _ready_block(render_report_html(dataclasses.replace(report, result=none), mini_bank))
    assert "top-steps" not in block and "Nothing to learn next" in block


def test_with_a_plan_the_block_says_when_it_gets_there(mini_bank: Bank) -> None:
    report = make_report(mini_bank)
    timeline = schedule(mini_bank, level_map(mini_bank, report.answers), 4, 6)
    block = _ready_block(render_report_html(report, mini_bank, timeline))
    assert "The learning plan below (4 h a week)." in block
    assert readiness_text(timeline) in block


# -- the bars by section -----------------------------------------------------------------------

_BAR = re.compile(
    r'<span class="sbar" aria-hidden="true"><span style="width:([0-9.]+)%"></span></span>'
    r'<span class="val">([0-9]+)%</span>'
)


def test_each_section_bar_carries_its_percent(mini_bank: Bank) -> None:
    report = make_report(mini_bank)
    page = render_report_html(report, mini_bank)
    table = _section(page, "<h2>By section</h2>", "</table>")
    bars = _BAR.findall(table)
    scored = [s for r in report.result.roles for s in r.sections if s.score is not None]
    assert len(bars) == len(scored) > 0
    for width, shown in bars:
        assert round(float(width)) == int(shown)  # the bar is as long as the number says
    widths = sorted(float(w) for w, _ in bars)
    assert widths == sorted(round(max(0.0, min(s.score or 0, 100.0)), 1) for s in scored)
    # a role that asks nothing in a section has no bar, only the words
    assert '<td class="num"><span class="muted">-</span></td>' in table
    style = _style(page)
    assert ".sbar" in style and ".sbar > span" in _section(style, "@media print", "\n}\n")


def test_role_names_do_not_wrap(mini_bank: Bank) -> None:
    page = render_report_html(make_report(mini_bank), mini_bank)
    style = _style(page)
    assert re.search(r"\bth \{ white-space: nowrap;", style)
    assert "td.role { white-space: nowrap;" in style
    assert '<td class="role">Ops engineer</td>' in page


# -- escaping and self-containment -------------------------------------------------------------


def test_hostile_role_and_step_names_stay_escaped_in_the_new_blocks(mini_bank: Bank) -> None:
    page = render_report_html(_hostile(mini_bank), mini_bank)
    block = _ready_block(page)
    assert "&lt;img src=x onerror=&quot;a()&quot;&gt; | *x*: not ready" in block
    assert "&lt;iframe src=&quot;https://evil.test/&quot;&gt;&lt;/iframe&gt;" in block
    assert "essential for &lt;img" in block
    by_section = _section(page, "<h2>By section</h2>", "</table>")
    assert '<th class="num">&lt;img src=x onerror=&quot;a()&quot;&gt; | *x*</th>' in by_section
    for tag in ("<img", "<iframe"):
        assert tag not in page
    parsed = _Page(page)
    assert parsed.stack == [], "unbalanced tags"
    assert "onerror" not in {k for _, attrs in parsed.tags for k in attrs}
    assert HOSTILE_ROLE + ": not ready" in "".join(parsed.text)


def test_hostile_question_titles_in_the_missing_essentials_are_escaped(mini_bank: Bank) -> None:
    report = _aimed(make_report(mini_bank), "secops")
    questions = dict(mini_bank.questions)
    questions["scanning"] = dataclasses.replace(questions["scanning"], short_title=EVIL)
    page = render_report_html(report, dataclasses.replace(mini_bank, questions=questions))
    block = _ready_block(page)
    assert "<strong>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in block
    assert "<script" not in page.lower() and "\x1b" not in page


@pytest.mark.parametrize("aim", [None, "ops", "secops"])
def test_no_script_and_no_outside_resource_but_the_step_links(
    mini_bank: Bank, aim: str | None
) -> None:
    report = _aimed(make_report(mini_bank, linux=0, docker=1), aim)
    step = dataclasses.replace(
        report.result.next_steps[0],
        resources=(
            Resource("bad", "javascript:alert(1)"),
            Resource("data", "data:text/html,<script>a()</script>"),
            Resource("ok", "https://example.org/a?b=1&c=(2)"),
        ),
    )
    result = dataclasses.replace(report.result, next_steps=(step, *report.result.next_steps[1:]))
    report = dataclasses.replace(report, result=result)
    timeline = schedule(mini_bank, level_map(mini_bank, report.answers), 4, 6)
    page = render_report_html(report, mini_bank, timeline)
    assert "<script" not in page.lower()
    assert not re.search(r"<(link|img|iframe|object|embed|base|form)\b", page, re.I)
    parsed = _Page(page)
    assert parsed.values("src") == [] and "src=" not in page
    assert not re.search(r"url\(|@import", _style(page))
    ids = set(parsed.values("id"))
    allowed = {
        url_target(r.url)
        for s in result.next_steps
        for r in s.resources
        if r.url.startswith("https:")
    }
    for href in parsed.values("href"):
        if href.startswith("#"):
            assert href[1:] in ids, href  # a place in this page
        else:
            assert href in allowed, href  # a step's resource link
    assert "https://example.org/a?b=1&c=%282%29" in parsed.values("href")
    assert not any(h.startswith(("javascript:", "data:")) for h in parsed.values("href"))
