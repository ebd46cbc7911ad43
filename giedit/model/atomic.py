"""Writing a file so that it is either the old version or the new one, never a mix.

``write_atomic`` writes the bytes to a temporary file in the target's folder, flushes and fsyncs
it, reads it back for the caller to verify, then ``os.replace``-s it over the target and (on POSIX)
fsyncs the folder. A crash or a kill at any moment leaves the target as it was or as it is meant
to be; what it can leave behind is a temporary file, named ``.~<hash of the target name>.<pid>-
<random>.tmp``: about 35 bytes whatever the target is called, so any name the file system accepts
for the target (up to 255 bytes) can be saved. Those are removed by the next write to the same
target once the process that made them is gone (on Windows, where the process cannot be asked
about cheaply, once they are a minute old), so they never pile up.

``exclusive=True`` creates the target only if no file of that name exists at the moment of the
switch (a hard link, which fails when the name is taken; ``os.rename`` on Windows, which never
replaces): a file that appeared after the caller looked is never overwritten.

Errors are plain ``OSError`` (or whatever ``verify`` raises); the caller turns them into words.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from giedit.model.digests import sha256

_WINDOWS = os.name == "nt"
REPLACE_RETRIES = 10  # Windows: the target may be held open briefly by an indexer or antivirus
REPLACE_DELAY = 0.1  # seconds between retries
STALE_AGE = 60.0  # Windows: a temp file untouched this long is an orphan

_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp")
_in_use: set[str] = set()  # temp files this process is writing right now


class ReplaceLockedError(PermissionError):
    """Windows: the target stayed locked by another program through every retry."""


def _key(name: str) -> str:
    """A short stand-in for a target name in its temp files' names."""
    return "~" + sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def temp_name(target: Path) -> str:
    return f".{_key(target.name)}.{os.getpid()}-{os.urandom(4).hex()}.tmp"


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
        # the name itself: temp files of giedit versions before the short names
        if m is None or (name is not None and m["name"] not in (name, _key(name))):
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


def replace(src: Path, dst: Path) -> None:
    """``os.replace``; on Windows retried while another program briefly holds the target."""
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


_NO_HARD_LINKS = {errno.EPERM, errno.EMLINK, errno.EXDEV, errno.ENOSYS} | {
    getattr(errno, n) for n in ("ENOTSUP", "EOPNOTSUPP") if hasattr(errno, n)
}


def create_new(src: Path, dst: Path) -> None:
    """Move ``src`` to ``dst`` only if ``dst`` does not exist; ``FileExistsError`` if it does.

    The check and the creation are one step of the file system, so two writers racing for one
    name cannot both win. Where hard links are not supported (FAT, some network shares) the name
    is first claimed with an exclusive create, then the data is switched in.
    """
    if _WINDOWS:
        os.rename(src, dst)  # never replaces on Windows
        return
    try:
        os.link(src, dst)
    except FileExistsError:
        raise
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:
            raise
        os.close(os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            os.replace(src, dst)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(dst)
            raise
        return
    os.unlink(src)


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
    *,
    exclusive: bool = False,
    new_mode: int = 0o666,
) -> None:
    """Replace ``target`` with ``data`` atomically.

    ``verify`` gets the bytes read back from the temp file and raises if they are not right;
    ``before_replace`` runs just before the switch (to back up the old file, or to make sure the
    file is still the one the caller read: whatever it raises stops the save). ``exclusive``:
    create the target, never replace one (``FileExistsError``). ``new_mode``: the permissions of
    a new file (before the umask); an existing file keeps its own. On any failure the temp file
    is removed and the target is untouched.
    """
    folder = target.parent
    remove_stale_temps(folder, target.name)
    try:
        mode = None if exclusive else os.stat(target).st_mode & 0o7777
    except OSError:
        mode = None
    tmp = folder / temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), new_mode)
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
        if exclusive:
            create_new(tmp, target)
        else:
            replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        _in_use.discard(str(tmp))
    fsync_dir(folder)
