"""What a published report says, in order, independent of the file format.

Both writers walk the same list of parts, so the DOCX and the PDF cannot drift apart. Every
heading and the legal basis come from the format definition; nothing official is spelled out here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from giedit.export.layout import SIZE_2, TEXT_W_PT, char_width
from giedit.model.figures import paragraph_text
from giedit.model.numbering import numbered
from giedit.model.report import Level, Report, SectionText
from giedit.model.text import date_text


class Kind(StrEnum):
    """The typographic role of a part; each writer maps it to a style."""

    TITLE = "title"  # 2号 小标宋, centred
    HEADING = "heading"  # 一、 3号 黑体
    SUBHEADING = "subheading"  # （一） 3号 楷体
    BODY = "body"  # 3号 仿宋, also 1. and （1） paragraphs
    TABLE = "table"
    SIGNATURE = "signature"
    DATE = "date"


@dataclass(frozen=True)
class Part:
    """One paragraph or table. ``keep_with_next``: no page break between this part and the next
    (headings, the note before a table, the body's end before the signature: see pagination)."""

    kind: Kind
    text: str = ""
    table: str | None = None  # the table id of a TABLE part
    keep_with_next: bool = False
    section: str | None = None  # the section id of a HEADING part (bookmarks, HTML ids)


def preamble(report: Report) -> list[str]:
    """The clerk's preamble; when there is none, the customary one built from the report's data.

    The customary preamble (spec §2.2) cites the format and the document that issued it, states
    the statistics period and gives the contact details the clerk entered in 基本信息.
    """
    written = [t for p in report.preamble if (t := paragraph_text(report, p)).strip()]
    if written:
        return written
    fmt = report.definition
    text = f"本报告依据{fmt.name}（{fmt.basis}）编制。"
    period = report.period or report.default_period()
    text += f"本报告所列数据的统计期限为{period}。"
    c = report.contact
    details = [
        (label, value)
        for label, value in (
            ("地址", c.address),
            ("邮编", c.postcode),
            ("电话", c.phone),
            ("电子邮箱", c.email),
        )
        if value
    ]
    who = c.office or report.body.name
    if c.office or details:
        inner = "；".join(f"{label}：{value}" for label, value in details)
        ask = f"请与{who}联系" if who else "请联系"  # never 请与联系 when no office and no body is named
        text += f"如对本报告有疑问，{ask}" + (f"（{inner}）" if inner else "") + "。"
    return [text]


def title_text(report: Report) -> str:
    """The title, broken into two lines where the words allow when it does not fit on one.

    GB/T 9704 wants a wrapped title to keep its words intact and its lines symmetrical; left to
    the line breaker, 青山镇人民政府2023年政府信息公开工作年度报告 splits inside 年度. The preferred
    break is after the body's name; otherwise after a 年 or before 政府信息公开, whichever gives the
    most even lines that both fit. With no such break the title is left to the line breaker.
    """
    title = report.display_title()
    per_line = int(TEXT_W_PT / SIZE_2)
    if char_width(title) <= per_line:
        return title
    name = report.body.name
    if name and title.startswith(name) and char_width(title[len(name) :]) <= per_line:
        return f"{name}\n{title[len(name) :]}"
    cuts = {i + 1 for i, ch in enumerate(title) if ch == "年"} | {title.find("政府信息公开")}
    fitting = [
        i
        for i in cuts
        if 0 < i < len(title) and max(char_width(title[:i]), char_width(title[i:])) <= per_line
    ]
    if not fitting:
        return title
    best = min(fitting, key=lambda i: abs(char_width(title[:i]) - char_width(title[i:])))
    return f"{title[:best]}\n{title[best:]}"


def kept_after(items: list[Part], k: int) -> list[Part]:
    """The body parts that follow part ``k`` and keep with it: the lines printed under a table,
    which both writers keep on the page of the table's last rows."""
    out: list[Part] = []
    i = k
    while items[i].keep_with_next and i + 1 < len(items) and items[i + 1].kind is Kind.BODY:
        i += 1
        out.append(items[i])
    return out


def parts(report: Report) -> list[Part]:
    """The report from title to date, in publication order."""
    fmt = report.definition
    out = [Part(Kind.TITLE, title_text(report))]
    out += [Part(Kind.BODY, t) for t in preamble(report)]
    for section in fmt.sections:
        text = report.sections.get(section.id) or SectionText()
        out.append(Part(Kind.HEADING, section.title, keep_with_next=True, section=section.id))
        for para, marker in numbered(text.paragraphs):
            printed = paragraph_text(report, para)  # figures at their current values
            if not (marker or printed.strip()):
                continue
            kind = Kind.SUBHEADING if para.level is Level.H2 else Kind.BODY
            keep = kind is Kind.SUBHEADING or section.table is not None
            out.append(Part(kind, marker + printed, keep_with_next=keep))
        notes = [line for line in text.extra if line.strip()]  # printed under the table, kept with it
        if section.table is not None:
            out.append(Part(Kind.TABLE, table=section.table, keep_with_next=bool(notes)))
        out += [Part(Kind.BODY, line, keep_with_next=i < len(notes) - 1) for i, line in enumerate(notes)]
    closing = []
    if report.signature:
        closing.append(Part(Kind.SIGNATURE, report.signature, keep_with_next=bool(report.date)))
    if report.date:
        closing.append(Part(Kind.DATE, date_text(report.date)))  # spec §9.4: no padding zeros
    if closing:  # the signature and date stay with the end of the body (pagination rules)
        out[-1] = replace(out[-1], keep_with_next=True)
    return out + closing
