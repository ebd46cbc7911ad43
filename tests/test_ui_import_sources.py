"""The editor with the new readers: a portal page imported through the dialog says which reader
and encoding it used; a source without a year makes the dialog ask for it; a report without
tables, saved and reopened, still shows N-E1 and its tables can be filled in.

Screenshots go to $GIEDIT_SHOTS (default out/shots)."""

from __future__ import annotations

from pathlib import Path

from export_reports import filled
from published_files import portal_page
from pytestqt.qtbot import QtBot
from test_import_missing import _without_tables
from test_ui_export import shoot
from test_ui_import import _window
from ui_support import answer_dialogs, answers  # noqa: F401

from giedit.model import edits
from giedit.ui.exchange import ImportReportDialog, MissingFactsDialog


def test_portal_page_import_shows_reader_and_encoding(qtbot: QtBot, tmp_path: Path) -> None:
    source = tmp_path / "年报.html"
    source.write_bytes(portal_page(filled(2024)))
    win = _window(qtbot)
    assert win.import_path(source)
    dialog = win.report_dialog
    assert isinstance(dialog, ImportReportDialog)
    heading = dialog.heading.text()
    assert "读取方式：网页（HTML）" in heading and "编码：GB18030" in heading and "网页声明 gb2312" in heading
    assert win.document.report.body.name == "大塅镇人民政府"
    assert answers().facts_asked == []  # nothing missing, nothing asked
    shoot(win, dialog, "import-portal-page.png")


def test_source_without_year_asks_for_it(qtbot: QtBot, tmp_path: Path) -> None:
    text = _without_tables().replace("2024年", "").replace("2024", "")
    source = tmp_path / "无年份.txt"
    source.write_text(text, encoding="utf-16")
    win = _window(qtbot)
    answers().facts = [(2024, "")]
    assert win.import_path(source)
    assert answers().facts_asked == [(source.name, True, False)]
    assert win.document.report.year == 2024
    dialog = MissingFactsDialog(source.name, year=True, body=True)
    qtbot.addWidget(dialog)
    dialog.show()
    shoot(win, dialog, "import-missing-facts.png")


def test_missing_table_after_save_and_reopen_shows_n_e1_and_can_be_filled(
    qtbot: QtBot, tmp_path: Path
) -> None:
    source = tmp_path / "无表格.txt"
    source.write_text(_without_tables(), encoding="gbk")
    win = _window(qtbot)
    assert win.import_path(source)
    target = tmp_path / "imported.giedit"
    assert win.save_to(target)
    win2 = _window(qtbot)
    assert win2.open_path(target)
    n_e1 = [f for f in win2.document.findings if f.rule == "N-E1"]
    assert {f.section for f in n_e1} >= {"active", "requests", "appeals"}
    win2.go_to_place(None, "requests")  # the missing table is shown, blank, ready to fill
    shoot(win2, win2, "missing-table-reopened.png")
    report = win2.document.report
    assert "requests.new.natural" not in report.cells
    win2.document.push(edits.enter(report, "requests.new.natural", "4"), "填写数字")
    assert report.cells["requests.new.natural"] == 4
