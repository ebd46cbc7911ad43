"""The PySide6 shell. The only package of giedit that imports Qt (a test enforces it)."""
