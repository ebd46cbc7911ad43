"""Sources that are neither one format nor complete: a 2019 template with the 2021 （六） rows
typed in (common in 2021–2023 reports), a copy cut off inside a label, tables published as
pictures. Each must keep every cell it can and say exactly what it could not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_fixtures import filled_report
from test_import_cases import as_text

from giedit.checks import active, check
from giedit.importers import NoteKind, import_bytes
from giedit.importers.result import ImportResult
from giedit.model.report import Report

SUB_ROWS = ("other_no_correction", "other_no_fee", "other_misc")


def _import(text: str) -> ImportResult:
    return import_bytes(text.encode("utf-8"), "report.txt")


def _hybrid() -> tuple[str, Report, Report]:
    """A 2022 report printed in the 2019 template whose （六） row was replaced by the three
    2021 rows, each with its numbers."""
    printed, new = filled_report(2019), filled_report(2022)
    old = as_text(printed)
    six = next(x for x in old.splitlines() if x.startswith("（六）其他处理\t"))
    rows = as_text(new).splitlines()
    start = next(i for i, x in enumerate(rows) if "1.申请人无正当理由逾期不补正" in x)
    typed = [rows[start].split("\t", 1)[1], rows[start + 1], rows[start + 2]]  # 1. without the group cell
    text = old.replace(six, "\n".join(["（六）其他处理", *typed])).replace("2019年", "2022年")
    return text, printed, new


def test_hybrid_2019_template_with_2021_rows_is_read_row_by_row() -> None:
    text, printed, expected = _hybrid()
    result = _import(text)
    report = result.report
    assert (report.year, report.format) == (2022, "2021")
    layout = report.definition.layout("requests")
    for rid in SUB_ROWS:
        row = layout.row(rid)
        assert [report.cells.get(c) for c in row.cell_ids] == [expected.cells[c] for c in row.cell_ids], rid
    # the rows both formats print are read in full
    for row in layout.rows:
        if row.id not in SUB_ROWS:
            assert [report.cells.get(c) for c in row.cell_ids] == [printed.cells[c] for c in row.cell_ids], (
                row.id
            )
    appeals = report.definition.layout("appeals").rows[0].cell_ids
    assert [report.cells.get(c) for c in appeals] == [printed.cells[c] for c in appeals]
    rules = {f.rule for f in active(check(report))}
    assert "F-E1" not in rules  # a 2022 report in the format of its year
    infos = [n.message for n in result.of_kind(NoteKind.INFO)]
    assert any("混用两种格式" in m for m in infos)
    # the 2019 table 二 rows whose columns mean something else are named with their numbers
    lost = [n.message for n in result.of_kind(NoteKind.IGNORED)]
    assert any(m.startswith("「规章」一行按2019年格式") and "含义不同" in m for m in lost)
    assert any("政府集中采购" in m and "没有这一行" in m for m in lost)


def test_a_report_wholly_in_the_2019_tables_keeps_that_format() -> None:
    result = _import(as_text(filled_report(2019)).replace("2019年", "2022年"))
    assert result.report.format == "2019"
    assert "F-E1" in {f.rule for f in active(check(result.report))}  # the outdated format is said


def test_a_2019_other_row_in_a_2021_report_splits_only_when_all_zero() -> None:
    """The 2019 （六） row is the three 2021 rows together: all 0 gives three rows of 0,
    any other figure leaves them blank with the printed numbers in a note."""
    new = as_text(filled_report(2022)).splitlines()
    start = next(i for i, x in enumerate(new) if "1.申请人无正当理由逾期不补正" in x)
    for figures, expected in (("0", 0), ("3", None)):
        lines = [*new[:start], "\t".join(["（六）其他处理", *[figures] * 7]), *new[start + 3 :]]
        result = _import("\n".join(lines))
        layout = result.report.definition.layout("requests")
        cells = [result.report.cells.get(c) for rid in SUB_ROWS for c in layout.row(rid).cell_ids]
        assert cells == [expected] * 21, figures
        if expected is None:
            assert any(
                "（六）其他处理" in n.message and "3" in n.message
                for n in result.notes
                if n.kind in (NoteKind.IGNORED, NoteKind.MISSING)
            )


def test_a_flattened_copy_cut_off_inside_the_next_label() -> None:
    report = filled_report(2024)
    text = as_text(report, sep=" ")
    cut = text.index("2.其他法律行政法规禁止公开") + len("2.其他法")
    result = _import(text[:cut])
    row = report.definition.layout("requests").row("withheld_secret")
    assert [result.report.cells.get(c) for c in row.cell_ids] == [report.cells[c] for c in row.cell_ids]
    assert any(n.source == "2.其他法" and "截断" in n.message for n in result.of_kind(NoteKind.IGNORED))
    summary = [n.message for n in result.of_kind(NoteKind.INFO, NoteKind.MISSING)]
    assert not any("图片" in m for m in summary)  # cut off, not a picture


def _page(table_html: str) -> bytes:
    report = filled_report(2024)
    parts = [
        f"<h1>{report.body.name}2024年政府信息公开工作年度报告</h1>",
        f"<p>{report.preamble[0].text}</p>",
    ]
    for s in report.definition.sections:
        parts.append(f"<p>{s.title}</p>")
        parts += [f"<p>{p.text}</p>" for p in report.section(s.id).paragraphs if p.text]
        if s.table:
            parts.append(table_html)
    return f"<html><body>{''.join(parts)}</body></html>".encode()


@pytest.mark.parametrize(
    ("picture", "says_picture"),
    [
        ('<p><img src="t.png" width="600" height="400"></p>', True),
        ('<p><img src="i.png" width="16"></p>', False),
    ],
)
def test_tables_published_as_pictures_are_said_to_be(picture: str, says_picture: bool) -> None:
    result = import_bytes(_page(picture), "report.html")
    tables = [n for n in result.of_kind(NoteKind.MISSING) if n.rule == "N-E1" and n.cell is None]
    assert {n.section for n in tables} == {"active", "requests", "appeals"}
    assert all(("图片" in n.message) is says_picture for n in tables), [n.message for n in tables]
    assert result.report.sections["overview"].paragraphs  # the narrative is imported all the same


def test_a_word_file_with_its_tables_pasted_as_pictures(tmp_path: Path) -> None:
    import docx
    from PIL import Image

    picture = tmp_path / "table.png"
    Image.new("RGB", (600, 400), "white").save(picture)
    report = filled_report(2024)
    doc = docx.Document()
    doc.add_paragraph(f"{report.body.name}2024年政府信息公开工作年度报告")
    doc.add_paragraph(report.preamble[0].text)
    for s in report.definition.sections:
        doc.add_paragraph(s.title)
        for p in report.section(s.id).paragraphs:
            doc.add_paragraph(p.text)
        if s.table:
            doc.add_picture(str(picture), width=docx.shared.Cm(15))
    target = tmp_path / "report.docx"
    doc.save(str(target))
    result = import_bytes(target.read_bytes(), "report.docx")
    tables = [n for n in result.of_kind(NoteKind.MISSING) if n.rule == "N-E1" and n.cell is None]
    assert len(tables) == 3 and all("图片" in n.message for n in tables)
    assert result.report.sections["overview"].paragraphs
