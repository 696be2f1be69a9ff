"""Reading calendar replies, proposed times and a host's invitations back in.

The files in tests/data/ics/ are written the way Outlook (Exchange), Google
Calendar, Thunderbird and Apple Calendar write them; each test checks what the
database holds afterwards, and that a failing file changes nothing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import actions
from roundtable.calendar import actions as calendar_actions
from roundtable.calendar.incoming import ImportReport, import_bytes, import_files
from roundtable.calendar.messages import find_roundtable
from roundtable.enums import ChangeSource, InvitationRole, InvitationStatus, Party, RoundtableStatus
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.interchange import export_database
from roundtable.storage.models import (
    AuditEntry,
    Invitation,
    InvitationEvent,
    Organisation,
    Person,
    Roundtable,
    RoundtableEvent,
)

pytestmark = pytest.mark.usefixtures("clock")

DATA = Path(__file__).resolve().parent.parent / "data" / "ics"
UID = "rt-smartmeters-2026@roundtable.local"
HOST_UID = (
    "040000008200E00074C5B7101A82E00800000000D0A3C4E2B85CDB010000000000000000100000004F2C9E1B7A3D"
)
I = InvitationStatus  # noqa: E741

INVITEES = {
    "jan.devries@energienet.example": "Jan de Vries",
    "priya.raman@consumentenbond.example": "Priya Raman",
    "tomas@fairdata.example": "Tomás Olsen",
    "sophie.martin@icloud.example": "Sophie Martin",
    "karel.smit@minezk.example": "Karel Smit",
}


def build_scenario(session: Session) -> Roundtable:
    """Our roundtable, rescheduled twice (sequence 2), with five invitees marked as invited."""
    own = organisations.create_organisation(session, "Digital Rights Collective", is_own=True)
    anna = persons.create_person(
        session, "Anna de Wit", email="anna@digitalrights.example", organisation=own
    )
    roundtable = lifecycle.create_roundtable(
        session,
        title="Stakeholder roundtable on smart meters",
        host=own,
        organiser=anna,
        venue="Impact Hub Amsterdam",
        uid=UID,
    )
    lifecycle.schedule(session, roundtable, datetime(2026, 12, 3, 14), datetime(2026, 12, 3, 16))
    lifecycle.reschedule(session, roundtable, datetime(2026, 12, 8, 14), datetime(2026, 12, 8, 16))
    lifecycle.reschedule(
        session, roundtable, datetime(2026, 12, 10, 14), datetime(2026, 12, 10, 16)
    )
    for address, name in INVITEES.items():
        person = persons.create_person(session, name, email=address)
        invitation = invitations.add_invitation(session, roundtable, person=person)
        if address != "karel.smit@minezk.example":  # Karel's was never marked as sent
            invitations.mark_invited(session, invitation)
    return roundtable


@pytest.fixture
def scenario(db: Database) -> Database:
    with db.transaction() as session:
        roundtable = build_scenario(session)
        assert roundtable.sequence == 2
    return db


def statuses(db: Database) -> dict[str, InvitationStatus]:
    with db.session() as session:
        roundtable = lifecycle.get_roundtable(session, UID)
        return {
            invitation.person.email.lower(): invitation.status  # type: ignore[union-attr]
            for invitation in roundtable.invitations
        }


def snapshot(db: Database) -> dict[str, Any]:
    """Row counts and every status: what a failing file must leave as it was."""
    with db.session() as session:
        counts = {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (
                Roundtable,
                RoundtableEvent,
                Invitation,
                InvitationEvent,
                Person,
                Organisation,
                AuditEntry,
            )
        }
        rows = session.execute(
            select(Invitation.id, Invitation.status).order_by(Invitation.id)
        ).all()
        roundtables = session.execute(
            select(Roundtable.uid, Roundtable.status, Roundtable.sequence, Roundtable.starts_at)
        ).all()
        return {"counts": counts, "invitations": rows, "roundtables": sorted(roundtables)}


def run_import(db: Database, *names: str) -> ImportReport:
    with db.transaction() as session:
        return import_files(session, [DATA / name for name in names])


def last_event(db: Database, address: str) -> InvitationEvent:
    with db.session() as session:
        person = persons.get_person(session, address)
        invitation = person.invitations[0]
        return invitation.history[-1]


# --- replies as real clients write them ---------------------------------------------------


@pytest.mark.parametrize(
    ("file", "address", "expected"),
    [
        ("outlook-reply-accepted.ics", "jan.devries@energienet.example", I.ACCEPTED),
        ("google-reply-declined.ics", "priya.raman@consumentenbond.example", I.DECLINED),
        ("thunderbird-reply-tentative.ics", "tomas@fairdata.example", I.TENTATIVE),
        ("apple-reply-accepted.ics", "sophie.martin@icloud.example", I.ACCEPTED),
    ],
)
def test_a_reply_updates_the_right_invitation(
    scenario: Database, file: str, address: str, expected: InvitationStatus
) -> None:
    before = statuses(scenario)
    report = run_import(scenario, file)

    assert not report.failed, report.lines()
    assert report.counts == {"answer": 1}
    assert report.summary == "1 answer recorded"
    after = statuses(scenario)
    assert after[address] == expected
    # Nobody else changed.
    assert {k: v for k, v in after.items() if k != address} == {
        k: v for k, v in before.items() if k != address
    }
    event = last_event(scenario, address)
    assert event.source == ChangeSource.CALENDAR_REPLY
    assert event.party == Party.INVITEE
    assert event.from_status == I.INVITED and event.to_status == expected
    assert event.reason.startswith("Calendar reply 2026-11-28 ")
    assert event.reason.endswith(f" UTC from {file}")


def test_outlook_capitals_in_the_address_still_match(scenario: Database) -> None:
    # The file says MAILTO:Jan.DeVries@EnergieNet.example; we stored it in lower case.
    text = (DATA / "outlook-reply-accepted.ics").read_text(encoding="utf-8")
    assert "MAILTO:Jan.DeVries@EnergieNet.example" in text
    run_import(scenario, "outlook-reply-accepted.ics")
    assert statuses(scenario)["jan.devries@energienet.example"] == I.ACCEPTED


def test_an_outlook_email_with_a_base64_calendar_part(scenario: Database) -> None:
    report = run_import(scenario, "outlook-reply.eml")
    assert not report.failed, report.lines()
    # Karel's invitation was never marked as sent: the reply shows it was.
    assert statuses(scenario)["karel.smit@minezk.example"] == I.ACCEPTED
    with scenario.session() as session:
        history = persons.get_person(session, "karel.smit@minezk.example").invitations[0].history
        assert [(e.to_status, e.source) for e in history] == [
            (I.NOT_SENT, ChangeSource.MANUAL),
            (I.INVITED, ChangeSource.CALENDAR_REPLY),
            (I.ACCEPTED, ChangeSource.CALENDAR_REPLY),
        ]
    assert report.files[0].method == "REPLY"
    assert any("marked as sent" in line for line in report.files[0].changes)


def test_a_reply_arriving_twice_is_recorded_once(scenario: Database) -> None:
    run_import(scenario, "google-reply-declined.ics")
    count = snapshot(scenario)["counts"]["InvitationEvent"]
    report = run_import(scenario, "google-reply-declined.ics")
    assert report.counts == {"unchanged": 1}
    assert not report.failed
    assert snapshot(scenario)["counts"]["InvitationEvent"] == count


def test_a_stale_reply_is_ignored_and_says_so(scenario: Database) -> None:
    before = snapshot(scenario)
    report = run_import(scenario, "stale-sequence-reply.ics")
    assert not report.failed
    assert report.counts == {"older": 1}
    assert report.files[0].ignored == [
        "Reply of Jan de Vries to an older version (sequence 0; now 2): ignored."
    ]
    assert snapshot(scenario) == before


def test_a_forwarded_invitation_is_flagged_not_added(scenario: Database) -> None:
    before = snapshot(scenario)
    report = run_import(scenario, "forwarded-reply.ics")
    assert not report.failed
    assert report.counts == {"forwarded": 1}
    (line,) = report.files[0].to_check
    assert "mark.visser@energienet.example" in line and "forwarded" in line
    assert snapshot(scenario) == before
    with scenario.session() as session:
        assert persons.find_person_by_email(session, "mark.visser@energienet.example") is None


def test_a_counter_is_shown_in_the_roundtables_zone_and_changes_nothing(
    scenario: Database,
) -> None:
    before = snapshot(scenario)
    report = run_import(scenario, "counter-proposal.ics")
    assert not report.failed
    assert report.counts == {"counter": 1}
    (line,) = report.files[0].to_check
    # 14:00Z on 17 Dec is 15:00 in Amsterdam (CET, UTC+1).
    assert "Tomás Olsen proposes 17 Dec 2026 15:00–17:00 (Europe/Amsterdam)" in line
    assert "instead of 10 Dec 2026 14:00–16:00" in line
    assert "I teach on Thursday afternoons" in line
    assert snapshot(scenario) == before


def test_needs_action_changes_nothing(scenario: Database) -> None:
    data = (DATA / "google-reply-declined.ics").read_bytes().replace(b"DECLINED", b"NEEDS-ACTION")
    before = snapshot(scenario)
    with scenario.transaction() as session:
        report = import_bytes(session, data, "needs-action.ics")
    assert report.counts == {"ignored": 1}
    assert "NEEDS-ACTION" in report.files[0].ignored[0]
    assert snapshot(scenario) == before


def test_many_files_at_once_and_the_summary_line(scenario: Database) -> None:
    report = run_import(
        scenario,
        "outlook-reply-accepted.ics",
        "google-reply-declined.ics",
        "thunderbird-reply-tentative.ics",
        "stale-sequence-reply.ics",
        "forwarded-reply.ics",
    )
    assert report.summary == (
        "3 answers recorded, 1 ignored (older version), 1 forwarded invitation to check"
    )
    # The report keeps the order the files were given in.
    assert [f.name for f in report.files] == [
        "outlook-reply-accepted.ics",
        "google-reply-declined.ics",
        "thunderbird-reply-tentative.ics",
        "stale-sequence-reply.ics",
        "forwarded-reply.ics",
    ]
    # The stale decline (sequence 0) did not undo Jan's current acceptance (sequence 2).
    assert statuses(scenario)["jan.devries@energienet.example"] == I.ACCEPTED
    assert report.lines()[-1] == report.summary


def test_a_reply_to_a_withdrawn_invitation_is_refused_and_changes_nothing(
    scenario: Database,
) -> None:
    with scenario.transaction() as session:
        person = persons.get_person(session, "sophie.martin@icloud.example")
        invitations.withdraw(session, person.invitations[0], "Seat needed for a minister")
    before = snapshot(scenario)
    report = run_import(scenario, "apple-reply-accepted.ics", "google-reply-declined.ics")
    assert report.failed
    bad, good = report.files
    assert bad.failed and "apple-reply-accepted.ics" in bad.errors[0]
    assert "withdrawn" in bad.errors[0]
    assert not good.failed
    after = snapshot(scenario)
    assert after["counts"]["InvitationEvent"] == before["counts"]["InvitationEvent"] + 1
    assert statuses(scenario)["sophie.martin@icloud.example"] == I.WITHDRAWN


# --- broken files: a clear sentence naming the file, nothing changed ---------------------


@pytest.mark.parametrize(
    ("file", "fragment"),
    [
        ("not-icalendar.ics", "not-icalendar.ics is not an iCalendar file"),
        ("latin1-reply.ics", "latin1-reply.ics is not UTF-8 text"),
        ("publish-not-reply.ics", "publish-not-reply.ics is a PUBLISH message"),
        ("two-attendees-reply.ics", "must name exactly one attendee, this one has 2 attendees"),
        ("unknown-uid-reply.ics", "no roundtable has the calendar UID never-heard-of-it@"),
        ("no-calendar.eml", "no-calendar.eml is an e-mail message without a calendar part"),
    ],
)
def test_broken_files_change_nothing(scenario: Database, file: str, fragment: str) -> None:
    before = snapshot(scenario)
    report = run_import(scenario, file)
    assert report.failed
    (error,) = report.files[0].errors
    assert fragment in error
    assert "nothing was changed" in error.lower()
    assert "\n" not in error
    assert report.summary == "1 file could not be used"
    assert snapshot(scenario) == before


def test_a_missing_file_is_reported_and_the_others_still_count(
    scenario: Database, tmp_path: Path
) -> None:
    with scenario.transaction() as session:
        report = import_files(session, [tmp_path / "gone.ics", DATA / "google-reply-declined.ics"])
    assert report.files[0].errors[0].startswith(f"Cannot read {tmp_path / 'gone.ics'}")
    assert statuses(scenario)["priya.raman@consumentenbond.example"] == I.DECLINED


def test_the_declared_charset_of_a_mail_part_is_used(scenario: Database) -> None:
    ics = (DATA / "google-reply-declined.ics").read_text(encoding="utf-8")
    ics = ics.replace("CN=Priya R\r\n aman", "CN=Priya Ram\u00e1n")
    message = (
        "From: priya.raman@consumentenbond.example\r\n"
        "To: anna@digitalrights.example\r\n"
        "Subject: Declined\r\nMIME-Version: 1.0\r\n"
        'Content-Type: text/calendar; method=REPLY; charset="iso-8859-1"\r\n'
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode("ascii") + ics.encode("latin-1")
    with scenario.transaction() as session:
        report = import_bytes(session, message, "latin1.eml")
    assert not report.failed, report.lines()
    assert statuses(scenario)["priya.raman@consumentenbond.example"] == I.DECLINED


def test_a_reply_to_one_occurrence_is_not_supported(scenario: Database) -> None:
    data = (
        (DATA / "apple-reply-accepted.ics")
        .read_bytes()
        .replace(b"SEQUENCE:2", b"SEQUENCE:2\r\nRECURRENCE-ID:20261210T130000Z")
    )
    before = snapshot(scenario)
    with scenario.transaction() as session:
        report = import_bytes(session, data, "occurrence.ics")
    assert "RECURRENCE-ID" in report.files[0].errors[0]
    assert snapshot(scenario) == before


# --- a host invites us -------------------------------------------------------------------


def test_a_hosts_request_becomes_a_roundtable(scenario: Database) -> None:
    report = run_import(scenario, "host-request.ics")
    assert not report.failed, report.lines()
    assert report.counts == {"created": 1}
    with scenario.session() as session:
        roundtable = lifecycle.get_roundtable(session, HOST_UID)
        assert roundtable.title == "Project Clover stakeholder dialogue"
        assert roundtable.status == RoundtableStatus.SCHEDULED
        # "W. Europe Standard Time" is Outlook's name for the zone of Amsterdam/Berlin.
        assert roundtable.timezone == "Europe/Berlin"
        assert roundtable.starts_at == datetime(2027, 1, 14, 9, 0, tzinfo=UTC)
        assert roundtable.ends_at == datetime(2027, 1, 14, 11, 0, tzinfo=UTC)
        assert roundtable.venue == "Clover HQ, Utrecht"
        assert "data policy of Project Clover" in roundtable.description
        assert roundtable.organiser is not None
        assert roundtable.organiser.name == "Eva Jansen"
        assert roundtable.organiser.email == "eva.jansen@clover-energy.example"
        assert roundtable.host is not None and roundtable.host.name == "clover-energy.example"
        assert roundtable.organiser.organisation is roundtable.host
        rows = {
            inv.person.email: (inv.status, inv.role)  # type: ignore[union-attr]
            for inv in roundtable.invitations
        }
        assert rows == {
            # Anna is of our own organisation and was recognised, not created again.
            "anna@digitalrights.example": (I.INVITED, InvitationRole.PARTICIPANT),
            "ruud.bakker@clover-energy.example": (I.ACCEPTED, InvitationRole.PARTICIPANT),
            "lena.kowalski@uni-utrecht.example": (I.INVITED, InvitationRole.OBSERVER),
        }
        lena = persons.get_person(session, "lena.kowalski@uni-utrecht.example")
        assert lena.name == "Lena Kowalski, PhD"
        ruud = persons.get_person(session, "ruud.bakker@clover-energy.example")
        assert ruud.organisation is roundtable.host  # same e-mail domain as the organiser
        assert (
            session.scalar(
                select(func.count())
                .select_from(Person)
                .where(func.lower(Person.email) == "anna@digitalrights.example")
            )
            == 1
        )
    assert any("From our organisation: Anna de Wit (invited)" in c for c in report.files[0].changes)


def test_a_later_request_updates_it_through_the_lifecycle(scenario: Database) -> None:
    run_import(scenario, "host-request.ics")
    report = run_import(scenario, "host-request-update.ics")
    assert report.counts == {"updated": 1}, report.lines()
    with scenario.session() as session:
        roundtable = lifecycle.get_roundtable(session, HOST_UID)
        assert roundtable.starts_at == datetime(2027, 1, 21, 12, 0, tzinfo=UTC)
        assert roundtable.venue == "Clover HQ, Room 4.12, Utrecht"
        actions = [event.action.value for event in roundtable.history]
        assert actions == ["created", "scheduled", "rescheduled", "edited"]
        assert len(roundtable.invitations) == 3  # nobody added twice
        # The same update again, or the first version late: nothing changes.
        sequence = roundtable.sequence
    again = run_import(scenario, "host-request-update.ics", "host-request.ics")
    assert [f.outcome for f in again.files] == ["up_to_date", "older"]
    assert not again.failed
    with scenario.session() as session:
        roundtable = lifecycle.get_roundtable(session, HOST_UID)
        assert roundtable.sequence == sequence
        assert roundtable.starts_at == datetime(2027, 1, 21, 12, 0, tzinfo=UTC)
        audit = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "calendar.host_message")
        ).all()
        assert sorted(json.loads(detail)["sequence"] for detail in audit) == [0, 1]


def test_files_given_out_of_order_end_in_the_newest_state(scenario: Database) -> None:
    report = run_import(scenario, "host-request-update.ics", "host-request.ics")
    assert [f.outcome for f in report.files] == ["updated", "created"]
    with scenario.session() as session:
        roundtable = lifecycle.get_roundtable(session, HOST_UID)
        assert roundtable.starts_at == datetime(2027, 1, 21, 12, 0, tzinfo=UTC)


def test_a_hosts_cancel_cancels_it(scenario: Database) -> None:
    run_import(scenario, "host-request.ics", "host-request-update.ics")
    report = run_import(scenario, "host-cancel.ics")
    assert report.counts == {"cancelled": 1}, report.lines()
    with scenario.session() as session:
        roundtable = lifecycle.get_roundtable(session, HOST_UID)
        assert roundtable.status == RoundtableStatus.CANCELLED
        assert roundtable.cancellation_reason == (
            "We postpone the dialogue until the new data policy is final."
        )


def test_a_cancel_without_comment_gets_the_default_reason(scenario: Database) -> None:
    run_import(scenario, "host-request.ics")
    data = (DATA / "host-cancel.ics").read_bytes()
    data = data.replace(
        b"COMMENT:We postpone the dialogue until the new data policy is final.\r\n", b""
    )
    with scenario.transaction() as session:
        import_bytes(session, data, "cancel.ics")
    with scenario.session() as session:
        roundtable = lifecycle.get_roundtable(session, HOST_UID)
        assert roundtable.cancellation_reason == "Cancelled by the host (calendar message)"


def test_our_own_roundtable_is_not_read_back_as_a_request(scenario: Database) -> None:
    data = (DATA / "host-request.ics").read_bytes().replace(HOST_UID.encode(), UID.encode())
    before = snapshot(scenario)
    with scenario.transaction() as session:
        report = import_bytes(session, data, "own.ics")
    assert "our own roundtable" in report.files[0].errors[0]
    assert snapshot(scenario) == before


def test_an_attendee_without_an_address_is_unknown(scenario: Database) -> None:
    data = (DATA / "apple-reply-accepted.ics").read_bytes()
    data = data.replace(
        b":mailto:sophie.martin@icloud.example\r\n", b":urn:uuid:6f1a2b3c-0000-4000-8000-1\r\n"
    )
    before = snapshot(scenario)
    with scenario.transaction() as session:
        report = import_bytes(session, data, "no-address.ics")
    (error,) = report.files[0].errors
    assert error.startswith("no-address.ics: the attendee 'urn:uuid:6f1a2b3c-0000-4000-8000-1'")
    assert "is unknown" in error
    assert snapshot(scenario) == before


# --- the import as one action: what the app and ``roundtable ics import`` run -------------


def _document(db: Database) -> dict[str, Any]:
    """Everything but the audit log, which keeps what was done and that it was undone."""
    with db.transaction() as session:
        document = export_database(session)
    document.pop("audit_log")
    return document


def test_one_undo_takes_back_the_answers_and_a_hosts_roundtable(scenario: Database) -> None:
    before = _document(scenario)
    action = calendar_actions.import_files(
        [DATA / "google-reply-declined.ics", DATA / "host-request.ics", DATA / "not-icalendar.ics"]
    )
    assert action.label == "Import calendar replies"
    done = actions.perform(scenario, action)
    report = done.result
    assert [f.outcome for f in report.files] == ["answer", "created", "failed"]
    assert report.summary == "1 answer recorded, 1 roundtable imported, 1 file could not be used"
    assert done.kinds >= {"invitations", "roundtables", "people", "organisations", "audit"}
    assert statuses(scenario)["priya.raman@consumentenbond.example"] == I.DECLINED

    actions.undo(scenario, done)
    assert _document(scenario) == before
    with scenario.session() as session:
        assert find_roundtable(session, HOST_UID) is None

    actions.redo(scenario, done)
    with scenario.session() as session:
        assert lifecycle.get_roundtable(session, HOST_UID).title == (
            "Project Clover stakeholder dialogue"
        )
    assert statuses(scenario)["priya.raman@consumentenbond.example"] == I.DECLINED


def test_a_hosts_invitation_imported_again_after_its_undo_is_imported_afresh(
    scenario: Database,
) -> None:
    first = actions.perform(scenario, calendar_actions.import_files([DATA / "host-request.ics"]))
    actions.undo(scenario, first)
    again = actions.perform(scenario, calendar_actions.import_files([DATA / "host-request.ics"]))
    assert again.result.counts == {"created": 1}
    with scenario.session() as session:
        assert len(lifecycle.get_roundtable(session, HOST_UID).invitations) == 3


def test_a_hosts_update_imported_again_after_its_undo_is_applied_again(
    scenario: Database,
) -> None:
    # The host's SEQUENCE lives in the roundtable row, so undo rewinds it too; it used
    # to be read from the audit log, which undo keeps, and the update was then taken
    # for one already seen.
    actions.perform(scenario, calendar_actions.import_files([DATA / "host-request.ics"]))
    with scenario.session() as session:
        original = lifecycle.get_roundtable(session, HOST_UID).venue
    update = actions.perform(
        scenario, calendar_actions.import_files([DATA / "host-request-update.ics"])
    )
    with scenario.session() as session:
        updated = lifecycle.get_roundtable(session, HOST_UID).venue
    assert updated != original
    actions.undo(scenario, update)
    with scenario.session() as session:
        assert lifecycle.get_roundtable(session, HOST_UID).venue == original
    again = actions.perform(
        scenario, calendar_actions.import_files([DATA / "host-request-update.ics"])
    )
    assert again.result.counts == update.result.counts
    with scenario.session() as session:
        assert lifecycle.get_roundtable(session, HOST_UID).venue == updated
