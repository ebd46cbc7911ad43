"""The ``giedit`` command: headless commands, and the editor when started without one.

Exit codes across all files of one call: 2 (a file could not be read or written) wins over
1 (a report has errors) over 0. Messages are Chinese and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from giedit import __version__

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
COMMANDS = ("check", "dump", "new")


class _Parser(argparse.ArgumentParser):
    """argparse with its fixed English phrases in Chinese and usage errors on exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"giedit：参数有误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="giedit",
        description="政府信息公开工作年度报告编辑器。不带命令运行时打开编辑窗口。",
        add_help=False,
    )
    p.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    p.add_argument("--version", action="version", version=f"giedit {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=_Parser)

    c = sub.add_parser("check", help="检查报告的勾稽关系和完整性", add_help=False)
    c.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    c.add_argument("files", nargs="+", metavar="文件", help="一个或多个 .giedit 文件")
    c.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")

    d = sub.add_parser("dump", help="以 JSON 输出报告内容", add_help=False)
    d.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    d.add_argument("file", metavar="文件", help=".giedit 文件")

    n = sub.add_parser("new", help="新建空白报告", add_help=False)
    n.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    n.add_argument("--year", type=int, required=True, metavar="年度", help="报告年度，例如 2025")
    n.add_argument("--body", default="", metavar="机关名称", help="报告机关全称")
    n.add_argument("-o", "--output", required=True, metavar="文件", help="要写入的 .giedit 文件")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        return _start_editor(args_list)
    args = _parser().parse_args(args_list)
    if args.command is None:
        return _start_editor([])
    handler = {"check": _check, "dump": _dump, "new": _new}[args.command]
    return handler(args)


def _start_editor(files: list[str]) -> int:
    """Import the Qt shell only now, so headless commands never load PySide6."""
    from giedit.ui.app import run

    return run(files)


def _err(message: str) -> None:
    print(f"giedit：{message}", file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    from giedit.checks import Severity, active, check
    from giedit.model.storage import FileError, load

    status = EXIT_OK
    results = []
    for name in args.files:
        try:
            report = load(name)
        except FileError as err:
            _err(str(err))
            status = EXIT_UNREADABLE
            continue
        findings = list(active(check(report)))
        results.append({"file": name, "findings": [f.as_json() for f in findings]})
        errors = sum(f.severity is Severity.ERROR for f in findings)
        if errors:
            status = max(status, EXIT_ERRORS)
        if not args.json:
            warnings = len(findings) - errors
            print(f"{name}：{errors} 个错误，{warnings} 个提醒")
            for f in findings:
                tag = "错误" if f.severity is Severity.ERROR else "提醒"
                print(f"  [{tag} {f.rule}] {f.message}")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    return status


def _dump(args: argparse.Namespace) -> int:
    from giedit.model.dump import dump
    from giedit.model.storage import FileError, load

    try:
        report = load(args.file)
    except FileError as err:
        _err(str(err))
        return EXIT_UNREADABLE
    print(json.dumps(dump(report), ensure_ascii=False, indent=1))
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from giedit.model.report import new_report
    from giedit.model.storage import FileError, save

    if not 2019 <= args.year <= 2100:
        _err(f"报告年度 {args.year} 不在支持范围内（2019 年及以后）。")
        return EXIT_UNREADABLE
    out = Path(args.output)
    if out.exists():
        _err(f"文件「{out.name}」已存在，为避免覆盖，请换一个文件名。")
        return EXIT_UNREADABLE
    report = new_report(args.year, args.body)
    try:
        save(report, out)
    except FileError as err:
        _err(str(err))
        return EXIT_UNREADABLE
    print(f"已新建 {args.year} 年度报告（{report.definition.name}）：{out}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
