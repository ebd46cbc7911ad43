"""What the editor loads before its window shows a report (issue 17): only what that window needs.

The exporters, importers, the table form, the roll-forward and OpenSSL each load on first use.
Run in a fresh process, as a clerk starts giedit, with a sample report; then the first table shown
loads the table form, so the list below is checked against a path that really loads them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from paths import SAMPLES

NOT_AT_START = (
    "reportlab",
    "docx",
    "lxml",
    "PIL",
    "openpyxl",
    "PySide6.QtPdf",
    "_hashlib",
    "giedit.importers",
    "giedit.export.pdf_writer",
    "giedit.export.docx_writer",
    "giedit.model.rollforward",
    "giedit.model.register_counts",
    "giedit.ui.pages",
    "giedit.ui.table_model",
    "giedit.ui.exchange",
    "giedit.ui.start_page",
)

CHILD = """
import json, sys
from PySide6.QtWidgets import QApplication
from giedit.ui.app import start
window = start([sys.argv[1]])
QApplication.processEvents()
watched = json.loads(sys.argv[2])
at_start = [m for m in watched if m in sys.modules]
shown = window.isVisible() and window.document.path is not None
window.navigator.select_part("requests")
QApplication.processEvents()
after_table = [m for m in watched if m in sys.modules]
print(json.dumps({"shown": shown, "at_start": at_start, "after_table": after_table}))
window.document.undo_stack.setClean()
"""


def test_the_first_window_loads_no_exporter_importer_or_table_form(tmp_path: Path) -> None:
    sample = tmp_path / "report.giedit"
    shutil.copyfile(sorted(SAMPLES.glob("*.giedit"))[-1], sample)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GIEDIT_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(sample), json.dumps(NOT_AT_START)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["shown"]
    assert result["at_start"] == []
    assert {"giedit.ui.pages", "giedit.ui.table_model"} <= set(result["after_table"])


def test_the_startup_probe_reports_the_drawn_window_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """``GIEDIT_STARTUP_PROBE`` (how the benchmarks time the real program, frozen too): the
    ``giedit FILE`` command prints its line once the window is drawn and quits cleanly."""
    sample = tmp_path / "report.giedit"
    shutil.copyfile(sorted(SAMPLES.glob("*.giedit"))[-1], sample)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        GIEDIT_DATA_DIR=str(tmp_path / "data"),
        GIEDIT_STARTUP_PROBE="1",
    )
    out = subprocess.run(
        [sys.executable, "-m", "giedit", str(sample)], capture_output=True, text=True, timeout=120, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["giedit: window ready"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.giedit"]  # no lock left
