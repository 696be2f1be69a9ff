"""Read models of what happens at and after a roundtable: questions, minutes, action items,
follow-ups, and who can be named as asker, speaker or owner.

Like :mod:`roundtable.meetings.queries`, every function returns frozen rows of
plain values in a constant number of statements.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from roundtable.enums import (
    NoteKind,
    QuestionStatus,
)
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Roundtable,
)


@dataclass(frozen=True)
class PartyChoice:
    """A person or an organisation that can be named as asker, speaker or owner.

    Exactly one of ``person_id`` and ``organisation_id`` is set. For a person,
    ``organisation_name`` is the organisation they belong to ("" for none).
    """

    person_id: int | None
    organisation_id: int | None
    name: str
    organisation_name: str = ""


def party_choices(session: Session, *, organisations: bool = True) -> list[PartyChoice]:
    """People (not erased) by name, then (with ``organisations``) organisations by name.

    Two statements at most, however many there are.
    """
    people = session.execute(
        select(Person.id, Person.name, Organisation.name)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Person.erased_at.is_(None))
        .order_by(func.lower(Person.name), Person.id)
    )
    choices = [
        PartyChoice(person_id=pid, organisation_id=None, name=name, organisation_name=org or "")
        for pid, name, org in people
    ]
    if organisations:
        rows = session.execute(
            select(Organisation.id, Organisation.name).order_by(
                func.lower(Organisation.name), Organisation.id
            )
        )
        choices.extend(
            PartyChoice(person_id=None, organisation_id=oid, name=name) for oid, name in rows
        )
    return choices


@dataclass(frozen=True)
class RoundtableMinutes:
    """A roundtable's agenda (each item with its notes) and its action items, read together."""

    agenda: tuple[AgendaItemRow, ...]
    action_items: tuple[ActionItemRow, ...]


def roundtable_minutes(session: Session, roundtable_id: int) -> RoundtableMinutes:
    """The Minutes tab's contents in one transaction: three statements."""
    return RoundtableMinutes(
        agenda=tuple(minutes(session, roundtable_id)),
        action_items=tuple(list_action_items(session, roundtable_id)),
    )


__all__ = ["PartyChoice", "RoundtableMinutes", "party_choices", "roundtable_minutes"]


@dataclass(frozen=True)
class QuestionRow:
    id: int
    roundtable_id: int
    position: int
    text: str
    status: QuestionStatus
    answer: str
    asked_by_person_id: int | None
    asked_by_organisation_id: int | None
    #: The asking person's or organisation's name, or "" when nobody is named.
    asked_by_name: str


