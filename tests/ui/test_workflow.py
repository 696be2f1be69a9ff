"""A coordinator's whole afternoon in the main window, checked against the database.

Create a roundtable, invite 40 people through the picker, record answers,
withdraw one invitation with a reason, cancel the roundtable, add and reorder
questions, write minutes; then undo everything with Ctrl+Z and redo it with
Ctrl+Shift+Z.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from roundtable.enums import InvitationStatus, Party, RoundtableStatus
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import AgendaItem, Invitation, InvitationEvent, Question, Roundtable
from roundtable_ui import messages
from roundtable_ui.dialogs.roundtable_dialog import RoundtableDialog
from roundtable_ui.main_window import MainWindow
from roundtable_ui.messages import ScriptedResponder

REASON = "cancelled two days before, lack of enthusiasm"


def _state(window: MainWindow) -> dict[str, Any]:
    """What the database holds, in a form easy to compare."""
    assert window.store is not None

    def read(s: Any) -> dict[str, Any]:
        roundtables = s.scalars(select(Roundtable)).all()
        statuses = s.execute(
            select(Invitation.status, func.count()).group_by(Invitation.status)
        ).all()
        return {
            "roundtables": [(r.title, r.status, r.cancellation_reason) for r in roundtables],
            "invitations": {status.value: n for status, n in statuses},
            "questions": list(s.scalars(select(Question.text).order_by(Question.position))),
            "agenda": list(s.scalars(select(AgendaItem.title))),
        }

    return window.store.read(read)


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database) -> MainWindow:
    with sqlite_db.transaction() as session:
        alliance = organisations.create_organisation(session, "Digital Alliance North")
        for n in range(60):
            persons.create_person(
                session,
                f"Alliance member {n:02d}" if n < 40 else f"Someone else {n:02d}",
                email=f"member{n:02d}@alliance.example"
                if n < 40
                else f"p{n:02d}@elsewhere.example",
                organisation=alliance if n < 40 else None,
            )
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(sqlite_db)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_roundtable_from_creation_to_cancellation_and_back(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1. Ctrl+2, then Ctrl+N: the new-roundtable dialog, filled in as a user would.
    def fill_and_accept(dialog: RoundtableDialog) -> int:
        qtbot.keyClicks(dialog.title_edit, "Age verification roundtable")
        dialog.schedule_check.setChecked(True)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(RoundtableDialog, "exec", fill_and_accept)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page: Any = window.page("roundtables")
    assert _state(window)["roundtables"] == [
        ("Age verification roundtable", RoundtableStatus.SCHEDULED, "")
    ]
    assert page.title_label.text() == "Age verification roundtable"

    # 2. Forty invitees through the picker: search, Ctrl+Shift+A, mark as sent, Enter.
    page.tabs.setCurrentWidget(page.invitations)
    page.invitations.add_invitees()
    picker = page.invitations.picker
    qtbot.waitExposed(picker)
    qtbot.keyClicks(picker.search, "alliance member")
    qtbot.keyClick(
        picker.search,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    picker.mark_sent.setChecked(True)
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert _state(window)["invitations"] == {"invited": 40}
    table = page.invitations.table
    assert len(table.rows()) == 40

    # 3. Ten answers at once.
    first_ten = {f"Alliance member {n:02d}" for n in range(10)}
    assert table.select_where(lambda r: r.name in first_ten) == 10
    page.invitations.record_response(InvitationStatus.ACCEPTED)
    assert _state(window)["invitations"] == {"accepted": 10, "invited": 30}

    # 4. One invitation withdrawn by the host, with the reason.
    table.select_where(lambda r: r.name == "Alliance member 03")
    answers = ScriptedResponder(texts=[REASON], choices=["The host took the invitation back"])
    with messages.use_responder(answers):
        page.invitations.withdraw()
    assert _state(window)["invitations"] == {"accepted": 9, "invited": 30, "withdrawn": 1}
    last = window.store.read(  # type: ignore[union-attr]
        lambda s: s.scalars(select(InvitationEvent).order_by(InvitationEvent.id.desc())).first()
    )
    assert (last.to_status, last.reason, last.party) == (
        InvitationStatus.WITHDRAWN,
        REASON,
        Party.HOST,
    )

    # 5. The roundtable cancelled, with a reason.
    page.tabs.setCurrentWidget(page.overview)
    with messages.use_responder(ScriptedResponder(texts=["Too few acceptances"])):
        page.overview.cancel()
    assert _state(window)["roundtables"] == [
        ("Age verification roundtable", RoundtableStatus.CANCELLED, "Too few acceptances")
    ]

    # 6. Two questions, the second moved to the top.
    page.tabs.setCurrentWidget(page.questions)
    for text in ("Who checks the age checks?", "Which data is kept, and for how long?"):
        dialog = page.questions.add_question()
        dialog.text_edit.setPlainText(text)
        dialog.accept()
    page.questions.select_question(page.questions.rows()[1].id)
    page.questions.move_up()
    assert _state(window)["questions"] == [
        "Which data is kept, and for how long?",
        "Who checks the age checks?",
    ]

    # 7. Minutes: an agenda item.
    page.tabs.setCurrentWidget(page.minutes)
    with messages.use_responder(ScriptedResponder(texts=["Retention periods"])):
        page.minutes.add_agenda_item()
    assert _state(window)["agenda"] == ["Retention periods"]
    done = _state(window)

    # 8. Everything undone with Ctrl+Z, step by step, back to an empty list...
    steps = window.store.undo_stack.count()  # type: ignore[union-attr]
    assert steps == 9
    for _ in range(steps):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _state(window) == {"roundtables": [], "invitations": {}, "questions": [], "agenda": []}
    assert page.table.rows() == []

    # 9. ...and redone with Ctrl+Shift+Z, to exactly what it was.
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(steps):
        qtbot.keyClick(window, Qt.Key.Key_Z, redo)
    assert _state(window) == done
