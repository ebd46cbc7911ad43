"""The view of a statutory table: the printed grid with its spans, sized to read like paper.

QHeaderView cannot span, so the official header rows are ordinary read-only rows of the model
and Qt's own headers are hidden. Column widths follow the format's printed weights and fill the
window (a wide table such as 四 may scroll); row heights are computed from the wrapped label
texts, spans included. Keyboard: a digit starts editing, Enter and Tab commit and move to the
next input cell in reading order, Delete clears to blank.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QFontMetrics, QKeyEvent, QMouseEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QFrame,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from giedit.model.schema import Role, TableLayout
from giedit.model.values import split_unit
from giedit.ui.amount_editor import AmountEditor
from giedit.ui.balloon import Balloon
from giedit.ui.colours import ERROR_BG, GRID
from giedit.ui.table_model import Refusal, TableFormModel

EM_PER_WEIGHT = 10.0  # widest a column grows per unit of printed weight, in em: keeps 二 compact
MIN_LABEL_EM = 4.0
MIN_VALUE_EM = 4.5
CELL_PAD = 5  # px of padding left and right of a cell's text
CELL_SIDE = CELL_PAD + 6  # all the room beside the text on one side: padding, style margin, grid line
HEADER_LINE_EM = 6.2  # a one-column header up to this wide stays on one line

_Hint = QAbstractItemDelegate.EndEditHint


class CellDelegate(QStyledItemDelegate):
    """A right-aligned line editor whose Enter and Tab commit at once and ask to move on; money
    cells get an ``AmountEditor`` that shows the unit while the clerk types."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        model = index.model()
        cid = model.cell_id(index) if isinstance(model, TableFormModel) else None
        if isinstance(model, TableFormModel) and cid is not None and model.is_money(cid):
            editor: QLineEdit = AmountEditor(parent, lambda text: model.unit_preview(index, text))
        else:
            editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        if isinstance(model, TableFormModel):  # the recovery copy follows a number not yet entered
            editor.textEdited.connect(model.document.typing)
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Qt commits on Enter through a queued call; commit synchronously instead."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            hint = {
                Qt.Key.Key_Return: _Hint.EditNextItem,
                Qt.Key.Key_Enter: _Hint.EditNextItem,
                Qt.Key.Key_Tab: _Hint.EditNextItem,
                Qt.Key.Key_Backtab: _Hint.EditPreviousItem,
            }.get(Qt.Key(event.key()))
            if hint is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)


def head_rows(layout: TableLayout) -> int:
    """How many rows of column headings the table starts with, when they head the whole table
    (三, 四); 0 for a table of several blocks each with its own headings (二)."""
    roles: dict[int, set[Role]] = {}
    for g in layout.grid:
        roles.setdefault(g.row, set()).add(g.role)
    heading = {Role.HEADER, Role.TITLE}
    n = next((r for r in range(layout.n_rows) if not roles.get(r, set()) <= heading), layout.n_rows)
    later = any(roles.get(r, set()) & heading for r in range(n, layout.n_rows))
    return 0 if later or n == layout.n_rows else n


