"""Reading the three statutory tables from a stream of printed pieces, by their labels.

Word tables are split at page breaks, text extraction drops or invents empty cells, and a page
break can leave a stray character in a row (``理`` in a published 2020 report). So the reader
does not trust the printed grid. It walks the pieces in order: a row label (matched against the
format definition) opens a data row, the numbers after it fill that row, and any other label,
header or text closes it. Block titles and headers are recognised and skipped wherever they
appear, so a header repeated after a page break does no harm. A Word row is exact: there an
empty cell is a blank value and the cell's grid column says which column it is.

A row the target format does not have, printed in the other format's layout (a 2022 report in
a 2019 template with the 2021 （六） sub-rows typed in, a 2019 （五） block with three columns), is
read with the columns it was printed with and mapped to the target by cell id; what has no
counterpart is named in a note with its numbers, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from giedit.importers.cells import is_empty_mark, is_page_number, looks_like_cell, read_cell
from giedit.importers.matching import Kind, Known, Match, Vocabulary, key
from giedit.importers.result import ImportNote, NoteKind, blank_cell
from giedit.importers.source import Line
from giedit.model.rule_ids import G_W1, I_W1
from giedit.model.schema import Column, DataRow, Format, Role, TableLayout
from giedit.model.totals import blank_totals
from giedit.model.values import CellValue, show_value

TRUNCATED = "原文在此处中断，缺少这一格"
CUT_LABEL = "原文在此处中断，疑似下一行被截断的开头，已忽略"
_BLANK_KINDS = (NoteKind.MISSING, NoteKind.UNREADABLE)  # the notes of a cell left blank
MAX_JOIN = 4  # a label broken over at most this many lines
STRAY_CHARS = 3  # text this short with no digit is page-break debris, not a label


@dataclass(frozen=True)
class Piece:
    """One printed piece: a cell of a row, or a line of text."""

    text: str
    where: str
    line: int  # index of the source line
    section: str | None
    col: int | None = None
    grid: int | None = None
    exact: bool = False  # a table cell: empty means blank, the grid column is reliable
    row_end: bool = False  # marks the end of a table row
    positional: bool = False  # a field of a tab/pipe text row: an empty one keeps its place


@dataclass
class _Open:
    row: DataRow
    where: str
    line: int  # the source line that opened the row
    fmt: str  # the format whose row this is: the target's, or the one it was printed in
    printed: str  # the label as printed
    pieces: list[Piece] = field(default_factory=list)


@dataclass
class _Foreign:
    """A row printed in another format's layout, its cells with no counterpart in the target."""

    row: DataRow
    fmt: str
    printed: str
    where: str
    lost: list[tuple[Column, Piece | str | None]]
    mapped: list[str]  # how the cells that went to the target's cells of the same id are shown


@dataclass
class TableReading:
    cells: dict[str, CellValue] = field(default_factory=dict)
    notes: list[ImportNote] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # tables with at least one row read
    seen: set[str] = field(default_factory=set)  # cells printed in the source, readable or not
    before: dict[str, list[int]] = field(default_factory=dict)  # section -> text lines before its table
    after: dict[str, list[int]] = field(default_factory=dict)  # section -> text lines after it


def pieces_of(
    lines: list[Line],
    indices: list[int],
    section_of: dict[int, str],
    vocab: Vocabulary | None = None,
) -> list[Piece]:
    """The pieces of the given lines; ``vocab`` tells a label printed in several words
    (a group label and an item label, then the numbers) in a row flattened with spaces."""
    out: list[Piece] = []
    for i in indices:
        line, section = lines[i], section_of.get(i)
        if line.exact and line.cells is not None:
            for c in line.cells:
                out.append(Piece(c.text, line.where, i, section, c.col, line.grid, exact=True))
            out.append(Piece("", line.where, i, section, row_end=True))
            continue
        texts = [c.text for c in line.cells] if line.cells is not None else [line.text]
        split = [_split(text, vocab) for text in texts]
        if line.positional and all(len(parts) <= 1 for parts in split):
            for text in texts:  # one piece per field, the empty ones included
                out.append(Piece(text, line.where, i, section, positional=True))
            continue
        for parts in split:
            out.extend(Piece(t, line.where, i, section) for t in parts)
    return out


