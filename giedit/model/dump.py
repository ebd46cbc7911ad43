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
    """The documented dump shape, in the report's printed order: format, year, title, body,
    contact, period, preamble, tables (rows in order), sections, signature, date (ISO, or null).

    The title is the printed one (the customary title when the clerk wrote none); the preamble is
    the clerk's own text, "" when the export will print the customary one."""
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
    text_of = partial(plain_text, text=partial(paragraph_text, report))
    sections = []
    for s in fmt.sections:
        text = report.sections.get(s.id)
        sections.append({"title": s.title, "text": text_of(text.paragraphs) if text else ""})
    return {
        "format": fmt.id,
        "year": report.year,
        "title": report.display_title(),
        "body": report.body.name,
        "contact": report.contact.model_dump(),
        "period": report.period or report.default_period(),
        "preamble": text_of(report.preamble),
        "tables": tables,
        "sections": sections,
        "signature": report.signature,
        "date": report.date.isoformat() if report.date else None,
    }
