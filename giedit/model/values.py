"""Cell values: what a cell may hold, how typed text becomes a value, how a value is printed.

A cell holds ``None`` (blank: not filled in, which is *not* 0), an ``int``, a ``float`` or, for a
money cell, a ``Money``. A ``str`` is also allowed so that a malformed value read from a file or
an import survives loading and the checks can report it (G-E2/G-E3) instead of the loader
refusing the whole report. JSON ``true``/``false`` in a cell is such a value: it is kept as the text
``"true"``/``"false"`` (pydantic would otherwise read ``true`` as the count 1). Numbers beyond the
bounds of ``giedit.model.bounds`` are kept as they are and are no valid figure (``number_of`` gives
``None``), so every check and every sum sees them as invalid, never as a huge number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict

from giedit.model.bounds import MAX_AMOUNT, MAX_COUNT, within
from giedit.model.schema import CellKind, Column

MAX_DECIMALS = 4


def _no_booleans(value: object) -> object:
    """``true`` is not a count: keep it as text, for G-E2/G-E3 to report."""
    return ("true" if value else "false") if isinstance(value, bool) else value


class Money(BaseModel):
    """An amount and its unit (元/万元). ``unit`` may be ``None`` when the source gave none (G-W2)."""

    model_config = ConfigDict(frozen=True)

    amount: Annotated[float | int | str | None, BeforeValidator(_no_booleans)] = None
    unit: str | None = None


CellValue = Annotated[int | float | Money | str | None, BeforeValidator(_no_booleans)]


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


def format_value(value: CellValue, column: Column, with_unit: bool = True) -> str:
    """A value as the editor shows it and the exporters print it (0 printed as 0, blank as '')."""
    if is_blank(value):
        return ""
    if isinstance(value, Money):
        amount = value.amount
        text = format_amount(amount) if isinstance(amount, int | float) else str(amount)
        # A fixed unit is printed in the column header; a chosen unit is printed in the cell.
        if with_unit and value.unit and column.unit is None:
            text += value.unit
        return text
    if isinstance(value, float):
        return format_amount(value)
    return str(value)
