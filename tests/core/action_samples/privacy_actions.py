"""Samples of roundtable.privacy.actions (see README.md).

Erasure and recording an export cannot be undone: the every-action test checks
only that they change something and that their kinds cover what they touched.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.people.persons import get_person
from roundtable.privacy import actions as p
from roundtable.privacy.retention import due_for_review


def _due(session: Session, count: int) -> list[int]:
    """People due for review on the sample's day (the demo's 2023 roundtables are old)."""
    return [item.person_id for item in due_for_review(session)][:count]


#: Invited twice and named in another person's invitation notes: an erasure that
#: rewrites his own rows, his invitations and someone else's text.
JORIS = "joris.hendriks@privacyfirst.example"


def _joris(session: Session) -> int:
    return int(get_person(session, JORIS).id)


SAMPLES = {
    "privacy.actions.keep": lambda s: p.keep(_due(s, 3)),
    "privacy.actions.set_retention": lambda s: p.set_retention(36),
    "privacy.actions.erase": lambda s: p.erase([_joris(s)]),
    "privacy.actions.record_access_export": lambda s: p.record_access_export(
        _joris(s),
        ["subject-access-1-2026-11-30.json", "subject-access-1-2026-11-30.html"],
    ),
}

__all__ = ["SAMPLES", "Action"]
