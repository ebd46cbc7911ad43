"""打印预览: the report's PDF, page by page, as it will be printed or published.

The PDF is made in memory by the export API (``pdf_bytes``) and read by QtPdf from a QBuffer, so
the preview is exactly the file 导出 would write. A report with errors is previewed as a draft
(草稿 in the header) under a banner saying so. From here the clerk can zoom, print (each page is
rendered at the printer's resolution) or save the PDF.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from giedit.export import ExportError, ExportOptions, export_pdf, pdf_bytes
from giedit.export.targets import DRAFT_MARK, export_stem
from giedit.model.report import Report
from giedit.ui import file_dialogs
from giedit.ui.dialogs import tell
from giedit.ui.exchange import banner
from giedit.ui.settings import Settings

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0
PRINT_DPI = 300  # enough for 3号 text; 1200 dpi would make a 500 MB image per A4 page
DRAFT_BANNER = "报告有错误，预览为草稿（页眉印有“草稿”）。改正错误后再正式导出或打印。"


class PreviewDialog(QDialog):
    """The PDF of ``report`` in a QPdfView: all pages, fit to width, zoom, print, save."""

    def __init__(
        self,
        report: Report,
        draft: bool,
        options: ExportOptions | None = None,
        folder: str = "",
        stem: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.draft = draft
        self.options = options
        self.folder = folder
        self.stem = stem or export_stem(None, report.display_title())  # a draft's mark added on saving
        self.setWindowTitle("打印预览" + ("（草稿）" if draft else ""))
        self.data = pdf_bytes(report, draft=draft, options=options)
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(self.data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.view.zoomFactorChanged.connect(self._show_page)
        self.view.zoomModeChanged.connect(self._show_page)
        self.view.verticalScrollBar().valueChanged.connect(self._follow_scroll)

        self.zoom_out_button = self._tool("缩小", self.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_in_button = self._tool("放大", self.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.fit_button = self._tool("适合宽度", self.fit_width, QKeySequence("Ctrl+0"))
        self.page_label = QLabel()
        self.print_button = QPushButton("打印…")
        self.print_button.clicked.connect(self.print_)
        self.save_button = QPushButton("导出PDF…")
        self.save_button.clicked.connect(self.save_pdf)
        self.status = QLabel()
        bar = QHBoxLayout()
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        buttons = QDialogButtonBox()
        buttons.addButton(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        self.banner = banner(DRAFT_BANNER) if draft else None
        if self.banner is not None:
            box.addWidget(self.banner)
        box.addLayout(bar)
        box.addWidget(self.view, 1)
        box.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("汉")
        room = (parent.screen() if parent else self.screen()).availableGeometry().size()
        self.resize(QSize(min(70 * em, int(room.width() * 0.9)), int(room.height() * 0.9)))
        self._show_page()

    def _tool(self, text: str, slot: object, key: QKeySequence | QKeySequence.StandardKey) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setShortcut(QKeySequence(key))
        button.setToolTip(f"{text}（{QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)}）")
        button.clicked.connect(slot)  # type: ignore[arg-type]
        return button

    # -- pages and zoom --------------------------------------------------------------------------

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def _show_page(self, *_: object) -> None:
        n = self.page_count()
        page = min(self.current_page() + 1, n)
        zoom = "适合宽度" if self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth else f"{self.zoom():.0%}"
        self.page_label.setText(f"第 {page} / {n} 页　{zoom}")

    def _follow_scroll(self, value: int) -> None:
        """The page indicator follows scrolling, not only the navigator's jumps."""
        if self.page_count() == 0:
            return
        bar = self.view.verticalScrollBar()
        span = bar.maximum() + bar.pageStep()
        middle = value + bar.pageStep() / 2
        page = min(int(middle / span * self.page_count()) if span else 0, self.page_count() - 1)
        navigator = self.view.pageNavigator()
        if page != navigator.currentPage():
            navigator.update(page, QPointF(), navigator.currentZoom())
        self._show_page()

    def zoom(self) -> float:
        """The scale the pages are drawn at (1.0 is the paper's size on screen)."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or self.page_count() == 0:
            return self.view.zoomFactor()
        points = self.pdf.pagePointSize(0).width()
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        return width / (points * self.view.logicalDpiX() / 72) if points else 1.0

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._show_page()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_page()

    # -- printing and saving ---------------------------------------------------------------------

    def print_(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        printer.setDocName(self.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, max(1, self.page_count()))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Render the pages (or the chosen range) onto ``printer``, each scaled to the paper."""
        n = self.page_count()
        first = max(1, printer.fromPage() or 1) - 1
        last = min(n, printer.toPage() or n) - 1
        painter = QPainter()
        if n == 0 or not painter.begin(printer):
            self.status.setText("无法开始打印")
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for page in range(first, last + 1):
                if page > first:
                    printer.newPage()
                target = painter.viewport()
                size = (
                    self.pdf.pagePointSize(page)
                    .toSize()
                    .scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                )
                image = self.pdf.render(page, size)
                x = target.x() + (target.width() - size.width()) // 2
                painter.drawImage(QRect(x, target.y(), size.width(), size.height()), image)
        finally:
            painter.end()
            QGuiApplication.restoreOverrideCursor()
        self.status.setText(f"已送去打印（{last - first + 1} 页）")
        return True

    def save_pdf(self) -> Path | None:
        """导出PDF from the preview: the same PDF (a draft when the report has errors)."""
        name = self.stem + (DRAFT_MARK if self.draft else "") + ".pdf"  # as 导出 names it
        folder = Path(self.folder) if self.folder else None
        path = file_dialogs.ask_save(self, Settings(), "导出PDF", name, "PDF 文档 (*.pdf)", folder)
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            written = export_pdf(self.report, path, draft=self.draft, options=self.options)
        except ExportError as err:
            tell(self, "无法导出", str(err))
            return None
        self.status.setText(f"已导出到「{written.name}」")
        return written
