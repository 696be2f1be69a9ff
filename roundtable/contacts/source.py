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

from roundtable.contacts.layouts import Field, layout_label
from roundtable.i18n import _, ngettext

#: The largest file :func:`read_contacts_file` reads; larger ones are refused by name.
MAX_FILE_SIZE = 100 * 1024 * 1024


def encoding_label(encoding: str) -> str:
    """``utf-8-sig`` → "UTF-8 with byte order mark", in the user's language."""
    labels = {
        "utf-8": "UTF-8",
        "utf-8-sig": _("UTF-8 with byte order mark"),
        "utf-16": "UTF-16",
        "cp1252": "Windows-1252",
    }
    return labels.get(encoding, encoding)


def _delimiter_label(delimiter: str) -> str:
    labels = {
        ",": _("comma-separated"),
        ";": _("semicolon-separated"),
        "\t": _("tab-separated"),
    }
    return labels.get(delimiter, repr(delimiter))


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
    count = len(source.rows)
    parts = [layout_label(source.layout), encoding_label(source.encoding)]
    if source.kind == "csv":
        parts.append(_delimiter_label(source.delimiter))
        parts.append(ngettext("{count} row", "{count} rows", count).format(count=count))
    else:
        parts.append(ngettext("{count} card", "{count} cards", count).format(count=count))
    return ", ".join(parts)


_CHUNK = 1 << 16


# Control characters never appear in a contacts file that is text (tab, line
# feed and carriage return do). Windows-1252 leaves five bytes undefined.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


#: The first bytes of files that are no contacts file, with what they are (a function,
#: so the words are in the language of the message).
_MAGIC: tuple[tuple[bytes, Callable[[], str]], ...] = (
    (b"\x89PNG", lambda: _("a PNG image")),
    (b"\xff\xd8\xff", lambda: _("a JPEG image")),
    (b"GIF8", lambda: _("a GIF image")),
    (b"%PDF", lambda: _("a PDF document")),
    (
        b"PK\x03\x04",
        lambda: _("a ZIP archive (an Excel .xlsx or OpenDocument workbook is one)"),
    ),
    (
        b"\xd0\xcf\x11\xe0",
        lambda: _("an old-style Office file (such as an Excel .xls workbook)"),
    ),
)


@dataclass(frozen=True)
class SourceInput:
    """A file or a byte string that can be opened more than once, read in chunks."""

    label: str
    path: Path | None
    opener: Callable[[], IO[bytes]]


def not_text(label: str, byte: int, line: int) -> str:
    """Why a file with ``byte`` on ``line`` is no text, and what to do about it."""
    values = {"file": label, "byte": f"0x{byte:02X}", "line": line}
    if byte == 0:
        return _(
            "{file} cannot be read as text: byte {byte} on line {line} is not a character "
            "in any of the encodings tried (UTF-8, Windows-1252). Files with zero bytes "
            "are usually UTF-16 without a byte order mark, or not text at all. Save it as "
            "CSV (UTF-8) or vCard and try again."
        ).format(**values)
    return _(
        "{file} cannot be read as text: byte {byte} on line {line} is not a character "
        "in any of the encodings tried (UTF-8, Windows-1252). Save it as CSV (UTF-8) or "
        "vCard and try again."
    ).format(**values)


def text_stream(binary: IO[bytes], encoding: str, *, csv_mode: bool) -> io.TextIOWrapper:
    # csv needs newline="" to keep line breaks inside quoted cells; vCard lines
    # may end in CRLF, LF or (old Macs) CR, which universal newlines all accept.
    return io.TextIOWrapper(binary, encoding=encoding, newline="" if csv_mode else None)
