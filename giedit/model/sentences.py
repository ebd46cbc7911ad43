"""「从表格生成」: factual sentences built from the report's tables, for the clerk to edit.

The sentences say only what the numbers say, e.g. 依申请公开方面，本年度共收到政府信息公开申请5件；
上年结转2件。已办理6件，其中予以公开3件…… They are written so that the narrative rules (N-W1 on
applications, N-W2 on review and litigation, N-W3 on normative documents) read the same numbers back.

Every official label (row, column and group names of the tables, section titles) is read from the
report's format definition; this module only supplies the connecting words. A topic whose table
still has blank or invalid cells is left out, with a note saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from giedit.model.report import Level, Paragraph, Report
from giedit.model.schema import CellKind, Row, TableLayout
from giedit.model.values import Money, format_amount, number_of

# The sections 「从表格生成」 writes into: 一 总体情况 summarises the three tables.
SECTIONS = ("overview",)

# Verbs for the columns of the first block of table 二, by column id (both formats).
_VERBS = {
    "issued": "制发",
    "repealed": "废止",
    "in_force": "现行有效",
    "made": "新制作",
    "published": "新公开",
    "public_total": "对外公开总数",
}
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])")
_NOTE = re.compile(r"（[^）]*）$")


@dataclass(frozen=True)
class Generated:
    """What 「从表格生成」 produced: body paragraphs, and Chinese notes on what was left out."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Blank(Exception):
    """A cell needed for a topic is blank or invalid."""


def available(section_id: str) -> bool:
    return section_id in SECTIONS


def bare(label: str) -> str:
    """A row label without its list marker and trailing note: （二）部分公开（区分…） → 部分公开."""
    return _NOTE.sub("", _MARKER.sub("", label)).strip()


def _num(report: Report, cell_id: str) -> float | int:
    cell = report.definition.cells.get(cell_id)
    if cell is None:
        raise KeyError(cell_id)
    n = number_of(report.cells.get(cell_id), cell.kind)
    if n is None:
        raise _Blank(cell_id)
    return n


def _show(n: float | int) -> str:
    return format_amount(n) if isinstance(n, float) else str(n)


def _joined(parts: Iterable[str], sep: str = "、") -> str:
    return sep.join(parts)


# -- table 二 主动公开 ---------------------------------------------------------------------------


def _active(report: Report) -> str:
    layout = report.definition.layout("active")
    documents: list[str] = []
    quiet: list[str] = []  # rows of documents with nothing to report
    first_verb = ""
    decisions: list[tuple[str, float | int]] = []
    money: list[str] = []
    for row in layout.rows:
        ids = [c.id for c in row.columns]
        if any(c in _VERBS for c in ids):
            values = [(c, _num(report, row.cell_id(c))) for c in ids if c in _VERBS]
            first_verb = first_verb or _VERBS[values[0][0]]
            if not any(n for _, n in values):
                quiet.append(row.label)
                continue
            (c0, n0), rest = values[0], values[1:]
            head = f"{_VERBS[c0]}{row.label}{_show(n0)}件"
            documents.append("，".join([head, *(f"{_VERBS[c]}{_show(n)}件" for c, n in rest)]))
        elif "decisions" in ids:
            decisions.append((row.label, _num(report, row.cell_id("decisions"))))
        elif any(c.kind is CellKind.MONEY for c in row.columns):
            money.extend(_money_row(report, layout, row.id))
    clauses = documents or ([f"未{first_verb}{_joined(quiet)}"] if quiet else [])
    if decisions:
        done = [(label, n) for label, n in decisions if n]
        if done:
            clauses.append("作出" + _joined(f"{label}处理决定{_show(n)}件" for label, n in done))
        else:
            clauses.append(f"未作出{_joined(label for label, _ in decisions)}处理决定")
    clauses.extend(money)
    return "主动公开方面，本年度" + "；".join(clauses) + "。" if clauses else ""


def _money_row(report: Report, layout: TableLayout, row_id: str) -> list[str]:
    """A row with an amount: the 2021 fees row (万元), or the 2019 procurement row (projects too)."""
    row = layout.row(row_id)
    amount_col = next(c for c in row.columns if c.kind is CellKind.MONEY)
    cid = row.cell_id(amount_col.id)
    amount = _num(report, cid)
    value = report.cells.get(cid)
    unit = amount_col.unit or (value.unit if isinstance(value, Money) else None) or ""
    counts = [c for c in row.columns if c.kind is CellKind.COUNT]
    if counts:
        projects = _num(report, row.cell_id(counts[0].id))
        if not projects and not amount:
            return []
        return [f"{row.label}项目{_show(projects)}个，金额{_show(amount)}{unit}"]
    if not amount:
        return [f"未收取{row.label}"]
    return [f"收取{row.label}{_show(amount)}{unit}"]


