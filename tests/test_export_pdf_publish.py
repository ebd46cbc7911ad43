"""What makes the PDF publishable (issue 12): kinsoku in every line of every sample, the 仿宋-style
body font and the heavy title font embedded as subsets, bookmarks for the title and the six
sections, Info and XMP metadata, a glyph that no font has never silent; and the export time of a
long text (benchmarks/bench_export_scaling.py measures the slope)."""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from paths import SAMPLES
from pypdf import PdfReader

from giedit.export import ExportOptions, export_pdf
from giedit.export.fonts import FACES, FontRole, pdf_fonts, shipped_dir
from giedit.export.linebreak import CANNOT_END, CANNOT_START, break_lines
from giedit.export.pdf_writer import _Text, build_pdf, lay_out_report
from giedit.model.report import Paragraph
from giedit.model.storage import load

SHIPPED = ExportOptions(fonts="shipped")
SAMPLE_FILES = sorted(SAMPLES.glob("*.giedit"))


def _lines(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        s
        for page in reader.pages
        for line in page.extract_text().splitlines()
        if (s := "".join(line.split()))
    ]


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(sample: Path) -> None:
    report = load(sample)
    fonts = pdf_fonts("shipped")
    blocks, _boxes, _refs = lay_out_report(report, fonts)
    for block in blocks:
        if not isinstance(block, _Text):
            continue
        text = block.part.text
        for line in block.lines:
            chunk = text[line.start : line.end]
            if not chunk:
                continue
            if line.start > 0 and text[line.start - 1] != "\n":
                assert chunk[0] not in CANNOT_START, chunk
            if not line.hard:
                assert chunk[-1] not in CANNOT_END, chunk
    # and so in the file a reader gets (table cells included)
    for line in _lines(build_pdf(report, options=SHIPPED)):
        assert line[-1] not in CANNOT_END, line


def test_line_breaker_rules() -> None:
    def width(ch: str) -> float:
        return 5.0 if ch.isascii() else 10.0

    text = "甲乙丙丁戊己庚辛壬“癸”子丑，寅卯辰巳午未申酉戌亥，电话0795-8745164。……——完"
    for avail in range(60, 130, 10):  # columns at least as wide as the last unbreakable run
        lines = break_lines(text, width, avail, 10.0)
        assert "".join(text[ln.start : ln.end] for ln in lines).replace(" ", "") == text
        for a, b in itertools.pairwise(lines):
            assert text[b.start] not in CANNOT_START and text[a.end - 1] not in CANNOT_END
            assert not (text[a.end - 1] == text[b.start] and text[b.start] in "—…")
        full = [ln for ln in lines if not ln.hard]
        assert all(
            abs(ln.width + ln.spacing * (ln.end - ln.start - 1) - avail) < 1e-6 for ln in full if ln.spacing
        )
    phone = "电话0795-8745164，邮编336000"
    lines = break_lines(phone, width, 70, 10.0)
    assert [phone[ln.start : ln.end] for ln in lines] == ["电话", "0795-8745164，", "邮编336000"]


def test_body_is_fang_title_is_heavy_serif_all_embedded_as_subsets(tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = export_pdf(load(SAMPLES / "2024-tongxi-jiedao.giedit"), tmp_path / "r.pdf", options=SHIPPED)
    rows = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = {row.split()[0].split("+")[1] for row in rows}
    assert {"GieditFangSC-Regular", "GieditSerifSC-Bold", "GieditSansSC-Bold", "GieditKaiSC-Regular"} <= names
    assert all(row.split()[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # emb, sub, uni
    assert FACES[FontRole.BODY].shipped[0] == "GieditFangSC-Regular.ttf"
    assert not (shipped_dir() / "GieditSerifSC-Regular.ttf").exists()  # the light serif is gone


def test_outline_and_metadata() -> None:
    report = load(SAMPLES / "2025-baiyun-xiang.giedit")
    reader = PdfReader(io.BytesIO(build_pdf(report, options=SHIPPED)))
    outline = reader.outline
    assert outline[0].title == report.display_title()
    children = outline[1]
    assert [c.title for c in children] == [s.title for s in report.definition.sections]
    pages = [reader.get_destination_page_number(c) for c in children]
    assert pages == sorted(pages) and pages[0] == 0
    info = reader.metadata
    assert info.title == report.display_title() and info.author == report.body.name
    assert report.definition.basis in info["/Keywords"] and info.subject
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title["x-default"] == report.display_title()
    assert xmp.dc_creator == [report.body.name]
    assert xmp.dc_language == ["zh-CN"]
    assert xmp.pdf_keywords == info["/Keywords"]


def test_a_character_no_font_has_is_a_box_and_a_warning() -> None:
    """䶮 (U+4DAE) is in no shipped font: the PDF still exports (the check warns, G-W3)."""
    from giedit.checks import check

    report = load(SAMPLES / "2025-baiyun-xiang.giedit")
    report.section("overview").paragraphs.append(Paragraph(text="王䶮同志"))
    assert pdf_fonts("shipped").missing("王䶮", FontRole.BODY) == {"䶮"}
    found = [f for f in check(report) if f.rule == "G-W3"]
    assert len(found) == 1 and "U+4DAE" in found[0].message and "第" in found[0].message
    assert build_pdf(report, options=SHIPPED)
