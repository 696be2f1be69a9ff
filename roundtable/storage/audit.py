"""The audit log: who did what and when (imports, exports, merges, erasures, deletions)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from roundtable import context
from roundtable.storage.models import AuditEntry


def record_audit(
    session: Session,
    action: str,
    *,
    entity_type: str = "",
    entity_id: int | None = None,
    detail: str | dict[str, Any] = "",
) -> AuditEntry:
    """Add an audit row in the caller's transaction; ``detail`` may be a dict (stored as JSON)."""
    text = detail if isinstance(detail, str) else json.dumps(detail, sort_keys=True)
    entry = AuditEntry(
        at=context.now(),
        actor=context.actor(),
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        detail=text,
    )
    session.add(entry)
    return entry
