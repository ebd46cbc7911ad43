"""A statutory table in the PDF, from the printed grid shared with the DOCX writer.

The table is measured once (row heights from reportlab with the cells' real text), then drawn in
pieces: the rows the page breaker put on a page, preceded by the header rows when the piece
continues the table. A row span cut by a page break continues as an empty merged cell, as Word
draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from giedit.export.fonts import FontRole, PdfFonts
from giedit.export.grid import PrintedCell, PrintedTable, printed_table
from giedit.export.layout import CELL_PAD_X_PT, CELL_PAD_Y_PT, RULE_PT, TABLE_LEADING
from giedit.export.pdf_text import TextBlock, TextSetting
from giedit.model.report import Report


def _content(cell: PrintedCell, fonts: PdfFonts, font: str, size: float) -> str | TextBlock:
    """A plain string when the text fits on one line in the body font (numbers, short labels: fast
    to lay out), else a wrapping text block with kinsoku and per-character font fallback."""
    text = cell.text
    inner = cell.width - 2 * cell.pad_x
    plain = not cell.stacked and all(fonts.has(font, ch) for ch in text)
    if plain and stringWidth(text, font, size) <= inner:
        return text
    if cell.stacked:
        text = "\n".join(text)  # one character a line, 、 included
    elif cell.break_at is not None:
        text = text[: cell.break_at] + "\n" + text[cell.break_at :]  # （三）⏎不予公开
    align = "left" if cell.left else "center"
    setting = TextSetting(FontRole.BODY, size, size * TABLE_LEADING, align=align)
    return TextBlock(fonts, text, setting)


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

    def piece(self, rows: list[int]) -> Table:
        """A reportlab Table of grid ``rows`` (ascending, contiguous after the header)."""
        spec = self.spec
        index = {r: i for i, r in enumerate(rows)}
        data: list[list[object]] = [[""] * spec.layout.n_cols for _ in rows]
        font = self.fonts.primary[FontRole.BODY]
        cmds: list[tuple] = [
            ("GRID", (0, 0), (-1, -1), RULE_PT, colors.black),
            ("FONT", (0, 0), (-1, -1), font, spec.size, spec.size * TABLE_LEADING),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X_PT),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X_PT),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y_PT),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y_PT),
        ]
        for cell in spec.cells:
            g = cell.grid
            shown = [r for r in range(g.row, g.row + g.rowspan) if r in index]
            if not shown:
                continue
            top, bottom = index[shown[0]], index[shown[-1]]
            if shown[0] == g.row:
                data[top][g.col] = self.contents[g.row, g.col]
            first, last = (g.col, top), (g.col + g.colspan - 1, bottom)
            if first != last:
                cmds.append(("SPAN", first, last))
            if cell.left:
                cmds.append(("ALIGN", first, first, "LEFT"))
            if cell.pad_x != CELL_PAD_X_PT:
                cmds += [
                    ("LEFTPADDING", first, first, cell.pad_x),
                    ("RIGHTPADDING", first, first, cell.pad_x),
                ]
        heights = [self.heights[r] for r in rows] if self.heights else None
        return Table(data, colWidths=spec.widths, rowHeights=heights, style=TableStyle(cmds), hAlign="LEFT")


def measured_table(report: Report, table_id: str, fonts: PdfFonts) -> PdfTable:
    """The table with the report's values, its row heights measured with the real fonts."""
    spec = printed_table(report, table_id)
    font = fonts.primary[FontRole.BODY]
    table = PdfTable(spec, fonts)
    table.contents = {(c.grid.row, c.grid.col): _content(c, fonts, font, spec.size) for c in spec.cells}
    whole = table.piece(list(range(spec.layout.n_rows)))
    whole.wrap(sum(spec.widths), 1e9)
    table.heights = list(whole._rowHeights)
    return table
