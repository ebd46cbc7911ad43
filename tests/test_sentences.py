"""「从表格生成」 (giedit.model.sentences): factual sentences from the tables, without Qt."""

from __future__ import annotations

import pytest

from giedit.checks import check
from giedit.model import edits, sentences
from giedit.model.report import Level, Report, new_report


def _filled(year: int, values: dict[str, str]) -> Report:
    r = new_report(year, "某某镇人民政府")
    for table in r.definition.tables:
        edit = edits.fill_blanks(r, table.id)
        assert edit is not None
        edit.apply(r)
    for cid, text in values.items():
        edit = edits.enter(r, cid, text)
        assert edit is not None
        edit.apply(r)
    return r


REQUESTS = {
    "requests.new.natural": "5",
    "requests.new.business": "1",
    "requests.carried_in.business": "2",
    "requests.granted.natural": "3",
    "requests.partial.business": "1",
    "requests.withheld_secret.natural": "1",
    "requests.withheld_third_party.natural": "1",
    "requests.carried_out.business": "2",
    "appeals.cases.review_upheld": "1",
    "appeals.cases.review_pending": "1",
    "appeals.cases.direct_suit_corrected": "1",
}


def _text(year: int, values: dict[str, str]) -> tuple[Report, list[str]]:
    r = _filled(year, values)
    result = sentences.from_tables(r)
    assert result.notes == []
    assert all(p.level is Level.BODY for p in result.paragraphs)
    return r, [p.text for p in result.paragraphs]


def test_2021_sentences_carry_the_current_numbers() -> None:
    extra = {
        "active.normative.issued": "2",
        "active.normative.repealed": "1",
        "active.normative.in_force": "8",
        "active.licensing.decisions": "3",
        "active.fees.fee_amount": "1.5",
    }
    r, (active, requests, appeals) = _text(2024, REQUESTS | extra)
    fmt = r.definition
    normative = fmt.layout("active").row("normative").label
    assert active.startswith("主动公开方面，本年度")
    assert f"制发{normative}2件，废止1件，现行有效8件" in active
    assert f"作出{fmt.layout('active').row('licensing').label}处理决定3件" in active
    assert "1.5万元" in active
    assert "本年度共收到政府信息公开申请6件" in requests
    assert "上年结转2件" in requests
    assert "已办理6件" in requests
    assert "予以公开3件" in requests and "部分公开1件" in requests
    assert "不予公开2件（属于国家秘密1件、保护第三方合法权益1件）" in requests
    assert "结转下年度继续办理2件" in requests
    assert "行政复议2件" in appeals and "行政诉讼1件" in appeals
    assert "结果维持1件" in appeals and "尚未审结1件" in appeals and "结果纠正1件" in appeals


def test_2019_sentences_use_the_2019_labels() -> None:
    extra = {
        "active.normative.made": "2",
        "active.normative.published": "2",
        "active.normative.public_total": "15",
        "active.penalty.decisions": "4",
        "active.procurement.projects": "2",
        "active.procurement.amount": "15.68万元",
    }
    r, (active, _, _) = _text(2020, REQUESTS | extra)
    normative = r.definition.layout("active").row("normative").label
    assert f"新制作{normative}2件，新公开2件，对外公开总数15件" in active
    assert "项目2个，金额15.68万元" in active


def test_all_zero_tables_say_so() -> None:
    _, (active, requests, appeals) = _text(2024, {})
    assert active.startswith("主动公开方面，本年度未制发")
    assert "未收取" in active
    assert requests == "依申请公开方面，本年度未收到政府信息公开申请。"
    assert appeals.startswith("本年度未发生因政府信息公开引起的")


@pytest.mark.parametrize("year", [2020, 2024])
@pytest.mark.parametrize("values", [{}, REQUESTS])
def test_generated_text_agrees_with_the_narrative_rules(year: int, values: dict[str, str]) -> None:
    r = _filled(year, values)
    result = sentences.from_tables(r)
    edit = edits.insert_paragraphs(r, "overview", 0, result.paragraphs)
    assert edit is not None
    edit.apply(r)
    assert not [f for f in check(r) if f.rule in ("N-W1", "N-W2", "N-W3")]


def test_a_table_with_blanks_is_left_out_with_a_note() -> None:
    r = _filled(2024, REQUESTS)
    r.cells["requests.new.natural"] = None
    result = sentences.from_tables(r)
    assert len(result.paragraphs) == 2
    title = r.definition.section("requests").title
    assert result.notes == [f"“{title}”的表格还有空白或无效的单元格，未生成这部分的文字"]
    assert sentences.from_tables(new_report(2024)).paragraphs == []


def test_bare_labels() -> None:
    fmt = new_report(2024).definition
    labels = {r.id: r.label for r in fmt.layout("requests").rows}
    assert sentences.bare(labels["partial"]) == "部分公开"
    assert sentences.bare(labels["withheld_secret"]) == "属于国家秘密"
    assert sentences.available("overview") and not sentences.available("problems")
