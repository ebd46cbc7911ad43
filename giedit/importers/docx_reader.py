"""A DOCX body into lines: paragraphs in order, and each table row as its real grid cells.

python-docx's ``row.cells`` repeats a merged cell once per grid column it covers, which would
read a merged value three times. The row is read from its ``w:tc`` elements instead: a cell
spanning columns (``w:gridSpan``) is one cell at its first grid column, and a vertically merged
continuation (``w:vMerge`` without ``restart``) is skipped. Deleted revisions and hidden text are
not part of the published report and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from giedit.importers.furniture import is_draft_stamp
from giedit.importers.result import ImportFailed
from giedit.importers.source import MAX_LINES, Cell, Line, too_many_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_CELLS = 2 * MAX_LINES  # table cells in the whole document (a report has a few hundred)
_WRAPPERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}smartTag")


class _Budget:
    """Counts what the reader has taken, and refuses a document far larger than any report."""

    def __init__(self, name: str) -> None:
        self.name, self.lines, self.cells = name, 0, 0

    def line(self) -> None:
        self.lines += 1
        if self.lines > MAX_LINES:
            raise too_many_lines(self.name)

    def cell(self) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise ImportFailed(
                f"{self.name}的表格单元格过多（超过 {MAX_CELLS} 个），不像是年度报告，已拒绝导入。"
            )


def docx_lines(root: etree._Element, name: str) -> list[Line]:
    """Every paragraph and table row of the document body, in reading order."""
    body = root.find(f"{W}body")
    lines: list[Line] = []
    if body is not None:
        _walk(body, lines, {"p": 0, "tbl": 0}, _Budget(name))
    return lines


def stamp_line(headers: list[etree._Element]) -> Line | None:
    """The 草稿 stamp a draft carries in its page header, as a line above the title: the body
    never prints it, so without this the import could not tell the clerk the source was a draft."""
    for header in headers:
        for p in header.iter(f"{W}p"):
            text = paragraph_text(p)
            if is_draft_stamp(text):
                return Line(text, "页眉")
    return None


def _walk(parent: etree._Element, lines: list[Line], counter: dict[str, int], budget: _Budget) -> None:
    for child in parent:
        if child.tag == f"{W}p":
            counter["p"] += 1
            for part in paragraph_text(child).split("\n"):
                if part.strip():
                    budget.line()
                    lines.append(Line(part, f"第{counter['p']}段"))
            if _has_picture(child):  # a table pasted as a picture is one, in a paragraph
                budget.line()
                lines.append(Line("", f"第{counter['p']}段（图片）", image=True))
        elif child.tag == f"{W}tbl":
            counter["tbl"] += 1
            grid = len(child.findall(f"{W}tblGrid/{W}gridCol")) or None
            for r, tr in enumerate(_rows(child), 1):
                budget.line()
                cells = tuple(_row_cells(tr, budget))
                text = "\t".join(c.text for c in cells)
                lines.append(Line(text, f"第{counter['tbl']}个表格第{r}行", cells, exact=True, grid=grid))
        elif child.tag in _WRAPPERS:
            _walk(child, lines, counter, budget)


def _has_picture(p: etree._Element) -> bool:
    """A drawing (inline or floating picture), a VML picture or an embedded object."""
    return any(True for _ in p.iter(f"{W}drawing", f"{W}pict", f"{W}object"))


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows (a table nested in a cell is read as that cell's text)."""
    for child in tbl:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _rows(child)


def _row_cells(tr: etree._Element, budget: _Budget) -> Iterator[Cell]:
    col = _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
    for tc in tr.iterchildren(f"{W}tc", f"{W}sdt"):
        budget.cell()
        if tc.tag == f"{W}sdt":  # a content control wrapping cells
            inner = tc.find(f"{W}sdtContent/{W}tc")
            if inner is None:
                continue
            tc = inner
        span = max(1, _int(tc.find(f"{W}tcPr/{W}gridSpan"), 1))
        vmerge = tc.find(f"{W}tcPr/{W}vMerge")
        if vmerge is None or vmerge.get(f"{W}val") == "restart":
            yield Cell(cell_text(tc), col)
        col += span


def _int(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(f"{W}val", default))
    except ValueError:
        return default


def cell_text(tc: etree._Element) -> str:
    """A cell's paragraphs joined by line breaks (header cells are often broken over lines)."""
    parts = [paragraph_text(p) for p in tc.iter(f"{W}p")]
    return "\n".join(p for p in parts if p)


def paragraph_text(p: etree._Element) -> str:
    out: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if _hidden(el):
            continue
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}tab":
            out.append(" ")
        elif el.tag == f"{W}noBreakHyphen":
            out.append("-")
        elif el.get(f"{W}type") in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _hidden(el: etree._Element) -> bool:
    """Deleted revisions and runs formatted as hidden are not printed."""
    run = el.getparent()
    if run is None:
        return False
    if run.getparent() is not None and run.getparent().tag in (f"{W}del", f"{W}moveFrom"):
        return True
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(f"{W}val") not in ("0", "false")
