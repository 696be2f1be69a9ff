"""``roundtable contacts import|export`` end to end through ``main([...])``."""

from __future__ import annotations

import codecs
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from roundtable import actions, context
from roundtable.cli import main
from roundtable.contacts import actions as contacts_actions
from roundtable.contacts.planning import plan_import
from roundtable.contacts.reading import read_contacts_file
from roundtable.people import persons
from roundtable.storage.db import open_database
from roundtable.storage.interchange import export_database

DATA = Path(__file__).resolve().parent / "data" / "contacts"
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with context.frozen_clock(NOW):
        code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("roundtable: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows read with plain sqlite3, independent of the code under test."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "roundtable.sqlite3"
    open_database(path).close()
    return path


def test_import_without_yes_prints_the_preview_and_writes_nothing(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = DATA / "invalid-rows.csv"
    code, out, err = run(capsys, "contacts", "import", str(file), "--db", str(db_file))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Read invalid-rows.csv: CSV, UTF-8, comma-separated, 9 rows.",
        "Columns:",
        "  Name          → Name",
        "  Email         → E-mail",
        "  Organisation  → Organisation",
        "Line 3: reject Joost Brouwer <joost.brouwer@>: "
        "'joost.brouwer@' is not a valid e-mail address.",
        "Line 4: reject (no name) <nameless@example.org>: no name",
        "Line 5: reject Sanne Dekker <sanne dekker at example.org>: "
        "'sanne dekker at example.org' is not a valid e-mail address.",
        "Line 6: skip Karin Hoek (again) <KARIN.HOEK@example.org>: same e-mail as line 2",
        "Line 8: skip Willem Boer: no e-mail, and the same name and organisation as line 7",
        "New organisations: Privacy First, Bits of Freedom",
        "4 to add, 0 to update, 2 skipped as duplicates, 3 rejected.",
        "Nothing written; run again with --yes to import.",
    ]
    assert rows(db_file, "SELECT count(*) FROM person") == [(0,)]
    assert rows(db_file, "SELECT count(*) FROM organisation") == [(0,)]
    assert rows(db_file, "SELECT count(*) FROM audit_entry") == [(0,)]


def test_import_with_yes_writes_and_says_what(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "--db", str(db_file), "--user", "Anna", "contacts", "import",
        str(DATA / "google.csv"), "--yes",
    )  # fmt: skip
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Read google.csv: Google Contacts CSV, UTF-8, comma-separated, 4 rows."
    assert "  Organization 1 - Title  → Role" in lines
    assert "  (44 other columns not imported)" in lines
    assert lines[-2] == "4 to add, 0 to update, 0 skipped as duplicates, 0 rejected."
    assert (
        lines[-1]
        == "Imported google.csv: added 4 people, updated 0 people, created 3 organisations."
    )
    assert rows(db_file, "SELECT count(*) FROM person") == [(4,)]
    [(actor, action, detail)] = rows(db_file, "SELECT actor, action, detail FROM audit_entry")
    assert (actor, action) == ("Anna", "contacts.import")
    assert json.loads(str(detail))["added"] == 4

    # Again, with changes: the updates are listed with what they change.
    code, out, err = run(
        capsys, "contacts", "import", str(DATA / "updates.csv"), "--yes", "--db", str(db_file)
    )
    assert (code, err) == (0, "")
    assert (
        "Line 2: update Jan de Vries <JAN.DEVRIES@privacyfirst.example>: "
        "Role “Policy officer” → “Head of policy”"
    ) in out
    assert (
        "Line 4: update Pieter van Dam <p.vandam@tiktok.example>: "
        "Organisation “TikTok” → “ByteDance”; Phone (empty) → “+31 20 555 0177”"
    ) in out
    assert "Line 3: skip Sophie Laurent <s.laurent@edri.example>: already in the database" in out
    assert out.splitlines()[-1] == (
        "Imported updates.csv: added 1 person, updated 2 people, created 2 organisations."
    )
    assert rows(
        db_file, "SELECT role FROM person WHERE email = 'jan.devries@privacyfirst.example'"
    ) == [("Head of policy",)]


def test_import_and_export_run_the_actions_the_app_runs(
    db_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    performed: list[str] = []
    real_perform = actions.perform

    def perform(database: Any, action: Any) -> Any:
        performed.append(action.name)
        return real_perform(database, action)

    monkeypatch.setattr(actions, "perform", perform)
    run(capsys, "contacts", "import", str(DATA / "google.csv"), "--db", str(db_file))
    assert performed == []  # the preview writes nothing
    code, _out, err = run(
        capsys, "contacts", "import", str(DATA / "google.csv"), "--yes", "--db", str(db_file)
    )
    assert (code, err) == (0, "")
    code, _out, err = run(
        capsys, "contacts", "export", "-o", str(tmp_path / "people.vcard"), "--db", str(db_file)
    )
    assert (code, err) == (0, "")
    assert performed == ["contacts.actions.import_contacts", "contacts.actions.record_export"]

    # The same import through the action itself writes the same rows.
    other = open_database(tmp_path / "other.sqlite3")
    try:
        plan = other.read(plan_import, read_contacts_file(DATA / "google.csv"))
        with context.frozen_clock(NOW):
            real_perform(other, contacts_actions.import_contacts(plan))
        with other.transaction() as session:
            by_action = export_database(session)
    finally:
        other.close()
    database = open_database(db_file)
    try:
        with database.transaction() as session:
            by_cli = export_database(session)
    finally:
        database.close()
    for document in (by_action, by_cli):
        document.pop("exported_at", None)
        document["audit_log"] = [
            (e["action"], e["detail"])
            for e in document["audit_log"]
            if e["action"] != "contacts.export"
        ]
    assert by_cli == by_action


def test_vcard_import_prints_its_warnings(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "contacts", "import", str(DATA / "vcard4.vcf"), "--db", str(db_file)
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "Read vcard4.vcf: vCard, UTF-8, 2 cards.",
        "Warning: 1 photo was skipped.",
        "Warning: 1 card has more than one e-mail address; the preferred (or else the first) "
        "one is used.",
        "Warning: 1 card describes an organisation or group, not a person, and was left out.",
    ]
    assert "  E-mail (EMAIL)      → E-mail" in lines


def test_map_replaces_the_guessed_mapping(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "leden.csv"
    file.write_text("Wie;Adres;Werkgever;Verjaardag\nAda Lovelace;ada@example.org;AE;10-12\n")
    code, out, _err = run(capsys, "contacts", "import", str(file), "--db", str(db_file))
    assert code == 0
    assert "Warning: No column is mapped to a name" in out
    assert "0 to add, 0 to update, 0 skipped as duplicates, 1 rejected." in out

    code, out, err = run(
        capsys, "contacts", "import", str(file), "--db", str(db_file), "--yes",
        "--map", "wie=name", "--map", "Adres=E-mail", "--map", "3=organisation",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "  Wie        → Name" in out
    assert "  Werkgever  → Organisation" in out
    assert "(1 other column not imported)" in out
    assert rows(db_file, "SELECT name, email FROM person") == [("Ada Lovelace", "ada@example.org")]


@pytest.mark.parametrize(
    ("option", "fragments"),
    [
        ("Name", ("--map 'Name' is not COLUMN=FIELD",)),
        ("Phone=phone", ("invalid-rows.csv has no column 'Phone'", "Name, Email, Organisation")),
        ("9=phone", ("has no column '9'", "a number from 1 to 3")),
        ("Email=birthday", ("'birthday' is not a field to import into", "preferred_language")),
    ],
)
def test_a_bad_map_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, fragments: tuple[str, ...]
) -> None:
    db_file = tmp_path / "never.sqlite3"
    code, out, err = run(
        capsys, "contacts", "import", str(DATA / "invalid-rows.csv"), "--map", option,
        "--db", str(db_file),
    )  # fmt: skip
    assert (code, out) == (2, "")
    one_line_error(err, *fragments)
    assert not db_file.exists()  # checked before the database was opened


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("broken.vcf", "the card that begins on line 6 has no END:VCARD"),
        ("utf16-no-bom.csv", "byte 0x00 on line 1"),
        ("picture.png", "picture.png is a PNG image, not a CSV or vCard file"),
        ("missing.csv", "There is no file"),
    ],
)
def test_a_file_that_cannot_be_read_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, fragment: str
) -> None:
    db_file = tmp_path / "never.sqlite3"
    code, out, err = run(
        capsys, "contacts", "import", str(DATA / name), "--yes", "--db", str(db_file)
    )
    assert (code, out) == (2, "")
    one_line_error(err, fragment)
    assert not db_file.exists()


