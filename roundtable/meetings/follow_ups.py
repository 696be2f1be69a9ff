"""Follow-ups after a roundtable: dated updates and the stance our organisation took."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from roundtable.editing import (
    apply_values,
    clean_date,
    clean_values,
    instance_or_none,
    limit_of,
)
from roundtable.i18n import _
from roundtable.storage.models import (
    FollowUp,
    Organisation,
    Roundtable,
)
from roundtable.validation import (
    optional_text,
    require_text,
)


def add_follow_up(
    session: Session,
    roundtable: Roundtable,
    dated: date,
    body: str,
    *,
    title: str = "",
    stance: str = "",
    organisation: Organisation | None = None,
) -> FollowUp:
    """Add a dated update after a roundtable, optionally with an organisation's stance."""
    clean_dated = clean_date(dated, "dated", _("The date"), required=True)
    clean_body = require_text(body, "body", _("The text"), limit_of(FollowUp.body))
    clean_title = optional_text(title, "title", _("The title"), limit_of(FollowUp.title))
    clean_stance = optional_text(stance, "stance", _("The stance"), limit_of(FollowUp.stance))
    instance_or_none(organisation, Organisation, "organisation")
    follow_up = FollowUp(
        roundtable=roundtable,
        dated=clean_dated,
        body=clean_body,
        title=clean_title,
        stance=clean_stance,
        organisation=organisation,
    )
    session.add(follow_up)
    session.flush()
    return follow_up


def update_follow_up(session: Session, follow_up: FollowUp, **changes: Any) -> FollowUp:
    """Change a follow-up: dated, body, title, stance, organisation."""
    cleaned = clean_values(
        {
            "dated": lambda v: clean_date(v, "dated", _("The date"), required=True),
            "body": lambda v: require_text(v, "body", _("The text"), limit_of(FollowUp.body)),
            "title": lambda v: optional_text(v, "title", _("The title"), limit_of(FollowUp.title)),
            "stance": lambda v: optional_text(
                v, "stance", _("The stance"), limit_of(FollowUp.stance)
            ),
            "organisation": lambda v: instance_or_none(v, Organisation, "organisation"),
        },
        changes,
        "update_follow_up()",
    )
    apply_values(follow_up, cleaned)
    session.flush()
    return follow_up


def delete_follow_up(session: Session, follow_up: FollowUp) -> None:
    """Delete a follow-up."""
    roundtable = follow_up.roundtable
    session.delete(follow_up)
    session.flush()
    session.expire(roundtable, ["follow_ups"])
