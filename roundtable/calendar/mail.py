"""E-mail drafts (.eml) that carry calendar messages: iMIP, RFC 6047.

Roundtable never sends mail. It writes each message as an unsent draft
(``X-Unsent: 1``) that Outlook and Thunderbird open as an editable, addressed
message, so the coordinator reads it, adjusts it and presses Send in their own
mail client. Each draft is ``multipart/mixed``:

* ``multipart/alternative`` with a short personal ``text/plain`` body (English,
  or Dutch for invitees whose preferred language is Dutch) and the calendar as
  ``text/calendar; method=…; charset=UTF-8``, whose ``method`` equals the
  file's METHOD (Outlook treats only such a part as a meeting message, and
  follows the file when the two disagree);
* the same calendar as an ``invite.ics`` attachment, for clients that only
  look at attachments.

The calendar files come from :mod:`roundtable.calendar`, so a draft and an
exported ``.ics`` are always the same message. Names go into headers through
:class:`email.headerregistry.Address`, which quotes commas and encodes
non-ASCII; line breaks are taken out first, so no name can add a header.
The ``Message-ID`` is derived from the content, and ``Date`` is
:func:`roundtable.context.now`: a frozen clock gives identical drafts.

A draft's own words follow the invitee's language, never the app's; the
refusals (:class:`~roundtable.errors.CalendarError`) speak the user's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from sqlalchemy.orm import Session

from roundtable import context
from roundtable.calendar import outgoing
from roundtable.editing import get_or_fail
from roundtable.errors import CalendarError
from roundtable.i18n import _
from roundtable.storage.models import Invitation, Person, Roundtable
from roundtable.text import format_long_period, zone_of

#: How drafts are written (see _draft).
_UNFOLDED = SMTP.clone(max_line_length=998)

__all__ = [
    "cancellation_draft_files",
    "cancellation_drafts",
    "invitation_draft",
    "invitation_draft_files",
    "invitation_drafts",
    "withdrawal_draft",
    "withdrawal_draft_files",
]


# --- public API ----------------------------------------------------------------------------


def invitation_draft(session: Session, invitation: Invitation) -> bytes:
    """An unsent e-mail inviting one invitee: the METHOD:REQUEST for them alone.

    Raises :class:`~roundtable.errors.CalendarError` when no invitation can
    be made (no address, withdrawn, cancelled or undated roundtable, no organiser).
    """
    roundtable = invitation.roundtable
    address = _recipient_address(invitation)
    ics = outgoing.invitation_request_for(session, invitation)
    dutch = _dutch(invitation)
    subject = (
        f"Uitnodiging: {roundtable.title} ({_when(roundtable, dutch=True)})"
        if dutch
        else f"Invitation: {roundtable.title} ({_when(roundtable, dutch=False)})"
    )
    body = _invitation_body(invitation, dutch=dutch)
    return _draft(roundtable, invitation, address, subject, body, ics, "REQUEST")


def invitation_drafts(session: Session, roundtable: Roundtable) -> dict[str, bytes]:
    """One invitation draft per invitee with an address (not withdrawn), keyed by address."""
    drafts: dict[str, bytes] = {}
    for invitation in roundtable.invitations:
        address = outgoing.invitee_email(invitation)
        if address is None or invitation.status.value == "withdrawn":
            continue
        drafts.setdefault(address, invitation_draft(session, invitation))
    return drafts


def withdrawal_draft(session: Session, invitation: Invitation) -> bytes:
    """An unsent e-mail to one withdrawn invitee: a METHOD:CANCEL naming only them.

    Its text is the courteous note of :func:`roundtable.calendar.outgoing.withdrawal_note`;
    it never says "cancelled", because the roundtable goes ahead.
    """
    roundtable = invitation.roundtable
    ics = outgoing.withdrawal(session, invitation)
    address = _recipient_address(invitation)
    dutch = _dutch(invitation)
    subject = (
        f"Uitnodiging ingetrokken: {roundtable.title}"
        if dutch
        else f"Invitation withdrawn: {roundtable.title}"
    )
    body = outgoing.withdrawal_note(invitation)
    return _draft(roundtable, invitation, address, subject, body, ics, "CANCEL")


def cancellation_drafts(session: Session, roundtable: Roundtable) -> dict[str, bytes]:
    """One unsent cancellation e-mail per invitee not withdrawn, keyed by their address.

    Each carries a METHOD:CANCEL naming only its recipient, so nobody learns the
    others' addresses; withdrawn invitees get none (they had their withdrawal).
    """
    files = outgoing.cancellations(session, roundtable)
    drafts: dict[str, bytes] = {}
    for address, ics in files.items():
        invitation = _invitation_for(roundtable, address)
        dutch = _dutch(invitation)
        subject = f"Geannuleerd: {roundtable.title}" if dutch else f"Cancelled: {roundtable.title}"
        body = _cancellation_body(roundtable, invitation, dutch=dutch)
        drafts[address] = _draft(roundtable, invitation, address, subject, body, ics, "CANCEL")
    return drafts


# --- by id: what the app reads (``Store.read(mail.invitation_draft_files, ids)``) ----------


def invitation_draft_files(session: Session, invitation_ids: Sequence[int]) -> list[bytes]:
    """:func:`invitation_draft` of each of these invitations, in the order given."""
    return [
        invitation_draft(session, invitation)
        for invitation in outgoing.invitations_by_id(session, invitation_ids)
    ]


def withdrawal_draft_files(session: Session, invitation_ids: Sequence[int]) -> list[bytes]:
    """:func:`withdrawal_draft` of each of these withdrawn invitations, in the order given."""
    return [
        withdrawal_draft(session, invitation)
        for invitation in outgoing.invitations_by_id(session, invitation_ids)
    ]


def cancellation_draft_files(session: Session, roundtable_id: int) -> dict[str, bytes]:
    """:func:`cancellation_drafts` of the roundtable with this id, keyed by address."""
    return cancellation_drafts(session, get_or_fail(session, Roundtable, roundtable_id))


# --- building the message -----------------------------------------------------------------


def _one_line(value: str | None) -> str:
    """Text for a header: every run of white space (line breaks too) made one space."""
    return " ".join((value or "").split())


def _display_name(value: str | None) -> str:
    # Double quotes would end the quoted display name; Address quotes the rest.
    return _one_line(value).replace('"', "").replace("\\", "")


def _address_header(name: str | None, address: str) -> Address:
    local, _, domain = address.rpartition("@")
    return Address(display_name=_display_name(name), username=local, domain=domain)


def _recipient_address(invitation: Invitation) -> str:
    address = outgoing.invitee_email(invitation)
    if address is None:
        raise CalendarError(
            _(
                "{name} has no e-mail address, so no e-mail can be drafted for them; add their "
                "address first."
            ).format(name=invitation.invitee_name)
        )
    return address


def _invitation_for(roundtable: Roundtable, address: str) -> Invitation:
    for invitation in roundtable.invitations:
        found = outgoing.invitee_email(invitation)
        if found is not None and found.lower() == address.lower():
            return invitation
    raise CalendarError(outgoing.not_invited(address, roundtable))


def _organiser(roundtable: Roundtable) -> Person:
    organiser = roundtable.organiser
    if organiser is None or not organiser.email:
        raise CalendarError(
            _(
                "{title} has no organiser with an e-mail address; the drafts are sent from the "
                "organiser's address, so add one first."
            ).format(title=f"“{roundtable.title}”")
        )
    return organiser


def _message_id(roundtable: Roundtable, method: str, address: str, ics: bytes) -> str:
    organiser = _organiser(roundtable)
    domain = (organiser.email or "").rpartition("@")[2] or "roundtable.invalid"
    digest = hashlib.sha256(
        b"\0".join([roundtable.uid.encode(), method.encode(), address.lower().encode(), ics])
    ).hexdigest()[:32]
    message_id = f"<{digest}@{domain}>"
    # A folded Message-ID comes back with a leading space in some readers: keep it one line.
    if len("Message-ID: ") + len(message_id) > 78:
        message_id = f"<{digest}@roundtable.local>"
    return message_id


def _draft(
    roundtable: Roundtable,
    invitation: Invitation,
    address: str,
    subject: str,
    body: str,
    ics: bytes,
    method: str,
) -> bytes:
    organiser = _organiser(roundtable)
    message = EmailMessage()
    message["From"] = _address_header(organiser.name, organiser.email or "")
    message["To"] = _address_header(invitation.invitee_name, address)
    message["Subject"] = _one_line(subject)
    message["Date"] = format_datetime(context.now())
    message["Message-ID"] = _message_id(roundtable, method, address, ics)
    message["X-Unsent"] = "1"
    message.make_mixed()

    alternative = EmailMessage()
    alternative.make_alternative()
    text = EmailMessage()
    text.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    alternative.attach(text)
    part = EmailMessage()
    # base64 keeps the file's CRLF line ends and folded lines byte for byte.
    part.set_content(
        ics,
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"method": method, "charset": "UTF-8"},
    )
    alternative.attach(part)
    message.attach(alternative)

    attachment = EmailMessage()
    attachment.set_content(
        ics,
        maintype="application",
        subtype="ics",
        cte="base64",
        disposition="attachment",
        filename="invite.ics",
        params={"method": method},
    )
    message.attach(attachment)
    for sub_part in (text, part, attachment):
        del sub_part["MIME-Version"]  # set_content adds it; it belongs on the top only
    if "MIME-Version" not in message:
        message["MIME-Version"] = "1.0"
    # Headers unfolded up to RFC 5322's 998 octets: Python folds a subject with a
    # non-ASCII character between plain text and an encoded word, and readers
    # then show two spaces there ("2026,  14:00"). Bodies keep their 76-column
    # encodings, which set_content made.
    return message.as_bytes(policy=_UNFOLDED)


# --- the text ---------------------------------------------------------------------------------


def _dutch(invitation: Invitation) -> bool:
    person = invitation.person
    language = (person.preferred_language if person is not None else "") or ""
    return language.lower().split("-")[0] == "nl"


def _when(roundtable: Roundtable, *, dutch: bool) -> str:
    if roundtable.starts_at is None or roundtable.ends_at is None:
        return "datum volgt" if dutch else "date to follow"
    return format_long_period(
        roundtable.starts_at, roundtable.ends_at, zone_of(roundtable), "nl" if dutch else "en"
    )


def _place(roundtable: Roundtable, *, dutch: bool) -> list[str]:
    lines = []
    if roundtable.venue:
        lines.append(f"{'Plaats' if dutch else 'Place'}: {roundtable.venue}")
    if roundtable.online_url:
        lines.append(f"Online: {roundtable.online_url}")
    return lines


def _invitation_body(invitation: Invitation, *, dutch: bool) -> str:
    roundtable = invitation.roundtable
    organiser = roundtable.organiser
    signature = organiser.name if organiser is not None else ""
    name = _one_line(invitation.invitee_name)
    when = _when(roundtable, dutch=dutch)
    zone = roundtable.timezone
    place = "\n".join(_place(roundtable, dutch=dutch))
    if dutch:
        lines = [
            f"Beste {name},",
            "",
            f"Graag nodigen wij u uit voor “{roundtable.title}”.",
            "",
            f"Wanneer: {when} ({zone})",
            *([place] if place else []),
            "",
            "De uitnodiging zit als agenda-item bij dit bericht; met Accepteren of "
            "Afwijzen in uw agenda laat u ons weten of u komt.",
            "",
            "Met vriendelijke groet,",
            signature,
        ]
    else:
        lines = [
            f"Dear {name},",
            "",
            f"We would like to invite you to “{roundtable.title}”.",
            "",
            f"When: {when} ({zone})",
            *([place] if place else []),
            "",
            "The invitation is attached as a calendar entry; answering it with Accept or "
            "Decline in your calendar lets us know whether you will come.",
            "",
            "Kind regards,",
            signature,
        ]
    if roundtable.topic:
        lines[4:4] = [roundtable.topic, ""]
    return "\n".join(lines).rstrip() + "\n"


def _cancellation_body(roundtable: Roundtable, invitation: Invitation, *, dutch: bool) -> str:
    organiser = roundtable.organiser
    signature = organiser.name if organiser is not None else ""
    name = _one_line(invitation.invitee_name)
    when = _when(roundtable, dutch=dutch)
    reason = (roundtable.cancellation_reason or "").strip()
    if dutch:
        lines = [
            f"Beste {name},",
            "",
            f"Helaas gaat “{roundtable.title}” ({when}) niet door.",
            *([f"Reden: {reason}"] if reason else []),
            "",
            "Het agenda-item bij dit bericht haalt de afspraak uit uw agenda.",
            "Onze excuses voor het ongemak.",
            "",
            "Met vriendelijke groet,",
            signature,
        ]
    else:
        lines = [
            f"Dear {name},",
            "",
            f"We are sorry to let you know that “{roundtable.title}” ({when}) is cancelled.",
            *([f"Reason: {reason}"] if reason else []),
            "",
            "The calendar entry attached removes the meeting from your calendar.",
            "We apologise for any inconvenience.",
            "",
            "Kind regards,",
            signature,
        ]
    return "\n".join(lines).rstrip() + "\n"
