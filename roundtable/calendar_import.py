"""Reading calendar messages back in: RSVPs, proposed times and a host's invitations.

Coordinators send invitations from their own mail client, so the answers come
back as e-mails with a ``text/calendar`` part (iMIP, RFC 6047) or as saved
``.ics`` files. :func:`import_files` and :func:`import_bytes` read both and act
on each iTIP method (RFC 5546) as our side of the conversation must:

``REPLY``
    An invitee answered one of our roundtables: the invitation's status is
    changed through :func:`roundtable.invitations.record_response` with the
    history saying it came from a calendar reply. A reply to an older SEQUENCE
    is ignored (the invitee answered times that have since changed), a reply
    from an address never invited is a forwarded invitation the coordinator
    must look at (nobody is added silently).
``COUNTER``
    An invitee proposes other times: shown in the report, nothing changes.
``REQUEST``
    A host invites our organisation: imported as a roundtable with its
    organiser and attendees; a later REQUEST with a higher SEQUENCE updates it
    through the lifecycle functions.
``CANCEL``
    The host called the meeting off (or withdrew some attendees).

Everything happens in the caller's session and nothing is committed here.
Each file is applied inside a savepoint, so a file that fails halfway leaves
nothing behind while the other files of the same call still count. The
returned :class:`ImportReport` says per file what changed, what was ignored
and why, and what went wrong, in sentences that name the file.
"""

from __future__ import annotations

import email
import email.policy
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import invitations as lifecycle
from roundtable import meetings, records
from roundtable.audit import record_audit
from roundtable.errors import RoundtableError
from roundtable.meetings import format_moment, format_period, zone_of
from roundtable.models import (
    AuditEntry,
    ChangeSource,
    Invitation,
    InvitationEvent,
    InvitationRole,
    InvitationStatus,
    Organisation,
    Party,
    Person,
    Roundtable,
    RoundtableStatus,
)
from roundtable.validation import validate_email

__all__ = [
    "SUPPORTED_METHODS",
    "FileReport",
    "ImportReport",
    "import_bytes",
    "import_files",
]

#: The iTIP methods this module acts on.
SUPPORTED_METHODS: tuple[str, ...] = ("REPLY", "COUNTER", "REQUEST", "CANCEL")

#: The audit action that remembers which SEQUENCE of a host's invitation was imported.
HOST_MESSAGE_AUDIT = "calendar.host_message"

_PARTSTAT_TO_STATUS: dict[str, InvitationStatus] = {
    "ACCEPTED": InvitationStatus.ACCEPTED,
    "TENTATIVE": InvitationStatus.TENTATIVE,
    "DECLINED": InvitationStatus.DECLINED,
}

_ROLE_TO_ROLE: dict[str, InvitationRole] = {
    "CHAIR": InvitationRole.CHAIR,
    "REQ-PARTICIPANT": InvitationRole.PARTICIPANT,
    "OPT-PARTICIPANT": InvitationRole.OBSERVER,
    "NON-PARTICIPANT": InvitationRole.OBSERVER,
}

