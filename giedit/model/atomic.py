"""Writing a file so that it is either the old version or the new one, never a mix.

``write_atomic`` writes the bytes to a temporary file in the target's folder, flushes and fsyncs
it, reads it back for the caller to verify, then ``os.replace``-s it over the target and (on POSIX)
fsyncs the folder. A crash or a kill at any moment leaves the target as it was or as it is meant
to be; what it can leave behind is a temporary file, named ``.<target name>.<pid>-<random>.tmp``.
Those are removed by the next write to the same target once the process that made them is gone
(on Windows, where the process cannot be asked about cheaply, once they are a minute old), so they
never pile up.

Errors are plain ``OSError`` (or whatever ``verify`` raises); the caller turns them into words.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path

_WINDOWS = os.name == "nt"
REPLACE_RETRIES = 10  # Windows: the target may be held open briefly by an indexer or antivirus
REPLACE_DELAY = 0.1  # seconds between retries
STALE_AGE = 60.0  # Windows: a temp file untouched this long is an orphan

_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp")
_in_use: set[str] = set()  # temp files this process is writing right now


class ReplaceLockedError(PermissionError):
    """Windows: the target stayed locked by another program through every retry."""


def temp_name(target: Path) -> str:
    return f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: alive, owned by someone else
        return True
    return True


def _is_stale(path: Path, pid: int) -> bool:
    if str(path) in _in_use:
        return False
    if _WINDOWS:
        try:
            return time.time() - path.stat().st_mtime > STALE_AGE
        except OSError:
            return False
    return not _pid_alive(pid)


def remove_stale_temps(folder: Path, name: str | None = None) -> list[Path]:
    """Delete temp files in ``folder`` (those for target ``name``, or all) left by writers that died."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP.fullmatch(entry.name)
        if m is None or (name is not None and m["name"] != name):
            continue
        path = Path(entry.path)
        if _is_stale(path, int(m["pid"])):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _replace(src: Path, dst: Path) -> None:
    for attempt in range(REPLACE_RETRIES if _WINDOWS else 1):
        try:
            os.replace(src, dst)
            return
        except PermissionError as err:
            if not _WINDOWS:
                raise
            if attempt == REPLACE_RETRIES - 1:
                raise ReplaceLockedError(err.errno, err.strerror, str(dst)) from err
            time.sleep(REPLACE_DELAY)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be fsynced."""
    if _WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(
    target: Path,
    data: bytes,
    verify: Callable[[bytes], None] | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace ``target`` with ``data`` atomically.

    ``verify`` gets the bytes read back from the temp file and raises if they are not right;
    ``before_replace`` runs just before the switch (to back up the old file) and must not raise.
    On any failure the temp file is removed and the target is untouched.
    """
    folder = target.parent
    remove_stale_temps(folder, target.name)
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        mode = None
    tmp = folder / temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    _in_use.add(str(tmp))
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None and not _WINDOWS:
            with contextlib.suppress(OSError):
                os.chmod(tmp, mode)
        if verify is not None:
            verify(tmp.read_bytes())
        if before_replace is not None:
            before_replace()
        _replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        _in_use.discard(str(tmp))
    fsync_dir(folder)
