"""Where in a report a finding sits, in words a clerk reads: the section, and the cells.

The section titles and cell names come from the format definition; only the two places outside
the six sections (the preamble and the closing lines) are named here.
"""

from __future__ import annotations

from giedit.model.formats import SECTION_IDS, get_format
from giedit.model.report import PREAMBLE
from giedit.review.unit import Found

SIGNATURE = "signature"  # beside PREAMBLE and the six section ids: where a finding may point
OTHER_PLACES = {PREAMBLE: "标题和前言", SIGNATURE: "落款和成文日期"}
GENERAL = "报告整体"
MAX_CELLS_NAMED = 3


def section_of(found: Found, format_id: str | None) -> str | None:
    """The finding's section id (or preamble/signature): its own, else its first cell's table's."""
    if found.section is not None:
        return found.section
    if found.cells and format_id is not None:
        fmt = get_format(format_id)
        cell = fmt.cells.get(found.cells[0])
        if cell is not None:
            return fmt.table(cell.table).section
    return None


def section_name(section: str | None, format_id: str | None) -> str:
    """The printed title of a section id, or the name of the place outside the sections."""
    if section in SECTION_IDS and format_id is not None:
        return get_format(format_id).section(section).title
    return OTHER_PLACES.get(section or "", GENERAL)


def cells_named(found: Found, format_id: str | None) -> str:
    """The finding's cells as the editor names them, at most three (then 等N个单元格)."""
    if not found.cells or format_id is None:
        return ""
    cells = get_format(format_id).cells
    names = [cells[c].describe() for c in found.cells[:MAX_CELLS_NAMED] if c in cells]
    more = f"等{len(found.cells)}个单元格" if len(found.cells) > MAX_CELLS_NAMED else ""
    return "、".join(names) + more


def order_key(section: str | None) -> int:
    """Sections in report order: title and preamble first, the closing lines last."""
    if section == PREAMBLE:
        return -1
    if section in SECTION_IDS:
        return SECTION_IDS.index(section)
    return len(SECTION_IDS) + (0 if section == SIGNATURE else 1)
