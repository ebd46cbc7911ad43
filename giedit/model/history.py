"""The earlier versions of a document (its backups) and how each differs from the report now.

``versions`` reads every backup of a document (``giedit.model.backups``), newest first, with the
time that version was saved, its size, and the report or the reason it cannot be read.
``compare`` says what differs between two reports, in the terms a clerk looks for: how many
figures of which parts, which parts' text, the basic information, the report year, the accepted
findings. The editor turns that into one line per version (``giedit.ui.history``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from giedit.model import backups, storage
from giedit.model.formats import SECTION_IDS
from giedit.model.report import Report
from giedit.model.values import CellValue, is_blank

INFO_FIELDS = ("title", "body", "contact", "period", "signature", "date", "preamble")
ACCEPTED_FIELDS = ("dismissals", "overrides")


@dataclass(frozen=True)
class Version:
    """One backup: when it was saved, its size, and its report (``None`` with ``problem``)."""

    path: Path
    saved: dt.datetime
    size: int
    report: Report | None
    problem: str | None = None


def _saved_at(raw: bytes) -> dt.datetime | None:
    """The time written into the file when that version was saved (local time, naive)."""
    try:
        stamp = json.loads(raw.decode("utf-8-sig")).get("saved_at")
        when = dt.datetime.fromisoformat(stamp)
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None
    return when.astimezone().replace(tzinfo=None) if when.tzinfo else when


def versions(document: str | Path) -> list[Version]:
    """The backups of ``document``, newest first; one that cannot be read says why."""
    found = []
    for path in backups.list_backups(document):
        try:
            raw = path.read_bytes()
        except OSError:
            continue  # pruned meanwhile
        taken = backups.taken_at(path) or dt.datetime.fromtimestamp(path.stat().st_mtime)
        saved = _saved_at(raw) or taken
        try:
            found.append(Version(path, saved, len(raw), storage.load(path)))
        except storage.FileError as err:
            found.append(Version(path, saved, len(raw), None, str(err)))
    return found


@dataclass(frozen=True)
class Difference:
    """What differs between two reports. ``cells`` counts differing figures by section (the
    figures a clerk enters; totals only where they alone differ)."""

    years: tuple[int, int] | None = None
    cells: tuple[tuple[str, int], ...] = ()
    texts: tuple[str, ...] = ()
    info: bool = False
    accepted: bool = False

    @property
    def none(self) -> bool:
        return self == Difference()


def _same(a: CellValue, b: CellValue) -> bool:
    return (is_blank(a) and is_blank(b)) or a == b


def compare(old: Report, new: Report) -> Difference:
    """What ``new`` changed against ``old`` (or the other way round: the relation is symmetric)."""
    fmt, old_fmt = new.definition, old.definition
    counts: Counter[str] = Counter()
    totals: Counter[str] = Counter()  # totals follow their parts: counted only when nothing else differs
    for cid in sorted(set(old.cells) | set(new.cells)):
        if not _same(old.cells.get(cid), new.cells.get(cid)):
            where = fmt if cid in fmt.cells else old_fmt
            if cid in where.cells:
                section = where.table(where.cells[cid].table).section
                (totals if cid in where.computed_cells else counts)[section] += 1
    counts = counts or totals
    texts = []
    for sid in SECTION_IDS:
        a, b = old.sections.get(sid), new.sections.get(sid)
        a_text = (a.paragraphs, a.extra) if a else ([], [])
        b_text = (b.paragraphs, b.extra) if b else ([], [])
        if a_text != b_text:
            texts.append(sid)
    return Difference(
        years=(old.year, new.year) if old.year != new.year else None,
        cells=tuple((sid, counts[sid]) for sid in SECTION_IDS if counts[sid]),
        texts=tuple(texts),
        info=any(getattr(old, f) != getattr(new, f) for f in INFO_FIELDS),
        accepted=any(getattr(old, f) != getattr(new, f) for f in ACCEPTED_FIELDS),
    )
