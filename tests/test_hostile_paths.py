"""Files and names a clerk (or a script) could hand giedit that are not report files at all:
devices, pipes, sockets, endless streams, names too long or with forbidden characters. Each is
refused at once in one Chinese line, without an English OS phrase and without reading forever."""

from __future__ import annotations

import errno
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from make_broken import base
from paths import ROOT

from giedit import cli
from giedit.model import atomic, oserrors, reading, storage

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX devices, pipes and sockets")
ENGLISH = re.compile(r"[A-Za-z]{4,}")  # "File", "Permission", "Errno"… (not "giedit", see _no_english)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _no_english(text: str) -> None:
    """No English words outside the quoted file names 「…」."""
    words = set(ENGLISH.findall(re.sub(r"「[^」]*」", "", text))) - {"giedit"}
    assert not words, text


def giedit(*args: str, timeout: float = 30) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "giedit.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )
    return out, time.monotonic() - started


def _one_chinese_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and CJK.search(lines[0]) and "Traceback" not in err, err
    _no_english(lines[0].removeprefix("giedit："))
    return lines[0]


# -- not regular files ------------------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("command", ["check", "dump", "export"])
def test_dev_zero_is_refused_at_once(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [command, "/dev/zero"] + (["-o", str(tmp_path / "x.pdf")] if command == "export" else [])
    started = time.monotonic()
    assert cli.main(args) == 2
    elapsed = time.monotonic() - started
    assert elapsed < 1.0, elapsed
    assert "不是普通文件（是设备）" in _one_chinese_line(capsys.readouterr().err)


@POSIX
def test_a_fifo_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "报告.giedit"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert cli.main(["check", str(fifo)]) == 2  # opening it for reading would block forever
    assert time.monotonic() - started < 1.0
    assert "不是普通文件（是管道）" in _one_chinese_line(capsys.readouterr().err)
    with pytest.raises(storage.FileError, match="管道"):
        storage.load(fifo)


@POSIX
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.giedit"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        with pytest.raises(storage.FileError, match="套接字"):
            storage.load(path)
    finally:
        server.close()


@POSIX
def test_check_of_dev_zero_and_a_fifo_end_within_a_second_as_processes(tmp_path: Path) -> None:
    """The acceptance figure: each whole process, start-up included, exits 2 (a second of work at
    most; the interpreter's start on this 2-core machine is most of it)."""
    fifo = tmp_path / "pipe.giedit"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo), "/dev/urandom"):
        command = "dump" if "urandom" in target else "check"
        out, elapsed = giedit(command, target, timeout=10)
        print(f"giedit {command} {target}: exit {out.returncode} in {elapsed:.2f} s")
        assert out.returncode == 2, out.stderr
        _one_chinese_line(out.stderr)


def test_reads_are_capped_by_what_is_read_not_by_st_size(tmp_path: Path) -> None:
    """/proc files say they are empty and are not; a growing file says less than it gives."""
    proc = Path("/proc/self/status")
    if proc.exists():
        assert proc.stat().st_size == 0
        assert reading.read_regular(proc, 1 << 20)  # read in full although "empty"
        with pytest.raises(reading.TooLarge):
            reading.read_regular(proc, 10)
    big = tmp_path / "big.giedit"
    big.write_bytes(b" " * 5000)
    assert len(reading.read_regular(big, 5000)) == 5000
    with pytest.raises(reading.TooLarge):
        reading.read_regular(big, 4999)


def test_a_file_larger_than_a_report_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "MAX_BYTES", 1000)
    path = tmp_path / "大.giedit"
    path.write_bytes(b"{" + b" " * 2000 + b"}")
    with pytest.raises(storage.FileError, match="太大"):
        storage.load(path)


# -- names -------------------------------------------------------------------------------------------


def test_new_with_a_250_letter_name_exits_2_in_one_chinese_line(tmp_path: Path) -> None:
    name = tmp_path / ("a" * 250 + ".giedit")
    out, _ = giedit("new", "--year", "2024", "-o", str(name))
    assert out.returncode == 2
    assert "太长" in _one_chinese_line(out.stderr)
    assert list(tmp_path.iterdir()) == []


def test_a_247_byte_name_can_be_saved_and_saved_again(tmp_path: Path) -> None:
    """The temporary file beside it has a short name of its own, whatever the target is called."""
    name = "青" * 80 + "b" * 0 + ".giedit"  # 80 × 3 bytes + 7 = 247 bytes
    assert len(name.encode()) == 247
    path = tmp_path / name
    out, _ = giedit("new", "--year", "2024", "-o", str(path))
    assert out.returncode == 0, out.stderr
    storage.save(base(2024), path)  # replacing it goes through a temporary file too
    assert storage.load(path) == base(2024)
    assert len(atomic.temp_name(path).encode()) < 40


def test_a_name_too_long_to_look_at_is_a_chinese_message(tmp_path: Path) -> None:
    path = tmp_path / ("名" * 100 + ".giedit")  # 307 bytes: the OS refuses even to look
    with pytest.raises(storage.FileError) as caught:
        storage.save(base(2024), path)
    assert "太长" in str(caught.value)
    _no_english(str(caught.value))
    with pytest.raises(storage.FileError) as caught:
        storage.load(path)
    _no_english(str(caught.value))


def test_a_name_with_a_null_character_is_a_chinese_message(tmp_path: Path) -> None:
    path = str(tmp_path / "坏\0名.giedit")
    with pytest.raises(storage.FileError) as caught:
        storage.save(base(2024), path)
    assert "不允许使用的字符" in str(caught.value)
    with pytest.raises(storage.FileError, match="不允许使用的字符"):
        storage.load(path)


@pytest.mark.parametrize(
    "code", [errno.EFBIG, errno.ENAMETOOLONG, errno.EIO, errno.EMFILE, errno.ELOOP, errno.EXDEV, 9999]
)
def test_os_errors_are_told_without_the_systems_english(
    code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "报告.giedit"
    real_open = os.open

    def failing(p: object, *args: object, **kwargs: object) -> int:
        if str(p).endswith(".tmp"):
            raise OSError(code, os.strerror(code) if code != 9999 else "Unknown error", str(p))
        return real_open(p, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", failing)
    with pytest.raises(storage.FileError) as caught:
        storage.save(base(2024), path)
    monkeypatch.undo()
    msg = str(caught.value)
    assert CJK.search(msg) and "「报告.giedit」" in msg
    _no_english(msg)


def test_every_mapped_errno_reads_in_chinese() -> None:
    for code in sorted({getattr(errno, n) for n in dir(errno) if n.startswith("E")}):
        text = oserrors.reason(OSError(code, os.strerror(code)))
        assert CJK.search(text), (code, text)
        _no_english(text)
    assert oserrors.reason(ValueError("embedded null byte")) == "文件名含有不允许使用的字符"
    windows = OSError(errno.EACCES, "The process cannot access the file")
    windows.winerror = 32  # type: ignore[attr-defined]
    assert oserrors.is_locked(windows)


# -- a newer format ----------------------------------------------------------------------------------


def test_a_future_format_never_asks_for_the_version_that_is_running(tmp_path: Path) -> None:
    from giedit import __version__

    path = tmp_path / "新.giedit"
    doc = storage.to_document(base(2024))
    doc.update(file_format=storage.FILE_FORMAT + 1, min_reader=__version__)  # a mislabelled file
    path.write_text(storage.json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(storage.FileError) as caught:
        storage.load(path)
    msg = str(caught.value)
    assert f"需要 giedit {__version__} 或更新版本" not in msg
    assert "需要更新版本的 giedit" in msg and f"当前为 {__version__}" in msg
