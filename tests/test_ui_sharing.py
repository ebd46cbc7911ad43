"""Two real editor windows on one file (issue 14): the second is told who has it open and may open
it read-only; a save over a file that changed on disk asks (重新载入 / 另存为 / 覆盖 / 取消) instead
of overwriting; a ``touch`` is no change; a failed backup is told once."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from paths import ROOT, SAMPLES
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.model import backups, edits, locks
from giedit.model.storage import load
from giedit.ui import file_dialogs
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow

Button = QMessageBox.StandardButton
SAMPLE = "2023-qingshan-zhen"
A_CELL, B_CELL = "requests.new.natural", "appeals.cases.review_other"


def _shots() -> Path:
    shots = Path(os.environ.get("GIEDIT_SHOTS") or ROOT / "out" / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _shoot(window: QWidget, dialog: QWidget | None, name: str) -> Path:
    """The window with the dialog centred on it and a title bar drawn (offscreen has no window
    manager), as the clerk sees them."""
    QApplication.processEvents()
    base = window.grab()
    if dialog is not None:
        top = dialog.grab()
        bar = dialog.fontMetrics().height() + 10
        x, y = (base.width() - top.width()) // 2, max(0, (base.height() - top.height() - bar) // 2)
        painter = QPainter(base)
        painter.fillRect(x - 1, y - 1, top.width() + 2, top.height() + bar + 2, QColor("#6b7280"))
        painter.fillRect(x, y, top.width(), bar, QColor("#e5e7eb"))
        painter.setPen(QColor("#111827"))
        painter.drawText(
            x + 10, y, top.width() - 20, bar, int(Qt.AlignmentFlag.AlignVCenter), dialog.windowTitle()
        )
        painter.drawPixmap(QPoint(x, y + bar), top)
        painter.end()
    out = _shots() / name
    assert base.save(str(out))
    return out


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / f"{SAMPLE}.giedit"
    shutil.copy(SAMPLES / f"{SAMPLE}.giedit", target)
    return target


def _open(qtbot: QtBot, path: Path) -> MainWindow:
    win = MainWindow(Document.open(path))
    show_window(qtbot, win)
    win.resize(1366, 768)
    return win


def _enter(win: MainWindow, cell: str, text: str) -> None:
    win.document.push(edits.enter(win.document.report, cell, text), "填写数字")


def _two_editors(qtbot: QtBot, path: Path) -> tuple[MainWindow, MainWindow]:
    """A opens the file; B is told, and chooses 仍要编辑 (both edit: the content check must guard)."""
    a = _open(qtbot, path)
    answers().queue = [Button.Ignore]  # 仍要编辑
    b = _open(qtbot, path)
    assert any("正由 本程序的另一个窗口 在 giedit 中编辑" in q for q in answers().asked)
    assert not b.document.read_only
    return a, b


def _a_saves_77_then_b_edits(qtbot: QtBot, a: MainWindow, b: MainWindow, path: Path) -> None:
    _enter(a, A_CELL, "77")
    assert a.save()
    assert load(path).cells[A_CELL] == 77
    _enter(b, B_CELL, "5")


def test_the_second_save_asks_and_cancel_keeps_the_first_saves_work(qtbot: QtBot, path: Path) -> None:
    a, b = _two_editors(qtbot, path)
    _a_saves_77_then_b_edits(qtbot, a, b, path)
    asked = len(answers().asked)
    answers().queue = [Button.Cancel]  # 取消
    assert not b.save()
    question = answers().asked[asked]
    assert "已被另一个 giedit 窗口或其他程序修改" in question and "直接保存会覆盖对方的修改" in question
    assert load(path).cells[A_CELL] == 77  # A's 77 is not lost
    assert b.document.modified and b.save_label.text() == "有未保存的修改"
    assert a.save_label.text() == "已保存"


def test_save_as_keeps_both_versions(qtbot: QtBot, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _two_editors(qtbot, path)
    _a_saves_77_then_b_edits(qtbot, a, b, path)
    other = path.with_name("另一份.giedit")
    monkeypatch.setattr(file_dialogs, "ask_save", lambda *a, **k: str(other))
    answers().queue = [Button.Save]  # 另存为…
    assert b.save()
    assert load(path).cells[A_CELL] == 77 and load(other).cells[B_CELL] == 5
    assert b.document.path == other and not b.document.modified
    assert locks.holder(other) is not None and locks.holder(other).token == b.guard.lock.token  # type: ignore[union-attr]


def test_overwrite_replaces_and_keeps_the_other_version_in_the_backups(qtbot: QtBot, path: Path) -> None:
    a, b = _two_editors(qtbot, path)
    _a_saves_77_then_b_edits(qtbot, a, b, path)
    answers().queue = [Button.Ignore]  # 覆盖
    assert b.save()
    assert load(path).cells[B_CELL] == 5 and load(path).cells[A_CELL] != 77
    assert any(load(p).cells[A_CELL] == 77 for p in backups.list_backups(path))
    assert "被替换的版本保留在历史版本中" in b.statusBar().currentMessage()


def test_reload_shows_the_file_as_it_is_now(qtbot: QtBot, path: Path) -> None:
    a, b = _two_editors(qtbot, path)
    _a_saves_77_then_b_edits(qtbot, a, b, path)
    answers().queue = [Button.Reset]  # 重新载入
    assert not b.save()
    assert b.document.report.cells[A_CELL] == 77 and not b.document.modified
    _enter(b, B_CELL, "6")
    assert b.save()  # now based on the new version: no question
    assert load(path).cells[A_CELL] == 77 and load(path).cells[B_CELL] == 6


def test_coming_back_to_the_window_compares_content_not_times(qtbot: QtBot, path: Path) -> None:
    a, b = _two_editors(qtbot, path)
    asked = len(answers().asked)
    later = time.time() + 600
    os.utime(path, (later, later))  # `touch`: a newer time, the same content
    b.guard.check_disk()
    assert len(answers().asked) == asked  # nothing to ask
    _enter(a, A_CELL, "77")
    assert a.save()
    answers().queue = [Button.Reset]  # 重新载入 (B has no changes of its own)
    with qtbot.waitActive(b):
        b.activateWindow()
    qtbot.waitUntil(lambda: len(answers().asked) > asked, timeout=3000)
    assert "本窗口中没有修改" not in answers().asked[-1]  # the informative text is not the question
    assert b.document.report.cells[A_CELL] == 77
    asked = len(answers().asked)
    b.guard.check_disk()
    assert len(answers().asked) == asked  # the same version is not asked about twice


def test_the_conflict_question_as_the_clerk_sees_it(
    qtbot: QtBot, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = _two_editors(qtbot, path)
    _a_saves_77_then_b_edits(qtbot, a, b, path)
    seen: list[QMessageBox] = []

    def look(box: QMessageBox) -> int:
        seen.append(box)
        box.show()
        _shoot(b, box, "conflict-on-save.png")
        box.hide()
        return int(Button.Cancel)

    with monkeypatch.context() as patched:
        patched.setattr(QMessageBox, "exec", look)
        assert not b.save()
    (box,) = seen
    labels = {box.button(x).text() for x in (Button.Reset, Button.Save, Button.Ignore, Button.Cancel)}
    assert labels == {"重新载入", "另存为…", "覆盖", "取消"}
    assert box.defaultButton() is box.button(Button.Save)  # with changes of its own: keep both
    assert "两处的修改不能自动合并" in box.informativeText()


def test_read_only_second_window(qtbot: QtBot, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = _open(qtbot, path)
    seen: list[QMessageBox] = []

    def look(box: QMessageBox) -> int:
        seen.append(box)
        box.show()
        _shoot(a, box, "second-editor-told.png")
        box.hide()
        return int(Button.Open)  # 只读打开

    with monkeypatch.context() as patched:  # only for this question: the other patches stay
        patched.setattr(QMessageBox, "exec", look)
        b = _open(qtbot, path)
    assert seen and seen[0].defaultButton() is seen[0].button(Button.Open)
    assert "建议以只读方式打开" in seen[0].informativeText()
    assert b.document.read_only and b.guard.bar.isVisible()
    assert "只读" in b.guard.bar.label.text() and "另存为" in b.guard.bar.label.text()
    assert "（只读）" in b.windowTitle()
    _shoot(b, None, "read-only-window.png")
    before = path.read_bytes()
    _enter(b, B_CELL, "5")
    assert not b.save()  # 另存为 (the file dialog is cancelled here): never over A's file
    assert not b.save_to(path)
    assert path.read_bytes() == before
    b.guard.bar.take_button.click()  # A still has it
    assert b.document.read_only and "仍由" in b.statusBar().currentMessage()
    a.close()  # A had no changes: it closes, the lock goes
    assert locks.holder(path) is None
    answers().queue = [Button.Cancel]  # the file is as B read it: no question expected
    b.guard.bar.take_button.click()
    assert not b.document.read_only and not b.guard.bar.isVisible()
    assert b.save() and load(path).cells[B_CELL] == 5


def test_a_failed_backup_is_told_once(
    qtbot: QtBot, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = _open(qtbot, path)
    blocked = tmp_path / "不是文件夹"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(blocked))  # the data folder cannot be made
    _enter(win, A_CELL, "1")
    assert win.save()
    qtbot.waitUntil(lambda: "无法保留" in win.statusBar().currentMessage(), timeout=3000)
    message = win.statusBar().currentMessage()
    assert "无法保留" in message and "历史版本" in message and "文件本身已保存" in message
    win.statusBar().clearMessage()
    _enter(win, A_CELL, "2")
    assert win.save()
    qtbot.wait(100)
    assert "无法保留" not in win.statusBar().currentMessage()
    assert load(path).cells[A_CELL] == 2


def test_a_window_editing_without_the_lock_takes_it_once_it_is_free(qtbot: QtBot, path: Path) -> None:
    """A has the file; B chose 仍要编辑. When A closes, B takes the lock at its next refresh, so a
    third editor C is told that the file is being edited (it opened it without a word before)."""
    a, b = _two_editors(qtbot, path)
    assert b.guard.lock is None
    b.guard._refresh()  # A still holds it: nothing changes
    assert b.guard.lock is None
    assert a.close()
    assert locks.holder(path) is None
    b.guard._refresh()  # what B's timer does every REFRESH_S seconds
    assert b.guard.lock is not None and locks.holder(path) is not None
    asked = len(answers().asked)
    answers().queue = [Button.Ignore]
    c = _open(qtbot, path)
    assert any("正由 本程序的另一个窗口 在 giedit 中编辑" in q for q in answers().asked[asked:])
    assert not c.document.read_only
