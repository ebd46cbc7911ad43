"""Reading an application register (依申请公开登记台账) from the clerk's spreadsheet.

.xlsx is read by ``xlsx_values`` (the cells' values and the cached values of formulas), .csv with the csv module
(UTF-8 or GB18030, comma, tab or semicolon). An old .xls or WPS .et is converted through
LibreOffice when it is installed; otherwise the clerk is asked to save it as .xlsx. A file that
cannot be read (damaged, password-protected, not a spreadsheet, far too large) raises
``RegisterUnreadable`` with one line of Chinese and nothing else happens.

The header row is found by the usual column names (``giedit.model.register.HEADER_NAMES``) in
the first rows of the sheet, a two-row header included; the clerk may name the columns instead
(``columns``: field → header text, as the editor's dialog remembers them). Headers giedit does not
know (日期, 类别, 结果) leave the first row that looks like a header as the sheet's header, with the
fields it names missing, for the clerk to map. Values become
``Entry`` rows; dates are read from date cells, Excel serial numbers and the usual written forms,
and a date that cannot be read is kept as its text for the counting to name.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from giedit.importers.xlsx_values import Workbook, XlsxError
from giedit.model.errors import ClerkError
from giedit.model.oserrors import reason
from giedit.model.register import HEADER_NAMES, REQUIRED, Entry, Field, norm, summary_kind
from giedit.model.text import decode_local

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024  # all parts of an .xlsx, uncompressed
MAX_ENTRIES = 10_000  # parts of an .xlsx
MAX_ROWS = 50_000  # filled rows; one office's register for one year has a few thousand at most
HEADER_SCAN = 30  # rows searched for the header
HEADER_BYTES = 256 * 1024  # of a sheet's XML read to find its header when choosing the sheet
CONVERT_SECONDS = 120
EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIALS = (32874, 73051)  # Excel day numbers of 1990-01-01 and 2100-01-01
YEARS = (1990, 2100)
# 2025-3-4, 2025/3/4, 2025.3.4, 2025年3月4日 (or 号), and 2025。3。4 typed with a Chinese IME.
_DATE = re.compile(r"(\d{4})\s*[年./\-。]\s*(\d{1,2})\s*[月./\-。]\s*(\d{1,2})\s*[日号]?(?:[\sT].*)?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
SOFFICE_WINDOWS = (r"C:\Program Files\LibreOffice\program\soffice.exe",)

Row = tuple[int, list[object]]  # (row number as the clerk sees it, cell values)


class RegisterUnreadable(ClerkError):
    """The file cannot be read as a register; ``str(err)`` is one line of Chinese."""


@dataclass
class Sheet:
    """A register sheet as read: its filled rows, the header found and the columns it names."""

    path: Path
    sha256: str
    name: str
    sheets: list[str]
    rows: list[Row]
    header: int | None = None  # index into ``rows`` of the header row
    headers: list[str] = field(default_factory=list)  # header text by column index
    columns: dict[Field, int] = field(default_factory=dict)
    is_text: bool = False  # a .csv: one table, named after the file, no sheets to speak of

    @property
    def sheet_name(self) -> str | None:
        """The sheet as kept in a report's link (``None`` for a .csv)."""
        return None if self.is_text else self.name

    def title(self) -> str:
        """How messages name the register: 「台账.xlsx」的工作表「2025年」, or 「台账.csv」."""
        return f"「{self.path.name}」" + ("" if self.is_text else f"的工作表「{self.name}」")

    @property
    def missing(self) -> list[Field]:
        """Required columns not found (the clerk names them, or the file is refused)."""
        return [f for f in REQUIRED if f not in self.columns]

    @property
    def header_row(self) -> int | None:
        return self.rows[self.header][0] if self.header is not None else None

    @property
    def data(self) -> list[Row]:
        return self.rows[self.header + 1 :] if self.header is not None else []

    def layout_key(self) -> str:
        """What identifies a register layout (its header texts), to remember the clerk's mapping."""
        return hashlib.sha1("|".join(norm(h) for h in self.headers).encode("utf-8")).hexdigest()[:16]

    def column_texts(self) -> dict[str, str]:
        """The columns as stored in a report: field → header text."""
        return {str(f): self.headers[i] for f, i in self.columns.items() if i < len(self.headers)}

    def use_columns(self, columns: dict[Field, int]) -> None:
        """The clerk's choice of columns (indexes into the header row)."""
        self.columns = {f: i for f, i in columns.items() if i is not None and i >= 0}

    def entries(self) -> list[Entry]:
        """The data rows as entries (rows with nothing in any mapped column are skipped; a row
        without a date whose first cells read 合计 or 说明 is marked, for the count to name)."""
        cols = self.columns
        out: list[Entry] = []

        def get(values: list[object], f: Field) -> object:
            i = cols.get(f)
            return values[i] if i is not None and i < len(values) else None

        for number, values in self.data:
            if all(_blank(get(values, f)) for f in cols):
                continue
            received = read_date(get(values, Field.RECEIVED))
            out.append(
                Entry(
                    row=number,
                    received=received,
                    applicant=_text(get(values, Field.APPLICANT)),
                    answered=read_date(get(values, Field.ANSWERED)),
                    result=_text(get(values, Field.RESULT)),
                    name=_text(get(values, Field.NAME)),
                    content=_text(get(values, Field.CONTENT)),
                    summary="" if isinstance(received, dt.date) else summary_kind(values),
                )
            )
        return out


