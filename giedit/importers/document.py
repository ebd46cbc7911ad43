"""From lines (either reader) to a giedit report: the importer's one pass over a document.

Order of work: detect the format from the table headers (spec §1: never from the year alone),
find the six headings, read the tables in the part of the document that holds them, then the
title, preamble, narrative, signature and contact details. Every decision is noted in the result.

A report printed wholly in one format keeps it (a 2022 report in the 2019 tables is the outdated
format, F-E1). One whose tables mix both (a 2019 template with the 2021 （六） sub-rows typed in,
common in 2021–2023) is read in the format of its report year, the other format's rows mapped
by their labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from giedit.importers import fields as F
from giedit.importers.cells import is_page_number
from giedit.importers.chinese import is_traditional, simplified
from giedit.importers.furniture import Furniture, without_furniture
from giedit.importers.matching import Vocabulary, key
from giedit.importers.narrative import join_broken, paragraphs, tidy_line
from giedit.importers.result import ImportFailed, ImportNote, ImportResult, NeedsYear, NoteKind, blank_cell
from giedit.importers.skeleton import Skeleton, find_sections
from giedit.importers.source import Line
from giedit.importers.tables import TableReader, TableReading, pieces_of, short_name
from giedit.model.formats import FORMATS, format_for_year
from giedit.model.report import DRAFT_STAMP, Body, Paragraph, Report, new_report
from giedit.model.rule_ids import G_W1, I_W1, N_E1
from giedit.model.schema import Format
from giedit.model.text import clip

MIN_HEADINGS = 2  # fewer headings, no title and no table: not an annual report
_NOT_A_REPORT = "{name}不像是政府信息公开工作年度报告：没有找到报告的标题、章节标题和统计表格。"
TRADITIONAL_SAMPLE = 20_000  # characters looked at to tell traditional script
EVIDENCE_CHARS = 17  # a format's evidence quoted in a note: 16 characters and the ellipsis
MAX_SHOWN = 3  # page numbers quoted in the note that they were left out


@cache
def vocabulary(format_id: str) -> Vocabulary:
    """The texts of a format's tables, and of the other formats' (rows printed in their layout)."""
    others = tuple(f for fid, f in FORMATS.items() if fid != format_id)
    return Vocabulary(FORMATS[format_id], others)


@dataclass
class _Doc:
    """Working state of one import."""

    lines: list[Line]  # for matching: simplified when the source is in traditional script
    name: str
    kind: str
    original: list[Line]  # as printed: the narrative is taken from these
    notes: list[ImportNote] = field(default_factory=list)
    page_numbers: list[Line] = field(default_factory=list)  # dropped, for the note
    bare_pages: set[int] = field(default_factory=set)  # plain numbers the narrative ends pages with

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


def read_document(
    lines: list[Line], name: str, kind: str, year: int | None = None, body: str | None = None
) -> ImportResult:
    """Import a document given as lines; ``ImportFailed`` when it is not an annual report.

    ``year`` and ``body`` replace what the source prints (or fails to print)."""
    furniture = without_furniture(lines)
    original = lines = furniture.lines
    traditional = is_traditional("".join(line.text for line in lines)[:TRADITIONAL_SAMPLE])
    if traditional:
        lines = [_simplified(line) for line in lines]
    doc = _Doc(lines, name, kind, original, page_numbers=furniture.page_numbers)
    _draft_note(doc, furniture)
    if traditional:
        doc.note(
            NoteKind.INFO,
            "原文为繁体字：标题、表格和机关名称按简体字识别；各部分正文保留原文（繁体），如需简体请在正文中修改",
        )
    evidence = _format_evidence(lines)
    printed = [fid for fid, found in evidence.items() if found]
    best = max(len(found) for found in evidence.values())
    provisional = FORMATS[printed[0] if printed else next(iter(FORMATS))]  # the sections are alike
    sk = find_sections(lines, provisional, [vocabulary(fid) for fid in FORMATS])
    head, signature_lines = _split_head(doc, sk, {s.id for s in provisional.sections if s.table})
    title, title_lines = _title(doc, head)
    if (
        len(sk.headings) < MIN_HEADINGS
        and best == 0
        and not (sk.headings and (title or _about_open_government(lines)))
    ):
        raise ImportFailed(_NOT_A_REPORT.format(name=name))
    year = _year(doc, title, year)
    at = len(doc.notes)
    if len(printed) == 1:
        fmt = provisional
        doc.note(NoteKind.INFO, f"按表头识别为{fmt.name}")
    else:
        fmt = format_for_year(year)
    zone = _table_zone(sk, fmt, lines)
    section_of = {i: sid for sid, idx in sk.sections.items() for i in idx}
    vocab = vocabulary(fmt.id)
    pieces = pieces_of(lines, zone, section_of, vocab)
    cut_off = bool(zone) and zone[-1] == len(lines) - 1  # the source stops inside the tables
    if len(printed) > 1:
        shown = "，".join(
            f"{short_name(FORMATS[fid])}的「{clip(evidence[fid][0], EVIDENCE_CHARS)}」" for fid in printed
        )
        why = (
            f"原文的表格混用两种格式（{shown}），按报告年度采用{fmt.name}；"
            "另一种格式的行按行名对应读取，没有对应的行在下面列出，请核对"
        )
        doc.notes.insert(at, ImportNote(NoteKind.INFO, why))
    elif not printed:
        table_lines = [i for s in fmt.sections if s.table for i in sk.sections.get(s.id, [])]
        if any(lines[i].image for i in table_lines):
            why = "表格处是图片，表格可能以图片发布"
        elif cut_off:
            why = "原文在表格之前或之中已结束，内容不完整"
        else:
            why = "原文中没有文字表格"
        doc.notes.insert(
            at, ImportNote(NoteKind.INFO, f"没有找到可识别的表头（{why}），按报告年度采用{fmt.name}，请核对")
        )
    reading = TableReader(fmt, vocab).read(pieces, document_ends=cut_off)
    report = new_report(year, format_id=fmt.id)
    _cells(report, reading)
    _narrative(doc, report, sk, fmt, set(zone), reading, signature_lines)
    _facts(doc, report, title, [i for i in head if i not in title_lines], body)
    _headings(doc, sk, fmt, cut_off)
    doc.notes.extend(reading.notes)
    _padding(doc, reading.notes)
    _page_number_note(doc)
    _unread_cells(doc, reading, fmt, sk, cut_off)
    return ImportResult(report, name, kind, doc.notes)


def _draft_note(doc: _Doc, furniture: Furniture) -> None:
    """Say that the source was a draft: the clerk may be about to carry unfinished figures on as
    last year's."""
    if furniture.stamps:
        stamp = furniture.stamps[0]
        doc.note(
            NoteKind.INFO,
            f"原文是草稿（{stamp.where}有“{DRAFT_STAMP}”标记）：标记已去掉，没有作为报告内容；"
            "草稿的内容和数字可能尚未定稿，请与正式发布的报告核对",
            where=stamp.where,
            source=stamp.text.strip(),
        )


