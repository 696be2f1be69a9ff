"""Read models for the desktop app: lists of plain, frozen rows built in a few queries.

Every function here returns frozen dataclasses of plain values (ints, strings,
enums, dates), never ORM objects, so a Qt model can keep its rows after the
session is closed and nothing loads lazily behind its back.

Each list is built with a constant number of statements (joins, ``GROUP BY``
and window functions), however many rows it holds: the app must stay quick on
a database with 5,000 people, 500 roundtables and 20,000 invitations. The
tests in ``tests/core/test_queries.py`` count the statements to hold that.

Only portable SQL is used (outer joins, ``GROUP BY``, ``ROW_NUMBER() OVER``),
so the same queries run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from roundtable.enums import (
    ChangeSource,
    InvitationRole,
    InvitationStatus,
    NoteKind,
    Party,
    QuestionStatus,
    RoundtableAction,
    RoundtableStatus,
)
from roundtable.privacy import retention
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    Invitation,
    InvitationEvent,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Roundtable,
    RoundtableEvent,
)

_I = InvitationStatus


@dataclass(frozen=True)
class RoundtableRow:
    """One roundtable as the lists and the dashboard show it."""

    id: int
    uid: str
    title: str
    topic: str
    host_name: str
    organiser_name: str
    starts_at: datetime | None
    ends_at: datetime | None
    timezone: str
    status: RoundtableStatus
    venue: str
    online_url: str
    is_public: bool
    invitation_count: int
    #: Invitations by status value ("accepted": 12, …); statuses with none are left out.
    counts: Mapping[str, int]
    updated_at: datetime


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


@dataclass(frozen=True)
class RoundtableHistoryRow:
    """One row of a roundtable's history."""

    at: datetime
    actor: str
    action: RoundtableAction
    from_status: RoundtableStatus | None
    to_status: RoundtableStatus
    sequence: int
    reason: str
    detail: str
    #: The history row's id.
    id: int = 0


@dataclass(frozen=True)
class RoundtableDetails:
    """One roundtable's details as the Overview tab shows and edits them, with its history."""

    id: int
    title: str
    topic: str
    host_id: int | None
    organiser_id: int | None
    venue: str
    online_url: str
    starts_at: datetime | None
    ends_at: datetime | None
    timezone: str
    status: RoundtableStatus
    sequence: int
    description: str
    is_public: bool
    cancellation_reason: str
    #: Its history, oldest first.
    history: tuple[RoundtableHistoryRow, ...] = ()


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
class NoteView:
    id: int
    position: int
    kind: NoteKind
    text: str
    speaker_name: str
    speaker_person_id: int | None
    speaker_organisation_id: int | None
    not_for_attribution: bool


@dataclass(frozen=True)
class AgendaItemView:
    id: int
    position: int
    title: str
    notes: tuple[NoteView, ...] = field(default_factory=tuple)


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


@dataclass(frozen=True)
class ResponseSummary:
    """Invitation counts folded into the segments of the dashboard's response bar.

    The bar has five segments: accepted (ATTENDED counts as accepted: they
    came), tentative, declined, awaiting (INVITED and NO_RESPONSE: sent but
    not answered) and withdrawn. Invitations not yet sent and no-shows are
    counted beside the bar, not in it: an unsent invitation is nobody's answer
    yet, and a no-show says nothing about the answer given before.
    """

    accepted: int = 0
    tentative: int = 0
    declined: int = 0
    awaiting: int = 0
    withdrawn: int = 0
    not_sent: int = 0
    no_show: int = 0

    def segments(self) -> tuple[tuple[str, int], ...]:
        """The bar's segments in drawing order: (name, count)."""
        return (
            ("accepted", self.accepted),
            ("tentative", self.tentative),
            ("declined", self.declined),
            ("awaiting", self.awaiting),
            ("withdrawn", self.withdrawn),
        )

    @property
    def sent(self) -> int:
        """Everything in the bar: the invitations that went out."""
        return sum(count for _, count in self.segments())

    @property
    def total(self) -> int:
        """All invitations, sent or not."""
        return self.sent + self.not_sent + self.no_show


