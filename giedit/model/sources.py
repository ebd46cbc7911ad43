"""The published files a report was made from, remembered so that an export never replaces one.

A clerk imports last year's ``青山镇人民政府2023年政府信息公开工作年度报告.docx``; the export of this
year's report is named by its title and lands in the same folder. When the names coincide (or the
clerk picks that file), the export must not silently replace the only copy of what was published.
So an import or a roll-forward from a published file records the file's name, size and SHA-256 in
the report (``Report.sources``; no folder path, since report files are passed on to others), and
``is_source`` recognises the file by its content wherever it now lies and whatever it is called.
"""

from __future__ import annotations

from pathlib import Path

from giedit.model import reading
from giedit.model.digests import sha256
from giedit.model.report import Report, SourceFile

MAX_BYTES = 256 * 1024 * 1024  # larger files are not fingerprinted (no published report is)
KEEP = 5  # the newest sources are enough; a report is rarely made from more than one


def _fingerprint(path: str | Path) -> tuple[int, str] | None:
    try:
        data = reading.read_regular(path, MAX_BYTES)
    except (OSError, ValueError, reading.NotAFile, reading.TooLarge):
        return None
    return len(data), sha256(data).hexdigest()


def fingerprint(path: str | Path) -> SourceFile | None:
    """The published file at ``path`` as a report records it; None when it cannot be read.

    Taken when the file is read, so that a report made from it again later (用上年报告新建 with
    another year) records the file as read, without reading it a second time."""
    found = _fingerprint(path)
    if found is None:
        return None
    size, digest = found
    return SourceFile(name=Path(path).name, size=size, sha256=digest)


def remember(report: Report, source: SourceFile | None) -> None:
    """Add ``source`` (a ``fingerprint``) to the files ``report`` was made from."""
    if source is None:
        return
    known = [s for s in report.sources if s.sha256 != source.sha256]
    report.sources = [*known, source.model_copy()][-KEEP:]


def record(report: Report, path: str | Path) -> None:
    """Remember that ``report`` was read from the published file ``path``."""
    remember(report, fingerprint(path))


def is_source(report: Report, path: str | Path) -> SourceFile | None:
    """The recorded source whose content the file at ``path`` has, if any."""
    if not report.sources:
        return None
    try:
        size = Path(path).stat().st_size
    except (OSError, ValueError):
        return None
    candidates = [s for s in report.sources if s.size == size]
    if not candidates:
        return None
    found = _fingerprint(path)
    if found is None:
        return None
    return next((s for s in candidates if s.sha256 == found[1]), None)