# -- values ----------------------------------------------------------------------------------


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


def _checked(year: int, month: int, day: int, raw: str) -> dt.date | str:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return raw
    return date if YEARS[0] <= date.year <= YEARS[1] else raw


def read_date(value: object) -> dt.date | str | None:
    """A register date: a date, the text that could not be read as one, or ``None`` (blank)."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.year, value.month, value.day, str(value))
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day, str(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        if SERIALS[0] <= value < SERIALS[1]:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        value = _text(value)
    raw = str(value).strip()
    s = unicodedata.normalize("NFKC", raw)
    if m := _DATE.fullmatch(s):
        return _checked(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _COMPACT_DATE.fullmatch(s):
        return _checked(int(m[1]), int(m[2]), int(m[3]), raw)
    if s.isdigit() and SERIALS[0] <= int(s) < SERIALS[1]:  # a serial exported as text (CSV)
        return EXCEL_EPOCH + dt.timedelta(days=int(s))
    return raw


# -- the header ------------------------------------------------------------------------------


def match_headers(texts: list[str]) -> dict[Field, int]:
    """Fields named by a row of header texts: an exact name first, else the longest name contained."""
    names = sorted(
        ((norm(n), f) for f, ns in HEADER_NAMES.items() for n in ns), key=lambda p: len(p[0]), reverse=True
    )
    exact = {n: f for n, f in names}
    found: dict[Field, int] = {}
    for i, text in enumerate(texts):
        t = norm(text)
        if not t:
            continue
        f = exact.get(t) or next((f for n, f in names if n in t), None)
        if f is not None and f not in found:
            found[f] = i
    return found


def _find_header(rows: list[Row]) -> tuple[int | None, list[str], dict[Field, int]]:
    """The header row among the first rows (a two-row header is read as one), best match first."""
    best: tuple[int, int | None, list[str], dict[Field, int]] = (0, None, [], {})
    previous: list[str] = []
    for k, (_, values) in enumerate(rows[:HEADER_SCAN]):
        texts = [_text(v) for v in values]
        merged = [t or (previous[i] if i < len(previous) else "") for i, t in enumerate(texts)]
        for candidate in (texts, merged):
            cols = match_headers(candidate)
            score = sum(f in cols for f in REQUIRED) * 10 + len(cols)
            if score > best[0]:
                best = (score, k, candidate, cols)
        previous = texts
    _, k, texts, cols = best
    if k is None or sum(f in cols for f in REQUIRED) < 2:
        return None, [], {}
    return k, texts, cols


def _likely_header(rows: list[Row]) -> tuple[int | None, list[str], dict[Field, int]]:
    """The row that looks like a header when no names giedit knows are found (日期, 类别, 结果):
    the first of the first rows whose filled cells, two or more, are all words (no date, no number),
    so the clerk can say which column is which (a title above it has one cell, a data row a date)."""
    for k, (_, values) in enumerate(rows[:HEADER_SCAN]):
        filled = [v for v in values if not _blank(v)]
        if len(filled) >= 2 and all(_is_word(v) for v in filled):
            texts = [_text(v) for v in values]
            return k, texts, match_headers(texts)
    return None, [], {}


def _is_word(value: object) -> bool:
    if not isinstance(value, str):
        return False
    bare = unicodedata.normalize("NFKC", value).strip()
    return not bare.replace(".", "", 1).isdigit() and not isinstance(read_date(bare), dt.date)


def _header_by_texts(
    rows: list[Row], wanted: dict[str, str]
) -> tuple[int, list[str], dict[Field, int]] | None:
    """The header row holding the texts the clerk mapped before (field → header text)."""
    want = {Field(f): norm(t) for f, t in wanted.items() if f in Field.__members__.values()}
    for k, (_, values) in enumerate(rows[:HEADER_SCAN]):
        texts = [_text(v) for v in values]
        normed = [norm(t) for t in texts]
        if want and all(t in normed for t in want.values()):
            return k, texts, {f: normed.index(t) for f, t in want.items()}
    return None


# -- files -----------------------------------------------------------------------------------


def read_register(
    path: str | Path,
    sheet: str | None = None,
    columns: dict[str, str] | None = None,
    year: int | None = None,
) -> Sheet:
    """Read a register file; ``RegisterUnreadable`` when it cannot be read at all.

    ``sheet`` names the sheet; by default it is the sheet of the report ``year`` (a workbook often
    keeps one sheet per year, and last year's is usually first), else the first with a
    recognisable header. ``columns`` gives the header texts of the fields as the clerk mapped them
    before.
    """
    p = Path(path)
    name = f"「{p.name}」"
    try:
        if p.is_dir():
            raise RegisterUnreadable(f"{name}是文件夹，不是台账文件。")
        if p.stat().st_size > MAX_FILE_BYTES:
            raise RegisterUnreadable(
                f"{name}超过 {MAX_FILE_BYTES // 1024 // 1024} MB，不像是一年的登记台账，未读取。"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise RegisterUnreadable(f"找不到台账文件{name}。") from None
    except PermissionError:
        raise RegisterUnreadable(f"没有权限读取台账文件{name}。") from None
    except OSError as err:
        raise RegisterUnreadable(f"无法读取台账文件{name}（{reason(err)}）。") from None
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise RegisterUnreadable(f"{name}是空文件，没有可计算的申请。")
    kind = _sniff(data)
    if kind == "text" and p.suffix.lower() in (".xlsx", ".xlsm"):
        raise RegisterUnreadable(
            f"{name}不是 Excel 表格文件（内容是文本，扩展名可能被改过），无法读取。"
            "请在 Excel 或 WPS 中打开原来的台账，“另存为”.xlsx 后再计算。"
        )
    if kind == "encrypted":
        raise RegisterUnreadable(
            f"{name}设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx，再计算。"
        )
    if kind == "binary":
        raise RegisterUnreadable(f"{name}不是表格文件（.xlsx 或 .csv），无法读取。")
    if kind == "legacy":
        data = _convert(data, name)
        kind = "xlsx"
    if kind == "xlsx":
        sheets, chosen, rows = _xlsx_rows(data, name, sheet, columns, year)
    else:
        sheets, chosen, rows = [p.stem], p.stem, _csv_rows(data, name)
    if not rows:
        raise RegisterUnreadable(f"{name}的工作表「{chosen}」是空的，没有可计算的申请。")
    found = _header_by_texts(rows, columns) if columns else None
    header, headers, cols = found or _find_header(rows)
    if header is None:
        header, headers, cols = _likely_header(rows)
    return Sheet(p, digest, chosen, sheets, rows, header, headers, cols, kind != "xlsx")


def _sniff(data: bytes) -> str:
    """ "xlsx", "legacy" (.xls/.et), "encrypted" (a password-protected Office file), "binary" or "text"."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An encrypted .xlsx is an OLE file holding an EncryptionInfo stream (names are UTF-16).
        return "encrypted" if "EncryptionInfo".encode("utf-16-le") in data else "legacy"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def _soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in SOFFICE_WINDOWS if os.path.exists(p)), None)


