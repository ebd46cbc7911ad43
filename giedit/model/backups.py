"""Backups of a document's previous versions, kept in the user data folder.

Before a save replaces an existing file, the file as it was is copied to::

    <data dir>/backups/<stem>-<hash>/<stem> 2026-01-15 093012.giedit

where ``<stem>`` is the document's file name without its suffix, ``<hash>`` is the first eight hex
digits of the SHA-256 of its absolute path (two ``报告.giedit`` in different folders do not mix) and
the time is when the backup was taken (local time), i.e. when that version was replaced. Several
backups in one second get `` (2)``, `` (3)``… before the suffix. The newest ``KEEP`` (5) per
document are kept, older ones are deleted; a backup identical to the newest one is not made again.

The data dir is ``platformdirs.user_data_dir("giedit", appauthor=False)``, or the folder named by
the environment variable ``GIEDIT_DATA_DIR`` when it is set (tests and CI set it so that they never
touch the real home folder). It holds the clerk's reports (backups, recovery copies), so on POSIX
its folders are made readable by their owner only (0700) and the files giedit writes there are
0600, whatever the umask; a data folder left 0755 by an older giedit is tightened on first use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from pathlib import Path

import platformdirs

from giedit.model import reading
from giedit.model.atomic import remove_stale_temps, write_atomic
from giedit.model.digests import sha256

ENV = "GIEDIT_DATA_DIR"
KEEP = 5
SUFFIX = ".giedit"
MAX_BYTES = 64 * 1024 * 1024  # larger "documents" are not copied
FOLDER_MODE = 0o700
FILE_MODE = 0o600

_NAME = re.compile(r"(?P<stem>.*) (?P<ts>\d{4}-\d{2}-\d{2} \d{6})(?: \((?P<n>\d+)\))?" + re.escape(SUFFIX))
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def data_dir() -> Path:
    """The per-user data folder (``GIEDIT_DATA_DIR`` overrides it)."""
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("giedit", appauthor=False))


def private_folder(folder: Path) -> Path:
    """``folder`` created if needed; it and every level up to the data dir readable by this user
    only (POSIX). Raises ``OSError`` when it cannot be created."""
    root = data_dir()
    levels = [folder]
    while levels[-1] != root and levels[-1].parent != levels[-1] and root in levels[-1].parents:
        levels.append(levels[-1].parent)
    for level in reversed(levels):
        level.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        if os.name != "nt":
            st = level.stat()
            if st.st_mode & 0o077 and st.st_uid == os.getuid():
                os.chmod(level, FOLDER_MODE)
    return folder


def backups_root() -> Path:
    return data_dir() / "backups"


def _safe_stem(document: Path) -> str:
    stem = _UNSAFE.sub("_", document.stem).strip(" .")[:60].strip(" .")
    return stem or "未命名"


def folder_for(document: str | Path) -> Path:
    """The folder holding ``document``'s backups (which need not exist yet)."""
    p = Path(document)
    key = os.path.normcase(os.path.abspath(p))
    digest = sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return backups_root() / f"{_safe_stem(p)}-{digest}"


def _order(path: Path) -> tuple[str, int]:
    m = _NAME.fullmatch(path.name)
    assert m is not None
    return m["ts"], int(m["n"] or 1)


def list_backups(document: str | Path) -> list[Path]:
    """The backups of ``document``, newest first."""
    folder = folder_for(document)
    try:
        found = [Path(e.path) for e in os.scandir(folder) if e.is_file() and _NAME.fullmatch(e.name)]
    except OSError:
        return []
    return sorted(found, key=_order, reverse=True)


def taken_at(backup: str | Path) -> dt.datetime | None:
    """When a backup was taken (the version it holds was replaced), from its name."""
    m = _NAME.fullmatch(Path(backup).name)
    return dt.datetime.strptime(m["ts"], "%Y-%m-%d %H%M%S") if m else None


def keep(document: str | Path, data: bytes | None = None, now: dt.datetime | None = None) -> Path | None:
    """Back up ``document`` (its current bytes, or ``data``) and prune; the backup's path.

    ``None`` when there is nothing to back up (no such file, or too large). Raises ``OSError``
    when the backup cannot be written; the caller decides whether that matters.
    """
    p = Path(document)
    if data is None:
        try:
            data = reading.read_regular(p, MAX_BYTES)
        except (FileNotFoundError, reading.NotAFile, reading.TooLarge):
            return None
    folder = folder_for(p)
    private_folder(folder)
    remove_stale_temps(folder)
    existing = list_backups(p)
    if existing:
        with contextlib.suppress(OSError):
            if existing[0].read_bytes() == data:
                prune(p)  # a writer killed before pruning may have left one too many
                return existing[0]
    ts = (now or dt.datetime.now()).strftime("%Y-%m-%d %H%M%S")
    stem = _safe_stem(p)
    taken = [int(m["n"] or 1) for b in existing if (m := _NAME.fullmatch(b.name)) and m["ts"] == ts]
    n = max(taken, default=0) + 1
    name = f"{stem} {ts}{SUFFIX}" if n == 1 else f"{stem} {ts} ({n}){SUFFIX}"
    target = folder / name
    write_atomic(target, data, new_mode=FILE_MODE)
    prune(p)
    return target


def prune(document: str | Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``document``; return what was deleted."""
    removed = []
    for old in list_backups(document)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return removed
