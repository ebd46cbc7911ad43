"""The sample reports shipped in resources/samples.

Five are the real 2020 township reports of shared/samples/published-2020 (2019 trial format,
entered by hand: numbers, body and contact exactly as printed). The others are constructed
2021-format reports with non-zero, consistent figures; two of them are consecutive years of one
body, linked by ``previous``. The expected numbers below were read off the printed reports by hand;
they are deliberately not computed from the sample files.
"""

from __future__ import annotations

import datetime as dt

import pytest
from paths import SAMPLES

from giedit.checks import Severity, active, check
from giedit.model import storage
from giedit.model.formats import get_format
from giedit.model.report import BodyKind, Report
from giedit.model.values import Money

PUBLISHED = {
    "2020-shuangying.giedit": "000",
    "2020-daduan.giedit": "001",
    "2020-qixinghe.giedit": "002",
    "2020-jiergelete.giedit": "003",
    "2020-baji.giedit": "004",
}
CONSTRUCTED = {
    "2022-qingshan-zhen.giedit": 2022,
    "2023-qingshan-zhen.giedit": 2023,
    "2024-tongxi-jiedao.giedit": 2024,
    "2025-baiyun-xiang.giedit": 2025,
}
ALL = sorted(PUBLISHED) + sorted(CONSTRUCTED)

# The printed non-zero cells of each published report; every other cell is printed as 0.
PRINTED_NONZERO: dict[str, dict[str, object]] = {
    "2020-shuangying.giedit": {"active.licensing.prev_items": 48, "active.penalty.prev_items": 12},
    "2020-daduan.giedit": {
        "active.normative.made": 62,
        "active.normative.published": 62,
        "active.normative.public_total": 62,
        "active.procurement.projects": 15,
        "active.procurement.amount": Money(amount=15.68, unit="万元"),
    },
    "2020-qixinghe.giedit": {},
    "2020-jiergelete.giedit": {
        "active.normative.made": 76,
        "active.normative.published": 62,
        "active.normative.public_total": 62,
        "active.procurement.projects": 276,
        "active.procurement.amount": Money(amount=799100, unit=None),  # printed without a unit
    },
    "2020-baji.giedit": {
        "active.normative.made": 5,
        "active.normative.published": 5,
        "active.normative.public_total": 5,
    },
}


def load(name: str) -> Report:
    return storage.load(SAMPLES / name)


def errors(report: Report) -> list:
    return [f for f in active(check(report)) if f.severity is Severity.ERROR]


def test_the_sample_set_is_complete() -> None:
    present = {p.name for p in SAMPLES.glob("*.giedit")}
    assert set(ALL) <= present


@pytest.mark.parametrize("name", ALL)
def test_every_cell_of_the_format_is_filled(name: str) -> None:
    r = load(name)
    assert set(r.cells) == set(get_format(r.format).cells)
    blank = [cid for cid, v in r.cells.items() if v is None or (isinstance(v, Money) and v.amount is None)]
    assert blank == []


@pytest.mark.parametrize("name", ALL)
def test_no_error_findings(name: str) -> None:
    r = load(name)
    assert errors(r) == []
    assert r.overrides == []  # no error was silenced to get there


@pytest.mark.parametrize("name", ALL)
def test_round_trip(name: str) -> None:
    r = load(name)
    again = storage.loads(storage.dumps(r))
    assert again == r
    assert again.model_dump() == r.model_dump()


# -- the published 2020 reports -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_format_and_year(name: str) -> None:
    r = load(name)
    assert (r.format, r.year) == ("2019", 2020)
    assert r.body.kind in (BodyKind.TOWNSHIP, BodyKind.TOWN)
    assert r.previous is None


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_numbers_exactly_as_printed(name: str) -> None:
    r = load(name)
    expected = PRINTED_NONZERO[name]
    for cid, value in r.cells.items():
        want = expected.get(cid)
        if want is None:
            want = Money(amount=0, unit=None) if cid == "active.procurement.amount" else 0
        assert value == want, cid


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_sections_have_text(name: str) -> None:
    r = load(name)
    assert r.preamble
    for sid in ("overview", "problems", "other"):
        assert r.section(sid).paragraphs, sid
    assert "2020" in r.period


