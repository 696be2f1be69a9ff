"""The whole database as one documented JSON file, and back.

The document (format described in ``docs/interchange.md``, schema shipped as
``resources/schema/roundtable-interchange.schema.json``) holds every column of
every table, ids and version counters included, so that importing a file into
an empty database and exporting again gives the same bytes. It carries no
export time: the same data always gives the same file.

Rows are nested where they belong to a parent (a roundtable's invitations, an
invitation's history, an agenda item's notes, a statement's sections); the
parent's id column is then given by the nesting rather than repeated. Every
other reference is an id that must name a row elsewhere in the file.

Import writes with Core ``INSERT`` statements rather than the ORM, because the
ORM sets a fresh version counter (1) on every insert and the file's counters
must be kept as they are.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Column, Date, Enum, Table, func, insert, literal, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from roundtable import __version__
from roundtable.errors import InterchangeError, ValidationError
from roundtable.i18n import _
from roundtable.storage.models import Base, UTCDateTime, statement_roundtable
from roundtable.validation import validate_email, validate_timezone

if TYPE_CHECKING:
    pass
from roundtable.storage.interchange_check import (
    FORMAT_VERSION,
    load_json_file,
    schema_path,
    validate_document,
)

_TABLES = Base.metadata.tables

#: Tables about the database itself rather than its data: never exported.
NOT_EXPORTED = frozenset({"database_info", "change_marker"})


@dataclass(frozen=True)
class SameAs:
    """A later column that, missing from an older file, takes another column's value."""

    column: str


#: Columns added after format version 1 was first written. Every export has
#: them; a file written by an earlier release may lack them, and then they
#: take the value given here, or the value of the row's column a :class:`SameAs`
#: names (the schema lists them as optional). History rows of older files were
#: recorded as they happened, so their ``recorded_at`` is their ``at``.
LATER_COLUMNS: dict[str, dict[str, Any]] = {
    "person": {"retention_reviewed_at": None},
    "roundtable": {"host_sequence": None},
    "roundtable_event": {"recorded_at": SameAs("at")},
    "invitation_event": {"recorded_at": SameAs("at")},
}


def _data_tables() -> list[Table]:
    """The exported tables, in an order in which every reference points backwards."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_EXPORTED]


@dataclass(frozen=True)
class _Part:
    """Where the rows of one table sit in the document."""

    key: str
    table: Table
    #: The column that the nesting gives (the parent's id), not written in the row.
    parent_column: str | None = None
    children: tuple[_Part, ...] = ()


def _part(key: str, table: str, parent: str | None = None, *children: _Part) -> _Part:
    return _Part(key, _TABLES[table], parent, children)


#: The document's shape. Top-level parts come in an order in which every
#: reference points backwards, which is also a valid insertion order.
_LAYOUT: tuple[_Part, ...] = (
    _part("organisations", "organisation"),
    _part("people", "person"),
    _part(
        "roundtables",
        "roundtable",
        None,
        _part("history", "roundtable_event", "roundtable_id"),
        _part(
            "invitations",
            "invitation",
            "roundtable_id",
            _part("history", "invitation_event", "invitation_id"),
        ),
        _part("questions", "question", "roundtable_id"),
        _part(
            "agenda_items",
            "agenda_item",
            "roundtable_id",
            _part("notes", "minute_note", "agenda_item_id"),
        ),
        _part("action_items", "action_item", "roundtable_id"),
        _part("follow_ups", "follow_up", "roundtable_id"),
    ),
    _part(
        "statements",
        "statement",
        None,
        _part("sections", "statement_section", "statement_id"),
        _part("references", "reference", "statement_id"),
        _part("updates", "statement_update", "statement_id"),
    ),
    _part("audit_log", "audit_entry"),
)

#: The refusal for a reference to a row the file does not hold, by the table referred to
#: (functions: the message is looked up in the language spoken when it is raised).
_MISSING_TARGET: dict[str, Callable[[], str]] = {
    "organisation": lambda: _("{where}: there is no organisation with id {value} in the file."),
    "person": lambda: _("{where}: there is no person with id {value} in the file."),
    "roundtable": lambda: _("{where}: there is no roundtable with id {value} in the file."),
    "invitation": lambda: _("{where}: there is no invitation with id {value} in the file."),
    "agenda_item": lambda: _("{where}: there is no agenda item with id {value} in the file."),
    "statement": lambda: _("{where}: there is no statement with id {value} in the file."),
}


@dataclass(frozen=True)
class ImportSummary:
    """How many rows of each kind an import wrote."""

    organisations: int = 0
    people: int = 0
    roundtables: int = 0
    roundtable_events: int = 0
    invitations: int = 0
    invitation_events: int = 0
    questions: int = 0
    agenda_items: int = 0
    minute_notes: int = 0
    action_items: int = 0
    follow_ups: int = 0
    statements: int = 0
    statement_sections: int = 0
    references: int = 0
    statement_updates: int = 0
    statement_roundtable_links: int = 0
    audit_entries: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts by name, e.g. for an audit row's detail."""
        return asdict(self)

    @property
    def total(self) -> int:
        """All rows written."""
        return sum(asdict(self).values())


