"""Calendar files (.ics): invitations, updates, cancellations and the public feed.

One module of about 750 lines on purpose: REQUEST, CANCEL, the withdrawal notice and
PUBLISH share one event builder, one set of attendee and organiser rules and one
VTIMEZONE assembly, and a reader checks them against each other here. Split per
method, each part would import most of the others' helpers.

Every file is an iTIP message (RFC 5546) in iCalendar (RFC 5545) that Outlook,
Google Calendar, Apple Calendar and Thunderbird read the same way:

* ``METHOD`` stands before the first component; ``PRODID``, ``VERSION:2.0`` and
  ``CALSCALE:GREGORIAN`` follow the RFC; ``DTSTAMP`` is UTC from
  :func:`roundtable.context.now` (a frozen clock gives byte-identical exports).
* One ``VEVENT`` per roundtable, its ``UID`` fixed for the roundtable's life and its
  ``SEQUENCE`` the core's :attr:`Roundtable.sequence` (only the lifecycle in
  :mod:`roundtable.meetings` raises it, for changes calendars must follow).
* Times carry ``TZID=<IANA zone>`` and a ``VTIMEZONE`` built here from
  :mod:`zoneinfo` as one yearly ``RRULE`` per transition (``STANDARD`` and
  ``DAYLIGHT``), the shape Outlook requires and ical.js, vobject and libical read
  alike. icalendar's own generated blocks list transitions as one comma-separated
  ``RDATE``, which ical.js and vobject read an hour off in summer, so they are never
  used. A zone whose rule is not "the n-th (or last) weekday of a month" in the
  event's year(s) gets UTC times (``...Z``) and no ``VTIMEZONE`` instead; a UTC
  roundtable gets ``Z`` times too (never ``TZID=UTC``, never ``X-WR-TIMEZONE``).
* Serialisation is icalendar's: CRLF line ends, lines folded at 75 octets without
  splitting a UTF-8 character, ``\\ ; ,`` and new lines escaped in TEXT. Text is
  cleaned of control characters first, double quotes are taken out of names
  (``CN``), so nothing a coordinator types can break or inject into a file.

Privacy: :func:`invitation_requests` gives one file per invitee naming only the
organiser and that invitee; a whole-list file is made only on request. Invitees
without an e-mail address cannot be named in a calendar file and are left out;
:func:`left_out_invitees` lists them so the app can say so.

Withdrawal versus cancellation: :func:`cancellation` (the roundtable is off) goes
to every invitee not withdrawn and says ``STATUS:CANCELLED``; :func:`withdrawal`
(one invitation taken back) names only that invitee, carries a courteous note and
no ``STATUS``. Its ``SEQUENCE`` is the roundtable's plus one: RFC 5546 has the
organiser raise SEQUENCE for the removed attendee's CANCEL (a receiver drops a
message that is not newer), while the roundtable's own sequence, which every
other invitee's calendar holds, must not change. The withdrawn invitee never
receives a later REQUEST, so the higher number in their calendar harms nothing.
(Re-inviting them after a withdrawal: the next REQUEST must have a SEQUENCE above
the withdrawal's, i.e. the roundtable must have changed since; otherwise their
calendar may ignore it.)

Nothing here writes to the database. The refusals (:class:`CalendarError`) speak
the user's language; everything inside a file stays English, or follows the
invitee's preferred language through its own templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from roundtable import __version__, context
from roundtable.calendar import readiness
from roundtable.calendar.timezones import vtimezone
from roundtable.editing import get_or_fail
from roundtable.enums import InvitationRole, InvitationStatus, Party, RoundtableStatus
from roundtable.errors import CalendarError, ValidationError
from roundtable.i18n import _
from roundtable.meetings.invitations import STATES
from roundtable.meetings.lifecycle import STATES as ROUNDTABLE_STATES
from roundtable.resources_access import resource_files
from roundtable.storage.models import Invitation, Organisation, Roundtable
from roundtable.text import format_long_period, zone_of
from roundtable.validation import validate_url

#: Identifies the program that wrote the file (RFC 5545 §3.7.3).
PRODID = f"-//Roundtable//Roundtable {__version__}//EN"


_I = InvitationStatus


_S = RoundtableStatus


_ROLE: dict[InvitationRole, str] = {
    InvitationRole.CHAIR: "CHAIR",
    InvitationRole.SPEAKER: "REQ-PARTICIPANT",
    InvitationRole.PARTICIPANT: "REQ-PARTICIPANT",
    InvitationRole.OBSERVER: "NON-PARTICIPANT",
}


#: What the public feed (PUBLISH) lists (from the status table).
FEED_STATUSES: frozenset[RoundtableStatus] = frozenset(
    status for status, state in ROUNDTABLE_STATES.items() if state.in_feed
)


# C0 controls except TAB and LF, DEL, and the C1 controls: RFC 5545 TEXT allows none of them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text(value: str | None) -> str:
    """Text safe for a TEXT value: one kind of line end, no control characters.

    icalendar escapes new lines, commas, semicolons and backslashes; what it
    cannot escape (NUL, ESC, a lone CR, Unicode line separators) is taken out here.
    """
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", text).strip()


def _name(value: str | None) -> str:
    """A name for a ``CN`` parameter: one line, no double quotes (see RFC 6868 quirks)."""
    text = _text(value).replace("\n", " ").replace("\t", " ").replace('"', "")
    return " ".join(text.split())


def _quoted(roundtable: Roundtable) -> str:
    return f"“{roundtable.title}”"


def _clean_email(value: str | None) -> str | None:
    # An unusable address is as good as none: it cannot be a mailto: URI.
    return readiness.usable_email(value)


def invitee_email(invitation: Invitation) -> str | None:
    """The address an invitation's calendar file goes to: the person's, or the organisation's
    for an invitation of an organisation alone; ``None`` when there is none (or it is invalid).
    """
    if invitation.person is not None:
        return _clean_email(invitation.person.email)
    if invitation.organisation is not None:
        return _clean_email(invitation.organisation.email)
    return None


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    cn = _name(name)
    if cn:
        address.params["CN"] = cn
    for key, value in params.items():
        address.params[key] = value
    return address


def _organiser(roundtable: Roundtable) -> vCalAddress:
    _missing, problem = readiness.organiser_problem(roundtable)
    if problem:
        raise CalendarError(problem)
    person = roundtable.organiser
    email = _clean_email(person.email) if person is not None else None
    assert person is not None and email is not None  # organiser_problem said so
    return _address(email, person.name)


def _attendee(invitation: Invitation, email: str) -> vCalAddress:
    return _address(
        email,
        invitation.invitee_name,
        ROLE=_ROLE[invitation.role],
        PARTSTAT=STATES[invitation.status].partstat,
        RSVP="TRUE",
    )


def _recipients(roundtable: Roundtable) -> list[tuple[Invitation, str]]:
    """Invitations not withdrawn that have an address, each address once."""
    seen: set[str] = set()
    result: list[tuple[Invitation, str]] = []
    for invitation in roundtable.invitations:
        if invitation.status == _I.WITHDRAWN:
            continue
        email = invitee_email(invitation)
        if email is None or email.lower() in seen:
            continue
        seen.add(email.lower())
        result.append((invitation, email))
    return result


def _chosen_recipients(
    roundtable: Roundtable, attendee_email: str | None, nobody: Callable[[], str]
) -> list[tuple[Invitation, str]]:
    """That one invitee, or everyone the file goes to; ``nobody`` words the refusal of none.

    Checks first that the roundtable has a start and an organiser with an address.
    """
    _require_start(roundtable)
    _organiser(roundtable)
    if attendee_email is not None:
        return [_find_recipient(roundtable, attendee_email)]
    recipients = _recipients(roundtable)
    if not recipients:
        raise CalendarError(nobody().format(title=_quoted(roundtable)))
    return recipients


def left_out_invitees(roundtable: Roundtable) -> list[Invitation]:
    """Invitations (not withdrawn) left out of calendar files for want of an e-mail address."""
    return [
        invitation
        for invitation in roundtable.invitations
        if invitation.status != _I.WITHDRAWN and invitee_email(invitation) is None
    ]


def _find_recipient(roundtable: Roundtable, email: str) -> tuple[Invitation, str]:
    wanted = (email or "").strip().lower().removeprefix("mailto:")
    for invitation in roundtable.invitations:
        address = invitee_email(invitation)
        if address is None or address.lower() != wanted:
            continue
        if invitation.status == _I.WITHDRAWN:
            raise CalendarError(_withdrawn_already(invitation))
        return invitation, address
    raise CalendarError(not_invited(email, roundtable))


def not_invited(address: str, roundtable: Roundtable) -> str:
    """The refusal for an address that is not a current invitee's."""
    return _("{address} is not among the invitees of {title}.").format(
        address=address, title=_quoted(roundtable)
    )


