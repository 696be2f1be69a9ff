"""The Minutes tab on the demo data: agenda, notes (not for attribution), decisions, actions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from roundtable.demo import load_demo
from roundtable.enums import NoteKind
from roundtable.meetings import queries
from roundtable.meetings.queries import ActionItemRow, AgendaItemView
from roundtable.storage.db import Database
from ui import messages
from ui.messages import ScriptedResponder
from ui.pages.minutes_tab import NFA_BACKGROUND, OVERDUE, ActionDialog, MinutesTab, NoteDialog
from ui.store import Store

NOVEMBER = "TikTok stakeholder roundtable, November 2023"


@pytest.fixture
def store(sqlite_db: Database, clock: datetime) -> Iterator[Store]:
    with sqlite_db.transaction() as session:
        load_demo(session)
    yield Store(sqlite_db)


def _roundtable_id(store: Store) -> int:
    return next(r.id for r in store.read(queries.list_roundtables) if r.title == NOVEMBER)


def _minutes(store: Store) -> list[AgendaItemView]:
    rt = _roundtable_id(store)
    return store.read(lambda s: queries.minutes(s, rt))


def _actions(store: Store) -> list[ActionItemRow]:
    rt = _roundtable_id(store)
    return store.read(lambda s: queries.list_action_items(s, rt))


@pytest.fixture
def tab(qtbot: QtBot, store: Store) -> MinutesTab:
    widget = MinutesTab(store)
    qtbot.addWidget(widget)
    widget.set_roundtable(_roundtable_id(store))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _add_item(tab: MinutesTab, store: Store, title: str = "Next steps") -> AgendaItemView:
    with messages.use_responder(ScriptedResponder(texts=[title])):
        tab.add_item_button.click()
    item = _minutes(store)[-1]
    assert item.title == title
    assert tab.current_item() is not None and tab.current_item().id == item.id
    return item


def test_agenda_item_add_rename_move_delete_with_undo(
    qtbot: QtBot, store: Store, tab: MinutesTab
) -> None:
    before = [i.title for i in _minutes(store)]
    assert len(before) == 3
    item = _add_item(tab, store)
    assert [i.title for i in _minutes(store)] == [*before, "Next steps"]
    store.undo_stack.undo()
    assert [i.title for i in _minutes(store)] == before
    store.undo_stack.redo()
    assert _minutes(store)[-1].id == item.id

    assert tab.select_item(item.id)
    with messages.use_responder(ScriptedResponder(texts=["Next steps and follow-up"])):
        tab.rename_item_button.click()
    assert _minutes(store)[-1].title == "Next steps and follow-up"
    store.undo_stack.undo()
    assert _minutes(store)[-1].title == "Next steps"
    store.undo_stack.redo()

    tab.agenda_view.setFocus()
    qtbot.keyClick(tab.agenda_view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [i.id for i in _minutes(store)].index(item.id) == 2
    store.undo_stack.undo()
    assert _minutes(store)[-1].id == item.id

    # Deleting an item with notes; undo brings the notes back too.
    second = _minutes(store)[1]
    assert len(second.notes) == 5
    assert tab.select_item(second.id)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        qtbot.keyClick(tab.agenda_view, Qt.Key.Key_Delete)
    assert second.id not in [i.id for i in _minutes(store)]
    store.undo_stack.undo()
    restored = _minutes(store)[1]
    assert (restored.id, restored.title) == (second.id, second.title)
    assert [n.text for n in restored.notes] == [n.text for n in second.notes]


def test_note_not_for_attribution_and_decision_with_undo(
    qtbot: QtBot, store: Store, tab: MinutesTab
) -> None:
    _add_item(tab, store)

    dialog = tab.add_note()
    assert isinstance(dialog, NoteDialog)
    assert dialog.kind_combo.currentData() == "note"
    qtbot.keyClicks(dialog.text_edit, "The monitor's reports should be public.")
    _choose(dialog.speaker, "Joris Hendriks")
    dialog.not_for_attribution.setChecked(True)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted

    notes = _minutes(store)[-1].notes
    assert len(notes) == 1
    note = notes[0]
    assert note.text == "The monitor's reports should be public."
    assert note.not_for_attribution is True
    assert note.speaker_name == "Joris Hendriks"
    assert note.kind == NoteKind.NOTE
    # The list shows the marker plainly.
    assert tab.notes_model.index(0, 2).data() == "Not for attribution"
    assert tab.notes_model.index(0, 2).data(Qt.ItemDataRole.BackgroundRole) == NFA_BACKGROUND
    assert tab.notes_model.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None

    store.undo_stack.undo()
    assert _minutes(store)[-1].notes == ()
    store.undo_stack.redo()
    again = _minutes(store)[-1].notes[0]
    assert (again.id, again.not_for_attribution) == (note.id, True)

    tab.add_decision_button.click()
    decision_dialog = tab.dialog
    assert isinstance(decision_dialog, NoteDialog)
    assert decision_dialog.kind_combo.currentData() == "decision"
    qtbot.keyClicks(decision_dialog.text_edit, "Publish an update to our statement.")
    decision_dialog.accept()
    notes = _minutes(store)[-1].notes
    assert [n.kind for n in notes] == [NoteKind.NOTE, NoteKind.DECISION]
    assert notes[1].not_for_attribution is False and notes[1].speaker_name == ""
    store.undo_stack.undo()
    assert len(_minutes(store)[-1].notes) == 1
    store.undo_stack.redo()
    assert len(_minutes(store)[-1].notes) == 2

    # Edit: take the not-for-attribution mark off; undo puts it back.
    assert tab.select_note(note.id)
    edit = tab.edit_note()
    assert edit is not None and edit.not_for_attribution.isChecked()
    edit.not_for_attribution.setChecked(False)
    edit.accept()
    assert _minutes(store)[-1].notes[0].not_for_attribution is False
    store.undo_stack.undo()
    assert _minutes(store)[-1].notes[0].not_for_attribution is True

    # Reorder and delete notes.
    assert tab.select_note(note.id)
    tab.note_down_button.click()
    assert [n.id for n in _minutes(store)[-1].notes][1] == note.id
    store.undo_stack.undo()
    assert _minutes(store)[-1].notes[0].id == note.id
    assert tab.select_note(note.id)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        tab.delete_note_button.click()
    assert [n.kind for n in _minutes(store)[-1].notes] == [NoteKind.DECISION]
    store.undo_stack.undo()
    assert _minutes(store)[-1].notes[0].id == note.id


def test_empty_note_is_refused_in_the_dialog(qtbot: QtBot, store: Store, tab: MinutesTab) -> None:
    dialog = tab.add_note()
    assert dialog is not None
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.errors["text"].isHidden()
    dialog.reject()


def test_action_item_with_owner_due_date_ticked_done(
    qtbot: QtBot, store: Store, tab: MinutesTab, clock: datetime
) -> None:
    item = _add_item(tab, store)
    count = len(_actions(store))

    dialog = tab.add_action()
    assert isinstance(dialog, ActionDialog)
    assert dialog.due_edit.calendarPopup()
    qtbot.keyClicks(dialog.description_edit, "Send the minutes to all participants")
    _choose(dialog.owner, "Elena Marsh")
    dialog.has_due.setChecked(True)
    dialog.due_edit.setDate(dialog.due_edit.date().fromString("2023-12-15", "yyyy-MM-dd"))
    assert dialog.agenda_combo.currentData() == item.id  # defaults to the selected item
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted

    actions = _actions(store)
    assert len(actions) == count + 1
    action = next(a for a in actions if a.description == "Send the minutes to all participants")
    assert action.owner_name == "Elena Marsh"
    assert action.owner_person_id is not None
    assert action.due_on == date(2023, 12, 15)
    assert action.agenda_item_id == item.id
    assert action.done is False
    store.undo_stack.undo()
    assert len(_actions(store)) == count
    store.undo_stack.redo()
    assert any(a.id == action.id for a in _actions(store))

    # Open ones first; an open item past its due date is red.
    visible = tab.action_table.visible_rows()
    dones = [r.done for r in visible]
    assert dones == sorted(dones)
    row = next(i for i, r in enumerate(visible) if r.id == action.id)
    due = tab.action_table.proxy.index(row, 3)
    assert due.data(Qt.ItemDataRole.ForegroundRole) == OVERDUE

    # Tick it done as the view does: set the check state of the Done cell.
    done_cell = tab.action_table.proxy.index(row, 0)
    assert done_cell.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert tab.action_table.proxy.setData(
        done_cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    ticked = next(a for a in _actions(store) if a.id == action.id)
    assert ticked.done is True and ticked.done_at == clock
    assert store.undo_stack.undoText() == "Mark action item done"
    visible = tab.action_table.visible_rows()
    assert visible[-1].done  # done ones sink to the bottom
    ticked_row = next(i for i, r in enumerate(visible) if r.id == action.id)
    assert tab.action_table.proxy.index(ticked_row, 3).data(Qt.ItemDataRole.ForegroundRole) is None

    store.undo_stack.undo()
    reopened = next(a for a in _actions(store) if a.id == action.id)
    assert reopened.done is False and reopened.done_at is None
    store.undo_stack.redo()
    assert next(a for a in _actions(store) if a.id == action.id).done is True

    # Edit the due date, then delete; undo restores it.
    tab.action_table.select_where(lambda r: r.id == action.id)
    edit = tab.edit_action()
    assert edit is not None and edit.description_edit.text() == action.description
    edit.has_due.setChecked(False)
    edit.accept()
    assert next(a for a in _actions(store) if a.id == action.id).due_on is None
    store.undo_stack.undo()
    assert next(a for a in _actions(store) if a.id == action.id).due_on == date(2023, 12, 15)

    tab.action_table.select_where(lambda r: r.id == action.id)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        tab.delete_action_button.click()
    assert all(a.id != action.id for a in _actions(store))
    store.undo_stack.undo()
    back = next(a for a in _actions(store) if a.id == action.id)
    assert (back.done, back.owner_name, back.due_on) == (True, "Elena Marsh", date(2023, 12, 15))
