"""Shared pieces of the UI tests: typing Chinese, and questions answered without a person.

Import ``answer_dialogs`` into a UI test module (it is autouse): a modal question that nobody
answers would hang an offscreen test forever. Unless a test says otherwise, every QMessageBox is
answered 「不保存」/「丢弃」 (Discard), so windows left with unsaved changes close at teardown, and
every file dialog and 补充导入信息 question is cancelled.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget


class Answers:
    """What the patched QMessageBox.exec answers, and what it was asked."""

    def __init__(self) -> None:
        self.queue: list[QMessageBox.StandardButton] = []
        self.default = QMessageBox.StandardButton.Discard
        self.asked: list[str] = []
        self.facts: list[tuple[int | None, str]] = []
        self.facts_asked: list[tuple[str, bool, bool]] = []

    def __call__(self, box: QMessageBox) -> int:
        self.asked.append(box.text())
        return int(self.queue.pop(0) if self.queue else self.default)


_current = Answers()


def answers() -> Answers:
    """The answers of the running test (to queue answers and read the questions asked)."""
    return _current


@pytest.fixture(autouse=True)
def answer_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    global _current
    answers = _current = Answers()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answers(box))
    for name in ("getOpenFileName", "getSaveFileName"):  # a file dialog is cancelled
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "exec", lambda dialog: int(QDialog.DialogCode.Rejected))
    from giedit.ui import exchange

    answers.facts = []  # (year, body) answers to 补充导入信息; none queued: cancelled
    answers.facts_asked = []

    def facts(parent: object, source: str, year: bool, body: bool) -> tuple[int | None, str] | None:
        answers.facts_asked.append((source, year, body))
        return answers.facts.pop(0) if answers.facts else None

    monkeypatch.setattr(exchange, "ask_missing_facts", facts)
    yield answers


def type_text(widget: QWidget | None, text: str) -> None:
    """Keys to ``widget`` (default: the focus widget); CJK through sendKeyEvent (keyClicks aborts)."""
    for ch in text:
        target = widget or QApplication.focusWidget()
        if ch.isascii():
            QTest.keyClick(target, ch)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, target, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
            )


def commit_ime(widget: QWidget, text: str) -> None:
    """What an input method sends when the clerk picks a phrase."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def show_window(qtbot: object, window: QWidget) -> QWidget:
    """Show and activate a window (shortcuts such as Ctrl+Z need an active window)."""
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    with qtbot.waitActive(window):  # type: ignore[attr-defined]
        window.show()
        window.activateWindow()
    return window
