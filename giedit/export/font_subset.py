"""The TrueType subset embedded for a cached font, read straight from its arrays and mapped file.

reportlab's ``TTFontFile.makeSubset`` reads the glyph offsets, metrics and glyph data one Python
call at a time; over the array views of a cached face (``font_tables``) each read is a method
call, and subsetting was the largest Python cost of a warm export (~5 ms for six subsets). This is
the same algorithm, step for step and table for table, reading the arrays and the mapped file
directly; the font file it writes is byte for byte reportlab's (``tests/test_font_cache.py``
compares the embedded fonts of a cached and a freshly parsed export).
"""

from __future__ import annotations

from contextlib import suppress
from struct import pack, unpack_from
from typing import Any

from reportlab.pdfbase.ttfonts import (
    GF_ARG_1_AND_2_ARE_WORDS,
    GF_MORE_COMPONENTS,
    GF_WE_HAVE_A_SCALE,
    GF_WE_HAVE_A_TWO_BY_TWO,
    GF_WE_HAVE_AN_X_AND_Y_SCALE,
    TTFontMaker,
    _set_ushort,
)


def _component_skip(flags: int) -> int:
    """Bytes after a composite glyph's component index: its offsets, then its transform."""
    skip = 4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2
    if flags & GF_WE_HAVE_A_SCALE:
        skip += 2
    elif flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
        skip += 4
    elif flags & GF_WE_HAVE_A_TWO_BY_TWO:
        skip += 8
    return skip


def make_subset(face: Any, subset: list[int], metrics: Any) -> bytes:
    """The font file of ``face`` holding the glyphs of the code points ``subset`` (in that order),
    as ``TTFontFile.makeSubset`` builds it; ``metrics`` is the flat (advance, side bearing) array."""
    cmap, offsets, data = face.charToGlyph, face.glyphPos, face._ttf_data
    glyph_map = [0]  # new glyph index -> old
    glyph_set = {0: 0}  # old glyph index -> new
    code_to_glyph = {}
    for code in subset:
        old = cmap.get(code, 0)
        if old not in glyph_set:
            glyph_set[old] = len(glyph_map)
            glyph_map.append(old)
        code_to_glyph[code] = glyph_set[old]

    start = face.get_table_pos("glyf")[0]
    n = 0
    while n < len(glyph_map):  # add the glyphs that composite glyphs are made of
        old = glyph_map[n]
        n += 1
        at = start + offsets[old]
        if offsets[old + 1] == offsets[old] or unpack_from(">h", data, at)[0] >= 0:
            continue
        at += 10
        flags = GF_MORE_COMPONENTS
        while flags & GF_MORE_COMPONENTS:
            flags, part = unpack_from(">HH", data, at)
            if part not in glyph_set:
                glyph_set[part] = len(glyph_map)
                glyph_map.append(part)
            at += 4 + _component_skip(flags)

    output = TTFontMaker()
    for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
        with suppress(KeyError):  # cvt, fpgm and prep are optional
            output.add(tag, face.get_table(tag))
    output.add("post", b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16)

    num_glyphs = len(glyph_map)
    hmtx = []
    for old in glyph_map:
        hmtx.append(int(metrics[2 * old]))
        hmtx.append(int(metrics[2 * old + 1]))
    n = len(hmtx) - 2  # the trailing run of equal advances is stored once
    while n and hmtx[n] == hmtx[n - 2]:
        n -= 2
    n += 2
    n_metrics = n >> 1
    hmtx = hmtx[:n] + hmtx[n + 1 :: 2]
    output.add("hmtx", pack(f">{len(hmtx)}H", *hmtx))
    output.add("hhea", _set_ushort(face.get_table("hhea"), 34, n_metrics))
    output.add("maxp", _set_ushort(face.get_table("maxp"), 4, num_glyphs))

    count = len(subset)
    cmap_table = [0, 1, 1, 0, 0, 12, 6, 10 + count * 2, 0, 0, count, *map(code_to_glyph.get, subset)]
    output.add("cmap", pack(f">{len(cmap_table)}H", *cmap_table))

    locations = []
    glyf = []
    pos = 0
    for old in glyph_map:
        locations.append(pos)
        begin, length = start + offsets[old], offsets[old + 1] - offsets[old]
        glyph = data[begin : begin + length]
        if length > 2 and unpack_from(">h", glyph)[0] < 0:  # composite: renumber its parts
            at = 10
            flags = GF_MORE_COMPONENTS
            while flags & GF_MORE_COMPONENTS:
                flags, part = unpack_from(">HH", glyph, at)
                glyph = _set_ushort(glyph, at + 2, glyph_set[part])
                at += 4 + _component_skip(flags)
        glyf.append(glyph)
        pos += length
        if pos % 4:
            glyf.append(b"\0" * (4 - pos % 4))
            pos += 4 - pos % 4
    locations.append(pos)
    output.add("glyf", b"".join(glyf))

    if (pos + 1) >> 1 > 0xFFFF:
        loc_format = 1
        output.add("loca", pack(f">{len(locations)}L", *locations))
    else:
        loc_format = 0
        output.add("loca", pack(f">{len(locations)}H", *(p >> 1 for p in locations)))
    output.add("head", _set_ushort(face.get_table("head"), 50, loc_format))
    return output.makeStream()
