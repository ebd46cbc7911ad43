"""Recovery copies: the editor's unsaved work, kept in the user data folder in case it dies.

While a clerk edits, the editor writes the report every few idle seconds to::

    <data dir>/recovery/<session>.recovery

never to the clerk's own file. ``<session>`` is a random id of one running editor window. The copy
is JSON: the document it belongs to (``None`` for a new report never saved), when it was written
and the report as a .giedit document. It is written atomically (``giedit.model.atomic``), so a
kill at any moment leaves the previous copy or the new one.

Each session holds an OS lock on ``<session>.lock`` for as long as it lives. When the editor is
killed, the OS drops the lock; the next editor to start finds the copy unlocked (an orphan) and
offers to restore it whenever it holds anything its document lacks: the report in the copy is
compared with the report in the file, never their times (a ``touch``, a sync tool or a copy with
old timestamps says nothing about content). Only an orphan whose report is exactly the one in
its document is stale and removed. A clean save or close removes the session's copy.

The data dir is that of ``giedit.model.backups`` (``GIEDIT_DATA_DIR`` overrides it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from giedit.model import atomic, reading, storage
from giedit.model.backups import FILE_MODE, data_dir, private_folder
from giedit.model.report import Report
from giedit.model.text import date_text

SUFFIX = ".recovery"
LOCK_SUFFIX = ".lock"
ORPHAN_LOCK_AGE_S = 60.0
KIND = "giedit-recovery"
VERSION = 1


def folder() -> Path:
    return data_dir() / "recovery"


# -- locks -------------------------------------------------------------------------------------

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> bool:
        # flock locks belong to the open file, so a second open in this process is refused too.
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _held_elsewhere(lock_path: Path) -> bool:
    """True while a live editor holds this lock."""
    try:
        handle = open(lock_path, "r+b")  # noqa: SIM115 (closed below); never creates the file
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: leave it alone
    try:
        if not _lock(handle):
            return True
        _unlock(handle)
        return False
    finally:
        handle.close()


# -- copies ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Copy:
    """A recovery copy found on disk."""

    path: Path
    document: Path | None  # the file it belongs to; None for a report never saved
    written_at: float  # seconds since the epoch
    title: str
    based_on: str | None = None  # digest of the document's content the unsaved work started from

    @property
    def when(self) -> str:
        """When it was written, local time, as the clerk reads it."""
        t = dt.datetime.fromtimestamp(self.written_at)
        return f"{date_text(t)} {t:%H:%M}"

    def load(self) -> Report:
        """The report in the copy; ``storage.FileError`` (Chinese) if it cannot be read."""
        raw = _read(self.path)
        if raw is None:
            raise storage.FileError("恢复副本已损坏，无法恢复。")
        return storage.from_document(raw.get("report"), "恢复副本")

    def remove(self) -> None:
        for p in (self.path, self.path.with_suffix(LOCK_SUFFIX)):
            with contextlib.suppress(OSError):
                p.unlink()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(reading.read_regular(path, storage.MAX_BYTES * 2).decode("utf-8"))
    except (OSError, ValueError, RecursionError, reading.NotAFile, reading.TooLarge):
        return None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        return None
    return data


def _copy(path: Path) -> Copy | None:
    data = _read(path)
    if data is None:
        return None
    document = data.get("document")
    written = data.get("written_at")
    if not isinstance(written, int | float) or not (document is None or isinstance(document, str)):
        return None
    title = data.get("title")
    based_on = data.get("based_on")
    return Copy(
        path,
        Path(document) if document else None,
        float(written),
        str(title or ""),
        based_on if isinstance(based_on, str) else None,
    )


def _stale(copy: Copy) -> bool:
    """The document holds exactly the copy's report: restoring would bring back nothing."""
    if copy.document is None:
        return False
    try:
        return copy.load() == storage.load(copy.document)
    except storage.FileError:
        return False  # the document is gone or unreadable: the copy is all there is


def pending() -> list[Copy]:
    """Copies left by editors that are no longer running and worth offering, newest first.

    Stale copies are removed on the way. Copies of running editors and unreadable files are
    left alone (an unreadable copy may come from a newer giedit).
    """
    root = folder()
    try:
        entries = sorted(root.glob("*" + SUFFIX))
    except OSError:
        return []
    atomic.remove_stale_temps(root)
    _remove_orphan_locks(root)
    found: list[Copy] = []
    for path in entries:
        if _held_elsewhere(path.with_suffix(LOCK_SUFFIX)):
            continue
        copy = _copy(path)
        if copy is None:
            continue
        if _stale(copy):
            copy.remove()
            continue
        found.append(copy)
    return sorted(found, key=lambda c: c.written_at, reverse=True)


def _remove_orphan_locks(root: Path) -> None:
    """Lock files of sessions that are gone and left no copy (an editor killed after its work was
    saved): nothing to offer, so nothing to keep; they piled up, one per killed editor. A lock
    younger than a minute is left alone: its session may be between creating and locking it."""
    with contextlib.suppress(OSError):
        for lock in root.glob("*" + LOCK_SUFFIX):
            young = time.time() - lock.stat().st_mtime < ORPHAN_LOCK_AGE_S
            if not young and not lock.with_suffix(SUFFIX).exists() and not _held_elsewhere(lock):
                with contextlib.suppress(OSError):
                    lock.unlink()


class Session:
    """The recovery copy of one running editor: written on idle, removed on a clean save or close."""

    def __init__(self, session_id: str | None = None) -> None:
        self.id = session_id or f"{time.strftime('%Y%m%d-%H%M%S')}-{os.urandom(4).hex()}"
        self.root = folder()  # fixed at the start, like the session
        self._lock: IO[bytes] | None = None

    @property
    def path(self) -> Path:
        return self.root / f"{self.id}{SUFFIX}"

    def _hold(self) -> None:
        if self._lock is not None:
            return
        private_folder(self.root)
        fd = os.open(self.root / f"{self.id}{LOCK_SUFFIX}", os.O_RDWR | os.O_CREAT, FILE_MODE)
        handle = os.fdopen(fd, "a+b")  # held while we live
        if not _lock(handle):
            handle.close()
            raise OSError(f"recovery session {self.id} is locked by another process")
        self._lock = handle

    def write(self, report: Report, document: Path | None, based_on: str | None = None) -> Path:
        """Write the recovery copy of ``report`` (belonging to ``document``, whose content with
        digest ``based_on`` the work started from); raises ``OSError``."""
        self._hold()
        now = time.time()
        data = {
            "kind": KIND,
            "version": VERSION,
            "document": str(Path(document).resolve()) if document else None,
            "title": report.display_title(),
            "written_at": now,
            "based_on": based_on,
            "pid": os.getpid(),
            "report": storage.to_document(report),
        }
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
        atomic.write_atomic(self.path, payload, new_mode=FILE_MODE)
        return self.path

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def discard(self) -> None:
        """Remove the copy (the work is saved, or the clerk chose not to keep it)."""
        with contextlib.suppress(OSError):
            self.path.unlink()

    def close(self) -> None:
        """Remove the copy and give up the lock (the editor is closing cleanly)."""
        self.discard()
        if self._lock is not None:
            _unlock(self._lock)
            self._lock.close()
            self._lock = None
            with contextlib.suppress(OSError):
                (self.root / f"{self.id}{LOCK_SUFFIX}").unlink()
