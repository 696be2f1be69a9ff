"""The roundtable lifecycle: create, edit, schedule, reschedule, postpone, cancel, mark held.

One module of about 720 lines on purpose: the table of steps and the statuses they
lead from and to, the details table, the refusals and the functions that change
``Roundtable.status`` are one set of rules that must be read together.

This is the only code that changes ``Roundtable.status`` and ``Roundtable.sequence``.
Every function validates everything first and only then changes the roundtable,
appending one :class:`~roundtable.storage.models.RoundtableEvent` to its history in the
caller's session; nothing is committed here (the caller's ``db.transaction()``
does that), so a refused change leaves nothing behind.

The iCalendar SEQUENCE rises with every change attendees must see in their
calendars: new times, a new place, a postponement or a cancellation. A
scheduled-from-draft roundtable keeps sequence 0 because nobody has seen it yet,
and fixing a typo in the title never disturbs anyone's calendar.

Every function takes ``at``: when the change happened in the real world
(default :func:`roundtable.context.now`). A naive ``at`` or naive start/end
times are wall-clock times in the roundtable's own zone. History stays in
order: a step (schedule, reschedule, postpone, cancel, held) dated before the
last step is refused. Each history row also keeps ``recorded_at``, when it was
typed in, never dated back: coordinators mostly record after the fact. Creating
the roundtable and editing its details are not steps of its story: a step dated
before the CREATED row moves that row back to the step's time (the roundtable
existed by then at the latest), and edits, which are corrections made when they
are typed in, never stop a step from being dated back.

Refusals speak the user's language, dates in them too; the history rows'
``detail`` and ``reason`` are data and stay English.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import context, i18n
from roundtable.editing import clean_url, limit_of, split_ref
from roundtable.enums import InvitationStatus, RoundtableAction, RoundtableStatus
from roundtable.errors import IllegalTransitionError, NotFoundError, ValidationError
from roundtable.i18n import _, ngettext
from roundtable.storage.audit import record_audit
from roundtable.storage.models import (
    Invitation,
    Organisation,
    Person,
    Roundtable,
    RoundtableEvent,
    Statement,
)
from roundtable.text import format_day, format_moment, format_period, format_times, zone_of
from roundtable.validation import (
    localize,
    optional_text,
    require_text,
    validate_period,
    validate_timezone,
)


def get_roundtable(session: Session, ref: int | str) -> Roundtable:
    """The roundtable with id ``ref``, or with the iCalendar UID ``ref``."""
    number, text = split_ref(ref)
    if number is not None:
        found = session.get(Roundtable, number)
        if found is not None:
            return found
    if isinstance(ref, str) and text:
        by_uid = session.scalars(select(Roundtable).where(Roundtable.uid == text)).first()
        if by_uid is not None:
            return by_uid
    raise NotFoundError(_("No roundtable with id or UID '{text}'.").format(text=text))


def delete_roundtable(session: Session, roundtable: Roundtable) -> None:
    """Delete a draft roundtable whose invitations were never sent; writes an audit row.

    Anything that went out (a scheduled date, an invitation) is part of the
    record: such a roundtable is cancelled, not deleted.
    """
    if roundtable.status != RoundtableStatus.DRAFT:
        raise ValidationError(
            _(
                "Cannot delete {title}: it is {status}; only a draft can be deleted. "
                "Cancel it instead."
            ).format(title=_quoted(roundtable), status=STATES[roundtable.status].word()),
            "status",
        )
    sent = session.scalar(
        select(func.count())
        .select_from(Invitation)
        .where(
            Invitation.roundtable_id == roundtable.id,
            Invitation.status != InvitationStatus.NOT_SENT,
        )
    )
    if sent:
        raise ValidationError(
            ngettext(
                "Cannot delete {title}: {count} invitation was already sent. Cancel it instead.",
                "Cannot delete {title}: {count} invitations were already sent. Cancel it instead.",
                sent,
            ).format(title=_quoted(roundtable), count=sent),
            "status",
        )
    roundtable_id, title, uid = roundtable.id, roundtable.title, roundtable.uid
    # Statements that were about it keep their text, not the link.
    for statement in session.scalars(
        select(Statement).join(Statement.roundtables).where(Roundtable.id == roundtable_id)
    ):
        statement.roundtables.remove(roundtable)
    session.delete(roundtable)
    session.flush()
    record_audit(
        session,
        "delete",
        entity_type="roundtable",
        entity_id=roundtable_id,
        detail={"title": title, "uid": uid},
    )
    session.flush()


_S = RoundtableStatus


_A = RoundtableAction


@dataclass(frozen=True)
class RoundtableState:
    """Everything about one roundtable status, in one row of :data:`STATES`."""

    status: RoundtableStatus
    #: The status as a refusal names it: "it is {status}".
    word: Callable[[], str]
    #: Whether invitations may have gone out with its time and place, so that a new
    #: venue or link must reach attendees' calendars (SEQUENCE rises).
    published: bool
    #: Its VEVENT STATUS in calendar files (RFC 5545 §3.8.1.11).
    event_status: str
    #: Whether the public feed (PUBLISH) lists it.
    in_feed: bool


#: Every roundtable status, one row each. A draft may still move and a postponed
#: roundtable has no firm time: both are tentative in a calendar.
STATES: Mapping[RoundtableStatus, RoundtableState] = {
    state.status: state
    for state in (
        RoundtableState(_S.DRAFT, lambda: _("draft"), False, "TENTATIVE", in_feed=False),
        RoundtableState(_S.SCHEDULED, lambda: _("scheduled"), True, "CONFIRMED", in_feed=True),
        RoundtableState(_S.POSTPONED, lambda: _("postponed"), True, "TENTATIVE", in_feed=True),
        RoundtableState(_S.CANCELLED, lambda: _("cancelled"), False, "CANCELLED", in_feed=True),
        RoundtableState(_S.HELD, lambda: _("held"), False, "CONFIRMED", in_feed=True),
    )
}


@dataclass(frozen=True)
class Step:
    """One lifecycle step, in one row of :data:`STEPS`."""

    action: RoundtableAction
    #: The statuses it may start from.
    allowed_from: frozenset[RoundtableStatus]
    #: Where it leads.
    leads_to: RoundtableStatus
    #: The refusal, "Cannot … {title}" without a full stop.
    refused: Callable[[], str]
    #: What to do instead, by the status the roundtable is in: "; schedule it first".
    hints: Mapping[RoundtableStatus, Callable[[], str]]


#: Every lifecycle step, one row each: the single source of truth for the lifecycle.
STEPS: Mapping[RoundtableAction, Step] = {
    step.action: step
    for step in (
        Step(
            _A.SCHEDULED,
            frozenset({_S.DRAFT, _S.POSTPONED}),
            _S.SCHEDULED,
            lambda: _("Cannot schedule {title}"),
            {_S.SCHEDULED: lambda: _("; reschedule it to move it")},
        ),
        Step(
            _A.RESCHEDULED,
            frozenset({_S.SCHEDULED}),
            _S.SCHEDULED,
            lambda: _("Cannot reschedule {title}"),
            {
                _S.DRAFT: lambda: _("; schedule it to give it a date"),
                _S.POSTPONED: lambda: _("; schedule it again to give it a new date"),
            },
        ),
        Step(
            _A.POSTPONED,
            frozenset({_S.SCHEDULED}),
            _S.POSTPONED,
            lambda: _("Cannot postpone {title}"),
            {_S.DRAFT: lambda: _("; only a scheduled roundtable can be postponed")},
        ),
        Step(
            _A.CANCELLED,
            frozenset({_S.DRAFT, _S.SCHEDULED, _S.POSTPONED}),
            _S.CANCELLED,
            lambda: _("Cannot cancel {title}"),
            {},
        ),
        Step(
            _A.HELD,
            frozenset({_S.SCHEDULED}),
            _S.HELD,
            lambda: _("Cannot mark {title} as held"),
            {
                _S.DRAFT: lambda: _("; schedule it first"),
                _S.POSTPONED: lambda: _("; schedule it again first"),
            },
        ),
    )
}

#: The statuses each step may start from (from :data:`STEPS`).
STEP_ALLOWED_FROM: Mapping[RoundtableAction, frozenset[RoundtableStatus]] = {
    action: step.allowed_from for action, step in STEPS.items()
}

#: Where each step leads (from :data:`STEPS`).
STEP_LEADS_TO: Mapping[RoundtableAction, RoundtableStatus] = {
    action: step.leads_to for action, step in STEPS.items()
}

#: Nothing leads out of these.
FINAL_STATUSES: frozenset[RoundtableStatus] = frozenset(
    status for status in STATES if not any(status in s.allowed_from for s in STEPS.values())
)


@dataclass(frozen=True)
class Detail:
    """One descriptive detail of a roundtable, as :func:`update_details` changes it."""

    #: The argument of :func:`update_details` ("title", "host").
    name: str
    #: The column it is stored in: its length limit is read from there.
    column: Any
    #: How messages name it ("The title is required.").
    label: Callable[[], str]
    #: The Edit menu's name of a change of this detail alone ("Undo Change title").
    change: Callable[[], str]
    #: "text", "required" (text that may not be empty), "url", "flag" (true or false),
    #: "organisation" or "person" (a record, or nothing).
    kind: str = "text"


#: A roundtable's editable details, one row each: the one list the cleaner, the edit
#: action (meetings.actions.edit_details) and its undo labels read.
DETAILS: tuple[Detail, ...] = (
    Detail(
        "title", Roundtable.title, lambda: _("The title"), lambda: _("Change title"), "required"
    ),
    Detail("topic", Roundtable.topic, lambda: _("The topic"), lambda: _("Change topic")),
    Detail(
        "host",
        Roundtable.host_organisation_id,
        lambda: _("The host"),
        lambda: _("Change host"),
        "organisation",
    ),
    Detail(
        "organiser",
        Roundtable.organiser_id,
        lambda: _("The organiser"),
        lambda: _("Change organiser"),
        "person",
    ),
    Detail("venue", Roundtable.venue, lambda: _("The venue"), lambda: _("Change venue")),
    Detail(
        "online_url",
        Roundtable.online_url,
        lambda: _("The online meeting link"),
        lambda: _("Change online link"),
        "url",
    ),
    Detail(
        "description",
        Roundtable.description,
        lambda: _("The description"),
        lambda: _("Change description"),
    ),
    Detail(
        "is_public",
        Roundtable.is_public,
        lambda: _("Whether it is public"),
        lambda: _("Change public listing"),
        "flag",
    ),
)

#: The names :func:`update_details` accepts.
DETAIL_FIELDS: tuple[str, ...] = tuple(detail.name for detail in DETAILS)
_DETAILS_BY_NAME = {detail.name: detail for detail in DETAILS}


# Changing where the meeting takes place must reach attendees' calendars, but
# only once invitations can have gone out (scheduled or postponed).
_PLACE_FIELDS = frozenset({"venue", "online_url"})


def _quoted(roundtable: Roundtable) -> str:
    return f"“{roundtable.title}”"


def _status_since(roundtable: Roundtable) -> datetime | None:
    """When the roundtable entered its current status, from its history."""
    for event in reversed(roundtable.history):
        if event.to_status == roundtable.status and event.action != _A.EDITED:
            return event.at
    return None


def describe_status(roundtable: Roundtable, subject: str | None = None) -> str:
    """Where the roundtable stands, as the end of a sentence: "it was cancelled on 5 Sep 2023".

    ``subject`` replaces "it", e.g. "the roundtable was cancelled on 5 Sep 2023".
    """
    zone = zone_of(roundtable)
    language = i18n.language()
    status = roundtable.status
    since = _status_since(roundtable)
    subject = _("it") if subject is None else subject
    if status == _S.DRAFT:
        return _("{subject} is still a draft").format(subject=subject)
    if status == _S.SCHEDULED:
        if roundtable.starts_at is None:
            return _("{subject} is scheduled").format(subject=subject)
        times = format_times(roundtable.starts_at, roundtable.ends_at, zone, language=language)
        return _("{subject} is scheduled for {times}").format(subject=subject, times=times)
    if status == _S.HELD:
        held_on = roundtable.starts_at or since
        if held_on:
            return _("{subject} was held on {day}").format(
                subject=subject, day=format_day(held_on, zone, language=language)
            )
        return _("{subject} was held").format(subject=subject)
    if status == _S.POSTPONED:
        if since:
            return _("{subject} was postponed on {day}").format(
                subject=subject, day=format_day(since, zone, language=language)
            )
        return _("{subject} was postponed").format(subject=subject)
    if since:
        return _("{subject} was cancelled on {day}").format(
            subject=subject, day=format_day(since, zone, language=language)
        )
    return _("{subject} was cancelled").format(subject=subject)


def resolve_event_time(
    at: datetime | None, zone: ZoneInfo, previous: datetime | None, what: str
) -> datetime:
    """When a change happened, in UTC: ``at`` (naive = wall time in ``zone``) or now.

    Refuses a time before ``previous`` (the last history row of ``what``), so a
    history always reads in the order things happened.
    """
    when = context.now() if at is None else localize(at, zone, "at")
    if previous is not None and when < previous:
        raise ValidationError(
            _(
                "The change is dated {moment}, before the last recorded change of {what} "
                "({previous}); record changes in the order they happened."
            ).format(
                moment=format_moment(when, zone, language=i18n.language()),
                what=what,
                previous=format_moment(previous, zone, language=i18n.language()),
            ),
            "at",
        )
    return when


def _last_event_at(roundtable: Roundtable) -> datetime | None:
    """When the last change of any kind happened (what an edit may not precede)."""
    return roundtable.history[-1].at if roundtable.history else None


#: History rows that are not steps of the roundtable's story (see the module's text).
_NOT_STEPS = frozenset({_A.CREATED, _A.EDITED})


def _last_step_at(roundtable: Roundtable) -> datetime | None:
    """When the last lifecycle step happened (what a new step may not precede)."""
    steps = [event for event in roundtable.history if event.action not in _NOT_STEPS]
    return steps[-1].at if steps else None


def _check_step(roundtable: Roundtable, step: RoundtableAction) -> None:
    current = roundtable.status
    if current in STEP_ALLOWED_FROM[step]:
        return
    refused = STEPS[step].refused().format(title=_quoted(roundtable))
    hint_for = STEPS[step].hints.get(current)
    hint = hint_for() if hint_for is not None else ""
    raise IllegalTransitionError(
        _("{step}: {reason}{hint}.").format(
            step=refused, reason=describe_status(roundtable), hint=hint
        ),
        current.value,
        STEP_LEADS_TO[step].value,
    )


def _require_period(
    starts_at: datetime | None, ends_at: datetime | None, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    if starts_at is None:
        raise ValidationError(_("A start date and time is required."), "starts_at")
    if ends_at is None:
        raise ValidationError(_("An end date and time is required."), "ends_at")
    return validate_period(starts_at, ends_at, zone)


def _zone_and_name(timezone: str | None, roundtable: Roundtable) -> tuple[ZoneInfo, str]:
    if timezone is None:
        return zone_of(roundtable), roundtable.timezone
    zone = validate_timezone(timezone)
    return zone, zone.key


def _clean_detail(name: str, value: object) -> object:
    """A validated value for one of :data:`DETAILS`."""
    detail = _DETAILS_BY_NAME.get(name)
    if detail is None:
        raise TypeError(
            f"{name!r} is not a roundtable detail; use one of {', '.join(DETAIL_FIELDS)}"
        )
    limit = limit_of(detail.column)
    if detail.kind == "required":
        return require_text(_text(value, name), name, detail.label(), limit)
    if detail.kind == "text":
        return optional_text(_text(value, name), name, detail.label(), limit)
    if detail.kind == "url":
        return clean_url(_text(value, name), name, detail.label(), limit)
    if detail.kind == "flag":
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False, not {value!r}")
        return value
    model = Organisation if detail.kind == "organisation" else Person
    if value is not None and not isinstance(value, model):
        raise TypeError(f"{name} must be a {model.__name__} or None, not {value!r}")
    return value


def _text(value: object, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be text, not {value!r}")
    return value


def _clean_uid(session: Session, uid: str | None) -> str:
    if uid is None:
        return f"{uuid.uuid4()}@roundtable.local"
    text = uid.strip()
    if not text:
        raise ValidationError(_("The calendar UID cannot be empty."), "uid")
    if len(text) > 255 or any(ord(ch) < 32 for ch in text):
        raise ValidationError(
            _("The calendar UID must be one line of at most 255 characters."), "uid"
        )
    if session.scalar(select(Roundtable.id).where(Roundtable.uid == text)) is not None:
        raise ValidationError(
            _("Another roundtable already has the calendar UID {uid}.").format(uid=text), "uid"
        )
    return text


def _record(
    roundtable: Roundtable,
    action: RoundtableAction,
    from_status: RoundtableStatus | None,
    when: datetime,
    *,
    reason: str = "",
    detail: str = "",
) -> RoundtableEvent:
    """Append the history row; the roundtable already carries the new status and sequence.

    A step dated before the CREATED row moves that row back to the step's time.
    """
    recorded = context.now()
    if action not in _NOT_STEPS:
        for earlier in roundtable.history:
            if earlier.action == _A.CREATED and earlier.at > when:
                earlier.at = when
    event = RoundtableEvent(
        at=when,
        recorded_at=recorded,
        actor=context.actor(),
        action=action,
        from_status=from_status,
        to_status=roundtable.status,
        sequence=roundtable.sequence,
        reason=reason,
        detail=detail,
    )
    roundtable.history.append(event)
    roundtable.updated_at = recorded
    return event


def _move_detail(
    roundtable: Roundtable, start: datetime, end: datetime, zone: ZoneInfo, zone_name: str
) -> str:
    """Old → new times, e.g. 7 Sep 2023 14:00–16:00 → 21 Sep 2023 14:00–16:00 (Europe/Amsterdam)."""
    old_times = format_times(roundtable.starts_at, roundtable.ends_at, zone_of(roundtable))
    new_times = format_period(start, end, zone)
    if roundtable.timezone == zone_name:
        return f"{old_times} → {new_times} ({zone_name})"
    return f"{old_times} ({roundtable.timezone}) → {new_times} ({zone_name})"


def _differs(name: str, old: object, new: object) -> bool:
    # Related records compare by identity: two organisations may be equal-looking.
    return old is not new if name in ("host", "organiser") else old != new


def _describe_edit(name: str, old: object, new: object) -> str:
    if name in ("title", "venue", "online_url"):
        label = {"title": "title", "venue": "venue", "online_url": "online link"}[name]
        return f"{label}: “{old or ''}” → “{new or ''}”"
    if name in ("host", "organiser"):
        old_name = getattr(old, "name", None) or "none"
        new_name = getattr(new, "name", None) or "none"
        return f"{name}: {old_name} → {new_name}"
    if name == "is_public":
        return "listed in the public calendar" if new else "removed from the public calendar"
    return f"{name} changed"


def create_roundtable(
    session: Session,
    *,
    title: str,
    topic: str = "",
    host: Organisation | None = None,
    organiser: Person | None = None,
    venue: str = "",
    online_url: str = "",
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    timezone: str = "Europe/Amsterdam",
    description: str = "",
    is_public: bool = False,
    uid: str | None = None,
    at: datetime | None = None,
) -> Roundtable:
    """Create a draft roundtable (sequence 0) with its first history row, CREATED.

    Times are optional for a draft, but given together; naive ones are wall
    time in ``timezone``. ``uid`` (an iCalendar UID, e.g. from an imported
    invitation) is generated when not given and never changes afterwards.
    """
    zone = validate_timezone(timezone)
    details = {
        name: _clean_detail(name, value)
        for name, value in (
            ("title", title),
            ("topic", topic),
            ("host", host),
            ("organiser", organiser),
            ("venue", venue),
            ("online_url", online_url),
            ("description", description),
            ("is_public", is_public),
        )
    }
    start = end = None
    if starts_at is not None or ends_at is not None:
        start, end = _require_period(starts_at, ends_at, zone)
    clean_uid = _clean_uid(session, uid)
    when = resolve_event_time(at, zone, None, _("the roundtable"))

    roundtable = Roundtable(
        uid=clean_uid,
        sequence=0,
        status=_S.DRAFT,
        starts_at=start,
        ends_at=end,
        timezone=zone.key,
        created_at=when,
        updated_at=when,
        **details,
    )
    session.add(roundtable)
    detail = f"{format_period(start, end, zone)} ({roundtable.timezone})" if start and end else ""
    _record(roundtable, _A.CREATED, None, when, detail=detail)
    session.flush()
    return roundtable


def update_details(
    session: Session, roundtable: Roundtable, *, at: datetime | None = None, **changes: object
) -> Roundtable:
    """Change descriptive details (see :data:`DETAIL_FIELDS`); history row EDITED.

    A new venue or online link of a scheduled or postponed roundtable raises
    the sequence, since attendees' calendars must follow; a fixed typo in the
    title, topic or description does not. Changes to values that are already
    current are ignored, and a call that changes nothing writes nothing.
    """
    cleaned = {name: _clean_detail(name, value) for name, value in changes.items()}
    changed = {
        name: value
        for name, value in cleaned.items()
        if _differs(name, getattr(roundtable, name), value)
    }
    if not changed:
        return roundtable
    zone = zone_of(roundtable)
    when = resolve_event_time(at, zone, _last_event_at(roundtable), _quoted(roundtable))

    detail = "; ".join(
        _describe_edit(name, getattr(roundtable, name), value) for name, value in changed.items()
    )
    for name, value in changed.items():
        setattr(roundtable, name, value)
    if _PLACE_FIELDS & changed.keys() and STATES[roundtable.status].published:
        roundtable.sequence += 1
    _record(roundtable, _A.EDITED, roundtable.status, when, detail=detail)
    session.flush()
    return roundtable


def schedule(
    session: Session,
    roundtable: Roundtable,
    starts_at: datetime,
    ends_at: datetime,
    timezone: str | None = None,
    *,
    at: datetime | None = None,
) -> Roundtable:
    """Give a draft or postponed roundtable its date: -> SCHEDULED.

    Naive times are wall time in ``timezone`` (default: the roundtable's zone,
    which ``timezone`` replaces). From POSTPONED the sequence rises, because
    invitees already have the earlier date in their calendars.
    """
    _check_step(roundtable, _A.SCHEDULED)
    zone, zone_name = _zone_and_name(timezone, roundtable)
    start, end = _require_period(starts_at, ends_at, zone)
    when = resolve_event_time(at, zone, _last_step_at(roundtable), _quoted(roundtable))

    previous = roundtable.status
    if previous == _S.POSTPONED and roundtable.starts_at is not None:
        detail = _move_detail(roundtable, start, end, zone, zone_name)
    else:
        detail = f"{format_period(start, end, zone)} ({zone_name})"
    roundtable.starts_at, roundtable.ends_at, roundtable.timezone = start, end, zone_name
    roundtable.status = _S.SCHEDULED
    if previous == _S.POSTPONED:
        roundtable.sequence += 1
    _record(roundtable, _A.SCHEDULED, previous, when, detail=detail)
    session.flush()
    return roundtable


def reschedule(
    session: Session,
    roundtable: Roundtable,
    starts_at: datetime,
    ends_at: datetime,
    timezone: str | None = None,
    *,
    reason: str = "",
    at: datetime | None = None,
) -> Roundtable:
    """Move a scheduled roundtable to other times; the sequence rises.

    The new times must differ from the current ones (a move to the same
    instants in another zone counts as a change of zone).
    """
    _check_step(roundtable, _A.RESCHEDULED)
    zone, zone_name = _zone_and_name(timezone, roundtable)
    start, end = _require_period(starts_at, ends_at, zone)
    clean_reason = optional_text(
        reason, "reason", _("The reason"), limit_of(RoundtableEvent.reason)
    )
    if (
        start == roundtable.starts_at
        and end == roundtable.ends_at
        and zone_name == roundtable.timezone
    ):
        raise ValidationError(
            _(
                "{title} is already scheduled for {times}; choose other times to reschedule it."
            ).format(
                title=_quoted(roundtable),
                times=format_period(start, end, zone, language=i18n.language()),
            ),
            "starts_at",
        )
    when = resolve_event_time(at, zone, _last_step_at(roundtable), _quoted(roundtable))

    detail = _move_detail(roundtable, start, end, zone, zone_name)
    roundtable.starts_at, roundtable.ends_at, roundtable.timezone = start, end, zone_name
    roundtable.sequence += 1
    _record(roundtable, _A.RESCHEDULED, _S.SCHEDULED, when, reason=clean_reason, detail=detail)
    session.flush()
    return roundtable


def postpone(
    session: Session, roundtable: Roundtable, reason: str = "", *, at: datetime | None = None
) -> Roundtable:
    """Take a scheduled roundtable off its date until a new one is known; the sequence rises.

    The old times are kept so the history and a later :func:`schedule` can show what moved.
    """
    _check_step(roundtable, _A.POSTPONED)
    clean_reason = optional_text(
        reason, "reason", _("The reason"), limit_of(RoundtableEvent.reason)
    )
    zone = zone_of(roundtable)
    when = resolve_event_time(at, zone, _last_step_at(roundtable), _quoted(roundtable))

    detail = f"was {format_times(roundtable.starts_at, roundtable.ends_at, zone)}"
    roundtable.status = _S.POSTPONED
    roundtable.sequence += 1
    _record(roundtable, _A.POSTPONED, _S.SCHEDULED, when, reason=clean_reason, detail=detail)
    session.flush()
    return roundtable


def cancel(
    session: Session, roundtable: Roundtable, reason: str, *, at: datetime | None = None
) -> Roundtable:
    """Call the roundtable off for good; the reason is required and the sequence rises.

    The reason is kept in ``cancellation_reason`` (statements quote it) and in
    the history row.
    """
    _check_step(roundtable, _A.CANCELLED)
    clean_reason = require_text(
        reason,
        "reason",
        _("A reason for the cancellation"),
        limit_of(Roundtable.cancellation_reason),
    )
    zone = zone_of(roundtable)
    when = resolve_event_time(at, zone, _last_step_at(roundtable), _quoted(roundtable))

    previous = roundtable.status
    if roundtable.starts_at is not None:
        detail = f"was {format_times(roundtable.starts_at, roundtable.ends_at, zone)}"
    else:
        detail = ""
    roundtable.status = _S.CANCELLED
    roundtable.cancellation_reason = clean_reason
    roundtable.sequence += 1
    _record(roundtable, _A.CANCELLED, previous, when, reason=clean_reason, detail=detail)
    session.flush()
    return roundtable


def mark_held(
    session: Session, roundtable: Roundtable, *, at: datetime | None = None
) -> Roundtable:
    """Record that a scheduled roundtable took place; allowed only once it has started.

    The sequence stays: nothing changes in anyone's calendar.
    """
    _check_step(roundtable, _A.HELD)
    zone = zone_of(roundtable)
    when = resolve_event_time(at, zone, _last_step_at(roundtable), _quoted(roundtable))
    if roundtable.starts_at is None or roundtable.starts_at > when:
        language = i18n.language()
        starts = (
            format_moment(roundtable.starts_at, zone, language=language)
            if roundtable.starts_at
            else _("later")
        )
        raise IllegalTransitionError(
            _("Cannot mark {title} as held on {moment}: it only starts on {starts}.").format(
                title=_quoted(roundtable),
                moment=format_moment(when, zone, language=language),
                starts=starts,
            ),
            roundtable.status.value,
            _S.HELD.value,
        )

    roundtable.status = _S.HELD
    detail = format_times(roundtable.starts_at, roundtable.ends_at, zone)
    _record(roundtable, _A.HELD, _S.SCHEDULED, when, detail=f"{detail} ({roundtable.timezone})")
    session.flush()
    return roundtable
