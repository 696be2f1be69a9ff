"""Contacts: people and organisations in and out as CSV and vCard.

Import happens in three steps, so that nothing is written before the user has
seen what will happen:

1. :func:`read_contacts_file` (or :func:`read_contacts_bytes`) reads a CSV file
   (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16 with BOM, or
   Windows-1252) or a vCard file (2.1, 3.0 or 4.0; one or many cards) into a
   :class:`SourceTable`: the columns, the rows as text, and a guessed mapping of
   columns to :class:`Field` values. The column layouts of Google Contacts (old
   and new) and Outlook exports are recognised; any other CSV is mapped by the
   user. A file that cannot be read raises :class:`ContactsError` naming the
   file and the problem.
2. :func:`plan_import` compares the rows with the database and returns an
   :class:`ImportPlan`: per row, whether it will be added, update an existing
   person, be skipped as a duplicate, or be rejected, with the reason. It only
   reads.
3. :func:`apply_import` writes the plan in the caller's transaction, checking
   each row again, and records one audit row. Any failure raises, so the
   caller's transaction rolls back and the import is all or nothing.

Duplicates are found by e-mail address (in any letter case): the same address
is the same person. A row without an address is a duplicate when someone in
the database or earlier in the file has the same name in the same organisation.

Export (:func:`export_people_csv`, :func:`export_people_vcard`) writes people
as a CSV that is safe to open in a spreadsheet and as vCard 3.0; both read back
in through the import unchanged. Audit rows of imports and exports hold counts
and file names, never names or addresses: erasing a person must leave no trace
of them in the audit log.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.contacts.layouts import Field, field_label
from roundtable.contacts.source import SourceRow, SourceTable
from roundtable.errors import ValidationError
from roundtable.i18n import _
from roundtable.people import organisations, persons
from roundtable.storage.models import Organisation, Person
from roundtable.text import join_words
from roundtable.validation import validate_email


class RowAction(enum.StrEnum):
    ADD = "add"
    UPDATE = "update"
    SKIP = "skip"
    REJECT = "reject"


@dataclass(frozen=True)
class PlannedRow:
    """What the import will do with one row of the file."""

    line: int
    action: RowAction
    name: str
    email: str
    organisation: str
    #: Why the row is skipped or rejected, or what an update changes.
    reason: str
    #: The existing person an UPDATE or SKIP refers to (when there is one).
    person_id: int | None
    #: (field label, old, new) for each change of an UPDATE; the label is in the
    #: language of the preview.
    changes: tuple[tuple[str, str, str], ...]
    #: The cleaned values that will be written: every field for ADD, the changed
    #: fields for UPDATE, the row's values for SKIP, nothing for REJECT. Keys:
    #: name, email, organisation, role, phone, preferred_language, notes.
    values: Mapping[str, str]
    #: The keys of the person fields an UPDATE changes, one for each of :attr:`changes`.
    changed_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    """The preview of an import: nothing of it is written until :func:`apply_import`."""

    source: SourceTable
    mapping: tuple[Field, ...]
    rows: tuple[PlannedRow, ...]
    #: Organisations that the added and updated rows need and that do not exist yet.
    new_organisations: tuple[str, ...]
    #: Problems with the mapping as a whole ("no column is mapped to a name").
    warnings: tuple[str, ...] = ()

    def count(self, action: RowAction) -> int:
        """How many rows will get ``action``."""
        return sum(1 for row in self.rows if row.action is action)

    @property
    def writes_anything(self) -> bool:
        """Whether applying the plan adds or changes any person."""
        return any(row.action in (RowAction.ADD, RowAction.UPDATE) for row in self.rows)


def summary_line(plan: ImportPlan) -> str:
    """``12 to add, 3 to update, 2 skipped as duplicates, 1 rejected``."""
    return _(
        "{add} to add, {update} to update, {skip} skipped as duplicates, {reject} rejected"
    ).format(
        add=plan.count(RowAction.ADD),
        update=plan.count(RowAction.UPDATE),
        skip=plan.count(RowAction.SKIP),
        reject=plan.count(RowAction.REJECT),
    )


# The person fields an import writes, in the order updates list them.
_PERSON_FIELDS: tuple[tuple[str, Field], ...] = (
    ("name", Field.NAME),
    ("organisation", Field.ORGANISATION),
    ("role", Field.ROLE),
    ("phone", Field.PHONE),
    ("preferred_language", Field.LANGUAGE),
    ("notes", Field.NOTES),
)


# Spreadsheet users type language names; the database keeps BCP 47 codes.
_LANGUAGE_NAMES = {
    name: code
    for code, names in {
        "en": ("english", "engels", "englisch", "anglais"),
        "nl": ("dutch", "nederlands", "néerlandais", "niederländisch", "flemish", "vlaams"),
        "de": ("german", "deutsch", "duits", "allemand"),
        "fr": ("french", "français", "francais", "frans", "französisch"),
        "es": ("spanish", "español", "espanol", "spaans", "spanisch", "espagnol"),
        "it": ("italian", "italiano", "italiaans", "italienisch", "italien"),
        "pt": ("portuguese", "português", "portugues", "portugees"),
        "pl": ("polish", "polski", "pools", "polnisch", "polonais"),
        "da": ("danish", "dansk", "deens"),
        "sv": ("swedish", "svenska", "zweeds"),
    }.items()
    for name in names
}


# The apostrophe export puts before = + - @ (see _neutralise) is taken off again.
_NEUTRALISED = re.compile(r"^'[=+\-@\t\r]")


_ANGLE_ADDRESS = re.compile(r"^[^<>]*<([^<>]+)>\s*$")


@dataclass
class _Existing:
    """A person already in the database, as far as planning needs them."""

    id: int
    name: str
    email: str
    organisation: str
    organisation_id: int | None
    role: str
    phone: str
    preferred_language: str
    notes: str
    erased: bool

    def value(self, key: str) -> str:
        return str(getattr(self, key))


def _name_key(name: str, organisation: str) -> tuple[str, str]:
    return " ".join(name.casefold().split()), " ".join(organisation.casefold().split())


def _cell_values(
    source: SourceTable, cells: Sequence[str], mapping: Sequence[Field]
) -> dict[Field, str]:
    values: dict[Field, str] = {}
    for cell, target in zip(cells, mapping, strict=False):  # a short row has fewer cells
        if target is Field.IGNORE or target in values:
            continue
        text = cell.strip()
        if source.kind == "csv" and _NEUTRALISED.match(text):
            text = text[1:].strip()
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac lines
        if target is Field.EMAIL:
            # Google puts several addresses in one cell: "a@x.org ::: b@y.org".
            text = text.split(":::")[0].strip()
            angle = _ANGLE_ADDRESS.match(text)
            if angle:
                text = angle.group(1).strip()  # "Jan de Vries <jan@example.org>"
        if target is Field.LANGUAGE:
            text = _LANGUAGE_NAMES.get(text.casefold(), text)
        if text:
            values[target] = text
    return values


class _Planner:
    """Plans rows one by one, remembering what earlier rows of the file hold."""

    def __init__(self, session: Session, source: SourceTable, mapping: tuple[Field, ...]) -> None:
        self.session = session
        self.source = source
        self.mapping = mapping
        # The cleaners of records.create_person, so an import accepts exactly what
        # the person dialog accepts (the e-mail's uniqueness is checked here,
        # against everyone at once, instead of one query per row).
        self.cleaners = persons._person_cleaners(session, None)
        self.organisation_name = organisations._organisation_cleaners(session, None)["name"]
        self.organisations: dict[str, tuple[int | None, str]] = {
            name.casefold(): (org_id, name)
            for org_id, name in session.execute(
                select(Organisation.id, Organisation.name).order_by(Organisation.id.desc())
            )
        }
        self.by_email: dict[str, _Existing] = {}
        self.by_name: dict[tuple[str, str], _Existing] = {}
        rows = session.execute(
            select(
                Person.id,
                Person.name,
                Person.email,
                Organisation.name,
                Person.organisation_id,
                Person.role,
                Person.phone,
                Person.preferred_language,
                Person.notes,
                Person.erased_at,
            )
            .outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .order_by(Person.id.desc())  # the oldest wins where keys collide
        )
        for row in rows:
            existing = _Existing(
                id=row[0],
                name=row[1] or "",
                email=row[2] or "",
                organisation=row[3] or "",
                organisation_id=row[4],
                role=row[5] or "",
                phone=row[6] or "",
                preferred_language=row[7] or "",
                notes=row[8] or "",
                erased=row[9] is not None,
            )
            if existing.email:
                self.by_email[existing.email.lower()] = existing
            self.by_name[_name_key(existing.name, existing.organisation)] = existing
        self.file_emails: dict[str, int] = {}
        self.file_names: dict[tuple[str, str], int] = {}
        self.new_organisations: dict[str, str] = {}  # casefold → spelling first seen
        self.checked_organisations: dict[str, str] = {}  # casefold → "" or the problem

    def plan(self, row: SourceRow) -> PlannedRow:
        values = _cell_values(self.source, row.cells, self.mapping)
        name = " ".join(values.get(Field.NAME, "").split()) or " ".join(
            " ".join(values.get(part, "") for part in (
                Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME
            )).split()
        )  # fmt: skip
        raw_email = values.get(Field.EMAIL, "")
        raw_organisation = " ".join(values.get(Field.ORGANISATION, "").split())

        def reject(reason: str) -> PlannedRow:
            return PlannedRow(
                line=row.line,
                action=RowAction.REJECT,
                name=name,
                email=raw_email,
                organisation=raw_organisation,
                reason=reason,
                person_id=None,
                changes=(),
                values=MappingProxyType({}),
            )

        if row.problem:
            return reject(row.problem)
        if not name:
            return reject(_("no name"))
        try:
            email = validate_email(raw_email) or ""
            cleaned = {
                "name": self.cleaners["name"](name),
                "email": email,
                "role": self.cleaners["role"](values.get(Field.ROLE, "")),
                "phone": self.cleaners["phone"](values.get(Field.PHONE, "")),
                "preferred_language": self.cleaners["preferred_language"](
                    values.get(Field.LANGUAGE, "")
                ),
                "notes": self.cleaners["notes"](values.get(Field.NOTES, "")),
                "organisation": self._organisation(raw_organisation),
            }
        except ValidationError as exc:
            return reject(exc.message)
        return self._decide(row.line, cleaned)

    def _organisation(self, text: str) -> str:
        """The organisation's name as it will be stored; checks a new one like the dialog does."""
        if not text:
            return ""
        key = text.casefold()
        known = self.organisations.get(key)
        if known is not None:
            return known[1]
        if key in self.new_organisations:
            return self.new_organisations[key]
        problem = self.checked_organisations.get(key)
        if problem is None:
            try:
                self.organisation_name(text)
                problem = ""
            except ValidationError as exc:
                problem = exc.message
            self.checked_organisations[key] = problem
        if problem:
            raise ValidationError(problem, "organisation")
        return text

    def _decide(self, line: int, cleaned: dict[str, str]) -> PlannedRow:
        email, name, organisation = cleaned["email"], cleaned["name"], cleaned["organisation"]
        name_key = _name_key(name, organisation)

        def planned(
            action: RowAction,
            reason: str = "",
            person: _Existing | None = None,
            changes: tuple[tuple[str, str, str], ...] = (),
            values: Mapping[str, str] | None = None,
        ) -> PlannedRow:
            # An update's values are the fields it changes, in the order of its changes.
            if action in (RowAction.ADD, RowAction.UPDATE):
                if email:
                    self.file_emails.setdefault(email.lower(), line)
                self.file_names.setdefault(name_key, line)
                if organisation and organisation.casefold() not in self.organisations:
                    self.new_organisations.setdefault(organisation.casefold(), organisation)
            elif action is RowAction.SKIP and email:
                self.file_emails.setdefault(email.lower(), line)
            return PlannedRow(
                line=line,
                action=action,
                name=name,
                email=email,
                organisation=organisation,
                reason=reason,
                person_id=person.id if person is not None else None,
                changes=changes,
                values=MappingProxyType(dict(cleaned if values is None else values)),
                changed_fields=tuple(values) if changes and values is not None else (),
            )

        if email:
            earlier = self.file_emails.get(email.lower())
            if earlier is not None:
                return planned(RowAction.SKIP, _("same e-mail as line {line}").format(line=earlier))
            existing = self.by_email.get(email.lower())
            if existing is not None:
                if existing.erased:
                    return planned(
                        RowAction.SKIP,
                        _(
                            "matches a person whose details were erased; erased people are "
                            "never changed"
                        ),
                        existing,
                    )
                changed = self._changes(existing, cleaned)
                if not changed:
                    return planned(RowAction.SKIP, _("already in the database"), existing)
                changes = tuple(change for _key, change in changed)
                labels = [label.lower() for label, _old, _new in changes]
                return planned(
                    RowAction.UPDATE,
                    _("updates {fields}").format(fields=join_words(labels)),
                    existing,
                    changes,
                    {key: cleaned[key] for key, _change in changed},
                )
        else:
            earlier = self.file_names.get(name_key)
            if earlier is not None:
                return planned(
                    RowAction.SKIP,
                    _("no e-mail, and the same name and organisation as line {line}").format(
                        line=earlier
                    ),
                )
            existing = self.by_name.get(name_key)
            if existing is not None:
                reason = _(
                    "no e-mail, and the same name and organisation as a person already "
                    "in the database"
                )
                if existing.erased:
                    reason = _("matches a person whose details were erased")
                return planned(RowAction.SKIP, reason, existing)
        return planned(RowAction.ADD)

    def _changes(
        self, existing: _Existing, cleaned: Mapping[str, str]
    ) -> list[tuple[str, tuple[str, str, str]]]:
        """(field key, (label, old, new)) for each field the row changes, in field order."""
        # Empty cells never clear anything: only a value that differs is a change.
        changes = []
        for key, target in _PERSON_FIELDS:
            new, old = cleaned[key], existing.value(key)
            if not new:
                continue
            if key == "organisation" and old.casefold() == new.casefold():
                continue
            if new != old:
                changes.append((key, (field_label(target), old, new)))
        return changes


