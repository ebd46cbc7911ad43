"""Figures and last year's numbers inside a paragraph's QTextEdit.

A figure is one object character (U+FFFC, what the model stores) drawn by ``FigureObject``: its
current value on a shaded ground, a red □ when its cells are blank. The value is asked for each
time the figure is laid out or painted, so a figure follows the table without the text being
touched; after a change of the report ``refresh`` asks Qt to measure the figures again. The
cursor steps over a figure as over one character and Backspace deletes it whole, so a figure can
never be half-edited. Last year's unconfirmed numbers are ordinary text with a highlight.

``fill`` writes a paragraph into a QTextDocument; ``shown_state`` reads back what is shown
(text, figure references, highlighted spans), so the editor can tell whether a paragraph of the
report is already on screen and leave the cursor and an input method alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from giedit.model.figures import BLANK
from giedit.model.report import FIGURE, Paragraph

FIGURE_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 1
REF = int(QTextFormat.Property.UserProperty) + 1  # the figure's reference
LAST_YEAR = int(QTextFormat.Property.UserProperty) + 2  # a mark of last year's number
FIGURE_BG = QColor("#d7ecdf")  # a calm green: bound to the tables, nothing to do
FIGURE_LINE = QColor("#6aa283")
BLANK_FG = QColor("#c62828")
LAST_YEAR_BG = QColor("#ffe08a")  # last year's number: look at it
PAD = 2.0

Shown = tuple[str, tuple[str, ...], tuple[tuple[int, int], ...]]


class FigureObject(QPyTextObject):
    """Draws a figure character as its current value; ``value`` gives the text for a reference."""

    def __init__(self, value: Callable[[str], str], parent: object = None) -> None:
        super().__init__(parent)
        self.value = value

    def text(self, fmt: QTextFormat) -> str:
        ref = fmt.property(REF)
        return self.value(ref) if isinstance(ref, str) and ref else BLANK

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        metrics = QFontMetricsF(fmt.toCharFormat().font())
        return QSizeF(metrics.horizontalAdvance(self.text(fmt)) + 2 * PAD, metrics.height())

    def drawObject(
        self, painter: QPainter, rect: QRectF, doc: QTextDocument, pos: int, fmt: QTextFormat
    ) -> None:
        text = self.text(fmt)
        font = fmt.toCharFormat().font()
        metrics = QFontMetricsF(font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(FIGURE_LINE)
        painter.setBrush(FIGURE_BG)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 2.5, 2.5)
        painter.setFont(font)
        painter.setPen(BLANK_FG if text == BLANK else Qt.GlobalColor.black)
        baseline = rect.top() + metrics.ascent()
        painter.drawText(rect.left() + PAD, baseline, text)
        painter.restore()


def plain_format() -> QTextCharFormat:
    """What typed text is set in: no highlight, not a figure."""
    return QTextCharFormat()


def figure_format(ref: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(FIGURE_TYPE)
    fmt.setProperty(REF, ref)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignBaseline)
    return fmt


def last_year_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(LAST_YEAR_BG)
    fmt.setProperty(LAST_YEAR, True)
    return fmt


def fill(doc: QTextDocument, paragraph: Paragraph) -> None:
    """Replace the document's content with ``paragraph``: text, figures, highlighted marks."""
    marked = [False] * len(paragraph.text)
    for s in paragraph.unconfirmed:
        for i in range(max(0, s.start), min(len(marked), s.end)):
            marked[i] = True
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.removeSelectedText()
    refs = iter(paragraph.figures)
    run, run_marked = "", False
    for i, ch in enumerate(paragraph.text):
        if ch == FIGURE:
            if run:
                cursor.insertText(run, last_year_format() if run_marked else plain_format())
                run = ""
            cursor.insertText(FIGURE, figure_format(next(refs, "")))
            continue
        if run and marked[i] != run_marked:
            cursor.insertText(run, last_year_format() if run_marked else plain_format())
            run = ""
        run_marked = marked[i]
        run += ch
    if run:
        cursor.insertText(run, last_year_format() if run_marked else plain_format())
    cursor.setCharFormat(plain_format())
    cursor.endEditBlock()


def shown_state(doc: QTextDocument) -> Shown:
    """(text, figure references, highlighted spans) as the document shows them."""
    text = doc.toPlainText()
    refs: list[str] = []
    spans: list[tuple[int, int]] = []
    block = doc.firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.objectType() == FIGURE_TYPE:
                ref = fmt.property(REF)
                refs.extend([ref if isinstance(ref, str) else ""] * fragment.length())
            elif fmt.property(LAST_YEAR) is True:
                start, end = fragment.position(), fragment.position() + fragment.length()
                if spans and spans[-1][1] == start:
                    start = spans.pop()[0]
                spans.append((start, end))
            it += 1
        block = block.next()
    return text, tuple(refs), tuple(spans)


def wanted_state(paragraph: Paragraph) -> Shown:
    """What ``shown_state`` reads once ``paragraph`` is shown."""
    spans = sorted((max(0, s.start), min(len(paragraph.text), s.end)) for s in paragraph.unconfirmed)
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if a >= b:
            continue
        if merged and merged[-1][1] >= a:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    count = paragraph.text.count(FIGURE)
    refs = [*paragraph.figures[:count], *([""] * max(0, count - len(paragraph.figures)))]
    return paragraph.text, tuple(refs), tuple(merged)


def format_at(doc: QTextDocument, position: int) -> QTextCharFormat | None:
    """The format of the character at ``position`` (None past the end)."""
    if not 0 <= position < doc.characterCount() - 1:
        return None
    cursor = QTextCursor(doc)
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    return cursor.charFormat()
