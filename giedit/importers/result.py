"""What an import hands back: the report plus an account of every decision the importer made.

A clerk must be able to see, for an imported report, which numbers were read as printed, which
were tidied (G-W1), which labels or headings only matched a variant (I-W1) and what is missing and
why. Nothing is guessed silently: a doubt becomes a note, a cell that cannot be read stays blank.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from giedit.model.errors import ClerkError
from giedit.model.report import Report
from giedit.model.rule_ids import G_W1, I_W1
from giedit.model.schema import CellDef
from giedit.model.values import is_blank


class ImportFailed(ClerkError):
    """The input is not a report or cannot be read; ``str(err)`` is one Chinese sentence."""


class NeedsYear(ImportFailed):
    """The source is a report but prints no year: import again with ``year=``."""


class AlreadyGiedit(ImportFailed):
    """The source is a .giedit file: it is opened, not imported (the caller says how)."""


class NoteKind(StrEnum):
    READ = "read"  # a cell read exactly as printed
    NORMALISED = "normalised"  # a cell read after tidying its text (G-W1)
    VARIANT = "variant"  # a heading or label matched through a variant (I-W1)
    MISSING = "missing"  # a cell, table or heading that is not in the source (N-E1 for parts)
    UNREADABLE = "unreadable"  # present in the source but not readable as a value
    IGNORED = "ignored"  # text or numbers in the source that giedit dropped
    INFO = "info"  # where a field came from, or a doubt about it


TAGS = {
    NoteKind.READ: "读取",
    NoteKind.NORMALISED: "规范化",
    NoteKind.VARIANT: "变体",
    NoteKind.MISSING: "缺失",
    NoteKind.UNREADABLE: "无法读取",
    NoteKind.IGNORED: "已忽略",
    NoteKind.INFO: "说明",
}
MAX_NAMES = 6  # rows named per line of the terminal report
# The rule a note stands for, where spec §8 names one.
RULE_OF = {NoteKind.NORMALISED: G_W1, NoteKind.VARIANT: I_W1}


@dataclass(frozen=True)
class ImportNote:
    """One decision of the importer, in Chinese, tied to a cell or a section where it applies."""

    kind: NoteKind
    message: str
    cell: str | None = None
    section: str | None = None
    source: str | None = None  # the text as printed
    where: str | None = None  # where in the source (line, table row)
    rule: str | None = None
    reason: str | None = None  # for a blank cell: why it is blank

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "rule": self.rule or RULE_OF.get(self.kind),
            "cell": self.cell,
            "section": self.section,
            "source": self.source,
            "where": self.where,
            "message": self.message,
            "reason": self.reason,
        }


@dataclass
class ImportResult:
    """The imported report and the notes; ``report`` is complete (every cell, blank where unread)."""

    report: Report
    source_name: str
    kind: str  # how the lines were read: "docx", "pdf", "html" or "text"
    notes: list[ImportNote] = field(default_factory=list)
    reader: str = ""  # the reader used, in Chinese (LibreOffice conversions say so)
    encoding: str | None = None  # the text encoding used (text and web pages)

    def of_kind(self, *kinds: NoteKind) -> list[ImportNote]:
        return [n for n in self.notes if n.kind in kinds]

    @property
    def missing_cells(self) -> list[str]:
        """Cells left blank, in the format's reading order."""
        return [cid for cid in self.report.definition.cells if is_blank(self.report.cells.get(cid))]

    @property
    def worked_out(self) -> list[str]:
        """Totals the source did not give, worked out from the items read (an info note each)."""
        cells = self.report.definition.cells
        return [
            n.cell for n in self.notes if n.kind is NoteKind.INFO and n.cell is not None and n.cell in cells
        ]

    def counts(self) -> dict[str, int]:
        by_kind = Counter(n.kind for n in self.notes)
        return {str(k): by_kind.get(k, 0) for k in NoteKind}

    def summary(self) -> str:
        """One Chinese line for the CLI and the import dialog's heading."""
        r = self.report
        total = len(r.definition.cells)
        blank = len(self.missing_cells)
        worked = len(self.worked_out)
        c = self.counts()
        return (
            f"{r.year}年度，{r.body.name or '（未找到机关名称）'}，{r.definition.name}；"
            f"读取单元格 {total - blank - worked}/{total}，"
            + (f"由各项相加得出的合计 {worked} 格，" if worked else "")
            + f"规范化 {c['normalised']} 处，变体匹配 {c['variant']} 处，"
            f"空白或无法读取 {blank} 格"
        )

    def lines(self) -> list[str]:
        """The import report for a terminal: the summary, every note except plain reads, and the
        blank cells grouped by reason (the JSON form lists each cell)."""
        out = [self.summary()]
        blank: dict[str, list[str]] = {}
        cells = self.report.definition.cells
        for n in self.notes:
            if n.kind is NoteKind.READ:
                continue
            if n.kind is NoteKind.MISSING and n.cell in cells and n.reason:
                cell = cells[n.cell]
                fmt = self.report.definition
                name = cell.row.label or fmt.section(fmt.table(cell.table).section).title
                names = blank.setdefault(n.reason, [])
                names.extend([name] if name not in names else [])
                continue
            rule = n.rule or RULE_OF.get(n.kind)
            out.append(f"  [{TAGS[n.kind]}{' ' + rule if rule else ''}] {n.message}")
        for reason, names in blank.items():
            more = f"等 {len(names)} 行" if len(names) > MAX_NAMES else ""
            out.append(f"  [{TAGS[NoteKind.MISSING]}] {reason}：{'、'.join(names[:MAX_NAMES])}{more}")
        return out

    def as_json(self) -> dict[str, Any]:
        r = self.report
        return {
            "source": self.source_name,
            "kind": self.kind,
            "reader": self.reader,
            "encoding": self.encoding,
            "format": r.format,
            "year": r.year,
            "body": r.body.name,
            "summary": self.summary(),
            "counts": self.counts(),
            "missing_cells": self.missing_cells,
            "notes": [n.as_json() for n in self.notes],
        }


def blank_cell(
    kind: NoteKind, cell: CellDef, reason: str, where: str | None = None, source: str | None = None
) -> ImportNote:
    """The note for a cell left blank, naming the cell and the reason."""
    return ImportNote(
        kind, f"{cell.describe()}：{reason}", cell.id, source=source, where=where, reason=reason
    )
