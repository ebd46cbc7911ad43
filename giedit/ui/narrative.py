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

Numbers can be figures bound to the tables (shaded; a tooltip names the cell by its official
labels): 插入表格数字 inserts one, the context menu turns one back into plain text. A figure's
value is read from the report whenever it is drawn, so typing a cell value changes the figure in
the same undo step as the cell: there is nothing else to undo. Last year's numbers that the
roll-forward could not bind are highlighted until the clerk edits or confirms them.
「从表格生成」 puts its sentences under the sub-headings of 一 and asks before it replaces a
generated paragraph the clerk has edited, or the carried sentences about the same table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QWheelEvent,
)
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
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from giedit.model import edits, figures, inline, sentences
from giedit.model.numbering import numbered
from giedit.model.report import FIGURE, Level, Paragraph
from giedit.ui import dialogs, figure_text
from giedit.ui.colours import MUTED_FG, WARNING_BG, WARNING_FG
from giedit.ui.document import Document
from giedit.ui.figure_picker import pick_figure

LEVELS: tuple[tuple[Level, str], ...] = (
    (Level.BODY, "正文"),
    (Level.H2, "小标题（一）"),
    (Level.H3, "小标题 1."),
    (Level.H4, "小标题（1）"),
)
HEADING_MENU = ("一级小标题（一）", "二级小标题 1.", "三级小标题（1）")
CARRIED_TEXT = "待修改：本部分沿用上年报告的内容，尚未按本年度情况修改。修改任何文字后，此标记自动取消。"


