"""Dialogs beside the editor that make way for what they point at.

The import and roll-forward reports stay open next to the editor (a dialog with a parent stays
above its window). Double-clicking one of their notes selects the cell in question, which was
often right under the dialog. After such a jump the dialog moves beside the cell (right, left,
below or above, whichever needs the shortest move and stays on the screen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from giedit.ui.main_window import MainWindow

GAP = 12  # px between the cell and the dialog


def _inside(frame: QRect, screen: QRect) -> QRect:
    """``frame`` moved (not resized) to lie within ``screen`` as far as it fits."""
    x = min(max(frame.left(), screen.left()), max(screen.left(), screen.right() - frame.width() + 1))
    y = min(max(frame.top(), screen.top()), max(screen.top(), screen.bottom() - frame.height() + 1))
    return QRect(QPoint(x, y), frame.size())


def _overlap(a: QRect, b: QRect) -> int:
    common = a.intersected(b)
    return common.width() * common.height() if common.isValid() else 0


def clear_of(frame: QRect, target: QRect, screen: QRect) -> QRect:
    """Where ``frame`` goes so as not to cover ``target``: unchanged when it does not; else the
    nearest place right, left, below or above the target on the screen (least overlap first)."""
    if not frame.intersects(target):
        return frame
    w, h = frame.width(), frame.height()
    places = [
        QRect(target.right() + GAP, frame.top(), w, h),
        QRect(target.left() - GAP - w, frame.top(), w, h),
        QRect(frame.left(), target.bottom() + GAP, w, h),
        QRect(frame.left(), target.top() - GAP - h, w, h),
    ]
    moved = [_inside(p, screen) for p in places]

    def cost(p: QRect) -> tuple[int, int]:
        return _overlap(p, target), (p.topLeft() - frame.topLeft()).manhattanLength()

    return min(moved, key=cost)


def go_beside(window: MainWindow, dialog: QWidget, cell: str | None, section: str | None) -> None:
    """Go to the place a note names, then move ``dialog`` off the cell if it covers it."""
    window.go_to_place(cell, section)
    page = window.current_table()
    if cell is None or page is None or not dialog.isVisible():
        return
    index = page.view.form.index_of(cell)
    if not index.isValid():
        return
    rect = page.view.visualRect(index)
    target = QRect(page.view.viewport().mapToGlobal(rect.topLeft()), rect.size())
    screen = (dialog.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    frame = dialog.frameGeometry()
    place = clear_of(frame, target, screen)
    if place != frame:
        dialog.move(place.topLeft())
