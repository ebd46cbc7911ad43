"""Who is editing a report: a lock file beside the document, naming its owner.

An editor that opens ``报告.giedit`` for editing creates ``.~lock.报告.giedit#`` in the same folder
(the convention of LibreOffice, so a clerk who has seen those files before recognises them). It
holds JSON: the user, the computer, the process id, when editing began, a random token that tells
one window from another, and whether the window has unsaved changes. Because it lies beside the
document it is seen by every giedit that opens the file, on this computer or, through a shared
folder, on another one. A second editor is told who has the file open and may open it read-only.

The file is created exclusively (``atomic.create_new``: of two editors racing, one wins) and
refreshed (its modification time) every ``REFRESH_S`` seconds while the editor lives. A lock is
stale, and is taken over, when its owner is gone: on the same computer its process no longer
exists; anywhere, it has not been refreshed for ``STALE_S`` seconds (a crashed editor on another
computer, or a token this very process no longer holds). A lock that cannot be made (a read-only
folder, a CD) is no error: the editor works without one, and the content check before every save
(``storage.save(expect=…)``) still guards against overwriting someone else's work.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from giedit import __version__
from giedit.model import atomic, reading
from giedit.model.digests import sha256

PREFIX = ".~lock."
SUFFIX = "#"
REFRESH_S = 60.0
STALE_S = 30 * 60.0
MAX_NAME_BYTES = 255
MAX_LOCK_BYTES = 64 * 1024

_held: set[str] = set()  # tokens of the locks this process holds


class Locked(Exception):
    """The document is being edited elsewhere; ``owner`` says by whom."""

    def __init__(self, owner: Owner) -> None:
        super().__init__(owner.describe())
        self.owner = owner


def this_computer() -> str:
    if os.name == "nt":
        return os.environ.get("COMPUTERNAME", "") or "本机"
    return os.uname().nodename or "本机"


def this_user() -> str:
    try:
        return getpass.getuser() or "未知用户"
    except Exception:  # no user name anywhere in the environment
        return "未知用户"


@dataclass(frozen=True)
class Owner:
    """The editor named in a lock file."""

    user: str
    host: str
    pid: int
    since: float
    token: str
    modified: bool = False
    refreshed: float = 0.0  # the lock file's modification time

    def describe(self) -> str:
        """Who and where, as the clerk reads it: 张三（电脑 PC-01）."""
        here = self.host.casefold() == this_computer().casefold()
        where = "本机" if here else f"电脑 {self.host}"
        return f"{self.user}（{where}）"

    @property
    def when(self) -> str:
        t = dt.datetime.fromtimestamp(self.since)
        today = dt.date.today()
        day = "今天" if t.date() == today else f"{t.month}月{t.day}日"
        return f"{day} {t:%H:%M}"

    @property
    def mine(self) -> bool:
        """Held by a window of this process."""
        return self.token in _held


def lock_path(document: str | Path) -> Path:
    """Where the lock of ``document`` lives; a short stand-in name where the document's is long."""
    p = Path(document)
    name = f"{PREFIX}{p.name}{SUFFIX}"
    if len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        digest = sha256(p.name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        name = f"{PREFIX}{digest}{SUFFIX}"
    return p.with_name(name)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _read(path: Path) -> tuple[Owner | None, os.stat_result] | None:
    """The owner in a lock file (``None`` if it is no giedit lock) and its stat; ``None`` if absent."""
    try:
        st = os.stat(path)
        raw = reading.read_regular(path, MAX_LOCK_BYTES)
    except (OSError, ValueError, reading.NotAFile, reading.TooLarge):
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        owner = Owner(
            user=str(data["user"])[:60],
            host=str(data["host"])[:60],
            pid=int(data["pid"]),
            since=float(data["since"]),
            token=str(data["token"]),
            modified=bool(data.get("modified", False)),
            refreshed=st.st_mtime,
        )
    except (ValueError, TypeError, KeyError, OverflowError, AttributeError):
        return None, st
    return owner, st


def is_stale(owner: Owner | None, refreshed: float) -> bool:
    """Nobody is behind this lock any more (see the module docstring)."""
    if owner is None:
        return True  # not a giedit lock, or damaged: nothing to respect
    if time.time() - refreshed > STALE_S:
        return True
    if owner.host.casefold() == this_computer().casefold():
        if owner.pid == os.getpid():
            return not owner.mine
        return not _pid_alive(owner.pid)
    return False


def holder(document: str | Path) -> Owner | None:
    """The live editor holding ``document`` (possibly a window of this process), else ``None``."""
    found = _read(lock_path(document))
    if found is None:
        return None
    owner, st = found
    return None if is_stale(owner, st.st_mtime) else owner


def _payload(token: str, modified: bool, since: float) -> bytes:
    data = {
        "app": "giedit",
        "version": __version__,
        "user": this_user(),
        "host": this_computer(),
        "pid": os.getpid(),
        "since": since,
        "token": token,
        "modified": modified,
    }
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _hide(path: Path) -> None:
    """Windows: hide the lock file as Word hides its ``~$`` owner files."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import ctypes

        with contextlib.suppress(Exception):
            ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)  # FILE_ATTRIBUTE_HIDDEN


class DocumentLock:
    """The lock this window holds on one document."""

    def __init__(self, document: Path, path: Path, token: str, since: float) -> None:
        self.document = document
        self.path = path
        self.token = token
        self.since = since
        self.modified = False

    @classmethod
    def acquire(cls, document: str | Path) -> DocumentLock:
        """Lock ``document`` for this window. ``Locked`` when a live editor holds it; ``OSError``
        when no lock file can be made there (the caller then goes on without one)."""
        doc = Path(document)
        path = lock_path(doc)
        token, since = os.urandom(8).hex(), time.time()
        owner: Owner | None = None
        for _attempt in range(3):
            try:
                atomic.write_atomic(path, _payload(token, False, since), exclusive=True)
            except FileExistsError:
                found = _read(path)
                if found is None:
                    continue  # it went away meanwhile: try again
                owner, st = found
                if not is_stale(owner, st.st_mtime):
                    assert owner is not None
                    raise Locked(owner) from None
                _remove_if_unchanged(path, st)
                continue
            _held.add(token)
            _hide(path)
            return cls(doc, path, token, since)
        if owner is not None:
            raise Locked(owner)
        raise FileExistsError(path)

    @property
    def ours(self) -> bool:
        found = _read(self.path)
        return found is not None and found[0] is not None and found[0].token == self.token

    def refresh(self, modified: bool | None = None) -> bool:
        """Show we are alive (and whether there are unsaved changes); False if the lock was lost."""
        if not self.ours:
            return False
        try:
            if modified is not None and modified != self.modified:
                atomic.write_atomic(self.path, _payload(self.token, modified, self.since))
                self.modified = modified
            else:
                os.utime(self.path)
        except OSError:
            return False
        return True

    def release(self) -> None:
        _held.discard(self.token)
        if self.ours:
            with contextlib.suppress(OSError):
                self.path.unlink()


def _remove_if_unchanged(path: Path, seen: os.stat_result) -> None:
    """Remove a stale lock, unless it was replaced since we looked (another editor took it)."""
    with contextlib.suppress(OSError):
        now = os.stat(path)
        if (now.st_ino, now.st_mtime_ns, now.st_size) == (seen.st_ino, seen.st_mtime_ns, seen.st_size):
            path.unlink()
