"""The ``giedit`` command: headless commands, and the editor when started without one.

Exit codes across all files of one call: 2 (a file could not be read or written) wins over
1 (a report has errors) over 0. Messages are Chinese and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from giedit import __version__, register_command
from giedit.cli_output import err as _err
from giedit.cli_output import free_output as _free_output
from giedit.cli_parser import ChineseParser
from giedit.model.bounds import year_problem

if TYPE_CHECKING:
    from giedit.model.report import Report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
EXIT_CLOSED_PIPE = 141  # what a shell reports for a program stopped by SIGPIPE (128 + 13)
COMMANDS = ("check", "dump", "new", "import", "export", "register", "review")


def _parser() -> argparse.ArgumentParser:
    p = ChineseParser(
        prog="giedit",
        description="政府信息公开工作年度报告编辑器。不带命令运行时打开编辑窗口。",
        add_help=False,
    )
    p.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    p.add_argument("--version", action="version", version=f"giedit {__version__}", help="显示版本号并退出")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="自检：打开示例报告、检查、导出 Word 和 PDF 并校验；全部通过时退出码为 0",
    )
    sub = p.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=ChineseParser)

    c = sub.add_parser("check", help="检查报告的勾稽关系和完整性", add_help=False)
    c.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    c.add_argument("files", nargs="+", metavar="文件", help="一个或多个 .giedit 文件")
    c.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    c.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="同时检查的进程数，0 表示使用全部 CPU 核心（默认 1）；结果按文件顺序输出",
    )

    d = sub.add_parser("dump", help="以 JSON 输出报告内容", add_help=False)
    d.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    d.add_argument("file", metavar="文件", help=".giedit 文件")

    n = sub.add_parser("new", help="新建报告（空白，或用上年报告新建）", add_help=False)
    n.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    n.add_argument(
        "--year", type=int, metavar="年度", help="报告年度，例如 2025；用 --from 时默认为上年报告的下一年"
    )
    n.add_argument("--body", default="", metavar="机关名称", help="报告机关全称")
    n.add_argument("-o", "--output", required=True, metavar="文件", help="要写入的 .giedit 文件")
    n.add_argument(
        "--from",
        dest="source",
        metavar="上年报告",
        help="用上年报告新建：.giedit 文件，或已发布的报告（.docx/.doc/.wps/.pdf/网页/.txt）",
    )
    n.add_argument("--json", action="store_true", help="以 JSON 输出结转情况")

    i = sub.add_parser("import", help="导入已发布的年度报告（Word、PDF、网页或文本）", add_help=False)
    i.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    i.add_argument(
        "file", metavar="文件", help="已发布报告：.docx/.doc/.wps/.odt/.rtf/.pdf/.html/.htm/.mhtml/.txt"
    )
    i.add_argument("-o", "--output", required=True, metavar="文件", help="要写入的 .giedit 文件")
    i.add_argument("--year", type=int, metavar="年度", help="报告年度（原文没有或有误时指定）")
    i.add_argument("--body", metavar="机关名称", help="机关全称（原文没有或有误时指定）")
    i.add_argument("--json", action="store_true", help="以 JSON 输出导入情况（每个单元格的读取结果）")

    e = sub.add_parser("export", help="导出可发布的 DOCX 或 PDF", add_help=False)
    e.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    e.add_argument("file", metavar="文件", help=".giedit 文件")
    e.add_argument(
        "-o",
        "--output",
        metavar="输出文件",
        help="要写入的 .docx、.pdf 或 .html（按扩展名定格式）；不指定时在报告文件旁写出同名的 .docx 和 .pdf",
    )
    e.add_argument("--draft", action="store_true", help="导出草稿：页眉标注“草稿”，报告有错误时也导出")
    e.add_argument("--force", action="store_true", help="输出文件已存在时替换它（默认不替换）")
    register_command.add_parser(sub)

    from giedit.review.command import add_parser as add_review

    add_review(sub, _jobs)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; output cut short by a closed pipe (``giedit dump f | head -1``) ends quietly."""
    try:
        status = _main(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()  # inside the try: a pipe closed early fails here, not at interpreter exit
    except BrokenPipeError:
        # Point stdout at /dev/null so Python's own flush at exit does not complain a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_CLOSED_PIPE
    return status


def _main(args_list: list[str]) -> int:
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        if args_list and _unknown_command(args_list[0]):
            return EXIT_UNREADABLE
        return _start_editor(args_list)
    args = _parser().parse_args(args_list)
    if args.self_test:
        from giedit.selftest import run as self_test

        return self_test()
    if args.command is None:
        return _start_editor([])
    handler = {
        "check": _check,
        "dump": _dump,
        "new": _new,
        "import": _import,
        "export": _export,
        "register": register_command.run,
        "review": _review,
    }[args.command]
    from giedit.model.errors import ClerkError

    try:
        return handler(args)
    except ClerkError as err:  # every message meant for the clerk: one line, exit 2
        _err(str(err))
        return EXIT_UNREADABLE


def _unknown_command(word: str) -> bool:
    """Say so (and return True) when ``word`` is neither a command nor a file to open.

    ``giedit FILE`` opens FILE in the editor, so anything that exists, or reads like a file name
    (a suffix or a folder in it; the editor then says the file is missing), still goes there.
    A bare word such as ``frobnicate`` is a mistyped command: opening a window to say
    找不到文件 would be the wrong answer.
    """
    if os.path.lexists(word) or Path(word).suffix or os.sep in word or "/" in word:
        return False
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f"是不是要用「{close[0]}」？" if close else ""
    _err(
        f"没有「{word}」这个命令。{hint}可用的命令：{'、'.join(COMMANDS)}；"
        "giedit --help 查看说明。打开报告请给出文件路径，例如 giedit 2025.giedit。"
    )
    return True


def _display_problem() -> str | None:
    """Why the editor window cannot be shown here, or None.

    Checked before Qt is imported: without a display Qt's xcb plugin aborts the process (exit
    134) with a message about a missing xcb-cursor library, which says nothing useful to a clerk
    on a server or in an SSH session. Only Linux and the BSDs need an X11 or Wayland display;
    an explicit QT_QPA_PLATFORM other than xcb/wayland (offscreen, vnc, eglfs…) needs none.
    """
    if sys.platform in ("win32", "darwin"):
        return None
    platforms = {p.strip() for p in os.environ.get("QT_QPA_PLATFORM", "").split(";") if p.strip()}
    if platforms and not all(p.split(":")[0] in _DISPLAY_PLATFORMS for p in platforms):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "没有可用的图形界面（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开编辑窗口。"
        "请在桌面环境中启动 giedit；在服务器或远程终端中可以使用不需要窗口的命令："
        f"{'、'.join(COMMANDS)}（例如 giedit check 报告.giedit；giedit --help 查看说明）。"
    )


