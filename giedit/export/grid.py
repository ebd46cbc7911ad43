"""A statutory table as both writers print it: the definition's grid plus widths, texts and padding.

No table is laid out by hand: rows, columns and merges come from ``TableLayout.grid``, so a new
format version prints without changes here. Table labels come from the definition and numbers
from the model, formatted as the editor shows them (0 printed as 0, the money unit where the
column does not fix it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from giedit.export.layout import (
    CELL_PAD_X_PT,
    CELL_PAD_Y_PT,
    TABLE_LEADING,
    TABLE_SIZE,
    TEXT_W_PT,
    break_after_marker,
    char_width,
    stacked_padding,
)
from giedit.model.report import Report
from giedit.model.schema import GridCell, Role, TableLayout
from giedit.model.values import format_value


@dataclass(frozen=True)
class PrintedCell:
    grid: GridCell
    text: str  # as printed: the official label or the formatted value, never a line break
    width: float  # points, the merged width
    pad_x: float  # left and right padding in points
    left: bool  # left-aligned (row labels); everything else is centred
    stacked: bool = False  # a narrow group label set one character a line
    break_at: int | None = None  # where the PDF breaks a group label that needs two lines


@dataclass(frozen=True)
class PrintedTable:
    layout: TableLayout
    widths: list[float]  # points per grid column, adding up to the 版心 width
    size: float  # type size in points
    cells: list[PrintedCell]


def column_widths(layout: TableLayout, total: float) -> list[float]:
    """Column widths adding up to ``total``, in proportion to the definition's weights."""
    weights = layout.column_weights()
    scale = total / sum(weights)
    return [w * scale for w in weights]


def printed_table(report: Report, table_id: str) -> PrintedTable:
    """The table ``table_id`` of the report's format, filled with the report's values."""
    fmt = report.definition
    layout = fmt.layout(table_id)
    size = TABLE_SIZE[table_id]
    widths = column_widths(layout, TEXT_W_PT)
    cells = []
    for g in layout.grid:
        width = sum(widths[g.col : g.col + g.colspan])
        text, pad, stacked, break_at = g.text, CELL_PAD_X_PT, False, None
        if g.role is Role.VALUE and g.cell is not None:
            text = format_value(report.cells.get(g.cell), fmt.cells[g.cell].column)
        elif g.role is Role.GROUP:
            narrow = stacked_padding(width, size)
            stacked = narrow is not None
            pad = narrow if narrow is not None else pad
            break_at = None if stacked else break_after_marker(text, width, size)
        cells.append(PrintedCell(g, text, width, pad, g.role is Role.LABEL, stacked, break_at))
    return PrintedTable(layout, widths, size, cells)


def estimated_heights(table: PrintedTable) -> list[float]:
    """Row heights in points as a word processor will set them, from character widths alone
    (汉字 one em, ASCII half): what the DOCX writer knows of its table without a font."""
    size, leading = table.size, table.size * TABLE_LEADING
    heights = [leading + 2 * CELL_PAD_Y_PT] * table.layout.n_rows
    for c in table.cells:
        if c.grid.rowspan != 1:
            continue
        per_line = max(c.width - 2 * c.pad_x, size)
        lines = max(1, math.ceil(char_width(c.text) * size / per_line - 1e-9))
        heights[c.grid.row] = max(heights[c.grid.row], lines * leading + 2 * CELL_PAD_Y_PT)
    return heights
