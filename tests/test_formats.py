"""The format definitions against the spec's machine-readable labels and its grid facts."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from paths import SHARED

from giedit.model.formats import FORMATS, SECTIONS, format_for_year
from giedit.model.schema import Format, Role, Row

LABELS = json.loads((SHARED / "spec" / "labels.json").read_text(encoding="utf-8"))


def test_section_headings_equal_labels_json() -> None:
    for fmt in FORMATS.values():
        assert [s.title for s in fmt.sections] == LABELS["sections"]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_table_active_labels(version: str) -> None:
    expected = LABELS["table_二_主动公开"][version]["blocks"]
    blocks = FORMATS[version].table("active").blocks
    got = [
        {
            "title": b.title,
            "columns": [b.label_header, *(c.label for c in b.columns)],
            "rows": [r.label for r in b.rows],
        }
        for b in blocks
    ]
    assert got == expected


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_table_requests_labels(version: str) -> None:
    spec = LABELS["table_三_申请"]
    fmt = FORMATS[version]
    layout = fmt.layout("requests")
    assert [(r.label, list(r.group)) for r in layout.rows] == [
        (r["label"], r["group"]) for r in spec["rows"][version]
    ]
    assert [c.label for c in layout.rows[0].columns] == spec["columns"]
    header = {g.text for g in layout.grid if g.role is Role.HEADER}
    assert {
        spec["header_note"],
        spec["header"]["top"],
        spec["header"]["legal_group"],
        *spec["columns"],
    } == header


def test_table_appeals_labels() -> None:
    spec = LABELS["table_四_复议诉讼"]
    for fmt in FORMATS.values():
        layout = fmt.layout("appeals")
        assert len(layout.rows) == 1 and len(layout.rows[0].columns) == spec["values"]
        assert [c.label for c in layout.rows[0].columns] == spec["columns_per_block"] * 3
        header = [g.text for g in layout.grid if g.role is Role.HEADER]
        for text in spec["groups"] + spec["litigation_groups"]:
            assert text in header


@pytest.mark.parametrize(("version", "rows", "span"), [("2019", 23, 20), ("2021", 25, 22)])
def test_requests_grid_as_printed(version: str, rows: int, span: int) -> None:
    """Spec §4.2: 10 grid columns, a 3-row header, 三、本年度办理结果 spanning 20 (2019) / 22 (2021) rows."""
    layout = FORMATS[version].layout("requests")
    assert (layout.n_cols, layout.label_cols, len(layout.rows)) == (10, 3, rows)
    assert layout.n_rows == 3 + rows
    group = {g.text: g for g in layout.grid if g.role is Role.GROUP}
    assert group["三、本年度办理结果"].rowspan == span
    assert group["（三）不予公开"].rowspan == 8
    assert group["（四）无法提供"].rowspan == 3
    assert group["（五）不予处理"].rowspan == 5
    note = next(g for g in layout.grid if g.row == 0 and g.col == 0)
    assert (note.rowspan, note.colspan) == (3, 3)
    spans = {(g.text, g.rowspan, g.colspan) for g in layout.grid if g.role is Role.HEADER}
    assert {("申请人情况", 1, 7), ("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)} <= spans


def test_appeals_grid_as_printed() -> None:
    layout = FORMATS["2021"].layout("appeals")
    spans = [(g.row, g.col, g.rowspan, g.colspan) for g in layout.grid if g.role is Role.HEADER]
    assert (0, 0, 1, 5) in spans and (0, 5, 1, 10) in spans
    assert all((1, c, 2, 1) in spans for c in range(5))
    assert (1, 5, 1, 5) in spans and (1, 10, 1, 5) in spans
    assert all((2, c, 1, 1) in spans for c in range(5, 15))


def test_active_blocks_stretch_to_the_grid() -> None:
    """2021 single-value blocks span c2–c4; 2019 two-value blocks widen the second value."""
    values = [g for g in FORMATS["2021"].layout("active").grid if g.role is Role.VALUE]
    fee = next(g for g in values if g.cell == "active.fees.fee_amount")
    assert (fee.col, fee.colspan) == (1, 3)
    amount = next(g for g in FORMATS["2019"].layout("active").grid if g.cell == "active.procurement.amount")
    assert (amount.col, amount.colspan) == (2, 2)


def test_every_grid_covers_its_area_exactly_once() -> None:
    for fmt in FORMATS.values():
        for t in fmt.tables:
            layout = fmt.layout(t.id)
            seen: set[tuple[int, int]] = set()
            for g in layout.grid:
                area = {
                    (r, c) for r in range(g.row, g.row + g.rowspan) for c in range(g.col, g.col + g.colspan)
                }
                assert not area & seen, (fmt.id, t.id, g)
                seen |= area
            assert seen == {(r, c) for r in range(layout.n_rows) for c in range(layout.n_cols)}, (
                fmt.id,
                t.id,
            )


def test_cell_ids_are_unique_and_stable() -> None:
    for fmt in FORMATS.values():
        ids = [c.id for t in fmt.tables for c in fmt.layout(t.id).cells]
        assert len(ids) == len(set(ids))
    assert "requests.new.natural" in FORMATS["2019"].cells
    assert "active.fees.fee_amount" in FORMATS["2021"].cells
    assert len(FORMATS["2019"].cells) == 22 + 161 + 15  # table 二 2019: 6 rows x 3 + 2 x 2
    assert len(FORMATS["2021"].cells) == 10 + 175 + 15


def test_format_for_year() -> None:
    assert format_for_year(2020).id == "2019"
    assert format_for_year(2021).id == "2021"
    assert format_for_year(2035).id == "2021"


def test_a_third_version_is_only_data() -> None:
    """A hypothetical revision that adds a 4th 其他处理 sub-row needs no code, only a new Format value."""
    base = FORMATS["2021"]
    requests = base.table("requests")
    (block,) = requests.blocks
    result = next(r for r in block.rows if r.id == "result")
    other = next(r for r in result.children if r.id == "other_handling")
    other4 = replace(other, children=(*other.children, Row("other_new", "4.新增情形")))
    result4 = replace(
        result, children=tuple(other4 if c.id == "other_handling" else c for c in result.children)
    )
    block4 = replace(block, rows=tuple(result4 if r.id == "result" else r for r in block.rows))
    fmt = Format(
        id="2030",
        name="test",
        basis="test",
        years=(2030, None),
        sections=SECTIONS,
        tables=(base.table("active"), replace(requests, blocks=(block4,)), base.table("appeals")),
    )
    layout = fmt.layout("requests")
    assert len(layout.rows) == 26
    group = {g.text: g for g in layout.grid if g.role is Role.GROUP}
    assert group["三、本年度办理结果"].rowspan == 23
    e2 = [r for r in fmt.relations if r.rule == "T2-E2" and r.column == "natural"]
    assert "requests.other_new.natural" in e2[0].parts
