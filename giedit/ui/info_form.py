"""The 基本信息 form: who reports, for which year, and how to reach them.

Each field commits when the clerk leaves it, as one undoable edit through the document (the same
path as table edits), and every field is re-read from the report after any change, so undo and
redo show up here too. Changing the year re-runs the checks, so F-E1 follows at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from giedit.model.edits import set_field
from giedit.model.report import BodyKind
from giedit.ui.document import Document
from giedit.ui.pages import heading, hint

# (label, path in the report, blank means None)
TEXT_FIELDS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("机关名称", ("body", "name"), False),
    ("上级机关", ("body", "parent"), False),
    ("统计期间", ("period",), True),
    ("落款机关", ("signature",), True),
    ("联系部门", ("contact", "office"), True),
    ("地址", ("contact", "address"), True),
    ("邮政编码", ("contact", "postcode"), True),
    ("联系电话", ("contact", "phone"), True),
    ("电子邮箱", ("contact", "email"), True),
)
NO_KIND = "（请选择）"
FIRST_YEAR, LAST_YEAR = 2019, 2100
FORM_WIDTH_EM = 50


def _get(target: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        target = getattr(target, name)
    return target


class InfoForm(QWidget):
    """Edits the report's basic information; shows the format the year calls for."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setSuffix(" 年")
        self.year.editingFinished.connect(lambda: self._commit(("year",), self.year.value()))
        form.addRow("报告年度", self.year)
        self.kind = QComboBox()
        self.kind.addItems([NO_KIND, *(k.value for k in BodyKind)])
        self.kind.activated.connect(self._commit_kind)
        self.texts: dict[tuple[str, ...], QLineEdit] = {}
        for label, path, optional in TEXT_FIELDS:
            edit = QLineEdit()
            edit.editingFinished.connect(
                lambda p=path, e=edit, o=optional: self._commit(p, e.text().strip() or (None if o else ""))
            )
            self.texts[path] = edit
            form.addRow(label, edit)
            if path == ("body", "name"):
                form.addRow("机关类型", self.kind)
        self.format_label = QLabel()
        self.format_label.setWordWrap(True)
        form.addRow("报告格式", self.format_label)
        fields = QWidget()
        fields.setLayout(form)
        fields.setMaximumWidth(self.fontMetrics().horizontalAdvance("汉") * FORM_WIDTH_EM)
        box = QVBoxLayout(self)
        box.addWidget(heading("基本信息"))
        box.addWidget(hint("离开输入框即生效，可撤销。报告格式由报告年度决定。"))
        box.addWidget(fields)
        box.addStretch(1)
        document.changed.connect(self._load)
        self._load()

    def _commit(self, path: tuple[str, ...], value: Any) -> None:
        self.document.push(set_field(self.document.report, path, value), "修改基本信息")

    def _commit_kind(self, row: int) -> None:
        self._commit(("body", "kind"), None if row == 0 else BodyKind(self.kind.itemText(row)))

    def _load(self) -> None:
        """Show what the report holds (after any edit, undo or redo)."""
        report = self.document.report
        self.year.setValue(report.year)
        self.kind.setCurrentIndex(
            0 if report.body.kind is None else self.kind.findText(report.body.kind.value)
        )
        for path, edit in self.texts.items():
            edit.setText(_get(report, path) or "")
        fmt = report.definition
        self.format_label.setText(f"{fmt.name}（{fmt.basis}）")
