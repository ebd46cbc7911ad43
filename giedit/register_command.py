"""``giedit register``: table 三 counted from the application register, and the register template.

    giedit register 台账.xlsx --year 2025 -o 2025.giedit       a new report with table 三 filled
    giedit register 台账.xlsx --into 2025.giedit                fill table 三 of an existing report
    giedit register --template -o 台账模板.xlsx                 a clean register for next year

Exit 0 when every register row was counted (or belongs to another year), 1 while any row is
unresolved (the table is written from the rows that could be counted, and the others are listed
by row number), 2 when the register or the report cannot be read or written, or when the register
has applications but none received or answered in the report year (last year's register or
sheet, most likely; ``--confirm-year`` counts it anyway); on 2 nothing is written. A report filled before keeps the clerk's readings of unknown values and the columns
chosen in the editor, so a recount reads the register the same way.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from giedit.cli_output import err, free_output
from giedit.model.bounds import FIRST_YEAR, LAST_YEAR

EXIT_OK, EXIT_UNRESOLVED, EXIT_UNREADABLE = 0, 1, 2


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``register`` subcommand's arguments."""
    r = sub.add_parser("register", help="从依申请公开登记台账计算表三；或生成台账模板", add_help=False)
    r.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    r.add_argument(
        "file", nargs="?", metavar="台账", help="台账文件：.xlsx 或 .csv（.xls/.et 需安装 LibreOffice）"
    )
    r.add_argument("--year", type=int, metavar="年度", help="报告年度；用 --into 时默认为该报告的年度")
    r.add_argument("--into", metavar="报告", help="把表三填入这个已有的 .giedit 报告")
    r.add_argument(
        "-o", "--output", metavar="文件", help="新建的 .giedit 报告；与 --template 同用时为模板文件"
    )
    r.add_argument("--sheet", metavar="工作表", help="台账所在的工作表名称（默认自动查找）")
    r.add_argument(
        "--keep-duplicates", action="store_true", help="疑似重复登记的行照常计入（已核实是不同申请）"
    )
    r.add_argument(
        "--confirm-year",
        action="store_true",
        help="台账中没有本年度收到或办结的申请时仍然计算（已核实没有选错台账或工作表）",
    )
    r.add_argument("--template", action="store_true", help="生成空白台账模板（.xlsx，带下拉列表）")
    r.add_argument("--json", action="store_true", help="以 JSON 输出计算结果")


def run(args: argparse.Namespace) -> int:
    if args.template:
        return _template(args)
    if not args.file:
        err("请指定台账文件，例如：giedit register 台账.xlsx --year 2025 -o 2025.giedit")
        return EXIT_UNREADABLE
    if (args.into is None) == (args.output is None):
        err("请用 --into 指定要填入的报告，或用 -o 指定要新建的报告文件（二者选一）。")
        return EXIT_UNREADABLE
    return _compute(args)


def _template(args: argparse.Namespace) -> int:
    from giedit.export.register_template import write_template
    from giedit.model.oserrors import reason

    if not args.output:
        err("请用 -o 指定模板文件，例如：giedit register --template -o 台账模板.xlsx")
        return EXIT_UNREADABLE
    out = free_output(args.output)
    if out is None:
        return EXIT_UNREADABLE
    try:
        write_template(out, args.year)
    except OSError as problem:
        err(f"无法写入「{out.name}」（{reason(problem)}）。")
        return EXIT_UNREADABLE
    print(f"已生成台账模板：{out}")
    return EXIT_OK


