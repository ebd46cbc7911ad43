"""The main window's size and place: the whole window on screen, status bar included.

1366×768 is the commonest office screen. A window whose client area is 1366×768 does not fit
there once the window manager adds a title bar, and the status bar (where refusals and notices
are explained) ends up below the screen's edge. So on a screen that small the first start is
maximized, and elsewhere the window gets its preferred size with room for a frame. A geometry
kept from the last session is restored only when its frame, title bar included, lies within a
screen as it is now (a laptop moved from a large monitor to its own screen starts afresh).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from giedit.ui.settings import Settings

PREFERRED = QSize(1366, 768)  # the client size on a screen with room to spare
FRAME = QSize(16, 64)  # what a title bar and borders may add; unknown until the window is shown


def small(available: QSize) -> bool:
    """Too small for the preferred size plus a frame: the window starts maximized there."""
    return available.width() < PREFERRED.width() + FRAME.width() or (
        available.height() < PREFERRED.height() + FRAME.height()
    )


def _fits(frame: QRect) -> bool:
    return any(s.availableGeometry().contains(frame) for s in QGuiApplication.screens())


def restore(window: QMainWindow, settings: Settings) -> bool:
    """Restore the last session's layout; its geometry only when it fits a screen now.

    Without one, the window gets a size that leaves room for the frame. True when the geometry
    was restored (``show`` then leaves it alone)."""
    available = window.screen().availableGeometry()
    window.resize(PREFERRED.boundedTo(available.size() - FRAME))
    geometry, frame = settings.geometry(), settings.window_frame()
    restored = False
    if geometry is not None and frame is not None and (settings.window_maximized() or _fits(frame)):
        restored = window.restoreGeometry(geometry)
    if (state := settings.window_state()) is not None:
        window.restoreState(state)
    return restored


def show(window: QMainWindow, restored: bool) -> None:
    """Show the window: maximized on a small screen unless a fitting geometry was restored."""
    if not restored and small(window.screen().availableGeometry().size()):
        window.showMaximized()
    else:
        window.show()


def remember(window: QMainWindow, settings: Settings) -> None:
    """Keep the layout for the next start, with the frame it had on this screen."""
    settings.set_window(window.saveGeometry(), window.saveState())
    settings.set_window_frame(window.frameGeometry(), window.isMaximized())
