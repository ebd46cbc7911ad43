"""Export speed against LibreOffice converting the same DOCX to PDF (issue 6).

Prints, in one run: the median in-process time of a warm DOCX and a warm PDF export (fonts already
registered, as in the editor's second export), the median whole-process time of ``giedit export``
(interpreter start, imports, font registration included), LibreOffice's median conversion of the
same DOCX to PDF, and the ratios. Targets: warm PDF >= 20x faster than LibreOffice, whole process
>= 3x. Run: ``uv run python benchmarks/bench_export.py [FILE.giedit]`` (LibreOffice is optional).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from giedit.export import ExportOptions, export_docx, export_pdf
from giedit.model import storage

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "2023-qingshan-zhen.giedit"
OPTIONS = ExportOptions(fonts="shipped")


def median_s(func: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        func()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def whole_process(sample: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "giedit.cli", "export", str(sample), "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, env={"GIEDIT_FONTS": "shipped", "PATH": ""})


def libreoffice(docx: Path, out: Path, profile: Path) -> None:
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*cmd, "--outdir", str(out), str(docx)], check=True, capture_output=True, timeout=300)


def main() -> None:
    sample = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    report = storage.load(sample)
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    docx, pdf = tmp / "report.docx", tmp / "report.pdf"
    warm_docx = median_s(lambda: export_docx(report, docx, options=OPTIONS), runs=20)
    warm_pdf = median_s(lambda: export_pdf(report, pdf, options=OPTIONS), runs=20)
    proc_pdf = median_s(lambda: whole_process(sample, tmp / "cli.pdf"), runs=5)
    proc_docx = median_s(lambda: whole_process(sample, tmp / "cli.docx"), runs=5)
    print(f"sample: {sample.name} ({report.definition.name}, {len(report.definition.cells)} cells)")
    print(f"in-process warm DOCX export     median {warm_docx * 1000:8.1f} ms")
    print(f"in-process warm PDF export      median {warm_pdf * 1000:8.1f} ms")
    print(f"whole process giedit export PDF  median {proc_pdf * 1000:8.1f} ms")
    print(f"whole process giedit export DOCX median {proc_docx * 1000:8.1f} ms")
    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) not installed: no comparison")
        return
    profile = tmp / "lo-profile"
    lo = median_s(lambda: libreoffice(docx, tmp / "lo", profile), runs=3)
    print(f"LibreOffice DOCX -> PDF          median {lo * 1000:8.1f} ms (warm profile)")
    for label, value, target in (("warm in-process PDF", warm_pdf, 20), ("whole-process PDF", proc_pdf, 3)):
        ratio = lo / value
        verdict = "met" if ratio >= target else "missed"
        print(f"ratio LibreOffice / {label:20s} {ratio:6.1f}x  (target >= {target}x: {verdict})")


if __name__ == "__main__":
    main()
