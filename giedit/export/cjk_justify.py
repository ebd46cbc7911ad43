"""Justified lines of 汉字 in reportlab (两端对齐).

reportlab justifies a line by widening its spaces. A line of Chinese has none, so every line that
holds half-width digits (2次, 5%) ends short of the right margin and body text comes out ragged,
where official documents are set flush on both sides. This replaces reportlab's justify routine
for single-font paragraphs (its "kind 0", which is every paragraph without a fallback-font run)
with one that spreads the difference over the character spacing instead; a line that ends in
hanging punctuation is narrowed the same way. Lines with spaces, last lines and paragraphs with
mixed fonts keep reportlab's behaviour.
"""

from __future__ import annotations

from reportlab.platypus import paragraph as _rl

_REPORTLAB_JUSTIFY = _rl._justifyDrawParaLine
MAX_SPACING_EM = 0.5  # never spread or squeeze a line by more than half a character per gap


def _justify(tx, offset: float, extraspace: float, words: list[str], last: int = 0) -> float:
    text = " ".join(words)
    size = tx._fontsize or tx.XtraState.style.fontSize
    spacing = extraspace / (len(text) - 1) if len(text) > 1 else 0.0
    plain = last or len(words) > 1 or abs(extraspace) <= 1e-8 or getattr(tx, "preformatted", False)
    if plain or abs(spacing) > MAX_SPACING_EM * size:
        return _REPORTLAB_JUSTIFY(tx, offset, extraspace, words, last)
    _rl.setXPos(tx, offset)
    tx.setCharSpace(spacing)
    tx._textOut(text, 1)
    tx.setCharSpace(0)
    _rl.setXPos(tx, -offset)
    return offset


def install() -> None:
    """Route reportlab's justified single-font lines through ``_justify`` (idempotent)."""
    _rl._justifyDrawParaLine = _justify
