"""Each broken sample reports its rule, with the right cells, and no other error."""

from __future__ import annotations

import json

import pytest
from make_broken import OUT, base

from giedit.checks import Severity, active, check
from giedit.model import storage

EXPECTED = json.loads((OUT / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("year", [2020, 2023])
def test_the_base_report_is_clean(year: int) -> None:
    findings = list(active(check(base(year))))
    assert [f for f in findings if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_sample_reports_exactly_its_rule(name: str) -> None:
    want = EXPECTED[name]
    report = storage.load(OUT / name)
    errors = [f for f in check(report) if f.severity is Severity.ERROR]
    assert {f.rule for f in errors} == {want["rule"]}, [f.message for f in errors]
    assert any(set(want["cells"]) <= set(f.cells) for f in errors)
    assert all(f.message for f in errors)


def test_every_error_rule_that_a_file_can_break_has_a_sample() -> None:
    from giedit.checks import RULES

    error_rules = {r.id for r in RULES.values() if r.severity is Severity.ERROR}
    # N-E1 concerns imports (a loaded file always has every section and table).
    assert error_rules - {"N-E1"} <= {v["rule"] for v in EXPECTED.values()}
