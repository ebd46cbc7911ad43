"""Starting this year's report from last year's (spec §7): a roll-forward, not a conversion.

The new report uses the format in force for the new year; last year's report keeps its own
format in ``report.previous`` so the cross-year rules (T2-E4, T1-W1/W2, T1a-W1, T1-W5, N-W13) work
without the old file. Only what the format says carries is carried: table 三's carry-in row and
the year-end stock of documents in force (the baseline of T1-W1/W2); every other cell is a flow of
the new year and starts blank. Text is
carried as a draft marked 待修改 (N-W15), with the reporting year replaced and every replacement
listed, so the clerk can see each change the roll-forward made and each value it could not carry.

Last year's numbers in the carried text are read with the vocabulary of ``giedit.model.wording``:
one whose words name a table cell (新收政府信息公开申请28件, 行政处罚决定23件, 现行有效9件) becomes
a figure bound to this year's cell, so the sentence turns right as the clerk fills the tables;
any other number of a fact (412条, 420余条, 查阅点8个, 无上年结转申请 when this year's table says
otherwise) is marked as last year's, unconfirmed, until the clerk edits or confirms it (N-W16).
Section 五 is not pasted: last year's 存在的主要问题 (with its 改进措施) become one prompt each under
this year's 上年度问题整改情况, and every prompt is a placeholder (N-E2) until rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from giedit.model import figures, inline, wording
from giedit.model.bounds import FIRST_YEAR, LAST_YEAR
from giedit.model.errors import ClerkError
from giedit.model.formats import FORMATS, format_for_year
from giedit.model.numbering import chinese_number
from giedit.model.report import (
    ASK,
    FIGURE,
    PREAMBLE,
    TODO,
    Level,
    Paragraph,
    PreviousYear,
    Report,
    SectionText,
    Span,
    new_report,
)
from giedit.model.schema import CellKind, Format
from giedit.model.text import ELLIPSIS, date_text
from giedit.model.values import is_blank, number_of, show_value

FEE_STATEMENT_FROM = 2021  # first report year after 国办函〔2020〕109号 on 信息处理费 (spec §2.4)
FEE_TEMPLATE = "本年度未收取信息处理费。"
FEE_WORD = "信息处理费"
NOTHING_TO_REPORT = re.compile(r"^无(?:其他需要报告的事项)?[。.]?$")
FOLLOW_UP, PROBLEMS, MEASURES = "上年度问题整改情况", "存在的主要问题", "改进措施"
PROBLEMS_TEMPLATE = (
    (Level.H2, FOLLOW_UP),
    (Level.BODY, f"{TODO}{ASK}上年报告所列问题的整改情况。"),
    (Level.H2, PROBLEMS),
    (Level.BODY, f"{TODO}{ASK}本年度存在的主要问题。"),
    (Level.H2, MEASURES),
    (Level.BODY, f"{TODO}{ASK}下一步的改进措施。"),
)
# How last year's 五 names its parts: checked in this order (上年度问题整改情况 also says 问题).
_FOLLOW_UP_WORDS = ("上年", "上一年", "整改")
_PROBLEM_WORDS = ("问题", "不足")
_MEASURE_WORDS = ("改进", "措施", "解决", "打算", "计划", "下一步")
_ITEM = re.compile(
    r"(?:(?<=^)|(?<=[。；;：:]))\s*(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.、．]|第[一二三四五六七八九十]+[，,、])"
)
CONTEXT_CHARS = 16  # at most this much text each side of a replacement, to the nearest clause mark
_CLAUSE_MARKS = frozenset("，。；：！？,;:!?\n")
# Never cut inside: a number with its unit of date (2024年, 12 月), a Latin word, a book title.
_WHOLE = re.compile(r"\d+(?:\.\d+)?\s*[年月日号%]?|[A-Za-z]+|《[^《》]{0,40}》")
_CN_DIGITS = "〇一二三四五六七八九"


class RollForwardError(ClerkError, ValueError):
    """The roll-forward cannot be made; ``str(err)`` is one Chinese sentence."""


@dataclass(frozen=True)
class Replacement:
    """One change made to carried text: where, and the text around it before and after."""

    where: str
    before: str
    after: str


@dataclass(frozen=True)
class Loss:
    """A value of last year's report that could not be carried, and why."""

    cell: str | None
    what: str
    value: str
    reason: str


