"""用上年报告新建 in one action: last year's file (.giedit or any published report) to this year's draft.

A .giedit file is loaded as it is; a published report is imported first, and its figures are
then marked as imported (``PreviousYear.source == "import"``), so T2-E4 only warns about them,
and the new report records the published file (``sources``) so that no export replaces it.
Both the editor and ``giedit new --from`` start here; the editor's year dialog then calls
``with_year``, which rolls what was read again instead of reading the file a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from giedit.importers import import_file
from giedit.importers.result import ImportFailed, ImportResult, NeedsYear
from giedit.model import sources
from giedit.model.report import Report, SourceFile
from giedit.model.rollforward import RollForwardResult, roll_forward
from giedit.model.storage import SUFFIX, FileError, load

JSON_SNIFF_BYTES = 256


@dataclass
class StartFromLast:
    rolled: RollForwardResult
    imported: ImportResult | None  # None when last year's report was a giedit file
    last: Report  # last year's report as read: another year is rolled from it, not from the file
    source: SourceFile | None = None  # the published file as read (None for a giedit file)


def with_year(started: StartFromLast, year: int) -> StartFromLast:
    """The same start for the new year the clerk chose in the year dialog: ``started`` itself
    when the year is the one already rolled, else last year's report as already read, rolled
    again. The file is not read a second time, so the result cannot differ from what the clerk
    was shown, even if the file changed or went away meanwhile. ``RollForwardError`` (Chinese)
    for a year the roll does not accept."""
    if year == started.rolled.report.year:
        return started
    source = "giedit" if started.imported is None else "import"
    rolled = roll_forward(started.last.model_copy(deep=True), year, source)
    sources.remember(rolled.report, started.source)
    return StartFromLast(rolled, started.imported, started.last, started.source)


def is_giedit_file(path: Path) -> bool:
    """A giedit file by name or by content (a JSON document with ``file_format``)."""
    if path.suffix.lower() == SUFFIX:
        return True
    try:
        with path.open("rb") as f:
            head = f.read(JSON_SNIFF_BYTES)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and b'"file_format"' in head


def start_from_last(path: str | Path, year: int | None = None, body: str | None = None) -> StartFromLast:
    """Roll last year's report forward; ``ImportFailed`` or ``RollForwardError`` (both Chinese).

    ``year`` is the new report's year; a published report that prints no year of its own is then
    taken as the year before. ``body`` replaces the body name the source prints (or lacks)."""
    p = Path(path)
    if is_giedit_file(p):
        try:
            last = load(p)
        except FileError as err:
            raise ImportFailed(str(err)) from None
        if body:
            last.body.name = body
        return StartFromLast(roll_forward(last, year, "giedit"), None, last)
    try:
        imported = import_file(p, body=body)
    except NeedsYear:
        if year is None:
            raise
        imported = import_file(p, year=year - 1, body=body)
    source = sources.fingerprint(p)  # now, with the import: the file as it was read
    rolled = roll_forward(imported.report, year, "import")
    sources.remember(rolled.report, source)
    return StartFromLast(rolled, imported, imported.report, source)
