"""The PySide6 shell. The only package of giedit that imports Qt (a test enforces it).

Importing it first works around two PySide6 6.12.0 bugs of the same kind: ``SignalInstance.emit()``
called from Python returns ``True`` without taking a reference, and every Qt method that returns
nothing (``setText``, ``setFocus``, ``setCurrentIndex`` …) returns ``None`` without taking one.
On Python 3.11, where these singletons are not immortal, the interpreter aborts once a count
reaches zero ("Fatal Python error: bool_dealloc" / "none_dealloc"): after about 160 cell entries
in the editor. Python 3.12+ makes the singletons immortal; here we pin their reference counts out
of reach the same way (2**40 lost references would take centuries of typing). Remove once
PySide6 is fixed (6.11 does not have the bug; tests/test_reliability_ui.py guards it).
"""

import ctypes
import sys

if sys.version_info < (3, 12):
    for _immortal in (True, False, None):
        ctypes.c_ssize_t.from_address(id(_immortal)).value += 1 << 40
