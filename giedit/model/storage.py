"""Reading and writing .giedit files (UTF-8 JSON with an integer ``file_format``).

Every failure a clerk can cause (a damaged file, a file from a newer giedit, a file that is not a
report, a full disk, a folder without write permission) becomes a ``FileError`` carrying one line
of Chinese; callers never see a traceback. Loading never writes: a refused file keeps its bytes.

Saving (``save``) is atomic: the document is written to a temp file in the same folder, flushed,
fsynced, read back and checked (it must load into a report equal to the one saved), and only then
switched in with ``os.replace`` (see ``giedit.model.atomic``). The file at the path is therefore
always either the previous version or the new one. Before the switch the previous version is
copied to the backups in the user data folder (``giedit.model.backups``: the last 5 per
document); a backup that cannot be made does not stop the save, and ``save`` returns why, for the
editor to tell the clerk. ``save(..., expect=digest)`` switches in only while the file on disk is
still the one with that content (the editor's guard against two windows overwriting each other);
``save(..., exclusive=True)`` only creates, never replaces (the CLI's ``new`` and ``import``).

Reading is bounded (``giedit.model.reading``): only regular files, never more than ``MAX_BYTES``
actually read, so a device, a pipe or an endless file is refused at once.

The user data folder is ``platformdirs.user_data_dir("giedit", appauthor=False)``; set the
environment variable ``GIEDIT_DATA_DIR`` to use another folder (tests and CI do).

Older file formats are upgraded on load by the steps in ``giedit.model.migrations``; a file in a
newer format is refused with a message naming the giedit version it needs (``min_reader``).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from giedit import __version__
from giedit.model import atomic, backups, migrations, oserrors, reading
from giedit.model.digests import sha256
from giedit.model.errors import ClerkError
from giedit.model.formats import FORMATS
from giedit.model.records import ValidationError
from giedit.model.report import Report
from giedit.model.text import clip

FILE_FORMAT = 3
# The oldest giedit that reads FILE_FORMAT: written into every file so that an older giedit can tell
# the clerk what to install. Set it to the new release's version whenever FILE_FORMAT is bumped.
MIN_READER = "0.2.0"
SUFFIX = ".giedit"
MAX_BYTES = 64 * 1024 * 1024  # a report is a few hundred KB at most; anything far larger is not one


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_VERSION = re.compile(r"\d+(\.\d+){0,3}[0-9A-Za-z.+-]{0,16}")


class FileError(ClerkError):
    """A file could not be read or written; ``str(err)`` is a one-line Chinese message."""


class ConflictError(FileError):
    """The file on disk is no longer the version the caller read (another program changed it)."""


class _VerifyError(Exception):
    """The temp file did not read back as the report being saved."""


@dataclass(frozen=True)
class Saved:
    """What a save did: the digest of the bytes now in the file, and why no backup was made."""

    digest: str
    backup_problem: str | None = None


def digest(data: bytes) -> str:
    """The content fingerprint giedit compares files by (SHA-256, hex)."""
    return sha256(data).hexdigest()


def _clean(text: object, limit: int = 80) -> str:
    """``text`` made safe for a one-line message (no control characters, bounded length)."""
    s = _CONTROL.sub("?", str(text))
    return clip(s, limit)


def _quoted(path: Path) -> str:
    return f"「{_clean(path.name)}」"


# -- documents -------------------------------------------------------------------------------------


def to_document(report: Report) -> dict[str, Any]:
    """The JSON document of a report, with the keys that identify the file first."""
    data = report.model_dump(mode="json")
    if not data.get("sources"):
        data.pop("sources", None)  # optional: a report made in giedit stays readable by older versions
    link = data.get("register_link")
    if isinstance(link, dict) and not link.get("unresolved"):
        link.pop("unresolved", None)  # optional likewise: a fully counted register reads as before
    return {
        "file_format": FILE_FORMAT,
        "min_reader": MIN_READER,
        "writer": {"app": "giedit", "version": __version__},
        "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "report": data,
    }


def dumps(report: Report) -> str:
    return json.dumps(to_document(report), ensure_ascii=False, indent=1) + "\n"


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version)[:4])


def _needed_version(doc: dict[str, Any]) -> str | None:
    """The giedit version a newer document asks for: ``min_reader``, else the writer's version.

    Only a version newer than this one can be the one needed: a file that claims to need this
    version (or an older one) while using a newer format is mislabelled, and naming that version
    would tell the clerk to install what they already have."""
    writer = doc.get("writer")
    for v in (
        doc.get("min_reader"),
        writer.get("version") if isinstance(writer, dict) else None,
        doc.get("giedit_version"),
    ):
        if isinstance(v, str) and _VERSION.fullmatch(v) and _release(v) > _release(__version__):
            return v
    return None


def from_document(doc: object, name: str = "文件") -> Report:
    """Validate a parsed JSON document into a report; ``FileError`` with a Chinese message if not."""
    not_report = FileError(f"{name}不是 giedit 年度报告文件，无法打开。")
    if not isinstance(doc, dict) or "file_format" not in doc:
        raise not_report
    version = doc["file_format"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FileError(f"{name}的文件格式版本无效，无法打开。")
    if version > FILE_FORMAT:
        needed = _needed_version(doc)
        wanted = f"需要 giedit {needed} 或更新版本" if needed else "需要更新版本的 giedit "
        raise FileError(
            f"{name}由较新的 giedit 保存（文件格式 {version}），{wanted}才能打开（当前为 {__version__}）。"
        )
    try:
        doc = migrations.upgrade(doc, FILE_FORMAT)
    except (migrations.MigrationError, KeyError, TypeError, ValueError, AttributeError):
        raise FileError(f"{name}的文件头已损坏（文件格式 {version}），无法打开。") from None
    data = doc.get("report")
    if not isinstance(data, dict):
        raise not_report
    fmt = data.get("format")
    if not isinstance(fmt, str) or fmt not in FORMATS:
        if fmt is None:
            raise FileError(f"{name}缺少报告格式（format），无法打开。")
        raise FileError(f"{name}使用了未知的报告格式「{_clean(fmt, 20)}」，无法打开。")
    previous = data.get("previous")
    last = previous.get("format") if isinstance(previous, dict) else None  # the cross-year rules read it
    if isinstance(last, str) and last not in FORMATS:
        raise FileError(f"{name}内容已损坏（「previous.format」无效），无法打开。")
    try:
        report = Report.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = _clean(".".join(str(p) for p in first["loc"]) or "report", 60)
        if first["type"] == "missing":
            raise FileError(f"{name}内容不完整，缺少「{where}」，无法打开。") from None
        raise FileError(f"{name}内容已损坏（「{where}」无效），无法打开。") from None
    # Cells and sections absent from the file stay absent: an imported report whose source lacked
    # a table or a part keeps reporting N-E1 after saving and reopening (the editor shows them blank).
    return report


def loads(text: str, name: str = "文件") -> Report:
    if not text.strip():
        raise FileError(f"{name}是空文件，不是 giedit 年度报告，无法打开。")
    try:
        doc = json.loads(text)
        if "\\u" in text:  # only an escape can hold a lone surrogate ("\ud800"), which could never be saved
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):  # JSONDecodeError, over-long integers, absurd nesting, surrogates
        raise FileError(f"{name}已损坏或不完整（不是有效的 JSON），无法打开。") from None
    return from_document(doc, name)


def read(path: str | Path) -> bytes:
    """The bytes of a .giedit file, read without trusting it; ``FileError`` (Chinese) if not."""
    p = Path(path)
    name = _quoted(p)
    try:
        return reading.read_regular(p, MAX_BYTES)
    except reading.NotAFile as err:
        if err.kind == "文件夹":
            raise FileError(f"{name}是文件夹，不是报告文件。") from None
        raise FileError(f"{name}不是普通文件（是{err.kind}），不是 giedit 年度报告文件。") from None
    except reading.TooLarge:
        raise FileError(f"{name}太大，不是 giedit 年度报告文件。") from None
    except (OSError, ValueError) as err:
        raise FileError(oserrors.read_failure(err, name)) from None


def parse(raw: bytes, name: str = "文件") -> Report:
    """The report in a .giedit file's bytes (``name``, quoted, is used in messages)."""
    if b"\x00" in raw:
        raise FileError(f"{name}不是 giedit 年度报告文件（是二进制文件），无法打开。")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(f"{name}不是 giedit 年度报告文件（不是 UTF-8 文本），无法打开。") from None
    return loads(text, name)


