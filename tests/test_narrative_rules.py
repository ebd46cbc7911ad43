"""The narrative rules N-E1 … N-W15 (spec §8.6): each one fires on a bad report and stays quiet on a good one."""

from __future__ import annotations

import datetime as dt
import math
import statistics
import time
from pathlib import Path

import pytest

import giedit.checks.enumerations as enumerations
import giedit.checks.narrative as narrative
from giedit.checks import RULES, Severity, check
from giedit.model.formats import FORMATS, SECTION_IDS
from giedit.model.records import ValidationError
from giedit.model.report import (
    Body,
    BodyKind,
    Contact,
    Paragraph,
    PreviousYear,
    Report,
    SectionText,
    new_report,
)
from giedit.model.values import Money

N_RULES = ["N-E1", "N-E2", *(f"N-W{i}" for i in range(1, 18))]

OVERVIEW = (
    "{y}年，本镇认真贯彻落实《条例》，扎实推进政府信息公开工作。"
    "主动公开方面，通过门户网站及时发布各类政府信息。"
    "依申请公开方面，畅通申请渠道，规范办理流程。"
    "政府信息管理方面，严格落实保密审查制度。"
    "政府信息公开平台建设方面，持续优化网站栏目。"
    "监督保障方面，将政务公开纳入年度工作考核，开展社会评议，未发生责任追究情况。"
)
PROBLEMS = "针对上年度报告指出的栏目更新不及时问题，已完成整改。本年度仍存在公开内容不够丰富的问题，下一步将加强培训。"
OTHER = "本年度未收取信息处理费。"


def paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(text=t) for t in texts]


def make(year: int = 2021, kind: BodyKind | None = BodyKind.TOWN) -> Report:
    """A complete, consistent report that no narrative rule objects to."""
    r = new_report(year, "某某镇人民政府")
    r.body.kind = kind
    for cid, c in r.definition.cells.items():
        r.cells[cid] = Money(amount=0, unit=c.column.unit) if c.kind == "money" else 0
    r.contact = Contact(phone="0431-81452007", address="某某镇人民政府办公室")
    r.date = dt.date(year + 1, 1, 20)
    r.preamble = paras(f"本报告所列数据的统计期限自{year}年1月1日至{year}年12月31日。")
    r.section("overview").paragraphs = paras(OVERVIEW.format(y=year))
    r.section("problems").paragraphs = paras(PROBLEMS)
    r.section("other").paragraphs = paras(OTHER)
    return r


def found(report: Report, rule_id: str) -> list:
    return [f for f in check(report, only=[rule_id])]


def test_every_narrative_rule_is_registered_with_its_severity():
    for rid in N_RULES:
        assert rid in RULES, rid
        assert RULES[rid].severity is (Severity.ERROR if rid.startswith("N-E") else Severity.WARNING)
        assert RULES[rid].doc


def test_keyword_rules_say_so_in_their_docstring():
    for rid in ("N-W1", "N-W2", "N-W3", "N-W4", "N-W5", "N-W6", "N-W7", "N-W8"):
        assert "Keyword rule" in RULES[rid].doc, rid


@pytest.mark.parametrize("year", [2020, 2021, 2024])
def test_a_good_report_has_no_narrative_findings(year):
    r = make(year)
    assert [f for f in check(r) if f.rule.startswith("N-")] == []


def test_no_official_label_is_spelled_out_in_the_narrative_module():
    source = "".join(Path(m.__file__).read_text(encoding="utf-8") for m in (narrative, enumerations))
    for f in FORMATS.values():
        grid = [g.text for t in f.tables for g in f.layout(t.id).grid if g.text]
        for text in (f.basis, f.name, *(s.title for s in f.sections), *grid):
            assert text not in source, text


# -- N-E1 -----------------------------------------------------------------------------------------


def test_n_e1_missing_section():
    r = make()
    del r.sections["problems"]
    (f,) = found(r, "N-E1")
    assert f.severity is Severity.ERROR
    assert f.section == "problems"
    assert FORMATS["2021"].section("problems").title in f.message and "缺少" in f.message


