"""What a sentence counts decides which cell its number may stand for (qa25, defect 1).

Last year's sentences about 行政复议, 群众留言, 来信, 培训计划, 人大建议 or published licensing
*information* were bound to table 三's applications or table 二's decisions by the roll-forward, so
the next report printed the table's numbers in them; the same reading gave false N-W16/N-W1
warnings on correct sentences. A number of table 三 now binds only where the sentence is about
政府信息公开申请, 法人和/及/或者其他组织 is the applicant group (never the 「其他」 column), and a
decisions cell needs wording about decisions. The sentences are the QA's, put into the shipped
2024 sample (its tables: 新收 28 = 自然人 21 + 法人或其他组织 7, 办结 25, 结转下年度 3, 行政复议 3,
行政许可/处罚/强制 decisions 5/23/3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT, SAMPLES

from giedit.checks import check
from giedit.model import edits, figures, storage, wording
from giedit.model.report import Paragraph, Report
from giedit.model.rollforward import roll_forward

COMPARING = ("N-W1", "N-W2", "N-W3", "N-W16", "N-W17")  # the rules that compare prose with the tables
TONGXI = SAMPLES / "2024-tongxi-jiedao.giedit"
SUITS = "appeals.cases.direct_suit_total+appeals.cases.suit_after_review_total"
LEGAL_PERSONS = "+".join(f"requests.new.{c}" for c in ("business", "research", "charity", "legal", "other"))


def _refs(text: str, topic: str | None = None) -> list[tuple[str, str | None]]:
    """Each number (or denial) of ``text`` that binds, with its cell; the others with ``None``."""
    return [
        (x.snippet(wording.normalise(text)), x.ref if x.bindable else None)
        for x in (
            wording.read("2021", text, (), 2024, topic=topic)
            if topic
            else wording.read("2021", text, (), 2024)
        )
        if x.kind != "figure"
    ]


# -- reading ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "本年度收到行政复议申请2件，被提起行政诉讼1件。",
        "全年受理群众网上留言咨询58件，已全部办结58件。",
        "本年度已办理群众来信12件。",
        "本年度政务公开培训2次，结转下年度培训计划1项。",
        "本年度共收到人大代表建议3件、政协委员提案1件，已全部办结4件。",
        "受理群众信访投诉举报15件，办结15件。",
        "12345热线转办件30件，已办理30件。",
        "本年度共收到申请人补正申请2件。",
        "全年收到涉及行政许可的政府信息公开申请3件。",
        "未收到行政复议申请。",
        "收到自然人申请5件。",  # one kind of applicant: not all the new applications
    ],
)
def test_a_sentence_about_something_else_binds_nothing_of_table_三(text: str) -> None:
    assert not [(s, ref) for s, ref in _refs(text) if ref and ref.startswith("requests.")]


def test_a_review_application_is_table_四s_not_a_new_application() -> None:
    assert _refs("本年度收到行政复议申请2件，被提起行政诉讼1件。") == [
        ("2件", "appeals.cases.review_total"),
        ("1件", SUITS),
    ]
    assert _refs("未收到行政复议申请。") == [("未收到行政复议", "appeals.cases.review_total")]


def test_the_petition_row_is_named_by_its_label_not_counted_as_new_applications() -> None:
    assert _refs("收到信访举报投诉类申请1件，已按信访程序处理。") == [
        ("1件", "requests.refused_petition.total")
    ]


@pytest.mark.parametrize("joined", ["和", "及", "与", "或", "或者"])
def test_法人和其他组织_is_the_applicant_group_not_the_其他_column(joined: str) -> None:
    text = f"全年新收申请12件，其中自然人9件，法人{joined}其他组织3件。"
    assert _refs(text) == [
        ("12件", "requests.new.total"),
        ("9件", "requests.new.natural"),
        ("3件", LEGAL_PERSONS),
    ]
    assert _refs(f"本年度新收政府信息公开申请12件，法人{joined}其它组织3件。")[-1] == ("3件", LEGAL_PERSONS)


@pytest.mark.parametrize(
    "text", ["全年公开行政许可类信息25条，公开行政处罚结果信息6条。", "公开行政处罚结果信息6条。"]
)
def test_published_information_items_are_not_decisions(text: str) -> None:
    assert all(ref is None for _, ref in _refs(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本年度新收政府信息公开申请28件。", [("28件", "requests.new.total")]),
        ("行政处罚决定23件。", [("23件", "active.penalty.decisions")]),
        ("公开行政许可处理决定5件。", [("5件", "active.licensing.decisions")]),
        (
            "本年度作出行政许可决定40件、行政处罚决定10件，未作出行政强制决定。",
            [
                ("40件", "active.licensing.decisions"),
                ("10件", "active.penalty.decisions"),
                ("未作出行政强制", "active.enforcement.decisions"),
            ],
        ),
        ("自然人提出申请20件。", [("20件", "requests.new.natural")]),
        ("本年度共收到法人或者其他组织提出的申请3件。", [("3件", LEGAL_PERSONS)]),
        (
            "全年新收政府信息公开申请10件，办结9件，结转下年度继续办理2件。",
            [
                ("10件", "requests.new.total"),
                ("9件", "requests.total.total"),
                ("2件", "requests.carried_out.total"),
            ],
        ),
        ("本年度因政府信息公开被申请行政复议2件。", [("2件", "appeals.cases.review_total")]),
    ],
)
def test_what_names_a_cell_still_binds(text: str, expected: list[tuple[str, str]]) -> None:
    assert _refs(text) == expected


def test_办结_binds_where_the_paragraph_is_about_applications_until_it_turns_to_something_else() -> None:
    text = "本年度新收政府信息公开申请28件。全年办结25件，结转下年度3件。全年受理群众网上留言咨询58件，已全部办结58件。"
    assert _refs(text) == [
        ("28件", "requests.new.total"),
        ("25件", "requests.total.total"),
        ("3件", "requests.carried_out.total"),
        ("58件", None),
        ("58件", None),
    ]


def test_办结_alone_binds_only_in_section_三() -> None:
    text = "本年度办结9件，结转下年度2件。"
    assert _refs(text) == [("9件", None), ("2件", None)]
    assert _refs(text, topic="requests") == [
        ("9件", "requests.total.total"),
        ("2件", "requests.carried_out.total"),
    ]


# -- the roll-forward ---------------------------------------------------------------------------------

# last year's correct sentences, the cell each must follow (None: left as last year's, to confirm)
ROLLED = [
    ("本年度收到行政复议申请3件，被提起行政诉讼3件。", ["appeals.cases.review_total", SUITS]),
    (
        "全年新收申请28件，其中自然人21件，法人和其他组织7件。",
        ["requests.new.total", "requests.new.natural", LEGAL_PERSONS],
    ),
    (
        "全年新收申请28件，其中自然人21件，法人及其他组织7件。",
        ["requests.new.total", "requests.new.natural", LEGAL_PERSONS],
    ),
    ("全年受理群众网上留言咨询58件，已全部办结58件。", [None, None]),
    ("全年公开行政许可类信息25条，公开行政处罚结果信息6条。", [None, None]),
    ("本年度政务公开培训2次，结转下年度培训计划1项。", [None, None]),
]


def _with_sentences(tmp_path: Path) -> Path:
    """The 2024 sample with the QA's sentences as paragraphs of 一, written to a real file."""
    last = storage.load(TONGXI)
    for text, _ in ROLLED:
        n = len(last.text_of("overview").paragraphs)
        edits.insert_paragraph(last, "overview", n, text=text).apply(last)
    path = tmp_path / "2024.giedit"
    storage.save(last, path)
    return path


