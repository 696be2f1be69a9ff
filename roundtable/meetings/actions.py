"""The actions on a roundtable itself: create, edit its details, move it through its lifecycle.

Each factory names the roundtable (and a host or organiser) by id and returns an
:class:`~roundtable.actions.Action` that the app runs through its store and the
command line through :func:`roundtable.actions.perform`. The changes themselves
are :mod:`roundtable.meetings.lifecycle`'s; undo and redo come from the change
set, which never lowers a roundtable's SEQUENCE (calendars may have seen it).

Every lifecycle step takes ``at``: when it happened (a naive time is wall time in
the roundtable's zone; ``None``: now). The history keeps apart when it was recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.editing import get_or_fail
from roundtable.errors import ValidationError
from roundtable.i18n import _
from roundtable.meetings import lifecycle
from roundtable.people import organisations
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    Invitation,
    Organisation,
    Person,
    Question,
    Roundtable,
)

#: The label of an edit of one detail, for the Edit menu ("Undo Change title"), by the
#: name this action takes (links are named by id: ``host_id``), from lifecycle.DETAILS.
_DETAIL_EDITS: Mapping[str, Callable[[], str]] = {
    (
        f"{detail.name}_id" if detail.kind in {"organisation", "person"} else detail.name
    ): detail.change
    for detail in lifecycle.DETAILS
}


def _host(session: Session, organisation_id: int | None) -> Organisation | None:
    """The host chosen, refused next to the host field when it was deleted meanwhile."""
    if organisation_id is None:
        return None
    host = session.get(Organisation, organisation_id)
    if host is None:
        raise ValidationError(
            _("The host organisation no longer exists; someone may have deleted it."), "host"
        )
    return host


def _organiser(session: Session, person_id: int | None) -> Person | None:
    """The organiser chosen, refused next to the organiser field when they were deleted."""
    if person_id is None:
        return None
    organiser = session.get(Person, person_id)
    if organiser is None:
        raise ValidationError(
            _("The organiser no longer exists; someone may have deleted them."), "organiser"
        )
    return organiser


def _roundtable(session: Session, roundtable_id: int) -> Roundtable:
    return get_or_fail(session, Roundtable, roundtable_id)


def _new_host(session: Session, name: str) -> Organisation:
    """A new organisation called ``name`` as host; a refused name shows by the host field."""
    try:
        return organisations.create_organisation(session, name)
    except ValidationError as exc:
        raise ValidationError(str(exc), "host") from exc


@action("roundtables", "organisations")
def create_roundtable(
    *,
    title: str,
    topic: str = "",
    host_id: int | None = None,
    new_host: str = "",
    organiser_id: int | None = None,
    venue: str = "",
    online_url: str = "",
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    timezone: str = "Europe/Amsterdam",
    description: str = "",
    is_public: bool = False,
    schedule: bool = False,
    at: datetime | None = None,
) -> Action[int]:
    """A new draft roundtable, scheduled at once for its times when ``schedule``; its id.

    Naive times are wall time in ``timezone``. ``at`` dates the scheduling (and
    with it the creation); ``None``: now. ``new_host`` names a host that is not in
    the database yet: the organisation is added in the same step (one undo takes
    both away). Redo makes it again with the same id and calendar UID, so
    calendars see the same event.
    """

    def run(session: Session) -> int:
        host = _new_host(session, new_host) if new_host.strip() else _host(session, host_id)
        roundtable = lifecycle.create_roundtable(
            session,
            title=title,
            topic=topic,
            host=host,
            organiser=_organiser(session, organiser_id),
            venue=venue,
            online_url=online_url,
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=timezone,
            description=description,
            is_public=is_public,
            at=at if schedule else None,
        )
        if schedule:
            if starts_at is None or ends_at is None:
                raise ValidationError(_("A start date and time is required."), "starts_at")
            lifecycle.schedule(session, roundtable, starts_at, ends_at, timezone, at=at)
        return int(roundtable.id)

    return Action(_("New roundtable “{title}”").format(title=title.strip()), run)


@action("roundtables")
def edit_details(roundtable_id: int, **changes: Any) -> Action[None]:
    """Change details: ``title``, ``topic``, ``host_id``, ``organiser_id``, ``venue``,
    ``online_url``, ``description`` or ``is_public``.

    A new venue or online link of a scheduled or postponed roundtable raises its
    SEQUENCE (see :func:`roundtable.meetings.lifecycle.update_details`); values
    that are already current change nothing.
    """
    unknown = set(changes) - set(_DETAIL_EDITS)
    if unknown:
        raise ValueError(f"a roundtable has no detail {', '.join(sorted(unknown))}")
    if not changes:
        raise ValueError("edit_details needs at least one detail to change")

    def run(session: Session) -> None:
        values = dict(changes)
        if "host_id" in values:
            values["host"] = _host(session, values.pop("host_id"))
        if "organiser_id" in values:
            values["organiser"] = _organiser(session, values.pop("organiser_id"))
        lifecycle.update_details(session, _roundtable(session, roundtable_id), **values)

    label = _DETAIL_EDITS[next(iter(changes))]() if len(changes) == 1 else _("Edit details")
    return Action(label, run)


@action("roundtables", "organisations")
def host_new_organisation(roundtable_id: int, name: str) -> Action[int]:
    """Add the organisation ``name`` and make it the roundtable's host, as one step; its id."""

    def run(session: Session) -> int:
        roundtable = _roundtable(session, roundtable_id)
        host = _new_host(session, name)
        lifecycle.update_details(session, roundtable, host=host)
        return int(host.id)

    return Action(_("Host: new organisation “{name}”").format(name=name.strip()), run)


