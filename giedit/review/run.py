"""Running a county's review: every report read and checked on all cores, then compared.

Phase 1 reads every file in a process pool and streams the results back in completion order.
Each result's numbers go into running totals and its text into a spool file on disk at once, so
the main process holds one small record per unit: memory is bounded by the pool, not by the
folder. Phase 2 re-checks, again in the pool, the units whose last-year report was found in the
folder (or in ``previous``) but is not already kept in their file, so the cross-year rules run
for them too. Phase 3 runs the cross-unit checks and the roster.

Stopping (Ctrl+C in a terminal, 停止 in the editor) keeps what is done: the pool is terminated,
the units read so far are compared and returned with ``interrupted`` set, and nobody is told a
unit is missing on the strength of an unfinished run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import IO, Any

from giedit.model.formats import FORMATS, get_format
from giedit.review import crossunit
from giedit.review.collect import SetAside, collect
from giedit.review.result import ReviewFailed, ReviewResult, Unit
from giedit.review.unit import UNREADABLE, Found, UnitRead, read_unit, recheck

Progress = Callable[[int, int, str], None]  # (done, total, phase)
READING, CROSS_YEAR, COMPARING = "读取和检查", "跨年度检查", "单位间比对"
MAX_CHUNK = 16
IN_FLIGHT = 3  # chunks per worker submitted ahead
POLL_S = 0.2  # how often a stop is noticed while the workers read


class _Spool:
    """The units' texts and numbers on disk (one JSON line each), read back only for the cross-unit
    checks and for a unit whose numbers must leave the totals (it was resubmitted)."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="giedit-review-")  # noqa: SIM115 (closed by close())
        self.where: list[tuple[int, int]] = []

    def add(self, texts: dict[str, object]) -> int:
        data = json.dumps(texts, ensure_ascii=False).encode("utf-8")
        self.file.seek(0, os.SEEK_END)
        self.where.append((self.file.tell(), len(data)))
        self.file.write(data)
        return len(self.where) - 1

    def get(self, index: int) -> dict[str, Any]:
        offset, size = self.where[index]
        self.file.seek(offset)
        return json.loads(self.file.read(size).decode("utf-8"))

    def close(self) -> None:
        self.file.close()


class _Totals:
    """Running sums per (format, year), so that no unit's numbers need to be kept."""

    def __init__(self) -> None:
        self.sums: dict[tuple[str, int], dict[str, float | int]] = defaultdict(dict)
        self.count: Counter[tuple[str, int]] = Counter()

    def add(self, read: UnitRead) -> None:
        if read.format is None or read.year is None:
            return
        key = (read.format, read.year)
        self.count[key] += 1
        sums = self.sums[key]
        for cid, n in read.numbers.items():
            sums[cid] = sums.get(cid, 0) + n

    def remove(self, format_id: str | None, year: int | None, numbers: dict[str, float | int]) -> None:
        """Take back a unit's numbers (a file replaced by a newer one of the same unit)."""
        if format_id is None or year is None:
            return
        key = (format_id, year)
        self.count[key] -= 1
        sums = self.sums[key]
        for cid, n in numbers.items():
            sums[cid] = sums.get(cid, 0) - n

    def of_year(self, year: int | None) -> tuple[dict[str, dict[str, float | int]], dict[str, int]]:
        """Totals of ``year`` by format: every cell of the format, 0 where no unit had a number."""
        totals: dict[str, dict[str, float | int]] = {}
        counted: dict[str, int] = {}
        for (fmt_id, y), sums in sorted(self.sums.items()):
            if y == year:
                totals[fmt_id] = {cid: sums.get(cid, 0) for cid in get_format(fmt_id).cells}
                counted[fmt_id] = self.count[(fmt_id, y)]
        return totals, counted


