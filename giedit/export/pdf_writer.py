"""The publishable PDF, laid out like the DOCX on the GB/T 9704 page.

giedit sets the text itself (``pdf_text``: kinsoku, justification, per-character font fallback)
and breaks the pages itself (``pagination``: the rule set the DOCX writer maps to Word's keeps):
every line and every table row is a box of known height, so a page break never re-measures the
rest of the text and export time grows linearly with its length. reportlab's canvas draws text,
tables (``pdf_table``) and outlines; nothing of its platypus layout engine is loaded.

Every font is a TrueType subset embedded in the file; the canvas starts in the body font, so the
PDF has no reference to an unembedded Helvetica. The title and the six section headings are
bookmarks; Info and XMP metadata name title, author (the body), subject, keywords, zh-CN; the page
number is drawn last on each page, so text extraction reads it last.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from dataclasses import dataclass
from html import escape as _html_escape

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from giedit import __version__
from giedit.export.content import Kind, Part, kept_after, parts
from giedit.export.fonts import FontRole, PdfFonts, pdf_fonts
from giedit.export.layout import (
    BODY_PDF_PT,
    DRAFT_RGB,
    DRAFT_STAMP,
    HEADER_MM,
    INDENT_CHARS,
    LEFT_MM,
    LINE_PITCH_PT,
    MM,
    PAGE_H_MM,
    PAGE_NUMBER_BASELINE_MM,
    PAGE_NUMBER_INSET_PT,
    PAGE_W_MM,
    RIGHT_MM,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    TEXT_H_MM,
    TEXT_W_MM,
    TOP_MM,
    closing_indents,
    page_number_text,
)
from giedit.export.linebreak import Line
from giedit.export.options import ExportOptions
from giedit.export.pagination import Box, Break, break_pages, line_breaks, row_breaks
from giedit.export.pdf_table import PdfTable, measured_table
from giedit.export.pdf_text import TextSetting, draw_line, lay_out
from giedit.model.report import Report

# Streams are Flate-compressed binary; reportlab's default ASCII85 layer on top only makes the
# file a quarter larger and costs time (pure Python without the rl_accel extension).
rl_config.useA85 = 0


class _QuickFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate at zlib level 1, not 6: a PDF's streams are mostly embedded glyph outlines, which
    barely compress further; level 6 took ~20 ms of a ~45 ms export (level 1: ~8 ms) to make the
    file 5-6 % smaller. reportlab has no setting for the level, and every stream it compresses
    goes through this one filter object."""

    def encode(self, text: str | bytes) -> bytes:
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 1)


pdfdoc.PDFZCompress = _QuickFlate()

ROLE = {
    Kind.TITLE: FontRole.TITLE,
    Kind.HEADING: FontRole.HEADING,
    Kind.SUBHEADING: FontRole.SUBHEADING,
    Kind.BODY: FontRole.BODY,
    Kind.SIGNATURE: FontRole.BODY,
    Kind.DATE: FontRole.BODY,
}
KEEP_LINES = {Kind.TITLE, Kind.HEADING, Kind.SUBHEADING, Kind.SIGNATURE, Kind.DATE}  # never split
TEXT_W = TEXT_W_MM * MM
TEXT_H = TEXT_H_MM * MM


def settings(signature: str, date: str) -> dict[Kind, TextSetting]:
    """How each kind of part is set (GB/T 9704: 2号 title, 3号 text, 首行左空二字)."""
    size = BODY_PDF_PT
    indent = INDENT_CHARS * size
    sig_right, date_right = closing_indents(signature, date)
    return {
        Kind.TITLE: TextSetting(FontRole.TITLE, SIZE_2, LINE_PITCH_PT * SIZE_2 / SIZE_3, align="center"),
        Kind.HEADING: TextSetting(FontRole.HEADING, size, LINE_PITCH_PT, first_indent=indent),
        Kind.SUBHEADING: TextSetting(FontRole.SUBHEADING, size, LINE_PITCH_PT, first_indent=indent),
        Kind.BODY: TextSetting(FontRole.BODY, size, LINE_PITCH_PT, first_indent=indent),
        Kind.SIGNATURE: TextSetting(
            FontRole.BODY, size, LINE_PITCH_PT, align="right", right_indent=sig_right * size
        ),
        Kind.DATE: TextSetting(
            FontRole.BODY, size, LINE_PITCH_PT, align="right", right_indent=date_right * size
        ),
    }


@dataclass
class _Text:
    part: Part
    setting: TextSetting
    lines: list[Line]


@dataclass(frozen=True)
class _Ref:
    """What a box draws: line ``index`` of a text block, or row ``index`` of a table."""

    block: int
    index: int


