"""Edits of the narrative: the paragraphs of the preamble and of each section (text, levels,
moves, figures, the 待修改 mark) and the local lines printed under a table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from giedit.model import inline
from giedit.model.edits.base import Edit
from giedit.model.report import FIGURE, PREAMBLE, Level, Paragraph, Report, paragraphs_of

Para = tuple[Level, str]


def _carried(report: Report, where: str) -> bool:
    return where != PREAMBLE and report.text_of(where).carried


@dataclass
class SetNarrative:
    """Replace the paragraphs of the preamble or of a section, and its 待修改 mark.

    Every narrative change (typing, a new or removed paragraph, a move, a level, a figure) is one
    of these: paragraphs are small, so storing the whole list before and after (each paragraph
    with its figures and marks) keeps undo trivially exact. Editing a section carried from last
    year clears its 待修改 mark in the same step.
    """

    where: str
    old: tuple[Paragraph, ...]
    new: tuple[Paragraph, ...]
    carried_old: bool = False
    carried_new: bool = False

    def apply(self, report: Report) -> None:
        self._set(report, self.new, self.carried_new)

    def revert(self, report: Report) -> None:
        self._set(report, self.old, self.carried_old)

    def _set(self, report: Report, paras: tuple[Paragraph, ...], carried: bool) -> None:
        paragraphs = [p.model_copy(deep=True) for p in paras]
        if self.where == PREAMBLE:
            report.preamble = paragraphs
        else:
            section = report.section(self.where)
            section.paragraphs = paragraphs
            section.carried = carried

    def absorb(self, later: Edit) -> bool:
        """Take in a later change of the same place (typing goes on): one undo step for both."""
        if not isinstance(later, SetNarrative) or later.where != self.where or later.old != self.new:
            return False
        self.new, self.carried_new = later.new, later.carried_new
        return True


def _snapshot(report: Report, where: str) -> tuple[Paragraph, ...]:
    return tuple(p.model_copy(deep=True) for p in paragraphs_of(report, where))


def _narrative(report: Report, where: str, new: Sequence[Paragraph]) -> SetNarrative | None:
    """An edit to ``new`` paragraphs (``None`` when nothing changes); it clears 待修改."""
    old = _snapshot(report, where)
    new_t = tuple(p.model_copy(deep=True) for p in new)
    if new_t == old:
        return None
    return SetNarrative(where, old, new_t, _carried(report, where), False)


def _check_index(paras: Sequence[Paragraph], index: int, end_ok: bool = False) -> None:
    if not 0 <= index < len(paras) + (1 if end_ok else 0):
        raise IndexError(index)


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def set_paragraph_text(report: Report, where: str, index: int, text: str) -> SetNarrative | None:
    """Typing in one paragraph (line breaks become spaces: a paragraph is one line of text).
    Figures and last year's marks stay with their places (``giedit.model.inline.retext``)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    paras[index] = inline.retext(paras[index], _one_line(text))
    return _narrative(report, where, paras)


def _paragraph(p: Paragraph | Para) -> Paragraph:
    if isinstance(p, Paragraph):
        return p.model_copy(deep=True)
    return Paragraph(level=Level(p[0]), text=p[1])


def insert_paragraphs(
    report: Report, where: str, index: int, new: Sequence[Paragraph | Para]
) -> SetNarrative | None:
    """Insert paragraphs before position ``index`` (``len`` appends)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index, end_ok=True)
    items = [_paragraph(p) for p in new]
    if not items:
        return None
    paras[index:index] = items
    return _narrative(report, where, paras)


def insert_paragraph(
    report: Report, where: str, index: int, level: Level = Level.BODY, text: str = ""
) -> SetNarrative | None:
    return insert_paragraphs(report, where, index, [(level, text)])


def remove_paragraph(report: Report, where: str, index: int) -> SetNarrative | None:
    """Remove one paragraph; a removed heading leaves its paragraphs to the heading before it."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    del paras[index]
    return _narrative(report, where, paras)


def set_level(report: Report, where: str, index: int, level: Level) -> SetNarrative | None:
    """Make a paragraph body text or a sub-heading （一）/1./（1）; the numbering follows."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    paras[index] = paras[index].model_copy(update={"level": Level(level)})
    return _narrative(report, where, paras)


def insert_text(report: Report, where: str, index: int, position: int, text: str) -> SetNarrative | None:
    """Type or paste ``text`` at ``position`` in paragraph ``index``; each line break starts a new
    body paragraph (Enter splits a paragraph; pasting several paragraphs keeps them apart)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) == 1:
        paras[index] = inline.insert(paras[index], position, lines[0])
    else:
        head, tail = inline.split(paras[index], position)
        head = inline.insert(head, len(head.text), lines[0])
        tail = inline.insert(tail, 0, lines[-1])
        middle = [Paragraph(text=line.replace(FIGURE, "")) for line in lines[1:-1]]
        paras[index : index + 1] = [head, *middle, tail]
    return _narrative(report, where, paras)


