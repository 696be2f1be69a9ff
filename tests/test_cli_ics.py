"""``roundtable ics invite|cancel|publish|import`` end to end through ``main([...])``."""

from __future__ import annotations

import email
import email.policy
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

from roundtable import actions, context
from roundtable.calendar import actions as calendar_actions
from roundtable.cli import main
from roundtable.enums import ChangeSource, InvitationStatus, RoundtableStatus
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import open_database
from roundtable.storage.interchange import export_database

DATA = Path(__file__).resolve().parent / "data" / "ics"
UID = "rt-smartmeters-2026@roundtable.local"
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
INVITEES = {
    "jan.devries@energienet.example": "Jan de Vries",
    "priya.raman@consumentenbond.example": "Priya Raman",
    "tomas@fairdata.example": "Tomás Olsen",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with context.frozen_clock(NOW):
        code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("roundtable: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """Our roundtable at sequence 2 with three invitees marked as invited, in an SQLite file."""
    path = tmp_path / "rt.sqlite3"
    database = open_database(path)
    try:
        with context.frozen_clock(NOW), database.transaction() as session:
            own = organisations.create_organisation(
                session, "Digital Rights Collective", is_own=True, email="info@drc.example"
            )
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
                is_public=True,
            )
            lifecycle.schedule(
                session, roundtable, datetime(2026, 12, 3, 14), datetime(2026, 12, 3, 16)
            )
            for day in (8, 10):
                lifecycle.reschedule(
                    session, roundtable, datetime(2026, 12, day, 14), datetime(2026, 12, day, 16)
                )
            for address, name in INVITEES.items():
                person = persons.create_person(session, name, email=address)
                invitations.mark_invited(
                    session, invitations.add_invitation(session, roundtable, person=person)
                )
    finally:
        database.close()
    return path


def statuses(path: Path) -> dict[str, InvitationStatus]:
    database = open_database(path)
    try:
        with database.session() as session:
            roundtable = lifecycle.get_roundtable(session, UID)
            return {
                inv.person.email: inv.status  # type: ignore[union-attr]
                for inv in roundtable.invitations
            }
    finally:
        database.close()


def read_calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes().decode("utf-8"))


def attendees(calendar: icalendar.Calendar) -> list[str]:
    (event,) = calendar.walk("VEVENT")
    value = event.get("ATTENDEE")
    values = value if isinstance(value, list) else [value] if value is not None else []
    return sorted(str(v).lower().removeprefix("mailto:") for v in values)


def test_help_lists_the_calendar_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "ics", "--help")
    assert code == 0
    for command in ("invite", "cancel", "publish", "import"):
        assert command in out


def test_invite_one_file_per_invitee(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    code, out, err = run(capsys, "--db", str(db_file), "ics", "invite", UID, "-o", str(folder))
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote 3 invitations into {folder}.")
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(f"{address}.ics" for address in INVITEES)
    for address in INVITEES:
        calendar = read_calendar(folder / f"{address}.ics")
        assert str(calendar["METHOD"]) == "REQUEST"
        assert attendees(calendar) == [address]  # privacy: nobody else's address
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == UID and int(event["SEQUENCE"]) == 2


def test_invite_by_id_whole_list_and_one_attendee(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = tmp_path / "whole.ics"
    code, _out, err = run(
        capsys, "--db", str(db_file), "ics", "invite", "1", "--whole", "-o", str(whole)
    )
    assert (code, err) == (0, "")
    assert attendees(read_calendar(whole)) == sorted(INVITEES)

    one = tmp_path / "jan.ics"
    code, _out, err = run(
        capsys,
        "--db",
        str(db_file),
        "ics",
        "invite",
        UID,
        "--attendee",
        "Jan.DeVries@EnergieNet.example",
        "-o",
        str(one),
    )
    assert (code, err) == (0, "")
    assert attendees(read_calendar(one)) == ["jan.devries@energienet.example"]


def test_invite_as_email_drafts(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "drafts"
    code, _out, err = run(
        capsys, "--db", str(db_file), "ics", "invite", UID, "--eml", "-o", str(folder)
    )
    assert (code, err) == (0, "")
    for address in INVITEES:
        message = email.message_from_bytes(
            (folder / f"{address}.eml").read_bytes(), policy=email.policy.default
        )
        assert message["X-Unsent"] == "1"
        assert address in str(message["To"])
        (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        assert part.get_param("method") == "REQUEST"


def test_cancel_whole_and_withdrawal(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cancel.ics"
    code, _out, err = run(capsys, "--db", str(db_file), "ics", "cancel", UID, "-o", str(target))
    assert code == 2
    one_line_error(err, "is not cancelled")
    assert not target.exists()

    database = open_database(db_file)
    try:
        with context.frozen_clock(NOW), database.transaction() as session:
            roundtable = lifecycle.get_roundtable(session, UID)
            jan = next(i for i in roundtable.invitations if i.invitee_name == "Jan de Vries")
            invitations.withdraw(session, jan, "Seat given to his colleague")
            lifecycle.cancel(session, roundtable, "The company withdrew")
    finally:
        database.close()

    code, out, err = run(capsys, "--db", str(db_file), "ics", "cancel", UID, "-o", str(target))
    assert (code, err) == (0, "")
    calendar = read_calendar(target)
    assert str(calendar["METHOD"]) == "CANCEL"
    # The withdrawn invitee is not told the meeting is cancelled.
    assert attendees(calendar) == ["priya.raman@consumentenbond.example", "tomas@fairdata.example"]

    withdrawal = tmp_path / "jan-withdrawal.ics"
    code, out, err = run(
        capsys,
        "--db",
        str(db_file),
        "ics",
        "cancel",
        UID,
        "--attendee",
        "jan.devries@energienet.example",
        "-o",
        str(withdrawal),
    )
    assert (code, err) == (0, "")
    assert "withdrawal for Jan de Vries" in out
    calendar = read_calendar(withdrawal)
    assert attendees(calendar) == ["jan.devries@energienet.example"]
    (event,) = calendar.walk("VEVENT")
    assert "STATUS" not in event


def test_publish(db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "feed.ics"
    code, _out, err = run(capsys, "--db", str(db_file), "ics", "publish", "-o", str(target))
    assert (code, err) == (0, "")
    calendar = read_calendar(target)
    assert str(calendar["METHOD"]) == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == UID
    assert "ATTENDEE" not in event


def test_import_replies_prints_the_report(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        str(DATA / name)
        for name in (
            "outlook-reply-accepted.ics",
            "google-reply-declined.ics",
            "thunderbird-reply-tentative.ics",
            "stale-sequence-reply.ics",
            "forwarded-reply.ics",
        )
    ]
    code, out, err = run(capsys, "--db", str(db_file), "ics", "import", *files)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[-1] == (
        "3 answers recorded, 1 ignored (older version), 1 forwarded invitation to check"
    )
    assert "outlook-reply-accepted.ics:" in lines
    assert statuses(db_file) == {
        "jan.devries@energienet.example": InvitationStatus.ACCEPTED,
        "priya.raman@consumentenbond.example": InvitationStatus.DECLINED,
        "tomas@fairdata.example": InvitationStatus.TENTATIVE,
    }
    database = open_database(db_file)
    try:
        with database.session() as session:
            jan = persons.get_person(session, "jan.devries@energienet.example")
            assert jan.invitations[0].history[-1].source == ChangeSource.CALENDAR_REPLY
    finally:
        database.close()


def test_import_with_a_broken_file_exits_1_and_that_file_changes_nothing(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "Latin 1 reply.ics"
    shutil.copy(DATA / "latin1-reply.ics", broken)
    code, out, err = run(
        capsys,
        "--db",
        str(db_file),
        "ics",
        "import",
        str(broken),
        str(DATA / "outlook-reply-accepted.ics"),
    )
    assert code == 1
    assert err == ""
    assert "Latin 1 reply.ics is not UTF-8 text" in out
    assert out.splitlines()[-1] == "1 answer recorded, 1 file could not be used"
    assert statuses(db_file) == {
        "jan.devries@energienet.example": InvitationStatus.ACCEPTED,
        "priya.raman@consumentenbond.example": InvitationStatus.INVITED,
        "tomas@fairdata.example": InvitationStatus.INVITED,
    }


def test_import_a_hosts_invitation(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--db", str(db_file), "ics", "import", str(DATA / "host-request.ics")
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "1 roundtable imported"
    database = open_database(db_file)
    try:
        with database.session() as session:
            roundtable = lifecycle.get_roundtable(session, 2)
            assert roundtable.title == "Project Clover stakeholder dialogue"
            assert roundtable.status == RoundtableStatus.SCHEDULED
    finally:
        database.close()


def test_unknown_roundtable_is_one_line(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "--db", str(db_file), "ics", "invite", "nope@x", "-o", str(tmp_path / "x")
    )
    assert code == 2
    one_line_error(err, "No roundtable with id or UID 'nope@x'")
    code, _out, err = run(
        capsys,
        "--db",
        str(db_file),
        "ics",
        "invite",
        UID,
        "--attendee",
        "stranger@example.org",
        "-o",
        str(tmp_path / "x.ics"),
    )
    assert code == 2
    one_line_error(err, "stranger@example.org is not among the invitees")


def test_import_runs_the_apps_action_and_writes_what_it_writes(
    db_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = [DATA / "google-reply-declined.ics", DATA / "host-request.ics"]
    in_the_app = tmp_path / "app.sqlite3"
    shutil.copy(db_file, in_the_app)
    performed: list[str] = []
    real_perform = actions.perform

    def perform(database: Any, action: Any) -> Any:
        performed.append(action.name)
        return real_perform(database, action)

    monkeypatch.setattr(actions, "perform", perform)
    code, out, err = run(capsys, "--db", str(db_file), "ics", "import", *map(str, files))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "1 answer recorded, 1 roundtable imported"
    assert performed == ["calendar.actions.import_files"]

    # The same action run as the app runs it writes the same rows and audit entries.
    database = open_database(in_the_app)
    try:
        with context.frozen_clock(NOW):
            done = real_perform(database, calendar_actions.import_files(files))
        assert done.action.undoable
        with database.transaction() as session:
            app_document = export_database(session)
    finally:
        database.close()
    database = open_database(db_file)
    try:
        with database.transaction() as session:
            cli_document = export_database(session)
    finally:
        database.close()
    assert cli_document == app_document


def test_import_prints_its_report_in_dutch_with_roundtable_language_nl(
    db_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n")
    files = [str(DATA / "outlook-reply-accepted.ics"), str(DATA / "counter-proposal.ics")]
    monkeypatch.setenv("ROUNDTABLE_LANGUAGE", "nl")
    code, out, err = run(capsys, "--db", str(db_file), "ics", "import", *files, str(broken))
    assert (code, err) == (1, "")  # a file could not be used
    assert out.splitlines() == [
        "outlook-reply-accepted.ics:",
        "  Jan de Vries heeft zich aangemeld voor “Stakeholder roundtable on smart meters”.",
        "counter-proposal.ics:",
        "  Tomás Olsen stelt voor “Stakeholder roundtable on smart meters” te houden op "
        "17 dec 2026 15:00–17:00 (Europe/Amsterdam) in plaats van 10 dec 2026 14:00–16:00. "
        "Diegene schreef erbij: “I teach on Thursday afternoons; would the 17th work?”. "
        "Er is niets veranderd; geef antwoord, en verzet het rondetafelgesprek als je het "
        "ermee eens bent.",
        "broken.ics:",
        "  broken.ics is een PUBLISH-bericht, geen antwoord, voorgestelde tijd, uitnodiging of "
        "afgelasting (METHOD REPLY, COUNTER, REQUEST of CANCEL); er is niets veranderd.",
        "1 antwoord vastgelegd, 1 voorgestelde nieuwe tijd te beantwoorden, "
        "1 bestand kon niet worden gebruikt",
    ]
    assert statuses(db_file)["jan.devries@energienet.example"] == InvitationStatus.ACCEPTED

    # What went into the database is English: the history row's reason.
    database = open_database(db_file)
    try:
        with database.session() as session:
            jan = persons.get_person(session, "jan.devries@energienet.example")
            note = jan.invitations[0].history[-1].reason
    finally:
        database.close()
    assert note.startswith("Calendar reply ") and "outlook-reply-accepted.ics" in note

    # Without ROUNDTABLE_LANGUAGE the same report is English.
    monkeypatch.delenv("ROUNDTABLE_LANGUAGE")
    code, out, _err = run(capsys, "--db", str(db_file), "ics", "import", str(broken))
    assert code == 1
    assert out.splitlines()[-1] == "1 file could not be used"
    assert out.splitlines()[1].startswith("  broken.ics is a PUBLISH message, not a reply")


def test_invite_and_its_refusals_in_dutch(
    db_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ROUNDTABLE_LANGUAGE", "nl")
    folder = tmp_path / "out"
    code, out, err = run(capsys, "--db", str(db_file), "ics", "invite", UID, "-o", str(folder))
    assert (code, err) == (0, "")
    assert out == f"3 uitnodigingen geschreven in {folder}.\n"
    code, _out, err = run(
        capsys, "--db", str(db_file), "ics", "cancel", UID, "-o", str(tmp_path / "c.ics")
    )
    assert code == 2
    assert err.strip() == (
        "roundtable: fout: “Stakeholder roundtable on smart meters” is niet afgelast; gelast "
        "het eerst af, zodat de afgelasting een nieuwere SEQUENCE heeft dan de uitnodigingen "
        "en agenda's haar aannemen."
    )
    # The files themselves stay English (or follow each invitee's own language).
    (event,) = read_calendar(folder / "jan.devries@energienet.example.ics").walk("VEVENT")
    assert str(event["SUMMARY"]) == "Stakeholder roundtable on smart meters"
