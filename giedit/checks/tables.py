"""Rules on the statutory tables (spec §8.1–§8.5 and §8.7).

The sum rules are generated from the format definitions' relations; the rules below them read
cells by id. Cross-year rules read ``report.previous`` (kept in the file by roll-forward).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import partial

from giedit.checks.engine import (
    Context,
    Finding,
    Severity,
    blank,
    failing,
    fmt_num,
    money_unit,
    relation_message,
    rule,
)
from giedit.model.bounds import MAX_AMOUNT, MAX_COUNT, year_problem
from giedit.model.formats import FORMATS
from giedit.model.report import BodyKind
from giedit.model.rule_ids import (
    F_E1,
    F_E2,
    G_E1,
    G_E2,
    G_E3,
    G_W2,
    T1_W1,
    T1_W2,
    T1_W3,
    T1_W4,
    T1_W5,
    T1_W6,
    T1A_E1,
    T1A_W1,
    T1A_W2,
    T1A_W3,
    T1A_W4,
    T1A_W5,
    T1A_W6,
    T2_E2,
    T2_E4,
    T2_W1,
    T2_W2,
    T2_W3,
    T3_W1,
)
from giedit.model.schema import CarryOver, CellKind
from giedit.model.text import clip
from giedit.model.totals import compute_totals
from giedit.model.values import MAX_DECIMALS, Money, show_value

# -- every table (§8.1) -------------------------------------------------------------------------


TOTAL_HINT = "合计由各项自动相加：请填写各项，或按 F9 重新计算合计"


@rule(G_E1, Severity.ERROR)
def all_filled(ctx: Context) -> Iterator[Finding]:
    """Every data cell is filled; blank is not 0. One finding per table listing its blank input
    cells, and one listing its blank totals that 「重算合计」 would fill (their parts hold numbers):
    a total cannot be typed, so 「没有数字请填0」 would send the clerk to a cell that refuses it.
    A blank total whose parts are all blank is not listed: filling the parts fills it."""
    sums = compute_totals(ctx.report)
    computed = ctx.fmt.computed_cells
    for table in ctx.fmt.tables:
        empty = [c.id for c in ctx.fmt.layout(table.id).cells if blank(ctx, c.id)]
        inputs = [c for c in empty if c not in computed]
        totals = [c for c in empty if c in computed and sums.get(c) is not None]
        for cells, what in ((inputs, "未填写（没有数字请填0）"), (totals, f"为空。{TOTAL_HINT}")):
            if cells:
                names = "、".join(ctx.label(c) for c in cells[:3])
                more = f"等{len(cells)}个单元格" if len(cells) > 3 else ""
                yield ctx.find(cells, f"{ctx.table_title(table.id)}：{names}{more}{what}")


def _out_of_bounds(v: object, limit: int) -> str | None:
    """Why a number is no figure at all (not finite, or beyond ``limit``), or ``None``."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    if isinstance(v, float) and not math.isfinite(v):
        return "不是有效的数字"
    if abs(v) > limit:
        return f"超出合理范围（不超过 {limit}），请核对"
    return None


@rule(G_E2, Severity.ERROR)
def counts_are_integers(ctx: Context) -> Iterator[Finding]:
    """Count cells hold integers >= 0 (at most 10^9); signed cells (2019 ``change``) any integer."""
    for cid, c in ctx.fmt.cells.items():
        if c.kind is CellKind.MONEY or blank(ctx, cid) or ctx.num(cid) is not None:
            continue
        v = ctx.value(cid)
        whole = isinstance(v, int) or (isinstance(v, float) and v.is_integer())
        if bad := _out_of_bounds(v, MAX_COUNT):
            why = bad
        elif whole and not isinstance(v, bool) and v < 0:
            why = "不能为负数"
        else:
            why = "应为整数" if c.kind is CellKind.SIGNED else "应为0或正整数"
        yield ctx.find([cid], f"{ctx.table_title(c.table)} {c.describe()}：「{_show(v)}」{why}")


