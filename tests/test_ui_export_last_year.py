"""导出 of a report rolled forward from last year's (QA25 defect 3): without errors, the 导出前检查
still opens when last year's numbers are unconfirmed or carried sections unedited, lists them
(part, numbers, sentence), goes to one when clicked, writes nothing on 返回修改 (the default) and
writes the files on 仍要导出. Real widgets offscreen, driven as the clerk would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from rolled_reports import finished_roll
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.checks import acceptance
from giedit.checks.last_year import last_years_content
from giedit.model import edits, inline, storage
from giedit.model.rule_ids import N_W13, N_W15, N_W16
from giedit.ui.document import Document
from giedit.ui.exchange import FINDING_ROLE
from giedit.ui.main_window import MainWindow
from giedit.ui.pages import SectionPage

NAME = "2025-铜溪街道"


@pytest.fixture(autouse=True)
def _no_folder_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: isinstance(url, QUrl)))


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    path = tmp_path / f"{NAME}.giedit"
    storage.save(finished_roll(), path)
    win = MainWindow(Document.open(path))
    show_window(qtbot, win)
    win.resize(800, 760)
    return win


def _written(folder: Path) -> list[str]:
    """What an export wrote: the folder's files but the report and its lock."""
    return sorted(
        p.name for p in folder.iterdir() if p.suffix != ".giedit" and not p.name.startswith(".~lock")
    )


def _items(win: MainWindow) -> list[str]:
    dialog = win.preflight
    assert dialog is not None
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def test_last_years_content_is_listed_and_going_back_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path)
    win.export_action.trigger()
    dialog = win.preflight
    assert dialog is not None and dialog.isVisible()
    assert {f.rule for f in dialog.findings()} == {N_W13, N_W15, N_W16}
    assert dialog.findings() == last_years_content(win.document.findings)
    assert "上年报告的内容" in dialog.intro.text()
    items = _items(win)
    assert items[0].startswith("“一、总体情况”沿用上年报告内容") and "原文：「" in items[0]
    (numbers,) = [t for t in items if "「412条」" in t]
    assert "（共 7 处）" in numbers and "「420余条」" not in numbers
    assert any("“六、其他需要报告的事项”沿用上年报告内容" in t for t in items)
    assert not any("T1-W2" in t or "现行有效 0 件" in t for t in items)  # other warnings: not here
    assert dialog.cancel_button.text() == "返回修改" and dialog.cancel_button.isDefault()
    assert dialog.draft_button.text() == "仍要导出" and not dialog.draft_button.autoDefault()

    QTest.keyClick(dialog, Qt.Key.Key_Return)  # the default: back to the report
    assert not dialog.isVisible()
    assert _written(tmp_path) == []
    win.export_action.trigger()
    win.preflight.cancel_button.click()  # type: ignore[union-attr]
    assert _written(tmp_path) == []
    assert not any("已导出" in asked for asked in answers().asked)


def test_clicking_an_entry_goes_to_last_years_number(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path)
    win.navigator.select_part("info")
    win.export_action.trigger()
    dialog = win.preflight
    assert dialog is not None
    row = next(i for i, t in enumerate(_items(win)) if "「412条」" in t)
    item = dialog.list.item(row)
    rect = dialog.list.visualItemRect(item)
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not dialog.isVisible()
    page = win.pages["overview"]
    assert isinstance(page, SectionPage) and win.stack.currentWidget() is page
    finding = item.data(FINDING_ROLE)
    assert page.editor.rows[finding.place[0]].edit.textCursor().selectedText() == "412条"
    assert _written(tmp_path) == []


def test_export_anyway_writes_the_files(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path)
    win.export_action.trigger()
    win.preflight.draft_button.click()  # type: ignore[union-attr]  # 仍要导出: the final report
    assert _written(tmp_path) == [f"{NAME}.docx", f"{NAME}.pdf"]
    assert "已导出报告" in answers().asked[-1]
    pdf = PdfReader(io.BytesIO((tmp_path / f"{NAME}.pdf").read_bytes()))
    text = "".join("".join(page.extract_text().split()) for page in pdf.pages)
    assert "412条" in text and "草稿" not in text  # what the clerk chose to publish


def test_once_seen_to_export_needs_one_click(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot, tmp_path)
    document = win.document
    for sid in ("overview", "problems", "other"):
        document.push(edits.keep_carried_text(document.report, sid), "确认沿用上年内容")
        for i, p in enumerate(document.report.section(sid).paragraphs):
            if p.unconfirmed:
                document.push(edits.change_paragraph(document.report, sid, i, inline.confirmed(p)), "确认")
    for finding in last_years_content(document.findings):  # the copied paragraphs, dismissed
        document.push(acceptance.dismiss(document.report, finding, "经核实与上年相同"), "忽略提醒")
    assert last_years_content(document.findings) == []
    win.export_action.trigger()
    assert win.preflight is None
    assert _written(tmp_path) == [f"{NAME}.docx", f"{NAME}.pdf"]
