"""The findings: the dockable list of all of them, and the list beside each narrative part.

Clicking a finding takes the clerk to its cells, or to its number in the text. A warning can be
dismissed with a reason, and an F-E1 or T2-E4 error accepted with a reason (spec §8), from the
context menu or the buttons beside the list; both are undoable edits kept in the file. Dismissed
findings stay listed, greyed, with their reason, and can be reinstated. Other errors can only be
fixed. Last year's unconfirmed numbers (N-W16) are not dismissed but confirmed: the marks go from
the text, as when the clerk confirms them there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from giedit.checks import Finding, Severity, acceptance, overridable
from giedit.checks.last_year import unconfirmed_numbers as last_years_numbers
from giedit.model import edits, inline
from giedit.model.report import Dismissal
from giedit.ui import dialogs
from giedit.ui.colours import MUTED_FG
from giedit.ui.document import Document
from giedit.ui.parts import PART_IDS, PARTS, part_of, tally

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
_PART_NAMES = dict(PARTS)
CANNOT_DISMISS = "这是错误，不能忽略，只能改正"


class FindingsModel(QAbstractListModel):
    """The document's findings (of one part, or all), errors first, then in the order of the parts."""

    def __init__(self, document: Document, part: str | None = None) -> None:
        super().__init__(document)
        self.document = document
        self.part = part
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
            return finding.message + self._accepted_note(finding)
        if role == Qt.ItemDataRole.DecorationRole:
            icon = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if finding.severity is Severity.ERROR
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            return QApplication.style().standardIcon(icon)
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "错误" if finding.severity is Severity.ERROR else "提醒"
            tip = f"{_PART_NAMES[part]} · {kind}（规则 {finding.rule}）\n{finding.message}"
            return tip + ("\n右键可恢复" if finding.dismissed else "")
        if role == Qt.ItemDataRole.ForegroundRole and finding.dismissed:
            return MUTED_FG
        if role == FINDING_ROLE:
            return finding
        return None

    def findings(self) -> list[Finding]:
        return [f for f, _ in self._rows]

    def _accepted_note(self, finding: Finding) -> str:
        if not finding.dismissed:
            return ""
        entry = acceptance.acceptance(self.document.report, finding)
        what = "已忽略" if isinstance(entry, Dismissal) else "已接受"
        return f"（{what}：{entry.reason}）" if entry else f"（{what}）"

    def _collect(self) -> None:
        fmt = self.document.report.definition
        rows = [(f, part_of(f, fmt)) for f in self.document.findings]
        if self.part is not None:
            rows = [r for r in rows if r[1] == self.part]
        rows.sort(
            key=lambda fp: (fp[0].dismissed, fp[0].severity is not Severity.ERROR, PART_IDS.index(fp[1]))
        )
        self._rows = rows

    def _on_changed(self) -> None:
        self.beginResetModel()
        self._collect()
        self.endResetModel()


# -- dismissing and accepting --------------------------------------------------------------------


def confirm_numbers(document: Document, finding: Finding) -> bool:
    """The paragraph's last-year numbers are this year's too: their marks go, as one step."""
    report = document.report
    where, index = finding.section or "", finding.place[0] if finding.place else -1
    paras = edits.paragraphs_of(report, where)
    if not 0 <= index < len(paras):
        return False
    document.push(
        edits.change_paragraph(report, where, index, inline.confirmed(paras[index])), "确认上年数字"
    )
    document.tell("已确认这一段中的上年数字（可撤销）")
    return True


def can_accept(finding: Finding) -> bool:
    """A warning can be dismissed; of the errors only F-E1 and T2-E4 can be accepted."""
    return finding.severity is Severity.WARNING or overridable(finding.rule)


def accept_label(finding: Finding) -> str:
    if last_years_numbers(finding):
        return "确认这些上年数字（本年度沿用）"
    return "忽略此提醒…" if finding.severity is Severity.WARNING else "说明理由后接受此错误…"


def accept(parent: QWidget | None, document: Document, finding: Finding) -> bool:
    """Ask for the reason, then dismiss the warning (or accept the error) as one undoable step.
    Last year's numbers are confirmed instead."""
    if finding.dismissed:
        return False
    if last_years_numbers(finding):
        return confirm_numbers(document, finding)
    if not can_accept(finding):
        document.tell(CANNOT_DISMISS)
        return False
    reason = dialogs.ask_reason(parent, finding)
    if reason is None:
        return False
    report = document.report
    try:
        if finding.severity is Severity.ERROR:
            document.push(acceptance.override(report, finding, reason), "接受错误")
        else:
            document.push(acceptance.dismiss(report, finding, reason), "忽略提醒")
    except edits.InputError as err:
        document.tell(str(err))
        return False
    document.tell(
        "已接受该错误，理由已保存在报告中" if finding.severity is Severity.ERROR else "已忽略该提醒"
    )
    return True


