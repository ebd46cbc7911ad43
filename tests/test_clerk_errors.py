"""Every error whose message is meant for the clerk shares one base, so the CLI and the editor
each catch it once (issue 15)."""

from __future__ import annotations

import errno
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from giedit.export import ExportError
from giedit.importers import ImportFailed, NeedsYear
from giedit.importers.register_reader import RegisterUnreadable
from giedit.model.edits import InputError
from giedit.model.errors import ClerkError
from giedit.model.rollforward import RollForwardError
from giedit.model.storage import ConflictError, FileError
from giedit.review.result import ReviewFailed
from giedit.review.unit import ReadFailed

# Exceptions giedit defines that are not messages for the clerk, and why. Any other exception
# class must derive from ClerkError, so that the CLI and the editor catch it once.
INTERNAL = {
    "giedit.model.records.ValidationError": "a field's place and kind; storage words it for the clerk",
    "giedit.model.storage._VerifyError": "a written file read back wrong; saving retries or says so",
    "giedit.model.locks.Locked": "carries who holds the file; the sharing bar shows it",
    "giedit.model.atomic.ReplaceLockedError": "an OSError: export and saving name its reason",
    "giedit.model.reading.NotAFile": "a word (文件夹, 设备) that the readers put in their message",
    "giedit.model.reading.TooLarge": "a size limit; the readers say which file and what limit",
    "giedit.model.sentences._Blank": "control flow inside sentence generation",
    "giedit.model.migrations.MigrationError": "a damaged file; storage turns it into a FileError",
    "giedit.selftest.StepFailed": "the self-test's report for whoever supports the clerk",
    "giedit.review.run._Cancelled": "control flow: the clerk stopped a review",
    "giedit.importers.xlsx_values.XlsxError": "a damaged workbook; the register reader words it",
}


def _exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined in a giedit module (all modules imported, Qt ones too)."""
    import giedit

    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(giedit.__path__, "giedit."):
        if info.name in ("giedit.__main__",):
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, BaseException) and obj.__module__ == info.name:
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def test_every_message_for_the_clerk_derives_from_the_base() -> None:
    found = _exception_classes()
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
    assert set(INTERNAL) <= set(found), set(INTERNAL) - set(found)  # the list names real classes
    outside = sorted(
        name for name, kind in found.items() if not issubclass(kind, ClerkError) and name not in INTERNAL
    )
    assert outside == [], f"derive from giedit.model.errors.ClerkError or explain in INTERNAL: {outside}"
    assert len(found) - len(INTERNAL) >= 12  # ClerkError, the ten above and TargetsExist at least
    assert issubclass(InputError, ValueError) and issubclass(RollForwardError, ValueError)  # as before


def test_the_cli_prints_any_of_them_as_one_chinese_line_with_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.giedit"
    broken.write_bytes(b"\x00\x01 not json")  # FileError from the loader
    fake = tmp_path / "报告.docx"
    fake.write_bytes(b"\x00\x01 not a zip")  # ImportFailed from the importers
    for args in (
        ["dump", str(broken)],
        ["export", "--draft", str(broken), "-o", str(tmp_path / "x.pdf")],
        ["new", "--from", str(broken), "-o", str(tmp_path / "n.giedit")],
        ["import", str(fake), "-o", str(tmp_path / "i.giedit")],
    ):
        out = subprocess.run([sys.executable, "-m", "giedit", *args], capture_output=True, text=True)
        assert out.returncode == 2, (args, out.stderr)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("giedit："), (args, out.stderr)
        assert "Traceback" not in out.stderr and "Error" not in out.stderr


_ENGLISH = "No space left on device"


def _disk_full(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, _ENGLISH)


def test_a_failed_review_write_says_why_in_chinese(tmp_path: Path, monkeypatch) -> None:
    """The review workbook's write named the reason with ``OSError.strerror``: English text."""
    from giedit.model import atomic
    from giedit.review import workbook

    monkeypatch.setattr(atomic, "write_atomic", _disk_full)
    with pytest.raises(ReviewFailed) as caught:
        workbook._write(tmp_path / "审核结果.xlsx", b"data")
    assert str(caught.value) == "无法写入「审核结果.xlsx」：磁盘空间不足。"


def test_an_unreadable_register_says_why_in_chinese(tmp_path: Path, monkeypatch) -> None:
    from giedit.importers.register_reader import read_register

    path = tmp_path / "台账.csv"
    path.write_text("申请日期\n", encoding="utf-8")
    monkeypatch.setattr(Path, "read_bytes", _disk_full)
    with pytest.raises(RegisterUnreadable) as caught:
        read_register(path)
    assert str(caught.value) == "无法读取台账文件「台账.csv」（磁盘空间不足）。"


def test_a_failed_register_template_says_why_in_chinese(tmp_path: Path, monkeypatch, capsys) -> None:
    from giedit.cli import main
    from giedit.export import register_template

    monkeypatch.setattr(register_template, "write_template", _disk_full)
    out = tmp_path / "模板.xlsx"
    assert main(["register", "--template", "--year", "2025", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and _ENGLISH not in err
    assert len(err.strip().splitlines()) == 1


def test_the_register_command_refuses_a_folder_as_its_output_like_every_command(
    tmp_path: Path, capsys
) -> None:
    """``register`` had its own output check, which called a folder an existing file."""
    from giedit.cli import main

    folder = tmp_path / "模板"
    folder.mkdir()
    assert main(["register", "--template", "--year", "2025", "-o", str(folder)]) == 2
    assert capsys.readouterr().err == "giedit：「模板」是文件夹，请指定要写入的文件名。\n"
    assert main(["new", "--year", "2025", "-o", str(folder)]) == 2
    assert capsys.readouterr().err == "giedit：「模板」是文件夹，请指定要写入的文件名。\n"


def test_the_review_says_an_open_file_may_hold_its_write(tmp_path: Path, monkeypatch) -> None:
    """Permission refused: the workbook and the notices name the program that likely holds them."""
    from giedit.model import atomic
    from giedit.review import notices, workbook
    from giedit.review.result import ReviewResult

    def refused(*_: object, **__: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic, "write_atomic", refused)
    with pytest.raises(ReviewFailed) as caught:
        workbook._write(tmp_path / "审核结果.xlsx", b"data")
    assert str(caught.value) == (
        "无法写入「审核结果.xlsx」：文件可能正在 Excel 或 WPS 中打开，或没有写入权限。请关闭后重试。"
    )
    target = tmp_path / "通知"
    target.mkdir()  # an earlier run's letters: the review clears them, so it writes even with none due
    result = ReviewResult(tmp_path, 2025, [], [], [], {}, {}, [], 0, 0)
    monkeypatch.setattr(Path, "mkdir", refused)
    with pytest.raises(ReviewFailed) as caught:
        notices.write_notices(result, target)
    assert (
        str(caught.value)
        == "无法在「通知」中写入整改通知：有通知可能正在 Word 或 WPS 中打开，或没有写入权限。"
    )
