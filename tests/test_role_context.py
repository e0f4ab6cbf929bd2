"""A role's context: every pay figure says its period, tables hold one cell per column, and a
source's views are named and dated. Every rule names the file, the line and the field."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from skillgap.core.model import Bank, Role
from skillgap.formats.bank import BankError, load_bank
from skillgap.formats.bank_cache import load_bank_cached
from skillgap.formats.fields import Problem
from tests.conftest import BUNDLED_BANK, BankWriter

ARTICLE = 'boot.dev, "4 Key Differences Between DevOps and DevSecOps"'

#: The role file with context; each test breaks one line of it. Line numbers are in comments.
ROLE = """\
role:
  id: ops
  name: Ops
  market:
    - {label: Pay at Acme, value: "$100k", period: year, date: "2023-01"}
    - {label: Openings, value: "1,000", date: "2023-01"}
  tables:
    - title: Pay by city
      period: month
      columns: [City, Salary, Rent]
      rows:
        - [Here, "1,000", "500"]
        - [There, 900, "400"]
      source: Somewhere
      date: "2023-01"
      note: Rent is for one bedroom.
  views:
    - source: An article
      date: "2023-01"
      market: [Demand is high]
      drivers: [Government work]
      advice: [Learn security]
requirements:
  linux: {target: 3, weight: 1, essential: true}
  docker: {target: 2, weight: 2}
