"""The lock beside a report (giedit.model.locks): who holds it, when it is stale, races for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import ROOT

from giedit.model import locks

HOLD = r"""
import sys, time
from giedit.model import locks
lock = locks.DocumentLock.acquire(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _write_lock(doc: Path, **fields: object) -> Path:
    data = {
        "app": "giedit",
        "user": "张三",
        "host": locks.this_computer(),
        "pid": os.getpid(),
        "since": time.time(),
        "token": "0123456789abcdef",
        "modified": False,
    }
    data.update(fields)
    path = locks.lock_path(doc)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_lock_names_its_owner_and_goes_with_release(tmp_path: Path) -> None:
    doc = tmp_path / "报告.giedit"
    doc.write_text("{}", encoding="utf-8")
    lock = locks.DocumentLock.acquire(doc)
    assert lock.path == tmp_path / ".~lock.报告.giedit#"
    owner = locks.holder(doc)
    assert owner is not None and owner.mine and owner.pid == os.getpid()
    assert owner.user == locks.this_user() and owner.host == locks.this_computer()
    assert owner.describe() == f"{owner.user}（本机）"
    assert not owner.modified
    assert lock.refresh(modified=True)
    assert locks.holder(doc).modified  # type: ignore[union-attr]
    with pytest.raises(locks.Locked) as caught:  # a second window of this process
        locks.DocumentLock.acquire(doc)
    assert caught.value.owner.token == lock.token
    lock.release()
    assert locks.holder(doc) is None and not lock.path.exists()


def test_a_live_editor_in_another_process_holds_the_file(tmp_path: Path) -> None:
    doc = tmp_path / "报告.giedit"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(doc)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        owner = locks.holder(doc)
        assert owner is not None and owner.pid == child.pid and not owner.mine
        with pytest.raises(locks.Locked):
            locks.DocumentLock.acquire(doc)
    finally:
        child.kill()
        child.wait()
    # killed: no clean-up ran, the lock file is still there, and it is recognised as stale
    assert locks.lock_path(doc).exists()
    assert locks.holder(doc) is None
    lock = locks.DocumentLock.acquire(doc)
    assert locks.holder(doc).token == lock.token  # type: ignore[union-attr]
    lock.release()


def test_stale_locks_dead_process_old_age_damage(tmp_path: Path) -> None:
    doc = tmp_path / "报告.giedit"
    _write_lock(doc, pid=_dead_pid())
    assert locks.holder(doc) is None  # same computer, process gone
    path = _write_lock(doc, host="另一台电脑", pid=1)
    assert locks.holder(doc) is not None  # another computer, refreshed just now: live
    assert locks.holder(doc).describe() == "张三（电脑 另一台电脑）"  # type: ignore[union-attr]
    old = time.time() - locks.STALE_S - 60
    os.utime(path, (old, old))
    assert locks.holder(doc) is None  # not refreshed for half an hour: its editor is gone
    _write_lock(doc, token="not-held-here")  # this very process, a token no window holds
    assert locks.holder(doc) is None
    path.write_text("not json", encoding="utf-8")
    assert locks.holder(doc) is None
    lock = locks.DocumentLock.acquire(doc)  # each kind of stale lock is taken over
    assert json.loads(path.read_text(encoding="utf-8"))["token"] == lock.token
    lock.release()


def test_a_long_document_name_gets_a_short_lock_name(tmp_path: Path) -> None:
    doc = tmp_path / ("长" * 82 + ".giedit")  # 253 bytes: the usual lock name would be 261
    lock = locks.DocumentLock.acquire(doc)
    assert lock.path.parent == tmp_path and len(lock.path.name.encode()) < 40
    assert locks.holder(doc) is not None
    lock.release()


def test_a_lock_that_cannot_be_made_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        locks.DocumentLock.acquire(tmp_path / "没有这个文件夹" / "报告.giedit")


RACE = r"""
import sys
from giedit.model import locks
try:
    locks.DocumentLock.acquire(sys.argv[1])
    print("won", flush=True)
except locks.Locked:
    print("lost", flush=True)
sys.stdin.read()  # hold until told
"""


def test_of_many_editors_racing_for_a_file_one_wins(tmp_path: Path) -> None:
    doc = tmp_path / "报告.giedit"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(doc)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    try:
        outcomes = [p.stdout.readline().strip() for p in procs]  # type: ignore[union-attr]
    finally:
        for p in procs:
            p.kill()
            p.wait()
    assert sorted(outcomes) == ["lost"] * 7 + ["won"], outcomes


EDITOR_QUITS = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from giedit.ui.app import start

win = start([sys.argv[1]])
print("locked" if any(p.name.startswith(".~lock.") for p in win.document.path.parent.iterdir()) else "none")
QTimer.singleShot(0, QApplication.quit)  # the program ends with the window open: logout, a script
QApplication.instance().exec()
"""


def test_an_editor_ending_with_its_window_open_leaves_no_lock_file(tmp_path: Path) -> None:
    """Empty-looking ``.~lock.…#`` files piled up beside the samples after scripted runs."""
    from giedit.model.report import new_report
    from giedit.model.storage import save

    doc = tmp_path / "镇.giedit"
    save(new_report(2025, "某某镇人民政府"), doc)
    done = subprocess.run(
        [sys.executable, "-c", EDITOR_QUITS, str(doc)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["locked"]  # it held the file while it ran
    assert sorted(p.name for p in tmp_path.iterdir()) == ["镇.giedit"]
