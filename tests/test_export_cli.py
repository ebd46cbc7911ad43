"""``giedit export`` and the export API's contract: errors block, drafts pass, writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from export_reports import filled
from make_broken import base
from pypdf import PdfReader

from giedit import cli
from giedit.checks.acceptance import blocking_findings
from giedit.export import ExportError, ExportOptions, export, export_pdf
from giedit.export.fonts import FontRole, pdf_fonts, shipped_dir
from giedit.export.layout import DRAFT_STAMP
from giedit.model import storage


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.giedit"
    storage.save(base(2023), path)
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    report = base(2023)
    report.cells["appeals.cases.review_other"] = None  # G-E1: a blank cell
    path = tmp_path / "broken.giedit"
    storage.save(report, path)
    return path


def test_a_consistent_report_has_nothing_blocking(clean: Path) -> None:
    assert blocking_findings(storage.load(clean)) == []


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_export_writes_the_format_of_the_extension(clean: Path, tmp_path: Path, suffix: str, capsys) -> None:
    out = tmp_path / f"报告{suffix}"
    assert cli.main(["export", str(clean), "-o", str(out)]) == 0
    assert out.read_bytes()[:4] == (b"%PDF" if suffix == ".pdf" else b"PK\x03\x04")
    assert "已导出" in capsys.readouterr().out


def test_unknown_extension_exits_2(clean: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "报告.odt"
    assert cli.main(["export", str(clean), "-o", str(out)]) == 2
    assert "无法识别" in capsys.readouterr().err
    assert not out.exists()


def test_unreadable_input_exits_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.giedit"
    bad.write_bytes(b"\x00\x01 not json")
    assert cli.main(["export", str(bad), "-o", str(tmp_path / "x.pdf")]) == 2
    assert cli.main(["export", str(tmp_path / "missing.giedit"), "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "giedit：" in err
    assert not (tmp_path / "x.pdf").exists()


def test_errors_block_export_and_nothing_is_written(broken: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "报告.pdf"
    assert cli.main(["export", str(broken), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "G-E1" in err and "--draft" in err
    assert list(tmp_path.iterdir()) == [broken]


def test_draft_exports_despite_errors(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "报告.pdf"
    assert cli.main(["export", str(broken), "-o", str(out), "--draft"]) == 0
    assert DRAFT_STAMP in PdfReader(out).pages[0].extract_text()


def test_a_locked_target_gives_a_chinese_message_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word holds an open .docx locked: os.replace fails with PermissionError (Windows)."""
    out = tmp_path / "报告.pdf"
    out.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match=r"报告\.pdf") as err:
        export(filled(2021), out)
    assert "关闭" in str(err.value)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.pdf"]  # the temporary file is gone


def test_a_missing_folder_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="不存在"):
        export(filled(2021), tmp_path / "no" / "报告.docx")


def test_export_api_refuses_an_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"报告\.txt"):
        export(filled(2021), tmp_path / "报告.txt")


def test_fonts_are_registered_once(tmp_path: Path) -> None:
    first = pdf_fonts("shipped")
    export_pdf(filled(2021), tmp_path / "a.pdf", options=ExportOptions(fonts="shipped"))
    assert pdf_fonts("shipped") is first


def test_installed_fonts_are_preferred_in_auto_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clerk's 黑体 (simhei.ttf) is used for headings; a CFF font posing as 仿宋 is skipped."""
    hei = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    cff = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
    if not hei.exists():
        pytest.skip("no TrueType CJK font installed to stand in for 黑体")
    (tmp_path / "simhei.ttf").symlink_to(hei)
    if cff.exists():
        (tmp_path / "simfang.ttf").symlink_to(cff)
    monkeypatch.setenv("GIEDIT_SYSTEM_FONT_DIRS", str(tmp_path))
    fonts = pdf_fonts("auto")
    assert fonts.file(fonts.primary[FontRole.HEADING]) == tmp_path / "simhei.ttf"
    assert fonts.file(fonts.primary[FontRole.BODY]).parent == shipped_dir()
    out = export_pdf(filled(2021), tmp_path / "auto.pdf", options=ExportOptions(fonts="auto"))
    names = {str(f["/BaseFont"]) for p in PdfReader(out).pages for f in p["/Resources"]["/Font"].values()}
    assert any("WenQuanYi" in n for n in names)


def test_export_errors_are_chinese_for_a_folder_and_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from paths import SAMPLES

    from giedit.export import ExportError, export_docx
    from giedit.model.storage import load

    report = load(SAMPLES / "2023-qingshan-zhen.giedit")
    (tmp_path / "a.docx").mkdir()
    with pytest.raises(ExportError, match="同名的文件夹"):
        export_docx(report, tmp_path / "a.docx")

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match="磁盘空间不足"):
        export_docx(report, tmp_path / "b.docx")
    assert not (tmp_path / "b.docx").exists()
