"""The whole window on screen at 1366×768: first start and restored geometry (issue 16)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from paths import SAMPLES
from PySide6.QtCore import QRect, QSize, Qt
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs  # noqa: F401 (autouse: no dialog waits for a person)

from giedit.model import storage
from giedit.model.report import new_report
from giedit.model.rollforward import roll_forward
from giedit.ui import app, window_fit
from giedit.ui.checks_panel import PartFindings
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.parts import PART_IDS
from giedit.ui.settings import Settings

WRAP = Qt.TextFlag.TextWordWrap.value


def test_small_screens_start_maximized() -> None:
    assert window_fit.small(QSize(1366, 768))
    assert window_fit.small(QSize(1366, 728))  # Windows, taskbar at the bottom
    assert not window_fit.small(QSize(1920, 1040))
    assert not window_fit.small(QSize(1440, 860))


def test_first_start_fits_the_screen(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs its own; undo after
    window = app.start([])
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert not window.restored
    assert window.isMaximized()  # the offscreen screen (800×800) is smaller than 1366×768
    # offscreen the screen is narrower than the window's minimum width (about 990 px), so only
    # the height can be checked here; the Xvfb 1366×768 run in the report checks both
    frame = window.frameGeometry()
    qtbot.waitUntil(lambda: screen.top() <= window.frameGeometry().top())
    assert frame.bottom() <= screen.bottom()
    bar = window.statusBar()
    assert bar.isVisible()
    assert bar.mapToGlobal(bar.rect().bottomLeft()).y() <= screen.bottom()


def test_geometry_is_restored_only_when_it_fits(qtbot: QtBot) -> None:
    window = MainWindow(Document(new_report(2024)))
    qtbot.addWidget(window)
    window.show()
    window.resize(window.minimumWidth(), 500)
    window_fit.remember(window, Settings())
    screen = window.screen().availableGeometry()
    # the offscreen screen is narrower than the window's minimum width: say the frame fitted
    Settings().set_window_frame(QRect(screen.topLeft(), QSize(screen.width(), 520)), maximized=False)
    again = MainWindow(Document(new_report(2024)))
    qtbot.addWidget(again)
    assert again.restored and again.height() == 500

    settings = Settings()  # as if closed on a large monitor, now started on a small screen
    settings.set_window_frame(QRect(100, 100, 1900, 1000), maximized=False)
    third = MainWindow(Document(new_report(2024)))
    qtbot.addWidget(third)
    assert not third.restored
    window_fit.show(third, third.restored)
    assert third.isMaximized()


def test_the_preamble_goes_under_the_fields_on_a_narrow_window(qtbot: QtBot, tmp_path: Path) -> None:
    """Beside the fields on a 1024-wide screen the preamble was a column of seven characters a
    line, and of nine to seventeen at 1040-1150 px (1366x768 at 125 % is 1093 px wide); there it
    goes under them, full width, and beside them again where its text gets a readable line."""
    sample = tmp_path / "report.giedit"  # a copy: an open document leaves its lock beside it
    shutil.copyfile(SAMPLES / "2025-baiyun-xiang.giedit", sample)
    window = MainWindow(Document.open(sample))
    qtbot.addWidget(window)
    window.show()
    form = window.pages["info"]
    em = form.fontMetrics().horizontalAdvance("汉")

    def placed(width: int) -> tuple[QRect, QRect, int]:
        window.resize(width, 728)
        qtbot.waitUntil(lambda: window.width() == width)
        for _ in range(3):
            qtbot.wait(1)
        fields = form.texts[("title",)]
        fields_rect = QRect(fields.mapTo(form, fields.rect().topLeft()), fields.size())
        preamble = form.preamble
        text = preamble.rows[0].edit.width()  # the first paragraph's own text box
        return fields_rect, QRect(preamble.mapTo(form, preamble.rect().topLeft()), preamble.size()), text

    for width in (1024, 1093, 1150):
        fields, preamble, text = placed(width)
        assert preamble.top() > fields.bottom(), width  # under the fields
        assert text >= 20 * em, width
    for width in (1300, 1366):
        fields, preamble, text = placed(width)
        assert preamble.left() > fields.right(), width  # beside them
        assert preamble.top() < fields.bottom()
        assert text >= 20 * em, width
    window.document.undo_stack.setClean()


def test_a_parts_findings_title_is_whole_on_a_narrow_window(qtbot: QtBot, tmp_path: Path) -> None:
    """「本部分的检查结果：错误 0 个，提醒 1 个」 beside a section's text was cut off at 1024 px
    (it needs ~217 px and got 192): it wraps instead, every character shown."""
    draft = roll_forward(storage.load(SAMPLES / "2024-tongxi-jiedao.giedit")).report  # many findings
    window = MainWindow(Document(draft))
    qtbot.addWidget(window)
    window.show()
    window.resize(1024, 728)
    qtbot.waitUntil(lambda: window.width() == 1024)
    looked = []
    for part in PART_IDS:
        window.navigator.select_part(part)
        for _ in range(3):
            qtbot.wait(1)
        for findings in window.pages[part].findChildren(PartFindings):
            title, text = findings.title, findings.title.text()
            assert text.startswith("本部分的检查结果"), part
            needed = title.fontMetrics().boundingRect(QRect(0, 0, title.width(), 10_000), WRAP, text)
            assert needed.width() <= title.width() and needed.height() <= title.height(), (part, text)
            looked.append(text)
    assert sum("提醒" in text for text in looked) >= 3, looked
    window.document.undo_stack.setClean()
