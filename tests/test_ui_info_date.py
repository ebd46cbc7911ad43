"""An invalid 成文日期 (2026年2月30日) typed in 基本信息 is refused, and the refusal lasts: the
text stays in the field with the reason under it and in the part's findings (the report keeps
its old date, so no check could see the entry), until the clerk corrects it or presses Esc.
Typed into the real window with pytest-qt; a screenshot for a person to look at."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from paths import ROOT, SAMPLES
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window, type_text  # noqa: F401

from giedit.model.storage import load
from giedit.ui.app import install_translations
from giedit.ui.document import Document
from giedit.ui.fonts import install_fonts
from giedit.ui.info_form import InfoForm
from giedit.ui.main_window import NOTICE_MS, MainWindow

BAD = "2026年2月30日"
SHOTS = Path(os.environ.get("GIEDIT_SHOTS") or ROOT / "out" / "shots")  # as test_ui_export


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    app = QApplication.instance()
    install_fonts(app)  # type: ignore[arg-type]
    install_translations(app)  # type: ignore[arg-type]
    path = tmp_path / "白云乡.giedit"
    shutil.copy(SAMPLES / "2025-baiyun-xiang.giedit", path)
    win = MainWindow(Document.open(path))
    win.resize(1366, 768)
    show_window(qtbot, win)
    win.navigator.select_part("info")
    return win


def _type_date(form: InfoForm, text: str) -> None:
    form.date.setFocus()
    form.date.selectAll()
    type_text(form.date, text)
    QTest.keyClick(form.date, Qt.Key.Key_Tab)  # leaving the field commits it


def test_an_invalid_date_stays_visible_and_listed_until_corrected(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    form = window.pages["info"]
    assert isinstance(form, InfoForm)
    old = window.document.report.date
    assert old is not None
    applied = f"{old.year}年{old.month}月{old.day}日"
    assert form.date.text() == applied
    found = form.findings.title.text()
    assert found == "本部分的检查结果：没有发现问题"

    _type_date(form, BAD)
    assert not form.date.hasFocus() and window.document.report.date == old
    why = form.date_problem
    assert form.date.text() == BAD and why.isVisible()
    assert (
        why.text()
        == f"「{BAD}」不是有效的日期，未生效：报告中的成文日期仍是「{applied}」。请改正，或按 Esc 恢复。"
    )
    assert form.findings.title.text() == "本部分的检查结果：1 项输入未生效"
    assert form.findings.pending.isVisible()
    assert form.findings.pending.text() == f"成文日期「{BAD}」不是有效的日期，未生效"
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "info_bad_date.png"))

    # long after the status message has gone, and after a save and another edit, it is all still there
    qtbot.wait(50)
    window.statusBar().clearMessage()
    assert window.save_to(tmp_path / "白云乡.giedit")
    assert load(tmp_path / "白云乡.giedit").date == old  # the file keeps the date the report holds
    name = form.texts[("body", "name")]
    name.setFocus()
    name.setText("白云乡人民政府（测试）")
    name.editingFinished.emit()
    assert form.date.text() == BAD and why.isVisible() and form.findings.pending.isVisible()
    assert form.findings.title.text() == "本部分的检查结果：1 项输入未生效"
    assert NOTICE_MS < 60_000  # the status message is transient; the lasting message is the label

    _type_date(form, "2026年1月25日")  # corrected: applied, and the refusal gone everywhere
    assert window.document.report.date == dt.date(2026, 1, 25) != old
    assert not why.isVisible() and not form.findings.pending.isVisible()
    assert form.findings.title.text() == found


def test_esc_gives_back_the_date_the_report_holds(window: MainWindow) -> None:
    form = window.pages["info"]
    assert isinstance(form, InfoForm)
    _type_date(form, "2026年2月3日")  # applied, and late for the 1月31日 deadline: one warning
    before, found = form.date.text(), form.findings.title.text()
    assert before == "2026年2月3日" and found == "本部分的检查结果：错误 0 个，提醒 1 个"
    _type_date(form, "二月底")
    assert form.date_problem.isVisible() and "不是日期" in form.date_problem.text()
    assert "报告中的成文日期仍是「2026年2月3日」" in form.date_problem.text()
    assert form.findings.title.text() == "本部分的检查结果：1 项输入未生效；错误 0 个，提醒 1 个"
    form.date.setFocus()
    QTest.keyClick(form.date, Qt.Key.Key_Escape)
    assert form.date.text() == before
    assert not form.date_problem.isVisible() and not form.findings.pending.isVisible()
    assert form.findings.title.text() == found
    assert form.date.styleSheet() == ""
    QTest.keyClick(form.date, Qt.Key.Key_Tab)
    assert window.document.report.date == dt.date(2026, 2, 3)
    assert window.document.undo_stack.count() == 1  # Esc and leaving the field changed nothing


def test_export_stops_at_a_refused_date_instead_of_printing_the_old_one(
    window: MainWindow, tmp_path: Path
) -> None:
    """The refused entry is not in the report, so the files would carry the old date: 导出 says
    so and shows 基本信息, writing nothing."""
    before = sorted(tmp_path.iterdir())  # 导出 writes beside the report by default
    _type_date(window.pages["info"], BAD)  # type: ignore[arg-type]
    window.navigator.select_part("overview")
    asked = answers().asked
    window.export_action.trigger()
    assert asked and f"成文日期「{BAD}」不是有效的日期，未生效" in asked[-1]
    assert window.stack.currentWidget() is window.pages["info"]
    assert sorted(tmp_path.iterdir()) == before
    window.document.undo_stack.setClean()


def test_copy_as_html_stops_at_a_refused_date_too(window: MainWindow) -> None:
    QApplication.clipboard().setText("before")
    _type_date(window.pages["info"], BAD)  # type: ignore[arg-type]
    window.copy_html_action.trigger()
    assert f"成文日期「{BAD}」不是有效的日期，未生效" in answers().asked[-1]
    assert QApplication.clipboard().text() == "before"
    window.document.undo_stack.setClean()
