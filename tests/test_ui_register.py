"""表三 → 从台账计算… in the editor (issue 19): the mapping dialog, the traceability panel and
tooltips, the T2-W4 warning on a hand-edited computed cell, and recomputing as one undo step.
Screenshots go to $GIEDIT_SHOTS (default out/shots) as register-*.png."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, show_window  # noqa: F401

from giedit.checks import acceptance
from giedit.model.register import Field
from giedit.model.report import new_report
from giedit.ui.colours import ERROR_FG, WARNING_BG
from giedit.ui.document import Document
from giedit.ui.fonts import install_fonts
from giedit.ui.main_window import MainWindow
from giedit.ui.register_dialog import RegisterDialog
from giedit.ui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
D = dt.date
HEADER = ["序号", "受理日期", "申请人姓名", "申请人类别", "申请内容", "办结日期", "答复类型"]
ROWS = [
    [1, D(2023, 12, 20), "张三", "个人", "村道硬化资金", D(2024, 1, 8), "予以公开"],
    [2, D(2024, 2, 3), "某某有限公司", "企业", "土地征收批复", D(2024, 2, 20), "不予公开-属于国家秘密"],
    [3, D(2024, 3, 5), "李四", "公民", "低保名单", D(2024, 3, 22), "部分公开"],
    [4, D(2024, 4, 9), "王五", "个人", "拆迁补偿标准", D(2024, 4, 30), "不掌握"],
    [5, D(2024, 5, 12), "王代表", "人大代表", "垃圾清运合同", D(2024, 5, 28), "予以公开"],
    [6, D(2024, 6, 1), "赵六", "个人", "路灯维修记录", D(2024, 6, 18), "告知向县局申请"],
    [7, D(2024, 7, 7), "某律师事务所", "律师事务所", "行政处罚决定", D(2024, 7, 20), "予以公开"],
    [8, D(2024, 12, 22), "孙七", "个人", "年度预算", None, None],
    [9, D(2025, 1, 3), "周八", "个人", "新年计划", None, None],
]


def _shots() -> Path:
    shots = Path(os.environ.get("GIEDIT_SHOTS") or ROOT / "out" / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _register(path: Path, rows: list[list[object]] = ROWS) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "2024年台账"
    ws.append(["某某镇依申请公开登记台账（2024年）"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def window(qapp: QApplication, qtbot: QtBot) -> MainWindow:
    install_fonts(qapp)
    win = MainWindow(Document(new_report(2024, "某某镇人民政府")))
    show_window(qtbot, win)
    return win


def _dialog(win: MainWindow) -> RegisterDialog:
    win.compute_from_register()
    panel = win.pages["requests"].register_panel  # type: ignore[attr-defined]
    assert panel is not None and panel.dialog is not None
    return panel.dialog


def _map(dialog: RegisterDialog, text: str, category: str) -> None:
    for r in range(dialog.value_table.rowCount()):
        if dialog.value_table.item(r, 1).text() == text:
            combo = dialog.value_table.cellWidget(r, 3)
            assert isinstance(combo, QComboBox)
            combo.setCurrentIndex(combo.findData(category))
            return
    raise AssertionError(f"{text} not listed")


def test_mapping_dialog_lists_unknown_values_and_remembers_them(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    reg = _register(tmp_path / "台账2024.xlsx")
    dialog = _dialog(window)
    assert window.stack.currentWidget() is window.pages["requests"]
    assert dialog.load(reg)
    assert dialog.sheet is not None and dialog.sheet.header_row == 2
    listed = {dialog.value_table.item(r, 1).text() for r in range(dialog.value_table.rowCount())}
    assert listed == {"人大代表", "告知向县局申请"}
    assert dialog.tally is not None and dialog.tally.unresolved_rows == [7, 8]
    assert "2 行未能计入" in dialog.summary.text()
    issues = [dialog.issue_list.item(i).text() for i in range(dialog.issue_list.count())]
    assert "第 7 行：申请人类型「人大代表」无法识别" in issues
    assert any("不属于 2024 年度" in t and "第 11 行" in t for t in issues)
    assert dialog.grab().save(str(_shots() / "register-dialog-unknown.png"))

    _map(dialog, "人大代表", "other")
    _map(dialog, "告知向县局申请", "unable_not_held")
    assert dialog.tally.unresolved_rows == []
    assert "每一行都已计入" in dialog.summary.text()
    assert dialog.grab().save(str(_shots() / "register-dialog-mapped.png"))
    qtbot.mouseClick(dialog.fill_button, Qt.MouseButton.LeftButton)
    report = window.document.report
    assert report.cells["requests.new.total"] == 7
    assert report.cells["requests.carried_in.natural"] == 1
    assert report.cells["requests.unable_not_held.natural"] == 2
    assert report.cells["requests.granted.other"] == 1
    assert report.cells["requests.carried_out.natural"] == 1
    assert report.register_link is not None and report.register_link.values

    # Next year's register with the same layout: the readings are remembered (settings, per layout).
    other = Document(new_report(2024))
    again = RegisterDialog(other, Settings())
    assert again.load(_register(tmp_path / "another.xlsx"))
    assert again.tally is not None and again.tally.unresolved_rows == []


def test_traceability_panel_and_tooltip(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    rows = [r for r in ROWS if r[3] != "人大代表" and r[6] != "告知向县局申请"]
    dialog = _dialog(window)
    assert dialog.load(_register(tmp_path / "台账.xlsx", rows))
    assert dialog.fill()
    page = window.pages["requests"]
    panel = page.register_panel  # type: ignore[attr-defined]
    view = page.view  # type: ignore[attr-defined]
    view.select_cells(["requests.new.natural"])
    assert "3 件" in panel.cell_label.text() and "第 4–5、7 行" not in panel.cell_label.text()
    details = [panel.rows_list.item(i).text() for i in range(panel.rows_list.count())]
    assert len(details) == 3 and any("李四" in d and "低保名单" in d for d in details)
    assert any(d.startswith("第 5 行　2024年3月5日　李四") for d in details), details
    tip = view.model().data(view.model().index_of("requests.new.natural"), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("由台账第") and "（3 件）" in tip
    total = view.model().index_of("requests.total.total")
    assert "（5 件）" in view.model().data(total, Qt.ItemDataRole.ToolTipRole)  # a total: its parts' rows
    view.select_cells(["requests.granted.natural"])
    qtbot.wait(100)  # let the layout settle before the screenshot
    assert page.grab().save(str(_shots() / "register-traceability.png"))
    assert "台账第 3 行" in panel.cell_label.text()


def test_hand_edit_warns_T2_W4_until_recomputed_or_accepted(window: MainWindow, tmp_path: Path) -> None:
    rows = [r for r in ROWS if r[3] != "人大代表" and r[6] != "告知向县局申请"]
    reg = _register(tmp_path / "台账.xlsx", rows)
    dialog = _dialog(window)
    assert dialog.load(reg) and dialog.fill()
    doc = window.document
    assert not [f for f in doc.findings if f.rule == "T2-W4"]
    model = window.pages["requests"].model  # type: ignore[attr-defined]
    cell = "requests.granted.natural"
    assert model.setData(model.index_of(cell), "5")
    warned = [f for f in doc.findings if f.rule == "T2-W4"]
    assert [f.cells for f in warned] == [(cell,)]
    assert "与台账计算结果 1 不符" in warned[0].message and "台账第 3 行" in warned[0].message
    assert model.data(model.index_of(cell), Qt.ItemDataRole.BackgroundRole).color() == WARNING_BG
    window.navigator.select_part("requests")
    assert window.grab().save(str(_shots() / "register-t2w4.png"))

    # Accepted with a reason: the ordinary dismissal, kept in the file.
    doc.push(acceptance.dismiss(doc.report, warned[0], "台账漏登一件，已向县局核实"), "忽略提醒")
    assert [f.dismissed for f in doc.findings if f.rule == "T2-W4"] == [True]
    doc.undo_stack.undo()
    assert [f.dismissed for f in doc.findings if f.rule == "T2-W4"] == [False]

    # Recomputed: one undo step that brings the register's number back.
    panel = window.pages["requests"].register_panel  # type: ignore[attr-defined]
    steps = doc.undo_stack.index()
    panel.recompute_button.click()
    assert doc.undo_stack.index() == steps + 1
    assert doc.report.cells[cell] == 1
    assert not [f for f in doc.findings if f.rule == "T2-W4"]
    doc.undo_stack.undo()
    assert doc.report.cells[cell] == 5 and [f.rule for f in doc.findings if f.rule == "T2-W4"]

    # A changed register is noticed when the table is shown again.
    _register(reg, [*rows, [10, D(2024, 8, 1), "吴九", "个人", "新增", D(2024, 8, 9), "予以公开"]])
    panel.refresh(look=True)
    assert "已修改" in panel.status.text()


def test_compute_is_one_undo_step(window: MainWindow, tmp_path: Path) -> None:
    doc = window.document
    before = dict(doc.report.cells)
    steps = doc.undo_stack.index()
    dialog = _dialog(window)
    assert dialog.load(_register(tmp_path / "台账.xlsx"))
    _map(dialog, "人大代表", "other")
    _map(dialog, "告知向县局申请", "unable_not_held")
    assert dialog.fill()
    assert doc.undo_stack.index() == steps + 1
    assert doc.undo_stack.undoText() == "从台账计算表三"
    filled = dict(doc.report.cells)
    assert filled != before
    window.undo()
    assert doc.report.cells == before and doc.report.register_link is None
    window.redo()
    assert doc.report.cells == filled and doc.report.register_link is not None


def test_the_register_reader_loads_on_first_use_not_at_start_up() -> None:
    import subprocess
    import sys

    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from giedit.model.report import new_report; from giedit.ui.document import Document\n"
        "from giedit.ui.main_window import MainWindow; w = MainWindow(Document(new_report(2024)))\n"
        "print(sorted(m for m in ('giedit.importers', 'lxml', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_dialog_reads_the_year_sheet_and_questions_a_register_of_another_year(
    window: MainWindow, tmp_path: Path
) -> None:
    """QA qa25b defect 1: the sheet of the report year is chosen; last year's register is named in
    the error colour and 填入表三 waits for the clerk's confirmation."""
    wb = Workbook()
    for k, year in enumerate((2023, 2024)):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = f"{year}年"
        ws.append(HEADER)
        for i in range(3 + k):
            ws.append([i + 1, D(year, 2 + i, 1), f"人{i}", "个人", f"事项{i}", D(year, 2 + i, 9), "予以公开"])
    wb.save(tmp_path / "多年台账.xlsx")
    dialog = _dialog(window)
    assert dialog.load(tmp_path / "多年台账.xlsx")
    assert dialog.sheet is not None and dialog.sheet.name == "2024年"
    assert dialog.tally is not None and dialog.tally.counted == 4
    assert dialog.fill_button.isEnabled() and not dialog.confirm_year.isVisible()

    assert dialog.load(tmp_path / "多年台账.xlsx", "2023年")  # the clerk picks last year's sheet
    assert "台账中没有 2024 年收到或办结的申请，是否选错了台账或工作表？" in dialog.summary.text()
    assert ERROR_FG.name() in dialog.summary.styleSheet()
    assert not dialog.fill_button.isEnabled() and dialog.confirm_year.isVisible()
    assert dialog.grab().save(str(_shots() / "register-dialog-wrong-year.png"))
    dialog.confirm_year.setChecked(True)
    assert dialog.fill_button.isEnabled()


