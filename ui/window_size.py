"""Window sizes that fit the screen: the main window's, a dialog's, a short question's.

A window asks for the size it would like; what it gets is never more than the
screen it opens on leaves free (the available geometry, without panels and
docks), so nothing of it opens off-screen on a 1024×700 laptop.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room the window manager takes around a window: the title bar and the borders.
FRAME = QSize(16, 40)
#: What a title bar shows beside the title: the icon, the close and maximise buttons.
TITLE_BAR_BUTTONS = 130


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The free part of the screen ``widget`` is on (else the primary screen's)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def room(widget: QWidget | None = None) -> QSize:
    """The largest window size (without its frame) that fits on the screen of ``widget``."""
    free = available_geometry(widget).size()
    return QSize(max(free.width() - FRAME.width(), 1), max(free.height() - FRAME.height(), 1))


def fitting(preferred: QSize, widget: QWidget | None = None) -> QSize:
    """``preferred``, made smaller where the screen has less room."""
    return preferred.boundedTo(room(widget))


def resize_to_fit(widget: QWidget, preferred: QSize) -> None:
    """Resize ``widget`` to ``preferred`` or, on a small screen, to what the screen leaves."""
    wanted = preferred.expandedTo(widget.minimumSizeHint())
    widget.resize(fitting(wanted, widget).expandedTo(widget.minimumSize()))


def keep_on_screen(widget: QWidget) -> None:
    """Shrink and move a window (restored from an earlier, larger screen) onto this one."""
    free = available_geometry(widget)
    size = fitting(widget.size(), widget).expandedTo(widget.minimumSize())
    if size != widget.size():
        widget.resize(size)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), free.left()), max(free.right() - frame.width() + 1, free.left()))
    y = min(max(frame.y(), free.top()), max(free.bottom() - frame.height() + 1, free.top()))
    if (x, y) != (frame.x(), frame.y()):
        widget.move(x, y)


def title_width(widget: QWidget, title: str | None = None) -> int:
    """How wide ``widget`` must be for the window manager to show its whole title."""
    font = QFont(widget.font())
    font.setBold(True)  # most title bars set it in bold
    text = widget.windowTitle() if title is None else title
    return QFontMetrics(font).horizontalAdvance(text) + TITLE_BAR_BUTTONS


def show_whole_title(widget: QWidget) -> None:
    """Make ``widget`` at least as wide as its title needs (small question dialogs)."""
    needed = min(title_width(widget), room(widget).width())
    if widget.minimumWidth() < needed:
        widget.setMinimumWidth(needed)


def at_least(widget: QWidget, width: int) -> None:
    """A least width for ``widget`` that never lets it be narrower than its layout needs.

    ``setMinimumWidth`` alone would: an explicit minimum replaces the one the layout
    gives a window, and a longer translation is then cut off.
    """
    widget.setMinimumWidth(max(width, widget.minimumSizeHint().width()))
