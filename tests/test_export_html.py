"""The portal HTML (issue 12): `giedit export SAMPLE -o x.html` for every sample, parsed with a
real HTML5 parser (html5lib) and checked against the format definition: headings, paragraphs,
every table's cells with their rowspan/colspan, labels and numbers; self-contained UTF-8 markup
with inline styles only."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from export_reports import filled
from paths import SAMPLES

from giedit.export import export_html
from giedit.export.content import Kind, parts
from giedit.export.grid import printed_table
from giedit.export.html_writer import html_fragment, plain_text
from giedit.model.report import Paragraph, Report
from giedit.model.storage import load

SAMPLE_FILES = sorted(SAMPLES.glob("*.giedit"))
NS = {"h": "http://www.w3.org/1999/xhtml"}


def _squash(text: str) -> str:
    return "".join(text.split())


def _parse(path: Path):
    with path.open("rb") as f:
        return html5lib.parse(f, treebuilder="etree", namespaceHTMLElements=True)


def _text(el) -> str:
    return "".join(el.itertext())


def _grid(table) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of every cell, placed as a browser places them."""
    taken: set[tuple[int, int]] = set()
    out = []
    rows = table.findall(".//h:tr", NS)
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            while (r, c) in taken:
                c += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            out.append((r, c, rs, cs, _squash(_text(cell))))
            c += cs
    return out


def _export(sample: Path, tmp_path: Path) -> tuple[Report, Path]:
    out = tmp_path / f"{sample.stem}.html"
    run = subprocess.run(
        [sys.executable, "-m", "giedit", "export", str(sample), "-o", str(out), "--draft"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return load(sample), out


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_sample_exports_html_with_the_official_merges(sample: Path, tmp_path: Path) -> None:
    report, out = _export(sample, tmp_path)
    raw = out.read_bytes()
    raw.decode("utf-8")  # UTF-8 throughout
    doc = _parse(out)
    assert doc.find(".//h:meta[@charset]", NS).get("charset").lower() == "utf-8"
    assert doc.get("lang") == "zh-CN"
    # self-contained and sanitizer-proof: no scripts, style blocks, classes or outside resources
    for tag in ("script", "style", "link", "img", "iframe"):
        assert doc.find(f".//h:{tag}", NS) is None, tag
    assert not [e for e in doc.iter() if e.get("class") is not None]
    assert not re.search(rb"(src|href)=", raw)

    fmt = report.definition
    assert _squash(_text(doc.find(".//h:h1", NS))) == _squash(report.display_title())
    assert [_text(h) for h in doc.findall(".//h:h2", NS)] == [s.title for s in fmt.sections]
    body_text = _squash(_text(doc.find(".//h:body", NS)))
    for part in parts(report):
        if part.kind is not Kind.TABLE:
            assert _squash(part.text) in body_text, part.text

    tables = doc.findall(".//h:table", NS)
    assert len(tables) == len(fmt.tables)
    for table, definition in zip(tables, fmt.tables, strict=True):
        spec = printed_table(report, definition.id)
        expected = sorted(
            (c.grid.row, c.grid.col, c.grid.rowspan, c.grid.colspan, _squash(c.text)) for c in spec.cells
        )
        assert sorted(_grid(table)) == expected, definition.id
        head = table.find("h:thead", NS)
        assert len(head.findall("h:tr", NS)) == spec.layout.repeat_rows
        assert table.get("border") == "1"  # rules even where a CMS strips the styles


def test_numbers_and_labels_of_a_filled_report(tmp_path: Path) -> None:
    """Every value printed in its cell (0 included), escaped text stays text."""
    report = filled(2021)
    report.section("overview").paragraphs.append(Paragraph(text="<script>alert(1)</script> & 《条例》"))
    out = export_html(report, tmp_path / "r.html")
    doc = _parse(out)
    assert doc.find(".//h:script", NS) is None
    assert "<script>alert(1)</script>&《条例》" in _squash(_text(doc.find(".//h:body", NS)))
    cells = {}
    for table, definition in zip(doc.findall(".//h:table", NS), report.definition.tables, strict=True):
        placed = {(r, c): text for r, c, _rs, _cs, text in _grid(table)}
        for cell in printed_table(report, definition.id).cells:
            if cell.grid.cell:
                cells[cell.grid.cell] = placed[cell.grid.row, cell.grid.col]
    assert cells["appeals.cases.review_pending"] == "0"
    assert set(cells) == set(report.definition.cells)
    assert all(cells.values())


def test_fragment_and_plain_text_for_the_clipboard() -> None:
    report = filled(2019)
    fragment = html_fragment(report, draft=True)
    assert fragment.startswith("<div") and "<html" not in fragment
    tree = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    assert len(tree.findall(".//table")) == len(report.definition.tables)
    assert "草稿" in fragment
    text = plain_text(report)
    assert report.display_title() in text
    assert all(s.title in text for s in report.definition.sections)
    assert "\t" in text  # table rows tab-separated, as a spreadsheet pastes them