_DISPLAY_PLATFORMS = ("xcb", "wayland", "wayland-egl", "wayland-brcm")


def _start_editor(files: list[str]) -> int:
    """Import the Qt shell only now, so headless commands never load PySide6."""
    problem = _display_problem()
    if problem:
        _err(problem)
        return EXIT_UNREADABLE
    from giedit.ui.app import run

    return run(files)


def _load(name: str) -> Report:
    """``storage.load``; a published report (Word, PDF, web page…) given where a .giedit file is
    expected gets a FileError that points to ``giedit import``."""
    from giedit.model.storage import SUFFIX, FileError, load

    try:
        return load(name)
    except FileError as err:
        from giedit.importers import SUFFIXES  # only now: a file that failed to load

        path = Path(name)
        if path.suffix.lower() in SUFFIXES and path.is_file():
            out = _quoted_arg(str(path.with_suffix(SUFFIX)))
            raise FileError(
                f"「{path.name}」不是 giedit 报告文件。已发布的报告（Word、PDF、网页、文本）"
                f"请先导入：giedit import {_quoted_arg(name)} -o {out}"
            ) from err
        raise


_SHELL_SPECIAL = re.compile(r"[\s'\"\\$`!*?&;|<>()\[\]{}#~]")


def _quoted_arg(text: str) -> str:
    """``text`` as typed in a shell command line: quoted only when the shell would split or expand
    it (``shlex.quote`` alone would also quote every Chinese file name)."""
    import shlex

    return shlex.quote(text) if _SHELL_SPECIAL.search(text) else text


