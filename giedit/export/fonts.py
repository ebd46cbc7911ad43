"""Which fonts the exports use, and per-character fallback for the PDF.

The DOCX only *names* fonts (the reader's Word resolves them), so it always names the official
ones. The PDF embeds real font files: the clerk's installed Windows fonts when present, else the
free fonts shipped in ``resources/fonts`` (TrueType outlines, GBK coverage), so a PDF can be made
on a machine with no Chinese font at all.

Real names need characters outside GB2312 (塅 in 大塅镇): 仿宋_GB2312 and 楷体_GB2312 lack them,
and reportlab has no fallback of its own, so a missing glyph would print as a box. ``PdfFonts.runs``
therefore checks every character against the cmap of the font chosen for it and sets the ones it
lacks in the first fallback font that has them.

Registering a CJK font in reportlab parses the whole file (about 60 ms each), so faces are
registered once per process and kept in a module-level cache; a second export is fast. The
parsed tables are also kept on disk (``font_cache``), so a fresh process does not parse again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from giedit.export.options import ExportError, FontMode
from giedit.resources import resource_path

SYSTEM_DIRS_ENV = "GIEDIT_SYSTEM_FONT_DIRS"  # os.pathsep-separated; replaces the platform's folders
# Shipped substitutes: a 小标宋-like heavy serif, 黑体, 楷体 and 仿宋 (resources/fonts/README.md).
SERIF_BOLD, SANS, KAI = "GieditSerifSC-Bold.ttf", "GieditSansSC-Bold.ttf", "GieditKaiSC-Regular.ttf"
FANG = "GieditFangSC-Regular.ttf"
PROBE = "政府信息"  # a font without these is no Chinese font, whatever its file is called


class FontRole(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    SUBHEADING = "subheading"
    BODY = "body"
    PAGE_NUMBER = "page_number"


@dataclass(frozen=True)
class Face:
    """A typeface as the exports ask for it.

    ``name`` is what the DOCX names (w:eastAsia). ``gbk_name`` is a sibling family that Word finds
    on the same machines and that covers GBK, for characters outside GB2312. ``files`` are the
    installed font files that provide the face (best first); ``shipped`` the shipped substitutes.
    """

    name: str
    files: tuple[str, ...]
    shipped: tuple[str, ...]
    gbk_name: str | None = None


FACES: dict[FontRole, Face] = {
    FontRole.TITLE: Face(
        "方正小标宋简体",
        ("FZXBSJW.TTF", "方正小标宋简体.ttf", "方正小标宋简体.TTF"),
        (SERIF_BOLD,),
        gbk_name="宋体",
    ),
    FontRole.HEADING: Face("黑体", ("simhei.ttf",), (SANS, SERIF_BOLD)),
    FontRole.SUBHEADING: Face(
        "楷体_GB2312", ("楷体_GB2312.ttf", "KAITI_GB2312.TTF", "simkai.ttf"), (KAI, FANG), gbk_name="楷体"
    ),
    FontRole.BODY: Face(
        "仿宋_GB2312",
        ("仿宋_GB2312.ttf", "FANGSONG_GB2312.TTF", "FS_GB2312.ttf", "simfang.ttf"),
        (FANG, KAI),
        gbk_name="仿宋",
    ),
    # 4号半角宋体 digits (GB/T 9704 7.5); shipped: the 仿宋's digits, no light 宋 is shipped
    FontRole.PAGE_NUMBER: Face("宋体", ("simsun.ttc",), (FANG,)),
}
# Shipped fonts tried, in this order, for a character the role's font lacks: the 楷体 first, the
# closest stroke to 仿宋 (whose GB2312 lacks e.g. 塅); all three cover GBK.
FALLBACK = (KAI, SERIF_BOLD, SANS)


def shipped_dir() -> Path:
    """``resources/fonts``, from source or inside a bundle."""
    return resource_path("fonts")


def system_dirs() -> list[Path]:
    """Folders where a clerk's installed fonts live (Windows: machine-wide and per-user)."""
    override = os.environ.get(SYSTEM_DIRS_ENV)
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    if os.name == "nt":
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        if local := os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    return [Path.home() / ".local" / "share" / "fonts", Path.home() / ".fonts"]


# -- reportlab registration (once per process) --------------------------------------------------

_faces: dict[Path, Any] = {}  # path -> registered reportlab TTFont, None if unusable
_files: dict[str, Path] = {}  # registered name -> file


