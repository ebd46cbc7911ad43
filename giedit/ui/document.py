"""The open document: the report, its file, its undo stack and its current findings.

Widgets never write into the report. They hand an edit to ``Document.push``; the undo stack
applies it, the document re-runs the checks and emits ``changed``, and every view redraws from
the report. Undo and redo take the same path, so views cannot drift from the data.

Input that commits when the clerk leaves a field (the 基本信息 line edits, a cell being typed)
listens to ``flushing``: ``flush()`` is called before anything that needs the report complete
(saving, the recovery copy, undo, opening another file), so nothing typed is left behind.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from giedit.checks import Finding, check
from giedit.model import storage
from giedit.model.edits import Edit
from giedit.model.report import Report
from giedit.ui.commands import EditCommand


class Document(QObject):
    """A report being edited. ``changed`` fires after every apply, undo and redo."""

    changed = Signal()
    notice = Signal(str)  # a short Chinese message for the status bar
    saved = Signal()  # the file name may have changed
    flushing = Signal()  # commit what is typed but not yet committed

    def __init__(
        self,
        report: Report,
        path: Path | None = None,
        parent: QObject | None = None,
        deadline: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.deadline = deadline  # the local publication deadline (month, day) for N-W12
        self.undo_stack = QUndoStack(self)
        self.findings: list[Finding] = check(report, deadline=deadline)

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None) -> Document:
        """Load a file; raises ``storage.FileError`` with the core's Chinese message."""
        return cls(storage.load(path), Path(path), parent)

    @property
    def name(self) -> str:
        return self.path.name if self.path else "未命名"

    def push(self, edit: Edit | None, text: str, merge_key: Hashable | None = None) -> None:
        """Apply ``edit`` as one undoable step named ``text``; ``None`` (no change) is ignored.

        Successive edits with the same ``merge_key`` merge into one step (typing)."""
        if edit is not None:
            self.undo_stack.push(EditCommand(self, edit, text, merge_key))

    def refresh(self) -> None:
        """Re-run the checks after the report changed (the checks take about a millisecond)."""
        self.findings = check(self.report, deadline=self.deadline)
        self.changed.emit()

    def set_deadline(self, deadline: tuple[int, int] | None) -> None:
        if deadline != self.deadline:
            self.deadline = deadline
            self.refresh()

    def flush(self) -> None:
        self.flushing.emit()

    def tell(self, message: str) -> None:
        self.notice.emit(message)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_modified(self) -> None:
        """A restored recovery copy differs from the file on disk even before any edit."""
        self.undo_stack.resetClean()

    def save(self, path: str | Path | None = None) -> None:
        """Write to ``path`` (default: the current file); raises ``storage.FileError``."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("a new document needs a file name")
        self.flush()
        storage.save(self.report, target)
        self.path = target
        self.undo_stack.setClean()
        self.saved.emit()
