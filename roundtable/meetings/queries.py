"""Read models of roundtables for the desktop app: lists, one roundtable's details and history,
the dashboard. Invitations have theirs in ``invitation_queries``, minutes in ``minutes_queries``.

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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from roundtable.enums import (
    InvitationStatus,
    RoundtableAction,
    RoundtableStatus,
)
from roundtable.meetings.invitation_queries import UnansweredInvitationRow, unanswered_invitations
from roundtable.meetings.minutes_queries import ActionItemRow, open_action_items
from roundtable.privacy import retention
from roundtable.storage.models import (
    Invitation,
    Organisation,
    Person,
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
    #: When it was recorded (typed in), which ``at`` (when it happened) may precede;
    #: ``None`` when not known (then the same as ``at``).
    recorded_at: datetime | None = None

    @property
    def recorded_apart(self) -> bool:
        """Whether it was recorded at another time than it happened (dated back)."""
        return self.recorded_at is not None and self.recorded_at != self.at


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
    def in_bar(self) -> int:
        """Everything in the bar (the invitations sent, no-shows aside).

        Not the count of invitees public output gives: that is
        :func:`roundtable.publishing.counts.count_invitations`, no-shows included.
        """
        return sum(count for _, count in self.segments())

    @property
    def total(self) -> int:
        """All invitations, sent or not."""
        return self.in_bar + self.not_sent + self.no_show


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
    """A roundtable's history in the order things happened (``at``), oldest first."""
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
            recorded_at=e.recorded_at,
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
