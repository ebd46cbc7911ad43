"""Feedback where the clerk's eye is (issue 16): refusals at the cell, Ctrl+Y, undo that shows
what it changed, amounts with units, 全部填0 that asks first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window, type_text  # noqa: F401

from giedit.model import edits
from giedit.model.report import Report, new_report
from giedit.model.values import Money
from giedit.ui.amount_editor import AmountEditor
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


# -- a refused value stays in its cell, with the reason beside it ---------------------------------


def _balloon_beside(view: TableFormView, cell_id: str) -> bool:
    cell = view.visualRect(view.form.index_of(cell_id)).translated(view.viewport().pos())
    balloon = view.balloon.geometry()
    near = balloon.top() >= cell.bottom() or balloon.bottom() <= cell.top()
    return view.balloon.isVisible() and near and abs(balloon.left() - cell.left()) < cell.width() * 3


def test_a_refused_value_stays_with_its_reason_until_fixed(qtbot: QtBot) -> None:
    win = _window(qtbot)
    cid = "requests.new.natural"
    _type(win, cid, "4")
    view = _type(win, cid, "abc")
    assert win.document.report.cells[cid] == 4
    assert view.held is not None and view.held.text() == "abc"  # still there to be corrected
    assert view.state() == view.State.EditingState
    assert "不是数字" in view.balloon.message.text()
    assert _balloon_beside(view, cid)
    assert "不是数字" in win.statusBar().currentMessage()

    other = view.visualRect(view.form.index_of("requests.new.business")).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=other)
    qtbot.waitUntil(lambda: view.form.cell_id(view.currentIndex()) == cid)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.held)
    assert view.held.text() == "abc" and view.balloon.isVisible()

    view.held.selectAll()
    type_text(None, "12")
    assert not view.balloon.isVisible()  # the text would be taken now
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert win.document.report.cells[cid] == 12
    assert view.held is None and view.state() != view.State.EditingState
    assert view.form.cell_id(view.currentIndex()) == "requests.new.business"  # moved on


def test_escape_gives_the_old_value_back(qtbot: QtBot) -> None:
    win = _window(qtbot)
    cid = "requests.new.natural"
    _type(win, cid, "4")
    view = _type(win, cid, "-1")
    assert "负数" in view.balloon.message.text()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert win.document.report.cells[cid] == 4
    assert view.held is None and not view.balloon.isVisible()
    assert "保留原来的值" in win.statusBar().currentMessage()
    assert win.document.undo_stack.count() == 1  # refusals leave no undo step


def test_a_refusal_waits_while_the_clerk_looks_elsewhere(qtbot: QtBot) -> None:
    win = _window(qtbot)
    view = _type(win, "requests.new.natural", "1.5")
    win.navigator.select_part("info")
    assert not view.balloon.isVisible()  # hidden with its table
    win.navigator.select_part("requests")
    assert view.held is not None and view.held.text() == "1.5"
    qtbot.waitUntil(view.balloon.isVisible)
    assert win.document.report.cells["requests.new.natural"] is None


# -- amounts with units, counts with 件 ----------------------------------------------------------


def _editing(win: MainWindow, cell_id: str, text: str) -> TableFormView:
    """Start typing ``text`` into a cell, without committing it."""
    view = _view(win, cell_id)
    view.setFocus()
    view.setCurrentIndex(view.form.index_of(cell_id))
    type_text(None, text)
    return view


def test_the_unit_shows_while_typing_and_a_missing_one_is_asked(qtbot: QtBot) -> None:
    win = _window(qtbot, new_report(2019, "某某镇人民政府"))
    cid = "active.procurement.amount"
    view = _editing(win, cid, "3000")
    editor = QApplication.focusWidget()
    assert isinstance(editor, AmountEditor) and editor.unit == "元/万元？"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert view.held is editor and "是元还是万元" in view.balloon.message.text()
    buttons = {b.text(): b for b in view.balloon.findChildren(QPushButton)}
    assert set(buttons) == {"元", "万元"}
    buttons["元"].click()
    assert win.document.report.cells[cid] == Money(amount=3000, unit="元")
    assert view.held is None and not view.balloon.isVisible()

    _type(win, cid, "12.5万")
    assert win.document.report.cells[cid] == Money(amount=12.5, unit="万元")
    _editing(win, cid, "800")
    assert QApplication.focusWidget().unit == "万元"  # type: ignore[attr-defined]  # kept: and shown
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert win.document.report.cells[cid] == Money(amount=800, unit="万元")
    _type(win, cid, "125000元")
    assert win.document.report.cells[cid] == Money(amount=125000, unit="元")
    _type(win, cid, "0")
    assert win.document.report.cells[cid] == Money(amount=0, unit="元")


def test_a_fixed_unit_converts_and_says_so(qtbot: QtBot) -> None:
    win = _window(qtbot)
    cid = "active.fees.fee_amount"
    _editing(win, cid, "125000元")
    editor = QApplication.focusWidget()
    assert isinstance(editor, AmountEditor) and editor.unit == "＝12.5万元"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert win.document.report.cells[cid] == Money(amount=12.5, unit="万元")
    assert "换算为 12.5万元" in win.statusBar().currentMessage()
    _type(win, cid, "12.5万")
    assert win.document.report.cells[cid] == Money(amount=12.5, unit="万元")
    view = _editing(win, cid, "")
    QTest.keyClick(view, Qt.Key.Key_F2)  # edit the cell as it is: 12.5, in 万元
    editor = QApplication.focusWidget()
    assert isinstance(editor, AmountEditor) and (editor.text(), editor.unit) == ("12.5", "万元")


@pytest.mark.parametrize("text", ["3件", "3 件"])
def test_a_count_with_jian(qtbot: QtBot, text: str) -> None:
    win = _window(qtbot)
    _type(win, "requests.new.natural", text)
    assert win.document.report.cells["requests.new.natural"] == 3


# -- 全部填0 asks first ------------------------------------------------------------------------


def test_fill_zero_says_how_many_cells_and_waits_for_yes(qtbot: QtBot) -> None:
    win = _window(qtbot)
    _type(win, "appeals.cases.review_upheld", "2")
    blanks = sum(
        1
        for c in win.document.report.definition.layout("appeals").cells
        if c.id not in win.document.report.definition.computed_cells
        and win.document.report.cells[c.id] is None
    )
    win.fill_action.trigger()  # answered 取消 (the default answer of these tests)
    assert answers().asked == [
        f"把「{win.document.report.definition.section('appeals').title}」中剩下的 {blanks} 个空白单元格都填为 0？"
    ]
    assert win.document.report.cells["appeals.cases.review_corrected"] is None
    answers().queue.append(QMessageBox.StandardButton.Yes)
    win.fill_action.trigger()
    assert win.document.report.cells["appeals.cases.review_corrected"] == 0
    assert win.document.report.cells["appeals.cases.review_upheld"] == 2
    assert f"已将 {blanks} 个空白单元格填为0" in win.statusBar().currentMessage()


@pytest.mark.parametrize("text", ["12.5万", "12.5万元", "125000元", "12.5"])
def test_every_way_of_typing_an_amount_in_a_wan_yuan_cell(qtbot: QtBot, text: str) -> None:
    """本年收费金额（单位：万元）: with or without 万/万元, or in 元, it is 12.5万元."""
    win = _window(qtbot)
    view = _type(win, "active.fees.fee_amount", text)
    assert win.document.report.cells["active.fees.fee_amount"] == Money(amount=12.5, unit="万元")
    assert view.held is None and not view.balloon.isVisible()  # accepted, nothing refused