def _convert(data: bytes, name: str) -> bytes:
    """An .xls/.et converted to .xlsx by LibreOffice (its own profile, bounded time)."""
    soffice = _soffice()
    ask = "请在 Excel 或 WPS 中打开它，“另存为”.xlsx 格式后再计算。"
    if soffice is None:
        raise RegisterUnreadable(f"{name}是旧版 Excel/WPS 表格（.xls/.et）。{ask}")
    with tempfile.TemporaryDirectory(prefix="giedit-register-") as tmp:
        src, out = Path(tmp) / "register.xls", Path(tmp) / "out"
        src.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(src),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired):
            raise RegisterUnreadable(f"{name}是旧版表格，用 LibreOffice 转换失败。{ask}") from None
        result = out / "register.xlsx"
        if not result.exists():
            raise RegisterUnreadable(f"{name}是旧版表格，用 LibreOffice 转换失败（文件可能已损坏）。{ask}")
        return result.read_bytes()


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a zip bomb before its parts are inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RegisterUnreadable(f"{name}已损坏，无法作为 Excel 表格（.xlsx）读取。") from None
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise RegisterUnreadable(f"{name}内部结构异常（解压后过大），不像是登记台账，未读取。")


def _filled(values: list[object] | tuple[object, ...]) -> list[object] | None:
    vals = list(values)
    while vals and _blank(vals[-1]):
        vals.pop()
    return vals or None


