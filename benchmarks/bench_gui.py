"""Editor start-up and typing latency, in one run: ``uv run python benchmarks/bench_gui.py``.

Start-up is measured from process start to an editable window with a sample report loaded, next
to a bare QApplication + QMainWindow, each in a fresh process (offscreen), median of several
runs; then the same for the program as a clerk starts it, ``python -m giedit FILE`` and the frozen
bundle's ``dist/giedit/giedit FILE`` (when built), which print a line once their first window is
drawn (``GIEDIT_STARTUP_PROBE``, ui/app.py). Typing latency is one digit typed into a cell of table 三 and committed with Enter, until
the checks panel has been updated (and until the window has repainted).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


def _sample() -> Path:
    """A copy of the newest shipped sample in a temporary folder, or a new report written there.

    A copy: the editors these benchmarks start are killed, and an editor leaves its lock file
    (.~lock.NAME#) beside what it opened; the shipped samples must stay as they are."""
    folder = Path(tempfile.mkdtemp(prefix="giedit-bench-"))
    found = sorted(SAMPLES.glob("*.giedit"))
    if found:
        path = folder / found[-1].name
        shutil.copyfile(found[-1], path)
        return path
    sys.path.insert(0, str(ROOT))
    from giedit.model.report import new_report
    from giedit.model.storage import save

    path = folder / "sample.giedit"
    save(new_report(2024, "某某镇人民政府"), path)
    return path


# -- what runs in the child processes ----------------------------------------------------------


def _child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.show()
    QTimer.singleShot(0, lambda: _ready(app))
    app.exec()


def _child_screen(sample: str, out: str) -> None:
    """Write what the editor's first window shows (texts by kind of widget, size) for ``_child_qt``."""
    from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QListView, QTextEdit

    from giedit.ui.app import start

    window = start([sample])
    QApplication.processEvents()
    shown = [w for cls in (QLabel, QLineEdit, QTextEdit, QComboBox) for w in window.findChildren(cls)]
    shown = [w for w in shown if w.isVisible()]
    lists = [w.model() for w in window.findChildren(QListView) if w.isVisible() and w.model() is not None]
    screen = {
        "size": [window.width(), window.height()],
        "font": QApplication.font().families(),
        "menus": [a.text() for a in window.menuBar().actions()],
        "tools": len(window.toolbar.actions()),
        "labels": [w.text() for w in shown if isinstance(w, QLabel) and w.text()],
        "fields": [w.text() for w in shown if isinstance(w, QLineEdit)],
        "choices": [w.currentText() for w in shown if isinstance(w, QComboBox)],
        "texts": [w.toPlainText() for w in shown if isinstance(w, QTextEdit)],
        "items": [str(m.index(i, 0).data()) for m in lists for i in range(m.rowCount())],
    }
    Path(out).write_text(json.dumps(screen, ensure_ascii=False), encoding="utf-8")
    window.document.undo_stack.setClean()


def _child_qt(screen_file: str) -> None:
    """Qt alone drawing what the editor's first window shows: the same menus, toolbar (standard
    icons), list items, labels, fields, choices and text boxes, in the same font and a window of
    the same size, with no giedit code. What any editor of this window costs before its own code
    runs."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QApplication,
        QComboBox,
        QDockWidget,
        QFormLayout,
        QLabel,
        QLineEdit,
        QListWidget,
        QMainWindow,
        QSplitter,
        QStyle,
        QTextEdit,
        QWidget,
    )

    screen = json.loads(Path(screen_file).read_text(encoding="utf-8"))
    app = QApplication(sys.argv[:1])
    font = app.font()
    font.setFamilies(screen["font"])  # the editor's UI font (a system CJK sans), not Qt's default
    app.setFont(font)
    window = QMainWindow()
    for title in screen["menus"]:
        window.menuBar().addMenu(title)
    bar = window.addToolBar("tools")
    icon = app.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton)
    for i in range(screen["tools"]):
        bar.addAction(QAction(icon, f"{i}", window))
    form = QWidget()
    layout = QFormLayout(form)
    for text in screen["labels"]:
        layout.addRow(QLabel(text))
    for text in screen["fields"]:
        layout.addRow(QLineEdit(text))
    for text in screen["choices"]:
        box = QComboBox()
        box.addItem(text)
        layout.addRow(box)
    for text in screen["texts"]:
        layout.addRow(QTextEdit(text))
    items = QListWidget()
    items.addItems(screen["items"])
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(items)
    splitter.addWidget(form)
    window.setCentralWidget(splitter)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, QDockWidget("dock"))
    window.statusBar().addPermanentWidget(QLabel(" "))
    window.resize(*screen["size"])
    window.show()
    QTimer.singleShot(0, lambda: _ready(app))
    app.exec()


def _child_editor(sample: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from giedit.ui.app import start

    window = start([sample])
    app = QApplication.instance()
    assert isinstance(app, QApplication) and window.document.path is not None
    QTimer.singleShot(0, lambda: _ready(app))
    app.exec()


def _ready(app: object) -> None:
    """Let pending paints happen, then tell the parent; also say whether exporters were loaded,
    and the peak memory so far (bench_memory reads it for the Qt-alone window)."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    heavy = sorted(m for m in ("docx", "reportlab") if m in sys.modules)
    print(json.dumps({"ready": True, "heavy": heavy, "peak_kb": peak_kb()}), flush=True)
    QApplication.quit()


def peak_kb() -> int | None:
    """This process's peak resident set in KiB (Linux), else ``None``."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
    return int(line.split()[1]) if line else None


def _child_latency(sample: str, count: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from giedit.ui.app import start

    window = start([sample])
    app = QApplication.instance()
    assert app is not None
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.navigator.select_part("requests")
    view = window.pages["requests"].view  # type: ignore[attr-defined]
    panel_model = window.checks.list.model()
    updated: list[float] = []
    panel_model.modelReset.connect(lambda: updated.append(time.perf_counter()))
    cell = view.form.index_of("requests.new.natural")
    checked, painted = [], []
    for i in range(count):
        view.setFocus()
        view.setCurrentIndex(cell)
        app.processEvents()
        updated.clear()
        t0 = time.perf_counter()
        QTest.keyClick(view, str(1 + i % 9))
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert updated, "the checks panel was not updated"
        checked.append(updated[0] - t0)
        view.viewport().repaint()
        window.checks.list.viewport().repaint()
        painted.append(time.perf_counter() - t0)
    print(json.dumps({"checked": checked, "painted": painted}), flush=True)


# -- the parent --------------------------------------------------------------------------------


_CACHE = tempfile.mkdtemp(prefix="giedit-bench-")


def _env() -> dict[str, str]:
    """Offscreen, and with a bytecode cache as an installed app has one.

    Compiling every module from source (PYTHONDONTWRITEBYTECODE, as in some dev shells) would
    add about half a second that no clerk ever waits for; the cache goes to a temporary folder.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=_CACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("GIEDIT_DATA_DIR", _CACHE)
    return env


READY = "giedit: window ready"  # what the program prints under GIEDIT_STARTUP_PROBE (ui/app.py)
FROZEN = ROOT / "dist" / "giedit" / "giedit"  # packaging/build_linux.sh


def _time_start(args: list[str]) -> tuple[float, list[str]]:
    """Seconds from spawning the child until it reports an editable window."""
    elapsed, line = _time_command([sys.executable, __file__, *args], "{")
    return elapsed, json.loads(line)["heavy"]


def _time_command(cmd: list[str], marker: str) -> tuple[float, str]:
    """Seconds from spawning ``cmd`` until it prints a line starting with ``marker``, and the line."""
    env = dict(_env(), GIEDIT_STARTUP_PROBE="1")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - t0
            break
    else:
        raise SystemExit(f"{cmd} exited without a window")
    proc.wait()
    return elapsed, line


def program_start(runs: int, sample: str, program: list[str]) -> list[float]:
    """The start of giedit as a clerk runs it (``program FILE``, through the command line), to the
    first drawn window: the ``giedit`` command, or the frozen bundle's executable."""
    _time_command([*program, sample], READY)  # warm the caches
    return [_time_command([*program, sample], READY)[0] for _ in range(runs)]


def first_screen(sample: str) -> Path:
    """A file describing what the editor's first window shows with ``sample``, for ``_child_qt``."""
    screen = Path(tempfile.mkdtemp(prefix="giedit-bench-")) / "screen.json"
    cmd = [sys.executable, __file__, "--child", "screen", "--sample", sample, "--out", str(screen)]
    subprocess.run(cmd, env=_env(), check=True, capture_output=True)
    return screen


@dataclass
class StartUp:
    """Seconds from spawning a process to an editable window, one entry per run."""

    sample: str
    bare: list[float]
    qt: list[float]  # Qt alone drawing what the editor's first window shows (``_child_qt``)
    editor: list[float]
    heavy: list[str]  # exporter libraries the editor imported at start-up (should be none)
    command: list[float]  # ``python -m giedit FILE``: the same, through the command line
    frozen: list[float] | None  # ``dist/giedit/giedit FILE`` when the bundle has been built


def startup(runs: int = 7, sample: str | None = None) -> StartUp:
    """Start a bare window and the editor with a sample ``runs`` times each, after one warm-up."""
    sample = sample or str(_sample())
    _time_start(["--child", "bare"])  # warm the file and bytecode caches once
    _time_start(["--child", "editor", "--sample", sample])
    bare = [_time_start(["--child", "bare"])[0] for _ in range(runs)]
    screen = first_screen(sample)
    _time_start(["--child", "qt", "--out", str(screen)])
    qt = [_time_start(["--child", "qt", "--out", str(screen)])[0] for _ in range(runs)]
    editor, heavy = [], []
    for _ in range(runs):
        seconds, heavy = _time_start(["--child", "editor", "--sample", sample])
        editor.append(seconds)
    command = program_start(runs, sample, [sys.executable, "-m", "giedit"])
    frozen = program_start(runs, sample, [str(FROZEN)]) if FROZEN.is_file() else None
    return StartUp(sample, bare, qt, editor, heavy, command, frozen)


@dataclass
class Latency:
    """Seconds per keystroke until the checks panel was updated, and until it was repainted."""

    checked: list[float]
    painted: list[float]
    exit_code: int  # the child's, after it reported: not 0 means it crashed on the way out
    stderr_tail: str


def latency(keys: int = 40, sample: str | None = None) -> Latency:
    """Type ``keys`` digits into a cell of table 三 in a fresh editor process and time each one.

    The figures count as soon as the child has printed them; a crash after that (on exit) is
    returned, not raised, so that it is reported next to the figures instead of hiding them.
    """
    sample = sample or str(_sample())
    out = subprocess.run(
        [sys.executable, __file__, "--child", "latency", "--sample", sample, "--keys", str(keys)],
        env=_env(),
        capture_output=True,
        text=True,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"the latency child failed ({out.returncode}): {out.stderr[-1500:]}")
    times = json.loads(lines[-1])
    errors = [
        line
        for line in out.stderr.splitlines()
        if line.strip() and "This plugin does not support" not in line
    ]
    return Latency(times["checked"], times["painted"], out.returncode, "\n".join(errors)[-300:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--sample", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        return _child_bare()
    if args.child == "editor":
        return _child_editor(args.sample)
    if args.child == "screen":
        return _child_screen(args.sample, args.out)
    if args.child == "qt":
        return _child_qt(args.out)
    if args.child == "latency":
        return _child_latency(args.sample, args.keys)

    started = startup(args.runs)
    typed = latency(args.keys, started.sample)
    ms = 1000
    b, e = statistics.median(started.bare) * ms, statistics.median(started.editor) * ms
    print(
        f"giedit GUI benchmark (offscreen, {args.runs} runs each, medians; sample {Path(started.sample).name})"
    )
    print(f"  bare QApplication + QMainWindow shown      {b:7.0f} ms")
    q = statistics.median(started.qt) * ms
    print(f"  Qt alone drawing the same first window     {q:7.0f} ms   ({q / b:.2f}x bare)")
    print(f"  giedit, sample loaded, window editable     {e:7.0f} ms   ({e / b:.2f}x bare)")
    c = statistics.median(started.command) * ms
    print(f"  ... as the giedit command (python -m)      {c:7.0f} ms   ({c / b:.2f}x bare)")
    if started.frozen:
        f = statistics.median(started.frozen) * ms
        print(f"  ... as the frozen bundle ({FROZEN.parent.name}/)         {f:7.0f} ms   ({f / b:.2f}x bare)")
    else:
        print("  ... the frozen bundle: not built (bash packaging/build_linux.sh --no-tar)")
    print(f"  docx/reportlab imported at start-up         {', '.join(started.heavy) or 'no'}")
    k, p = statistics.median(typed.checked) * ms, statistics.median(typed.painted) * ms
    print(f"  keystroke + Enter -> checks panel updated  {k:7.1f} ms   ({args.keys} keystrokes)")
    print(f"  ... and table + panel repainted            {p:7.1f} ms")
    if typed.exit_code != 0:
        print(
            f"  note: the typing process crashed on exit (exit code {typed.exit_code}): {typed.stderr_tail[:120]}"
        )


if __name__ == "__main__":
    main()
