"""Figures (numbers bound to the tables), the vocabulary that reads and writes them, and the
paragraph edits that keep them and last year's marks in place (giedit.model.figures, wording,
inline): no Qt."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from docx import Document
from export_reports import filled
from paths import SAMPLES, SHARED
from pypdf import PdfReader

from giedit.export import export_docx, pdf_bytes
from giedit.importers import import_file
from giedit.model import dump, edits, figures, inline, sentences, storage, wording
from giedit.model.report import FIGURE, Paragraph, Report, Span, new_report

TONGXI = SAMPLES / "2024-tongxi-jiedao.giedit"


def _tongxi() -> Report:
    return storage.load(TONGXI)


def _figure_paragraph(text: str, *refs: str) -> Paragraph:
    """``text`` with each ``#`` a figure bound to the next of ``refs``."""
    return Paragraph(text=text.replace("#", FIGURE), figures=list(refs))


# -- references, names and values ------------------------------------------------------------------


def test_a_cell_a_group_and_a_header_sum_resolve_to_their_cells_and_official_names() -> None:
    r = _tongxi()
    fmt = r.definition
    cell = figures.resolve(fmt, "requests.new.total")
    assert cell is not None and cell.cells == ("requests.new.total",)
    assert cell.where == fmt.section("requests").title
    assert cell.name == fmt.cells["requests.new.total"].describe()
    group = figures.resolve(fmt, "requests.withheld.total")
    assert group is not None and len(group.cells) == 8
    assert fmt.layout("requests").row("withheld_secret").group[-1] in group.name
    suits = figures.resolve(fmt, "appeals.cases.direct_suit_total+appeals.cases.suit_after_review_total")
    assert suits is not None and suits.name.startswith("行政诉讼「总计」")
    assert figures.value(r, suits.ref) == 3 and figures.value(r, group.ref) == 3
    for bad in ("requests.nope.total", "x", "requests.new.total+requests.new.total", "requests.result.total"):
        assert figures.resolve(fmt, bad) is None, bad
        assert figures.shown(r, bad) == figures.BLANK


def test_shown_values_follow_the_cells_and_a_blank_is_a_visible_gap() -> None:
    r = _tongxi()
    assert figures.shown(r, "requests.new.total") == "28"
    assert figures.shown(r, "active.fees.fee_amount") == "0"  # the fixed 万元 is in the sentence
    r.cells["requests.new.natural"] = None
    assert figures.shown(r, "requests.new.natural") == figures.BLANK
    r.cells["requests.new.natural"] = "很多"  # invalid: no number to print
    assert figures.shown(r, "requests.new.natural") == figures.BLANK
    r2019 = filled(2020)
    assert figures.shown(r2019, "active.procurement.amount").endswith("万元")  # a chosen unit prints


def test_paragraph_text_is_the_one_rendering_and_reads_the_cells_every_time() -> None:
    r = _tongxi()
    p = _figure_paragraph("新收申请#件，办结#件，另有#件。", "requests.new.total", "requests.total.total")
    assert figures.paragraph_text(r, p) == "新收申请28件，办结25件，另有□件。"  # a figure without a ref
    r.cells["requests.new.total"] = 30
    assert figures.paragraph_text(r, p).startswith("新收申请30件")
    assert figures.paragraph_text(r, Paragraph(text="无数字")) == "无数字"


def test_every_target_resolves_and_names_itself_once() -> None:
    fmt = new_report(2024).definition
    targets = figures.targets(fmt)
    assert len({t.cells for t in targets}) == len(targets)
    assert all(figures.resolve(fmt, t.ref) == t for t in targets)
    assert {c for t in targets for c in t.cells} == set(fmt.cells)
    assert len({t.label for t in targets}) == len(targets)  # a searchable list tells them apart


# -- the vocabulary: reading last year's sentences ------------------------------------------------


def _readings(r: Report, sid: str = "overview") -> list[tuple[str, str | None, bool]]:
    out = []
    for p in r.sections[sid].paragraphs:
        for x in wording.read(r.format, p.text, p.figures, r.year):
            out.append((x.snippet(p.text), x.ref, x.bindable))
    return out


