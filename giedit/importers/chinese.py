"""Traditional characters in a published report, converted to simplified for MATCHING only.

Portals offer a 繁體 button that converts the page on the fly, and a copy taken from it prints
規章, 第二十條, and with Taiwan phrasing even 行政規範性檔案 (文件) and 政府資訊公開 (信息). The
official labels are simplified, so such a copy matched nothing. OpenCC's tables (the pure-Python
``opencc-python-reimplemented``) convert characters *and* phrases (``tw2sp``: 檔案→文件,
資訊→信息), which a character table written here could not: the phrase tables are what make
the labels match. The narrative keeps the text as printed: converting a clerk's prose is a
choice for the clerk, not for the importer.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIN_TRADITIONAL = 5  # characters that exist only in traditional script
MIN_SHARE = 0.02  # … and this share of the 汉字
_CJK = re.compile(r"[\u3400-\u9fff]")


@cache
def _traditional_only() -> frozenset[str]:
    """Characters OpenCC converts to simplified and that simplified text never uses."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    keys: set[str] = set()
    values: set[str] = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets:
            keys.add(source)
            values.update(targets.split())
    return frozenset(keys - values)


def is_traditional(text: str) -> bool:
    """Whether the text is written in traditional characters (a few stray ones do not count)."""
    only = _traditional_only()
    found = sum(1 for ch in text if ch in only)
    return found >= MIN_TRADITIONAL and found >= MIN_SHARE * len(_CJK.findall(text))


@cache
def _converter():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("tw2sp")


def simplified(text: str) -> str:
    """``text`` in simplified characters and mainland phrasing (``tw2sp``)."""
    return _converter().convert(text) if text else text
