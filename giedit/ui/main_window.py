"""The main window: parts on the left, the part's editor in the centre, findings below.

The window owns no report data. It shows one ``Document``; opening a file replaces the document
and rebuilds the editors from the new report's format, so a 2019 and a 2021 report each get
their own generated tables. It also runs the file workflow (新建, 打开, 保存, 另存为, recent
files, the unsaved-changes guard), the recovery copy and the settings, and the exchange with the
world outside giedit: 用上年报告新建 and 导入 (a new unsaved document, with a report of what was
read, replaced and lost beside it), 导出 (DOCX and PDF in one click, after a pre-flight check) and
打印预览. Their dialogs live in ``exchange.py`` and ``preview.py``; the work is done headless by
``giedit.importers`` and ``giedit.export``. Before there is a report the centre shows the start
page (``start_page.py``); 历史版本 is ``history.py``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from giedit.checks import Finding, Severity, active
from giedit.model import edits, recovery, sentences, sources
from giedit.model.errors import ClerkError
from giedit.model.register import TABLE as REGISTER_TABLE
from giedit.model.report import Report, new_report
from giedit.model.storage import SUFFIX, ConflictError, FileError
from giedit.ui import dialogs, window_fit
from giedit.ui.autosave import Autosaver
from giedit.ui.checks_panel import ChecksPanel
from giedit.ui.colours import ERROR_FG, WARNING_FG
from giedit.ui.commands import EditCommand
from giedit.ui.document import Document
from giedit.ui.info_form import InfoForm
from giedit.ui.lazy_pages import Pages
from giedit.ui.narrative import NarrativeEditor
from giedit.ui.navigator import Navigator
from giedit.ui.parts import INFO, PART_IDS, part_of, tally
from giedit.ui.places import text_editor
from giedit.ui.settings import Settings
from giedit.ui.sharing import DiskGuard

if TYPE_CHECKING:  # the importers (and lxml) load on the first import, the dialogs when first used
    from giedit.export import ExportOptions
    from giedit.importers import ImportResult
    from giedit.importers.start import StartFromLast
    from giedit.ui import exchange
    from giedit.ui.pages import TablePage

FILE_FILTER = f"giedit 年度报告 (*{SUFFIX});;所有文件 (*)"
_PUBLISHED = "*.docx *.doc *.wps *.odt *.rtf *.pdf *.html *.htm *.mhtml *.mht *.txt"
PUBLISHED_FILTER = (
    f"已发布的报告 ({_PUBLISHED});;Word/WPS 文档 (*.docx *.doc *.wps *.odt *.rtf);;PDF 文件 (*.pdf);;"
    "网页 (*.html *.htm *.mhtml *.mht);;文本文件 (*.txt);;所有文件 (*)"
)
LAST_YEAR_FILTER = f"上年的报告 (*{SUFFIX} {_PUBLISHED});;所有文件 (*)"
NOTICE_MS = 8000
OPEN_FAILED = "无法打开文件"
EXPORT_FAILED = "无法导出"


class MainWindow(QMainWindow):
    """The editor window for one document at a time. ``documentChanged``: another one is shown."""

    documentChanged = Signal()

    def __init__(self, document: Document, settings: Settings | None = None) -> None:
        super().__init__()
        self.start_mode: QObject | None = None  # the start page, while no report is shown
        self.settings = settings or Settings()
        self.document = document
        self.pages = Pages(lambda part: self._build_page(document, part))
        self.preflight: exchange.PreflightDialog | None = None  # the last 导出前检查, for tests
        self.preview_dialog: QDialog | None = None
        self.last_text: NarrativeEditor | None = None  # where 插入到正文 puts a table's number
        self.report_dialog: QDialog | None = None  # the import or roll-forward report beside the editor
        self.undo_group = QUndoGroup(self)
        self.autosave = Autosaver(self.settings.idle_ms(), self, self.settings.max_ms())
        self.guard = DiskGuard(self)  # the lock beside the file, and its content on disk
        self.navigator = Navigator()
        self.stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        em = self.fontMetrics().horizontalAdvance("汉")
        splitter.setSizes([12 * em, 100 * em])
        splitter.setChildrenCollapsible(False)
        editor = QWidget()  # the lock/conflict band above the parts
        column = QVBoxLayout(editor)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.guard.bar)
        column.addWidget(splitter, 1)
        self.central = QStackedWidget()  # the editor, or the start page before there is a report
        self.central.addWidget(editor)
        self.setCentralWidget(self.central)
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
        self.resizeDocks([self.checks], [self.fontMetrics().height() * 6], Qt.Orientation.Vertical)
        self.restored = window_fit.restore(self, self.settings)  # True: the last session's geometry

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
        self.history_action = self._action("历史版本…", self.show_history)
        self.history_action.setToolTip("查看这份报告以前保存的版本（自动保留最近 5 个），可恢复其中一个")
        self.settings_action = self._action("设置…", self.edit_settings)
        self.from_last_action = self._action("用上年报告新建…", self.new_from_last)
        self.from_last_action.setToolTip(
            "选择上年的报告（giedit 文件、Word 文档或文本），结转为今年的报告草稿"
        )
        self.import_action = self._action("导入已发布的报告…", self.import_published)
        self.import_action.setToolTip("读取已发布的年度报告（Word 文档或文本），作为新报告打开")
        self.review_action = self._action("汇总审核…", self.open_review)
        self.review_action.setToolTip("审核一个文件夹中各单位的报告，生成审核清单、汇总表和整改通知")
        self.export_action = self._action("导出", self.export_report, QKeySequence("Ctrl+E"))
        self.export_action.setToolTip("导出 Word 和 PDF 文件（Ctrl+E），导出前先检查")
        self.export_options_action = self._action("导出选项…", self.edit_export_options)
        self.copy_html_action = self._action("复制为网页", self.copy_as_html)
        self.copy_html_action.setToolTip("把报告（含表格）复制为网页，可直接粘贴到门户网站后台的编辑器中")
        self.preview_action = self._action("打印预览…", self.preview, QKeySequence(keys.Print))
        self.preview_action.setToolTip("按导出的 PDF 逐页预览，可在预览中打印")
        self.quit_action = self._action("退出", self.close, QKeySequence(keys.Quit))
        self.undo_action = self._action("撤销", self.undo, QKeySequence(keys.Undo), pix.SP_ArrowBack)
        self.redo_action = self._action("重做", self.redo, QKeySequence(keys.Redo), pix.SP_ArrowForward)
        redo_keys = QKeySequence.keyBindings(keys.Redo)
        if QKeySequence("Ctrl+Y") not in redo_keys:  # 重做 is Ctrl+Y in Word and WPS, on every system
            redo_keys.append(QKeySequence("Ctrl+Y"))
        self.redo_action.setShortcuts(redo_keys)
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
        self.fill_action.setToolTip("把本表剩下的空白单元格都填为0：先说明要填多少格，确认后才填（可撤销）")
        self.recompute_action = self._action("重算合计", self.recompute_totals, QKeySequence("F9"))
        self.recompute_action.setToolTip("按各项数字重新计算所有合计（可撤销）")
        self.register_action = self._action("表三：从台账计算…", self.compute_from_register)
        self.register_action.setToolTip("读取依申请公开登记台账，自动计算表三的全部数字（可撤销）")
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
        self.file_menu.addAction(self.history_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.from_last_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.review_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.export_options_action)
        self.file_menu.addAction(self.copy_html_action)
        self.file_menu.addAction(self.preview_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        for a in (self.undo_action, self.redo_action, self.paste_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.fill_action)
        edit_menu.addAction(self.recompute_action)
        edit_menu.addAction(self.register_action)
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
            (self.export_action, self.preview_action),
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
        self._close_report_dialog()
        document.set_deadline(self.settings.deadline())
        for page in self.pages.built():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = Pages(lambda part: self._build_page(document, part))
        self.last_text = None
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
        self.guard.follow(document)
        self._show_counts()
        self._show_title()
        self.navigator.select_part(INFO)
        self.documentChanged.emit()

    def _build_page(self, document: Document, part: str) -> QWidget:
        """The editor of one part, built when it is first shown or asked for: building all seven
        up front was a third of the start-up, and most sessions never open some of them. Their
        modules load the same way: 基本信息, shown first, needs no table form."""
        page: QWidget
        if part == INFO:
            page = InfoForm(document)
            page.findings.findingActivated.connect(self.go_to_finding)
        elif (table := document.report.definition.section(part).table) is not None:
            from giedit.ui.pages import TablePage

            page = TablePage(document, table)
            page.view.insertFigure.connect(self.insert_figure)
        else:
            from giedit.ui.pages import SectionPage

            page = SectionPage(document, part)
            page.findings.findingActivated.connect(self.go_to_finding)
        for editor in page.findChildren(NarrativeEditor):
            editor.activated.connect(lambda e=editor: self._writing_in(e))
        self.stack.addWidget(page)
        return page

    def _show_title(self) -> None:
        doc = self.document
        self.setWindowTitle(f"{doc.name}{'（只读）' if doc.read_only else ''}[*] — giedit")
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
        return _table_page(self.stack.currentWidget())

    def go_to_finding(self, finding: Finding) -> None:
        """Switch to the finding's part and select its cells there, or its number in the text."""
        part = part_of(finding, self.document.report.definition)
        self.navigator.select_part(part)
        page = self.pages[part]
        editor = text_editor(page, finding.section)
        table = _table_page(page)
        if finding.place is not None and editor is not None:
            if table is not None:
                table.note_toggle.setChecked(True)
            editor.select(*finding.place)
        elif table is not None:
            table.view.select_cells(list(finding.cells))

    def _writing_in(self, editor: NarrativeEditor) -> None:
        self.last_text = editor

    def insert_figure(self, cell_id: str) -> None:
        """插入到正文: the table's number as a figure where the clerk last wrote (else in 一)."""
        editor = self.last_text or text_editor(self.pages[sentences.SECTION], sentences.SECTION)
        if editor is None or not editor.insert_figure(ref=cell_id):
            return
        where = editor.where
        self.navigator.select_part(INFO if where == edits.PREAMBLE else where)
        self.statusBar().showMessage("已把表格数字插入正文，之后随表格自动更新", NOTICE_MS)

    def go_to_place(self, cell: str | None, section: str | None = None) -> None:
        """Show a cell (selected in its table) or a part, e.g. from a note of the import report."""
        fmt = self.document.report.definition
        if cell in fmt.cells:
            part = fmt.table(fmt.cells[cell].table).section  # type: ignore[index]
        else:
            part = section if section in PART_IDS else INFO
        self.navigator.select_part(part)
        table = _table_page(self.pages[part])
        if cell and table is not None:
            table.view.select_cells([cell])

    # -- edit actions --------------------------------------------------------------------------

    def undo(self) -> None:
        self.document.flush()
        stack = self.document.undo_stack
        if stack.canUndo():
            stack.undo()
            self._reveal(stack.command(stack.index()))

    def redo(self) -> None:
        self.document.flush()
        stack = self.document.undo_stack
        if stack.canRedo():
            stack.redo()
            self._reveal(stack.command(stack.index() - 1))

    def show_history(self) -> None:
        """历史版本… (its dialog module loads on first use, not at start-up)."""
        from giedit.ui import history

        history.show_history(self)

    def _reveal(self, command: object) -> None:
        """Undo and redo show what they changed (ui/edit_places.py)."""
        from giedit.ui import edit_places

        if isinstance(command, EditCommand):
            edit_places.reveal(self, command.edit)

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
            where = self.document.report.definition.section(page.section_id).title
            page.model.fill_blanks(lambda count: dialogs.ask_fill_zero(self, count, where))

    def recompute_totals(self) -> None:
        edit = edits.recompute_totals(self.document.report)
        if edit is None:
            self.statusBar().showMessage("所有合计都与各项之和一致，无需重算", NOTICE_MS)
            return
        self.document.push(edit, "重算合计")
        self.statusBar().showMessage(f"已重算 {len(edit.changes)} 个合计", NOTICE_MS)

    def compute_from_register(self) -> None:
        """表三 → 从台账计算…: show table 三 and open the register dialog under it."""
        fmt = self.document.report.definition
        part = fmt.table(REGISTER_TABLE).section
        self.navigator.select_part(part)
        table = _table_page(self.pages[part])
        if table is not None and table.register_panel is not None:
            table.register_panel.open_dialog()

    def generate_sentences(self) -> None:
        """「从表格生成」 into 一 总体情况, from the menu."""
        from giedit.ui.pages import SectionPage

        part = sentences.SECTIONS[0]
        self.navigator.select_part(part)
        page = self.pages[part]
        if isinstance(page, SectionPage):
            page.editor.generate()

    # -- files ---------------------------------------------------------------------------------

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
        from giedit.ui import file_dialogs

        path = file_dialogs.ask_open(self, self.settings, "打开报告", FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a report file; a damaged file gets the core's Chinese message, never a traceback.
        A published report (Word, PDF, web page, text) is offered for import instead."""
        if (offered := self.open_published(path)) is not None:
            return offered
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

    def open_published(self, path: str | Path) -> bool | None:
        """None when ``path`` is not a published report's file (it is opened as a giedit file);
        else the clerk chose: 导入, 用它新建下一年度报告 (True when done) or 取消 (False).

        Clerks pick last year's Word or PDF report in 打开 or drop it on the program's icon; the
        giedit file's refusal (是二进制文件) would leave them with no way on."""
        p = Path(path)
        kind = dialogs.PUBLISHED_KINDS.get(p.suffix.lower())
        if kind is None or not p.is_file():
            return None
        from giedit.importers.start import is_giedit_file

        if is_giedit_file(p):  # a report file saved under another suffix opens as one
            return None
        answer = dialogs.ask_open_published(self, p.name, kind)
        if answer is dialogs.Answer.IMPORT:
            return self.import_path(p)
        if answer is dialogs.Answer.START_FROM:
            return self.new_from_path(p)
        return False

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
        if self.document.path is None or self.document.read_only:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        from giedit.ui import file_dialogs

        self.document.flush()
        doc = self.document
        name = f"{doc.report.display_title()}{SUFFIX}"
        folder = doc.path.parent if doc.path else None
        path = file_dialogs.ask_save(self, self.settings, "另存为", name, FILE_FILTER, folder)
        if not path:
            return False
        if not path.endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        if not self.guard.may_save_to(Path(path)):
            return False
        try:
            self.document.save(path)
        except ConflictError:
            return self.guard.resolve(on_save=True)
        except FileError as err:
            QMessageBox.warning(self, "无法保存文件", str(err))
            return False
        self.settings.add_recent(path)
        self.statusBar().showMessage(f"已保存到「{self.document.name}」", NOTICE_MS)
        return True

    # -- 用上年报告新建, 导入, 导出, 打印预览 -------------------------------------------------------------

    def open_unsaved(self, report: Report) -> Document:
        """Show a report made here (imported, rolled forward) as a new document not yet saved."""
        document = Document(report)
        document.mark_modified()  # closing asks to save it; the recovery copy keeps it meanwhile
        self.set_document(document)
        return document

    def _close_report_dialog(self) -> None:
        dialog, self.report_dialog = self.report_dialog, None
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()

    def _show_report_dialog(self, dialog: exchange.ImportReportDialog | exchange.RollForwardDialog) -> None:
        """Beside the editor, not modal: the clerk checks the notes against the report."""
        from giedit.ui import placement

        self._close_report_dialog()
        dialog.placeActivated.connect(lambda cell, section: placement.go_beside(self, dialog, cell, section))
        self.report_dialog = dialog
        dialog.show()

    def _busy(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def _idle(self) -> None:
        QGuiApplication.restoreOverrideCursor()

    def import_published(self) -> bool:
        from giedit.ui import file_dialogs

        path = file_dialogs.ask_open(self, self.settings, "导入已发布的报告", PUBLISHED_FILTER)
        return bool(path) and self.import_path(path)

    def _import(self, path: str | Path) -> ImportResult | None:
        """Import, asking for the year when the source prints none and for the body's name when
        none was found (it may stay empty)."""
        from giedit.importers import ImportFailed, NeedsYear, import_file
        from giedit.importers.document import fill_in_body
        from giedit.ui import exchange

        year: int | None = None
        while True:
            self._busy()
            try:
                result = import_file(path, year=year)
                break
            except NeedsYear:
                self._idle()
                facts = exchange.ask_missing_facts(self, Path(path).name, year=True, body=False)
                if facts is None:
                    return None
                year = facts[0]
            except ImportFailed as err:
                self._idle()
                dialogs.tell(self, "无法导入", str(err))
                return None
        self._idle()
        if not result.report.body.name:
            facts = exchange.ask_missing_facts(self, Path(path).name, year=False, body=True)
            if facts is not None and facts[1]:
                fill_in_body(result, facts[1])
        return result

    def import_path(self, path: str | Path) -> bool:
        """Import a published report (.docx or text) and open it as a new unsaved document."""
        from giedit.ui import exchange

        result = self._import(path)
        if result is None:
            return False
        if not self.maybe_save():
            return False
        sources.record(result.report, path)  # the published file: never an export target
        self.open_unsaved(result.report)
        self._show_report_dialog(exchange.ImportReportDialog(result, self))
        blank = len(result.missing_cells)
        rest = f"，{blank} 个单元格空白，请核对" if blank else "，请核对后保存"
        self.statusBar().showMessage(f"已导入「{Path(path).name}」{rest}", NOTICE_MS)
        return True

    def open_review(self) -> QDialog:
        """文件 → 汇总审核…: the county's review of a folder of units' reports, beside the editor."""
        from giedit.ui.review_window import show_review

        return show_review(self)

    def new_from_last(self) -> bool:
        from giedit.ui import file_dialogs

        path = file_dialogs.ask_open(self, self.settings, "选择上年的报告", LAST_YEAR_FILTER)
        return bool(path) and self.new_from_path(path)

    def _start(self, path: str | Path, year: int | None = None) -> StartFromLast | None:
        from giedit.importers import NeedsYear
        from giedit.importers.start import start_from_last
        from giedit.ui import exchange

        self._busy()
        try:
            return start_from_last(path, year)
        except NeedsYear:
            self._idle()
            facts = exchange.ask_missing_facts(self, Path(path).name, year=True, body=False)
            return None if facts is None or facts[0] is None else self._start(path, facts[0] + 1)
        except ClerkError as err:  # import, roll-forward or reading: the clerk's own message
            problem = str(err)
        finally:
            self._idle()
        dialogs.tell(self, "无法用上年报告新建", problem)
        return None

    def new_from_path(self, path: str | Path) -> bool:
        """用上年报告新建 from last year's .giedit, .docx or text: the year, then the new draft."""
        from giedit.ui import exchange

        name = Path(path).name
        started = self._start(path)
        if started is None:
            return False
        year = exchange.ask_roll_year(self, started, name)
        if year is None:
            return False
        from giedit.importers.start import with_year

        started = with_year(started, year)  # the dialog only offers years the roll accepts
        if not self.maybe_save():
            return False
        report = started.rolled.report
        self.open_unsaved(report)
        self._show_report_dialog(exchange.RollForwardDialog(started, name, self))
        self.statusBar().showMessage(
            f"已用上年报告新建{report.year}年度报告，使用{report.definition.name}，请修改后保存", NOTICE_MS
        )
        return True

    # -- 导出 and 打印预览

    def export_options(self) -> ExportOptions:
        from giedit.export import ExportOptions  # the exporters load with the first export, not at start-up

        return ExportOptions(page_numbers=self.settings.export_page_numbers())

    def export_stem(self, draft: bool = False) -> str:
        """The exported files' name: the report file's, else the report's title."""
        from giedit.export import targets as export_targets

        return export_targets.export_stem(self.document.path, self.document.report.display_title(), draft)

    def _export_folder(self) -> Path | None:
        """Where 导出 writes: the chosen folder, else beside the report file, else the last export's
        folder; the first export of a report not yet saved asks for one."""
        from giedit.ui import file_dialogs

        settings = self.settings
        folder = settings.export_folder()
        if not settings.export_beside() and folder:
            return Path(folder)  # a folder that went missing gets the export's own message
        if self.document.path is not None:
            return self.document.path.parent
        if folder and Path(folder).is_dir():
            return Path(folder)
        chosen = file_dialogs.ask_folder(self, settings, "选择导出文件夹")
        return Path(chosen) if chosen else None

    def export_report(self) -> None:
        """导出: check first; with errors the pre-flight dialog lists them (click one to go there)
        and only 导出草稿 exports. Without errors it opens only for what the clerk must see before
        publishing: no 成文日期, last year's content still in the report (``checks.last_year``),
        characters the PDF prints as boxes; 返回修改 is its default, 仍要导出 writes the files.
        Otherwise one click writes the files."""
        from giedit.checks.acceptance import blocking_findings
        from giedit.checks.last_year import descriptions, last_years_content
        from giedit.export import glyph_findings
        from giedit.ui import exchange

        self.document.flush()
        if self._refused_entries():
            return
        report = self.document.report
        errors = blocking_findings(report)
        warnings = [f for f in active(self.document.findings) if f.severity is Severity.WARNING]
        undated = exchange.missing_date(report, warnings)
        stale = last_years_content(warnings)
        boxes = glyph_findings(report)  # characters the PDF would print as boxes
        if not errors and undated is None and not stale and not boxes:
            self.export_files(draft=False)
            return
        if undated is not None:  # named first, so the clerk sees it
            warnings = [undated, *(f for f in warnings if f is not undated)]
        if self.preflight is not None:
            self.preflight.deleteLater()
        notices = warnings if errors else [f for f in (undated, *stale, *boxes) if f is not None]
        dialog = exchange.PreflightDialog(errors, notices, self, descriptions(report, stale))
        dialog.findingActivated.connect(self.go_to_finding)
        dialog.accepted.connect(lambda: self.export_files(draft=bool(errors)))
        self.preflight = dialog
        dialog.open()

    def _refused_entries(self) -> bool:
        """An entry of 基本信息 that was refused (a 成文日期 that is no date) would be exported or
        copied as the value the report still holds: say so and show it instead. True when there is
        one."""
        info = self.pages[INFO]
        pending = info.findings.unapplied if isinstance(info, InfoForm) else []
        if pending:
            self.navigator.select_part(INFO)
            dialogs.tell(self, "有输入未生效", "；".join(pending) + "。", "请改正或按 Esc 恢复后再导出。")
        return bool(pending)

    def export_files(self, draft: bool = False) -> list[Path]:
        """Write the chosen formats (DOCX and PDF by default) side by side; each file is written
        whole or not at all. Returns the files written."""
        from giedit.export import ExportError, export_all
        from giedit.ui import overwrite

        folder = self._export_folder()
        if folder is None:
            return []
        report, options = self.document.report, self.export_options()
        targets = [folder / f"{self.export_stem(draft)}.{fmt}" for fmt in self.settings.export_formats()]
        plan = overwrite.confirm(self, report, targets)  # an existing file only after 「替换」
        if plan is None:
            return []
        written: list[Path] = []
        problem = None
        self._busy()
        try:
            written = export_all(report, plan.paths, draft=draft, options=options, replace=plan.replace)
        except ExportError as err:
            problem = str(err)
        finally:
            self._idle()
        if problem is not None:
            dialogs.tell(self, EXPORT_FAILED, problem, "没有写入任何文件，原有的文件都未改动。")
            return written
        self.settings.set_export_folder(str(folder))
        what = "草稿" if draft else "报告"
        self.statusBar().showMessage(f"已导出{what}：{'、'.join(p.name for p in written)}", NOTICE_MS)
        info = "\n".join(p.name for p in written)
        if draft:
            info += "\n\n页眉印有“草稿”。改正错误后请重新导出正式版本。"
        if self.document.path is None:
            info += "\n\n这份报告本身还没有保存为 giedit 文件，请记得保存。"
        elif self.document.modified:
            info += (
                "\n\n导出的是窗口中的当前内容，其中有尚未保存的修改；"
                f"报告文件「{self.document.name}」还没有保存这些修改，请记得保存。"
            )
        warnings = sum(f.severity is Severity.WARNING for f in active(self.document.findings))
        if warnings:
            info += f"\n\n另有 {warnings} 个提醒（不影响导出），可在“检查结果”中查看。"
        text = f"已导出{what}到文件夹「{folder}」："
        if dialogs.ask_open_folder(self, "导出完成", text, info):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return written

    def copy_as_html(self) -> None:
        """复制为网页: the report as HTML (and plain text) on the clipboard, for a portal's CMS
        editor; with errors both are marked 草稿, as an exported draft is (an editor that pastes
        the plain text must not lose the mark)."""
        from giedit.checks.acceptance import blocking_findings
        from giedit.export.html_writer import html_fragment, plain_text

        self.document.flush()
        if self._refused_entries():
            return
        report = self.document.report
        draft = bool(blocking_findings(report))
        data = QMimeData()
        data.setHtml(html_fragment(report, draft=draft))
        data.setText(plain_text(report, draft=draft))
        QGuiApplication.clipboard().setMimeData(data)
        note = "（报告还有错误，已标为“草稿”）" if draft else ""
        self.statusBar().showMessage(f"已复制为网页{note}，可粘贴到网站后台的编辑器中", NOTICE_MS)

    def edit_export_options(self) -> None:
        from giedit.ui import exchange

        s = self.settings
        folder = s.export_folder() or (str(self.document.path.parent) if self.document.path else "")
        current = exchange.ExportChoices(
            s.export_formats(), s.export_beside(), folder, s.export_page_numbers()
        )
        choices = exchange.ask_export_options(self, current)
        if choices is None:
            return
        s.set_export_formats(choices.formats)
        s.set_export_beside(choices.beside)
        if choices.folder:
            s.set_export_folder(choices.folder)
        s.set_export_page_numbers(choices.page_numbers)
        self.statusBar().showMessage("导出选项已保存", NOTICE_MS)

    def preview(self) -> QDialog:
        """打印预览 of the PDF 导出 would write (a draft, under a banner, when there are errors)."""
        from giedit.checks.acceptance import blocking_findings
        from giedit.ui.preview import PreviewDialog  # QtPdf loads on first use, not at start-up

        self.document.flush()
        report = self.document.report.model_copy(deep=True)
        self._busy()
        try:
            draft = bool(blocking_findings(report))
            folder = str(self.document.path.parent) if self.document.path else self.settings.export_folder()
            dialog = PreviewDialog(report, draft, self.export_options(), folder, self.export_stem(), self)
        finally:
            self._idle()
        if self.preview_dialog is not None:
            self.preview_dialog.deleteLater()
        self.preview_dialog = dialog
        dialog.open()
        return dialog

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
        document = Document(report, path, disk_digest=copy.based_on if path else None)
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

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask about unsaved changes (保存/不保存/取消); on the way out keep the window's layout."""
        if not self.maybe_save():
            event.ignore()
            return
        window_fit.remember(self, self.settings)
        self.settings.sync()
        self.autosave.close()
        self.guard.release()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        """Back at the front: has the file changed on disk meanwhile (another editor, a sync)?"""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.guard.window_activated()


def _table_page(page: QWidget | None) -> TablePage | None:
    """``page`` if it is a table's editor. No page is one before the first table is shown, and the
    table editors' modules (the form, the register) load only then, not at start-up."""
    pages = sys.modules.get("giedit.ui.pages")
    return page if pages is not None and isinstance(page, pages.TablePage) else None
