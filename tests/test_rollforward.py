"""Roll-forward (spec §7): what carries, what starts blank, what is replaced, what is lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_fixtures import filled_report
from paths import SHARED

from giedit.checks import Severity, check
from giedit.importers import import_file
from giedit.importers.start import start_from_last
from giedit.model.formats import get_format
from giedit.model.report import Paragraph
from giedit.model.rollforward import FEE_TEMPLATE, RollForwardError, roll_forward
from giedit.model.storage import load, save
from giedit.model.values import is_blank

PUBLISHED = sorted((SHARED / "samples" / "published-2020").glob("*.txt"))
WORD_SAMPLE = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"
CARRY_IN = [
    f"requests.carried_in.{c}"
    for c in ("natural", "business", "research", "charity", "legal", "other", "total")
]


def _blank_flows(report, carried: set[str]) -> None:
    for cid in report.definition.cells:
        if cid not in carried:
            assert is_blank(report.cells[cid]), cid


@pytest.mark.parametrize("sample", PUBLISHED, ids=lambda p: p.name[:3])
def test_published_2020_to_2021(sample: Path) -> None:
    last = import_file(sample).report
    result = roll_forward(last, source="import")
    new = result.report
    assert (new.year, new.format) == (2021, "2021")
    assert (new.body, new.contact, new.signature, new.date) == (last.body, last.contact, last.signature, None)
    # the only numeric carry: 二、上年结转 := last 四、结转下年度继续办理 (all 0 in these reports)
    assert [new.cells[c] for c in CARRY_IN] == [0] * 7
    _blank_flows(new, set(CARRY_IN))
    # a 2019-format report has no stock: the baseline is left for the clerk, with the hint
    assert new.baseline_in_force == {"rules": None, "normative": None} and new.baseline_source is None
    assert any("需由您确认" in n for n in result.notes)
    # last year's flows (采购总金额, （六）其他处理…) never carry, whatever the format: nothing is
    # "lost" when the new report starts blank there (issue 16: 26 flows were listed as losses)
    only_2019 = {c for c in get_format("2019").cells if c not in get_format("2021").cells}
    assert any(not is_blank(last.cells.get(c)) for c in only_2019)
    assert result.losses == []
    # last year's figures and text stay with the new report
    assert new.previous is not None
    assert (new.previous.format, new.previous.year, new.previous.source) == ("2019", 2020, "import")
    assert new.previous.cells == last.cells
    assert new.previous.sections["overview"] == last.sections["overview"]
    # years replaced in the period and text, and listed
    assert new.period is not None and "2020" not in new.period
    assert all("2020年" not in p.text.replace(" ", "") for p in new.preamble)
    assert all(
        r.before.count("2020") > r.after.count("2020") for r in result.replacements if "2020" in r.before
    )
    assert {"统计期间"} <= {r.where for r in result.replacements}
    # narrative carried as drafts (N-W15); 五 turned into a prompt; 六 with the fee statement
    assert new.sections["overview"].carried and new.sections["problems"].carried
    assert new.sections["other"].paragraphs[0].text == FEE_TEMPLATE
    assert not any(p.text.startswith("无") for p in new.sections["other"].paragraphs)
    rules = {f.rule for f in check(new)}
    assert "N-W15" in rules


def test_sample_000_basis_and_local_line() -> None:
    last = import_file(PUBLISHED[0]).report
    result = roll_forward(last, source="import")
    preamble = "".join(p.text for p in result.report.preamble)
    assert "格式(试行)" not in preamble and "工作年度报告格式》" in preamble
    assert result.report.sections["active"].extra == [
        "2021年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）："
    ]
    assert any(r.where == "前言第2段" and "试行" in r.before for r in result.replacements)


def test_sample_001_title_and_problems_prompt() -> None:
    last = import_file(PUBLISHED[1]).report
    result = roll_forward(last, source="import")
    new = result.report
    assert new.title == "大塅镇2021年政府信息公开工作年度报告"
    assert any(r.where == "标题" for r in result.replacements)
    problems = [p.text for p in new.sections["problems"].paragraphs]
    # each of last year's problems (一是…二是…三是…) is one prompt, with the measure promised for it
    assert problems[0] == "上年度问题整改情况"
    assert problems[1].startswith("【待修改】上年问题一：信息公开的内容不够丰富")
    assert "（上年提出的改进措施：健全机制，增强服务意识。" in problems[1]
    assert problems[3].startswith("【待修改】上年问题三：公示方式还比较单一")
    assert problems[4] == "存在的主要问题"
    assert not any("今年，大塅镇" in t for t in problems)  # the lead-in is no item
    assert any("前言没有引用新格式的依据" in n for n in result.notes)


def test_word_2022_to_2023_same_format() -> None:
    started = start_from_last(WORD_SAMPLE)
    result, new = started.rolled, started.rolled.report
    assert started.imported is not None
    assert (new.year, new.format) == (2023, "2021")
    assert [new.cells[c] for c in CARRY_IN] == [1, 0, 0, 0, 0, 0, 1]
    assert new.baseline_in_force == {"rules": 0, "normative": 7}
    assert new.baseline_source == "import"
    _blank_flows(new, set(CARRY_IN))
    assert result.losses == []
    other = [p.text for p in new.sections["other"].paragraphs]
    assert other[0].startswith("依据《政府信息公开信息处理费管理办法》")  # already stated: not duplicated
    assert FEE_TEMPLATE not in other
    assert new.period == "2023年1月1日至2023年12月31日"


def test_from_giedit_file(tmp_path: Path) -> None:
    path = tmp_path / "2024.giedit"
    save(filled_report(2024), path)
    started = start_from_last(path, 2025)
    new = started.rolled.report
    assert started.imported is None
    assert new.previous is not None and new.previous.source == "giedit"
    assert new.baseline_source == "giedit"
    last = load(path)
    assert new.baseline_in_force == {
        "rules": last.cells["active.rules.in_force"],
        "normative": last.cells["active.normative.in_force"],
    }
    assert [new.cells[c] for c in CARRY_IN] == [
        last.cells[c.replace("carried_in", "carried_out")] for c in CARRY_IN
    ]


@pytest.mark.parametrize(("source", "severity"), [("giedit", Severity.ERROR), ("import", Severity.WARNING)])
def test_t2_e4_fires_when_carry_over_is_edited(source: str, severity: Severity) -> None:
    last = filled_report(2023)
    new = roll_forward(last, source=source).report  # type: ignore[arg-type]
    assert not [f for f in check(new) if f.rule == "T2-E4"]
    new.cells["requests.carried_in.natural"] = int(new.cells["requests.carried_in.natural"] or 0) + 1
    (finding,) = [f for f in check(new) if f.rule == "T2-E4"]
    assert finding.severity is severity
    assert finding.cells == ("requests.carried_in.natural",)


def test_2019_flows_are_no_losses_but_a_blank_carry_over_is() -> None:
    last = filled_report(2020)
    result = roll_forward(last)
    assert result.losses == []  # 15.68万元 of 政府集中采购 is 2020's spending, not a carry
    assert any("对外公开总数量" in n for n in result.notes)  # offered only as a hint
    last.cells["requests.carried_out.business"] = None
    last.cells["requests.carried_out.charity"] = "两件"
    result = roll_forward(last)
    assert [(x.cell, x.value) for x in result.losses] == [
        ("requests.carried_in.business", "（空）"),
        ("requests.carried_in.charity", "两件"),
    ]
    assert all("未结转，请填写" in x.reason for x in result.losses)
    assert "requests.carried_in.business" not in result.report.cells or is_blank(
        result.report.cells["requests.carried_in.business"]
    )


def test_carried_cells_come_from_the_format_definition() -> None:
    """What carries is declared with the tables (carry-overs, stock columns), not listed in code."""
    new, old = get_format("2021"), get_format("2019")
    carried_out = {c for c in new.cells if c.startswith("requests.carried_out.")}
    assert len(carried_out) == 7
    assert new.carried_cells == carried_out | {"active.rules.in_force", "active.normative.in_force"}
    assert old.carried_cells == {c for c in old.cells if c.startswith("requests.carried_out.")}


def test_year_checks_and_gaps() -> None:
    last = filled_report(2023)
    with pytest.raises(RollForwardError, match="必须晚于"):
        roll_forward(last, 2023)
    with pytest.raises(RollForwardError, match="支持范围"):
        roll_forward(last, 2200)
    result = roll_forward(last, 2025)
    assert result.report.year == 2025 and any("中间隔了 1 年" in w for w in result.warnings)


def test_replacements_cover_spacing_and_chinese_numerals_and_old_basis() -> None:
    last = filled_report(2022)
    last.preamble = [
        Paragraph(
            text="根据国办公开办函〔2019〕60号编制二〇二二年度报告，统计期间 2022 年 1 月 1 日至 2022 年 12 月 31 日。"
        )
    ]
    result = roll_forward(last)
    text = result.report.preamble[0].text
    assert "国办公开办函〔2021〕30号" in text and "60号" not in text
    assert "二〇二三年度" in text and "2023 年 1 月 1 日至 2023 年 12 月 31 日" in text
    # the basis, the Chinese-numeral year and the period: the period's two years are one entry,
    # shown changed together (two entries each showing one year still old read as a mistake)
    replaced = [r for r in result.replacements if r.where == "前言第1段"]
    assert len(replaced) == 3
    assert any(r.after == "统计期间 2023 年 1 月 1 日至 2023 年 12 月 31 日" for r in replaced)
    assert "2021年" not in text  # only the reporting year is replaced, nothing else shifts


def test_replacement_snippets_stop_at_clauses_and_never_cut_a_number() -> None:
    last = filled_report(2023)
    last.preamble = [
        Paragraph(
            text="为做好政府信息公开工作，本报告所列数据的统计期限自2023年1月1日至2023年12月31日。"
            "2023年，本镇认真贯彻落实《中华人民共和国政府信息公开条例》和上级部署的各项要求，扎实推进各项工作"
        )
    ]
    replaced = roll_forward(last).replacements
    assert [(r.before, r.after) for r in replaced if r.where == "前言第1段"] == [
        (
            "本报告所列数据的统计期限自2023年1月1日至2023年12月31日",
            "本报告所列数据的统计期限自2024年1月1日至2024年12月31日",
        ),
        ("2023年", "2024年"),
    ]
    for r in replaced:  # a snippet never starts or ends inside a number (「24年1月1日至」)
        for snippet in (r.before, r.after):
            assert not snippet.startswith(tuple("0123456789")) or snippet[:4].isdigit(), snippet
            assert not snippet.rstrip("…")[-1:].isdigit(), snippet


def test_json_shape() -> None:
    last = filled_report(2020)
    last.cells["requests.carried_out.natural"] = None
    result = roll_forward(last)
    doc = result.as_json()
    assert doc["year"] == 2021 and doc["previous_year"] == 2020 and doc["format"] == "2021"
    assert {"where", "before", "after"} == set(doc["replacements"][0])
    assert {"cell", "what", "value", "reason"} == set(doc["losses"][0])
