"""The one mutation path (giedit.model.edits), without Qt."""

from __future__ import annotations

import datetime as dt

import pytest

from giedit.checks import Finding, check
from giedit.checks.acceptance import acceptance, dismiss, override, reinstate
from giedit.model.edits import (
    PREAMBLE,
    InputError,
    SetCells,
    SetField,
    SetNarrative,
    block,
    character_count,
    clear,
    enter,
    fill_blanks,
    format_date,
    input_grid,
    insert_paragraph,
    insert_paragraphs,
    insert_text,
    join_with_previous,
    keep_carried_text,
    move_paragraph,
    moved_to,
    paragraphs_of,
    parse_date,
    paste,
    recompute_totals,
    remove_paragraph,
    set_cells,
    set_extra,
    set_field,
    set_level,
    set_paragraph_text,
    set_unit,
    set_year,
    split_block,
)
from giedit.model.numbering import numbered
from giedit.model.report import Level, Paragraph, PreviousYear, Report, new_report
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
    _apply(r, enter(r, "active.fees.fee_amount", "100元"))  # converted (issue 16)
    assert r.cells["active.fees.fee_amount"] == Money(amount=0.01, unit="万元")
    with pytest.raises(InputError):
        enter(r, "active.fees.fee_amount", "2.02元")  # 0.000202万元: past four decimals


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


def test_paste_names_the_pasted_totals_that_disagree_with_their_items() -> None:
    """A copied sheet whose own 总计 was wrong: the report will say the sum of the items, and
    the paste says which pasted totals differ, with both numbers."""
    r = new_report(2024)
    rows = ["\t".join(str(10 * i + j) for j in range(7)) for i in range(3)]
    result = paste(r, "requests", "requests.new.natural", "\n".join(rows))
    assert result.disagreeing == (
        ("requests.new.total", 6, 15),
        ("requests.carried_in.total", 16, 75),
        ("requests.granted.total", 26, 135),
    )
    agreeing = paste(r, "requests", "requests.new.natural", "21 4 1 0 0 0 26")
    assert agreeing.skipped == ("requests.new.total",) and agreeing.disagreeing == ()
    odd = paste(r, "requests", "requests.new.natural", "1\t1\t0\t0\t0\t0\t见附表")
    assert odd.disagreeing == ()  # not a number where the total was: nothing to compare


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


def test_blocks_copied_from_a_pdf_or_with_their_labels() -> None:
    """Numbers separated by spaces (a PDF, a web page) and rows copied with their labels paste
    as the numbers alone; a cell's 无 is a value, not a label."""
    assert split_block("12 3 0\n4\u30005 6\n") == [["12", "3", "0"], ["4", "5", "6"]]
    assert split_block("规章\t0\t1\t2\n") == [["0", "1", "2"]]
    assert split_block("（三）不予公开 1.属于国家秘密 0 1") == [["0", "1"]]
    assert split_block("无\t3") == [["无", "3"]]
    r = new_report(2024)
    text = (
        "一、本年新收政府信息公开申请数量 21 4 1 0 0 0 26\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
    )
    result = paste(r, "requests", "requests.new.natural", text)
    _apply(r, result.edit)
    assert [r.cells[f"requests.new.{c}"] for c in ("natural", "business", "research", "total")] == [
        21,
        4,
        1,
        26,
    ]
    assert r.cells["requests.carried_in.total"] == 0


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


# -- narrative ---------------------------------------------------------------------------------


def _texts(r: Report, where: str = "overview") -> list[tuple[str, str]]:
    return [(str(p.level), p.text) for p in paragraphs_of(r, where)]


def _outline(r: Report, where: str = "overview") -> list[str]:
    return [m + p.text for p, m in numbered(paragraphs_of(r, where))]


def _report_with(paras: list[tuple[Level, str]], carried: bool = False) -> Report:
    r = new_report(2024)
    r.section("overview").paragraphs = [Paragraph(level=lv, text=t) for lv, t in paras]
    r.section("overview").carried = carried
    return r


def test_typing_a_paragraph_clears_carried_in_the_same_step() -> None:
    r = _report_with([(Level.BODY, "去年的文字")], carried=True)
    e = set_paragraph_text(r, "overview", 0, "今年的文字")
    assert isinstance(e, SetNarrative)
    e.apply(r)
    assert _texts(r) == [("body", "今年的文字")]
    assert r.section("overview").carried is False
    e.revert(r)
    assert _texts(r) == [("body", "去年的文字")]
    assert r.section("overview").carried is True
    assert set_paragraph_text(r, "overview", 0, "去年的文字") is None  # unchanged: no edit