def _too_many(name: str) -> RegisterUnreadable:
    return RegisterUnreadable(
        f"{name}超过 {MAX_ROWS} 行，不像是一个机关一年的登记台账；请只保留本年度前后的申请后再计算。"
    )


def _sheet_rows(book: Workbook, sheet: str, name: str, head: int | None = None) -> list[Row]:
    """The filled rows of a sheet (all of them, or those in its first ``head`` bytes)."""
    rows: list[Row] = []
    for number, values in book.rows(sheet, head):
        vals = _filled(values)
        if vals is None:
            continue
        rows.append((number, vals))
        if len(rows) > MAX_ROWS + HEADER_SCAN:
            raise _too_many(name)
    return rows


def _xlsx_rows(
    data: bytes, name: str, sheet: str | None, columns: dict[str, str] | None, year: int | None
) -> tuple[list[str], str, list[Row]]:
    _check_zip(data, name)
    damaged = RegisterUnreadable(f"{name}已损坏或不是 Excel 表格（.xlsx），无法读取。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = Workbook(zf)
            names = list(book.sheets)
            if not names:
                raise damaged
            if sheet is not None and sheet not in names:
                raise RegisterUnreadable(f"{name}中没有名为「{sheet}」的工作表（有：{'、'.join(names)}）。")
            chosen = sheet or _register_sheet(book, names, name, columns, year)
            return names, chosen, _sheet_rows(book, chosen, name)
    except (XlsxError, KeyError, ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        raise damaged from None


def _register_sheet(
    book: Workbook, names: list[str], name: str, columns: dict[str, str] | None, year: int | None
) -> str:
    """The sheet that holds the register of ``year``: among the sheets with a register header, the
    ones named for the year (2025年, 2025年台账), then the most rows dated in the year; without a
    year or a sheet of it, the first sheet with a header (else the first sheet)."""
    if len(names) == 1:
        return names[0]
    candidates: list[str] = []
    for sheet_name in names:
        try:
            head = _sheet_rows(book, sheet_name, name, head=HEADER_BYTES)
        except (XlsxError, RegisterUnreadable):
            continue
        if (columns and _header_by_texts(head, columns)) or _find_header(head)[0] is not None:
            candidates.append(sheet_name)
    if not candidates:
        return names[0]
    if year is None or len(candidates) == 1:
        return candidates[0]
    named = [s for s in candidates if _names_year(s, year)]
    if len(named) == 1:
        return named[0]
    pool = named or candidates
    dated = {s: _rows_dated_in(book, s, name, columns, year) for s in pool}
    best = max(pool, key=lambda s: dated[s])  # max keeps the first of equals: the sheet order
    return best if dated[best] or named else candidates[0]


def _names_year(sheet_name: str, year: int) -> bool:
    """A sheet name that names ``year`` (2025, 2025年台账) and no other year."""
    years = {int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", sheet_name)}
    return years == {year}


def _rows_dated_in(book: Workbook, sheet: str, name: str, columns: dict[str, str] | None, year: int) -> int:
    """How many rows of a sheet were received or answered in ``year``."""
    try:
        rows = _sheet_rows(book, sheet, name)
    except (XlsxError, RegisterUnreadable):
        return 0
    found = _header_by_texts(rows, columns) if columns else None
    header, _, cols = found or _find_header(rows)
    if header is None:
        return 0
    wanted = [cols[f] for f in (Field.RECEIVED, Field.ANSWERED) if f in cols]
    n = 0
    for _, values in rows[header + 1 :]:
        dates = (read_date(values[i]) for i in wanted if i < len(values))
        n += any(isinstance(d, dt.date) and d.year == year for d in dates)
    return n


def _csv_rows(data: bytes, name: str) -> list[Row]:
    text = decode_local(data)
    if text is None:
        raise RegisterUnreadable(
            f"{name}不是可读的文本表格（编码无法识别），请另存为 .xlsx 或 UTF-8 的 .csv。"
        )
    sample = text[:8192]
    delimiter = max(",\t;", key=sample.count) if any(d in sample for d in ",\t;") else ","
    rows: list[Row] = []
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            vals = _filled(tuple(values))
            if vals is None:
                continue
            rows.append((number, vals))
            if len(rows) > MAX_ROWS + HEADER_SCAN:
                raise _too_many(name)
    except csv.Error:
        raise RegisterUnreadable(f"{name}不是有效的 CSV 表格，无法读取。") from None
    return rows
