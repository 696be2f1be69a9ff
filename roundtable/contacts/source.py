"""A contacts file as read: its columns, its rows as text, the guessed mapping of
columns to fields, and how it was decoded.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from roundtable.contacts.layouts import LAYOUT_LABELS, Field
from roundtable.errors import RoundtableError
from roundtable.text import plural_words

#: The largest file :func:`read_contacts_file` reads; larger ones are refused by name.
MAX_FILE_SIZE = 100 * 1024 * 1024


class ContactsError(RoundtableError):
    """A contacts file that cannot be read; the message names the file and the problem."""


class ImportOutdatedError(RoundtableError):
    """The database changed between the preview and the import; nothing was imported."""


_ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with byte order mark",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}


_DELIMITER_LABELS = {",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated"}


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
        parts.append(plural_words(len(source.rows), "row", "rows"))
    else:
        parts.append(plural_words(len(source.rows), "card", "cards"))
    return ", ".join(parts)


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
class SourceInput:
    """A file or a byte string that can be opened more than once, read in chunks."""

    label: str
    path: Path | None
    opener: Callable[[], IO[bytes]]


def not_text(label: str, byte: int, line: int) -> str:
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


def text_stream(binary: IO[bytes], encoding: str, *, csv_mode: bool) -> io.TextIOWrapper:
    # csv needs newline="" to keep line breaks inside quoted cells; vCard lines
    # may end in CRLF, LF or (old Macs) CR, which universal newlines all accept.
    return io.TextIOWrapper(binary, encoding=encoding, newline="" if csv_mode else None)