def plan_import(
    session: Session, source: SourceTable, mapping: Sequence[Field] | None = None
) -> ImportPlan:
    """What importing ``source`` with ``mapping`` (default: the guessed one) would do.

    Reads only; never writes. Per row, in this order:

    * a ragged row is rejected naming the problem; a row without a name (after
      joining first, middle and last name) is rejected as "no name"; an invalid
      e-mail address, or any value the person dialog would refuse, is rejected
      naming it;
    * the same e-mail address (any case) as an earlier row of the file: skipped,
      "same e-mail as line N";
    * the same address as a person in the database: an update when the row
      brings a non-empty value that differs (empty cells never clear anything),
      else skipped as "already in the database"; an erased person is never
      touched (skipped, saying so);
    * no address, and the same name in the same organisation as someone in the
      database or earlier in the file: skipped as a duplicate;
    * anything else is added.

    An organisation that does not exist yet (compared in any letter case) is
    listed once in :attr:`ImportPlan.new_organisations`, spelled as its first
    row spells it.
    """
    chosen = tuple(source.mapping if mapping is None else (Field(m) for m in mapping))
    if len(chosen) != len(source.headers):
        raise ValueError(f"the mapping has {len(chosen)} fields for {len(source.headers)} columns")
    warnings = []
    names = {Field.NAME, Field.FIRST_NAME, Field.MIDDLE_NAME, Field.LAST_NAME}
    if not names & set(chosen):
        warnings.append(
            _(
                "No column is mapped to a name (Name, or First, Middle and Last name), so "
                "every row is rejected. Choose the column that holds the names."
            )
        )
    planner = _Planner(session, source, chosen)
    rows = tuple(planner.plan(row) for row in source.rows)
    return ImportPlan(
        source=source,
        mapping=chosen,
        rows=rows,
        new_organisations=tuple(planner.new_organisations.values()),
        warnings=tuple(warnings),
    )
