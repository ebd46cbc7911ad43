"""表三 → 从台账计算…: choose the register, check its columns, map the values giedit does not know,
and fill table 三 in one undoable step.

The dialog reads the register with ``giedit.importers.register_reader`` and counts it with the
pure ``giedit.model.register_counts`` on every change, so the summary and the row-level messages
always show what 填入表三 would write. The columns and the clerk's readings of unknown values
are remembered per register layout in the settings, and kept in the report for recounts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from giedit.importers.register_reader import RegisterUnreadable, Sheet, read_register
from giedit.model.register import (
    FIELD_TITLES,
    REQUIRED,
    Field,
    ValueMap,
    applicant_columns,
    category_label,
    norm,
    result_rows,
    row_numbers,
)
from giedit.model.register_counts import IssueKind, Tally, count
from giedit.model.register_link import fill_from_register, link_for
from giedit.ui.colours import ERROR_FG, MUTED_FG
from giedit.ui.document import Document
from giedit.ui.settings import Settings

REGISTER_FILTER = "登记台账 (*.xlsx *.csv *.xls *.et);;所有文件 (*)"
NOT_MAPPED = "（请选择）"
NO_COLUMN = "（无）"
UNDO_TEXT = "从台账计算表三"


class RegisterDialog(QDialog):
    """Compute table 三 from a register. ``fill()`` pushes the edit; tests drive it directly."""

    def __init__(
        self, document: Document, settings: Settings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("从台账计算表三")
        self.document = document
        self.settings = settings or Settings()
        report = document.report
        self.fmt = report.definition
        link = report.register_link
        self.values = ValueMap.from_dict(link.values) if link else ValueMap.empty()
        self.sheet: Sheet | None = None
        self.tally: Tally | None = None
        self._columns_before = dict(link.columns) if link else {}

        self.path_edit = QLineEdit(link.path if link else "")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("请选择依申请公开登记台账（Excel 或 WPS 表格）")
        browse = QPushButton("选择台账…")
        browse.clicked.connect(self.browse)
        self.sheet_box = QComboBox()
        self.sheet_box.activated.connect(
            lambda _: self.load(self.path_edit.text(), self.sheet_box.currentText())
        )
        top = QFormLayout()
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        top.addRow("台账文件：", path_row)
        top.addRow("工作表：", self.sheet_box)
        top.addRow("报告年度：", QLabel(f"{report.year} 年（{self.fmt.name}）"))

        self.column_boxes: dict[Field, QComboBox] = {}
        columns = QGroupBox("台账的列（已按表头自动识别，可修改）")
        form = QFormLayout(columns)
        for f in Field:
            box = QComboBox()
            box.activated.connect(self._columns_changed)
            self.column_boxes[f] = box
            form.addRow(FIELD_TITLES[f] + ("（必需）：" if f in REQUIRED else "（可选）："), box)

        self.value_table = QTableWidget(0, 4)
        self.value_table.setHorizontalHeaderLabels(["列", "台账中的写法", "所在行", "计入表三的"])
        self.value_table.verticalHeader().hide()
        # Tab leaves the table (arrow keys move within it): with a combo box in every row, Tab
        # moving cell by cell kept the focus between the table and its combo boxes for ever.
        self.value_table.setTabKeyNavigation(False)
        header = self.value_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        values_box = QGroupBox("giedit 不认识的写法（每种只需指定一次）")
        QVBoxLayout(values_box).addWidget(self.value_table)

        self.issue_list = QListWidget()
        issues_box = QGroupBox("逐行检查")
        QVBoxLayout(issues_box).addWidget(self.issue_list)
        self.duplicates = QCheckBox("疑似重复登记的行照常计入（已核实是不同的申请）(&D)")
        self.duplicates.setChecked(bool(link and link.keep_duplicates))
        self.duplicates.toggled.connect(lambda _: self.recount())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.confirm_year = QCheckBox(
            f"台账没有选错，{report.year} 年确实没有收到或办结申请，仍按此台账计算(&Y)"
        )
        self.confirm_year.setVisible(False)
        self.confirm_year.toggled.connect(lambda _: self._show_state())

        self.buttons = QDialogButtonBox()
        self.fill_button = self.buttons.addButton("填入表三", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.fill_button.clicked.connect(self.fill)
        self.buttons.rejected.connect(self.reject)

        box = QVBoxLayout(self)
        box.addLayout(top)
        row = QHBoxLayout()
        row.addWidget(columns, 2)
        row.addWidget(values_box, 3)
        box.addLayout(row)
        box.addWidget(issues_box, 1)
        box.addWidget(self.duplicates)
        box.addWidget(self.summary)
        box.addWidget(self.confirm_year)
        box.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("汉")
        self.resize(70 * em, 46 * em)
        self._show_state()
        if link and Path(link.path).exists():
            self.load(link.path, link.sheet)

    # -- reading -------------------------------------------------------------------------------

    def browse(self) -> None:
        start = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else ""
        path, _ = QFileDialog.getOpenFileName(self, "选择登记台账", start, REGISTER_FILTER)
        if path:
            self.load(path)

    def load(self, path: str | Path, sheet: str | None = None) -> bool:
        """Read the register (the sheet named, else the report year's) and count it."""
        self.path_edit.setText(str(path))
        self.confirm_year.setChecked(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            remembered = self._columns_before or None
            self.sheet = read_register(path, sheet, remembered, self.document.report.year)
        except RegisterUnreadable as err:
            self.sheet, self.tally = None, None
            self._show_state(str(err))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        saved = self.settings.register_mapping(self.sheet.layout_key())
        for text, category in saved.get("values", {}).items():
            kind, _, value = text.partition(":")
            target = self.values.results if kind == "result" else self.values.applicants
            target.setdefault(value, category)
        self.values.forget()
        if saved.get("columns") and not self._columns_before:
            found = read_register(path, self.sheet.name, saved["columns"])
            if not found.missing:
                self.sheet = found
        self._fill_column_boxes()
        self.recount(rebuild=True)
        return True

    def _fill_column_boxes(self) -> None:
        assert self.sheet is not None
        self.sheet_box.clear()
        self.sheet_box.addItems(self.sheet.sheets)
        self.sheet_box.setCurrentText(self.sheet.name)
        self.sheet_box.setEnabled(not self.sheet.is_text)
        for f, box in self.column_boxes.items():
            box.clear()
            box.addItem(NO_COLUMN, -1)
            for i, text in enumerate(self.sheet.headers):
                box.addItem(f"第 {_letter(i)} 列：{text}" if text else f"第 {_letter(i)} 列", i)
            chosen = self.sheet.columns.get(f, -1)
            box.setCurrentIndex(max(0, box.findData(chosen)))

    def _columns_changed(self) -> None:
        if self.sheet is None:
            return
        self.sheet.use_columns({f: box.currentData() for f, box in self.column_boxes.items()})
        self.recount(rebuild=True)

    def set_column(self, field: Field, index: int) -> None:
        """Choose the sheet column (0-based) of a field, as picking it in its list does."""
        box = self.column_boxes[field]
        box.setCurrentIndex(max(0, box.findData(index)))
        self._columns_changed()

    # -- counting ------------------------------------------------------------------------------

    def recount(self, rebuild: bool = False) -> None:
        if self.sheet is None or self.sheet.missing:
            self.tally = None
            self._show_state()
            return
        entries = self.sheet.entries()
        keep = self.duplicates.isChecked()
        self.tally = count(entries, self.fmt, self.document.report.year, self.values, keep)
        if rebuild:
            unknown = count(entries, self.fmt, self.document.report.year, ValueMap.empty(), keep)
            self._fill_value_table(unknown)
        self._show_state()

    def _fill_value_table(self, unknown: Tally) -> None:
        self.value_table.setRowCount(0)
        kinds = (
            (IssueKind.UNKNOWN_APPLICANT, Field.APPLICANT, applicant_columns()),
            (
                IssueKind.UNKNOWN_RESULT,
                Field.RESULT,
                {r: category_label(self.fmt, r) for r in result_rows(self.fmt)},
            ),
        )
        for kind, field, choices in kinds:
            for text, rows in sorted(unknown.unknown_values(kind).items()):
                if not text:
                    continue
                r = self.value_table.rowCount()
                self.value_table.insertRow(r)
                self.value_table.setItem(r, 0, QTableWidgetItem(FIELD_TITLES[field]))
                self.value_table.setItem(r, 1, QTableWidgetItem(text))
                self.value_table.setItem(r, 2, QTableWidgetItem(row_numbers(rows)))
                combo = QComboBox()
                combo.addItem(NOT_MAPPED, "")
                for cid, label in choices.items():
                    combo.addItem(label, cid)
                mapping = self.values.applicants if field is Field.APPLICANT else self.values.results
                combo.setCurrentIndex(max(0, combo.findData(mapping.get(norm(text), ""))))
                combo.currentIndexChanged.connect(
                    lambda _, c=combo, f=field, t=text: self.map_value(f, t, c.currentData())
                )
                self.value_table.setCellWidget(r, 3, combo)
        self.value_table.resizeColumnsToContents()
        self.value_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # The combo boxes, made after the rest of the dialog, come in the tab order where they are
        # shown: after the table, before the row checks.
        chain = [self.value_table]
        chain += [self.value_table.cellWidget(r, 3) for r in range(self.value_table.rowCount())]
        for first, second in zip(chain, [*chain[1:], self.issue_list], strict=True):
            QWidget.setTabOrder(first, second)

    def map_value(self, field: Field, text: str, category: str) -> None:
        """The clerk's reading of an unknown value (``""``: not mapped), then a recount."""
        mapping = self.values.applicants if field is Field.APPLICANT else self.values.results
        if category:
            mapping[norm(text)] = category
        else:
            mapping.pop(norm(text), None)
        self.values.forget()
        self.recount()

    def _show_state(self, problem: str | None = None) -> None:
        self.issue_list.clear()
        tally = self.tally
        suspicious = tally is not None and tally.wrong_year
        self.confirm_year.setVisible(suspicious)
        ready = tally is not None and (not suspicious or self.confirm_year.isChecked())
        self.fill_button.setEnabled(ready)
        if problem is not None:
            self._say(problem, ERROR_FG.name())
            return
        if self.sheet is None:
            self._say("请选择台账文件。", MUTED_FG.name())
            return
        if self.sheet.missing:
            names = "、".join(f"“{FIELD_TITLES[f]}”" for f in self.sheet.missing)
            where = (
                f"表头按第 {self.sheet.header_row} 行读取，其中没有认出{names}。"
                if self.sheet.header_row is not None
                else f"没有找到表头，认不出{names}。"
            )
            self._say(f"{where}请在左侧指定它们在台账的哪一列。", ERROR_FG.name())
            return
        assert tally is not None
        for issue in tally.unresolved:
            self.issue_list.addItem(issue.message)
        for issue in tally.of_kind(IssueKind.SUMMARY_ROW):
            self.issue_list.addItem(issue.message)
        other = [i.row for i in tally.of_kind(IssueKind.OTHER_YEAR)]
        if other:
            self.issue_list.addItem(
                f"不属于 {tally.year} 年度（未计入，无需处理）：{row_numbers(other, 40)}，共 {len(other)} 行"
            )
        text = (
            f"表头在第 {self.sheet.header_row} 行。共 {tally.total_rows} 行申请，"
            f"计入 {tally.year} 年度 {tally.counted} 行"
        )
        if suspicious:
            self._say(f"{tally.wrong_year_message()}（{text}。）", ERROR_FG.name())
        elif tally.unresolved:
            n = len(tally.unresolved_rows)
            self._say(
                f"{text}；{n} 行未能计入，见上面的逐行检查（改正台账或指定写法后会自动重算）。",
                ERROR_FG.name(),
            )
        else:
            self._say(f"{text}，每一行都已计入或不属于本年度。", None)

    def _say(self, text: str, colour: str | None) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {colour};" if colour else "")

    # -- filling -------------------------------------------------------------------------------

    def fill(self) -> bool:
        """Write the counted table 三 and the register link as one undo step."""
        if self.sheet is None or self.tally is None:
            return False
        keep = self.duplicates.isChecked()
        columns = self.sheet.column_texts()
        link = link_for(
            self.tally, self.sheet.path, self.sheet.sha256, self.sheet.sheet_name, columns, self.values, keep
        )
        self.settings.set_register_mapping(
            self.sheet.layout_key(), {"columns": columns, "values": self.values.as_dict()}
        )
        edit = fill_from_register(self.document.report, self.tally, link)
        if edit is None:
            self.document.tell("表三已与台账计算结果一致")
        else:
            self.document.push(edit, UNDO_TEXT)
            left = len(self.tally.unresolved_rows)
            self.document.tell(
                f"已从台账计算表三（计入 {self.tally.counted} 行"
                + (f"，{left} 行未计入，请核对台账）" if left else "）")
            )
        self.accept()
        return True


def _letter(index: int) -> str:
    """A spreadsheet column letter (0 → A, 26 → AA)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def recompute(document: Document, parent: QWidget | None = None, settings: Settings | None = None) -> bool:
    """重新计算 from the register the report was computed from, with the same columns and
    readings; when the register no longer counts cleanly, the dialog opens instead."""
    link = document.report.register_link
    if link is None:
        return False
    try:
        sheet = read_register(link.path, link.sheet, link.columns)
    except RegisterUnreadable as err:
        document.tell(str(err))
        return False
    values = ValueMap.from_dict(link.values)
    report = document.report
    tally = count(sheet.entries(), report.definition, report.year, values, link.keep_duplicates)
    if sheet.missing or tally.unresolved or tally.wrong_year:
        dialog = RegisterDialog(document, settings, parent)
        dialog.open()
        return False
    new = link_for(
        tally, sheet.path, sheet.sha256, sheet.sheet_name, sheet.column_texts(), values, link.keep_duplicates
    )
    edit = fill_from_register(report, tally, new)
    if edit is None:
        document.tell("表三已与台账计算结果一致")
        return False
    document.push(edit, UNDO_TEXT)
    document.tell(f"已按台账重新计算表三（计入 {tally.counted} 行）")
    return True