def _page_number_note(doc: _Doc) -> None:
    dropped = doc.page_numbers + [doc.original[i] for i in sorted(doc.bare_pages)]
    if dropped:
        shown = "、".join(f"「{F.squeeze(line.text)}」" for line in dropped[:MAX_SHOWN])
        more = "等" if len(dropped) > MAX_SHOWN else ""
        doc.note(
            NoteKind.IGNORED,
            f"原文中的页码 {len(dropped)} 处（{shown}{more}）不是报告内容，已忽略",
            where=dropped[0].where,
            source=dropped[0].text.strip(),
        )


def _padding(doc: _Doc, notes: list[ImportNote]) -> None:
    """One line for the numbers printed with blanks around them (NBSP or 　 indents, G-W1): each
    reads exactly as printed, so a note per cell would bury the notes that matter."""
    padded = sum(n.kind is NoteKind.READ and bool(n.source) and n.source != n.source.strip() for n in notes)
    if padded:
        doc.note(NoteKind.INFO, f"{padded} 格数字前后带有空白（排版所致），读取时已去掉，数字不变", rule=G_W1)


def _about_open_government(lines: list[Line]) -> bool:
    """A text with one heading is a report (cut off, or with its tables as images) when it speaks
    of 政府信息公开 or states a statistics period."""
    text = "".join(line.text for line in lines)
    return "政府信息公开" in text or F.find_period(text) is not None


def _simplified(line: Line) -> Line:
    cells = None if line.cells is None else tuple(replace(c, text=simplified(c.text)) for c in line.cells)
    return replace(line, text=simplified(line.text), cells=cells)


def _cells(report: Report, reading: TableReading) -> None:
    """Cells read get their value; cells printed but unreadable stay blank; cells the source does
    not have at all are left out, so that N-E1 can tell a missing table from a blank cell."""
    for cid in list(report.cells):
        if cid in reading.cells:
            report.cells[cid] = reading.cells[cid]
        elif cid not in reading.seen:
            del report.cells[cid]


