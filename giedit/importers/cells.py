"""Reading one printed table cell into a value, and saying exactly what was done to it.

``parse_cell`` (the editor's own input rule) does the reading; this module decides first whether
a piece of text is a cell at all, strips what real reports put around numbers (NBSP padding,
``件``, a doubled minus) and reports every such change (G-W1). A cell that still cannot be read
stays blank and the reason is kept: a guessed number in a statutory table is worse than a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from giedit.importers.matching import clean
from giedit.model.schema import CellKind, Column
from giedit.model.text import squeezed
from giedit.model.values import CellValue, Money, amount_text, format_amount, parse_cell

# Printed for "nothing here": the importer maps them to blank (G-E1 then asks for a number).
_EMPTY = re.compile(r"^(?:[_/\\\-—–－−·.…]+|无|空|暂无)$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_COUNT_UNITS = ("件", "项", "条", "个", "次", "宗", "起", "人")
_SIGNS = str.maketrans({"＋": "+", "－": "-", "−": "-", "—": "-", "–": "-"})
_DOUBLE_SIGN = re.compile(r"^([+\-])\1+")
_NUMBER = re.compile(r"^[+\-]?\d+(?:\.\d+)?$")
# Page numbers as printed by Word, WPS and giedit (—3—, - 3 -), 第3页, 第3页 共8页 and 3/8, in the
# text as ``normalised`` leaves it (no spaces, full-width digits and ／ as ASCII; NFKC folds －).
_DASH = "-—–―−‒"
_PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASH}]+(\d{{1,3}})[{_DASH}]+"
    r"|第(\d{1,3})页(?:[,，、/]?共(\d{1,3})页)?"
    r"|共(\d{1,3})页[,，、/]?第(\d{1,3})页"
    r"|(\d{1,3})/(\d{1,3}))$"
)
_BARE_PAGE = re.compile(r"^[1-9]\d{0,2}$")
MAX_CELL_CHARS = 24
MAX_CELL_CJK = 3


def normalised(text: str) -> str:
    return squeezed(clean(text))


def is_empty_mark(text: str) -> bool:
    """``_``, ``/``, ``—``, ``-``, ``无``: the source says the cell is empty."""
    return bool(_EMPTY.match(normalised(text)))


def is_page_number(text: str, *, bare: bool = False) -> bool:
    """A line that is only a page number: page furniture, never a cell, a paragraph or a 落款.
    With ``bare``, a plain number too (Word's default page number): only where no figure can
    stand, in the narrative outside the tables."""
    s = normalised(text)
    if bare and _BARE_PAGE.match(s):
        return True
    m = _PAGE_NUMBER.match(s)
    if m is None:
        return False
    numbers = [int(g) for g in m.groups() if g is not None]
    if m.group(4):  # 共8页第3页: the total first
        numbers.reverse()
    return len(numbers) == 1 or 0 < numbers[0] <= numbers[1]  # 3/8 is page 3 of 8, 9/8 is no page


def looks_like_cell(text: str) -> bool:
    """A number, possibly with a unit or a few words around it, or an empty mark; not a label."""
    s = normalised(text)
    if not s:
        return False
    if is_empty_mark(s):
        return True
    return any(ch.isdigit() for ch in s) and len(s) <= MAX_CELL_CHARS and len(_CJK.findall(s)) <= MAX_CELL_CJK


@dataclass(frozen=True)
class CellReading:
    """The value read from a printed cell; ``changed`` (G-W1) or ``error`` explain the reading."""

    value: CellValue
    changed: str | None = None  # what was tidied, for the G-W1 note
    error: str | None = None  # why the cell was left blank


def read_cell(text: str, column: Column) -> CellReading:
    """Read a printed cell for ``column``."""
    s = normalised(text)
    blank = Money(unit=column.unit) if column.kind is CellKind.MONEY else None
    if not s:
        return CellReading(blank, error="单元格为空")
    if is_empty_mark(s):
        return CellReading(blank, error=f"原文为「{text.strip()}」，表示没有填写")
    tidy = s.translate(_SIGNS)
    changes: list[str] = []
    # Padding around a number (NBSP, 　 indents, a trailing space) is layout: the reader of the
    # source sees the same number, so it is no change worth a note; a gap inside is.
    if any(ch.isspace() for ch in text.strip()):
        changes.append("去掉数字中间的空格")
    if squeezed(text) != "".join(text.split()):
        changes.append("全角字符改为半角")
    if _DOUBLE_SIGN.match(tidy):
        tidy = _DOUBLE_SIGN.sub(r"\1", tidy)
        changes.append("重复的正负号按一个读取")
    if tidy.startswith("+"):
        changes.append("去掉正号")
    if column.kind is not CellKind.MONEY:
        for unit in _COUNT_UNITS:
            if tidy.endswith(unit) and tidy[: -len(unit)]:
                tidy = tidy[: -len(unit)]
                changes.append(f"去掉单位“{unit}”")
                break
    parsed = parse_cell(tidy, column)
    if parsed.error is not None:
        if not _NUMBER.match(tidy):
            return CellReading(blank, error=f"原文「{text.strip()}」无法读取：{parsed.error}")
        # A number that breaks the column's rule (a negative count, a decimal count) is kept as
        # printed so that G-E2/G-E3 report it; blanking it would hide the publisher's error.
        number = float(tidy) if "." in tidy else int(tidy)
        kept = Money(amount=number, unit=column.unit) if column.kind is CellKind.MONEY else number
        changes.append(f"按原数保留（{parsed.error}）")
        return CellReading(kept, changed="，".join(changes))
    value = parsed.value
    if value is None:
        return CellReading(blank, error="单元格为空")
    if not changes and text.strip() not in _shown(value):  # 012 → 12, 1.50 → 1.5
        changes.append("统一数字写法")
    return CellReading(value, changed="，".join(changes) if changes else None)


def _shown(value: CellValue) -> tuple[str, ...]:
    """How the value prints: a text printed just so (15.68万元, or 0 under a 万元 heading) was read
    as it stands, and a note saying so would only be noise."""
    if isinstance(value, Money):
        bare = amount_text(value.amount)
        return (bare, bare + value.unit) if value.unit else (bare,)
    if isinstance(value, float):
        return (format_amount(value),)
    return (str(value),)
