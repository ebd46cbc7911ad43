"""``giedit review`` of a county's (or a province's) folder: wall time and peak memory.

Issue 18's target: 1,000 unit reports, a mix of .giedit and .docx, reviewed on this 2-core
machine in <= 20 s wall and <= 400 MB peak memory; and how it grows with 100 / 1,000 / 5,000.

The folder is generated from the shipped samples in this year's format: every unit gets its own name, varied figures
(totals recomputed, every tenth with a wrong total so there are notices to write) and narrative
text of its own, so the cross-unit checks do real work. One file in ``--docx-every`` is written
as a DOCX by giedit's exporter (the review then goes through the importer for it). The time is
the whole ``giedit review … -o 审核结果.xlsx --json --jobs 2`` process, as a county would run it:
start-up, reading, checking, cross-unit checks, the workbook and the notices. Peak memory is
the largest sum of resident memory of the review process and its workers, sampled every 20 ms
from ``/proc`` (Linux only).

Reference, measured in the same run: ``giedit check --jobs 2`` of the folder's .giedit files
(the checks alone, with none of the reading of Word files, comparing or writing).

Run: ``uv run python benchmarks/bench_review.py [--units 100 1000 5000] [--docx-every 4]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from giedit.checks import compute_totals
from giedit.model import storage
from giedit.model.edits import is_input
from giedit.model.formats import format_for_year
from giedit.model.report import Paragraph, Report
from giedit.model.schema import CellKind
from giedit.model.values import Money

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
TARGET_S, TARGET_MB = 20.0, 400.0
YEAR = 2025  # every unit reports for this year, on the samples in this year's format
HANZI = "的一是在不了有和人这中大为上个国我以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"


def _babble(rng: random.Random, n: int) -> str:
    return "".join("".join(rng.choice(HANZI) for _ in range(11)) + "，" for _ in range(n // 12))


def unit_report(base: Report, i: int) -> Report:
    """A sample as unit ``i`` of the county: its own name, figures and text."""
    rng = random.Random(i)
    report = base.model_copy(deep=True)
    report.body.name = f"第{i}号单位{''.join(rng.choice(HANZI) for _ in range(3))}镇人民政府"
    report.year, report.title, report.previous = YEAR, None, None  # the title then names this unit
    report.signature, report.date = report.body.name, dt.date(YEAR + 1, 1, 1 + i % 28)
    report.period = report.default_period()
    for cid, cell in report.definition.cells.items():
        if not is_input(report, cid):
            continue
        if cell.kind is CellKind.MONEY:
            report.cells[cid] = Money(amount=round(rng.uniform(0, 50), 2), unit=cell.column.unit or "万元")
        else:
            report.cells[cid] = rng.choice((0, 0, 0, 1, 2, 3, rng.randint(0, 200)))
    report.cells.update(compute_totals(report))
    if i % 10 == 0:
        total = sorted(report.definition.computed_cells)[i % len(report.definition.computed_cells)]
        report.cells[total] = (report.cells[total] or 0) + 1  # type: ignore[operator]
    for sid, n in (("overview", 600), ("problems", 240), ("other", 60)):
        report.section(sid).paragraphs = [Paragraph(text=_babble(rng, n))]
    return report


def _write_one(args: tuple[int, str, bool]) -> None:
    i, folder, docx = args
    bases = _bases()
    report = unit_report(bases[i % len(bases)], i)
    path = Path(folder) / f"{i // 100:02d}" / f"{i:05d}.{'docx' if docx else 'giedit'}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if docx:
        from giedit.export.docx_writer import build_docx

        path.write_bytes(build_docx(report))
    else:
        path.write_text(storage.dumps(report), encoding="utf-8")


_cache: list[Report] = []


def _bases() -> list[Report]:
    if not _cache:
        loaded = (storage.load(p) for p in sorted(SAMPLES.glob("*.giedit")))
        _cache.extend(r for r in loaded if r.format == format_for_year(YEAR).id)
    return _cache


def generate(folder: Path, count: int, docx_every: int) -> None:
    """``count`` unit files in subfolders of 100, built on both cores."""
    work = [(i, str(folder), docx_every > 0 and i % docx_every == 1) for i in range(count)]
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_write_one, work, chunksize=20))


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in kB (0 once it is gone)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as f:
                stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the process tree, exit code) of one whole command."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed giedit has its bytecode compiled
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    watcher.join()
    if proc.returncode not in (0, 1) or b"Traceback" in err:
        raise RuntimeError(f"{cmd[3]} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return elapsed, peak / 1024, proc.returncode


def measure(count: int, docx_every: int, jobs: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="giedit-review-bench-"))
    try:
        t0 = time.perf_counter()
        units = folder / "units"
        generate(units, count, docx_every)
        made = time.perf_counter() - t0
        out = folder / "审核结果.xlsx"
        giedit = [sys.executable, "-m", "giedit.cli"]
        timed([*giedit, "check", "-j", str(jobs), *map(str, sorted(units.rglob("*.giedit"))[:20])])  # warm
        review_s, review_mb, _ = timed(
            [*giedit, "review", str(units), "-o", str(out), "--json", "-j", str(jobs)]
        )
        files = sorted(map(str, units.rglob("*.giedit")))
        check_s, check_mb, _ = (
            timed([*giedit, "check", "-j", str(jobs), *files]) if count <= 2000 else (0, 0, 0)
        )
        return {
            "units": count,
            "docx": sum(1 for _ in units.rglob("*.docx")),
            "made_s": made,
            "review_s": review_s,
            "review_mb": review_mb,
            "check_s": check_s,
            "check_files": len(files),
            "check_mb": check_mb,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--docx-every", type=int, default=4, help="one unit in N is a DOCX (0: none)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"giedit review, --jobs {args.jobs}, one unit in {args.docx_every} a DOCX; {os.cpu_count()} cores")
    print(f"load average at start: {os.getloadavg()[0]:.1f} (figures are wall-clock; other work slows them)")
    first = None
    for n in args.units:
        r = measure(n, args.docx_every, args.jobs)
        first = first or r
        per_unit = 1000 * r["review_s"] / r["units"]
        line = (
            f"  {r['units']:>5} units ({r['docx']:>4} DOCX): review {r['review_s']:6.1f} s "
            f"({per_unit:5.1f} ms/unit, x{r['review_s'] / first['review_s']:.1f} for x{r['units'] / first['units']:.0f} units), "
            f"peak {r['review_mb']:5.0f} MB"
        )
        if r["check_s"]:
            line += f"; reference giedit check of its {r['check_files']} .giedit files {r['check_s']:.1f} s"
        if r["units"] == 1000:
            ok = r["review_s"] <= TARGET_S and r["review_mb"] <= TARGET_MB
            line += f"  [target <= {TARGET_S:.0f} s, <= {TARGET_MB:.0f} MB: {'met' if ok else 'missed'}]"
        print(line + f"  (folder made in {r['made_s']:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
