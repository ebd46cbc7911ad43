"""The editor of a money cell: the unit the amount will be recorded in, shown while typing.

Typing a bare 3000 into a cell that held 15.68万元 records 3000万元; before, nothing said so until
the cell showed it. Here the unit is written inside the editor's right edge as the clerk types:
the cell's unit (grey), the result of a conversion (＝12.5万元 for 125000元 in a 万元 column), or
元/万元？ (amber) where the unit is still to be chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from giedit.ui.colours import MUTED_FG, WARNING_FG

PAD = 4  # px between the text and the unit, and after the unit
QUESTION = "？"


class AmountEditor(QLineEdit):
    """A line editor with a live unit; ``unit_of(text)`` says what to show for the text."""

    def __init__(self, parent: QWidget, unit_of: Callable[[str], str]) -> None:
        super().__init__(parent)
        self._unit_of = unit_of
        self.unit = ""
        self.textChanged.connect(self._update_unit)
        self._update_unit(self.text())

    def _update_unit(self, text: str) -> None:
        self.unit = self._unit_of(text)
        room = self.fontMetrics().horizontalAdvance(self.unit) + 2 * PAD if self.unit else 0
        self.setTextMargins(0, 0, room, 0)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.unit:
            return
        painter = QPainter(self)
        painter.setPen(WARNING_FG if self.unit.endswith(QUESTION) else MUTED_FG)
        area = QRect(self.rect()).adjusted(0, 0, -PAD, 0)
        painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.unit)
        painter.end()
