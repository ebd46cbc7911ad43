"""Figures: numbers in the narrative that are bound to the tables, and how they are printed.

A figure is a reference, never a copy of a value. A reference is a cell id of the report's format
(``requests.new.total``), a *group cell* (``requests.withheld.total``: a group row of the format's
row tree with one of its columns, meaning the sum of the group's data rows), or several of these
joined by ``+`` for a sum the format's header defines (``appeals.cases.direct_suit_total+
appeals.cases.suit_after_review_total``: 行政诉讼, the two litigation groups). The value is read
from ``report.cells`` every time the paragraph is shown or printed, so a figure is right by
construction, and undoing a cell edit restores the prose with it: there is nothing else to undo.

``paragraph_text(report, paragraph)`` is the one function that turns a paragraph into the text a
reader sees. Every output (DOCX, PDF, HTML, the dump, the previews) prints paragraphs through it.
A figure whose cells are blank (or hold no valid number) prints as ``BLANK`` (□), a visible gap
that the checks count as unfinished (N-E2).

Every label here is read from the format definition.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from giedit.model.formats import get_format
from giedit.model.report import FIGURE, Paragraph, Report
from giedit.model.schema import CellKind, ColumnSum, Format, Role, Row, RowSum, Table
from giedit.model.values import CellValue, format_amount, format_value, is_blank, number_of

BLANK = "□"  # how a figure without a value prints: a visible gap, never a silent 0
SUM = "+"
UNKNOWN = "表格中没有的数字"


@dataclass(frozen=True)
class Target:
    """What a reference stands for: the data cells it sums and how the format names it."""

    ref: str
    table: str
    cells: tuple[str, ...]
    where: str  # the table's section title
    name: str  # the cell (or sum) by its official labels, without the section
    money: bool = False  # an amount (万元/元), not a count

    @property
    def label(self) -> str:
        """The full official name, e.g. 三、收到和处理…情况：一、本年新收…数量「总计」."""
        return f"{self.where}：{self.name}"

    @property
    def lines(self) -> str:
        """The name on two lines, section first (tooltips)."""
        return f"{self.where}\n{self.name}"


# -- the format's structure, as figures need it -------------------------------------------------


def _walk(rows: Iterable[Row]) -> Iterable[Row]:
    for r in rows:
        yield r
        yield from _walk(r.children)


def _leaves(row: Row) -> list[Row]:
    return [leaf for c in row.children for leaf in _leaves(c)] if row.children else [row]


@cache
def groups(format_id: str, table_id: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Group rows of a table that stand for a sum: id → (label, ids of their data rows).

    The group a column sum adds up (table 三's group of results, whose sum is its total row) is left out:
    its total is a row of its own.
    """
    table = get_format(format_id).table(table_id)
    summed = {s.group for s in table.sums if isinstance(s, ColumnSum)}
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for block in table.blocks:
        for row in _walk(block.rows):
            if row.is_group and row.id not in summed:
                out[row.id] = (row.label, tuple(leaf.id for leaf in _leaves(row)))
    return out


@cache
def header_groups(format_id: str, table_id: str) -> dict[str, frozenset[str]]:
    """Header texts spanning several value columns that are no column's own label (the applicant
    groups of table 三, the review and litigation groups of table 四) → the ids of the value
    columns under them."""
    fmt = get_format(format_id)
    layout = fmt.layout(table_id)
    labels = {c.label for b in layout.table.blocks for c in b.columns}
    values = [g for g in layout.grid if g.role is Role.VALUE and g.cell]
    out: dict[str, frozenset[str]] = {}
    for h in layout.grid:
        if h.role is not Role.HEADER or not h.text or h.text in labels:
            continue
        cols = frozenset(
            g.cell.rsplit(".", 1)[1]  # type: ignore[union-attr]
            for g in values
            if g.row > h.row and h.col <= g.col < h.col + h.colspan
        )
        if len(cols) > 1:
            out[h.text] = cols
    return out


@cache
def total_columns(format_id: str, table_id: str) -> frozenset[str]:
    """Columns that hold a row's total (the totals of the table's row sums)."""
    table = get_format(format_id).table(table_id)
    return frozenset(s.total for s in table.sums if isinstance(s, RowSum))


def _table(fmt: Format, table_id: str) -> Table | None:
    try:
        return fmt.table(table_id)
    except KeyError:
        return None


def term_cells(fmt: Format, term: str) -> tuple[str, ...] | None:
    """The data cells one term of a reference stands for (a cell, or a group cell); ``None``
    when the format has no such cell."""
    if term in fmt.cells:
        return (term,)
    parts = term.split(".")
    if len(parts) != 3 or _table(fmt, parts[0]) is None:
        return None
    table_id, row_id, col_id = parts
    group = groups(fmt.id, table_id).get(row_id)
    if group is None:
        return None
    cells = tuple(f"{table_id}.{leaf}.{col_id}" for leaf in group[1])
    return cells if all(c in fmt.cells for c in cells) else None


def join(terms: Iterable[str]) -> str:
    return SUM.join(terms)


def resolve(fmt: Format, ref: str) -> Target | None:
    """The target of a reference in this format, or ``None`` if the format has no such figure."""
    return _resolve(fmt.id, ref)


@cache
def _resolve(format_id: str, ref: str) -> Target | None:
    fmt = get_format(format_id)
    terms = ref.split(SUM)
    cells: list[str] = []
    for term in terms:
        found = term_cells(fmt, term)
        if found is None:
            return None
        cells.extend(found)
    tables = {fmt.cells[c].table for c in cells}
    if len(tables) != 1 or len(set(cells)) != len(cells):
        return None
    table_id = tables.pop()
    where = fmt.section(fmt.table(table_id).section).title
    money = all(fmt.cells[c].kind is CellKind.MONEY for c in cells)
    return Target(ref, table_id, tuple(cells), where, _name(fmt, table_id, terms, cells), money)


