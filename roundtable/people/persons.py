"""People: created, edited, found by e-mail address or id, and deleted.

An e-mail address belongs to one person only, in any letter case.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import MANYTOONE, Session

from roundtable.editing import (
    Cleaners,
    apply_values,
    check_fields,
    clean_language,
    clean_values,
    clear_references,
    day_label,
    enum_value,
    instance_or_none,
    limit_of,
    split_ref,
)
from roundtable.enums import LawfulBasis
from roundtable.errors import NotFoundError, ValidationError
from roundtable.i18n import _, ngettext
from roundtable.storage.audit import record_audit
from roundtable.storage.models import (
    Base,
    Invitation,
    Organisation,
    Person,
)
from roundtable.validation import (
    optional_text,
    require_text,
    validate_email,
)


def person_references() -> tuple[tuple[Any, str], ...]:
    """Every column that names a person, with the relationship it backs, from the schema.

    ``(Invitation.person_id, "person")``, ``(Question.asked_by_person_id,
    "asked_by_person")``, …, invitations first. The one list of where a person is
    named: deleting a person clears the others, merging two moves them all, so
    a column added to the schema later is handled without a second list.
    """
    found: list[tuple[Any, str]] = []
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__name__):
        for relationship in mapper.relationships:
            if relationship.mapper.class_ is Person and relationship.direction is MANYTOONE:
                (column,) = relationship.local_columns
                found.append((getattr(mapper.class_, str(column.key)), relationship.key))
    found.sort(key=lambda pair: (pair[0].class_ is not Invitation, pair[0].class_.__name__))
    return tuple(found)


def _unique_email(session: Session, email: str | None, current: Person | None) -> str | None:
    if email is None:
        return None
    # Same expression as the unique index uq_person_email_lower, so this check
    # and the database agree on what counts as the same address.
    stmt = select(Person).where(func.lower(Person.email) == func.lower(email))
    for existing in session.scalars(stmt):
        if existing is not current:
            raise ValidationError(
                _("The e-mail address {email} is already used by {name}.").format(
                    email=email, name=existing.name
                ),
                "email",
            )
    return email


def _person_cleaners(session: Session, current: Person | None) -> Cleaners:
    return {
        "name": lambda v: require_text(v, "name", _("The name"), limit_of(Person.name)),
        "email": lambda v: _unique_email(session, validate_email(v, "email"), current),
        "organisation": lambda v: instance_or_none(v, Organisation, "organisation"),
        "role": lambda v: optional_text(v, "role", _("The role"), limit_of(Person.role)),
        "phone": lambda v: optional_text(v, "phone", _("The phone number"), limit_of(Person.phone)),
        "preferred_language": lambda v: clean_language(
            v, "preferred_language", limit_of(Person.preferred_language), required=False
        ),
        "notes": lambda v: optional_text(v, "notes", _("The notes"), limit_of(Person.notes)),
        "lawful_basis": lambda v: enum_value(LawfulBasis, v, "lawful_basis", _("lawful basis")),
        "consent_note": lambda v: optional_text(
            v, "consent_note", _("The consent note"), limit_of(Person.consent_note)
        ),
    }


def create_person(
    session: Session,
    name: str,
    *,
    email: str | None = None,
    organisation: Organisation | None = None,
    role: str = "",
    phone: str = "",
    preferred_language: str = "",
    notes: str = "",
    lawful_basis: LawfulBasis | str = LawfulBasis.UNKNOWN,
    consent_note: str = "",
) -> Person:
    """Add a person; an e-mail address already used by someone else (any case) is refused."""
    cleaned = clean_values(
        _person_cleaners(session, None),
        {
            "name": name,
            "email": email,
            "organisation": organisation,
            "role": role,
            "phone": phone,
            "preferred_language": preferred_language,
            "notes": notes,
            "lawful_basis": lawful_basis,
            "consent_note": consent_note,
        },
        "create_person()",
    )
    person = Person(**cleaned)
    session.add(person)
    session.flush()
    return person


def update_person(session: Session, person: Person, **changes: Any) -> Person:
    """Change the given fields: name, email, organisation, role, phone,
    preferred_language, notes, lawful_basis, consent_note.

    An erased person cannot be edited. Raises :class:`ValueError` for any other
    field name and :class:`ValidationError` for an unacceptable value, changing nothing.
    """
    cleaners = _person_cleaners(session, person)
    check_fields(cleaners, changes, "update_person()")
    if person.erased_at is not None:
        raise ValidationError(
            _("Person #{id} was erased on {day} and can no longer be edited.").format(
                id=person.id, day=day_label(person.erased_at)
            )
        )
    cleaned = clean_values(cleaners, changes, "update_person()")
    apply_values(person, cleaned)
    session.flush()
    return person


def find_person_by_email(session: Session, email: str | None) -> Person | None:
    """The person with this e-mail address in any letter case, or ``None``."""
    text = (email or "").strip()
    # Calendar replies name attendees as "mailto:…".
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :].strip()
    if not text:
        return None
    return session.scalars(
        select(Person)
        .where(func.lower(Person.email) == func.lower(text))
        .order_by(Person.id)
        .limit(1)
    ).first()


def get_person(session: Session, ref: int | str) -> Person:
    """The person with id ``ref``, or with e-mail address ``ref`` (any letter case)."""
    number, text = split_ref(ref)
    if number is not None:
        found = session.get(Person, number)
        if found is not None:
            return found
    if isinstance(ref, str):
        by_email = find_person_by_email(session, text)
        if by_email is not None:
            return by_email
    raise NotFoundError(_("No person with id or e-mail address '{text}'.").format(text=text))


def delete_person(session: Session, person: Person) -> None:
    """Delete a person who was never invited; writes an audit row.

    A person on any invitation is refused: the invitation histories would
    lose who they were about. Erasure (anonymising the person but keeping the
    counts) is the way to remove such a person's details.
    """
    count = session.scalar(
        select(func.count()).select_from(Invitation).where(Invitation.person_id == person.id)
    )
    if count:
        raise ValidationError(
            ngettext(
                "Cannot delete {name}: they are on {count} invitation, whose history would "
                "lose them. Erase their personal details instead (Privacy > Erase, or "
                "'roundtable privacy erase').",
                "Cannot delete {name}: they are on {count} invitations, whose history would "
                "lose them. Erase their personal details instead (Privacy > Erase, or "
                "'roundtable privacy erase').",
                count,
            ).format(name=person.name, count=count),
            "person",
        )
    person_id = person.id
    # Invitations refused above; every other reference is cleared.
    clear_references(
        session,
        [column for column, _ in person_references() if column.class_ is not Invitation],
        person_id,
    )
    session.delete(person)
    session.flush()
    # The id only: the audit log outlives the person, and must not keep their name.
    record_audit(session, "delete", entity_type="person", entity_id=person_id)
    session.flush()