def join_with_previous(report: Report, where: str, index: int) -> SetNarrative | None:
    """Backspace at the start of a paragraph: append it to the one before (keeping that one's level)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    if index == 0:
        return None
    paras[index - 1 : index + 1] = [inline.joined(paras[index - 1], paras[index])]
    return _narrative(report, where, paras)


def replace_paragraphs(report: Report, where: str, new: Sequence[Paragraph]) -> SetNarrative | None:
    """All paragraphs of ``where`` at once (从表格生成 placing its sentences), as one step."""
    return _narrative(report, where, list(new))


def change_paragraph(report: Report, where: str, index: int, new: Paragraph) -> SetNarrative | None:
    """One paragraph replaced by ``new`` (a figure inserted or turned into text, a number confirmed)."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    paras[index] = new
    return _narrative(report, where, paras)


_RANK = {Level.H2: 1, Level.H3: 2, Level.H4: 3}


def block(paras: Sequence[Paragraph | Para], index: int) -> tuple[int, int]:
    """The paragraphs that move with paragraph ``index``: itself, and for a heading everything up
    to the next heading of the same or a higher level. Returned as ``(start, end)``."""
    levels = [p.level if isinstance(p, Paragraph) else p[0] for p in paras]
    rank = _RANK.get(levels[index])
    if rank is None:
        return index, index + 1
    end = index + 1
    while end < len(levels) and not (levels[end] in _RANK and _RANK[levels[end]] <= rank):
        end += 1
    return index, end


def _sibling_before(levels: Sequence[Level], index: int) -> int | None:
    rank = _RANK[levels[index]]
    for k in range(index - 1, -1, -1):
        r = _RANK.get(levels[k])
        if r is None or r > rank:
            continue
        return k if r == rank else None
    return None


def _swap(
    paras: Sequence[Paragraph | Para], index: int, step: int
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The two adjacent runs ``(first, second)`` that change places when paragraph ``index``
    moves by ``step``; ``None`` when it cannot go further. Written once for the move itself and
    for where the moved paragraph lands.

    Body text moves one paragraph at a time (across headings too, to give it to another heading).
    A sub-heading moves with its paragraphs and swaps places with the sub-heading of the same level
    before or after it, within its parent heading.
    """
    levels = [p.level if isinstance(p, Paragraph) else p[0] for p in paras]
    if levels[index] not in _RANK:
        target = index + step
        if not 0 <= target < len(paras):
            return None
        low = min(index, target)
        return (low, low + 1), (low + 1, low + 2)
    start, end = block(paras, index)
    if step < 0:
        other = _sibling_before(levels, index)
        return None if other is None else ((other, start), (start, end))
    if end >= len(paras) or levels[end] != levels[index]:
        return None
    return (start, end), block(paras, end)


def move_paragraph(report: Report, where: str, index: int, step: int) -> SetNarrative | None:
    """Move a paragraph up (``step=-1``) or down (``+1``), see ``_swap``; ``None`` when it
    cannot go further."""
    paras = list(_snapshot(report, where))
    _check_index(paras, index)
    runs = _swap(paras, index, step)
    if runs is None:
        return None
    (a0, a1), (b0, b1) = runs
    paras[a0:b1] = paras[b0:b1] + paras[a0:a1]
    return _narrative(report, where, paras)


def moved_to(report_paras: Sequence[Paragraph | Para], index: int, step: int) -> int:
    """Where paragraph ``index`` is after ``move_paragraph`` (call with the paragraphs before it)."""
    runs = _swap(report_paras, index, step)
    if runs is None:
        return index
    (a0, _), (b0, b1) = runs
    return a0 + (index - b0) if index >= b0 else index + (b1 - b0)


def keep_carried_text(report: Report, section_id: str) -> SetNarrative | None:
    """The clerk checked a carried section and keeps it as it is: clear its 待修改 mark only."""
    if not _carried(report, section_id):
        return None
    paras = _snapshot(report, section_id)
    return SetNarrative(section_id, paras, paras, True, False)


@dataclass
class SetExtra:
    """Replace a section's local lines printed after its table (spec §2.5)."""

    section: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    def apply(self, report: Report) -> None:
        report.section(self.section).extra = list(self.new)

    def revert(self, report: Report) -> None:
        report.section(self.section).extra = list(self.old)

    def absorb(self, later: Edit) -> bool:
        """Typing goes on under the same table (a recovery copy committed part of it): one step."""
        if not isinstance(later, SetExtra) or later.section != self.section or later.old != self.new:
            return False
        self.new = later.new
        return True


def set_extra(report: Report, section_id: str, lines: Iterable[str]) -> SetExtra | None:
    new = tuple(s.strip() for s in lines if s.strip())
    old = tuple(report.text_of(section_id).extra)
    return None if new == old else SetExtra(section_id, old, new)


def character_count(paragraphs: Iterable[Paragraph]) -> int:
    """Characters written, as a clerk counts them: everything but spaces and line breaks."""
    return sum(_written(p.text) for p in paragraphs)


@lru_cache(maxsize=4096)
def _written(text: str) -> int:
    """Characters of one paragraph's text but spaces and line breaks (kept per text: a keystroke
    counts again only the paragraph it changed)."""
    return len(text) - sum(map(text.count, _SPACES))


_SPACES = tuple(ch for ch in map(chr, range(0x3001)) if ch.isspace())  # str.isspace, as \s