def _quiet_worker() -> None:
    """Workers leave Ctrl+C to the main process, which stops them; no traceback from each."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_pool(
    func: Callable, items: list, jobs: int, cancelled: Callable[[], bool]
) -> Iterator[tuple[int, object]]:
    """(index, result) in completion order; on one core in this process. Stops when cancelled.

    Items go to the workers in chunks, and only a few chunks per worker are in flight at a time,
    so results stream back and nothing waits in memory for a slow file. A worker that dies (the
    system killed it) ends the review with a message instead of a hang.
    """
    indexed = list(enumerate(items))
    if jobs <= 1 or len(items) <= 1:
        for i, item in indexed:
            if cancelled():
                raise _Cancelled
            yield i, func(item)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    jobs = min(jobs, len(items))
    size = max(1, min(MAX_CHUNK, len(items) // (jobs * 8)))
    chunks = [indexed[k : k + size] for k in range(0, len(indexed), size)]
    # spawn, not fork: the editor runs reviews from a Qt process, which must never be forked.
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_quiet_worker)
    pending: set = set()
    try:
        todo = iter(chunks)
        for chunk in todo:
            pending.add(pool.submit(_run_chunk, func, chunk))
            if len(pending) >= jobs * IN_FLIGHT:
                break
        while pending:
            done, pending = wait(pending, timeout=POLL_S, return_when=FIRST_COMPLETED)
            if cancelled():
                raise _Cancelled
            for future in done:
                yield from future.result()
                if (chunk := next(todo, None)) is not None:
                    pending.add(pool.submit(_run_chunk, func, chunk))
    except BrokenProcessPool:
        raise ReviewFailed(
            "审核用的工作进程意外退出（可能是内存不足），请关闭其他程序后重试，或用 --jobs 1。"
        ) from None
    finally:
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        _stop_workers(workers)


def _stop_workers(workers: list) -> None:
    """End the workers now: a stop must not wait for the chunks they are still reading (the
    executor has no public way to do this before Python 3.14's ``terminate_workers``)."""
    for process in workers:
        if process.is_alive():
            process.terminate()
    for process in workers:
        process.join(5)


def _run_chunk(func: Callable, chunk: list[tuple[int, object]]) -> list[tuple[int, object]]:
    return [(i, func(item)) for i, item in chunk]


class _Cancelled(Exception):
    pass


def _never() -> bool:
    return False


def review(
    folder: str | Path,
    *,
    roster: list[str] | None = None,
    year: int | None = None,
    previous: str | Path | None = None,
    jobs: int = 0,
    deadline: tuple[int, int] | None = None,
    skip: Iterable[Path] = (),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = _never,
) -> ReviewResult:
    """Review every report in ``folder`` (subfolders too). ``ReviewFailed`` when there is nothing
    to review; a stop (KeyboardInterrupt or ``cancelled()``) returns what is done."""
    root = Path(folder)
    if not root.is_dir():
        raise ReviewFailed(
            f"找不到文件夹「{root}」。" if not root.exists() else f"「{root.name}」不是文件夹。"
        )
    files, aside = collect(root, skip)
    prev_files: list[Path] = []
    if previous is not None:
        prev_root = Path(previous)
        if not prev_root.is_dir():
            raise ReviewFailed(f"找不到上年报告的文件夹「{prev_root}」。")
        prev_files = [p for p in collect(prev_root, [root, *skip])[0] if p not in files]
    if not files:
        raise ReviewFailed(f"文件夹「{root.name}」中没有可审核的报告文件（.giedit、Word、PDF、网页或文本）。")
    jobs = jobs or os.cpu_count() or 1
    report = progress or (lambda done, total, phase: None)
    everything = [*files, *prev_files]
    ours = len(files)
    spool = _Spool()
    totals = _Totals()
    reads: dict[int, UnitRead] = {}
    texts: dict[int, int] = {}
    interrupted = False
    try:
        report(0, len(everything), READING)
        work = partial(read_unit, deadline=deadline)
        for i, read in _in_pool(work, [str(p) for p in everything], jobs, cancelled):
            assert isinstance(read, UnitRead)
            if i < ours:
                totals.add(read)
            texts[i] = spool.add({"texts": read.texts, "numbers": read.numbers})
            read.texts, read.numbers = {}, {}
            reads[i] = read
            report(len(reads), len(everything), READING)
    except (KeyboardInterrupt, _Cancelled):
        interrupted = True
    try:
        return _finish(
            root, files, aside, reads, texts, spool, totals, ours, roster, year, jobs, deadline, report,
            cancelled, interrupted,
        )  # fmt: skip
    finally:
        spool.close()


def _review_year(reads: dict[int, UnitRead], ours: int, year: int | None) -> int | None:
    """The year asked for, else the most common year among the folder's reports (latest on a tie)."""
    if year is not None:
        return year
    years = Counter(r.year for i, r in reads.items() if i < ours and r.year is not None)
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def _finish(
    root: Path,
    files: list[Path],
    aside: list[SetAside],
    reads: dict[int, UnitRead],
    texts: dict[int, int],
    spool: _Spool,
    totals: _Totals,
    ours: int,
    roster: list[str] | None,
    year: int | None,
    jobs: int,
    deadline: tuple[int, int] | None,
    report: Progress,
    cancelled: Callable[[], bool],
    interrupted: bool,
) -> ReviewResult:
    y = _review_year(reads, ours, year)
    # Last year's reports, by body: the folder's own (year y - 1) and those of ``previous``.
    last_year: dict[str, int] = {}
    for i in sorted(reads):
        r = reads[i]
        if r.status != UNREADABLE and y is not None and r.year == y - 1 and r.body:
            last_year.setdefault(crossunit.short_key(r.body), i)
    unit_ids: list[int] = []
    used_as_previous: dict[int, int] = {}
    for i in sorted(reads):
        if i >= ours:
            continue
        r = reads[i]
        if r.status == UNREADABLE or r.year == y:
            unit_ids.append(i)
            if (
                r.status != UNREADABLE
                and r.body
                and (p := last_year.get(crossunit.short_key(r.body))) is not None
            ):
                used_as_previous[i] = p
    units_used = set(used_as_previous.values())
    for i in sorted(reads):
        r = reads[i]
        if i < ours and r.status != UNREADABLE and r.year != y:
            why = (
                f"是{r.body}的{r.year}年度报告，已作为上年报告用于跨年度检查"
                if i in units_used
                else f"是{r.year}年度的报告，不是本次审核的{y}年度，未审核"
            )
            aside.append(SetAside(files[i], why))
    aside.sort(key=lambda a: str(a.path))
    units = [_unit(root, reads[i]) for i in unit_ids]
    for unit, i in zip(units, unit_ids, strict=True):
        if i in used_as_previous:
            unit.previous = _relative(root, Path(reads[used_as_previous[i]].path))

    if not interrupted:
        interrupted = _cross_year(reads, unit_ids, units, used_as_previous, jobs, deadline, report, cancelled)

    report(0, 1, COMPARING)
    replaced = _resubmissions(units)
    for k in replaced:
        i = unit_ids[k]
        totals.remove(reads[i].format, reads[i].year, spool.get(texts[i])["numbers"])
    # A unit's older file is no other unit: it is left out of the comparisons between units.
    current = [k for k in range(len(units)) if k not in replaced]
    readable = [reads[unit_ids[k]] for k in current]

    def describe(n: int) -> str:  # the file's name only: the message goes into the unit's notice
        u = units[current[n]]
        return f"「{u.body}」（{Path(u.file).name}）"

    def text_of(n: int) -> dict[str, str]:
        return spool.get(texts[unit_ids[current[n]]])["texts"]

    fmt_title = _section_titles(units)
    for c in crossunit.copied_sections(readable, text_of, describe, fmt_title):
        units[current[c.unit]].findings.append(c.found)
    for c in crossunit.name_mentions(readable, text_of, describe):
        units[current[c.unit]].findings.append(c.found)
    pairs = crossunit.duplicates([reads[i] for i in unit_ids])
    # a resubmission as (the file kept, the file it replaces); then copies between units
    duplicates = [(u.superseded_by, u.file) for u in units if u.superseded_by]
    for a, b in pairs:
        if units[a].superseded_by or units[b].superseded_by:
            continue
        duplicates.append((units[a].file, units[b].file))
        units[a].copies.append(units[b].file)
        units[b].copies.append(units[a].file)
    missing: list[str] = []
    ambiguous: dict[str, list[str]] = {}
    if roster is not None and not interrupted:
        match = crossunit.match_roster(roster, [u.body if u.superseded_by is None else "" for u in units])
        missing = match.missing
        ambiguous = {name: [units[k].file for k in ks] for name, ks in match.ambiguous.items()}
        for k, u in enumerate(units):
            u.on_roster = k in match.matched if u.counts else None
    for u in units:
        u.settle()
    report(1, 1, COMPARING)
    sums, counted = totals.of_year(y)
    return ReviewResult(
        folder=root,
        year=y,
        units=units,
        missing=missing,
        duplicates=duplicates,
        totals=sums,
        counted=counted,
        set_aside=aside,
        files=ours,
        done=sum(1 for i in reads if i < ours),
        interrupted=interrupted,
        roster=roster,
        deadline=deadline,
        ambiguous=ambiguous,
    )


def _resubmissions(units: list[Unit]) -> set[int]:
    """The older files of units that sent their report more than once (the same body under its
    short or full name): each is marked replaced by the newest, which alone is summed. Newest by
    the reports' own closing dates when both files carry different ones, else by the files'
    modification times (a corrected file is saved later); the file name settles a tie."""
    groups: dict[str, list[int]] = defaultdict(list)
    for k, u in enumerate(units):
        if u.status != UNREADABLE and u.body:
            groups[crossunit.short_key(u.body)].append(k)
    replaced: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        dated = all(units[k].date is not None for k in members)
        newest = max(
            members, key=lambda k: (units[k].date if dated else dt.date.min, _mtime(units[k]), units[k].file)
        )
        for k in members:
            if k != newest:
                units[k].superseded_by = units[newest].file
                units[newest].supersedes.append(units[k].file)
                replaced.add(k)
    return replaced


def _mtime(unit: Unit) -> float:
    try:
        return unit.path.stat().st_mtime
    except OSError:
        return 0.0


def _cross_year(
    reads: dict[int, UnitRead],
    unit_ids: list[int],
    units: list[Unit],
    used_as_previous: dict[int, int],
    jobs: int,
    deadline: tuple[int, int] | None,
    report: Progress,
    cancelled: Callable[[], bool],
) -> bool:
    """Re-check units whose last-year report was found and is not kept in their own file; True
    when stopped on the way (the units not re-checked keep their first findings)."""
    todo = [i for i in unit_ids if i in used_as_previous and not reads[i].has_previous]
    if not todo:
        return False
    where = {i: k for k, i in enumerate(unit_ids)}
    pairs = [(reads[i].path, reads[used_as_previous[i]].path) for i in todo]
    work = partial(_recheck_pair, deadline=deadline)
    done = 0
    report(0, len(todo), CROSS_YEAR)
    try:
        for n, findings in _in_pool(work, pairs, jobs, cancelled):
            if isinstance(findings, list):
                units[where[todo[n]]].findings = findings
            done += 1
            report(done, len(todo), CROSS_YEAR)
    except (KeyboardInterrupt, _Cancelled):
        return True
    return False


def _recheck_pair(pair: tuple[str, str], deadline: tuple[int, int] | None = None) -> list[Found] | None:
    return recheck(pair[0], pair[1], deadline)


def _relative(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _unit(root: Path, read: UnitRead) -> Unit:
    """The kept record of a read; an unreadable file's reason is its one finding (no rule id)."""
    unreadable = [Found("", "error", read.error)] if read.error else []
    return Unit(
        file=_relative(root, Path(read.path)),
        path=Path(read.path),
        kind=read.kind,
        status=read.status,
        body=read.body,
        year=read.year,
        format=read.format,
        findings=list(read.findings) or unreadable,
        left_out=list(read.left_out),
        no_unit=list(read.no_unit),
        date=dt.date.fromisoformat(read.date) if read.date else None,
        deadline=dt.date.fromisoformat(read.deadline) if read.deadline else None,
        error=read.error,
    )


def _section_titles(units: list[Unit]) -> Callable[[str], str]:
    """Section titles from the format definition (every format has the same six sections)."""
    fmt = get_format(next((u.format for u in units if u.format), next(iter(FORMATS))))
    return lambda sid: fmt.section(sid).title
