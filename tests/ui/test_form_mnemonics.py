"""A form label's Alt+letter takes the keyboard to its field, in every form whose field
sits in a cell with its error label (the new-roundtable dialog, the organisation and
person dialogs, the tabs' "When it happened")."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from sqlalchemy import select

from roundtable import context
from roundtable.enums import InvitationStatus, OrganisationKind
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.models import Invitation, InvitationEvent, Organisation, Roundtable
from roundtable_ui.dialogs.organisation_dialog import OrganisationDialog
from roundtable_ui.dialogs.roundtable_dialog import RoundtableDialog
from roundtable_ui.pages.invitations_tab import InvitationsTab
from roundtable_ui.store import Store

ALT = Qt.KeyboardModifier.AltModifier


def _show(qtbot: Any, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitActive(widget):
        widget.activateWindow()


def _alt(qtbot: Any, letter: Qt.Key) -> QWidget:
    """Alt+letter pressed where the focus is; the widget that has the focus afterwards."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, letter, ALT)
    after = QApplication.focusWidget()
    assert after is not None
    return after


def test_alt_letters_reach_the_new_roundtable_fields(qtbot: Any, sqlite_db: Any) -> None:
    store = Store(sqlite_db)
    dialog = RoundtableDialog(store)
    _show(qtbot, dialog)
    qtbot.keyClicks(QApplication.focusWidget(), "Project Clover roundtable")
    assert _alt(qtbot, Qt.Key.Key_O) is dialog.topic_edit  # T&opic
    qtbot.keyClicks(dialog.topic_edit, "EU user data")
    assert _alt(qtbot, Qt.Key.Key_V) is dialog.venue_edit  # &Venue
    qtbot.keyClicks(dialog.venue_edit, "TikTok office, Amsterdam")
    assert _alt(qtbot, Qt.Key.Key_L) is dialog.online_edit  # Online &link
    assert _alt(qtbot, Qt.Key.Key_T) is dialog.title_edit  # &Title
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    with sqlite_db.session() as s:
        (rt,) = s.scalars(select(Roundtable))
        assert (rt.topic, rt.venue) == ("EU user data", "TikTok office, Amsterdam")


def test_alt_letters_reach_the_organisation_fields(qtbot: Any, sqlite_db: Any) -> None:
    store = Store(sqlite_db)
    org_id = store.read(lambda s: organisations.create_organisation(s, "Privacy First").id)
    dialog = OrganisationDialog(store, org_id)
    _show(qtbot, dialog)
    kind = _alt(qtbot, Qt.Key.Key_K)  # &Kind
    assert kind is dialog.kind_combo
    qtbot.keyClick(kind, Qt.Key.Key_Home)  # NGO, the first kind
    assert _alt(qtbot, Qt.Key.Key_E) is dialog.email_edit  # &E-mail
    qtbot.keyClicks(dialog.email_edit, "info@privacyfirst.example")
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Return)
    with sqlite_db.session() as s:
        org = s.get(Organisation, org_id)
        assert org is not None
        assert (org.kind, org.email) == (OrganisationKind.NGO, "info@privacyfirst.example")


def test_alt_letter_reaches_when_it_happened(qtbot: Any, sqlite_db: Any) -> None:
    with context.frozen_clock(datetime(2026, 12, 4, 10, 0, tzinfo=UTC)):
        with sqlite_db.transaction() as s:
            rt = lifecycle.create_roundtable(s, title="Project Clover")
            lifecycle.schedule(s, rt, datetime(2023, 9, 7, 14, 0), datetime(2023, 9, 7, 16, 0))
            person = persons.create_person(s, "Anna de Wit", email="anna@example.org")
            invitations.add_invitation(s, rt, person=person)
            roundtable_id = int(rt.id)
        store = Store(sqlite_db)
        tab = InvitationsTab(store)
        _show(qtbot, tab)
        tab.set_roundtable(roundtable_id)
        tab.table.view.setFocus()
        assert tab.table.select_where(lambda r: r.name == "Anna de Wit") == 1
        field = _alt(qtbot, Qt.Key.Key_A)  # When it h&appened
        assert field is tab.when_edit.edit or tab.when_edit.edit.isAncestorOf(field)
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, "15-08-2023 10:00")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        tab.table.view.setFocus()
        (button,) = [
            b
            for b in tab.findChildren(QWidget)
            if getattr(b, "text", lambda: "")() == "Mark as sent"
        ]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        with sqlite_db.session() as s:
            (invitation,) = s.scalars(select(Invitation))
            assert invitation.status is InvitationStatus.INVITED
            # 10:00 in Amsterdam in summer is 08:00 UTC.
            last = s.scalars(select(InvitationEvent).order_by(InvitationEvent.id.desc())).first()
            assert last is not None
            assert last.at == datetime(2023, 8, 15, 8, 0, tzinfo=UTC)
        store.undo_stack.clear()
