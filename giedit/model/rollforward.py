"""Starting this year's report from last year's (spec §7): a roll-forward, not a conversion.

The new report uses the format in force for the new year; last year's report keeps its own
format in ``report.previous`` so the cross-year rules (T2-E4, T1-W1/W2, T1a-W1, T1-W5, N-W13) work
without the old file. Only what the format says carries is carried: table 三's carry-in row and
the year-end stock of documents in force (the baseline of T1-W1/W2); every other cell is a flow of
the new year and starts blank. Text is
carried as a draft marked 待修改 (N-W15), with the reporting year replaced and every replacement
listed, so the clerk can see each change the roll-forward made and each value it could not carry.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from giedit.model.bounds import FIRST_YEAR, LAST_YEAR
from giedit.model.formats import FORMATS, format_for_year
from giedit.model.report import Level, Paragraph, PreviousYear, Report, SectionText, new_report
from giedit.model.schema import CellKind, Format
from giedit.model.values import CellValue, Money, format_amount, is_blank, number_of

MIN_YEAR, MAX_YEAR = FIRST_YEAR, LAST_YEAR
FEE_STATEMENT_FROM = 2021  # first report year after 国办函〔2020〕109号 on 信息处理费 (spec §2.4)
FEE_TEMPLATE = "本年度未收取信息处理费。"
FEE_WORD = "信息处理费"
NOTHING_TO_REPORT = re.compile(r"^无(?:其他需要报告的事项)?[。.]?$")
TODO = "【待修改】"
PROBLEMS_TEMPLATE = (
    (Level.H2, "上年度问题整改情况"),
    (Level.BODY, f"{TODO}上年报告所列问题如下，请逐项写明整改情况："),
    (Level.H2, "存在的主要问题"),
    (Level.BODY, f"{TODO}请写明本年度存在的主要问题。"),
    (Level.H2, "改进措施"),
    (Level.BODY, f"{TODO}请写明下一步的改进措施。"),
)
CONTEXT_CHARS = 8
STOCK_ROWS = ("rules", "normative")  # table 二 rows with a 现行有效件数 stock (2021 format)
STOCK, HINT = "in_force", "public_total"  # the stock column; the 2019 column offered as a hint
_CN_DIGITS = "〇一二三四五六七八九"


class RollForwardError(ValueError):
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


@dataclass
class RollForwardResult:
    report: Report
    replacements: list[Replacement] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What the roll-forward did, for a terminal (the editor shows the same lists)."""
        out = [f"年度中的替换 {len(self.replacements)} 处："] if self.replacements else []
        out += [f"  {r.where}：「{r.before}」→「{r.after}」" for r in self.replacements]
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
            "losses": [x.__dict__ for x in self.losses],
            "notes": self.notes,
        }


