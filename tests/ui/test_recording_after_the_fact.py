"""Recording after the fact in the window: "When it happened" on the invitations and
overview tabs, and the invitations tab's re-invite, empty-reason and search defects."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)
from sqlalchemy import select

from roundtable import context
from roundtable.enums import InvitationStatus, Party, RoundtableAction, RoundtableStatus
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.models import Invitation, InvitationEvent, Roundtable, RoundtableEvent
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.invitations_tab import InvitationsTab
from roundtable_ui.pages.overview_tab import OverviewTab
from roundtable_ui.store import Store

_I = InvitationStatus
#: The day the coordinator types it all in.
TODAY = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def store(sqlite_db: Any) -> Iterator[Store]:
    with context.frozen_clock(TODAY):
        store = Store(sqlite_db)
        yield store
        store.undo_stack.clear()


def _world(db: Any, *, held: bool = False) -> tuple[int, int]:
    """Two 2023 roundtables typed in today: the first with six people invited in August."""
    with db.transaction() as s:
        alliance = organisations.create_organisation(s, "Civic Alliance")
        rt = lifecycle.create_roundtable(s, title="Platform accountability")
        lifecycle.schedule(
            s, rt, datetime(2023, 9, 7, 14, 0), datetime(2023, 9, 7, 16, 0), at=datetime(2023, 8, 1)
        )
        for i in range(6):
            person = persons.create_person(
                s, f"Person {i}", email=f"p{i}@example.org", organisation=alliance
            )
            invitation = invitations.add_invitation(s, rt, person=person)
            invitations.mark_invited(s, invitation, at=datetime(2023, 8, 15, 9, 0))
        if held:
            lifecycle.mark_held(s, rt, at=datetime(2023, 9, 7, 17, 0))
        other = lifecycle.create_roundtable(s, title="Another one")
        return int(rt.id), int(other.id)


def _show(qtbot: Any, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitActive(widget):
        widget.activateWindow()


def _type_when(qtbot: Any, edit: QWidget, keys: str) -> None:
    """Tab into the date-time field, select its text, type a date and time, press Enter."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    field = QApplication.focusWidget()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, keys)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _select(tab: InvitationsTab, *names: str) -> None:
    assert tab.table.select_where(lambda r: r.name in names) == len(names)


def _choose(qtbot: Any, tab: QWidget, menu: QMenu, action: Any) -> None:
    assert action in menu.actions() and action.isEnabled()
    menu.popup(tab.mapToGlobal(QPoint(0, 0)))
    qtbot.waitUntil(menu.isVisible)
    menu.setActiveAction(action)
    qtbot.keyPress(menu, Qt.Key.Key_Return)


def _click(qtbot: Any, tab: InvitationsTab, action: Any) -> None:
    (button,) = [b for b in tab.toolbar.findChildren(QToolButton) if b.defaultAction() is action]
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _events(db: Any, name: str) -> list[tuple[InvitationStatus, datetime, datetime]]:
    with db.session() as s:
        invitation = next(i for i in s.scalars(select(Invitation)) if i.invitee_name == name)
        return [
            (e.to_status, e.at, e.recorded_at)
            for e in s.scalars(
                select(InvitationEvent)
                .where(InvitationEvent.invitation_id == invitation.id)
                .order_by(InvitationEvent.id)
            )
        ]


def test_answers_typed_in_after_the_fact_keep_their_date(
    qtbot: Any, store: Store, sqlite_db: Any
) -> None:
    roundtable_id, _other = _world(sqlite_db)
    tab = InvitationsTab(store)
    _show(qtbot, tab)
    tab.set_roundtable(roundtable_id)
    assert tab.when_edit.is_now() and tab.when_edit.zone_label.text() == "Europe/Amsterdam"

    # One date typed once dates every answer that follows: Amsterdam summer time, UTC+2.
    _type_when(qtbot, tab.when_edit.edit, "20 aug 2023 10:00")
    assert tab.when_edit.when() == datetime(2023, 8, 20, 10, 0)
    _select(tab, "Person 0", "Person 1", "Person 2")
    _choose(qtbot, tab, tab.response_menu, tab.accept_action)
    _select(tab, "Person 3")
    _choose(qtbot, tab, tab.response_menu, tab.decline_action)
    assert _events(sqlite_db, "Person 1")[-1] == (_I.ACCEPTED, utc(2023, 8, 20, 8, 0), TODAY)
    assert _events(sqlite_db, "Person 3")[-1] == (_I.DECLINED, utc(2023, 8, 20, 8, 0), TODAY)

    # Now: the next step happens when it is recorded.
    qtbot.mouseClick(tab.when_edit.now_button, Qt.MouseButton.LeftButton)
    assert tab.when_edit.is_now() and not tab.when_edit.now_button.isEnabled()
    _select(tab, "Person 4")
    _choose(qtbot, tab, tab.response_menu, tab.tentative_action)
    assert _events(sqlite_db, "Person 4")[-1] == (_I.TENTATIVE, TODAY, TODAY)

    # The history shows both times where they differ, in the order things happened.
    _select(tab, "Person 1")
    _click(qtbot, tab, tab.history_action)
    dialog = tab.history_dialog
    assert dialog is not None
    whens = [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]
    assert whens == [
        "15 Aug 2023 09:00 (recorded 4 Dec 2026)",  # put on the list then, at the latest
        "15 Aug 2023 09:00 (recorded 4 Dec 2026)",
        "20 Aug 2023 10:00 (recorded 4 Dec 2026)",
    ]
    dialog.close()

    # Another roundtable starts from now again.
    tab.set_roundtable(_other)
    assert tab.when_edit.is_now()


