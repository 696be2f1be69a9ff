"""Screen readers and the keyboard: every control has a name, every dialog a sensible tab order.

A control's name is what Qt's accessibility tells a screen reader: its own text, a
QLabel that is its buddy (or its label in a form), or an explicit accessible name.
The tab order of a dialog visits each control once, top to bottom and left to right,
and its OK/Cancel buttons last.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from _every_view import Scene, close, dialogs, open_window, pages, show
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from roundtable.demo import load_demo
from roundtable.meetings import queries
from roundtable.statements import queries as statement_queries
from roundtable.storage.db import Database, open_database
from roundtable_ui import messages

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabWidget,
    QPlainTextEdit,
    QTextEdit,
)
#: Qt's own parts of a control (the line edit in a spin box, a tab bar's arrows).
INNER = ("qt_spinbox_lineedit", "qt_toolbar_ext_button", "qt_tabwidget_tabbar")


@pytest.fixture
def demo_database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "demo.sqlite3")
    with database.transaction() as session:
        load_demo(session)
    yield database
    database.close()


def _is_control(widget: QWidget, top: QWidget) -> bool:
    if not isinstance(widget, INTERACTIVE) or isinstance(widget, QHeaderView):
        return False
    if widget.objectName() in INNER or not widget.isVisibleTo(top):
        return False
    parent = widget.parentWidget()
    # The line edit of an editable combo box, the buttons of a tab bar: parts of another.
    return not isinstance(parent, QComboBox | QTabBar | QAbstractSpinBox)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or "").strip()


def unnamed(top: QWidget) -> list[str]:
    """The controls of ``top`` a screen reader could only call by their kind."""
    found = []
    for widget in top.findChildren(QWidget):
        if _is_control(widget, top) and not accessible_name(widget):
            where = widget.mapTo(top, QPoint(0, 0))
            hint = (
                widget.toolTip() or widget.objectName() or getattr(widget, "placeholderText", str)()
            )
            found.append(f"{type(widget).__name__} at {where.x()},{where.y()} ({hint[:50]!r})")
    return found


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_control_of_every_page_and_dialog_has_a_name(
    qtbot: QtBot, qapp: QApplication, demo_database: Database, language: str
) -> None:
    from _every_view import use_language

    use_language(qapp, language)
    scene: Scene = open_window(qtbot, demo_database)
    problems = []
    for name, _page in pages(scene):
        problems += [f"{name}: {p}" for p in unnamed(scene.window)]
    for name, dialog in dialogs(scene):
        show(dialog)
        problems += [f"{name}: {p}" for p in unnamed(dialog)]
        close(dialog)
    assert not problems, f"Without an accessible name ({language}):\n" + "\n".join(
        dict.fromkeys(problems)
    )


# --- the tab order ----------------------------------------------------------------------


def focus_chain(dialog: QDialog) -> list[QWidget]:
    """The widgets Tab visits in ``dialog``, in order, from its first one (disabled or not)."""
    chain: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    seen = set()
    while widget is not dialog and id(widget) not in seen:
        seen.add(id(widget))
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        # A disabled control keeps its place, for when it is enabled (OK once a field is filled).
        shown = takes_tab and widget.isVisibleTo(dialog)
        if shown and (_is_control(widget, dialog) or isinstance(widget, QTabBar)):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def order_problems(dialog: QDialog) -> list[str]:
    chain = focus_chain(dialog)
    problems = []
    box_buttons = {
        b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons() if b.isVisible()
    }
    if box_buttons:
        tail = chain[-len(box_buttons) :]
        if set(tail) != box_buttons:
            problems.append("OK/Cancel are not the last stops of Tab")
    body = [w for w in chain if w not in box_buttons]
    for before, after in pairwise(body):
        a, b = before.mapTo(dialog, QPoint(0, 0)), after.mapTo(dialog, QPoint(0, 0))
        # Down the form, or along a row; back up only into a column to the right.
        above = b.y() + after.height() <= a.y()
        if above and b.x() <= a.x():
            problems.append(f"Tab goes back up from {_label(before)} to {_label(after)}")
    return problems


def _label(widget: QWidget) -> str:
    return f"{type(widget).__name__} {accessible_name(widget)[:40]!r}"


def test_every_dialog_tabs_top_to_bottom_and_ends_on_its_buttons(
    qtbot: QtBot, demo_database: Database
) -> None:
    scene: Scene = open_window(qtbot, demo_database)
    problems = []
    for name, dialog in dialogs(scene):
        show(dialog)
        problems += [f"{name}: {p}" for p in order_problems(dialog)]
        close(dialog)
    assert not problems, "Tab order:\n" + "\n".join(dict.fromkeys(problems))


# --- as a person does it ------------------------------------------------------------


def _wait_active(qtbot: QtBot, dialog: QDialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isActiveWindow())


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_a_labels_key_puts_the_cursor_in_its_field(qtbot: QtBot, demo_database: Database) -> None:
    """Alt+O ("T&opic") lands in the topic field, not in the cell around it and its message."""
    from roundtable_ui.dialogs.roundtable_dialog import RoundtableDialog

    scene = open_window(qtbot, demo_database)
    dialog = RoundtableDialog(scene.store, scene.window)
    dialog.open()
    _wait_active(qtbot, dialog)
    QTest.keyClicks(_focused(), "Platform rules")
    QTest.keyClick(_focused(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    QTest.keyClicks(_focused(), "Net neutrality")
    QTest.keyClick(_focused(), Qt.Key.Key_Return)
    rows = scene.store.read(queries.list_roundtables)
    assert [(r.title, r.topic) for r in rows if r.title == "Platform rules"] == [
        ("Platform rules", "Net neutrality")
    ]


def test_a_new_reference_opens_in_its_first_field_and_tabs_on_to_ok(
    qtbot: QtBot, demo_database: Database
) -> None:
    """The fields are added after the buttons were made: Tab still ends on OK, then Cancel."""
    from _every_view import DIALOGS

    scene = open_window(qtbot, demo_database)
    statement_id = scene.window.page("statements").editor._id  # type: ignore[union-attr]
    dialog = DIALOGS["roundtable_ui.pages.statement_editor.PartDialog"](scene)
    _wait_active(qtbot, dialog)
    QTest.keyClicks(_focused(), "nos-2023")  # the key, the first field
    QTest.keyClick(_focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(_focused(), "TikTok meets its critics")
    for _ in range(8):
        if isinstance(_focused(), QAbstractButton):
            break
        QTest.keyClick(_focused(), Qt.Key.Key_Tab)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[attr-defined]
    assert _focused() is ok, _focused().text()  # type: ignore[attr-defined]
    QTest.keyClick(_focused(), Qt.Key.Key_Space)
    detail = scene.store.read(statement_queries.statement_detail, statement_id)
    assert [(r.key, r.title) for r in detail.references][-1] == (
        "nos-2023",
        "TikTok meets its critics",
    )


def test_tab_leaves_a_long_answer_for_ok(qtbot: QtBot, demo_database: Database) -> None:
    """In the long-text question Tab goes on to OK (it used to type a tab in the answer)."""
    scene = open_window(qtbot, demo_database)
    dialog = messages.text_dialog(scene.window, "Withdraw invitation", "Why?", "", True)
    dialog.show()
    _wait_active(qtbot, dialog)
    QTest.keyClicks(_focused(), "The host took it back")
    QTest.keyClick(_focused(), Qt.Key.Key_Tab)
    assert isinstance(_focused(), QAbstractButton)
    assert _focused().text().replace("&", "") == "OK"  # type: ignore[attr-defined]
    QTest.keyClick(_focused(), Qt.Key.Key_Space)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.textValue() == "The host took it back"
