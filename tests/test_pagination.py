"""Page breaks (issue 12): one rule set (giedit.export.pagination) in the PDF and the DOCX.

Checked on what a reader gets, by reading every page's text: every sample, and a generated family
of 48 reports whose narrative grows in steps of about half a line (some with a long note before
table 三, which forces that table to split). In each PDF: no page holds only the signature and
date, no page ends with a heading or the note line before a table, a split table leaves at least
three body rows on each side, and the page number is the last text of its page. The DOCX is laid
out by LibreOffice (`soffice --convert-to pdf`; skipped only where soffice is not installed) and
must keep the same rules, the page number aside (Word and LibreOffice put the footer where they
like in the text order).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from paths import SAMPLES
from pypdf import PdfReader

from giedit.export import ExportOptions
from giedit.export.content import Kind, parts
from giedit.export.docx_writer import build_docx
from giedit.export.grid import printed_table
from giedit.export.layout import page_number_text
from giedit.export.pagination import TABLE_SPLIT_ROWS, Box, Break, break_pages, line_breaks, row_breaks
from giedit.export.pdf_writer import build_pdf
from giedit.model.report import Paragraph, Report
from giedit.model.storage import load

SHIPPED = ExportOptions(fonts="shipped")
SAMPLE_FILES = sorted(SAMPLES.glob("*.giedit"))
PHRASE = "围绕重点领域持续深化政务公开，"  # 15 characters: about half a line


def _squash(text: str) -> str:
    return "".join(text.split())


def family() -> list[tuple[str, Report]]:
    """48 variants: three samples (both formats) with the overview and the last section longer by
    a few phrases each time; every eighth one with a long note before table 三."""
    out = []
    for base in ("2025-baiyun-xiang", "2024-tongxi-jiedao", "2020-baji"):
        for k in range(16):
            r = load(SAMPLES / f"{base}.giedit")
            overview = r.section("overview").paragraphs
            overview[-1] = Paragraph(level=overview[-1].level, text=overview[-1].text + PHRASE * k)
            r.section("other").paragraphs.append(Paragraph(text=PHRASE * ((k * 7) % 11) + "特此报告。"))
            if k % 8 == 5:
                note = "本部分统计口径说明：" + PHRASE * 24
                r.section("requests").paragraphs.insert(0, Paragraph(text=note))
            if k % 4 == 2:  # a line printed under a table must not start a page on its own
                r.section("requests").extra = ["注：本表依申请公开数据统计截至12月31日。"]
            out.append((f"{base}+{k}", r))
    return out


CASES = [(p.stem, load(p)) for p in SAMPLE_FILES] + family()


@dataclass(frozen=True)
class Markers:
    """What the checks look for in a page's text."""

    keeps: set[str]  # headings and notes that must never end a page
    closing: set[str]  # signature and date
    tables: dict[str, list[str]]  # table id -> the text of each body row, in order
    under: dict[str, list[str]]  # table id -> the lines printed under it


def markers(report: Report) -> Markers:
    items = parts(report)
    keeps = {_squash(p.text) for p in items if p.kind is not Kind.TABLE and p.keep_with_next}
    keeps -= {_squash(items[i].text) for i in range(len(items) - 1) if items[i + 1].kind is Kind.SIGNATURE}
    closing = {_squash(p.text) for p in items if p.kind in (Kind.SIGNATURE, Kind.DATE)}
    tables = {}
    for t in report.definition.tables:
        spec = printed_table(report, t.id)
        rows = []
        for r in range(spec.layout.repeat_rows, spec.layout.n_rows):
            cells = sorted((c for c in spec.cells if c.grid.row == r), key=lambda c: c.grid.col)
            rows.append(_squash("".join(c.text for c in cells)))
        tables[t.id] = rows
    under = {
        t.id: [_squash(x) for x in report.text_of(t.section).extra if x.strip()]
        for t in report.definition.tables
    }
    return Markers(keeps, closing, tables, under)


def _pages(pdf: bytes) -> list[list[str]]:
    """Each page's text lines, whitespace removed, empty lines dropped."""
    reader = PdfReader(io.BytesIO(pdf))
    return [[s for line in page.extract_text().splitlines() if (s := _squash(line))] for page in reader.pages]


def problems(pages: list[list[str]], m: Markers, numbered: bool, under: bool = True) -> list[str]:
    """Every broken rule, as 'page N: what'."""
    found = []
    for n, lines in enumerate(pages, 1):
        number = _squash(page_number_text(n))
        if numbered and (not lines or lines[-1] != number):
            found.append(f"page {n}: the page number is not the last text")
        lines = [line for line in lines if line != number]
        if lines and all(line in m.closing for line in lines):
            found.append(f"page {n}: only the signature and date")
        text = "".join(lines)
        ending = [k for k in m.keeps if k and text.endswith(k)]
        if n < len(pages) and ending:
            found.append(f"page {n}: ends with {ending[0]}")
    texts = ["".join(lines) for lines in pages]
    for table, lines in (m.under if under else {}).items():
        for line in lines[:1]:
            page = next((n for n, text in enumerate(texts) if line in text), None)
            if page is not None and not any(row and row in texts[page] for row in m.tables[table]):
                found.append(f"page {page + 1}: the line under table {table} without its table")
    for table, rows in m.tables.items():
        on = [[i for i, row in enumerate(rows) if row and row in text] for text in texts]
        used = [(n, r) for n, r in enumerate(on, 1) if r]
        if len(used) > 1:
            for n, r in used:
                if len(r) < TABLE_SPLIT_ROWS:
                    found.append(f"page {n}: {len(r)} rows of split table {table}")
    return found


