"""Samples of roundtable.meetings.minutes_actions (see README.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.meetings import minutes_actions as m
from roundtable.storage.models import FollowUp, Organisation, Roundtable


def _first(session: Session, model: type) -> int:
    return int(session.scalars(select(model.id).order_by(model.id)).first())


SAMPLES = {
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
