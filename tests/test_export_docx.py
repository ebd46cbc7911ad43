"""The exported DOCX, opened again with python-docx: structure, labels, numbers, merges, fonts, page."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from export_reports import BODY, ZERO_CELL, filled

from giedit.export import ExportOptions, export_docx
from giedit.export.docx_writer import build_docx
from giedit.export.layout import DRAFT_STAMP, LINE_PITCH_TWIPS
from giedit.model.report import Report
from giedit.model.schema import Role
from giedit.model.text import date_text
from giedit.model.values import format_value

YEARS = (2019, 2021)  # one report per format version


@pytest.fixture(scope="module", params=YEARS)
def exported(request: pytest.FixtureRequest) -> tuple[Report, Document]:
    report = filled(request.param)
    return report, Document(io.BytesIO(build_docx(report)))


def _text(cell) -> str:
    """A cell's text: the label whole, with no line break in it (Word's search finds it)."""
    assert "\n" not in cell.text
    return cell.text


def test_six_headings_in_order(exported: tuple[Report, Document]) -> None:
    report, doc = exported
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.title for s in report.definition.sections]


def test_title_body_parts_and_closing(exported: tuple[Report, Document]) -> None:
    report, doc = exported
    texts = [p.text for p in doc.paragraphs]
    assert (
        texts[0] == f"{report.body.name}\n{report.display_title()[len(report.body.name) :]}"
    )  # a line break
    assert report.definition.basis in texts[1]  # the customary preamble cites the definition
    assert "（一）主动公开" in texts and "（二）依申请公开" in texts and "1.公开平台建设" in texts
    assert "全年主动公开信息125条。标记字符 A&B<C> 原样输出。" in texts
    assert report.section("active").extra[0] in texts
    assert texts[-2:] == [BODY, date_text(report.date)]
    sub = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert sub == ["（一）主动公开", "（二）依申请公开"]


def test_three_tables_with_every_label_and_number(exported: tuple[Report, Document]) -> None:
    report, doc = exported
    fmt = report.definition
    assert len(doc.tables) == len(fmt.tables) == 3
    for table, definition in zip(doc.tables, fmt.tables, strict=True):
        layout = fmt.layout(definition.id)
        assert (len(table.rows), len(table.columns)) == (layout.n_rows, layout.n_cols)
        for g in layout.grid:
            got = _text(table.cell(g.row, g.col))
            if g.role is Role.VALUE:
                assert got == format_value(report.cells[g.cell], fmt.cells[g.cell].column), g
            else:
                assert got == g.text, g
    values = [_text(c) for t in doc.tables for row in t.rows for c in row.cells]
    assert "0" in values  # the zero cell prints 0
    assert format_value(report.cells[ZERO_CELL], fmt.cells[ZERO_CELL].column) == "0"


def test_table_order_follows_sections(exported: tuple[Report, Document]) -> None:
    """Each table comes right after its section heading (and the note of 二)."""
    report, doc = exported
    body = doc.element.body
    order = [
        ("table", None) if child.tag == qn("w:tbl") else ("p", "".join(t.text for t in child.iter(qn("w:t"))))
        for child in body
        if child.tag in (qn("w:tbl"), qn("w:p"))
    ]
    for section in report.definition.sections:
        if section.table is None:
            continue
        i = order.index(("p", section.title))
        following = [kind for kind, _ in order[i + 1 : i + 3]]
        assert "table" in following, section.title


def _merges(tbl) -> set[tuple[int, int, int, int]]:
    """(row, col, rowspan, colspan) of every merged area, read from w:gridSpan and w:vMerge."""
    starts: dict[tuple[int, int], list[int]] = {}
    spans: list[list[int]] = []
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            gs = pr.find(qn("w:gridSpan")) if pr is not None else None
            span = int(gs.get(qn("w:val"))) if gs is not None else 1
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            state = None if vm is None else (vm.get(qn("w:val")) or "continue")
            if state == "continue":
                area = starts[col, span]
                area[2] += 1
            else:
                area = [r, col, 1, span]
                spans.append(area)
                if state == "restart":
                    starts[col, span] = area
            col += span
    return {tuple(a) for a in spans if a[2] > 1 or a[3] > 1}


def test_merged_cells_match_the_definition(exported: tuple[Report, Document]) -> None:
    report, doc = exported
    fmt = report.definition
    for table, definition in zip(doc.tables, fmt.tables, strict=True):
        expected = {
            (g.row, g.col, g.rowspan, g.colspan)
            for g in fmt.layout(definition.id).grid
            if g.rowspan * g.colspan > 1
        }
        got = _merges(table._tbl)
        assert len(got) == len(expected)
        assert got == expected, definition.id


def test_widths_for_word_and_libreoffice(exported: tuple[Report, Document]) -> None:
    _report, doc = exported
    for table in doc.tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - round(156 / 25.4 * 1440)) <= len(grid)  # the 版心 width
        for tr in table._tbl.findall(qn("w:tr")):
            col = 0
            for tc in tr.findall(qn("w:tc")):
                span = tc.grid_span
                assert int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) == sum(grid[col : col + span])
                col += span
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_header_rows_repeat_and_rows_do_not_split(exported: tuple[Report, Document]) -> None:
    report, doc = exported
    for table, definition in zip(doc.tables, report.definition.tables, strict=True):
        repeat = report.definition.layout(definition.id).repeat_rows
        rows = table._tbl.findall(qn("w:tr"))
        for i, tr in enumerate(rows):
            trpr = tr.find(qn("w:trPr"))
            assert trpr.find(qn("w:cantSplit")) is not None
            assert (trpr.find(qn("w:tblHeader")) is not None) == (i < repeat)


def test_numbers_are_centred(exported: tuple[Report, Document]) -> None:
    report, doc = exported
    fmt = report.definition
    for table, definition in zip(doc.tables, fmt.tables, strict=True):
        for g in fmt.layout(definition.id).grid:
            if g.role is Role.VALUE:
                assert table.cell(g.row, g.col).paragraphs[0].alignment == 1  # CENTER


def _style_east_asia(doc: Document, style_id: str | None) -> str | None:
    """w:eastAsia through the style's basedOn chain, then the document defaults."""
    styles = doc.styles.element
    while style_id:
        st = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        rfonts = st.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if rfonts is not None and rfonts.get(qn("w:eastAsia")):
            return rfonts.get(qn("w:eastAsia"))
        based = st.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    rfonts = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    return rfonts.get(qn("w:eastAsia")) if rfonts is not None else None


