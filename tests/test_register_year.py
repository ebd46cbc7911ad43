"""The register of the report year (QA qa25b, defect 1): a workbook with one sheet per year is read
from the sheet of the report year, and a register with no application received or answered in
that year is not turned silently into a table of zeros. Real .xlsx files written with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from giedit.cli import main
from giedit.importers.register_reader import read_register
from giedit.model.formats import FORMAT_2021
from giedit.model.register_counts import count
from giedit.model.storage import load

D = dt.date
HEADER = ["序号", "收到日期", "申请人", "申请人类型", "申请内容", "答复日期", "办理结果"]


def _year_rows(year: int, n: int = 10) -> list[list[object]]:
    return [
        [i + 1, D(year, 1 + i, 3), f"人{year}{i}", "个人", f"事项{i}", D(year, 1 + i, 12), "予以公开"]
        for i in range(n)
    ]


def _book(path: Path, sheets: dict[str, list[list[object]] | None]) -> Path:
    """A workbook of register sheets; ``None``: a sheet of instructions, not a register."""
    wb = Workbook()
    for k, (title, rows) in enumerate(sheets.items()):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = title
        ws.append(HEADER if rows is not None else ["填表说明：每收到一件申请登记一行。"])
        for r in rows or ():
            ws.append(r)
    wb.save(path)
    return path


def test_the_sheet_named_for_the_year_is_read(tmp_path: Path) -> None:
    reg = _book(tmp_path / "多年台账.xlsx", {"2024年": _year_rows(2024), "2025年": _year_rows(2025, 4)})
    assert read_register(reg, year=2025).name == "2025年"
    assert read_register(reg, year=2024).name == "2024年"
    assert read_register(reg).name == "2024年"  # no year: the first sheet with a header, as before
    assert read_register(reg, "2024年", year=2025).name == "2024年"  # a sheet named by the clerk wins


def test_without_a_year_in_the_names_the_sheet_with_most_rows_of_the_year(tmp_path: Path) -> None:
    reg = _book(
        tmp_path / "台账.xlsx",
        {
            "说明": None,
            "旧台账": _year_rows(2024),
            "新台账": _year_rows(2025, 3),
            "汇总": _year_rows(2024, 2),
        },
    )
    assert read_register(reg, year=2025).name == "新台账"
    assert read_register(reg, year=2024).name == "旧台账"
    assert read_register(reg, year=2030).name == "旧台账"  # no sheet of that year: the first one


def test_a_register_of_another_year_is_named_not_counted_as_zeros(tmp_path: Path) -> None:
    sheet = read_register(_book(tmp_path / "台账2024.xlsx", {"台账": _year_rows(2024)}), year=2025)
    tally = count(sheet.entries(), FORMAT_2021, 2025)
    assert tally.wrong_year and tally.in_year == 0 and tally.total_rows == 10
    assert tally.wrong_year_message() == "台账中没有 2025 年收到或办结的申请，是否选错了台账或工作表？"
    right = count(sheet.entries(), FORMAT_2021, 2024)
    assert not right.wrong_year and right.in_year == 10
    # An application of 2024 answered in 2025 belongs to 2025: not the wrong register.
    late = _book(
        tmp_path / "跨年.xlsx",
        {"台账": [[1, D(2024, 12, 20), "甲", "个人", "事项", D(2025, 1, 6), "予以公开"]]},
    )
    assert not count(read_register(late).entries(), FORMAT_2021, 2025).wrong_year


def test_cli_picks_the_year_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg = _book(tmp_path / "多年台账.xlsx", {"2024年": _year_rows(2024), "2025年": _year_rows(2025, 4)})
    out = tmp_path / "2025.giedit"
    assert main(["register", str(reg), "--year", "2025", "-o", str(out)]) == 0
    assert "工作表「2025年」" in capsys.readouterr().out
    report = load(out)
    assert report.cells["requests.new.natural"] == 4 and report.register_link.sheet == "2025年"


def test_cli_refuses_a_register_without_the_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reg = _book(tmp_path / "台账2024.xlsx", {"2024年": _year_rows(2024)})
    out = tmp_path / "2025.giedit"
    assert main(["register", str(reg), "--year", "2025", "-o", str(out)]) == 2
    streams = capsys.readouterr()
    assert "台账中没有 2025 年收到或办结的申请，是否选错了台账或工作表？" in streams.err
    assert streams.out == "" and not out.exists()
    # The clerk checked: an office with only carried-over work may confirm it.
    assert main(["register", str(reg), "--year", "2025", "-o", str(out), "--confirm-year"]) == 0
    assert load(out).cells["requests.new.total"] == 0
