"""The county totals of the 2019 format's 采购总金额, whose column fixes no unit: a zero amount
needs no unit (G-W2) and counts as 0, a non-zero amount without a unit is left out and listed as
未注明单位, a blank amount as 空白或无效. The five shipped 2020 samples (three zeros without a
unit, 799100 without a unit, 15.68万元) plus one copy with the amount blanked, reviewed by
``giedit review`` and the workbook read back with openpyxl."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from paths import ROOT, SAMPLES

from giedit.model import storage
from giedit.model.formats import get_format
from giedit.model.report import Body
from giedit.model.values import Money
from giedit.review.workbook import GRID_TOP

AMOUNT = "active.procurement.amount"
ZEROS = ("2020-baji", "2020-qixinghe", "2020-shuangying")
NO_UNIT = "2020-jiergelete"  # 799100, no unit
BLANKED = "2020-blank"  # a copy of 2020-daduan with the amount blanked and another unit's name


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory):
    from openpyxl import load_workbook

    folder = tmp_path_factory.mktemp("county2020") / "各单位报告"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("2020-*.giedit")):
        shutil.copy(sample, folder / sample.name)
    blank = storage.load(SAMPLES / "2020-daduan.giedit")
    blank.body = Body(name="空白金额乡人民政府", kind=blank.body.kind)
    blank.cells[AMOUNT] = Money(amount=None, unit=None)
    storage.save(blank, folder / f"{BLANKED}.giedit", backup=False)
    out = folder.parent / "审核结果.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "giedit.cli", "review", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.exists(), done.stdout + done.stderr
    return load_workbook(out)


def _sheet_with(book, cell_id: str):
    """The table sheet of the 2019 format that holds ``cell_id``, and the cell's grid position."""
    fmt = get_format("2019")
    for table in fmt.tables:
        layout = fmt.layout(table.id)
        place = next((g for g in layout.grid if g.cell == cell_id), None)
        if place is not None:
            return book[fmt.section(table.section).title[:31]], layout, place  # one format: no suffix
    raise AssertionError(cell_id)


def _left_out_lines(ws, layout) -> list[str]:
    texts = [ws.cell(r, 1).value for r in range(GRID_TOP + layout.n_rows + 1, ws.max_row + 1)]
    texts = [t for t in texts if isinstance(t, str)]
    head = next(k for k, t in enumerate(texts) if t.startswith("未计入汇总"))
    return texts[head + 1 :]


def test_zero_amounts_without_a_unit_count_and_a_missing_unit_is_named(workbook) -> None:
    ws, layout, place = _sheet_with(workbook, AMOUNT)
    lines = _left_out_lines(ws, layout)
    for name in ZEROS:  # 0 needs no unit: summed as 0, not listed
        assert not any(f"{name}.giedit" in line for line in lines), lines
    no_unit = [line for line in lines if f"{NO_UNIT}.giedit" in line]
    assert len(no_unit) == 1
    assert "「采购总金额」未注明单位（元或万元），未计入" in no_unit[0]
    assert "空白或无效" not in no_unit[0]
    blank = [line for line in lines if f"{BLANKED}.giedit" in line]
    assert len(blank) == 1 and "「采购总金额」空白或无效，未计入" in blank[0]
    assert len(lines) == 2
    # only 大塅's 15.68万元 is in the total: the zeros add nothing, 799100 and the blank are out
    total = ws.cell(GRID_TOP + place.row, 1 + place.col).value
    assert total == pytest.approx(15.68)


def test_the_left_out_count_matches_the_lines(workbook) -> None:
    ws, layout, _ = _sheet_with(workbook, AMOUNT)
    texts = [ws.cell(r, 1).value for r in range(GRID_TOP + layout.n_rows + 1, ws.max_row + 1)]
    head = next(t for t in texts if isinstance(t, str) and t.startswith("未计入汇总"))
    assert head == "未计入汇总（2 项）："
