"""The vocabulary in which statutory format versions are written down.

A format version is *data*: sections, tables made of blocks, a tree of rows, value columns and a
few declarative sum specs. Everything that consumers need (the printed grid with its spans, the
flat list of data rows with their group labels, one ``CellDef`` per data cell, the cell-level sum
relations) is derived here, once, so that the editor, the checks, the exporters and the importers
all read the same structure and never restate a label.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class CellKind(StrEnum):
    """What a data cell holds; drives input parsing, validation (G-E2/G-E3) and printing."""

    COUNT = "count"  # integer >= 0
    SIGNED = "signed"  # integer, may be negative (2019 本年增/减)
    MONEY = "money"  # decimal >= 0 with a unit (fixed by the column, or chosen by the clerk)


class Role(StrEnum):
    """The part a printed grid cell plays; exporters and the editor style by role."""

    TITLE = "title"  # block title spanning the whole table width
    HEADER = "header"  # column header text
    GROUP = "group"  # a row-group label spanning several data rows (no numbers of its own)
    LABEL = "label"  # the label of one data row
    VALUE = "value"  # one data cell


@dataclass(frozen=True)
class Column:
    """A value column of a block. ``unit`` fixes the money unit; ``None`` lets the clerk choose."""

    id: str
    label: str
    kind: CellKind = CellKind.COUNT
    unit: str | None = None
    units: tuple[str, ...] = ()  # units a clerk may choose when ``unit`` is not fixed
    words: tuple[str, ...] = ()  # how the narrative names what the column counts (制发, 废止…)


@dataclass(frozen=True)
class Row:
    """A node of a block's row tree: a leaf is a data row, an inner node is a group label."""

    id: str
    label: str
    children: tuple[Row, ...] = ()
    short: str | None = None  # how rule messages name the row, e.g. 第一项

    @property
    def is_group(self) -> bool:
        return bool(self.children)


