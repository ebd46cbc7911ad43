"""A Qt table model over one statutory table of the report, generated from its TableLayout.

The model shows the whole printed grid: block titles, header rows, group and row labels, and
the value cells, at the grid positions the format definition gives them (the view applies the
spans). It holds no data of its own: it reads the report for every paint and turns every change
the clerk makes into an edit pushed on the document, so undo, totals and checks stay in one
place. Nothing here knows which table or format version it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QGuiApplication

from giedit.checks import Finding, Severity
from giedit.model import edits
from giedit.model.register import rows_text
from giedit.model.register_link import rows_of
from giedit.model.schema import CellKind, GridCell, Role
from giedit.model.values import CellValue, Money, format_amount, format_value, is_blank, number_of, split_unit
from giedit.ui.amount_editor import QUESTION
from giedit.ui.colours import COMPUTED_BG, ERROR_BG, HEADER_BG, WARNING_BG
from giedit.ui.document import Document

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the data cell id of a value cell, else None

AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class Refusal:
    """Why typed text is not taken, and the choices that would make it so (a unit)."""

    message: str
    choices: tuple[str, ...] = ()


class TableFormModel(QAbstractTableModel):
    """One statutory table as an editable grid. ``refused`` carries a rejected input's message
    and the choices that would resolve it (a list, often empty)."""

    refused = Signal(QModelIndex, str, list)

    def __init__(self, document: Document, table_id: str) -> None:
        super().__init__(document)
        self.document = document
        self.table_id = table_id
        self.layout = document.report.definition.layout(table_id)
        self._grid = {(g.row, g.col): g for g in self.layout.grid}
        self._where = {g.cell: (g.row, g.col) for g in self.layout.grid if g.cell}
        self._findings: dict[str, list[Finding]] = {}
        self._collect_findings()
        document.changed.connect(self._on_changed)

    # -- reading -------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self.layout.n_rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.n_cols

    def grid_cell(self, index: AnyIndex) -> GridCell | None:
        """The printed cell anchored at ``index``; ``None`` where a span covers the position."""
        return self._grid.get((index.row(), index.column())) if index.isValid() else None

    def cell_id(self, index: AnyIndex) -> str | None:
        g = self.grid_cell(index)
        return g.cell if g else None

    def index_of(self, cell_id: str) -> QModelIndex:
        """The index of a data cell of this table (invalid if the cell is not in it)."""
        if cell_id not in self._where:
            return QModelIndex()
        return self.index(*self._where[cell_id])

    def is_input(self, index: AnyIndex) -> bool:
        cid = self.cell_id(index)
        return cid is not None and edits.is_input(self.document.report, cid)

    def is_money(self, cell_id: str) -> bool:
        return self.document.report.definition.cells[cell_id].kind is CellKind.MONEY

    def input_positions(self) -> list[tuple[int, int]]:
        """The cells the clerk fills in, in reading order (row by row, left to right)."""
        report = self.document.report
        return sorted(pos for cid, pos in self._where.items() if edits.is_input(report, cid))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        g = self.grid_cell(index)
        if g is None:
            return None
        if g.cell is None:
            return self._label_data(g, role)
        return self._value_data(g.cell, role)

    def _label_data(self, g: GridCell, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return g.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if g.role is Role.LABEL else _CENTER
        if role == Qt.ItemDataRole.BackgroundRole and g.role in (Role.HEADER, Role.TITLE):
            return QBrush(HEADER_BG)
        if role == Qt.ItemDataRole.ForegroundRole:  # labels are disabled (not focusable): keep them black
            return QGuiApplication.palette().text()
        if role == Qt.ItemDataRole.FontRole and g.role is Role.TITLE:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        return None

    def _value_data(self, cell_id: str, role: int) -> Any:
        report = self.document.report
        cell = report.definition.cells[cell_id]
        value = report.cells.get(cell_id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_value(value, cell.column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(cell_id, blank=is_blank(value))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell_id)
        if role == CELL_ID_ROLE:
            return cell_id
        return None

    def _background(self, cell_id: str, blank: bool) -> QBrush | None:
        """Errors red, warnings amber, totals shaded. A blank cell is not coloured: being empty
        already shows, and a new report would otherwise be all red."""
        severities = {f.severity for f in self._findings.get(cell_id, ())}
        if not blank and Severity.ERROR in severities:
            return QBrush(ERROR_BG)
        if not blank and Severity.WARNING in severities:
            return QBrush(WARNING_BG)
        if cell_id in self.document.report.definition.computed_cells:
            return QBrush(COMPUTED_BG)
        return None

    def _tooltip(self, cell_id: str) -> str | None:
        lines = [f.message for f in self._findings.get(cell_id, ())]
        cell = self.document.report.definition.cells[cell_id]
        if (rows := rows_of(self.document.report, cell_id)) is not None:
            lines.insert(
                0, f"由台账第 {rows_text(rows)} 行计算（{len(rows)} 件）" if rows else "台账中没有这类申请"
            )
        if cell_id in self.document.report.definition.computed_cells:
            lines.insert(0, "自动合计，随各项数字更新，不能直接填写")
        elif cell.column.units:
            units = "、".join(cell.column.units)
            lines.insert(0, f"单位可选{units}：输入时带上单位（如 15.68万元），或右键选择")
        return "\n".join(lines) or None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        cid = self.cell_id(index)
        if cid is None:  # labels, headers and span-covered positions: shown, never focused
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if edits.is_input(self.document.report, cid):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- changing: every change is an edit pushed on the document --------------------------------

    def read(self, cell_id: str, text: str) -> CellValue | Refusal:
        """What typed ``text`` would put in the cell, or why it is refused. An amount above 0 in
        a cell whose unit is not chosen yet asks for the unit instead of guessing it."""
        report = self.document.report
        try:
            value = edits.parse_input(report, cell_id, text)
        except edits.InputError as err:
            return Refusal(str(err))
        units = report.definition.cells[cell_id].column.units
        if (
            units
            and isinstance(value, Money)
            and value.unit is None
            and (number_of(value, CellKind.MONEY) or 0) > 0
        ):
            return Refusal(f"「{edits.shown(text)}」是{'还是'.join(units)}？请选择单位", units)
        return value

    def unit_preview(self, index: AnyIndex, text: str) -> str:
        """The unit a money cell's editor shows beside ``text`` (see ``AmountEditor``)."""
        cid = self.cell_id(index)
        if cid is None:
            return ""
        column = self.document.report.definition.cells[cid].column
        written = split_unit(text)[1]
        value = self.read(cid, text)
        if isinstance(value, Refusal):
            return "/".join(value.choices) + QUESTION if value.choices else ""
        if not isinstance(value, Money):
            return ""
        if written is None:
            return value.unit or "/".join(column.units) + QUESTION
        if written != value.unit and isinstance(value.amount, int | float):
            return f"＝{format_amount(value.amount)}{value.unit}"  # converted into the column's unit
        return ""

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cid = self.cell_id(index)
        if cid is None or role != Qt.ItemDataRole.EditRole:
            return False
        read = self.read(cid, str(value))
        if isinstance(read, Refusal):
            self._refuse(QModelIndex(index), read.message, read.choices)
            return False
        converted = self.unit_preview(index, str(value)).startswith("＝")
        self.document.push(edits.set_cells(self.document.report, {cid: read}), "填写数字")
        if converted:
            cell = self.document.report.definition.cells[cid]
            self.document.tell(
                f"{cell.describe()}已换算为 {format_value(read, cell.column)}{cell.column.unit}"
            )
        return True

    def _refuse(self, index: QModelIndex, message: str, choices: tuple[str, ...] = ()) -> None:
        self.document.tell(message)
        self.refused.emit(index, message, list(choices))

    def clear(self, indexes: Iterable[AnyIndex]) -> None:
        """Delete: selected input cells become blank (not 0); totals are left alone."""
        cells = [c for c in (self.cell_id(i) for i in indexes) if c]
        if cells and not any(edits.is_input(self.document.report, c) for c in cells):
            self.document.tell("合计单元格由各项自动相加，不能清除")
            return
        self.document.push(edits.clear(self.document.report, cells), "清除")

    def fill_blanks(self, confirm: Callable[[int], bool] = lambda count: True) -> None:
        """「全部填0」 for this table, as one undo step, once ``confirm(count of blanks)`` agrees.
        A blank total whose parts are all filled is worked out in the same step; with no blank
        cell to fill, that needs no confirmation (it is what 「重算合计」 would do)."""
        report = self.document.report
        edit = edits.fill_blanks(report, self.table_id)
        if edit is None:
            self.document.tell("本表没有空白单元格")
            return
        zeros = sum(1 for cid in edit.changes if edits.is_input(report, cid))
        totals = len(edit.changes) - zeros
        if zeros and not confirm(zeros):
            return
        self.document.push(edit, "全部填0" if zeros else "计算空白的合计")
        done = [f"已将 {zeros} 个空白单元格填为0"] if zeros else ["本表没有空白单元格"]
        done += [f"空白的合计已由各项相加得出（{totals} 个）"] if totals else []
        self.document.tell("；".join(done))

    def set_unit(self, index: AnyIndex, unit: str) -> None:
        cid = self.cell_id(index)
        if cid is not None:
            self.document.push(edits.set_unit(self.document.report, cid, unit), f"单位改为{unit}")

    def paste(self, index: AnyIndex, text: str) -> bool:
        """Paste a tab-separated block with its top-left value at ``index``; all or nothing."""
        start = self.cell_id(index)
        if start is None:
            self._refuse(QModelIndex(index), "请先选中要粘贴到的第一个单元格")
            return False
        try:
            result = edits.paste(self.document.report, self.table_id, start, text)
        except edits.InputError as err:
            self._refuse(QModelIndex(index), str(err))
            return False
        self.document.push(result.edit, "粘贴")
        message = f"已粘贴 {result.written} 个单元格"
        if result.skipped:
            message += f"，跳过 {len(result.skipped)} 个自动合计单元格"
        for cid, pasted, total in result.disagreeing[:1]:
            where = self.document.report.definition.cells[cid].describe()
            message += f"；粘贴内容中{where}为 {pasted}，与各项之和 {total if total is not None else '（空白）'} 不一致，已按各项相加"
            if len(result.disagreeing) > 1:
                message += f"（另有 {len(result.disagreeing) - 1} 个合计也不一致）"
        self.document.tell(message)
        return True

    # -- keeping up with the document ------------------------------------------------------------

    def _collect_findings(self) -> None:
        self._findings = {}
        for f in self.document.findings:
            if f.dismissed:
                continue
            for cid in f.cells:
                if cid in self._where:
                    self._findings.setdefault(cid, []).append(f)

    def _on_changed(self) -> None:
        self._collect_findings()
        last = self.index(self.layout.n_rows - 1, self.layout.n_cols - 1)
        self.dataChanged.emit(self.index(0, 0), last)
