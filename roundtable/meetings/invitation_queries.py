"""Read models of invitations: a roundtable's list, the unanswered ones, one history, the
picker's choices.

Like :mod:`roundtable.meetings.queries`, every function returns frozen
dataclasses of plain values, built in a constant number of statements however
many rows there are, so the desktop app reads them through ``Store.read`` and
keeps no session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from roundtable.editing import get_or_fail
from roundtable.enums import (
    ChangeSource,
    InvitationRole,
    InvitationStatus,
    Party,
    RoundtableStatus,
)
from roundtable.storage.models import (
    Invitation,
    InvitationEvent,
    Organisation,
    Person,
    Roundtable,
)

#: The kinds of invitee :func:`invitee_choices` offers and
#: :func:`roundtable.meetings.invitation_actions.add_invitees` takes.
PERSON = "person"
ORGANISATION = "organisation"


@dataclass(frozen=True)
class InvitationList:
    """A roundtable's invitations, with what the tab shows about the roundtable itself."""

    roundtable_id: int
    title: str
    #: The roundtable's IANA zone: times are shown as wall time there.
    timezone: str
    status: RoundtableStatus
    rows: tuple[InvitationRow, ...]


def invitation_list(session: Session, roundtable_id: int) -> InvitationList:
    """The roundtable's title, zone, status and invitations, in the order they were added.

    Two statements, however long the list. Raises
    :class:`~roundtable.errors.NotFoundError` when the roundtable is gone.
    """
    roundtable = get_or_fail(session, Roundtable, roundtable_id)
    rows = list_invitations(session, roundtable_id)
    return InvitationList(
        roundtable_id, roundtable.title, roundtable.timezone, roundtable.status, tuple(rows)
    )


@dataclass(frozen=True)
class InvitationHistory:
    """One invitation's history, with whose invitation it is and the roundtable's zone."""

    invitation_id: int
    invitee: str
    roundtable_title: str
    timezone: str
    rows: tuple[HistoryRow, ...]


def invitation_history(session: Session, invitation_id: int) -> InvitationHistory:
    """Whose invitation to which roundtable, and its changes of status, oldest first.

    A few statements, however long the history. Raises
    :class:`~roundtable.errors.NotFoundError` when the invitation is gone (removed,
    or its adding undone).
    """
    invitation = get_or_fail(session, Invitation, invitation_id)
    roundtable = invitation.roundtable
    rows = history_rows(session, invitation_id)
    return InvitationHistory(
        invitation_id, invitation.invitee_name, roundtable.title, roundtable.timezone, tuple(rows)
    )


@dataclass(frozen=True)
class InviteeChoice:
    """Someone who can be invited: a person (with organisation) or an organisation alone."""

    kind: str  # PERSON or ORGANISATION
    id: int
    name: str
    email: str
    organisation_name: str
    already_invited: bool

    @property
    def key(self) -> tuple[str, int]:
        """Unique across people and organisations (their ids overlap); what add_invitees takes."""
        return (self.kind, self.id)


def invitee_choices(session: Session, roundtable_id: int) -> list[InviteeChoice]:
    """Every person (not erased) and organisation, marked when already on the list.

    People first, then organisations, each by name. Three list statements,
    however many people there are.
    """
    from roundtable.people import queries as people_queries  # it reads our helpers

    invited = list_invitations(session, roundtable_id)
    invited_people = {r.person_id for r in invited if r.person_id is not None}
    # An organisation counts as invited only through an organisation-only invitation.
    invited_orgs = {r.organisation_id for r in invited if r.person_id is None}
    people = [
        InviteeChoice(PERSON, p.id, p.name, p.email, p.organisation_name, p.id in invited_people)
        for p in people_queries.list_people(session)
        if not p.erased
    ]
    organisations = [
        InviteeChoice(ORGANISATION, o.id, o.name, o.email, "", o.id in invited_orgs)
        for o in people_queries.list_organisations(session)
    ]
    return people + organisations


@dataclass(frozen=True)
class InvitationRow:
    """One invitation with the invitee's name and its last change."""

    id: int
    roundtable_id: int
    person_id: int | None
    organisation_id: int | None
    #: The person's name, or the organisation's when no person is invited.
    name: str
    organisation_name: str
    #: The person's address, or the organisation's when no person is invited.
    email: str
    role: InvitationRole
    status: InvitationStatus
    consent_to_be_named: bool
    last_change_at: datetime | None
    last_reason: str
    notes: str


@dataclass(frozen=True)
class UnansweredInvitationRow(InvitationRow):
    """An invitation still waiting for an answer, for the dashboard."""

    roundtable_title: str
    roundtable_starts_at: datetime | None


@dataclass(frozen=True)
class HistoryRow:
    """One change of an invitation's status."""

    at: datetime
    actor: str
    party: Party
    source: ChangeSource
    from_status: InvitationStatus | None
    to_status: InvitationStatus
    reason: str
    #: The history row's id (rows at the same moment keep their order by it).
    id: int = 0
    #: When it was recorded (typed in), which ``at`` (when it happened) may precede;
    #: ``None`` when not known (then the same as ``at``).
    recorded_at: datetime | None = None

    @property
    def recorded_apart(self) -> bool:
        """Whether it was recorded at another time than it happened (dated back)."""
        return self.recorded_at is not None and self.recorded_at != self.at


