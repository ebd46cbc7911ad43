"""A clean application register for next year: an .xlsx with the columns giedit reads, drop-down
lists of the official applicant types and results (data validation), and date cells.

The lists are written from the format definition in force for the year, on a hidden sheet that
the validations refer to (an inline list is limited to 255 characters; the results are longer).
A register filled from the drop-downs is read back without a single unknown value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from giedit.model.formats import format_for_year
from giedit.model.register import FIELD_TITLES, Field, applicant_columns, category_label, result_rows

SHEET = "台账"
OPTIONS = "选项"
NOTES = "填写说明"
ROWS = 1000  # rows prepared with formats and drop-downs
DATE_FORMAT = "yyyy-mm-dd"
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
EXCEL_EPOCH = dt.date(1899, 12, 30)
COLUMNS: tuple[tuple[str, Field | None, int], ...] = (
    ("序号", None, 6),
    (FIELD_TITLES[Field.RECEIVED], Field.RECEIVED, 13),
    (FIELD_TITLES[Field.NAME], Field.NAME, 16),
    (FIELD_TITLES[Field.APPLICANT], Field.APPLICANT, 14),
    (FIELD_TITLES[Field.CONTENT], Field.CONTENT, 36),
    (FIELD_TITLES[Field.ANSWERED], Field.ANSWERED, 13),
    (FIELD_TITLES[Field.RESULT], Field.RESULT, 44),
    ("备注", None, 20),
)
HINTS = (
    "每行登记一件政府信息公开申请。",
    f"“{FIELD_TITLES[Field.RECEIVED]}”“{FIELD_TITLES[Field.ANSWERED]}”请填写日期，例如 2025-01-05。",
    f"“{FIELD_TITLES[Field.APPLICANT]}”和“{FIELD_TITLES[Field.RESULT]}”请从下拉列表中选择。",
    f"尚未答复的申请，“{FIELD_TITLES[Field.ANSWERED]}”和“{FIELD_TITLES[Field.RESULT]}”留空，年底自动计入结转。",
    "年底在 giedit 中选择“从台账计算”，即可得到年度报告表三的全部数字。",
)


def _serial(date: dt.date) -> int:
    return (date - EXCEL_EPOCH).days


def write_template(path: str | Path, year: int | None = None) -> Path:
    """Write the template for report ``year`` (default: this year) to ``path``; returns the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    fmt = format_for_year(year or dt.date.today().year)
    applicants = list(applicant_columns().values())
    results = [category_label(fmt, rid) for rid in result_rows(fmt)]

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for c, (title, _, width) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=c, value=title)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # printed one page wide

    options = wb.create_sheet(OPTIONS)
    options.cell(row=1, column=1, value=FIELD_TITLES[Field.APPLICANT]).font = bold
    options.cell(row=1, column=2, value=FIELD_TITLES[Field.RESULT]).font = bold
    for i, text in enumerate(applicants, 2):
        options.cell(row=i, column=1, value=text)
    for i, text in enumerate(results, 2):
        options.cell(row=i, column=2, value=text)
    options.column_dimensions["A"].width = 14
    options.column_dimensions["B"].width = 80
    options.sheet_state = "hidden"

    notes = wb.create_sheet(NOTES)
    notes.column_dimensions["A"].width = 90
    for i, text in enumerate(HINTS, 1):
        notes.cell(row=i, column=1, value=text)

    letter = {f: get_column_letter(i) for i, (_, f, _) in enumerate(COLUMNS, 1) if f is not None}
    lists = {
        Field.APPLICANT: f"'{OPTIONS}'!$A$2:$A${len(applicants) + 1}",
        Field.RESULT: f"'{OPTIONS}'!$B$2:$B${len(results) + 1}",
    }
    for f, formula in lists.items():
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error, dv.errorTitle = f"请从下拉列表中选择{FIELD_TITLES[f]}", "不是规定的类别"
        dv.prompt, dv.promptTitle = f"请从下拉列表中选择{FIELD_TITLES[f]}", FIELD_TITLES[f]
        dv.showErrorMessage = dv.showInputMessage = True
        dv.add(f"{letter[f]}2:{letter[f]}{ROWS + 1}")
        ws.add_data_validation(dv)
    for f in (Field.RECEIVED, Field.ANSWERED):
        dv = DataValidation(
            type="date",
            operator="between",
            formula1=str(_serial(FIRST_DATE)),
            formula2=str(_serial(LAST_DATE)),
            allow_blank=True,
        )
        dv.error, dv.errorTitle = "请填写日期，例如 2025-01-05", "不是日期"
        dv.showErrorMessage = True
        dv.add(f"{letter[f]}2:{letter[f]}{ROWS + 1}")
        ws.add_data_validation(dv)
        for r in range(2, ROWS + 2):
            ws[f"{letter[f]}{r}"].number_format = DATE_FORMAT
    out = Path(path)
    wb.save(out)
    return out
