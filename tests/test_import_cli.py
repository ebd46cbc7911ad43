"""``giedit import`` and ``giedit new --from``, run as a clerk or a script would run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from import_fixtures import filled_report
from paths import ROOT, SHARED

from giedit.model import storage

SAMPLE = next((SHARED / "samples" / "published-2020").glob("001_*.txt"))
PARTIAL = next((SHARED / "samples" / "published-partial").glob("015_*.txt"))
WORD = SHARED / "samples" / "word" / "c2021_zhen_2022.docx"


def giedit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit.cli", *args], capture_output=True, text=True, cwd=ROOT
    )


def _one_chinese_line(out: subprocess.CompletedProcess[str]) -> None:
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "Traceback" not in out.stderr
    assert out.stderr.startswith("giedit：")


def test_import_writes_a_report(tmp_path: Path) -> None:
    target = tmp_path / "daduan.giedit"
    out = giedit("import", str(SAMPLE), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert "大塅镇人民政府" in out.stdout and "读取单元格 198/198" in out.stdout
    # 15.68万元 reads exactly as printed (the unit is kept with the number): no normalisation note
    assert "规范化 0 处" in out.stdout and "[规范化" not in out.stdout
    report = storage.load(target)
    assert (report.year, report.format) == (2020, "2019")
    assert giedit("check", str(target)).returncode == 0  # warnings only


def test_import_json_lists_every_cell(tmp_path: Path) -> None:
    out = giedit("import", str(WORD), "-o", str(tmp_path / "w.giedit"), "--json")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert (doc["format"], doc["year"], doc["body"]) == ("2021", 2022, "青峪县石河镇人民政府")
    cells = [n["cell"] for n in doc["notes"] if n["kind"] in ("read", "normalised")]
    assert len(cells) == len(set(cells)) == 200
    assert all(n["rule"] == "G-W1" for n in doc["notes"] if n["kind"] == "normalised")


def test_partial_import_exits_0_and_lists_what_is_missing(tmp_path: Path) -> None:
    out = giedit("import", str(PARTIAL), "-o", str(tmp_path / "p.giedit"), "--json")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert "active.fees.fee_amount" in doc["missing_cells"]
    assert any(n["rule"] == "N-E1" and n["section"] == "appeals" for n in doc["notes"])


def test_import_refusals(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("这不是年度报告。", encoding="utf-8")
    _one_chinese_line(giedit("import", str(junk), "-o", str(tmp_path / "a.giedit")))
    _one_chinese_line(giedit("import", str(tmp_path / "missing.docx"), "-o", str(tmp_path / "b.giedit")))
    exists = tmp_path / "exists.giedit"
    exists.write_text("x", encoding="utf-8")
    _one_chinese_line(giedit("import", str(SAMPLE), "-o", str(exists)))
    assert exists.read_text(encoding="utf-8") == "x"


def test_new_from_published_text(tmp_path: Path) -> None:
    target = tmp_path / "2021.giedit"
    out = giedit("new", "--from", str(SAMPLE), "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert "已用 2020 年度报告新建 2021 年度报告" in out.stdout
    assert "未能结转的数值" not in out.stdout  # 2020's flows never carry: they are no losses
    report = storage.load(target)
    assert (report.year, report.format) == (2021, "2021")
    assert report.previous is not None and report.previous.source == "import"


def test_new_from_json(tmp_path: Path) -> None:
    out = giedit("new", "--from", str(WORD), "-o", str(tmp_path / "2023.giedit"), "--json")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert doc["rollforward"]["year"] == 2023 and doc["rollforward"]["losses"] == []
    assert doc["import"]["year"] == 2022


def test_new_from_giedit_with_year(tmp_path: Path) -> None:
    last = tmp_path / "2020.giedit"
    storage.save(filled_report(2020), last)
    out = giedit("new", "--from", str(last), "--year", "2021", "-o", str(tmp_path / "n.giedit"), "--json")
    assert out.returncode == 0
    doc = json.loads(out.stdout)
    assert doc["import"] is None and doc["rollforward"]["losses"] == []  # 2020's flows never carry
    assert doc["rollforward"]["notes"]
    _one_chinese_line(giedit("new", "--from", str(last), "--year", "2020", "-o", str(tmp_path / "m.giedit")))


def test_new_needs_year_or_from(tmp_path: Path) -> None:
    _one_chinese_line(giedit("new", "-o", str(tmp_path / "x.giedit")))
    assert giedit("new", "--year", "2025", "-o", str(tmp_path / "y.giedit")).returncode == 0
