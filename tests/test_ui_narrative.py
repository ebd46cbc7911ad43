"""The narrative editors driven through their real widgets (issue 5): typing, undo, headings,
「从表格生成」, the 待修改 mark, and the 基本信息 form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, commit_ime, show_window, type_text  # noqa: F401

from giedit.model import edits, figures
from giedit.model.report import Level, Paragraph, Report, new_report
from giedit.model.storage import load
from giedit.ui.document import Document
from giedit.ui.info_form import InfoForm
from giedit.ui.main_window import MainWindow
from giedit.ui.narrative import NarrativeEditor
from giedit.ui.pages import SectionPage


def _window(qtbot: QtBot, report: Report, part: str = "overview") -> MainWindow:
    win = MainWindow(Document(report))
    show_window(qtbot, win)
    win.navigator.select_part(part)
    return win


def _editor(win: MainWindow, part: str = "overview") -> NarrativeEditor:
    page = win.pages[part]
    assert isinstance(page, SectionPage)
    return page.editor


def _texts(win: MainWindow, part: str = "overview") -> list[str]:
    return [p.text for p in edits.paragraphs_of(win.document.report, part)]


def _rules(win: MainWindow) -> set[str]:
    return {f.rule for f in win.document.findings if not f.dismissed}


def _carried_report() -> Report:
    report = new_report(2024, "某某镇人民政府")
    report.section("overview").paragraphs = [Paragraph(text="上年的总体情况")]
    report.section("overview").carried = True
    return report


def test_typing_a_paragraph_clears_the_carried_mark_and_undo_brings_both_back(qtbot: QtBot) -> None:
    win = _window(qtbot, _carried_report())
    editor = _editor(win)
    assert editor.banner.isVisible()
    assert "N-W15" in _rules(win)
    assert win.navigator.model().index(1, 0).data().endswith("（待修改）")
    edit = editor.rows[0].edit
    edit.setFocus()
    edit.place_cursor(len(edit.toPlainText()))
    type_text(edit, "，本年度有所调整")
    commit_ime(edit, "（已修改）")
    assert _texts(win) == ["上年的总体情况，本年度有所调整（已修改）"]
    assert not win.document.report.section("overview").carried
    assert not editor.banner.isVisible()
    assert "N-W15" not in _rules(win)
    assert win.document.undo_stack.count() == 1  # one typing session, one undo step
    assert editor.count_label.text() == "共 20 字"
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the document's undo
    assert _texts(win) == ["上年的总体情况"]
    assert edit.toPlainText() == "上年的总体情况"
    assert win.document.report.section("overview").carried
    assert editor.banner.isVisible()
    assert "N-W15" in _rules(win)
    win.redo_action.trigger()
    assert edit.toPlainText() == "上年的总体情况，本年度有所调整（已修改）"


def test_keeping_the_carried_text_clears_the_mark_only(qtbot: QtBot) -> None:
    win = _window(qtbot, _carried_report())
    editor = _editor(win)
    editor.banner.keep.click()
    assert not win.document.report.section("overview").carried
    assert _texts(win) == ["上年的总体情况"]
    win.undo_action.trigger()
    assert win.document.report.section("overview").carried


def test_enter_splits_headings_number_themselves_and_move_with_their_text(qtbot: QtBot) -> None:
    win = _window(qtbot, new_report(2024), part="problems")
    editor = _editor(win, "problems")
    assert editor.empty.isVisible()
    editor.heading_button.menu().actions()[0].trigger()  # 小标题（一）
    type_text(None, "存在的问题")
    QTest.keyClick(editor.rows[0].edit, Qt.Key.Key_Return)
    type_text(None, "公开不及时。")
    editor.heading_button.menu().actions()[0].trigger()
    type_text(None, "改进措施")
    QTest.keyClick(editor.rows[2].edit, Qt.Key.Key_Return)
    type_text(None, "上年度问题已整改。")
    assert [r.marker.text() for r in editor.rows] == ["（一）", "", "（二）", ""]
    assert _texts(win, "problems") == ["存在的问题", "公开不及时。", "改进措施", "上年度问题已整改。"]
    editor.rows[2].up.click()  # （二） with its paragraph goes before （一）
    assert _texts(win, "problems") == ["改进措施", "上年度问题已整改。", "存在的问题", "公开不及时。"]
    assert [r.marker.text() for r in editor.rows] == ["（一）", "", "（二）", ""]
    editor.rows[0].remove.click()
    assert [r.marker.text() for r in editor.rows] == ["", "（一）", ""]
    editor.rows[0].level_box.setCurrentIndex(2)
    editor.rows[0].level_box.activated.emit(2)  # 小标题 1.
    assert editor.rows[0].marker.text() == "1."
    steps = win.document.undo_stack.count()
    for _ in range(steps):
        win.undo_action.trigger()
    assert _texts(win, "problems") == []
    assert editor.rows == []


def test_backspace_joins_and_a_pasted_block_becomes_paragraphs(qtbot: QtBot) -> None:
    report = new_report(2024)
    report.section("other").paragraphs = [Paragraph(text="甲"), Paragraph(text="乙")]
    win = _window(qtbot, report, part="other")
    editor = _editor(win, "other")
    second = editor.rows[1].edit
    second.setFocus()
    second.place_cursor(0)
    QTest.keyClick(second, Qt.Key.Key_Backspace)
    assert _texts(win, "other") == ["甲乙"]
    first = editor.rows[0].edit
    first.place_cursor(1)
    from PySide6.QtCore import QMimeData

    data = QMimeData()
    data.setText("一段\n二段\n")
    first.insertFromMimeData(data)
    assert _texts(win, "other") == ["甲一段", "二段乙"]
    assert win.document.undo_stack.count() == 2


def test_generate_from_tables_inserts_the_current_numbers_in_one_step(qtbot: QtBot) -> None:
    report = new_report(2024, "某某镇人民政府")
    for table in report.definition.tables:
        edit = edits.fill_blanks(report, table.id)
        assert edit is not None
        edit.apply(report)
    report.section("overview").paragraphs = [Paragraph(level=Level.H2, text="依申请公开")]
    win = _window(qtbot, report, part="requests")
    view = win.pages["requests"].view  # type: ignore[attr-defined]
    for cid, text in (("requests.new.natural", "9"), ("requests.granted.natural", "8")):
        view.setFocus()
        view.setCurrentIndex(view.form.index_of(cid))
        type_text(view, text)
        QTest.keyClick(view.focusWidget() or view, Qt.Key.Key_Return)
    win.document.push(edits.enter(win.document.report, "requests.carried_out.natural", "1"), "填写数字")
    win.navigator.select_part("overview")
    editor = _editor(win)
    editor.rows[0].edit.setFocus()
    before = win.document.undo_stack.count()
    assert editor.generate_button is not None
    editor.generate_button.click()
    texts = [
        figures.paragraph_text(win.document.report, p)
        for p in edits.paragraphs_of(win.document.report, "overview")
    ]
    # under the sub-headings: 主动公开 added before 依申请公开, which gets applications and appeals
    assert [texts[0], texts[2]] == ["主动公开", "依申请公开"] and len(texts) == 5
    requests = texts[3]
    assert "本年度共收到政府信息公开申请9件" in requests
    assert "予以公开8件" in requests and "结转下年度继续办理1件" in requests
    assert editor.rows[3].edit.shown_text() == requests
    assert not {"N-W1", "N-W2", "N-W3", "N-W16", "N-E2"} & _rules(win)
    assert win.document.undo_stack.count() == before + 1
    assert "已按表格数字生成 3 段文字" in win.statusBar().currentMessage()
    win.undo_action.trigger()
    assert _texts(win) == ["依申请公开"]


def test_generate_with_blank_tables_says_why(qtbot: QtBot) -> None:
    win = _window(qtbot, new_report(2024))
    win.generate_action.trigger()
    assert win.document.undo_stack.count() == 0
    assert "空白" in win.statusBar().currentMessage()


def test_table_note_is_edited_under_the_heading(qtbot: QtBot) -> None:
    win = _window(qtbot, new_report(2024), part="active")
    page = win.pages["active"]
    assert not page.note.isVisible()  # type: ignore[attr-defined]
    page.note_toggle.click()  # type: ignore[attr-defined]
    page.note.add_button.click()  # type: ignore[attr-defined]
    type_text(None, "该部分以表格形式报告。")
    assert _texts(win, "active") == ["该部分以表格形式报告。"]
    page.note_toggle.click()  # type: ignore[attr-defined]
    assert "该部分以表格形式报告。" in page.note_preview.text()  # type: ignore[attr-defined]


def test_basic_information_is_complete_and_undoable(qtbot: QtBot) -> None:
    report = new_report(2024, "某某镇人民政府")
    win = _window(qtbot, report, part="info")
    form = win.pages["info"]
    assert isinstance(form, InfoForm)
    title = form.texts[("title",)]
    assert title.placeholderText() == "某某镇人民政府2024年政府信息公开工作年度报告"
    title.setFocus()
    type_text(title, "某某镇2024年度报告")
    form.date.setFocus()  # leaving the title commits it
    assert win.document.report.title == "某某镇2024年度报告"
    type_text(form.date, "2025年1月5日")
    form.texts[("contact", "phone")].setFocus()
    assert win.document.report.date == dt.date(2025, 1, 5)
    form.date.setText("2025年2月30日")
    form.date.editingFinished.emit()
    assert win.document.report.date == dt.date(2025, 1, 5)  # refused, kept
    assert "不是有效的日期" in win.statusBar().currentMessage()
    form.date.setText("")
    form.date.editingFinished.emit()
    assert win.document.report.date is None  # blank allowed
    form.year.setValue(2020)
    form.year.editingFinished.emit()
    assert win.document.report.period == "2020年1月1日至2020年12月31日"
    assert "F-E1" in _rules(win)
    assert "应使用" in form.format_label.text()
    assert any(f.rule == "F-E1" for f in form.findings.model.findings())
    win.undo_action.trigger()
    assert "F-E1" not in _rules(win)
    assert form.texts[("period",)].text() == "2024年1月1日至2024年12月31日"


def test_typing_in_a_field_then_saving_commits_it(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot, new_report(2024), part="info")
    form = win.pages["info"]
    assert isinstance(form, InfoForm)
    phone = form.texts[("contact", "phone")]
    phone.setFocus()
    type_text(phone, "0123-4567")
    assert phone.hasFocus()  # still typing: nothing committed yet
    target = tmp_path / "报告.giedit"
    assert win.save_to(target)
    assert load(target).contact.phone == "0123-4567"
    win.undo_action.trigger()
    assert win.document.report.contact.phone is None
    assert phone.text() == ""
    form.preamble.add_button.click()
    type_text(None, "根据《条例》编制本报告。")
    assert win.document.report.preamble[0].text == "根据《条例》编制本报告。"


def test_add_inserts_after_the_paragraph_the_clerk_was_in(qtbot: QtBot) -> None:
    report = new_report(2024)
    report.section("other").paragraphs = [Paragraph(text="甲"), Paragraph(text="乙")]
    win = _window(qtbot, report, part="other")
    editor = _editor(win, "other")
    qtbot.mouseClick(editor.rows[0].edit.viewport(), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)  # the button takes the focus
    assert _texts(win, "other") == ["甲", "", "乙"]
    assert editor.rows[1].edit.hasFocus()  # typing goes on in the new paragraph
    type_text(None, "丙")
    assert _texts(win, "other") == ["甲", "丙", "乙"]


def test_scrolling_over_a_level_box_does_not_change_the_level(qtbot: QtBot) -> None:
    report = new_report(2024)
    report.section("other").paragraphs = [Paragraph(text="甲")]
    win = _window(qtbot, report, part="other")
    box = _editor(win, "other").rows[0].level_box
    pos = box.rect().center()
    wheel = QWheelEvent(
        QPointF(pos),
        QPointF(box.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(box, wheel)
    assert box.currentIndex() == 0
    assert win.document.undo_stack.count() == 0
