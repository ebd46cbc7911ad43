"""审核结果.xlsx: the checklist of every unit, every finding, and the county's totals per table.

Sheets, in order:

- 审核清单: one row per unit (and one per roster name with no report): unit, file, format,
  status, errors, warnings, every finding in Chinese, publication date against the deadline,
  duplicates, roster. Filters on the header; errors in red.
- 问题明细: one row per finding, to filter by rule, section or unit.
- one sheet per statutory table (per format, when units used both): the county's totals in the
  official layout. The grid, its merges and every label come from the format definition's
  ``TableLayout.grid``, the same grid the editor and the exporters draw; nothing is typed here.
  Below the grid, what was left out of the sums and why.
- 未审核的文件 (when there are any) and 说明 (what was reviewed, when, with which settings).

openpyxl is imported on use only; the file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path
from typing import TYPE_CHECKING

from giedit.model.formats import get_format
from giedit.model.schema import CellKind, Role, TableLayout
from giedit.model.text import clip
from giedit.review.places import cells_named, section_name, section_of
from giedit.review.result import AMBIGUOUS_TEXT, MISSING_TEXT, ReviewFailed, ReviewResult, Unit, write_failed
from giedit.review.unit import ERRORS, TOTAL_MONEY_UNIT, UNREADABLE, Found

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

CHECKLIST, DETAILS, ASIDE, ABOUT = "审核清单", "问题明细", "未审核的文件", "说明"
CHECKLIST_HEADER = (
    ("序号", 6),
    ("单位", 28),
    ("文件", 30),
    ("格式", 8),
    ("状态", 10),
    ("错误", 7),
    ("提醒", 7),
    ("问题", 90),
    ("发布日期", 30),
    ("重复报送", 28),
    ("名单", 10),
)
DETAILS_HEADER = (
    ("单位", 28),
    ("文件", 30),
    ("类别", 7),
    ("规则", 9),
    ("部分", 30),
    ("单元格", 40),
    ("说明", 90),
)
SEVERITY_TEXT = {"error": "错误", "warning": "提醒"}
RED, RED_FILL, HEADER_FILL = "C00000", "FFE0E0", "E8EEF4"
FONT, HEADER_FONT = "宋体", "黑体"
GRID_TOP = 4  # the first sheet row of a table's grid (1-based); title and note above it
MAX_CELL_CHARS = 32_000  # Excel holds 32,767 characters in a cell
SHEET_NAME_CHARS = 31
MONEY_FORMAT = "0.00##"
CELL_STYLE, BAD_STYLE = "giedit 审核", "giedit 审核-错误"
LINE_PT = 13.5  # row height per line of 10-point text
CJK_UNITS = 1.8  # column-width units a 10-point 汉字 takes (measured on LibreOffice's rendering)
TITLE_LINE_PT, TITLE_SCALE = 20.0, 1.4  # the 14-point sheet title
MAX_ROW_LINES = 400 // 14  # Excel's tallest row is 409 points
ERRORS_INCLUDED = "含有错误的单位（数字未经核实）："  # under each table: summed, not verified


def finding_line(f: Found) -> str:
    """A finding as one line of the checklist: 错误（T2-E1）：message."""
    rule = f"（{f.rule}）" if f.rule else ""
    return f"{SEVERITY_TEXT.get(f.severity, f.severity)}{rule}：{f.message}"


def can_replace(path: Path) -> bool:
    """True when ``path`` is free, or holds an earlier review's workbook (checklist first): the
    review may overwrite its own result, never another file."""
    if not path.exists():
        return True
    if path.is_dir():
        return False
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
        try:
            return book.sheetnames[:1] == [CHECKLIST]
        finally:
            book.close()
    except Exception:  # not a workbook at all: never overwrite it
        return False


def write_workbook(result: ReviewResult, path: str | Path) -> Path:
    """Write the workbook; ``ReviewFailed`` (Chinese) when it cannot be written."""
    from openpyxl import Workbook

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ReviewFailed(f"审核结果的文件名「{target.name}」请以 .xlsx 结尾。")
    if not can_replace(target):
        raise ReviewFailed(f"文件「{target.name}」已存在且不是审核结果，为避免覆盖，请换一个文件名。")
    book = Workbook()
    _named_styles(book)
    _checklist(book.active, result)
    _details(book.create_sheet(DETAILS), result)
    several = len(result.totals) > 1
    for format_id in result.totals:
        fmt = get_format(format_id)
        for table in fmt.tables:
            title = fmt.section(table.section).title
            name = f"{title}（{format_id}）" if several else title
            _table_sheet(book.create_sheet(_sheet_name(name)), result, format_id, table.id)
    if result.set_aside:
        _aside(book.create_sheet(ASIDE), result)
    _about(book.create_sheet(ABOUT), result)
    for ws in book.worksheets:
        _printable(ws)
    buffer = io.BytesIO()
    book.save(buffer)
    return _write(target, buffer.getvalue())


def _write(target: Path, data: bytes) -> Path:
    from giedit.model.atomic import write_atomic

    try:
        write_atomic(target, data)
    except OSError as err:
        held = "文件可能正在 Excel 或 WPS 中打开，或没有写入权限。请关闭后重试。"
        raise write_failed(err, f"无法写入「{target.name}」", held) from None
    return target


def _printable(ws: Worksheet) -> None:
    """Printed (or converted to PDF) landscape, one page wide, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.freeze_panes == "A2":
        ws.print_title_rows = "1:1"


