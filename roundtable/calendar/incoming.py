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
and why, and what went wrong, in sentences that name the file. They are in the
language the core speaks when the import runs (the report is shown, never
stored); what the import writes into the database stays English.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from roundtable import i18n
from roundtable.calendar.host_invitations import _period, apply_cancel, apply_request
from roundtable.calendar.messages import (
    PARTSTAT_TO_STATUS,
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
from roundtable.errors import CalendarFileError, RoundtableError
from roundtable.i18n import _, ngettext
from roundtable.meetings import invitations
from roundtable.text import format_moment, format_period, zone_of
from roundtable.validation import validate_email

# Summary phrases, in the order the summary line lists them; functions of the count,
# so each is translated when the summary is made.
_SUMMARY: tuple[tuple[str, Callable[[int], str]], ...] = (
    ("answer", lambda n: ngettext("{count} answer recorded", "{count} answers recorded", n)),
    (
        "unchanged",
        lambda n: ngettext("{count} answer already known", "{count} answers already known", n),
    ),
    (
        "older",
        # English says "3 ignored (older version)"; other languages may need two forms.
        lambda n: ngettext("{count} ignored (older version)", "{count} ignored (older version)", n),
    ),
    ("ignored", lambda n: ngettext("{count} ignored", "{count} ignored", n)),
    (
        "forwarded",
        lambda n: ngettext(
            "{count} forwarded invitation to check", "{count} forwarded invitations to check", n
        ),
    ),
    (
        "counter",
        lambda n: ngettext(
            "{count} proposed new time to answer", "{count} proposed new times to answer", n
        ),
    ),
    (
        "created",
        lambda n: ngettext("{count} roundtable imported", "{count} roundtables imported", n),
    ),
    ("updated", lambda n: ngettext("{count} roundtable updated", "{count} roundtables updated", n)),
    (
        "up_to_date",
        lambda n: ngettext(
            "{count} invitation already up to date", "{count} invitations already up to date", n
        ),
    ),
    (
        "cancelled",
        lambda n: ngettext(
            "{count} roundtable cancelled by the host",
            "{count} roundtables cancelled by the host",
            n,
        ),
    ),
    (
        "withdrawn",
        lambda n: ngettext(
            "{count} invitation withdrawn by the host",
            "{count} invitations withdrawn by the host",
            n,
        ),
    ),
    (
        "failed",
        lambda n: ngettext("{count} file could not be used", "{count} files could not be used", n),
    ),
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
            phrase(counts[key]).format(count=counts[key]) for key, phrase in _SUMMARY if counts[key]
        ]
        return ", ".join(parts) if parts else _("Nothing to import.")

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
        except FileNotFoundError:
            problem = _("Cannot read {name}: there is no such file.").format(name=target)
            items.append((None, target.name, problem))
        except IsADirectoryError:
            problem = _("Cannot read {name}: it is a folder, not a file.").format(name=target)
            items.append((None, target.name, problem))
        except OSError as exc:
            # strerror is the operating system's own wording.
            problem = _("Cannot read {name}: {reason}.").format(
                name=target, reason=exc.strerror or exc
            )
            items.append((None, target.name, problem))
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
        except CalendarFileError as exc:
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
        except CalendarFileError as exc:
            fail(report, str(exc))
        except RoundtableError as exc:
            # The core refused a step: the savepoint undid whatever this file had done.
            fail(
                report,
                _("{name}: {reason} Nothing was changed for this file.").format(
                    name=report.name, reason=exc
                ),
            )
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
    """The one attendee's address and display name, as a REPLY or COUNTER must carry.

    ``what`` names the kind of message with its article: "a reply".
    """
    attendees = attendees_of(message.event)
    if len(attendees) != 1:
        if attendees:
            count = ngettext("{count} attendee", "{count} attendees", len(attendees)).format(
                count=len(attendees)
            )
        else:
            count = _("no attendee")
        raise CalendarFileError(
            _(
                "{name}: {what} must name exactly one attendee, this one has {count}; "
                "nothing was changed."
            ).format(name=message.name, what=what, count=count)
        )
    attendee = attendees[0]
    address = address_of(attendee)
    try:
        validate_email(address)
    except RoundtableError:
        address = ""
    if not address:
        raise CalendarFileError(
            _(
                "{name}: the attendee {attendee} is unknown (not an e-mail address); "
                "nothing was changed."
            ).format(name=message.name, attendee=repr(str(attendee)))
        )
    return address, params_of(attendee).get("CN", "").strip()


#: What the report says of an answer recorded, and of one that was already known.
_ANSWERED: dict[InvitationStatus, Callable[[], str]] = {
    InvitationStatus.ACCEPTED: lambda: _("{name} accepted {title}."),
    InvitationStatus.TENTATIVE: lambda: _("{name} tentatively accepted {title}."),
    InvitationStatus.DECLINED: lambda: _("{name} declined {title}."),
}
_ANSWERED_BEFORE: dict[InvitationStatus, Callable[[], str]] = {
    InvitationStatus.ACCEPTED: lambda: _("{name} had already accepted {title}: nothing changed."),
    InvitationStatus.TENTATIVE: lambda: _(
        "{name} had already tentatively accepted {title}: nothing changed."
    ),
    InvitationStatus.DECLINED: lambda: _("{name} had already declined {title}: nothing changed."),
}


def _apply_reply(session: Session, message: Message, report: FileReport) -> None:
    roundtable = our_roundtable(session, message, _("the reply"))
    report.roundtable_id = roundtable.id
    address, name = single_attendee(message, _("a reply"))
    partstat = params_of(attendees_of(message.event)[0]).get("PARTSTAT", "NEEDS-ACTION").upper()
    title = f"“{roundtable.title}”"
    invitation = invitation_by_address(roundtable, address)
    if invitation is None:
        who = f"{name} <{address}>" if name else address
        report.to_check.append(
            _(
                "Reply from {who}, who was never invited to {title}: probably a forwarded "
                "invitation. Nobody was added; invite them yourself if they are welcome."
            ).format(who=who, title=title)
        )
        report.outcome = "forwarded"
        return
    if message.sequence < roundtable.sequence:
        report.ignored.append(
            _(
                "Reply of {name} to an older version (sequence {sequence}; now {current}): ignored."
            ).format(
                name=invitation.invitee_name,
                sequence=message.sequence,
                current=roundtable.sequence,
            )
        )
        report.outcome = "older"
        return
    status = PARTSTAT_TO_STATUS.get(partstat)
    if status is None:
        report.ignored.append(
            _(
                "Reply of {name} says {partstat}, which is not an answer "
                "(accepted, tentative or declined): nothing changed."
            ).format(name=invitation.invitee_name, partstat=partstat)
        )
        report.outcome = "ignored"
        return
    note = f"Calendar reply {when_label(message.dtstamp)} from {message.name}"
    if invitation.status == InvitationStatus.NOT_SENT:
        # The invitee cannot answer what they never received: the invitation went out.
        invitations.mark_invited(session, invitation, source=ChangeSource.CALENDAR_REPLY)
        report.changes.append(
            _("The invitation of {name} is marked as sent.").format(name=invitation.invitee_name)
        )
    changed = invitations.record_response(
        session, invitation, status, source=ChangeSource.CALENDAR_REPLY, note=note
    )
    if changed:
        report.changes.append(_ANSWERED[status]().format(name=invitation.invitee_name, title=title))
        report.outcome = "answer"
    else:
        report.ignored.append(
            _ANSWERED_BEFORE[status]().format(name=invitation.invitee_name, title=title)
        )
        report.outcome = "unchanged"


def _apply_counter(session: Session, message: Message, report: FileReport) -> None:
    roundtable = our_roundtable(session, message, _("the proposed time"))
    report.roundtable_id = roundtable.id
    address, name = single_attendee(message, _("a proposed time (COUNTER)"))
    invitation = invitation_by_address(roundtable, address)
    who = invitation.invitee_name if invitation else (name or address)
    zone = zone_of(roundtable)
    start, end = _period(message.event, zone)
    if start is None:
        raise CalendarFileError(
            _("{name}: the proposed time has no start; nothing was changed.").format(
                name=message.name
            )
        )
    language = i18n.language()
    proposed = (
        format_period(start, end, zone, language=language)
        if end
        else format_moment(start, zone, language=language)
    )
    title = f"“{roundtable.title}”"
    if roundtable.starts_at and roundtable.ends_at:
        current = format_period(roundtable.starts_at, roundtable.ends_at, zone, language=language)
        if invitation:
            text = _("{who} proposes {proposed} ({zone}) instead of {current} for {title}.")
        else:
            text = _(
                "{who} (who was never invited) proposes {proposed} ({zone}) instead of "
                "{current} for {title}."
            )
    else:
        current = ""
        if invitation:
            text = _("{who} proposes {proposed} ({zone}) for {title}.")
        else:
            text = _("{who} (who was never invited) proposes {proposed} ({zone}) for {title}.")
    parts = [text.format(who=who, proposed=proposed, zone=zone.key, current=current, title=title)]
    comment = text_of(message.event, "COMMENT")
    if comment:
        parts.append(_("They wrote: “{comment}”.").format(comment=comment))
    parts.append(_("Nothing was changed; answer them, and reschedule if you agree."))
    report.to_check.append(" ".join(parts))
    report.outcome = "counter"
