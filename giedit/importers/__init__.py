"""Reading published reports (Word, web page, PDF, old Word/WPS, text) into giedit reports.
Pure Python, no Qt.

The one entry point for the CLI, the editor's 导入 and 用上年报告新建 dialogs and any batch
(``giedit review``) is ``import_file(path, year=None, body=None) -> ImportResult``. It picks the
reader by content, not by name (the name only tells .wps from .doc and an HTML fragment from
text):

=========  =====================================================================================
docx       the DOCX reader (``docx_reader``), bounded by ``safety``
doc, wps,  converted to DOCX by LibreOffice when it is installed (``office``), then as docx;
odt, rtf   otherwise a Chinese message asks the clerk to 另存为 .docx
pdf        ``pdf_reader`` (pdfplumber); a scan is refused with 「此PDF为扫描图片，无法读取文字」
html       ``html_reader`` (lxml); ``mhtml``: its first HTML part
text       ``text_reader``; the encoding from BOM, UTF-8 or detection (``encoding``)
=========  =====================================================================================

A file that is no report at all (a workbook, even one renamed .docx, a zip, a picture) is refused
saying what it is (``foreign``). Page numbers and the 草稿 stamp of a draft are dropped before the
document is read (``furniture``).

``year`` and ``body`` stand in for what the source does not print (or prints wrongly).
``ImportFailed`` carries a one-line Chinese message; ``NeedsYear`` (a subclass) says that the
only thing missing is the report year, so a caller can ask for it and try again;
``AlreadyGiedit`` (another) that the file is a giedit report already, to be opened instead. The result says
which reader and encoding were used (``ImportResult.reader``/``encoding``, and a note).
"""

from __future__ import annotations

from pathlib import Path

from giedit.importers.document import read_document
from giedit.importers.result import AlreadyGiedit, ImportFailed, ImportNote, ImportResult, NeedsYear, NoteKind
from giedit.importers.safety import read_capped, sniff
from giedit.importers.source import Line
from giedit.model.oserrors import read_failure
from giedit.model.storage import SUFFIX as GIEDIT_SUFFIX

__all__ = [
    "SUFFIXES",
    "AlreadyGiedit",
    "ImportFailed",
    "ImportNote",
    "ImportResult",
    "NeedsYear",
    "NoteKind",
    "import_bytes",
    "import_file",
]

# What the file dialogs offer (content decides in the end).
SUFFIXES = (".docx", ".doc", ".wps", ".odt", ".rtf", ".pdf", ".html", ".htm", ".mhtml", ".mht", ".txt")
READERS = {
    "docx": "Word 文档（.docx）",
    "pdf": "PDF 文字",
    "html": "网页（HTML）",
    "mhtml": "网页存档（MHTML）",
    "text": "纯文本",
}


def import_file(path: str | Path, year: int | None = None, body: str | None = None) -> ImportResult:
    """Import a published report from a file of any kind giedit reads (see the module docstring)."""
    p = Path(path)
    name = f"「{p.name}」"
    try:
        data = read_capped(p, name)
    except OSError as err:
        raise ImportFailed(read_failure(err, name)) from None
    return import_bytes(data, p.name, year=year, body=body)


def import_bytes(
    data: bytes, filename: str = "文件", year: int | None = None, body: str | None = None
) -> ImportResult:
    """Import a published report given as bytes; the kind is told by content, not by name."""
    name = f"「{filename}」"
    if _is_giedit(data, filename):
        raise AlreadyGiedit(f"{name}已经是 giedit 报告文件，不需要导入，请直接打开它。")
    lines, kind, reader, encoding = read_lines(data, filename)
    if not lines:
        raise ImportFailed(f"{name}是空文件，没有可导入的内容。")
    result = read_document(lines, name, kind, year=year, body=body)
    result.reader, result.encoding = reader, encoding
    shown = f"按{reader}读取" + (f"，编码 {encoding}" if encoding else "")
    result.notes.insert(0, ImportNote(NoteKind.INFO, shown))
    return result


def _is_giedit(data: bytes, filename: str) -> bool:
    """A .giedit file: the JSON envelope ``storage`` writes, or the name on a text file (a Word or
    PDF file misnamed .giedit is still imported)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{") and b'"file_format"' in head:
        return True
    return filename.lower().endswith(GIEDIT_SUFFIX) and sniff(data, filename) == "text"


def read_lines(data: bytes, filename: str) -> tuple[list[Line], str, str, str | None]:
    """The document as lines, with its kind, the reader used (Chinese) and the encoding."""
    name = f"「{filename}」"
    kind = sniff(data, filename)
    if kind in ("doc", "wps", "odt", "rtf"):
        from giedit.importers.foreign import ole_message
        from giedit.importers.office import KINDS, convert_to_docx

        if kind in ("doc", "wps") and (foreign := ole_message(data, name)) is not None:
            raise ImportFailed(foreign)  # a workbook LibreOffice would fail to turn into a .docx

        data = convert_to_docx(data, kind, name)
        lines, _, _, _ = read_lines(data, filename)
        return lines, "docx", f"LibreOffice 转换（{KINDS[kind]} → .docx）", None
    if kind == "docx":
        from giedit.importers.docx_reader import docx_lines, stamp_line
        from giedit.importers.safety import word_parts

        parts = word_parts(data, name)
        lines = docx_lines(parts.main, name)
        stamp = stamp_line(parts.headers)
        if stamp is not None:  # the header's 草稿: dropped again by the document, with a note
            lines.insert(0, stamp)
        return lines, kind, READERS[kind], None
    if kind == "pdf":
        from giedit.importers.pdf_reader import pdf_lines

        return pdf_lines(data, name), kind, READERS[kind], None
    if kind in ("html", "mhtml"):
        from giedit.importers.html_reader import decode_html, html_lines, mhtml_part

        if kind == "mhtml":
            data = mhtml_part(data, name)
        text, encoding = decode_html(data, name)
        return html_lines(text, name), "html", READERS[kind], encoding
    from giedit.importers.encoding import decode_text
    from giedit.importers.text_reader import text_lines

    text, encoding = decode_text(data, name)
    return text_lines(text, name), "text", READERS["text"], encoding
