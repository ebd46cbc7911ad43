"""Matching printed text against the official labels of a format definition.

Every label compared here is taken from the format definition, never retyped. Both sides are
reduced to a *key* first: NFKC (full-width to half-width), no whitespace at all (labels are
broken over lines and padded with NBSP), one form for quotes, commas and dots (reports write
``1.``, ``1、`` and ``1．``; the 2021 （六） items are printed with ``、`` or ``，``). A label that only
matches after dropping a local annotation in brackets or its item number is a *variant* (I-W1).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from giedit.model.schema import DataRow, Format, Role

_ARTEFACTS = re.compile(r"\[bookmark:[^\]]*\]")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_FOLD = str.maketrans(
    {
        "“": "",
        "”": "",
        "‘": "",
        "’": "",
        '"': "",
        "'": "",
        "「": "",
        "」": "",
        "、": ",",
        ".": ",",
        "—": "-",
        "–": "-",
        "－": "-",
    }
)
_PAREN = re.compile(r"\([^()]*\)")
_ITEM = re.compile(r"^(?:\d{1,2},|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3},)")


def clean(text: str) -> str:
    """Text as printed minus extraction artefacts (``[bookmark: _GoBack]``, zero-width characters)."""
    return _ARTEFACTS.sub("", text).translate(_INVISIBLE)


def key(text: str) -> str:
    """The comparison form of a label (see the module docstring)."""
    s = unicodedata.normalize("NFKC", clean(text))
    return "".join(s.split()).translate(_FOLD)


def loose(k: str) -> str:
    """A key without its item number and bracketed annotations, for variant matching."""
    k = _ITEM.sub("", k)
    while True:
        shorter = _PAREN.sub("", k)
        if shorter == k:
            return k
        k = shorter


class Kind(StrEnum):
    ROW = "row"  # the label of a data row
    TEXT = "text"  # a block title, header or group label: known, carries no numbers


@dataclass(frozen=True)
class Known:
    """A printed text of a table: which table it belongs to and, for a row label, the row."""

    kind: Kind
    label: str  # the official label
    table: str
    row: DataRow | None = None


@dataclass(frozen=True)
class Match:
    known: Known
    variant: bool
    shared: bool = False  # the same text is printed in more than one table (总计, 结果维持 …)


class Vocabulary:
    """All texts of a format's tables, looked up by key (exact) or loose key (variant)."""

    def __init__(self, fmt: Format) -> None:
        self.exact: dict[str, list[Known]] = {}
        self.loose: dict[str, list[Known]] = {}
        for table in fmt.tables:
            layout = fmt.layout(table.id)
            for row in layout.rows:
                if row.label:
                    self._add(Known(Kind.ROW, row.label, table.id, row))
            for cell in layout.grid:
                if cell.role in (Role.TITLE, Role.HEADER, Role.GROUP) and cell.text:
                    self._add(Known(Kind.TEXT, cell.text, table.id))
        self.longest = max(len(k) for k in self.exact)

    def _add(self, known: Known) -> None:
        k = key(known.label)
        if known not in self.exact.setdefault(k, []):
            self.exact[k].append(known)
        lk = loose(k)
        if lk and known not in self.loose.setdefault(lk, []):
            self.loose[lk].append(known)

    def lookup(self, text: str, table: str | None = None) -> Match | None:
        """The known text this printed text is, preferring rows of ``table`` when ambiguous."""
        k = key(text)
        if not k:
            return None
        if k in self.exact:
            found = self.exact[k]
            return Match(_pick(found, table) or found[0], False, len({c.table for c in found}) > 1)
        chosen = _pick(self.loose.get(loose(k), []), table)
        return Match(chosen, True) if chosen is not None else None

    def is_prefix(self, text: str) -> bool:
        """Whether the text could be the first piece of a label broken over lines."""
        k = key(text)
        return bool(k) and len(k) < self.longest and any(e.startswith(k) for e in self.exact)


def _pick(candidates: list[Known], table: str | None) -> Known | None:
    """The one candidate meant: the only one, the only row of the current table, or a header
    (headers carry no numbers, so which of two equal headers matters not); else none."""
    if len(candidates) == 1:
        return candidates[0]
    rows_here = [c for c in candidates if c.kind is Kind.ROW and c.table == table]
    if len(rows_here) == 1:
        return rows_here[0]
    texts = [c for c in candidates if c.kind is Kind.TEXT]
    if texts and not any(c.kind is Kind.ROW for c in candidates):
        return texts[0]
    return None
