"""A clerk's whole session, at random, over the pure model: nothing typed or done may lose data.

A hypothesis state machine plays a clerk against ``giedit.model``: typing into cells (real figures,
full-width digits, units, and plain garbage, all through ``edits.enter``, the parse path the table
editor uses), pasting blocks, clearing, 全部填0, 重算合计, choosing units, writing and arranging the
narrative (with typing merged into one undo step as the Qt undo stack merges it), filling in the
basic information, dismissing warnings and accepting errors, undo and redo, rolling the report
forward to next year, and saving and reopening it through ``giedit.model.storage``. It also puts
the odd values an import or a hand-edited file can leave in a cell (text, negatives, floats in
count cells) into the report, because the loader accepts them and the checks must survive them.

After every step it checks what a clerk relies on:

- the rules never raise, whatever the report holds;
- the report survives a save: what is loaded back is the same report, value types included;
- undoing every step gives back exactly the report that was opened, and redoing them all gives
  back the current one.

The history is a plain list of edits reverted and re-applied in order, which is what the Qt undo
stack does with them (``tests/test_reliability_ui.py`` covers the stack itself).

CI runs a small number of examples (a few seconds). For a deeper local run::

    GIEDIT_STATEFUL_EXAMPLES=2000 GIEDIT_STATEFUL_STEPS=80 uv run pytest tests/test_reliability_model.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from paths import SAMPLES

from giedit.checks import RULES, Severity, acceptance, check, overridable
from giedit.model import edits, storage
from giedit.model.bounds import LAST_YEAR as MAX_YEAR
from giedit.model.edits import PREAMBLE, Edit, InputError, SetNarrative
from giedit.model.formats import FORMATS
from giedit.model.report import BodyKind, Level, Report, new_report
from giedit.model.rollforward import RollForwardError, roll_forward
from giedit.model.schema import CellKind
from giedit.model.values import CellValue, Money, is_blank

EXAMPLES = int(os.environ.get("GIEDIT_STATEFUL_EXAMPLES", "25"))
STEPS = int(os.environ.get("GIEDIT_STATEFUL_STEPS", "40"))

# -- what a clerk types ------------------------------------------------------------------------

NUMBERISH = st.text(alphabet="0123456789０１２３４５６７８９.,，。 +-－−—万元\u3000\u00a0\t", max_size=12)
CELL_TEXT = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(-99, 99).map(str),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.{int(x) % 6}f}"),
    NUMBERISH,
    st.text(max_size=20),
    st.sampled_from(["", " ", "15.68万元", "2.02元", "３万元", "１２３", "1,234", "+5", "-0", "0.00001"]),
    st.sampled_from(["NaN", "inf", "1e5", "0x10", "１e３", "٣", "½", "Ⅻ", "⑤", "五", "—", "/"]),
    st.integers(15, 5000).map(lambda n: "9" * n),  # a stuck key, or a paste of something else
)
LINE = st.text(max_size=30)  # narrative text: anything, line breaks and control characters too
REASON = st.text(max_size=12)  # blank reasons are refused
DATE_TEXT = st.one_of(
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)).map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", "2025年2月30日", "２０２５．１．５", "2025/13/1", "明天"]),
    st.text(max_size=12),
)
TEXT_FIELDS = (
    ("title",),
    ("body", "name"),
    ("body", "parent"),
    ("period",),
    ("contact", "office"),
    ("contact", "address"),
    ("contact", "postcode"),
    ("contact", "phone"),
    ("contact", "email"),
    ("signature",),
)
OPTIONAL = {("body", "name"), ("body", "parent")}  # these two are "" when blank, the others None

# What an import or a hand-edited file may leave in a cell: the loader keeps it, the checks report it.
ODD_VALUE: st.SearchStrategy[CellValue] = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(-1e9, 1e9, allow_nan=False),
    st.text(max_size=6),
    st.builds(
        Money,
        amount=st.one_of(st.none(), st.integers(-5, 10**9), st.floats(-1, 1e9), st.text(max_size=4)),
        unit=st.one_of(st.none(), st.sampled_from(["元", "万元", "美元", ""])),
    ),
)


@cache
def _sample(name: str) -> Report:
    return storage.load(SAMPLES / name)


STARTS = [p.name for p in sorted(SAMPLES.glob("*.giedit"))] + ["new:2019", "new:2020", "new:2024"]


def _start_report(start: str) -> Report:
    if start.startswith("new:"):
        return new_report(int(start[4:]), "某某镇人民政府")
    return _sample(start).model_copy(deep=True)


def canonical(report: Report) -> str:
    """The report as JSON text: equal texts mean equal reports, down to int versus float."""
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


@cache
def _input_cells(format_id: str) -> tuple[str, ...]:
    fmt = FORMATS[format_id]
    return tuple(c for c in fmt.cells if c not in fmt.computed_cells)


@cache
def _money_cells(format_id: str) -> tuple[str, ...]:
    fmt = FORMATS[format_id]
    return tuple(cid for cid, c in fmt.cells.items() if c.kind is CellKind.MONEY)


class ClerkSession(RuleBasedStateMachine):
    """One document being edited: the report, its history, and the report as it was opened."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="giedit-stateful-"))
        self.report: Report
        self.original = ""
        self.done: list[Edit] = []
        self.undone: list[Edit] = []
        self.saves = 0
        self.deadline: tuple[int, int] | None = None

    # -- bookkeeping -----------------------------------------------------------------------------

    def _open(self, report: Report) -> None:
        """A new document: its history starts empty and undo leads back to this report."""
        self.report = report
        self.original = canonical(report)
        self.done, self.undone = [], []

    def _do(self, edit: Edit | None) -> None:
        """What ``Document.push`` does: apply, remember for undo, forget what could be redone."""
        if edit is None:
            return
        edit.apply(self.report)
        self.done.append(edit)
        self.undone.clear()

    def _refused(self, err: InputError) -> None:
        """A refusal is one line of Chinese for the clerk's status bar, whatever was typed."""
        message = str(err)
        assert "\n" not in message and any("\u4e00" <= ch <= "\u9fff" for ch in message), message

    def _where(self, data: st.DataObject) -> str:
        sections = [s.id for s in self.report.definition.sections]
        return data.draw(st.sampled_from([PREAMBLE, *sections]), label="where")

    def _paragraph(self, data: st.DataObject) -> tuple[str, int] | None:
        where = self._where(data)
        n = len(edits.paragraphs_of(self.report, where))
        if n == 0:
            return None
        return where, data.draw(st.integers(0, n - 1), label="index")

    # -- opening ---------------------------------------------------------------------------------

    @initialize(
        start=st.sampled_from(STARTS),
        deadline=st.one_of(st.none(), st.tuples(st.integers(0, 13), st.integers(0, 32))),
    )
    def open_report(self, start: str, deadline: tuple[int, int] | None) -> None:
        """A sample or a new report; ``deadline`` is the office's setting for N-W12 (the settings
        dialog refuses impossible days, the rules must not rely on it)."""
        self.deadline = deadline
        self._open(_start_report(start))

    # -- tables ----------------------------------------------------------------------------------

    @rule(data=st.data(), text=CELL_TEXT)
    def type_into_a_cell(self, data: st.DataObject, text: str) -> None:
        """Any cell, totals included: a total refuses input, as does text that is not a value."""
        cell = data.draw(st.sampled_from(sorted(self.report.definition.cells)), label="cell")
        before = canonical(self.report)
        try:
            edit = edits.enter(self.report, cell, text)
        except InputError as err:
            self._refused(err)
            assert canonical(self.report) == before
            return
        assert edits.is_input(self.report, cell)
        self._do(edit)

    @rule(data=st.data())
    def paste_a_block(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from([t.id for t in self.report.definition.tables]), label="table")
        grid = edits.input_grid(self.report, table)
        start = data.draw(st.sampled_from([c for row in grid for c in row]), label="start")
        rows = data.draw(st.lists(st.lists(CELL_TEXT, min_size=1, max_size=5), min_size=1, max_size=5))
        newline = data.draw(st.sampled_from(["\n", "\r\n", "\r"]))
        text = newline.join("\t".join(r) for r in rows) + data.draw(st.sampled_from(["", newline]))
        before = canonical(self.report)
        try:
            pasted = edits.paste(self.report, table, start, text)
        except InputError as err:
            self._refused(err)
            assert canonical(self.report) == before
            return
        assert canonical(self.report) == before  # validated first, nothing written yet
        self._do(pasted.edit)

    @rule(data=st.data())
    def clear_cells(self, data: st.DataObject) -> None:
        cells = data.draw(st.lists(st.sampled_from(sorted(self.report.definition.cells)), max_size=8))
        self._do(edits.clear(self.report, cells))

    @rule(data=st.data())
    def fill_blanks_with_zero(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from([t.id for t in self.report.definition.tables]))
        self._do(edits.fill_blanks(self.report, table))

    @rule()
    def recompute_totals(self) -> None:
        self._do(edits.recompute_totals(self.report))

    @precondition(lambda self: bool(_money_cells(self.report.format)))
    @rule(data=st.data(), unit=st.sampled_from(["元", "万元", "美元", ""]))
    def choose_a_unit(self, data: st.DataObject, unit: str) -> None:
        cell = data.draw(st.sampled_from(_money_cells(self.report.format)), label="money cell")
        try:
            self._do(edits.set_unit(self.report, cell, unit))
        except InputError as err:
            self._refused(err)

    @rule(data=st.data(), values=st.lists(ODD_VALUE, min_size=1, max_size=4))
    def values_an_import_may_leave(self, data: st.DataObject, values: list[CellValue]) -> None:
        cells = data.draw(st.lists(st.sampled_from(_input_cells(self.report.format)), min_size=len(values)))
        self._do(edits.set_cells(self.report, dict(zip(cells, values, strict=False))))

    # -- narrative -------------------------------------------------------------------------------

    @rule(data=st.data(), text=LINE, merge=st.booleans())
    def type_in_a_paragraph(self, data: st.DataObject, text: str, merge: bool) -> None:
        """Typing goes on in the same paragraph: the Qt stack merges it into the previous step."""
        found = self._paragraph(data)
        if found is None:
            return
        edit = edits.set_paragraph_text(self.report, *found, text)
        if edit is None:
            return
        last = self.done[-1] if self.done else None
        if merge and isinstance(last, SetNarrative):
            edit.apply(self.report)  # QUndoStack.push runs redo() first, then tries mergeWith()
            if last.absorb(edit):
                self.undone.clear()
                return
            edit.revert(self.report)
        self._do(edit)

    @rule(data=st.data(), text=LINE, level=st.sampled_from(list(Level)))
    def insert_a_paragraph(self, data: st.DataObject, text: str, level: Level) -> None:
        where = self._where(data)
        n = len(edits.paragraphs_of(self.report, where))
        index = data.draw(st.integers(0, n), label="index")
        self._do(edits.insert_paragraph(self.report, where, index, level, text))

    @rule(data=st.data(), text=st.text(alphabet="甲乙丙\n\r ab", max_size=20))
    def type_or_paste_with_line_breaks(self, data: st.DataObject, text: str) -> None:
        found = self._paragraph(data)
        if found is None:
            return
        where, index = found
        length = len(edits.paragraphs_of(self.report, where)[index].text)
        position = data.draw(st.integers(0, length), label="position")
        self._do(edits.insert_text(self.report, where, index, position, text))

    @rule(data=st.data())
    def remove_a_paragraph(self, data: st.DataObject) -> None:
        if found := self._paragraph(data):
            self._do(edits.remove_paragraph(self.report, *found))

    @rule(data=st.data())
    def backspace_at_paragraph_start(self, data: st.DataObject) -> None:
        if found := self._paragraph(data):
            self._do(edits.join_with_previous(self.report, *found))

    @rule(data=st.data(), level=st.sampled_from(list(Level)))
    def change_a_level(self, data: st.DataObject, level: Level) -> None:
        if found := self._paragraph(data):
            self._do(edits.set_level(self.report, *found, level))

    @rule(data=st.data(), step=st.sampled_from([-1, 1]))
    def move_a_paragraph(self, data: st.DataObject, step: int) -> None:
        found = self._paragraph(data)
        if found is None:
            return
        where, index = found
        before = list(edits.paragraphs_of(self.report, where))
        edit = edits.move_paragraph(self.report, where, index, step)
        self._do(edit)
        if edit is not None:  # the moved paragraph is where moved_to says, and nothing was lost
            after = edits.paragraphs_of(self.report, where)
            assert after[edits.moved_to(before, index, step)] == before[index]
            assert sorted(p.text for p in after) == sorted(p.text for p in before)

    @rule(data=st.data())
    def keep_carried_text(self, data: st.DataObject) -> None:
        self._do(edits.keep_carried_text(self.report, self._where(data)))

    @rule(data=st.data(), lines=st.lists(LINE, max_size=3))
    def local_lines_after_a_table(self, data: st.DataObject, lines: list[str]) -> None:
        table = data.draw(st.sampled_from(list(self.report.definition.tables)))
        self._do(edits.set_extra(self.report, table.section, lines))

    # -- basic information -----------------------------------------------------------------------

    @rule(path=st.sampled_from(TEXT_FIELDS), text=LINE)
    def fill_in_a_field(self, path: tuple[str, ...], text: str) -> None:
        value = text.strip()
        self._do(edits.set_field(self.report, path, value if value or path in OPTIONAL else None))

    @rule(kind=st.one_of(st.none(), st.sampled_from(list(BodyKind))))
    def choose_the_kind_of_body(self, kind: BodyKind | None) -> None:
        self._do(edits.set_field(self.report, ("body", "kind"), kind))

    @rule(text=DATE_TEXT)
    def write_the_date(self, text: str) -> None:
        try:
            date = edits.parse_date(text)
        except InputError as err:
            self._refused(err)
            return
        self._do(edits.set_field(self.report, ("date",), date))

    @rule(year=st.integers(2019, MAX_YEAR))
    def change_the_year(self, year: int) -> None:
        self._do(edits.set_year(self.report, year))

    # -- findings --------------------------------------------------------------------------------

    @rule(data=st.data(), reason=REASON)
    def dismiss_or_accept_a_finding(self, data: st.DataObject, reason: str) -> None:
        findings = check(self.report)
        if not findings:
            return
        finding = data.draw(st.sampled_from(findings), label="finding")
        accepting = finding.severity is Severity.ERROR
        try:
            edit = (acceptance.override if accepting else acceptance.dismiss)(self.report, finding, reason)
        except InputError as err:
            self._refused(err)
            assert not reason.strip() or (accepting and not overridable(finding.rule))
            return
        self._do(edit)
        assert any(f.dismissed and f.rule == finding.rule for f in check(self.report))

    @rule(data=st.data())
    def reinstate_a_finding(self, data: st.DataObject) -> None:
        dismissed = [f for f in check(self.report) if f.dismissed]
        if dismissed:
            self._do(acceptance.reinstate(self.report, data.draw(st.sampled_from(dismissed))))

    # -- history ---------------------------------------------------------------------------------

    @precondition(lambda self: bool(self.done))
    @rule(steps=st.integers(1, 5))
    def undo(self, steps: int) -> None:
        for _ in range(min(steps, len(self.done))):
            edit = self.done.pop()
            edit.revert(self.report)
            self.undone.append(edit)

    @precondition(lambda self: bool(self.undone))
    @rule(steps=st.integers(1, 5))
    def redo(self, steps: int) -> None:
        for _ in range(min(steps, len(self.undone))):
            edit = self.undone.pop()
            edit.apply(self.report)
            self.done.append(edit)

    # -- files -----------------------------------------------------------------------------------

    @rule(reopen=st.booleans())
    def save_and_load(self, reopen: bool) -> None:
        """Save through storage (atomic, verified, backed up) and load: the same report comes back.

        ``reopen`` carries on with the loaded copy and the same history, as if the clerk had
        closed and reopened the file: the history must fit the loaded report exactly.
        """
        self.saves += 1
        path = self.folder / f"报告{self.saves % 3}.giedit"
        storage.save(self.report, path)
        loaded = storage.load(path)
        assert loaded == self.report
        assert canonical(loaded) == canonical(self.report)
        if reopen:
            self.report = loaded

    @rule(data=st.data(), source=st.sampled_from(["giedit", "import"]), switch=st.booleans())
    def roll_forward_to_next_year(self, data: st.DataObject, source: str, switch: bool) -> None:
        """用上年报告新建: last year's report is untouched; the new one becomes a new document."""
        before = canonical(self.report)
        year = data.draw(st.one_of(st.none(), st.integers(self.report.year - 1, self.report.year + 3)))
        wanted = self.report.year + 1 if year is None else year
        try:
            rolled = roll_forward(self.report, year, source)  # type: ignore[arg-type]
        except RollForwardError as err:
            assert not self.report.year < wanted <= MAX_YEAR, err
            return
        assert canonical(self.report) == before
        new = rolled.report
        assert new.year == wanted
        if wanted == self.report.year + 1:
            assert new.previous is not None and new.previous.year == self.report.year
            assert new.previous.cells == self.report.cells
        else:  # a report years back is no 上年: nothing of its figures carries, and the clerk is told
            assert new.previous is None and any("中间隔了" in w for w in rolled.warnings)
            fmt = new.definition
            carried_in = [
                c for t in fmt.tables for k in t.carries for c in fmt.layout(t.id).row(k.target).cell_ids
            ]
            assert all(is_blank(new.cells.get(c)) for c in carried_in) and new.baseline_in_force == {}
        assert all(isinstance(line, str) for line in rolled.lines())
        check(new)
        assert storage.loads(storage.dumps(new)) == new
        if switch:
            self._open(new)

    # -- what must always hold -------------------------------------------------------------------

    @invariant()
    def the_rules_never_raise(self) -> None:
        for finding in check(self.report, deadline=self.deadline):
            assert finding.rule in RULES and finding.message

    @invariant()
    def the_report_survives_a_save(self) -> None:
        again = storage.loads(storage.dumps(self.report))
        assert again == self.report
        assert canonical(again) == canonical(self.report)

    @invariant()
    def undoing_everything_gives_the_original(self) -> None:
        now = canonical(self.report)
        for edit in reversed(self.done):
            edit.revert(self.report)
        assert canonical(self.report) == self.original
        for edit in self.done:
            edit.apply(self.report)
        assert canonical(self.report) == now

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


ClerkSession.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
test_a_clerk_session_loses_nothing = ClerkSession.TestCase
