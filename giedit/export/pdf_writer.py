"""The publishable PDF (reportlab platypus), laid out like the DOCX on the GB/T 9704 page.

Every font is a TrueType file embedded as a subset; the canvas starts in the body font, so the
PDF carries no reference to an unembedded Helvetica.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import reportlab.lib.textsplit as rl_textsplit
import reportlab.platypus.paragraph as rl_paragraph
from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

from giedit import __version__
from giedit.export import cjk_justify
from giedit.export.content import Kind, parts
from giedit.export.fonts import FontRole, PdfFonts, pdf_fonts
from giedit.export.layout import (
    BODY_PDF_PT,
    BOTTOM_MM,
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
from giedit.export.markup import markup
from giedit.export.options import ExportOptions
from giedit.export.pdf_table import build_table
from giedit.model.report import Report

# Streams are Flate-compressed binary; reportlab's default ASCII85 layer on top only makes the
# file a quarter larger and costs time (pure Python without the rl_accel extension).
rl_config.useA85 = 0

# reportlab's CJK line breakers (one per module) know only some of the characters that must not
# start a line (禁则); add the Chinese ones they lack, so ，：；？！” and 》 hang at the line end.
_NO_LINE_START = "，：；？！”’》〉…"
for _module in (rl_paragraph, rl_textsplit):
    _module.ALL_CANNOT_START += "".join(c for c in _NO_LINE_START if c not in _module.ALL_CANNOT_START)

cjk_justify.install()

ROLE = {
    Kind.TITLE: FontRole.TITLE,
    Kind.HEADING: FontRole.HEADING,
    Kind.SUBHEADING: FontRole.SUBHEADING,
    Kind.BODY: FontRole.BODY,
    Kind.SIGNATURE: FontRole.BODY,
    Kind.DATE: FontRole.BODY,
}


def _styles(fonts: PdfFonts, signature: str, date: str) -> dict[Kind, ParagraphStyle]:
    size = BODY_PDF_PT
    common = {"fontSize": size, "leading": LINE_PITCH_PT, "wordWrap": "CJK"}
    indent = {"firstLineIndent": INDENT_CHARS * size, "alignment": TA_JUSTIFY}
    sig_right, date_right = closing_indents(signature, date)
    return {
        Kind.TITLE: ParagraphStyle(
            "title",
            fontName=fonts.primary[FontRole.TITLE],
            fontSize=SIZE_2,
            leading=LINE_PITCH_PT * SIZE_2 / SIZE_3,
            alignment=TA_CENTER,
            wordWrap="CJK",
            spaceAfter=LINE_PITCH_PT,
        ),
        Kind.HEADING: ParagraphStyle("heading", fontName=fonts.primary[FontRole.HEADING], **common, **indent),
        Kind.SUBHEADING: ParagraphStyle(
            "subheading", fontName=fonts.primary[FontRole.SUBHEADING], **common, **indent
        ),
        Kind.BODY: ParagraphStyle("body", fontName=fonts.primary[FontRole.BODY], **common, **indent),
        Kind.SIGNATURE: ParagraphStyle(
            "signature",
            fontName=fonts.primary[FontRole.BODY],
            alignment=TA_RIGHT,
            rightIndent=sig_right * size,
            spaceBefore=LINE_PITCH_PT,
            **common,
        ),
        Kind.DATE: ParagraphStyle(
            "date",
            fontName=fonts.primary[FontRole.BODY],
            alignment=TA_RIGHT,
            rightIndent=date_right * size,
            **common,
        ),
    }


def story(report: Report, fonts: PdfFonts) -> list[Flowable]:
    """The flowables of the report, in order.

    A heading (and any note) is kept with the table that follows it, the table whole on one page
    when it fits one; before a heading followed by text, a conditional page break leaves room for
    the heading and two lines, as Word's "keep with next" does.
    """
    items = parts(report)
    signature = next((p.text for p in items if p.kind is Kind.SIGNATURE), "")
    date = next((p.text for p in items if p.kind is Kind.DATE), "")
    styles = _styles(fonts, signature, date)
    out: list[Flowable] = []
    pending: list[Flowable] = []  # keep-with-next paragraphs waiting for what follows them
    after_table = False
    for part in items:
        if part.kind is Kind.TABLE and part.table is not None:
            out.append(KeepTogether([*pending, build_table(report, part.table, fonts)]))
            pending, after_table = [], True
            continue
        style = styles[part.kind]
        if after_table:
            style = ParagraphStyle(f"{style.name}-after-table", parent=style, spaceBefore=LINE_PITCH_PT / 2)
            after_table = False
        para = Paragraph(markup(fonts, part.text, ROLE[part.kind]), style)
        if part.keep_with_next:
            pending.append(para)
            continue
        if pending:
            need = sum(p.wrap(TEXT_W_MM * MM, TEXT_H_MM * MM)[1] for p in pending) + 2 * LINE_PITCH_PT
            out += [CondPageBreak(need), *pending]
            pending = []
        out.append(para)
    return out + pending


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


def _decorator(fonts: PdfFonts, options: ExportOptions, draft: bool) -> Callable[[Canvas, object], None]:
    """Page furniture: the page number (— N —) and, in a draft, the 草稿 stamp."""

    def decorate(canvas: Canvas, _doc: object) -> None:
        canvas.saveState()
        n = canvas.getPageNumber()
        runs = fonts.runs(page_number_text(n), FontRole.PAGE_NUMBER)
        y = PAGE_NUMBER_BASELINE_MM * MM
        if options.page_numbers == "center":
            _draw_runs(canvas, runs, PAGE_W_MM * MM / 2, y, SIZE_4, "center")
        elif n % 2:
            _draw_runs(canvas, runs, (PAGE_W_MM - RIGHT_MM) * MM - PAGE_NUMBER_INSET_PT, y, SIZE_4, "right")
        else:
            _draw_runs(canvas, runs, LEFT_MM * MM + PAGE_NUMBER_INSET_PT, y, SIZE_4, "left")
        if draft:
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

    return decorate


def build_pdf(report: Report, *, draft: bool = False, options: ExportOptions | None = None) -> bytes:
    """The PDF file's bytes."""
    options = options or ExportOptions()
    fonts = pdf_fonts(options.font_mode)
    fmt = report.definition
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(PAGE_W_MM * MM, PAGE_H_MM * MM),
        leftMargin=LEFT_MM * MM,
        rightMargin=RIGHT_MM * MM,
        topMargin=TOP_MM * MM,
        bottomMargin=BOTTOM_MM * MM,
        title=report.display_title(),
        author=report.body.name,
        subject=f"{fmt.name}（{report.year}年度）· giedit {__version__}",
        creator=f"giedit {__version__}",
        producer=f"giedit {__version__} (ReportLab {REPORTLAB_VERSION})",
        keywords=[fmt.basis, str(report.year), f"giedit {__version__}"] + ([DRAFT_STAMP] if draft else []),
        lang="zh-CN",
        initialFontName=fonts.primary[FontRole.BODY],
    )
    frame = Frame(LEFT_MM * MM, BOTTOM_MM * MM, TEXT_W_MM * MM, TEXT_H_MM * MM, 0, 0, 0, 0, id="text")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_decorator(fonts, options, draft))])
    doc.build(story(report, fonts))
    return buf.getvalue()
