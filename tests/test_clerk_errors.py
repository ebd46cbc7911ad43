"""Every error whose message is meant for the clerk shares one base, so the CLI and the editor
each catch it once (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from giedit.export import ExportError
from giedit.importers import ImportFailed, NeedsYear
from giedit.importers.register_reader import RegisterUnreadable
from giedit.model.edits import InputError
from giedit.model.errors import ClerkError
from giedit.model.rollforward import RollForwardError
from giedit.model.storage import ConflictError, FileError
from giedit.review.result import ReviewFailed
from giedit.review.unit import ReadFailed


def test_every_message_for_the_clerk_derives_from_the_base() -> None:
    for kind in (
        FileError,
        ConflictError,
        ImportFailed,
        NeedsYear,
        ExportError,
        RollForwardError,
        InputError,
        ReviewFailed,
        ReadFailed,
        RegisterUnreadable,
    ):
        assert issubclass(kind, ClerkError), kind
    assert issubclass(InputError, ValueError) and issubclass(RollForwardError, ValueError)  # as before


def test_the_cli_prints_any_of_them_as_one_chinese_line_with_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.giedit"
    broken.write_bytes(b"\x00\x01 not json")  # FileError from the loader
    for args in (
        ["dump", str(broken)],
        ["export", "--draft", str(broken), "-o", str(tmp_path / "x.pdf")],
        ["new", "--from", str(broken), "-o", str(tmp_path / "n.giedit")],
    ):
        out = subprocess.run([sys.executable, "-m", "giedit", *args], capture_output=True, text=True)
        assert out.returncode == 2, (args, out.stderr)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("giedit："), (args, out.stderr)
        assert "Traceback" not in out.stderr and "Error" not in out.stderr
