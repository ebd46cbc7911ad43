"""G-W3 (issue 12): a character no shipped font draws is a warning naming it, its code point and its
place, in `giedit check`, in the export pre-flight (see test_ui_copy_html) and in `giedit export`;
the coverage data the rule reads is exactly what the shipped fonts draw."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from paths import SAMPLES
from reportlab.pdfbase.ttfonts import TTFontFile

from giedit.checks import check, glyphs
from giedit.export.fonts import shipped_dir
from giedit.model.report import Paragraph
from giedit.model.storage import load, save


def _giedit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit", *args], capture_output=True, text=True, timeout=120
    )


def test_coverage_file_is_what_the_shipped_fonts_draw() -> None:
    drawn: set[int] = set()
    fonts = sorted(shipped_dir().glob("*.ttf"))
    assert len(fonts) == 4
    for path in fonts:
        drawn |= set(TTFontFile(str(path)).charToGlyph)
    starts, ends = glyphs._ranges()
    listed = {cp for a, b in zip(starts, ends, strict=True) for cp in range(a, b + 1)}
    assert listed <= drawn  # nothing claimed that no font has
    # what a font maps but the file leaves out are glyphs without outlines (e.g. U+3164 HANGUL FILLER)
    assert len(drawn - listed) < 50
    for ch in "塅政府（）“”《》—…0aÀ€":
        assert glyphs.covered(ch), ch
    for ch in "䶮𬱖\ue000":
        assert not glyphs.covered(ch), ch


def test_samples_have_no_glyph_warning() -> None:
    for path in SAMPLES.glob("*.giedit"):
        assert [f for f in check(load(path)) if f.rule == "G-W3"] == [], path.name


def test_check_json_names_the_character_code_point_and_place(tmp_path: Path) -> None:
    report = load(SAMPLES / "2024-tongxi-jiedao.giedit")
    report.section("problems").paragraphs.insert(0, Paragraph(text="由王䶮同志负责整改。"))
    report.contact.address = "𬱖溪路1号"
    path = tmp_path / "r.giedit"
    save(report, path)
    run = _giedit("check", "--json", str(path))
    findings = [f for f in json.loads(run.stdout)[0]["findings"] if f["rule"] == "G-W3"]
    assert len(findings) == 2, findings
    text = " ".join(f["message"] for f in findings)
    assert "「䶮」（U+4DAE）" in text and "“五、存在的主要问题及改进情况”第1段" in text
    assert "「𬱖」（U+2CC56）" in text and "地址" in text
    assert all(f["severity"] == "warning" for f in findings)

    out = tmp_path / "r.pdf"
    run = _giedit("export", str(path), "-o", str(out))
    assert run.returncode == 0 and out.is_file()  # a warning does not refuse the export
    assert "U+4DAE" in run.stderr and "U+2CC56" in run.stderr  # but it is never silent


def test_figures_in_a_rolled_forward_report_are_checked_as_printed() -> None:
    """A roll-forward binds last year's numbers as figures; the figure marker in the stored text
    is never printed, so it must not be reported as a character no font draws."""
    from giedit.model.report import FIGURE
    from giedit.model.rollforward import roll_forward

    rolled = roll_forward(load(SAMPLES / "2024-tongxi-jiedao.giedit")).report
    assert any(FIGURE in p.text for p in rolled.sections["overview"].paragraphs)
    assert [f for f in check(rolled) if f.rule == "G-W3"] == []
