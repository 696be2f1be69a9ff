"""Records: creating, editing and finding everything that has no lifecycle of its own.

Organisations, people, questions, agenda items and minute notes, action items,
follow-ups, statements with their sections, references and updates. (Roundtables
and invitations have lifecycles and live in :mod:`roundtable.meetings` and
:mod:`roundtable.invitations`.)

Every function checks all of its input before it changes anything, so a
:class:`~roundtable.errors.ValidationError` leaves the session as it was. The
functions add and flush but never commit: the caller wraps them in
``with db.transaction() as session:``.

Positions (of questions, agenda items, notes, sections and references) count
from 0 within their parent. ``position=None`` appends; a given position inserts
there and renumbers the siblings 0..n-1.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from roundtable import context
from roundtable.errors import NotFoundError, ValidationError
from roundtable.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    LawfulBasis,
    MinuteNote,
    NoteKind,
    Organisation,
    OrganisationKind,
    Person,
    Question,
    QuestionStatus,
    Reference,
    Roundtable,
    Statement,
    StatementSection,
    StatementUpdate,
)
from roundtable.validation import (
    optional_text,
    require_text,
    validate_email,
    validate_language,
    validate_url,
)

__all__ = [
    "add_action_item",
    "add_agenda_item",
    "add_follow_up",
    "add_minute_note",
    "add_question",
    "add_reference",
    "add_statement_section",
    "add_statement_update",
    "create_organisation",
    "create_person",
    "create_statement",
    "find_organisation_by_name",
    "find_person_by_email",
    "get_organisation",
    "get_person",
    "get_roundtable",
    "get_statement",
    "link_roundtable",
    "move_question",
    "set_action_done",
    "update_organisation",
    "update_person",
    "update_question",
]

# Limits follow the column sizes in models.py, so PostgreSQL never refuses
# what SQLite would silently accept.
NAME_MAX = 200
TITLE_MAX = 300
LANGUAGE_MAX = 16
WEBSITE_MAX = 500
URL_MAX = 1000
SLUG_MAX = 200
SECTION_KEY_MAX = 64
REFERENCE_KEY_MAX = 100
REFERENCE_TITLE_MAX = 500
LONG_TEXT_MAX = 100_000

#: Statement slugs become file names and URL paths: keep them plain.
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Section keys are names templates use ("introduction", "questions").
_SECTION_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")


class _Positioned(Protocol):
    position: int


_P = TypeVar("_P", bound=_Positioned)

Cleaners = Mapping[str, Callable[[Any], Any]]


# --------------------------------------------------------------------------
# Small checks shared by the functions below
# --------------------------------------------------------------------------


def _day(value: date | datetime) -> str:
    """A date the way messages show it: 3 Sep 2023."""
    return f"{value.day} {value:%b %Y}"


def _enum_value(enum_cls: type[_E], value: Any, field: str, label: str) -> _E:
    """The member of ``enum_cls`` given as a member or its value (any letter case)."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(str(member.value) for member in enum_cls)
        raise ValidationError(f"{value!r} is not a {label}; use one of {choices}.", field) from None


def _instance(value: Any, cls: type[_T], field: str) -> _T | None:
    """``value`` when it is ``None`` or a ``cls``; anything else is a programming error."""
    if value is not None and not isinstance(value, cls):
        raise TypeError(f"{field} must be a {cls.__name__} or None, not {value!r}")
    return value


def _language(value: str | None, field: str, *, required: bool) -> str:
    text = validate_language(value, field)
    if required and not text:
        raise ValidationError("A language is required, such as en or nl.", field)
    if len(text) > LANGUAGE_MAX:
        raise ValidationError(
            f"{text!r} is too long for a language code (at most {LANGUAGE_MAX} characters).",
            field,
        )
    return text


def _url(value: str | None, field: str, label: str, max_length: int) -> str:
    text = validate_url(value, field, label)
    if len(text) > max_length:
        raise ValidationError(f"{label} is too long (at most {max_length} characters).", field)
    return text


def _date(value: Any, field: str, label: str, *, required: bool) -> date | None:
    """A calendar date; a datetime is refused because its time would be silently lost."""
    if value is None:
        if required:
            raise ValidationError(f"{label} is required.", field)
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(f"{label} must be a date such as 2023-12-03, not {value!r}.", field)
    return value


