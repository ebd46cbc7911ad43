"""Median time of a full recheck of the table rules, of the narrative rules, and of loading a file.

Target (issue 2): table recheck <= 1 ms on a 2021 sample. Run: ``uv run python benchmarks/bench_checks.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from giedit.checks import RULES, check
from giedit.model import storage

ROOT = Path(__file__).resolve().parent.parent


def median_s(func: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """Median wall time of ``runs`` calls after ``warmup`` untimed ones (caches, imports)."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def median_ms(func: Callable[[], object], runs: int = 200) -> float:
    return median_s(func, runs) * 1000


def sample_2021() -> Path:
    samples = sorted(
        p for p in (ROOT / "resources" / "samples").glob("*.giedit") if storage.load(p).format == "2021"
    )
    if samples:
        return samples[-1]
    sys.path.insert(0, str(ROOT / "tests"))
    from make_broken import base

    path = Path(tempfile.mkdtemp()) / "sample.giedit"
    storage.save(base(2023), path, backup=False)
    return path


@dataclass
class CheckTimes:
    """Median milliseconds of a full recheck and of loading the file."""

    sample: str
    table_ms: float
    narrative_ms: float
    all_ms: float
    load_ms: float


def measure(path: Path | None = None) -> CheckTimes:
    """Time the rules on ``path`` (default: the newest 2021-format sample); run_all.py uses this."""
    path = path or sample_2021()
    report = storage.load(path)
    table_rules = [r for r in RULES if not r.startswith("N-")]
    narrative_rules = [r for r in RULES if r.startswith("N-")]
    return CheckTimes(
        sample=path.name,
        table_ms=median_ms(lambda: check(report, only=table_rules)),
        narrative_ms=median_ms(lambda: check(report, only=narrative_rules)),
        all_ms=median_ms(lambda: check(report)),
        load_ms=median_ms(lambda: storage.load(path), runs=100),
    )


def main() -> None:
    t = measure()
    print(f"sample: {t.sample}")
    verdict = "met" if t.table_ms <= 1 else "missed"
    print(f"table rules recheck   median {t.table_ms:7.3f} ms   (target <= 1 ms: {verdict})")
    print(f"narrative rules       median {t.narrative_ms:7.3f} ms")
    print(f"all rules             median {t.all_ms:7.3f} ms")
    print(f"load .giedit file     median {t.load_ms:7.3f} ms")


if __name__ == "__main__":
    main()
