"""The publishable DOCX (python-docx), laid out on the GB/T 9704 page.

Styles carry the typography (so a clerk who edits the file in Word keeps it): the title in 2号
方正小标宋简体, 一、 headings in 3号 黑体 (Word's Heading 1, so they show in the navigation pane),
（一） headings in 3号 楷体_GB2312 (Heading 2), body text in 3号 仿宋_GB2312 with a two-character
first-line indent, all on the 22 x 28 document grid. Runs name their fonts as well.

The package starts from giedit's own template (``docx_template``). Page breaks follow the rules
of ``pagination``, mapped to Word's own properties: w:keepNext for every part that keeps with the
next, w:keepLines for headings, w:widowControl everywhere, and in tables w:cantSplit, repeated
header rows and w:keepNext on the rows a break must not follow.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from lxml.etree import _Element

from giedit import __version__
from giedit.export.content import Kind, kept_after, parts
from giedit.export.docx_table import TABLE_STYLE, table_element
from giedit.export.docx_template import template
from giedit.export.docx_xml import XML_SPACE, add_text, el, run_props
from giedit.export.fonts import FACES, Face, FontRole
from giedit.export.layout import (
    BOTTOM_MM,
    CHAR_SCALE,
    DRAFT_RGB,
    DRAFT_STAMP,
    HEADER_MM,
    INDENT_CHARS,
    LEFT_MM,
    LINE_PITCH_PT,
    LINE_PITCH_TWIPS,
    MM,
    PAGE_H_MM,
    PAGE_NUMBER_BASELINE_MM,
    PAGE_NUMBER_INSET_PT,
    PAGE_W_MM,
    RIGHT_MM,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    TOP_MM,
    TWIPS_PER_PT,
    closing_indents,
    estimated_lines,
    page_number_text,
)
from giedit.export.limits import core_property
from giedit.export.options import ExportOptions
from giedit.model.report import Report

# Paragraph style per part kind, and the face its text is set in.
STYLE = {
    Kind.TITLE: ("Report Title", FontRole.TITLE),
    Kind.HEADING: ("Heading 1", FontRole.HEADING),
    Kind.SUBHEADING: ("Heading 2", FontRole.SUBHEADING),
    Kind.BODY: ("Body Text", FontRole.BODY),
    Kind.SIGNATURE: ("Signature", FontRole.BODY),
    Kind.DATE: ("Date", FontRole.BODY),
}
SIZE = {Kind.TITLE: SIZE_2}
LINE_FACTOR = 1.25  # header and footer line height / type size
DESCENT_EM = 0.3  # the footer line's bottom below the page number's baseline (of the type size)


def _twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def _reset(style_element: _Element) -> tuple[_Element, _Element]:
    """Empty pPr and rPr of a style (theme fonts, colours and spacing of the template go)."""
    for tag in ("w:pPr", "w:rPr"):
        old = style_element.find(qn(tag))
        if old is not None:
            style_element.remove(old)
    ppr, rpr = el("w:pPr"), el("w:rPr")
    style_element.append(ppr)
    style_element.append(rpr)
    return ppr, rpr


def _paragraph_style(
    doc: DocxDocument,
    name: str,
    face: Face,
    size: float,
    *,
    indent_chars: float = INDENT_CHARS,
    align: str = "both",
    right_chars: float = 0,
    outline: int | None = None,
    keep_next: bool = False,
    grid: bool = True,
    line_twips: int = LINE_PITCH_TWIPS,
    before_twips: int = 0,
    after_twips: int = 0,
) -> None:
    styles = doc.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    ppr, rpr = _reset(style.element)
    if keep_next:
        ppr.append(el("w:keepNext"))
        ppr.append(el("w:keepLines"))
    ppr.append(el("w:widowControl"))
    if not grid:
        ppr.append(el("w:snapToGrid", val=0))
    ppr.append(el("w:spacing", before=before_twips, after=after_twips, line=line_twips, lineRule="exact"))
    ind = el("w:ind")
    if indent_chars:
        ind.set(qn("w:firstLineChars"), str(round(indent_chars * 100)))
        ind.set(qn("w:firstLine"), str(_twips(indent_chars * size)))
    if right_chars:
        ind.set(qn("w:rightChars"), str(round(right_chars * 100)))
        ind.set(qn("w:right"), str(_twips(right_chars * size)))
    ppr.append(ind)
    ppr.append(el("w:jc", val=align))
    if outline is not None:
        ppr.append(el("w:outlineLvl", val=outline))
    for child in run_props(face.name, size, scale=CHAR_SCALE if grid else 100):
        rpr.append(child)
    linked = style.element.find(qn("w:link"))
    if linked is not None:  # the linked character style (Heading1Char) looks like its paragraph style
        char = doc.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{linked.get(qn('w:val'))}']")
        if char is not None:
            _ppr, char_rpr = _reset(char)
            char.remove(_ppr)
            for child in run_props(face.name, size, scale=CHAR_SCALE if grid else 100):
                char_rpr.append(child)


def _setup_styles(doc: DocxDocument, signature: str, date: str) -> None:
    """Normal, the document defaults and every style the report uses, with w:eastAsia set."""
    body = FACES[FontRole.BODY]
    # The document defaults too: a run without a style must still be 3号 仿宋 in Chinese.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        defaults.clear()
        rpr_default, ppr_default = el("w:rPrDefault"), el("w:pPrDefault")
        rpr = run_props(body.name, SIZE_3)
        rpr.append(el("w:lang", val="en-US", eastAsia="zh-CN"))
        rpr_default.append(rpr)
        ppr = el("w:pPr")
        ppr.append(el("w:spacing", before=0, after=0, line=240, lineRule="auto"))
        ppr_default.append(ppr)
        defaults.extend([rpr_default, ppr_default])
    _ppr, rpr = _reset(doc.styles["Normal"].element)
    for child in run_props(body.name, SIZE_3):
        rpr.append(child)
    rpr.append(el("w:lang", val="en-US", eastAsia="zh-CN"))
    sig_right, date_right = closing_indents(signature, date)
    _paragraph_style(
        doc,
        "Report Title",
        FACES[FontRole.TITLE],
        SIZE_2,
        indent_chars=0,
        align="center",
        line_twips=_twips(LINE_PITCH_PT * SIZE_2 / SIZE_3),
        after_twips=LINE_PITCH_TWIPS,
        grid=False,
    )
    _paragraph_style(doc, "Heading 1", FACES[FontRole.HEADING], SIZE_3, outline=0, keep_next=True)
    _paragraph_style(doc, "Heading 2", FACES[FontRole.SUBHEADING], SIZE_3, outline=1, keep_next=True)
    _paragraph_style(doc, "Body Text", body, SIZE_3)
    _paragraph_style(
        doc,
        "Signature",
        body,
        SIZE_3,
        indent_chars=0,
        align="right",
        right_chars=sig_right,
        before_twips=LINE_PITCH_TWIPS,
    )
    _paragraph_style(doc, "Date", body, SIZE_3, indent_chars=0, align="right", right_chars=date_right)
    _paragraph_style(
        doc,
        TABLE_STYLE,
        body,
        SIZE_3,
        indent_chars=0,
        align="center",
        grid=False,
        line_twips=LINE_PITCH_TWIPS,
    )
    _paragraph_style(
        doc,
        "Header",
        FACES[FontRole.HEADING],
        SIZE_3,
        indent_chars=0,
        align="right",
        grid=False,
        line_twips=_twips(SIZE_3 * LINE_FACTOR),
    )
    _paragraph_style(
        doc,
        "Footer",
        FACES[FontRole.PAGE_NUMBER],
        SIZE_4,
        indent_chars=0,
        align="center",
        grid=False,
        line_twips=_twips(SIZE_4 * LINE_FACTOR),
    )


def _page(section: Section) -> None:
    """A4, the GB/T 9704 margins and the 22-line document grid (28 characters: see layout)."""
    section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(HEADER_MM - SIZE_3 / MM)
    # The footer's bottom edge, so that the number's baseline lands where the PDF puts it.
    section.footer_distance = Mm(PAGE_NUMBER_BASELINE_MM - DESCENT_EM * SIZE_4 / MM)
    sect = section._sectPr
    old = sect.find(qn("w:docGrid"))
    if old is not None:
        sect.remove(old)
    sect.append(el("w:docGrid", type="lines", linePitch=LINE_PITCH_TWIPS))


def _page_field(p: _Element, face: Face) -> None:
    """``— PAGE —`` as runs with a PAGE field in the middle."""
    before, after = page_number_text("\x00").split("\x00")
    add_text(p, before, face, SIZE_4)
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        r = el("w:r")
        r.append(run_props(face.name, SIZE_4))
        if kind == "instr":
            instr = el("w:instrText")
            instr.text = text
            instr.set(XML_SPACE, "preserve")
            r.append(instr)
        elif kind == "text":
            t = el("w:t")
            t.text = text
            r.append(t)
        else:
            r.append(el("w:fldChar", fldCharType=kind))
        p.append(r)
    add_text(p, after, face, SIZE_4)


def _footer_paragraph(paragraph: Paragraph, align: str, inset_side: str | None) -> None:
    p = paragraph._p
    ppr = p.get_or_add_pPr()
    if inset_side:  # w:ind comes before w:jc in the schema
        ppr.append(el("w:ind", **{inset_side: _twips(PAGE_NUMBER_INSET_PT)}))
    ppr.append(el("w:jc", val=align))
    _page_field(p, FACES[FontRole.PAGE_NUMBER])


def _furniture(doc: DocxDocument, section: Section, options: ExportOptions, draft: bool) -> None:
    """Page numbers (odd right, even left, or centred) and the 草稿 stamp of a draft."""
    outside = options.page_numbers != "center"
    doc.settings.odd_and_even_pages_header_footer = outside
    if outside:
        _footer_paragraph(section.footer.paragraphs[0], "right", "right")
        _footer_paragraph(section.even_page_footer.paragraphs[0], "left", "left")
    else:
        _footer_paragraph(section.footer.paragraphs[0], "center", None)
    if not draft:
        return
    color = "".join(f"{c:02X}" for c in DRAFT_RGB)
    headers = [section.header, *([section.even_page_header] if outside else [])]
    for header in headers:
        add_text(header.paragraphs[0]._p, DRAFT_STAMP, FACES[FontRole.HEADING], SIZE_3, color=color)


def _properties(doc: DocxDocument, report: Report, draft: bool) -> None:
    fmt = report.definition
    props = doc.core_properties
    props.title = core_property(report.display_title())
    props.author = core_property(report.body.name)
    props.last_modified_by = f"giedit {__version__}"
    props.subject = core_property(f"{fmt.name}（{report.year}年度）")
    props.keywords = core_property(
        "; ".join([fmt.basis, str(report.year), *([DRAFT_STAMP] if draft else [])])
    )
    props.comments = f"由 giedit {__version__} 生成"
    props.category = DRAFT_STAMP if draft else ""
    props.language = "zh-CN"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1


def build_docx(report: Report, *, draft: bool = False, options: ExportOptions | None = None) -> bytes:
    """The DOCX file's bytes."""
    options = options or ExportOptions()
    items = parts(report)
    signature = next((p.text for p in items if p.kind is Kind.SIGNATURE), "")
    date = next((p.text for p in items if p.kind is Kind.DATE), "")
    doc = Document(io.BytesIO(template()))
    _setup_styles(doc, signature, date)
    section = doc.sections[0]
    _page(section)
    _furniture(doc, section, options, draft)
    _properties(doc, report, draft)
    end = doc.element.body.sectPr  # everything goes before the section properties
    style_ids = {name: doc.styles[name].style_id for name, _role in STYLE.values()}
    after_table = False
    lead = 0.0  # height of the keep-with-next chain just written (a heading, a note)
    for k, part in enumerate(items):
        if part.kind is Kind.TABLE and part.table is not None:
            below = kept_after(items, k)  # the lines printed under the table keep with its last rows
            trail = sum(estimated_lines(x.text, INDENT_CHARS) * LINE_PITCH_PT for x in below)
            trail += LINE_PITCH_PT / 2 if below else 0.0  # the space after a table
            table = table_element(report, part.table, keep_with_next=part.keep_with_next, kept=lead + trail)
            end.addprevious(table)
            after_table, lead = True, 0.0
            continue
        if part.keep_with_next:
            lines = estimated_lines(part.text, INDENT_CHARS if part.kind is not Kind.TITLE else 0)
            lead += lines * LINE_PITCH_PT
        else:
            lead = 0.0
        style, role = STYLE[part.kind]
        p, ppr = el("w:p"), el("w:pPr")
        ppr.append(el("w:pStyle", val=style_ids[style]))
        if part.keep_with_next:
            ppr.append(el("w:keepNext"))
        if after_table:
            ppr.append(el("w:spacing", before=LINE_PITCH_TWIPS // 2))
            after_table = False
        p.append(ppr)
        size = SIZE.get(part.kind, SIZE_3)
        add_text(p, part.text, FACES[role], size, scale=CHAR_SCALE if size == SIZE_3 else 100)
        end.addprevious(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