@dataclass(frozen=True)
class Bound:
    """A number of last year's text now bound to this year's cell: where, the words, the cell."""

    where: str
    section: str
    text: str
    cell: str


@dataclass(frozen=True)
class Unconfirmed:
    """A number of last year's text no cell could take: highlighted until the clerk sees to it."""

    where: str
    section: str
    text: str


@dataclass
class RollForwardResult:
    report: Report
    replacements: list[Replacement] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bound: list[Bound] = field(default_factory=list)
    unconfirmed: list[Unconfirmed] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What the roll-forward did, for a terminal (the editor shows the same lists)."""
        out = [f"年度中的替换 {len(self.replacements)} 处："] if self.replacements else []
        out += [f"  {r.where}：「{r.before}」→「{r.after}」" for r in self.replacements]
        if self.bound:
            out.append(f"已改为随表格更新的数字 {len(self.bound)} 处：")
            out += [f"  {b.where}：「{b.text}」→ {b.cell}" for b in self.bound]
        if self.unconfirmed:
            out.append(f"上年的数字，待核实 {len(self.unconfirmed)} 处（已在正文中标出）：")
            out += [f"  {u.where}：「{u.text}」" for u in self.unconfirmed]
        if self.losses:
            out.append(f"未能结转的数值 {len(self.losses)} 项：")
            out += [f"  {x.what}：{x.value}（{x.reason}）" for x in self.losses]
        out += [f"提示：{n}" for n in self.notes]
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.report.year,
            "format": self.report.format,
            "previous_year": self.report.previous.year if self.report.previous else None,
            "replacements": [r.__dict__ for r in self.replacements],
            "bound": [b.__dict__ for b in self.bound],
            "unconfirmed": [u.__dict__ for u in self.unconfirmed],
            "losses": [x.__dict__ for x in self.losses],
            "notes": self.notes,
        }


def roll_forward(
    last: Report, year: int | None = None, source: Literal["giedit", "import"] = "giedit"
) -> RollForwardResult:
    """This year's draft from last year's report. ``source`` says where last year's figures come
    from: a giedit file, or an import of a published report (T2-E4 then only warns)."""
    new_year = last.year + 1 if year is None else year
    if not FIRST_YEAR <= new_year <= LAST_YEAR:
        raise RollForwardError(f"报告年度 {new_year} 不在支持范围内（{FIRST_YEAR} 年及以后）。")
    if new_year <= last.year:
        raise RollForwardError(f"新报告的年度（{new_year}）必须晚于上年报告的年度（{last.year}）。")
    fmt = format_for_year(new_year)
    report = new_report(new_year, last.body.name, fmt.id)
    result = RollForwardResult(report)
    if new_year > last.year + 1:
        result.notes.append(
            f"上年报告为 {last.year} 年度，新报告为 {new_year} 年度，中间隔了 {new_year - last.year - 1} 年；"
            "上年结转等数字按该报告填写，请核对"
        )
    report.body = last.body.model_copy(deep=True)
    report.contact = last.contact.model_copy(deep=True)
    report.signature = last.signature
    report.previous = PreviousYear(
        format=last.format,
        year=last.year,
        cells=dict(last.cells),
        sections={sid: s.model_copy(deep=True) for sid, s in last.sections.items()},
        source=source,
    )
    text = _TextCarrier(last, new_year, fmt, result)
    report.title = text.line("标题", last.title) if last.title else None
    report.period = text.line("统计期间", last.period) if last.period else report.default_period()
    report.preamble = text.paragraphs("前言", last.preamble)
    text.note_basis()
    _carry_sections(last, report, fmt, text, result)
    _carry_requests(last, report, fmt, result)
    _carry_baseline(last, report, fmt, source, result)
    if last.format != fmt.id:
        _list_losses(last, fmt, result)
    _Binder(last, report, result).run()
    if last.date is not None:
        result.notes.append(
            f"上年报告的成文日期（{date_text(last.date)}）未结转，请在“基本信息”中填写本年度报告的成文日期"
        )
    return result


class _TextCarrier:
    """Replaces the reporting year and an outdated format citation in carried text, recording
    each replacement."""

    def __init__(self, last: Report, year: int, fmt: Format, result: RollForwardResult) -> None:
        self.result = result
        self.fmt = fmt
        self.cited = False
        old, new = str(last.year), str(year)
        self.rules: list[tuple[re.Pattern[str], str]] = [
            (re.compile(rf"(?<!\d){old}(?=\s*年)"), new),
            (re.compile(_chinese_year_pattern(old) + r"(?=\s*年)"), "".join(_CN_DIGITS[int(d)] for d in new)),
        ]
        for other in FORMATS.values():
            if other.id == fmt.id:
                continue
            self.rules.append((_tolerant(other.basis), fmt.basis))
            self.rules.append((_tolerant(other.name.strip("《》")), fmt.name.strip("《》")))
        self.citations = [_tolerant(fmt.basis), _tolerant(fmt.name.strip("《》"))]
        self.needs_citation = last.format != fmt.id

    def line(self, where: str, text: str) -> str:
        out = text
        for pattern, replacement in self.rules:
            out = self._sub(where, pattern, replacement, out)
        if any(p.search(out) for p in self.citations):
            self.cited = True
        return out

    def _sub(self, where: str, pattern: re.Pattern[str], replacement: str, text: str) -> str:
        matches = list(pattern.finditer(text))
        # matches whose shown context overlaps are one entry: 「2020年1月1日至2020年12月31日」
        # changes as a whole, not as two entries each showing one of the years still old
        runs: list[tuple[int, int, list[re.Match[str]]]] = []
        for m in matches:
            a, b = _context(text, m.start(), m.end())
            if runs and a < runs[-1][1]:
                runs[-1] = (runs[-1][0], max(b, runs[-1][1]), [*runs[-1][2], m])
            else:
                runs.append((a, b, [m]))
        for a, b, run in runs:
            head = ELLIPSIS if a > 0 and text[a - 1] not in _CLAUSE_MARKS else ""
            tail = ELLIPSIS if b < len(text) and text[b] not in _CLAUSE_MARKS else ""
            after, pos = "", a
            for m in run:
                after += text[pos : m.start()] + replacement
                pos = m.end()
            after += text[pos:b]
            self.result.replacements.append(Replacement(where, head + text[a:b] + tail, head + after + tail))
        pieces: list[str] = []
        pos = 0
        for m in matches:
            pieces.append(text[pos : m.start()] + replacement)
            pos = m.end()
        return "".join(pieces) + text[pos:] if pieces else text

    def paragraphs(self, where: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
        """Carried paragraphs with the year replaced; figures kept (the year patterns never touch
        a figure character), last year's marks and generated notes dropped."""
        return [
            Paragraph(level=p.level, text=self.line(f"{where}第{n}段", p.text), figures=list(p.figures))
            for n, p in enumerate(paragraphs, 1)
        ]

    def note_basis(self) -> None:
        if self.needs_citation and not self.cited:
            self.result.notes.append(
                f"前言没有引用新格式的依据，请写明依据{self.fmt.name}（{self.fmt.basis}）"
            )


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` shown around ``text[start:end]``: out to the clause marks on either side
    when they are near, otherwise CONTEXT_CHARS, widened so that no number, date part, Latin word
    or book title is cut in two (「24年1月1日至」 reads as another date)."""
    a = max(0, start - CONTEXT_CHARS)
    a = max((i + 1 for i in range(a, start) if text[i] in _CLAUSE_MARKS), default=a)
    b = min(len(text), end + CONTEXT_CHARS)
    b = min((i for i in range(end, b) if text[i] in _CLAUSE_MARKS), default=b)
    for m in _WHOLE.finditer(text):
        if m.start() < a < m.end():
            a = m.start()
        if m.start() < b < m.end():
            b = m.end()
    return a, b


def _chinese_year_pattern(year: str) -> str:
    """A pattern for a year printed in Chinese numerals (二〇二一), accepting ○ for 〇."""
    return "".join("[〇○]" if d == "0" else _CN_DIGITS[int(d)] for d in year)


def _tolerant(text: str) -> re.Pattern[str]:
    """A pattern for ``text`` that accepts full- or half-width punctuation and stray spaces."""
    parts = []
    for ch in text:
        alt = unicodedata.normalize("NFKC", ch)
        parts.append(f"[{re.escape(ch)}{re.escape(alt)}]" if alt != ch else re.escape(ch))
    return re.compile(r"\s*".join(parts))


def _carry_sections(
    last: Report, report: Report, fmt: Format, text: _TextCarrier, result: RollForwardResult
) -> None:
    for s in fmt.sections:
        old = last.sections.get(s.id, SectionText())
        title = s.title
        new = report.section(s.id)
        if s.table:  # the note under a table heading is boilerplate: carried, not flagged
            new.paragraphs = text.paragraphs(title, old.paragraphs)
            new.extra = [text.line(f"{title}表后附加行", line) for line in old.extra]
            if old.extra:
                result.notes.append(f"{title}：上年表格后的地方附加行已保留，不属于国家格式，可按需删除")
        elif s.id == "problems":
            new.paragraphs = _problems_prompt(old)
            new.carried = True
        elif s.id == "other" and report.year >= FEE_STATEMENT_FROM:
            new.paragraphs = _other_with_fee(text, title, old, result)
            new.carried = True
        else:
            new.paragraphs = text.paragraphs(title, old.paragraphs)
            new.carried = bool(new.paragraphs)


def _problems_prompt(old: SectionText) -> list[Paragraph]:
    """五 is not copied (spec §7.1, §2.4): each of last year's problems (with the improvement last
    year promised for it, when the lists pair up) becomes one prompt under this year's
    上年度问题整改情况; last year's own 整改情况 (the year before) is left behind. The prompts for
    this year's problems and measures follow."""
    problems, measures = _last_items(old)
    out = [Paragraph(level=level, text=t) for level, t in PROBLEMS_TEMPLATE]
    if not problems and not measures:
        return out
    paired = len(measures) == len(problems)
    prompts: list[Paragraph] = []
    for n, item in enumerate(problems, 1):
        promised = f"（上年提出的改进措施：{_sentence(measures[n - 1])}）" if paired else ""
        prompts.append(
            Paragraph(
                text=f"{TODO}上年问题{chinese_number(n)}：{_sentence(item)}{promised}{ASK}整改措施和成效。"
            )
        )
    if not paired:
        for n, item in enumerate(measures, 1):
            prompts.append(
                Paragraph(text=f"{TODO}上年改进措施{chinese_number(n)}：{_sentence(item)}{ASK}落实情况。")
            )
    return out[:1] + prompts + out[2:]


def _sentence(text: str) -> str:
    text = text.strip().rstrip("；;，,、")
    return text if text.endswith(("。", "！", "？")) else text + "。"


def _kind(heading: str) -> str:
    if any(w in heading for w in _FOLLOW_UP_WORDS):
        return "follow_up"
    if any(w in heading for w in _PROBLEM_WORDS):
        return "problems"
    if any(w in heading for w in _MEASURE_WORDS):
        return "measures"
    return "other"


_RUN_IN = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*([^。：:，,]{1,15})[。：:]")


def _last_items(old: SectionText) -> tuple[list[str], list[str]]:
    """Last year's problems and measures, item by item.

    The parts are told by their sub-headings (（一）存在的主要问题, （二）改进措施, also printed run-in
    as 「(一)存在的问题。…」) or, in a section without them, by a lead-in that announces the measures
    (「在2021年的工作中，我们将加大改进力度，做到：」); until then everything counts as a problem.
    Last year's own 整改情况 is left out. An item is a sub-heading (1./（1）) with its text, or
    one part of a paragraph enumerated 一是…二是…, （一）…（二）…, 1.…2.…"""
    buckets: dict[str, list[Paragraph]] = {"problems": [], "measures": [], "follow_up": [], "other": []}
    current = "problems"
    for p in old.paragraphs:
        text = p.text.replace(FIGURE, "").strip()
        if not text:
            continue
        if p.level is Level.H2:
            current = _kind(text)
            continue
        if p.level is Level.BODY:
            lead = _RUN_IN.match(text)
            if lead and _kind(lead.group(1)) != "other":
                current, text = _kind(lead.group(1)), text[lead.end() :].strip()
            elif text.endswith(("：", ":")) and _kind(text) == "measures":
                current = "measures"
                continue
        if text:
            buckets[current].append(p.model_copy(update={"text": text}))
    return _items(buckets["problems"]), _items(buckets["measures"])


def _items(paragraphs: list[Paragraph]) -> list[str]:
    items: list[str] = []
    heading = False
    numbered = [i for i, p in enumerate(paragraphs) if p.level is not Level.BODY or _ITEM.match(p.text)]
    if numbered:  # a paragraph before the first numbered item only introduces them
        paragraphs = paragraphs[numbered[0] :]
    for p in paragraphs:
        text = p.text
        if p.level is not Level.BODY:
            items.append(text.rstrip("。") + "：")
            heading = True
            continue
        if heading:
            items[-1] += text
            heading = False
            continue
        starts = [m.start() for m in _ITEM.finditer(text)]
        if len(starts) < 2:
            items.append(_ITEM.sub("", text, count=1).strip() if starts == [0] else text)
            continue
        intro = text[: starts[0]].strip()
        if intro and not intro.endswith(("：", ":")):
            items.append(intro)
        for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
            item = _ITEM.sub("", text[a:b], count=1).strip()
            if item:
                items.append(item)
    return [i for i in items if i.strip("：:。 ")]


def _other_with_fee(
    text: _TextCarrier, title: str, old: SectionText, result: RollForwardResult
) -> list[Paragraph]:
    kept = [p for p in old.paragraphs if not NOTHING_TO_REPORT.match(p.text.strip())]
    carried = text.paragraphs(title, kept)
    if any(FEE_WORD in p.text for p in carried):
        return carried
    result.notes.append(f"已在“{title}”中加入信息处理费说明「{FEE_TEMPLATE}」，请按实际收费情况确认或修改")
    return [Paragraph(text=FEE_TEMPLATE), *carried]


def _carry_requests(last: Report, report: Report, fmt: Format, result: RollForwardResult) -> None:
    """The format's carry-overs (table 三: this year's 二 := last year's 四), column by column."""
    old = last.definition
    for table in fmt.tables:
        for carry in table.carries:
            into = fmt.layout(table.id).row(carry.target)
            try:
                source = old.layout(table.id).row(carry.source)
            except KeyError:
                continue  # last year's format has no such row: nothing to carry, nothing lost
            for col in into.columns:
                target = into.cell_id(col.id)
                value = last.cells.get(source.cell_id(col.id))
                n = number_of(value, CellKind.COUNT)
                if n is None:
                    result.losses.append(
                        Loss(
                            target,
                            fmt.cells[target].describe(),
                            show_value(value),
                            f"上年报告“{source.label}”这一格为空或不是有效数字，未结转，请填写",
                        )
                    )
                    continue
                report.cells[target] = int(n)


def _carry_baseline(
    last: Report, report: Report, fmt: Format, source: Literal["giedit", "import"], result: RollForwardResult
) -> None:
    """The baseline of T1-W1/W2 from last year's stock column (2021 format only). A 2019-format
    report has no stock: its public-total column counts something else, so it is offered
    as a hint and the baseline is left for the clerk to confirm."""
    docs, old_docs = fmt.documents, last.definition.documents
    if docs.stock is None:
        return  # the new format keeps no stock
    active = fmt.layout("active")
    stock = [fmt.cells[active.row(row).cell_id(docs.stock)] for row in docs.rows]
    label = stock[0].column.label
    old = last.definition.cells
    if old_docs.stock is None:
        hints = [old.get(f"active.{row}.{old_docs.public_total}") for row in docs.rows]
        shown = "、".join(f"{c.row.label} {show_value(last.cells.get(c.id))}" for c in hints if c is not None)
        hint_label = next((c.column.label for c in hints if c is not None), "")
        report.baseline_in_force = dict.fromkeys(docs.rows, None)
        report.baseline_source = None
        result.notes.append(
            f"上年报告使用{last.definition.name}，没有“{label}”，上年末{label}需由您确认后填写"
            + (f"（上年“{hint_label}”为 {shown}，统计口径不同，仅供参考）" if shown else "")
        )
        return
    baseline: dict[str, int | None] = {}
    for row, cell in zip(docs.rows, stock, strict=True):
        n = number_of(last.cells.get(f"active.{row}.{old_docs.stock}"), CellKind.COUNT)
        baseline[row] = int(n) if n is not None else None
        if n is None:
            result.notes.append(f"上年报告“{cell.row.label}”的{label}为空，上年末{label}需由您确认")
    report.baseline_in_force = baseline
    report.baseline_source = source


def _list_losses(last: Report, fmt: Format, result: RollForwardResult) -> None:
    """Every filled cell of last year's that would carry (a carry-over source, a stock) but has no
    place in the new format (spec §7.1, §7.3). Last year's flows are not listed: they never carry,
    whatever the format, so the new report starting blank there loses nothing."""
    old = last.definition
    for cid in sorted(old.carried_cells - fmt.carried_cells, key=list(old.cells).index):
        value = last.cells.get(cid)
        if is_blank(value):
            continue
        cell = old.cells[cid]
        title = old.section(old.table(cell.table).section).title
        result.losses.append(
            Loss(
                cid,
                f"{title} {cell.describe()}",
                show_value(value),
                f"{fmt.name}没有这一栏，无法结转（仍保存在上年数据中）",
            )
        )


class _Binder:
    """Last year's numbers in the carried text: bound to this year's cells, or marked."""

    def __init__(self, last: Report, report: Report, result: RollForwardResult) -> None:
        self.last, self.report, self.result = last, report, result
        self.fmt = report.definition

    def run(self) -> None:
        report = self.report
        report.preamble = self.paragraphs(PREAMBLE, "前言", report.preamble)
        for s in self.fmt.sections:
            section = report.section(s.id)
            if s.id != "problems":
                section.paragraphs = self.paragraphs(s.id, s.title, section.paragraphs)

    def paragraphs(self, section: str, title: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
        return [self.paragraph(section, f"{title}第{n}段", p) for n, p in enumerate(paragraphs, 1)]

    def paragraph(self, section: str, where: str, p: Paragraph) -> Paragraph:
        p = self._last_figures(section, where, p)
        topic = next((s.table for s in self.fmt.sections if s.id == section), None)  # 三 is about 申请
        readings = wording.read(self.fmt.id, p.text, figures.figure_refs(p), self.report.year, topic)
        text = p.text
        bound: list[Bound] = []
        marked: list[Unconfirmed] = []
        for r in reversed(readings):  # from the end, so that earlier spans stay where they are
            if r.kind == "figure":
                continue
            if r.kind == "number" and r.bindable and r.ref:
                p = inline.retext_at(p, r.start, r.digits_end, "", ref=r.ref)
                bound.append(Bound(where, section, self._words(text, r), figures.label(self.report, r.ref)))
            elif r.kind == "number" or (r.ref and figures.value(self.report, r.ref) != 0):
                # a denial (无上年结转申请) is kept as it is where this year's cell is known to be 0
                p = _mark(p, r.start, r.end)
                marked.append(Unconfirmed(where, section, text[r.start : r.end]))
        self.result.bound.extend(reversed(bound))
        self.result.unconfirmed.extend(reversed(marked))
        return p

    def _last_figures(self, section: str, where: str, p: Paragraph) -> Paragraph:
        """A figure of last year's text that names no cell of this year's format keeps last year's
        value, as plain text marked unconfirmed."""
        for i in reversed([i for i, ch in enumerate(p.text) if ch == FIGURE]):
            ref = p.figures[p.text[:i].count(FIGURE)] if p.text[:i].count(FIGURE) < len(p.figures) else None
            if ref is not None and figures.resolve(self.fmt, ref) is not None:
                continue
            value = figures.shown(self.last, ref) if ref else figures.BLANK
            p = _mark(inline.retext_at(p, i, i + 1, value), i, i + len(value))
            self.result.unconfirmed.append(Unconfirmed(where, section, value))
        return p

    @staticmethod
    def _words(text: str, r: wording.Reading) -> str:
        start = max((m.end() for m in re.finditer(r"[，,；;：:。！？!?（(、]", text[: r.start])), default=0)
        return text[min(start, r.start) if r.kind == "number" else r.start : r.end]


def _mark(p: Paragraph, start: int, end: int) -> Paragraph:
    marks = sorted([*p.unconfirmed, Span(start=start, end=end)], key=lambda s: s.start)
    return p.model_copy(update={"unconfirmed": marks})
