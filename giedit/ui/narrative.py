"""The narrative editor: the paragraphs of the preamble or of a section, with their heading levels.

A section (一、五、六, or the optional note under 二–四) is a list of paragraphs, each body text or a
sub-heading （一）/1./（1）. The heading marker is not typed: it is numbered from the levels, so
adding, removing or moving a sub-heading renumbers the rest. The text is plain; the exporters
style it.

Every keystroke becomes an edit through the document at once (successive keystrokes in one
paragraph merge into one undo step), so the checks beside the text, the character count and the
recovery copy are always up to date, and Ctrl+Z is the document's undo, the same as in the tables.
Enter starts a new paragraph, Backspace at the start of a paragraph joins it to the one before,
and pasting several paragraphs keeps them apart. Editing a section carried from last year's
report clears its 待修改 mark in the same step.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from giedit.model import edits, sentences
from giedit.model.numbering import numbered
from giedit.model.report import Level, Paragraph
from giedit.ui.colours import MUTED_FG, WARNING_BG, WARNING_FG
from giedit.ui.document import Document

LEVELS: tuple[tuple[Level, str], ...] = (
    (Level.BODY, "正文"),
    (Level.H2, "小标题（一）"),
    (Level.H3, "小标题 1."),
    (Level.H4, "小标题（1）"),
)
HEADING_MENU = ("一级小标题（一）", "二级小标题 1.", "三级小标题（1）")
CARRIED_TEXT = "待修改：本部分沿用上年报告的内容，尚未按本年度情况修改。修改任何文字后，此标记自动取消。"


class ParagraphEdit(QTextEdit):
    """One paragraph of plain text that grows with its content.

    ``split`` asks to insert text with line breaks at a position (Enter, or a multi-line paste);
    ``joinBack`` asks to join the paragraph to the one before (Backspace at its start).
    """

    split = Signal(int, str)
    joinBack = Signal()
    entered = Signal()
    left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)  # undo is the document's
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(3)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        lines = max(self.document().size().height(), self.fontMetrics().lineSpacing() + 6)
        margins = self.contentsMargins()
        self.setFixedHeight(math.ceil(lines) + margins.top() + margins.bottom())

    def set_text(self, text: str) -> None:
        """Show ``text`` (from the report) keeping the cursor where it was, as far as it can."""
        if self.toPlainText() == text:
            return
        position = self.textCursor().position()
        blocked = self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(blocked)
        self.place_cursor(min(position, len(text)))

    def place_cursor(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def event(self, event: QEvent) -> bool:
        """Ctrl+Z / Ctrl+Y go to the window's undo and redo, not to this widget's own history."""
        undo_keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(event.matches(k) for k in undo_keys)
        ):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        cursor = self.textCursor()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if cursor.hasSelection():
                cursor.removeSelectedText()
            self.split.emit(self.textCursor().position(), "\n")
            return
        if key == Qt.Key.Key_Backspace and cursor.position() == 0 and not cursor.hasSelection():
            self.joinBack.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text().replace("\r\n", "\n").replace("\r", "\n").strip("\n")
        if "\n" not in text:
            self.insertPlainText(text)
            return
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        self.split.emit(self.textCursor().position(), text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class LevelBox(QComboBox):
    """The level chooser; the mouse wheel scrolls the page past it instead of changing the level."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


