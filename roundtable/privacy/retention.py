"""Retention: a period after the last roundtable a person took part in, their details
fall due for review; the coordinator erases them or keeps them for another period.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.editing import day_label
from roundtable.errors import ValidationError
from roundtable.i18n import _
from roundtable.privacy.mentions import refuse_erased
from roundtable.storage.audit import record_audit
from roundtable.storage.models import (
    DatabaseInfo,
    Invitation,
    Organisation,
    Person,
    Roundtable,
)
from roundtable.text import zone_named

DEFAULT_RETENTION_MONTHS = 24


MIN_RETENTION_MONTHS = 1


MAX_RETENTION_MONTHS = 240


#: The ``database_info`` key holding the retention period in months.
RETENTION_KEY = "retention_months"


def retention_months(session: Session) -> int:
    """The retention period in months (``database_info``; 24 when never set)."""
    info = session.get(DatabaseInfo, RETENTION_KEY)
    try:
        months = int(info.value) if info is not None else DEFAULT_RETENTION_MONTHS
    except ValueError:
        return DEFAULT_RETENTION_MONTHS
    if not MIN_RETENTION_MONTHS <= months <= MAX_RETENTION_MONTHS:
        return DEFAULT_RETENTION_MONTHS
    return months


def set_retention_months(session: Session, months: int) -> None:
    """Set the retention period: whole months from 1 to 240; writes an audit row."""
    if isinstance(months, bool) or not isinstance(months, int):
        raise ValidationError(
            _("The retention period must be a whole number of months, not {months}.").format(
                months=repr(months)
            ),
            "months",
        )
    if not MIN_RETENTION_MONTHS <= months <= MAX_RETENTION_MONTHS:
        raise ValidationError(
            _(
                "A retention period of {months} months is not possible; "
                "choose from {least} to {most} months."
            ).format(months=months, least=MIN_RETENTION_MONTHS, most=MAX_RETENTION_MONTHS),
            "months",
        )
    previous = retention_months(session)
    info = session.get(DatabaseInfo, RETENTION_KEY)
    if info is None:
        session.add(DatabaseInfo(key=RETENTION_KEY, value=str(months)))
    elif info.value == str(months):
        return
    else:
        info.value = str(months)
    session.flush()
    record_audit(
        session, "privacy.retention", detail={"months": months, "previous_months": previous}
    )
    session.flush()


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class ReviewItem:
    """A person whose details are due for a privacy review."""

    person_id: int
    name: str
    email: str
    organisation: str
    #: The :class:`~roundtable.enums.LawfulBasis` value ("consent", …).
    lawful_basis: str
    consent_note: str
    #: The title of the last roundtable they took part in ("" when none).
    last_roundtable: str
    last_roundtable_on: date | None
    due_on: date
    #: When a review last chose to keep them.
    kept_on: date | None
    #: When they were added (the start of the period when in no roundtable).
    added_on: date | None = None

    @property
    def reason(self) -> str:
        """Why they are due, in one sentence, in the user's language."""
        due = day_label(self.due_on)
        if self.last_roundtable_on is not None:
            since = _("Last roundtable “{title}” on {day}").format(
                title=self.last_roundtable, day=day_label(self.last_roundtable_on)
            )
        elif self.added_on is not None:
            since = _("In no roundtable; added on {day}").format(day=day_label(self.added_on))
        else:
            since = _("In no roundtable")
        if self.kept_on is not None:
            return _("{since}; last kept on {kept}; due since {due}.").format(
                since=since, kept=day_label(self.kept_on), due=due
            )
        return _("{since}; due since {due}.").format(since=since, due=due)


@dataclass(frozen=True)
class _Last:
    """A person's latest roundtable, or ``undated`` when one has no date yet."""

    title: str = ""
    on: date | None = None
    undated: bool = False


