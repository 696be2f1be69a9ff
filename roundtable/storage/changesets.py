"""What one action changed, row by row, and putting it back: the one undo mechanism.

While an action runs, a :class:`Recorder` watches its session and notes, for
every row the action inserts, updates or deletes, how the row looked before the
action first touched it. When the action is done, :meth:`Recorder.changes`
reads how those rows look now. The result, a :class:`ChangeSet`, holds a before
and an after image of each row (``None`` where the row did not exist), so it
can put the database back as it was (undo) or forward again (redo) without
knowing anything about the action itself.

Rows change in more ways than an ORM object being saved, and each is noted:

* objects flushed by the ORM (mapper events, including the children its own
  cascades delete);
* rows the database itself deletes or clears (``ON DELETE CASCADE`` and
  ``SET NULL``): before a row is deleted, the rows whose foreign keys name it
  are read and noted too, recursively;
* link tables without a class of their own (``statement_roundtable``): the
  links of every row the action touches are read before and after, so a link
  removed by a cascade comes back with the row it belonged to;
* ``UPDATE``/``DELETE`` statements run through the session: the rows they match
  are read first.

Putting a change set back, for undo and redo, is :mod:`roundtable.storage.rewind`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    ForeignKeyConstraint,
    Table,
    and_,
    event,
    select,
    tuple_,
)
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, object_session

from roundtable.storage.models import Base

#: Tables whose rows are never rewound: the change marker (it counts every write,
#: undo and redo included) and the audit log (an account of what happened).
NOT_RECORDED = frozenset({"change_marker", "audit_entry"})

_RECORDER = "roundtable.changesets.recorder"
BATCH = 500

Key = tuple[Any, ...]
Image = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row as it was before an action (``None``: it did not exist) and after it."""

    table: str
    key: Key
    before: Image | None
    after: Image | None


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Every row one action changed, and the audit rows it wrote (never rewound)."""

    rows: tuple[RowChange, ...]
    #: ``(action, detail)`` of each audit row the action added.
    audit: tuple[tuple[str, str], ...] = ()

    @property
    def tables(self) -> frozenset[str]:
        """The tables with a changed row, audit log included when the action wrote to it."""
        names = {change.table for change in self.rows}
        if self.audit:
            names.add("audit_entry")
        return frozenset(names)

    def __bool__(self) -> bool:
        return bool(self.rows or self.audit)


# --------------------------------------------------------------------------- the schema


def schema_tables() -> Mapping[str, Table]:
    return Base.metadata.tables


def _mapped_tables() -> frozenset[str]:
    return frozenset(table.name for mapper in Base.registry.mappers for table in mapper.tables)


def _link_tables() -> frozenset[str]:
    """Tables that no class maps: rows of links between two others (statement ↔ roundtable)."""
    return frozenset(schema_tables()) - _mapped_tables() - NOT_RECORDED


@cache
def referencing(table_name: str) -> tuple[tuple[Table, ForeignKeyConstraint], ...]:
    """The foreign keys of other tables that point at ``table_name`` (the schema is fixed)."""
    found = []
    for table in schema_tables().values():
        for constraint in table.foreign_key_constraints:
            if constraint.referred_table.name == table_name:
                found.append((table, constraint))
    return tuple(found)


def key_of(table: Table, row: Any) -> Key:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _where_key(table: Table, key: Key) -> Any:
    return and_(
        *(column == value for column, value in zip(table.primary_key.columns, key, strict=True))
    )


def _read_row(connection: Connection, table: Table, key: Key) -> dict[str, Any] | None:
    row = connection.execute(select(table).where(_where_key(table, key))).mappings().first()
    return dict(row) if row is not None else None


def read_rows(
    connection: Connection, table: Table, keys: Iterable[Key]
) -> dict[Key, dict[str, Any]]:
    """The current rows with the given primary keys, a few hundred per query."""
    keys = list(keys)
    found: dict[Key, dict[str, Any]] = {}
    columns = list(table.primary_key.columns)
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        if len(columns) == 1:
            where = columns[0].in_([key[0] for key in chunk])
        else:
            where = tuple_(*columns).in_(chunk)
        for row in connection.execute(select(table).where(where)).mappings():
            found[key_of(table, row)] = dict(row)
    return found


# --------------------------------------------------------------------------- recording


class Recorder:
    """Notes every row one session changes, as it was before the first change."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._before: dict[tuple[str, Key], dict[str, Any] | None] = {}
        #: link table → {(column, value)} whose links were read before the action.
        self._scopes: dict[str, set[tuple[str, Any]]] = {}
        self._link_before: dict[tuple[str, Key], dict[str, Any]] = {}
        self._audit: list[Any] = []
        self._links = _link_tables()

    # -- noting rows ------------------------------------------------------------------
    def note_existing(self, connection: Connection, table: Table, key: Key) -> None:
        """A row is about to change: keep its image unless it was noted already."""
        if table.name in NOT_RECORDED or (table.name, key) in self._before:
            return
        self._before[(table.name, key)] = _read_row(connection, table, key)
        self._note_links(connection, table, key)

    def note_inserted(self, connection: Connection, table: Table, key: Key) -> None:
        """A new row: before the action it did not exist."""
        if table.name in NOT_RECORDED or (table.name, key) in self._before:
            return
        self._before[(table.name, key)] = None
        self._note_links(connection, table, key, new=True)

    def note_deleting(self, connection: Connection, table: Table, key: Key) -> None:
        """A row is about to be deleted: note it, and what the database will do to others."""
        self.note_existing(connection, table, key)
        self._note_dependents(connection, table, key, seen=set())

    def _note_dependents(
        self, connection: Connection, table: Table, key: Key, seen: set[tuple[str, Key]]
    ) -> None:
        if (table.name, key) in seen:
            return
        seen.add((table.name, key))
        for child, constraint in referencing(table.name):
            if child.name in NOT_RECORDED or child.name in self._links:
                continue  # links are read per row by _note_links
            rule = (constraint.ondelete or "").upper()
            if rule not in {"CASCADE", "SET NULL"}:
                continue
            referred = dict(
                zip(
                    constraint.column_keys,
                    (e.column.name for e in constraint.elements),
                    strict=True,
                )
            )
            parent_values = dict(zip((c.name for c in table.primary_key.columns), key, strict=True))
            where = and_(
                *(child.c[local] == parent_values[remote] for local, remote in referred.items())
            )
            for row in connection.execute(select(child).where(where)).mappings():
                child_key = key_of(child, row)
                if (child.name, child_key) not in self._before:
                    self._before[(child.name, child_key)] = dict(row)
                    self._note_links(connection, child, child_key)
                if rule == "CASCADE":
                    self._note_dependents(connection, child, child_key, seen)

    def _note_links(
        self, connection: Connection, table: Table, key: Key, *, new: bool = False
    ) -> None:
        if len(table.primary_key.columns) != 1:
            return
        value = key[0]
        for link, constraint in referencing(table.name):
            if link.name not in self._links:
                continue
            (column,) = constraint.column_keys
            scope = self._scopes.setdefault(link.name, set())
            if (column, value) in scope:
                continue
            scope.add((column, value))
            if new:
                continue  # a row that did not exist had no links
            for row in connection.execute(select(link).where(link.c[column] == value)).mappings():
                self._link_before.setdefault((link.name, key_of(link, row)), dict(row))

    def note_audit(self, entry: Any) -> None:
        self._audit.append(entry)

    # -- the result ---------------------------------------------------------------------
    def changes(self) -> ChangeSet:
        """Every noted row as it was and as it is now (the session is flushed first)."""
        self.session.flush()
        connection = self.session.connection()
        by_table: dict[str, list[Key]] = {}
        for table_name, key in self._before:
            by_table.setdefault(table_name, []).append(key)
        rows: list[RowChange] = []
        for table in Base.metadata.sorted_tables:
            keys = by_table.get(table.name)
            if keys:
                now = read_rows(connection, table, keys)
                for key in keys:
                    before = self._before[(table.name, key)]
                    after = now.get(key)
                    if before != after:
                        rows.append(RowChange(table.name, key, _frozen(before), _frozen(after)))
            if table.name in self._scopes:
                after_links: dict[Key, dict[str, Any]] = {}
                for column, value in self._scopes[table.name]:
                    for row in connection.execute(
                        select(table).where(table.c[column] == value)
                    ).mappings():
                        after_links[key_of(table, row)] = dict(row)
                before_links = {
                    key: row for (name, key), row in self._link_before.items() if name == table.name
                }
                for key in sorted(set(before_links) | set(after_links), key=repr):
                    before, after = before_links.get(key), after_links.get(key)
                    if before != after:
                        rows.append(RowChange(table.name, key, _frozen(before), _frozen(after)))
        audit = tuple((str(entry.action), str(entry.detail or "")) for entry in self._audit)
        return ChangeSet(tuple(rows), audit)


