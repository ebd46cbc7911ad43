"""N-W17: an enumeration in the prose that cannot be right: 「办结25件，其中予以公开10件、部分公开5件、
不予公开3件」.

A whole and its parts are read with the vocabulary the other narrative rules use
(``giedit.model.wording``); which parts make up which whole is read from the format definition:
the sums it defines (table 三's total row is the sum of the outcome rows, a row's total column the
sum of its applicant columns) and its group rows (不予公开 is the sum of its eight reasons). Nothing is listed here.

Three things are said, as warnings, each naming the cells:

- the parts add up to more than the whole (never right, whatever 其中 means);
- the enumeration claims to be complete (分别为/分别是) and its parts do not add up to the whole;
- it claims to be complete and leaves out categories that are not 0 in the table; or it does not
  claim to, but every category it leaves out is 0 in the table, so its parts must add up and do
  not.

Numbers of sentences about another year, approximate numbers (约、余) and compared numbers (同比)
are not read, as for N-W16; a figure counts with the value it prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from giedit.checks.engine import Context, Finding, Severity, fmt_num, rule
from giedit.checks.narrative import PREAMBLE, SECTION_IDS, _paras, _where, wording_sentences
from giedit.model import figures, wording
from giedit.model.formats import get_format
from giedit.model.rule_ids import N_W17
from giedit.model.text import clip

COMPLETE = ("分别为", "分别是", "分别有", "分别")  # the parts are said to be all of the whole
MARKERS = ("其中", *COMPLETE)
MIN_PARTS = 2
MAX_NAMED = 3


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    number: float | int
    ref: str
    cells: tuple[str, ...]
    name: str


@cache
def _decompositions(format_id: str, cells: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The ways the format splits a figure into categories: the sums whose total is the figure's
    one cell (each part a category), and a group's data cells (each its own category)."""
    fmt = get_format(format_id)
    out: list[tuple[str, ...]] = []
    if len(cells) == 1:
        out += [r.parts for r in fmt.relations if r.total == cells[0] and not r.rhs]
    elif len(cells) > 1:
        out.append(cells)
    return tuple(out)


def _items(ctx: Context, text: str, readings: list[wording.Reading], a: int, b: int) -> list[_Item]:
    """The sentence's exact numbers and figures that name a figure of the tables."""
    out: list[_Item] = []
    for r in readings:
        if not (a <= r.start < b) or r.ref is None:
            continue
        target = figures.resolve(ctx.fmt, r.ref)
        if target is None:
            continue
        if r.kind == "figure":
            number = figures.value(ctx.report, r.ref)
        elif r.kind == "number" and r.bindable:
            number = r.number
        else:
            continue
        if number is not None:
            out.append(_Item(r.start, r.end, number, r.ref, target.cells, target.name))
    return out


def _enumerations(
    items: list[_Item], text: str, format_id: str
) -> Iterator[tuple[_Item, list[_Item], tuple, bool]]:
    """(whole, parts, the categories they split, claimed complete) for each whole followed by
    其中/分别为 and at least two parts of one of its decompositions."""
    for k, whole in enumerate(items):
        rest = items[k + 1 :]
        if not rest:
            return
        between = text[whole.end : rest[0].start]
        marker = next((m for m in MARKERS if m in between), None)
        if marker is None:
            continue
        for categories in _decompositions(format_id, whole.cells):
            inside = set(categories)
            parts: list[_Item] = []
            covered: set[str] = set()
            for item in rest:
                if not set(item.cells) <= inside:
                    break
                if covered & set(item.cells):  # a breakdown of a part already read: 不予公开3件（…）
                    continue
                parts.append(item)
                covered |= set(item.cells)
            if len(parts) >= MIN_PARTS:
                yield whole, parts, categories, marker in COMPLETE
                break


@rule(N_W17, Severity.WARNING)
def enumerations_add_up(ctx: Context) -> Iterator[Finding]:
    """A whole and the parts listed after 其中/分别为 in one sentence, checked against each other
    and against the table (see the module docstring)."""
    year = ctx.report.year
    for where in (PREAMBLE, *SECTION_IDS):
        for i, p in enumerate(_paras(ctx, where)):
            text = p.text
            readings = wording.read(ctx.fmt.id, p.text, figures.figure_refs(p), year)
            if len(readings) <= MIN_PARTS:
                continue
            for a, b in wording_sentences(wording.normalise(text)):
                items = _items(ctx, text, readings, a, b)
                for whole, parts, categories, complete in _enumerations(items, text, ctx.fmt.id):
                    yield from _judge(ctx, where, i, text, whole, parts, categories, complete)


def _judge(
    ctx: Context,
    where: str,
    i: int,
    text: str,
    whole: _Item,
    parts: list[_Item],
    categories: tuple[str, ...],
    complete: bool,
) -> Iterator[Finding]:
    total = sum(p.number for p in parts)
    listed = [c for c in categories if any(c in p.cells for p in parts)]
    left_out = [c for c in categories if c not in listed]
    others = sum(ctx.num(c) or 0 for c in left_out)
    nonzero = [c for c in left_out if ctx.num(c)]
    clause = max((m.end() for m in re.finditer(r"[，,；;：:。！？!?]", text[: whole.start])), default=0)
    said = _clip(text[clause : parts[-1].end])
    place = (i, whole.start, parts[-1].end)
    cells = [*whole.cells, *listed]
    sums = f"{'＋'.join(fmt_num(p.number) for p in parts)}＝{fmt_num(total)}"
    head = f"{_where(ctx, where, i)}「{said}」：所列各项之和（{sums}）"
    if total > whole.number:
        message = f"{head}大于总数{fmt_num(whole.number)}，请核对"
    elif complete and nonzero:
        values = "、".join(f"{ctx.label(c)}为{fmt_num(ctx.num(c) or 0)}" for c in nonzero[:MAX_NAMED])
        more = f"等{len(nonzero)}项" if len(nonzero) > MAX_NAMED else ""
        short = (
            f"，且{head[head.index('所列') :]}与总数{fmt_num(whole.number)}不符"
            if total != whole.number
            else ""
        )
        message = f"{_where(ctx, where, i)}「{said}」写明“分别为”，但未列出表格中不为0的{values}{more}{short}，请补充"
        cells = [*cells, *nonzero]
    elif complete and total != whole.number:
        message = f"{head}与总数{fmt_num(whole.number)}不符（写明“分别为”，应列全各项），请核对"
    elif not complete and total + others != whole.number:
        rest = f"，加上表格中未列出的各项（共{fmt_num(others)}）" if others else "，表格中其余各项均为0"
        message = f"{head}{rest}，与总数{fmt_num(whole.number)}不符，请核对"
    else:
        return
    yield ctx.find(cells, message, section=where, place=place)


_CLIP = 40


def _clip(s: str) -> str:
    return clip(re.sub(r"\s+", "", s), _CLIP)
