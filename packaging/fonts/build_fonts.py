#!/usr/bin/env python3
"""Build the Chinese TrueType fonts that giedit ships in ``resources/fonts/``.

Why this script exists
----------------------
giedit exports PDFs with reportlab, and reportlab can only embed fonts with
TrueType (``glyf``) outlines: ``TTFont`` rejects CFF/CFF2 ("postscript outlines
are not supported") and ``UnicodeCIDFont("STSong-Light")`` is never embedded.
The best free Simplified-Chinese fonts, Noto Serif/Sans CJK, are CFF-based, and
the free TrueType alternatives (AR PL UMing/UKai, ...) cover only GB2312, so real
place names such as 大塅镇 (塅 U+5845 is GBK-only) come out as boxes.

This script therefore:

1. takes the SC face of Debian's ``fonts-noto-cjk``/``fonts-noto-cjk-extra`` ``.ttc`` files,
   FandolFang (a free 仿宋, GPL with the font exception) from ``texlive-lang-chinese`` and,
   when installed, LXGW WenKai from ``fonts-lxgw-wenkai``, which is already TrueType,
2. subsets it to GBK + ASCII/Latin-1 + General Punctuation + CJK Symbols and
   Punctuation + Halfwidth/Fullwidth Forms, dropping OpenType layout tables and
   hinting (reportlab uses neither) to keep the files small,
3. converts cubic CFF outlines to quadratic TrueType outlines with cu2qu,
   and adds empty glyphs for invisible spaces/format characters the source lacks
   (otherwise pasted U+2003, U+200B or U+FEFF would print as .notdef boxes),
4. renames the families, because the OFL-1.1 forbids Modified Versions from using
   Reserved Font Names ("Source" for Noto CJK, "霞鹜"/"LXGW" for WenKai), and
5. writes ``OFL.txt`` (copyright notices + licence text from the Debian
   copyright files) and ``GPL-FandolFang.txt`` next to the fonts, verifies the coverage of
   each output, and writes ``coverage.txt``: the code points that at least one shipped font
   can draw, which the checks read (rule G-W3) without loading any font.

The outputs are deterministic for a given fontTools version and source package
version (timestamps are taken from the source fonts, not from the clock).

Usage (fontTools must NOT go into the project's .venv; use a scratch venv)::

    python3 -m venv /tmp/fontvenv && /tmp/fontvenv/bin/pip install fonttools==4.68.0
    sudo apt-get install fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai texlive-lang-chinese
    /tmp/fontvenv/bin/python packaging/fonts/build_fonts.py

texlive-lang-chinese is large; ``--fandol DIR`` takes FandolFang-Regular.otf and the Fandol
README/COPYING from a folder instead (e.g. the package unpacked with ``dpkg-deb -x``).

If reportlab is importable in the same interpreter, every output is also loaded
with ``reportlab.pdfbase.ttfonts.TTFont`` as a smoke test.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from fontTools import subset
from fontTools import version as fonttools_version
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT_DIR = REPO_ROOT / "resources" / "fonts"
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
WENKAI_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")
NOTO_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FANDOL_FONT = "texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"
FANDOL_DOC = "doc/texlive-doc/fonts/fandol"  # README and COPYING.gz (GPL-3) of the Fandol fonts
TEXLIVE_ROOT = Path("/usr/share/texlive")
FANDOL_VERSION = "2022.20230122-1"  # texlive-lang-chinese the shipped file was built from
COVERAGE_FILE = "coverage.txt"

# The exception that the Fandol README names ("GPL + GPL font exception") in the FSF's standard
# wording (GPL FAQ, #FontException); giedit extends it to its modified version, as it allows.
FONT_EXCEPTION = """As a special exception, if you create a document which uses this font, and
embed this font or unaltered portions of this font into the document, this
font does not by itself cause the resulting document to be covered by the
GNU General Public License. This exception does not however invalidate any
other reasons why the document might be covered by the GNU General Public
License. If you modify this font, you may extend this exception to your
version of the font, but you are not obligated to do so. If you do not
wish to do so, delete this exception statement from your version.
"""
WENKAI_COPYRIGHT = Path("/usr/share/doc/fonts-lxgw-wenkai/copyright")
TESTED_FONTTOOLS = "4.68.0"

# Maximum distance (font units, UPM 1000) between the cubic curve and its
# quadratic approximation. 1.0 is invisible at any print size and keeps files small.
CU2QU_MAX_ERR = 1.0

# Characters the exporters must be able to set in every shipped font.
MUST_HAVE = "塅—“”‘’《》、。，：；！？（）【】〔〕…·０１２３４５６７８９三安全一稳定政府信息公开"

# Invisible characters that text pasted from web pages or Word often contains
# (&emsp;, thin spaces, zero-width spaces, BOM, bidi marks). Most are missing from
# the sources; reportlab would draw the .notdef box for them. They are added as
# empty glyphs. Value: advance width in 1/1000 em, or a character whose width is used.
BLANK_WIDTHS: dict[int, int | str] = {
    0x2000: 500,  # EN QUAD
    0x2001: 1000,  # EM QUAD
    0x2002: 500,  # EN SPACE
    0x2003: 1000,  # EM SPACE
    0x2004: 333,  # THREE-PER-EM SPACE
    0x2005: 250,  # FOUR-PER-EM SPACE
    0x2006: 167,  # SIX-PER-EM SPACE
    0x2007: "0",  # FIGURE SPACE: width of a digit
    0x2008: ".",  # PUNCTUATION SPACE: width of a period
    0x2009: 200,  # THIN SPACE
    0x200A: 100,  # HAIR SPACE
    0x202F: 200,  # NARROW NO-BREAK SPACE
    0x205F: 222,  # MEDIUM MATHEMATICAL SPACE
    **dict.fromkeys((0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029), 0),
    **dict.fromkeys(range(0x202A, 0x202F), 0),  # bidi embedding controls
    **dict.fromkeys((0x2060, 0x2061, 0x2062, 0x2063, 0x2064), 0),  # word joiner, invisible operators
    **dict.fromkeys(range(0x2066, 0x2070), 0),  # bidi isolates, deprecated format characters
    0xFEFF: 0,  # ZERO WIDTH NO-BREAK SPACE (byte order mark)
}

RENAMED = {"OFL-1.1": "renamed as the SIL Open Font License 1.1 requires."}

# Name records copied unchanged from the source (copyright, trademark, designer,
# URLs, licence). Everything else that names the font is rewritten.
KEPT_NAME_IDS = (0, 7, 8, 9, 11, 12, 13, 14)


@dataclass(frozen=True)
class FontSpec:
    """One font to build: where it comes from and what the output is called."""

    key: str
    source: Path
    source_family: str  # nameID 1 of the wanted face (selects the face in a .ttc)
    debian_package: str
    family: str
    style: str  # "Regular" or "Bold"
    out_name: str
    reserved_names: tuple[str, ...]  # OFL Reserved Font Names of the source
    optional: bool = False  # skip silently when the source package is not installed
    licence: str = "OFL-1.1"
    coverage: str = "gbk"  # the source's promise: every "gbk" or every "gb2312" hanzi
    version_hint: str = "unknown"  # the package version when dpkg does not know it

    @property
    def postscript_name(self) -> str:
        return f"{self.family.replace(' ', '')}-{self.style}"


@dataclass
class BuildResult:
    """What build_one() reports back to the parent process."""

    spec: FontSpec
    path: Path
    seconds: float
    size: int
    sha256: str
    source_version: str
    face_index: int
    glyphs: int
    cmap_size: int
    requested: int
    gbk_total: int
    blanks: int
    source_desc: str
    copyright: str
    trademark: str
    gbk_missing: list[int] = field(default_factory=list)
    other_missing: list[int] = field(default_factory=list)


def fandol_font(fandol_dir: Path | None) -> Path:
    return fandol_dir / "FandolFang-Regular.otf" if fandol_dir else TEXLIVE_ROOT / FANDOL_FONT


def make_specs(fandol_dir: Path | None = None) -> tuple[FontSpec, ...]:
    """What giedit ships: 小标宋-like title, 黑体, 楷体 and 仿宋 substitutes.

    The light Noto Serif Regular of earlier builds is gone: the body is 仿宋 now and the title
    heavy, and the 仿宋's own gaps (it covers GB2312) fall back to the 楷体, the closer stroke.
    """
    return (
        FontSpec(
            key="title",
            source=NOTO_DIR / "NotoSerifCJK-Bold.ttc",
            source_family="Noto Serif CJK SC",
            debian_package="fonts-noto-cjk-extra",
            family="Giedit Serif SC",
            style="Bold",
            out_name="GieditSerifSC-Bold.ttf",
            reserved_names=("Source",),
        ),
        FontSpec(
            key="sans",
            source=NOTO_DIR / "NotoSansCJK-Bold.ttc",
            source_family="Noto Sans CJK SC",
            debian_package="fonts-noto-cjk",
            family="Giedit Sans SC",
            style="Bold",
            out_name="GieditSansSC-Bold.ttf",
            reserved_names=("Source",),
        ),
        FontSpec(
            key="kai",
            source=WENKAI_DIR / "LXGWWenKai-Regular.ttf",
            source_family="LXGW WenKai",
            debian_package="fonts-lxgw-wenkai",
            family="Giedit Kai SC",
            style="Regular",
            out_name="GieditKaiSC-Regular.ttf",
            reserved_names=("霞鹜", "LXGW"),
            optional=True,
        ),
        FontSpec(
            key="fang",
            source=fandol_font(fandol_dir),
            source_family="FandolFang R",
            debian_package="texlive-lang-chinese",
            family="Giedit Fang SC",
            style="Regular",
            out_name="GieditFangSC-Regular.ttf",
            reserved_names=(),
            licence="GPL-3.0-or-later WITH Font-exception-2.0",
            coverage="gb2312",
            version_hint=FANDOL_VERSION,
        ),
    )


SPECS = make_specs()


# --------------------------------------------------------------------------- coverage


def gbk_codepoints() -> set[int]:
    """Every BMP code point that Python's 'gbk' codec can encode (without C0/DEL)."""
    result: set[int] = set()
    for cp in range(0x20, 0x10000):
        if 0xD800 <= cp <= 0xDFFF or cp == 0x7F:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        result.add(cp)
    return result


