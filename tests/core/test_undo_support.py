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
from roundtable.meetings import actions as meeting_actions
from roundtable.meetings import follow_ups, invitations, lifecycle, minutes, questions
from roundtable.people import organisations, persons
from roundtable.statements import records
from roundtable.storage import snapshots
from roundtable.storage.db import Database
from roundtable.storage.interchange import export_database
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    Invitation,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Reference,
    Roundtable,
    Statement,
    StatementSection,
    StatementUpdate,
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
    statement = records.create_statement(session, "clover", "On Project Clover")
    for key in ("introduction", "context", "questions"):
        records.add_statement_section(session, statement, key, key.title(), f"About {key}.")
    records.add_reference(session, statement, "fd", "Article one", url="https://example.org/1")
    records.add_reference(session, statement, "nos", "Article two", published_on=date(2023, 9, 5))
    records.add_statement_update(session, statement, date(2026, 12, 3), "Still waiting.")
    records.link_roundtable(session, statement, roundtable)
    return {
        "roundtable": roundtable.id,
        "invitation": invitation.id,
        "statement": statement.id,
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


DELETERS: dict[type, Callable[[Session, Any], None]] = {
    Question: questions.delete_question,
    AgendaItem: minutes.delete_agenda_item,
    MinuteNote: minutes.delete_minute_note,
    ActionItem: minutes.delete_action_item,
    FollowUp: follow_ups.delete_follow_up,
    StatementSection: records.delete_statement_section,
    Reference: records.delete_reference,
    StatementUpdate: records.delete_statement_update,
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


def test_restoring_an_agenda_item_brings_back_its_notes_and_action_items(
    db: Database, ids: dict[str, int]
) -> None:
    with db.transaction() as session:
        item = session.get(AgendaItem, ids["agenda_item"])
        assert item is not None
        snapshot = snapshots.snapshot_of(item)
        assert [n["text"] for n in snapshot["notes"]] == [
            "Data stays in Europe.",
            "Audit by a third party.",
            "Off the record remark.",
        ]
        assert len(snapshot["action_item_ids"]) == 1
        minutes.delete_agenda_item(session, item)
    with db.transaction() as session:
        action = session.get(ActionItem, snapshot["action_item_ids"][0])
        assert action is not None and action.agenda_item_id is None
        snapshots.restore_record(session, snapshot)
    with db.transaction() as session:
        action = session.get(ActionItem, snapshot["action_item_ids"][0])
        assert action is not None and action.agenda_item_id == ids["agenda_item"]
        item = session.get(AgendaItem, ids["agenda_item"])
        assert item is not None and [n.kind for n in item.notes] == [
            NoteKind.NOTE,
            NoteKind.DECISION,
            NoteKind.NOTE,
        ]


def test_restore_uses_a_new_id_when_the_old_one_is_taken(db: Database, ids: dict[str, int]) -> None:
    with db.transaction() as session:
        roundtable = session.get(Roundtable, ids["roundtable"])
        assert roundtable is not None
        first, second = roundtable.questions[0], roundtable.questions[1]
        snapshot = snapshots.snapshot_of(first)
        questions.delete_question(session, first)
        # Pretend the old id went to another question in the meantime.
        snapshot["id"] = second.id
    with db.transaction() as session:
        new_id = snapshots.restore_record(session, snapshot)
        assert new_id not in (snapshot["id"],)
        roundtable = session.get(Roundtable, ids["roundtable"])
        assert roundtable is not None
        assert [q.text for q in roundtable.questions] == [
            "Where is the data?",
            "Who audits?",
            "Which law applies?",
        ]
        assert roundtable.questions[0].id == new_id


def test_restore_is_refused_when_the_parent_was_deleted(db: Database, ids: dict[str, int]) -> None:
    with db.transaction() as session:
        statement = session.get(Statement, ids["statement"])
        assert statement is not None
        snapshot = snapshots.snapshot_of(statement.sections[0])
        records.delete_statement(session, statement)
    with (
        pytest.raises(ValidationError, match="statement this statement section referred to"),
        db.transaction() as session,
    ):
        snapshots.restore_record(session, snapshot)


def test_restore_is_refused_when_a_named_person_was_deleted(
    db: Database, ids: dict[str, int]
) -> None:
    with db.transaction() as session:
        note = session.scalars(
            select(MinuteNote).where(MinuteNote.speaker_person_id == ids["eva"])
        ).one()
        snapshot = snapshots.snapshot_of(note)
        minutes.delete_minute_note(session, note)
        eva = session.get(Person, ids["eva"])
        persons.delete_person(session, eva)
    before = _export(db)
    with (
        pytest.raises(ValidationError, match="person this minute note referred to") as caught,
        db.transaction() as session,
    ):
        snapshots.restore_record(session, snapshot)
    assert caught.value.field == "speaker_person_id"
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


def _edit_question(session: Session, ids: dict[str, int]) -> Any:
    roundtable = session.get(Roundtable, ids["roundtable"])
    assert roundtable is not None
    question = roundtable.questions[1]
    company = session.get(Organisation, ids["company"])
    questions.update_question(
        session, question, text="Changed", asked_by_organisation=company, status="answered"
    )
    return question


def _move_question(session: Session, ids: dict[str, int]) -> Any:
    roundtable = session.get(Roundtable, ids["roundtable"])
    assert roundtable is not None
    question = roundtable.questions[0]
    questions.move_question(session, question, 2)
    return question


def _edit_person(session: Session, ids: dict[str, int]) -> Any:
    person = session.get(Person, ids["jan"])
    assert person is not None
    persons.update_person(
        session, person, name="Jan V.", email="jv@example.org", organisation=None, role="Chair"
    )
    return person


def _edit_organisation(session: Session, ids: dict[str, int]) -> Any:
    company = session.get(Organisation, ids["company"])
    assert company is not None
    # Taking the "own" flag clears it on Privacy First: the undo gives it back.
    organisations.update_organisation(session, company, name="ByteDance", is_own=True)
    return company


def _edit_statement(session: Session, ids: dict[str, int]) -> Any:
    statement = session.get(Statement, ids["statement"])
    assert statement is not None
    records.update_statement(
        session, statement, slug="clover-2026", status="published", language="nl"
    )
    return statement


def _move_section(session: Session, ids: dict[str, int]) -> Any:
    statement = session.get(Statement, ids["statement"])
    assert statement is not None
    section = statement.sections[2]
    records.move_statement_section(session, section, 0)
    return section


def _edit_note(session: Session, ids: dict[str, int]) -> Any:
    item = session.get(AgendaItem, ids["agenda_item"])
    assert item is not None
    note = item.notes[0]
    minutes.update_minute_note(
        session, note, text="Changed", speaker_organisation=None, not_for_attribution=True
    )
    return note


def _edit_action(session: Session, ids: dict[str, int]) -> Any:
    roundtable = session.get(Roundtable, ids["roundtable"])
    assert roundtable is not None
    action = roundtable.action_items[0]
    minutes.update_action_item(session, action, due_on=None, agenda_item=None, description="X")
    minutes.set_action_done(session, action, False)
    return action


def _edit_reference(session: Session, ids: dict[str, int]) -> Any:
    statement = session.get(Statement, ids["statement"])
    assert statement is not None
    reference = statement.references[0]
    records.update_reference(session, reference, key="fd-1", url="", title="New")
    return reference


EDITS = [
    _edit_question,
    _move_question,
    _edit_person,
    _edit_organisation,
    _edit_statement,
    _move_section,
    _edit_note,
    _edit_action,
    _edit_reference,
]


def _snapshot_target(session: Session, edit: Callable[..., Any], ids: dict[str, int]) -> Any:
    """The record ``edit`` will change, found the same way without changing it."""
    nested = session.begin_nested()
    record = edit(session, ids)
    key = (type(record), record.id)
    nested.rollback()
    return session.get(*key)


@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__.strip("_"))
def test_edit_then_restore_fields_gives_the_same_database(
    db: Database, ids: dict[str, int], edit: Callable[..., Any]
) -> None:
    before = _export(db)
    with db.transaction() as session:
        record = _snapshot_target(session, edit, ids)
        snapshot = snapshots.snapshot_of(record)
        assert "id" in snapshot and "record_type" in snapshot
    with db.transaction() as session:
        edited = edit(session, ids)
        assert edited.id == snapshot["id"]
    assert _export(db) != before
    with db.transaction() as session:
        record = session.get(type(edited), snapshot["id"])
        snapshots.restore_fields(session, record, snapshot)
    assert _export(db) == before


def test_restore_fields_refuses_a_snapshot_of_another_record(
    db: Database, ids: dict[str, int]
) -> None:
    with db.transaction() as session:
        jan = session.get(Person, ids["jan"])
        eva = session.get(Person, ids["eva"])
        with pytest.raises(ValueError, match="not of person"):
            snapshots.restore_fields(session, eva, snapshots.snapshot_of(jan))


def test_restore_fields_refuses_a_value_taken_since(db: Database, ids: dict[str, int]) -> None:
    with db.transaction() as session:
        jan = session.get(Person, ids["jan"])
        assert jan is not None
        snapshot = snapshots.snapshot_of(jan)
        persons.update_person(session, jan, email="new@example.org")
    with db.transaction() as session:
        eva = session.get(Person, ids["eva"])
        persons.update_person(session, eva, email="JAN@example.org")
    with (
        pytest.raises(ValidationError, match="now used by another person") as caught,
        db.transaction() as session,
    ):
        snapshots.restore_fields(session, session.get(Person, ids["jan"]), snapshot)
    assert caught.value.field == "email"


# ======================================================================================
# Invitations: revert_change
# ======================================================================================


def _invitation(session: Session, ids: dict[str, int]) -> Invitation:
    invitation = session.get(Invitation, ids["invitation"])
    assert invitation is not None
    return invitation


@pytest.mark.parametrize(
    "step",
    [
        lambda s, i: invitations.record_response(s, i, InvitationStatus.DECLINED, note="Busy"),
        lambda s, i: invitations.withdraw(s, i, "Not relevant", by=Party.HOST),
        lambda s, i: invitations.mark_no_response(s, i),
    ],
    ids=["declined", "withdrawn", "no_response"],
)
def test_revert_invitation_change_restores_the_database(
    db: Database, ids: dict[str, int], step: Callable[[Session, Invitation], Any]
) -> None:
    before = _export(db)
    with db.transaction() as session:
        invitation = _invitation(session, ids)
        step(session, invitation)
        event_id = invitation.history[-1].id
    with db.transaction() as session:
        reverted = invitations.revert_change(session, _invitation(session, ids), event_id)
        assert reverted is not None and reverted.status is InvitationStatus.INVITED
    assert _export(db) == before


def test_reverting_the_creation_row_deletes_the_invitation(
    db: Database, ids: dict[str, int]
) -> None:
    before = _export(db)
    with db.transaction() as session:
        roundtable = session.get(Roundtable, ids["roundtable"])
        eva = session.get(Person, ids["eva"])
        invitation = invitations.add_invitation(session, roundtable, person=eva)
        invitation_id, event_id = invitation.id, invitation.history[0].id
    with db.transaction() as session:
        invitation = session.get(Invitation, invitation_id)
        assert invitations.revert_change(session, invitation, event_id) is None
    assert _export(db) == before


def test_reverting_an_older_invitation_change_is_refused(db: Database, ids: dict[str, int]) -> None:
    with db.transaction() as session:
        invitation = _invitation(session, ids)
        invitations.record_response(session, invitation, InvitationStatus.TENTATIVE)
        first = invitation.history[-1].id
    context.set_actor("Anna")
    with (
        context.frozen_clock(datetime(2026, 11, 30, 10, 15, tzinfo=UTC)),
        db.transaction() as session,
    ):
        invitations.record_response(session, _invitation(session, ids), InvitationStatus.ACCEPTED)
    before = _export(db)
    with pytest.raises(ValidationError) as caught, db.transaction() as session:
        invitations.revert_change(session, _invitation(session, ids), first)
    assert str(caught.value) == (
        "Cannot undo: the invitation of Jan de Vries has changed since "
        "(by Anna at 30 Nov 2026 11:15)."
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
