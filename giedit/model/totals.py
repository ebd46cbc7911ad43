"""Totals from their parts: the arithmetic of the format's relations.

It lives in the model because the relations are part of the format definition; the editor writes
these values into the read-only total cells, and the rules (``giedit.checks``) compare with them.
"""

from __future__ import annotations

from collections.abc import Mapping

from giedit.model.report import Report
from giedit.model.values import CellValue, number_of


def compute_totals(report: Report, cells: Mapping[str, CellValue] | None = None) -> dict[str, int | None]:
    """Every total cell as its parts give it (blank parts count as 0; all blank gives blank).

    This is what the editor writes into the read-only total cells; the rules compare stored
    totals with their parts and never overwrite anything. ``cells``: other values than the
    report's (what a paste would leave), the report itself unchanged.
    """
    values = dict(report.cells if cells is None else cells)
    fmt = report.definition
    out: dict[str, int | None] = {}
    for rel in fmt.relations:
        if rel.total is None:
            continue
        nums = [number_of(values.get(p), fmt.cells[p].kind) for p in rel.parts]
        total = None if all(n is None for n in nums) else int(sum(n or 0 for n in nums))
        out[rel.total] = values[rel.total] = total
    return out
