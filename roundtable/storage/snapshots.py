"""Undo support: snapshots of a record's editable fields, and restoring them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from roundtable.editing import apply_values, day_label, move_among, next_position
from roundtable.errors import ValidationError
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
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


@dataclass(frozen=True)
class _Kind:
    """How snapshots of one model are taken and restored."""

    name: str
    model: Any
    #: Columns the user can edit, restored by :func:`restore_fields`.
    editable: tuple[str, ...]
    #: The column naming the parent row, if any (kept, never edited).
    parent: str | None = None
    #: Children deleted with the row and re-created with it: (key, kind name).
    children: tuple[tuple[str, str], ...] = ()


_KINDS: dict[str, _Kind] = {
    kind.name: kind
    for kind in (
        _Kind(
            "organisation",
            Organisation,
            ("name", "kind", "website", "email", "notes", "is_own"),
        ),
        _Kind(
            "person",
            Person,
            (
                "name",
                "email",
                "organisation_id",
                "role",
                "phone",
                "preferred_language",
                "notes",
                "lawful_basis",
                "consent_note",
            ),
        ),
        _Kind(
            "question",
            Question,
            (
                "position",
                "text",
                "status",
                "answer",
                "asked_by_person_id",
                "asked_by_organisation_id",
            ),
            parent="roundtable_id",
        ),
        _Kind(
            "agenda_item",
            AgendaItem,
            ("position", "title"),
            parent="roundtable_id",
            children=(("notes", "minute_note"),),
        ),
        _Kind(
            "minute_note",
            MinuteNote,
            (
                "position",
                "kind",
                "text",
                "speaker_person_id",
                "speaker_organisation_id",
                "not_for_attribution",
            ),
            parent="agenda_item_id",
        ),
        _Kind(
            "action_item",
            ActionItem,
            (
                "agenda_item_id",
                "description",
                "owner_person_id",
                "owner_organisation_id",
                "due_on",
                "done",
                "done_at",
            ),
            parent="roundtable_id",
        ),
        _Kind(
            "follow_up",
            FollowUp,
            ("organisation_id", "dated", "title", "body", "stance"),
            parent="roundtable_id",
        ),
        _Kind(
            "statement",
            Statement,
            (
                "slug",
                "title",
                "language",
                "summary",
                "status",
                "published_on",
                "template_name",
                "translation_note",
            ),
        ),
        _Kind(
            "statement_section",
            StatementSection,
            ("position", "key", "heading", "body"),
            parent="statement_id",
        ),
        _Kind(
            "reference",
            Reference,
            ("key", "position", "title", "url", "publisher", "published_on", "note"),
            parent="statement_id",
        ),
        _Kind(
            "statement_update",
            StatementUpdate,
            ("dated", "title", "body"),
            parent="statement_id",
        ),
    )
}


#: Kinds :func:`restore_record` can re-create after a delete.
RESTORABLE_KINDS: frozenset[str] = frozenset(
    {
        "question",
        "agenda_item",
        "minute_note",
        "action_item",
        "follow_up",
        "statement_section",
        "reference",
        "statement_update",
    }
)


#: Columns that name other rows, and how a missing one is described.
_REFERENCE_COLUMNS: dict[str, tuple[Any, str]] = {
    "organisation_id": (Organisation, "organisation"),
    "asked_by_person_id": (Person, "person"),
    "asked_by_organisation_id": (Organisation, "organisation"),
    "speaker_person_id": (Person, "person"),
    "speaker_organisation_id": (Organisation, "organisation"),
    "owner_person_id": (Person, "person"),
    "owner_organisation_id": (Organisation, "organisation"),
    "agenda_item_id": (AgendaItem, "agenda item"),
    "roundtable_id": (Roundtable, "roundtable"),
    "statement_id": (Statement, "statement"),
}


def _kind_of(record: Any) -> _Kind:
    for kind in _KINDS.values():
        if type(record) is kind.model:
            return kind
    raise TypeError(f"no snapshots of {type(record).__name__} records")


def snapshot_of(record: Any) -> dict[str, Any]:
    """The editable fields of a record as plain values, for undo.

    Holds ``"record_type"`` (e.g. ``"question"``), ``"id"``, ``"created_at"``, the
    parent's id column (e.g. ``"roundtable_id"``) and every editable column
    under its column name (``"asked_by_person_id"``, ``"position"``, …).
    An agenda item's snapshot also holds its notes (``"notes"``) and the ids
    of the action items filed under it (``"action_item_ids"``), because
    deleting it deletes or detaches them; an organisation's holds which
    organisation was marked as our own (``"own_organisation_id"``), because
    taking that mark clears it on the others.
    """
    kind = _kind_of(record)
    snapshot: dict[str, Any] = {
        "record_type": kind.name,
        "id": record.id,
        "created_at": getattr(record, "created_at", None),
    }
    if kind.parent is not None:
        snapshot[kind.parent] = getattr(record, kind.parent)
    for name in kind.editable:
        snapshot[name] = getattr(record, name)
    for key, _child in kind.children:
        snapshot[key] = [snapshot_of(child) for child in getattr(record, key)]
    if isinstance(record, Organisation):
        # Taking the "own" mark clears it elsewhere: the undo must know where it was.
        session = object_session(record)
        snapshot["own_organisation_id"] = (
            session.scalar(
                select(Organisation.id)
                .where(Organisation.is_own.is_(True))
                .order_by(Organisation.id)
                .limit(1)
            )
            if session is not None
            else (record.id if record.is_own else None)
        )
    if isinstance(record, AgendaItem) and record.id is not None:
        session = object_session(record)
        ids: list[int] = []
        if session is not None:
            ids = list(
                session.scalars(
                    select(ActionItem.id)
                    .where(ActionItem.agenda_item_id == record.id)
                    .order_by(ActionItem.id)
                )
            )
        snapshot["action_item_ids"] = ids
    return snapshot


def _check_references(session: Session, values: Mapping[str, Any], what: str) -> None:
    """Refuse to restore a row pointing at something deleted since."""
    for column, value in values.items():
        if value is None or column not in _REFERENCE_COLUMNS:
            continue
        model, label = _REFERENCE_COLUMNS[column]
        if session.get(model, value) is None:
            raise ValidationError(
                f"Cannot undo: the {label} this {what} referred to was deleted since.", column
            )


def restore_fields(session: Session, record: Any, snapshot: Mapping[str, Any]) -> Any:
    """Put a record's editable fields back as ``snapshot`` (from :func:`snapshot_of`) holds them.

    The undo of an edit. A position is restored by moving the record, so the
    siblings are renumbered as they were. Raises :class:`ValidationError` when
    the snapshot names a person, organisation or agenda item deleted since, and
    for an erased person.
    """
    kind = _kind_of(record)
    if snapshot.get("record_type") != kind.name or snapshot.get("id") != record.id:
        raise ValueError(f"the snapshot is not of {kind.name} #{record.id}")
    values = {name: snapshot[name] for name in kind.editable if name in snapshot}
    _check_references(session, values, kind.name.replace("_", " "))
    if isinstance(record, Person) and record.erased_at is not None:
        raise ValidationError(
            f"Cannot undo: person #{record.id} was erased on {day_label(record.erased_at)}."
        )
    if isinstance(record, Organisation) and "own_organisation_id" in snapshot:
        own_id = snapshot["own_organisation_id"]
        for other in session.scalars(
            select(Organisation).where(
                (Organisation.is_own.is_(True)) | (Organisation.id == own_id)
            )
        ):
            if other is not record:
                apply_values(other, {"is_own": other.id == own_id})
    for name in ("slug", "name", "email", "key"):
        # Unique values: someone may have taken the old one in the meantime.
        if name in values and values[name] != getattr(record, name):
            _check_unique_restore(session, record, name, values[name])
    position = values.pop("position", None)
    apply_values(record, values)
    session.flush()
    if position is not None and position != record.position and kind.parent is not None:
        parent_column = getattr(kind.model, kind.parent)
        move_among(session, record, parent_column, getattr(record, kind.parent), position)
    # Foreign keys were set as ids: reload the relationships that name them.
    session.expire(record)
    return record


def _check_unique_restore(session: Session, record: Any, name: str, value: Any) -> None:
    if value is None:
        return
    model = type(record)
    column = getattr(model, name)
    stmt = select(model.id).where(model.id != record.id)
    if name in ("name", "email") and model in (Organisation, Person):
        stmt = stmt.where(func.lower(column) == func.lower(value))
    else:
        stmt = stmt.where(column == value)
    if isinstance(record, Reference):
        stmt = stmt.where(Reference.statement_id == record.statement_id)
    if session.scalar(stmt) is not None:
        raise ValidationError(
            f"Cannot undo: {value!r} is now used by another {_kind_of(record).name}.", name
        )


def restore_record(session: Session, snapshot: Mapping[str, Any]) -> int:
    """Re-create a deleted record from its snapshot; returns its id.

    The undo of a delete, for the kinds in :data:`RESTORABLE_KINDS`. The row
    gets its old id back when that id is still free (a new one otherwise),
    its old position (the siblings move up to make room), and for an agenda
    item its notes and the action items that were filed under it. Raises
    :class:`ValidationError` when its parent (roundtable, statement, agenda
    item) or a person or organisation it names was deleted since.
    """
    kind_name = snapshot.get("record_type")
    if kind_name not in RESTORABLE_KINDS:
        raise ValueError(f"cannot restore a {kind_name!r} record")
    kind = _KINDS[str(kind_name)]
    assert kind.parent is not None  # every restorable kind has a parent
    what = kind.name.replace("_", " ")
    values = {name: snapshot[name] for name in kind.editable}
    parent_id = snapshot[kind.parent]
    _check_references(session, {kind.parent: parent_id, **values}, what)
    if kind.name == "reference":
        taken = session.scalar(
            select(Reference.id).where(
                Reference.statement_id == parent_id, Reference.key == values["key"]
            )
        )
        if taken is not None:
            raise ValidationError(
                f"Cannot undo: the statement now has another reference with the key "
                f"{values['key']!r}.",
                "key",
            )
    for note in snapshot.get("notes", ()):
        _check_references(session, {n: note[n] for n in _KINDS["minute_note"].editable}, "note")

    record = _recreate(session, kind, snapshot, values, parent_id)
    for note in snapshot.get("notes", ()):
        note_values = {n: note[n] for n in _KINDS["minute_note"].editable}
        _recreate(session, _KINDS["minute_note"], note, note_values, record.id)
    if kind.name == "agenda_item":
        for action_id in snapshot.get("action_item_ids", ()):
            action = session.get(ActionItem, action_id)
            if action is not None and action.agenda_item_id is None:
                action.agenda_item_id = record.id
    session.flush()
    return int(record.id)


def _recreate(
    session: Session,
    kind: _Kind,
    snapshot: Mapping[str, Any],
    values: dict[str, Any],
    parent_id: int,
) -> Any:
    model = kind.model
    old_id = snapshot.get("id")
    free = old_id is not None and session.get(model, old_id) is None
    position = values.pop("position", None)
    fields: dict[str, Any] = {kind.parent: parent_id, **values}  # type: ignore[dict-item]
    if free:
        fields["id"] = old_id
    if snapshot.get("created_at") is not None and hasattr(model, "created_at"):
        fields["created_at"] = snapshot["created_at"]
    if position is not None:
        parent_column = getattr(model, kind.parent)  # type: ignore[arg-type]
        fields["position"] = next_position(session, model.position, parent_column == parent_id)
    record = model(**fields)
    session.add(record)
    session.flush()
    if position is not None:
        move_among(session, record, getattr(model, kind.parent), parent_id, position)  # type: ignore[arg-type]
    return record
