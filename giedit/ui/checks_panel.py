"""The dockable list of every finding; clicking one takes the clerk to its cells."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget, QListView, QStyle, QWidget

from giedit.checks import Finding, Severity
from giedit.ui.colours import MUTED_FG
from giedit.ui.document import Document
from giedit.ui.parts import PART_IDS, PARTS, part_of, tally

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
_PART_NAMES = dict(PARTS)


class FindingsModel(QAbstractListModel):
    """The document's findings, errors first, then in the order of the report's parts."""

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.document = document
        self._rows: list[tuple[Finding, str]] = []
        self._collect()
        document.changed.connect(self._on_changed)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        finding, part = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.message
        if role == Qt.ItemDataRole.DecorationRole:
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if finding.severity is Severity.ERROR
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            return QApplication.style().standardIcon(icon)
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "错误" if finding.severity is Severity.ERROR else "提醒"
            return f"{_PART_NAMES[part]} · {kind}（规则 {finding.rule}）\n{finding.message}"
        if role == Qt.ItemDataRole.ForegroundRole and finding.dismissed:
            return MUTED_FG
        if role == FINDING_ROLE:
            return finding
        return None

    def _collect(self) -> None:
        fmt = self.document.report.definition
        rows = [(f, part_of(f, fmt)) for f in self.document.findings]
        rows.sort(
            key=lambda fp: (fp[0].dismissed, fp[0].severity is not Severity.ERROR, PART_IDS.index(fp[1]))
        )
        self._rows = rows

    def _on_changed(self) -> None:
        self.beginResetModel()
        self._collect()
        self.endResetModel()


class ChecksPanel(QDockWidget):
    """Emits ``findingActivated`` when the clerk clicks a finding."""

    findingActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("检查结果", parent)
        self.setObjectName("checks")
        self.list = QListView(self)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.clicked.connect(self._on_clicked)
        self.list.activated.connect(self._on_clicked)
        self.setWidget(self.list)

    def set_document(self, document: Document) -> None:
        self.list.setModel(FindingsModel(document))
        document.changed.connect(lambda: self._show_summary(document))
        self._show_summary(document)

    def _show_summary(self, document: Document) -> None:
        """The dock title says how things stand, so an empty list reads as good news."""
        errors, warnings = tally(document.findings)
        if not errors and not warnings:
            self.setWindowTitle("检查结果：没有发现问题")
        else:
            self.setWindowTitle(f"检查结果：错误 {errors} 个，提醒 {warnings} 个（点击一条可转到相应位置）")

    def _on_clicked(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None:
            self.findingActivated.emit(finding)
