"""Edits of the basic information: dates as a clerk writes them, and the report year."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from giedit.model.edits.base import Edit, InputError, SetField, combine, set_field, shown
from giedit.model.report import Report
from giedit.model.text import date_text

_DATE_TEXT = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")


def parse_date(text: str) -> dt.date | None:
    """A date as a clerk writes it: 2022年1月5日, 2022-01-05, 2022.1.5 or 2022/1/5; blank is None.

    Full-width digits are accepted. ``InputError`` (Chinese) for anything else or an impossible date.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return None
    m = _DATE_TEXT.fullmatch(s)
    if m is None:
        raise InputError(f"「{shown(text)}」不是日期，请按“2022年1月5日”的样式填写")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except (ValueError, OverflowError):
        raise InputError(f"「{shown(text)}」不是有效的日期") from None


def format_date(date: dt.date | None) -> str:
    """A date as printed in a report: 2022年1月5日 ('' for none)."""
    return date_text(date) if date else ""


def set_year(report: Report, year: int) -> Edit | None:
    """Change the report year. A statistics period that was the old year's customary one follows
    the year in the same step; the format stays (F-E1 says when it no longer fits)."""
    period = None
    if report.period == report.default_period():
        period = SetField(
            ("period",), report.period, report.model_copy(update={"year": year}).default_period()
        )
    return combine(set_field(report, ("year",), year), period if year != report.year else None)
