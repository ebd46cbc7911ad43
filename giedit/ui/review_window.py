"""文件 → 汇总审核…: the county's review of a folder of units' reports, inside the editor.

The clerk chooses the folder (and, if there is one, the roster), starts the review and watches
the progress; the checklist fills in as a sortable table, the selected unit's findings below it.
Double-clicking a unit opens its report at its first finding (double-clicking a finding opens it
at that one); 导出审核结果… writes 审核结果.xlsx and the 整改通知, 复制整改通知 puts the selected
unit's letter on the clipboard. The review itself runs headless (``giedit.review``) in a thread
that drives the process pool, so the window stays responsive; 停止 keeps what is done.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QThread, Signal
from PySide6.QtGui import QBrush, QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from giedit.checks import Finding, Severity
from giedit.review import ReviewFailed, ReviewResult, Unit, review
from giedit.review.notices import needs_notice
from giedit.review.office import DEFAULT_OFFICE, office_line
from giedit.review.result import AMBIGUOUS_TEXT, MISSING_TEXT
from giedit.review.unit import Found
from giedit.review.workbook import duplicates_text
from giedit.ui import dialogs
from giedit.ui.colours import ERROR_FG, MUTED_FG, WARNING_FG

COLUMNS = ("单位", "文件", "格式", "状态", "错误", "提醒", "发布日期", "重复报送")
ERRORS_COLUMN = COLUMNS.index("错误")
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1
ROSTER_FILTER = "单位名单 (*.txt);;所有文件 (*)"
WORKBOOK_FILTER = "Excel 工作簿 (*.xlsx)"
SEVERITY_TEXT = {"error": "错误", "warning": "提醒"}


class _Runner(QThread):
    """Runs ``review`` off the GUI thread; progress and the result come back as signals."""

    progressed = Signal(int, int, str)
    finishedWith = Signal(object)  # ReviewResult, or a Chinese message (str) when it could not run

    def __init__(self, folder: str, roster: list[str] | None, jobs: int, deadline: tuple[int, int]) -> None:
        super().__init__()
        self.folder, self.roster, self.jobs, self.deadline = folder, roster, jobs, deadline
        self.stop = False

    def run(self) -> None:
        try:
            result: object = review(
                self.folder,
                roster=self.roster,
                jobs=self.jobs,
                deadline=self.deadline,
                progress=lambda done, total, phase: self.progressed.emit(done, total, phase),
                cancelled=lambda: self.stop,
            )
        except ReviewFailed as err:
            result = str(err)
        self.finishedWith.emit(result)


class ReviewWindow(QDialog):
    """The 汇总审核 window; ``unitActivated(path, Found | None)`` asks the editor to open a report."""

    unitActivated = Signal(object, object)
    reviewed = Signal()

    def __init__(self, parent: QWidget | None = None, deadline: tuple[int, int] = (1, 31)) -> None:
        super().__init__(parent)
        self.setWindowTitle("汇总审核")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.deadline = deadline
        self.jobs = os.cpu_count() or 1
        self.result: ReviewResult | None = None
        self.runner: _Runner | None = None
        self.folder_edit, self.roster_edit = QLineEdit(), QLineEdit()
        self.roster_edit.setPlaceholderText("可不选；选了则列出名单中未报送的单位")
        self.office_edit = QLineEdit()
        self.office_edit.setPlaceholderText(
            f"整改通知落款，例如“某某{DEFAULT_OFFICE}”；不填则落款为“{office_line(None)}”"
        )
        form = QFormLayout()
        form.addRow("报告文件夹：", self._chooser(self.folder_edit, self.choose_folder))
        form.addRow("单位名单：", self._chooser(self.roster_edit, self.choose_roster))
        form.addRow("发文单位：", self.office_edit)
        self.start_button = QPushButton("开始审核")
        self.stop_button = QPushButton("停止")
        self.stop_button.setEnabled(False)
        self.export_button = QPushButton("导出审核结果和整改通知…")
        self.copy_button = QPushButton("复制整改通知")
        self.export_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.export_button.clicked.connect(self.export)
        self.copy_button.clicked.connect(self.copy_notice)
        self.progress = QProgressBar()
        self.progress.setFormat("%v/%m")
        self.status = QLabel("请选择各单位报告所在的文件夹，然后开始审核。")
        self.status.setWordWrap(True)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_row)
        self.table.selectionModel().currentRowChanged.connect(self._show_findings)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.itemDoubleClicked.connect(self._open_finding)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.findings)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.stop_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.copy_button, self.export_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        em = self.fontMetrics().horizontalAdvance("汉")
        self.resize(70 * em, 44 * em)

    def _chooser(self, edit: QLineEdit, slot) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton("选择…")
        button.clicked.connect(slot)
        row.addWidget(button)
        return box

    # -- choosing and running ------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择各单位报告所在的文件夹", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def choose_roster(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择单位名单", self.folder_edit.text(), ROSTER_FILTER)
        if path:
            self.roster_edit.setText(path)

    def start(self) -> None:
        """Start the review of the chosen folder (and roster) in the background."""
        from giedit.review.crossunit import read_roster

        folder = self.folder_edit.text().strip()
        if not folder:
            dialogs.tell(self, "汇总审核", "请先选择各单位报告所在的文件夹。")
            return
        roster = None
        if path := self.roster_edit.text().strip():
            try:
                roster = read_roster(Path(path).read_bytes())
            except (OSError, ValueError):
                dialogs.tell(
                    self,
                    "汇总审核",
                    f"无法读取名单文件「{Path(path).name}」（应为每行一个单位名称的文本文件）。",
                )
                return
        self.model.removeRows(0, self.model.rowCount())
        self.findings.clear()
        self.result = None
        self.runner = _Runner(folder, roster, self.jobs, self.deadline)
        self.runner.progressed.connect(self._progress)
        self.runner.finishedWith.connect(self._finished)
        for b, on in ((self.start_button, False), (self.stop_button, True)):
            b.setEnabled(on)
        self.export_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.status.setText("正在审核…")
        self.runner.start()

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop = True
            self.status.setText("正在停止，已完成的部分会保留…")

    def _progress(self, done: int, total: int, phase: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.status.setText(f"{phase}：{done}/{total}")

    def _finished(self, outcome: object) -> None:
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.wait()
            runner.deleteLater()
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        if isinstance(outcome, str):
            self.status.setText(outcome)
            dialogs.tell(self, "无法审核", outcome)
            return
        assert isinstance(outcome, ReviewResult)
        self.show_result(outcome)

    def show_result(self, result: ReviewResult) -> None:
        """Fill the checklist (sortable) with the result's units and the missing names."""
        self.result = result
        self.table.setSortingEnabled(False)
        for unit in result.units:
            self.model.appendRow(self._row(unit))
        for name in result.missing:
            items = [QStandardItem(t) for t in (name, "", "", MISSING_TEXT, "", "", "", "")]
            items[3].setForeground(QBrush(ERROR_FG))
            self.model.appendRow(items)
        for name, files in result.ambiguous.items():
            items = [QStandardItem(t) for t in (name, "、".join(files), "", AMBIGUOUS_TEXT, "", "", "", "")]
            items[3].setForeground(QBrush(ERROR_FG))
            items[3].setToolTip("名单中的这个名称可能对应多份报告，请核对，并在名单中写全称")
            self.model.appendRow(items)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        self.progress.setMaximum(max(result.files, 1))
        self.progress.setValue(result.done)
        text = result.summary()
        if result.interrupted:
            text = f"已停止：只审核了 {result.done}/{result.files} 个文件。" + text
        self.status.setText(text)
        self.export_button.setEnabled(True)
        self.reviewed.emit()

    def _row(self, unit: Unit) -> list[QStandardItem]:
        values: list[object] = [
            unit.body or "（未知）",
            unit.file,
            unit.format or "",
            unit.status_text(),
            unit.errors,
            unit.warnings,
            unit.deadline_status(),
            duplicates_text(unit),
        ]
        items = []
        for value in values:
            item = QStandardItem()
            item.setData(value, Qt.ItemDataRole.DisplayRole)  # numbers sort as numbers
            items.append(item)
        items[0].setData(unit, UNIT_ROLE)
        if unit.superseded_by:
            for item in items:
                item.setForeground(QBrush(MUTED_FG))  # replaced: listed, not counted
        elif unit.status != "ok":
            for item in (items[0], items[3], items[ERRORS_COLUMN]):
                item.setForeground(QBrush(ERROR_FG))
        return items

    # -- the selected unit ---------------------------------------------------------------------

    def unit_at(self, index: QModelIndex) -> Unit | None:
        source = self.proxy.mapToSource(index)
        unit = self.model.item(source.row(), 0).data(UNIT_ROLE) if source.isValid() else None
        return unit if isinstance(unit, Unit) else None

    def selected_unit(self) -> Unit | None:
        return self.unit_at(self.table.currentIndex())

    def _show_findings(self, current: QModelIndex) -> None:
        self.findings.clear()
        unit = self.unit_at(current)
        self.copy_button.setEnabled(unit is not None and needs_notice(unit))
        for f in sorted(unit.findings, key=lambda f: f.severity != "error") if unit else []:  # errors first
            rule = f"（{f.rule}）" if f.rule else ""
            item = QListWidgetItem(f"{SEVERITY_TEXT.get(f.severity, '')}{rule}：{f.message}")
            item.setForeground(QBrush(ERROR_FG if f.severity == "error" else WARNING_FG))
            item.setData(UNIT_ROLE, f)
            self.findings.addItem(item)

    def _open_row(self, index: QModelIndex) -> None:
        unit = self.unit_at(index)
        if unit is None:
            return
        first = next(
            (f for f in unit.findings if f.severity == "error"), unit.findings[0] if unit.findings else None
        )
        self._open(unit, first)

    def _open_finding(self, item: QListWidgetItem) -> None:
        unit = self.selected_unit()
        if unit is not None:
            self._open(unit, item.data(UNIT_ROLE))

    def _open(self, unit: Unit, found: Found | None) -> None:
        if unit.status == "unreadable":
            dialogs.tell(self, "无法打开", unit.findings[0].message if unit.findings else "该文件无法读取。")
            return
        self.unitActivated.emit(unit.path, found)

    def office(self) -> str | None:
        """The issuing office the clerk typed (None: the letters say it is still to be filled)."""
        return self.office_edit.text().strip() or None

    def copy_notice(self) -> None:
        from giedit.review.notices import notice_text

        unit = self.selected_unit()
        if unit is not None and self.result is not None:
            QGuiApplication.clipboard().setText(notice_text(unit, self.result.year, office=self.office()))
            self.status.setText(f"已复制「{unit.body or unit.file}」的整改通知，可粘贴到消息或邮件中。")

    def export(self) -> Path | None:
        """Ask where to save 审核结果.xlsx; the notices go to the folder beside it."""
        if self.result is None:
            return None
        suggested = str(Path(self.result.folder).parent / "审核结果.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "导出审核结果", suggested, WORKBOOK_FILTER)
        return self.export_to(Path(path)) if path else None

    def export_to(self, path: Path) -> Path | None:
        from giedit.review.command import notices_folder
        from giedit.review.notices import write_notices
        from giedit.review.workbook import write_workbook

        assert self.result is not None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            write_workbook(self.result, path)
            notices = write_notices(self.result, notices_folder(path, None), office=self.office())
        except ReviewFailed as err:
            dialogs.tell(self, "无法导出", str(err))
            return None
        self.status.setText(f"已导出审核结果「{path.name}」和 {len(notices)} 份整改通知。")
        return path

    def closeEvent(self, event) -> None:
        if self.runner is not None:
            self.runner.stop = True
            self.runner.wait()
        super().closeEvent(event)


def to_finding(found: Found) -> Finding:
    """The review's record of a finding as the editor's checks panel knows it."""
    return Finding(found.rule, Severity(found.severity), found.cells, found.message, found.section)


def open_unit(window, path: Path, found: Found | None) -> bool:
    """Open a unit's report in the editor (a published one is imported) at the finding."""
    from giedit.importers.start import is_giedit_file

    opened = window.open_path(path) if is_giedit_file(path) else window.import_path(path)
    if opened and found is not None and found.rule:
        window.go_to_finding(to_finding(found))
    return opened


def show_review(window) -> ReviewWindow:
    """The window's one 汇总审核 window, created on first use and kept beside the editor."""
    existing = getattr(window, "review_window", None)
    if isinstance(existing, ReviewWindow):
        existing.show()
        existing.raise_()
        return existing
    dialog = ReviewWindow(window, window.settings.deadline())
    dialog.unitActivated.connect(lambda path, found: open_unit(window, Path(path), found))
    window.review_window = dialog
    dialog.show()
    return dialog
