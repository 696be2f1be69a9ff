"""The demo scenario: the TikTok story of autumn 2023, loaded through the core API."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.demo import DEMO_ROUNDTABLE_UIDS, DemoResult, load_demo, load_demo_on_first_run
from roundtable.enums import (
    ChangeSource,
    InvitationStatus,
    NoteKind,
    OrganisationKind,
    Party,
    QuestionStatus,
    RoundtableStatus,
)
from roundtable.meetings import lifecycle
from roundtable.people import organisations, persons
from roundtable.resources_access import read_resource_text
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import (
    Base,
    FollowUp,
    Invitation,
    MinuteNote,
    Organisation,
    Person,
    Roundtable,
    StatementUpdate,
)
from roundtable.validation import validate_email

CLOVER = "project-clover-2023-09-07@demo.roundtable.local"
HEARING = "tiktok-hearing-2023-09-06@demo.roundtable.local"
NOVEMBER = "tiktok-roundtable-2023-11-27@demo.roundtable.local"
UPCOMING = "clover-one-year-on@demo.roundtable.local"
OWN_EMAIL = "marloes.vandijk@privacyfirst.example"


@pytest.fixture
def demo(db: Database, clock: datetime) -> DemoResult:
    """The demo loaded into the empty test database."""
    with db.transaction() as session:
        return load_demo(session)


def _row_counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in Base.metadata.sorted_tables
    }


def _invitation_of(roundtable: Roundtable, email: str) -> Invitation:
    (invitation,) = [
        i for i in roundtable.invitations if i.person is not None and i.person.email == email
    ]
    return invitation


def test_first_load_reports_what_it_created(demo: DemoResult) -> None:
    assert demo.created is True
    assert demo.roundtables == 4
    # 1 own invitation + 39 from invitees.csv on 27 Nov, 4 on 7 Sep, 2 at the hearing,
    # and 14 for the roundtable still to come.
    assert demo.invitations == 40 + 4 + 2 + 14
    assert demo.people == 6 + 39
    assert demo.organisations == 6 + 34


def test_three_roundtables_with_their_dates_and_status(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        uids = set(session.scalars(select(Roundtable.uid)))
        assert uids == set(DEMO_ROUNDTABLE_UIDS) == {CLOVER, HEARING, NOVEMBER, UPCOMING}
        for uid in uids - {UPCOMING}:
            rt = lifecycle.get_roundtable(session, uid)
            assert rt.status == RoundtableStatus.HELD
            assert rt.timezone == "Europe/Amsterdam"
        clover = lifecycle.get_roundtable(session, CLOVER)
        # 14:00 in Amsterdam in summer time is 12:00 UTC.
        assert clover.starts_at == datetime(2023, 9, 7, 12, 0, tzinfo=UTC)
        assert clover.host is not None and clover.host.name == "TikTok"
        november = lifecycle.get_roundtable(session, NOVEMBER)
        assert november.starts_at == datetime(2023, 11, 27, 13, 0, tzinfo=UTC)
        assert november.starts_at.weekday() == 0  # a Monday, as the story says


def test_hearing_in_the_thorbecke_room(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        hearing = lifecycle.get_roundtable(session, HEARING)
        assert "Thorbecke Room" in hearing.venue
        assert "The Hague" in hearing.venue
        assert hearing.host is not None
        assert hearing.host.name == "Standing Committee on Digital Affairs"
        assert hearing.host.kind == OrganisationKind.PARLIAMENT
        assert hearing.starts_at is not None and hearing.starts_at.date() == date(2023, 9, 6)
        notes = [note.text for item in hearing.agenda_items for note in item.notes]
        assert any("China" in text and "public" in text for text in notes)


def test_withdrawn_invitation_history(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        clover = lifecycle.get_roundtable(session, CLOVER)
        invitation = _invitation_of(clover, OWN_EMAIL)
        assert invitation.status == InvitationStatus.WITHDRAWN
        steps = [event.to_status for event in invitation.history]
        assert steps[-3:] == [
            InvitationStatus.INVITED,
            InvitationStatus.ACCEPTED,
            InvitationStatus.WITHDRAWN,
        ]
        invited, accepted, withdrawn = invitation.history[-3:]
        assert invited.at.date() == date(2023, 8, 15)
        assert invited.source == ChangeSource.DEMO
        assert accepted.at.date() == date(2023, 8, 17)
        assert withdrawn.at.date() == date(2023, 9, 5)
        assert withdrawn.party == Party.HOST
        assert withdrawn.from_status == InvitationStatus.ACCEPTED
        assert "two days before" in withdrawn.reason
        assert "stay in touch" in withdrawn.reason
        # Every history reads in the order things happened.
        for inv in clover.invitations:
            times = [event.at for event in inv.history]
            assert times == sorted(times)


def test_six_unanswered_questions_on_project_clover(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        clover = lifecycle.get_roundtable(session, CLOVER)
        questions = clover.questions
        assert len(questions) == 6
        assert [q.position for q in questions] == [0, 1, 2, 3, 4, 5]
        for q in questions:
            assert q.status == QuestionStatus.UNANSWERED
            assert q.asked_by_organisation is not None
            assert q.asked_by_organisation.is_own
            assert "withdrew our invitation" in q.answer
        texts = " ".join(q.text for q in questions)
        for topic in ("EDPS", "China", "Singapore", "independence", "made public"):
            assert topic.lower() in texts.lower()


def test_november_roundtable_invitees_tell_the_story(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        november = lifecycle.get_roundtable(session, NOVEMBER)
        assert len(november.invitations) == 40
        statuses = Counter(i.status for i in november.invitations)
        assert statuses[InvitationStatus.NO_RESPONSE] == 20
        assert statuses[InvitationStatus.ATTENDED] == 11
        assert statuses[InvitationStatus.DECLINED] == 5
        assert statuses[InvitationStatus.TENTATIVE] == 3
        assert statuses[InvitationStatus.NO_SHOW] == 1
        assert _invitation_of(november, OWN_EMAIL).status == InvitationStatus.ATTENDED
        named = sum(i.consent_to_be_named for i in november.invitations)
        assert 0 < named < 20  # some agreed to be named, most did not
        individuals = [i for i in november.invitations if i.organisation is None]
        assert len(individuals) == 5
        no_show = next(i for i in november.invitations if i.status == InvitationStatus.NO_SHOW)
        assert [e.to_status for e in no_show.history][-3:] == [
            InvitationStatus.INVITED,
            InvitationStatus.ACCEPTED,
            InvitationStatus.NO_SHOW,
        ]


def test_november_minutes_questions_and_actions(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        november = lifecycle.get_roundtable(session, NOVEMBER)
        titles = [item.title for item in november.agenda_items]
        assert len(titles) == 3
        assert "Project Clover" in titles[1]
        notes = [note for item in november.agenda_items for note in item.notes]
        text = " ".join(note.text for note in notes)
        assert "Ireland" in text and "Norway" in text and "NCC Group" in text
        assert any(note.kind == NoteKind.DECISION for note in notes)
        hidden = [note for note in notes if note.not_for_attribution]
        assert hidden
        assert {q.status for q in november.questions} == {
            QuestionStatus.ANSWERED,
            QuestionStatus.ASKED,
        }
        actions = november.action_items
        assert len(actions) == 3
        assert all(a.due_on is not None for a in actions)
        assert all(a.owner_person is not None or a.owner_organisation for a in actions)
        done = [a for a in actions if a.done]
        assert len(done) == 1
        assert done[0].done_at is not None and done[0].done_at.date() == date(2023, 12, 3)


def test_not_for_attribution_notes_exist(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        count = session.scalar(
            select(func.count()).select_from(MinuteNote).where(MinuteNote.not_for_attribution)
        )
        assert count is not None and count >= 1


def test_follow_up_and_statement_update_of_3_december(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        (follow_up,) = session.scalars(select(FollowUp)).all()
        assert follow_up.dated == date(2023, 12, 3)
        assert follow_up.roundtable.uid == NOVEMBER
        assert follow_up.organisation is not None and follow_up.organisation.is_own
        assert "dialogue" in follow_up.stance and "Critical" in follow_up.stance

        statement = records.get_statement(session, "tiktok-charm-offensive")
        assert statement.language == "en"
        assert "Machine translation" in statement.translation_note
        assert [s.key for s in statement.sections] == [
            "introduction",
            "context",
            "questions",
            "invitation",
            "position",
        ]
        assert {rt.uid for rt in statement.roundtables} == {CLOVER, NOVEMBER}
        fd = next(r for r in statement.references if r.key == "fd-2023-09-05")
        assert fd.publisher == "Het Financieele Dagblad"
        assert fd.published_on == date(2023, 9, 5)
        assert len(statement.references) == 3
        (update,) = session.scalars(select(StatementUpdate)).all()
        assert update.statement_id == statement.id
        assert update.dated == date(2023, 12, 3)
        assert "27 November 2023" in update.body


def test_own_organisation_and_staff(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        own = session.scalars(select(Organisation).where(Organisation.is_own)).all()
        assert [o.name for o in own] == ["Privacy First Foundation"]
        staff = own[0].people
        assert len(staff) == 3
        assert all(p.email and p.email.endswith("@privacyfirst.example") for p in staff)


def test_loading_twice_writes_nothing(db: Database, demo: DemoResult) -> None:
    with db.session() as session:
        before = _row_counts(session)
    with db.transaction() as session:
        again = load_demo(session)
    with db.session() as session:
        after = _row_counts(session)
    assert after == before
    assert again.created is False
    assert (again.roundtables, again.people, again.organisations, again.invitations) == (
        demo.roundtables,
        demo.people,
        demo.organisations,
        demo.invitations,
    )


def test_the_first_run_loads_the_demo_only_into_an_empty_database(
    db: Database, clock: datetime
) -> None:
    """The desktop app's first start: its own transaction, only when nothing is there."""
    assert load_demo_on_first_run(db) is True
    with db.session() as session:
        counts = _row_counts(session)
    assert load_demo_on_first_run(db) is False
    with db.session() as session:
        assert _row_counts(session) == counts


