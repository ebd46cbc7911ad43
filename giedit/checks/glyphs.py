"""G-W3: characters that no font giedit ships can draw (they would print as a box).

A name like 大塅镇 is fine (塅 is in GBK, which the shipped fonts cover), but a rare character
such as 䶮 (U+4DAE, CJK Extension A) or 𬱖 (U+2CC56) is in none of them: the PDF would show ⊠
and a reader's copy-paste would give a blank. The rule names each such character, its code point
and where it is, so the clerk can replace it (or accept the warning) before publishing.

The checks never load a font: ``resources/fonts/coverage.txt``, written by
``packaging/fonts/build_fonts.py`` beside the fonts, lists the code points the shipped fonts draw
as ranges; it is read once per process and searched with bisect, each character once. All the
printed text is checked in one pass; only when something is missing are the places looked at.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterator
from functools import cache

from giedit.checks.engine import Context, Finding, Severity, rule
from giedit.model.figures import paragraph_text
from giedit.model.report import PREAMBLE
from giedit.model.rule_ids import G_W3
from giedit.resources import resource_path

COVERAGE = ("fonts", "coverage.txt")
SHOWN = 5  # characters named in one message


@cache
def _ranges() -> tuple[list[int], list[int]]:
    """(starts, ends) of the covered code point ranges; empty when the file is missing."""
    starts: list[int] = []
    ends: list[int] = []
    try:
        text = resource_path(*COVERAGE).read_text(encoding="ascii")
    except OSError:
        return starts, ends
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        a, _, b = line.partition("-")
        starts.append(int(a, 16))
        ends.append(int(b or a, 16))
    return starts, ends


@cache
def covered(ch: str) -> bool:
    """True when a shipped font draws ``ch``, or when it is a control character (never drawn)."""
    cp = ord(ch)
    starts, ends = _ranges()
    if not starts:
        return True  # no coverage data: say nothing rather than warn about every character
    i = bisect.bisect_right(starts, cp) - 1
    return (i >= 0 and cp <= ends[i]) or unicodedata.category(ch) == "Cc"


def uncovered(text: str) -> set[str]:
    """The characters of ``text`` no shipped font draws."""
    if text.isascii():
        return set()
    return {ch for ch in set(text) if not covered(ch)}


def _places(ctx: Context) -> Iterator[tuple[str, str | None, str]]:
    """(place as the clerk knows it, section id for the editor, text) of everything printed:
    paragraphs as printed, each figure as its value (the figure marker itself is never printed)."""
    r = ctx.report
    yield "标题", PREAMBLE, r.display_title()
    yield "基本信息·机关名称", None, r.body.name
    c = r.contact
    for label, value in (
        ("联系科室", c.office),
        ("地址", c.address),
        ("邮编", c.postcode),
        ("电话", c.phone),
        ("电子邮箱", c.email),
        ("统计期间", r.period),
        ("落款", r.signature),
    ):
        if value:
            yield f"基本信息·{label}", None, value
    for i, p in enumerate(r.preamble, 1):
        yield f"前言第{i}段", PREAMBLE, paragraph_text(r, p)
    for section in ctx.fmt.sections:
        text = r.sections.get(section.id)
        if text is None:
            continue
        for i, p in enumerate(text.paragraphs, 1):
            yield f"“{section.title}”第{i}段", section.id, paragraph_text(r, p)
        for i, line in enumerate(text.extra, 1):
            yield f"“{section.title}”表后第{i}行", section.id, line


@rule(G_W3, Severity.WARNING)
def glyph_coverage(ctx: Context) -> Iterator[Finding]:
    """Every printed character is drawn by a shipped font; otherwise one warning per place naming
    the characters and their code points (U+4DAE), since the PDF would show a box."""
    places = list(_places(ctx))
    bad = uncovered("".join(text for _place, _section, text in places))  # one pass: usually empty
    if not bad:
        return
    for place, section, text in places:
        missing = [ch for ch in dict.fromkeys(text) if ch in bad]
        if not missing:
            continue
        names = "、".join(f"「{ch}」（U+{ord(ch):04X}）" for ch in missing[:SHOWN])
        more = f"等{len(missing)}个字" if len(missing) > SHOWN else ""
        yield ctx.find(
            [],
            f"{place}中的{names}{more}没有字体可以显示，导出的 PDF 中会印成方框；请改用常用字，或确认后忽略",
            section=section,
        )
