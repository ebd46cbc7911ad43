"""Fonts for the editor: without a CJK font Qt draws every 汉字 as a box (tofu).

giedit ships its own CJK fonts in ``resources/fonts`` so the window reads on a bare machine; a
system CJK sans (微软雅黑 on Windows, Noto/WenQuanYi on Linux) is preferred for the UI because
the shipped sans is bold only. Where there is one, the shipped fonts are not registered at all:
fontconfig reads each font's character map when it is added, which cost about 20 ms and 5 MB at
every start for characters the system's fonts already draw (Qt falls back to the system's other
fonts for a character the chosen one lacks). The PDF never depended on this: it embeds the
shipped fonts itself.
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
    """Make the best CJK family the application font, loading the shipped fonts only on a machine
    that has no CJK sans of its own."""
    system = [f for f in SYSTEM_CJK_SANS if QFontDatabase.hasFamily(f)]
    families = choose_families([] if system else load_shipped_fonts(), system)
    if not families:
        return None
    font = app.font()
    font.setFamilies(families)
    app.setFont(font)
    return families[0]
