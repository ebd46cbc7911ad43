"""From lines (either reader) to a giedit report: the importer's one pass over a document.

Order of work: detect the format from the table headers (spec §1: never from the year), find
the six headings, read the tables in the part of the document that holds them, then the title,
preamble, narrative, signature and contact details. Every decision is noted in the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from giedit.importers import fields as F
from giedit.importers.matching import Vocabulary, key
from giedit.importers.narrative import join_broken, paragraphs, tidy_line
from giedit.importers.result import ImportFailed, ImportNote, ImportResult, NoteKind, blank_cell
from giedit.importers.skeleton import Skeleton, find_sections
from giedit.importers.source import Line
from giedit.importers.tables import TableReader, TableReading, pieces_of
from giedit.model.formats import FORMATS, format_for_year
from giedit.model.report import Body, Paragraph, Report, new_report
from giedit.model.schema import Format

MIN_HEADINGS = 2  # fewer headings and no table: not an annual report
_NOT_A_REPORT = "{name}不像是政府信息公开工作年度报告：没有找到报告的章节标题和统计表格。"


@cache
def vocabulary(format_id: str) -> Vocabulary:
    return Vocabulary(FORMATS[format_id])


@dataclass
class _Doc:
    """Working state of one import."""

    lines: list[Line]
    name: str
    kind: str
    notes: list[ImportNote] = field(default_factory=list)

    def note(
        self,
        kind: NoteKind,
        message: str,
        section: str | None = None,
        where: str | None = None,
        cell: str | None = None,
        source: str | None = None,
        rule: str | None = None,
    ) -> None:
        self.notes.append(ImportNote(kind, message, cell, section, source, where, rule))


def read_document(lines: list[Line], name: str, kind: str) -> ImportResult:
    """Import a document given as lines; ``ImportFailed`` when it is not an annual report."""
    doc = _Doc(lines, name, kind)
    scores = _marker_scores(lines)
    best = max(scores.values())
    leaders = [fid for fid, s in scores.items() if s == best]
    provisional = FORMATS[leaders[0]]
    sk = find_sections(lines, provisional, [vocabulary(fid) for fid in FORMATS])
    if len(sk.headings) < MIN_HEADINGS and best == 0:
        raise ImportFailed(_NOT_A_REPORT.format(name=name))
    head, signature_lines = _split_head(doc, sk, {s.id for s in provisional.sections if s.table})
    title, title_lines = _title(doc, head)
    year = _year(doc, title)
    if best > 0 and len(leaders) == 1:
        fmt = provisional
        doc.note(NoteKind.INFO, f"按表头识别为{fmt.name}")
    else:
        fmt = format_for_year(year)
        why = "表头同时符合两种格式" if best > 0 else "没有找到可识别的表头（表格可能缺失或以图片发布）"
        doc.note(NoteKind.INFO, f"{why}，按报告年度采用{fmt.name}，请核对")
    zone = _table_zone(sk, fmt, lines)
    section_of = {i: sid for sid, idx in sk.sections.items() for i in idx}
    pieces = pieces_of(lines, zone, section_of)
    cut_off = bool(zone) and zone[-1] == len(lines) - 1  # the source stops inside the tables
    reading = TableReader(fmt, vocabulary(fmt.id)).read(pieces, document_ends=cut_off)
    if len(sk.headings) < MIN_HEADINGS and not reading.found:
        raise ImportFailed(_NOT_A_REPORT.format(name=name))
    report = new_report(year, format_id=fmt.id)
    _cells(report, reading)
    _narrative(doc, report, sk, fmt, set(zone), reading, signature_lines)
    _facts(doc, report, title, [i for i in head if i not in title_lines])
    _headings(doc, sk, fmt, cut_off)
    doc.notes.extend(reading.notes)
    _unread_cells(doc, reading, fmt, cut_off)
    return ImportResult(report, name, kind, doc.notes)


def _cells(report: Report, reading: TableReading) -> None:
    """Cells read get their value; cells printed but unreadable stay blank; cells the source does
    not have at all are left out, so that N-E1 can tell a missing table from a blank cell."""
    for cid in list(report.cells):
        if cid in reading.cells:
            report.cells[cid] = reading.cells[cid]
        elif cid not in reading.seen:
            del report.cells[cid]


def _marker_scores(lines: list[Line]) -> dict[str, int]:
    text = key("".join(line.text for line in lines))
    return {fid: sum(key(m) in text for m in fmt.markers) for fid, fmt in FORMATS.items()}


def _split_head(doc: _Doc, sk: Skeleton, table_sections: set[str]) -> tuple[list[int], list[int]]:
    """Head lines without web-page chrome; and the signature and date lines at the very end."""
    head = []
    for i in sk.head:
        if F.is_chrome(doc.lines[i].text):
            text = doc.lines[i].text.strip()
            doc.note(
                NoteKind.IGNORED, f"「{text}」：网页栏目文字，已忽略", where=doc.lines[i].where, source=text
            )
        else:
            head.append(i)
    last = max(
        (sid for sid in sk.sections if sk.sections[sid]), key=lambda s: sk.sections[s][-1], default=None
    )
    if last is None or last in table_sections:
        return head, []
    tail = sk.sections[last]
    end: list[int] = []
    if tail and F.find_date(doc.lines[tail[-1]].text) and not doc.lines[tail[-1]].is_row:
        end.insert(0, tail[-1])
    k = len(tail) - 1 - len(end)
    if k >= 1 and not doc.lines[tail[k]].is_row and F.is_name_line(doc.lines[tail[k]].text):
        end.insert(0, tail[k])
    return head, end


def _title(doc: _Doc, head: list[int]) -> tuple[str | None, list[int]]:
    """The printed title (a name line may precede it) and the lines it takes."""
    for n, i in enumerate(head):
        text = doc.lines[i].text
        if not F.is_title(text):
            continue
        taken = [i]
        title = F.squeeze(text)
        if not F.body_of_title(title) and n > 0 and F.is_name_line(doc.lines[head[n - 1]].text):
            taken.insert(0, head[n - 1])
            title = F.squeeze(doc.lines[head[n - 1]].text) + title
        for j in head[n + 1 :]:  # the same title printed twice (web pages repeat it)
            if F.squeeze(doc.lines[j].text) == F.squeeze(text):
                taken.append(j)
        return title, taken
    return None, []


def _year(doc: _Doc, title: str | None) -> int:
    if title and (year := F.year_of_title(title)):
        return year
    text = "\n".join(line.text for line in doc.lines)
    period = F.find_period(text)
    if period is not None:
        doc.note(NoteKind.INFO, f"标题中没有年度，按统计期间「{period.value}」定为 {period.first_year} 年")
        return period.first_year
    year = F.frequent_year(text)
    if year is None:
        raise ImportFailed(f"{doc.name}中找不到报告年度（标题和统计期间都没有年份），无法导入。")
    doc.note(NoteKind.INFO, f"标题和统计期间都没有年度，按正文中出现最多的年份定为 {year} 年，请核对")
    return year


def _table_zone(sk: Skeleton, fmt: Format, lines: list[Line]) -> list[int]:
    """Line indices that hold the tables: sections 二–四, or, if none of their headings was
    found, from the first table label up to the next heading."""
    table_sections = [s.id for s in fmt.sections if s.table]
    zone = sorted(i for sid in table_sections for i in sk.sections.get(sid, []))
    if any(sid in sk.headings for sid in table_sections):
        return zone
    vocab = vocabulary(fmt.id)
    start = next(
        (i for i, line in enumerate(lines) if any(vocab.lookup(c) for c in _texts(line))),
        None,
    )
    if start is None:
        return []
    stops = [h for h in sk.headings.values() if h > start]
    stop = min(stops) if stops else len(lines)
    return list(range(start, stop))


def _texts(line: Line) -> list[str]:
    return [c.text for c in line.cells] if line.cells is not None else [line.text]


def _lines_text(doc: _Doc, indices: list[int]) -> list[str]:
    out = []
    for i in indices:
        line = doc.lines[i]
        text = " ".join(c.text.strip() for c in line.cells if c.text.strip()) if line.cells else line.text
        if t := tidy_line(text):
            out.append(t)
    return out


def _paragraphs(doc: _Doc, indices: list[int], where: str) -> list[Paragraph]:
    texts = _lines_text(doc, indices)
    if doc.kind == "text":
        texts, joins = join_broken(texts)
        for j in joins:
            doc.note(NoteKind.INFO, f"{where}：疑似分页处断开的段落已合并（{j}）")
    return paragraphs(texts)


def _narrative(
    doc: _Doc,
    report: Report,
    sk: Skeleton,
    fmt: Format,
    zone: set[int],
    reading: TableReading,
    signature_lines: list[int],
) -> None:
    end = set(signature_lines)
    for s in fmt.sections:
        text = report.section(s.id)
        if s.table:
            text.paragraphs = _paragraphs(doc, reading.before.get(s.id, []), s.title)
            text.extra = _lines_text(doc, reading.after.get(s.id, []))
            for line in text.extra:
                doc.note(
                    NoteKind.VARIANT,
                    f"{s.title}：表格后的「{line}」不是规定的表格内容，保留为表后附加行",
                    section=s.id,
                    source=line,
                    rule="I-W1",
                )
            continue
        indices = [i for i in sk.sections.get(s.id, []) if i not in zone and i not in end]
        text.paragraphs = _paragraphs(doc, indices, s.title)
        if s.id in sk.headings:
            doc.note(NoteKind.INFO, f"{s.title}：读取 {len(text.paragraphs)} 段", section=s.id)
    for s in fmt.sections:  # a part the source lacks stays absent, as N-E1 expects
        if (
            s.id not in sk.headings
            and not report.sections[s.id].paragraphs
            and not report.sections[s.id].extra
        ):
            del report.sections[s.id]
    if signature_lines:
        texts = [F.squeeze(doc.lines[i].text) for i in signature_lines]
        date = F.find_date(texts[-1])
        if date is not None:
            report.date = date
            texts = texts[:-1]
        report.signature = texts[0] if texts else None
        doc.note(NoteKind.INFO, f"落款：{report.signature or '（无机关名称）'} {date or ''}".rstrip())


def _facts(doc: _Doc, report: Report, title: str | None, preamble: list[int]) -> None:
    report.preamble = _paragraphs(doc, preamble, "前言")
    whole = "\n".join(line.text for line in doc.lines)
    body = F.body_of_title(title) if title else ""
    if body:
        doc.note(NoteKind.INFO, f"机关名称取自标题：{body}")
    elif report.signature:
        body = report.signature
        doc.note(NoteKind.INFO, f"标题中没有机关名称，取自落款：{body}")
    else:
        doc.note(NoteKind.MISSING, "没有找到机关名称（标题和落款都没有），请在基本信息中填写")
    if fuller := F.full_name(body, whole):
        doc.note(NoteKind.INFO, f"标题中的机关名称「{body}」按正文中的「{fuller}」补全，请核对")
        body = fuller
    report.body = Body(name=body, kind=F.body_kind(body))
    if report.body.kind is not None:
        doc.note(NoteKind.INFO, f"机关类型按名称推定为「{report.body.kind}」，请核对")
    if title is not None:
        report.title = None if title == report.display_title() else title
    head_text = "\n".join(p.text for p in report.preamble)
    period = F.find_period(head_text) or F.find_period(whole)
    if period is None:
        doc.note(NoteKind.MISSING, "没有找到统计期间（YYYY年1月1日至YYYY年12月31日）")
        report.period = None
    else:
        report.period = period.value
    contact, found = F.find_contact(head_text, body)
    if not found:
        contact, found = F.find_contact(whole, body)
    report.contact = contact
    names = {
        "phone": "电话",
        "email": "电子邮箱",
        "postcode": "邮编",
        "address": "地址",
        "office": "联系部门",
    }
    if found:
        shown = "，".join(f"{names[f]} {getattr(contact, f)}" for f in found)
        doc.note(NoteKind.INFO, f"联系方式：{shown}")
    else:
        doc.note(NoteKind.MISSING, "没有找到联系方式（电话、地址）")


CUT_OFF = "（原文在此之前已结束，可能不完整）"


def _headings(doc: _Doc, sk: Skeleton, fmt: Format, cut_off: bool) -> None:
    sections = list(fmt.sections)
    for n, s in enumerate(sections):
        if s.id not in sk.headings:
            after_end = cut_off and not any(t.id in sk.headings for t in sections[n + 1 :])
            doc.note(
                NoteKind.MISSING,
                f"原文没有「{s.title}」这一标题{CUT_OFF if after_end else ''}",
                section=s.id,
                rule="N-E1",
            )
        elif s.id in sk.variants:
            doc.note(
                NoteKind.VARIANT,
                f"标题「{sk.variants[s.id]}」按「{s.title}」读取",
                section=s.id,
                source=sk.variants[s.id],
                rule="I-W1",
            )


def _unread_cells(doc: _Doc, reading: TableReading, fmt: Format, cut_off: bool) -> None:
    noted = {n.cell for n in doc.notes if n.cell}
    for table in fmt.tables:
        title = fmt.section(table.section).title
        if table.id not in reading.found:
            doc.note(
                NoteKind.MISSING,
                f"{title}：原文没有这张表格（可能以图片发布），全部单元格留空",
                section=table.section,
                rule="N-E1",
            )
        layout = fmt.layout(table.id)
        for row in layout.rows:
            for cid in row.cell_ids:
                if cid in noted:
                    continue
                cell = fmt.cells[cid]
                why = "表格缺失" if table.id not in reading.found else "原文中没有这一行"
                why += CUT_OFF if cut_off else ""
                doc.notes.append(blank_cell(NoteKind.MISSING, cell, f"{why}，留空"))
