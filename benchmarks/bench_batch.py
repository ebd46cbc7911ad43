"""``giedit check`` of 1,000 report files, in one process and on every core (``--jobs``).

A city office checks every township's and department's report before they are published: hundreds
of files, checked in one call. The files are generated from the shipped samples with varied
figures (seeded, so every run checks the same batch): most are consistent, every tenth has a
total that no longer matches, so the run reports errors as a real batch would. The time is the
whole process, as an office would run it: interpreter start, imports, loading, checking, output.

Target (issue 8): 1,000 files in <= 3 s on 2 cores.
Run: ``uv run python benchmarks/bench_batch.py [--files 1000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from giedit.checks import compute_totals
from giedit.model import storage
from giedit.model.edits import is_input
from giedit.model.report import Report
from giedit.model.schema import CellKind
from giedit.model.values import Money

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
TARGET_S = 3.0


def _varied(base: Report, i: int) -> Report:
    """A sample with its figures replaced by random ones; totals recomputed except every tenth."""
    rng = random.Random(i)
    report = base.model_copy(deep=True)
    report.body.name = f"{base.body.name or '某某镇人民政府'}（第{i}份）"
    for cid, cell in report.definition.cells.items():
        if not is_input(report, cid):
            continue
        if cell.kind is CellKind.MONEY:
            report.cells[cid] = Money(amount=round(rng.uniform(0, 50), 2), unit=cell.column.unit or "万元")
        else:
            report.cells[cid] = rng.choice((0, 0, 0, 1, 2, 3, rng.randint(0, 200)))
    report.cells.update(compute_totals(report))
    if i % 10 == 0:  # a total that no longer matches its parts: an error to report
        total = sorted(report.definition.computed_cells)[i % len(report.definition.computed_cells)]
        report.cells[total] = (report.cells[total] or 0) + 1  # type: ignore[operator]
    return report


def generate(folder: Path, count: int = 1000) -> list[Path]:
    """Write ``count`` report files into ``folder`` (plain writes: no backups, no fsync)."""
    bases = [storage.load(p) for p in sorted(SAMPLES.glob("*.giedit"))]
    paths = []
    for i in range(count):
        path = folder / f"{i:04d}-报告.giedit"
        path.write_text(storage.dumps(_varied(bases[i % len(bases)], i)), encoding="utf-8")
        paths.append(path)
    return paths


def check_files(paths: list[Path], jobs: int) -> float:
    """Seconds for one whole ``giedit check --jobs N`` process over ``paths``."""
    cmd = [sys.executable, "-m", "giedit.cli", "check", "--jobs", str(jobs), *map(str, paths)]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed giedit has its bytecode compiled
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        raise RuntimeError(f"giedit check failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


@dataclass
class BatchTimes:
    """Median whole-process seconds for the batch, on ``jobs`` processes and on one."""

    files: int
    jobs: int
    cores: int
    parallel: list[float]
    serial: list[float]
    generate_s: float


def measure(count: int = 1000, jobs: int = 2, runs: int = 3, serial_runs: int = 1) -> BatchTimes:
    """Generate the batch in a temporary folder, time ``giedit check`` on it, remove it."""
    folder = Path(tempfile.mkdtemp(prefix="giedit-batch-"))
    try:
        start = time.perf_counter()
        paths = generate(folder, count)
        made = time.perf_counter() - start
        check_files(paths[:20], jobs)  # warm the file cache and the bytecode
        parallel = [check_files(paths, jobs) for _ in range(runs)]
        serial = [check_files(paths, 1) for _ in range(serial_runs)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return BatchTimes(count, jobs, os.cpu_count() or 1, parallel, serial, made)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    t = measure(args.files, args.jobs, args.runs)
    par, ser = statistics.median(t.parallel), statistics.median(t.serial)
    print(
        f"giedit check of {t.files} generated files (made in {t.generate_s:.1f} s; machine has {t.cores} cores)"
    )
    print(f"  --jobs 1            {ser:6.2f} s   ({t.files / ser:5.0f} files/s)")
    verdict = "met" if par <= TARGET_S else "missed"
    print(
        f"  --jobs {t.jobs:<2}           {par:6.2f} s   ({t.files / par:5.0f} files/s, {ser / par:.2f}x faster; "
        f"target <= {TARGET_S:.0f} s: {verdict})"
    )


if __name__ == "__main__":
    main()