def _jobs(text: str) -> int:
    """``--jobs``: a count of worker processes, 0 for one per CPU core."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是整数") from None
    if n < 0:
        raise argparse.ArgumentTypeError("进程数不能为负数")
    return n or os.cpu_count() or 1


def _check_file(name: str) -> tuple[int, dict[str, object] | None, list[str], str | None]:
    """Check one file: (exit status, JSON result, lines to print, error message).

    A top-level function returning plain data, so that worker processes can run it for ``--jobs``.
    """
    from giedit.checks import Severity, active, check
    from giedit.model.storage import FileError

    try:
        report = _load(name)
    except FileError as err:
        return EXIT_UNREADABLE, None, [], str(err)
    findings = list(active(check(report)))
    errors = sum(f.severity is Severity.ERROR for f in findings)
    lines = [f"{name}：{errors} 个错误，{len(findings) - errors} 个提醒"]
    for f in findings:
        tag = "错误" if f.severity is Severity.ERROR else "提醒"
        lines.append(f"  [{tag} {f.rule}] {f.message}")
    result = {"file": name, "findings": [f.as_json() for f in findings]}
    return (EXIT_ERRORS if errors else EXIT_OK), result, lines, None


def _check_all(
    files: list[str], jobs: int
) -> Iterator[tuple[int, dict[str, object] | None, list[str], str | None]]:
    """The outcome for each file, in the order given; with ``jobs`` > 1 checked in worker processes.

    Checking one file takes a few milliseconds, so files go to the workers in chunks; a batch of
    a thousand reports is then limited by the cores, not by inter-process traffic.
    """
    jobs = min(jobs, len(files))
    if jobs <= 1:
        yield from map(_check_file, files)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(files) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_check_file, files, chunksize=chunk)


def _check(args: argparse.Namespace) -> int:
    status = EXIT_OK
    results = []
    for file_status, result, lines, error in _check_all(args.files, args.jobs):
        status = max(status, file_status)
        if error is not None:
            _err(error)
            continue
        results.append(result)
        if not args.json:
            print("\n".join(lines))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    return status


def _dump(args: argparse.Namespace) -> int:
    from giedit.model.dump import dump

    report = _load(args.file)
    print(json.dumps(dump(report), ensure_ascii=False, indent=1))
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from giedit.model.report import new_report
    from giedit.model.storage import save

    if args.source is not None:
        return _new_from(args)
    if args.year is None:
        _err("请用 --year 指定报告年度，或用 --from 指定上年报告。")
        return EXIT_UNREADABLE
    if problem := year_problem(args.year):
        _err(f"{problem}，无法新建。")
        return EXIT_UNREADABLE
    out = _free_output(args.output)
    if out is None:
        return EXIT_UNREADABLE
    report = new_report(args.year, args.body)
    save(report, out, exclusive=True)  # a file that appears meanwhile is not replaced either
    print(f"已新建 {args.year} 年度报告（{report.definition.name}）：{out}")
    return EXIT_OK


def _new_from(args: argparse.Namespace) -> int:
    """用上年报告新建: roll last year's report (.giedit, or a published .docx/.txt) forward."""
    from giedit.importers import NeedsYear
    from giedit.importers.start import start_from_last
    from giedit.model.storage import save

    out = _free_output(args.output)
    if out is None:
        return EXIT_UNREADABLE
    try:
        started = start_from_last(args.source, args.year, args.body or None)
    except NeedsYear as err:
        _err(f"{err}（用 --year 指定新报告的年度，上年报告即按前一年读取）")
        return EXIT_UNREADABLE
    report = started.rolled.report  # a published source is recorded in it: never an export target
    save(report, out, exclusive=True)
    if args.json:
        doc = {"output": str(out), "rollforward": started.rolled.as_json()}
        doc["import"] = started.imported.as_json() if started.imported else None
        print(json.dumps(doc, ensure_ascii=False, indent=1))
        return EXIT_OK
    if started.imported is not None:
        print("\n".join(started.imported.lines()))
    previous = report.previous.year if report.previous else ""
    print(f"已用 {previous} 年度报告新建 {report.year} 年度报告（{report.definition.name}）：{out}")
    print("\n".join(started.rolled.lines()))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    """Import a published report; exit 0 whenever a report was read, even with doubts."""
    from giedit.importers import AlreadyGiedit, NeedsYear, import_file
    from giedit.model import sources
    from giedit.model.storage import save

    out = _free_output(args.output)
    if out is None:
        return EXIT_UNREADABLE
    if args.year is not None and (problem := year_problem(args.year)):
        _err(f"{problem}。")
        return EXIT_UNREADABLE
    try:
        result = import_file(args.file, year=args.year, body=args.body or None)
        sources.record(result.report, args.file)
        save(result.report, out, exclusive=True)
    except NeedsYear as err:
        _err(f"{err}（用 --year 指定）")
        return EXIT_UNREADABLE
    except AlreadyGiedit as err:
        file = _quoted_arg(args.file)
        _err(f"{str(err).rstrip('。')}：giedit {file} 在编辑窗口中打开，giedit check {file} 检查。")
        return EXIT_UNREADABLE
    if args.json:
        print(json.dumps({"output": str(out), **result.as_json()}, ensure_ascii=False, indent=1))
    else:
        print("\n".join(result.lines()))
        print(f"已保存：{out}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    """Export to .docx, .pdf or .html; a report with errors is refused (exit 1) unless --draft. An
    existing output file is replaced only with --force (and the file the report was imported
    from is named as such). A final export lists on stderr, before writing, what may still be
    last year's content (as the editor's 导出前检查 does); it is exported all the same."""
    from giedit.checks import check
    from giedit.checks.acceptance import blocking_findings
    from giedit.checks.last_year import descriptions, last_years_content
    from giedit.checks.last_year import summary as last_year_summary
    from giedit.export import export_all, glyph_findings, output_format
    from giedit.export.targets import DEFAULT_FORMATS, export_stem
    from giedit.model import locks, sources

    report = _load(args.file)
    if args.output is None:  # as the editor's one click: beside the report, named as the editor names
        stem = export_stem(Path(args.file), report.display_title(), args.draft)
        names = [str(Path(args.file).with_name(f"{stem}.{fmt}")) for fmt in DEFAULT_FORMATS]
    else:
        names = [args.output]
    outs: list[Path] = []
    for name in names:
        out = _free_output(name, force=True)
        if out is None:
            return EXIT_UNREADABLE
        output_format(out)
        if not args.force and os.path.lexists(out):
            what = (
                "是这份报告导入时读取的原文件（已发布的报告）" if sources.is_source(report, out) else "已存在"
            )
            _err(f"「{out.name}」{what}，为避免覆盖，没有导出。请换一个文件名；确需替换时加 --force。")
            return EXIT_UNREADABLE
        outs.append(out)
    owner = locks.holder(args.file)
    if owner is not None and owner.modified:
        _err(
            f"提示：「{Path(args.file).name}」正由 {owner.describe()} 在 giedit 中编辑，有尚未保存的修改；"
            "导出的是文件中已保存的内容。"
        )
    errors = blocking_findings(report)
    if errors and not args.draft:
        _err(f"{args.file} 有 {len(errors)} 个错误，未导出。请改正后再导出，或加 --draft 导出草稿：")
        for f in errors:
            print(f"  [错误 {f.rule}] {f.message}", file=sys.stderr)
        return EXIT_ERRORS
    stale = [] if args.draft else last_years_content(check(report))
    if stale:  # a draft says 草稿 on every page; a final export would publish them as this year's
        _err(f"提示：{last_year_summary(len(stale), f'{args.file} 中')}请核实：")
        for f, text in descriptions(report, stale):
            first, *more = text.splitlines()
            print(
                f"  [提醒 {f.rule}] {first}", *(f"      {line}" for line in more), sep="\n", file=sys.stderr
            )
    for f in glyph_findings(report):  # exported all the same, but never a silent box
        print(f"  [提醒 {f.rule}] {f.message}", file=sys.stderr)
    export_all(report, outs, draft=args.draft, replace=args.force)
    print(f"已导出{'草稿' if args.draft else ''}：{'、'.join(map(str, outs))}")
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    """汇总审核 of a folder of units' reports (giedit.review)."""
    from giedit.review.command import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
