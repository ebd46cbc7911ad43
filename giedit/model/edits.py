"""The one mutation path of a report: small edit objects that can be applied and reverted.

The editor never writes into a report directly. Every user action becomes one edit here, which
the Qt shell wraps in one undo command; the checks re-run after each apply or revert. Because a
cell edit also rewrites the computed totals that depend on it, one undo step restores the cells
and their totals together. The factory functions turn what a clerk does (type text, paste a
block, clear, fill blanks with 0, recompute totals; write and arrange the narrative; fill in the
basic information; dismiss a warning or accept an error with a reason) into edits, refusing bad
input with a Chinese message before anything changes. No Qt here, so all of it is tested without
a window.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from giedit.model import inline
from giedit.model.report import FIGURE, Level, Paragraph, Report
from giedit.model.schema import CellKind, Role
from giedit.model.totals import compute_totals
from giedit.model.values import CellValue, Money, is_blank, parse_typed

Change = tuple[CellValue, CellValue]  # (old, new)
MAX_DIGITS = 15  # more digits than any count or amount of a report: a slip of the keyboard
SHOWN_CHARS = 20  # how much of refused input a message quotes

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """A message made safe for one line: control characters and line breaks become spaces."""
    return _CONTROL.sub(" ", text)


def shown(text: str) -> str:
    """Refused input as a message quotes it: one line, trimmed, clipped."""
    s = one_line(text).strip()
    return s if len(s) <= SHOWN_CHARS else s[: SHOWN_CHARS - 1] + "…"


class InputError(ValueError):
    """Input refused before any change; ``str(err)`` is a Chinese message for the clerk."""


class Edit(Protocol):
    """What the undo stack holds: a reversible change to a report, which may take in the next
    change of the same kind (typing goes on) so that both are one undo step."""

    def apply(self, report: Report) -> None: ...

    def revert(self, report: Report) -> None: ...

    def absorb(self, later: Edit) -> bool: ...


class _Single:
    """An edit that is always its own undo step."""

    def absorb(self, later: Edit) -> bool:
        return False


@dataclass
class SetCells(_Single):
    """Set data cells, and rewrite the totals that depend on them in the same step.

    ``changes`` maps cell ids to ``(old, new)``. The dependent totals are worked out on the first
    apply and remembered, so redo and undo restore exactly the values the clerk saw. Totals not
    downstream of a changed cell are left alone: an imported report keeps its stored totals (and
    its findings) until the clerk asks to recompute them.
    """

    changes: dict[str, Change]
    totals: dict[str, Change] | None = field(default=None, init=False)
    absent: frozenset[str] | None = field(default=None, init=False)  # cells the report lacked

    def apply(self, report: Report) -> None:
        if self.absent is None:  # an imported report may lack a table: undo must not fill it in
            self.absent = frozenset(c for c in report.definition.cells if c not in report.cells)
        for cid, (_, new) in self.changes.items():
            report.cells[cid] = new
        if self.totals is None:
            self.totals = _recompute(report, self.changes)
        for cid, (_, new) in self.totals.items():
            report.cells[cid] = new

    def revert(self, report: Report) -> None:
        for cid, (old, _) in (self.totals or {}).items():
            report.cells[cid] = old
        for cid, (old, _) in self.changes.items():
            report.cells[cid] = old
        for cid in self.absent or ():
            report.cells.pop(cid, None)


@dataclass
class SetField(_Single):
    """Set one field of the report outside the tables, e.g. ``("body", "name")``."""

    path: tuple[str, ...]
    old: Any
    new: Any

    def apply(self, report: Report) -> None:
        _assign(report, self.path, self.new)

    def revert(self, report: Report) -> None:
        _assign(report, self.path, self.old)


def _assign(report: Report, path: tuple[str, ...], value: Any) -> None:
    target: Any = report
    for name in path[:-1]:
        target = getattr(target, name)
    setattr(target, path[-1], value)


def set_field(report: Report, path: Sequence[str], new: Any) -> SetField | None:
    """An edit setting ``path`` to ``new``; ``None`` when nothing would change."""
    target: Any = report
    for name in path:
        target = getattr(target, name)
    return None if target == new else SetField(tuple(path), target, new)


def _dependents(report: Report, cells: Iterable[str]) -> set[str]:
    """The totals downstream of ``cells``, transitively (a row total feeds the grand total)."""
    relations = report.definition.relations
    found: set[str] = set()
    frontier = set(cells)
    while frontier:
        frontier = {
            r.total
            for r in relations
            if r.total is not None and r.total not in found and frontier.intersection(r.parts)
        }
        found |= frontier
    return found


def _recompute(report: Report, changed: Iterable[str]) -> dict[str, Change]:
    """Bring the totals downstream of ``changed`` in line with their parts; return what moved."""
    wanted = _dependents(report, changed)
    if not wanted:
        return {}
    computed = compute_totals(report)
    out: dict[str, Change] = {}
    for cid in wanted:
        old, new = report.cells.get(cid), computed[cid]
        if old != new:
            out[cid] = (old, new)
    return out


def set_cells(report: Report, values: dict[str, CellValue]) -> SetCells | None:
    """An edit writing ``values``; ``None`` when every cell already holds its value."""
    changes = {
        cid: (report.cells.get(cid), new) for cid, new in values.items() if report.cells.get(cid) != new
    }
    return SetCells(changes) if changes else None


# -- what a clerk does -------------------------------------------------------------------------


def is_input(report: Report, cell_id: str) -> bool:
    """A cell the clerk fills in: a data cell that is not a computed total."""
    return cell_id in report.definition.cells and cell_id not in report.definition.computed_cells


def parse_input(report: Report, cell_id: str, text: str) -> CellValue:
    """What typed ``text`` means in this cell; ``InputError`` when it means nothing valid.

    A money cell keeps its unit unless the text names one (``15.68万元`` sets 万元).
    """
    cell = report.definition.cells[cell_id]
    if not is_input(report, cell_id):
        raise InputError(f"{cell.describe()}由各项自动相加，不能直接填写")
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        raise InputError(f"「{shown(text)}」位数太多，请检查是否多输了数字")
    try:
        parsed = parse_typed(text, cell.column, unit_hint=_unit(report, cell_id))
    except (OverflowError, ValueError):  # absurd input the parser cannot hold
        raise InputError(f"「{shown(text)}」不是有效的数字") from None
    if parsed.error:
        raise InputError(one_line(parsed.error))
    if parsed.value is None:
        return _blank(report, cell_id)
    return parsed.value


def enter(report: Report, cell_id: str, text: str) -> SetCells | None:
    """Typing ``text`` into a cell; ``InputError`` if refused, ``None`` if nothing changes."""
    return set_cells(report, {cell_id: parse_input(report, cell_id, text)})


def set_unit(report: Report, cell_id: str, unit: str) -> SetCells | None:
    """Choose the unit (元/万元) of a money cell whose column lets the clerk choose."""
    cell = report.definition.cells[cell_id]
    if cell.kind is not CellKind.MONEY or unit not in cell.column.units:
        raise InputError(f"{cell.describe()}不能选择单位「{unit}」")
    current = report.cells.get(cell_id)
    amount = current.amount if isinstance(current, Money) else None
    return set_cells(report, {cell_id: Money(amount=amount, unit=unit)})


def _unit(report: Report, cell_id: str) -> str | None:
    """The unit a money cell is in: the clerk's choice so far, else the column's fixed unit."""
    current = report.cells.get(cell_id)
    if isinstance(current, Money) and current.unit:
        return current.unit
    return report.definition.cells[cell_id].column.unit


def _blank(report: Report, cell_id: str) -> CellValue:
    """A blank cell; a blank money cell keeps its unit so clearing does not lose the choice."""
    if report.definition.cells[cell_id].kind is CellKind.MONEY:
        return Money(unit=_unit(report, cell_id))
    return None


def clear(report: Report, cell_ids: Iterable[str]) -> SetCells | None:
    """Delete: the input cells among ``cell_ids`` become blank (not 0); totals are skipped."""
    return set_cells(report, {c: _blank(report, c) for c in cell_ids if is_input(report, c)})


def fill_blanks(report: Report, table_id: str) -> SetCells | None:
    """「全部填0」: every blank input cell of a table gets 0, as one edit."""
    values: dict[str, CellValue] = {}
    for cell in report.definition.layout(table_id).cells:
        if is_input(report, cell.id) and is_blank(report.cells.get(cell.id)):
            money = cell.kind is CellKind.MONEY
            values[cell.id] = Money(amount=0, unit=_unit(report, cell.id)) if money else 0
    return set_cells(report, values)


def recompute_totals(report: Report) -> SetCells | None:
    """「重算合计」: every computed total from its parts, as one edit."""
    return set_cells(report, dict(compute_totals(report)))


# -- paste -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paste:
    """A validated paste: the edit (``None`` if nothing changes) and the read-only cells skipped."""

    edit: SetCells | None
    written: int
    skipped: tuple[str, ...]


def split_block(text: str) -> list[list[str]]:
    """A tab-separated block as Excel/WPS put it on the clipboard (one trailing newline)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def input_grid(report: Report, table_id: str) -> list[list[str]]:
    """The value cells of a table, one list per printed row that has any, in reading order."""
    layout = report.definition.layout(table_id)
    rows: dict[int, list[tuple[int, str]]] = {}
    for g in layout.grid:
        if g.role is Role.VALUE and g.cell:
            rows.setdefault(g.row, []).append((g.col, g.cell))
    return [[cid for _, cid in sorted(cells)] for _, cells in sorted(rows.items())]


