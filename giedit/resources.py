"""Where the files in ``resources/`` (fonts, samples, icons) are, from source and when frozen.

From a source checkout they sit beside the package (``<repo>/resources``). In the PyInstaller
bundle the spec (``packaging/giedit.spec``) copies them to ``resources/`` under the bundle's data
folder, which PyInstaller exposes as ``sys._MEIPASS`` (``dist/giedit/_internal`` for a one-folder
build). Every module that reads a resource goes through ``resource_path`` so that both cases stay
in one place.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>``; whether it exists is for the caller to check."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)