def requested_codepoints() -> set[int]:
    """GBK plus the extra ranges the exporters need; control/format chars excluded."""
    wanted = gbk_codepoints()
    wanted |= set(range(0x20, 0x7F))  # ASCII
    wanted |= set(range(0xA0, 0x100))  # Latin-1 Supplement
    wanted |= set(range(0x2000, 0x2070))  # General Punctuation
    wanted |= set(range(0x3000, 0x3040))  # CJK Symbols and Punctuation
    wanted |= set(range(0xFF00, 0xFFF0))  # Halfwidth and Fullwidth Forms
    wanted.add(0x20AC)  # €: Windows code page 936 has it at 0x80, Python's gbk codec does not
    wanted |= {ord(ch) for ch in MUST_HAVE}
    wanted |= set(BLANK_WIDTHS)
    # Controls, surrogates, private use and unassigned code points have nothing to ship.
    return {cp for cp in wanted if unicodedata.category(chr(cp)) not in ("Cc", "Cs", "Co", "Cn")}


def gb2312_hanzi() -> set[int]:
    """The 6,763 hanzi of GB2312."""
    out = set()
    for cp in range(0x4E00, 0xA000):
        try:
            chr(cp).encode("gb2312")
        except UnicodeEncodeError:
            continue
        out.add(cp)
    return out


