"""Peak memory (RSS) of the editor with a sample open, next to a bare PySide6 window.

Office PCs are often old, with little memory shared with a browser, WPS and the OA system, so
the editor should cost little beyond what Qt itself takes. Each figure is the peak resident set
(``VmHWM``) of a fresh process (offscreen), which the process reads from ``/proc/self/status``
just before it exits, median of several runs. Not ``ru_maxrss`` from ``wait4``/``RUSAGE_CHILDREN``:
on Linux a child's ``ru_maxrss`` starts from its parent's resident set at ``fork``, so children of
a large parent (run_all.py after the export benchmark) would all report the parent's size.

- a bare ``QApplication`` with a ``QMainWindow`` shown;
- Qt alone drawing what the editor's first window shows, in its font and size (``qt``:
  ``bench_gui._child_qt``, no giedit code): what any editor of this window needs;
- the editor started with the newest sample, its window shown (``open``: the target's figure);
- the same, then every part of the report shown once (``parts``: each page painted);
- the same, then a PDF made in memory as the print preview does (``preview``: loads the PDF
  writer and the embedded fonts);
- the programs as started, without this harness in them: a minimal script showing a bare window,
  ``python -m giedit FILE`` and the frozen bundle when built, each up to its first drawn window
  (``GIEDIT_STARTUP_PROBE``). These cannot read their own status, so their peak is ``ru_maxrss``
  taken in a small wrapper process, whose own resident set (what a child's count starts from at
  ``fork``) is far below any window's.

Target (issue 17): the editor with a sample open <= the bare window + 35 MiB. Figures are in MiB
(2**20 bytes), the issue's unit; ``VmHWM`` and ``ru_maxrss`` count KiB.
Run: ``uv run python benchmarks/bench_memory.py [--runs 3]`` (Linux; ``n/a`` elsewhere).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import bench_gui  # beside this file: the same environment and sample as the start-up benchmark

TARGET_MIB = 35.0
KIND = ("bare", "qt", "open", "parts", "preview")


def _child(kind: str, sample: str) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    if kind == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.show()
        app.processEvents()
    else:
        from giedit.ui.app import start
        from giedit.ui.parts import PART_IDS

        window = start([sample])
        app = QApplication.instance()
        assert isinstance(app, QApplication) and window.document.path is not None
        app.processEvents()
        for part in PART_IDS if kind != "open" else ():
            window.navigator.select_part(part)
            app.processEvents()
            window.repaint()
        if kind == "preview":
            from giedit.export import pdf_bytes

            assert pdf_bytes(window.document.report, draft=True).startswith(b"%PDF-")
        window.document.undo_stack.setClean()
    print(json.dumps({"ready": kind, "peak_kb": bench_gui.peak_kb()}), flush=True)


def peak_mib(kind: str, sample: str, screen: Path) -> float:
    """The peak RSS in MiB of one fresh child process of ``kind``."""
    if kind == "qt":
        cmd = [sys.executable, bench_gui.__file__, "--child", "qt", "--out", str(screen)]
    else:
        cmd = [sys.executable, __file__, "--child", kind, "--sample", sample]
    done = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        env=bench_gui._env(),
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"the {kind} child failed ({done.returncode}): {done.stderr[-1000:]}")
    peak = json.loads(lines[-1])["peak_kb"]
    if peak is None:
        raise RuntimeError("no /proc/self/status here: peak memory is measured on Linux only")
    return peak / 1024


BARE_PROGRAM = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([]); window = QMainWindow(); window.show(); app.processEvents()"
)
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def programs(sample: str) -> dict[str, list[str]]:
    """The programs timed as started: the bare script, giedit's command, the frozen bundle if built."""
    found = {
        "bare program": [sys.executable, "-c", BARE_PROGRAM],
        "giedit program": [sys.executable, "-m", "giedit", sample],
    }
    if bench_gui.FROZEN.is_file():
        found["frozen program"] = [str(bench_gui.FROZEN), sample]
    return found


def program_peak_mib(cmd: list[str]) -> float:
    """The peak RSS in MiB of ``cmd`` run up to its first drawn window, then quitting."""
    env = dict(bench_gui._env(), GIEDIT_STARTUP_PROBE="1")
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, env=env, check=True
    )
    return int(done.stdout.split()[-1]) / 1024


@dataclass
class Memory:
    """Peak RSS in MiB per run, for each kind of process; empty where there is no ``/proc``."""

    sample: str
    runs: dict[str, list[float]]

    def median(self, kind: str) -> float | None:
        return statistics.median(self.runs[kind]) if self.runs.get(kind) else None


def measure(runs: int = 3, sample: str | None = None) -> Memory:
    sample = sample or str(bench_gui._sample())
    if not Path("/proc/self/status").exists():
        return Memory(sample, {})
    screen = bench_gui.first_screen(sample)
    peak_mib("open", sample, screen)  # warm the bytecode cache, so no run pays for compiling
    found = {kind: [peak_mib(kind, sample, screen) for _ in range(runs)] for kind in KIND}
    for kind, cmd in programs(sample).items():
        found[kind] = [program_peak_mib(cmd) for _ in range(runs)]
    return Memory(sample, found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=KIND, help=argparse.SUPPRESS)
    parser.add_argument("--sample", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args.child, args.sample)
    m = measure(args.runs)
    bare, qt, opened, parts, preview = (m.median(k) for k in KIND)
    if bare is None or qt is None or opened is None or parts is None or preview is None:
        print("peak memory: n/a (no /proc/self/status on this system)")
        return
    verdict = "met" if opened - bare <= TARGET_MIB else "missed"
    print(
        f"peak memory (RSS, offscreen, median of {args.runs} fresh processes; sample {Path(m.sample).name})"
    )
    print(f"  bare QApplication + QMainWindow                {bare:6.1f} MiB")
    print(f"  Qt alone drawing the same first window         {qt:6.1f} MiB  (+{qt - bare:.1f} MiB)")
    print(
        f"  giedit, sample open                            {opened:6.1f} MiB  "
        f"(+{opened - bare:.1f} MiB; target <= +{TARGET_MIB:.0f} MiB: {verdict})"
    )
    print(f"  ... and every part shown once                 {parts:6.1f} MiB  (+{parts - bare:.1f} MiB)")
    print(f"  ... and a PDF print preview made              {preview:6.1f} MiB  (+{preview - bare:.1f} MiB)")
    program_bare = m.median("bare program") or 0.0
    print(f"  as started: a bare-window script              {program_bare:6.1f} MiB")
    for kind, what in (("giedit program", "python -m giedit FILE"), ("frozen program", "the frozen bundle")):
        if (value := m.median(kind)) is not None:
            print(f"  as started: {what:34s} {value:6.1f} MiB  (+{value - program_bare:.1f} MiB)")


if __name__ == "__main__":
    main()