@rule(G_E3, Severity.ERROR)
def money_is_decimal(ctx: Context) -> Iterator[Finding]:
    """Money cells hold decimals >= 0 with at most four decimals."""
    for cid, c in ctx.fmt.cells.items():
        if c.kind is not CellKind.MONEY or blank(ctx, cid):
            continue
        v = ctx.value(cid)
        amount = v.amount if isinstance(v, Money) else v
        n = ctx.num(cid)
        if n is None:
            why = _out_of_bounds(amount, MAX_AMOUNT) or "不是有效金额（应为0或正数）"
            yield ctx.find([cid], f"{ctx.table_title(c.table)} {c.describe()}：「{_show(amount)}」{why}")
        elif round(n, MAX_DECIMALS) != n:
            yield ctx.find(
                [cid], f"{ctx.table_title(c.table)} {c.describe()}：金额最多保留{MAX_DECIMALS}位小数"
            )


@rule(G_W2, Severity.WARNING, formats=("2019",))
def money_has_unit(ctx: Context) -> Iterator[Finding]:
    """A non-zero 2019 procurement amount needs its unit (元 or 万元)."""
    for cid, c in ctx.fmt.cells.items():
        if (
            c.kind is CellKind.MONEY
            and c.column.unit is None
            and (ctx.num(cid) or 0) > 0
            and not money_unit(ctx.value(cid))
        ):
            yield ctx.find(
                [cid],
                f"{c.describe()} 为 {fmt_num(ctx.num(cid) or 0)}，但未注明单位（元或万元），请确认",
            )


def _show(v: object) -> str:
    """A value as the clerk would recognise it; absurd numbers short (1e+300, not 301 digits)."""
    if isinstance(v, float) and (not math.isfinite(v) or abs(v) >= 1e15):
        return repr(v)
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10**24:
        digits = str(abs(v))  # no float: 10**400 would overflow one
        return f"{'-' if v < 0 else ''}{digits[:6]}…（共 {len(digits)} 位）"
    return clip(show_value(v) if not isinstance(v, bool) else str(v), 40)  # type: ignore[arg-type]


# -- the sum relations of the format definitions (T2-E1/E2/E3, T3-E1/E2/E3) ----------------------


def _relations(rule_id: str, ctx: Context) -> Iterator[Finding]:
    for rel in ctx.fmt.relations:
        if rel.rule == rule_id and failing(ctx, rel):
            yield ctx.find(rel.cells, relation_message(ctx, rel))


for _id in sorted({r.rule for f in FORMATS.values() for r in f.relations}):
    _func = partial(_relations, _id)
    _func.__doc__ = f"Sum relation {_id}, generated from the format definitions."
    rule(_id, Severity.ERROR)(_func)


# -- table 二, 2019 format (§8.2) -----------------------------------------------------------------

ITEM_ROWS_2019 = ("licensing", "other_services", "penalty", "enforcement", "fees")


@rule(T1A_E1, Severity.ERROR, formats=("2019",))
def items_not_negative(ctx: Context) -> Iterator[Finding]:
    """``prev_items + change >= 0`` for each row of blocks （五）（六）（八）."""
    for row in ITEM_ROWS_2019:
        prev, change = f"active.{row}.prev_items", f"active.{row}.change"
        nums = ctx.nums((prev, change))
        if nums and sum(nums) < 0:
            p, c = ctx.cell(prev), ctx.cell(change)
            yield ctx.find(
                [prev, change],
                f"{p.row.label}：{p.column.label} {nums[0]} 加{c.column.label} {nums[1]} 小于0，项目数不能为负",
            )


@rule(T1A_W1, Severity.WARNING, formats=("2019",))
def items_continue(ctx: Context) -> Iterator[Finding]:
    """Cross-year: this year's ``prev_items`` = last year's ``prev_items + change``."""
    for row in ITEM_ROWS_2019:
        prev, change = f"active.{row}.prev_items", f"active.{row}.change"
        now, p0, d0 = ctx.num(prev), ctx.prev_num(prev), ctx.prev_num(change)
        if None not in (now, p0, d0) and now != p0 + d0:
            c = ctx.cell(prev)
            yield ctx.find(
                [prev],
                f"{c.row.label}：{c.column.label} {now} 与上年报告（{p0} {d0:+d} = {p0 + d0}）不一致",
            )


@rule(T1A_W2, Severity.WARNING, formats=("2019",))
def public_total_covers_new(ctx: Context) -> Iterator[Finding]:
    """``public_total >= published`` (规章 and the normative-documents row)."""
    docs = ctx.fmt.documents
    for row in docs.rows:
        pub, tot = f"active.{row}.{docs.published}", f"active.{row}.{docs.public_total}"
        nums = ctx.nums((pub, tot))
        if nums and nums[1] < nums[0]:
            t, p = ctx.cell(tot), ctx.cell(pub)
            yield ctx.find(
                [tot, pub],
                f"{t.row.label}：{t.column.label} {nums[1]} 小于{p.column.label} {nums[0]}",
            )


