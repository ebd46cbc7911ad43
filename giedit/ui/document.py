"""The open document: the report, its file, its undo stack and its current findings.

Widgets never write into the report. They hand an edit to ``Document.push``; the undo stack
applies it, the document re-runs the checks and emits ``changed``, and every view redraws from
the report. Undo and redo take the same path, so views cannot drift from the data.

Input that commits when the clerk leaves a field (the 基本信息 line edits, a cell being typed)
listens to ``flushing``: ``flush()`` is called before anything that needs the report complete
(saving, the recovery copy, undo, opening another file), so nothing typed is left behind.

The document remembers the digest of the file content it was read from (or last saved), and a
save over its own file switches in only while the file still has that content: when another
editor or program changed it meanwhile, ``save`` raises ``storage.ConflictError`` and the window
asks the clerk (``giedit.ui.sharing``). ``read_only``: another editor has the file open and the
clerk chose to look only; such a document is saved under another name.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from giedit.checks import Finding, check
from giedit.model import storage
from giedit.model.edits import Edit
from giedit.model.report import Report
from giedit.ui.commands import EditCommand

LONG_TEXT = 200_000  # characters of narrative beyond which the checks wait for a pause in typing
LONG_PAUSE_MS = 400


def _narrative_chars(report: Report) -> int:
    return sum(len(p.text) for s in report.sections.values() for p in s.paragraphs) + sum(
        len(p.text) for p in report.preamble
    )


class Document(QObject):
    """A report being edited. ``changed`` fires after every apply, undo and redo."""

    changed = Signal()
    notice = Signal(str)  # a short Chinese message for the status bar
    saved = Signal()  # the file name may have changed
    flushing = Signal()  # commit what is typed but not yet committed
    typing = Signal()  # text typed but not yet committed (a 基本信息 field): recovery must follow
    backup_failed = Signal(str)  # a save went through but its previous version could not be kept

    def __init__(
        self,
        report: Report,
        path: Path | None = None,
        parent: QObject | None = None,
        deadline: tuple[int, int] | None = None,
        disk_digest: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.disk_digest = disk_digest  # the content of ``path`` this document was read from or saved
        self.read_only = False
        self.deadline = deadline  # the local publication deadline (month, day) for N-W12
        self.undo_stack = QUndoStack(self)
        self._findings: list[Finding] | None = None  # checked when first asked for (``findings``)
        self._due: QTimer | None = None  # checks waiting for a pause in typing (very long text only)

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None) -> Document:
        """Load a file; raises ``storage.FileError`` with the core's Chinese message."""
        report, digest = storage.load_file(path)
        return cls(report, Path(path), parent, disk_digest=digest)

    @property
    def findings(self) -> list[Finding]:
        """The report's findings. The first check waits until something reads them, so a window
        opened with ``set_deadline`` (the local deadline from the settings) checks once, not twice."""
        if self._findings is None:
            self._findings = check(self.report, deadline=self.deadline)
        return self._findings

    @property
    def name(self) -> str:
        return self.path.name if self.path else "未命名"

    def push(self, edit: Edit | None, text: str, merge_key: Hashable | None = None) -> None:
        """Apply ``edit`` as one undoable step named ``text``; ``None`` (no change) is ignored.

        Successive edits with the same ``merge_key`` merge into one step (typing)."""
        if edit is not None:
            self.undo_stack.push(EditCommand(self, edit, text, merge_key))

    def refresh(self) -> None:
        """Re-run the checks after the report changed (a few milliseconds for a real report).

        The narrative rules read the whole text, so with megabytes pasted into a part they take
        seconds; there, a keystroke only marks the checks due and they run once typing pauses
        (``LONG_PAUSE_MS``), or at once when something needs them (``flush``)."""
        if _narrative_chars(self.report) < LONG_TEXT:
            self._check_now()
            return
        if self._due is None:
            self._due = QTimer(self)
            self._due.setSingleShot(True)
            self._due.timeout.connect(self._check_now)
        self._due.start(LONG_PAUSE_MS)
        self.changed.emit()

    def _check_now(self) -> None:
        if self._due is not None:
            self._due.stop()
        self._findings = check(self.report, deadline=self.deadline)
        self.changed.emit()

    def set_deadline(self, deadline: tuple[int, int] | None) -> None:
        if deadline != self.deadline:
            self.deadline = deadline
            if self._findings is not None:  # else the first reading checks with the new deadline
                self.refresh()

    def flush(self) -> None:
        self.flushing.emit()
        if self._due is not None and self._due.isActive():
            self._check_now()

    def tell(self, message: str) -> None:
        self.notice.emit(message)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_modified(self) -> None:
        """A restored recovery copy differs from the file on disk even before any edit."""
        self.undo_stack.resetClean()

    def save(self, path: str | Path | None = None, *, overwrite: bool = False) -> None:
        """Write to ``path`` (default: the current file); raises ``storage.FileError``, and
        ``storage.ConflictError`` when the own file changed on disk since it was read, unless
        ``overwrite`` (the clerk chose 覆盖)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("a new document needs a file name")
        self.flush()
        own = self.path is not None and os.path.abspath(target) == os.path.abspath(self.path)
        expect = self.disk_digest if own and not overwrite else None
        saved = storage.save(self.report, target, expect=expect)
        self.path = target
        self.disk_digest = saved.digest
        self.read_only = False  # whatever it was, this is now the clerk's own file
        self.undo_stack.setClean()
        self.saved.emit()
        if saved.backup_problem:
            self.backup_failed.emit(saved.backup_problem)
