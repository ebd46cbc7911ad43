"""Writing exported files without destroying anything the clerk did not choose to replace.

- **Existing files** are replaced only where the caller says so (the editor after an explicit
  「替换」, the CLI with ``--force``); any other existing target stops the whole export before a
  byte is written. A target that *appears* while exporting is not replaced either: new files are
  created with ``atomic.create_new`` (one step of the file system, no check-then-write gap).
- **Several files are one export**: DOCX and PDF side by side are written all or none. Every file
  is first written in full to a temporary file beside its target; then they are switched in one
  after the other, keeping the previous versions aside (a hard link, or their bytes where links are
  not supported); if one switch fails (Word holds the DOCX open), the ones already switched are put
  back as they were and the export reports the failure. A kill in the microseconds between two
  switches can leave one new and one old file, never a half-written one.
- **Symbolic links** are written through: the file the link points to gets the new content and
  the link stays.
- **Messages** are Chinese and name the file; a target held open by another program says so in
  the words a clerk acts on: 文件正被其他程序打开，请关闭后再导出.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from giedit.export.options import ExportError
from giedit.model import atomic, oserrors, reading

MAX_NAME_BYTES = 255  # ext4, NTFS (in UTF-16 units), APFS: a file name's limit
MAX_OLD_BYTES = 512 * 1024 * 1024  # an old version kept in memory while switching
LOCKED = "文件正被其他程序打开，请关闭后再导出"


class TargetsExist(ExportError):
    """Existing files that the caller did not allow to be replaced; nothing was written."""

    def __init__(self, paths: list[Path]) -> None:
        names = "、".join(f"「{p.name}」" for p in paths)
        super().__init__(f"文件{names}已存在，为避免覆盖，没有导出任何文件。")
        self.paths = paths


DRAFT_MARK = "（草稿）"  # after the name of a draft's files
DEFAULT_FORMATS = ("docx", "pdf")  # what one click (and ``giedit export`` without -o) writes
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def export_stem(report_path: Path | None, title: str, draft: bool = False) -> str:
    """The exported files' name, shared by the editor and ``giedit export``: the report file's,
    else the report's title with the characters no file system takes replaced; a draft's marked."""
    stem = report_path.stem if report_path is not None else (safe_name(title).strip(" ._") or "年度报告")
    return fit_stem(stem, f"{DRAFT_MARK}（99）.docx") + (DRAFT_MARK if draft else "")


def safe_name(text: str) -> str:
    """``text`` with every run of characters that Windows, macOS or Linux refuse in a file name
    (and control characters) replaced by one "_": the exports' and the review's letters' rule."""
    return _UNSAFE_NAME.sub("_", text)


def fit_stem(stem: str, tail: str) -> str:
    """``stem`` clipped so that ``stem + tail`` is a legal file name everywhere (at most 255
    bytes of UTF-8 and 255 UTF-16 units); ``tail`` is what follows, e.g. "（草稿）（99）.docx"."""

    def size(text: str) -> int:
        return max(
            len(text.encode("utf-8", "surrogatepass")), len(text.encode("utf-16-le", "surrogatepass")) // 2
        )

    while stem and size(stem + tail) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(" .") or "年度报告"


def existing(paths: Sequence[str | Path]) -> list[Path]:
    """The paths where a file (or a link) already is; a folder is no file to replace (writing
    there fails with its own message)."""
    found = []
    for p in map(Path, paths):
        with contextlib.suppress(OSError, ValueError):
            if os.path.lexists(p) and not p.is_dir():
                found.append(p)
    return found


@dataclass
class _Target:
    requested: Path
    real: Path  # the file written: the requested path, or where its symlink points
    existed: bool
    data: bytes
    tmp: Path | None = None
    old: Path | bytes | None = None  # the previous version while switching
    switched: bool = False