def _withdrawn_already(invitation: Invitation) -> str:
    return _(
        "The invitation of {name} to {title} was withdrawn; export the withdrawal for them instead."
    ).format(name=invitation.invitee_name, title=_quoted(invitation.roundtable))


def _moments(roundtable: Roundtable) -> list[datetime]:
    return [m for m in (roundtable.starts_at, roundtable.ends_at) if m is not None]


def _zone_blocks(roundtables: Sequence[Roundtable]) -> dict[str, Timezone | None]:
    """One VTIMEZONE (or ``None`` for UTC times) per zone used, right for every event in it."""
    years: dict[str, set[int]] = {}
    for roundtable in roundtables:
        zone = zone_of(roundtable)
        for moment in _moments(roundtable):
            years.setdefault(roundtable.timezone, set()).add(moment.astimezone(zone).year)
    return {name: vtimezone(name, wanted) for name, wanted in years.items()}


def _add_time(
    event: Event, prop: str, moment: datetime, zone_name: str, tz: Timezone | None
) -> None:
    if tz is None:
        event.add(prop, moment.astimezone(UTC))
        return
    local = moment.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)
    event.add(prop, local, parameters={"TZID": zone_name})


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _require_start(roundtable: Roundtable) -> datetime:
    problem = readiness.no_date_problem(roundtable)
    if problem or roundtable.starts_at is None:
        raise CalendarError(problem)
    return roundtable.starts_at


