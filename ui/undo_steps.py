"""Helpers shared by the roundtable tabs: who said or asked something, and undo steps.

Each *_step function returns a (do, undo) pair for :meth:`ui.store.Store.perform`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from roundtable.errors import NotFoundError
from roundtable.meetings import follow_ups, minutes, questions
from roundtable.people import queries
from roundtable.storage import snapshots
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    MinuteNote,
    Organisation,
    Person,
    Question,
)
from ui.i18n import QT_TRANSLATE_NOOP
from ui.store import Store

# --------------------------------------------------------------------------
# People and organisations as one choice ("asked by", "speaker", "owner")
# --------------------------------------------------------------------------


def party_key(person_id: int | None, organisation_id: int | None) -> str | None:
    """A combo-box key for a person (``"p:12"``) or an organisation (``"o:3"``)."""
    if person_id is not None:
        return f"p:{person_id}"
    if organisation_id is not None:
        return f"o:{organisation_id}"
    return None


def party_items(store: Store, *, organisations: bool = True) -> list[tuple[str, str]]:
    """People (not erased), then organisations, as ``(key, label)`` for a :class:`SearchCombo`."""

    def read(session: Session) -> tuple[list[Any], list[Any]]:
        people = queries.list_people(session)
        orgs = queries.list_organisations(session) if organisations else []
        return people, orgs

    people, orgs = store.read(read)
    items: list[tuple[str, str]] = []
    for p in people:
        if p.erased:
            continue
        label = f"{p.name} · {p.organisation_name}" if p.organisation_name else p.name
        items.append((f"p:{p.id}", label))
    template = QCoreApplication.translate("Parties", "%1 (organisation)")
    items.extend((f"o:{o.id}", template.replace("%1", o.name)) for o in orgs)
    return items


def party_objects(session: Session, key: str | None) -> tuple[Person | None, Organisation | None]:
    """The person or organisation a :func:`party_key` names, looked up in ``session``."""
    if not key:
        return None, None
    kind, _, number = key.partition(":")
    if kind == "p":
        person = session.get(Person, int(number))
        if person is None:
            raise NotFoundError(QCoreApplication.translate("Parties", "That person was deleted."))
        return person, None
    organisation = session.get(Organisation, int(number))
    if organisation is None:
        raise NotFoundError(QCoreApplication.translate("Parties", "That organisation was deleted."))
    return None, organisation


def get_or_fail(session: Session, model: Any, record_id: int, what: str) -> Any:
    """``session.get`` that says plainly when the record is gone (deleted elsewhere)."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(
            QCoreApplication.translate("Parties", "The %1 no longer exists.").replace(
                "%1", QCoreApplication.translate("Parties", what)
            )
        )
    return record


# --------------------------------------------------------------------------
# Undo steps shared by the roundtable tabs (questions, minutes, follow-ups)
# --------------------------------------------------------------------------
#
# Each returns a (do, undo) pair for Store.perform. Records are looked up by id
# in every transaction; an undone add is re-done by restoring the very row
# (same id), and an undone delete records the id it came back under, so the
# steps around it on the undo stack keep pointing at the right rows.

Step = tuple[Callable[[Session], Any], Callable[[Session, Any], Any]]

_DELETERS: dict[type, Callable[[Session, Any], None]] = {
    Question: questions.delete_question,
    AgendaItem: minutes.delete_agenda_item,
    MinuteNote: minutes.delete_minute_note,
    ActionItem: minutes.delete_action_item,
    FollowUp: follow_ups.delete_follow_up,
}
_WHAT: dict[type, str] = {
    Question: QT_TRANSLATE_NOOP("Parties", "question"),
    AgendaItem: QT_TRANSLATE_NOOP("Parties", "agenda item"),
    MinuteNote: QT_TRANSLATE_NOOP("Parties", "note"),
    ActionItem: QT_TRANSLATE_NOOP("Parties", "action item"),
    FollowUp: QT_TRANSLATE_NOOP("Parties", "follow-up"),
}


def add_step(model: type, create: Callable[[Session], Any]) -> Step:
    """Create a record with ``create(session)``; undo deletes it, redo restores it."""
    state: dict[str, Any] = {}

    def do(session: Session) -> int:
        if "snapshot" in state:
            return snapshots.restore_record(session, state.pop("snapshot"))
        return int(create(session).id)

    def undo(session: Session, record_id: int) -> None:
        record = get_or_fail(session, model, record_id, _WHAT[model])
        state["snapshot"] = snapshots.snapshot_of(record)
        _DELETERS[model](session, record)

    return do, undo


def delete_step(model: type, record_id: int) -> Step:
    """Delete a record; undo restores it (with its position, notes, links)."""
    state = {"id": record_id}

    def do(session: Session) -> dict[str, Any]:
        record = get_or_fail(session, model, state["id"], _WHAT[model])
        snapshot = snapshots.snapshot_of(record)
        _DELETERS[model](session, record)
        return snapshot

    def undo(session: Session, snapshot: dict[str, Any]) -> None:
        state["id"] = snapshots.restore_record(session, snapshot)

    return do, undo


def edit_step(model: type, record_id: int, change: Callable[[Session, Any], Any]) -> Step:
    """Change a record with ``change(session, record)``; undo puts its fields back."""

    def do(session: Session) -> dict[str, Any]:
        record = get_or_fail(session, model, record_id, _WHAT[model])
        snapshot = snapshots.snapshot_of(record)
        change(session, record)
        return snapshot

    def undo(session: Session, snapshot: dict[str, Any]) -> None:
        record = get_or_fail(session, model, snapshot["id"], _WHAT[model])
        snapshots.restore_fields(session, record, snapshot)

    return do, undo


def move_step(
    model: type, record_id: int, new_position: int, move: Callable[[Session, Any, int], None]
) -> Step:
    """Move a positioned record with ``move(session, record, position)``; undo moves it back."""

    def do(session: Session) -> int:
        record = get_or_fail(session, model, record_id, _WHAT[model])
        old = int(record.position)
        move(session, record, new_position)
        return old

    def undo(session: Session, old: int) -> None:
        move(session, get_or_fail(session, model, record_id, _WHAT[model]), old)

    return do, undo