def test_load_into_database_with_other_data_reuses_matches(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        organisations.create_organisation(session, "TikTok", kind=OrganisationKind.COMPANY)
        organisations.create_organisation(session, "Unrelated Neighbourhood Association")
        persons.create_person(session, "Elena M.", email="Elena.Marsh@tiktok.example")
    with db.transaction() as session:
        result = load_demo(session)
    assert result.created is True
    with db.session() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Organisation).where(Organisation.name == "TikTok")
            )
            == 1
        )
        elena = session.scalars(
            select(Person).where(func.lower(Person.email) == "elena.marsh@tiktok.example")
        ).all()
        assert len(elena) == 1
        assert elena[0].name == "Elena M."  # the user's record is kept, not overwritten
        clover = lifecycle.get_roundtable(session, CLOVER)
        assert clover.organiser is not None and clover.organiser.id == elena[0].id
        assert organisations.find_organisation_by_name(
            session, "Unrelated Neighbourhood Association"
        )


def test_every_demo_email_is_valid(db: Database, demo: DemoResult) -> None:
    scenario = json.loads(read_resource_text("demo", "scenario.json"))
    rows = list(csv.DictReader(io.StringIO(read_resource_text("demo", "invitees.csv"))))
    emails = [p["email"] for p in scenario["people"]]
    emails += [o["email"] for o in scenario["organisations"] if o.get("email")]
    emails += [row["email"] for row in rows]
    assert len(emails) == 6 + 1 + 39
    for email in emails:
        assert validate_email(email) == email
    with db.session() as session:
        stored = [e for e in session.scalars(select(Person.email)) if e]
        stored += [e for e in session.scalars(select(Organisation.email)) if e]
    assert sorted(stored) == sorted(emails)
    for email in stored:
        assert validate_email(email) == email