def _split(text: str, vocab: Vocabulary | None) -> list[str]:
    """``规章 0 0 0`` (a row flattened into one line with spaces) into a label and its numbers;
    with ``vocab``, also a label printed in several words and the start of the next row's label
    after the numbers (``… 0 0 2.其他法律`` where a copy stops)."""
    if not text.strip():
        return []
    parts = text.split()
    if len(parts) > 1 and all(looks_like_cell(p) for p in parts[1:]):
        return parts if looks_like_cell(parts[0]) else [parts[0], *parts[1:]]
    if vocab is None:
        return [text]
    tail: list[str] = []
    if len(parts) > 2 and not looks_like_cell(parts[-1]) and vocab.is_prefix(parts[-1]):
        parts, tail = parts[:-1], parts[-1:]
    for j in range(1, len(parts)):  # the label itself may have spaces: 「（三）不予公开 1.属于国家秘密」
        label = " ".join(parts[:j])
        if all(looks_like_cell(p) for p in parts[j:]) and (j == 1 or vocab.lookup(label) is not None):
            return [label, *parts[j:], *tail]
    return [text]


class TableReader:
    """The state machine described in the module docstring; one instance per document."""

    def __init__(self, fmt: Format, vocab: Vocabulary) -> None:
        self.fmt = fmt
        self.vocab = vocab
        self.out = TableReading()
        self.open: _Open | None = None
        self.table: str | None = None
        self.done: set[str] = set()
        self.started: set[str | None] = set()  # sections whose table has begun
        self.orphans: list[Piece] = []
        self.unknown: str | None = None  # the last unrecognised text, e.g. a local extra row
        self.last_line: int | None = None  # the source's last line when the source is cut off
        self.printed: str | None = None  # the format whose headers the current block prints
        self.fallback: tuple[Known, Piece] | None = None  # a group label that may be a data row
        self.foreign: list[_Foreign] = []

    def read(self, pieces: list[Piece], document_ends: bool) -> TableReading:
        """Read all pieces; ``document_ends``: the source stops right after them (a cut-off copy)."""
        self.last_line = pieces[-1].line if pieces and document_ends else None
        i = 0
        while i < len(pieces):
            i = self._step(pieces, i)
        self._close(truncated=document_ends)
        self._flush_orphans()
        self._settle_foreign()
        self._complete_totals()
        return self.out

    def _complete_totals(self) -> None:
        """A total the source does not give (a copy cut off after a row's last item, a total
        cell printed empty) while every one of its parts was read is worked out as 「重算合计」
        does, and its blank-cell note becomes one saying so: the clerk cannot type a total, and a
        blank one would stay an error that nothing on the screen explains."""
        for cid, value in blank_totals(self.fmt, self.out.cells).items():
            self.out.cells[cid] = value
            blank = [n for n in self.out.notes if n.cell == cid and n.kind in _BLANK_KINDS]
            self.out.notes = [n for n in self.out.notes if n not in blank]
            why = f"{blank[0].reason.removesuffix('，留空')}；" if blank and blank[0].reason else ""
            cell = self.fmt.cells[cid]
            self.out.notes.append(
                ImportNote(
                    NoteKind.INFO,
                    f"{cell.describe()}：{value}（{why}由各项相加得出）",
                    cid,
                    where=blank[0].where if blank else None,
                )
            )

    def _step(self, pieces: list[Piece], i: int) -> int:
        p = pieces[i]
        if p.row_end:
            self._close()
            return i + 1
        if (p.exact or p.positional) and not p.text.strip():
            if self.open is not None and (p.exact or self.open.line == p.line):
                self.open.pieces.append(p)
            return i + 1
        if looks_like_cell(p.text) and not self._is_label_start(pieces, i):
            if is_page_number(p.text) and not p.exact:
                self._ignore(p, "疑似页码，已忽略")
            else:
                self._value(p)
            return i + 1
        match, used = self._match(pieces, i)
        if match is not None:
            self._known(match, pieces[i : i + used])
            return i + used
        self._text(p)
        return i + 1

    # -- recognising pieces ---------------------------------------------------------------------

    def _is_label_start(self, pieces: list[Piece], i: int) -> bool:
        m = self.vocab.lookup(pieces[i].text, self.table, self.printed)
        return m is not None and not m.variant

    def _match(self, pieces: list[Piece], i: int) -> tuple[Match | None, int]:
        """The known text at ``i``, trying pieces joined (a label broken over lines) if needed."""
        first = pieces[i]
        m = self.vocab.lookup(first.text, self.table, self.printed)
        if m is not None and not m.variant:
            return m, 1
        if not first.exact:
            joined = first.text
            for n in range(2, MAX_JOIN + 1):
                j = i + n - 1
                if (
                    j >= len(pieces)
                    or pieces[j].exact
                    or pieces[j].row_end
                    or looks_like_cell(pieces[j].text)
                ):
                    break
                if not self.vocab.is_prefix(joined):
                    break
                joined += pieces[j].text
                mj = self.vocab.lookup(joined, self.table, self.printed)
                if mj is not None and not mj.variant:
                    return mj, n
        return m, 1

    def _known(self, match: Match, used: list[Piece]) -> None:
        known = match.known
        self._close()
        self._flush_orphans()
        self.unknown = None
        self.fallback = None
        if not match.shared and known.table != self.table:
            self.table = known.table
            self.printed = None
        if known.kind is Kind.TEXT:
            # a header only one format prints tells the layout of the rows below it; a title
            # or a header both print (第二十条第（五）项, 信息内容) starts a block of unknown layout
            self.printed = match.only
            if match.alt is not None:
                self.fallback = (match.alt, used[0])
        section = used[0].section
        self.started.add(section)
        printed = "".join(p.text for p in used).strip()
        if match.variant:
            self.out.notes.append(
                ImportNote(
                    NoteKind.VARIANT,
                    f"「{printed}」按「{known.label}」读取（原文与规定的文字不同）",
                    section=section,
                    source=printed,
                    where=used[0].where,
                    rule=I_W1,
                )
            )
        if known.kind is Kind.ROW and known.row is not None:
            self._open_row(*self._row_printed(known, printed, used[0]), used[0], printed)

    def _row_printed(self, known: Known, printed: str, at: Piece) -> tuple[DataRow, str]:
        """The row as printed: a label of another format inside a block printed with the
        layout of a format that has the same row (the 2019 wording of a row under 2021 headers) is that
        format's row, read as a variant."""
        row = known.row
        assert row is not None
        if self.printed is None or self.printed == known.fmt:
            return row, known.fmt
        same = _row(self.vocab.formats[self.printed], row.table, row.id)
        if same is None:
            return row, known.fmt
        self.out.notes.append(
            ImportNote(
                NoteKind.VARIANT,
                f"「{printed}」按「{same.label}」读取（原文与规定的文字不同）",
                section=at.section,
                source=printed,
                where=at.where,
                rule=I_W1,
            )
        )
        return same, self.printed

    def _open_row(self, row: DataRow, fmt: str, at: Piece, printed: str) -> None:
        rid = f"{row.table}.{row.id}" if fmt == self.fmt.id else f"{fmt}:{row.table}.{row.id}"
        if rid in self.done:
            self._ignore(at, f"「{row.label}」一行重复出现，已按第一次出现的数字读取")
            self.open = None
            return
        self.open = _Open(row, at.where, at.line, fmt, printed)

    def _value(self, p: Piece) -> None:
        if self.open is None and self.fallback is not None:
            known, at = self.fallback
            self.fallback = None
            assert known.row is not None
            self._open_row(known.row, known.fmt, at, known.label)
        if self.open is None and self.unknown is None:
            unlabelled = self._unlabelled_row()
            if unlabelled is not None:
                self.started.add(p.section)
                self.open = _Open(unlabelled, p.where, p.line, self.fmt.id, "")
        if self.open is None:
            self.orphans.append(p)
            return
        self.open.pieces.append(p)

    def _unlabelled_row(self) -> DataRow | None:
        """Table 四's single data row has no label: numbers after its header belong to it."""
        if self.table is None:
            return None
        for row in self.fmt.layout(self.table).rows:
            if not row.label and f"{row.table}.{row.id}" not in self.done:
                return row
        return None

    def _text(self, p: Piece) -> None:
        text = p.text.strip()
        self.fallback = None
        if len(text) <= STRAY_CHARS and not any(ch.isdigit() for ch in text):
            self._ignore(p, "疑似分页留下的零散文字，已忽略")
            return
        if p.line == self.last_line and self.vocab.is_prefix(text):
            self._close()
            self._ignore(p, CUT_LABEL)  # 「2.其他法律」: a label the copy stops in
            return
        self._close()
        self._flush_orphans()
        self.unknown = text
        side = self.out.after if p.section in self.started else self.out.before
        lines = side.setdefault(p.section or "", [])
        if not lines or lines[-1] != p.line:  # pieces come in line order
            lines.append(p.line)

    # -- closing a row --------------------------------------------------------------------------

    def _close(self, truncated: bool = False) -> None:
        if self.open is None:
            return
        opened = self.open
        row, where, pieces = opened.row, opened.where, opened.pieces
        self.open = None
        foreign = opened.fmt != self.fmt.id
        self.done.add(f"{opened.fmt}:{row.table}.{row.id}" if foreign else f"{row.table}.{row.id}")
        self.out.found.add(row.table)
        layout = self.vocab.formats[opened.fmt].layout(row.table)
        if truncated:
            pieces = self._without_cut_tail(row, pieces)
        assigned = _by_grid(layout, row, pieces) or _in_order(row, pieces, truncated)
        if foreign:
            self._map_foreign(opened, assigned)
            return
        for cell_id, column in zip(row.cell_ids, row.columns, strict=True):
            self._cell(cell_id, column, assigned.get(cell_id), where)

    def _map_foreign(self, opened: _Open, assigned: dict[str, Piece | str]) -> None:
        """Cells of a row printed in another format go to the target's cells of the same id
        (the decisions column of a 2019 （五） block is the 2021 one); the rest is kept
        for a note once the whole table is read."""
        row = opened.row
        lost: list[tuple[Column, Piece | str | None]] = []
        mapped: list[str] = []
        for cell_id, column in zip(row.cell_ids, row.columns, strict=True):
            got = assigned.get(cell_id)
            target = self.fmt.cells.get(cell_id)
            if target is not None and cell_id not in self.out.seen:
                self._cell(cell_id, target.column, got, opened.where)
                if target.column.label != column.label:
                    mapped.append(f"「{column.label}」读入「{target.column.label}」")
            else:
                lost.append((column, got))
        if lost:
            self.foreign.append(_Foreign(row, opened.fmt, opened.printed, opened.where, lost, mapped))

    def _cell(self, cell_id: str, column: Column, got: Piece | str | None, where: str) -> None:
        cell = self.fmt.cells[cell_id]
        if got != TRUNCATED:
            self.out.seen.add(cell_id)
        if isinstance(got, str) or got is None:
            reason = got or "原文中没有这一格"
            self.out.notes.append(blank_cell(NoteKind.MISSING, cell, reason, where))
            return
        reading = read_cell(got.text, column)
        self.out.cells[cell_id] = reading.value
        if reading.error is not None:
            kind = (
                NoteKind.MISSING if is_empty_mark(got.text) or not got.text.strip() else NoteKind.UNREADABLE
            )
            self.out.notes.append(blank_cell(kind, cell, f"{reading.error}，留空", got.where, got.text))
        elif reading.changed:
            self.out.notes.append(
                ImportNote(
                    NoteKind.NORMALISED,
                    f"{cell.describe()}：原文「{got.text}」读作 {show_value(reading.value)}（{reading.changed}）",
                    cell_id,
                    source=got.text,
                    where=got.where,
                    rule=G_W1,
                )
            )
        else:
            self.out.notes.append(
                ImportNote(
                    NoteKind.READ,
                    f"{cell.describe()}：{show_value(reading.value)}",
                    cell_id,
                    source=got.text,
                    where=got.where,
                )
            )

    def _without_cut_tail(self, row: DataRow, pieces: list[Piece]) -> list[Piece]:
        """A copy cut off inside the next row's label leaves its first characters (``2`` or
        ``2.其他法`` of ``2.其他法律…``) on the last line, on a line of its own or after the
        row's last number; they must not spoil the complete row before them."""
        n = len(row.cell_ids)
        tail = [p for p in pieces if p.line == self.last_line]
        head = [p for p in pieces if p.line != self.last_line]
        if tail and head and len([p for p in head if p.text.strip()]) == n:
            return self._cut(head, tail)
        trimmed = list(pieces)
        while len(trimmed) > n and trimmed[-1].positional and not trimmed[-1].text.strip():
            trimmed.pop()  # a separator after the cut-off text
        for kept in (trimmed, [p for p in trimmed if p.text.strip()]):  # by place, then numbers only
            extra = kept[n:]
            if len(kept) > n and all(p.line == self.last_line for p in extra) and self._is_cut_label(extra):
                return self._cut(pieces[: pieces.index(kept[n - 1]) + 1], extra)
        return pieces

    def _is_cut_label(self, extra: list[Piece]) -> bool:
        printed = "".join(p.text.strip() for p in extra)
        return bool(printed) and self.vocab.is_prefix(printed)

    def _cut(self, head: list[Piece], tail: list[Piece]) -> list[Piece]:
        for p in tail:
            if p.text.strip():
                self._ignore(p, CUT_LABEL)
        return head

    # -- rows of another format -----------------------------------------------------------------

    def _settle_foreign(self) -> None:
        """Say what each row printed in another format's layout could not give the target.

        A 2019 （六） row (other handling) is split into three rows in 2021: when every number it
        prints is 0, each of the three is 0 too; otherwise the split is unknown and the three
        rows stay blank, with the printed numbers in the note."""
        for f in self.foreign:
            source = self.vocab.formats[f.fmt]
            split = [
                r
                for r in self.fmt.layout(f.row.table).rows
                if r.group and key(r.group[-1]) == key(f.row.label)
            ]
            split_ids = [cid for r in split for cid in r.cell_ids]
            printed = "、".join(f"{column.label} {_shown(got)}" for column, got in f.lost)
            section = self.fmt.table(f.row.table).section
            head = f"「{f.printed}」一行按{short_name(source)}印出"
            if split and not any(cid in self.out.seen for cid in split_ids):
                names = "」「".join(r.label for r in split)
                if all(self._is_zero(column, got) for column, got in f.lost):
                    for cid in split_ids:
                        self.out.cells[cid] = 0
                        self.out.seen.add(cid)
                        cell = self.fmt.cells[cid]
                        self.out.notes.append(
                            ImportNote(
                                NoteKind.VARIANT,
                                f"{cell.describe()}：0（{head}，各数均为 0，分为{len(split)}行后也都是 0）",
                                cid,
                                source=_shown(f.lost[0][1]),
                                where=f.where,
                                rule=I_W1,
                            )
                        )
                    continue
                why = f"{head}（{printed}），{short_name(self.fmt)}把这一项分为「{names}」{len(split)}行，无法确定各数属于哪一行，请按实际情况填写"
                short = f"{head}，无法分到{len(split)}行，留空（原文的数字见“已忽略”中的说明）"
                for cid in split_ids:
                    self.out.seen.add(cid)
                    self.out.notes.append(blank_cell(NoteKind.MISSING, self.fmt.cells[cid], short, f.where))
                self.out.notes.append(
                    ImportNote(
                        NoteKind.IGNORED,
                        f"{why}；这一行的数字未导入",
                        section=section,
                        source=printed,
                        where=f.where,
                    )
                )
                continue
            same = _row(self.fmt, f.row.table, f.row.id)
            if split:
                why = f"{head}（{printed}），是其下各行的小计，{short_name(self.fmt)}不单列小计，未导入"
            elif len(f.lost) < len(f.row.cell_ids):
                done = f"：{'、'.join(f.mapped)}；" if f.mapped else "，"
                why = f"{head}{done}{printed} 在{short_name(self.fmt)}中没有对应的栏目，未导入"
            elif same is not None:
                columns = "、".join(c.label for c in same.columns)
                why = (
                    f"{head}（{printed}），与{short_name(self.fmt)}「{same.label}」一行的栏目（{columns}）含义不同，"
                    "未导入，请按新格式填写"
                )
            else:
                why = f"{head}（{printed}），{short_name(self.fmt)}中没有这一行，未导入"
            self.out.notes.append(
                ImportNote(NoteKind.IGNORED, why, section=section, source=printed, where=f.where)
            )

    @staticmethod
    def _is_zero(column: Column, got: Piece | str | None) -> bool:
        return isinstance(got, Piece) and read_cell(got.text, column).value == 0

    # -- leftovers ------------------------------------------------------------------------------

    def _ignore(self, p: Piece, why: str) -> None:
        self.out.notes.append(
            ImportNote(
                NoteKind.IGNORED,
                f"「{p.text.strip()}」：{why}",
                section=p.section,
                source=p.text,
                where=p.where,
            )
        )

    def _flush_orphans(self) -> None:
        if not self.orphans:
            return
        numbers = "、".join(_shown(p) for p in self.orphans)
        owner = f"「{self.unknown}」一行不在规定的表格中，" if self.unknown else ""
        first = self.orphans[0]
        self.out.notes.append(
            ImportNote(
                NoteKind.IGNORED,
                f"{owner}数字 {numbers} 不属于表格中的任何一行，已忽略",
                section=first.section,
                source=numbers,
                where=first.where,
            )
        )
        self.orphans = []


