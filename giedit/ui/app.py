"""Start-up of the editor: the application, its fonts, the crash dialog and the first window."""

from __future__ import annotations

import os
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from giedit.model.errors import ClerkError
from giedit.model.report import new_report
from giedit.model.storage import FileError
from giedit.resources import resource_path
from giedit.ui import window_fit
from giedit.ui.document import Document
from giedit.ui.fonts import install_fonts
from giedit.ui.main_window import OPEN_FAILED, MainWindow
from giedit.ui.qt_supplement import Supplement
from giedit.ui.settings import Settings


def install_excepthook() -> None:
    """Show an unexpected error in a Chinese dialog instead of dying silently; an error whose
    message is meant for the clerk (``ClerkError``) is shown as that message, once for all.

    A windowed app started from an icon has no console, so a traceback on stderr is lost and the
    clerk sees the window vanish or stop responding. The traceback still goes to stderr and sits
    in the dialog's details for whoever supports the clerk.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, ClerkError) and QApplication.instance() is not None:
            # a message meant for the clerk that no dialog caught: said as it is, not as a bug
            QMessageBox.warning(QApplication.activeWindow(), "giedit", str(error))
            return
        previous(kind, error, tb)
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "giedit 出现意外错误",
            "giedit 遇到了一个意外错误，刚才的操作可能没有完成。",
        )
        box.setInformativeText("已保存的文件不受影响。建议先用「另存为」保存当前报告，再重新启动 giedit。")
        box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
        box.exec()

    sys.excepthook = hook


def install_translations(app: QApplication) -> bool:
    """Qt's own texts (standard buttons, file dialogs, the text fields' context menus) in Chinese.

    The default locale becomes zh_CN whatever the system's is, so dates, file sizes and file
    types in Qt's dialogs read in Chinese too (the gaps of Qt's catalogue: ``file_dialogs``)."""
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(chinese)
    if getattr(app, "_giedit_translator", None) is not None:
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(chinese, "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    supplement = Supplement(app)
    app.installTranslator(supplement)  # asked first: the strings Qt's catalogue lacks
    app._giedit_translator = (translator, supplement)  # type: ignore[attr-defined]  # kept alive with the app
    return True


def start(files: list[str]) -> MainWindow:
    """Create the application (if needed) and show the window with the first file or the start page.

    The file is read before the window is built, so the editors are generated once, for the
    right format. Without a file, or with one that cannot be read (the window says why), the
    start page offers the ways to begin (``start_page``). Then any unsaved work left by an
    editor that did not close is offered for restoring.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("giedit")
    app.setWindowIcon(QIcon(str(resource_path("icons", "giedit-256.png"))))
    install_fonts(app)
    install_translations(app)
    install_excepthook()
    document, problem = None, None
    if files:
        try:
            document = Document.open(files[0])
        except FileError as err:
            problem = str(err)
    window = MainWindow(document or Document(new_report(Settings().report_year())))
    if document is None:
        from giedit.ui import start_page  # only without a report: its many widgets load then

        start_page.show_start_page(window)
    window_fit.show(window, window.restored)
    if problem and window.open_published(files[0]) is None:  # a Word/PDF report: offered for import
        QMessageBox.warning(window, OPEN_FAILED, problem)
    elif document is not None:
        window.settings.add_recent(files[0])
    window.offer_recovery()
    return window


STARTUP_PROBE = "GIEDIT_STARTUP_PROBE"


def run(files: list[str]) -> int:
    """The editor's main loop; ``files`` are opened on start (the first one, for now).

    With ``GIEDIT_STARTUP_PROBE`` set, the editor prints one line once its first window has been
    shown and drawn, and quits: how ``benchmarks/bench_gui.py`` times the start of the program as
    installed (the frozen bundle too), which no code outside the program can see.
    """
    window = start(files)  # held while the loop runs
    app = QApplication.instance()
    assert app is not None and window.isVisible()
    if os.environ.get(STARTUP_PROBE):
        QTimer.singleShot(0, lambda: _report_ready(app))
    return app.exec()


def _report_ready(app: QApplication) -> None:
    app.processEvents()
    print("giedit: window ready", flush=True)
    app.quit()
