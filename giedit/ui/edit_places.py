"""Where an edit changed the report, so that undo and redo can show it.

Undoing a cell typed three screens ago, or in another table, would otherwise change something
the clerk cannot see. After an undo or a redo the window goes to the part the step changed and,
for table cells, selects them and scrolls them into view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from giedit.model.edits import PREAMBLE, Compound, Edit, SetCells, SetExtra, SetField, SetNarrative
from giedit.model.schema import Format
from giedit.ui.parts import INFO

if TYPE_CHECKING:
    from giedit.ui.main_window import MainWindow

CHECK_FIELDS = ("dismissals", "overrides")  # accepted findings: they live in the checks panel


@dataclass(frozen=True)
class Place:
    """The cells an edit wrote (totals left out: they follow), else the part it changed."""

    cells: tuple[str, ...] = ()
    part: str | None = None


def place_of(edit: Edit, fmt: Format) -> Place:
    if isinstance(edit, SetCells):
        return Place(tuple(c for c in edit.changes if c in fmt.cells))
    if isinstance(edit, Compound):
        places = [place_of(part, fmt) for part in edit.parts]
        cells = tuple(c for p in places for c in p.cells)
        return Place(cells, next((p.part for p in places if p.part), None))
    if isinstance(edit, SetNarrative):
        return Place(part=INFO if edit.where == PREAMBLE else edit.where)
    if isinstance(edit, SetExtra):
        return Place(part=edit.section)
    if isinstance(edit, SetField) and edit.path[0] not in CHECK_FIELDS:
        return Place(part=INFO)
    return Place()


def reveal(window: MainWindow, edit: Edit) -> None:
    """Show what ``edit`` changed: its cells selected and scrolled to, else its part."""
    place = place_of(edit, window.document.report.definition)
    if place.cells:
        window.go_to_place(place.cells[0])
        if (page := window.current_table()) is not None:
            page.view.select_cells(list(place.cells))
    elif place.part is not None:
        window.go_to_place(None, place.part)
