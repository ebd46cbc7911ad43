"""Dismissing warnings and accepting errors from the checks panel (issue 5, spec §8)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, show_window  # noqa: F401

from giedit.checks import Finding, Severity
from giedit.model import edits
from giedit.model.report import PreviousYear, Report, new_report
from giedit.ui import dialogs
from giedit.ui.checks_panel import FINDING_ROLE, PartFindings
from giedit.ui.colours import MUTED_FG
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.parts import tally


def _window(qtbot: QtBot, report: Report) -> MainWindow:
    win = MainWindow(Document(report))
    show_window(qtbot, win)
    return win


def _select(win: MainWindow, pick: object) -> Finding:
    listing = win.checks.list
    model = listing.model()
    row = next(r for r in range(model.rowCount()) if pick(model.index(r, 0).data(FINDING_ROLE)))  # type: ignore[operator]
    listing.setCurrentIndex(model.index(row, 0))
    return model.index(row, 0).data(FINDING_ROLE)


def _row_of(win: MainWindow, rule: str) -> int:
    model = win.checks.list.model()
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data(FINDING_ROLE).rule == rule)


def _filled(year: int = 2024) -> Report:
    report = new_report(year, "某某镇人民政府")
    for table in report.definition.tables:
        edit = edits.fill_blanks(report, table.id)
        assert edit is not None
        edit.apply(report)
    return report


def test_a_dismissed_warning_leaves_the_counts_and_returns_on_undo(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _filled()
    report.section("problems").carried = True
    win = _window(qtbot, report)
    errors, warnings = tally(win.document.findings)
    side = win.pages["problems"].findings  # type: ignore[attr-defined]
    assert isinstance(side, PartFindings)
    side_before = tally(side.model.findings())[1]
    _select(win, lambda f: f.rule == "N-W15")
    assert win.checks.accept_button.isEnabled() and win.checks.accept_button.text() == "忽略…"
    monkeypatch.setattr(dialogs, "ask_reason", lambda parent, f: "已核实，上年的问题仍然存在")
    win.checks.accept_button.click()
    assert tally(win.document.findings) == (errors, warnings - 1)
    assert f"提醒 {warnings - 1}" in win.counts_label.text()
    assert win.document.report.dismissals[0].section == "problems"
    index = win.checks.list.model().index(_row_of(win, "N-W15"), 0)
    assert index.data(FINDING_ROLE).dismissed
    assert index.data().endswith("（已忽略：已核实，上年的问题仍然存在）")
    assert index.data(0x9) == MUTED_FG  # ForegroundRole: greyed
    assert f"提醒 {side_before - 1} 个" in side.title.text()  # the list beside 五 agrees
    win.undo_action.trigger()
    assert tally(win.document.findings) == (errors, warnings)
    assert not win.document.report.dismissals
    win.redo_action.trigger()
    _select(win, lambda f: f.rule == "N-W15")
    assert win.checks.reinstate_button.isEnabled()
    win.checks.reinstate_button.click()  # reversible without undo too
    assert tally(win.document.findings) == (errors, warnings)


def test_the_context_menu_offers_what_the_finding_allows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = new_report(2024, "某某镇人民政府")
    report.section("other").carried = True
    win = _window(qtbot, report)
    listing = win.checks.list
    blank = _select(win, lambda f: f.rule == "G-E1")
    (action,) = listing.menu_for(blank).actions()
    assert not action.isEnabled() and "不能忽略" in action.text()
    assert not win.checks.accept_button.isEnabled()
    carried = _select(win, lambda f: f.rule == "N-W15")
    (action,) = listing.menu_for(carried).actions()
    assert action.text() == "忽略此提醒…"
    monkeypatch.setattr(dialogs, "ask_reason", lambda parent, f: None)  # cancelled
    action.trigger()
    assert win.document.undo_stack.count() == 0
    monkeypatch.setattr(dialogs, "ask_reason", lambda parent, f: "不需要")
    action.trigger()
    now = next(f for f in win.document.findings if f.rule == "N-W15")
    (action,) = listing.menu_for(now).actions()
    assert action.text().startswith("恢复")
    action.trigger()
    assert not next(f for f in win.document.findings if f.rule == "N-W15").dismissed


def _carry_mismatch() -> Report:
    report = _filled()
    report.previous = PreviousYear(format="2021", year=2023, cells={"requests.carried_out.natural": 2})
    return report


def test_a_t2_e4_override_needs_a_reason(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    win = _window(qtbot, _carry_mismatch())
    errors, _ = tally(win.document.findings)
    finding = _select(win, lambda f: f.rule == "T2-E4")
    assert finding.severity is Severity.ERROR
    assert win.checks.accept_button.text() == "接受…"
    seen: list[bool] = []

    def run_dialog(dialog: dialogs.ReasonDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen.append(ok.isEnabled())  # empty: cannot confirm
        dialog.reason.setPlainText("   \n ")
        seen.append(ok.isEnabled())  # blank: still not
        dialog.accept()
        seen.append(dialog.result() == QDialog.DialogCode.Accepted)
        dialog.reason.setPlainText("本镇于上年与邻镇合并，上年结转数按合并后口径统计")
        seen.append(ok.isEnabled())
        ok.click()
        return dialog.result()

    monkeypatch.setattr(dialogs.ReasonDialog, "exec", run_dialog)
    win.checks.accept_button.click()
    assert seen == [False, False, False, True]
    assert tally(win.document.findings)[0] == errors - 1
    override = win.document.report.overrides[0]
    assert (override.rule, override.reason) == ("T2-E4", "本镇于上年与邻镇合并，上年结转数按合并后口径统计")
    index = win.checks.list.model().index(_row_of(win, "T2-E4"), 0)
    assert "（已接受：本镇于上年" in index.data()
    win.undo_action.trigger()
    assert tally(win.document.findings)[0] == errors
    assert win.document.report.overrides == []


def test_an_f_e1_override_from_the_basic_information_list(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _filled(2024)
    report.year = 2020  # a 2021-format file for 2020: F-E1
    win = _window(qtbot, report)
    side = win.pages["info"].findings  # type: ignore[attr-defined]
    rows = [side.model.index(r, 0).data(FINDING_ROLE) for r in range(side.model.rowCount())]
    f_e1 = next(f for f in rows if f.rule == "F-E1")
    monkeypatch.setattr(dialogs, "ask_reason", lambda parent, f: "历史文件，按原格式保存")
    (action,) = side.list.menu_for(f_e1).actions()
    action.trigger()
    assert [o.rule for o in win.document.report.overrides] == ["F-E1"]
    assert "F-E1" not in {f.rule for f in win.document.findings if not f.dismissed}
