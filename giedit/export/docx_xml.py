"""Small WordprocessingML helpers that python-docx has no API for.

python-docx's ``font.name`` writes only w:ascii/w:hAnsi, so 汉字 would ignore it: every run and
style here gets w:eastAsia as well. Characters outside GB2312 in a run set in a *_GB2312 font are
given the GBK sibling family (仿宋, 楷体), which Windows always has, so Word never falls back to an
unrelated font for a name like 大塅镇.
"""

from __future__ import annotations

import re
from functools import cache

from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import oxml_parser
from lxml.etree import _Element

from giedit.export.fonts import Face

_NSMAP = {"w": nsmap["w"]}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"  # xml:space="preserve" keeps spaces


@cache
def _clark(name: str) -> str:
    return qn(name if ":" in name else f"w:{name}")


def el(tag: str, **attrs: str | int | float) -> _Element:
    """A new ``w:`` element; each keyword becomes a ``w:`` attribute (``val=2`` -> ``w:val="2"``).

    Built with python-docx's parser (so python-docx sees its own element classes) but without its
    per-call tag parsing: a document has tens of thousands of these.
    """
    e = oxml_parser.makeelement(_clark(tag), nsmap=_NSMAP)
    for k, v in attrs.items():
        e.set(_clark(k), str(v))
    return e


def set_fonts(rpr: _Element, family: str) -> None:
    """Name ``family`` for every script of a run or style (w:ascii, w:hAnsi, w:eastAsia, w:cs)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = el("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.attrib.clear()
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), family)


def run_props(family: str, size_pt: float, *, color: str | None = None, scale: int = 100) -> _Element:
    """A w:rPr with fonts, size, optionally a colour and a character width scale (percent),
    children in schema order."""
    rpr = el("w:rPr")
    set_fonts(rpr, family)
    if color:
        rpr.append(el("w:color", val=color))
    if scale != 100:
        rpr.append(el("w:w", val=scale))
    half_points = round(size_pt * 2)
    rpr.append(el("w:sz", val=half_points))
    rpr.append(el("w:szCs", val=half_points))
    return rpr


@cache
def _gbk_only(ch: str) -> bool:
    """Outside GB2312 but printable: a *_GB2312 font lacks it."""
    if not ch.isprintable():
        return False
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def font_runs(text: str, face: Face) -> list[tuple[str, str]]:
    """(family, chunk) runs: characters outside GB2312 go to the face's GBK sibling, if it has one."""
    if face.gbk_name is None or text.isascii():
        return [(face.name, text)]
    out: list[tuple[str, str]] = []
    start, current = 0, None
    for i, ch in enumerate(text):  # linear: each chunk is sliced once (issue 14)
        family = face.gbk_name if ch > "\x7f" and _gbk_only(ch) else face.name
        if family != current:
            if current is not None:
                out.append((current, text[start:i]))
            start, current = i, family
    if current is not None:
        out.append((current, text[start:]))
    return out


# What XML 1.0 cannot hold: C0 controls other than tab and line breaks, surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters a DOCX cannot store (a bell or form feed from a pasted or
    imported text); they print as nothing anyway, so dropping them loses nothing visible."""
    return _NOT_XML.sub("", text)


def add_text(
    p: _Element, text: str, face: Face, size_pt: float, *, color: str | None = None, scale: int = 100
) -> None:
    """Append ``text`` to paragraph element ``p`` as runs with explicit fonts; "\\n" is a line break."""
    for i, line in enumerate(text.split("\n")):
        if i:
            r = el("w:r")
            r.append(run_props(face.name, size_pt, color=color, scale=scale))
            r.append(el("w:br"))
            p.append(r)
        for family, chunk in font_runs(line, face):
            r = el("w:r")
            r.append(run_props(family, size_pt, color=color, scale=scale))
            t = el("w:t")
            t.text = xml_safe(chunk)
            t.set(XML_SPACE, "preserve")
            r.append(t)
            p.append(r)