def _name(fmt: Format, table_id: str, terms: list[str], cells: list[str]) -> str:
    """The official labels of a figure: the cell's own description; a group row's label with the
    column; for a sum across columns, the header over them (行政诉讼) with the shared column label."""
    if len(terms) == 1 and terms[0] in fmt.cells:
        return fmt.cells[terms[0]].describe()
    if len(terms) == 1:
        row_id = terms[0].split(".")[1]
        label = groups(fmt.id, table_id)[row_id][0]
        first = fmt.cells[cells[0]]
        return f"{label}「{first.column_title}」"
    defs = [fmt.cells[c] for c in cells]
    cols = frozenset(d.column.id for d in defs)
    rows = {d.row.id for d in defs}
    over = [
        (text, under)
        for text, under in header_groups(fmt.id, table_id).items()
        if cols <= under and len(under) > 1
    ]
    if len(rows) == 1 and over:
        text, _ = min(over, key=lambda item: len(item[1]))
        shared = {d.column.label for d in defs}
        row = defs[0].row.label
        if len(shared) == 1:  # one column label under several headers: 行政诉讼「总计」
            column = shared.pop()
            parts = "＋".join(d.column_title.removesuffix(column) or column for d in defs)
            return f"{row}{text}「{column}」（{parts}）"
        parts = "＋".join(d.column.label for d in defs)
        return f"{row}「{text}」（{parts}）"
    return "＋".join(d.describe() for d in defs)


# -- values ------------------------------------------------------------------------------------


def value(report: Report, ref: str) -> float | int | None:
    """The number a figure stands for now, or ``None`` when a cell is blank or invalid."""
    target = resolve(report.definition, ref)
    if target is None:
        return None
    fmt = report.definition
    total: float | int = 0
    for cid in target.cells:
        n = number_of(report.cells.get(cid), fmt.cells[cid].kind)
        if n is None:
            return None
        total += n
    return total


def shown(report: Report, ref: str) -> str:
    """A figure as printed: the cell's value as the tables print it (a chosen money unit
    included), a sum's total, or ``BLANK``."""
    fmt = report.definition
    target = resolve(fmt, ref)
    if target is None:
        return BLANK
    if len(target.cells) == 1:
        cid = target.cells[0]
        cell_value: CellValue = report.cells.get(cid)
        if is_blank(cell_value) or number_of(cell_value, fmt.cells[cid].kind) is None:
            return BLANK
        return format_value(cell_value, fmt.cells[cid].column)
    n = value(report, ref)
    if n is None:
        return BLANK
    return format_amount(n) if isinstance(n, float) and n != int(n) else str(int(n))


def label(report: Report, ref: str) -> str:
    """The figure's official name, for tooltips, lists and messages."""
    target = resolve(report.definition, ref)
    return target.label if target is not None else UNKNOWN


def figure_refs(paragraph: Paragraph) -> list[str | None]:
    """The reference of each figure character of the text, in order (``None`` past the list)."""
    n = paragraph.text.count(FIGURE)
    return [paragraph.figures[i] if i < len(paragraph.figures) else None for i in range(n)]


def paragraph_text(report: Report, paragraph: Paragraph) -> str:
    """The text of ``paragraph`` as a reader sees it, each figure replaced by its current value.

    This is the one place where a paragraph becomes printable text: the DOCX, PDF and HTML
    writers, the dump and the previews all call it, so no output can print a stale number.
    A figure without a value prints as ``BLANK`` (□).
    """
    if FIGURE not in paragraph.text:
        return paragraph.text
    refs = iter(figure_refs(paragraph))
    return "".join(
        (shown(report, ref) if (ref := next(refs)) is not None else BLANK) if ch == FIGURE else ch
        for ch in paragraph.text
    )


# -- what can be inserted ------------------------------------------------------------------------


def targets(fmt: Format) -> list[Target]:
    """Every figure a clerk can insert, in the tables' order: each data cell (a row's total
    first, the figure prose needs most), each group row of table 三 per column before its rows
    (the 不予公开 group … as sums), and each sum a multi-column header defines per column label
    (the two litigation groups' 结果维持, the legal persons of table 三)."""
    out: list[Target] = []
    seen: set[tuple[str, ...]] = set()

    def add(ref: str) -> None:
        t = resolve(fmt, ref)
        if t is not None and t.cells not in seen:
            seen.add(t.cells)
            out.append(t)

    for table in fmt.tables:
        layout = fmt.layout(table.id)
        totals = total_columns(fmt.id, table.id)
        for row in layout.rows:
            for gid, (_, leaves) in groups(fmt.id, table.id).items():
                if leaves[0] == row.id:  # a group before its first row, as the table prints it
                    for col in sorted(row.columns, key=lambda c: c.id not in totals):
                        add(f"{table.id}.{gid}.{col.id}")
            for col in sorted(row.columns, key=lambda c: c.id not in totals):
                add(row.cell_id(col.id))
            for under in header_groups(fmt.id, table.id).values():
                for ref in _header_sums(fmt, table.id, row.id, under):
                    add(ref)
    return out


def _header_sums(fmt: Format, table_id: str, row_id: str, under: frozenset[str]) -> list[str]:
    row = fmt.layout(table_id).row(row_id)
    by_label: dict[str, list[str]] = {}
    for col in row.columns:
        if col.id in under:
            by_label.setdefault(col.label, []).append(row.cell_id(col.id))
    sums = [join(cells) for cells in by_label.values() if len(cells) > 1]
    totals = total_columns(fmt.id, table_id)
    if not totals & under:
        sums.append(join(row.cell_id(c.id) for c in row.columns if c.id in under))
    return sums
