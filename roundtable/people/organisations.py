"""Organisations: created, edited, found by name or id, and deleted.

One organisation may be marked as our own (``is_own``); marking another clears it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.editing import (
    Cleaners,
    apply_values,
    clean_url,
    clean_values,
    clear_references,
    enum_value,
    limit_of,
    split_ref,
)
from roundtable.enums import OrganisationKind
from roundtable.errors import NotFoundError, ValidationError
from roundtable.i18n import _, ngettext
from roundtable.storage.audit import record_audit
from roundtable.storage.models import (
    ActionItem,
    FollowUp,
    Invitation,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Roundtable,
)
from roundtable.validation import (
    optional_text,
    require_text,
    validate_email,
)


def _unique_organisation_name(session: Session, name: str, current: Organisation | None) -> str:
    # The database's own constraint is case-sensitive; "TikTok" and "Tiktok"
    # are still the same organisation to a coordinator.
    stmt = select(Organisation).where(func.lower(Organisation.name) == func.lower(name))
    for existing in session.scalars(stmt):
        if existing is not current:
            raise ValidationError(
                _("There is already an organisation called {name}.").format(
                    name=repr(existing.name)
                ),
                "name",
            )
    return name


def _organisation_cleaners(session: Session, current: Organisation | None) -> Cleaners:
    return {
        "name": lambda v: _unique_organisation_name(
            session,
            require_text(v, "name", _("The organisation's name"), limit_of(Organisation.name)),
            current,
        ),
        "kind": lambda v: enum_value(OrganisationKind, v, "kind", _("kind of organisation")),
        "website": lambda v: clean_url(
            v, "website", _("The website"), limit_of(Organisation.website)
        ),
        "email": lambda v: validate_email(v, "email"),
        "notes": lambda v: optional_text(v, "notes", _("The notes"), limit_of(Organisation.notes)),
        "is_own": bool,
    }


def _clear_other_own(session: Session, keep: Organisation | None) -> None:
    """Only one organisation is ours: taking the flag from the others."""
    for other in session.scalars(select(Organisation).where(Organisation.is_own.is_(True))):
        if other is not keep:
            other.is_own = False


def create_organisation(
    session: Session,
    name: str,
    *,
    kind: OrganisationKind | str = OrganisationKind.OTHER,
    website: str = "",
    email: str | None = None,
    notes: str = "",
    is_own: bool = False,
) -> Organisation:
    """Add an organisation; its name must not already exist in any letter case.

    ``is_own=True`` marks it as the coordinator's own organisation and clears
    that mark on every other organisation.
    """
    cleaned = clean_values(
        _organisation_cleaners(session, None),
        {
            "name": name,
            "kind": kind,
            "website": website,
            "email": email,
            "notes": notes,
            "is_own": is_own,
        },
        "create_organisation()",
    )
    if cleaned["is_own"]:
        _clear_other_own(session, None)
    organisation = Organisation(**cleaned)
    session.add(organisation)
    session.flush()
    return organisation


def update_organisation(
    session: Session, organisation: Organisation, **changes: Any
) -> Organisation:
    """Change the given fields: name, kind, website, email, notes, is_own.

    Raises :class:`ValueError` for any other field name (a programming error)
    and :class:`ValidationError` for an unacceptable value, changing nothing.
    """
    cleaned = clean_values(
        _organisation_cleaners(session, organisation), changes, "update_organisation()"
    )
    if cleaned.get("is_own"):
        _clear_other_own(session, organisation)
    apply_values(organisation, cleaned)
    session.flush()
    return organisation


def find_organisation_by_name(session: Session, name: str | None) -> Organisation | None:
    """The organisation called ``name`` in any letter case, or ``None``."""
    text = (name or "").strip()
    if not text:
        return None
    matches = session.scalars(
        select(Organisation)
        .where(func.lower(Organisation.name) == func.lower(text))
        .order_by(Organisation.id)
    ).all()
    # Rows written before the case-insensitive check may differ only in case:
    # the exact spelling wins.
    for organisation in matches:
        if organisation.name == text:
            return organisation
    return matches[0] if matches else None


def get_organisation(session: Session, ref: int | str) -> Organisation:
    """The organisation with id ``ref``, or called ``ref`` (any letter case)."""
    number, text = split_ref(ref)
    if number is not None:
        found = session.get(Organisation, number)
        if found is not None:
            return found
    if isinstance(ref, str):
        by_name = find_organisation_by_name(session, text)
        if by_name is not None:
            return by_name
    raise NotFoundError(_("No organisation with id or name '{text}'.").format(text=text))


def delete_organisation(session: Session, organisation: Organisation) -> None:
    """Delete an organisation that no invitation names; writes an audit row.

    Its people stay, without an organisation; questions, notes, action items,
    follow-ups and roundtables that named it keep their content.
    """
    count = session.scalar(
        select(func.count())
        .select_from(Invitation)
        .where(Invitation.organisation_id == organisation.id)
    )
    if count:
        raise ValidationError(
            ngettext(
                "Cannot delete {name}: {count} invitation names it, whose history would lose "
                "it. Erase its people's personal details instead (Privacy > Erase), or keep "
                "the organisation.",
                "Cannot delete {name}: {count} invitations name it, whose history would lose "
                "it. Erase its people's personal details instead (Privacy > Erase), or keep "
                "the organisation.",
                count,
            ).format(name=organisation.name, count=count),
            "organisation",
        )
    organisation_id, name = organisation.id, organisation.name
    clear_references(
        session,
        (
            Person.organisation_id,
            Question.asked_by_organisation_id,
            MinuteNote.speaker_organisation_id,
            ActionItem.owner_organisation_id,
            FollowUp.organisation_id,
            Roundtable.host_organisation_id,
        ),
        organisation_id,
    )
    session.delete(organisation)
    session.flush()
    record_audit(
        session,
        "delete",
        entity_type="organisation",
        entity_id=organisation_id,
        detail={"name": name},
    )
    session.flush()
