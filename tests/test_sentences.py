"""「从表格生成」 (giedit.model.sentences): factual sentences from the tables, without Qt."""

from __future__ import annotations

import pytest
from paths import SAMPLES

from giedit.checks import check
from giedit.model import edits, figures, sentences, storage
from giedit.model.report import FIGURE, Level, Paragraph, Report, new_report
from giedit.model.rollforward import roll_forward


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
    assert all(p.figures and p.text.count(FIGURE) == len(p.figures) for p in result.paragraphs)
    return r, [figures.paragraph_text(r, p) for p in result.paragraphs]


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
    assert active.startswith("本年度")
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


def test_the_numbers_are_figures_that_follow_the_tables() -> None:
    r = _filled(2024, REQUESTS)
    requests = sentences.from_tables(r).paragraphs[1]
    assert requests.figures[0] == "requests.new.total"
    edit = edits.enter(r, "requests.new.natural", "9")
    assert edit is not None
    edit.apply(r)  # the total follows, and so does the sentence
    assert "本年度共收到政府信息公开申请10件" in figures.paragraph_text(r, requests)


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
    r = _filled(2024, {})
    result = sentences.from_tables(r)
    active, requests, appeals = (figures.paragraph_text(r, p) for p in result.paragraphs)
    assert active.startswith("本年度未制发")
    assert "未收取" in active
    assert requests == "本年度未收到政府信息公开申请。"
    assert appeals.startswith("本年度未发生因政府信息公开引起的")


@pytest.mark.parametrize("year", [2020, 2024])
@pytest.mark.parametrize("values", [{}, REQUESTS])
def test_generated_text_agrees_with_the_narrative_rules(year: int, values: dict[str, str]) -> None:
    r = _filled(year, values)
    result = sentences.from_tables(r)
    edit = edits.insert_paragraphs(r, "overview", 0, result.paragraphs)
    assert edit is not None
    edit.apply(r)
    assert not [f for f in check(r) if f.rule in ("N-W1", "N-W2", "N-W3", "N-W16", "N-E2")]


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


# -- placing them in 一: under the sub-headings, in place, never twice -------------------------


def _place(r: Report, **kw: bool) -> list:
    placed = sentences.placed(r, r.section("overview").paragraphs, sentences.from_tables(r).paragraphs, **kw)
    r.section("overview").paragraphs = placed
    return placed


def test_an_empty_overview_gets_the_sub_headings_and_generating_again_changes_nothing() -> None:
    r = _filled(2024, REQUESTS)
    first = _place(r)
    assert [(p.level, p.generated.topic if p.generated else p.text) for p in first] == [
        (Level.H2, sentences.HEADINGS["active"]),
        (Level.BODY, "active"),
        (Level.H2, sentences.HEADINGS["requests"]),
        (Level.BODY, "requests"),
        (Level.BODY, "appeals"),
    ]
    assert _place(r) == first
    edit = edits.enter(r, "requests.new.natural", "9")
    assert edit is not None
    edit.apply(r)
    assert _place(r) == first  # the figures follow: nothing to rewrite
    edit = edits.enter(r, "requests.unable_not_held.natural", "4")
    assert edit is not None
    edit.apply(r)  # a new outcome: the sentence must say more
    again = _place(r)
    assert len(again) == len(first) and again[3] != first[3]  # replaced where it stood
    assert "无法提供4件" in figures.paragraph_text(r, again[3])


def test_existing_sub_headings_receive_the_sentences_at_their_top() -> None:
    r = _filled(2024, REQUESTS)
    r.section("overview").paragraphs = [
        Paragraph(text="本年度，本镇扎实推进政务公开。"),
        Paragraph(level=Level.H2, text="主动公开工作"),
        Paragraph(text="通过门户网站发布信息。"),
        Paragraph(level=Level.H2, text="依申请公开工作"),
        Paragraph(text="畅通申请渠道。"),
        Paragraph(level=Level.H2, text="监督保障"),
    ]
    placed = _place(r)
    order = [p.generated.topic if p.generated else p.text for p in placed]
    assert order == [
        "本年度，本镇扎实推进政务公开。",
        "主动公开工作",
        "active",
        "通过门户网站发布信息。",
        "依申请公开工作",
        "requests",
        "appeals",
        "畅通申请渠道。",
        "监督保障",
    ]


def test_an_edited_generated_paragraph_is_kept_unless_replacing_it_is_asked_for() -> None:
    r = _filled(2024, REQUESTS)
    placed = _place(r)
    e = edits.set_paragraph_text(r, "overview", 3, placed[3].text + "均在法定期限内答复。")
    assert e is not None
    e.apply(r)
    generated = sentences.from_tables(r).paragraphs
    assert sentences.edited_topics(r.section("overview").paragraphs, generated) == ["requests"]
    kept = sentences.placed(r, r.section("overview").paragraphs, generated)
    assert kept[3].text.endswith("均在法定期限内答复。")
    replaced = sentences.placed(r, r.section("overview").paragraphs, generated, replace_edited=True)
    assert replaced[3] == generated[1]


def test_carried_sentences_about_a_table_are_replaced_in_place_and_others_kept() -> None:
    """Last year's sentences whose numbers are all figures of one table give way to the generated
    sentence; a sentence with another fact (412条) stays, with its mark."""
    last = storage.load(SAMPLES / "2024-tongxi-jiedao.giedit")
    r = roll_forward(last).report
    for table in r.definition.tables:
        e = edits.fill_blanks(r, table.id)
        if e is not None:
            e.apply(r)
    before = r.section("overview").paragraphs
    generated = sentences.from_tables(r).paragraphs
    gone = sentences.superseded(r, before, generated)
    assert any(t.startswith("本年度新收政府信息公开申请0件") for t in gone)
    assert "无上年结转申请。" in gone
    assert not any("412条" in t for t in gone)
    placed = _place(r, replace_sentences=True)
    texts = [figures.paragraph_text(r, p) for p in placed]
    assert sum(1 for p in placed if p.generated) == 3
    assert any(t.startswith("全年主动公开政府信息412条") for t in texts)
    assert "申请内容主要涉及房屋征收补偿、老旧小区改造和社会救助等事项。" in texts
    assert not any("无上年结转申请" in t for t in texts)
    marked = next(p for p in placed if p.text.startswith("全年主动公开"))
    assert [marked.text[s.start : s.end] for s in marked.unconfirmed][:2] == ["412条", "178条"]
    assert _place(r, replace_sentences=True) == placed  # idempotent