"""

#: The view's three lists, which a test replaces with an empty one.
SAYINGS = (
    "      market: [Demand is high]\n"
    "      drivers: [Government work]\n"
    "      advice: [Learn security]\n"
)


def loaded(writer: BankWriter, text: str = ROLE) -> Role:
    writer.write("roles/10-ops.yaml", text)
    return load_bank(writer.root).roles[0]


def only(writer: BankWriter, old: str, new: str) -> Problem:
    assert old in ROLE, old
    writer.write("roles/10-ops.yaml", ROLE.replace(old, new))
    with pytest.raises(BankError) as info:
        load_bank(writer.root)
    found = list(info.value.problems)
    assert len(found) == 1, [p.format() for p in found]
    assert found[0].file.endswith("roles/10-ops.yaml")
    return found[0]


def test_the_context_loads(bank_writer: BankWriter) -> None:
    role = loaded(bank_writer)
    assert [(f.value, f.period) for f in role.market] == [("$100k", "year"), ("1,000", "")]
    (table,) = role.tables
    assert table.title == "Pay by city" and table.period == "month"
    assert table.columns == ("City", "Salary", "Rent")
    assert table.rows == (("Here", "1,000", "500"), ("There", "900", "400"))
    assert (table.source, table.date, table.note) == (
        "Somewhere",
        "2023-01",
        "Rent is for one bedroom.",
    )
    (view,) = role.views
    assert (view.source, view.date) == ("An article", "2023-01")
    assert (view.market, view.drivers, view.advice) == (
        ("Demand is high",),
        ("Government work",),
        ("Learn security",),
    )


def test_a_role_without_context_has_none(bank_writer: BankWriter) -> None:
    role = loaded(bank_writer, BankWriter.ROLE)
    assert role.market == () and role.tables == () and role.views == ()


# -- period --------------------------------------------------------------------------------


def test_a_misspelt_period_suggests_the_right_one(bank_writer: BankWriter) -> None:
    p = only(bank_writer, "period: year,", "period: yearly,")
    assert p.line == 5 and p.field == "role.market[0].period"
    assert "must be month or year; did you mean 'year'?" in p.message
    assert "'yearly'" in p.message


def test_a_period_that_is_no_period(bank_writer: BankWriter) -> None:
    p = only(bank_writer, "    period: month\n", "    period: 12\n")
    assert p.line == 9 and p.field == "role.tables[0].period"
    assert "must be text" in p.message and "12" in p.message


def test_an_unknown_field_of_a_figure_lists_period(bank_writer: BankWriter) -> None:
    p = only(bank_writer, "period: year,", "per: year,")
    assert p.line == 5 and p.field == "role.market[0].per"
    assert "unknown field" in p.message and "period" in p.message


# -- tables --------------------------------------------------------------------------------


def test_a_row_with_a_cell_too_few(bank_writer: BankWriter) -> None:
    p = only(bank_writer, '- [There, 900, "400"]', "- [There, 900]")
    assert p.line == 13 and p.field == "role.tables[0].rows[1]"
    assert p.message == "has 2 cells; the table has 3 columns"


def test_a_row_that_is_not_a_list(bank_writer: BankWriter) -> None:
    p = only(bank_writer, '- [There, 900, "400"]', "- There 900 400")
    assert p.line == 13 and p.field == "role.tables[0].rows[1]"
    assert "must be a list" in p.message


def test_an_empty_cell(bank_writer: BankWriter) -> None:
    p = only(bank_writer, '- [There, 900, "400"]', '- [There, "", "400"]')
    assert p.line == 13 and p.field == "role.tables[0].rows[1][1]"
    assert "must not be empty" in p.message


def test_a_table_of_one_column(bank_writer: BankWriter) -> None:
    text = ROLE.replace("[City, Salary, Rent]", "[City]")
    text = text.replace('[Here, "1,000", "500"]', "[Here]").replace(
        '[There, 900, "400"]', "[There]"
    )
    bank_writer.write("roles/10-ops.yaml", text)
    with pytest.raises(BankError) as info:
        load_bank(bank_writer.root)
    (p,) = info.value.problems
    assert p.line == 10 and p.field == "role.tables[0].columns"
    assert "at least two columns" in p.message


def test_a_table_without_rows(bank_writer: BankWriter) -> None:
    p = only(
        bank_writer,
        '      rows:\n        - [Here, "1,000", "500"]\n        - [There, 900, "400"]\n',
        "",
    )
    assert p.line == 8 and p.field == "role.tables[0]"
    assert "missing required field 'rows'" in p.message


def test_a_table_with_no_rows(bank_writer: BankWriter) -> None:
    p = only(
        bank_writer,
        '      rows:\n        - [Here, "1,000", "500"]\n        - [There, 900, "400"]\n',
        "      rows: []\n",
    )
    assert p.line == 11 and p.field == "role.tables[0].rows"
    assert "must not be empty" in p.message


@pytest.mark.parametrize("date", ["Jan 2023", "2023-13", "23-01", "2023-01-32"])
def test_a_table_date_must_be_a_date(bank_writer: BankWriter, date: str) -> None:
    p = only(
        bank_writer, '      date: "2023-01"\n      note:', f'      date: "{date}"\n      note:'
    )
    assert p.line == 15 and p.field == "role.tables[0].date"
    assert "must be a date: YYYY, YYYY-MM or YYYY-MM-DD" in p.message


def test_a_year_is_a_date(bank_writer: BankWriter) -> None:
    text = ROLE.replace('      date: "2023-01"\n      note:', "      date: 2023\n      note:")
    assert loaded(bank_writer, text).tables[0].date == "2023"


# -- views ---------------------------------------------------------------------------------


def test_a_view_names_its_source(bank_writer: BankWriter) -> None:
    p = only(bank_writer, "    - source: An article\n      date:", "    - date:")
    assert p.line == 18 and p.field == "role.views[0]"
    assert "missing required field 'source'" in p.message


def test_a_view_is_dated(bank_writer: BankWriter) -> None:
    p = only(bank_writer, '      date: "2023-01"\n      market:', "      market:")
    assert p.line == 18 and p.field == "role.views[0]"
    assert "missing required field 'date'" in p.message


def test_a_view_says_something(bank_writer: BankWriter) -> None:
    p = only(bank_writer, SAYINGS, "      market: []\n")
    assert p.line == 18 and p.field == "role.views[0]"
    assert p.message == "a view needs at least one item in market, drivers or advice"


def test_an_unknown_field_of_a_view(bank_writer: BankWriter) -> None:
    p = only(bank_writer, "      advice: [Learn security]", "      advise: [Learn security]")
    assert p.line == 22 and p.field == "role.views[0].advise"
    assert "did you mean 'advice'?" in p.message


def test_a_view_item_must_be_text(bank_writer: BankWriter) -> None:
    p = only(bank_writer, "drivers: [Government work]", "drivers: [{a: b}]")
    assert p.line == 21 and p.field == "role.views[0].drivers[0]"
    assert "must be text" in p.message


# -- the schema agrees, and the cache keeps it all -----------------------------------------


def role_schema() -> jsonschema.Draft202012Validator:
    schema = json.loads((BUNDLED_BANK / "schema" / "role.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def test_the_schema_takes_the_context_and_refuses_what_the_validator_refuses() -> None:
    validator = role_schema()
    assert not list(validator.iter_errors(yaml.safe_load(ROLE)))
    for old, new in (
        ("period: year,", "period: yearly,"),
        ('- [There, 900, "400"]', '- [There, ""]'),
        ('      date: "2023-01"\n      note:', '      date: "Jan 2023"\n      note:'),
        ("    - source: An article\n      date:", "    - date:"),
        ("      advice: [Learn security]", "      advise: [Learn security]"),
        (SAYINGS, "      market: []\n"),
    ):
        assert old in ROLE
        assert list(validator.iter_errors(yaml.safe_load(ROLE.replace(old, new)))), new


def test_the_cache_keeps_periods_tables_and_views(bank_writer: BankWriter, tmp_path: Path) -> None:
    bank_writer.write("roles/10-ops.yaml", ROLE)
    fresh = load_bank(bank_writer.root)
    load_bank_cached(bank_writer.root, tmp_path / "cache")
    cached = load_bank_cached(bank_writer.root, tmp_path / "cache")
    assert cached == fresh and cached.roles[0].tables == fresh.roles[0].tables


# -- the bundled bank: the article's figures, each dated, sourced and with its period --------

#: The article's city table, as it prints it: salary, after taxes, one-bedroom rent, cost of
#: living, take-home, all a month.
CITIES = {
    "San Francisco": ("12,169.50", "7,747", "2,995", "1,369.40", "3,382.60"),
    "Boston": ("11,682.75", "7,941", "3,070", "1,212.40", "3,658.60"),
    "Houston, TX": ("11,159.75", "8,141", "1,303", "962.50", "5,875.50"),
    "New York, NY": ("11,113.83", "7,092", "3,680", "1,437.10", "1,974.90"),
    "Dallas, TX": ("10,566.83", "7,736", "1,450", "1,103.90", "5,182.10"),
}


@pytest.fixture(scope="module")
def bundled() -> Bank:
    return load_bank(BUNDLED_BANK)


def role(bank: Bank, role_id: str) -> Role:
    found = bank.role(role_id)
    assert found is not None
    return found


def test_the_city_table_is_the_articles(bundled: Bank) -> None:
    (table,) = role(bundled, "devops").tables
    assert table.period == "month" and table.date == "2023-01" and "boot.dev" in table.source
    assert len(table.columns) == 6
    assert {row[0]: row[1:] for row in table.rows} == CITIES


def test_the_city_table_adds_up(bundled: Bank) -> None:
    """Take-home is what the pay after taxes leaves once rent and living costs are paid."""
    (table,) = role(bundled, "devops").tables
    for row in table.rows:
        _, after_tax, rent, living, take_home = (float(c.replace(",", "")) for c in row[1:])
        assert after_tax - rent - living == pytest.approx(take_home), row[0]


def test_every_pay_figure_says_its_period(bundled: Bank) -> None:
    for each in bundled.roles:
        for figure in each.market:
            is_pay = figure.value.startswith("$")
            assert (figure.period != "") == is_pay, figure
            assert figure.period in ("", "year"), figure  # the monthly figures are the table's
            assert figure.source and figure.date == "2023-01", figure


def test_the_company_salaries_and_openings_are_the_articles(bundled: Bank) -> None:
    values = {r.id: [f.value for f in r.market] for r in bundled.roles}
    assert values["devops"] == ["$133k", "$137k", "$93k", "164k", "8,642", "4,335"]
    assert values["devsecops"] == [
        "$150k-$200k",
        "$113k-$143k",
        "$114k-$145k",
        "14k",
        "8,644",
        "4,318",
    ]


def test_the_articles_view_is_named_dated_and_complete(bundled: Bank) -> None:
    devops, devsecops = role(bundled, "devops"), role(bundled, "devsecops")
    for each in (devops, devsecops):
        (view,) = each.views
        assert (view.source, view.date) == (ARTICLE, "2023-01")
    (ops,), (sec,) = devops.views, devsecops.views
    market = " ".join(ops.market + sec.market)
    for fact in ("high demand", "ten times", "Indeed and Glassdoor", "fewer openings", "faster",
                 "both roles at once", "newer"):  # fmt: skip
        assert fact in market, fact
    assert len(sec.drivers) == 3
    drivers = " ".join(sec.drivers)
    assert "security clearance" in drivers and "government" in drivers and "attack" in drivers
    assert "negotiate better pay" in " ".join(sec.advice)
    assert "regulations and governance" in " ".join(ops.advice)
