"""The Invitations tab: add forty, answer, withdraw, bulk all-or-nothing, undo and redo."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QToolButton
from sqlalchemy import select

from roundtable import demo
from roundtable.enums import InvitationStatus, Party
from roundtable.meetings import invitation_queries, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.models import Invitation
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.invitations_tab import InvitationsTab, format_address
from roundtable_ui.store import Store

_I = InvitationStatus
REASON = "cancelled two days before, lack of enthusiasm"
HOST = "The host took the invitation back"


@dataclass
class Setup:
    store: Store
    tab: InvitationsTab
    roundtable_id: int
    qtbot: Any


@pytest.fixture
def store(sqlite_db: Any, clock: datetime) -> Iterator[Store]:
    store = Store(sqlite_db)
    yield store
    store.undo_stack.clear()


def _build(session: Any) -> int:
    """60 people (two without an e-mail address) and a roundtable next week."""
    alliance = organisations.create_organisation(session, "Civic Alliance")
    industry = organisations.create_organisation(session, "Industry Group")
    for i in range(60):
        persons.create_person(
            session,
            f"Person {i:02d}",
            email=None if i in (3, 4) else f"person{i:02d}@example.org",
            organisation=alliance if i < 40 else industry,
        )
    roundtable = lifecycle.create_roundtable(session, title="Platform accountability")
    lifecycle.schedule(
        session, roundtable, datetime(2026, 12, 7, 14, 0), datetime(2026, 12, 7, 16, 0)
    )
    return int(roundtable.id)


def _tab(qtbot: Any, store: Store) -> InvitationsTab:
    tab = InvitationsTab(store)
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitActive(tab):  # keys and shortcuts go to the active window
        tab.activateWindow()
    return tab


def _click(setup: Setup, action: QAction) -> None:
    """Click the tab's button for ``action``, as a person does."""
    (button,) = [
        b for b in setup.tab.toolbar.findChildren(QToolButton) if b.defaultAction() is action
    ]
    assert button.isVisible() and button.isEnabled()
    setup.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _choose(setup: Setup, menu: QMenu, action: QAction) -> None:
    """Open ``menu`` (a button's menu) and pick ``action`` with the keyboard."""
    assert action in menu.actions() and action.isEnabled()
    menu.popup(setup.tab.mapToGlobal(QPoint(0, 0)))
    setup.qtbot.waitUntil(menu.isVisible)
    menu.setActiveAction(action)
    setup.qtbot.keyPress(menu, Qt.Key.Key_Return)  # the menu closes before a release
    assert not menu.isVisible()


