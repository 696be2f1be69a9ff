"""Names for screen readers and the order of Tab: a form's label names the field next to it.

Qt's accessibility names a control after a label only when the label is its buddy and
both have the same parent. A form cell that holds the field and its red error message
breaks both: :func:`label_fields` makes each label's buddy the field itself (so its
shortcut key lands in the field) and gives the field the label's text as its name.
:func:`tab_to_buttons` keeps a dialog's OK and Cancel the last stops of Tab when fields
are added after its buttons were made.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QWidget


def plain(text: str) -> str:
    """A label's text as it is read out: without the "&" of its shortcut key."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def controls_in(widget: QWidget) -> Iterator[QWidget]:
    """``widget`` if Tab stops on it, else the controls inside it, in the order they were added."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        yield widget
        return
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        yield from controls_in(child)


def label_fields(form: QFormLayout) -> None:
    """Make every label of ``form`` the buddy of its field's first control, and its name."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
        if not isinstance(label, QLabel) or not label.text() or field is None:
            continue
        control = next(controls_in(field), None)
        if control is None:
            continue
        label.setBuddy(control)
        if not control.accessibleName():
            control.setAccessibleName(plain(label.text()))


def tab_to_buttons(last: QWidget, box: QDialogButtonBox) -> None:
    """Tab goes from ``last`` on to the buttons of ``box``, in the order they are shown."""
    wanted = set(box.buttons())
    buttons: list[QWidget] = []
    widget = box.nextInFocusChain()
    while widget is not None and widget is not box and len(buttons) < len(wanted):
        if widget in wanted:
            buttons.append(widget)
        widget = widget.nextInFocusChain()
    if not buttons:
        return
    # Qt's chain is a ring through the dialog, and setTabOrder keeps a pair that already
    # follows each other across it (last, dialog, OK): so first put ``last`` after OK,
    # then OK after ``last``, which takes ``last`` to where the buttons were.
    QWidget.setTabOrder(buttons[0], last)
    for before, after in pairwise([last, *buttons]):
        QWidget.setTabOrder(before, after)
