"""Register sheets as offices lay them out (QA qa25b): a 合计 row and notes under the table, merged
cells in the data area, headers giedit does not know. Real .xlsx/.csv files written and read back
through ``read_register`` and the ``giedit register`` command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from giedit.cli import main
from giedit.model.storage import load

D = dt.date
HEADER = ["序号", "收到日期", "申请人", "申请人类型", "申请内容", "答复日期", "办理结果"]


def _xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _register(capsys: pytest.CaptureFixture[str], path: Path, year: int = 2025) -> tuple[int, dict]:
    out = path.with_suffix(".giedit")
    status = main(["register", str(path), "--year", str(year), "-o", str(out), "--json"])
    return status, json.loads(capsys.readouterr().out)


def test_total_and_note_rows_are_skipped_with_a_note(tmp_path: Path, capsys) -> None:
    rows = [
        [1, D(2025, 3, 1), "张三", "个人", "事项一", D(2025, 3, 9), "予以公开"],
        [2, D(2025, 4, 1), "李四", "个人", "事项二", D(2025, 4, 9), "部分公开"],
        ["合计", None, None, None, "共2件"],
        [None, "小计：2件"],
        ["说明：1.本台账按收到日期登记；2.办理结果按年报口径填写。"],  # no column giedit reads: passed over
        ["备注", None, None, None, "无"],
        [3, None, "王五", "个人", "事项三", D(2025, 5, 9), "予以公开"],  # an application without a date
        [None, "注：第3号申请收到日期待查"],
    ]
    status, result = _register(capsys, _xlsx(tmp_path / "台账.xlsx", rows))
    assert status == 1  # row 8 is an application whose date is missing: still unresolved
    assert [i["row"] for i in result["unresolved"]] == [8]
    assert [i["message"] for i in result["skipped"]] == [
        "第 4 行像是合计行，未计入",
        "第 5 行像是合计行，未计入",
        "第 7 行像是说明或备注，未计入",
        "第 9 行像是说明或备注，未计入",
    ]
    assert result["rows"] == 3 and result["counted"] == 2


def test_a_total_row_alone_does_not_hold_back_the_command(tmp_path: Path, capsys) -> None:
    rows = [
        [1, D(2025, 3, 1), "张三", "个人", "事项一", D(2025, 3, 9), "予以公开"],
        ["总计", None, None, None, "1"],
    ]
    reg = _xlsx(tmp_path / "台账.xlsx", rows)
    out = tmp_path / "r.giedit"
    assert main(["register", str(reg), "--year", "2025", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "第 3 行像是合计行，未计入" in text and "未能计入" not in text
    assert load(out).register_link.unresolved == ""


def test_merged_cells_give_their_value_to_every_row(tmp_path: Path, capsys) -> None:
    """QA qa25b defect 7: a value merged over several applications counts for each of them."""
    wb = Workbook()
    ws = wb.active
    ws.append(["某某镇依申请公开登记台账"])  # a title merged across the columns: carries nothing
    ws.append(HEADER)
    ws.append([1, D(2025, 3, 1), "某公司", "企业", "事项A", D(2025, 3, 10), "予以公开"])
    ws.append([2, D(2025, 3, 1), None, None, "事项B", None, "部分公开"])
    ws.append([3, D(2025, 4, 1), "张三", "个人", "事项C", D(2025, 4, 10), "予以公开"])
    ws.append([4, D(2025, 4, 2), "李四", "个人", "事项D", D(2025, 4, 12), None])
    ws.append([5, D(2025, 5, 2), "王五", "个人", "事项E", D(2025, 5, 12), "不掌握"])
    ws.append([6, D(2025, 5, 3), "赵六", None, "事项F", D(2025, 5, 13), None])
    ws.merge_cells("A1:G1")
    for ref in ("C3:C4", "D3:D4", "F3:F4", "G5:G6", "D7:E8", "G7:G8"):
        ws.merge_cells(ref)
    wb.save(tmp_path / "合并单元格.xlsx")

    from giedit.importers.register_reader import read_register

    sheet = read_register(tmp_path / "合并单元格.xlsx")
    assert sheet.header_row == 2
    entries = {e.row: e for e in sheet.entries()}
    assert (entries[4].name, entries[4].applicant, entries[4].answered) == ("某公司", "企业", D(2025, 3, 10))
    assert entries[4].result == "部分公开"  # its own value, not the neighbour's
    assert entries[6].result == "予以公开"
    assert entries[8].applicant == "个人" and entries[8].content == ""  # down the first column only
    assert entries[8].result == "不掌握"
    status, result = _register(capsys, tmp_path / "合并单元格.xlsx")
    assert status == 0 and result["unresolved"] == [] and result["counted"] == 6
    report = load(tmp_path / "合并单元格.giedit")
    assert report.cells["requests.new.business"] == 2
    assert report.cells["requests.partial.business"] == 1


def test_unknown_headers_are_named_to_the_clerk(tmp_path: Path, capsys) -> None:
    """QA qa25b defect 2: headers giedit does not know are the header row the clerk maps from."""
    reg = tmp_path / "台账.csv"
    reg.write_text(
        "某某镇依申请公开登记台账\n序号,日期,姓名,类别,回复日期,结果\n1,2025-01-03,张三,个人,2025-01-09,予以公开\n",
        encoding="utf-8-sig",
    )
    from giedit.importers.register_reader import read_register

    sheet = read_register(reg)
    assert sheet.header_row == 2 and sheet.headers == ["序号", "日期", "姓名", "类别", "回复日期", "结果"]
    assert len(sheet.missing) == 4
    out = tmp_path / "r.giedit"
    assert main(["register", str(reg), "--year", "2025", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "（第 2 行的表头是：序号、日期、姓名、类别、回复日期、结果）" in err
    assert "「台账.csv」中找不到" in err and "工作表" not in err  # a .csv has no sheets to name
    assert not out.exists()


def test_text_named_xlsx_is_refused_as_not_excel(tmp_path: Path, capsys) -> None:
    """QA qa25b defect 10: a text file called .xlsx is not read as CSV."""
    fake = tmp_path / "台账.xlsx"
    fake.write_text(
        "收到日期,申请人类型,答复日期,办理结果\n2025-01-03,个人,2025-01-09,予以公开\n", encoding="utf-8"
    )
    out = tmp_path / "r.giedit"
    assert main(["register", str(fake), "--year", "2025", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "「台账.xlsx」不是 Excel 表格文件" in err and "Traceback" not in err
    assert not out.exists()


def test_dates_written_the_chinese_way(tmp_path: Path, capsys) -> None:
    """QA qa25b defect 12: 2025年3月4号 and 2025。3。4 (a Chinese full stop) are dates."""
    rows = [
        [1, "2025年3月4号", "张三", "个人", "事项一", "2025。3。14", "予以公开"],
        [2, "2025。4。1", "李四", "个人", "事项二", "2025年4月9号", "部分公开"],
    ]
    status, result = _register(capsys, _xlsx(tmp_path / "台账.xlsx", rows))
    assert status == 0 and result["unresolved"] == [] and result["counted"] == 2
    report = load(tmp_path / "台账.giedit")
    assert report.cells["requests.granted.natural"] == 1 and report.cells["requests.partial.natural"] == 1


def test_a_csv_register_is_not_called_a_sheet(tmp_path: Path, capsys) -> None:
    """QA qa25b item 13: a .csv was named 工作表「bom」 after its file name."""
    reg = tmp_path / "bom.csv"
    reg.write_text(
        ",".join(HEADER) + "\n1,2025-03-01,张三,个人,事项,2025-03-09,予以公开\n", encoding="utf-8-sig"
    )
    out = tmp_path / "r.giedit"
    assert main(["register", str(reg), "--year", "2025", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("台账「bom.csv」（表头在第 1 行）") and "工作表" not in text
    assert load(out).register_link.sheet is None
