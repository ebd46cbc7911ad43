"""The limits every part of giedit applies to numbers: loading, ``check``, the editor and the CLI.

A report year outside 2019–2100 or a count of 10¹⁰ is no figure an office reports; such values
come from typing slips, damaged files or hand-edited JSON. They are *kept* (a file is never refused
or silently changed for them) and reported as errors by the checks (G-E2, G-E3, F-E2), so that the
clerk sees the value as it is and corrects it. Everything that takes a year or a count from a
clerk or a file reads the bounds here, so the editor, ``check`` and ``giedit new`` always agree.
"""

from __future__ import annotations

import math

FIRST_YEAR = 2019  # the first year of the statutory formats (the 2019 trial format)
LAST_YEAR = 2100
MAX_COUNT = 10**9  # a count of cases or documents; no office comes near
MAX_AMOUNT = 10**12  # an amount in 元 or 万元 (2019 procurement totals are stated in 元)


def year_in_range(year: object) -> bool:
    return isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR


def year_problem(year: object) -> str | None:
    """Why ``year`` cannot be a report year (Chinese), or ``None`` when it can."""
    if year_in_range(year):
        return None
    return f"报告年度 {year} 不在 {FIRST_YEAR}—{LAST_YEAR} 年之间"


def within(value: int | float, limit: int) -> bool:
    """A finite number whose size is at most ``limit`` (NaN and infinities never are)."""
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return abs(value) <= limit