@pytest.fixture
def forty(qtbot: Any, store: Store, sqlite_db: Any) -> Setup:
    """The roundtable with forty invitations added (and sent) through the picker."""
    with sqlite_db.transaction() as session:
        roundtable_id = _build(session)
    tab = _tab(qtbot, store)
    tab.set_roundtable(roundtable_id)
    assert tab.add_action.isEnabled()
    qtbot.keyClick(
        tab.table.view,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    picker = tab.picker
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.search, "alliance")
    picker.kind_combo.setCurrentIndex(1)  # people
    qtbot.keyClick(  # Ctrl+Shift+A ticks everyone shown (Ctrl+A selects the search text)
        picker.search,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    # On its box: the check box is as wide as the dialog, its label shorter.
    box = QPoint(8, picker.mark_sent.height() // 2)
    qtbot.mouseClick(picker.mark_sent, Qt.MouseButton.LeftButton, pos=box)
    assert picker.mark_sent.isChecked()
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert not picker.isVisible()
    return Setup(store, tab, roundtable_id, qtbot)


def _statuses(store: Store, roundtable_id: int) -> dict[str, InvitationStatus]:
    rows = store.read(lambda s: invitation_queries.list_invitations(s, roundtable_id))
    return {r.name: r.status for r in rows}


def _select(tab: InvitationsTab, *names: str) -> None:
    assert tab.table.select_where(lambda r: r.name in names) == len(names)


def _id_of(setup: Setup, name: str) -> int:
    return next(r.id for r in setup.tab.rows() if r.name == name)


def test_forty_added_through_the_picker(forty: Setup) -> None:
    statuses = _statuses(forty.store, forty.roundtable_id)
    assert len(statuses) == 40
    assert set(statuses.values()) == {_I.INVITED}
    assert len(forty.tab.rows()) == 40
    assert len(forty.tab.table.selected_rows()) == 40  # the new rows are selected
    assert forty.tab.summary_label.text() == "40 invited · 40 awaiting an answer"
    assert forty.store.undo_stack.undoText() == "Add 40 invitees"
    forty.store.undo_stack.undo()
    assert forty.tab.rows() == []
    assert _statuses(forty.store, forty.roundtable_id) == {}
    forty.store.undo_stack.redo()
    assert len(_statuses(forty.store, forty.roundtable_id)) == 40


def test_record_responses_for_a_selection_undo_redo(forty: Setup) -> None:
    tab, store = forty.tab, forty.store
    _select(tab, "Person 00", "Person 01", "Person 02")
    _choose(forty, tab.response_menu, tab.accept_action)
    _select(tab, "Person 05")
    _choose(forty, tab.response_menu, tab.decline_action)
    statuses = _statuses(store, forty.roundtable_id)
    assert [statuses[f"Person 0{i}"] for i in range(6)] == [
        _I.ACCEPTED, _I.ACCEPTED, _I.ACCEPTED, _I.INVITED, _I.INVITED, _I.DECLINED
    ]  # fmt: skip
    assert "3 accepted" in tab.summary_label.text()

    store.undo_stack.undo()  # the decline
    store.undo_stack.undo()  # the three acceptances, in one step
    statuses = _statuses(store, forty.roundtable_id)
    assert {statuses[f"Person 0{i}"] for i in range(6)} == {_I.INVITED}
    history = store.read(lambda s: invitation_queries.history_rows(s, _id_of(forty, "Person 00")))
    assert [h.to_status for h in history] == [_I.NOT_SENT, _I.INVITED]

    store.undo_stack.redo()
    statuses = _statuses(store, forty.roundtable_id)
    assert [statuses[f"Person 0{i}"] for i in range(3)] == [_I.ACCEPTED] * 3
    history = store.read(lambda s: invitation_queries.history_rows(s, _id_of(forty, "Person 01")))
    assert history[-1].party == Party.INVITEE

    # Mark no response, then the same answer again is no change at all
    _select(tab, "Person 06", "Person 07")
    _choose(forty, tab.response_menu, tab.no_response_action)
    assert _statuses(store, forty.roundtable_id)["Person 07"] == _I.NO_RESPONSE
    _select(tab, "Person 00")
    count = store.undo_stack.count()
    _choose(forty, tab.response_menu, tab.accept_action)
    assert store.undo_stack.count() == count


def test_withdraw_one_with_a_reason_by_the_host(forty: Setup) -> None:
    tab, store = forty.tab, forty.store
    _select(tab, "Person 10")
    _choose(forty, tab.response_menu, tab.accept_action)
    _select(tab, "Person 10")
    with messages.use_responder(ScriptedResponder(texts=[REASON], choices=[HOST])) as answers:
        _click(forty, tab.withdraw_action)
    assert [kind for kind, _ in answers.asked] == ["text", "choice"]
    assert _statuses(store, forty.roundtable_id)["Person 10"] == _I.WITHDRAWN
    invitation_id = _id_of(forty, "Person 10")
    last = store.read(lambda s: invitation_queries.history_rows(s, invitation_id))[-1]
    assert (last.from_status, last.to_status) == (_I.ACCEPTED, _I.WITHDRAWN)
    assert last.reason == REASON
    assert last.party == Party.HOST
    assert store.undo_stack.undoText() == "Withdraw invitation"

    store.undo_stack.undo()
    assert _statuses(store, forty.roundtable_id)["Person 10"] == _I.ACCEPTED
    history = store.read(lambda s: invitation_queries.history_rows(s, invitation_id))
    assert [h.to_status for h in history] == [_I.NOT_SENT, _I.INVITED, _I.ACCEPTED]
    store.undo_stack.redo()
    last = store.read(lambda s: invitation_queries.history_rows(s, invitation_id))[-1]
    assert (last.to_status, last.reason, last.party) == (_I.WITHDRAWN, REASON, Party.HOST)

    # By the invitee; an empty reason is asked again, saying it is needed, and cancelling
    # then changes nothing
    _select(tab, "Person 11")
    count = store.undo_stack.count()
    with messages.use_responder(ScriptedResponder(texts=["   ", None])) as answers:
        _click(forty, tab.withdraw_action)
    assert answers.asked == [
        ("text", "Why is the invitation withdrawn? (1 invitee)"),
        (
            "text",
            "A reason is needed to withdraw an invitation.\n"
            "Why is the invitation withdrawn? (1 invitee)",
        ),
    ]
    assert store.undo_stack.count() == count
    assert _statuses(store, forty.roundtable_id)["Person 11"] == _I.INVITED
    with messages.use_responder(
        ScriptedResponder(texts=["Has another meeting"], choices=["The invitee pulled out"])
    ):
        _click(forty, tab.withdraw_action)
    last = store.read(lambda s: invitation_queries.history_rows(s, _id_of(forty, "Person 11")))[-1]
    assert (last.to_status, last.party) == (_I.WITHDRAWN, Party.INVITEE)


def test_bulk_with_an_illegal_row_changes_nothing(forty: Setup) -> None:
    tab, store = forty.tab, forty.store
    _select(tab, "Person 20")
    _choose(forty, tab.response_menu, tab.decline_action)
    before = _statuses(store, forty.roundtable_id)
    count = store.undo_stack.count()

    _select(tab, "Person 20", "Person 21", "Person 22")
    assert tab.withdraw_action.isEnabled()  # some of the selection can be withdrawn
    with messages.use_responder(ScriptedResponder(texts=[REASON], choices=[HOST])) as answers:
        _click(forty, tab.withdraw_action)
    assert len(answers.errors) == 1
    assert "Nothing was changed" in answers.errors[0]
    assert "Person 20 (Declined)" in answers.errors[0]
    assert "Person 21" not in answers.errors[0]
    assert not [kind for kind, _ in answers.asked if kind != "error"]  # no reason asked
    assert _statuses(store, forty.roundtable_id) == before
    assert store.undo_stack.count() == count

    # Legal for every row, but the core refuses (the roundtable has not started): all or nothing
    _select(tab, "Person 21", "Person 22")
    with messages.use_responder(ScriptedResponder()) as answers:
        _choose(forty, tab.attendance_menu, tab.attended_action)
    assert len(answers.errors) == 1
    assert "Person 21" in answers.errors[0] and "Person 22" in answers.errors[0]
    assert "has not started yet" in answers.errors[0]
    assert _statuses(store, forty.roundtable_id) == before
    assert store.undo_stack.count() == count


def test_copy_email_addresses_skips_those_without(forty: Setup) -> None:
    tab = forty.tab
    _select(tab, "Person 01", "Person 02", "Person 03", "Person 04")
    assert tab.copy_action.isEnabled()
    _click(forty, tab.copy_action)
    assert QGuiApplication.clipboard().text() == (
        "Person 01 <person01@example.org>; Person 02 <person02@example.org>"
    )
    assert "Copied 2 e-mail addresses." in tab.notice_label.text()
    assert "2 invitees without an e-mail address skipped: Person 03, Person 04" in (
        tab.notice_label.text()
    )
    assert format_address("Vries, Jan de", "jan@example.org") == '"Vries, Jan de" <jan@example.org>'


def test_consent_toggle_undo_redo(forty: Setup) -> None:
    tab, store = forty.tab, forty.store

    def consent() -> dict[str, bool]:
        rows = store.read(lambda s: invitation_queries.list_invitations(s, forty.roundtable_id))
        return {r.name: r.consent_to_be_named for r in rows if r.name in ("Person 30", "Person 31")}

    _select(tab, "Person 30", "Person 31")
    assert not tab.consent_action.isChecked()
    _click(forty, tab.consent_action)
    assert consent() == {"Person 30": True, "Person 31": True}
    assert tab.consent_action.isChecked()
    assert (
        tab.table.model.index(tab.table.model.find_row(lambda r: r.name == "Person 30"), 5).data()
        == "yes"
    )
    store.undo_stack.undo()
    assert consent() == {"Person 30": False, "Person 31": False}
    store.undo_stack.redo()
    assert consent() == {"Person 30": True, "Person 31": True}
    _click(forty, tab.consent_action)  # all had it: now off for all
    assert consent() == {"Person 30": False, "Person 31": False}


def test_history_dialog_lists_every_change(forty: Setup) -> None:
    tab = forty.tab
    _select(tab, "Person 12")
    _choose(forty, tab.response_menu, tab.accept_action)
    with messages.use_responder(ScriptedResponder(texts=[REASON], choices=[HOST])):
        _click(forty, tab.withdraw_action)
    _click(forty, tab.history_action)
    dialog = tab.history_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    assert [r.to_status for r in rows] == [_I.NOT_SENT, _I.INVITED, _I.ACCEPTED, _I.WITHDRAWN]
    model = dialog.model
    last = [model.index(3, c).data() for c in range(model.columnCount())]
    assert last[1] == "tester"
    assert last[2:6] == ["Host", "Accepted → Withdrawn", REASON, "Typed in"]
    assert last[0].endswith("2026 10:00")  # 09:00 UTC is 10:00 in Amsterdam
    assert "Person 12" in dialog.heading.text()
    forty.store.undo_stack.undo()  # the dialog follows the database
    assert len(dialog.rows()) == 3


def test_remove_unsent_with_the_delete_key(qtbot: Any, forty: Setup) -> None:
    tab, store = forty.tab, forty.store
    tab.add_invitees()
    picker = tab.picker
    assert picker is not None
    qtbot.keyClicks(picker.search, "person 41")
    picker.pick_all_visible()
    picker.accept()  # not marked as sent
    qtbot.waitUntil(lambda: not shiboken6.isValid(picker))  # closed and deleted
    assert _statuses(store, forty.roundtable_id)["Person 41"] == _I.NOT_SENT
    assert [r.name for r in tab.table.selected_rows()] == ["Person 41"]
    assert tab.remove_action.isEnabled()

    with qtbot.waitActive(tab):  # the picker had it; shortcuts need an active window
        tab.activateWindow()
    tab.table.view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])) as answers:
        qtbot.keyClick(tab.table.view, Qt.Key.Key_Delete)
    assert [kind for kind, _ in answers.asked] == ["confirm"]
    assert "Person 41" not in _statuses(store, forty.roundtable_id)
    store.undo_stack.undo()
    assert _statuses(store, forty.roundtable_id)["Person 41"] == _I.NOT_SENT
    store.undo_stack.redo()
    assert "Person 41" not in _statuses(store, forty.roundtable_id)
    store.undo_stack.undo()

    # A sent invitation is withdrawn, never removed
    _select(tab, "Person 41", "Person 00")
    with messages.use_responder(ScriptedResponder(confirms=[True])) as answers:
        _click(forty, tab.remove_action)
    assert answers.errors and "Person 00 (Invited)" in answers.errors[0]
    assert len(_statuses(store, forty.roundtable_id)) == 41


