"""Totals from their parts: the arithmetic of the format's relations.

It lives in the model because the relations are part of the format definition; the editor writes
these values into the read-only total cells, and the rules (``giedit.checks``) compare with them.
"""

from __future__ import annotations

from collections.abc import Mapping

from giedit.model.report import Report
from giedit.model.schema import Format
from giedit.model.values import CellValue, is_blank, number_of


def compute_totals(report: Report, cells: Mapping[str, CellValue] | None = None) -> dict[str, int | None]:
    """Every total cell as its parts give it (blank parts count as 0; all blank gives blank).

    This is what the editor writes into the read-only total cells (「重算合计」, F9); the rules
    compare stored totals with their parts and never overwrite anything. ``cells``: other values
    than the report's (what a paste would leave), the report itself unchanged.
    """
    return totals_of(report.definition, report.cells if cells is None else cells)


def totals_of(fmt: Format, cells: Mapping[str, CellValue]) -> dict[str, int | None]:
    """``compute_totals`` for cells not (yet) in a report: an importer's reading."""
    values = dict(cells)
    out: dict[str, int | None] = {}
    for rel in fmt.relations:
        if rel.total is None:
            continue
        nums = [number_of(values.get(p), fmt.cells[p].kind) for p in rel.parts]
        total = None if all(n is None for n in nums) else int(sum(n or 0 for n in nums))
        out[rel.total] = values[rel.total] = total
    return out


def blank_totals(fmt: Format, cells: Mapping[str, CellValue]) -> dict[str, int]:
    """The totals that are blank although every one of their parts holds a number, with the value
    「重算合计」 gives them. A blank total is never a figure anyone printed or typed (an import cut
    off mid-row, a table filled by 全部填0 before any total was worked out), so filling it loses
    nothing; a total that disagrees with its parts is left alone, for the sum rules to report.
    A total filled here counts as filled for the totals built on it (a row total feeding the
    grand total)."""
    sums = totals_of(fmt, cells)
    filled = {cid for cid, c in fmt.cells.items() if number_of(cells.get(cid), c.kind) is not None}
    out: dict[str, int] = {}
    for rel in fmt.relations:
        total = rel.total
        if total is None or total in out or not is_blank(cells.get(total)):
            continue
        value = sums[total]
        if value is not None and filled.issuperset(rel.parts):
            out[total] = value
            filled.add(total)
    return out
