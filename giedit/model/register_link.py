"""A report's table 三 tied to the register it was counted from.

Filling the table from a tally is one edit (the cells and the stored ``RegisterLink`` together),
so one undo restores both. The link answers the editor's questions afterwards: which register
rows make up a cell (a total: the rows of its parts), and whether the register file still is
the one counted (its SHA-256).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from giedit.model.digests import sha256
from giedit.model.edits import Edit, combine, set_cells, set_field
from giedit.model.register import ValueMap, parse_ranges, ranges
from giedit.model.register_counts import Tally
from giedit.model.report import RegisterLink, Report


class RegisterState(StrEnum):
    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"


def link_for(
    tally: Tally,
    path: str | Path,
    sha256: str,
    sheet: str | None,
    columns: dict[str, str],
    values: ValueMap,
    keep_duplicates: bool = False,
) -> RegisterLink:
    """What a report keeps about the register a tally was counted from."""
    return RegisterLink(
        path=str(Path(path).resolve()),
        sha256=sha256,
        year=tally.year,
        sheet=sheet,
        computed=dict(tally.cells),
        rows=tally.stored_rows(),
        columns=columns,
        values=values.as_dict(),
        keep_duplicates=keep_duplicates,
        unresolved=ranges(tally.unresolved_rows),
    )


def fill_from_register(report: Report, tally: Tally, link: RegisterLink) -> Edit | None:
    """Write the counted cells of table 三 and keep the link, as one edit (``None``: no change)."""
    if tally.format != report.format:
        raise ValueError("the tally was counted for another format")
    return combine(set_cells(report, dict(tally.cells)), set_field(report, ("register_link",), link))


def rows_of(report: Report, cell_id: str) -> list[int] | None:
    """The register rows a cell was counted from (a total: those of its parts); ``None`` when the
    cell was not computed from the register."""
    link = report.register_link
    if link is None or cell_id not in link.computed:
        return None
    if cell_id in link.rows:
        return parse_ranges(link.rows[cell_id])
    parts = {cell_id}
    relations = [r for r in report.definition.relations if r.total is not None]
    while True:
        more = {p for r in relations if r.total in parts for p in r.parts} - parts
        if not more:
            break
        parts |= more
    found: set[int] = set()
    for p in parts:
        found.update(parse_ranges(link.rows.get(p, "")))
    return sorted(found)


def unresolved_rows(report: Report) -> list[int]:
    """The register rows left out of table 三 when it was last computed (none without a link)."""
    link = report.register_link
    return parse_ranges(link.unresolved) if link is not None else []


def file_sha256(path: str | Path) -> str | None:
    """The SHA-256 of a file, or ``None`` when it cannot be read."""
    digest = sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def register_state(link: RegisterLink) -> RegisterState:
    """Whether the register file is still the one the table was counted from."""
    sha = file_sha256(link.path)
    if sha is None:
        return RegisterState.MISSING
    return RegisterState.SAME if sha == link.sha256 else RegisterState.CHANGED
