"""Every kind of published file giedit imports, built as found in the wild, checked cell by cell:
a portal page in GBK, giedit's own PDF, a PDF printed by LibreOffice from a Word report, a .doc
saved by LibreOffice, text in GBK/GB18030/UTF-16, and a copy in traditional characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_reports import filled
from import_fixtures import filled_report
from paths import SAMPLES
from published_files import SOFFICE, libreoffice, portal_page
from test_import_cases import as_text

from giedit.importers import ImportFailed, NoteKind, import_bytes, import_file
from giedit.importers.result import ImportResult
from giedit.model.report import Report
from giedit.model.storage import load

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI installs it)")


def _same_tables(result: ImportResult, original: Report) -> None:
    """Every cell of the format read back as it was written, none missing."""
    got = result.report
    assert got.format == original.format and got.year == original.year
    wrong = {
        cid: (original.cells.get(cid), got.cells.get(cid))
        for cid in original.definition.cells
        if got.cells.get(cid) != original.cells.get(cid)
    }
    assert wrong == {}
    assert not result.of_kind(NoteKind.UNREADABLE)


def _texts(report: Report, section: str) -> list[str]:
    return [p.text for p in report.text_of(section).paragraphs]


# -- web pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2020, 2024])
def test_portal_page_in_gbk(year: int) -> None:
    original = filled(year)  # 大塅镇: 塅 is GBK-only, the page says gb2312
    result = import_bytes(portal_page(original), "年报.html")
    _same_tables(result, original)
    r = result.report
    assert result.reader == "网页（HTML）" and result.encoding is not None and "GB18030" in result.encoding
    assert "编码 GB18030" in result.notes[0].message
    assert r.body.name == original.body.name
    assert r.date == original.date and r.signature == original.signature
    assert _texts(r, "overview")[0] == original.section("overview").paragraphs[0].text
    assert _texts(r, "problems") == _texts(original, "problems")
    assert r.text_of("active").extra == original.section("active").extra
    everything = " ".join(p.text for s in r.sections.values() for p in s.paragraphs)
    for chrome in (
        "版权所有",
        "ICP",
        "当前位置",
        "分享到",
        "打印",
        "相关链接",
        "首页",
        "设为首页",
        "document.write",
    ):
        assert chrome not in everything, chrome
    assert not any("版权所有" in (p.text) for p in r.preamble)


def test_portal_page_declared_utf8_and_a_lying_charset() -> None:
    original = filled(2024)
    _same_tables(import_bytes(portal_page(original, "utf-8", "utf-8"), "a.htm"), original)
    lying = import_bytes(portal_page(original, "utf-8", "gb2312"), "b.htm")  # UTF-8 bytes, says gb2312
    _same_tables(lying, original)
    assert lying.encoding == "UTF-8"


def test_html_export_round_trip_for_every_sample() -> None:
    """Until giedit has its own HTML export (issue 12), the page is built from the format
    definition the way that writer will build it: official merges, one table per section."""
    for path in sorted(SAMPLES.glob("*.giedit")):
        original = load(path)
        result = import_bytes(portal_page(original, "utf-8", "utf-8"), f"{path.stem}.html")
        _same_tables(result, original)
        assert result.report.body.name == original.body.name, path.name


def test_mhtml_web_archive() -> None:
    original = filled(2024)
    page = portal_page(original, "gb18030", "gb2312")
    import base64

    archive = (
        b"From: <Saved by Blink>\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        b"------B\r\nContent-Type: text/html; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(page)
        + b"\r\n------B--\r\n"
    )
    result = import_bytes(archive, "年报.mhtml")
    _same_tables(result, original)
    assert result.reader == "网页存档（MHTML）"


# -- PDF ----------------------------------------------------------------------------------------


def test_pdf_export_round_trip_for_every_sample(tmp_path: Path) -> None:
    from giedit.export import pdf_bytes

    for path in sorted(SAMPLES.glob("*.giedit")):
        original = load(path)
        result = import_bytes(pdf_bytes(original), f"{path.stem}.pdf")
        _same_tables(result, original)
        assert result.reader == "PDF 文字"
        assert result.report.body.name.startswith(original.body.name.removesuffix("人民政府")), path.name
        first = original.text_of("overview").paragraphs[0].text
        assert _texts(result.report, "overview")[0] == first, path.name  # lines joined into paragraphs


@needs_soffice
@pytest.mark.parametrize("year", [2020, 2024])
def test_pdf_printed_by_libreoffice_from_word(year: int, tmp_path: Path) -> None:
    from giedit.export import export_docx

    original = filled(year)
    docx = export_docx(original, tmp_path / "报告.docx")
    pdf = libreoffice(docx, "pdf", tmp_path / "out")
    assert pdf is not None
    result = import_file(pdf)
    _same_tables(result, original)
    assert result.report.body.name == original.body.name


def test_scanned_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.pdfgen import canvas

    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 280), "white").save(image)
    target = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(target))
    for _ in range(2):
        c.drawImage(str(image), 0, 0, 595, 842)
        c.showPage()
    c.save()
    with pytest.raises(ImportFailed, match="此PDF为扫描图片，无法读取文字"):
        import_file(target)


# -- .doc / .wps / .odt through LibreOffice -----------------------------------------------------


@needs_soffice
def test_doc_saved_by_libreoffice(tmp_path: Path) -> None:
    from giedit.export import export_docx

    original = filled(2024)
    doc = libreoffice(export_docx(original, tmp_path / "报告.docx"), "doc", tmp_path / "out")
    assert doc is not None and doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    result = import_file(doc)
    _same_tables(result, original)
    assert result.reader.startswith("LibreOffice 转换")
    wps = tmp_path / "报告.wps"  # a WPS file is the same OLE container
    wps.write_bytes(doc.read_bytes())
    assert "WPS" in import_file(wps).reader


def test_doc_without_libreoffice_says_save_as(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIEDIT_SOFFICE", "")
    target = tmp_path / "报告.wps"
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    with pytest.raises(ImportFailed) as err:
        import_file(target)
    assert "WPS" in str(err.value) and "另存为" in str(err.value) and ".docx" in str(err.value)


# -- text encodings and scripts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "shown"),
    [
        ("gbk", "GB18030"),
        ("gb18030", "GB18030"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("utf-8-sig", "UTF-8"),
    ],
)
def test_text_in_any_common_encoding(encoding: str, shown: str) -> None:
    original = filled_report(2024)
    original.body.name = "大塅镇人民政府"  # GBK-only character
    data = as_text(original).replace("青石县白水镇人民政府", "大塅镇人民政府").encode(encoding)
    result = import_bytes(data, "报告.txt")
    _same_tables(result, original)
    assert result.encoding is not None and shown in result.encoding
    assert result.report.body.name == "大塅镇人民政府"


def test_traditional_characters_are_matched_and_kept() -> None:
    from opencc import OpenCC

    original = filled_report(2024)
    traditional = OpenCC("s2twp").convert(as_text(original))  # 行政規範性檔案, 政府資訊公開
    assert "規章" in traditional and "檔案" in traditional
    result = import_bytes(traditional.encode("utf-8"), "繁體.txt")
    _same_tables(result, original)
    assert result.report.body.name == "青石县白水镇人民政府"  # matched and stored in simplified
    assert any("繁体" in n.message for n in result.of_kind(NoteKind.INFO))
    overview = _texts(result.report, "overview")
    assert overview[0] == OpenCC("s2twp").convert(original.section("overview").paragraphs[0].text)
