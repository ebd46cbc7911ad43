"""The exported PDF: text, tables in grid order, embedded fonts, glyph coverage, metadata, stamp."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from export_reports import BODY, filled
from paths import SAMPLES
from pypdf import PdfReader

from giedit import __version__
from giedit.export import ExportOptions, export_pdf, pdf_bytes
from giedit.export.content import parts
from giedit.export.fonts import FontRole, pdf_fonts, shipped_dir
from giedit.export.grid import printed_table
from giedit.export.layout import DRAFT_STAMP, page_number_text
from giedit.export.pdf_writer import ROLE, build_pdf
from giedit.model.report import Report
from giedit.model.storage import load

SHIPPED = ExportOptions(fonts="shipped")
SAMPLE_FILES = sorted(SAMPLES.glob("*.giedit"))


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module", params=(2019, 2021))
def exported(request: pytest.FixtureRequest) -> tuple[Report, PdfReader]:
    report = filled(request.param)
    return report, PdfReader(io.BytesIO(build_pdf(report, options=SHIPPED)))


def _pages(reader: PdfReader) -> list[str]:
    return [_squash(p.extract_text()) for p in reader.pages]


def test_every_heading_and_paragraph_is_in_the_text(exported: tuple[Report, PdfReader]) -> None:
    report, reader = exported
    text = "".join(_pages(reader))
    for part in parts(report):
        if part.text:
            assert _squash(part.text) in text, part.text


def test_every_table_label_and_number_in_grid_order(exported: tuple[Report, PdfReader]) -> None:
    """Each table is drawn cell by cell in grid order, so its labels and numbers, concatenated in
    that order, appear as one run in the extracted text of its page."""
    report, reader = exported
    pages = _pages(reader)
    for table in report.definition.tables:
        spec = printed_table(report, table.id)
        cells = sorted(spec.cells, key=lambda c: (c.grid.row, c.grid.col))
        expected = _squash("".join(c.text for c in cells))
        assert any(expected in page for page in pages), table.id
        assert all(c.text for c in cells if c.grid.cell), "every value printed, 0 included"


def _fonts(reader: PdfReader) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def test_every_font_embedded_and_subset(exported: tuple[Report, PdfReader]) -> None:
    _report, reader = exported
    fonts = _fonts(reader)
    assert fonts
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+.+", name), name  # a subset tag
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name  # embedded
    assert not any("Helvetica" in n for n in fonts)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_embedded_subsets(tmp_path: Path) -> None:
    out = export_pdf(filled(2021), tmp_path / "r.pdf", draft=True, options=SHIPPED)
    lines = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rows = lines[2:]
    assert rows
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_metadata(exported: tuple[Report, PdfReader]) -> None:
    report, reader = exported
    meta = reader.metadata
    assert meta.title == report.display_title()
    assert meta.author == BODY
    assert f"giedit {__version__}" in meta.creator and f"giedit {__version__}" in meta.producer
    assert __version__ in meta.subject and report.definition.basis in meta["/Keywords"]
    assert meta.creation_date is not None


def test_a4_pages_with_numbers(exported: tuple[Report, PdfReader]) -> None:
    _report, reader = exported
    for n, page in enumerate(reader.pages, start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        assert _squash(page_number_text(n)) in _squash(page.extract_text())


def test_draft_stamp_on_every_page() -> None:
    report = filled(2021)
    draft = PdfReader(io.BytesIO(build_pdf(report, draft=True, options=SHIPPED)))
    final = PdfReader(io.BytesIO(build_pdf(report, options=SHIPPED)))
    assert all(DRAFT_STAMP in p.extract_text() for p in draft.pages)
    assert not any(DRAFT_STAMP in p.extract_text() for p in final.pages)


def _texts_set(report: Report, pages: int) -> list[tuple[str, FontRole]]:
    """Every text the PDF writer sets, with the role whose font it asks for."""
    out = [(p.text, ROLE[p.kind]) for p in parts(report) if p.text]
    for table in report.definition.tables:
        out += [(c.text, FontRole.BODY) for c in printed_table(report, table.id).cells]
    out += [(page_number_text(n), FontRole.PAGE_NUMBER) for n in range(1, pages + 1)]
    return [*out, (DRAFT_STAMP, FontRole.HEADING)]


def _assert_no_missing_glyph(report: Report) -> None:
    fonts = pdf_fonts("shipped")
    pages = len(PdfReader(io.BytesIO(build_pdf(report, draft=True, options=SHIPPED))).pages)
    for text, role in _texts_set(report, pages):
        for font, chunk in fonts.runs(text.replace("\n", ""), role):
            missing = [ch for ch in chunk if ord(ch) not in fonts.cmap(font)]
            assert not missing, (text, font, missing)


def test_shipped_fonts_only_come_from_resources() -> None:
    fonts = pdf_fonts("shipped")
    used = {*fonts.primary.values(), *fonts.fallback}
    assert {fonts.file(f).parent for f in used} == {shipped_dir()}


def test_no_missing_glyph_for_the_daduan_report() -> None:
    report = filled(2021, body=BODY)
    assert "塅" in report.display_title()
    _assert_no_missing_glyph(report)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_no_missing_glyph_in_any_sample(path: Path) -> None:
    _assert_no_missing_glyph(load(path))


def test_samples_are_there() -> None:
    assert any("塅" in load(p).body.name for p in SAMPLE_FILES), "sample 001 (大塅镇) is missing"


def test_fallback_font_sets_what_the_primary_lacks() -> None:
    """A character missing from the role's font is set in the first fallback font that has it."""
    fonts = pdf_fonts("shipped")
    kai, serif = fonts.primary[FontRole.SUBHEADING], fonts.fallback[0]
    lacking = next(
        (chr(cp) for cp in fonts.cmap(serif) if cp > 0x4E00 and cp not in fonts.cmap(kai)),
        None,
    )
    if lacking is None:
        pytest.skip("the shipped 楷体 covers everything the shipped 宋体 does")
    runs = fonts.runs(f"政务{lacking}公开", FontRole.SUBHEADING)
    assert runs == [(kai, "政务"), (serif, lacking), (kai, "公开")]
    assert not fonts.missing(f"政务{lacking}公开", FontRole.SUBHEADING)