# Summary field for each table's row count.
_SUMMARY_FIELDS = {
    "organisation": "organisations",
    "person": "people",
    "roundtable": "roundtables",
    "roundtable_event": "roundtable_events",
    "invitation": "invitations",
    "invitation_event": "invitation_events",
    "question": "questions",
    "agenda_item": "agenda_items",
    "minute_note": "minute_notes",
    "action_item": "action_items",
    "follow_up": "follow_ups",
    "statement": "statements",
    "statement_section": "statement_sections",
    "reference": "references",
    "statement_update": "statement_updates",
    "statement_roundtable": "statement_roundtable_links",
    "audit_entry": "audit_entries",
}


# --------------------------------------------------------------------------- export


def export_database(session: Session) -> dict[str, Any]:
    """The whole database as a plain, JSON-ready dict (see ``docs/interchange.md``).

    Every list is ordered by id, and nothing depends on the time of export, so
    the same data always gives the same document.
    """
    # Pending ORM changes belong to the caller's unit of work; include them.
    session.flush()
    document: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "generator": f"Roundtable {__version__}",
    }
    links: dict[int, list[int]] = defaultdict(list)
    query = select(statement_roundtable).order_by(
        statement_roundtable.c.statement_id, statement_roundtable.c.roundtable_id
    )
    for link in session.execute(query).mappings():
        links[link["statement_id"]].append(link["roundtable_id"])
    for part in _LAYOUT:
        rows = _export_part(session, part).get(None, [])
        if part.key == "statements":
            for row in rows:
                row["roundtable_ids"] = links.get(row["id"], [])
        document[part.key] = rows
    return document


def _export_part(session: Session, part: _Part) -> dict[int | None, list[dict[str, Any]]]:
    """The part's rows as dicts (with their children), grouped by parent id."""
    children = {child.key: _export_part(session, child) for child in part.children}
    grouped: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    table = part.table
    for record in session.execute(select(table).order_by(table.c.id)).mappings():
        row = {
            column.name: _to_json(column, record[column.name])
            for column in table.columns
            if column.name != part.parent_column
        }
        for key, by_parent in children.items():
            row[key] = by_parent.get(record["id"], [])
        parent = record[part.parent_column] if part.parent_column else None
        grouped[parent].append(row)
    return grouped


