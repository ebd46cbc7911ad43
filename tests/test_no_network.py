"""giedit never touches the network: offline office PCs, and reports that must not leave them.

Python-level socket creation and name resolution are replaced by a guard that records the
attempt and raises, around a whole editor session (start-up with a sample, typing, undo and redo,
saving, both exports through the API, the print preview's in-memory PDF, importing a published
report, rolling forward, reopening) and around every CLI command run in-process through
``giedit.cli.main``. The guard records attempts as well as raising, so an attempt that some
library catches and swallows still fails the test.

Qt's own networking would bypass Python's ``socket``, so a second test runs an editor session in
a fresh interpreter (where no other test has imported anything) and asserts that
``PySide6.QtNetwork`` was never imported.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from paths import ROOT, SAMPLES, SHARED

from giedit import cli

SAMPLE = sorted(SAMPLES.glob("*.giedit"))[-1]  # the newest shipped sample, as the self-test uses
TEXT_SAMPLE = SHARED / "samples" / "published-2020" / "000_a0d2e33a19df39b4.txt"
DOCX_SAMPLE = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"
GUARDED = (
    "create_connection",
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname_ex",
    "gethostbyaddr",
    "socketpair",
)


class NetworkAttempt(AssertionError):
    """Raised in place of a socket: giedit tried to reach a network."""


def install_guard(attempts: list[str], setattr_: Callable[[Any, str, Any], None]) -> None:
    """Replace socket creation and name resolution by functions that record and raise.

    ``socket.socket`` becomes a subclass (not a function) so that modules imported later, which
    subclass it (``ssl``), still import; creating one is what fails.
    """

    def refuse(name: str) -> Callable[..., Any]:
        def refused(*args: object, **kwargs: object) -> Any:
            attempts.append(f"socket.{name}{args!r}")
            raise NetworkAttempt(f"giedit tried socket.{name}{args!r}")

        return refused

    class RefusedSocket(socket.socket):
        def __init__(self, *args: object, **kwargs: object) -> None:
            refuse("socket")(*args, **kwargs)

    setattr_(socket, "socket", RefusedSocket)
    for name in GUARDED:
        setattr_(socket, name, refuse(name))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []
    install_guard(attempts, monkeypatch.setattr)
    yield attempts
    assert attempts == [], f"network attempts: {attempts}"


def test_the_guard_catches_a_connection(no_network: list[str]) -> None:
    """The guard itself works: without this, a broken guard would pass every other test."""
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("example.org", 80))
    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(no_network) == 2
    no_network.clear()


def editor_session(folder: Path) -> None:
    """What a clerk does in one sitting, through the editor's own objects (offscreen).

    Runs both inside pytest (with pytest-qt's QApplication) and in a fresh interpreter.
    """
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []  # a message box would block the session: record it, answer 不保存, fail below

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        return QMessageBox.StandardButton.Discard.value

    exec_ = QMessageBox.exec
    QMessageBox.exec = answer  # type: ignore[method-assign, assignment]
    try:
        _session(folder)
    finally:
        QMessageBox.exec = exec_  # type: ignore[method-assign]
    assert shown == [], shown


def _session(folder: Path) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtWidgets import QApplication

    from giedit.export import export_docx, export_pdf, pdf_bytes
    from giedit.importers import import_file
    from giedit.importers.start import start_from_last
    from giedit.model import edits
    from giedit.ui.app import start
    from giedit.ui.pages import TablePage

    window = start([str(SAMPLE)])
    app = QApplication.instance()
    assert app is not None
    document = window.document
    page = next(p for p in window.pages.values() if isinstance(p, TablePage))
    window.navigator.select_part(page.section_id)
    cell = next(c.id for c in page.model.layout.cells if edits.is_input(document.report, c.id))
    assert page.model.setData(page.model.index_of(cell), "7", Qt.ItemDataRole.EditRole)
    document.push(edits.insert_paragraph(document.report, "overview", 0, text="本年度工作概述。"), "另起一段")
    window.undo_action.trigger()
    window.redo_action.trigger()
    app.processEvents()
    saved = folder / "报告.giedit"
    assert window.save_to(saved)
    export_docx(document.report, folder / "报告.docx")
    export_pdf(document.report, folder / "报告.pdf")
    preview = pdf_bytes(document.report, draft=True)
    try:  # the print preview reads the PDF from memory with QtPdf, where it is installed
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        pass
    else:
        buffer = QBuffer()
        buffer.setData(QByteArray(preview))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        pdf = QPdfDocument()
        pdf.load(buffer)
        assert pdf.pageCount() > 0
    if TEXT_SAMPLE.exists():
        assert import_file(TEXT_SAMPLE).report.cells
    if DOCX_SAMPLE.exists():
        assert import_file(DOCX_SAMPLE).report.cells
    assert start_from_last(saved).rolled.report.year == document.report.year + 1
    assert window.open_path(saved)
    app.processEvents()
    window.close()
    window.deleteLater()
    app.processEvents()


def test_an_editor_session_stays_offline(
    no_network: list[str], qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs the crash dialog
    editor_session(tmp_path)


def _commands(tmp: Path) -> list[list[str]]:
    """Every CLI command, with the options that change what it does."""
    sample = str(SAMPLE)
    commands = [
        ["--version"],
        ["--help"],
        ["check", sample],
        ["check", "--json", sample, str(SAMPLES / "2020-baji.giedit")],
        ["check", "--jobs", "2", sample, str(SAMPLES / "2020-baji.giedit")],
        ["dump", sample],
        ["new", "--year", "2025", "--body", "某某镇人民政府", "-o", str(tmp / "new.giedit")],
        ["new", "--from", sample, "-o", str(tmp / "rolled.giedit")],
        ["new", "--from", sample, "--json", "-o", str(tmp / "rolled-json.giedit")],
        ["export", sample, "-o", str(tmp / "out.docx")],
        ["export", sample, "--draft", "-o", str(tmp / "out.pdf")],
        ["review", str(SAMPLES), "-j", "1", "-o", str(tmp / "审核结果.xlsx")],
        ["review", str(SAMPLES), "-j", "1", "--json", "-o", str(tmp / "审核结果.xlsx")],
        ["--self-test"],
    ]
    for source in (TEXT_SAMPLE, DOCX_SAMPLE):
        if source.exists():
            stem = source.suffix[1:]
            commands.append(["import", str(source), "-o", str(tmp / f"imported-{stem}.giedit")])
            commands.append(
                ["import", "--json", str(source), "-o", str(tmp / f"imported-{stem}-json.giedit")]
            )
            commands.append(["new", "--from", str(source), "-o", str(tmp / f"from-{stem}.giedit")])
    return commands


def test_every_cli_command_stays_offline(
    no_network: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in _commands(tmp_path):
        try:
            status = cli.main(command)
        except SystemExit as done:  # --version and --help end through argparse
            status = done.code
        out = capsys.readouterr()
        assert status in (0, 1), (command, out.err)
        assert "Traceback" not in out.err, (command, out.err)


def test_pyside6_qtnetwork_is_never_imported(tmp_path: Path) -> None:
    """In a fresh interpreter, so that no other test's imports can hide or cause a QtNetwork import."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import test_no_network as t\n"
        "attempts = []\n"
        "t.install_guard(attempts, setattr)\n"
        "t.editor_session(Path(sys.argv[1]))\n"
        "net = sorted(m for m in sys.modules if 'QtNetwork' in m)\n"
        "print(json.dumps({'attempts': attempts, 'qtnetwork': net, 'pyside6': sorted(m for m in sys.modules"
        " if m.startswith('PySide6.Qt'))}))\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["attempts"] == []
    assert "PySide6.QtWidgets" in result["pyside6"]  # the session really ran the Qt editor
    assert result["qtnetwork"] == [], result["qtnetwork"]
