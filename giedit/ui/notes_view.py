"""A grouped list of notes with a filter and a copy button, for the import and roll-forward reports.

Each group has a title and its entries; the group titles carry the counts, so an empty group
("规范化 0 处") still says that nothing happened there. An entry may name a cell or a section of
the open report: double-clicking it emits ``placeActivated`` so the window can go there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from giedit.ui.colours import MUTED_FG

PLACE_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_PADDING = 4
TEXT_MARGINS = 12


class _Wrapping(QStyledItemDelegate):
    """Row heights for wrapped text: QTreeView asks the delegate without the column's width, so
    long lines would be cut off with an ellipsis instead of wrapping."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self.tree.viewport().width() - depth * self.tree.indentation()
        text_width = max(width - TEXT_MARGINS, 50)  # the style's margins around the text
        metrics = QFontMetrics(index.data(Qt.ItemDataRole.FontRole) or option.font)
        rect = metrics.boundingRect(
            QRect(0, 0, text_width, 100000), int(Qt.TextFlag.TextWordWrap), str(index.data())
        )
        return QSize(width, rect.height() + ROW_PADDING)


class _Tree(QTreeWidget):
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # the wrapped rows' heights follow the width


@dataclass
class Entry:
    """One line of a group; ``details`` show as its tooltip and are copied with it."""

    text: str
    details: str = ""
    cell: str | None = None
    section: str | None = None
    children: list[Entry] = field(default_factory=list)


@dataclass
class Group:
    title: str
    entries: list[Entry]
    unit: str = "项"
    expanded: bool = True
    tip: str = ""  # the group's tooltip: the rule it stands for, kept out of the title

    @property
    def count(self) -> int:
        return sum(len(e.children) or 1 for e in self.entries)

    @property
    def heading(self) -> str:
        return f"{self.title}（{self.count} {self.unit}）"


class NotesView(QWidget):
    """The groups as a tree: a filter above, 复制全部 beside it."""

    placeActivated = Signal(object, object)  # (cell id or None, section id or None)

    def __init__(self, groups: Iterable[Group], title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups = list(groups)
        self.title = title  # the first line of the copied text
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选：输入文字，只显示包含它的条目")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.copy_button = QPushButton("复制全部")
        self.copy_button.setToolTip("把全部条目作为文字复制到剪贴板，可粘贴到 Word 或邮件中")
        self.copy_button.clicked.connect(self.copy)
        self.shown_label = QLabel()
        self.shown_label.setStyleSheet(f"color: {MUTED_FG.name()};")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.filter, 1)
        row.addWidget(self.shown_label)
        row.addWidget(self.copy_button)
        self.tree = _Tree()
        self.tree.setItemDelegate(_Wrapping(self.tree))
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.itemDoubleClicked.connect(self._on_double_clicked)
        self.tree.itemActivated.connect(self._on_double_clicked)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.tree, 1)
        self._fill()
        self.apply_filter("")

    def _fill(self) -> None:
        bold = self.tree.font()
        bold.setBold(True)
        for group in self.groups:
            top = QTreeWidgetItem([group.heading])
            top.setFont(0, bold)
            if group.tip:
                top.setToolTip(0, group.tip)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for entry in group.entries:
                self._add(top, entry)
            top.setExpanded(group.expanded)

    def _add(self, parent: QTreeWidgetItem, entry: Entry) -> None:
        item = QTreeWidgetItem([entry.text])
        if entry.details:
            item.setToolTip(0, entry.details)
        if entry.cell or entry.section:
            item.setData(0, PLACE_ROLE, (entry.cell, entry.section))
            tip = "双击可转到报告中的相应位置"
            item.setToolTip(0, f"{entry.details}\n{tip}" if entry.details else tip)
        parent.addChild(item)
        for child in entry.children:
            self._add(item, child)
        item.setExpanded(True)

    def items(self) -> list[QTreeWidgetItem]:
        """Every entry item (not the group titles), in order."""
        out: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem) -> None:
            for i in range(item.childCount()):
                child = item.child(i)
                out.append(child)
                walk(child)

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return out

    def group_item(self, title: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.text(0).startswith(title):
                return item
        return None

    def apply_filter(self, text: str) -> None:
        """Show the entries containing ``text`` (in the line or its details), with their groups."""
        needle = text.strip().casefold()
        shown = total = 0

        def visit(item: QTreeWidgetItem, inherited: bool) -> bool:
            nonlocal shown, total
            own = not needle or inherited or needle in f"{item.text(0)}\n{item.toolTip(0)}".casefold()
            any_child = False
            for i in range(item.childCount()):
                any_child |= visit(item.child(i), own and bool(needle))
            visible = own or any_child
            item.setHidden(not visible)
            if item.childCount() == 0:
                total += 1
                shown += visible
            return visible

        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            visible_children = [visit(top.child(j), False) for j in range(top.childCount())]
            top.setHidden(bool(needle) and not any(visible_children))
        self.shown_label.setText(f"显示 {shown} / {total} 条" if needle else "")

    def text(self) -> str:
        """Everything, as plain text: the group titles and their entries (with details)."""
        lines: list[str] = [self.title, ""] if self.title else []

        def walk(entry: Entry, depth: int) -> None:
            pad = "  " * depth
            lines.append(f"{pad}{entry.text}")
            if entry.details:
                lines.extend(f"{pad}  {d}" for d in entry.details.splitlines())
            for child in entry.children:
                walk(child, depth + 1)

        for group in self.groups:
            lines.append(group.heading)
            for entry in group.entries:
                walk(entry, 1)
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText("已复制")

    def _on_double_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PLACE_ROLE)
        if place:
            self.placeActivated.emit(*place)
