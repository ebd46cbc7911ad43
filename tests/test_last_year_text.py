"""Issue 11: the narrative cannot state last year's facts. The roll-forward binds last year's
numbers to this year's cells or marks them; N-E2 refuses a final export while a prompt or a gap is
left; N-W16 names last year's unconfirmed numbers and numbers that disagree with the tables. The
acceptance scenario runs through the real ``giedit`` command and reads the real PDF."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from paths import SAMPLES
from pypdf import PdfReader

from giedit import cli
from giedit.checks import RULES, Severity, check
from giedit.model import figures, inline, storage
from giedit.model.report import FIGURE, PROMPTS, TODO, Paragraph, Report, Span, new_report
from giedit.model.rollforward import roll_forward

TONGXI = SAMPLES / "2024-tongxi-jiedao.giedit"
APPLICANTS = ("natural", "business", "research", "charity", "legal", "other")


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIEDIT_DATA_DIR", str(tmp_path / "data"))


def this_years_numbers(cells: dict) -> None:
    """Every cell of a 2025 report filled, consistently, with numbers other than 2024's."""
    for k in cells:
        cells[k] = {"amount": 0.35, "unit": "万元"} if k == "active.fees.fee_amount" else 0

    def row(name: str, **values: int) -> None:
        for c in APPLICANTS:
            cells[f"requests.{name}.{c}"] = values.get(c, 0)
        cells[f"requests.{name}.total"] = sum(values.values())

    cells.update(
        {
            "active.normative.issued": 3,
            "active.normative.repealed": 1,
            "active.normative.in_force": 11,
            "active.licensing.decisions": 7,
            "active.penalty.decisions": 17,
            "active.enforcement.decisions": 2,
        }
    )
    row("new", natural=24, business=3, legal=2, other=1)  # 30
    row("carried_in", natural=2, legal=1)  # 2024's 结转下年度: 3
    row("granted", natural=14, business=2)
    row("partial", natural=3, legal=1)
    row("withheld_third_party", natural=2)
    row("unable_not_held", natural=3, other=1)
    row("refused_repeat", natural=1)
    row("other_no_correction", business=1)
    row("total", natural=23, business=3, legal=1, other=1)  # 28
    row("carried_out", natural=3, legal=2)  # 30 + 3 - 28
    for k, v in {"review_upheld": 1, "review_corrected": 1, "review_total": 2}.items():
        cells[f"appeals.cases.{k}"] = v
    cells["appeals.cases.direct_suit_upheld"] = cells["appeals.cases.direct_suit_total"] = 1


def _pdf_text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_issue_scenario_through_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r_path = tmp_path / "r.giedit"
    assert cli.main(["new", "--from", str(TONGXI), "-o", str(r_path)]) == 0
    out = capsys.readouterr().out
    assert "已改为随表格更新的数字" in out and "「412条」" in out
    doc = json.loads(r_path.read_text(encoding="utf-8"))
    this_years_numbers(doc["report"]["cells"])
    r_path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    assert cli.main(["check", "--json", str(r_path)]) == 1
    findings = json.loads(capsys.readouterr().out)[0]["findings"]
    rules = [f["rule"] for f in findings]
    assert not {"G-E1", "T2-E1", "T2-E2", "T2-E3", "T2-E4"} & set(rules)  # the tables are right
    prompts = [f for f in findings if f["rule"] == "N-E2"]
    report = storage.load(r_path)
    left = [p for p in report.section("problems").paragraphs if any(m in p.text for m in PROMPTS)]
    assert len(prompts) == len(left) == 5
    assert any(f["rule"] == "N-W16" and "「412条」" in f["message"] for f in findings)

    pdf = tmp_path / "r.pdf"
    assert cli.main(["export", str(r_path), "-o", str(pdf), "--draft"]) == 0
    text = _pdf_text(pdf)
    assert "草稿" in text
    assert "本年度新收政府信息公开申请30件" in text and "行政处罚决定17件" in text
    assert "全年办结28件" in text and "截至年底现行有效11件" in text
    for stale in ("申请28件", "决定23件", "现行有效9件", "办结25件"):
        assert stale not in text, stale

    final = tmp_path / "final.pdf"
    capsys.readouterr()
    assert cli.main(["export", str(r_path), "-o", str(final)]) == 1
    err = capsys.readouterr().err
    assert "N-E2" in err and "待修改" in err
    assert not final.exists()


def _rolled() -> Report:
    return roll_forward(storage.load(TONGXI)).report


