"""The rule engine: a pure function from a report to findings, plus the editor's auto-sum.

Rules register themselves with ``@rule``; each is a generator over a ``Context`` that yields
``Finding``s. The sum rules (T2-E1/E2/E3, T3-E1/E2/E3) are not written here at all: they come from
the format definition's relations, so a new format version brings its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property

from giedit.model.report import Dismissal, Report, paragraphs_of
from giedit.model.rule_ids import OVERRIDES
from giedit.model.schema import CellDef, Format, Relation
from giedit.model.totals import compute_totals  # noqa: F401  (re-exported: rules compare with it)
from giedit.model.values import CellValue, Money, format_amount, is_blank, number_of


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: the rule id of spec §8, its severity, the cells involved and a Chinese message."""

    rule: str
    severity: Severity
    cells: tuple[str, ...]
    message: str
    section: str | None = None  # the report part a narrative finding belongs to
    dismissed: bool = False  # a warning the clerk accepted, or an error with an override
    place: tuple[int, int, int] | None = None  # in the section's text: (paragraph, start, end)

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "cells": list(self.cells),
            "message": self.message,
        }


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    formats: tuple[str, ...]  # empty: every format
    func: Callable[[Context], Iterable[Finding]]
    doc: str
    override: str | None = None  # an error the clerk may accept with a reason, named so (spec §8)

    @property
    def overridable(self) -> bool:
        return self.override is not None


RULES: dict[str, RuleInfo] = {}


def rule(rule_id: str, severity: Severity, formats: tuple[str, ...] = ()) -> Callable:
    """Register a rule function under its spec §8 id; whether the clerk may accept its error with
    a reason is a fact of the spec, read from the id registry (``OVERRIDES``)."""

    def deco(func: Callable[[Context], Iterable[Finding]]) -> Callable[[Context], Iterable[Finding]]:
        doc = (func.__doc__ or "").strip()
        RULES[rule_id] = RuleInfo(rule_id, severity, formats, func, doc, OVERRIDES.get(rule_id))
        return func

    return deco


@dataclass
class Context:
    """What rules read: the report, its format, numbers by cell id, last year's numbers."""

    report: Report
    deadline: tuple[int, int] | None = None  # the local publication deadline (month, day), N-W12
    fmt: Format = field(init=False)
    rule: RuleInfo | None = field(init=False, default=None)  # the rule being run: its findings' id

    def __post_init__(self) -> None:
        self.fmt = self.report.definition

    def cell(self, cell_id: str) -> CellDef:
        return self.fmt.cells[cell_id]

    def value(self, cell_id: str) -> CellValue:
        return self.report.cells.get(cell_id)

    @cached_property
    def numbers(self) -> dict[str, float | int | None]:
        """Every cell's valid number (None: blank or invalid), read once per check."""
        cells = self.report.cells
        return {cid: number_of(cells.get(cid), c.kind) for cid, c in self.fmt.cells.items()}

    def num(self, cell_id: str) -> float | int | None:
        """The valid number in a cell, or None when it is blank or invalid."""
        return self.numbers.get(cell_id)

    def nums(self, cell_ids: Iterable[str]) -> list[float | int] | None:
        """All numbers, or None when any cell is blank or invalid (the rule is then skipped)."""
        numbers = self.numbers
        out = [numbers.get(c) for c in cell_ids]
        return None if None in out else out  # type: ignore[return-value]

    def prev_num(self, cell_id: str) -> float | int | None:
        prev = self.report.previous
        if prev is None or cell_id not in prev.cells:
            return None
        from giedit.model.formats import get_format

        c = get_format(prev.format).cells.get(cell_id)
        return number_of(prev.cells[cell_id], c.kind) if c else None

    def find(
        self,
        cells: Iterable[str],
        message: str,
        section: str | None = None,
        place: tuple[int, int, int] | None = None,
    ) -> Finding:
        """A finding of the rule being run: its id and severity are written once, in ``@rule``."""
        info = self.rule
        assert info is not None, "findings are made by rules, while check() runs them"
        return Finding(info.id, info.severity, tuple(cells), message, section, place=place)

    def label(self, cell_id: str) -> str:
        return self.cell(cell_id).describe()

    def table_title(self, table_id: str) -> str:
        """How messages name a table: 表二, 表三, 表四, after the section that holds it.

        The section's own title ("二、上年结转…" is a row of 表三, "三、收到和处理…" a section) would
        read, next to a row label that also starts with a numeral, like another section."""
        numeral = self.fmt.section(self.fmt.table(table_id).section).title.partition("、")[0]
        return f"表{numeral}"

    def paragraphs(self, where: str) -> list[str]:
        """The paragraph texts of a section or of the preamble: the one reading every text rule
        shares (a section the report lacks reads as empty, without being created)."""
        return [p.text for p in paragraphs_of(self.report, where)]


def fmt_num(n: float | int) -> str:
    return format_amount(n) if isinstance(n, float) else str(n)


