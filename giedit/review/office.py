"""Who signs the 整改通知: the county office the clerk names, or a default marked to be filled in.

Kept apart from the letters themselves so that the command line can offer ``--office`` with its
default without loading the review when it only builds its parser.
"""

from __future__ import annotations

DEFAULT_OFFICE = "县政务公开办"
TO_FILL = "（请填写发文单位全称）"


def office_line(office: str | None) -> str:
    """The issuing office as signed: the one given, else the default marked to be filled in, so a
    letter is never sent from an office nobody named."""
    given = (office or "").strip()
    return given or f"{DEFAULT_OFFICE}{TO_FILL}"
