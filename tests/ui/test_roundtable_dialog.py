"""The New roundtable dialog, filled in as a user would and accepted without exec()."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from roundtable.enums import RoundtableStatus
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import Organisation, Roundtable
from roundtable_ui import messages
from roundtable_ui.dialogs import roundtable_dialog
from roundtable_ui.dialogs.roundtable_dialog import (
    RoundtableDialog,
    new_roundtable,
    next_monday_afternoon,
)
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.store import Store

# Popups (a combo's completer) and shown dialogs make the offscreen platform say it
# cannot raise windows or grab the keyboard; that says nothing about our code.
offscreen_popup = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture
def store(sqlite_db: Database) -> Store:
    store = Store(sqlite_db)
    store.read(lambda s: organisations.create_organisation(s, "TikTok").id)
    return store


@pytest.fixture
def dialog(qtbot: QtBot, store: Store) -> RoundtableDialog:
    dialog = RoundtableDialog(store)
    qtbot.addWidget(dialog)
    return dialog


def roundtables(store: Store) -> list[dict[str, object]]:
    def read(session):  # type: ignore[no-untyped-def]
        return [
            {
                "id": rt.id,
                "uid": rt.uid,
                "title": rt.title,
                "topic": rt.topic,
                "host": rt.host.name if rt.host else None,
                "status": rt.status,
                "starts_at": rt.starts_at,
                "ends_at": rt.ends_at,
                "timezone": rt.timezone,
                "online_url": rt.online_url,
            }
            for rt in session.scalars(select(Roundtable).order_by(Roundtable.id))
        ]

    return store.read(read)


def test_defaults_are_next_monday_afternoon_in_amsterdam(
    dialog: RoundtableDialog, clock: datetime
) -> None:
    # The frozen clock says Sunday 29 Nov 2026: next Monday is the 30th.
    assert next_monday_afternoon() == (datetime(2026, 11, 30, 14, 0), datetime(2026, 11, 30, 16, 0))
    # On a Monday the next Monday is a week later, not today.
    from roundtable import context

    with context.frozen_clock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC)):
        assert next_monday_afternoon()[0] == datetime(2026, 12, 7, 14, 0)
    assert dialog.zone_combo.zone() == "Europe/Amsterdam"
    assert dialog.schedule_check.isChecked() is False


@offscreen_popup
def test_creating_a_draft_through_the_dialog(qtbot: QtBot, store: Store, clock: datetime) -> None:
    dialog = RoundtableDialog(store)  # made under the frozen clock: its default times follow it
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "Project Clover roundtable")
    qtbot.keyClicks(dialog.topic_edit, "Data flows to China")
    host = dialog.host_combo.lineEdit()
    host.selectAll()
    qtbot.keyClicks(host, "TikTok")
    qtbot.keyClick(host, Qt.Key.Key_Return)
    assert dialog.host_combo.currentText() == "TikTok"

    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [rt] = roundtables(store)
    assert dialog.created_id == rt["id"]
    assert rt["title"] == "Project Clover roundtable"
    assert rt["topic"] == "Data flows to China"
    assert rt["host"] == "TikTok"
    assert rt["status"] == RoundtableStatus.DRAFT
    # Monday 30 Nov 2026 14:00–16:00 in Amsterdam (CET, UTC+1).
    assert rt["starts_at"] == datetime(2026, 11, 30, 13, 0, tzinfo=UTC)
    assert rt["ends_at"] == datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    assert rt["timezone"] == "Europe/Amsterdam"
    assert store.undo_stack.undoText() == "New roundtable “Project Clover roundtable”"

    store.undo_stack.undo()
    assert roundtables(store) == []
    store.undo_stack.redo()
    [again] = roundtables(store)
    assert again["title"] == "Project Clover roundtable"
    assert again["uid"] == rt["uid"]  # the same calendar event, made again


def test_schedule_now_converts_amsterdam_time_to_utc(
    dialog: RoundtableDialog, store: Store
) -> None:
    dialog.title_edit.setText("TikTok roundtable on Project Clover")
    dialog.start_edit.set_wall_time(datetime(2023, 9, 7, 14, 0))
    assert dialog.end_edit.wall_time() == datetime(2023, 9, 7, 16, 0)  # the end follows
    dialog.schedule_check.setChecked(True)

    roundtable_id = dialog.create_roundtable()
    [rt] = roundtables(store)
    assert rt["id"] == roundtable_id
    assert rt["status"] == RoundtableStatus.SCHEDULED
    # 14:00 in Amsterdam in September (CEST) is 12:00 UTC.
    assert rt["starts_at"] == datetime(2023, 9, 7, 12, 0, tzinfo=UTC)
    assert rt["ends_at"] == datetime(2023, 9, 7, 14, 0, tzinfo=UTC)

    # Undo takes the schedule back and deletes the draft; redo makes both again.
    store.undo_stack.undo()
    assert roundtables(store) == []
    store.undo_stack.redo()
    [again] = roundtables(store)
    assert again["status"] == RoundtableStatus.SCHEDULED


@offscreen_popup
def test_another_zone_reads_the_typed_time_there(
    qtbot: QtBot, dialog: RoundtableDialog, store: Store
) -> None:
    dialog.title_edit.setText("Hearing in London")
    dialog.start_edit.set_wall_time(datetime(2023, 9, 7, 14, 0))
    zone = dialog.zone_combo.lineEdit()
    zone.selectAll()
    qtbot.keyClicks(zone, "europe/london")
    qtbot.keyClick(zone, Qt.Key.Key_Return)
    assert dialog.zone_combo.zone() == "Europe/London"
    assert dialog.start_edit.wall_time() == datetime(2023, 9, 7, 14, 0)
    assert dialog.create_roundtable() is not None
    [rt] = roundtables(store)
    assert rt["timezone"] == "Europe/London"
    assert rt["starts_at"] == datetime(2023, 9, 7, 13, 0, tzinfo=UTC)  # BST, UTC+1


@offscreen_popup
def test_a_missing_title_shows_in_red_and_the_dialog_stays(
    qtbot: QtBot, dialog: RoundtableDialog, store: Store
) -> None:
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    label = dialog.errors["title"]
    assert label.isVisible()
    assert "title" in label.text().lower()
    assert roundtables(store) == []
    assert store.undo_stack.count() == 0

    # Fixing it clears the message; the next error is shown next to its own field.
    dialog.title_edit.setText("Project Clover roundtable")
    dialog.online_edit.setText("zoom link")
    dialog.accept()
    assert label.isHidden()
    assert "https://" in dialog.errors["online_url"].text()
    assert roundtables(store) == []

    dialog.online_edit.setText("https://meet.example.org/clover")
    dialog.accept()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [rt["online_url"] for rt in roundtables(store)] == ["https://meet.example.org/clover"]


def test_an_end_before_the_start_is_refused_next_to_the_end(
    dialog: RoundtableDialog, store: Store
) -> None:
    dialog.title_edit.setText("Backwards")
    dialog.end_edit.set_wall_time(datetime(2020, 1, 1, 9, 0))
    assert dialog.create_roundtable() is None
    assert dialog.errors["ends_at"].text() == "The end must be after the start."
    assert roundtables(store) == []


def test_new_roundtable_returns_the_id_or_none(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_and_accept(self: RoundtableDialog) -> int:
        self.title_edit.setText("From the Roundtables page")
        self.accept()
        return self.result()

    monkeypatch.setattr(roundtable_dialog.RoundtableDialog, "exec", fill_and_accept)
    roundtable_id = new_roundtable(store, None)
    assert [rt["id"] for rt in roundtables(store)] == [roundtable_id]

    monkeypatch.setattr(
        roundtable_dialog.RoundtableDialog, "exec", lambda self: QDialog.DialogCode.Rejected
    )
    assert new_roundtable(store, None) is None
    assert len(roundtables(store)) == 1


@offscreen_popup
def test_a_host_deleted_while_the_dialog_was_open_shows_by_the_host(
    qtbot: QtBot, dialog: RoundtableDialog, store: Store
) -> None:
    qtbot.keyClicks(dialog.title_edit, "Project Clover roundtable")
    host = dialog.host_combo.lineEdit()
    host.selectAll()
    qtbot.keyClicks(host, "TikTok")
    qtbot.keyClick(host, Qt.Key.Key_Return)
    store.read(
        lambda s: organisations.delete_organisation(s, organisations.get_organisation(s, "TikTok"))
    )
    assert dialog.create_roundtable() is None
    assert "no longer exists" in dialog.errors["host"].text()
    assert dialog.general_error.isHidden()
    assert roundtables(store) == []
    assert store.undo_stack.count() == 0


def test_the_undo_label_names_the_new_roundtable_in_dutch(
    dialog: RoundtableDialog, store: Store
) -> None:
    from roundtable import i18n

    i18n.set_language("nl")
    dialog.title_edit.setText("  Leeftijdscontrole ")
    assert dialog.create_roundtable() is not None
    assert store.undo_stack.undoText() == "Nieuw rondetafelgesprek “Leeftijdscontrole”"


def test_a_refused_title_message_goes_once_a_title_is_typed(
    qtbot: QtBot, dialog: RoundtableDialog, store: Store
) -> None:
    dialog.show()
    dialog.title_edit.setFocus()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Create, with no title
    label = dialog.errors["title"]
    assert label.isVisibleTo(dialog) and label.text()
    assert roundtables(store) == []
    qtbot.keyClicks(dialog.title_edit, "Fixed")
    assert not label.isVisibleTo(dialog)
    # The end before the start: the message goes when either time is edited.
    dialog.end_edit.setFocus()
    dialog.end_edit.selectAll()
    qtbot.keyClicks(dialog.end_edit, "1-1-2020 9:00")
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Return)
    shown = [n for n in ("starts_at", "ends_at") if dialog.errors[n].isVisibleTo(dialog)]
    assert shown and roundtables(store) == []
    dialog.end_edit.setFocus()
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_PageUp)
    assert not any(dialog.errors[n].isVisibleTo(dialog) for n in ("starts_at", "ends_at"))


def _people_and_organisations(store: Store) -> tuple[list[str], dict[str, str | None]]:
    def read(session):  # type: ignore[no-untyped-def]
        names = [o.name for o in session.scalars(select(Organisation).order_by(Organisation.id))]
        organisers = {
            rt.title: rt.organiser.name if rt.organiser else None
            for rt in session.scalars(select(Roundtable))
        }
        return names, organisers

    return store.read(read)


def _click_create(qtbot: QtBot, dialog: RoundtableDialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == "Create"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@offscreen_popup
def test_the_organiser_is_chosen_in_the_new_roundtable_dialog(
    qtbot: QtBot, store: Store, clock: datetime
) -> None:
    def create(session):  # type: ignore[no-untyped-def]
        civic = organisations.create_organisation(session, "Civic Alliance", is_own=True)
        persons.create_person(
            session, "Rosa Organiser", email="rosa@civic.example", organisation=civic
        )

    store.read(create)
    dialog = RoundtableDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Platform accountability")
    organiser = dialog.organiser_combo.lineEdit()
    organiser.selectAll()
    qtbot.keyClicks(organiser, "Rosa Organiser (Civic Alliance)")
    qtbot.keyClick(organiser, Qt.Key.Key_Return)
    _click_create(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    _names, organisers = _people_and_organisations(store)
    assert organisers == {"Platform accountability": "Rosa Organiser"}


@offscreen_popup
def test_a_new_host_is_asked_about_and_added_with_the_roundtable_in_one_undo(
    qtbot: QtBot, store: Store, clock: datetime
) -> None:
    dialog = RoundtableDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Age checks")
    host = dialog.host_combo.lineEdit()
    host.selectAll()
    qtbot.keyClicks(host, "Age Assurance Observatory")
    assert dialog.host_combo.hint.isVisible()
    assert "Age Assurance Observatory" in dialog.host_combo.hint.text()

    # "Back": nothing is made, the dialog stays with the name still typed.
    with messages.use_responder(ScriptedResponder(confirms=[False])) as responder:
        _click_create(qtbot, dialog)
    assert responder.asked == [
        (
            "confirm",
            "There is no organisation called “Age Assurance Observatory” yet. "
            "Add it, and make it the host?",
        )
    ]
    assert dialog.isVisible() and roundtables(store) == []
    assert dialog.host_combo.currentText() == "Age Assurance Observatory"

    with messages.use_responder(ScriptedResponder(confirms=[True])):
        _click_create(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [rt] = roundtables(store)
    assert rt["host"] == "Age Assurance Observatory"
    names, _organisers = _people_and_organisations(store)
    assert names == ["TikTok", "Age Assurance Observatory"]

    store.undo_stack.undo()  # the roundtable and the organisation go together
    assert roundtables(store) == []
    assert _people_and_organisations(store)[0] == ["TikTok"]
    store.undo_stack.redo()
    assert roundtables(store)[0]["host"] == "Age Assurance Observatory"


@offscreen_popup
def test_a_half_typed_organiser_is_completed_or_refused_never_dropped(
    qtbot: QtBot, store: Store, clock: datetime
) -> None:
    """Found walking the story: "Lotte Ba" + Create made a roundtable with no organiser."""

    def create(session):  # type: ignore[no-untyped-def]
        civic = organisations.create_organisation(session, "Civic Alliance", is_own=True)
        for name, email in (("Lotte Bakker", "lotte@civic.example"), ("Lotte Berg", "lb@x.org")):
            persons.create_person(session, name, email=email, organisation=civic)

    store.read(create)
    dialog = RoundtableDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Platform accountability")
    organiser = dialog.organiser_combo.lineEdit()

    # Two people match "Lotte": Create refuses and says so, nothing is made.
    organiser.setFocus()
    organiser.selectAll()
    qtbot.keyClicks(organiser, "Lotte")
    _click_create(qtbot, dialog)
    label = dialog.errors["organiser"]
    assert label.isVisibleTo(dialog) and "“Lotte”" in label.text()
    assert dialog.isVisible() and roundtables(store) == []

    # One person matches "Lotte Ba": it is completed to her.
    organiser.setFocus()
    organiser.selectAll()
    qtbot.keyClicks(organiser, "Lotte Ba")
    assert not label.isVisibleTo(dialog)  # the message goes once the field is edited
    _click_create(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _people_and_organisations(store)[1] == {"Platform accountability": "Lotte Bakker"}
