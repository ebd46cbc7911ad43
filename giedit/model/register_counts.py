"""Table 三 counted from the application register: a pure function, entries in, cells out.

For report year Y, each register row that belongs to the year is counted twice, once on each side
of the stated identity 一 + 二 = 三（七） + 四, in its applicant's column:

- 一 (new) when received in Y, else 二 (carried in) when received earlier and still open on 1 January Y;
- the outcome row of its result when answered in Y, else 四 (carried out) when still open on
  31 December Y.

Every counted row adds one to each side of the same column, so the identity holds by
construction; totals are sums of the counted cells. A row that cannot be counted on both sides
(an unknown applicant type or result, an unreadable date, an answer dated before receipt, an
answer without a result or a result without a date, a duplicate) is left out entirely and named
with its row number; rows that belong to another year are listed too. Nothing is dropped
silently.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from giedit.model.register import (
    CARRIED_IN,
    CARRIED_OUT,
    RECEIVED_NEW,
    TABLE,
    TOTAL,
    Entry,
    ValueMap,
    data_row,
    date_text,
    is_pending_word,
    norm,
    ranges,
)
from giedit.model.schema import Format


class IssueKind(StrEnum):
    """Why a row is named. The first group leaves the row out (unresolved); the last is a note."""

    NO_RECEIVED = "no_received"
    BAD_DATE = "bad_date"
    UNKNOWN_APPLICANT = "unknown_applicant"
    UNKNOWN_RESULT = "unknown_result"
    ANSWER_BEFORE_RECEIPT = "answer_before_receipt"
    NO_RESULT = "no_result"
    NO_ANSWER_DATE = "no_answer_date"
    DUPLICATE = "duplicate"
    OTHER_YEAR = "other_year"
    SUMMARY_ROW = "summary_row"


NOTES = frozenset({IssueKind.OTHER_YEAR, IssueKind.SUMMARY_ROW})  # named, but nothing left out


@dataclass(frozen=True)
class Issue:
    """A register row giedit names: its row number, why, and the value behind it (if any)."""

    row: int
    kind: IssueKind
    message: str
    value: str = ""  # the unknown applicant type or result, for the clerk to map

    @property
    def unresolved(self) -> bool:
        return self.kind not in NOTES

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "kind": str(self.kind), "message": self.message, "value": self.value}


@dataclass
class Tally:
    """The counted table: every cell of table 三, the register rows behind each counted cell,
    and the rows named along the way."""

    year: int
    format: str
    cells: dict[str, int]
    rows: dict[str, list[int]]  # input cell id → register rows counted in it
    issues: list[Issue] = field(default_factory=list)
    total_rows: int = 0
    counted: int = 0
    in_year: int = 0  # rows received or answered in ``year``, counted or not

    @property
    def wrong_year(self) -> bool:
        """The register has applications but none received or answered in the report year: most
        likely last year's register or sheet was picked, and the table would be filled with zeros.
        (A register without any application is an office that received none, and is not asked.)"""
        return self.total_rows > 0 and self.in_year == 0

    def wrong_year_message(self) -> str:
        return f"台账中没有 {self.year} 年收到或办结的申请，是否选错了台账或工作表？"

    @property
    def unresolved(self) -> list[Issue]:
        return [i for i in self.issues if i.unresolved]

    @property
    def unresolved_rows(self) -> list[int]:
        return sorted({i.row for i in self.unresolved})

    def of_kind(self, kind: IssueKind) -> list[Issue]:
        return [i for i in self.issues if i.kind is kind]

    def unknown_values(self, kind: IssueKind) -> dict[str, list[int]]:
        """Each unknown value of one kind with the rows it stands in, for the mapping dialog."""
        out: dict[str, list[int]] = defaultdict(list)
        for i in self.issues:
            if i.kind is kind:
                out[i.value].append(i.row)
        return dict(out)

    def stored_rows(self) -> dict[str, str]:
        """``rows`` as kept in the report: compact row ranges, non-empty cells only."""
        return {cid: ranges(rows) for cid, rows in self.rows.items() if rows}


def _date_text(value: object) -> str:
    return f"「{value}」"


def count(
    entries: list[Entry],
    fmt: Format,
    year: int,
    values: ValueMap | None = None,
    keep_duplicates: bool = False,
) -> Tally:
    """Count ``entries`` into table 三 of ``fmt`` for report ``year``.

    ``values`` holds the clerk's readings of unknown values; ``keep_duplicates`` counts rows that
    repeat an earlier row's date, applicant and content (the clerk confirmed they are separate).
    """
    values = values or ValueMap.empty()
    layout = fmt.layout(TABLE)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    hits: dict[tuple[str, str], list[int]] = defaultdict(list)
    issues: list[Issue] = []
    seen: dict[tuple[object, ...], int] = {}
    counted = in_year = 0
    for e in entries:
        problems: list[Issue] = []
        in_year += any(isinstance(d, dt.date) and d.year == year for d in (e.received, e.answered))

        def named(
            kind: IssueKind, message: str, value: str = "", row: int = e.row, out: list[Issue] = problems
        ) -> None:
            out.append(Issue(row, kind, f"第 {row} 行：{message}", value))

        received, answered = e.received, e.answered
        if e.summary and not isinstance(received, dt.date):
            what = "合计行" if e.summary == "total" else "说明或备注"
            issues.append(Issue(e.row, IssueKind.SUMMARY_ROW, f"第 {e.row} 行像是{what}，未计入"))
            continue
        if received is None:
            named(IssueKind.NO_RECEIVED, "缺少收到日期")
        elif isinstance(received, str):
            named(IssueKind.BAD_DATE, f"收到日期{_date_text(received)}无法识别为日期")
        if isinstance(answered, str) and not is_pending_word(answered):
            named(IssueKind.BAD_DATE, f"答复日期{_date_text(answered)}无法识别为日期")
        if isinstance(answered, str):
            answered = None if is_pending_word(answered) else answered
        if problems:
            issues.extend(problems)
            continue
        assert isinstance(received, dt.date)
        if received > end:
            issues.append(
                Issue(
                    e.row, IssueKind.OTHER_YEAR, f"第 {e.row} 行：{received.year} 年收到，不计入 {year} 年度"
                )
            )
            continue
        if isinstance(answered, dt.date) and answered < received:
            named(
                IssueKind.ANSWER_BEFORE_RECEIPT,
                f"答复日期 {date_text(answered)} 早于收到日期 {date_text(received)}",
            )
            issues.extend(problems)
            continue
        if isinstance(answered, dt.date) and answered < start:
            issues.append(
                Issue(
                    e.row,
                    IssueKind.OTHER_YEAR,
                    f"第 {e.row} 行：{answered.year} 年已办结，不计入 {year} 年度",
                )
            )
            continue
        column = values.applicant(e.applicant) if e.applicant.strip() else None
        if column is None:
            what = f"申请人类型「{e.applicant.strip()}」无法识别" if e.applicant.strip() else "缺少申请人类型"
            named(IssueKind.UNKNOWN_APPLICANT, what, e.applicant.strip())
        outcome: str | None = None
        result = e.result.strip()
        has_result = bool(result) and not is_pending_word(result)
        if isinstance(answered, dt.date) and answered <= end:
            if not has_result:
                named(IssueKind.NO_RESULT, f"已有答复日期 {date_text(answered)}，但没有办理结果")
            else:
                category = values.result(result)
                outcome = data_row(fmt, category) if category else None
                if outcome is None:
                    named(IssueKind.UNKNOWN_RESULT, f"办理结果「{result}」无法对应到表三的办理结果", result)
        elif answered is None and has_result:
            named(IssueKind.NO_ANSWER_DATE, f"有办理结果「{result}」，但没有答复日期")
        identity = (received, norm(e.name) or norm(e.applicant), norm(e.content))
        if identity[2] and not keep_duplicates:
            if identity in seen:
                named(
                    IssueKind.DUPLICATE,
                    f"与第 {seen[identity]} 行的收到日期、申请人和申请内容相同，疑似重复登记",
                )
            else:
                seen[identity] = e.row
        if problems:
            issues.extend(problems)
            continue
        assert column is not None
        counted += 1
        hits[(RECEIVED_NEW if received >= start else CARRIED_IN, column)].append(e.row)
        hits[(outcome or CARRIED_OUT, column)].append(e.row)
    cells, rows = _cells(fmt, layout, hits)
    applications = len(entries) - sum(i.kind is IssueKind.SUMMARY_ROW for i in issues)
    return Tally(year, fmt.id, cells, rows, issues, applications, counted, in_year)


def _cells(
    fmt: Format, layout, hits: dict[tuple[str, str], list[int]]
) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Every cell of the table: counted cells, then row totals and the outcome total by summing."""
    parts = [c.id for c in layout.rows[0].columns if c.id != TOTAL]
    cells: dict[str, int] = {}
    rows: dict[str, list[int]] = {}
    outcome_rows = [r for r in layout.rows if r.group and r.id != TOTAL]
    for r in layout.rows:
        if r.id == TOTAL:
            continue
        for col in parts:
            found = hits.get((r.id, col), [])
            cells[r.cell_id(col)] = len(found)
            rows[r.cell_id(col)] = found
        cells[r.cell_id(TOTAL)] = sum(cells[r.cell_id(c)] for c in parts)
    total = layout.row(TOTAL)
    for col in (*parts, TOTAL):
        cells[total.cell_id(col)] = sum(cells[r.cell_id(col)] for r in outcome_rows)
    return cells, rows
