"""Hostile, huge, damaged or wrong files: refused in bounded time with one Chinese sentence."""

from __future__ import annotations

import io
import os
import time
import zipfile
from functools import cache

import pytest
from docx_builder import build_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_fixtures import filled_report
from paths import SHARED

from giedit.importers import ImportFailed, import_bytes, import_file
from giedit.importers.encoding import MAX_TEXT_BYTES
from giedit.importers.safety import MAX_ENTRIES, MAX_PART_BYTES
from giedit.importers.source import MAX_LINES

TIME_LIMIT = 3.0  # seconds per file, on a slow CI machine
CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def _refused(data: bytes, *words: str) -> str:
    start = time.perf_counter()
    with pytest.raises(ImportFailed) as err:
        import_bytes(data, "x.docx")
    assert time.perf_counter() - start < TIME_LIMIT
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    for w in words:
        assert w in message
    return message


def test_billion_laughs_is_refused() -> None:
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    )
    _refused(_zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": lol}), "DTD")


def test_external_entity_is_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    _refused(_zip({"word/document.xml": xxe}), "DTD")


def test_utf16_doctype_is_refused_after_parsing() -> None:
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY x "y">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
    ).encode("utf-16")
    _refused(_zip({"word/document.xml": xml}), "DTD")


def test_zip_bomb_is_refused() -> None:
    bomb = b"<a>" + b" " * (MAX_PART_BYTES + 10) + b"</a>"
    _refused(_zip({"word/document.xml": bomb}), "过大")


def test_too_many_entries_are_refused() -> None:
    entries = {f"word/media/{i}.xml": b"x" for i in range(MAX_ENTRIES + 1)}
    _refused(_zip(entries), "文件数异常")


W_DOC = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>'


def test_too_many_paragraphs_or_cells_are_refused() -> None:
    paragraphs = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>" * (MAX_LINES + 1)
    _refused(_zip({"word/document.xml": W_DOC.format(paragraphs).encode()}), "过多")
    row = "<w:tbl><w:tr>" + "<w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc>" * 100_000 + "</w:tr></w:tbl>"
    _refused(_zip({"word/document.xml": W_DOC.format(row).encode()}), "单元格过多")


def test_huge_text_is_refused() -> None:
    _refused(("一、总体情况\n" * (MAX_TEXT_BYTES // 10)).encode(), "过大")
    _refused(("一、总体情况\n" * (MAX_LINES + 1)).encode(), "过多")


def test_deep_nesting_is_refused() -> None:
    deep = b"<a>" * 50_000 + b"</a>" * 50_000
    _refused(_zip({"word/document.xml": deep}), "损坏")


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"PK\x03\x04garbage" * 10, "损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为"),
        (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
        (b"{\\rtf1 hello}", "RTF"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "不像是"),
        (b"", "空文件"),
        (b"\x00\x01\x02\xff" * 100, "不是年度报告文档"),
        ("随便写的一段文字。".encode(), "不像是政府信息公开工作年度报告"),
    ],
)
def test_wrong_files_are_refused(data: bytes, word: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIEDIT_SOFFICE", "")  # the messages without LibreOffice (test_import_office has it)
    _refused(data, word)


def test_zip_without_document_is_refused() -> None:
    _refused(_zip({"hello.txt": b"hi"}), "是压缩包（zip），不是年度报告文档", "请先解压")


def test_missing_and_directory_paths(tmp_path) -> None:
    with pytest.raises(ImportFailed, match="找不到文件"):
        import_file(tmp_path / "nope.docx")
    with pytest.raises(ImportFailed, match="文件夹"):
        import_file(tmp_path)


# -- mutated inputs: nothing but ImportFailed escapes, each within the time bound -----------------


TEXT_SAMPLES = sorted((SHARED / "samples").glob("published-*/*.txt"))


@cache
def _text_sample(index: int) -> str:
    return TEXT_SAMPLES[index].read_text(encoding="utf-8")


@cache
def _docx_sample() -> bytes:
    return build_docx(filled_report(2024))


PIECES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议和行政诉讼情况",
    "五、存在问题及改进情况",
    "六、其他需要报告的事项",
    "第二十条第(一)项",
    "本年制发件数",
    "本年新\t制作数量",
    "规章",
    "行政规范性文件\t5\t1\t25",
    "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0 | 0 |",
    "一、本年新收政府信息公开申请数量",
    "四、结转下年度继续办理",
    "结果维持",
    "0",
    "\u00a012",
    "--253",
    "+3",
    "15.68万元",
    "—",
    "理",
    "该部分以表格形式报告。",
    "某某镇2023年政府信息公开工作年度报告",
    "2024年1月18日",
    "电话：0318-7621035",
    "",
]


def _survives(data: bytes) -> None:
    start = time.perf_counter()
    try:
        result = import_bytes(data, "mutated")
    except ImportFailed as err:
        assert str(err)
    else:
        assert result.report.year >= 1900
    assert time.perf_counter() - start < TIME_LIMIT


FUZZ_EXAMPLES = int(os.environ.get("GIEDIT_FUZZ_EXAMPLES", "60"))  # raise locally for a deeper run
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(
    sample=st.integers(0, len(TEXT_SAMPLES) - 1),
    cuts=st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 400)), max_size=6),
    inserts=st.lists(
        st.tuples(
            st.integers(0, 20_000),
            st.text(alphabet="0123456789一二三四五、（）()\t\n|_—-+.万元 \u00a0\u3000年理", max_size=12),
        ),
        max_size=8,
    ),
)
def test_mutated_text(sample: int, cuts: list[tuple[int, int]], inserts: list[tuple[int, str]]) -> None:
    text = _text_sample(sample)
    for at, n in cuts:
        at %= max(len(text), 1)
        text = text[:at] + text[at + n :]
    for at, piece in inserts:
        at %= max(len(text), 1)
        text = text[:at] + piece + text[at:]
    _survives(text.encode("utf-8"))


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_shuffled_report_pieces(pieces: list[str]) -> None:
    """Headings, labels, numbers and blank marks in any order and number."""
    _survives("\n".join(pieces).encode("utf-8"))


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=8),
    truncate=st.one_of(st.none(), st.integers(0, 10**7)),
)
def test_mutated_docx_bytes(flips: list[tuple[int, int]], truncate: int | None) -> None:
    data = bytearray(_docx_sample())
    for at, value in flips:
        data[at % len(data)] = value
    if truncate is not None:
        data = data[: truncate % len(data)]
    _survives(bytes(data))


@FUZZ
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 300)), max_size=5),
    junk=st.lists(
        st.tuples(
            st.integers(0, 10**6),
            st.sampled_from(
                ["<w:p>", "</w:tc>", "<w:tc>", "&amp;", "\u30000", '<w:gridSpan w:val="9"/>', "<w:vMerge/>"]
            ),
        ),
        max_size=5,
    ),
)
def test_mutated_docx_xml(cuts: list[tuple[int, int]], junk: list[tuple[int, str]]) -> None:
    """Mutations inside document.xml, re-zipped, reach the table reader instead of the zip layer."""
    with zipfile.ZipFile(io.BytesIO(_docx_sample())) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    for at, n in cuts:
        at %= len(xml)
        xml = xml[:at] + xml[at + n :]
    for at, piece in junk:
        at %= len(xml)
        xml = xml[:at] + piece + xml[at:]
    parts["word/document.xml"] = xml.encode("utf-8")
    _survives(_zip(parts))
