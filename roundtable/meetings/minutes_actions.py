"""The actions on what happens at and after a roundtable: questions, minutes, follow-ups.

Each factory names its records by id and returns an :class:`~roundtable.actions.Action`
that the app runs through its store and the command line through
:func:`roundtable.actions.perform`; undo and redo come from the change set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.editing import get_or_fail
from roundtable.enums import NoteKind, QuestionStatus
from roundtable.i18n import _
from roundtable.meetings import follow_ups, minutes, questions
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


def _organisation_or_none(session: Session, organisation_id: int | None) -> Organisation | None:
    return get_or_fail(session, Organisation, organisation_id) if organisation_id else None


def _person_or_none(session: Session, person_id: int | None) -> Person | None:
    return get_or_fail(session, Person, person_id) if person_id else None


def _unknown_fields(what: str, changes: Mapping[str, Any], known: Iterable[str]) -> None:
    unknown = set(changes) - set(known)
    if unknown:
        raise ValueError(f"{what} has no field {', '.join(sorted(unknown))}")
    if not changes:
        raise ValueError(f"nothing to change in {what}")


def _with_records(
    session: Session, changes: Mapping[str, Any], models: Mapping[str, type[Any]]
) -> dict[str, Any]:
    """``changes`` with each ``<name>_id`` in ``models`` looked up as ``<name>`` (None stays)."""
    values = dict(changes)
    for key, model in models.items():
        if key in values:
            record_id = values.pop(key)
            values[key.removesuffix("_id")] = (
                get_or_fail(session, model, record_id) if record_id else None
            )
    return values


# --------------------------------------------------------------------------- questions

_QUESTION_FIELDS = ("text", "asked_by_person_id", "asked_by_organisation_id", "status", "answer")
_ASKERS: Mapping[str, type[Any]] = {
    "asked_by_person_id": Person,
    "asked_by_organisation_id": Organisation,
}

#: The label of a status change from the list's menu ("Undo Mark question as answered").
_MARK_QUESTION: Mapping[QuestionStatus, Callable[[], str]] = {
    QuestionStatus.DRAFT: lambda: _("Mark question as draft"),
    QuestionStatus.SUBMITTED: lambda: _("Mark question as submitted"),
    QuestionStatus.ASKED: lambda: _("Mark question as asked"),
    QuestionStatus.ANSWERED: lambda: _("Mark question as answered"),
    QuestionStatus.UNANSWERED: lambda: _("Mark question as unanswered"),
    QuestionStatus.WITHDRAWN: lambda: _("Mark question as withdrawn"),
}


@action("questions")
def add_question(
    roundtable_id: int,
    *,
    text: str,
    asked_by_person_id: int | None = None,
    asked_by_organisation_id: int | None = None,
    status: QuestionStatus | str = QuestionStatus.DRAFT,
    answer: str = "",
) -> Action[int]:
    """A question at the end of a roundtable's list, asked by a person, a delegation or
    nobody named; its id."""

    def run(session: Session) -> int:
        question = questions.add_question(
            session,
            get_or_fail(session, Roundtable, roundtable_id),
            text,
            asked_by_person=_person_or_none(session, asked_by_person_id),
            asked_by_organisation=_organisation_or_none(session, asked_by_organisation_id),
            status=status,
            answer=answer,
        )
        return int(question.id)

    return Action(_("Add question"), run)


@action("questions")
def edit_question(question_id: int, **changes: Any) -> Action[None]:
    """Change a question's ``text``, ``asked_by_person_id``, ``asked_by_organisation_id``,
    ``status`` or ``answer``; naming one asker clears the other unless both are given."""
    _unknown_fields("a question", changes, _QUESTION_FIELDS)

    def run(session: Session) -> None:
        question = get_or_fail(session, Question, question_id)
        questions.update_question(session, question, **_with_records(session, changes, _ASKERS))

    if set(changes) == {"answer"}:
        label = _("Edit answer")
    elif set(changes) == {"status"} and changes["status"] in set(QuestionStatus):
        label = _MARK_QUESTION[QuestionStatus(changes["status"])]()
    else:
        label = _("Edit question")
    return Action(label, run)


@action("questions")
def move_question(question_id: int, position: int) -> Action[None]:
    """Put a question at ``position`` (0-based, clamped); the list is renumbered 0..n-1."""

    def run(session: Session) -> None:
        questions.move_question(session, get_or_fail(session, Question, question_id), position)

    return Action(_("Move question"), run)


@action("questions")
def delete_question(question_id: int) -> Action[None]:
    """Delete a question; the list is renumbered 0..n-1."""

    def run(session: Session) -> None:
        questions.delete_question(session, get_or_fail(session, Question, question_id))

    return Action(_("Delete question"), run)


# --------------------------------------------------------------------------- agenda items


@action("minutes")
def add_agenda_item(roundtable_id: int, title: str) -> Action[int]:
    """An item at the end of a roundtable's agenda; its id."""

    def run(session: Session) -> int:
        roundtable = get_or_fail(session, Roundtable, roundtable_id)
        return int(minutes.add_agenda_item(session, roundtable, title).id)

    return Action(_("Add agenda item"), run)