def paste(report: Report, table_id: str, start: str, text: str) -> Paste:
    """Paste a tab-separated block with its top-left value at cell ``start``.

    Block rows go to successive data rows and block columns to successive value cells of each
    row, so a block copied from a spreadsheet lands as it looked. The block is validated as a
    whole: one bad value or a block that does not fit refuses all of it (``InputError``).
    Computed totals under the block are skipped, not written.
    """
    block = split_block(text)
    if not block:
        raise InputError("剪贴板中没有可以粘贴的内容")
    grid = input_grid(report, table_id)
    r0, c0 = next((r, row.index(start)) for r, row in enumerate(grid) if start in row)
    if r0 + len(block) > len(grid) or any(c0 + len(vals) > len(grid[r0 + i]) for i, vals in enumerate(block)):
        width = max(len(vals) for vals in block)
        raise InputError(f"要粘贴的内容有{len(block)}行{width}列，超出了表格的范围，未作任何修改")
    values: dict[str, CellValue] = {}
    skipped: list[str] = []
    for i, vals in enumerate(block):
        for j, text_ij in enumerate(vals):
            cid = grid[r0 + i][c0 + j]
            if not is_input(report, cid):
                skipped.append(cid)
                continue
            try:
                values[cid] = parse_input(report, cid, text_ij)
            except InputError as err:
                where = report.definition.cells[cid].describe()
                raise InputError(f"第{i + 1}行第{j + 1}个值（{where}）：{err}，未作任何修改") from None
    return Paste(set_cells(report, values), len(values), tuple(skipped))


