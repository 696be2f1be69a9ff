"""Writing an import plan: all rows or none, each checked again, one audit row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import editing
from roundtable.contacts.layouts import field_label
from roundtable.contacts.planning import _PERSON_FIELDS, ImportPlan, PlannedRow, RowAction
from roundtable.errors import ImportOutdatedError, ValidationError
from roundtable.i18n import _
from roundtable.people import organisations as people_organisations
from roundtable.people import persons
from roundtable.storage.audit import record_audit
from roundtable.storage.models import Organisation, Person
from roundtable.validation import validate_email

#: The audit actions of this module.
IMPORT_AUDIT = "contacts.import"


@dataclass(frozen=True)
class ImportResult:
    """What :func:`apply_import` wrote: the ids of the people added and updated, and of
    the organisations added. (Undo needs nothing of it: the change set holds every row.)"""

    added: tuple[int, ...]
    updated: tuple[int, ...]
    organisations_added: tuple[int, ...]


def apply_import(session: Session, plan: ImportPlan) -> ImportResult:
    """Write the added and updated rows of ``plan`` in the caller's transaction.

    Each row is checked again, because the database may have changed since the
    plan was made: an added person's e-mail address taken meanwhile, or an
    updated person changed, erased or deleted meanwhile, raises
    :class:`ImportOutdatedError` naming the line. Any failure raises, and the
    caller's transaction rolls back: all of the import or none of it. Records
    one ``contacts.import`` audit row with the file's name, the layout and the
    counts (never names or addresses).
    """
    organisations: dict[str, Organisation] = {}
    organisations_added: list[int] = []
    for name in plan.new_organisations:
        organisation = people_organisations.find_organisation_by_name(session, name)
        if organisation is None:
            organisation = people_organisations.create_organisation(session, name)
            organisations_added.append(organisation.id)
        organisations[name.casefold()] = organisation

    def organisation_of(name: str) -> Organisation | None:
        if not name:
            return None
        key = name.casefold()
        if key not in organisations:
            found = people_organisations.find_organisation_by_name(session, name)
            if found is None:  # deleted since the plan: bring it back rather than drop it
                found = people_organisations.create_organisation(session, name)
                organisations_added.append(found.id)
            organisations[key] = found
        return organisations[key]

    added = _add_people(session, plan, organisation_of)
    updated: list[int] = []
    for row in plan.rows:
        if row.action is not RowAction.UPDATE:
            continue
        person = _updatable(session, row)
        changes: dict[str, Any] = {
            key: value for key, value in row.values.items() if key != "organisation"
        }
        if "organisation" in row.values:
            changes["organisation"] = organisation_of(row.values["organisation"])
        try:
            persons.update_person(session, person, **changes)
        except ValidationError as exc:
            raise ImportOutdatedError(
                _(
                    "Nothing was imported: line {line} ({name}) can no longer be updated: {reason}"
                ).format(line=row.line, name=row.name, reason=exc.message)
            ) from None
        updated.append(person.id)
    source = plan.source
    record_audit(
        session,
        IMPORT_AUDIT,
        entity_type="person",
        detail={
            "file": source.name or (source.path.name if source.path else ""),
            "format": source.kind,
            "layout": source.layout,
            "rows": len(plan.rows),
            "added": len(added),
            "updated": len(updated),
            "skipped": plan.count(RowAction.SKIP),
            "rejected": plan.count(RowAction.REJECT),
            "organisations_added": len(organisations_added),
        },
    )
    session.flush()
    return ImportResult(
        added=tuple(added),
        updated=tuple(updated),
        organisations_added=tuple(organisations_added),
    )


#: People are added (and their addresses checked) this many at a time.
_BATCH = 500


def _add_people(
    session: Session, plan: ImportPlan, organisation_of: Callable[[str], Organisation | None]
) -> list[int]:
    """Add the ADD rows in batches; the ids of the new people in the file's order.

    Adding a file of 20,000 people one :func:`records.create_person` at a time
    takes a query and a flush each (about a minute); here the values go through
    the same cleaners, the addresses are checked against the database 500 at a
    time, and each batch is flushed at once. The unique index on ``lower(email)``
    stays the last guard.
    """
    rows = [row for row in plan.rows if row.action is RowAction.ADD]
    cleaners = persons._person_cleaners(session, None)
    added: list[int] = []
    for start in range(0, len(rows), _BATCH):
        batch = rows[start : start + _BATCH]
        _check_addresses_free(session, batch)
        people = []
        for row in batch:
            # The organisation first: looking it up may flush, and a person not yet
            # in the session must not be half-attached to it by then.
            organisation = organisation_of(row.values.get("organisation", ""))
            person = _new_person(cleaners, row, organisation)
            session.add(person)
            people.append(person)
        session.flush()
        added.extend(person.id for person in people)
    return added


def _check_addresses_free(session: Session, rows: Sequence[PlannedRow]) -> None:
    wanted = {row.values["email"].lower(): row for row in rows if row.values.get("email")}
    if not wanted:
        return
    taken = session.scalars(
        select(func.lower(Person.email)).where(func.lower(Person.email).in_(list(wanted)))
    ).all()
    if taken:
        row = min((wanted[address] for address in taken), key=lambda r: r.line)
        raise ImportOutdatedError(
            _(
                "Nothing was imported: line {line} would add {name}, but {email} now "
                "belongs to someone added since the preview. Preview the import again."
            ).format(line=row.line, name=row.name, email=row.email)
        )


def _new_person(
    cleaners: editing.Cleaners, row: PlannedRow, organisation: Organisation | None
) -> Person:
    """A new person from an ADD row, its values checked as create_person checks them."""
    values = row.values
    try:
        cleaned = {
            key: cleaners[key](values.get(key, ""))
            for key in ("name", "role", "phone", "preferred_language", "notes")
        }
        cleaned["email"] = validate_email(values.get("email"))
    except ValidationError as exc:
        raise ImportOutdatedError(
            _("Nothing was imported: line {line} ({name}) cannot be added: {reason}").format(
                line=row.line, name=row.name, reason=exc.message
            )
        ) from None
    return Person(organisation=organisation, **cleaned)


def _updatable(session: Session, row: PlannedRow) -> Person:
    """The person an UPDATE row names, as the plan saw them, or an error."""
    person = session.get(Person, row.person_id) if row.person_id is not None else None
    if person is None:
        raise ImportOutdatedError(
            _(
                "Nothing was imported: line {line} would update {name}, who was deleted "
                "since the preview."
            ).format(line=row.line, name=row.name)
        )
    if person.erased_at is not None:
        raise ImportOutdatedError(
            _(
                "Nothing was imported: line {line} would update {name}, whose details were "
                "erased since the preview."
            ).format(line=row.line, name=row.name)
        )
    targets = dict(_PERSON_FIELDS)
    for key, (_label, old, _new) in zip(row.changed_fields, row.changes, strict=True):
        if key == "organisation":
            current = person.organisation.name if person.organisation is not None else ""
        else:
            current = str(getattr(person, key) or "")
        if current != old:
            raise ImportOutdatedError(
                _(
                    "Nothing was imported: line {line} would update {name}, whose {field} "
                    "was changed since the preview. Preview the import again."
                ).format(line=row.line, name=row.name, field=field_label(targets[key]).lower())
            )
    return person
