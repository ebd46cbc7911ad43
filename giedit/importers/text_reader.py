"""Plain text (copied from a web page or pulled out of a Word or PDF file) into lines.

Text from real reports comes in any of three shapes: one cell per line, a table row per line
with tab separators, or a "pipe table" (``规章 | 0 | 0 | 0 |``). The reader only splits lines and
cells; what they mean is decided by the table reader, which goes by labels.
"""

from __future__ import annotations

import re

from giedit.importers.result import ImportFailed
from giedit.importers.source import MAX_LINES, Cell, Line, too_many_lines

MAX_TEXT_BYTES = 4 * 1024 * 1024  # a long report's text is a few hundred KB

_PIPE = re.compile(r"\s*[|｜]\s*")


def decode_text(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (old Windows files)."""
    if len(data) > MAX_TEXT_BYTES:
        raise ImportFailed(
            f"{name}过大（超过 {MAX_TEXT_BYTES // 1024 // 1024} MB），不像是年度报告，已拒绝导入。"
        )
    candidates = ["utf-16"] if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ["utf-8-sig", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise ImportFailed(f"{name}不是可识别的文本文件（编码无法识别或含有二进制内容）。")


def text_lines(text: str, name: str) -> list[Line]:
    """Split text into lines; leading ``#`` comment lines (sample headers) are skipped."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(raw) > 2 * MAX_LINES:  # blank lines count half: one-cell-per-paragraph text doubles them
        raise too_many_lines(name)
    lines: list[Line] = []
    at_start = True
    for number, line in enumerate(raw, 1):
        if at_start and line.startswith("#"):
            continue
        if line.strip():
            at_start = False
        else:
            continue
        where = f"第{number}行"
        if "\t" in line:
            cells = tuple(Cell(c) for c in line.split("\t"))
            lines.append(Line(line, where, cells))
        elif "|" in line or "｜" in line:
            cells = tuple(Cell(c) for c in _PIPE.split(line))
            lines.append(Line(line, where, cells))
        else:
            lines.append(Line(line, where))
    if len(lines) > MAX_LINES:
        raise too_many_lines(name)
    return lines
