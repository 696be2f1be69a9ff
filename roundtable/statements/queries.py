"""Read models of statements for lists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.enums import StatementStatus
from roundtable.storage.models import Statement, statement_roundtable


@dataclass(frozen=True)
class StatementRow:
    id: int
    slug: str
    title: str
    language: str
    status: StatementStatus
    published_on: date | None
    updated_at: datetime
    roundtable_ids: tuple[int, ...]


def list_statements(session: Session) -> list[StatementRow]:
    """Every statement with the ids of its roundtables, most recently changed first."""
    statements = session.scalars(
        select(Statement).order_by(Statement.updated_at.desc(), Statement.id.desc())
    ).all()
    links: dict[int, list[int]] = defaultdict(list)
    link_stmt = select(statement_roundtable.c.statement_id, statement_roundtable.c.roundtable_id)
    for statement_id, roundtable_id in session.execute(
        link_stmt.order_by(
            statement_roundtable.c.statement_id, statement_roundtable.c.roundtable_id
        )
    ):
        links[statement_id].append(roundtable_id)
    return [
        StatementRow(
            id=s.id,
            slug=s.slug,
            title=s.title,
            language=s.language,
            status=s.status,
            published_on=s.published_on,
            updated_at=s.updated_at,
            roundtable_ids=tuple(links.get(s.id, ())),
        )
        for s in statements
    ]
