"""The report as plain JSON (``giedit dump``): official labels, official order, null for blank."""

from __future__ import annotations

from functools import partial
from typing import Any

from giedit.model.figures import paragraph_text
from giedit.model.numbering import plain_text
from giedit.model.report import Report
from giedit.model.values import CellValue, Money, is_blank


def _value(v: CellValue) -> Any:
    if is_blank(v):
        return None
    if isinstance(v, Money):
        return {"amount": v.amount, "unit": v.unit}
    return v


def dump(report: Report) -> dict[str, Any]:
    """The documented dump shape: format, year, body, contact, tables (rows in order), sections."""
    fmt = report.definition
    tables = []
    for table in fmt.tables:
        rows = [
            {
                "id": r.id,
                "label": r.label,
                "group": list(r.group),
                "values": [_value(report.cells.get(c)) for c in r.cell_ids],
            }
            for r in fmt.layout(table.id).rows
        ]
        tables.append({"id": table.id, "title": fmt.section(table.section).title, "rows": rows})
    sections = []
    for s in fmt.sections:
        text = report.sections.get(s.id)
        printed = plain_text(text.paragraphs, partial(paragraph_text, report)) if text else ""
        sections.append({"title": s.title, "text": printed})
    return {
        "format": fmt.id,
        "year": report.year,
        "body": report.body.name,
        "contact": report.contact.model_dump(),
        "tables": tables,
        "sections": sections,
    }
