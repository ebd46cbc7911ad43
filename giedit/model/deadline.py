"""The publication deadline and the report year it belongs to.

Art. 50 of the Regulation asks for the report of year N by 31 January of year N+1 (spec §8.8);
a county may set its own day. Which report a clerk is working on follows from the deadline, not
from the calendar year alone: in December 2026 and until 31 January 2027 it is the 2026 report.
The start page, the new-report dialogs and the window opened without a file all ask here, so they
never disagree (the dialogs once offered 2025 while the start page said the 2026 report was due).
"""

from __future__ import annotations

import datetime as dt

DEFAULT_DEADLINE = (1, 31)  # 次年1月31日 (spec §8.8)


def next_deadline(today: dt.date, deadline: tuple[int, int] = DEFAULT_DEADLINE) -> tuple[int, dt.date]:
    """The report year whose publication deadline (month, day of the following year) comes next,
    and that deadline: last year's report until its deadline has passed, then this year's."""
    month, day = deadline
    for year in (today.year - 1, today.year):
        due = dt.date(year + 1, month, day)
        if due >= today:
            return year, due
    raise AssertionError("this year's report is due next year")  # unreachable: year + 1 > today


def current_report_year(deadline: tuple[int, int] = DEFAULT_DEADLINE, today: dt.date | None = None) -> int:
    """The year of the report a clerk starts today: the one whose deadline comes next."""
    return next_deadline(today or dt.date.today(), deadline)[0]
