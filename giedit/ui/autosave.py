"""Autosave for recovery: a copy of unsaved work in the user data folder, never over the clerk's file.

After every change the idle timer restarts; when the clerk has paused for ``idle_ms`` (3 s by
default, a setting) and the document has unsaved changes, the report is written to this window's
recovery copy (``giedit.model.recovery``). A clerk who never pauses that long still gets a copy:
the first change after a copy starts a second timer that changes do not restart, so a copy is
written at most ``max_ms`` (10 s by default) after it. Typing in a 基本信息 field counts as a
change although it is committed only when the clerk leaves the field: before writing, the document
is flushed, so the text in the field that still has the cursor is in the copy too. Saving (the
document becomes clean) or closing removes the copy; a copy left by a crash is offered at the next
start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from giedit.model import recovery
from giedit.model.oserrors import reason
from giedit.ui.document import Document


class Autosaver(QObject):
    """Keeps the recovery copy of the window's current document."""

    written = Signal(Path)

    def __init__(self, idle_ms: int, parent: QObject | None = None, max_ms: int = 10_000) -> None:
        super().__init__(parent)
        self.session = recovery.Session()
        self.document: Document | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)
        self.timer.timeout.connect(self.write_now)
        self.max_timer = QTimer(self)  # not restarted by changes: a copy even while typing goes on
        self.max_timer.setSingleShot(True)
        self.max_timer.setInterval(max(idle_ms, max_ms))
        self.max_timer.timeout.connect(self.write_now)
        self._failed = False

    def watch(self, document: Document) -> None:
        """Follow a new document; the previous document's copy goes (its changes were dealt with)."""
        if self.document is not None:
            self.document.changed.disconnect(self._poke)
            self.document.typing.disconnect(self._poke)
            self.document.undo_stack.cleanChanged.disconnect(self._on_clean)
        self.document = document
        document.changed.connect(self._poke)
        document.typing.connect(self._poke)
        document.undo_stack.cleanChanged.connect(self._on_clean)
        self._stop()
        self.session.discard()
        if document.modified:
            self._poke()

    def _poke(self) -> None:
        self.timer.start()
        if not self.max_timer.isActive():
            self.max_timer.start()

    def _stop(self) -> None:
        self.timer.stop()
        self.max_timer.stop()

    def _on_clean(self, clean: bool) -> None:
        if clean:
            self._stop()
            self.session.discard()

    def write_now(self) -> bool:
        """Write the copy now if there is unsaved work (else remove it); False if it failed."""
        document = self.document
        if document is None:
            self._stop()
            return False
        document.flush()  # the field being typed in, too (this may push an edit: timers restart)
        self._stop()
        if not document.modified:
            self.session.discard()
            return True
        try:
            path = self.session.write(document.report, document.path, document.disk_digest)
        except OSError as err:
            import logging  # only on this rare path: the logging module costs ~5 ms at every start

            logging.getLogger(__name__).warning("could not write the recovery copy: %s", err)
            if not self._failed:  # say it once, not after every pause
                document.tell(f"无法写入自动恢复副本（{reason(err)}），请及时保存")
            self._failed = True
            return False
        self._failed = False
        self.written.emit(path)
        return True

    def discard(self) -> None:
        self._stop()
        self.session.discard()

    def close(self) -> None:
        self._stop()
        self.session.close()