# Properties that carry an online meeting link in the wild (Teams, Google Meet).
_LINK_PROPERTIES = ("URL", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE")

_HOST_CANCEL_REASON = "Cancelled by the host (calendar message)"

# Summary phrases, in the order the summary line lists them.
_SUMMARY: tuple[tuple[str, str, str], ...] = (
    ("answer", "answer recorded", "answers recorded"),
    ("unchanged", "answer already known", "answers already known"),
    ("older", "ignored (older version)", "ignored (older version)"),
    ("ignored", "ignored", "ignored"),
    ("forwarded", "forwarded invitation to check", "forwarded invitations to check"),
    ("counter", "proposed new time to answer", "proposed new times to answer"),
    ("created", "roundtable imported", "roundtables imported"),
    ("updated", "roundtable updated", "roundtables updated"),
    ("up_to_date", "invitation already up to date", "invitations already up to date"),
    ("cancelled", "roundtable cancelled by the host", "roundtables cancelled by the host"),
    ("withdrawn", "invitation withdrawn by the host", "invitations withdrawn by the host"),
    ("failed", "file could not be used", "files could not be used"),
)


# --- the report --------------------------------------------------------------------------


@dataclass
class FileReport:
    """What one file (or message) did: its changes, what was ignored and why, its errors.

    ``outcome`` is one short key used for the summary: ``answer``,
    ``unchanged``, ``older``, ``ignored``, ``forwarded``, ``counter``,
    ``created``, ``updated``, ``up_to_date``, ``cancelled``, ``withdrawn`` or
    ``failed``. ``to_check`` holds what the coordinator must look at
    (forwarded invitations, proposed times).
    """

    name: str
    method: str = ""
    uid: str = ""
    outcome: str = ""
    changes: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: The roundtable the file was about, when it was found or created.
    roundtable_id: int | None = None

    @property
    def failed(self) -> bool:
        """True when the file could not be used (and so changed nothing)."""
        return bool(self.errors)

    def lines(self) -> list[str]:
        """Every sentence about this file, errors first."""
        return [*self.errors, *self.changes, *self.to_check, *self.ignored]


@dataclass
class ImportReport:
    """The result of one import call: a :class:`FileReport` per file, in the order given."""

    files: list[FileReport] = field(default_factory=list)
    #: The invitation history rows this import wrote, as (invitation id, event id) in
    #: the order written: what an undo reverts, newest first.
    new_events: tuple[tuple[int, int], ...] = ()

    @property
    def counts(self) -> Counter[str]:
        """How many files ended with each outcome."""
        return Counter(report.outcome for report in self.files if report.outcome)

    @property
    def failed(self) -> bool:
        """True when at least one file could not be used."""
        return any(report.failed for report in self.files)

    @property
    def changed(self) -> bool:
        """True when the database was changed (the app then refreshes its views)."""
        return any(report.changes for report in self.files)

    @property
    def summary(self) -> str:
        """One line: "3 answers recorded, 1 ignored (older version), 1 forwarded invitation to check"."""
        counts = self.counts
        parts = [
            f"{counts[key]} {one if counts[key] == 1 else many}"
            for key, one, many in _SUMMARY
            if counts[key]
        ]
        return ", ".join(parts) if parts else "Nothing to import."

    def lines(self) -> list[str]:
        """The report as text lines: one block per file, then the summary."""
        out: list[str] = []
        for report in self.files:
            out.append(f"{report.name}:")
            out.extend(f"  {line}" for line in report.lines())
        out.append(self.summary)
        return out


class _FileError(Exception):
    """A file that cannot be used; the message is the sentence for the report."""


# --- entry points ------------------------------------------------------------------------


def import_files(session: Session, paths: Iterable[str | Path]) -> ImportReport:
    """Read ``.ics`` files and ``.eml`` messages and act on them (see the module text).

    A file that cannot be read (missing, unreadable) is an error in the
    report like any other; the other files are still imported.
    """
    items: list[tuple[bytes | None, str, str]] = []
    for path in paths:
        target = Path(path)
        try:
            items.append((target.read_bytes(), target.name, ""))
        except OSError as exc:
            items.append((None, target.name, f"Cannot read {target}: {exc.strerror or exc}."))
    return _import(session, items)


def import_bytes(session: Session, data: bytes, name: str) -> ImportReport:
    """Like :func:`import_files` for one file's content; ``name`` is shown in the report."""
    return _import(session, [(data, name, "")])


def _import(session: Session, items: Sequence[tuple[bytes | None, str, str]]) -> ImportReport:
    reports: list[FileReport] = []
    readable: list[tuple[_Message, FileReport]] = []
    for data, name, problem in items:
        report = FileReport(name=name)
        reports.append(report)
        if data is None:
            report.errors.append(problem)
            report.outcome = "failed"
            continue
        try:
            message = _read(data, name)
        except _FileError as exc:
            report.errors.append(str(exc))
            report.outcome = "failed"
            continue
        report.method, report.uid = message.method, message.uid
        readable.append((message, report))

    first_new_event = _last_event_id(session) + 1
    # Receivers order iTIP messages by SEQUENCE, then DTSTAMP (RFC 5546 §2.1.5),
    # so files given in any order end in the state the newest message says.
    readable.sort(key=lambda pair: (pair[0].sequence, pair[0].dtstamp))
    for message, report in readable:
        try:
            with session.begin_nested():
                _apply(session, message, report)
        except _FileError as exc:
            _fail(report, str(exc))
        except RoundtableError as exc:
            # The core refused a step: the savepoint undid whatever this file had done.
            _fail(report, f"{report.name}: {exc} Nothing was changed for this file.")
    session.flush()
    return ImportReport(reports, _events_from(session, first_new_event))


def _last_event_id(session: Session) -> int:
    return int(session.scalar(select(func.max(InvitationEvent.id))) or 0)


def _events_from(session: Session, first: int) -> tuple[tuple[int, int], ...]:
    rows = session.execute(
        select(InvitationEvent.invitation_id, InvitationEvent.id)
        .where(InvitationEvent.id >= first)
        .order_by(InvitationEvent.id)
    )
    return tuple((int(invitation_id), int(event_id)) for invitation_id, event_id in rows)


def _fail(report: FileReport, message: str) -> None:
    report.changes.clear()
    report.to_check.clear()
    report.ignored.clear()
    report.errors.append(message)
    report.outcome = "failed"


# --- reading files -----------------------------------------------------------------------


@dataclass
class _Message:
    name: str
    method: str
    uid: str
    sequence: int
    dtstamp: datetime
    event: object  # icalendar.Event; typed loosely because icalendar loads lazily


def _read(data: bytes, name: str) -> _Message:
    """The calendar message in ``data`` (an .ics file or an .eml message), or a _FileError."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        text = _decode(data, "utf-8", name, declared=False)
    elif name.lower().endswith(".eml") or _looks_like_mail(data):
        text = _calendar_part(data, name)
    else:
        raise _FileError(
            f"{name} is not an iCalendar file (it does not start with BEGIN:VCALENDAR) "
            "nor an e-mail message; nothing was changed."
        )
    return _parse(text, name)


def _looks_like_mail(data: bytes) -> bool:
    first = data.lstrip()[:2000].split(b"\n", 1)[0]
    key, sep, _rest = first.partition(b":")
    if not sep or not key or b" " in key.strip():
        return False
    lowered = data[:10_000].lower()
    return b"mime-version:" in lowered or b"content-type:" in lowered


def _decode(data: bytes, charset: str, name: str, *, declared: bool) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode(charset)
    except LookupError:
        raise _FileError(
            f"{name} declares the character set {charset!r}, which is unknown; nothing was changed."
        ) from None
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start + 1}"
        if declared and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise _FileError(
                f"{name} is not valid {charset} text (at {where}); nothing was changed."
            ) from None
        raise _FileError(
            f"{name} is not UTF-8 text (at {where}), as calendar files must be; "
            "save it again as UTF-8. Nothing was changed."
        ) from None


def _calendar_part(data: bytes, name: str) -> str:
    """The text of the first calendar part of an e-mail message."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        filename = (part.get_filename() or "").lower()
        if content_type in ("text/calendar", "application/ics") or filename.endswith(".ics"):
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes) or not payload.strip():
                continue
            declared = part.get_content_charset()
            return _decode(payload, declared or "utf-8", name, declared=declared is not None)
    raise _FileError(
        f"{name} is an e-mail message without a calendar part (text/calendar or an .ics "
        "attachment); nothing was changed."
    )


