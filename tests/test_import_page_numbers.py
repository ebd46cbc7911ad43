"""Page numbers in an imported source (qa25 defect 2): a 「—3—」 after the date (a web page
LibreOffice made from the Word report, text copied from a PDF) was taken for the 落款, and the real
body name and date became paragraphs of 六. Page-number lines anywhere are page furniture: dropped
before the signature, the date and the tables are read, and never report text."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from import_fixtures import filled_report
from paths import SHARED
from published_files import SOFFICE, libreoffice, report_html

from giedit.export.layout import page_number_text
from giedit.importers import NoteKind, import_bytes, import_file
from giedit.importers.cells import is_page_number
from giedit.importers.result import ImportResult
from giedit.model.report import Report

WORD = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"
PDF_TEXT = SHARED / "samples" / "published-2020" / "000_a0d2e33a19df39b4.txt"  # ends with its 落款
PDF_BODY = "长春市双阳区双营子回族乡人民政府"
needs_samples = pytest.mark.skipif(
    not PDF_TEXT.exists(), reason="the shared samples are not beside the clone"
)

FORMS = [
    "—3—",
    "— 8 —",
    "-3-",
    "- 3 -",
    "第3页",
    "第 3 页 共 8 页",
    "第3页，共8页",
    "共8页 第3页",
    "3/8",
    "3 / 8",
]
FULL_WIDTH = ["－３－", "— ８ —", "第３页", "第 ３ 页 共 ８ 页", "３／８"]


@pytest.mark.parametrize("text", [*FORMS, *FULL_WIDTH, page_number_text(3), "\t— 8 —  "])
def test_page_number_forms(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize(
    "text", ["3", "9/8", "0/8", "2023/1/18", "第三页", "—", "3-", "第3页码", "共3页第8页", "12:30"]
)
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def _all_paragraphs(report: Report) -> list[str]:
    texts = [p.text for p in report.preamble]
    for section in report.sections.values():
        texts += [p.text for p in section.paragraphs] + list(section.extra)
    return texts


def _no_page_number_text(result: ImportResult) -> None:
    report = result.report
    assert not [t for t in _all_paragraphs(report) if is_page_number(t)]
    assert not is_page_number(report.signature or "")
    assert any("页码" in n.message for n in result.of_kind(NoteKind.IGNORED))


def _text_import(text: str) -> ImportResult:
    return import_bytes(text.encode("utf-8"), "年报.txt")


@needs_samples
@pytest.mark.parametrize("form", [*FORMS, *FULL_WIDTH])
def test_text_ending_in_a_page_number_keeps_its_signature(form: str) -> None:
    clean = _text_import(PDF_TEXT.read_text("utf-8"))
    result = _text_import(PDF_TEXT.read_text("utf-8") + f"\n\n{form}\n")
    report = result.report
    assert report.signature == PDF_BODY and report.body.name == PDF_BODY
    assert report.date == dt.date(2020, 12, 31)
    assert [p.text for p in report.section("other").paragraphs] == ["无。"]
    assert report.cells == clean.report.cells
    _no_page_number_text(result)


@needs_samples
def test_page_numbers_between_pages_are_dropped_everywhere() -> None:
    """A PDF's text copy: a page ends inside a paragraph, between two table rows, and between
    the 落款 and its date; the paragraph is joined again, the tables read as without them."""
    text = PDF_TEXT.read_text("utf-8")
    clean = _text_import(text)
    lines = text.split("\n")
    long_line = next(i for i, line in enumerate(lines) if len(line.strip()) > 80 and "政务公开" in line)
    cut = lines[long_line]
    lines[long_line] = cut[:40] + "\n— 2 —\n" + cut[40:]
    row = next(i for i, line in enumerate(lines) if line.strip() == "总计")
    lines.insert(row, "第 5 页 共 8 页")
    sign = next(i for i, line in enumerate(lines) if PDF_BODY in line)
    lines.insert(sign + 1, "- 8 -")
    result = _text_import("\n".join(lines))
    report = result.report
    assert report.cells == clean.report.cells
    assert (report.signature, report.date) == (PDF_BODY, dt.date(2020, 12, 31))
    assert _all_paragraphs(report) == _all_paragraphs(clean.report)
    _no_page_number_text(result)
    assert "3 处" in next(n.message for n in result.of_kind(NoteKind.IGNORED) if "页码" in n.message)


def test_plain_numbers_are_page_numbers_only_where_asked() -> None:
    """Word's default page number is a plain 「3」: one only in the narrative (a figure elsewhere)."""
    assert is_page_number("3", bare=True) and is_page_number(" １２ ", bare=True)
    assert not is_page_number("3") and not is_page_number("0", bare=True)
    assert not is_page_number("1234", bare=True) and not is_page_number("3件", bare=True)


@needs_samples
def test_plain_page_numbers_in_the_narrative_and_after_the_date() -> None:
    """Text copied from a PDF whose pages carry Word's plain page numbers."""
    text = PDF_TEXT.read_text("utf-8")
    clean = _text_import(text)
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "存在的主要问题及改进情况" in line)
    lines.insert(at + 2, "7")  # between the paragraph of 五 and the heading of 六
    result = _text_import("\n".join(lines) + "\n8\n")
    report = result.report
    assert report.cells == clean.report.cells
    assert (report.signature, report.date) == (PDF_BODY, dt.date(2020, 12, 31))
    assert _all_paragraphs(report) == _all_paragraphs(clean.report)
    assert "原文中的页码 2 处（「7」、「8」）" in " ".join(
        n.message for n in result.of_kind(NoteKind.IGNORED)
    )


def test_web_page_with_a_footer_page_number() -> None:
    """LibreOffice's web page of a Word file ends with the footer: 「— 3 —」 after the date."""
    original = filled_report(2024)
    original.date = dt.date(2025, 1, 18)
    footer = (
        '<div title="footer"><p align="center">\t— <span><sdfield type=PAGE>3</sdfield></span>\n\t—</p></div>'
    )
    page = f"<html><body>{report_html(original)}\n{footer}</body></html>"
    result = import_bytes(page.encode("utf-8"), "年报.html")
    report = result.report
    assert (report.signature, report.date) == (original.signature, original.date)
    assert [p.text for p in report.section("other").paragraphs] == ["本年度未收取信息处理费。"]
    _no_page_number_text(result)


def _pdf_last_page(path: Path) -> list[str]:
    """The lines of the PDF's last page as poppler's pdftotext reads them."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    last = next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", last, "-l", last, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


@pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None or not WORD.exists(),
    reason="needs LibreOffice, poppler's pdftotext and the Word sample",
)
def test_web_page_libreoffice_made_from_the_word_sample(tmp_path: Path) -> None:
    html = libreoffice(WORD, "html", tmp_path)
    assert html is not None and "sdfield" in html.read_text("utf-8", "replace")  # LibreOffice's page field
    result = import_file(html)
    report = result.report
    assert report.signature == "青峪县石河镇人民政府" == report.body.name
    assert report.date == dt.date(2023, 1, 18)
    other = [p.text for p in report.section("other").paragraphs]
    assert "青峪县石河镇人民政府" not in other and not any("2023年1月18日" in t for t in other)
    _no_page_number_text(result)
    assert any("落款：青峪县石河镇人民政府" in n.message for n in result.notes)

    from giedit.export import export_pdf

    pdf = export_pdf(report, tmp_path / "报告.pdf")
    last = _pdf_last_page(pdf)
    body_at = last.index("青峪县石河镇人民政府")
    assert last[body_at + 1] == "2023年1月18日"
    assert all(is_page_number(line) for line in last[body_at + 2 :])  # only the page's own number below
