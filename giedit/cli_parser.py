"""argparse speaking Chinese: the usage line, the section titles and every error it can print.

argparse has no Chinese catalogue and the clerk who mistypes a command should not meet "usage:"
or "the following arguments are required". Its phrases are fixed in the standard library, so the
errors are rewritten phrase by phrase here (the parser's own messages, not the values quoted in
them) rather than by patching ``argparse``'s module-wide gettext, which other code in the same
process (the test runner) also uses.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

USAGE = "用法："
EXIT_USAGE = 2

_TYPES = {"int": "整数", "float": "数字"}

# (pattern of argparse's English message, Chinese replacement); applied in order, the first
# (the "argument X:" prefix) leaves the rest of the message for the others.
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (r"^argument (?P<arg>\S+): ", r"参数 \g<arg>："),
        (r"the following arguments are required: (?P<args>.*)$", r"缺少必需的参数：\g<args>"),
        (r"unrecognized arguments: (?P<args>.*)$", r"无法识别的参数：\g<args>"),
        (r"one of the arguments (?P<args>.*) is required$", r"参数 \g<args> 必须指定其中一个"),
        (r"not allowed with argument (?P<arg>.*)$", r"不能与参数 \g<arg> 同时使用"),
        (r"ignored explicit argument (?P<value>.*)$", r"此选项不带值，多余的值 \g<value> 无效"),
        (r"expected one argument$", "后面需要一个值"),
        (r"expected at most one argument$", "后面最多只能有一个值"),
        (r"expected at least one argument$", "后面至少需要一个值"),
        (r"expected (?P<n>\d+) arguments?$", r"后面需要 \g<n> 个值"),
        (r"ambiguous option: (?P<opt>\S+) could match (?P<m>.*)$", r"选项 \g<opt> 不明确，可能是 \g<m>"),
        (
            r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)$",
            r"无效的值 \g<value>（可选：\g<choices>）",
        ),
        (r"unexpected option string: (?P<opt>.*)$", r"意外的选项 \g<opt>"),
    )
)
_INVALID = re.compile(r"invalid (?P<type>\w+) value: (?P<value>.*)$")


def chinese(message: str) -> str:
    """argparse's English error ``message`` in Chinese; phrases it does not know pass unchanged."""
    for pattern, replacement in _PHRASES:
        message = pattern.sub(replacement, message, count=1)
    match = _INVALID.search(message)
    if match:
        kind = _TYPES.get(match["type"], "有效的值")
        value = match["value"].strip("'\"")
        message = message[: match.start()] + f"「{value}」不是{kind}"
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage, section titles and errors are Chinese; errors exit 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"giedit：参数有误：{chinese(message)}\n")
