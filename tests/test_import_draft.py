"""A draft giedit exported, imported back (qa25 defect 7): the 草稿 stamp the writers print above
the title (HTML) or in the page header (DOCX, PDF) is page furniture, not the first paragraph of
the 前言, and the import says that the source was a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_fixtures import filled_report
from test_import_cases import as_text

from giedit.export import export, render
from giedit.export.layout import DRAFT_STAMP
from giedit.importers import NoteKind, import_bytes, import_file
from giedit.importers.result import ImportResult
from giedit.model.report import Report


def _texts(report: Report) -> list[str]:
    texts = [p.text for p in report.preamble]
    for section in report.sections.values():
        texts += [p.text for p in section.paragraphs] + list(section.extra)
    return texts


def _draft_notes(result: ImportResult) -> list[str]:
    return [n.message for n in result.notes if "原文是草稿" in n.message]


@pytest.mark.parametrize("suffix", [".html", ".docx", ".pdf"])
def test_a_draft_export_reads_back_without_its_stamp(suffix: str, tmp_path: Path) -> None:
    original = filled_report(2024)
    draft = import_file(export(original, tmp_path / f"草稿{suffix}", draft=True))
    final = import_file(export(original, tmp_path / f"正式{suffix}"))
    assert [p.text for p in draft.report.preamble] == [p.text for p in original.preamble]
    assert DRAFT_STAMP not in _texts(draft.report)
    assert _texts(draft.report) == _texts(final.report)
    assert draft.report.cells == final.report.cells == original.cells
    (note,) = _draft_notes(draft)
    assert f"“{DRAFT_STAMP}”" in note and "核对" in note
    assert next(n for n in draft.notes if "原文是草稿" in n.message).kind is NoteKind.INFO
    assert _draft_notes(final) == []


def test_a_draft_copied_as_text_loses_every_stamp_and_page_number() -> None:
    """Text copied out of a draft PDF: 草稿 heads every page and a page number foots it."""
    original = filled_report(2024)
    clean = as_text(original)
    lines = clean.split("\n")
    lines.insert(0, DRAFT_STAMP)
    middle = lines.index("三、收到和处理政府信息公开申请情况")
    lines[middle:middle] = ["— 2 —", DRAFT_STAMP]
    result = import_bytes("\n".join(lines).encode("utf-8"), "草稿.txt")
    expected = import_bytes(clean.encode("utf-8"), "正式.txt")
    assert DRAFT_STAMP not in _texts(result.report)
    assert _texts(result.report) == _texts(expected.report)
    assert result.report.cells == expected.report.cells
    assert len(_draft_notes(result)) == 1


def test_a_report_that_speaks_of_a_draft_is_not_one() -> None:
    """草稿 inside a sentence (the office's 草稿 of a rule, a 征求意见稿) is report text."""
    original = filled_report(2024)
    original.preamble[0].text = "本报告草稿经办公室审核后发布。"
    result = import_bytes(render(original, "html"), "年报.html")
    assert result.report.preamble[0].text == "本报告草稿经办公室审核后发布。"
    assert _draft_notes(result) == []
