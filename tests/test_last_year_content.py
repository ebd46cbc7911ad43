"""What may still be last year's content (``giedit.checks.last_year``) and ``giedit export``
listing it before a final export (QA25 defect 3): unconfirmed numbers (N-W16), sections still
待修改 (N-W15), copied paragraphs (N-W13); nothing else, and nothing the clerk saw to."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from make_broken import base
from pypdf import PdfReader
from rolled_reports import finished_roll

from giedit import cli
from giedit.checks import Severity, acceptance, active, check
from giedit.checks.acceptance import blocking_findings
from giedit.checks.last_year import describe, descriptions, last_years_content, summary
from giedit.model import edits, inline, storage
from giedit.model.report import Level, Paragraph
from giedit.model.rule_ids import N_W13, N_W15, N_W16


def test_a_finished_roll_lists_last_years_numbers_and_sections_and_nothing_else() -> None:
    report = finished_roll()
    findings = check(report)
    assert blocking_findings(report) == []  # a final export is allowed
    listed = last_years_content(findings)
    assert {f.rule for f in listed} == {N_W13, N_W15, N_W16}
    others = [f for f in active(findings) if f not in listed]
    assert others and all(f.severity is Severity.WARNING for f in others)  # T1-W2, T1-W5 …: not listed
    assert {f.rule for f in others}.isdisjoint({N_W13, N_W15, N_W16})
    assert [f.section for f in listed if f.rule == N_W15] == ["overview", "problems", "other"]
    # part by part: 一 still 待修改, its copied paragraphs, its numbers paragraph by paragraph; then 五, 六
    overview = [f for f in listed if f.section == "overview"]
    assert [f.rule for f in overview[:2]] == [N_W15, N_W13]
    places = [f.place[0] for f in overview[2:] if f.place is not None]
    assert places == sorted(places) and len(places) == 5
    assert [f.section for f in listed] == sorted(
        (f.section for f in listed), key=["overview", "problems", "other"].index
    )


def test_a_number_that_disagrees_with_the_table_is_not_last_years() -> None:
    report = base(2023)
    report.section("overview").paragraphs.append(Paragraph(text="本年度作出行政处罚决定99件。"))
    (found,) = [f for f in active(check(report)) if f.rule == N_W16]
    assert found.cells == ("active.penalty.decisions",)  # N-W16 compares with the table here
    assert last_years_content(check(report)) == []


def test_each_entry_names_the_part_every_number_and_the_sentence() -> None:
    report = finished_roll()
    texts = dict(descriptions(report, last_years_content(check(report))))
    numbers = next(t for f, t in texts.items() if f.rule == N_W16 and "412条" in f.message)
    first, *more = numbers.splitlines()
    assert first.startswith("“一、总体情况”第3段")
    # the rule's message names four of the seven numbers; the entry names all seven
    p = report.section("overview").paragraphs[2]
    marked = [p.text[m.start : m.end] for m in p.unconfirmed]
    assert len(marked) == 7 and all(f"「{n}」" in more[0] for n in marked)
    assert more[1].startswith("原文：「") and "412条" in more[1]
    other = next(t for f, t in texts.items() if f.rule == N_W15 and f.section == "other")
    body = next(p for p in report.section("other").paragraphs if p.level is Level.BODY)
    opening = body.text[:20]
    assert "“六、其他需要报告的事项”沿用上年报告内容" in other and opening in other
    # the same opening is quoted once: 一 still 待修改 and 一 copied start with the same words
    n_w15, n_w13 = (
        next(t for f, t in texts.items() if f.rule == r and f.section == "overview") for r in (N_W15, N_W13)
    )
    assert "原文" in n_w15 and "原文" not in n_w13
    assert "原文" in describe(report, next(f for f in texts if f.rule == N_W13 and f.section == "overview"))


def test_what_the_clerk_confirmed_kept_or_dismissed_is_not_listed() -> None:
    report = finished_roll()
    for sid in ("overview", "problems", "other"):
        edits.keep_carried_text(report, sid).apply(report)  # type: ignore[union-attr]
        for i, p in enumerate(report.section(sid).paragraphs):
            if p.unconfirmed:
                edits.change_paragraph(report, sid, i, inline.confirmed(p)).apply(report)
    left = last_years_content(check(report))
    assert {f.rule for f in left} == {N_W13}  # copied paragraphs stay until rewritten or dismissed
    for finding in left:
        acceptance.dismiss(report, finding, "与上年情况相同，经核实沿用").apply(report)
    assert last_years_content(check(report)) == []


@pytest.fixture
def rolled(tmp_path: Path) -> Path:
    path = tmp_path / "2025-铜溪街道.giedit"
    storage.save(finished_roll(), path)
    return path


def test_a_final_export_lists_last_years_content_on_stderr_before_exporting(
    rolled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = io.StringIO()  # stdout and stderr in the order written
    monkeypatch.setattr(sys, "stdout", both)
    monkeypatch.setattr(sys, "stderr", both)
    out = tmp_path / "报告.pdf"
    assert cli.main(["export", str(rolled), "-o", str(out)]) == 0  # exported all the same
    text = both.getvalue()
    report = storage.load(rolled)
    listed = last_years_content(check(report))
    assert summary(len(listed), f"{rolled} 中") in text
    positions = [text.index(f"[提醒 {f.rule}] {f.message}") for f in listed]
    assert positions == sorted(positions) and positions[-1] < text.index("已导出：")
    assert text.index(summary(len(listed), f"{rolled} 中")) < positions[0]
    assert "原文：「" in text and "「412条」" in text
    assert "T1-W2" not in text and "T2-W2" not in text  # the other warnings stay quiet
    pdf = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "412条" in "".join(pdf.split())


def test_a_draft_export_and_a_clean_report_list_nothing(rolled: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["export", str(rolled), "--draft", "-o", str(tmp_path / "草稿.pdf")]) == 0
    err = capsys.readouterr().err
    assert "上年报告的内容" not in err and "N-W16" not in err
    clean = tmp_path / "clean.giedit"
    storage.save(base(2023), clean)
    assert cli.main(["export", str(clean), "-o", str(tmp_path / "clean.pdf")]) == 0
    captured = capsys.readouterr()
    assert "上年报告的内容" not in captured.err and "已导出" in captured.out
