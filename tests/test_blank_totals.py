"""A computed total left blank while its parts are filled (qa25 defect 6): an import cut off after
a row's last item, or a file written before imports worked totals out. The import works it out,
「全部填0」 works it out, and G-E1 on such a total says how to fix it (a total cannot be typed)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paths import SHARED
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.checks import check
from giedit.checks.tables import TOTAL_HINT
from giedit.importers import NoteKind, import_file
from giedit.model import edits
from giedit.model.report import Report, new_report
from giedit.model.storage import load, save
from giedit.model.totals import blank_totals, compute_totals
from giedit.model.values import is_blank, number_of
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow

LONGGANG = next((SHARED / "samples" / "published-partial").glob("002_*.txt"), None)
CUT = "requests.withheld_enforcement.total"  # 7.属于行政执法案卷: the copy stops after its six items
needs_sample = pytest.mark.skipif(LONGGANG is None, reason="the shared samples are not beside the clone")


def _filled_totals_blank(report: Report) -> list[str]:
    """Totals that are blank although every part holds a number."""
    fmt = report.definition
    out = []
    for rel in fmt.relations:
        if rel.total is None or not is_blank(report.cells.get(rel.total)):
            continue
        if all(number_of(report.cells.get(p), fmt.cells[p].kind) is not None for p in rel.parts):
            out.append(rel.total)
    return out


def _filled(year: int = 2024) -> Report:
    r = new_report(year, "某某镇人民政府")
    for table in r.definition.tables:
        edit = edits.fill_blanks(r, table.id)
        assert edit is not None
        edit.apply(r)
    return r


@needs_sample
def test_the_cut_off_longgang_text_leaves_no_total_blank_whose_parts_are_filled(tmp_path: Path) -> None:
    assert LONGGANG is not None
    source = tmp_path / LONGGANG.name
    shutil.copyfile(LONGGANG, source)
    result = import_file(source)
    report = result.report
    assert _filled_totals_blank(report) == []
    assert report.cells[CUT] == 0
    sums = compute_totals(report)
    worked_out = [n for n in result.notes if n.kind is NoteKind.INFO and n.cell is not None]
    assert [n.cell for n in worked_out] == [CUT]
    assert "原文在此处中断" in worked_out[0].message and "由各项相加得出" in worked_out[0].message
    assert not any(n.cell == CUT and n.kind is NoteKind.MISSING for n in result.notes)
    # what the source does give is kept, and the totals of rows it never reached stay out
    assert report.cells["requests.new.total"] == sums["requests.new.total"] == 66
    assert "requests.withheld_query.total" not in report.cells
    assert "requests.total.total" not in report.cells  # （七）总计: rows 8. onwards are missing
    assert not any(f.rule == "G-E1" and CUT in f.cells for f in check(report))
    # the same through the command line, read back from the file it wrote
    out = tmp_path / "龙岗.giedit"
    done = subprocess.run(
        [sys.executable, "-m", "giedit", "import", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "7.属于行政执法案卷「总计」：0（原文在此处中断，缺少这一格；由各项相加得出）" in done.stdout
    back = load(out)
    assert back.cells[CUT] == 0 and _filled_totals_blank(back) == []


def test_blank_totals_fills_only_blank_totals_of_filled_parts_in_order() -> None:
    r = _filled()
    r.cells["requests.withheld_enforcement.natural"] = 3
    r.cells[CUT] = None
    r.cells["requests.total.natural"] = None  # the grand total of the column, built on the row
    r.cells["requests.total.total"] = None
    r.cells["requests.new.total"] = 9  # disagrees with its parts: for T2-E1, not for this
    r.cells["requests.granted.natural"] = None
    r.cells["requests.granted.total"] = None  # a part blank: left blank
    got = blank_totals(r.definition, r.cells)
    assert got[CUT] == 3
    assert "requests.granted.total" not in got and "requests.new.total" not in got
    assert "requests.total.natural" not in got  # its parts include the blank 予以公开 cell
    r.cells["requests.granted.natural"] = 0
    got = blank_totals(r.definition, r.cells)
    assert got["requests.granted.total"] == 0 and got["requests.total.natural"] == 3


def test_fill_blanks_works_out_a_blank_total_whose_parts_are_filled() -> None:
    r = _filled()
    r.cells["requests.withheld_enforcement.natural"] = 2
    r.cells[CUT] = None  # as a file imported before this fix holds it
    edit = edits.fill_blanks(r, "requests")
    assert edit is not None and set(edit.changes) == {CUT}
    edit.apply(r)
    assert r.cells[CUT] == 2
    edit.revert(r)
    assert r.cells[CUT] is None
    # with blanks to fill as well: the zeros and the totals in one step, the blanks counted apart
    r.cells["requests.withheld_query.business"] = None
    edit = edits.fill_blanks(r, "requests")
    assert edit is not None
    assert {c for c in edit.changes if edits.is_input(r, c)} == {"requests.withheld_query.business"}
    edit.apply(r)
    assert r.cells[CUT] == 2 and r.cells["requests.withheld_query.business"] == 0
    assert _filled_totals_blank(r) == []
    assert edits.fill_blanks(r, "requests") is None


def test_g_e1_on_a_total_says_how_to_fix_it() -> None:
    r = _filled()
    r.cells[CUT] = None
    r.cells["requests.granted.business"] = None
    findings = [f for f in check(r) if f.rule == "G-E1"]
    (inputs,) = [f for f in findings if "requests.granted.business" in f.cells]
    (totals,) = [f for f in findings if CUT in f.cells]
    assert inputs.cells == ("requests.granted.business",) and "没有数字请填0" in inputs.message
    assert "没有数字请填0" not in totals.message
    assert totals.message.endswith(f"7.属于行政执法案卷「总计」为空。{TOTAL_HINT}")
    assert TOTAL_HINT == "合计由各项自动相加：请填写各项，或按 F9 重新计算合计"
    # a fresh report: the totals follow the parts once filled, only the parts are listed
    fresh = new_report(2024)
    computed = fresh.definition.computed_cells
    blanks = [f for f in check(fresh) if f.rule == "G-E1"]
    assert len(blanks) == len(fresh.definition.tables)
    assert not any(c in computed for f in blanks for c in f.cells)


@needs_sample
def test_fill_zero_in_the_editor_fixes_the_blank_total_of_an_old_import(qtbot: QtBot, tmp_path: Path) -> None:
    assert LONGGANG is not None
    report = import_file(LONGGANG).report
    del report.cells[CUT]  # as imported before totals were worked out (qa25's file)
    path = tmp_path / "龙岗.giedit"
    save(report, path)
    win = MainWindow(Document.open(path))
    show_window(qtbot, win)
    assert any(f.rule == "G-E1" and CUT in f.cells and TOTAL_HINT in f.message for f in win.document.findings)
    win.navigator.select_part("requests")
    answers().queue.append(QMessageBox.StandardButton.Yes)
    win.fill_action.trigger()
    assert win.document.report.cells[CUT] == 0
    assert "空白的合计已由各项相加得出" in win.statusBar().currentMessage()
    assert not any(f.rule == "G-E1" and CUT in f.cells for f in win.document.findings)
    win.undo_action.trigger()
    assert is_blank(win.document.report.cells.get(CUT))


def test_fill_zero_with_only_a_blank_total_left_asks_nothing(qtbot: QtBot) -> None:
    report = _filled()
    report.cells["requests.withheld_enforcement.legal"] = 4
    report.cells[CUT] = None
    win = MainWindow(Document(report))
    show_window(qtbot, win)
    win.navigator.select_part("requests")
    win.fill_action.trigger()
    assert answers().asked == []  # no blank to fill with 0: nothing to confirm
    assert win.document.report.cells[CUT] == 4
    assert win.statusBar().currentMessage() == "本表没有空白单元格；空白的合计已由各项相加得出（1 个）"
    assert win.document.undo_stack.count() == 1
