"""What a county's review found: the units, the missing names, the copies and the totals.

``ReviewResult.as_json()`` is the exact shape ``giedit review --json`` prints; the workbook, the
notices and the editor's 汇总审核 window read the same object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from giedit.model.errors import ClerkError
from giedit.model.oserrors import reason
from giedit.model.text import date_text
from giedit.model.values import MAX_DECIMALS
from giedit.review.collect import SetAside
from giedit.review.unit import ERRORS, OK, UNREADABLE, Found

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2
STATUS_TEXT = {OK: "通过", ERRORS: "有错误", UNREADABLE: "无法读取"}
MISSING_TEXT = "未报送"
SUPERSEDED_TEXT = "已被新版本取代"
AMBIGUOUS_TEXT = "名单名称无法确定"


class ReviewFailed(ClerkError):
    """The review could not run at all (no folder, no report in it); one Chinese sentence."""


def write_failed(err: OSError, failed: str, held: str) -> ReviewFailed:
    """``failed`` (无法写入「x」) and why: ``held`` when permission was refused (the file is
    most likely open in Excel, Word or WPS), else the system's reason in Chinese."""
    return ReviewFailed(f"{failed}：{held if isinstance(err, PermissionError) else reason(err) + '。'}")


@dataclass
class Unit:
    """One unit's report as reviewed."""

    file: str  # relative to the reviewed folder, as listed and printed
    path: Path
    kind: str  # "giedit" or "import" ("" when unreadable)
    status: str
    body: str = ""
    year: int | None = None
    format: str | None = None
    findings: list[Found] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # cells not in the totals (blank or invalid)
    no_unit: list[str] = field(default_factory=list)  # money not in the totals: non-zero, no unit
    date: dt.date | None = None
    deadline: dt.date | None = None
    error: str | None = None  # why it is unreadable
    copies: list[str] = field(default_factory=list)  # files of units it duplicates
    on_roster: bool | None = None  # None: no roster given
    previous: str | None = None  # last year's report the cross-year rules used, if from the folders
    superseded_by: str | None = None  # the unit resubmitted: the newer file kept instead of this one
    supersedes: list[str] = field(default_factory=list)  # older files of the same unit set aside

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def settle(self) -> None:
        """Status from the findings (after cross-year and cross-unit findings were added)."""
        if self.status != UNREADABLE:
            self.status = ERRORS if self.errors else OK

    @property
    def counts(self) -> bool:
        """Whether this file stands for its unit: not unreadable, not replaced by a newer file."""
        return self.status != UNREADABLE and self.superseded_by is None

    def status_text(self) -> str:
        """The status as the checklist shows it: a replaced file says so, whatever it holds."""
        return SUPERSEDED_TEXT if self.superseded_by else STATUS_TEXT[self.status]

    def deadline_status(self) -> str:
        """按期 / 逾期 / 早于年度结束 / 未注明日期, from the closing date and the deadline in force."""
        if self.status == UNREADABLE:
            return ""
        if self.date is None:
            return "未注明日期"
        shown = date_text(self.date)
        if self.year is not None and self.date < dt.date(self.year + 1, 1, 1):
            return f"早于年度结束（{shown}）"
        if self.deadline is not None and self.date > self.deadline:
            return f"逾期（{shown}，期限{date_text(self.deadline)}）"
        return f"按期（{shown}）"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "body": self.body,
            "year": self.year,
            "format": self.format,
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.as_json() for f in self.findings],
        }


@dataclass
class ReviewResult:
    folder: Path
    year: int | None
    units: list[Unit]
    missing: list[str]
    duplicates: list[tuple[str, str]]
    totals: dict[str, dict[str, float | int]]  # format id -> cell id -> sum (money in 万元)
    counted: dict[str, int]  # format id -> units summed
    set_aside: list[SetAside]
    files: int  # report files found (the folder's)
    done: int  # of which read before the end (all, unless interrupted)
    interrupted: bool = False
    roster: list[str] | None = None  # None: no roster given
    deadline: tuple[int, int] | None = None
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # roster name -> files it may be

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_FAILED
        if (
            self.missing
            or self.ambiguous
            or any(u.status != OK for u in self.units if u.superseded_by is None)
        ):
            return EXIT_PROBLEMS
        return EXIT_OK

    def as_json(self) -> dict[str, Any]:
        """Issue 18's keys exactly as specified, then what the county also needs to trust the
        totals: the files replaced by a newer one of the same unit (not summed), the units whose
        reports have errors but are summed, and roster names that fit several reports."""
        return {
            "year": self.year,
            "units": [u.as_json() for u in self.units],
            "missing": list(self.missing),
            "duplicates": [list(p) for p in self.duplicates],
            "totals": {f: {c: rounded(v) for c, v in cells.items()} for f, cells in self.totals.items()},
            "superseded": [{"file": u.file, "kept": u.superseded_by} for u in self.units if u.superseded_by],
            "totals_include_errors": [u.file for u in self.with_errors()],
            "roster_ambiguous": [{"name": n, "files": list(f)} for n, f in self.ambiguous.items()],
        }

    def copied_pairs(self) -> list[tuple[str, str]]:
        """The duplicates that are two units alike (a copied file), not one unit's resubmission."""
        replaced = {(u.superseded_by, u.file) for u in self.units if u.superseded_by}
        return [p for p in self.duplicates if p not in replaced]

    def units_of(self, format_id: str) -> list[Unit]:
        """The units summed into ``format_id``'s totals."""
        return [u for u in self.units if u.format == format_id and u.counts]

    def with_errors(self, format_id: str | None = None) -> list[Unit]:
        """The units summed although their reports have errors (of one format, or all): their
        numbers are in the totals but not verified."""
        return [
            u
            for u in self.units
            if u.counts and u.status == ERRORS and u.format in self.totals and format_id in (None, u.format)
        ]

    def summary(self) -> str:
        """One Chinese line: how many units, how many clean, with errors, unreadable, missing."""
        current = [u for u in self.units if u.superseded_by is None]
        by = {s: sum(u.status == s for u in current) for s in (OK, ERRORS, UNREADABLE)}
        parts = [
            f"{self.year or '未知'}年度，共 {len(current)} 个单位的报告",
            f"通过 {by[OK]} 个",
            f"有错误 {by[ERRORS]} 个",
            f"无法读取 {by[UNREADABLE]} 个",
        ]
        if self.roster is not None and not self.interrupted:
            parts.append(f"名单中未报送 {len(self.missing)} 个")
        if self.ambiguous:
            parts.append(f"名单中无法确定对应报告的名称 {len(self.ambiguous)} 个")
        if copies := self.copied_pairs():
            parts.append(f"疑似重复报送 {len(copies)} 对")
        if replaced := sum(1 for u in self.units if u.superseded_by):
            parts.append(f"已被新版本取代（未计入汇总）{replaced} 个")
        return "，".join(parts)


def rounded(value: float | int) -> float | int:
    """A total as printed: integers stay integers, amounts keep at most four decimals."""
    if isinstance(value, int):
        return value
    r = round(value, MAX_DECIMALS)
    return int(r) if r == int(r) else r
