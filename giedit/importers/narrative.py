"""Narrative lines into paragraphs with heading levels.

A line that is only a sub-heading (``（一）存在的主要问题``) becomes a heading paragraph without its
marker, so giedit numbers it (GB/T 9704: （一） → 1. → （1））. A run-in heading followed by its
text in the same paragraph (``（一）主动公开。本年…``) stays body text exactly as printed: setting a
whole paragraph in the heading font would misprint it. Text pulled out of a paginated file can
break a paragraph at a page end, even mid-word; such a line is joined to the next one (and the
join is noted), Word files are taken as they are.
"""

from __future__ import annotations

import re
import unicodedata

from giedit.importers.matching import clean
from giedit.model.report import Level, Paragraph

_MARKERS = (
    (Level.H2, re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*")),
    (Level.H4, re.compile(r"^[（(]\s*\d{1,2}\s*[)）]\s*")),
    (Level.H3, re.compile(r"^\d{1,2}\s*[、.．,，](?!\d)\s*")),
)
_SENTENCE_END = "。！？；!?;"
_CLOSES_PARAGRAPH = "。！？；：:;!?…）)”」』"
MIN_BROKEN_LINE = 20  # a line shorter than this ends a paragraph even without punctuation


def heading_level(text: str) -> tuple[Level, str] | None:
    """(level, text without marker) when the line is only a numbered sub-heading."""
    for level, pattern in _MARKERS:
        m = pattern.match(text)
        if m is None:
            continue
        rest = text[m.end() :].strip()
        inner = rest.rstrip(_SENTENCE_END)
        if rest and not any(ch in _SENTENCE_END for ch in inner):
            return level, rest
        return None
    return None


def tidy_line(text: str) -> str:
    """A printed line without indentation, artefacts or invisible characters."""
    return clean(text).strip().strip("\u3000\u00a0").strip()


def join_broken(lines: list[str]) -> tuple[list[str], list[str]]:
    """Lines rejoined where a page break split a paragraph; also returns the joins made."""
    groups: list[list[str]] = []
    joins: list[str] = []
    for line in lines:
        if groups and _continues(groups[-1][-1], line):
            joins.append(f"「…{groups[-1][-1][-8:]}」与「{line[:8]}…」")
            groups[-1].append(line)
        else:
            groups.append([line])
    return ["".join(g) for g in groups], joins


def _continues(previous: str, line: str) -> bool:
    if len(previous) < MIN_BROKEN_LINE or previous[-1] in _CLOSES_PARAGRAPH:
        return False
    if heading_level(previous) is not None or heading_level(line) is not None:
        return False
    first = unicodedata.normalize("NFKC", line[:1])
    return not (first.isdigit() or first in "(")


def paragraphs(lines: list[str]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for line in lines:
        found = heading_level(line)
        if found is not None:
            out.append(Paragraph(level=found[0], text=found[1]))
        else:
            out.append(Paragraph(text=line))
    return out
