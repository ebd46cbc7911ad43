"""One unit's report, read and checked in a worker process and handed back as plain data.

A worker never returns the report itself: only what the county's review needs from it (the
findings, the valid numbers for the totals, a fingerprint of the tables, a sample of the
narrative's shingles and the narrative text for the cross-unit checks). The main process adds
the numbers to the running totals, spools the text to disk and keeps the rest, so its memory
grows with the number of findings, not with the size of the reports.

Every file that is not a .giedit file goes through the importers' one public entry point
(``giedit.importers.import_file``), so each source the importers learn to read reaches the
review without a change here.
"""

from __future__ import annotations

import hashlib
import zlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from giedit.checks import Severity, active, check
from giedit.checks.narrative import (
    NARRATIVE_SECTIONS,
    SIMILARITY_MIN_CHARS,
    SIMILARITY_NGRAM,
    publication_dates,
    similarity_text,
)
from giedit.model.errors import ClerkError
from giedit.model.report import PreviousYear, Report
from giedit.model.schema import CellKind
from giedit.model.values import Money, number_of

OK, ERRORS, UNREADABLE = "ok", "errors", "unreadable"
SAMPLE_MOD = 8  # one 4-gram in eight (by hash) samples a section: identical text gives identical samples
MIN_NONZERO_FOR_TABLE_COPY = 5  # all-zero tables are common in small units and prove no copying
TOTAL_MONEY_UNIT = "万元"  # money totals are in 万元; amounts a clerk gave in 元 are converted
TO_TOTAL_UNIT = {"元": 1 / 10_000, TOTAL_MONEY_UNIT: 1}


@dataclass(frozen=True)
class Found:
    """A finding as the review keeps it: enough to list, group by section and open in the editor."""

    rule: str
    severity: str  # "error" | "warning"
    message: str
    cells: tuple[str, ...] = ()
    section: str | None = None

    def as_json(self) -> dict[str, str | None]:
        """The --json shape; a file that could not be read has no rule (null)."""
        return {"rule": self.rule or None, "severity": self.severity, "message": self.message}


