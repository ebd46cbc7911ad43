"""The common shape every reader produces: a document as a list of lines.

A DOCX paragraph, a web page's block and a line of plain text or of a PDF page are all a
``Line``. A table row (Word, HTML, PDF) and a tab- or pipe-separated text line carry their
``cells``. Table rows are exact (``exact=True``): the row ends where the printed row ends and each
cell knows its grid column, so an empty cell is a blank value. Text rows are *positional*: every
separator is kept, so an empty field between two tabs is a blank cell in its column when the
row has exactly the official number of fields; otherwise (extraction tools drop empty cells and
insert spurious ones) the table reader goes by labels and counts only the printed numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from giedit.importers.result import ImportFailed

# A real report has a few hundred paragraphs and table rows (a 100-page one a few thousand);
# a limit far above that bounds the importer's time on hostile input.
MAX_LINES = 20_000


def too_many_lines(name: str) -> ImportFailed:
    return ImportFailed(f"{name}的段落或表格行过多（超过 {MAX_LINES} 个），不像是年度报告，已拒绝导入。")


@dataclass(frozen=True)
class Cell:
    text: str
    col: int | None = None  # first grid column (Word only)


@dataclass(frozen=True)
class Line:
    text: str
    where: str  # for messages: 第12行, 第2个表格第3行
    cells: tuple[Cell, ...] | None = None
    exact: bool = False  # a Word table row
    grid: int | None = None  # the table's number of grid columns
    positional: bool = False  # a tab/pipe text row: empty fields keep their place
    image: bool = False  # a picture printed here (no text): a table may be published as one

    @property
    def is_row(self) -> bool:
        return self.cells is not None