def _space_before(part: Part, previous: Part | None) -> float:
    if previous is None:
        return 0.0
    if previous.kind is Kind.TITLE:
        return LINE_PITCH_PT  # one blank line under the title
    if part.kind is Kind.SIGNATURE:
        return LINE_PITCH_PT
    if previous.kind is Kind.TABLE:
        return LINE_PITCH_PT / 2
    return 0.0


def lay_out_report(report: Report, fonts: PdfFonts) -> tuple[list[_Text | PdfTable], list[Box], list[_Ref]]:
    """Every part measured into boxes, with the break rules of ``pagination`` attached."""
    items = parts(report)
    signature = next((p.text for p in items if p.kind is Kind.SIGNATURE), "")
    date = next((p.text for p in items if p.kind is Kind.DATE), "")
    styles = settings(signature, date)
    blocks: list[_Text | PdfTable] = []
    boxes: list[Box] = []
    refs: list[_Ref] = []
    previous: Part | None = None
    for k, part in enumerate(items):
        first = Break.KEEP if previous is not None and previous.keep_with_next else Break.FREE
        space = _space_before(part, previous)
        b = len(blocks)
        if part.kind is Kind.TABLE and part.table is not None:
            table = measured_table(report, part.table, fonts)
            blocks.append(table)
            head = sum(table.heights[: table.header_rows])
            # kept whole only if it fits a page with the lines printed under it; else its last rows
            # go over with them, never those lines alone
            bound = _bound_tail(boxes) if first is not Break.FREE else 0.0
            whole = bound + space + sum(table.heights) + _kept_after(items, k, styles, fonts) <= TEXT_H
            for r, br in enumerate(row_breaks(table.n_rows, table.header_rows, whole, first)):
                repeat = head if r >= table.header_rows else 0.0
                boxes.append(Box(table.heights[r], br, space if r == 0 else 0.0, repeat))
                refs.append(_Ref(b, r))
        else:
            setting = styles[part.kind]
            lines = lay_out(fonts, part.text, setting, TEXT_W)
            blocks.append(_Text(part, setting, lines))
            breaks = line_breaks(len(lines), first)
            if part.kind in KEEP_LINES:
                breaks = [first] + [Break.KEEP] * (len(lines) - 1)
            for i, br in enumerate(breaks):
                boxes.append(Box(setting.leading, br, space if i == 0 else 0.0))
                refs.append(_Ref(b, i))
        previous = part
    return blocks, boxes, refs


def _bound_tail(boxes: list[Box]) -> float:
    """The height of the last boxes that no break may separate from what comes next: back to
    the last place a page may break freely (a heading and the lines that keep with a table)."""
    height = 0.0
    for box in reversed(boxes):
        height += box.height + box.space_before
        if box.before is Break.FREE:
            break
    return height


def _kept_after(items: list[Part], k: int, styles: dict[Kind, TextSetting], fonts: PdfFonts) -> float:
    """The height of the parts kept with part ``k`` that follow it (the lines under a table)."""
    setting = styles[Kind.BODY]
    return sum(setting.leading * len(lay_out(fonts, p.text, setting, TEXT_W)) for p in kept_after(items, k))


def _draw_runs(
    canvas: Canvas, runs: list[tuple[str, str]], x: float, y: float, size: float, align: str
) -> None:
    """Draw font runs on one baseline, aligned at ``x`` (left, right or centre)."""
    width = sum(stringWidth(chunk, font, size) for font, chunk in runs)
    x -= {"left": 0.0, "right": width, "center": width / 2}[align]
    for font, chunk in runs:
        canvas.setFont(font, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, font, size)


def _page_number(canvas: Canvas, fonts: PdfFonts, options: ExportOptions, n: int) -> None:
    """``— N —`` under the 版心: odd right, even left (GB/T 9704 7.5), or centred."""
    runs = fonts.runs(page_number_text(n), FontRole.PAGE_NUMBER)
    y = PAGE_NUMBER_BASELINE_MM * MM
    if options.page_numbers == "center":
        _draw_runs(canvas, runs, PAGE_W_MM * MM / 2, y, SIZE_4, "center")
    elif n % 2:
        _draw_runs(canvas, runs, (PAGE_W_MM - RIGHT_MM) * MM - PAGE_NUMBER_INSET_PT, y, SIZE_4, "right")
    else:
        _draw_runs(canvas, runs, LEFT_MM * MM + PAGE_NUMBER_INSET_PT, y, SIZE_4, "left")


def _draft_stamp(canvas: Canvas, fonts: PdfFonts) -> None:
    canvas.saveState()
    red = colors.Color(*(c / 255 for c in DRAFT_RGB))
    canvas.setFillColor(red)
    canvas.setStrokeColor(red)
    stamp = fonts.runs(DRAFT_STAMP, FontRole.HEADING)
    right = (PAGE_W_MM - RIGHT_MM) * MM
    base = (PAGE_H_MM - HEADER_MM) * MM
    _draw_runs(canvas, stamp, right - SIZE_3 / 2, base, SIZE_3, "right")
    width = sum(stringWidth(c, f, SIZE_3) for f, c in stamp) + SIZE_3
    canvas.setLineWidth(1)
    canvas.rect(right - width, base - SIZE_3 * 0.35, width, SIZE_3 * 1.4)
    canvas.restoreState()


