"""The GDPR tools: mentions, subject access, erasure by anonymisation, retention, audit log."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import html5lib
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import actions, context
from roundtable.demo import load_demo
from roundtable.enums import LawfulBasis, Party
from roundtable.errors import NotFoundError, UndoConflictError, ValidationError
from roundtable.meetings import invitations, lifecycle, minutes, questions
from roundtable.people import organisations, persons
from roundtable.privacy import access, audit_log, erasure, queries, retention
from roundtable.privacy import actions as privacy_actions
from roundtable.privacy import mentions as privacy_mentions
from roundtable.statements import records
from roundtable.storage.audit import record_audit
from roundtable.storage.db import Database
from roundtable.storage.interchange import dump_json, export_database
from roundtable.storage.models import (
    AuditEntry,
    Base,
    DatabaseInfo,
    Invitation,
    InvitationEvent,
    Person,
    Roundtable,
)

NOVEMBER = "tiktok-roundtable-2023-11-27@demo.roundtable.local"
UPCOMING = "clover-one-year-on@demo.roundtable.local"
JORIS = "joris.hendriks@privacyfirst.example"
SANNE = "sanne.verbeek@privacyfirst.example"
AMSTERDAM = "Europe/Amsterdam"


def _row_counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in Base.metadata.sorted_tables
    }


def _people_rows(document: dict[str, object]) -> dict[int, dict[str, object]]:
    people = document["people"]
    assert isinstance(people, list)
    return {row["id"]: row for row in people}


def _assert_valid_html5(text: str) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(text)  # raises ParseError on the first error
    assert not parser.errors
    assert text.startswith("<!DOCTYPE html>")


def _mention_joris_everywhere(session: Session) -> None:
    """Put Joris Hendriks (who the demo names in invitation notes) in every kind of record."""
    joris = persons.get_person(session, JORIS)
    sanne = persons.get_person(session, SANNE)
    upcoming = lifecycle.get_roundtable(session, UPCOMING)
    november = lifecycle.get_roundtable(session, NOVEMBER)
    # An invitation of his own, with notes, consent and a history whose reason names him.
    invitation = invitations.add_invitation(
        session,
        upcoming,
        person=joris,
        consent_to_be_named=True,
        notes="Joris prefers mornings; mobile +31 6 1234 5678.",
    )
    invitations.mark_invited(session, invitation)
    invitations.withdraw(
        session,
        invitation,
        f"Joris Hendriks is on leave ({JORIS} sent an automatic reply).",
        by=Party.INVITEE,
    )
    # Someone else's minute note, a statement section and an audit row that name him.
    item = november.agenda_items[0]
    minutes.add_minute_note(
        session, item, "JORIS\nHENDRIKS will send the follow-up questions.", speaker_person=sanne
    )
    statement = records.create_statement(session, "delegation", "Our delegation")
    records.add_statement_section(
        session, statement, "who", "Who went", "Marloes van Dijk and joris  hendriks went."
    )
    record_audit(
        session, "contacts.merge", detail={"kept": f"Joris Hendriks <{JORIS}>", "removed": 99}
    )
    # A roundtable's description, and so its history's edit detail.
    lifecycle.update_details(session, upcoming, description="Chaired by Joris Hendriks.")
    # Changes he recorded himself, as the app's user.
    with context.acting_as("Joris Hendriks"):
        questions.add_question(session, upcoming, "Who keeps the minutes?")
    session.flush()


@pytest.fixture
def demo_db(db: Database, clock: datetime) -> Database:
    """The demo, with Joris Hendriks mentioned in every kind of free text."""
    with db.transaction() as session:
        load_demo(session)
        _mention_joris_everywhere(session)
    return db


# --------------------------------------------------------------------------- erasure proof


def test_an_erased_person_leaves_no_trace_in_either_json_export(demo_db: Database) -> None:
    with demo_db.transaction() as session:
        before = export_database(session)
        counts_before = _row_counts(session)
        joris = persons.get_person(session, JORIS)
        joris_id = joris.id
        assert "hendriks" in dump_json(before).lower()

    with demo_db.transaction() as session:
        plan = erasure.erase_person(session, session.get(Person, joris_id))

    label = f"Erased person #{joris_id}"
    assert plan.label == label
    with demo_db.transaction() as session:
        after = export_database(session)
        text = dump_json(after)
        erased = session.get(Person, joris_id)
        report_text = json.dumps(access.subject_access_report(session, erased))
        counts_after = _row_counts(session)

    for document in (text, report_text):
        lowered = document.lower()
        assert "joris" not in lowered
        assert "hendriks" not in lowered
        assert label in document
    # Nothing was deleted: invitations, their histories, questions and notes all stay.
    assert counts_after == {**counts_before, "audit_entry": counts_before["audit_entry"] + 1}
    # Other people's rows are untouched.
    people_before, people_after = _people_rows(before), _people_rows(after)
    assert {k: v for k, v in people_before.items() if k != joris_id} == {
        k: v for k, v in people_after.items() if k != joris_id
    }
    row = people_after[joris_id]
    assert (row["name"], row["email"], row["organisation_id"]) == (label, None, None)
    assert (row["role"], row["phone"], row["notes"], row["consent_note"]) == ("", "", "", "")
    assert row["preferred_language"] == ""
    assert row["lawful_basis"] == "contract"  # why the details were held stays on record
    assert row["erased_at"] == "2026-11-29T09:00:00Z"


def test_erasure_replaces_the_name_in_other_records_and_clears_own_invitations(
    demo_db: Database,
) -> None:
    with demo_db.transaction() as session:
        joris = persons.get_person(session, JORIS)
        erasure.erase_person(session, joris)
        label = joris.name
        upcoming = lifecycle.get_roundtable(session, UPCOMING)
        (own,) = [i for i in upcoming.invitations if i.person is joris]
        assert (own.notes, own.consent_to_be_named) == ("", False)
        assert [e.to_status.value for e in own.history] == ["not_sent", "invited", "withdrawn"]
        assert own.history[-1].reason == f"{label} is on leave ({label} sent an automatic reply)."
        assert upcoming.description == f"Chaired by {label}."
        delegation = records.get_statement(session, "delegation")
        assert delegation.sections[0].body == f"Marloes van Dijk and {label} went."
        merge = session.scalars(select(AuditEntry).where(AuditEntry.action == "contacts.merge"))
        assert json.loads(merge.one().detail) == {"kept": f"{label} <{label}>", "removed": 99}
        erase = session.scalars(select(AuditEntry).where(AuditEntry.action == "privacy.erase"))
        detail = json.loads(erase.one().detail)
        assert detail["person_id"] == joris.id
        assert detail["invitations"] == 1
        # The question he recorded as the app's user now names the one who erased him.
        (question,) = [q for q in upcoming.questions if q.text == "Who keeps the minutes?"]
        assert question.updated_by == "tester"
        assert question.asked_by_person is None


def test_plan_erasure_shows_the_changes_and_writes_nothing(demo_db: Database) -> None:
    with demo_db.transaction() as session:
        before = dump_json(export_database(session))
        joris = persons.get_person(session, JORIS)
        plan = erasure.plan_erasure(session, joris)
        after = dump_json(export_database(session))
    assert before == after
    label = f"Erased person #{joris.id}"
    fields = {name: (old, new) for name, old, new in plan.field_changes}
    assert fields["Name"] == ("Joris Hendriks", label)
    assert fields["E-mail address"] == (JORIS, "")
    assert fields["Organisation"] == ("Privacy First Foundation", "")
    assert any(name.startswith("Notes on the invitation") for name in fields)
    assert any(name.startswith("Agreed to be named") for name in fields)
    assert fields["Named as the user who recorded 1 change"] == ("Joris Hendriks", label)
    changed = {(m.table, m.field): excerpt for m, excerpt in plan.text_changes}
    assert changed[("minute_note", "text")] == f"{label} will send the follow-up questions."
    assert ("invitation_event", "reason") in changed
    assert ("audit_entry", "detail") in changed
    assert all("Hendriks" not in excerpt for excerpt in changed.values())
    assert plan.kept == {
        "invitations": 1,
        "invitation history entries": 3,
        "questions asked": 1,
        "minute notes spoken": 1,
        "action items owned": 2,
        "roundtables organised": 1,
    }


def test_an_erased_person_cannot_be_erased_kept_or_planned_again(db: Database) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Anna de Wit", email="anna@example.org")
        erasure.erase_person(session, person)
    with db.transaction() as session:
        person = session.get(Person, person.id)
        for action in (erasure.erase_person, erasure.plan_erasure, retention.keep_person):
            with pytest.raises(ValidationError, match=r"already erased"):
                action(session, person)
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_erasure_on_sqlite_leaves_no_copy_of_the_name_in_the_file(
    sqlite_db: Database, clock: datetime
) -> None:
    with sqlite_db.transaction() as session:
        load_demo(session)
        _mention_joris_everywhere(session)
    with sqlite_db.transaction() as session:
        erasure.erase_person(session, persons.get_person(session, JORIS))
    assert erasure.scrub_sqlite_file(sqlite_db.engine) is True
    path = sqlite_db.path
    assert path is not None
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            data = file.read_bytes().lower()
            assert b"hendriks" not in data, file


# --------------------------------------------------------------------------- mentions


def test_find_mentions_matches_whole_names_in_any_case_and_spacing(
    db: Database, clock: datetime
) -> None:
    with db.transaction() as session:
        anna = persons.create_person(session, "Anna de Wit", email="anna.dewit@example.org")
        other = persons.create_person(session, "Bea Smit", notes="Annabel de Wit's cousin.")
        roundtable = lifecycle.create_roundtable(session, title="Privacy lunch")
        item = minutes.add_agenda_item(session, roundtable, "Opening")
        minutes.add_minute_note(session, item, "Welcome by the chair.")
        minutes.add_minute_note(session, item, "As ANNA  de\nwit said: keep it local.")
        minutes.add_minute_note(session, item, "Anna de Witte agreed.")  # another name
        statement = records.create_statement(session, "lunch", "Lunch")
        records.add_statement_section(
            session, statement, "intro", "Introduction", "Written with anna de wit."
        )
        invitation = invitations.add_invitation(session, roundtable, person=other)
        invitations.mark_invited(session, invitation)
        invitations.withdraw(
            session, invitation, "Replaced by Anna de Wit (anna.dewit@example.org)."
        )
        record_audit(session, "contacts.merge", detail={"kept": "Anna de Wit"})
        record_audit(session, "note", detail="Annabel asked for a copy.")
        mentions = privacy_mentions.find_mentions(session, anna)

    where = {(m.table, m.field): m for m in mentions}
    assert set(where) == {
        ("minute_note", "text"),
        ("statement_section", "body"),
        ("invitation_event", "reason"),
        ("audit_entry", "detail"),
    }
    note = where[("minute_note", "text")]
    assert note.matched == "ANNA  de\nwit"
    assert note.excerpt == "As ANNA de wit said: keep it local."
    assert note.where == "Minutes of “Privacy lunch”, agenda item “Opening”, note 2"
    assert where[("invitation_event", "reason")].where.startswith(
        "History of the invitation of Bea Smit to “Privacy lunch”"
    )
    assert where[("statement_section", "body")].where == (
        "Statement “Lunch”, section “Introduction”, text"
    )
    assert where[("audit_entry", "detail")].matched == "Anna de Wit"


def test_find_mentions_by_email_alone_and_non_ascii_names(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        zoe = persons.create_person(session, "Zoë Ångström", email="zoe@example.org")
        persons.create_person(
            session, "Other", notes="Write to ZOE@example.org, not zoe@example.orgs."
        )
        roundtable = lifecycle.create_roundtable(session, title="Nordic session")
        item = minutes.add_agenda_item(session, roundtable, "Welcome")
        minutes.add_minute_note(session, item, "ZOË ÅNGSTRÖM opened.")
        # The audit writer escapes non-ASCII in JSON: "Zo\u00eb \u00c5ngstr\u00f6m".
        record_audit(session, "contacts.merge", detail={"kept": "Zoë Ångström"})
        mentions = privacy_mentions.find_mentions(session, zoe)
        plan = erasure.erase_person(session, zoe)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "contacts.merge"))
        kept = json.loads(entry.one().detail)["kept"]
        notes = session.scalars(select(Person.notes).where(Person.name == "Other")).one()
    tables = sorted((m.table, m.matched) for m in mentions)
    assert [t for t, _ in tables] == ["audit_entry", "minute_note", "person"]
    assert ("person", "ZOE@example.org") in tables
    assert len(plan.text_changes) == 3
    assert kept == plan.label
    assert notes == f"Write to {plan.label}, not zoe@example.orgs."


def test_a_long_title_stays_within_its_column(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Al Li")
        roundtable = lifecycle.create_roundtable(session, title="Al Li " * 49 + "x")
        assert len(roundtable.title) == 295
        erasure.erase_person(session, person)
        assert len(roundtable.title) == 300
        assert roundtable.title.endswith("…")


# --------------------------------------------------------------------------- subject access


def _small_world(session: Session) -> Person:
    """A person with an invitation, a question, a note, an action item and a mention."""
    org = organisations.create_organisation(session, "Open Rights")
    person = persons.create_person(
        session,
        "Anna de Wit",
        email="anna@example.org",
        organisation=org,
        role="Researcher",
        lawful_basis=LawfulBasis.CONSENT,
        consent_note="Agreed by e-mail on 1 March 2024.",
    )
    roundtable = lifecycle.create_roundtable(
        session,
        title="Data retention roundtable",
        organiser=person,
        starts_at=datetime(2024, 3, 10, 14, 0),
        ends_at=datetime(2024, 3, 10, 16, 0),
        timezone=AMSTERDAM,
    )
    invitation = invitations.add_invitation(
        session, roundtable, person=person, consent_to_be_named=True, notes="Vegetarian."
    )
    invitations.mark_invited(session, invitation)
    questions.add_question(session, roundtable, "How long are logs kept?", asked_by_person=person)
    item = minutes.add_agenda_item(session, roundtable, "Logs")
    minutes.add_minute_note(session, item, "Logs should go after a week.", speaker_person=person)
    minutes.add_minute_note(session, item, "Anna de Wit will write it up.")
    minutes.add_action_item(session, roundtable, "Write it up", owner_person=person)
    return person


def test_subject_access_report_holds_everything_about_the_person(
    db: Database, clock: datetime
) -> None:
    with db.transaction() as session:
        person = _small_world(session)
        report = access.subject_access_report(session, person)
    assert report["format"] == "roundtable-subject-access"
    assert report["version"] == 1
    assert report["generated_at"] == "2026-11-29T09:00:00Z"
    assert report["generated_by"] == "tester"
    assert report["person"]["name"] == "Anna de Wit"
    assert report["person"]["organisation"] == "Open Rights"
    assert report["person"]["lawful_basis"] == "consent"
    assert report["person"]["consent_note"] == "Agreed by e-mail on 1 March 2024."
    (invitation,) = report["invitations"]
    assert invitation["roundtable"] == "Data retention roundtable"
    assert invitation["starts_at"] == "2024-03-10T13:00:00Z"
    assert (invitation["status"], invitation["consent_to_be_named"]) == ("invited", True)
    assert invitation["notes"] == "Vegetarian."
    assert [(h["from"], h["to"], h["party"]) for h in invitation["history"]] == [
        (None, "not_sent", "coordinator"),
        ("not_sent", "invited", "host"),
    ]
    assert [q["text"] for q in report["questions"]] == ["How long are logs kept?"]
    assert [n["text"] for n in report["minute_notes_spoken"]] == ["Logs should go after a week."]
    assert [a["description"] for a in report["action_items"]] == ["Write it up"]
    assert [r["roundtable"] for r in report["roundtables_organised"]] == [
        "Data retention roundtable"
    ]
    assert [m["excerpt"] for m in report["mentions"]] == ["Anna de Wit will write it up."]
    assert report["retention"] == {"months": 24, "review_due_on": "2026-03-10"}
    json.dumps(report)  # JSON-ready as it is


def test_the_html_report_escapes_everything_and_is_valid_html5(
    db: Database, clock: datetime
) -> None:
    evil = "<script>alert(1)</script>"
    with db.transaction() as session:
        person = _small_world(session)
        persons.update_person(session, person, name=evil, notes='Tom & "Jerry" <b>')
        roundtable = session.scalars(select(Roundtable)).one()
        item = roundtable.agenda_items[0]
        minutes.add_minute_note(session, item, f"Thanks to {evil} for the coffee.")
        page = access.subject_access_html(access.subject_access_report(session, person))
    _assert_valid_html5(page)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Tom &amp; &#34;Jerry&#34; &lt;b&gt;" in page
    assert "article 15" in page
    assert "29 Nov 2026" in page


def _export_subject_access(db: Database, person_id: int, folder: Path) -> tuple[Path, Path]:
    """As the app and the command line do it: read the report, write the files, record it."""
    found = db.read(queries.subject_access, person_id)
    paths = access.write_report_files(found.person_id, found.report, folder)
    done = actions.perform(
        db, privacy_actions.record_access_export(person_id, [p.name for p in paths])
    )
    assert not done.action.undoable and not done.action.forgets_history
    return paths


def test_a_subject_access_export_writes_both_files_and_records_an_audit_row(
    db: Database, clock: datetime, tmp_path: Path
) -> None:
    folder = tmp_path / "requests" / "anna"
    with db.transaction() as session:
        person_id = _small_world(session).id
    json_path, html_path = _export_subject_access(db, person_id, folder)
    name = f"subject-access-{person_id}-2026-11-29"
    assert (json_path, html_path) == (folder / f"{name}.json", folder / f"{name}.html")
    assert sorted(p.name for p in folder.iterdir()) == [f"{name}.html", f"{name}.json"]
    report = json.loads(json_path.read_text(encoding="utf-8"))
    assert report["person"]["email"] == "anna@example.org"
    _assert_valid_html5(html_path.read_text(encoding="utf-8"))
    with db.transaction() as session:
        (row,) = audit_log.list_audit_entries(session, action_prefix="privacy.")
    assert row.action == "privacy.access_export"
    assert (row.entity_type, row.entity_id) == ("person", person_id)
    assert json.loads(row.detail) == {
        "person_id": person_id,
        "files": [f"{name}.json", f"{name}.html"],
    }
    assert "Anna" not in row.detail


def test_writing_the_report_refuses_a_file_as_folder_and_records_nothing(
    db: Database, clock: datetime, tmp_path: Path
) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    with db.transaction() as session:
        person_id = _small_world(session).id
    with pytest.raises(ValidationError, match=r"it is a file, not a folder"):
        _export_subject_access(db, person_id, target)
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


# --------------------------------------------------------------------------- retention


def _invited_to(session: Session, person: Person, title: str, start: datetime | None) -> None:
    roundtable = lifecycle.create_roundtable(
        session,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2) if start is not None else None,
        timezone=AMSTERDAM,
    )
    invitations.add_invitation(session, roundtable, person=person)


def test_people_fall_due_one_retention_period_after_their_last_roundtable(
    db: Database, clock: datetime
) -> None:
    with db.transaction() as session:
        early = persons.create_person(session, "Early Bird", email="early@example.org")
        _invited_to(session, early, "First", datetime(2023, 5, 1, 10, 0))
        _invited_to(session, early, "Second", datetime(2024, 3, 10, 10, 0))
        pending = persons.create_person(session, "Pending Person")
        _invited_to(session, pending, "Old one", datetime(2022, 1, 1, 10, 0))
        _invited_to(session, pending, "Some day", None)  # undated: counts as later
        loner = persons.create_person(session, "Never Invited")
        erased = persons.create_person(session, "Gone Soon")
        _invited_to(session, erased, "Long ago", datetime(2020, 1, 1, 10, 0))
        erasure.erase_person(session, erased)

        assert retention.due_for_review(session, date(2026, 3, 9)) == []
        (item,) = retention.due_for_review(session, date(2026, 3, 10))
        assert item.person_id == early.id
        assert (item.name, item.email) == ("Early Bird", "early@example.org")
        assert (item.last_roundtable, item.last_roundtable_on) == ("Second", date(2024, 3, 10))
        assert (item.due_on, item.kept_on, item.lawful_basis) == (
            date(2026, 3, 10),
            None,
            "unknown",
        )
        assert item.reason == "Last roundtable “Second” on 10 Mar 2024; due since 10 Mar 2026."
        # Someone in no roundtable falls due one period after being added (today).
        assert retention.count_due_for_review(session, date(2028, 11, 28)) == 1
        due = retention.due_for_review(session, date(2028, 11, 29))
        assert [i.person_id for i in due] == [early.id, loner.id]
        assert due[1].reason == "In no roundtable; added on 29 Nov 2026; due since 29 Nov 2028."
        # Today (29 Nov 2026, from the clock) by default.
        assert retention.count_due_for_review(session) == 1
        assert pending.id not in {
            i.person_id for i in retention.due_for_review(session, date(2099, 1, 1))
        }


def test_the_last_roundtable_counts_by_its_own_calendar_day(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Late Night")
        # 23:30 UTC on 9 March is 00:30 on 10 March in Amsterdam.
        roundtable = lifecycle.create_roundtable(
            session,
            title="Late",
            starts_at=datetime(2024, 3, 9, 22, 0, tzinfo=UTC),
            ends_at=datetime(2024, 3, 9, 23, 30, tzinfo=UTC),
            timezone=AMSTERDAM,
        )
        invitations.add_invitation(session, roundtable, person=person)
        assert retention.count_due_for_review(session, date(2026, 3, 9)) == 0
        (item,) = retention.due_for_review(session, date(2026, 3, 10))
        assert item.last_roundtable_on == date(2024, 3, 10)


def test_keeping_a_person_resets_their_review(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Early Bird")
        _invited_to(session, person, "Second", datetime(2024, 3, 10, 10, 0))
        assert retention.count_due_for_review(session) == 1
        retention.keep_person(session, person)
        assert person.retention_reviewed_at == clock
        assert retention.count_due_for_review(session) == 0
        assert retention.count_due_for_review(session, date(2028, 11, 28)) == 0
        (item,) = retention.due_for_review(session, date(2028, 11, 29))
        assert item.kept_on == date(2026, 11, 29)
        assert item.reason.endswith("; last kept on 29 Nov 2026; due since 29 Nov 2028.")
        (row,) = audit_log.list_audit_entries(session, action_prefix="privacy.keep")
        assert json.loads(row.detail) == {"person_id": person.id}


def test_the_retention_period_can_be_set_within_limits(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Early Bird")
        _invited_to(session, person, "Second", datetime(2024, 3, 10, 10, 0))
        assert retention.retention_months(session) == retention.DEFAULT_RETENTION_MONTHS == 24
        for bad in (0, 241, -5, True, "12", 12.0):
            with pytest.raises(ValidationError, match="retention period"):
                retention.set_retention_months(session, bad)  # type: ignore[arg-type]
        assert session.get(DatabaseInfo, "retention_months") is None
        assert audit_log.list_audit_entries(session) == []
        retention.set_retention_months(session, 36)
        retention.set_retention_months(session, 36)  # unchanged: no second audit row
        assert retention.retention_months(session) == 36
        assert retention.count_due_for_review(session, date(2027, 3, 9)) == 0
        assert retention.count_due_for_review(session, date(2027, 3, 10)) == 1
        (row,) = audit_log.list_audit_entries(session)
        assert (row.action, row.summary) == ("privacy.retention", "months: 36; previous months: 24")


def _reviewed_at(db: Database, person_ids: list[int]) -> list[datetime | None]:
    with db.transaction() as session:
        return [session.get(Person, pid).retention_reviewed_at for pid in person_ids]  # type: ignore[union-attr]


def test_keeping_several_is_one_action_and_undo_puts_each_review_date_back(
    db: Database, clock: datetime
) -> None:
    with db.transaction() as session:
        early = persons.create_person(session, "Early Bird")
        late = persons.create_person(session, "Late Owl")
        for person in (early, late):
            _invited_to(session, person, "Second", datetime(2024, 3, 10, 10, 0))
        ids = [early.id, late.id]
    # One of them was kept before: undo must bring that older date back, not none.
    with context.frozen_clock(clock - timedelta(days=900)):
        actions.perform(db, privacy_actions.keep([late.id]))
    before = _reviewed_at(db, ids)
    assert before[0] is None and before[1] is not None

    kept = privacy_actions.keep(ids)
    assert kept.label == "Keep 2 people" and kept.kinds == {"people"}
    assert privacy_actions.keep([early.id], name="Early Bird").label == "Keep “Early Bird”"
    done = actions.perform(db, kept)
    assert _reviewed_at(db, ids) == [clock, clock]
    assert db.read(queries.review_list).due == ()
    actions.undo(db, done)
    assert _reviewed_at(db, ids) == before
    assert [item.person_id for item in db.read(queries.review_list).due] == ids
    actions.redo(db, done)
    assert _reviewed_at(db, ids) == [clock, clock]
    # The audit log says what was done, undone and done again.
    with db.transaction() as session:
        logged = [row.action for row in audit_log.list_audit_entries(session)]
    assert logged.count("privacy.keep") == 3
    assert logged[:4] == ["privacy.keep.redo"] * 2 + ["privacy.keep.undo"] * 2


def test_keeping_refuses_everyone_when_one_was_erased(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        anna = persons.create_person(session, "Anna de Wit")
        bob = persons.create_person(session, "Bob Bakker")
        erasure.erase_person(session, bob)
    with pytest.raises(ValidationError, match="already erased"):
        actions.perform(db, privacy_actions.keep([anna.id, bob.id]))
    assert _reviewed_at(db, [anna.id]) == [None]
    with pytest.raises(NotFoundError, match="no longer exists"):
        actions.perform(db, privacy_actions.keep([anna.id + 1000]))


def test_a_keep_is_not_undone_over_a_later_erasure(db: Database, clock: datetime) -> None:
    """Undoing a keep after the person was erased would touch the erased row: refused."""
    with db.transaction() as session:
        person_id = persons.create_person(session, "Anna de Wit", email="anna@example.org").id
    done = actions.perform(db, privacy_actions.keep([person_id]))
    erased = actions.perform(db, privacy_actions.erase([person_id]))
    assert erased.action.forgets_history and not erased.action.undoable
    (plan,) = erased.result
    assert plan.label == f"Erased person #{person_id}"
    with pytest.raises(UndoConflictError):
        actions.undo(db, done)
    with pytest.raises(UndoConflictError, match="cannot be undone"):
        actions.undo(db, erased)
    with db.transaction() as session:
        person = session.get(Person, person_id)
        assert person is not None and person.name == plan.label and person.email is None


def test_erasing_several_is_all_or_none(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        anna = persons.create_person(session, "Anna de Wit", email="anna@example.org")
        bob = persons.create_person(session, "Bob Bakker", email="bob@example.org")
        erasure.erase_person(session, bob)
    action = privacy_actions.erase([anna.id, bob.id])
    assert action.label == "Erase 2 people"
    with pytest.raises(ValidationError, match="already erased"):
        actions.perform(db, action)
    with db.transaction() as session:
        assert session.get(Person, anna.id).erased_at is None  # type: ignore[union-attr]


def test_the_retention_period_is_an_undoable_action(db: Database, clock: datetime) -> None:
    action = privacy_actions.set_retention(36)
    assert action.label == "Retention period 36 months"
    assert privacy_actions.set_retention(1).label == "Retention period 1 month"
    done = actions.perform(db, action)
    assert db.read(retention.retention_months) == 36
    assert done.kinds == {"settings", "people", "audit"}
    actions.undo(db, done)
    assert db.read(retention.retention_months) == 24
    with db.transaction() as session:
        assert session.get(DatabaseInfo, "retention_months") is None
    with pytest.raises(ValidationError, match="not possible"):
        actions.perform(db, privacy_actions.set_retention(0))


def test_the_review_list_says_when_the_next_person_is_due(db: Database, clock: datetime) -> None:
    assert db.read(queries.review_list) == queries.ReviewList(months=24, due=(), next_due=None)
    with db.transaction() as session:
        person = persons.create_person(session, "Early Bird")
        _invited_to(session, person, "Later", datetime(2026, 3, 10, 10, 0))
    review = db.read(queries.review_list)
    assert review.due == () and review.next_due == date(2028, 3, 10)
    review = db.read(queries.review_list, date(2028, 3, 10))
    assert [item.name for item in review.due] == ["Early Bird"] and review.next_due is None


def test_the_erasure_preview_shows_the_plan_or_that_it_was_done(
    db: Database, clock: datetime
) -> None:
    with db.transaction() as session:
        person_id = persons.create_person(session, "Anna de Wit", email="anna@example.org").id
    preview = db.read(queries.erasure_preview, person_id)
    assert (preview.name, preview.erased_at) == ("Anna de Wit", None)
    assert preview.plan is not None and preview.plan.label == f"Erased person #{person_id}"
    actions.perform(db, privacy_actions.erase([person_id]))
    preview = db.read(queries.erasure_preview, person_id)
    assert preview.erased_at == clock and preview.plan is None
    assert preview.name == f"Erased person #{person_id}"


def test_add_months_keeps_to_the_end_of_short_months() -> None:
    assert retention.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert retention.add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert retention.add_months(date(2023, 11, 15), 24) == date(2025, 11, 15)


# --------------------------------------------------------------------------- audit log


def test_list_audit_entries_newest_first_with_a_filter_and_a_limit(db: Database) -> None:
    with db.transaction() as session:
        for day, action, detail in (
            (1, "import-json", {"people": 3, "roundtables": 1}),
            (2, "privacy.keep", {"person_id": 4}),
            (3, "delete", "plain text"),
        ):
            with context.frozen_clock(datetime(2026, 1, day, tzinfo=UTC)):
                record_audit(session, action, entity_type="person", entity_id=4, detail=detail)
        session.flush()
        rows = audit_log.list_audit_entries(session)
        assert [r.action for r in rows] == ["delete", "privacy.keep", "import-json"]
        assert [r.summary for r in rows] == [
            "plain text",
            "person id: 4",
            "people: 3; roundtables: 1",
        ]
        assert rows[0].at == datetime(2026, 1, 3, tzinfo=UTC)
        assert rows[0].actor == "tester"
        assert [r.action for r in audit_log.list_audit_entries(session, action_prefix="priv")] == [
            "privacy.keep"
        ]
        assert len(audit_log.list_audit_entries(session, limit=2)) == 2


def test_audit_summaries_stay_on_one_short_line() -> None:
    assert audit_log.summarise_detail('{"a": [1, 2], "b": {"c": true}, "d": null}') == (
        "a: 1, 2; b: (c: yes); d: none"
    )
    assert audit_log.summarise_detail("line one\nline two") == "line one line two"
    long = audit_log.summarise_detail("x " * 300)
    assert len(long) == 200 and long.endswith("…")
    assert audit_log.summarise_detail("{not json") == "{not json"


def test_invitation_history_rows_stay_with_an_erased_invitee(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Anna de Wit")
        _invited_to(session, person, "Draft", None)
        erasure.erase_person(session, person)
        invitation = session.scalars(select(Invitation)).one()
        assert invitation.invitee_name == f"Erased person #{person.id}"
        assert session.scalar(select(func.count()).select_from(InvitationEvent)) == 1
        assert re.fullmatch(r"Erased person #\d+", person.name)