def _parse(text: str, name: str) -> _Message:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise _FileError(
            f"{name} is not a valid iCalendar file ({_first_line(exc)}); nothing was changed."
        ) from None
    if calendar.name != "VCALENDAR":
        raise _FileError(f"{name} is not an iCalendar file; nothing was changed.")
    method = str(calendar.get("METHOD", "")).strip().upper()
    if method not in SUPPORTED_METHODS:
        what = f"a {method} message" if method else "a calendar without METHOD (a plain event)"
        raise _FileError(
            f"{name} is {what}, not a reply, a proposed time, an invitation or a "
            "cancellation (METHOD REPLY, COUNTER, REQUEST or CANCEL); nothing was changed."
        )
    events = list(calendar.walk("VEVENT"))
    if not events:
        raise _FileError(f"{name} contains no event (VEVENT); nothing was changed.")
    uids = {str(event.get("UID", "")).strip() for event in events}
    if len(uids) != 1 or "" in uids:
        raise _FileError(f"{name} must contain exactly one event with a UID; nothing was changed.")
    if len(events) > 1 or events[0].get("RECURRENCE-ID") is not None:
        raise _FileError(
            f"{name} is about one occurrence of a repeating event (RECURRENCE-ID), which "
            "Roundtable does not support; nothing was changed."
        )
    event = events[0]
    try:
        sequence = int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        raise _FileError(f"{name} has an unreadable SEQUENCE; nothing was changed.") from None
    return _Message(
        name=name,
        method=method,
        uid=uids.pop(),
        sequence=sequence,
        dtstamp=_dtstamp(event),
        event=event,
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _dtstamp(event: object) -> datetime:
    value = _decoded(event, "DTSTAMP")
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.min.replace(tzinfo=UTC)


def _decoded(event: object, name: str) -> object:
    try:
        return event.decoded(name)  # type: ignore[attr-defined]
    except (KeyError, ValueError):
        return None


def _text(event: object, name: str) -> str:
    value = event.get(name)  # type: ignore[attr-defined]
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def _address(value: object) -> str:
    """The lower-cased e-mail address of a CAL-ADDRESS ("MAILTO:Jan@X.nl" -> "jan@x.nl")."""
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text.strip().lower()


def _params(value: object) -> dict[str, str]:
    params = getattr(value, "params", {}) or {}
    return {str(key).upper(): str(item) for key, item in params.items()}


def _attendees(event: object) -> list[object]:
    value = event.get("ATTENDEE")  # type: ignore[attr-defined]
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _when(value: datetime) -> str:
    return f"{value.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


# --- acting on a message -----------------------------------------------------------------


def _apply(session: Session, message: _Message, report: FileReport) -> None:
    if message.method == "REPLY":
        _apply_reply(session, message, report)
    elif message.method == "COUNTER":
        _apply_counter(session, message, report)
    elif message.method == "REQUEST":
        _apply_request(session, message, report)
    else:
        _apply_cancel(session, message, report)


def _find_roundtable(session: Session, uid: str) -> Roundtable | None:
    return session.scalars(select(Roundtable).where(Roundtable.uid == uid)).first()


def _our_roundtable(session: Session, message: _Message, what: str) -> Roundtable:
    roundtable = _find_roundtable(session, message.uid)
    if roundtable is None:
        raise _FileError(
            f"{message.name}: no roundtable has the calendar UID {message.uid}, so the "
            f"{what} cannot be matched; nothing was changed."
        )
    return roundtable


def _invitation_by_address(roundtable: Roundtable, address: str) -> Invitation | None:
    for invitation in roundtable.invitations:
        person = invitation.person
        if person is not None and person.email and person.email.strip().lower() == address:
            return invitation
    return None


def _single_attendee(message: _Message, what: str) -> tuple[str, str]:
    """The one attendee's address and display name, as a REPLY or COUNTER must carry."""
    attendees = _attendees(message.event)
    if len(attendees) != 1:
        count = "no attendee" if not attendees else f"{len(attendees)} attendees"
        raise _FileError(
            f"{message.name}: a {what} must name exactly one attendee, this one has {count}; "
            "nothing was changed."
        )
    attendee = attendees[0]
    address = _address(attendee)
    try:
        validate_email(address)
    except RoundtableError:
        address = ""
    if not address:
        raise _FileError(
            f"{message.name}: the attendee {str(attendee)!r} is unknown (not an e-mail "
            "address); nothing was changed."
        )
    return address, _params(attendee).get("CN", "").strip()


def _apply_reply(session: Session, message: _Message, report: FileReport) -> None:
    roundtable = _our_roundtable(session, message, "reply")
    report.roundtable_id = roundtable.id
    address, name = _single_attendee(message, "reply")
    partstat = _params(_attendees(message.event)[0]).get("PARTSTAT", "NEEDS-ACTION").upper()
    title = f"“{roundtable.title}”"
    invitation = _invitation_by_address(roundtable, address)
    if invitation is None:
        who = f"{name} <{address}>" if name else address
        report.to_check.append(
            f"Reply from {who}, who was never invited to {title}: probably a forwarded "
            "invitation. Nobody was added; invite them yourself if they are welcome."
        )
        report.outcome = "forwarded"
        return
    if message.sequence < roundtable.sequence:
        report.ignored.append(
            f"Reply of {invitation.invitee_name} to an older version (sequence "
            f"{message.sequence}; now {roundtable.sequence}): ignored."
        )
        report.outcome = "older"
        return
    status = _PARTSTAT_TO_STATUS.get(partstat)
    if status is None:
        report.ignored.append(
            f"Reply of {invitation.invitee_name} says {partstat}, which is not an answer "
            "(accepted, tentative or declined): nothing changed."
        )
        report.outcome = "ignored"
        return
    note = f"Calendar reply {_when(message.dtstamp)} from {message.name}"
    if invitation.status == InvitationStatus.NOT_SENT:
        # The invitee cannot answer what they never received: the invitation went out.
        lifecycle.mark_invited(session, invitation, source=ChangeSource.CALENDAR_REPLY)
        report.changes.append(f"The invitation of {invitation.invitee_name} is marked as sent.")
    changed = lifecycle.record_response(
        session, invitation, status, source=ChangeSource.CALENDAR_REPLY, note=note
    )
    if changed:
        report.changes.append(f"{invitation.invitee_name} {status.value} {title}.")
        report.outcome = "answer"
    else:
        report.ignored.append(
            f"{invitation.invitee_name} had already {status.value} {title}: nothing changed."
        )
        report.outcome = "unchanged"


def _apply_counter(session: Session, message: _Message, report: FileReport) -> None:
    roundtable = _our_roundtable(session, message, "proposed time")
    report.roundtable_id = roundtable.id
    address, name = _single_attendee(message, "proposed time (COUNTER)")
    invitation = _invitation_by_address(roundtable, address)
    who = invitation.invitee_name if invitation else (name or address)
    zone = zone_of(roundtable)
    start, end = _period(message.event, zone)
    if start is None:
        raise _FileError(f"{message.name}: the proposed time has no start; nothing was changed.")
    proposed = format_period(start, end, zone) if end else format_moment(start, zone)
    current = (
        f" instead of {format_period(roundtable.starts_at, roundtable.ends_at, zone)}"
        if roundtable.starts_at and roundtable.ends_at
        else ""
    )
    comment = _text(message.event, "COMMENT")
    said = f" They wrote: “{comment}”." if comment else ""
    stranger = "" if invitation else " (who was never invited)"
    report.to_check.append(
        f"{who}{stranger} proposes {proposed} ({zone.key}){current} for “{roundtable.title}”."
        f"{said} Nothing was changed; answer them, and reschedule if you agree."
    )
    report.outcome = "counter"


# --- a host's invitations ----------------------------------------------------------------


def _own_organisation(session: Session) -> Organisation | None:
    return session.scalars(select(Organisation).where(Organisation.is_own.is_(True))).first()


def _last_host_sequence(session: Session, roundtable: Roundtable) -> int:
    """The SEQUENCE of the host's newest message imported, else the roundtable's own.

    Our sequence counts our own lifecycle steps (a reschedule and a new venue
    are two), so the host's numbers are remembered in the audit log instead.
    """
    details = session.scalars(
        select(AuditEntry.detail).where(
            AuditEntry.action == HOST_MESSAGE_AUDIT,
            AuditEntry.entity_type == "roundtable",
            AuditEntry.entity_id == roundtable.id,
        )
    ).all()
    numbers = []
    for detail in details:
        try:
            numbers.append(int(json.loads(detail)["sequence"]))
        except (ValueError, KeyError, TypeError):
            continue
    return max(numbers) if numbers else roundtable.sequence


def _remember(session: Session, roundtable: Roundtable, message: _Message) -> None:
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
            "dtstamp": _when(message.dtstamp),
            "file": message.name,
        },
    )


