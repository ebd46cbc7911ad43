"""Cell values: what a cell may hold, how typed text becomes a value, how a value is printed.

A cell holds ``None`` (blank: not filled in, which is *not* 0), an ``int``, a ``float`` or, for a
money cell, a ``Money``. A ``str`` is also allowed so that a malformed value read from a file or
an import survives loading and the checks can report it (G-E2/G-E3) instead of the loader
refusing the whole report. JSON ``true``/``false`` in a cell is such a value: it is kept as the text
``"true"``/``"false"`` (a lax reading would otherwise take ``true`` as the count 1). Numbers beyond the
bounds of ``giedit.model.bounds`` are kept as they are and are no valid figure (``number_of`` gives
``None``), so every check and every sum sees them as invalid, never as a huge number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated

from giedit.model.bounds import MAX_AMOUNT, MAX_COUNT, within
from giedit.model.records import Before, Record
from giedit.model.schema import CellKind, Column

MAX_DECIMALS = 4


def _no_booleans(value: object) -> object:
    """``true`` is not a count: keep it as text, for G-E2/G-E3 to report."""
    return ("true" if value else "false") if isinstance(value, bool) else value


class Money(Record, frozen=True):
    """An amount and its unit (元/万元). ``unit`` may be ``None`` when the source gave none (G-W2)."""

    amount: Annotated[float | int | str | None, Before(_no_booleans)] = None
    unit: str | None = None


CellValue = Annotated[int | float | Money | str | None, Before(_no_booleans)]


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading typed or imported text into a cell value."""

    value: CellValue = None
    error: str | None = None
    changed: bool = False  # normalisation beyond plain digits took place (G-W1)


_SPACES = re.compile(r"[\s\u00a0\u3000,，]+")
_SIGNS = {"＋": "+", "－": "-", "−": "-", "—": "-", "–": "-"}
_INT = re.compile(r"[+-]?\d+")
_DEC = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def normalise_number_text(text: str) -> str:
    """Full-width digits to ASCII (NFKC), spaces and thousands separators dropped, signs unified."""
    s = unicodedata.normalize("NFKC", text)
    s = "".join(_SIGNS.get(ch, ch) for ch in s)
    s = _SPACES.sub("", s)
    return s.replace("。", ".")


def parse_cell(text: str, column: Column, unit_hint: str | None = None) -> Parsed:
    """Read what a clerk typed (or an importer found) into a value for ``column``.

    Empty text is a blank. Counts accept a leading ``+`` (and ``-`` only where signed); money
    accepts a trailing 元/万元 unless the column fixes the unit.
    """
    raw = text.strip()
    s = normalise_number_text(raw)
    if s == "":
        return Parsed(None)
    if column.kind is CellKind.MONEY:
        unit = column.unit or unit_hint
        for u in sorted((*column.units, column.unit or ""), key=len, reverse=True):
            if u and s.endswith(u):
                if column.unit is None or u == column.unit:
                    unit, s = u, s[: -len(u)]
                break
        if not _DEC.fullmatch(s):
            return Parsed(error=f"「{raw}」不是金额，请输入数字，例如 2.02")
        amount = float(s)
        if amount < 0:
            return Parsed(error="金额不能为负数")
        if not within(amount, MAX_AMOUNT):
            return Parsed(error=f"「{raw}」太大，金额不能超过 {MAX_AMOUNT}，请核对")
        if "." in s and len(s.split(".")[1]) > MAX_DECIMALS:
            return Parsed(error=f"金额最多保留{MAX_DECIMALS}位小数")
        return Parsed(Money(amount=_tidy(amount), unit=unit), changed=s != raw)
    if not _INT.fullmatch(s):
        if _DEC.fullmatch(s):
            return Parsed(error=f"「{raw}」不是整数，此处只能填写件数")
        return Parsed(error=f"「{raw}」不是数字，请输入整数")
    # the digits are measured first: int() of thousands of digits is slow, and refused beyond 4300
    digits = s.lstrip("+-").lstrip("0") or "0"
    n = int(digits) * (-1 if s.startswith("-") else 1) if len(digits) <= len(str(MAX_COUNT)) else None
    if n is None or abs(n) > MAX_COUNT:
        return Parsed(error=f"「{raw}」太大，件数不能超过 {MAX_COUNT}，请核对")
    if n < 0 and column.kind is not CellKind.SIGNED:
        return Parsed(error="此处不能填写负数，件数应为0或正整数")
    return Parsed(n, changed=s != raw)


# -- what a clerk types: the units people write after a number -----------------------------------

