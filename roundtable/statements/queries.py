"""Read models of statements: the list, and one statement with its parts for the editor."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.editing import get_or_fail
from roundtable.enums import StatementStatus
from roundtable.storage.models import (
    Reference,
    Statement,
    StatementSection,
    StatementUpdate,
    statement_roundtable,
)


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


@dataclass(frozen=True)
class SectionRow:
    """One section of a statement; ``position`` counts from 0."""

    id: int
    position: int
    key: str
    heading: str
    body: str


@dataclass(frozen=True)
class ReferenceRow:
    """One source (footnote) of a statement; ``position`` is its number minus one."""

    id: int
    position: int
    key: str
    title: str
    url: str
    publisher: str
    published_on: date | None
    note: str


@dataclass(frozen=True)
class UpdateRow:
    """One dated update of a statement."""

    id: int
    dated: date
    title: str
    body: str


@dataclass(frozen=True)
class StatementDetail:
    """One statement with everything the editor shows of it."""

    id: int
    slug: str
    title: str
    language: str
    status: StatementStatus
    published_on: date | None
    template_name: str
    translation_note: str
    summary: str
    sections: tuple[SectionRow, ...]
    references: tuple[ReferenceRow, ...]
    updates: tuple[UpdateRow, ...]
    roundtable_ids: frozenset[int]


def statement_detail(session: Session, statement_id: int) -> StatementDetail:
    """One statement with its sections, references, updates and linked roundtables.

    Five statements however many parts it has; a statement that is gone raises
    :class:`~roundtable.errors.NotFoundError`.
    """
    s = get_or_fail(session, Statement, statement_id)
    sections = session.execute(
        select(
            StatementSection.id,
            StatementSection.position,
            StatementSection.key,
            StatementSection.heading,
            StatementSection.body,
        )
        .where(StatementSection.statement_id == statement_id)
        .order_by(StatementSection.position, StatementSection.id)
    ).all()
    references = session.execute(
        select(
            Reference.id,
            Reference.position,
            Reference.key,
            Reference.title,
            Reference.url,
            Reference.publisher,
            Reference.published_on,
            Reference.note,
        )
        .where(Reference.statement_id == statement_id)
        .order_by(Reference.position, Reference.id)
    ).all()
    updates = session.execute(
        select(
            StatementUpdate.id, StatementUpdate.dated, StatementUpdate.title, StatementUpdate.body
        )
        .where(StatementUpdate.statement_id == statement_id)
        .order_by(StatementUpdate.dated, StatementUpdate.id)
    ).all()
    roundtable_ids = session.scalars(
        select(statement_roundtable.c.roundtable_id).where(
            statement_roundtable.c.statement_id == statement_id
        )
    ).all()
    return StatementDetail(
        id=s.id,
        slug=s.slug,
        title=s.title,
        language=s.language,
        status=StatementStatus(s.status),
        published_on=s.published_on,
        template_name=s.template_name or "",
        translation_note=s.translation_note or "",
        summary=s.summary or "",
        sections=tuple(
            SectionRow(x.id, x.position, x.key or "", x.heading or "", x.body or "")
            for x in sections
        ),
        references=tuple(
            ReferenceRow(
                r.id,
                r.position,
                r.key,
                r.title,
                r.url or "",
                r.publisher or "",
                r.published_on,
                r.note or "",
            )
            for r in references
        ),
        updates=tuple(UpdateRow(u.id, u.dated, u.title or "", u.body or "") for u in updates),
        roundtable_ids=frozenset(roundtable_ids),
    )
