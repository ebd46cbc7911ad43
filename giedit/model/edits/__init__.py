"""The one mutation path of a report: small edit objects that can be applied and reverted.

The editor never writes into a report directly. Every user action becomes one edit here, which
the Qt shell wraps in one undo command; the checks re-run after each apply or revert. Because a
cell edit also rewrites the computed totals that depend on it, one undo step restores the cells
and their totals together. The factory functions turn what a clerk does (type text, paste a
block, clear, fill blanks with 0, recompute totals; write and arrange the narrative; fill in the
basic information; dismiss a warning or accept an error with a reason) into edits, refusing bad
input with a Chinese message before anything changes. No Qt here, so all of it is tested without
a window.

The edits live by what they change: ``cells`` (the tables), ``narrative`` (the paragraphs and the
lines under a table), ``fields`` (the basic information); ``base`` holds what all share. Callers
import from here.
"""

from giedit.model.edits.base import Compound, Edit, InputError, SetField, combine, one_line, set_field, shown
from giedit.model.edits.cells import (
    Paste,
    SetCells,
    clear,
    enter,
    fill_blanks,
    input_grid,
    is_input,
    parse_input,
    paste,
    recompute_totals,
    set_cells,
    set_unit,
    split_block,
)
from giedit.model.edits.fields import format_date, parse_date, set_year
from giedit.model.edits.narrative import (
    PREAMBLE,
    SetExtra,
    SetNarrative,
    block,
    change_paragraph,
    character_count,
    insert_paragraph,
    insert_paragraphs,
    insert_text,
    join_with_previous,
    keep_carried_text,
    move_paragraph,
    moved_to,
    paragraphs_of,
    remove_paragraph,
    replace_paragraphs,
    set_extra,
    set_level,
    set_paragraph_text,
)

__all__ = [
    "PREAMBLE",
    "Compound",
    "Edit",
    "InputError",
    "Paste",
    "SetCells",
    "SetExtra",
    "SetField",
    "SetNarrative",
    "block",
    "change_paragraph",
    "character_count",
    "clear",
    "combine",
    "enter",
    "fill_blanks",
    "format_date",
    "input_grid",
    "insert_paragraph",
    "insert_paragraphs",
    "insert_text",
    "is_input",
    "join_with_previous",
    "keep_carried_text",
    "move_paragraph",
    "moved_to",
    "one_line",
    "paragraphs_of",
    "parse_date",
    "parse_input",
    "paste",
    "recompute_totals",
    "remove_paragraph",
    "replace_paragraphs",
    "set_cells",
    "set_extra",
    "set_field",
    "set_level",
    "set_paragraph_text",
    "set_unit",
    "set_year",
    "shown",
    "split_block",
]