MIN_DISTINCT = 10  # a row label this long, printed by one format only, tells that format


def _format_evidence(lines: list[Line]) -> dict[str, list[str]]:
    """Per format, the texts only it prints that the source holds: its marker headers (spec
    §1) and its long row labels of its own (the 2021 （六） sub-rows, 2019's extra （五） row)."""
    text = key("".join(line.text for line in lines))
    return {fid: [t for t in _distinct(fid) if key(t) in text] for fid in FORMATS}


@cache
def _distinct(format_id: str) -> tuple[str, ...]:
    fmt = FORMATS[format_id]
    others = {
        key(text)
        for fid, other in FORMATS.items()
        if fid != format_id
        for table in other.tables
        for text in _table_texts(other, table.id)
    }
    rows = [
        row.label
        for table in fmt.tables
        for row in fmt.layout(table.id).rows
        if len(key(row.label)) >= MIN_DISTINCT and key(row.label) not in others
    ]
    return (*fmt.markers, *rows)


def _table_texts(fmt: Format, table_id: str) -> list[str]:
    layout = fmt.layout(table_id)
    return [r.label for r in layout.rows] + [g.text for g in layout.grid if g.text]


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
    bare = len(tail)
    while bare and _bare_page(doc, tail[bare - 1]):
        bare -= 1
    if bare < len(tail) and bare and F.find_date(doc.lines[tail[bare - 1]].text):  # 「…日」「3」
        doc.bare_pages.update(tail[bare:])
        tail = tail[:bare]
    end: list[int] = []
    if tail and F.find_date(doc.lines[tail[-1]].text) and not doc.lines[tail[-1]].is_row:
        end.insert(0, tail[-1])
    k = len(tail) - 1 - len(end)
    if k >= 1 and not doc.lines[tail[k]].is_row and F.is_name_line(doc.lines[tail[k]].text):
        end.insert(0, tail[k])
    return head, end


def _bare_page(doc: _Doc, i: int) -> bool:
    """A plain number on a line of its own in the narrative: a page number (tables excluded)."""
    line = doc.lines[i]
    return not line.is_row and is_page_number(line.text, bare=True)


def _title(doc: _Doc, head: list[int]) -> tuple[str | None, list[int]]:
    """The printed title (a name line may precede it, it may wrap onto a second line) and the
    lines it takes."""
    for n, i in enumerate(head):
        text = doc.lines[i].text
        taken = [i]
        if not F.is_title(text):
            if n + 1 >= len(head) or not F.is_title(F.squeeze(text) + F.squeeze(doc.lines[head[n + 1]].text)):
                continue
            if not F.is_name_line(text) or not (
                F.year_of_title(text) or "政府信息公开" in text or F.plausible_name(text)
            ):
                continue
            taken.append(head[n + 1])  # the title wraps: 「…2021年政府信息公开」「工作年度报告」
            text = F.squeeze(text) + F.squeeze(doc.lines[head[n + 1]].text)
        title = F.squeeze(text)
        above = doc.lines[head[n - 1]].text if n > 0 else ""
        if (
            not F.body_of_title(title)
            and above
            and F.is_name_line(above)
            and F.plausible_name(F.squeeze(above))
        ):
            taken.insert(0, head[n - 1])
            title = F.squeeze(above) + title
        for j in head[n + 1 :]:  # the same title printed twice (web pages repeat it)
            if F.squeeze(doc.lines[j].text) == F.squeeze(text):
                taken.append(j)
        return title, taken
    return None, []


def _year(doc: _Doc, title: str | None, given: int | None) -> int:
    found = _found_year(doc, title, quiet=given is not None)
    if given is None:
        if found is None:
            raise NeedsYear(
                f"{doc.name}中找不到报告年度（标题和统计期间都没有年份），请指定报告年度后再导入。"
            )
        return found
    if found is not None and found != given:
        doc.note(NoteKind.INFO, f"报告年度按指定的 {given} 年（原文中为 {found} 年）")
    else:
        doc.note(NoteKind.INFO, f"报告年度按指定的 {given} 年")
    return given


