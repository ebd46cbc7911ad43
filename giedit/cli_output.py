"""What the command line writes for the clerk: its one-line messages and the files it may create.

``giedit`` and ``giedit register`` each refused an existing output file; the register command
had its own, shorter check (a folder given as ``-o`` was called an existing file, and a name the
system cannot hold ended in a traceback). Both read this one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from giedit.model.oserrors import reason
from giedit.model.text import clip

MAX_NAME_BYTES = 255  # what Windows, macOS and Linux file systems allow for one name


def err(message: str) -> None:
    """One line for the clerk on stderr, marked as giedit's."""
    print(f"giedit：{message}", file=sys.stderr)


def free_output(name: str, force: bool = False) -> Path | None:
    """The output path, or None (with a message) when it would overwrite a file (unless ``force``)
    or cannot be a file name at all. The writers check again at the moment they create the file."""
    out = Path(name)
    try:
        taken = os.path.lexists(out)
        if taken and out.is_dir():
            err(f"「{out.name}」是文件夹，请指定要写入的文件名。")
            return None
    except (OSError, ValueError) as problem:
        err(f"无法使用文件名「{out.name[:60]}」：{reason(problem)}。")
        return None
    if len(out.name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        err(f"文件名「{clip(out.name, 41)}」太长（超过 {MAX_NAME_BYTES} 字节），请缩短文件名。")
        return None
    if taken and not force:
        err(f"文件「{out.name}」已存在，为避免覆盖，请换一个文件名。")
        return None
    return out
