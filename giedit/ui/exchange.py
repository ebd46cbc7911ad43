"""The dialogs of 导出, 导入 and 用上年报告新建: what the clerk sees around the headless APIs.

- ``PreflightDialog``: the errors that refuse a final export (click one to go to it), the warnings
  that do not, and the choice of 导出草稿.
- ``ExportOptionsDialog``: which formats, where, and where the page numbers go (kept in settings).
- ``ImportReportDialog``: every note of an import, grouped, with a filter and 复制全部.
- ``RollYearDialog``: what was read as last year's report, and the year of the new one.
- ``RollForwardDialog``: the year replacements, the values that could not carry (with reasons),
  the notes, and the import report when last year's report was a published file.

The window drives them; they hold no document and write nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from giedit.checks import Finding, Severity
from giedit.checks.last_year import summary as last_year_summary
from giedit.model.bounds import FIRST_YEAR, LAST_YEAR
from giedit.model.formats import format_for_year, get_format
from giedit.model.report import Report
from giedit.model.rollforward import RollForwardResult
from giedit.model.rule_ids import G_W3, N_W12
from giedit.ui import file_dialogs
from giedit.ui.colours import ERROR_BG, ERROR_FG, MUTED_FG
from giedit.ui.notes_view import Entry, Group, NotesView
from giedit.ui.settings import PageNumbers, Settings

if TYPE_CHECKING:  # the importers (and lxml) load on the first import, not at start-up
    from giedit.importers import ImportNote, ImportResult
    from giedit.importers.start import StartFromLast

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
DialogButton = QDialogButtonBox.StandardButton


def _em(widget: QWidget) -> int:
    return widget.fontMetrics().horizontalAdvance("汉")


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_FG.name()};")
    return label


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _buttons(ok: str | None, cancel: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    if ok is not None:
        box.addButton(DialogButton.Ok).setText(ok)
    box.addButton(DialogButton.Cancel).setText(cancel)
    return box


# -- 导出 ------------------------------------------------------------------------------------------


DATE_RULE, SIGNATURE, GLYPH_RULE = N_W12, "signature", G_W3


def missing_date(report: Report, findings: Sequence[Finding]) -> Finding | None:
    """The warning that the report has no 成文日期 (a roll-forward clears it), if it stands."""
    if report.date is not None:
        return None
    return next(
        (f for f in findings if f.rule == DATE_RULE and f.section == SIGNATURE and not f.dismissed), None
    )


class PreflightDialog(QDialog):
    """The errors that refuse a final export; without errors, what the clerk should see before a
    final export: a missing 成文日期 (named first), what may still be last year's content
    (``giedit.checks.last_year``: unconfirmed numbers, sections still 待修改, copied paragraphs,
    each with its words) and the characters the PDF would print as boxes (G-W3). Clicking a
    finding closes the dialog and emits ``findingActivated``; 导出草稿 (仍要导出 without errors)
    accepts; 取消 (返回修改 without errors), the default button, rejects.

    ``last_year``: those findings of ``warnings`` with the text to list them by."""

    findingActivated = Signal(object)

    def __init__(
        self,
        errors: Sequence[Finding],
        warnings: Sequence[Finding],
        parent: QWidget | None = None,
        last_year: Sequence[tuple[Finding, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出前检查")
        self.chosen: Finding | None = None
        described = {id(f): text for f, text in last_year}
        if errors:
            said = f"<b>报告还有 {len(errors)} 个错误</b>，改正后才能正式导出。"
            note = (
                "也可以先导出草稿：Word 和 PDF 文件的页眉都会印上“草稿”，文件名带“（草稿）”，"
                "供内部审阅，不能作为正式报告发布。"
            )
        else:
            said, note = self._final_notice(warnings, len(last_year))
        self.intro = intro = QLabel(said + "点击下面的一条，可以转到报告中的相应位置。")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        style = self.style()
        for finding in errors:
            self._add(finding, style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical))
        if warnings:
            if errors:
                header = QListWidgetItem(f"另有 {len(warnings)} 个提醒，不影响导出：")
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                header.setForeground(MUTED_FG)
                self.list.addItem(header)
            for finding in warnings:
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                self._add(finding, icon, described.get(id(finding)))
        self.list.itemClicked.connect(self._on_clicked)
        self.list.itemActivated.connect(self._on_clicked)
        draft_note = _muted(note)
        self.buttons = QDialogButtonBox()
        # an action, not the box's accept button, so that Enter (on 取消) never exports
        label = "导出草稿" if errors else "仍要导出"
        self.draft_button = self.buttons.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
        self.draft_button.setAutoDefault(False)
        self.draft_button.clicked.connect(self.accept)
        self.cancel_button = self.buttons.addButton(DialogButton.Cancel)
        self.cancel_button.setText("取消" if errors else "返回修改")
        self.cancel_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.list, 1)
        box.addWidget(draft_note)
        box.addWidget(self.buttons)
        em = _em(self)
        if last_year:  # items of two or three lines: room for a few, within the screen
            self.list.setSpacing(2)
            screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
            self.resize(min(54 * em, screen.width() - 4 * em), min(40 * em, screen.height() - 6 * em))
        else:
            self.resize(44 * em, 26 * em)

    @staticmethod
    def _final_notice(warnings: Sequence[Finding], last_year: int) -> tuple[str, str]:
        """(what the intro says, the note under the list) of a final export without errors."""
        undated = any(f.rule == DATE_RULE and f.section == SIGNATURE for f in warnings)
        boxes = any(f.rule == GLYPH_RULE for f in warnings)
        said = []
        note = []
        if undated:
            said.append("<b>报告还没有成文日期</b>：导出的报告落款下将没有日期。")
            note.append("成文日期在“基本信息”中填写。")
        if last_year:
            said.append(f"<b>{last_year_summary(last_year)}</b>")
            note.append(
                "上年的数字请改为本年度的数字；确属本年度的，在正文中右键选“确认此数字（本年度沿用）”。"
                "沿用的部分无需修改时，点该部分上方的“内容无需修改，取消标记”。"
            )
        if boxes:
            said.append("<b>报告中有字体里没有的字</b>，导出的 PDF 中会印成方框，建议改用常用字。")
            note.append("字体里没有的字在 Word 文件中，装有相应字体的电脑上可能显示正常。")
        return "".join(said), "".join(note)

    def _add(self, finding: Finding, icon: object, text: str | None = None) -> None:
        item = QListWidgetItem(icon, text or finding.message)  # type: ignore[call-overload]
        item.setData(FINDING_ROLE, finding)
        kind = "错误" if finding.severity is Severity.ERROR else "提醒"
        item.setToolTip(f"{kind}（规则 {finding.rule}），点击转到相应位置")
        self.list.addItem(item)

    def findings(self) -> list[Finding]:
        return [
            f
            for f in (self.list.item(i).data(FINDING_ROLE) for i in range(self.list.count()))
            if f is not None
        ]

    def _on_clicked(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if finding is None:
            return
        self.chosen = finding
        self.reject()
        self.findingActivated.emit(finding)


@dataclass
class ExportChoices:
    formats: list[str]
    beside: bool
    folder: str
    page_numbers: PageNumbers


class ExportOptionsDialog(QDialog):
    """Formats, folder and page numbers of 导出; the window keeps the answer in the settings."""

    def __init__(self, choices: ExportChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出选项")
        self.docx = QCheckBox("Word 文档（.docx）")
        self.pdf = QCheckBox("PDF 文档（.pdf）")
        self.html = QCheckBox("网页（.html）")
        self.html.setToolTip("可上传到门户网站，或在网站后台的编辑器中打开后发布")
        self.docx.setChecked("docx" in choices.formats)
        self.pdf.setChecked("pdf" in choices.formats)
        self.html.setChecked("html" in choices.formats)
        formats = QHBoxLayout()
        formats.addWidget(self.docx)
        formats.addWidget(self.pdf)
        formats.addWidget(self.html)
        formats.addStretch(1)
        self.beside = QRadioButton("与报告文件放在同一文件夹")
        self.fixed = QRadioButton("总是导出到这个文件夹：")
        where = QButtonGroup(self)
        where.addButton(self.beside)
        where.addButton(self.fixed)
        (self.beside if choices.beside else self.fixed).setChecked(True)
        self.folder = QLineEdit(choices.folder)
        self.folder.setPlaceholderText("（尚未选择）")
        browse = QPushButton("选择…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.page_numbers = QComboBox()
        self.page_numbers.addItem("单页在右、双页在左（双面打印）", "outside")
        self.page_numbers.addItem("居中", "center")
        self.page_numbers.setCurrentIndex(0 if choices.page_numbers == "outside" else 1)
        form = QFormLayout()
        form.addRow("导出格式", formats)
        form.addRow("保存位置", self.beside)
        form.addRow("", self.fixed)
        form.addRow("", folder_row)
        form.addRow("", _muted("尚未保存的报告导出到上次导出的文件夹；第一次导出时会请您选择。"))
        form.addRow("页码位置", self.page_numbers)
        self.buttons = _buttons("确定", "取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for box in (self.docx, self.pdf, self.html):
            box.toggled.connect(self._update)
        self.fixed.toggled.connect(self._update)
        self.folder.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(40 * _em(self))
        self._update()

    def _browse(self) -> None:
        folder = file_dialogs.ask_folder(self, Settings(), "选择导出文件夹", self.folder.text())
        if folder:
            self.folder.setText(folder)
            self.fixed.setChecked(True)

    def _update(self) -> None:
        ok = any(box.isChecked() for box in (self.docx, self.pdf, self.html)) and (
            self.beside.isChecked() or Path(self.folder.text().strip() or "\0").is_dir()
        )
        self.buttons.button(DialogButton.Ok).setEnabled(ok)

    def choices(self) -> ExportChoices:
        boxes = (("docx", self.docx), ("pdf", self.pdf), ("html", self.html))
        formats = [f for f, box in boxes if box.isChecked()]
        where: PageNumbers = "center" if self.page_numbers.currentData() == "center" else "outside"
        return ExportChoices(formats, self.beside.isChecked(), self.folder.text().strip(), where)


def ask_export_options(parent: QWidget | None, choices: ExportChoices) -> ExportChoices | None:
    dialog = ExportOptionsDialog(choices, parent)
    return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None


# -- the import report ---------------------------------------------------------------------------


def _details(note: ImportNote) -> str:
    parts = []
    if note.source:
        parts.append(f"原文：「{note.source}」")
    if note.where:
        parts.append(f"位置：{note.where}")
    rule = note.rule
    if rule:
        parts.append(f"规则：{rule}")
    return "\n".join(parts)


def _file_name(result: ImportResult) -> str:
    """The source's file name (the importer keeps it quoted, 「…」, for its messages)."""
    return result.source_name.removeprefix("「").removesuffix("」")


