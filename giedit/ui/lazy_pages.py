"""The window's part editors, each built the first time it is asked for.

Building all seven editors when a report is opened was about a third of the editor's start-up,
and a clerk often opens one or two parts in a session. ``Pages`` keeps the ``dict`` reading the
window and its tests use (``pages[part]``, ``pages.values()``); only ``built`` tells which exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QWidget

from giedit.ui.parts import PART_IDS


class Pages(Mapping[str, QWidget]):
    """Part id -> its editor, made by ``build(part)`` on first access."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        self._build = build
        self._made: dict[str, QWidget] = {}

    def __getitem__(self, part: str) -> QWidget:
        if part not in self._made:
            if part not in PART_IDS:
                raise KeyError(part)
            self._made[part] = self._build(part)
        return self._made[part]

    def __iter__(self) -> Iterator[str]:
        return iter(PART_IDS)

    def __len__(self) -> int:
        return len(PART_IDS)

    def built(self) -> list[QWidget]:
        """The editors made so far (to be removed when another document is shown)."""
        return list(self._made.values())