def _position(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"position must be an int or None, not {value!r}")
    return value


def _check_fields(cleaners: Cleaners, values: Mapping[str, Any], what: str) -> None:
    """An unknown field name is a programming error, not a user's mistake."""
    unknown = sorted(set(values) - set(cleaners))
    if unknown:
        raise ValueError(
            f"{what} cannot change {', '.join(unknown)}; "
            f"the editable fields are {', '.join(sorted(cleaners))}"
        )


def _clean(cleaners: Cleaners, values: Mapping[str, Any], what: str) -> dict[str, Any]:
    """Every value checked (or the first error), before anything is changed."""
    _check_fields(cleaners, values, what)
    return {name: cleaners[name](value) for name, value in values.items()}


def _apply(record: object, cleaned: Mapping[str, Any]) -> None:
    for name, value in cleaned.items():
        # Assigning an unchanged value would still bump the row's version.
        if getattr(record, name) != value:
            setattr(record, name, value)


def _ensure_id(session: Session, record: Any) -> int:
    """The record's primary key, flushing it first when it is new."""
    if record.id is None:
        session.add(record)
        session.flush()
    return int(record.id)


def _next_position(
    session: Session, column: InstrumentedAttribute[int], where: ColumnElement[bool]
) -> int:
    """One more than the largest position among the siblings selected by ``where``."""
    highest = session.scalar(select(func.max(column)).where(where))
    return 0 if highest is None else highest + 1


def _place(siblings: Sequence[_P], item: _P, new_position: int) -> None:
    """Renumber ``siblings`` 0..n-1 with ``item`` at ``new_position`` (clamped)."""
    others = [s for s in siblings if s is not item]
    others.insert(max(0, min(new_position, len(others))), item)
    for index, sibling in enumerate(others):
        if sibling.position != index:
            sibling.position = index


# --------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------


def _unique_organisation_name(session: Session, name: str, current: Organisation | None) -> str:
    # The database's own constraint is case-sensitive; "TikTok" and "Tiktok"
    # are still the same organisation to a coordinator.
    stmt = select(Organisation).where(func.lower(Organisation.name) == func.lower(name))
    for existing in session.scalars(stmt):
        if existing is not current:
            raise ValidationError(
                f"There is already an organisation called {existing.name!r}.", "name"
            )
    return name


