"""When a step happened, kept apart from when it was recorded.

Coordinators mostly record after the fact: today (4 Dec 2026) they type in that
they were invited on 15 Aug 2023 and told on 5 Sep 2023 not to come. Every
history row keeps ``at`` (when it happened, what statements tell) and
``recorded_at`` (when it was typed in); the history reads in the order things
happened.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from roundtable import context
from roundtable.actions import perform
from roundtable.enums import InvitationStatus, Party, RoundtableAction
from roundtable.errors import ValidationError
from roundtable.meetings import actions as meeting_actions
from roundtable.meetings import invitation_actions, invitation_queries, queries
from roundtable.meetings.invitation_queries import PERSON
from roundtable.people import organisations, persons
from roundtable.publishing.render import render_statement
from roundtable.statements import records
from roundtable.storage import migrate
from roundtable.storage.db import Database, open_database
from roundtable.storage.interchange import export_database, import_database
from roundtable.storage.models import InvitationEvent, Roundtable, RoundtableEvent, Statement
from roundtable.storage.urls import resolve_url

#: The day the coordinator types it all in.
TODAY = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
_I = InvitationStatus
A = RoundtableAction


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with context.frozen_clock(TODAY):
        yield


def _world(db: Database) -> tuple[int, int]:
    """Our NGO invited to a 2023 roundtable that is created today; (roundtable, invitation)."""
    with db.transaction() as s:
        own = organisations.create_organisation(s, "Our NGO", is_own=True)
        host = organisations.create_organisation(s, "HostCo")
        alice = persons.create_person(s, "Alice Ours", email="alice@ours.example", organisation=own)
        host_id, alice_id = host.id, alice.id
    roundtable_id = perform(
        db, meeting_actions.create_roundtable(title="Project talk", host_id=host_id)
    ).result
    # A detail typed in today must not stop the story from being dated back.
    perform(db, meeting_actions.edit_details(roundtable_id, venue="Nieuwspoort"))
    perform(
        db,
        meeting_actions.schedule(
            roundtable_id,
            datetime(2023, 9, 7, 14, 0),
            datetime(2023, 9, 7, 16, 0),
            at=datetime(2023, 8, 14, 11, 0),
        ),
    )
    (invitation_id,) = perform(
        db, invitation_actions.add_invitees(roundtable_id, [(PERSON, alice_id)])
    ).result
    # Naive times: wall time in Amsterdam (summer time, UTC+2).
    perform(db, invitation_actions.mark_sent([invitation_id], at=datetime(2023, 8, 15, 9, 20)))
    perform(
        db,
        invitation_actions.record_response(
            [invitation_id], _I.ACCEPTED, at=datetime(2023, 8, 17, 15, 10)
        ),
    )
    perform(
        db,
        invitation_actions.withdraw(
            [invitation_id], "Too little interest.", by=Party.HOST, at=datetime(2023, 9, 5, 16, 45)
        ),
    )
    return roundtable_id, invitation_id


def test_every_step_keeps_when_it_happened_and_when_it_was_recorded(db: Database) -> None:
    roundtable_id, invitation_id = _world(db)
    with db.session() as s:
        events = s.scalars(
            select(InvitationEvent)
            .where(InvitationEvent.invitation_id == invitation_id)
            .order_by(InvitationEvent.id)
        ).all()
        assert [(e.to_status, e.at, e.recorded_at) for e in events] == [
            # Put on the list today, but sent in 2023: the first row moved back with it.
            (_I.NOT_SENT, utc(2023, 8, 15, 7, 20), TODAY),
            (_I.INVITED, utc(2023, 8, 15, 7, 20), TODAY),
            (_I.ACCEPTED, utc(2023, 8, 17, 13, 10), TODAY),
            (_I.WITHDRAWN, utc(2023, 9, 5, 14, 45), TODAY),
        ]
        rows = s.scalars(
            select(RoundtableEvent)
            .where(RoundtableEvent.roundtable_id == roundtable_id)
            .order_by(RoundtableEvent.id)
        ).all()
        assert [(e.action, e.at, e.recorded_at) for e in rows] == [
            (A.CREATED, utc(2023, 8, 14, 9, 0), TODAY),
            (A.EDITED, TODAY, TODAY),
            (A.SCHEDULED, utc(2023, 8, 14, 9, 0), TODAY),
        ]
        roundtable = s.get(Roundtable, roundtable_id)
        assert roundtable is not None and roundtable.updated_at == TODAY


def test_the_histories_show_both_times_in_the_order_things_happened(db: Database) -> None:
    roundtable_id, invitation_id = _world(db)
    with db.session() as s:
        history = invitation_queries.invitation_history(s, invitation_id)
        details = queries.roundtable_details(s, roundtable_id)
    assert [(r.to_status, r.recorded_apart) for r in history.rows] == [
        (_I.NOT_SENT, True),
        (_I.INVITED, True),
        (_I.ACCEPTED, True),
        (_I.WITHDRAWN, True),
    ]
    assert all(r.recorded_at == TODAY for r in history.rows)
    assert details is not None
    assert [(r.action, r.recorded_apart) for r in details.history] == [
        (A.CREATED, True),
        (A.SCHEDULED, True),
        (A.EDITED, False),  # happened when it was typed in: last in the story
    ]


def test_a_step_dated_before_the_last_step_is_still_refused(db: Database) -> None:
    _roundtable_id, invitation_id = _world(db)
    with pytest.raises(ValidationError) as refused:
        perform(
            db,
            invitation_actions.mark_sent([invitation_id], at=datetime(2023, 9, 1, 12, 0)),
        )
    assert "before the last recorded change of the invitation of Alice Ours" in str(refused.value)
    with db.session() as s:
        history = invitation_queries.invitation_history(s, invitation_id)
    assert history.rows[-1].to_status == _I.WITHDRAWN


def test_a_roundtable_step_dated_back_takes_the_roundtables_zone(db: Database) -> None:
    roundtable_id = perform(db, meeting_actions.create_roundtable(title="Winter talk")).result
    perform(
        db,
        meeting_actions.schedule(
            roundtable_id,
            datetime(2024, 1, 18, 14, 0),
            datetime(2024, 1, 18, 16, 0),
            at=datetime(2023, 12, 1, 9, 0),
        ),
    )
    perform(db, meeting_actions.postpone(roundtable_id, "Ill", at=datetime(2023, 12, 20, 9, 0)))
    perform(
        db,
        meeting_actions.schedule(
            roundtable_id,
            datetime(2024, 2, 1, 14, 0),
            datetime(2024, 2, 1, 16, 0),
            at=datetime(2024, 1, 5, 9, 0),
        ),
    )
    perform(db, meeting_actions.mark_held(roundtable_id, at=datetime(2024, 2, 1, 17, 0)))
    with db.session() as s:
        details = queries.roundtable_details(s, roundtable_id)
    assert details is not None
    # Winter time in Amsterdam: UTC+1.
    assert [(r.action, r.at) for r in details.history] == [
        (A.CREATED, utc(2023, 12, 1, 8, 0)),
        (A.SCHEDULED, utc(2023, 12, 1, 8, 0)),
        (A.POSTPONED, utc(2023, 12, 20, 8, 0)),
        (A.SCHEDULED, utc(2024, 1, 5, 8, 0)),
        (A.HELD, utc(2024, 2, 1, 16, 0)),
    ]
    assert {r.recorded_at for r in details.history} == {TODAY}


def test_a_statement_tells_the_story_by_when_it_happened(db: Database) -> None:
    roundtable_id, _invitation_id = _world(db)
    with db.transaction() as s:
        statement = records.create_statement(s, "talk", "About the talk")
        roundtable = s.get(Roundtable, roundtable_id)
        assert roundtable is not None
        records.link_roundtable(s, statement, roundtable)
        statement_id = statement.id
    with db.session() as s:
        linked = s.get(Statement, statement_id)
        assert linked is not None
        text = render_statement(s, linked, "statement.txt").text
    assert "- 15 August 2023: we were invited" in text
    assert "- 17 August 2023: we accepted" in text
    assert (
        "- 5 September 2023: HostCo withdrew our invitation, because: Too little interest." in text
    )
    assert "2026" not in text  # the day it was typed in is no part of the story


def test_the_interchange_carries_both_times(db: Database, tmp_path: Path) -> None:
    _world(db)
    with db.session() as s:
        document = export_database(s)
    history = document["roundtables"][0]["invitations"][0]["history"]
    assert [(row["at"], row["recorded_at"]) for row in history][-1] == (
        "2023-09-05T14:45:00Z",
        "2026-12-04T10:00:00Z",
    )
    again = open_database(tmp_path / "again.sqlite3")
    try:
        with again.transaction() as s:
            import_database(s, json.loads(json.dumps(document)))
        with again.session() as s:
            assert export_database(s) == document
    finally:
        again.close()


def test_an_older_file_without_recorded_at_still_imports(db: Database, tmp_path: Path) -> None:
    _world(db)
    with db.session() as s:
        document = export_database(s)
    for roundtable in document["roundtables"]:
        for row in roundtable["history"]:
            del row["recorded_at"]
        for invitation in roundtable["invitations"]:
            for row in invitation["history"]:
                del row["recorded_at"]
    older = open_database(tmp_path / "older.sqlite3")
    try:
        with older.transaction() as s:
            import_database(s, document)
        with older.session() as s:
            events = s.scalars(select(InvitationEvent)).all()
            rows = s.scalars(select(RoundtableEvent)).all()
            assert events and all(e.recorded_at == e.at for e in events)
            assert rows and all(e.recorded_at == e.at for e in rows)
    finally:
        older.close()


def test_migration_0005_fills_recorded_at_from_at(db_path: Path) -> None:
    migrate.upgrade(resolve_url(db_path), "0004")
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO roundtable (id, uid, sequence, status, timezone, title, topic, venue,"
            " online_url, description, is_public, cancellation_reason, version, created_at,"
            " updated_at, updated_by) VALUES (1, 'u@x', 0, 'draft', 'Europe/Amsterdam', 'Old',"
            " '', '', '', '', 0, '', 1, '2023-08-01 10:00:00', '2023-08-01 10:00:00', '')"
        )
        conn.execute(
            "INSERT INTO roundtable_event (id, roundtable_id, at, actor, action, from_status,"
            " to_status, sequence, reason, detail) VALUES (1, 1, '2023-08-01 10:00:00', 'ann',"
            " 'created', NULL, 'draft', 0, '', '')"
        )
    upgraded = open_database(db_path)
    try:
        with upgraded.session() as s:
            event = s.scalars(select(RoundtableEvent)).one()
            assert event.at == event.recorded_at == utc(2023, 8, 1, 10, 0)
    finally:
        upgraded.close()