def load(path: str | Path) -> Report:
    """Load a .giedit file; ``FileError`` (Chinese) for anything a clerk could hand us. Never writes."""
    return parse(read(path), _quoted(Path(path)))


def load_file(path: str | Path) -> tuple[Report, str]:
    """``load``, and the digest of the very bytes the report was read from (for ``save(expect=)``)."""
    raw = read(path)
    return parse(raw, _quoted(Path(path))), digest(raw)


def on_disk(path: str | Path) -> str | None:
    """The digest of the file now at ``path``; ``None`` when there is none (or it cannot be read)."""
    try:
        return digest(reading.read_regular(path, MAX_BYTES))
    except (OSError, ValueError, reading.NotAFile, reading.TooLarge):
        return None


# -- saving ----------------------------------------------------------------------------------------


def _verifier(report: Report, data: bytes, name: str):
    expected = report.model_copy(deep=True)

    def verify(raw: bytes) -> None:
        if raw != data:
            raise _VerifyError
        try:
            again = loads(raw.decode("utf-8"), name)
        except FileError:
            raise _VerifyError from None
        if again != expected:
            raise _VerifyError

    return verify


def _back_up(target: Path) -> str | None:
    """Back up the file about to be replaced; why it could not be, in Chinese (or ``None``)."""
    try:
        backups.keep(target)
    except Exception as err:  # a backup must never stop a save
        import logging  # only on this rare path: the logging module costs ~5 ms at every start

        logging.getLogger(__name__).warning("could not back up %s: %s", target, err)
        return f"无法保留「{_clean(target.name)}」的历史版本（{oserrors.reason(err)}），文件本身已保存"
    return None


