"""Every item model of the editor passes Qt's model tester, for both format versions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from giedit.model.edits import enter
from giedit.model.report import new_report
from giedit.ui.checks_panel import FindingsModel
from giedit.ui.document import Document
from giedit.ui.navigator import PartsModel
from giedit.ui.table_model import TableFormModel


@pytest.mark.parametrize("year", [2019, 2024])
@pytest.mark.parametrize("table", ["active", "requests", "appeals"])
def test_table_models(qapp: object, qtmodeltester: ModelTester, year: int, table: str) -> None:
    document = Document(new_report(year))
    model = TableFormModel(document, table)
    qtmodeltester.check(model, force_py=True)
    cid = model.layout.rows[0].cell_ids[0]
    assert model.setData(model.index_of(cid), "3")
    assert model.index_of(cid).data() == "3"
    assert not model.setData(model.index_of(cid), "x")
    document.undo_stack.undo()
    assert model.index_of(cid).data() == ""


def test_table_model_grid_matches_the_layout() -> None:
    document = Document(new_report(2024))
    model = TableFormModel(document, "requests")
    layout = model.layout
    assert (model.rowCount(), model.columnCount()) == (layout.n_rows, layout.n_cols)
    header = model.index(0, 0)
    assert header.data() == next(g.text for g in layout.grid if g.row == 0 and g.col == 0)
    assert not header.flags() & Qt.ItemFlag.ItemIsEnabled
    total = model.index_of("requests.new.total")
    assert total.flags() & Qt.ItemFlag.ItemIsSelectable and not total.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.index_of("requests.new.natural").flags() & Qt.ItemFlag.ItemIsEditable
    assert model.index_of("appeals.cases.review_total").isValid() is False
    align = Qt.AlignmentFlag(model.index_of("requests.new.natural").data(Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight


def test_findings_model(qapp: object, qtmodeltester: ModelTester) -> None:
    document = Document(new_report(2024))
    findings = FindingsModel(document)
    qtmodeltester.check(findings, force_py=True)
    document.push(enter(document.report, "requests.new.natural", "5"), "填写数字")
    document.undo_stack.undo()
    assert findings.rowCount() == len(document.findings)
    assert findings.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).split(" · ")[1].startswith("错误")


def test_parts_model(qapp: object, qtmodeltester: ModelTester) -> None:
    document = Document(new_report(2024))
    parts = PartsModel(document)
    qtmodeltester.check(parts, force_py=True)
    document.push(enter(document.report, "requests.new.natural", "5"), "填写数字")
    assert parts.rowCount() == 7


def test_part_findings_model(qapp: object, qtmodeltester: ModelTester) -> None:
    report = new_report(2024)
    report.section("problems").carried = True
    document = Document(report)
    findings = FindingsModel(document, "problems")
    qtmodeltester.check(findings, force_py=True)
    assert {f.section for f in findings.findings()} == {"problems"}
    assert {f.rule for f in findings.findings()} >= {"N-W15"}
