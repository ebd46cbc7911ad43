"""The report as a web page for the government portal (most reports are published as HTML).

Built from the same content model as the DOCX and PDF (``content.parts``, ``grid.printed_table``),
so a paragraph or a table reads the same in all three. The markup is what a portal's rich-text
editor keeps when the page is pasted in (复制为网页) or uploaded: semantic h1/h2/h3/p/table, the
official merges as rowspan/colspan straight from the format definition, inline ``style``
attributes only (sanitizers drop ``<style>`` blocks and classes), the old ``border``/``cellpadding``
attributes as well so the table keeps its rules where styles are stripped, no script, no external
resource: one self-contained UTF-8 file with a meta charset.
"""

from __future__ import annotations

import re
from html import escape

from giedit import __version__
from giedit.export.content import Kind, Part, parts
from giedit.export.grid import PrintedTable, printed_table
from giedit.export.layout import DATE_RIGHT_CHARS, DRAFT_STAMP, INDENT_CHARS, TABLE_SIZE
from giedit.model.report import Report
from giedit.model.schema import Role

# Font lists: the official face, its Windows sibling, the macOS/Linux equivalents, a generic family.
FANG = "仿宋_GB2312,仿宋,FangSong,STFangsong,serif"
HEI = "黑体,SimHei,STHeiti,sans-serif"
KAI = "楷体_GB2312,楷体,KaiTi,STKaiti,serif"
SONG = "方正小标宋简体,宋体,SimSun,STSong,serif"

BODY = f"font-family:{FANG};font-size:16pt;line-height:1.8;margin:0;text-indent:{INDENT_CHARS}em;text-align:justify"
STYLE = {
    Kind.TITLE: f"font-family:{SONG};font-size:22pt;font-weight:bold;text-align:center;line-height:1.5;margin:0 0 0.8em 0",
    Kind.HEADING: f"font-family:{HEI};font-size:16pt;font-weight:normal;line-height:1.8;margin:0;text-indent:{INDENT_CHARS}em",
    Kind.SUBHEADING: f"font-family:{KAI};font-size:16pt;font-weight:normal;line-height:1.8;margin:0;text-indent:{INDENT_CHARS}em",
    Kind.BODY: BODY,
    Kind.SIGNATURE: f"font-family:{FANG};font-size:16pt;line-height:1.8;margin:1.8em 0 0 0;text-align:right",
    Kind.DATE: f"font-family:{FANG};font-size:16pt;line-height:1.8;margin:0;text-align:right;padding-right:{DATE_RIGHT_CHARS}em",
}
TAG = {Kind.TITLE: "h1", Kind.HEADING: "h2", Kind.SUBHEADING: "h3"}
PAGE = "max-width:52em;margin:0 auto;padding:1em;font-size:12pt;color:#000;background:#fff"
CELL = "border:1px solid #000;padding:2px 4px;font-weight:normal;vertical-align:middle"
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(text: str) -> str:
    """Escaped text without control characters; a layout line break becomes <br>."""
    return "<br>".join(escape(_NOT_TEXT.sub("", line), quote=False) for line in text.split("\n"))


def _table(spec: PrintedTable) -> str:
    """The statutory table with the definition's merges; header rows in <thead>."""
    layout = spec.layout
    total = sum(spec.widths)
    cols = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in spec.widths)
    rows: dict[int, list[str]] = {r: [] for r in range(layout.n_rows)}
    for cell in sorted(spec.cells, key=lambda c: (c.grid.row, c.grid.col)):
        g = cell.grid
        tag = "th" if g.role in (Role.TITLE, Role.HEADER) else "td"
        spans = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + (
            f' colspan="{g.colspan}"' if g.colspan > 1 else ""
        )
        align = "left" if cell.left else "center"
        rows[g.row].append(f'<{tag}{spans} style="{CELL};text-align:{align}">{_text(cell.text)}</{tag}>')
    head = "".join(f"<tr>{''.join(rows[r])}</tr>" for r in range(layout.repeat_rows))
    body = "".join(f"<tr>{''.join(rows[r])}</tr>" for r in range(layout.repeat_rows, layout.n_rows))
    style = (
        f"border-collapse:collapse;width:100%;margin:0.5em 0;font-family:{FANG};"
        f"font-size:{TABLE_SIZE[layout.table.id]}pt;line-height:1.4"
    )
    return (
        f'<table border="1" cellspacing="0" cellpadding="3" style="{style}">'
        f"<colgroup>{cols}</colgroup><thead>{head}</thead><tbody>{body}</tbody></table>"
    )


def _part(report: Report, part: Part) -> str:
    if part.kind is Kind.TABLE and part.table is not None:
        return _table(printed_table(report, part.table))
    tag = TAG.get(part.kind, "p")
    text = part.text.replace("\n", "") if part.kind is Kind.TITLE else part.text  # one line on a screen
    anchor = f' id="{part.section}"' if part.section else ""
    return f'<{tag}{anchor} style="{STYLE[part.kind]}">{_text(text)}</{tag}>'


def html_fragment(report: Report, *, draft: bool = False) -> str:
    """The report as one <div>: what goes on the clipboard for a CMS editor."""
    body = "".join(_part(report, p) for p in parts(report))
    stamp = (
        f'<p style="color:#c00;font-family:{HEI};font-size:16pt;text-align:right;margin:0">{DRAFT_STAMP}</p>'
        if draft
        else ""
    )
    return f'<div style="{PAGE}">{stamp}{body}</div>'


def html_document(report: Report, *, draft: bool = False) -> str:
    """A complete, self-contained HTML page."""
    title = escape(report.display_title())
    author = escape(report.body.name, quote=True)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<meta name="author" content="{author}">\n'
        f'<meta name="generator" content="giedit {__version__}">\n'
        f"</head>\n<body>\n{html_fragment(report, draft=draft)}\n</body>\n</html>\n"
    )


def plain_text(report: Report, *, draft: bool = False) -> str:
    """The report as plain text (the clipboard's text/plain): paragraphs, tables tab-separated.

    A draft's first line is the stamp the HTML, DOCX and PDF carry (``DRAFT_STAMP``): many portal
    editors paste the plain text, and it must not lose the mark the HTML has. Figures without a
    value read □ as in every other output (``content.parts`` prints them)."""
    out: list[str] = [DRAFT_STAMP] if draft else []
    for part in parts(report):
        if part.kind is Kind.TABLE and part.table is not None:
            spec = printed_table(report, part.table)
            for r in range(spec.layout.n_rows):
                cells = sorted((c for c in spec.cells if c.grid.row == r), key=lambda c: c.grid.col)
                out.append("\t".join(c.text for c in cells))
        else:
            out.append(part.text.replace("\n", "") if part.kind is Kind.TITLE else part.text)
    return "\n".join(out) + "\n"


def build_html(report: Report, *, draft: bool = False) -> bytes:
    """The HTML file's bytes (UTF-8)."""
    return html_document(report, draft=draft).encode("utf-8")
