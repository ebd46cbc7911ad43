"""A text PDF (as Word, WPS, LibreOffice or giedit print it) into lines and table rows.

PDF text comes as positioned glyphs in any order, through font encodings and ToUnicode maps,
and a table is only a set of strokes: neither is worth reading by hand. PDFium (pypdfium2,
Google's PDF engine, fuzzed continuously) gives every character with its box and every path
with its segments, fast: a 20-page report in a fraction of a second, where pdfminer (under
pdfplumber) took about 4 s. pdfplumber's ruled-table algorithm (``pdfplumber.table``: snapping
and joining the strokes, intersections, cells, merged cells) then turns the strokes into cell
grids. On top of that this module:

- puts the characters of each ruled table into its grid cells: a cell spanning columns is one
  cell at its first grid column, a cell continued from the row above is not repeated, an empty
  cell is a blank value; each table row is an exact ``Line``, like a Word row. A table broken
  over pages is two tables whose rows follow each other, which the table reader joins.
- sorts the remaining characters into printed lines, drops page numbers and running heads, and
  joins the lines of a paragraph (a line that runs to the right edge continues on the next,
  also across pages).

Bounded: file size, page count, characters per page, the size every compressed stream expands
to (checked before PDFium inflates anything: a "flate bomb" would otherwise fill the memory),
and a time limit checked between pages. A PDF without any text is a scan and says so.
"""

from __future__ import annotations

import ctypes
import re
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from statistics import median
from typing import Any

from giedit.importers.cells import is_page_number
from giedit.importers.furniture import is_draft_stamp
from giedit.importers.result import ImportFailed
from giedit.importers.source import MAX_LINES, Cell, Line, too_many_lines

MAX_PDF_BYTES = 64 * 1024 * 1024
MAX_PAGES = 300  # a report is 5–30 pages; a yearbook is not a report
MAX_CHARS_PER_PAGE = 20_000  # a dense A4 page holds about 2,000
MAX_STREAM_BYTES = 64 * 1024 * 1024  # one stream, inflated
MAX_INFLATED_BYTES = 256 * 1024 * 1024  # all streams together
FULL_LINE_CHARS = 15  # lines this long tell where the text block's edges are
MARGIN = 0.1  # running heads and feet sit in the top and bottom tenth of a page
TIME_LIMIT = 30.0  # seconds; a 20-page report takes well under two
SCANNED = (
    "{name}：此PDF为扫描图片，无法读取文字。请找到原始的 Word 文件，或把文字复制出来保存为 .txt 后再导入。"
)

_STREAM = re.compile(rb"stream\r?\n")
MIN_FONT_SIZE = 3.0
EDGE_SLACK = 1.0  # points a ruling line may lean and still count as straight
MAX_EDGES = 20_000  # per page; a report's tables have a few hundred
MAX_SEGMENTS = 10_000  # per path
MIN_IMAGE_PT = 72  # a narrower picture (an icon, a logo) is not a table


@dataclass
class _Row:
    """A printed line or a table row of one page, before lines are joined into paragraphs."""

    top: float
    x0: float
    x1: float
    text: str
    size: float
    cells: tuple[Cell, ...] | None = None
    grid: int | None = None
    table: int = 0
    page: int = 0
    margin: bool = False  # in the top or bottom tenth of the page: where running heads sit
    image: bool = False  # a picture: where a table should be, the table may be a picture


