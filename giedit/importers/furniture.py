"""Page furniture in a source's text: page numbers and the 草稿 stamp of a draft.

Text copied out of a PDF, a web page LibreOffice made from a Word file, or a PDF read page by page
carries lines that belong to the page, not to the report: 「— 8 —」 between (or after) the pages,
and on a draft giedit exported, the stamp ``DRAFT_STAMP`` above the title. Left in, a page number
at the end is taken for the 落款 (the real body name and date become paragraphs of 六) and one
between two table rows for a figure; the stamp becomes the first paragraph of the 前言. They are
dropped before anything else reads the lines, and the import notes say so: the source having
been a draft is something the clerk must know.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from giedit.importers.cells import is_page_number
from giedit.importers.source import Line
from giedit.model.report import DRAFT_STAMP
from giedit.model.text import squeezed


def is_draft_stamp(text: str) -> bool:
    """A line that reads only 草稿: the stamp of giedit's draft exports (a report's own sentences
    may speak of a 草稿; only the word standing alone is the mark)."""
    return squeezed(text) == DRAFT_STAMP


@dataclass
class Furniture:
    """The source's lines without page furniture, and what was taken out."""

    lines: list[Line]
    page_numbers: list[Line] = field(default_factory=list)
    stamps: list[Line] = field(default_factory=list)


def without_furniture(lines: list[Line]) -> Furniture:
    """Drop page-number and 草稿 lines. Rows of a real table (``exact``) are kept whatever they
    read: a table cell is never page furniture; a tab- or pipe-separated text line is a row only
    by its separators and goes when all it holds is one page number (``\\t— 8 —``)."""
    out = Furniture([])
    for line in lines:
        if _kept_whole(line):
            out.lines.append(line)
        elif is_page_number(line.text):
            out.page_numbers.append(line)
        elif is_draft_stamp(line.text):
            out.stamps.append(line)
        else:
            out.lines.append(line)
    return out


def _kept_whole(line: Line) -> bool:
    """A table row, a picture, or a text row with more than one field filled."""
    if line.exact or line.image:
        return True
    return line.cells is not None and sum(bool(c.text.strip()) for c in line.cells) > 1
