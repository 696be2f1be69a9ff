"""iMIP e-mail drafts (RFC 6047): parsed back with the email package and icalendar."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

import icalendar
import pytest
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.calendar import mail
from roundtable.enums import InvitationStatus
from roundtable.errors import CalendarError
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import Invitation, Roundtable

pytestmark = pytest.mark.usefixtures("clock")

TEST_NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
NASTY = 'Jan "JJ" de Vries, Jr.\r\nBcc: victim@evil.example'


def build(session: Session) -> Roundtable:
    own = organisations.create_organisation(session, "Digital Rights Collective", is_own=True)
    anna = persons.create_person(
        session, "Anna de Wit", email="anna@digitalrights.example", organisation=own
    )
    roundtable = lifecycle.create_roundtable(
        session,
        title="Smart meters; privacy, and you",
        host=own,
        organiser=anna,
        venue="Impact Hub Amsterdam",
        online_url="https://meet.example/smart",
    )
    lifecycle.schedule(session, roundtable, datetime(2026, 12, 10, 14), datetime(2026, 12, 10, 16))
    people = [
        persons.create_person(session, NASTY, email="jan@energienet.example"),
        persons.create_person(
            session, "Karel Smit", email="karel@minezk.example", preferred_language="nl"
        ),
        persons.create_person(session, "Zoë Lefèvre", email="zoe@fairdata.example"),
        persons.create_person(session, "No Address"),
    ]
    for person in people:
        invitations.mark_invited(
            session, invitations.add_invitation(session, roundtable, person=person)
        )
    return roundtable


@pytest.fixture
def db_with_roundtable(db: Database) -> Database:
    with db.transaction() as session:
        build(session)
    return db


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def calendar_parts(message: EmailMessage) -> list[EmailMessage]:
    return [
        part  # type: ignore[misc]
        for part in message.walk()
        if part.get_content_type() in ("text/calendar", "application/ics")
    ]


def the_calendar(message: EmailMessage) -> tuple[EmailMessage, icalendar.Calendar]:
    (part,) = [p for p in calendar_parts(message) if p.get_content_type() == "text/calendar"]
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return part, icalendar.Calendar.from_ical(payload.decode("utf-8"))


def body_of(message: EmailMessage) -> str:
    """The text/plain body with the mail's CRLF line ends made plain new lines."""
    (text,) = [part for part in message.walk() if part.get_content_type() == "text/plain"]
    return str(text.get_content()).replace("\r\n", "\n")  # type: ignore[attr-defined]


def invitation_of(roundtable: Roundtable, address: str) -> Invitation:
    for invitation in roundtable.invitations:
        if invitation.person is not None and invitation.person.email == address:
            return invitation
    raise AssertionError(address)


def attendees(event: icalendar.Event) -> list[str]:
    value = event.get("ATTENDEE")
    values = value if isinstance(value, list) else [value] if value is not None else []
    return [str(item).lower().removeprefix("mailto:") for item in values]


def test_invitation_draft_headers_and_parts(db_with_roundtable: Database) -> None:
    with db_with_roundtable.session() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        data = mail.invitation_draft(session, invitation_of(roundtable, "zoe@fairdata.example"))
    assert b"\r\n" in data  # mail line ends
    message = parse(data)
    assert message["X-Unsent"] == "1"
    assert message["MIME-Version"] == "1.0"
    assert getaddresses([str(message["From"])]) == [("Anna de Wit", "anna@digitalrights.example")]
    assert getaddresses([str(message["To"])]) == [("Zoë Lefèvre", "zoe@fairdata.example")]
    assert str(message["Subject"]) == (
        "Invitation: Smart meters; privacy, and you (10 December 2026, 14:00–16:00)"
    )
    assert parsedate_to_datetime(str(message["Date"])) == TEST_NOW
    assert b"\r\nMessage-ID: <" in data
    assert str(message["Message-ID"]).startswith("<")
    assert str(message["Message-ID"]).endswith("@digitalrights.example>")
    assert message.get_content_type() == "multipart/mixed"
    alternative = message.get_payload()[0]  # type: ignore[index]
    assert alternative.get_content_type() == "multipart/alternative"
    text, part = alternative.get_payload()
    assert text.get_content_type() == "text/plain"
    body = text.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Zoë Lefèvre,\n")
    assert "When: 10 December 2026, 14:00–16:00 (Europe/Amsterdam)" in body
    assert "https://meet.example/smart" in body
    assert body.rstrip().endswith("Anna de Wit")

    part, calendar = the_calendar(message)
    assert part.get_param("method") == "REQUEST" == str(calendar["METHOD"])
    assert part.get_content_charset() == "utf-8"
    (event,) = calendar.walk("VEVENT")
    # One invitee per draft: no other invitee's address travels with it.
    assert attendees(event) == ["zoe@fairdata.example"]
    assert str(event["ORGANIZER"]).lower() == "mailto:anna@digitalrights.example"
    # The attachment is the same file.
    (attachment,) = [p for p in calendar_parts(message) if p.get_filename() == "invite.ics"]
    assert attachment.get_payload(decode=True) == part.get_payload(decode=True)