def test_n_e1_missing_table_and_incomplete_table():
    r = make()
    for cid in [c for c in r.cells if c.startswith("appeals.")]:
        del r.cells[cid]
    del r.cells["requests.new.total"]
    del r.cells["requests.new.natural"]
    by_section = {f.section: f for f in found(r, "N-E1")}
    assert set(by_section) == {"appeals", "requests"}
    assert "缺少表格" in by_section["appeals"].message
    assert len(by_section["appeals"].cells) == 15
    assert "不完整" in by_section["requests"].message and "2个单元格" in by_section["requests"].message
    assert set(by_section["requests"].cells) == {"requests.new.total", "requests.new.natural"}


def test_n_e1_missing_section_with_its_table_is_one_finding():
    r = make()
    del r.sections["active"]
    for cid in [c for c in r.cells if c.startswith("active.")]:
        del r.cells[cid]
    (f,) = found(r, "N-E1")
    assert f.section == "active" and "及其表格" in f.message


def test_n_e1_quiet_on_complete_report():
    assert found(make(), "N-E1") == []
    assert found(new_report(2021), "N-E1") == []


# -- N-W1 -----------------------------------------------------------------------------------------


def with_overview(r: Report, *texts: str) -> Report:
    r.section("overview").paragraphs = paras(OVERVIEW.format(y=r.year), *texts)
    return r


def test_n_w1_text_says_none_but_table_has_applications():
    r = with_overview(make(), "本年度未收到政府信息公开申请。")
    r.cells["requests.new.total"] = 3
    (f,) = found(r, "N-W1")
    assert f.section == "overview" and f.cells == ("requests.new.total",)
    assert "未收到政府信息公开申请" in f.message and "为 3" in f.message


def test_n_w1_text_says_none_and_table_is_zero():
    r = with_overview(
        make(), "本年度未收到政府信息公开申请，无因政府信息公开申请行政复议、提起行政诉讼的情况。"
    )
    assert found(r, "N-W1") == []


def test_n_w1_denial_of_appeals_is_not_a_denial_of_applications():
    r = with_overview(make(), "2021年，没有因政府信息公开申请行政复议的情况。")
    r.cells["requests.new.total"] = 4
    assert found(r, "N-W1") == []


def test_n_w1_quoted_number_differs():
    r = with_overview(make(), "全年共收到政府信息公开申请5件，均已按时答复。")
    r.cells["requests.new.total"] = 4
    (f,) = found(r, "N-W1")
    assert "5 件" in f.message and "为 4" in f.message


@pytest.mark.parametrize(("new", "carried"), [(5, 0), (4, 1)])
def test_n_w1_quoted_number_matches_new_or_new_plus_carried(new, carried):
    r = with_overview(make(), "全年共收到政府信息公开申请5件。")
    r.cells["requests.new.total"] = new
    r.cells["requests.carried_in.total"] = carried
    assert found(r, "N-W1") == []


def test_n_w1_ignores_sentences_about_last_year_and_blank_tables():
    r = with_overview(make(), "上年度收到政府信息公开申请10件。2020年收到申请8件。")
    r.cells["requests.new.total"] = 2
    assert found(r, "N-W1") == []
    r = with_overview(make(), "本年度未收到政府信息公开申请。")
    r.cells["requests.new.total"] = None
    assert found(r, "N-W1") == []


def test_n_w1_reads_the_requests_section_note_too():
    r = make()
    r.section("requests").paragraphs = paras("本年度收到12件政府信息公开申请。")
    r.cells["requests.new.total"] = 10
    (f,) = found(r, "N-W1")
    assert f.section == "requests"


# -- N-W2 -----------------------------------------------------------------------------------------


def test_n_w2_text_says_none_but_table_has_cases():
    r = with_overview(make(), "本年度无因政府信息公开申请行政复议、提起行政诉讼的情况。")
    r.cells["appeals.cases.review_total"] = 1
    (f,) = found(r, "N-W2")
    assert f.cells == ("appeals.cases.review_total",)
    assert "行政复议" in f.message and "为 1" in f.message


def test_n_w2_none_for_litigation_only_is_compared_with_litigation():
    r = with_overview(make(), "本年度被申请行政复议1件，未发生提起行政诉讼的情况。")
    r.cells["appeals.cases.review_total"] = 1
    assert found(r, "N-W2") == []
    r.cells["appeals.cases.direct_suit_total"] = 2
    (f,) = found(r, "N-W2")
    assert set(f.cells) == {"appeals.cases.direct_suit_total", "appeals.cases.suit_after_review_total"}


