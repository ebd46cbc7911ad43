"""giedit writes text operators itself (``pdf_ops``): byte for byte what reportlab's text object
wrote for the same calls, so pages are unchanged while ~700 runs a report skip its measuring."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from giedit.export import ExportOptions
from giedit.export.fonts import FontRole, pdf_fonts
from giedit.export.pdf_ops import begin, draw_string, end, show

FONTS = pdf_fonts(ExportOptions(fonts="shipped").font_mode)
BODY = FONTS.primary[FontRole.BODY]
# more than 256 distinct characters, so a run crosses from one of the font's subsets to the next
MANY = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 600) if FONTS.has(BODY, chr(c)))[:400]
TEXTS = ["政府信息公开工作年度报告", "0795-8745164 (a\\b)", "大塅镇（二）“引号”", MANY, MANY[::-1]]


def _canvas() -> Canvas:
    return Canvas(io.BytesIO(), initialFontName=BODY)


@pytest.mark.parametrize("text", TEXTS)
def test_a_string_is_written_as_draw_string_writes_it(text: str) -> None:
    theirs, ours = _canvas(), _canvas()
    theirs.setFont(BODY, 10.5, 13.125)
    theirs.drawString(12.5, 700.25, text)
    draw_string(ours, BODY, 10.5, 13.125, 12.5, 700.25, text)
    assert ours._code[-1] == theirs._code[-1]
    assert ours._doc.fontMapping == theirs._doc.fontMapping


@pytest.mark.parametrize("text", TEXTS)
def test_runs_in_several_fonts_are_written_as_the_text_object_writes_them(text: str) -> None:
    runs = FONTS.runs(text + "塅", FontRole.BODY)  # 塅: a fallback font's run
    assert len({font for font, _ in runs}) == 2
    theirs, ours = _canvas(), _canvas()
    t = theirs.beginText(100.0, 500.123456)
    t.setCharSpace(-0.25)
    for font, run in runs:
        t.setFont(font, 15.79)
        t.textOut(run)
    theirs.drawText(t)
    code = begin(100.0, 500.123456)
    code.append("-0.25 Tc")
    for font, run in runs:
        show(ours, font, 15.79, 15.79 * 1.2, run, code)
    end(ours, code)
    assert ours._code[-1] == theirs._code[-1]
