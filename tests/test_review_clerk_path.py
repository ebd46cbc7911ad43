"""The county's review as a clerk meets it: a unit that sends its report twice, reports with
errors summed into the totals, a roster written with short names, a draft sent as the report,
and the 整改通知 that go back to the units. Real files written (.giedit, Word, PDF, web page),
reviewed by ``giedit review``, and its JSON, workbook and letters read back."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT, SAMPLES
from review_folder import Folder, expected_totals, generated

from giedit.export import export_docx, export_html, export_pdf
from giedit.export.docx_writer import build_docx
from giedit.model import storage
from giedit.model.report import Body, BodyKind, Report
from giedit.review import review
from giedit.review.crossunit import match_roster, short_key

YEAR = 2025
BROKEN = "requests.new.total"  # T2-E1 when raised without its parts


def giedit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def _unit(i: int, name: str, day: int) -> Report:
    r = generated(i, random.Random(i))
    r.body = Body(name=name, kind=BodyKind.TOWN)
    r.date = dt.date(YEAR + 1, 1, day)
    return r


def _save(path: Path, report: Report, mtime: float | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".docx":
        path.write_bytes(build_docx(report))
    else:
        storage.save(report, path, backup=False)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


# -- 1. a unit that reported twice --------------------------------------------------------------


@pytest.fixture(scope="module")
def resubmitted(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict, subprocess.CompletedProcess[str]]:
    """青山镇 sent a Word file with a wrong total on 10 January and a corrected .giedit file under
    its short name on 20 January (saved earlier on this disk: the report's date decides); two
    other units sent one each."""
    root = tmp_path_factory.mktemp("resubmitted") / "报告"
    old = _unit(1, "青山镇人民政府", 10)
    old.cells[BROKEN] = int(old.cells[BROKEN]) + 5  # type: ignore[arg-type]
    new = _unit(2, "青山镇政府", 20)
    new.section("overview").paragraphs = [p.model_copy() for p in old.section("overview").paragraphs]
    others = {
        "乡镇/白云乡.giedit": _unit(3, "白云乡人民政府", 15),
        "乡镇/松林镇.giedit": _unit(4, "松林镇人民政府", 16),
    }
    _save(root / "乡镇/青山镇-旧.docx", old, mtime=2_000_000_000)
    _save(root / "乡镇/青山镇-改.giedit", new, mtime=1_900_000_000)
    for rel, r in others.items():
        _save(root / rel, r)
    roster = root.parent / "名单.txt"
    roster.write_text("青山镇\n白云乡政府\n松林镇人民政府\n", encoding="utf-8")
    out = root.parent / "审核结果.xlsx"
    done = giedit("review", str(root), "--roster", str(roster), "-o", str(out), "--json", "--jobs", "2")
    folder = Folder(root, roster, reports={"乡镇/青山镇-改.giedit": new, **others})
    return out, {"json": json.loads(done.stdout), "expected": expected_totals(folder)}, done


def test_the_older_file_of_a_unit_is_superseded_and_never_summed(resubmitted) -> None:
    _, got, done = resubmitted
    doc = got["json"]
    assert "Traceback" not in done.stderr
    assert doc["superseded"] == [{"file": "乡镇/青山镇-旧.docx", "kept": "乡镇/青山镇-改.giedit"}]
    assert doc["duplicates"] == [["乡镇/青山镇-改.giedit", "乡镇/青山镇-旧.docx"]]
    for cid, total in got["expected"]["2021"].items():  # the corrected file and the two others only
        assert doc["totals"]["2021"][cid] == pytest.approx(total, abs=1e-4), cid
    units = {u["file"]: u for u in doc["units"]}
    assert units["乡镇/青山镇-旧.docx"]["status"] == "errors"  # still listed with what it had
    # the unit's two versions are one unit: no "copied from another unit" between them
    assert not any(f["rule"] == "N-W13" for u in doc["units"] for f in u["findings"])
    # the old file's errors are no longer the unit's: the corrected report is clean, all reported
    assert doc["missing"] == [] and doc["totals_include_errors"] == []
    assert done.returncode == 0, done.stdout + done.stderr
    assert "已被新版本" in done.stderr


def test_the_workbook_and_the_notices_show_the_replaced_file(resubmitted) -> None:
    from openpyxl import load_workbook

    out, _, _ = resubmitted
    book = load_workbook(out)
    rows = {r[2]: r for r in book["审核清单"].iter_rows(min_row=2, values_only=True)}
    old = rows["乡镇/青山镇-旧.docx"]
    assert old[4] == "已被新版本取代" and "乡镇/青山镇-改.giedit" in old[9] and "未计入汇总" in old[9]
    assert "青山镇-旧.docx" in rows["乡镇/青山镇-改.giedit"][9]
    sheet = book["三、收到和处理政府信息公开申请情况"]
    below = [c.value for c in sheet["A"] if isinstance(c.value, str)]
    assert any("青山镇-旧.docx" in v and "取代" in v and "未计入" in v for v in below)
    assert not (out.with_name("审核结果-整改通知")).exists()  # nobody to write to: no notice for the old file


def test_equal_dates_the_file_saved_last_is_kept(tmp_path: Path) -> None:
    for first_newer in (True, False):
        root = tmp_path / f"r{first_newer}"
        a, b = _unit(5, "桐溪街道办事处", 18), _unit(6, "桐溪街道", 18)
        _save(root / "a.giedit", a, mtime=2_000_000_000 if first_newer else 1_900_000_000)
        _save(root / "b.giedit", b, mtime=1_900_000_000 if first_newer else 2_000_000_000)
        result = review(root, jobs=1)
        kept, old = ("a.giedit", "b.giedit") if first_newer else ("b.giedit", "a.giedit")
        assert [(u.file, u.superseded_by) for u in result.units if u.superseded_by] == [(old, kept)]
        assert result.counted == {"2021": 1}
        cell = "requests.new.total"
        assert result.totals["2021"][cell] == (a if first_newer else b).cells[cell]


# -- 2. totals that include reports with errors --------------------------------------------------


def test_totals_name_the_units_with_errors_they_include(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from giedit.review.workbook import ERRORS_INCLUDED, GRID_TOP, write_workbook

    root = tmp_path / "报告"
    bad = _unit(7, "金山镇人民政府", 12)
    bad.cells[BROKEN] = int(bad.cells[BROKEN]) + 2  # type: ignore[arg-type]
    good = _unit(8, "银山镇人民政府", 12)
    _save(root / "金山镇.docx", bad)
    _save(root / "银山镇.giedit", good)
    result = review(root, jobs=1)
    doc = result.as_json()
    assert doc["totals_include_errors"] == ["金山镇.docx"]
    assert doc["totals"]["2021"][BROKEN] == bad.cells[BROKEN] + good.cells[BROKEN]  # still summed
    out = write_workbook(result, tmp_path / "审核结果.xlsx")
    book = load_workbook(out)
    from giedit.model.formats import get_format

    fmt = get_format("2021")
    for table in fmt.tables:
        ws = book[fmt.section(table.section).title]
        note = ws.cell(GRID_TOP + fmt.layout(table.id).n_rows + 1, 1).value
        assert note == f"{ERRORS_INCLUDED}「金山镇人民政府」（金山镇.docx）", table.id


# -- 3. the roster's short names ----------------------------------------------------------------


def test_short_names_read_alike_on_both_sides() -> None:
    same = [("青山镇政府", "青山镇人民政府"), ("青山镇", "青山镇人民政府"), ("桐溪街道", "桐溪街道办事处")]
    same += [("桐溪街道办", "桐溪街道办事处"), ("白云乡 政府", "白云乡人民政府"), ("某街道", "某街道办事处")]
    for a, b in same:
        assert short_key(a) == short_key(b), (a, b)
    for a, b in [("县人民政府", "县"), ("县政府办公室", "县"), ("青山镇", "青山乡")]:
        assert short_key(a) != short_key(b), (a, b)
    assert short_key("县政府办公室") == "县政府办公室"  # a suffix inside a name is no suffix


def test_the_roster_matches_short_names_and_reports_the_ambiguous() -> None:
    bodies = ["青山镇人民政府", "青山乡人民政府", "桐溪街道办事处", "县市场监督管理局"]
    match = match_roster(["青山镇政府", "桐溪街道", "县市场监督管理局", "县统计局"], bodies)
    assert match.missing == ["县统计局"] and match.matched == {0, 2, 3} and match.ambiguous == {}
    match = match_roster(["青山", "桐溪街道办"], bodies)  # 青山: the 镇 or the 乡?
    assert match.ambiguous == {"青山": [0, 1]} and match.missing == [] and match.matched == {2}


def test_an_ambiguous_roster_name_is_listed_not_guessed(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = tmp_path / "报告"
    _save(root / "镇.giedit", _unit(9, "青山镇人民政府", 12))
    _save(root / "乡.giedit", _unit(10, "青山乡人民政府", 12))
    roster = tmp_path / "名单.txt"
    roster.write_text("青山\n", encoding="utf-8")
    out = tmp_path / "审核结果.xlsx"
    done = giedit("review", str(root), "--roster", str(roster), "-o", str(out), "--json", "--jobs", "1")
    doc = json.loads(done.stdout)
    assert doc["roster_ambiguous"] == [{"name": "青山", "files": ["乡.giedit", "镇.giedit"]}]
    assert doc["missing"] == [] and done.returncode == 1
    rows = list(load_workbook(out)["审核清单"].iter_rows(min_row=2, values_only=True))
    assert rows[-1][1] == "青山" and rows[-1][4] == "名单名称无法确定" and "镇.giedit" in rows[-1][2]


# -- 4. a draft sent as the report --------------------------------------------------------------


def test_a_draft_is_an_error_whatever_it_holds(tmp_path: Path) -> None:
    """A flawless report exported with --draft, as PDF, Word and web page (three units), and the
    same report exported final: only the drafts are errors, each naming the draft mark."""
    root = tmp_path / "报告"
    root.mkdir()
    sample = storage.load(SAMPLES / "2025-baiyun-xiang.giedit")
    writers = {"pdf": export_pdf, "docx": export_docx, "html": export_html}
    for k, (suffix, write) in enumerate(writers.items()):
        r = sample.model_copy(deep=True)
        r.body = Body(name=f"{'甲乙丙'[k]}乡人民政府", kind=BodyKind.TOWNSHIP)
        write(r, root / f"草稿-{k}.{suffix}", draft=True)
    final = sample.model_copy(deep=True)
    final.body = Body(name="丁乡人民政府", kind=BodyKind.TOWNSHIP)
    export_pdf(final, root / "正式.pdf")
    doc = review(root, jobs=1).as_json()
    units = {u["file"]: u for u in doc["units"]}
    assert units["正式.pdf"]["status"] == "ok", units["正式.pdf"]["findings"]
    for k, suffix in enumerate(writers):
        unit = units[f"草稿-{k}.{suffix}"]
        errors = [f for f in unit["findings"] if f["severity"] == "error"]
        assert unit["status"] == "errors" and [f["rule"] for f in errors] == ["N-E2"], (suffix, errors)
        assert "草稿" in errors[0]["message"]


def test_a_draft_with_placeholders_names_each_one(tmp_path: Path) -> None:
    """用上年报告新建, tables filled, exported as a draft PDF: the 【待修改】 prompts (N-E2, the rule
    that refuses a final export) and the draft mark are all errors of the unit."""
    root = tmp_path / "报告"
    root.mkdir()
    made = giedit(
        "new", "--from", str(SAMPLES / "2024-tongxi-jiedao.giedit"), "-o", str(tmp_path / "r.giedit")
    )
    assert made.returncode == 0, made.stderr
    report = storage.load(tmp_path / "r.giedit")
    last = storage.load(SAMPLES / "2024-tongxi-jiedao.giedit")
    report.cells.update(last.cells)  # this year's tables: complete and consistent
    report.date = dt.date(YEAR + 1, 1, 20)
    export_pdf(report, root / "桐溪.pdf", draft=True)
    unit = review(root, jobs=1).as_json()["units"][0]
    said = [f["message"] for f in unit["findings"] if f["rule"] == "N-E2"]
    assert unit["status"] == "errors"
    assert any("草稿" in m and "正式版本" in m for m in said)
    assert sum("待修改" in m for m in said) >= 2  # 请写明本年度存在的主要问题 / 改进措施


# -- 5. the notices -----------------------------------------------------------------------------


def test_notices_name_the_file_only_and_end_with_the_office_and_date(tmp_path: Path) -> None:
    from docx import Document

    root = tmp_path / "各单位报告"
    bad = _unit(11, "金山镇人民政府", 12)
    bad.cells[BROKEN] = int(bad.cells[BROKEN]) + 2  # type: ignore[arg-type]
    _save(root / "乡镇/第二批/金山镇.docx", bad)
    out = tmp_path / "审核结果.xlsx"
    done = giedit("review", str(root), "-o", str(out), "--office", "某某县人民政府办公室")
    assert done.returncode == 1, done.stderr
    letter = next(out.with_name("审核结果-整改通知").glob("*.docx"))
    paragraphs = [p.text for p in Document(str(letter)).paragraphs if p.text]
    text = "\n".join(paragraphs)
    assert "「金山镇.docx」" in text
    assert "乡镇" not in text and str(root) not in text  # the county's folders are not the unit's business
    today = dt.date.today()
    assert paragraphs[-2:] == ["某某县人民政府办公室", f"{today.year}年{today.month}月{today.day}日"]
    giedit("review", str(root), "-o", str(out))  # no office given: the letter says to fill it in
    plain = next(out.with_name("审核结果-整改通知").glob("*.txt")).read_text(encoding="utf-8")
    assert plain.rstrip().splitlines()[-2] == "县政务公开办（请填写发文单位全称）"