def test_a_name_cannot_break_or_add_headers(db_with_roundtable: Database) -> None:
    with db_with_roundtable.session() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        data = mail.invitation_draft(session, invitation_of(roundtable, "jan@energienet.example"))
    message = parse(data)
    assert message["Bcc"] is None
    assert b"\r\nBcc:" not in data
    to = getaddresses([str(message["To"])])
    assert len(to) == 1  # the comma in the name did not make a second recipient
    name, address = to[0]
    assert address == "jan@energienet.example"
    assert name == "Jan JJ de Vries, Jr. Bcc: victim@evil.example"
    for key in message:
        assert key in {
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "X-Unsent",
            "Content-Type",
            "MIME-Version",
        }


def test_dutch_invitee_gets_a_dutch_text(db_with_roundtable: Database) -> None:
    with db_with_roundtable.session() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        message = parse(
            mail.invitation_draft(session, invitation_of(roundtable, "karel@minezk.example"))
        )
    assert str(message["Subject"]).startswith("Uitnodiging: Smart meters")
    body = body_of(message)
    assert body.startswith("Beste Karel Smit,")
    assert "10 december 2026, 14:00–16:00" in body


def test_drafts_are_reproducible_with_a_frozen_clock(db_with_roundtable: Database) -> None:
    with db_with_roundtable.session() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        invitation = invitation_of(roundtable, "zoe@fairdata.example")
        first = mail.invitation_draft(session, invitation)
        with context.frozen_clock(TEST_NOW):
            second = mail.invitation_draft(session, invitation)
    # MIME boundaries are random; everything else is the same.
    strip = [line for line in first.split(b"\r\n") if b"==" not in line]
    assert strip == [line for line in second.split(b"\r\n") if b"==" not in line]


def test_no_address_no_draft(db_with_roundtable: Database) -> None:
    with db_with_roundtable.session() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        invitation = next(i for i in roundtable.invitations if i.invitee_name == "No Address")
        with pytest.raises(CalendarError, match="No Address has no e-mail address"):
            mail.invitation_draft(session, invitation)
        drafts = mail.invitation_drafts(session, roundtable)
    assert sorted(drafts) == [
        "jan@energienet.example",
        "karel@minezk.example",
        "zoe@fairdata.example",
    ]


def test_withdrawal_draft_names_only_that_invitee_and_is_not_a_cancellation(
    db_with_roundtable: Database,
) -> None:
    with db_with_roundtable.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        invitation = invitation_of(roundtable, "zoe@fairdata.example")
        with pytest.raises(CalendarError):
            mail.withdrawal_draft(session, invitation)  # not withdrawn yet
        invitations.withdraw(session, invitation, "Too many invitees from one NGO")
        message = parse(mail.withdrawal_draft(session, invitation))
        sequence = roundtable.sequence
    assert getaddresses([str(message["To"])]) == [("Zoë Lefèvre", "zoe@fairdata.example")]
    part, calendar = the_calendar(message)
    assert part.get_param("method") == "CANCEL" == str(calendar["METHOD"])
    (event,) = calendar.walk("VEVENT")
    assert attendees(event) == ["zoe@fairdata.example"]
    assert "STATUS" not in event  # the roundtable itself goes ahead
    assert int(event["SEQUENCE"]) == sequence + 1
    body = body_of(message)
    assert "cancel" not in body.lower()
    assert "Too many invitees" not in body  # the internal reason stays internal


def test_cancellation_drafts_one_per_invitee_not_withdrawn(db_with_roundtable: Database) -> None:
    with db_with_roundtable.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        with pytest.raises(CalendarError, match="not cancelled"):
            mail.cancellation_drafts(session, roundtable)
        invitations.withdraw(
            session, invitation_of(roundtable, "karel@minezk.example"), "Left the ministry"
        )
        lifecycle.cancel(session, roundtable, "The company withdrew from the talks")
        drafts = mail.cancellation_drafts(session, roundtable)
    # The withdrawn invitee never gets a "meeting cancelled" message.
    assert sorted(drafts) == ["jan@energienet.example", "zoe@fairdata.example"]
    for address, data in drafts.items():
        message = parse(data)
        assert [a for _, a in getaddresses([str(message["To"])])] == [address]
        assert str(message["Subject"]) == "Cancelled: Smart meters; privacy, and you"
        part, calendar = the_calendar(message)
        assert part.get_param("method") == "CANCEL" == str(calendar["METHOD"])
        (event,) = calendar.walk("VEVENT")
        assert str(event["STATUS"]) == "CANCELLED"
        assert attendees(event) == [address]
        body = body_of(message)
        assert "The company withdrew from the talks" in body


def test_roundtable_never_sends_mail() -> None:
    source = mail.__file__
    with open(source, encoding="utf-8") as handle:
        text = handle.read()
    assert "smtplib" not in text and "sendmail" not in text


def test_drafts_of_an_invitation_keep_its_status(db_with_roundtable: Database) -> None:
    with db_with_roundtable.session() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        invitation = invitation_of(roundtable, "zoe@fairdata.example")
        mail.invitation_draft(session, invitation)
        assert invitation.status == InvitationStatus.INVITED
        assert not session.dirty and not session.new


def test_a_long_subject_with_a_dash_reads_back_with_single_spaces(
    db_with_roundtable: Database,
) -> None:
    # Python folds such a subject between plain text and an encoded word; readers
    # then showed "2026,  14:00". Drafts keep headers on one line instead.
    with db_with_roundtable.session() as session:
        roundtable = lifecycle.get_roundtable(session, 1)
        data = mail.invitation_draft(session, invitation_of(roundtable, "zoe@fairdata.example"))
    subject = str(parse(data)["Subject"])
    assert "  " not in subject
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