def _sheet_name(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, "_")
    return name[:SHEET_NAME_CHARS]


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "font": Font(name=FONT, size=10),
        "bold": Font(name=HEADER_FONT, size=10, bold=True),
        "red": Font(name=FONT, size=10, color=RED, bold=True),
        "title": Font(name=HEADER_FONT, size=14, bold=True),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "red_fill": PatternFill("solid", fgColor=RED_FILL),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "centre": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
    }


def _named_styles(book) -> None:
    """The list sheets' two cell styles, registered once: styling thousands of cells one
    attribute at a time costs openpyxl seconds, a named style almost nothing."""
    from openpyxl.styles import NamedStyle

    s = _styles()
    book.add_named_style(NamedStyle(CELL_STYLE, font=s["font"], alignment=s["wrap"], border=s["border"]))
    book.add_named_style(
        NamedStyle(BAD_STYLE, font=s["red"], fill=s["red_fill"], alignment=s["wrap"], border=s["border"])
    )


def _header(ws: Worksheet, columns: tuple[tuple[str, int], ...], s: dict) -> None:
    from openpyxl.utils import get_column_letter

    for c, (text, width) in enumerate(columns, 1):
        cell = ws.cell(1, c, text)
        cell.font, cell.fill, cell.alignment, cell.border = (
            s["bold"],
            s["header_fill"],
            s["centre"],
            s["border"],
        )
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"


def _checklist(ws: Worksheet, result: ReviewResult) -> None:
    s = _styles()
    ws.title = CHECKLIST
    _header(ws, CHECKLIST_HEADER, s)
    row = 1
    for n, u in enumerate(result.units, 1):
        row += 1
        roster = "" if u.on_roster is None else ("在名单中" if u.on_roster else "不在名单中")
        values = (
            n,
            u.body or "（未知）",
            u.file,
            u.format or "",
            u.status_text(),
            u.errors,
            u.warnings,
            clip(
                "\n".join(finding_line(f) for f in sorted(u.findings, key=lambda f: f.severity != "error")),
                MAX_CELL_CHARS,
            ),
            u.deadline_status(),
            duplicates_text(u),
            roster,
        )
        _row(
            ws,
            row,
            values,
            s,
            bad=u.superseded_by is None and u.status in (ERRORS, UNREADABLE),
            red_cols=(2, 5, 6),
        )
    for name in result.missing:
        row += 1
        values = (
            "",
            name,
            "",
            "",
            MISSING_TEXT,
            "",
            "",
            "名单中有此单位，但文件夹中没有它本年度的报告",
            "",
            "",
            "在名单中",
        )
        _row(ws, row, values, s, bad=True, red_cols=(2, 5))
    for name, files in result.ambiguous.items():
        row += 1
        values = (
            "",
            name,
            "、".join(files),
            "",
            AMBIGUOUS_TEXT,
            "",
            "",
            "名单中的这个名称可能对应多份报告，请核对是哪个单位，并在名单中写全称",
            "",
            "",
            "在名单中",
        )
        _row(ws, row, values, s, bad=True, red_cols=(2, 5))
    ws.auto_filter.ref = f"A1:{_letter(len(CHECKLIST_HEADER))}{max(row, 2)}"


