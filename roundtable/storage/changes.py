"""Keeping up with the others: the change marker, and who saved a record first.

In team mode several desktops share one database. Two small mechanisms let
each copy of the app keep up with the others without any server of its own:

* **The change marker.** One row (``change_marker``, id 1) whose counter every
  transaction that wrote something raises by one, in that same transaction,
  just before it commits, together with when and by whom. Other copies poll it
  with one primary-key read (:func:`read_change_marker`) and refresh their
  views when the counter moved. This works the same on SQLite and PostgreSQL
  (``LISTEN``/``NOTIFY`` would be PostgreSQL-only and needs a connection held
  open), and because the row is written only at the very end of a transaction
  it serialises commits for a moment, not whole transactions.
* **Conflicts.** Editable rows carry a version counter (optimistic locking), so
  a save that finds its row changed underneath it fails with SQLAlchemy's
  ``StaleDataError``. The session remembers which versioned rows each flush
  was about to write, and :func:`conflict_error` compares them with the rows
  as they are now to say who changed what, and when.

:func:`install_change_tracking` wires both into a session factory; the
:class:`~roundtable.storage.db.Database` does that for every database it opens.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Engine, TextClause, insert, inspect, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import (
    ORMExecuteState,
    Session,
    SessionTransaction,
    UOWTransaction,
    sessionmaker,
)
from sqlalchemy.orm.base import NO_VALUE

from roundtable import context, i18n
from roundtable.errors import ConcurrentEditError
from roundtable.i18n import _
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    Base,
    ChangeMarker,
    FollowUp,
    Invitation,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Reference,
    Roundtable,
    Statement,
    StatementSection,
    StatementUpdate,
)
from roundtable.text import format_moment, zone_of

log = logging.getLogger("roundtable.storage.changes")

#: The primary key of the one change-marker row (inserted by migration 0002).
MARKER_ID = 1

# Keys in Session.info; namespaced because other code may keep its own there.
_WROTE = "roundtable.storage.changes.wrote"
_EDITED = "roundtable.storage.changes.edited"
_CREATED = "roundtable.storage.changes.created"

# A raw SQL string that writes (text() statements are not DML constructs, so
# ORMExecuteState.is_insert and friends do not see them).
_TEXT_DML = re.compile(r"^\s*(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ChangeStamp:
    """The change marker as read: how many writes so far, the last one's time and author."""

    counter: int
    changed_at: datetime | None
    changed_by: str


@dataclass(frozen=True, slots=True)
class EditedRow:
    """A row a flush was about to update or delete, with the version this session saw."""

    entity: type[Any]
    identity: tuple[Any, ...]
    #: ``None`` for a table without a version counter (only existence can be checked).
    version: int | None


# --- the change marker -------------------------------------------------------------------


def install_change_tracking(factory: sessionmaker[Session]) -> None:
    """Make every session of ``factory`` bump the change marker when it commits a write.

    A write is an ORM flush that inserted, updated or deleted something, or a
    Core ``INSERT``/``UPDATE``/``DELETE`` run through ``session.execute()``. A
    read-only transaction, and one that is rolled back, leaves the marker
    alone. Also records, per flush, the versioned rows about to be written, for
    :func:`conflict_error`. Installing twice is harmless.
    """
    if tracking_installed(factory):
        return
    from sqlalchemy import event

    # Marked on the factory's own Session subclass, which lives and dies with it
    # (event.contains() goes by id() and can be fooled by a new object at a
    # collected one's address).
    factory.class_._roundtable_change_tracking = True  # type: ignore[attr-defined]
    factory.class_._roundtable_own_counters = set()  # type: ignore[attr-defined]
    event.listen(factory, "before_flush", _remember_edited_rows)
    event.listen(factory, "after_flush", _note_flush_wrote)
    event.listen(factory, "do_orm_execute", _note_statement_writes)
    event.listen(factory, "before_commit", _bump_before_commit)
    event.listen(factory, "after_transaction_end", _forget_at_end)
    event.listen(factory, "pending_to_persistent", _note_created)


def own_counters(factory: sessionmaker[Session]) -> set[int]:
    """Marker values written by this process's own commits through ``factory``.

    A watcher that sees only these values move knows no one else wrote, so the
    window need not reload after its own saves.
    """
    counters: set[int] = factory.class_.__dict__.get("_roundtable_own_counters", set())
    return counters


def tracking_installed(factory: sessionmaker[Session]) -> bool:
    """Whether :func:`install_change_tracking` was already applied to ``factory``."""
    return bool(factory.class_.__dict__.get("_roundtable_change_tracking", False))


