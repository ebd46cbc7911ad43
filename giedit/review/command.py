"""``giedit review FOLDER -o 审核结果.xlsx``: the county's review from a terminal.

Exit 0 when every unit is clean, 1 when a unit has errors, cannot be read or is missing from
the folder, 2 when the review could not run (or was stopped: what was done is written and said).
A progress bar is drawn only when stderr is a terminal; ``--json`` prints exactly the result's
JSON on stdout and everything else goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the review's modules load when it runs, not when the CLI builds its parser
    from giedit.review.result import ReviewResult

from giedit.model.deadline import DEFAULT_DEADLINE as _MONTH_DAY
from giedit.review.office import DEFAULT_OFFICE

DEFAULT_DEADLINE = f"{_MONTH_DAY[0]}-{_MONTH_DAY[1]}"  # --deadline as typed: model.deadline's 1月31日
BAR_WIDTH = 30
REDRAW_S = 0.1


def add_parser(sub: argparse._SubParsersAction, jobs: Callable[[str], int]) -> None:
    """The ``review`` subcommand's arguments (``jobs`` parses --jobs as ``giedit check`` does)."""
    r = sub.add_parser(
        "review", help="汇总审核：检查文件夹中各单位的报告，生成审核结果和整改通知", add_help=False
    )
    r.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    r.add_argument("folder", metavar="文件夹", help="各单位报告所在的文件夹（含子文件夹）")
    r.add_argument("-o", "--output", required=True, metavar="审核结果.xlsx", help="要写入的审核结果工作簿")
    r.add_argument("--roster", metavar="名单.txt", help="应报送单位名单，每行一个单位名称")
    r.add_argument("--year", type=int, metavar="年度", help="审核的报告年度（默认：文件夹中最多的年度）")
    r.add_argument("--previous", metavar="文件夹", help="上年报告所在的文件夹，用于跨年度检查")
    r.add_argument(
        "-j", "--jobs", type=jobs, default=0, metavar="N", help="同时检查的进程数（默认 0：全部 CPU 核心）"
    )
    r.add_argument(
        "--deadline", default=DEFAULT_DEADLINE, metavar="月-日", help="发布期限（默认 1-31，即次年1月31日）"
    )
    r.add_argument(
        "--notices",
        metavar="文件夹",
        help="整改通知写入的文件夹（默认：审核结果旁的“审核结果文件名-整改通知”文件夹）",
    )
    r.add_argument(
        "--office",
        metavar="单位名称",
        help=f"整改通知的发文单位（默认：“{DEFAULT_OFFICE}”，并标注请填写全称）",
    )
    r.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")


def _deadline(text: str) -> tuple[int, int]:
    import datetime as dt

    from giedit.review.result import ReviewFailed

    try:
        month, day = (int(x) for x in text.replace("/", "-").split("-"))
        dt.date(2001, month, day)
    except ValueError:
        raise ReviewFailed(f"发布期限「{text}」无效，请写成 月-日，例如 1-31。") from None
    return month, day


def notices_folder(output: Path, notices: str | None) -> Path:
    return Path(notices) if notices else output.with_name(f"{output.stem}-整改通知")


class _Bar:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.on = stream.isatty()
        self.last = 0.0
        self.start = time.monotonic()
        self.drawn = False

    def __call__(self, done: int, total: int, phase: str) -> None:
        now = time.monotonic()
        if not self.on or (now - self.last < REDRAW_S and done < total):
            return
        self.last = now
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "█" * filled + "·" * (BAR_WIDTH - filled)
        self.stream.write(f"\r{phase} [{bar}] {done}/{total}  {now - self.start:.0f} 秒 ")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from giedit.review.crossunit import read_roster
    from giedit.review.result import EXIT_FAILED, ReviewFailed
    from giedit.review.run import review

    err = sys.stderr
    output = Path(args.output)
    bar = _Bar(err)
    try:
        deadline = _deadline(args.deadline)
        roster = None
        skip = [output, notices_folder(output, args.notices)]
        if args.roster:
            try:
                roster = read_roster(Path(args.roster).read_bytes())
            except (OSError, ValueError):
                raise ReviewFailed(
                    f"无法读取名单文件「{Path(args.roster).name}」（应为每行一个单位名称的文本文件）。"
                ) from None
            skip.append(Path(args.roster))
        from giedit.review.workbook import can_replace

        if not can_replace(output):
            raise ReviewFailed(f"文件「{output.name}」已存在且不是审核结果，为避免覆盖，请换一个文件名。")
        try:
            result = review(
                args.folder,
                roster=roster,
                year=args.year,
                previous=args.previous,
                jobs=args.jobs,
                deadline=deadline,
                skip=skip,
                progress=bar,
            )
        finally:
            bar.close()
        return _report(args, result, output)
    except ReviewFailed as e:
        print(f"giedit：{e}", file=err)
        return EXIT_FAILED
    except KeyboardInterrupt:  # a second Ctrl+C while the results were being written
        print("giedit：已中断，审核结果未写完。", file=err)
        return EXIT_FAILED


def _report(args: argparse.Namespace, result: ReviewResult, output: Path) -> int:
    from giedit.review.notices import write_notices
    from giedit.review.workbook import finding_line, write_workbook

    err = sys.stderr
    write_workbook(result, output)
    notices = write_notices(result, notices_folder(output, args.notices), office=args.office)
    out = err if args.json else sys.stdout
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        for u in result.units:
            if u.findings and u.superseded_by is None:
                print(f"{u.file}（{u.body or '未知单位'}）：{u.errors} 个错误，{u.warnings} 个提醒")
                for f in u.findings:
                    if f.severity == "error":
                        print(f"  {finding_line(f)}")
        for name in result.missing:
            print(f"未报送：{name}")
        for name, files in result.ambiguous.items():
            print(f"名单中的「{name}」可能对应多份报告，请核对：{'、'.join(files)}")
        for u in result.units:
            if u.superseded_by:
                print(f"重复报送：{u.file} 已被新版本 {u.superseded_by} 取代，未计入汇总")
        for a, b in result.copied_pairs():
            print(f"疑似重复报送：{a} 与 {b}")
        if erroneous := result.with_errors():
            print(f"注意：汇总数字含 {len(erroneous)} 个有错误的单位，其数字未经核实（见审核结果各表下方）")
    for a in result.set_aside:
        print(f"未审核：{a.path.name}：{a.reason}", file=out)
    print(result.summary(), file=out)
    if result.interrupted:
        print(
            f"已中断：只审核了 {result.done}/{result.files} 个文件，已完成部分的结果已写入；名单未核对。",
            file=err,
        )
    print(f"审核结果已写入：{output}", file=out)
    if notices:
        print(f"整改通知 {len(notices)} 份已写入：{notices[0].parent}", file=out)
    return result.exit_code
