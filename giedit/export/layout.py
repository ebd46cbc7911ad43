"""Typesetting constants shared by the DOCX and PDF writers (GB/T 9704-2012, spec §9).

Both writers read these numbers so that the two files look alike; nothing here imports docx or
reportlab. Values marked "derived" follow arithmetically from the standard and are not printed
in it (spec §9.1).
"""

from __future__ import annotations

import math
import re

from giedit.model.report import DRAFT_STAMP as DRAFT_STAMP  # re-exported: the writers print it

MM = 72 / 25.4  # points per millimetre
TWIPS_PER_PT = 20

# -- page (spec §9.1) ----------------------------------------------------------------------------
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37.0, 35.0, 28.0, 26.0
TEXT_W_MM = PAGE_W_MM - LEFT_MM - RIGHT_MM  # 156 mm 版心 width
TEXT_H_MM = PAGE_H_MM - TOP_MM - BOTTOM_MM  # 225 mm 版心 height
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
TEXT_W_PT = TEXT_W_MM * MM
TEXT_H_PT = TEXT_H_MM * MM

# -- type sizes (字号 in points) ------------------------------------------------------------------
SIZE_2 = 22.0  # 二号: title
SIZE_3 = 16.0  # 三号: body and headings
SIZE_4 = 14.0  # 四号: page numbers
SIZE_S4 = 12.0  # 小四
SIZE_5 = 10.5  # 五号
SIZE_S5 = 9.0  # 小五

# Table type sizes by table id: 二 at 小四 fits its four columns; 三 (10 columns) at 五号 and 四
# (15 columns) at 小五, as real reports set them (spec §9.6).
TABLE_SIZE = {"active": SIZE_S4, "requests": SIZE_5, "appeals": SIZE_S5}
TABLE_LEADING = 1.25  # line height / type size inside table cells
CELL_PAD_X_PT = 2.8  # about 1 mm left and right inside a cell
CELL_PAD_Y_PT = 1.5  # tight enough that table 三 fits one page with its heading and note
RULE_PT = 0.5  # table rules

# -- the 22 x 28 grid (derived) ------------------------------------------------------------------
# One line: 225 mm / 22 = 28.99 pt; rounded down to whole twips so 22 lines always fit.
LINE_PITCH_TWIPS = int(TEXT_H_MM * MM * TWIPS_PER_PT / LINES_PER_PAGE)  # 579
LINE_PITCH_PT = LINE_PITCH_TWIPS / TWIPS_PER_PT
# 28 characters of 三号 need 448 pt but the 版心 is 442.2 pt wide. Word templates narrow the pitch
# with w:docGrid w:type="linesAndChars" w:charSpace, but LibreOffice then gives each character two
# grid cells (14 a line), and a negative character spacing makes it drop punctuation hanging at a
# line end. So the DOCX grid fixes the lines only, and 三号 runs are scaled to 98 % width (w:w),
# which puts 28 on a line in Word and LibreOffice alike; the PDF sets 三号 at the pitch itself.
CHAR_SCALE = math.floor(100 * TEXT_W_PT / CHARS_PER_LINE / SIZE_3)  # 98
BODY_PDF_PT = int(TEXT_W_PT / CHARS_PER_LINE * 100) / 100  # 15.79
INDENT_CHARS = 2  # 首行左空二字

# -- closing lines (spec §9.4) -------------------------------------------------------------------
DATE_RIGHT_CHARS = 4  # 成文日期右空四字; the signature is centred over the date

# -- page numbers (spec §9.3) --------------------------------------------------------------------
PAGE_NUMBER_GAP_MM = 7.0  # the top of the 一字线 sits 7 mm below the 版心
DASH_TOP_EM = 0.38  # the em dash's top above the baseline, as a fraction of the type size
PAGE_NUMBER_BASELINE_MM = BOTTOM_MM - PAGE_NUMBER_GAP_MM - DASH_TOP_EM * SIZE_4 / MM
PAGE_NUMBER_INSET_PT = SIZE_4  # 空一字 from the outer edge of the 版心
HEADER_MM = 15.0  # where a 草稿 stamp sits, from the top edge

_MARKER = re.compile(r"（[一二三四五六七八九十]+）")

DRAFT_RGB = (0xC0, 0x00, 0x00)


def page_number_text(n: int | str) -> str:
    """``— N —``: the number between two 一字线 (em dashes)."""
    return f"— {n} —"


def char_width(text: str) -> float:
    """Width in 汉字 widths: ASCII (digits of a date) is half width, everything else full."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def estimated_lines(text: str, indent_chars: float = 0) -> int:
    """How many 28-character lines a 三号 paragraph takes (first line indented), from character
    widths alone: what a writer that does not lay out text itself knows of its height."""
    return sum(
        max(1, math.ceil((char_width(line) + (indent_chars if i == 0 else 0)) / CHARS_PER_LINE - 1e-9))
        for i, line in enumerate(text.split("\n"))
    )


def closing_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents, in characters, of the signature and the date (date 右空四字, name centred on it)."""
    sig = DATE_RIGHT_CHARS + (char_width(date) - char_width(signature)) / 2
    return max(sig, 0.0), float(DATE_RIGHT_CHARS)


def break_after_marker(text: str, width_pt: float, size_pt: float) -> int | None:
    """Where a group label too wide for its cell should break: after its ordinal (（三）, then the words).

    Left to the line breaker, a four-character column breaks inside the words. The label keeps
    no line break (a search in the DOCX must find the whole label): the PDF breaks there, the DOCX and
    HTML leave the wrapping to the reader.
    """
    m = _MARKER.match(text)
    if m is None or char_width(text) * size_pt <= width_pt - 2 * CELL_PAD_X_PT:
        return None
    return m.end()


def stacked_padding(width_pt: float, size_pt: float) -> float | None:
    """Side padding that stacks a narrow group label one character a line, or None if not narrow.

    Table 三's result group label runs down a column about two characters wide; two characters a
    line would break it as 三、/本年/度办; one a line reads as the official table does.
    """
    if width_pt >= 3.5 * size_pt:
        return None
    return max((width_pt - 1.3 * size_pt) / 2, CELL_PAD_X_PT)