def test_n_w2_text_quotes_cases_but_table_is_zero():
    r = make()
    r.section("appeals").paragraphs = paras("本年度被申请行政复议2件。")
    (f,) = found(r, "N-W2")
    assert f.section == "appeals" and "行政复议2件" in f.message
    r.cells["appeals.cases.review_total"] = 2
    assert found(r, "N-W2") == []


def test_n_w2_suit_after_review_counts_as_litigation():
    r = with_overview(make(), "本年度复议后起诉1件。")
    r.cells["appeals.cases.review_total"] = 1
    (f,) = found(r, "N-W2")
    assert "appeals.cases.suit_after_review_total" in f.cells


def test_n_w2_quiet_when_consistent():
    r = with_overview(make(), "本年度未发生政府信息公开行政复议和行政诉讼案件。")
    assert found(r, "N-W2") == []


# -- N-W3 -----------------------------------------------------------------------------------------


def test_n_w3_normative_documents_2021():
    r = with_overview(make(), "本年度制发行政规范性文件3件。")
    r.cells["active.normative.issued"] = 2
    (f,) = found(r, "N-W3")
    assert f.cells == ("active.normative.issued",) and "3件" in f.message and "为 2" in f.message
    r.cells["active.normative.issued"] = 3
    assert found(r, "N-W3") == []


def test_n_w3_normative_documents_2019_format():
    r = with_overview(make(2020), "全年共印发2件规范性文件。")
    r.cells["active.normative.made"] = 5
    (f,) = found(r, "N-W3")
    assert f.cells == ("active.normative.made",)


def test_n_w3_ignores_repealed_and_other_years():
    r = with_overview(make(), "清理并废止行政规范性文件4件。2020年制发行政规范性文件6件。")
    r.cells["active.normative.issued"] = 1
    assert found(r, "N-W3") == []


# -- N-W4 … N-W7 -----------------------------------------------------------------------------------


def test_n_w4_overview_lacks_topics():
    r = make()
    r.section("overview").paragraphs = paras(
        "本年度主动公开各类信息120条，依申请公开工作规范有序，监督检查到位。" * 2
    )
    (f,) = found(r, "N-W4")
    assert f.section == "overview"
    assert "政府信息管理" in f.message and "政府信息公开平台建设" in f.message
    assert "未涉及主动公开" not in f.message


def test_n_w4_quiet_on_full_or_empty_overview():
    assert found(make(), "N-W4") == []
    r = make()
    r.section("overview").paragraphs = []
    assert found(r, "N-W4") == []


def test_n_w5_township_government_must_report_assessment():
    r = make(kind=BodyKind.TOWNSHIP)
    r.section("overview").paragraphs = paras(
        "主动公开、依申请公开、政府信息管理、平台建设和监督保障工作均有序开展。"
    )
    (f,) = found(r, "N-W5")
    assert "工作考核" in f.message and "社会评议" in f.message and "责任追究" in f.message
    assert "乡人民政府" in f.message


def test_n_w5_keywords_in_problems_count_and_departments_are_exempt():
    r = make(kind=BodyKind.COUNTY_GOVERNMENT)
    r.section("overview").paragraphs = paras("主动公开工作有序开展。")
    r.section("problems").paragraphs = paras(PROBLEMS + "本年度开展考核和社会评议，未发生追责情况。")
    assert found(r, "N-W5") == []
    r = make(kind=BodyKind.DEPARTMENT)
    r.section("overview").paragraphs = paras("主动公开工作有序开展。")
    assert found(r, "N-W5") == []


def test_n_w6_problems_without_last_year():
    r = make()
    r.section("problems").paragraphs = paras("公开内容不够丰富，信息更新不够及时，下一步将加强培训。")
    (f,) = found(r, "N-W6")
    assert f.section == "problems" and "上年度" in f.message
    r.section("problems").paragraphs = paras("去年指出的信息更新不及时问题已解决，下一步将加强培训。")
    assert found(r, "N-W6") == []


def test_n_w7_fees_from_2021():
    r = make(2022)
    r.section("other").paragraphs = paras("无。")
    (f,) = found(r, "N-W7")
    assert f.section == "other" and "信息处理费" in f.message
    old = make(2020)
    old.section("other").paragraphs = paras("无。")
    assert found(old, "N-W7") == []


