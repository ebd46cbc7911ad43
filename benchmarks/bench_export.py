"""Export speed against LibreOffice converting the same DOCX to PDF (issue 6).

Prints, in one run: the median in-process time of a warm DOCX and a warm PDF export (fonts already
registered, as in the editor's second export), the median whole-process time of ``giedit export``
(interpreter start, imports, font registration included), LibreOffice's median conversion of the
same DOCX to PDF, and the ratios. Targets (issue 17): warm PDF >= 40x faster than LibreOffice, whole
process >= 4x, medians of at least 7 runs (the machine is noisy). Run:
``uv run python benchmarks/bench_export.py [FILE.giedit]`` (LibreOffice is optional).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench_checks import median_s

from giedit.export import ExportOptions, export_docx, export_pdf
from giedit.model import storage

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "2023-qingshan-zhen.giedit"
OPTIONS = ExportOptions(fonts="shipped")


def whole_process(sample: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "giedit.cli", "export", str(sample), "-o", str(out), "--force"]
    subprocess.run(cmd, check=True, capture_output=True, env={"GIEDIT_FONTS": "shipped", "PATH": ""})


def libreoffice(docx: Path, out: Path, profile: Path) -> None:
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*cmd, "--outdir", str(out), str(docx)], check=True, capture_output=True, timeout=300)


@dataclass
class ExportTimes:
    """Median seconds of each export path; ``libreoffice`` is ``None`` when it is not installed."""

    sample: str
    warm_docx: float
    warm_pdf: float
    process_pdf: float
    process_docx: float
    libreoffice: float | None


def measure(
    sample: Path = SAMPLE, warm_runs: int = 20, process_runs: int = 7, lo_runs: int = 7
) -> ExportTimes:
    """Time every export path on ``sample`` (shared with run_all.py, which prints them side by side)."""
    report = storage.load(sample)
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    docx, pdf = tmp / "report.docx", tmp / "report.pdf"
    times = ExportTimes(
        sample=f"{sample.name} ({report.definition.name}, {len(report.definition.cells)} cells)",
        warm_docx=median_s(lambda: export_docx(report, docx, options=OPTIONS), runs=warm_runs),
        warm_pdf=median_s(lambda: export_pdf(report, pdf, options=OPTIONS), runs=warm_runs),
        process_pdf=median_s(lambda: whole_process(sample, tmp / "cli.pdf"), runs=process_runs),
        process_docx=median_s(lambda: whole_process(sample, tmp / "cli.docx"), runs=process_runs),
        libreoffice=None,
    )
    if shutil.which("soffice") is not None:
        profile = tmp / "lo-profile"
        times.libreoffice = median_s(lambda: libreoffice(docx, tmp / "lo", profile), runs=lo_runs)
    shutil.rmtree(tmp, ignore_errors=True)
    return times


def main() -> None:
    t = measure(Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE)
    print(f"sample: {t.sample}")
    print(f"in-process warm DOCX export     median {t.warm_docx * 1000:8.1f} ms")
    print(f"in-process warm PDF export      median {t.warm_pdf * 1000:8.1f} ms")
    print(f"whole process giedit export PDF  median {t.process_pdf * 1000:8.1f} ms")
    print(f"whole process giedit export DOCX median {t.process_docx * 1000:8.1f} ms")
    if t.libreoffice is None:
        print("LibreOffice (soffice) not installed: no comparison")
        return
    print(f"LibreOffice DOCX -> PDF          median {t.libreoffice * 1000:8.1f} ms (warm profile)")
    for label, value, target in (
        ("warm in-process PDF", t.warm_pdf, 40),
        ("whole-process PDF", t.process_pdf, 4),
    ):
        ratio = t.libreoffice / value
        verdict = "met" if ratio >= target else "missed"
        print(f"ratio LibreOffice / {label:20s} {ratio:6.1f}x  (target >= {target}x: {verdict})")


if __name__ == "__main__":
    main()