@dataclass(frozen=True)
class HeaderCell:
    """An explicit header cell at (row, col) of the block's header area, relative to the block.

    Exactly one of ``text`` and ``column`` is set: ``column`` reuses that column's label, so a
    column label is written once even when the header prints it.
    """

    row: int
    col: int
    text: str | None = None
    column: str | None = None
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Block:
    """A run of a table with one title, one header and one set of value columns."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str | None = None
    label_header: str | None = None  # e.g. 信息内容; used when ``header`` is not given
    header: tuple[HeaderCell, ...] = ()
    header_rows: int = 1


@dataclass(frozen=True)
class RowSum:
    """Per row: ``total`` column = sum of ``parts`` columns (rows limited to ``rows`` if given)."""

    rule: str
    total: str
    parts: tuple[str, ...]
    rows: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnSum:
    """Per column: ``total`` row = sum of the data rows under ``group`` other than ``total``."""

    rule: str
    total: str
    group: str


@dataclass(frozen=True)
class ColumnEquation:
    """Per column: sum of ``lhs`` rows = sum of ``rhs`` rows (a stated 勾稽关系, nothing computed)."""

    rule: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]


@dataclass(frozen=True)
class CarryOver:
    """Per column: last year's ``source`` row is this year's ``target`` row (spec §7, T2-E4).

    With the stock columns, the only numbers that pass from one year's report to the next: every
    other cell counts what happened in its year and starts blank."""

    rule: str
    target: str
    source: str


@dataclass(frozen=True)
class Documents:
    """The table 二 rows that count documents (rules and normative documents) and what their
    columns mean from one year to the next (spec §3, §7), read by roll-forward, the T1/T1a rules
    and N-W3.

    ``made`` counts the documents issued this year in either version. The 2021 format keeps a
    year-end ``stock`` (last year's + ``made`` − ``removed``, T1-W1/W2), which is next year's
    baseline. The 2019 format has only a running ``public_total`` of what was
    ``published``: a different measure, offered as a hint when a 2019 report rolls into 2021."""

    rows: tuple[str, ...]
    made: str
    removed: str | None = None
    stock: str | None = None
    published: str | None = None
    public_total: str | None = None


@dataclass(frozen=True)
class Table:
    """A statutory table. ``value_width`` is the number of printed value columns of the grid."""

    id: str
    section: str
    blocks: tuple[Block, ...]
    value_width: int
    sums: tuple[RowSum | ColumnSum | ColumnEquation, ...] = ()
    carries: tuple[CarryOver, ...] = ()
    documents: Documents | None = None  # table 二: the document rows and their stock
    label_weights: tuple[float, ...] = ()  # relative printed widths of the label columns
    value_weight: float = 1.0


@dataclass(frozen=True)
class Section:
    """One of the six report sections. ``table`` names the table printed under it, if any."""

    id: str
    title: str
    table: str | None = None


@dataclass(frozen=True)
class Format:
    """A statutory format version: the single source of every label, cell and sum relation."""

    id: str
    name: str
    basis: str  # the document that issued it, cited in the preamble
    years: tuple[int, int | None]  # first and last report year it applies to (None: open)
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    markers: tuple[str, ...] = ()  # header texts that identify this format in a published report

    # -- derived views -----------------------------------------------------------------------

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    @cached_property
    def layouts(self) -> dict[str, TableLayout]:
        return {t.id: TableLayout.build(t) for t in self.tables}

    def layout(self, table_id: str) -> TableLayout:
        return self.layouts[table_id]

    @cached_property
    def cells(self) -> dict[str, CellDef]:
        """Every data cell of the format, in reading order, by id."""
        return {c.id: c for lay in self.layouts.values() for c in lay.cells}

    @cached_property
    def relations(self) -> tuple[Relation, ...]:
        """Cell-level sum relations and equations, in an order that computes totals correctly."""
        out: list[Relation] = []
        for t in self.tables:
            out.extend(_compile_sums(self.layout(t.id), t))
        return tuple(_order_relations(out))

    @cached_property
    def carried_cells(self) -> frozenset[str]:
        """Cells whose value passes into next year's report: the source rows of the carry-overs
        and the stock columns. A value anywhere else is a flow of its year, never "lost" when the
        next report starts blank there."""
        out: set[str] = set()
        for t in self.tables:
            layout = self.layout(t.id)
            for carry in t.carries:
                out.update(layout.row(carry.source).cell_ids)
            docs = t.documents
            if docs is not None and docs.stock is not None:
                out.update(layout.row(row).cell_id(docs.stock) for row in docs.rows)
        return frozenset(out)

    @property
    def documents(self) -> Documents:
        """The document rows of table 二 (every version has them)."""
        docs = self.table("active").documents
        assert docs is not None, "table 二 declares its document rows"
        return docs

    @cached_property
    def computed_cells(self) -> frozenset[str]:
        """Cells the editor fills itself: every total of a sum relation."""
        return frozenset(r.total for r in self.relations if r.total is not None)

    def applies_to(self, year: int) -> bool:
        first, last = self.years
        return year >= first and (last is None or year <= last)


@dataclass(frozen=True)
class CellDef:
    """One data cell: where it sits, what it holds and how messages name it."""

    id: str
    table: str
    row: DataRow
    column: Column
    column_title: str  # the column label, prefixed by its parent header where the label repeats

    @property
    def kind(self) -> CellKind:
        return self.column.kind

    def describe(self) -> str:
        """How messages name the cell: the nearest group label, the row label, the column label."""
        groups = [g for g in self.row.group if g != self.row.block_title]
        where = (groups[-1] if groups and self.row.label[:1].isdigit() else "") + self.row.label
        return f"{where}「{self.column_title}」" if where else f"「{self.column_title}」"


@dataclass(frozen=True)
class DataRow:
    """A data row as consumers see it: flat, in official order, with its group labels."""

    id: str
    label: str
    group: tuple[str, ...]
    columns: tuple[Column, ...]
    table: str
    short: str | None = None
    block_title: str | None = None

    def cell_id(self, column_id: str) -> str:
        return f"{self.table}.{self.id}.{column_id}"

    @property
    def cell_ids(self) -> tuple[str, ...]:
        return tuple(self.cell_id(c.id) for c in self.columns)


@dataclass(frozen=True)
class GridCell:
    """A printed cell of a table grid. ``cell`` is the data cell id of a VALUE cell."""

    row: int
    col: int
    role: Role
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    cell: str | None = None
    header: bool = False  # part of a header area (repeated at a page break when at the top)


@dataclass(frozen=True)
class TableLayout:
    """The printed grid of a table, derived from its blocks; the editor and exporters draw it."""

    table: Table
    n_rows: int
    n_cols: int
    label_cols: int
    grid: tuple[GridCell, ...]
    rows: tuple[DataRow, ...]
    repeat_rows: int  # leading grid rows to repeat on every page (the table's own header)

    @cached_property
    def cells(self) -> list[CellDef]:
        titles = self.column_titles()
        return [
            CellDef(cid, self.table.id, r, col, titles.get(col.id, col.label))
            for r in self.rows
            for cid, col in zip(r.cell_ids, r.columns, strict=True)
        ]

    def column_titles(self) -> dict[str, str]:
        """Column names for messages: a label that repeats (结果维持 ×3) gets its parent header."""
        labels = [c.label for b in self.table.blocks for c in b.columns]
        out: dict[str, str] = {}
        for block in self.table.blocks:
            own = {(h.row, h.col): h for h in block.header}
            for h in block.header:
                if h.column is None or labels.count(self._label(h.column)) < 2:
                    continue
                parent = next(
                    (
                        p
                        for p in own.values()
                        if p.row == h.row - 1 and p.col <= h.col < p.col + p.colspan and p.text
                    ),
                    None,
                )
                out[h.column] = (parent.text if parent else "") + self._label(h.column)
        return out

    def _label(self, column_id: str) -> str:
        return next(c.label for b in self.table.blocks for c in b.columns if c.id == column_id)

    def row(self, row_id: str) -> DataRow:
        for r in self.rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)

    def column_weights(self) -> list[float]:
        """Relative printed widths of the grid columns (labels first, then values)."""
        labels = list(self.table.label_weights) or [3.0] * self.label_cols
        return labels[: self.label_cols] + [self.table.value_weight] * (self.n_cols - self.label_cols)

    @classmethod
    def build(cls, table: Table) -> TableLayout:
        label_cols = max(_depth(r) for b in table.blocks for r in b.rows)
        n_cols = label_cols + table.value_width
        grid: list[GridCell] = []
        rows: list[DataRow] = []
        r = 0
        for block in table.blocks:
            if block.title is not None:
                grid.append(GridCell(r, 0, Role.TITLE, block.title, colspan=n_cols))
                r += 1
            spans = _stretch(len(block.columns), table.value_width)
            if block.header:
                by_id = {c.id: c for c in block.columns}
                for h in block.header:
                    text = h.text if h.text is not None else by_id[h.column or ""].label
                    role = Role.HEADER
                    grid.append(GridCell(r + h.row, h.col, role, text, h.rowspan, h.colspan, header=True))
                r += block.header_rows
            elif block.label_header is not None:
                grid.append(GridCell(r, 0, Role.HEADER, block.label_header, colspan=label_cols, header=True))
                for (c0, span), col in zip(spans, block.columns, strict=True):
                    grid.append(
                        GridCell(r, label_cols + c0, Role.HEADER, col.label, colspan=span, header=True)
                    )
                r += 1
            group0 = (block.title,) if block.title else ()
            r = _place_rows(block, table, block.rows, 0, r, label_cols, spans, group0, grid, rows)
        repeat = (
            table.blocks[0].header_rows if table.blocks[0].header and table.blocks[0].title is None else 0
        )
        return cls(table, r, n_cols, label_cols, tuple(grid), tuple(rows), repeat)


@dataclass(frozen=True)
class Relation:
    """A cell-level rule: ``total = sum(parts)`` (``total`` set) or ``sum(lhs) = sum(rhs)``."""

    rule: str
    parts: tuple[str, ...]
    total: str | None = None
    rhs: tuple[str, ...] = ()
    column: str | None = None  # the column an equation runs down, for messages
    row: str | None = None  # the row a row sum runs along, for messages

    @property
    def cells(self) -> tuple[str, ...]:
        head = (self.total,) if self.total else ()
        return head + self.parts + self.rhs


def _depth(row: Row) -> int:
    return 1 + max((_depth(c) for c in row.children), default=0) if row.children else (1 if row.label else 0)


def _leaves(row: Row) -> int:
    return sum(_leaves(c) for c in row.children) if row.children else 1


def _stretch(n: int, width: int) -> list[tuple[int, int]]:
    """Column offsets and spans: ``n`` value columns fill ``width``; the last one stretches."""
    return [(i, 1 if i < n - 1 else width - n + 1) for i in range(n)]


def _place_rows(
    block: Block,
    table: Table,
    nodes: tuple[Row, ...],
    depth: int,
    r: int,
    label_cols: int,
    spans: list[tuple[int, int]],
    group: tuple[str, ...],
    grid: list[GridCell],
    rows: list[DataRow],
) -> int:
    for node in nodes:
        if node.is_group:
            grid.append(GridCell(r, depth, Role.GROUP, node.label, rowspan=_leaves(node)))
            r = _place_rows(
                block, table, node.children, depth + 1, r, label_cols, spans, (*group, node.label), grid, rows
            )
            continue
        data = DataRow(node.id, node.label, group, block.columns, table.id, node.short, block.title)
        rows.append(data)
        if label_cols > depth:
            grid.append(GridCell(r, depth, Role.LABEL, node.label, colspan=label_cols - depth))
        for (c0, span), col in zip(spans, block.columns, strict=True):
            grid.append(GridCell(r, label_cols + c0, Role.VALUE, colspan=span, cell=data.cell_id(col.id)))
        r += 1
    return r


def _compile_sums(layout: TableLayout, table: Table) -> list[Relation]:
    out: list[Relation] = []
    for spec in table.sums:
        if isinstance(spec, RowSum):
            for row in layout.rows:
                if spec.rows and row.id not in spec.rows:
                    continue
                ids = {c.id for c in row.columns}
                if spec.total in ids:
                    parts = tuple(row.cell_id(p) for p in spec.parts)
                    out.append(Relation(spec.rule, parts, total=row.cell_id(spec.total), row=row.id))
        elif isinstance(spec, ColumnSum):
            members = [r for r in layout.rows if spec.group in _group_ids(table, r.id) and r.id != spec.total]
            total = layout.row(spec.total)
            for col in total.columns:
                parts = tuple(m.cell_id(col.id) for m in members)
                out.append(Relation(spec.rule, parts, total=total.cell_id(col.id), column=col.id))
        else:
            lhs, rhs = [layout.row(i) for i in spec.lhs], [layout.row(i) for i in spec.rhs]
            for col in lhs[0].columns:
                out.append(
                    Relation(
                        spec.rule,
                        tuple(r.cell_id(col.id) for r in lhs),
                        rhs=tuple(r.cell_id(col.id) for r in rhs),
                        column=col.id,
                    )
                )
    return out


def _group_ids(table: Table, row_id: str) -> tuple[str, ...]:
    """Ids of the group nodes above a data row."""

    def walk(nodes: tuple[Row, ...], path: tuple[str, ...]) -> tuple[str, ...] | None:
        for n in nodes:
            if n.id == row_id and not n.is_group:
                return path
            if n.is_group and (found := walk(n.children, (*path, n.id))) is not None:
                return found
        return None

    for b in table.blocks:
        if (found := walk(b.rows, ())) is not None:
            return found
    return ()


def _order_relations(relations: list[Relation]) -> list[Relation]:
    """Topological order: a relation comes after every relation whose total it sums."""
    pending = list(relations)
    done: list[Relation] = []
    while pending:
        open_totals = {r.total for r in pending if r.total}
        ready = [r for r in pending if not (set(r.parts) & (open_totals - {r.total}))]
        if not ready:  # a cycle would be a definition error
            raise ValueError("circular sum relations in a format definition")
        done.extend(ready)
        pending = [r for r in pending if r not in ready]
    return done
