"""Exported .ics files read by independent parsers, which must all agree.

Every file Roundtable writes (invitation per invitee and for the whole list, the
update after a reschedule, the whole cancellation, the withdrawal of one
invitee, the public feed, and a roundtable whose every text field is hostile)
is read by icalendar, vobject (``validate=True``), recurring-ical-events,
libical (Debian's gir1.2-ical-3.0 through the system Python; its
``check_restrictions()`` is the oracle for RFC 5546's per-method rules) and
ical.js (Nextcloud's parser, from npm in .venv/js). All of them must put DTSTART
at the same UTC instant (a summer afternoon in Amsterdam is 12:00Z, the case
icalendar's own RDATE-style VTIMEZONE gets wrong in ical.js and vobject) and
read the same text back.

A missing reader (libical, Node.js or ical.js) skips its test with the reason;
in CI (``CI`` set) it fails instead, since dev.py installs them there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import vobject
from icalendar import Calendar, Event
from sqlalchemy.orm import Session

from roundtable.calendar import outgoing
from roundtable.enums import InvitationRole, InvitationStatus, Party
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import Invitation, Roundtable

pytestmark = pytest.mark.usefixtures("clock")

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3")
ICALJS = ROOT / ".venv" / "js" / "node_modules" / "ical.js" / "dist" / "ical.js"

SUMMER_START, SUMMER_END = datetime(2027, 6, 15, 14, 0), datetime(2027, 6, 15, 16, 0)
MOVED_START, MOVED_END = datetime(2027, 7, 6, 10, 0), datetime(2027, 7, 6, 12, 0)
#: 14:00 CEST (UTC+2) is 12:00 UTC; 10:00 CEST is 08:00 UTC.
SUMMER_UTC = datetime(2027, 6, 15, 12, 0, tzinfo=UTC)
MOVED_UTC = datetime(2027, 7, 6, 8, 0, tzinfo=UTC)
WINTER_NY_UTC = datetime(2027, 1, 12, 14, 0, tzinfo=UTC)  # 09:00 EST (UTC-5)


def _hostile(label: str) -> str:
    """Text with everything that could break or inject into a calendar file."""
    return (
        f'{label}, "quoted"; semi\\back\\slash\r\nATTENDEE:mailto:evil@x.example\nEND:VEVENT\n'
        "🙂 مرحبا بكم 你好世界 Ελληνικά " + "ü" * 40
    )


def _expected_text(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


def _reader_missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _vobject_read(text: str, *, validate: bool = False) -> vobject.base.Component:
    """vobject's reading of ``text`` with the file's own VTIMEZONE.

    vobject keeps a process-wide TZID -> tzinfo map and the first zone registered
    under a name wins, so a block read from an earlier file (or pytz) would be
    used instead of this file's: clear it first (keeping UTC).
    """
    registry = vobject.icalendar.__dict__["__tzidMap"]
    utc = registry.get("UTC")
    registry.clear()
    if utc is not None:
        registry["UTC"] = utc
    return vobject.readOne(text, validate=validate)


# --- the files under test -----------------------------------------------------------------


def _invitee(
    session: Session,
    roundtable: Roundtable,
    name: str,
    email: str,
    role: InvitationRole,
    status: InvitationStatus,
) -> Invitation:
    person = persons.create_person(session, name, email=email)
    invitation = invitations.add_invitation(session, roundtable, person=person, role=role)
    invitations.mark_invited(session, invitation)
    if status in (InvitationStatus.ACCEPTED, InvitationStatus.DECLINED):
        invitations.record_response(session, invitation, status)
    return invitation


def _export_all(session: Session) -> tuple[dict[str, bytes], dict[str, datetime], dict[str, str]]:
    """The files, the UTC start expected for each UID, and the expected SUMMARY per UID."""
    host = organisations.create_organisation(session, "Host", email="host@host.example")
    organiser = persons.create_person(session, "Anna Bakker", email="anna@ngo.example")
    clover = lifecycle.create_roundtable(
        session,
        title="Project Clover roundtable",
        topic="Tax",
        host=host,
        organiser=organiser,
        venue="Den Haag",
        online_url="https://meet.example/clover",
        description="About the ruling.",
        is_public=True,
    )
    lifecycle.schedule(session, clover, SUMMER_START, SUMMER_END)
    chair = _invitee(
        session,
        clover,
        "Jan de Vries",
        "jan@x.example",
        InvitationRole.CHAIR,
        InvitationStatus.ACCEPTED,
    )
    _invitee(
        session,
        clover,
        "Olle",
        "olle@x.example",
        InvitationRole.OBSERVER,
        InvitationStatus.DECLINED,
    )
    gone = _invitee(
        session,
        clover,
        "Willem",
        "willem@x.example",
        InvitationRole.PARTICIPANT,
        InvitationStatus.INVITED,
    )
    files: dict[str, bytes] = {
        "invite": outgoing.invitation_request(session, clover, attendee_email="jan@x.example"),
        "invite_all": outgoing.invitation_request(session, clover),
    }
    lifecycle.reschedule(session, clover, MOVED_START, MOVED_END)
    files["update"] = outgoing.invitation_request(session, clover, attendee_email="jan@x.example")
    invitations.withdraw(session, gone, "Seat needed", by=Party.HOST)
    files["withdrawal"] = outgoing.withdrawal(session, gone)

    nasty_host = organisations.create_organisation(
        session, "Nasty host", email="nasty@host.example"
    )
    nasty = lifecycle.create_roundtable(
        session,
        title="placeholder",
        organiser=organiser,
        host=nasty_host,
        online_url="https://meet.example/r?a=1,2;b=%22x%22",
        is_public=True,
    )
    lifecycle.schedule(session, nasty, SUMMER_START, SUMMER_END)
    nasty_invitee = _invitee(
        session,
        nasty,
        "placeholder",
        "n@x.example",
        InvitationRole.SPEAKER,
        InvitationStatus.INVITED,
    )
    # Written straight to the records: exports must be safe whatever the database holds.
    nasty.title = _hostile("Title")
    nasty.topic = _hostile("Topic")
    nasty.venue = _hostile("Venue")
    nasty.description = _hostile("Description")
    nasty_host.name = _hostile("Host")[:200]
    assert nasty_invitee.person is not None
    nasty_invitee.person.name = _hostile("Invitee")[:200]
    organiser.name = _hostile("Organiser")[:200]
    session.flush()
    files["nasty_invite"] = outgoing.invitation_request(session, nasty)
    files["nasty_invite_one"] = outgoing.invitation_request(
        session, nasty, attendee_email="n@x.example"
    )

    new_york = lifecycle.create_roundtable(
        session,
        title="Winter in New York",
        organiser=organiser,
        is_public=True,
        timezone="America/New_York",
    )
    lifecycle.schedule(session, new_york, datetime(2027, 1, 12, 9, 0), datetime(2027, 1, 12, 10, 0))
    files["publish"] = outgoing.publish_feed(session)

    lifecycle.cancel(session, clover, "The ruling was withdrawn")
    files["cancel"] = outgoing.cancellation(session, clover)
    lifecycle.cancel(session, nasty, "Nobody could read the invitation")
    files["nasty_cancel"] = outgoing.cancellation(session, nasty)
    files["publish_after_cancel"] = outgoing.publish_feed(session)

    starts = {clover.uid: MOVED_UTC, nasty.uid: SUMMER_UTC, new_york.uid: WINTER_NY_UTC}
    summaries = {
        clover.uid: "Project Clover roundtable",
        nasty.uid: _expected_text(_hostile("Title")),
        new_york.uid: "Winter in New York",
    }
    # The first two files were made before the reschedule; the chair's file names them.
    assert chair.person is not None and chair.person.email == "jan@x.example"
    return files, starts, summaries


@pytest.fixture
def exported(sqlite_db: Database) -> tuple[dict[str, bytes], dict[str, datetime], dict[str, str]]:
    with sqlite_db.transaction() as session:
        return _export_all(session)


def _expected_start(name: str, uid: str, starts: dict[str, datetime]) -> datetime:
    if name in ("invite", "invite_all"):
        return SUMMER_UTC
    return starts[uid]


METHODS = {
    "invite": "REQUEST",
    "invite_all": "REQUEST",
    "update": "REQUEST",
    "withdrawal": "CANCEL",
    "nasty_invite": "REQUEST",
    "nasty_invite_one": "REQUEST",
    "publish": "PUBLISH",
    "cancel": "CANCEL",
    "nasty_cancel": "CANCEL",
    "publish_after_cancel": "PUBLISH",
}


def test_every_scenario_is_exported(exported: tuple) -> None:
    files, _, _ = exported
    assert set(files) == set(METHODS)
    for name, data in files.items():
        assert f"\r\nMETHOD:{METHODS[name]}\r\n".encode() in data, name


# --- icalendar, vobject, recurring-ical-events -----------------------------------------------


def test_icalendar_reads_every_file_and_our_vtimezone_gives_the_right_offset(
    exported: tuple,
) -> None:
    files, starts, summaries = exported
    for name, data in files.items():
        parsed = Calendar.from_ical(data)
        assert str(parsed["METHOD"]) == METHODS[name]
        zones = {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in parsed.walk("VTIMEZONE")}
        for event in parsed.walk("VEVENT"):
            uid = str(event["UID"])
            expected = _expected_start(name, uid, starts)
            assert event.decoded("DTSTART").astimezone(UTC) == expected, name
            assert str(event["SUMMARY"]) == summaries[uid], name
            # Our own VTIMEZONE (not the zoneinfo database) must give the same instant.
            tzid = event["DTSTART"].params.get("TZID")
            if tzid:
                local = event.decoded("DTSTART").replace(tzinfo=None)
                assert local.replace(tzinfo=zones[tzid]).astimezone(UTC) == expected, name


def test_vobject_validates_every_file_and_agrees_on_the_instant(exported: tuple) -> None:
    files, starts, summaries = exported
    for name, data in files.items():
        component = _vobject_read(data.decode("utf-8"), validate=True)
        assert component.method.value == METHODS[name]
        events = component.contents.get("vevent", [])
        assert events or name.startswith("publish"), name
        for event in events:
            uid = event.uid.value
            assert event.dtstart.value.astimezone(UTC) == _expected_start(name, uid, starts), name
            assert event.summary.value == summaries[uid], name
            attendees = event.contents.get("attendee", [])
            assert all("evil" not in a.value for a in attendees), name


def test_recurring_ical_events_finds_each_event_in_its_window(exported: tuple) -> None:
    files, starts, _ = exported
    for name, data in files.items():
        parsed = Calendar.from_ical(data)
        for event in parsed.walk("VEVENT"):
            uid = str(event["UID"])
            expected = _expected_start(name, uid, starts)
            found = [
                e
                for e in recurring_ical_events.of(parsed).between(
                    expected - timedelta(hours=1), expected + timedelta(hours=1)
                )
                if str(e["UID"]) == uid
            ]
            assert len(found) == 1, name
            assert found[0]["DTSTART"].dt.astimezone(UTC) == expected, name
            # And nothing of it an hour off on either side.
            early = recurring_ical_events.of(parsed).between(
                expected - timedelta(hours=3), expected - timedelta(minutes=61)
            )
            assert not [e for e in early if str(e["UID"]) == uid], name


def test_no_attendee_in_feeds_and_no_withdrawn_invitee_in_cancellations(exported: tuple) -> None:
    files, _, _ = exported
    for name in ("publish", "publish_after_cancel"):
        # (The hostile text holds "ATTENDEE:mailto:evil..." as escaped TEXT, never as a line.)
        lines = files[name].decode("utf-8").replace("\r\n ", "").split("\r\n")
        assert not [line for line in lines if line.upper().startswith("ATTENDEE")], name
        assert not Calendar.from_ical(files[name]).walk("VEVENT")[0].get("ATTENDEE")
    assert b"willem@x.example" not in files["cancel"]
    assert b"STATUS:CANCELLED" not in files["withdrawal"]
    assert b"jan@x.example" not in files["withdrawal"]
    assert b"STATUS:CANCELLED" in files["cancel"]
    feed = Calendar.from_ical(files["publish_after_cancel"])
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in feed.walk("VEVENT")}
    assert statuses["Project Clover roundtable"] == "CANCELLED"
    assert statuses["Winter in New York"] == "CONFIRMED"


# --- libical (Debian) ---------------------------------------------------------------------

LIBICAL_SCRIPT = r"""
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I

