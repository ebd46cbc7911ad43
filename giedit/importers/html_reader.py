"""A web page (.html/.htm, or the HTML part of a simple .mhtml) into lines.

Portal pages wrap the report in chrome: navigation, breadcrumb (当前位置), share and print
buttons, related links, a footer with 版权所有 and the ICP number. Those elements are dropped by
tag (nav, header-less chrome tags, forms, scripts), by class/id names portals use, and by hidden
styles; lines of chrome text that survive are dropped by their wording. Each block element
(paragraph, heading, list item, ``div`` with text) becomes a line; ``<br>`` breaks a line.

Tables are mapped to their grid like a Word table: ``rowspan``/``colspan`` are followed with an
occupancy grid, each cell is placed at its first grid column, a cell continued from the row above
is not repeated, and an empty cell is a blank value. A table used for page layout (one that holds
another table or long text) is read as blocks instead.

lxml's HTML parser (libxml2) is used rather than a hand-written scanner: it repairs the broken
markup portals publish (unclosed ``<p>``, stray ``</td>``, Word's ``<o:p>``), is fast on a large
page and never fetches anything (``no_network``). html5lib would follow the browser algorithm more
closely but is pure Python and several times slower on a 4 MB page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree, html

from giedit.importers.encoding import MAX_TEXT_BYTES, bom_codec, codec_for_label, decode_text
from giedit.importers.result import ImportFailed
from giedit.importers.source import MAX_LINES, Cell, Line, too_many_lines

MAX_HTML_BYTES = 8 * 1024 * 1024  # portal pages with inline styles run to a few hundred KB
MAX_ELEMENTS = 200_000
MAX_DEPTH = 200
MAX_SPAN = 64  # a statutory table is 15 columns wide; a larger span is hostile or a layout trick
LAYOUT_CELL_CHARS = 400  # a cell this long holds running text: the table is page layout
MIN_IMAGE_PX = 32  # a smaller picture is an icon or a spacer, not a table

_DROP_TAGS = {
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "select",
    "input", "textarea", "iframe", "object", "embed", "svg", "canvas", "head", "title", "map", "audio", "video",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "section", "article", "header",
    "main", "blockquote", "pre", "center", "ul", "ol", "dl", "address", "figure", "figcaption", "hr", "body",
}  # fmt: skip
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|bread|position|location|footer|foot|"
    r"copyright|share|bdshare|sidebar|side|print|toolbar|topbar|bottom|relate[ds]?|links?|search|"
    r"login|skip|gotop|backtop|fontsize|font-size|top-?bar|top-?nav)(?:$|[\s_-]|\d)",
    re.IGNORECASE,
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHROME_TEXT = re.compile(
    r"^(?:版权所有|主办单位|主办[:：]|承办单位|承办[:：]|网站标识码|网站地图|联系我们|技术支持|"
    r".{0,20}ICP备|.{0,20}公网安备|扫一扫|分享到|【?打印(?:本页)?】?$|【?关闭(?:窗口)?】?$|上一篇|下一篇|"
    r"相关(?:链接|阅读|文章)|字号[:：]|【\s*字体|返回顶部|无障碍|适老化|设为首页|加入收藏)"
)
_META_CHARSET = re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """The page's text and the encoding used: BOM, then ``<meta charset>``, then detection."""
    if len(data) > MAX_HTML_BYTES:
        raise ImportFailed(
            f"{name}过大（超过 {MAX_HTML_BYTES // 1024 // 1024} MB），不像是年度报告网页，已拒绝导入。"
        )
    found = bom_codec(data)
    if found is not None:
        return data.decode(found[0], errors="replace"), found[1]
    m = _META_CHARSET.search(data[:4096])
    if m is not None:
        label = m.group(1).decode("ascii", "replace")
        codec = codec_for_label(label)
        if codec is not None:
            try:
                return data.decode(codec), f"{_shown(codec)}（网页声明 {label}）"
            except UnicodeDecodeError:
                pass  # the page lies about its charset: detect instead
    return decode_text(data, name) if len(data) <= MAX_TEXT_BYTES else _big(data, name)


def _big(data: bytes, name: str) -> tuple[str, str]:
    """A large page without a usable declaration: UTF-8, else GB18030 (the detector's limit)."""
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec), _shown(codec)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(f"{name}的编码无法识别，无法读取。")


def _shown(codec: str) -> str:
    return {"gb18030": "GB18030（GBK）", "utf-8": "UTF-8", "big5hkscs": "Big5"}.get(codec, codec.upper())


