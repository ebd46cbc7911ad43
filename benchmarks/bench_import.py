"""Median time to import a 20-page PDF report, beside references measured in the same run.

Target (issue 13): import of a 20-page PDF report under 2 s on the 2-core machine. The report is
a 2021-format sample with its narrative repeated until giedit's own PDF export has 20 pages
(three of them tables). References: poppler's ``pdftotext -layout`` on the same file (C, text
only, no tables or report model), and importing the same report as DOCX and as a web page.

Run: ``uv run python benchmarks/bench_import.py``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench_checks import median_s, sample_2021

from giedit.export import pdf_bytes
from giedit.importers import import_bytes, import_file
from giedit.model import storage
from giedit.model.report import Paragraph, Report

ROOT = Path(__file__).resolve().parent.parent
TARGET_PAGES = 20
TARGET_S = 2.0


def twenty_pages(report: Report) -> tuple[Report, bytes]:
    """The report with its overview lengthened until the PDF has ``TARGET_PAGES`` pages."""
    from pypdf import PdfReader  # a test dependency: the benchmark runs in the dev environment

    base = list(report.section("overview").paragraphs) or [Paragraph(text="本年度工作情况。" * 20)]
    for n in range(1, 200):
        report.section("overview").paragraphs = base * n
        data = pdf_bytes(report, draft=True)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        if pages >= TARGET_PAGES:
            return report, data
    raise RuntimeError("could not reach 20 pages")


@dataclass
class ImportTimes:
    pages: int
    pdf_s: float
    pdftotext_s: float | None
    docx_s: float
    html_s: float


def measure(runs: int = 5) -> ImportTimes:
    from pypdf import PdfReader

    report, data = twenty_pages(storage.load(sample_2021()))
    folder = Path(tempfile.mkdtemp())
    pdf = folder / "report.pdf"
    pdf.write_bytes(data)
    pdf_s = median_s(lambda: import_file(pdf), runs)
    pdftotext = shutil.which("pdftotext")
    reference = (
        median_s(
            lambda: subprocess.run([pdftotext, "-layout", str(pdf), str(folder / "out.txt")], check=True),
            runs,
        )
        if pdftotext
        else None
    )
    from giedit.export import export_docx

    docx = export_docx(report, folder / "report.docx")
    docx_s = median_s(lambda: import_file(docx), runs)
    sys.path.insert(0, str(ROOT / "tests"))
    from published_files import portal_page

    page = portal_page(report)
    html_s = median_s(lambda: import_bytes(page, "report.html"), runs)
    pages = len(PdfReader(str(pdf)).pages)
    return ImportTimes(pages, pdf_s, reference, docx_s, html_s)


def main() -> None:
    t = measure()
    verdict = "met" if t.pdf_s < TARGET_S else "missed"
    print(
        f"import of a {t.pages}-page PDF report: {t.pdf_s * 1000:.0f} ms (target < {TARGET_S:.0f} s: {verdict})"
    )
    if t.pdftotext_s is not None:
        print(
            f"  reference pdftotext -layout, same file: {t.pdftotext_s * 1000:.0f} ms ({t.pdf_s / t.pdftotext_s:.1f}x)"
        )
    print(f"  same report as DOCX: {t.docx_s * 1000:.0f} ms ({t.pdf_s / t.docx_s:.1f}x)")
    print(f"  same report as a GBK portal page: {t.html_s * 1000:.0f} ms ({t.pdf_s / t.html_s:.1f}x)")


if __name__ == "__main__":
    main()
