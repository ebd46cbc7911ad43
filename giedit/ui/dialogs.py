"""The editor's small dialogs and questions, each behind one function the window calls.

Questions use QMessageBox with standard buttons renamed in Chinese, so ``exec()`` answers with a
standard button (tests answer by patching ``QMessageBox.exec``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from giedit.checks import Finding, Severity
from giedit.model.bounds import FIRST_YEAR, LAST_YEAR
from giedit.model.formats import format_for_year
from giedit.model.recovery import Copy
from giedit.model.report import BodyKind
from giedit.ui.colours import MUTED_FG
from giedit.ui.settings import Settings

Button = QMessageBox.StandardButton
NO_KIND = "（请选择）"


class Answer(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"
    RESTORE = "restore"
    LATER = "later"
    IMPORT = "import"
    START_FROM = "start_from"


# The published reports' file types the importers read (导入已发布的报告), as a clerk names them.
PUBLISHED_KINDS = {
    ".docx": "Word 文档",
    ".doc": "Word 文档",
    ".wps": "WPS 文档",
    ".odt": "OpenDocument 文档",
    ".rtf": "RTF 文档",
    ".pdf": "PDF 文件",
    ".html": "网页文件",
    ".htm": "网页文件",
    ".mhtml": "网页文件",
    ".mht": "网页文件",
    ".txt": "文本文件",
}


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    info: str,
    buttons: dict[Button, str],
    default: Button,
    escape: Button,
) -> Button:
    box = QMessageBox(icon, title, text, Button.NoButton, parent)
    box.setInformativeText(info)
    for button, label in buttons.items():
        box.addButton(button).setText(label)
    box.setDefaultButton(default)
    box.setEscapeButton(escape)
    return Button(int(box.exec()))


def ask_unsaved(parent: QWidget | None, name: str) -> Answer:
    """保存 / 不保存 / 取消 for a document with unsaved changes."""
    answer = _box(
        parent,
        QMessageBox.Icon.Warning,
        "保存修改",
        f"「{name}」有未保存的修改。",
        "要先保存吗？选择「不保存」将丢弃这些修改。",
        {Button.Save: "保存", Button.Discard: "不保存", Button.Cancel: "取消"},
        Button.Save,
        Button.Cancel,
    )
    return {Button.Save: Answer.SAVE, Button.Discard: Answer.DISCARD}.get(answer, Answer.CANCEL)


def ask_recovery(parent: QWidget | None, copy: Copy) -> Answer:
    """恢复 / 丢弃 / 以后再说 for a recovery copy left by an editor that did not close."""
    where = f"文件「{copy.document.name}」" if copy.document else "一份尚未保存的新报告"
    answer = _box(
        parent,
        QMessageBox.Icon.Question,
        "恢复未保存的修改",
        f"giedit 上次没有正常关闭。{copy.when}自动保留了{where}的未保存修改（{copy.title}）。",
        "恢复后请检查内容并保存。选择「丢弃」将删除这份自动保留的副本。",
        {Button.Yes: "恢复", Button.Discard: "丢弃", Button.Cancel: "以后再说"},
        Button.Yes,
        Button.Cancel,
    )
    return {Button.Yes: Answer.RESTORE, Button.Discard: Answer.DISCARD}.get(answer, Answer.LATER)


def ask_open_published(parent: QWidget | None, name: str, kind: str) -> Answer:
    """打开 was given a published report (``kind``: Word 文档, PDF 文件…), not a giedit file:
    导入 / 用它新建下一年度报告 / 取消, instead of a refusal that leaves the clerk stuck."""
    space = " " if kind[:1].isascii() else ""  # 是 Word 文档, 是网页文件
    answer = _box(
        parent,
        QMessageBox.Icon.Question,
        "打开报告",
        f"「{name}」是{space}{kind}，不是 giedit 报告文件。要把它作为已发布的报告导入吗？",
        "导入：把它读成可以修改的报告（例如补改今年已发布的报告），核对后保存。\n"
        "用它新建下一年度报告：它是上年的报告时，新建下一年度的报告，沿用单位名称和上年数字。",
        {Button.Open: "导入", Button.Save: "用它新建下一年度报告", Button.Cancel: "取消"},
        Button.Open,
        Button.Cancel,
    )
    return {Button.Open: Answer.IMPORT, Button.Save: Answer.START_FROM}.get(answer, Answer.CANCEL)


def tell(
    parent: QWidget | None, title: str, text: str, info: str = "", icon: QMessageBox.Icon | None = None
) -> None:
    """A message with one 确定 button (a failure the clerk must read, in the core's words)."""
    _box(
        parent,
        QMessageBox.Icon.Warning if icon is None else icon,
        title,
        text,
        info,
        {Button.Ok: "确定"},
        Button.Ok,
        Button.Ok,
    )


def ask_open_folder(parent: QWidget | None, title: str, text: str, info: str) -> bool:
    """After an export: the files written, and 打开文件夹 / 确定; True for 打开文件夹."""
    answer = _box(
        parent,
        QMessageBox.Icon.Information,
        title,
        text,
        info,
        {Button.Open: "打开文件夹", Button.Ok: "确定"},
        Button.Ok,
        Button.Ok,
    )
    return answer == Button.Open


def ask_fill_zero(parent: QWidget | None, count: int, where: str) -> bool:
    """「全部填0」 says how many blanks it fills, and what 0 means, before it does."""
    answer = _box(
        parent,
        QMessageBox.Icon.Question,
        "全部填0",
        f"把「{where}」中剩下的 {count} 个空白单元格都填为 0？",
        "0 表示“没有”，空白表示“还没有填”。填 0 后，这些单元格的“未填写”检查不再提醒，"
        "请只在确实没有数字时使用。填错了可以撤销（Ctrl+Z）。",
        {Button.Yes: f"填 0（{count} 格）", Button.Cancel: "取消"},
        Button.Yes,
        Button.Cancel,
    )
    return answer == Button.Yes


# -- 从表格生成 ---------------------------------------------------------------------------------

SHOWN_SENTENCES = 3


def ask_replace_edited(parent: QWidget | None, count: int) -> bool | None:
    """A generated paragraph was edited since: 替换 (True) / 保留我的修改 (False) / 取消 (None)."""
    answer = _box(
        parent,
        QMessageBox.Icon.Question,
        "从表格生成",
        f"上次生成的文字中有 {count} 段您已修改过。",
        "要用按当前表格新生成的文字替换吗？选择「保留我的修改」则这几段不变，其余照常更新。",
        {Button.Yes: "替换", Button.No: "保留我的修改", Button.Cancel: "取消"},
        Button.No,
        Button.Cancel,
    )
    return {Button.Yes: True, Button.No: False}.get(answer)


def ask_replace_sentences(parent: QWidget | None, sentences: list[str]) -> bool | None:
    """一 already states the tables' facts in other sentences (carried from last year): replace them
    with the generated ones (True), keep them and insert beside (False), or cancel (None)."""
    shown = "\n".join(f"「{s}」" for s in sentences[:SHOWN_SENTENCES])
    more = f"\n……共 {len(sentences)} 句" if len(sentences) > SHOWN_SENTENCES else ""
    answer = _box(
        parent,
        QMessageBox.Icon.Question,
        "从表格生成",
        f"“总体情况”中已有 {len(sentences)} 句叙述表格中的数字（多为沿用上年的文字）：",
        f"{shown}{more}\n\n用按表格生成的文字替换这些句子吗？其他文字保持不变。",
        {Button.Yes: "替换这些句子", Button.No: "不替换，另行插入", Button.Cancel: "取消"},
        Button.Yes,
        Button.Cancel,
    )
    return {Button.Yes: True, Button.No: False}.get(answer)


# -- the reason for dismissing a warning or accepting an error ---------------------------------


class ReasonDialog(QDialog):
    """Asks why a finding may stand; 确定 stays disabled until a reason is written."""

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        error = finding.severity is Severity.ERROR
        self.setWindowTitle("接受错误" if error else "忽略提醒")
        what = "接受这个错误" if error else "忽略这个提醒"
        self.finding_label = QLabel(finding.message)
        self.finding_label.setWordWrap(True)
        self.finding_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.prompt = QLabel(f"请写明{what}的理由（会保存在报告文件中，不会打印）：")
        self.prompt.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            "例如：本镇于上年与邻镇合并，上年结转数按合并后统计"
            if error
            else "例如：已与业务股室核实，数据无误"
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        box = QVBoxLayout(self)
        box.addWidget(self.finding_label)
        box.addSpacing(self.fontMetrics().height() // 2)
        box.addWidget(self.prompt)
        box.addWidget(self.reason, 1)
        box.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("汉")
        self.reason.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        # as tall as the wrapped labels need at this width: a fixed height clipped them
        self.resize(34 * em, self.heightForWidth(34 * em))
        self._update()

    @property
    def text(self) -> str:
        return " ".join(self.reason.toPlainText().split())

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text))

    def accept(self) -> None:
        if self.text:  # Enter cannot slip an empty reason through
            super().accept()


