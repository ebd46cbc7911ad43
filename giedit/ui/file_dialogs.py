"""The file dialogs: Chinese everywhere, readable columns, and a sensible first folder.

Qt's own zh_CN catalogue leaves a few of QFileDialog's strings in English ("Look in:", "Files of
type:"): ``qt_supplement`` translates them for every file dialog, and the dialogs here also set
their labels themselves (plain, without access keys); where the platform supplies its own dialog
(Windows) these calls do nothing and the system speaks Chinese. Qt's detail view sizes its
columns for English, which cut "14.2 KiB" and the file types short; here they fit their contents.

The first folder a dialog shows is the last folder the clerk chose in any file dialog, else the
documents folder; never giedit's own folder (the samples that ship with it are read-only in an
installed program, and a report saved there would be lost on the next update).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QSplitter, QTreeView, QWidget

from giedit.resources import resource_path
from giedit.ui.settings import Settings

Label = QFileDialog.DialogLabel
LABELS = {
    Label.LookIn: "查找范围：",
    Label.FileName: "文件名：",
    Label.FileType: "文件类型：",
    Label.Reject: "取消",
}
WIDTH_EM, HEIGHT_EM = 58, 32  # the dialog's size at most; 90 % of a small screen otherwise
SIDEBAR_EM = 9


def documents_folder() -> Path:
    """The clerk's documents folder (我的文档, ~/文档), else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def _own(folder: Path) -> bool:
    """Inside giedit's own installation (its resources, samples included)."""
    own = resource_path().parent.resolve()
    try:
        return folder.resolve().is_relative_to(own)
    except OSError:
        return False


def start_folder(settings: Settings, preferred: Path | None = None) -> Path:
    """Where a file dialog opens: ``preferred`` (the report's own folder), else the last folder
    used, else the documents folder; folders that are gone or belong to giedit are skipped."""
    last = settings.last_folder()
    for candidate in (preferred, Path(last) if last else None):
        if candidate is not None and candidate.is_dir() and not _own(candidate):
            return candidate
    return documents_folder()


def chinese(dialog: QFileDialog, accept: str) -> QFileDialog:
    """Chinese labels and columns wide enough for their contents (Qt's own dialog only)."""
    for label, text in LABELS.items():
        dialog.setLabelText(label, text)
    dialog.setLabelText(Label.Accept, accept)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    em = dialog.fontMetrics().horizontalAdvance("汉")
    room = dialog.screen().availableGeometry().size() * 0.9
    width = min(WIDTH_EM * em, room.width())
    dialog.resize(width, min(HEIGHT_EM * em, room.height()))
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:  # the places on the left: 计算机, the home folder, not cut to 计…
        splitter.setSizes([SIDEBAR_EM * em, width - SIDEBAR_EM * em])
    return dialog


def _run(dialog: QFileDialog, settings: Settings) -> str:
    """Show the dialog; the chosen path ('' when cancelled), its folder remembered."""
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    chosen = dialog.selectedFiles()[0]
    folder = Path(chosen) if dialog.fileMode() == QFileDialog.FileMode.Directory else Path(chosen).parent
    settings.set_last_folder(str(folder))
    return chosen


def ask_open(parent: QWidget | None, settings: Settings, title: str, name_filter: str) -> str:
    """An existing file to read; '' when cancelled."""
    dialog = QFileDialog(parent, title, str(start_folder(settings)), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(chinese(dialog, "打开"), settings)


def ask_save(
    parent: QWidget | None,
    settings: Settings,
    title: str,
    name: str,
    name_filter: str,
    folder: Path | None = None,
) -> str:
    """Where to write a file named ``name`` at first (in ``folder`` when it may be used); '' when
    cancelled. Replacing an existing file is asked about by the dialog."""
    start = start_folder(settings, folder) / name
    dialog = QFileDialog(parent, title, str(start), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _run(chinese(dialog, "保存"), settings)


def ask_folder(parent: QWidget | None, settings: Settings, title: str, start: str = "") -> str:
    """A folder (to export into); '' when cancelled."""
    folder = Path(start) if start else None
    dialog = QFileDialog(parent, title, str(start_folder(settings, folder)))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    return _run(chinese(dialog, "选择"), settings)
