"""The headless commands, run as a clerk or a script would run them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from make_broken import OUT as BROKEN
from make_broken import base
from paths import ROOT, SAMPLES, SHARED

from giedit.model import storage


def giedit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "giedit.cli", *args], capture_output=True, text=True, cwd=ROOT
    )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.giedit"
    storage.save(base(2023), path)
    return path


def test_version_and_help() -> None:
    assert giedit("--version").stdout.strip().startswith("giedit ")
    out = giedit("--help")
    assert out.returncode == 0 and "检查" in out.stdout


def test_check_exit_codes(good: Path, tmp_path: Path) -> None:
    assert giedit("check", str(good)).returncode == 0
    assert giedit("check", str(good), str(BROKEN / "T2-E3.giedit")).returncode == 1
    bad = tmp_path / "bad.giedit"
    bad.write_bytes(b"\x00\x01binary")
    out = giedit("check", str(bad), str(BROKEN / "T2-E3.giedit"), str(good))
    assert out.returncode == 2
    assert (
        out.stderr.strip().count("\n") == 0 and "bad.giedit" in out.stderr and "Traceback" not in out.stderr
    )


def test_check_json_shape(good: Path) -> None:
    out = giedit("check", "--json", str(good), str(BROKEN / "T2-E3.giedit"))
    data = json.loads(out.stdout)
    assert [d["file"] for d in data] == [str(good), str(BROKEN / "T2-E3.giedit")]
    finding = next(f for f in data[1]["findings"] if f["rule"] == "T2-E3")
    assert set(finding) == {"rule", "severity", "cells", "message"}
    assert finding["severity"] == "error"
    assert "requests.new.natural" in finding["cells"]
    assert "自然人列：第一项 4 + 第二项 1 = 5，第三项（七）总计 4 + 第四项 1 = 5" not in finding["message"]
    assert finding["message"].startswith("表三 自然人列：第一项 4 + 第二项 1 = 5")


@pytest.mark.parametrize(("year", "rows3"), [(2020, 23), (2023, 25)])
def test_dump_shape(tmp_path: Path, year: int, rows3: int) -> None:
    path = tmp_path / "r.giedit"
    storage.save(base(year), path)
    data = json.loads(giedit("dump", str(path)).stdout)
    assert list(data) == [
        "format",
        "year",
        "title",
        "body",
        "contact",
        "period",
        "preamble",
        "tables",
        "sections",
        "signature",
        "date",
    ]
    assert data["format"] == ("2019" if year == 2020 else "2021") and data["year"] == year
    assert set(data["contact"]) == {"office", "address", "postcode", "phone", "email"}
    active, requests, appeals = data["tables"]
    labels = json.loads((SHARED / "spec" / "labels.json").read_text(encoding="utf-8"))
    assert requests["title"] == labels["sections"][2]
    assert len(requests["rows"]) == rows3 and all(len(r["values"]) == 7 for r in requests["rows"])
    assert [r["label"] for r in requests["rows"]] == [
        r["label"] for r in labels["table_三_申请"]["rows"][data["format"]]
    ]
    assert requests["rows"][0]["values"] == [3, 1, 0, 0, 0, 0, 4]
    assert len(appeals["rows"]) == 1 and len(appeals["rows"][0]["values"]) == 15
    money = [v for r in active["rows"] for v in r["values"] if isinstance(v, dict)]
    assert money and all(set(m) == {"amount", "unit"} for m in money)
    assert active["rows"][0]["group"] == ["第二十条第（一）项"]
    assert [s["title"] for s in data["sections"]] == labels["sections"]


def test_dump_prints_null_for_blank(tmp_path: Path) -> None:
    path = tmp_path / "new.giedit"
    assert giedit("new", "--year", "2025", "--body", "某某镇人民政府", "-o", str(path)).returncode == 0
    data = json.loads(giedit("dump", str(path)).stdout)
    assert data["body"] == "某某镇人民政府" and data["format"] == "2021"
    assert all(v is None for t in data["tables"] for r in t["rows"] for v in r["values"])
    assert data["title"] == "某某镇人民政府2025年政府信息公开工作年度报告"
    assert data["period"] == "2025年1月1日至2025年12月31日"
    assert data["preamble"] == "" and data["date"] is None


def test_dump_carries_the_printed_front_and_end_of_the_report(tmp_path: Path) -> None:
    """Title, period, preamble, signature and date: what the printed report shows around the
    tables and sections, so a dump can be compared with the report as published."""
    sample = sorted(SAMPLES.glob("2025-*.giedit"))[-1]
    report = storage.load(sample)
    path = tmp_path / sample.name
    shutil.copyfile(sample, path)
    data = json.loads(giedit("dump", str(path)).stdout)
    assert data["title"] == report.display_title()
    assert data["period"] == report.period
    assert data["preamble"].startswith("根据《中华人民共和国政府信息公开条例》")
    assert data["signature"] == report.signature == "白云乡人民政府"
    assert data["date"] == report.date.isoformat()


def test_new_refuses_to_overwrite(good: Path) -> None:
    before = good.read_bytes()
    out = giedit("new", "--year", "2025", "-o", str(good))
    assert out.returncode == 2 and "已存在" in out.stderr and good.read_bytes() == before


def test_new_picks_the_format_by_year(tmp_path: Path) -> None:
    for year, fmt in ((2020, "2019"), (2021, "2021")):
        path = tmp_path / f"{year}.giedit"
        giedit("new", "--year", str(year), "-o", str(path))
        assert storage.load(path).format == fmt


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("truncated.giedit", None),
        ("binary.giedit", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"),
        ("array.giedit", b"[1, 2, 3]"),
        ("foreign.giedit", '{"name": "会议纪要", "items": []}'.encode()),
        ("future.giedit", b'{"file_format": 999, "report": {}}'),
    ],
)
def test_unreadable_files_exit_2_with_one_chinese_line(
    tmp_path: Path, good: Path, name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content if content is not None else good.read_bytes()[:500])
    before = path.read_bytes()
    for command in (("check",), ("dump",)):
        out = giedit(*command, str(path))
        assert out.returncode == 2
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in out.stderr
        assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])
        assert out.stdout == ""
    assert path.read_bytes() == before
