"""Table 三 from the application register (issue 19): seeded registers of 600 rows, every cell
checked against counts this test makes itself, for both format versions, through the real
``giedit register`` command on real .xlsx and .csv files; and the counting rules one by one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from register_fixtures import (
    OTHER_HANDLING_2021,
    expected_cells,
    generate,
    outcome_rows,
    write_csv,
    write_xlsx,
)

from giedit.cli import main
from giedit.model.formats import FORMAT_2019, FORMAT_2021, get_format
from giedit.model.register import Entry, ValueMap, data_row, result_category
from giedit.model.register_counts import IssueKind, count
from giedit.model.storage import load

ROWS = 600


def _identity(cells: dict, col: str) -> bool:
    """一 + 二 = 三（七） + 四 down one column."""
    g = {r: cells[f"requests.{r}.{col}"] for r in ("new", "carried_in", "total", "carried_out")}
    return g["new"] + g["carried_in"] == g["total"] + g["carried_out"]


@pytest.mark.parametrize(
    ("seed", "year", "fmt_id", "writer"),
    [
        (1, 2020, "2019", write_xlsx),
        (2, 2023, "2021", write_xlsx),
        (3, 2020, "2019", write_csv),
        (4, 2024, "2021", write_csv),
    ],
)
def test_generated_register_fills_every_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int, year: int, fmt_id: str, writer
) -> None:
    header, rows, truth, _ = generate(seed, year, ROWS)
    assert {t.outcome for t in truth} >= set(outcome_rows())  # every 2021 category, so every 2019 one
    assert {t.applicant for t in truth} == {"natural", "business", "research", "charity", "legal", "other"}
    assert {t.received.year for t in truth} == {year - 1, year, year + 1}
    assert any(t.answered is None and t.received.year == year for t in truth)  # pending ones
    register = writer(tmp_path / f"台账.{'xlsx' if writer is write_xlsx else 'csv'}", header, rows)
    out = tmp_path / "report.giedit"
    status = main(["register", str(register), "--year", str(year), "-o", str(out), "--json"])
    result = json.loads(capsys.readouterr().out)
    assert status == 0, result["unresolved"][:5]
    assert result["unresolved"] == []
    report = load(out)
    assert report.format == fmt_id
    expected = expected_cells(truth, fmt_id, year)
    table = {c.id: report.cells[c.id] for c in get_format(fmt_id).layout("requests").cells}
    assert table == expected
    assert len(table) == (161 if fmt_id == "2019" else 175)
    assert sum(expected[f"requests.{r}.total"] for r in ("new", "carried_in")) > 100
    # The stated identity holds in every column, by construction.
    for col in ("natural", "business", "research", "charity", "legal", "other", "total"):
        assert _identity(report.cells, col)
    # Every counted row is traceable: the stored rows of the input cells add up to the counts.
    link = report.register_link
    assert link is not None and link.year == year and len(link.sha256) == 64
    from giedit.model.register import parse_ranges

    for cid, n in expected.items():
        if cid.endswith(".total") or cid.startswith("requests.total."):
            continue
        assert len(parse_ranges(link.rows.get(cid, ""))) == n


def test_categories_of_both_formats() -> None:
    """Each 2021 item counts under itself in 2021 and under its 2019 row; a group alone is doubt."""
    for rid, (_, label) in outcome_rows().items():
        assert result_category(label) == rid
        assert data_row(FORMAT_2021, rid) == rid
        expected_2019 = "other_handling" if rid in OTHER_HANDLING_2021 else rid
        assert data_row(FORMAT_2019, rid) == expected_2019
    assert result_category("不予公开-属于国家秘密") == "withheld_secret"
    assert result_category("（四）无法提供/本机关不掌握相关政府信息") == "unable_not_held"
    assert data_row(FORMAT_2021, result_category("（三）不予公开")) is None  # which reason? the clerk says
    assert data_row(FORMAT_2021, result_category("其他处理")) == "other_misc"  # spec §7.3
    assert data_row(FORMAT_2019, result_category("（六）其他处理")) == "other_handling"
    assert result_category("无法提供-重复申请") is None  # an item under another group: doubt


def test_a_disclosure_with_a_part_withheld_is_partial() -> None:
    """区分处理 counts only as 部分公开 (the row's own words), however the register writes it."""
    for text in (
        "予以公开（部分内容涉及个人隐私，作删除处理）",
        "予以公开(部分)",
        "部分公开（涉及国家秘密）",
        "公开（区分处理）",
        "部分予以公开",
    ):
        assert result_category(text) == "partial", text
    assert result_category("予以公开") == "granted"
    assert result_category("不予公开（涉及国家秘密）") == "withheld_secret"  # nothing disclosed
    assert result_category("无法提供（部分信息不存在）") != "partial"


def _e(row: int, received, answered=None, result="", applicant="个人", content="", name="") -> Entry:
    return Entry(row, received, applicant, answered, result, name, content)


D = dt.date


def test_rules_one_by_one() -> None:
    y = 2024
    entries = [
        _e(2, D(2024, 3, 1), D(2024, 3, 5), "予以公开"),  # new, answered
        _e(3, D(2023, 12, 20), D(2024, 1, 8), "部分公开"),  # carried in, answered
        _e(4, D(2023, 12, 28)),  # carried in, still open: carried out
        _e(5, D(2024, 12, 30), D(2025, 1, 5), "予以公开"),  # new, answered next year: carried out
        _e(6, D(2023, 5, 1), D(2023, 5, 9), "予以公开"),  # closed last year: other year
        _e(7, D(2025, 1, 2)),  # next year
        _e(8, D(2024, 4, 1), D(2024, 3, 1), "予以公开"),  # answer before receipt
        _e(9, D(2024, 4, 1), D(2024, 4, 3), ""),  # answer without result
        _e(10, D(2024, 4, 1), None, "予以公开"),  # result without date
        _e(11, "2024年2月30日"),  # unreadable date
        _e(12, D(2024, 4, 2), D(2024, 4, 3), "随便", applicant="人大代表"),  # two unknown values
        _e(13, D(2024, 4, 9), D(2024, 4, 10), "不掌握", content="路灯", name="张三"),
        _e(14, D(2024, 4, 9), D(2024, 4, 11), "不掌握", content="路灯", name="张三"),  # duplicate of 13
        _e(15, None, D(2024, 4, 11), "不掌握"),  # no received date
        _e(16, D(2024, 6, 1), "未办结", ""),  # pending word in the answer column
    ]
    t = count(entries, FORMAT_2021, y)
    kinds = {i.row: i.kind for i in t.issues}
    assert kinds == {
        6: IssueKind.OTHER_YEAR,
        7: IssueKind.OTHER_YEAR,
        8: IssueKind.ANSWER_BEFORE_RECEIPT,
        9: IssueKind.NO_RESULT,
        10: IssueKind.NO_ANSWER_DATE,
        11: IssueKind.BAD_DATE,
        12: IssueKind.UNKNOWN_RESULT,  # the last of the row's two issues; both are listed
        14: IssueKind.DUPLICATE,
        15: IssueKind.NO_RECEIVED,
    }
    assert {i.kind for i in t.issues if i.row == 12} == {
        IssueKind.UNKNOWN_APPLICANT,
        IssueKind.UNKNOWN_RESULT,
    }
    assert all(f"第 {i.row} 行" in i.message for i in t.issues)
    messages = {i.row: i.message for i in t.issues}
    assert (
        messages[8] == "第 8 行：答复日期 2024年3月1日 早于收到日期 2024年4月1日"
    )  # as the clerk writes dates
    assert messages[9] == "第 9 行：已有答复日期 2024年4月3日，但没有办理结果"
    assert t.unresolved_rows == [8, 9, 10, 11, 12, 14, 15]
    cell = t.cells
    assert cell["requests.new.natural"] == 4  # rows 2, 5, 13, 16
    assert cell["requests.carried_in.natural"] == 2  # rows 3, 4
    assert cell["requests.granted.natural"] == 1
    assert cell["requests.partial.natural"] == 1
    assert cell["requests.unable_not_held.natural"] == 1
    assert cell["requests.carried_out.natural"] == 3  # rows 4, 5, 16
    assert cell["requests.total.total"] == 3
    assert t.rows["requests.carried_out.natural"] == [4, 5, 16]
    # The clerk reads the unknown values once; the duplicate is confirmed as a separate application.
    values = ValueMap({"随便": "refused_mass"}, {"人大代表": "other"})
    again = count(entries, FORMAT_2021, y, values, keep_duplicates=True)
    assert again.unresolved_rows == [8, 9, 10, 11, 15]
    assert again.cells["requests.refused_mass.other"] == 1
    assert again.cells["requests.unable_not_held.natural"] == 2


def test_identity_holds_for_any_counted_register() -> None:
    """Whatever the rows, 一 + 二 = 三（七） + 四 in every column of what is counted."""
    import random

    rng = random.Random(7)
    for _ in range(50):
        entries = []
        for i in range(40):
            r = D(2023, 1, 1) + dt.timedelta(days=rng.randrange(1095))
            a = r + dt.timedelta(days=rng.randrange(-5, 90)) if rng.random() < 0.8 else None
            entries.append(
                _e(
                    i + 2,
                    r,
                    a,
                    rng.choice(["予以公开", "不掌握", "", "什么"]),
                    rng.choice(["个人", "企业", "?"]),
                )
            )
        for fmt in (FORMAT_2019, FORMAT_2021):
            c = count(entries, fmt, 2024).cells
            for col in ("natural", "business", "research", "charity", "legal", "other", "total"):
                assert _identity(c, col)


def test_row_numbers_read_as_chinese() -> None:
    """QA qa25b item 13: a clipped list ends 「等行」, not 「等 行」."""
    from giedit.model.register import row_numbers

    assert row_numbers([3, 4, 5, 9]) == "第 3–5、9 行"
    assert row_numbers(list(range(1, 30, 2)), 3) == "第 1、3、5 等行"