# -- N-W8 -----------------------------------------------------------------------------------------

OLD_BASIS = FORMATS["2019"].basis


@pytest.mark.parametrize(
    "text",
    [
        f"根据《条例》和{OLD_BASIS}要求编制本报告。",
        "根据《条例》和国办公开办函[2019] 60号要求编制本报告。",
        "依据《中华人民共和国政府信息公开工作年度报告格式（试行）》编制。",
    ],
)
def test_n_w8_outdated_basis_in_2021_report(text):
    r = make(2022)
    r.preamble = [*r.preamble, Paragraph(text=text)]
    (f,) = found(r, "N-W8")
    assert f.section == "preamble"
    assert FORMATS["2021"].basis in f.message


def test_n_w8_quiet_on_current_basis_and_on_2020_reports():
    r = make(2022)
    r.preamble = [*r.preamble, Paragraph(text=f"根据{FORMATS['2021'].basis}编制本报告。")]
    assert found(r, "N-W8") == []
    old = make(2020)
    old.preamble = [*old.preamble, Paragraph(text=f"根据{OLD_BASIS}和格式（试行）编制本报告。")]
    assert found(old, "N-W8") == []


def test_n_w8_found_in_a_section():
    r = make(2021)
    r.section("other").paragraphs = paras(OTHER, f"本报告依据{OLD_BASIS}编制。")
    (f,) = found(r, "N-W8")
    assert f.section == "other"


# -- N-W9 / N-W10 --------------------------------------------------------------------------------


def test_n_w9_title_year():
    r = make(2021)
    r.title = "某某镇人民政府2020年政府信息公开工作年度报告"
    (f,) = found(r, "N-W9")
    assert f.section == "preamble" and "2020年" in f.message and "2021年" in f.message
    r.title = "某某镇人民政府2021年政府信息公开工作年度报告"
    assert found(r, "N-W9") == []


def test_n_w9_statistics_period_year_in_text_and_field():
    r = make(2021)
    r.preamble = paras("本报告所列数据的统计期限自2020年1月1日至2020年12月31日。")
    (f,) = found(r, "N-W9")
    assert "2020年" in f.message
    r = make(2021)
    r.period = "2020年1月1日至2021年12月31日"
    (f,) = found(r, "N-W9")
    assert "统计期间" in f.message


def test_n_w9_work_plan_heading_must_name_next_year():
    r = make(2020)
    r.section("problems").paragraphs = paras(PROBLEMS, "（二） 2020年工作计划。一是加大公开力度。")
    (f,) = found(r, "N-W9")
    assert f.section == "problems" and "2021年" in f.message
    r.section("problems").paragraphs = paras(PROBLEMS, "（二）2021年工作计划")
    assert found(r, "N-W9") == []


def test_n_w9_leaves_other_years_alone():
    r = make(2021)
    r.section("overview").paragraphs = paras(
        OVERVIEW.format(y=2021), "认真落实2019年修订的《条例》，对照2020年政府信息公开工作年度报告整改。"
    )
    assert found(r, "N-W9") == []


def test_n_w10_period_missing_or_malformed():
    r = make()
    r.period = None
    r.preamble = paras("现将本年度报告公布如下。")
    (f,) = found(r, "N-W10")
    assert "未写明统计期间" in f.message and "2021年1月1日至2021年12月31日" in f.message
    r.period = "2021年全年"
    (f,) = found(r, "N-W10")
    assert "2021年全年" in f.message


def test_n_w10_period_written_in_preamble_counts():
    r = make()
    r.period = None
    assert found(r, "N-W10") == []  # the preamble states it
    r.preamble = paras("统计期间为2021年1月1日至12月31日。")
    (f,) = found(r, "N-W10")
    assert "不完整" in f.message
    r.period = "自2021年1月1日起至2021年12月31日止"
    assert found(r, "N-W10") == []


# -- N-W11 / N-W12 --------------------------------------------------------------------------------


def test_n_w11_contact_missing():
    r = make()
    r.contact = Contact()
    (f,) = found(r, "N-W11")
    assert f.section == "preamble" and "联系电话" in f.message
    r.contact = Contact(phone="0394-3350966")
    assert found(r, "N-W11") == []
    r.contact = Contact()
    r.preamble = paras("如有疑问，请联系镇党政办公室（电话：0394-3350966）。")
    assert found(r, "N-W11") == []


