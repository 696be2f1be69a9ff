"""Contacts import and export: reading CSV and vCard files, planning, applying, exporting.

The files in ``tests/data/contacts/`` are checked against the table in their README,
so the table and the code cannot drift apart.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest
import vobject
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import actions
from roundtable.contacts import actions as contacts_actions
from roundtable.contacts import applying, formats, planning, reading
from roundtable.contacts import source as contacts_source
from roundtable.contacts.applying import apply_import
from roundtable.contacts.csv_format import export_people_csv
from roundtable.contacts.export import people_for_export, record_export
from roundtable.contacts.layouts import CSV_EXPORT_HEADERS, Field, guess_mapping, parse_field
from roundtable.contacts.planning import RowAction, plan_import, summary_line
from roundtable.contacts.reading import read_contacts_bytes, read_contacts_file
from roundtable.contacts.vcard import export_people_vcard
from roundtable.errors import (
    ContactsError,
    ImportOutdatedError,
    NotFoundError,
    UndoConflictError,
    ValidationError,
)
from roundtable.people import organisations as people_organisations
from roundtable.people import persons
from roundtable.storage.db import Database, open_database
from roundtable.storage.models import AuditEntry, Organisation, Person

DATA = Path(__file__).resolve().parent.parent / "data" / "contacts"
ERASED_AT = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _readme_rows() -> list[tuple[str, str, str, str, str]]:
    rows = []
    text = (DATA / "README.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        match = re.match(r"^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", line)
        if match:
            name, layout, encoding, database, expected = (g.strip() for g in match.groups())
            rows.append((name, layout, encoding, database, expected))
    return rows


README_ROWS = _readme_rows()
ACCEPTED = [row for row in README_ROWS if not row[4].startswith("refused:")]
REFUSED = [row for row in README_ROWS if row[4].startswith("refused:")]


def _counts(expected: str) -> dict[str, int]:
    return {
        word: int(n) for n, word in re.findall(r"(\d+) (added|updated|skipped|rejected)", expected)
    }


def _plan_counts(plan: planning.ImportPlan) -> dict[str, int]:
    return {
        "added": plan.count(RowAction.ADD),
        "updated": plan.count(RowAction.UPDATE),
        "skipped": plan.count(RowAction.SKIP),
        "rejected": plan.count(RowAction.REJECT),
    }


def _count(db: Database, model: type) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _import(db: Database, source: contacts_source.SourceTable) -> applying.ImportResult:
    with db.transaction() as session:
        return apply_import(session, plan_import(session, source))


def _person(session: Session, email: str) -> Person:
    person = persons.find_person_by_email(session, email)
    assert person is not None, email
    return person


def _people(session: Session) -> list[tuple[str, str, str, str, str, str, str]]:
    return sorted(
        (
            p.name,
            p.email or "",
            p.organisation.name if p.organisation else "",
            p.role,
            p.phone,
            p.preferred_language,
            p.notes,
        )
        for p in session.scalars(select(Person))
    )


def _csv(text: str, name: str = "people.csv") -> contacts_source.SourceTable:
    return read_contacts_bytes(text.encode("utf-8"), name)


# ======================================================================================
# The files of tests/data/contacts, as the README says
# ======================================================================================


def test_the_readme_lists_every_file_and_nothing_else() -> None:
    listed = {row[0] for row in README_ROWS}
    present = {path.name for path in DATA.iterdir() if path.name != "README.md"}
    assert listed == present
    assert len(ACCEPTED) >= 12 and len(REFUSED) >= 4


@pytest.mark.parametrize(
    ("name", "layout", "encoding", "database", "expected"), ACCEPTED, ids=[r[0] for r in ACCEPTED]
)
def test_file_imports_as_the_readme_says(
    db: Database, name: str, layout: str, encoding: str, database: str, expected: str
) -> None:
    if database == "after google.csv":
        _import(db, read_contacts_file(DATA / "google.csv"))
    else:
        assert database == "empty"
    people_before = _count(db, Person)
    counts = _counts(expected)
    source = read_contacts_file(DATA / name)
    assert (source.layout, source.encoding) == (layout, encoding)
    assert source.name == name

    with db.transaction() as session:
        plan = plan_import(session, source)
        assert _plan_counts(plan) == counts
        result = apply_import(session, plan)
    assert (len(result.added), len(result.updated)) == (counts["added"], counts["updated"])
    assert _count(db, Person) == people_before + counts["added"]

    # The same file again finds everyone it added or updated already there.
    with db.transaction() as session:
        again = plan_import(session, source)
    assert again.count(RowAction.ADD) == again.count(RowAction.UPDATE) == 0
    assert again.count(RowAction.REJECT) == counts["rejected"]


@pytest.mark.parametrize(
    ("name", "layout", "encoding", "database", "expected"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_file_is_refused_as_the_readme_says(
    name: str, layout: str, encoding: str, database: str, expected: str
) -> None:
    fragment = expected.removeprefix("refused:").strip()
    with pytest.raises(ContactsError) as from_file:
        read_contacts_file(DATA / name)
    assert fragment in str(from_file.value)
    assert str(from_file.value).startswith(name)
    with pytest.raises(ContactsError) as from_bytes:
        read_contacts_bytes((DATA / name).read_bytes(), name)
    assert str(from_bytes.value) == str(from_file.value)


# ======================================================================================
# What the layouts hold
# ======================================================================================


def test_google_export_values(db: Database) -> None:
    source = read_contacts_file(DATA / "google.csv")
    # Quoted cells with line breaks: each row starts on its own line.
    assert [row.line for row in source.rows] == [2, 4, 6, 7]
    assert len(source.headers) == 56
    _import(db, source)
    with db.transaction() as session:
        sophie = _person(session, "s.laurent@edri.example")  # the first of "a ::: b"
        assert (sophie.name, sophie.role, sophie.preferred_language) == (
            "Sophie Laurent",
            "Senior policy advisor",
            "fr",
        )
        assert sophie.notes == "Met at the first roundtable.\nPrefers e-mail."
        assert persons.find_person_by_email(session, "sophie@home.example") is None
        pieter = _person(session, "p.vandam@tiktok.example")
        assert pieter.name == "Pieter van Dam"  # given + additional + family name
        lotte = session.scalars(select(Person).where(Person.name == "Lotte Bakker")).one()
        assert lotte.email is None
        assert lotte.organisation is not None and lotte.organisation.name == "Privacy First"
        assert lotte.phone == "06 5555 0199"
        names = sorted(session.scalars(select(Organisation.name)))
    assert names == ["European Digital Rights", "Privacy First", "TikTok"]


def test_outlook_export_values(db: Database) -> None:
    source = read_contacts_file(DATA / "outlook.csv")
    assert len(source.headers) == 92
    assert source.mapping[source.headers.index("Title")] is Field.IGNORE  # the salutation
    _import(db, source)
    with db.transaction() as session:
        hannah = _person(session, "h.visser@uva.example")
        assert (hannah.name, hannah.role, hannah.phone) == (
            "Hannah Visser",
            "Associate professor",
            "+31 20 555 0177",  # Business Phone before Mobile Phone
        )
        mark = _person(session, "mark.jansen@tiktok.example")  # from E-mail 2 Address
        assert (mark.name, mark.preferred_language) == ("Mark P. Jansen", "en")
        assert mark.notes == "Only reachable through his assistant."
        eva = _person(session, "eva.smit@minjenv.example")
        assert eva.phone == "06 5555 0123"


def test_google_new_export_values(db: Database) -> None:
    _import(db, read_contacts_file(DATA / "google-new.csv"))
    with db.transaction() as session:
        tomasz = _person(session, "tomasz.nowak@panoptykon.example")  # E-mail 2 - Value
        assert (tomasz.name, tomasz.role) == ("Tomasz J. Nowak", "Lawyer")
        anna = _person(session, "anna.dewit@privacyfirst.example")
        assert anna.organisation is not None and anna.organisation.name == "Privacy First"
        assert anna.phone == "+31 20 555 0100"


def test_windows_1252_semicolon_file_values(db: Database) -> None:
    source = read_contacts_file(DATA / "semicolon-cp1252.csv")
    assert source.delimiter == ";"
    _import(db, source)
    with db.transaction() as session:
        people = _people(session)
    assert [person[0] for person in people] == [
        "François Lefèvre",
        "Zoë Müller",
        "Åsa Öberg",
        "Ünal Çelik",
    ]
    unal = next(person for person in people if person[0] == "Ünal Çelik")
    assert unal[3:] == (
        "Onderzoeker – privacy",
        "020 555 0133",
        "nl",  # "Nederlands"
        "Eén van de sprekers; “kritisch”",
    )
    assert next(p for p in people if p[0] == "Zoë Müller")[5] == "de"  # "Deutsch"


def test_tab_separated_file_takes_the_apostrophe_off_a_neutralised_formula(db: Database) -> None:
    source = read_contacts_file(DATA / "tab-separated.tsv")
    assert source.delimiter == "\t"
    _import(db, source)
    with db.transaction() as session:
        lukas = _person(session, "lukas.weber@noyb.example")
        assert lukas.notes == '=HYPERLINK("x") was in his notes'


def test_utf8_with_bom_file(db: Database) -> None:
    source = read_contacts_file(DATA / "utf8-bom.csv")
    assert source.headers == ("Name", "Email", "Organisation", "Language")  # no BOM in "Name"
    _import(db, source)
    with db.transaction() as session:
        assert _person(session, "nikos@homodigitalis.example").name == "Νίκος Παπαδόπουλος"
        assert _person(session, "lukasz@panoptykon.example").preferred_language == "pl"


def test_ragged_rows_are_rejected_naming_the_problem(db: Database) -> None:
    source = read_contacts_file(DATA / "ragged.csv")
    assert source.warnings == ("1 empty row was left out.",)
    with db.transaction() as session:
        plan = plan_import(session, source)
    rejected = [(row.line, row.name, row.reason) for row in plan.rows if row.action == "reject"]
    assert rejected == [
        (3, "Bram Peters", "has 4 cells where the header has 5"),
        (4, "Noor Haddad", "has 7 cells where the header has 5"),
    ]
    # Ragged rows keep the cells they have.
    assert source.rows[1].cells == (
        "Bram Peters",
        "bram.peters@example.org",
        "Amnesty International",
        "Campaigner",
    )
    assert len(source.rows[2].cells) == 7


def test_invalid_rows_are_rejected_and_duplicates_skipped_with_reasons(db: Database) -> None:
    source = read_contacts_file(DATA / "invalid-rows.csv")
    with db.transaction() as session:
        plan = plan_import(session, source)
    notable = [(r.line, r.action.value, r.reason) for r in plan.rows if r.action != "add"]
    assert notable == [
        (3, "reject", "'joost.brouwer@' is not a valid e-mail address."),
        (4, "reject", "no name"),
        (5, "reject", "'sanne dekker at example.org' is not a valid e-mail address."),
        (6, "skip", "same e-mail as line 2"),
        (8, "skip", "no e-mail, and the same name and organisation as line 7"),
    ]
    assert plan.new_organisations == ("Privacy First", "Bits of Freedom")
    assert summary_line(plan) == "4 to add, 0 to update, 2 skipped as duplicates, 3 rejected"


def test_updates_change_only_what_the_row_brings(db: Database) -> None:
    _import(db, read_contacts_file(DATA / "google.csv"))
    with db.transaction() as session:
        jan_id = _person(session, "jan.devries@privacyfirst.example").id
    with db.transaction() as session:
        before = _people(session)
    source = read_contacts_file(DATA / "updates.csv")
    with db.transaction() as session:
        plan = plan_import(session, source)
        rows = {row.line: row for row in plan.rows}
        assert rows[2].action is RowAction.UPDATE
        assert rows[2].changes == (("Role", "Policy officer", "Head of policy"),)
        assert rows[2].reason == "updates role"
        assert dict(rows[2].values) == {"role": "Head of policy"}
        assert rows[3].action is RowAction.SKIP and rows[3].reason == "already in the database"
        assert rows[4].changes == (
            ("Organisation", "TikTok", "ByteDance"),
            ("Phone", "", "+31 20 555 0177"),
        )
        assert rows[5].action is RowAction.SKIP
        assert rows[5].person_id is not None
        assert plan.new_organisations == ("ByteDance", "Bits of Freedom")
    done = actions.perform(db, contacts_actions.import_contacts(plan))
    result = done.result
    with db.transaction() as session:
        jan = _person(session, "jan.devries@privacyfirst.example")
        assert jan.role == "Head of policy"
        assert jan.phone == "+31 20 555 0101"  # the empty cell cleared nothing
        assert jan.email == "jan.devries@privacyfirst.example"  # not the capitals of the file
        pieter = _person(session, "p.vandam@tiktok.example")
        assert pieter.organisation is not None and pieter.organisation.name == "ByteDance"
        assert pieter.role == "Public policy manager"
        pieter_id = pieter.id
    assert sorted(result.updated) == sorted([jan_id, pieter_id])
    # Undo puts the updated people back as they were and takes the new organisations away.
    actions.undo(db, done)
    with db.transaction() as session:
        assert _people(session) == before
        assert _person(session, "jan.devries@privacyfirst.example").role == "Policy officer"
        assert people_organisations.find_organisation_by_name(session, "ByteDance") is None


def test_vcard_3_values() -> None:
    source = read_contacts_file(DATA / "vcard3.vcf")
    assert source.kind == "vcard" and source.delimiter == ""
    assert source.warnings == (
        "1 photo was skipped.",
        "1 logo was skipped.",
        "2 cards have more than one e-mail address; the preferred (or else the first) one is used.",
    )
    assert "Language (LANG)" not in source.headers  # only the fields the cards fill
    assert [row.line for row in source.rows] == [1, 20, 28, 35]
    column = {header: index for index, header in enumerate(source.headers)}

    def cell(row: int, header: str) -> str:
        return source.rows[row].cells[column[header]]

    assert cell(0, "E-mail (EMAIL)") == "h.brouwer@ap.example"  # type=pref, though second
    assert cell(0, "Organisation (ORG)") == "Autoriteit Persoonsgegevens"  # not the department
    assert cell(0, "Note (NOTE)") == (
        "Chairs the working group on age verification, online safety and platform "
        "accountability; prefers meetings in The Hague.\nSecond line."
    )
    assert cell(1, "Full name (FN)") == "Dr. Jürgen Müller"  # quoted-printable, ISO-8859-1
    assert cell(1, "Title (TITLE)") == "Sprecher für Datenschutz"
    assert cell(2, "Full name (FN)") == ""  # N without FN
    assert cell(2, "Organisation (ORG)") == "Smith, Jones & Partners; Solicitors"
    assert cell(2, "E-mail (EMAIL)") == "c.okonkwo@sjp.example"  # the first of two
    assert cell(3, "Full name (FN)") == "Margarethe von Stein-Hardenberg"  # folded


def test_vcard_name_from_n_when_there_is_no_fn(sqlite_db: Database) -> None:
    source = read_contacts_file(DATA / "vcard3.vcf")
    with sqlite_db.transaction() as session:
        plan = plan_import(session, source)
    assert [row.name for row in plan.rows] == [
        "Hendrik Brouwer",
        "Dr. Jürgen Müller",
        "Chidi Ada Okonkwo",
        "Margarethe von Stein-Hardenberg",
    ]


def test_vcard_4_values(sqlite_db: Database) -> None:
    source = read_contacts_file(DATA / "vcard4.vcf")
    assert source.warnings == (
        "1 photo was skipped.",
        "1 card has more than one e-mail address; the preferred (or else the first) one is used.",
        "1 card describes an organisation or group, not a person, and was left out.",
    )
    _import(sqlite_db, source)
    with sqlite_db.transaction() as session:
        amelie = _person(session, "a.durand@cnil.example")  # PREF=1
        assert (amelie.name, amelie.phone, amelie.preferred_language, amelie.role) == (
            "Amélie Durand",
            "+33-1-5555-0142",  # tel: URI
            "fr",  # LANG;PREF=1 though listed second
            "Chargée de mission",
        )
        kofi = _person(session, "kofi.mensah@example.org")
        assert kofi.notes == "Line one\nLine two, with a comma"


def test_outlook_vcard_21_values(sqlite_db: Database) -> None:
    source = read_contacts_file(DATA / "outlook-vcard21.vcf")
    assert source.warnings == ("1 photo was skipped.",)
    _import(sqlite_db, source)
    with sqlite_db.transaction() as session:
        joelle = _person(session, "joelle.devries@privacyenrecht.example")
        assert joelle.name == "Joëlle de Vries"
        assert joelle.phone == "+31 30 555 0123"
        assert joelle.notes == (
            "Eerste ontmoeting tijdens de rondetafel over leeftijdsverificatie; zag de "
            "vragenlijst vooraf.\nGraag per e-mail benaderen, niet per telefoon."
        )
        bjorn = _person(session, "bjorn.gronholm@effi.example")
        assert bjorn.name == "Björn Grönholm"  # a soft line break in the middle of the name


# ======================================================================================
# Reading: encodings, kinds, broken files
# ======================================================================================


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_vcard_line_endings(newline: str) -> None:
    text = newline.join(
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Ada", "  Lovelace", "EMAIL:ada@example.org", "END:VCARD"]
    )
    source = read_contacts_bytes(text.encode(), "ada.vcf")
    assert source.rows[0].cells == ("Ada Lovelace", "ada@example.org")


def test_utf16_with_a_byte_order_mark_is_read() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
        data = bom + "Name\tE-mail\r\nJosé Núñez\tjose@example.org\r\n".encode(codec)
        source = read_contacts_bytes(data, "export.txt")
        assert (source.encoding, source.delimiter) == ("utf-16", "\t")
        assert source.rows[0].cells == ("José Núñez", "jose@example.org")


def test_a_utf8_byte_order_mark_with_invalid_utf8_after_it_is_refused() -> None:
    data = codecs.BOM_UTF8 + "Name\nJos\xe9\n".encode("cp1252")
    with pytest.raises(
        ContactsError, match="starts with a UTF-8 byte order mark, but byte 0xE9 on line 2"
    ):
        read_contacts_bytes(data, "mixed.csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.csv is empty: there is nothing to import."),
        (b"  \r\n\r\n", "x.csv is empty: there is nothing to import."),
        (b"Name,Email\r\n", "x.csv has a header row but no contacts below it"),
        (b"Name,Email\r\n,\r\n\r\n", "x.csv has a header row but no contacts below it"),
        (b"PK\x03\x04\x14\x00", "x.csv is a ZIP archive (an Excel .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1", "x.csv is an old-style Office file"),
        (b"%PDF-1.7\n", "x.csv is a PDF document"),
        (b"<!DOCTYPE html><html>", "x.csv looks like a web page or XML document"),
        (b'{"people": []}', "x.csv looks like JSON"),
        (b"Name\x07,Email\n", "byte 0x07 on line 1 is not a character"),
    ],
)
def test_unreadable_content_is_refused_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(ContactsError) as refused:
        read_contacts_bytes(data, "x.csv")
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FN:Nobody\r\n", "x.vcf is named as a vCard file but does not start with BEGIN:VCARD."),
        (
            "BEGIN:VCARD\r\nFN:A\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n",
            "the card that begins on line 1 has no END:VCARD before the next card begins on line 3",
        ),
        (
            "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nEND:VCARD\r\n",
            "line 4 ends a card that never began",
        ),
        (
            "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nFN:stray\r\n",
            "line 4 is outside any card",
        ),
        (
            "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Some NGO\r\nEND:VCARD\r\n",
            "x.vcf holds no contact cards: nothing to import.",
        ),
    ],
)
def test_broken_vcards_are_refused(text: str, message: str) -> None:
    with pytest.raises(ContactsError) as refused:
        read_contacts_bytes(text.encode(), "x.vcf")
    assert message in str(refused.value)


def test_content_decides_not_the_suffix() -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    assert read_contacts_bytes(card, "contacts.csv").kind == "vcard"
    assert read_contacts_bytes(b"Name\r\nAda\r\n", "contacts.txt").kind == "csv"


def test_missing_file_folder_and_too_large_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ContactsError, match=r"There is no file .*missing\.csv"):
        read_contacts_file(tmp_path / "missing.csv")
    with pytest.raises(ContactsError, match="is a folder, not a contacts file"):
        read_contacts_file(tmp_path)
    big = tmp_path / "big.csv"
    big.write_bytes(b"Name\r\n" + b"Ada\r\n" * 100)
    monkeypatch.setattr(reading, "MAX_FILE_SIZE", 100)
    with pytest.raises(ContactsError, match=r"big\.csv is 0 MB; contacts files of more than"):
        read_contacts_file(big)


def test_the_delimiter_is_sniffed_from_the_header_outside_quotes() -> None:
    source = _csv('"Name, full";"E-mail";Organisation\r\n"de Vries, Jan";jan@example.org;X\r\n')
    assert source.delimiter == ";"
    assert source.headers == ("Name, full", "E-mail", "Organisation")
    assert source.rows[0].cells == ("de Vries, Jan", "jan@example.org", "X")
    assert _csv("Name\r\nAda\r\n").delimiter == ","  # one column


def test_csv_empty_header_cells_get_a_column_number() -> None:
    source = _csv("Name,,Email\r\nAda,x,ada@example.org\r\n")
    assert source.headers == ("Name", "Column 2", "Email")


def test_csv_with_an_unclosed_quote_is_refused_naming_the_line() -> None:
    with pytest.raises(ContactsError) as refused:
        _csv('Name,Notes\r\nAda,x\r\nBob,"starts\r\nCarl,never closed\r\n')
    assert str(refused.value) == (
        "people.csv is broken: the quoted cell that starts on line 3 is never closed "
        '(a " is missing), so the rest of the file would be read as one cell.'
    )


def test_csv_with_stray_quotes_inside_cells_is_still_read() -> None:
    source = _csv('Name,Notes\r\nAda,"a 27"" screen"\r\nBob,a 5" phone\r\n"Carl" C,ok\r\n')
    assert [row.cells for row in source.rows] == [
        ("Ada", 'a 27" screen'),
        ("Bob", 'a 5" phone'),
        ("Carl C", "ok"),
    ]


# ======================================================================================
# Mapping
# ======================================================================================


def test_guess_mapping_for_each_layout() -> None:
    layout, mapping = guess_mapping(["Name", "E-mail 3 - Value", "Phone 2 - Value", "Birthday"])
    assert layout == "google"
    assert mapping == (Field.NAME, Field.EMAIL, Field.PHONE, Field.IGNORE)
    layout, mapping = guess_mapping(["Title", "First Name", "Last Name", "E-mail Address"])
    assert layout == "outlook"
    assert mapping == (Field.IGNORE, Field.FIRST_NAME, Field.LAST_NAME, Field.EMAIL)
    layout, mapping = guess_mapping(["Voornaam", "Tussenvoegsel", "Achternaam", "E-mailadres"])
    assert layout == "generic"
    assert mapping == (Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME, Field.EMAIL)
    layout, mapping = guess_mapping(CSV_EXPORT_HEADERS)
    assert layout == "generic"
    assert Field.IGNORE not in mapping
    assert guess_mapping(["Full name (FN)", "E-mail (EMAIL)"]) == (
        "vcard",
        (Field.NAME, Field.EMAIL),
    )
    assert guess_mapping(["Wie", "Title"]) == ("generic", (Field.IGNORE, Field.IGNORE))


def test_parse_field_by_value_or_label() -> None:
    assert parse_field("email") is Field.EMAIL
    assert parse_field("E-mail") is Field.EMAIL
    assert parse_field("Preferred language") is Field.LANGUAGE
    assert parse_field("preferred_language") is Field.LANGUAGE
    assert parse_field("IGNORE") is Field.IGNORE
    with pytest.raises(ValidationError, match="'birthday' is not a field to import into"):
        parse_field("birthday")


def test_a_mapping_chosen_by_the_user_replaces_the_guess(sqlite_db: Database) -> None:
    source = _csv("Wie,Adres,Werkgever\r\nAda Lovelace,ada@example.org,Analytical Engines\r\n")
    with sqlite_db.transaction() as session:
        guessed = plan_import(session, source)
        assert guessed.warnings and "No column is mapped to a name" in guessed.warnings[0]
        assert [row.reason for row in guessed.rows] == ["no name"]
        chosen = plan_import(session, source, [Field.NAME, "email", Field.ORGANISATION])
    assert chosen.warnings == ()
    assert [(r.action, r.name, r.email, r.organisation) for r in chosen.rows] == [
        (RowAction.ADD, "Ada Lovelace", "ada@example.org", "Analytical Engines")
    ]
    assert chosen.mapping == (Field.NAME, Field.EMAIL, Field.ORGANISATION)
    with sqlite_db.transaction() as session, pytest.raises(ValueError, match="2 fields for 3"):
        plan_import(session, source, [Field.NAME, Field.EMAIL])


# ======================================================================================
# Planning rules
# ======================================================================================


def test_planning_writes_nothing(db: Database) -> None:
    with db.transaction() as session:
        persons.create_person(session, "Jan de Vries", email="jan.devries@privacyfirst.example")
    with db.transaction() as session:
        plan = plan_import(session, read_contacts_file(DATA / "updates.csv"))
        assert plan.writes_anything
        assert not session.new and not session.dirty and not session.deleted
    assert _count(db, Person) == 1
    assert _count(db, Organisation) == 0
    assert _count(db, AuditEntry) == 0


def test_values_are_cleaned_like_the_person_dialog_cleans_them(sqlite_db: Database) -> None:
    long_name = "N" * 201
    source = _csv(
        "Name,Email,Organisation,Language,Phone\r\n"
        f"{long_name},long@example.org,,,\r\n"
        "Ada,Ada Lovelace <ada@example.org>,,English,\r\n"
        "Bob,bob@example.org,,Klingon language,\r\n"
        f"Carl,carl@example.org,{'O' * 201},,\r\n"
        f"Dora,dora@example.org,,,{'1' * 65}\r\n"
        "  Eve   van   Dam ,eve@example.org,,EN-gb,\r\n"
    )
    with sqlite_db.transaction() as session:
        plan = plan_import(session, source)
    by_line = {row.line: row for row in plan.rows}
    assert by_line[2].reason == "The name is too long (at most 200 characters)."
    assert (by_line[3].action, by_line[3].email) == (RowAction.ADD, "ada@example.org")
    assert by_line[3].values["preferred_language"] == "en"
    assert by_line[4].reason == "'klingon language' is not a language code such as en or nl."
    assert by_line[5].reason == "The organisation's name is too long (at most 200 characters)."
    assert by_line[6].reason == "The phone number is too long (at most 64 characters)."
    assert by_line[7].name == "Eve van Dam"
    assert by_line[7].values["preferred_language"] == "en-gb"


def test_an_existing_organisation_is_matched_in_any_letter_case(db: Database) -> None:
    with db.transaction() as session:
        people_organisations.create_organisation(session, "Privacy First")
        people_organisations.create_organisation(session, "Bits of Freedom")
    source = _csv(
        "Name,Organisation\r\nAda,PRIVACY FIRST\r\nBob,New NGO\r\nCarl,new ngo\r\n"
        "Dora,bits of freedom\r\n"
    )
    with db.transaction() as session:
        plan = plan_import(session, source)
        assert [row.organisation for row in plan.rows] == [
            "Privacy First",
            "New NGO",
            "New NGO",
            "Bits of Freedom",
        ]
        assert plan.new_organisations == ("New NGO",)
        result = apply_import(session, plan)
    assert len(result.organisations_added) == 1
    assert _count(db, Organisation) == 3
    with db.transaction() as session:
        dora = session.scalars(select(Person).where(Person.name == "Dora")).one()
        assert dora.organisation is not None and dora.organisation.name == "Bits of Freedom"


def test_an_organisation_of_a_skipped_row_is_not_created(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        persons.create_person(session, "Ada", email="ada@example.org")
    source = _csv("Name,Email,Organisation\r\nAda,ADA@example.org,\r\nAda,ada@example.org,X\r\n")
    with sqlite_db.transaction() as session:
        plan = plan_import(session, source)
    assert [row.reason for row in plan.rows] == ["already in the database", "same e-mail as line 2"]
    assert plan.new_organisations == ()
    assert not plan.writes_anything


def test_an_erased_person_is_never_touched(db: Database) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Erased person #1", email="gone@example.org")
        person.erased_at = ERASED_AT
    source = _csv("Name,Email,Role\r\nAda Lovelace,gone@example.org,Director\r\n")
    with db.transaction() as session:
        plan = plan_import(session, source)
        assert plan.rows[0].action is RowAction.SKIP
        assert "erased" in plan.rows[0].reason
        apply_import(session, plan)
    with db.transaction() as session:
        person = _person(session, "gone@example.org")
        assert (person.name, person.role) == ("Erased person #1", "")


def test_no_email_duplicate_of_someone_in_the_database(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        organisation = people_organisations.create_organisation(session, "Privacy First")
        persons.create_person(session, "Jan de Vries", organisation=organisation)
    source = _csv(
        "Name,Organisation\r\njan  de vries,privacy first\r\nJan de Vries,\r\nJan de Vries,\r\n"
    )
    with sqlite_db.transaction() as session:
        plan = plan_import(session, source)
    assert [(row.action.value, row.reason) for row in plan.rows] == [
        (
            "skip",
            "no e-mail, and the same name and organisation as a person already in the database",
        ),
        ("add", ""),  # no organisation: someone else
        ("skip", "no e-mail, and the same name and organisation as line 3"),
    ]


# ======================================================================================
# Applying
# ======================================================================================


def test_one_audit_row_without_personal_data(db: Database) -> None:
    _import(db, read_contacts_file(DATA / "invalid-rows.csv"))
    with db.transaction() as session:
        entries = session.scalars(select(AuditEntry)).all()
        people = session.scalars(select(Person)).all()
        assert len(entries) == 1
        entry = entries[0]
        assert (entry.action, entry.actor) == ("contacts.import", "tester")
        assert json.loads(entry.detail) == {
            "file": "invalid-rows.csv",
            "format": "csv",
            "layout": "generic",
            "rows": 9,
            "added": 4,
            "updated": 0,
            "skipped": 2,
            "rejected": 3,
            "organisations_added": 2,
        }
        for person in people:
            assert person.name not in entry.detail
            assert not person.email or person.email not in entry.detail


def test_an_address_taken_since_the_preview_stops_the_whole_import(db: Database) -> None:
    source = read_contacts_file(DATA / "google.csv")
    with db.transaction() as session:
        plan = plan_import(session, source)
    with db.transaction() as session:  # meanwhile, at another desk
        persons.create_person(session, "Pieter", email="P.VANDAM@tiktok.example")
    with pytest.raises(ImportOutdatedError) as outdated, db.transaction() as session:
        apply_import(session, plan)
    assert str(outdated.value) == (
        "Nothing was imported: line 6 would add Pieter van Dam, but p.vandam@tiktok.example "
        "now belongs to someone added since the preview. Preview the import again."
    )
    assert _count(db, Person) == 1
    assert _count(db, Organisation) == 0
    assert _count(db, AuditEntry) == 0


@pytest.mark.parametrize("meanwhile", ["changed", "erased", "deleted"])
def test_a_person_changed_since_the_preview_stops_the_whole_import(
    db: Database, meanwhile: str
) -> None:
    _import(db, read_contacts_file(DATA / "google.csv"))
    with db.transaction() as session:
        plan = plan_import(session, read_contacts_file(DATA / "updates.csv"))
    with db.transaction() as session:
        jan = _person(session, "jan.devries@privacyfirst.example")
        if meanwhile == "changed":
            persons.update_person(session, jan, role="Director")
        elif meanwhile == "erased":
            jan.erased_at = ERASED_AT
        else:
            persons.delete_person(session, jan)
    people, organisations, audit = (
        _count(db, Person),
        _count(db, Organisation),
        _count(db, AuditEntry),
    )
    with pytest.raises(ImportOutdatedError) as outdated, db.transaction() as session:
        apply_import(session, plan)
    expected = {
        "changed": "whose role was changed since the preview",
        "erased": "whose details were erased since the preview",
        "deleted": "who was deleted since the preview",
    }[meanwhile]
    assert str(outdated.value).startswith("Nothing was imported: line 2 would update Jan de Vries")
    assert expected in str(outdated.value)
    assert (_count(db, Person), _count(db, Organisation), _count(db, AuditEntry)) == (
        people,
        organisations,
        audit,
    )


def test_a_failure_halfway_writes_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _import(db, read_contacts_file(DATA / "google.csv"))
    before = (_count(db, Person), _count(db, Organisation), _count(db, AuditEntry))
    with db.transaction() as session:
        plan = plan_import(session, read_contacts_file(DATA / "updates.csv"))

    def failing_update(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    # The added people and the new organisations are written before the updates.
    monkeypatch.setattr(persons, "update_person", failing_update)
    with pytest.raises(OSError, match="disk full"), db.transaction() as session:
        apply_import(session, plan)
    assert (_count(db, Person), _count(db, Organisation), _count(db, AuditEntry)) == before
    with db.transaction() as session:
        assert persons.find_person_by_email(session, "rosa.jansen@example.org") is None
        assert people_organisations.find_organisation_by_name(session, "ByteDance") is None


# ======================================================================================
# Export
# ======================================================================================


def _tricky_people(session: Session) -> dict[str, int]:
    ngo = people_organisations.create_organisation(session, "Smith, Jones & Partners; Solicitors")
    ids = {
        "zoe": persons.create_person(
            session,
            "Zoë d'Artagnan, Jr.",
            email="zoe@example.org",
            organisation=ngo,
            role="=SUM(A1:A9)",
            phone="+31 20 555 0101",
            preferred_language="nl",
            notes=(
                'Line one\nLine two; with "quotes", commas and a backslash \\ — '
                "and enough text to need folding: ééééééééééééééééééééééééééééééé"
            ),
        ).id,
        "jan": persons.create_person(
            session, "Jan de Vries", email="jan@example.org", role="-", notes="@home"
        ).id,
        "nomail": persons.create_person(session, "Mei Chen", phone="-12").id,
    }
    erased = persons.create_person(session, "Erased person #4", email="erased@example.org")
    erased.erased_at = ERASED_AT
    session.flush()
    return ids


def test_csv_export_is_safe_for_spreadsheets(db: Database) -> None:
    with db.transaction() as session:
        _tricky_people(session)
        data = export_people_csv(session)
    assert data.startswith(codecs.BOM_UTF8)
    text = data[3:].decode("utf-8")
    assert text.startswith("Name,E-mail,Organisation,Role,Phone,Preferred language,Notes\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[0] for row in rows[1:]] == ["Jan de Vries", "Mei Chen", "Zoë d'Artagnan, Jr."]
    jan, mei, zoe = rows[1:]
    assert zoe[3:5] == ["'=SUM(A1:A9)", "'+31 20 555 0101"]
    assert (jan[3], jan[6]) == ("'-", "'@home")
    assert mei[4] == "'-12"
    assert "erased" not in text.lower()


def test_export_of_chosen_people(db: Database) -> None:
    with db.transaction() as session:
        ids = _tricky_people(session)
        assert [p.name for p in people_for_export(session, [ids["jan"]])] == ["Jan de Vries"]
        data = export_people_vcard(session, [ids["jan"], ids["nomail"]])
        assert data.count(b"BEGIN:VCARD") == 2
        with pytest.raises(NotFoundError, match=r"No person with id 9999\."):
            export_people_csv(session, [ids["jan"], 9999])


def test_vcard_export_is_folded_escaped_and_readable_by_another_program(db: Database) -> None:
    with db.transaction() as session:
        _tricky_people(session)
        data = export_people_vcard(session)
    assert data.endswith(b"END:VCARD\r\n")
    lines = data.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long note was folded
    for line in lines:
        line.decode("utf-8")  # no character was cut in two by the folding
    assert b"ORG:Smith\\, Jones & Partners\\; Solicitors\r\n" in data
    assert b"N:de Vries;Jan;;;\r\n" in data
    assert b"erased" not in data

    cards = {card.fn.value: card for card in vobject.readComponents(data.decode("utf-8"))}
    assert sorted(cards) == ["Jan de Vries", "Mei Chen", "Zoë d'Artagnan, Jr."]
    zoe = cards["Zoë d'Artagnan, Jr."]
    assert zoe.version.value == "3.0"
    assert zoe.email.value == "zoe@example.org"
    assert zoe.org.value == ["Smith, Jones & Partners; Solicitors"]
    assert zoe.title.value == "=SUM(A1:A9)"
    assert zoe.tel.value == "+31 20 555 0101"
    assert zoe.note.value.startswith('Line one\nLine two; with "quotes", commas and a backslash \\')
    assert not hasattr(cards["Mei Chen"], "email")


@pytest.mark.parametrize("kind", ["csv", "vcard"])
def test_export_then_import_gives_the_same_people(db: Database, tmp_path: Path, kind: str) -> None:
    with db.transaction() as session:
        _tricky_people(session)
        exported = [p for p in _people(session) if p[0] != "Erased person #4"]
        data = (export_people_csv if kind == "csv" else export_people_vcard)(session)
    source = read_contacts_bytes(data, f"people.{'csv' if kind == 'csv' else 'vcf'}")
    assert source.kind == kind
    empty = open_database(tmp_path / "empty.sqlite3")
    try:
        with empty.transaction() as session:
            plan = plan_import(session, source)
            assert plan.count(RowAction.ADD) == 3, [r.reason for r in plan.rows]
            apply_import(session, plan)
        with empty.transaction() as session:
            assert _people(session) == exported
    finally:
        empty.close()


def test_record_export_keeps_the_file_name_only(db: Database, tmp_path: Path) -> None:
    with db.transaction() as session:
        record_export(session, "vcard", 3, str(tmp_path / "private folder" / "people.vcf"))
    with db.transaction() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert entry.action == "contacts.export"
    assert json.loads(entry.detail) == {"format": "vcard", "count": 3, "file": "people.vcf"}


def test_the_export_action_records_the_file_name_and_cannot_be_undone(
    db: Database, tmp_path: Path
) -> None:
    action = contacts_actions.record_export("csv", 2, str(tmp_path / "home" / "people.csv"))
    assert not action.undoable and not action.forgets_history
    done = actions.perform(db, action)
    assert done.kinds == {"audit"}  # what the Privacy page's audit log refreshes on
    with db.transaction() as session:
        (entry,) = session.scalars(select(AuditEntry))
    assert json.loads(entry.detail) == {"format": "csv", "count": 2, "file": "people.csv"}
    with pytest.raises(UndoConflictError, match="cannot be undone"):
        actions.undo(db, done)


# ======================================================================================
# The format registry
# ======================================================================================


def test_every_format_is_read_and_written_through_the_registry(db: Database) -> None:
    assert [fmt.name for fmt in formats.export_formats()] == ["csv", "vcard"]
    assert formats.export_suffixes() == (".csv", ".vcf")
    assert formats.import_suffixes() == (".csv", ".tsv", ".vcf", ".vcard")
    assert [fmt.label() for fmt in formats.FORMATS] == ["CSV for spreadsheets", "vCard"]
    assert formats.for_export(Path("a/People.VCARD")) is formats.VCARD
    assert formats.for_export("people.tsv") is None  # read as CSV, never written as one
    assert formats.for_export("people") is None
    with pytest.raises(ValueError, match="unknown contacts format"):
        formats.get("xlsx")
    # By content first, then by name, else as text.
    assert formats.for_reading("BEGIN:VCARD\r\n", Path("a.csv")) is formats.VCARD
    assert formats.for_reading("Name,Email", Path("a.vcf")) is formats.VCARD
    assert formats.for_reading("Name\tEmail", Path("a.tsv")) is formats.CSV
    assert formats.for_reading("Name,Email", None) is formats.CSV
    _import(db, read_contacts_file(DATA / "google.csv"))
    for fmt in formats.export_formats():
        with db.transaction() as session:
            exported = formats.export_people(session, fmt.name)
            assert fmt.writer is not None
            assert exported.data == fmt.writer(session, None)
        assert (exported.format, exported.count) == (fmt.name, 4)
        source = read_contacts_bytes(exported.data, "people" + fmt.suffixes[0])
        assert source.kind == fmt.name and len(source.rows) == 4


def test_a_vcf_file_that_is_no_vcard_is_refused_by_the_vcard_reader() -> None:
    with pytest.raises(ContactsError, match="named as a vCard file but does not start"):
        read_contacts_bytes(b"Name,Email\r\nJan,jan@example.org\r\n", "people.vcf")


# ======================================================================================
# A large file
# ======================================================================================


def test_a_10_mb_file_is_read_in_chunks(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    expected = {"added": 0, "skipped": 0, "rejected": 0}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["Name", "Email", "Organisation", "Role", "Phone", "Notes"])
        number = 0
        while handle.tell() < 10 * 1024 * 1024:
            number += 1
            email = f"person{number}@example.org"
            if number % 1000 == 0:
                email = f"person{number - 1}@example.org"  # the row before's address
                expected["skipped"] += 1
            elif number % 1500 == 0:
                email = f"person{number} at example.org"
                expected["rejected"] += 1
            else:
                expected["added"] += 1
            notes = f"Met at roundtable {number % 40}; " + "notes about the meeting " * 16
            writer.writerow(
                [
                    f"Person {number} Example",
                    email,
                    f"Organisation {number % 200}",
                    "Policy officer",
                    f"+31 20 555 {number:05d}",
                    notes,
                ]
            )
    size = path.stat().st_size
    assert size >= 10 * 1024 * 1024

    tracemalloc.start()
    try:
        source = read_contacts_file(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(source.rows) == number
    # The rows themselves take about twice the file's size as Python strings; the
    # file's bytes and its decoded text on top would take it past three times.
    assert peak < 3 * size

    with sqlite_db.transaction() as session:
        plan = plan_import(session, source)
        assert _plan_counts(plan) == {**expected, "updated": 0}
        assert len(plan.new_organisations) == 200
        result = apply_import(session, plan)
    assert len(result.added) == expected["added"]
    assert _count(sqlite_db, Person) == expected["added"]
