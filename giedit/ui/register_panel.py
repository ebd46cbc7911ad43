"""The register panel under table 三: where the table came from, and what makes up a cell.

It says whether table 三 was computed from a register and whether that file changed since
(its checksum, looked at again when the table is shown and when the window is activated), offers 从台账计算… and 重新计算, and for the selected cell lists the register rows
counted in it: their numbers always, and their dates, applicant and result when the register
file is still the one counted (it is read once and kept while it does not change).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from giedit.model.register import Entry, date_text, row_numbers
from giedit.model.register_link import RegisterState, register_state, rows_of, unresolved_rows
from giedit.ui.colours import ERROR_FG, MUTED_FG
from giedit.ui.document import Document
from giedit.ui.table_view import TableFormView

if TYPE_CHECKING:  # the register reader (and lxml) load when a register is first used
    from giedit.ui.register_dialog import RegisterDialog

DETAIL_LINES = 4  # the most rows the detail list shows without scrolling
DETAIL_ROWS = 200  # rows listed for one cell; the rest are named by number only


class RegisterPanel(QFrame):
    """Shown under table 三; follows the current cell of ``view``."""

    def __init__(self, document: Document, view: TableFormView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.view = view
        self.dialog: RegisterDialog | None = None
        self._entries: tuple[str, dict[int, Entry]] | None = None  # (sha256, entries by row)
        self._state: tuple[tuple[str, str], RegisterState] | None = None  # ((path, sha256), state)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.left_out = QLabel()  # register rows not counted: the table lacks their applications
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet(f"color: {ERROR_FG.name()};")
        self.compute_button = QPushButton("从台账计算…")
        self.compute_button.setToolTip(
            "读取依申请公开登记台账（Excel/WPS 表格），自动计算表三的全部数字（可撤销）"
        )
        self.compute_button.clicked.connect(self.open_dialog)
        self.recompute_button = QPushButton("重新计算")
        self.recompute_button.setToolTip("按上次使用的台账和设置重新计算表三（可撤销）")
        self.recompute_button.clicked.connect(self.recompute)
        self.cell_label = QLabel()
        self.cell_label.setWordWrap(True)
        self.rows_list = QListWidget()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.status, 1)
        top.addWidget(self.recompute_button)
        top.addWidget(self.compute_button)
        self.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
        )  # the table gets the room
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        box.addLayout(top)
        box.addWidget(self.left_out)
        box.addWidget(self.cell_label)
        box.addWidget(self.rows_list)
        view.selectionModel().currentChanged.connect(lambda *_: self.show_cell())
        document.changed.connect(lambda: self.refresh())
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Look at the register file again whenever the table is shown: a changed one is noticed."""
        super().showEvent(event)
        self.refresh(look=True)

    def event(self, event: QEvent) -> bool:
        """And whenever the clerk comes back to the window (from Excel, where the register was
        just corrected): the table on screen is then checked against the file again. Qt sends
        WindowActivate to the window and on to its visible children."""
        if event.type() == QEvent.Type.WindowActivate and self.isVisible():
            self.refresh(look=True)
        return super().event(event)

    def recompute(self) -> bool:
        from giedit.ui.register_dialog import recompute

        return recompute(self.document, self)

    def open_dialog(self) -> RegisterDialog:
        from giedit.ui.register_dialog import RegisterDialog

        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = RegisterDialog(self.document, parent=self)
        self.dialog.open()
        return self.dialog

    def state(self, look: bool = False) -> RegisterState | None:
        """The register file's state; hashed again when asked to ``look`` or the link changed."""
        link = self.document.report.register_link
        if link is None:
            return None
        key = (link.path, link.sha256)
        if look or self._state is None or self._state[0] != key:
            self._state = (key, register_state(link))
        return self._state[1]

    def refresh(self, look: bool = False) -> None:
        link = self.document.report.register_link
        self.recompute_button.setVisible(link is not None)
        if link is None:
            self._status(
                "表三尚未从台账计算。有依申请公开登记台账时，可点击“从台账计算…”自动得出全部数字。", None
            )
        else:
            name = Path(link.path).name
            state = self.state(look)
            sheet = f"（工作表「{link.sheet}」）" if link.sheet else ""
            where = f"表三由台账「{name}」{sheet}计算得出。"
            if state is RegisterState.CHANGED:
                self._status(where + "台账文件在计算之后已修改，请点击“重新计算”。", ERROR_FG.name())
            elif state is RegisterState.MISSING:
                self._status(where + f"找不到台账文件（{link.path}），单元格只能显示行号。", ERROR_FG.name())
            else:
                self._status(where + "选中一个单元格，可查看它由台账的哪些行计算而来。", MUTED_FG.name())
        left = unresolved_rows(self.document.report)
        self.left_out.setVisible(bool(left))
        self.left_out.setText(
            f"台账{row_numbers(left, 20)}（共 {len(left)} 行）未能计入表三，表三少计了这些申请："
            "请点击“从台账计算…”查看原因，改正台账或指定写法后重新计算。"
            if left
            else ""
        )
        self.show_cell()

    def _status(self, text: str, colour: str | None) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour};" if colour else "")

    def show_cell(self, index: QModelIndex | None = None) -> None:
        """The register rows behind the current cell of the table."""
        self.rows_list.clear()
        index = index if index is not None else self.view.currentIndex()
        cid = self.view.form.cell_id(index)
        report = self.document.report
        rows = rows_of(report, cid) if cid else None
        if cid is None or rows is None:
            self.cell_label.setText("")
            self.rows_list.setVisible(False)
            return
        name = report.definition.cells[cid].describe()
        if not rows:
            self.cell_label.setText(f"{name}：台账中没有这类申请（0 件）。")
            self.rows_list.setVisible(False)
            return
        self.cell_label.setText(f"{name}：{len(rows)} 件，来自台账{row_numbers(rows, 30)}。")
        entries = self._register_entries()
        self.rows_list.setVisible(entries is not None)
        if entries is None:
            return
        for r in rows[:DETAIL_ROWS]:
            e = entries.get(r)
            if e is not None:
                self.rows_list.addItem(_describe(e))
        if len(rows) > DETAIL_ROWS:
            self.rows_list.addItem(f"……另有 {len(rows) - DETAIL_ROWS} 行")
        shown = min(max(self.rows_list.count(), 1), DETAIL_LINES)
        frame = 2 * self.rows_list.frameWidth() + 4
        self.rows_list.setFixedHeight(self.rows_list.sizeHintForRow(0) * shown + frame)
        self.updateGeometry()

    def _register_entries(self) -> dict[int, Entry] | None:
        """The register's rows, when the file is still the one counted (read once per checksum)."""
        link = self.document.report.register_link
        if link is None or self.state() is not RegisterState.SAME:
            return None
        if self._entries is None or self._entries[0] != link.sha256:
            from giedit.importers.register_reader import RegisterUnreadable, read_register

            try:
                sheet = read_register(link.path, link.sheet, link.columns)
            except RegisterUnreadable:
                return None
            self._entries = (link.sha256, {e.row: e for e in sheet.entries()})
        return self._entries[1]


def _describe(e: Entry) -> str:
    parts = [
        f"第 {e.row} 行",
        date_text(e.received),
        e.name,
        e.applicant,
        e.content[:20],
        date_text(e.answered),
        e.result,
    ]
    return "　".join(p for p in parts if p)
