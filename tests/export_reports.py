"""Reports for the export tests: every cell filled with a distinct number, every part of the text."""

from __future__ import annotations

import datetime as dt

from giedit.model.report import Contact, Level, Paragraph, Report, new_report
from giedit.model.schema import CellKind
from giedit.model.values import Money

BODY = "大塅镇人民政府"  # 塅 is outside GB2312: the fallback case of sample 001
ZERO_CELL = "appeals.cases.review_pending"  # printed as 0, not left blank


def filled(year: int, body: str = BODY) -> Report:
    """A report whose cells hold distinct non-zero numbers (one zero), with a narrative in every
    section, notes, a local extra line, contact details, signature and date."""
    r = new_report(year, body)
    r.contact = Contact(office="党政办公室", address="明珠路19号", postcode="336000", phone="0795-8745164")
    for i, (cid, cell) in enumerate(r.definition.cells.items()):
        n = 101 + i
        if cell.kind is CellKind.MONEY:
            r.cells[cid] = Money(amount=n + 0.25, unit=cell.column.unit or "万元")
        elif cell.kind is CellKind.SIGNED and i % 2:
            r.cells[cid] = -n
        else:
            r.cells[cid] = n
    r.cells[ZERO_CELL] = 0
    r.section("overview").paragraphs = [
        Paragraph(text=f"{year}年，{body}认真贯彻落实《条例》，主动公开政府信息。" * 3),
        Paragraph(level=Level.H2, text="主动公开"),
        Paragraph(text="全年主动公开信息125条。标记字符 A&B<C> 原样输出。"),
        Paragraph(level=Level.H3, text="公开平台建设"),
        Paragraph(level=Level.H2, text="依申请公开"),
        Paragraph(text="全年收到申请若干件，均按时答复。"),
    ]
    r.section("active").paragraphs = [Paragraph(text="该部分以表格形式报告。")]
    r.section("active").extra = ["本地补充说明：全年发布信息总数量125条。"]
    r.section("problems").paragraphs = [Paragraph(text="上年度问题已整改。今后继续改进。")]
    r.section("other").paragraphs = [Paragraph(text="本年度未收取信息处理费。")]
    r.date = dt.date(year + 1, 1, 20)
    return r