def test_rows_left_out_stay_in_the_panel_and_the_checks(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """QA qa25b defect 4: after 填入表三 with rows not counted, the panel names them and T2-W5 warns."""
    dialog = _dialog(window)
    assert dialog.load(_register(tmp_path / "台账.xlsx"))
    assert dialog.tally is not None and dialog.tally.unresolved_rows == [7, 8]
    assert dialog.fill()
    page = window.pages["requests"]
    panel = page.register_panel  # type: ignore[attr-defined]
    assert panel.left_out.isVisible()
    assert "台账第 7–8 行（共 2 行）未能计入表三" in panel.left_out.text()
    warned = [f for f in window.document.findings if f.rule == "T2-W5"]
    assert len(warned) == 1 and "第 7–8 行" in warned[0].message
    qtbot.wait(50)
    assert page.grab().save(str(_shots() / "register-panel-left-out.png"))
    window.undo()  # the link goes with the cells: nothing left to name
    assert not panel.left_out.isVisible()
    assert not [f for f in window.document.findings if f.rule == "T2-W5"]


def test_unknown_headers_can_be_mapped_in_the_dialog(window: MainWindow, tmp_path: Path) -> None:
    """QA qa25b defect 2: the column lists hold the likely header row's columns; mapped, the
    register counts, and a recount finds the same columns by their header texts."""
    reg = tmp_path / "台账.csv"
    reg.write_text(
        "序号,日期,姓名,类别,回复日期,结果\n"
        "1,2024-01-03,张三,个人,2024-01-09,予以公开\n"
        "2,2024-02-03,某公司,企业,2024-02-19,部分公开\n",
        encoding="utf-8-sig",
    )
    dialog = _dialog(window)
    assert dialog.load(reg)
    assert "表头按第 1 行读取" in dialog.summary.text() and not dialog.fill_button.isEnabled()
    assert not dialog.sheet_box.isEnabled()  # a .csv has no sheets to choose
    box = dialog.column_boxes[Field.RECEIVED]
    assert [box.itemText(i) for i in range(box.count())] == [
        "（无）",
        "第 A 列：序号",
        "第 B 列：日期",
        "第 C 列：姓名",
        "第 D 列：类别",
        "第 E 列：回复日期",
        "第 F 列：结果",
    ]
    assert dialog.grab().save(str(_shots() / "register-dialog-unknown-headers.png"))
    for field, column in ((Field.RECEIVED, 1), (Field.APPLICANT, 3), (Field.ANSWERED, 4), (Field.RESULT, 5)):
        dialog.set_column(field, column)
    assert dialog.tally is not None and dialog.tally.counted == 2 and dialog.fill_button.isEnabled()
    assert dialog.fill()
    report = window.document.report
    assert report.cells["requests.granted.natural"] == 1 and report.cells["requests.partial.business"] == 1
    panel = window.pages["requests"].register_panel  # type: ignore[attr-defined]
    assert "表三由台账「台账.csv」计算得出" in panel.status.text()
    model = window.pages["requests"].model  # type: ignore[attr-defined]
    assert model.setData(model.index_of("requests.granted.natural"), "0")
    assert panel.recompute()  # the columns are found again by their header texts
    assert window.document.report.cells["requests.granted.natural"] == 1


def test_tab_leaves_the_table_of_unknown_values(window: MainWindow, tmp_path: Path, qtbot: QtBot) -> None:
    """QA qa25b defect 5: Tab went from the unknown-values table to its combo box and back for ever;
    now it passes each combo box once and reaches the rest of the dialog; Alt+D ticks 疑似重复."""
    dialog = _dialog(window)
    assert dialog.load(_register(tmp_path / "台账.xlsx"))
    assert dialog.value_table.rowCount() == 2
    dialog.activateWindow()
    dialog.value_table.setFocus()
    qtbot.waitUntil(lambda: dialog.value_table.hasFocus())
    reached = []
    for _ in range(8):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    combos = [dialog.value_table.cellWidget(r, 3) for r in range(2)]
    assert reached[:5] == [*combos, dialog.issue_list, dialog.duplicates, dialog.fill_button]
    assert not dialog.duplicates.isChecked()
    QTest.keyClick(dialog.fill_button, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.duplicates.isChecked)  # a mnemonic clicks with a short animation


def test_a_register_changed_while_the_table_is_shown_is_noticed_on_return(
    window: MainWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """QA qa25b item 9: the clerk corrects the register in Excel and comes back to giedit."""
    rows = [r for r in ROWS if r[3] != "人大代表" and r[6] != "告知向县局申请"]
    reg = _register(tmp_path / "台账.xlsx", rows)
    dialog = _dialog(window)
    assert dialog.load(reg) and dialog.fill()
    panel = window.pages["requests"].register_panel  # type: ignore[attr-defined]
    assert "已修改" not in panel.status.text()
    other = QWidget()  # another program's window takes the focus
    show_window(qtbot, other)
    _register(reg, [*rows, [10, D(2024, 8, 1), "吴九", "个人", "新增", D(2024, 8, 9), "予以公开"]])
    assert "已修改" not in panel.status.text()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.waitUntil(lambda: "已修改" in panel.status.text())