def test_a_time_later_than_now_is_refused_with_a_message(
    qtbot: Any, store: Store, sqlite_db: Any
) -> None:
    roundtable_id, _other = _world(sqlite_db)
    tab = InvitationsTab(store)
    _show(qtbot, tab)
    tab.set_roundtable(roundtable_id)
    _type_when(qtbot, tab.when_edit.edit, "5 jan 2027 10:00")
    _select(tab, "Person 0")
    count = store.undo_stack.count()
    with messages.use_responder(ScriptedResponder()) as answers:
        _choose(qtbot, tab, tab.response_menu, tab.accept_action)
    assert answers.errors and "later than now" in answers.errors[0]
    assert store.undo_stack.count() == count
    assert _events(sqlite_db, "Person 0")[-1][0] == _I.INVITED


def test_withdraw_takes_the_date_and_says_it_in_the_question(
    qtbot: Any, store: Store, sqlite_db: Any
) -> None:
    roundtable_id, _other = _world(sqlite_db)
    tab = InvitationsTab(store)
    _show(qtbot, tab)
    tab.set_roundtable(roundtable_id)
    _type_when(qtbot, tab.when_edit.edit, "5 sep 2023 16:45")
    _select(tab, "Person 5")
    responder = ScriptedResponder(
        texts=["Too little interest."], choices=["The host took the invitation back"]
    )
    with messages.use_responder(responder) as answers:
        _click(qtbot, tab, tab.withdraw_action)
    assert answers.asked[0] == (
        "text",
        "Why is the invitation withdrawn? (1 invitee)\n"
        "It is recorded as withdrawn on 5 Sep 2023 16:45 (Europe/Amsterdam).",
    )
    assert _events(sqlite_db, "Person 5")[-1] == (_I.WITHDRAWN, utc(2023, 9, 5, 14, 45), TODAY)


def test_mark_as_sent_asks_before_inviting_withdrawn_invitees_again(
    qtbot: Any, store: Store, sqlite_db: Any
) -> None:
    roundtable_id, _other = _world(sqlite_db)
    with sqlite_db.transaction() as s:
        for invitation in s.scalars(select(Invitation)):
            if invitation.invitee_name in ("Person 0", "Person 1"):
                invitations.withdraw(s, invitation, "No seat", by=Party.HOST)
    tab = InvitationsTab(store)
    _show(qtbot, tab)
    tab.set_roundtable(roundtable_id)
    _select(tab, "Person 0", "Person 1")
    count = store.undo_stack.count()

    with messages.use_responder(ScriptedResponder(confirms=[False])) as answers:
        _click(qtbot, tab, tab.sent_action)
    assert [kind for kind, _text in answers.asked] == ["confirm"]
    assert answers.asked[0][1].startswith("Invite 2 withdrawn invitees again?")
    assert "Person 0, Person 1" in answers.asked[0][1]
    assert store.undo_stack.count() == count
    assert _events(sqlite_db, "Person 0")[-1][0] == _I.WITHDRAWN

    with messages.use_responder(ScriptedResponder(confirms=[True])):
        _click(qtbot, tab, tab.sent_action)
    assert _events(sqlite_db, "Person 0")[-1][0] == _I.INVITED
    assert _events(sqlite_db, "Person 1")[-1][0] == _I.INVITED


