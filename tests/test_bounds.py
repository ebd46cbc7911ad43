"""One validation for load, check and the editor: absurd numbers and years are kept, shown and
reported as errors (G-E2, G-E3, F-E2); never refused on load, never clamped, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from make_broken import base

from giedit import cli
from giedit.checks import Severity, check
from giedit.model import storage
from giedit.model.bounds import MAX_AMOUNT, MAX_COUNT
from giedit.model.values import Money, number_of, parse_cell

CELL = "requests.new.natural"
MONEY = "active.fees.fee_amount"


def _file(tmp_path: Path, **report: object) -> Path:
    doc = storage.to_document(base(2023))
    for key, value in report.items():
        if key == "cells":
            doc["report"]["cells"].update(value)  # type: ignore[arg-type]
        else:
            doc["report"][key] = value
    path = tmp_path / "报告.giedit"
    path.write_text(json.dumps(doc, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    return path


def _errors(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check(storage.load(path)):
        if f.severity is Severity.ERROR:
            out.setdefault(f.rule, []).append(f.message)
    return out


@pytest.mark.parametrize("year", [99999999999999999999, 3000000000, 1999, 2150, -5])
def test_a_year_outside_2019_to_2100_is_kept_and_an_error_naming_the_field(
    year: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, year=year)
    assert storage.load(path).year == year  # loaded as it is: never refused, never clamped
    assert cli.main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"[错误 F-E2] 报告年度 {year} 不在 2019—2100 年之间" in out and "基本信息" in out
    assert "F-E1" not in out  # no second, misleading error about the format


@pytest.mark.parametrize(
    ("value", "shown", "why"),
    [
        (1e300, "1e+300", "超出合理范围"),
        (2**64, "18446744073709551616", "超出合理范围"),
        (10**400, "100000…（共 401 位）", "超出合理范围"),
        (MAX_COUNT + 1, str(MAX_COUNT + 1), "超出合理范围"),
        (float("inf"), "inf", "不是有效的数字"),
        (float("nan"), "nan", "不是有效的数字"),
        (True, "true", "应为0或正整数"),
    ],
)
def test_an_absurd_count_is_an_error_naming_the_cell(
    value: object, shown: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, cells={CELL: value})
    assert cli.main(["check", "--json", str(path)]) == 1
    (result,) = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in result["findings"] if f["rule"] == "G-E2"]
    assert finding["cells"] == [CELL]
    assert "一、本年新收政府信息公开申请数量「自然人」" in finding["message"]
    assert f"「{shown}」{why}" in finding["message"]
    assert number_of(storage.load(path).cells[CELL], base(2023).definition.cells[CELL].kind) is None


def test_true_is_kept_as_text_not_read_as_one(tmp_path: Path) -> None:
    path = _file(tmp_path, cells={CELL: True, MONEY: {"amount": False, "unit": "万元"}})
    report = storage.load(path)
    assert report.cells[CELL] == "true"
    assert report.cells[MONEY] == Money(amount="false", unit="万元")
    assert {"G-E2", "G-E3"} <= set(_errors(path))
    storage.save(report, path)
    assert storage.load(path).cells[CELL] == "true"  # saves and loads as it is


def test_an_absurd_amount_is_an_error(tmp_path: Path) -> None:
    path = _file(tmp_path, cells={MONEY: {"amount": 1e300, "unit": "万元"}})
    (message,) = _errors(path)["G-E3"]
    assert "「1e+300」超出合理范围" in message


def test_the_editor_refuses_to_take_absurd_numbers() -> None:
    fmt = base(2023).definition
    column = fmt.cells[CELL].column
    assert parse_cell(str(MAX_COUNT), column).value == MAX_COUNT
    for text in (str(MAX_COUNT + 1), "9" * 5000, "0" * 5000 + "1" * 12):
        parsed = parse_cell(text, column)
        assert parsed.value is None and "太大" in (parsed.error or ""), text
    assert parse_cell("0" * 5000 + "7", column).value == 7
    money = fmt.cells[MONEY].column
    assert "太大" in (parse_cell(str(MAX_AMOUNT * 10), money).error or "")