def describe(cps: Iterable[int], limit: int = 40) -> str:
    """Human-readable list like 'U+2252 ≒, U+FE49 ﹉ (+3 more)'."""
    cps = sorted(cps)
    shown = ", ".join(f"U+{cp:04X} {chr(cp)}" for cp in cps[:limit])
    return shown + (f" (+{len(cps) - limit} more)" if len(cps) > limit else "")


# --------------------------------------------------------------------------- sources


def debian_version(package: str) -> str:
    """Installed version of a Debian package, or 'unknown' off Debian."""
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def find_face(path: Path, family: str) -> int:
    """Index of the face whose nameID 1 is ``family`` (-1 for a plain .ttf/.otf)."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return -1
    collection = TTCollection(str(path), lazy=True)
    for index, face in enumerate(collection.fonts):
        if face["name"].getDebugName(1) == family:
            return index
    raise SystemExit(f"{path}: no face named {family!r}")


# --------------------------------------------------------------------------- conversion


def subset_in_place(font: TTFont, unicodes: set[int]) -> None:
    """Keep only ``unicodes``; drop layout tables, hinting, UVS and non-English names."""
    options = subset.Options()
    options.layout_features = []  # reportlab does no shaping; GSUB would pull in extra glyphs
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "kern"]
    options.hinting = False  # CFF hints are lost by the conversion anyway
    options.desubroutinize = True
    options.notdef_outline = True  # a visible box instead of nothing for missing glyphs
    options.glyph_names = False
    options.name_IDs = ["*"]
    options.name_languages = [0x0409]  # English (Windows) only: drops e.g. 霞鹜文楷
    options.name_legacy = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    # Unicode Variation Sequences (cmap format 14) are useless to reportlab.
    font["cmap"].tables = [t for t in font["cmap"].tables if t.format != 14]


def cff_to_glyf(font: TTFont, max_err: float = CU2QU_MAX_ERR) -> None:
    """Replace the CFF table by glyf/loca with quadratic outlines (fontTools otf2ttf recipe)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)  # computes the glyph bounding boxes

    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):  # left side bearing must equal xMin for TrueType
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(len(getattr(g, "components", ())) for g in glyphs.values())
    maxp.compile(font)

    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and reportlab does not need them
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = None
    font.sfntVersion = "\x00\x01\x00\x00"


