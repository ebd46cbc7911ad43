"""The 基本信息 page: who reports, for which year, how to reach them, the signature, the preamble.

Each field commits when the clerk leaves it (or before a save, an undo or the recovery copy), as
one undoable edit through the document, the same path as table edits; every field is re-read
from the report after any change, so undo and redo show up here too. Changing the year re-runs
the checks, so F-E1 follows at once. The preamble (the paragraphs before 一) is edited beside the
form, above the findings of this part (title, statistics period, contact details, date, format).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from giedit.model import edits
from giedit.model.bounds import FIRST_YEAR, LAST_YEAR, year_in_range, year_problem
from giedit.model.formats import format_for_year
from giedit.model.report import BodyKind
from giedit.ui.checks_panel import PartFindings
from giedit.ui.colours import ERROR_BG, ERROR_FG
from giedit.ui.document import Document
from giedit.ui.labels import heading, hint
from giedit.ui.narrative import NarrativeEditor
from giedit.ui.parts import INFO

# (label, path in the report, blank means None)
TEXT_FIELDS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("报告标题", ("title",), True),
    ("机关名称", ("body", "name"), False),
    ("上级机关", ("body", "parent"), False),
    ("统计期间", ("period",), True),
    ("联系部门", ("contact", "office"), True),
    ("地址", ("contact", "address"), True),
    ("邮政编码", ("contact", "postcode"), True),
    ("联系电话", ("contact", "phone"), True),
    ("电子邮箱", ("contact", "email"), True),
    ("落款机关", ("signature",), True),
)
NO_KIND = "（请选择）"
FORM_WIDTH_EM = 32
PREAMBLE_MIN_EM = 45  # the preamble column; its paragraph text gets about half (gutter, 正文 box, buttons)


def _get(target: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        target = getattr(target, name)
    return target


class FieldEdit(QLineEdit):
    """A line edit whose Ctrl+Z reaches the document's undo once it has nothing of its own to undo."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            own = (
                (QKeySequence.StandardKey.Undo, self.isUndoAvailable()),
                (QKeySequence.StandardKey.Redo, self.isRedoAvailable()),
            )
            if any(event.matches(key) and not available for key, available in own):
                event.ignore()
                return True
        return super().event(event)