def bump_change_marker(connection: Connection) -> int:
    """Raise the marker by one, stamped with now and the acting user (in the caller's transaction);
    return the new value.

    The row is put back if something removed it, so a damaged database heals
    on its next write instead of going unwatched.
    """
    table = Base.metadata.tables[ChangeMarker.__tablename__]
    values = {"changed_at": context.now(), "changed_by": context.actor()[:200]}
    result = connection.execute(
        update(table).where(table.c.id == MARKER_ID).values(counter=table.c.counter + 1, **values)
    )
    if result.rowcount == 0:
        connection.execute(insert(table).values(id=MARKER_ID, counter=1, **values))
    # Our own row lock holds until commit, so this is the value we committed.
    return int(
        connection.execute(select(table.c.counter).where(table.c.id == MARKER_ID)).scalar_one()
    )


def read_change_marker(engine: Engine | Connection) -> ChangeStamp:
    """The marker as now committed: one primary-key ``SELECT`` on a pooled connection.

    A database without the row reads as counter 0.
    """
    table = Base.metadata.tables[ChangeMarker.__tablename__]
    query = select(table.c.counter, table.c.changed_at, table.c.changed_by).where(
        table.c.id == MARKER_ID
    )
    if isinstance(engine, Connection):
        row = engine.execute(query).first()
    else:
        with engine.connect() as connection:
            row = connection.execute(query).first()
    if row is None:
        return ChangeStamp(counter=0, changed_at=None, changed_by="")
    return ChangeStamp(counter=int(row[0]), changed_at=row[1], changed_by=row[2] or "")