def import_groups(result: ImportResult, places: bool = True) -> list[Group]:
    """Every note of an import, in the groups the clerk reads them by; blank cells grouped by reason.

    ``places``: the entries name their cell or section, for a jump into the imported report."""
    from giedit.importers import NoteKind

    cells = result.report.definition.cells

    def _entry(note: ImportNote, text: str | None = None) -> Entry:
        if places:
            return Entry(text or note.message, _details(note), note.cell, note.section)
        return Entry(text or note.message, _details(note))

    missing: list[Entry] = []  # blank cells under their reasons: as many as the summary counts
    parts: list[Entry] = []  # headings, tables and facts the source lacks
    by_reason: dict[str, Entry] = {}
    for note in result.of_kind(NoteKind.MISSING, NoteKind.UNREADABLE):
        if note.cell in cells and note.reason:
            key = f"{note.kind}:{note.reason}"
            if key not in by_reason:
                label = "无法读取" if note.kind is NoteKind.UNREADABLE else "缺失"
                by_reason[key] = Entry(f"{label}：{note.reason}")
                missing.append(by_reason[key])
            by_reason[key].children.append(_entry(note, cells[note.cell].describe()))  # type: ignore[index]
        else:
            parts.append(_entry(note))
    groups = [
        Group("读到的单元格", [_entry(n) for n in result.of_kind(NoteKind.READ)], "格", expanded=False),
        Group(
            "规范化",
            [_entry(n) for n in result.of_kind(NoteKind.NORMALISED)],
            "处",
            tip="规则 G-W1：原文的写法与读出的数字不同（去掉单位、全角数字、正负号等），请核对",
        ),
        Group(
            "变体匹配",
            [_entry(n) for n in result.of_kind(NoteKind.VARIANT)],
            "处",
            tip="规则 I-W1：标题或栏目名称与国家格式的写法略有不同，按最接近的栏目读取，请核对",
        ),
        Group("空白或无法读取的单元格", missing, "格"),
        Group("原文缺少的部分和信息", parts, "处"),
    ]
    if ignored := result.of_kind(NoteKind.IGNORED):
        groups.append(Group("已忽略的原文内容", [_entry(n) for n in ignored], "处"))
    groups.append(Group("说明", [_entry(n) for n in result.of_kind(NoteKind.INFO)], "条"))
    return groups