def short_name(fmt: Format) -> str:
    """``2019年格式（试行）``: how notes name a format where the full title would drown the point."""
    year = re.search(r"〔(\d{4})〕", fmt.basis)
    shown = f"{year.group(1)}年格式" if year else fmt.name
    return shown + ("（试行）" if "试行" in fmt.name else "")


def _shown(got: Piece | str | None) -> str:
    """A printed cell as a note quotes it."""
    if isinstance(got, Piece):
        return got.text.strip() or "（空）"
    return "（缺）"


def _row(fmt: Format, table: str, row_id: str) -> DataRow | None:
    return next((r for r in fmt.layout(table).rows if r.id == row_id), None)


def _by_grid(layout: TableLayout, row: DataRow, pieces: list[Piece]) -> dict[str, Piece | str] | None:
    """Word cells placed by grid column, when the Word table has the official grid width."""
    if not pieces or not all(p.exact and p.col is not None for p in pieces):
        return None
    if any(p.grid != layout.n_cols for p in pieces):
        return None
    ids = set(row.cell_ids)
    spans = {
        g.cell: (g.col, g.col + g.colspan) for g in layout.grid if g.role is Role.VALUE and g.cell in ids
    }
    out: dict[str, Piece | str] = {}
    for p in pieces:
        owners = [cid for cid, (a, b) in spans.items() if a <= (p.col or 0) < b]
        if len(owners) != 1:
            return None
        if owners[0] in out:
            return None
        out[owners[0]] = p
    return out


def _in_order(row: DataRow, pieces: list[Piece], truncated: bool) -> dict[str, Piece | str]:
    """Numbers in printed order; a short or long row is left blank rather than guessed."""
    n = len(row.cell_ids)
    values = list(pieces)
    filled = [v for v in values if v.text.strip()]
    if len(values) > n and len(filled) == n:
        values = filled  # the extra cells are empty: a widened value cell left unmerged
    while len(values) > n and values[-1].positional and not values[-1].text.strip():
        values.pop()  # ``规章\t0\t0\t\t``: a trailing separator, not a cell
    if len(values) == n:
        return dict(zip(row.cell_ids, values, strict=True))
    printed = "、".join(_shown(v) for v in values)
    if len(values) < n and truncated and values:
        out: dict[str, Piece | str] = dict(zip(row.cell_ids, values, strict=False))
        for cid in row.cell_ids[len(values) :]:
            out[cid] = TRUNCATED
        return out
    if not values:
        return dict.fromkeys(row.cell_ids, "原文这一行没有数字")
    reason = f"这一行印有 {len(values)} 个数（{printed}），应为 {n} 个，无法确定各数对应哪一列"
    return dict.fromkeys(row.cell_ids, reason)