def response_summary(counts: Mapping[str, int]) -> ResponseSummary:
    """Fold counts by invitation status (as in :attr:`RoundtableRow.counts`) into bar segments.

    Each status's segment comes from its row in :data:`roundtable.meetings.invitations.STATES`;
    one counted beside the bar (not yet sent, a no-show) keeps a field of its own.
    """
    from roundtable.meetings.invitations import STATES

    folded = dict.fromkeys(("accepted", "tentative", "declined", "awaiting", "withdrawn"), 0)
    folded.update(not_sent=0, no_show=0)
    for status, state in STATES.items():
        key = state.segment or status.value
        folded[key] += int(counts.get(status.value, 0))
    return ResponseSummary(**folded)


def _roundtable_select() -> Select[*tuple[Any, ...]]:
    host = aliased(Organisation)
    organiser = aliased(Person)
    return (
        select(
            Roundtable.id,
            Roundtable.uid,
            Roundtable.title,
            Roundtable.topic,
            func.coalesce(host.name, "").label("host_name"),
            func.coalesce(organiser.name, "").label("organiser_name"),
            Roundtable.starts_at,
            Roundtable.ends_at,
            Roundtable.timezone,
            Roundtable.status,
            Roundtable.venue,
            Roundtable.online_url,
            Roundtable.is_public,
            Roundtable.updated_at,
        )
        .outerjoin(host, host.id == Roundtable.host_organisation_id)
        .outerjoin(organiser, organiser.id == Roundtable.organiser_id)
    )


def _invitation_counts(
    session: Session, roundtable_ids: Sequence[int] | None
) -> dict[int, dict[str, int]]:
    """Invitations by roundtable and status in one grouped query (all roundtables if None)."""
    stmt = select(Invitation.roundtable_id, Invitation.status, func.count()).group_by(
        Invitation.roundtable_id, Invitation.status
    )
    if roundtable_ids is not None:
        if not roundtable_ids:
            return {}
        stmt = stmt.where(Invitation.roundtable_id.in_(roundtable_ids))
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for roundtable_id, status, count in session.execute(stmt):
        counts[roundtable_id][InvitationStatus(status).value] = int(count)
    return counts


def _roundtable_rows(
    session: Session, stmt: Select[*tuple[Any, ...]], *, all_roundtables: bool
) -> list[RoundtableRow]:
    records = session.execute(stmt).all()
    ids = None if all_roundtables else [r.id for r in records]
    counts = _invitation_counts(session, ids)
    rows = []
    for r in records:
        by_status = dict(sorted(counts.get(r.id, {}).items()))
        rows.append(
            RoundtableRow(
                id=r.id,
                uid=r.uid,
                title=r.title,
                topic=r.topic or "",
                host_name=r.host_name,
                organiser_name=r.organiser_name,
                starts_at=r.starts_at,
                ends_at=r.ends_at,
                timezone=r.timezone,
                status=r.status,
                venue=r.venue or "",
                online_url=r.online_url or "",
                is_public=bool(r.is_public),
                invitation_count=sum(by_status.values()),
                counts=by_status,
                updated_at=r.updated_at,
            )
        )
    return rows


def _start_order() -> tuple[Any, ...]:
    """Earliest start first, undated last (NULLS LAST spelled portably)."""
    return (
        case((Roundtable.starts_at.is_(None), 1), else_=0),
        Roundtable.starts_at,
        Roundtable.id,
    )


def list_roundtables(session: Session) -> list[RoundtableRow]:
    """Every roundtable with host, organiser and invitation counts, newest start first.

    Undated roundtables come first (they are the drafts being worked on). Two
    statements whatever the number of roundtables.
    """
    stmt = _roundtable_select().order_by(
        case((Roundtable.starts_at.is_(None), 0), else_=1),
        Roundtable.starts_at.desc(),
        Roundtable.id.desc(),
    )
    return _roundtable_rows(session, stmt, all_roundtables=True)


def upcoming_roundtables(session: Session, now: datetime, limit: int = 10) -> list[RoundtableRow]:
    """Scheduled or postponed roundtables starting at or after ``now``, soonest first.

    A postponed roundtable without a date is included too (it still needs
    one) and comes after the dated ones.
    """
    stmt = (
        _roundtable_select()
        .where(
            or_(
                and_(
                    Roundtable.status.in_([RoundtableStatus.SCHEDULED, RoundtableStatus.POSTPONED]),
                    Roundtable.starts_at >= now,
                ),
                and_(
                    Roundtable.status == RoundtableStatus.POSTPONED,
                    Roundtable.starts_at.is_(None),
                ),
            )
        )
        .order_by(*_start_order())
        .limit(limit)
    )
    return _roundtable_rows(session, stmt, all_roundtables=False)


