"""The awkward things real text reports do, one at a time, on a report with known figures."""

from __future__ import annotations

from collections import defaultdict

import pytest
from import_fixtures import filled_report

from giedit.importers import NoteKind, import_bytes
from giedit.importers.cells import read_cell
from giedit.importers.result import ImportResult
from giedit.model.formats import get_format
from giedit.model.numbering import numbered
from giedit.model.report import Report
from giedit.model.schema import Role
from giedit.model.values import Money, format_value


def as_text(report: Report, sep: str = "\t") -> str:
    """The report as text pulled out of a Word file: one table row per line, cells separated."""
    fmt = report.definition
    lines = [f"{report.body.name}{report.year}年政府信息公开工作年度报告", *(p.text for p in report.preamble)]
    for s in fmt.sections:
        lines.append(s.title)
        lines += [m + p.text for p, m in numbered(report.section(s.id).paragraphs)]
        if not s.table:
            continue
        rows: dict[int, list[str]] = defaultdict(list)
        for g in fmt.layout(s.table).grid:
            text = (
                format_value(report.cells.get(g.cell or ""), fmt.cells[g.cell].column) if g.cell else g.text
            )
            rows[g.row].append(text)
        lines += [sep.join(rows[r]) for r in sorted(rows)]
    return "\n".join(lines) + "\n"


def _import(text: str) -> ImportResult:
    return import_bytes(text.encode("utf-8"), "report.txt")


@pytest.fixture(scope="module")
def report() -> Report:
    return filled_report(2024)


@pytest.fixture(scope="module")
def text(report: Report) -> str:
    return as_text(report)


def _value(cid: str, report: Report) -> str:
    return format_value(report.cells[cid], report.definition.cells[cid].column)


def test_plain_rendering_round_trips(report: Report, text: str) -> None:
    result = _import(text)
    assert {c: result.report.cells.get(c) for c in report.cells} == report.cells
    assert not result.of_kind(NoteKind.VARIANT, NoteKind.IGNORED, NoteKind.UNREADABLE, NoteKind.NORMALISED)


def test_pipe_tables_and_one_cell_per_line(report: Report) -> None:
    piped = _import(as_text(report, " | "))
    assert {c: piped.report.cells.get(c) for c in report.cells} == report.cells
    per_line = _import(as_text(report, "\n\n"))
    assert {c: per_line.report.cells.get(c) for c in report.cells} == report.cells


def test_labels_broken_over_lines_and_spaced(report: Report, text: str) -> None:
    label = report.definition.cells["requests.refused_confirm.total"].row.label
    broken = text.replace(label, label[:7] + "\n" + label[7:])
    spaced = broken.replace("法律服务机构", "法律 服务\u00a0机构")
    result = _import(spaced)
    assert (
        result.report.cells["requests.refused_confirm.natural"]
        == report.cells["requests.refused_confirm.natural"]
    )
    assert not result.of_kind(NoteKind.IGNORED)


def test_row_flattened_with_spaces(report: Report, text: str) -> None:
    row = report.definition.layout("active").row("normative")
    values = [_value(c, report) for c in row.cell_ids]
    line = "\t".join([row.label, *values])
    result = _import(text.replace(line, " ".join([row.label, *values])))
    assert [result.report.cells[c] for c in row.cell_ids] == [report.cells[c] for c in row.cell_ids]


def test_local_annotation_in_a_label_is_a_variant(report: Report, text: str) -> None:
    fmt = report.definition
    rules_label = fmt.cells["active.rules.issued"].row.label
    stock = fmt.cells["active.rules.in_force"].column.label
    annotated = text.replace(
        f"\n{rules_label}\t", f"\n{rules_label}（设区的市、自治州人民政府应提供相关数据）\t"
    )
    annotated = annotated.replace(stock, stock + "（历史累计）")
    result = _import(annotated)
    assert result.report.cells["active.rules.issued"] == report.cells["active.rules.issued"]
    variants = result.of_kind(NoteKind.VARIANT)
    assert len(variants) == 2 and all(n.rule == "I-W1" for n in variants)


def test_comma_instead_of_dunhao_in_2021_items(report: Report, text: str) -> None:
    label = report.definition.cells["requests.other_no_fee.natural"].row.label
    result = _import(text.replace(label, label.replace("、", "，")))
    assert result.report.cells["requests.other_no_fee.total"] == report.cells["requests.other_no_fee.total"]
    assert not result.of_kind(NoteKind.VARIANT)  # the spec accepts both: not even a variant


def test_heading_variants(report: Report, text: str) -> None:
    fmt = report.definition
    varied = text.replace(fmt.section("appeals").title, "四、政府信息公开行政复议和行政诉讼情况")
    varied = varied.replace(fmt.section("problems").title, "五、存在问题及改进情况")
    result = _import(varied)
    variants = {n.section: n.source for n in result.of_kind(NoteKind.VARIANT)}
    assert variants == {
        "appeals": "四、政府信息公开行政复议和行政诉讼情况",
        "problems": "五、存在问题及改进情况",
    }
    assert result.report.cells["appeals.cases.review_total"] == report.cells["appeals.cases.review_total"]
    assert [p.text for p in result.report.sections["problems"].paragraphs] == [
        p.text for p in report.sections["problems"].paragraphs
    ]


