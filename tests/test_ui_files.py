"""The file workflow and settings (issue 5): 新建, 打开, 保存, 另存为, recent files, the guard on
close with unsaved changes, damaged and future files, and the settings kept with QSettings."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window, type_text  # noqa: F401

from giedit.checks import acceptance
from giedit.model import edits
from giedit.model.backups import data_dir
from giedit.model.report import BodyKind, Paragraph, Report, new_report
from giedit.model.storage import load, save
from giedit.ui import dialogs
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.settings import Settings

Button = QMessageBox.StandardButton


def _window(qtbot: QtBot, report: Report | None = None, path: Path | None = None) -> MainWindow:
    win = MainWindow(Document(report or new_report(2024, "某某镇人民政府"), path))
    show_window(qtbot, win)
    return win


def _edit(win: MainWindow, cid: str = "requests.new.natural", text: str = "4") -> None:
    win.document.push(edits.enter(win.document.report, cid, text), "填写数字")


def test_save_then_reopen_is_equal(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot)
    report = win.document.report
    win.navigator.select_part("overview")
    editor = win.pages["overview"].editor  # type: ignore[attr-defined]
    editor.add_button.click()
    type_text(None, "本年度政府信息公开工作稳步推进。")
    editor.heading_button.menu().actions()[1].trigger()
    type_text(None, "主动公开")
    _edit(win)
    _edit(win, "active.fees.fee_amount", "0.45")
    win.document.push(edits.set_field(report, ("date",), dt.date(2025, 1, 20)), "日期")
    win.document.push(edits.set_field(report, ("body", "kind"), BodyKind.TOWN), "类型")
    carried = next(f for f in win.document.findings if f.rule == "N-W14" and f.section == "problems")
    win.document.push(acceptance.dismiss(report, carried, "另行报告"), "忽略提醒")
    target = tmp_path / "某某镇.giedit"
    assert win.save_to(target)
    again = load(target)
    assert again.model_dump() == win.document.report.model_dump()
    assert win.open_path(target)
    assert win.document.report.model_dump() == again.model_dump()
    assert [p.text for p in win.document.report.section("overview").paragraphs] == [
        "本年度政府信息公开工作稳步推进。",
        "主动公开",
    ]
    assert any(f.dismissed for f in win.document.findings)
    assert Settings().recent_files()[0] == str(target)


def test_close_with_unsaved_changes_asks(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "镇.giedit"
    save(new_report(2024, "某某镇人民政府"), path)
    win = _window(qtbot, load(path), path)
    assert win.close()  # nothing changed: no question
    assert answers().asked == []
    win = _window(qtbot, load(path), path)
    _edit(win)
    answers().queue = [Button.Cancel]
    assert not win.close()
    assert win.isVisible()
    assert "未保存的修改" in answers().asked[-1]
    answers().queue = [Button.Save]
    assert win.close()
    assert load(path).cells["requests.new.natural"] == 4
    win = _window(qtbot, load(path), path)
    _edit(win, text="5")
    answers().queue = [Button.Discard]
    assert win.close()
    assert load(path).cells["requests.new.natural"] == 4


def test_saving_a_new_report_needs_a_name_and_cancel_keeps_the_window(qtbot: QtBot) -> None:
    win = _window(qtbot)
    _edit(win)
    answers().queue = [Button.Save]  # 保存 → 另存为, whose file dialog is cancelled
    assert not win.close()
    assert win.isVisible()


def test_new_report_picks_the_format_by_year(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    win = _window(qtbot)
    _edit(win)
    asked: list[tuple[str, object]] = []

    def choose(parent: object, body: str, kind: object) -> tuple[int, str, BodyKind]:
        asked.append((body, kind))
        return 2020, "丙乡人民政府", BodyKind.TOWNSHIP

    monkeypatch.setattr(dialogs, "ask_new_report", choose)
    answers().queue = [Button.Cancel]
    assert not win.new_file()  # the unsaved changes come first
    assert asked == []
    answers().queue = [Button.Discard]
    assert win.new_action.trigger() is None and win.document.report.year == 2020
    assert asked == [("某某镇人民政府", None)]
    report = win.document.report
    assert (report.format, report.body.name, report.body.kind) == ("2019", "丙乡人民政府", BodyKind.TOWNSHIP)
    assert report.period == "2020年1月1日至2020年12月31日"
    assert win.windowTitle() == "未命名[*] — giedit"
    assert not win.isWindowModified()


def test_new_report_dialog_shows_the_format(qtbot: QtBot) -> None:
    dialog = dialogs.NewReportDialog(body="丁镇人民政府", kind=BodyKind.TOWN)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2020)
    assert "试行" in dialog.format_label.text()
    dialog.year.setValue(2025)
    assert "2021〕30号" in dialog.format_label.text()
    assert dialog.choice() == (2025, "丁镇人民政府", BodyKind.TOWN)


def test_damaged_and_future_files_show_the_core_message(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    win = _window(qtbot)
    future = tmp_path / "新版.giedit"
    future.write_text(json.dumps({"file_format": 99, "min_reader": "9.0", "report": {}}), encoding="utf-8")
    assert not win.open_path(future)
    assert "较新的 giedit" in shown[-1] and "9.0" in shown[-1]
    damaged = tmp_path / "坏.giedit"
    damaged.write_bytes(b"\x00\x01")
    assert not win.open_path(damaged)
    assert "坏.giedit" in shown[-1]
    assert future.read_text(encoding="utf-8").startswith("{")  # never written


def test_recent_files_are_kept_in_the_data_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    paths = []
    for name in ("甲", "乙"):
        p = tmp_path / f"{name}.giedit"
        save(new_report(2024, f"{name}镇人民政府"), p)
        paths.append(p)
    win = _window(qtbot)
    for p in paths:
        assert win.open_path(p)
    settings = Settings()
    assert settings.path == data_dir() / "settings.ini"
    assert settings.recent_files() == [str(paths[1]), str(paths[0])]
    win.recent_menu.aboutToShow.emit()
    names = [a.text() for a in win.recent_menu.actions() if a.text()]
    assert names[:2] == ["&1 乙.giedit", "&2 甲.giedit"]
    win.recent_menu.actions()[1].trigger()
    assert win.document.path == paths[0]
    os.remove(paths[1])
    assert not win.open_recent(str(paths[1]))
    assert "找不到" in shown[-1]
    assert Settings().recent_files() == [str(paths[0])]


def test_deadline_setting_reaches_the_checks(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    report = new_report(2024, "某某镇人民政府")
    report.date = dt.date(2025, 2, 20)
    win = _window(qtbot, report)
    late = [f for f in win.document.findings if f.rule == "N-W12"]
    assert late and "2025年1月31日" in late[0].message
    monkeypatch.setattr(dialogs, "ask_deadline", lambda parent, current: (2, 28))
    win.settings_action.trigger()
    assert Settings().deadline() == (2, 28)
    assert not [f for f in win.document.findings if f.rule == "N-W12"]
    assert win.document.undo_stack.count() == 0  # a setting, not an edit of the report
    win2 = _window(qtbot, report.model_copy(deep=True))
    assert not [f for f in win2.document.findings if f.rule == "N-W12"]


def test_settings_dialog_refuses_impossible_days(qtbot: QtBot) -> None:
    dialog = dialogs.SettingsDialog((1, 31))
    qtbot.addWidget(dialog)
    dialog.month.setValue(2)
    assert dialog.deadline() == (2, 28)
    with pytest.raises(ValueError):
        Settings().set_deadline(2, 30)


def test_window_geometry_and_export_choices_are_remembered(qtbot: QtBot) -> None:
    win = _window(qtbot)
    win.resize(1000, 520)  # the offscreen screen is 800x600: only the height is free to choose
    assert win.close()
    settings = Settings()
    assert settings.geometry() is not None and settings.window_state() is not None
    assert settings.window_frame() is not None
    # the geometry comes back only when its frame fits a screen; the offscreen screen is narrower
    # than the window's minimum width, so say it fitted (tests/test_ui_window_fit.py: when not)
    screen = win.screen().availableGeometry()
    settings.set_window_frame(QRect(screen.topLeft(), QSize(screen.width(), 530)), maximized=False)
    again = _window(qtbot)
    assert again.height() == 520
    assert settings.export_formats() == ["docx", "pdf"]
    settings.set_export_formats(["pdf"])
    assert Settings().export_formats() == ["pdf"]


def test_preamble_round_trip(qtbot: QtBot, tmp_path: Path) -> None:
    report = new_report(2024)
    report.preamble = [Paragraph(text="根据《条例》编制。")]
    win = _window(qtbot, report)
    target = tmp_path / "a.giedit"
    assert win.save_to(target)
    assert load(target).preamble == report.preamble
