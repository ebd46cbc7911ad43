"""Parsed font tables kept on disk, so a fresh export process does not re-parse 36 MB of TrueType.

reportlab parses a font's cmap, metrics and glyph index (``TTFontFile.extractInfo``) every time a
font is registered: about 60 ms per shipped CJK font, 4 of them for every PDF, which was a third
of a whole ``giedit export`` process. What the parser produces is plain data (numbers, names,
tables), so it is written once to the user's data folder with ``marshal`` (data only, no code can
come back from it) and read back next time; the font file's bytes, which the subsetter needs, are
mapped, not read. The big tables come back as views over arrays (``font_tables``), and a subset
is made straight from them (``font_subset``), so a process reads only the entries it uses.
A cache entry counts only for the same file (path, size, modification time) and
the same reportlab version, and any problem reading it falls back to parsing: the cache can make
an export faster, never different (``tests/test_font_cache.py`` compares the embedded glyphs).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import Version, rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace
from reportlab.rl_config import unShapedFontGlob

from giedit.export.font_subset import make_subset
from giedit.export.font_tables import IntMap, Rows, packed, unpacked
from giedit.model import atomic
from giedit.model.backups import data_dir, private_folder

FORMAT = 3  # bump when what is stored changes
_NOT_STORED = {"_ttf_data", "_pos", "_pdfScale"}  # the file's bytes, a read position, a function


def folder() -> Path:
    return data_dir() / "font-cache"


def _entry(path: Path) -> tuple[Path, list[Any]]:
    """The cache file for ``path`` and the key it must hold to be valid."""
    st = path.stat()
    key = [FORMAT, Version, str(path), st.st_size, st.st_mtime_ns]
    name = hashlib.sha1(str(path).encode()).hexdigest()[:16] + ".marshal"
    return folder() / name, key


def load_font(name: str, path: Path) -> TTFont:
    """``TTFont(name, path)``, its parsed tables from the cache when valid (else parsed and stored).

    Raises what ``TTFont`` raises for a file that is no usable TrueType font.
    """
    try:
        cache, key = _entry(path)
        stored = marshal.loads(cache.read_bytes())
        if stored["key"] == key:
            return _font(name, _face(path, stored))
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass  # no entry, a stale or damaged one: parse
    font = TTFont(name, str(path), subfontIndex=0)
    _store(path, font.face)
    return font


def _store(path: Path, face: TTFontFace) -> None:
    state = {k: v for k, v in face.__dict__.items() if k not in _NOT_STORED}
    names = [k for k, v in state.items() if isinstance(v, TTFNameBytes)]
    state.update({k: bytes(state[k]) for k in names})
    stored = {}
    for k, v in state.items():
        with contextlib.suppress(TypeError, ValueError, OverflowError):  # not all integers: as it is
            if _reads_as(_unpack(p := _pack(v)), v):
                stored[k] = p
    state.update(stored)
    try:
        cache, key = _entry(path)
        data = marshal.dumps({"key": key, "names": names, "packed": list(stored), "state": state})
        private_folder(cache.parent)
        atomic.write_atomic(cache, data, new_mode=0o600)
    except (OSError, ValueError):  # a read-only home, a full disk, an unmarshallable value: no cache
        pass


class _CachedFace(TTFontFace):
    """A face read from the cache. Its big tables are made when reportlab first reads them: the
    cmap, widths, metrics and glyph offsets as views over arrays (``font_tables``), the glyph ->
    characters table (which an export never reads) as the dict reportlab built."""

    def __getattr__(self, name: str) -> Any:
        packed = self.__dict__.get("_packed")
        if packed is None or name not in packed:
            raise AttributeError(name)
        value = self.__dict__[name] = _unpack(packed.pop(name))
        return value

    def makeSubset(self, subset: list[int]) -> bytes:
        """The subset font file, made from the tables' arrays (``font_subset``) when they are views."""
        metrics = self.hmetrics
        if isinstance(metrics, Rows) and metrics.width == 2 and isinstance(self.charToGlyph, IntMap):
            return make_subset(self, subset, metrics.flat)
        return super().makeSubset(subset)

    def get_table(self, tag: str) -> Any:
        """A table's bytes; the glyph table (megabytes, of which a subset copies a few hundred
        glyphs) as a window on the mapped file instead of a copy for every subset made."""
        if tag == "glyf":
            return _Window(self._ttf_data, *self.get_table_pos(tag))
        return super().get_table(tag)


