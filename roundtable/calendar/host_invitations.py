"""A host's own invitations read in (REQUEST and CANCEL): the roundtable created or
brought up to date, its host, organiser, time, place and attendees.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.calendar.messages import (
    HOST_MESSAGE_AUDIT,
    PARTSTAT_TO_STATUS,
    ROLE_TO_ROLE,
    FileError,
    FileReport,
    Message,
    address_of,
    attendees_of,
    decoded_property,
    find_roundtable,
    invitation_by_address,
    our_roundtable,
    params_of,
    text_of,
    when_label,
)
from roundtable.enums import ChangeSource, InvitationRole, InvitationStatus, Party, RoundtableStatus
from roundtable.errors import RoundtableError
from roundtable.meetings import invitations
from roundtable.meetings import lifecycle as meetings_lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.audit import record_audit
from roundtable.storage.models import Organisation, Person, Roundtable
from roundtable.text import format_period
from roundtable.validation import validate_email

# Properties that carry an online meeting link in the wild (Teams, Google Meet).
_LINK_PROPERTIES = ("URL", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE")


_HOST_CANCEL_REASON = "Cancelled by the host (calendar message)"


def _own_organisation(session: Session) -> Organisation | None:
    return session.scalars(select(Organisation).where(Organisation.is_own.is_(True))).first()


def _last_host_sequence(session: Session, roundtable: Roundtable) -> int:
    """The SEQUENCE of the host's newest message imported, else the roundtable's own.

    Our sequence counts our own lifecycle steps (a reschedule and a new venue
    are two), so the host's number is kept in a column of its own, which an
    undo rewinds with the rest of the row.
    """
    if roundtable.host_sequence is not None:
        return roundtable.host_sequence
    return roundtable.sequence


def _remember(session: Session, roundtable: Roundtable, message: Message) -> None:
    roundtable.host_sequence = message.sequence
    session.flush()
    record_audit(
        session,
        HOST_MESSAGE_AUDIT,
        entity_type="roundtable",
        entity_id=roundtable.id,
        detail={
            "method": message.method,
            "uid": message.uid,
            "sequence": message.sequence,
            "dtstamp": when_label(message.dtstamp),
            "file": message.name,
        },
    )


def _refuse_own(roundtable: Roundtable, message: Message) -> None:
    host = roundtable.host
    if host is not None and host.is_own:
        raise FileError(
            f"{message.name}: “{roundtable.title}” is our own roundtable; a {message.method} "
            "comes from the organiser, so Roundtable does not read its own back. "
            "Nothing was changed."
        )


def apply_request(session: Session, message: Message, report: FileReport) -> None:
    roundtable = find_roundtable(session, message.uid)
    if roundtable is None:
        _create_from_request(session, message, report)
        return
    report.roundtable_id = roundtable.id
    _refuse_own(roundtable, message)
    known = _last_host_sequence(session, roundtable)
    if message.sequence < known:
        report.ignored.append(
            f"Invitation to “{roundtable.title}” is an older version (sequence "
            f"{message.sequence}; now {known}): ignored."
        )
        report.outcome = "older"
        return
    if message.sequence == known:
        report.ignored.append(
            f"Invitation to “{roundtable.title}” (sequence {message.sequence}) was already "
            "imported: nothing changed."
        )
        report.outcome = "up_to_date"
        return
    if text_of(message.event, "STATUS").upper() == "CANCELLED":
        _cancel_roundtable(session, roundtable, message, report)
        return
    _update_from_request(session, roundtable, message, report)


def _create_from_request(session: Session, message: Message, report: FileReport) -> None:
    event = message.event
    organiser_value = event.get("ORGANIZER")  # type: ignore[attr-defined]
    if organiser_value is None or not address_of(organiser_value):
        raise FileError(
            f"{message.name}: the invitation names no organiser (ORGANIZER); nothing was changed."
        )
    zone_name = _zone_name(event)
    zone = ZoneInfo(zone_name)
    start, end = _period(event, zone)
    organiser, host = _organiser_and_host(session, organiser_value, report)
    title = text_of(event, "SUMMARY") or "Untitled roundtable"
    venue, link = _place(event)
    roundtable = meetings_lifecycle.create_roundtable(
        session,
        title=title[:300],
        host=host,
        organiser=organiser,
        venue=venue,
        online_url=link,
        timezone=zone_name,
        description=text_of(event, "DESCRIPTION"),
        uid=message.uid,
    )
    report.roundtable_id = roundtable.id
    if start is not None and end is not None:
        meetings_lifecycle.schedule(session, roundtable, start, end, zone_name)
        when = f" on {format_period(start, end, zone)} ({zone_name})"
    else:
        when = " (no date yet)"
    report.changes.append(
        f"Imported “{roundtable.title}”{when}, hosted by "
        f"{host.name if host else organiser.name}, organised by {organiser.name}."
    )
    _sync_attendees(session, roundtable, message, report, organiser)
    _remember(session, roundtable, message)
    report.outcome = "created"


def _update_from_request(
    session: Session, roundtable: Roundtable, message: Message, report: FileReport
) -> None:
    event = message.event
    zone_name = _zone_name(event)
    start, end = _period(event, ZoneInfo(zone_name))
    if roundtable.status == RoundtableStatus.CANCELLED:
        raise FileError(
            f"{message.name}: “{roundtable.title}” was cancelled; a new invitation cannot "
            "bring it back. Nothing was changed."
        )
    if start is not None and end is not None:
        moved = (
            start != roundtable.starts_at
            or end != roundtable.ends_at
            or zone_name != roundtable.timezone
        )
        if roundtable.status == RoundtableStatus.SCHEDULED and moved:
            meetings_lifecycle.reschedule(
                session, roundtable, start, end, zone_name, reason="New times from the host"
            )
            report.changes.append(
                f"Moved to {format_period(start, end, ZoneInfo(zone_name))} ({zone_name})."
            )
        elif roundtable.status in (RoundtableStatus.DRAFT, RoundtableStatus.POSTPONED):
            meetings_lifecycle.schedule(session, roundtable, start, end, zone_name)
            report.changes.append(
                f"Scheduled for {format_period(start, end, ZoneInfo(zone_name))} ({zone_name})."
            )
    venue, link = _place(event)
    details: dict[str, Any] = {"venue": venue}
    title = text_of(event, "SUMMARY")
    if title:
        details["title"] = title[:300]
    if link:
        details["online_url"] = link
    before = {name: getattr(roundtable, name) for name in details}
    meetings_lifecycle.update_details(session, roundtable, **details)
    for name, old in before.items():
        new = getattr(roundtable, name)
        if new != old:
            label = {"title": "Title", "venue": "Venue", "online_url": "Online link"}[name]
            report.changes.append(f"{label}: “{old}” → “{new}”.")
    organiser = roundtable.organiser
    _sync_attendees(session, roundtable, message, report, organiser)
    _remember(session, roundtable, message)
    if not report.changes:
        report.changes.append(
            f"“{roundtable.title}”: the host's version {message.sequence} changes nothing here."
        )
    report.outcome = "updated"


def apply_cancel(session: Session, message: Message, report: FileReport) -> None:
    roundtable = our_roundtable(session, message, "cancellation")
    report.roundtable_id = roundtable.id
    _refuse_own(roundtable, message)
    known = _last_host_sequence(session, roundtable)
    if message.sequence < known:
        report.ignored.append(
            f"Cancellation of “{roundtable.title}” is an older version (sequence "
            f"{message.sequence}; now {known}): ignored."
        )
        report.outcome = "older"
        return
    status = text_of(message.event, "STATUS").upper()
    attendees = attendees_of(message.event)
    if status != "CANCELLED" and attendees:
        # RFC 5546 §3.2.5: a CANCEL naming attendees, without STATUS, removes only them.
        _withdraw_attendees(session, roundtable, message, report, attendees)
        return
    _cancel_roundtable(session, roundtable, message, report)


def _cancel_roundtable(
    session: Session, roundtable: Roundtable, message: Message, report: FileReport
) -> None:
    if roundtable.status == RoundtableStatus.CANCELLED:
        report.ignored.append(f"“{roundtable.title}” was already cancelled: nothing changed.")
        report.outcome = "up_to_date"
        return
    reason = text_of(message.event, "COMMENT") or _HOST_CANCEL_REASON
    meetings_lifecycle.cancel(session, roundtable, reason)
    _remember(session, roundtable, message)
    report.changes.append(f"“{roundtable.title}” was cancelled by the host: {reason}")
    report.outcome = "cancelled"


def _withdraw_attendees(
    session: Session,
    roundtable: Roundtable,
    message: Message,
    report: FileReport,
    attendees: list[object],
) -> None:
    reason = text_of(message.event, "COMMENT") or "Withdrawn by the host (calendar message)"
    for attendee in attendees:
        invitation = invitation_by_address(roundtable, address_of(attendee))
        if invitation is None:
            report.ignored.append(f"{address_of(attendee)} was not invited: nothing to withdraw.")
            continue
        if invitation.status == InvitationStatus.WITHDRAWN:
            report.ignored.append(f"{invitation.invitee_name} was already withdrawn.")
            continue
        invitations.withdraw(
            session, invitation, reason, by=Party.HOST, source=ChangeSource.CALENDAR_REPLY
        )
        report.changes.append(
            f"The host withdrew the invitation of {invitation.invitee_name}: {reason}"
        )
    _remember(session, roundtable, message)
    report.outcome = "withdrawn" if report.changes else "up_to_date"


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


def _organisation_for_domain(session: Session, domain: str) -> Organisation | None:
    """An organisation whose e-mail, website or people use ``domain``."""
    if not domain:
        return None
    for organisation in session.scalars(select(Organisation).order_by(Organisation.id)):
        if organisation.email and _domain(organisation.email) == domain:
            return organisation
        website = (organisation.website or "").lower()
        host = website.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")
        if host and host == domain:
            return organisation
    people = session.scalars(
        select(Person).where(Person.email.is_not(None), Person.organisation_id.is_not(None))
    )
    counts: Counter[int] = Counter(
        person.organisation_id
        for person in people
        if person.email and _domain(person.email) == domain and person.organisation_id
    )
    if counts:
        return session.get(Organisation, counts.most_common(1)[0][0])
    return None


def _clean_name(value: str, fallback: str) -> str:
    # Display names arrive with quotes and line breaks from some clients.
    name = " ".join(value.replace('"', "").split())
    return name[:200] if name else fallback


def _organiser_and_host(
    session: Session, value: object, report: FileReport
) -> tuple[Person, Organisation | None]:
    address = address_of(value)
    name = _clean_name(params_of(value).get("CN", ""), address)
    person = persons.find_person_by_email(session, address)
    host = person.organisation if person is not None else None
    if host is None:
        host = _organisation_for_domain(session, _domain(address))
    if host is None:
        domain = _domain(address)
        existing = organisations.find_organisation_by_name(session, domain)
        host = existing or organisations.create_organisation(
            session,
            domain,
            website=f"https://{domain}",
            notes="Created from a calendar invitation.",
        )
        if existing is None:
            report.changes.append(f"Added the organisation {host.name} (the host).")
    if person is None:
        person = persons.create_person(session, name, email=address, organisation=host)
        report.changes.append(f"Added {person.name} <{address}> (the organiser).")
    return person, host


def _sync_attendees(
    session: Session,
    roundtable: Roundtable,
    message: Message,
    report: FileReport,
    organiser: Person | None,
) -> None:
    """Invite every attendee of the host's list not invited yet, and copy their answers."""
    own = _own_organisation(session)
    organiser_address = (organiser.email or "").lower() if organiser else ""
    ours: list[str] = []
    for attendee in attendees_of(message.event):
        address = address_of(attendee)
        params = params_of(attendee)
        if params.get("CUTYPE", "INDIVIDUAL").upper() not in ("INDIVIDUAL", ""):
            continue  # rooms and resources are not invitees
        try:
            if not validate_email(address):
                continue
        except RoundtableError:
            report.ignored.append(f"Attendee {address!r} is not an e-mail address: skipped.")
            continue
        if address == organiser_address:
            continue  # Google lists the organiser among the attendees
        invitation = invitation_by_address(roundtable, address)
        if invitation is None:
            person = persons.find_person_by_email(session, address)
            if person is None:
                person = persons.create_person(
                    session,
                    _clean_name(params.get("CN", ""), address),
                    email=address,
                    organisation=_organisation_for_domain(session, _domain(address)),
                )
            role = ROLE_TO_ROLE.get(params.get("ROLE", "").upper(), InvitationRole.PARTICIPANT)
            invitation = invitations.add_invitation(
                session, roundtable, person=person, role=role, source=ChangeSource.IMPORT
            )
            invitations.mark_invited(session, invitation, source=ChangeSource.IMPORT)
            report.changes.append(f"Invited: {person.name} <{address}>.")
        status = PARTSTAT_TO_STATUS.get(params.get("PARTSTAT", "").upper())
        if (
            status is not None
            and invitation.status != status
            and invitations.can_transition(invitation.status, status)
        ):
            invitations.record_response(
                session,
                invitation,
                status,
                source=ChangeSource.IMPORT,
                note=f"As listed in the host's invitation {message.name}",
            )
        person = invitation.person
        if own is not None and person is not None and person.organisation is own:
            ours.append(f"{person.name} ({invitation.status.value})")
    if ours:
        report.changes.append(f"From our organisation: {', '.join(ours)}.")
    elif own is not None:
        report.to_check.append(
            f"Nobody of {own.name} is on the host's list of “{roundtable.title}”; "
            "check who the invitation was meant for."
        )


