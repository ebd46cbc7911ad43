"""A statutory table as a reportlab Table, from the printed grid shared with the DOCX writer."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from giedit.export.fonts import FontRole, PdfFonts
from giedit.export.grid import PrintedCell, printed_table
from giedit.export.layout import CELL_PAD_X_PT, CELL_PAD_Y_PT, RULE_PT, TABLE_LEADING
from giedit.export.markup import markup
from giedit.model.report import Report


@cache
def _style(font: str, size: float, left: bool) -> ParagraphStyle:
    return ParagraphStyle(
        f"cell-{font}-{size}-{left}",
        fontName=font,
        fontSize=size,
        leading=size * TABLE_LEADING,
        alignment=TA_LEFT if left else TA_CENTER,
        wordWrap="CJK",
    )


def _content(cell: PrintedCell, fonts: PdfFonts, font: str, size: float) -> str | Paragraph:
    """A plain string when the text fits on one line in the body font (numbers, short labels: fast
    to lay out), else a wrapping Paragraph with per-character font fallback."""
    text = cell.text
    plain = (
        not cell.stacked
        and "\n" not in text
        and all(fonts.has(font, ch) for ch in text)
        and stringWidth(text, font, size) <= cell.width - 2 * cell.pad_x
    )
    if plain:
        return text
    if cell.stacked:
        text = "\n".join(text)  # one character a line, 、 included
    return Paragraph(markup(fonts, text, FontRole.BODY), _style(font, size, cell.left))


def build_table(report: Report, table_id: str, fonts: PdfFonts) -> Table:
    """The table with the report's values: full grid, exact merges, header rows repeated."""
    spec = printed_table(report, table_id)
    layout, size = spec.layout, spec.size
    font = fonts.primary[FontRole.BODY]
    data: list[list[object]] = [[""] * layout.n_cols for _ in range(layout.n_rows)]
    cmds: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), RULE_PT, colors.black),
        ("FONT", (0, 0), (-1, -1), font, size, size * TABLE_LEADING),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X_PT),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X_PT),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y_PT),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y_PT),
    ]
    for cell in spec.cells:
        g = cell.grid
        data[g.row][g.col] = _content(cell, fonts, font, size)
        first, last = (g.col, g.row), (g.col + g.colspan - 1, g.row + g.rowspan - 1)
        if first != last:
            cmds.append(("SPAN", first, last))
        if cell.left:
            cmds.append(("ALIGN", first, first, "LEFT"))
        if cell.pad_x != CELL_PAD_X_PT:
            cmds += [("LEFTPADDING", first, first, cell.pad_x), ("RIGHTPADDING", first, first, cell.pad_x)]
    # A table taller than a page cannot split between rows inside a row span; splitInRow lets
    # reportlab split inside a row rather than fail (no current format needs it: each fits a page).
    return Table(
        data,
        colWidths=spec.widths,
        repeatRows=layout.repeat_rows,
        style=TableStyle(cmds),
        hAlign="CENTER",
        splitInRow=1,
    )
