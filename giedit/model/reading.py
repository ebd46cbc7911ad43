"""Reading a file a clerk names without trusting it: regular files only, and never too much.

``st_size`` says nothing about devices (``/dev/zero`` reports 0 and never ends), pipes (opening a
FIFO blocks until someone writes) or files that grow while they are read. So a path is first
``stat``-ed and refused at once unless it is a regular file; it is then opened without blocking,
checked again on the open handle (the path may have been swapped in between), and read in chunks
until ``limit`` bytes have *actually* been read. One byte more and the file is refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

CHUNK = 1 << 20


class NotAFile(Exception):
    """The path is not a regular file; ``kind`` says what it is, in Chinese."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class TooLarge(Exception):
    """More than the limit could be read."""


def kind_of(mode: int) -> str | None:
    """``None`` for a regular file, else what the path is (文件夹, 设备, 管道…)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "文件夹"
    if stat.S_ISFIFO(mode):
        return "管道"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备"
    return "特殊文件"


_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed), at most ``limit`` of them.

    Raises ``NotAFile`` at once for folders, devices, pipes and sockets (nothing is opened that
    could block), ``TooLarge`` when more than ``limit`` bytes are there, ``OSError`` otherwise.
    """
    kind = kind_of(os.stat(path).st_mode)
    if kind is not None:
        raise NotAFile(kind)
    fd = os.open(path, _FLAGS)
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotAFile(kind)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge
        return b"".join(chunks)
    finally:
        os.close(fd)
