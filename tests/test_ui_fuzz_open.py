"""The editor never dies on a file ``check`` accepts (issue 14): fuzzed report files that load are
opened in the real window, every part shown, without an error dialog or an exception; a year
outside 2019–2100 is shown as it is, with its error, and never clamped.

Damage comes from two sources: the tree mutations of tests/test_fuzz.py (any JSON anywhere), and
values aimed at what the editor must display (years past a C long, counts of 1e300, ``true``,
NaN, text of hundreds of characters). ``GIEDIT_FUZZ_EXAMPLES`` scales the number of examples (a
window takes about half a second to build here).
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_fuzz import MUTATION, NAMES, _mutate, _text
from ui_support import answer_dialogs, answers  # noqa: F401

from giedit.checks import check
from giedit.model import storage
from giedit.model.bounds import year_in_range
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.parts import PART_IDS

EXAMPLES = max(12, int(os.environ.get("GIEDIT_FUZZ_EXAMPLES", "60")) // 3)
WINDOWS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)

YEARS = st.one_of(
    st.sampled_from(
        [2019, 2100, 2018, 2101, 1999, 2150, 0, -1, 2**31, 3000000000, 2**63, 99999999999999999999]
    ),
    st.integers(-(10**30), 10**30),
)
NUMBERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**25), 10**25),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e300, -1e300, 2**64, 10**9, 10**9 + 1, 0.5, -0.0]),
    st.text(max_size=12),
)
CELL_VALUES = st.one_of(
    NUMBERS, st.fixed_dictionaries({"amount": NUMBERS, "unit": st.sampled_from([None, "元", "万元", "里"])})
)
TEXT = st.one_of(st.text(max_size=40), st.text(min_size=200, max_size=600), st.sampled_from(["", "青" * 300]))


def _aimed(
    doc: dict[str, Any], year: int, cells: list[tuple[int, Any]], texts: list[tuple[int, str]]
) -> None:
    report = doc["report"]
    report["year"] = year
    ids = sorted(report["cells"])
    for at, value in cells:
        report["cells"][ids[at % len(ids)]] = value
    fields = [("title",), ("period",), ("signature",), ("body", "name"), ("contact", "phone")]
    for at, text in texts:
        path = fields[at % len(fields)]
        target = report
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = text


def _open_and_show_every_part(qtbot: QtBot, report: Any) -> MainWindow:
    asked = len(answers().asked)
    win = MainWindow(Document(report))
    qtbot.addWidget(win)
    win.show()
    for part in PART_IDS:
        win.navigator.select_part(part)
        QApplication.processEvents()
    assert answers().asked[asked:] == []  # no error dialog, no question
    return win


@WINDOWS
@given(
    name=st.sampled_from(NAMES),
    year=YEARS,
    cells=st.lists(st.tuples(st.integers(0, 10**6), CELL_VALUES), max_size=6),
    texts=st.lists(st.tuples(st.integers(0, 10**6), TEXT), max_size=3),
    mutations=st.lists(MUTATION, max_size=2),
)
def test_fuzzed_files_that_load_open_in_the_editor_without_an_error_dialog(
    qtbot: QtBot,
    name: str,
    year: int,
    cells: list[tuple[int, Any]],
    texts: list[tuple[int, str]],
    mutations: list[Any],
) -> None:
    doc = copy.deepcopy(json.loads(_text(name)))
    _aimed(doc, year, cells, texts)
    for mutation in mutations:
        _mutate(doc, *mutation)
    try:
        report = storage.loads(json.dumps(doc, allow_nan=True), "「x.giedit」")
    except storage.FileError:
        assume(False)  # refused on load: test_fuzz.py covers the message
        return
    list(check(report))  # `check` accepts it (exit 0 or 1, never a crash)
    win = _open_and_show_every_part(qtbot, report)
    box = win.pages["info"].year
    if not year_in_range(report.year):
        assert str(report.year) in box.text() and win.document.report.year == report.year
        assert "F-E2" in {f.rule for f in win.document.findings}
    win.document.flush()  # what a save or the recovery copy does first: nothing is clamped
    assert win.document.report.year == report.year
    win.close()


@pytest.mark.parametrize("year", [3000000000, 99999999999999999999, 1999, 2150])
def test_an_out_of_range_year_is_shown_as_it_is_until_the_clerk_picks_one(qtbot: QtBot, year: int) -> None:
    doc = json.loads(_text(NAMES[-1]))
    doc["report"]["year"] = year
    report = storage.loads(json.dumps(doc), "「x.giedit」")
    win = _open_and_show_every_part(qtbot, report)
    win.navigator.select_part("info")
    box = win.pages["info"].year
    assert box.text() == f"{year} 年（超出范围）"
    assert f"报告年度 {year} 不在 2019—2100 年之间" in win.pages["info"].format_label.text()
    assert not win.document.modified
    win.document.flush()
    assert win.document.report.year == year and not win.document.modified  # not clamped on flush
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Up)  # the first step is the first year of the range
    box.clearFocus()
    assert win.document.report.year == 2019 and win.document.modified
    assert box.text() == "2019 年" and box.minimum() == 2019
    win.undo()
    assert win.document.report.year == year and box.text() == f"{year} 年（超出范围）"