def add_blank_glyphs(font: TTFont) -> list[int]:
    """Map the BLANK_WIDTHS characters that the font lacks to new empty glyphs."""
    cmap = font.getBestCmap()
    upem = font["head"].unitsPerEm
    glyf = font["glyf"]
    order = list(font.getGlyphOrder())
    added = []
    for cp, width in sorted(BLANK_WIDTHS.items()):
        if cp in cmap:
            continue
        # A str width means "as wide as this character" (figure and punctuation spaces).
        advance = font["hmtx"][cmap[ord(width)]][0] if isinstance(width, str) else round(width * upem / 1000)
        name = f"uni{cp:04X}"
        glyf.glyphs[name] = TTGlyphPen(None).glyph()  # no contours
        order.append(name)
        font["hmtx"][name] = (advance, 0)
        if "vmtx" in font:
            font["vmtx"][name] = (upem, 0)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[cp] = name
        added.append(cp)
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    return added


def rename(font: TTFont, spec: FontSpec, source_desc: str, changes: list[str]) -> None:
    """Give the font its giedit name; keep copyright, trademark, designer and licence records."""
    name = font["name"]
    old_version = name.getDebugName(5) or "Version 1.000"
    version = old_version.split(";")[0].strip()
    name.names = [r for r in name.names if r.nameID in KEPT_NAME_IDS]
    full_name = spec.family if spec.style == "Regular" else f"{spec.family} {spec.style}"
    records = {
        1: spec.family,
        2: spec.style,
        3: f"{version.removeprefix('Version ').strip()};giedit;{spec.postscript_name}",
        4: full_name,
        5: f"{version}; giedit build of {source_desc}",
        6: spec.postscript_name,
        10: (
            f"{spec.family} {spec.style} is a Modified Version of {source_desc}, made for giedit: "
            + ", ".join([*changes, RENAMED.get(spec.licence, "renamed to tell it from the original.")])
        ),
    }
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x0409)
    for record in name.names:
        if record.nameID in (1, 3, 4, 6):
            for reserved in spec.reserved_names:
                if reserved.lower() in record.toUnicode().lower():
                    raise SystemExit(
                        f"{spec.out_name}: name ID {record.nameID} uses reserved name {reserved!r}"
                    )


