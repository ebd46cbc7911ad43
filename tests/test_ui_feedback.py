"""Feedback where the clerk's eye is (issue 16): refusals at the cell, Ctrl+Y, undo that shows
what it changed, amounts with units, 全部填0 that asks first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, show_window, type_text  # noqa: F401

from giedit.model import edits
from giedit.model.report import Report, new_report
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.table_view import TableFormView


def _window(qtbot: QtBot, report: Report | None = None) -> MainWindow:
    win = MainWindow(Document(report or new_report(2024, "某某镇人民政府")))
    show_window(qtbot, win)
    return win


def _view(win: MainWindow, cell_id: str) -> TableFormView:
    fmt = win.document.report.definition
    part = fmt.table(fmt.cells[cell_id].table).section
    win.navigator.select_part(part)
    return win.pages[part].view  # type: ignore[attr-defined]


def _type(win: MainWindow, cell_id: str, text: str, key: Qt.Key = Qt.Key.Key_Return) -> TableFormView:
    view = _view(win, cell_id)
    view.setFocus()
    view.setCurrentIndex(view.form.index_of(cell_id))
    type_text(None, text)
    QTest.keyClick(QApplication.focusWidget(), key)
    return view


def _visible(view: TableFormView, cell_id: str) -> bool:
    return view.viewport().rect().contains(view.visualRect(view.form.index_of(cell_id)))


# -- Ctrl+Y, and undo/redo that show what they changed ------------------------------------------


def test_ctrl_y_redoes(qtbot: QtBot) -> None:
    win = _window(qtbot)
    view = _type(win, "requests.new.natural", "5")
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.document.report.cells["requests.new.natural"] is None
    QTest.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert win.document.report.cells["requests.new.natural"] == 5
    assert "Ctrl+Y" in [k.toString() for k in win.redo_action.shortcuts()]


def test_undo_and_redo_go_to_the_cell_they_change(qtbot: QtBot) -> None:
    win = _window(qtbot)
    win.resize(win.width(), 560)  # the table of 三 does not fit: the last rows need scrolling
    last = "requests.carried_out.other"
    view = _type(win, last, "7")
    view.scrollToTop()
    assert not _visible(view, last)
    win.navigator.select_part("info")  # somewhere else entirely
    win.undo_action.trigger()
    assert win.document.report.cells[last] is None
    assert win.stack.currentWidget() is win.pages["requests"]
    assert view.form.cell_id(view.currentIndex()) == last
    assert [view.form.cell_id(i) for i in view.selectedIndexes()] == [last]
    assert _visible(view, last)

    view.scrollToTop()
    win.navigator.select_part("overview")
    QTest.keyClick(win, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert win.document.report.cells[last] == 7
    assert win.stack.currentWidget() is win.pages["requests"]
    assert _visible(view, last)


def test_undo_of_a_paste_selects_the_block_and_of_a_field_shows_the_basic_information(qtbot: QtBot) -> None:
    win = _window(qtbot)
    QApplication.clipboard().setText("1\t2\n3\t4\n")
    view = _view(win, "requests.new.natural")
    view.setCurrentIndex(view.form.index_of("requests.new.natural"))
    win.paste_action.trigger()
    view.clearSelection()
    win.navigator.select_part("appeals")
    win.undo_action.trigger()
    selected = {view.form.cell_id(i) for i in view.selectedIndexes()}
    assert selected == {"requests.new.natural", "requests.new.business"} | {
        "requests.carried_in.natural",
        "requests.carried_in.business",
    }
    report = win.document.report
    win.document.push(edits.set_field(report, ("body", "name"), "乙镇人民政府"), "机关名称")
    win.navigator.select_part("appeals")
    win.undo_action.trigger()
    assert report.body.name == "某某镇人民政府"
    assert win.stack.currentWidget() is win.pages["info"]
