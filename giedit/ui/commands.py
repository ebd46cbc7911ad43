"""The bridge from the pure edits to Qt's undo stack: one QUndoCommand per user action."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from giedit.model.edits import Edit
from giedit.model.report import Report


class Host(Protocol):
    """What a command changes: the open report, re-checked and redrawn after each change (the
    document; a protocol, so this module does not import the document that imports it)."""

    report: Report

    def refresh(self) -> None: ...


MERGEABLE_ID = 1  # Qt only tries to merge commands with the same id (other than -1)


class EditCommand(QUndoCommand):
    """Applies one edit on redo and reverts it on undo, then lets the document re-check.

    Commands pushed with the same ``merge_key`` one after another become one undo step, as long
    as the edit can ``absorb`` the next one: typing a paragraph is one step, not one per character.
    Qt never merges into the command at which the document was saved.
    """

    def __init__(self, document: Host, edit: Edit, text: str, merge_key: Hashable | None = None) -> None:
        super().__init__(text)
        self._document = document
        self._edit = edit
        self._key = merge_key

    @property
    def edit(self) -> Edit:
        return self._edit

    def id(self) -> int:
        return -1 if self._key is None else MERGEABLE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other._key != self._key or self._key is None:
            return False
        return self._edit.absorb(other._edit)

    def redo(self) -> None:
        self._edit.apply(self._document.report)
        self._document.refresh()

    def undo(self) -> None:
        self._edit.revert(self._document.report)
        self._document.refresh()