def roll_forward(
    last: Report, year: int | None = None, source: Literal["giedit", "import"] = "giedit"
) -> RollForwardResult:
    """This year's draft from last year's report. ``source`` says where last year's figures come
    from: a giedit file, or an import of a published report (T2-E4 then only warns)."""
    new_year = last.year + 1 if year is None else year
    if not MIN_YEAR <= new_year <= MAX_YEAR:
        raise RollForwardError(f"报告年度 {new_year} 不在支持范围内（{MIN_YEAR} 年及以后）。")
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
        pieces: list[str] = []
        pos = 0
        for m in pattern.finditer(text):
            a, b = max(0, m.start() - CONTEXT_CHARS), min(len(text), m.end() + CONTEXT_CHARS)
            before = text[a:b]
            after = text[a : m.start()] + replacement + text[m.end() : b]
            self.result.replacements.append(Replacement(where, before, after))
            pieces.append(text[pos : m.start()] + replacement)
            pos = m.end()
        return "".join(pieces) + text[pos:] if pieces else text

    def paragraphs(self, where: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
        return [
            Paragraph(level=p.level, text=self.line(f"{where}第{n}段", p.text))
            for n, p in enumerate(paragraphs, 1)
        ]

    def note_basis(self) -> None:
        if self.needs_citation and not self.cited:
            self.result.notes.append(
                f"前言没有引用新格式的依据，请写明依据{self.fmt.name}（{self.fmt.basis}）"
            )


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
    """五 is not copied (spec §7.1): last year's problems become the prompt for their follow-up."""
    out = [Paragraph(level=level, text=t) for level, t in PROBLEMS_TEMPLATE]
    quoted = [Paragraph(text=p.text) for p in old.paragraphs if p.text.strip()]
    if not quoted:
        out[1] = Paragraph(text=f"{TODO}请写明上年报告所列问题的整改情况。")
    return out[:2] + quoted + out[2:]


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
    """Table 三: this year's carry-in row := last year's carry-out row, column by column."""
    layout = fmt.layout("requests")
    into, source = layout.row("carried_in"), layout.row("carried_out")
    for col in into.columns:
        src = source.cell_id(col.id)
        value = last.cells.get(src)
        n = number_of(value, CellKind.COUNT)
        if n is None:
            result.losses.append(
                Loss(
                    into.cell_id(col.id),
                    fmt.cells[into.cell_id(col.id)].describe(),
                    _show(value),
                    f"上年报告“{source.label}”这一格为空或不是有效数字，未结转，请填写",
                )
            )
            continue
        report.cells[into.cell_id(col.id)] = int(n)


def _carry_baseline(
    last: Report, report: Report, fmt: Format, source: Literal["giedit", "import"], result: RollForwardResult
) -> None:
    """The baseline of T1-W1/W2 from last year's stock column (2021 format only). A 2019-format
    report has no stock: its public-total column counts something else, so it is offered
    as a hint and the baseline is left for the clerk to confirm."""
    stock = [fmt.cells.get(f"active.{row}.{STOCK}") for row in STOCK_ROWS]
    if any(c is None for c in stock):
        return  # the new format keeps no stock
    label = stock[0].column.label  # type: ignore[union-attr]
    old = last.definition.cells
    if f"active.{STOCK_ROWS[0]}.{STOCK}" not in old:
        hints = [old.get(f"active.{row}.{HINT}") for row in STOCK_ROWS]
        shown = "、".join(f"{c.row.label} {_show(last.cells.get(c.id))}" for c in hints if c is not None)
        hint_label = next((c.column.label for c in hints if c is not None), "")
        report.baseline_in_force = dict.fromkeys(STOCK_ROWS, None)
        report.baseline_source = None
        result.notes.append(
            f"上年报告使用{last.definition.name}，没有“{label}”，上年末{label}需由您确认后填写"
            + (f"（上年“{hint_label}”为 {shown}，统计口径不同，仅供参考）" if shown else "")
        )
        return
    baseline: dict[str, int | None] = {}
    for row, cell in zip(STOCK_ROWS, stock, strict=True):
        n = number_of(last.cells.get(f"active.{row}.{STOCK}"), CellKind.COUNT)
        baseline[row] = int(n) if n is not None else None
        if n is None:
            result.notes.append(f"上年报告“{cell.row.label}”的{label}为空，上年末{label}需由您确认")  # type: ignore[union-attr]
    report.baseline_in_force = baseline
    report.baseline_source = source


def _list_losses(last: Report, fmt: Format, result: RollForwardResult) -> None:
    """Every filled cell of last year's format with no place in the new one (spec §7.1, §7.3)."""
    old = last.definition
    for cid, cell in old.cells.items():
        if cid in fmt.cells:
            continue
        value = last.cells.get(cid)
        if is_blank(value):
            continue
        title = old.section(old.table(cell.table).section).title
        result.losses.append(
            Loss(
                cid,
                f"{title} {cell.describe()}",
                _show(value),
                f"{fmt.name}没有这一栏，无法结转（仍保存在上年数据中）",
            )
        )


def _show(value: CellValue) -> str:
    if is_blank(value):
        return "（空）"
    if isinstance(value, Money):
        amount = value.amount
        return (format_amount(amount) if isinstance(amount, int | float) else str(amount)) + (
            value.unit or ""
        )
    return str(value)