def duplicates_text(u: Unit) -> str:
    """The checklist's 重复报送 cell: which file replaced this one, which it replaced, its copies."""
    parts = []
    if u.superseded_by:
        parts.append(f"已被「{u.superseded_by}」取代，未计入汇总")
    if u.supersedes:
        parts.append(f"取代旧版本「{'」「'.join(u.supersedes)}」")
    if u.copies:
        parts.append("与" + "、".join(f"「{c}」" for c in u.copies) + "疑似重复")
    return "；".join(parts)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _lines(text: str, width: float) -> int:
    """Printed lines of wrapped ``text`` in a column ``width`` characters wide (汉字 count wider)."""
    total = 0
    for line in text.split("\n"):
        units = sum(CJK_UNITS if ord(ch) > 0x2E7F else 1 for ch in line)
        total += max(1, math.ceil(units / max(1.0, width)))
    return total


def _row(ws: Worksheet, row: int, values: tuple, s: dict, *, bad: bool, red_cols: tuple[int, ...]) -> None:
    """One row, wrapped; its height set from the text, since neither Excel nor LibreOffice sizes
    a row of a written file by itself."""
    lines = 1
    for c, value in enumerate(values, 1):
        if isinstance(value, str) and value:
            lines = max(lines, _lines(value, ws.column_dimensions[_letter(c)].width or 10))
    ws.row_dimensions[row].height = LINE_PT * min(lines, MAX_ROW_LINES)
    for c, value in enumerate(values, 1):
        cell = ws.cell(row, c, value)
        cell.style = BAD_STYLE if bad and c in red_cols else CELL_STYLE


def _details(ws: Worksheet, result: ReviewResult) -> None:
    s = _styles()
    _header(ws, DETAILS_HEADER, s)
    row = 1
    for u in result.units:
        for f in u.findings:
            row += 1
            values = (
                u.body or "（未知）",
                u.file,
                SEVERITY_TEXT.get(f.severity, f.severity),
                f.rule,
                section_name(section_of(f, u.format), u.format),
                cells_named(f, u.format),
                f.message,
            )
            _row(ws, row, values, s, bad=f.severity == "error", red_cols=(3, 4, 7))
    ws.auto_filter.ref = f"A1:{_letter(len(DETAILS_HEADER))}{max(row, 2)}"


def _table_sheet(ws: Worksheet, result: ReviewResult, format_id: str, table_id: str) -> None:
    """The totals in the official grid: every grid cell of the definition written and merged."""
    s = _styles()
    fmt = get_format(format_id)
    layout = fmt.layout(table_id)
    totals = result.totals[format_id]
    units = result.units_of(format_id)
    width = layout.n_cols
    title = fmt.section(fmt.table(table_id).section).title
    _widths(ws, layout)
    total_width = sum(ws.column_dimensions[_letter(c)].width for c in range(1, width + 1))
    heading = f"{result.year or ''}年度政府信息公开工作年度报告汇总　{title}"
    _merged_text(ws, 1, width, heading, s["title"], s)
    ws.row_dimensions[1].height = TITLE_LINE_PT * _lines(heading, total_width / TITLE_SCALE)
    note = f"{fmt.name}，汇总 {len(units)} 个单位的报告。"
    if any(c.kind is CellKind.MONEY for c in layout.cells):
        note += f"金额单位：{TOTAL_MONEY_UNIT}（以元填写的已换算为{TOTAL_MONEY_UNIT}）。"
    _merged_text(ws, 2, width, note, s["font"], s)
    ws.row_dimensions[2].height = LINE_PT * _lines(note, total_width)
    for g in layout.grid:
        r, c = GRID_TOP + g.row, 1 + g.col
        cell = ws.cell(r, c)
        if g.role is Role.VALUE and g.cell is not None:
            cell.value = totals.get(g.cell, 0)
            cell.alignment = s["centre"]
            cell.font = s["font"]
            if fmt.cells[g.cell].kind is CellKind.MONEY:
                unit = "" if fmt.cells[g.cell].column.unit else f'"{TOTAL_MONEY_UNIT}"'
                cell.number_format = MONEY_FORMAT + unit
        else:
            cell.value = g.text
            cell.font = s["bold"] if g.role in (Role.TITLE, Role.HEADER) else s["font"]
            cell.alignment = s["left"] if g.role is Role.LABEL else s["centre"]
            if g.role in (Role.TITLE, Role.HEADER):
                cell.fill = s["header_fill"]
        for rr in range(r, r + g.rowspan):
            for cc in range(c, c + g.colspan):
                ws.cell(rr, cc).border = s["border"]
        if g.rowspan > 1 or g.colspan > 1:
            ws.merge_cells(
                start_row=r, start_column=c, end_row=r + g.rowspan - 1, end_column=c + g.colspan - 1
            )
    _left_out(ws, GRID_TOP + layout.n_rows + 1, result, format_id, layout, s)