def pdf_lines(data: bytes, name: str) -> list[Line]:
    """Every paragraph and table row of the PDF in reading order; ``ImportFailed`` in Chinese."""
    if len(data) > MAX_PDF_BYTES:
        raise ImportFailed(
            f"{name}过大（超过 {MAX_PDF_BYTES // 1024 // 1024} MB），不像是年度报告，已拒绝导入。"
        )
    check_streams(data, name)
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    deadline = time.monotonic() + TIME_LIMIT
    rows: list[_Row] = []
    images = 0
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if getattr(err, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise ImportFailed(f"{name}已加密（设有打开密码），无法读取。请取消密码后再导入。") from None
        raise ImportFailed(f"{name}已损坏，无法作为 PDF 读取。") from None
    try:
        pages = len(pdf)
        if pages > MAX_PAGES:
            raise ImportFailed(f"{name}有 {pages} 页（超过 {MAX_PAGES} 页），不像是年度报告，已拒绝导入。")
        tables = 0
        for n in range(pages):
            if time.monotonic() > deadline:
                raise ImportFailed(f"{name}处理时间过长（超过 {TIME_LIMIT:.0f} 秒），已停止导入。")
            page = pdf[n]
            try:
                chars, edges, pictures = _contents(page, raw)
                if len(chars) > MAX_CHARS_PER_PAGE:
                    raise ImportFailed(f"{name}第 {n + 1} 页文字过多，不像是年度报告，已拒绝导入。")
                page_rows, found = _page(chars, edges, page.get_height(), n + 1, tables)
            finally:
                page.close()
            tables += found
            images += len(pictures)
            page_rows += [_Row(top, x0, x1, "", 0, page=n + 1, image=True) for top, x0, x1 in pictures]
            page_rows.sort(key=lambda r: r.top)
            rows.extend(page_rows)
            if len(rows) > MAX_LINES:
                raise too_many_lines(name)
    except pdfium.PdfiumError:
        raise ImportFailed(f"{name}已损坏，无法作为 PDF 读取。") from None
    finally:
        pdf.close()
    if not any(r.text.strip() for r in rows):
        if images:
            raise ImportFailed(SCANNED.format(name=name))
        raise ImportFailed(f"{name}中没有可读取的文字（可能是扫描件或空白文件）。")
    return _join(rows)


def _contents(
    page: Any, raw: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[float, float, float]]]:
    """The page's characters (top-down coordinates, as pdfplumber's), ruling edges, and the
    images (top, left, right) large enough to be a table."""
    height = page.get_height()
    text = page.get_textpage()
    chars: list[dict[str, Any]] = []
    try:
        last: dict[str, Any] | None = None
        for i in range(text.count_chars()):
            if raw.FPDFText_IsGenerated(text.raw, i) == 1:
                continue  # spaces and line ends PDFium made up; gaps are judged below
            code = raw.FPDFText_GetUnicode(text.raw, i)
            ch = chr(code) if 0 < code < 0x110000 else ""
            if not ch or ch in "\r\n\x00\ufffe\uffff":
                continue
            left, bottom, right, top = text.get_charbox(i, loose=True)
            if not ch.strip():  # a printed space: placed on the line of the character before it
                if last is not None:
                    chars.append({**last, "text": " ", "x0": last["x1"], "x1": max(last["x1"], right)})
                continue
            size = raw.FPDFText_GetFontSize(text.raw, i)
            if size < MIN_FONT_SIZE:  # text drawn at size 1 and scaled by its matrix
                size = max(top - bottom, MIN_FONT_SIZE)
            last = {
                "text": ch,
                "x0": left,
                "x1": right,
                "top": height - top,
                "bottom": height - bottom,
                "size": size,
            }
            chars.append(last)
    finally:
        text.close()
    edges: list[dict[str, Any]] = []
    images: list[tuple[float, float, float, float, float]] = []  # top, left, right, width, height
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE), max_depth=2):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            images.append((height - top, left, right, right - left, top - bottom))
        else:
            edges.extend(_path_edges(obj, raw, height))
        if len(edges) > MAX_EDGES:
            break
    return (
        chars,
        edges,
        [(t, x0, x1) for t, x0, x1, w, h in images if w >= MIN_IMAGE_PT and h >= MIN_IMAGE_PT / 2],
    )


def _path_edges(obj: Any, raw: Any, height: float) -> Iterator[dict[str, Any]]:
    """The horizontal and vertical straight segments of a path, in top-down page coordinates."""
    m = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for j in range(min(raw.FPDFPath_CountSegments(obj.raw), MAX_SEGMENTS)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, j)
        if not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (m.a * x.value + m.c * y.value + m.e, height - (m.b * x.value + m.d * y.value + m.f))
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO or prev is None:
            start = point
        elif kind == raw.FPDF_SEGMENT_LINETO:
            yield from _edge(prev, point)
        prev = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            yield from _edge(point, start)
            prev = start


def _edge(a: tuple[float, float], b: tuple[float, float]) -> Iterator[dict[str, Any]]:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) <= EDGE_SLACK and abs(x0 - x1) > EDGE_SLACK:
        left, right = sorted((x0, x1))
        yield {
            "orientation": "h",
            "x0": left,
            "x1": right,
            "top": y0,
            "bottom": y0,
            "width": right - left,
            "height": 0,
        }
    elif abs(x0 - x1) <= EDGE_SLACK and abs(y0 - y1) > EDGE_SLACK:
        top, bottom = sorted((y0, y1))
        yield {
            "orientation": "v",
            "x0": x0,
            "x1": x0,
            "top": top,
            "bottom": bottom,
            "width": 0,
            "height": bottom - top,
        }


def _tables(edges: list[dict[str, Any]]) -> list[Any]:
    """pdfplumber's ruled-table finder on the page's edges (its default tolerances)."""
    from pdfplumber import table as T

    if not edges:
        return []
    merged = T.merge_edges(edges, 3, 3, 3, 3)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
    cells = T.intersections_to_cells(T.edges_to_intersections(merged, 3, 3))
    return [T.Table(None, group) for group in T.cells_to_tables(cells) if len(group) > 1]


def check_streams(data: bytes, name: str) -> None:
    """Refuse a PDF whose compressed streams would inflate beyond the limits, before pdfminer
    inflates them whole. Streams that are not plain Flate (encrypted, other filters) are skipped:
    pdfminer reads those without inflating them to more than their own size."""
    total = 0
    bomb = ImportFailed(f"{name}内部的压缩数据异常（解压后过大），疑似恶意文件，已拒绝导入。")
    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            break
        d = zlib.decompressobj()
        try:
            out = d.decompress(data[m.end() : end], MAX_STREAM_BYTES + 1)
        except zlib.error:
            continue
        size = len(out)
        if size > MAX_STREAM_BYTES or d.unconsumed_tail:
            raise bomb
        total += size
        if total > MAX_INFLATED_BYTES:
            raise bomb


