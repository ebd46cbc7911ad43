"""``giedit review``: a county's folder of 200+ unit reports, with planted problems, reviewed.

The folder (``review_folder.build``) mixes .giedit and Word files, both statutory formats and
subfolders, with planted table errors, a blank cell, two copied units, an unreadable file, a
file that is no report and a roster name with no report. Every total of the JSON output is
compared with sums this test computes from the reports it wrote.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from paths import ROOT
from review_folder import EXCEPTED, Folder, build, expected_totals

from giedit.model.formats import FORMATS, get_format
from giedit.model.schema import Role

UNIT_KEYS = {"file", "body", "year", "format", "status", "errors", "warnings", "findings"}
EXTRA_KEYS = {"superseded", "totals_include_errors", "roster_ambiguous"}


def giedit(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    return build(tmp_path_factory.mktemp("county") / "各单位报告")


@pytest.fixture(scope="module")
def reviewed(county: Folder) -> tuple[subprocess.CompletedProcess[str], dict, Path]:
    out = county.root.parent / "审核结果.xlsx"
    done = giedit(
        "review", str(county.root), "--roster", str(county.roster), "--jobs", "2", "-o", str(out), "--json"
    )
    return done, json.loads(done.stdout), out


def test_the_json_has_exactly_the_issue_s_shape(reviewed) -> None:
    done, doc, _ = reviewed
    assert "Traceback" not in done.stderr
    assert "读取和检查" not in done.stderr  # no progress bar when stderr is not a terminal
    # issue 18's keys, unchanged; then what tells the county how far to trust the totals
    assert set(doc) == {"year", "units", "missing", "duplicates", "totals"} | EXTRA_KEYS
    assert doc["year"] == 2025
    for unit in doc["units"]:
        assert set(unit) == UNIT_KEYS
        assert unit["status"] in ("ok", "errors", "unreadable")
        assert unit["errors"] + unit["warnings"] == len(unit["findings"])
        for f in unit["findings"]:
            assert set(f) == {"rule", "severity", "message"} and f["severity"] in ("error", "warning")
    assert set(doc["totals"]) == {"2019", "2021"}


def test_every_report_is_a_unit_and_the_foreign_file_is_set_aside(county: Folder, reviewed) -> None:
    done, doc, _ = reviewed
    files = {u["file"] for u in doc["units"]}
    assert len(county.reports) >= 200
    assert files == {*county.reports, county.unreadable}
    assert county.foreign not in files
    assert Path(county.foreign).name in done.stderr  # listed as not reviewed, with the reason
    assert done.returncode == 1


def test_every_planted_error_is_found_in_its_unit_and_clean_units_stay_clean(
    county: Folder, reviewed
) -> None:
    _, doc, _ = reviewed
    units = {u["file"]: u for u in doc["units"]}
    for rel, rule in county.planted.items():
        assert units[rel]["status"] == "errors", rel
        assert rule in {f["rule"] for f in units[rel]["findings"] if f["severity"] == "error"}, rel
    for rel in county.outdated:
        assert {f["rule"] for f in units[rel]["findings"] if f["severity"] == "error"} == EXCEPTED
    bad = set(county.planted) | set(county.outdated)
    for rel in set(county.reports) - bad:
        errors = [f for f in units[rel]["findings"] if f["severity"] == "error"]
        assert errors == [] and units[rel]["status"] == "ok", (rel, errors)
    unreadable = units[county.unreadable]
    assert unreadable["status"] == "unreadable"
    assert unreadable["findings"][0]["rule"] is None and "损坏镇" in unreadable["findings"][0]["message"]


def test_the_copies_and_the_missing_name_are_found(county: Folder, reviewed) -> None:
    _, doc, _ = reviewed
    units = {u["file"]: u for u in doc["units"]}
    copy, original = county.copy_of
    assert sorted(map(sorted, doc["duplicates"])) == [sorted([copy, original])]
    copied = [f["message"] for f in units[copy]["findings"] if f["rule"] == "N-W13"]
    assert any(county.reports[original].body.name in m and "名称" in m for m in copied)
    copier, source, _ = county.section_copy
    fmt = get_format("2021")
    title = fmt.section("overview").title
    for mine, theirs in ((copier, source), (source, copier)):
        said = [f["message"] for f in units[mine]["findings"] if f["rule"] == "N-W13"]
        assert any(title in m and Path(theirs).name in m and "%" in m for m in said), (mine, said)
        assert not any(str(Path(theirs).parent) in m for m in said)  # the county's folders stay its own
    assert doc["missing"] == [county.missing]
    flagged = {f for f, u in units.items() if any(x["rule"] == "N-W13" for x in u["findings"])}
    assert flagged == {copy, original, copier, source}


def test_every_total_equals_the_sum_this_test_computes(county: Folder, reviewed) -> None:
    _, doc, _ = reviewed
    expected = expected_totals(county)
    assert set(doc["totals"]) == set(expected)
    for fmt_id, cells in expected.items():
        assert set(doc["totals"][fmt_id]) == set(FORMATS[fmt_id].cells)
        for cid, total in cells.items():
            assert doc["totals"][fmt_id][cid] == pytest.approx(total, abs=1e-4), (fmt_id, cid)
    _, cell = county.blank  # the blank cell is left out, and listed under the table
    assert doc["totals"]["2021"][cell] == pytest.approx(expected["2021"][cell])
    # every unit with errors is summed, and named as such; no unit was resubmitted
    with_errors = {u["file"] for u in doc["units"] if u["status"] == "errors"}
    assert set(county.planted) <= with_errors
    assert set(doc["totals_include_errors"]) == with_errors
    assert doc["superseded"] == [] and doc["roster_ambiguous"] == []


def test_the_workbook_opens_and_its_table_sheets_follow_the_format_definition(
    county: Folder, reviewed
) -> None:
    from openpyxl import load_workbook

    from giedit.review.workbook import ERRORS_INCLUDED, GRID_TOP

    _, doc, out = reviewed
    book = load_workbook(out)
    assert book.sheetnames[:2] == ["审核清单", "问题明细"]
    checklist = book["审核清单"]
    rows = list(checklist.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(doc["units"]) + 1  # the missing unit has its own row
    assert rows[-1][1] == county.missing and rows[-1][4] == "未报送"
    assert checklist.auto_filter.ref.startswith("A1:")
    by_file = {r[2]: k for k, r in enumerate(rows, 2)}
    for rel in county.planted:
        status = checklist.cell(by_file[rel], 5)
        assert status.value == "有错误" and status.font.color.rgb.endswith("C00000")
    for fmt_id in ("2019", "2021"):
        fmt = get_format(fmt_id)
        for table in fmt.tables:
            ws = book[f"{fmt.section(table.section).title}（{fmt_id}）"[:31]]
            layout = fmt.layout(table.id)
            merged = {
                (m.min_row - GRID_TOP, m.min_col - 1, m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
                for m in ws.merged_cells.ranges
                if GRID_TOP <= m.min_row < GRID_TOP + layout.n_rows
            }
            spans = {
                (g.row, g.col, g.rowspan, g.colspan) for g in layout.grid if g.rowspan > 1 or g.colspan > 1
            }
            assert merged == spans, (fmt_id, table.id)
            for g in layout.grid:
                value = ws.cell(GRID_TOP + g.row, 1 + g.col).value
                if g.cell is None:
                    assert (value or "") == g.text
                else:
                    assert value == pytest.approx(doc["totals"][fmt_id][g.cell])
            # under the grid: which units with errors the totals include, named by file
            note = ws.cell(GRID_TOP + layout.n_rows + 1, 1).value
            erroneous = [u for u in doc["units"] if u["status"] == "errors" and u["format"] == fmt_id]
            assert note.startswith(ERRORS_INCLUDED)
            assert all(u["file"] in note for u in erroneous) and len(erroneous) > 0
            clean = next(u for u in doc["units"] if u["status"] == "ok" and u["format"] == "2021")
            assert clean["file"] not in note


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook(reviewed, tmp_path: Path) -> None:
    _, _, out = reviewed
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(out)],
        capture_output=True, timeout=240, check=True,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "审核结果.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s", "", text)
    for g in get_format("2021").layout("requests").grid:  # a narrow group label is set in pieces
        if g.text and len(g.text) < 12 and g.role is not Role.GROUP:
            assert g.text in flat
    assert "未报送" in flat


def test_notices_list_each_unit_s_problems_by_section(county: Folder, reviewed) -> None:
    from docx import Document

    _, doc, out = reviewed
    folder = out.with_name("审核结果-整改通知")
    due = [u for u in doc["units"] if u["status"] != "ok"]
    docs = sorted(folder.glob("*.docx"))
    assert len(docs) == len(due) == len(list(folder.glob("*.txt")))
    rel = next(r for r, rule in county.planted.items() if rule == "T2-E1")
    body = county.reports[rel].body.name
    notice = next(p for p in docs if body in p.name)
    text = "\n".join(p.text for p in Document(str(notice)).paragraphs)
    assert body in text and get_format("2021").section("requests").title in text
    unit = next(u for u in doc["units"] if u["file"] == rel)
    for f in unit["findings"]:
        if f["severity"] == "error":
            assert f["message"] in text
    assert notice.with_suffix(".txt").read_text(encoding="utf-8").replace("　", "").count(body) >= 1
    with zipfile.ZipFile(notice) as z:  # giedit's own template, as the exported reports
        assert "docProps/thumbnail.jpeg" not in z.namelist()
        assert b"Macintosh" not in z.read("docProps/app.xml")
        assert b'w:val="15"' in z.read("word/settings.xml")


def test_cross_year_rules_run_with_last_year_s_report_from_another_folder(tmp_path: Path) -> None:
    import random

    from review_folder import YEAR, generated

    from giedit.model import storage

    this_year, last_year = tmp_path / "本年", tmp_path / "上年"
    this_year.mkdir()
    last_year.mkdir()
    now = generated(1, random.Random(1))
    before = generated(1, random.Random(2))
    before.year = YEAR - 1
    storage.save(now, this_year / "单位.giedit", backup=False)
    storage.save(before, last_year / "单位.giedit", backup=False)
    out = tmp_path / "结果.xlsx"
    alone = json.loads(giedit("review", str(this_year), "-o", str(out), "--json", "-j", "1").stdout)
    paired = giedit(
        "review", str(this_year), "--previous", str(last_year), "-o", str(out), "--json", "-j", "1"
    )
    rules = {f["rule"] for f in json.loads(paired.stdout)["units"][0]["findings"]}
    assert "T2-E4" not in {f["rule"] for f in alone["units"][0]["findings"]}
    differ = any(
        now.cells[f"requests.carried_in.{c}"] != before.cells[f"requests.carried_out.{c}"]
        for c in ("natural", "business", "total")
    )
    assert differ and "T2-E4" in rules and paired.returncode == 1
    storage.save(before, this_year / "单位-上年.giedit", backup=False)  # last year's in the same folder
    same = giedit("review", str(this_year), "-o", str(out), "--json", "-j", "1")
    doc = json.loads(same.stdout)
    assert [u["file"] for u in doc["units"]] == ["单位.giedit"]  # last year's report is no unit
    assert "T2-E4" in {f["rule"] for f in doc["units"][0]["findings"]}
    assert "已作为上年报告用于跨年度检查" in same.stderr


def test_a_clean_folder_exits_0_and_nothing_to_review_exits_2(tmp_path: Path) -> None:
    import random

    from review_folder import generated

    from giedit.model import storage

    clean = tmp_path / "clean"
    clean.mkdir()
    for i in range(3):
        storage.save(generated(i, random.Random(i)), clean / f"{i}.giedit", backup=False)
    ok = giedit("review", str(clean), "-o", str(tmp_path / "r.xlsx"), "-j", "1")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert giedit("review", str(clean), "-o", str(tmp_path / "r.xlsx"), "-j", "1").returncode == 0  # own file
    empty = tmp_path / "empty"
    empty.mkdir()
    for args in ([str(empty)], [str(tmp_path / "没有")]):
        out = giedit("review", *args, "-o", str(tmp_path / "x.xlsx"))
        assert out.returncode == 2 and "giedit：" in out.stderr and "Traceback" not in out.stderr
    precious = tmp_path / "名单.xlsx"
    precious.write_bytes(b"someone else's spreadsheet")
    refused = giedit("review", str(clean), "-o", str(precious))
    assert refused.returncode == 2 and "为避免覆盖" in refused.stderr
    assert precious.read_bytes() == b"someone else's spreadsheet"


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal and SIGINT")
def test_ctrl_c_keeps_what_is_done_and_says_so(county: Folder, tmp_path: Path) -> None:
    """Run under a pseudo-terminal (so the progress bar is drawn), press Ctrl+C once some units
    are done: the workbook holds those units, the message says how many, no traceback."""
    import pty
    import select
    import signal
    import time

    out = tmp_path / "中断.xlsx"
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "giedit.cli", "review", str(county.root), "-j", "1", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, text=True,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(int(n) >= 5 for n in re.findall(rb"\] (\d+)/", seen)):
        if select.select([master], [], [], 1)[0]:
            seen += os.read(master, 4096)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=120)
    tail = b""
    while select.select([master], [], [], 0.2)[0]:
        try:
            tail += os.read(master, 65536)
        except OSError:
            break
    os.close(master)
    err = (seen + tail).decode("utf-8", "replace")
    assert proc.returncode == 2
    assert "已中断" in err and "Traceback" not in err and "KeyboardInterrupt" not in err
    from openpyxl import load_workbook

    rows = list(load_workbook(out)["审核清单"].iter_rows(min_row=2, values_only=True))
    assert 5 <= len(rows) < len(county.reports)
    assert f"只审核了 {len(rows)}/" in err
