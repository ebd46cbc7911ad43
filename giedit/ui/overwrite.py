"""Before 导出 writes: the files that are already there, and the clerk's explicit answer.

The export names its files after the report; last year's published report, the one the clerk
imported, often has the same name in the same folder, and earlier exports of this year's report
are there too. Nothing is replaced without 「替换」 clicked for exactly those files: the question
names every existing file, says which one is the published file the report was imported from
(then 「保存为新文件」, not 「替换」, is the default), and offers new names that are free
(``报告（2）.docx`` / ``报告（2）.pdf``, the same number for the pair). Whatever the answer, the
export itself only replaces the files agreed to (``export_all(replace=…)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from giedit.export.targets import existing
from giedit.model import sources
from giedit.model.report import Report

Button = QMessageBox.StandardButton
MAX_NUMBER = 99


@dataclass(frozen=True)
class Plan:
    """Where to write, and which of those files the clerk agreed to replace."""

    paths: list[Path]
    replace: frozenset[Path]


def numbered(paths: list[Path]) -> list[Path] | None:
    """The same names with the lowest number （n） that is free for every one of them."""
    for n in range(2, MAX_NUMBER + 1):
        candidates = [p.with_name(f"{p.stem}（{n}）{p.suffix}") for p in paths]
        if not existing(candidates):
            return candidates
    return None


def confirm(parent: QWidget | None, report: Report, paths: list[Path]) -> Plan | None:
    """Ask about the targets that exist; ``None`` when the clerk cancels (nothing to write)."""
    taken = existing(paths)
    if not taken:
        return Plan(paths, frozenset())
    originals = [p for p in taken if sources.is_source(report, p)]
    others = numbered(paths)
    names = "、".join(f"「{p.name}」" for p in taken)
    text = f"文件夹中已有{names}。"
    if originals:
        text += f"其中「{originals[0].name}」是这份报告导入时读取的原文件（已发布的报告），替换后将无法找回。"
    info = "「替换」用新导出的内容替换这些文件；"
    if others:
        info += f"「保存为新文件」另存为{'、'.join(f'「{p.name}」' for p in others)}，原有文件不动。"
    box = QMessageBox(QMessageBox.Icon.Warning, "文件已存在", text, Button.NoButton, parent)
    box.setInformativeText(info)
    box.addButton(Button.Yes).setText("替换")
    if others:
        box.addButton(Button.Save).setText("保存为新文件")
    box.addButton(Button.Cancel).setText("取消")
    box.setDefaultButton(Button.Save if others and originals else Button.Cancel)
    box.setEscapeButton(Button.Cancel)
    answer = Button(int(box.exec()))
    if answer == Button.Yes:
        return Plan(paths, frozenset(taken))
    if answer == Button.Save and others:
        return Plan(others, frozenset())
    return None
