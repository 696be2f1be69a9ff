"""The contacts file formats: one entry each, read by the import and written by the export.

Each :class:`ContactsFormat` names its format (the word the audit log and the
command line use), what the user calls it, the file suffixes it is written
with, and its reader and writer, which live in the format's own module
(:mod:`~roundtable.contacts.csv_format`, :mod:`~roundtable.contacts.vcard`).
Adding a contacts format means that module and one entry in :data:`FORMATS`:
the app's export dialog, ``roundtable contacts export`` and the import take
their formats from here.

:func:`export_people` is the query both the app and the command line read an
export through: the file's bytes and how many people it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from sqlalchemy.orm import Session

from roundtable.contacts import csv_format, vcard
from roundtable.contacts.export import people_for_export
from roundtable.contacts.source import SourceInput, SourceTable
from roundtable.errors import ContactsError
from roundtable.i18n import _

#: ``reader(source, encoding, text_head)``: the file read as a table (or ContactsError).
Reader = Callable[[SourceInput, str, str], SourceTable]
#: ``writer(session, person_ids)``: the people (``None``: everyone not erased) as the file.
Writer = Callable[[Session, Sequence[int] | None], bytes]


@dataclass(frozen=True)
class ContactsFormat:
    """One contacts file format."""

    #: What the audit log and the command line call it: "csv", "vcard".
    name: str
    #: What the user calls it ("CSV for spreadsheets"), a core message in their language.
    label: Callable[[], str]
    #: The suffixes its files have, lower case; the first is given to a name typed without one.
    suffixes: tuple[str, ...]
    #: Reads a file of this format; ``None`` for a format that is only written.
    reader: Reader | None = None
    #: Writes people in this format; ``None`` for a format that is only read.
    writer: Writer | None = None
    #: Whether a file's first characters are of this format. A reading format
    #: without it reads what no other format recognises (CSV: any text).
    recognises: Callable[[str], bool] | None = None
    #: More suffixes the import takes as this format (".tsv" for CSV), never written.
    also_reads: tuple[str, ...] = ()


def _read_vcard(source: SourceInput, encoding: str, text_head: str) -> SourceTable:
    if text_head[:11].upper() != "BEGIN:VCARD":
        raise ContactsError(
            _("{file} is named as a vCard file but does not start with BEGIN:VCARD.").format(
                file=source.label
            )
        )
    return vcard.read_vcard(source, encoding)


CSV = ContactsFormat(
    name="csv",
    label=lambda: _("CSV for spreadsheets"),
    suffixes=(".csv",),
    reader=csv_format.read_csv,
    writer=csv_format.export_people_csv,
    also_reads=(".tsv",),
)
VCARD = ContactsFormat(
    name="vcard",
    label=lambda: _("vCard"),
    suffixes=(".vcf", ".vcard"),
    reader=_read_vcard,
    writer=vcard.export_people_vcard,
    recognises=lambda text_head: text_head[:11].upper() == "BEGIN:VCARD",
)

#: Every contacts format, in the order the export offers them (the first is the default).
FORMATS: tuple[ContactsFormat, ...] = (CSV, VCARD)


def get(name: str) -> ContactsFormat:
    """The format called ``name``; :class:`ValueError` for one that does not exist."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise ValueError(f"unknown contacts format: {name!r}")


def export_formats() -> tuple[ContactsFormat, ...]:
    """The formats people can be exported as, in the order offered."""
    return tuple(fmt for fmt in FORMATS if fmt.writer is not None)


def for_export(path: PurePath | str) -> ContactsFormat | None:
    """The export format a file name asks for by its suffix (any letter case), or ``None``."""
    suffix = PurePath(path).suffix.lower()
    return next((fmt for fmt in export_formats() if suffix in fmt.suffixes), None)


def export_suffixes() -> tuple[str, ...]:
    """The suffix each export format gives its files (".csv", ".vcf")."""
    return tuple(fmt.suffixes[0] for fmt in export_formats())


def import_suffixes() -> tuple[str, ...]:
    """Every suffix the import takes as a contacts file (".csv", ".tsv", ".vcf", ".vcard")."""
    return tuple(
        suffix
        for fmt in FORMATS
        if fmt.reader is not None
        for suffix in (*fmt.suffixes, *fmt.also_reads)
    )


def for_reading(text_head: str, path: PurePath | None) -> ContactsFormat:
    """The format to read a file as: by its first characters, else its suffix, else plain text.

    A file whose content no format recognises is read by the format its name
    claims (a ``.vcf`` that is not a vCard is then refused by the vCard reader),
    or else by the reading format that takes any text (CSV).
    """
    readers = [fmt for fmt in FORMATS if fmt.reader is not None]
    for fmt in readers:
        if fmt.recognises is not None and fmt.recognises(text_head):
            return fmt
    suffix = path.suffix.lower() if path is not None else ""
    for fmt in readers:
        if suffix and suffix in (*fmt.suffixes, *fmt.also_reads):
            return fmt
    return next(fmt for fmt in readers if fmt.recognises is None)


@dataclass(frozen=True)
class ExportFile:
    """An export as the file to write: its format's name, the bytes, and how many people."""

    format: str
    data: bytes
    count: int


def export_people(
    session: Session, format_name: str, people: Sequence[int] | None = None
) -> ExportFile:
    """The people (ids; ``None``: everyone) as a file of ``format_name``; erased people left out.

    Only reads: the caller writes the file, then records the export
    (:func:`roundtable.contacts.actions.record_export`).
    """
    fmt = get(format_name)
    if fmt.writer is None:
        raise ValueError(f"contacts cannot be exported as {format_name!r}")
    ids = None if people is None else list(people)
    return ExportFile(fmt.name, fmt.writer(session, ids), len(people_for_export(session, ids)))
