"""A statutory table in the PDF, from the printed grid shared with the DOCX writer.

The table is measured once (row heights with the cells' real text), then drawn on the canvas in
pieces: the rows the page breaker put on a page, preceded by the header rows when the piece
continues the table. A row span cut by a page break continues as an empty merged cell, as Word
draws it.

The PDF used to hand each piece to reportlab's platypus ``Table``. giedit already sets the text
(``pdf_text``) and breaks the pages (``pagination``), so it now draws the grid itself; importing
platypus alone cost ~45 ms of every export process. Row heights and cell positions follow the
rules that ``Table`` applied to these cells (``_row_heights``), so pages break where they did;
``tests/test_pdf_table.py`` compares the heights with reportlab's on every sample table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from giedit.export.fonts import FontRole, PdfFonts
from giedit.export.grid import PrintedCell, PrintedTable, printed_table
from giedit.export.layout import CELL_PAD_Y_PT, RULE_PT, TABLE_LEADING
from giedit.export.pdf_ops import draw_string
from giedit.export.pdf_text import TextBlock, TextSetting
from giedit.model.report import Report

FUZZ = 1e-6  # reportlab's layout tolerance (rl_config._FUZZ)


def _content(cell: PrintedCell, fonts: PdfFonts, font: str, size: float) -> str | TextBlock:
    """A plain string when the text fits on one line in the body font (numbers, short labels: fast
    to lay out), else a wrapping text block with kinsoku and per-character font fallback."""
    text = cell.text
    inner = cell.width - 2 * cell.pad_x
    plain = not cell.stacked and all(fonts.font_for(ch, FontRole.BODY) == font for ch in text)
    if plain and stringWidth(text, font, size) <= inner:
        return text
    if cell.stacked:
        text = "\n".join(text)  # one character a line, 、 included
    elif cell.break_at is not None:
        text = text[: cell.break_at] + "\n" + text[cell.break_at :]  # （三）⏎不予公开
    align = "left" if cell.left else "center"
    setting = TextSetting(FontRole.BODY, size, size * TABLE_LEADING, align=align)
    return TextBlock(fonts, text, setting)


def _edges(sizes: list[float]) -> list[float]:
    """Running sums from 0, one more than ``sizes``: the column edges from the table's left."""
    out, at = [0.0], 0.0
    for size in sizes:
        at = at + size
        out.append(at)
    return out


def _from_bottom(heights: list[float]) -> list[float]:
    """Row edges measured up from the bottom of a piece, its top first, summed from the bottom
    with the compensated sum reportlab's Table uses, so every rule lands where it did."""
    edges, height, carry = [], 0.0, 0.0
    for h in reversed(heights):
        edges.append(height)
        y = h - carry
        t = height + y
        carry = (t - height) - y
        height = t
    edges.append(height)
    edges.reverse()
    return edges


