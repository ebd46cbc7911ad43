"""文件 → 历史版本… (issue 16): the backups listed with time, size and what differs; restoring one
opens it as unsaved changes of the same file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.model import backups, edits
from giedit.model.report import new_report
from giedit.model.storage import load
from giedit.ui import history
from giedit.ui.document import Document
from giedit.ui.history import HistoryDialog
from giedit.ui.main_window import MainWindow

CELL = "requests.new.natural"


def _saved_three_times(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Path]:
    win = MainWindow(Document(new_report(2024, "乙镇人民政府")))
    show_window(qtbot, win)
    path = tmp_path / "乙镇.giedit"
    for n in ("1", "2", "3"):
        win.document.push(edits.enter(win.document.report, CELL, n), "填写数字")
        assert win.save_to(path)
    return win, path


def _rows(dialog: HistoryDialog) -> list[list[str]]:
    return [
        [dialog.list.topLevelItem(r).text(c) for c in range(3)]
        for r in range(dialog.list.topLevelItemCount())
    ]


def test_versions_are_listed_with_time_size_and_what_differs(qtbot: QtBot, tmp_path: Path) -> None:
    win, _ = _saved_three_times(qtbot, tmp_path)
    win.document.push(edits.set_field(win.document.report, ("body", "name"), "甲镇人民政府"), "机关名称")
    dialog = HistoryDialog(win.document, win)
    qtbot.addWidget(dialog)
    rows = _rows(dialog)
    assert len(rows) == 2  # the versions holding 2 and 1; 3 is the file itself
    for saved, size, summary in rows:
        assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d", saved)
        assert re.fullmatch(r"\d+\.\d KB", size)
        # the figure and its totals (三), and the name typed since the last save
        assert summary == "与当前不同：1 个数字（三）；基本信息"
    assert dialog.restore_button.isEnabled()  # the newest is selected


def test_restore_opens_a_version_unsaved_and_saving_keeps_the_current_one(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, path = _saved_three_times(qtbot, tmp_path)

    def pick_oldest(dialog: HistoryDialog) -> int:
        last = dialog.list.topLevelItem(dialog.list.topLevelItemCount() - 1)
        dialog.list.setCurrentItem(last)
        dialog.restore_button.click()
        return int(dialog.result())

    monkeypatch.setattr(HistoryDialog, "exec", pick_oldest)
    win.history_action.trigger()
    assert win.document.report.cells[CELL] == 1
    assert win.document.path == path and win.document.modified
    assert win.windowTitle() == "乙镇.giedit[*] — giedit" and win.isWindowModified()
    assert "尚未保存" in win.statusBar().currentMessage()
    assert load(path).cells[CELL] == 3  # nothing written yet

    assert win.save_to(path)
    assert load(path).cells[CELL] == 1
    kept = [load(p).cells[CELL] for p in backups.list_backups(path)]
    assert kept[0] == 3  # the file it replaced is now a version


def test_a_report_never_saved_has_no_versions(qtbot: QtBot) -> None:
    win = MainWindow(Document(new_report(2024)))
    show_window(qtbot, win)
    dialog = HistoryDialog(win.document, win)
    qtbot.addWidget(dialog)
    assert dialog.list.isHidden() and not dialog.empty.isHidden()
    assert "还没有保存过" in dialog.empty.text()
    assert not dialog.restore_button.isEnabled()
    dialog.accept()  # nothing chosen: stays open
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.chosen is None


def test_cancelling_the_unsaved_changes_question_restores_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    win, _ = _saved_three_times(qtbot, tmp_path)
    win.document.push(edits.enter(win.document.report, CELL, "9"), "填写数字")
    dialog = history.HistoryDialog(win.document, win)
    qtbot.addWidget(dialog)
    chosen = dialog.list.topLevelItem(0).data(0, history.VERSION_ROLE)
    answers().queue.append(QMessageBox.StandardButton.Cancel)
    assert not history.restore(win, chosen)
    assert win.document.report.cells[CELL] == 9
