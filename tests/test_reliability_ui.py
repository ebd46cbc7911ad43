"""The real undo stack, at random: the editor's window and document never drift from the report.

``tests/test_reliability_model.py`` plays a clerk against the pure model with a plain list for a
history. This test plays a shorter clerk against what the editor really runs, offscreen: a
``MainWindow`` showing a ``Document`` whose ``QUndoStack`` holds the commands. Cells are typed,
pasted, cleared and filled through the table pages' Qt models (``setData``, ``paste``, ``clear``,
``fill_blanks``: the calls the table view makes), narrative typing is pushed with the merge keys
the narrative editor uses (so keystrokes merge into one undo step, and never across a save),
undo and redo go through the window's 撤销/重做 actions, and the document is saved to disk.

After every step:

- the document's findings are the checks of the report as it now is, and the tables show the
  report's values (the views follow undo and redo, they do not keep copies);
- the window's modified mark is the undo stack's, and whenever the stack is at its clean index
  the report is exactly the one last saved (or opened);
- undoing to the clean state gives the saved (or opened) report, and redoing gets back to now.

``GIEDIT_UI_STATEFUL_EXAMPLES`` and ``GIEDIT_UI_STATEFUL_STEPS`` scale the run up locally.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from paths import SAMPLES
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from giedit.checks import check
from giedit.model import edits, storage
from giedit.model.edits import PREAMBLE
from giedit.model.report import Level, Report, new_report
from giedit.model.values import format_value
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.pages import TablePage

EXAMPLES = int(os.environ.get("GIEDIT_UI_STATEFUL_EXAMPLES", "12"))
STEPS = int(os.environ.get("GIEDIT_UI_STATEFUL_STEPS", "30"))

STARTS = ["2020-baji.giedit", "2023-qingshan-zhen.giedit", "2025-baiyun-xiang.giedit", "new"]
CELL_TEXT = st.one_of(
    st.integers(0, 500).map(str),
    st.sampled_from(["", "１２", "1,234", "-3", "2.5", "15.68万元", "abc", "9" * 40]),
    st.text(max_size=6),
)
LINE = st.text(alphabet="本年度共收到申请件。\u3000 abc123", max_size=15)


def canonical(report: Report) -> str:
    """The report as JSON text: equal texts mean equal reports, down to int versus float."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def _report(start: str) -> tuple[Report, Path | None]:
    if start == "new":
        return new_report(2024, "某某街道办事处"), None
    return storage.load(SAMPLES / start), SAMPLES / start