def _frozen(row: Mapping[str, Any] | None) -> Image | None:
    return None if row is None else dict(row)


@contextmanager
def recording(session: Session) -> Iterator[Recorder]:
    """Note every row ``session`` changes inside the block; read the result with ``changes()``."""
    if _RECORDER in session.info:
        raise RuntimeError("this session is already being recorded")
    recorder = Recorder(session)
    session.info[_RECORDER] = recorder
    try:
        yield recorder
    finally:
        session.info.pop(_RECORDER, None)


def _recorder_for(target: Any) -> Recorder | None:
    session = object_session(target)
    if session is None:
        return None
    recorder = session.info.get(_RECORDER)
    return recorder if isinstance(recorder, Recorder) else None


def _key_of_object(mapper: Mapper[Any], target: Any) -> Key:
    return tuple(mapper.primary_key_from_instance(target))


@event.listens_for(Base, "before_update", propagate=True)
def _before_update(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    recorder = _recorder_for(target)
    if recorder is not None:
        recorder.note_existing(connection, mapper.local_table, _key_of_object(mapper, target))  # type: ignore[arg-type]


@event.listens_for(Base, "before_delete", propagate=True)
def _before_delete(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    recorder = _recorder_for(target)
    if recorder is not None:
        recorder.note_deleting(connection, mapper.local_table, _key_of_object(mapper, target))  # type: ignore[arg-type]


@event.listens_for(Base, "after_insert", propagate=True)
def _after_insert(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    recorder = _recorder_for(target)
    if recorder is None:
        return
    table: Table = mapper.local_table  # type: ignore[assignment]
    if table.name == "audit_entry":
        recorder.note_audit(target)
        return
    recorder.note_inserted(connection, table, _key_of_object(mapper, target))


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    # Link rows change when a collection changes, without events of their own:
    # read the links of every row about to change, before the flush writes them.
    recorder = session.info.get(_RECORDER)
    if not isinstance(recorder, Recorder):
        return
    connection = session.connection()
    for instance in [*session.dirty, *session.deleted]:
        mapper = getattr(instance, "__mapper__", None)
        if mapper is None:
            continue
        key = _key_of_object(mapper, instance)
        if None not in key:
            recorder._note_links(connection, mapper.local_table, key)


@event.listens_for(Session, "do_orm_execute")
def _statement(state: ORMExecuteState) -> None:
    # UPDATE and DELETE statements bypass the mapper events: read their rows first.
    recorder = state.session.info.get(_RECORDER)
    if not isinstance(recorder, Recorder) or not (
        state.is_update or state.is_delete or state.is_insert
    ):
        return
    statement: Any = state.statement
    table = getattr(statement, "table", None)
    if not isinstance(table, Table) or table.name in NOT_RECORDED:
        return
    if state.is_insert:
        raise RuntimeError(
            f"an INSERT statement into {table.name} cannot be undone; add ORM objects instead"
        )
    connection = state.session.connection()
    query = select(table)
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    for row in connection.execute(query).mappings():
        key = key_of(table, row)
        if state.is_delete:
            recorder.note_deleting(connection, table, key)
        else:
            recorder.note_existing(connection, table, key)


# --------------------------------------------------------------------------- restoring
