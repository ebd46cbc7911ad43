"""The lines printed under a table can be written in the editor (issue 15: SetExtra was wired to
nothing): typed, one undo step, saved, exported."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_support import show_window

from giedit.export import export_all
from giedit.model.report import new_report
from giedit.model.storage import load
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.pages import TablePage

LINE = "注：本表依申请公开数据统计截至12月31日。"


def test_a_line_typed_under_table_three_is_one_undo_step_and_is_exported(
    qtbot: QtBot, tmp_path: Path
) -> None:
    win = MainWindow(Document(new_report(2025, "某某镇人民政府")))
    show_window(qtbot, win)
    win.show_part("requests")
    page = win.pages["requests"]
    assert isinstance(page, TablePage) and not page.extra.isVisible()
    assert page.extra_toggle.text() == "表格下方的说明（可选）"
    qtbot.mouseClick(page.extra_toggle, Qt.MouseButton.LeftButton)
    assert page.extra.isVisible() and page.extra.hasFocus()
    page.extra.insertPlainText(LINE)  # as typed (QTest cannot key in Chinese)
    assert win.document.report.text_of("requests").extra == []  # nothing until the clerk is done
    page.view.setFocus()  # leaving the editor commits the lines
    qtbot.waitUntil(lambda: win.document.report.text_of("requests").extra == [LINE])
    assert page.extra_toggle.text() == "表格下方的说明（可选，1 行）"
    assert win.document.undo_stack.undoText() == "修改表格下方的说明"
    win.document.undo_stack.undo()
    assert win.document.report.text_of("requests").extra == [] and page.extra.toPlainText() == ""
    win.document.undo_stack.redo()
    assert page.extra.toPlainText() == LINE
    target = tmp_path / "r.giedit"
    assert win.save_to(target)
    assert load(target).text_of("requests").extra == [LINE]
    out = tmp_path / "r.docx"
    export_all(win.document.report, [out], draft=True)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert LINE in texts


def test_lines_still_being_typed_are_in_a_save(qtbot: QtBot, tmp_path: Path) -> None:
    """A save (or a recovery copy) while the cursor is still in the editor keeps what was typed."""
    win = MainWindow(Document(new_report(2025, "某某镇人民政府")))
    show_window(qtbot, win)
    win.show_part("appeals")
    page = win.pages["appeals"]
    assert isinstance(page, TablePage)
    qtbot.mouseClick(page.extra_toggle, Qt.MouseButton.LeftButton)
    page.extra.insertPlainText("注：无行政复议、行政诉讼。")
    assert page.extra.hasFocus()
    target = tmp_path / "r.giedit"
    assert win.save_to(target)
    assert load(target).text_of("appeals").extra == ["注：无行政复议、行政诉讼。"]
