"""The report document: everything a clerk writes, as typed records (``records``) with no Qt in it.

Cells are keyed by the cell ids of the format definition. Blank (``None``) is not 0. Values that
break the rules (a negative count, text in a number cell) are kept so that the checks can report
them; validation lives in the rule engine, not in the model.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from giedit.model.formats import SECTION_IDS, format_for_year, get_format
from giedit.model.records import Field, Record
from giedit.model.rule_ids import OVERRIDES
from giedit.model.schema import CellKind, Format
from giedit.model.values import CellValue, Money


class BodyKind(StrEnum):
    """The kind of reporting body; some checks (T1-W6, N-W5) depend on it."""

    TOWNSHIP = "乡"
    TOWN = "镇"
    SUBDISTRICT = "街道"
    COUNTY_GOVERNMENT = "县级人民政府"
    DEPARTMENT = "部门"
    OTHER = "其他单位"


class Level(StrEnum):
    """Paragraph levels inside a section; the heading markers are numbered on output."""

    BODY = "body"
    H2 = "h2"  # （一）
    H3 = "h3"  # 1.
    H4 = "h4"  # （1）


_Model = Record  # unknown keys refused, every assignment validated


FIGURE = "\ufffc"  # where a figure stands in a paragraph's text (U+FFFC OBJECT REPLACEMENT CHARACTER)
TODO = "【待修改】"
ASK = "请写明"
# What the roll-forward writes for the clerk to replace; N-E2 refuses a final export while any is left.
PROMPTS = (TODO, ASK)
# What a draft export (``--draft``, 导出草稿) prints above the title or in the page header of its
# HTML, PDF and DOCX: the writers print it and the importers drop it when a draft is read back,
# so both sides must spell it alike (model is the layer both export and importers may use).
DRAFT_STAMP = "草稿"


class Span(_Model):
    """A run ``[start, end)`` of a paragraph's text."""

    start: int
    end: int


class Generated(_Model):
    """A paragraph 「从表格生成」 wrote: its topic (the table it tells) and a digest of its text and
    figures as written, so that a paragraph the clerk has since edited is told apart."""

    topic: str
    digest: str


class Paragraph(_Model):
    """One paragraph of narrative.

    ``text`` holds a ``FIGURE`` character where a figure stands: a number bound to the tables, whose
    reference (a cell id, or cell ids joined by ``+`` for a sum) is the matching entry of ``figures``.
    The figure's value is never stored here; it is read from ``report.cells`` whenever the
    paragraph is shown or printed (``giedit.model.figures.paragraph_text``). ``unconfirmed`` marks
    numbers carried from last year's report that no table cell could take: they are highlighted
    until the clerk edits or confirms them (N-W16).
    """

    level: Level = Level.BODY
    text: str = ""
    figures: list[str] = Field(default_factory=list)
    unconfirmed: list[Span] = Field(default_factory=list)
    generated: Generated | None = None


class SectionText(_Model):
    """A section's narrative (一, 五, 六) or note (二–四, e.g. 该部分以表格形式报告。)."""

    paragraphs: list[Paragraph] = Field(default_factory=list)
    carried: bool = False  # carried from last year and not yet edited (待修改, N-W15)
    extra: list[str] = Field(default_factory=list)  # local lines printed after the table (spec §2.5)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


class Body(_Model):
    name: str = ""
    kind: BodyKind | None = None
    parent: str = ""  # higher-level unit


class Contact(_Model):
    office: str | None = None
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None


class Dismissal(_Model):
    """A warning the clerk accepted, with the reason; kept in the file, printed nowhere."""

    rule: str
    cells: list[str] = Field(default_factory=list)  # the finding's cells: a dismissal covers one finding
    section: str | None = None  # the finding's section, for narrative findings without cells
    reason: str


PREAMBLE = "preamble"  # where the title's and preamble's text lives, beside the six section ids


def paragraphs_of(report: Report, where: str) -> list[Paragraph]:
    """The paragraphs of ``where``: ``PREAMBLE`` or a section id (a section the report lacks reads
    as empty and is not created)."""
    return report.preamble if where == PREAMBLE else report.text_of(where).paragraphs


OverridableRule = Literal[tuple(OVERRIDES)]  # type: ignore[valid-type]  # the ids, from the registry


