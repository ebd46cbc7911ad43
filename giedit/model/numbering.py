"""Heading markers of the narrative (GB/T 9704 7.3.3: 一、 → （一） → 1. → （1））.

Paragraphs store their level, not their marker, so a clerk can insert, remove and reorder
sub-headings and the numbering follows. Markers restart under each higher-level heading.
"""

from __future__ import annotations

from collections.abc import Callable

from giedit.model.report import Level, Paragraph

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for section numbering)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def marker(level: Level, n: int) -> str:
    if level is Level.H2:
        return f"（{chinese_number(n)}）"
    if level is Level.H3:
        return f"{n}."
    if level is Level.H4:
        return f"（{n}）"
    return ""


def numbered(paragraphs: list[Paragraph]) -> list[tuple[Paragraph, str]]:
    """Each paragraph with its heading marker ('' for body text)."""
    order = [Level.H2, Level.H3, Level.H4]
    counters = dict.fromkeys(order, 0)
    out: list[tuple[Paragraph, str]] = []
    for p in paragraphs:
        if p.level in counters:
            counters[p.level] += 1
            for deeper in order[order.index(p.level) + 1 :]:
                counters[deeper] = 0
            out.append((p, marker(p.level, counters[p.level])))
        else:
            out.append((p, ""))
    return out


def plain_text(paragraphs: list[Paragraph], text: Callable[[Paragraph], str] | None = None) -> str:
    """The section as plain text with markers, one paragraph a line; ``text`` gives a paragraph's
    printed text (``figures.paragraph_text`` bound to the report), else its stored text."""
    return "\n".join(m + (text(p) if text else p.text) for p, m in numbered(paragraphs))
