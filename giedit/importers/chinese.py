"""Traditional characters in a published report, converted to simplified for MATCHING only.

Portals offer a 繁體 button that converts the page on the fly, and a copy taken from it prints
規章, 第二十條, and with Taiwan phrasing even 行政規範性檔案 (文件) and 政府資訊公開 (信息). The
official labels are simplified, so such a copy matched nothing. OpenCC's tables (the pure-Python
``opencc-python-reimplemented``) convert the characters (``t2s``, one-to-many cases decided by
its phrase table) and tell which Taiwan phrases the labels turn into (``s2twp``), which a
character table written here could not. The narrative keeps the text as printed: converting a clerk's prose is a
choice for the clerk, not for the importer.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from giedit.model.schema import Format

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
def _converter(config: str):  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC(config)


@cache
def _phrase_fixes() -> tuple[tuple[str, str], ...]:
    """Taiwan phrasing found in the official labels once written in traditional script, as
    (simplified characters, mainland phrase): 资讯→信息, 档案→文件, 专案→项目, 资料→数据.

    Derived from the format definitions through OpenCC's own tables (s2twp, then back to
    simplified characters), so only phrases that can occur in a label are touched: converting
    every Taiwan phrase (tw2sp) would also turn 查询 into 查找 and break table 三's 查询事项 row."""
    from giedit.model.formats import FORMATS

    to_taiwan, to_simplified = _converter("s2twp"), _converter("t2s")
    fixes: dict[str, str] = {}
    for fmt in FORMATS.values():
        for text in official_texts(fmt):
            back = to_simplified.convert(to_taiwan.convert(text))
            if back == text or len(back) != len(text):
                continue
            for tag, a0, a1, b0, b1 in SequenceMatcher(None, back, text, autojunk=False).get_opcodes():
                if tag == "replace" and a1 - a0 == b1 - b0 >= 2:
                    fixes[back[a0:a1]] = text[b0:b1]
    return tuple(sorted(fixes.items()))


def official_texts(fmt: Format) -> set[str]:
    """Every label, header, title and marker the importer matches."""
    texts = {s.title for s in fmt.sections} | set(fmt.markers)
    for table in fmt.tables:
        layout = fmt.layout(table.id)
        texts |= {g.text for g in layout.grid if g.text} | {r.label for r in layout.rows if r.label}
    return texts


def simplified(text: str) -> str:
    """``text`` in simplified characters, with the Taiwan phrasing of the labels undone."""
    if not text:
        return text
    out = _converter("t2s").convert(text)
    for source, target in _phrase_fixes():
        out = out.replace(source, target)
    return out