@dataclass(frozen=True)
class NoteRow:
    id: int
    position: int
    kind: NoteKind
    text: str
    speaker_name: str
    speaker_person_id: int | None
    speaker_organisation_id: int | None
    not_for_attribution: bool


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    position: int
    title: str
    notes: tuple[NoteRow, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ActionItemRow:
    id: int
    roundtable_id: int
    roundtable_title: str
    agenda_item_id: int | None
    description: str
    owner_name: str
    owner_person_id: int | None
    owner_organisation_id: int | None
    due_on: date | None
    done: bool
    done_at: datetime | None


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    roundtable_id: int
    dated: date
    title: str
    body: str
    stance: str
    organisation_id: int | None
    organisation_name: str


def _name_of(person_name: str | None, organisation_name: str | None) -> str:
    return person_name or organisation_name or ""


def list_questions(session: Session, roundtable_id: int) -> list[QuestionRow]:
    """A roundtable's questions in list order, with who asked them."""
    person = aliased(Person)
    organisation = aliased(Organisation)
    stmt = (
        select(Question, person.name, organisation.name)
        .outerjoin(person, person.id == Question.asked_by_person_id)
        .outerjoin(organisation, organisation.id == Question.asked_by_organisation_id)
        .where(Question.roundtable_id == roundtable_id)
        .order_by(Question.position, Question.id)
    )
    return [
        QuestionRow(
            id=q.id,
            roundtable_id=q.roundtable_id,
            position=q.position,
            text=q.text,
            status=q.status,
            answer=q.answer or "",
            asked_by_person_id=q.asked_by_person_id,
            asked_by_organisation_id=q.asked_by_organisation_id,
            asked_by_name=_name_of(person_name, organisation_name),
        )
        for q, person_name, organisation_name in session.execute(stmt)
    ]


def minutes(session: Session, roundtable_id: int) -> list[AgendaItemRow]:
    """A roundtable's agenda items in order, each with its notes in order: two statements."""
    items = session.scalars(
        select(AgendaItem)
        .where(AgendaItem.roundtable_id == roundtable_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    person = aliased(Person)
    organisation = aliased(Organisation)
    notes_stmt = (
        select(MinuteNote, person.name, organisation.name)
        .join(AgendaItem, AgendaItem.id == MinuteNote.agenda_item_id)
        .outerjoin(person, person.id == MinuteNote.speaker_person_id)
        .outerjoin(organisation, organisation.id == MinuteNote.speaker_organisation_id)
        .where(AgendaItem.roundtable_id == roundtable_id)
        .order_by(MinuteNote.position, MinuteNote.id)
    )
    notes: dict[int, list[NoteRow]] = defaultdict(list)
    for n, person_name, organisation_name in session.execute(notes_stmt):
        notes[n.agenda_item_id].append(
            NoteRow(
                id=n.id,
                position=n.position,
                kind=n.kind,
                text=n.text,
                speaker_name=_name_of(person_name, organisation_name),
                speaker_person_id=n.speaker_person_id,
                speaker_organisation_id=n.speaker_organisation_id,
                not_for_attribution=bool(n.not_for_attribution),
            )
        )
    return [
        AgendaItemRow(
            id=item.id,
            position=item.position,
            title=item.title,
            notes=tuple(notes.get(item.id, ())),
        )
        for item in items
    ]


def list_action_items(
    session: Session, roundtable_id: int | None = None, open_only: bool = False
) -> list[ActionItemRow]:
    """Action items (of one roundtable, or all), earliest due date first, undated last."""
    person = aliased(Person)
    organisation = aliased(Organisation)
    stmt = (
        select(ActionItem, Roundtable.title, person.name, organisation.name)
        .join(Roundtable, Roundtable.id == ActionItem.roundtable_id)
        .outerjoin(person, person.id == ActionItem.owner_person_id)
        .outerjoin(organisation, organisation.id == ActionItem.owner_organisation_id)
        .order_by(case((ActionItem.due_on.is_(None), 1), else_=0), ActionItem.due_on, ActionItem.id)
    )
    if roundtable_id is not None:
        stmt = stmt.where(ActionItem.roundtable_id == roundtable_id)
    if open_only:
        stmt = stmt.where(ActionItem.done.is_(False))
    return [
        ActionItemRow(
            id=a.id,
            roundtable_id=a.roundtable_id,
            roundtable_title=title,
            agenda_item_id=a.agenda_item_id,
            description=a.description,
            owner_name=_name_of(person_name, organisation_name),
            owner_person_id=a.owner_person_id,
            owner_organisation_id=a.owner_organisation_id,
            due_on=a.due_on,
            done=bool(a.done),
            done_at=a.done_at,
        )
        for a, title, person_name, organisation_name in session.execute(stmt)
    ]


def open_action_items(session: Session) -> list[ActionItemRow]:
    """Every action item not done yet, by due date (the dashboard's list)."""
    return list_action_items(session, open_only=True)


def list_follow_ups(session: Session, roundtable_id: int) -> list[FollowUpRow]:
    """A roundtable's follow-ups, oldest first."""
    stmt = (
        select(FollowUp, Organisation.name)
        .outerjoin(Organisation, Organisation.id == FollowUp.organisation_id)
        .where(FollowUp.roundtable_id == roundtable_id)
        .order_by(FollowUp.dated, FollowUp.id)
    )
    return [
        FollowUpRow(
            id=f.id,
            roundtable_id=f.roundtable_id,
            dated=f.dated,
            title=f.title or "",
            body=f.body or "",
            stance=f.stance or "",
            organisation_id=f.organisation_id,
            organisation_name=organisation_name or "",
        )
        for f, organisation_name in session.execute(stmt)
    ]
