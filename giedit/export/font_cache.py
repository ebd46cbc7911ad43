"""Parsed font tables kept on disk, so a fresh export process does not re-parse 36 MB of TrueType.

reportlab parses a font's cmap, metrics and glyph index (``TTFontFile.extractInfo``) every time a
font is registered: about 60 ms per shipped CJK font, 4 of them for every PDF, which was a third
of a whole ``giedit export`` process. What the parser produces is plain data (numbers, names,
tables), so it is written once to the user's data folder with ``marshal`` (data only, no code can
come back from it) and read back next time; the font file's bytes, which the subsetter needs, are
mapped, not read. A cache entry counts only for the same file (path, size, modification time) and
the same reportlab version, and any problem reading it falls back to parsing: the cache can make
an export faster, never different (``tests/test_font_cache.py`` compares the embedded glyphs).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
from array import array
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import Version, rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace
from reportlab.rl_config import unShapedFontGlob

from giedit.model import atomic
from giedit.model.backups import data_dir, private_folder

FORMAT = 2  # bump when what is stored changes
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
    packed = {}
    for k, v in state.items():
        with contextlib.suppress(TypeError, ValueError, OverflowError):  # not all integers: as it is
            if _unpack(p := _pack(v)) == v:
                packed[k] = p
    state.update(packed)
    try:
        cache, key = _entry(path)
        data = marshal.dumps({"key": key, "names": names, "packed": list(packed), "state": state})
        private_folder(cache.parent)
        atomic.write_atomic(cache, data, new_mode=0o600)
    except (OSError, ValueError):  # a read-only home, a full disk, an unmarshallable value: no cache
        pass


class _CachedFace(TTFontFace):
    """A face read from the cache. Its big tables are unpacked when reportlab first reads them:
    an export never reads ``glyphToChar``, the glyph check reads only the cmap."""

    def __getattr__(self, name: str) -> Any:
        packed = self.__dict__.get("_packed")
        if packed is None or name not in packed:
            raise AttributeError(name)
        value = self.__dict__[name] = _unpack(packed.pop(name))
        return value


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


# The big tables (cmap, widths, glyph index: tens of thousands of integers each) are stored as
# integer arrays, which load several times faster than marshalled dicts and lists of tuples.
# ``_store`` keeps a packed table only if it unpacks to exactly what reportlab made.


def _ints(values: Iterable[int]) -> bytes:
    return array("q", values).tobytes()


def _array(data: bytes) -> list[int]:
    out = array("q")
    out.frombytes(data)
    return out.tolist()


def _pack(value: Any) -> tuple[Any, ...]:
    """``value`` as ("kind", arrays...) if it is one of the shapes reportlab's tables have."""
    if isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
        lists = list(value.values())
        return ("lists", _ints(value), _ints(map(len, lists)), _ints(x for v in lists for x in v))
    if isinstance(value, dict) and len(value) > 64:
        return ("dict", _ints(value), _ints(value.values()))
    if isinstance(value, list) and len(value) > 64 and all(isinstance(v, tuple) for v in value):
        width = len(value[0])
        return ("tuples", width, _ints(x for v in value for x in v))
    if isinstance(value, list) and len(value) > 64:
        return ("list", _ints(value))
    raise TypeError("not a table")


def _unpack(packed: tuple[Any, ...]) -> Any:
    kind = packed[0]
    if kind == "dict":
        return dict(zip(_array(packed[1]), _array(packed[2]), strict=True))
    if kind == "list":
        return _array(packed[1])
    if kind == "tuples":
        flat, width = _array(packed[2]), packed[1]
        return list(zip(*(flat[i::width] for i in range(width)), strict=True))
    keys, lengths, flat = _array(packed[1]), _array(packed[2]), _array(packed[3])
    out, at = {}, 0
    for key, n in zip(keys, lengths, strict=True):
        out[key] = flat[at : at + n]
        at += n
    return out


def _font(name: str, face: TTFontFace) -> TTFont:
    """What ``TTFont.__init__`` makes around its face (reportlab 4.x/5.x): its test compares both."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)  # off without uharfbuzz
    return font
