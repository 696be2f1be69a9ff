"""The Overview tab, driven as a user would: edit details, move through the lifecycle, undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from roundtable import i18n
from roundtable.demo import load_demo
from roundtable.enums import RoundtableStatus
from roundtable.meetings import lifecycle
from roundtable.people import organisations
from roundtable.storage.db import Database
from roundtable.storage.models import Organisation, Roundtable
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.overview_tab import OverviewTab
from roundtable_ui.store import Store

# Typing into a searchable combo opens its completer popup, which the offscreen
# platform comments on; that says nothing about our code.
offscreen_popup = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

SEPT_7_14H = datetime(2023, 9, 7, 14, 0)  # wall time in Amsterdam (CEST): 12:00 UTC
SEPT_7_16H = datetime(2023, 9, 7, 16, 0)


@pytest.fixture
def store(sqlite_db: Database) -> Store:
    return Store(sqlite_db)


@pytest.fixture
def draft_id(store: Store) -> int:
    def create(session):  # type: ignore[no-untyped-def]
        organisations.create_organisation(session, "TikTok")
        organisations.create_organisation(session, "Bits of Freedom")
        return lifecycle.create_roundtable(session, title="Project Clover roundtable").id

    return store.read(create)


@pytest.fixture
def tab(qtbot: QtBot, store: Store, draft_id: int) -> Iterator[OverviewTab]:
    tab = OverviewTab(store)
    qtbot.addWidget(tab)
    tab.set_roundtable(draft_id)
    yield tab


def stored(store: Store, roundtable_id: int) -> dict[str, object]:
    def read(session):  # type: ignore[no-untyped-def]
        rt = session.get(Roundtable, roundtable_id)
        return {
            "title": rt.title,
            "status": rt.status,
            "sequence": rt.sequence,
            "starts_at": rt.starts_at,
            "ends_at": rt.ends_at,
            "timezone": rt.timezone,
            "online_url": rt.online_url,
            "host": rt.host.name if rt.host else None,
            "cancellation_reason": rt.cancellation_reason,
            "history": [(e.action.value, e.reason) for e in rt.history],
        }

    return store.read(read)


def type_into(qtbot: QtBot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def set_times(tab: OverviewTab, start: datetime, end: datetime) -> None:
    tab.start_edit.set_wall_time(start)
    tab.end_edit.set_wall_time(end)


def history_cells(tab: OverviewTab, row: int) -> list[str]:
    model = tab.history_model
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_editing_the_title_saves_at_once_and_undoes(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    assert tab.title_edit.text() == "Project Clover roundtable"
    type_into(qtbot, tab.title_edit, "Project Clover: data flows to China")

    assert stored(store, draft_id)["title"] == "Project Clover: data flows to China"
    assert store.undo_stack.count() == 1
    assert store.undo_stack.undoText() == "Change title"
    assert history_cells(tab, 0)[2] == "Edited"

    store.undo_stack.undo()
    assert stored(store, draft_id)["title"] == "Project Clover roundtable"
    assert tab.title_edit.text() == "Project Clover roundtable"
    store.undo_stack.redo()
    assert stored(store, draft_id)["title"] == "Project Clover: data flows to China"
    assert tab.title_edit.text() == "Project Clover: data flows to China"

    # Finishing the field again without a change writes nothing.
    qtbot.keyClick(tab.title_edit, Qt.Key.Key_Return)
    assert store.undo_stack.count() == 1


def test_an_empty_title_is_refused_next_to_the_field(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    type_into(qtbot, tab.title_edit, "   ")
    assert "title" in tab.errors["title"].text().lower()
    assert not tab.errors["title"].isHidden()
    assert stored(store, draft_id)["title"] == "Project Clover roundtable"
    assert store.undo_stack.count() == 0


def test_an_invalid_online_link_shows_in_red_and_saves_nothing(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    type_into(qtbot, tab.online_edit, "meet.example.org/clover")
    label = tab.errors["online_url"]
    assert "https://" in label.text()
    assert not label.isHidden()
    assert "c0392b" in label.styleSheet()
    assert stored(store, draft_id)["online_url"] == ""
    assert store.undo_stack.count() == 0
    # What the user typed stays there to be fixed, even when another field saves meanwhile.
    type_into(qtbot, tab.venue_edit, "TikTok office, Amsterdam")
    assert tab.online_edit.text() == "meet.example.org/clover"

    type_into(qtbot, tab.online_edit, "https://meet.example.org/clover")
    assert label.isHidden()
    assert label.text() == ""
    assert stored(store, draft_id)["online_url"] == "https://meet.example.org/clover"


@offscreen_popup
def test_choosing_a_host_in_the_combo_saves_it(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    combo = tab.host_combo
    line_edit = combo.lineEdit()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, "tiktok")  # any case: the exact name is matched
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    assert stored(store, draft_id)["host"] == "TikTok"
    assert combo.currentText() == "TikTok"

    store.undo_stack.undo()
    assert stored(store, draft_id)["host"] is None
    assert combo.currentText() == "(no host)"

    # Text that names no organisation is offered as a new one; declined, it is put back.
    line_edit.selectAll()
    with messages.use_responder(ScriptedResponder(confirms=[False])) as responder:
        qtbot.keyClicks(line_edit, "Nobody Inc")
        # Said while typing, before anything is asked.
        assert not combo.hint.isHidden()
        assert combo.hint.text() == (
            "There is no organisation “Nobody Inc” yet: it will be added as a new one."
        )
        qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    assert responder.asked == [
        (
            "confirm",
            "There is no organisation called “Nobody Inc” yet. Add it, and make it the host?",
        )
    ]
    assert combo.currentText() == "(no host)"
    assert stored(store, draft_id)["host"] is None
    assert combo.hint.isHidden()


@offscreen_popup
def test_a_host_that_does_not_exist_is_added_as_one_undoable_step(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    line_edit = tab.host_combo.lineEdit()
    line_edit.selectAll()
    with messages.use_responder(ScriptedResponder(confirms=[True])) as responder:
        qtbot.keyClicks(line_edit, "Age Assurance Observatory")
        qtbot.keyClick(line_edit, Qt.Key.Key_Return)
        qtbot.keyClick(line_edit, Qt.Key.Key_Tab)  # leaving the field asks nothing again
    assert len(responder.asked) == 1
    assert stored(store, draft_id)["host"] == "Age Assurance Observatory"
    assert tab.host_combo.currentText() == "Age Assurance Observatory"
    assert store.undo_stack.undoText() == "Host: new organisation “Age Assurance Observatory”"

    store.undo_stack.undo()  # one step takes the host and the organisation away
    assert stored(store, draft_id)["host"] is None
    names = store.read(lambda s: [o.name for o in s.scalars(select(Organisation))])
    assert "Age Assurance Observatory" not in names
    store.undo_stack.redo()
    assert stored(store, draft_id)["host"] == "Age Assurance Observatory"


def test_the_calendar_sequence_is_told_in_words(
    tab: OverviewTab, store: Store, draft_id: int
) -> None:
    assert tab.sequence_label.text() == "No calendar updates yet"
    assert "Sequence" not in tab.sequence_label.toolTip()
    tab.set_roundtable(None)
    assert tab.sequence_label.text() == ""

    with store.database.transaction() as session:  # as two reschedules would leave it
        session.get(Roundtable, draft_id).sequence = 2
    tab.set_roundtable(draft_id)
    assert tab.sequence_label.text() == "Calendar update 2"


def test_the_whole_lifecycle_through_the_buttons(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    # A draft: Schedule and Cancel only.
    assert tab.status_badge.text() == "Draft"
    assert tab.schedule_button.isEnabled() and tab.cancel_button.isEnabled()
    assert not tab.reschedule_button.isEnabled()
    assert not tab.postpone_button.isEnabled()
    assert not tab.held_button.isEnabled()

    set_times(tab, SEPT_7_14H, SEPT_7_16H)
    qtbot.mouseClick(tab.schedule_button, Qt.MouseButton.LeftButton)
    rt = stored(store, draft_id)
    assert rt["status"] == RoundtableStatus.SCHEDULED
    assert rt["starts_at"] == datetime(2023, 9, 7, 12, 0, tzinfo=UTC)
    assert rt["ends_at"] == datetime(2023, 9, 7, 14, 0, tzinfo=UTC)
    assert rt["sequence"] == 0
    assert tab.status_badge.text() == "Scheduled"
    assert "#2e86de" in tab.status_badge.styleSheet()
    assert tab.sequence_label.text() == "No calendar updates yet"
    assert not tab.schedule_button.isEnabled()
    assert tab.reschedule_button.isEnabled() and tab.postpone_button.isEnabled()

    # Reschedule: moving the start moves the end along; the sequence rises.
    tab.start_edit.set_wall_time(datetime(2023, 9, 21, 14, 0))
    assert tab.end_edit.wall_time() == datetime(2023, 9, 21, 16, 0)
    assert "Reschedule" in tab.times_hint.text()
    qtbot.mouseClick(tab.reschedule_button, Qt.MouseButton.LeftButton)
    rt = stored(store, draft_id)
    assert rt["starts_at"] == datetime(2023, 9, 21, 12, 0, tzinfo=UTC)
    assert rt["sequence"] == 1
    assert tab.sequence_label.text() == "Calendar update 1"
    newest = history_cells(tab, 0)
    assert newest[1] == "tester"
    assert newest[2] == "Rescheduled"
    assert "21 Sep 2023" in newest[3]
    assert tab.times_hint.isHidden()

    # Postpone with a reason.
    with messages.use_responder(ScriptedResponder(texts=["the minister is unavailable"])):
        qtbot.mouseClick(tab.postpone_button, Qt.MouseButton.LeftButton)
    rt = stored(store, draft_id)
    assert rt["status"] == RoundtableStatus.POSTPONED
    assert rt["sequence"] == 2
    assert rt["history"][-1] == ("postponed", "the minister is unavailable")
    assert history_cells(tab, 0)[4] == "the minister is unavailable"

    # Schedule again from postponed, then cancel.
    set_times(tab, datetime(2023, 10, 5, 14, 0), datetime(2023, 10, 5, 16, 0))
    qtbot.mouseClick(tab.schedule_button, Qt.MouseButton.LeftButton)
    assert stored(store, draft_id)["status"] == RoundtableStatus.SCHEDULED
    assert stored(store, draft_id)["sequence"] == 3

    # An empty reason, or no answer, cancels nothing.
    for answer in ("   ", None):
        with messages.use_responder(ScriptedResponder(texts=[answer])) as responder:
            qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
        assert responder.asked and responder.asked[0][0] == "text"
        assert stored(store, draft_id)["status"] == RoundtableStatus.SCHEDULED
    commands = store.undo_stack.count()

    with messages.use_responder(ScriptedResponder(texts=["lack of enthusiasm"])):
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    rt = stored(store, draft_id)
    assert rt["status"] == RoundtableStatus.CANCELLED
    assert rt["cancellation_reason"] == "lack of enthusiasm"
    assert rt["history"][-1] == ("cancelled", "lack of enthusiasm")
    assert store.undo_stack.count() == commands + 1
    assert tab.status_badge.text() == "Cancelled"
    assert all(not b.isEnabled() for b in tab._step_buttons.values())
    assert not tab.start_edit.isEnabled()

    # Undo of the cancellation: scheduled again, the history row gone; the sequence
    # only rises (calendars that saw the cancellation must see it withdrawn).
    store.undo_stack.undo()
    rt = stored(store, draft_id)
    assert rt["status"] == RoundtableStatus.SCHEDULED
    assert rt["cancellation_reason"] == ""
    assert rt["history"][-1][0] == "scheduled"
    assert rt["sequence"] == 5
    assert tab.status_badge.text() == "Scheduled"
    assert tab.reschedule_button.isEnabled()

    store.undo_stack.redo()
    assert stored(store, draft_id)["status"] == RoundtableStatus.CANCELLED
    assert stored(store, draft_id)["cancellation_reason"] == "lack of enthusiasm"


def test_undo_of_schedule_returns_to_draft(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    set_times(tab, SEPT_7_14H, SEPT_7_16H)
    assert "Schedule" in tab.times_hint.text()
    assert tab.schedule()
    store.undo_stack.undo()
    rt = stored(store, draft_id)
    assert rt["status"] == RoundtableStatus.DRAFT
    assert rt["starts_at"] is None
    assert [action for action, _ in rt["history"]] == ["created"]
    assert tab.schedule_button.isEnabled()


def test_a_refused_move_shows_next_to_the_times(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    set_times(tab, SEPT_7_16H, SEPT_7_14H)
    with messages.use_responder(ScriptedResponder()) as responder:
        qtbot.mouseClick(tab.schedule_button, Qt.MouseButton.LeftButton)
    assert responder.errors == []
    assert tab.errors["ends_at"].text() == "The end must be after the start."
    assert stored(store, draft_id)["status"] == RoundtableStatus.DRAFT
    assert store.undo_stack.count() == 0


@offscreen_popup
def test_a_time_zone_change_keeps_the_moment(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    set_times(tab, SEPT_7_14H, SEPT_7_16H)
    assert tab.schedule()

    line_edit = tab.zone_combo.lineEdit()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, "UTC")
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    assert tab.zone_combo.zone() == "UTC"
    # 14:00 in Amsterdam in September (CEST, UTC+2) is 12:00 UTC.
    assert tab.start_edit.wall_time() == datetime(2023, 9, 7, 12, 0)
    assert tab.end_edit.wall_time() == datetime(2023, 9, 7, 14, 0)

    qtbot.mouseClick(tab.reschedule_button, Qt.MouseButton.LeftButton)
    rt = stored(store, draft_id)
    assert rt["timezone"] == "UTC"
    assert rt["starts_at"] == datetime(2023, 9, 7, 12, 0, tzinfo=UTC)
    assert rt["sequence"] == 1

    store.undo_stack.undo()
    assert stored(store, draft_id)["timezone"] == "Europe/Amsterdam"
    assert tab.zone_combo.zone() == "Europe/Amsterdam"
    assert tab.start_edit.wall_time() == SEPT_7_14H


def test_the_time_zone_picker_lists_amsterdam_first(tab: OverviewTab) -> None:
    combo = tab.zone_combo
    assert combo.itemText(0) == "Europe/Amsterdam"
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "America/New_York" in names and "UTC" in names
    assert "localtime" not in names


def test_a_held_demo_roundtable_offers_no_moves(qtbot: QtBot, store: Store) -> None:
    def demo(session):  # type: ignore[no-untyped-def]
        load_demo(session)
        return lifecycle.get_roundtable(
            session, "project-clover-2023-09-07@demo.roundtable.local"
        ).id

    tab = OverviewTab(store)
    qtbot.addWidget(tab)
    tab.set_roundtable(store.read(demo))

    assert tab.status_badge.text() == "Held"
    assert tab.title_edit.text() == "TikTok roundtable on Project Clover"
    assert tab.host_combo.currentText() == "TikTok"
    assert all(not button.isEnabled() for button in tab._step_buttons.values())
    assert not tab.start_edit.isEnabled() and not tab.zone_combo.isEnabled()
    # Shown in the roundtable's zone: 12:00 UTC is 14:00 in Amsterdam.
    assert tab.start_edit.wall_time() == SEPT_7_14H
    whats = [tab.history_model.index(r, 2).data() for r in range(tab.history_model.rowCount())]
    assert whats[0] == "Marked as held"
    assert whats[-1] == "Created"
    assert "2023" in tab.history_model.index(0, 0).data()


def test_mark_held_only_once_started(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    set_times(tab, SEPT_7_14H, SEPT_7_16H)  # long past
    assert tab.schedule()
    assert tab.held_button.isEnabled()
    qtbot.mouseClick(tab.held_button, Qt.MouseButton.LeftButton)
    assert stored(store, draft_id)["status"] == RoundtableStatus.HELD
    assert stored(store, draft_id)["sequence"] == 0
    store.undo_stack.undo()
    assert stored(store, draft_id)["status"] == RoundtableStatus.SCHEDULED

    tab.start_edit.set_wall_time(datetime(2999, 9, 7, 14, 0))
    assert tab.reschedule()
    assert not tab.held_button.isEnabled()


def test_no_roundtable_means_an_empty_disabled_form(qtbot: QtBot, store: Store) -> None:
    tab = OverviewTab(store)
    qtbot.addWidget(tab)
    assert not tab.isEnabled()
    assert tab.title_edit.text() == ""
    assert tab.history_model.rowCount() == 0
    assert not tab.save_detail("title", "Anything")


@offscreen_popup
def test_the_description_is_saved_when_the_field_loses_focus(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    tab.show()
    with qtbot.waitActive(tab):
        tab.activateWindow()
    tab.description_edit.setFocus()
    assert tab.description_edit.hasFocus()
    qtbot.keyClicks(tab.description_edit, "Invitation-only; Chatham House rule.")
    tab.title_edit.setFocus()
    qtbot.waitUntil(lambda: store.undo_stack.count() == 1)

    def description(session):  # type: ignore[no-untyped-def]
        return session.get(Roundtable, draft_id).description

    assert store.read(description) == "Invitation-only; Chatham House rule."
    assert store.undo_stack.undoText() == "Change description"
    store.undo_stack.undo()
    assert store.read(description) == ""
    assert tab.description_edit.toPlainText() == ""


def test_the_public_listing_checkbox_saves_on_click(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    qtbot.mouseClick(
        tab.public_check, Qt.MouseButton.LeftButton, pos=tab.public_check.rect().center()
    )
    assert store.read(lambda s: s.get(Roundtable, draft_id).is_public) is True
    store.undo_stack.undo()
    assert store.read(lambda s: s.get(Roundtable, draft_id).is_public) is False
    assert not tab.public_check.isChecked()


def test_each_step_undoes_on_its_own_back_to_the_draft(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    set_times(tab, datetime(2999, 9, 7, 14, 0), datetime(2999, 9, 7, 16, 0))
    qtbot.mouseClick(tab.schedule_button, Qt.MouseButton.LeftButton)
    tab.start_edit.set_wall_time(datetime(2999, 9, 21, 14, 0))
    qtbot.mouseClick(tab.reschedule_button, Qt.MouseButton.LeftButton)
    with messages.use_responder(ScriptedResponder(texts=["the minister is unavailable"])):
        qtbot.mouseClick(tab.postpone_button, Qt.MouseButton.LeftButton)
    assert stored(store, draft_id)["sequence"] == 2
    assert [store.undo_stack.text(i) for i in range(store.undo_stack.count())] == [
        "Schedule roundtable",
        "Reschedule roundtable",
        "Postpone roundtable",
    ]

    sequences = []
    for expected in ("rescheduled", "scheduled", "created"):
        store.undo_stack.undo()
        rt = stored(store, draft_id)
        assert rt["history"][-1][0] == expected
        sequences.append(rt["sequence"])
    # Back to a draft without times; the SEQUENCE never went down on the way.
    assert rt["status"] == RoundtableStatus.DRAFT and rt["starts_at"] is None
    assert sequences == sorted(sequences) and sequences[0] > 2
    assert tab.status_badge.text() == "Draft"
    assert tab.schedule_button.isEnabled() and not tab.reschedule_button.isEnabled()

    for _ in range(3):
        store.undo_stack.redo()
    rt = stored(store, draft_id)
    assert rt["status"] == RoundtableStatus.POSTPONED
    assert rt["history"][-1] == ("postponed", "the minister is unavailable")
    assert tab.status_badge.text() == "Postponed"


def test_a_refused_step_is_explained_and_nothing_is_pushed(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    # Someone at another desk cancelled it while this tab still offered Schedule.
    store.read(lambda s: lifecycle.cancel(s, s.get(Roundtable, draft_id), "Called off"))
    set_times(tab, SEPT_7_14H, SEPT_7_16H)
    with messages.use_responder(ScriptedResponder()) as responder:
        qtbot.mouseClick(tab.schedule_button, Qt.MouseButton.LeftButton)
    [error] = responder.errors
    assert error.startswith("Cannot schedule “Project Clover roundtable”: it was cancelled on")
    assert store.undo_stack.count() == 0
    assert stored(store, draft_id)["status"] == RoundtableStatus.CANCELLED


@offscreen_popup
def test_a_host_deleted_meanwhile_is_refused_next_to_the_host(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    store.read(
        lambda s: organisations.delete_organisation(
            s, organisations.get_organisation(s, "Bits of Freedom")
        )
    )
    line_edit = tab.host_combo.lineEdit()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, "Bits of Freedom")  # still listed: nothing refreshed the tab
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    assert "no longer exists" in tab.errors["host"].text()
    assert not tab.errors["host"].isHidden()
    assert stored(store, draft_id)["host"] is None
    assert store.undo_stack.count() == 0


def test_the_undo_label_is_the_core_s_in_dutch(
    qtbot: QtBot, tab: OverviewTab, store: Store, draft_id: int
) -> None:
    i18n.set_language("nl")
    type_into(qtbot, tab.venue_edit, "Nieuwspoort, Den Haag")
    assert store.undo_stack.undoText() == "Locatie wijzigen"
    set_times(tab, SEPT_7_14H, SEPT_7_16H)
    qtbot.mouseClick(tab.schedule_button, Qt.MouseButton.LeftButton)
    assert store.undo_stack.undoText() == "Rondetafelgesprek inplannen"