def _bookmark(canvas: Canvas, text: _Text, top: float, n: int) -> None:
    """Outline entries: the title at the top level, the six sections under it."""
    kind = text.part.kind
    if kind not in (Kind.TITLE, Kind.HEADING):
        return
    key = f"part{n}"
    canvas.bookmarkHorizontal(key, 0, top)
    canvas.addOutlineEntry(text.part.text.replace("\n", ""), key, level=0 if kind is Kind.TITLE else 1)


def _render(
    canvas: Canvas,
    fonts: PdfFonts,
    blocks: list[_Text | PdfTable],
    boxes: list[Box],
    refs: list[_Ref],
    options: ExportOptions,
    draft: bool,
) -> int:
    """Draw every page; returns the number of pages."""
    starts = break_pages(boxes, TEXT_H)
    left, top0 = LEFT_MM * MM, (PAGE_H_MM - TOP_MM) * MM
    ends = [*starts[1:], len(boxes)]
    for n, (start, end) in enumerate(zip(starts, ends, strict=True), 1):
        if draft:
            _draft_stamp(canvas, fonts)
        y = top0
        i = start
        while i < end:
            ref = refs[i]
            block = blocks[ref.block]
            if i > start:
                y -= boxes[i].space_before
            if isinstance(block, PdfTable):
                j = i
                while j < end and refs[j].block == ref.block:
                    j += 1
                rows = [refs[k].index for k in range(i, j)]
                if rows[0] >= block.header_rows:
                    rows = list(range(block.header_rows)) + rows
                y -= block.draw(canvas, rows, left, y)
                i = j
                continue
            if ref.index == 0:
                _bookmark(canvas, block, y, ref.block)
            line = block.lines[ref.index]
            draw_line(canvas, fonts, block.part.text, line, block.setting, left, y, TEXT_W, ref.index == 0)
            y -= block.setting.leading
            i += 1
        _page_number(canvas, fonts, options, n)
        canvas.showPage()
    return len(starts)


def _xmp(report: Report, subject: str, keywords: str, when: dt.datetime) -> str:
    """XMP packet with the same title, author, subject, keywords and dates as the Info dictionary."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")

    def e(text: str) -> str:  # & < > as xml.sax.saxutils.escape, which would load urllib (~25 ms)
        return _html_escape(text, quote=False)

    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(report.display_title())}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(report.body.name)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>{"".join(f"<rdf:li>{e(k)}</rdf:li>" for k in keywords.split("; "))}</rdf:Bag></dc:subject>
   <dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{e(keywords)}</pdf:Keywords>
   <pdf:Producer>giedit {__version__} (ReportLab {REPORTLAB_VERSION})</pdf:Producer>
   <xmp:CreatorTool>giedit {__version__}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _metadata(canvas: Canvas, report: Report, draft: bool) -> None:
    fmt = report.definition
    subject = f"{fmt.name}（{report.year}年度）· giedit {__version__}"
    keywords = "; ".join(
        [fmt.basis, str(report.year), f"giedit {__version__}"] + ([DRAFT_STAMP] if draft else [])
    )
    canvas.setTitle(report.display_title())
    canvas.setAuthor(report.body.name)
    canvas.setSubject(subject)
    canvas.setKeywords(keywords)
    canvas.setCreator(f"giedit {__version__}")
    canvas.setProducer(f"giedit {__version__} (ReportLab {REPORTLAB_VERSION})")
    packet = _xmp(report, subject, keywords, dt.datetime.now(dt.UTC))
    xmp = XMP(creator=lambda _doc: packet.encode("utf-8"))
    xmp.filters = []  # metadata stays readable as plain XML, as the XMP specification recommends
    canvas._doc.Catalog.Metadata = xmp


def build_pdf(report: Report, *, draft: bool = False, options: ExportOptions | None = None) -> bytes:
    """The PDF file's bytes."""
    options = options or ExportOptions()
    fonts = pdf_fonts(options.font_mode)
    blocks, boxes, refs = lay_out_report(report, fonts)
    buf = io.BytesIO()
    canvas = Canvas(
        buf,
        pagesize=(PAGE_W_MM * MM, PAGE_H_MM * MM),
        initialFontName=fonts.primary[FontRole.BODY],
        lang="zh-CN",
    )
    _metadata(canvas, report, draft)
    _render(canvas, fonts, blocks, boxes, refs, options, draft)
    canvas.showOutline()
    canvas.save()
    return buf.getvalue()