class ParagraphRow(QWidget):
    """Marker, text, level and the buttons to move or remove one paragraph."""

    def __init__(self, level: Level, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.marker = QLabel()
        em = self.fontMetrics().horizontalAdvance("汉")
        self.marker.setFixedWidth(int(3.2 * em))
        self.marker.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.edit = ParagraphEdit()
        self.level_box = LevelBox()
        for lv, name in LEVELS:
            self.level_box.addItem(name, lv.value)
        self.level_box.setCurrentIndex(next(i for i, (lv, _) in enumerate(LEVELS) if lv is level))
        self.level_box.setToolTip("段落级别：正文，或第几级小标题（序号自动编排）")
        pix = QStyle.StandardPixmap
        self.up = self._button(pix.SP_ArrowUp, "上移（小标题连同其下的段落一起移动）")
        self.down = self._button(pix.SP_ArrowDown, "下移（小标题连同其下的段落一起移动）")
        self.remove = self._button(pix.SP_TrashIcon, "删除本段（可撤销）")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.edit, 1, Qt.AlignmentFlag.AlignTop)
        for w in (self.level_box, self.up, self.down, self.remove):
            row.addWidget(w, 0, Qt.AlignmentFlag.AlignTop)
        font = self.edit.font()
        font.setBold(level is not Level.BODY)
        self.edit.setFont(font)
        self.marker.setFont(font)
        self.marker.setContentsMargins(0, 4, 0, 0)

    def _button(self, icon: QStyle.StandardPixmap, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button


class CarriedBanner(QFrame):
    """The visible 待修改 mark of a section carried from last year, with a way to keep the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carried")
        self.setStyleSheet(
            f"#carried {{ background: {WARNING_BG.name()}; border: 1px solid {WARNING_FG.name()};"
            " border-radius: 4px; }"
        )
        self.label = QLabel(CARRIED_TEXT)
        self.label.setWordWrap(True)
        self.label.setStyleSheet(f"color: {WARNING_FG.name()};")
        self.keep = QPushButton("内容无需修改，取消标记")
        self.keep.setToolTip("确认沿用上年内容后取消「待修改」标记（可撤销）")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.keep)


class NarrativeEditor(QWidget):
    """Edits the paragraphs of ``where`` (``"preamble"`` or a section id) of the document."""

    def __init__(
        self, document: Document, where: str, parent: QWidget | None = None, compact: bool = False
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.where = where
        self.rows: list[ParagraphRow] = []
        self._session = 0  # keystrokes merge into one undo step within one session
        self._focus_after: tuple[int, int] | None = None
        self._last: int | None = None  # the paragraph the clerk was in last

        self.banner = CarriedBanner()
        self.banner.keep.clicked.connect(self.keep_carried)
        self.banner.setVisible(False)
        self.add_button = QPushButton("添加段落")
        self.add_button.setToolTip("在当前段落之后添加一段正文（回车也可以另起一段）")
        self.add_button.clicked.connect(lambda: self.add(Level.BODY))
        self.heading_button = QPushButton("添加小标题")
        self.heading_button.setToolTip("在当前段落之后添加小标题，序号自动编排")
        menu = QMenu(self.heading_button)
        for (level, _), name in zip(LEVELS[1:], HEADING_MENU, strict=True):
            menu.addAction(name, lambda lv=level: self.add(lv))
        self.heading_button.setMenu(menu)
        self.generate_button: QPushButton | None = None
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.add_button)
        tools.addWidget(self.heading_button)
        if sentences.available(where):
            self.generate_button = QPushButton("从表格生成")
            self.generate_button.setToolTip(
                "按二、三、四部分表格中的数字生成几段叙述文字，插入到当前段落之后，供修改（可撤销）"
            )
            self.generate_button.clicked.connect(self.generate)
            tools.addWidget(self.generate_button)
        tools.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setStyleSheet(f"color: {MUTED_FG.name()};")
        tools.addWidget(self.count_label)

        self.empty = QLabel("（尚未填写。点「添加段落」开始输入。）" if not compact else "（无）")
        self.empty.setStyleSheet(f"color: {MUTED_FG.name()};")
        body = QWidget()
        self.rows_box = QVBoxLayout(body)
        self.rows_box.setContentsMargins(0, 0, 4, 0)
        self.rows_box.setSpacing(4)
        self.rows_box.addWidget(self.empty)
        self.rows_box.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.banner)
        box.addLayout(tools)
        box.addWidget(self.scroll, 1)
        document.changed.connect(self._sync)
        self._sync()

    # -- reading the report --------------------------------------------------------------------

    def paragraphs(self) -> list[Paragraph]:
        return edits.paragraphs_of(self.document.report, self.where)

    def current_index(self) -> int | None:
        """The paragraph being edited (or last edited), if any."""
        for i, row in enumerate(self.rows):
            if row.edit.hasFocus():
                return i
        return self._last if self._last is not None and self._last < len(self.rows) else None

    def _sync(self) -> None:
        """Show what the report holds, after any edit, undo or redo."""
        paras = self.paragraphs()
        if [p.level for p in paras] != [r.level for r in self.rows]:
            self._rebuild(paras)
        else:
            for row, p in zip(self.rows, paras, strict=True):
                row.edit.set_text(p.text)
        for row, (_, mark) in zip(self.rows, numbered(paras), strict=True):
            row.marker.setText(mark)
        for i, row in enumerate(self.rows):
            row.up.setEnabled(i > 0)
            row.down.setEnabled(i < len(self.rows) - 1)
        self.empty.setVisible(not paras)
        self.count_label.setText(f"共 {edits.character_count(paras)} 字")
        report = self.document.report
        self.banner.setVisible(self.where != edits.PREAMBLE and report.text_of(self.where).carried)
        if self._focus_after is not None:
            index, position = self._focus_after
            self._focus_after = None
            if 0 <= index < len(self.rows):
                edit = self.rows[index].edit
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
                edit.place_cursor(position)
                self.scroll.ensureWidgetVisible(edit)

    def _rebuild(self, paras: list[Paragraph]) -> None:
        focused = self.current_index() if any(r.edit.hasFocus() for r in self.rows) else None
        for row in self.rows:
            self.rows_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        for i, p in enumerate(paras):
            row = ParagraphRow(p.level)
            row.edit.set_text(p.text)
            self._wire(row)
            self.rows_box.insertWidget(i, row)
            self.rows.append(row)
        if focused is not None and self._focus_after is None and self.rows:
            self._focus_after = (min(focused, len(self.rows) - 1), 0)

    def _wire(self, row: ParagraphRow) -> None:
        row.edit.textChanged.connect(lambda r=row: self._typed(r))
        row.edit.split.connect(lambda pos, text, r=row: self._split(r, pos, text))
        row.edit.joinBack.connect(lambda r=row: self._join(r))
        row.edit.entered.connect(lambda r=row: self._entered(r))
        row.edit.left.connect(self._end_session)
        row.level_box.activated.connect(lambda i, r=row: self._set_level(r, LEVELS[i][0]))
        row.up.clicked.connect(lambda _=False, r=row: self.move(self.rows.index(r), -1))
        row.down.clicked.connect(lambda _=False, r=row: self.move(self.rows.index(r), +1))
        row.remove.clicked.connect(lambda _=False, r=row: self.remove(self.rows.index(r)))

    # -- what the clerk does -------------------------------------------------------------------

    def _end_session(self) -> None:
        self._session += 1

    def _entered(self, row: ParagraphRow) -> None:
        """Remember the paragraph the clerk is in: 添加段落 and 从表格生成 insert after it."""
        if row in self.rows:
            self._last = self.rows.index(row)

    def _push(self, edit: edits.Edit | None, text: str, focus: tuple[int, int] | None = None) -> None:
        self._end_session()
        if edit is None:
            return
        self._focus_after = focus
        self.document.push(edit, text)
        self._end_session()

    def _typed(self, row: ParagraphRow) -> None:
        if row not in self.rows:
            return
        index = self.rows.index(row)
        self._last = index
        edit = edits.set_paragraph_text(self.document.report, self.where, index, row.edit.toPlainText())
        self.document.push(edit, "修改文字", merge_key=("text", self.where, index, self._session))

    def _split(self, row: ParagraphRow, position: int, text: str) -> None:
        index = self.rows.index(row)
        lines = text.split("\n")
        focus = (index + len(lines) - 1, len(lines[-1]))
        edit = edits.insert_text(self.document.report, self.where, index, position, text)
        self._push(edit, "另起一段" if text == "\n" else "粘贴", focus)

    def _join(self, row: ParagraphRow) -> None:
        index = self.rows.index(row)
        if index == 0:
            return
        before = len(self.paragraphs()[index - 1].text)
        self._push(
            edits.join_with_previous(self.document.report, self.where, index), "合并段落", (index - 1, before)
        )

    def _set_level(self, row: ParagraphRow, level: Level) -> None:
        index = self.rows.index(row)
        self._push(
            edits.set_level(self.document.report, self.where, index, level), "更改段落级别", (index, 0)
        )

    def _insert_at(self) -> int:
        current = self.current_index()
        return len(self.rows) if current is None else current + 1

    def add(self, level: Level = Level.BODY) -> None:
        """Add a body paragraph or a sub-heading after the current paragraph."""
        index = self._insert_at()
        name = "添加段落" if level is Level.BODY else "添加小标题"
        self._push(edits.insert_paragraph(self.document.report, self.where, index, level), name, (index, 0))

    def move(self, index: int, step: int) -> None:
        paras = self.paragraphs()
        edit = edits.move_paragraph(self.document.report, self.where, index, step)
        if edit is None:
            self.document.tell("已经不能再移动了：小标题只在同级小标题之间移动")
            return
        self._push(edit, "移动段落", (edits.moved_to(paras, index, step), 0))

    def remove(self, index: int) -> None:
        edit = edits.remove_paragraph(self.document.report, self.where, index)
        self._push(edit, "删除段落", (max(0, index - 1), 0))

    def keep_carried(self) -> None:
        self._push(edits.keep_carried_text(self.document.report, self.where), "确认沿用上年内容")

    def generate(self) -> None:
        """「从表格生成」: insert sentences with the tables' current numbers, as one step."""
        self.document.flush()
        result = sentences.from_tables(self.document.report)
        if not result.paragraphs:
            self.document.tell("；".join(result.notes) or "表格中没有可以生成文字的内容")
            return
        index = self._insert_at()
        edit = edits.insert_paragraphs(self.document.report, self.where, index, result.paragraphs)
        last = index + len(result.paragraphs) - 1
        self._push(edit, "从表格生成", (last, len(result.paragraphs[-1].text)))
        message = f"已按表格数字生成 {len(result.paragraphs)} 段文字，请核对并修改"
        self.document.tell("；".join([message, *result.notes]))