def build_one(spec: FontSpec, out_dir: Path, unicodes: set[int], gbk: set[int]) -> BuildResult:
    """Build one output font and return its statistics."""
    start = time.perf_counter()
    face_index = find_face(spec.source, spec.source_family)
    source_version = debian_version(spec.debian_package)
    if source_version == "unknown":
        source_version = spec.version_hint
    # recalcTimestamp=False keeps head.modified from the source: reproducible bytes.
    font = TTFont(str(spec.source), fontNumber=face_index, recalcTimestamp=False, lazy=False)
    font_version = (font["name"].getDebugName(5) or "").split(";")[0].removeprefix("Version ").strip()
    source_desc = f"{spec.source_family} {font_version} (Debian {spec.debian_package} {source_version})"

    changes = ["subset to GBK + Latin-1 + CJK punctuation", "layout tables and hinting removed"]
    subset_in_place(font, unicodes)
    if "CFF " in font:
        cff_to_glyf(font)
        changes.append("CFF outlines converted to TrueType")
    if "glyf" not in font or "CFF " in font or "CFF2" in font:
        raise SystemExit(f"{spec.out_name}: result has no TrueType outlines")
    blanks = add_blank_glyphs(font)
    if blanks:
        changes.append("empty glyphs added for invisible space and format characters")
    rename(font, spec, source_desc, changes)

    out_path = out_dir / spec.out_name
    tmp_path = out_path.with_suffix(".tmp")
    font.save(str(tmp_path))
    font.close()
    tmp_path.replace(out_path)

    # Re-open the written file: check coverage on what is actually shipped.
    with TTFont(str(out_path), lazy=True) as check:
        cmap = set(check.getBestCmap())
        glyph_count = len(check.getGlyphOrder())
        copyright_notice = check["name"].getDebugName(0) or ""
        trademark = check["name"].getDebugName(7) or ""
    data = out_path.read_bytes()
    promised = gbk if spec.coverage == "gbk" else gb2312_hanzi()
    missing_required = {ord(ch) for ch in MUST_HAVE if ord(ch) in promised or ord(ch) < 0x4E00} - cmap
    missing_hanzi = {cp for cp in promised - cmap if unicodedata.category(chr(cp)) == "Lo"}
    if missing_required or missing_hanzi:
        raise SystemExit(f"{spec.out_name}: missing {describe(missing_required | missing_hanzi)}")
    return BuildResult(
        spec=spec,
        path=out_path,
        seconds=time.perf_counter() - start,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        source_version=source_version,
        face_index=face_index,
        glyphs=glyph_count,
        cmap_size=len(cmap),
        requested=len(unicodes),
        gbk_total=len(gbk),
        blanks=len(blanks),
        source_desc=source_desc,
        copyright=copyright_notice,
        trademark=trademark,
        gbk_missing=sorted(gbk - cmap),
        other_missing=sorted(unicodes - gbk - cmap),
    )


# --------------------------------------------------------------------------- licence


def ofl_text_from_debian(copyright_file: Path) -> str:
    """The OFL-1.1 text of a Debian machine-readable copyright file, de-indented."""
    paragraphs = copyright_file.read_text(encoding="utf-8").split("\n\n")
    for paragraph in paragraphs:
        lines = paragraph.strip("\n").splitlines()
        # The standalone licence paragraph: "License: OFL-1.1" followed by the indented text.
        if len(lines) < 10 or lines[0].strip() not in ("License: OFL-1.1", "License: SIL-1.1"):
            continue
        if not all(line.startswith(" ") for line in lines[1:]):
            continue
        body = ["" if line.strip() == "." else line[1:] for line in lines[1:]]
        while body and not body[-1].strip():
            body.pop()
        if "SIL OPEN FONT LICENSE Version 1.1" in "\n".join(body[:3]):
            return "\n".join(body) + "\n"
    raise SystemExit(f"{copyright_file}: no standalone OFL-1.1 licence paragraph found")