def _remember_edited_rows(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    edited: list[EditedRow] = []
    # Attributes set to the values they had are "dirty" but no UPDATE follows.
    changed = (obj for obj in session.dirty if session.is_modified(obj))
    created = session.info.get(_CREATED, ())
    for obj in chain(changed, session.deleted):
        state = inspect(obj)
        if state.key is None or state.key in created:
            continue  # new in this transaction: nobody else can have changed it
        mapper = state.mapper
        version: int | None = None
        if mapper.version_id_col is not None:
            key = mapper.get_property_by_column(mapper.version_id_col).key
            loaded = state.dict.get(key, NO_VALUE)
            version = getattr(obj, key) if loaded is NO_VALUE else loaded
        edited.append(EditedRow(mapper.class_, tuple(state.identity or ()), version))
    # Only the flush that fails matters, so each flush replaces the list.
    session.info[_EDITED] = edited


def _note_flush_wrote(session: Session, _flush: UOWTransaction) -> None:
    # In after_flush the new/dirty/deleted collections still show what was flushed.
    if session.new or session.deleted or any(session.is_modified(obj) for obj in session.dirty):
        session.info[_WROTE] = True


def _note_statement_writes(state: ORMExecuteState) -> None:
    statement = state.statement
    if (
        state.is_insert
        or state.is_update
        or state.is_delete
        or (isinstance(statement, TextClause) and _TEXT_DML.match(statement.text))
    ):
        state.session.info[_WROTE] = True


def _bump_before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the outer transaction bumps once, when it commits
    # SQLAlchemy flushes only after this hook; flush now so those writes count.
    session.flush()
    if session.info.pop(_WROTE, False):
        counter = bump_change_marker(session.connection())
        mine = session.__class__.__dict__.get("_roundtable_own_counters")
        if mine is not None:
            if len(mine) > 10_000:  # a long session: the old values no longer matter
                mine.clear()
            mine.add(counter)


def _note_created(session: Session, instance: object) -> None:
    key = inspect(instance).key
    if key is not None:
        session.info.setdefault(_CREATED, set()).add(key)


def _forget_at_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction committed or rolled back
        session.info.pop(_WROTE, None)
        session.info.pop(_CREATED, None)


# --- conflicts ---------------------------------------------------------------------------


def edited_rows(session: Session) -> list[EditedRow]:
    """The rows the session's last flush was about to update or delete."""
    return list(session.info.get(_EDITED, ()))


def forget_edited_rows(session: Session) -> None:
    """Drop what :func:`edited_rows` remembers (after a conflict was reported)."""
    session.info.pop(_EDITED, None)


def conflict_error(engine: Engine, edited: list[EditedRow]) -> ConcurrentEditError:
    """The error to show when saving ``edited`` found rows changed by someone else.

    Reads each row afresh in a new connection (the failed transaction must have
    been rolled back already), finds the first whose version moved on or that
    is gone, and names it with who saved it last and when.
    """
    found = find_conflict(engine, edited)
    if found is not None:
        return found
    return ConcurrentEditError(
        _(
            "Someone else changed or deleted a record you were editing. "
            "Your change was not saved; reload to see theirs."
        )
    )


def find_conflict(engine: Engine, edited: list[EditedRow]) -> ConcurrentEditError | None:
    """The error naming the first of ``edited`` someone else changed or deleted, if any.

    ``None`` when every row is as this session last saw it (or when the
    database cannot be read now). Used for optimistic-locking failures, and
    for SQLite's "database is locked" after a write that waited for another
    one: if the other write changed our rows, that is a conflict, not a busy file.
    """
    try:
        return _find_conflict(engine, edited)
    except SQLAlchemyError as exc:  # the server went away too: say what is known
        log.warning("cannot read who changed the records: %s", exc)
        return None


def _find_conflict(engine: Engine, edited: list[EditedRow]) -> ConcurrentEditError | None:
    with Session(engine) as fresh:
        for row in edited:
            current = fresh.get(row.entity, row.identity)
            if current is None:
                label = _kind_label(row.entity)
                return ConcurrentEditError(
                    _(
                        "{subject} you were editing was deleted by someone else. "
                        "Your change was not saved; reload to see what is there now."
                    ).format(subject=_capitalised(label)),
                    entity_label=label,
                )
            mapper = inspect(row.entity)
            if row.version is None or mapper.version_id_col is None:
                continue
            key = mapper.get_property_by_column(mapper.version_id_col).key
            if getattr(current, key) == row.version:
                continue
            return _changed_by_someone(current)
    return None


def _changed_by_someone(record: Any) -> ConcurrentEditError:
    label = describe_record(record)
    who = getattr(record, "updated_by", "") or ""
    when: datetime | None = getattr(record, "updated_at", None)
    subject = _capitalised(label)
    who_text = who or _("someone else")
    if when is not None:
        message = _(
            "{subject} was changed by {who} at {moment} while you were editing it. "
            "Your change was not saved; reload to see theirs."
        ).format(subject=subject, who=who_text, moment=_format_moment(when, _zone_of(record)))
    else:
        message = _(
            "{subject} was changed by {who} while you were editing it. "
            "Your change was not saved; reload to see theirs."
        ).format(subject=subject, who=who_text)
    return ConcurrentEditError(message, entity_label=label, changed_by=who, changed_at=when)


def _kind_label(entity: type[Any]) -> str:
    """A kind of record with its article, as a message names one: "the roundtable"."""
    labels: dict[type[Any], str] = {
        Roundtable: _("the roundtable"),
        Person: _("the person"),
        Organisation: _("the organisation"),
        Invitation: _("the invitation"),
        Question: _("the question"),
        AgendaItem: _("the agenda item"),
        MinuteNote: _("the note in the minutes"),
        ActionItem: _("the action item"),
        FollowUp: _("the follow-up"),
        Statement: _("the statement"),
        StatementSection: _("the statement section"),
        Reference: _("the reference"),
        StatementUpdate: _("the statement update"),
    }
    return labels.get(entity, _("the record"))


def describe_record(record: Any) -> str:
    """How a message names a record: "“Project Clover roundtable”", "the invitation of Jan"."""
    if isinstance(record, Roundtable):
        return f"“{record.title}”"
    if isinstance(record, Person | Organisation):
        return record.name
    if isinstance(record, Invitation):
        return _("the invitation of {name}").format(name=record.invitee_name)
    if isinstance(record, Question):
        return _("a question on “{title}”").format(title=record.roundtable.title)
    if isinstance(record, AgendaItem):
        return _("the agenda item “{item}” of “{title}”").format(
            item=record.title, title=record.roundtable.title
        )
    if isinstance(record, MinuteNote):
        return _("a note in the minutes of “{title}”").format(
            title=record.agenda_item.roundtable.title
        )
    if isinstance(record, ActionItem):
        return _("an action item of “{title}”").format(title=record.roundtable.title)
    if isinstance(record, FollowUp):
        return _("a follow-up of “{title}”").format(title=record.roundtable.title)
    if isinstance(record, Statement):
        return _("the statement “{title}”").format(title=record.title)
    return _("a record")


def _capitalised(label: str) -> str:
    # Only the words this module put first; a name keeps its own spelling ("danah boyd").
    for article in ("the ", "a ", "an ", "de ", "het ", "een "):  # English and Dutch
        if label.startswith(article):
            return label[0].upper() + label[1:]
    return label


def _zone_of(record: Any) -> tzinfo | None:
    """The zone a record's times are told in: its roundtable's, else the computer's."""
    if isinstance(record, Roundtable):
        roundtable: Roundtable | None = record
    elif isinstance(record, MinuteNote):
        roundtable = record.agenda_item.roundtable
    else:
        roundtable = getattr(record, "roundtable", None)
    return zone_of(roundtable) if roundtable is not None else None


def _format_moment(value: datetime, zone: tzinfo | None) -> str:
    # No zone: the computer's own.
    return format_moment(value, zone or value.astimezone().tzinfo, language=i18n.language())


__all__ = [
    "MARKER_ID",
    "ChangeStamp",
    "EditedRow",
    "bump_change_marker",
    "conflict_error",
    "describe_record",
    "edited_rows",
    "find_conflict",
    "forget_edited_rows",
    "install_change_tracking",
    "read_change_marker",
    "tracking_installed",
]