def test_n_w12_date_before_year_end():
    r = make(2020)
    r.date = dt.date(2020, 12, 31)
    (f,) = found(r, "N-W12")
    assert f.section == "signature" and "2020年12月31日" in f.message and "2021年1月1日" in f.message


def test_n_w12_date_after_deadline():
    assert narrative.DEFAULT_DEADLINE == (1, 31)
    r = make(2021)
    r.date = dt.date(2022, 2, 10)
    (f,) = found(r, "N-W12")
    assert "2022年1月31日" in f.message
    r.date = dt.date(2022, 1, 31)
    assert found(r, "N-W12") == []
    r.date = None
    assert found(r, "N-W12") == []


def test_n_w12_county_government_has_until_march():
    r = make(2021, kind=BodyKind.COUNTY_GOVERNMENT)
    r.date = dt.date(2022, 3, 1)
    assert found(r, "N-W12") == []
    r.date = dt.date(2022, 4, 1)
    assert len(found(r, "N-W12")) == 1


def test_n_w12_date_in_imported_signature():
    r = make(2020)
    r.date = None
    r.signature = "长春市双阳区双营子回族乡人民政府 2020年12月31日"
    assert len(found(r, "N-W12")) == 1
    r.signature = "某乡人民政府 2021年2月30日"  # not a date: ignored
    assert found(r, "N-W12") == []


# -- N-W13 ----------------------------------------------------------------------------------------


def with_previous(r: Report, **texts: str) -> Report:
    r.previous = PreviousYear(
        format=r.format,
        year=r.year - 1,
        sections={sid: SectionText(paragraphs=paras(t)) for sid, t in texts.items()},
    )
    return r


def test_n_w13_copied_from_last_year():
    r = with_previous(make(2021), overview=OVERVIEW.format(y=2020).replace("持续优化", "不断优化"))
    (f,) = found(r, "N-W13")
    assert f.section == "overview" and "1 段" in f.message and "上年" in f.message
    assert f.place == (0, 0, 0)


def test_n_w13_counts_paragraphs_and_the_count_goes_down_as_the_clerk_rewrites():
    old = [
        "本镇认真贯彻落实《条例》，扎实推进政府信息公开工作，主动公开方面通过门户网站及时发布各类政府信息，全年未出现差错。",
        "依申请公开方面，畅通申请渠道，规范办理流程，建立登记、承办、审核、答复、归档的全流程台账，做到件件有回音。",
        "政府信息管理方面，严格落实保密审查制度，对拟公开的信息逐条审核，建立政策文件库并标注有效性，定期清理。",
        "监督保障方面，将政务公开纳入年度工作考核，开展社会评议，邀请群众代表参与评议，未发生责任追究情况。",
    ]
    r = make(2021)
    r.previous = PreviousYear(
        format=r.format, year=2020, sections={"overview": SectionText(paragraphs=paras(*old))}
    )
    r.section("overview").paragraphs = [Paragraph(level="h2", text="主动公开"), *paras(*old)]
    (f,) = found(r, "N-W13")
    assert "有 4 段" in f.message and "第2、3、4、5段" in f.message and f.place == (1, 0, 0)
    fresh = "今年新增乡村振兴专栏，组织全体干部学习新条例，举办培训两期，并设置查阅点方便群众查询。"
    r.section("overview").paragraphs[1] = Paragraph(text=fresh)
    r.section("overview").paragraphs[3] = Paragraph(text=fresh + "另外开展了专项检查。")
    (f,) = found(r, "N-W13")
    assert "有 2 段" in f.message and "第3、5段" in f.message and f.place == (2, 0, 0)


def test_n_w13_quiet_on_new_text_short_text_and_no_previous():
    assert found(make(), "N-W13") == []
    fresh = (
        "今年我们重新梳理了公开目录，新增乡村振兴、安全生产等专栏，"
        "组织全体干部学习新条例，举办培训两期，参训人员八十余人次，"
        "并在便民服务中心设置查阅点，方便群众查询。"
    )
    r = with_previous(make(), overview=fresh * 2, other=OTHER)
    assert found(r, "N-W13") == []


