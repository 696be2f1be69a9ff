"""The shared mechanics of editing a record.

Values are cleaned field by field, every one checked before anything changes, so a
:class:`~roundtable.errors.ValidationError` leaves the session as it was; cleaned
values are applied without touching unchanged columns (which would bump a row's
version); positions of questions, agenda items, notes, sections and references count
from 0 within their parent, ``position=None`` appends and a given position inserts
there and renumbers the siblings 0..n-1.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from roundtable import i18n
from roundtable.errors import NotFoundError, ValidationError
from roundtable.i18n import _
from roundtable.text import format_day
from roundtable.validation import (
    validate_language,
    validate_url,
)

#: The longest text a field without a declared length takes (notes, minutes, statements):
#: a limit of the app, not of the database, so that a paste of a whole book is refused.
LONG_TEXT_MAX = 100_000


def limit_of(column: Any) -> int:
    """The longest value ``column`` (``Person.name``) takes, read from the schema.

    Its declared length (``String(200)``), so PostgreSQL never refuses what
    SQLite would silently accept; for text without one, the column's
    ``info["max_length"]`` (a reason, a venue), else :data:`LONG_TEXT_MAX`.
    """
    table_column = getattr(column, "expression", column)
    length = getattr(getattr(table_column, "type", None), "length", None)
    if length:
        return int(length)
    declared = getattr(table_column, "info", {}).get("max_length")
    return int(declared) if declared else LONG_TEXT_MAX


E = TypeVar("E", bound=enum.Enum)


T = TypeVar("T")


class Positioned(Protocol):
    position: int


P = TypeVar("P", bound=Positioned)


Cleaners = Mapping[str, Callable[[Any], Any]]


def day_label(value: date | datetime) -> str:
    """A date the way messages show it: 3 Sep 2023 (in the language messages are in)."""
    return format_day(value, language=i18n.language())


def enum_value(enum_cls: type[E], value: Any, field: str, label: str) -> E:
    """The member of ``enum_cls`` given as a member or its value (any letter case).

    ``label`` names the kind in the refusal ("question status"): pass it through
    ``_()`` so that it is in the language the refusal is in.
    """
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(str(member.value) for member in enum_cls)
        raise ValidationError(
            _("{value} is not a {label}; use one of {choices}.").format(
                value=repr(value), label=label, choices=choices
            ),
            field,
        ) from None


def instance_or_none(value: Any, cls: type[T], field: str) -> T | None:
    """``value`` when it is ``None`` or a ``cls``; anything else is a programming error."""
    if value is not None and not isinstance(value, cls):
        raise TypeError(f"{field} must be a {cls.__name__} or None, not {value!r}")
    return value


def clean_language(value: str | None, field: str, max_length: int, *, required: bool) -> str:
    """A BCP 47 language code (``en``, ``pt-BR``) of at most ``max_length`` characters."""
    text = validate_language(value, field)
    if required and not text:
        raise ValidationError(_("A language is required, such as en or nl."), field)
    if len(text) > max_length:
        raise ValidationError(
            _("{value} is too long for a language code (at most {max_length} characters).").format(
                value=repr(text), max_length=max_length
            ),
            field,
        )
    return text


def clean_url(value: str | None, field: str, label: str, max_length: int) -> str:
    text = validate_url(value, field, label)
    if len(text) > max_length:
        raise ValidationError(
            _("{label} is too long (at most {max_length} characters).").format(
                label=label, max_length=max_length
            ),
            field,
        )
    return text


def clean_date(value: Any, field: str, label: str, *, required: bool) -> date | None:
    """A calendar date; a datetime is refused because its time would be silently lost."""
    if value is None:
        if required:
            raise ValidationError(_("{label} is required.").format(label=label), field)
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(
            _("{label} must be a date such as 2023-12-03, not {value}.").format(
                label=label, value=repr(value)
            ),
            field,
        )
    return value


def clean_position(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"position must be an int or None, not {value!r}")
    return value


def check_fields(cleaners: Cleaners, values: Mapping[str, Any], what: str) -> None:
    """An unknown field name is a programming error, not a user's mistake."""
    unknown = sorted(set(values) - set(cleaners))
    if unknown:
        raise ValueError(
            f"{what} cannot change {', '.join(unknown)}; "
            f"the editable fields are {', '.join(sorted(cleaners))}"
        )


def clean_values(cleaners: Cleaners, values: Mapping[str, Any], what: str) -> dict[str, Any]:
    """Every value checked (or the first error), before anything is changed."""
    check_fields(cleaners, values, what)
    return {name: cleaners[name](value) for name, value in values.items()}


def apply_values(record: object, cleaned: Mapping[str, Any]) -> None:
    for name, value in cleaned.items():
        # Assigning an unchanged value would still bump the row's version.
        if getattr(record, name) != value:
            setattr(record, name, value)


