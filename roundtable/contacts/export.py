"""Which people an export holds, and its audit row."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from roundtable.errors import NotFoundError
from roundtable.i18n import ngettext
from roundtable.storage.audit import record_audit
from roundtable.storage.models import Person

EXPORT_AUDIT = "contacts.export"


def people_for_export(session: Session, people: Sequence[int] | None = None) -> list[Person]:
    """The people an export writes: ``people`` (ids) or everyone, erased people left out.

    Sorted by name, then id. An id that names nobody raises :class:`NotFoundError`.
    """
    stmt = (
        select(Person).where(Person.erased_at.is_(None)).options(selectinload(Person.organisation))
    )
    if people is not None:
        wanted = set(people)
        found = set(session.scalars(select(Person.id).where(Person.id.in_(wanted))))
        missing = sorted(wanted - found)
        if missing:
            raise NotFoundError(
                ngettext(
                    "No person with id {ids}.", "No people with ids {ids}.", len(missing)
                ).format(ids=", ".join(map(str, missing)))
            )
        stmt = stmt.where(Person.id.in_(wanted))
    stmt = stmt.order_by(func.lower(Person.name), Person.id)
    return list(session.scalars(stmt))


def record_export(session: Session, kind: str, count: int, target: str) -> None:
    """Record a ``contacts.export`` audit row: the format, how many people, the file's name.

    The caller calls it after the file was written. Only the file's name is kept,
    not its folder (which often holds a user name).
    """
    record_audit(
        session,
        EXPORT_AUDIT,
        entity_type="person",
        detail={"format": kind, "count": count, "file": Path(target).name},
    )
    session.flush()
