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
COMMANDS = ("check", "dump", "new", "import", "export")


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
    p.add_argument(
        "--self-test",
        action="store_true",
        help="自检：打开示例报告、检查、导出 Word 和 PDF 并校验；全部通过时退出码为 0",
    )
    sub = p.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=_Parser)

    c = sub.add_parser("check", help="检查报告的勾稽关系和完整性", add_help=False)
    c.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    c.add_argument("files", nargs="+", metavar="文件", help="一个或多个 .giedit 文件")
    c.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")

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
        help="用上年报告新建：.giedit 文件，或已发布报告的 .docx/.txt",
    )
    n.add_argument("--json", action="store_true", help="以 JSON 输出结转情况")

    i = sub.add_parser("import", help="导入已发布的年度报告（.docx 或文本）", add_help=False)
    i.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    i.add_argument("file", metavar="文件", help="已发布报告的 .docx 或 .txt 文件")
    i.add_argument("-o", "--output", required=True, metavar="文件", help="要写入的 .giedit 文件")
    i.add_argument("--json", action="store_true", help="以 JSON 输出导入情况（每个单元格的读取结果）")

    e = sub.add_parser("export", help="导出可发布的 DOCX 或 PDF", add_help=False)
    e.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    e.add_argument("file", metavar="文件", help=".giedit 文件")
    e.add_argument(
        "-o", "--output", required=True, metavar="输出文件", help="要写入的 .docx 或 .pdf（按扩展名定格式）"
    )
    e.add_argument("--draft", action="store_true", help="导出草稿：页眉标注“草稿”，报告有错误时也导出")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        return _start_editor(args_list)
    args = _parser().parse_args(args_list)
    if args.self_test:
        from giedit.selftest import run as self_test

        return self_test()
    if args.command is None:
        return _start_editor([])
    handler = {"check": _check, "dump": _dump, "new": _new, "import": _import, "export": _export}[
        args.command
    ]
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

    if args.source is not None:
        return _new_from(args)
    if args.year is None:
        _err("请用 --year 指定报告年度，或用 --from 指定上年报告。")
        return EXIT_UNREADABLE
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


def _free_output(name: str) -> Path | None:
    """The output path, or None (with a message) when it would overwrite a file."""
    out = Path(name)
    if out.exists():
        _err(f"文件「{out.name}」已存在，为避免覆盖，请换一个文件名。")
        return None
    return out


def _new_from(args: argparse.Namespace) -> int:
    """用上年报告新建: roll last year's report (.giedit, or a published .docx/.txt) forward."""
    from giedit.importers import ImportFailed
    from giedit.importers.start import start_from_last
    from giedit.model.rollforward import RollForwardError
    from giedit.model.storage import FileError, save

    out = _free_output(args.output)
    if out is None:
        return EXIT_UNREADABLE
    try:
        started = start_from_last(args.source, args.year)
    except (ImportFailed, RollForwardError) as err:
        _err(str(err))
        return EXIT_UNREADABLE
    report = started.rolled.report
    if args.body:
        report.body.name = args.body
    try:
        save(report, out)
    except FileError as err:
        _err(str(err))
        return EXIT_UNREADABLE
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
    from giedit.importers import ImportFailed, import_file
    from giedit.model.storage import FileError, save

    out = _free_output(args.output)
    if out is None:
        return EXIT_UNREADABLE
    try:
        result = import_file(args.file)
        save(result.report, out)
    except (ImportFailed, FileError) as err:
        _err(str(err))
        return EXIT_UNREADABLE
    if args.json:
        print(json.dumps({"output": str(out), **result.as_json()}, ensure_ascii=False, indent=1))
    else:
        print("\n".join(result.lines()))
        print(f"已保存：{out}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    """Export to .docx or .pdf; a report with errors is refused (exit 1) unless --draft."""
    from giedit.export import ExportError, blocking_findings, export, output_format
    from giedit.model.storage import FileError, load

    out = Path(args.output)
    try:
        output_format(out)
        report = load(args.file)
    except (ExportError, FileError) as err:
        _err(str(err))
        return EXIT_UNREADABLE
    errors = blocking_findings(report)
    if errors and not args.draft:
        _err(f"{args.file} 有 {len(errors)} 个错误，未导出。请改正后再导出，或加 --draft 导出草稿：")
        for f in errors:
            print(f"  [错误 {f.rule}] {f.message}", file=sys.stderr)
        return EXIT_ERRORS
    try:
        export(report, out, draft=args.draft)
    except ExportError as err:
        _err(str(err))
        return EXIT_UNREADABLE
    print(f"已导出{'草稿' if args.draft else ''}：{out}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