def _zone_name(event: object) -> str:
    """The IANA zone of DTSTART: its TZID, a Windows zone name mapped, or UTC."""
    value = event.get("DTSTART")  # type: ignore[attr-defined]
    tzid = str(params_of(value).get("TZID", "")).strip() if value is not None else ""
    if tzid:
        try:
            return ZoneInfo(tzid).key
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

        mapped = WINDOWS_TO_OLSON.get(tzid)
        if mapped:
            return mapped
    start = decoded_property(event, "DTSTART")
    key = getattr(getattr(start, "tzinfo", None), "key", None)
    if isinstance(key, str):
        try:
            return ZoneInfo(key).key
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return "UTC"


def _period(event: object, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
    """DTSTART and DTEND (or DTSTART + DURATION) as aware datetimes; floating = ``zone``."""
    start = _moment(decoded_property(event, "DTSTART"), zone)
    if start is None:
        return None, None
    end = _moment(decoded_property(event, "DTEND"), zone)
    if end is None:
        duration = decoded_property(event, "DURATION")
        if isinstance(duration, timedelta):
            end = start + duration
        elif isinstance(decoded_property(event, "DTSTART"), date) and not isinstance(
            decoded_property(event, "DTSTART"), datetime
        ):
            end = start + timedelta(days=1)
        else:
            end = start + timedelta(hours=1)
    return start, end


def _moment(value: object, zone: ZoneInfo) -> datetime | None:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=zone)
    return None


def _place(event: object) -> tuple[str, str]:
    """The venue and the online link (http/https only) of an event."""
    location = text_of(event, "LOCATION")
    link = ""
    for name in _LINK_PROPERTIES:
        candidate = text_of(event, name)
        if candidate.lower().startswith(("https://", "http://")) and " " not in candidate:
            link = candidate
            break
    if not link and location.lower().startswith(("https://", "http://")) and " " not in location:
        link, location = location, ""
    return location[:2000], link[:1000]
