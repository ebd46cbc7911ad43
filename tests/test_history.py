"""The earlier versions of a document and what differs (issue 16, 历史版本), without Qt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from giedit.model import backups, edits
from giedit.model.history import Difference, compare, versions
from giedit.model.report import Paragraph, new_report
from giedit.model.storage import dumps, loads, save


def test_versions_are_the_backups_newest_first_with_time_size_and_report(tmp_path: Path) -> None:
    path = tmp_path / "乙镇.giedit"
    report = new_report(2024, "乙镇人民政府")
    before = dt.datetime.now().replace(microsecond=0) - dt.timedelta(seconds=1)
    for n in (1, 2, 3):
        report.cells["requests.new.natural"] = n
        save(report, path)
    found = versions(path)
    assert [v.report.cells["requests.new.natural"] for v in found] == [2, 1]  # type: ignore[union-attr]
    assert all(v.problem is None and v.size == v.path.stat().st_size for v in found)
    assert all(before <= v.saved <= dt.datetime.now() for v in found)
    assert found[0].saved >= found[1].saved
    assert backups.taken_at(found[0].path) is not None


def test_a_damaged_backup_is_listed_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "乙镇.giedit"
    path.write_text("{不是报告", encoding="utf-8")
    save(new_report(2024), path)  # the damaged file becomes a backup
    (version,) = versions(path)
    assert version.report is None and version.problem and "损坏" in version.problem
    assert version.saved  # from the backup's name: the file had no saved_at


def test_compare_names_what_differs() -> None:
    old = new_report(2024, "乙镇人民政府")
    new = old.model_copy(deep=True)
    assert compare(old, new).none
    for cid, text in (
        ("requests.new.natural", "3"),
        ("requests.new.business", "1"),
        ("appeals.cases.review_upheld", "2"),
    ):
        edit = edits.enter(new, cid, text)
        assert edit is not None
        edit.apply(new)
    new.section("problems").paragraphs = [Paragraph(text="存在的问题……")]
    new.body.name = "甲镇人民政府"
    diff = compare(old, new)
    assert diff.cells == (("requests", 2), ("appeals", 1))  # the figures typed; totals follow them
    assert diff.texts == ("problems",) and diff.info and not diff.accepted and diff.years is None
    assert compare(new, old) == diff


def test_totals_count_where_they_alone_differ() -> None:
    old = new_report(2024)
    new = old.model_copy(deep=True)
    new.cells["requests.new.total"] = 5  # an imported total, recomputed since
    assert compare(old, new).cells == (("requests", 1),)


def test_blank_money_and_none_are_the_same_and_years_differ() -> None:
    old = new_report(2019)
    new = loads(dumps(old))  # blank money cells come back as they were written
    assert compare(old, new) == Difference()
    later = old.model_copy(deep=True)
    later.year = 2020
    assert compare(old, later).years == (2019, 2020)