def write_ofl(out_dir: Path, results: list[BuildResult]) -> Path:
    """Write OFL.txt: the copyright notice of each shipped font, then the licence text."""
    results = [r for r in results if r.spec.licence == "OFL-1.1"]
    ofl = ofl_text_from_debian(NOTO_COPYRIGHT)
    if any(r.spec.debian_package == "fonts-lxgw-wenkai" for r in results):
        other = ofl_text_from_debian(WENKAI_COPYRIGHT)
        if " ".join(other.split()) != " ".join(ofl.split()):
            raise SystemExit("the two Debian packages carry different OFL texts; check them by hand")
    notices = []
    for r in sorted(results, key=lambda r: r.spec.out_name):
        reserved = " and ".join(f'"{n}"' for n in r.spec.reserved_names)
        notice = [
            f"{r.spec.out_name}: a Modified Version of {r.source_desc}.",
            *r.copyright.splitlines(),
            f"Reserved Font Name(s) of the original: {reserved}.",
        ]
        if r.trademark:
            notice.append(r.trademark)
        notices.append("\n".join(line.strip() for line in notice))
    header = (
        "\n\n".join(notices)
        + "\n\nThese Font Software files are licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n\n"
    )
    path = out_dir / "OFL.txt"
    path.write_text(header + ofl, encoding="utf-8")
    return path


def write_gpl(out_dir: Path, results: list[BuildResult], fandol_dir: Path | None) -> Path | None:
    """GPL-FandolFang.txt: the notice, the README's licence line, the exception, the GPL-3 text."""
    fang = next((r for r in results if r.spec.key == "fang"), None)
    if fang is None:
        return None
    doc = fandol_dir or TEXLIVE_ROOT.parent / FANDOL_DOC
    readme = (doc / "README").read_text(encoding="utf-8")
    gpl = gzip.decompress((doc / "COPYING.gz").read_bytes()).decode("utf-8")
    if "GNU GENERAL PUBLIC LICENSE" not in gpl or "Version 3" not in gpl:
        raise SystemExit(f"{doc / 'COPYING.gz'}: not the GPL-3 text")
    header = (
        f"{fang.spec.out_name}: a modified version of {fang.source_desc}.\n"
        f"{fang.copyright}\n"
        "Modified for giedit (see resources/fonts/README.md for every change; the corresponding\n"
        "source is the original FandolFang-Regular.otf from CTAN fonts/fandol or Debian's\n"
        "texlive-lang-chinese, and packaging/fonts/build_fonts.py, which turns it into this file).\n\n"
        "The Fandol README says:\n\n"
        + "".join(f"    {line}\n" if line else "\n" for line in readme.strip().splitlines())
        + "\nThe GNU General Public License version 3 (below), with this font exception, which\n"
        "giedit extends to its modified version:\n\n" + FONT_EXCEPTION + "\n\n"
    )
    path = out_dir / "GPL-FandolFang.txt"
    path.write_text(header + gpl, encoding="utf-8")
    return path


