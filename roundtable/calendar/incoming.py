"""Reading calendar messages back in: RSVPs, proposed times and a host's invitations.

Coordinators send invitations from their own mail client, so the answers come
back as e-mails with a ``text/calendar`` part (iMIP, RFC 6047) or as saved
``.ics`` files. :func:`import_files` and :func:`import_bytes` read both and act
on each iTIP method (RFC 5546) as our side of the conversation must:

``REPLY``
    An invitee answered one of our roundtables: the invitation's status is
    changed through :func:`roundtable.meetings.invitations.record_response` with the
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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from roundtable.calendar.host_invitations import _period, apply_cancel, apply_request
from roundtable.calendar.messages import (
    PARTSTAT_TO_STATUS,
    FileError,
    FileReport,
    Message,
    address_of,
    attendees_of,
    fail,
    invitation_by_address,
    our_roundtable,
    params_of,
    read_message,
    text_of,
    when_label,
)
from roundtable.enums import ChangeSource, InvitationStatus
from roundtable.errors import RoundtableError
from roundtable.meetings import invitations
from roundtable.text import format_moment, format_period, zone_of
from roundtable.validation import validate_email

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


@dataclass
class ImportReport:
    """The result of one import call: a :class:`FileReport` per file, in the order given."""

    files: list[FileReport] = field(default_factory=list)

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
    readable: list[tuple[Message, FileReport]] = []
    for data, name, problem in items:
        report = FileReport(name=name)
        reports.append(report)
        if data is None:
            report.errors.append(problem)
            report.outcome = "failed"
            continue
        try:
            message = read_message(data, name)
        except FileError as exc:
            report.errors.append(str(exc))
            report.outcome = "failed"
            continue
        report.method, report.uid = message.method, message.uid
        readable.append((message, report))

    # Receivers order iTIP messages by SEQUENCE, then DTSTAMP (RFC 5546 §2.1.5),
    # so files given in any order end in the state the newest message says.
    readable.sort(key=lambda pair: (pair[0].sequence, pair[0].dtstamp))
    for message, report in readable:
        try:
            with session.begin_nested():
                _apply(session, message, report)
        except FileError as exc:
            fail(report, str(exc))
        except RoundtableError as exc:
            # The core refused a step: the savepoint undid whatever this file had done.
            fail(report, f"{report.name}: {exc} Nothing was changed for this file.")
    session.flush()
    return ImportReport(reports)


def _apply(session: Session, message: Message, report: FileReport) -> None:
    if message.method == "REPLY":
        _apply_reply(session, message, report)
    elif message.method == "COUNTER":
        _apply_counter(session, message, report)
    elif message.method == "REQUEST":
        apply_request(session, message, report)
    else:
        apply_cancel(session, message, report)


def single_attendee(message: Message, what: str) -> tuple[str, str]:
    """The one attendee's address and display name, as a REPLY or COUNTER must carry."""
    attendees = attendees_of(message.event)
    if len(attendees) != 1:
        count = "no attendee" if not attendees else f"{len(attendees)} attendees"
        raise FileError(
            f"{message.name}: a {what} must name exactly one attendee, this one has {count}; "
            "nothing was changed."
        )
    attendee = attendees[0]
    address = address_of(attendee)
    try:
        validate_email(address)
    except RoundtableError:
        address = ""
    if not address:
        raise FileError(
            f"{message.name}: the attendee {str(attendee)!r} is unknown (not an e-mail "
            "address); nothing was changed."
        )
    return address, params_of(attendee).get("CN", "").strip()


def _apply_reply(session: Session, message: Message, report: FileReport) -> None:
    roundtable = our_roundtable(session, message, "reply")
    report.roundtable_id = roundtable.id
    address, name = single_attendee(message, "reply")
    partstat = params_of(attendees_of(message.event)[0]).get("PARTSTAT", "NEEDS-ACTION").upper()
    title = f"“{roundtable.title}”"
    invitation = invitation_by_address(roundtable, address)
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
    status = PARTSTAT_TO_STATUS.get(partstat)
    if status is None:
        report.ignored.append(
            f"Reply of {invitation.invitee_name} says {partstat}, which is not an answer "
            "(accepted, tentative or declined): nothing changed."
        )
        report.outcome = "ignored"
        return
    note = f"Calendar reply {when_label(message.dtstamp)} from {message.name}"
    if invitation.status == InvitationStatus.NOT_SENT:
        # The invitee cannot answer what they never received: the invitation went out.
        invitations.mark_invited(session, invitation, source=ChangeSource.CALENDAR_REPLY)
        report.changes.append(f"The invitation of {invitation.invitee_name} is marked as sent.")
    changed = invitations.record_response(
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


def _apply_counter(session: Session, message: Message, report: FileReport) -> None:
    roundtable = our_roundtable(session, message, "proposed time")
    report.roundtable_id = roundtable.id
    address, name = single_attendee(message, "proposed time (COUNTER)")
    invitation = invitation_by_address(roundtable, address)
    who = invitation.invitee_name if invitation else (name or address)
    zone = zone_of(roundtable)
    start, end = _period(message.event, zone)
    if start is None:
        raise FileError(f"{message.name}: the proposed time has no start; nothing was changed.")
    proposed = format_period(start, end, zone) if end else format_moment(start, zone)
    current = (
        f" instead of {format_period(roundtable.starts_at, roundtable.ends_at, zone)}"
        if roundtable.starts_at and roundtable.ends_at
        else ""
    )
    comment = text_of(message.event, "COMMENT")
    said = f" They wrote: “{comment}”." if comment else ""
    stranger = "" if invitation else " (who was never invited)"
    report.to_check.append(
        f"{who}{stranger} proposes {proposed} ({zone.key}){current} for “{roundtable.title}”."
        f"{said} Nothing was changed; answer them, and reschedule if you agree."
    )
    report.outcome = "counter"