def _last_roundtables(session: Session, person_ids: Sequence[int] | None) -> dict[int, _Last]:
    """Each person's latest roundtable, as invitee or organiser (three queries).

    Each roundtable's day is worked out once; the people are matched to them
    by id, so thousands of invitations cost little.
    """
    days: dict[int, _Last] = {}
    for roundtable_id, title, starts_at, ends_at, timezone in session.execute(
        select(
            Roundtable.id,
            Roundtable.title,
            Roundtable.starts_at,
            Roundtable.ends_at,
            Roundtable.timezone,
        )
    ):
        moment = ends_at or starts_at
        # A roundtable without a date is not held yet, so not "earlier": later.
        days[roundtable_id] = (
            _Last(title=title, undated=True)
            if moment is None
            else _Last(title=title, on=moment.astimezone(zone_named(timezone)).date())
        )
    invited = select(Invitation.person_id, Invitation.roundtable_id).distinct()
    organised = select(Roundtable.organiser_id, Roundtable.id)
    if person_ids is None:
        invited = invited.where(Invitation.person_id.is_not(None))
        organised = organised.where(Roundtable.organiser_id.is_not(None))
    else:
        invited = invited.where(Invitation.person_id.in_(person_ids))
        organised = organised.where(Roundtable.organiser_id.in_(person_ids))
    latest: dict[int, _Last] = {}
    for person_id, roundtable_id in [*session.execute(invited), *session.execute(organised)]:
        current, candidate = latest.get(person_id), days[roundtable_id]
        if current is not None and current.undated:
            continue
        if (
            current is None
            or candidate.undated
            or (candidate.on is not None and current.on is not None and candidate.on > current.on)
        ):
            latest[person_id] = candidate
    return latest


def _review_dates(
    session: Session,
    people: Sequence[tuple[int, datetime, datetime | None]],
    months: int,
) -> dict[int, tuple[date, _Last]]:
    """When each of ``people`` (id, added, last kept) falls due; those in an
    undated roundtable are left out."""
    ids = [person_id for person_id, _added, _kept in people]
    latest = _last_roundtables(session, ids if len(ids) < 500 else None)
    result: dict[int, tuple[date, _Last]] = {}
    for person_id, created_at, reviewed_at in people:
        last = latest.get(person_id, _Last())
        if last.undated:
            continue
        start = last.on if last.on is not None else created_at.astimezone(UTC).date()
        due_on = add_months(start, months)
        if reviewed_at is not None:
            due_on = max(due_on, add_months(reviewed_at.astimezone(UTC).date(), months))
        result[person_id] = (due_on, last)
    return result


def due_for_review(session: Session, today: date | None = None) -> list[ReviewItem]:
    """The people whose details are due for review on ``today`` (default: today in UTC).

    A person is due once the retention period has passed since the last
    roundtable they were invited to or organised (its end, else its start, on
    its own calendar), and since a review last kept them. A roundtable without
    a date counts as later, so its people are not due. Someone in no
    roundtable is due one period after they were added. Erased people are
    never due. Sorted by the date they fell due, then by name.
    """
    day = today if today is not None else context.now().date()
    months = retention_months(session)
    session.flush()
    # Columns, not ORM objects: the dashboard asks this of thousands of people.
    rows = session.execute(
        select(
            Person.id,
            Person.name,
            Person.email,
            Organisation.name,
            Person.lawful_basis,
            Person.consent_note,
            Person.created_at,
            Person.retention_reviewed_at,
        )
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Person.erased_at.is_(None))
        .order_by(Person.id)
    ).all()
    dates = _review_dates(session, [(row[0], row[6], row[7]) for row in rows], months)
    items = []
    for person_id, name, email, organisation, basis, note, created_at, reviewed in rows:
        if person_id not in dates:
            continue
        due_on, last = dates[person_id]
        if due_on > day:
            continue
        items.append(
            ReviewItem(
                person_id=person_id,
                name=name,
                email=email or "",
                organisation=organisation or "",
                lawful_basis=basis.value,
                consent_note=note,
                last_roundtable=last.title,
                last_roundtable_on=last.on,
                due_on=due_on,
                kept_on=reviewed.astimezone(UTC).date() if reviewed is not None else None,
                added_on=created_at.astimezone(UTC).date(),
            )
        )
    return sorted(items, key=lambda item: (item.due_on, item.name.casefold(), item.person_id))


def next_review_on(session: Session, person: Person) -> date | None:
    """When ``person`` is (or was) due for review; ``None`` when erased or in an undated roundtable."""
    if person.erased_at is not None:
        return None
    session.flush()
    subject = (person.id, person.created_at, person.retention_reviewed_at)
    found = _review_dates(session, [subject], retention_months(session)).get(person.id)
    return found[0] if found is not None else None


def count_due_for_review(session: Session, today: date | None = None) -> int:
    """How many people are due for review (the dashboard's figure)."""
    return len(due_for_review(session, today))


def keep_person(session: Session, person: Person) -> None:
    """A review decided to keep ``person``'s details: due again one period from now.

    Writes the audit row ``privacy.keep`` (the person's id only). Refuses an
    erased person.
    """
    refuse_erased(
        person,
        lambda: _("Person #{id} was already erased on {day}; there is nothing left to keep."),
    )
    person.retention_reviewed_at = context.now()
    session.flush()
    record_audit(
        session,
        "privacy.keep",
        entity_type="person",
        entity_id=person.id,
        detail={"person_id": person.id},
    )
    session.flush()
