"""文件→打开 (or the command line, or a file dropped on the program's icon) given last year's
published Word report instead of a giedit file: the window says what the file is and offers
导入 / 用它新建下一年度报告 / 取消 in place of the dead end 「不是 giedit 年度报告文件（是二进制文件）」.

A real .docx (the shared Word sample, copied), the real window and importer; the question is
answered through tests/ui_support.py's patched QMessageBox.exec.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from paths import SAMPLES, SHARED
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.model.report import new_report
from giedit.ui import app, dialogs, exchange, file_dialogs
from giedit.ui.document import Document
from giedit.ui.exchange import ImportReportDialog, RollForwardDialog
from giedit.ui.main_window import PUBLISHED_FILTER, MainWindow

Button = QMessageBox.StandardButton
WORD = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"
BODY = "青峪县石河镇人民政府"  # the body and year the Word sample prints
QUESTION = "「去年的报告.docx」是 Word 文档，不是 giedit 报告文件。要把它作为已发布的报告导入吗？"
needs_word = pytest.mark.skipif(not WORD.exists(), reason="the shared samples are not beside the clone")


@pytest.fixture(autouse=True)
def warned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The refusals shown with QMessageBox.warning (the dead end the offer replaces)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    return shown


@pytest.fixture
def word(tmp_path: Path) -> Path:
    path = tmp_path / "去年的报告.docx"
    shutil.copy(WORD, path)
    return path


def _window(qtbot: QtBot) -> MainWindow:
    win = MainWindow(Document(new_report(2023, "某某镇人民政府")))
    show_window(qtbot, win)
    return win


@needs_word
def test_open_offers_to_import_a_word_report_and_imports_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, word: Path, warned: list[str]
) -> None:
    win = _window(qtbot)
    monkeypatch.setattr(file_dialogs, "ask_open", lambda *a, **k: str(word))
    answers().queue.append(Button.Open)  # 导入
    win.open_action.trigger()  # 文件 → 打开, the Word file picked
    assert warned == [] and answers().asked == [QUESTION]
    report = win.document.report
    assert report.body.name == BODY and report.year == 2022
    assert win.document.path is None and win.document.modified  # a new report, to check and save
    assert isinstance(win.report_dialog, ImportReportDialog)
    assert "已导入「去年的报告.docx」" in win.statusBar().currentMessage()


@needs_word
def test_the_offer_can_start_next_year_s_report_or_be_cancelled(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, word: Path, warned: list[str]
) -> None:
    win = _window(qtbot)
    before = win.document
    answers().queue.append(Button.Cancel)
    assert not win.open_path(word)
    assert win.document is before and win.document.report.body.name == "某某镇人民政府"
    assert warned == [] and answers().asked == [QUESTION]
    offered: list[int] = []

    def pick(parent: object, started: object, source: str) -> int:
        dialog = exchange.RollYearDialog(started, source)  # type: ignore[arg-type]
        offered.append(dialog.year.value())
        dialog.deleteLater()
        return offered[-1]

    monkeypatch.setattr(exchange, "ask_roll_year", pick)
    answers().queue.append(Button.Save)  # 用它新建下一年度报告
    assert win.open_path(word)
    assert answers().asked == [QUESTION, QUESTION]
    report = win.document.report
    assert offered == [2023] and report.year == 2023 and report.body.name == BODY
    assert report.previous is not None and report.previous.year == 2022
    assert isinstance(win.report_dialog, RollForwardDialog)


@needs_word
def test_a_word_report_given_on_the_command_line_is_offered_for_import(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, word: Path, warned: list[str]
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs its own; undo after
    answers().queue.append(Button.Open)
    window = app.start([str(word)])
    qtbot.addWidget(window)
    assert warned == [] and answers().asked[0] == QUESTION
    assert window.document.report.body.name == BODY and window.document.path is None
    assert window.start_mode is None  # the start page gave way to the imported report


def test_a_giedit_file_with_a_published_suffix_opens_without_a_question(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot)
    path = tmp_path / "报告.txt"  # a report mailed as .txt: the content decides
    shutil.copy(SAMPLES / "2023-qingshan-zhen.giedit", path)
    assert win.open_path(path)
    assert answers().asked == [] and win.document.path == path


def test_every_published_suffix_the_import_filter_lists_has_a_name(qapp: QApplication) -> None:
    listed = re.search(r"已发布的报告 \(([^)]*)\)", PUBLISHED_FILTER)
    assert listed is not None
    suffixes = {s.removeprefix("*") for s in listed.group(1).split()}
    assert suffixes == set(dialogs.PUBLISHED_KINDS)
