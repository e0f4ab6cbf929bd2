"""A saved report in the format asked for: text, Markdown, HTML or JSON. Each format's module is
imported only when it is asked for."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skillgap.core.model import Bank
    from skillgap.core.report import Report
    from skillgap.core.timeline import Timeline


def render_report(
    report: Report, bank: Bank | None, fmt: str, timeline: Timeline | None = None
) -> str:
    """The report in `fmt` (one of FORMATS). `timeline`, the learning plan, goes into the
    Markdown (a table) and HTML (an SVG chart and a table) formats."""
    if fmt == "text":
        from skillgap.export.text import render_report_text

        return render_report_text(report, bank)
    if fmt == "md":
        from skillgap.export.markdown import render_report_markdown

        return render_report_markdown(report, bank, timeline)
    if fmt == "html":
        from skillgap.export.html import render_report_html

        return render_report_html(report, bank, timeline)
    if fmt == "json":
        from skillgap.export.json_docs import report_json

        return json.dumps(report_json(report), indent=2, ensure_ascii=True) + "\n"
    raise ValueError(f"unknown format {fmt!r}")
