"""The heading and the muted hint line at the top of every part's editor (and the start page)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from giedit.ui.colours import MUTED_FG


def heading(text: str, scale: float = 1.25, wrap: bool = True) -> QLabel:
    """A bold heading ``scale`` times the text size."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setWordWrap(wrap)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_FG.name()};")
    return label
