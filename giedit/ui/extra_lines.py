"""The local lines a report prints under a table (spec §2.5: 注, 说明, a unit's own remark).

They are imported from last year's report and exported with the table; this is where the clerk
writes or changes them. One line a note; what was typed becomes one undo step when the editor
loses the focus, on Ctrl+Enter, or when the document is flushed (a save, a recovery copy), through
the same ``set_extra`` edit as every other change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from giedit.model import edits
from giedit.ui.document import Document

LINES = 3  # the editor's height, in lines


class ExtraLines(QPlainTextEdit):
    def __init__(self, document: Document, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.section_id = section_id
        self.setTabChangesFocus(True)
        self.setPlaceholderText("例如：注：本表数据统计截至12月31日（可不填，每行一条，打印在表格下方）")
        self.setAccessibleName("表格下方的说明")
        margins = self.contentsMargins()
        self.setFixedHeight(self.fontMetrics().lineSpacing() * LINES + margins.top() + margins.bottom() + 8)
        self._known: tuple[str, ...] = ()  # the report's lines as this editor last saw them
        self._committing = False
        document.changed.connect(self.show_report)
        document.flushing.connect(self.commit)  # before a save or a recovery copy: nothing typed is lost
        self.textChanged.connect(self._typed)
        self.show_report()

    def show_report(self) -> None:
        """The report's lines. While the clerk types here they stay as typed, unless the report's
        lines changed from elsewhere (an undo from the menu): then the report wins."""
        lines = tuple(self.document.report.text_of(self.section_id).extra)
        if self._committing or (self.hasFocus() and lines == self._known):
            self._known = lines
            return
        self._known = lines
        text = "\n".join(lines)
        if text != self.toPlainText():
            self.setPlainText(text)

    def _typed(self) -> None:
        """Typing, not a redraw from the report: the recovery copy must follow (``typing``)."""
        if self.hasFocus():
            self.document.typing.emit()

    def commit(self) -> None:
        edit = edits.set_extra(self.document.report, self.section_id, self.toPlainText().splitlines())
        self._committing = True  # the change this push announces is the clerk's own: no redraw
        try:
            self.document.push(edit, "修改表格下方的说明", merge_key=("extra", self.section_id))
        finally:
            self._committing = False
        self._known = tuple(self.document.report.text_of(self.section_id).extra)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)
        self.show_report()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.commit()
            return
        super().keyPressEvent(event)
