"""How findings, dismissals, overrides and the auto-sum interact (spec §8 preamble)."""

from __future__ import annotations

import pytest
from make_broken import OUT as BROKEN
from make_broken import base

from giedit.checks import Severity, active, check, compute_totals
from giedit.model import storage
from giedit.model.records import ValidationError
from giedit.model.report import Dismissal, Override, Paragraph


def test_a_dismissal_covers_one_narrative_finding_not_the_rule() -> None:
    r = base(2023)
    r.section("overview").paragraphs = []
    r.section("problems").paragraphs = []
    n14 = [f for f in check(r) if f.rule == "N-W14"]
    assert {f.section for f in n14} >= {"overview", "problems"}
    r.dismissals.append(Dismissal(rule="N-W14", section="problems", reason="本部门无此项工作"))
    after = {f.section: f.dismissed for f in check(r) if f.rule == "N-W14"}
    assert after["problems"] is True and after["overview"] is False
    assert "problems" not in {f.section for f in active(check(r)) if f.rule == "N-W14"}


def test_errors_cannot_be_dismissed_only_overridden() -> None:
    r = storage.load(BROKEN / "T2-E3.giedit")
    for f in [f for f in check(r) if f.rule == "T2-E3"]:
        r.dismissals.append(Dismissal(rule="T2-E3", cells=list(f.cells), reason="想忽略"))
    assert {g.dismissed for g in check(r) if g.rule == "T2-E3"} == {False}
    with pytest.raises(ValidationError):
        Override(rule="T2-E3", reason="不允许")


def test_override_accepts_t2_e4_with_a_reason() -> None:
    r = storage.load(BROKEN / "T2-E4.giedit")
    assert any(f.rule == "T2-E4" for f in active(check(r)))
    r.overrides.append(Override(rule="T2-E4", reason="本镇与邻镇合并，上年结转数已重新核定"))
    assert not any(f.rule == "T2-E4" for f in active(check(r)))
    assert any(f.rule == "T2-E4" and f.dismissed for f in check(r))


def test_blank_parts_skip_the_sum_rule_and_g_e1_reports_them_once() -> None:
    r = base(2023)
    r.cells["requests.new.natural"] = None
    rules = [f.rule for f in check(r) if f.severity is Severity.ERROR]
    assert rules == ["G-E1"]


def test_compute_totals_fills_every_total_from_its_parts() -> None:
    r = base(2023)
    for cid in r.definition.computed_cells:
        r.cells[cid] = None
    r.cells.update(compute_totals(r))
    assert r.cells["requests.new.total"] == 4
    assert r.cells["requests.total.natural"] == 3
    assert r.cells["requests.total.total"] == 4
    assert r.cells["appeals.cases.review_total"] == 1
    assert [f for f in check(r) if f.severity is Severity.ERROR] == []


def test_a_stored_total_is_reported_not_overwritten() -> None:
    r = base(2023)
    r.cells["requests.new.total"] = 9
    findings = check(r)
    assert r.cells["requests.new.total"] == 9
    assert any(f.rule == "T2-E1" and "requests.new.total" in f.cells for f in findings)


def test_rules_never_raise_on_garbage_values() -> None:
    r = base(2023)
    for i, cid in enumerate(r.cells):
        r.cells[cid] = ["x", -5, 1.5, None, "１２", float("nan"), float("inf"), 10**30][i % 8]
    r.section("overview").paragraphs = [Paragraph(text="\x00" * 10)]
    findings = check(r)
    assert any(f.rule == "G-E2" for f in findings) and any(f.rule == "G-E1" for f in findings)