class ParagraphEdit(QTextEdit):
    """One paragraph that grows with its content: text, figures and last year's marks.

    ``split`` asks to insert text with line breaks at a position (Enter, or a multi-line paste);
    ``joinBack`` asks to join the paragraph to the one before (Backspace at its start). The figure
    signals carry a position in the text: ``figureWanted`` (插入表格数字 there), ``unbindWanted`` (the
    figure there becomes plain text), ``confirmWanted`` and ``bindWanted`` (last year's number there
    is kept, or becomes a figure).
    """

    split = Signal(int, str)
    joinBack = Signal()
    entered = Signal()
    left = Signal()
    figureWanted = Signal(int)
    unbindWanted = Signal(int)
    confirmWanted = Signal(int)
    bindWanted = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        value: Callable[[str], str] = lambda _: figures.BLANK,
        describe: Callable[[str], str] = lambda _: "",
    ) -> None:
        super().__init__(parent)
        self.value = value
        self.describe = describe
        self._figures = figure_text.FigureObject(value, self)
        self.document().documentLayout().registerHandler(figure_text.FIGURE_TYPE, self._figures)
        self._values: tuple[str, ...] = ()
        self._shown: Paragraph | None = None  # the paragraph last known to be on screen
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
        """Show plain ``text`` (no figures, no marks)."""
        self.show_paragraph(Paragraph(text=text))

    def show_paragraph(self, paragraph: Paragraph) -> None:
        """Show ``paragraph`` (from the report) keeping the cursor where it was, as far as it can.
        What is already on screen is left alone, so typing and an input method are undisturbed;
        figures whose values changed are measured and drawn again."""
        if paragraph == self._shown:  # already on screen (the common case: another part changed)
            self.refresh(paragraph)
            return
        if figure_text.shown_state(self.document()) != figure_text.wanted_state(paragraph):
            cursor = self.textCursor()
            position, anchor = cursor.position(), cursor.anchor()
            blocked = self.blockSignals(True)
            figure_text.fill(self.document(), paragraph)
            self.blockSignals(blocked)
            length = len(paragraph.text)
            cursor = self.textCursor()
            cursor.setPosition(min(anchor, length))
            cursor.setPosition(min(position, length), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
        self._shown = paragraph.model_copy(deep=True)
        self.refresh(paragraph)

    def refresh(self, paragraph: Paragraph) -> None:
        """Redraw the figures when a value changed (the text itself did not)."""
        values = tuple(self.value(ref) if ref else figures.BLANK for ref in figures.figure_refs(paragraph))
        if values != self._values:
            self._values = values
            self.document().markContentsDirty(0, self.document().characterCount())
            self.viewport().update()

    def shown_text(self) -> str:
        """The paragraph as the clerk sees it: each figure as the value drawn for it."""
        text, refs, _ = figure_text.shown_state(self.document())
        values = iter(self.value(ref) if ref else figures.BLANK for ref in refs)
        return "".join(next(values) if ch == FIGURE else ch for ch in text)

    def select_span(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        length = len(self.toPlainText())
        cursor.setPosition(max(0, min(start, length)))
        cursor.setPosition(max(0, min(end, length)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def place_cursor(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def _typing_plain(self) -> None:
        """Typed text is plain: never a figure, never highlighted as last year's."""
        if not self.textCursor().hasSelection():
            self.setCurrentCharFormat(figure_text.plain_format())

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if event.commitString():
            self._typing_plain()
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text():
            self._typing_plain()
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

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copying takes figures as the numbers they show."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        out = []
        for i, ch in enumerate(self.toPlainText()[start:end], start):
            ref = self._ref_at(i) if ch == FIGURE else ""
            out.append(self.value(ref) if ref else ch.replace(FIGURE, figures.BLANK))
        data = QMimeData()
        data.setText("".join(out))
        return data

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text().replace("\r\n", "\n").replace("\r", "\n").strip("\n").replace(FIGURE, "")
        if "\n" not in text:
            self._typing_plain()
            self.insertPlainText(text)
            return
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        self.split.emit(self.textCursor().position(), text)

    # -- figures and last year's numbers under the mouse ------------------------------------------

    def _at(self, position: int) -> tuple[str, int] | None:
        """("figure" | "mark", its position) at or just before ``position``."""
        doc = self.document()
        for p in (position, position - 1):
            fmt = figure_text.format_at(doc, p)
            if fmt is None:
                continue
            if fmt.objectType() == figure_text.FIGURE_TYPE:
                return "figure", p
            if fmt.property(figure_text.LAST_YEAR) is True:
                return "mark", p
        return None

    def _ref_at(self, position: int) -> str:
        fmt = figure_text.format_at(self.document(), position)
        ref = fmt.property(figure_text.REF) if fmt is not None else None
        return ref if isinstance(ref, str) else ""

    def tip_at(self, position: int) -> str:
        """The tooltip for a place in the text: what a figure is bound to, or what to do with
        last year's number ('' elsewhere)."""
        found = self._at(position)
        if found is None:
            return ""
        kind, at = found
        if kind == "figure":
            ref = self._ref_at(at)
            return f"表格数字（随表格自动更新）\n{self.describe(ref)}\n当前为：{self.value(ref)}\n右键可改为普通文字"
        return "上年报告中的数字，尚未核实。\n请直接改为本年度的数字，或右键选择“确认此数字”“改为表格数字”"

    def event(self, event: QEvent) -> bool:
        """Tooltips over figures and marks; Ctrl+Z / Ctrl+Y go to the window's undo and redo,
        not to this widget's own history."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(self.cursorForPosition(event.pos()).position())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        undo_keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and any(event.matches(k) for k in undo_keys)
        ):
            event.ignore()
            return True
        return super().event(event)

    def menu_at(self, position: int) -> QMenu:
        """The context menu for a place in the text: figure and last-year actions, then editing."""
        menu = self.createStandardContextMenu()
        for action in menu.actions():  # this widget keeps no history: undo is the document's
            if action.objectName() in ("edit-undo", "edit-redo"):
                menu.removeAction(action)
        while menu.actions() and menu.actions()[0].isSeparator():
            menu.removeAction(menu.actions()[0])
        first = menu.actions()[0] if menu.actions() else None
        found = self._at(position)
        actions: list[tuple[str, Callable[[], None]]] = []
        if found is not None and found[0] == "figure":
            at = found[1]
            value = self.value(self._ref_at(at))
            actions.append((f"改为普通文字（固定为“{value}”）", lambda: self.unbindWanted.emit(at)))
        elif found is not None:
            at = found[1]
            actions.append(("确认此数字（本年度沿用）", lambda: self.confirmWanted.emit(at)))
            actions.append(("改为表格数字…", lambda: self.bindWanted.emit(at)))
        actions.append(("插入表格数字…", lambda: self.figureWanted.emit(position)))
        for text, slot in actions:
            action = menu.addAction(text)
            action.triggered.connect(slot)
            menu.insertAction(first, action)  # type: ignore[arg-type]
        if first is not None:
            menu.insertSeparator(first)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        position = self.cursorForPosition(event.pos()).position()
        self.menu_at(position).exec(event.globalPos())

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

    def __init__(
        self,
        level: Level,
        parent: QWidget | None = None,
        value: Callable[[str], str] = lambda _: figures.BLANK,
        describe: Callable[[str], str] = lambda _: "",
    ) -> None:
        super().__init__(parent)
        self.level = level
        self.marker = QLabel()
        em = self.fontMetrics().horizontalAdvance("汉")
        self.marker.setFixedWidth(int(3.2 * em))
        self.marker.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.edit = ParagraphEdit(value=value, describe=describe)
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
    """Edits the paragraphs of ``where`` (``"preamble"`` or a section id) of the document.

    ``activated`` fires when the clerk enters one of its paragraphs: the window remembers the
    editor, so that 插入到正文 from a table lands where the clerk was writing.
    """

    activated = Signal()

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
        self._last_position = 0  # and where in it

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
        self.figure_button = QPushButton("插入表格数字")
        self.figure_button.setToolTip(
            "在光标处插入与表格相连的数字：表格改了，正文中的数字随之改变（也可在表格中右键“插入到正文”）"
        )
        self.figure_button.clicked.connect(lambda: self.insert_figure())
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.add_button)
        tools.addWidget(self.heading_button)
        tools.addWidget(self.figure_button)
        if sentences.available(where):
            self.generate_button = QPushButton("从表格生成")
            self.generate_button.setToolTip(
                "按二、三、四部分表格中的数字生成叙述文字，放在“主动公开”“依申请公开”小标题下；"
                "再次生成时替换原来生成的文字，不会重复（可撤销）"
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
                row.edit.show_paragraph(p)
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
            row = ParagraphRow(p.level, value=self._value, describe=self._describe)
            row.edit.show_paragraph(p)
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
        row.edit.cursorPositionChanged.connect(lambda r=row: self._moved(r))
        row.edit.figureWanted.connect(lambda pos, r=row: self.insert_figure(self.rows.index(r), pos))
        row.edit.unbindWanted.connect(lambda pos, r=row: self.unbind(self.rows.index(r), pos))
        row.edit.confirmWanted.connect(lambda pos, r=row: self.confirm(self.rows.index(r), pos))
        row.edit.bindWanted.connect(lambda pos, r=row: self.bind(self.rows.index(r), pos))

    def _value(self, ref: str) -> str:
        return figures.shown(self.document.report, ref)

    def _describe(self, ref: str) -> str:
        target = figures.resolve(self.document.report.definition, ref)
        return target.lines if target is not None else figures.UNKNOWN

    # -- what the clerk does -------------------------------------------------------------------

    def _end_session(self) -> None:
        self._session += 1

    def _entered(self, row: ParagraphRow) -> None:
        """Remember the paragraph the clerk is in: 添加段落 inserts after it."""
        if row in self.rows:
            self._last = self.rows.index(row)
            self._last_position = row.edit.textCursor().position()
            self.activated.emit()

    def _moved(self, row: ParagraphRow) -> None:
        if row in self.rows and row.edit.hasFocus():
            self._last = self.rows.index(row)
            self._last_position = row.edit.textCursor().position()

    def insertion_point(self) -> tuple[int, int] | None:
        """Where a figure goes: the cursor of the paragraph the clerk was in, else the end of the
        last paragraph (``None`` when there is no paragraph)."""
        current = self.current_index()
        if current is not None:
            return current, min(self._last_position, len(self.paragraphs()[current].text))
        paras = self.paragraphs()
        return (len(paras) - 1, len(paras[-1].text)) if paras else None

    def select(self, index: int, start: int, end: int) -> None:
        """Show paragraph ``index`` with ``start``…``end`` selected (a finding's number)."""
        if not 0 <= index < len(self.rows):
            return
        edit = self.rows[index].edit
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.select_span(start, end)
        self.scroll.ensureWidgetVisible(edit)

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

    # -- figures ---------------------------------------------------------------------------------

    def _change(self, index: int, new: Paragraph, name: str, focus: int) -> None:
        self._push(edits.change_paragraph(self.document.report, self.where, index, new), name, (index, focus))

    def insert_figure(
        self, index: int | None = None, position: int | None = None, ref: str | None = None
    ) -> bool:
        """插入表格数字 at ``position`` of paragraph ``index`` (default: where the clerk is); without
        ``ref`` the clerk picks one. A section without paragraphs gets one."""
        self.document.flush()
        if index is None or position is None:
            point = self.insertion_point()
            if point is None:
                self._push(edits.insert_paragraph(self.document.report, self.where, 0), "添加段落")
                point = (0, 0)
            index, position = point
        if ref is None:
            ref = pick_figure(self, self.document.report)
            if ref is None:
                return False
        new = inline.retext_at(self.paragraphs()[index], position, position, "", ref=ref)
        self._change(index, new, "插入表格数字", position + 1)
        return True

    def unbind(self, index: int, position: int) -> None:
        """The figure at ``position`` becomes plain text: the number it shows now."""
        p = self.paragraphs()[index]
        k = inline.figure_at(p, position)
        if k is None:
            return
        value = figures.shown(self.document.report, p.figures[k]) if k < len(p.figures) else figures.BLANK
        self._change(
            index, inline.retext_at(p, position, position + 1, value), "改为普通文字", position + len(value)
        )

    def confirm(self, index: int, position: int) -> None:
        """Last year's number at ``position`` stays as it is: its mark goes."""
        p = self.paragraphs()[index]
        span = inline.mark_at(p, position)
        if span is not None:
            self._change(index, inline.confirmed(p, span), "确认上年数字", span.end)

    def bind(self, index: int, position: int) -> None:
        """Last year's number at ``position`` becomes a figure the clerk picks (its unit stays)."""
        p = self.paragraphs()[index]
        span = inline.mark_at(p, position)
        if span is None:
            return
        digits = _DIGITS.match(p.text, span.start)
        end = digits.end() if digits else span.end
        ref = pick_figure(self, self.document.report)
        if ref is not None:
            self._change(
                index, inline.retext_at(p, span.start, end, "", ref=ref), "改为表格数字", span.start + 1
            )

    # -- 从表格生成 -----------------------------------------------------------------------------

    def generate(self) -> None:
        """「从表格生成」: sentences built of figures, in place under the sub-headings, as one step.
        Asks before replacing a generated paragraph the clerk edited, and before replacing the
        sentences of 一 that state the same tables' facts (the ones carried from last year)."""
        self.document.flush()
        report = self.document.report
        result = sentences.from_tables(report)
        if not result.paragraphs:
            self.document.tell("；".join(result.notes) or "表格中没有可以生成文字的内容")
            return
        existing = self.paragraphs()
        replace_edited = False
        if edited := sentences.edited_topics(existing, result.paragraphs):
            answer = dialogs.ask_replace_edited(self, len(edited))
            if answer is None:
                return
            replace_edited = answer
        replace_sentences = False
        if superseded := sentences.superseded(report, existing, result.paragraphs):
            answer = dialogs.ask_replace_sentences(self, superseded)
            if answer is None:
                return
            replace_sentences = answer
        placed = sentences.placed(report, existing, result.paragraphs, replace_edited, replace_sentences)
        edit = edits.replace_paragraphs(report, self.where, placed)
        if edit is None:
            self.document.tell("生成的文字与现有文字相同，无需更新")
            return
        first = next((i for i, p in enumerate(placed) if p.generated), 0)
        self._push(edit, "从表格生成", (first, 0))
        message = f"已按表格数字生成 {len(result.paragraphs)} 段文字（数字随表格自动更新），请核对"
        self.document.tell("；".join([message, *result.notes]))


_DIGITS = re.compile(r"\d+(?:\.\d+)?")
