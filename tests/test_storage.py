"""Saving and loading .giedit files: atomic saves, backups, refusals without harm, full disks."""

from __future__ import annotations

import errno
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import traceback
import warnings
from collections import Counter
from pathlib import Path

import platformdirs
import pytest
from format_fixtures import FIXTURES, fixture_path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import SAMPLES

from giedit.model import atomic, backups, storage
from giedit.model.report import Report, new_report

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(d))
    return d


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    return d


def report(n: int = 0) -> Report:
    r = new_report(2023, "青山镇人民政府")
    r.cells["requests.new.natural"] = n
    return r


def leftovers(folder: Path, keep: str) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n != keep)


def assert_one_chinese_line(err: BaseException) -> str:
    msg = str(err)
    assert msg and "\n" not in msg and "\r" not in msg, msg
    assert CJK.search(msg), msg
    assert "Traceback" not in msg and "Error" not in msg, msg
    return msg


# -- round trips -----------------------------------------------------------------------------------


def test_save_then_load_gives_the_same_report(docs: Path) -> None:
    path = docs / "报告.giedit"
    r = report(3)
    storage.save(r, path)
    assert storage.load(path) == r
    assert leftovers(docs, path.name) == []


def test_the_saved_document_names_its_format_writer_and_time(docs: Path) -> None:
    path = docs / "报告.giedit"
    storage.save(report(), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert list(doc)[:4] == ["file_format", "min_reader", "writer", "saved_at"]
    assert doc["file_format"] == storage.FILE_FORMAT == 3
    assert doc["writer"]["app"] == "giedit"


def _samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.giedit")) + sorted(FIXTURES.glob("*.giedit"))


@pytest.mark.parametrize("sample", _samples(), ids=lambda p: p.name)
def test_every_sample_survives_load_save_load(sample: Path, docs: Path) -> None:
    first = storage.load(sample)
    copy = docs / sample.name
    storage.save(first, copy)
    assert storage.load(copy) == first
    storage.save(storage.load(copy), copy)
    assert storage.load(copy) == first


def test_the_fixtures_are_among_the_round_tripped_samples() -> None:
    assert fixture_path(1) in _samples()


def test_a_utf8_bom_is_accepted(docs: Path) -> None:
    path = docs / "bom.giedit"
    path.write_bytes(b"\xef\xbb\xbf" + storage.dumps(report(2)).encode("utf-8"))
    assert storage.load(path) == report(2)


def test_save_writes_through_a_symlink_and_keeps_it(docs: Path) -> None:
    real = docs / "real.giedit"
    storage.save(report(1), real)
    link = docs / "link.giedit"
    link.symlink_to(real)
    storage.save(report(2), link)
    assert link.is_symlink()
    assert storage.load(real) == report(2)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_save_keeps_the_file_mode(docs: Path) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    path.chmod(0o640)
    storage.save(report(2), path)
    assert path.stat().st_mode & 0o777 == 0o640


# -- refusal without harm --------------------------------------------------------------------------


def _valid() -> bytes:
    return storage.dumps(report(5)).encode("utf-8")


def _doc(**changes: object) -> bytes:
    doc = json.loads(_valid())
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _without_year() -> bytes:
    doc = json.loads(_valid())
    del doc["report"]["year"]
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


BAD: dict[str, tuple[bytes, str]] = {
    "truncated": (_valid()[: len(_valid()) // 2], "已损坏或不完整"),
    "truncated-at-1-byte": (_valid()[:1], "已损坏或不完整"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "二进制"),
    "zip": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "二进制"),
    "json-array": (b"[1, 2, 3]", "不是 giedit 年度报告文件"),
    "json-string": (b'"report"', "不是 giedit 年度报告文件"),
    "foreign-json": (b'{"name": "x"}', "不是 giedit 年度报告文件"),
    "no-report": (_doc(report=None), "不是 giedit 年度报告文件"),
    "missing-year": (_without_year(), "缺少「year」"),
    "wrong-type": (_doc(report={"format": "2021", "year": "明年"}), "「year」无效"),
    "unknown-format": (_doc(report={"format": "1999", "year": 1999}), "未知的报告格式「1999」"),
    "format-999": (_doc(file_format=999), "需要更新版本的 giedit"),  # not "0.1.0", the version running
    "format-string": (_doc(file_format="1"), "文件格式版本无效"),
    "format-zero": (_doc(file_format=0), "文件格式版本无效"),
    "format-bool": (_doc(file_format=True), "文件格式版本无效"),
    "empty": (b"", "空文件"),
    "whitespace": (b" \n\t\n", "空文件"),
    "gbk-text": ('{"标题": "某某镇年度报告"}'.encode("gbk"), "不是 UTF-8"),
    "deep-nesting": (b"[" * 100_000 + b"]" * 100_000, "已损坏"),
    "huge-integer": (b'{"file_format": ' + b"9" * 5000 + b"}", "已损坏"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_bad_file_is_refused_in_one_chinese_line_and_left_untouched(
    kind: str, docs: Path, data_dir: Path
) -> None:
    content, expected = BAD[kind]
    path = docs / f"{kind}.giedit"
    path.write_bytes(content)
    stat = path.stat()
    with pytest.raises(storage.FileError) as caught:
        storage.load(path)
    msg = assert_one_chinese_line(caught.value)
    assert expected in msg
    assert f"「{path.name}」" in msg or "找不到" in msg
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert leftovers(docs, path.name) == []
    assert not data_dir.exists()  # no backup, no side effect anywhere


def test_a_newer_file_names_the_version_it_needs(docs: Path) -> None:
    path = docs / "新.giedit"
    path.write_bytes(_doc(file_format=999, min_reader="3.2.0", writer={"app": "giedit", "version": "3.4.1"}))
    with pytest.raises(storage.FileError) as caught:
        storage.load(path)
    msg = assert_one_chinese_line(caught.value)
    assert "文件格式 999" in msg and "需要 giedit 3.2.0 或更新版本" in msg


def test_a_newer_file_without_min_reader_falls_back_to_its_writer(docs: Path) -> None:
    path = docs / "新.giedit"
    path.write_bytes(b'{"file_format": 999, "writer": {"version": "2.0"}, "layout": "unknown"}')
    with pytest.raises(storage.FileError, match=r"需要 giedit 2\.0 或更新版本"):
        storage.load(path)


def test_a_newer_file_that_names_no_version_still_gets_one_line(docs: Path) -> None:
    path = docs / "新.giedit"
    path.write_bytes(b'{"file_format": 999, "min_reader": "1.0\\n\\nboom"}')
    with pytest.raises(storage.FileError) as caught:
        storage.load(path)
    assert "需要更新版本的 giedit" in assert_one_chinese_line(caught.value)


def test_a_directory_and_a_missing_file_are_refused(docs: Path) -> None:
    folder = docs / "文件夹.giedit"
    folder.mkdir()
    with pytest.raises(storage.FileError) as caught:
        storage.load(folder)
    assert "是文件夹" in assert_one_chinese_line(caught.value)
    with pytest.raises(storage.FileError) as caught:
        storage.load(docs / "没有.giedit")
    assert "找不到" in assert_one_chinese_line(caught.value)
    assert os.listdir(docs) == [folder.name]


def test_a_name_with_a_newline_does_not_break_the_one_line(docs: Path) -> None:
    if os.name == "nt":
        pytest.skip("Windows names cannot hold newlines")
    path = docs / "坏\n名.giedit"
    path.write_bytes(b"[]")
    with pytest.raises(storage.FileError) as caught:
        storage.load(path)
    assert_one_chinese_line(caught.value)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=20,
)
HEADERS = st.fixed_dictionaries(
    {"file_format": st.integers(-2, 4) | st.text(max_size=2)},
    optional={
        "giedit_version": JSON,
        "min_reader": JSON,
        "writer": JSON,
        "saved_at": JSON,
        "report": JSON
        | st.fixed_dictionaries({"format": st.sampled_from(["2021", "2017", "x"])}, optional={"year": JSON}),
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON | HEADERS)
def test_any_json_is_a_report_or_one_chinese_line(doc: object) -> None:
    try:
        storage.from_document(doc, "「x.giedit」")
    except storage.FileError as err:
        assert_one_chinese_line(err)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_a_report_or_one_chinese_line(content: bytes) -> None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    try:
        storage.loads(text, "「x.giedit」")
    except storage.FileError as err:
        assert_one_chinese_line(err)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 400))
def test_any_truncation_of_a_real_file_is_refused(cut: int) -> None:
    text = fixture_path(1).read_text(encoding="utf-8").rstrip()
    with pytest.raises(storage.FileError):
        storage.loads(text[: len(text) - cut], "「x.giedit」")


# -- failing saves ----------------------------------------------------------------------------------


def _enospc(*args: object, **kwargs: object) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_full_disk_leaves_the_previous_file_intact_and_says_so(
    where: str, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    before = path.read_bytes()
    monkeypatch.setattr(os, where, _enospc)
    with pytest.raises(storage.FileError) as caught:
        storage.save(report(2), path)
    monkeypatch.undo()
    msg = assert_one_chinese_line(caught.value)
    assert "磁盘空间不足" in msg and "原来的文件完好未改动" in msg and "「报告.giedit」" in msg
    assert path.read_bytes() == before
    assert leftovers(docs, path.name) == []


def test_a_full_disk_after_part_of_the_file_was_written(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    before = path.read_bytes()
    real_write = os.write
    calls = []

    def write_a_little(fd: int, data: bytes) -> int:
        calls.append(1)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data[:100]))

    monkeypatch.setattr(os, "write", write_a_little)
    with pytest.raises(storage.FileError, match="磁盘空间不足"):
        storage.save(report(2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(docs, path.name) == []


def test_a_full_disk_on_a_new_file_writes_nothing(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", _enospc)
    with pytest.raises(storage.FileError) as caught:
        storage.save(report(2), docs / "新.giedit")
    monkeypatch.undo()
    assert "没有写入任何文件" in assert_one_chinese_line(caught.value)
    assert os.listdir(docs) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EACCES, "没有权限在文件夹「docs」中保存"),
        (errno.EPERM, "没有权限"),
        (errno.EROFS, "只读"),
        (errno.EIO, "无法保存「报告.giedit」"),
    ],
)
def test_other_os_errors_are_explained(
    code: int, expected: str, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    before = path.read_bytes()
    real_open = os.open

    def failing_open(p: object, *args: object, **kwargs: object) -> int:
        if str(p).endswith(".tmp"):
            raise OSError(code, os.strerror(code), str(p))
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    with pytest.raises(storage.FileError) as caught:
        storage.save(report(2), path)
    monkeypatch.undo()
    msg = assert_one_chinese_line(caught.value)
    assert expected in msg and "原来的文件完好未改动" in msg
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions that bind")
def test_a_folder_without_write_permission(docs: Path) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    before = path.read_bytes()
    docs.chmod(0o555)
    try:
        with pytest.raises(storage.FileError, match="没有权限"):
            storage.save(report(2), path)
    finally:
        docs.chmod(0o755)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions that bind")
def test_a_read_only_file_is_not_overwritten(docs: Path) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    path.chmod(0o444)
    with pytest.raises(storage.FileError, match="只读文件"):
        storage.save(report(2), path)
    assert storage.load(path) == report(1)


def test_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(storage.FileError) as caught:
        storage.save(report(), tmp_path / "没有" / "报告.giedit")
    assert "不存在" in assert_one_chinese_line(caught.value)


def test_saving_over_a_folder_is_refused(docs: Path) -> None:
    (docs / "x.giedit").mkdir()
    with pytest.raises(storage.FileError, match="是文件夹"):
        storage.save(report(), docs / "x.giedit")


def test_a_file_that_reads_back_wrong_is_not_switched_in(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    before = path.read_bytes()
    monkeypatch.setattr(storage, "loads", lambda text, name="": report(99))
    with pytest.raises(storage.FileError) as caught:
        storage.save(report(2), path)
    monkeypatch.undo()
    assert "不一致" in assert_one_chinese_line(caught.value)
    assert path.read_bytes() == before
    assert leftovers(docs, path.name) == []


def test_windows_retries_a_locked_target_then_names_it(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    before = path.read_bytes()
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    real_replace = os.replace
    attempts = []

    def locked(src: str, dst: str) -> None:
        if Path(dst) != path:
            return real_replace(src, dst)  # the backup
        attempts.append(1)
        raise PermissionError(errno.EACCES, "Access is denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(storage.FileError) as caught:
        storage.save(report(2), path)
    monkeypatch.undo()
    msg = assert_one_chinese_line(caught.value)
    assert "「报告.giedit」正被其他程序占用" in msg and "原来的文件完好未改动" in msg
    assert len(attempts) == atomic.REPLACE_RETRIES
    assert path.read_bytes() == before
    assert leftovers(docs, path.name) == []


def test_windows_succeeds_when_the_lock_goes_away(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    real_replace = os.replace
    attempts = []

    def locked_twice(src: str, dst: str) -> None:
        if Path(dst) != path:
            return real_replace(src, dst)
        attempts.append(1)
        if len(attempts) <= 2:
            raise PermissionError(errno.EACCES, "Access is denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked_twice)
    storage.save(report(2), path)
    monkeypatch.undo()
    assert storage.load(path) == report(2)
    assert len(attempts) == 3


# -- temp files --------------------------------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.skipif(os.name == "nt", reason="POSIX: stale temps are found by their writer's pid")
def test_stale_temps_of_dead_writers_are_removed_by_the_next_save(docs: Path) -> None:
    path = docs / "报告.giedit"
    dead = docs / f".报告.giedit.{_dead_pid()}-0123abcd.tmp"
    alive = docs / f".报告.giedit.{os.getppid()}-0123abcd.tmp"  # a writer still at work
    other = docs / f".其他.giedit.{_dead_pid()}-0123abcd.tmp"  # another document's
    mine = docs / ".报告.giedit.tmp"  # not our pattern: a clerk's file
    for p in (dead, alive, other, mine):
        p.write_bytes(b"{")
    storage.save(report(), path)
    assert not dead.exists()
    assert alive.exists() and other.exists() and mine.exists()


def test_stale_temps_on_windows_are_removed_by_age(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    old = docs / f".报告.giedit.{os.getpid() + 1}-0123abcd.tmp"
    new = docs / f".报告.giedit.{os.getpid() + 2}-0123abcd.tmp"
    for p in (old, new):
        p.write_bytes(b"{")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    storage.save(report(), docs / "报告.giedit")
    assert not old.exists() and new.exists()


# -- backups -----------------------------------------------------------------------------------------


def test_a_new_file_has_no_backup(docs: Path) -> None:
    path = docs / "报告.giedit"
    storage.save(report(), path)
    assert backups.list_backups(path) == []


def test_seven_saves_keep_the_five_newest_previous_versions(docs: Path, data_dir: Path) -> None:
    path = docs / "青山镇 2023年报告.giedit"
    for n in range(7):
        storage.save(report(n), path)
    kept = backups.list_backups(path)
    assert len(kept) == 5
    assert [storage.load(b) for b in kept] == [report(n) for n in (5, 4, 3, 2, 1)]
    folder = kept[0].parent
    assert folder.parent == data_dir / "backups"
    assert re.fullmatch(r"青山镇 2023年报告-[0-9a-f]{8}", folder.name)
    for b in kept:
        assert re.fullmatch(r"青山镇 2023年报告 \d{4}-\d\d-\d\d \d{6}( \(\d+\))?\.giedit", b.name), b.name
    assert sorted(os.listdir(folder)) == sorted(b.name for b in kept)  # no temp files either


def test_backup_names_sort_by_time_then_by_count() -> None:
    import datetime as dt

    doc = Path("/somewhere/报告.giedit")
    t1 = dt.datetime(2026, 1, 15, 9, 30, 12)
    t2 = dt.datetime(2026, 1, 15, 10, 0, 0)
    made = [backups.keep(doc, f"v{i}".encode(), now=t) for i, t in enumerate([t1, t1, t1, t2])]
    assert [p.name for p in made] == [
        "报告 2026-01-15 093012.giedit",
        "报告 2026-01-15 093012 (2).giedit",
        "报告 2026-01-15 093012 (3).giedit",
        "报告 2026-01-15 100000.giedit",
    ]
    assert backups.list_backups(doc) == made[::-1]


def test_the_same_version_is_not_backed_up_twice() -> None:
    doc = Path("/somewhere/报告.giedit")
    first = backups.keep(doc, b"same")
    assert backups.keep(doc, b"same") == first
    assert len(backups.list_backups(doc)) == 1


def test_one_backup_too_many_from_a_killed_writer_is_pruned_next_time() -> None:
    import datetime as dt

    doc = Path("/somewhere/报告.giedit")
    folder = backups.folder_for(doc)
    folder.mkdir(parents=True)
    for i in range(backups.KEEP + 1):  # as left by a writer killed between writing and pruning
        (folder / f"报告 2026-01-15 09301{i}.giedit").write_bytes(f"v{i}".encode())
    backups.keep(doc, f"v{backups.KEEP}".encode(), now=dt.datetime(2026, 1, 15, 10))
    assert len(backups.list_backups(doc)) == backups.KEEP


def test_documents_with_the_same_name_in_different_folders_do_not_mix(docs: Path) -> None:
    (docs / "a").mkdir()
    (docs / "b").mkdir()
    for sub in ("a", "b"):
        storage.save(report(1), docs / sub / "报告.giedit")
        storage.save(report(2), docs / sub / "报告.giedit")
    a, b = backups.list_backups(docs / "a" / "报告.giedit"), backups.list_backups(docs / "b" / "报告.giedit")
    assert len(a) == len(b) == 1 and a[0].parent != b[0].parent


def test_a_failed_backup_does_not_stop_the_save(
    docs: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    data_dir.parent.joinpath("not-a-folder").write_text("x")
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(data_dir.parent / "not-a-folder"))
    storage.save(report(2), path)
    assert storage.load(path) == report(2)
    assert "could not back up" in caplog.text
    assert leftovers(docs, path.name) == []


def test_backup_false_makes_no_backup(docs: Path) -> None:
    path = docs / "报告.giedit"
    storage.save(report(1), path)
    storage.save(report(2), path, backup=False)
    assert backups.list_backups(path) == []


def test_the_data_dir_is_overridable_and_defaults_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIEDIT_DATA_DIR", "/elsewhere")
    assert backups.data_dir() == Path("/elsewhere")
    monkeypatch.delenv("GIEDIT_DATA_DIR")
    assert backups.data_dir() == Path(platformdirs.user_data_dir("giedit", appauthor=False))


# -- the kill test ----------------------------------------------------------------------------------

KILLS = 250


def _save_forever(a: Report, b: Report, path: Path) -> None:
    """The child: save a and b in turn until killed; exit 3 if a save ever raises."""
    code = 3
    try:
        i = 0
        while True:
            storage.save(b if i % 2 == 0 else a, path)
            i += 1
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_killing_a_saving_process_at_random_moments_never_harms_the_file(docs: Path, data_dir: Path) -> None:
    path = docs / "报告.giedit"
    a, b = report(1), report(2)
    b.title = "另一个版本" * 200  # a longer file, so that a torn write would show
    storage.save(a, path)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    started = time.monotonic()
    for kill in range(KILLS):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (Qt tests)
            pid = os.fork()
        if pid == 0:
            _save_forever(a, b, path)
        time.sleep(rng.uniform(0, 0.05))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), f"the child stopped by itself (a save raised), seed {seed}"
        got = storage.load(path)
        assert got in (a, b), f"kill {kill}, seed {seed}"
        seen["a" if got == a else "b"] += 1
        assert len(leftovers(docs, path.name)) <= 1, f"temp files pile up: {leftovers(docs, path.name)}"
    elapsed = time.monotonic() - started
    assert seen["a"] and seen["b"], seen  # the children did save, both versions were seen
    storage.save(a, path)
    assert leftovers(docs, path.name) == []
    kept = backups.list_backups(path)
    assert 1 <= len(kept) <= backups.KEEP
    assert sorted(os.listdir(kept[0].parent)) == sorted(p.name for p in kept)
    for backup in kept:
        assert storage.load(backup) in (a, b)
    print(f"{KILLS} kills in {elapsed:.1f} s, file was a {seen['a']}x / b {seen['b']}x")