def test_typing_steps_merge_into_one() -> None:
    r = _report_with([(Level.BODY, "")])
    first = set_paragraph_text(r, "overview", 0, "本")
    assert first is not None
    first.apply(r)
    second = set_paragraph_text(r, "overview", 0, "本年")
    assert second is not None
    second.apply(r)
    assert first.absorb(second)
    first.revert(r)
    assert _texts(r) == [("body", "")]
    other = set_paragraph_text(_report_with([(Level.BODY, "x")]), "overview", 0, "y")
    assert other is not None and not first.absorb(other)  # not a continuation


def test_insert_remove_level_and_numbering() -> None:
    r = _report_with([(Level.BODY, "导语")])
    _apply_n(r, insert_paragraph(r, "overview", 1, Level.H2, "主动公开"))
    _apply_n(r, insert_paragraph(r, "overview", 2, Level.BODY, "正文一"))
    _apply_n(r, insert_paragraph(r, "overview", 3, Level.H2, "依申请公开"))
    _apply_n(r, insert_paragraph(r, "overview", 4, Level.H3, "收到申请"))
    assert _outline(r) == ["导语", "（一）主动公开", "正文一", "（二）依申请公开", "1.收到申请"]
    e = _apply_n(r, remove_paragraph(r, "overview", 1))
    assert _outline(r) == ["导语", "正文一", "（一）依申请公开", "1.收到申请"]
    e.revert(r)
    _apply_n(r, set_level(r, "overview", 2, Level.H2))
    assert _outline(r)[2] == "（二）正文一"
    with pytest.raises(IndexError):
        remove_paragraph(r, "overview", 9)


def _apply_n(r: Report, e: SetNarrative | None) -> SetNarrative:
    assert e is not None
    e.apply(r)
    return e


def test_moving_a_heading_moves_its_paragraphs() -> None:
    r = _report_with(
        [
            (Level.H2, "甲"),
            (Level.BODY, "甲的正文"),
            (Level.H3, "甲1"),
            (Level.H2, "乙"),
            (Level.BODY, "乙的正文"),
        ]
    )
    before = list(paragraphs_of(r, "overview"))
    assert block(before, 0) == (0, 3)
    e = _apply_n(r, move_paragraph(r, "overview", 3, -1))
    assert moved_to(before, 3, -1) == 0
    assert _outline(r) == ["（一）乙", "乙的正文", "（二）甲", "甲的正文", "1.甲1"]
    e.revert(r)
    _apply_n(r, move_paragraph(r, "overview", 0, +1))
    assert moved_to(before, 0, +1) == 2
    assert _outline(r)[0] == "（一）乙"
    assert move_paragraph(r, "overview", 0, -1) is None  # first heading: nowhere to go
    sub = _report_with([(Level.H2, "甲"), (Level.H3, "一"), (Level.H2, "乙")])
    assert move_paragraph(sub, "overview", 1, +1) is None  # stays under its heading
    body = _report_with([(Level.BODY, "a"), (Level.H2, "b")])
    _apply_n(body, move_paragraph(body, "overview", 0, +1))  # body text moves one at a time
    assert _outline(body) == ["（一）b", "a"]


def test_enter_and_paste_split_into_paragraphs_backspace_joins() -> None:
    r = _report_with([(Level.H2, "主动公开情况")])
    _apply_n(r, insert_text(r, "overview", 0, 4, "\n"))
    assert _texts(r) == [("h2", "主动公开"), ("body", "情况")]
    _apply_n(r, insert_text(r, "overview", 1, 2, "第一段\n第二段\r\n第三"))
    assert _texts(r) == [("h2", "主动公开"), ("body", "情况第一段"), ("body", "第二段"), ("body", "第三")]
    _apply_n(r, join_with_previous(r, "overview", 2))
    assert _texts(r)[1] == ("body", "情况第一段第二段")
    assert join_with_previous(r, "overview", 0) is None


def test_preamble_and_keeping_carried_text() -> None:
    r = new_report(2024)
    _apply_n(r, insert_paragraphs(r, PREAMBLE, 0, [Paragraph(text="根据《条例》……")]))
    assert r.preamble[0].text == "根据《条例》……"
    r.section("problems").carried = True
    e = keep_carried_text(r, "problems")
    assert e is not None
    e.apply(r)
    assert not r.section("problems").carried
    e.revert(r)
    assert r.section("problems").carried
    assert keep_carried_text(r, "overview") is None
    assert character_count([Paragraph(text="一 二\n三"), Paragraph(text="四。")]) == 5


