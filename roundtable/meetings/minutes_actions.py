"""The actions on what happens at and after a roundtable: questions, minutes, follow-ups.

Each factory names its records by id and returns an :class:`~roundtable.actions.Action`
that the app runs through its store and the command line through
:func:`roundtable.actions.perform`; undo and redo come from the change set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.editing import get_or_fail
from roundtable.i18n import _
from roundtable.meetings import follow_ups
from roundtable.storage.models import FollowUp, Organisation, Roundtable

# --------------------------------------------------------------------------- follow-ups

#: The label of an edit of one follow-up field, for the Edit menu ("Undo Change stance").
_FOLLOW_UP_EDITS: Mapping[str, Callable[[], str]] = {
    "dated": lambda: _("Change follow-up date"),
    "title": lambda: _("Change follow-up title"),
    "stance": lambda: _("Change stance"),
    "organisation_id": lambda: _("Change follow-up organisation"),
    "body": lambda: _("Edit follow-up text"),
}


def _organisation_or_none(session: Session, organisation_id: int | None) -> Organisation | None:
    return get_or_fail(session, Organisation, organisation_id) if organisation_id else None


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
