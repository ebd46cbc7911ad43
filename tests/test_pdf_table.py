"""The PDF draws its tables itself exactly as reportlab's platypus ``Table`` drew them before.

Pagination depends on every row height (``tests/test_pagination.py`` compares pages), so the
heights are compared with reportlab's own on every table of every sample, and a whole table and a
split piece (header rows repeated, a merge cut by the break) are drawn both ways on a page and
compared: the same text at the same places, the same rules. platypus is imported here only.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pypdf
import pytest
from paths import SAMPLES
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from giedit.export import ExportOptions, pdf_table
from giedit.export.content import Kind, parts
from giedit.export.fonts import FontRole, pdf_fonts
from giedit.export.grid import printed_table
from giedit.export.layout import CELL_PAD_X_PT, CELL_PAD_Y_PT, RULE_PT, TABLE_LEADING, TEXT_H_PT, TEXT_W_PT
from giedit.export.pdf_table import PdfTable, measured_table
from giedit.export.pdf_text import TextBlock, lay_out
from giedit.model.storage import load

FONTS = pdf_fonts(ExportOptions(fonts="shipped").font_mode)
TABLES = [
    (f"{path.stem}:{part.table}", path, part.table)
    for path in sorted(SAMPLES.glob("*.giedit"))
    for part in parts(load(path))
    if part.kind is Kind.TABLE and part.table is not None
]


class _Block(Flowable):
    """A cell's text block as the PDF drew it inside a platypus Table before."""

    def __init__(self, block: TextBlock) -> None:
        super().__init__()
        self.block = block

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.avail = aw
        self.lines = lay_out(self.block.fonts, self.block.text, self.block.setting, aw)
        self.width, self.height = aw, len(self.lines) * self.block.setting.leading
        return self.width, self.height

    def draw(self) -> None:
        self.block.lines = self.lines
        self.block.draw(self.canv, 0.0, self.height, self.avail)


def _reportlab_table(table: PdfTable, rows: list[int], heights: list[float] | None) -> Table:
    """The platypus Table the PDF writer built for grid ``rows`` (its code before this change)."""
    spec = table.spec
    index = {r: i for i, r in enumerate(rows)}
    data: list[list[object]] = [[""] * spec.layout.n_cols for _ in rows]
    cmds: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), RULE_PT, colors.black),
        ("FONT", (0, 0), (-1, -1), FONTS.primary[FontRole.BODY], spec.size, spec.size * TABLE_LEADING),
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
            content = table.contents[g.row, g.col]
            data[top][g.col] = _Block(content) if isinstance(content, TextBlock) else content
        first, last = (g.col, top), (g.col + g.colspan - 1, bottom)
        if first != last:
            cmds.append(("SPAN", first, last))
        if cell.left:
            cmds.append(("ALIGN", first, first, "LEFT"))
        if cell.pad_x != CELL_PAD_X_PT:
            cmds += [("LEFTPADDING", first, first, cell.pad_x), ("RIGHTPADDING", first, first, cell.pad_x)]
    return Table(data, colWidths=spec.widths, rowHeights=heights, style=TableStyle(cmds), hAlign="LEFT")


def _drawn(draw) -> tuple[list[tuple[str, float, float]], set[tuple[float, ...]]]:
    """What ``draw(canvas)`` puts on a page: (text, x, y) of every text run, and every rule."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(600, 900), initialFontName=FONTS.primary[FontRole.BODY])
    draw(canvas)
    canvas.showPage()
    canvas.save()
    page = pypdf.PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    texts: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            texts.append((text.strip(), round(x, 3), round(y, 3)))

    page.extract_text(visitor_text=visit)
    stream = page.get_contents().get_data().decode("latin-1")
    number = r"(-?[\d.]+)"
    rules = {
        tuple(round(float(v), 3) for v in m.groups())
        for m in re.finditer(rf"{number} {number} m {number} {number} l S", stream)
    }
    assert texts and rules
    return sorted(texts, key=lambda t: (-t[2], t[1])), rules


@pytest.mark.parametrize(("name", "path", "table_id"), TABLES, ids=[t[0] for t in TABLES])
def test_row_heights_are_reportlabs(name: str, path: Path, table_id: str) -> None:
    table = measured_table(load(path), table_id, FONTS)
    theirs = _reportlab_table(table, list(range(table.n_rows)), None)
    theirs.wrap(TEXT_W_PT, 1e9)
    assert table.heights == theirs._rowHeights  # exactly: pages must break where they did


def test_every_format_has_tables_with_merges_down_and_across() -> None:
    assert {name.split(":")[1] for name, *_ in TABLES} >= {"active", "requests", "appeals"}
    merges = [c.grid for _, path, tid in TABLES for c in measured_table(load(path), tid, FONTS).spec.cells]
    assert any(g.rowspan > 1 for g in merges) and any(g.colspan > 1 for g in merges)
    assert any(
        isinstance(c, TextBlock)
        for _, path, tid in TABLES
        for c in measured_table(load(path), tid, FONTS).contents.values()
    )


@pytest.mark.parametrize("sample", ["2024-tongxi-jiedao", "2020-baji"])
@pytest.mark.parametrize("table_id", ["active", "requests", "appeals"])
def test_a_table_and_a_split_piece_draw_as_reportlab_drew_them(sample: str, table_id: str) -> None:
    table = measured_table(load(SAMPLES / f"{sample}.giedit"), table_id, FONTS)
    head = list(range(table.header_rows))
    down = [c.grid for c in table.spec.cells if c.grid.rowspan > 1 and c.grid.row >= table.header_rows]
    # inside a merge down rows if there is one: its rest continues as an empty merged cell
    cut = down[0].row + 1 if down else table.header_rows + 3
    for rows in (list(range(table.n_rows)), head + list(range(cut, table.n_rows))):

        def ours(canvas: Canvas, rows: list[int] = rows) -> None:
            assert table.draw(canvas, rows, 60.0, 850.0) == pytest.approx(sum(table.heights[r] for r in rows))

        def theirs(canvas: Canvas, rows: list[int] = rows) -> None:
            piece = _reportlab_table(table, rows, [table.heights[r] for r in rows])
            _w, h = piece.wrapOn(canvas, TEXT_W_PT, TEXT_H_PT)
            piece.drawOn(canvas, 60.0, 850.0 - h)

        assert _drawn(ours) == _drawn(theirs)


def test_a_merged_cell_taller_than_its_rows_grows_them_as_reportlab_did(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No sample has one (the shortfall rule): a long text in a label merged down rows."""
    report = load(SAMPLES / "2024-tongxi-jiedao.giedit")
    before = measured_table(report, "requests", FONTS).heights
    spec = printed_table(report, "requests")
    label = next(c for c in spec.cells if c.grid.rowspan > 1 and c.grid.row >= spec.layout.repeat_rows)
    long = dataclasses.replace(
        label, text="依申请公开办理结果的统计口径说明" * 6, stacked=False, break_at=None
    )
    taller = dataclasses.replace(spec, cells=[long if c is label else c for c in spec.cells])
    monkeypatch.setattr(pdf_table, "printed_table", lambda *_: taller)
    table = measured_table(report, "requests", FONTS)
    theirs = _reportlab_table(table, list(range(table.n_rows)), None)
    theirs.wrap(TEXT_W_PT, 1e9)
    assert table.heights == theirs._rowHeights
    rows = range(label.grid.row, label.grid.row + label.grid.rowspan)
    assert sum(table.heights[r] for r in rows) > sum(before[r] for r in rows) + 10
