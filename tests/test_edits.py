"""The one mutation path (giedit.model.edits), without Qt."""

from __future__ import annotations

import pytest

from giedit.checks import check
from giedit.model.edits import (
    InputError,
    SetCells,
    clear,
    enter,
    fill_blanks,
    input_grid,
    paste,
    recompute_totals,
    set_cells,
    set_field,
    set_unit,
    split_block,
)
from giedit.model.report import Report, new_report
from giedit.model.values import Money


def _apply(report: Report, edit: SetCells | None) -> SetCells:
    assert edit is not None
    edit.apply(report)
    return edit


def test_enter_updates_row_and_column_totals_and_reverts_them() -> None:
    r = new_report(2024)
    before = dict(r.cells)
    e = _apply(r, enter(r, "requests.granted.natural", "3"))
    assert r.cells["requests.granted.natural"] == 3
    assert r.cells["requests.granted.total"] == 3
    assert r.cells["requests.total.natural"] == 3
    assert r.cells["requests.total.total"] == 3
    e2 = _apply(r, enter(r, "requests.granted.business", "2"))
    assert r.cells["requests.total.total"] == 5
    e2.revert(r)
    assert r.cells["requests.total.total"] == 3
    e.revert(r)
    assert r.cells == before
    e.apply(r)  # redo restores what the clerk saw
    assert r.cells["requests.total.total"] == 3


def test_enter_parses_like_the_clerk_types() -> None:
    r = new_report(2024)
    assert _apply(r, enter(r, "requests.new.natural", "１２")).changes["requests.new.natural"][1] == 12
    assert _apply(r, enter(r, "requests.new.business", " 1,234 ")).changes["requests.new.business"][1] == 1234
    with pytest.raises(InputError, match="不是数字"):
        enter(r, "requests.new.natural", "abc")
    with pytest.raises(InputError, match="负数"):
        enter(r, "requests.new.natural", "-1")
    with pytest.raises(InputError, match="自动相加"):
        enter(r, "requests.new.total", "5")
    assert r.cells["requests.new.natural"] == 12
    assert enter(r, "requests.new.natural", "12") is None  # nothing changes: no edit


def test_signed_cell_and_money_units_2019() -> None:
    r = new_report(2019)
    _apply(r, enter(r, "active.licensing.change", "-8"))
    assert r.cells["active.licensing.change"] == -8
    _apply(r, enter(r, "active.procurement.amount", "15.68万元"))
    assert r.cells["active.procurement.amount"] == Money(amount=15.68, unit="万元")
    _apply(r, enter(r, "active.procurement.amount", "20"))  # the chosen unit stays
    assert r.cells["active.procurement.amount"] == Money(amount=20, unit="万元")
    _apply(r, set_unit(r, "active.procurement.amount", "元"))
    assert r.cells["active.procurement.amount"] == Money(amount=20, unit="元")
    _apply(r, clear(r, ["active.procurement.amount"]))
    assert r.cells["active.procurement.amount"] == Money(unit="元")
    with pytest.raises(InputError):
        set_unit(r, "active.procurement.projects", "元")


def test_fee_amount_2021_is_fixed_in_wan_yuan() -> None:
    r = new_report(2021)
    _apply(r, enter(r, "active.fees.fee_amount", "2.02"))
    assert r.cells["active.fees.fee_amount"] == Money(amount=2.02, unit="万元")
    with pytest.raises(InputError):
        enter(r, "active.fees.fee_amount", "100元")


def test_clear_is_blank_not_zero_and_skips_totals() -> None:
    r = new_report(2024)
    _apply(r, enter(r, "requests.new.natural", "4"))
    e = _apply(r, clear(r, ["requests.new.natural", "requests.new.total"]))
    assert r.cells["requests.new.natural"] is None
    assert r.cells["requests.new.total"] is None  # all parts blank: the total is blank too
    assert "requests.new.total" not in e.changes


