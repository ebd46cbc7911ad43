"""The start page (issue 16): the ways to begin, recent reports, the deadline, and no findings
before there is a report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from paths import SAMPLES
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs  # noqa: F401 (autouse: no dialog waits for a person)

from giedit.model.deadline import current_report_year, next_deadline
from giedit.model.report import new_report
from giedit.model.storage import save
from giedit.ui import app, dialogs, exchange, file_dialogs
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.settings import Settings
from giedit.ui.start_page import StartMode, StartPage, deadline_text


@pytest.fixture
def started(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs its own; undo after
    window = app.start([])
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def _page(window: MainWindow) -> StartPage:
    page = window.central.currentWidget()
    assert isinstance(page, StartPage)
    return page


def _editor_shown(window: MainWindow) -> bool:
    return window.start_mode is None and window.central.currentIndex() == 0 and window.navigator.isVisible()


def test_the_deadline_is_the_next_one_to_come() -> None:
    assert next_deadline(dt.date(2026, 12, 3), (1, 31)) == (2026, dt.date(2027, 1, 31))
    assert next_deadline(dt.date(2027, 1, 10), (1, 31)) == (2026, dt.date(2027, 1, 31))
    assert next_deadline(dt.date(2027, 2, 1), (1, 31)) == (2027, dt.date(2028, 1, 31))
    assert next_deadline(dt.date(2027, 2, 10), (3, 31)) == (2026, dt.date(2027, 3, 31))
    assert deadline_text(dt.date(2026, 12, 3), (1, 31)) == (
        "2026年度报告的发布期限：2027年1月31日，还有 59 天",
        59,
    )
    assert deadline_text(dt.date(2027, 1, 31), (1, 31))[0].endswith("今天截止")


def test_no_report_no_findings_only_the_ways_to_begin(started: MainWindow) -> None:
    window = started
    page = _page(window)
    assert page.isVisible() and isinstance(window.start_mode, StartMode)
    assert not window.checks.isVisible() and not window.toolbar.isVisible()
    assert not window.counts_label.isVisible() and not window.navigator.isVisible()
    for action in (window.save_action, window.export_action, window.fill_action, window.history_action):
        assert not action.isEnabled()
    assert page.from_last.isDefault() and "推荐" in page.from_last.text()
    for button in (page.from_last, page.import_, page.open_, page.new):
        assert button.description()  # one line on what it does
    days = (next_deadline(dt.date.today(), Settings().deadline())[1] - dt.date.today()).days
    assert f"还有 {days} 天" in page.deadline.text() or days == 0
    assert window.windowTitle().startswith("giedit")


def test_new_report_years_follow_the_deadline_the_start_page_names(started: MainWindow, qtbot: QtBot) -> None:
    """In December the clerk writes this year's report: the new-report dialog, the import dialog's
    year of the source (last year's report) and the blank window behind the start page all agree
    with the start page's deadline line, and move with a county's own deadline."""
    year, _ = next_deadline(dt.date.today(), Settings().deadline())
    assert f"{year}年度报告" in _page(started).deadline.text()
    assert started.document.report.year == year
    new = dialogs.NewReportDialog(started)
    qtbot.addWidget(new)
    assert new.year.value() == year
    missing = exchange.MissingFactsDialog("上年报告.pdf", year=True, body=False, parent=started)
    qtbot.addWidget(missing)
    assert missing.year is not None and missing.year.value() == year - 1
    assert current_report_year((1, 31), dt.date(2026, 12, 3)) == 2026
    assert current_report_year((1, 31), dt.date(2027, 2, 1)) == 2027
    assert current_report_year((3, 31), dt.date(2027, 2, 10)) == 2026


def test_each_button_runs_its_action(started: MainWindow) -> None:
    window = started
    page = _page(window)
    ran: list[str] = []
    for name in ("from_last_action", "import_action", "open_action", "new_action"):
        getattr(window, name).triggered.connect(lambda _=False, n=name: ran.append(n))
    for button in (page.from_last, page.import_, page.open_):
        button.click()  # each file dialog is cancelled: the start page stays
    assert _page(window) is page
    assert ran == ["from_last_action", "import_action", "open_action"]


def test_open_goes_to_the_editor_with_everything_back(
    started: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = started
    path = tmp_path / "乙镇.giedit"
    save(new_report(2024, "乙镇人民政府"), path)
    monkeypatch.setattr(file_dialogs, "ask_open", lambda *a, **k: str(path))
    _page(window).open_.click()
    assert _editor_shown(window)
    assert window.document.path == path
    assert window.checks.isVisible() and window.toolbar.isVisible() and window.counts_label.isVisible()
    assert window.save_action.isEnabled() and window.fill_action.isEnabled()
    assert window.windowTitle() == "乙镇.giedit[*] — giedit"


def test_from_last_year_is_the_usual_start(started: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window = started
    monkeypatch.setattr(file_dialogs, "ask_open", lambda *a, **k: str(SAMPLES / "2023-qingshan-zhen.giedit"))
    monkeypatch.setattr(exchange, "ask_roll_year", lambda parent, started, source: 2024)
    _page(window).from_last.click()
    assert _editor_shown(window)
    assert window.document.report.year == 2024 and window.document.modified
    window.report_dialog.close()  # type: ignore[union-attr]


def test_new_blank_report(started: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window = started
    monkeypatch.setattr(dialogs, "ask_new_report", lambda *a, **k: (2025, "丙乡人民政府", None))
    _page(window).new.click()
    assert _editor_shown(window)
    assert window.document.report.year == 2025 and window.document.report.body.name == "丙乡人民政府"


def test_recent_reports_open_and_a_missing_one_leaves_the_list(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "丁镇.giedit"
    save(new_report(2024, "丁镇人民政府"), path)
    settings = Settings()
    settings.add_recent(path)
    settings.add_recent(tmp_path / "不见了.giedit")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    window = app.start([])
    qtbot.addWidget(window)
    page = _page(window)
    names = [b.text() for b in page.recent_buttons]
    assert names == ["不见了.giedit", "丁镇.giedit"]
    assert page.recent_buttons[0].description() == "找不到这个文件"
    page.recent_buttons[0].click()
    QApplication.processEvents()
    assert [b.text() for b in page.recent_buttons] == ["丁镇.giedit"]
    page.recent_buttons[0].click()
    assert _editor_shown(window) and window.document.path == path


def test_closing_on_the_start_page_keeps_the_editors_layout(started: MainWindow, qtbot: QtBot) -> None:
    assert started.close()
    again = MainWindow(Document(new_report(2024)))
    qtbot.addWidget(again)
    again.show()
    assert again.toolbar.isVisible() and again.checks.isVisible()


def test_a_file_that_cannot_be_read_leaves_the_start_page(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    bad = tmp_path / "坏.giedit"
    bad.write_text("不是报告", encoding="utf-8")
    window = app.start([str(bad)])
    qtbot.addWidget(window)
    assert shown and isinstance(window.central.currentWidget(), StartPage)