def _load(path: Path) -> Any:
    """Register the font at ``path`` with reportlab (once); None if it is not a usable CJK font."""
    if path in _faces:
        return _faces[path]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from giedit.export.font_cache import load_font

    name = "gi-" + hashlib.sha1(str(path).encode()).hexdigest()[:10]
    font = None
    try:
        candidate = load_font(name, path)
    except (TTFError, OSError, ValueError):  # CFF outlines, a damaged or unreadable file
        candidate = None
    if candidate is not None and all(ord(ch) in candidate.face.charToGlyph for ch in PROBE):
        pdfmetrics.registerFont(candidate)
        font, _files[name] = candidate, path
    _faces[path] = font
    return font


def _first_usable(paths: list[Path]) -> str | None:
    for path in paths:
        if path.is_file() and (font := _load(path)) is not None:
            return font.fontName
    return None


@dataclass
class PdfFonts:
    """The fonts a PDF uses, by registered name: a primary per role and a fallback chain.

    The fallback fonts are registered only when a character first needs one, so a clerk whose
    installed fonts cover the text never pays for parsing the shipped ones.
    """

    primary: Mapping[FontRole, str]
    fallback_files: tuple[Path, ...]
    _fallback: list[str] | None = field(default=None, repr=False)
    _chosen: dict[tuple[str, FontRole], str] = field(default_factory=dict, repr=False)
    _widths: dict[tuple[str, str], float] = field(default_factory=dict, repr=False)
    _sized: dict[tuple[FontRole, float], dict[str, float]] = field(default_factory=dict, repr=False)

    @property
    def fallback(self) -> list[str]:
        if self._fallback is None:
            self._fallback = [f.fontName for p in self.fallback_files if (f := _load(p)) is not None]
        return self._fallback

    def cmap(self, font: str) -> Mapping[int, int]:
        """Code point -> glyph of a registered font."""
        return _faces[_files[font]].face.charToGlyph

    def file(self, font: str) -> Path:
        return _files[font]

    def has(self, font: str, ch: str) -> bool:
        return ord(ch) in self.cmap(font)

    def font_for(self, ch: str, role: FontRole) -> str:
        """The role's font if it has ``ch``, else the first fallback that has it (cached)."""
        key = (ch, role)
        font = self._chosen.get(key)
        if font is None:
            first = self.primary[role]
            if self.has(first, ch):
                font = first
            else:
                font = next((f for f in self.fallback if self.has(f, ch)), first)
            self._chosen[key] = font
        return font

    def width(self, ch: str, role: FontRole) -> float:
        """The advance of ``ch`` at 1 pt in the font that sets it for ``role`` (cached)."""
        font = self.font_for(ch, role)
        key = (ch, font)
        w = self._widths.get(key)
        if w is None:
            face = _faces[_files[font]].face
            w = self._widths[key] = face.charWidths.get(ord(ch), face.defaultWidth) / 1000
        return w

    def sized_width(self, role: FontRole, size: float) -> Callable[[str], float]:
        """``ch`` -> ``width(ch, role) * size``, remembered per role and size: the line breaker
        measures every character of every paragraph."""
        table = self._sized.setdefault((role, size), {})

        def width_of(ch: str) -> float:
            w = table.get(ch)
            if w is None:
                w = table[ch] = self.width(ch, role) * size
            return w

        return width_of

    def runs(self, text: str, role: FontRole) -> list[tuple[str, str]]:
        """``text`` cut into (font, chunk) runs, each chunk set in a font that has all its glyphs.

        Linear: cut points are found first and each chunk is sliced once.
        """
        out: list[tuple[str, str]] = []
        start, current = 0, None
        for i, ch in enumerate(text):
            font = self.font_for(ch, role)
            if font != current:
                if current is not None:
                    out.append((current, text[start:i]))
                start, current = i, font
        if current is not None:
            out.append((current, text[start:]))
        return out

    def missing(self, text: str, role: FontRole) -> set[str]:
        """Characters no available font can draw (they would print as a box)."""
        return {ch for ch in text if not self.has(self.font_for(ch, role), ch)}


def pdf_fonts(mode: FontMode) -> PdfFonts:
    """The PDF fonts for ``mode`` (``auto``: installed fonts first; ``shipped``: shipped only)."""
    system = tuple(system_dirs()) if mode == "auto" else ()
    return _resolve(system, shipped_dir())


@cache
def _resolve(system: tuple[Path, ...], shipped: Path) -> PdfFonts:
    primary: dict[FontRole, str] = {}
    for role, face in FACES.items():
        candidates = [d / f for f in face.files for d in system] + [shipped / f for f in face.shipped]
        name = _first_usable(candidates) or _first_usable([shipped / f for f in (*FALLBACK, FANG)])
        if name is None:
            raise ExportError(f"找不到 giedit 自带的中文字体（{shipped}），无法导出 PDF，请重新安装 giedit。")
        primary[role] = name
    return PdfFonts(primary, tuple(shipped / f for f in FALLBACK))
