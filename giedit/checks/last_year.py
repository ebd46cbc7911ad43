"""Which findings say "this may still be last year's content", and how to show them before export.

A report started from last year's (spec §7) carries last year's text as a draft. Three warnings
say that some of it is still last year's: a section still marked 待修改 (N-W15), a number no
table cell could take and the clerk has neither edited nor confirmed (N-W16 on
``Paragraph.unconfirmed``; its other findings compare a number with the tables and are not
about last year), and paragraphs copied almost whole from last year's report (N-W13, the 内容雷同
warning §7.1 asks the roll-forward for). Errors already refuse a final export; these are
warnings, so a final export would publish last year's figures as this year's facts without a
word. The editor's 导出前检查 and ``giedit export`` both ask here, so they list the same things.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from giedit.checks.engine import Finding, active
from giedit.model import figures
from giedit.model.formats import SECTION_IDS
from giedit.model.report import FIGURE, PREAMBLE, Level, Paragraph, Report, paragraphs_of
from giedit.model.rule_ids import N_W13, N_W15, N_W16
from giedit.model.text import ELLIPSIS

# The rules whose findings (all of them, except N-W16's comparisons with the tables) mean that
# text or numbers of last year's report may be published as this year's.
LAST_YEAR_RULES: Final = frozenset({N_W13, N_W15, N_W16})
EXCERPT_CHARS = 48  # an excerpt longer than this is cut around the number it shows
_LEAD_CHARS = 16  # at most this much of the sentence before that number
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def unconfirmed_numbers(finding: Finding) -> bool:
    """An N-W16 finding about last year's unconfirmed numbers of one paragraph (it names no cell
    and points at the first number); N-W16's comparisons with a table name their cells."""
    return finding.rule == N_W16 and not finding.cells and finding.place is not None


def is_last_years(finding: Finding) -> bool:
    """The finding says its text or number may still be last year's report's."""
    if finding.rule == N_W16:
        return unconfirmed_numbers(finding)
    return finding.rule in LAST_YEAR_RULES


_PARTS = (PREAMBLE, *SECTION_IDS)
_RULE_ORDER = (N_W15, N_W13, N_W16)  # the section as a whole, its copied paragraphs, its numbers


def _order(finding: Finding) -> tuple[int, int, int]:
    part = _PARTS.index(finding.section) if finding.section in _PARTS else len(_PARTS)
    paragraph = finding.place[0] if finding.place is not None else -1
    return part, _RULE_ORDER.index(finding.rule), paragraph


def last_years_content(findings: Iterable[Finding]) -> list[Finding]:
    """The active (not dismissed) findings about last year's content, part by part in the
    report's order: a section still 待修改, then its copied paragraphs, then its numbers."""
    return sorted((f for f in active(findings) if is_last_years(f)), key=_order)


def _printed(report: Report, paragraph: Paragraph, start: int, end: int) -> str:
    """``paragraph.text[start:end]`` as printed: each figure replaced by its value (□ when blank)."""
    refs = figures.figure_refs(paragraph)[paragraph.text.count(FIGURE, 0, start) :]
    out, k = [], 0
    for ch in paragraph.text[start:end]:
        if ch == FIGURE:
            ref = refs[k] if k < len(refs) else None
            out.append(figures.shown(report, ref) if ref is not None else figures.BLANK)
            k += 1
        else:
            out.append(ch)
    return "".join(out).strip()


def _sentence(report: Report, paragraph: Paragraph, at: int) -> str:
    """The sentence of ``paragraph`` around position ``at``, cut to about EXCERPT_CHARS."""
    text = paragraph.text
    at = min(max(at, 0), len(text))
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    stop = _SENTENCE_END.search(text, at)
    end = stop.end() if stop else len(text)
    lead = ""
    if end - start > EXCERPT_CHARS and at - start > _LEAD_CHARS:
        start, lead = at - _LEAD_CHARS, ELLIPSIS
    tail = ""
    if end - start > EXCERPT_CHARS:
        end, tail = start + EXCERPT_CHARS, ELLIPSIS
    return lead + _printed(report, paragraph, start, end) + tail


def excerpt(report: Report, finding: Finding) -> str:
    """The words the finding is about, as the reader of the report would see them: the sentence
    with the first unconfirmed number (N-W16), the first copied paragraph's opening (N-W13), the
    section's first sentence (N-W15). Empty when the place no longer exists."""
    where = finding.section
    if where is None or (where != PREAMBLE and where not in SECTION_IDS):
        return ""
    paragraphs = paragraphs_of(report, where)
    if finding.place is not None:
        index, start, _ = finding.place
        if not 0 <= index < len(paragraphs):
            return ""
        return _sentence(report, paragraphs[index], start)
    body = next((p for p in paragraphs if p.level is Level.BODY and p.text.strip()), None)
    return _sentence(report, body, 0) if body is not None else ""


def _numbers(report: Report, finding: Finding) -> list[str]:
    """The unconfirmed numbers of the paragraph an N-W16 finding points at, as printed."""
    if not unconfirmed_numbers(finding) or finding.section is None or finding.place is None:
        return []
    paragraphs = paragraphs_of(report, finding.section)
    index = finding.place[0]
    if not 0 <= index < len(paragraphs):
        return []
    p = paragraphs[index]
    return [p.text[m.start : m.end] for m in p.unconfirmed if 0 <= m.start < m.end <= len(p.text)]


def describe(report: Report, finding: Finding, quoted: set[str] | None = None) -> str:
    """The finding's message; below it every unconfirmed number the message leaves out (it
    names a few), and the words the finding is about (「原文：…」) unless they are in ``quoted``
    (already shown for the item above: 一 still 待修改 and 一 copied open with the same words)."""
    lines = [finding.message]
    numbers = [f"「{n}」" for n in _numbers(report, finding)]
    if any(n not in finding.message for n in numbers):
        lines.append(f"上年数字（共 {len(numbers)} 处）：{''.join(numbers)}")
    words = excerpt(report, finding)
    if words and (quoted is None or words not in quoted):
        lines.append(f"原文：「{words}」")
        if quoted is not None:
            quoted.add(words)
    return "\n".join(lines)


def descriptions(report: Report, findings: Iterable[Finding]) -> list[tuple[Finding, str]]:
    """Each finding with its text for a list (``describe``), each excerpt quoted once."""
    quoted: set[str] = set()
    return [(f, describe(report, f, quoted)) for f in findings]


def summary(count: int, where: str = "报告中") -> str:
    """One sentence before the list, the same in the editor and on the command line."""
    return (
        f"{where}有 {count} 处可能仍是上年报告的内容（上年的数字尚未核实，或沿用的文字尚未修改），"
        "正式导出后将作为本年度的情况发布。"
    )
