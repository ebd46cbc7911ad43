"""导出 in the editor never replaces a file without an explicit 「替换」 (issue 12 item 8, issue 14):
the question names the files, recognises last year's published report the report was imported
from, offers free numbered names; the pair is written whole or not at all; an export of unsaved
changes says so."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from paths import SAMPLES, SHARED
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.model import atomic, edits, sources
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow

Button = QMessageBox.StandardButton
SAMPLE = "2023-qingshan-zhen"
DOCX_SAMPLE = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"


@pytest.fixture(autouse=True)
def no_folder_opening(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))


class Boxes:
    """Every question asked: (title, text, informative text, default button) and the answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[tuple[str, str, str, Button | None]] = []
        self.queue: list[Button] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self(box))

    def __call__(self, box: QMessageBox) -> int:
        default = box.defaultButton()
        self.seen.append(
            (box.windowTitle(), box.text(), box.informativeText(), default and box.standardButton(default))
        )
        return int(self.queue.pop(0) if self.queue else Button.Discard)  # 取消 here; 不保存 at teardown


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def _window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, Path]:
    path = tmp_path / f"{SAMPLE}.giedit"
    shutil.copy(SAMPLES / f"{SAMPLE}.giedit", path)
    win = MainWindow(Document.open(path))
    show_window(qtbot, win)
    return win, path


def test_an_existing_pair_is_replaced_only_after_replace_is_clicked(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes
) -> None:
    win, _path = _window(qtbot, tmp_path)
    docx_path, pdf_path = tmp_path / f"{SAMPLE}.docx", tmp_path / f"{SAMPLE}.pdf"
    docx_path.write_bytes(b"last week's docx")
    pdf_path.write_bytes(b"last week's pdf")
    assert win.export_files() == []  # 取消 (the default)
    title, text, _info, default = boxes.seen[-1]
    assert title == "文件已存在" and f"「{docx_path.name}」" in text and f"「{pdf_path.name}」" in text
    assert default == Button.Cancel
    assert docx_path.read_bytes() == b"last week's docx" and pdf_path.read_bytes() == b"last week's pdf"
    boxes.queue = [Button.Yes, Button.Ok]  # 替换, then 确定 on 导出完成
    assert win.export_files() == [docx_path, pdf_path]
    assert docx_path.read_bytes()[:2] == b"PK" and pdf_path.read_bytes()[:4] == b"%PDF"


def test_save_as_new_files_keeps_the_old_ones(qtbot: QtBot, tmp_path: Path, boxes: Boxes) -> None:
    win, _path = _window(qtbot, tmp_path)
    (tmp_path / f"{SAMPLE}.pdf").write_bytes(b"old")
    (tmp_path / f"{SAMPLE}（2）.docx").write_bytes(b"taken")  # number 2 is not free for the pair
    boxes.queue = [Button.Save, Button.Ok]  # 保存为新文件
    written = win.export_files()
    assert [p.name for p in written] == [f"{SAMPLE}（3）.docx", f"{SAMPLE}（3）.pdf"]
    assert f"「{SAMPLE}（3）.docx」" in boxes.seen[0][2]
    assert (tmp_path / f"{SAMPLE}.pdf").read_bytes() == b"old"
    assert (tmp_path / f"{SAMPLE}（2）.docx").read_bytes() == b"taken"


def test_the_published_report_it_was_imported_from_is_named_and_not_the_default(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes
) -> None:
    win, _path = _window(qtbot, tmp_path)
    published = tmp_path / f"{SAMPLE}.docx"  # last year's report, where this year's export goes
    shutil.copy(DOCX_SAMPLE, published)
    sources.record(win.document.report, published)
    before = published.read_bytes()
    boxes.queue = [Button.Cancel]
    assert win.export_files() == []
    _title, text, _info, default = boxes.seen[-1]
    assert "是这份报告导入时读取的原文件（已发布的报告），替换后将无法找回" in text
    assert default == Button.Save  # 保存为新文件, not 替换
    assert published.read_bytes() == before


def test_the_import_in_the_editor_remembers_its_source(qtbot: QtBot, tmp_path: Path, boxes: Boxes) -> None:
    win, _path = _window(qtbot, tmp_path)
    published = tmp_path / "去年.docx"
    shutil.copy(DOCX_SAMPLE, published)
    boxes.queue = [Button.Discard]  # 不保存 the sample (it has no changes: not asked)
    assert win.import_path(published)
    assert [s.name for s in win.document.report.sources] == ["去年.docx"]
    assert sources.is_source(win.document.report, published)


def test_a_target_held_open_writes_neither_file(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, _path = _window(qtbot, tmp_path)
    docx_path, pdf_path = tmp_path / f"{SAMPLE}.docx", tmp_path / f"{SAMPLE}.pdf"
    docx_path.write_bytes(b"open in Word")
    pdf_path.write_bytes(b"old pdf")
    monkeypatch.setattr(atomic, "_WINDOWS", True)
    monkeypatch.setattr(atomic.time, "sleep", lambda s: None)
    real_replace = os.replace

    def word_holds_the_docx(src: object, dst: object) -> None:
        if Path(str(dst)) == docx_path:
            error = PermissionError(errno.EACCES, "The process cannot access the file")
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", word_holds_the_docx)
    boxes.queue = [Button.Yes, Button.Ok]  # 替换, then 确定 on the failure
    assert win.export_files() == []
    _title, text, info, _default = boxes.seen[-1]
    assert f"「{docx_path.name}」" in text and "文件正被其他程序打开，请关闭后再导出" in text
    assert "没有写入任何文件" in info
    assert docx_path.read_bytes() == b"open in Word" and pdf_path.read_bytes() == b"old pdf"


def test_an_export_with_unsaved_changes_says_so(qtbot: QtBot, tmp_path: Path, boxes: Boxes) -> None:
    win, path = _window(qtbot, tmp_path)
    before = path.read_bytes()
    win.document.push(edits.enter(win.document.report, "requests.new.natural", "4"), "填写数字")
    boxes.queue = [Button.Ok]
    assert len(win.export_files(draft=True)) == 2
    _title, text, info, _default = boxes.seen[-1]
    assert "已导出" in text and "尚未保存的修改" in info and f"「{path.name}」" in info
    assert win.document.modified and path.read_bytes() == before  # exported, not saved
    win.document.undo_stack.setClean()
    boxes.queue = [Button.Yes, Button.Ok]
    win.export_files(draft=True)
    assert "尚未保存" not in boxes.seen[-1][2]


def test_a_very_long_title_gives_names_that_fit(qtbot: QtBot, tmp_path: Path, boxes: Boxes) -> None:
    win, _path = _window(qtbot, tmp_path)
    win.document.path = None  # a new report: the files are named by its title
    win.document.report.title = "关于" + "政府信息公开工作" * 36 + "的年度报告"
    win.settings.set_export_beside(False)
    win.settings.set_export_folder(str(tmp_path))
    boxes.queue = [Button.Ok]
    written = win.export_files(draft=True)
    assert len(written) == 2
    for p in written:
        assert len(p.name.encode()) <= 255 and p.name.endswith(("（草稿）.docx", "（草稿）.pdf"))
