"""DOCX import: the shared Word sample, Word files built like real ones, and giedit's own exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx_builder import Style, build_docx
from import_fixtures import filled_report
from paths import SHARED

from giedit.importers import NoteKind, import_bytes, import_file
from giedit.model.dump import dump
from giedit.model.report import Report
from giedit.model.values import Money

WORD_SAMPLE = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"
Z7 = [0] * 7


def test_word_sample_imports_with_every_cell() -> None:
    result = import_file(WORD_SAMPLE)
    r = result.report
    assert (r.format, r.year) == ("2021", 2022)
    assert r.body.name == "青峪县石河镇人民政府"
    assert (r.contact.phone, r.contact.postcode, r.contact.email) == (
        "0318-7621035",
        "062450",
        "qysh_zwgk@163.com",
    )
    assert r.contact.address == "青峪县石河镇河东街18号"
    assert (r.signature, r.date) == ("青峪县石河镇人民政府", dt.date(2023, 1, 18))
    assert result.missing_cells == []
    tables = {t["id"]: [row["values"] for row in t["rows"]] for t in dump(r)["tables"]}
    assert tables["active"] == [[0, 0, 0], [2, 1, 7], [36], [14], [0], [{"amount": 0, "unit": "万元"}]]
    assert tables["requests"] == [
        [9, 2, 0, 0, 1, 0, 12],  # 一、本年新收
        [1, 0, 0, 0, 0, 0, 1],  # 二、上年结转
        [3, 1, 0, 0, 0, 0, 4],  # （一）予以公开
        [1, 0, 0, 0, 0, 0, 1],  # （二）部分公开
        Z7,
        Z7,
        Z7,
        [1, 0, 0, 0, 0, 0, 1],  # （三）4.
        Z7,
        [0, 1, 0, 0, 0, 0, 1],  # （三）6.
        Z7,
        Z7,
        [2, 0, 0, 0, 1, 0, 3],  # （四）1.
        Z7,
        [1, 0, 0, 0, 0, 0, 1],  # （四）3.
        [1, 0, 0, 0, 0, 0, 1],  # （五）1.
        Z7,
        Z7,
        Z7,
        Z7,
        Z7,  # （六）1.
        Z7,
        Z7,
        [9, 2, 0, 0, 1, 0, 12],  # （七）总计
        [1, 0, 0, 0, 0, 0, 1],  # 四、结转下年度继续办理
    ]
    assert tables["appeals"] == [[1, 0, 0, 1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]]
    # half-width brackets in the labels are matched through NFKC, not as variants
    assert not result.of_kind(NoteKind.VARIANT, NoteKind.IGNORED, NoteKind.UNREADABLE)
    assert r.section("active").paragraphs[0].text == "该部分以表格形式报告。表格如下："
    assert [p.text[:6] for p in r.section("other").paragraphs] == ["依据《政府信", "本年度承办县"]


def _same(imported: Report, original: Report) -> None:
    assert (imported.format, imported.year) == (original.format, original.year)
    diff = {c: (original.cells.get(c), imported.cells.get(c)) for c in original.definition.cells}
    assert {c: v for c, v in diff.items() if v[0] != v[1]} == {}
    for s in original.definition.sections:
        got = [(p.level, p.text) for p in imported.section(s.id).paragraphs]
        assert got == [(p.level, p.text) for p in original.section(s.id).paragraphs], s.id
    assert imported.body.name == original.body.name
    assert imported.contact == original.contact
    assert (imported.signature, imported.date) == (original.signature, original.date)


STYLES = {
    "as-real": Style(),
    "chars-vertical-split-repeated-header": Style(
        vertical="chars", split=("requests", 14), repeat_header=True
    ),
    "split-no-header-plain": Style(split=("requests", 9), pad=False, break_headers=False, vertical=""),
    "split-active-unmerged-values": Style(split=("active", 6), unmerged_values=True),
    "split-appeals-header": Style(split=("appeals", 2)),
}


@pytest.mark.parametrize("year", [2020, 2024])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_word_files_like_real_ones(year: int, style: str) -> None:
    original = filled_report(year)
    result = import_bytes(build_docx(original, STYLES[style]), "报告.docx")
    _same(result.report, original)
    assert not result.of_kind(NoteKind.UNREADABLE, NoteKind.IGNORED)
    assert result.report.definition.id == ("2019" if year == 2020 else "2021")


def test_padding_is_one_line_not_a_note_per_cell() -> None:
    """Padded numbers read as printed: one G-W1 line counts them, no cell gets a note of its own."""
    result = import_bytes(build_docx(filled_report(2024), Style(pad=True)), "报告.docx")
    assert result.of_kind(NoteKind.NORMALISED) == []
    padded = [n for n in result.of_kind(NoteKind.READ) if n.source and n.source != n.source.strip()]
    (line,) = [n for n in result.of_kind(NoteKind.INFO) if "前后带有空白" in n.message]
    assert padded and line.message.startswith(f"{len(padded)} 格") and line.rule == "G-W1"


def test_format_comes_from_headers_not_year() -> None:
    """A 2022 report still printed with the 2019 tables (佳县螅镇 2022) keeps the 2019 format."""
    old_tables = filled_report(2020)
    old_tables.year = 2022
    old_tables.period = "2022年1月1日至2022年12月31日"
    result = import_bytes(build_docx(old_tables), "2022.docx")
    assert (result.report.year, result.report.format) == (2022, "2019")


def test_blank_word_cells_stay_blank_with_reason() -> None:
    report = filled_report(2024)
    report.cells["requests.granted.business"] = None
    report.cells["active.licensing.decisions"] = None
    result = import_bytes(build_docx(report), "x.docx")
    assert result.report.cells["requests.granted.business"] is None
    assert result.report.cells["requests.granted.natural"] == report.cells["requests.granted.natural"]
    assert result.report.cells["requests.granted.research"] == report.cells["requests.granted.research"]
    missing = {n.cell: n.message for n in result.of_kind(NoteKind.MISSING) if n.cell}
    assert set(missing) == {"requests.granted.business", "active.licensing.decisions"}
    assert all("单元格为空" in m for m in missing.values())


@pytest.mark.parametrize("year", [2020, 2024])
def test_export_then_import_gives_equal_tables(year: int, tmp_path: Path) -> None:
    from giedit.export import export_docx

    original = filled_report(year)
    target = export_docx(original, tmp_path / "报告.docx")
    result = import_file(target)
    _same(result.report, original)


@pytest.mark.parametrize(
    "sample", sorted((SHARED / "samples" / "published-2020").glob("*.txt")), ids=lambda p: p.name[:3]
)
def test_published_text_export_import_round_trip(sample: Path, tmp_path: Path) -> None:
    from giedit.export import export_docx

    first = import_file(sample).report
    again = import_file(export_docx(first, tmp_path / "r.docx")).report
    assert {c: again.cells.get(c) for c in first.cells} == first.cells
    assert again.body.name == first.body.name and again.contact == first.contact


def test_money_unit_in_cell() -> None:
    report = filled_report(2020)
    report.cells["active.procurement.amount"] = Money(amount=1424.4, unit="万元")
    result = import_bytes(build_docx(report), "x.docx")
    assert result.report.cells["active.procurement.amount"] == Money(amount=1424.4, unit="万元")
