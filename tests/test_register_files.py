"""``giedit register`` on bad registers, the template, and the other file kinds (issue 19).

Real files throughout: an .xlsx with unknown values, one with an answer dated before receipt, an
empty sheet, a password-protected .xlsx (encrypted with msoffcrypto-tool), a damaged one, a
100,000-row sheet (refused in bounded time, in a real process), an .xls converted through
LibreOffice, and the template reopened by openpyxl and by LibreOffice Calc.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from register_fixtures import expected_cells, generate, write_xlsx

from giedit.cli import main
from giedit.importers import register_reader
from giedit.importers.register_reader import RegisterUnreadable, read_register
from giedit.model.report import new_report
from giedit.model.storage import load, save

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
HEADER = ["收到日期", "申请人类型", "申请内容", "答复日期", "办理结果"]


def _xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["register", *args])
    out = capsys.readouterr()
    return status, out.out, out.err


D = dt.date


def test_unknown_values_are_listed_then_mapped_once(tmp_path: Path, capsys) -> None:
    reg = _xlsx(
        tmp_path / "台账.xlsx",
        [
            [D(2024, 1, 5), "个人", "甲", D(2024, 1, 9), "予以公开"],
            [D(2024, 2, 5), "人大代表", "乙", D(2024, 2, 9), "予以公开"],
            [D(2024, 3, 5), "个人", "丙", D(2024, 3, 9), "告知另行申请"],
        ],
    )
    out = tmp_path / "r.giedit"
    status, text, _ = _run(capsys, str(reg), "--year", "2024", "-o", str(out))
    assert status == 1
    assert "第 3 行：申请人类型「人大代表」无法识别" in text
    assert "第 4 行：办理结果「告知另行申请」无法对应到表三的办理结果" in text
    report = load(out)  # written, from the rows that could be counted
    assert report.cells["requests.new.total"] == 1
    # The editor's dialog keeps the clerk's readings in the report; a recount uses them.
    report.register_link.values = {"applicant:人大代表": "other", "result:告知另行申请": "other_misc"}
    save(report, out)
    status, text, _ = _run(capsys, str(reg), "--into", str(out))
    assert status == 0, text
    report = load(out)
    assert report.cells["requests.new.total"] == 3
    assert report.cells["requests.other_misc.natural"] == 1
    assert report.cells["requests.granted.other"] == 1


def test_answer_before_receipt_is_named_by_row(tmp_path: Path, capsys) -> None:
    reg = _xlsx(tmp_path / "t.xlsx", [[D(2024, 5, 10), "个人", "甲", D(2024, 5, 1), "予以公开"]])
    status, text, _ = _run(capsys, str(reg), "--year", "2024", "-o", str(tmp_path / "r.giedit"), "--json")
    assert status == 1
    issue = json.loads(text)["unresolved"][0]
    assert issue["row"] == 2 and issue["kind"] == "answer_before_receipt"
    assert "早于收到日期" in issue["message"]


def _refused(capsys, tmp_path: Path, reg: Path, into: bool = False) -> str:
    """Exit 2 with a Chinese message and nothing written (a new file, or the report untouched)."""
    if into:
        target = tmp_path / "existing.giedit"
        save(new_report(2024), target, backup=False)
        before = target.read_bytes()
        status, text, err = _run(capsys, str(reg), "--into", str(target))
        assert target.read_bytes() == before
    else:
        target = tmp_path / "new.giedit"
        status, text, err = _run(capsys, str(reg), "--year", "2024", "-o", str(target))
        assert not target.exists()
    assert status == 2
    assert text == ""
    assert err.startswith("giedit：") and "Traceback" not in err
    return err


def test_empty_sheet_is_refused(tmp_path: Path, capsys) -> None:
    wb = Workbook()
    wb.save(tmp_path / "empty.xlsx")
    err = _refused(capsys, tmp_path, tmp_path / "empty.xlsx")
    assert "是空的" in err


def test_header_only_register_counts_zero(tmp_path: Path, capsys) -> None:
    reg = _xlsx(tmp_path / "none.xlsx", [])
    status, _, _ = _run(capsys, str(reg), "--year", "2024", "-o", str(tmp_path / "r.giedit"))
    assert status == 0
    report = load(tmp_path / "r.giedit")
    assert all(report.cells[c] == 0 for c in report.cells if c.startswith("requests."))


def test_password_protected_xlsx_is_refused(tmp_path: Path, capsys) -> None:
    import msoffcrypto.format.ooxml  # test-only dependency: encrypts like Excel's 用密码进行加密

    plain = _xlsx(tmp_path / "plain.xlsx", [[D(2024, 1, 5), "个人", "甲", D(2024, 1, 9), "予以公开"]])
    locked = tmp_path / "locked.xlsx"
    encrypted = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(plain.read_bytes())).encrypt("1234", encrypted)
    locked.write_bytes(encrypted.getvalue())
    for into in (False, True):
        err = _refused(capsys, tmp_path, locked, into)
        assert "密码" in err


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04" + b"\x00" * 200, b"not a zip at all", b"\x00\x01\x02" * 100, b""],
    ids=["broken-zip", "text-without-header", "binary", "empty-file"],
)
def test_corrupt_files_are_refused(tmp_path: Path, capsys, content: bytes) -> None:
    reg = tmp_path / "bad.xlsx"
    reg.write_bytes(content)
    err = _refused(capsys, tmp_path, reg, into=True)
    assert any(w in err for w in ("损坏", "不是表格", "不是 Excel 表格", "空文件", "找不到")), err


def test_truncated_xlsx_is_refused(tmp_path: Path, capsys) -> None:
    good = _xlsx(tmp_path / "good.xlsx", [[D(2024, 1, 5), "个人", "甲", D(2024, 1, 9), "予以公开"]])
    bad = tmp_path / "truncated.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "损坏" in _refused(capsys, tmp_path, bad)


def test_hundred_thousand_rows_refused_in_bounded_time(tmp_path: Path) -> None:
    """A real process, so a hang would show as a timeout; the refusal names the limit."""
    header, rows, _, _ = generate(5, 2024, 100)
    big = tmp_path / "big.xlsx"
    write_xlsx(big, header, rows * 1000, streamed=True)  # 100,000 data rows
    out = tmp_path / "r.giedit"
    code = "import sys; from giedit.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, "register", str(big), "--year", "2024", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert f"超过 {register_reader.MAX_ROWS} 行" in done.stderr
    assert not out.exists()


def test_missing_columns_are_refused(tmp_path: Path, capsys) -> None:
    reg = _xlsx(tmp_path / "t.xlsx", [[D(2024, 1, 5), "甲"]], header=["收到日期", "申请内容"])
    err = _refused(capsys, tmp_path, reg)
    assert "找不到" in err and "申请人类型" in err


def test_template_reopens_with_validations_and_computes_clean(tmp_path: Path, capsys) -> None:
    tpl = tmp_path / "台账模板.xlsx"
    status, _, _ = _run(capsys, "--template", "-o", str(tpl))
    assert status == 0
    wb = load_workbook(tpl)
    _assert_validations(wb)
    # Fill it from its own drop-down lists, as a clerk would, and compute.
    options = wb["选项"]
    applicants = [c.value for c in options["A"][1:] if c.value]
    results = [c.value for c in options["B"][1:] if c.value]
    assert len(applicants) == 6 and len(results) == 21
    ws = wb["台账"]
    for i in range(60):
        received = D(2025, 1, 1) + dt.timedelta(days=5 * i)
        answered = received + dt.timedelta(days=10) if i % 7 else None
        values = [i + 1, received, f"申请人{i}", applicants[i % 6], f"内容{i}", answered]
        values.append(results[i % 21] if answered else None)
        for c, value in enumerate(values, 1):  # typed into the prepared rows, from row 2 on
            ws.cell(row=2 + i, column=c, value=value)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    status, text, _ = _run(capsys, str(filled), "--year", "2025", "-o", str(tmp_path / "r.giedit"), "--json")
    assert status == 0
    assert json.loads(text)["unresolved"] == []
    assert json.loads(text)["counted"] == 60
    # Refuses to overwrite.
    status, _, err = _run(capsys, "--template", "-o", str(tpl))
    assert status == 2 and "已存在" in err


def _assert_validations(wb) -> None:
    ws = wb["台账"]
    found = {(dv.type, str(dv.sqref).split(":")[0]): dv for dv in ws.data_validations.dataValidation}
    assert ("list", "D2") in found and ("list", "G2") in found
    assert ("date", "B2") in found and ("date", "F2") in found
    assert "选项" in found[("list", "D2")].formula1 and "选项" in found[("list", "G2")].formula1
    assert [c.value for c in ws[1]][:7] == [
        "序号",
        "收到日期",
        "申请人",
        "申请人类型",
        "申请内容",
        "答复日期",
        "办理结果",
    ]
    assert "yyyy" in ws["B2"].number_format and "yyyy" in ws["F2"].number_format


@needs_soffice
def test_template_survives_libreoffice(tmp_path: Path, capsys) -> None:
    tpl = tmp_path / "tpl.xlsx"
    assert _run(capsys, "--template", "-o", str(tpl))[0] == 0
    out = tmp_path / "lo"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(tpl),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    wb = load_workbook(out / "tpl.xlsx")
    _assert_validations(wb)
    assert wb["选项"].sheet_state == "hidden"


@needs_soffice
def test_xls_is_converted_through_libreoffice(tmp_path: Path, capsys) -> None:
    header, rows, truth, _ = generate(9, 2024, 120)
    src = write_xlsx(tmp_path / "src.xlsx", header, rows)
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    xls = tmp_path / "src.xls"
    assert xls.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    status, text, _ = _run(capsys, str(xls), "--year", "2024", "-o", str(tmp_path / "r.giedit"))
    assert status == 0, text
    report = load(tmp_path / "r.giedit")
    expected = expected_cells(truth, "2021", 2024)
    assert {c: report.cells[c] for c in expected} == expected


def test_xls_without_libreoffice_asks_for_xlsx(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "old.xls"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    monkeypatch.setattr(register_reader, "_soffice", lambda: None)
    with pytest.raises(RegisterUnreadable, match=r"另存为”\.xlsx"):
        read_register(fake)


def _handmade_xlsx(path: Path, sheet_xml: str, strings: list[str], date1904: bool = False) -> Path:
    """A minimal package as another writer might make it: an ``x:`` namespace prefix, a gap in a
    row, an entity in a shared string, a custom date format, the 1904 date system."""
    import zipfile

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pr = '<x:workbookPr date1904="1"/>' if date1904 else ""
    sst = "".join(f"<x:si><x:t>{s}</x:t></x:si>" for s in strings)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "xl/workbook.xml",
            f'<x:workbook xmlns:x="{ns}" xmlns:r="{rel}">{pr}<x:sheets><x:sheet name="台账" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/sharedStrings.xml", f'<x:sst xmlns:x="{ns}">{sst}</x:sst>')
        z.writestr(
            "xl/styles.xml",
            f'<x:styleSheet xmlns:x="{ns}"><x:numFmts><x:numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts>'
            '<x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="170"/></x:cellXfs></x:styleSheet>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<x:worksheet xmlns:x="{ns}"><x:sheetData>{sheet_xml}</x:sheetData></x:worksheet>',
        )
    return path


def test_xlsx_from_another_writer(tmp_path: Path, capsys) -> None:
    strings = ["收到日期", "申请人类型", "答复日期", "办理结果", "个人", "予以公开", "企业 &amp; 公司"]
    row = '<x:row r="{n}"><x:c r="A{n}" s="1"><x:v>{rec}</x:v></x:c><x:c r="C{n}" t="s"><x:v>{app}</x:v></x:c><x:c r="E{n}" s="1"><x:v>{ans}</x:v></x:c><x:c r="F{n}" t="s"><x:v>5</x:v></x:c></x:row>'
    header = '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="E1" t="s"><x:v>2</x:v></x:c><x:c r="F1" t="s"><x:v>3</x:v></x:c></x:row>'
    # 1900 system: 45300 = 2024-01-09; 1904 system: the same day is 43838 (1,462 days apart).
    for date1904, base in ((False, 45300), (True, 43838)):
        body = (
            header
            + row.format(n=2, rec=base, app=4, ans=base + 3)
            + row.format(n=3, rec=base + 1, app=6, ans=base + 9)
        )
        reg = _handmade_xlsx(tmp_path / f"made{date1904}.xlsx", body, strings, date1904)
        sheet = read_register(reg)
        assert sheet.name == "台账" and sheet.header_row == 1
        entries = sheet.entries()
        assert [e.received for e in entries] == [D(2024, 1, 9), D(2024, 1, 10)]
        assert [e.applicant for e in entries] == ["个人", "企业 & 公司"]
        assert entries[1].answered == D(2024, 1, 18)
        out = tmp_path / f"r{date1904}.giedit"
        status, text, _ = _run(capsys, str(reg), "--year", "2024", "-o", str(out))
        assert status == 0, text
        assert load(out).cells["requests.granted.business"] == 1


def test_a_changed_register_is_noticed_on_recount(tmp_path: Path, capsys) -> None:
    rows = [[D(2024, 1, 5), "个人", "甲", D(2024, 1, 9), "予以公开"]]
    reg = _xlsx(tmp_path / "台账.xlsx", rows)
    out = tmp_path / "r.giedit"
    assert _run(capsys, str(reg), "--year", "2024", "-o", str(out))[0] == 0
    first = load(out).register_link
    _xlsx(reg, [*rows, [D(2024, 2, 5), "企业", "乙", D(2024, 2, 9), "部分公开"]])
    status, text, _ = _run(capsys, str(reg), "--into", str(out))
    assert status == 0 and "台账自上次计算后已修改" in text
    second = load(out).register_link
    assert second.sha256 != first.sha256 and second.computed["requests.new.total"] == 2


def test_committees_are_organisations_and_employees_are_asked(tmp_path: Path, capsys) -> None:
    """QA qa25b defect 3: 村民委员会/居民委员会 (村委会/居委会) count under 其他, never 自然人; a
    person described by the employer (公司员工, 企业职工) is asked about, not made a company."""
    types = [
        "村民委员会",
        "某村民委员会",
        "居民委员会",
        "社区居委会",
        "村委会",
        "居委会",
        "本村村民",
        "某某科技有限公司",
    ]
    asked = ["公司员工", "企业职工"]
    rows = [
        [D(2025, 3, 1 + i), t, f"事项{i}", D(2025, 3, 10 + i), "予以公开"]
        for i, t in enumerate(types + asked)
    ]
    reg = _xlsx(tmp_path / "台账.xlsx", rows)
    out = tmp_path / "r.giedit"
    status, text, _ = _run(capsys, str(reg), "--year", "2025", "-o", str(out))
    assert status == 1
    report = load(out)
    assert report.cells["requests.new.other"] == 6
    assert report.cells["requests.new.natural"] == 1  # 本村村民: a villager
    assert report.cells["requests.new.business"] == 1  # 某某科技有限公司
    first = len(types) + 2  # sheet row of the first asked value (a header row above)
    assert f"第 {first} 行：申请人类型「公司员工」无法识别" in text
    assert f"第 {first + 1} 行：申请人类型「企业职工」无法识别" in text
