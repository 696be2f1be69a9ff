"""Keyboard paths the platform does not give every user: redo keys, the context-menu key.

- :data:`REDO_KEYS`: Redo answers Ctrl+Shift+Z and Ctrl+Y on every platform, each
  once (the platform's own Redo is one of them, or both).
- :class:`TextRedoKeys`: in a text field Ctrl+Y redoes the typing, as Ctrl+Shift+Z
  does there, rather than the last database change (Qt's text widgets only know the
  platform's own Redo key; on GNOME and KDE that is Ctrl+Shift+Z alone).
- :func:`open_context_menu`: Shift+F10 and the Menu key open the focused widget's
  context menu at its current item or cursor, as a right-click would.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

#: The keys that open the focused widget's context menu.
CONTEXT_MENU_KEYS = (QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu))
#: What redo answers to everywhere, the first shown in the menu.
REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def _is_ctrl_y(event: QKeyEvent) -> bool:
    return event.keyCombination() == QKeySequence("Ctrl+Y")[0]


def _editable_text(widget: QObject) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit) and not widget.isReadOnly():
        return widget
    return None


class TextRedoKeys(QObject):
    """Watches the focused text field of one window so Ctrl+Y redoes its typing.

    It is installed on a text widget when it takes the focus (no application-wide
    filter): the field claims Ctrl+Y before the window's Redo action sees it.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and _editable_text(new) is not None and new.window() is self._window:
            new.removeEventFilter(self)  # once, however often it takes the focus
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        text = _editable_text(watched)
        if text is None or not isinstance(event, QKeyEvent) or not _is_ctrl_y(event):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key is the field's, not the window's Redo
            return True
        text.redo()
        return True


def context_menu_position(widget: QWidget) -> tuple[QWidget, QPoint]:
    """Where a keyboard context menu of ``widget`` belongs: the receiver and its point.

    An item view: the middle of the current item, in its viewport (where a
    right-click there would be); a text field: its cursor; else the middle.
    """
    if isinstance(widget, QAbstractItemView):
        rect = widget.visualRect(widget.currentIndex())
        viewport = widget.viewport()
        point = rect.center() if rect.isValid() else QPoint(8, 8)
        return viewport, point
    if isinstance(widget, QAbstractScrollArea):
        rect = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
        point = rect.toRect().center() if hasattr(rect, "toRect") else QPoint(8, 8)
        return widget.viewport(), point
    rect = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    if hasattr(rect, "toRect") and rect.toRect().isValid():
        return widget, rect.toRect().center()
    return widget, widget.rect().center()


def open_context_menu(widget: QWidget | None) -> bool:
    """Send ``widget`` the context-menu request a keyboard makes; whether it took it."""
    if widget is None or not widget.isEnabled():
        return False
    receiver, point = context_menu_position(widget)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, receiver.mapToGlobal(point))
    QApplication.sendEvent(receiver, event)
    return event.isAccepted()
