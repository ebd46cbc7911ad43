"""The list of report parts on the left, each with live error and warning badges."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from giedit.ui.colours import ERROR_FG, WARNING_FG
from giedit.ui.document import Document
from giedit.ui.parts import PART_IDS, PARTS, part_of, tally

PART_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 2  # (errors, warnings) of the part
CARRIED_TAG = "（待修改）"

AnyIndex = QModelIndex | QPersistentModelIndex


class PartsModel(QAbstractListModel):
    """The report's parts with the counts of their active findings."""

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._counts: dict[str, tuple[int, int]] = {}
        self._count()
        document.changed.connect(self._on_changed)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(PARTS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(PARTS):
            return None
        part, name = PARTS[index.row()]
        errors, warnings = self._counts.get(part, (0, 0))
        if role == Qt.ItemDataRole.DisplayRole:
            return name + (CARRIED_TAG if self.carried(part) else "")
        if role == PART_ID_ROLE:
            return part
        if role == COUNTS_ROLE:
            return (errors, warnings)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{errors} 个错误，{warnings} 个提醒" if errors or warnings else "没有发现问题"
        return None

    def carried(self, part: str) -> bool:
        """The part's text is still last year's (待修改, N-W15)."""
        section = self.document.report.sections.get(part)
        return section is not None and section.carried

    def _count(self) -> None:
        fmt, findings = self.document.report.definition, self.document.findings
        self._counts = {p: tally(f for f in findings if part_of(f, fmt) == p) for p in PART_IDS}

    def _on_changed(self) -> None:
        self._count()
        self.dataChanged.emit(self.index(0), self.index(len(PARTS) - 1))


class BadgeDelegate(QStyledItemDelegate):
    """Draws the part name, then a red error pill and an amber warning pill at the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        metrics = QFontMetrics(option.font)
        return QSize(size.width() + 4 * metrics.horizontalAdvance("0") + 24, int(metrics.height() * 2.2))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        errors, warnings = index.data(COUNTS_ROLE) or (0, 0)
        metrics = QFontMetrics(option.font)
        right = option.rect.right() - 6
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for count, colour in ((warnings, WARNING_FG), (errors, ERROR_FG)):
            if not count:
                continue
            text = str(count) if count < 100 else "99+"
            width = max(metrics.horizontalAdvance(text) + 12, metrics.height() + 2)
            pill = QRect(
                right - width,
                option.rect.center().y() - metrics.height() // 2 - 1,
                width,
                metrics.height() + 2,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(QColor("white"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
            right = pill.left() - 4
        painter.restore()


class Navigator(QListView):
    """Emits ``partSelected`` with the part id when the clerk picks a part."""

    partSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(BadgeDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(name + CARRIED_TAG) for _, name in PARTS)
        self.setMinimumWidth(widest + 6 * metrics.horizontalAdvance("0") + 4 * metrics.height())

    def set_document(self, document: Document) -> None:
        self.setModel(PartsModel(document))
        self.selectionModel().currentChanged.connect(self._on_current)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.partSelected.emit(current.data(PART_ID_ROLE))

    def select_part(self, part: str) -> None:
        row = next(i for i, (p, _) in enumerate(PARTS) if p == part)
        self.setCurrentIndex(self.model().index(row, 0))
