"""How findings read (issue 16, item 5): they name their table, errors come first in every
listing, and one root cause gives one finding."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from make_broken import OUT as BROKEN
from make_broken import base
from paths import ROOT
from pytestqt.qtbot import QtBot
from ui_support import show_window

from giedit.checks import Finding, Severity, check
from giedit.model import storage
from giedit.model.report import PreviousYear, Report
from giedit.ui.checks_panel import FINDING_ROLE
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow

TABLE_NAMES = {"active": "表二", "requests": "表三", "appeals": "表四"}


def _carry_mismatch(natural: int = 2, total: int | None = None) -> Report:
    """This year's 二 is 自然人 1, 总计 1; last year's 四 as given."""
    report = base(2024)
    last = base(2023)
    last.cells["requests.carried_out.natural"] = natural
    last.cells["requests.carried_out.total"] = natural + 0 if total is None else total
    report.previous = PreviousYear(format=last.format, year=last.year, cells=last.cells)
    return report


def _rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_a_carry_over_mismatch_in_one_column_is_one_finding_naming_the_table() -> None:
    found = _rule(check(_carry_mismatch()), "T2-E4")
    assert [f.cells for f in found] == [("requests.carried_in.natural",)]
    assert found[0].message == (
        "表三 二、上年结转政府信息公开申请数量「自然人」为 1，但上年报告“四、结转下年度继续办理”为 2，两者应相等"
    )


def test_a_total_wrong_on_its_own_is_still_reported() -> None:
    """Last year's 总计 (imported, say) disagrees with its own columns: no part explains it."""
    found = _rule(check(_carry_mismatch(natural=1, total=5)), "T2-E4")
    assert [f.cells for f in found] == [("requests.carried_in.total",)]
    assert found[0].message.startswith("表三 二、上年结转政府信息公开申请数量「总计」为 1")


def test_a_column_that_does_not_add_up_is_not_echoed_by_the_total_column() -> None:
    for rule in ("T2-E2", "T2-E3"):
        report = storage.load(BROKEN / f"{rule}.giedit")
        found = _rule(check(report), rule)
        assert len(found) == 1, [f.message for f in found]
        assert found[0].message.startswith("表三 自然人列：")
        assert "requests.total.total" not in found[0].cells


def test_every_table_finding_names_its_table() -> None:
    """Across the broken samples, a finding about cells of one table starts with 表二/表三/表四."""
    seen = 0
    for path in sorted(BROKEN.glob("*.giedit")):
        report = storage.load(path)
        for f in check(report):
            tables = {report.definition.cells[c].table for c in f.cells}
            if f.section is None and len(tables) == 1:
                seen += 1
                assert f.message.startswith(TABLE_NAMES[tables.pop()] + " ") or re.match(
                    r"^表[二三四]：", f.message
                ), f.message
            if f.section is not None:  # a narrative finding speaks of its section, not a table
                assert not f.message.startswith("表")
    assert seen >= 15


def test_check_returns_errors_before_warnings() -> None:
    report = _carry_mismatch()
    report.cells["requests.carried_in.total"] = 9  # T2-E1 too, and T2-W1-free: last year exists
    findings = check(report)
    severities = [f.severity for f in findings]
    assert Severity.ERROR in severities and Severity.WARNING in severities
    assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR)


def _giedit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_cli_text_and_json_list_errors_first(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(BROKEN.glob("*.giedit"))]
    text = _giedit("check", *files)
    assert text.returncode == 1
    blocks = re.split(r"^(?=\S)", text.stdout, flags=re.M)
    checked = 0
    for block in filter(None, blocks):
        tags = re.findall(r"^  \[(错误|提醒) ", block, flags=re.M)
        if "错误" in tags and "提醒" in tags:
            checked += 1
        assert tags == sorted(tags, key=lambda t: t != "错误"), block
    assert checked >= 10
    data = json.loads(_giedit("check", "--json", *files).stdout)
    for entry in data:
        kinds = [f["severity"] for f in entry["findings"]]
        assert kinds == sorted(kinds, key=lambda k: k != "error"), entry["file"]


def test_checks_panel_lists_errors_first_with_table_names(qtbot: QtBot) -> None:
    report = _carry_mismatch()
    win = MainWindow(Document(report))
    show_window(qtbot, win)
    model = win.checks.list.model()
    rows = [model.index(r, 0).data(FINDING_ROLE) for r in range(model.rowCount())]
    kinds = [f.severity for f in rows]
    assert Severity.WARNING in kinds and kinds[0] is Severity.ERROR
    assert kinds == sorted(kinds, key=lambda s: s is not Severity.ERROR)
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert sum(s.startswith("表三 二、上年结转") for s in shown) == 1