def ask_reason(parent: QWidget | None, finding: Finding) -> str | None:
    dialog = ReasonDialog(finding, parent)
    return dialog.text if dialog.exec() == QDialog.DialogCode.Accepted else None


# -- a new report ------------------------------------------------------------------------------


class NewReportDialog(QDialog):
    """The year of a new report (which picks the format), and optionally the body."""

    def __init__(self, parent: QWidget | None = None, body: str = "", kind: BodyKind | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建年度报告")
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setSuffix(" 年度")
        self.year.setValue(Settings().report_year())
        self.body = QLineEdit(body)
        self.body.setPlaceholderText("例如：某某县某某镇人民政府")
        self.kind = QComboBox()
        self.kind.addItems([NO_KIND, *(k.value for k in BodyKind)])
        if kind is not None:
            self.kind.setCurrentText(kind.value)
        self.format_label = QLabel()
        self.format_label.setWordWrap(True)
        self.format_label.setStyleSheet(f"color: {MUTED_FG.name()};")
        self.year.valueChanged.connect(self._show_format)
        form = QFormLayout()
        form.addRow("报告年度", self.year)
        form.addRow("", self.format_label)
        form.addRow("机关名称", self.body)
        form.addRow("机关类型", self.kind)
        _finish_form(self, form, "新建")
        self._show_format()

    def _show_format(self) -> None:
        fmt = format_for_year(self.year.value())
        self.format_label.setText(f"将使用{fmt.name}（{fmt.basis}）")

    def choice(self) -> tuple[int, str, BodyKind | None]:
        kind = self.kind.currentText()
        return self.year.value(), self.body.text().strip(), None if kind == NO_KIND else BodyKind(kind)


def ask_new_report(
    parent: QWidget | None, body: str = "", kind: BodyKind | None = None
) -> tuple[int, str, BodyKind | None] | None:
    dialog = NewReportDialog(parent, body, kind)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


# -- settings ----------------------------------------------------------------------------------


class SettingsDialog(QDialog):
    """The local publication deadline (N-W12) and how soon unsaved work is kept for recovery."""

    def __init__(self, deadline: tuple[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置")
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setSuffix(" 月")
        self.day = QSpinBox()
        self.day.setRange(1, 31)
        self.day.setSuffix(" 日")
        self.month.setValue(deadline[0])
        self.day.setValue(deadline[1])
        self.month.valueChanged.connect(self._clamp)
        row = QHBoxLayout()
        row.addWidget(QLabel("报告年度的次年"))
        row.addWidget(self.month)
        row.addWidget(self.day)
        row.addStretch(1)
        note = QLabel(
            "《条例》规定县级以上人民政府部门每年1月31日前公布上一年度的年度报告；"
            "乡镇、街道按本地通知执行。成文日期晚于此期限时，检查结果会给出提醒。"
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {MUTED_FG.name()};")
        form = QFormLayout()
        form.addRow("本地发布期限", row)
        form.addRow("", note)
        _finish_form(self, form, "确定")
        self._clamp()

    def _clamp(self) -> None:
        last = (dt.date(2001, self.month.value() % 12 + 1, 1) - dt.timedelta(days=1)).day
        self.day.setMaximum(last)

    def deadline(self) -> tuple[int, int]:
        return self.month.value(), self.day.value()


def ask_deadline(parent: QWidget | None, deadline: tuple[int, int]) -> tuple[int, int] | None:
    dialog = SettingsDialog(deadline, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog.deadline() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _finish_form(dialog: QDialog, form: QFormLayout, ok_text: str) -> None:
    """Put ``form`` above Chinese OK/取消 buttons and make the dialog wide enough for its labels."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    box = QVBoxLayout(dialog)
    box.addLayout(form)
    box.addWidget(buttons)
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("汉") * 34)