def test_n_w13_similarity_measure_and_speed():
    a = OVERVIEW.format(y=2021)
    assert narrative.copied_share(a, OVERVIEW.format(y=2020)) == 1.0
    assert narrative.copied_share(a, "完全不同的一段话，讲的是另外的事情。" * 5) < 0.3
    long_a = (a * 20)[:3000]
    long_b = ("今年我们重新梳理了公开目录，新增乡村振兴、安全生产等专栏，共发布信息三百余条。" * 80)[:3000]
    times = []
    for _ in range(5):
        t = time.perf_counter()
        narrative.copied_share(long_a, long_b)
        times.append(time.perf_counter() - t)
    assert statistics.median(times) < 0.020


# -- N-W14 / N-W15 ---------------------------------------------------------------------------------


def test_n_w14_short_and_empty_sections():
    r = make(2021)
    r.section("overview").paragraphs = paras("按要求做好政府信息公开工作。")
    r.section("problems").paragraphs = paras("无。")
    r.section("other").paragraphs = []
    by_section = {f.section: f for f in found(r, "N-W14")}
    assert set(by_section) == {"overview", "problems", "other"}
    assert "仅13字" in by_section["overview"].message
    assert "仅1字" in by_section["problems"].message
    assert "为空" in by_section["other"].message and "信息处理费" in by_section["other"].message


def test_n_w14_bare_none_in_other_is_not_empty():
    r = make(2020)
    r.section("other").paragraphs = paras("无。")
    assert found(r, "N-W14") == []


def test_n_w15_carried_section_not_edited():
    r = make()
    r.section("problems").carried = True
    (f,) = found(r, "N-W15")
    assert f.section == "problems" and "待修改" in f.message
    r.section("problems").carried = False
    assert found(r, "N-W15") == []


# -- robustness -----------------------------------------------------------------------------------


def test_no_narrative_rule_raises_on_an_empty_report():
    r = Report(format="2021", year=2021)
    findings = check(r, only=N_RULES)
    assert {f.rule for f in findings} >= {"N-E1", "N-W10", "N-W11", "N-W14"}


@pytest.mark.parametrize("year", [1, 2021, 9999])
def test_no_narrative_rule_raises_on_strange_content(year):
    """Strange but well-typed content (rules read the report through its types: a report whose
    fields are not of their types cannot be built or loaded, see the end)."""
    r = Report.model_construct(
        format="2021",
        year=year,
        title=None,
        body=Body(),
        contact=Contact(),
        period="\x00🙂",
        signature="9999年99月99日",
        date=None,
        cells={
            "requests.new.total": "很多",
            "appeals.cases.review_total": math.nan,
            "active.normative.issued": -3,
        },
        preamble=[Paragraph(text="电话"), Paragraph(text="")],
        sections={
            "problems": SectionText(carried=True),
            "other": SectionText(paragraphs=[Paragraph(text="无")]),
        },
        previous=PreviousYear.model_construct(
            format="2019", year=year - 1, sections={"overview": SectionText()}
        ),
        dismissals=[],
        overrides=[],
    )
    check(r, only=N_RULES)
    with pytest.raises(ValidationError):
        Report.model_validate({"format": "2021", "year": 2021, "body": None, "preamble": [None]})


def test_no_narrative_rule_raises_on_odd_text():
    r = make()
    odd = [
        "",
        "。。。",
        "\u3000\n\t",
        "２０２１年１月１日至２０２１年１２月３１日",
        "申请" * 500,
        "复议0件诉讼件",
        "🙂" * 10,
    ]
    for sid in SECTION_IDS:
        r.section(sid).paragraphs = paras(*odd)
    r.preamble = paras(*odd)
    r.title = "２０２１年"
    r.previous = PreviousYear(
        format="2019", year=2020, sections={"overview": SectionText(paragraphs=paras(*odd))}
    )
    check(r, only=N_RULES)


def test_n_w12_local_deadline_setting_wins():
    r = make(2021)
    r.date = dt.date(2022, 2, 10)
    assert [f.rule for f in check(r, deadline=(2, 20)) if f.rule == "N-W12"] == []
    (f,) = [f for f in check(r, deadline=(2, 5)) if f.rule == "N-W12"]
    assert "2022年2月5日" in f.message


def test_n_w6_applies_to_the_2021_format_only():
    r = make(2020)
    r.section("problems").paragraphs = [
        Paragraph(text="存在的问题是公开内容还不够全面，今后将加强学习培训。")
    ]
    assert found(r, "N-W6") == []