@action("roundtables")
def schedule(
    roundtable_id: int,
    starts_at: datetime,
    ends_at: datetime,
    timezone: str | None = None,
    *,
    at: datetime | None = None,
) -> Action[None]:
    """Give a draft or postponed roundtable its date (in ``timezone``, default its own).

    ``at``: when it was scheduled (``None``: now).
    """

    def run(session: Session) -> None:
        lifecycle.schedule(
            session, _roundtable(session, roundtable_id), starts_at, ends_at, timezone, at=at
        )

    return Action(_("Schedule roundtable"), run)


@action("roundtables")
def reschedule(
    roundtable_id: int,
    starts_at: datetime,
    ends_at: datetime,
    timezone: str | None = None,
    *,
    reason: str = "",
    at: datetime | None = None,
) -> Action[None]:
    """Move a scheduled roundtable to other times; its SEQUENCE rises (``at``: when)."""

    def run(session: Session) -> None:
        lifecycle.reschedule(
            session,
            _roundtable(session, roundtable_id),
            starts_at,
            ends_at,
            timezone,
            reason=reason,
            at=at,
        )

    return Action(_("Reschedule roundtable"), run)


@action("roundtables")
def postpone(roundtable_id: int, reason: str = "", *, at: datetime | None = None) -> Action[None]:
    """Take a scheduled roundtable off its date until a new one is known (``at``: when)."""

    def run(session: Session) -> None:
        lifecycle.postpone(session, _roundtable(session, roundtable_id), reason, at=at)

    return Action(_("Postpone roundtable"), run)


@action("roundtables")
def cancel(roundtable_id: int, reason: str, *, at: datetime | None = None) -> Action[None]:
    """Call the roundtable off for good; the reason is required (``at``: when)."""

    def run(session: Session) -> None:
        lifecycle.cancel(session, _roundtable(session, roundtable_id), reason, at=at)

    return Action(_("Cancel roundtable"), run)


@action("roundtables")
def mark_held(roundtable_id: int, *, at: datetime | None = None) -> Action[None]:
    """Record that a scheduled roundtable took place (once it has started by ``at``)."""

    def run(session: Session) -> None:
        lifecycle.mark_held(session, _roundtable(session, roundtable_id), at=at)

    return Action(_("Mark roundtable as held"), run)


#: What a draft may not hold to be deleted: each is removed on its own first.
_CONTENTS = (Invitation, Question, AgendaItem, ActionItem, FollowUp)


@action("roundtables", "statements")
def delete_draft(roundtable_id: int) -> Action[None]:
    """Delete an empty draft that was never sent; statements about it keep their text.

    A draft that still holds invitations, questions, minutes or follow-ups is
    refused: those are removed first, each as a step of its own.
    """

    def run(session: Session) -> None:
        roundtable = _roundtable(session, roundtable_id)
        for model in _CONTENTS:
            held = session.scalar(
                select(func.count()).select_from(model).where(model.roundtable_id == roundtable_id)
            )
            if held:
                raise ValidationError(
                    _(
                        "{title} still has invitations, questions, minutes or follow-ups; "
                        "remove those first, then delete the draft."
                    ).format(title=f"“{roundtable.title}”"),
                    "status",
                )
        lifecycle.delete_roundtable(session, roundtable)

    return Action(_("Delete roundtable"), run)
