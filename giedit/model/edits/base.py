"""What every edit is: a reversible change (``Edit``), edits made of edits, a field set, and
the refusal (``InputError``) every factory raises with a Chinese message before anything changes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from giedit.model.errors import ClerkError
from giedit.model.report import Report
from giedit.model.text import clip

SHOWN_CHARS = 20  # how much of refused input a message quotes

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """A message made safe for one line: control characters and line breaks become spaces."""
    return _CONTROL.sub(" ", text)


def shown(text: str) -> str:
    """Refused input as a message quotes it: one line, trimmed, clipped."""
    s = one_line(text).strip()
    return clip(s, SHOWN_CHARS)


class InputError(ClerkError, ValueError):
    """Input refused before any change; ``str(err)`` is a Chinese message for the clerk."""


class Edit(Protocol):
    """What the undo stack holds: a reversible change to a report, which may take in the next
    change of the same kind (typing goes on) so that both are one undo step."""

    def apply(self, report: Report) -> None: ...

    def revert(self, report: Report) -> None: ...

    def absorb(self, later: Edit) -> bool: ...


class _Single:
    """An edit that is always its own undo step."""

    def absorb(self, later: Edit) -> bool:
        return False


@dataclass
@dataclass
class SetField(_Single):
    """Set one field of the report outside the tables, e.g. ``("body", "name")``."""

    path: tuple[str, ...]
    old: Any
    new: Any

    def apply(self, report: Report) -> None:
        _assign(report, self.path, self.new)

    def revert(self, report: Report) -> None:
        _assign(report, self.path, self.old)


def _assign(report: Report, path: tuple[str, ...], value: Any) -> None:
    target: Any = report
    for name in path[:-1]:
        target = getattr(target, name)
    setattr(target, path[-1], value)


def set_field(report: Report, path: Sequence[str], new: Any) -> SetField | None:
    """An edit setting ``path`` to ``new``; ``None`` when nothing would change."""
    target: Any = report
    for name in path:
        target = getattr(target, name)
    return None if target == new else SetField(tuple(path), target, new)


@dataclass
class Compound(_Single):
    """Several edits as one step: applied in order, reverted in reverse order."""

    parts: tuple[Edit, ...]

    def apply(self, report: Report) -> None:
        for part in self.parts:
            part.apply(report)

    def revert(self, report: Report) -> None:
        for part in reversed(self.parts):
            part.revert(report)


def combine(*parts: Edit | None) -> Edit | None:
    """The edits that change something, as one step; ``None`` when none does."""
    real = tuple(p for p in parts if p is not None)
    if not real:
        return None
    return real[0] if len(real) == 1 else Compound(real)
