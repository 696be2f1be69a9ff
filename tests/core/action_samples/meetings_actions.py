"""Samples of roundtable.meetings.actions (see README.md).

The demo's one scheduled roundtable (Project Clover one year on, in the
future) is rescheduled, postponed, cancelled and given a new venue, which raise
its SEQUENCE; the samples of schedule, mark_held and delete_draft make the
draft or the started roundtable they need.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.enums import RoundtableStatus
from roundtable.meetings import actions as m
from roundtable.meetings import lifecycle
from roundtable.statements import records
from roundtable.storage.models import Person, Roundtable, Statement


def _first(session: Session, model: type) -> int:
    return int(session.scalars(select(model.id).order_by(model.id)).first())


def _scheduled(session: Session) -> int:
    return int(
        session.scalars(
            select(Roundtable.id)
            .where(Roundtable.status == RoundtableStatus.SCHEDULED)
            .order_by(Roundtable.id)
        ).first()
    )


def _draft(session: Session, title: str) -> Roundtable:
    return lifecycle.create_roundtable(session, title=title, uid=f"{title}@samples.test")


def _schedule_a_draft(session: Session) -> Action[None]:
    draft = _draft(session, "sample-draft")
    # Dated back, before the draft was created: its CREATED row moves back too.
    return m.schedule(
        draft.id,
        datetime(2027, 1, 14, 14, 0),
        datetime(2027, 1, 14, 16, 0),
        at=datetime(2026, 10, 5, 11, 0),
    )


def _mark_held(session: Session) -> Action[None]:
    # Scheduled for a time that has started when the action runs (1 Dec 2026).
    started = _draft(session, "sample-started")
    lifecycle.schedule(
        session, started, datetime(2026, 11, 30, 14, 0), datetime(2026, 11, 30, 16, 0)
    )
    return m.mark_held(started.id, at=datetime(2026, 11, 30, 16, 30))


def _delete_a_linked_draft(session: Session) -> Action[None]:
    draft = _draft(session, "sample-idea")
    statement = session.get(Statement, _first(session, Statement))
    assert statement is not None
    records.link_roundtable(session, statement, draft)
    return m.delete_draft(draft.id)


SAMPLES = {
    "meetings.actions.create_roundtable": lambda s: m.create_roundtable(
        title="Age verification roundtable",
        topic="Who checks the age checks?",
        new_host="Age Assurance Observatory",  # added with it, undone with it
        organiser_id=_first(s, Person),
        venue="Nieuwspoort, The Hague",
        starts_at=datetime(2027, 2, 4, 14, 0),
        ends_at=datetime(2027, 2, 4, 16, 0),
        schedule=True,
    ),
    "meetings.actions.edit_details": lambda s: m.edit_details(
        _scheduled(s), venue="Pakhuis de Zwijger, Amsterdam", host_id=None
    ),
    "meetings.actions.host_new_organisation": lambda s: m.host_new_organisation(
        _scheduled(s), "Platform Observatory"
    ),
    "meetings.actions.schedule": _schedule_a_draft,
    "meetings.actions.reschedule": lambda s: m.reschedule(
        _scheduled(s),
        datetime(2027, 1, 7, 14, 0),
        datetime(2027, 1, 7, 16, 0),
        reason="The room is taken",
    ),
    "meetings.actions.postpone": lambda s: m.postpone(_scheduled(s), "The minister is unavailable"),
    "meetings.actions.cancel": lambda s: m.cancel(_scheduled(s), "Too few acceptances"),
    "meetings.actions.mark_held": _mark_held,
    "meetings.actions.delete_draft": _delete_a_linked_draft,
}

__all__ = ["SAMPLES"]
