"""Which files of the county's folder are reports to review, and which are set aside (and why).

Units send what they have: .giedit files, Word, PDF, web pages, text. Every file with one of
those suffixes is read (a damaged one becomes an unreadable unit that the county must chase);
anything else (a spreadsheet, a picture, an archive) is set aside and listed, never guessed at.
Hidden files, Word's lock files (``~$报告.docx``) and the review's own outputs are skipped
without a word, so the review can write its workbook and notices into the folder it reads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from giedit.model.storage import SUFFIX

REPORT_SUFFIXES = frozenset({SUFFIX, ".docx", ".doc", ".pdf", ".html", ".htm", ".txt", ".rtf"})
NOT_A_REPORT = "不是报告文件（giedit 只读取 .giedit、Word、PDF、网页和文本文件），未审核"


@dataclass(frozen=True)
class SetAside:
    """A file of the folder that is not reviewed, with the reason in Chinese."""

    path: Path
    reason: str


def collect(folder: Path, skip: Iterable[Path] = ()) -> tuple[list[Path], list[SetAside]]:
    """(report files, files set aside), each sorted by path; subfolders included.

    ``skip`` holds files and folders that must not be read (the roster, the review's workbook and
    its notices folder).
    """
    skipped = {os.path.normcase(os.path.abspath(p)) for p in skip}
    reports: list[Path] = []
    aside: list[SetAside] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and os.path.normcase(os.path.abspath(os.path.join(root, d))) not in skipped
        )
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith((".", "~$")) or os.path.normcase(os.path.abspath(path)) in skipped:
                continue
            if not path.is_file():  # a socket, a fifo: nothing a unit sent
                continue
            if path.suffix.lower() in REPORT_SUFFIXES:
                reports.append(path)
            else:
                aside.append(SetAside(path, NOT_A_REPORT))
    return reports, aside
