"""Whether a unit sent a draft: the 草稿 mark giedit (or the clerk's own word processor) puts on it.

The importers read the report's content and leave the page furniture out, so a draft exported
with ``--draft`` reads exactly like a final report: its tables and text may be flawless. Only the
file itself says it is a draft: giedit's writers put ``DRAFT_STAMP`` in the page header (DOCX,
PDF), as the first line of the page (HTML, and any PDF printed from a Word draft) and in the
document's keywords or category (DOCX, PDF). This module looks there, and nowhere in the text,
so a report that merely mentions a 草稿 (征求意见稿, a draft regulation) is not taken for one.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from giedit.export.layout import DRAFT_STAMP
from giedit.model.rule_ids import N_E2

# A draft is reported under the rule that refuses a final export while giedit's own marks are in
# the report (N-E2): the stamp is the mark ``--draft`` adds instead of refusing.
RULE = N_E2
MESSAGE = (
    f"报送的文件是草稿（带有“{DRAFT_STAMP}”标记），不能作为正式报告发布："
    "请改正全部错误后导出正式版本（不加“草稿”），重新报送"
)
MAX_PART_BYTES = 4 * 1024 * 1024  # a header or properties part is a few KB
HEAD_LINES = 3  # a stamp above the title: the first lines of the first page
_TAG = re.compile(rb"<[^>]+>")
_HTML_BODY = re.compile(rb"<body[^>]*>(.*)", re.S | re.I)
_HTML_STYLE = re.compile(rb"<(script|style|head|title)\b.*?</\1>", re.S | re.I)


def _is_stamp(line: str) -> bool:
    return line.strip().strip("【】[]（）()") == DRAFT_STAMP


def _docx_draft(data: bytes) -> bool:
    """A header reading only 草稿, or 草稿 as the document's category or among its keywords."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                name = info.filename
                if info.file_size > MAX_PART_BYTES:
                    continue
                if re.fullmatch(r"word/header\d*\.xml", name):
                    text = _TAG.sub(b"", z.read(name)).decode("utf-8", "replace")
                    if _is_stamp(text):
                        return True
                elif name == "docProps/core.xml":
                    xml = z.read(name).decode("utf-8", "replace")
                    for field in ("cp:category", "cp:keywords"):
                        m = re.search(f"<{field}>([^<]*)</{field}>", xml)
                        if m and DRAFT_STAMP in re.split(r"[;；,，\s]+", m.group(1)):
                            return True
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return False
    return False


def _pdf_draft(data: bytes) -> bool:
    """草稿 among the keywords, or alone on one of the first lines of the first page."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return False
    try:
        keywords = pdf.get_metadata_dict().get("Keywords", "")
        if DRAFT_STAMP in re.split(r"[;；,，\s]+", keywords):
            return True
        if len(pdf) == 0:
            return False
        page = pdf[0]
        text = page.get_textpage().get_text_range()
        lines = [line for line in text.splitlines() if line.strip()]
        return any(_is_stamp(line) for line in lines[:HEAD_LINES])
    except pdfium.PdfiumError:
        return False
    finally:
        pdf.close()


def _html_draft(data: bytes) -> bool:
    """The page's first line of text reads only 草稿 (giedit's stamp above the title)."""
    body = _HTML_BODY.search(data)
    markup = _HTML_STYLE.sub(b"", body.group(1) if body else data)
    for chunk in re.split(rb"<(?:p|div|h\d|br|tr)\b[^>]*>", markup, flags=re.I):
        text = _TAG.sub(b"", chunk).decode("utf-8", "replace").strip()
        if text:
            return _is_stamp(text)
    return False


def _text_draft(data: bytes) -> bool:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data[:4096].decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    return any(_is_stamp(line) for line in lines[:HEAD_LINES])


def is_draft(path: str | Path) -> bool:
    """Whether the published file carries the draft mark; False when it cannot tell."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    if data.startswith(b"%PDF"):
        return _pdf_draft(data)
    if data.startswith(b"PK"):
        return _docx_draft(data)
    head = data[:2048].lower()
    if b"<html" in head or b"<body" in head or b"<div" in head or b"<!doctype" in head:
        return _html_draft(data)
    return _text_draft(data)