@dataclass
class UnitRead:
    """What a worker hands back for one file."""

    path: str
    kind: str  # "giedit" or "import"
    status: str
    body: str = ""
    year: int | None = None
    format: str | None = None
    findings: list[Found] = field(default_factory=list)
    numbers: dict[str, float | int] = field(default_factory=dict)  # valid cells, money in 万元
    left_out: list[str] = field(default_factory=list)  # cells blank or invalid: not in the totals
    no_unit: list[str] = field(default_factory=list)  # non-zero money without a unit: not in the totals
    table_key: str | None = None
    samples: dict[str, array] = field(default_factory=dict)  # section -> sampled shingle hashes
    texts: dict[str, str] = field(default_factory=dict)  # section -> text, "all" -> every text
    has_previous: bool = False
    date: str | None = None  # ISO closing date
    deadline: str | None = None  # ISO deadline N-W12 uses for this report
    error: str | None = None

    @property
    def errors(self) -> int:
        return sum(f.severity == Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def load_any(path: str | Path) -> tuple[Report, str]:
    """The report in a .giedit file or in any source the importers read; (report, kind).

    Raises ``ReadFailed`` with the loader's or importer's Chinese message.
    """
    from giedit.importers.start import is_giedit_file
    from giedit.model.storage import FileError, load

    p = Path(path)
    if is_giedit_file(p):
        try:
            return load(p), "giedit"
        except FileError as err:
            raise ReadFailed(str(err)) from None
    from giedit.importers import ImportFailed, import_file

    try:
        return import_file(p).report, "import"
    except ImportFailed as err:
        raise ReadFailed(str(err)) from None
    except Exception as err:  # an importer bug must cost one unit, not the county's whole review
        raise ReadFailed(f"「{p.name}」无法读取（{type(err).__name__}）。") from None


class ReadFailed(ClerkError):
    """A file could not be read as a report; ``str(err)`` is one Chinese sentence."""


def previous_of(report: Report, kind: str) -> PreviousYear:
    """Last year's report as the cross-year rules read it (T2-E4 only warns about imported figures)."""
    return PreviousYear(
        format=report.format,
        year=report.year,
        cells=dict(report.cells),
        sections={sid: s.model_copy(deep=True) for sid, s in report.sections.items()},
        source="giedit" if kind == "giedit" else "import",
    )


def findings_of(report: Report, deadline: tuple[int, int] | None) -> list[Found]:
    """Every active finding of every rule (dismissed warnings and overridden errors left out)."""
    return [
        Found(f.rule, str(f.severity), f.message, f.cells, f.section)
        for f in active(check(report, deadline=deadline))
    ]


def read_unit(path: str, deadline: tuple[int, int] | None = None) -> UnitRead:
    """Read and check one file. A top-level function returning plain data, for worker processes."""
    try:
        report, kind = load_any(path)
    except ReadFailed as err:
        return UnitRead(path, "", UNREADABLE, error=str(err))
    findings = findings_of(report, deadline) + _draft_found(path, kind)
    numbers, left_out, no_unit = _numbers(report)
    date, limit = publication_dates(report, deadline)
    errors = any(f.severity == Severity.ERROR for f in findings)
    return UnitRead(
        path,
        kind,
        ERRORS if errors else OK,
        body=report.body.name.strip(),
        year=report.year,
        format=report.format,
        findings=findings,
        numbers=numbers,
        left_out=left_out,
        no_unit=no_unit,
        table_key=_table_key(report, numbers),
        samples=_samples(report),
        texts=_texts(report),
        has_previous=report.previous is not None,
        date=date.isoformat() if date else None,
        deadline=limit.isoformat() if limit else None,
    )


def recheck(path: str, previous: str, deadline: tuple[int, int] | None = None) -> list[Found] | None:
    """The findings of ``path`` with last year's report ``previous`` attached (cross-year rules);
    None when either file can no longer be read."""
    try:
        report, own = load_any(path)
        last, kind = load_any(previous)
    except ReadFailed:
        return None
    report.previous = previous_of(last, kind)
    return findings_of(report, deadline) + _draft_found(path, own)


def _draft_found(path: str, kind: str) -> list[Found]:
    """An error when a published file carries the draft mark (a .giedit file has none)."""
    from giedit.review.draft import MESSAGE, RULE, is_draft

    if kind == "giedit" or not is_draft(path):
        return []
    return [Found(RULE, str(Severity.ERROR), MESSAGE)]


def _numbers(report: Report) -> tuple[dict[str, float | int], list[str], list[str]]:
    """The valid number of every cell (money converted to 万元 where the clerk chose 元); the
    cells left out as blank or invalid; and the money cells left out because the amount is not
    zero and has no unit where the column does not fix one (G-W2: a zero needs no unit, so it
    counts as 0, while 799100 could be 元 or 万元 and no total can guess which)."""
    numbers: dict[str, float | int] = {}
    left_out: list[str] = []
    no_unit: list[str] = []
    for cid, cell in report.definition.cells.items():
        value = report.cells.get(cid)
        n = number_of(value, cell.kind)
        if n and cell.kind is CellKind.MONEY and cell.column.unit is None:
            unit = value.unit if isinstance(value, Money) else None
            if unit is None:
                no_unit.append(cid)
                continue
            factor = TO_TOTAL_UNIT.get(unit)
            n = None if factor is None else n * factor
        if n is None:
            left_out.append(cid)
        else:
            numbers[cid] = n
    return numbers, left_out, no_unit


def _table_key(report: Report, numbers: dict[str, float | int]) -> str | None:
    """A fingerprint of all three tables, or None when they hold too few non-zero numbers to
    tell a copy from two units that simply had nothing to report."""
    if sum(1 for n in numbers.values() if n) < MIN_NONZERO_FOR_TABLE_COPY:
        return None
    values = [numbers.get(cid) for cid in report.definition.cells]
    return hashlib.sha1(repr((report.format, values)).encode()).hexdigest()[:20]


def _section_text(report: Report, sid: str) -> str:
    section = report.sections.get(sid)
    return section.text if section else ""


def _texts(report: Report) -> dict[str, str]:
    """The narrative sections as compared, and all the report's text for the name scan."""
    out = {sid: _section_text(report, sid) for sid in NARRATIVE_SECTIONS}
    parts = [report.title or "", *(p.text for p in report.preamble)]
    parts += [s.text for s in report.sections.values()]
    out["all"] = "\n".join(parts)
    return out


def _samples(report: Report) -> dict[str, array]:
    """Per narrative section, the 4-gram shingles whose CRC falls in one residue class: identical
    passages in two reports yield the same samples, so shared samples point to copied text."""
    out: dict[str, frozenset[int]] = {}
    n = SIMILARITY_NGRAM
    for sid in NARRATIVE_SECTIONS:
        text = similarity_text(_section_text(report, sid))
        if len(text) < SIMILARITY_MIN_CHARS:
            continue
        data = [text[i : i + n].encode() for i in range(len(text) - n + 1)]
        sampled = sorted({h for h in map(zlib.crc32, data) if h % SAMPLE_MOD == 0})
        if sampled:
            out[sid] = array("I", sampled)  # 4 bytes a sample: 5,000 units stay a few MB
    return out
