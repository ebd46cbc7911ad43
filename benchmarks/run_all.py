"""Every performance figure of issues 8 and 17, side by side in one run, against its target.

    uv run python benchmarks/run_all.py            # a few minutes
    uv run python benchmarks/run_all.py --quick    # fewer runs, for a smoke test (~1 minute)

The figures come from the single-purpose benchmarks beside this file, imported, not copied:
``bench_gui`` (start-up, keystroke latency), ``bench_checks`` (rule recheck), ``bench_export``
(DOCX/PDF export and LibreOffice), ``bench_batch`` (``giedit check`` of 1,000 files) and
``bench_memory`` (peak RSS), ``bench_long_text`` (a keystroke in a 5 MB paragraph) and ``bench_register`` (table 三 from a register, issue 19). Each line shows giedit's median, the reference it is compared with,
the ratio, the target and whether it was met. A benchmark that cannot run here (no LibreOffice,
no ``/proc``) prints ``n/a`` and the others still run. Run it on an otherwise idle machine:
the start-up, batch and export figures are wall-clock times.

Peak memory is read from ``/proc`` (Linux); ``n/a`` elsewhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import bench_batch
import bench_checks
import bench_export
import bench_gui
import bench_long_text
import bench_memory
import bench_register

import giedit

T = TypeVar("T")
NA = "n/a"


@dataclass
class Row:
    """One line of the table: giedit's figure, its reference, the ratio, the target, the verdict."""

    what: str
    value: str
    reference: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


def _run(name: str, func: Callable[[], T]) -> T | None:
    """Run one benchmark; on failure say why and carry on with the others."""
    start = time.perf_counter()
    print(f"... {name}", end="", flush=True)
    try:
        value = func()
    except Exception as err:
        print(f": failed ({type(err).__name__}: {err})")
        traceback.print_exc(file=sys.stderr)
        return None
    print(f" ({time.perf_counter() - start:.0f} s)", flush=True)
    return value


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def gui_rows(startup: bench_gui.StartUp | None, typed: bench_gui.Latency | None) -> list[Row]:
    if startup is None:
        return [Row("start-up to an editable window with a sample", NA)]
    bare, editor = statistics.median(startup.bare), statistics.median(startup.editor)
    qt = statistics.median(startup.qt)
    rows = [
        Row(
            "start-up to an editable window with a sample",
            _ms(editor),
            f"bare window {_ms(bare)}",
            f"{editor / bare:.2f}x",
            "<= 1.5x",
            _verdict(editor / bare <= 1.5),
        ),
        Row(
            "  Qt alone drawing the same first window",
            _ms(qt),
            f"bare window {_ms(bare)}",
            f"{qt / bare:.2f}x",
        ),
    ]
    for what, runs in (
        ("  ... as the giedit command (python -m giedit FILE)", startup.command),
        ("  ... as the frozen bundle (dist/giedit/giedit FILE)", startup.frozen),
    ):
        if runs:
            value = statistics.median(runs)
            rows.append(
                Row(
                    what,
                    _ms(value),
                    f"bare window {_ms(bare)}",
                    f"{value / bare:.2f}x",
                    "<= 1.5x",
                    _verdict(value / bare <= 1.5),
                )
            )
        else:
            rows.append(Row(what, "not built", verdict="(bash packaging/build_linux.sh --no-tar)"))
    if startup.heavy:
        rows.append(
            Row("  exporters imported at start-up", ", ".join(startup.heavy), verdict="(should be none)")
        )
    if typed is None:
        return [*rows, Row("keystroke -> checks panel updated", NA)]
    rows.append(Row("keystroke -> checks panel updated", _ms(statistics.median(typed.checked))))
    rows.append(Row("keystroke -> table and panel repainted", _ms(statistics.median(typed.painted))))
    if typed.exit_code != 0:
        crash = f"exit code {typed.exit_code}"
        rows.append(Row(f"  the typing process crashed on exit ({crash})", "see below", verdict="CRASH"))
    return rows


def check_rows(times: bench_checks.CheckTimes | None) -> list[Row]:
    if times is None:
        return [Row("table rules recheck", NA)]
    return [
        Row(
            "table rules recheck",
            f"{times.table_ms:.3f} ms",
            target="<= 1 ms",
            verdict=_verdict(times.table_ms <= 1),
        ),
        Row("all rules recheck (tables + narrative)", f"{times.all_ms:.3f} ms"),
        Row("load a .giedit file", f"{times.load_ms:.3f} ms"),
    ]


def export_rows(times: bench_export.ExportTimes | None) -> list[Row]:
    if times is None:
        return [Row("export", NA)]
    lo = times.libreoffice
    reference = f"LibreOffice {_ms(lo)}" if lo is not None else "LibreOffice n/a"
    rows = []
    for what, value, target in (
        ("warm PDF export (in the editor)", times.warm_pdf, 40.0),
        ("warm DOCX export (in the editor)", times.warm_docx, None),
        ("whole-process PDF export (giedit export)", times.process_pdf, 4.0),
        ("whole-process DOCX export (giedit export)", times.process_docx, None),
    ):
        ratio = f"{lo / value:.1f}x faster" if lo is not None else NA
        verdict = (_verdict(lo / value >= target) if lo is not None else NA) if target else ""
        rows.append(Row(what, _ms(value), reference, ratio, f">= {target:.0f}x" if target else "", verdict))
    return rows