def test_the_issue_examples_map_to_their_cells_and_the_others_do_not() -> None:
    found = {(s, ref) for s, ref, ok in _readings(_tongxi()) if ok}
    assert ("28件", "requests.new.total") in found
    assert ("23件", "active.penalty.decisions") in found
    assert ("9件", "active.normative.in_force") in found
    assert ("25件", "requests.total.total") in found  # 办结 = （七）总计
    assert ("3件", "appeals.cases.direct_suit_total+appeals.cases.suit_after_review_total") in found
    assert ("3件", "requests.carried_out.total") in found  # 另有3件于12月受理，结转下年度继续办理
    unbound = {s for s, ref, ok in _readings(_tongxi()) if not ok}
    assert {"412条", "420余条", "8个", "2名", "15条"} <= unbound


def test_every_number_read_in_the_samples_agrees_with_its_own_tables() -> None:
    """The vocabulary read against reports whose text and tables agree: no number is misread."""
    reports = [storage.load(p) for p in sorted(SAMPLES.glob("*.giedit"))]
    reports += [import_file(p).report for p in sorted((SHARED / "samples").glob("*/*.txt"))]
    reports.append(import_file(SHARED / "samples" / "word" / "c2021_zhen_2022.docx").report)
    read = 0
    for r in reports:
        for sid in ("overview", "other"):
            for p in r.section(sid).paragraphs:
                for x in wording.read(r.format, p.text, p.figures, r.year):
                    if x.ref and x.bindable and (value := figures.value(r, x.ref)) is not None:
                        assert value == x.number, (r.body.name, x.snippet(p.text), x.ref)
                        read += 1
    assert read > 100


@pytest.mark.parametrize(
    "text",
    [
        "本年度收到政府信息公开申请30件，同比增长12件。",  # the 12 compares
        "2023年收到政府信息公开申请20件。",  # another year
        "本年度收到政府信息公开申请约30件。",  # approximate
        "县政协委员提案1件，均已办结。",  # 办结 does not name the proposals
    ],
)
def test_what_is_not_this_years_cell_is_not_bound(text: str) -> None:
    readings = [x for x in wording.read("2021", text, (), 2024) if x.kind == "number"]
    assert readings and not any(x.bindable and x.ref for x in readings[-1:])


def test_denials_read_as_zero_for_each_cell_they_name() -> None:
    text = "无上年结转申请；未作出行政许可、行政处罚处理决定；未发生行政复议、行政诉讼案件。"
    zeros = {x.ref for x in wording.read("2021", text, (), 2024) if x.kind == "zero"}
    assert zeros == {
        "requests.carried_in.total",
        "active.licensing.decisions",
        "active.penalty.decisions",
        "appeals.cases.review_total",
        "appeals.cases.direct_suit_total+appeals.cases.suit_after_review_total",
    }
    assert not [
        x
        for x in wording.read("2021", "无法提供4件，申请人逾期未按收费通知要求缴纳费用", (), 2024)
        if x.kind == "zero"
    ]


@pytest.mark.parametrize("year", [2020, 2024])
def test_generated_sentences_read_back_to_the_same_figures(year: int) -> None:
    """What 「从表格生成」 writes with the vocabulary, printed, is read back to the same cells."""
    rng = random.Random(year)
    for _ in range(25):
        r = new_report(year, "某某镇人民政府")
        if year < 2021:  # a 2019 amount without its unit is G-W2's: no sentence can say it
            edits.set_unit(r, "active.procurement.amount", "万元").apply(r)  # type: ignore[union-attr]
        for table in r.definition.tables:
            edits.fill_blanks(r, table.id).apply(r)  # type: ignore[union-attr]
        inputs = [c for c in r.definition.cells if edits.is_input(r, c)]
        values = {c: str(rng.choice([0, 0, 1, 2, 7, 30])) for c in rng.sample(inputs, 20)}
        for cid, text in values.items():
            if (e := edits.enter(r, cid, text)) is not None:
                e.apply(r)
        for p in sentences.from_tables(r).paragraphs:
            printed = figures.paragraph_text(r, p)
            read = [x.ref for x in wording.read(r.format, printed, (), year) if x.kind == "number"]
            assert read == p.figures, printed


# -- editing a paragraph with figures and marks ---------------------------------------------------


def _marked(text: str, *spans: tuple[int, int]) -> Paragraph:
    return Paragraph(text=text, unconfirmed=[Span(start=a, end=b) for a, b in spans])


