"""The editors shown in the centre, one per report part.

Table parts get the generated table form. The narrative parts show what they hold for now; their
editors come with the next issue. Section titles come from the format definition.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from giedit.model.numbering import plain_text
from giedit.ui.colours import MUTED_FG
from giedit.ui.document import Document
from giedit.ui.table_model import TableFormModel
from giedit.ui.table_view import TableFormView


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_FG.name()};")
    return label


class TablePage(QWidget):
    """A section with its statutory table: the official title over the generated form."""

    def __init__(self, document: Document, table_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fmt = document.report.definition
        self.model = TableFormModel(document, table_id)
        self.view = TableFormView(self.model, self)
        box = QVBoxLayout(self)
        box.addWidget(heading(fmt.section(fmt.table(table_id).section).title))
        box.addWidget(
            hint(
                "直接输入数字，回车或 Tab 跳到下一格，Delete 清空（空白不等于0）。"
                "蓝底的合计格由各项自动相加。可从 Excel/WPS 复制一块数字后粘贴。"
            )
        )
        box.addWidget(self.view, 1)


class SectionPage(QScrollArea):
    """A narrative section, read-only until its editor arrives: the official title, the text."""

    def __init__(self, document: Document, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        report = document.report
        section = report.sections.get(section_id)
        body = QWidget()
        box = QVBoxLayout(body)
        box.addWidget(heading(report.definition.section(section_id).title))
        text = QLabel(plain_text(section.paragraphs) if section else "")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(text if text.text() else hint("（尚未填写）"))
        box.addWidget(hint("本部分的编辑功能将在下一版本提供。"))
        box.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
