"""Every modal question the app asks goes through here, so tests can answer it.

Pages call :func:`show_error`, :func:`confirm`, :func:`ask_text` and
:func:`ask_choice`; a test installs a :class:`ScriptedResponder` with
:func:`use_responder` and no test ever hangs on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from roundtable.errors import ConcurrentEditError, RoundtableError, ValidationError
from roundtable_ui.widgets.accessible import tab_to_buttons


class Responder(Protocol):
    def error(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def confirm(
        self, parent: QWidget | None, title: str, text: str, action: str, cancel: str = ""
    ) -> bool: ...

    def text(
        self, parent: QWidget | None, title: str, label: str, initial: str, multiline: bool
    ) -> str | None: ...

    def choice(
        self, parent: QWidget | None, title: str, label: str, options: Sequence[str]
    ) -> str | None: ...


class DialogResponder:
    """The real thing: Qt's standard dialogs."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def confirm(
        self, parent: QWidget | None, title: str, text: str, action: str, cancel: str = ""
    ) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        if cancel:
            no = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
        else:
            no = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is ok

    def text(
        self, parent: QWidget | None, title: str, label: str, initial: str, multiline: bool
    ) -> str | None:
        dialog = text_dialog(parent, title, label, initial, multiline)
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        return dialog.textValue() if ok else None

    def choice(
        self, parent: QWidget | None, title: str, label: str, options: Sequence[str]
    ) -> str | None:
        dialog = choice_dialog(parent, title, label, options)
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        return dialog.textValue() if ok else None


def _question_dialog(parent: QWidget | None, title: str, label: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    return dialog


def text_dialog(
    parent: QWidget | None, title: str, label: str, initial: str, multiline: bool
) -> QInputDialog:
    """The dialog :func:`ask_text` shows: wide enough for its title, the label wrapped."""
    dialog = _question_dialog(parent, title, label)
    if multiline:
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(initial)
    _sized(dialog)
    edit, buttons = dialog.findChild(QPlainTextEdit), dialog.findChild(QDialogButtonBox)
    if multiline and edit is not None and buttons is not None:
        # Qt names only the one-line field after the question, and adds the long one last.
        edit.setAccessibleName(label)
        edit.setTabChangesFocus(True)  # Tab goes on to OK and Cancel (Ctrl+Tab did anyway)
        tab_to_buttons(edit, buttons)
    return dialog


def choice_dialog(
    parent: QWidget | None, title: str, label: str, options: Sequence[str]
) -> QInputDialog:
    """The dialog :func:`ask_choice` shows: the options in a list, the first one chosen."""
    dialog = _question_dialog(parent, title, label)
    dialog.setComboBoxItems(list(options))
    dialog.setComboBoxEditable(False)
    if options:
        dialog.setTextValue(options[0])
    return _sized(dialog)


def _sized(dialog: QInputDialog) -> QInputDialog:
    """Wide enough for the window manager to show the whole title (Qt sizes it to the label)."""
    from roundtable_ui import window_size

    dialog.minimumSizeHint()  # builds the dialog's layout, which decides its size
    layout, label = dialog.layout(), dialog.findChild(QLabel)
    if layout is not None and label is not None:
        margins = layout.contentsMargins()
        needed = window_size.title_width(dialog) - margins.left() - margins.right()
        label.setMinimumWidth(min(needed, window_size.room(dialog).width()))
    dialog.adjustSize()
    return dialog


@dataclass
class ScriptedResponder:
    """Answers from a script, for tests; records what was asked."""

    confirms: list[bool] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)
    choices: list[str | None] = field(default_factory=list)
    asked: list[tuple[str, str]] = field(default_factory=list)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(("error", text))

    def confirm(
        self, parent: QWidget | None, title: str, text: str, action: str, cancel: str = ""
    ) -> bool:
        self.asked.append(("confirm", text))
        return self.confirms.pop(0) if self.confirms else False

    def text(
        self, parent: QWidget | None, title: str, label: str, initial: str, multiline: bool
    ) -> str | None:
        self.asked.append(("text", label))
        return self.texts.pop(0) if self.texts else None

    def choice(
        self, parent: QWidget | None, title: str, label: str, options: Sequence[str]
    ) -> str | None:
        self.asked.append(("choice", label))
        return self.choices.pop(0) if self.choices else None

    @property
    def errors(self) -> list[str]:
        return [text for kind, text in self.asked if kind == "error"]


_responder: Any = DialogResponder()
#: Who handles "someone else saved first": the main window offers to reload.
_conflict_handler: Callable[[ConcurrentEditError], Any] | None = None


def set_conflict_handler(handler: Callable[[ConcurrentEditError], Any] | None) -> None:
    """Route every :class:`ConcurrentEditError` shown through here to ``handler``."""
    global _conflict_handler
    _conflict_handler = handler


@contextmanager
def use_responder(responder: Any) -> Iterator[Any]:
    """Answer the app's questions with ``responder`` inside the block."""
    global _responder
    previous, _responder = _responder, responder
    try:
        yield responder
    finally:
        _responder = previous


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _responder.error(parent, title, text)


def show_core_error(parent: QWidget | None, title: str, error: RoundtableError) -> None:
    """A core error as a message; a conflict goes to the handler that offers to reload."""
    if isinstance(error, ConcurrentEditError) and _conflict_handler is not None:
        _conflict_handler(error)
        return
    show_error(parent, title, str(error))


def confirm(parent: QWidget | None, title: str, text: str, action: str, cancel: str = "") -> bool:
    """Ask before doing ``action`` (the button's label); ``cancel`` labels the other button."""
    return bool(_responder.confirm(parent, title, text, action, cancel))


def ask_text(
    parent: QWidget | None, title: str, label: str, initial: str = "", multiline: bool = False
) -> str | None:
    """Text typed by the user, or ``None`` when they cancelled."""
    return _responder.text(parent, title, label, initial, multiline)


def ask_choice(
    parent: QWidget | None, title: str, label: str, options: Sequence[str]
) -> str | None:
    return _responder.choice(parent, title, label, options)


__all__ = [
    "DialogResponder",
    "ScriptedResponder",
    "ValidationError",
    "ask_choice",
    "ask_text",
    "choice_dialog",
    "confirm",
    "set_conflict_handler",
    "show_core_error",
    "show_error",
    "text_dialog",
    "use_responder",
]
