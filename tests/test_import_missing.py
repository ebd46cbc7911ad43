"""What a source lacks stays lacking: empty cells keep their column, a cut-off copy spoils no
complete row, a report without tables still imports, N-E1 survives saving and reopening, and
--year/--body stand in for what the source does not print."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from import_fixtures import filled_report
from test_import_cases import as_text

from giedit.checks import active, check
from giedit.importers import NeedsYear, NoteKind, import_bytes
from giedit.model.storage import load, save

ROW = "一、本年新收政府信息公开申请数量"


def _import(text: str, **options: object):  # type: ignore[no-untyped-def]
    return import_bytes(text.encode("utf-8"), "report.txt", **options)  # type: ignore[arg-type]


def _requests_new(result) -> list[object]:  # type: ignore[no-untyped-def]
    cols = ("natural", "business", "research", "charity", "legal", "other", "total")
    return [result.report.cells.get(f"requests.new.{c}") for c in cols]


def test_tab_row_with_empty_cells_keeps_every_column() -> None:
    text = as_text(filled_report(2024))
    line = next(x for x in text.splitlines() if x.startswith(ROW))
    result = _import(text.replace(line, f"{ROW}\t821\t35\t\t\t2\t1\t859"))
    assert _requests_new(result) == [821, 35, None, None, 2, 1, 859]
    blank = {n.cell: n.reason for n in result.of_kind(NoteKind.MISSING) if n.cell}
    assert blank["requests.new.research"] == blank["requests.new.charity"] == "单元格为空，留空"
    trailing = _import(text.replace(line, f"{ROW}\t821\t35\t\t\t2\t1\t859\t"))  # a separator at the end
    assert _requests_new(trailing) == [821, 35, None, None, 2, 1, 859]


def test_pipe_row_with_an_empty_cell() -> None:
    text = as_text(filled_report(2024))
    line = next(x for x in text.splitlines() if x.startswith("规章\t"))
    for row in ("规章 | 0 | 0 | |", "| 规章 | 0 | 0 | |", "规章｜0｜0｜｜"):
        result = _import(text.replace(line, row))
        cells = [result.report.cells.get(f"active.rules.{c}") for c in ("issued", "repealed", "in_force")]
        assert cells == [0, 0, None], row


def test_a_cut_off_label_does_not_wipe_out_the_row_before_it() -> None:
    text = as_text(filled_report(2024))
    cut = text.index("2.其他法律行政法规禁止公开") + 1  # the copy stops after「2」
    result = _import(text[:cut])
    report = filled_report(2024)
    row = report.definition.layout("requests").row("withheld_secret")
    assert [result.report.cells.get(c) for c in row.cell_ids] == [report.cells[c] for c in row.cell_ids]
    assert any(n.source == "2" and "截断" in n.message for n in result.of_kind(NoteKind.IGNORED))
    tables = [n for n in result.of_kind(NoteKind.MISSING) if n.rule == "N-E1" and n.cell is None]
    assert all("图片" not in n.message for n in tables)  # cut off, not published as an image


def _without_tables(year: int = 2024) -> str:
    report = filled_report(year)
    lines = [f"{report.body.name}{year}年政府信息公开工作年度报告", report.preamble[0].text]
    for s in report.definition.sections:
        lines.append(s.title)
        lines += [p.text for p in report.section(s.id).paragraphs if p.text]
    return "\n".join(lines)


def test_headings_without_tables_import_the_narrative_and_say_why() -> None:
    only_overview = "\n".join(_without_tables().splitlines()[:6])  # title, preamble, 一 and its text
    result = _import(only_overview)
    assert result.report.sections["overview"].paragraphs
    assert result.report.body.name == "青石县白水镇人民政府"
    tables = [n for n in result.of_kind(NoteKind.MISSING) if n.rule == "N-E1" and "全部单元格" in n.message]
    assert {n.section for n in tables} == {"active", "requests", "appeals"}
    assert all("原文没有这一部分" in n.message for n in tables)  # not "published as an image"


def test_missing_table_survives_save_and_reopen_in_check(tmp_path: Path) -> None:
    result = _import(_without_tables())
    target = tmp_path / "imported.giedit"
    save(result.report, target)
    again = load(target)
    assert not any(c.startswith("requests.") for c in again.cells)
    rules = [(f.rule, f.section) for f in active(check(again))]
    assert ("N-E1", "requests") in rules and ("N-E1", "appeals") in rules
    out = subprocess.run(
        [sys.executable, "-m", "giedit", "check", "--json", str(target)], capture_output=True, text=True
    )
    assert out.returncode == 1
    found = json.loads(out.stdout)[0]["findings"]
    assert any(f["rule"] == "N-E1" and "缺少表格" in f["message"] for f in found)


def test_year_and_body_given_for_what_the_source_lacks(tmp_path: Path) -> None:
    text = _without_tables().replace("2024年", "").replace("2024", "")
    text = text.replace("青石县白水镇人民政府", "").replace("白水镇", "本镇")
    with pytest.raises(NeedsYear):
        _import(text)
    result = _import(text, year=2024, body="青石县白水镇人民政府")
    assert result.report.year == 2024 and result.report.body.name == "青石县白水镇人民政府"
    assert result.report.body.kind is not None
    source = tmp_path / "no-year.txt"
    source.write_text(text, encoding="gbk")
    refused = subprocess.run(
        [sys.executable, "-m", "giedit", "import", str(source), "-o", str(tmp_path / "a.giedit")],
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and "--year" in refused.stderr
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "giedit",
            "import",
            str(source),
            "-o",
            str(tmp_path / "b.giedit"),
            "--json",
            "--year",
            "2024",
            "--body",
            "青石县白水镇人民政府",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert (doc["year"], doc["body"], doc["reader"]) == (2024, "青石县白水镇人民政府", "纯文本")
    assert "GB18030" in doc["encoding"]
    new = subprocess.run(
        [
            sys.executable,
            "-m",
            "giedit",
            "new",
            "--from",
            str(source),
            "--year",
            "2025",
            "--body",
            "青石县白水镇人民政府",
            "-o",
            str(tmp_path / "c.giedit"),
        ],
        capture_output=True,
        text=True,
    )
    assert new.returncode == 0, new.stderr
    rolled = load(tmp_path / "c.giedit")
    assert rolled.year == 2025 and rolled.previous is not None and rolled.previous.year == 2024
    assert rolled.body.name == "青石县白水镇人民政府"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅"),
        ("青石县白水镇人民政府2024年政府信息公开\n工作年度报告", "青石县白水镇人民政府"),
        ("青石县白水镇人民政府\n2024年政府信息公开工作年度报告", "青石县白水镇人民政府"),
        (
            "当前位置：首页 > 政务公开 > 年报\n青石县白水镇人民政府2024年政府信息公开工作年度报告",
            "青石县白水镇人民政府",
        ),
    ],
)
def test_body_name_from_the_title_in_every_shape(title: str, body: str) -> None:
    text = _without_tables().split("\n", 1)[1]
    result = _import(f"{title}\n{text}")
    assert result.report.body.name == body


def test_body_from_the_preamble_and_never_a_sentence() -> None:
    lines = _without_tables().splitlines()
    lines[0] = "2024年政府信息公开工作年度报告"
    lines[1] = (
        "根据《中华人民共和国政府信息公开条例》要求，现发布《青石县白水镇2024年政府信息公开工作年度报告》。"
    )
    result = _import("\n".join(lines))
    assert result.report.body.name.startswith("青石县白水镇")
    lines[1] = "根据《中华人民共和国"
    unsure = _import("\n".join(lines))
    assert unsure.report.body.name == ""
    assert any("机关名称" in n.message for n in unsure.of_kind(NoteKind.MISSING))


def _pipe_rendering(text: str, one_cell_per_line: bool = False) -> str:
    """The tab rows rendered the way portal pages copied as text show them: ``规章 | 0 | 0 | 0 |``,
    a merged title ``第二十条第(一)项 | |||``, a widened value ``行政许可 | 7 | ||``; or each cell on
    its own line ending in `` |``."""
    out = []
    for line in text.splitlines():
        if "\t" not in line:
            if line.startswith("第二十条"):
                line += " | |||"
            out.append(line)
            continue
        cells = line.split("\t")
        if one_cell_per_line:
            out += [f"{c} |" for c in cells]
        else:
            pad = " ||" if len(cells) == 2 else ""
            out.append(" | ".join(cells) + " |" + pad)
    return "\n".join(out)


@pytest.mark.parametrize("one_cell_per_line", [False, True])
def test_portal_text_shapes_of_pipe_tables(one_cell_per_line: bool) -> None:
    report = filled_report(2023)
    result = _import(_pipe_rendering(as_text(report), one_cell_per_line))
    wrong = {
        c: (report.cells[c], result.report.cells.get(c))
        for c in report.cells
        if result.report.cells.get(c) != report.cells[c]
    }
    assert wrong == {}


def test_a_copy_cut_off_after_the_first_heading_still_imports() -> None:
    text = "\n".join(_without_tables().splitlines()[1:6])  # no title: preamble, 一 and its text
    result = _import(text)
    assert result.report.year == 2024 and result.report.sections["overview"].paragraphs
    missing = {n.section for n in result.of_kind(NoteKind.MISSING) if n.rule == "N-E1"}
    assert {"active", "requests", "appeals", "problems", "other"} <= missing


def test_undoing_a_first_entry_in_a_missing_table_leaves_it_missing() -> None:
    from giedit.model import edits

    report = _import(_without_tables()).report
    edit = edits.enter(report, "requests.new.natural", "4")
    edit.apply(report)
    assert report.cells["requests.new.natural"] == 4 and report.cells["requests.new.total"] == 4
    edit.revert(report)
    assert not any(c.startswith("requests.") for c in report.cells)
    assert any(f.rule == "N-E1" and "缺少表格" in f.message for f in check(report))
