"""The one table of limits that a bank is validated against and a report is read back with.

A report is made from a bank, so whatever a bank may hold, a report of it must read back: the
bank validator (fields.py, questions.py, bank.py) refuses anything past these limits, and the
report reader (json_reader.py, report_json.py) accepts anything up to them. Neither side writes
a number of its own; `tests/test_limits.py` takes a bank at every limit round trip through the
store, and one past each is refused where it is written.
"""

from __future__ import annotations

from skillgap.core.model import MAX_ID_LENGTH, MAX_LEVEL

#: The longest id of a question, option, section, role or group.
MAX_ID = MAX_ID_LENGTH
#: The longest text of a bank (a prompt, a title, a help text, a check) and of a report.
MAX_TEXT = 10_000
#: The longest bank name, version and resource kind: short labels, shown on one line.
MAX_BANK_NAME = 500
MAX_BANK_VERSION = 100
MAX_RESOURCE_KIND = 100
#: The longest `source` of a question ("article", or who added it).
MAX_SOURCE = 100
#: The longest keyword of a question ("infrastructure as code"), and the most one question has.
MAX_KEYWORD = 60
MAX_KEYWORDS = 100

#: The most entries of any one list or mapping of a bank: questions in the bank, roles,
#: requirements of a role, options, resources and prerequisites of a question. Every list of a
#: report about them (answers, gaps, sections, gains, resources) is therefore at most this long.
MAX_ITEMS = 20_000
#: Knowledge checks of one question (a report names the one asked by its index).
MAX_CHECKS = 1_000
#: Steps of a report's Learn next: one per level a question rises, so four per question.
MAX_STEPS = MAX_ITEMS * MAX_LEVEL

#: The most weight of one requirement, and hours to one level of a question.
MAX_WEIGHT = 1e6
MAX_HOURS = 1e6
#: What a report reads: a section's weight is the sum of its requirements' (and a gap's, one of
#: them), a step's hours at most four levels' worth. Never below the 1e9 older reports were read
#: with.
MAX_REPORT_WEIGHT = max(1e9, MAX_WEIGHT * MAX_ITEMS)
MAX_REPORT_HOURS = max(1e9, MAX_HOURS * MAX_LEVEL)

#: The largest job ad `skillgap job` reads (an ad is a page or two; 1 MiB is far past any).
MAX_JOB_AD_BYTES = 1 << 20
