"""The editor window driven through its real widgets, offscreen (issue 4 acceptance)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers  # noqa: F401 (autouse: no dialog waits for a person)

from giedit.checks import Finding
from giedit.model.edits import fill_blanks
from giedit.model.report import Report, new_report
from giedit.model.storage import load
from giedit.ui.checks_panel import FINDING_ROLE
from giedit.ui.document import Document
from giedit.ui.info_form import InfoForm
from giedit.ui.main_window import MainWindow
from giedit.ui.table_view import TableFormView


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    return _window(qtbot, new_report(2024, "某某镇人民政府"))


def _window(qtbot: QtBot, report: Report, path: Path | None = None) -> MainWindow:
    win = MainWindow(Document(report, path))
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    win.navigator.select_part("requests")
    return win


def _view(win: MainWindow, part: str = "requests") -> TableFormView:
    page = win.pages[part]
    return page.view  # type: ignore[attr-defined]


def _press(text: str) -> None:
    """Keys to whatever has focus; non-ASCII through sendKeyEvent (keyClicks would abort)."""
    for ch in text:
        target = QApplication.focusWidget()
        if ch.isascii():
            QTest.keyClick(target, ch)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, target, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
            )


def _type(win: MainWindow, cell_id: str, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    view = _view(win, win.document.report.definition.table(cell_id.split(".")[0]).section)
    view.setFocus()
    view.setCurrentIndex(view.form.index_of(cell_id))
    _press(text)
    QTest.keyClick(QApplication.focusWidget(), key)


def _cell(win: MainWindow, cell_id: str) -> object:
    return win.document.report.cells[cell_id]


def _shown(win: MainWindow, cell_id: str) -> str:
    view = _view(win, win.document.report.definition.table(cell_id.split(".")[0]).section)
    return view.form.index_of(cell_id).data()


def _panel_rules(win: MainWindow) -> list[str]:
    model = win.checks.list.model()
    return [model.index(r, 0).data(FINDING_ROLE).rule for r in range(model.rowCount())]


def test_typing_updates_totals_and_moves_to_next_input(window: MainWindow) -> None:
    _type(window, "requests.new.natural", "5")
    _type(window, "requests.new.business", "2")
    assert _cell(window, "requests.new.total") == 7
    assert _shown(window, "requests.new.total") == "7"
    _type(window, "requests.granted.natural", "3")
    assert _shown(window, "requests.total.natural") == "3"
    assert _shown(window, "requests.total.total") == "3"
    view = _view(window)
    _type(window, "requests.new.other", "1", key=Qt.Key.Key_Tab)  # skips the 总计 column
    assert view.form.cell_id(view.currentIndex()) == "requests.carried_in.natural"
    _type(window, "requests.carried_in.other", "0")  # Enter skips it too
    assert view.form.cell_id(view.currentIndex()) == "requests.granted.natural"


def test_t2_e3_appears_and_disappears(window: MainWindow) -> None:
    for cid, text in (("new", "5"), ("carried_in", "0"), ("carried_out", "0"), ("granted", "3")):
        _type(window, f"requests.{cid}.natural", text)
    assert "T2-E3" in _panel_rules(window)
    index = _view(window).form.index_of("requests.new.natural")
    assert "两者不等" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    _type(window, "requests.granted.natural", "5")
    assert "T2-E3" not in _panel_rules(window)


def test_undo_redo_restore_cells_and_totals(window: MainWindow) -> None:
    _type(window, "requests.new.natural", "5")
    _type(window, "requests.new.business", "2")
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert _cell(window, "requests.new.business") is None
    assert _shown(window, "requests.new.total") == "5"
    window.undo_action.trigger()
    assert _cell(window, "requests.new.total") is None
    assert not window.isWindowModified()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert _shown(window, "requests.new.total") == "7"
    assert window.isWindowModified()


def test_refused_input_keeps_the_value(window: MainWindow) -> None:
    _type(window, "requests.new.natural", "4")
    _type(window, "requests.new.natural", "abc")
    assert _cell(window, "requests.new.natural") == 4
    assert "不是数字" in window.statusBar().currentMessage()
    view = _view(window)
    assert view.form.cell_id(view.currentIndex()) == "requests.new.natural"  # stays for a retry
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # the refused text stays until Esc
    _type(window, "requests.new.natural", "-1")
    assert _cell(window, "requests.new.natural") == 4
    assert "负数" in window.statusBar().currentMessage()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    _type(window, "requests.new.natural", "１２")
    assert _cell(window, "requests.new.natural") == 12
    assert window.document.undo_stack.count() == 2  # refusals left no undo step


def test_typing_on_a_total_is_refused(window: MainWindow) -> None:
    view = _view(window)
    view.setFocus()
    view.setCurrentIndex(view.form.index_of("requests.new.total"))
    _press("3")
    assert (
        window.statusBar().currentMessage()
        == "这里不能填写：合计由各项自动相加，请填写各项，或按 F9 重新计算合计"
    )
    assert _cell(window, "requests.new.total") is None


def test_delete_clears_to_blank(window: MainWindow) -> None:
    _type(window, "requests.new.natural", "4")
    view = _view(window)
    view.setCurrentIndex(view.form.index_of("requests.new.natural"))
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert _cell(window, "requests.new.natural") is None
    assert _shown(window, "requests.new.natural") == ""


def test_paste_3x7_block_in_one_step(window: MainWindow) -> None:
    block = "\n".join("\t".join(str(i + j) for j in range(7)) for i in range(3)) + "\n"
    QApplication.clipboard().setText(block)
    view = _view(window)
    view.setFocus()
    view.setCurrentIndex(view.form.index_of("requests.new.natural"))
    window.paste_action.trigger()
    stack = window.document.undo_stack
    assert stack.count() == 1
    assert _cell(window, "requests.granted.other") == 7
    assert _cell(window, "requests.new.total") == 0 + 1 + 2 + 3 + 4 + 5  # the pasted 6 was skipped
    said = window.statusBar().currentMessage()
    assert "跳过 3 个" in said
    assert "粘贴内容中" in said and "为 6，与各项之和 15 不一致，已按各项相加" in said
    assert "另有 2 个合计也不一致" in said
    stack.undo()
    assert _cell(window, "requests.granted.other") is None
    assert _cell(window, "requests.new.total") is None


def test_paste_a_row_copied_from_last_years_pdf(window: MainWindow) -> None:
    """The row as pdftotext or a browser gives it: label, then numbers separated by spaces."""
    QApplication.clipboard().setText("一、本年新收政府信息公开申请数量   21   4   1   0   0   0   26\n")
    view = _view(window)
    view.setFocus()
    view.setCurrentIndex(view.form.index_of("requests.new.natural"))
    window.paste_action.trigger()
    assert window.document.undo_stack.count() == 1
    assert _cell(window, "requests.new.natural") == 21 and _cell(window, "requests.new.business") == 4
    assert _cell(window, "requests.new.total") == 26
    said = window.statusBar().currentMessage()
    assert "跳过 1 个" in said and "不一致" not in said  # the printed total: the editor adds it up


def test_paste_with_a_bad_value_changes_nothing(window: MainWindow) -> None:
    QApplication.clipboard().setText("1\t2\n3\tx\n")
    view = _view(window)
    view.setCurrentIndex(view.form.index_of("requests.new.natural"))
    window.paste_action.trigger()
    assert window.document.undo_stack.count() == 0
    assert _cell(window, "requests.new.natural") is None
    assert "未作任何修改" in window.statusBar().currentMessage()


def test_fill_blanks_and_recompute_are_single_steps(qtbot: QtBot) -> None:
    report = new_report(2024)
    edit = fill_blanks(report, "requests")
    assert edit is not None
    edit.apply(report)
    report.cells["requests.new.total"] = 9  # an imported total that disagrees with its parts
    win = _window(qtbot, report)
    assert "T2-E1" in _panel_rules(win)
    assert _shown(win, "requests.new.total") == "9"
    win.recompute_action.trigger()
    assert _shown(win, "requests.new.total") == "0"
    assert "T2-E1" not in _panel_rules(win)
    win.navigator.select_part("appeals")
    answers().queue.append(QMessageBox.StandardButton.Yes)  # 全部填0 asks first (issue 16)
    win.fill_action.trigger()
    assert _cell(win, "appeals.cases.review_upheld") == 0
    assert _cell(win, "appeals.cases.review_total") == 0
    assert win.document.undo_stack.count() == 2
    win.undo_action.trigger()
    assert _cell(win, "appeals.cases.review_total") is None
    win.undo_action.trigger()
    assert _shown(win, "requests.new.total") == "9"


def _click_finding(qtbot: QtBot, win: MainWindow, pick: object) -> Finding:
    listing = win.checks.list
    model = listing.model()
    row = next(r for r in range(model.rowCount()) if pick(model.index(r, 0).data(FINDING_ROLE)))  # type: ignore[operator]
    index = model.index(row, 0)
    listing.scrollTo(index)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualRect(index).center())
    return index.data(FINDING_ROLE)


def test_clicking_a_finding_selects_its_cell(qtbot: QtBot, window: MainWindow) -> None:
    finding = _click_finding(qtbot, window, lambda f: f.cells and f.cells[0].startswith("appeals."))
    assert window.stack.currentWidget() is window.pages["appeals"]
    view = _view(window, "appeals")
    assert view.form.cell_id(view.currentIndex()) == finding.cells[0]
    assert view.hasFocus()
    for cid in ("new", "carried_in", "carried_out", "granted"):
        _type(window, f"requests.{cid}.natural", "1" if cid != "granted" else "0")
    window.navigator.select_part("appeals")
    finding = _click_finding(qtbot, window, lambda f: f.rule == "T2-E3")
    assert window.stack.currentWidget() is window.pages["requests"]
    view = _view(window)
    assert view.form.cell_id(view.currentIndex()) == finding.cells[0]
    selected = {view.form.cell_id(i) for i in view.selectedIndexes()}
    assert selected == set(finding.cells)


def test_navigator_badges_follow_the_findings(window: MainWindow) -> None:
    model = window.navigator.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "三 收到和处理申请")
    errors_before = model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)[0]
    assert errors_before == 1  # G-E1: blanks
    answers().queue.append(QMessageBox.StandardButton.Yes)
    window.fill_action.trigger()
    assert model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2) == (0, 0)
    assert "错误 2" in window.counts_label.text()


def test_title_and_save_state(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    assert window.windowTitle() == "未命名[*] — giedit"
    _type(window, "requests.new.natural", "4")
    assert window.isWindowModified()
    target = tmp_path / "镇报告.giedit"
    assert window.save_to(target)
    assert window.windowTitle() == "镇报告.giedit[*] — giedit"
    assert not window.isWindowModified()
    assert window.save_label.text() == "已保存"
    assert load(target).cells["requests.new.natural"] == 4
    _type(window, "requests.new.natural", "5")
    assert window.save_label.text() == "有未保存的修改"
    assert window.open_path(target)
    assert _cell(window, "requests.new.natural") == 4
    assert not window.isWindowModified()


def test_damaged_file_shows_the_message_not_a_traceback(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    bad = tmp_path / "坏.giedit"
    bad.write_bytes(b'{"file_format": 1, "report": {"format": "2021", "ye')
    before = window.document
    assert not window.open_path(bad)
    assert len(shown) == 1 and "坏.giedit" in shown[0]
    assert window.document is before


def test_money_unit_typed_with_the_amount_2019(qtbot: QtBot) -> None:
    win = _window(qtbot, new_report(2019))
    win.navigator.select_part("active")
    _type(win, "active.procurement.amount", "15.68万元")
    assert _shown(win, "active.procurement.amount") == "15.68万元"
    _type(win, "active.procurement.amount", "20")
    assert _shown(win, "active.procurement.amount") == "20万元"
    _type(win, "active.licensing.change", "-3")  # signed: 本年增/减
    assert _cell(win, "active.licensing.change") == -3
    view = _view(win, "active")
    view.form.set_unit(view.form.index_of("active.procurement.amount"), "元")
    assert _shown(win, "active.procurement.amount") == "20元"


def test_paste_outside_a_table_part_is_explained(window: MainWindow) -> None:
    window.navigator.select_part("overview")
    window.paste_action.trigger()
    assert "表格" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 0


def test_invalid_index_has_no_cell(window: MainWindow) -> None:
    assert _view(window).form.cell_id(QModelIndex()) is None


def test_info_form_edits_are_undoable(window: MainWindow) -> None:
    window.navigator.select_part("info")
    form = window.pages["info"]
    assert isinstance(form, InfoForm)
    name = form.texts[("body", "name")]
    name.setText("乙镇人民政府")
    name.editingFinished.emit()
    assert window.document.report.body.name == "乙镇人民政府"
    form.year.setValue(2019)
    form.year.editingFinished.emit()
    assert "F-E1" in _panel_rules(window)  # a 2021-format report for 2019
    form.kind.setCurrentIndex(form.kind.findText("镇"))
    form.kind.activated.emit(form.kind.currentIndex())
    assert window.document.report.body.kind == "镇"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert "F-E1" not in _panel_rules(window)
    assert form.year.value() == 2024
    window.undo_action.trigger()
    assert name.text() == "某某镇人民政府"
    phone = form.texts[("contact", "phone")]
    phone.setText("  ")
    phone.editingFinished.emit()
    assert window.document.undo_stack.count() == 3  # blank stays None: no change, no step
