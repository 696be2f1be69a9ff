"""The fields a contacts file can fill, and the column layouts of the tools that
write such files, recognised by their headers.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence

from roundtable.errors import ValidationError
from roundtable.i18n import _


class Field(enum.StrEnum):
    """What a column of a contacts file can be mapped to."""

    IGNORE = "ignore"
    NAME = "name"
    FIRST_NAME = "first_name"
    MIDDLE_NAME = "middle_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    ORGANISATION = "organisation"
    ROLE = "role"
    PHONE = "phone"
    LANGUAGE = "preferred_language"
    NOTES = "notes"


#: The fields' English labels: what ``--map`` accepts besides the field's value, and
#: what the app translates itself. Messages use :func:`field_label`.
FIELD_LABELS: dict[Field, str] = {
    Field.IGNORE: "(not imported)",
    Field.NAME: "Name",
    Field.FIRST_NAME: "First name",
    Field.MIDDLE_NAME: "Middle name",
    Field.LAST_NAME: "Last name",
    Field.EMAIL: "E-mail",
    Field.ORGANISATION: "Organisation",
    Field.ROLE: "Role",
    Field.PHONE: "Phone",
    Field.LANGUAGE: "Preferred language",
    Field.NOTES: "Notes",
}


def field_label(field: Field) -> str:
    """A field's label in the user's language: for a mapping choice, and for the
    fields an update changes."""
    labels = {
        Field.IGNORE: _("(not imported)"),
        Field.NAME: _("Name"),
        Field.FIRST_NAME: _("First name"),
        Field.MIDDLE_NAME: _("Middle name"),
        Field.LAST_NAME: _("Last name"),
        Field.EMAIL: _("E-mail"),
        Field.ORGANISATION: _("Organisation"),
        Field.ROLE: _("Role"),
        Field.PHONE: _("Phone"),
        Field.LANGUAGE: _("Preferred language"),
        Field.NOTES: _("Notes"),
    }
    return labels[Field(field)]


def layout_label(layout: str) -> str:
    """How a layout ("google", "outlook", "vcard", "generic") is described to the user."""
    labels = {
        "google": _("Google Contacts CSV"),
        "outlook": _("Outlook CSV"),
        "generic": "CSV",
        "vcard": "vCard",
    }
    return labels.get(layout, layout)


def _normalise_header(header: str) -> str:
    """ "E-mail 1 - Value" → "e mail 1 value": case, punctuation and spacing do not count."""
    return " ".join(re.sub(r"[^\w@]+", " ", header.lower().replace("\ufeff", "")).split())


def _table(entries: Mapping[Field, Iterable[str]]) -> dict[str, Field]:
    return {_normalise_header(name): target for target, names in entries.items() for name in names}


# Google Contacts, both the long-standing export ("Name, Given Name, …,
# E-mail 1 - Value, …, Organization 1 - Name") and the newer one ("First Name,
# …, Organization Name, …, E-mail 1 - Value"). Numbered columns are added by
# pattern below (a contact with four addresses gets "E-mail 4 - Value").
_GOOGLE = _table(
    {
        Field.NAME: ["Name"],
        Field.FIRST_NAME: ["Given Name", "First Name"],
        Field.MIDDLE_NAME: ["Additional Name", "Middle Name"],
        Field.LAST_NAME: ["Family Name", "Last Name"],
        Field.ORGANISATION: ["Organization 1 - Name", "Organization Name"],
        Field.ROLE: ["Organization 1 - Title", "Organization Title"],
        Field.NOTES: ["Notes"],
        Field.LANGUAGE: ["Language"],
    }
)


_GOOGLE_NUMBERED_ANY = re.compile(r"^(e mail|phone|organization|address|website) \d+ ")


_GOOGLE_NUMBERED = (
    (re.compile(r"^e mail \d+ value$"), Field.EMAIL),
    (re.compile(r"^phone \d+ value$"), Field.PHONE),
)


# Outlook's export has about 90 columns. "Title" there is the salutation (Mr,
# Dr), not the job title, so it is deliberately not mapped.
_OUTLOOK = _table(
    {
        Field.FIRST_NAME: ["First Name"],
        Field.MIDDLE_NAME: ["Middle Name"],
        Field.LAST_NAME: ["Last Name"],
        Field.ORGANISATION: ["Company"],
        Field.ROLE: ["Job Title"],
        Field.EMAIL: ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"],
        Field.PHONE: ["Business Phone", "Mobile Phone", "Primary Phone"],
        Field.LANGUAGE: ["Language"],
        Field.NOTES: ["Notes"],
    }
)


# Anything else: common names in English, Dutch, German and French. A plain
# "Title" stays unmapped (a salutation as often as a job title).
_GENERIC = _table(
    {
        Field.NAME: [
            "Name", "Full name", "Display name", "Contact", "Contact name", "Person",
            "Naam", "Volledige naam", "Nom", "Nom complet", "Vollständiger Name",
        ],
        Field.FIRST_NAME: [
            "First name", "Firstname", "Given name", "Forename", "Voornaam", "Prénom",
            "Vorname",
        ],
        Field.MIDDLE_NAME: ["Middle name", "Additional name", "Tussenvoegsel", "Infix"],
        Field.LAST_NAME: [
            "Last name", "Lastname", "Surname", "Family name", "Achternaam", "Nom de famille",
            "Nachname",
        ],
        Field.EMAIL: [
            "Email", "E-mail", "E-mail address", "Email address", "Mail", "E-mailadres",
            "Emailadres", "Courriel", "Adresse e-mail", "E-Mail-Adresse",
        ],
        Field.ORGANISATION: [
            "Organisation", "Organization", "Organisation name", "Organization name",
            "Company", "Company name", "Employer", "Organisatie", "Bedrijf", "Firma",
            "Entreprise", "Unternehmen",
        ],
        Field.ROLE: [
            "Role", "Job title", "Position", "Function", "Rol", "Functie", "Fonction",
            "Funktion", "Poste",
        ],
        Field.PHONE: [
            "Phone", "Telephone", "Phone number", "Telephone number", "Tel", "Mobile",
            "Mobile phone", "Business phone", "Telefoon", "Telefoonnummer", "Téléphone",
            "Telefon",
        ],
        Field.LANGUAGE: ["Language", "Preferred language", "Lang", "Taal", "Langue", "Sprache"],
        Field.NOTES: [
            "Notes", "Note", "Comments", "Comment", "Remarks", "Opmerkingen", "Notities",
            "Bemerkungen", "Remarques",
        ],
    }
)  # fmt: skip


#: The columns a vCard file is read into, in this order, each with its field.
VCARD_COLUMNS: tuple[tuple[str, Field], ...] = (
    ("Full name (FN)", Field.NAME),
    ("Given name (N)", Field.FIRST_NAME),
    ("Additional names (N)", Field.MIDDLE_NAME),
    ("Family name (N)", Field.LAST_NAME),
    ("E-mail (EMAIL)", Field.EMAIL),
    ("Organisation (ORG)", Field.ORGANISATION),
    ("Title (TITLE)", Field.ROLE),
    ("Role (ROLE)", Field.ROLE),
    ("Phone (TEL)", Field.PHONE),
    ("Language (LANG)", Field.LANGUAGE),
    ("Note (NOTE)", Field.NOTES),
)


_VCARD = dict(VCARD_COLUMNS)


#: The header row of :func:`export_people_csv` (read back by the generic layout).
CSV_EXPORT_HEADERS: tuple[str, ...] = (
    "Name",
    "E-mail",
    "Organisation",
    "Role",
    "Phone",
    "Preferred language",
    "Notes",
)


def guess_mapping(headers: Sequence[str]) -> tuple[str, tuple[Field, ...]]:
    """The layout ("google", "outlook", "vcard" or "generic") and a field for each column.

    Columns nobody would import (addresses, birthdays, Outlook's salutation
    "Title") are :attr:`Field.IGNORE`. When several columns map to one field
    (three e-mail columns), the first non-empty cell of a row is used.
    """
    if headers and all(header in _VCARD for header in headers):
        return "vcard", tuple(_VCARD[header] for header in headers)
    names = [_normalise_header(header) for header in headers]
    present = set(names)
    if {"first name", "last name", "e mail address"} <= present:
        layout, table = "outlook", _OUTLOOK
    elif {"given name", "family name"} <= present or any(map(_GOOGLE_NUMBERED_ANY.match, names)):
        layout, table = "google", _GOOGLE
    else:
        layout, table = "generic", _GENERIC
    mapping: list[Field] = []
    for name in names:
        target = table.get(name, Field.IGNORE)
        if layout == "google" and target is Field.IGNORE:
            for pattern, numbered in _GOOGLE_NUMBERED:
                if pattern.match(name):
                    target = numbered
        mapping.append(target)
    return layout, tuple(mapping)


def parse_field(text: str) -> Field:
    """The field called ``text`` by its value ("email") or its label ("E-mail", or the
    label in the user's language: "Voornaam"), any case."""
    wanted = _normalise_header(text)
    for member in Field:
        names = (member.value, FIELD_LABELS[member], field_label(member))
        if wanted in {_normalise_header(name) for name in names}:
            return member
    if wanted in ("", "none", "skip", "not imported"):
        return Field.IGNORE
    choices = ", ".join(member.value for member in Field)
    raise ValidationError(
        _("{text} is not a field to import into; use one of {choices}.").format(
            text=repr(text), choices=choices
        )
    )