def _last_events(invitations: Any = None) -> Any:
    """A subquery with each invitation's latest history row (rank 1 by time, then id).

    ``invitations`` (a select of invitation ids) limits the ranking to those
    invitations: with 20,000 invitations, ranking all history rows to show one
    roundtable's forty cost a hundred milliseconds.
    """
    ranking = select(
        InvitationEvent.invitation_id,
        InvitationEvent.at,
        InvitationEvent.reason,
        func.row_number()
        .over(
            partition_by=InvitationEvent.invitation_id,
            order_by=(InvitationEvent.at.desc(), InvitationEvent.id.desc()),
        )
        .label("rank"),
    )
    if invitations is not None:
        ranking = ranking.where(InvitationEvent.invitation_id.in_(invitations))
    ranked = ranking.subquery("ranked_event")
    return (
        select(ranked.c.invitation_id, ranked.c.at, ranked.c.reason)
        .where(ranked.c.rank == 1)
        .subquery("last_event")
    )


def _invitation_select(invitations: Any = None) -> tuple[Select[*tuple[Any, ...]], Any]:
    person = aliased(Person)
    organisation = aliased(Organisation)
    last = _last_events(invitations)
    stmt = (
        select(
            Invitation.id,
            Invitation.roundtable_id,
            Invitation.person_id,
            Invitation.organisation_id,
            person.name.label("person_name"),
            person.email.label("person_email"),
            organisation.name.label("organisation_name"),
            organisation.email.label("organisation_email"),
            Invitation.role,
            Invitation.status,
            Invitation.consent_to_be_named,
            last.c.at.label("last_change_at"),
            last.c.reason.label("last_reason"),
            Invitation.notes,
        )
        .outerjoin(person, person.id == Invitation.person_id)
        .outerjoin(organisation, organisation.id == Invitation.organisation_id)
        .outerjoin(last, last.c.invitation_id == Invitation.id)
    )
    return stmt, last


def _invitation_values(r: Any) -> dict[str, Any]:
    if r.person_id is not None:
        name, email = r.person_name or "", r.person_email or ""
    else:
        name, email = r.organisation_name or "", r.organisation_email or ""
    return {
        "id": r.id,
        "roundtable_id": r.roundtable_id,
        "person_id": r.person_id,
        "organisation_id": r.organisation_id,
        "name": name,
        "organisation_name": r.organisation_name or "",
        "email": email,
        "role": r.role,
        "status": r.status,
        "consent_to_be_named": bool(r.consent_to_be_named),
        "last_change_at": r.last_change_at,
        "last_reason": r.last_reason or "",
        "notes": r.notes or "",
    }


def list_invitations(session: Session, roundtable_id: int) -> list[InvitationRow]:
    """A roundtable's invitations with names and last change, in the order they were added.

    One statement, however long the list.
    """
    these = select(Invitation.id).where(Invitation.roundtable_id == roundtable_id)
    stmt, _ = _invitation_select(these)
    stmt = stmt.where(Invitation.roundtable_id == roundtable_id).order_by(Invitation.id)
    return [InvitationRow(**_invitation_values(r)) for r in session.execute(stmt)]


def unanswered_invitations(
    session: Session, now: datetime, older_than: timedelta = timedelta(days=7)
) -> list[UnansweredInvitationRow]:
    """Invitations still INVITED whose last change is older than ``older_than``.

    Only for roundtables that may still happen (not cancelled, not held);
    the longest-waiting first. One statement.
    """
    waiting = select(Invitation.id).where(Invitation.status == InvitationStatus.INVITED)
    stmt, last = _invitation_select(waiting)
    stmt = (
        stmt.add_columns(
            Roundtable.title.label("roundtable_title"),
            Roundtable.starts_at.label("roundtable_starts_at"),
        )
        .join(Roundtable, Roundtable.id == Invitation.roundtable_id)
        .where(
            Invitation.status == InvitationStatus.INVITED,
            Roundtable.status.not_in([RoundtableStatus.CANCELLED, RoundtableStatus.HELD]),
            last.c.at < now - older_than,
        )
        .order_by(last.c.at, Invitation.id)
    )
    return [
        UnansweredInvitationRow(
            **_invitation_values(r),
            roundtable_title=r.roundtable_title,
            roundtable_starts_at=r.roundtable_starts_at,
        )
        for r in session.execute(stmt)
    ]


def _history_row(e: InvitationEvent) -> HistoryRow:
    return HistoryRow(
        at=e.at,
        actor=e.actor,
        party=e.party,
        source=e.source,
        from_status=e.from_status,
        to_status=e.to_status,
        reason=e.reason or "",
        id=e.id,
        recorded_at=e.recorded_at,
    )


def history_rows(session: Session, invitation_id: int) -> list[HistoryRow]:
    """An invitation's changes of status in the order they happened (``at``), oldest first."""
    stmt = (
        select(InvitationEvent)
        .where(InvitationEvent.invitation_id == invitation_id)
        .order_by(InvitationEvent.at, InvitationEvent.id)
    )
    return [_history_row(e) for e in session.scalars(stmt)]