def test_typing_elsewhere_moves_a_mark_and_typing_into_it_removes_it() -> None:
    p = _marked("公开信息412条，查阅点8个。", (4, 8), (13, 15))
    before = inline.retext(p, "全年公开信息412条，查阅点8个。")
    assert [(s.start, s.end) for s in before.unconfirmed] == [(6, 10), (15, 17)]
    inside = inline.retext(p, "公开信息4125条，查阅点8个。")
    assert [(s.start, s.end) for s in inside.unconfirmed] == [(14, 16)]
    deleted = inline.retext(p, "公开信息，查阅点8个。")
    assert [(s.start, s.end) for s in deleted.unconfirmed] == [(9, 11)]
    after = inline.retext(p, "公开信息412条余，查阅点8个。")  # typed right after it: kept
    assert len(after.unconfirmed) == 2
    assert inline.confirmed(p, p.unconfirmed[0]).unconfirmed == [p.unconfirmed[1]]


def test_a_figure_goes_only_when_its_character_is_deleted_and_typing_never_makes_one() -> None:
    p = _figure_paragraph("收到#件，办结#件。", "requests.new.total", "requests.total.total")
    typed = inline.retext(p, "本年收到" + FIGURE + "件，办结" + FIGURE + "件。")
    assert typed.figures == p.figures
    gone = inline.retext(p, "收到件，办结" + FIGURE + "件。")
    assert gone.figures == ["requests.total.total"]
    pasted = inline.retext(p, p.text + FIGURE)  # an object character pasted in is dropped
    assert pasted.text == p.text and pasted.figures == p.figures
    first, second = inline.split(p, 5)
    assert (first.figures, second.figures) == (["requests.new.total"], ["requests.total.total"])
    assert inline.joined(first, second) == p


def test_binding_a_number_and_unbinding_a_figure() -> None:
    p = _marked("新收申请28件，查阅点8个。", (12, 14))
    bound = inline.retext_at(p, 4, 6, "", ref="requests.new.total")
    assert bound.text == f"新收申请{FIGURE}件，查阅点8个。" and bound.figures == ["requests.new.total"]
    assert [(s.start, s.end) for s in bound.unconfirmed] == [(11, 13)]
    plain = inline.retext_at(bound, 4, 5, "30")
    assert plain.text == "新收申请30件，查阅点8个。" and plain.figures == []
    assert inline.figure_at(bound, 4) == 0 and inline.figure_at(bound, 3) is None


def test_narrative_edits_keep_figures_and_undo_restores_them() -> None:
    r = _tongxi()
    para = _figure_paragraph("新收申请#件。", "requests.new.total")
    r.section("overview").paragraphs = [para]
    e = edits.set_paragraph_text(r, "overview", 0, "本年度新收申请" + FIGURE + "件。")
    assert e is not None
    e.apply(r)
    assert r.section("overview").paragraphs[0].figures == ["requests.new.total"]
    split = edits.insert_text(r, "overview", 0, 3, "\n")
    assert split is not None
    split.apply(r)
    assert [p.figures for p in r.section("overview").paragraphs] == [[], ["requests.new.total"]]
    split.revert(r)
    e.revert(r)
    assert r.section("overview").paragraphs == [para]


# -- every output prints the current value ---------------------------------------------------------


def test_a_figure_survives_save_load_and_every_output_prints_its_current_value(tmp_path: Path) -> None:
    r = filled(2024)
    r.section("overview").paragraphs.insert(
        0,
        _figure_paragraph(
            "本年度新收政府信息公开申请#件，作出行政处罚决定#件。",
            "requests.new.total",
            "active.penalty.decisions",
        ),
    )
    r.cells["active.penalty.decisions"] = 17
    path = tmp_path / "r.giedit"
    storage.save(r, path)
    again = storage.load(path)
    assert again == r and again.section("overview").paragraphs[0].figures == [
        "requests.new.total",
        "active.penalty.decisions",
    ]
    new_total = figures.shown(again, "requests.new.total")
    sentence = f"本年度新收政府信息公开申请{new_total}件，作出行政处罚决定17件。"
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes(again))).pages)
    assert sentence in "".join(pdf.split())
    export_docx(again, tmp_path / "r.docx")
    docx = "\n".join(p.text for p in Document(str(tmp_path / "r.docx")).paragraphs)
    assert sentence in docx
    assert sentence in dump.dump(again)["sections"][0]["text"]
    assert FIGURE not in docx and FIGURE not in pdf
