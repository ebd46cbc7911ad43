"""Writes tests/broken/: one report per error rule, each broken in exactly one way.

Run ``uv run python tests/make_broken.py`` after a format or rule change; the files and
``expected.json`` (rule and cells each file must report) are committed and read by
test_broken_samples.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from giedit.checks import compute_totals
from giedit.model import storage
from giedit.model.report import BodyKind, Contact, Paragraph, PreviousYear, Report, new_report
from giedit.model.values import Money

OUT = Path(__file__).with_name("broken")


def base(year: int) -> Report:
    """A complete, consistent report: every cell filled, sums right, narrative present."""
    r = new_report(year, "青山镇人民政府")
    r.body.kind = BodyKind.TOWN
    r.contact = Contact(office="青山镇党政综合办公室", address="青山镇人民路1号", phone="0731-1234567")
    for cid, cell in r.definition.cells.items():
        r.cells[cid] = Money(amount=0, unit=cell.column.unit or "万元") if cell.kind == "money" else 0
    flows = {"new": (3, 1), "carried_in": (1, 0), "granted": (2, 1), "partial": (1, 0), "carried_out": (1, 0)}
    for row, (natural, business) in flows.items():
        r.cells[f"requests.{row}.natural"] = natural
        r.cells[f"requests.{row}.business"] = business
    r.cells["appeals.cases.review_upheld"] = 1
    r.cells.update(compute_totals(r))
    r.section("overview").paragraphs = [Paragraph(text="本年度主动公开、依申请公开工作有序开展。" * 4)]
    r.section("problems").paragraphs = [Paragraph(text="针对上年度问题已整改到位，今后继续改进。")]
    r.section("other").paragraphs = [Paragraph(text="本年度未收取信息处理费。")]
    return r


def _set(**cells: object) -> Callable[[Report], None]:
    def edit(r: Report) -> None:
        for cid, v in cells.items():
            r.cells[cid.replace("__", ".")] = v

    return edit


def _previous(carried: int) -> Callable[[Report], None]:
    def edit(r: Report) -> None:
        last = base(r.year - 1)
        last.cells["requests.carried_out.natural"] = carried
        r.previous = PreviousYear(format=last.format, year=last.year, cells=last.cells)

    return edit


def _wrong_format(r: Report) -> None:
    r.format = "2019"
    r.cells = {cid: 0 for cid in r.definition.cells}
    r.cells["active.procurement.amount"] = Money(amount=0, unit="元")


def _year(year: int) -> Callable[[Report], None]:
    def edit(r: Report) -> None:
        r.year = year
        r.period = r.default_period()

    return edit


def _baseline(r: Report) -> None:
    r.cells["active.normative.repealed"] = 9
    r.cells["active.normative.in_force"] = 0
    r.baseline_in_force = {"rules": 0, "normative": 2}
    r.baseline_source = "giedit"


def _prompt_left(r: Report) -> None:
    from giedit.model.rollforward import PROBLEMS_TEMPLATE

    r.section("problems").paragraphs.append(
        Paragraph(level=PROBLEMS_TEMPLATE[3][0], text=PROBLEMS_TEMPLATE[3][1])
    )


CASES: dict[str, tuple[int, Callable[[Report], None], list[str]]] = {
    "G-E1": (2023, _set(appeals__cases__review_other=None), ["appeals.cases.review_other"]),
    "G-E2": (2023, _set(active__licensing__decisions=-2), ["active.licensing.decisions"]),
    "G-E3": (
        2023,
        _set(active__fees__fee_amount=Money(amount="两万", unit="万元")),
        ["active.fees.fee_amount"],
    ),
    # Row totals that are wrong but still add up down the 总计 column, so only T2-E1 fires.
    "T2-E1": (2023, _set(requests__granted__total=2, requests__partial__total=2), ["requests.granted.total"]),
    # An outcome row that adds up across but is missing from （七）总计.
    "T2-E2": (
        2023,
        _set(requests__withheld_secret__natural=1, requests__withheld_secret__total=1),
        ["requests.total.natural", "requests.withheld_secret.natural"],
    ),
    "T2-E3": (2023, _set(requests__new__natural=4, requests__new__total=5), ["requests.new.natural"]),
    "T2-E4": (2023, _previous(carried=2), ["requests.carried_in.natural"]),
    "T3-E1": (2023, _set(appeals__cases__review_total=2), ["appeals.cases.review_total"]),
    "T3-E2": (2023, _set(appeals__cases__direct_suit_total=1), ["appeals.cases.direct_suit_total"]),
    "T3-E3": (
        2023,
        _set(appeals__cases__suit_after_review_pending=1),
        ["appeals.cases.suit_after_review_pending"],
    ),
    "T1a-E1": (
        2020,
        _set(active__penalty__prev_items=2, active__penalty__change=-3),
        ["active.penalty.change"],
    ),
    "T1-W1": (2023, _baseline, ["active.normative.repealed"]),
    "F-E1": (2023, _wrong_format, []),
    "N-E2": (2023, _prompt_left, []),  # a roll-forward prompt left in 五
    "F-E2": (2023, _year(99999999999999999999), []),
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    expected = {}
    for rule_id, (year, edit, cells) in CASES.items():
        report = base(year)
        edit(report)
        name = f"{rule_id}.giedit"
        storage.save(report, OUT / name, backup=False)
        expected[name] = {"rule": rule_id, "cells": cells}
    (OUT / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
