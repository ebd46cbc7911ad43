"""A report rolled forward from last year's and finished but for what is still last year's.

``finished_roll()``: tables filled (so no blank cell and no placeholder figure), 五's prompts
rewritten, 成文日期 set: no error is left, so a final export is allowed, while the carried text of
一 and 六 still holds last year's unconfirmed numbers (N-W16), the sections are still 待修改 (N-W15)
and copied (N-W13) — what the 导出前检查 and ``giedit export`` must list before publishing.
"""

from __future__ import annotations

import datetime as dt

from paths import SAMPLES

from giedit.model import edits, storage
from giedit.model.report import PROMPTS, Paragraph, Report
from giedit.model.rollforward import roll_forward

LAST_YEAR = "2024-tongxi-jiedao"


def finished_roll() -> Report:
    report = roll_forward(storage.load(SAMPLES / f"{LAST_YEAR}.giedit")).report
    # last year's three pending requests are still pending: table 三 balances (T2-E3)
    for cell, value in (("requests.carried_out.natural", "2"), ("requests.carried_out.legal", "1")):
        edits.enter(report, cell, value).apply(report)  # type: ignore[union-attr]
    for table in report.definition.tables:
        fill = edits.fill_blanks(report, table.id)
        if fill is not None:
            fill.apply(report)
    for section in report.sections.values():
        for i, p in enumerate(section.paragraphs):
            if any(marker in p.text for marker in PROMPTS):
                section.paragraphs[i] = Paragraph(level=p.level, text="本年度已逐项整改到位。")
    report.date = dt.date(report.year + 1, 1, 20)
    return report