class EditorSession(RuleBasedStateMachine):
    """One document shown in the (shared) window, driven through its Qt models and actions."""

    window: MainWindow
    folder: Path

    def __init__(self) -> None:
        super().__init__()
        self.saved = ""  # the report as it was at the stack's clean index
        self.session = 0  # the narrative editor's typing session: keystrokes merge within one
        self.saves = 0

    @property
    def document(self) -> Document:
        return self.window.document

    @property
    def report(self) -> Report:
        return self.document.report

    def _tables(self) -> list[TablePage]:
        return [p for p in self.window.pages.values() if isinstance(p, TablePage)]

    def _table(self, data: st.DataObject) -> TablePage:
        return data.draw(st.sampled_from(self._tables()), label="table")

    def _cell(self, data: st.DataObject, page: TablePage) -> str:
        return data.draw(st.sampled_from([c.id for c in page.model.layout.cells]), label="cell")

    @initialize(start=st.sampled_from(STARTS))
    def open_a_document(self, start: str) -> None:
        report, path = _report(start)
        self.window.set_document(Document(report, path))  # the old one is deleted later
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.saved = canonical(report)

    # -- the tables, through their Qt models ----------------------------------------------------

    @rule(data=st.data(), text=CELL_TEXT)
    def type_a_cell(self, data: st.DataObject, text: str) -> None:
        page = self._table(data)
        page.model.setData(page.model.index_of(self._cell(data, page)), text, Qt.ItemDataRole.EditRole)

    @rule(data=st.data(), rows=st.lists(st.lists(CELL_TEXT, min_size=1, max_size=3), min_size=1, max_size=3))
    def paste_a_block(self, data: st.DataObject, rows: list[list[str]]) -> None:
        page = self._table(data)
        text = "\n".join("\t".join(r) for r in rows) + "\n"
        page.model.paste(page.model.index_of(self._cell(data, page)), text)

    @rule(data=st.data())
    def clear_cells(self, data: st.DataObject) -> None:
        page = self._table(data)
        cells = data.draw(st.lists(st.sampled_from([c.id for c in page.model.layout.cells]), max_size=4))
        page.model.clear([page.model.index_of(c) for c in cells])

    @rule(data=st.data())
    def fill_blanks(self, data: st.DataObject) -> None:
        self._table(data).model.fill_blanks()

    @rule()
    def recompute_totals(self) -> None:
        self.window.recompute_totals()

    # -- narrative and basic information, pushed as the editors push them ------------------------

    def _where(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from([PREAMBLE, *(s.id for s in self.report.definition.sections)]))

    @rule(data=st.data(), text=LINE)
    def type_in_a_paragraph(self, data: st.DataObject, text: str) -> None:
        where = self._where(data)
        n = len(edits.paragraphs_of(self.report, where))
        if n == 0:
            self.document.push(edits.insert_paragraph(self.report, where, 0, Level.BODY, text), "另起一段")
            self.session += 1
            return
        index = data.draw(st.integers(0, n - 1))
        edit = edits.set_paragraph_text(self.report, where, index, text)
        self.document.push(edit, "修改文字", merge_key=("text", where, index, self.session))

    @rule()
    def leave_the_paragraph(self) -> None:
        self.session += 1

    @rule(data=st.data())
    def remove_a_paragraph(self, data: st.DataObject) -> None:
        where = self._where(data)
        n = len(edits.paragraphs_of(self.report, where))
        if n:
            self.document.push(
                edits.remove_paragraph(self.report, where, data.draw(st.integers(0, n - 1))), "删除"
            )
            self.session += 1

    @rule(name=LINE)
    def rename_the_body(self, name: str) -> None:
        self.document.push(edits.set_field(self.report, ("body", "name"), name), "修改基本信息")

    # -- history and files, as the window does them ----------------------------------------------

    @precondition(lambda self: self.document.undo_stack.canUndo())
    @rule()
    def undo(self) -> None:
        self.window.undo_action.trigger()

    @precondition(lambda self: self.document.undo_stack.canRedo())
    @rule()
    def redo(self) -> None:
        self.window.redo_action.trigger()

    @rule()
    def save(self) -> None:
        self.saves += 1
        path = self.folder / f"报告{self.saves % 2}.giedit"
        assert self.window.save_to(path)
        assert not self.document.modified and not self.window.isWindowModified()
        self.saved = canonical(self.report)
        assert canonical(storage.load(path)) == self.saved
        self.session += 1  # the editor ends typing sessions on save (focus leaves the text)

    @precondition(lambda self: self.document.undo_stack.cleanIndex() >= 0)
    @rule()
    def undo_to_the_clean_state_and_back(self) -> None:
        stack = self.document.undo_stack
        now, index = canonical(self.report), stack.index()
        stack.setIndex(stack.cleanIndex())
        assert stack.isClean() and not self.window.isWindowModified()
        assert canonical(self.report) == self.saved
        stack.setIndex(index)
        assert canonical(self.report) == now

    # -- what must always hold -------------------------------------------------------------------

    @invariant()
    def the_views_follow_the_report(self) -> None:
        assert self.document.findings == check(self.report, deadline=self.document.deadline)
        for page in self._tables():
            for cell in page.model.layout.cells:
                shown = page.model.data(page.model.index_of(cell.id), Qt.ItemDataRole.DisplayRole)
                assert shown == format_value(self.report.cells.get(cell.id), cell.column)

    @invariant()
    def clean_means_saved(self) -> None:
        stack = self.document.undo_stack
        assert self.window.isWindowModified() == self.document.modified == (not stack.isClean())
        if stack.isClean():
            assert canonical(self.report) == self.saved


def test_the_undo_stack_and_the_views_lose_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []  # no step of this session may need a message box; one would block here
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.StandardButton.Discard.value
    )
    window = MainWindow(Document(new_report(2024)))
    qtbot.addWidget(window)
    window.show()

    def factory() -> EditorSession:
        machine = EditorSession()
        machine.window, machine.folder = window, tmp_path
        return machine

    make: Callable[[], EditorSession] = factory
    try:
        run_state_machine_as_test(
            make,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
            ),
        )
    finally:
        window.document.undo_stack.setClean()  # closing the window must not ask about saving
    assert shown == []


LONG_SESSION = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from giedit.model import storage
from giedit.model import edits
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.pages import TablePage

app = QApplication([])
window = MainWindow(Document(storage.load(sys.argv[1])))
window.show()
page = next(p for p in window.pages.values() if isinstance(p, TablePage))
cell = next(c.id for c in page.model.layout.cells if edits.is_input(window.document.report, c.id))
index = page.model.index_of(cell)
for i in range(int(sys.argv[2])):
    page.model.setData(index, str(i), Qt.ItemDataRole.EditRole)
    window.document.undo_stack.setClean()
print("entries done")
"""


def test_a_long_session_does_not_abort(tmp_path: Path) -> None:
    """600 cell entries in a fresh editor process, then a clean exit.

    PySide6 6.12.0 drops a reference to None on every Qt call that returns nothing (about 110 per
    cell entry); unguarded, Python 3.11 aborts with none_dealloc after about 160 entries. A fresh
    process is needed: pytest itself holds tens of thousands of references to None.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GIEDIT_DATA_DIR": str(tmp_path)}
    sample = SAMPLES / "2025-baiyun-xiang.giedit"
    out = subprocess.run(
        [sys.executable, "-c", LONG_SESSION, str(sample), "600"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "entries done" in out.stdout and "dealloc" not in out.stderr
