"""The one undo mechanism: an action's rows noted as it runs, put back and forward again.

Each test runs a change as an :class:`~roundtable.actions.Action` on the demo
database and compares the whole ``export-json`` document (audit rows aside)
before, after undo and after redo.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from roundtable import actions, context
from roundtable.actions import Action
from roundtable.demo import load_demo
from roundtable.enums import RoundtableStatus
from roundtable.errors import UndoConflictError
from roundtable.meetings import invitations, lifecycle, minutes, questions
from roundtable.people import persons
from roundtable.statements import records as statement_records
from roundtable.storage.audit import record_audit
from roundtable.storage.db import Database
from roundtable.storage.interchange import export_database
from roundtable.storage.models import (
    AgendaItem,
    AuditEntry,
    Invitation,
    Person,
    Question,
    Roundtable,
    Statement,
)

pytestmark = pytest.mark.usefixtures("clock")


def _export(database: Database) -> dict[str, Any]:
    with database.transaction() as session:
        document = export_database(session)
    document.pop("audit_log")
    return document


@pytest.fixture
def demo(db: Database) -> Database:
    with db.transaction() as session:
        load_demo(session)
    return db


def _act(label: str, run: Callable[[Session], Any]) -> Action[Any]:
    return Action(label, run)


def _round_trip(database: Database, action: Action[Any]) -> actions.Done[Any]:
    """do → undo leaves the export as before; redo gives the export after do again."""
    before = _export(database)
    with context.frozen_clock(datetime(2026, 12, 1, 10, 0, tzinfo=UTC)):
        done = actions.perform(database, action)
    after = _export(database)
    assert after != before, "the action changed nothing"
    actions.undo(database, done)
    assert _export(database) == before
    actions.redo(database, done)
    assert _export(database) == after
    return done


def _first(session: Session, model: Any, **where: Any) -> Any:
    return session.scalars(select(model).filter_by(**where).order_by(model.id)).first()


def test_an_edit_comes_back_with_its_version_and_timestamps(demo: Database) -> None:
    with demo.transaction() as session:
        question_id = _first(session, Question).id

    def run(session: Session) -> None:
        questions.update_question(session, session.get(Question, question_id), text="Reworded")

    done = _round_trip(demo, _act("Edit question", run))
    assert [change.table for change in done.changes.rows] == ["question"]


def test_deleting_a_linked_draft_and_undoing_brings_the_statement_link_back(
    demo: Database,
) -> None:
    # The defect: undo used to bring the roundtable back without its statement link.
    with demo.transaction() as session:
        roundtable = lifecycle.create_roundtable(session, title="A draft to delete")
        statement = _first(session, Statement)
        statement_records.link_roundtable(session, statement, roundtable)
        roundtable_id, statement_id = roundtable.id, statement.id

    def run(session: Session) -> None:
        lifecycle.delete_roundtable(session, session.get(Roundtable, roundtable_id))

    done = _round_trip(demo, _act("Delete roundtable", run))
    assert "statement_roundtable" in done.changes.tables
    actions.undo(demo, done)
    with demo.transaction() as session:
        linked = [r.id for r in session.get(Statement, statement_id).roundtables]
    assert roundtable_id in linked


def test_an_agenda_item_comes_back_with_its_notes_and_action_items(demo: Database) -> None:
    with demo.transaction() as session:
        item = next(i for i in session.scalars(select(AgendaItem)) if i.notes)
        minutes.add_action_item(session, item.roundtable, "Send the slides", agenda_item=item)
        item_id = item.id

    def run(session: Session) -> None:
        minutes.delete_agenda_item(session, session.get(AgendaItem, item_id))

    done = _round_trip(demo, _act("Delete agenda item", run))
    assert {"agenda_item", "minute_note", "action_item"} <= done.changes.tables


def test_a_new_row_is_removed_and_comes_back_under_its_own_id(demo: Database) -> None:
    def run(session: Session) -> int:
        return int(persons.create_person(session, "Ada Lovelace", email="ada@example.org").id)

    done = _round_trip(demo, _act("New person", run))
    with demo.transaction() as session:
        assert session.get(Person, done.result).email == "ada@example.org"


def test_a_statement_run_through_the_session_is_noted_too(demo: Database) -> None:
    def run(session: Session) -> None:
        session.execute(update(Question).values(answer="Bulk answer"))

    done = _round_trip(demo, _act("Answer all", run))
    with demo.transaction() as session:
        assert len(done.changes.rows) == len(session.scalars(select(Question.id)).all())


def test_undo_refuses_when_someone_changed_the_row_since(demo: Database) -> None:
    with demo.transaction() as session:
        question_id = _first(session, Question).id

    def run(session: Session) -> None:
        questions.update_question(session, session.get(Question, question_id), text="Mine")

    done = actions.perform(demo, _act("Edit question", run))
    with context.acting_as("alice"), demo.transaction() as session:
        questions.update_question(session, session.get(Question, question_id), text="Alice's")
    with pytest.raises(
        UndoConflictError,
        match=r"Cannot undo “Edit question”: a question it "
        r"changed was changed since by alice at ",
    ):
        actions.undo(demo, done)
    with demo.transaction() as session:
        assert session.get(Question, question_id).text == "Alice's"


def test_undo_refuses_to_remove_a_row_something_new_refers_to(demo: Database) -> None:
    def create(session: Session) -> int:
        return int(persons.create_person(session, "Grace Hopper", email="grace@example.org").id)

    created = actions.perform(demo, _act("New person", create))
    with demo.transaction() as session:
        roundtable = lifecycle.create_roundtable(session, title="A new draft")
        invitations.add_invitation(session, roundtable, person=session.get(Person, created.result))
    with pytest.raises(UndoConflictError, match="an invitation added since refers to a person"):
        actions.undo(demo, created)
    with demo.transaction() as session:
        assert session.get(Person, created.result) is not None


def test_an_undone_reschedule_raises_the_sequence_again(demo: Database) -> None:
    with demo.transaction() as session:
        roundtable = _first(session, Roundtable, status=RoundtableStatus.SCHEDULED)
        roundtable_id, sequence = roundtable.id, roundtable.sequence
        start, end = roundtable.starts_at, roundtable.ends_at

    def run(session: Session) -> None:
        rt = session.get(Roundtable, roundtable_id)
        lifecycle.reschedule(session, rt, rt.starts_at.replace(hour=9), rt.ends_at.replace(hour=11))

    done = actions.perform(demo, _act("Reschedule", run))
    actions.undo(demo, done)
    with demo.transaction() as session:
        rt = session.get(Roundtable, roundtable_id)
        # The old time is back, and calendars that saw SEQUENCE n+1 get n+2.
        assert (rt.starts_at, rt.ends_at) == (start, end)
        assert rt.sequence == sequence + 2
    actions.redo(demo, done)
    with demo.transaction() as session:
        assert session.get(Roundtable, roundtable_id).sequence == sequence + 3


def test_the_audit_log_keeps_what_was_done_and_says_it_was_undone(demo: Database) -> None:
    def run(session: Session) -> None:
        record_audit(session, "contacts.import", detail={"added": 1})
        persons.create_person(session, "Audited Person", email="audited@example.org")

    done = actions.perform(demo, _act("Import contacts", run))
    assert done.changes.audit == (("contacts.import", '{"added": 1}'),)
    assert "audit" in done.kinds and "people" in done.kinds
    actions.undo(demo, done)
    actions.redo(demo, done)
    with demo.transaction() as session:
        logged = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert logged[-3:] == ["contacts.import", "contacts.import.undo", "contacts.import.redo"]


def test_a_refused_action_writes_nothing(demo: Database) -> None:
    before = _export(demo)

    def run(session: Session) -> None:
        persons.create_person(session, "Half Done", email="half@example.org")
        raise UndoConflictError("refused")

    with pytest.raises(UndoConflictError):
        actions.perform(demo, _act("Refused", run))
    assert _export(demo) == before


def test_an_invitation_withdrawal_comes_back_without_its_history_row(demo: Database) -> None:
    with demo.transaction() as session:
        invitation = next(
            i
            for i in session.scalars(select(Invitation).order_by(Invitation.id))
            if invitations.can_transition(i.status, invitations.InvitationStatus.WITHDRAWN)
            and i.roundtable.status != RoundtableStatus.CANCELLED
        )
        invitation_id = invitation.id

    def run(session: Session) -> None:
        invitations.withdraw(
            session,
            session.get(Invitation, invitation_id),
            "lack of enthusiasm",
            by=invitations.Party.HOST,
        )

    done = _round_trip(demo, _act("Withdraw", run))
    assert {"invitation", "invitation_event"} <= done.changes.tables


def test_two_reschedules_undone_and_redone_in_turn(demo: Database) -> None:
    # Undoing the second raises SEQUENCE (and the version); the first must still undo,
    # and the sequence never goes down on the way.
    with demo.transaction() as session:
        roundtable = _first(session, Roundtable, status=RoundtableStatus.SCHEDULED)
        roundtable_id, sequence = roundtable.id, roundtable.sequence
        start, end = roundtable.starts_at, roundtable.ends_at

    def moved_to(hour: int) -> Callable[[Session], None]:
        def run(session: Session) -> None:
            rt = session.get(Roundtable, roundtable_id)
            lifecycle.reschedule(session, rt, start.replace(hour=hour), end.replace(hour=hour + 2))

        return run

    first = actions.perform(demo, _act("Reschedule to 9", moved_to(9)))
    second = actions.perform(demo, _act("Reschedule to 11", moved_to(11)))
    seen = []

    def state() -> tuple[Any, int]:
        with demo.transaction() as session:
            rt = session.get(Roundtable, roundtable_id)
            seen.append(rt.sequence)
            return rt.starts_at, rt.sequence

    actions.undo(demo, second)
    assert state()[0] == start.replace(hour=9)
    actions.undo(demo, first)
    assert state()[0] == start
    actions.redo(demo, first)
    assert state()[0] == start.replace(hour=9)
    actions.redo(demo, second)
    assert state()[0] == start.replace(hour=11)
    assert seen == sorted(seen) and seen[0] > sequence + 2


def test_an_edit_undone_after_a_later_sequence_rise_keeps_the_higher_sequence(
    demo: Database,
) -> None:
    with demo.transaction() as session:
        roundtable = _first(session, Roundtable, status=RoundtableStatus.SCHEDULED)
        roundtable_id, start, end = roundtable.id, roundtable.starts_at, roundtable.ends_at

    def retitle(session: Session) -> None:
        lifecycle.update_details(session, session.get(Roundtable, roundtable_id), title="Renamed")

    def reschedule(session: Session) -> None:
        rt = session.get(Roundtable, roundtable_id)
        lifecycle.reschedule(session, rt, start.replace(hour=8), end.replace(hour=10))

    edit = actions.perform(demo, _act("Rename", retitle))
    moved = actions.perform(demo, _act("Reschedule", reschedule))
    actions.undo(demo, moved)
    with demo.transaction() as session:
        risen = session.get(Roundtable, roundtable_id).sequence
    actions.undo(demo, edit)
    with demo.transaction() as session:
        rt = session.get(Roundtable, roundtable_id)
        assert rt.title != "Renamed"
        assert rt.sequence >= risen


def test_someone_elses_edit_of_a_roundtable_still_refuses_the_undo(demo: Database) -> None:
    with demo.transaction() as session:
        roundtable = _first(session, Roundtable, status=RoundtableStatus.SCHEDULED)
        roundtable_id, start, end = roundtable.id, roundtable.starts_at, roundtable.ends_at

    def reschedule(session: Session) -> None:
        rt = session.get(Roundtable, roundtable_id)
        lifecycle.reschedule(session, rt, start.replace(hour=8), end.replace(hour=10))

    done = actions.perform(demo, _act("Reschedule", reschedule))
    with context.acting_as("alice"), demo.transaction() as session:
        lifecycle.update_details(session, session.get(Roundtable, roundtable_id), venue="Room 2")
    with pytest.raises(UndoConflictError, match="changed since by alice"):
        actions.undo(demo, done)