# -- edits made of edits -----------------------------------------------------------------------


@dataclass
class Compound(_Single):
    """Several edits as one step: applied in order, reverted in reverse order."""

    parts: tuple[Edit, ...]

    def apply(self, report: Report) -> None:
        for part in self.parts:
            part.apply(report)

    def revert(self, report: Report) -> None:
        for part in reversed(self.parts):
            part.revert(report)


def combine(*parts: Edit | None) -> Edit | None:
    """The edits that change something, as one step; ``None`` when none does."""
    real = tuple(p for p in parts if p is not None)
    if not real:
        return None
    return real[0] if len(real) == 1 else Compound(real)


# -- basic information -------------------------------------------------------------------------

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
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


def set_year(report: Report, year: int) -> Edit | None:
    """Change the report year. A statistics period that was the old year's customary one follows
    the year in the same step; the format stays (F-E1 says when it no longer fits)."""
    period = None
    if report.period == report.default_period():
        period = SetField(
            ("period",), report.period, report.model_copy(update={"year": year}).default_period()
        )
    return combine(set_field(report, ("year",), year), period if year != report.year else None)


# -- narrative: the preamble and the sections' paragraphs --------------------------------------

PREAMBLE = "preamble"
Para = tuple[Level, str]


def paragraphs_of(report: Report, where: str) -> list[Paragraph]:
    """The paragraphs of ``where``: ``"preamble"`` or a section id."""
    return report.preamble if where == PREAMBLE else report.text_of(where).paragraphs


def _carried(report: Report, where: str) -> bool:
    return where != PREAMBLE and report.text_of(where).carried


