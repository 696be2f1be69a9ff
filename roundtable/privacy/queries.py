"""Read models of the privacy tools for the desktop app: plain, frozen results.

Each function takes a session and plain values (ids) and returns frozen
dataclasses, never ORM objects, in a constant number of statements; the app
runs them through ``Store.read`` and the command line in a transaction of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from roundtable.editing import get_or_fail
from roundtable.privacy import access, erasure, retention
from roundtable.storage.models import Person

#: A day far enough ahead that everyone with a dated last roundtable is due by then.
_FAR_AHEAD = date(9000, 1, 1)


@dataclass(frozen=True)
class ReviewList:
    """The Privacy page's review tab: the retention period and who is due now."""

    months: int
    due: tuple[retention.ReviewItem, ...]
    #: When the next person comes up for review, when nobody is due now (``None``
    #: when someone is, or when nobody ever will).
    next_due: date | None


def review_list(session: Session, today: date | None = None) -> ReviewList:
    """The retention period, the people due for review on ``today`` and, if none, the next day."""
    months = retention.retention_months(session)
    due = tuple(retention.due_for_review(session, today))
    next_due = None
    if not due:
        upcoming = retention.due_for_review(session, today=_FAR_AHEAD)
        next_due = min((item.due_on for item in upcoming), default=None)
    return ReviewList(months=months, due=due, next_due=next_due)


@dataclass(frozen=True)
class ErasurePreview:
    """A person as the erase dialog shows them before anything is written."""

    person_id: int
    name: str
    #: When they were erased already (then there is no plan).
    erased_at: datetime | None
    plan: erasure.ErasurePlan | None


def erasure_preview(session: Session, person_id: int) -> ErasurePreview:
    """What erasing the person would change and keep; no plan for someone already erased."""
    person = get_or_fail(session, Person, person_id)
    plan = erasure.plan_erasure(session, person) if person.erased_at is None else None
    return ErasurePreview(
        person_id=person.id, name=person.name, erased_at=person.erased_at, plan=plan
    )


@dataclass(frozen=True)
class SubjectAccess:
    """Everything the database holds about one person (GDPR article 15), ready to write."""

    person_id: int
    name: str
    #: The JSON-ready report of :func:`roundtable.privacy.access.subject_access_report`.
    report: Mapping[str, Any]


def subject_access(session: Session, person_id: int) -> SubjectAccess:
    """The subject-access report of a person, for :func:`access.write_report_files`."""
    person = get_or_fail(session, Person, person_id)
    return SubjectAccess(
        person_id=person.id, name=person.name, report=access.subject_access_report(session, person)
    )


__all__ = [
    "ErasurePreview",
    "ReviewList",
    "SubjectAccess",
    "erasure_preview",
    "review_list",
    "subject_access",
]
