"""Export choices and the one error type callers must handle."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

from giedit.model.errors import ClerkError

FontMode = Literal["auto", "shipped"]
FONT_MODE_ENV = "GIEDIT_FONTS"


class ExportError(ClerkError):
    """An export could not be written; ``str(err)`` is one Chinese sentence naming the file."""


@dataclass(frozen=True)
class ExportOptions:
    """How to export.

    ``page_numbers``: ``"outside"`` puts odd numbers right and even numbers left (GB/T 9704 7.5,
    for double-sided printing); ``"center"`` centres them (single-sided PDF).
    ``fonts``: ``"auto"`` prefers the clerk's installed fonts (仿宋_GB2312, 黑体 …) and falls back to
    the shipped ones; ``"shipped"`` uses only the fonts giedit ships, so a PDF looks the same on
    every machine. ``None`` reads the ``GIEDIT_FONTS`` environment variable (default ``auto``).
    """

    page_numbers: Literal["outside", "center"] = "outside"
    fonts: FontMode | None = None

    @property
    def font_mode(self) -> FontMode:
        mode = self.fonts or os.environ.get(FONT_MODE_ENV, "auto")
        return "shipped" if mode == "shipped" else "auto"
