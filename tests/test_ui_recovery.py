"""Autosave and recovery (issue 5): a copy of unsaved work in the data folder, and after a real
crash (a child editor killed with SIGKILL) the next start offers it and restores the edits."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.model import edits, recovery
from giedit.model.report import new_report
from giedit.model.storage import load, save
from giedit.ui import app
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
IDLE_MS = 60


def _window(qtbot: QtBot, path: Path | None = None) -> MainWindow:
    Settings().set_idle_ms(IDLE_MS)
    report = load(path) if path else new_report(2024, "某某镇人民政府")
    win = MainWindow(Document(report, path))
    show_window(qtbot, win)
    return win


def _edit(win: MainWindow, text: str = "4") -> None:
    win.document.push(edits.enter(win.document.report, "requests.new.natural", text), "填写数字")


def test_idle_edits_write_a_copy_that_a_save_removes(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "镇.giedit"
    save(new_report(2024, "某某镇人民政府"), path)
    before = path.read_bytes()
    win = _window(qtbot, path)
    copy = win.autosave.session.path
    _edit(win)
    assert not copy.exists()  # not before the clerk pauses
    qtbot.waitUntil(copy.exists, timeout=3000)
    assert copy.parent == Path(os.environ["GIEDIT_DATA_DIR"]) / "recovery"
    assert path.read_bytes() == before  # never over the clerk's file
    assert win.save_to(path)
    assert not copy.exists()  # a clean save removes it
    _edit(win, "5")
    qtbot.waitUntil(copy.exists, timeout=3000)
    win.undo_action.trigger()  # back to the saved state: nothing to recover
    qtbot.waitUntil(lambda: not copy.exists(), timeout=3000)
    _edit(win, "6")
    qtbot.waitUntil(copy.exists, timeout=3000)
    assert win.close()  # answered 「不保存」
    assert not copy.exists()
    assert not list(copy.parent.glob("*.lock"))


def test_a_new_unsaved_report_is_kept_and_restored_as_new(qtbot: QtBot) -> None:
    win = _window(qtbot)
    _edit(win, "8")
    assert win.autosave.write_now()
    copy = win.autosave.session.path
    orphan = copy.with_name("20000101-000000-deadbeef.recovery")
    orphan.write_bytes(copy.read_bytes())  # as if left by an editor that died
    answers().queue = [QMessageBox.StandardButton.Yes]
    other = _window(qtbot)
    assert other.offer_recovery()
    assert "尚未保存的新报告" in answers().asked[-1]
    assert other.document.path is None
    assert other.document.report.cells["requests.new.natural"] == 8
    assert other.isWindowModified()
    assert not orphan.exists()
    assert other.autosave.session.path.exists()  # restored work is covered again at once


CHILD = r"""
import sys, time
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from giedit.model import edits
from giedit.ui.app import start
from giedit.ui.settings import Settings

Settings().set_idle_ms(50)
win = start([sys.argv[1]])
QTest.qWaitForWindowActive(win)
win.navigator.select_part("overview")
editor = win.pages["overview"].editor
editor.add_button.click()
edit = editor.rows[-1].edit
edit.setFocus()
for ch in "崩溃前写下的文字":
    QTest.sendKeyEvent(QTest.KeyAction.Click, edit, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)
win.document.push(edits.enter(win.document.report, "requests.new.natural", "7"), "填写数字")
path = win.autosave.session.path
give_up = time.time() + 30
while not path.exists() and time.time() < give_up:
    QApplication.processEvents()
    time.sleep(0.01)
print("ready" if path.exists() else "no copy", path, flush=True)
while True:  # an editor, busy, with unsaved work: until it is killed
    QApplication.processEvents()
    time.sleep(0.05)
"""


def _first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()  # type: ignore[union-attr]
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


def test_after_a_crash_the_next_start_offers_and_restores_the_edits(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "丁镇.giedit"
    save(new_report(2024, "丁镇人民政府"), doc)
    old = time.time() - 120
    os.utime(doc, (old, old))
    before = doc.read_bytes()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(doc)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = _first_line(proc, timeout=60)
    finally:
        proc.kill()  # SIGKILL on POSIX: no clean-up of any kind runs
        proc.wait(timeout=30)
    assert line.startswith("ready"), line
    assert proc.returncode == -9 or os.name == "nt"
    assert doc.read_bytes() == before  # the clerk's file was never touched

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs its own
    answers().queue = [QMessageBox.StandardButton.Yes]  # 恢复
    window = app.start([str(doc)])
    qtbot.addWidget(window)
    assert any("上次没有正常关闭" in q and "丁镇.giedit" in q for q in answers().asked)
    report = window.document.report
    assert [p.text for p in report.section("overview").paragraphs] == ["崩溃前写下的文字"]
    assert report.cells["requests.new.natural"] == 7
    assert window.document.path == doc.resolve()
    assert window.isWindowModified()
    assert window.save_label.text() == "有未保存的修改"
    assert len(recovery.pending()) == 0  # the old copy was taken over by this editor
    assert window.save_to(doc)
    assert load(doc).cells["requests.new.natural"] == 7


def test_declining_keeps_or_discards_the_copy(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot)
    _edit(win, "3")
    assert win.autosave.write_now()
    orphan = win.autosave.session.path.with_name("20000101-000000-0badf00d.recovery")
    orphan.write_bytes(win.autosave.session.path.read_bytes())
    other = _window(qtbot)
    answers().queue = [QMessageBox.StandardButton.Cancel]  # 以后再说
    assert not other.offer_recovery()
    assert orphan.exists()
    answers().queue = [QMessageBox.StandardButton.Discard]  # 丢弃
    assert not other.offer_recovery()
    assert not orphan.exists()
    assert other.document.report.cells["requests.new.natural"] is None
