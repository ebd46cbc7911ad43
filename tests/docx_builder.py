"""Word files built the way clerks' real reports are, for the DOCX importer tests.

Real reports are not giedit exports: header cells are broken over lines (本年新⏎制作数量), group
labels are set vertically or typed one character per line, numbers are padded with full-width
or non-breaking spaces, empty paragraphs are scattered about, a table is split in two at a page
break (with or without the header repeated), and a widened value cell is sometimes left as two
cells, one empty, instead of a merge. Each of these is an option here.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from giedit.model.numbering import numbered
from giedit.model.report import Report
from giedit.model.schema import Role
from giedit.model.values import format_value

PADS = ("\u3000{}", "{}\u00a0", " {} ", "{}", "\u00a0{}")


@dataclass(frozen=True)
class Style:
    break_headers: bool = True  # 本年新⏎制作数量
    vertical: str = "direction"  # "direction" (w:textDirection), "chars" (one per line) or ""
    pad: bool = True
    empty_paragraphs: bool = True
    split: tuple[str, int] | None = None  # (table id, first grid row of the second part)
    repeat_header: bool = False
    unmerged_values: bool = False  # a widened value cell printed as two cells, one empty


def build_docx(report: Report, style: Style = Style()) -> bytes:
    doc = Document()
    fmt = report.definition
    doc.add_paragraph(report.body.name)
    doc.add_paragraph(f"{report.year}年政府信息公开工作年度报告")
    if style.empty_paragraphs:
        doc.add_paragraph("")
    for p in report.preamble:
        doc.add_paragraph(p.text)
    for s in fmt.sections:
        doc.add_paragraph(s.title)
        if style.empty_paragraphs:
            doc.add_paragraph("")
        text = report.section(s.id)
        for p, marker in numbered(text.paragraphs):
            doc.add_paragraph(marker + p.text)
        if s.table:
            _table(doc, report, s.table, style)
            for line in text.extra:
                doc.add_paragraph(line)
    if report.signature:
        doc.add_paragraph(report.signature)
    if report.date:
        doc.add_paragraph(f"{report.date.year}年{report.date.month}月{report.date.day}日")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _label(text: str, style: Style, vertical: bool) -> str:
    if vertical and style.vertical == "chars":
        return "\n".join(text)
    if style.break_headers and len(text) >= 6 and not text.startswith(("（", "(")):
        half = len(text) // 2
        return text[:half] + "\n" + text[half:]
    return text


def _table(doc: Document, report: Report, table_id: str, style: Style) -> None:
    fmt = report.definition
    layout = fmt.layout(table_id)
    table = doc.add_table(rows=layout.n_rows, cols=layout.n_cols)
    table.style = "Table Grid"
    for n, g in enumerate(layout.grid):
        cell = table.cell(g.row, g.col)
        widened = g.role is Role.VALUE and g.colspan > 1 and style.unmerged_values
        if (g.rowspan > 1 or g.colspan > 1) and not widened:
            cell = cell.merge(table.cell(g.row + g.rowspan - 1, g.col + g.colspan - 1))
        if g.role is Role.VALUE:
            cdef = fmt.cells[g.cell or ""]
            text = format_value(report.cells.get(g.cell or ""), cdef.column)
            cell.text = PADS[n % len(PADS)].format(text) if style.pad and text else text
            if style.empty_paragraphs and n % 7 == 0:
                cell.add_paragraph("")
            continue
        vertical = g.role is Role.GROUP and g.rowspan > 3
        cell.text = _label(g.text, style, vertical) if g.role is not Role.TITLE else g.text
        if vertical and style.vertical == "direction":
            direction = OxmlElement("w:textDirection")
            direction.set(qn("w:val"), "tbRlV")
            cell._tc.get_or_add_tcPr().append(direction)
    if style.split and style.split[0] == table_id:
        _split(doc, table, style.split[1], layout.repeat_rows if style.repeat_header else 0)


def _split(doc: Document, table: Table, at: int, header_rows: int) -> None:
    """Move rows ``at``… into a second table after an empty paragraph, as a page break does."""
    tbl = table._tbl
    second = OxmlElement("w:tbl")
    for part in (tbl.tblPr, tbl.tblGrid):
        second.append(copy.deepcopy(part))
    rows = list(tbl.tr_lst)
    for tr in rows[:header_rows]:
        second.append(copy.deepcopy(tr))
    for tr in rows[at:]:
        second.append(tr)
    first_moved = rows[at]
    for tc in first_moved.tc_lst:  # a vertical merge cut by the split restarts below it
        vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
        if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
            vmerge.set(qn("w:val"), "restart")
    gap = doc.add_paragraph("")._p
    tbl.addnext(gap)
    gap.addnext(second)
