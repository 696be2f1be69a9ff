"""Read models of people and organisations: frozen rows for the lists (each list in a
constant number of queries), each one's involvement across roundtables, the values
their forms edit, and what merging two people would do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.editing import get_or_fail
from roundtable.enums import (
    InvitationRole,
    InvitationStatus,
    LawfulBasis,
    OrganisationKind,
    RoundtableStatus,
)
from roundtable.errors import NotFoundError
from roundtable.i18n import _
from roundtable.meetings.invitation_queries import (
    HistoryRow,
    _history_row,
    _invitation_select,
    _invitation_values,
)
from roundtable.people import merging
from roundtable.storage.models import Invitation, InvitationEvent, Organisation, Person, Roundtable


@dataclass(frozen=True)
class InvolvementRow:
    """One invitation of a person or organisation, with its roundtable and history."""

    roundtable_id: int
    roundtable_title: str
    roundtable_starts_at: datetime | None
    roundtable_timezone: str
    roundtable_status: RoundtableStatus
    invitation_id: int
    invitee_name: str
    role: InvitationRole
    status: InvitationStatus
    history: tuple[HistoryRow, ...]


@dataclass(frozen=True)
class PersonRow:
    """One person for the people list."""

    id: int
    name: str
    email: str
    organisation_id: int | None
    organisation_name: str
    role: str
    phone: str
    preferred_language: str
    lawful_basis: LawfulBasis
    invitation_count: int
    #: When an invitation to them was last sent (marked INVITED), if ever.
    last_invited_at: datetime | None
    erased: bool


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation for the organisations list."""

    id: int
    name: str
    kind: OrganisationKind
    website: str
    email: str
    is_own: bool
    people_count: int
    #: Invitations on behalf of the organisation (its people's included).
    invitation_count: int


def _involvement(session: Session, where: Any) -> list[InvolvementRow]:
    """Invitations matching ``where`` with roundtable and history: two statements."""
    stmt, _ = _invitation_select()
    stmt = (
        stmt.add_columns(
            Roundtable.title.label("roundtable_title"),
            Roundtable.starts_at.label("roundtable_starts_at"),
            Roundtable.timezone.label("roundtable_timezone"),
            Roundtable.status.label("roundtable_status"),
            Roundtable.created_at.label("roundtable_created_at"),
        )
        .join(Roundtable, Roundtable.id == Invitation.roundtable_id)
        .where(where)
    )
    records = session.execute(stmt).all()
    history: dict[int, list[HistoryRow]] = defaultdict(list)
    if records:
        events = session.scalars(
            select(InvitationEvent)
            .where(InvitationEvent.invitation_id.in_([r.id for r in records]))
            .order_by(InvitationEvent.at, InvitationEvent.id)
        )
        for event in events:
            history[event.invitation_id].append(_history_row(event))

    # Newest roundtable first: by its start, or when it was created if undated.
    def newest_first(r: Any) -> tuple[datetime, int, int]:
        return (r.roundtable_starts_at or r.roundtable_created_at, r.roundtable_id, r.id)

    return [
        InvolvementRow(
            roundtable_id=r.roundtable_id,
            roundtable_title=r.roundtable_title,
            roundtable_starts_at=r.roundtable_starts_at,
            roundtable_timezone=r.roundtable_timezone,
            roundtable_status=r.roundtable_status,
            invitation_id=r.id,
            invitee_name=_invitation_values(r)["name"],
            role=r.role,
            status=r.status,
            history=tuple(history.get(r.id, ())),
        )
        for r in sorted(records, key=newest_first, reverse=True)
    ]


def person_history(session: Session, person_id: int) -> list[InvolvementRow]:
    """Every invitation of a person across all roundtables, newest roundtable first."""
    return _involvement(session, Invitation.person_id == person_id)


def organisation_history(session: Session, organisation_id: int) -> list[InvolvementRow]:
    """Every invitation on behalf of an organisation (its people's included), newest first."""
    return _involvement(session, Invitation.organisation_id == organisation_id)