def write_coverage(out_dir: Path) -> Path:
    """coverage.txt: the code points some shipped font can draw, as hex ranges, one a line.

    The checks (rule G-W3) read it to warn about characters that would print as a box, without
    loading a font; tests/test_fonts compares it with the fonts' cmaps.
    """
    covered: set[int] = set()
    for path in sorted(out_dir.glob("*.ttf")):
        with TTFont(str(path), lazy=True) as font:
            cmap = font.getBestCmap()
            glyf = font["glyf"]
            # an empty glyph only counts for characters meant to be invisible (spaces)
            covered |= {
                cp
                for cp, g in cmap.items()
                if glyf[g].numberOfContours
                or cp in BLANK_WIDTHS
                or unicodedata.category(chr(cp)).startswith("Z")
            }
    ranges: list[list[int]] = []
    for cp in sorted(covered):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    lines = [f"{a:04X}" if a == b else f"{a:04X}-{b:04X}" for a, b in ranges]
    path = out_dir / COVERAGE_FILE
    path.write_text(
        "# Code points that at least one font in this folder draws (written by build_fonts.py).\n"
        + "\n".join(lines)
        + "\n",
        encoding="ascii",
    )
    return path


# --------------------------------------------------------------------------- checks


def reportlab_smoke_test(path: Path) -> str:
    """Register the font with reportlab if it is installed (it rejects CFF outlines)."""
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    except ImportError:
        return "reportlab not installed: skipped"
    face = RLTTFont(f"check-{path.stem}", str(path))
    pdfmetrics.registerFont(face)
    width = pdfmetrics.stringWidth("大塅镇“三安全一稳定”", face.fontName, 16)
    return f"reportlab OK (width of 10 chars at 16 pt = {width:.1f} pt)"


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR, help="default: %(default)s")
    parser.add_argument(
        "--only", nargs="+", choices=[s.key for s in SPECS], help="build only these fonts (default: all)"
    )
    parser.add_argument("--jobs", type=int, default=min(len(SPECS), os.cpu_count() or 1))
    parser.add_argument(
        "--fandol", type=Path, help="folder with FandolFang-Regular.otf, README and COPYING.gz"
    )
    parser.add_argument("--coverage-only", action="store_true", help="only rewrite coverage.txt")
    args = parser.parse_args(argv)
    if args.coverage_only:
        print(write_coverage(args.out_dir))
        return 0

    if fonttools_version != TESTED_FONTTOOLS:
        print(
            f"warning: fontTools {fonttools_version}; outputs were made with {TESTED_FONTTOOLS}",
            file=sys.stderr,
        )

    specs = [s for s in make_specs(args.fandol) if not args.only or s.key in args.only]
    todo: list[FontSpec] = []
    for spec in specs:
        if spec.source.exists():
            todo.append(spec)
        elif spec.optional:
            print(f"skip {spec.out_name}: {spec.source} missing (apt-get install {spec.debian_package})")
        else:
            raise SystemExit(f"{spec.source} missing: apt-get install {spec.debian_package}")

    args.out_dir.mkdir(parents=True, exist_ok=True)
    gbk = gbk_codepoints()
    unicodes = requested_codepoints()
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(build_one, spec, args.out_dir, unicodes, gbk) for spec in todo]
        results = [f.result() for f in futures]
    if not args.only:
        write_ofl(args.out_dir, results)
        write_gpl(args.out_dir, results, args.fandol)
    write_coverage(args.out_dir)

    for r in results:
        print(f"\n{r.path.relative_to(REPO_ROOT) if r.path.is_relative_to(REPO_ROOT) else r.path}")
        print(
            f"  source   {r.spec.source} face {r.face_index} ({r.spec.source_family}), "
            f"{r.spec.debian_package} {r.source_version}"
        )
        print(f"  size     {r.size / 1e6:.2f} MB, sha256 {r.sha256}")
        print(
            f"  glyphs   {r.glyphs}, cmap {r.cmap_size} of {r.requested} requested code points "
            f"({r.blanks} invisible characters added as empty glyphs)"
        )
        print(
            f"  GBK      {r.gbk_total - len(r.gbk_missing)} of {r.gbk_total}; missing: "
            f"{describe(r.gbk_missing) or 'none'}"
        )
        print(f"  extras   missing from the source font: {describe(r.other_missing, 12) or 'none'}")
        print(f"  time     {r.seconds:.1f} s")
        print(f"  check    {reportlab_smoke_test(r.path)}")
    print(f"\ntotal {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
