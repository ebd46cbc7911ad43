"""导出 and 打印预览 in the editor (issue 6): one click writes DOCX and PDF side by side after a
pre-flight check; errors are listed (click one to go there) and only 导出草稿 exports them; a
target that cannot be written gets the export's Chinese message and nothing half-written; the
print preview shows the PDF 导出 would write, page by page.

Real widgets offscreen; file dialogs, questions and QDesktopServices are patched.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import docx
import pytest
from paths import ROOT, SAMPLES
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.checks import Severity
from giedit.model import edits
from giedit.model.storage import load
from giedit.ui import exchange, file_dialogs
from giedit.ui.app import install_translations
from giedit.ui.document import Document
from giedit.ui.exchange import FINDING_ROLE, ExportChoices, ExportOptionsDialog
from giedit.ui.fonts import install_fonts
from giedit.ui.main_window import MainWindow
from giedit.ui.pages import TablePage
from giedit.ui.parts import part_of
from giedit.ui.preview import PreviewDialog
from giedit.ui.settings import Settings

Button = QMessageBox.StandardButton
SAMPLE = "2023-qingshan-zhen"


def _shots() -> Path:
    shots = Path(os.environ.get("GIEDIT_SHOTS") or ROOT / "out" / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def shoot(win: QWidget, dialog: QWidget, name: str) -> Path:
    """The window at 1366x768 with the dialog centred on it, framed and titled as a window manager
    would (offscreen there is none), as the clerk sees them."""
    QApplication.processEvents()
    base = win.grab()
    top = dialog.grab()
    bar = dialog.fontMetrics().height() + 10
    x, y = (base.width() - top.width()) // 2, max(0, (base.height() - top.height() - bar) // 2)
    painter = QPainter(base)
    painter.fillRect(x - 1, y - 1, top.width() + 2, top.height() + bar + 2, QColor("#6b7280"))
    painter.fillRect(x, y, top.width(), bar, QColor("#e5e7eb"))
    painter.setPen(QColor("#111827"))
    painter.setFont(dialog.font())
    painter.drawText(
        x + 10, y, top.width() - 20, bar, int(Qt.AlignmentFlag.AlignVCenter), dialog.windowTitle()
    )
    painter.drawPixmap(QPoint(x, y + bar), top)
    painter.end()
    out = _shots() / name
    assert base.save(str(out))
    return out


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """The folders 打开文件夹 would have opened."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


def _copy(tmp_path: Path, name: str = SAMPLE) -> Path:
    target = tmp_path / f"{name}.giedit"
    shutil.copy(SAMPLES / f"{name}.giedit", target)
    return target


def _window(qtbot: QtBot, document: Document) -> MainWindow:
    win = MainWindow(document)
    show_window(qtbot, win)
    win.resize(1366, 768)
    return win


def _break_a_sum(win: MainWindow) -> None:
    win.document.push(edits.enter(win.document.report, "requests.new.natural", "999"), "填写数字")


