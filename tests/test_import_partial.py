"""Reports whose stored copy stops part-way (../shared/samples/published-partial): import what is
there, leave the rest out, and say exactly what is missing. Expected figures typed by hand."""

from __future__ import annotations

import pytest
from paths import SHARED

from giedit.checks import active, check
from giedit.importers import NoteKind, import_file
from giedit.importers.result import ImportResult
from giedit.model.values import Money

PARTIAL = SHARED / "samples" / "published-partial"
REQUEST_COLUMNS = ("natural", "business", "research", "charity", "legal", "other", "total")
Z7 = [0] * 7


def _import(prefix: str) -> ImportResult:
    (path,) = PARTIAL.glob(f"{prefix}_*.txt")
    return import_file(path)


def _requests(result: ImportResult, row: str) -> list[object]:
    return [result.report.cells.get(f"requests.{row}.{c}", "absent") for c in REQUEST_COLUMNS]


def _active(result: ImportResult) -> list[object]:
    ids = [
        "rules.issued",
        "rules.repealed",
        "rules.in_force",
        "normative.issued",
        "normative.repealed",
        "normative.in_force",
        "licensing.decisions",
        "penalty.decisions",
        "enforcement.decisions",
        "fees.fee_amount",
    ]
    return [result.report.cells.get(f"active.{i}", "absent") for i in ids]


FEE_ZERO = Money(amount=0, unit="万元")


def test_guanzhou_2023() -> None:
    r = _import("001")
    assert (r.report.format, r.report.year) == ("2021", 2023)
    assert _active(r) == [0, 0, 0, 0, 0, 0, 0, 1472, 0, FEE_ZERO]
    assert _requests(r, "new") == [1, 0, 0, 0, 0, 0, 1]
    for row in ("carried_in", "granted", "partial", "withheld_secret", "withheld_law"):
        assert _requests(r, row) == Z7, row
    for row in ("withheld_safety", "withheld_third_party", "withheld_internal"):
        assert _requests(r, row) == Z7, row
    # the copy stops after six cells of 6.属于四类过程性信息: its 总计 is their sum, and says so
    assert _requests(r, "withheld_process") == Z7
    (total,) = [n for n in r.notes if n.cell == "requests.withheld_process.total"]
    assert (
        total.kind is NoteKind.INFO
        and "原文在此处中断" in total.message
        and "由各项相加得出" in total.message
    )
    assert _requests(r, "withheld_enforcement") == ["absent"] * 7
    assert not any(c.startswith("appeals.") for c in r.report.cells)
    # no title, period or signature: the year is the one the text names most, and noted as a doubt
    assert any("出现最多的年份" in n.message for n in r.of_kind(NoteKind.INFO))
    assert r.report.body.name == ""


def test_longgang_2024() -> None:
    r = _import("002")
    assert (r.report.format, r.report.year) == ("2021", 2024)
    assert r.report.period == "2024年1月1日至2024年12月31日"
    assert _active(r) == [0, 0, 0, 5, 1, 25, 0, 0, 0, FEE_ZERO]
    assert _requests(r, "new") == [58, 7, 0, 0, 1, 0, 66]
    assert _requests(r, "carried_in") == [2, 0, 0, 0, 0, 0, 2]
    assert _requests(r, "granted") == [2, 1, 0, 0, 0, 0, 3]
    assert _requests(r, "partial") == [16, 1, 0, 0, 0, 0, 17]
    assert _requests(r, "withheld_internal") == [1, 0, 0, 0, 0, 0, 1]
    assert _requests(r, "withheld_enforcement") == Z7  # cut after six cells: the total is their sum
    assert _requests(r, "withheld_query") == ["absent"] * 7


def test_huachuan_2021_blank_fee_cell() -> None:
    r = _import("015")
    assert (r.report.format, r.report.year) == ("2021", 2021)
    assert r.report.body.name == "桦川县卫生健康局"
    assert r.report.title is None  # the customary title, printed twice on the web page
    blank_fee = Money(amount=None, unit="万元")
    assert _active(r) == [0, 0, 0, 0, 0, 4, 16, 0, 0, blank_fee]
    (fee,) = [n for n in r.of_kind(NoteKind.MISSING) if n.cell == "active.fees.fee_amount"]
    assert "没有数字" in fee.message  # blank in the source, not 0
    assert _requests(r, "granted") == [1, 0, 0, 0, 0, 0, 1]
    assert _requests(r, "partial") == Z7  # the copy ends after the row's six items: 总计 is their sum
    chrome = [(n.source or "")[:4] for n in r.of_kind(NoteKind.IGNORED)]
    assert chrome == ["当前位置", "日期:2", "字号:"]  # the web page's own lines


@pytest.mark.parametrize("prefix", ["001", "002", "015"])
def test_missing_parts_are_listed(prefix: str) -> None:
    r = _import(prefix)
    headings = [n for n in r.of_kind(NoteKind.MISSING) if n.rule == "N-E1" and n.cell is None]
    assert {n.section for n in headings} >= {"appeals", "problems", "other"}
    absent = [c for c in r.report.definition.cells if c not in r.report.cells]
    noted = {n.cell for n in r.of_kind(NoteKind.MISSING) if n.cell}
    assert set(absent) <= noted  # every cell left out is listed with its reason
    rules = {f.rule for f in active(check(r.report))}
    assert {"N-E1", "G-E1"} <= rules
    assert not rules & {"T2-E1", "T2-E2", "T2-E3", "G-E2", "G-E3"}  # what was read is consistent
