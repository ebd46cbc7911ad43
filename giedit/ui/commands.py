"""The bridge from the pure edits to Qt's undo stack: one QUndoCommand per user action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from giedit.model.edits import Edit

if TYPE_CHECKING:
    from giedit.ui.document import Document


class EditCommand(QUndoCommand):
    """Applies one edit on redo and reverts it on undo, then lets the document re-check."""

    def __init__(self, document: Document, edit: Edit, text: str) -> None:
        super().__init__(text)
        self._document = document
        self._edit = edit

    def redo(self) -> None:
        self._edit.apply(self._document.report)
        self._document.refresh()

    def undo(self) -> None:
        self._edit.revert(self._document.report)
        self._document.refresh()
