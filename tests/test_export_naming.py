"""How exported files are named, in one place the editor and ``giedit export`` share (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from paths import SAMPLES

from giedit.export.targets import DRAFT_MARK, export_stem, safe_name
from giedit.review.notices import notice_stem
from giedit.review.result import Unit


def test_the_name_comes_from_the_file_else_from_the_title() -> None:
    assert export_stem(Path("/x/2025年报.giedit"), "标题") == "2025年报"
    assert export_stem(None, "白水镇2025年政府信息公开工作年度报告") == "白水镇2025年政府信息公开工作年度报告"
    assert export_stem(None, 'a/b:c*d?"e"<f>|g') == "a_b_c_d_e_f_g"  # no character a file system refuses
    assert export_stem(None, " ./ ") == "年度报告"
    assert export_stem(Path("r.giedit"), "", draft=True) == f"r{DRAFT_MARK}"
    long = export_stem(None, "关于" * 200, draft=True)
    assert long.endswith(DRAFT_MARK) and len((long + "（99）.docx").encode()) <= 255


def test_one_rule_for_unsafe_characters_in_exports_and_review_letters() -> None:
    assert safe_name('a\\b/c:d*e?f"g<h>i|j') == "a_b_c_d_e_f_g_h_i_j"
    assert safe_name("甲::\t乙") == "甲_乙"  # a run becomes one "_", control characters too
    assert safe_name("青山镇人民政府") == "青山镇人民政府"
    unit = Unit(
        file="x/甲.docx", path=Path("x/甲.docx"), kind="import", status="errors", body="青山镇/办:公室"
    )
    assert notice_stem(7, unit) == "007-青山镇_办_公室-整改通知"
    nameless = Unit(file="x/ 乙?.docx", path=Path("x/乙.docx"), kind="", status="unreadable")
    assert notice_stem(12, nameless) == "012-乙_-整改通知"


def test_giedit_export_without_o_writes_what_one_click_writes(tmp_path: Path) -> None:
    report = tmp_path / "青山镇2023.giedit"
    report.write_bytes((SAMPLES / "2023-qingshan-zhen.giedit").read_bytes())
    run = [sys.executable, "-m", "giedit", "export", str(report)]
    out = subprocess.run(run, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".giedit")
    assert written == ["青山镇2023.docx", "青山镇2023.pdf"]
    assert (tmp_path / "青山镇2023.pdf").read_bytes().startswith(b"%PDF")
    again = subprocess.run(run, capture_output=True, text=True)  # never overwrites without --force
    assert again.returncode == 2 and "已存在" in again.stderr
    draft = subprocess.run([*run, "--draft"], capture_output=True, text=True)
    assert draft.returncode == 0
    assert (tmp_path / f"青山镇2023{DRAFT_MARK}.pdf").is_file()