def _error(err: BaseException, path: Path) -> ExportError:
    """An OS error while writing ``path`` as one Chinese message naming the file."""
    name = f"「{path.name}」"
    if isinstance(err, atomic.ReplaceLockedError) or oserrors.is_locked(err):
        return ExportError(f"无法导出到{name}：{LOCKED}。")
    if isinstance(err, FileExistsError):
        return TargetsExist([path])
    if isinstance(err, PermissionError):
        return ExportError(
            f"无法写入{name}：文件可能正被其他程序打开（如 Word、WPS 或 PDF 阅读器），或没有写入权限。"
            "请关闭该文件后重试，或换一个位置保存。"
        )
    if isinstance(err, IsADirectoryError):
        return ExportError(f"无法写入{name}：此位置已有同名的文件夹，请换一个文件名或位置。")
    if isinstance(err, FileNotFoundError):
        return ExportError(f"无法写入{name}：文件夹「{path.parent}」不存在。")
    code = getattr(err, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportError(f"磁盘空间不足，无法写入{name}；请清理磁盘空间后重试。")
    if code == errno.ENAMETOOLONG:
        return ExportError(f"无法写入{name}：文件名太长，请缩短文件名（或所在文件夹的路径）。")
    return ExportError(f"无法写入{name}：{oserrors.reason(err)}。")


def _plan(path: Path, data: bytes, replace: bool) -> _Target:
    try:
        real = Path(os.path.realpath(path)) if path.is_symlink() else path
        existed = os.path.lexists(real)
        if real.is_dir():
            raise IsADirectoryError(errno.EISDIR, "", str(path))
        if not real.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, "", str(path))
    except (OSError, ValueError) as err:
        raise _error(err, path) from None
    if existed and replace and not os.access(real, os.W_OK):
        raise ExportError(f"无法写入「{path.name}」：文件是只读的。请换一个文件名，或先取消它的只读属性。")
    return _Target(path, real, existed, data)


def _write_temp(target: _Target) -> None:
    folder = target.real.parent
    atomic.remove_stale_temps(folder, target.real.name)
    tmp = folder / atomic.temp_name(target.real)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    target.tmp = tmp
    try:
        view = memoryview(target.data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    if target.existed and os.name != "nt":
        with contextlib.suppress(OSError):
            os.chmod(tmp, os.stat(target.real).st_mode & 0o7777)


def _keep_old(target: _Target) -> None:
    """Keep the version about to be replaced, to put it back if a later switch fails."""
    aside = target.real.parent / atomic.temp_name(target.real)
    try:
        os.link(target.real, aside)
        target.old = aside
    except OSError:
        target.old = reading.read_regular(target.real, MAX_OLD_BYTES)


def _switch(target: _Target) -> None:
    assert target.tmp is not None
    if target.existed:
        _keep_old(target)
        atomic.replace(target.tmp, target.real)
    else:
        atomic.create_new(target.tmp, target.real)
    target.tmp = None
    target.switched = True


def _put_back(target: _Target) -> None:
    """Undo a switch: the previous version back in place, or the new file gone."""
    with contextlib.suppress(OSError):
        if isinstance(target.old, Path):
            os.replace(target.old, target.real)
            target.old = None
        elif isinstance(target.old, bytes):
            atomic.write_atomic(target.real, target.old)
        else:
            os.unlink(target.real)


def _clean(target: _Target) -> None:
    for leftover in (target.tmp, target.old if isinstance(target.old, Path) else None):
        if leftover is not None:
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_all(
    files: Sequence[tuple[str | Path, bytes]], replace: bool | Collection[Path] = False
) -> list[Path]:
    """Write every ``(path, bytes)`` or none; the paths written (as requested, links kept).

    ``replace``: ``True`` lets any existing file be replaced, a collection only those paths;
    any other existing target raises ``TargetsExist`` before anything is written.
    """

    def allowed(p: Path) -> bool:
        return replace is True or (not isinstance(replace, bool) and p in replace)

    targets = [_plan(Path(p), data, allowed(Path(p))) for p, data in files]
    refused = [t.requested for t in targets if t.existed and not allowed(t.requested)]
    if refused:
        raise TargetsExist(refused)
    if not targets:
        return []
    current = targets[0]
    try:
        for current in targets:
            _write_temp(current)
        for current in targets:
            _switch(current)
    except (OSError, ValueError, reading.TooLarge) as err:
        for done in reversed(targets):
            if done.switched:
                _put_back(done)
        raise _error(
            err if isinstance(err, OSError | ValueError) else OSError(errno.EFBIG, ""), current.requested
        ) from None
    finally:
        for target in targets:
            _clean(target)
    for folder in {t.real.parent for t in targets}:
        atomic.fsync_dir(folder)
    return [t.requested for t in targets]