def _merged_text(ws: Worksheet, row: int, width: int, text: str, font, s: dict) -> None:
    cell = ws.cell(row, 1, text)
    cell.font, cell.alignment = font, s["left"]
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _widths(ws: Worksheet, layout: TableLayout) -> None:
    """Column widths in the definition's proportions (a value column about 11 characters)."""
    weights = layout.column_weights()
    base = layout.table.value_weight
    for c, w in enumerate(weights, 1):
        ws.column_dimensions[_letter(c)].width = max(6.0, min(40.0, 11.0 * w / base))


def _left_out(
    ws: Worksheet, row: int, result: ReviewResult, format_id: str, layout: TableLayout, s: dict
) -> None:
    """Below the grid: the units whose reports have errors but are summed (their numbers are not
    verified), then what was left out: unreadable units, files replaced by a newer one of the same
    unit, and the units with cells of this table blank or invalid."""
    erroneous = result.with_errors(format_id)
    if erroneous:
        names = "、".join(f"「{u.body or '未知单位'}」（{u.file}）" for u in erroneous)
        note = ws.cell(row, 1, f"{ERRORS_INCLUDED}{names}")
        note.font, note.alignment = s["red"], s["wrap"]
        width = layout.n_cols
        if width > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        total = sum(ws.column_dimensions[_letter(c)].width for c in range(1, width + 1))
        ws.row_dimensions[row].height = LINE_PT * min(_lines(note.value, total), MAX_ROW_LINES)
        row += 2
    ids = {c.id for c in layout.cells}
    lines: list[str] = []
    for u in result.units:
        if u.status == UNREADABLE:
            lines.append(f"{u.file}：无法读取，未计入")
        elif u.format == format_id and u.superseded_by:
            lines.append(f"「{u.body}」（{u.file}）：已被新版本「{u.superseded_by}」取代，未计入")
        elif u.format == format_id and (why := _why_left_out(u, ids, format_id)):
            lines.append(f"「{u.body}」（{u.file}）：{why}，未计入")
    if not lines:
        return
    head = ws.cell(row, 1, f"未计入汇总（{len(lines)} 项）：")
    head.font = s["bold"]
    for k, line in enumerate(lines, 1):
        ws.cell(row + k, 1, line).font = s["font"]


def _why_left_out(unit: Unit, ids: set[str], format_id: str) -> str:
    """Why the unit's cells of one table are not summed: blank or invalid cells, and amounts
    without a unit (which the unit can fix by naming it, so they are not called invalid)."""
    parts = []
    for cells, why in ((unit.left_out, "空白或无效"), (unit.no_unit, "未注明单位（元或万元）")):
        if gone := tuple(c for c in cells if c in ids):
            parts.append(cells_named(Found("", "", "", gone), format_id) + why)
    return "；".join(parts)


def _aside(ws: Worksheet, result: ReviewResult) -> None:
    s = _styles()
    _header(ws, (("文件", 50), ("原因", 80)), s)
    for row, a in enumerate(result.set_aside, 2):
        _row(ws, row, (_relative(result.folder, a.path), a.reason), s, bad=False, red_cols=())


def _relative(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _about(ws: Worksheet, result: ReviewResult) -> None:
    s = _styles()
    month, day = result.deadline or (1, 31)
    rows = [
        ("审核的文件夹", str(result.folder)),
        ("审核时间", dt.datetime.now().strftime("%Y年%m月%d日 %H:%M")),
        ("报告年度", f"{result.year}年度" if result.year else "未知"),
        ("结果", result.summary()),
        ("发布期限", f"次年{month}月{day}日（N-W12 对县级人民政府按《条例》规定的期限）"),
        (
            "名单",
            f"{len(result.roster)} 个单位" if result.roster is not None else "未提供名单，未核对未报送的单位",
        ),
    ]
    if result.interrupted:
        rows.append(
            ("注意", f"审核被中断：只审核了 {result.done}/{result.files} 个文件，结果不完整，未核对名单。")
        )
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    for row, (key, value) in enumerate(rows, 1):
        ws.cell(row, 1, key).font = s["bold"]
        cell = ws.cell(row, 2, value)
        cell.font = s["red"] if key == "注意" else s["font"]
        cell.alignment = s["wrap"]
