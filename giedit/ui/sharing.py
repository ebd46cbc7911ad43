"""Two editors, one file: who has it open, and what to do when it changed behind the window's back.

- **The lock** (``giedit.model.locks``): a window that opens a report for editing puts a lock file
  beside it. A second window (in this giedit, another one, or on another computer through a shared
  folder) is told who has the file open and since when, and may open it read-only: it can look,
  print and export; saving asks for another name. 「改为可编辑」 on the read-only notice takes the
  file over once the other editor has closed it.
- **The content check**: the window remembers the digest of the file it read or last saved. When
  it is activated (the clerk comes back from another window or program) and before every save
  over its own file, it compares that with the file on disk. Content, not times: a ``touch`` or a
  sync tool that rewrites the same bytes is no change. When the content differs it asks:
  重新载入 (drop this window's changes, show the file as it is now), 另存为 (keep both), 覆盖
  (replace the other version, which stays among the backups), or 取消.
- **Backups**: a save whose previous version could not be backed up tells the clerk once, in the
  status bar.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from giedit.model import locks, storage
from giedit.ui.colours import WARNING_FG
from giedit.ui.document import Document

if TYPE_CHECKING:
    from giedit.ui.main_window import MainWindow

Button = QMessageBox.StandardButton
NOTICE_MS = 20_000


class Choice(StrEnum):
    READ_ONLY = "read-only"
    EDIT = "edit"
    RELOAD = "reload"
    SAVE_AS = "save-as"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


def _ask(
    parent: QWidget | None,
    title: str,
    text: str,
    info: str,
    buttons: dict[Button, str],
    default: Button,
) -> Button:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, Button.NoButton, parent)
    box.setInformativeText(info)
    for button, label in buttons.items():
        box.addButton(button).setText(label)
    box.setDefaultButton(default)
    box.setEscapeButton(Button.Cancel if Button.Cancel in buttons else default)
    return Button(int(box.exec()))


def ask_locked(parent: QWidget | None, name: str, owner: locks.Owner) -> Choice:
    """只读打开 / 仍要编辑 for a file another editor has open; anything else is read-only."""
    other = "本程序的另一个窗口" if owner.mine else owner.describe()
    answer = _ask(
        parent,
        "文件正在编辑",
        f"「{name}」正由 {other} 在 giedit 中编辑（从{owner.when}起）。",
        "两处同时修改同一份报告，后保存的一方会覆盖先保存的一方。建议以只读方式打开："
        "可以查看、打印和导出，修改只能「另存为」新文件。",
        {Button.Open: "只读打开", Button.Ignore: "仍要编辑"},
        Button.Open,
    )
    return Choice.EDIT if answer == Button.Ignore else Choice.READ_ONLY


def ask_conflict(parent: QWidget | None, name: str, modified: bool, on_save: bool) -> Choice:
    """重新载入 / 另存为 / 覆盖 / 取消 for a file whose content changed on disk."""
    text = f"「{name}」在本窗口打开之后，已被另一个 giedit 窗口或其他程序修改。"
    if modified:
        info = (
            "本窗口中也有尚未保存的修改，两处的修改不能自动合并。\n"
            "· 重新载入：放弃本窗口的修改，显示磁盘上的新内容；\n"
            "· 另存为：把本窗口的内容保存为另一个文件，两个版本都保留；\n"
            "· 覆盖：用本窗口的内容替换磁盘上的版本（被替换的版本会保留在历史版本中）。"
        )
        default = Button.Save
    else:
        info = "本窗口中没有修改。建议重新载入，显示磁盘上的新内容。"
        default = Button.Reset
    if on_save:
        text += "直接保存会覆盖对方的修改。"
    answer = _ask(
        parent,
        "文件已在别处修改",
        text,
        info,
        {Button.Reset: "重新载入", Button.Save: "另存为…", Button.Ignore: "覆盖", Button.Cancel: "取消"},
        default,
    )
    return {Button.Reset: Choice.RELOAD, Button.Save: Choice.SAVE_AS, Button.Ignore: Choice.OVERWRITE}.get(
        answer, Choice.CANCEL
    )


class ReadOnlyBar(QFrame):
    """The band above the editor while the document is open read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBar")
        self.setStyleSheet(
            f"#readOnlyBar {{ background: #fff4d6; border-bottom: 1px solid {WARNING_FG.name()}; }}"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.take_button = QPushButton("改为可编辑")
        self.take_button.setToolTip("对方关闭文件后，可以改为在本窗口编辑")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.take_button)
        self.hide()

    def show_for(self, name: str, owner: locks.Owner | None) -> None:
        who = f"正由 {owner.describe()} 编辑（从{owner.when}起）" if owner else "正在别处编辑"
        self.label.setText(
            f"<b>只读</b>：「{name}」{who}。您可以查看、打印和导出；修改只能「另存为」新文件。"
        )
        self.show()