def list_people(session: Session) -> list[PersonRow]:
    """Every person with organisation, invitation count and last invitation, by name.

    One statement: the counts come from grouped subqueries joined in.
    """
    invited = (
        select(Invitation.person_id.label("person_id"), func.count().label("n"))
        .where(Invitation.person_id.is_not(None))
        .group_by(Invitation.person_id)
        .subquery("invited")
    )
    last_sent = (
        select(Invitation.person_id.label("person_id"), func.max(InvitationEvent.at).label("at"))
        .join(InvitationEvent, InvitationEvent.invitation_id == Invitation.id)
        .where(
            Invitation.person_id.is_not(None), InvitationEvent.to_status == InvitationStatus.INVITED
        )
        .group_by(Invitation.person_id)
        .subquery("last_sent")
    )
    stmt = (
        select(
            Person,
            Organisation.name.label("organisation_name"),
            func.coalesce(invited.c.n, 0).label("invitation_count"),
            last_sent.c.at.label("last_invited_at"),
        )
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .outerjoin(invited, invited.c.person_id == Person.id)
        .outerjoin(last_sent, last_sent.c.person_id == Person.id)
        .order_by(func.lower(Person.name), Person.id)
    )
    return [
        PersonRow(
            id=p.id,
            name=p.name,
            email=p.email or "",
            organisation_id=p.organisation_id,
            organisation_name=organisation_name or "",
            role=p.role or "",
            phone=p.phone or "",
            preferred_language=p.preferred_language or "",
            lawful_basis=p.lawful_basis,
            invitation_count=int(count),
            last_invited_at=last_invited_at,
            erased=p.erased_at is not None,
        )
        for p, organisation_name, count, last_invited_at in session.execute(stmt)
    ]


def list_organisations(session: Session) -> list[OrganisationRow]:
    """Every organisation with its number of people and of invitations, by name."""
    people = (
        select(Person.organisation_id.label("organisation_id"), func.count().label("n"))
        .where(Person.organisation_id.is_not(None))
        .group_by(Person.organisation_id)
        .subquery("people")
    )
    invited = (
        select(Invitation.organisation_id.label("organisation_id"), func.count().label("n"))
        .where(Invitation.organisation_id.is_not(None))
        .group_by(Invitation.organisation_id)
        .subquery("invited")
    )
    stmt = (
        select(
            Organisation,
            func.coalesce(people.c.n, 0),
            func.coalesce(invited.c.n, 0),
        )
        .outerjoin(people, people.c.organisation_id == Organisation.id)
        .outerjoin(invited, invited.c.organisation_id == Organisation.id)
        .order_by(func.lower(Organisation.name), Organisation.id)
    )
    return [
        OrganisationRow(
            id=o.id,
            name=o.name,
            kind=o.kind,
            website=o.website or "",
            email=o.email or "",
            is_own=bool(o.is_own),
            people_count=int(n_people),
            invitation_count=int(n_invited),
        )
        for o, n_people, n_invited in session.execute(stmt)
    ]


@dataclass(frozen=True)
class PersonForm:
    """The values the person dialog edits, as plain values ("" for an empty text)."""

    id: int
    name: str
    email: str
    organisation_id: int | None
    role: str
    phone: str
    preferred_language: str
    lawful_basis: LawfulBasis
    consent_note: str
    notes: str


def person_form(session: Session, person_id: int) -> PersonForm:
    """One person's editable fields; :class:`NotFoundError` when they were deleted."""
    person = get_or_fail(session, Person, person_id)
    return PersonForm(
        id=person.id,
        name=person.name,
        email=person.email or "",
        organisation_id=person.organisation_id,
        role=person.role or "",
        phone=person.phone or "",
        preferred_language=person.preferred_language or "",
        lawful_basis=LawfulBasis(person.lawful_basis),
        consent_note=person.consent_note or "",
        notes=person.notes or "",
    )


@dataclass(frozen=True)
class OrganisationForm:
    """The values the organisation dialog edits, as plain values ("" for an empty text)."""

    id: int
    name: str
    kind: OrganisationKind
    website: str
    email: str
    notes: str
    is_own: bool


def organisation_form(session: Session, organisation_id: int) -> OrganisationForm:
    """One organisation's editable fields; :class:`NotFoundError` when it was deleted."""
    organisation = get_or_fail(session, Organisation, organisation_id)
    return OrganisationForm(
        id=organisation.id,
        name=organisation.name,
        kind=OrganisationKind(organisation.kind),
        website=organisation.website or "",
        email=organisation.email or "",
        notes=organisation.notes or "",
        is_own=bool(organisation.is_own),
    )


def merge_plan(session: Session, keep_id: int, other_id: int) -> merging.MergePlan:
    """What merging ``other_id`` into ``keep_id`` would do (see :func:`merging.plan_merge`).

    :class:`NotFoundError` when either was deleted; :class:`ValidationError` as
    :func:`~roundtable.people.merging.plan_merge` refuses.
    """
    keep, other = session.get(Person, keep_id), session.get(Person, other_id)
    if keep is None or other is None:
        raise NotFoundError(_("One of the two people was deleted meanwhile."))
    return merging.plan_merge(session, keep, other)
