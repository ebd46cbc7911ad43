"""Hostile inputs to the web-page, PDF and LibreOffice readers: one Chinese sentence, within a
time bound and without reading the whole of a huge file; and fuzzers over the new readers."""

from __future__ import annotations

import io
import resource
import time
import zipfile
import zlib
from functools import cache
from pathlib import Path

import pytest
from export_reports import filled
from hypothesis import given
from hypothesis import strategies as st
from published_files import SOFFICE, portal_page
from test_import_safety import FUZZ, TIME_LIMIT, _survives

from giedit.importers import ImportFailed, import_bytes, import_file

SLOW_LIMIT = 10.0  # seconds for a LibreOffice start or a 2,000-page PDF on a loaded 2-core machine


def _refused(data: bytes, filename: str, *words: str, limit: float = TIME_LIMIT) -> str:
    start = time.perf_counter()
    with pytest.raises(ImportFailed) as err:
        import_bytes(data, filename)
    assert time.perf_counter() - start < limit
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message and message.isascii() is False
    for w in words:
        assert w in message, message
    return message


def _pdf(objects: list[bytes], root: int = 1, broken_xref: bool = False) -> bytes:
    """A PDF file from numbered object bodies, with a correct (or a wrong) cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % ((off * 7 + 13) if broken_xref else off))
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    )
    return out.getvalue()


def test_two_thousand_page_pdf() -> None:
    pages = 2000
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    _refused(_pdf(objects), "年鉴.pdf", "2000 页", limit=SLOW_LIMIT)


def test_pdf_with_broken_xref_is_read_or_refused_in_time() -> None:
    from giedit.export import pdf_bytes

    data = bytearray(pdf_bytes(filled(2024)))
    at = data.rfind(b"startxref")
    data[at + 10 : at + 16] = b"999999"  # the cross-reference table is not where it says
    start = time.perf_counter()
    try:
        result = import_bytes(bytes(data), "broken.pdf")
        assert result.report.year == 2024  # pdfminer rebuilt the table by scanning the objects
    except ImportFailed as err:
        assert "PDF" in str(err)
    assert time.perf_counter() - start < SLOW_LIMIT
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page >>",
    ]
    _refused(_pdf(objects, broken_xref=True)[:-40], "broken2.pdf", "PDF")


def test_pdf_flate_bomb_is_refused_before_inflating() -> None:
    bomb = zlib.compress(b"\0" * (200 * 1024 * 1024), 9)  # 200 MB of zeros in about 200 KB
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
    ]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _refused(_pdf(objects), "bomb.pdf", "解压后过大")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 150


def test_encrypted_pdf_says_so(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    from giedit.export import pdf_bytes

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(filled(2024)))))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    _refused(out.getvalue(), "加密.pdf", "密码")


def test_deeply_nested_html() -> None:
    page = b"<html><body>" + b"<div><span>" * 50_000 + "一、总体情况".encode() + b"</span></div>" * 50_000
    _refused(page, "deep.html", "网页")


def test_hundred_megabyte_page_is_refused_without_reading_it(tmp_path: Path) -> None:
    target = tmp_path / "huge.html"
    with target.open("wb") as f:
        f.write(b"<!DOCTYPE html><html><body><p>" + "一、总体情况".encode() + b"</p>")
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(ImportFailed, match="过大"):
        import_file(target)
    assert time.perf_counter() - start < TIME_LIMIT
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 40  # read 8 MB at most


def test_not_a_regular_file(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(ImportFailed, match="不是普通文件"):
        import_file(fifo)


def _odt(content: bytes, compress: bool = True) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
    return out.getvalue()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI installs it)")
def test_office_bombs_are_refused_before_libreoffice_runs() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i else b"&lol;" * 10) for i in range(9)
        )
        + b"]><office:document-content>&lol8;</office:document-content>"
    )
    _refused(_odt(laughs), "laughs.odt", "DTD")
    _refused(_odt(b"<a>" + b" " * (300 * 1024 * 1024) + b"</a>"), "bomb.odt", "过大")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI installs it)")
def test_doc_that_is_really_a_docx_bomb() -> None:
    """A .doc name does not send a zip to LibreOffice: the content is a DOCX, read with its limits."""
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (100 * 1024 * 1024) + b"</w:document>")
    _refused(bomb.getvalue(), "报告.doc", "恶意")


# -- fuzzers over the new readers ---------------------------------------------------------------


@cache
def _page() -> str:
    return portal_page(filled(2024), "utf-8", "utf-8").decode("utf-8")


@cache
def _pdf_sample() -> bytes:
    from giedit.export import pdf_bytes

    return pdf_bytes(filled(2020))


@FUZZ
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 500)), max_size=6),
    junk=st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.sampled_from(
                [
                    "<td>",
                    "</td>",
                    "<tr>",
                    "</table>",
                    '<td rowspan="999999">',
                    '<td colspan="-3">',
                    "<br>",
                    "&nbsp;",
                    "<table>",
                    '<div style="display:none">',
                    "</div>",
                    "<!--",
                    "<script>",
                    "一、总体情况",
                    "规章",
                    "\t",
                    "12",
                ]
            ),
        ),
        max_size=8,
    ),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_mutated_web_page(cuts: list[tuple[int, int]], junk: list[tuple[int, str]], encoding: str) -> None:
    page = _page()
    for at, n in cuts:
        at %= len(page)
        page = page[:at] + page[at + n :]
    for at, piece in junk:
        at %= len(page)
        page = page[:at] + piece + page[at:]
    _survives(page.encode(encoding, errors="replace"))


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=8),
    truncate=st.one_of(st.none(), st.integers(0, 10**7)),
)
def test_mutated_pdf_bytes(flips: list[tuple[int, int]], truncate: int | None) -> None:
    data = bytearray(_pdf_sample())
    for at, value in flips:
        data[at % len(data)] = value
    if truncate is not None:
        data = data[: max(16, truncate % len(data))]
    _survives(bytes(data))