def test_statement_slug_taken_by_the_user_is_left_alone(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        records.create_statement(session, "tiktok-charm-offensive", "My own draft")
    with db.transaction() as session:
        load_demo(session)
    with db.session() as session:
        assert records.get_statement(session, "tiktok-charm-offensive").title == "My own draft"
        demo_statement = records.get_statement(session, "tiktok-charm-offensive-demo")
        assert len(demo_statement.sections) == 5


def test_every_demo_history_row_says_it_came_from_the_demo(db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from roundtable.demo import load_demo
    from roundtable.enums import ChangeSource
    from roundtable.storage.models import InvitationEvent

    with db.transaction() as session:
        load_demo(session)
    with db.transaction() as session:
        sources = set(session.scalars(select(InvitationEvent.source)))
    assert sources == {ChangeSource.DEMO}


def test_our_own_roundtable_is_still_to_come(db: Database) -> None:
    """Dated from the day the demo is loaded, so the dashboard always has work to show."""
    from datetime import timedelta

    from roundtable import context
    from roundtable.demo import load_demo
    from roundtable.meetings import invitation_queries, minutes_queries, queries

    loaded_on = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with context.frozen_clock(loaded_on), db.transaction() as session:
        load_demo(session)
    with db.transaction() as session:
        upcoming = lifecycle.get_roundtable(session, UPCOMING)
        assert upcoming.status == RoundtableStatus.SCHEDULED
        assert upcoming.host is not None and upcoming.host.is_own
        assert upcoming.starts_at is not None
        assert upcoming.starts_at.date() == (loaded_on + timedelta(days=24)).date()
        statuses = sorted(i.status.value for i in upcoming.invitations)
        assert statuses.count("invited") == 5 and statuses.count("not_sent") == 1
        later = loaded_on + timedelta(days=1)
        (row,) = [r for r in queries.upcoming_roundtables(session, later) if r.uid == UPCOMING]
        assert row.counts["accepted"] == 5
        waiting = invitation_queries.unanswered_invitations(
            session, later, older_than=timedelta(days=7)
        )
        assert len(waiting) == 5
        overdue = [
            a
            for a in minutes_queries.list_action_items(session, upcoming.id, open_only=True)
            if a.due_on and a.due_on < later.date()
        ]
        assert [a.description for a in overdue] == [
            "Book the meeting room and check the video link"
        ]
