"""Per-field error messages go as soon as the person edits the field they are about.

Every form of the window shows the core's refusal in red under the field it
names (:class:`~roundtable_ui.dialogs.organisation_dialog.FormDialog`,
:func:`~roundtable_ui.dialogs.roundtable_dialog.with_error`). A message about a
value the person has since changed would only mislead, so each form hides it
on the first edit of its field (a live check, such as the e-mail address's,
says at once whether the new value is still wrong).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from roundtable_ui.widgets.date_fields import DateField, DateTimeField

_INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton)


def when_edited(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the person changes ``widget``'s value (typing, choosing, ticking).

    Values the program puts in (a line edit's ``setText``) do not count, so a
    page that fills a field after a refusal keeps the message. The signals are
    the ones that come before those pages save on (``editingFinished``,
    ``activated``, ``toggled``), so a new refusal of the new value still shows.
    """
    if isinstance(widget, DateField):
        widget.dateChanged.connect(lambda *_: slot())
    if isinstance(widget, DateTimeField):
        widget.dateTimeChanged.connect(lambda *_: slot())
    if isinstance(widget, QLineEdit):
        widget.textEdited.connect(lambda *_: slot())
    elif isinstance(widget, QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        # Before "activated", on which pages save (and may show a new message).
        widget.currentIndexChanged.connect(lambda *_: slot())
        line = widget.lineEdit()
        if line is not None:
            line.textEdited.connect(lambda *_: slot())
    elif isinstance(widget, QAbstractButton):
        widget.pressed.connect(slot)  # before "toggled", on which a page may save
    else:  # a cell of several inputs (a check box and a date, say): each of them
        for child in widget.findChildren(QWidget):
            inside_combo = isinstance(child.parentWidget(), QComboBox)
            if isinstance(child, _INPUTS) and not inside_combo:
                when_edited(child, slot)