def _description(roundtable: Roundtable) -> str:
    parts = [_text(roundtable.description)]
    if _text(roundtable.topic):
        parts.append(f"Topic: {_text(roundtable.topic)}")
    if _text(roundtable.online_url):
        parts.append(f"Join online: {_text(roundtable.online_url)}")
    return "\n\n".join(part for part in parts if part)


def _url(roundtable: Roundtable) -> str:
    try:
        return validate_url(roundtable.online_url, "online_url", "The online link")
    except ValidationError:
        return ""  # never write a broken URI property; the text stays in DESCRIPTION


def _event(
    roundtable: Roundtable,
    zones: dict[str, Timezone | None],
    *,
    sequence: int,
    status: str | None,
    organizer: vCalAddress,
    attendees: Sequence[vCalAddress] = (),
    description: str | None = None,
    comment: str = "",
) -> Event:
    start = _require_start(roundtable)
    tz = zones.get(roundtable.timezone)
    event = Event()
    event.add("uid", roundtable.uid)
    event.add("dtstamp", context.now().astimezone(UTC))
    event.add("sequence", sequence)
    _add_time(event, "dtstart", start, roundtable.timezone, tz)
    if roundtable.ends_at is not None:
        _add_time(event, "dtend", roundtable.ends_at, roundtable.timezone, tz)
    event.add("summary", _text(roundtable.title))
    text = _description(roundtable) if description is None else _text(description)
    if text:
        event.add("description", text)
    location = _text(roundtable.venue) or _text(roundtable.online_url)
    if location:
        event.add("location", location)
    url = _url(roundtable)
    if url:
        event.add("url", url)
    if status is not None:
        event.add("status", status)
    if comment:
        event.add("comment", _text(comment))
    event.add("organizer", organizer)
    for attendee in attendees:
        event.add("attendee", attendee)
    return event


def _assemble(
    calendar: Calendar, roundtables: Sequence[Roundtable], events: Sequence[Event]
) -> bytes:
    zones = _zone_blocks(roundtables)
    for tz in zones.values():
        if tz is not None:
            calendar.add_component(tz)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _single(
    method: str,
    roundtable: Roundtable,
    *,
    sequence: int,
    status: str | None,
    attendees: Sequence[vCalAddress],
    description: str | None = None,
    comment: str = "",
) -> bytes:
    organizer = _organiser(roundtable)
    _require_start(roundtable)
    zones = _zone_blocks([roundtable])
    event = _event(
        roundtable,
        zones,
        sequence=sequence,
        status=status,
        organizer=organizer,
        attendees=attendees,
        description=description,
        comment=comment,
    )
    return _assemble(_calendar(method), [roundtable], [event])


