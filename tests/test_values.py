"""Reading typed text into cell values: what a clerk may type, and what is refused."""

from __future__ import annotations

import pytest

from giedit.model.formats import FORMATS
from giedit.model.values import Money, format_value, parse_cell

COUNT = FORMATS["2021"].cells["requests.new.natural"].column
SIGNED = FORMATS["2019"].cells["active.licensing.change"].column
MONEY_2019 = FORMATS["2019"].cells["active.procurement.amount"].column
MONEY_2021 = FORMATS["2021"].cells["active.fees.fee_amount"].column


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("１２", 12),
        (" 1,234 ", 1234),
        ("1 234", 1234),
        ("+3", 3),
        ("0", 0),
        ("", None),
        ("\u00a05\u00a0", 5),
    ],
)
def test_counts_accept(text: str, value: int | None) -> None:
    assert parse_cell(text, COUNT).value == value
    assert parse_cell(text, COUNT).error is None


@pytest.mark.parametrize("text", ["abc", "-1", "1.5", "3件", "－2"])
def test_counts_refuse(text: str) -> None:
    parsed = parse_cell(text, COUNT)
    assert parsed.error and parsed.value is None


@pytest.mark.parametrize(("text", "value"), [("-3", -3), ("－3", -3), ("−3", -3), ("+1", 1)])
def test_signed_cells_take_a_sign(text: str, value: int) -> None:
    assert parse_cell(text, SIGNED).value == value


def test_money_units() -> None:
    assert parse_cell("15.68万元", MONEY_2019).value == Money(amount=15.68, unit="万元")
    assert parse_cell("251000元", MONEY_2019).value == Money(amount=251000, unit="元")
    assert parse_cell("799100", MONEY_2019).value == Money(amount=799100, unit=None)
    assert parse_cell("2.02", MONEY_2021).value == Money(amount=2.02, unit="万元")
    assert parse_cell("2.02元", MONEY_2021).error
    assert parse_cell("1.23456", MONEY_2021).error
    assert parse_cell("-1", MONEY_2021).error


def test_printing() -> None:
    assert format_value(0, COUNT) == "0"
    assert format_value(None, COUNT) == ""
    assert format_value(Money(amount=15.68, unit="万元"), MONEY_2019) == "15.68万元"
    assert format_value(Money(amount=2.0, unit="万元"), MONEY_2021) == "2"
