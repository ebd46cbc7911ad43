"""A message beside the cell being edited, for as long as its refused text is there.

A tooltip vanishes after a few seconds and a status bar sits at the far edge of the screen; a
refused value that silently reverted left the clerk guessing. The balloon is a child of the
table view, placed under the cell's editor (above it near the view's bottom edge), follows the
editor when the table scrolls and hides with it. It can offer choices (the unit of an amount):
its buttons take no focus, so the editor keeps the keyboard and its text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from giedit.ui.colours import ERROR_FG, MUTED_FG

BACKGROUND = "#fff6f5"
HINT = "改正后按回车确认，按 Esc 恢复原来的值"
CHOICE_HINT = "点选一项，或在数字后写上再按回车；按 Esc 恢复原来的值"
MAX_WIDTH_EM = 26
GAP = 2  # px between the cell and the balloon


class Balloon(QFrame):
    """The refusal of one cell: its message, a hint, and optional choices (``chosen``)."""

    chosen = Signal(str)

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("balloon")
        self.setStyleSheet(
            f"#balloon {{ background: {BACKGROUND}; border: 1px solid {ERROR_FG.name()}; border-radius: 4px; }}"
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_FG.name()};")
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED_FG.name()};")
        self.choices = QHBoxLayout()
        self.choices.setContentsMargins(0, 0, 0, 0)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 5, 8, 6)
        box.setSpacing(3)
        box.addWidget(self.message)
        box.addLayout(self.choices)
        box.addWidget(self.hint)
        self.setMaximumWidth(MAX_WIDTH_EM * self.fontMetrics().horizontalAdvance("汉"))
        self.anchor: QWidget | None = None
        self.hide()

    def show_for(self, anchor: QWidget, message: str, choices: Sequence[str] = ()) -> None:
        """Show ``message`` beside ``anchor`` (the cell's editor) until ``dismiss``."""
        if self.anchor is not anchor:
            self._release()
            self.anchor = anchor
            anchor.installEventFilter(self)
            anchor.destroyed.connect(self._anchor_gone)
        self.message.setText(message)
        self.hint.setText(CHOICE_HINT if choices else HINT)
        self._set_choices(choices)
        self.adjustSize()
        self._follow()

    def dismiss(self) -> None:
        self._release()
        self.hide()

    def _release(self) -> None:
        if self.anchor is not None:
            self.anchor.removeEventFilter(self)
            self.anchor.destroyed.disconnect(self._anchor_gone)
            self.anchor = None

    def _anchor_gone(self) -> None:
        self.anchor = None
        self.hide()

    def _set_choices(self, choices: Sequence[str]) -> None:
        while (item := self.choices.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        for choice in choices:
            button = QPushButton(choice)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editor keeps the keyboard
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, c=choice: self.chosen.emit(c))
            self.choices.addWidget(button)
        if choices:
            self.choices.addStretch(1)

    def _follow(self) -> None:
        """Under the anchor, or above it where the host ends; inside the host sideways."""
        anchor, host = self.anchor, self.parentWidget()
        if anchor is None or not anchor.isVisible():
            self.hide()
            return
        top_left = anchor.mapTo(host, QPoint(0, 0))
        size = self.sizeHint().boundedTo(self.maximumSize())
        self.resize(size)
        y = top_left.y() + anchor.height() + GAP
        if y + size.height() > host.height():
            y = max(0, top_left.y() - size.height() - GAP)
        x = min(max(0, top_left.x()), max(0, host.width() - size.width()))
        self.move(x, y)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.anchor and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._follow()
        return False
