"""用上年报告新建 when the clerk changes the year in the dialog (issue 15): last year's report as
read is rolled again, the file is never read a second time, and the result is what a fresh start
at that year would make — including the record of the published file, so no export replaces it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from import_fixtures import filled_report
from paths import SHARED

from giedit.importers.start import start_from_last, with_year
from giedit.model import sources
from giedit.model.rollforward import RollForwardError
from giedit.model.storage import save

WORD_SAMPLE = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"


def test_a_published_report_rolled_to_another_year_after_its_file_is_gone(tmp_path: Path) -> None:
    path = tmp_path / "上年报告.docx"
    shutil.copyfile(WORD_SAMPLE, path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    started = start_from_last(path)
    assert started.rolled.report.year == 2023
    fresh = start_from_last(path, 2025).rolled.report  # what reading the file again would give
    path.unlink()
    again = with_year(started, 2025)
    new = again.rolled.report
    assert new.year == 2025 and new.period == "2025年1月1日至2025年12月31日"
    assert new.previous is None  # 2022 is not the year before 2025: no 上年 for the checks
    assert new == fresh
    assert [(s.name, s.sha256) for s in new.sources] == [("上年报告.docx", digest)]
    assert any("中间隔了 2 年" in w for w in again.rolled.warnings)
    assert again.last.year == 2022 and with_year(started, 2023).rolled.report.previous is not None
    assert started.rolled.report.year == 2023  # the first roll is left as the clerk was shown it
    assert again.last is started.last and again.imported is started.imported


def test_the_recorded_source_is_the_file_as_read_not_as_it_is_later(tmp_path: Path) -> None:
    path = tmp_path / "上年报告.docx"
    shutil.copyfile(WORD_SAMPLE, path)
    started = start_from_last(path)
    assert sources.is_source(started.rolled.report, path) is not None
    path.write_bytes(b"changed meanwhile")
    new = with_year(started, 2024).rolled.report
    assert sources.is_source(new, path) is None
    shutil.copyfile(WORD_SAMPLE, tmp_path / "elsewhere.docx")
    assert sources.is_source(new, tmp_path / "elsewhere.docx") is not None


def test_a_giedit_file_rolled_again_and_the_same_year_kept(tmp_path: Path) -> None:
    path = tmp_path / "2024.giedit"
    save(filled_report(2024), path)
    started = start_from_last(path)
    path.unlink()
    assert with_year(started, 2025) is started  # the year already rolled: nothing to do
    previous = started.rolled.report.previous
    assert previous is not None and (previous.year, previous.source) == (2024, "giedit")
    new = with_year(started, 2026).rolled.report
    assert new.year == 2026 and new.previous is None  # two years on: 2024 is not its 上年
    assert new.sources == [] and started.source is None
    with pytest.raises(RollForwardError, match="必须晚于上年报告的年度"):
        with_year(started, 2024)
