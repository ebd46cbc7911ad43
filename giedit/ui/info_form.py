"""The 基本信息 page: who reports, for which year, how to reach them, the signature, the preamble.

Each field commits when the clerk leaves it (or before a save, an undo or the recovery copy), as
one undoable edit through the document, the same path as table edits; every field is re-read
from the report after any change, so undo and redo show up here too. Changing the year re-runs
the checks, so F-E1 follows at once. The preamble (the paragraphs before 一) is edited beside the
form, above the findings of this part (title, statistics period, contact details, date, format).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
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


class DateEdit(FieldEdit):
    """The 成文日期 field; Esc gives the text back to the date the report holds (``reverted``)."""

    reverted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.reverted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class InfoFindings(PartFindings):
    """The findings of 基本信息, and first what the clerk typed that the report did not take.

    A date that is no date (2026年2月30日) cannot be kept in the report, so no check can see it:
    without this the part said 没有发现问题 while the report kept, saved and exported the old
    date. The entry is listed until it is corrected or reverted."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        self.unapplied: list[str] = []
        super().__init__(document, INFO, parent)
        self.pending = QLabel()
        self.pending.setWordWrap(True)
        self.pending.setStyleSheet(f"color: {ERROR_FG.name()};")
        self.pending.hide()
        box = self.layout()
        assert isinstance(box, QVBoxLayout)
        box.insertWidget(1, self.pending)

    def set_unapplied(self, entries: list[str]) -> None:
        self.unapplied = entries
        self.pending.setText("\n".join(entries))
        self.pending.setVisible(bool(entries))
        self._show_title()

    def _show_title(self) -> None:
        super()._show_title()
        if self.unapplied:
            found = self.title.text().removeprefix("本部分的检查结果：")
            rest = "" if found == "没有发现问题" else f"；{found}"
            self.title.setText(f"本部分的检查结果：{len(self.unapplied)} 项输入未生效{rest}")


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
        self.date = DateEdit()
        self.date.setPlaceholderText("例如 2025年1月20日，可留空")
        self.date.editingFinished.connect(self._commit_date)
        self.date.textEdited.connect(document.typing)
        self.date.reverted.connect(self._revert_date)
        self.refused: tuple[str, str] | None = None  # 成文日期 text the report did not take, and why
        self.date_problem = QLabel()  # why, under the field, as long as the text stays
        self.date_problem.setWordWrap(True)
        self.date_problem.setStyleSheet(f"color: {ERROR_FG.name()};")
        self.date_problem.hide()
        date_box = QWidget()
        date_column = QVBoxLayout(date_box)
        date_column.setContentsMargins(0, 0, 0, 0)
        date_column.addWidget(self.date)
        date_column.addWidget(self.date_problem)
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
        form.addRow("成文日期", date_box)
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
        self.findings = InfoFindings(document)
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
        text = self.date.text()
        try:
            date = edits.parse_date(text)
        except edits.InputError as err:
            if self.refused is None or text != self.refused[0]:  # a flush does not say it again
                self.document.tell(str(err))
            self._refuse_date(text, str(err))
            return
        self._clear_refusal()
        self.date.setModified(False)
        self._push(edits.set_field(self.document.report, ("date",), date), "修改成文日期")

    def _refuse_date(self, text: str, why: str) -> None:
        """Keep the refused text in the field, red, and say under it and in the part's findings
        that the report still holds its old date, until the clerk corrects it or presses Esc."""
        self.refused = (text, why)
        self.date.setStyleSheet(f"background: {ERROR_BG.name()};")
        self._show_refusal()

    def _show_refusal(self) -> None:
        """The refusal's words, with the date the report holds now (an undo may change it)."""
        if self.refused is None:
            return
        text, why = self.refused
        applied = edits.format_date(self.document.report.date)
        kept = f"报告中的成文日期仍是「{applied}」" if applied else "报告中的成文日期仍为空"
        message = f"{why}，未生效：{kept}。请改正，或按 Esc 恢复。"
        self.date_problem.setText(message)
        self.date_problem.show()
        self.date.setToolTip(message)
        self.findings.set_unapplied([f"成文日期「{text}」{_reason(why)}，未生效"])

    def _clear_refusal(self) -> None:
        self.refused = None
        self.date.setStyleSheet("")
        self.date.setToolTip("")
        self.date_problem.hide()
        self.findings.set_unapplied([])

    def _revert_date(self) -> None:
        """Esc: the field shows the report's date again; what was typed is dropped."""
        self._clear_refusal()
        self.date.setText(edits.format_date(self.document.report.date))
        self.date.setModified(False)

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
        if self.refused is None:  # a refused entry stays in view until corrected or reverted
            self._show(self.date, edits.format_date(report.date))
        else:
            self._show_refusal()
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


def _reason(why: str) -> str:
    """The refusal without the quoted text it begins with: 「x」不是有效的日期 -> 不是有效的日期."""
    return why.split("」", 1)[1] if why.startswith("「") and "」" in why else why
