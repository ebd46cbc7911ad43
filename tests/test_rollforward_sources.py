"""用上年报告新建 from a report that is not last year's, or not finished (qa25 defect 5).

A report of an earlier year is no 上年 of the new one: its 结转下年度 is not this year's 上年结转, its
stock not last year's end, its figures not what the cross-year checks compare with. An unfinished
report (blank tables, 【待修改】 prompts) is rolled, but the summary says so, and giedit's own
prompts are never wrapped in new ones. Through the model and through ``giedit new --from``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from import_fixtures import filled_report
from paths import ROOT, SHARED

from giedit.checks import check
from giedit.importers.start import start_from_last, with_year
from giedit.model.report import ASK, TODO, Level, Paragraph, Report
from giedit.model.rollforward import PROBLEMS_TEMPLATE, roll_forward
from giedit.model.storage import load, save
from giedit.model.values import is_blank

LONGGANG = next((SHARED / "samples" / "published-partial").glob("002_*.txt"), None)
CARRIED_IN = "requests.carried_in.total"
CARRIED_OUT = "requests.carried_out.total"


def _giedit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit.cli", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def _unfinished_2023() -> Report:
    """What 用上年报告新建 gives for 2023 from a filled 2022 report, saved as it is: blank tables,
    五 all prompts, 一 and 六 as carried."""
    return roll_forward(filled_report(2022)).report


# -- a year gap -----------------------------------------------------------------------------------


def test_a_report_years_back_carries_no_figures_and_is_no_previous_year() -> None:
    last = filled_report(2022)
    assert last.cells[CARRIED_OUT] not in (None, 0)
    result = roll_forward(last, 2025)
    report = result.report
    assert report.year == 2025 and report.previous is None
    assert all(report.cells[c] is None for c in report.cells if c.startswith("requests.carried_in."))
    assert report.baseline_in_force == {} and report.baseline_source is None
    assert result.losses == []  # nothing was meant to carry, so nothing is listed as lost
    (gap,) = result.warnings
    assert gap == (
        "上年报告是 2022 年度的，新报告是 2025 年度，中间隔了 2 年："
        "「上年结转政府信息公开申请数量」和上年末现行有效件数没有结转，请按 2024 年度报告填写；"
        "跨年度的核对也不与 2022 年度报告比对"
    )
    assert result.lines()[0] == f"注意：{gap}"
    assert result.as_json()["warnings"] == [gap] and result.as_json()["previous_year"] is None
    # the text is still offered as a draft, with the year replaced
    assert report.preamble[0].text.count("2025年1月1日") == 1 and report.section("overview").carried
    # the checks do not compare with 2022: a carry-in unlike 2022's 结转下年度 is only to be confirmed
    report.cells[CARRIED_IN] = last.cells[CARRIED_OUT] + 3
    rules = {f.rule for f in check(report)}
    assert "T2-E4" not in rules and "T2-W1" in rules
    # the year after is rolled as before: carried, kept as 上年, checked against it
    next_year = roll_forward(last, 2023)
    assert next_year.warnings == [] and next_year.report.previous is not None
    assert next_year.report.cells[CARRIED_IN] == last.cells[CARRIED_OUT]
    next_year.report.cells[CARRIED_IN] = last.cells[CARRIED_OUT] + 3
    assert "T2-E4" in {f.rule for f in check(next_year.report)}


def test_the_command_line_says_so_and_writes_no_carry(tmp_path: Path) -> None:
    last = filled_report(2022)
    source, out = tmp_path / "2022.giedit", tmp_path / "2025.giedit"
    save(last, source)
    done = _giedit("new", "--from", str(source), "--year", "2025", "-o", str(out))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("已用 2022 年度报告新建 2025 年度报告")
    assert lines[1].startswith("注意：上年报告是 2022 年度的，新报告是 2025 年度，中间隔了 2 年")
    assert "没有结转" in lines[1]
    written = load(out)
    assert written.previous is None and written.cells[CARRIED_IN] is None
    as_json = _giedit(
        "new", "--from", str(source), "--year", "2025", "-o", str(tmp_path / "j.giedit"), "--json"
    )
    doc = json.loads(as_json.stdout)
    assert any("中间隔了 2 年" in w for w in doc["rollforward"]["warnings"])


# -- an unfinished source ---------------------------------------------------------------------------


def test_an_unfinished_report_is_said_to_be_so_and_its_prompts_are_not_nested() -> None:
    last = _unfinished_2023()
    result = roll_forward(last)
    (warning,) = result.warnings
    fmt = last.definition
    blank = sum(1 for c in fmt.cells if c not in fmt.computed_cells and is_blank(last.cells[c]))
    assert blank == len(fmt.cells) - len(fmt.computed_cells) - 6  # all but the six 上年结转 items
    assert warning.startswith(f"上年报告（2023 年度）尚未完成：表格中有 {blank} 格未填写；")
    assert f"正文中有 3 段仍是“{TODO}”提示" in warning  # the three prompts of 五
    assert "“一、总体情况”“六、其他需要报告的事项”仍沿用其上年报告的内容" in warning
    problems = [p.text for p in result.report.section("problems").paragraphs]
    assert problems == [text for _, text in PROBLEMS_TEMPLATE]  # last year's prompts are no problems
    for p in problems:
        assert p.count(TODO) <= 1 and p.count(ASK) <= 1 and TODO not in p[1:]


def test_the_clerks_words_beside_a_prompt_are_carried_once() -> None:
    last = filled_report(2023)
    last.section("problems").paragraphs = [
        Paragraph(level=Level.H2, text="上年度问题整改情况"),
        Paragraph(text=f"{TODO}上年问题一：公开栏更新不及时。{ASK}整改措施和成效。"),
        Paragraph(level=Level.H2, text="存在的主要问题"),
        Paragraph(text=f"一是政策解读形式单一。二是{TODO}{ASK}本年度存在的主要问题。"),
        Paragraph(level=Level.H2, text="改进措施"),
        Paragraph(text=f"{TODO}{ASK}下一步的改进措施。"),
    ]
    result = roll_forward(last)
    problems = [p.text for p in result.report.section("problems").paragraphs]
    assert problems[1] == f"{TODO}上年问题一：政策解读形式单一。{ASK}整改措施和成效。"
    assert problems[2] == PROBLEMS_TEMPLATE[2][1]  # the next heading: no item made of a prompt
    assert all(p.count(TODO) <= 1 and p.count(ASK) <= 1 for p in problems)
    (warning,) = result.warnings
    assert "正文中有 3 段仍是" in warning and "表格" not in warning  # the tables are filled
    assert roll_forward(filled_report(2023)).warnings == []  # a finished report: nothing to say


def test_the_command_line_says_an_unfinished_source_is_unfinished(tmp_path: Path) -> None:
    source, out = tmp_path / "2023.giedit", tmp_path / "2024.giedit"
    save(_unfinished_2023(), source)
    done = _giedit("new", "--from", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "\n注意：上年报告（2023 年度）尚未完成：表格中有" in done.stdout
    written = load(out)
    assert written.previous is not None and written.previous.year == 2023
    texts = [p.text for p in written.section("problems").paragraphs]
    assert texts == [text for _, text in PROBLEMS_TEMPLATE]


@pytest.mark.skipif(LONGGANG is None, reason="the shared samples are not beside the clone")
def test_a_published_report_cut_short_is_said_to_be_incomplete(tmp_path: Path) -> None:
    assert LONGGANG is not None
    source = tmp_path / LONGGANG.name
    shutil.copyfile(LONGGANG, source)
    started = start_from_last(source)
    computed = started.last.definition.computed_cells
    blank = len([c for c in started.imported.missing_cells if c not in computed])  # type: ignore[union-attr]
    assert blank > 0
    (warning,) = started.rolled.warnings
    assert warning.startswith(f"上年报告（2024 年度）不完整：表格中有 {blank} 格为空")
    again = with_year(started, 2026)  # and a year gap on top: both said, the gap first
    assert [w[:10] for w in again.rolled.warnings] == ["上年报告是 2024", "上年报告（2024 "]
