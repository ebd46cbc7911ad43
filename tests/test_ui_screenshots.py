"""Screenshots of every part at 1366x768 (基本信息, 一 … 六), for a 2019 and a 2021 report.

The PNGs go to $GIEDIT_SHOTS (default: out/shots, which git ignores) for a person to look at; the
tests themselves check what can be measured: table 三 fits the width, nothing in a table is cut
off, every paragraph editor shows all of its text, and the 基本信息 form fits without scrolling.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs  # noqa: F401 (autouse: no dialog waits for a person)

from giedit.model.edits import input_grid, paste
from giedit.model.report import new_report
from giedit.model.storage import load
from giedit.ui.app import install_translations
from giedit.ui.document import Document
from giedit.ui.fonts import install_fonts
from giedit.ui.info_form import InfoForm
from giedit.ui.main_window import MainWindow
from giedit.ui.pages import SectionPage
from giedit.ui.parts import PARTS
from giedit.ui.table_view import TableFormView

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


def _shots() -> Path:
    shots = Path(os.environ.get("GIEDIT_SHOTS") or ROOT / "out" / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _document(format_id: str) -> Document:
    """A shipped sample in this format, else a new report filled with numbers."""
    for path in sorted(SAMPLES.glob("*.giedit")):
        report = load(path)
        if report.format == format_id:
            return Document(report, path)
    report = new_report(2020 if format_id == "2019" else 2024, "某某镇人民政府")
    for table in report.definition.tables:
        rows = input_grid(report, table.id)
        block = "\n".join("\t".join(str(r + c) for c in range(len(row))) for r, row in enumerate(rows))
        edit = paste(report, table.id, rows[0][0], block).edit
        assert edit is not None
        edit.apply(report)
    return Document(report)


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_table_screenshots(qapp: QApplication, qtbot: QtBot, format_id: str) -> None:
    shots = _shots()
    install_fonts(qapp)
    win = MainWindow(_document(format_id))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    for part in ("active", "requests", "appeals"):
        win.navigator.select_part(part)
        QApplication.processEvents()
        view: TableFormView = win.pages[part].view  # type: ignore[attr-defined]
        out = shots / f"table-{format_id}-{part}.png"
        assert win.grab().save(str(out))
        if part == "requests":  # the long （六） labels of 2021 sit at the bottom
            view.scrollToBottom()
            assert win.grab().save(str(out.with_name(f"table-{format_id}-{part}-bottom.png")))
        if part != "appeals":
            assert view.horizontalScrollBar().maximum() == 0, f"{part} scrolls sideways at 1366x768"
        for g in view.form.layout.grid:  # every printed text has the room it needs
            index = view.form.index(g.row, g.col)
            rect = view.visualRect(index)
            hint = view.fontMetrics().boundingRect(
                0, 0, rect.width() - 8, 10000, int(Qt.TextFlag.TextWordWrap), g.text
            )
            assert hint.height() <= rect.height(), f"{g.text!r} is cut off"


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_every_part_screenshots(qapp: QApplication, qtbot: QtBot, format_id: str) -> None:
    install_fonts(qapp)
    install_translations(qapp)
    document = _document(format_id)
    document.report.section("problems").carried = True  # show the 待修改 mark too
    document.refresh()
    win = MainWindow(document)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    shots = _shots()
    for part, name in PARTS:
        win.navigator.select_part(part)
        QApplication.processEvents()
        assert win.grab().save(str(shots / f"part-{format_id}-{part}.png")), name
        page = win.pages[part]
        editors = [page.preamble] if isinstance(page, InfoForm) else []
        if isinstance(page, SectionPage):
            editors.append(page.editor)
        for editor in editors:
            assert editor.scroll.horizontalScrollBar().maximum() == 0
            for row in editor.rows:  # every paragraph shows all of its lines
                need = row.edit.document().size().height()
                assert row.edit.viewport().height() >= need - 1, (
                    f"{part}: {row.edit.toPlainText()[:20]} is cut off"
                )
        if isinstance(page, InfoForm):
            form = page.findChild(QScrollArea)
            assert form is not None and form.verticalScrollBar().maximum() == 0, "基本信息 needs scrolling"
