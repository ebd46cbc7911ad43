"""「插入表格数字」: a searchable list of every figure the tables offer, by its official labels.

The clerk types a few characters of a label (自然人, 不予公开, 复议 …) and picks a line; each line
shows the table, the cell's labels and its current value, so the right cell is plain to see.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from giedit.model import figures
from giedit.model.report import Report
from giedit.ui.colours import MUTED_FG

REF_ROLE = Qt.ItemDataRole.UserRole + 1


class FigurePicker(QDialog):
    """Filter by words of the cell's labels (separated by spaces; the section titles are not
    searched, since 四's title names both 复议 and 诉讼); Enter or double-click inserts."""

    def __init__(self, report: Report, parent: QWidget | None = None, initial: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("插入表格数字")
        self.report = report
        self.filter = QLineEdit(initial)
        self.filter.setPlaceholderText("输入表格中的名称查找，例如：新收、自然人、不予公开、行政复议")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        for target in figures.targets(report.definition):
            value = figures.shown(report, target.ref)
            item = QListWidgetItem(f"{target.name}　＝ {value}")
            item.setToolTip(target.label)
            item.setData(REF_ROLE, target.ref)
            item.setData(Qt.ItemDataRole.UserRole, target.name)  # searched: the cell's own labels
            self.list.addItem(item)
        hint = QLabel(
            "插入的数字与表格相连：表格中的数字改了，正文中的数字随之改变；表格中还没有填写时显示为“□”。"
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED_FG.name()};")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("插入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.filter)
        box.addWidget(self.list, 1)
        box.addWidget(hint)
        box.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("汉")
        self.resize(48 * em, 30 * em)
        self.filter.returnPressed.connect(self._enter)
        self.apply_filter(initial)

    def apply_filter(self, text: str) -> None:
        words = text.split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            label = str(item.data(Qt.ItemDataRole.UserRole))
            hidden = not all(w in label for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        self.list.setCurrentItem(first)
        self.ok.setEnabled(first is not None)

    def visible_refs(self) -> list[str]:
        return [
            str(self.list.item(i).data(REF_ROLE))
            for i in range(self.list.count())
            if not self.list.item(i).isHidden()
        ]

    def _enter(self) -> None:
        if self.list.currentItem() is not None:
            self.accept()

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(REF_ROLE)) if item is not None and not item.isHidden() else None


def pick_figure(parent: QWidget | None, report: Report, initial: str = "") -> str | None:
    """The reference the clerk picked, or None."""
    dialog = FigurePicker(report, parent, initial)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
