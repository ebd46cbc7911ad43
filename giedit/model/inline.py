"""A paragraph's text with what is bound to positions in it: figures and unconfirmed marks.

Figures stand in the text as ``FIGURE`` characters (their references listed in order) and
last year's unconfirmed numbers as spans. Every change of a paragraph's text goes through these
functions, so both stay where they belong: a figure moves with its character and goes when it is
deleted; a mark moves with the text around it and goes as soon as the clerk changes the number
it covers (typing inside it, or deleting any of it). Typing never creates a figure: a ``FIGURE``
character in typed or pasted text is dropped. Pure functions on ``Paragraph`` values; no Qt.
"""

from __future__ import annotations

from giedit.model.report import FIGURE, Paragraph, Span


def _figures_in(text: str) -> int:
    return text.count(FIGURE)


_CHUNK = 4096


def _common_prefix(x: str, y: str, n: int) -> int:
    """Length of the common prefix of ``x`` and ``y`` (at most ``n``), compared a chunk at a time:
    a keystroke in a paragraph of megabytes costs milliseconds, not a Python loop per character."""
    a = 0
    while a + _CHUNK <= n and x[a : a + _CHUNK] == y[a : a + _CHUNK]:
        a += _CHUNK
    while a < n and x[a] == y[a]:
        a += 1
    return a


def retext(p: Paragraph, text: str) -> Paragraph:
    """``p`` with its text changed to ``text`` (typing, deleting, pasting in one place).

    The change is the part between the longest common prefix and suffix of the old and new text.
    Figures outside it keep their references; a figure inside it was deleted. Marks outside it
    shift with the text; a mark that the change touches (other than text added right before or
    after it) is dropped: the clerk has edited that number.
    """
    old = p.text
    if text == old:
        return p.model_copy(deep=True)
    n = min(len(old), len(text))
    a = _common_prefix(old, text, n)
    b = _common_prefix(old[a:][::-1], text[a:][::-1], n - a)
    old_end, new_end = len(old) - b, len(text) - b
    middle = text[a:new_end].replace(FIGURE, "")
    new_text = text[:a] + middle + text[new_end:]
    refs = list(p.figures) + [""] * max(0, _figures_in(old) - len(p.figures))  # "" resolves to nothing
    before, after = _figures_in(old[:a]), _figures_in(old[old_end:])
    figures = refs[:before] + (refs[len(refs) - after :] if after else [])
    delta = len(new_text) - len(old)
    marks: list[Span] = []
    for s in p.unconfirmed:
        deleted = a < s.end and old_end > s.start and old_end > a
        inserted_inside = a == old_end and s.start < a < s.end
        if deleted or inserted_inside:
            continue
        if s.end <= a:
            marks.append(s.model_copy())
        elif s.start >= old_end:
            marks.append(Span(start=s.start + delta, end=s.end + delta))
    return p.model_copy(
        update={"text": new_text, "figures": figures, "unconfirmed": marks},
        deep=True,
    )


def split(p: Paragraph, position: int) -> tuple[Paragraph, Paragraph]:
    """``p`` cut in two at ``position`` (Enter). The first part keeps the level and the
    generated note; the second is body text. A mark across the cut is dropped."""
    head, tail = p.text[:position], p.text[position:]
    k = _figures_in(head)
    first = p.model_copy(
        update={
            "text": head,
            "figures": list(p.figures[:k]),
            "unconfirmed": [s.model_copy() for s in p.unconfirmed if s.end <= position],
        },
        deep=True,
    )
    second = Paragraph(
        text=tail,
        figures=list(p.figures[k:]),
        unconfirmed=[
            Span(start=s.start - position, end=s.end - position) for s in p.unconfirmed if s.start >= position
        ],
    )
    return first, second


def joined(first: Paragraph, second: Paragraph) -> Paragraph:
    """``second`` appended to ``first`` (Backspace at the start of ``second``)."""
    shift = len(first.text)
    return first.model_copy(
        update={
            "text": first.text + second.text,
            "figures": [*first.figures, *second.figures],
            "unconfirmed": [
                *(s.model_copy() for s in first.unconfirmed),
                *(Span(start=s.start + shift, end=s.end + shift) for s in second.unconfirmed),
            ],
        },
        deep=True,
    )


def insert(p: Paragraph, position: int, text: str) -> Paragraph:
    """Plain ``text`` inserted at ``position`` (no figure characters)."""
    return retext_at(p, position, position, text)


def retext_at(p: Paragraph, start: int, end: int, text: str, ref: str | None = None) -> Paragraph:
    """``p`` with ``[start, end)`` replaced by ``text``, or by a figure bound to ``ref``.

    Unlike ``retext`` the place of the change is known, so a figure can be put in and the marks
    around an insertion at a mark's edge are kept exactly."""
    old = p.text
    start, end = max(0, min(start, len(old))), max(0, min(end, len(old)))
    start, end = min(start, end), max(start, end)
    put = FIGURE if ref is not None else text.replace(FIGURE, "")
    new_text = old[:start] + put + old[end:]
    refs = list(p.figures) + [""] * max(0, _figures_in(old) - len(p.figures))
    before, gone = _figures_in(old[:start]), _figures_in(old[start:end])
    figures = refs[:before] + ([ref] if ref is not None else []) + refs[before + gone :]
    delta = len(put) - (end - start)
    marks: list[Span] = []
    for s in p.unconfirmed:
        if s.end <= start:
            marks.append(s.model_copy())
        elif s.start >= end and not (start == end and s.start < start):
            marks.append(Span(start=s.start + delta, end=s.end + delta))
    return p.model_copy(update={"text": new_text, "figures": figures, "unconfirmed": marks}, deep=True)


def figure_at(p: Paragraph, position: int) -> int | None:
    """The index (in ``figures``) of the figure character at ``position``, if there is one."""
    if not 0 <= position < len(p.text) or p.text[position] != FIGURE:
        return None
    return _figures_in(p.text[:position])


def mark_at(p: Paragraph, position: int) -> Span | None:
    """The unconfirmed mark covering ``position`` (its end counts too, as a cursor right after it)."""
    return next((s for s in p.unconfirmed if s.start <= position <= s.end), None)


def confirmed(p: Paragraph, span: Span | None = None) -> Paragraph:
    """``p`` with the mark ``span`` (or all marks) removed: the clerk keeps that number."""
    keep = [s for s in p.unconfirmed if span is not None and s != span]
    return p.model_copy(update={"unconfirmed": keep}, deep=True)
