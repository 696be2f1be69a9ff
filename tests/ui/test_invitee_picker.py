"""The invitee picker: type to filter, Ctrl+Shift+A / Space to tick, Enter to add; one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from roundtable.enums import InvitationRole, InvitationStatus
from roundtable.meetings import lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.models import Invitation
from roundtable_ui.dialogs.invitee_picker import InviteePicker
from roundtable_ui.store import Store

_CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def store(sqlite_db: Any, clock: datetime) -> Iterator[Store]:
    store = Store(sqlite_db)
    yield store
    store.undo_stack.clear()


def _setup(store: Store) -> int:
    """A scheduled roundtable and 60 people: 40 in four alliances, 20 in industry groups."""

    def build(session: Any) -> int:
        alliances = [
            organisations.create_organisation(session, f"Civic Alliance {side}")
            for side in ("North", "South", "East", "West")
        ]
        industry = [
            organisations.create_organisation(session, f"Industry Group {n}") for n in (1, 2)
        ]
        for i in range(60):
            organisation = alliances[i % 4] if i < 40 else industry[i % 2]
            persons.create_person(
                session,
                f"Person {i:02d}",
                email=f"person{i:02d}@example.org",
                organisation=organisation,
            )
        roundtable = lifecycle.create_roundtable(session, title="Platform accountability")
        lifecycle.schedule(
            session, roundtable, datetime(2026, 12, 7, 14, 0), datetime(2026, 12, 7, 16, 0)
        )
        return int(roundtable.id)

    with store.database.transaction() as session:
        return build(session)


def _invitations(store: Store, roundtable_id: int) -> list[Invitation]:
    return store.read(
        lambda s: list(
            s.scalars(
                select(Invitation)
                .where(Invitation.roundtable_id == roundtable_id)
                .order_by(Invitation.id)
            )
        )
    )


def _picker(qtbot: Any, store: Store, roundtable_id: int) -> InviteePicker:
    picker = InviteePicker(store, roundtable_id)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    picker.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    return picker


def test_forty_invitees_by_keyboard_in_one_undoable_step(qtbot: Any, store: Store) -> None:
    roundtable_id = _setup(store)
    picker = _picker(qtbot, store, roundtable_id)
    assert len(picker.visible_rows()) == 60 + 6  # people and organisations

    qtbot.keyClicks(picker.search, "alliance")
    picker.kind_combo.setCurrentIndex(1)  # people only
    assert len(picker.visible_rows()) == 40
    qtbot.keyClick(picker.search, Qt.Key.Key_A, _CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(picker.picked()) == 40
    assert picker.search.text() == "alliance"
    assert picker.counter.text() == "40 selected"
    picker.mark_sent.setChecked(True)
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    rows = _invitations(store, roundtable_id)
    assert len(rows) == 40
    assert {r.status for r in rows} == {InvitationStatus.INVITED}
    assert {r.role for r in rows} == {InvitationRole.PARTICIPANT}
    assert sorted(picker.added_ids) == [r.id for r in rows]
    assert store.undo_stack.undoText() == "Add 40 invitees"

    store.undo_stack.undo()
    assert _invitations(store, roundtable_id) == []
    store.undo_stack.redo()
    again = _invitations(store, roundtable_id)
    assert len(again) == 40
    assert {r.status for r in again} == {InvitationStatus.INVITED}


def test_ticks_survive_a_new_search_and_space_toggles(qtbot: Any, store: Store) -> None:
    roundtable_id = _setup(store)
    picker = _picker(qtbot, store, roundtable_id)

    qtbot.keyClicks(picker.search, "person 07")
    assert [r.name for r in picker.visible_rows()] == ["Person 07"]
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # into the list, first row highlighted
    qtbot.keyClick(picker.view, Qt.Key.Key_Space)
    assert [r.name for r in picker.picked()] == ["Person 07"]

    picker.search.clear()
    qtbot.keyClicks(picker.search, "industry 2")
    shown = picker.visible_rows()
    assert "Person 07" not in {r.name for r in shown}
    picker.view.selectAll()
    qtbot.keyClick(picker.view, Qt.Key.Key_Space)
    assert len(picker.picked()) == len(shown) + 1  # the hidden Person 07 stays ticked
    qtbot.keyClick(picker.view, Qt.Key.Key_Space)  # all highlighted ticked: untick them
    assert [r.name for r in picker.picked()] == ["Person 07"]
    assert picker.counter.text() == "1 selected"


def test_already_invited_are_marked_and_cannot_be_ticked(qtbot: Any, store: Store) -> None:
    roundtable_id = _setup(store)
    first = _picker(qtbot, store, roundtable_id)
    qtbot.keyClicks(first.search, "alliance north")
    first.kind_combo.setCurrentIndex(1)
    first.pick_all_visible()
    first.accept()
    assert len(_invitations(store, roundtable_id)) == 10

    picker = _picker(qtbot, store, roundtable_id)
    picker.kind_combo.setCurrentIndex(1)
    invited = [r for r in picker.visible_rows() if r.already_invited]
    assert len(invited) == 10
    row = picker.model.find_row(lambda r: r.already_invited)
    assert not picker.model.flags(picker.model.index(row, 0)) & Qt.ItemFlag.ItemIsEnabled
    assert picker.model.index(row, 4).data() == "already invited"
    picker.pick_all_visible()
    assert len(picker.picked()) == 50  # the sixty people but the ten on the list
    assert all(not r.already_invited for r in picker.picked())


def test_an_organisation_alone_with_a_role_not_sent(qtbot: Any, store: Store) -> None:
    roundtable_id = _setup(store)
    picker = _picker(qtbot, store, roundtable_id)
    picker.kind_combo.setCurrentIndex(2)  # organisations only
    qtbot.keyClicks(picker.search, "industry group 2")
    assert [r.name for r in picker.visible_rows()] == ["Industry Group 2"]
    index = picker.proxy.index(0, 0)
    assert picker.proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    picker.role_combo.setCurrentIndex(picker.role_combo.findData(InvitationRole.OBSERVER))
    picker.accept()

    (invitation,) = _invitations(store, roundtable_id)
    assert invitation.person_id is None
    assert invitation.status == InvitationStatus.NOT_SENT
    assert invitation.role == InvitationRole.OBSERVER
    organisation = store.read(lambda s: organisations.get_organisation(s, "Industry Group 2").id)
    assert invitation.organisation_id == organisation


def test_nothing_ticked_or_a_refusal_keeps_the_dialog_open(qtbot: Any, store: Store) -> None:
    roundtable_id = _setup(store)
    picker = _picker(qtbot, store, roundtable_id)
    qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    assert picker.isVisible()
    assert picker.error_label.isVisible()
    assert "Tick at least one" in picker.error_label.text()

    # Someone at another desk cancels the roundtable meanwhile.
    with store.database.transaction() as session:
        lifecycle.cancel(session, lifecycle.get_roundtable(session, roundtable_id), "Venue lost")
    qtbot.keyClicks(picker.search, "person 01")
    qtbot.keyClick(picker.search, Qt.Key.Key_A, _CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.isVisible()
    assert "Nobody was added" in picker.error_label.text()
    assert "Cannot invite anyone" in picker.error_label.text()
    assert _invitations(store, roundtable_id) == []
    assert store.undo_stack.count() == 0


def test_ctrl_a_in_the_search_box_selects_its_text_and_ticks_nothing(
    qtbot: Any, store: Store
) -> None:
    roundtable_id = _setup(store)
    picker = _picker(qtbot, store, roundtable_id)
    assert QApplication.focusWidget() is picker.search
    qtbot.keyClicks(picker.search, "industry group 1")
    qtbot.keyClick(picker.search, Qt.Key.Key_A, _CTRL)
    assert picker.search.selectedText() == "industry group 1"
    assert picker.picked() == []
    assert picker.counter.text() == "0 selected"
    qtbot.keyClicks(picker.search, "alliance")  # typing replaces the selected text
    assert picker.search.text() == "alliance"
    assert picker.picked() == []

    # Alt+T presses "Tick all shown"; the search box keeps the focus and its text.
    qtbot.keyClick(picker.search, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(picker.picked()) > 0)  # a mnemonic "animates" its click
    assert len(picker.picked()) == len(picker.visible_rows()) == 44  # 40 people, 4 alliances
    assert picker.search.text() == "alliance"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert len(_invitations(store, roundtable_id)) == 44


def test_ctrl_a_in_the_list_ticks_every_row_shown(qtbot: Any, store: Store) -> None:
    roundtable_id = _setup(store)
    picker = _picker(qtbot, store, roundtable_id)
    qtbot.keyClicks(picker.search, "industry")
    picker.kind_combo.setCurrentIndex(1)  # people only
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # into the list
    assert QApplication.focusWidget() is picker.view
    qtbot.keyClick(picker.view, Qt.Key.Key_A, _CTRL)
    assert len(picker.picked()) == 20
    assert picker.counter.text() == "20 selected"
    assert picker.search.text() == "industry"