def test_shuangying() -> None:
    r = load("2020-shuangying.giedit")
    assert r.body.name == "长春市双阳区双营子回族乡人民政府"
    assert r.body.kind is BodyKind.TOWNSHIP
    assert r.contact.office == "双营乡综合办公室"
    assert r.contact.phone == "0431-81452007"
    assert r.contact.address is None
    assert r.signature == "长春市双阳区双营子回族乡人民政府"
    assert r.date == dt.date(2020, 12, 31)
    assert r.cells["active.licensing.prev_items"] == 48
    assert r.cells["active.penalty.prev_items"] == 12
    assert r.section("active").extra == [
        "2020年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）："
    ]
    assert r.section("other").text == "无。"
    assert "截止2020年12月31日，我乡主动在政府网上发布信息24余条。" in r.section("overview").text


def test_daduan() -> None:
    r = load("2020-daduan.giedit")
    assert r.body.name == "大塅镇人民政府"
    assert r.body.kind is BodyKind.TOWN
    assert r.display_title() == "大塅镇2020年政府信息公开工作年度报告"
    assert r.contact.address == "大塅镇明珠路19号"
    assert r.contact.phone == "0795—8745164"
    assert r.cells["active.normative.made"] == 62
    assert r.cells["active.procurement.projects"] == 15
    amount = r.cells["active.procurement.amount"]
    assert isinstance(amount, Money)
    assert (amount.amount, amount.unit) == (15.68, "万元")
    headings = [p.text for p in r.section("problems").paragraphs if p.level != "body"]
    assert headings == ["存在的主要问题", "具体解决办法和改进措施"]
    assert r.signature is None and r.date is None


def test_qixinghe() -> None:
    r = load("2020-qixinghe.giedit")
    assert r.body.name == "宝清县七星河乡人民政府"
    assert r.display_title() == "宝清县七星河乡人民政府2020年政府信息公开工作年度报告"
    assert r.contact.address == "宝清县七星河乡七星河村"
    assert r.contact.postcode == "155618"
    assert r.contact.phone == "0469-5200675"
    assert r.contact.email == "494796806@qq.com"
    assert all(v == 0 or v == Money(amount=0) for v in r.cells.values())
    assert r.section("other").text == "无其他需要报告的事项。"
    # paragraphs split by page breaks in the source are joined again
    assert "纳入重要议事日程，及时准确的发布政府信息" in r.section("overview").text


def test_jiergelete() -> None:
    r = load("2020-jiergelete.giedit")
    assert r.body.name == "吉尔格勒特郭楞蒙古民族乡"
    assert r.display_title() == "吉尔格勒特郭楞蒙古民族乡政府信息公开工作2020年度报告"
    assert r.contact.phone is None and r.contact.address is None  # none printed
    assert (r.cells["active.normative.made"], r.cells["active.normative.published"]) == (76, 62)
    assert r.cells["active.procurement.projects"] == 276
    assert r.cells["active.procurement.amount"] == Money(amount=799100, unit=None)
    for sid in ("active", "requests", "appeals"):
        assert r.section(sid).text == "该部分以表格形式报告。表格如下："
    # the one finding: 采购总金额 printed without a unit (G-W2), a warning only
    assert [f.rule for f in active(check(r)) if f.rule.startswith(("G-", "T"))] == ["G-W2"]


def test_baji() -> None:
    r = load("2020-baji.giedit")
    assert r.body.name == "巴集乡人民政府"
    assert r.display_title() == "巴集乡2020年政府信息公开工作年度报告"
    assert r.contact.office == "巴集乡党政办公室"
    assert r.contact.postcode == "477150"
    assert r.contact.phone == "0394-3350966"
    assert r.period == "2020年1月1日至12月31日"  # as printed
    assert [r.cells[f"active.normative.{c}"] for c in ("made", "published", "public_total")] == [5, 5, 5]