def _to_json(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return _format_datetime(value)
    if isinstance(column.type, Date):
        return value.isoformat()
    if isinstance(column.type, Enum):
        return value.value if hasattr(value, "value") else str(value)
    return value


def _format_datetime(value: datetime) -> str:
    value = value.astimezone(UTC)
    # Seconds are the norm (context.now() drops microseconds); keep any that
    # are there so that a round trip loses nothing.
    spec = "seconds" if value.microsecond == 0 else "microseconds"
    return value.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def dump_json(data: dict[str, Any]) -> str:
    """The canonical text of a document: sorted keys, two-space indent, UTF-8 characters
    as themselves, and a final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- reading


# --------------------------------------------------------------------------- import


@dataclass
class _Row:
    """A row read from the document: where it was, and its column values."""

    path: str
    values: dict[str, Any]


def import_database(session: Session, data: dict[str, Any]) -> ImportSummary:
    """Write the rows of an interchange document into an EMPTY database, keeping ids.

    The document is checked against the schema, then for references and
    uniqueness, before anything is written; any problem raises
    :class:`InterchangeError` and writes nothing. On PostgreSQL the id
    sequences are moved past the imported ids afterwards. No audit row is
    written here (it would make export → import → export differ); the caller
    records one if it wants to.
    """
    validate_document(data)
    _require_empty(session)
    rows = _flatten(data)
    _check_integrity(rows)
    summary_counts: dict[str, int] = {}
    try:
        for table in _data_tables():
            table_rows = rows.get(table.name, [])
            summary_counts[_SUMMARY_FIELDS[table.name]] = len(table_rows)
            if table_rows:
                values = [_to_python(table, row.values) for row in table_rows]
                session.execute(insert(table), values)
        session.flush()
    except IntegrityError as exc:
        # Every rule the database enforces is checked above; this is a last guard
        # (for example a constraint added by a later migration).
        raise InterchangeError(
            _("The file does not fit the database: {reason}").format(
                reason=getattr(exc, "orig", exc)
            )
        ) from None
    _reset_sequences(session)
    return ImportSummary(**summary_counts)


def _require_empty(session: Session) -> None:
    session.flush()
    for table in _data_tables():
        if session.execute(select(literal(1)).select_from(table).limit(1)).first() is not None:
            raise InterchangeError(
                _("The database already holds data; import into a new, empty database.")
            )


def _flatten(data: dict[str, Any]) -> dict[str, list[_Row]]:
    """Every row of the document by table name, with the nesting turned into parent ids."""
    rows: dict[str, list[_Row]] = defaultdict(list)

    def walk(part: _Part, items: list[dict[str, Any]], path: str, parent_id: int | None) -> None:
        child_keys = {child.key for child in part.children}
        for index, item in enumerate(items):
            here = f"{path}[{index}]"
            values = {
                key: value
                for key, value in item.items()
                if key not in child_keys and key != "roundtable_ids"
            }
            if part.parent_column is not None:
                values[part.parent_column] = parent_id
            rows[part.table.name].append(_Row(here, values))
            for child in part.children:
                walk(child, item[child.key], f"{here}.{child.key}", item["id"])
            if part.table.name == "statement":
                for position, roundtable_id in enumerate(item["roundtable_ids"]):
                    rows["statement_roundtable"].append(
                        _Row(
                            f"{here}.roundtable_ids[{position}]",
                            {"statement_id": item["id"], "roundtable_id": roundtable_id},
                        )
                    )

    for part in _LAYOUT:
        walk(part, data[part.key], part.key, None)
    return rows


def _check_integrity(rows: dict[str, list[_Row]]) -> None:
    """Ids unique, references pointing at rows in the file, and the database's own rules."""
    ids: dict[str, set[int]] = {}
    for table in _data_tables():
        if "id" not in table.c:
            continue
        seen: dict[int, str] = {}
        for row in rows.get(table.name, []):
            row_id = row.values["id"]
            if row_id in seen:
                raise InterchangeError(
                    _("{where}: the id {id} is used twice (also at {other}).").format(
                        where=f"{row.path}.id", id=row_id, other=seen[row_id]
                    )
                )
            seen[row_id] = row.path
        ids[table.name] = set(seen)

    for table in _data_tables():
        references = [
            (column.name, next(iter(column.foreign_keys)).column.table.name)
            for column in table.columns
            if column.foreign_keys
        ]
        for row in rows.get(table.name, []):
            for name, target in references:
                value = row.values.get(name)
                if value is not None and value not in ids[target]:
                    where = (
                        row.path if table.name == "statement_roundtable" else f"{row.path}.{name}"
                    )
                    missing = _MISSING_TARGET.get(target)
                    message = (
                        missing()
                        if missing
                        else _("{where}: there is no {table} with id {value} in the file.")
                    )
                    raise InterchangeError(message.format(where=where, value=value, table=target))

    _check_unique(
        rows,
        "organisation",
        lambda v: v["name"],
        _("{where}: the organisation name {value} is already used at {other}."),
    )
    _check_unique(
        rows,
        "person",
        lambda v: v["email"].strip().lower() if v["email"] else None,
        _("{where}: the e-mail address {value} is already used at {other}."),
        column="email",
    )
    _check_unique(
        rows,
        "roundtable",
        lambda v: v["uid"],
        _("{where}: the UID {value} is already used at {other}."),
        column="uid",
    )
    _check_unique(
        rows,
        "statement",
        lambda v: v["slug"],
        _("{where}: the slug {value} is already used at {other}."),
        column="slug",
    )
    _check_unique(
        rows,
        "reference",
        lambda v: (v["statement_id"], v["key"]),
        _("{where}: the reference key {value} is already used at {other}."),
        column="key",
    )
    _check_unique(
        rows,
        "invitation",
        lambda v: (v["roundtable_id"], v["person_id"]) if v["person_id"] is not None else None,
        _("{where}: an invitation of person {value} is already used at {other}."),
        column="person_id",
    )

    for row in rows.get("roundtable", []):
        values = row.values
        zone_path = f"{row.path}.timezone"
        try:
            validate_timezone(values["timezone"])
        except ValidationError as exc:
            raise InterchangeError(f"{zone_path}: {exc.message}") from None
        except (OSError, ValueError):
            # zoneinfo raises these for a folder name ("Europe") or an over-long
            # name; validate_timezone does not turn them into a ValidationError yet.
            raise InterchangeError(
                _(
                    "{where}: {value} is not a known time zone; use a name such as "
                    "Europe/Amsterdam."
                ).format(where=zone_path, value=repr(values["timezone"]))
            ) from None
        starts, ends = values["starts_at"], values["ends_at"]
        if (
            starts is not None
            and ends is not None
            and _parse_datetime(ends) <= _parse_datetime(starts)
        ):
            raise InterchangeError(
                _("{where}: the end must be after the start.").format(where=f"{row.path}.ends_at")
            )
    for row in rows.get("invitation", []):
        if row.values["person_id"] is None and row.values["organisation_id"] is None:
            raise InterchangeError(
                _("{where}: an invitation must name a person or an organisation.").format(
                    where=row.path
                )
            )


def _check_unique(
    rows: dict[str, list[_Row]],
    table: str,
    key: Any,
    message: str,
    *,
    column: str = "name",
) -> None:
    """Refuse two rows of ``table`` with the same ``key``; ``message`` (translated) has
    the placeholders ``where``, ``value`` and ``other``."""
    seen: dict[Any, str] = {}
    for row in rows.get(table, []):
        value = key(row.values)
        if value is None:
            continue
        if value in seen:
            shown = row.values[column]
            raise InterchangeError(
                message.format(where=f"{row.path}.{column}", value=repr(shown), other=seen[value])
            )
        seen[value] = row.path


def _parse_datetime(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def _to_python(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Column values as the column types expect them (datetimes, dates, enum members)."""
    result: dict[str, Any] = {}
    later = LATER_COLUMNS.get(table.name, {})
    for column in table.columns:
        value = values[column.name] if column.name in values else later[column.name]
        if isinstance(value, SameAs):
            value = values.get(value.column)
        if value is not None:
            if isinstance(column.type, UTCDateTime):
                value = _parse_datetime(value)
            elif isinstance(column.type, Date):
                value = date.fromisoformat(value)
            elif isinstance(column.type, Enum) and column.type.enum_class is not None:
                value = column.type.enum_class(value)
            elif isinstance(column.type, Boolean):
                value = bool(value)
            elif column.name == "email":
                value = validate_email(value)
        result[column.name] = value
    return result


def _reset_sequences(session: Session) -> None:
    """Move PostgreSQL's id sequences past the imported ids so new rows do not collide."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in _data_tables():
        if "id" not in table.c:
            continue
        highest = session.execute(select(func.max(table.c.id))).scalar()
        if highest is None:
            continue
        session.execute(
            text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value)"),
            {"table": f'"{table.name}"', "value": highest},
        )


def iter_tables() -> Iterator[tuple[str, Table, str | None]]:
    """Each table of the document with its JSON key and the column its nesting gives
    (for tests that check the schema covers every column)."""

    def walk(parts: Iterable[_Part]) -> Iterator[tuple[str, Table, str | None]]:
        for part in parts:
            yield part.key, part.table, part.parent_column
            yield from walk(part.children)

    yield from walk(_LAYOUT)


__all__ = [
    "FORMAT_VERSION",
    "ImportSummary",
    "dump_json",
    "export_database",
    "import_database",
    "iter_tables",
    "load_json_file",
    "schema_path",
    "validate_document",
]