def test_roll_forward_binds_table_numbers_and_marks_the_rest() -> None:
    result = roll_forward(storage.load(TONGXI))
    r = result.report
    p = r.section("overview").paragraphs[4]  # the 依申请公开 paragraph
    assert p.figures[0] == "requests.new.total" and p.text.startswith(f"本年度新收政府信息公开申请{FIGURE}件")
    assert {b.text for b in result.bound} >= {
        "本年度新收政府信息公开申请28件",
        "综合行政执法领域行政处罚决定23件",
    }
    marked = {(u.section, u.text) for u in result.unconfirmed}
    assert {("overview", "412条"), ("overview", "420余条"), ("overview", "8个"), ("other", "0元")} <= marked
    assert ("overview", "无上年结转") in marked  # this year carries 3 in: the denial is in doubt
    active = r.section("overview").paragraphs[2]
    assert next(active.text[s.start : s.end] for s in active.unconfirmed) == "412条"
    assert r.date is None and any("成文日期" in n for n in result.notes)
    r.cells["requests.new.total"] = 30
    assert figures.paragraph_text(r, p).startswith("本年度新收政府信息公开申请30件")


def test_a_denial_this_year_still_makes_true_is_not_marked() -> None:
    last = storage.load(TONGXI)
    last.cells["requests.carried_out.natural"] = last.cells["requests.carried_out.legal"] = 0
    last.cells["requests.carried_out.total"] = 0  # so this year's 上年结转 is 0
    result = roll_forward(last)
    assert ("overview", "无上年结转") not in {(u.section, u.text) for u in result.unconfirmed}


def test_section_five_becomes_one_prompt_per_item_of_last_years_problems() -> None:
    r = _rolled()
    texts = [p.text for p in r.section("problems").paragraphs]
    assert texts[0] == "上年度问题整改情况"
    items = [t for t in texts if t.startswith(f"{TODO}上年问题")]
    assert len(items) == 3
    assert items[0].startswith(f"{TODO}上年问题一：依申请公开数量增长较快")
    assert "（上年提出的改进措施：建立依申请公开疑难件会商机制" in items[0]
    assert not any("针对上年度报告中指出" in t for t in texts)  # the year before last stays behind


def test_last_years_figures_carry_when_this_format_has_their_cells() -> None:
    last = storage.load(TONGXI)
    last.section("overview").paragraphs = [
        Paragraph(
            text=f"新收申请{FIGURE}件，上上年{FIGURE}件。",
            figures=["requests.new.total", "requests.nope.total"],
        )
    ]
    result = roll_forward(last)
    p = result.report.section("overview").paragraphs[0]
    assert p.figures == ["requests.new.total"]
    assert p.text == f"新收申请{FIGURE}件，上上年{figures.BLANK}件。"
    assert [(s.start, s.end) for s in p.unconfirmed] == [(10, 11)]


# -- N-E2 ------------------------------------------------------------------------------------------


def _n(report: Report, rule: str) -> list:
    return [f for f in check(report) if f.rule == rule]


def test_n_e2_is_an_error_on_prompts_and_gaps_placed_on_the_first() -> None:
    assert RULES["N-E2"].severity is Severity.ERROR
    r = new_report(2024, "某某镇人民政府")
    r.section("problems").paragraphs = [
        Paragraph(text="本年度问题已整改。"),
        Paragraph(text=f"前文。{TODO}请写明本年度存在的主要问题。后文"),
        Paragraph(text="请写明下一步的改进措施。"),  # the marker removed, the prompt left
    ]
    r.section("overview").paragraphs = [
        Paragraph(text=f"收到申请{FIGURE}件，办结□件。", figures=["requests.new.total"])
    ]
    found = {(f.section, f.place) for f in _n(r, "N-E2")}
    assert found == {("problems", (1, 3, 22)), ("problems", (2, 0, 12)), ("overview", (0, 4, 5))}
    r.cells["requests.new.total"] = 3
    (gap,) = [f for f in _n(r, "N-E2") if f.section == "overview"]
    assert gap.place == (0, 9, 10) and "□" in gap.message


# -- N-W16 ----------------------------------------------------------------------------------------


