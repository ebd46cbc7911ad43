"""The main window: parts on the left, the part's editor in the centre, findings below.

The window owns no report data. It shows one ``Document``; opening a file replaces the document
and rebuilds the editors from the new report's format, so a 2019 and a 2021 report each get
their own generated tables.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from giedit.checks import Finding
from giedit.model import edits
from giedit.model.storage import SUFFIX, FileError
from giedit.ui.checks_panel import ChecksPanel
from giedit.ui.colours import ERROR_FG, WARNING_FG
from giedit.ui.document import Document
from giedit.ui.info_form import InfoForm
from giedit.ui.navigator import Navigator
from giedit.ui.pages import SectionPage, TablePage
from giedit.ui.parts import INFO, PART_IDS, part_of, tally

FILE_FILTER = f"giedit 年度报告 (*{SUFFIX});;所有文件 (*)"
NOTICE_MS = 8000
OPEN_FAILED = "无法打开文件"


class MainWindow(QMainWindow):
    """The editor window for one document at a time."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.pages: dict[str, QWidget] = {}
        self.undo_group = QUndoGroup(self)
        self.navigator = Navigator()
        self.stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        em = self.fontMetrics().horizontalAdvance("汉")
        splitter.setSizes([12 * em, 100 * em])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.checks = ChecksPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks)
        self.counts_label = QLabel()
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.save_label)
        self._build_actions()
        self.navigator.partSelected.connect(self.show_part)
        self.checks.findingActivated.connect(self.go_to_finding)
        self.set_document(document)
        self.resize(QSize(1366, 768).boundedTo(self.screen().availableGeometry().size()))
        self.resizeDocks([self.checks], [self.fontMetrics().height() * 6], Qt.Orientation.Vertical)

    # -- actions -------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | None = None,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        pix = QStyle.StandardPixmap
        keys = QKeySequence.StandardKey
        self.open_action = self._action(
            "打开…", self.open_file, QKeySequence(keys.Open), pix.SP_DialogOpenButton
        )
        self.save_action = self._action("保存", self.save, QKeySequence(keys.Save), pix.SP_DialogSaveButton)
        self.save_as_action = self._action("另存为…", self.save_as, QKeySequence(keys.SaveAs))
        quit_action = self._action("退出", self.close, QKeySequence(keys.Quit))
        self.undo_action = self.undo_group.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence(keys.Undo))
        self.undo_action.setIcon(self.style().standardIcon(pix.SP_ArrowBack))
        self.redo_action = self.undo_group.createRedoAction(self, "重做")
        self.redo_action.setShortcut(QKeySequence(keys.Redo))
        self.redo_action.setIcon(self.style().standardIcon(pix.SP_ArrowForward))
        self.paste_action = self._action("粘贴", self.paste, QKeySequence(keys.Paste))
        self.fill_action = self._action("全部填0", self.fill_blanks)
        self.fill_action.setToolTip("把本表剩下的空白单元格都填为0（可撤销）")
        self.recompute_action = self._action("重算合计", self.recompute_totals, QKeySequence("F9"))
        self.recompute_action.setToolTip("按各项数字重新计算所有合计（可撤销）")

        file_menu = self.menuBar().addMenu("文件(&F)")
        for a in (self.open_action, self.save_action, self.save_as_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        for a in (self.undo_action, self.redo_action, self.paste_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.fill_action)
        edit_menu.addAction(self.recompute_action)
        view_menu = self.menuBar().addMenu("视图(&V)")
        view_menu.addAction(self.checks.toggleViewAction())

        bar = QToolBar("工具栏", self)
        bar.setObjectName("toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        groups = (
            (self.open_action, self.save_action),
            (self.undo_action, self.redo_action),
            (self.paste_action, self.fill_action, self.recompute_action),
        )
        for group in groups:
            if bar.actions():
                bar.addSeparator()
            bar.addActions(list(group))
        self.addToolBar(bar)

    # -- the document --------------------------------------------------------------------------

    def set_document(self, document: Document) -> None:
        """Show ``document``: rebuild the editors for its format and follow its signals."""
        old = self.document
        self.document = document
        document.setParent(self)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        fmt = document.report.definition
        self.pages = {}
        for part in PART_IDS:
            if part == INFO:
                page: QWidget = InfoForm(document)
            elif (table := fmt.section(part).table) is not None:
                page = TablePage(document, table)
            else:
                page = SectionPage(document, part)
            self.pages[part] = page
            self.stack.addWidget(page)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        if old is not document:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self.navigator.set_document(document)
        self.checks.set_document(document)
        document.changed.connect(self._show_counts)
        document.undo_stack.cleanChanged.connect(self._show_title)
        document.saved.connect(self._show_title)
        document.notice.connect(lambda text: self.statusBar().showMessage(text, NOTICE_MS))
        self._show_counts()
        self._show_title()
        self.navigator.select_part(INFO)

    def _show_title(self) -> None:
        doc = self.document
        self.setWindowTitle(f"{doc.name}[*] — giedit")
        clean = doc.undo_stack.isClean()
        self.setWindowModified(not clean)
        if doc.path is None:
            self.save_label.setText("新报告，尚未保存")
        else:
            self.save_label.setText("已保存" if clean else "有未保存的修改")

    def _show_counts(self) -> None:
        errors, warnings = tally(self.document.findings)
        self.counts_label.setText(
            f"<span style='color:{ERROR_FG.name()}'>错误 {errors}</span>　"
            f"<span style='color:{WARNING_FG.name()}'>提醒 {warnings}</span>"
        )

    # -- navigation ----------------------------------------------------------------------------

    def show_part(self, part: str) -> None:
        self.stack.setCurrentWidget(self.pages[part])

    def current_table(self) -> TablePage | None:
        page = self.stack.currentWidget()
        return page if isinstance(page, TablePage) else None

    def go_to_finding(self, finding: Finding) -> None:
        """Switch to the finding's part and select its cells there."""
        part = part_of(finding, self.document.report.definition)
        self.navigator.select_part(part)
        page = self.pages[part]
        if isinstance(page, TablePage):
            page.view.select_cells(list(finding.cells))

    # -- edit actions --------------------------------------------------------------------------

    def _need_table(self) -> TablePage | None:
        page = self.current_table()
        if page is None:
            self.statusBar().showMessage("请先在左侧选择一个表格部分（二、三、四）", NOTICE_MS)
        return page

    def paste(self) -> None:
        if page := self._need_table():
            page.view.paste()

    def fill_blanks(self) -> None:
        if page := self._need_table():
            page.model.fill_blanks()

    def recompute_totals(self) -> None:
        edit = edits.recompute_totals(self.document.report)
        if edit is None:
            self.statusBar().showMessage("所有合计都与各项之和一致，无需重算", NOTICE_MS)
            return
        self.document.push(edit, "重算合计")
        self.statusBar().showMessage(f"已重算 {len(edit.changes)} 个合计", NOTICE_MS)

    # -- files ---------------------------------------------------------------------------------

    def _folder(self) -> str:
        return str(self.document.path.parent) if self.document.path else str(Path.home())

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开报告", self._folder(), FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a report file; a damaged file gets the core's Chinese message, never a traceback."""
        try:
            document = Document.open(path)
        except FileError as err:
            QMessageBox.warning(self, OPEN_FAILED, str(err))
            return False
        self.set_document(document)
        self.statusBar().showMessage(f"已打开「{document.name}」", NOTICE_MS)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        suggested = str(Path(self._folder()) / f"{self.document.report.display_title()}{SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self, "另存为", suggested, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        try:
            self.document.save(path)
        except FileError as err:
            QMessageBox.warning(self, "无法保存文件", str(err))
            return False
        self.statusBar().showMessage(f"已保存到「{self.document.name}」", NOTICE_MS)
        return True
