"""The DOCX package Word opens without complaint (issue 12): giedit's own template, validated with
openxml-audit (schema and Word app-compat rules, pure Python, no .NET) for every sample and both
format versions; no python-docx leftovers; a zh-CN theme; compatibility mode 15; a font table with
altName/charset/panose/family for every font named; no hard break inside a table label; the keeps
of the pagination rules; reopened with python-docx."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from export_reports import filled
from lxml import etree
from paths import SAMPLES

from giedit.export.docx_template import FONT_TABLE
from giedit.export.docx_writer import build_docx
from giedit.model.storage import load

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SAMPLE_FILES = sorted(SAMPLES.glob("*.giedit"))
AUDIT = Path(sys.executable).with_name("openxml-audit")


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    out = {}
    for name, report in [(p.stem, load(p)) for p in SAMPLE_FILES] + [
        ("filled-2019", filled(2019)),
        ("filled-2021", filled(2021)),
    ]:
        path = folder / f"{name}.docx"
        path.write_bytes(build_docx(report, draft=name == "filled-2019"))
        out[name] = path
    return out


def _xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def test_openxml_audit_finds_no_error(packages: dict[str, Path]) -> None:
    folder = next(iter(packages.values())).parent
    run = subprocess.run(
        [str(AUDIT), "-o", "json", "-m", "0", "-r", str(folder)], capture_output=True, text=True, timeout=600
    )
    results = json.loads(run.stdout)
    assert len(results) == len(packages)
    bad = {Path(r["file"]).name: r["errors"] for r in results if r["error_count"] or not r["valid"]}
    assert bad == {}
    assert all(r["verdict"]["prediction"] == "opens-clean" for r in results)


def test_no_template_leftovers(packages: dict[str, Path]) -> None:
    for path in packages.values():
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            assert not [n for n in names if "thumbnail" in n.lower() or "stylesWithEffects" in n], path
            app = z.read("docProps/app.xml").decode()
            assert (
                "Macintosh" not in app
                and "Microsoft" not in app
                and "<Application>giedit</Application>" in app
            )
            theme = z.read("word/theme/theme1.xml").decode()
            assert 'script="Hans"' in theme and "Jpan" not in theme and "ＭＳ" not in theme
            assert "Jpan" not in z.read("word/styles.xml").decode()


def test_compatibility_mode_15_and_chinese_settings(packages: dict[str, Path]) -> None:
    for path in packages.values():
        settings = _xml(path, "word/settings.xml")
        modes = [
            s.get(f"{W}val")
            for s in settings.iter(f"{W}compatSetting")
            if s.get(f"{W}name") == "compatibilityMode"
        ]
        assert modes == ["15"]
        assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"


def test_font_table_covers_every_font_named(packages: dict[str, Path]) -> None:
    for path in packages.values():
        table = _xml(path, "word/fontTable.xml")
        fonts = {f.get(f"{W}name"): f for f in table.iter(f"{W}font")}
        named = set()
        for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
            for rfonts in _xml(path, part).iter(f"{W}rFonts"):
                named |= {v for k, v in rfonts.attrib.items() if not k.endswith("Theme")}
        assert named and named <= set(fonts), named - set(fonts)
        assert fonts["仿宋_GB2312"].find(f"{W}altName").get(f"{W}val") == "仿宋"
        assert fonts["楷体_GB2312"].find(f"{W}altName").get(f"{W}val") == "楷体"
        assert fonts["方正小标宋简体"].find(f"{W}altName").get(f"{W}val") == "宋体"
        for name, f in fonts.items():
            assert f.find(f"{W}charset") is not None and f.find(f"{W}family") is not None, name
            assert re.fullmatch(r"[0-9A-F]{20}", f.find(f"{W}panose1").get(f"{W}val")), name
    assert {f.name for f in FONT_TABLE} >= {"仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体", "宋体"}


def test_no_line_break_inside_a_table_label(packages: dict[str, Path]) -> None:
    for path in packages.values():
        body = _xml(path, "word/document.xml")
        for tbl in body.iter(f"{W}tbl"):
            assert list(tbl.iter(f"{W}br")) == [], path
        doc = Document(str(path))
        labels = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        assert "（三）不予公开" in labels  # whole, so that Word's search finds it


def test_heading_character_styles_match_their_paragraph_styles(packages: dict[str, Path]) -> None:
    styles = _xml(packages["filled-2021"], "word/styles.xml")
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    for sid in ("Heading1", "Heading2"):
        para, char = by_id[sid], by_id[f"{sid}Char"]
        assert char.find(f"{W}link").get(f"{W}val") == sid
        assert etree.tostring(char.find(f"{W}rPr")) == etree.tostring(para.find(f"{W}rPr"))
        assert char.find(f"{W}rPr").find(f"{W}color") is None  # no blue


def test_pagination_keeps_in_word_terms(packages: dict[str, Path]) -> None:
    doc = Document(str(packages["filled-2021"]))
    paras = doc.paragraphs
    keep = [p.paragraph_format.keep_with_next for p in paras]
    heading_style = doc.styles["Heading 1"].paragraph_format
    assert heading_style.keep_with_next and heading_style.keep_together and heading_style.widow_control
    assert keep[-3] and keep[-2] and not keep[-1]  # last body paragraph -> signature -> date
    report = filled(2021)
    under = [bool(report.text_of(t.section).extra) for t in report.definition.tables]
    assert under == [True, False, False]  # table 二 has a line printed under it
    for table, lines_under in zip(doc.tables, under, strict=True):  # every statutory table fits a page
        rows = table._tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        kept = [r.find(f".//{W}keepNext") is not None for r in rows]
        # each row keeps with the next; the last one only with the lines printed under the table
        assert all(kept[:-1]) and kept[-1] is lines_under


def test_reopens_with_python_docx(packages: dict[str, Path]) -> None:
    for path in packages.values():
        doc = Document(io.BytesIO(path.read_bytes()))
        assert doc.core_properties.language == "zh-CN"
        assert len(doc.tables) == 3