WRITTEN_UNITS = (("万元", "万元"), ("万", "万元"), ("元", "元"))  # as written -> the unit recorded
YUAN_PER_UNIT = {"元": 1, "万元": 10000}
COUNT_WORD = "件"


def split_unit(text: str) -> tuple[str, str | None]:
    """The number and the money unit a clerk wrote after it: ``12.5万`` -> ``("12.5", "万元")``."""
    s = normalise_number_text(text)
    for written, unit in WRITTEN_UNITS:
        if s.endswith(written):
            return (s[: -len(written)], unit) if len(s) > len(written) else (s, None)
    return s, None


def parse_typed(text: str, column: Column, unit_hint: str | None = None) -> Parsed:
    """What a clerk typed into a cell: ``parse_cell`` plus the units people write after numbers.

    A count may end in 件 (``3件``, ``3 件``). An amount may end in 万 (short for 万元), 万元 or
    元; in a column with a fixed unit an amount in the other unit is converted (``125000元`` in a
    万元 column is 12.5), in a column whose unit the clerk chooses the written unit is the choice.
    Importers keep to ``parse_cell``: they report what they strip themselves.
    """
    if column.kind is not CellKind.MONEY:
        s = normalise_number_text(text)
        counted = s.endswith(COUNT_WORD) and len(s) > len(COUNT_WORD)
        return parse_cell(s[: -len(COUNT_WORD)] if counted else text, column)
    number, unit = split_unit(text)
    if unit is None or (column.unit is None and unit not in column.units):
        return parse_cell(text, column, unit_hint)
    parsed = parse_cell(number, column, unit_hint)
    if parsed.error is not None or not isinstance(parsed.value, Money):
        return parsed
    if column.unit is None or column.unit == unit:
        return Parsed(Money(amount=parsed.value.amount, unit=unit), changed=True)
    from decimal import Decimal  # exact 元/万元 arithmetic, only here: not loaded at every start

    amount = Decimal(number) * YUAN_PER_UNIT[unit] / YUAN_PER_UNIT[column.unit]
    shown = format(amount.normalize(), "f")
    if -amount.normalize().as_tuple().exponent > MAX_DECIMALS:  # type: ignore[operator]
        return Parsed(
            error=f"「{text.strip()}」合{shown}{column.unit}；本栏以{column.unit}为单位，最多保留{MAX_DECIMALS}位小数"
        )
    return Parsed(Money(amount=_tidy(float(amount)), unit=column.unit), changed=True)


def _tidy(x: float) -> float | int:
    return int(x) if x == int(x) else x


def number_of(value: CellValue, kind: CellKind) -> float | int | None:
    """The number a valid value stands for, or ``None`` (blank or invalid) — what sums use."""
    if isinstance(value, Money):
        value = value.amount
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not within(value, MAX_AMOUNT if kind is CellKind.MONEY else MAX_COUNT):
        return None
    if kind is CellKind.MONEY:
        return value if value >= 0 else None
    if isinstance(value, float) and value != int(value):
        return None
    n = int(value)
    return n if (n >= 0 or kind is CellKind.SIGNED) else None


def is_blank(value: CellValue) -> bool:
    """Blank means 'not filled in'; a Money without an amount is blank too."""
    if isinstance(value, Money):
        return value.amount is None or value.amount == ""
    return value is None or (isinstance(value, str) and value.strip() == "")


def format_amount(amount: float | int) -> str:
    """A money amount as printed: no trailing zeros, at most four decimals."""
    text = f"{amount:.{MAX_DECIMALS}f}".rstrip("0").rstrip(".")
    return text or "0"


def amount_text(amount: object) -> str:
    """A ``Money`` amount as printed, without its unit: a number as ``format_amount`` prints it,
    anything else a damaged file held as it stands."""
    return format_amount(amount) if isinstance(amount, int | float) else str(amount)


def format_value(value: CellValue, column: Column, with_unit: bool = True) -> str:
    """A value as the editor shows it and the exporters print it (0 printed as 0, blank as '')."""
    if is_blank(value):
        return ""
    if isinstance(value, Money):
        text = amount_text(value.amount)
        # A fixed unit is printed in the column header; a chosen unit is printed in the cell.
        if with_unit and value.unit and column.unit is None:
            text += value.unit
        return text
    if isinstance(value, float):
        return format_amount(value)
    return str(value)


def show_value(value: CellValue) -> str:
    """A cell value as messages and notes quote it: a blank as （空）, an amount with its unit."""
    if is_blank(value):
        return "（空）"
    if isinstance(value, Money):
        return amount_text(value.amount) + (value.unit or "")
    if isinstance(value, float):
        return format_amount(value)
    return str(value)