def errors(component, found):
    prop = component.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(prop.as_ical_string().strip())
        prop = component.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        errors(child, found)
        child = component.get_next_component(I.ComponentKind.ANY_COMPONENT)
    return found

out = {}
for name, text in json.load(sys.stdin).items():
    root = I.Parser.parse_string(text)
    parse_errors = errors(root, [])
    root.check_restrictions()
    all_errors = errors(root, [])
    events = []
    event = root.get_first_component(I.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        start = event.get_dtstart()
        events.append({
            "uid": event.get_uid(),
            "start": start.as_timet_with_zone(start.get_timezone()),
            "summary": event.get_summary(),
            "attendees": event.count_properties(I.PropertyKind.ATTENDEE_PROPERTY),
        })
        event = root.get_next_component(I.ComponentKind.VEVENT_COMPONENT)
    method = root.get_first_property(I.PropertyKind.METHOD_PROPERTY)
    out[name] = {
        "parse_errors": parse_errors,
        "errors": all_errors,
        "events": events,
        "method": method.get_value_as_string() if method is not None else None,
    }
json.dump(out, sys.stdout)
"""


def _libical(files: dict[str, bytes]) -> dict[str, dict]:
    if not SYSTEM_PYTHON.exists():
        _reader_missing(f"libical check skipped: {SYSTEM_PYTHON} does not exist")
    probe = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", 'import gi; gi.require_version("ICalGLib", "3.0")'],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        _reader_missing(
            "libical check skipped: install Debian's gir1.2-ical-3.0 and python3-gi "
            f"({probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else 'not found'})"
        )
    result = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", LIBICAL_SCRIPT],
        input=json.dumps({name: data.decode("utf-8") for name, data in files.items()}),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_libical_finds_no_itip_or_parse_errors_and_agrees_on_the_instant(
    exported: tuple,
) -> None:
    files, starts, summaries = exported
    results = _libical(files)
    for name, result in results.items():
        assert result["parse_errors"] == [], name
        assert result["errors"] == [], (name, result["errors"])
        assert result["method"] == METHODS[name]
        assert result["events"], name
        for event in result["events"]:
            expected = _expected_start(name, event["uid"], starts)
            assert datetime.fromtimestamp(event["start"], UTC) == expected, name
            assert event["summary"] == summaries[event["uid"]], name
    assert results["invite"]["events"][0]["attendees"] == 1
    assert results["invite_all"]["events"][0]["attendees"] == 3
    assert results["withdrawal"]["events"][0]["attendees"] == 1
    assert results["cancel"]["events"][0]["attendees"] == 2
    assert all(e["attendees"] == 0 for e in results["publish"]["events"])


def test_libical_oracle_does_catch_a_broken_file() -> None:
    """The oracle is live: a REQUEST without ATTENDEE is reported (guards a silent no-op)."""
    broken = (
        "BEGIN:VCALENDAR\r\nPRODID:-//t//t//EN\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n"
        "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T100000Z\r\n"
        "SUMMARY:s\r\nORGANIZER:mailto:o@x.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = _libical({"broken": broken.encode()})["broken"]
    assert any("ATTENDEE" in error for error in result["errors"])


# --- ical.js (npm) ------------------------------------------------------------------------

ICALJS_SCRIPT = """
import ICAL from %s;
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = {};
for (const [name, text] of Object.entries(JSON.parse(input))) {
  const root = new ICAL.Component(ICAL.parse(text));
  out[name] = {
    method: root.getFirstPropertyValue("method"),
    events: root.getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        start: event.startDate.toUnixTime(),
        zone: event.startDate.zone ? event.startDate.zone.tzid : null,
        summary: event.summary,
        attendees: event.attendees.length,
      };
    }),
  };
}
process.stdout.write(JSON.stringify(out));
"""


def _icaljs(files: dict[str, bytes]) -> dict[str, dict]:
    node = shutil.which("node")
    if node is None:
        _reader_missing("ical.js check skipped: Node.js (node) is not installed")
    if not ICALJS.exists():
        _reader_missing(
            f"ical.js check skipped: {ICALJS} is missing; run `npm install --prefix .venv/js "
            "ical.js@2` (python3 dev.py test does this)"
        )
    script = ICALJS_SCRIPT % json.dumps(ICALJS.as_uri())
    result = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps({name: data.decode("utf-8") for name, data in files.items()}),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_icaljs_reads_every_file_and_agrees_on_the_instant(exported: tuple) -> None:
    files, starts, summaries = exported
    results = _icaljs(files)
    for name, result in results.items():
        assert result["method"] == METHODS[name]
        assert result["events"], name
        for event in result["events"]:
            expected = _expected_start(name, event["uid"], starts)
            assert datetime.fromtimestamp(event["start"], UTC) == expected, name
            assert event["summary"] == summaries[event["uid"]], name
    # The zone came from our VTIMEZONE, not a fallback to floating or UTC time.
    assert results["invite"]["events"][0]["zone"] == "Europe/Amsterdam"
    assert results["nasty_invite_one"]["events"][0]["attendees"] == 1
    assert results["nasty_invite"]["events"][0]["attendees"] == 1


# --- the readers are sensitive to the bug these tests guard against ------------------------


def _rdate_style_file() -> bytes:
    """The same summer meeting with icalendar's generated (comma-separated RDATE) VTIMEZONE."""
    parsed = Calendar()
    parsed.add("prodid", "-//t//t//EN")
    parsed.add("version", "2.0")
    parsed.add("method", "PUBLISH")
    event = Event()
    event.add("uid", "rdate-style")
    event.add("dtstamp", datetime(2026, 11, 29, 9, 0, tzinfo=UTC))
    event.add("summary", "s")
    event.add("dtstart", SUMMER_START.replace(tzinfo=ZoneInfo("Europe/Amsterdam")))
    event.add("organizer", "mailto:o@x.example")
    parsed.add_component(event)
    parsed.add_missing_timezones()
    data = parsed.to_ical()
    assert b"RDATE" in data
    return data


def test_vobject_reads_the_rdate_style_block_an_hour_off() -> None:
    """Proof that the instant checks above can fail: this is the bug they rule out."""
    component = _vobject_read(_rdate_style_file().decode("utf-8"))
    assert component.vevent.dtstart.value.astimezone(UTC) != SUMMER_UTC


def test_icaljs_reads_the_rdate_style_block_an_hour_off() -> None:
    (event,) = _icaljs({"rdate": _rdate_style_file()})["rdate"]["events"]
    assert datetime.fromtimestamp(event["start"], UTC) != SUMMER_UTC
