"""Small text helpers every layer shares: messages clipped to a length, text compared without
width or spacing differences, dates as a Chinese report prints them."""

from __future__ import annotations

import datetime as dt
import unicodedata

ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def squeezed(text: str) -> str:
    """NFKC (full-width letters and digits as ASCII) with every white space removed: how titles,
    periods and labels are compared, since published reports print them with stray spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def date_text(date: dt.date) -> str:
    """A date as printed in a report: 2022年1月5日."""
    return f"{date.year}年{date.month}月{date.day}日"


def decode_local(data: bytes) -> str | None:
    """A plain text file as Notepad, WPS and Excel on a Chinese PC save it (UTF-8 with or
    without a BOM, else GB18030); ``None`` when it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