def _page(
    chars: list[dict[str, Any]], edges: list[dict[str, Any]], height: float, number: int, first_table: int
) -> tuple[list[_Row], int]:
    rows: list[_Row] = []
    taken: set[int] = set()
    tables = _tables(edges)
    for t, table in enumerate(tables, first_table + 1):
        grid = max(len(r.cells) for r in table.rows) if table.rows else 0
        near = [i for i, c in enumerate(chars) if _within(c, table.bbox)]
        for row in table.rows:
            cells: list[Cell] = []
            for col, bbox in enumerate(row.cells):
                if bbox is None:
                    continue
                inside = [i for i in near if i not in taken and _within(chars[i], bbox)]
                taken.update(inside)
                cells.append(Cell(_cell_text([chars[i] for i in inside]), col))
            if cells:
                text = "\t".join(c.text for c in cells)
                rows.append(
                    _Row(row.bbox[1], row.bbox[0], row.bbox[2], text, 0, tuple(cells), grid, t, number)
                )
    free = [c for i, c in enumerate(chars) if i not in taken]
    for line in _lines(free):
        text = _line_text(line)
        if is_page_number(text):
            continue
        size = median(c["size"] for c in line)
        top = line[0]["top"]
        rows.append(
            _Row(
                top,
                min(c["x0"] for c in line),
                max(c["x1"] for c in line),
                text,
                size,
                page=number,
                margin=not height * MARGIN <= top <= height * (1 - MARGIN),
            )
        )
    rows.sort(key=lambda r: r.top)
    return rows, len(tables)


def _within(c: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x = (c["x0"] + c["x1"]) / 2
    y = (c["top"] + c["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into printed lines: same baseline band, then left to right."""
    out: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        middle = (c["top"] + c["bottom"]) / 2
        for line in reversed(out[-3:]):
            ref = line[0]
            if abs(middle - (ref["top"] + ref["bottom"]) / 2) <= max(ref["size"], c["size"]) * 0.4:
                line.append(c)
                break
        else:
            out.append([c])
    for line in out:
        line.sort(key=lambda c: c["x0"])
    return out


def _line_text(line: list[dict[str, Any]]) -> str:
    """A line's characters; the spaces it prints, and a space where the gap is wide and a Latin
    letter or digit meets another (汉字 justified by character spacing must not come apart)."""
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for c in line:
        if not c["text"].strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out[-1] != " ":
            gap = c["x0"] - prev["x1"]
            if gap > c["size"] * 1.5 or (
                gap > c["size"] * 0.25 and prev["text"][-1:].isascii() and c["text"][:1].isascii()
            ):
                out.append(" ")
        out.append(c["text"])
        prev = c
    return "".join(out).strip()


def _cell_text(chars: list[dict[str, Any]]) -> str:
    return "\n".join(_line_text(line) for line in _lines(chars))


def _join(rows: list[_Row]) -> list[Line]:
    """Lines of a paragraph joined: a line ending near the right edge of the text block runs on
    into the next one when that one is not indented (a first line is indented by two 汉字)."""
    pages = len({r.page for r in rows})
    repeated = Counter(r.text for r in rows if r.margin)

    def running_head(r: _Row) -> bool:
        return r.margin and pages > 1 and repeated[r.text] * 2 >= pages

    stamp = next((r for r in rows if running_head(r) and is_draft_stamp(r.text)), None)
    rows = [r for r in rows if not running_head(r)]
    full = [r for r in rows if r.cells is None and len(r.text) >= FULL_LINE_CHARS]
    right = median(r.x1 for r in full) if full else max((r.x1 for r in rows), default=0.0)
    left = min((r.x0 for r in full), default=0.0) if full else min((r.x0 for r in rows), default=0.0)
    out: list[Line] = []
    current: list[_Row] = []

    def flush() -> None:
        if current:
            text = "".join(r.text for r in current)
            out.append(Line(text, f"第{current[0].page}页"))
            current.clear()

    for r in rows:
        if r.image:
            flush()
            out.append(Line("", f"第{r.page}页（图片）", image=True))
            continue
        if r.cells is not None:
            flush()
            where = f"第{r.page}页第{r.table}个表格"
            out.append(Line(r.text, where, r.cells, exact=True, grid=r.grid))
            continue
        if current:
            prev = current[-1]
            runs_on = prev.x1 >= right - prev.size * 1.5 and r.x0 <= left + r.size * 0.5
            if not runs_on:
                flush()
        current.append(r)
    flush()
    if stamp is not None:  # a draft's 草稿 on every page: kept once, for the note that it was one
        out.insert(0, Line(stamp.text, f"第{stamp.page}页页眉"))
    return out
