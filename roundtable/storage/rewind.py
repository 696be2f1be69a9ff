"""Putting a recorded change set back (undo) or forward again (redo).

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

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Connection,
    Table,
    and_,
    bindparam,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.errors import UndoConflictError
from roundtable.i18n import _
from roundtable.storage.changesets import (
    BATCH,
    NOT_RECORDED,
    ChangeSet,
    Image,
    Key,
    RowChange,
    key_of,
    read_rows,
    referencing,
    schema_tables,
)
from roundtable.storage.models import Base

UTC_ZONE = ZoneInfo("UTC")


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
    tables = schema_tables()
    connection = session.connection()
    plan: list[tuple[RowChange, Image | None, Image | None]] = []  # change, now, target
    by_table: dict[str, list[RowChange]] = {}
    for change in changes.rows:
        by_table.setdefault(change.table, []).append(change)
    for name, table_changes in by_table.items():
        table = tables[name]
        current = read_rows(connection, table, [c.key for c in table_changes])
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
    for child, constraint in referencing(table.name):
        if child.name in NOT_RECORDED:
            continue
        (column,) = constraint.column_keys
        for start in range(0, len(values), BATCH):
            chunk = values[start : start + BATCH]
            for row in connection.execute(
                select(child).where(child.c[column].in_(chunk))
            ).mappings():
                if (child.name, key_of(child, row)) not in touched:
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
        for start in range(0, len(values), BATCH):
            session.execute(table.delete().where(columns[0].in_(values[start : start + BATCH])))
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
