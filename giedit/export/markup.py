"""reportlab paragraph markup with per-character font fallback."""

from __future__ import annotations

from xml.sax.saxutils import escape

from giedit.export.fonts import FontRole, PdfFonts


def markup(fonts: PdfFonts, text: str, role: FontRole) -> str:
    """``text`` as Paragraph markup: escaped, line breaks kept, glyphs the role's font lacks wrapped
    in ``<font name=…>`` of a fallback font that has them."""
    primary = fonts.primary[role]
    lines = []
    for line in text.split("\n"):
        pieces = [
            escape(chunk) if font == primary else f'<font name="{font}">{escape(chunk)}</font>'
            for font, chunk in fonts.runs(line, role)
        ]
        lines.append("".join(pieces))
    return "<br/>".join(lines)
