"""Samples of roundtable.statements.actions (see README.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.statements import actions as a
from roundtable.statements import records
from roundtable.storage.models import (
    Reference,
    Roundtable,
    Statement,
    StatementSection,
    StatementUpdate,
    statement_roundtable,
)


def _first(session: Session, model: type) -> int:
    return int(session.scalars(select(model.id).order_by(model.id)).first())


def _middle(session: Session, model: type) -> int:
    """A part in the middle of its list, so that the renumbering of the others shows."""
    ids = session.scalars(select(model.id).order_by(model.id)).all()
    return int(ids[len(ids) // 2])


def _linked(session: Session) -> tuple[int, int]:
    row = session.execute(
        select(statement_roundtable.c.statement_id, statement_roundtable.c.roundtable_id).order_by(
            statement_roundtable.c.statement_id, statement_roundtable.c.roundtable_id
        )
    ).first()
    assert row is not None
    return int(row[0]), int(row[1])


def _unlinked(session: Session) -> tuple[int, int]:
    statement_id = _first(session, Statement)
    linked = select(statement_roundtable.c.roundtable_id).where(
        statement_roundtable.c.statement_id == statement_id
    )
    roundtable_id = session.scalars(
        select(Roundtable.id).where(Roundtable.id.not_in(linked)).order_by(Roundtable.id)
    ).first()
    assert roundtable_id is not None
    return statement_id, int(roundtable_id)


def _published_statement(session: Session) -> int:
    """The demo statement, published first, so that undoing its deletion must bring that back."""
    statement = session.get(Statement, _first(session, Statement))
    assert statement is not None and statement.sections and statement.references
    assert statement.updates and statement.roundtables
    records.update_statement(session, statement, status="published")
    return int(statement.id)


SAMPLES = {
    "statements.actions.create_statement": lambda s: a.create_statement(
        "clover-2026", "On Project Clover", language="nl", summary="What we asked."
    ),
    "statements.actions.edit_statement": lambda s: a.edit_statement(
        _first(s, Statement), title="TikTok's charm offensive, reconsidered", status="published"
    ),
    "statements.actions.delete_statement": lambda s: a.delete_statement(
        _published_statement(s), title="TikTok's charm offensive"
    ),
    "statements.actions.link_roundtable": lambda s: a.link_roundtable(
        *_unlinked(s), title="A roundtable"
    ),
    "statements.actions.unlink_roundtable": lambda s: a.unlink_roundtable(*_linked(s)),
    "statements.actions.add_section": lambda s: a.add_section(
        _first(s, Statement), key="asks", heading="What we ask", body="Publish.", position=1
    ),
    "statements.actions.edit_section": lambda s: a.edit_section(
        _first(s, StatementSection), heading="Changed", body="Other text."
    ),
    "statements.actions.move_section": lambda s: a.move_section(_first(s, StatementSection), 2),
    "statements.actions.delete_section": lambda s: a.delete_section(_middle(s, StatementSection)),
    "statements.actions.add_reference": lambda s: a.add_reference(
        _first(s, Statement),
        key="nos-2023-11-28",
        title="TikTok meets its critics",
        url="https://nos.example/tiktok",
        publisher="NOS",
        published_on=date(2023, 11, 28),
    ),
    "statements.actions.edit_reference": lambda s: a.edit_reference(
        _first(s, Reference), key="fd-1", url="", title="New"
    ),
    "statements.actions.delete_reference": lambda s: a.delete_reference(_middle(s, Reference)),
    "statements.actions.add_update": lambda s: a.add_update(
        _first(s, Statement), dated=date(2024, 2, 1), body="No audit yet.", title="February"
    ),
    "statements.actions.edit_update": lambda s: a.edit_update(
        _first(s, StatementUpdate), dated=date(2023, 12, 4), body="Changed."
    ),
    "statements.actions.delete_update": lambda s: a.delete_update(_first(s, StatementUpdate)),
}

__all__ = ["SAMPLES", "Action"]
