"""The Minutes tab on the demo data: agenda, notes (not for attribution), decisions, actions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from roundtable.demo import load_demo
from roundtable.enums import NoteKind
from roundtable.meetings import minutes_actions, minutes_queries, queries
from roundtable.meetings import minutes_queries as meetings_minutes_queries
from roundtable.meetings.minutes_queries import ActionItemRow, AgendaItemRow
from roundtable.storage.db import Database
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.minutes_tab import (
    NFA_BACKGROUND,
    OVERDUE,
    ActionDialog,
    MinutesTab,
    NoteDialog,
)
from roundtable_ui.store import Store

NOVEMBER = "TikTok stakeholder roundtable, November 2023"


@pytest.fixture
def store(sqlite_db: Database, clock: datetime) -> Iterator[Store]:
    with sqlite_db.transaction() as session:
        load_demo(session)
    yield Store(sqlite_db)


def _roundtable_id(store: Store) -> int:
    return next(r.id for r in store.read(queries.list_roundtables) if r.title == NOVEMBER)


def _minutes(store: Store) -> list[AgendaItemRow]:
    return store.read(meetings_minutes_queries.minutes, _roundtable_id(store))


def _actions(store: Store) -> list[ActionItemRow]:
    return store.read(meetings_minutes_queries.list_action_items, _roundtable_id(store))


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


def _add_item(tab: MinutesTab, store: Store, title: str = "Next steps") -> AgendaItemRow:
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
    assert store.undo_stack.undoText() == "Add agenda item"
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
    agenda = _minutes(store)
    assert [i.id for i in agenda].index(item.id) == 2
    assert [i.position for i in agenda] == [0, 1, 2, 3]
    assert store.undo_stack.undoText() == "Move agenda item"
    assert tab.current_item() is not None and tab.current_item().id == item.id
    store.undo_stack.undo()
    assert _minutes(store)[-1].id == item.id

    # Deleting an item with notes; its action item stays, under no item; undo brings
    # the notes back and puts the action item under it again.
    second = _minutes(store)[1]
    assert len(second.notes) == 5
    under = [a.id for a in _actions(store) if a.agenda_item_id == second.id]
    assert under
    assert tab.select_item(second.id)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        qtbot.keyClick(tab.agenda_view, Qt.Key.Key_Delete)
    agenda = _minutes(store)
    assert second.id not in [i.id for i in agenda]
    assert [i.position for i in agenda] == list(range(len(agenda)))
    assert all(a.agenda_item_id is None for a in _actions(store) if a.id in under)
    assert store.undo_stack.undoText() == "Delete agenda item"
    store.undo_stack.undo()
    restored = _minutes(store)[1]
    assert (restored.id, restored.title) == (second.id, second.title)
    assert [n.text for n in restored.notes] == [n.text for n in second.notes]
    assert all(a.agenda_item_id == second.id for a in _actions(store) if a.id in under)


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

    assert store.undo_stack.undoText() == "Add note"
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
    assert store.undo_stack.undoText() == "Add decision"
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
    assert store.undo_stack.undoText() == "Edit note"
    store.undo_stack.undo()
    assert _minutes(store)[-1].notes[0].not_for_attribution is True

    # Reorder and delete notes.
    assert tab.select_note(note.id)
    tab.note_down_button.click()
    assert [n.id for n in _minutes(store)[-1].notes][1] == note.id
    assert tab.current_note() is not None and tab.current_note().id == note.id
    store.undo_stack.undo()
    assert _minutes(store)[-1].notes[0].id == note.id
    assert tab.select_note(note.id)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        tab.delete_note_button.click()
    assert [n.kind for n in _minutes(store)[-1].notes] == [NoteKind.DECISION]
    assert _minutes(store)[-1].notes[0].position == 0
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
    assert dialog.due_edit.calendar_action.isVisible()
    qtbot.keyClicks(dialog.description_edit, "Send the minutes to all participants")
    _choose(dialog.owner, "Elena Marsh")
    dialog.has_due.setChecked(True)
    dialog.due_edit.setFocus()
    dialog.due_edit.selectAll()
    qtbot.keyClicks(dialog.due_edit, "2023-12-15")
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
    assert store.undo_stack.undoText() == "Add action item"
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
    assert store.undo_stack.undoText() == "Edit action item"
    store.undo_stack.undo()
    assert next(a for a in _actions(store) if a.id == action.id).due_on == date(2023, 12, 15)

    tab.action_table.select_where(lambda r: r.id == action.id)
    with messages.use_responder(ScriptedResponder(confirms=[True])):
        tab.delete_action_button.click()
    assert all(a.id != action.id for a in _actions(store))
    store.undo_stack.undo()
    back = next(a for a in _actions(store) if a.id == action.id)
    assert (back.done, back.owner_name, back.due_on) == (True, "Elena Marsh", date(2023, 12, 15))


def test_space_ticks_an_action_item_off_and_an_organisation_owner_stays(
    qtbot: QtBot, store: Store, tab: MinutesTab
) -> None:
    rt = _roundtable_id(store)
    tiktok = next(
        c.organisation_id
        for c in store.read(minutes_queries.party_choices)
        if c.organisation_id is not None and c.name == "TikTok"
    )
    action_id = store.run(
        minutes_actions.add_action_item(
            rt, description="Reply in writing", owner_organisation_id=tiktok
        )
    )
    tab.action_table.select_where(lambda r: r.id == action_id)
    tab.action_table.view.setFocus()
    qtbot.keyClick(tab.action_table.view, Qt.Key.Key_Space)
    assert next(a for a in _actions(store) if a.id == action_id).done is True
    assert store.undo_stack.undoText() == "Mark action item done"
    assert tab.current_action() is not None and tab.current_action().id == action_id
    qtbot.keyClick(tab.action_table.view, Qt.Key.Key_Space)
    assert next(a for a in _actions(store) if a.id == action_id).done is False
    assert store.undo_stack.undoText() == "Mark action item open"

    # Editing the text with nobody chosen as owner keeps the organisation.
    edit = tab.edit_action()
    assert edit is not None and edit.owner.key() is None
    edit.description_edit.setText("Reply in writing by Friday")
    edit.accept()
    row = next(a for a in _actions(store) if a.id == action_id)
    assert (row.description, row.owner_name) == ("Reply in writing by Friday", "TikTok")
    # Choosing a person replaces it.
    edit = tab.edit_action()
    assert edit is not None
    _choose(edit.owner, "Elena Marsh")
    edit.accept()
    row = next(a for a in _actions(store) if a.id == action_id)
    assert (row.owner_person_id is not None, row.owner_organisation_id) == (True, None)
    assert row.owner_name == "Elena Marsh"
