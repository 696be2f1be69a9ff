"""Two people at once: optimistic locking, racing status changes, the change marker.

Every test that takes ``db`` runs on SQLite and on PostgreSQL; two sessions
(or two threads) work on the same database, as two coordinators would.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import sessionmaker

from roundtable import context
from roundtable.enums import InvitationStatus
from roundtable.errors import ConcurrentEditError, DatabaseError, ValidationError
from roundtable.meetings import invitations, lifecycle, minutes, questions
from roundtable.people import organisations, persons
from roundtable.storage.changes import (
    ChangeStamp,
    conflict_error,
    describe_record,
    install_change_tracking,
    read_change_marker,
    tracking_installed,
)
from roundtable.storage.db import Database, open_database
from roundtable.storage.interchange import dump_json, export_database, import_database
from roundtable.storage.models import (
    ChangeMarker,
    Invitation,
    InvitationEvent,
    Organisation,
    Person,
    Question,
    Roundtable,
)

T = TypeVar("T")

AMSTERDAM_TIME = "29 Nov 2026 10:00"  # TEST_NOW (09:00 UTC) in Europe/Amsterdam


def local_time(moment: datetime) -> str:
    """How a message tells a time outside any roundtable: in the computer's zone."""
    local = moment.astimezone()
    return f"{local.day} {local:%b} {local.year} {local:%H:%M}"


def load(db: Database, entity: type[T], ident: int) -> T:
    """Read a record in one short transaction, as the app does; it stays usable afterwards."""
    with db.transaction() as session:
        record = session.get(entity, ident)
        assert record is not None
        return record


def marker(db: Database) -> ChangeStamp:
    return read_change_marker(db.engine)


@pytest.fixture
def clover(db: Database, clock: datetime) -> int:
    """A scheduled roundtable with one invitation (sent) and one question; its id."""
    with db.transaction() as session:
        org = organisations.create_organisation(session, "Tech Platform")
        person = persons.create_person(
            session, "Jan de Vries", email="jan@example.org", organisation=org
        )
        roundtable = lifecycle.create_roundtable(session, title="Project Clover roundtable")
        invitation = invitations.add_invitation(session, roundtable, person=person)
        invitations.mark_invited(session, invitation)
        questions.add_question(session, roundtable, "Who decides on data transfers?")
        return roundtable.id


# --- optimistic locking: read, end the read, save -----------------------------------------


def test_second_save_of_a_roundtable_names_the_first_editor(db: Database, clover: int) -> None:
    mine = load(db, Roundtable, clover)  # alice's screen
    theirs = load(db, Roundtable, clover)  # bob's screen, read at the same moment

    context.set_actor("alice")
    with db.transaction() as session:
        session.add(mine)
        lifecycle.update_details(session, mine, venue="Amsterdam office")
    before = marker(db)

    context.set_actor("bob")
    with pytest.raises(ConcurrentEditError) as caught, db.transaction() as session:
        session.add(theirs)
        organisations.create_organisation(session, "Saved only with bob's edit")
        lifecycle.update_details(session, theirs, title="Project Clover (bob's title)")
    context.set_actor(None)

    error = caught.value
    assert str(error) == (
        f"“Project Clover roundtable” was changed by alice at {AMSTERDAM_TIME} while you "
        "were editing it. Your change was not saved; reload to see theirs."
    )
    assert error.entity_label == "“Project Clover roundtable”"
    assert error.changed_by == "alice"
    assert error.changed_at == context.now()
    # The database holds alice's change and nothing of bob's transaction.
    with db.transaction() as session:
        saved = session.get(Roundtable, clover)
        assert saved is not None
        assert (saved.title, saved.venue, saved.updated_by) == (
            "Project Clover roundtable",
            "Amsterdam office",
            "alice",
        )
        assert session.scalar(select(func.count()).select_from(Organisation)) == 1
        assert [event.actor for event in saved.history][-1] == "alice"
    assert marker(db) == before  # the failed transaction did not count as a change


def test_second_save_of_an_organisation_and_a_person(db: Database, clover: int) -> None:
    with db.transaction() as session:
        org_id = organisations.get_organisation(session, "Tech Platform").id
        person_id = persons.get_person(session, "jan@example.org").id
    org_a, org_b = load(db, Organisation, org_id), load(db, Organisation, org_id)
    person_a, person_b = load(db, Person, person_id), load(db, Person, person_id)

    context.set_actor("alice")
    with db.transaction() as session:
        session.add_all([org_a, person_a])
        organisations.update_organisation(session, org_a, notes="Met in September.")
        persons.update_person(session, person_a, role="Policy lead")

    context.set_actor("bob")
    with pytest.raises(ConcurrentEditError) as on_org, db.transaction() as session:
        session.add(org_b)
        organisations.update_organisation(session, org_b, website="https://example.org")
    with pytest.raises(ConcurrentEditError) as on_person, db.transaction() as session:
        session.add(person_b)
        persons.update_person(session, person_b, phone="+31 20 123 4567")

    when = local_time(context.now())
    assert str(on_org.value).startswith(f"Tech Platform was changed by alice at {when} while")
    assert on_org.value.entity_label == "Tech Platform"
    assert str(on_person.value).startswith(f"Jan de Vries was changed by alice at {when} while")
    with db.transaction() as session:
        org = session.get(Organisation, org_id)
        person = session.get(Person, person_id)
        assert org is not None and person is not None
        assert (org.notes, org.website) == ("Met in September.", "")
        assert (person.role, person.phone) == ("Policy lead", "")


