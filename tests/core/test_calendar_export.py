"""Calendar export (roundtable.calendar): what each iTIP file says, on both database backends.

The independent readers (vobject, libical, ical.js, ...) are in
test_calendar_conformance.py; here icalendar reads the files back and the raw
bytes are checked where the wire format itself matters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar, Event
from sqlalchemy.orm import Session

from roundtable.calendar import outgoing, timezones
from roundtable.enums import InvitationRole, InvitationStatus, Party
from roundtable.errors import CalendarError
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import Invitation, Roundtable

pytestmark = pytest.mark.usefixtures("clock")

TEST_NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
# Summer in Amsterdam: 14:00 CEST is 12:00 UTC.
SUMMER_START, SUMMER_END = datetime(2027, 6, 15, 14, 0), datetime(2027, 6, 15, 16, 0)
SUMMER_START_UTC = datetime(2027, 6, 15, 12, 0, tzinfo=UTC)
I = InvitationStatus  # noqa: E741


@dataclass
class Setup:
    roundtable_id: int
    invitation_ids: dict[str, int]  # by e-mail address (or name when there is none)


def _build(session: Session, *, public: bool = False) -> Setup:
    """A scheduled roundtable with an organiser and invitees in every interesting state."""
    own = organisations.create_organisation(session, "Stichting Eerlijk Geld", is_own=True)
    host = organisations.create_organisation(
        session, "Ministerie van Financiën", email="secretariaat@minfin.example"
    )
    organiser = persons.create_person(
        session, "Anna Bakker", email="anna@eerlijkgeld.example", organisation=own
    )
    roundtable = lifecycle.create_roundtable(
        session,
        title="Project Clover roundtable",
        topic="Tax transparency",
        host=host,
        organiser=organiser,
        venue="Ministerie, Korte Voorhout 7, Den Haag",
        online_url="https://meet.example/clover",
        description="Discussion of the tax ruling.",
        is_public=public,
    )
    lifecycle.schedule(session, roundtable, SUMMER_START, SUMMER_END)
    people = {
        "chair@bank.example": ("Jan de Vries", InvitationRole.CHAIR, I.ACCEPTED, "nl"),
        "speaker@ngo.example": ("Fatima El Amrani", InvitationRole.SPEAKER, I.TENTATIVE, ""),
        "obs@press.example": ("Olle Observer", InvitationRole.OBSERVER, I.DECLINED, ""),
        "new@ngo.example": ("Nina Nieuw", InvitationRole.PARTICIPANT, I.NOT_SENT, ""),
        "quiet@ngo.example": ("Quinten Stil", InvitationRole.PARTICIPANT, I.INVITED, ""),
        "gone@bank.example": ("Willem Weg", InvitationRole.PARTICIPANT, I.WITHDRAWN, "nl"),
        "": ("Zonder Adres", InvitationRole.PARTICIPANT, I.INVITED, ""),
    }
    ids: dict[str, int] = {}
    for email, (name, role, status, language) in people.items():
        person = persons.create_person(
            session, name, email=email or None, preferred_language=language
        )
        invitation = invitations.add_invitation(session, roundtable, person=person, role=role)
        if status != I.NOT_SENT:
            invitations.mark_invited(session, invitation)
        if status in (I.ACCEPTED, I.TENTATIVE, I.DECLINED):
            invitations.record_response(session, invitation, status)
        if status == I.WITHDRAWN:
            invitations.withdraw(session, invitation, "Too many bankers at the table already")
        ids[email or name] = invitation.id
    session.flush()
    return Setup(roundtable.id, ids)


@pytest.fixture
def setup(db: Database) -> Setup:
    with db.transaction() as session:
        return _build(session)


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    with db.transaction() as session:
        yield session


def _parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def _event(data: bytes) -> Event:
    (event,) = _parse(data).walk("VEVENT")
    return event


def _attendees(data: bytes) -> dict[str, dict[str, str]]:
    event = _event(data)
    values = event.get("ATTENDEE", [])
    values = values if isinstance(values, list) else [values]
    return {str(v).removeprefix("mailto:"): dict(v.params) for v in values}


def _lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    body = data[:-2]
    assert b"\n" not in body.replace(b"\r\n", b""), "bare LF in file"
    return body.split(b"\r\n")


def _unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def _roundtable(session: Session, setup: Setup) -> Roundtable:
    return session.get(Roundtable, setup.roundtable_id)  # type: ignore[return-value]


def _invitation(session: Session, setup: Setup, key: str) -> Invitation:
    return session.get(Invitation, setup.invitation_ids[key])  # type: ignore[return-value]


# --- REQUEST -------------------------------------------------------------------------------


def test_per_invitee_request_names_only_the_organiser_and_that_invitee(
    db: Database, setup: Setup
) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, setup)
        files = outgoing.invitation_requests(session, roundtable)
        uid = roundtable.uid
    assert set(files) == {
        "chair@bank.example",
        "speaker@ngo.example",
        "obs@press.example",
        "new@ngo.example",
        "quiet@ngo.example",
    }
    for email, data in files.items():
        assert list(_attendees(data)) == [email]
        event = _event(data)
        assert str(event["ORGANIZER"]) == "mailto:anna@eerlijkgeld.example"
        assert event["ORGANIZER"].params["CN"] == "Anna Bakker"
        assert str(event["UID"]) == uid
        other = {e for e in files if e != email}
        text = data.decode()
        assert not any(o in text for o in other), "another invitee's address leaked"
        assert "gone@bank.example" not in text


def test_request_file_shape(db: Database, setup: Setup) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, setup)
        data = outgoing.invitation_request(session, roundtable, attendee_email="CHAIR@bank.example")
        again = outgoing.invitation_request(
            session, roundtable, attendee_email="chair@bank.example"
        )
    assert data == again, "exports under a frozen clock are reproducible"
    lines = _lines(data)
    assert all(len(line) <= 75 for line in lines)
    unfolded = _unfolded(data)
    assert unfolded[0] == "BEGIN:VCALENDAR"
    first_component = next(i for i, line in enumerate(unfolded[1:], 1) if line.startswith("BEGIN:"))
    assert unfolded[first_component] == "BEGIN:VTIMEZONE"
    assert unfolded.index("METHOD:REQUEST") < first_component
    assert "PRODID:-//Roundtable//Roundtable " in data.decode()
    assert "VERSION:2.0" in unfolded and "CALSCALE:GREGORIAN" in unfolded
    assert "DTSTAMP:20261129T090000Z" in unfolded
    assert "SEQUENCE:0" in unfolded
    assert "DTSTART;TZID=Europe/Amsterdam:20270615T140000" in unfolded
    assert "DTEND;TZID=Europe/Amsterdam:20270615T160000" in unfolded
    assert "STATUS:CONFIRMED" in unfolded
    assert "URL:https://meet.example/clover" in unfolded
    assert "LOCATION:Ministerie\\, Korte Voorhout 7\\, Den Haag" in unfolded
    text = data.decode()
    for banned in ("X-WR-TIMEZONE", "TZID=UTC", "RDATE"):
        assert banned not in text
    assert text.count("BEGIN:VEVENT") == 1
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in unfolded
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in unfolded
    event = _event(data)
    assert event.decoded("DTSTART").astimezone(UTC) == SUMMER_START_UTC
    description = str(event["DESCRIPTION"])
    assert "Discussion of the tax ruling." in description
    assert "Topic: Tax transparency" in description
    assert "https://meet.example/clover" in description
    (attendee,) = _attendees(data).values()
    assert attendee == {
        "CN": "Jan de Vries",
        "ROLE": "CHAIR",
        "PARTSTAT": "ACCEPTED",
        "RSVP": "TRUE",
    }


def test_whole_list_roles_partstat_and_left_out_invitees(db: Database, setup: Setup) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, setup)
        data = outgoing.invitation_request(session, roundtable)
        left_out = [i.invitee_name for i in outgoing.left_out_invitees(roundtable)]
    attendees = _attendees(data)
    assert {e: (p["ROLE"], p["PARTSTAT"]) for e, p in attendees.items()} == {
        "chair@bank.example": ("CHAIR", "ACCEPTED"),
        "speaker@ngo.example": ("REQ-PARTICIPANT", "TENTATIVE"),
        "obs@press.example": ("NON-PARTICIPANT", "DECLINED"),
        "new@ngo.example": ("REQ-PARTICIPANT", "NEEDS-ACTION"),
        "quiet@ngo.example": ("REQ-PARTICIPANT", "NEEDS-ACTION"),
    }
    assert all(p["RSVP"] == "TRUE" for p in attendees.values())
    assert left_out == ["Zonder Adres"]


def test_request_refusals_name_the_fix(db: Database, setup: Setup) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, setup)
        with pytest.raises(CalendarError, match="was withdrawn; export the withdrawal"):
            outgoing.invitation_request(session, roundtable, attendee_email="gone@bank.example")
        with pytest.raises(CalendarError, match="not among the invitees"):
            outgoing.invitation_request(session, roundtable, attendee_email="who@x.example")
        persons.update_person(session, roundtable.organiser, email=None)
        with pytest.raises(CalendarError, match=r"Anna Bakker, has no usable e-mail.*add one"):
            outgoing.invitation_request(session, roundtable)
        lifecycle.update_details(session, roundtable, organiser=None)
        with pytest.raises(CalendarError, match="has no organiser; choose the organiser"):
            outgoing.invitation_request(session, roundtable)
        draft = lifecycle.create_roundtable(session, title="Undated")
        with pytest.raises(CalendarError, match="has no date yet; schedule it"):
            outgoing.invitation_request(session, draft)


def test_update_after_reschedule_has_higher_sequence_same_uid(db: Database, setup: Setup) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, setup)
        before = outgoing.invitation_request(
            session, roundtable, attendee_email="chair@bank.example"
        )
        lifecycle.update_details(session, roundtable, title="Project Clover round table")
        typo_fixed = outgoing.invitation_request(
            session, roundtable, attendee_email="chair@bank.example"
        )
        lifecycle.reschedule(
            session, roundtable, datetime(2027, 7, 6, 10, 0), datetime(2027, 7, 6, 12, 0)
        )
        after = outgoing.invitation_request(
            session, roundtable, attendee_email="chair@bank.example"
        )
    old, fixed, new = _event(before), _event(typo_fixed), _event(after)
    assert str(old["UID"]) == str(fixed["UID"]) == str(new["UID"])
    assert int(fixed["SEQUENCE"]) == int(old["SEQUENCE"]), "a typo does not reschedule anyone"
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    assert new.decoded("DTSTART").astimezone(UTC) == datetime(2027, 7, 6, 8, 0, tzinfo=UTC)


def test_draft_is_tentative_and_cancelled_refuses_requests(db: Database, setup: Setup) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, setup)
        lifecycle.postpone(session, roundtable, "Minister unavailable")
        assert str(_event(outgoing.invitation_request(session, roundtable))["STATUS"]) == (
            "TENTATIVE"
        )
        lifecycle.cancel(session, roundtable, "Ruling withdrawn")
        with pytest.raises(CalendarError, match="was cancelled; export the cancellation"):
            outgoing.invitation_request(session, roundtable)
        with pytest.raises(CalendarError, match="was cancelled"):
            outgoing.invitation_requests(session, roundtable)


# --- CANCEL ---------------------------------------------------------------------------------


def test_cancellation_of_the_whole_roundtable(db: Database, setup: Setup) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, setup)
        with pytest.raises(CalendarError, match="is not cancelled; cancel it first"):
            outgoing.cancellation(session, roundtable)
        invited_sequence = roundtable.sequence
        lifecycle.cancel(session, roundtable, "The ruling was withdrawn")
        data = outgoing.cancellation(session, roundtable)
        per_invitee = outgoing.cancellations(session, roundtable)
        sequence = roundtable.sequence
    unfolded = _unfolded(data)
    assert "METHOD:CANCEL" in unfolded and "STATUS:CANCELLED" in unfolded
    event = _event(data)
    assert int(event["SEQUENCE"]) == sequence > invited_sequence
    assert set(_attendees(data)) == {
        "chair@bank.example",
        "speaker@ngo.example",
        "obs@press.example",
        "new@ngo.example",
        "quiet@ngo.example",
    }
    # Invariant: a whole cancellation never names a withdrawn invitee.
    for file in [data, *per_invitee.values()]:
        assert b"gone@bank.example" not in file and b"Willem Weg" not in file
    assert set(per_invitee) == set(_attendees(data))
    for email, file in per_invitee.items():
        assert list(_attendees(file)) == [email]
        assert b"STATUS:CANCELLED" in file


def test_withdrawal_names_only_that_invitee_with_a_note(db: Database, setup: Setup) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, setup)
        gone = _invitation(session, setup, "gone@bank.example")
        data = outgoing.withdrawal(session, gone)
        sequence = roundtable.sequence
        with pytest.raises(CalendarError, match="is not withdrawn; withdraw it first"):
            outgoing.withdrawal(session, _invitation(session, setup, "chair@bank.example"))
        # The roundtable's own sequence is untouched by exporting a withdrawal.
        assert roundtable.sequence == sequence
    text = data.decode()
    unfolded = _unfolded(data)
    assert "METHOD:CANCEL" in unfolded
    # Invariant: a withdrawal never says the roundtable is cancelled, nor names others.
    assert "STATUS:CANCELLED" not in text and "STATUS:" not in text
    assert list(_attendees(data)) == ["gone@bank.example"]
    for other in ("chair@bank.example", "speaker@ngo.example", "Jan de Vries", "Fatima"):
        assert other not in text
    event = _event(data)
    assert int(event["SEQUENCE"]) == sequence + 1
    note = str(event["DESCRIPTION"])
    assert str(event["COMMENT"]) == note
    # Willem prefers Dutch; the internal reason stays internal.
    assert note.startswith("Beste Willem Weg,")
    assert "intrekken" in note and "15 juni 2027, 14:00–16:00" in note
    assert "Too many bankers" not in note
    assert note.rstrip().endswith("Anna Bakker")


def test_withdrawal_note_in_english_and_when_the_invitee_pulled_out(
    db: Database, setup: Setup
) -> None:
    with db.transaction() as session:
        speaker = _invitation(session, setup, "speaker@ngo.example")
        invitations.withdraw(session, speaker, "Ill", by=Party.INVITEE)
        note = outgoing.withdrawal_note(speaker)
        quiet = _invitation(session, setup, "quiet@ngo.example")
        invitations.withdraw(session, quiet, "Seat needed for a minister")
        host_note = outgoing.withdrawal_note(quiet)
        nobody = _invitation(session, setup, "Zonder Adres")
        invitations.withdraw(session, nobody, "No longer relevant")
        with pytest.raises(CalendarError, match=r"has no e-mail address.*add their address"):
            outgoing.withdrawal(session, nobody)
    assert note.startswith("Dear Fatima El Amrani,")
    assert "Thank you for letting us know that you cannot take part" in note
    assert "15 June 2027, 14:00–16:00" in note
    assert "we have had to withdraw our invitation" in host_note
    assert "Seat needed" not in host_note


# --- PUBLISH --------------------------------------------------------------------------------


def test_publish_feed_lists_public_roundtables_without_attendees(db: Database) -> None:
    with db.transaction() as session:
        setup = _build(session, public=True)
        public = _roundtable(session, setup)
        hidden = lifecycle.create_roundtable(
            session,
            title="Private one",
            organiser=public.organiser,
            starts_at=datetime(2027, 1, 5, 10, 0),
            ends_at=datetime(2027, 1, 5, 11, 0),
        )
        lifecycle.schedule(session, hidden, datetime(2027, 1, 5, 10), datetime(2027, 1, 5, 11))
        public_draft = lifecycle.create_roundtable(
            session, title="Public draft", organiser=public.organiser, is_public=True
        )
        cancelled = lifecycle.create_roundtable(
            session,
            title="Called off",
            organiser=public.organiser,
            is_public=True,
            timezone="America/New_York",
        )
        lifecycle.schedule(
            session, cancelled, datetime(2027, 1, 12, 9, 0), datetime(2027, 1, 12, 10, 0)
        )
        lifecycle.cancel(session, cancelled, "No quorum")
        data = outgoing.publish_feed(session)
        assert public_draft.id and hidden.id
    text = data.decode()
    feed = _parse(data)
    assert str(feed["METHOD"]) == "PUBLISH"
    events = {str(e["SUMMARY"]): e for e in feed.walk("VEVENT")}
    assert set(events) == {"Project Clover roundtable", "Called off"}
    assert str(events["Called off"]["STATUS"]) == "CANCELLED"
    assert str(events["Project Clover roundtable"]["STATUS"]) == "CONFIRMED"
    assert "ATTENDEE" not in text
    assert "chair@bank.example" not in text
    organizer = events["Project Clover roundtable"]["ORGANIZER"]
    assert str(organizer) == "mailto:secretariaat@minfin.example"
    assert organizer.params["CN"] == "Ministerie van Financiën"
    # Without a host, the organiser's address stands in.
    assert str(events["Called off"]["ORGANIZER"]) == "mailto:anna@eerlijkgeld.example"
    assert {str(tz["TZID"]) for tz in feed.walk("VTIMEZONE")} == {
        "Europe/Amsterdam",
        "America/New_York",
    }
    assert str(feed["X-WR-CALNAME"]) == "Stichting Eerlijk Geld: roundtables"


def test_publish_feed_empty_and_missing_organiser_address(session: Session) -> None:
    empty = _parse(outgoing.publish_feed(session))
    assert str(empty["METHOD"]) == "PUBLISH" and not empty.walk("VEVENT")
    roundtable = lifecycle.create_roundtable(
        session,
        title="Nobody to write to",
        is_public=True,
        starts_at=datetime(2027, 3, 1, 10),
        ends_at=datetime(2027, 3, 1, 11),
    )
    lifecycle.schedule(session, roundtable, datetime(2027, 3, 1, 10), datetime(2027, 3, 1, 11))
    with pytest.raises(CalendarError, match="No e-mail address to publish as the organiser"):
        outgoing.publish_feed(session)


# --- text safety, time zones, CalDAV ----------------------------------------------------------

NASTY = 'x\r\nATTENDEE:mailto:evil@x.example\r\nEND:VEVENT, "q"; back\\slash 🙂 مرحبا 你好 Ελληνικά'


def test_injection_through_text_and_names_cannot_create_properties(session: Session) -> None:
    organiser = persons.create_person(session, "Org", email="org@x.example")
    roundtable = lifecycle.create_roundtable(
        session, title="T", organiser=organiser, venue="V", description="D"
    )
    lifecycle.schedule(session, roundtable, SUMMER_START, SUMMER_END)
    person = persons.create_person(session, "P", email="p@x.example")
    invitation = invitations.add_invitation(session, roundtable, person=person)
    # Set directly: the export must be safe whatever the database holds.
    for field in ("title", "description", "venue", "topic"):
        setattr(roundtable, field, NASTY)
    person.name = NASTY + "\x1b\x07"
    organiser.name = NASTY
    session.flush()
    data = outgoing.invitation_request(session, roundtable)
    lines = _lines(data)
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    unfolded = _unfolded(data)
    assert not any(line.startswith("ATTENDEE:mailto:evil") for line in unfolded)
    assert unfolded.count("END:VEVENT") == 1
    event = _event(data)
    assert list(_attendees(data)) == ["p@x.example"]
    assert str(event["SUMMARY"]) == NASTY.replace("\r\n", "\n")
    cn = _attendees(data)["p@x.example"]["CN"]
    assert '"' not in cn and "\n" not in cn and "\x1b" not in cn
    assert "مرحبا 你好 Ελληνικά" in cn
    assert invitation.id


def test_vtimezone_rules_and_utc_fallbacks(session: Session) -> None:
    new_york = timezones.vtimezone("America/New_York", [2027]).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in new_york
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in new_york
    kolkata = timezones.vtimezone("Asia/Kolkata", [2027]).to_ical().decode()
    assert kolkata.count("BEGIN:STANDARD") == 1 and "DAYLIGHT" not in kolkata
    assert "TZOFFSETTO:+0530" in kolkata
    # One rule serves several years when the zone kept it.
    assert timezones.vtimezone("Europe/Amsterdam", [2023, 2027]) is not None
    # Brazil dropped daylight saving time in 2019: one change that year, no yearly rule.
    assert timezones.vtimezone("America/Sao_Paulo", [2019]) is None
    assert timezones.vtimezone("America/Sao_Paulo", [2018, 2020]) is None
    assert timezones.vtimezone("UTC", [2027]) is None

    organiser = persons.create_person(session, "Org", email="org@x.example")
    person = persons.create_person(session, "P", email="p@x.example")
    for zone, start, expected in (
        ("America/Sao_Paulo", datetime(2019, 2, 20, 14), datetime(2019, 2, 20, 17, tzinfo=UTC)),
        ("UTC", datetime(2027, 6, 15, 14), datetime(2027, 6, 15, 14, tzinfo=UTC)),
    ):
        roundtable = lifecycle.create_roundtable(
            session, title=f"In {zone}", organiser=organiser, timezone=zone
        )
        lifecycle.schedule(session, roundtable, start, start + timedelta(hours=1))
        invitations.add_invitation(session, roundtable, person=person)
        data = outgoing.invitation_request(session, roundtable)
        text = data.decode()
        assert "VTIMEZONE" not in text and "TZID" not in text
        assert f"DTSTART:{expected:%Y%m%dT%H%M%S}Z" in _unfolded(data)


def test_strip_method_removes_only_the_method_line(db: Database, setup: Setup) -> None:
    with db.transaction() as session:
        data = outgoing.invitation_request(session, _roundtable(session, setup))
    stripped = outgoing.strip_method(data)
    assert b"METHOD:" not in stripped
    assert data.replace(b"METHOD:REQUEST\r\n", b"") == stripped
    assert _event(stripped)["UID"] == _event(data)["UID"]


# --- by id: what the desktop app reads ------------------------------------------------------


def _unbounded(drafts: Iterable[bytes]) -> list[bytes]:
    """E-mail drafts without their MIME boundaries, which are random."""
    return [re.sub(rb"={15}\d+==", b"BOUNDARY", draft) for draft in drafts]


def test_the_files_by_id_are_the_same_messages(db: Database, setup: Setup) -> None:
    from roundtable.calendar import mail
    from roundtable.errors import NotFoundError

    ids = setup.invitation_ids
    chosen = [ids["quiet@ngo.example"], ids["chair@bank.example"]]
    with db.transaction() as session:
        roundtable = session.get(Roundtable, setup.roundtable_id)
        assert roundtable is not None
        expected = [
            outgoing.invitation_request(session, roundtable, attendee_email=address)
            for address in ("quiet@ngo.example", "chair@bank.example")
        ]
        drafts = [mail.invitation_draft(session, session.get(Invitation, i)) for i in chosen]
        gone = session.get(Invitation, ids["gone@bank.example"])
        withdrawal = outgoing.withdrawal(session, gone)
        whole = outgoing.invitation_request(session, roundtable)
    assert db.read(outgoing.invitation_files, chosen) == expected
    assert _unbounded(db.read(mail.invitation_draft_files, chosen)) == _unbounded(drafts)
    assert db.read(outgoing.withdrawal_files, [ids["gone@bank.example"]]) == [withdrawal]
    assert db.read(outgoing.whole_list_file, setup.roundtable_id) == whole
    with pytest.raises(CalendarError, match="was withdrawn; export the withdrawal"):
        db.read(outgoing.invitation_files, [ids["gone@bank.example"]])
    with pytest.raises(CalendarError, match="Zonder Adres has no e-mail address"):
        db.read(outgoing.invitation_files, [ids["Zonder Adres"]])
    with pytest.raises(NotFoundError):
        db.read(outgoing.invitation_files, [ids["quiet@ngo.example"], 99_999])

    with db.transaction() as session:
        roundtable = session.get(Roundtable, setup.roundtable_id)
        assert roundtable is not None
        lifecycle.cancel(session, roundtable, "The minister fell ill")
    with db.transaction() as session:
        roundtable = session.get(Roundtable, setup.roundtable_id)
        assert roundtable is not None
        cancellation = outgoing.cancellation(session, roundtable)
        cancellations = outgoing.cancellations(session, roundtable)
        cancellation_drafts = mail.cancellation_drafts(session, roundtable)
    assert db.read(outgoing.cancellation_file, setup.roundtable_id) == cancellation
    assert db.read(outgoing.cancellation_files, setup.roundtable_id) == cancellations
    by_id = db.read(mail.cancellation_draft_files, setup.roundtable_id)
    assert list(by_id) == list(cancellation_drafts)
    assert _unbounded(by_id.values()) == _unbounded(cancellation_drafts.values())