class Override(_Model):
    """An accepted error (F-E1 and T2-E4 only, spec §8) with the reason."""

    rule: OverridableRule
    reason: str


class PreviousYear(_Model):
    """Last year's figures and narrative, kept so cross-year rules work without the old file."""

    format: str
    year: int
    cells: dict[str, CellValue] = Field(default_factory=dict)
    sections: dict[str, SectionText] = Field(default_factory=dict)
    source: Literal["giedit", "import"] = "giedit"


class SourceFile(_Model):
    """A published file the report was imported or rolled forward from (``giedit.model.sources``):
    exports never replace it silently. Name, size and SHA-256 only: no folder path."""

    name: str
    size: int
    sha256: str


class RegisterLink(_Model):
    """Table 三 as computed from an application register (issue 19): the file, its checksum and
    what it gave. Kept so the editor shows which register rows make up a cell, warns when a
    computed cell was changed by hand (T2-W4), recounts with the same readings of the clerk,
    and notices a register that changed since."""

    path: str
    sha256: str
    year: int
    sheet: str | None = None
    computed: dict[str, int] = Field(default_factory=dict)  # cell id → the register's count
    rows: dict[str, str] = Field(default_factory=dict)  # input cell id → register rows, e.g. "3-5,9"
    columns: dict[str, str] = Field(default_factory=dict)  # register field → its header text
    values: dict[str, str] = Field(default_factory=dict)  # the clerk's readings of unknown values
    keep_duplicates: bool = False
    # Register rows that could not be counted ("7-8,12"): applications missing from the table until
    # the clerk corrects the register or maps their values (T2-W5). Left out of files when empty.
    unresolved: str = ""


class Report(_Model):
    """One annual report. ``format`` names a format definition; ``cells`` uses its cell ids."""

    format: str
    year: int
    title: str | None = None  # None: the customary title built from body and year
    body: Body = Field(default_factory=Body)
    contact: Contact = Field(default_factory=Contact)
    period: str | None = None  # 统计期间, e.g. 2025年1月1日至2025年12月31日
    signature: str | None = None  # the body name printed at the end
    date: dt.date | None = None  # 成文日期
    cells: dict[str, CellValue] = Field(default_factory=dict)
    preamble: list[Paragraph] = Field(default_factory=list)
    sections: dict[str, SectionText] = Field(default_factory=dict)
    dismissals: list[Dismissal] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)
    previous: PreviousYear | None = None
    baseline_in_force: dict[str, int | None] = Field(default_factory=dict)  # 上年末现行有效件数 by row
    baseline_source: Literal["giedit", "import", "clerk"] | None = None
    sources: list[SourceFile] = Field(default_factory=list)  # optional; left out of files when empty
    register_link: RegisterLink | None = None  # table 三 computed from the application register

    @property
    def definition(self) -> Format:
        return get_format(self.format)

    def section(self, section_id: str) -> SectionText:
        """The section's text, created empty on first access so every report has all six."""
        if section_id not in self.sections:
            self.sections[section_id] = SectionText()
        return self.sections[section_id]

    def text_of(self, section_id: str) -> SectionText:
        """The section's text for reading: a section the report lacks (an imported report whose
        source had no such part) reads as empty and stays absent, so N-E1 keeps reporting it
        until the clerk writes something there."""
        return self.sections.get(section_id) or SectionText()

    def value(self, cell_id: str) -> CellValue:
        return self.cells.get(cell_id)

    def display_title(self) -> str:
        return self.title or f"{self.body.name}{self.year}年政府信息公开工作年度报告"

    def default_period(self) -> str:
        return f"{self.year}年1月1日至{self.year}年12月31日"


def new_report(year: int, body: str = "", format_id: str | None = None) -> Report:
    """An empty report for ``year`` in the format in force for that year (or ``format_id``)."""
    fmt = get_format(format_id) if format_id else format_for_year(year)
    cells: dict[str, CellValue] = {
        cid: (Money(unit=c.column.unit) if c.kind is CellKind.MONEY else None) for cid, c in fmt.cells.items()
    }
    report = Report(format=fmt.id, year=year, body=Body(name=body), cells=cells, signature=body or None)
    report.period = report.default_period()
    for sid in SECTION_IDS:
        report.section(sid)
    return report