def test_second_save_of_a_question_and_an_invitation(db: Database, clover: int) -> None:
    with db.transaction() as session:
        question_id = session.scalars(select(Question.id)).one()
        invitation_id = session.scalars(select(Invitation.id)).one()
    question_a, question_b = load(db, Question, question_id), load(db, Question, question_id)
    invitation_a = load(db, Invitation, invitation_id)
    invitation_b = load(db, Invitation, invitation_id)

    context.set_actor("alice")
    with db.transaction() as session:
        session.add_all([question_a, invitation_a])
        questions.update_question(session, question_a, text="Who decides, and on what basis?")
        invitations.record_response(session, invitation_a, InvitationStatus.ACCEPTED)

    context.set_actor("bob")
    with pytest.raises(ConcurrentEditError) as on_question, db.transaction() as session:
        session.add(question_b)
        questions.update_question(session, question_b, answer="Not answered yet.")
    with pytest.raises(ConcurrentEditError) as on_invitation, db.transaction() as session:
        session.add(invitation_b)
        invitations.record_response(session, invitation_b, InvitationStatus.DECLINED)

    assert str(on_question.value).startswith(
        f"A question on “Project Clover roundtable” was changed by alice at {AMSTERDAM_TIME}"
    )
    assert str(on_invitation.value).startswith(
        f"The invitation of Jan de Vries was changed by alice at {AMSTERDAM_TIME}"
    )
    assert on_invitation.value.entity_label == "the invitation of Jan de Vries"
    with db.transaction() as session:
        invitation = session.get(Invitation, invitation_id)
        assert invitation is not None
        assert invitation.status == InvitationStatus.ACCEPTED
        assert invitation.history[-1].to_status == InvitationStatus.ACCEPTED
        assert len(invitation.history) == 3  # not sent, invited, accepted: no DECLINED row


def test_saving_a_record_someone_deleted_says_so(db: Database) -> None:
    with db.transaction() as session:
        org_id = organisations.create_organisation(session, "Short-lived NGO").id
    mine = load(db, Organisation, org_id)
    with db.transaction() as session:
        doomed = session.get(Organisation, org_id)
        session.delete(doomed)
    with pytest.raises(ConcurrentEditError) as caught, db.transaction() as session:
        session.add(mine)
        organisations.update_organisation(session, mine, notes="Too late.")
    assert str(caught.value) == (
        "The organisation you were editing was deleted by someone else. "
        "Your change was not saved; reload to see what is there now."
    )
    assert (caught.value.changed_by, caught.value.changed_at) == ("", None)


def test_a_conflict_that_cannot_be_pinned_down_is_still_explained(db: Database) -> None:
    error = conflict_error(db.engine, [])
    assert str(error) == (
        "Someone else changed or deleted a record you were editing. "
        "Your change was not saved; reload to see theirs."
    )
    assert (error.entity_label, error.changed_by, error.changed_at) == ("", "", None)


# --- races: two RSVPs at the same moment -------------------------------------------------


def test_two_rsvps_recorded_at_once_leave_one_answer_and_its_history(
    db: Database, clover: int
) -> None:
    with db.transaction() as session:
        invitation_id = session.scalars(select(Invitation.id)).one()
        rows_before = session.scalar(select(func.count()).select_from(InvitationEvent))
    barrier = threading.Barrier(2, timeout=20)
    outcomes: dict[str, object] = {}

    def answer(status: InvitationStatus) -> None:
        try:
            with db.transaction() as session:
                invitation = session.get(Invitation, invitation_id)
                assert invitation is not None
                invitation.history  # noqa: B018 -- both have read everything before either writes
                barrier.wait()
                invitations.record_response(session, invitation, status)
            outcomes[status.value] = "saved"
        except Exception as exc:  # reported to the test below, never lost in the thread
            outcomes[status.value] = exc

    threads = [
        threading.Thread(target=answer, args=(status,))
        for status in (InvitationStatus.ACCEPTED, InvitationStatus.DECLINED)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)

    winners = [status for status, outcome in outcomes.items() if outcome == "saved"]
    losers = [outcome for outcome in outcomes.values() if outcome != "saved"]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    expected: tuple[type[Exception], ...] = (ConcurrentEditError,)
    if db.engine.dialect.name == "sqlite":
        expected = (ConcurrentEditError, DatabaseError)  # the loser may find the file locked
    assert isinstance(losers[0], expected), repr(losers[0])
    if isinstance(losers[0], ConcurrentEditError):
        assert "The invitation of Jan de Vries was changed by" in str(losers[0])
    else:
        assert "busy" in str(losers[0])

    with db.transaction() as session:
        invitation = session.get(Invitation, invitation_id)
        assert invitation is not None
        assert invitation.status.value == winners[0]
        assert invitation.history[-1].to_status == invitation.status
        rows_after = session.scalar(select(func.count()).select_from(InvitationEvent))
    assert rows_after == rows_before + 1


