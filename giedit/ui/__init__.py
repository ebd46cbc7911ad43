"""The PySide6 shell. The only package of giedit that imports Qt (a test enforces it).

Importing it first works around two PySide6 6.12.0 bugs of the same kind: ``SignalInstance.emit()``
called from Python returns ``True`` without taking a reference, and every Qt method that returns
nothing (``setText``, ``setFocus``, ``setCurrentIndex`` …) returns ``None`` without taking one.
On Python 3.11, where these singletons are not immortal, the interpreter aborts once a count
reaches zero ("Fatal Python error: bool_dealloc" / "none_dealloc"): after about 160 cell entries
in the editor. Python 3.12+ makes the singletons immortal; here we pin their reference counts out
of reach the same way (2**40 lost references would take centuries of typing). Remove once
PySide6 is fixed (6.11 does not have the bug; tests/test_reliability_ui.py guards it).

It also makes PySide6's import hook cheap (``_quick_feature_scan``): a third of giedit's own
import time and about 4 MB went to it.
"""

import ctypes
import sys
from types import ModuleType

import PySide6  # noqa: F401  # loads shiboken's import hook, replaced just below

if sys.version_info < (3, 12):
    for _immortal in (True, False, None):
        ctypes.c_ssize_t.from_address(id(_immortal)).value += 1 << 40


def _quick_feature_scan() -> None:
    """After every import, shiboken asks whether the new module's source mentions "PySide6"
    (its ``from __feature__`` switches), with ``inspect.getsource``: that tokenizes and keeps every
    line of every module in ``linecache`` — about 50 ms and 4 MB for giedit's ~200 modules at
    start-up. The same question answered from the file's bytes costs microseconds and keeps
    nothing. Modules without a .py file (a frozen bundle, extensions) keep shiboken's own answer.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None:
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    feature._mod_uses_pyside = uses_pyside


_quick_feature_scan()
