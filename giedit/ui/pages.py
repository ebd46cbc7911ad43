"""The editors shown in the centre, one per report part.

Table parts get the generated table form, with the optional note printed between the heading and
the table. Sections 一、五、六 get the narrative editor with their findings beside it. Section
titles come from the format definition.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from giedit.model.figures import paragraph_text
from giedit.model.register import TABLE as REGISTER_TABLE
from giedit.ui.checks_panel import PartFindings
from giedit.ui.document import Document
from giedit.ui.extra_lines import ExtraLines
from giedit.ui.labels import heading, hint
from giedit.ui.narrative import NarrativeEditor
from giedit.ui.table_model import TableFormModel
from giedit.ui.table_view import TableFormView

FINDINGS_MIN_EM = 16
NOTE_LINES = 9  # the expanded note editor's height under a table heading, in lines


class TablePage(QWidget):
    """A section with its statutory table: the official title, the optional note, the form."""

    def __init__(self, document: Document, table_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        fmt = document.report.definition
        self.section_id = fmt.table(table_id).section
        self.model = TableFormModel(document, table_id)
        self.view = TableFormView(self.model, self)
        self.note_toggle = QToolButton()
        self.note_toggle.setCheckable(True)
        self.note_toggle.setAutoRaise(True)
        self.note_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.note_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.note_toggle.toggled.connect(self._show_note)
        self.note_preview = hint("")
        self.note_preview.setWordWrap(False)
        self.note = NarrativeEditor(document, self.section_id, compact=True)
        self.note.setVisible(False)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * NOTE_LINES)
        toggle_row = QHBoxLayout()
        toggle_row.setContentsMargins(0, 0, 0, 0)
        toggle_row.addWidget(self.note_toggle)
        toggle_row.addWidget(self.note_preview, 1)
        box = QVBoxLayout(self)
        box.addWidget(heading(fmt.section(self.section_id).title))
        box.addWidget(
            hint(
                "直接输入数字，回车或 Tab 跳到下一格，Delete 清空（空白不等于0）。"
                "蓝底的合计格由各项自动相加。可从 Excel/WPS 复制一块数字后粘贴。"
            )
        )
        box.addLayout(toggle_row)
        box.addWidget(self.note)
        box.addWidget(self.view, 1)
        self.extra_toggle = QToolButton()
        self.extra_toggle.setCheckable(True)
        self.extra_toggle.setAutoRaise(True)
        self.extra_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.extra_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.extra = ExtraLines(document, self.section_id)
        self.extra.setVisible(False)
        self.extra_toggle.toggled.connect(self._show_extra)
        self.extra_toggle.clicked.connect(lambda shown: shown and self.extra.setFocus())
        box.addWidget(self.extra_toggle)
        box.addWidget(self.extra)
        self.register_panel = None
        if table_id == REGISTER_TABLE:  # 表三 can be computed from the application register
            from giedit.ui.register_panel import RegisterPanel

            self.register_panel = RegisterPanel(document, self.view, self)
            box.addWidget(self.register_panel)
        document.changed.connect(self._show_note_state)
        self._show_note_state()
        if document.report.text_of(self.section_id).carried:
            self.note_toggle.setChecked(True)
        if document.report.text_of(self.section_id).extra:
            self.extra_toggle.setChecked(True)

    def _show_extra(self, shown: bool) -> None:
        self.extra.setVisible(shown)
        self.extra_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _show_note(self, shown: bool) -> None:
        self.note.setVisible(shown)
        self.note_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self._show_note_state()

    def _show_note_state(self) -> None:
        section = self.document.report.text_of(self.section_id)
        n = len(section.paragraphs)
        self.note_toggle.setText(f"表格前的说明文字（可选，{n} 段）" if n else "表格前的说明文字（可选）")
        lines = len(section.extra)
        self.extra_toggle.setText(
            f"表格下方的说明（可选，{lines} 行）" if lines else "表格下方的说明（可选）"
        )
        first = paragraph_text(self.document.report, section.paragraphs[0]) if n else ""
        shown = self.note_toggle.isChecked()
        self.note_preview.setText("" if shown or not first else f"“{first}”")


class SectionPage(QWidget):
    """A narrative section (一、五、六): its title, the paragraph editor and its findings beside it."""

    def __init__(self, document: Document, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        report = document.report
        self.editor = NarrativeEditor(document, section_id)
        self.findings = PartFindings(document, section_id)
        em = self.fontMetrics().horizontalAdvance("汉")
        self.findings.setMinimumWidth(FINDINGS_MIN_EM * em)
        row = QHBoxLayout()
        row.addWidget(self.editor, 3)
        row.addWidget(self.findings, 1)
        box = QVBoxLayout(self)
        box.addWidget(heading(report.definition.section(section_id).title))
        box.addWidget(
            hint(
                "回车另起一段。小标题的序号（一）、1.、（1）按级别自动编排，移动或删除后自动重排。"
                "输入纯文字即可，导出时按公文格式排版。"
            )
        )
        box.addLayout(row, 1)
