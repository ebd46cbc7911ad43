"""``giedit --self-test`` from source: it passes on the bundled samples and fails loudly otherwise.

The same command runs against the frozen bundle in packaging/build_linux.sh; here it runs from
the source tree, in a subprocess as a clerk or the installer would start it, and in-process with
one step broken at a time to prove that every verification can fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from make_broken import OUT as BROKEN
from paths import ROOT
from reportlab.pdfgen import canvas

from giedit import selftest
from giedit.selftest import SAMPLE_ENV, STEPS, StepFailed


def self_test(env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit.cli", "--self-test"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def test_self_test_passes_every_step() -> None:
    out = self_test()
    assert out.returncode == 0, out.stdout + out.stderr
    for step in range(1, STEPS + 1):
        assert f"[通过 OK]   {step}/{STEPS}" in out.stdout
    for word in ("resources", "sample", "check", "export DOCX", "verify DOCX", "export PDF", "verify PDF"):
        assert word in out.stdout
    assert "自检通过 self-test passed" in out.stdout
    assert "PySide6" not in out.stderr


def test_a_sample_with_errors_stops_at_the_check() -> None:
    out = self_test({SAMPLE_ENV: str(BROKEN / "T2-E3.giedit")})
    assert out.returncode == 1
    assert f"[失败 FAIL] 3/{STEPS}" in out.stdout and "T2-E3" in out.stdout
    assert "自检失败 self-test FAILED" in out.stdout
    assert f"4/{STEPS}" not in out.stdout  # nothing is exported from a report with errors


def test_an_unreadable_sample_stops_at_opening(tmp_path: Path) -> None:
    bad = tmp_path / "坏.giedit"
    bad.write_text("{ not json", encoding="utf-8")
    out = self_test({SAMPLE_ENV: str(bad)})
    assert out.returncode == 1
    assert f"[失败 FAIL] 2/{STEPS}" in out.stdout and "Traceback" not in out.stderr


def _replace_writer(monkeypatch: pytest.MonkeyPatch, name: str, write: Callable[[Path], object]) -> None:
    """Swap one exporter for a broken one; the self-test must notice in its verify step."""

    def writer(report: object, path: Path, **_: object) -> Path:
        write(Path(path))
        return Path(path)

    monkeypatch.setattr(selftest, name, writer)


def test_a_truncated_pdf_fails_verification(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _replace_writer(monkeypatch, "export_pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"))
    assert selftest.run() == 1
    assert f"[失败 FAIL] {STEPS - 1}/{STEPS}" in capsys.readouterr().out  # verify PDF, before its import


def test_a_docx_without_the_headings_fails_verification(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def write(path: Path) -> None:
        document = docx.Document()
        document.add_paragraph("只有一段话")
        document.save(str(path))

    _replace_writer(monkeypatch, "export_docx", write)
    assert selftest.run() == 1
    out = capsys.readouterr().out
    assert f"[失败 FAIL] 5/{STEPS}" in out and "missing headings" in out


def test_an_unexpected_error_names_the_step_and_prints_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(path: Path) -> None:
        raise ModuleNotFoundError("No module named 'docx.parts'")  # what a bad bundle looks like

    _replace_writer(monkeypatch, "export_docx", boom)
    assert selftest.run() == 1
    captured = capsys.readouterr()
    assert f"[失败 FAIL] 4/{STEPS}" in captured.out and "ModuleNotFoundError" in captured.out
    assert "Traceback" in captured.err


def test_a_pdf_with_a_font_that_is_not_embedded_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "helvetica.pdf"
    page = canvas.Canvas(str(path))  # reportlab's standard Helvetica is referenced, never embedded
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, "giedit")
    page.save()
    with pytest.raises(StepFailed, match=r"not embedded.*Helvetica"):
        selftest._verify_pdf(path)