class _Window:
    """Bytes ``start``..``start + length`` of a mapped file, sliced (as bytes) without a copy of
    the whole."""

    def __init__(self, data: mmap.mmap, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, part: slice) -> bytes:
        start, stop, step = part.indices(self._length)
        if step != 1:
            raise ValueError("a font table is read in runs of bytes")
        return self._data[self._start + start : self._start + max(start, stop)]


def _face(path: Path, stored: dict[str, Any]) -> TTFontFace:
    """A face as ``TTFontFace(path)`` would have parsed it, from the stored tables."""
    face = _CachedFace.__new__(_CachedFace)
    state = stored["state"]
    state.update({k: TTFNameBytes(state[k]) for k in stored["names"]})
    face._packed = {k: state.pop(k) for k in stored["packed"]}
    face.__dict__.update(state)
    with path.open("rb") as f:  # mapped, not read: the subsetter touches only the glyphs it copies
        face._ttf_data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    face._pos = 0
    per_em = face.unitsPerEm
    face._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x: x * (1000 / per_em))
    return face


# The big tables are stored as integer arrays of the smallest fitting type, which load with one
# memory copy. ``_store`` keeps a packed table only if it reads back as exactly what reportlab
# made (same entries, same order).


def _pack(value: Any) -> tuple[Any, ...]:
    """``value`` as ("kind", ...arrays) if it is one of the shapes reportlab's tables have."""
    if isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        lists = list(value.values())
        flat = [x for v in lists for x in v]
        return ("lists", *packed(list(value)), *packed([len(v) for v in lists]), *packed(flat))
    if isinstance(value, dict) and len(value) > 64:
        return ("map", *IntMap.pack(value))
    if isinstance(value, list) and len(value) > 64 and all(isinstance(v, tuple) for v in value):
        return ("rows", *Rows.pack(value))
    if isinstance(value, list) and len(value) > 64:
        return ("ints", *packed(value))
    raise TypeError("not a table")


def _unpack(stored: tuple[Any, ...]) -> Any:
    kind, rest = stored[0], stored[1:]
    if kind == "map":
        return IntMap.unpack(rest)
    if kind == "rows":
        return Rows.unpack(rest)
    if kind == "ints":
        return unpacked(*rest)
    keys, lengths, flat = unpacked(*rest[0:2]), unpacked(*rest[2:4]), unpacked(*rest[4:6]).tolist()
    out, at = {}, 0
    for key, n in zip(keys, lengths, strict=True):
        out[key] = flat[at : at + n]
        at += n
    return out


def _reads_as(view: Any, value: Any) -> bool:
    """Whether a table read back from the cache answers every read as ``value`` does."""
    if isinstance(value, dict):
        return list(view.items()) == list(value.items())
    return list(view) == value


class _CachedFont(TTFont):
    """A ``TTFont`` over a cached face.

    reportlab's C ``stringWidth`` accepts only a real dict of widths; this one reads the widths
    view with the same arithmetic (integer widths summed, then ``0.001 * sum * size``), so every
    width, and every line break that depends on one, is the same to the last bit.
    """

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        if not isinstance(text, str):
            text = text.decode(encoding or "utf-8")
        widths = self.face.charWidths
        if not isinstance(widths, IntMap):  # a table that was stored as reportlab made it
            return super().stringWidth(text, size, encoding)
        return 0.001 * sum(widths.values_of(map(ord, text), self.face.defaultWidth)) * size

    def addObjects(self, doc: Any) -> None:
        """reportlab's font objects, each subset's widths then written as bytes up front:
        ``PDFArray`` formats every integer through a Python codec, ~1 ms for the ~1,000 widths
        of a report's subsets; the bytes in the file are the same."""
        state = self.state.get(doc)
        names = [f"{state.internalName}+{n}" for n in range(len(state.subsets))] if state else []
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for name in names:
            widths = fonts[name].Widths
            widths.sequence = [str(w).encode("ascii") if type(w) is int else w for w in widths.sequence]


def _font(name: str, face: TTFontFace) -> TTFont:
    """What ``TTFont.__init__`` makes around its face (reportlab 4.x/5.x): its test compares both."""
    font = _CachedFont.__new__(_CachedFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)  # off without uharfbuzz
    return font