def test_mark_as_sent_and_attendance_on_the_demo(qtbot: Any, store: Store, sqlite_db: Any) -> None:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
        november = lifecycle.get_roundtable(session, demo.DEMO_ROUNDTABLE_UIDS[2]).id
    tab = _tab(qtbot, store)
    setup = Setup(store, tab, november, qtbot)
    tab.set_roundtable(november)
    assert len(tab.rows()) == 40
    assert tab.summary_label.text().startswith("40 invited · 11 attended · 1 no-show")
    assert "20 no response" in tab.summary_label.text()
    assert not tab.add_action.isEnabled()  # the roundtable was held

    tab.table.choice.setCurrentIndex(tab.table.choice.findText("Awaiting answer"))
    visible = tab.table.visible_rows()
    assert len(visible) == 20
    assert {r.status for r in visible} == {_I.NO_RESPONSE}
    assert tab.table.count_label.text() == "20 of 40 shown"

    tab.table.choice.setCurrentIndex(tab.table.choice.findText("No-show"))
    (no_show,) = tab.table.visible_rows()
    tab.select_ids([no_show.id])
    assert tab.attended_action.isEnabled() and not tab.no_show_action.isEnabled()
    assert not tab.sent_action.isEnabled()
    _choose(setup, tab.attendance_menu, tab.attended_action)
    statuses = _statuses(store, november)
    assert statuses[no_show.name] == _I.ATTENDED
    store.undo_stack.undo()
    assert _statuses(store, november)[no_show.name] == _I.NO_SHOW
    assert store.undo_stack.redoText() == "Mark attended"
    store.undo_stack.redo()
    assert _statuses(store, november)[no_show.name] == _I.ATTENDED


def test_a_new_roundtable_and_none(qtbot: Any, store: Store, sqlite_db: Any) -> None:
    with sqlite_db.transaction() as session:
        roundtable_id = _build(session)
    tab = _tab(qtbot, store)
    tab.set_roundtable(None)
    assert tab.rows() == [] and not tab.add_action.isEnabled()
    tab.set_roundtable(roundtable_id)
    assert tab.summary_label.text() == "0 invited"
    assert not tab.withdraw_action.isEnabled() and not tab.copy_action.isEnabled()
    invitations = store.read(lambda s: list(s.scalars(select(Invitation))))
    assert invitations == []