def invitation_request(
    session: Session, roundtable: Roundtable, *, attendee_email: str | None = None
) -> bytes:
    """A METHOD:REQUEST file: for one invitee (``attendee_email``) or, with ``None``, the whole list.

    The one-invitee file names only the organiser and that invitee (the privacy
    default). The whole-list file names every invitee not withdrawn who has an
    e-mail address; :func:`left_out_invitees` lists those without. Export again
    after a reschedule: the higher SEQUENCE makes calendars update the entry.
    Raises :class:`CalendarError` for a cancelled or undated roundtable, a
    missing organiser address, or an address that is not a current invitee's.
    """
    del session  # the roundtable carries everything; kept for a uniform API
    if roundtable.status == _S.CANCELLED:
        raise CalendarError(
            _("{title} was cancelled; export the cancellation instead of an invitation.").format(
                title=_quoted(roundtable)
            )
        )
    recipients = _chosen_recipients(
        roundtable,
        attendee_email,
        lambda: _(
            "None of the invitees of {title} has an e-mail address; add invitees with "
            "addresses before exporting the invitation."
        ),
    )
    return _single(
        "REQUEST",
        roundtable,
        sequence=roundtable.sequence,
        status=ROUNDTABLE_STATES[roundtable.status].event_status,
        attendees=[_attendee(invitation, email) for invitation, email in recipients],
    )


def invitation_request_for(session: Session, invitation: Invitation) -> bytes:
    """The METHOD:REQUEST for this invitation's invitee alone (the one-invitee file above).

    Refused with :class:`CalendarError` as :func:`invitation_request` refuses, and
    for a withdrawn invitation or an invitee without a usable e-mail address.
    """
    del session
    roundtable = invitation.roundtable
    if roundtable.status == _S.CANCELLED:
        raise CalendarError(
            _("{title} was cancelled; export the cancellation instead of an invitation.").format(
                title=_quoted(roundtable)
            )
        )
    _require_start(roundtable)
    _organiser(roundtable)
    if invitation.status == _I.WITHDRAWN:
        raise CalendarError(_withdrawn_already(invitation))
    email = invitee_email(invitation)
    if email is None:
        raise CalendarError(
            _(
                "{name} has no e-mail address, so no calendar file can name them; add their "
                "address first."
            ).format(name=invitation.invitee_name)
        )
    return _single(
        "REQUEST",
        roundtable,
        sequence=roundtable.sequence,
        status=ROUNDTABLE_STATES[roundtable.status].event_status,
        attendees=[_attendee(invitation, email)],
    )


def invitation_requests(session: Session, roundtable: Roundtable) -> dict[str, bytes]:
    """One METHOD:REQUEST file per invitee with an address, keyed by that address.

    Withdrawn invitations and invitees without an e-mail address get no file
    (see :func:`left_out_invitees`); an empty dict means nobody can be sent one.
    """
    if roundtable.status == _S.CANCELLED:
        raise CalendarError(
            _("{title} was cancelled; export the cancellation instead of invitations.").format(
                title=_quoted(roundtable)
            )
        )
    return {
        email: invitation_request(session, roundtable, attendee_email=email)
        for _, email in _recipients(roundtable)
    }


def _require_cancelled(roundtable: Roundtable) -> None:
    if roundtable.status != _S.CANCELLED:
        raise CalendarError(
            _(
                "{title} is not cancelled; cancel it first, so that the cancellation carries a "
                "newer SEQUENCE than the invitations and calendars accept it."
            ).format(title=_quoted(roundtable))
        )


def cancellation(
    session: Session, roundtable: Roundtable, *, attendee_email: str | None = None
) -> bytes:
    """METHOD:CANCEL with STATUS:CANCELLED for a cancelled roundtable.

    Names every invitee not withdrawn (withdrawn invitees already had their own
    CANCEL and must not hear of the roundtable again), or, with ``attendee_email``,
    only that invitee (for one e-mail per invitee). SEQUENCE is the roundtable's,
    which the core raised when it was cancelled.
    """
    del session
    _require_cancelled(roundtable)
    recipients = _chosen_recipients(
        roundtable,
        attendee_email,
        lambda: _(
            "None of the invitees of {title} has an e-mail address, so there is nobody "
            "to send the cancellation to."
        ),
    )
    attendees = [
        _address(email, invitation.invitee_name, ROLE=_ROLE[invitation.role])
        for invitation, email in recipients
    ]
    return _single(
        "CANCEL",
        roundtable,
        sequence=roundtable.sequence,
        status="CANCELLED",
        attendees=attendees,
    )


