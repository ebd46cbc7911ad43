"""The cell values of an .xlsx sheet, read straight from its XML.

openpyxl builds a cell object with its style for every cell and needs seconds for a 10,000-row
register on a slow office PC; a register only needs the values. The small parts (workbook,
relationships, styles) are parsed with lxml (no DTDs, no entities, no network); the shared
strings and the sheet's rows and cells are matched with regular expressions. Text comes from the
shared-strings table, and numbers become dates where the cell's number format is a date format.
A cell merged over several rows gives its value to each of them.
The caller has already bounded the zip (``register_reader``).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import zipfile
from collections.abc import Iterator
from functools import cache

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Built-in number formats that show a date (ECMA-376 §18.8.30, with the East Asian ones).
DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36})
DATE_FORMAT_IDS |= frozenset({45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58})
EPOCH_1900, EPOCH_1904 = dt.datetime(1899, 12, 30), dt.datetime(1904, 1, 1)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}
MAX_SHEET_BYTES = 256 * 1024 * 1024
# sheetData as written by Excel, WPS, LibreOffice and openpyxl (with or without a namespace prefix).
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(/>|>(.*?)</(?:\w+:)?row>)", re.S)
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR_R_ROW = re.compile(rb'\br="(\d+)"')
_ATTRS = re.compile(rb'\b([rst])="([^"]*)"')
_SI = re.compile(rb"<(?:\w+:)?si>(.*?)</(?:\w+:)?si>", re.S)
_RPH = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_V = re.compile(rb"<(?:\w+:)?v>([^<]*)<")
_T = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


class XlsxError(ValueError):
    """The package is not a readable workbook (a part missing, XML damaged, a DTD)."""


def _xml(zf: zipfile.ZipFile, name: str) -> etree._Element:
    data = zf.read(name)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise XlsxError(name)
    try:
        return etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError:
        raise XlsxError(name) from None


def _is_date_code(code: str) -> bool:
    bare = _QUOTED.sub("", code).lower()
    return any(ch in bare for ch in "ymd") and "general" not in bare


class Workbook:
    """An open .xlsx: its sheet names and, on demand, the values of one sheet's rows."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        names = set(zf.namelist())
        try:
            book = _xml(zf, "xl/workbook.xml")
            rels = _xml(zf, "xl/_rels/workbook.xml.rels")
        except KeyError:
            raise XlsxError("workbook") from None
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
        self.sheets: dict[str, str] = {}
        for s in book.iter(f"{MAIN}sheet"):
            target = targets.get(s.get(f"{REL}id"), "")
            path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
            if path in names:
                self.sheets[s.get("name", "")] = path
        pr = book.find(f"{MAIN}workbookPr")
        self.epoch = EPOCH_1904 if pr is not None and pr.get("date1904") in ("1", "true") else EPOCH_1900
        self.strings = self._strings() if "xl/sharedStrings.xml" in names else []
        self.date_styles = self._date_styles() if "xl/styles.xml" in names else frozenset()

    def _strings(self) -> list[str]:
        """The shared-strings table (rich-text runs joined, phonetic guides left out)."""
        data = self.zf.read("xl/sharedStrings.xml")
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
            raise XlsxError("sharedStrings")
        out = []
        for m in _SI.finditer(data):
            body = m[1]
            if b"rPh" in body:
                body = _RPH.sub(b"", body)
            out.append("".join(_text(t) for t in _T.findall(body)))
        return out

    def _date_styles(self) -> frozenset[bytes]:
        styles = _xml(self.zf, "xl/styles.xml")
        custom = {int(f.get("numFmtId", -1)): f.get("formatCode", "") for f in styles.iter(f"{MAIN}numFmt")}
        xfs = styles.find(f"{MAIN}cellXfs")
        found = set()
        for i, xf in enumerate(xfs if xfs is not None else ()):
            fid = int(xf.get("numFmtId", 0))
            if fid in DATE_FORMAT_IDS or (fid in custom and _is_date_code(custom[fid])):
                found.add(str(i).encode())  # compared with the cells' s attribute as written
        return frozenset(found)

    def rows(self, sheet: str, head: int | None = None) -> Iterator[tuple[int, list[object]]]:
        """(row number, values by column) of every row the sheet stores, in order; with ``head``,
        of the rows within the first ``head`` bytes of the sheet part only.

        The sheet part is matched with regular expressions rather than parsed into elements:
        ``sheetData`` is a flat run of ``<row>`` and ``<c>`` elements, and building an element
        per cell costs more than the whole register is worth (issue 19: 10,000 rows in <= 1 s).
        """
        info = self.zf.getinfo(self.sheets[sheet])
        if info.file_size > MAX_SHEET_BYTES:
            raise XlsxError(sheet)
        if head is None:
            data = self.zf.read(info)
        else:
            with self.zf.open(info) as stream:
                data = stream.read(head)
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
            raise XlsxError(sheet)
        merges = _vertical_merges(data) if head is None else {}
        carried: list[tuple[int, int, object]] = []  # (column, last row, value) of open merges
        number = 0
        for m in _ROW.finditer(data):
            r = _ATTR_R_ROW.search(m[1])
            number = int(r[1]) if r else number + 1
            values = self._values(m[3] or b"")
            if merges or carried:
                carried = [c for c in carried if c[1] >= number]
                for col, _, value in carried:
                    while len(values) <= col:
                        values.append(None)
                    values[col] = value
                for col, last in merges.get(number, ()):
                    carried.append((col, last, values[col] if col < len(values) else None))
            yield number, values

    def _values(self, row: bytes) -> list[object]:
        values: list[object] = []
        for attrs, body in _CELL.findall(row):
            a = dict(_ATTRS.findall(attrs))
            ref = a.get(b"r")
            letters = ref.rstrip(b"0123456789") if ref else b""
            col = _letters(letters) if letters else len(values)
            while len(values) < col:
                values.append(None)
            values.append(self._value(a, body))
        return values

    def _value(self, a: dict[bytes, bytes], body: bytes) -> object:
        kind = a.get(b"t", b"n")
        if kind == b"inlineStr":
            return "".join(_text(x) for x in _T.findall(body))
        v = _V.search(body)
        if v is None:
            return None
        text = v[1]
        if kind == b"s":
            try:
                return self.strings[int(text)]
            except (ValueError, IndexError):
                return None
        if kind in (b"str", b"e"):
            return _text(text)
        if kind == b"d":
            try:
                return dt.datetime.fromisoformat(_text(text))
            except ValueError:
                return _text(text)
        try:
            number = float(text)
        except ValueError:
            return _text(text)
        if kind == b"b":
            return bool(number)
        if a.get(b"s") in self.date_styles and 0 <= number < 2958466:
            return self.epoch + dt.timedelta(days=number)
        return int(number) if number.is_integer() else number


def _vertical_merges(data: bytes) -> dict[int, list[tuple[int, int]]]:
    """The merged ranges over several rows, by their first row: (column, last row).

    A register merges the cells of a value shared by consecutive applications (the same applicant,
    one answer date for two requests); Excel stores the value in the range's first cell only, and
    every row of the range holds it. A range across columns only (a title) carries nothing; a range
    over rows and columns carries its value down its first column, where the value is shown.
    """
    out: dict[int, list[tuple[int, int]]] = {}
    tail = data.rfind(b"</sheetData>")
    for m in _MERGE.finditer(data, max(tail, 0)):
        first, last = int(m[2]), int(m[4])
        if last > first:
            out.setdefault(first, []).append((_letters(m[1]), last))
    return out


def _text(raw: bytes) -> str:
    """XML text content with its entities and character references decoded."""
    text = raw.decode("utf-8", "replace")
    return html.unescape(text) if "&" in text else text


@cache
def _letters(letters: bytes) -> int:
    """The 0-based column of a column name such as AB (anything else: column A)."""
    if not (letters.isalpha() and letters.isupper() and len(letters) <= 3):
        return 0
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1
