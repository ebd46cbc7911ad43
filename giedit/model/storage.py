"""Reading and writing .giedit files (UTF-8 JSON with an integer ``file_format``).

Every failure a clerk can cause (a damaged file, a file from a newer giedit, a file that is not a
report) becomes a ``FileError`` carrying one Chinese sentence; callers never see a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from giedit import __version__
from giedit.model.formats import FORMATS
from giedit.model.report import Report

FILE_FORMAT = 1
SUFFIX = ".giedit"


class FileError(Exception):
    """A file could not be read or written; ``str(err)`` is a one-line Chinese message."""


def to_document(report: Report) -> dict[str, Any]:
    """The JSON document of a report, with the keys that identify the file first."""
    return {
        "file_format": FILE_FORMAT,
        "giedit_version": __version__,
        "report": report.model_dump(mode="json", exclude_none=False),
    }


def dumps(report: Report) -> str:
    return json.dumps(to_document(report), ensure_ascii=False, indent=1) + "\n"


def from_document(doc: object, name: str = "文件") -> Report:
    """Validate a parsed JSON document into a report; ``FileError`` with a Chinese message if not."""
    if not isinstance(doc, dict) or "report" not in doc or "file_format" not in doc:
        raise FileError(f"{name}不是 giedit 年度报告文件。")
    version = doc["file_format"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FileError(f"{name}的文件格式版本无效，无法打开。")
    if version > FILE_FORMAT:
        writer = doc.get("giedit_version") or "更新版本"
        raise FileError(f"{name}由 giedit {writer} 保存（文件格式 {version}），请升级 giedit 后再打开。")
    data = doc["report"]
    if not isinstance(data, dict):
        raise FileError(f"{name}不是 giedit 年度报告文件。")
    if data.get("format") not in FORMATS:
        raise FileError(f"{name}使用了未知的报告格式「{data.get('format')}」，无法打开。")
    try:
        report = Report.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise FileError(f"{name}内容不完整或已损坏（{where}），无法打开。") from None
    _complete(report)
    return report


def _complete(report: Report) -> None:
    """Give a loaded report every cell and section of its format (blank where absent)."""
    for cid in report.definition.cells:
        report.cells.setdefault(cid, None)
    for s in report.definition.sections:
        report.section(s.id)


def loads(text: str, name: str = "文件") -> Report:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        raise FileError(f"{name}已损坏或不完整（不是有效的 JSON），无法打开。") from None
    return from_document(doc, name)


def load(path: str | Path) -> Report:
    """Load a .giedit file; ``FileError`` (Chinese) for anything a clerk could hand us."""
    p = Path(path)
    name = f"「{p.name}」"
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise FileError(f"找不到文件{name}。") from None
    except IsADirectoryError:
        raise FileError(f"{name}是文件夹，不是报告文件。") from None
    except OSError as err:
        raise FileError(f"无法读取文件{name}：{err.strerror or err}。") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(f"{name}不是 giedit 年度报告文件（无法按文本读取）。") from None
    return loads(text, name)


def save(report: Report, path: str | Path) -> None:
    """Write a report to ``path``."""
    p = Path(path)
    try:
        p.write_text(dumps(report), encoding="utf-8")
    except OSError as err:
        raise FileError(f"无法保存「{p.name}」：{err.strerror or err}。") from None