@pytest.mark.parametrize(("name", "report"), CASES, ids=[n for n, _ in CASES])
def test_pdf_pages_keep_the_rules(name: str, report: Report) -> None:
    pdf = build_pdf(report, options=SHIPPED)
    pages = _pages(pdf)
    assert problems(pages, markers(report), numbered=True) == []


def test_the_family_really_splits_a_table() -> None:
    """The forced variants do split table 三, with at least three rows each side, header repeated."""
    name, report = next((n, r) for n, r in family() if n.endswith("+5") and "tongxi" in n)
    pages = _pages(build_pdf(report, options=SHIPPED))
    m = markers(report)
    texts = ["".join(lines) for lines in pages]
    with_rows = [n for n, text in enumerate(texts) if any(row in text for row in m.tables["requests"])]
    assert len(with_rows) == 2, name
    header = _squash(printed_table(report, "requests").cells[0].text)
    assert all(header in texts[n] for n in with_rows)  # the header rows repeat on the next page
    assert problems(pages, m, numbered=True) == []


# -- the rule set itself --------------------------------------------------------------------------


def test_widows_and_orphans() -> None:
    assert line_breaks(3) == [Break.FREE, Break.KEEP, Break.KEEP]
    assert line_breaks(5) == [Break.FREE, Break.KEEP, Break.FREE, Break.FREE, Break.KEEP]
    boxes = [Box(10)] * 8 + [Box(10, b) for b in line_breaks(5)]  # a 5-line paragraph after 8 lines
    assert break_pages(boxes, 95) == [0, 8]  # only 1 line would fit: the paragraph moves whole
    assert break_pages(boxes, 105) == [0, 10]  # 2 lines stay, 3 go


def test_tables_split_with_three_rows_each_side_and_repeat_the_header() -> None:
    breaks = row_breaks(12, 2, whole=False)
    assert breaks[:6] == [Break.FREE, Break.NEVER, Break.NEVER, Break.ROWS, Break.ROWS, Break.FREE]
    assert breaks[-3:] == [Break.FREE, Break.ROWS, Break.ROWS]
    boxes = [Box(10, b, repeat=20 if r >= 2 else 0) for r, b in enumerate(breaks)]
    starts = break_pages(boxes, 100)
    assert starts[1] == 9 - 0  # 10 rows would fit, but the last 3 must stay together
    assert 12 - starts[1] >= TABLE_SPLIT_ROWS
    whole = row_breaks(12, 2, whole=True)
    assert Break.FREE not in whole[1:]


def test_a_keep_chain_taller_than_a_page_still_breaks() -> None:
    boxes = [Box(10, Break.KEEP)] * 30
    assert break_pages(boxes, 100) == [0, 10, 20]


# -- the DOCX as LibreOffice lays it out ---------------------------------------------------------


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_docx_pages_in_libreoffice_keep_the_rules(tmp_path: Path) -> None:
    docs = tmp_path / "docx"
    docs.mkdir()
    reports = {}
    for name, report in CASES:
        stem = name.replace("+", "_")
        (docs / f"{stem}.docx").write_bytes(build_docx(report))
        reports[stem] = report
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        files = sorted(str(p) for p in docs.glob("*.docx"))
        subprocess.run(
            [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path / "pdf"), *files],
            check=True, capture_output=True, timeout=900, env={**os.environ, "HOME": profile},
        )  # fmt: skip
    found = {}
    for stem, report in reports.items():
        pdf = (tmp_path / "pdf" / f"{stem}.pdf").read_bytes()
        # The lines under a table carry w:keepNext on the table's last rows, which Word honours row by
        # row; LibreOffice keeps a table with the next paragraph only as a whole, so it is not asked here.
        bad = problems(_pages(pdf), markers(report), numbered=False, under=False)
        if bad:
            found[stem] = bad
    assert found == {}


def test_the_docx_keeps_a_tables_last_rows_with_the_lines_under_it() -> None:
    """Word keeps each w:keepNext row with what follows: with a line under table 三 its last rows
    carry it (at least TABLE_SPLIT_ROWS of them when the table may split); without, the last row
    does not."""
    import docx

    def last_rows_keep(report: Report) -> list[bool]:
        document = docx.Document(io.BytesIO(build_docx(report)))
        table = document.tables[1]  # 二, 三, 四
        rows = table._tbl.findall(docx.oxml.ns.qn("w:tr"))
        return [bool(tr.findall(".//" + docx.oxml.ns.qn("w:keepNext"))) for tr in rows[-TABLE_SPLIT_ROWS:]]

    report = load(SAMPLES / "2025-baiyun-xiang.giedit")
    assert last_rows_keep(report)[-1] is False
    report.section("requests").extra = ["注：本表依申请公开数据统计截至12月31日。"]
    assert last_rows_keep(report) == [True] * TABLE_SPLIT_ROWS
