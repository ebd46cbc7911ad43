"""Plain text (copied from a web page or pulled out of a Word or PDF file) into lines.

Text from real reports comes in any of three shapes: one cell per line, a table row per line
with tab separators, or a "pipe table" (``规章 | 0 | 0 | 0 |``). The reader only splits lines and
cells; what they mean is decided by the table reader, which goes by labels.
"""

from __future__ import annotations

import re

from giedit.importers.source import MAX_LINES, Cell, Line, too_many_lines

_PIPE = re.compile(r"\s*[|｜]\s*")


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
            cells = tuple(Cell(c) for c in line.rstrip("\n").split("\t"))
            lines.append(Line(line, where, cells, positional=True))
        elif "|" in line or "｜" in line:
            fields = _PIPE.split(line.strip())
            # ``| 规章 | 0 | 0 | |``: the outer pipes only frame the row, the inner ones part fields
            if len(fields) > 1 and line.strip()[:1] in "|｜" and not fields[0]:
                fields = fields[1:]
            if len(fields) > 1 and line.strip()[-1:] in "|｜" and not fields[-1]:
                fields = fields[:-1]
            lines.append(Line(line, where, tuple(Cell(c) for c in fields), positional=True))
        else:
            lines.append(Line(line, where))
    if len(lines) > MAX_LINES:
        raise too_many_lines(name)
    return lines
