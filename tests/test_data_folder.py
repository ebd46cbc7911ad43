"""The user data folder holds the clerk's reports (backups, recovery copies): owner only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from giedit.model import backups, recovery, storage
from giedit.model.report import new_report

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "数据"
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(d))
    old = os.umask(0o022)  # the usual umask: new files would be 0644, folders 0755
    yield d
    os.umask(old)


def test_backups_and_recovery_copies_are_private(data: Path, tmp_path: Path) -> None:
    doc = tmp_path / "报告.giedit"
    storage.save(new_report(2024), doc)
    storage.save(new_report(2025), doc)  # the first version goes to the backups
    (kept,) = backups.list_backups(doc)
    session = recovery.Session()
    copy = session.write(new_report(2024), doc)
    for folder in (data, data / "backups", kept.parent, data / "recovery"):
        assert _mode(folder) == 0o700, folder
    for file in (kept, copy, copy.with_suffix(recovery.LOCK_SUFFIX)):
        assert _mode(file) == 0o600, file
    assert _mode(doc) == 0o644  # the clerk's own file keeps the usual mode
    session.close()


def test_a_data_folder_left_open_by_an_older_giedit_is_tightened(data: Path, tmp_path: Path) -> None:
    (data / "backups").mkdir(parents=True)
    data.chmod(0o755)
    (data / "backups").chmod(0o755)
    doc = tmp_path / "报告.giedit"
    storage.save(new_report(2024), doc)
    storage.save(new_report(2025), doc)
    assert _mode(data) == 0o700 and _mode(data / "backups") == 0o700
