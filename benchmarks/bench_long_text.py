"""A keystroke in a very long narrative: ``uv run python benchmarks/bench_long_text.py [--mb 5]``.

A clerk may paste a whole document (megabytes) into one part. Each keystroke in that paragraph
must still feel immediate (target < 100 ms): the time is measured in a fresh editor process
(offscreen) from the key press until the edit has gone through the document (undo stack, checks,
the part's character count) and the events it queued have been handled. The reference is the
same keystroke in the sample's own short paragraph, in the same process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import bench_gui  # beside this file: the same environment and sample as the start-up benchmark

TARGET_MS = 100.0
SECTION = "overview"


def _child(sample: str, megabytes: float, keys: int, paragraphs: int) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from giedit.model import storage
    from giedit.model.report import Paragraph
    from giedit.ui.app import start
    from giedit.ui.narrative import NarrativeEditor

    report = storage.load(sample)
    line = "本机关坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设。"
    repeat = int(megabytes * 1e6 / len(line.encode())) // paragraphs
    report.section(SECTION).paragraphs.extend(Paragraph(text=line * repeat) for _ in range(paragraphs))
    path = Path(tempfile.mkdtemp(prefix="giedit-long-")) / "long.giedit"
    storage.save(report, path)

    window = start([str(path)])
    app = QApplication.instance()
    assert app is not None
    window.navigator.select_part(SECTION)
    app.processEvents()
    editor = window.pages[SECTION].findChildren(NarrativeEditor)[0]
    times: dict[str, list[float]] = {"long": [], "short": []}
    for kind, row in (("short", editor.rows[0]), ("long", editor.rows[-1])):
        row.edit.setFocus()
        row.edit.place_cursor(len(row.edit.toPlainText()) // 2)
        app.processEvents()
        for _ in range(keys):
            t0 = time.perf_counter()
            QTest.keyClick(row.edit, "字")
            app.processEvents()
            times[kind].append(time.perf_counter() - t0)
    window.document.undo_stack.setClean()
    print(json.dumps({"chars": len(line) * repeat * paragraphs, **times}), flush=True)


@dataclass
class LongText:
    """Seconds per keystroke in the long paragraph and in a short one, same process."""

    chars: int
    long: list[float]
    short: list[float]


def measure(
    megabytes: float = 5.0, keys: int = 9, sample: str | None = None, paragraphs: int = 1
) -> LongText:
    """Time ``keys`` keystrokes in the middle of the last of ``paragraphs`` paragraphs that hold
    ``megabytes`` of text together (one paragraph: a paste without line breaks)."""
    sample = sample or str(bench_gui._sample())
    args = ["--mb", str(megabytes), "--keys", str(keys), "--paragraphs", str(paragraphs)]
    done = subprocess.run(
        [sys.executable, __file__, "--child", sample, *args],
        capture_output=True,
        text=True,
        env=bench_gui._env(),
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"the long-text child failed ({done.returncode}): {done.stderr[-1500:]}")
    got = json.loads(lines[-1])
    return LongText(got["chars"], got["long"], got["short"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--keys", type=int, default=9)
    parser.add_argument("--paragraphs", type=int, default=1, help="split the text into this many")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args.child, args.mb, args.keys, args.paragraphs)
    m = measure(args.mb, args.keys, paragraphs=args.paragraphs)
    long_ms, short_ms = statistics.median(m.long) * 1000, statistics.median(m.short) * 1000
    verdict = "met" if long_ms < TARGET_MS else "missed"
    print(
        f"keystroke in {args.mb:g} MB of text in {args.paragraphs} paragraph(s) ({m.chars:,} characters), "
        f"median of {args.keys}"
    )
    print(f"  long paragraph    {long_ms:8.1f} ms   (target < {TARGET_MS:.0f} ms: {verdict})")
    print(f"  short paragraph   {short_ms:8.1f} ms   (same process)")


if __name__ == "__main__":
    main()