@rule(T1A_W3, Severity.WARNING, formats=("2019",))
def published_within_made(ctx: Context) -> Iterator[Finding]:
    """``published <= made`` (informational: older documents may be published this year)."""
    docs = ctx.fmt.documents
    for row in docs.rows:
        made, pub = f"active.{row}.{docs.made}", f"active.{row}.{docs.published}"
        nums = ctx.nums((made, pub))
        if nums and nums[1] > nums[0]:
            p, m = ctx.cell(pub), ctx.cell(made)
            yield ctx.find(
                [pub, made],
                f"{p.row.label}：{p.column.label} {nums[1]} 大于{m.column.label} {nums[0]}（若含往年制作的文件可忽略）",
            )


@rule(T1A_W4, Severity.WARNING, formats=("2019",))
def public_total_grows(ctx: Context) -> Iterator[Finding]:
    """Cross-year: ``public_total`` does not shrink from last year (informational)."""
    docs = ctx.fmt.documents
    for row in docs.rows:
        tot = f"active.{row}.{docs.public_total}"
        now, before = ctx.num(tot), ctx.prev_num(tot)
        if now is not None and before is not None and now < before:
            c = ctx.cell(tot)
            yield ctx.find([tot], f"{c.row.label}：{c.column.label} {now} 少于上年的 {before}")


@rule(T1A_W5, Severity.WARNING, formats=("2019",))
def procurement_both_or_none(ctx: Context) -> Iterator[Finding]:
    """（九）: ``projects = 0`` exactly when ``amount = 0``."""
    n, amt = "active.procurement.projects", "active.procurement.amount"
    nums = ctx.nums((n, amt))
    if nums and (nums[0] == 0) != (nums[1] == 0):
        c, a = ctx.cell(n), ctx.cell(amt)
        yield ctx.find(
            [n, amt],
            f"{c.row.label}：{c.column.label} {nums[0]} 与{a.column.label} {fmt_num(nums[1])} 不匹配（一个为0，另一个不为0）",
        )


NO_RULE_MAKING = {
    BodyKind.TOWNSHIP,
    BodyKind.TOWN,
    BodyKind.SUBDISTRICT,
    BodyKind.COUNTY_GOVERNMENT,
    BodyKind.DEPARTMENT,
}


def _rules_row_nonzero(ctx: Context) -> Iterator[Finding]:
    if ctx.report.body.kind not in NO_RULE_MAKING:
        return
    row = ctx.fmt.layout("active").row("rules")
    nonzero = [c for c in row.cell_ids if (ctx.num(c) or 0) != 0]
    if nonzero:
        yield ctx.find(
            nonzero,
            f"{row.label}行有非零数字，但{ctx.report.body.kind}无权制定{row.label}（只有省级和设区的市、自治州人民政府可以制定），请核对是否应填0",
        )


@rule(T1A_W6, Severity.WARNING, formats=("2019",))
def rules_row_2019(ctx: Context) -> Iterator[Finding]:
    """规章 row non-zero for a body that cannot make 规章."""
    yield from _rules_row_nonzero(ctx)


# -- table 二, 2021 format (§8.3) -----------------------------------------------------------------


def _baseline_rows(ctx: Context) -> Iterator[tuple[str, int, int, int, int | None]]:
    """(row, issued, repealed, in_force, baseline) for both document rows where all are numbers."""
    docs = ctx.fmt.documents
    for row in docs.rows:
        nums = ctx.nums(f"active.{row}.{c}" for c in (docs.made, docs.removed, docs.stock))
        if nums:
            base = ctx.report.baseline_in_force.get(row)
            yield row, int(nums[0]), int(nums[1]), int(nums[2]), base


@rule(T1_W1, Severity.WARNING, formats=("2021",))
def repealed_within_stock(ctx: Context) -> Iterator[Finding]:
    """``repealed <= baseline + issued``; an error when the baseline is giedit's own."""
    for row, issued, repealed, _, base in _baseline_rows(ctx):
        if base is not None and repealed > base + issued:
            f = ctx.find(
                [f"active.{row}.{ctx.fmt.documents.removed}"],
                f"{ctx.cell(f'active.{row}.{ctx.fmt.documents.removed}').row.label}：本年废止 {repealed} 件，多于上年末现行有效 {base} 件与本年制发 {issued} 件之和",
            )
            if ctx.report.baseline_source == "giedit":
                f = Finding(f.rule, Severity.ERROR, f.cells, f.message)
            yield f


