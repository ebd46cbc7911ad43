"""Start-up pieces: the crash dialog, the fonts, opening files given on the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_support import answer_dialogs  # noqa: F401 (autouse: no dialog waits for a person)

from giedit.model.report import new_report
from giedit.model.storage import save
from giedit.resources import resource_path
from giedit.ui import app, fonts
from giedit.ui.document import Document


def test_excepthook_shows_a_chinese_dialog(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: None)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    app.install_excepthook()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert len(shown) == 1
    assert "意外错误" in shown[0].text()
    assert "RuntimeError: boom" in shown[0].detailedText()


def test_shipped_fonts_load_and_a_cjk_family_is_chosen(qapp: QApplication) -> None:
    shipped = fonts.load_shipped_fonts()
    if not shipped:
        pytest.skip("no fonts in resources/fonts yet")
    assert all(f in QFontDatabase.families() for f in shipped)
    chosen = fonts.choose_families(shipped, [])  # a machine without system CJK fonts
    assert chosen[0] in shipped
    assert "Regular" in QFontDatabase.styles(chosen[0])  # the bold-only sans is not the UI font
    if "Giedit Fang SC" in shipped:
        assert chosen[0] == "Giedit Fang SC"  # the only regular faces shipped: 仿宋 before 楷
    assert fonts.choose_families(shipped, ["Noto Sans CJK SC", "Arial"])[0] == "Noto Sans CJK SC"
    assert fonts.choose_families([], []) == []


def test_resources_in_a_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resource_path("fonts").is_dir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fonts") == tmp_path / "resources" / "fonts"


def test_start_opens_the_file_given(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start() installs its own; undo after
    path = tmp_path / "乙镇.giedit"
    save(new_report(2023, "乙镇人民政府"), path)
    window = app.start([str(path)])
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.windowTitle() == "乙镇.giedit[*] — giedit"
    assert window.document.report.year == 2023


def test_start_with_a_damaged_file_keeps_a_new_report(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    path = tmp_path / "坏.giedit"
    path.write_text("不是报告", encoding="utf-8")
    window = app.start([str(path)])
    qtbot.addWidget(window)
    assert shown and "坏.giedit" in shown[0]
    assert window.document.path is None


def test_signal_emits_do_not_use_up_true(qapp: QApplication) -> None:
    """PySide6 6.12 drops a reference to True on every Python emit; on Python 3.11 this aborted
    the process after a few thousand edits until giedit.ui pinned the bools (see its docstring)."""
    document = Document(new_report(2024))
    for _ in range(20000):
        document.notice.emit("")
    assert sys.getrefcount(True) > 1000  # unpinned, the count would have hit 0 and aborted by now


def test_qt_texts_are_in_chinese(qapp: QApplication) -> None:
    """Standard buttons, file dialogs and the text fields' context menus speak Chinese."""
    if not app.install_translations(qapp):
        pytest.skip("Qt's translations are not installed with PySide6 here")
    assert app.install_translations(qapp)  # once is enough
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_the_window_has_the_giedit_icon(qtbot) -> None:  # type: ignore[no-untyped-def]
    from giedit.ui.app import start

    window = start([])
    qtbot.addWidget(window)
    icon = QApplication.instance().windowIcon()
    assert not icon.isNull() and icon.availableSizes()


def test_a_message_for_the_clerk_that_no_dialog_caught_is_shown_as_it_is(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One catch for every ClerkError in the editor: its Chinese line in a plain warning, not the
    "unexpected error" dialog with a traceback."""
    from giedit.model.storage import FileError

    warned: list[str] = []
    crashes: list[QMessageBox] = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: crashes.append(box) or 0)
    app.install_excepthook()
    try:
        raise FileError("磁盘空间不足，无法保存「报告.giedit」，原来的文件完好未改动。")
    except FileError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert warned == ["磁盘空间不足，无法保存「报告.giedit」，原来的文件完好未改动。"]
    assert crashes == []


def test_a_system_cjk_sans_is_used_without_loading_the_shipped_fonts(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[bool] = []
    real = fonts.load_shipped_fonts
    monkeypatch.setattr(fonts, "load_shipped_fonts", lambda: loaded.append(True) or real())
    before = qapp.font()
    try:
        system = next((f for f in fonts.SYSTEM_CJK_SANS if QFontDatabase.hasFamily(f)), None)
        if system is not None:
            assert fonts.install_fonts(qapp) == system
            assert loaded == [] and qapp.font().families() == [system]
        monkeypatch.setattr(fonts, "SYSTEM_CJK_SANS", ())  # a machine without a CJK font
        chosen = fonts.install_fonts(qapp)
        assert loaded == [True]
        assert chosen is not None and chosen.startswith("Giedit")
        assert "Regular" in QFontDatabase.styles(chosen)
    finally:
        qapp.setFont(before)
