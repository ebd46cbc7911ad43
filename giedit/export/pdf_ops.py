"""Text drawn on a reportlab canvas as PDF operators, without reportlab's text object.

A PDF of a report draws ~700 runs of text. reportlab's ``PDFTextObject`` measures each run on the
way (``textOut`` advances its cursor, ``drawString`` centres nothing but still measures) and
re-formats its font settings for every run; giedit has measured and placed every run already
(``linebreak``, ``pdf_table``), so it writes the same operators itself: the text object's code,
byte for byte what ``PDFTextObject`` wrote for these calls (its subsets, ``Tf``/``TL`` settings and
escaping), handed to ``Canvas.drawText``. The page streams are unchanged; only the time goes.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas


class _Code:
    """A finished text object: ``Canvas.drawText`` asks it for its code and nothing else."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def getCode(self) -> str:
        return self.code


def show(canvas: Canvas, font: str, size: float, leading: float, text: str, out: list[str]) -> None:
    """Append the operators that show ``text`` in the registered TrueType ``font``: each of the
    font's 256-glyph subsets selected where it changes, its bytes shown (``Tj``)."""
    face = getFont(font)
    doc = canvas._doc
    escape = canvas._escape
    settings = f"{fp_str(size)} Tf {fp_str(leading)} TL"
    for subset, chunk in face.splitString(text, doc):  # a chunk for each change of subset
        out.append(f"{face.getSubsetInternalName(subset, doc)} {settings}")
        out.append(f"({escape(chunk)}) Tj")


def begin(x: float, y: float) -> list[str]:
    """A text object's first operators: text space at (x, y)."""
    return ["BT", f"1 0 0 1 {fp_str(x, y)} Tm"]


def end(canvas: Canvas, code: list[str]) -> None:
    """Close the text object ``code`` and put it on the page."""
    code.append("ET")
    canvas.drawText(_Code(" ".join(code)))


def draw_string(
    canvas: Canvas, font: str, size: float, leading: float, x: float, y: float, text: str
) -> None:
    """``Canvas.drawString(x, y, text)`` in ``font`` at ``size``/``leading``, as it writes it
    (its ``textLine`` ends with a move to the next line, ``T*``, kept so the stream is the same)."""
    code = begin(x, y)
    show(canvas, font, size, leading, text, code)
    code.append("T*")
    end(canvas, code)