def cancellations(session: Session, roundtable: Roundtable) -> dict[str, bytes]:
    """One METHOD:CANCEL file per invitee not withdrawn who has an address, keyed by it."""
    _require_cancelled(roundtable)
    return {
        email: cancellation(session, roundtable, attendee_email=email)
        for _, email in _recipients(roundtable)
    }


def _withdrawn_by_invitee(invitation: Invitation) -> bool:
    for event in reversed(invitation.history):
        if event.to_status == _I.WITHDRAWN:
            return event.party == Party.INVITEE
    return False


def _language(invitation: Invitation) -> str:
    preferred = invitation.person.preferred_language if invitation.person is not None else ""
    primary = (preferred or "").strip().lower().split("-")[0].split("_")[0]
    folder = resource_files() / "templates" / "calendar"
    if primary and (folder / f"withdrawal_note.{primary}.txt.j2").is_file():
        return primary
    return "en"


def _when(roundtable: Roundtable, language: str) -> str:
    zone = zone_of(roundtable)
    return format_long_period(_require_start(roundtable), roundtable.ends_at, zone, language)


def withdrawal_note(invitation: Invitation) -> str:
    """The courteous note for a withdrawn invitee, in their preferred language (else English).

    Rendered from ``resources/templates/calendar/withdrawal_note.<lang>.txt.j2``
    in a sandbox; it names only the invitee, the roundtable, its time and the
    organiser, never the other invitees nor the internal reason.
    """
    roundtable = invitation.roundtable
    language = _language(invitation)
    source = (
        resource_files() / "templates" / "calendar" / f"withdrawal_note.{language}.txt.j2"
    ).read_text(encoding="utf-8")
    from roundtable.publishing.templates import environment

    organiser = roundtable.organiser
    text = (
        environment(user_templates=False, autoescape=False)
        .from_string(source)
        .render(
            name=_name(invitation.invitee_name),
            title=_text(roundtable.title),
            when=_when(roundtable, language),
            organiser=_name(organiser.name) if organiser is not None else "",
            by_invitee=_withdrawn_by_invitee(invitation),
        )
    )
    return text.strip() + "\n"


def withdrawal(session: Session, invitation: Invitation) -> bytes:
    """METHOD:CANCEL for one withdrawn invitation, to be sent to that invitee only.

    Names the organiser and that attendee alone, has no STATUS (the roundtable
    goes ahead) and carries :func:`withdrawal_note` as DESCRIPTION and COMMENT.
    SEQUENCE is the roundtable's plus one, in this file only (see the module notes).
    """
    del session
    roundtable = invitation.roundtable
    if invitation.status != _I.WITHDRAWN:
        raise CalendarError(
            _("The invitation of {name} to {title} is not withdrawn; withdraw it first.").format(
                name=invitation.invitee_name, title=_quoted(roundtable)
            )
        )
    email = invitee_email(invitation)
    if email is None:
        raise CalendarError(
            _(
                "{name} has no e-mail address, so no calendar message can reach them; add "
                "their address, or let them know another way."
            ).format(name=invitation.invitee_name)
        )
    _require_start(roundtable)
    _organiser(roundtable)
    note = withdrawal_note(invitation)
    attendee = _address(email, invitation.invitee_name, ROLE=_ROLE[invitation.role])
    return _single(
        "CANCEL",
        roundtable,
        sequence=roundtable.sequence + 1,
        status=None,
        attendees=[attendee],
        description=note,
        comment=note,
    )


# --- by id: what the app reads (``Store.read(outgoing.invitation_files, ids)``) -----------


def invitations_by_id(session: Session, invitation_ids: Sequence[int]) -> list[Invitation]:
    """These invitations with their invitees, in the order given (two statements).

    Raises :class:`~roundtable.errors.NotFoundError` when one was removed meanwhile.
    """
    found = {
        invitation.id: invitation
        for invitation in session.scalars(
            select(Invitation)
            .where(Invitation.id.in_(list(invitation_ids)))
            .options(selectinload(Invitation.person), selectinload(Invitation.organisation))
        )
    }
    return [
        found.get(invitation_id) or get_or_fail(session, Invitation, invitation_id)
        for invitation_id in invitation_ids
    ]


