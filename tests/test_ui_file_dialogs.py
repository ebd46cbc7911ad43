"""Qt's standard dialogs speak Chinese, and file dialogs open where the clerk keeps reports (issue 16)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTreeView,
)
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs  # noqa: F401 (autouse: no dialog waits for a person)

from giedit.model.report import new_report
from giedit.model.storage import save
from giedit.resources import resource_path
from giedit.ui import file_dialogs
from giedit.ui.app import install_translations
from giedit.ui.document import Document
from giedit.ui.main_window import MainWindow
from giedit.ui.settings import Settings

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def chinese_qt(qapp: QApplication) -> QApplication:
    if not install_translations(qapp):
        pytest.skip("Qt's translations are not installed with PySide6 here")
    return qapp


def _answer(monkeypatch: pytest.MonkeyPatch, choose: Callable[[QFileDialog], str]) -> list[QFileDialog]:
    """File dialogs answered by ``choose`` (a path, or '' to cancel); the dialogs are kept, with
    the folder each opened in as ``started``."""
    seen: list[QFileDialog] = []

    def run(dialog: QFileDialog) -> int:
        dialog.started = Path(dialog.directory().absolutePath())  # type: ignore[attr-defined]
        seen.append(dialog)
        path = choose(dialog)
        if not path:
            return int(QDialog.DialogCode.Rejected)
        dialog.selectFile(path)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QFileDialog, "exec", run)
    return seen


def test_file_dialog_labels_and_buttons_are_chinese(
    chinese_qt: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt's catalogue leaves "Look in:" and "Files of type:" in English; giedit's dialogs do not."""
    seen = _answer(monkeypatch, lambda d: "")
    assert file_dialogs.ask_open(None, Settings(), "打开报告", "giedit 年度报告 (*.giedit)") == ""
    dialog = seen[0]
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围："
    assert labels["fileTypeLabel"] == "文件类型："
    assert labels["fileNameLabel"] == "文件名："
    texts = [w.text() for w in dialog.findChildren(QAbstractButton) if w.text()]
    texts += [w.toolTip() for w in dialog.findChildren(QAbstractButton) if w.toolTip()]
    assert texts and not [t for t in texts if LATIN_WORD.search(t.replace("&", ""))], texts
    header = dialog.findChild(QTreeView, "treeView").header()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.ResizeToContents  # sizes not cut


def test_any_file_dialog_is_chinese_where_qts_catalogue_is_not(
    chinese_qt: QApplication, qtbot: QtBot
) -> None:
    """A file dialog giedit did not build (e.g. one inside Qt's print dialog) gets the supplement."""
    dialog = QFileDialog(None, "选择", str(resource_path("samples")), "所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    assert QApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    assert QApplication.translate("QFileDialog", "&Open") == "打开(&O)"  # Qt's own still answers


def test_standard_buttons_and_questions_are_chinese(chinese_qt: QApplication, qtbot: QtBot) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Close
    )
    qtbot.addWidget(box)
    texts = [b.text().replace("&", "") for b in box.buttons()]
    assert not [t for t in texts if LATIN_WORD.search(t)], texts
    assert "取消" in texts


def test_dialogs_start_in_documents_then_the_last_folder_used(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "reports" / "乙镇.giedit"
    report.parent.mkdir()
    save(new_report(2024, "乙镇人民政府"), report)
    settings = Settings()
    seen = _answer(monkeypatch, lambda d: str(report))
    assert file_dialogs.ask_open(None, settings, "打开报告", "*.giedit") == str(report)
    assert seen[0].started == file_dialogs.documents_folder()  # type: ignore[attr-defined]
    _answer(monkeypatch, lambda d: "")
    file_dialogs.ask_open(None, settings, "导入", "*.docx")
    seen = _answer(monkeypatch, lambda d: "")
    file_dialogs.ask_open(None, settings, "导入", "*.docx")
    assert seen[0].started == report.parent  # type: ignore[attr-defined]  # remembered, even after a cancel


def test_save_as_of_a_sample_does_not_offer_giedits_own_folder(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = next(resource_path("samples").glob("*.giedit"))
    window = MainWindow(Document.open(sample))
    qtbot.addWidget(window)
    seen = _answer(monkeypatch, lambda d: "")
    assert not window.save_as()
    assert seen[0].started == file_dialogs.documents_folder()  # type: ignore[attr-defined]
    assert seen[0].selectedFiles()[0].endswith(".giedit")
    assert seen[0].labelText(QFileDialog.DialogLabel.Accept) == "保存"
