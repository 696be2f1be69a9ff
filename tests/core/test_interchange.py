"""The whole-database JSON interchange: export, schema, import, round trip, bad files."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import __version__, context
from roundtable.enums import (
    ChangeSource,
    InvitationRole,
    InvitationStatus,
    LawfulBasis,
    NoteKind,
    OrganisationKind,
    Party,
    QuestionStatus,
    RoundtableAction,
    RoundtableStatus,
    StatementStatus,
)
from roundtable.errors import InterchangeError
from roundtable.storage.db import Database, open_database
from roundtable.storage.interchange import (
    LATER_COLUMNS,
    NOT_EXPORTED,
    ImportSummary,
    dump_json,
    export_database,
    import_database,
    iter_tables,
)
from roundtable.storage.interchange_check import (
    FORMAT_VERSION,
    load_json_file,
    schema_path,
    validate_document,
)
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    AuditEntry,
    Base,
    FollowUp,
    Invitation,
    InvitationEvent,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Reference,
    Roundtable,
    RoundtableEvent,
    Statement,
    StatementSection,
    StatementUpdate,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "interchange"

CREATED = datetime(2023, 8, 20, 9, 0, tzinfo=UTC)
EDITED = datetime(2023, 9, 5, 10, 0, tzinfo=UTC)

MULTILINE = "Eerste regel\nzweite Zeile — «troisième»\n\n\t“quoted” \\ backslash"


def _build_rich_database(session: Session) -> None:
    """Every table, every nullable column both set and unset, text in several scripts."""
    with context.frozen_clock(CREATED):
        own = Organisation(
            name="Bits of Freedom 🛡️",
            kind=OrganisationKind.NGO,
            website="https://www.bitsoffreedom.nl",
            email="info@bof.example.org",
            notes=MULTILINE,
            is_own=True,
        )
        company = Organisation(name="Ελληνική Τηλεπικοινωνιακή Α.Ε.", kind=OrganisationKind.COMPANY)
        ministry = Organisation(name="経済産業省", kind=OrganisationKind.GOVERNMENT, notes="")
        anna = Person(
            name="Anna de Wit",
            email="Anna.de.Wit@bof.example.org",
            organisation=own,
            role="Beleidsadviseur",
            phone="+31 20 123 4567",
            preferred_language="nl",
            notes="Prefers e-mail 📧\nNever calls after 17:00.",
            lawful_basis=LawfulBasis.CONSENT,
            consent_note="Agreed by e-mail on 20 Aug 2023.",
        )
        yuki = Person(name="山田 由紀", email=None, organisation=None)
        erased = Person(
            name="Erased person",
            email=None,
            organisation=company,
            lawful_basis=LawfulBasis.LEGITIMATE_INTEREST,
            erased_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        )
        cancelled = Roundtable(
            uid="rt-2023-09-07@roundtable.example",
            sequence=2,
            title="Rondetafel over locatiegegevens",
            topic="مرحبا — location data",
            host=company,
            organiser=anna,
            venue="Hoofdkantoor,\nAmsterdam",
            online_url="https://meet.example.com/rt?id=1&lang=nl",
            starts_at=datetime(2023, 9, 7, 12, 0, tzinfo=UTC),
            ends_at=datetime(2023, 9, 7, 14, 30, tzinfo=UTC),
            timezone="Europe/Amsterdam",
            status=RoundtableStatus.CANCELLED,
            cancellation_reason="Lack of enthusiasm 🙃",
            description=MULTILINE,
            is_public=True,
        )
        draft = Roundtable(uid="draft-1@roundtable.example", title="Ongeplande tafel")
        session.add_all([own, company, ministry, anna, yuki, erased, cancelled, draft])
        session.flush()

        session.add_all(
            [
                RoundtableEvent(
                    roundtable=cancelled,
                    at=CREATED,
                    actor="tester",
                    action=RoundtableAction.CREATED,
                    from_status=None,
                    to_status=RoundtableStatus.DRAFT,
                    sequence=0,
                ),
                RoundtableEvent(
                    roundtable=cancelled,
                    at=EDITED,
                    actor="Ånne",
                    action=RoundtableAction.CANCELLED,
                    from_status=RoundtableStatus.SCHEDULED,
                    to_status=RoundtableStatus.CANCELLED,
                    sequence=2,
                    reason="Lack of enthusiasm",
                    detail="start 7 Sep 14:00 → cancelled",
                ),
            ]
        )
        invited = Invitation(
            roundtable=cancelled,
            person=anna,
            organisation=own,
            role=InvitationRole.SPEAKER,
            status=InvitationStatus.WITHDRAWN,
            consent_to_be_named=True,
            notes="Delegation lead\n(two seats)",
        )
        org_only = Invitation(
            roundtable=cancelled, person=None, organisation=ministry, notes="Any official"
        )
        person_only = Invitation(
            roundtable=cancelled,
            person=yuki,
            organisation=None,
            role=InvitationRole.OBSERVER,
            status=InvitationStatus.NOT_SENT,
        )
        session.add_all([invited, org_only, person_only])
        session.flush()
        session.add_all(
            [
                InvitationEvent(
                    invitation=invited,
                    at=CREATED,
                    actor="tester",
                    party=Party.COORDINATOR,
                    source=ChangeSource.MANUAL,
                    from_status=None,
                    to_status=InvitationStatus.NOT_SENT,
                ),
                InvitationEvent(
                    invitation=invited,
                    at=EDITED,
                    actor="tester",
                    party=Party.HOST,
                    source=ChangeSource.CALENDAR_REPLY,
                    from_status=InvitationStatus.ACCEPTED,
                    to_status=InvitationStatus.WITHDRAWN,
                    reason="Host withdrew: «lack of enthusiasm»",
                ),
                Question(
                    roundtable=cancelled,
                    asked_by_person=anna,
                    asked_by_organisation=own,
                    position=0,
                    text="Welke gegevens worden bewaard?\nEn hoe lang?",
                    status=QuestionStatus.ANSWERED,
                    answer="Zes maanden ✅",
                ),
                Question(roundtable=cancelled, position=1, text="どのくらい保存しますか？"),
                Question(
                    roundtable=cancelled,
                    asked_by_organisation=ministry,
                    position=2,
                    text="Legal basis?",
                    status=QuestionStatus.WITHDRAWN,
                ),
            ]
        )
        agenda = AgendaItem(roundtable=cancelled, position=0, title="Opening & introductions")
        empty_agenda = AgendaItem(roundtable=cancelled, position=1, title="Any other business")
        session.add_all([agenda, empty_agenda])
        session.flush()
        session.add_all(
            [
                MinuteNote(
                    agenda_item=agenda,
                    position=0,
                    kind=NoteKind.DECISION,
                    text="Minutes are public.\nNames are not.",
                    speaker_person=anna,
                    speaker_organisation=own,
                    not_for_attribution=True,
                ),
                MinuteNote(agenda_item=agenda, position=1, text="Coffee ☕"),
                ActionItem(
                    roundtable=cancelled,
                    agenda_item=agenda,
                    description="Send the question list",
                    owner_person=anna,
                    owner_organisation=own,
                    due_on=date(2023, 9, 10),
                    done=True,
                    # Microseconds survive the round trip too.
                    done_at=datetime(2023, 9, 9, 16, 45, 12, 345678, tzinfo=UTC),
                ),
                ActionItem(roundtable=cancelled, description="Ask again in December"),
                FollowUp(
                    roundtable=cancelled,
                    organisation=company,
                    dated=date(2023, 12, 3),
                    title="Update",
                    body=MULTILINE,
                    stance="Neutral 🤷",
                ),
                FollowUp(roundtable=cancelled, dated=date(2024, 2, 1)),
            ]
        )
        published = Statement(
            slug="rondetafels-2023",
            title="Waarom wij niet meer aanschuiven",
            language="nl",
            summary="Samenvatting\nin twee regels",
            status=StatementStatus.PUBLISHED,
            published_on=date(2023, 12, 3),
            template_name="statement",
            translation_note="Machine translation, reviewed by Anna",
            roundtables=[cancelled, draft],
        )
        unpublished = Statement(slug="draft", title="Concept")
        session.add_all([published, unpublished])
        session.flush()
        session.add_all(
            [
                StatementSection(
                    statement=published,
                    position=0,
                    key="introduction",
                    heading="Inleiding",
                    body=MULTILINE,
                ),
                StatementSection(statement=published, position=1),
                Reference(
                    statement=published,
                    key="fd-2023-09-05",
                    position=0,
                    title="Article in a newspaper",
                    url="https://example.com/a?b=c",
                    publisher="Het Financieele Dagblad",
                    published_on=date(2023, 9, 5),
                    note="Paywall",
                ),
                Reference(statement=published, key="letter", position=1, title="Our letter"),
                StatementUpdate(
                    statement=published, dated=date(2023, 12, 3), title="Update", body="Body 🎉"
                ),
                StatementUpdate(statement=published, dated=date(2024, 1, 15)),
                AuditEntry(
                    at=EDITED,
                    actor="tester",
                    action="import-csv",
                    entity_type="person",
                    entity_id=1,
                    detail='{"created": 3}',
                ),
                AuditEntry(at=EDITED, actor="", action="export-json"),
            ]
        )
        session.flush()
    # A later edit: version counters above 1 and updated_at after created_at.
    with context.frozen_clock(EDITED):
        company.notes = "Declined the second invitation."
        anna.role = "Senior beleidsadviseur"
        invited.notes = "Withdrawn by the host"
        session.flush()
        company.website = "https://telecom.example.gr"
        session.flush()


def _row_counts(database: Database) -> dict[str, int]:
    with database.transaction() as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
            if table.name not in NOT_EXPORTED
        }


def _assert_empty(database: Database) -> None:
    assert set(_row_counts(database).values()) == {0}


@pytest.fixture
def second_db(tmp_path: Path) -> Iterator[Database]:
    """Another migrated, empty database (the import target)."""
    database = open_database(tmp_path / "second.sqlite3")
    yield database
    database.close()


@pytest.fixture
def rich_text(db: Database) -> str:
    with db.transaction() as session:
        _build_rich_database(session)
    with db.transaction() as session:
        return dump_json(export_database(session))


def _schema_validator() -> Draft202012Validator:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


# --------------------------------------------------------------------------- export


def test_export_of_empty_database(db: Database) -> None:
    with db.transaction() as session:
        data = export_database(session)
    assert data == {
        "format_version": FORMAT_VERSION,
        "generator": f"Roundtable {__version__}",
        "organisations": [],
        "people": [],
        "roundtables": [],
        "statements": [],
        "audit_log": [],
    }
    assert dump_json(data).endswith("}\n")


def test_export_holds_every_row_nested_and_formatted(db: Database, rich_text: str) -> None:
    data = json.loads(rich_text)
    assert [o["id"] for o in data["organisations"]] == [1, 2, 3]
    company = data["organisations"][1]
    assert company["version"] == 3
    assert company["created_at"] == "2023-08-20T09:00:00Z"
    assert company["updated_at"] == "2023-09-05T10:00:00Z"
    assert company["kind"] == "company"
    assert company["email"] is None

    roundtable = data["roundtables"][0]
    assert roundtable["status"] == "cancelled"
    assert roundtable["starts_at"] == "2023-09-07T12:00:00Z"
    assert roundtable["host_organisation_id"] == 2
    assert "roundtable_id" not in roundtable["history"][0]
    assert [e["from_status"] for e in roundtable["history"]] == [None, "scheduled"]
    invitation = roundtable["invitations"][0]
    assert [e["to_status"] for e in invitation["history"]] == ["not_sent", "withdrawn"]
    assert roundtable["invitations"][1]["person_id"] is None
    assert roundtable["invitations"][2]["organisation_id"] is None
    assert len(roundtable["agenda_items"][0]["notes"]) == 2
    assert roundtable["agenda_items"][1]["notes"] == []
    assert roundtable["action_items"][0]["done_at"] == "2023-09-09T16:45:12.345678Z"
    assert roundtable["action_items"][0]["due_on"] == "2023-09-10"
    assert roundtable["follow_ups"][1]["organisation_id"] is None

    statement = data["statements"][0]
    assert statement["roundtable_ids"] == [1, 2]
    assert [r["key"] for r in statement["references"]] == ["fd-2023-09-05", "letter"]
    assert data["statements"][1]["roundtable_ids"] == []
    assert [a["entity_id"] for a in data["audit_log"]] == [1, None]

    # Characters are written as themselves, and nothing records the export time.
    assert "🛡️" in rich_text and "経済産業省" in rich_text and "\\u" not in rich_text
    assert "2026" not in rich_text


def test_export_is_reproducible_whatever_the_clock(db: Database, rich_text: str) -> None:
    with context.frozen_clock(datetime(2030, 1, 1, tzinfo=UTC)), db.transaction() as session:
        assert dump_json(export_database(session)) == rich_text


def test_export_validates_against_the_shipped_schema(rich_text: str) -> None:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = [e.message for e in _schema_validator().iter_errors(json.loads(rich_text))]
    assert errors == []
    validate_document(json.loads(rich_text))


def test_schema_describes_every_column_of_every_table() -> None:
    """A new column without a schema change fails here, not in a user's import."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    defs = schema["$defs"]
    covered = {"statement_roundtable"}  # written as statements[].roundtable_ids
    for _key, table, parent_column in iter_tables():
        covered.add(table.name)
        definition = defs[table.name]
        assert definition["additionalProperties"] is False
        columns = {c.name: c for c in table.columns if c.name != parent_column}
        properties = definition["properties"]
        assert set(columns) <= set(properties), table.name
        optional = set(LATER_COLUMNS.get(table.name, {}))
        assert set(definition["required"]) == set(properties) - optional, table.name
        for name, column in columns.items():
            types = properties[name]["type"]
            assert ("null" in types) == column.nullable, f"{table.name}.{name}"
        assert parent_column is None or parent_column not in properties
    assert covered == set(Base.metadata.tables) - NOT_EXPORTED
    assert set(schema["required"]) == set(schema["properties"])


