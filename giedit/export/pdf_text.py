"""Set text in the PDF: giedit's own line breaker, drawn on a reportlab canvas.

A ``TextSetting`` says how a piece of text is set (role, size, leading, alignment, indent); ``lay_out``
breaks it into lines with ``linebreak.break_lines`` using the fonts' real advance widths, and
``draw_line`` draws one line: runs in the role's font and its per-character fallbacks, justified
(两端对齐) by character spacing. ``TextBlock`` is the same for a table cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from giedit.export.fonts import FontRole, PdfFonts
from giedit.export.linebreak import Line, break_lines
from giedit.export.pdf_ops import begin, end, show

ASCENT_EM = 0.88  # where a CJK em box's top sits above the baseline


@dataclass(frozen=True)
class TextSetting:
    role: FontRole
    size: float
    leading: float
    align: str = "justify"  # justify, left, center, right
    first_indent: float = 0.0  # points
    right_indent: float = 0.0  # points


def lay_out(fonts: PdfFonts, text: str, setting: TextSetting, avail: float) -> list[Line]:
    """The lines of ``text`` in a column ``avail`` points wide."""
    return break_lines(
        text,
        fonts.sized_width(setting.role, setting.size),
        avail - setting.right_indent,
        setting.size,
        first_indent=setting.first_indent,
        justify=setting.align == "justify",
    )


def draw_line(
    canvas: Canvas,
    fonts: PdfFonts,
    text: str,
    line: Line,
    setting: TextSetting,
    x: float,
    top: float,
    avail: float,
    first: bool,
) -> None:
    """Draw ``line`` with its top at ``top`` in a column from ``x`` that is ``avail`` wide."""
    chunk = text[line.start : line.end]
    if not chunk:
        return
    size = setting.size
    indent = setting.first_indent if first else 0.0
    room = avail - setting.right_indent - indent
    spacing = 0.0 if line.hard and setting.align == "justify" else line.spacing
    if setting.align in ("center", "right"):
        spacing = min(spacing, 0.0)
    drawn = line.width + spacing * (len(chunk) - 1)
    left = x + indent
    if setting.align == "center":
        left += (room - drawn) / 2
    elif setting.align == "right":
        left += room - drawn
    baseline = top - (setting.leading - size) / 2 - ASCENT_EM * size
    code = begin(left, baseline)
    code.append(f"{fp_str(spacing)} Tc")
    for font, run in fonts.runs(chunk, setting.role):
        show(canvas, font, size, size * 1.2, run, code)  # 1.2: the TL reportlab wrote; no T* uses it
    end(canvas, code)


@dataclass
class TextBlock:
    """Text in a table cell: wrapped with kinsoku to the cell's inner width, drawn line by line."""

    fonts: PdfFonts
    text: str
    setting: TextSetting
    lines: list[Line] = field(default_factory=list)

    def wrap(self, avail: float) -> float:
        """Lay the text out ``avail`` points wide; returns its height."""
        self.lines = lay_out(self.fonts, self.text, self.setting, avail)
        return len(self.lines) * self.setting.leading

    def draw(self, canvas: Canvas, x: float, top: float, avail: float) -> None:
        for i, line in enumerate(self.lines):
            draw_line(canvas, self.fonts, self.text, line, self.setting, x, top, avail, i == 0)
            top -= self.setting.leading