@rule(T1_W2, Severity.WARNING, formats=("2021",))
def stock_flow(ctx: Context) -> Iterator[Finding]:
    """Cross-year stock and flow: ``in_force = baseline + issued − repealed``."""
    for row, issued, repealed, in_force, base in _baseline_rows(ctx):
        if base is not None and in_force != base + issued - repealed:
            label = ctx.cell(f"active.{row}.{ctx.fmt.documents.stock}").row.label
            yield ctx.find(
                [f"active.{row}.{ctx.fmt.documents.stock}"],
                f"{label}：现行有效 {in_force} 件，但上年末 {base} + 本年制发 {issued} − 本年废止 {repealed} = {base + issued - repealed}",
            )


@rule(T1_W3, Severity.WARNING, formats=("2021",))
def stock_sanity(ctx: Context) -> Iterator[Finding]:
    """``in_force >= issued − repealed`` when the baseline is unknown."""
    for row, issued, repealed, in_force, base in _baseline_rows(ctx):
        if base is None and in_force < issued - repealed:
            label = ctx.cell(f"active.{row}.{ctx.fmt.documents.stock}").row.label
            yield ctx.find(
                [f"active.{row}.{ctx.fmt.documents.stock}"],
                f"{label}：现行有效 {in_force} 件，少于本年制发减废止的 {issued - repealed} 件",
            )


FEE_LIMITS = {BodyKind.TOWNSHIP: 1000, BodyKind.TOWN: 1000, BodyKind.SUBDISTRICT: 1000}


@rule(T1_W4, Severity.WARNING, formats=("2021",))
def fee_plausible(ctx: Context) -> Iterator[Finding]:
    """Fee amount implausibly large (> 1000 万元 for a township, > 100000 otherwise): entered in 元?"""
    cid = "active.fees.fee_amount"
    amount = ctx.num(cid)
    limit = FEE_LIMITS.get(ctx.report.body.kind, 100000) if ctx.report.body.kind else 1000
    if amount is not None and amount > limit:
        yield ctx.find(
            [cid],
            f"{ctx.label(cid)}为 {fmt_num(amount)}，数额异常偏大，是否误按“元”填写？单位应为万元",
        )


@rule(T1_W5, Severity.WARNING, formats=("2021",))
def decisions_jump(ctx: Context) -> Iterator[Finding]:
    """``decisions`` changed more than tenfold from last year's (either format)."""
    for row in ("licensing", "penalty", "enforcement"):
        cid = f"active.{row}.decisions"
        now, before = ctx.num(cid), ctx.prev_num(cid)
        if now is None or before is None:
            continue
        lo, hi = sorted((now, before))
        if hi > 10 * max(lo, 1) and hi >= 10:
            yield ctx.find([cid], f"{ctx.label(cid)} {now}，与上年的 {before} 相差十倍以上，请核对")


@rule(T1_W6, Severity.WARNING, formats=("2021",))
def rules_row_2021(ctx: Context) -> Iterator[Finding]:
    """规章 row non-zero for a body that cannot make 规章."""
    yield from _rules_row_nonzero(ctx)


# -- table 三 (§8.4) -----------------------------------------------------------------------------


def _carry(ctx: Context) -> CarryOver:
    """Table 三's carry-over (spec §7): this year's 二 is last year's 四."""
    (carry,) = ctx.fmt.table("requests").carries
    return carry


@rule(T2_E4, Severity.ERROR)
def carry_over(ctx: Context) -> Iterator[Finding]:
    """``carried_in`` = last year's ``carried_out``, per column (W when last year was imported):
    the carry-over the format declares for table 三."""
    prev = ctx.report.previous
    if prev is None:
        return
    carry = _carry(ctx)
    row, source = ctx.fmt.layout("requests").row(carry.target), ctx.fmt.layout("requests").row(carry.source)
    for col in row.columns:
        cid, src = row.cell_id(col.id), source.cell_id(col.id)
        now, before = ctx.num(cid), ctx.prev_num(src)
        if now is None or before is None or now == before:
            continue
        f = ctx.find(
            [cid],
            f"{row.label}「{col.label}」为 {now}，但上年报告“{ctx.cell(src).row.label}”为 {before}，两者应相等",
        )
        if prev.source == "import":
            f = Finding(f.rule, Severity.WARNING, f.cells, f.message + "（上年数据来自导入，仅作提醒）")
        yield f


