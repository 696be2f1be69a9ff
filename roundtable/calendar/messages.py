"""Calendar messages as they arrive: .ics files and e-mails (.eml) read, decoded and
parsed into one message each, and the per-file report of what was done with it.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.enums import InvitationRole, InvitationStatus
from roundtable.errors import CalendarFileError
from roundtable.i18n import _
from roundtable.storage.models import Invitation, Roundtable


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


def fail(report: FileReport, message: str) -> None:
    report.changes.clear()
    report.to_check.clear()
    report.ignored.clear()
    report.errors.append(message)
    report.outcome = "failed"


@dataclass
class Message:
    name: str
    method: str
    uid: str
    sequence: int
    dtstamp: datetime
    event: object  # icalendar.Event; typed loosely because icalendar loads lazily


def read_message(data: bytes, name: str) -> Message:
    """The calendar message in ``data`` (an .ics file or an .eml message), or a _FileError."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        text = _decode(data, "utf-8", name, declared=False)
    elif name.lower().endswith(".eml") or _looks_like_mail(data):
        text = _calendar_part(data, name)
    else:
        raise CalendarFileError(
            _(
                "{name} is not an iCalendar file (it does not start with BEGIN:VCALENDAR) "
                "nor an e-mail message; nothing was changed."
            ).format(name=name)
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
        raise CalendarFileError(
            _(
                "{name} declares the character set {charset}, which is unknown; "
                "nothing was changed."
            ).format(name=name, charset=repr(charset))
        ) from None
    except UnicodeDecodeError as exc:
        byte = exc.start + 1
        if declared and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise CalendarFileError(
                _(
                    "{name} is not valid {charset} text (at byte {byte}); nothing was changed."
                ).format(name=name, charset=charset, byte=byte)
            ) from None
        raise CalendarFileError(
            _(
                "{name} is not UTF-8 text (at byte {byte}), as calendar files must be; "
                "save it again as UTF-8. Nothing was changed."
            ).format(name=name, byte=byte)
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
    raise CalendarFileError(
        _(
            "{name} is an e-mail message without a calendar part (text/calendar or an .ics "
            "attachment); nothing was changed."
        ).format(name=name)
    )


def _parse(text: str, name: str) -> Message:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise CalendarFileError(
            _("{name} is not a valid iCalendar file ({reason}); nothing was changed.").format(
                name=name, reason=first_line(exc)
            )
        ) from None
    if calendar.name != "VCALENDAR":
        raise CalendarFileError(
            _("{name} is not an iCalendar file; nothing was changed.").format(name=name)
        )
    method = str(calendar.get("METHOD", "")).strip().upper()
    if method not in SUPPORTED_METHODS:
        if method:
            refusal = _(
                "{name} is a {method} message, not a reply, a proposed time, an invitation or a "
                "cancellation (METHOD REPLY, COUNTER, REQUEST or CANCEL); nothing was changed."
            )
        else:
            refusal = _(
                "{name} is a calendar without METHOD (a plain event), not a reply, a proposed "
                "time, an invitation or a cancellation (METHOD REPLY, COUNTER, REQUEST or "
                "CANCEL); nothing was changed."
            )
        raise CalendarFileError(refusal.format(name=name, method=method))
    events = list(calendar.walk("VEVENT"))
    if not events:
        raise CalendarFileError(
            _("{name} contains no event (VEVENT); nothing was changed.").format(name=name)
        )
    uids = {str(event.get("UID", "")).strip() for event in events}
    if len(uids) != 1 or "" in uids:
        raise CalendarFileError(
            _("{name} must contain exactly one event with a UID; nothing was changed.").format(
                name=name
            )
        )
    if len(events) > 1 or events[0].get("RECURRENCE-ID") is not None:
        raise CalendarFileError(
            _(
                "{name} is about one occurrence of a repeating event (RECURRENCE-ID), which "
                "Roundtable does not support; nothing was changed."
            ).format(name=name)
        )
    event = events[0]
    try:
        sequence = int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        raise CalendarFileError(
            _("{name} has an unreadable SEQUENCE; nothing was changed.").format(name=name)
        ) from None
    return Message(
        name=name,
        method=method,
        uid=uids.pop(),
        sequence=sequence,
        dtstamp=dtstamp_of(event),
        event=event,
    )


def first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def dtstamp_of(event: object) -> datetime:
    value = decoded_property(event, "DTSTAMP")
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.min.replace(tzinfo=UTC)


def decoded_property(event: object, name: str) -> object:
    try:
        return event.decoded(name)  # type: ignore[attr-defined]
    except (KeyError, ValueError):
        return None


def text_of(event: object, name: str) -> str:
    value = event.get(name)  # type: ignore[attr-defined]
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def address_of(value: object) -> str:
    """The lower-cased e-mail address of a CAL-ADDRESS ("MAILTO:Jan@X.nl" -> "jan@x.nl")."""
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text.strip().lower()


def params_of(value: object) -> dict[str, str]:
    params = getattr(value, "params", {}) or {}
    return {str(key).upper(): str(item) for key, item in params.items()}


def attendees_of(event: object) -> list[object]:
    value = event.get("ATTENDEE")  # type: ignore[attr-defined]
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def when_label(value: datetime) -> str:
    return f"{value.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


#: The iTIP methods this module acts on.
SUPPORTED_METHODS: tuple[str, ...] = ("REPLY", "COUNTER", "REQUEST", "CANCEL")


#: The audit action that remembers which SEQUENCE of a host's invitation was imported.
HOST_MESSAGE_AUDIT = "calendar.host_message"


PARTSTAT_TO_STATUS: dict[str, InvitationStatus] = {
    "ACCEPTED": InvitationStatus.ACCEPTED,
    "TENTATIVE": InvitationStatus.TENTATIVE,
    "DECLINED": InvitationStatus.DECLINED,
}


ROLE_TO_ROLE: dict[str, InvitationRole] = {
    "CHAIR": InvitationRole.CHAIR,
    "REQ-PARTICIPANT": InvitationRole.PARTICIPANT,
    "OPT-PARTICIPANT": InvitationRole.OBSERVER,
    "NON-PARTICIPANT": InvitationRole.OBSERVER,
}


def find_roundtable(session: Session, uid: str) -> Roundtable | None:
    return session.scalars(select(Roundtable).where(Roundtable.uid == uid)).first()


def our_roundtable(session: Session, message: Message, what: str) -> Roundtable:
    """The roundtable ``message`` is about; ``what`` names the message ("the reply")."""
    roundtable = find_roundtable(session, message.uid)
    if roundtable is None:
        raise CalendarFileError(
            _(
                "{name}: no roundtable has the calendar UID {uid}, so {what} cannot be "
                "matched; nothing was changed."
            ).format(name=message.name, uid=message.uid, what=what)
        )
    return roundtable


def invitation_by_address(roundtable: Roundtable, address: str) -> Invitation | None:
    for invitation in roundtable.invitations:
        person = invitation.person
        if person is not None and person.email and person.email.strip().lower() == address:
            return invitation
    return None