def ensure_id(session: Session, record: Any) -> int:
    """The record's primary key, flushing it first when it is new."""
    if record.id is None:
        session.add(record)
        session.flush()
    return int(record.id)


def next_position(
    session: Session, column: InstrumentedAttribute[int], where: ColumnElement[bool]
) -> int:
    """One more than the largest position among the siblings selected by ``where``."""
    highest = session.scalar(select(func.max(column)).where(where))
    return 0 if highest is None else highest + 1


def place_among(siblings: Sequence[P], item: P, new_position: int) -> None:
    """Renumber ``siblings`` 0..n-1 with ``item`` at ``new_position`` (clamped)."""
    others = [s for s in siblings if s is not item]
    others.insert(max(0, min(new_position, len(others))), item)
    for index, sibling in enumerate(others):
        if sibling.position != index:
            sibling.position = index


def split_ref(ref: int | str) -> tuple[int | None, str]:
    """An id (when ``ref`` is an int or ASCII digits) and ``ref`` as stripped text."""
    if isinstance(ref, bool) or not isinstance(ref, int | str):
        raise TypeError(f"a reference must be an int or a str, not {ref!r}")
    if isinstance(ref, int):
        return ref, str(ref)
    text = ref.strip()
    number = int(text) if text.isascii() and text.isdigit() else None
    return number, text


def siblings_of(session: Session, model: Any, parent_column: Any, parent_id: int) -> list[Any]:
    return list(
        session.scalars(
            select(model).where(parent_column == parent_id).order_by(model.position, model.id)
        )
    )


def renumber(session: Session, model: Any, parent_column: Any, parent_id: int) -> None:
    for index, sibling in enumerate(siblings_of(session, model, parent_column, parent_id)):
        if sibling.position != index:
            sibling.position = index
    session.flush()


def move_among(
    session: Session, record: Any, parent_column: Any, parent_id: int, new_position: int
) -> None:
    target = clean_position(new_position)
    if target is None:
        raise TypeError("a move needs a position, not None")
    place_among(siblings_of(session, type(record), parent_column, parent_id), record, target)
    session.flush()


def delete_positioned(
    session: Session, record: Any, parent_column: Any, parent_id: int, parent: Any, collection: str
) -> None:
    session.delete(record)
    session.flush()
    renumber(session, type(record), parent_column, parent_id)
    # A loaded parent collection still holds the deleted row until read again.
    if parent is not None:
        session.expire(parent, [collection])


def clear_references(session: Session, columns: Sequence[Any], record_id: int) -> None:
    """Set every column in ``columns`` that points at ``record_id`` to NULL.

    The database would do the same (ON DELETE SET NULL), but doing it through
    the ORM keeps the objects already loaded in this session in step.
    """
    for column in columns:
        model = column.class_
        for row in session.scalars(select(model).where(column == record_id)):
            setattr(row, column.key, None)


#: What a record that is gone is called in the refusal (by table).
_GONE: dict[str, Callable[[], str]] = {
    "organisation": lambda: _("The organisation no longer exists; someone may have deleted it."),
    "person": lambda: _("The person no longer exists; someone may have deleted them."),
    "roundtable": lambda: _("The roundtable no longer exists; someone may have deleted it."),
    "invitation": lambda: _("The invitation no longer exists; someone may have removed it."),
    "question": lambda: _("The question no longer exists; someone may have deleted it."),
    "agenda_item": lambda: _("The agenda item no longer exists; someone may have deleted it."),
    "minute_note": lambda: _("The note no longer exists; someone may have deleted it."),
    "action_item": lambda: _("The action item no longer exists; someone may have deleted it."),
    "follow_up": lambda: _("The follow-up no longer exists; someone may have deleted it."),
    "statement": lambda: _("The statement no longer exists; someone may have deleted it."),
    "statement_section": lambda: _("The section no longer exists; someone may have deleted it."),
    "reference": lambda: _("The reference no longer exists; someone may have deleted it."),
    "statement_update": lambda: _("The update no longer exists; someone may have deleted it."),
}

R = TypeVar("R")


def get_or_fail(session: Session, model: type[R], record_id: int | None) -> R:
    """The record of ``model`` with this id; :class:`NotFoundError` saying so when it is gone.

    Actions name records by id (the app's rows and the command line's
    arguments outlive any session); between showing a row and acting on it
    someone at another desk may have deleted it.
    """
    record = session.get(model, record_id) if record_id is not None else None
    if record is None:
        table = getattr(model, "__tablename__", "")
        gone = _GONE.get(table)
        raise NotFoundError(gone() if gone else _("That record no longer exists."))
    return record