@rule(T2_W1, Severity.WARNING)
def carry_in_first_year(ctx: Context) -> Iterator[Finding]:
    """二 > 0 while giedit has no report of the previous year for this body: ask to confirm."""
    carry = _carry(ctx)
    cid = f"requests.{carry.target}.total"
    if ctx.report.previous is None and (ctx.num(cid) or 0) > 0:
        out = ctx.cell(f"requests.{carry.source}.total").row.label
        yield ctx.find(
            [cid],
            f"{ctx.label(cid)} 为 {ctx.num(cid)}，但没有上年报告可以核对，请确认与上年报告的“{out}”一致",
        )


@rule(T2_W2, Severity.WARNING)
def carry_out_large(ctx: Context) -> Iterator[Finding]:
    """四 large relative to 一 (more than half of a year's intake carried over): informational."""
    carry = _carry(ctx)
    carried_out, carried_in = f"requests.{carry.source}.total", f"requests.{carry.target}.total"
    out, new = ctx.num(carried_out), ctx.num("requests.new.total")
    if out is not None and new is not None and out > 0 and out * 2 > new + (ctx.num(carried_in) or 0):
        yield ctx.find(
            [carried_out],
            f"{ctx.label(carried_out)} 为 {out}，超过本年受理的一半；答复期限一般为20个工作日，通常只有12月收到的申请才结转，请核对",
        )


@rule(T2_W3, Severity.WARNING)
def counted_once(ctx: Context) -> Iterator[Finding]:
    """When the outcome total disagrees with its parts and ``partial`` is used: count each once."""
    partial_total = ctx.num("requests.partial.total") or 0
    broken = [r for r in ctx.fmt.relations if r.rule == T2_E2 and failing(ctx, r)]
    if broken and partial_total > 0:
        total, part = ctx.cell("requests.total.total").row.label, ctx.cell("requests.partial.total").row.label
        yield ctx.find(
            ["requests.partial.total"],
            f"{total}与各项之和不符：部分公开的申请只计入“{part}”一项，不要在其他办理结果中重复统计",
        )


# -- table 四 (§8.5) -----------------------------------------------------------------------------


@rule(T3_W1, Severity.WARNING)
def appeals_without_requests(ctx: Context) -> Iterator[Finding]:
    """Review or litigation cases while no application was received this year or last year."""
    totals = [f"appeals.cases.{g}_total" for g in ("review", "direct_suit", "suit_after_review")]
    cases = sum(ctx.num(c) or 0 for c in totals)
    received = (ctx.num("requests.new.total") or 0) + (ctx.num("requests.carried_in.total") or 0)
    last = ctx.prev_num("requests.new.total") or 0
    if cases > 0 and received == 0 and last == 0:
        yield ctx.find(
            totals,
            f"有行政复议或行政诉讼 {cases} 件，但本年和上年都没有收到政府信息公开申请，请核对（主动公开引起的争议除外）",
        )


# -- format version (§8.7) -----------------------------------------------------------------------


@rule(F_E1, Severity.ERROR)
def format_for_year_rule(ctx: Context) -> Iterator[Finding]:
    """The report uses the format in force for its year (override with a reason for old files).
    A year no format covers is F-E2's, not a question of format."""
    if year_problem(ctx.report.year) is None and not ctx.fmt.applies_to(ctx.report.year):
        yield ctx.find(
            [],
            f"{ctx.report.year}年度报告应使用{_format_name(ctx.report.year)}，本报告使用的是{ctx.fmt.name}",
        )


@rule(F_E2, Severity.ERROR)
def year_in_range(ctx: Context) -> Iterator[Finding]:
    """The report year lies within 2019–2100, the years the statutory formats cover."""
    if problem := year_problem(ctx.report.year):
        yield ctx.find([], f"{problem}，请在“基本信息”中改为正确的报告年度")


def _format_name(year: int) -> str:
    from giedit.model.formats import format_for_year

    return format_for_year(year).name
