"""Bytes of a text file or web page to text, and the name of the encoding that was used.

Files from government PCs come as UTF-8 (with or without BOM), GBK/GB18030 (Notepad's "ANSI"
on Chinese Windows), UTF-16 (Notepad's "Unicode", with a BOM, sometimes without) and now and
then Big5. Order of trust: a byte-order mark; strict UTF-8 (random GBK text is practically never
valid UTF-8); then charset-normalizer, limited to the encodings a Chinese report can be in. It
scores how coherent the decoded text is, which a hand-written "first codec that does not fail"
cannot do: GBK bytes often decode without error as Big5 (and UTF-16 without BOM decodes as
almost anything), giving mojibake. Every GB label (gb2312, gbk, cp936) is decoded as GB18030,
its superset, as browsers do: pages labelled gb2312 routinely hold GBK-only characters (塅).
"""

from __future__ import annotations

import codecs
import re

from giedit.importers.foreign import binary_message
from giedit.importers.result import ImportFailed

MAX_TEXT_BYTES = 4 * 1024 * 1024  # a long report's text is a few hundred KB
# Only these are tried when the bytes carry no BOM and are not UTF-8.
CANDIDATES = ("gb18030", "big5", "utf_16_le", "utf_16_be")
_GB = {"gb2312", "gbk", "cp936", "ms936", "gb18030", "x-gbk", "euc-cn", "csgb2312", "hz-gb-2312", "chinese"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8（带 BOM）"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
NAMES = {
    "gb18030": "GB18030（GBK）",
    "big5": "Big5",
    "utf_16_le": "UTF-16",
    "utf_16_be": "UTF-16",
    "utf_8": "UTF-8",
}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label a page declares; GB labels all mean GB18030."""
    name = label.strip().strip("\"'").lower()
    if name in _GB:
        return "gb18030"
    if name in ("big5", "big5-hkscs", "cp950", "x-x-big5"):
        return "big5hkscs"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def bom_codec(data: bytes) -> tuple[str, str] | None:
    """(codec, shown name) when the bytes start with a byte-order mark."""
    for bom, codec, shown in _BOMS:
        if data.startswith(bom):
            return codec, shown
    return None


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding used (for the notes), or ``ImportFailed`` for binary data."""
    if len(data) > MAX_TEXT_BYTES:
        raise ImportFailed(
            f"{name}过大（超过 {MAX_TEXT_BYTES // 1024 // 1024} MB），不像是年度报告，已拒绝导入。"
        )
    found = bom_codec(data)
    if found is not None:
        text = _try(data, found[0])
        if text is not None:
            return text, found[1]
    text = _try(data, "utf-8")
    if text is not None:
        return text, "UTF-8"
    guess = _detect(data)
    if guess is not None:
        text = _try(data, guess)
        if text is not None:
            return text, NAMES.get(guess, guess)
    text = _try(data, "gb18030")
    if text is not None:
        return text, NAMES["gb18030"]
    raise ImportFailed(binary_message(data, name))


def _try(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    if _CONTROL.search(text):  # NUL and other controls: binary, or UTF-16 read as a byte codec
        return None
    return text


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best guess among ``CANDIDATES`` (imported lazily: it is only needed
    for files that are neither UTF-8 nor marked)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(CANDIDATES), preemptive_behaviour=False).best()
    if best is None:
        return None
    codec = best.encoding.lower()
    return "gb18030" if codec in _GB else codec