# -- the constructed 2021-format reports ---------------------------------------------------------

APPLICANTS = ("natural", "business", "research", "charity", "legal", "other", "total")


@pytest.mark.parametrize("name", sorted(CONSTRUCTED))
def test_constructed_reports(name: str) -> None:
    r = load(name)
    assert (r.format, r.year) == ("2021", CONSTRUCTED[name])
    assert r.body.kind is not None and r.body.name
    assert r.contact.phone and r.contact.address
    assert r.period == f"{r.year}年1月1日至{r.year}年12月31日"
    assert r.signature == r.body.name
    assert r.date is not None and r.date.year == r.year + 1 and r.date.month == 1
    assert [r.cells[f"active.rules.{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    c = r.cells
    assert c["requests.new.total"] > 0 and c["requests.total.total"] > 0
    assert sum(c[f"requests.new.{col}"] > 0 for col in APPLICANTS[:-1]) >= 2  # several columns used
    for col in APPLICANTS:
        assert c[f"requests.new.{col}"] + c[f"requests.carried_in.{col}"] == (
            c[f"requests.total.{col}"] + c[f"requests.carried_out.{col}"]
        )
    assert sum(c[f"appeals.cases.{g}_total"] for g in ("review", "direct_suit", "suit_after_review")) > 0
    for sid in ("overview", "problems", "other"):
        assert len(r.section(sid).text) > 50, sid
    assert "信息处理费" in r.section("other").text
    assert "工作考核、社会评议和责任追究" in r.section("overview").text
    assert "上年度" in r.section("problems").text
    # the narrative quotes the tables' own numbers
    assert f"新收政府信息公开申请{c['requests.new.total']}件" in r.section("overview").text
    assert f"制发行政规范性文件{c['active.normative.issued']}件" in r.section("overview").text


@pytest.mark.parametrize("name", sorted(CONSTRUCTED))
def test_constructed_reports_have_no_findings_at_all(name: str) -> None:
    assert [(f.rule, f.message) for f in active(check(load(name)))] == []


def test_constructed_carry_over_used() -> None:
    assert any(load(n).cells["requests.carried_in.total"] > 0 for n in CONSTRUCTED)
    assert all(load(n).cells["requests.carried_out.total"] > 0 for n in CONSTRUCTED)


def test_qingshan_2023_follows_2022() -> None:
    r22, r23 = load("2022-qingshan-zhen.giedit"), load("2023-qingshan-zhen.giedit")
    assert r23.body == r22.body
    prev = r23.previous
    assert prev is not None
    assert (prev.format, prev.year, prev.source) == ("2021", 2022, "giedit")
    assert prev.cells == r22.cells
    assert prev.sections == r22.sections
    for col in APPLICANTS:
        assert r23.cells[f"requests.carried_in.{col}"] == r22.cells[f"requests.carried_out.{col}"]
    assert r23.cells["requests.carried_in.total"] == 2
    assert r23.baseline_source == "giedit"
    for row in ("rules", "normative"):
        base = r22.cells[f"active.{row}.in_force"]
        assert r23.baseline_in_force[row] == base
        assert r23.cells[f"active.{row}.in_force"] == (
            base + r23.cells[f"active.{row}.issued"] - r23.cells[f"active.{row}.repealed"]
        )
    assert r23.cells["active.normative.in_force"] == 14
    # the cross-year rules have something to compare and find nothing
    assert [f for f in check(r23, only=("T2-E4", "T1-W1", "T1-W2", "T1-W5")) if not f.dismissed] == []


def test_qingshan_2023_breaks_when_the_carry_over_is_wrong() -> None:
    r = load("2023-qingshan-zhen.giedit")
    r.cells["requests.carried_in.natural"] = 0
    assert any(f.rule == "T2-E4" for f in errors(r))
