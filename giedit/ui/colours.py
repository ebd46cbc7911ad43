"""The few colours the editor uses, in one place so the table, badges and panel agree.

Calm on purpose: light fills that keep black text readable, red only for errors.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

HEADER_BG = QColor("#eef0f3")  # official header and block title rows
COMPUTED_BG = QColor("#dbe6f4")  # totals the editor fills itself
ERROR_BG = QColor("#f9d3d0")
WARNING_BG = QColor("#fbecc4")
ERROR_FG = QColor("#c62828")
WARNING_FG = QColor("#a66300")
MUTED_FG = QColor("#8a8f98")  # dismissed findings, hints
GRID = QColor("#9aa3ad")
