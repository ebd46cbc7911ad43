"""The heading and the muted hint line at the top of every part's editor."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from giedit.ui.colours import MUTED_FG


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
