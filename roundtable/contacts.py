"""Contacts: people and organisations in and out as CSV and vCard.

Import happens in three steps, so that nothing is written before the user has
seen what will happen:

1. :func:`read_contacts_file` (or :func:`read_contacts_bytes`) reads a CSV file
   (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16 with BOM, or
   Windows-1252) or a vCard file (2.1, 3.0 or 4.0; one or many cards) into a
   :class:`SourceTable`: the columns, the rows as text, and a guessed mapping of
   columns to :class:`Field` values. The column layouts of Google Contacts (old
   and new) and Outlook exports are recognised; any other CSV is mapped by the
   user. A file that cannot be read raises :class:`ContactsError` naming the
   file and the problem.
2. :func:`plan_import` compares the rows with the database and returns an
   :class:`ImportPlan`: per row, whether it will be added, update an existing
   person, be skipped as a duplicate, or be rejected, with the reason. It only
   reads.
3. :func:`apply_import` writes the plan in the caller's transaction, checking
   each row again, and records one audit row. Any failure raises, so the
   caller's transaction rolls back and the import is all or nothing.

Duplicates are found by e-mail address (in any letter case): the same address
is the same person. A row without an address is a duplicate when someone in
the database or earlier in the file has the same name in the same organisation.

Export (:func:`export_people_csv`, :func:`export_people_vcard`) writes people
as a CSV that is safe to open in a spreadsheet and as vCard 3.0; both read back
in through the import unchanged. Audit rows of imports and exports hold counts
and file names, never names or addresses: erasing a person must leave no trace
of them in the audit log.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import csv
import enum
import io
import quopri
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from roundtable import __version__, records
from roundtable.audit import record_audit
from roundtable.errors import NotFoundError, RoundtableError, ValidationError
from roundtable.i18n import _, ngettext
from roundtable.models import Organisation, Person
from roundtable.validation import validate_email

__all__ = [
    "CSV_EXPORT_HEADERS",
    "FIELD_LABELS",
    "LAYOUT_LABELS",
    "MAX_FILE_SIZE",
    "ContactsError",
    "Field",
    "ImportOutdatedError",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "RowAction",
    "SourceRow",
    "SourceTable",
    "apply_import",
    "describe_source",
    "export_people_csv",
    "export_people_vcard",
    "guess_mapping",
    "parse_field",
    "people_for_export",
    "plan_import",
    "read_contacts_bytes",
    "read_contacts_file",
    "record_export",
    "summary_line",
]

#: The largest file :func:`read_contacts_file` reads; larger ones are refused by name.
MAX_FILE_SIZE = 100 * 1024 * 1024

#: The audit actions of this module.
IMPORT_AUDIT = "contacts.import"
EXPORT_AUDIT = "contacts.export"


class ContactsError(RoundtableError):
    """A contacts file that cannot be read; the message names the file and the problem."""


class ImportOutdatedError(RoundtableError):
    """The database changed between the preview and the import; nothing was imported."""


class Field(enum.StrEnum):
    """What a column of a contacts file can be mapped to."""

    IGNORE = "ignore"
    NAME = "name"
    FIRST_NAME = "first_name"
    MIDDLE_NAME = "middle_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    ORGANISATION = "organisation"
    ROLE = "role"
    PHONE = "phone"
    LANGUAGE = "preferred_language"
    NOTES = "notes"


#: Labels for a mapping choice (and for the fields an update changes).
FIELD_LABELS: dict[Field, str] = {
    Field.IGNORE: "(not imported)",
    Field.NAME: "Name",
    Field.FIRST_NAME: "First name",
    Field.MIDDLE_NAME: "Middle name",
    Field.LAST_NAME: "Last name",
    Field.EMAIL: "E-mail",
    Field.ORGANISATION: "Organisation",
    Field.ROLE: "Role",
    Field.PHONE: "Phone",
    Field.LANGUAGE: "Preferred language",
    Field.NOTES: "Notes",
}

#: How each layout is described to the user.
LAYOUT_LABELS: dict[str, str] = {
    "google": "Google Contacts CSV",
    "outlook": "Outlook CSV",
    "generic": "CSV",
    "vcard": "vCard",
}

_ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with byte order mark",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
_DELIMITER_LABELS = {",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated"}


# ======================================================================================
# What a file holds
# ======================================================================================


@dataclass(frozen=True)
class SourceRow:
    """One row of a contacts file, as text."""

    #: The line it starts on: in a CSV counted from 1 with the header as line 1;
    #: in a vCard file the line of the card's BEGIN:VCARD.
    line: int
    #: Aligned with the headers; a ragged row keeps the cells it has.
    cells: tuple[str, ...]
    #: Why the row cannot be used as it is ("has 5 cells where the header has 7").
    problem: str = ""


@dataclass(frozen=True)
class SourceTable:
    """A contacts file read as a table, with a guessed mapping of its columns."""

    path: Path | None
    #: "csv" or "vcard".
    kind: str
    #: "google", "outlook", "vcard" or "generic".
    layout: str
    #: "utf-8", "utf-8-sig", "utf-16" or "cp1252".
    encoding: str
    #: "," ";" or "\t"; "" for vCard.
    delimiter: str
    #: The column names; for vCard the fields found, as column names.
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    #: The guessed mapping, one field per header.
    mapping: tuple[Field, ...]
    #: Things the user should know that are not row problems ("3 photos were skipped").
    warnings: tuple[str, ...] = ()
    #: The file's name for messages and the audit log.
    name: str = ""


def describe_source(source: SourceTable) -> str:
    """``Google Contacts CSV, UTF-8, comma-separated, 14 rows`` for a heading or the CLI."""
    parts = [LAYOUT_LABELS.get(source.layout, source.layout)]
    parts.append(_ENCODING_LABELS.get(source.encoding, source.encoding))
    if source.kind == "csv":
        parts.append(_DELIMITER_LABELS.get(source.delimiter, repr(source.delimiter)))
        parts.append(_plural(len(source.rows), "row", "rows"))
    else:
        parts.append(_plural(len(source.rows), "card", "cards"))
    return ", ".join(parts)


# ======================================================================================
# Column layouts
# ======================================================================================


def _normalise_header(header: str) -> str:
    """ "E-mail 1 - Value" → "e mail 1 value": case, punctuation and spacing do not count."""
    return " ".join(re.sub(r"[^\w@]+", " ", header.lower().replace("\ufeff", "")).split())


def _table(entries: Mapping[Field, Iterable[str]]) -> dict[str, Field]:
    return {_normalise_header(name): target for target, names in entries.items() for name in names}


# Google Contacts, both the long-standing export ("Name, Given Name, …,
# E-mail 1 - Value, …, Organization 1 - Name") and the newer one ("First Name,
# …, Organization Name, …, E-mail 1 - Value"). Numbered columns are added by
# pattern below (a contact with four addresses gets "E-mail 4 - Value").
_GOOGLE = _table(
    {
        Field.NAME: ["Name"],
        Field.FIRST_NAME: ["Given Name", "First Name"],
        Field.MIDDLE_NAME: ["Additional Name", "Middle Name"],
        Field.LAST_NAME: ["Family Name", "Last Name"],
        Field.ORGANISATION: ["Organization 1 - Name", "Organization Name"],
        Field.ROLE: ["Organization 1 - Title", "Organization Title"],
        Field.NOTES: ["Notes"],
        Field.LANGUAGE: ["Language"],
    }
)
_GOOGLE_NUMBERED_ANY = re.compile(r"^(e mail|phone|organization|address|website) \d+ ")
_GOOGLE_NUMBERED = (
    (re.compile(r"^e mail \d+ value$"), Field.EMAIL),
    (re.compile(r"^phone \d+ value$"), Field.PHONE),
)

# Outlook's export has about 90 columns. "Title" there is the salutation (Mr,
# Dr), not the job title, so it is deliberately not mapped.
_OUTLOOK = _table(
    {
        Field.FIRST_NAME: ["First Name"],
        Field.MIDDLE_NAME: ["Middle Name"],
        Field.LAST_NAME: ["Last Name"],
        Field.ORGANISATION: ["Company"],
        Field.ROLE: ["Job Title"],
        Field.EMAIL: ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"],
        Field.PHONE: ["Business Phone", "Mobile Phone", "Primary Phone"],
        Field.LANGUAGE: ["Language"],
        Field.NOTES: ["Notes"],
    }
)

# Anything else: common names in English, Dutch, German and French. A plain
# "Title" stays unmapped (a salutation as often as a job title).
_GENERIC = _table(
    {
        Field.NAME: [
            "Name", "Full name", "Display name", "Contact", "Contact name", "Person",
            "Naam", "Volledige naam", "Nom", "Nom complet", "Vollständiger Name",
        ],
        Field.FIRST_NAME: [
            "First name", "Firstname", "Given name", "Forename", "Voornaam", "Prénom",
            "Vorname",
        ],
        Field.MIDDLE_NAME: ["Middle name", "Additional name", "Tussenvoegsel", "Infix"],
        Field.LAST_NAME: [
            "Last name", "Lastname", "Surname", "Family name", "Achternaam", "Nom de famille",
            "Nachname",
        ],
        Field.EMAIL: [
            "Email", "E-mail", "E-mail address", "Email address", "Mail", "E-mailadres",
            "Emailadres", "Courriel", "Adresse e-mail", "E-Mail-Adresse",
        ],
        Field.ORGANISATION: [
            "Organisation", "Organization", "Organisation name", "Organization name",
            "Company", "Company name", "Employer", "Organisatie", "Bedrijf", "Firma",
            "Entreprise", "Unternehmen",
        ],
        Field.ROLE: [
            "Role", "Job title", "Position", "Function", "Rol", "Functie", "Fonction",
            "Funktion", "Poste",
        ],
        Field.PHONE: [
            "Phone", "Telephone", "Phone number", "Telephone number", "Tel", "Mobile",
            "Mobile phone", "Business phone", "Telefoon", "Telefoonnummer", "Téléphone",
            "Telefon",
        ],
        Field.LANGUAGE: ["Language", "Preferred language", "Lang", "Taal", "Langue", "Sprache"],
        Field.NOTES: [
            "Notes", "Note", "Comments", "Comment", "Remarks", "Opmerkingen", "Notities",
            "Bemerkungen", "Remarques",
        ],
    }
)  # fmt: skip

#: The columns a vCard file is read into, in this order, each with its field.
VCARD_COLUMNS: tuple[tuple[str, Field], ...] = (
    ("Full name (FN)", Field.NAME),
    ("Given name (N)", Field.FIRST_NAME),
    ("Additional names (N)", Field.MIDDLE_NAME),
    ("Family name (N)", Field.LAST_NAME),
    ("E-mail (EMAIL)", Field.EMAIL),
    ("Organisation (ORG)", Field.ORGANISATION),
    ("Title (TITLE)", Field.ROLE),
    ("Role (ROLE)", Field.ROLE),
    ("Phone (TEL)", Field.PHONE),
    ("Language (LANG)", Field.LANGUAGE),
    ("Note (NOTE)", Field.NOTES),
)
_VCARD = dict(VCARD_COLUMNS)

#: The header row of :func:`export_people_csv` (read back by the generic layout).
CSV_EXPORT_HEADERS: tuple[str, ...] = (
    "Name",
    "E-mail",
    "Organisation",
    "Role",
    "Phone",
    "Preferred language",
    "Notes",
)


def guess_mapping(headers: Sequence[str]) -> tuple[str, tuple[Field, ...]]:
    """The layout ("google", "outlook", "vcard" or "generic") and a field for each column.

    Columns nobody would import (addresses, birthdays, Outlook's salutation
    "Title") are :attr:`Field.IGNORE`. When several columns map to one field
    (three e-mail columns), the first non-empty cell of a row is used.
    """
    if headers and all(header in _VCARD for header in headers):
        return "vcard", tuple(_VCARD[header] for header in headers)
    names = [_normalise_header(header) for header in headers]
    present = set(names)
    if {"first name", "last name", "e mail address"} <= present:
        layout, table = "outlook", _OUTLOOK
    elif {"given name", "family name"} <= present or any(map(_GOOGLE_NUMBERED_ANY.match, names)):
        layout, table = "google", _GOOGLE
    else:
        layout, table = "generic", _GENERIC
    mapping: list[Field] = []
    for name in names:
        target = table.get(name, Field.IGNORE)
        if layout == "google" and target is Field.IGNORE:
            for pattern, numbered in _GOOGLE_NUMBERED:
                if pattern.match(name):
                    target = numbered
        mapping.append(target)
    return layout, tuple(mapping)


def parse_field(text: str) -> Field:
    """The field called ``text`` by its value ("email") or its label ("E-mail"), any case."""
    wanted = _normalise_header(text)
    for member in Field:
        if wanted in (_normalise_header(member.value), _normalise_header(FIELD_LABELS[member])):
            return member
    if wanted in ("", "none", "skip", "not imported"):
        return Field.IGNORE
    choices = ", ".join(member.value for member in Field)
    raise ValidationError(f"{text!r} is not a field to import into; use one of {choices}.")


# ======================================================================================
# Reading files: encoding and kind
# ======================================================================================

_CHUNK = 1 << 16

# Control characters never appear in a contacts file that is text (tab, line
# feed and carriage return do). Windows-1252 leaves five bytes undefined.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx or OpenDocument workbook is one)"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office file (such as an Excel .xls workbook)"),
)


@dataclass(frozen=True)
class _Input:
    """A file or a byte string that can be opened more than once, read in chunks."""

    label: str
    path: Path | None
    opener: Callable[[], IO[bytes]]


def read_contacts_file(path: Path) -> SourceTable:
    """Read a CSV or vCard file; which one is decided by its content, not only its suffix.

    The file is read in chunks and never held in memory whole: once to check
    its encoding, once to parse it. Raises :class:`ContactsError` for a file
    that is missing, empty, too large, not text, not CSV or vCard, a vCard
    that is cut off, or a CSV with only a header.
    """
    path = Path(path)
    label = path.name or str(path)
    try:
        if path.is_dir():
            raise ContactsError(f"{path} is a folder, not a contacts file.")
        size = path.stat().st_size
    except FileNotFoundError:
        raise ContactsError(f"There is no file {path}.") from None
    except OSError as exc:
        raise ContactsError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if size > MAX_FILE_SIZE:
        raise ContactsError(
            f"{label} is {size / 1024 / 1024:.0f} MB; contacts files of more than "
            f"{MAX_FILE_SIZE // 1024 // 1024} MB are not read. Split it into smaller files."
        )

    def opener() -> IO[bytes]:
        try:
            return path.open("rb")
        except OSError as exc:
            raise ContactsError(f"Cannot read {path}: {exc.strerror or exc}.") from None

    try:
        return _read(_Input(label, path, opener))
    except OSError as exc:  # the disk failed between the chunks
        raise ContactsError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def read_contacts_bytes(data: bytes, name: str = "") -> SourceTable:
    """Read the contents of a CSV or vCard file; ``name`` names it in messages."""
    label = name or "The file"
    return _read(_Input(label, Path(name) if name else None, lambda: io.BytesIO(data)))


def _read(source: _Input) -> SourceTable:
    with source.opener() as stream:
        head = stream.read(_CHUNK)
    if not head.strip():
        raise ContactsError(f"{source.label} is empty: there is nothing to import.")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise ContactsError(
                f"{source.label} is {what}, not a CSV or vCard file. Save or export the "
                "contacts as CSV or vCard (.vcf) and import that file."
            )
    encoding = _detect_encoding(source, head)
    text_head = head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if not text_head:
        raise ContactsError(f"{source.label} is empty: there is nothing to import.")
    if text_head[:11].upper() == "BEGIN:VCARD":
        return _read_vcard(source, encoding)
    if source.path is not None and source.path.suffix.lower() in (".vcf", ".vcard"):
        raise ContactsError(
            f"{source.label} is named as a vCard file but does not start with BEGIN:VCARD."
        )
    if text_head[0] == "<":
        raise ContactsError(
            f"{source.label} looks like a web page or XML document, not a CSV or vCard file."
        )
    if text_head[0] == "{":
        raise ContactsError(f"{source.label} looks like JSON, not a CSV or vCard file.")
    return _read_csv(source, encoding, text_head)


def _detect_encoding(source: _Input, head: bytes) -> str:
    """The file's encoding: from its byte order mark, else UTF-8, else Windows-1252.

    Scans the whole file once, chunk by chunk, and raises :class:`ContactsError`
    naming the first byte (and its line) that no tried encoding can read.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # control bytes are normal in UTF-16: its decoder checks it
    has_bom = head.startswith(codecs.BOM_UTF8)
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    undefined: tuple[int, int] | None = None  # (line, byte) Windows-1252 cannot read
    line = 1
    with source.opener() as stream:
        while chunk := stream.read(_CHUNK):
            control = _CONTROL.search(chunk)
            if control is not None:
                at = line + chunk.count(b"\n", 0, control.start())
                raise ContactsError(_not_text(source.label, chunk[control.start()], at))
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    utf8 = False
                    if has_bom:
                        at = line + chunk.count(b"\n", 0, max(exc.start, 0))
                        byte = chunk[max(exc.start, 0)] if exc.start < len(chunk) else chunk[-1]
                        raise ContactsError(
                            f"{source.label} cannot be read: it starts with a UTF-8 byte "
                            f"order mark, but byte 0x{byte:02X} on line {at} is not UTF-8."
                        ) from None
            if undefined is None:
                found = _CP1252_UNDEFINED.search(chunk)
                if found is not None:
                    undefined = (
                        line + chunk.count(b"\n", 0, found.start()),
                        chunk[found.start()],
                    )
            line += chunk.count(b"\n")
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False  # the file ends in the middle of a character
    if utf8:
        return "utf-8-sig" if has_bom else "utf-8"
    if undefined is not None:
        raise ContactsError(_not_text(source.label, undefined[1], undefined[0]))
    return "cp1252"


