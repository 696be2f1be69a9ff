"""Contacts as CSV: read (comma, semicolon or tab, quotes taken into account) and
written so that a spreadsheet never runs a cell as a formula.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence

from sqlalchemy.orm import Session

from roundtable.contacts.export import people_for_export
from roundtable.contacts.layouts import CSV_EXPORT_HEADERS, guess_mapping
from roundtable.contacts.source import (
    SourceInput,
    SourceRow,
    SourceTable,
    encoding_label,
    text_stream,
)
from roundtable.errors import ContactsError
from roundtable.i18n import _, ngettext


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


def read_csv(source: SourceInput, encoding: str, text_head: str) -> SourceTable:
    delimiter = _sniff_delimiter(text_head)
    # Strict first, so that a quoted cell never closed is reported instead of
    # swallowing the rest of the file; stray quotes inside cells are common
    # enough that such a file is then read again without strictness.
    try:
        headers, rows, empty_rows = _parse_csv(source, encoding, delimiter, strict=True)
    except _LooseQuotes:
        headers, rows, empty_rows = _parse_csv(source, encoding, delimiter, strict=False)
    if headers is None:
        raise ContactsError(
            _("{file} is empty: there is nothing to import.").format(file=source.label)
        )
    if not rows:
        raise ContactsError(
            _("{file} has a header row but no contacts below it: nothing to import.").format(
                file=source.label
            )
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
    source: SourceInput, encoding: str, delimiter: str, *, strict: bool
) -> tuple[tuple[str, ...] | None, list[SourceRow], int]:
    """The header, the rows and the number of empty rows left out."""
    headers: tuple[str, ...] | None = None
    rows: list[SourceRow] = []
    empty_rows = 0
    with source.opener() as binary, text_stream(binary, encoding, csv_mode=True) as stream:
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
                        _(
                            "{file} is broken: the quoted cell that starts on line {line} "
                            'is never closed (a " is missing), so the rest of the file '
                            "would be read as one cell."
                        ).format(file=source.label, line=start)
                    ) from None
                if strict:
                    raise _LooseQuotes from None
                # The reason is Python's csv module's own (English) wording.
                raise ContactsError(
                    _("{file}, line {line}, cannot be read as CSV: {reason}.").format(
                        file=source.label, line=start, reason=exc
                    )
                ) from None
            except UnicodeDecodeError as exc:
                raise ContactsError(
                    _(
                        "{file} cannot be read: near line {line} it is not valid "
                        "{encoding} ({reason})."
                    ).format(
                        file=source.label,
                        line=start,
                        encoding=encoding_label(encoding),
                        reason=exc.reason,
                    )
                ) from None
            if headers is None:
                if not any(cell.strip() for cell in cells):
                    continue  # blank lines before the header
                headers = tuple(
                    cell.strip().lstrip("\ufeff").strip()
                    or _("Column {number}").format(number=index)
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