def html_lines(text: str, name: str) -> list[Line]:
    """Every block and table row of the page body, in reading order, without portal chrome."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return []
    parser = html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, remove_blank_text=False, huge_tree=False
    )
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return []
    walker = _Walker(name)
    body = root.find("body")
    walker.block(body if body is not None else root, 0)
    walker.flush()
    return walker.lines


class _Walker:
    """Walks the element tree, collecting text into lines and tables into rows."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.tables = 0
        self.elements = 0

    def _count(self, depth: int) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS or depth > MAX_DEPTH:
            raise ImportFailed(
                f"{self.name}的网页结构过于复杂（元素过多或嵌套过深），不像是年度报告，已拒绝导入。"
            )

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        for part in text.split("\n"):
            part = part.strip(" \t\r\f\v")
            if part.strip() and not _CHROME_TEXT.match(part.strip()):
                self._add(Line(part, f"第{len(self.lines) + 1}段"))

    def _add(self, line: Line) -> None:
        self.lines.append(line)
        if len(self.lines) > MAX_LINES:
            raise too_many_lines(self.name)

    def block(self, el: etree._Element, depth: int) -> None:
        """Walk an element's content (its own text and tail are the caller's business)."""
        if el.text:
            self.buffer.append(_spaces(el.text))
        for child in el:
            self.child(child, depth + 1)

    def child(self, el: etree._Element, depth: int) -> None:
        self._count(depth)
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().rpartition(":")[2]  # Word's <o:p>
        if tag and not _dropped(el, tag):
            if tag == "br":
                self.buffer.append("\n")
            elif tag == "img":
                self.image(el)
            elif tag == "table" and not _is_layout(el):
                self.flush()
                self.table(el, depth)
            elif tag in _BLOCK_TAGS or tag in (
                "table",
                "tr",
                "td",
                "th",
                "tbody",
                "thead",
                "tfoot",
                "caption",
            ):
                self.flush()
                self.block(el, depth)
                self.flush()
            else:  # inline: span, font, strong, a, o:p …
                self.block(el, depth)
        if el.tail:
            self.buffer.append(_spaces(el.tail))

    def image(self, img: etree._Element) -> None:
        """A picture where the text runs: where a table should be, the table may be a picture."""
        if any(_span_px(img.get(attr)) < MIN_IMAGE_PX for attr in ("width", "height")):
            return  # an icon or a spacer
        self.flush()
        self._add(Line("", f"第{len(self.lines) + 1}段（图片）", image=True))

    def table(self, tbl: etree._Element, depth: int) -> None:
        self.tables += 1
        rows = list(_rows(tbl))
        taken: dict[tuple[int, int], bool] = {}  # grid positions covered by a rowspan from above
        placed: list[list[Cell]] = []
        width = 0
        for r, tr in enumerate(rows):
            col = 0
            cells: list[Cell] = []
            for td in tr:
                self._count(depth + 2)
                tag = td.tag.lower() if isinstance(td.tag, str) else ""
                if tag not in ("td", "th") or _dropped(td, tag):
                    continue
                while taken.get((r, col)):
                    col += 1
                colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken[(r + dr, col + dc)] = True
                cells.append(Cell(cell_text(td), col))
                col += colspan
            width = max(width, col, *(c + 1 for (rr, c) in taken if rr == r))
            placed.append(cells)
        for r, cells in enumerate(placed, 1):
            if not cells:
                continue
            text = "\t".join(c.text for c in cells)
            self._add(Line(text, f"第{self.tables}个表格第{r}行", tuple(cells), exact=True, grid=width))


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """The table's own rows, through thead/tbody/tfoot (not those of a table nested in a cell)."""
    for child in tbl:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")


def _span(td: etree._Element, attr: str) -> int:
    m = re.match(r"\s*(\d{1,6})", td.get(attr) or "")
    return min(MAX_SPAN, max(1, int(m.group(1)))) if m else 1


def _span_px(value: str | None) -> int:
    """A declared image size in pixels; an undeclared or relative one counts as large."""
    m = re.fullmatch(r"\s*(\d{1,6})\s*(?:px)?\s*", value or "")
    return int(m.group(1)) if m else MIN_IMAGE_PX


def _dropped(el: etree._Element, tag: str) -> bool:
    if tag in _DROP_TAGS or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if _HIDDEN.search(el.get("style") or ""):
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    return bool(names) and bool(_CHROME_NAMES.search(names)) and tag not in ("td", "th", "tr", "table")


def _is_layout(tbl: etree._Element) -> bool:
    """A table that lays out the page rather than holding figures."""
    for td in tbl.iter("td", "th"):
        if td.find(".//table") is not None:
            return True
        if len("".join(td.itertext())) > LAYOUT_CELL_CHARS:
            return True
    return False


def cell_text(td: etree._Element) -> str:
    """A cell's text with its line breaks (header cells are broken over lines)."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            out.append(_spaces(el.text))
        for child in el:
            tag = child.tag.lower().rpartition(":")[2] if isinstance(child.tag, str) else ""
            if tag and not _dropped(child, tag):
                if tag in ("br", "p", "div", "li"):
                    out.append("\n")
                walk(child)
            if child.tail:
                out.append(_spaces(child.tail))

    walk(td)
    # &nbsp; around a cell's text is the page editor's padding (it keeps empty paragraphs
    # open with one), not something the reader sees: it is dropped here, not noted as G-W1
    return "\n".join(p.strip() for p in "".join(out).split("\n") if p.strip())


def _spaces(text: str) -> str:
    """Source line breaks and runs of ASCII whitespace are one space in HTML; NBSP stays."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", text)


def mhtml_part(data: bytes, name: str) -> bytes:
    """The first HTML part of a web archive (.mhtml/.mht, as browsers save a page), as bytes
    with its charset declared in a ``<meta>`` so that ``decode_html`` reads it right."""
    from email import message_from_bytes, policy

    try:
        message = message_from_bytes(data, policy=policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes) and payload:
                    charset = part.get_content_charset()
                    head = f'<meta charset="{charset}">'.encode("ascii", "ignore") if charset else b""
                    return head + payload
    except (ValueError, LookupError, IndexError, TypeError):
        pass
    raise ImportFailed(f"{name}是网页存档（.mht/.mhtml），但其中没有可读取的网页内容。")