@dataclass
class SetNarrative:
    """Replace the paragraphs of the preamble or of a section, and its 待修改 mark.

    Every narrative change (typing, a new or removed paragraph, a move, a level, a figure) is one
    of these: paragraphs are small, so storing the whole list before and after (each paragraph
    with its figures and marks) keeps undo trivially exact. Editing a section carried from last
    year clears its 待修改 mark in the same step.
    """

    where: str
    old: tuple[Paragraph, ...]
    new: tuple[Paragraph, ...]
    carried_old: bool = False
    carried_new: bool = False

    def apply(self, report: Report) -> None:
        self._set(report, self.new, self.carried_new)

    def revert(self, report: Report) -> None:
        self._set(report, self.old, self.carried_old)

    def _set(self, report: Report, paras: tuple[Paragraph, ...], carried: bool) -> None:
        paragraphs = [p.model_copy(deep=True) for p in paras]
        if self.where == PREAMBLE:
            report.preamble = paragraphs
        else:
            section = report.section(self.where)
            section.paragraphs = paragraphs
            section.carried = carried

    def absorb(self, later: Edit) -> bool:
        """Take in a later change of the same place (typing goes on): one undo step for both."""
        if not isinstance(later, SetNarrative) or later.where != self.where or later.old != self.new:
            return False
        self.new, self.carried_new = later.new, later.carried_new
        return True


def _snapshot(report: Report, where: str) -> tuple[Paragraph, ...]:
    return tuple(p.model_copy(deep=True) for p in paragraphs_of(report, where))


def _narrative(report: Report, where: str, new: Sequence[Paragraph]) -> SetNarrative | None:
    """An edit to ``new`` paragraphs (``None`` when nothing changes); it clears 待修改."""
    old = _snapshot(report, where)
    new_t = tuple(p.model_copy(deep=True) for p in new)
    if new_t == old:
        return None
    return SetNarrative(where, old, new_t, _carried(report, where), False)


def _check_index(paras: Sequence[Paragraph], index: int, end_ok: bool = False) -> None:
    if not 0 <= index < len(paras) + (1 if end_ok else 0):
        raise IndexError(index)


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def set_paragraph_text(report: Report, where: str, index: int, text: str) -> SetNarrative | None:
    """Typing in one paragraph (line breaks become spaces: a paragraph is one line of text).
    Figures and last year's marks stay with their places (``giedit.model.inline.retext``)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    paras[index] = inline.retext(paras[index], _one_line(text))
    return _narrative(report, where, paras)


def _paragraph(p: Paragraph | Para) -> Paragraph:
    if isinstance(p, Paragraph):
        return p.model_copy(deep=True)
    return Paragraph(level=Level(p[0]), text=p[1])


def insert_paragraphs(
    report: Report, where: str, index: int, new: Sequence[Paragraph | Para]
) -> SetNarrative | None:
    """Insert paragraphs before position ``index`` (``len`` appends)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index, end_ok=True)
    items = [_paragraph(p) for p in new]
    if not items:
        return None
    paras[index:index] = items
    return _narrative(report, where, paras)


def insert_paragraph(
    report: Report, where: str, index: int, level: Level = Level.BODY, text: str = ""
) -> SetNarrative | None:
    return insert_paragraphs(report, where, index, [(level, text)])


def remove_paragraph(report: Report, where: str, index: int) -> SetNarrative | None:
    """Remove one paragraph; a removed heading leaves its paragraphs to the heading before it."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    del paras[index]
    return _narrative(report, where, paras)


def set_level(report: Report, where: str, index: int, level: Level) -> SetNarrative | None:
    """Make a paragraph body text or a sub-heading （一）/1./（1）; the numbering follows."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    paras[index] = paras[index].model_copy(update={"level": Level(level)})
    return _narrative(report, where, paras)


