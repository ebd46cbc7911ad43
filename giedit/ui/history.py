"""文件 → 历史版本…: the backups of the open document, and restoring one.

Every save keeps the version it replaces (the last five, ``giedit.model.backups``); until now
nothing in the program showed them. The dialog lists them newest first with the time each was
saved, its size and one line on what differs from the report as it is now. Restoring opens the
version as unsaved changes of the same file: nothing is overwritten until the clerk saves, and
that save keeps the current file as a version in turn.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from giedit.model.backups import KEEP
from giedit.model.history import Difference, Version, compare, versions
from giedit.model.text import date_text
from giedit.ui.colours import MUTED_FG
from giedit.ui.document import Document
from giedit.ui.parts import INFO, PARTS

if TYPE_CHECKING:
    from giedit.ui.main_window import MainWindow

VERSION_ROLE = Qt.ItemDataRole.UserRole + 1
NOTICE_MS = 15000
_NUMERAL = {part: name.split()[0] for part, name in PARTS if part != INFO}  # 一 … 六


def when(saved: dt.datetime) -> str:
    return f"{date_text(saved)} {saved:%H:%M:%S}"


def size_text(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} 字节"


def describe(diff: Difference) -> str:
    """One line: what differs from the report as it is now."""
    if diff.none:
        return "与当前内容相同"
    parts = []
    if diff.years:
        parts.append(f"报告年度（{diff.years[0]}年度）")
    if diff.cells:
        count = sum(n for _, n in diff.cells)
        parts.append(f"{count} 个数字（{'、'.join(_NUMERAL[s] for s, _ in diff.cells)}）")
    if diff.texts:
        parts.append(f"文字（{'、'.join(_NUMERAL[s] for s in diff.texts)}）")
    if diff.info:
        parts.append("基本信息")
    if diff.accepted:
        parts.append("忽略或接受的检查结果")
    return "与当前不同：" + "；".join(parts)


class HistoryDialog(QDialog):
    """The versions of one document; 恢复此版本 accepts with ``chosen`` set."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"历史版本 — {document.name}")
        self.chosen: Version | None = None
        found = versions(document.path) if document.path is not None else []
        intro = QLabel(
            f"每次保存时，giedit 自动保留被替换的旧版本（最近 {KEEP} 个）。选中一个版本后点“恢复此版本”，"
            "它会作为未保存的修改打开；核对后保存，才替换当前文件（当前文件也会先留作历史版本）。"
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["保存时间", "大小", "与当前报告相比"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setStretchLastSection(True)
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for version in found:
            self._add(version, document)
        self.empty = QLabel(self._empty_text(document))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {MUTED_FG.name()};")
        self.empty.setVisible(not found)
        self.list.setVisible(bool(found))
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("恢复此版本", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemSelectionChanged.connect(self._update)
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.list, 1)
        box.addWidget(self.empty, 1)
        box.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("汉")
        self.resize(52 * em, 22 * em)
        if found:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update()

    @staticmethod
    def _empty_text(document: Document) -> str:
        if document.path is None:
            return "这份报告还没有保存过，没有历史版本。保存后，每次再保存都会留下一个历史版本。"
        return "还没有历史版本。这份报告再次保存时，保存前的版本会自动留在这里。"

    def _add(self, version: Version, document: Document) -> None:
        if version.report is None:
            summary = f"无法读取：{version.problem}"
        else:
            summary = describe(compare(version.report, document.report))
        item = QTreeWidgetItem([when(version.saved), size_text(version.size), summary])
        item.setData(0, VERSION_ROLE, version)
        item.setToolTip(2, summary)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if version.report is None:
            item.setForeground(2, MUTED_FG)
        self.list.addTopLevelItem(item)

    def _selected(self) -> Version | None:
        items = self.list.selectedItems()
        return items[0].data(0, VERSION_ROLE) if items else None

    def _update(self) -> None:
        version = self._selected()
        self.restore_button.setEnabled(version is not None and version.report is not None)

    def accept(self) -> None:
        version = self._selected()
        if version is None or version.report is None:
            return
        self.chosen = version
        super().accept()


def restore(window: MainWindow, version: Version) -> bool:
    """Open ``version`` as unsaved changes of the window's file (after the unsaved-changes guard)."""
    path = window.document.path
    if version.report is None or not window.maybe_save():
        return False
    document = Document(version.report.model_copy(deep=True), path)
    document.mark_modified()
    window.set_document(document)
    window.statusBar().showMessage(
        f"已打开{when(version.saved)}保存的版本，尚未保存；核对后保存即替换当前文件", NOTICE_MS
    )
    return True


def show_history(window: MainWindow) -> bool:
    """文件 → 历史版本…; True when a version was restored."""
    window.document.flush()
    dialog = HistoryDialog(window.document, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return False
    return restore(window, dialog.chosen)
