"""整改通知: for every unit with errors, a short letter listing its problems, as DOCX and as text.

The letter groups the problems by the part of the report they sit in (section titles from the
format definition) and names the cells in the words the editor uses, errors first ("须改正"),
then warnings ("请核实"). Rule ids stay in the county's workbook: the unit's clerk reads plain
Chinese. The DOCX is set in the same faces as the exported reports (3号仿宋 body, 小标宋 title,
黑体 and 楷体 headings, with the GBK fallback families for names such as 大塅镇); the .txt beside
it holds the same text for pasting into a message.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import defaultdict
from functools import cache
from pathlib import Path

from giedit.export.targets import safe_name
from giedit.model.formats import get_format
from giedit.model.text import date_text
from giedit.review.office import office_line
from giedit.review.places import cells_named, order_key, section_name, section_of
from giedit.review.result import ReviewResult, Unit, write_failed
from giedit.review.unit import ERRORS, UNREADABLE, Found

SUFFIX = "-整改通知"
CHINESE_NUMBERS = "一二三四五六七八九十"
MAX_NAME = 40
MAX_CELLS_NOTED = 3
LINE_PT = 28.0  # fixed line spacing of the letter, as the exported reports use about
DOCUMENT_PART = "word/document.xml"
PLACEHOLDER = "giedit-notice-body"


def needs_notice(unit: Unit) -> bool:
    """A unit with errors or an unreadable file gets a letter; a file replaced by the unit's newer
    one does not (the newer file speaks for the unit)."""
    return unit.superseded_by is None and unit.status in (ERRORS, UNREADABLE)


def notice_lines(
    unit: Unit, year: int | None, today: dt.date | None = None, office: str | None = None
) -> list[tuple[str, str]]:
    """The letter as (kind, text) lines: kind is title, salutation, body, heading, subheading,
    item, office or date. The plain text and the DOCX are both made from these. The unit's file
    is named by its name only: the county's folders are none of the unit's business."""
    today = today or dt.date.today()
    who = unit.body or "有关单位"
    which = f"{unit.year or year or ''}年度报告"
    name = Path(unit.file).name
    lines: list[tuple[str, str]] = [
        ("title", f"关于{which}的整改通知"),
        ("salutation", f"{who}："),
    ]
    if unit.status == UNREADABLE:
        reason = unit.findings[0].message if unit.findings else ""
        lines.append(
            ("body", f"你单位报送的文件「{name}」无法读取：{reason}请重新报送可以打开的年度报告文件。")
        )
    else:
        lines.append(
            (
                "body",
                f"经审核，你单位报送的{which}（文件「{name}」）有 {unit.errors} 处错误须改正"
                + (f"、{unit.warnings} 处提醒请核实" if unit.warnings else "")
                + "，具体如下。请改正后重新报送。",
            )
        )
        groups = [("须改正的错误", [f for f in unit.findings if f.severity == "error"])]
        groups.append(("请核实的提醒", [f for f in unit.findings if f.severity != "error"]))
        n = 0
        for heading, found in groups:
            if not found:
                continue
            lines.append(("heading", f"{CHINESE_NUMBERS[n]}、{heading}"))
            n += 1
            lines.extend(_by_section(found, unit.format))
    lines.append(("office", office_line(office)))
    lines.append(("date", date_text(today)))
    return lines


def _by_section(found: list[Found], format_id: str | None) -> list[tuple[str, str]]:
    sections: dict[str | None, list[Found]] = defaultdict(list)
    for f in found:
        sections[section_of(f, format_id)].append(f)
    out: list[tuple[str, str]] = []
    for k, sid in enumerate(sorted(sections, key=order_key)):
        out.append(("subheading", f"（{CHINESE_NUMBERS[k % 10]}）{section_name(sid, format_id)}"))
        for i, f in enumerate(sections[sid], 1):
            out.append(("item", f"{i}.{f.message}{_cells_note(f, format_id)}"))
    return out


def _cells_note(f: Found, format_id: str | None) -> str:
    """（单元格：…） when the message does not name its few cells itself; a sum over many cells
    is named by its message well enough."""
    if not f.cells or len(f.cells) > MAX_CELLS_NOTED or format_id is None:
        return ""
    first = get_format(format_id).cells.get(f.cells[0])
    if first is None or first.describe() in f.message:
        return ""
    return f"（单元格：{cells_named(f, format_id)}）"


def notice_text(unit: Unit, year: int | None, today: dt.date | None = None, office: str | None = None) -> str:
    """The letter as plain text, for pasting into a message."""
    out: list[str] = []
    for kind, text in notice_lines(unit, year, today, office):
        if kind == "title":
            out += [text, ""]
        elif kind == "office":
            out += ["", text]
        elif kind in ("body", "item"):
            out.append("　　" + text)
        else:
            out.append(text)
    return "\n".join(out) + "\n"


def notice_docx(
    unit: Unit, year: int | None, today: dt.date | None = None, office: str | None = None
) -> bytes:
    """The letter as a DOCX in the exported reports' faces.

    python-docx takes about 40 ms to open its template and save a package, which for a
    province's thousands of letters adds up to minutes; so the package is made once (A4, the
    GB/T 9704 margins) and each letter only writes its own document body into a copy of it.
    """
    from lxml import etree

    from giedit.export.docx_xml import add_text, el
    from giedit.export.fonts import FACES, FontRole
    from giedit.export.layout import SIZE_2, SIZE_3, TWIPS_PER_PT

    package, head, tail = _package()
    faces = {
        "title": FACES[FontRole.TITLE],
        "heading": FACES[FontRole.HEADING],
        "subheading": FACES[FontRole.SUBHEADING],
    }
    body: list[bytes] = []
    for kind, text in notice_lines(unit, year, today, office):
        p = el("w:p")
        ppr = el("w:pPr")
        after = SIZE_3 if kind == "title" else 0
        before = LINE_PT if kind == "office" else 0
        ppr.append(
            el(
                "w:spacing",
                before=round(before * TWIPS_PER_PT),
                after=round(after * TWIPS_PER_PT),
                line=round(LINE_PT * TWIPS_PER_PT),
                lineRule="exact",
            )
        )
        if kind in ("body", "item", "heading", "subheading"):
            ppr.append(el("w:ind", firstLine=round(2 * SIZE_3 * TWIPS_PER_PT)))
        if kind in ("title", "office", "date"):
            ppr.append(el("w:jc", val="center" if kind == "title" else "right"))
        p.append(ppr)
        add_text(p, text, faces.get(kind, FACES[FontRole.BODY]), SIZE_2 if kind == "title" else SIZE_3)
        body.append(etree.tostring(p))
    buffer = io.BytesIO(package)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as z:  # appends; the rest stays compressed
        z.writestr(DOCUMENT_PART, head + b"".join(body) + tail)
    return buffer.getvalue()


@cache
def _package() -> tuple[bytes, bytes, bytes]:
    """giedit's own DOCX template (the exported reports': zh-CN, compatibility mode 15, a font
    table Word can fall back from) set up for a letter once: (the package without its document
    part, already compressed; document.xml up to the body's content; document.xml from the
    section properties on)."""
    from docx import Document
    from docx.shared import Mm

    from giedit.export.docx_template import template
    from giedit.export.layout import BOTTOM_MM, LEFT_MM, PAGE_H_MM, PAGE_W_MM, RIGHT_MM, TOP_MM

    doc = Document(io.BytesIO(template()))
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    doc.add_paragraph(PLACEHOLDER)
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts.pop(DOCUMENT_PART)
    marker = xml.index(PLACEHOLDER.encode())
    start = xml.rindex(b"<w:p>", 0, marker) if b"<w:p>" in xml[:marker] else xml.rindex(b"<w:p ", 0, marker)
    end = xml.index(b"</w:p>", marker) + len(b"</w:p>")
    static = io.BytesIO()
    with zipfile.ZipFile(static, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return static.getvalue(), xml[:start], xml[end:]


def notice_stem(number: int, unit: Unit) -> str:
    """File name stem: the checklist's 序号 (unique, and the same row) and the unit's name."""
    name = safe_name(unit.body or Path(unit.file).stem).strip(" .")[:MAX_NAME]
    return f"{number:03d}-{name}{SUFFIX}"


def write_notices(
    result: ReviewResult, folder: str | Path, today: dt.date | None = None, office: str | None = None
) -> list[Path]:
    """Write a DOCX and a .txt for every unit with errors or an unreadable file into ``folder``;
    letters of an earlier run that are no longer due are removed. Returns the DOCX paths."""
    target = Path(folder)
    if not target.exists() and not any(needs_notice(u) for u in result.units):
        return []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for old in target.glob(f"*{SUFFIX}.*"):
            if old.suffix in (".docx", ".txt") and old.is_file():
                old.unlink()
        written: list[Path] = []
        for number, unit in enumerate(result.units, 1):
            if not needs_notice(unit):
                continue
            stem = notice_stem(number, unit)
            docx = target / f"{stem}.docx"
            # Plain writes: letters are made again by every run, and a province's thousands of
            # fsyncs (what an atomic save costs) took longer than making the letters.
            docx.write_bytes(notice_docx(unit, result.year, today, office))
            text = notice_text(unit, result.year, today, office)
            (target / f"{stem}.txt").write_text(text, encoding="utf-8")
            written.append(docx)
    except OSError as err:
        held = "有通知可能正在 Word 或 WPS 中打开，或没有写入权限。"
        raise write_failed(err, f"无法在「{target.name}」中写入整改通知", held) from None
    return written