def _found_year(doc: _Doc, title: str | None, quiet: bool) -> int | None:
    if title and (year := F.year_of_title(title)):
        return year
    text = "\n".join(line.text for line in doc.lines)
    period = F.find_period(text)
    if period is not None:
        if not quiet:
            doc.note(
                NoteKind.INFO, f"标题中没有年度，按统计期间「{period.value}」定为 {period.first_year} 年"
            )
        return period.first_year
    year = F.frequent_year(text)
    if year is not None and not quiet:
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
    """The lines as printed (the original script), tidied."""
    out = []
    for i in indices:
        line = doc.original[i]
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
                    rule=I_W1,
                )
            continue
        indices = [i for i in sk.sections.get(s.id, []) if i not in zone and i not in end]
        doc.bare_pages.update(i for i in indices if _bare_page(doc, i))
        indices = [i for i in indices if i not in doc.bare_pages]
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


def _facts(doc: _Doc, report: Report, title: str | None, preamble: list[int], given: str | None) -> None:
    report.preamble = _paragraphs(doc, preamble, "前言")
    whole = "\n".join(line.text for line in doc.lines)
    head_text = "\n".join(doc.lines[i].text for i in preamble)
    body = _body(doc, report, title, head_text, given)
    report.body = Body(name=body, kind=F.body_kind(body))
    if report.body.kind is not None:
        doc.note(NoteKind.INFO, f"机关类型按名称推定为「{report.body.kind}」，请核对")
    if title is not None:
        report.title = None if title == report.display_title() else title
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


def _body(doc: _Doc, report: Report, title: str | None, head_text: str, given: str | None) -> str:
    """The body's name: given, else from the title, the signature or the preamble's 《…年度报告》;
    a name that does not look like one is not guessed at."""
    whole = "\n".join(line.text for line in doc.lines)
    if given:
        doc.note(NoteKind.INFO, f"机关名称按指定的「{given}」")
        return given
    candidates = [
        ("标题", F.body_of_title(title) if title else ""),
        ("落款", F.squeeze(report.signature or "")),
        ("前言", F.body_in_text(head_text) or ""),
    ]
    for where, body in candidates:
        if not body:
            continue
        if not F.plausible_name(body):
            doc.note(NoteKind.INFO, f"{where}中的「{body}」不像机关名称，未采用")
            continue
        doc.note(NoteKind.INFO, f"机关名称取自{where}：{body}")
        if fuller := F.full_name(body, whole):
            doc.note(NoteKind.INFO, f"{where}中的机关名称「{body}」按正文中的「{fuller}」补全，请核对")
            body = fuller
        return body
    doc.note(NoteKind.MISSING, "没有找到可靠的机关名称（标题、落款和前言都没有），请在基本信息中填写")
    return ""


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
                rule=N_E1,
            )
        elif s.id in sk.variants:
            doc.note(
                NoteKind.VARIANT,
                f"标题「{sk.variants[s.id]}」按「{s.title}」读取",
                section=s.id,
                source=sk.variants[s.id],
                rule=I_W1,
            )


def _unread_cells(doc: _Doc, reading: TableReading, fmt: Format, sk: Skeleton, cut_off: bool) -> None:
    noted = {n.cell for n in doc.notes if n.cell}
    last_heading = max(sk.headings.values(), default=-1)
    for table in fmt.tables:
        title = fmt.section(table.section).title
        if table.id not in reading.found:
            at = sk.headings.get(table.section)
            if cut_off and (at is None or at == last_heading):
                why = "原文在这张表格之前或之中已结束（内容不完整），没有读到表格"
            elif at is not None and any(doc.lines[i].image for i in sk.sections.get(table.section, [])):
                why = "原文有这一部分的标题，表格处是图片（表格可能以图片发布），没有文字表格"
            elif at is not None:
                why = "原文有这一部分的标题，但其下没有文字表格"
            else:
                why = "原文没有这一部分，也没有这张表格"
            doc.note(NoteKind.MISSING, f"{title}：{why}，全部单元格留空", section=table.section, rule=N_E1)
        layout = fmt.layout(table.id)
        for row in layout.rows:
            for cid in row.cell_ids:
                if cid in noted:
                    continue
                cell = fmt.cells[cid]
                why = "表格缺失" if table.id not in reading.found else "原文中没有这一行"
                why += CUT_OFF if cut_off else ""
                doc.notes.append(blank_cell(NoteKind.MISSING, cell, f"{why}，留空"))


def fill_in_body(result: ImportResult, name: str) -> None:
    """The body name the clerk typed after an import whose source did not print one."""
    report = result.report
    report.body = Body(name=name, kind=F.body_kind(name))
    result.notes.append(ImportNote(NoteKind.INFO, f"机关名称按您填写的「{name}」"))
