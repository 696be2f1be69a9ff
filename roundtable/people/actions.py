"""The actions on people and organisations: create, edit, delete, and merging two people.

Each factory names its records by id and returns an :class:`~roundtable.actions.Action`
that the app runs through its store and the command line through
:func:`roundtable.actions.perform`; undo and redo come from the change set. A
merge cannot be undone: it moves too much history, and the app forgets its undo
history after it.

Labels name the record as the user sees it ("Edit “Jan de Vries”"): the name
given to an edit, else ``called``, what the caller shows the record as.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.editing import get_or_fail
from roundtable.enums import LawfulBasis, OrganisationKind
from roundtable.errors import NotFoundError, ValidationError
from roundtable.i18n import _
from roundtable.people import merging, organisations, persons
from roundtable.people.merging import MergePlan
from roundtable.storage.models import Organisation, Person

#: The fields :func:`edit_person` changes (``organisation_id`` for the organisation).
PERSON_FIELDS = frozenset(
    {
        "name",
        "email",
        "organisation_id",
        "role",
        "phone",
        "preferred_language",
        "lawful_basis",
        "consent_note",
        "notes",
    }
)
#: The fields :func:`edit_organisation` changes.
ORGANISATION_FIELDS = frozenset({"name", "kind", "website", "email", "notes", "is_own"})


def _shown_name(changes: dict[str, Any], called: str) -> str:
    return str(changes.get("name") or called).strip()


def _organisation_or_none(session: Session, organisation_id: int | None) -> Organisation | None:
    """The person's organisation; one deleted meanwhile is refused by the organisation field."""
    if organisation_id is None:
        return None
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise ValidationError(_("The organisation was deleted meanwhile."), "organisation")
    return organisation


# --------------------------------------------------------------------------- people


@action("people")
def create_person(
    name: str,
    *,
    email: str = "",
    organisation_id: int | None = None,
    role: str = "",
    phone: str = "",
    preferred_language: str = "",
    notes: str = "",
    lawful_basis: LawfulBasis | str = LawfulBasis.UNKNOWN,
    consent_note: str = "",
) -> Action[int]:
    """Add a person; their id. An address someone else has is refused by the e-mail field."""

    def run(session: Session) -> int:
        person = persons.create_person(
            session,
            name,
            email=email,
            organisation=_organisation_or_none(session, organisation_id),
            role=role,
            phone=phone,
            preferred_language=preferred_language,
            notes=notes,
            lawful_basis=lawful_basis,
            consent_note=consent_note,
        )
        return int(person.id)

    return Action(_("New person “{name}”").format(name=name.strip()), run)


@action("people", "invitations")
def edit_person(person_id: int, *, called: str = "", **changes: Any) -> Action[None]:
    """Change a person's fields (see :data:`PERSON_FIELDS`); invitations show their name."""
    unknown = set(changes) - PERSON_FIELDS
    if unknown:
        raise ValueError(f"a person has no field {', '.join(sorted(unknown))}")

    def run(session: Session) -> None:
        values = dict(changes)
        if "organisation_id" in values:
            values["organisation"] = _organisation_or_none(session, values.pop("organisation_id"))
        persons.update_person(session, get_or_fail(session, Person, person_id), **values)

    shown = _shown_name(changes, called)
    label = _("Edit “{name}”").format(name=shown) if shown else _("Edit person")
    return Action(label, run)


#: What deleting a person touches: the person, and the records that named them keep
#: their content without the name.
_PERSON_NAMED_BY = ("people", "questions", "minutes", "action_items", "roundtables")


@action(*_PERSON_NAMED_BY)
def delete_person(person_id: int, *, called: str = "") -> Action[None]:
    """Delete a person who was never invited (the core refuses one who was); what named them stays."""

    def run(session: Session) -> None:
        persons.delete_person(session, get_or_fail(session, Person, person_id))

    label = _("Delete “{name}”").format(name=called.strip()) if called else _("Delete person")
    return Action(label, run)


@action(
    "people",
    "invitations",
    "questions",
    "minutes",
    "action_items",
    "roundtables",
    undoable=False,
    forgets_history=True,
)
def merge_people(keep_id: int, other_id: int) -> Action[MergePlan]:
    """Merge ``other_id`` into ``keep_id`` and delete them; the plan carried out. Final."""

    def run(session: Session) -> MergePlan:
        keep, other = session.get(Person, keep_id), session.get(Person, other_id)
        if keep is None or other is None:
            raise NotFoundError(_("One of the two people was deleted meanwhile."))
        return merging.merge_people(session, keep, other)

    return Action(_("Merge people"), run)


# --------------------------------------------------------------------------- organisations


@action("organisations")
def create_organisation(
    name: str,
    *,
    kind: OrganisationKind | str = OrganisationKind.OTHER,
    website: str = "",
    email: str = "",
    notes: str = "",
    is_own: bool = False,
) -> Action[int]:
    """Add an organisation; its id. ``is_own`` takes the "ours" mark from the one that had it."""

    def run(session: Session) -> int:
        organisation = organisations.create_organisation(
            session,
            name,
            kind=kind,
            website=website,
            email=email,
            notes=notes,
            is_own=is_own,
        )
        return int(organisation.id)

    return Action(_("New organisation “{name}”").format(name=name.strip()), run)


@action("organisations", "people")
def edit_organisation(organisation_id: int, *, called: str = "", **changes: Any) -> Action[None]:
    """Change an organisation's fields (see :data:`ORGANISATION_FIELDS`); people show its name."""
    unknown = set(changes) - ORGANISATION_FIELDS
    if unknown:
        raise ValueError(f"an organisation has no field {', '.join(sorted(unknown))}")

    def run(session: Session) -> None:
        organisation = get_or_fail(session, Organisation, organisation_id)
        organisations.update_organisation(session, organisation, **changes)

    shown = _shown_name(changes, called)
    label = _("Edit organisation “{name}”").format(name=shown) if shown else _("Edit organisation")
    return Action(label, run)


@action(
    "organisations", "people", "questions", "minutes", "action_items", "follow_ups", "roundtables"
)
def delete_organisation(organisation_id: int, *, called: str = "") -> Action[None]:
    """Delete an organisation no invitation names; its people (and records that named it) stay."""

    def run(session: Session) -> None:
        organisation = get_or_fail(session, Organisation, organisation_id)
        organisations.delete_organisation(session, organisation)

    label = _("Delete “{name}”").format(name=called.strip()) if called else _("Delete organisation")
    return Action(label, run)
