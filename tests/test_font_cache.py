"""The parsed-font cache makes a fresh export process faster, never its PDF different."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdf
import pytest

from giedit.export import ExportOptions, font_cache, fonts, pdf_bytes
from giedit.export.layout import BODY_PDF_PT, SIZE_2, SIZE_3, SIZE_5, SIZE_S4, SIZE_S5
from giedit.model import storage

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "2023-qingshan-zhen.giedit"
OPTIONS = ExportOptions(fonts="shipped")


def _fresh_process_fonts() -> None:
    """Forget the fonts registered in this process, as a new ``giedit export`` process would."""
    fonts._faces.clear()
    fonts._files.clear()
    fonts._resolve.cache_clear()


def _embedded(pdf: bytes) -> list[tuple[str, bytes, Any]]:
    """Per embedded font: its base name, the subset's TrueType bytes (the glyph outlines) and
    its glyph widths, in page order."""
    found = {}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            outlines = descriptor["/FontFile2"].get_object().get_data()
            widths = descendant.get("/W", descendant.get("/Widths"))
            found[str(font["/BaseFont"])] = (outlines, repr(widths))
    return [(name, *found[name]) for name in sorted(found)]


def test_cached_fonts_embed_the_same_glyphs_and_widths(monkeypatch: pytest.MonkeyPatch) -> None:
    report = storage.load(SAMPLE)
    _fresh_process_fonts()
    parsed = pdf_bytes(report, options=OPTIONS)
    entries = sorted(font_cache.folder().glob("*.marshal"))
    assert len(entries) == 4  # title, heading, subheading and body fonts, parsed and stored

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached font was parsed again")

    from reportlab.pdfbase.ttfonts import TTFont

    _fresh_process_fonts()
    monkeypatch.setattr(TTFont, "__init__", no_parsing)
    cached = pdf_bytes(report, options=OPTIONS)
    before, after = _embedded(parsed), _embedded(cached)
    assert len(before) >= 4
    assert after == before


def test_a_cached_font_is_the_parsed_one() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    path = fonts.shipped_dir() / fonts.FANG
    parsed = TTFont("a", str(path))
    first = font_cache.load_font("a", path)  # parses and stores
    cached = font_cache.load_font("a", path)  # reads the entry
    assert vars(cached).keys() == vars(parsed).keys() == vars(first).keys()
    assert cached.shapable == parsed.shapable and cached._asciiReadable == parsed._asciiReadable
    skip = {"_ttf_data", "_pdfScale", "_pos"}  # the data, a function, a read position
    views = {"charToGlyph", "charWidths", "hmetrics", "glyphPos"}  # read from arrays (font_tables)
    assert views <= vars(parsed.face).keys()
    for name in vars(parsed.face).keys() - skip - views:  # the rest as reportlab made it
        assert getattr(cached.face, name) == getattr(parsed.face, name), name
        assert type(getattr(cached.face, name)) is type(getattr(parsed.face, name)), name
    for name in ("charToGlyph", "charWidths"):  # every entry, in the parsed dict's order
        view, table = getattr(cached.face, name), getattr(parsed.face, name)
        assert list(view.items()) == list(table.items()), name
        assert len(view) == len(table) and 0x10FFFF not in view and view.get(-1, "none") == "none"
    assert list(cached.face.hmetrics) == parsed.face.hmetrics
    assert cached.face.hmetrics[-1] == parsed.face.hmetrics[-1]
    assert list(cached.face.glyphPos) == parsed.face.glyphPos
    # reportlab's C stringWidth needs a real dict: the cached font measures alike in Python
    for text in ("政府信息公开工作年度报告", "2024 年 0795-8745164", "塅\u3000—— ……", ""):
        for size in (SIZE_S5, SIZE_5, SIZE_S4, BODY_PDF_PT, SIZE_3, SIZE_2, 7.3):
            assert cached.stringWidth(text, size) == parsed.stringWidth(text, size), (text, size)
    assert cached.face.name.ustr == parsed.face.name.ustr
    assert cached.face._ttf_data[:] == parsed.face._ttf_data
    assert cached.face._pdfScale(500) == parsed.face._pdfScale(500)


def test_a_stale_or_damaged_entry_is_parsed_again(tmp_path: Path) -> None:
    source = fonts.shipped_dir() / fonts.FANG
    path = tmp_path / "fang.ttf"
    path.write_bytes(source.read_bytes())
    font_cache.load_font("b", path)
    entry, _ = font_cache._entry(path)
    entry.write_bytes(b"\x00not marshal")
    assert font_cache.load_font("b", path).face.charToGlyph[ord("政")]
    path.write_bytes(source.read_bytes() + b"\0" * 4)  # another file now: the key no longer fits
    assert font_cache.load_font("b", path).face.numGlyphs > 8000


@pytest.mark.parametrize("name", [fonts.FANG, fonts.KAI, fonts.SERIF_BOLD, fonts.SANS])
def test_a_cached_font_makes_reportlabs_subset_byte_for_byte(name: str) -> None:
    """The subsetter over the cached arrays (``font_subset``) writes the font file reportlab's
    does, composite glyphs (the 楷体's ¨ ´ ˊ ∕) and a character the font lacks included."""
    from reportlab.pdfbase.ttfonts import TTFont

    path = fonts.shipped_dir() / name
    parsed = TTFont("p", str(path)).face
    font_cache.load_font("c", path)
    cached = font_cache.load_font("c", path).face
    assert type(cached).makeSubset is not type(parsed).makeSubset  # the arrays' own subsetter
    text = "".join(dict.fromkeys(storage.load(SAMPLE).section("overview").paragraphs[0].text))
    for subset in (
        [0, *range(32, 127)],
        [0, 0xA8, 0xB4, 0x2CA, 0x2215, *map(ord, "政府信息公开塅"), 0x10FFFD],
        [ord(ch) for ch in text[:256]],
    ):
        assert cached.makeSubset(subset) == parsed.makeSubset(subset)


def test_a_table_view_answers_as_the_dict_it_was_made_from() -> None:
    """Code points past the BMP (a font with 𠀀, U+20000) and ones the font lacks included."""
    from giedit.export.font_tables import IntMap, Rows

    table = {0x20000: 7, 0x4E00: 0, 32: 500, 0x1F600: 65535, 0xFFFF: 3}
    view = IntMap.unpack(IntMap.pack(table))
    assert list(view.items()) == list(table.items()) and len(view) == 5
    for key in (0x20000, 0x4E00, 32, 0x1F600, 0xFFFF, 33, 0x20001, 0x110000, -1):
        assert view.get(key, "none") == table.get(key, "none")
        assert (key in view) == (key in table)
    assert view.values_of([32, 33, 0x20000, 0x20001, 0x4E00], -9) == [500, -9, 7, -9, 0]
    with pytest.raises(KeyError):
        view[33]
    rows = Rows.unpack(Rows.pack([(500, -20), (0, 0), (1000, 3)]))
    assert list(rows) == [(500, -20), (0, 0), (1000, 3)] and rows[-1] == (1000, 3)
    with pytest.raises(IndexError):
        rows[3]
