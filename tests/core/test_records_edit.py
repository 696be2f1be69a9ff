"""Editing and deleting records: validation before any change, renumbering, refusals, audit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.enums import NoteKind, StatementStatus
from roundtable.errors import ValidationError
from roundtable.meetings import follow_ups, invitations, lifecycle, minutes
from roundtable.meetings import invitations as meetings_invitations
from roundtable.meetings import questions as meetings_questions
from roundtable.people import organisations, persons
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    AuditEntry,
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
    statement_roundtable,
)

pytestmark = pytest.mark.usefixtures("clock")

FUTURE_START, FUTURE_END = datetime(2026, 12, 10, 14, 0), datetime(2026, 12, 10, 16, 0)


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _roundtable(session: Session, title: str = "Project Clover") -> Roundtable:
    return lifecycle.create_roundtable(session, title=title)


# ======================================================================================
# Agenda items and notes
# ======================================================================================


def test_update_agenda_item_validates_the_title(db: Database) -> None:
    with db.transaction() as session:
        item = minutes.add_agenda_item(session, _roundtable(session), "Welcome")
        minutes.update_agenda_item(session, item, title="  Opening  ")
        assert item.title == "Opening"
        with pytest.raises(ValidationError) as caught:
            minutes.update_agenda_item(session, item, title=" ")
        assert caught.value.field == "title"
        assert item.title == "Opening"
        with pytest.raises(ValueError, match="cannot change position"):
            minutes.update_agenda_item(session, item, position=3)


def test_move_and_delete_agenda_items_renumber(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        a, b, c = (minutes.add_agenda_item(session, roundtable, t) for t in "ABC")
        minutes.move_agenda_item(session, c, 0)
        assert [i.title for i in roundtable.agenda_items] == ["C", "A", "B"]
        assert [i.position for i in roundtable.agenda_items] == [0, 1, 2]
        minutes.add_minute_note(session, a, "Note under A")
        action = minutes.add_action_item(session, roundtable, "Do it", agenda_item=a)
        minutes.delete_agenda_item(session, a)
        assert [(i.title, i.position) for i in roundtable.agenda_items] == [("C", 0), ("B", 1)]
        assert _count(session, MinuteNote) == 0
        assert action.agenda_item_id is None
        assert b.position == 1


def test_update_move_and_delete_minute_notes(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        item = minutes.add_agenda_item(session, roundtable, "Data")
        person = persons.create_person(session, "Eva")
        org = organisations.create_organisation(session, "TikTok")
        first = minutes.add_minute_note(session, item, "One")
        second = minutes.add_minute_note(session, item, "Two")
        third = minutes.add_minute_note(session, item, "Three")
        minutes.update_minute_note(
            session,
            first,
            text="Uno",
            kind="decision",
            speaker_person=person,
            speaker_organisation=org,
            not_for_attribution=True,
        )
        assert (first.text, first.kind, first.speaker_person, first.not_for_attribution) == (
            "Uno",
            NoteKind.DECISION,
            person,
            True,
        )
        with pytest.raises(ValidationError) as caught:
            minutes.update_minute_note(session, first, kind="rumour", text="changed")
        assert caught.value.field == "kind"
        assert first.text == "Uno"
        minutes.move_minute_note(session, third, 0)
        minutes.delete_minute_note(session, first)
        assert [(n.text, n.position) for n in item.notes] == [("Three", 0), ("Two", 1)]
        assert second.position == 1


# ======================================================================================
# Action items, follow-ups, questions
# ======================================================================================


def test_update_action_item(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        other = _roundtable(session, "Other")
        item = minutes.add_agenda_item(session, roundtable, "Data")
        foreign_item = minutes.add_agenda_item(session, other, "Elsewhere")
        org = organisations.create_organisation(session, "TikTok")
        action = minutes.add_action_item(session, roundtable, "Send report")
        minutes.update_action_item(
            session,
            action,
            description=" Send the report ",
            owner_organisation=org,
            due_on=date(2026, 12, 20),
            agenda_item=item,
        )
        assert (action.description, action.owner_organisation, action.due_on) == (
            "Send the report",
            org,
            date(2026, 12, 20),
        )
        with pytest.raises(ValidationError, match="belongs to another roundtable") as caught:
            minutes.update_action_item(session, action, agenda_item=foreign_item, description="X")
        assert caught.value.field == "agenda_item"
        assert action.description == "Send the report"
        with pytest.raises(ValidationError) as caught:
            minutes.update_action_item(session, action, due_on=datetime(2026, 1, 1, tzinfo=UTC))
        assert caught.value.field == "due_on"
        minutes.delete_action_item(session, action)
        assert _count(session, ActionItem) == 0
        assert roundtable.action_items == []


def test_update_and_delete_follow_up(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        follow_up = follow_ups.add_follow_up(session, roundtable, date(2026, 12, 1), "Nothing yet.")
        follow_ups.update_follow_up(
            session, follow_up, dated=date(2026, 12, 2), stance="Wait", title="Update"
        )
        assert (follow_up.dated, follow_up.stance, follow_up.title) == (
            date(2026, 12, 2),
            "Wait",
            "Update",
        )
        with pytest.raises(ValidationError) as caught:
            follow_ups.update_follow_up(session, follow_up, body="")
        assert caught.value.field == "body"
        follow_ups.delete_follow_up(session, follow_up)
        assert _count(session, FollowUp) == 0


def test_delete_question_renumbers(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        questions = [
            meetings_questions.add_question(session, roundtable, t) for t in ("Q1", "Q2", "Q3")
        ]
        meetings_questions.delete_question(session, questions[0])
        assert [(q.text, q.position) for q in roundtable.questions] == [("Q2", 0), ("Q3", 1)]
        assert _count(session, Question) == 2


# ======================================================================================
# Statements
# ======================================================================================


def test_update_statement_checks_the_slug_and_dates_publication(db: Database) -> None:
    with db.transaction() as session:
        records.create_statement(session, "taken", "Other")
        statement = records.create_statement(session, "clover", "On Clover")
        records.update_statement(session, statement, slug="clover", title="On Project Clover")
        assert statement.title == "On Project Clover"
        with pytest.raises(ValidationError, match="already a statement called 'taken'") as caught:
            records.update_statement(session, statement, slug="taken", title="Changed")
        assert caught.value.field == "slug"
        assert statement.title == "On Project Clover"
        with pytest.raises(ValidationError) as caught:
            records.update_statement(session, statement, status="final")
        assert caught.value.field == "status"
        records.update_statement(session, statement, status="published")
        assert statement.status is StatementStatus.PUBLISHED
        assert statement.published_on == date(2026, 11, 29)  # today by the frozen clock
        records.update_statement(session, statement, published_on=date(2023, 12, 3))
        assert statement.published_on == date(2023, 12, 3)


def test_sections_references_and_updates(db: Database) -> None:
    with db.transaction() as session:
        statement = records.create_statement(session, "clover", "On Clover")
        a, b, c = (records.add_statement_section(session, statement, k, k, "") for k in "abc")
        records.update_statement_section(session, b, heading="Bee", body="Text")
        assert (b.heading, b.body) == ("Bee", "Text")
        with pytest.raises(ValidationError) as caught:
            records.update_statement_section(session, b, key="Not a key")
        assert caught.value.field == "key"
        with pytest.raises(ValidationError, match="heading or a text"):
            records.update_statement_section(session, a, heading="")
        records.move_statement_section(session, c, 0)
        records.delete_statement_section(session, a)
        assert [(s.key, s.position) for s in statement.sections] == [("c", 0), ("b", 1)]

        first = records.add_reference(session, statement, "fd", "One")
        second = records.add_reference(session, statement, "nos", "Two")
        with pytest.raises(ValidationError, match="already has a reference with the key 'fd'"):
            records.update_reference(session, second, key="fd")
        records.update_reference(session, second, key="nos-2023", url="https://nos.nl/x")
        assert (second.key, second.url) == ("nos-2023", "https://nos.nl/x")
        with pytest.raises(ValidationError) as caught:
            records.update_reference(session, second, url="ftp://x")
        assert caught.value.field == "url"
        records.delete_reference(session, first)
        assert [(r.key, r.position) for r in statement.references] == [("nos-2023", 0)]

        update = records.add_statement_update(session, statement, date(2026, 12, 3), "Waiting.")
        records.update_statement_update(session, update, title="Update", dated=date(2026, 12, 4))
        assert (update.title, update.dated) == ("Update", date(2026, 12, 4))
        records.delete_statement_update(session, update)
        assert statement.updates == []


def test_unlink_roundtable_and_delete_statement(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        statement = records.create_statement(session, "clover", "On Clover")
        records.add_statement_section(session, statement, "intro", "Intro", "Text")
        records.link_roundtable(session, statement, roundtable)
        records.unlink_roundtable(session, statement, roundtable)
        records.unlink_roundtable(session, statement, roundtable)  # twice changes nothing
        assert statement.roundtables == []
        records.link_roundtable(session, statement, roundtable)
        statement_id = statement.id
        records.delete_statement(session, statement)
        assert _count(session, Statement) == 0
        assert _count(session, StatementSection) == 0
        assert _count(session, statement_roundtable) == 0
        assert _count(session, Roundtable) == 1
        audit = session.scalars(select(AuditEntry)).one()
        assert (audit.action, audit.entity_type, audit.entity_id) == (
            "delete",
            "statement",
            statement_id,
        )


def test_deleted_statement_children_counted(db: Database) -> None:
    with db.transaction() as session:
        statement = records.create_statement(session, "x", "X")
        records.add_reference(session, statement, "r", "R")
        records.add_statement_update(session, statement, date(2026, 1, 1), "U")
        records.delete_statement(session, statement)
        assert _count(session, Reference) == 0
        assert _count(session, StatementUpdate) == 0


# ======================================================================================
# Invitations, people, organisations, roundtables
# ======================================================================================


def test_remove_invitation_only_before_it_was_sent(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        jan = persons.create_person(session, "Jan de Vries")
        eva = persons.create_person(session, "Eva Jansen")
        unsent = invitations.add_invitation(session, roundtable, person=eva)
        sent = invitations.add_invitation(session, roundtable, person=jan)
        invitations.mark_invited(session, sent)
        meetings_invitations.remove_invitation(session, unsent)
        assert [i.person for i in roundtable.invitations] == [jan]
        with pytest.raises(ValidationError) as caught:
            meetings_invitations.remove_invitation(session, sent)
        assert str(caught.value) == (
            "The invitation of Jan de Vries was already sent; withdraw it instead."
        )
        assert _count(session, Invitation) == 1


def test_delete_person_refused_while_invited(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        other = _roundtable(session, "Other")
        jan = persons.create_person(session, "Jan de Vries")
        invitations.add_invitation(session, roundtable, person=jan)
        invitations.add_invitation(session, other, person=jan)
        with pytest.raises(ValidationError) as caught:
            persons.delete_person(session, jan)
        assert str(caught.value) == (
            "Cannot delete Jan de Vries: they are on 2 invitations, whose history would lose "
            "them. Erase their personal details instead (Privacy > Erase, or "
            "'roundtable privacy erase')."
        )
        assert _count(session, Person) == 1
        assert _count(session, AuditEntry) == 0


def test_delete_person_clears_references_and_audits(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        eva = persons.create_person(session, "Eva Jansen")
        lifecycle.update_details(session, roundtable, organiser=eva)
        question = meetings_questions.add_question(session, roundtable, "Q", asked_by_person=eva)
        note = minutes.add_minute_note(
            session, minutes.add_agenda_item(session, roundtable, "A"), "N", speaker_person=eva
        )
        action = minutes.add_action_item(session, roundtable, "Do", owner_person=eva)
        eva_id = eva.id
        persons.delete_person(session, eva)
    with db.transaction() as session:
        assert session.get(Person, eva_id) is None
        assert session.get(Question, question.id).asked_by_person_id is None  # type: ignore[union-attr]
        assert session.get(MinuteNote, note.id).speaker_person_id is None  # type: ignore[union-attr]
        assert session.get(ActionItem, action.id).owner_person_id is None  # type: ignore[union-attr]
        assert session.get(Roundtable, roundtable.id).organiser_id is None  # type: ignore[union-attr]
        audit = session.scalars(select(AuditEntry)).one()
        assert (audit.action, audit.entity_type, audit.entity_id, audit.actor) == (
            "delete",
            "person",
            eva_id,
            "tester",
        )


def test_delete_organisation(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        ngo = organisations.create_organisation(session, "Privacy First")
        company = organisations.create_organisation(session, "TikTok")
        jan = persons.create_person(session, "Jan", organisation=ngo)
        invitations.add_invitation(session, roundtable, person=jan)  # on behalf of Privacy First
        with pytest.raises(ValidationError, match=r"^Cannot delete Privacy First: 1 invitation"):
            organisations.delete_organisation(session, ngo)
        lifecycle.update_details(session, roundtable, host=company)
        follow_up = follow_ups.add_follow_up(
            session, roundtable, date(2026, 1, 1), "B", organisation=company
        )
        organisations.delete_organisation(session, company)
        assert roundtable.host_organisation_id is None
        assert follow_up.organisation_id is None
        audit = session.scalars(select(AuditEntry)).one()
        assert (audit.entity_type, audit.detail) == ("organisation", '{"name": "TikTok"}')
    with db.transaction() as session:
        assert _count(session, Organisation) == 1


def test_delete_roundtable_only_as_an_unsent_draft(db: Database) -> None:
    with db.transaction() as session:
        draft = _roundtable(session, "Draft")
        jan = persons.create_person(session, "Jan")
        invitations.add_invitation(session, draft, person=jan)
        meetings_questions.add_question(session, draft, "Q")
        statement = records.create_statement(session, "s", "S")
        records.link_roundtable(session, statement, draft)
        draft_id = draft.id
        lifecycle.delete_roundtable(session, draft)
        assert statement.roundtables == []
        assert _count(session, Invitation) == 0
        assert _count(session, Question) == 0
        audit = session.scalars(select(AuditEntry)).one()
        assert (audit.entity_type, audit.entity_id) == ("roundtable", draft_id)

        scheduled = _roundtable(session, "Scheduled")
        lifecycle.schedule(session, scheduled, FUTURE_START, FUTURE_END)
        with pytest.raises(ValidationError, match=r"only a draft can be deleted\. Cancel it"):
            lifecycle.delete_roundtable(session, scheduled)

        sent = _roundtable(session, "Sent")
        invitation = invitations.add_invitation(session, sent, person=jan)
        invitations.mark_invited(session, invitation)
        with pytest.raises(ValidationError, match="1 invitation was already sent"):
            lifecycle.delete_roundtable(session, sent)
        assert _count(session, Roundtable) == 2


def test_an_error_leaves_nothing_written(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        minutes.add_agenda_item(session, roundtable, "A")
    with pytest.raises(ValidationError), db.transaction() as session:
        item = session.scalars(select(AgendaItem)).one()
        minutes.update_agenda_item(session, item, title="")
    with db.transaction() as session:
        assert session.scalars(select(AgendaItem.title)).one() == "A"
