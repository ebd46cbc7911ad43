"""A statutory table as WordprocessingML, from the printed grid shared with the PDF writer.

The table is written as XML rather than through python-docx's cell API: merges come out exactly
as the grid says (w:gridSpan for columns, w:vMerge restart/continue for rows), and widths are set
twice, in w:gridCol for LibreOffice and in w:tcW for Word. Header rows repeat on a page break
(w:tblHeader) and no row splits across pages (w:cantSplit). Where a break may fall follows the
rule set of ``pagination``, as in the PDF: a table that fits on a page (by the grid's estimated
height) keeps every row with the next, so it moves whole; a longer one may break only where at
least three body rows stay on each side.
"""

from __future__ import annotations

from lxml.etree import _Element

from giedit.export.docx_xml import add_text, el
from giedit.export.fonts import FACES, FontRole
from giedit.export.grid import PrintedCell, estimated_heights, printed_table
from giedit.export.layout import CELL_PAD_Y_PT, RULE_PT, TABLE_LEADING, TEXT_H_PT, TWIPS_PER_PT
from giedit.export.pagination import Break, row_breaks
from giedit.model.report import Report

TABLE_STYLE = "Table Text"  # paragraph style of cell text (no grid snap, no indent)


def _twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def _table_props(width: int) -> _Element:
    pr = el("w:tblPr")
    pr.append(el("w:tblW", w=width, type="dxa"))
    pr.append(el("w:jc", val="center"))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", val="single", sz=round(RULE_PT * 8), space=0, color="000000"))
    pr.append(borders)
    pr.append(el("w:tblLayout", type="fixed"))
    margins = el("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        pad = CELL_PAD_Y_PT if side in ("top", "bottom") else 0
        margins.append(el(f"w:{side}", w=_twips(pad), type="dxa"))
    pr.append(margins)
    pr.append(
        el("w:tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
    )
    return pr


def _cell(
    printed: PrintedCell | None, width: int, span: int, vmerge: str | None, size: float, keep: bool
) -> _Element:
    tc = el("w:tc")
    pr = el("w:tcPr")
    pr.append(el("w:tcW", w=width, type="dxa"))
    if span > 1:
        pr.append(el("w:gridSpan", val=span))
    if vmerge == "restart":
        pr.append(el("w:vMerge", val="restart"))
    elif vmerge == "continue":
        pr.append(el("w:vMerge"))
    pad = _twips(printed.pad_x) if printed is not None else 0
    if pad:
        mar = el("w:tcMar")
        mar.append(el("w:left", w=pad, type="dxa"))
        mar.append(el("w:right", w=pad, type="dxa"))
        pr.append(mar)
    pr.append(el("w:vAlign", val="center"))
    tc.append(pr)
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val=TABLE_STYLE.replace(" ", "")))
    if keep:
        ppr.append(el("w:keepNext"))
    ppr.append(el("w:spacing", before=0, after=0, line=_twips(size * TABLE_LEADING), lineRule="exact"))
    ppr.append(el("w:jc", val="left" if printed is not None and printed.left else "center"))
    p.append(ppr)
    if printed is not None and printed.text:
        add_text(p, printed.text, FACES[FontRole.BODY], size)
    tc.append(p)
    return tc


def table_element(report: Report, table_id: str, keep_with_next: bool = False, kept: float = 0.0) -> _Element:
    """The w:tbl of table ``table_id`` filled with the report's values.

    ``kept`` is the height of what must stay on a page with the table (its heading and note from
    above, the lines printed under it): when they and the table together are taller than a page,
    the table must split, so only the three-rows rule holds it; otherwise every row keeps with
    the next and the table moves whole.
    """
    spec = printed_table(report, table_id)
    layout = spec.layout
    whole = kept + sum(estimated_heights(spec)) <= TEXT_H_PT
    breaks = [
        *row_breaks(layout.n_rows, layout.repeat_rows, whole)[1:],
        Break.KEEP if keep_with_next else Break.FREE,
    ]
    widths = [_twips(w) for w in spec.widths]
    origin = {(c.grid.row, c.grid.col): c for c in spec.cells}
    cover: dict[tuple[int, int], PrintedCell] = {}
    for c in spec.cells:
        for r in range(c.grid.row, c.grid.row + c.grid.rowspan):
            for k in range(c.grid.col, c.grid.col + c.grid.colspan):
                cover[r, k] = c
    tbl = el("w:tbl")
    tbl.append(_table_props(sum(widths)))
    grid = el("w:tblGrid")
    for w in widths:
        grid.append(el("w:gridCol", w=w))
    tbl.append(grid)
    for r in range(layout.n_rows):
        tr = el("w:tr")
        trpr = el("w:trPr")
        trpr.append(el("w:cantSplit"))
        if r < layout.repeat_rows:
            trpr.append(el("w:tblHeader"))
        tr.append(trpr)
        keep = breaks[r] is not Break.FREE  # no page break after this row
        col = 0
        while col < layout.n_cols:
            c = cover.get((r, col))
            if c is None:  # a hole in the grid: an empty cell keeps the columns aligned
                tr.append(_cell(None, widths[col], 1, None, spec.size, keep))
                col += 1
                continue
            g = c.grid
            span = g.colspan - (col - g.col)
            width = sum(widths[col : col + span])
            if (r, col) in origin:
                vmerge = "restart" if g.rowspan > 1 else None
                tr.append(_cell(c, width, span, vmerge, spec.size, keep))
            else:  # below the top of a vertical merge
                tr.append(_cell(None, width, span, "continue", spec.size, keep))
            col += span
        tbl.append(tr)
    return tbl
