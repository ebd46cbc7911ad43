"""Dialogs that show all they say and make way for what they point at (issue 16): the 接受错误
reason dialog's labels are not clipped; the import report moves off the cell a note jumps to."""

from __future__ import annotations

import pytest
from paths import SHARED
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, show_window  # noqa: F401

from giedit.checks import Finding, Severity
from giedit.model.report import new_report
from giedit.ui.dialogs import ReasonDialog
from giedit.ui.document import Document
from giedit.ui.fonts import install_fonts
from giedit.ui.main_window import MainWindow
from giedit.ui.placement import clear_of

PUBLISHED = SHARED / "samples" / "published-2020" / "001_82da0c68b48e6d43.txt"


def _whole(label: QLabel) -> bool:
    return label.height() >= label.heightForWidth(label.width())


def test_the_reason_dialog_shows_its_whole_text(qtbot: QtBot) -> None:
    install_fonts(QApplication.instance())  # type: ignore[arg-type]
    message = (
        "三、收到和处理政府信息公开申请情况 自然人列：第一项 13＋第二项 0＝13，第三项（七）总计 19＋第四项 2＝21，两者不等"
        * 2
    )
    finding = Finding("T2-E4", Severity.ERROR, ("requests.new.natural",), message)
    dialog = ReasonDialog(finding)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.finding_label.text() == message
    assert _whole(dialog.finding_label) and _whole(dialog.prompt)
    assert dialog.prompt.geometry().bottom() < dialog.reason.geometry().top()


def test_clear_of_moves_the_least_and_stays_on_screen() -> None:
    screen = QRect(0, 0, 1366, 728)
    cell = QRect(600, 300, 60, 24)
    assert clear_of(QRect(0, 0, 300, 200), cell, screen) == QRect(0, 0, 300, 200)  # not covering
    moved = clear_of(QRect(500, 250, 400, 300), cell, screen)
    assert not moved.intersects(cell) and screen.contains(moved)
    assert moved.size() == QRect(500, 250, 400, 300).size()
    edge = clear_of(QRect(1000, 250, 360, 300), QRect(1100, 300, 60, 24), screen)
    assert not edge.intersects(QRect(1100, 300, 60, 24)) and screen.contains(edge)


@pytest.mark.skipif(not PUBLISHED.exists(), reason="the shared samples are not beside the clone")
def test_the_import_report_makes_way_for_the_cell_it_jumps_to(qtbot: QtBot) -> None:
    win = MainWindow(Document(new_report(2024)))
    show_window(qtbot, win)
    assert win.import_path(PUBLISHED)
    dialog = win.report_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    cell = "requests.new.natural"
    win.go_to_place(cell)
    view = win.current_table().view  # type: ignore[union-attr]
    rect = view.visualRect(view.form.index_of(cell))
    target = QRect(view.viewport().mapToGlobal(rect.topLeft()), rect.size())
    dialog.move(target.center() - dialog.rect().center())  # right on top of the cell
    assert dialog.frameGeometry().intersects(target)
    win.navigator.select_part("info")
    dialog.placeActivated.emit(cell, None)  # what double-clicking a note of that cell does
    assert win.current_table() is not None and view.form.cell_id(view.currentIndex()) == cell
    qtbot.waitUntil(lambda: not dialog.frameGeometry().intersects(target))