# --------------------------------------------------------------------------- round trip


def test_round_trip_is_byte_identical(
    db: Database, second_db: Database, rich_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    path.write_text(rich_text, encoding="utf-8")
    data = load_json_file(path)
    with second_db.transaction() as session:
        summary = import_database(session, data)
    with second_db.transaction() as session:
        again = dump_json(export_database(session))
    assert again == rich_text
    assert summary == ImportSummary(
        organisations=3,
        people=3,
        roundtables=2,
        roundtable_events=2,
        invitations=3,
        invitation_events=2,
        questions=3,
        agenda_items=2,
        minute_notes=2,
        action_items=2,
        follow_ups=2,
        statements=2,
        statement_sections=2,
        references=2,
        statement_updates=2,
        statement_roundtable_links=2,
        audit_entries=2,
    )
    assert summary.total == sum(_row_counts(second_db).values())
    assert _row_counts(second_db) == _row_counts(db)


def test_import_keeps_ids_and_versions_and_later_rows_get_new_ids(
    second_db: Database, rich_text: str
) -> None:
    with second_db.transaction() as session:
        import_database(session, json.loads(rich_text))
    with second_db.transaction() as session:
        company = session.get(Organisation, 2)
        assert company is not None and company.version == 3
        assert company.created_at == CREATED
        invitation = session.get(Invitation, 1)
        assert invitation is not None and invitation.person is not None
        assert invitation.person.name == "Anna de Wit"
        assert invitation.status is InvitationStatus.WITHDRAWN
        # The ORM's optimistic locking carries on from the imported counter.
        company.notes = "Edited after import"
        session.flush()
        assert company.version == 4
        newcomer = Organisation(name="Nieuwe stichting")
        session.add(newcomer)
        session.flush()
        assert newcomer.id == 4


def test_import_writes_no_audit_row(second_db: Database) -> None:
    data = load_json_file(DATA / "valid_minimal.json")
    with second_db.transaction() as session:
        summary = import_database(session, data)
    assert summary.people == 2 and summary.invitation_events == 1
    assert _row_counts(second_db)["audit_entry"] == 0


def test_demo_round_trips(db: Database, second_db: Database) -> None:
    from roundtable.demo import load_demo

    with db.transaction() as session:
        load_demo(session)
    with db.transaction() as session:
        first = dump_json(export_database(session))
    demo = json.loads(first)
    validate_document(demo)
    assert demo["roundtables"] and demo["people"] and demo["statements"]
    with second_db.transaction() as session:
        import_database(session, json.loads(first))
    with second_db.transaction() as session:
        assert dump_json(export_database(session)) == first


# --------------------------------------------------------------------------- refusals


def test_import_into_a_database_with_data_is_refused(db: Database, rich_text: str) -> None:
    before = _row_counts(db)
    refusal = "already holds data; import into a new, empty"
    with pytest.raises(InterchangeError, match=refusal), db.transaction() as session:
        import_database(session, json.loads(rich_text))
    assert _row_counts(db) == before


BAD_FILES = [
    ("malformed.json", "is not valid JSON: Expecting ',' delimiter at line 4, column 3."),
    ("not_utf8.json", "is not UTF-8 text (byte 0xfc on line 55"),
    ("wrong_version.json", "uses interchange format version 2, written by a newer Roundtable"),
    ("missing_key.json", "people[1]: the key 'email' is missing."),
    (
        "bad_enum.json",
        "roundtables[0].invitations[0].status: 'maybe' is not one of 'not_sent', 'invited',",
    ),
    ("invalid_email.json", "people[1].email: 'jan@example' is not a valid e-mail address."),
    ("unknown_key.json", "people[0]: the key 'nickname' is not part of the format."),
    (
        "bad_datetime.json",
        "roundtables[0].starts_at: '2023-09-07 14:00' is not a UTC time such as",
    ),
    (
        "dangling_reference.json",
        "roundtables[0].invitations[0].person_id: there is no person with id 99 in the file.",
    ),
]


@pytest.mark.parametrize(("filename", "message"), BAD_FILES)
def test_bad_file_is_refused_with_its_problem_named(
    db: Database, filename: str, message: str
) -> None:
    path = DATA / filename
    with pytest.raises(InterchangeError) as caught, db.transaction() as session:
        import_database(session, load_json_file(path))
    assert message in str(caught.value)
    if filename != "dangling_reference.json":  # the schema accepts it; the import refuses
        assert str(path) in str(caught.value)
    _assert_empty(db)


def test_the_bad_files_differ_from_a_valid_one_only_in_their_fault(db: Database) -> None:
    with db.transaction() as session:
        summary = import_database(session, load_json_file(DATA / "valid_minimal.json"))
    assert summary.roundtables == 1 and summary.invitations == 1


def test_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(InterchangeError, match="there is no such file"):
        load_json_file(path)
    with pytest.raises(InterchangeError, match="it is a folder"):
        load_json_file(tmp_path)


def test_other_json_faults_are_named(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"format_version": 1, "format_version": 1}', encoding="utf-8")
    with pytest.raises(InterchangeError, match="the key 'format_version' appears twice"):
        load_json_file(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InterchangeError, match="it is not a JSON object"):
        load_json_file(path)
    path.write_text('{"format_version": "1"}', encoding="utf-8")
    with pytest.raises(InterchangeError, match="format_version '1' is not one Roundtable knows"):
        load_json_file(path)


def _minimal() -> dict[str, Any]:
    return json.loads((DATA / "valid_minimal.json").read_text(encoding="utf-8"))


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(_minimal())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["people"][1].update(id=1),
            "people[1].id: the id 1 is used twice (also at people[0]).",
        ),
        (
            lambda d: d["people"][1].update(email="ANNA@example.org"),
            "people[1].email: the e-mail address 'ANNA@example.org' is already used at people[0].",
        ),
        (
            lambda d: d["organisations"][1].update(name="Bits of Freedom"),
            "organisations[1].name: the organisation name 'Bits of Freedom' is already used",
        ),
        (
            lambda d: d["roundtables"][0].update(ends_at="2023-09-07T11:00:00Z"),
            "roundtables[0].ends_at: the end must be after the start.",
        ),
        (
            lambda d: d["roundtables"][0].update(timezone="Mars/Olympus_Mons"),
            "roundtables[0].timezone: 'Mars/Olympus_Mons' is not a known time zone",
        ),
        (
            lambda d: d["roundtables"][0].update(timezone="Europe"),
            "roundtables[0].timezone: 'Europe' is not a known time zone",
        ),
        (
            lambda d: d["roundtables"][0]["invitations"][0].update(
                person_id=None, organisation_id=None
            ),
            "roundtables[0].invitations[0]: an invitation must name a person or an organisation.",
        ),
        (
            lambda d: d["people"][0].update(organisation_id=7),
            "people[0].organisation_id: there is no organisation with id 7 in the file.",
        ),
        (
            lambda d: d["statements"].append(
                {
                    "id": 1,
                    "slug": "s",
                    "title": "S",
                    "language": "en",
                    "summary": "",
                    "status": "draft",
                    "published_on": None,
                    "template_name": "statement",
                    "translation_note": "",
                    "created_at": "2023-08-20T09:00:00Z",
                    "updated_at": "2023-08-20T09:00:00Z",
                    "updated_by": "",
                    "version": 1,
                    "sections": [],
                    "references": [],
                    "updates": [],
                    "roundtable_ids": [1, 5],
                }
            ),
            "statements[0].roundtable_ids[1]: there is no roundtable with id 5 in the file.",
        ),
        (
            lambda d: d["organisations"][0].update(kind="club", is_own="yes"),
            "organisations[0].is_own: expected true or false, found text (and 1 more problem).",
        ),
        (
            lambda d: d["people"][0].update(erased_at="2024-02-30T00:00:00Z"),
            "people[0].erased_at: '2024-02-30T00:00:00Z' is not a UTC time",
        ),
        (lambda d: d.pop("audit_log"), "the top level: the key 'audit_log' is missing."),
    ],
)
def test_document_faults_are_refused_before_writing(
    db: Database, change: Any, message: str
) -> None:
    with pytest.raises(InterchangeError) as caught, db.transaction() as session:
        import_database(session, _broken(change))
    assert message in str(caught.value)
    _assert_empty(db)


def test_a_file_from_before_a_later_column_still_imports(db: Database) -> None:
    """Files written by an earlier release lack columns added since; they take their default."""
    data = load_json_file(DATA / "valid_minimal.json")
    assert all("retention_reviewed_at" not in p for p in data["people"])
    with db.transaction() as session:
        import_database(session, data)
    with db.session() as session:
        people = session.scalars(select(Person)).all()
        assert people and all(p.retention_reviewed_at is None for p in people)
    assert "retention_reviewed_at" in LATER_COLUMNS["person"]
