"""The audit log read back for the app and the command line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.privacy.mentions import _LIKE_ESCAPE, _like_escape
from roundtable.storage.models import (
    AuditEntry,
)


@dataclass(frozen=True)
class AuditRow:
    """One audit entry for the audit log view."""

    id: int
    at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: int | None
    #: As stored (often JSON).
    detail: str
    #: ``detail`` on one readable line: "person id 12, files subject-access-12-…".
    summary: str


_SUMMARY_LENGTH = 200


def _summary_value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "(" + _summary_pairs(value) + ")"
    if isinstance(value, list | tuple):
        return ", ".join(_summary_value(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "none" if value is None else str(value)


def _summary_pairs(values: Mapping[str, Any]) -> str:
    return "; ".join(
        f"{str(key).replace('_', ' ')}: {_summary_value(value)}" for key, value in values.items()
    )


def summarise_detail(detail: str) -> str:
    """An audit row's detail on one readable line ("months: 36; previous months: 24")."""
    try:
        value = json.loads(detail) if detail.strip()[:1] in ("{", "[") else detail
    except ValueError:
        value = detail
    if isinstance(value, Mapping):
        line = _summary_pairs(value)
    elif isinstance(value, list):
        line = _summary_value(value)
    else:
        line = str(value)
    line = " ".join(line.split())
    if len(line) > _SUMMARY_LENGTH:
        line = line[: _SUMMARY_LENGTH - 1] + "…"
    return line


def list_audit_entries(
    session: Session, *, action_prefix: str = "", limit: int | None = None
) -> list[AuditRow]:
    """The audit log, newest first; only actions starting with ``action_prefix`` if given."""
    stmt = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if action_prefix:
        stmt = stmt.where(
            AuditEntry.action.like(f"{_like_escape(action_prefix)}%", escape=_LIKE_ESCAPE)
        )
    if limit is not None:
        if limit < 0:
            raise ValueError("limit must not be negative")
        stmt = stmt.limit(limit)
    return [
        AuditRow(
            id=entry.id,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            entity_type=entry.entity_type,
            entity_id=entry.entity_id,
            detail=entry.detail,
            summary=summarise_detail(entry.detail),
        )
        for entry in session.scalars(stmt)
    ]