def test_extra_lines() -> None:
    r = new_report(2019)
    e = set_extra(r, "active", ["2019年本行政区域发布总数量：12", " "])
    assert e is not None
    e.apply(r)
    assert r.section("active").extra == ["2019年本行政区域发布总数量：12"]
    e.revert(r)
    assert r.section("active").extra == []


# -- basic information -------------------------------------------------------------------------


def test_parse_and_format_dates() -> None:
    assert parse_date("2022年1月5日") == dt.date(2022, 1, 5)
    assert parse_date("２０２２年１月５日") == dt.date(2022, 1, 5)
    assert parse_date("2022-01-05") == parse_date("2022.1.5") == parse_date("2022/1/5") == dt.date(2022, 1, 5)
    assert parse_date("  ") is None
    with pytest.raises(InputError, match="不是日期"):
        parse_date("一月五日")
    with pytest.raises(InputError, match="不是有效的日期"):
        parse_date("2022年2月30日")
    assert format_date(dt.date(2022, 1, 5)) == "2022年1月5日"
    assert format_date(None) == ""


def test_year_change_moves_a_customary_period_and_re_evaluates_f_e1() -> None:
    r = new_report(2021)
    e = set_year(r, 2020)
    assert e is not None
    e.apply(r)
    assert (r.year, r.period) == (2020, "2020年1月1日至2020年12月31日")
    assert "F-E1" in {f.rule for f in check(r)}
    e.revert(r)
    assert (r.year, r.period) == (2021, "2021年1月1日至2021年12月31日")
    r.period = "自定义期间"
    e = set_year(r, 2022)
    assert isinstance(e, SetField)  # only the year
    assert set_year(r, 2021) is None


# -- dismissals and overrides --------------------------------------------------------------------


def _t2_e4(r: Report) -> Finding:
    return next(f for f in check(r) if f.rule == "T2-E4")


def _with_carry_mismatch() -> Report:
    r = _filled(new_report(2024))
    r.previous = PreviousYear(format="2021", year=2023, cells={"requests.carried_out.natural": 2})
    return r


def test_dismiss_a_warning_covers_that_finding_only_and_reverts() -> None:
    r = new_report(2024)
    r.section("problems").carried = True
    r.section("other").carried = True
    carried = [f for f in check(r) if f.rule == "N-W15"]
    assert len(carried) == 2
    e = dismiss(r, carried[0], "  已核实\n无需修改 ")
    e.apply(r)
    assert r.dismissals[0].reason == "已核实 无需修改"
    assert r.dismissals[0].section == carried[0].section
    after = [f for f in check(r) if f.rule == "N-W15"]
    assert [f.dismissed for f in after] == [True, False]
    assert acceptance(r, after[0]) == r.dismissals[0]
    back = reinstate(r, after[0])
    assert back is not None
    back.apply(r)
    assert r.dismissals == []
    e.apply(r)
    e.revert(r)
    assert r.dismissals == []
    with pytest.raises(InputError, match="理由"):
        dismiss(r, carried[0], " \n ")


def test_errors_cannot_be_dismissed_only_f_e1_and_t2_e4_overridden() -> None:
    r = new_report(2024)
    blank = next(f for f in check(r) if f.rule == "G-E1")
    with pytest.raises(InputError, match="不能忽略"):
        dismiss(r, blank, "理由")
    with pytest.raises(InputError, match="只有"):
        override(r, blank, "理由")
    r = _with_carry_mismatch()
    finding = _t2_e4(r)
    with pytest.raises(InputError, match="理由"):
        override(r, finding, "")
    e = override(r, finding, "本镇上年与邻镇合并")
    e.apply(r)
    assert r.overrides[0].rule == "T2-E4"
    assert _t2_e4(r).dismissed
    assert acceptance(r, _t2_e4(r)) == r.overrides[0]
    e.revert(r)
    assert not _t2_e4(r).dismissed
    e.apply(r)
    back = reinstate(r, _t2_e4(r))
    assert back is not None
    back.apply(r)
    assert r.overrides == []
    assert reinstate(r, _t2_e4(r)) is None


def test_refusals_are_one_short_chinese_line() -> None:
    r = new_report(2024)
    for text in ("9" * 400, "1\n2x", "\x00abc"):
        with pytest.raises(InputError) as err:
            enter(r, "requests.new.natural", text)
        assert "\n" not in str(err.value) and len(str(err.value)) < 60
    with pytest.raises(InputError, match="位数太多"):
        enter(r, "active.fees.fee_amount", "1" * 16)
    with pytest.raises(InputError) as err:
        parse_date("2022年\n1月")
    assert "\n" not in str(err.value)
