"""Undo support: do a change, revert it, and the whole database is as it was.

Each test compares the full export (:func:`roundtable.storage.interchange.export_database`)
before the change with the export after its undo. The documented exceptions are
left out of the comparison: ``version``, ``updated_at`` and ``updated_by`` (an
undo is itself a change made now), and for roundtables the SEQUENCE, which
only ever rises.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import actions, context
from roundtable.actions import Action
from roundtable.enums import InvitationStatus, NoteKind, Party, QuestionStatus
from roundtable.errors import UndoConflictError, ValidationError
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
from roundtable.storage import snapshots
from roundtable.storage.db import Database
from roundtable.storage.interchange import export_database
from roundtable.storage.models import (
    FollowUp,
    Invitation,
    Person,
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
# Deleting and restoring records
# ======================================================================================


def _middle(session: Session, model: Any) -> Any:
    """A record of ``model`` in the middle of its list (so renumbering shows)."""
    rows = session.scalars(select(model).order_by(model.id)).all()
    return rows[len(rows) // 2]


# Questions, agenda items, notes and action items are deleted and brought back by
# actions now: tests/core/test_minutes_actions.py and test_every_action.py.
DELETERS: dict[type, Callable[[Session, Any], None]] = {
    FollowUp: follow_ups.delete_follow_up,
}


@pytest.mark.parametrize("model", list(DELETERS), ids=lambda m: m.__name__)
def test_delete_then_restore_gives_the_same_database(
    db: Database, ids: dict[str, int], model: type
) -> None:
    before = _export(db)
    with db.transaction() as session:
        record = _middle(session, model)
        old_id = record.id
        snapshot = snapshots.snapshot_of(record)
        DELETERS[model](session, record)
    with db.transaction() as session:
        assert session.get(model, old_id) is None
    assert _export(db) != before
    with db.transaction() as session:
        new_id = snapshots.restore_record(session, snapshot)
    assert new_id == old_id  # the id was still free, so it comes back
    assert _export(db) == before


def test_restore_record_refuses_kinds_it_cannot_restore(db: Database, ids: dict[str, int]) -> None:
    with db.transaction() as session:
        person = session.get(Person, ids["jan"])
        snapshot = snapshots.snapshot_of(person)
        assert snapshot["record_type"] == "person"
        with pytest.raises(ValueError, match="cannot restore"):
            snapshots.restore_record(session, snapshot)


# ======================================================================================
# Editing and restoring fields
# ======================================================================================


def test_restore_fields_refuses_a_snapshot_of_another_record(
    db: Database, ids: dict[str, int]
) -> None:
    with db.transaction() as session:
        jan = session.get(Person, ids["jan"])
        eva = session.get(Person, ids["eva"])
        with pytest.raises(ValueError, match="not of person"):
            snapshots.restore_fields(session, eva, snapshots.snapshot_of(jan))


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
# Roundtables: capture_state and revert_change
# ======================================================================================


def _roundtable(session: Session, ids: dict[str, int]) -> Roundtable:
    roundtable = session.get(Roundtable, ids["roundtable"])
    assert roundtable is not None
    return roundtable


def test_capture_state_holds_plain_values(db: Database, ids: dict[str, int]) -> None:
    with db.transaction() as session:
        state = lifecycle.capture_state(_roundtable(session, ids))
    assert state.status.value == "scheduled"
    assert state.host_organisation_id == ids["company"]
    assert state.starts_at == datetime(2026, 12, 10, 13, 0, tzinfo=UTC)
    with pytest.raises(AttributeError):
        state.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("step", "raised"),
    [
        (
            lambda s, r: lifecycle.reschedule(
                s, r, datetime(2026, 12, 17, 14, 0), datetime(2026, 12, 17, 16, 0), reason="Room"
            ),
            True,
        ),
        (lambda s, r: lifecycle.postpone(s, r, "Speaker ill"), True),
        (lambda s, r: lifecycle.cancel(s, r, "Company withdrew"), True),
        (lambda s, r: lifecycle.update_details(s, r, title="Clover II", host=None), False),
        (lambda s, r: lifecycle.update_details(s, r, venue="The Hague"), True),
    ],
    ids=["reschedule", "postpone", "cancel", "retitle", "new_venue"],
)
def test_revert_roundtable_change_restores_all_but_the_sequence(
    db: Database, ids: dict[str, int], step: Callable[[Session, Roundtable], Any], raised: bool
) -> None:
    before = _export(db, drop_sequence=True)
    with db.transaction() as session:
        roundtable = _roundtable(session, ids)
        sequence_before = roundtable.sequence
        state = lifecycle.capture_state(roundtable)
        step(session, roundtable)
        sequence_after = roundtable.sequence
        event_id = roundtable.history[-1].id
    assert sequence_after == sequence_before + (1 if raised else 0)
    with db.transaction() as session:
        roundtable = lifecycle.revert_change(session, _roundtable(session, ids), event_id, state)
        assert lifecycle.capture_state(roundtable) == state
        # Never lowered; raised again when the undone change had raised it.
        assert roundtable.sequence == sequence_after + (1 if raised else 0)
    assert _export(db, drop_sequence=True) == before


def test_reverting_an_older_roundtable_change_is_refused(db: Database, ids: dict[str, int]) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, ids)
        state = lifecycle.capture_state(roundtable)
        lifecycle.update_details(session, roundtable, title="First")
        first = roundtable.history[-1].id
    context.set_actor("Anna")
    with db.transaction() as session:
        lifecycle.update_details(session, _roundtable(session, ids), title="Second")
    with (
        pytest.raises(ValidationError, match=r"has changed since \(by Anna at 29 Nov 2026 10:00\)"),
        db.transaction() as session,
    ):
        lifecycle.revert_change(session, _roundtable(session, ids), first, state)
    with db.transaction() as session:
        assert _roundtable(session, ids).title == "Second"


def test_reverting_the_creation_of_a_roundtable_is_refused(db: Database) -> None:
    with db.transaction() as session:
        roundtable = lifecycle.create_roundtable(session, title="Draft")
        state = lifecycle.capture_state(roundtable)
        with pytest.raises(ValidationError, match="delete the draft instead"):
            lifecycle.revert_change(session, roundtable, roundtable.history[0].id, state)
