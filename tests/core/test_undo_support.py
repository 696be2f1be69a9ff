"""Undo of invitation and roundtable steps through roundtable.actions: the database as it was.

Each test compares the full export (:func:`roundtable.storage.interchange.export_database`)
before the change with the export after its undo. Left out of the comparison:
``version``, ``updated_at`` and ``updated_by``, and for roundtables the SEQUENCE,
which only ever rises (undo raises it again with the row's version and time).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session

from roundtable import actions, context
from roundtable.actions import Action
from roundtable.enums import InvitationStatus, NoteKind, Party, QuestionStatus
from roundtable.errors import UndoConflictError
from roundtable.meetings import actions as meeting_actions
from roundtable.meetings import (
    follow_ups,
    invitation_actions,
    invitations,
    lifecycle,
    minutes,
    questions,
)
from roundtable.meetings.invitation_queries import PERSON
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.interchange import export_database
from roundtable.storage.models import (
    Invitation,
    Roundtable,
)

pytestmark = pytest.mark.usefixtures("clock")

FUTURE_START, FUTURE_END = datetime(2026, 12, 10, 14, 0), datetime(2026, 12, 10, 16, 0)
#: Fields an undo does not put back (see the module docstring).
UNRESTORED = frozenset({"version", "updated_at", "updated_by"})


def _strip(value: Any, drop: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v, drop) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return [_strip(v, drop) for v in value]
    return value


def _export(db: Database, *, drop_sequence: bool = False) -> Any:
    drop = UNRESTORED | {"sequence"} if drop_sequence else UNRESTORED
    with db.transaction() as session:
        document = export_database(session)
    # Roundtable history rows keep their sequence; only the roundtable's own may differ.
    if drop_sequence:
        for roundtable in document["roundtables"]:
            roundtable.pop("sequence")
        return _strip(document, UNRESTORED)
    return _strip(document, drop)


def _populate(session: Session) -> dict[str, int]:
    """A small but complete database; returns the ids the tests need."""
    ngo = organisations.create_organisation(session, "Privacy First", kind="ngo", is_own=True)
    company = organisations.create_organisation(session, "TikTok", kind="company")
    jan = persons.create_person(session, "Jan de Vries", email="jan@example.org", organisation=ngo)
    eva = persons.create_person(session, "Eva Jansen", email="eva@example.org")
    roundtable = lifecycle.create_roundtable(session, title="Project Clover", host=company)
    lifecycle.schedule(session, roundtable, FUTURE_START, FUTURE_END)
    invitation = invitations.add_invitation(session, roundtable, person=jan)
    invitations.mark_invited(session, invitation)
    for index, text in enumerate(["Where is the data?", "Who audits?", "Which law applies?"]):
        questions.add_question(
            session,
            roundtable,
            text,
            asked_by_person=jan if index == 1 else None,
            status=QuestionStatus.SUBMITTED,
        )
    first = minutes.add_agenda_item(session, roundtable, "Welcome")
    second = minutes.add_agenda_item(session, roundtable, "Data flows")
    minutes.add_agenda_item(session, roundtable, "Next steps")
    minutes.add_minute_note(session, second, "Data stays in Europe.", speaker_organisation=company)
    minutes.add_minute_note(
        session, second, "Audit by a third party.", kind=NoteKind.DECISION, speaker_person=eva
    )
    minutes.add_minute_note(session, second, "Off the record remark.", not_for_attribution=True)
    minutes.add_minute_note(session, first, "Introductions.")
    action = minutes.add_action_item(
        session,
        roundtable,
        "Send the audit report",
        owner_organisation=company,
        due_on=date(2026, 12, 20),
        agenda_item=second,
    )
    minutes.set_action_done(session, action, True)
    follow_ups.add_follow_up(
        session, roundtable, date(2026, 12, 15), "No report yet.", title="Update", stance="Wait"
    )
    return {
        "roundtable": roundtable.id,
        "invitation": invitation.id,
        "agenda_item": second.id,
        "jan": jan.id,
        "eva": eva.id,
        "company": company.id,
    }


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        return _populate(session)


# ======================================================================================
# Invitations: their actions, undone through roundtable.actions
# ======================================================================================


def _invitation(session: Session, ids: dict[str, int]) -> Invitation:
    invitation = session.get(Invitation, ids["invitation"])
    assert invitation is not None
    return invitation


@pytest.mark.parametrize(
    "make",
    [
        lambda i: invitation_actions.record_response([i], InvitationStatus.DECLINED),
        lambda i: invitation_actions.withdraw([i], "Not relevant", by=Party.HOST),
        lambda i: invitation_actions.mark_no_response([i]),
    ],
    ids=["declined", "withdrawn", "no_response"],
)
def test_undoing_an_invitation_step_restores_the_database(
    db: Database, ids: dict[str, int], make: Callable[[int], Action[Any]]
) -> None:
    before = _export(db)
    done = actions.perform(db, make(ids["invitation"]))
    with db.transaction() as session:
        assert _invitation(session, ids).status is not InvitationStatus.INVITED
    actions.undo(db, done)
    with db.transaction() as session:
        invitation = _invitation(session, ids)
        assert invitation.status is InvitationStatus.INVITED
        assert [e.to_status for e in invitation.history][-1] is InvitationStatus.INVITED
    assert _export(db) == before


def test_undoing_an_added_invitation_deletes_it(db: Database, ids: dict[str, int]) -> None:
    before = _export(db)
    done = actions.perform(
        db, invitation_actions.add_invitees(ids["roundtable"], [(PERSON, ids["eva"])], sent=True)
    )
    (invitation_id,) = done.result
    with db.transaction() as session:
        assert session.get(Invitation, invitation_id) is not None
    actions.undo(db, done)
    with db.transaction() as session:
        assert session.get(Invitation, invitation_id) is None
    assert _export(db) == before


def test_undoing_an_older_invitation_change_is_refused(db: Database, ids: dict[str, int]) -> None:
    first = actions.perform(
        db, invitation_actions.record_response([ids["invitation"]], InvitationStatus.TENTATIVE)
    )
    context.set_actor("Anna")
    with context.frozen_clock(datetime(2026, 11, 30, 10, 15, tzinfo=UTC)):
        actions.perform(
            db, invitation_actions.record_response([ids["invitation"]], InvitationStatus.ACCEPTED)
        )
    before = _export(db)
    with pytest.raises(UndoConflictError) as caught:
        actions.undo(db, first)
    assert str(caught.value) == (
        "Cannot undo “Record tentative acceptance”: an invitation it changed was changed "
        "since by Anna at 30 Nov 2026 10:15 UTC."
    )
    assert _export(db) == before


# ======================================================================================
# Roundtables: their actions undone and redone (roundtable.actions)
# ======================================================================================


def _roundtable(session: Session, ids: dict[str, int]) -> Roundtable:
    roundtable = session.get(Roundtable, ids["roundtable"])
    assert roundtable is not None
    return roundtable


def _fields(db: Database, roundtable_id: int) -> dict[str, Any]:
    """Every column a lifecycle step or an edit can change, the SEQUENCE aside."""
    with db.transaction() as session:
        roundtable = session.get(Roundtable, roundtable_id)
        assert roundtable is not None
        return {
            name: getattr(roundtable, name)
            for name in (
                "status",
                "starts_at",
                "ends_at",
                "timezone",
                "cancellation_reason",
                "title",
                "topic",
                "host_organisation_id",
                "organiser_id",
                "venue",
                "online_url",
                "description",
                "is_public",
            )
        } | {"history": [(e.id, e.action.value) for e in roundtable.history]}


def _sequence(db: Database, roundtable_id: int) -> int:
    with db.transaction() as session:
        return _roundtable(session, {"roundtable": roundtable_id}).sequence


@pytest.mark.parametrize(
    ("make", "raised"),
    [
        (
            lambda rid: meeting_actions.reschedule(
                rid, datetime(2026, 12, 17, 14, 0), datetime(2026, 12, 17, 16, 0), reason="Room"
            ),
            True,
        ),
        (lambda rid: meeting_actions.postpone(rid, "Speaker ill"), True),
        (lambda rid: meeting_actions.cancel(rid, "Company withdrew"), True),
        (lambda rid: meeting_actions.edit_details(rid, title="Clover II", host_id=None), False),
        (lambda rid: meeting_actions.edit_details(rid, venue="The Hague"), True),
    ],
    ids=["reschedule", "postpone", "cancel", "retitle", "new_venue"],
)
def test_undoing_a_roundtable_action_restores_all_but_the_sequence(
    db: Database, ids: dict[str, int], make: Callable[[int], Action[Any]], raised: bool
) -> None:
    roundtable_id = ids["roundtable"]
    before, fields_before = _export(db, drop_sequence=True), _fields(db, roundtable_id)
    sequence_before = _sequence(db, roundtable_id)
    done = actions.perform(db, make(roundtable_id))
    fields_after, sequence_after = _fields(db, roundtable_id), _sequence(db, roundtable_id)
    assert fields_after != fields_before
    assert sequence_after == sequence_before + (1 if raised else 0)

    actions.undo(db, done)
    assert _fields(db, roundtable_id) == fields_before  # every field back, the history row gone
    # Never lowered; raised again when the undone change had raised it.
    assert _sequence(db, roundtable_id) == sequence_after + (1 if raised else 0)
    assert _export(db, drop_sequence=True) == before

    actions.redo(db, done)
    assert _fields(db, roundtable_id) == fields_after
    assert _sequence(db, roundtable_id) == sequence_after + (2 if raised else 0)


def test_a_roundtable_s_steps_undo_one_by_one_and_the_sequence_never_falls(db: Database) -> None:
    created = actions.perform(db, meeting_actions.create_roundtable(title="Draft"))
    roundtable_id = created.result
    steps = [
        meeting_actions.schedule(roundtable_id, FUTURE_START, FUTURE_END),
        meeting_actions.reschedule(
            roundtable_id, datetime(2026, 12, 17, 14, 0), datetime(2026, 12, 17, 16, 0)
        ),
        meeting_actions.edit_details(roundtable_id, title="Clover, again"),
        meeting_actions.postpone(roundtable_id, "Speaker ill"),
    ]
    states = [_fields(db, roundtable_id)]
    done = []
    for step in steps:
        done.append(actions.perform(db, step))
        states.append(_fields(db, roundtable_id))
    seen = _sequence(db, roundtable_id)
    assert seen == 2  # the reschedule and the postponement

    for undone, state in zip(reversed(done), reversed(states[:-1]), strict=True):
        actions.undo(db, undone)
        assert _fields(db, roundtable_id) == state
        assert _sequence(db, roundtable_id) >= seen
        seen = _sequence(db, roundtable_id)
    assert states[0]["status"].value == "draft" and states[0]["starts_at"] is None
    actions.undo(db, created)
    with db.transaction() as session:
        assert session.get(Roundtable, roundtable_id) is None

    actions.redo(db, created)
    for redone, state in zip(done, states[1:], strict=True):
        actions.redo(db, redone)
        assert _fields(db, roundtable_id) == state
    assert _fields(db, roundtable_id)["status"].value == "postponed"


def test_undoing_an_older_roundtable_change_is_refused(db: Database, ids: dict[str, int]) -> None:
    first = actions.perform(db, meeting_actions.edit_details(ids["roundtable"], title="First"))
    context.set_actor("Anna")
    actions.perform(db, meeting_actions.edit_details(ids["roundtable"], title="Second"))
    before = _export(db)
    with pytest.raises(
        UndoConflictError, match=r"was changed since by Anna at 29 Nov 2026 09:00 UTC"
    ):
        actions.undo(db, first)
    assert _export(db) == before
    with db.transaction() as session:
        assert _roundtable(session, ids).title == "Second"


def test_undoing_the_creation_of_a_roundtable_removes_it_and_redo_brings_it_back(
    db: Database,
) -> None:
    before = _export(db)
    done = actions.perform(
        db,
        meeting_actions.create_roundtable(
            title="Draft", starts_at=FUTURE_START, ends_at=FUTURE_END, schedule=True
        ),
    )
    with db.transaction() as session:
        made = session.get(Roundtable, done.result)
        assert made is not None and made.status.value == "scheduled"
        uid = made.uid
    actions.undo(db, done)
    assert _export(db) == before
    actions.redo(db, done)
    with db.transaction() as session:
        again = session.get(Roundtable, done.result)
        assert again is not None and again.uid == uid  # the same calendar event