def invitation_files(session: Session, invitation_ids: Sequence[int]) -> list[bytes]:
    """:func:`invitation_request_for` of each of these invitations, in the order given."""
    return [
        invitation_request_for(session, invitation)
        for invitation in invitations_by_id(session, invitation_ids)
    ]


def withdrawal_files(session: Session, invitation_ids: Sequence[int]) -> list[bytes]:
    """:func:`withdrawal` of each of these withdrawn invitations, in the order given."""
    return [
        withdrawal(session, invitation) for invitation in invitations_by_id(session, invitation_ids)
    ]


def whole_list_file(session: Session, roundtable_id: int) -> bytes:
    """The roundtable's METHOD:REQUEST naming every invitee (:func:`invitation_request`)."""
    return invitation_request(session, get_or_fail(session, Roundtable, roundtable_id))


def cancellation_file(session: Session, roundtable_id: int) -> bytes:
    """The cancelled roundtable's METHOD:CANCEL naming every invitee (:func:`cancellation`)."""
    return cancellation(session, get_or_fail(session, Roundtable, roundtable_id))


def cancellation_files(session: Session, roundtable_id: int) -> dict[str, bytes]:
    """One METHOD:CANCEL per invitee, keyed by address (:func:`cancellations`)."""
    return cancellations(session, get_or_fail(session, Roundtable, roundtable_id))


def _feed_organiser(roundtable: Roundtable) -> vCalAddress | None:
    host = roundtable.host
    organiser = roundtable.organiser
    email = _clean_email(host.email) if host is not None else None
    if email is None and organiser is not None:
        email = _clean_email(organiser.email)
    if email is None:
        return None
    name = host.name if host is not None else (organiser.name if organiser is not None else "")
    return _address(email, name)


def publish_feed(session: Session) -> bytes:
    """METHOD:PUBLISH feed of the public roundtables, for a website's "subscribe" link.

    Lists every roundtable marked public that has a date and is scheduled,
    postponed, held or cancelled (cancelled ones with STATUS:CANCELLED, so
    subscribers see it; drafts never). No ATTENDEE is ever written. ORGANIZER
    (required by RFC 5546) is the host organisation's name with its e-mail
    address, else the organiser's address. A feed without public roundtables is
    a calendar without events, so a subscription link keeps working.
    """
    roundtables = list(
        session.scalars(
            select(Roundtable)
            .where(
                Roundtable.is_public.is_(True),
                Roundtable.status.in_(sorted(FEED_STATUSES)),
                Roundtable.starts_at.is_not(None),
            )
            .order_by(Roundtable.starts_at, Roundtable.id)
        )
    )
    organisers = {roundtable.id: _feed_organiser(roundtable) for roundtable in roundtables}
    missing = [r for r in roundtables if organisers[r.id] is None]
    if missing:
        titles = ", ".join(_quoted(r) for r in missing)
        raise CalendarError(
            _(
                "No e-mail address to publish as the organiser of {titles}; add one to the host "
                "organisation (or to the organiser) first."
            ).format(titles=titles)
        )
    calendar = _calendar("PUBLISH")
    own = session.scalars(select(Organisation).where(Organisation.is_own.is_(True))).first()
    # The calendar's name is in the file: English.
    label = f"{own.name}: roundtables" if own is not None else "Roundtables"
    calendar.add("x-wr-calname", _name(label))
    zones = _zone_blocks(roundtables)
    events = [
        _event(
            roundtable,
            zones,
            sequence=roundtable.sequence,
            status=ROUNDTABLE_STATES[roundtable.status].event_status,
            organizer=organisers[roundtable.id],  # type: ignore[arg-type]
        )
        for roundtable in roundtables
    ]
    return _assemble(calendar, roundtables, events)


def strip_method(ics: bytes) -> bytes:
    """The same calendar without its METHOD line(s), for a CalDAV PUT (RFC 4791 §4.1).

    Works on the raw lines, so nothing else in the file changes (folded
    continuation lines of a METHOD line go too).
    """
    lines = ics.split(b"\r\n") if b"\r\n" in ics else ics.split(b"\n")
    newline = b"\r\n" if b"\r\n" in ics else b"\n"
    kept: list[bytes] = []
    skipping = False
    for line in lines:
        if skipping and line[:1] in (b" ", b"\t"):
            continue
        skipping = line.upper().startswith(b"METHOD:") or line.upper().startswith(b"METHOD;")
        if not skipping:
            kept.append(line)
    return newline.join(kept)