@action("minutes")
def rename_agenda_item(agenda_item_id: int, title: str) -> Action[None]:
    """Give an agenda item another title."""

    def run(session: Session) -> None:
        item = get_or_fail(session, AgendaItem, agenda_item_id)
        minutes.update_agenda_item(session, item, title=title)

    return Action(_("Rename agenda item"), run)


@action("minutes")
def move_agenda_item(agenda_item_id: int, position: int) -> Action[None]:
    """Put an agenda item at ``position`` (0-based, clamped); the agenda is renumbered."""

    def run(session: Session) -> None:
        item = get_or_fail(session, AgendaItem, agenda_item_id)
        minutes.move_agenda_item(session, item, position)

    return Action(_("Move agenda item"), run)


@action("minutes", "action_items")
def delete_agenda_item(agenda_item_id: int) -> Action[None]:
    """Delete an agenda item with its notes; its action items stay, under no item."""

    def run(session: Session) -> None:
        minutes.delete_agenda_item(session, get_or_fail(session, AgendaItem, agenda_item_id))

    return Action(_("Delete agenda item"), run)


# --------------------------------------------------------------------------- notes

_NOTE_FIELDS = (
    "text",
    "kind",
    "speaker_person_id",
    "speaker_organisation_id",
    "not_for_attribution",
)
_SPEAKERS: Mapping[str, type[Any]] = {
    "speaker_person_id": Person,
    "speaker_organisation_id": Organisation,
}


@action("minutes")
def add_note(
    agenda_item_id: int,
    *,
    text: str,
    kind: NoteKind | str = NoteKind.NOTE,
    speaker_person_id: int | None = None,
    speaker_organisation_id: int | None = None,
    not_for_attribution: bool = False,
) -> Action[int]:
    """A note or decision at the end of an agenda item; its id.

    ``not_for_attribution`` (Chatham House rule) keeps the speaker out of
    published output.
    """

    def run(session: Session) -> int:
        note = minutes.add_minute_note(
            session,
            get_or_fail(session, AgendaItem, agenda_item_id),
            text,
            kind=kind,
            speaker_person=_person_or_none(session, speaker_person_id),
            speaker_organisation=_organisation_or_none(session, speaker_organisation_id),
            not_for_attribution=not_for_attribution,
        )
        return int(note.id)

    label = _("Add decision") if kind == NoteKind.DECISION else _("Add note")
    return Action(label, run)


@action("minutes")
def edit_note(note_id: int, **changes: Any) -> Action[None]:
    """Change a note's ``text``, ``kind``, ``speaker_person_id``,
    ``speaker_organisation_id`` or ``not_for_attribution``."""
    _unknown_fields("a note", changes, _NOTE_FIELDS)

    def run(session: Session) -> None:
        note = get_or_fail(session, MinuteNote, note_id)
        minutes.update_minute_note(session, note, **_with_records(session, changes, _SPEAKERS))

    return Action(_("Edit note"), run)


@action("minutes")
def move_note(note_id: int, position: int) -> Action[None]:
    """Put a note at ``position`` (0-based, clamped) within its agenda item."""

    def run(session: Session) -> None:
        minutes.move_minute_note(session, get_or_fail(session, MinuteNote, note_id), position)

    return Action(_("Move note"), run)


@action("minutes")
def delete_note(note_id: int) -> Action[None]:
    """Delete a note or decision; the item's other notes are renumbered."""

    def run(session: Session) -> None:
        minutes.delete_minute_note(session, get_or_fail(session, MinuteNote, note_id))

    return Action(_("Delete note"), run)


# --------------------------------------------------------------------------- action items

_ACTION_ITEM_FIELDS = (
    "description",
    "owner_person_id",
    "owner_organisation_id",
    "due_on",
    "agenda_item_id",
)
_ACTION_ITEM_RECORDS: Mapping[str, type[Any]] = {
    "owner_person_id": Person,
    "owner_organisation_id": Organisation,
    "agenda_item_id": AgendaItem,
}