def batch_rows(times: bench_batch.BatchTimes | None) -> list[Row]:
    if times is None:
        return [Row("giedit check of 1,000 files", NA)]
    par, ser = statistics.median(times.parallel), statistics.median(times.serial)
    return [
        Row(
            f"giedit check of {times.files:,} files, --jobs {times.jobs}",
            f"{par:.2f} s",
            f"--jobs 1 {ser:.2f} s",
            f"{ser / par:.2f}x faster",
            f"<= {bench_batch.TARGET_S:.0f} s",
            _verdict(par <= bench_batch.TARGET_S),
        )
    ]


def memory_rows(memory: bench_memory.Memory | None) -> list[Row]:
    bare = memory.median("bare") if memory else None
    if memory is None or bare is None:
        return [Row("editor peak memory with a sample open", NA, verdict=NA)]
    rows = []
    for kind, what, target in (
        ("open", "editor peak memory, sample open", bench_memory.TARGET_MIB),
        ("qt", "  Qt alone drawing the same first window", None),
        ("parts", "  ... every part shown once", None),
        ("preview", "  ... and a PDF print preview made", None),
    ):
        value = memory.median(kind) or 0.0
        extra = value - bare
        verdict = _verdict(extra <= target) if target else ""
        rows.append(
            Row(
                what,
                f"{value:.1f} MiB",
                f"bare window {bare:.1f} MiB",
                f"+{extra:.1f} MiB",
                f"<= +{target:.0f} MiB" if target else "",
                verdict,
            )
        )
    program_bare = memory.median("bare program")
    for kind, what in (
        ("giedit program", "  ... as started: python -m giedit FILE"),
        ("frozen program", "  ... as started: the frozen bundle"),
    ):
        value = memory.median(kind)
        if value is None or program_bare is None:
            continue
        extra = value - program_bare
        rows.append(
            Row(
                what,
                f"{value:.1f} MiB",
                f"bare-window script {program_bare:.1f} MiB",
                f"+{extra:.1f} MiB",
                f"<= +{bench_memory.TARGET_MIB:.0f} MiB",
                _verdict(extra <= bench_memory.TARGET_MIB),
            )
        )
    return rows


def register_rows(times: bench_register.RegisterTimes | None) -> list[Row]:
    if times is None:
        return [Row("table 三 from a 10,000-row register", NA)]
    return [
        Row(
            f"table 三 from a {times.rows:,}-row register (read + count)",
            _ms(times.whole_s),
            f"openpyxl read alone {_ms(times.bare_s)}",
            f"{times.whole_s / times.bare_s:.2f}x",
            f"<= {bench_register.TARGET_S:.0f} s",
            _verdict(times.whole_s <= bench_register.TARGET_S),
        ),
        Row("  ... its CPU time", _ms(times.whole_cpu_s)),
    ]


def long_text_rows(times: bench_long_text.LongText | None) -> list[Row]:
    if times is None:
        return [Row("keystroke in a 5 MB paragraph", NA)]
    long, short = statistics.median(times.long), statistics.median(times.short)
    return [
        Row(
            f"keystroke in a 5 MB paragraph ({times.chars:,} chars)",
            _ms(long),
            f"short paragraph {_ms(short)}",
            f"{long / short:.1f}x",
            f"< {bench_long_text.TARGET_MS:.0f} ms",
            _verdict(long * 1000 < bench_long_text.TARGET_MS),
        ),
        Row(
            "  keystroke in a short paragraph of that report",
            _ms(short),
            target="< 100 ms",
            verdict=_verdict(short * 1000 < bench_long_text.TARGET_MS),
        ),
    ]


def print_table(rows: list[Row]) -> None:
    head = Row("measure (medians)", "giedit", "reference", "ratio", "target", "verdict")
    widths = [max(_width(getattr(r, f)) for r in [head, *rows]) for f in Row.__dataclass_fields__]
    for i, row in enumerate([head, *rows]):
        cells = [getattr(row, f) for f in Row.__dataclass_fields__]
        print("  ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def _width(text: str) -> int:
    """Display width: the table has no CJK text, but a sample name might."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs: a smoke test, not figures to quote")
    args = parser.parse_args()
    q = args.quick
    started = time.perf_counter()
    print(
        f"giedit {giedit.__version__} benchmarks, {dt.datetime.now():%Y-%m-%d %H:%M}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores{' (--quick)' if q else ''}"
    )
    sample = str(bench_gui._sample())
    startup = _run(
        "start-up (bare window and editor, fresh processes)", lambda: bench_gui.startup(3 if q else 7, sample)
    )
    typed = _run("keystroke latency", lambda: bench_gui.latency(10 if q else 40, sample))
    checks = _run("rule recheck", bench_checks.measure)
    export = _run(
        "export and LibreOffice",
        lambda: bench_export.measure(
            warm_runs=5 if q else 20, process_runs=2 if q else 7, lo_runs=1 if q else 7
        ),
    )
    batch = _run("giedit check of 1,000 files", lambda: bench_batch.measure(1000, jobs=2, runs=1 if q else 3))
    memory = _run("peak memory (fresh processes)", lambda: bench_memory.measure(1 if q else 7, sample))
    long_text = _run(
        "keystroke in a 5 MB paragraph", lambda: bench_long_text.measure(5.0, 3 if q else 7, sample)
    )
    register = _run("table 三 from a register", lambda: bench_register.measure(3 if q else 7))
    print()
    print(f"sample: {Path(sample).name}; export sample: {export.sample if export else NA}")
    print()
    print_table(
        gui_rows(startup, typed)
        + check_rows(checks)
        + export_rows(export)
        + batch_rows(batch)
        + memory_rows(memory)
        + register_rows(register)
        + long_text_rows(long_text)
    )
    if typed is not None and typed.exit_code != 0:
        print()
        print(f"the typing process crashed after reporting its times: {typed.stderr_tail[:200]}")
    print()
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
