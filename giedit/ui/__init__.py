"""The PySide6 shell. The only package of giedit that imports Qt (a test enforces it).

Importing it first works around a PySide6 6.12.0 bug: ``SignalInstance.emit()`` called from
Python returns ``True`` without taking a reference, so every emit drops one reference to
``True``. On Python 3.11, where ``True`` is not immortal, the interpreter aborts after a few
thousand emits ("Fatal Python error: bool_dealloc: deallocating True or False"), i.e. after a
few minutes of typing. Python 3.12+ makes the bools immortal; here we pin their reference counts
out of reach the same way. Remove once PySide6 is fixed.
"""

import ctypes
import sys

if sys.version_info < (3, 12):
    for _immortal in (True, False):
        ctypes.c_ssize_t.from_address(id(_immortal)).value += 1 << 40
