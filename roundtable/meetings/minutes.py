"""Minutes: agenda items with their notes and decisions (a note may be marked not for
attribution), and action items with owner and due date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.editing import (
    Cleaners,
    apply_values,
    clean_date,
    clean_position,
    clean_values,
    delete_positioned,
    ensure_id,
    enum_value,
    instance_or_none,
    limit_of,
    move_among,
    next_position,
    place_among,
)
from roundtable.enums import NoteKind
from roundtable.errors import ValidationError
from roundtable.i18n import _
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    MinuteNote,
    Organisation,
    Person,
    Roundtable,
)
from roundtable.validation import (
    require_text,
)


def add_agenda_item(
    session: Session, roundtable: Roundtable, title: str, *, position: int | None = None
) -> AgendaItem:
    """Add an item to a roundtable's minutes; ``position=None`` puts it last."""
    clean_title = require_text(
        title, "title", _("The agenda item's title"), limit_of(AgendaItem.title)
    )
    insert_at = clean_position(position)
    roundtable_id = ensure_id(session, roundtable)
    item = AgendaItem(
        roundtable=roundtable,
        title=clean_title,
        position=next_position(
            session, AgendaItem.position, AgendaItem.roundtable_id == roundtable_id
        ),
    )
    session.add(item)
    session.flush()
    if insert_at is not None:
        siblings = session.scalars(
            select(AgendaItem)
            .where(AgendaItem.roundtable_id == roundtable_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        place_among(siblings, item, insert_at)
        session.flush()
        session.expire(roundtable, ["agenda_items"])
    return item


def add_minute_note(
    session: Session,
    agenda_item: AgendaItem,
    text: str,
    *,
    kind: NoteKind | str = NoteKind.NOTE,
    speaker_person: Person | None = None,
    speaker_organisation: Organisation | None = None,
    not_for_attribution: bool = False,
) -> MinuteNote:
    """Add a note or decision at the end of an agenda item.

    ``not_for_attribution`` (Chatham House rule) keeps the speaker out of
    published output while the content may still be used.
    """
    clean_text = require_text(text, "text", _("The note"), limit_of(MinuteNote.text))
    clean_kind = enum_value(NoteKind, kind, "kind", "kind of note")
    instance_or_none(speaker_person, Person, "speaker_person")
    instance_or_none(speaker_organisation, Organisation, "speaker_organisation")
    item_id = ensure_id(session, agenda_item)
    note = MinuteNote(
        agenda_item=agenda_item,
        text=clean_text,
        kind=clean_kind,
        speaker_person=speaker_person,
        speaker_organisation=speaker_organisation,
        not_for_attribution=bool(not_for_attribution),
        position=next_position(session, MinuteNote.position, MinuteNote.agenda_item_id == item_id),
    )
    session.add(note)
    session.flush()
    return note


def add_action_item(
    session: Session,
    roundtable: Roundtable,
    description: str,
    *,
    owner_person: Person | None = None,
    owner_organisation: Organisation | None = None,
    due_on: date | None = None,
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """Add something someone agreed to do, optionally under one of the roundtable's agenda items."""
    clean_description = require_text(
        description, "description", _("The action"), limit_of(ActionItem.description)
    )
    instance_or_none(owner_person, Person, "owner_person")
    instance_or_none(owner_organisation, Organisation, "owner_organisation")
    clean_due = clean_date(due_on, "due_on", _("The due date"), required=False)
    item = instance_or_none(agenda_item, AgendaItem, "agenda_item")
    if item is not None and item.roundtable is not roundtable:
        raise ValidationError(
            _("The agenda item “{title}” belongs to another roundtable.").format(title=item.title),
            "agenda_item",
        )
    action = ActionItem(
        roundtable=roundtable,
        description=clean_description,
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        due_on=clean_due,
        agenda_item=agenda_item,
        done=False,
    )
    session.add(action)
    session.flush()
    return action


def set_action_done(
    session: Session, action_item: ActionItem, done: bool, *, at: datetime | None = None
) -> ActionItem:
    """Mark an action item done (at ``at``, by default now) or not done (clearing the time).

    Marking an item that is already done again keeps its original time unless
    ``at`` is given.
    """
    if at is not None and at.tzinfo is None:
        raise ValueError("set_action_done() needs a timezone-aware 'at'")
    if done:
        if at is not None:
            when: datetime | None = at.astimezone(UTC)
        elif action_item.done and action_item.done_at is not None:
            when = action_item.done_at
        else:
            when = context.now()
        apply_values(action_item, {"done": True, "done_at": when})
    else:
        apply_values(action_item, {"done": False, "done_at": None})
    session.flush()
    return action_item


def update_agenda_item(session: Session, item: AgendaItem, **changes: Any) -> AgendaItem:
    """Change an agenda item's title (the only editable field; see :func:`move_agenda_item`)."""
    cleaned = clean_values(
        {
            "title": lambda v: require_text(
                v, "title", _("The agenda item's title"), limit_of(AgendaItem.title)
            )
        },
        changes,
        "update_agenda_item()",
    )
    apply_values(item, cleaned)
    session.flush()
    return item


def move_agenda_item(session: Session, item: AgendaItem, position: int) -> None:
    """Move an agenda item to ``position`` (clamped) and renumber the minutes 0..n-1."""
    move_among(session, item, AgendaItem.roundtable_id, item.roundtable_id, position)
    session.expire(item.roundtable, ["agenda_items"])


def delete_agenda_item(session: Session, item: AgendaItem) -> None:
    """Delete an agenda item with its notes; action items under it stay, without the item."""
    for action in session.scalars(select(ActionItem).where(ActionItem.agenda_item_id == item.id)):
        action.agenda_item = None
    roundtable = item.roundtable
    delete_positioned(
        session, item, AgendaItem.roundtable_id, item.roundtable_id, roundtable, "agenda_items"
    )


def _note_cleaners() -> Cleaners:
    return {
        "text": lambda v: require_text(v, "text", _("The note"), limit_of(MinuteNote.text)),
        "kind": lambda v: enum_value(NoteKind, v, "kind", "kind of note"),
        "speaker_person": lambda v: instance_or_none(v, Person, "speaker_person"),
        "speaker_organisation": lambda v: instance_or_none(v, Organisation, "speaker_organisation"),
        "not_for_attribution": bool,
    }


def update_minute_note(session: Session, note: MinuteNote, **changes: Any) -> MinuteNote:
    """Change a note: text, kind, speaker_person, speaker_organisation, not_for_attribution."""
    cleaned = clean_values(_note_cleaners(), changes, "update_minute_note()")
    apply_values(note, cleaned)
    session.flush()
    return note


def move_minute_note(session: Session, note: MinuteNote, position: int) -> None:
    """Move a note to ``position`` within its agenda item and renumber the notes."""
    move_among(session, note, MinuteNote.agenda_item_id, note.agenda_item_id, position)
    session.expire(note.agenda_item, ["notes"])


def delete_minute_note(session: Session, note: MinuteNote) -> None:
    """Delete a note or decision and renumber the agenda item's other notes."""
    item = note.agenda_item
    delete_positioned(session, note, MinuteNote.agenda_item_id, note.agenda_item_id, item, "notes")


def update_action_item(session: Session, action_item: ActionItem, **changes: Any) -> ActionItem:
    """Change an action item: description, owner_person, owner_organisation, due_on, agenda_item.

    The agenda item must belong to the same roundtable. Use :func:`set_action_done`
    to tick it off.
    """
    cleaned = clean_values(
        {
            "description": lambda v: require_text(
                v, "description", _("The action"), limit_of(ActionItem.description)
            ),
            "owner_person": lambda v: instance_or_none(v, Person, "owner_person"),
            "owner_organisation": lambda v: instance_or_none(v, Organisation, "owner_organisation"),
            "due_on": lambda v: clean_date(v, "due_on", _("The due date"), required=False),
            "agenda_item": lambda v: instance_or_none(v, AgendaItem, "agenda_item"),
        },
        changes,
        "update_action_item()",
    )
    item = cleaned.get("agenda_item")
    if item is not None and item.roundtable_id != action_item.roundtable_id:
        raise ValidationError(
            _("The agenda item “{title}” belongs to another roundtable.").format(title=item.title),
            "agenda_item",
        )
    apply_values(action_item, cleaned)
    session.flush()
    return action_item


def delete_action_item(session: Session, action_item: ActionItem) -> None:
    """Delete an action item."""
    roundtable = action_item.roundtable
    session.delete(action_item)
    session.flush()
    session.expire(roundtable, ["action_items"])