def insert_text(report: Report, where: str, index: int, position: int, text: str) -> SetNarrative | None:
    """Type or paste ``text`` at ``position`` in paragraph ``index``; each line break starts a new
    body paragraph (Enter splits a paragraph; pasting several paragraphs keeps them apart)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) == 1:
        paras[index] = inline.insert(paras[index], position, lines[0])
    else:
        head, tail = inline.split(paras[index], position)
        head = inline.insert(head, len(head.text), lines[0])
        tail = inline.insert(tail, 0, lines[-1])
        middle = [Paragraph(text=line.replace(FIGURE, "")) for line in lines[1:-1]]
        paras[index : index + 1] = [head, *middle, tail]
    return _narrative(report, where, paras)


def join_with_previous(report: Report, where: str, index: int) -> SetNarrative | None:
    """Backspace at the start of a paragraph: append it to the one before (keeping that one's level)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    if index == 0:
        return None
    paras[index - 1 : index + 1] = [inline.joined(paras[index - 1], paras[index])]
    return _narrative(report, where, paras)


def replace_paragraphs(report: Report, where: str, new: Sequence[Paragraph]) -> SetNarrative | None:
    """All paragraphs of ``where`` at once (从表格生成 placing its sentences), as one step."""
    return _narrative(report, where, list(new))


def change_paragraph(report: Report, where: str, index: int, new: Paragraph) -> SetNarrative | None:
    """One paragraph replaced by ``new`` (a figure inserted or turned into text, a number confirmed)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    paras[index] = new
    return _narrative(report, where, paras)


_RANK = {Level.H2: 1, Level.H3: 2, Level.H4: 3}


def block(paras: Sequence[Paragraph | Para], index: int) -> tuple[int, int]:
    """The paragraphs that move with paragraph ``index``: itself, and for a heading everything up
    to the next heading of the same or a higher level. Returned as ``(start, end)``."""
    levels = [p.level if isinstance(p, Paragraph) else p[0] for p in paras]
    rank = _RANK.get(levels[index])
    if rank is None:
        return index, index + 1
    end = index + 1
    while end < len(levels) and not (levels[end] in _RANK and _RANK[levels[end]] <= rank):
        end += 1
    return index, end


def _sibling_before(levels: Sequence[Level], index: int) -> int | None:
    rank = _RANK[levels[index]]
    for k in range(index - 1, -1, -1):
        r = _RANK.get(levels[k])
        if r is None or r > rank:
            continue
        return k if r == rank else None
    return None


def move_paragraph(report: Report, where: str, index: int, step: int) -> SetNarrative | None:
    """Move a paragraph up (``step=-1``) or down (``+1``); ``None`` when it cannot go further.

    Body text moves one paragraph at a time (across headings too, to give it to another heading).
    A sub-heading moves with its paragraphs and swaps places with the sub-heading of the same level
    before or after it, within its parent heading.
    """
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    levels = [p.level for p in paras]
    if levels[index] not in _RANK:
        target = index + step
        if not 0 <= target < len(paras):
            return None
        paras[index], paras[target] = paras[target], paras[index]
        return _narrative(report, where, paras)
    start, end = block(paras, index)
    if step < 0:
        other = _sibling_before(levels, index)
        if other is None:
            return None
        first, second = (other, start), (start, end)
    else:
        if end >= len(paras) or levels[end] != levels[index]:
            return None
        first, second = (start, end), block(paras, end)
    a, b = paras[first[0] : first[1]], paras[second[0] : second[1]]
    paras[first[0] : second[1]] = b + a
    return _narrative(report, where, paras)


def moved_to(report_paras: Sequence[Paragraph | Para], index: int, step: int) -> int:
    """Where paragraph ``index`` is after ``move_paragraph`` (call with the paragraphs before it)."""
    levels = [p.level if isinstance(p, Paragraph) else p[0] for p in report_paras]
    if levels[index] not in _RANK:
        return index + step
    _, end = block(report_paras, index)
    if step < 0:
        other = _sibling_before(levels, index)
        return index if other is None else other
    after = block(report_paras, end) if end < len(levels) else (end, end)
    return index + (after[1] - after[0])


def keep_carried_text(report: Report, section_id: str) -> SetNarrative | None:
    """The clerk checked a carried section and keeps it as it is: clear its 待修改 mark only."""
    if not _carried(report, section_id):
        return None
    paras = _snapshot(report, section_id)
    return SetNarrative(section_id, paras, paras, True, False)


@dataclass
class SetExtra(_Single):
    """Replace a section's local lines printed after its table (spec §2.5)."""

    section: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    def apply(self, report: Report) -> None:
        report.section(self.section).extra = list(self.new)

    def revert(self, report: Report) -> None:
        report.section(self.section).extra = list(self.old)


def set_extra(report: Report, section_id: str, lines: Iterable[str]) -> SetExtra | None:
    new = tuple(s.strip() for s in lines if s.strip())
    old = tuple(report.text_of(section_id).extra)
    return None if new == old else SetExtra(section_id, old, new)


def character_count(paragraphs: Iterable[Paragraph]) -> int:
    """Characters written, as a clerk counts them: everything but spaces and line breaks."""
    return sum(_written(p.text) for p in paragraphs)


@lru_cache(maxsize=4096)
def _written(text: str) -> int:
    """Characters of one paragraph's text but spaces and line breaks (kept per text: a keystroke
    counts again only the paragraph it changed)."""
    return len(text) - sum(map(text.count, _SPACES))


_SPACES = tuple(ch for ch in map(chr, range(0x3001)) if ch.isspace())  # str.isspace, as \s
