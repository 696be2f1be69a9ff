"""Read models of the Questions and Minutes tabs: who can be named, and one roundtable's minutes.

Like :mod:`roundtable.meetings.queries`, every function returns frozen rows of
plain values in a constant number of statements. The lists other pages use
too (``list_questions``, ``minutes``, ``list_action_items``) stay there.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.meetings.queries import (
    ActionItemRow,
    AgendaItemView,
    list_action_items,
    minutes,
)
from roundtable.storage.models import Organisation, Person


@dataclass(frozen=True)
class PartyChoice:
    """A person or an organisation that can be named as asker, speaker or owner.

    Exactly one of ``person_id`` and ``organisation_id`` is set. For a person,
    ``organisation_name`` is the organisation they belong to ("" for none).
    """

    person_id: int | None
    organisation_id: int | None
    name: str
    organisation_name: str = ""


def party_choices(session: Session, *, organisations: bool = True) -> list[PartyChoice]:
    """People (not erased) by name, then (with ``organisations``) organisations by name.

    Two statements at most, however many there are.
    """
    people = session.execute(
        select(Person.id, Person.name, Organisation.name)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(Person.erased_at.is_(None))
        .order_by(func.lower(Person.name), Person.id)
    )
    choices = [
        PartyChoice(person_id=pid, organisation_id=None, name=name, organisation_name=org or "")
        for pid, name, org in people
    ]
    if organisations:
        rows = session.execute(
            select(Organisation.id, Organisation.name).order_by(
                func.lower(Organisation.name), Organisation.id
            )
        )
        choices.extend(
            PartyChoice(person_id=None, organisation_id=oid, name=name) for oid, name in rows
        )
    return choices


@dataclass(frozen=True)
class RoundtableMinutes:
    """A roundtable's agenda (each item with its notes) and its action items, read together."""

    agenda: tuple[AgendaItemView, ...]
    action_items: tuple[ActionItemRow, ...]


def roundtable_minutes(session: Session, roundtable_id: int) -> RoundtableMinutes:
    """The Minutes tab's contents in one transaction: three statements."""
    return RoundtableMinutes(
        agenda=tuple(minutes(session, roundtable_id)),
        action_items=tuple(list_action_items(session, roundtable_id)),
    )


__all__ = ["PartyChoice", "RoundtableMinutes", "party_choices", "roundtable_minutes"]