def check(
    report: Report, only: Iterable[str] | None = None, deadline: tuple[int, int] | None = None
) -> list[Finding]:
    """All findings for a report, dismissed ones marked (not removed) so the editor can grey them.

    ``deadline`` is the locally configured publication deadline (month, day): a setting of the
    clerk's office, not part of the report.
    """
    ctx = Context(report, deadline)
    wanted = set(only) if only is not None else None
    findings: list[Finding] = []
    for info in RULES.values():
        if info.formats and report.format not in info.formats:
            continue
        if wanted is not None and info.id not in wanted:
            continue
        ctx.rule = info
        findings.extend(info.func(ctx))
    return [_mark(report, f) for f in _presented(ctx, findings)]


def _presented(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """The findings as every reader gets them (editor, CLI text and JSON, export, review):
    a table finding names its table, a finding that only echoes another is dropped, and errors
    come before warnings (otherwise in rule order)."""
    parts_of: dict[str, set[str]] = {}  # a cell can total a row and a column: both sets of parts
    for rel in ctx.fmt.relations:
        if rel.total is not None:
            parts_of.setdefault(rel.total, set()).update(rel.parts)

    def echo(f: Finding) -> bool:
        """Every cell of ``f`` is a total whose parts another finding of the same rule is about.

        One root cause, one finding: when 二「自然人」 differs from last year's 四, 二's 总计 (their
        sum) differs too (T2-E4); when the 自然人 column does not add up, neither does the 总计
        column made of the row sums (T2-E2, T2-E3). Fixing the part clears the total as well.
        Findings about the text are never echoes: each sentence that states a wrong figure, of a
        total or of its part, is its own mistake to correct (「办结28件，其中予以公开17件」).
        """
        if f.section is not None:
            return False
        others: set[str] = set()
        for g in findings:
            if g is not f and g.rule == f.rule:
                others.update(g.cells)
        return bool(f.cells) and all(parts_of.get(c, set()) & others for c in f.cells)

    kept = [_with_table(ctx, f) for f in findings if not echo(f)]
    return sorted(kept, key=lambda f: f.severity is not Severity.ERROR)


def _with_table(ctx: Context, f: Finding) -> Finding:
    """``f`` with its table's name in front, when it is about cells of one table and says not."""
    if f.section is not None or not f.cells:
        return f
    tables = {ctx.fmt.cells[c].table for c in f.cells if c in ctx.fmt.cells}
    if len(tables) != 1:
        return f
    name = ctx.table_title(tables.pop())
    return f if f.message.startswith(name) else replace(f, message=f"{name} {f.message}")


def covers(d: Dismissal, f: Finding) -> bool:
    """A dismissal covers the one finding it was made for: same rule, cells and section."""
    return d.rule == f.rule and set(d.cells) == set(f.cells) and d.section == f.section


def overridable(rule_id: str) -> bool:
    """Whether an error of this rule may be accepted with a reason (declared in ``@rule``)."""
    info = RULES.get(rule_id)
    return info is not None and info.overridable


def _mark(report: Report, f: Finding) -> Finding:
    if f.severity is Severity.ERROR:
        accepted = overridable(f.rule) and any(o.rule == f.rule for o in report.overrides)
    else:
        accepted = any(covers(d, f) for d in report.dismissals)
    return replace(f, dismissed=True) if accepted else f


def active(findings: Iterable[Finding]) -> Iterator[Finding]:
    """The findings that still count (not dismissed, not overridden)."""
    return (f for f in findings if not f.dismissed)


def relation_message(ctx: Context, rel: Relation) -> str:
    """The Chinese message for a failed sum relation, naming the cells and numbers."""
    title = ctx.table_title(ctx.cell(rel.cells[0]).table)
    if rel.total is None:  # a stated equation down one column, e.g. T2-E3
        col = ctx.cell(rel.parts[0]).column.label
        lhs = [(ctx.cell(c).row, ctx.num(c)) for c in rel.parts]
        rhs = [(ctx.cell(c).row, ctx.num(c)) for c in rel.rhs]

        def side(items: list) -> str:
            return " + ".join(f"{r.short or r.label} {fmt_num(n)}" for r, n in items)

        ls, rs = sum(n for _, n in lhs), sum(n for _, n in rhs)
        return f"{title} {col}列：{side(lhs)} = {fmt_num(ls)}，{side(rhs)} = {fmt_num(rs)}，两者不等"
    total = ctx.num(rel.total)
    parts = ctx.nums(rel.parts) or []
    tcell = ctx.cell(rel.total)
    if rel.column is not None:  # a column sum, e.g. （七）总计
        what = f"{tcell.column.label}列：{tcell.row.label} {fmt_num(total or 0)}"
    else:
        what = f"{tcell.describe()} {fmt_num(total or 0)}"
    return f"{title} {what}，各项之和为 {fmt_num(sum(parts))}，两者不等"


def failing(ctx: Context, rel: Relation) -> bool:
    """True when every cell of the relation holds a valid number and the sums differ."""
    lhs = ctx.nums(rel.parts)
    other = ctx.nums((rel.total,) if rel.total else rel.rhs)
    if lhs is None or other is None:
        return False
    return abs(sum(lhs) - sum(other)) > 1e-9


def money_unit(value: CellValue) -> str | None:
    return value.unit if isinstance(value, Money) else None


def blank(ctx: Context, cell_id: str) -> bool:
    return is_blank(ctx.value(cell_id))
