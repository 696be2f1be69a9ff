"""Read models: what each list holds, and that it costs the same few statements at any size."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.enums import (
    InvitationRole,
    InvitationStatus,
    NoteKind,
    Party,
    RoundtableAction,
    RoundtableStatus,
)
from roundtable.meetings import follow_ups as meetings_follow_ups
from roundtable.meetings import (
    invitation_queries,
    invitations,
    lifecycle,
    minutes,
    minutes_queries,
    queries,
)
from roundtable.meetings import questions as meetings_questions
from roundtable.people import organisations as people_organisations
from roundtable.people import persons
from roundtable.people import queries as people_queries
from roundtable.statements import queries as statement_queries
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import Base, Organisation, Person, Roundtable

pytestmark = pytest.mark.usefixtures("clock")

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
I = InvitationStatus  # noqa: E741


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _grow(session: Session, size: int, tag: str) -> dict[str, int]:
    """``size`` roundtables, each with ``size`` invitees, questions, notes, actions and more."""
    org = people_organisations.create_organisation(session, f"Org {tag}")
    people = [
        persons.create_person(
            session, f"Person {tag}{i}", email=f"p{tag}{i}@example.org", organisation=org
        )
        for i in range(size)
    ]
    statement = records.create_statement(session, f"s-{tag.lower()}", "S")
    last: dict[str, int] = {}
    for r in range(size):
        roundtable = lifecycle.create_roundtable(
            session,
            title=f"RT {tag}{r}",
            host=org,
            organiser=people[0],
            at=NOW - timedelta(days=30),
        )
        lifecycle.schedule(
            session,
            roundtable,
            datetime(2026, 12, 1 + r, 14, 0),
            datetime(2026, 12, 1 + r, 16, 0),
            at=NOW - timedelta(days=30),
        )
        records.link_roundtable(session, statement, roundtable)
        for person in people:
            invitation = invitations.add_invitation(
                session, roundtable, person=person, at=NOW - timedelta(days=30)
            )
            invitations.mark_invited(session, invitation, at=NOW - timedelta(days=20))
            last["invitation"] = invitation.id
            meetings_questions.add_question(session, roundtable, "Q", asked_by_person=person)
        item = minutes.add_agenda_item(session, roundtable, "Item")
        for person in people:
            minutes.add_minute_note(session, item, "N", speaker_person=person)
            minutes.add_action_item(session, roundtable, "A", owner_person=person)
        for step in range(size):
            meetings_follow_ups.add_follow_up(
                session, roundtable, date(2026, 12, 20), "F", organisation=org
            )
            # Longer histories too, for the history queries.
            lifecycle.update_details(session, roundtable, title=f"RT {tag}{r} v{step}")
            answer = I.ACCEPTED if step % 2 == 0 else I.DECLINED
            invitations.record_response(session, invitation, answer)
        last["roundtable"] = roundtable.id
    last["person"] = people[0].id
    last["organisation"] = org.id
    return last


QUERIES: dict[str, Callable[[Session, dict[str, int]], Any]] = {
    "list_roundtables": lambda s, ids: queries.list_roundtables(s),
    "upcoming_roundtables": lambda s, ids: queries.upcoming_roundtables(s, NOW, limit=1000),
    "list_invitations": lambda s, ids: invitation_queries.list_invitations(s, ids["roundtable"]),
    "unanswered_invitations": lambda s, ids: invitation_queries.unanswered_invitations(s, NOW),
    "invitation_history": lambda s, ids: invitation_queries.history_rows(s, ids["invitation"]),
    "roundtable_history": lambda s, ids: queries.roundtable_history(s, ids["roundtable"]),
    "list_people": lambda s, ids: people_queries.list_people(s),
    "list_organisations": lambda s, ids: people_queries.list_organisations(s),
    "person_history": lambda s, ids: people_queries.person_history(s, ids["person"]),
    "organisation_history": lambda s, ids: people_queries.organisation_history(
        s, ids["organisation"]
    ),
    "list_questions": lambda s, ids: minutes_queries.list_questions(s, ids["roundtable"]),
    "minutes": lambda s, ids: minutes_queries.minutes(s, ids["roundtable"]),
    "list_action_items": lambda s, ids: minutes_queries.list_action_items(s),
    "open_action_items": lambda s, ids: minutes_queries.open_action_items(s),
    "list_follow_ups": lambda s, ids: minutes_queries.list_follow_ups(s, ids["roundtable"]),
    "list_statements": lambda s, ids: statement_queries.list_statements(s),
}


@pytest.fixture
def grown(db: Database) -> Callable[[int, str], dict[str, int]]:
    def grow(size: int, tag: str) -> dict[str, int]:
        with db.transaction() as session:
            return _grow(session, size, tag)

    return grow


def _run(db: Database, name: str, ids: dict[str, int]) -> tuple[int, Any]:
    with db.transaction() as session, _counting(db) as statements:
        result = QUERIES[name](session, ids)
    return len(statements), result


@pytest.mark.parametrize("name", list(QUERIES))
def test_statement_count_does_not_grow_with_the_rows(
    db: Database, grown: Callable[[int, str], dict[str, int]], name: str
) -> None:
    small_ids = grown(2, "A")
    small_count, small = _run(db, name, small_ids)
    big_ids = grown(6, "B")  # the database now holds 2² + 6² invitations and so on
    big_count, big = _run(db, name, big_ids)
    assert _size(big) > _size(small) > 0, "the bigger database must give more rows"
    assert big_count == small_count <= 4
    # Plain values only: every row is a frozen dataclass holding no ORM object.
    for row in big:
        assert dataclasses.is_dataclass(row) and type(row).__dataclass_params__.frozen
        assert _plain(dataclasses.asdict(row))


def _size(rows: Any) -> int:
    """How many rows, nested ones (notes, history) included."""
    total = 0
    for row in rows:
        total += 1
        for value in vars(row).values():
            if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
                total += _size(value)
    return total


def _plain(value: Any) -> bool:
    if isinstance(value, Base):
        return False
    if isinstance(value, tuple | list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    return True


# ======================================================================================
# What the lists hold
# ======================================================================================


@pytest.fixture
def story(db: Database) -> dict[str, int]:
    """One roundtable with invitations in every state, minutes and a cancelled one."""
    with db.transaction() as session:
        ngo = people_organisations.create_organisation(
            session, "Privacy First", kind="ngo", is_own=True
        )
        company = people_organisations.create_organisation(
            session, "TikTok", kind="company", email="a@tt.com"
        )
        jan = persons.create_person(session, "Jan de Vries", email="jan@pf.nl", organisation=ngo)
        eva = persons.create_person(session, "Eva Jansen", email="eva@x.org")
        kim = persons.create_person(session, "Kim", email="kim@x.org")
        roundtable = lifecycle.create_roundtable(
            session, title="Clover", host=company, organiser=jan, at=NOW - timedelta(days=40)
        )
        lifecycle.schedule(
            session,
            roundtable,
            datetime(2026, 12, 10, 14, 0),
            datetime(2026, 12, 10, 16, 0),
            at=NOW - timedelta(days=40),
        )
        old = NOW - timedelta(days=30)
        accepted = invitations.add_invitation(session, roundtable, person=jan, at=old)
        invitations.mark_invited(session, accepted, at=old)
        invitations.record_response(session, accepted, I.ACCEPTED, at=NOW - timedelta(days=1))
        waiting = invitations.add_invitation(session, roundtable, person=eva, at=old)
        invitations.mark_invited(session, waiting, at=old)
        recent = invitations.add_invitation(session, roundtable, person=kim, at=old)
        invitations.mark_invited(session, recent, at=NOW - timedelta(days=2))
        by_org = invitations.add_invitation(session, roundtable, organisation=company, at=old)
        invitations.mark_invited(session, by_org, at=old)
        invitations.withdraw(session, by_org, "Not relevant", at=NOW - timedelta(days=3))

        cancelled = lifecycle.create_roundtable(session, title="Called off")
        lifecycle.schedule(
            session, cancelled, datetime(2026, 12, 20, 9), datetime(2026, 12, 20, 10)
        )
        lost = invitations.add_invitation(session, cancelled, person=eva, at=old)
        invitations.mark_invited(session, lost, at=old)
        lifecycle.cancel(session, cancelled, "No agenda")
        draft = lifecycle.create_roundtable(session, title="Draft")

        meetings_questions.add_question(session, roundtable, "Second?", asked_by_organisation=ngo)
        meetings_questions.add_question(
            session, roundtable, "First?", asked_by_person=jan, position=0
        )
        item = minutes.add_agenda_item(session, roundtable, "Data")
        minutes.add_minute_note(session, item, "Said it", speaker_person=eva)
        minutes.add_minute_note(
            session, item, "Decided", kind=NoteKind.DECISION, not_for_attribution=True
        )
        minutes.add_agenda_item(session, roundtable, "Empty")
        minutes.add_action_item(session, roundtable, "Later", owner_organisation=company)
        minutes.add_action_item(
            session, roundtable, "Soon", owner_person=jan, due_on=date(2026, 12, 1)
        )
        done = minutes.add_action_item(session, cancelled, "Done", due_on=date(2026, 11, 1))
        minutes.set_action_done(session, done, True)
        return {
            "roundtable": roundtable.id,
            "cancelled": cancelled.id,
            "draft": draft.id,
            "jan": jan.id,
            "eva": eva.id,
            "ngo": ngo.id,
            "company": company.id,
            "withdrawn": by_org.id,
        }


def test_list_roundtables(db: Database, story: dict[str, int]) -> None:
    with db.transaction() as session:
        rows = queries.list_roundtables(session)
    assert [r.title for r in rows] == ["Draft", "Called off", "Clover"]
    clover = rows[2]
    assert (clover.host_name, clover.organiser_name, clover.status) == (
        "TikTok",
        "Jan de Vries",
        RoundtableStatus.SCHEDULED,
    )
    assert clover.invitation_count == 4
    assert clover.counts == {"accepted": 1, "invited": 2, "withdrawn": 1}
    assert rows[0].counts == {} and rows[0].invitation_count == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        clover.title = "x"  # type: ignore[misc]


def test_upcoming_roundtables(db: Database, story: dict[str, int]) -> None:
    with db.transaction() as session:
        assert [r.title for r in queries.upcoming_roundtables(session, NOW)] == ["Clover"]
        assert queries.upcoming_roundtables(session, datetime(2027, 1, 1, tzinfo=UTC)) == []
        roundtable = session.get(Roundtable, story["roundtable"])
        lifecycle.postpone(session, roundtable, "Later")
        later = lifecycle.create_roundtable(session, title="Later one")
        lifecycle.schedule(session, later, datetime(2026, 12, 24, 9), datetime(2026, 12, 24, 10))
        assert [r.title for r in queries.upcoming_roundtables(session, NOW)] == [
            "Clover",
            "Later one",
        ]
        assert [r.title for r in queries.upcoming_roundtables(session, NOW, limit=1)] == ["Clover"]


def test_list_invitations(db: Database, story: dict[str, int]) -> None:
    with db.transaction() as session:
        rows = invitation_queries.list_invitations(session, story["roundtable"])
    assert [(r.name, r.organisation_name, r.email, r.status) for r in rows] == [
        ("Jan de Vries", "Privacy First", "jan@pf.nl", I.ACCEPTED),
        ("Eva Jansen", "", "eva@x.org", I.INVITED),
        ("Kim", "", "kim@x.org", I.INVITED),
        ("TikTok", "TikTok", "a@tt.com", I.WITHDRAWN),
    ]
    assert rows[0].last_change_at == NOW - timedelta(days=1)
    assert rows[3].last_reason == "Not relevant"
    assert rows[3].role is InvitationRole.PARTICIPANT


def test_unanswered_invitations(db: Database, story: dict[str, int]) -> None:
    with db.transaction() as session:
        rows = invitation_queries.unanswered_invitations(session, NOW)
        # Eva waits 30 days; Kim was asked 2 days ago; the cancelled roundtable is left out.
        assert [(r.name, r.roundtable_title) for r in rows] == [("Eva Jansen", "Clover")]
        assert rows[0].last_change_at == NOW - timedelta(days=30)
        rows = invitation_queries.unanswered_invitations(session, NOW, older_than=timedelta(days=1))
        assert [r.name for r in rows] == ["Eva Jansen", "Kim"]


def test_histories(db: Database, story: dict[str, int]) -> None:
    with db.transaction() as session:
        history = invitation_queries.history_rows(session, story["withdrawn"])
        assert [(h.from_status, h.to_status) for h in history] == [
            (None, I.NOT_SENT),
            (I.NOT_SENT, I.INVITED),
            (I.INVITED, I.WITHDRAWN),
        ]
        assert (history[2].party, history[2].reason, history[2].actor) == (
            Party.HOST,
            "Not relevant",
            "tester",
        )
        rt_history = queries.roundtable_history(session, story["cancelled"])
        assert [h.action for h in rt_history] == [
            RoundtableAction.CREATED,
            RoundtableAction.SCHEDULED,
            RoundtableAction.CANCELLED,
        ]
        assert (rt_history[-1].reason, rt_history[-1].sequence) == ("No agenda", 1)


def test_person_and_organisation_history(db: Database, story: dict[str, int]) -> None:
    with db.transaction() as session:
        eva = people_queries.person_history(session, story["eva"])
        # Newest roundtable first: "Called off" (20 Dec) before "Clover" (10 Dec).
        assert [(e.roundtable_title, e.status) for e in eva] == [
            ("Called off", I.INVITED),
            ("Clover", I.INVITED),
        ]
        assert eva[0].roundtable_status is RoundtableStatus.CANCELLED
        assert [h.to_status for h in eva[1].history] == [I.NOT_SENT, I.INVITED]
        company = people_queries.organisation_history(session, story["company"])
        assert [(e.invitee_name, e.status) for e in company] == [("TikTok", I.WITHDRAWN)]
        ngo = people_queries.organisation_history(session, story["ngo"])
        assert [e.invitee_name for e in ngo] == ["Jan de Vries"]


def test_list_people_and_organisations(db: Database, story: dict[str, int]) -> None:
    with db.transaction() as session:
        people = people_queries.list_people(session)
        organisations = people_queries.list_organisations(session)
    assert [(p.name, p.invitation_count, p.organisation_name) for p in people] == [
        ("Eva Jansen", 2, ""),
        ("Jan de Vries", 1, "Privacy First"),
        ("Kim", 1, ""),
    ]
    assert people[2].last_invited_at == NOW - timedelta(days=2)
    assert not any(p.erased for p in people)
    assert [(o.name, o.people_count, o.invitation_count, o.is_own) for o in organisations] == [
        ("Privacy First", 1, 1, True),
        ("TikTok", 0, 1, False),
    ]


def test_questions_minutes_actions_follow_ups_statements(
    db: Database, story: dict[str, int]
) -> None:
    with db.transaction() as session:
        questions = minutes_queries.list_questions(session, story["roundtable"])
        assert [(q.position, q.text, q.asked_by_name) for q in questions] == [
            (0, "First?", "Jan de Vries"),
            (1, "Second?", "Privacy First"),
        ]
        agenda = minutes_queries.minutes(session, story["roundtable"])
        assert [(a.title, len(a.notes)) for a in agenda] == [("Data", 2), ("Empty", 0)]
        assert [(n.text, n.speaker_name, n.not_for_attribution) for n in agenda[0].notes] == [
            ("Said it", "Eva Jansen", False),
            ("Decided", "", True),
        ]
        actions = minutes_queries.list_action_items(session)
        assert [(a.description, a.owner_name) for a in actions] == [
            ("Done", ""),
            ("Soon", "Jan de Vries"),
            ("Later", "TikTok"),
        ]
        assert [a.description for a in minutes_queries.open_action_items(session)] == [
            "Soon",
            "Later",
        ]
        assert [
            a.description
            for a in minutes_queries.list_action_items(session, story["cancelled"], open_only=False)
        ] == ["Done"]
        roundtable = session.get(Roundtable, story["roundtable"])
        company = session.get(Organisation, story["company"])
        meetings_follow_ups.add_follow_up(
            session, roundtable, date(2026, 12, 2), "Later", organisation=company
        )
        meetings_follow_ups.add_follow_up(session, roundtable, date(2026, 12, 1), "Earlier")
        follow_ups = minutes_queries.list_follow_ups(session, story["roundtable"])
        assert [(f.body, f.organisation_name) for f in follow_ups] == [
            ("Earlier", ""),
            ("Later", "TikTok"),
        ]
        statement = records.create_statement(session, "clover", "On Clover")
        records.link_roundtable(session, statement, roundtable)
        records.link_roundtable(session, statement, session.get(Roundtable, story["draft"]))
        rows = statement_queries.list_statements(session)
        assert [(s.slug, s.roundtable_ids) for s in rows] == [
            ("clover", (story["roundtable"], story["draft"]))
        ]


def test_erased_person_is_flagged(db: Database, story: dict[str, int]) -> None:
    with db.transaction() as session:
        kim = session.get(Person, story["eva"])
        assert kim is not None
        kim.erased_at = context.now()
        rows = {p.id: p for p in people_queries.list_people(session)}
    assert rows[story["eva"]].erased is True
    assert rows[story["jan"]].erased is False


def test_response_summary() -> None:
    summary = queries.response_summary(
        {
            "accepted": 3,
            "attended": 1,
            "tentative": 2,
            "declined": 4,
            "invited": 5,
            "no_response": 6,
            "withdrawn": 1,
            "not_sent": 7,
            "no_show": 2,
        }
    )
    assert summary.segments() == (
        ("accepted", 4),
        ("tentative", 2),
        ("declined", 4),
        ("awaiting", 11),
        ("withdrawn", 1),
    )
    assert (summary.not_sent, summary.no_show, summary.in_bar, summary.total) == (7, 2, 22, 31)
    assert queries.response_summary({}).total == 0