# -- table 三 申请 ------------------------------------------------------------------------------


def _leaves(row: Row) -> list[Row]:
    return [leaf for c in row.children for leaf in _leaves(c)] if row.children else [row]


def _requests(report: Report) -> str:
    fmt = report.definition
    layout = fmt.layout("requests")
    total_col = "total"

    def n(row_id: str) -> float | int:
        return _num(report, layout.row(row_id).cell_id(total_col))

    new, carried_in, carried_out = n("new"), n("carried_in"), n("carried_out")
    handled = n("total")
    results = next(r for b in fmt.table("requests").blocks for r in b.rows if r.id == "result")
    outcomes: list[str] = []
    for child in results.children:
        if child.id == "total":
            continue
        count = sum(n(leaf.id) for leaf in _leaves(child))
        if not count:
            continue
        text = f"{bare(child.label)}{_show(count)}件"
        if child.children:
            parts = [(leaf, n(leaf.id)) for leaf in _leaves(child)]
            text += "（" + _joined(f"{bare(leaf.label)}{_show(k)}件" for leaf, k in parts if k) + "）"
        outcomes.append(text)
    out = "依申请公开方面，"
    out += f"本年度共收到政府信息公开申请{_show(new)}件" if new else "本年度未收到政府信息公开申请"
    if carried_in:
        out += f"；上年结转{_show(carried_in)}件"
    out += "。"
    if handled:
        out += f"本年度已办理{_show(handled)}件，其中" + "，".join(outcomes)
        if carried_out:
            out += f"；{bare(layout.row('carried_out').label)}{_show(carried_out)}件"
        out += "。"
    elif carried_out:
        out += f"{bare(layout.row('carried_out').label)}{_show(carried_out)}件。"
    return out


# -- table 四 复议诉讼 ---------------------------------------------------------------------------


def _group_label(layout: TableLayout, cell_id: str) -> str:
    """The top header over a value cell, e.g. 行政复议 over 结果维持 of the first group."""
    col = next(g.col for g in layout.grid if g.cell == cell_id)
    over = sorted(
        (g for g in layout.grid if g.header and g.text and g.col <= col < g.col + g.colspan),
        key=lambda g: g.row,
    )
    return over[0].text


def _appeals(report: Report) -> str:
    layout = report.definition.layout("appeals")
    row = layout.rows[0]
    columns = {c.id: c for c in row.columns}
    outcomes = [c.id.removeprefix("review_") for c in row.columns if c.id.startswith("review_")]
    suit_groups = ("direct_suit", "suit_after_review")

    def n(group: str, outcome: str) -> float | int:
        return _num(report, row.cell_id(f"{group}_{outcome}"))

    review_label = _group_label(layout, row.cell_id("review_total"))
    suit_label = _group_label(layout, row.cell_id("direct_suit_total"))
    reviews = n("review", "total")
    suits = sum(n(g, "total") for g in suit_groups)
    if not reviews and not suits:
        return f"本年度未发生因政府信息公开引起的{review_label}、{suit_label}案件。"
    out = f"本年度因政府信息公开被申请{review_label}{_show(reviews)}件，被提起{suit_label}{_show(suits)}件"
    details: list[str] = []
    for label, groups, count in ((review_label, ("review",), reviews), (suit_label, suit_groups, suits)):
        if not count:
            continue
        parts = []
        for outcome in outcomes:
            if outcome == "total":
                continue
            k = sum(n(g, outcome) for g in groups)
            if k:
                parts.append(f"{columns[f'review_{outcome}'].label}{_show(k)}件")
        if parts:
            details.append(label + _joined(parts))
    if details:
        out += "；其中" + "，".join(details)
    return out + "。"


# -- all together ------------------------------------------------------------------------------

_TOPICS = (("active", _active), ("requests", _requests), ("appeals", _appeals))


def from_tables(report: Report) -> Generated:
    """One body paragraph per table (主动公开, 依申请公开, 复议诉讼) with the current numbers."""
    fmt = report.definition
    paragraphs: list[Paragraph] = []
    notes: list[str] = []
    for table_id, build in _TOPICS:
        title = fmt.section(fmt.table(table_id).section).title
        try:
            for cell in fmt.layout(table_id).cells:  # totals of a table with a blank are not final
                _num(report, cell.id)
            text = build(report)
        except _Blank:
            notes.append(f"“{title}”的表格还有空白或无效的单元格，未生成这部分的文字")
            continue
        if text:
            paragraphs.append(Paragraph(level=Level.BODY, text=text))
    return Generated(paragraphs, notes)
