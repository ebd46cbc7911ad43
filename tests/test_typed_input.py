"""What a clerk types into a cell, units included (issue 16): 12.5万, 125000元, 3件."""

from __future__ import annotations

import pytest

from giedit.model import edits
from giedit.model.formats import FORMATS
from giedit.model.report import new_report
from giedit.model.values import Money, parse_typed, split_unit

COUNT = FORMATS["2021"].cells["requests.new.natural"].column
MONEY_2019 = FORMATS["2019"].cells["active.procurement.amount"].column  # the clerk chooses 元/万元
MONEY_2021 = FORMATS["2021"].cells["active.fees.fee_amount"].column  # always 万元


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.5万", Money(amount=12.5, unit="万元")),
        ("12.5万元", Money(amount=12.5, unit="万元")),
        ("12.5 万", Money(amount=12.5, unit="万元")),
        ("１２.５万", Money(amount=12.5, unit="万元")),
        ("125000元", Money(amount=125000, unit="元")),
        ("1,250元", Money(amount=1250, unit="元")),
    ],
)
def test_a_chosen_unit_is_what_was_written(text: str, value: Money) -> None:
    parsed = parse_typed(text, MONEY_2019)
    assert (parsed.value, parsed.error) == (value, None)


def test_a_bare_amount_keeps_the_unit_hint_or_none() -> None:
    assert parse_typed("12.5", MONEY_2019, unit_hint="元").value == Money(amount=12.5, unit="元")
    assert parse_typed("3000", MONEY_2019).value == Money(amount=3000, unit=None)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("12.5", 12.5), ("12.5万", 12.5), ("12.5万元", 12.5), ("125000元", 12.5), ("1元", 0.0001), ("0元", 0)],
)
def test_a_fixed_unit_column_converts_the_other_unit(text: str, amount: float) -> None:
    parsed = parse_typed(text, MONEY_2021)
    assert parsed.error is None
    assert parsed.value == Money(amount=amount, unit="万元")


def test_a_conversion_past_four_decimals_is_refused_with_the_converted_amount() -> None:
    parsed = parse_typed("2.02元", MONEY_2021)
    assert parsed.value is None
    assert parsed.error == "「2.02元」合0.000202万元；本栏以万元为单位，最多保留4位小数"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("abc万", "不是金额"),
        ("-5万", "负数"),
        ("万", "不是金额"),
        ("12.5美元", "不是金额"),
        ("12.5万万", "不是金额"),
    ],
)
def test_amounts_still_refuse_what_is_no_amount(text: str, error: str) -> None:
    parsed = parse_typed(text, MONEY_2019)
    assert parsed.value is None and error in (parsed.error or "")


@pytest.mark.parametrize(("text", "value"), [("3件", 3), ("3 件", 3), ("３件", 3), ("0件", 0), ("12", 12)])
def test_counts_accept_jian(text: str, value: int) -> None:
    parsed = parse_typed(text, COUNT)
    assert (parsed.value, parsed.error) == (value, None)


@pytest.mark.parametrize(
    ("text", "error"), [("件", "不是数字"), ("-3件", "负数"), ("1.5件", "不是整数"), ("3项", "不是数字")]
)
def test_counts_still_refuse(text: str, error: str) -> None:
    parsed = parse_typed(text, COUNT)
    assert parsed.value is None and error in (parsed.error or "")


def test_split_unit() -> None:
    assert split_unit(" 12.5 万 ") == ("12.5", "万元")
    assert split_unit("125000元") == ("125000", "元")
    assert split_unit("万元") == ("万元", None)
    assert split_unit("3000") == ("3000", None)


def test_typing_goes_through_the_same_rule() -> None:
    report = new_report(2019)
    cid = "active.procurement.amount"
    report.cells[cid] = edits.parse_input(report, cid, "15.68万元")
    assert edits.parse_input(report, cid, "12.5万") == Money(amount=12.5, unit="万元")
    assert edits.parse_input(report, cid, "3000") == Money(amount=3000, unit="万元")  # the unit chosen
    assert edits.parse_input(report, cid, "125000元") == Money(amount=125000, unit="元")
    assert edits.parse_input(report, "requests.new.natural", "3 件") == 3
