"""Fonts for the editor: without a CJK font Qt draws every 汉字 as a box (tofu).

giedit ships its own CJK fonts in ``resources/fonts`` so the window reads on a bare machine; a
system CJK sans (微软雅黑 on Windows, Noto/WenQuanYi on Linux) is still preferred for the UI
because the shipped sans is bold only. The shipped families follow as fallbacks, so a character
that the chosen font lacks (e.g. 塅 in a body name) is still drawn.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from giedit.resources import resource_path

SYSTEM_CJK_SANS = (
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)


def load_shipped_fonts(folder: Path | None = None) -> list[str]:
    """Register every .ttf/.ttc in the fonts folder with Qt; return the families they bring."""
    fonts = folder or resource_path("fonts")
    families: list[str] = []
    for path in sorted([*fonts.glob("*.ttf"), *fonts.glob("*.ttc")]):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families)
    return families


def choose_families(shipped: list[str], available: list[str]) -> list[str]:
    """The UI font family first, then the fallbacks, best first.

    A system CJK sans wins; else a shipped family with a regular face, sans (黑) before serif
    (宋) before 仿宋 before the rest (楷 reads oddly in a form); else whatever was shipped. An
    empty list leaves Qt's default font alone.
    """
    system = [f for f in SYSTEM_CJK_SANS if f in available]

    def rank(family: str) -> tuple[bool, int]:
        regular = "Regular" in QFontDatabase.styles(family)
        style = next((i for i, word in enumerate(("Sans", "Serif", "Fang")) if word in family), 3)
        return (not regular, style)

    return [*system[:1], *sorted(shipped, key=rank)]


def install_fonts(app: QApplication) -> str | None:
    """Load the shipped fonts and make the best CJK family the application font."""
    families = choose_families(load_shipped_fonts(), QFontDatabase.families())
    if not families:
        return None
    font = app.font()
    font.setFamilies(families)
    app.setFont(font)
    return families[0]
