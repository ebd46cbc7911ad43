"""Exports never destroy what the clerk did not choose to replace (issue 12 item 8, issue 14):
existing targets need --force, the pair is written whole or not at all, a target held open by
another program is named as such, symlinks are written through, the published file a report was
imported from is recognised, and anything ``check`` accepts exports (length-limited fields clipped)."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from make_broken import base
from paths import ROOT, SHARED
from pypdf import PdfReader

from giedit import cli
from giedit.checks import Severity, check
from giedit.export import ExportError, export_all, targets
from giedit.model import atomic, locks, sources, storage

DOCX_SAMPLE = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "报告.giedit"
    storage.save(base(2023), path)
    return path


def _others(folder: Path, *keep: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p not in keep)


# -- the CLI -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_an_existing_output_is_refused_without_force_and_replaced_with_it(
    clean: Path, tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"去年的{suffix}"
    out.write_bytes(b"the clerk's own file")
    assert cli.main(["export", str(clean), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err and "Traceback" not in err
    assert out.read_bytes() == b"the clerk's own file"
    assert _others(tmp_path, clean) == [out.name]  # nothing else written either
    assert cli.main(["export", str(clean), "-o", str(out), "--force"]) == 0
    assert out.read_bytes()[:4] in (b"PK\x03\x04", b"%PDF")
    assert _others(tmp_path, clean) == [out.name]


def test_the_published_file_a_report_was_imported_from_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = tmp_path / "青山镇人民政府2022年政府信息公开工作年度报告.docx"
    shutil.copy(DOCX_SAMPLE, published)
    report = base(2023)
    sources.record(report, published)
    path = tmp_path / "报告.giedit"
    storage.save(report, path)
    assert storage.load(path).sources[0].name == published.name  # kept in the file (name, size, hash)
    before = published.read_bytes()
    assert cli.main(["export", str(path), "-o", str(published)]) == 2
    assert "导入时读取的原文件" in capsys.readouterr().err
    assert published.read_bytes() == before
    moved = tmp_path / "改了名.docx"
    published.rename(moved)
    assert sources.is_source(storage.load(path), moved) is not None  # recognised by content


def test_the_import_command_records_its_source(tmp_path: Path) -> None:
    out = tmp_path / "导入.giedit"
    assert cli.main(["import", str(DOCX_SAMPLE), "-o", str(out)]) == 0
    (source,) = storage.load(out).sources
    assert source.name == DOCX_SAMPLE.name and source.size == DOCX_SAMPLE.stat().st_size
    assert "/" not in source.name and str(SHARED) not in out.read_text(encoding="utf-8")  # no paths


def test_a_report_made_in_giedit_stays_readable_by_older_versions(tmp_path: Path) -> None:
    path = tmp_path / "报告.giedit"
    storage.save(base(2023), path)
    assert '"sources"' not in path.read_text(encoding="utf-8")  # the new field only when used


def test_export_says_when_an_editor_has_unsaved_changes(clean: Path, tmp_path: Path, capsys) -> None:
    lock = locks.DocumentLock.acquire(clean)
    try:
        lock.refresh(modified=True)
        assert cli.main(["export", str(clean), "-o", str(tmp_path / "a.pdf")]) == 0
        assert "尚未保存的修改" in capsys.readouterr().err
        lock.refresh(modified=False)
        assert cli.main(["export", str(clean), "-o", str(tmp_path / "b.pdf")]) == 0
        assert "尚未保存" not in capsys.readouterr().err
    finally:
        lock.release()


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_a_symlink_target_is_written_through_and_kept(clean: Path, tmp_path: Path) -> None:
    real_dir = tmp_path / "发布"
    real_dir.mkdir()
    real = real_dir / "报告.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert cli.main(["export", str(clean), "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes()[:4] == b"%PDF"
    assert sorted(p.name for p in real_dir.iterdir()) == ["报告.pdf"]


def test_a_target_that_appears_during_the_export_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "报告.pdf"
    real = targets._write_temp

    def then_someone_saves_there(target: targets._Target) -> None:
        real(target)
        out.write_bytes(b"written meanwhile")

    monkeypatch.setattr(targets, "_write_temp", then_someone_saves_there)
    with pytest.raises(targets.TargetsExist):
        export_all(base(2023), [out])
    assert out.read_bytes() == b"written meanwhile"
    assert _others(tmp_path) == ["报告.pdf"]


# -- the pair: all or nothing ------------------------------------------------------------------------


def _word_holds(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Windows with Word holding ``path`` open: every replace of it fails (sharing violation)."""
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    real_replace = os.replace
    attempts: list[int] = []

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)) == path:
            attempts.append(1)
            error = PermissionError(errno.EACCES, "The process cannot access the file")
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    return attempts