def _docx_text(path: Path) -> tuple[str, str]:
    """(body text with the tables, header text) of a DOCX."""
    document = docx.Document(str(path))
    body = [p.text for p in document.paragraphs]
    for table in document.tables:
        body.extend(cell.text for row in table.rows for cell in row.cells)
    header = [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(body), "\n".join(header)


def _pdf(path_or_bytes: Path | bytes) -> PdfReader:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    return PdfReader(io.BytesIO(data))


def _files(folder: Path) -> list[str]:
    """The folder's files, without the lock file of the report open in the window."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".~lock."))


def _squash(text: str) -> str:
    return "".join(text.split())


def test_export_writes_docx_and_pdf_beside_the_file(qtbot: QtBot, tmp_path: Path, opened: list[QUrl]) -> None:
    path = _copy(tmp_path)
    win = _window(qtbot, Document.open(path))
    assert win.export_action.shortcut().toString() == "Ctrl+E"
    assert win.export_action in win.toolbar.actions() and win.export_action in win.file_menu.actions()
    answers().queue = [Button.Open]  # 打开文件夹
    win.export_action.trigger()
    assert win.preflight is None  # a clean report: no pre-flight dialog, one click
    docx_path, pdf_path = tmp_path / f"{SAMPLE}.docx", tmp_path / f"{SAMPLE}.pdf"
    assert docx_path.is_file() and pdf_path.is_file()
    fmt = win.document.report.definition
    body, header = _docx_text(docx_path)
    for section in fmt.sections:
        assert section.title in body
    assert "草稿" not in header
    pdf = _pdf(pdf_path)
    assert len(pdf.pages) > 0
    text = _squash("".join(page.extract_text() for page in pdf.pages))
    for section in fmt.sections:
        assert _squash(section.title) in text
    assert "草稿" not in text
    assert "已导出报告" in answers().asked[-1] and str(tmp_path) in answers().asked[-1]
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]
    assert Settings().export_folder() == str(tmp_path)
    assert _files(tmp_path) == sorted([path.name, docx_path.name, pdf_path.name])  # no temporary files
    assert (tmp_path / f".~lock.{path.name}#").is_file()  # the report is open in the window


def test_an_unsaved_report_asks_for_a_folder_once_and_formats_are_remembered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[QUrl]
) -> None:
    asked: list[str] = []

    def pick(*args: object, **kwargs: object) -> str:
        asked.append("folder")
        return str(tmp_path)

    monkeypatch.setattr(file_dialogs, "ask_folder", pick)
    win = _window(qtbot, Document(load(SAMPLES / f"{SAMPLE}.giedit")))
    written = win.export_files()
    stem = win.document.report.display_title()
    assert [p.name for p in written] == [f"{stem}.docx", f"{stem}.pdf"]
    assert asked == ["folder"] and opened == []  # 确定, not 打开文件夹
    Settings().set_export_formats(["pdf"])
    (tmp_path / f"{stem}.pdf").unlink()
    assert [p.name for p in win.export_files()] == [f"{stem}.pdf"]
    assert asked == ["folder"]  # the folder was remembered


def test_export_options_are_kept(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = ExportOptionsDialog(ExportChoices(["docx", "pdf"], True, "", "outside"))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.docx.setChecked(False)
    dialog.pdf.setChecked(False)
    assert not ok.isEnabled()  # nothing to export
    dialog.pdf.setChecked(True)
    dialog.fixed.setChecked(True)
    assert not ok.isEnabled()  # no folder yet
    dialog.folder.setText(str(tmp_path))
    dialog.page_numbers.setCurrentIndex(1)
    assert ok.isEnabled()
    choices = dialog.choices()
    assert choices == ExportChoices(["pdf"], False, str(tmp_path), "center")

    monkeypatch.setattr(exchange, "ask_export_options", lambda parent, current: choices)
    reports = tmp_path / "reports"
    reports.mkdir()
    win = _window(qtbot, Document.open(_copy(reports, "2025-baiyun-xiang")))
    win.export_options_action.trigger()
    settings = Settings()
    assert (settings.export_formats(), settings.export_beside(), settings.export_folder()) == (
        ["pdf"],
        False,
        str(tmp_path),
    )
    assert win.export_options().page_numbers == "center"
    assert [p.parent for p in win.export_files()] == [tmp_path]  # the fixed folder, not the file's


def test_errors_block_export_until_draft(qtbot: QtBot, tmp_path: Path, opened: list[QUrl]) -> None:
    install_fonts(QApplication.instance())  # type: ignore[arg-type]
    install_translations(QApplication.instance())  # type: ignore[arg-type]
    path = _copy(tmp_path)
    win = _window(qtbot, Document.open(path))
    _break_a_sum(win)
    win.navigator.select_part("info")
    win.export_action.trigger()
    dialog = win.preflight
    assert dialog is not None and dialog.isVisible()
    errors = [f for f in dialog.findings() if f.severity is Severity.ERROR]
    assert errors and all(f.rule == "T2-E3" for f in errors)
    assert f"{len(errors)} 个错误" in dialog.intro.text()
    assert dialog.cancel_button.isDefault()
    shoot(win, dialog, "export-preflight.png")

    # clicking an error closes the dialog and goes to its cells, as the checks panel does
    item = dialog.list.item(0)
    finding = item.data(FINDING_ROLE)
    rect = dialog.list.visualItemRect(item)
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not dialog.isVisible()
    part = part_of(finding, win.document.report.definition)
    page = win.pages[part]
    assert isinstance(page, TablePage) and win.stack.currentWidget() is page
    assert page.view.form.cell_id(page.view.currentIndex()) == finding.cells[0]
    selected = {page.view.form.cell_id(i) for i in page.view.selectionModel().selectedIndexes()}
    assert set(finding.cells) <= selected
    assert _files(tmp_path) == [path.name]

    # 取消 writes nothing
    win.export_action.trigger()
    win.preflight.cancel_button.click()  # type: ignore[union-attr]
    assert not win.preflight.isVisible()  # type: ignore[union-attr]
    assert _files(tmp_path) == [path.name]

    # 导出草稿 writes both, 草稿 in both headers and in the names
    win.export_action.trigger()
    win.preflight.draft_button.click()  # type: ignore[union-attr]
    docx_path, pdf_path = tmp_path / f"{SAMPLE}（草稿）.docx", tmp_path / f"{SAMPLE}（草稿）.pdf"
    assert docx_path.is_file() and pdf_path.is_file()
    assert "草稿" in _docx_text(docx_path)[1]
    pdf = _pdf(pdf_path)
    assert all("草稿" in page.extract_text() for page in pdf.pages)
    assert "已导出草稿" in answers().asked[-1]
    assert not (tmp_path / f"{SAMPLE}.docx").exists()


def test_a_locked_target_shows_the_export_message(qtbot: QtBot, tmp_path: Path, opened: list[QUrl]) -> None:
    path = _copy(tmp_path)
    (tmp_path / f"{SAMPLE}.docx").mkdir()  # as if Word held the file: it cannot be replaced
    win = _window(qtbot, Document.open(path))
    assert win.export_files() == []
    assert any(f"无法写入「{SAMPLE}.docx」" in q for q in answers().asked)
    assert not opened
    assert _files(tmp_path) == sorted([path.name, f"{SAMPLE}.docx"])
    assert list((tmp_path / f"{SAMPLE}.docx").iterdir()) == []  # no temporary file anywhere
    assert Settings().export_folder() == ""  # a failed export is not remembered


def test_a_missing_folder_shows_the_export_message(qtbot: QtBot, tmp_path: Path, opened: list[QUrl]) -> None:
    settings = Settings()
    settings.set_export_beside(False)
    settings.set_export_folder(str(tmp_path / "U盘"))
    win = _window(qtbot, Document.open(_copy(tmp_path)))
    assert win.export_files() == []
    assert any("不存在" in q for q in answers().asked)


def _wait_ready(qtbot: QtBot, dialog: PreviewDialog) -> None:
    qtbot.waitUntil(lambda: dialog.pdf.status() == QPdfDocument.Status.Ready, timeout=5000)


def test_preview_shows_every_page(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fonts(QApplication.instance())  # type: ignore[arg-type]
    path = _copy(tmp_path)
    win = _window(qtbot, Document.open(path))
    assert win.preview_action.shortcut().toString() == "Ctrl+P"
    win.preview_action.trigger()
    dialog = win.preview_dialog
    assert isinstance(dialog, PreviewDialog) and dialog.isVisible()
    _wait_ready(qtbot, dialog)
    pages = len(_pdf(dialog.data).pages)
    assert dialog.pdf.pageCount() == pages > 1
    assert dialog.banner is None and not dialog.draft
    assert dialog.page_label.text().startswith(f"第 1 / {pages} 页")
    assert "适合宽度" in dialog.page_label.text()
    dialog.zoom_in_button.click()
    bigger = dialog.zoom()
    assert "%" in dialog.page_label.text()
    dialog.zoom_out_button.click()
    assert dialog.zoom() < bigger
    dialog.fit_button.click()
    assert "适合宽度" in dialog.page_label.text()
    dialog.view.verticalScrollBar().setValue(dialog.view.verticalScrollBar().maximum())
    assert dialog.page_label.text().startswith(f"第 {pages} / {pages} 页")

    # printing renders every page onto the printer (here a PDF file)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(72)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert dialog.print_to(printer)
    assert len(_pdf(printed).pages) == pages

    # 导出PDF from the preview
    target = tmp_path / "预览.pdf"
    monkeypatch.setattr(file_dialogs, "ask_save", lambda *a, **k: str(target))
    assert dialog.save_pdf() == target
    assert len(_pdf(target).pages) == pages
    dialog.view.verticalScrollBar().setValue(0)
    dialog.resize(900, 690)  # the offscreen screen is 800x600; on 1366x768 the dialog is this big
    qtbot.waitUntil(lambda: _ink(dialog) > 50, timeout=5000)
    shoot(win, dialog, "print-preview.png")
    dialog.reject()


def test_preview_of_a_report_with_errors_is_a_draft(qtbot: QtBot, tmp_path: Path) -> None:
    install_fonts(QApplication.instance())  # type: ignore[arg-type]
    win = _window(qtbot, Document.open(_copy(tmp_path)))
    _break_a_sum(win)
    dialog = win.preview()
    assert isinstance(dialog, PreviewDialog)
    _wait_ready(qtbot, dialog)
    assert dialog.draft and dialog.banner is not None and dialog.banner.isVisible()
    assert "报告有错误，预览为草稿" in dialog.banner.text()
    assert "草稿" in _pdf(dialog.data).pages[0].extract_text()
    assert dialog.pdf.pageCount() == len(_pdf(dialog.data).pages)
    dialog.resize(900, 690)
    qtbot.waitUntil(lambda: _ink(dialog) > 50, timeout=5000)
    shoot(win, dialog, "print-preview-draft.png")
    dialog.reject()


def test_the_preview_pixmap_is_not_blank(qtbot: QtBot, tmp_path: Path) -> None:
    """QtPdf really draws the pages (a white rectangle would pass every other check)."""
    win = _window(qtbot, Document.open(_copy(tmp_path)))
    dialog = win.preview()
    assert isinstance(dialog, PreviewDialog)
    _wait_ready(qtbot, dialog)
    qtbot.waitUntil(lambda: _ink(dialog) > 50, timeout=5000)  # pages are rendered in a thread
    dialog.reject()


def _ink(dialog: PreviewDialog) -> int:
    image = QPixmap(dialog.view.viewport().grab()).toImage()
    return sum(
        1
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
        if image.pixelColor(x, y).lightness() < 100
    )


def test_the_preview_proposes_the_name_export_gives(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """导出PDF from the preview of an unsaved draft: the title with no character a file system
    refuses, and the draft mark, as 导出 and ``giedit export`` name the file (issue 15)."""
    from giedit.export.targets import DRAFT_MARK
    from giedit.model.report import new_report

    report = new_report(2025, "某某镇人民政府")
    report.title = "某某镇/2025年度:政府信息公开"
    dialog = PreviewDialog(report, draft=True)
    qtbot.addWidget(dialog)
    proposed: list[str] = []
    monkeypatch.setattr(
        file_dialogs, "ask_save", lambda _p, _s, _t, name, *a, **k: proposed.append(name) or ""
    )
    assert dialog.save_pdf() is None  # the clerk cancels: nothing written
    assert proposed == [f"某某镇_2025年度_政府信息公开{DRAFT_MARK}.pdf"]


def test_the_web_page_can_be_one_of_the_exported_formats(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most of these reports are published as web pages: 导出选项 offers .html beside DOCX and PDF."""
    dialog = ExportOptionsDialog(ExportChoices(["docx", "pdf"], True, "", "outside"))
    qtbot.addWidget(dialog)
    assert not dialog.html.isChecked()  # one click writes DOCX and PDF unless the clerk asks
    dialog.docx.setChecked(False)
    dialog.pdf.setChecked(False)
    dialog.html.setChecked(True)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    choices = dialog.choices()
    assert choices.formats == ["html"]
    monkeypatch.setattr(
        exchange,
        "ask_export_options",
        lambda parent, current: ExportChoices(["pdf", "html"], True, "", "outside"),
    )
    win = _window(qtbot, Document.open(_copy(tmp_path, "2025-baiyun-xiang")))
    win.export_options_action.trigger()
    assert Settings().export_formats() == ["pdf", "html"]
    written = win.export_files()
    assert [p.suffix for p in written] == [".pdf", ".html"]
    page = written[1].read_text(encoding="utf-8")
    assert "白云乡" in page and "<table" in page and "二、主动公开政府信息情况" in page