def test_extra_local_row_is_ignored_and_said(text: str) -> None:
    local = "其他主动公开文件\t3\t2\t1\n"
    anchor = text.index(get_format("2021").section("requests").title)
    result = _import(text[:anchor] + local + text[anchor:])
    (note,) = result.of_kind(NoteKind.IGNORED)
    assert "其他主动公开文件" in note.message and "3、2、1" in note.message


def test_short_and_long_rows_are_left_blank_not_guessed(report: Report, text: str) -> None:
    row = report.definition.layout("requests").row("granted")
    values = [_value(c, report) for c in row.cell_ids]
    line = "\t".join([row.label, *values])
    short = _import(text.replace(line, "\t".join([row.label, *values[:5]])))
    assert all(short.report.cells[c] is None for c in row.cell_ids)
    assert "无法确定" in next(n.message for n in short.of_kind(NoteKind.MISSING) if n.cell == row.cell_ids[0])
    long = _import(text.replace(line, "\t".join([row.label, *values, "9"])))
    assert all(long.report.cells[c] is None for c in row.cell_ids)


def test_empty_marks_and_unreadable_cells(report: Report, text: str) -> None:
    row = report.definition.layout("requests").row("partial")
    values = [_value(c, report) for c in row.cell_ids]
    line = "\t".join([row.label, *values])
    marked = "\t".join([row.label, "—", "_", "/", "无", "约5件", *values[5:]])
    result = _import(text.replace(line, marked))
    assert [result.report.cells[c] for c in row.cell_ids[:5]] == [None] * 5
    kinds = {n.cell: n.kind for n in result.notes if n.cell in row.cell_ids[:5]}
    assert list(kinds.values()) == [NoteKind.MISSING] * 4 + [NoteKind.UNREADABLE]


def test_tables_published_as_images(report: Report) -> None:
    fmt = report.definition
    lines = [f"{report.body.name}{report.year}年政府信息公开工作年度报告", report.preamble[0].text]
    for s in fmt.sections:
        lines.append(s.title)
        lines += [p.text for p in report.section(s.id).paragraphs if p.text]
    result = _import("\n".join(lines))
    assert result.report.format == "2021"  # no headers to go by: the year decides, and it is said
    assert any("没有找到可识别的表头" in n.message for n in result.of_kind(NoteKind.INFO))
    missing_tables = [n for n in result.of_kind(NoteKind.MISSING) if n.rule == "N-E1" and n.cell is None]
    assert {n.section for n in missing_tables} == {"active", "requests", "appeals"}
    assert result.report.cells == {}
    assert result.report.sections["overview"].paragraphs


@pytest.mark.parametrize(
    ("printed", "column", "value", "changed"),
    [
        ("+3", "active.licensing.change", 3, "去掉正号"),
        ("--253", "active.licensing.change", -253, "重复的正负号"),
        ("－8", "active.licensing.change", -8, "全角"),
        # read as printed: no note (issue 16: notes only where the text visibly changed)
        ("15.68万元", "active.procurement.amount", Money(amount=15.68, unit="万元"), None),
        ("799100", "active.procurement.amount", Money(amount=799100, unit=None), None),
        ("0 ", "active.licensing.prev_items", 0, None),  # padding is layout, not a change
        ("\u00a012", "active.licensing.prev_items", 12, None),
        ("\u3000\u30007", "active.licensing.prev_items", 7, None),
        ("1 2", "active.licensing.prev_items", 12, "中间的空格"),
        ("012", "active.licensing.prev_items", 12, "统一数字写法"),
        ("１２", "active.licensing.prev_items", 12, "全角"),
        ("5件", "active.licensing.prev_items", 5, "件"),
        ("-2", "active.licensing.prev_items", -2, "按原数保留"),  # G-E2 then reports it
    ],
)
def test_reading_one_cell(printed: str, column: str, value: object, changed: str | None) -> None:
    reading = read_cell(printed, get_format("2019").cells[column].column)
    assert reading.value == value and reading.error is None
    assert (reading.changed is None) if changed is None else (changed in (reading.changed or ""))


@pytest.mark.parametrize("printed", ["约5", "见附件", "1568元", "1.5.2"])
def test_unreadable_cells_stay_blank(printed: str) -> None:
    column = get_format("2021").cells["active.fees.fee_amount"].column
    if printed != "1568元":
        column = get_format("2021").cells["active.licensing.decisions"].column
    reading = read_cell(printed, column)
    assert reading.error and printed in reading.error
    assert reading.value in (None, Money(unit=column.unit))


def test_roles_in_layout_are_all_known() -> None:
    """Every printed text of both formats' tables is in the importer's vocabulary."""
    from giedit.importers.document import vocabulary

    for fid in ("2019", "2021"):
        fmt, vocab = get_format(fid), vocabulary(fid)
        for layout in fmt.layouts.values():
            for g in layout.grid:
                if g.role is not Role.VALUE and g.text:
                    assert vocab.lookup(g.text) is not None, g.text
