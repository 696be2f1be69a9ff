"""A host's own invitations read in (REQUEST and CANCEL): the roundtable created or
brought up to date, its host, organiser, time, place and attendees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import i18n
from roundtable.calendar.messages import (
    HOST_MESSAGE_AUDIT,
    PARTSTAT_TO_STATUS,
    ROLE_TO_ROLE,
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
from roundtable.errors import CalendarFileError, RoundtableError
from roundtable.i18n import _
from roundtable.meetings import invitations
from roundtable.meetings import lifecycle as meetings_lifecycle
from roundtable.meetings.invitations import STATES
from roundtable.people import organisations, persons
from roundtable.storage.audit import record_audit
from roundtable.storage.models import Organisation, Person, Roundtable
from roundtable.text import format_period
from roundtable.validation import validate_email

# Properties that carry an online meeting link in the wild (Teams, Google Meet).
_LINK_PROPERTIES = ("URL", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE")


# The reasons written into the history when the host's message gives none: data, so
# English; the report gives the same words in the user's language.
_HOST_CANCEL_REASON = "Cancelled by the host (calendar message)"
_HOST_WITHDRAW_REASON = "Withdrawn by the host (calendar message)"


def _period_text(start: datetime, end: datetime, zone_name: str) -> str:
    """ "7 Sep 2023 14:00–16:00 (Europe/Amsterdam)", in the user's language."""
    when = format_period(start, end, ZoneInfo(zone_name), language=i18n.language())
    return f"{when} ({zone_name})"


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
        raise CalendarFileError(
            _(
                "{name}: {title} is our own roundtable; a {method} comes from the organiser, "
                "so Roundtable does not read its own back. Nothing was changed."
            ).format(name=message.name, title=f"“{roundtable.title}”", method=message.method)
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
            _(
                "Invitation to {title} is an older version (sequence {sequence}; now {current}): "
                "ignored."
            ).format(title=f"“{roundtable.title}”", sequence=message.sequence, current=known)
        )
        report.outcome = "older"
        return
    if message.sequence == known:
        report.ignored.append(
            _(
                "Invitation to {title} (sequence {sequence}) was already imported: nothing changed."
            ).format(title=f"“{roundtable.title}”", sequence=message.sequence)
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
        raise CalendarFileError(
            _("{name}: the invitation names no organiser (ORGANIZER); nothing was changed.").format(
                name=message.name
            )
        )
    zone_name = _zone_name(event)
    zone = ZoneInfo(zone_name)
    start, end = _period(event, zone)
    organiser, host = _organiser_and_host(session, organiser_value, report)
    title = text_of(event, "SUMMARY") or "Untitled roundtable"  # data: English
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
    names = {
        "title": f"“{roundtable.title}”",
        "host": host.name if host else organiser.name,
        "organiser": organiser.name,
    }
    if start is not None and end is not None:
        meetings_lifecycle.schedule(session, roundtable, start, end, zone_name)
        report.changes.append(
            _("Imported {title} on {when}, hosted by {host}, organised by {organiser}.").format(
                when=_period_text(start, end, zone_name), **names
            )
        )
    else:
        report.changes.append(
            _("Imported {title} (no date yet), hosted by {host}, organised by {organiser}.").format(
                **names
            )
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
        raise CalendarFileError(
            _(
                "{name}: {title} was cancelled; a new invitation cannot bring it back. "
                "Nothing was changed."
            ).format(name=message.name, title=f"“{roundtable.title}”")
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
                _("Moved to {when}.").format(when=_period_text(start, end, zone_name))
            )
        elif roundtable.status in (RoundtableStatus.DRAFT, RoundtableStatus.POSTPONED):
            meetings_lifecycle.schedule(session, roundtable, start, end, zone_name)
            report.changes.append(
                _("Scheduled for {when}.").format(when=_period_text(start, end, zone_name))
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
            report.changes.append(_DETAIL_CHANGES[name]().format(old=old, new=new))
    organiser = roundtable.organiser
    _sync_attendees(session, roundtable, message, report, organiser)
    _remember(session, roundtable, message)
    if not report.changes:
        report.changes.append(
            _("{title}: the host's version {sequence} changes nothing here.").format(
                title=f"“{roundtable.title}”", sequence=message.sequence
            )
        )
    report.outcome = "updated"


#: What the report says of a detail the host's new version changed.
_DETAIL_CHANGES: dict[str, Callable[[], str]] = {
    "title": lambda: _("Title: “{old}” → “{new}”."),
    "venue": lambda: _("Venue: “{old}” → “{new}”."),
    "online_url": lambda: _("Online link: “{old}” → “{new}”."),
}


def apply_cancel(session: Session, message: Message, report: FileReport) -> None:
    roundtable = our_roundtable(session, message, _("the cancellation"))
    report.roundtable_id = roundtable.id
    _refuse_own(roundtable, message)
    known = _last_host_sequence(session, roundtable)
    if message.sequence < known:
        report.ignored.append(
            _(
                "Cancellation of {title} is an older version (sequence {sequence}; now "
                "{current}): ignored."
            ).format(title=f"“{roundtable.title}”", sequence=message.sequence, current=known)
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
        report.ignored.append(
            _("{title} was already cancelled: nothing changed.").format(
                title=f"“{roundtable.title}”"
            )
        )
        report.outcome = "up_to_date"
        return
    comment = text_of(message.event, "COMMENT")
    reason = comment or _HOST_CANCEL_REASON
    meetings_lifecycle.cancel(session, roundtable, reason)
    _remember(session, roundtable, message)
    report.changes.append(
        _("{title} was cancelled by the host: {reason}").format(
            title=f"“{roundtable.title}”",
            reason=comment or _("Cancelled by the host (calendar message)"),
        )
    )
    report.outcome = "cancelled"


def _withdraw_attendees(
    session: Session,
    roundtable: Roundtable,
    message: Message,
    report: FileReport,
    attendees: list[object],
) -> None:
    comment = text_of(message.event, "COMMENT")
    reason = comment or _HOST_WITHDRAW_REASON
    for attendee in attendees:
        invitation = invitation_by_address(roundtable, address_of(attendee))
        if invitation is None:
            report.ignored.append(
                _("{address} was not invited: nothing to withdraw.").format(
                    address=address_of(attendee)
                )
            )
            continue
        if invitation.status == InvitationStatus.WITHDRAWN:
            report.ignored.append(
                _("{name} was already withdrawn.").format(name=invitation.invitee_name)
            )
            continue
        invitations.withdraw(
            session, invitation, reason, by=Party.HOST, source=ChangeSource.CALENDAR_REPLY
        )
        report.changes.append(
            _("The host withdrew the invitation of {name}: {reason}").format(
                name=invitation.invitee_name,
                reason=comment or _("Withdrawn by the host (calendar message)"),
            )
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
            notes="Created from a calendar invitation.",  # data: English
        )
        if existing is None:
            report.changes.append(
                _("Added the organisation {name} (the host).").format(name=host.name)
            )
    if person is None:
        person = persons.create_person(session, name, email=address, organisation=host)
        report.changes.append(
            _("Added {name} <{address}> (the organiser).").format(name=person.name, address=address)
        )
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
            report.ignored.append(
                _("Attendee {address} is not an e-mail address: skipped.").format(
                    address=repr(address)
                )
            )
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
            report.changes.append(
                _("Invited: {name} <{address}>.").format(name=person.name, address=address)
            )
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
            ours.append(f"{person.name} ({STATES[invitation.status].word()})")
    if ours:
        report.changes.append(_("From our organisation: {names}.").format(names=", ".join(ours)))
    elif own is not None:
        report.to_check.append(
            _(
                "Nobody of {organisation} is on the host's list of {title}; check who the "
                "invitation was meant for."
            ).format(organisation=own.name, title=f"“{roundtable.title}”")
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