class YearBox(QSpinBox):
    """The report year; the mouse wheel changes it only once the clerk has clicked into it.

    A file may hold a year outside 2019–2100 (F-E2). The box then shows that year as it is, in
    red, instead of clamping it silently to the range (a QSpinBox would, and one holding 3000000000
    would overflow): one step below the range stands for "the year in the file", shown through
    the special-value text, and the first step up is 2019. Nothing is committed until the clerk
    picks a year in the range.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRange(FIRST_YEAR, LAST_YEAR)
        self.outside: int | None = None  # the out-of-range year shown, if any

    def show_year(self, year: int) -> None:
        if year_in_range(year):
            self.outside = None
            self.setSpecialValueText("")
            self.setMinimum(FIRST_YEAR)
            self.setValue(year)
            self.setStyleSheet("")
            self.setToolTip("")
            return
        self.outside = year
        self.setMinimum(FIRST_YEAR - 1)
        self.setSpecialValueText(f"{year} 年（超出范围）")
        self.setValue(FIRST_YEAR - 1)
        self.setStyleSheet(f"background: {ERROR_BG.name()};")
        self.setToolTip(f"{year_problem(year)}，请改为正确的报告年度")

    def chosen(self) -> int | None:
        """The year the clerk set, or ``None`` while the box still shows the file's own year."""
        return None if self.outside is not None and self.value() == FIRST_YEAR - 1 else self.value()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class InfoForm(QWidget):
    """Edits the report's basic information and preamble; shows the format the year calls for."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.year = YearBox()
        self.year.setSuffix(" 年")
        self.year.setKeyboardTracking(False)
        self.year.editingFinished.connect(self._commit_year)
        self.kind = QComboBox()
        self.kind.addItems([NO_KIND, *(k.value for k in BodyKind)])
        self.kind.activated.connect(self._commit_kind)
        self.format_label = QLabel()
        self.format_label.setWordWrap(True)
        self.date = FieldEdit()
        self.date.setPlaceholderText("例如 2025年1月20日，可留空")
        self.date.editingFinished.connect(self._commit_date)
        self.date.textEdited.connect(document.typing)
        self.texts: dict[tuple[str, ...], QLineEdit] = {}
        for label, path, optional in TEXT_FIELDS:
            edit = FieldEdit()
            edit.editingFinished.connect(lambda p=path, e=edit, o=optional: self._commit_text(p, e, o))
            edit.textEdited.connect(document.typing)  # the recovery copy follows what is typed
            self.texts[path] = edit
            form.addRow(label, edit)
            if path == ("body", "name"):
                form.addRow("机关类型", self.kind)
            if path == ("body", "parent"):
                form.addRow("报告年度", self.year)
                form.addRow("报告格式", self.format_label)
        form.addRow("成文日期", self.date)
        self.texts[("period",)].setToolTip("通常为报告年度的1月1日至12月31日；改报告年度时随之更改")
        self.texts[("title",)].setToolTip("留空时使用惯用标题：机关名称＋年度＋“政府信息公开工作年度报告”")
        fields = QWidget()
        fields.setLayout(form)
        em = self.fontMetrics().horizontalAdvance("汉")
        scroll = self.fields = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(FORM_WIDTH_EM * em)

        self.preamble = NarrativeEditor(document, edits.PREAMBLE)
        self.findings = PartFindings(document, INFO)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        first = document.report.definition.sections[0].title
        preamble_title = QLabel(f"前言（标题之后、“{first}”之前的文字，可选）")
        font = preamble_title.font()
        font.setBold(True)
        preamble_title.setFont(font)
        right.addWidget(preamble_title)
        right.addWidget(self.preamble, 3)
        right.addWidget(self.findings, 1)
        row = self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.addWidget(scroll, 0)
        row.addSpacing(em)
        row.addLayout(right, 1)
        box = QVBoxLayout(self)
        box.addWidget(heading("基本信息"))
        box.addWidget(hint("离开输入框即生效，可撤销。报告格式由报告年度决定。"))
        box.addLayout(row, 1)
        document.changed.connect(self._load)
        document.flushing.connect(self.commit)
        self._load()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The preamble beside the fields where its text gets a readable line, else under them, with
        the larger share of the height and the fields scrolling: beside them it was a column of seven
        characters a line on a 1024-wide screen, of nine to seventeen at 1040-1150 px (a 1366x768
        laptop at 125 % is 1093 px wide)."""
        super().resizeEvent(event)
        em = self.fontMetrics().horizontalAdvance("汉")
        side = event.size().width() >= (FORM_WIDTH_EM + 1 + PREAMBLE_MIN_EM) * em
        direction = QBoxLayout.Direction.LeftToRight if side else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
            self.row.setStretch(0, 0 if side else 2)
            self.row.setStretch(2, 1 if side else 3)
            # stacked, the fields scroll: they must not make the window's minimum height any taller
            self.fields.setMinimumHeight(0 if side else 1)

    # -- committing ----------------------------------------------------------------------------

    def _push(self, edit: edits.Edit | None, text: str = "修改基本信息") -> None:
        self.document.push(edit, text)

    def _commit_text(self, path: tuple[str, ...], edit: QLineEdit, optional: bool) -> None:
        value = edit.text().strip() or (None if optional else "")
        edit.setModified(False)
        self._push(edits.set_field(self.document.report, path, value))

    def _commit_year(self) -> None:
        year = self.year.chosen()
        if year is not None:
            self._push(edits.set_year(self.document.report, year), "修改报告年度")

    def _commit_kind(self, row: int) -> None:
        kind = None if row == 0 else BodyKind(self.kind.itemText(row))
        self._push(edits.set_field(self.document.report, ("body", "kind"), kind))

    def _commit_date(self) -> None:
        try:
            date = edits.parse_date(self.date.text())
        except edits.InputError as err:
            self.date.setStyleSheet(f"background: {ERROR_BG.name()};")
            self.date.setToolTip(str(err))
            self.document.tell(str(err))
            return
        self.date.setStyleSheet("")
        self.date.setToolTip("")
        self.date.setModified(False)
        self._push(edits.set_field(self.document.report, ("date",), date), "修改成文日期")

    def commit(self) -> None:
        """Commit whatever was typed but not yet committed (before a save, an undo…)."""
        for _label, path, optional in TEXT_FIELDS:
            edit = self.texts[path]
            if edit.isModified():
                self._commit_text(path, edit, optional)
        if self.date.isModified():
            self._commit_date()
        if self.year.lineEdit().hasAcceptableInput():  # never "fixes" a year half typed
            self.year.interpretText()
        if self.year.chosen() not in (None, self.document.report.year) and self.year.hasFocus():
            self._commit_year()

    # -- showing -------------------------------------------------------------------------------

    @staticmethod
    def _show(edit: QLineEdit, text: str) -> None:
        """Set a field from the report, unless the clerk is typing something else into it."""
        if edit.text() == text or (edit.hasFocus() and edit.isModified()):
            return
        edit.setText(text)

    def _load(self) -> None:
        """Show what the report holds (after any edit, undo or redo)."""
        report = self.document.report
        if not self.year.hasFocus() or self.year.chosen() in (None, report.year):
            self.year.show_year(report.year)
        self.kind.setCurrentIndex(
            0 if report.body.kind is None else self.kind.findText(report.body.kind.value)
        )
        for path, edit in self.texts.items():
            self._show(edit, _get(report, path) or "")
        self._show(self.date, edits.format_date(report.date))
        self.texts[("title",)].setPlaceholderText(report.display_title())
        self.texts[("period",)].setPlaceholderText(report.default_period())
        fmt = report.definition
        text = f"{fmt.name}（{fmt.basis}）"
        if problem := year_problem(report.year):
            text += f"<br><span style='color:{ERROR_FG.name()}'>{problem}，请改为正确的报告年度</span>"
        elif not fmt.applies_to(report.year):
            wanted = format_for_year(report.year)
            text += f"<br><span style='color:{ERROR_FG.name()}'>{report.year}年度应使用{wanted.name}</span>"
        self.format_label.setText(text)
