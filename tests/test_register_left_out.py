"""Register rows that could not be counted stay known after table 三 is filled (QA qa25b, defect 4):
kept in the report's register link, saved and read back, raised as warning T2-W5 until the
register counts cleanly; files written before the link kept them still open."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from giedit.checks import check
from giedit.cli import main
from giedit.model.register_link import unresolved_rows
from giedit.model.storage import dumps, load, loads, save

ROOT = Path(__file__).resolve().parent
D = dt.date
HEADER = ["收到日期", "申请人类型", "申请内容", "答复日期", "办理结果"]
ROWS = [
    [D(2024, 1, 5), "个人", "甲", D(2024, 1, 9), "予以公开"],
    [D(2024, 2, 5), "人大代表", "乙", D(2024, 2, 9), "予以公开"],
    [D(2024, 3, 5), "个人", "丙", D(2024, 3, 9), "告知另行申请"],
    [D(2024, 4, 5), "个人", "丁", D(2024, 4, 9), "部分公开"],
]


def _register(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _t2w5(report) -> list:
    return [f for f in check(report) if f.rule == "T2-W5"]


def test_unresolved_rows_are_kept_saved_and_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reg = _register(tmp_path / "台账.xlsx", ROWS)
    out = tmp_path / "2024.giedit"
    assert main(["register", str(reg), "--year", "2024", "-o", str(out)]) == 1
    capsys.readouterr()
    report = load(out)  # saved and read back
    assert report.register_link.unresolved == "3-4"
    assert unresolved_rows(report) == [3, 4]
    assert report.cells["requests.new.total"] == 2
    (found,) = _t2w5(report)
    assert found.severity == "warning" and found.cells == ("requests.new.total",)
    assert found.message.startswith("表三少计了 2 件申请：台账第 3–4 行未能计入。")

    # The register corrected: a recount clears the rows, the warning and the key in the file.
    _register(reg, [ROWS[0], [*ROWS[1][:1], "个人", *ROWS[1][2:]], [*ROWS[2][:4], "予以公开"], ROWS[3]])
    assert main(["register", str(reg), "--into", str(out)]) == 0
    capsys.readouterr()
    report = load(out)
    assert report.register_link.unresolved == "" and unresolved_rows(report) == []
    assert _t2w5(report) == []
    assert "unresolved" not in json.loads(out.read_text(encoding="utf-8"))["report"]["register_link"]


def test_a_link_saved_before_unresolved_rows_were_kept_still_loads(tmp_path: Path, capsys) -> None:
    reg = _register(tmp_path / "台账.xlsx", ROWS[:1])
    out = tmp_path / "2024.giedit"
    assert main(["register", str(reg), "--year", "2024", "-o", str(out)]) == 0
    capsys.readouterr()
    doc = json.loads(out.read_text(encoding="utf-8"))
    link = doc["report"]["register_link"]
    assert "unresolved" not in link  # the file as the previous release wrote it
    report = loads(json.dumps(doc, ensure_ascii=False))
    assert report.register_link is not None and report.register_link.unresolved == ""
    assert _t2w5(report) == []
    # The fixture of file format 3 (no register at all) reads as before.
    assert load(ROOT / "fixtures" / "file_format_3.giedit").register_link is None
    # And a link with rows left out survives a save of its own.
    report.register_link.unresolved = "7,9-10"
    save(report, tmp_path / "again.giedit")
    assert loads(dumps(report)).register_link.unresolved == "7,9-10"
    assert unresolved_rows(load(tmp_path / "again.giedit")) == [7, 9, 10]