def _open(start: float, end: float, blocked: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The stretches of ``start``..``end`` outside the ``blocked`` ones (a rule not drawn through a
    merged cell)."""
    out, at = [], start
    for a, b in sorted(blocked):
        if a > at + FUZZ:
            out.append((at, a))
        at = max(at, b)
    if at < end - FUZZ:
        out.append((at, end))
    return out


@dataclass(frozen=True)
class _Placed:
    """A cell as drawn in one piece: piece rows ``top``..``bottom``, grid columns ``left``..``right``."""

    cell: PrintedCell
    top: int
    bottom: int
    left: int
    right: int
    origin: bool  # the piece holds the cell's first row, so its text


@dataclass
class PdfTable:
    """A table measured for the page: its printed grid, contents and row heights."""

    spec: PrintedTable
    fonts: PdfFonts
    contents: dict[tuple[int, int], str | TextBlock] = field(default_factory=dict)
    heights: list[float] = field(default_factory=list)

    @property
    def header_rows(self) -> int:
        return self.spec.layout.repeat_rows

    @property
    def n_rows(self) -> int:
        return self.spec.layout.n_rows

    def _placed(self, rows: list[int]) -> list[_Placed]:
        """The cells shown in a piece of grid ``rows`` (ascending), in reading order."""
        index = {r: i for i, r in enumerate(rows)}
        out = []
        for cell in self.spec.cells:
            g = cell.grid
            shown = [index[r] for r in range(g.row, g.row + g.rowspan) if r in index]
            if shown:
                origin = rows[shown[0]] == g.row
                out.append(_Placed(cell, shown[0], shown[-1], g.col, g.col + g.colspan - 1, origin))
        out.sort(key=lambda p: (p.top, p.left))
        return out

    def draw(self, canvas: Canvas, rows: list[int], left: float, top: float) -> float:
        """Draw the piece of grid ``rows`` with its top left corner at (``left``, ``top``);
        returns its height."""
        xs = _edges(self.spec.widths)
        ys = _from_bottom([self.heights[r] for r in rows])
        placed = self._placed(rows)
        size = self.spec.size
        canvas.saveState()
        canvas.translate(left, top - ys[0])  # the piece's own coordinates, from its bottom left
        font = self.fonts.primary[FontRole.BODY]
        for p in placed:
            content = self.contents[p.cell.grid.row, p.cell.grid.col] if p.origin else ""
            if content:
                x, y = xs[p.left], ys[p.bottom + 1]
                _draw_cell(canvas, content, p.cell, (x, y, xs[p.right + 1] - x, ys[p.top] - y), font, size)
        _rules(canvas, placed, xs, ys)
        canvas.restoreState()
        return ys[0]


def _draw_cell(
    canvas: Canvas,
    content: str | TextBlock,
    cell: PrintedCell,
    box: tuple[float, float, float, float],
    font: str,
    size: float,
) -> None:
    """Cell text centred vertically in the cell ``box`` (x, y, w, h); across, centred or from the
    left padding (row labels). The arithmetic, padding terms included, is Table's to the last
    bit, so text sits exactly where it did."""
    x, y, w, h = box
    pad = cell.pad_x
    if isinstance(content, TextBlock):
        avail = w - pad - pad
        height = len(content.lines) * content.setting.leading
        bottom = y + (h + CELL_PAD_Y_PT - CELL_PAD_Y_PT + height) / 2.0 - height
        at = x + pad if cell.left else x + (w + pad - pad - avail) / 2.0
        content.draw(canvas, at, bottom + height, avail)
        return
    leading = size * TABLE_LEADING
    baseline = y + (CELL_PAD_Y_PT + h - CELL_PAD_Y_PT + leading) / 2.0 - size
    # from the left padding, or centred as drawCentredString centres
    at = x + pad if cell.left else x + (w + pad - pad) * 0.5 - 0.5 * stringWidth(content, font, size)
    draw_string(canvas, font, size, leading, at, baseline, content)


def _rules(canvas: Canvas, placed: list[_Placed], xs: list[float], ys: list[float]) -> None:
    """Every rule of the grid, not drawn through merged cells: round caps and joins, each rule
    stroked on its own, as Table drew them (one path for all renders crossings a shade lighter)."""
    across: dict[int, list[tuple[float, float]]] = {}  # row edge -> spans of x it must skip
    down: dict[int, list[tuple[float, float]]] = {}  # column edge -> spans of y it must skip
    for p in placed:
        for r in range(p.top + 1, p.bottom + 1):
            across.setdefault(r, []).append((xs[p.left], xs[p.right + 1]))
        for c in range(p.left + 1, p.right + 1):
            down.setdefault(c, []).append((ys[p.bottom + 1], ys[p.top]))
    lines = []
    for r, y in enumerate(ys):
        lines += [(a, y, b, y) for a, b in _open(xs[0], xs[-1], across.get(r, []))]
    for c, x in enumerate(xs):
        lines += [(x, a, x, b) for a, b in _open(ys[-1], ys[0], down.get(c, []))]
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.setStrokeGray(0)
    canvas.setLineWidth(RULE_PT)
    for x0, y0, x1, y1 in lines:
        canvas.line(x0, y0, x1, y1)


def _row_heights(spec: PrintedTable, contents: dict[tuple[int, int], str | TextBlock]) -> list[float]:
    """Row heights by the rules reportlab's ``Table`` applied to these cells (which the PDF used
    before it drew tables itself), text blocks wrapped on the way.

    A row is as tall as its tallest cell: lines x leading plus top and bottom padding; a cell
    covered by a merge across columns counts as one empty line, one covered by a merge down rows
    not at all. A cell merged down rows adds no height to its first row; if its rows together are
    shorter than it, the shortfall is shared equally among them, the tallest merges first.
    """
    n_rows = spec.layout.n_rows
    leading = spec.size * TABLE_LEADING
    pads = CELL_PAD_Y_PT + CELL_PAD_Y_PT
    xs = _edges(spec.widths)
    heights = [0.0] * n_rows
    merged: dict[tuple[int, int], float] = {}  # (first row, last row) -> height it needs
    down: set[tuple[int, int]] = set()  # grid positions under a cell merged down rows
    for cell in spec.cells:
        g = cell.grid
        if g.rowspan > 1:
            down.update(
                (r, c) for r in range(g.row, g.row + g.rowspan) for c in range(g.col, g.col + g.colspan)
            )
    for r in range(n_rows):  # a position under a merge across columns only: an empty line
        for c in range(spec.layout.n_cols):
            if (r, c) not in contents and (r, c) not in down:
                heights[r] = max(heights[r], leading * 1 + pads)
    for cell in spec.cells:
        g = cell.grid
        content = contents[g.row, g.col]
        if isinstance(content, TextBlock):
            width = spec.widths[g.col]
            if g.colspan > 1:
                width = max(xs[g.col + g.colspan] - xs[g.col], width)
            need = content.wrap(width - cell.pad_x - cell.pad_x) + pads
        else:
            need = leading * len(content.split("\n")) + pads
        if g.rowspan > 1:
            key = (g.row, g.row + g.rowspan - 1)
            merged[key] = max(merged.get(key, need), need)
        else:
            heights[g.row] = max(heights[g.row], need)
    extra: dict[int, float] = {}
    for need, (first, last) in sorted(((v, k) for k, v in merged.items()), reverse=True):
        rows = range(first, last + 1)
        have = sum([heights[r] + extra.get(r, 0) for r in rows])
        if have >= need - FUZZ:
            continue
        share = (need - have) / float(len(rows))
        for r in rows:
            extra[r] = extra.get(r, 0) + share
    for r, more in extra.items():
        heights[r] += more
    return heights


def measured_table(report: Report, table_id: str, fonts: PdfFonts) -> PdfTable:
    """The table with the report's values, its row heights measured with the real fonts."""
    spec = printed_table(report, table_id)
    font = fonts.primary[FontRole.BODY]
    table = PdfTable(spec, fonts)
    table.contents = {(c.grid.row, c.grid.col): _content(c, fonts, font, spec.size) for c in spec.cells}
    table.heights = _row_heights(spec, table.contents)
    return table
