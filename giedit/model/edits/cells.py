"""Edits of the table cells: typing, units, clearing, filling blanks, pasting a block, and the
computed totals rewritten in the same step as the cells they depend on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from giedit.model.edits.base import InputError, _Single, one_line, shown
from giedit.model.report import Report
from giedit.model.schema import CellKind, Role
from giedit.model.totals import blank_totals, compute_totals
from giedit.model.values import CellValue, Money, is_blank, number_of, parse_typed

Change = tuple[CellValue, CellValue]  # (old, new)
MAX_DIGITS = 15  # more digits than any count or amount of a report: a slip of the keyboard


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
    """「全部填0」: every blank input cell of a table gets 0, as one edit; a total of the table
    still blank although its parts are all filled then (an import cut off mid-row) is worked out
    too, as 「重算合计」 would: the clerk asked for a complete table and cannot type a total."""
    fmt = report.definition
    cells = fmt.layout(table_id).cells
    values: dict[str, CellValue] = {}
    for cell in cells:
        if is_input(report, cell.id) and is_blank(report.cells.get(cell.id)):
            money = cell.kind is CellKind.MONEY
            values[cell.id] = Money(amount=0, unit=_unit(report, cell.id)) if money else 0
    ids = {cell.id for cell in cells} - _dependents(report, values)  # those follow the zeros anyway
    totals = blank_totals(fmt, {**report.cells, **values})
    values.update({cid: value for cid, value in totals.items() if cid in ids})
    return set_cells(report, values)


def recompute_totals(report: Report) -> SetCells | None:
    """「重算合计」: every computed total from its parts, as one edit."""
    return set_cells(report, dict(compute_totals(report)))


# -- paste -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paste:
    """A validated paste: the edit (``None`` if nothing changes) and the read-only cells skipped.

    ``disagreeing``: the skipped totals whose pasted number differs from the sum of their items
    after the paste, with both numbers (a copied sheet whose own total was wrong: the clerk is
    told, since the pasted total is not what the report will say).
    """

    edit: SetCells | None
    written: int
    skipped: tuple[str, ...]
    disagreeing: tuple[tuple[str, int, int | None], ...] = ()


def split_block(text: str) -> list[list[str]]:
    """A block as it reaches the clipboard, one list of fields per row.

    Excel and WPS separate cells by tabs (and end with one newline). Numbers copied out of a PDF
    or a web page arrive separated by spaces: a line without a tab is split at its spaces. A row
    copied together with its label (「一、本年新收…」 from last year's Word table) keeps only the
    numbers: leading fields with Chinese characters are dropped when the rest have none."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    rows = [line.split("\t") if "\t" in line else (line.split() or [""]) for line in lines]
    return [_without_label(row) for row in rows]


_HAN = re.compile(r"[\u3400-\u9fff]")


def _is_label(field: str) -> bool:
    """Two Chinese characters or more: a row label (规章, 一、本年新收…), not a cell's 无."""
    return len(_HAN.findall(field)) >= 2


def _without_label(row: list[str]) -> list[str]:
    first_value = next((i for i, field in enumerate(row) if not _is_label(field)), len(row))
    if 0 < first_value < len(row) and not any(_HAN.search(field) for field in row[first_value:]):
        return row[first_value:]
    return row


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
    skipped: dict[str, str] = {}
    for i, vals in enumerate(block):
        for j, text_ij in enumerate(vals):
            cid = grid[r0 + i][c0 + j]
            if not is_input(report, cid):
                skipped[cid] = text_ij
                continue
            try:
                values[cid] = parse_input(report, cid, text_ij)
            except InputError as err:
                where = report.definition.cells[cid].describe()
                raise InputError(f"第{i + 1}行第{j + 1}个值（{where}）：{err}，未作任何修改") from None
    return Paste(
        set_cells(report, values), len(values), tuple(skipped), _disagreeing(report, values, skipped)
    )


def _disagreeing(
    report: Report, values: dict[str, CellValue], pasted: dict[str, str]
) -> tuple[tuple[str, int, int | None], ...]:
    """The pasted totals that are numbers other than what their items will add up to."""
    after = compute_totals(report, {**report.cells, **values})
    found = []
    for cid, text in pasted.items():
        column = report.definition.cells[cid].column
        try:
            number = number_of(parse_typed(text, column).value, column.kind)
        except (OverflowError, ValueError):  # absurd text where a total was: nothing to compare
            continue
        if number is not None and cid in after and number != after[cid]:
            found.append((cid, int(number), after[cid]))
    return tuple(found)