def _save_error(err: OSError, p: Path, existed: bool) -> FileError:
    name = _quoted(p)
    folder = f"「{_clean(p.parent.name or p.parent, 60)}」"
    intact = "原来的文件完好未改动" if existed else "没有写入任何文件"
    code = err.errno
    if isinstance(err, FileExistsError):
        return FileError(f"文件{name}已存在，为避免覆盖，没有写入；请换一个文件名。")
    if code == errno.ENAMETOOLONG:
        return FileError(f"文件名{name}太长，无法保存；请缩短文件名（或所在文件夹的路径）。")
    if isinstance(err, atomic.ReplaceLockedError):
        return FileError(
            f"{name}正被其他程序占用，无法保存，{intact}；请关闭占用它的程序（如 WPS、杀毒软件）后重试。"
        )
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return FileError(f"磁盘空间不足，无法保存{name}，{intact}；请清理磁盘空间后重试。")
    if code in (errno.EACCES, errno.EPERM):
        return FileError(f"没有权限在文件夹{folder}中保存{name}，{intact}；请另存到其他文件夹。")
    if code == errno.EROFS:
        return FileError(f"文件夹{folder}所在的磁盘是只读的，无法保存{name}，{intact}；请另存到其他位置。")
    if code == errno.ENOENT:
        return FileError(f"文件夹{folder}不存在，无法保存{name}。")
    return FileError(f"无法保存{name}（{oserrors.reason(err)}），{intact}。")


def _path_error(p: Path, err: OSError | ValueError) -> FileError:
    """A path that cannot even be looked at (too long, forbidden characters)."""
    if isinstance(err, OSError) and err.errno == errno.ENAMETOOLONG:
        return FileError(f"文件名{_quoted(p)}太长，无法保存；请缩短文件名（或所在文件夹的路径）。")
    return FileError(f"无法保存{_quoted(p)}（{oserrors.reason(err)}）。")


def save(
    report: Report,
    path: str | Path,
    *,
    backup: bool = True,
    expect: str | None = None,
    exclusive: bool = False,
) -> Saved:
    """Write ``report`` to ``path`` atomically, backing up the previous version; ``FileError`` if not.

    Whatever happens (a crash, a kill, a full disk) the file at ``path`` is afterwards either the
    previous version or the new one. ``backup=False`` skips the backup (for generated files such as
    test samples, which have no clerk to protect). ``expect``: the digest the file must still have
    at the moment of the switch, else ``ConflictError`` and nothing is written. ``exclusive``:
    create a new file only; a file of that name, even one that appears while saving, is never
    replaced.
    """
    p = Path(path)
    try:
        if p.is_symlink():
            p = Path(os.path.realpath(p))  # write through the link, keep the link
        is_dir, existed = p.is_dir(), p.exists()
    except (OSError, ValueError) as err:
        raise _path_error(p, err) from None
    name = _quoted(p)
    if is_dir:
        raise FileError(f"{name}是文件夹，无法保存为报告文件。")
    if existed and exclusive:
        raise FileError(f"文件{name}已存在，为避免覆盖，没有写入；请换一个文件名。")
    if existed and not os.access(p, os.W_OK):
        raise FileError(f"{name}是只读文件，无法保存，原来的文件完好未改动；请另存为其他文件。")
    data = dumps(report).encode("utf-8")
    problems: list[str] = []

    def before_replace() -> None:
        if expect is not None and on_disk(p) not in (expect, None):
            raise ConflictError(f"{name}在打开之后已被其他程序修改，没有保存，磁盘上的文件未改动。")
        if backup and not exclusive and (problem := _back_up(p)):
            problems.append(problem)

    try:
        atomic.write_atomic(
            p,
            data,
            verify=_verifier(report, data, name),
            before_replace=before_replace,
            exclusive=exclusive,
        )
    except _VerifyError:
        intact = "原来的文件完好未改动" if existed else "没有写入任何文件"
        raise FileError(f"保存{name}时写入的内容读回后不一致（磁盘可能有故障），{intact}。") from None
    except OSError as err:
        raise _save_error(err, p, existed) from None
    except ValueError as err:  # a NUL in the name: the OS is never even asked
        raise _path_error(p, err) from None
    return Saved(digest(data), problems[0] if problems else None)