class _Report(QDialog):
    """A non-modal report beside the editor: a heading, the notes, 关闭."""

    placeActivated = Signal(object, object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(DialogButton.Close).setText("关闭")
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        em = _em(self)
        self.resize(52 * em, 36 * em)

    def _view(self, groups: list[Group], title: str) -> NotesView:
        view = NotesView(groups, title)
        view.placeActivated.connect(self.placeActivated.emit)
        return view


class ImportReportDialog(_Report):
    """What the import read, tidied, matched loosely and could not read, for one published file."""

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        name = _file_name(result)
        super().__init__(f"导入报告：{name}", parent)
        self.result = result
        summary = result.summary()
        how = f"读取方式：{result.reader}" + (f"；编码：{result.encoding}" if result.encoding else "")
        self.heading = _wrapped(f"<b>已导入「{name}」</b><br>{summary}<br>{how}")
        self.view = self._view(import_groups(result), f"导入「{name}」：{summary}")
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(
            _muted(
                "导入的报告已作为新报告打开，尚未保存。请逐项核对下面的内容，空白的单元格需要您补填；"
                "双击一条可以转到报告中的相应位置。核对后请用「另存为」保存。"
            )
        )
        self.layout_.addWidget(self.view, 1)
        self.layout_.addWidget(self.buttons)


class MissingFactsDialog(QDialog):
    """Asks for what the source does not print: the report year (without it nothing can be
    imported) and the body's name (optional: it can be filled in later under 基本信息)."""

    def __init__(self, source: str, year: bool, body: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("补充导入信息")
        form = QFormLayout()
        form.addRow(_wrapped(f"「{source}」中没有找到下列信息，请补充："))
        self.year: QSpinBox | None = None
        self.body: QLineEdit | None = None
        if year:
            self.year = QSpinBox()
            self.year.setRange(FIRST_YEAR, LAST_YEAR)
            self.year.setSuffix(" 年度")
            self.year.setValue(Settings().report_year() - 1)  # the source is last year's report
            form.addRow("报告年度", self.year)
        if body:
            self.body = QLineEdit()
            self.body.setPlaceholderText("例如：某某县某某镇人民政府")
            form.addRow("机关名称", self.body)
            form.addRow("", _muted("机关名称可以留空，以后在“基本信息”中填写。"))
        buttons = _buttons("确定", "取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.setMinimumWidth(36 * _em(self))


def ask_missing_facts(
    parent: QWidget | None, source: str, year: bool, body: bool
) -> tuple[int | None, str] | None:
    """(year or None, body name or "") from the clerk; None when cancelled."""
    dialog = MissingFactsDialog(source, year, body, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return (
        dialog.year.value() if dialog.year is not None else None,
        dialog.body.text().strip() if dialog.body is not None else "",
    )


# -- 用上年报告新建 ---------------------------------------------------------------------------------


class RollYearDialog(QDialog):
    """Last year's report as it was read, and the year of the new report (default: the next)."""

    def __init__(self, started: StartFromLast, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("用上年报告新建")
        previous = started.rolled.report.previous
        assert previous is not None
        last = get_format(previous.format)
        body = started.rolled.report.body.name or "（未填机关名称）"
        how = "giedit 报告文件" if started.imported is None else "已发布的报告，将先导入"
        self.year = QSpinBox()
        self.year.setRange(previous.year + 1, LAST_YEAR)
        self.year.setSuffix(" 年度")
        self.year.setValue(started.rolled.report.year)
        self.format_label = _muted("")
        self.year.valueChanged.connect(self._show_format)
        self.last_label = _muted(f"{previous.year}年度，{body}，{last.name}")
        form = QFormLayout()
        form.addRow("上年报告", _wrapped(f"「{source}」（{how}）"))
        form.addRow("", self.last_label)
        form.addRow("新报告年度", self.year)
        form.addRow("", self.format_label)
        buttons = _buttons("新建", "取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.setMinimumWidth(40 * _em(self))
        self._show_format()

    def _show_format(self) -> None:
        fmt = format_for_year(self.year.value())
        self.format_label.setText(f"将使用{fmt.name}（{fmt.basis}）")


def ask_roll_year(parent: QWidget | None, started: StartFromLast, source: str) -> int | None:
    dialog = RollYearDialog(started, source, parent)
    return dialog.year.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def rollforward_groups(rolled: RollForwardResult) -> list[Group]:
    replacements = [Entry(f"{r.where}：「{r.before}」→「{r.after}」") for r in rolled.replacements]
    losses: list[Entry] = []
    by_reason: dict[str, Entry] = {}
    for loss in rolled.losses:
        if loss.reason not in by_reason:
            by_reason[loss.reason] = Entry(f"原因：{loss.reason}")
            losses.append(by_reason[loss.reason])
        by_reason[loss.reason].children.append(Entry(f"{loss.what}：{loss.value}"))
    notes = [Entry(n) for n in rolled.notes]
    bound = [  # the cell on the line: a wrong binding would print a wrong number every year after
        Entry(f"{b.where}：「{b.text}」→ {b.cell}", f"现在与表格相连：{b.cell}", section=b.section)
        for b in rolled.bound
    ]
    unconfirmed = [
        Entry(
            f"{u.where}：「{u.text}」", "正文中已用黄色标出，请改为本年度的数字或确认沿用", section=u.section
        )
        for u in rolled.unconfirmed
    ]
    return [
        Group("上年的数字，待核实（已在正文中标出）", unconfirmed, "处"),
        Group("提示", notes, "条"),
        Group("无法结转的数据", losses, "项"),
        Group("已改为随表格更新的数字（请核对所连的表格数字）", bound, "处"),
        Group("年份替换", replacements, "处"),
    ]


class RollForwardDialog(_Report):
    """What the roll-forward carried, replaced and could not carry (and the import, if any)."""

    def __init__(self, started: StartFromLast, source: str, parent: QWidget | None = None) -> None:
        super().__init__("用上年报告新建：结转情况", parent)
        self.started = started
        rolled = started.rolled
        report = rolled.report
        previous = report.previous
        assert previous is not None
        last, new = get_format(previous.format), report.definition
        lost = (
            f"有 {len(rolled.losses)} 项数据无法结转（见下）" if rolled.losses else "所有应结转的数据都已结转"
        )
        summary = (
            f"已用「{source}」（{previous.year}年度）新建 {report.year} 年度报告，使用{new.name}。"
            f"年份替换 {len(rolled.replacements)} 处，{lost}。"
            f"正文中 {len(rolled.bound)} 个数字已改为随表格更新，{len(rolled.unconfirmed)} 处上年的数字待核实。"
        )
        text = (
            "新报告尚未保存。文字已作为草稿带入，标有“待修改”，请逐段修改；上年的数字和文字保存在新报告中，"
            "用于跨年度的检查。"
        )
        if previous.format != report.format:
            text += f"上年报告使用{last.name}，与今年的格式不同，部分栏目无法对应。"
        heading = _wrapped(f"<b>{summary}</b>")
        self.view = self._view(rollforward_groups(rolled), summary)
        self.import_view: NotesView | None = None
        self.layout_.addWidget(heading)
        self.layout_.addWidget(_muted(text))
        if started.imported is None:
            self.layout_.addWidget(self.view, 1)
        else:
            imported = started.imported
            # its cells are last year's, not the new report's: no jumps from there
            self.import_view = NotesView(
                import_groups(imported, places=False), f"导入「{_file_name(imported)}」：{imported.summary()}"
            )
            tabs = QTabWidget()
            tabs.addTab(self.view, "结转情况")
            page = QWidget()
            inner = QVBoxLayout(page)
            inner.addWidget(_wrapped(imported.summary()))
            inner.addWidget(self.import_view, 1)
            tabs.addTab(page, "上年报告的导入情况")
            self.tabs = tabs
            self.layout_.addWidget(tabs, 1)
        self.layout_.addWidget(self.buttons)


def banner(text: str) -> QLabel:
    """A calm red band across a dialog: something to know before going on."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(
        f"background: {ERROR_BG.name()}; color: {ERROR_FG.name()}; padding: 6px 10px; border-radius: 3px;"
    )
    return label