class FrozenHead(QTableView):
    """The table's heading rows kept over the top of a table scrolled down, as a spreadsheet
    freezes its header: on a 1024×768 screen table 三 shows six to nine of its rows, and its
    columns (自然人, 商业企业 …) scrolled away while the clerk typed into them. The same model,
    drawn again; clicks and the wheel go to the table under it."""

    def __init__(self, view: QTableView, rows: int) -> None:
        super().__init__(view)
        self.rows = rows
        self.setModel(view.model())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setStyleSheet(view.styleSheet())
        self.hide()

    def height_needed(self, view: QTableView) -> int:
        return sum(view.rowHeight(r) for r in range(self.rows))

    def place(self, view: QTableView) -> None:
        """Over the top of ``view``'s viewport, its columns and rows as wide and high as there,
        shown only while the heading rows are scrolled out of sight."""
        for c in range(view.model().columnCount()):
            self.setColumnWidth(c, view.columnWidth(c))
        for r in range(self.rows):
            self.setRowHeight(r, view.rowHeight(r))
        port = view.viewport().geometry()
        self.setGeometry(port.x(), port.y(), port.width(), self.height_needed(view))
        self.horizontalScrollBar().setRange(0, view.horizontalScrollBar().maximum())
        self.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
        self.setVisible(view.verticalScrollBar().value() > 0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        parent = self.parentWidget()
        if isinstance(parent, QTableView):
            QApplication.sendEvent(parent.viewport(), event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # a heading: nothing to select, and not the hidden cell under it


class TableFormView(QTableView):
    """Shows a ``TableFormModel`` as the printed table. ``insertFigure`` carries a cell id the
    clerk wants in the text (插入到正文)."""

    insertFigure = Signal(str)

    def __init__(self, model: TableFormModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._refusal: tuple[QPersistentModelIndex, Refusal] | None = None  # of the last commit
        self.held: QLineEdit | None = None  # an editor kept open with refused text
        self.balloon = Balloon(self)
        self.balloon.chosen.connect(self._choose)
        self.setModel(model)
        self.form = model
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        rows = head_rows(model.layout)
        self.head = FrozenHead(self, rows) if rows else None
        for g in model.layout.grid:
            if g.rowspan > 1 or g.colspan > 1:
                self.setSpan(g.row, g.col, g.rowspan, g.colspan)
                if self.head is not None and g.row + g.rowspan <= rows:
                    self.head.setSpan(g.row, g.col, g.rowspan, g.colspan)
        self.setItemDelegate(CellDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setWordWrap(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(
            f"QTableView {{ gridline-color: {GRID.name()}; }} QTableView::item {{ padding: 0 {CELL_PAD}px; }}"
        )
        if self.head is not None:
            self.head.setStyleSheet(self.styleSheet())
            self.head.setFont(self.font())
            self.verticalScrollBar().valueChanged.connect(self._place_head)
            self.horizontalScrollBar().valueChanged.connect(self._place_head)
        model.refused.connect(self._on_refused)
        model.document.flushing.connect(self._flush_editor)
        first = model.input_positions()[:1]
        if first:
            self.setCurrentIndex(model.index(*first[0]))

    # -- geometry ------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Column widths from the printed weights, then row heights from the wrapped texts."""
        widths = self._column_widths()
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        self._fit_rows(widths)

    def _column_widths(self) -> list[int]:
        """Share the room by weight, but give every column at least its minimum.

        A column's minimum holds its one-column header on one line (up to HEADER_LINE_EM, so a
        six-character header does not break before its last character); columns that would fall
        below it are fixed there and the rest share what is left, by weight.
        """
        metrics = QFontMetrics(self.font())
        em = metrics.horizontalAdvance("汉")
        layout = self.form.layout
        weights = layout.column_weights()
        mins = [em * (MIN_LABEL_EM if c < layout.label_cols else MIN_VALUE_EM) for c in range(layout.n_cols)]
        for g in layout.grid:
            if g.role is Role.HEADER and g.colspan == 1:
                text = min(metrics.horizontalAdvance(g.text), HEADER_LINE_EM * em)
                mins[g.col] = max(mins[g.col], text + 2 * CELL_SIDE)
        room = max(min(self.viewport().width(), sum(weights) * EM_PER_WEIGHT * em), sum(mins))
        fixed: set[int] = set()
        while True:
            free = [c for c in range(layout.n_cols) if c not in fixed]
            share = (room - sum(mins[c] for c in fixed)) / sum(weights[c] for c in free)
            below = {c for c in free if share * weights[c] < mins[c]}
            if not below:
                break
            fixed |= below
        widths = [math.floor(mins[c] if c in fixed else share * weights[c]) for c in range(layout.n_cols)]
        widths[-1] += int(room) - sum(widths)  # fill exactly: a 1 px overflow would show a scroll bar
        return widths

    def _fit_rows(self, widths: list[int]) -> None:
        layout = self.form.layout
        metrics = QFontMetrics(self.font())
        bold = self.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        pad_w, pad_h = CELL_SIDE, metrics.height() // 6 + 2
        heights = [metrics.height() + 2 * pad_h] * layout.n_rows

        def need(g_col: int, colspan: int, text: str, role: Role) -> int:
            m = bold_metrics if role is Role.TITLE else metrics
            width = max(sum(widths[g_col : g_col + colspan]) - 2 * pad_w, 1)
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            return m.boundingRect(QRect(0, 0, width, 100000), flags, text).height() + 2 * pad_h

        for g in sorted(layout.grid, key=lambda g: g.rowspan):
            if not g.text:
                continue
            needed = need(g.col, g.colspan, g.text, g.role)
            rows = range(g.row, g.row + g.rowspan)
            have = sum(heights[r] for r in rows)
            if needed > have:
                extra = math.ceil((needed - have) / g.rowspan)
                for r in rows:
                    heights[r] += extra
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)
        self._place_head()

    def _place_head(self) -> None:
        if self.head is not None:
            self.head.place(self)

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """As Qt's, but a cell never ends up under the frozen heading rows."""
        super().scrollTo(index, hint)
        if self.head is None or not index.isValid() or index.row() < self.head.rows:
            return
        bar = self.verticalScrollBar()
        covered = self.head.height_needed(self) - self.visualRect(QModelIndex(index)).top()
        if bar.value() > 0 and covered > 0:
            bar.setValue(bar.value() - covered)

    # -- keyboard and mouse --------------------------------------------------------------------

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Tab and Shift+Tab go to the next/previous input cell, skipping labels and totals."""
        if action == QAbstractItemView.CursorAction.MoveNext:
            return self._step(+1)
        if action == QAbstractItemView.CursorAction.MovePrevious:
            return self._step(-1)
        return super().moveCursor(action, modifiers)

    def _step(self, direction: int) -> QModelIndex:
        here = self.currentIndex()
        order = self.form.input_positions()
        pos = (here.row(), here.column())
        ahead = [p for p in order if (p > pos if direction > 0 else p < pos)]
        if not ahead:
            return here
        target = ahead[0] if direction > 0 else ahead[-1]
        return self.form.index(*target)

    def commitData(self, editor: QWidget) -> None:
        self._refusal = None
        super().commitData(editor)

    def _flush_editor(self) -> None:
        """The number still being typed goes into the report before a recovery copy or a save is
        written (issue 14: the field with the cursor is in the copy; killed after typing 77 in a
        cell without Enter, the copy held the old value). Only a value the cell accepts is taken,
        quietly and with the editor left open: half-typed text that would be refused stays for the
        clerk to finish, with no message out of the blue."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        index = self.currentIndex()
        cid = self.form.cell_id(index)
        editors = [e for e in self.viewport().findChildren(QLineEdit) if e.isVisible()]
        if cid is None or len(editors) != 1:
            return
        read = self.form.read(cid, editors[0].text())
        if isinstance(read, Refusal) or read == self.form.document.report.cells.get(cid):
            return
        self.form.setData(index, editors[0].text())

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """After Enter/Tab, move to the next input cell. Refused text stays in its editor, with
        the reason beside the cell, until it is fixed or Esc gives the old value back."""
        refusal, self._refusal = self._refusal, None
        if refusal is not None and hint != _Hint.RevertModelCache and isinstance(editor, QLineEdit):
            self._hold(editor, *refusal)
            return
        if self.held is editor and hint == _Hint.RevertModelCache:
            self.form.document.tell("已取消输入，保留原来的值")
        self.held = None
        self.balloon.dismiss()
        super().closeEditor(editor, _Hint.NoHint)
        if hint in (_Hint.EditNextItem, _Hint.EditPreviousItem):
            self.setCurrentIndex(self._step(+1 if hint == _Hint.EditNextItem else -1))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        key = event.key()
        if not editing and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.form.clear(self.selectedIndexes() or [self.currentIndex()])
            return
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.setCurrentIndex(self._step(+1))
            return
        text = event.text()
        if not editing and text.isprintable() and text and not self.form.is_input(self.currentIndex()):
            message = "这里不能填写：合计由各项自动相加，请填写各项，或按 F9 重新计算合计"
            self._show_tip(self.currentIndex(), message)
            self.form.document.tell(message)
            return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """Typing never jumps to a label that starts with the typed digit (Qt's default)."""

    def paste(self) -> None:
        """Paste the clipboard's tab-separated block at the current cell as one step."""
        self.form.paste(self.currentIndex(), QApplication.clipboard().text())

    def menu_for(self, index: QModelIndex) -> QMenu | None:
        """插入到正文 for any value cell; money cells whose unit the clerk chooses (the 2019
        procurement amount) also offer the units here."""
        cid = self.form.cell_id(index)
        if cid is None:
            return None
        menu = QMenu(self)
        insert = menu.addAction("插入到正文")
        insert.setToolTip("在正文中光标处插入这个数字，与表格相连：表格改了，正文随之改变")
        insert.triggered.connect(lambda: self.insertFigure.emit(cid))
        column = self.form.document.report.definition.cells[cid].column
        if column.units and self.form.is_input(index):
            menu.addSeparator()
            for unit in column.units:
                menu.addAction(f"单位：{unit}", lambda u=unit: self.form.set_unit(index, u))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.menu_for(self.indexAt(event.pos()))
        if menu is not None:
            menu.exec(event.globalPos())

    def select_cells(self, cell_ids: list[str]) -> None:
        """Select the given cells of this table, make the first current and scroll to it."""
        indexes = [i for i in (self.form.index_of(c) for c in cell_ids) if i.isValid()]
        if not indexes:
            return
        self.setCurrentIndex(indexes[0])
        selection = self.selectionModel()
        for index in indexes[1:]:
            selection.select(index, selection.SelectionFlag.Select)
        self.updateGeometries()  # a page just shown may still have the scroll range of another size
        self.scrollTo(indexes[0], QAbstractItemView.ScrollHint.EnsureVisible)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- refusals ------------------------------------------------------------------------------

    def _on_refused(self, index: QModelIndex, message: str, choices: list[str]) -> None:
        if self.indexWidget(index) is not None:  # typed into the cell's editor: held there
            self._refusal = (QPersistentModelIndex(index), Refusal(message, tuple(choices)))
        else:  # a paste
            self._show_tip(index, message)

    def _hold(self, editor: QLineEdit, index: QPersistentModelIndex, refusal: Refusal) -> None:
        """Keep the editor open with its text and the reason beside it; a click on another cell
        of this table comes back here (focus that went elsewhere in the window is left there)."""
        if self.held is not editor:
            self.held = editor
            editor.textEdited.connect(lambda text: self._recheck(editor, index, text))
        self.balloon.show_for(editor, refusal.message, refusal.choices)
        editor.setStyleSheet(f"background: {ERROR_BG.name()};")
        focus = QApplication.focusWidget()
        if focus is None or focus is self or self.isAncestorOf(focus):
            QTimer.singleShot(0, lambda: self._back_to(editor, index))

    def _back_to(self, editor: QLineEdit, index: QPersistentModelIndex) -> None:
        if self.held is editor and index.isValid():
            if self.currentIndex() != index:
                self.setCurrentIndex(QModelIndex(index))
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _recheck(self, editor: QLineEdit, index: QPersistentModelIndex, text: str) -> None:
        """While the clerk corrects refused text: the balloon goes once the text would be taken."""
        cid = self.form.cell_id(index)
        if self.held is not editor or cid is None:
            return
        read = self.form.read(cid, text)
        if isinstance(read, Refusal):
            self.balloon.show_for(editor, read.message, read.choices)
            editor.setStyleSheet(f"background: {ERROR_BG.name()};")
        else:
            self.balloon.dismiss()
            editor.setStyleSheet("")

    def _choose(self, unit: str) -> None:
        """A unit chosen in the balloon: written after the amount, then committed as by Enter."""
        editor = self.held
        if editor is None:
            return
        editor.setText(split_unit(editor.text())[0] + unit)
        delegate = self.itemDelegate()
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor, _Hint.EditNextItem)

    def _show_tip(self, index: QModelIndex, message: str) -> None:
        """The message right under the cell, where the clerk is looking."""
        rect = self.visualRect(index)
        QToolTip.showText(
            self.viewport().mapToGlobal(rect.bottomLeft()), message, self.viewport(), rect, 5000
        )
