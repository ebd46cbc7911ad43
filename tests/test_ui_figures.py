"""Figures and last year's numbers in the real editor (issue 11), driven through its widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import SAMPLES
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window, type_text  # noqa: F401

from giedit.export import pdf_bytes
from giedit.model import edits, figures, storage
from giedit.model.report import FIGURE, Paragraph, Report, new_report
from giedit.model.rollforward import roll_forward
from giedit.ui import figure_text
from giedit.ui import narrative as narrative_ui
from giedit.ui.document import Document
from giedit.ui.figure_picker import FigurePicker
from giedit.ui.main_window import MainWindow
from giedit.ui.narrative import NarrativeEditor
from giedit.ui.pages import SectionPage, TablePage

Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(tmp_path / "data"))


def _window(qtbot: QtBot, report: Report, part: str = "overview") -> MainWindow:
    win = MainWindow(Document(report))
    show_window(qtbot, win)
    win.navigator.select_part(part)
    return win


def _editor(win: MainWindow, part: str = "overview") -> NarrativeEditor:
    page = win.pages[part]
    assert isinstance(page, SectionPage)
    return page.editor


def _table(win: MainWindow, part: str) -> TablePage:
    page = win.pages[part]
    assert isinstance(page, TablePage)
    return page


def _zeros(year: int = 2024) -> Report:
    r = new_report(year, "某某镇人民政府")
    for table in r.definition.tables:
        edits.fill_blanks(r, table.id).apply(r)  # type: ignore[union-attr]
    return r


def _with_figure(r: Report) -> Report:
    r.section("overview").paragraphs = [
        Paragraph(text=f"本年度收到政府信息公开申请{FIGURE}件。", figures=["requests.new.total"])
    ]
    return r


def _type_cell(win: MainWindow, cid: str, text: str) -> None:
    view = _table(win, "requests").view
    view.setFocus()
    view.setCurrentIndex(view.form.index_of(cid))
    type_text(view, text)
    QTest.keyClick(view.focusWidget() or view, Qt.Key.Key_Return)


def test_typing_a_cell_updates_the_figure_in_the_same_undo_step(qtbot: QtBot) -> None:
    win = _window(qtbot, _with_figure(_zeros()))
    edit = _editor(win).rows[0].edit
    assert edit.shown_text() == "本年度收到政府信息公开申请0件。"
    win.navigator.select_part("requests")
    before = win.document.undo_stack.count()
    _type_cell(win, "requests.new.natural", "9")
    assert win.document.undo_stack.count() == before + 1  # the cell, its total and the figure
    assert edit.shown_text() == "本年度收到政府信息公开申请9件。"
    QTest.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.document.report.cells["requests.new.natural"] == 0
    assert edit.shown_text() == "本年度收到政府信息公开申请0件。"  # one Ctrl+Z restored both
    win.redo_action.trigger()
    assert edit.shown_text() == "本年度收到政府信息公开申请9件。"


def test_a_blank_cell_shows_a_gap_and_a_tooltip_names_the_cell(qtbot: QtBot) -> None:
    r = _with_figure(new_report(2024, "某某镇人民政府"))
    win = _window(qtbot, r)
    edit = _editor(win).rows[0].edit
    assert edit.shown_text() == f"本年度收到政府信息公开申请{figures.BLANK}件。"
    tip = edit.tip_at(13)
    target = figures.resolve(r.definition, "requests.new.total")
    assert target is not None and target.where in tip and target.name in tip
    assert "随表格自动更新" in tip and f"当前为：{figures.BLANK}" in tip
    assert edit.tip_at(2) == ""
    assert "N-E2" in {f.rule for f in win.document.findings}


def test_generate_twice_gives_the_same_text_as_once(qtbot: QtBot) -> None:
    win = _window(qtbot, _zeros())
    editor = _editor(win)
    assert editor.generate_button is not None
    editor.generate_button.click()
    once = edits.paragraphs_of(win.document.report, "overview")
    count = win.document.undo_stack.count()
    editor.generate_button.click()
    assert edits.paragraphs_of(win.document.report, "overview") == once
    assert win.document.undo_stack.count() == count
    assert "无需更新" in win.statusBar().currentMessage()
    assert len(editor.rows) == len(once)


def test_editing_a_generated_paragraph_then_generating_asks_first(qtbot: QtBot) -> None:
    r = _zeros()
    r.cells["requests.new.natural"] = r.cells["requests.new.total"] = 2
    r.cells["requests.granted.natural"] = r.cells["requests.granted.total"] = 2
    r.cells["requests.total.natural"] = r.cells["requests.total.total"] = 2
    win = _window(qtbot, r)
    editor = _editor(win)
    editor.generate_button.click()  # type: ignore[union-attr]
    index = next(
        i for i, p in enumerate(editor.paragraphs()) if p.generated and p.generated.topic == "requests"
    )
    edit = editor.rows[index].edit
    edit.setFocus()
    edit.place_cursor(len(edit.toPlainText()))
    type_text(edit, "OK")
    mine = editor.paragraphs()[index].text
    answers().queue.append(Button.No)  # 保留我的修改
    editor.generate_button.click()  # type: ignore[union-attr]
    assert answers().asked and "您已修改过" in answers().asked[-1]
    assert editor.paragraphs()[index].text == mine
    answers().queue.append(Button.Yes)  # 替换
    editor.generate_button.click()  # type: ignore[union-attr]
    assert not editor.paragraphs()[index].text.endswith("OK")


def test_a_picked_figure_survives_save_load_and_export(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = _zeros()
    r.cells["active.penalty.decisions"] = 17
    r.section("overview").paragraphs = [Paragraph(text="作出行政处罚决定件。")]
    win = _window(qtbot, r)
    editor = _editor(win)
    edit = editor.rows[0].edit
    edit.setFocus()
    edit.place_cursor(8)
    monkeypatch.setattr(narrative_ui, "pick_figure", lambda *a, **k: "active.penalty.decisions")
    editor.figure_button.click()
    assert edit.shown_text() == "作出行政处罚决定17件。"
    assert win.save_to(tmp_path / "r.giedit")
    again = storage.load(tmp_path / "r.giedit")
    assert again.section("overview").paragraphs[0].figures == ["active.penalty.decisions"]
    again.cells["active.penalty.decisions"] = 18
    import io

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes(again, draft=True))).pages)
    assert "作出行政处罚决定18件。" in "".join(text.split())


def test_insert_into_text_from_the_tables_context_menu(qtbot: QtBot) -> None:
    r = _zeros()
    r.cells["requests.new.natural"] = r.cells["requests.new.total"] = 5
    r.section("overview").paragraphs = [Paragraph(text="其中自然人件。")]
    win = _window(qtbot, r)
    edit = _editor(win).rows[0].edit
    edit.setFocus()
    edit.place_cursor(5)
    win.navigator.select_part("requests")
    view = _table(win, "requests").view
    menu = view.menu_for(view.form.index_of("requests.new.natural"))
    assert menu is not None
    (insert,) = [a for a in menu.actions() if a.text() == "插入到正文"]
    insert.trigger()
    assert win.stack.currentWidget() is win.pages["overview"]
    assert edit.shown_text() == "其中自然人5件。"
    assert win.document.report.section("overview").paragraphs[0].figures == ["requests.new.natural"]


def test_a_figure_turns_back_into_plain_text(qtbot: QtBot) -> None:
    r = _with_figure(_zeros())
    r.cells["requests.new.natural"] = r.cells["requests.new.total"] = 4
    win = _window(qtbot, r)
    edit = _editor(win).rows[0].edit
    menu = edit.menu_at(13)
    (plain,) = [a for a in menu.actions() if a.text().startswith("改为普通文字")]
    assert "“4”" in plain.text()
    plain.trigger()
    p = win.document.report.section("overview").paragraphs[0]
    assert (p.text, p.figures) == ("本年度收到政府信息公开申请4件。", [])
    win.undo_action.trigger()
    assert win.document.report.section("overview").paragraphs[0].figures == ["requests.new.total"]


def _rolled() -> Report:
    return roll_forward(storage.load(SAMPLES / "2024-tongxi-jiedao.giedit")).report


def test_last_years_numbers_are_highlighted_until_edited_or_confirmed(qtbot: QtBot) -> None:
    win = _window(qtbot, _rolled())
    editor = _editor(win)
    index = next(i for i, p in enumerate(editor.paragraphs()) if p.text.startswith("全年主动公开"))
    edit = editor.rows[index].edit
    _, _, spans = figure_text.shown_state(edit.document())
    text = edit.toPlainText()
    assert [text[a:b] for a, b in spans[:2]] == ["412条", "178条"]
    assert "上年报告中的数字" in edit.tip_at(11)
    edit.setFocus()
    edit.place_cursor(11)  # inside 412条
    type_text(edit, "5")
    marks = editor.paragraphs()[index].unconfirmed
    assert "4152条" not in [editor.paragraphs()[index].text[s.start : s.end] for s in marks]
    _, _, spans = figure_text.shown_state(edit.document())
    assert [edit.toPlainText()[a:b] for a, b in spans][:1] == ["178条"]  # the highlight went with it
    start = editor.paragraphs()[index].unconfirmed[0].start
    (confirm,) = [a for a in edit.menu_at(start + 1).actions() if a.text().startswith("确认此数字")]
    confirm.trigger()
    p = editor.paragraphs()[index]
    assert p.text[p.unconfirmed[0].start : p.unconfirmed[0].end] == "12条"


def test_clicking_n_w16_and_n_e2_selects_the_number_in_the_text(qtbot: QtBot) -> None:
    win = _window(qtbot, _rolled(), part="info")
    model = win.checks.list.model()
    rows = {model.index(i, 0).data(Qt.ItemDataRole.UserRole + 1): i for i in range(model.rowCount())}
    n_w16 = next(f for f in rows if f.rule == "N-W16" and f.section == "overview")
    win.checks.list.clicked.emit(model.index(rows[n_w16], 0))
    assert win.stack.currentWidget() is win.pages["overview"]
    edit = _editor(win).rows[n_w16.place[0]].edit
    assert edit.textCursor().selectedText() == "412条"
    n_e2 = next(f for f in rows if f.rule == "N-E2" and f.section == "problems")
    win.checks.list.clicked.emit(model.index(rows[n_e2], 0))
    edit = _editor(win, "problems").rows[n_e2.place[0]].edit
    assert edit.textCursor().selectedText().startswith("【待修改】")


def test_the_checks_panel_confirms_last_years_numbers_instead_of_dismissing(qtbot: QtBot) -> None:
    win = _window(qtbot, _rolled())
    before = [f for f in win.document.findings if f.rule == "N-W16"]
    first = before[0]
    menu = win.checks.list.menu_for(first)
    (confirm,) = [a for a in menu.actions() if a.text().startswith("确认这些上年数字")]
    confirm.trigger()
    after = [f for f in win.document.findings if f.rule == "N-W16"]
    assert len(after) == len(before) - 1 and win.document.report.dismissals == []


def test_the_picker_finds_cells_by_their_labels() -> None:
    r = _zeros()
    picker = FigurePicker(r, initial="不予公开 总计")
    refs = picker.visible_refs()
    assert "requests.withheld.total" in refs and "requests.withheld_secret.total" in refs
    assert refs and all("总计" in figures.label(r, ref) for ref in refs)
    picker.filter.setText("行政诉讼 总计")
    assert picker.chosen() == "appeals.cases.direct_suit_total+appeals.cases.suit_after_review_total"
    picker.filter.setText("没有这个名称")
    assert picker.chosen() is None and not picker.ok.isEnabled()
    picker.deleteLater()


def test_the_preflight_names_a_missing_date_even_without_errors(qtbot: QtBot, tmp_path: Path) -> None:
    from make_broken import base

    from giedit.checks.acceptance import blocking_findings
    from giedit.model.report import PreviousYear

    r = base(2024)  # consistent, no 成文日期
    last = base(2023)
    r.previous = PreviousYear(format=last.format, year=last.year, cells=last.cells)
    assert blocking_findings(r) == [] and r.date is None
    win = _window(qtbot, r)
    win.document.path = tmp_path / "r.giedit"
    win.export_report()
    dialog = win.preflight
    assert dialog is not None and "成文日期" in dialog.intro.text()
    assert dialog.findings()[0].rule == "N-W12"
    assert dialog.draft_button.text() == "仍要导出"
    dialog.reject()
