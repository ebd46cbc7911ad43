"""Importing the published 2020 reports (text pulled out of their Word files).

The expected figures below were typed by hand from ../shared/samples/published-2020/*.txt, every
cell of all three tables in official order; they are deliberately not read from any giedit file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from paths import SHARED

from giedit.checks import Severity, active, check
from giedit.importers import NoteKind, import_file
from giedit.importers.result import ImportResult
from giedit.model.dump import dump
from giedit.model.numbering import plain_text
from giedit.model.report import BodyKind, Level

PUBLISHED = SHARED / "samples" / "published-2020"
Z7 = [0] * 7


def _money(amount: float, unit: str | None) -> dict[str, object]:
    return {"amount": amount, "unit": unit}


def _active_2019(rules, normative, licensing, other, penalty, enforcement, fees, procurement) -> list:
    return [rules, normative, licensing, other, penalty, enforcement, fees, procurement]


ALL_ZERO_REQUESTS = [Z7] * 23
ALL_ZERO_APPEALS = [[0] * 15]

# sample -> (body, kind, phone, title, active rows, requests rows, appeals rows)
EXPECTED = {
    "000": dict(
        body="长春市双阳区双营子回族乡人民政府",
        kind=BodyKind.TOWNSHIP,
        phone="0431-81452007",
        active=_active_2019(
            [0, 0, 0], [0, 0, 0], [48, 0, 0], [0, 0, 0], [12, 0, 0], [0, 0, 0], [0, 0], [0, _money(0, None)]
        ),
    ),
    "001": dict(
        body="大塅镇人民政府",
        kind=BodyKind.TOWN,
        phone="0795—8745164",
        active=_active_2019(
            [0, 0, 0],
            [62, 62, 62],
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
            [0, 0],
            [15, _money(15.68, "万元")],
        ),
    ),
    "002": dict(
        body="宝清县七星河乡人民政府",
        kind=BodyKind.TOWNSHIP,
        phone="0469-5200675",
        active=_active_2019(
            [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0], [0, _money(0, None)]
        ),
    ),
    "003": dict(
        body="吉尔格勒特郭楞蒙古民族乡",
        kind=BodyKind.TOWNSHIP,
        phone=None,
        active=_active_2019(
            [0, 0, 0],
            [76, 62, 62],
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
            [0, 0],
            [276, _money(799100, None)],
        ),
    ),
    "004": dict(
        body="巴集乡人民政府",
        kind=BodyKind.TOWNSHIP,
        phone="0394-3350966",
        active=_active_2019(
            [0, 0, 0], [5, 5, 5], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0], [0, _money(0, None)]
        ),
    ),
}


def _import(prefix: str) -> ImportResult:
    (path,) = PUBLISHED.glob(f"{prefix}_*.txt")
    return import_file(path)


def _rows(result: ImportResult, table: str) -> list[list[object]]:
    tables = {t["id"]: t for t in dump(result.report)["tables"]}
    return [row["values"] for row in tables[table]["rows"]]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_cell_is_read_as_printed(prefix: str) -> None:
    result = _import(prefix)
    want = EXPECTED[prefix]
    assert result.report.format == "2019"  # detected from the table headers
    assert result.report.year == 2020
    assert _rows(result, "active") == want["active"]
    assert _rows(result, "requests") == ALL_ZERO_REQUESTS
    assert _rows(result, "appeals") == ALL_ZERO_APPEALS
    assert result.missing_cells == []
    assert not [n for n in result.of_kind(NoteKind.UNREADABLE, NoteKind.MISSING) if n.cell]
    reads = result.of_kind(NoteKind.READ, NoteKind.NORMALISED)
    assert sorted(n.cell for n in reads) == sorted(result.report.definition.cells)  # each cell once


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_body_contact_and_period(prefix: str) -> None:
    report = _import(prefix).report
    want = EXPECTED[prefix]
    assert report.body.name == want["body"]
    assert report.body.kind is want["kind"]
    assert report.contact.phone == want["phone"]
    assert report.period is not None and report.period.startswith("2020年1月1日至")


def test_contact_fields_and_signature() -> None:
    r2 = _import("002").report
    assert (r2.contact.address, r2.contact.postcode, r2.contact.email) == (
        "宝清县七星河乡七星河村",
        "155618",
        "494796806@qq.com",
    )
    assert r2.contact.office is None  # the body itself, not an office
    r4 = _import("004").report
    assert (r4.contact.office, r4.contact.postcode) == ("巴集乡党政办公室", "477150")
    assert r4.period == "2020年1月1日至12月31日"  # kept as printed: N-W10 is for the checks
    r0 = _import("000").report
    assert (r0.signature, r0.date) == ("长春市双阳区双营子回族乡人民政府", dt.date(2020, 12, 31))
    assert r0.contact.office == "双营乡综合办公室"


def test_titles() -> None:
    assert _import("001").report.title == "大塅镇2020年政府信息公开工作年度报告"
    assert _import("002").report.title is None  # printed over two lines, equal to the customary title
    assert _import("003").report.title == "吉尔格勒特郭楞蒙古民族乡政府信息公开工作2020年度报告"
    assert _import("000").report.title is None  # the report has no title line


def _squeezed(text: str) -> str:
    text = re.sub(r"\[bookmark:[^\]]*\]", "", unicodedata.normalize("NFKC", text))
    return "".join(text.split())


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_no_sentence_of_the_source_is_lost(prefix: str) -> None:
    """Every printed sentence line is in the title, preamble, a section or the signature."""
    (path,) = PUBLISHED.glob(f"{prefix}_*.txt")
    report = _import(prefix).report
    parts = [report.display_title(), *(p.text for p in report.preamble)]
    for s in report.sections.values():
        parts += [p.text for p in s.paragraphs] + s.extra
    imported = _squeezed("".join(parts))
    for line in path.read_text(encoding="utf-8").splitlines():
        if "。" in line and "\t" not in line:
            body = re.sub(r"^[（(][一二三四五六七八九十]+[)）]|^\d+[、.．]", "", _squeezed(line).lstrip("　"))
            assert body in imported, line[:40]


SECTION_TEXT = {
    # (sample, section): [(level, first characters, last characters) per paragraph]
    ("000", "overview"): [
        (Level.BODY, "根据《关于做好双阳区", "报告如下："),
        (Level.H3, "完善制度，健全规范", "的公开程序。"),
        (Level.BODY, "主动公开：严格按照", "及时进行公开。"),
        (Level.BODY, "依申请公开：严格按照", "工作落实实处。"),
        (Level.BODY, "政府信息管理：制度化", "时效更加突出。"),
        (Level.H3, "统一思想，形成有力", "的组织保障。"),
        (Level.BODY, "进一步利用政务公开", "的推行和深化。"),
        (Level.H3, "拓展内容，形成规范", "的公开体系。"),
        (Level.BODY, "为了使政务公开内容", "、知晓广泛。"),
        (Level.BODY, "一是确保常规内容公开", "度和公信力。"),
        (Level.H3, "因地制宜，实行多样", "的公开模式。"),
        (Level.BODY, "我乡在推进政务公开", "信息24余条。"),
        (Level.BODY, "我们采取多种形式", "政务信息公开："),
        (Level.BODY, "一是政府网站及微信", "工作的意见。"),
        (Level.BODY, "二是在乡政府设有", "的政务信息。"),
        (Level.BODY, "三是村（居）委会张榜", "低保情况等。"),
    ],
    ("000", "problems"): [(Level.BODY, "我乡政务公开工作开展以来", "全面性和及时性。")],
    ("000", "other"): [(Level.BODY, "无。", "无。")],
    ("001", "problems"): [
        (Level.H2, "存在的主要问题", "存在的主要问题"),
        (Level.BODY, "今年，大塅镇在加强", "推广力度不够。"),
        (Level.H2, "具体解决办法和改进措施", "具体解决办法和改进措施"),
        (Level.BODY, "1．健全机制，增强服务意识。", "有力的组织保证。"),
        (Level.BODY, "2．加强学习，提高", "范围全覆盖。"),
        (Level.BODY, "3．改进方式，拓宽", "反馈灵活机动。"),
    ],
    ("002", "overview"): [
        (Level.BODY, "2020 年宝清县七星河乡", "及时公布申请受理情况和办理结果。"),
        (Level.BODY, "（一）主动公开。", "及时回应关切。"),
        (Level.BODY, "（二）依申请公开。", "提起行政诉讼的情况。"),
        (Level.BODY, "（三）政府信息管理。", "及时性、准确性。"),
        (Level.BODY, "（四）平台建设。", "确保平台平稳运行。"),
        (Level.BODY, "（五）监督保障。", "标准化、规范化。"),
    ],
    ("002", "other"): [(Level.BODY, "无其他需要报告的事项。", "无其他需要报告的事项。")],
    ("003", "active"): [(Level.BODY, "该部分以表格形式报告。表格如下：", "表格如下：")],
    ("003", "requests"): [(Level.BODY, "该部分以表格形式报告。表格如下：", "表格如下：")],
    ("003", "appeals"): [(Level.BODY, "该部分以表格形式报告。表格如下：", "表格如下：")],
    ("003", "problems"): [
        (Level.BODY, "(一)存在的问题。2020年", "过程信息公开少。"),
        (Level.BODY, "(二) 2020年工作计划。", "规章制度和工作流程。"),
    ],
    ("003", "other"): [(Level.BODY, "无", "无")],
    ("004", "overview"): [
        (Level.BODY, "2020年，巴集乡政府高度重视", "抓好贯彻落实。"),
        (Level.BODY, "（一）组织机构建设情况。", "工作职责。"),
        (Level.BODY, "（二）完善制度建设，", "作出具体要求。"),
        (Level.BODY, "（三）强化督促检查，", "落实到位。"),
    ],
    ("004", "problems"): [(Level.BODY, "一是信息公开时效观念不强", "收集资料补充更新。")],
}


@pytest.mark.parametrize(("prefix", "section"), sorted(SECTION_TEXT))
def test_section_text(prefix: str, section: str) -> None:
    paragraphs = _import(prefix).report.sections[section].paragraphs
    got = [(p.level, p.text) for p in paragraphs]
    want = SECTION_TEXT[(prefix, section)]
    assert len(got) == len(want)
    for (level, text), (w_level, head, tail) in zip(got, want, strict=True):
        assert level is w_level and text.startswith(head) and text.endswith(tail), text


def test_page_breaks_are_rejoined_and_the_stray_character_dropped() -> None:
    result = _import("002")
    overview = plain_text(result.report.sections["overview"].paragraphs)
    assert "我们采取的具体措施是：我们采取的具体措施是：" in overview  # the source repeats it
    assert "明确工作任务和处室职责" in overview
    ignored = [n.source for n in result.of_kind(NoteKind.IGNORED)]
    assert ignored == ["理"]


def test_normalisations_and_local_line_are_reported() -> None:
    r0 = _import("000")
    # tables 三 and 四 are NBSP-padded (but for 一「总计」): the numbers read as printed, so one
    # line says so instead of 175 notes "原文「 0」读作 0" about a blank nobody sees (issue 16)
    assert r0.of_kind(NoteKind.NORMALISED) == []
    (padding,) = [n for n in r0.of_kind(NoteKind.INFO) if "前后带有空白" in n.message]
    assert padding.message.startswith(f"{161 + 15 - 1} 格") and padding.rule == "G-W1"
    assert r0.report.sections["active"].extra == [
        "2020年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）："
    ]
    variant = [n for n in r0.of_kind(NoteKind.VARIANT) if n.section == "active"]
    assert variant and variant[0].rule == "I-W1"
    r1 = _import("001")
    assert r1.of_kind(NoteKind.NORMALISED) == []  # 15.68万元 is read as printed
    (money,) = [n for n in r1.of_kind(NoteKind.READ) if n.cell == "active.procurement.amount"]
    assert money.source == "15.68万元" and money.message.endswith("：15.68万元")


def test_check_reports_only_what_is_really_there() -> None:
    """After import, the tables are complete and consistent: no error at all, and the warnings
    are real defects of the published reports (spec §2.2, §8.6, G-W2)."""
    expected_rules = {
        "000": {"N-W4", "N-W5", "N-W12"},  # dated 2020-12-31: before the year ended
        "001": {"N-W5"},
        "002": {"N-W5"},
        "003": {"N-W4", "N-W5", "N-W9", "N-W11", "G-W2"},  # 799100 without a unit; no contact
        "004": {"N-W4", "N-W5", "N-W10"},  # period printed without its second year
    }
    for prefix, rules in expected_rules.items():
        findings = list(active(check(_import(prefix).report)))
        assert not [f for f in findings if f.severity is Severity.ERROR], prefix
        assert {f.rule for f in findings} == rules, prefix
