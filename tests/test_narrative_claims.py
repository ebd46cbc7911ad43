"""Narrative figures against the tables, sentence by sentence: every contradiction of a sentence
(N-W1/N-W16), enumerations whose parts do not make their whole (N-W17), and denials that name no
row (「无结转」, 「未废止」, N-W16). Checked on the shipped 2024 sample with its own tables, and
once through a real Word file read by ``giedit review``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT, SAMPLES

from giedit.checks import RULES, Severity, check
from giedit.checks.narrative import _denied_cells
from giedit.export import export_docx
from giedit.model import storage
from giedit.model.report import Paragraph, Report
from giedit.model.sentences import from_tables

TONGXI = SAMPLES / "2024-tongxi-jiedao.giedit"
# the sample's table 三: 新收 28, 办结 25 = 予以公开 12 + 部分公开 4 + 不予公开 3 + 无法提供 4 + 不予处理 1 + 其他 1


def _report(text: str, **cells: int) -> Report:
    report = storage.load(TONGXI)
    report.cells.update(cells)
    report.section("overview").paragraphs = [Paragraph(text=text)]
    return report


def _found(report: Report, *rules: str) -> list:
    return [f for f in check(report) if f.rule in rules and f.section == "overview"]


def test_the_sample_states_what_this_test_assumes() -> None:
    r = storage.load(TONGXI)
    parts = ("granted", "partial", "withheld_third_party", "withheld_law", "withheld_internal")
    assert (r.cells["requests.new.total"], r.cells["requests.total.total"]) == (28, 25)
    assert [r.cells[f"requests.{p}.total"] for p in parts] == [12, 4, 1, 1, 1]


# -- 6. several claims in one sentence ------------------------------------------------------------


def test_each_contradiction_of_a_sentence_is_flagged() -> None:
    text = "本年度新收政府信息公开申请30件，办结28件，其中予以公开17件。"
    found = _found(_report(text), "N-W1", "N-W16")
    assert [(f.rule, f.cells) for f in found] == [
        ("N-W1", ("requests.new.total",)),
        ("N-W16", ("requests.total.total",)),
        ("N-W16", ("requests.granted.total",)),
    ]
    assert "「办结28件」" in found[1].message and "（25）" in found[1].message
    assert "予以公开17件" in found[2].message and "（12）" in found[2].message
    places = [f.place for f in found[1:]]
    assert places[0] != places[1] and text[places[1][1] : places[1][2]] == "17件"
    assert all(f.severity is Severity.WARNING for f in found)


def test_a_sentence_whose_claims_hold_is_quiet() -> None:
    text = "本年度新收政府信息公开申请28件，办结25件，其中予以公开12件。"
    assert _found(_report(text), "N-W1", "N-W16", "N-W17") == []


# -- 7. enumerations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # 10 + 5 + 3 and the table's other categories (4 + 1 + 1) do not make 25
        (
            "全年办结25件，其中予以公开10件、部分公开5件、不予公开3件。",
            "（10＋5＋3＝18），加上表格中未列出的各项（共6），与总数25不符",
        ),
        ("全年办结25件，其中予以公开20件、部分公开9件。", "（20＋9＝29）大于总数25"),
        (  # every category listed, one miscounted
            "全年办结25件，分别为予以公开11件、部分公开4件、不予公开3件、无法提供4件、不予处理1件、其他处理1件。",
            "（11＋4＋3＋4＋1＋1＝24）与总数25不符（写明“分别为”",
        ),
        ("本年度新收政府信息公开申请28件，分别为自然人21件，商业企业4件。", "（21＋4＝25）与总数28不符"),
    ],
)
def test_an_enumeration_that_cannot_be_right_is_a_warning(text: str, said: str) -> None:
    found = _found(_report(text), "N-W17")
    assert len(found) == 1, found
    assert said in found[0].message and found[0].severity is Severity.WARNING
    assert found[0].cells[0] in ("requests.total.total", "requests.new.total")  # the whole first


def test_分别为_leaving_out_a_non_zero_category_names_it() -> None:
    # the numbers add up (a miscounted 不予处理 2 makes up for 其他处理 1), but 分别为 says all
    text = "全年办结25件，分别为予以公开12件、部分公开4件、不予公开3件、无法提供4件、不予处理2件。"
    (found,) = _found(_report(text), "N-W17")
    assert "未列出表格中不为0的" in found.message and "其他处理" in found.message
    assert "requests.other_no_fee.total" in found.cells


@pytest.mark.parametrize(
    "text",
    [
        "全年办结25件，其中予以公开12件、部分公开4件、不予公开3件。",  # a partial list, right with the table's rest
        "全年办结25件，分别为予以公开12件、部分公开4件、不予公开3件、无法提供4件、不予处理1件、其他处理1件。",
        "本年度新收政府信息公开申请28件，其中自然人21件，商业企业4件，科研机构1件，法律服务机构2件。",
        "全年办结25件，其中予以公开12件。",  # one part is no enumeration
    ],
)
def test_an_enumeration_that_holds_is_quiet(text: str) -> None:
    assert _found(_report(text), "N-W17") == []


def test_the_sentences_giedit_generates_hold() -> None:
    report = storage.load(TONGXI)
    report.section("overview").paragraphs = from_tables(report).paragraphs
    assert not [f for f in check(report) if f.rule in ("N-W16", "N-W17")]
    assert RULES["N-W17"].severity is Severity.WARNING


# -- 8. denials that name no row ---------------------------------------------------------------------


def test_the_denied_cells_come_from_the_format_definition() -> None:
    assert _denied_cells("2021", "结转") == ("requests.carried_in.total", "requests.carried_out.total")
    assert _denied_cells("2021", "废止") == ("active.rules.repealed", "active.normative.repealed")
    assert _denied_cells("2019", "结转") == ("requests.carried_in.total", "requests.carried_out.total")


def test_无结转_against_each_carried_cell_that_is_not_0() -> None:
    out = {"requests.carried_out.total": 0}
    found = _found(_report("本年度无结转。", **{"requests.carried_in.total": 3}, **out), "N-W16")
    assert [f.cells for f in found] == [("requests.carried_in.total",)]
    assert "「无结转」" in found[0].message and "（3）" in found[0].message
    both = {"requests.carried_in.total": 3, "requests.carried_out.total": 2}
    assert len(_found(_report("本年度无结转。", **both), "N-W16")) == 2
    zero = {"requests.carried_in.total": 0, "requests.carried_out.total": 0}
    assert _found(_report("本年度无结转。", **zero), "N-W16") == []
    found = _found(_report("本年度无上年结转申请。", **{"requests.carried_in.total": 3}), "N-W16")
    assert [f.cells for f in found] == [("requests.carried_in.total",)]  # read once, not twice


@pytest.mark.parametrize(
    "text", ["本年度未废止任何文件。", "本年度没有废止行政规范性文件。", "本年度未废止文件。"]
)
def test_未废止_against_a_non_zero_废止_cell(text: str) -> None:
    cells = {"active.normative.repealed": 2, "active.rules.repealed": 0}
    found = _found(_report(text, **cells), "N-W16")
    assert [f.cells for f in found] == [("active.normative.repealed",)], found
    assert "本年废止件数" in found[0].message and "（2）" in found[0].message


def test_documents_not_yet_repealed_deny_nothing() -> None:
    text = "对现行有效、尚未废止的文件进行了清理，未废止的文件继续执行。"
    assert _found(_report(text, **{"active.normative.repealed": 2}), "N-W16") == []


# -- through a Word file, as the county reads it ---------------------------------------------------


def test_a_word_report_gets_every_claim_checked(tmp_path: Path) -> None:
    report = _report(
        "本年度新收政府信息公开申请30件，办结28件，其中予以公开17件。"
        "全年办结25件，其中予以公开20件、部分公开9件。本年度无结转。",
        **{"requests.carried_in.total": 3},
    )
    folder = tmp_path / "报告"
    folder.mkdir()
    export_docx(report, folder / "桐溪街道.docx")
    done = subprocess.run(
        [sys.executable, "-m", "giedit.cli", "review", str(folder), "-o", str(tmp_path / "r.xlsx"), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    (unit,) = json.loads(done.stdout)["units"]
    said = [(f["rule"], f["severity"], f["message"]) for f in unit["findings"]]
    claims = [m for r, s, m in said if r in ("N-W1", "N-W16", "N-W17") and s == "warning"]
    assert any("办结28件" in m for m in claims) and any("予以公开17件" in m for m in claims)
    assert any("大于总数25" in m for m in claims) and any("「无结转」" in m for m in claims)
    assert any("收到申请 30 件" in m for m in claims)