def test_fill_blanks_fills_only_blank_inputs_of_one_table() -> None:
    r = new_report(2021)
    _apply(r, enter(r, "requests.new.natural", "4"))
    e = _apply(r, fill_blanks(r, "requests"))
    assert r.cells["requests.new.natural"] == 4
    assert r.cells["requests.new.business"] == 0
    assert r.cells["requests.new.total"] == 4
    assert r.cells["appeals.cases.review_upheld"] is None
    assert not any(f.rule == "G-E1" and f.cells[0].startswith("requests.") for f in check(r))
    e.revert(r)
    assert r.cells["requests.new.business"] is None
    assert r.cells["requests.new.total"] == 4
    assert fill_blanks(_filled(new_report(2021)), "requests") is None


def _filled(r: Report) -> Report:
    for table in r.definition.tables:
        edit = fill_blanks(r, table.id)
        if edit:
            edit.apply(r)
    return r


def test_imported_totals_stay_until_recomputed() -> None:
    r = _filled(new_report(2024))
    r.cells["requests.new.total"] = 9  # as an import may have it
    r.cells["requests.granted.total"] = 7
    assert {f.rule for f in check(r)} >= {"T2-E1"}
    _apply(r, enter(r, "requests.granted.natural", "1"))  # touches granted.* only
    assert r.cells["requests.new.total"] == 9
    assert r.cells["requests.granted.total"] == 1
    e = _apply(r, recompute_totals(r))
    assert r.cells["requests.new.total"] == 0
    assert not [f for f in check(r) if f.rule.startswith("T2-E1")]
    e.revert(r)
    assert r.cells["requests.new.total"] == 9
    assert recompute_totals(_filled(new_report(2024))) is None


def test_paste_block_one_edit_skipping_totals() -> None:
    r = new_report(2024)
    rows = ["\t".join(str(10 * i + j) for j in range(7)) for i in range(3)]
    result = paste(r, "requests", "requests.new.natural", "\r\n".join(rows) + "\r\n")
    assert result.written == 18
    assert result.skipped == ("requests.new.total", "requests.carried_in.total", "requests.granted.total")
    _apply(r, result.edit)
    assert r.cells["requests.carried_in.business"] == 11
    assert r.cells["requests.carried_in.total"] == sum(range(10, 16))
    result.edit.revert(r)  # type: ignore[union-attr]
    assert r.cells["requests.carried_in.total"] is None


def test_paste_is_all_or_nothing() -> None:
    r = new_report(2024)
    with pytest.raises(InputError, match="第2行第1个值"):
        paste(r, "requests", "requests.new.natural", "1\t2\nx\t3\n")
    with pytest.raises(InputError, match="超出"):
        paste(r, "requests", "requests.new.other", "1\t2\t3\n")
    with pytest.raises(InputError, match="超出"):
        paste(r, "requests", "requests.carried_out.natural", "1\n2\n")
    with pytest.raises(InputError):
        paste(r, "requests", "requests.new.natural", "")
    assert all(v is None for k, v in r.cells.items() if k.startswith("requests."))


def test_paste_follows_value_cells_across_spans_2021_active() -> None:
    r = new_report(2021)
    grid = input_grid(r, "active")
    assert grid[0] == ["active.rules.issued", "active.rules.repealed", "active.rules.in_force"]
    assert ["active.licensing.decisions"] in grid
    _apply(r, paste(r, "active", "active.rules.repealed", "1\t2\n3\t4\n").edit)
    assert r.cells["active.normative.in_force"] == 4


def test_split_block() -> None:
    assert split_block("1\t2\n3\t4\n") == [["1", "2"], ["3", "4"]]
    assert split_block("5") == [["5"]]


def test_set_field_round_trip() -> None:
    r = new_report(2024, "甲镇人民政府")
    e = set_field(r, ("body", "name"), "乙镇人民政府")
    assert e is not None
    e.apply(r)
    assert r.body.name == "乙镇人民政府"
    e.revert(r)
    assert r.body.name == "甲镇人民政府"
    assert set_field(r, ("year",), 2024) is None


def test_set_cells_without_change_is_none() -> None:
    r = new_report(2024)
    assert set_cells(r, {"requests.new.natural": None}) is None
