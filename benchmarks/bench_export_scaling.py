"""Export time against text length (issue 14, "Linear export"; issue 12).

Two series, each exported to PDF and to DOCX in memory (fonts warm, as in the editor):

- one paragraph of 10 KB to 5 MB of narrative (UTF-8 bytes; Chinese with digits and punctuation,
  about 3 bytes a character) in 一、总体情况 of a sample report;
- 1 to 5,000 paragraphs of 1 KB each.

For each series it prints the seconds, the microseconds per KB of the time above the sample's own
(flat when linear) and the slope of log(that time) against log(size), fitted by least squares over
the sizes from 1 MB up (below that the fixed cost and the noise of a shared machine dominate): 1.0 is linear, 2.0 quadratic. The
reference measured in the same run is the export of the sample itself (the fixed cost every size
pays), printed first. Target (issue 14): a single 1 MB paragraph under 10 s for
each format on the development machine.

Run: ``uv run python benchmarks/bench_export_scaling.py [--quick]`` (``--quick`` stops at 1 MB and
1,000 paragraphs).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

from giedit.export import ExportOptions
from giedit.export.docx_writer import build_docx
from giedit.export.pdf_writer import build_pdf
from giedit.model import storage
from giedit.model.report import Paragraph, Report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "2024-tongxi-jiedao.giedit"
OPTIONS = ExportOptions(fonts="shipped")
SENTENCE = "全年主动公开政府信息412条，其中“三公”经费信息12条（详见表二），办结率100%。"
KB = 1000


def text_of(n_bytes: int) -> str:
    """Narrative of about ``n_bytes`` UTF-8 bytes."""
    unit = len(SENTENCE.encode("utf-8"))
    return SENTENCE * max(1, n_bytes // unit)


def with_paragraphs(base: Report, texts: list[str]) -> Report:
    report = base.model_copy(deep=True)
    report.section("overview").paragraphs = [Paragraph(text=t) for t in texts]
    return report


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def slope(sizes: list[float], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) on log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def series(
    title: str, label: str, cases: list[tuple[float, str, Report]], reference: dict[str, float]
) -> None:
    print(f"\n{title}")
    print(f"  {label:>12}  {'PDF s':>8}  {'µs/KB':>7}  {'DOCX s':>8}  {'µs/KB':>7}  pages")
    sizes, pdf_s, docx_s = [], [], []
    for size_kb, shown, report in cases:
        pdf_bytes: list[bytes] = []
        tp = timed(lambda r=report, out=pdf_bytes: out.append(build_pdf(r, options=OPTIONS)))
        td = timed(lambda r=report: build_docx(r, options=OPTIONS))
        pages = pdf_bytes[0].count(b"/Type /Page\n") or pdf_bytes[0].count(b"/Type /Page")
        extra = tp - reference["pdf"], td - reference["docx"]
        print(
            f"  {shown:>12}  {tp:8.2f}  {max(extra[0], 0) / size_kb * 1e6:7.0f}"
            f"  {td:8.2f}  {max(extra[1], 0) / size_kb * 1e6:7.0f}  {pages}"
        )
        if size_kb >= 1000:
            sizes.append(size_kb)
            pdf_s.append(max(extra[0], 1e-4))
            docx_s.append(max(extra[1], 1e-4))
        sys.stdout.flush()
    print(
        f"  slope of log(time above the sample's) on log(size), 1 MB and up: "
        f"PDF {slope(sizes, pdf_s):.2f}, DOCX {slope(sizes, docx_s):.2f} (1.0 = linear)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    base = storage.load(SAMPLE)
    build_pdf(base, options=OPTIONS)  # register the fonts once, as the editor's first export does
    reference = {
        "pdf": timed(lambda: build_pdf(base, options=OPTIONS)),
        "docx": timed(lambda: build_docx(base)),
    }
    print(
        f"reference: the sample {SAMPLE.name} itself: PDF {reference['pdf']:.3f} s, DOCX {reference['docx']:.3f} s"
    )

    sizes_kb = [10, 100, 1000] + ([] if args.quick else [5000])
    one = [
        (kb, f"{kb / 1000:g} MB" if kb >= 1000 else f"{kb} KB", with_paragraphs(base, [text_of(kb * KB)]))
        for kb in sizes_kb
    ]
    series("one paragraph of growing length", "paragraph", one, reference)

    counts = [1, 10, 100, 1000] + ([] if args.quick else [5000])
    many = [(n, f"{n} x 1 KB", with_paragraphs(base, [text_of(KB)] * n)) for n in counts]
    series("growing number of 1 KB paragraphs", "paragraphs", many, reference)
    one_mb = next(r for kb, _shown, r in one if kb == 1000)
    tp, td = timed(lambda: build_pdf(one_mb, options=OPTIONS)), timed(lambda: build_docx(one_mb))
    verdict = "met" if max(tp, td) < 10 else "missed"
    print(f"\n1 MB paragraph: PDF {tp:.2f} s, DOCX {td:.2f} s (target < 10 s each: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