def _rolled_paragraphs(report: Report) -> list[Paragraph]:
    return report.text_of("overview").paragraphs[-len(ROLLED) :]


def test_the_roll_forward_binds_each_sentence_to_what_it_counts(tmp_path: Path) -> None:
    result = roll_forward(storage.load(_with_sentences(tmp_path)))
    new = result.report
    for p, (text, cells) in zip(_rolled_paragraphs(new), ROLLED, strict=True):
        assert p.figures == [c for c in cells if c], text
        assert len(p.unconfirmed) == cells.count(None), text  # the rest is last year's, to confirm
    # the figures follow this year's tables; the other numbers stay last year's
    edits.set_cells(
        new,
        {
            "requests.new.natural": 20,
            "requests.new.business": 5,
            "requests.new.research": 0,
            "requests.new.charity": 0,
            "requests.new.legal": 0,
            "requests.new.other": 1,
            "appeals.cases.review_upheld": 1,
        },
    ).apply(new)
    printed = [figures.paragraph_text(new, p) for p in _rolled_paragraphs(new)]
    assert printed[0] == "本年度收到行政复议申请1件，被提起行政诉讼□件。"
    assert printed[1] == "全年新收申请26件，其中自然人20件，法人和其他组织6件。"
    assert printed[2] == "全年新收申请26件，其中自然人20件，法人及其他组织6件。"
    assert printed[3:] == [text for text, _ in ROLLED[3:]]
    # what was bound is listed, by the words and the cell's official name
    bound = {(b.text, b.cell) for b in result.bound}
    assert ("本年度收到行政复议申请3件", figures.label(new, "appeals.cases.review_total")) in bound
    assert ("法人和其他组织7件", figures.label(new, LEGAL_PERSONS)) in bound
    assert not [
        b for b in result.bound if any(w in b.text for w in ("留言", "许可类信息", "结果信息", "培训"))
    ]