def test_n_w16_names_each_unconfirmed_number_once_per_paragraph_until_confirmed() -> None:
    r = _rolled()
    (first, *_) = [f for f in _n(r, "N-W16") if f.section == "overview"]
    p = r.section("overview").paragraphs[first.place[0]]  # type: ignore[index]
    assert "上年数字「412条」「178条」" in first.message
    assert p.text[first.place[1] : first.place[2]] == "412条"  # type: ignore[index]
    r.section("overview").paragraphs[first.place[0]] = inline.confirmed(p)  # type: ignore[index]
    assert not [f for f in _n(r, "N-W16") if f.place and f.place[0] == first.place[0]]  # type: ignore[index]


def test_n_w16_a_plain_number_or_denial_that_names_a_cell_but_disagrees() -> None:
    r = new_report(2024, "某某镇人民政府")
    for cid in r.definition.cells:
        r.cells[cid] = 0
    r.cells["active.penalty.decisions"] = 17
    r.cells["requests.carried_in.natural"] = r.cells["requests.carried_in.total"] = 3
    r.cells["requests.carried_out.natural"] = r.cells["requests.carried_out.total"] = 3
    r.section("overview").paragraphs = [
        Paragraph(text="综合行政执法领域作出行政处罚决定23件、行政强制决定0件。"),
        Paragraph(text="无上年结转申请。"),
        Paragraph(text=f"作出行政处罚决定{FIGURE}件。", figures=["active.penalty.decisions"]),
        Paragraph(text="2023年作出行政处罚决定23件，较上年增加5件。"),
    ]
    found = [f for f in _n(r, "N-W16")]
    assert [(f.place[0], f.cells) for f in found] == [  # type: ignore[index]
        (0, ("active.penalty.decisions",)),
        (1, ("requests.carried_in.total",)),
    ]
    assert "「综合行政执法领域作出行政处罚决定23件」" in found[0].message and "（17）" in found[0].message


def test_n_w16_leaves_to_n_w1_what_n_w1_reports() -> None:
    r = new_report(2024, "某某镇人民政府")
    for cid in r.definition.cells:
        r.cells[cid] = 0
    r.cells["requests.new.natural"] = r.cells["requests.new.total"] = 28
    r.section("overview").paragraphs = [Paragraph(text="本年度新收政府信息公开申请30件。")]
    assert [f.rule for f in check(r) if f.rule in ("N-W1", "N-W16")] == ["N-W1"]


def test_a_figure_never_triggers_n_w1_to_n_w3_nor_n_w16() -> None:
    r = new_report(2024, "某某镇人民政府")
    for cid in r.definition.cells:
        r.cells[cid] = 0
    r.cells["requests.new.natural"] = r.cells["requests.new.total"] = 28
    r.cells["active.normative.issued"] = 4
    r.section("overview").paragraphs = [
        Paragraph(
            text=f"本年度收到政府信息公开申请{FIGURE}件；制发行政规范性文件{FIGURE}件；未发生行政复议。",
            figures=["requests.new.natural", "active.normative.issued"],  # a wrong cell, still a figure
        )
    ]
    assert not [f for f in check(r) if f.rule in ("N-W1", "N-W2", "N-W3", "N-W16")]


def test_marks_survive_save_and_load(tmp_path: Path) -> None:
    r = _rolled()
    path = tmp_path / "r.giedit"
    storage.save(r, path)
    again = storage.load(path)
    assert (
        again.section("overview").paragraphs[2].unconfirmed == r.section("overview").paragraphs[2].unconfirmed
    )
    assert again.section("overview").paragraphs[2].unconfirmed[0] == Span(start=10, end=14)


@pytest.mark.parametrize(
    ("office", "body", "phone", "expected"),
    [
        (None, "", "0123-8821006", "如对本报告有疑问，请联系（电话：0123-8821006）。"),
        (
            None,
            "桐溪街道办事处",
            "0123-8821006",
            "如对本报告有疑问，请与桐溪街道办事处联系（电话：0123-8821006）。",
        ),
        ("党政办公室", "", None, "如对本报告有疑问，请与党政办公室联系。"),
    ],
)
def test_the_customary_preamble_reads_well_with_any_contact_field_missing(
    office: str | None, body: str, phone: str | None, expected: str
) -> None:
    from giedit.export.content import preamble

    r = new_report(2025, body)
    r.contact.office, r.contact.phone = office, phone
    (text,) = preamble(r)
    assert text.endswith(expected) and "请与联系" not in text


def test_no_contact_at_all_leaves_the_sentence_out() -> None:
    from giedit.export.content import preamble

    (text,) = preamble(new_report(2025, ""))
    assert "联系" not in text and text.endswith("12月31日。")