def test_a_history_row_always_comes_with_a_new_row_version(db: Database, clover: int) -> None:
    """Lifecycle steps update the row itself, so a racing step on it cannot slip past."""
    with db.transaction() as session:
        invitation = session.scalars(select(Invitation)).one()
        roundtable = session.get(Roundtable, clover)
        assert roundtable is not None
        version, history = invitation.version, len(invitation.history)
        invitations.record_response(session, invitation, InvitationStatus.TENTATIVE)
        assert (invitation.version, len(invitation.history)) == (version + 1, history + 1)
        # The same answer again writes nothing: no history row, no new version.
        assert not invitations.record_response(session, invitation, InvitationStatus.TENTATIVE)
        assert (invitation.version, len(invitation.history)) == (version + 1, history + 1)

        version, history = roundtable.version, len(roundtable.history)
        lifecycle.schedule(
            session, roundtable, datetime(2027, 1, 14, 14, 0), datetime(2027, 1, 14, 16, 0)
        )
        assert (roundtable.version, len(roundtable.history)) == (version + 1, history + 1)
        lifecycle.update_details(session, roundtable, description="Second try.")
        assert (roundtable.version, len(roundtable.history)) == (version + 2, history + 2)


# --- the change marker --------------------------------------------------------------------


def test_every_writing_transaction_bumps_the_marker_once(db: Database, clock: datetime) -> None:
    start = marker(db)
    assert start.counter == 0  # the migration's row, never written yet
    context.set_actor("alice")
    with db.transaction() as session:
        organisations.create_organisation(session, "One")
        organisations.create_organisation(session, "Two")
        session.flush()
        organisations.create_organisation(session, "Three")
    assert marker(db) == ChangeStamp(counter=1, changed_at=clock, changed_by="alice")

    context.set_actor("bob")
    with db.transaction() as session:
        org = organisations.get_organisation(session, "Two")
        organisations.update_organisation(session, org, notes="Edited by bob.")
    assert marker(db) == ChangeStamp(counter=2, changed_at=clock, changed_by="bob")

    with db.transaction() as session, session.begin_nested():
        organisations.create_organisation(session, "Inside a savepoint")
    assert marker(db).counter == 3


def test_reads_and_unchanged_saves_do_not_bump_the_marker(db: Database, clover: int) -> None:
    before = marker(db)
    with db.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, clover)
        assert [i.invitee_name for i in roundtable.invitations] == ["Jan de Vries"]
        roundtable.title = roundtable.title  # dirty, but no net change: nothing is written
        session.execute(text("SELECT 1"))
    with db.session() as session:
        session.scalars(select(Organisation)).all()
        session.commit()
    assert marker(db) == before


def test_a_failed_transaction_does_not_bump_the_marker(db: Database, clover: int) -> None:
    before = marker(db)
    with pytest.raises(ValidationError), db.transaction() as session:
        organisations.create_organisation(session, "Written, then rolled back")
        organisations.create_organisation(session, "")  # refused: a name is required
    assert marker(db) == before
    with db.transaction() as session:
        assert organisations.find_organisation_by_name(session, "Written, then rolled back") is None


def test_core_statements_through_the_session_bump_the_marker(db: Database, clover: int) -> None:
    before = marker(db).counter
    with db.transaction() as session:
        session.execute(update(Organisation).values(notes="Bulk edit"))
    assert marker(db).counter == before + 1
    with db.transaction() as session:
        session.execute(text("UPDATE organisation SET notes = 'Raw edit'"))
    assert marker(db).counter == before + 2
    with db.transaction() as session:
        session.execute(select(Organisation.notes)).all()
    assert marker(db).counter == before + 2


