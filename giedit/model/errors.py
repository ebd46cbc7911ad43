"""The one base of every error whose message is meant for the clerk.

Reading, saving, importing, rolling forward, exporting and reviewing each raise their own error
(``FileError``, ``ImportFailed``, ``ExportError`` …), and each message is one line of Chinese a
clerk can act on. They share this base so that the command line prints any of them as that
line with exit status 2, and the editor shows any that reaches the top as a plain message
instead of the "unexpected error" dialog meant for bugs: each is caught once, not command by
command.
"""

from __future__ import annotations


class ClerkError(Exception):
    """``str(err)`` is one line of Chinese for the clerk, never a traceback or OS text."""