def _organisation_cleaners(session: Session, current: Organisation | None) -> Cleaners:
    return {
        "name": lambda v: _unique_organisation_name(
            session, require_text(v, "name", "The organisation's name", NAME_MAX), current
        ),
        "kind": lambda v: _enum_value(OrganisationKind, v, "kind", "kind of organisation"),
        "website": lambda v: _url(v, "website", "The website", WEBSITE_MAX),
        "email": lambda v: validate_email(v, "email"),
        "notes": lambda v: optional_text(v, "notes", "The notes", LONG_TEXT_MAX),
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
    cleaned = _clean(
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
    cleaned = _clean(
        _organisation_cleaners(session, organisation), changes, "update_organisation()"
    )
    if cleaned.get("is_own"):
        _clear_other_own(session, organisation)
    _apply(organisation, cleaned)
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
    number, text = _split_ref(ref)
    if number is not None:
        found = session.get(Organisation, number)
        if found is not None:
            return found
    if isinstance(ref, str):
        by_name = find_organisation_by_name(session, text)
        if by_name is not None:
            return by_name
    raise NotFoundError(f"No organisation with id or name '{text}'.")


# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------


def _unique_email(session: Session, email: str | None, current: Person | None) -> str | None:
    if email is None:
        return None
    # Same expression as the unique index uq_person_email_lower, so this check
    # and the database agree on what counts as the same address.
    stmt = select(Person).where(func.lower(Person.email) == func.lower(email))
    for existing in session.scalars(stmt):
        if existing is not current:
            raise ValidationError(
                f"The e-mail address {email} is already used by {existing.name}.", "email"
            )
    return email


def _person_cleaners(session: Session, current: Person | None) -> Cleaners:
    return {
        "name": lambda v: require_text(v, "name", "The name", NAME_MAX),
        "email": lambda v: _unique_email(session, validate_email(v, "email"), current),
        "organisation": lambda v: _instance(v, Organisation, "organisation"),
        "role": lambda v: optional_text(v, "role", "The role", NAME_MAX),
        "phone": lambda v: optional_text(v, "phone", "The phone number", 64),
        "preferred_language": lambda v: _language(v, "preferred_language", required=False),
        "notes": lambda v: optional_text(v, "notes", "The notes", LONG_TEXT_MAX),
        "lawful_basis": lambda v: _enum_value(LawfulBasis, v, "lawful_basis", "lawful basis"),
        "consent_note": lambda v: optional_text(
            v, "consent_note", "The consent note", LONG_TEXT_MAX
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
    cleaned = _clean(
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
    _check_fields(cleaners, changes, "update_person()")
    if person.erased_at is not None:
        raise ValidationError(
            f"Person #{person.id} was erased on {_day(person.erased_at)} "
            "and can no longer be edited."
        )
    cleaned = _clean(cleaners, changes, "update_person()")
    _apply(person, cleaned)
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
    number, text = _split_ref(ref)
    if number is not None:
        found = session.get(Person, number)
        if found is not None:
            return found
    if isinstance(ref, str):
        by_email = find_person_by_email(session, text)
        if by_email is not None:
            return by_email
    raise NotFoundError(f"No person with id or e-mail address '{text}'.")


# --------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------


def _asked_by(person: Person | None, organisation: Organisation | None) -> None:
    if person is not None and organisation is not None:
        raise ValidationError(
            "A question is asked by a person or by an organisation, not both.", "asked_by"
        )


def _question_cleaners() -> Cleaners:
    return {
        "text": lambda v: require_text(v, "text", "The question", LONG_TEXT_MAX),
        "asked_by_person": lambda v: _instance(v, Person, "asked_by_person"),
        "asked_by_organisation": lambda v: _instance(v, Organisation, "asked_by_organisation"),
        "status": lambda v: _enum_value(QuestionStatus, v, "status", "question status"),
        "answer": lambda v: optional_text(v, "answer", "The answer", LONG_TEXT_MAX),
    }


def _questions_of(session: Session, roundtable_id: int) -> list[Question]:
    return list(
        session.scalars(
            select(Question)
            .where(Question.roundtable_id == roundtable_id)
            .order_by(Question.position, Question.id)
        )
    )


def add_question(
    session: Session,
    roundtable: Roundtable,
    text: str,
    *,
    asked_by_person: Person | None = None,
    asked_by_organisation: Organisation | None = None,
    status: QuestionStatus | str = QuestionStatus.DRAFT,
    answer: str = "",
    position: int | None = None,
) -> Question:
    """Add a question to a roundtable's list, asked by a person, an organisation or neither.

    ``position=None`` puts it last; a position inserts it there and renumbers the list.
    """
    cleaned = _clean(
        _question_cleaners(),
        {
            "text": text,
            "asked_by_person": asked_by_person,
            "asked_by_organisation": asked_by_organisation,
            "status": status,
            "answer": answer,
        },
        "add_question()",
    )
    _asked_by(cleaned["asked_by_person"], cleaned["asked_by_organisation"])
    insert_at = _position(position)
    roundtable_id = _ensure_id(session, roundtable)
    question = Question(
        roundtable=roundtable,
        position=_next_position(
            session, Question.position, Question.roundtable_id == roundtable_id
        ),
        **cleaned,
    )
    session.add(question)
    session.flush()
    if insert_at is not None:
        move_question(session, question, insert_at)
    return question


def update_question(session: Session, question: Question, **changes: Any) -> Question:
    """Change the given fields: text, asked_by_person, asked_by_organisation, status, answer.

    Naming who asked replaces the previous asker: setting ``asked_by_person``
    clears ``asked_by_organisation`` unless the same call sets it too (and the
    other way round); setting both to non-``None`` values is refused. Use
    :func:`move_question` to change the position.
    """
    cleaned = _clean(_question_cleaners(), changes, "update_question()")
    if cleaned.get("asked_by_person") is not None and "asked_by_organisation" not in cleaned:
        cleaned["asked_by_organisation"] = None
    if cleaned.get("asked_by_organisation") is not None and "asked_by_person" not in cleaned:
        cleaned["asked_by_person"] = None
    _asked_by(
        cleaned.get("asked_by_person", question.asked_by_person),
        cleaned.get("asked_by_organisation", question.asked_by_organisation),
    )
    _apply(question, cleaned)
    session.flush()
    return question


def move_question(session: Session, question: Question, new_position: int) -> None:
    """Move a question to ``new_position`` (clamped to the list) and renumber the
    roundtable's questions 0..n-1."""
    target = _position(new_position)
    if target is None:
        raise TypeError("move_question() needs a position, not None")
    if question.roundtable_id is None:
        session.add(question)
        session.flush()
    _place(_questions_of(session, question.roundtable_id), question, target)
    session.flush()
    # The loaded collection keeps its old order until it is read again.
    session.expire(question.roundtable, ["questions"])


# --------------------------------------------------------------------------
# Minutes: agenda items, notes, action items, follow-ups
# --------------------------------------------------------------------------


def add_agenda_item(
    session: Session, roundtable: Roundtable, title: str, *, position: int | None = None
) -> AgendaItem:
    """Add an item to a roundtable's minutes; ``position=None`` puts it last."""
    clean_title = require_text(title, "title", "The agenda item's title", TITLE_MAX)
    insert_at = _position(position)
    roundtable_id = _ensure_id(session, roundtable)
    item = AgendaItem(
        roundtable=roundtable,
        title=clean_title,
        position=_next_position(
            session, AgendaItem.position, AgendaItem.roundtable_id == roundtable_id
        ),
    )
    session.add(item)
    session.flush()
    if insert_at is not None:
        siblings = session.scalars(
            select(AgendaItem)
            .where(AgendaItem.roundtable_id == roundtable_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        _place(siblings, item, insert_at)
        session.flush()
        session.expire(roundtable, ["agenda_items"])
    return item


def add_minute_note(
    session: Session,
    agenda_item: AgendaItem,
    text: str,
    *,
    kind: NoteKind | str = NoteKind.NOTE,
    speaker_person: Person | None = None,
    speaker_organisation: Organisation | None = None,
    not_for_attribution: bool = False,
) -> MinuteNote:
    """Add a note or decision at the end of an agenda item.

    ``not_for_attribution`` (Chatham House rule) keeps the speaker out of
    published output while the content may still be used.
    """
    clean_text = require_text(text, "text", "The note", LONG_TEXT_MAX)
    clean_kind = _enum_value(NoteKind, kind, "kind", "kind of note")
    _instance(speaker_person, Person, "speaker_person")
    _instance(speaker_organisation, Organisation, "speaker_organisation")
    item_id = _ensure_id(session, agenda_item)
    note = MinuteNote(
        agenda_item=agenda_item,
        text=clean_text,
        kind=clean_kind,
        speaker_person=speaker_person,
        speaker_organisation=speaker_organisation,
        not_for_attribution=bool(not_for_attribution),
        position=_next_position(session, MinuteNote.position, MinuteNote.agenda_item_id == item_id),
    )
    session.add(note)
    session.flush()
    return note


def add_action_item(
    session: Session,
    roundtable: Roundtable,
    description: str,
    *,
    owner_person: Person | None = None,
    owner_organisation: Organisation | None = None,
    due_on: date | None = None,
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """Add something someone agreed to do, optionally under one of the roundtable's agenda items."""
    clean_description = require_text(description, "description", "The action", LONG_TEXT_MAX)
    _instance(owner_person, Person, "owner_person")
    _instance(owner_organisation, Organisation, "owner_organisation")
    clean_due = _date(due_on, "due_on", "The due date", required=False)
    item = _instance(agenda_item, AgendaItem, "agenda_item")
    if item is not None and item.roundtable is not roundtable:
        raise ValidationError(
            f"The agenda item {item.title!r} belongs to another roundtable.", "agenda_item"
        )
    action = ActionItem(
        roundtable=roundtable,
        description=clean_description,
        owner_person=owner_person,
        owner_organisation=owner_organisation,
        due_on=clean_due,
        agenda_item=agenda_item,
        done=False,
    )
    session.add(action)
    session.flush()
    return action


def set_action_done(
    session: Session, action_item: ActionItem, done: bool, *, at: datetime | None = None
) -> ActionItem:
    """Mark an action item done (at ``at``, by default now) or not done (clearing the time).

    Marking an item that is already done again keeps its original time unless
    ``at`` is given.
    """
    if at is not None and at.tzinfo is None:
        raise ValueError("set_action_done() needs a timezone-aware 'at'")
    if done:
        if at is not None:
            when: datetime | None = at.astimezone(UTC)
        elif action_item.done and action_item.done_at is not None:
            when = action_item.done_at
        else:
            when = context.now()
        _apply(action_item, {"done": True, "done_at": when})
    else:
        _apply(action_item, {"done": False, "done_at": None})
    session.flush()
    return action_item


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
    clean_dated = _date(dated, "dated", "The date", required=True)
    clean_body = require_text(body, "body", "The text", LONG_TEXT_MAX)
    clean_title = optional_text(title, "title", "The title", TITLE_MAX)
    clean_stance = optional_text(stance, "stance", "The stance", LONG_TEXT_MAX)
    _instance(organisation, Organisation, "organisation")
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


# --------------------------------------------------------------------------
# Statements
# --------------------------------------------------------------------------


def _slug(session: Session, value: str | None) -> str:
    text = require_text(value, "slug", "The short name (slug)", SLUG_MAX)
    if not _SLUG.match(text):
        raise ValidationError(
            f"{text!r} cannot be used as a short name: use lowercase letters, digits and "
            "single hyphens, such as tiktok-roundtables-2023.",
            "slug",
        )
    if session.scalar(select(Statement.id).where(Statement.slug == text)) is not None:
        raise ValidationError(f"There is already a statement called {text!r}.", "slug")
    return text


def create_statement(
    session: Session,
    slug: str,
    title: str,
    *,
    language: str = "en",
    summary: str = "",
    translation_note: str = "",
    template_name: str = "statement",
) -> Statement:
    """Add a draft statement; ``slug`` (lowercase letters, digits, hyphens) must be unique."""
    statement = Statement(
        slug=_slug(session, slug),
        title=require_text(title, "title", "The title", TITLE_MAX),
        language=_language(language, "language", required=True),
        summary=optional_text(summary, "summary", "The summary", LONG_TEXT_MAX),
        translation_note=optional_text(
            translation_note, "translation_note", "The translation note", LONG_TEXT_MAX
        ),
        template_name=require_text(template_name, "template_name", "The template", NAME_MAX),
    )
    session.add(statement)
    session.flush()
    return statement


def add_statement_section(
    session: Session,
    statement: Statement,
    key: str,
    heading: str,
    body: str,
    *,
    position: int | None = None,
) -> StatementSection:
    """Add a section to a statement; ``key`` is the name templates know it by.

    ``position=None`` puts it last; a position inserts it there and renumbers.
    """
    clean_key = optional_text(key, "key", "The section key", SECTION_KEY_MAX)
    if clean_key and not _SECTION_KEY.match(clean_key):
        raise ValidationError(
            f"{clean_key!r} cannot be used as a section key: use lowercase letters, digits, "
            "hyphens and underscores, starting with a letter.",
            "key",
        )
    clean_heading = optional_text(heading, "heading", "The heading", TITLE_MAX)
    clean_body = optional_text(body, "body", "The text", LONG_TEXT_MAX)
    if not clean_heading and not clean_body:
        raise ValidationError("A section needs a heading or a text.", "body")
    insert_at = _position(position)
    statement_id = _ensure_id(session, statement)
    section = StatementSection(
        statement=statement,
        key=clean_key,
        heading=clean_heading,
        body=clean_body,
        position=_next_position(
            session, StatementSection.position, StatementSection.statement_id == statement_id
        ),
    )
    session.add(section)
    session.flush()
    if insert_at is not None:
        siblings = session.scalars(
            select(StatementSection)
            .where(StatementSection.statement_id == statement_id)
            .order_by(StatementSection.position, StatementSection.id)
        ).all()
        _place(siblings, section, insert_at)
        session.flush()
        session.expire(statement, ["sections"])
    return section


def add_reference(
    session: Session,
    statement: Statement,
    key: str,
    title: str,
    *,
    url: str = "",
    publisher: str = "",
    published_on: date | None = None,
    note: str = "",
) -> Reference:
    """Add a numbered source (footnote) to a statement; ``key`` is unique within it."""
    clean_key = require_text(key, "key", "The reference key", REFERENCE_KEY_MAX)
    if any(ch.isspace() for ch in clean_key):
        raise ValidationError(
            f"{clean_key!r} cannot be used as a reference key: it may not contain spaces.", "key"
        )
    clean_title = require_text(title, "title", "The title", REFERENCE_TITLE_MAX)
    clean_url = _url(url, "url", "The address", URL_MAX)
    clean_publisher = optional_text(publisher, "publisher", "The publisher", NAME_MAX)
    clean_published = _date(published_on, "published_on", "The publication date", required=False)
    clean_note = optional_text(note, "note", "The note", LONG_TEXT_MAX)
    statement_id = _ensure_id(session, statement)
    duplicate = session.scalar(
        select(Reference.id).where(
            Reference.statement_id == statement_id, Reference.key == clean_key
        )
    )
    if duplicate is not None:
        raise ValidationError(
            f"The statement already has a reference with the key {clean_key!r}.", "key"
        )
    reference = Reference(
        statement=statement,
        key=clean_key,
        title=clean_title,
        url=clean_url,
        publisher=clean_publisher,
        published_on=clean_published,
        note=clean_note,
        position=_next_position(
            session, Reference.position, Reference.statement_id == statement_id
        ),
    )
    session.add(reference)
    session.flush()
    return reference


def add_statement_update(
    session: Session, statement: Statement, dated: date, body: str, *, title: str = ""
) -> StatementUpdate:
    """Add a dated update to a statement ("Update 3 December 2023: …")."""
    update = StatementUpdate(
        statement=statement,
        dated=_date(dated, "dated", "The date", required=True),
        body=require_text(body, "body", "The text", LONG_TEXT_MAX),
        title=optional_text(title, "title", "The title", TITLE_MAX),
    )
    session.add(update)
    session.flush()
    return update


def link_roundtable(session: Session, statement: Statement, roundtable: Roundtable) -> None:
    """Record that a statement is about a roundtable (linking twice changes nothing)."""
    if roundtable not in statement.roundtables:
        statement.roundtables.append(roundtable)
    session.flush()


def get_statement(session: Session, ref: int | str) -> Statement:
    """The statement with id ``ref``, or with the short name (slug) ``ref``."""
    number, text = _split_ref(ref)
    if number is not None:
        found = session.get(Statement, number)
        if found is not None:
            return found
    if isinstance(ref, str) and text:
        by_slug = session.scalars(select(Statement).where(Statement.slug == text.lower())).first()
        if by_slug is not None:
            return by_slug
    raise NotFoundError(f"No statement with id or slug '{text}'.")


# --------------------------------------------------------------------------
# Roundtables (lookup only; meetings.py creates and changes them)
# --------------------------------------------------------------------------


def _split_ref(ref: int | str) -> tuple[int | None, str]:
    """An id (when ``ref`` is an int or ASCII digits) and ``ref`` as stripped text."""
    if isinstance(ref, bool) or not isinstance(ref, int | str):
        raise TypeError(f"a reference must be an int or a str, not {ref!r}")
    if isinstance(ref, int):
        return ref, str(ref)
    text = ref.strip()
    number = int(text) if text.isascii() and text.isdigit() else None
    return number, text


def get_roundtable(session: Session, ref: int | str) -> Roundtable:
    """The roundtable with id ``ref``, or with the iCalendar UID ``ref``."""
    number, text = _split_ref(ref)
    if number is not None:
        found = session.get(Roundtable, number)
        if found is not None:
            return found
    if isinstance(ref, str) and text:
        by_uid = session.scalars(select(Roundtable).where(Roundtable.uid == text)).first()
        if by_uid is not None:
            return by_uid
    raise NotFoundError(f"No roundtable with id or UID '{text}'.")
