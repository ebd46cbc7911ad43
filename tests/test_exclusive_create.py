"""CLI writers never overwrite a file that appeared after they looked: the check and the creation
are one step of the file system (a hard link, or an exclusive create where links are missing)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

from giedit.model import atomic, storage
from giedit.model.report import new_report

RACERS = 20


def test_twenty_concurrent_new_commands_leave_exactly_one_success(tmp_path: Path) -> None:
    target = tmp_path / "same.giedit"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "giedit.cli",
                "new",
                "--year",
                "2024",
                "--body",
                f"第{i}镇",
                "-o",
                str(target),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(RACERS)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    winners = [i for i, (code, _out, _err) in enumerate(results) if code == 0]
    assert len(winners) == 1, results
    losers = [err for code, _out, err in results if code != 0]
    assert all(code == 2 for code, _o, _e in results if code != 0)
    assert all("已存在" in err and "Traceback" not in err for err in losers), losers
    body = storage.load(target).body.name
    assert body == f"第{winners[0]}镇"  # the file is the winner's, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.giedit"]  # no temporary file left


def test_a_file_that_appears_while_saving_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "报告.giedit"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:  # between our check and our switch
        real_fsync(fd)
        if not target.exists():
            target.write_text("别人的文件", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(storage.FileError, match="已存在"):
        storage.save(new_report(2024), target, exclusive=True)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "别人的文件"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.giedit"]


@pytest.mark.skipif(os.name == "nt", reason="hard links: POSIX path")
def test_without_hard_links_the_name_is_claimed_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and some network shares refuse hard links (EPERM): an exclusive create claims the name."""

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "新.giedit"
    storage.save(new_report(2024, "甲镇"), target, exclusive=True)
    assert storage.load(target).body.name == "甲镇"
    with pytest.raises(storage.FileError, match="已存在"):
        storage.save(new_report(2024, "乙镇"), target, exclusive=True)
    assert storage.load(target).body.name == "甲镇"
    src = tmp_path / "tmp"
    src.write_bytes(b"x")
    with pytest.raises(FileExistsError):
        atomic.create_new(src, target)
    assert storage.load(target).body.name == "甲镇"


def test_import_refuses_an_existing_output(tmp_path: Path) -> None:
    from paths import SHARED

    source = SHARED / "samples" / "published-2020" / "000_a0d2e33a19df39b4.txt"
    out = tmp_path / "导入.giedit"
    out.write_text("已有", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "giedit.cli", "import", str(source), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "已存在" in result.stderr
    assert out.read_text(encoding="utf-8") == "已有"
