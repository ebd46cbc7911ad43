"""The start page: what the editor shows when it starts without a report.

Before, giedit opened on a blank report that already showed three red errors, and the ways almost
every clerk starts (用上年报告新建, 导入已发布的报告) were only in the 文件 menu. The start page
offers the four ways to begin, each with one line on what it does (用上年报告新建 first and
marked as the usual one), the recently opened reports, and how many days are left until the
configured publication deadline. No findings, counts or tables are shown until there is a report;
the page goes as soon as the window shows one (whichever way it came: a button, the 文件 menu, a
restored recovery copy).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from giedit.model.deadline import next_deadline
from giedit.model.text import date_text
from giedit.ui.colours import ERROR_FG, MUTED_FG, WARNING_FG
from giedit.ui.labels import heading

if TYPE_CHECKING:
    from giedit.ui.main_window import MainWindow

TITLE = "政府信息公开工作年度报告"
SOON_DAYS = 14  # the deadline turns amber
URGENT_DAYS = 3  # and red
WIDTH_EM = 60
PRIMARY_STYLE = "QCommandLinkButton { border: 1px solid palette(highlight); border-radius: 4px; }"


def deadline_text(today: dt.date, deadline: tuple[int, int]) -> tuple[str, int]:
    """One line on the coming deadline, and the days left."""
    year, due = next_deadline(today, deadline)
    days = (due - today).days
    left = "今天截止" if days == 0 else f"还有 {days} 天"
    return f"{year}年度报告的发布期限：{date_text(due)}，{left}", days


def _link(title: str, description: str) -> QCommandLinkButton:
    button = QCommandLinkButton(title, description)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


class StartPage(QScrollArea):
    """The four ways to begin, the recent reports and the deadline; it runs the window's actions."""

    def __init__(self, window: MainWindow, today: dt.date | None = None) -> None:
        super().__init__()
        self.window_ = window
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        title = QLabel(TITLE)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.7)
        title.setFont(font)
        text, days = deadline_text(today or dt.date.today(), window.settings.deadline())
        self.deadline = QLabel(text)
        font = self.deadline.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.deadline.setFont(font)
        colour = ERROR_FG if days <= URGENT_DAYS else WARNING_FG if days <= SOON_DAYS else None
        if colour is not None:
            self.deadline.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")
        where = QLabel("这是本地发布期限，可在“文件 → 设置…”中修改。")
        where.setStyleSheet(f"color: {MUTED_FG.name()};")

        self.from_last = _link("用上年报告新建…（推荐）", "选择去年的报告：数字结转、年份替换，生成草稿")
        self.from_last.setStyleSheet(PRIMARY_STYLE)
        self.from_last.setDefault(True)
        self.import_ = _link("导入已发布的报告…", "读取已发布的 Word 或文本报告，逐项核对后保存")
        self.open_ = _link("打开…", "继续编辑保存过的报告（.giedit 文件）")
        self.new = _link("新建空白报告…", "从空白开始，按报告年度选用报告格式")
        for button, action in (
            (self.from_last, window.from_last_action),
            (self.import_, window.import_action),
            (self.open_, window.open_action),
            (self.new, window.new_action),
        ):
            button.clicked.connect(action.trigger)

        starts = QVBoxLayout()
        starts.addWidget(heading("开始", 1.15, wrap=False))
        for button in (self.from_last, self.import_, self.open_, self.new):
            starts.addWidget(button)
        starts.addStretch(1)
        self.recent = QVBoxLayout()
        recent_box = QVBoxLayout()
        recent_box.addWidget(heading("最近打开的报告", 1.15, wrap=False))
        recent_box.addLayout(self.recent)
        recent_box.addStretch(1)
        self.recent_buttons: list[QCommandLinkButton] = []
        self.fill_recent()

        em = self.fontMetrics().horizontalAdvance("汉")
        columns = QGridLayout()
        columns.setHorizontalSpacing(em * 3)
        columns.addLayout(starts, 0, 0)
        columns.addLayout(recent_box, 0, 1)
        columns.setColumnStretch(0, 3)
        columns.setColumnStretch(1, 2)
        inner = QVBoxLayout()
        inner.addWidget(title)
        inner.addWidget(self.deadline)
        inner.addWidget(where)
        inner.addSpacing(self.fontMetrics().height())
        inner.addLayout(columns, 1)
        frame = QWidget()
        frame.setLayout(inner)
        frame.setMaximumWidth(WIDTH_EM * em)
        outer = QHBoxLayout(page)  # centred, as wide as the window allows up to WIDTH_EM
        outer.addStretch(1)
        outer.addWidget(frame, 8)
        outer.addStretch(1)
        self.setWidget(page)

    def fill_recent(self) -> None:
        """The recent reports, each a button; a file that is gone says so (opening it explains)."""
        for button in self.recent_buttons:
            button.deleteLater()
        self.recent_buttons = []
        while (item := self.recent.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        files = self.window_.settings.recent_files()
        if not files:
            empty = QLabel("还没有打开过报告。")
            empty.setStyleSheet(f"color: {MUTED_FG.name()};")
            self.recent.addWidget(empty)
        for path in files:
            where = str(Path(path).parent)
            gone = not Path(path).is_file()
            button = _link(Path(path).name, "找不到这个文件" if gone else where)
            button.setToolTip(path)
            button.clicked.connect(lambda _=False, p=path: self._open_recent(p))
            self.recent.addWidget(button)
            self.recent_buttons.append(button)

    def _open_recent(self, path: str) -> None:
        if not self.window_.open_recent(path):
            self.fill_recent()  # a file that was gone has left the list


class StartMode(QObject):
    """The window while it shows the start page: the editor, its toolbar, the checks panel and
    the counts are out of sight and the actions that need a report are off, until a document is
    set. The layout kept for the next start is the editor's, not the start page's."""

    def __init__(self, window: MainWindow, today: dt.date | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.page = StartPage(window, today)
        self.hidden = [w for w in (window.toolbar, window.checks) if not w.isHidden()]
        self.off = [a for a in self._needing_a_report() if a.isEnabled()]
        for widget in self.hidden:
            widget.hide()
        for action in self.off:
            action.setEnabled(False)
        window.counts_label.hide()
        window.save_label.hide()
        window.central.addWidget(self.page)
        window.central.setCurrentWidget(self.page)
        window.setWindowTitle(f"giedit — {TITLE}")
        window.setWindowModified(False)
        window.documentChanged.connect(self.leave)
        window.installEventFilter(self)
        self.page.from_last.setFocus()

    def _needing_a_report(self) -> list[QAction]:
        w = self.window
        return [
            w.save_action,
            w.save_as_action,
            w.history_action,
            w.export_action,
            w.preview_action,
            w.paste_action,
            w.fill_action,
            w.recompute_action,
            w.generate_action,
            w.checks.toggleViewAction(),
        ]

    def _bring_back(self) -> None:
        for widget in self.hidden:
            widget.show()
        self.hidden = []

    def leave(self) -> None:
        """A document is shown: back to the editor."""
        w = self.window
        w.documentChanged.disconnect(self.leave)
        w.removeEventFilter(self)
        self._bring_back()
        for action in self.off:
            action.setEnabled(True)
        w.counts_label.show()
        w.save_label.show()
        w.central.setCurrentIndex(0)
        w.central.removeWidget(self.page)
        self.page.deleteLater()
        w.start_mode = None
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self._bring_back()  # before closeEvent keeps the layout for the next start
        return False


def show_start_page(window: MainWindow, today: dt.date | None = None) -> StartMode:
    """Show the start page in ``window`` until a document is set."""
    window.start_mode = StartMode(window, today)
    return window.start_mode