def test_a_target_held_open_stops_the_pair_and_the_other_file_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf, docx_path = tmp_path / "报告.pdf", tmp_path / "报告.docx"
    pdf.write_bytes(b"old pdf")
    docx_path.write_bytes(b"old docx")
    attempts = _word_holds(docx_path, monkeypatch)
    with pytest.raises(ExportError) as caught:
        export_all(base(2023), [pdf, docx_path], replace=True)  # the PDF is switched first
    monkeypatch.undo()
    message = str(caught.value)
    assert "「报告.docx」" in message and "文件正被其他程序打开，请关闭后再导出" in message
    assert len(attempts) == atomic.REPLACE_RETRIES
    assert pdf.read_bytes() == b"old pdf" and docx_path.read_bytes() == b"old docx"  # neither
    assert _others(tmp_path) == ["报告.docx", "报告.pdf"]  # no temporary file, no kept version


def test_when_the_second_of_two_new_files_fails_the_first_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = atomic.create_new
    calls: list[Path] = []

    def second_fails(src: Path, dst: Path) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(atomic, "create_new", second_fails)
    with pytest.raises(ExportError, match="磁盘空间不足"):
        export_all(base(2023), [tmp_path / "a.docx", tmp_path / "a.pdf"])
    assert _others(tmp_path) == []


def test_without_hard_links_the_old_versions_are_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf, docx_path = tmp_path / "报告.pdf", tmp_path / "报告.docx"
    pdf.write_bytes(b"old pdf")
    docx_path.write_bytes(b"old docx")

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    _word_holds(docx_path, monkeypatch)
    with pytest.raises(ExportError):
        export_all(base(2023), [pdf, docx_path], replace=True)
    monkeypatch.undo()
    assert pdf.read_bytes() == b"old pdf" and docx_path.read_bytes() == b"old docx"
    assert _others(tmp_path) == ["报告.docx", "报告.pdf"]


def test_only_the_files_agreed_to_are_replaced(tmp_path: Path) -> None:
    pdf, docx_path = tmp_path / "报告.pdf", tmp_path / "报告.docx"
    pdf.write_bytes(b"old pdf")
    docx_path.write_bytes(b"old docx")
    with pytest.raises(targets.TargetsExist) as caught:
        export_all(base(2023), [docx_path, pdf], replace={pdf})
    assert caught.value.paths == [docx_path]
    assert pdf.read_bytes() == b"old pdf"
    written = export_all(base(2023), [docx_path, pdf], replace={pdf, docx_path})
    assert written == [docx_path, pdf] and pdf.read_bytes()[:4] == b"%PDF"


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions that bind")
def test_a_read_only_target_is_named(tmp_path: Path) -> None:
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"old")
    pdf.chmod(0o444)
    with pytest.raises(ExportError, match="只读"):
        export_all(base(2023), [pdf], replace=True)
    assert pdf.read_bytes() == b"old"


# -- anything check accepts exports ------------------------------------------------------------------


def _clip_case(title: str | None, body: str) -> tuple[str, object]:
    report = base(2023)
    report.body.name = body
    report.signature = body
    report.title = title
    assert not [f for f in check(report) if f.severity is Severity.ERROR]  # check accepts it
    return report.display_title(), report


@pytest.mark.parametrize(
    ("title", "body"),
    [("关于" + "政府信息公开工作" * 36 + "的年度报告", "青山镇人民政府"), (None, "青" * 239)],
    ids=["300-character title", "239-character body"],
)
def test_long_titles_export_to_docx_and_pdf(title: str | None, body: str, tmp_path: Path) -> None:
    shown, report = _clip_case(title, body)
    assert len(shown) > 255
    path = tmp_path / "报告.giedit"
    storage.save(report, path)  # type: ignore[arg-type]
    for suffix in (".docx", ".pdf"):
        out = tmp_path / f"长{suffix}"
        assert cli.main(["export", str(path), "-o", str(out)]) == 0
    document = docx.Document(str(tmp_path / "长.docx"))
    assert len(document.core_properties.title) == 255 and document.core_properties.title.endswith("…")
    body = "".join("".join(p.text for p in document.paragraphs).split())
    assert "".join(shown.split()) in body  # the title on the page is not clipped
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO((tmp_path / "长.pdf").read_bytes())).pages)
    assert "".join(shown.split())[:40] in "".join(text.split())


def test_a_long_title_gives_export_names_that_fit(tmp_path: Path) -> None:
    stem = targets.fit_stem("关于" * 200, "（草稿）（99）.docx")
    name = stem + "（草稿）（99）.docx"
    assert len(name.encode()) <= 255
    (tmp_path / name).write_bytes(b"")  # a legal name here


def test_the_export_command_in_a_process_refuses_and_keeps_the_bytes(clean: Path, tmp_path: Path) -> None:
    out = tmp_path / "existing.docx"
    out.write_bytes(b"keep me")
    run = subprocess.run(
        [sys.executable, "-m", "giedit.cli", "export", str(clean), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and out.read_bytes() == b"keep me"
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
