"""文件 → 汇总审核…: the review window driven as a clerk would: folder, start, progress, sort,
double-click to the finding, export, copy a notice. Screenshots go to GIEDIT_SHOTS if set."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from review_folder import generated
from ui_support import answer_dialogs, show_window  # noqa: F401

from giedit.model import storage
from giedit.model.report import new_report
from giedit.ui.app import install_fonts, install_translations
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.pages import TablePage
from giedit.ui.review_window import ERRORS_COLUMN, ReviewWindow

PLANTED = "appeals.cases.review_total"  # T3-E1 in the unit written as 03.giedit


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "报告"
    root.mkdir()
    for i in range(8):
        report = generated(i, random.Random(i))
        if i == 3:
            report.cells[PLANTED] = int(report.cells[PLANTED]) + 2  # type: ignore[arg-type]
        storage.save(report, root / f"{i:02d}.giedit", backup=False)
    (tmp_path / "名单.txt").write_text("无此镇\n", encoding="utf-8")
    return root


def _window(qtbot: QtBot) -> MainWindow:
    app = QApplication.instance()
    install_fonts(app)  # type: ignore[arg-type]
    install_translations(app)  # type: ignore[arg-type]
    win = MainWindow(Document(new_report(2025, "某某县政务公开办")))
    show_window(qtbot, win)
    win.resize(1366, 768)
    return win


def _shot(widget, name: str) -> None:
    if folder := os.environ.get("GIEDIT_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def _reviewed(qtbot: QtBot, win: MainWindow, folder: Path) -> ReviewWindow:
    win.file_menu.actions()  # the action is in 文件
    action = next(a for a in win.file_menu.actions() if a.text() == "汇总审核…")
    action.trigger()
    dialog = win.review_window
    assert isinstance(dialog, ReviewWindow) and dialog.isVisible()
    dialog.jobs = 1  # in this process: the offscreen test needs no worker pool
    dialog.folder_edit.setText(str(folder))
    dialog.roster_edit.setText(str(folder.parent / "名单.txt"))
    steps: list[tuple[int, int, str]] = []
    dialog.progress.valueChanged.connect(lambda v: steps.append((v, dialog.progress.maximum(), "")))
    with qtbot.waitSignal(dialog.reviewed, timeout=60_000):
        QTest.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert steps and dialog.progress.value() == dialog.progress.maximum() == 8
    assert [v for v, m, _ in steps if v and m == 8][:8] == list(range(1, 9))  # one step a unit read
    return dialog


def test_the_review_window_shows_progress_and_a_sortable_checklist(qtbot: QtBot, folder: Path) -> None:
    win = _window(qtbot)
    dialog = _reviewed(qtbot, win, folder)
    assert dialog.model.rowCount() == 9  # eight units and the roster name with no report
    assert "有错误 1 个" in dialog.status.text() and "未报送 1 个" in dialog.status.text()
    dialog.table.sortByColumn(ERRORS_COLUMN, Qt.SortOrder.DescendingOrder)
    top = dialog.unit_at(dialog.proxy.index(0, 0))
    assert top is not None and top.file == "03.giedit" and top.errors == 1
    dialog.table.sortByColumn(ERRORS_COLUMN, Qt.SortOrder.AscendingOrder)
    last = dialog.unit_at(dialog.proxy.index(dialog.proxy.rowCount() - 1, 0))
    assert last is not None and last.file == "03.giedit"
    dialog.table.selectRow(dialog.proxy.rowCount() - 1)
    assert dialog.findings.count() == len(last.findings)
    dialog.table.sortByColumn(ERRORS_COLUMN, Qt.SortOrder.DescendingOrder)
    dialog.table.selectRow(0)
    assert dialog.findings.item(0).text().startswith("错误（T3-E1）")
    dialog.table.scrollToTop()
    _shot(dialog, "review-window.png")


def test_double_click_opens_the_unit_at_its_finding(qtbot: QtBot, folder: Path) -> None:
    win = _window(qtbot)
    dialog = _reviewed(qtbot, win, folder)
    dialog.table.sortByColumn(ERRORS_COLUMN, Qt.SortOrder.DescendingOrder)
    index: QModelIndex = dialog.proxy.index(0, 0)
    rect = dialog.table.visualRect(index)
    QTest.mouseClick(
        dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )  # as a mouse does:
    QTest.mouseDClick(
        dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )  # press, then double
    assert win.document.path == folder / "03.giedit"
    page = win.current_table()
    assert isinstance(page, TablePage) and page.section_id == "appeals"
    current = page.view.currentIndex()
    assert page.model.cell_id(current) in {PLANTED, *page.model.document.findings[0].cells}
    assert PLANTED in {page.model.cell_id(i) for i in page.view.selectionModel().selectedIndexes()}
    _shot(win, "review-opened-at-finding.png")


def test_export_writes_the_workbook_and_notices_and_a_notice_can_be_copied(
    qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = _window(qtbot)
    dialog = _reviewed(qtbot, win, folder)
    target = folder.parent / "审核结果.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dialog.office_edit.insert("某某县人民政府办公室")  # the issuing office, as typed (or pasted)
    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert target.exists()
    letters = list(folder.parent.glob("审核结果-整改通知/*.txt"))
    assert len(letters) == len(list(folder.parent.glob("审核结果-整改通知/*.docx"))) == 1
    assert letters[0].read_text(encoding="utf-8").rstrip().splitlines()[-2] == "某某县人民政府办公室"
    dialog.table.sortByColumn(ERRORS_COLUMN, Qt.SortOrder.DescendingOrder)
    dialog.table.selectRow(0)
    QTest.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert "整改通知" in text and dialog.selected_unit().body in text  # type: ignore[union-attr]
    assert "某某县人民政府办公室" in text and str(folder) not in text
    dialog.office_edit.clear()  # nothing typed: the letter says the office is still to be filled in
    QTest.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "县政务公开办（请填写发文单位全称）" in QGuiApplication.clipboard().text()