def test_a_missing_marker_row_is_put_back_by_the_next_write(db: Database, clock: datetime) -> None:
    with db.engine.begin() as connection:
        connection.execute(ChangeMarker.__table__.delete())
    assert marker(db) == ChangeStamp(counter=0, changed_at=None, changed_by="")
    with db.transaction() as session:
        organisations.create_organisation(session, "Heals the marker")
    assert marker(db) == ChangeStamp(counter=1, changed_at=clock, changed_by="tester")


def test_other_copies_see_the_marker_move(db: Database, db_url: Any, clover: int) -> None:
    """A second Database on the same database (another desktop) notices each write."""
    other = open_database(db_url)
    try:
        seen = read_change_marker(other.engine)
        context.set_actor("bob")
        with other.transaction() as session:
            organisations.create_organisation(session, "Bob's addition")
        assert read_change_marker(db.engine).counter == seen.counter + 1
        assert read_change_marker(db.engine).changed_by == "bob"
    finally:
        other.close()


def test_every_new_session_factory_is_tracked(db: Database) -> None:
    """Regression: SQLAlchemy's event.contains() goes by id() and said "already there"
    for a new factory at a collected one's address, leaving databases unwatched."""
    for _ in range(30):
        factory = sessionmaker(db.engine)
        assert not tracking_installed(factory)
        install_change_tracking(factory)
        assert tracking_installed(factory)
        del factory
        gc.collect()
    factory = sessionmaker(db.engine)
    install_change_tracking(factory)
    before = marker(db).counter
    with factory.begin() as session:
        organisations.create_organisation(session, "Through a new factory")
    assert marker(db).counter == before + 1


def test_install_change_tracking_twice_counts_once(db: Database) -> None:
    install_change_tracking(db.sessions)
    before = marker(db).counter
    with db.transaction() as session:
        organisations.create_organisation(session, "Counted once")
    assert marker(db).counter == before + 1


def test_import_into_an_empty_database_still_works_and_round_trips(
    db: Database, tmp_path: Path, clock: datetime
) -> None:
    source = open_database(tmp_path / "personal.sqlite3")
    try:
        with source.transaction() as session:
            org = organisations.create_organisation(session, "Exported NGO")
            persons.create_person(session, "Ada", email="ada@example.org", organisation=org)
            lifecycle.create_roundtable(session, title="Moved to the team server")
        with source.transaction() as session:
            exported = dump_json(export_database(session))
    finally:
        source.close()
    assert "change_marker" not in exported
    assert marker(db).counter == 0
    with db.transaction() as session:  # the marker row does not make it "not empty"
        import_database(session, json.loads(exported))
    assert marker(db).counter == 1
    with db.transaction() as session:
        assert dump_json(export_database(session)) == exported


def test_describe_record_falls_back_for_other_kinds(db: Database, clover: int) -> None:
    with db.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, clover)
        item = minutes.add_agenda_item(session, roundtable, "Data transfers")
        action = minutes.add_action_item(session, roundtable, "Send the minutes")
        assert describe_record(item) == (
            "the agenda item “Data transfers” of “Project Clover roundtable”"
        )
        assert describe_record(action) == "an action item of “Project Clover roundtable”"


# --- a busy database ------------------------------------------------------------------------


def test_a_locked_sqlite_file_asks_to_try_again(sqlite_db: Database, db_path: Path) -> None:
    blocker = sqlite3.connect(db_path)
    try:
        blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(DatabaseError) as caught, sqlite_db.transaction() as session:
            # Wait 50 ms rather than the usual five seconds before giving up.
            session.connection().exec_driver_sql("PRAGMA busy_timeout = 50")
            organisations.create_organisation(session, "Blocked")
        assert str(caught.value) == (
            "The database is busy: someone else is saving a change right now. "
            "Your change was not saved; please try again."
        )
    finally:
        blocker.rollback()
        blocker.close()
    with sqlite_db.transaction() as session:
        assert session.scalars(select(Organisation.name)).all() == []
        organisations.create_organisation(session, "Once the lock is gone")
    with sqlite_db.transaction() as session:
        assert session.scalars(select(Organisation.name)).all() == ["Once the lock is gone"]


def test_rows_made_in_the_failed_transaction_are_not_blamed(db: Database, clover: int) -> None:
    theirs = load(db, Roundtable, clover)
    context.set_actor("alice")
    with db.transaction() as session:
        roundtable = session.get(Roundtable, clover)
        assert roundtable is not None
        lifecycle.update_details(session, roundtable, topic="Alice's topic")
    context.set_actor("bob")
    with pytest.raises(ConcurrentEditError) as caught, db.transaction() as session:
        fresh = organisations.create_organisation(session, "Made by bob just now")
        session.flush()
        organisations.update_organisation(session, fresh, notes="and edited at once")
        session.add(theirs)
        lifecycle.update_details(session, theirs, topic="Bob's topic")
    assert caught.value.entity_label == "“Project Clover roundtable”"
    assert caught.value.changed_by == "alice"
