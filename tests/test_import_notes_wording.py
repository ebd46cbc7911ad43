"""Import notes that read well (issue 16, item 6): group titles without rule ids (those are in the
tooltips), the counts in the summary line agree with the group headings, and no note for a
number that reads exactly as printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from paths import SHARED
from pytestqt.qtbot import QtBot

from giedit.importers import NoteKind, import_file
from giedit.ui.exchange import ImportReportDialog, import_groups

SOURCES = sorted((SHARED / "samples").glob("*/*.txt")) + sorted((SHARED / "samples").glob("*/*.docx"))
RULE_ID = re.compile(r"\b[A-Z]\d?[a-z]?-[EW]\d+\b")


@pytest.mark.skipif(not SOURCES, reason="the shared samples are not beside the clone")
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_titles_and_counts(source: Path, qtbot: QtBot) -> None:
    result = import_file(source)
    summary = result.summary()
    groups = {g.title: g for g in import_groups(result)}
    assert not any(RULE_ID.search(title) for title in groups), list(groups)
    assert f"规范化 {groups['规范化'].count} 处" in summary
    assert f"变体匹配 {groups['变体匹配'].count} 处" in summary
    assert f"空白或无法读取 {groups['空白或无法读取的单元格'].count} 格" in summary
    total = len(result.report.definition.cells)
    read = groups["读到的单元格"].count + groups["规范化"].count
    assert f"读取单元格 {read}/{total}" in summary
    # a normalisation note only where the printed text differs from what the editor shows
    for note in result.of_kind(NoteKind.NORMALISED):
        assert note.source is not None and note.source.strip() not in note.message.rsplit("读作 ", 1)[1]
    dialog = ImportReportDialog(result)
    qtbot.addWidget(dialog)
    tops = [dialog.view.tree.topLevelItem(i) for i in range(dialog.view.tree.topLevelItemCount())]
    assert [t.text(0) for t in tops] == [g.heading for g in groups.values()]
    assert "G-W1" in dialog.view.group_item("规范化").toolTip(0)
