"""The Follow-up tab on the demo data: add one dated 3 December 2023, edit fields, delete."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from roundtable.demo import load_demo
from roundtable.meetings import minutes_queries, queries
from roundtable.meetings.minutes_queries import FollowUpRow
from roundtable.storage.db import Database
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.follow_up_tab import FollowUpDialog, FollowUpTab
from roundtable_ui.store import Store

NOVEMBER = "TikTok stakeholder roundtable, November 2023"
BODY = "TikTok wrote back: the monitor's findings stay confidential."


@pytest.fixture
def store(sqlite_db: Database) -> Iterator[Store]:
    with sqlite_db.transaction() as session:
        load_demo(session)
    yield Store(sqlite_db)


def _roundtable_id(store: Store) -> int:
    return next(r.id for r in store.read(queries.list_roundtables) if r.title == NOVEMBER)


def _follow_ups(store: Store) -> list[FollowUpRow]:
    rt = _roundtable_id(store)
    return store.read(lambda s: minutes_queries.list_follow_ups(s, rt))


def _leave(widget: QWidget) -> None:
    """The user moves on: the widget loses focus (as a Tab or a click elsewhere does)."""
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


@pytest.fixture
def tab(qtbot: QtBot, store: Store) -> FollowUpTab:
    widget = FollowUpTab(store)
    qtbot.addWidget(widget)
    widget.set_roundtable(_roundtable_id(store))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _add(qtbot: QtBot, tab: FollowUpTab) -> int:
    tab.add_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, FollowUpDialog)
    form = dialog.form
    assert form.date_edit.calendar_action.isVisible()
    form.date_edit.setFocus()
    form.date_edit.selectAll()
    qtbot.keyClicks(form.date_edit, "3-12-2023")
    qtbot.keyClicks(form.title_edit, "TikTok's reply")
    qtbot.keyClicks(form.stance_edit, "Unconvinced")
    index = form.organisation.findText("TikTok")
    assert index >= 0
    form.organisation.setCurrentIndex(index)
    form.organisation.activated.emit(index)
    qtbot.keyClicks(form.body_edit, BODY)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    return dialog.saved_id


def test_add_a_follow_up_dated_3_december_then_undo_redo(
    qtbot: QtBot, store: Store, tab: FollowUpTab
) -> None:
    before = _follow_ups(store)
    assert len(before) == 1
    follow_up_id = _add(qtbot, tab)

    rows = _follow_ups(store)
    assert len(rows) == 2
    new = next(r for r in rows if r.id == follow_up_id)
    assert new.dated == date(2023, 12, 3)
    assert (new.title, new.stance, new.body) == ("TikTok's reply", "Unconvinced", BODY)
    assert new.organisation_name == "TikTok"
    assert tab.current_follow_up() is not None and tab.current_follow_up().id == follow_up_id
    assert tab.form.title_edit.text() == "TikTok's reply"
    assert tab.table.model.rowCount() == 2

    store.undo_stack.undo()
    assert [r.id for r in _follow_ups(store)] == [r.id for r in before]
    store.undo_stack.redo()
    assert any(r.id == follow_up_id for r in _follow_ups(store))


def test_edit_stance_saved_on_leaving_the_field(
    qtbot: QtBot, store: Store, tab: FollowUpTab
) -> None:
    follow_up_id = _add(qtbot, tab)
    assert tab.select_follow_up(follow_up_id)
    tab.form.stance_edit.setFocus()
    tab.form.stance_edit.selectAll()
    qtbot.keyClicks(tab.form.stance_edit, "Critical: no public monitoring reports")
    qtbot.keyClick(tab.form.stance_edit, Qt.Key.Key_Return)  # Enter leaves the field too
    row = next(r for r in _follow_ups(store) if r.id == follow_up_id)
    assert row.stance == "Critical: no public monitoring reports"
    assert store.undo_stack.undoText() == "Change stance"
    assert tab.form.isEnabled() and tab.form.stance_edit.hasFocus()

    store.undo_stack.undo()
    assert next(r for r in _follow_ups(store) if r.id == follow_up_id).stance == "Unconvinced"
    assert tab.form.stance_edit.text() == "Unconvinced"
    store.undo_stack.redo()
    row = next(r for r in _follow_ups(store) if r.id == follow_up_id)
    assert row.stance == "Critical: no public monitoring reports"

    # The text is saved when the editor loses focus; nothing saved when nothing changed.
    tab.form.body_edit.setPlainText(BODY + " We will ask again in January.")
    _leave(tab.form.body_edit)
    assert next(r for r in _follow_ups(store) if r.id == follow_up_id).body.endswith("January.")
    steps = store.undo_stack.count()
    _leave(tab.form.body_edit)
    assert store.undo_stack.count() == steps

    # The date: moved a day, then undone.
    tab.form.date_edit.setFocus()
    qtbot.keyClick(tab.form.date_edit, Qt.Key.Key_Up)  # a day later
    _leave(tab.form.date_edit)
    assert next(r for r in _follow_ups(store) if r.id == follow_up_id).dated == date(2023, 12, 4)
    store.undo_stack.undo()
    assert next(r for r in _follow_ups(store) if r.id == follow_up_id).dated == date(2023, 12, 3)

    # An empty text is refused next to the field, and nothing is saved.
    tab.form.body_edit.setPlainText("   ")
    _leave(tab.form.body_edit)
    assert not tab.form.errors["body"].isHidden()
    assert next(r for r in _follow_ups(store) if r.id == follow_up_id).body.endswith("January.")


def test_delete_and_undo(qtbot: QtBot, store: Store, tab: FollowUpTab) -> None:
    follow_up_id = _add(qtbot, tab)
    assert tab.select_follow_up(follow_up_id)
    tab.table.view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        qtbot.keyClick(tab.table.view, Qt.Key.Key_Delete)
    assert all(r.id != follow_up_id for r in _follow_ups(store))
    store.undo_stack.undo()
    back = next(r for r in _follow_ups(store) if r.id == follow_up_id)
    assert (back.dated, back.stance, back.organisation_name) == (
        date(2023, 12, 3),
        "Unconvinced",
        "TikTok",
    )
    store.undo_stack.redo()
    assert all(r.id != follow_up_id for r in _follow_ups(store))

    tab.set_roundtable(None)
    assert tab.table.model.rowCount() == 0
    assert not tab.form.isEnabled() and not tab.add_button.isEnabled()