def _not_text(label: str, byte: int, line: int) -> str:
    message = (
        f"{label} cannot be read as text: byte 0x{byte:02X} on line {line} is not a "
        "character in any of the encodings tried (UTF-8, Windows-1252)."
    )
    if byte == 0:
        message += (
            " Files with zero bytes are usually UTF-16 without a byte order mark, "
            "or not text at all."
        )
    return message + " Save it as CSV (UTF-8) or vCard and try again."


def _text_stream(binary: IO[bytes], encoding: str, *, csv_mode: bool) -> io.TextIOWrapper:
    # csv needs newline="" to keep line breaks inside quoted cells; vCard lines
    # may end in CRLF, LF or (old Macs) CR, which universal newlines all accept.
    return io.TextIOWrapper(binary, encoding=encoding, newline="" if csv_mode else None)


# ======================================================================================
# CSV
# ======================================================================================


def _sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of , ; TAB outside quotes."""
    counts = dict.fromkeys((",", ";", "\t"), 0)
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts.values())
    return next(d for d, n in counts.items() if n == best) if best else ","


class _LooseQuotes(Exception):
    """A quote where strict CSV allows none ("5" screen"): read again, leniently."""


def _read_csv(source: _Input, encoding: str, text_head: str) -> SourceTable:
    delimiter = _sniff_delimiter(text_head)
    # Strict first, so that a quoted cell never closed is reported instead of
    # swallowing the rest of the file; stray quotes inside cells are common
    # enough that such a file is then read again without strictness.
    try:
        headers, rows, empty_rows = _parse_csv(source, encoding, delimiter, strict=True)
    except _LooseQuotes:
        headers, rows, empty_rows = _parse_csv(source, encoding, delimiter, strict=False)
    if headers is None:
        raise ContactsError(f"{source.label} is empty: there is nothing to import.")
    if not rows:
        raise ContactsError(
            f"{source.label} has a header row but no contacts below it: nothing to import."
        )
    layout, mapping = guess_mapping(headers)
    warnings = []
    if empty_rows:
        warnings.append(
            ngettext(
                "{count} empty row was left out.", "{count} empty rows were left out.", empty_rows
            ).format(count=empty_rows)
        )
    return SourceTable(
        path=source.path,
        kind="csv",
        layout=layout,
        encoding=encoding,
        delimiter=delimiter,
        headers=headers,
        rows=tuple(rows),
        mapping=mapping,
        warnings=tuple(warnings),
        name=source.label,
    )


def _parse_csv(
    source: _Input, encoding: str, delimiter: str, *, strict: bool
) -> tuple[tuple[str, ...] | None, list[SourceRow], int]:
    """The header, the rows and the number of empty rows left out."""
    headers: tuple[str, ...] | None = None
    rows: list[SourceRow] = []
    empty_rows = 0
    with source.opener() as binary, _text_stream(binary, encoding, csv_mode=True) as stream:
        reader = csv.reader(stream, delimiter=delimiter, quotechar='"', strict=strict)
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    raise ContactsError(
                        f"{source.label} is broken: the quoted cell that starts on line "
                        f'{start} is never closed (a " is missing), so the rest of the file '
                        "would be read as one cell."
                    ) from None
                if strict:
                    raise _LooseQuotes from None
                raise ContactsError(
                    f"{source.label}, line {start}, cannot be read as CSV: {exc}."
                ) from None
            except UnicodeDecodeError as exc:
                raise ContactsError(
                    f"{source.label} cannot be read: near line {start} it is not valid "
                    f"{_ENCODING_LABELS.get(encoding, encoding)} ({exc.reason})."
                ) from None
            if headers is None:
                if not any(cell.strip() for cell in cells):
                    continue  # blank lines before the header
                headers = tuple(
                    cell.strip().lstrip("\ufeff").strip() or f"Column {index}"
                    for index, cell in enumerate(cells, start=1)
                )
                continue
            if not any(cell.strip() for cell in cells):
                if cells:
                    empty_rows += 1  # ",,,," as spreadsheets write them; blank lines are no rows
                continue
            rows.append(_csv_row(start, cells, len(headers)))
    return headers, rows, empty_rows


def _csv_row(line: int, cells: list[str], width: int) -> SourceRow:
    # Trailing empty cells beyond the header (a delimiter at the end of every
    # line, as some programs write) are harmless; anything else is ragged.
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    problem = ""
    if len(cells) != width:
        problem = ngettext(
            "has {count} cell where the header has {width}",
            "has {count} cells where the header has {width}",
            len(cells),
        ).format(count=len(cells), width=width)
    return SourceRow(line=line, cells=tuple(cells), problem=problem)


# ======================================================================================
# vCard
# ======================================================================================


@dataclass
class _Card:
    line: int
    fn: str = ""
    given: str = ""
    additional: str = ""
    family: str = ""
    organisation: str = ""
    title: str = ""
    role: str = ""
    note: str = ""
    kind: str = ""
    emails: list[tuple[int, str]] = field(default_factory=list)
    phones: list[tuple[int, str]] = field(default_factory=list)
    languages: list[tuple[int, str]] = field(default_factory=list)

    def columns(self) -> dict[str, str]:
        return {
            "Full name (FN)": self.fn,
            "Given name (N)": self.given,
            "Additional names (N)": self.additional,
            "Family name (N)": self.family,
            "E-mail (EMAIL)": _preferred(self.emails),
            "Organisation (ORG)": self.organisation,
            "Title (TITLE)": self.title,
            "Role (ROLE)": self.role,
            "Phone (TEL)": _preferred(self.phones),
            "Language (LANG)": _preferred(self.languages),
            "Note (NOTE)": self.note,
        }


def _preferred(values: list[tuple[int, str]]) -> str:
    """The most preferred value (lowest rank), the first of equals; "" for none."""
    return min(values, key=lambda item: item[0])[1] if values else ""


def _unfold(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Logical vCard lines with the number of the physical line each starts on.

    A line starting with a space or tab continues the previous one (RFC 6350
    folding). In a quoted-printable value a line ending in "=" is a soft line
    break: the next line continues it whatever it starts with (vCard 2.1, as
    Outlook writes it).
    """
    current: str | None = None
    start = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if current is not None and current.endswith("=") and _is_quoted_printable(current):
            current = current[:-1] + line
            continue
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None:
            yield start, current
        current, start = line, number
    if current is not None:
        yield start, current


def _is_quoted_printable(line: str) -> bool:
    split = _split_property_line(line)
    return split is not None and "QUOTED-PRINTABLE" in split[0].upper()


def _split_property_line(line: str) -> tuple[str, str] | None:
    """(name and parameters, value) split at the first colon outside quotes, or ``None``."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return None


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
            current.append(char)
        elif char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_ENCODING_PARAMS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


def _parse_property(line: str) -> tuple[str, dict[str, list[str]], str] | None:
    """(NAME without group, PARAMS upper-cased keys, raw value), or ``None`` without a colon."""
    split = _split_property_line(line)
    if split is None:
        return None
    head, value = split
    name, *raw_params = _split_outside_quotes(head, ";")
    name = name.rpartition(".")[2].strip().upper()  # "item1.EMAIL" is an EMAIL
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, equals, values = raw.partition("=")
        if not equals:  # vCard 2.1 writes bare parameters: "TEL;WORK;PREF:…"
            bare = key.strip().upper()
            key, values = ("ENCODING" if bare in _ENCODING_PARAMS else "TYPE"), bare
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in _split_outside_quotes(values, ",")
        )
    return name, params, value


def _decode_value(params: Mapping[str, list[str]], value: str) -> str | None:
    """The property's text with its transfer encoding undone; ``None`` when it is broken."""
    encoding = (params.get("ENCODING") or [""])[0].upper()
    if encoding == "QUOTED-PRINTABLE":
        data = quopri.decodestring(value.encode("utf-8"))
    elif encoding in ("B", "BASE64"):
        try:
            data = base64.b64decode("".join(value.split()), validate=False)
        except (binascii.Error, ValueError):
            return None
    else:
        return value
    charset = (params.get("CHARSET") or [""])[0]
    for candidate in (charset, "utf-8", "cp1252"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append(_ESCAPES.get(following, "\\" + following))
        else:
            out.append(char)
    return "".join(out)


def _split_structured(text: str) -> list[str]:
    """Components of a structured value (N, ORG) split at unescaped semicolons, unescaped."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == ";":
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(_unescape("".join(current)))
    return parts


def _rank(params: Mapping[str, list[str]]) -> int:
    """Lower is more preferred: vCard 4.0 PREF=1..100, vCard 3.0 and 2.1 TYPE=pref."""
    for value in params.get("PREF", ()):
        if value.isdigit():
            return int(value)
    if any(value.upper() == "PREF" for value in params.get("TYPE", ())):
        return 1
    return 101


@dataclass
class _CardCounts:
    """What the reader passed over, for the warnings."""

    photos: int = 0
    logos: int = 0
    several_emails: int = 0
    not_people: int = 0


def _read_card_property(card: _Card, line: str, counts: _CardCounts) -> None:
    parsed = _parse_property(line)
    if parsed is None:
        return  # base64 data of a vCard 2.1 PHOTO that was not indented, or noise
    name, params, raw = parsed
    if name == "PHOTO":
        counts.photos += 1
        return
    if name == "LOGO":
        counts.logos += 1
        return
    if name not in ("FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "ROLE", "NOTE", "LANG", "KIND"):
        return
    text = _decode_value(params, raw)
    if text is None:
        return
    if name in ("N", "ORG"):
        parts = [part.strip() for part in _split_structured(text)]
        if name == "N":
            parts += [""] * (3 - len(parts))
            card.family = " ".join(parts[0].replace(",", " ").split())
            card.given = " ".join(parts[1].replace(",", " ").split())
            card.additional = " ".join(parts[2].replace(",", " ").split())
        elif not card.organisation:
            card.organisation = parts[0]  # "Org;Department;Unit": the organisation itself
        return
    value = _unescape(text).strip()
    if not value:
        return
    if name == "EMAIL":
        card.emails.append((_rank(params), value))
    elif name == "TEL":
        card.phones.append((_rank(params), value.removeprefix("tel:")))
    elif name == "LANG":
        card.languages.append((_rank(params), value))
    elif name == "FN" and not card.fn:
        card.fn = value
    elif name == "TITLE" and not card.title:
        card.title = value
    elif name == "ROLE" and not card.role:
        card.role = value
    elif name == "NOTE":
        card.note = f"{card.note}\n{value}" if card.note else value
    elif name == "KIND":
        card.kind = value.lower()


def _cards(source: _Input, lines: Iterable[str], counts: _CardCounts) -> Iterator[_Card]:
    card: _Card | None = None
    for number, line in _unfold(lines):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                raise ContactsError(
                    f"{source.label} is broken: the card that begins on line {card.line} "
                    f"has no END:VCARD before the next card begins on line {number}."
                )
            card = _Card(line=number)
        elif upper == "END:VCARD":
            if card is None:
                raise ContactsError(
                    f"{source.label} is broken: line {number} ends a card that never began "
                    "(END:VCARD without BEGIN:VCARD)."
                )
            yield card
            card = None
        elif card is None:
            raise ContactsError(
                f"{source.label} is broken: line {number} is outside any card "
                "(between END:VCARD and BEGIN:VCARD)."
            )
        else:
            _read_card_property(card, line, counts)
    if card is not None:
        raise ContactsError(
            f"{source.label} is broken: the card that begins on line {card.line} has no "
            "END:VCARD; the file may have been cut off."
        )


def _read_vcard(source: _Input, encoding: str) -> SourceTable:
    counts = _CardCounts()
    found: list[dict[str, str]] = []
    lines: list[int] = []
    with source.opener() as binary, _text_stream(binary, encoding, csv_mode=False) as stream:
        try:
            for card in _cards(source, stream, counts):
                if card.kind in ("org", "group", "location"):
                    counts.not_people += 1
                    continue
                if len(card.emails) > 1:
                    counts.several_emails += 1
                found.append(card.columns())
                lines.append(card.line)
        except UnicodeDecodeError as exc:
            raise ContactsError(
                f"{source.label} cannot be read: it is not valid "
                f"{_ENCODING_LABELS.get(encoding, encoding)} ({exc.reason})."
            ) from None
    if not found:
        raise ContactsError(f"{source.label} holds no contact cards: nothing to import.")
    # Only the columns some card fills: a file without phone numbers shows no phone column.
    headers = tuple(
        name for name, _field in VCARD_COLUMNS if any(columns[name] for columns in found)
    )
    rows = tuple(
        SourceRow(line=line, cells=tuple(columns[name] for name in headers))
        for line, columns in zip(lines, found, strict=True)
    )
    warnings = []
    if counts.photos:
        warnings.append(
            ngettext(
                "{count} photo was skipped.", "{count} photos were skipped.", counts.photos
            ).format(count=counts.photos)
        )
    if counts.logos:
        warnings.append(
            ngettext(
                "{count} logo was skipped.", "{count} logos were skipped.", counts.logos
            ).format(count=counts.logos)
        )
    if counts.several_emails:
        warnings.append(
            ngettext(
                "{count} card has more than one e-mail address; "
                "the preferred (or else the first) one is used.",
                "{count} cards have more than one e-mail address; "
                "the preferred (or else the first) one is used.",
                counts.several_emails,
            ).format(count=counts.several_emails)
        )
    if counts.not_people:
        warnings.append(
            ngettext(
                "{count} card describes an organisation or group, not a person, and was left out.",
                "{count} cards describe an organisation or group, not a person, and were left out.",
                counts.not_people,
            ).format(count=counts.not_people)
        )
    if not headers:
        headers = ("Full name (FN)",)
        rows = tuple(SourceRow(line=row.line, cells=("",)) for row in rows)
    _layout, mapping = guess_mapping(headers)
    return SourceTable(
        path=source.path,
        kind="vcard",
        layout="vcard",
        encoding=encoding,
        delimiter="",
        headers=headers,
        rows=rows,
        mapping=mapping,
        warnings=tuple(warnings),
        name=source.label,
    )


# ======================================================================================
# Planning an import
# ======================================================================================


class RowAction(enum.StrEnum):
    ADD = "add"
    UPDATE = "update"
    SKIP = "skip"
    REJECT = "reject"


@dataclass(frozen=True)
class PlannedRow:
    """What the import will do with one row of the file."""

    line: int
    action: RowAction
    name: str
    email: str
    organisation: str
    #: Why the row is skipped or rejected, or what an update changes.
    reason: str
    #: The existing person an UPDATE or SKIP refers to (when there is one).
    person_id: int | None
    #: (field label, old, new) for each change of an UPDATE.
    changes: tuple[tuple[str, str, str], ...]
    #: The cleaned values that will be written: every field for ADD, the changed
    #: fields for UPDATE, the row's values for SKIP, nothing for REJECT. Keys:
    #: name, email, organisation, role, phone, preferred_language, notes.
    values: Mapping[str, str]


@dataclass(frozen=True)
class ImportPlan:
    """The preview of an import: nothing of it is written until :func:`apply_import`."""

    source: SourceTable
    mapping: tuple[Field, ...]
    rows: tuple[PlannedRow, ...]
    #: Organisations that the added and updated rows need and that do not exist yet.
    new_organisations: tuple[str, ...]
    #: Problems with the mapping as a whole ("no column is mapped to a name").
    warnings: tuple[str, ...] = ()

    def count(self, action: RowAction) -> int:
        """How many rows will get ``action``."""
        return sum(1 for row in self.rows if row.action is action)

    @property
    def writes_anything(self) -> bool:
        """Whether applying the plan adds or changes any person."""
        return any(row.action in (RowAction.ADD, RowAction.UPDATE) for row in self.rows)


def summary_line(plan: ImportPlan) -> str:
    """``12 to add, 3 to update, 2 skipped as duplicates, 1 rejected``."""
    return _(
        "{add} to add, {update} to update, {skip} skipped as duplicates, {reject} rejected"
    ).format(
        add=plan.count(RowAction.ADD),
        update=plan.count(RowAction.UPDATE),
        skip=plan.count(RowAction.SKIP),
        reject=plan.count(RowAction.REJECT),
    )


# The person fields an import writes, in the order updates list them.
_PERSON_FIELDS: tuple[tuple[str, Field], ...] = (
    ("name", Field.NAME),
    ("organisation", Field.ORGANISATION),
    ("role", Field.ROLE),
    ("phone", Field.PHONE),
    ("preferred_language", Field.LANGUAGE),
    ("notes", Field.NOTES),
)

# Spreadsheet users type language names; the database keeps BCP 47 codes.
_LANGUAGE_NAMES = {
    name: code
    for code, names in {
        "en": ("english", "engels", "englisch", "anglais"),
        "nl": ("dutch", "nederlands", "néerlandais", "niederländisch", "flemish", "vlaams"),
        "de": ("german", "deutsch", "duits", "allemand"),
        "fr": ("french", "français", "francais", "frans", "französisch"),
        "es": ("spanish", "español", "espanol", "spaans", "spanisch", "espagnol"),
        "it": ("italian", "italiano", "italiaans", "italienisch", "italien"),
        "pt": ("portuguese", "português", "portugues", "portugees"),
        "pl": ("polish", "polski", "pools", "polnisch", "polonais"),
        "da": ("danish", "dansk", "deens"),
        "sv": ("swedish", "svenska", "zweeds"),
    }.items()
    for name in names
}

# The apostrophe export puts before = + - @ (see _neutralise) is taken off again.
_NEUTRALISED = re.compile(r"^'[=+\-@\t\r]")
_ANGLE_ADDRESS = re.compile(r"^[^<>]*<([^<>]+)>\s*$")


@dataclass
class _Existing:
    """A person already in the database, as far as planning needs them."""

    id: int
    name: str
    email: str
    organisation: str
    organisation_id: int | None
    role: str
    phone: str
    preferred_language: str
    notes: str
    erased: bool

    def value(self, key: str) -> str:
        return str(getattr(self, key))


def _name_key(name: str, organisation: str) -> tuple[str, str]:
    return " ".join(name.casefold().split()), " ".join(organisation.casefold().split())


def _cell_values(
    source: SourceTable, cells: Sequence[str], mapping: Sequence[Field]
) -> dict[Field, str]:
    values: dict[Field, str] = {}
    for cell, target in zip(cells, mapping, strict=False):  # a short row has fewer cells
        if target is Field.IGNORE or target in values:
            continue
        text = cell.strip()
        if source.kind == "csv" and _NEUTRALISED.match(text):
            text = text[1:].strip()
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac lines
        if target is Field.EMAIL:
            # Google puts several addresses in one cell: "a@x.org ::: b@y.org".
            text = text.split(":::")[0].strip()
            angle = _ANGLE_ADDRESS.match(text)
            if angle:
                text = angle.group(1).strip()  # "Jan de Vries <jan@example.org>"
        if target is Field.LANGUAGE:
            text = _LANGUAGE_NAMES.get(text.casefold(), text)
        if text:
            values[target] = text
    return values


class _Planner:
    """Plans rows one by one, remembering what earlier rows of the file hold."""

    def __init__(self, session: Session, source: SourceTable, mapping: tuple[Field, ...]) -> None:
        self.session = session
        self.source = source
        self.mapping = mapping
        # The cleaners of records.create_person, so an import accepts exactly what
        # the person dialog accepts (the e-mail's uniqueness is checked here,
        # against everyone at once, instead of one query per row).
        self.cleaners = records._person_cleaners(session, None)
        self.organisation_name = records._organisation_cleaners(session, None)["name"]
        self.organisations: dict[str, tuple[int | None, str]] = {
            name.casefold(): (org_id, name)
            for org_id, name in session.execute(
                select(Organisation.id, Organisation.name).order_by(Organisation.id.desc())
            )
        }
        self.by_email: dict[str, _Existing] = {}
        self.by_name: dict[tuple[str, str], _Existing] = {}
        rows = session.execute(
            select(
                Person.id,
                Person.name,
                Person.email,
                Organisation.name,
                Person.organisation_id,
                Person.role,
                Person.phone,
                Person.preferred_language,
                Person.notes,
                Person.erased_at,
            )
            .outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .order_by(Person.id.desc())  # the oldest wins where keys collide
        )
        for row in rows:
            existing = _Existing(
                id=row[0],
                name=row[1] or "",
                email=row[2] or "",
                organisation=row[3] or "",
                organisation_id=row[4],
                role=row[5] or "",
                phone=row[6] or "",
                preferred_language=row[7] or "",
                notes=row[8] or "",
                erased=row[9] is not None,
            )
            if existing.email:
                self.by_email[existing.email.lower()] = existing
            self.by_name[_name_key(existing.name, existing.organisation)] = existing
        self.file_emails: dict[str, int] = {}
        self.file_names: dict[tuple[str, str], int] = {}
        self.new_organisations: dict[str, str] = {}  # casefold → spelling first seen
        self.checked_organisations: dict[str, str] = {}  # casefold → "" or the problem

    def plan(self, row: SourceRow) -> PlannedRow:
        values = _cell_values(self.source, row.cells, self.mapping)
        name = " ".join(values.get(Field.NAME, "").split()) or " ".join(
            " ".join(values.get(part, "") for part in (
                Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME
            )).split()
        )  # fmt: skip
        raw_email = values.get(Field.EMAIL, "")
        raw_organisation = " ".join(values.get(Field.ORGANISATION, "").split())

        def reject(reason: str) -> PlannedRow:
            return PlannedRow(
                line=row.line,
                action=RowAction.REJECT,
                name=name,
                email=raw_email,
                organisation=raw_organisation,
                reason=reason,
                person_id=None,
                changes=(),
                values=MappingProxyType({}),
            )

        if row.problem:
            return reject(row.problem)
        if not name:
            return reject(_("no name"))
        try:
            email = validate_email(raw_email) or ""
            cleaned = {
                "name": self.cleaners["name"](name),
                "email": email,
                "role": self.cleaners["role"](values.get(Field.ROLE, "")),
                "phone": self.cleaners["phone"](values.get(Field.PHONE, "")),
                "preferred_language": self.cleaners["preferred_language"](
                    values.get(Field.LANGUAGE, "")
                ),
                "notes": self.cleaners["notes"](values.get(Field.NOTES, "")),
                "organisation": self._organisation(raw_organisation),
            }
        except ValidationError as exc:
            return reject(exc.message)
        return self._decide(row.line, cleaned)

    def _organisation(self, text: str) -> str:
        """The organisation's name as it will be stored; checks a new one like the dialog does."""
        if not text:
            return ""
        key = text.casefold()
        known = self.organisations.get(key)
        if known is not None:
            return known[1]
        if key in self.new_organisations:
            return self.new_organisations[key]
        problem = self.checked_organisations.get(key)
        if problem is None:
            try:
                self.organisation_name(text)
                problem = ""
            except ValidationError as exc:
                problem = exc.message
            self.checked_organisations[key] = problem
        if problem:
            raise ValidationError(problem, "organisation")
        return text

    def _decide(self, line: int, cleaned: dict[str, str]) -> PlannedRow:
        email, name, organisation = cleaned["email"], cleaned["name"], cleaned["organisation"]
        name_key = _name_key(name, organisation)

        def planned(
            action: RowAction,
            reason: str = "",
            person: _Existing | None = None,
            changes: tuple[tuple[str, str, str], ...] = (),
            values: Mapping[str, str] | None = None,
        ) -> PlannedRow:
            if action in (RowAction.ADD, RowAction.UPDATE):
                if email:
                    self.file_emails.setdefault(email.lower(), line)
                self.file_names.setdefault(name_key, line)
                if organisation and organisation.casefold() not in self.organisations:
                    self.new_organisations.setdefault(organisation.casefold(), organisation)
            elif action is RowAction.SKIP and email:
                self.file_emails.setdefault(email.lower(), line)
            return PlannedRow(
                line=line,
                action=action,
                name=name,
                email=email,
                organisation=organisation,
                reason=reason,
                person_id=person.id if person is not None else None,
                changes=changes,
                values=MappingProxyType(dict(cleaned if values is None else values)),
            )

        if email:
            earlier = self.file_emails.get(email.lower())
            if earlier is not None:
                return planned(RowAction.SKIP, _("same e-mail as line {line}").format(line=earlier))
            existing = self.by_email.get(email.lower())
            if existing is not None:
                if existing.erased:
                    return planned(
                        RowAction.SKIP,
                        _(
                            "matches a person whose details were erased; erased people are "
                            "never changed"
                        ),
                        existing,
                    )
                changes = self._changes(existing, cleaned)
                if not changes:
                    return planned(RowAction.SKIP, _("already in the database"), existing)
                labels = [label.lower() for label, _old, _new in changes]
                return planned(
                    RowAction.UPDATE,
                    _("updates {fields}").format(fields=_join_words(labels)),
                    existing,
                    changes,
                    {key: cleaned[key] for key, _f in _PERSON_FIELDS if _changed(key, changes)},
                )
        else:
            earlier = self.file_names.get(name_key)
            if earlier is not None:
                return planned(
                    RowAction.SKIP,
                    _("no e-mail, and the same name and organisation as line {line}").format(
                        line=earlier
                    ),
                )
            existing = self.by_name.get(name_key)
            if existing is not None:
                reason = _(
                    "no e-mail, and the same name and organisation as a person already "
                    "in the database"
                )
                if existing.erased:
                    reason = _("matches a person whose details were erased")
                return planned(RowAction.SKIP, reason, existing)
        return planned(RowAction.ADD)

    def _changes(
        self, existing: _Existing, cleaned: Mapping[str, str]
    ) -> tuple[tuple[str, str, str], ...]:
        # Empty cells never clear anything: only a value that differs is a change.
        changes = []
        for key, target in _PERSON_FIELDS:
            new, old = cleaned[key], existing.value(key)
            if not new:
                continue
            if key == "organisation" and old.casefold() == new.casefold():
                continue
            if new != old:
                changes.append((FIELD_LABELS[target], old, new))
        return tuple(changes)


def _changed(key: str, changes: tuple[tuple[str, str, str], ...]) -> bool:
    label = FIELD_LABELS[dict(_PERSON_FIELDS)[key]]
    return any(change[0] == label for change in changes)


def plan_import(
    session: Session, source: SourceTable, mapping: Sequence[Field] | None = None
) -> ImportPlan:
    """What importing ``source`` with ``mapping`` (default: the guessed one) would do.

    Reads only; never writes. Per row, in this order:

    * a ragged row is rejected naming the problem; a row without a name (after
      joining first, middle and last name) is rejected as "no name"; an invalid
      e-mail address, or any value the person dialog would refuse, is rejected
      naming it;
    * the same e-mail address (any case) as an earlier row of the file: skipped,
      "same e-mail as line N";
    * the same address as a person in the database: an update when the row
      brings a non-empty value that differs (empty cells never clear anything),
      else skipped as "already in the database"; an erased person is never
      touched (skipped, saying so);
    * no address, and the same name in the same organisation as someone in the
      database or earlier in the file: skipped as a duplicate;
    * anything else is added.

    An organisation that does not exist yet (compared in any letter case) is
    listed once in :attr:`ImportPlan.new_organisations`, spelled as its first
    row spells it.
    """
    chosen = tuple(source.mapping if mapping is None else (Field(m) for m in mapping))
    if len(chosen) != len(source.headers):
        raise ValueError(f"the mapping has {len(chosen)} fields for {len(source.headers)} columns")
    warnings = []
    names = {Field.NAME, Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME}
    if not names & set(chosen):
        warnings.append(
            "No column is mapped to a name (Name, or First, Middle and Last name), so "
            "every row is rejected. Choose the column that holds the names."
        )
    planner = _Planner(session, source, chosen)
    rows = tuple(planner.plan(row) for row in source.rows)
    return ImportPlan(
        source=source,
        mapping=chosen,
        rows=rows,
        new_organisations=tuple(planner.new_organisations.values()),
        warnings=tuple(warnings),
    )


# ======================================================================================
# Applying an import
# ======================================================================================


@dataclass(frozen=True)
class ImportResult:
    """What :func:`apply_import` wrote, and what is needed to undo it."""

    added: tuple[int, ...]
    updated: tuple[int, ...]
    organisations_added: tuple[int, ...]
    #: A snapshot (:func:`roundtable.records.snapshot_of`) of each updated person
    #: as they were before the import, by id: undo restores it with
    #: :func:`roundtable.records.restore_fields`.
    before: Mapping[int, Mapping[str, Any]]


def apply_import(session: Session, plan: ImportPlan) -> ImportResult:
    """Write the added and updated rows of ``plan`` in the caller's transaction.

    Each row is checked again, because the database may have changed since the
    plan was made: an added person's e-mail address taken meanwhile, or an
    updated person changed, erased or deleted meanwhile, raises
    :class:`ImportOutdatedError` naming the line. Any failure raises, and the
    caller's transaction rolls back: all of the import or none of it. Records
    one ``contacts.import`` audit row with the file's name, the layout and the
    counts (never names or addresses).
    """
    organisations: dict[str, Organisation] = {}
    organisations_added: list[int] = []
    for name in plan.new_organisations:
        organisation = records.find_organisation_by_name(session, name)
        if organisation is None:
            organisation = records.create_organisation(session, name)
            organisations_added.append(organisation.id)
        organisations[name.casefold()] = organisation

    def organisation_of(name: str) -> Organisation | None:
        if not name:
            return None
        key = name.casefold()
        if key not in organisations:
            found = records.find_organisation_by_name(session, name)
            if found is None:  # deleted since the plan: bring it back rather than drop it
                found = records.create_organisation(session, name)
                organisations_added.append(found.id)
            organisations[key] = found
        return organisations[key]

    added = _add_people(session, plan, organisation_of)
    updated: list[int] = []
    before: dict[int, Mapping[str, Any]] = {}
    for row in plan.rows:
        if row.action is not RowAction.UPDATE:
            continue
        person = _updatable(session, row)
        before[person.id] = MappingProxyType(records.snapshot_of(person))
        changes: dict[str, Any] = {
            key: value for key, value in row.values.items() if key != "organisation"
        }
        if "organisation" in row.values:
            changes["organisation"] = organisation_of(row.values["organisation"])
        try:
            records.update_person(session, person, **changes)
        except ValidationError as exc:
            raise ImportOutdatedError(
                f"Nothing was imported: line {row.line} ({row.name}) can no longer be "
                f"updated: {exc.message}"
            ) from None
        updated.append(person.id)
    source = plan.source
    record_audit(
        session,
        IMPORT_AUDIT,
        entity_type="person",
        detail={
            "file": source.name or (source.path.name if source.path else ""),
            "format": source.kind,
            "layout": source.layout,
            "rows": len(plan.rows),
            "added": len(added),
            "updated": len(updated),
            "skipped": plan.count(RowAction.SKIP),
            "rejected": plan.count(RowAction.REJECT),
            "organisations_added": len(organisations_added),
        },
    )
    session.flush()
    return ImportResult(
        added=tuple(added),
        updated=tuple(updated),
        organisations_added=tuple(organisations_added),
        before=MappingProxyType(before),
    )


#: People are added (and their addresses checked) this many at a time.
_BATCH = 500


def _add_people(
    session: Session, plan: ImportPlan, organisation_of: Callable[[str], Organisation | None]
) -> list[int]:
    """Add the ADD rows in batches; the ids of the new people in the file's order.

    Adding a file of 20,000 people one :func:`records.create_person` at a time
    takes a query and a flush each (about a minute); here the values go through
    the same cleaners, the addresses are checked against the database 500 at a
    time, and each batch is flushed at once. The unique index on ``lower(email)``
    stays the last guard.
    """
    rows = [row for row in plan.rows if row.action is RowAction.ADD]
    cleaners = records._person_cleaners(session, None)
    added: list[int] = []
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        _check_addresses_free(session, batch)
        people = []
        for row in batch:
            # The organisation first: looking it up may flush, and a person not yet
            # in the session must not be half-attached to it by then.
            organisation = organisation_of(row.values.get("organisation", ""))
            person = _new_person(cleaners, row, organisation)
            session.add(person)
            people.append(person)
        session.flush()
        added.extend(person.id for person in people)
    return added


def _check_addresses_free(session: Session, rows: Sequence[PlannedRow]) -> None:
    wanted = {row.values["email"].lower(): row for row in rows if row.values.get("email")}
    if not wanted:
        return
    taken = session.scalars(
        select(func.lower(Person.email)).where(func.lower(Person.email).in_(list(wanted)))
    ).all()
    if taken:
        row = min((wanted[address] for address in taken), key=lambda r: r.line)
        raise ImportOutdatedError(
            f"Nothing was imported: line {row.line} would add {row.name}, but "
            f"{row.email} now belongs to someone added since the preview. "
            "Preview the import again."
        )


def _new_person(
    cleaners: records.Cleaners, row: PlannedRow, organisation: Organisation | None
) -> Person:
    """A new person from an ADD row, its values checked as create_person checks them."""
    values = row.values
    try:
        cleaned = {
            key: cleaners[key](values.get(key, ""))
            for key in ("name", "role", "phone", "preferred_language", "notes")
        }
        cleaned["email"] = validate_email(values.get("email"))
    except ValidationError as exc:
        raise ImportOutdatedError(
            f"Nothing was imported: line {row.line} ({row.name}) cannot be added: {exc.message}"
        ) from None
    return Person(organisation=organisation, **cleaned)


def _updatable(session: Session, row: PlannedRow) -> Person:
    """The person an UPDATE row names, as the plan saw them, or an error."""
    person = session.get(Person, row.person_id) if row.person_id is not None else None
    where = f"Nothing was imported: line {row.line} would update {row.name}"
    if person is None:
        raise ImportOutdatedError(f"{where}, who was deleted since the preview.")
    if person.erased_at is not None:
        raise ImportOutdatedError(f"{where}, whose details were erased since the preview.")
    current = {
        FIELD_LABELS[target]: (person.organisation.name if person.organisation is not None else "")
        if key == "organisation"
        else str(getattr(person, key) or "")
        for key, target in _PERSON_FIELDS
    }
    for label, old, _new in row.changes:
        if current[label] != old:
            raise ImportOutdatedError(
                f"{where}, whose {label.lower()} was changed since the preview. "
                "Preview the import again."
            )
    return person


# ======================================================================================
# Export
# ======================================================================================


def people_for_export(session: Session, people: Sequence[int] | None = None) -> list[Person]:
    """The people an export writes: ``people`` (ids) or everyone, erased people left out.

    Sorted by name, then id. An id that names nobody raises :class:`NotFoundError`.
    """
    stmt = (
        select(Person).where(Person.erased_at.is_(None)).options(selectinload(Person.organisation))
    )
    if people is not None:
        wanted = set(people)
        found = set(session.scalars(select(Person.id).where(Person.id.in_(wanted))))
        missing = sorted(wanted - found)
        if missing:
            raise NotFoundError(f"No person with id {', '.join(map(str, missing))}.")
        stmt = stmt.where(Person.id.in_(wanted))
    stmt = stmt.order_by(func.lower(Person.name), Person.id)
    return list(session.scalars(stmt))


def _neutralise(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: = + - @ TAB CR get an apostrophe."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def export_people_csv(session: Session, people: Sequence[int] | None = None) -> bytes:
    """People as CSV: UTF-8 with a byte order mark (so Excel reads it right), commas, CRLF.

    One header row (:data:`CSV_EXPORT_HEADERS`), then one row per person, sorted
    by name. Cells starting with = + - @ (or a tab or carriage return) get an
    apostrophe in front, so a spreadsheet shows them instead of running them as
    formulas; :func:`read_contacts_file` takes it off again. Erased people are
    left out.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_EXPORT_HEADERS)
    for person in people_for_export(session, people):
        row = (
            person.name,
            person.email or "",
            person.organisation.name if person.organisation is not None else "",
            person.role,
            person.phone,
            person.preferred_language,
            person.notes,
        )
        writer.writerow([_neutralise(value or "") for value in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def _escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets without splitting a character."""
    out = bytearray()
    width = 75
    chunk = bytearray()
    for char in line:
        encoded = char.encode("utf-8")
        if len(chunk) + len(encoded) > width:
            out += chunk + b"\r\n "
            chunk = bytearray()
            width = 74  # the leading space of a continuation line is one of its 75
        chunk += encoded
    out += chunk + b"\r\n"
    return bytes(out)


_PARTICLES = {
    "van", "de", "der", "den", "het", "ten", "ter", "von", "zu", "vom", "zum", "da", "di",
    "del", "della", "dos", "das", "du", "des", "la", "le", "af", "al", "bin", "ibn", "'t",
}  # fmt: skip


def _structured_name(name: str) -> tuple[str, str]:
    """(family, given) for vCard's N, a guess from the full name.

    The family name starts at the first lower-case particle ("Jan de Vries" →
    "de Vries"), else it is the last word. FN keeps the name as it is; N is
    there for address books that sort by family name.
    """
    words = name.split()
    if len(words) <= 1:
        return name.strip(), ""
    for index in range(1, len(words) - 1):
        if words[index] in _PARTICLES:
            return " ".join(words[index:]), " ".join(words[:index])
    return words[-1], " ".join(words[:-1])


def export_people_vcard(session: Session, people: Sequence[int] | None = None) -> bytes:
    """People as vCard 3.0, one card each, sorted by name; erased people are left out.

    vCard 3.0 (RFC 2426) rather than 4.0 because it is what the widest range of
    address books and mail programs import (Outlook, Apple Contacts, Google,
    Thunderbird). Lines end in CRLF and are folded at 75 octets; text values are
    escaped (backslash, comma, semicolon, line break). Each card holds FN, N,
    EMAIL, ORG, TITLE, TEL, NOTE and LANG where the person has them.
    """
    out = bytearray()
    for person in people_for_export(session, people):
        family, given = _structured_name(person.name)
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"PRODID:-//Roundtable//Roundtable {__version__}//EN",
            f"FN:{_escape_text(person.name)}",
            f"N:{_escape_text(family)};{_escape_text(given)};;;",
        ]
        if person.email:
            lines.append(f"EMAIL;TYPE=INTERNET:{_escape_text(person.email)}")
        if person.organisation is not None:
            lines.append(f"ORG:{_escape_text(person.organisation.name)}")
        if person.role:
            lines.append(f"TITLE:{_escape_text(person.role)}")
        if person.phone:
            lines.append(f"TEL;TYPE=WORK,VOICE:{_escape_text(person.phone)}")
        if person.preferred_language:
            lines.append(f"LANG:{_escape_text(person.preferred_language)}")
        if person.notes:
            lines.append(f"NOTE:{_escape_text(person.notes)}")
        lines.append("END:VCARD")
        for line in lines:
            out += _fold(line)
    return bytes(out)


def record_export(session: Session, kind: str, count: int, target: str) -> None:
    """Record a ``contacts.export`` audit row: the format, how many people, the file's name.

    The caller calls it after the file was written. Only the file's name is kept,
    not its folder (which often holds a user name).
    """
    record_audit(
        session,
        EXPORT_AUDIT,
        entity_type="person",
        detail={"format": kind, "count": count, "file": Path(target).name},
    )
    session.flush()


# ======================================================================================
# Small helpers
# ======================================================================================


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])
