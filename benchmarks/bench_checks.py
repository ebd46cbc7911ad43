"""Median time of a full recheck of the table rules, of the narrative rules, and of loading a file.

Target (issue 2): table recheck <= 1 ms on a 2021 sample. Run: ``uv run python benchmarks/bench_checks.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from giedit.checks import RULES, check
from giedit.model import storage

ROOT = Path(__file__).resolve().parent.parent


def median_ms(func: Callable[[], object], runs: int = 200) -> float:
    func()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def sample_2021() -> Path:
    samples = sorted(p for p in (ROOT / "resources" / "samples").glob("*.giedit") if storage.load(p).format == "2021")
    if samples:
        return samples[-1]
    sys.path.insert(0, str(ROOT / "tests"))
    from make_broken import base

    path = Path(tempfile.mkdtemp()) / "sample.giedit"
    storage.save(base(2023), path, backup=False)
    return path


def main() -> None:
    path = sample_2021()
    report = storage.load(path)
    table_rules = [r for r in RULES if not r.startswith("N-")]
    narrative_rules = [r for r in RULES if r.startswith("N-")]
    table = median_ms(lambda: check(report, only=table_rules))
    narrative = median_ms(lambda: check(report, only=narrative_rules))
    load = median_ms(lambda: storage.load(path), runs=100)
    print(f"sample: {path.name}")
    print(f"table rules recheck   median {table:7.3f} ms   (target <= 1 ms: {'met' if table <= 1 else 'missed'})")
    print(f"narrative rules       median {narrative:7.3f} ms")
    print(f"load .giedit file     median {load:7.3f} ms")


if __name__ == "__main__":
    main()