def roundtable_history(session: Session, roundtable_id: int) -> list[RoundtableHistoryRow]:
    """A roundtable's history, oldest first."""
    stmt = (
        select(RoundtableEvent)
        .where(RoundtableEvent.roundtable_id == roundtable_id)
        .order_by(RoundtableEvent.at, RoundtableEvent.id)
    )
    return [
        RoundtableHistoryRow(
            at=e.at,
            actor=e.actor,
            action=e.action,
            from_status=e.from_status,
            to_status=e.to_status,
            sequence=e.sequence,
            reason=e.reason or "",
            detail=e.detail or "",
            id=e.id,
        )
        for e in session.scalars(stmt)
    ]


def roundtable_details(session: Session, roundtable_id: int) -> RoundtableDetails | None:
    """One roundtable's details and history (two statements), or ``None`` when it is gone."""
    r = session.execute(
        select(
            Roundtable.id,
            Roundtable.title,
            Roundtable.topic,
            Roundtable.host_organisation_id,
            Roundtable.organiser_id,
            Roundtable.venue,
            Roundtable.online_url,
            Roundtable.starts_at,
            Roundtable.ends_at,
            Roundtable.timezone,
            Roundtable.status,
            Roundtable.sequence,
            Roundtable.description,
            Roundtable.is_public,
            Roundtable.cancellation_reason,
        ).where(Roundtable.id == roundtable_id)
    ).first()
    if r is None:
        return None
    return RoundtableDetails(
        id=r.id,
        title=r.title,
        topic=r.topic or "",
        host_id=r.host_organisation_id,
        organiser_id=r.organiser_id,
        venue=r.venue or "",
        online_url=r.online_url or "",
        starts_at=r.starts_at,
        ends_at=r.ends_at,
        timezone=r.timezone,
        status=r.status,
        sequence=r.sequence,
        description=r.description or "",
        is_public=bool(r.is_public),
        cancellation_reason=r.cancellation_reason or "",
        history=tuple(roundtable_history(session, roundtable_id)),
    )


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
    waiting = select(Invitation.id).where(Invitation.status == _I.INVITED)
    stmt, last = _invitation_select(waiting)
    stmt = (
        stmt.add_columns(
            Roundtable.title.label("roundtable_title"),
            Roundtable.starts_at.label("roundtable_starts_at"),
        )
        .join(Roundtable, Roundtable.id == Invitation.roundtable_id)
        .where(
            Invitation.status == _I.INVITED,
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
    )


def invitation_history(session: Session, invitation_id: int) -> list[HistoryRow]:
    """An invitation's changes of status, oldest first."""
    stmt = (
        select(InvitationEvent)
        .where(InvitationEvent.invitation_id == invitation_id)
        .order_by(InvitationEvent.at, InvitationEvent.id)
    )
    return [_history_row(e) for e in session.scalars(stmt)]


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


def minutes(session: Session, roundtable_id: int) -> list[AgendaItemView]:
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
    notes: dict[int, list[NoteView]] = defaultdict(list)
    for n, person_name, organisation_name in session.execute(notes_stmt):
        notes[n.agenda_item_id].append(
            NoteView(
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
        AgendaItemView(
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


@dataclass(frozen=True)
class Dashboard:
    """What needs the coordinator's attention, read in one transaction."""

    upcoming: tuple[RoundtableRow, ...]
    unanswered: tuple[UnansweredInvitationRow, ...]
    open_action_items: tuple[ActionItemRow, ...]
    #: How many people are due for a privacy review.
    due_for_review: int


def dashboard(
    session: Session, now: datetime, *, stale_after: timedelta = timedelta(days=7), limit: int = 50
) -> Dashboard:
    """Upcoming roundtables (at most ``limit``), invitations unanswered for longer than
    ``stale_after``, open action items and the privacy review count.
    """
    return Dashboard(
        upcoming=tuple(upcoming_roundtables(session, now, limit=limit)),
        unanswered=tuple(unanswered_invitations(session, now, older_than=stale_after)),
        open_action_items=tuple(open_action_items(session)),
        due_for_review=retention.count_due_for_review(session, now.astimezone(UTC).date()),
    )


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
