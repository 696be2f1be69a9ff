"""What one action changed, row by row, and putting it back: the one undo mechanism.

While an action runs, a :class:`Recorder` watches its session and notes, for
every row the action inserts, updates or deletes, how the row looked before the
action first touched it. When the action is done, :meth:`Recorder.changes`
reads how those rows look now. The result, a :class:`ChangeSet`, holds a before
and an after image of each row (``None`` where the row did not exist), so it
can put the database back as it was (:func:`restore`, undo) or forward again
(redo) without knowing anything about the action itself.

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

Restoring writes whole row images with Core statements, so ids, positions,
version counters and timestamps come back exactly; ``updated_at``'s
``onupdate`` never fires because every column is given. Before writing, each
row is checked to be as the action left it (or, for redo, as it was before);
a row someone changed since makes the whole undo refuse with
:class:`~roundtable.errors.UndoConflictError`, naming who and when, and nothing
is written. The audit log is never rewound: its rows are an account of what
happened, undone steps included.

Columns marked ``info={"undo": "rising"}`` (a roundtable's iCalendar SEQUENCE)
never go down: calendars may already have seen the higher number. When the
action changed such a column, undo and redo raise it by one instead, because
putting the old time back is itself a change those calendars must follow, and
the row's version counter then rises too rather than being put back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Connection,
    ForeignKeyConstraint,
    Table,
    and_,
    bindparam,
    event,
    select,
    tuple_,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, object_session

from roundtable import context
from roundtable.errors import UndoConflictError
from roundtable.i18n import _
from roundtable.storage.models import Base

#: Tables whose rows are never rewound: the change marker (it counts every write,
#: undo and redo included) and the audit log (an account of what happened).
NOT_RECORDED = frozenset({"change_marker", "audit_entry"})

_RECORDER = "roundtable.changesets.recorder"
UTC_ZONE = ZoneInfo("UTC")
_BATCH = 500

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


def _tables() -> Mapping[str, Table]:
    return Base.metadata.tables


def _mapped_tables() -> frozenset[str]:
    return frozenset(table.name for mapper in Base.registry.mappers for table in mapper.tables)


def _link_tables() -> frozenset[str]:
    """Tables that no class maps: rows of links between two others (statement ↔ roundtable)."""
    return frozenset(_tables()) - _mapped_tables() - NOT_RECORDED


@cache
def _referencing(table_name: str) -> tuple[tuple[Table, ForeignKeyConstraint], ...]:
    """The foreign keys of other tables that point at ``table_name`` (the schema is fixed)."""
    found = []
    for table in _tables().values():
        for constraint in table.foreign_key_constraints:
            if constraint.referred_table.name == table_name:
                found.append((table, constraint))
    return tuple(found)


def _key_of(table: Table, row: Any) -> Key:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _where_key(table: Table, key: Key) -> Any:
    return and_(
        *(column == value for column, value in zip(table.primary_key.columns, key, strict=True))
    )


def _read_row(connection: Connection, table: Table, key: Key) -> dict[str, Any] | None:
    row = connection.execute(select(table).where(_where_key(table, key))).mappings().first()
    return dict(row) if row is not None else None


def _read_rows(
    connection: Connection, table: Table, keys: Iterable[Key]
) -> dict[Key, dict[str, Any]]:
    """The current rows with the given primary keys, a few hundred per query."""
    keys = list(keys)
    found: dict[Key, dict[str, Any]] = {}
    columns = list(table.primary_key.columns)
    for start in range(0, len(keys), _BATCH):
        chunk = keys[start : start + _BATCH]
        if len(columns) == 1:
            where = columns[0].in_([key[0] for key in chunk])
        else:
            where = tuple_(*columns).in_(chunk)
        for row in connection.execute(select(table).where(where)).mappings():
            found[_key_of(table, row)] = dict(row)
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
        for child, constraint in _referencing(table.name):
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
                child_key = _key_of(child, row)
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
        for link, constraint in _referencing(table.name):
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
                self._link_before.setdefault((link.name, _key_of(link, row)), dict(row))

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
                now = _read_rows(connection, table, keys)
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
                        after_links[_key_of(table, row)] = dict(row)
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
        key = _key_of(table, row)
        if state.is_delete:
            recorder.note_deleting(connection, table, key)
        else:
            recorder.note_existing(connection, table, key)


# --------------------------------------------------------------------------- restoring

#: How messages name a row of each table.
_WHAT: dict[str, Callable[[], str]] = {
    "organisation": lambda: _("an organisation"),
    "person": lambda: _("a person"),
    "roundtable": lambda: _("a roundtable"),
    "roundtable_event": lambda: _("a roundtable's history"),
    "invitation": lambda: _("an invitation"),
    "invitation_event": lambda: _("an invitation's history"),
    "question": lambda: _("a question"),
    "agenda_item": lambda: _("an agenda item"),
    "minute_note": lambda: _("a note in the minutes"),
    "action_item": lambda: _("an action item"),
    "follow_up": lambda: _("a follow-up"),
    "statement": lambda: _("a statement"),
    "statement_section": lambda: _("a statement's section"),
    "reference": lambda: _("a reference"),
    "statement_update": lambda: _("a statement's update"),
    "statement_roundtable": lambda: _("a statement's link to a roundtable"),
    "database_info": lambda: _("a setting"),
}


def _what(table: str) -> str:
    phrase = _WHAT.get(table)
    return phrase() if phrase is not None else _("a record")


def _rising(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.info.get("undo") == "rising"]


def restore(session: Session, changes: ChangeSet, *, forward: bool, label: str) -> None:
    """Put every row of ``changes`` back as it was before (``forward=False``) or after it.

    Checks first that every row is as the other side left it; a row changed by
    someone since raises :class:`UndoConflictError` and nothing is written.
    ``label`` names the step in messages ("Withdraw invitation").
    """
    tables = _tables()
    connection = session.connection()
    plan: list[tuple[RowChange, Image | None, Image | None]] = []  # change, now, target
    by_table: dict[str, list[RowChange]] = {}
    for change in changes.rows:
        by_table.setdefault(change.table, []).append(change)
    for name, table_changes in by_table.items():
        table = tables[name]
        current = _read_rows(connection, table, [c.key for c in table_changes])
        for change in table_changes:
            expected, target = (
                (change.before, change.after) if forward else (change.after, change.before)
            )
            now = current.get(change.key)
            if not _as_left(table, now, expected):
                raise _conflict(label, name, now, expected, forward=forward)
            plan.append((change, now, target))
    touched = {(change.table, change.key) for change, _now, _target in plan}
    order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
    removals: dict[str, list[Key]] = {}
    inserts: dict[str, list[dict[str, Any]]] = {}
    updates: dict[str, list[tuple[Key, dict[str, Any]]]] = {}
    for change, present, target in plan:
        if target is None:
            removals.setdefault(change.table, []).append(change.key)
        elif present is None:
            inserts.setdefault(change.table, []).append(dict(target))
        else:
            values = dict(target)
            _keep_rising(tables[change.table], change, present, values)
            updates.setdefault(change.table, []).append((change.key, values))
    for name, keys in removals.items():
        _refuse_if_used_since(connection, label, tables[name], keys, touched)
    try:
        with session.begin_nested():
            # Parents before children going in, children before parents going out; a
            # few hundred rows per statement, so undoing an import of thousands is quick.
            for name in sorted(inserts, key=order.__getitem__):
                session.execute(tables[name].insert(), inserts[name])
            for name, rows in updates.items():
                _update_rows(session, tables[name], rows)
            for name in sorted(removals, key=lambda n: -order[n]):
                _delete_rows(session, tables[name], removals[name])
    except IntegrityError as exc:
        message = (
            _("Cannot redo “{label}”: it would clash with a record added or changed since.")
            if forward
            else _("Cannot undo “{label}”: it would clash with a record added or changed since.")
        )
        raise UndoConflictError(message.format(label=label)) from exc
    # The identity map may hold the rows as they were: read them afresh.
    session.expire_all()


#: Columns an undo or redo writes afresh on a row whose rising column it raised.
_BOOKKEEPING = ("version", "updated_at", "updated_by")


def _as_left(table: Table, now: Image | None, expected: Image | None) -> bool:
    """Whether a row is as the step left it.

    Exactly, except on a row with a rising column (a roundtable), where a later
    step's undo or redo may have raised the SEQUENCE, and with it the version and
    change time, and nothing else: someone else's change shows in other columns.
    """
    if now is None or expected is None:
        return now is None and expected is None
    if dict(now) == dict(expected):
        return True
    rising = _rising(table)
    if not rising or any(now[name] < expected[name] for name in rising):
        return False
    ignored = {*rising, *_BOOKKEEPING}
    return all(now[key] == value for key, value in expected.items() if key not in ignored)


def _keep_rising(table: Table, change: RowChange, now: Image, values: dict[str, Any]) -> None:
    """Never lower a rising column; raise it again where the change had moved it.

    A row written otherwise than its image gets a new version and change time,
    so that a desk which saw the old version cannot save over it.
    """
    adjusted = False
    for name in _rising(table):
        moved = (
            change.before is not None
            and change.after is not None
            and change.before[name] != change.after[name]
        )
        if moved:
            values[name] = now[name] + 1
            adjusted = True
        elif values[name] < now[name]:
            values[name] = now[name]
            adjusted = True
    if not adjusted:
        return
    if "version" in values:
        values["version"] = now["version"] + 1
    if "updated_at" in values:
        values["updated_at"] = context.now()
    if "updated_by" in values:
        values["updated_by"] = context.actor()


def _refuse_if_used_since(
    connection: Connection, label: str, table: Table, keys: list[Key], touched: set[tuple[str, Key]]
) -> None:
    """Rows to remove again must not be named by a row the step did not make."""
    if len(table.primary_key.columns) != 1:
        return
    values = [key[0] for key in keys]
    for child, constraint in _referencing(table.name):
        if child.name in NOT_RECORDED:
            continue
        (column,) = constraint.column_keys
        for start in range(0, len(values), _BATCH):
            chunk = values[start : start + _BATCH]
            for row in connection.execute(
                select(child).where(child.c[column].in_(chunk))
            ).mappings():
                if (child.name, _key_of(child, row)) not in touched:
                    raise UndoConflictError(
                        _("Cannot undo “{label}”: {what} added since refers to {target}.").format(
                            label=label, what=_what(child.name), target=_what(table.name)
                        )
                    )


def _key_params(table: Table, key: Key) -> dict[str, Any]:
    return {f"key_{c.name}": v for c, v in zip(table.primary_key.columns, key, strict=True)}


def _update_rows(session: Session, table: Table, rows: list[tuple[Key, dict[str, Any]]]) -> None:
    """Write whole row images over the rows with these keys (one statement, many rows)."""
    where = and_(*(c == bindparam(f"key_{c.name}") for c in table.primary_key.columns))
    columns = list(rows[0][1])
    statement = table.update().where(where).values({n: bindparam(f"value_{n}") for n in columns})
    session.execute(
        statement,
        [
            {**_key_params(table, key), **{f"value_{n}": values[n] for n in columns}}
            for key, values in rows
        ],
    )


def _delete_rows(session: Session, table: Table, keys: list[Key]) -> None:
    columns = list(table.primary_key.columns)
    if len(columns) == 1:
        values = [key[0] for key in keys]
        for start in range(0, len(values), _BATCH):
            session.execute(table.delete().where(columns[0].in_(values[start : start + _BATCH])))
        return
    where = and_(*(c == bindparam(f"key_{c.name}") for c in columns))
    session.execute(table.delete().where(where), [_key_params(table, key) for key in keys])


def _conflict(
    label: str, table: str, now: Image | None, expected: Image | None, *, forward: bool
) -> UndoConflictError:
    values = {"label": label, "what": _what(table)}
    if now is None:
        message = (
            _("Cannot redo “{label}”: {what} it changed was deleted since.")
            if forward
            else _("Cannot undo “{label}”: {what} it changed was deleted since.")
        )
    elif expected is None:
        message = (
            _("Cannot redo “{label}”: {what} it would add exists already.")
            if forward
            else _("Cannot undo “{label}”: {what} it would bring back exists again.")
        )
    elif now.get("updated_by") and now.get("updated_at") is not None:
        from roundtable.text import format_moment

        values["who"] = str(now["updated_by"])
        values["when"] = format_moment(now["updated_at"], UTC_ZONE)
        message = (
            _("Cannot redo “{label}”: {what} it changed was changed since by {who} at {when} UTC.")
            if forward
            else _(
                "Cannot undo “{label}”: {what} it changed was changed since by {who} at {when} UTC."
            )
        )
    else:
        message = (
            _("Cannot redo “{label}”: {what} it changed was changed since.")
            if forward
            else _("Cannot undo “{label}”: {what} it changed was changed since.")
        )
    return UndoConflictError(message.format(**values))
