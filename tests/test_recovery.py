"""Recovery copies (giedit.model.recovery): where they live, when they are offered, without Qt."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from giedit.model import recovery
from giedit.model.backups import data_dir
from giedit.model.report import new_report
from giedit.model.storage import FileError, save


def test_a_copy_lives_in_the_data_dir_and_is_not_offered_while_its_editor_runs(tmp_path: Path) -> None:
    session = recovery.Session()
    doc = tmp_path / "镇报告.giedit"
    report = new_report(2024, "甲镇人民政府")
    save(report, doc)
    time.sleep(0.01)
    path = session.write(report, doc)
    assert path.parent == data_dir() / "recovery"
    assert path.exists() and doc.read_bytes() != path.read_bytes()  # never the clerk's file
    assert recovery.pending() == []  # our own lock is held
    session.close()
    assert not path.exists()
    assert not list((data_dir() / "recovery").iterdir())


def _orphan(report_year: int, document: Path | None) -> Path:
    """A copy written by a process that has gone (its lock is released when it exits)."""
    code = (
        "import sys; from pathlib import Path; from giedit.model import recovery; "
        "from giedit.model.report import new_report; "
        f"r = new_report({report_year}, '乙镇人民政府'); r.body.parent = '某县'; "
        f"print(recovery.Session().write(r, {f'Path({str(document)!r})' if document else 'None'}))"
    )
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return Path(out.stdout.strip())


def test_an_orphan_newer_than_its_document_is_offered_and_loads(tmp_path: Path) -> None:
    doc = tmp_path / "乙镇.giedit"
    save(new_report(2024, "乙镇人民政府"), doc)
    os.utime(doc, (time.time() - 60, time.time() - 60))
    path = _orphan(2024, doc)
    (copy,) = recovery.pending()
    assert copy.path == path
    assert copy.document == doc.resolve()
    assert copy.title == "乙镇人民政府2024年政府信息公开工作年度报告"
    assert "年" in copy.when
    assert copy.load().body.parent == "某县"
    copy.remove()
    assert recovery.pending() == []


def test_an_orphan_whose_report_is_in_its_document_is_stale_and_removed(tmp_path: Path) -> None:
    doc = tmp_path / "乙镇.giedit"
    saved = new_report(2024, "乙镇人民政府")
    saved.body.parent = "某县"  # what the orphan holds
    path = _orphan(2024, doc)
    save(saved, doc)
    assert recovery.pending() == []
    assert not path.exists()


def test_an_orphan_is_offered_whatever_the_times_say(tmp_path: Path) -> None:
    """Times say nothing about content: a document touched (or synced, or saved with other
    content) after the copy was written must not make the copy disappear."""
    doc = tmp_path / "乙镇.giedit"
    save(new_report(2024, "乙镇人民政府"), doc)  # without the copy's 上级机关
    path = _orphan(2024, doc)
    later = time.time() + 3600
    os.utime(doc, (later, later))  # `touch`: newer than the copy
    (copy,) = recovery.pending()
    assert copy.path == path and copy.load().body.parent == "某县"
    doc.unlink()  # the document gone: the copy is all there is
    assert [c.path for c in recovery.pending()] == [path]


def test_a_new_unsaved_report_is_offered_and_damage_is_left_alone(tmp_path: Path) -> None:
    path = _orphan(2023, None)
    (copy,) = recovery.pending()
    assert copy.document is None and copy.load().year == 2023
    path.write_text("{broken", encoding="utf-8")
    assert recovery.pending() == []  # unreadable: not offered, not deleted either
    assert path.exists()
    future = recovery.Copy(path, None, time.time(), "")
    with pytest.raises(FileError):
        future.load()


def test_lock_files_of_editors_that_died_after_saving_do_not_pile_up(tmp_path: Path) -> None:
    """An editor killed after its work was saved leaves ``<session>.lock`` and no copy: the next
    start removes it (once it is older than a minute); a live session's lock and a young one stay."""
    doc = tmp_path / "镇报告.giedit"
    save(new_report(2024, "甲镇人民政府"), doc)
    dead = [_orphan(2024, doc) for _ in range(3)]
    for copy in dead:
        copy.unlink()  # saved: the copy went, the lock of the killed editor stayed
        old = time.time() - 3600
        os.utime(copy.with_suffix(recovery.LOCK_SUFFIX), (old, old))
    young = _orphan(2024, doc)
    young.unlink()
    live = recovery.Session()
    live.write(new_report(2024, "甲镇人民政府"), doc)
    live.discard()  # saved, still editing: its lock is held
    old = time.time() - 3600
    os.utime(live.root / f"{live.id}{recovery.LOCK_SUFFIX}", (old, old))
    assert recovery.pending() == []
    left = sorted(p.name for p in (data_dir() / "recovery").iterdir())
    assert left == sorted([young.with_suffix(recovery.LOCK_SUFFIX).name, f"{live.id}{recovery.LOCK_SUFFIX}"])
    live.close()
