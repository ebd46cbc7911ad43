"""Matching printed text against the official labels of a format definition.

Every label compared here is taken from the format definition, never retyped. Both sides are
reduced to a *key* first: NFKC (full-width to half-width), no whitespace at all (labels are
broken over lines and padded with NBSP), one form for quotes, commas and dots (reports write
``1.``, ``1、`` and ``1．``; the 2021 （六） items are printed with ``、`` or ``，``). A label that only
matches after dropping a local annotation in brackets or its item number is a *variant* (I-W1).

A report is read against its *target* format, but real reports of 2021–2023 print rows of the
other version too (the 2021 （六） sub-rows in a 2019 template, a 2019 （五） block with three
columns). So the vocabulary also knows the other formats' texts, each tagged with its format:
the table reader then reads such a row with the columns it was printed with, and maps it by
cell id to the target format (ids mean the same thing in every version). A row whose group
label and own label share one cell (the （六） group label and its item 1., a 2019 grid holding 2021 rows)
is known by the joined label too.
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
    fmt: str = ""  # the id of the format this text belongs to


@dataclass(frozen=True)
class Match:
    known: Known
    variant: bool
    shared: bool = False  # the same text is printed in more than one table (总计, 结果维持 …)
    only: str | None = None  # the one format that prints this text (a header telling the layout)
    alt: Known | None = None  # a group label of the target that another format prints as a data row


class Vocabulary:
    """All texts of a format's tables (and of the ``others``), looked up by key (exact) or
    loose key (variant, target format only)."""

    def __init__(self, fmt: Format, others: tuple[Format, ...] = ()) -> None:
        self.target = fmt.id
        self.formats = {f.id: f for f in (fmt, *others)}
        self.exact: dict[str, list[Known]] = {}
        self.loose: dict[str, list[Known]] = {}
        for f in self.formats.values():
            for table in f.tables:
                layout = f.layout(table.id)
                for row in layout.rows:
                    if row.label:
                        self._add(Known(Kind.ROW, row.label, table.id, row, f.id), f is fmt)
                        for n in range(len(row.group)):  # group and row label in one cell
                            joined = Known(Kind.ROW, "".join(row.group[n:]) + row.label, table.id, row, f.id)
                            self._add(joined, loose_too=False)
                for cell in layout.grid:
                    if cell.role in (Role.TITLE, Role.HEADER, Role.GROUP) and cell.text:
                        self._add(Known(Kind.TEXT, cell.text, table.id, fmt=f.id), f is fmt)
        self.longest = max(len(k) for k in self.exact)

    def _add(self, known: Known, loose_too: bool) -> None:
        k = key(known.label)
        if known not in self.exact.setdefault(k, []):
            self.exact[k].append(known)
        lk = loose(k)
        if loose_too and lk and known not in self.loose.setdefault(lk, []):
            self.loose[lk].append(known)

    def lookup(self, text: str, table: str | None = None, printed: str | None = None) -> Match | None:
        """The known text this printed text is, preferring rows of ``table`` when ambiguous, and
        texts of the ``printed`` format (the layout of the block being read), then of the target."""
        k = key(text)
        if not k:
            return None
        if k in self.exact:
            found = self.exact[k]
            formats = {c.fmt for c in found}
            shared = len({c.table for c in found}) > 1
            only = next(iter(formats)) if len(formats) == 1 else None
            for fid in dict.fromkeys((printed, self.target, *self.formats)):
                chosen = _pick([c for c in found if c.fmt == fid], table)
                if chosen is not None:
                    return Match(chosen, False, shared, only, self._alt(chosen, found))
            return Match(found[0], False, shared, only)
        chosen = _pick(self.loose.get(loose(k), []), table)
        return Match(chosen, True) if chosen is not None else None

    def _alt(self, chosen: Known, found: list[Known]) -> Known | None:
        """The （六） label is a group label in 2021 and a data row in 2019: numbers printed right
        after it belong to the 2019 row."""
        if chosen.kind is not Kind.TEXT:
            return None
        rows = [c for c in found if c.kind is Kind.ROW and c.table == chosen.table and c.fmt != chosen.fmt]
        return rows[0] if len(rows) == 1 else None

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
