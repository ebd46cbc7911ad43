"""Reports with a distinct value in every cell, so an importer that puts a number in the wrong
cell cannot pass by accident."""

from __future__ import annotations

import datetime as dt

from giedit.model.report import Body, BodyKind, Contact, Level, Paragraph, Report, new_report
from giedit.model.schema import CellKind
from giedit.model.values import Money

BODY = "青石县白水镇人民政府"


def filled_report(year: int) -> Report:
    """A report in the format for ``year`` with every cell, a preamble, narrative and signature."""
    report = new_report(year, BODY)
    fmt = report.definition
    for i, (cid, cell) in enumerate(fmt.cells.items()):
        if cell.kind is CellKind.MONEY:
            report.cells[cid] = (
                Money(amount=15.68, unit="万元")
                if cell.column.unit is None
                else Money(amount=2.02, unit="万元")
            )
        elif cell.kind is CellKind.SIGNED:
            report.cells[cid] = -(i % 4) if i % 2 else i % 9
        else:
            report.cells[cid] = (i * 7) % 97
    report.body = Body(name=BODY, kind=BodyKind.TOWN)
    report.contact = Contact(
        office="白水镇党政办公室",
        address="青石县白水镇河西路8号",
        postcode="065100",
        phone="0316-5551234",
        email="bsz@example.cn",
    )
    report.period = f"{year}年1月1日至{year}年12月31日"
    report.preamble = [
        Paragraph(
            text=f"本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自{year}年1月1日至{year}年12月31日。"
            "如对本报告有疑问，请与白水镇党政办公室联系（地址：青石县白水镇河西路8号；邮编：065100；电话：0316-5551234；电子邮箱：bsz@example.cn）。"
        )
    ]
    report.section("overview").paragraphs = [
        Paragraph(text=f"{year}年，白水镇认真贯彻落实《条例》，持续推进政务公开。"),
        Paragraph(level=Level.H2, text="主动公开"),
        Paragraph(text="全年主动公开政府信息120条。"),
        Paragraph(level=Level.H3, text="健全制度"),
        Paragraph(text="（一）依申请公开。全年新收申请若干件，均按期答复。"),
    ]
    report.section("active").paragraphs = [Paragraph(text="该部分以表格形式报告。表格如下：")]
    report.section("problems").paragraphs = [
        Paragraph(level=Level.H2, text="存在的主要问题"),
        Paragraph(text="一是公开栏更新不够及时。"),
        Paragraph(level=Level.H2, text="改进措施"),
        Paragraph(text="加强督促检查，每季度通报一次。"),
    ]
    report.section("other").paragraphs = [Paragraph(text="本年度未收取信息处理费。")]
    report.signature = BODY
    report.date = dt.date(year + 1, 1, 20)
    return report