def test_markup_characters_are_escaped() -> None:
    report = filled(2021)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(build_pdf(report, options=SHIPPED))).pages)
    assert "A&B<C>" in text


def test_pdf_bytes_for_the_preview() -> None:
    data = pdf_bytes(filled(2021), draft=True, options=SHIPPED)
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) >= 4


def test_body_lines_with_half_width_digits_are_justified() -> None:
    """reportlab justifies by word spaces only; lines of 汉字 with digits get character spacing."""
    report = load(SAMPLES / "2023-qingshan-zhen.giedit")
    reader = PdfReader(io.BytesIO(pdf_bytes(report, options=ExportOptions(fonts="shipped"))))
    streams = "".join(page.get_contents().get_data().decode("latin-1") for page in reader.pages)
    spacings = [float(v) for v in re.findall(r"(-?[\d.]+) Tc", streams)]
    widened = [v for v in spacings if v != 0]
    assert len(widened) > 10
    assert all(abs(v) <= 0.5 * 16 for v in widened)


def test_a_long_title_breaks_after_the_body_name() -> None:
    from giedit.export.content import title_text
    from giedit.model.report import new_report

    long = new_report(2023, "青山镇人民政府")
    assert title_text(long) == "青山镇人民政府\n2023年政府信息公开工作年度报告"
    short = new_report(2023, "某镇")
    assert "\n" not in title_text(short)
    odd = new_report(2023, "某某市某某区某某街道办事处")
    odd.title = "关于某某市某某区某某街道办事处2023年政府信息公开工作年度报告的公告"
    first, second = title_text(odd).split("\n")
    assert first + second == odd.title and len(first) <= 20 and len(second) <= 20


def test_an_export_process_never_loads_platypus(tmp_path: Path) -> None:
    """The PDF draws its tables on the canvas itself: importing reportlab's platypus layout engine
    cost ~45 ms of every ``giedit export`` process (issue 17)."""
    out = tmp_path / "r.pdf"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from giedit.export import ExportOptions, export_pdf\n"
        "from giedit.model.storage import load\n"
        f"export_pdf(load(Path({str(SAMPLE_FILES[0])!r})), Path({str(out)!r}), options=ExportOptions(fonts='shipped'))\n"
        "print(sorted(m for m in sys.modules if m.startswith('reportlab.platypus')))\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
    assert len(PdfReader(out).pages) >= 4  # and the PDF with its tables was written