def test_an_import_outdated_by_another_desk_writes_nothing(
    db_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from roundtable.contacts import planning
    from roundtable.contacts import source as contacts_source

    real_plan = planning.plan_import

    def plan_then_someone_else_adds(
        session: Session, source: contacts_source.SourceTable, mapping: object = None
    ) -> planning.ImportPlan:
        plan = real_plan(session, source, mapping)  # type: ignore[arg-type]
        # Between the preview and the write, another desk adds the same address
        # (the preview's transaction is over before the import's begins).
        persons.create_person(session, "Someone", email="p.vandam@tiktok.example")
        return plan

    monkeypatch.setattr(planning, "plan_import", plan_then_someone_else_adds)
    code, _out, err = run(
        capsys, "contacts", "import", str(DATA / "google.csv"), "--yes", "--db", str(db_file)
    )
    assert code == 2
    one_line_error(err, "Nothing was imported: line 6 would add Pieter van Dam")
    assert rows(db_file, "SELECT name FROM person") == [("Someone",)]  # the other desk's
    assert rows(db_file, "SELECT count(*) FROM organisation") == [(0,)]
    assert rows(db_file, "SELECT count(*) FROM audit_entry") == [(0,)]


@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
def test_export_writes_the_file_and_the_audit_row(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    run(capsys, "contacts", "import", str(DATA / "google.csv"), "--yes", "--db", str(db_file))
    target = tmp_path / "out" / f"people{suffix}"
    target.parent.mkdir()
    code, out, err = run(capsys, "contacts", "export", "-o", str(target), "--db", str(db_file))
    assert (code, err) == (0, "")
    assert out == f"Exported 4 people to {target}.\n"
    data = target.read_bytes()
    if suffix == ".csv":
        assert data.startswith(codecs.BOM_UTF8 + b"Name,E-mail,Organisation,")
        assert data.count(b"\r\n") == 5
    else:
        assert data.count(b"BEGIN:VCARD\r\nVERSION:3.0\r\n") == 4
    audit = rows(db_file, "SELECT action, detail FROM audit_entry ORDER BY id")
    assert audit[-1][0] == "contacts.export"
    assert json.loads(str(audit[-1][1])) == {
        "format": "csv" if suffix == ".csv" else "vcard",
        "count": 4,
        "file": f"people{suffix}",
    }
    assert list(tmp_path.joinpath("out").iterdir()) == [target]  # no temporary file left


def test_export_leaves_out_erased_people(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(db_file)
    try:
        with database.transaction() as session:
            persons.create_person(session, "Ada Lovelace", email="ada@example.org")
            erased = persons.create_person(session, "Erased person #2")
            erased.erased_at = NOW
    finally:
        database.close()
    target = tmp_path / "people.vcf"
    code, out, _err = run(capsys, "contacts", "export", "-o", str(target), "--db", str(db_file))
    assert (code, out) == (0, f"Exported 1 person to {target}.\n")
    assert b"Erased" not in target.read_bytes()


def test_export_needs_a_known_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_file = tmp_path / "never.sqlite3"
    code, out, err = run(
        capsys, "contacts", "export", "-o", str(tmp_path / "people.xlsx"), "--db", str(db_file)
    )
    assert (code, out) == (2, "")
    one_line_error(err, "people.xlsx", "must end in .csv or .vcf")
    assert not db_file.exists()


def test_contacts_without_a_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "contacts")
    assert (code, out) == (2, "")
    assert err.startswith("usage: roundtable contacts")
    assert "choose a contacts command: import or export." in err


def test_help_lists_the_contacts_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "contacts", "--help")
    assert code == 0
    assert "import" in out and "export" in out
    code, out, _err = run(capsys, "contacts", "import", "--help")
    assert code == 0
    assert "--yes" in out and "COLUMN=FIELD" in out
    # The export offers the formats of the registry (roundtable.contacts.formats).
    code, out, _err = run(capsys, "contacts", "export", "--help")
    assert code == 0
    assert "CSV for spreadsheets (.csv) or vCard (.vcf)" in " ".join(out.split())
    assert "(.csv or .vcf)" in out