def _refuse_own(roundtable: Roundtable, message: _Message) -> None:
    host = roundtable.host
    if host is not None and host.is_own:
        raise _FileError(
            f"{message.name}: “{roundtable.title}” is our own roundtable; a {message.method} "
            "comes from the organiser, so Roundtable does not read its own back. "
            "Nothing was changed."
        )


def _apply_request(session: Session, message: _Message, report: FileReport) -> None:
    roundtable = _find_roundtable(session, message.uid)
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
    if _text(message.event, "STATUS").upper() == "CANCELLED":
        _cancel_roundtable(session, roundtable, message, report)
        return
    _update_from_request(session, roundtable, message, report)


def _create_from_request(session: Session, message: _Message, report: FileReport) -> None:
    event = message.event
    organiser_value = event.get("ORGANIZER")  # type: ignore[attr-defined]
    if organiser_value is None or not _address(organiser_value):
        raise _FileError(
            f"{message.name}: the invitation names no organiser (ORGANIZER); nothing was changed."
        )
    zone_name = _zone_name(event)
    zone = ZoneInfo(zone_name)
    start, end = _period(event, zone)
    organiser, host = _organiser_and_host(session, organiser_value, report)
    title = _text(event, "SUMMARY") or "Untitled roundtable"
    venue, link = _place(event)
    roundtable = meetings.create_roundtable(
        session,
        title=title[:300],
        host=host,
        organiser=organiser,
        venue=venue,
        online_url=link,
        timezone=zone_name,
        description=_text(event, "DESCRIPTION"),
        uid=message.uid,
    )
    report.roundtable_id = roundtable.id
    if start is not None and end is not None:
        meetings.schedule(session, roundtable, start, end, zone_name)
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
    session: Session, roundtable: Roundtable, message: _Message, report: FileReport
) -> None:
    event = message.event
    zone_name = _zone_name(event)
    start, end = _period(event, ZoneInfo(zone_name))
    if roundtable.status == RoundtableStatus.CANCELLED:
        raise _FileError(
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
            meetings.reschedule(
                session, roundtable, start, end, zone_name, reason="New times from the host"
            )
            report.changes.append(
                f"Moved to {format_period(start, end, ZoneInfo(zone_name))} ({zone_name})."
            )
        elif roundtable.status in (RoundtableStatus.DRAFT, RoundtableStatus.POSTPONED):
            meetings.schedule(session, roundtable, start, end, zone_name)
            report.changes.append(
                f"Scheduled for {format_period(start, end, ZoneInfo(zone_name))} ({zone_name})."
            )
    venue, link = _place(event)
    details: dict[str, Any] = {"venue": venue}
    title = _text(event, "SUMMARY")
    if title:
        details["title"] = title[:300]
    if link:
        details["online_url"] = link
    before = {name: getattr(roundtable, name) for name in details}
    meetings.update_details(session, roundtable, **details)
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


def _apply_cancel(session: Session, message: _Message, report: FileReport) -> None:
    roundtable = _our_roundtable(session, message, "cancellation")
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
    status = _text(message.event, "STATUS").upper()
    attendees = _attendees(message.event)
    if status != "CANCELLED" and attendees:
        # RFC 5546 §3.2.5: a CANCEL naming attendees, without STATUS, removes only them.
        _withdraw_attendees(session, roundtable, message, report, attendees)
        return
    _cancel_roundtable(session, roundtable, message, report)


def _cancel_roundtable(
    session: Session, roundtable: Roundtable, message: _Message, report: FileReport
) -> None:
    if roundtable.status == RoundtableStatus.CANCELLED:
        report.ignored.append(f"“{roundtable.title}” was already cancelled: nothing changed.")
        report.outcome = "up_to_date"
        return
    reason = _text(message.event, "COMMENT") or _HOST_CANCEL_REASON
    meetings.cancel(session, roundtable, reason)
    _remember(session, roundtable, message)
    report.changes.append(f"“{roundtable.title}” was cancelled by the host: {reason}")
    report.outcome = "cancelled"


def _withdraw_attendees(
    session: Session,
    roundtable: Roundtable,
    message: _Message,
    report: FileReport,
    attendees: list[object],
) -> None:
    reason = _text(message.event, "COMMENT") or "Withdrawn by the host (calendar message)"
    for attendee in attendees:
        invitation = _invitation_by_address(roundtable, _address(attendee))
        if invitation is None:
            report.ignored.append(f"{_address(attendee)} was not invited: nothing to withdraw.")
            continue
        if invitation.status == InvitationStatus.WITHDRAWN:
            report.ignored.append(f"{invitation.invitee_name} was already withdrawn.")
            continue
        lifecycle.withdraw(
            session, invitation, reason, by=Party.HOST, source=ChangeSource.CALENDAR_REPLY
        )
        report.changes.append(
            f"The host withdrew the invitation of {invitation.invitee_name}: {reason}"
        )
    _remember(session, roundtable, message)
    report.outcome = "withdrawn" if report.changes else "up_to_date"


# --- people, organisations, times and places from a host's invitation -------------------


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
    address = _address(value)
    name = _clean_name(_params(value).get("CN", ""), address)
    person = records.find_person_by_email(session, address)
    host = person.organisation if person is not None else None
    if host is None:
        host = _organisation_for_domain(session, _domain(address))
    if host is None:
        domain = _domain(address)
        existing = records.find_organisation_by_name(session, domain)
        host = existing or records.create_organisation(
            session,
            domain,
            website=f"https://{domain}",
            notes="Created from a calendar invitation.",
        )
        if existing is None:
            report.changes.append(f"Added the organisation {host.name} (the host).")
    if person is None:
        person = records.create_person(session, name, email=address, organisation=host)
        report.changes.append(f"Added {person.name} <{address}> (the organiser).")
    return person, host


def _sync_attendees(
    session: Session,
    roundtable: Roundtable,
    message: _Message,
    report: FileReport,
    organiser: Person | None,
) -> None:
    """Invite every attendee of the host's list not invited yet, and copy their answers."""
    own = _own_organisation(session)
    organiser_address = (organiser.email or "").lower() if organiser else ""
    ours: list[str] = []
    for attendee in _attendees(message.event):
        address = _address(attendee)
        params = _params(attendee)
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
        invitation = _invitation_by_address(roundtable, address)
        if invitation is None:
            person = records.find_person_by_email(session, address)
            if person is None:
                person = records.create_person(
                    session,
                    _clean_name(params.get("CN", ""), address),
                    email=address,
                    organisation=_organisation_for_domain(session, _domain(address)),
                )
            role = _ROLE_TO_ROLE.get(params.get("ROLE", "").upper(), InvitationRole.PARTICIPANT)
            invitation = lifecycle.add_invitation(
                session, roundtable, person=person, role=role, source=ChangeSource.IMPORT
            )
            lifecycle.mark_invited(session, invitation, source=ChangeSource.IMPORT)
            report.changes.append(f"Invited: {person.name} <{address}>.")
        status = _PARTSTAT_TO_STATUS.get(params.get("PARTSTAT", "").upper())
        if (
            status is not None
            and invitation.status != status
            and lifecycle.can_transition(invitation.status, status)
        ):
            lifecycle.record_response(
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
    tzid = str(_params(value).get("TZID", "")).strip() if value is not None else ""
    if tzid:
        try:
            return ZoneInfo(tzid).key
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

        mapped = WINDOWS_TO_OLSON.get(tzid)
        if mapped:
            return mapped
    decoded = _decoded(event, "DTSTART")
    key = getattr(getattr(decoded, "tzinfo", None), "key", None)
    if isinstance(key, str):
        try:
            return ZoneInfo(key).key
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return "UTC"


def _period(event: object, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
    """DTSTART and DTEND (or DTSTART + DURATION) as aware datetimes; floating = ``zone``."""
    start = _moment(_decoded(event, "DTSTART"), zone)
    if start is None:
        return None, None
    end = _moment(_decoded(event, "DTEND"), zone)
    if end is None:
        duration = _decoded(event, "DURATION")
        if isinstance(duration, timedelta):
            end = start + duration
        elif isinstance(_decoded(event, "DTSTART"), date) and not isinstance(
            _decoded(event, "DTSTART"), datetime
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
    location = _text(event, "LOCATION")
    link = ""
    for name in _LINK_PROPERTIES:
        candidate = _text(event, name)
        if candidate.lower().startswith(("https://", "http://")) and " " not in candidate:
            link = candidate
            break
    if not link and location.lower().startswith(("https://", "http://")) and " " not in location:
        link, location = location, ""
    return location[:2000], link[:1000]