def reinstate(document: Document, finding: Finding) -> bool:
    edit = acceptance.reinstate(document.report, finding)
    if edit is None:
        return False
    document.push(edit, "恢复检查结果")
    return True


class FindingsList(QListView):
    """A list of findings with the context menu to dismiss, accept or reinstate one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    @property
    def document(self) -> Document | None:
        model = self.model()
        return model.document if isinstance(model, FindingsModel) else None

    def current_finding(self) -> Finding | None:
        index = self.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_for(index.data(FINDING_ROLE)).exec(event.globalPos())

    def menu_for(self, finding: Finding) -> QMenu:
        menu = QMenu(self)
        document = self.document
        if document is None:
            return menu
        if finding.dismissed:
            menu.addAction("恢复（重新计入检查结果）", lambda: reinstate(document, finding))
        elif can_accept(finding):
            menu.addAction(accept_label(finding), lambda: accept(self, document, finding))
        else:
            action = menu.addAction(CANNOT_DISMISS)
            action.setEnabled(False)
        return menu


class ChecksPanel(QDockWidget):
    """Emits ``findingActivated`` when the clerk clicks a finding."""

    findingActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("检查结果", parent)
        self.setObjectName("checks")
        self.list = FindingsList(self)
        self.list.clicked.connect(self._on_clicked)
        self.list.activated.connect(self._on_clicked)
        self.accept_button = QPushButton("忽略…")
        self.accept_button.clicked.connect(self._accept_current)
        self.reinstate_button = QPushButton("恢复")
        self.reinstate_button.setToolTip("让已忽略的提醒（或已接受的错误）重新计入检查结果")
        self.reinstate_button.clicked.connect(self._reinstate_current)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reinstate_button)
        buttons.addStretch(1)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 4, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.setWidget(body)
        self._update_buttons()

    def set_document(self, document: Document) -> None:
        self.list.setModel(FindingsModel(document))
        self.list.selectionModel().currentChanged.connect(self._update_buttons)
        self.list.model().modelReset.connect(self._update_buttons)
        document.changed.connect(lambda: self._show_summary(document))
        self._show_summary(document)
        self._update_buttons()

    def _show_summary(self, document: Document) -> None:
        """The dock title says how things stand, so an empty list reads as good news."""
        errors, warnings = tally(document.findings)
        if not errors and not warnings:
            self.setWindowTitle("检查结果：没有发现问题")
        else:
            self.setWindowTitle(f"检查结果：错误 {errors} 个，提醒 {warnings} 个（点击一条可转到相应位置）")

    def _update_buttons(self, *_: object) -> None:
        finding = self.list.current_finding()
        if finding is None:
            self.accept_button.setText("忽略…")
            self.accept_button.setEnabled(False)
            self.accept_button.setToolTip("先在列表中选中一条提醒")
            self.reinstate_button.setEnabled(False)
            return
        self.accept_button.setText(
            "确认"
            if last_years_numbers(finding)
            else "接受…"
            if finding.severity is Severity.ERROR
            else "忽略…"
        )
        self.accept_button.setEnabled(not finding.dismissed and can_accept(finding))
        self.accept_button.setToolTip(
            accept_label(finding).rstrip("…") if can_accept(finding) else CANNOT_DISMISS
        )
        self.reinstate_button.setEnabled(finding.dismissed)

    def _accept_current(self) -> None:
        finding, document = self.list.current_finding(), self.list.document
        if finding is not None and document is not None:
            accept(self, document, finding)

    def _reinstate_current(self) -> None:
        finding, document = self.list.current_finding(), self.list.document
        if finding is not None and document is not None:
            reinstate(document, finding)

    def _on_clicked(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None:
            self.findingActivated.emit(finding)


class PartFindings(QWidget):
    """The findings of one part, shown beside its editor."""

    findingActivated = Signal(object)

    def __init__(self, document: Document, part: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)  # beside a section's text at 1024 px it has ~190 px
        self.list = FindingsList()
        self.model = FindingsModel(document, part)
        self.list.setModel(self.model)
        self.list.clicked.connect(lambda i: self.findingActivated.emit(i.data(FINDING_ROLE)))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.title)
        box.addWidget(self.list, 1)
        document.changed.connect(self._show_title)
        self._show_title()

    def _show_title(self) -> None:
        errors, warnings = tally(self.model.findings())
        if errors or warnings:
            self.title.setText(f"本部分的检查结果：错误 {errors} 个，提醒 {warnings} 个")
        else:
            self.title.setText("本部分的检查结果：没有发现问题")
