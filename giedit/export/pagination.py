"""Where pages may break: one rule set for the DOCX and the PDF.

The rules (issue 12, GB/T 9704 practice):

- a paragraph leaves at least ``ORPHAN_LINES`` lines at the foot of a page and carries at least
  ``WIDOW_LINES`` to the top of the next (widow/orphan control);
- a heading, and the optional note line before a table, keep with what follows them, so neither
  ever ends a page;
- the signature and the date stay together with at least the last ``WIDOW_LINES`` lines of the
  body (the last body paragraph keeps with the signature, the signature with the date);
- a table that fits on one page is never split; one that must split keeps at least
  ``TABLE_SPLIT_ROWS`` body rows on each side, and its header rows repeat on the next page.

``content.parts`` marks the keeps on the parts, the DOCX writer maps them to Word's own
properties (w:keepNext, w:widowControl, w:cantSplit, w:tblHeader) and the PDF writer breaks its
pages with ``break_pages`` below, which applies the same rules to measured boxes. Nothing here
imports reportlab or docx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

ORPHAN_LINES = 2
WIDOW_LINES = 2
TABLE_SPLIT_ROWS = 3


class Break(IntEnum):
    """How acceptable a page break just before a box is; lower is better."""

    FREE = 0  # between paragraphs, between allowed lines or rows
    KEEP = 1  # breaks a keep: widow/orphan, keep-with-next, a table that should stay whole
    ROWS = 2  # leaves fewer than TABLE_SPLIT_ROWS body rows of a table on one side
    NEVER = 3  # inside a table's header rows


@dataclass(frozen=True)
class Box:
    """One unbreakable piece of the page: a line of text or a table row.

    ``space_before`` is dropped when the box starts a page. ``repeat`` is the height of the
    header rows that must be drawn again above this box when it starts a page (a table row
    after a break).
    """

    height: float
    before: Break = Break.FREE
    space_before: float = 0.0
    repeat: float = 0.0


def line_breaks(n_lines: int, first: Break = Break.FREE) -> list[Break]:
    """The break value before each line of an ``n_lines`` paragraph (widow/orphan control)."""
    out = [first]
    for k in range(1, n_lines):
        ok = k >= ORPHAN_LINES and n_lines - k >= WIDOW_LINES
        out.append(Break.FREE if ok else Break.KEEP)
    return out


def row_breaks(n_rows: int, header_rows: int, whole: bool, first: Break = Break.FREE) -> list[Break]:
    """The break value before each row of a table.

    Never inside the header; only where at least ``TABLE_SPLIT_ROWS`` body rows stay on each
    side; and with ``whole`` (the table fits on a page) not at all as far as that can be kept.
    """
    body = n_rows - header_rows
    out = [first]
    for r in range(1, n_rows):
        if r <= header_rows:  # before a header row, or before the first body row
            out.append(Break.NEVER)
            continue
        before, after = r - header_rows, body - (r - header_rows)
        if before < TABLE_SPLIT_ROWS or after < TABLE_SPLIT_ROWS:
            out.append(Break.ROWS)
        else:
            out.append(Break.KEEP if whole else Break.FREE)
    return out


def break_pages(boxes: Sequence[Box], page_height: float) -> list[int]:
    """The index of the first box of every page (the first is 0).

    Greedy, like a word processor: fill the page; when a box does not fit, break before the
    latest box on this page whose break is FREE, else KEEP (a keep that cannot be kept, e.g. a
    chain taller than a page), else ROWS, else before the box that overflowed. Linear in the
    boxes: each page is scanned back at most once per level.
    """
    starts = [0] if boxes else []
    if not boxes:
        return starts
    start, used = 0, boxes[0].height
    i = 1
    eps = 1e-6
    while i < len(boxes):
        box = boxes[i]
        need = box.space_before + box.height
        if used + need <= page_height + eps:
            used += need
            i += 1
            continue
        chosen = _best_break(boxes, start, i)
        starts.append(chosen)
        start = chosen
        used = boxes[chosen].repeat + boxes[chosen].height
        i = chosen + 1
    return starts


def _best_break(boxes: Sequence[Box], start: int, overflow: int) -> int:
    """The latest candidate in (start, overflow] with the lowest break value."""
    for level in (Break.FREE, Break.KEEP, Break.ROWS):
        for j in range(overflow, start, -1):
            if boxes[j].before <= level:
                return j
    return overflow
