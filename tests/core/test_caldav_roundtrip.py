"""A round trip through a real CalDAV server: Radicale on loopback, the caldav client.

The exported REQUEST is stored the way RFC 4791 wants it (METHOD stripped),
queried back by time range, and compared with what the database holds: UID,
SUMMARY, the UTC instant of DTSTART, every attendee's address and PARTSTAT,
and SEQUENCE. A reschedule then replaces the event (same UID, higher
SEQUENCE) and only the new time range finds it.

Radicale runs in a subprocess of this Python on 127.0.0.1 and a free port,
with a temporary storage folder, no authentication and owner-only rights;
the test user is "tester". Nothing leaves the machine.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from roundtable.calendar import outgoing
from roundtable.enums import InvitationStatus
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import Roundtable

caldav = pytest.importorskip("caldav")

#: How long the server may take to answer after start (a slow CI machine included).
START_TIMEOUT = 30.0
USER = "tester"
_I = InvitationStatus
#: The PARTSTAT each status must carry in a REQUEST (RFC 5545 §3.2.12).
PARTSTAT = {
    _I.INVITED: "NEEDS-ACTION",
    _I.ACCEPTED: "ACCEPTED",
    _I.TENTATIVE: "TENTATIVE",
    _I.DECLINED: "DECLINED",
}


@dataclass(frozen=True)
class Radicale:
    """A running Radicale server: its base URL and its process."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_answering(server: Radicale) -> None:
    """Poll the server until it answers any HTTP at all, or fail with its log."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(server.url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # an HTTP answer (401, 404...) means it is up
        except OSError:
            time.sleep(0.1)
    log = server.log.read_text(encoding="utf-8", errors="replace")
    pytest.fail(f"Radicale did not answer on {server.url} within {START_TIMEOUT}s:\n{log}")


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    """Radicale on 127.0.0.1 for the test session, stopped (bounded) at its end."""
    pytest.importorskip("radicale")
    folder = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    config = folder / "config"
    config.write_text(
        "\n".join(
            [
                "[server]",
                f"hosts = 127.0.0.1:{port}",
                "[auth]",
                "type = none",
                "[rights]",
                "type = owner_only",
                "[storage]",
                f"filesystem_folder = {folder / 'collections'}",
                "[web]",
                "type = none",
                "[logging]",
                "level = warning",
                "",
            ]
        ),
        encoding="utf-8",
    )
    log = folder / "radicale.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    server = Radicale(f"http://127.0.0.1:{port}/", process, log)
    try:
        _wait_until_answering(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def client(radicale: Radicale) -> Iterator[Any]:
    with caldav.DAVClient(url=radicale.url, username=USER, password="unused") as dav:
        yield dav


def _calendar(client: Any, name: str) -> Any:
    """A new, empty calendar collection of the test user."""
    return client.principal().make_calendar(name=name, cal_id=name)


def _build(session: Any) -> int:
    """A summer roundtable in Amsterdam, organised by us, with answers of every kind."""
    ngo = organisations.create_organisation(session, "Civic Alliance", is_own=True)
    organiser = persons.create_person(
        session, "Rosa Organiser", email="rosa@civic.example", organisation=ngo
    )
    roundtable = lifecycle.create_roundtable(
        session,
        title="Platform accountability; a roundtable, in summer",
        organiser=organiser,
        venue="Het Huis, Amsterdam",
        description="Questions, answers\nand follow-up.",
    )
    # 14:00 wall time in Amsterdam in July is 12:00 UTC (CEST, +02:00).
    lifecycle.schedule(
        session, roundtable, datetime(2027, 7, 7, 14, 0), datetime(2027, 7, 7, 16, 0)
    )
    answers = [_I.INVITED, _I.ACCEPTED, _I.TENTATIVE, _I.DECLINED, _I.ACCEPTED]
    for i, status in enumerate(answers):
        person = persons.create_person(
            session, f"Invitee {i} — Ünïcødé", email=f"Invitee{i}@Example.org", organisation=ngo
        )
        invitation = invitations.add_invitation(session, roundtable, person=person)
        invitations.mark_invited(session, invitation)
        if status != _I.INVITED:
            invitations.record_response(session, invitation, status)
    session.flush()
    return int(roundtable.id)


def _expected(session: Any, roundtable_id: int) -> dict[str, Any]:
    roundtable = session.get(Roundtable, roundtable_id)
    assert roundtable is not None
    return {
        "uid": roundtable.uid,
        "summary": roundtable.title,
        "start": roundtable.starts_at,
        "end": roundtable.ends_at,
        "sequence": roundtable.sequence,
        "attendees": {
            inv.person.email.lower(): PARTSTAT[inv.status] for inv in roundtable.invitations
        },
    }


def _event(ics: bytes | str) -> icalendar.Event:
    cal = icalendar.Calendar.from_ical(ics)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 1
    return events[0]


def _address(value: Any) -> str:
    return str(value).removeprefix("mailto:").removeprefix("MAILTO:").lower()


def _instant(value: datetime) -> datetime:
    assert value.tzinfo is not None, "DTSTART must be a zoned or UTC time, never floating"
    return value.astimezone(UTC)


def _summary_of(event: icalendar.Event) -> dict[str, Any]:
    """What a calendar shows of an event, in comparable form."""
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    return {
        "uid": str(event["UID"]),
        "summary": str(event["SUMMARY"]),
        "start": _instant(event.decoded("DTSTART")),
        "end": _instant(event.decoded("DTEND")),
        "sequence": int(event.get("SEQUENCE", 0)),
        "attendees": {_address(a): str(a.params.get("PARTSTAT", "")) for a in attendees},
    }


def _export(database: Database, roundtable_id: int) -> bytes:
    """The whole-list REQUEST, without METHOD, ready for a CalDAV PUT."""
    with database.transaction() as session:
        roundtable = session.get(Roundtable, roundtable_id)
        request = outgoing.invitation_request(session, roundtable)
    assert b"METHOD:REQUEST" in request
    stored = outgoing.strip_method(request)
    assert b"METHOD" not in stored
    return stored


def _search(cal: Any, start: datetime, end: datetime) -> list[Any]:
    return list(cal.search(start=start, end=end, event=True))


def test_exported_event_survives_a_caldav_round_trip(
    sqlite_db: Database, client: Any, clock: datetime
) -> None:
    with sqlite_db.transaction() as session:
        roundtable_id = _build(session)
    with sqlite_db.transaction() as session:
        expected = _expected(session, roundtable_id)
    assert expected["start"] == datetime(2027, 7, 7, 12, 0, tzinfo=UTC)
    assert len(expected["attendees"]) == 5

    stored = _export(sqlite_db, roundtable_id)
    # The file itself says what the database says, before the server sees it.
    assert _summary_of(_event(stored)) == expected

    cal = _calendar(client, "roundtrip")
    # Stored verbatim: the client must not bump SEQUENCE (only the organiser does).
    cal.add_event(stored.decode("utf-8"), increase_seqno=False)

    found = _search(
        cal, datetime(2027, 7, 7, 0, 0, tzinfo=UTC), datetime(2027, 7, 8, 0, 0, tzinfo=UTC)
    )
    assert len(found) == 1
    served = found[0].data
    assert "METHOD" not in served
    assert _summary_of(_event(served)) == expected
    # The attendee's CN survives too (non-Latin script included).
    names = {str(a.params.get("CN")) for a in _event(served)["ATTENDEE"]}
    assert "Invitee 1 — Ünïcødé" in names

    # A window that ends exactly when the meeting starts does not find it (12:00 UTC).
    before = _search(
        cal, datetime(2027, 7, 7, 0, 0, tzinfo=UTC), datetime(2027, 7, 7, 12, 0, tzinfo=UTC)
    )
    assert before == []


def test_rescheduled_update_replaces_the_event(
    sqlite_db: Database, client: Any, clock: datetime
) -> None:
    with sqlite_db.transaction() as session:
        roundtable_id = _build(session)
    cal = _calendar(client, "reschedule")
    cal.add_event(_export(sqlite_db, roundtable_id).decode("utf-8"), increase_seqno=False)
    with sqlite_db.transaction() as session:
        old = _expected(session, roundtable_id)
        lifecycle.reschedule(
            session,
            session.get(Roundtable, roundtable_id),
            datetime(2027, 9, 15, 10, 0),
            datetime(2027, 9, 15, 12, 0),
            reason="The hall was double-booked",
        )
    with sqlite_db.transaction() as session:
        new = _expected(session, roundtable_id)
    assert new["uid"] == old["uid"]
    assert new["sequence"] > old["sequence"]
    assert new["start"] == datetime(2027, 9, 15, 8, 0, tzinfo=UTC)

    update = _export(sqlite_db, roundtable_id)
    # Same UID: the server stores it in place of the old version (one resource, not two).
    cal.add_event(update.decode("utf-8"), increase_seqno=False)

    old_window = _search(cal, old["start"] - timedelta(hours=1), old["end"] + timedelta(hours=1))
    assert old_window == []
    new_window = _search(cal, new["start"] - timedelta(hours=1), new["end"] + timedelta(hours=1))
    assert len(new_window) == 1
    assert _summary_of(_event(new_window[0].data)) == new
    everything = list(cal.events())
    assert len(everything) == 1
    assert _summary_of(_event(everything[0].data))["sequence"] == new["sequence"]
