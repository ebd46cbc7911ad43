"""导入已发布的报告 and 用上年报告新建 in the editor (issue 7): the new report opens unsaved (未命名),
after the unsaved-changes guard, with a report beside it of every note the import made and of
what the roll-forward replaced and could not carry.

Real widgets offscreen; file dialogs and questions are patched (tests/ui_support.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import SAMPLES, SHARED
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from test_ui_export import shoot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.importers.start import StartFromLast
from giedit.model import edits
from giedit.model.report import new_report
from giedit.model.storage import load, save
from giedit.ui import exchange, file_dialogs
from giedit.ui.app import install_translations
from giedit.ui.document import Document
from giedit.ui.exchange import ImportReportDialog, RollForwardDialog, RollYearDialog
from giedit.ui.fonts import install_fonts
from giedit.ui.main_window import MainWindow
from giedit.ui.pages import TablePage

Button = QMessageBox.StandardButton
PUBLISHED = SHARED / "samples" / "published-2020" / "001_82da0c68b48e6d43.txt"
PARTIAL = SHARED / "samples" / "published-partial" / "001_guangzhou_haizhu_guanzhoujiedao_2023.txt"


def _window(qtbot: QtBot) -> MainWindow:
    app = QApplication.instance()
    install_fonts(app)  # type: ignore[arg-type]
    install_translations(app)  # type: ignore[arg-type]
    win = MainWindow(Document(new_report(2024, "某某镇人民政府")))
    show_window(qtbot, win)
    win.resize(1366, 768)
    return win


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(file_dialogs, "ask_open", lambda *a, **k: str(path))


def _texts(view: exchange.NotesView) -> list[str]:
    return [item.text(0) for item in view.items()]


def _edit(win: MainWindow) -> None:
    win.document.push(edits.enter(win.document.report, "requests.new.natural", "4"), "填写数字")


# -- 导入已发布的报告 ----------------------------------------------------------------------------------


@pytest.mark.skipif(not PUBLISHED.exists(), reason="the shared samples are not beside the clone")
def test_import_opens_an_unsaved_document_with_its_report(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = _window(qtbot)
    _choose(monkeypatch, PUBLISHED)
    assert win.import_action in win.file_menu.actions()
    win.import_action.trigger()
    report = win.document.report
    assert report.body.name == "大塅镇人民政府" and report.year == 2020
    assert win.document.path is None and win.document.modified
    assert win.windowTitle() == "未命名[*] — giedit" and win.isWindowModified()
    assert win.save_label.text() == "新报告，尚未保存"

    dialog = win.report_dialog
    assert isinstance(dialog, ImportReportDialog) and dialog.isVisible() and not dialog.isModal()
    view = dialog.view
    groups = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert groups[:4] == [  # 15.68万元 reads as printed; rule ids only in the tooltips
        "读到的单元格（198 格）",
        "规范化（0 处）",
        "变体匹配（0 处）",
        "空白或无法读取的单元格（0 格）",
    ]
    assert "G-W1" in view.group_item("规范化").toolTip(0)
    assert "I-W1" in view.group_item("变体匹配").toolTip(0)
    assert groups[-1].startswith("说明（")
    texts = _texts(view)
    assert len(texts) == len(dialog.result.notes)  # every note is listed
    assert any("15.68万元" in t for t in texts)
    assert any("机关名称" in t for t in texts)
    assert "读取单元格 198/198" in dialog.heading.text()
    shoot(win, dialog, "import-report.png")

    # the filter keeps what matches, with its group
    view.filter.setText("15.68")
    shown = [item for item in view.items() if not item.isHidden()]
    assert [i.text(0) for i in shown] == [t for t in texts if "15.68" in t]
    assert view.group_item("读到的单元格").isHidden() is False
    assert view.group_item("规范化").isHidden() is True
    assert view.shown_label.text() == f"显示 1 / {len(texts)} 条"
    view.filter.clear()
    assert all(not item.isHidden() for item in view.items())

    # copy to the clipboard: the summary and every note
    view.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith("导入「001_82da0c68b48e6d43.txt」：2020年度，大塅镇人民政府")
    assert all(n.message in copied for n in dialog.result.notes)

    # a double-click on a note with a cell goes to the cell
    (money,) = [i for i in view.items() if "15.68万元" in i.text(0)]
    view.tree.itemDoubleClicked.emit(money, 0)
    cell = "active.procurement.amount"
    page = win.stack.currentWidget()
    assert isinstance(page, TablePage)
    assert page.view.form.cell_id(page.view.currentIndex()) == cell

    # closing asks to save the imported report
    answers().queue = [Button.Cancel]
    assert not win.close()
    assert "未命名" in answers().asked[-1]


@pytest.mark.skipif(not PARTIAL.exists(), reason="the shared samples are not beside the clone")
def test_a_partial_report_lists_what_is_missing_with_reasons(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = _window(qtbot)
    assert win.import_path(PARTIAL)
    dialog = win.report_dialog
    assert isinstance(dialog, ImportReportDialog)
    missing = dialog.view.group_item("空白或无法读取的单元格")
    assert missing is not None
    blank = len(dialog.result.missing_cells)
    reasons = [missing.child(i) for i in range(missing.childCount())]
    cells = sum(r.childCount() for r in reasons)
    assert cells == blank  # every blank cell, under its reason
    assert any(r.text(0).startswith("缺失：原文中没有这一行") for r in reasons)
    assert missing.text(0) == f"空白或无法读取的单元格（{blank} 格）"  # as many as the summary says
    assert f"空白或无法读取 {blank} 格" in dialog.heading.text()
    parts = dialog.view.group_item("原文缺少的部分和信息")
    assert any("机关名称" in parts.child(i).text(0) for i in range(parts.childCount()))
    assert answers().facts_asked == [(PARTIAL.name, False, True)]  # asked for the body, cancelled
    assert f"{blank} 个单元格空白" in win.statusBar().currentMessage()


def test_import_failure_shows_one_line_and_keeps_the_document(qtbot: QtBot, tmp_path: Path) -> None:
    win = _window(qtbot)
    before = win.document
    bad = tmp_path / "通知.pdf"
    bad.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    assert not win.import_path(bad)
    assert win.document is before
    assert any("通知.pdf" in q and "PDF" in q for q in answers().asked)
    assert not win.import_path(tmp_path / "没有.txt")
    assert "找不到文件" in answers().asked[-1]


@pytest.mark.skipif(not PUBLISHED.exists(), reason="the shared samples are not beside the clone")
def test_import_asks_about_unsaved_changes_first(qtbot: QtBot) -> None:
    win = _window(qtbot)
    _edit(win)
    before = win.document
    answers().queue = [Button.Cancel]
    assert not win.import_path(PUBLISHED)
    assert win.document is before and win.report_dialog is None
    assert "未保存的修改" in answers().asked[-1]
    answers().queue = [Button.Discard]
    assert win.import_path(PUBLISHED)
    assert win.document.report.body.name == "大塅镇人民政府"


# -- 用上年报告新建 ------------------------------------------------------------------------------------


class Years(list[int]):
    """The years the year picker offered; it answers each with ``wanted`` (else what it offered)."""

    def __init__(self) -> None:
        super().__init__()
        self.wanted: list[int] = []

    def __call__(self, parent: object, started: StartFromLast, source: str) -> int:
        dialog = RollYearDialog(started, source)
        self.append(dialog.year.value())
        dialog.deleteLater()
        return self.wanted.pop(0) if self.wanted else self[-1]


@pytest.fixture
def years(monkeypatch: pytest.MonkeyPatch) -> Years:
    picker = Years()
    monkeypatch.setattr(exchange, "ask_roll_year", picker)
    return picker


def test_new_from_last_years_giedit_carries_table_three(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, years: Years
) -> None:
    win = _window(qtbot)
    last = SAMPLES / "2022-qingshan-zhen.giedit"
    _choose(monkeypatch, last)
    assert win.from_last_action in win.file_menu.actions()
    win.from_last_action.trigger()
    assert years == [2023]
    report = win.document.report
    assert report.year == 2023 and win.document.path is None and win.isWindowModified()
    old = load(last)
    columns = [c.split(".")[-1] for c in old.cells if c.startswith("requests.carried_out.")]
    assert len(columns) == 7
    for column in columns:
        assert report.cells[f"requests.carried_in.{column}"] == old.cells[f"requests.carried_out.{column}"]
    dialog = win.report_dialog
    assert isinstance(dialog, RollForwardDialog) and dialog.import_view is None
    replaced = dialog.view.group_item("年份替换")
    assert (
        replaced is not None
        and replaced.text(0) == f"年份替换（{len(dialog.started.rolled.replacements)} 处）"
    )
    assert any(
        "2022年" in replaced.child(i).text(0) and "2023年" in replaced.child(i).text(0)
        for i in range(replaced.childCount())
    )
    assert dialog.view.group_item("无法结转的数据").text(0) == "无法结转的数据（0 项）"


def test_new_from_a_2019_report_lists_only_values_that_should_have_carried(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, years: Years, tmp_path: Path
) -> None:
    win = _window(qtbot)
    assert win.new_from_path(SAMPLES / "2020-daduan.giedit")
    report = win.document.report
    assert (report.year, report.format) == (2021, "2021")
    dialog = win.report_dialog
    assert isinstance(dialog, RollForwardDialog)
    # 2020's flows (采购总金额, 其他对外管理服务事项…) never carry: not listed as losses
    assert dialog.started.rolled.losses == []
    assert dialog.view.group_item("无法结转的数据").text(0) == "无法结转的数据（0 项）"
    assert "所有应结转的数据都已结转" in dialog.view.title

    last = load(SAMPLES / "2020-daduan.giedit")  # 四 left blank in two columns: those are lost
    last.cells["requests.carried_out.natural"] = None
    last.cells["requests.carried_out.other"] = None
    save(last, tmp_path / "2020.giedit")
    answers().queue = [Button.Discard]
    assert win.new_from_path(tmp_path / "2020.giedit")
    dialog = win.report_dialog
    assert isinstance(dialog, RollForwardDialog)
    losses = dialog.started.rolled.losses
    assert [x.cell for x in losses] == ["requests.carried_in.natural", "requests.carried_in.other"]
    group = dialog.view.group_item("无法结转的数据")
    assert group is not None and group.text(0) == f"无法结转的数据（{len(losses)} 项）"
    listed = [
        group.child(i).child(j).text(0)
        for i in range(group.childCount())
        for j in range(group.child(i).childCount())
    ]
    assert listed == [f"{x.what}：{x.value}" for x in losses]
    reasons = {group.child(i).text(0) for i in range(group.childCount())}
    assert reasons == {f"原因：{x.reason}" for x in losses}
    notes = dialog.view.group_item("提示")
    assert notes is not None and notes.childCount() == len(dialog.started.rolled.notes) > 0
    shoot(win, dialog, "roll-forward.png")


@pytest.mark.skipif(not PUBLISHED.exists(), reason="the shared samples are not beside the clone")
def test_new_from_a_published_report_shows_the_import_too(qtbot: QtBot, years: Years) -> None:
    win = _window(qtbot)
    years.wanted.append(2022)
    assert win.new_from_path(PUBLISHED)
    assert years == [2021]
    report = win.document.report
    assert report.year == 2022 and report.body.name == "大塅镇人民政府"
    assert report.previous is None  # 2020 is not 2022's 上年: nothing to check against
    assert report.cells["requests.carried_in.total"] is None  # left for the clerk
    dialog = win.report_dialog
    assert isinstance(dialog, RollForwardDialog) and dialog.import_view is not None
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["结转情况", "上年报告的导入情况"]
    assert len(_texts(dialog.import_view)) == len(dialog.started.imported.notes)  # type: ignore[union-attr]
    (gap,) = dialog.warnings
    assert gap.isVisible() and "中间隔了 1 年" in gap.text() and "没有结转" in gap.text()
    assert "（2020年度）新建 2022 年度报告" in dialog.view.title
    dialog.tabs.setCurrentIndex(1)
    shoot(win, dialog, "roll-forward-import.png")


def test_new_from_last_failures_and_the_guard(qtbot: QtBot, tmp_path: Path, years: Years) -> None:
    win = _window(qtbot)
    damaged = tmp_path / "坏.giedit"
    damaged.write_bytes(b"\x00\x01")
    assert not win.new_from_path(damaged)
    assert "坏.giedit" in answers().asked[-1] and years == []
    _edit(win)
    before = win.document
    answers().queue = [Button.Cancel]
    assert not win.new_from_path(SAMPLES / "2023-qingshan-zhen.giedit")
    assert win.document is before
    answers().queue = [Button.Discard]
    assert win.new_from_path(SAMPLES / "2023-qingshan-zhen.giedit")
    assert win.document.report.year == 2024


def test_the_year_picker(qtbot: QtBot) -> None:
    from giedit.importers.start import start_from_last

    started = start_from_last(SAMPLES / "2020-daduan.giedit")
    dialog = RollYearDialog(started, "2020-daduan.giedit")
    qtbot.addWidget(dialog)
    assert dialog.year.value() == 2021 and dialog.year.minimum() == 2021
    assert "2021〕30号" in dialog.format_label.text()
    assert (
        dialog.last_label.text().startswith("2020年度，大塅镇人民政府，")
        and "试行" in dialog.last_label.text()
    )
    assert "注意" not in dialog.format_label.text()
    dialog.year.setValue(2023)  # a year gap is said before the clerk commits to it
    assert "所选报告是 2020 年度的，不是 2022 年度" in dialog.format_label.text()
    assert "「上年结转政府信息公开申请数量」和上年末现行有效件数将不结转" in dialog.format_label.text()


def test_changing_the_year_rolls_the_report_already_read_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, years: Years, tmp_path: Path
) -> None:
    """The year dialog's change re-rolls last year's report as read; the file is read once (it
    may be gone or changed by then, and the clerk was shown what was read)."""
    from giedit.importers import start

    win = _window(qtbot)
    last = tmp_path / "2022.giedit"
    last.write_bytes((SAMPLES / "2022-qingshan-zhen.giedit").read_bytes())
    reads: list[Path] = []
    real = start.start_from_last

    def counting(path: str | Path, year: int | None = None, body: str | None = None) -> StartFromLast:
        reads.append(Path(path))
        started = real(path, year, body)
        Path(path).unlink()  # from here on the file is gone
        return started

    monkeypatch.setattr(start, "start_from_last", counting)
    years.wanted = [2025]
    _choose(monkeypatch, last)
    win.from_last_action.trigger()
    assert reads == [last] and years == [2023]
    report = win.document.report
    assert report.year == 2025 and report.previous is None  # 2022 is not 2025's 上年
    old = load(SAMPLES / "2022-qingshan-zhen.giedit")
    assert old.cells["requests.carried_out.total"] is not None
    assert report.cells["requests.carried_in.total"] is None  # 2022's 结转下年度 is not carried
    dialog = win.report_dialog
    assert isinstance(dialog, RollForwardDialog)
    assert [w.text() for w in dialog.warnings] == dialog.started.rolled.warnings


def test_a_published_report_gone_before_the_year_is_chosen_is_still_recorded(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, years: Years, tmp_path: Path
) -> None:
    """The published file read for 用上年报告新建 is recorded as read (no export may replace it),
    though it is gone by the time the clerk picks another year in the dialog."""
    from giedit.importers import start
    from giedit.model import sources

    win = _window(qtbot)
    last = tmp_path / "上年报告.txt"
    last.write_bytes(PUBLISHED.read_bytes())
    real = start.start_from_last

    def then_gone(path: str | Path, year: int | None = None, body: str | None = None) -> StartFromLast:
        started = real(path, year, body)
        Path(path).unlink()
        return started

    monkeypatch.setattr(start, "start_from_last", then_gone)
    years.wanted = [2023]
    assert win.new_from_path(last)
    report = win.document.report
    assert years == [2021] and report.year == 2023 and not last.exists()
    assert [s.name for s in report.sources] == ["上年报告.txt"]
    assert sources.is_source(report, PUBLISHED) is not None  # the same content, wherever it lies
