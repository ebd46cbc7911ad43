"""Reading published reports (DOCX, text) into giedit reports. Pure Python, no Qt.

The one entry point for the CLI and the editor's 导入 and 用上年报告新建 dialogs is
``import_file(path) -> ImportResult``; ``ImportFailed`` carries a one-line Chinese message
when the file is not an annual report or cannot be read.
"""

from __future__ import annotations

from pathlib import Path

from giedit.importers.document import read_document
from giedit.importers.docx_reader import docx_lines
from giedit.importers.result import ImportFailed, ImportNote, ImportResult, NoteKind
from giedit.importers.safety import MAX_FILE_BYTES, main_part, sniff
from giedit.importers.text_reader import decode_text, text_lines

__all__ = ["ImportFailed", "ImportNote", "ImportResult", "NoteKind", "import_bytes", "import_file"]

_UNSUPPORTED = {
    "doc": "是旧版 Word 文件（.doc）或已加密的文件，请在 Word 中“另存为”.docx 后再导入。",
    "pdf": "是 PDF 文件，暂不支持直接导入。请在 Word 中打开原文件后另存为 .docx，或复制全文保存为 .txt 再导入。",
    "rtf": "是 RTF 文件，请在 Word 中“另存为”.docx 后再导入。",
    "html": "是网页文件，请在浏览器中复制报告全文，保存为 .txt 后再导入。",
}


def import_file(path: str | Path) -> ImportResult:
    """Import a published report from a .docx or text file."""
    p = Path(path)
    name = f"「{p.name}」"
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailed(
                f"{name}过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不像是年度报告，已拒绝导入。"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"找不到文件{name}。") from None
    except IsADirectoryError:
        raise ImportFailed(f"{name}是文件夹，不是报告文件。") from None
    except OSError as err:
        raise ImportFailed(f"无法读取文件{name}：{err.strerror or err}。") from None
    return import_bytes(data, p.name)


def import_bytes(data: bytes, filename: str = "文件") -> ImportResult:
    """Import a published report given as bytes; the kind is told by content, not by name."""
    name = f"「{filename}」"
    kind = sniff(data)
    if kind in _UNSUPPORTED:
        raise ImportFailed(name + _UNSUPPORTED[kind])
    lines = (
        docx_lines(main_part(data, name), name)
        if kind == "docx"
        else text_lines(decode_text(data, name), name)
    )
    if not lines:
        raise ImportFailed(f"{name}是空文件，没有可导入的内容。")
    return read_document(lines, name, kind)
