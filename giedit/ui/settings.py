"""The editor's settings, kept with QSettings in an ini file in the user data folder.

``<data dir>/settings.ini`` (``GIEDIT_DATA_DIR`` overrides the folder, as for backups and recovery
copies, so tests never touch the clerk's real settings). Settings belong to the clerk's machine,
not to a report: window geometry, recently opened files, the local publication deadline that
N-W12 checks against, the idle time before a recovery copy is written, and the export choices.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QByteArray, QRect, QSettings

from giedit.export.targets import DEFAULT_FORMATS
from giedit.model.backups import data_dir, private_folder
from giedit.model.deadline import DEFAULT_DEADLINE, current_report_year

FILE_NAME = "settings.ini"
MAX_RECENT = 8
DEFAULT_IDLE_MS = 3000
DEFAULT_MAX_MS = 10_000  # a recovery copy at most this long after the first unsaved change
EXPORT_FORMATS = ("docx", "pdf", "html")  # what 导出选项 offers; one click writes DEFAULT_FORMATS
PageNumbers = Literal["outside", "center"]


class Settings:
    """Typed access to the settings; every read goes to the ini file, so changes are shared."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            with contextlib.suppress(OSError):  # the data folder is private (0700) before Qt makes it
                private_folder(data_dir())
        self.path = path or data_dir() / FILE_NAME
        self.store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self.store.sync()

    # -- window --------------------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self.store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    def window_frame(self) -> QRect | None:
        """The window's frame (title bar included) when it was last closed."""
        value = self.store.value("window/frame")
        return value if isinstance(value, QRect) and value.isValid() else None

    def window_maximized(self) -> bool:
        return self.store.value("window/maximized", False) in (True, "true", "1", 1)

    def set_window_frame(self, frame: QRect, maximized: bool) -> None:
        self.store.setValue("window/frame", frame)
        self.store.setValue("window/maximized", bool(maximized))

    # -- recent files --------------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self.store.value("files/recent", [])
        if isinstance(value, str):  # QSettings gives a one-item list back as a string
            value = [value]
        return [str(v) for v in value or [] if v][:MAX_RECENT]

    def add_recent(self, path: str | Path) -> None:
        p = os.path.abspath(path)
        files = [f for f in self.recent_files() if os.path.normcase(f) != os.path.normcase(p)]
        self.store.setValue("files/recent", [p, *files][:MAX_RECENT])

    def remove_recent(self, path: str | Path) -> None:
        p = os.path.normcase(os.path.abspath(path))
        self.store.setValue("files/recent", [f for f in self.recent_files() if os.path.normcase(f) != p])

    def clear_recent(self) -> None:
        self.store.setValue("files/recent", [])

    def last_folder(self) -> str:
        """The folder last chosen in a file dialog ('' before the first)."""
        return str(self.store.value("files/last_folder", "") or "")

    def set_last_folder(self, folder: str) -> None:
        self.store.setValue("files/last_folder", folder)

    # -- checks --------------------------------------------------------------------------------

    def deadline(self) -> tuple[int, int]:
        """The local publication deadline (month, day) of the year after the report year."""
        try:
            month = int(self.store.value("checks/deadline_month", DEFAULT_DEADLINE[0]))
            day = int(self.store.value("checks/deadline_day", DEFAULT_DEADLINE[1]))
            dt.date(2001, month, day)  # a real day of a common year
        except (TypeError, ValueError):
            return DEFAULT_DEADLINE
        return month, day

    def report_year(self) -> int:
        """The year of the report a clerk starts today: the one whose deadline comes next."""
        return current_report_year(self.deadline())

    def set_deadline(self, month: int, day: int) -> None:
        dt.date(2001, month, day)  # ValueError for 2月30日 and the like
        self.store.setValue("checks/deadline_month", month)
        self.store.setValue("checks/deadline_day", day)

    # -- autosave ------------------------------------------------------------------------------

    def idle_ms(self) -> int:
        """Idle time after an edit before the recovery copy is written."""
        try:
            return max(10, int(self.store.value("recovery/idle_ms", DEFAULT_IDLE_MS)))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MS

    def set_idle_ms(self, ms: int) -> None:
        self.store.setValue("recovery/idle_ms", int(ms))

    def max_ms(self) -> int:
        """The longest time unsaved work goes without a recovery copy, even while typing goes on."""
        try:
            return max(10, int(self.store.value("recovery/max_ms", DEFAULT_MAX_MS)))
        except (TypeError, ValueError):
            return DEFAULT_MAX_MS

    def set_max_ms(self, ms: int) -> None:
        self.store.setValue("recovery/max_ms", int(ms))

    # -- export ---------------------------------------------------------------------------------

    def export_formats(self) -> list[str]:
        value = self.store.value("export/formats", list(DEFAULT_FORMATS))
        if isinstance(value, str):
            value = [value]
        return [v for v in (str(x) for x in value or []) if v in EXPORT_FORMATS] or list(DEFAULT_FORMATS)

    def set_export_formats(self, formats: list[str]) -> None:
        self.store.setValue("export/formats", [f for f in formats if f in EXPORT_FORMATS])

    def export_folder(self) -> str:
        return str(self.store.value("export/folder", "") or "")

    def set_export_folder(self, folder: str) -> None:
        """The folder of the last export (used for reports not yet saved, and as 总是导出到)."""
        self.store.setValue("export/folder", folder)

    def export_beside(self) -> bool:
        """True (default): export next to the report file; False: always to ``export_folder``."""
        value = self.store.value("export/beside", True)
        return value not in (False, "false", "0", 0)

    def set_export_beside(self, beside: bool) -> None:
        self.store.setValue("export/beside", bool(beside))

    def export_page_numbers(self) -> PageNumbers:
        value = str(self.store.value("export/page_numbers", "outside"))
        return "center" if value == "center" else "outside"

    def set_export_page_numbers(self, where: PageNumbers) -> None:
        self.store.setValue("export/page_numbers", "center" if where == "center" else "outside")

    # -- the application register (issue 19) -----------------------------------------------------

    def register_mapping(self, layout: str) -> dict[str, dict[str, str]]:
        """The clerk's columns and value readings for a register layout (``Sheet.layout_key``)."""
        try:
            data = json.loads(str(self.store.value(f"register/{layout}", "{}")))
        except ValueError:
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: {str(a): str(b) for a, b in v.items()} for k, v in data.items() if isinstance(v, dict)}

    def set_register_mapping(self, layout: str, mapping: dict[str, dict[str, str]]) -> None:
        self.store.setValue(f"register/{layout}", json.dumps(mapping, ensure_ascii=False))