def _when_modal(qtbot: Any, handle: Callable[[QWidget], None]) -> None:
    """Call ``handle`` with the next modal dialog, once it is shown."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, attempt)
            return
        handle(dialog)

    QTimer.singleShot(0, attempt)


def test_an_empty_withdrawal_reason_is_asked_again_saying_it_is_needed(
    qtbot: Any, store: Store, sqlite_db: Any
) -> None:
    roundtable_id, _other = _world(sqlite_db)
    tab = InvitationsTab(store)
    _show(qtbot, tab)
    tab.set_roundtable(roundtable_id)
    _select(tab, "Person 2")
    labels: list[str] = []

    def blank_then_ok(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        labels.append(dialog.labelText())
        (text,) = dialog.findChildren(QPlainTextEdit)
        qtbot.keyClicks(text, "   ")
        (buttons,) = dialog.findChildren(QDialogButtonBox)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        _when_modal(qtbot, escape)  # the next question
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    def escape(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        labels.append(dialog.labelText())
        (text,) = dialog.findChildren(QPlainTextEdit)
        qtbot.keyClick(text, Qt.Key.Key_Escape)

    _when_modal(qtbot, blank_then_ok)
    _click(qtbot, tab, tab.withdraw_action)
    assert labels == [
        "Why is the invitation withdrawn? (1 invitee)",
        "A reason is needed to withdraw an invitation.\n"
        "Why is the invitation withdrawn? (1 invitee)",
    ]
    assert _events(sqlite_db, "Person 2")[-1][0] == _I.INVITED
    assert store.undo_stack.count() == 0


def test_the_search_is_cleared_for_another_roundtable(
    qtbot: Any, store: Store, sqlite_db: Any
) -> None:
    roundtable_id, other_id = _world(sqlite_db)
    with sqlite_db.transaction() as s:
        other = s.get(Roundtable, other_id)
        assert other is not None
        for name in ("Person 0", "Person 1"):
            person = next(p for p in s.scalars(select(persons.Person)) if p.name == name)
            invitations.add_invitation(s, other, person=person)
    tab = InvitationsTab(store)
    _show(qtbot, tab)
    tab.set_roundtable(roundtable_id)
    qtbot.keyClicks(tab.table.search, "Person 4")
    assert [r.name for r in tab.table.visible_rows()] == ["Person 4"]

    tab.set_roundtable(other_id)
    assert tab.table.search.text() == ""
    with sqlite_db.session() as s:
        listed = sorted(
            i.invitee_name
            for i in s.scalars(select(Invitation).where(Invitation.roundtable_id == other_id))
        )
    assert sorted(r.name for r in tab.table.visible_rows()) == listed == ["Person 0", "Person 1"]


def test_the_overview_dates_a_step_back_and_shows_when_it_was_recorded(
    qtbot: Any, store: Store, sqlite_db: Any
) -> None:
    roundtable_id, _other = _world(sqlite_db)
    tab = OverviewTab(store)
    _show(qtbot, tab)
    tab.set_roundtable(roundtable_id)
    assert tab.when_edit.zone_label.text() == "Europe/Amsterdam"
    _type_when(qtbot, tab.when_edit.edit, "7 sep 2023 17:00")
    assert tab.held_button.isEnabled()
    qtbot.mouseClick(tab.held_button, Qt.MouseButton.LeftButton)
    with sqlite_db.session() as s:
        roundtable = s.get(Roundtable, roundtable_id)
        assert roundtable is not None and roundtable.status == RoundtableStatus.HELD
        held = s.scalars(
            select(RoundtableEvent).where(
                RoundtableEvent.roundtable_id == roundtable_id,
                RoundtableEvent.action == RoundtableAction.HELD,
            )
        ).one()
        assert (held.at, held.recorded_at) == (utc(2023, 9, 7, 15, 0), TODAY)
    # What happened last comes first.
    assert tab.history_model.index(0, 0).data() == "7 Sep 2023 17:00 (recorded 4 Dec 2026)"
    assert "Recorded: 4 Dec 2026 11:00" in tab.history_model.index(0, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_an_empty_cancellation_reason_is_asked_again(
    qtbot: Any, store: Store, sqlite_db: Any
) -> None:
    roundtable_id, _other = _world(sqlite_db)
    tab = OverviewTab(store)
    _show(qtbot, tab)
    tab.set_roundtable(roundtable_id)
    with messages.use_responder(ScriptedResponder(texts=["", None])) as answers:
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    assert answers.asked[1][1].startswith("A reason is needed to cancel a roundtable.")
    with sqlite_db.session() as s:
        roundtable = s.get(Roundtable, roundtable_id)
        assert roundtable is not None and roundtable.status == RoundtableStatus.SCHEDULED
