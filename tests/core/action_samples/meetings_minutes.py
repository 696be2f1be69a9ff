"""Samples of roundtable.meetings.minutes_actions (see README.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.enums import NoteKind, QuestionStatus
from roundtable.meetings import minutes_actions as m
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Roundtable,
)


def _first(session: Session, model: type) -> int:
    return int(session.scalars(select(model.id).order_by(model.id)).first())


def _second(session: Session, model: type) -> int:
    return int(session.scalars(select(model.id).order_by(model.id)).all()[1])


def _item_with_notes_and_action_items(session: Session) -> AgendaItem:
    """An agenda item in the middle of its agenda, with notes and an action item under it."""
    items = session.scalars(select(AgendaItem).order_by(AgendaItem.id)).all()
    return next(
        i
        for i in items
        if i.position > 0
        and len(i.notes) > 2
        and session.scalars(select(ActionItem.id).where(ActionItem.agenda_item_id == i.id)).first()
    )


def _open_action_item(session: Session) -> int:
    stmt = select(ActionItem.id).where(ActionItem.done.is_(False)).order_by(ActionItem.id)
    return int(session.scalars(stmt).first())


SAMPLES = {
    # questions
    "meetings.minutes_actions.add_question": lambda s: m.add_question(
        _first(s, Roundtable),
        text="Who audits the audit?",
        asked_by_person_id=_first(s, Person),
        status=QuestionStatus.SUBMITTED,
    ),
    "meetings.minutes_actions.edit_question": lambda s: m.edit_question(
        _first(s, Question), text="Reworded", asked_by_person_id=_first(s, Person)
    ),
    "meetings.minutes_actions.move_question": lambda s: m.move_question(_first(s, Question), 3),
    "meetings.minutes_actions.delete_question": lambda s: m.delete_question(_second(s, Question)),
    # agenda items
    "meetings.minutes_actions.add_agenda_item": lambda s: m.add_agenda_item(
        _first(s, Roundtable), "Any other business"
    ),
    "meetings.minutes_actions.rename_agenda_item": lambda s: m.rename_agenda_item(
        _first(s, AgendaItem), "Opening and welcome"
    ),
    "meetings.minutes_actions.move_agenda_item": lambda s: m.move_agenda_item(
        _item_with_notes_and_action_items(s).id, 0
    ),
    "meetings.minutes_actions.delete_agenda_item": lambda s: m.delete_agenda_item(
        _item_with_notes_and_action_items(s).id
    ),
    # notes
    "meetings.minutes_actions.add_note": lambda s: m.add_note(
        _first(s, AgendaItem),
        text="We publish the report.",
        kind=NoteKind.DECISION,
        speaker_organisation_id=_first(s, Organisation),
        not_for_attribution=True,
    ),
    "meetings.minutes_actions.edit_note": lambda s: m.edit_note(
        _first(s, MinuteNote),
        text="Reworded",
        speaker_person_id=_first(s, Person),
        not_for_attribution=True,
    ),
    "meetings.minutes_actions.move_note": lambda s: m.move_note(
        _item_with_notes_and_action_items(s).notes[0].id, 2
    ),
    "meetings.minutes_actions.delete_note": lambda s: m.delete_note(
        _item_with_notes_and_action_items(s).notes[1].id
    ),
    # action items
    "meetings.minutes_actions.add_action_item": lambda s: m.add_action_item(
        _item_with_notes_and_action_items(s).roundtable_id,
        description="Send the slides",
        owner_person_id=_first(s, Person),
        due_on=date(2026, 12, 14),
        agenda_item_id=_item_with_notes_and_action_items(s).id,
    ),
    "meetings.minutes_actions.edit_action_item": lambda s: m.edit_action_item(
        _first(s, ActionItem), description="Send it all", due_on=None, agenda_item_id=None
    ),
    "meetings.minutes_actions.set_action_item_done": lambda s: m.set_action_item_done(
        _open_action_item(s), True
    ),
    "meetings.minutes_actions.delete_action_item": lambda s: m.delete_action_item(
        _first(s, ActionItem)
    ),
    # follow-ups
    "meetings.minutes_actions.add_follow_up": lambda s: m.add_follow_up(
        _first(s, Roundtable),
        dated=date(2023, 12, 3),
        body="We took part and asked our questions.",
        title="Update 3 December",
        stance="Critical",
        organisation_id=_first(s, Organisation),
    ),
    "meetings.minutes_actions.edit_follow_up": lambda s: m.edit_follow_up(
        _first(s, FollowUp), stance="Still critical"
    ),
    "meetings.minutes_actions.delete_follow_up": lambda s: m.delete_follow_up(_first(s, FollowUp)),
}

__all__ = ["SAMPLES", "Action"]
