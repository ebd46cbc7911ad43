"""Length limits of the output formats, applied so that anything ``check`` accepts exports.

A DOCX's core properties (title, author, subject…) hold at most 255 characters each: python-docx
raises ``ValueError`` beyond that, and Word is known to refuse longer ones. A report's title is
built from the body's name and may be longer (a 239-character name and the customary title words
pass 255), so the properties get the text clipped, with an ellipsis to show it was; the title on
the page itself is never clipped.
"""

from __future__ import annotations

from giedit.export.docx_xml import xml_safe
from giedit.model.text import clip

CORE_PROPERTY_CHARS = 255


def core_property(text: str) -> str:
    """``text`` fit for a DOCX core property: storable characters, at most 255 of them."""
    text = xml_safe(text)
    return clip(text, CORE_PROPERTY_CHARS)