def _compute(args: argparse.Namespace) -> int:
    from giedit.importers.register_reader import read_register
    from giedit.model.register import FIELD_TITLES, ValueMap
    from giedit.model.register_counts import count
    from giedit.model.register_link import fill_from_register, link_for
    from giedit.model.report import new_report
    from giedit.model.storage import load, save

    if args.into is not None:
        target = Path(args.into)
        report = load(target)
        if args.year is not None and args.year != report.year:
            err(f"报告「{target.name}」是 {report.year} 年度的，与 --year {args.year} 不符。")
            return EXIT_UNREADABLE
    else:
        if args.year is None:
            err("请用 --year 指定报告年度。")
            return EXIT_UNREADABLE
        if not FIRST_YEAR <= args.year <= LAST_YEAR:
            err(f"报告年度 {args.year} 不在支持范围内（{FIRST_YEAR} 年及以后）。")
            return EXIT_UNREADABLE
        free = free_output(args.output)
        if free is None:
            return EXIT_UNREADABLE
        target, report = free, new_report(args.year)
    before = report.register_link
    same_file = before is not None and Path(before.path) == Path(args.file).resolve()
    values = ValueMap.from_dict(before.values) if before else ValueMap.empty()
    sheet_name = args.sheet or (before.sheet if same_file and before else None)
    sheet = read_register(args.file, sheet_name, before.columns if before else None, report.year)
    if sheet.missing:
        wanted = "、".join(f"“{FIELD_TITLES[f]}”" for f in sheet.missing)
        seen = "、".join(h for h in sheet.headers if h)
        saw = f"第 {sheet.header_row} 行的表头是：{seen}" if seen else "前几行中没有像表头的一行"
        usual = "、".join(FIELD_TITLES[f] for f in sheet.missing)
        err(
            f"{sheet.title()}中找不到{wanted}列（{saw}）。"
            f"请把表头改为常用名称（{usual}），或在编辑器中用“从台账计算”指定各列。"
        )
        return EXIT_UNREADABLE
    keep = args.keep_duplicates or bool(before and before.keep_duplicates)
    tally = count(sheet.entries(), report.definition, report.year, values, keep)
    if tally.wrong_year and not args.confirm_year:
        err(
            f"{sheet.title()}：{tally.wrong_year_message()}"
            f"（共 {tally.total_rows} 行申请，都不是 {report.year} 年收到或办结的。）"
            "请换用正确的台账，或用 --sheet 指定工作表；核实无误时加 --confirm-year。未写入任何文件。"
        )
        return EXIT_UNREADABLE
    link = link_for(tally, args.file, sheet.sha256, sheet.sheet_name, sheet.column_texts(), values, keep)
    edit = fill_from_register(report, tally, link)
    if edit is not None:
        edit.apply(report)
    save(report, target)
    changed = same_file and before is not None and before.sha256 != sheet.sha256
    if args.json:
        print(json.dumps(_as_json(sheet, tally, report, target, changed), ensure_ascii=False, indent=1))
    else:
        print("\n".join(_lines(sheet, tally, report, target, changed)))
    return EXIT_UNRESOLVED if tally.unresolved else EXIT_OK


def _summary(tally, report) -> str:
    from giedit.model.register import CARRIED_IN, CARRIED_OUT, RECEIVED_NEW, TABLE, TOTAL

    layout = report.definition.layout(TABLE)
    rows = (layout.row(r) for r in (RECEIVED_NEW, CARRIED_IN, TOTAL, CARRIED_OUT))
    return "；".join(f"{r.label} {tally.cells[r.cell_id(TOTAL)]}" for r in rows)


def _lines(sheet, tally, report, target: Path, changed: bool) -> list[str]:
    from giedit.model.register import row_numbers
    from giedit.model.register_counts import IssueKind

    out = [
        f"台账{sheet.title()}（表头在第 {sheet.header_row} 行）："
        f"共 {tally.total_rows} 行申请，计入 {report.year} 年度 {tally.counted} 行。",
    ]
    if changed:
        out.append("台账自上次计算后已修改，已按新内容重新计算。")
    out.append(_summary(tally, report))
    unresolved = tally.unresolved
    if unresolved:
        out.append(
            f"有 {len(tally.unresolved_rows)} 行未能计入（请改正台账，或在编辑器中指定其含义后重新计算）："
        )
        out.extend(f"  {i.message}" for i in unresolved)
    out.extend(i.message for i in tally.of_kind(IssueKind.SUMMARY_ROW))
    other = [i.row for i in tally.of_kind(IssueKind.OTHER_YEAR)]
    if other:
        out.append(f"不属于 {report.year} 年度的申请 {len(other)} 行（未计入）：{row_numbers(other, 40)}")
    out.append(f"已写入：{target}")
    return out


def _as_json(sheet, tally, report, target: Path, changed: bool) -> dict[str, object]:
    from giedit.model.register_counts import IssueKind

    return {
        "register": str(sheet.path),
        "sheet": sheet.name,
        "header_row": sheet.header_row,
        "sha256": sheet.sha256,
        "changed_since_last": changed,
        "year": report.year,
        "format": report.format,
        "rows": tally.total_rows,
        "counted": tally.counted,
        "unresolved": [i.as_json() for i in tally.unresolved],
        "other_years": [i.as_json() for i in tally.of_kind(IssueKind.OTHER_YEAR)],
        "skipped": [i.as_json() for i in tally.of_kind(IssueKind.SUMMARY_ROW)],
        "cells": tally.cells,
        "output": str(target),
    }
