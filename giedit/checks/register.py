"""Table 三 and the application register it was computed from (issue 19).

T2-W4: a computed cell no longer says what the register gave. T2-W5: register rows could not be
counted (an unknown applicant type or result, an unreadable date…), so their applications are
missing from the table. Both are giedit's own rules, numbered on in the T2-W family of spec §8
(table 三's warnings); the clerk recomputes, or accepts with a reason (the ordinary dismissal of a
warning, kept in the file)."""

from __future__ import annotations

from collections.abc import Iterator

from giedit.checks.engine import Context, Finding, Severity, fmt_num, rule
from giedit.model.register import RECEIVED_NEW, TABLE, TOTAL, parse_ranges, row_numbers
from giedit.model.rule_ids import T2_W4, T2_W5

SHOWN_ROWS = 12  # row numbers a message quotes before it says 等


@rule(T2_W4, Severity.WARNING)
def differs_from_register(ctx: Context) -> Iterator[Finding]:
    """A register-computed input cell of table 三 changed by hand; totals follow their parts and
    are not named again."""
    link = ctx.report.register_link
    if link is None:
        return
    for cid, expected in link.computed.items():
        if cid not in ctx.fmt.cells or cid in ctx.fmt.computed_cells:
            continue
        now = ctx.num(cid)
        if now == expected:
            continue
        shown = "空白" if now is None else fmt_num(now)
        rows = parse_ranges(link.rows.get(cid, ""))
        source = f"（台账{row_numbers(rows, SHOWN_ROWS)}）" if rows else "（台账中没有这类申请）"
        yield ctx.find(
            [cid],
            f"{ctx.label(cid)} 为 {shown}，与台账计算结果 {expected} 不符{source}。"
            "请重新从台账计算，或说明理由后忽略",
        )


@rule(T2_W5, Severity.WARNING)
def register_rows_left_out(ctx: Context) -> Iterator[Finding]:
    """Register rows that could not be counted when the table was computed: the table lacks their
    applications, and the report must not be published as if it were complete."""
    link = ctx.report.register_link
    rows = parse_ranges(link.unresolved) if link is not None else []
    if not rows:
        return
    cid = f"{TABLE}.{RECEIVED_NEW}.{TOTAL}"
    yield ctx.find(
        [cid],
        f"{ctx.table_title(TABLE)}少计了 {len(rows)} 件申请：台账{row_numbers(rows, SHOWN_ROWS)}未能计入。"
        "请在“从台账计算…”中改正台账或指定写法后重新计算，或说明理由后忽略",
    )
