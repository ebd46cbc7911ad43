"""In the editor (issue 12): 复制为网页 puts the report on the clipboard as HTML (plus plain text) for a
portal's CMS editor, and 导出 shows the characters no font can draw before writing anything."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import html5lib
from paths import SAMPLES
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs, answers, show_window  # noqa: F401

from giedit.model import edits
from giedit.model.report import Paragraph
from giedit.model.storage import load, save
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow

SAMPLE = "2024-tongxi-jiedao"


def _window(qtbot: QtBot, path: Path) -> MainWindow:
    win = MainWindow(Document.open(path))
    show_window(qtbot, win)
    return win


def test_copy_as_html_puts_the_report_on_the_clipboard(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / f"{SAMPLE}.giedit"
    shutil.copy(SAMPLES / f"{SAMPLE}.giedit", path)
    win = _window(qtbot, path)
    assert win.copy_html_action in win.file_menu.actions()
    win.copy_html_action.trigger()
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasHtml() and data.hasText()
    tree = html5lib.parseFragment(data.html(), treebuilder="etree", namespaceHTMLElements=False)
    report = win.document.report
    assert [h.text for h in tree.iter("h2")] == [s.title for s in report.definition.sections]
    assert len(list(tree.iter("table"))) == 3
    assert any(td.get("rowspan") for td in tree.iter("td"))
    assert report.display_title() in data.text()
    assert "已复制为网页" in win.statusBar().currentMessage()

    # with errors the copy is marked 草稿, as an exported draft is
    win.document.push(edits.enter(report, "requests.new.natural", "999"), "填写数字")
    win.copy_html_action.trigger()
    assert "草稿" in QGuiApplication.clipboard().mimeData().html()
    assert "草稿" in win.statusBar().currentMessage()


def test_export_preflight_lists_characters_no_font_draws(qtbot: QtBot, tmp_path: Path) -> None:
    report = load(SAMPLES / f"{SAMPLE}.giedit")
    report.section("overview").paragraphs.append(Paragraph(text="王䶮同志"))
    path = tmp_path / f"{SAMPLE}.giedit"
    save(report, path)
    win = _window(qtbot, path)
    win.export_action.trigger()
    dialog = win.preflight
    assert dialog is not None and dialog.isVisible()
    messages = [f.message for f in dialog.findings()]
    assert len(messages) == 1 and "U+4DAE" in messages[0] and "第" in messages[0]
    assert "方框" in dialog.intro.text()
    assert dialog.draft_button.text() == "仍要导出"
    assert [p for p in tmp_path.iterdir() if not p.name.startswith(".~lock")] == [path]  # nothing written yet
    answers().queue = []
    dialog.draft_button.click()  # 仍要导出: the real report, not a draft
    written = sorted(p.name for p in tmp_path.iterdir() if p != path)
    assert written and all("草稿" not in name for name in written)


def test_both_clipboard_flavours_of_a_report_with_errors_say_draft(qtbot: QtBot, tmp_path: Path) -> None:
    """QA25 defect 4: many portal editors paste the plain text; it carries the mark the HTML has,
    and its gaps read as the draft PDF prints them."""
    from pypdf import PdfReader

    from giedit.checks.acceptance import blocking_findings
    from giedit.export import pdf_bytes
    from giedit.export.layout import DRAFT_STAMP
    from giedit.model.figures import BLANK
    from giedit.model.report import TODO
    from giedit.model.rollforward import roll_forward

    rolled = roll_forward(load(SAMPLES / f"{SAMPLE}.giedit")).report  # blank tables, prompts left
    assert blocking_findings(rolled)
    path = tmp_path / "rolled.giedit"
    save(rolled, path)
    win = _window(qtbot, path)
    win.copy_html_action.trigger()
    data = QGuiApplication.clipboard().mimeData()
    text, markup = data.text(), data.html()
    assert text.splitlines()[0] == DRAFT_STAMP
    tree = html5lib.parseFragment(markup, treebuilder="etree", namespaceHTMLElements=False)
    first = next(p for p in tree.iter("p"))
    assert first.text == DRAFT_STAMP
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(rolled, draft=True))).pages)
    assert pdf.count(BLANK) == text.count(BLANK) == markup.count(BLANK) > 0
    assert text.count(TODO) == markup.count(TODO) > 0
    assert "草稿" in win.statusBar().currentMessage()

    # a report without errors: neither flavour says 草稿
    clean = tmp_path / "clean.giedit"
    shutil.copy(SAMPLES / f"{SAMPLE}.giedit", clean)
    assert win.open_path(clean)
    win.copy_html_action.trigger()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text().splitlines()[0] == win.document.report.display_title().replace("\n", "")
    assert DRAFT_STAMP not in data.text() and DRAFT_STAMP not in data.html()