def test_giedit_new_and_the_editors_summary_list_what_was_bound(tmp_path: Path) -> None:
    source = _with_sentences(tmp_path)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "giedit.cli",
            "new",
            "--from",
            str(source),
            "-o",
            str(tmp_path / "2025.giedit"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    fmt = storage.load(tmp_path / "2025.giedit").definition
    lines = out.stdout.splitlines()
    assert any(
        "「法人和其他组织7件」→" in line and figures.resolve(fmt, LEGAL_PERSONS).label in line
        for line in lines
    )
    assert any(
        "「本年度收到行政复议申请3件」→" in line and "行政复议" in line.split("→")[1] for line in lines
    )
    assert not [line for line in lines if "→" in line and ("留言" in line or "培训" in line)]

    from giedit.ui.exchange import rollforward_groups  # the editor's 结转情况 shows the same list

    result = roll_forward(storage.load(source))
    groups = {g.title: g for g in rollforward_groups(result)}
    bound = groups["已改为随表格更新的数字（请核对所连的表格数字）"]
    entries = [e.text for e in bound.entries]
    assert len(entries) == len(result.bound) and any("法人和其他组织7件" in e for e in entries)
    assert bound.expanded and all("」→ " in e for e in entries)  # each with its cell, shown open


# -- the checks ---------------------------------------------------------------------------------------


def _warnings(text: str, **cells: int) -> list[tuple[str, tuple[str, ...]]]:
    report = storage.load(TONGXI)
    report.cells.update(cells)
    report.section("overview").paragraphs = [Paragraph(text=text)]
    return [(f.rule, f.cells) for f in check(report) if f.section == "overview" and f.rule in COMPARING]


@pytest.mark.parametrize(
    "text",
    [
        "全年新收申请28件，其中自然人21件，法人和其他组织7件。",
        "全年新收申请28件，其中自然人21件，法人及其他组织7件。",
        "收到行政复议申请3件。",
        "本年度共收到行政复议申请3件，行政诉讼3件。",
        "全年受理群众网上留言咨询58件，已全部办结58件。",
        "本年度已办理群众来信12件。",
        "全年公开行政许可类信息25条。",
        "公开行政处罚结果信息6条。",
        "本年度政务公开培训2次，结转下年度培训计划1项。",
        "本年度共收到申请人补正申请2件。",
        "本年度共收到人大代表建议3件、政协委员提案1件，均已办结。",
    ],
)
def test_a_correct_sentence_about_something_else_is_not_compared_with_table_三(text: str) -> None:
    assert _warnings(text) == []


def test_a_petition_type_application_is_not_a_new_application() -> None:
    petition = {"requests.refused_petition.legal": 1, "requests.refused_petition.total": 1}
    assert _warnings("收到信访举报投诉类申请1件，已按信访程序处理。", **petition) == []


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("收到行政复议申请2件。", ("appeals.cases.review_total",)),
        ("全年新收申请28件，其中自然人21件，法人和其他组织5件。", tuple(LEGAL_PERSONS.split("+"))),
        ("本年度作出行政处罚决定20件。", ("active.penalty.decisions",)),
        ("本年度新收政府信息公开申请28件，办结20件。", ("requests.total.total",)),
    ],
)
def test_a_wrong_number_of_what_a_cell_counts_is_still_flagged(text: str, cells: tuple[str, ...]) -> None:
    assert ("N-W16", cells) in _warnings(text)