class DiskGuard(QObject):
    """The window's lock on its file and its watch over the file's content."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lock: locks.DocumentLock | None = None
        self.bar = ReadOnlyBar()
        self.bar.take_button.clicked.connect(self.take_over)
        self.timer = QTimer(self)
        self.timer.setInterval(int(locks.REFRESH_S * 1000))
        self.timer.timeout.connect(self._refresh)
        self.timer.start()
        self._asking = False
        self._without_lock: Path | None = None  # the file the clerk chose to edit although locked
        self._dismissed: str | None = None  # the disk content the clerk chose to leave for now
        self._told_missing = False
        self._told_backup = False
        app = QCoreApplication.instance()
        if app is not None:  # the program ends with the window still open (logout, a script)
            app.aboutToQuit.connect(self.release)  # leave no lock file beside the document

    @property
    def document(self) -> Document:
        return self.window.document

    def _tell(self, text: str, ms: int = NOTICE_MS) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- following the window's document -------------------------------------------------------

    def follow(self, document: Document) -> None:
        """The window shows ``document`` now: lock its file (asking if someone else has it)."""
        path = document.path
        if self.lock is not None and (path is None or self.lock.document != path or document.read_only):
            self.release()
        if path is not None and document.disk_digest is None and not document.modified:
            document.disk_digest = storage.on_disk(path)  # made from the file as it is now
        if path is not None and not document.read_only and self.lock is None:
            self._claim(document, path)
        self._dismissed = None
        self._told_missing = False
        document.undo_stack.cleanChanged.connect(self._on_clean)
        document.saved.connect(self._on_saved)
        document.backup_failed.connect(self._on_backup_failed)
        self.show_state()

    def _claim(self, document: Document, path: Path) -> None:
        try:
            self.lock = locks.DocumentLock.acquire(path)
        except locks.Locked as err:
            if path == self._without_lock:
                return  # asked before (this is a reload): the clerk's answer stands
            if ask_locked(self.window, path.name, err.owner) is Choice.READ_ONLY:
                document.read_only = True
            else:
                self._without_lock = path
        except (OSError, ValueError):
            pass  # no lock can be made there (read-only folder): the content check still guards
        else:
            self.lock.refresh(document.modified)

    def show_state(self) -> None:
        doc = self.document
        if doc.read_only and doc.path is not None:
            self.bar.show_for(doc.path.name, locks.holder(doc.path))
        else:
            self.bar.hide()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _on_clean(self, clean: bool) -> None:
        if self.lock is not None:
            self.lock.refresh(modified=not clean)

    def _on_saved(self) -> None:
        doc = self.document
        if self.lock is not None and self.lock.document != doc.path:
            self.release()
        if self.lock is None and doc.path is not None:
            self._claim(doc, doc.path)
        elif self.lock is not None:
            self.lock.refresh(modified=False)
        self._dismissed = None
        self.show_state()
        self.window._show_title()

    def _on_backup_failed(self, problem: str) -> None:
        if not self._told_backup:  # once: the clerk cannot fix it by saving again
            self._told_backup = True
            QTimer.singleShot(0, lambda: self._tell(f"{problem}。"))  # after the 已保存 notice

    def _refresh(self) -> None:
        if self.lock is not None and not self.lock.refresh():
            self.lock = None
            self._tell("本窗口对文件的编辑标记已被其他程序取走；保存前会检查文件是否在别处被修改。")
        elif self.lock is None:
            self._take_when_free()

    def _take_when_free(self) -> None:
        """Edited although locked (「仍要编辑」): once the other editor has let the file go, this
        window takes the lock, so that a third editor opening the file is told in its turn. Before,
        it held none until its next save and a third editor opened the file without a word."""
        doc = self.document
        if doc.path is None or doc.path != self._without_lock or doc.read_only:
            return
        try:
            self.lock = locks.DocumentLock.acquire(doc.path)
        except (locks.Locked, OSError, ValueError):
            return  # still held, or no lock can be made there: try again at the next refresh
        self._without_lock = None
        self.lock.refresh(doc.modified)

    def take_over(self) -> bool:
        """「改为可编辑」: lock the file now that the other editor has let it go."""
        doc = self.document
        if doc.path is None:
            return False
        try:
            self.lock = locks.DocumentLock.acquire(doc.path)
        except locks.Locked as err:
            self._tell(f"「{doc.path.name}」仍由 {err.owner.describe()} 编辑，请等对方关闭后再试。")
            return False
        except (OSError, ValueError):
            pass
        doc.read_only = False
        self.show_state()
        self.window._show_title()
        self.check_disk()
        return True

    # -- saving ---------------------------------------------------------------------------------

    def may_save_to(self, path: Path) -> bool:
        """False (with a message) when saving there would overwrite a file open elsewhere."""
        doc = self.document
        if doc.read_only and doc.path is not None and path == doc.path:
            self._tell(f"「{path.name}」是以只读方式打开的，请用「另存为」保存为新文件。")
            return False
        if path == doc.path:
            return True
        owner = locks.holder(path)
        if owner is None or (self.lock is not None and owner.token == self.lock.token):
            return True
        QMessageBox.warning(
            self.window,
            "无法保存文件",
            f"「{path.name}」正由 {owner.describe()} 在 giedit 中编辑，不能保存到这个文件；请换一个文件名。",
        )
        return False

    def resolve(self, on_save: bool, current: str | None = None) -> bool:
        """Ask what to do about the file that changed on disk; True when the document got saved."""
        doc = self.document
        if doc.path is None or self._asking:
            return False
        self._asking = True
        try:
            choice = ask_conflict(self.window, doc.path.name, doc.modified, on_save)
        finally:
            self._asking = False
        if choice is Choice.RELOAD:
            self.reload()
            return False
        if choice is Choice.SAVE_AS:
            return self.window.save_as()
        if choice is Choice.OVERWRITE:
            try:
                doc.save(overwrite=True)
            except storage.FileError as err:
                QMessageBox.warning(self.window, "无法保存文件", str(err))
                return False
            self._tell(f"已用本窗口的内容覆盖「{doc.name}」；被替换的版本保留在历史版本中。")
            return True
        self._dismissed = current or storage.on_disk(doc.path)
        return False

    def reload(self) -> bool:
        """Show the file as it is on disk now; this window's unsaved changes are dropped."""
        doc = self.document
        if doc.path is None:
            return False
        try:
            fresh = Document.open(doc.path)
        except storage.FileError as err:
            QMessageBox.warning(self.window, "无法重新载入", str(err))
            return False
        fresh.read_only = doc.read_only
        self.window.set_document(fresh)
        self._tell(f"已重新载入「{fresh.name}」。")
        return True

    # -- the content check when the window comes back to the front ---------------------------

    def window_activated(self) -> None:
        QTimer.singleShot(0, self.check_disk)

    def check_disk(self) -> None:
        """Compare the file on disk with what this window read or saved; ask when it differs."""
        doc = self.document
        if self._asking or doc.path is None or doc.disk_digest is None:
            return
        now = storage.on_disk(doc.path)
        if now is None:
            if not self._told_missing:
                self._told_missing = True
                self._tell(
                    f"「{doc.path.name}」已不在原来的位置（可能被移动、改名或删除）；保存时会重新创建。"
                )
            return
        self._told_missing = False
        if now in (doc.disk_digest, self._dismissed):
            return
        self.resolve(on_save=False, current=now)
