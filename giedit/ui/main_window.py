"""The main window: parts on the left, the part's editor in the centre, findings below.

The window owns no report data. It shows one ``Document``; opening a file replaces the document
and rebuilds the editors from the new report's format, so a 2019 and a 2021 report each get
their own generated tables. It also runs the file workflow (新建, 打开, 保存, 另存为, recent
files, the unsaved-changes guard), the recovery copy and the settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from giedit.checks import Finding
from giedit.model import edits, recovery, sentences
from giedit.model.report import new_report
from giedit.model.storage import SUFFIX, FileError
from giedit.ui import dialogs
from giedit.ui.autosave import Autosaver
from giedit.ui.checks_panel import ChecksPanel
from giedit.ui.colours import ERROR_FG, WARNING_FG
from giedit.ui.document import Document
from giedit.ui.info_form import InfoForm
from giedit.ui.navigator import Navigator
from giedit.ui.pages import SectionPage, TablePage
from giedit.ui.parts import INFO, PART_IDS, part_of, tally
from giedit.ui.settings import Settings

FILE_FILTER = f"giedit 年度报告 (*{SUFFIX});;所有文件 (*)"
NOTICE_MS = 8000
OPEN_FAILED = "无法打开文件"


class MainWindow(QMainWindow):
    """The editor window for one document at a time."""

    def __init__(self, document: Document, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.document = document
        self.pages: dict[str, QWidget] = {}
        self.undo_group = QUndoGroup(self)
        self.autosave = Autosaver(self.settings.idle_ms(), self)
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
        self._restore_geometry()

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
        self.new_action = self._action("新建…", self.new_file, QKeySequence(keys.New), pix.SP_FileIcon)
        self.new_action.setToolTip("新建一份年度报告（按报告年度选用报告格式）")
        self.open_action = self._action(
            "打开…", self.open_file, QKeySequence(keys.Open), pix.SP_DialogOpenButton
        )
        self.save_action = self._action("保存", self.save, QKeySequence(keys.Save), pix.SP_DialogSaveButton)
        self.save_as_action = self._action("另存为…", self.save_as, QKeySequence(keys.SaveAs))
        self.settings_action = self._action("设置…", self.edit_settings)
        self.quit_action = self._action("退出", self.close, QKeySequence(keys.Quit))
        self.undo_action = self._action("撤销", self.undo, QKeySequence(keys.Undo), pix.SP_ArrowBack)
        self.redo_action = self._action("重做", self.redo, QKeySequence(keys.Redo), pix.SP_ArrowForward)
        self.undo_group.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_group.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_group.undoTextChanged.connect(
            lambda t: self.undo_action.setToolTip(f"撤销：{t}" if t else "撤销")
        )
        self.undo_group.redoTextChanged.connect(
            lambda t: self.redo_action.setToolTip(f"重做：{t}" if t else "重做")
        )
        self.paste_action = self._action("粘贴", self.paste, QKeySequence(keys.Paste))
        self.fill_action = self._action("全部填0", self.fill_blanks)
        self.fill_action.setToolTip("把本表剩下的空白单元格都填为0（可撤销）")
        self.recompute_action = self._action("重算合计", self.recompute_totals, QKeySequence("F9"))
        self.recompute_action.setToolTip("按各项数字重新计算所有合计（可撤销）")
        self.generate_action = self._action("从表格生成总体情况文字", self.generate_sentences)
        self.generate_action.setToolTip("按表格数字在“一”中插入几段叙述文字，供修改（可撤销）")

        self.file_menu = self.menuBar().addMenu("文件(&F)")
        for a in (self.new_action, self.open_action):
            self.file_menu.addAction(a)
        self.recent_menu = QMenu("最近打开的文件", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.save_action)
        self.file_menu.addAction(self.save_as_action)
        # 用上年报告新建、导入、预览与导出 go in this group when they arrive (insert before the anchor).
        self.exchange_anchor = self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        for a in (self.undo_action, self.redo_action, self.paste_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.fill_action)
        edit_menu.addAction(self.recompute_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.generate_action)
        self.edit_menu = edit_menu
        view_menu = self.menuBar().addMenu("视图(&V)")
        view_menu.addAction(self.checks.toggleViewAction())

        bar = QToolBar("工具栏", self)
        bar.setObjectName("toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        groups = (
            (self.new_action, self.open_action, self.save_action),
            (self.undo_action, self.redo_action),
            (self.paste_action, self.fill_action, self.recompute_action),
        )
        for group in groups:
            if bar.actions():
                bar.addSeparator()
            bar.addActions(list(group))
        self.toolbar = bar
        self.addToolBar(bar)

    # -- the document --------------------------------------------------------------------------

    def set_document(self, document: Document) -> None:
        """Show ``document``: rebuild the editors for its format and follow its signals."""
        old = self.document
        self.document = document
        document.setParent(self)
        document.set_deadline(self.settings.deadline())
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        fmt = document.report.definition
        self.pages = {}
        for part in PART_IDS:
            if (table := fmt.section(part).table if part != INFO else None) is not None:
                page: QWidget = TablePage(document, table)
            else:
                page = InfoForm(document) if part == INFO else SectionPage(document, part)
                page.findings.findingActivated.connect(self.go_to_finding)
            self.pages[part] = page
            self.stack.addWidget(page)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        if old is not document:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self.undo_action.setEnabled(document.undo_stack.canUndo())
        self.redo_action.setEnabled(document.undo_stack.canRedo())
        self.navigator.set_document(document)
        self.checks.set_document(document)
        document.changed.connect(self._show_counts)
        document.undo_stack.cleanChanged.connect(self._show_title)
        document.saved.connect(self._show_title)
        document.notice.connect(lambda text: self.statusBar().showMessage(text, NOTICE_MS))
        self.autosave.watch(document)
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

    def undo(self) -> None:
        self.document.flush()
        self.document.undo_stack.undo()

    def redo(self) -> None:
        self.document.flush()
        self.document.undo_stack.redo()

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

    def generate_sentences(self) -> None:
        """「从表格生成」 into 一 总体情况, from the menu."""
        part = sentences.SECTIONS[0]
        self.navigator.select_part(part)
        page = self.pages[part]
        if isinstance(page, SectionPage):
            page.editor.generate()

    # -- files ---------------------------------------------------------------------------------

    def _folder(self) -> str:
        if self.document.path:
            return str(self.document.path.parent)
        recent = self.settings.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def maybe_save(self) -> bool:
        """Before the document goes away: True when it may (saved, discarded or unchanged)."""
        self.document.flush()
        if not self.document.modified:
            return True
        answer = dialogs.ask_unsaved(self, self.document.name)
        if answer is dialogs.Answer.SAVE:
            return self.save()
        return answer is dialogs.Answer.DISCARD

    def new_file(self) -> bool:
        if not self.maybe_save():
            return False
        body = self.document.report.body
        choice = dialogs.ask_new_report(self, body.name, body.kind)
        if choice is None:
            return False
        year, name, kind = choice
        report = new_report(year, name)
        report.body.kind = kind
        self.set_document(Document(report))
        fmt = report.definition
        self.statusBar().showMessage(f"已新建{year}年度报告，使用{fmt.name}", NOTICE_MS)
        return True

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开报告", self._folder(), FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a report file; a damaged file gets the core's Chinese message, never a traceback."""
        if not self.maybe_save():
            return False
        try:
            document = Document.open(path)
        except FileError as err:
            QMessageBox.warning(self, OPEN_FAILED, str(err))
            return False
        self.set_document(document)
        self.settings.add_recent(path)
        self.statusBar().showMessage(f"已打开「{document.name}」", NOTICE_MS)
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for i, f in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{i} {Path(f).name}", lambda f=f: self.open_recent(f))
            action.setToolTip(f)
            action.setStatusTip(f)
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清除列表", self.settings.clear_recent)

    def open_recent(self, path: str) -> bool:
        if not os.path.exists(path):
            QMessageBox.warning(
                self, OPEN_FAILED, f"找不到文件「{Path(path).name}」，已从最近打开的文件中移除。"
            )
            self.settings.remove_recent(path)
            return False
        return self.open_path(path)

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        self.document.flush()
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
        self.settings.add_recent(path)
        self.statusBar().showMessage(f"已保存到「{self.document.name}」", NOTICE_MS)
        return True

    # -- recovery ------------------------------------------------------------------------------

    def offer_recovery(self) -> bool:
        """Offer the copies left by editors that did not close; True when one was restored."""
        for copy in recovery.pending():
            answer = dialogs.ask_recovery(self, copy)
            if answer is dialogs.Answer.LATER:
                return False
            if answer is dialogs.Answer.DISCARD:
                copy.remove()
                continue
            if self.restore(copy):
                return True
        return False

    def restore(self, copy: recovery.Copy) -> bool:
        """Open a recovery copy as a modified document of its file (or as a new report)."""
        if not self.maybe_save():
            return False
        try:
            report = copy.load()
        except FileError as err:
            QMessageBox.warning(self, "无法恢复", str(err))
            return False
        path = copy.document if copy.document and copy.document.parent.is_dir() else None
        document = Document(report, path)
        document.mark_modified()
        self.set_document(document)
        self.autosave.write_now()  # the restored work is safe again before the old copy goes
        copy.remove()
        self.statusBar().showMessage("已恢复上次未保存的修改，请检查后保存", NOTICE_MS)
        return True

    # -- settings and closing ------------------------------------------------------------------

    def edit_settings(self) -> None:
        deadline = dialogs.ask_deadline(self, self.settings.deadline())
        if deadline is None:
            return
        self.settings.set_deadline(*deadline)
        self.document.set_deadline(deadline)
        self.statusBar().showMessage(f"本地发布期限已设为次年{deadline[0]}月{deadline[1]}日", NOTICE_MS)

    def _restore_geometry(self) -> None:
        geometry, state = self.settings.geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes (保存/不保存/取消); on the way out keep the window's layout."""
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.set_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.autosave.close()
        event.accept()