@action("action_items")
def add_action_item(
    roundtable_id: int,
    *,
    description: str,
    owner_person_id: int | None = None,
    owner_organisation_id: int | None = None,
    due_on: date | None = None,
    agenda_item_id: int | None = None,
) -> Action[int]:
    """Something someone agreed to do, optionally under one of the agenda items; its id."""

    def run(session: Session) -> int:
        item = minutes.add_action_item(
            session,
            get_or_fail(session, Roundtable, roundtable_id),
            description,
            owner_person=_person_or_none(session, owner_person_id),
            owner_organisation=_organisation_or_none(session, owner_organisation_id),
            due_on=due_on,
            agenda_item=(
                get_or_fail(session, AgendaItem, agenda_item_id) if agenda_item_id else None
            ),
        )
        return int(item.id)

    return Action(_("Add action item"), run)


@action("action_items")
def edit_action_item(action_item_id: int, **changes: Any) -> Action[None]:
    """Change an action item's ``description``, ``owner_person_id``,
    ``owner_organisation_id``, ``due_on`` or ``agenda_item_id``."""
    _unknown_fields("an action item", changes, _ACTION_ITEM_FIELDS)

    def run(session: Session) -> None:
        item = get_or_fail(session, ActionItem, action_item_id)
        values = _with_records(session, changes, _ACTION_ITEM_RECORDS)
        minutes.update_action_item(session, item, **values)

    return Action(_("Edit action item"), run)


@action("action_items")
def set_action_item_done(action_item_id: int, done: bool) -> Action[None]:
    """Tick an action item off (done now) or open it again."""

    def run(session: Session) -> None:
        minutes.set_action_done(session, get_or_fail(session, ActionItem, action_item_id), done)

    return Action(_("Mark action item done") if done else _("Mark action item open"), run)


@action("action_items")
def delete_action_item(action_item_id: int) -> Action[None]:
    """Delete an action item."""

    def run(session: Session) -> None:
        minutes.delete_action_item(session, get_or_fail(session, ActionItem, action_item_id))

    return Action(_("Delete action item"), run)


# --------------------------------------------------------------------------- follow-ups

#: The label of an edit of one follow-up field, for the Edit menu ("Undo Change stance").
_FOLLOW_UP_EDITS: Mapping[str, Callable[[], str]] = {
    "dated": lambda: _("Change follow-up date"),
    "title": lambda: _("Change follow-up title"),
    "stance": lambda: _("Change stance"),
    "organisation_id": lambda: _("Change follow-up organisation"),
    "body": lambda: _("Edit follow-up text"),
}


@action("follow_ups")
def add_follow_up(
    roundtable_id: int,
    *,
    dated: date,
    body: str,
    title: str = "",
    stance: str = "",
    organisation_id: int | None = None,
) -> Action[int]:
    """A dated update after a roundtable, optionally with an organisation's stance; its id."""

    def run(session: Session) -> int:
        follow_up = follow_ups.add_follow_up(
            session,
            get_or_fail(session, Roundtable, roundtable_id),
            dated,
            body,
            title=title,
            stance=stance,
            organisation=_organisation_or_none(session, organisation_id),
        )
        return int(follow_up.id)

    return Action(_("Add follow-up"), run)


@action("follow_ups")
def edit_follow_up(follow_up_id: int, **changes: Any) -> Action[None]:
    """Change a follow-up's ``dated``, ``title``, ``stance``, ``organisation_id`` or ``body``."""
    unknown = set(changes) - set(_FOLLOW_UP_EDITS)
    if unknown:
        raise ValueError(f"a follow-up has no field {', '.join(sorted(unknown))}")

    def run(session: Session) -> None:
        values = dict(changes)
        if "organisation_id" in values:
            values["organisation"] = _organisation_or_none(session, values.pop("organisation_id"))
        follow_ups.update_follow_up(session, get_or_fail(session, FollowUp, follow_up_id), **values)

    label = _FOLLOW_UP_EDITS[next(iter(changes))]() if len(changes) == 1 else _("Edit follow-up")
    return Action(label, run)


@action("follow_ups")
def delete_follow_up(follow_up_id: int) -> Action[None]:
    """Delete a follow-up."""

    def run(session: Session) -> None:
        follow_ups.delete_follow_up(session, get_or_fail(session, FollowUp, follow_up_id))

    return Action(_("Delete follow-up"), run)