def _has_cjk(text: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in text)


def test_every_chinese_run_names_an_east_asian_font(exported: tuple[Report, Document]) -> None:
    _report, doc = exported
    section = doc.sections[0]
    parts = [doc.element.body] + [
        hf._element for hf in (section.footer, section.even_page_footer, section.header) if hf._has_definition
    ]
    checked = 0
    for root in parts:
        for p in root.iter(qn("w:p")):
            pstyle = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style_font = _style_east_asia(doc, pstyle.get(qn("w:val")) if pstyle is not None else "Normal")
            for r in p.iter(qn("w:r")):
                text = "".join(t.text or "" for t in r.iter(qn("w:t")))
                if not _has_cjk(text):
                    continue
                rfonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
                direct = rfonts.get(qn("w:eastAsia")) if rfonts is not None else None
                assert direct or style_font, text
                checked += 1
    assert checked > 100


def test_characters_outside_gb2312_get_the_gbk_family(exported: tuple[Report, Document]) -> None:
    """仿宋_GB2312 and 方正小标宋简体 lack 塅: its runs name 仿宋 (body) and 宋体 (title) instead."""
    _report, doc = exported
    fonts = {
        r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia"))
        for r in doc.element.body.iter(qn("w:r"))
        if "塅" in "".join(t.text or "" for t in r.iter(qn("w:t")))
    }
    assert fonts == {"仿宋", "宋体"}


def test_page_size_margins_and_grid(exported: tuple[Report, Document]) -> None:
    _report, doc = exported
    s = doc.sections[0]

    def mm(length: int) -> float:
        return round(length / Mm(1), 1)

    assert (mm(s.page_width), mm(s.page_height)) == (210.0, 297.0)
    assert (mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)) == (37, 35, 28, 26)
    grid = s._sectPr.find(qn("w:docGrid"))
    assert int(grid.get(qn("w:linePitch"))) == LINE_PITCH_TWIPS == 579  # 22 lines in 225 mm


def test_page_numbers_odd_right_even_left(exported: tuple[Report, Document]) -> None:
    _report, doc = exported
    s = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (2, 0)  # RIGHT, LEFT
    for p in (odd, even):
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert p.text.startswith("— ") and p.text.endswith(" —")


def test_centred_page_numbers_option() -> None:
    doc = Document(io.BytesIO(build_docx(filled(2021), options=ExportOptions(page_numbers="center"))))
    assert not doc.settings.odd_and_even_pages_header_footer
    assert doc.sections[0].footer.paragraphs[0].alignment == 1


def test_draft_stamp_in_the_header() -> None:
    report = filled(2021)
    final = Document(io.BytesIO(build_docx(report)))
    draft = Document(io.BytesIO(build_docx(report, draft=True)))
    s = draft.sections[0]
    assert DRAFT_STAMP in s.header.paragraphs[0].text and DRAFT_STAMP in s.even_page_header.paragraphs[0].text
    assert not final.sections[0].header.paragraphs[0].text


def test_core_properties(exported: tuple[Report, Document]) -> None:
    report, doc = exported
    props = doc.core_properties
    assert props.title == report.display_title()
    assert props.author == BODY
    assert "giedit" in props.last_modified_by and props.created is not None


def test_export_docx_writes_the_file(tmp_path) -> None:
    out = export_docx(filled(2021), tmp_path / "报告.docx")
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]  # no temporary file left
