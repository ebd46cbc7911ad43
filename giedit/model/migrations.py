"""Upgrading .giedit documents written in an older ``file_format`` to the current one.

Each step is a pure function on the parsed JSON document: it takes a document in format ``n`` and
returns a new one in format ``n + 1`` without touching its argument. ``STEPS[n]`` is the step from
``n``; ``upgrade`` applies them in order. A new file format means: bump ``storage.FILE_FORMAT``,
add the step here, keep a fixture written in the old format in ``tests/fixtures/`` and test the
step against it (tests/test_migrations.py).

Formats:

1. ``{"file_format": 1, "giedit_version": "0.1.0", "report": {...}}`` (the first layout).
2. ``{"file_format": 2, "min_reader": "0.1.0", "writer": {"app": "giedit", "version": "0.1.0"},
   "saved_at": "2026-01-15T09:30:12+08:00", "report": {...}}``: who wrote the file moves under
   ``writer``; ``saved_at`` (ISO 8601, local time with offset; ``null`` when unknown) is new;
   ``min_reader`` is the oldest giedit that reads the format, so that an older giedit can say which
   version a newer file needs. The report itself is unchanged.
3. Paragraphs may hold *figures* (numbers bound to table cells) and marks of numbers carried from
   last year: each paragraph gains ``figures`` (references, in order), ``unconfirmed`` (spans) and
   ``generated`` (what 「从表格生成」 wrote). A figure stands in the text as U+FFFC, so that
   character, which meant nothing before, is dropped from the texts of older files: it would
   otherwise be read as a figure without a reference. Every paragraph of format 2 reads as
   plain text, exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Document = dict[str, Any]
Step = Callable[[Document], Document]


class MigrationError(ValueError):
    """A document claims a format it does not have (a key of the wrong type, say)."""


def migrate_1_to_2(doc: Document) -> Document:
    """Format 1 → 2: ``giedit_version`` moves into ``writer``; ``saved_at`` is unknown (``None``)."""
    if doc.get("file_format") != 1:
        raise MigrationError("not format 1")
    version = doc.get("giedit_version")
    if version is not None and not isinstance(version, str):
        raise MigrationError("giedit_version is not a string")
    rest = {k: v for k, v in doc.items() if k not in ("file_format", "giedit_version")}
    return {
        "file_format": 2,
        "min_reader": None,  # only meaningful for formats newer than the reader
        "writer": {"app": "giedit", "version": version},
        "saved_at": None,
        **rest,
    }


FIGURE = "\ufffc"  # the character a figure stands as in format 3 (``report.FIGURE``)


def _plain_paragraphs(paragraphs: object) -> object:
    """Format-2 paragraphs as format 3 writes them: no figures, no marks, not generated."""
    if not isinstance(paragraphs, list):
        return paragraphs
    out: list[object] = []
    for p in paragraphs:
        if isinstance(p, dict):
            text = p.get("text")
            p = {
                **p,
                "text": text.replace(FIGURE, "") if isinstance(text, str) else text,
                "figures": [],
                "unconfirmed": [],
                "generated": None,
            }
        out.append(p)
    return out


def _plain_sections(sections: object) -> object:
    if not isinstance(sections, dict):
        return sections
    return {
        sid: {**s, "paragraphs": _plain_paragraphs(s.get("paragraphs"))} if isinstance(s, dict) else s
        for sid, s in sections.items()
    }


def migrate_2_to_3(doc: Document) -> Document:
    """Format 2 → 3: every paragraph (preamble, sections, last year's sections) becomes plain text
    in the new shape; a stray U+FFFC is dropped so that it is not taken for a figure."""
    if doc.get("file_format") != 2:
        raise MigrationError("not format 2")
    report = doc.get("report")
    if isinstance(report, dict):
        report = dict(report)
        if "preamble" in report:
            report["preamble"] = _plain_paragraphs(report["preamble"])
        if "sections" in report:
            report["sections"] = _plain_sections(report["sections"])
        previous = report.get("previous")
        if isinstance(previous, dict) and "sections" in previous:
            report["previous"] = {**previous, "sections": _plain_sections(previous["sections"])}
    return {**doc, "file_format": 3, "report": report}


STEPS: dict[int, Step] = {
    1: migrate_1_to_2,
    2: migrate_2_to_3,
}
LATEST = max(STEPS) + 1


def upgrade(doc: Document, target: int = LATEST) -> Document:
    """``doc`` brought from its ``file_format`` up to ``target`` (``doc`` itself if already there)."""
    version = doc["file_format"]
    while version < target:
        step = STEPS.get(version)
        if step is None:
            raise MigrationError(f"no step from file_format {version}")
        doc = step(doc)
        if doc.get("file_format") != version + 1:
            raise MigrationError(f"step from {version} did not produce {version + 1}")
        version += 1
    return doc
