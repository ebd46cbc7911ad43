"""reportlab's big font tables as read-only views over integer arrays.

A parsed CJK font has cmap, width, metrics and glyph-offset tables of ~22,000 entries each.
Rebuilding them as dicts and lists from the font cache cost 30-60 ms of every export process,
yet an export reads a few hundred entries: the glyphs and widths of the characters it sets
(``TTFontFile.makeSubset``, ``TTFont.splitString``, ``stringWidth``). These views answer those
reads straight from arrays that load with one memory copy.

They are read-only on purpose: reportlab writes to these tables only when it shapes text with
uharfbuzz (``TTFont.hbAddPrivate``), which giedit neither installs nor asks for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, SupportsIndex

BMP = 0x10000  # code points below this are looked up in a dense array; the rest in a dict
_ABSENT = -1  # a dense slot with no entry: glyph ids and advance widths are never negative
_CODES = ("h", "H", "i", "q")  # smallest array type first


def typecode(values: Sequence[int]) -> str:
    """The smallest array type that holds every one of ``values``."""
    low, high = (min(values), max(values)) if values else (0, 0)
    for code in _CODES:
        bits = array(code).itemsize * 8
        lo, hi = (0, 2**bits - 1) if code.isupper() else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
        if lo <= low and high <= hi:
            return code
    raise OverflowError("not a table of machine integers")


def packed(values: Sequence[int]) -> tuple[str, bytes]:
    """``values`` as (array type, bytes), as stored in the cache."""
    code = typecode(values)
    return code, array(code, values).tobytes()


def unpacked(code: str, data: bytes) -> array:
    out = array(code)
    out.frombytes(data)
    return out


class IntMap(Mapping[int, int]):
    """A dict of code point -> integer (``charToGlyph``, ``charWidths``) that reads from arrays.

    ``dense[c]`` holds the value of code point ``c`` below ``BMP`` (``_ABSENT`` if none), so a
    lookup is one array index, as fast as the dict's; the few code points above it are in a
    small dict. Iteration follows ``order``, the parsed dict's own key order.
    """

    __slots__ = ("_dense", "_order", "_wide")

    def __init__(self, dense: array, wide: dict[int, int], order: array) -> None:
        self._dense, self._wide, self._order = dense, wide, order

    @classmethod
    def pack(cls, table: dict[int, int]) -> tuple[Any, ...]:
        dense = [_ABSENT] * BMP
        wide = {}
        for key, value in table.items():
            if value < 0:
                raise ValueError("negative values cannot be stored densely")
            if 0 <= key < BMP:
                dense[key] = value
            else:
                wide[key] = value
        return (*packed(dense), *packed(list(wide)), *packed(list(wide.values())), *packed(list(table)))

    @classmethod
    def unpack(cls, stored: tuple[Any, ...]) -> IntMap:
        dense, keys, values, order = (unpacked(*stored[i : i + 2]) for i in range(0, 8, 2))
        return cls(dense, dict(zip(keys, values, strict=True)), order)

    def get(self, key: object, default: Any = None) -> Any:
        if type(key) is int and 0 <= key < BMP:
            value = self._dense[key]
            return default if value == _ABSENT else value
        return self._wide.get(key, default)  # type: ignore[call-overload]

    def values_of(self, keys: Iterable[int], default: int) -> list[int]:
        """``[self.get(k, default) for k in keys]`` for code points, at array speed: a text's
        width is the sum of its characters' (``TTFont.stringWidth``)."""
        dense, wide = self._dense, self._wide
        return [
            v if k < BMP and (v := dense[k]) != _ABSENT else wide.get(k, default) if k >= BMP else default
            for k in keys
        ]

    def __getitem__(self, key: int) -> int:
        value = self.get(key, _ABSENT)
        if value == _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self.get(key, _ABSENT) != _ABSENT

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[int]:
        return iter(self._order)


class Rows(Sequence[tuple[int, ...]]):
    """A list of equal-length integer tuples (``hmetrics``: advance and side bearing per glyph)
    that reads from one flat array."""

    __slots__ = ("_flat", "_width")

    def __init__(self, flat: array, width: int) -> None:
        self._flat, self._width = flat, width

    @classmethod
    def pack(cls, rows: list[tuple[int, ...]]) -> tuple[Any, ...]:
        width = len(rows[0])
        if any(len(row) != width for row in rows):
            raise ValueError("rows of different lengths")
        return (width, *packed([x for row in rows for x in row]))

    @classmethod
    def unpack(cls, stored: tuple[Any, ...]) -> Rows:
        return cls(unpacked(stored[1], stored[2]), stored[0])

    @property
    def flat(self) -> array:
        """Every row's values one after the other (row ``i`` starts at ``i * width``)."""
        return self._flat

    @property
    def width(self) -> int:
        return self._width

    def __len__(self) -> int:
        return len(self._flat) // self._width

    def __getitem__(self, index: SupportsIndex) -> tuple[int, ...]:  # type: ignore[override]
        i = index.__index__()  # no slices: reportlab reads one glyph's row at a time
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(index)
        at = i * self._width
        return tuple(self._flat[at : at + self._width])
