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
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, object_session

from roundtable import context
from roundtable.audit import record_audit
from roundtable.errors import NotFoundError, ValidationError
from roundtable.i18n import _
from roundtable.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    Invitation,
    InvitationStatus,
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
    RoundtableStatus,
    Statement,
    StatementSection,
    StatementStatus,
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
        raise ValidationError(
            _("{label} is too long (at most {max_length} characters).").format(
                label=label, max_length=max_length
            ),
            field,
        )
    return text


def _date(value: Any, field: str, label: str, *, required: bool) -> date | None:
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
                _("There is already an organisation called {name}.").format(
                    name=repr(existing.name)
                ),
                "name",
            )
    return name


def _organisation_cleaners(session: Session, current: Organisation | None) -> Cleaners:
    return {
        "name": lambda v: _unique_organisation_name(
            session, require_text(v, "name", _("The organisation's name"), NAME_MAX), current
        ),
        "kind": lambda v: _enum_value(OrganisationKind, v, "kind", "kind of organisation"),
        "website": lambda v: _url(v, "website", _("The website"), WEBSITE_MAX),
        "email": lambda v: validate_email(v, "email"),
        "notes": lambda v: optional_text(v, "notes", _("The notes"), LONG_TEXT_MAX),
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
    raise NotFoundError(_("No organisation with id or name '{text}'.").format(text=text))


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
                _("The e-mail address {email} is already used by {name}.").format(
                    email=email, name=existing.name
                ),
                "email",
            )
    return email


def _person_cleaners(session: Session, current: Person | None) -> Cleaners:
    return {
        "name": lambda v: require_text(v, "name", _("The name"), NAME_MAX),
        "email": lambda v: _unique_email(session, validate_email(v, "email"), current),
        "organisation": lambda v: _instance(v, Organisation, "organisation"),
        "role": lambda v: optional_text(v, "role", _("The role"), NAME_MAX),
        "phone": lambda v: optional_text(v, "phone", _("The phone number"), 64),
        "preferred_language": lambda v: _language(v, "preferred_language", required=False),
        "notes": lambda v: optional_text(v, "notes", _("The notes"), LONG_TEXT_MAX),
        "lawful_basis": lambda v: _enum_value(LawfulBasis, v, "lawful_basis", "lawful basis"),
        "consent_note": lambda v: optional_text(
            v, "consent_note", _("The consent note"), LONG_TEXT_MAX
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
    raise NotFoundError(_("No person with id or e-mail address '{text}'.").format(text=text))


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
        "text": lambda v: require_text(v, "text", _("The question"), LONG_TEXT_MAX),
        "asked_by_person": lambda v: _instance(v, Person, "asked_by_person"),
        "asked_by_organisation": lambda v: _instance(v, Organisation, "asked_by_organisation"),
        "status": lambda v: _enum_value(QuestionStatus, v, "status", "question status"),
        "answer": lambda v: optional_text(v, "answer", _("The answer"), LONG_TEXT_MAX),
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
    clean_title = require_text(title, "title", _("The agenda item's title"), TITLE_MAX)
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
    clean_text = require_text(text, "text", _("The note"), LONG_TEXT_MAX)
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
    clean_description = require_text(description, "description", _("The action"), LONG_TEXT_MAX)
    _instance(owner_person, Person, "owner_person")
    _instance(owner_organisation, Organisation, "owner_organisation")
    clean_due = _date(due_on, "due_on", _("The due date"), required=False)
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
    clean_dated = _date(dated, "dated", _("The date"), required=True)
    clean_body = require_text(body, "body", _("The text"), LONG_TEXT_MAX)
    clean_title = optional_text(title, "title", _("The title"), TITLE_MAX)
    clean_stance = optional_text(stance, "stance", _("The stance"), LONG_TEXT_MAX)
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
    text = require_text(value, "slug", _("The short name (slug)"), SLUG_MAX)
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
        title=require_text(title, "title", _("The title"), TITLE_MAX),
        language=_language(language, "language", required=True),
        summary=optional_text(summary, "summary", _("The summary"), LONG_TEXT_MAX),
        translation_note=optional_text(
            translation_note, "translation_note", _("The translation note"), LONG_TEXT_MAX
        ),
        template_name=require_text(template_name, "template_name", _("The template"), NAME_MAX),
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
    clean_key = optional_text(key, "key", _("The section key"), SECTION_KEY_MAX)
    if clean_key and not _SECTION_KEY.match(clean_key):
        raise ValidationError(
            f"{clean_key!r} cannot be used as a section key: use lowercase letters, digits, "
            "hyphens and underscores, starting with a letter.",
            "key",
        )
    clean_heading = optional_text(heading, "heading", _("The heading"), TITLE_MAX)
    clean_body = optional_text(body, "body", _("The text"), LONG_TEXT_MAX)
    if not clean_heading and not clean_body:
        raise ValidationError(_("A section needs a heading or a text."), "body")
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
    clean_key = require_text(key, "key", _("The reference key"), REFERENCE_KEY_MAX)
    if any(ch.isspace() for ch in clean_key):
        raise ValidationError(
            f"{clean_key!r} cannot be used as a reference key: it may not contain spaces.", "key"
        )
    clean_title = require_text(title, "title", _("The title"), REFERENCE_TITLE_MAX)
    clean_url = _url(url, "url", _("The address"), URL_MAX)
    clean_publisher = optional_text(publisher, "publisher", _("The publisher"), NAME_MAX)
    clean_published = _date(published_on, "published_on", _("The publication date"), required=False)
    clean_note = optional_text(note, "note", _("The note"), LONG_TEXT_MAX)
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
        dated=_date(dated, "dated", _("The date"), required=True),
        body=require_text(body, "body", _("The text"), LONG_TEXT_MAX),
        title=optional_text(title, "title", _("The title"), TITLE_MAX),
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
    raise NotFoundError(_("No statement with id or slug '{text}'.").format(text=text))


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
    raise NotFoundError(_("No roundtable with id or UID '{text}'.").format(text=text))


# ==========================================================================
# Editing and deleting (for the desktop app)
# ==========================================================================
#
# The functions below follow the same rules as the ones above: every value is
# checked before anything changes, and nothing is committed. Deleting a
# positioned record (question, agenda item, note, section, reference)
# renumbers its siblings 0..n-1, so positions never have gaps.


def _siblings(session: Session, model: Any, parent_column: Any, parent_id: int) -> list[Any]:
    return list(
        session.scalars(
            select(model).where(parent_column == parent_id).order_by(model.position, model.id)
        )
    )


def _renumber(session: Session, model: Any, parent_column: Any, parent_id: int) -> None:
    for index, sibling in enumerate(_siblings(session, model, parent_column, parent_id)):
        if sibling.position != index:
            sibling.position = index
    session.flush()


def _move(
    session: Session, record: Any, parent_column: Any, parent_id: int, new_position: int
) -> None:
    target = _position(new_position)
    if target is None:
        raise TypeError("a move needs a position, not None")
    _place(_siblings(session, type(record), parent_column, parent_id), record, target)
    session.flush()


def _delete_positioned(
    session: Session, record: Any, parent_column: Any, parent_id: int, parent: Any, collection: str
) -> None:
    session.delete(record)
    session.flush()
    _renumber(session, type(record), parent_column, parent_id)
    # A loaded parent collection still holds the deleted row until read again.
    if parent is not None:
        session.expire(parent, [collection])


# --- agenda items and minute notes -----------------------------------------


def update_agenda_item(session: Session, item: AgendaItem, **changes: Any) -> AgendaItem:
    """Change an agenda item's title (the only editable field; see :func:`move_agenda_item`)."""
    cleaned = _clean(
        {"title": lambda v: require_text(v, "title", _("The agenda item's title"), TITLE_MAX)},
        changes,
        "update_agenda_item()",
    )
    _apply(item, cleaned)
    session.flush()
    return item


def move_agenda_item(session: Session, item: AgendaItem, position: int) -> None:
    """Move an agenda item to ``position`` (clamped) and renumber the minutes 0..n-1."""
    _move(session, item, AgendaItem.roundtable_id, item.roundtable_id, position)
    session.expire(item.roundtable, ["agenda_items"])


def delete_agenda_item(session: Session, item: AgendaItem) -> None:
    """Delete an agenda item with its notes; action items under it stay, without the item."""
    for action in session.scalars(select(ActionItem).where(ActionItem.agenda_item_id == item.id)):
        action.agenda_item = None
    roundtable = item.roundtable
    _delete_positioned(
        session, item, AgendaItem.roundtable_id, item.roundtable_id, roundtable, "agenda_items"
    )


def _note_cleaners() -> Cleaners:
    return {
        "text": lambda v: require_text(v, "text", _("The note"), LONG_TEXT_MAX),
        "kind": lambda v: _enum_value(NoteKind, v, "kind", "kind of note"),
        "speaker_person": lambda v: _instance(v, Person, "speaker_person"),
        "speaker_organisation": lambda v: _instance(v, Organisation, "speaker_organisation"),
        "not_for_attribution": bool,
    }


def update_minute_note(session: Session, note: MinuteNote, **changes: Any) -> MinuteNote:
    """Change a note: text, kind, speaker_person, speaker_organisation, not_for_attribution."""
    cleaned = _clean(_note_cleaners(), changes, "update_minute_note()")
    _apply(note, cleaned)
    session.flush()
    return note


def move_minute_note(session: Session, note: MinuteNote, position: int) -> None:
    """Move a note to ``position`` within its agenda item and renumber the notes."""
    _move(session, note, MinuteNote.agenda_item_id, note.agenda_item_id, position)
    session.expire(note.agenda_item, ["notes"])


def delete_minute_note(session: Session, note: MinuteNote) -> None:
    """Delete a note or decision and renumber the agenda item's other notes."""
    item = note.agenda_item
    _delete_positioned(session, note, MinuteNote.agenda_item_id, note.agenda_item_id, item, "notes")


# --- action items and follow-ups -------------------------------------------


def update_action_item(session: Session, action_item: ActionItem, **changes: Any) -> ActionItem:
    """Change an action item: description, owner_person, owner_organisation, due_on, agenda_item.

    The agenda item must belong to the same roundtable. Use :func:`set_action_done`
    to tick it off.
    """
    cleaned = _clean(
        {
            "description": lambda v: require_text(v, "description", _("The action"), LONG_TEXT_MAX),
            "owner_person": lambda v: _instance(v, Person, "owner_person"),
            "owner_organisation": lambda v: _instance(v, Organisation, "owner_organisation"),
            "due_on": lambda v: _date(v, "due_on", _("The due date"), required=False),
            "agenda_item": lambda v: _instance(v, AgendaItem, "agenda_item"),
        },
        changes,
        "update_action_item()",
    )
    item = cleaned.get("agenda_item")
    if item is not None and item.roundtable_id != action_item.roundtable_id:
        raise ValidationError(
            f"The agenda item {item.title!r} belongs to another roundtable.", "agenda_item"
        )
    _apply(action_item, cleaned)
    session.flush()
    return action_item


def delete_action_item(session: Session, action_item: ActionItem) -> None:
    """Delete an action item."""
    roundtable = action_item.roundtable
    session.delete(action_item)
    session.flush()
    session.expire(roundtable, ["action_items"])


def update_follow_up(session: Session, follow_up: FollowUp, **changes: Any) -> FollowUp:
    """Change a follow-up: dated, body, title, stance, organisation."""
    cleaned = _clean(
        {
            "dated": lambda v: _date(v, "dated", _("The date"), required=True),
            "body": lambda v: require_text(v, "body", _("The text"), LONG_TEXT_MAX),
            "title": lambda v: optional_text(v, "title", _("The title"), TITLE_MAX),
            "stance": lambda v: optional_text(v, "stance", _("The stance"), LONG_TEXT_MAX),
            "organisation": lambda v: _instance(v, Organisation, "organisation"),
        },
        changes,
        "update_follow_up()",
    )
    _apply(follow_up, cleaned)
    session.flush()
    return follow_up


def delete_follow_up(session: Session, follow_up: FollowUp) -> None:
    """Delete a follow-up."""
    roundtable = follow_up.roundtable
    session.delete(follow_up)
    session.flush()
    session.expire(roundtable, ["follow_ups"])


def delete_question(session: Session, question: Question) -> None:
    """Delete a question and renumber the roundtable's list 0..n-1."""
    roundtable = question.roundtable
    _delete_positioned(
        session, question, Question.roundtable_id, question.roundtable_id, roundtable, "questions"
    )


# --- statements ------------------------------------------------------------


def _other_slug(session: Session, value: Any, statement: Statement) -> str:
    text = require_text(value, "slug", _("The short name (slug)"), SLUG_MAX)
    if text == statement.slug:
        return text
    return _slug(session, text)


def update_statement(session: Session, statement: Statement, **changes: Any) -> Statement:
    """Change a statement: title, language, summary, slug, translation_note,
    template_name, status, published_on.

    Publishing (status ``published``) without a date sets ``published_on`` to
    today, because a published piece always says when it appeared.
    """
    cleaned = _clean(
        {
            "title": lambda v: require_text(v, "title", _("The title"), TITLE_MAX),
            "language": lambda v: _language(v, "language", required=True),
            "summary": lambda v: optional_text(v, "summary", _("The summary"), LONG_TEXT_MAX),
            "slug": lambda v: _other_slug(session, v, statement),
            "translation_note": lambda v: optional_text(
                v, "translation_note", _("The translation note"), LONG_TEXT_MAX
            ),
            "template_name": lambda v: require_text(
                v, "template_name", _("The template"), NAME_MAX
            ),
            "status": lambda v: _enum_value(StatementStatus, v, "status", "statement status"),
            "published_on": lambda v: _date(
                v, "published_on", _("The publication date"), required=False
            ),
        },
        changes,
        "update_statement()",
    )
    status = cleaned.get("status", statement.status)
    published_on = cleaned.get("published_on", statement.published_on)
    if status == StatementStatus.PUBLISHED and published_on is None:
        cleaned["published_on"] = context.now().date()
    _apply(statement, cleaned)
    session.flush()
    return statement


def _section_key(value: Any) -> str:
    key = optional_text(value, "key", _("The section key"), SECTION_KEY_MAX)
    if key and not _SECTION_KEY.match(key):
        raise ValidationError(
            f"{key!r} cannot be used as a section key: use lowercase letters, digits, "
            "hyphens and underscores, starting with a letter.",
            "key",
        )
    return key


def update_statement_section(
    session: Session, section: StatementSection, **changes: Any
) -> StatementSection:
    """Change a section: key, heading, body (a heading or a text must remain)."""
    cleaned = _clean(
        {
            "key": _section_key,
            "heading": lambda v: optional_text(v, "heading", _("The heading"), TITLE_MAX),
            "body": lambda v: optional_text(v, "body", _("The text"), LONG_TEXT_MAX),
        },
        changes,
        "update_statement_section()",
    )
    if not cleaned.get("heading", section.heading) and not cleaned.get("body", section.body):
        raise ValidationError(_("A section needs a heading or a text."), "body")
    _apply(section, cleaned)
    session.flush()
    return section


def move_statement_section(session: Session, section: StatementSection, position: int) -> None:
    """Move a section to ``position`` (clamped) and renumber the statement's sections."""
    _move(session, section, StatementSection.statement_id, section.statement_id, position)
    session.expire(section.statement, ["sections"])


def delete_statement_section(session: Session, section: StatementSection) -> None:
    """Delete a section and renumber the others."""
    statement = section.statement
    _delete_positioned(
        session,
        section,
        StatementSection.statement_id,
        section.statement_id,
        statement,
        "sections",
    )


def _reference_key(session: Session, value: Any, reference: Reference) -> str:
    key = require_text(value, "key", _("The reference key"), REFERENCE_KEY_MAX)
    if any(ch.isspace() for ch in key):
        raise ValidationError(
            f"{key!r} cannot be used as a reference key: it may not contain spaces.", "key"
        )
    duplicate = session.scalar(
        select(Reference.id).where(
            Reference.statement_id == reference.statement_id,
            Reference.key == key,
            Reference.id != reference.id,
        )
    )
    if duplicate is not None:
        raise ValidationError(f"The statement already has a reference with the key {key!r}.", "key")
    return key


def update_reference(session: Session, reference: Reference, **changes: Any) -> Reference:
    """Change a reference: key (unique in the statement), title, url, publisher,
    published_on, note."""
    cleaned = _clean(
        {
            "key": lambda v: _reference_key(session, v, reference),
            "title": lambda v: require_text(v, "title", _("The title"), REFERENCE_TITLE_MAX),
            "url": lambda v: _url(v, "url", _("The address"), URL_MAX),
            "publisher": lambda v: optional_text(v, "publisher", _("The publisher"), NAME_MAX),
            "published_on": lambda v: _date(
                v, "published_on", _("The publication date"), required=False
            ),
            "note": lambda v: optional_text(v, "note", _("The note"), LONG_TEXT_MAX),
        },
        changes,
        "update_reference()",
    )
    _apply(reference, cleaned)
    session.flush()
    return reference


def move_reference(session: Session, reference: Reference, position: int) -> None:
    """Move a reference to ``position`` (its footnote number minus one) and renumber."""
    _move(session, reference, Reference.statement_id, reference.statement_id, position)
    session.expire(reference.statement, ["references"])


def delete_reference(session: Session, reference: Reference) -> None:
    """Delete a reference and renumber the others (footnotes stay 1..n)."""
    statement = reference.statement
    _delete_positioned(
        session, reference, Reference.statement_id, reference.statement_id, statement, "references"
    )


def update_statement_update(
    session: Session, update: StatementUpdate, **changes: Any
) -> StatementUpdate:
    """Change a dated update of a statement: dated, body, title."""
    cleaned = _clean(
        {
            "dated": lambda v: _date(v, "dated", _("The date"), required=True),
            "body": lambda v: require_text(v, "body", _("The text"), LONG_TEXT_MAX),
            "title": lambda v: optional_text(v, "title", _("The title"), TITLE_MAX),
        },
        changes,
        "update_statement_update()",
    )
    _apply(update, cleaned)
    session.flush()
    return update


def delete_statement_update(session: Session, update: StatementUpdate) -> None:
    """Delete a dated update of a statement."""
    statement = update.statement
    session.delete(update)
    session.flush()
    session.expire(statement, ["updates"])


def unlink_roundtable(session: Session, statement: Statement, roundtable: Roundtable) -> None:
    """Undo :func:`link_roundtable` (unlinking a roundtable that is not linked changes nothing)."""
    if roundtable in statement.roundtables:
        statement.roundtables.remove(roundtable)
    session.flush()


def delete_statement(session: Session, statement: Statement) -> None:
    """Delete a statement with its sections, references and updates (roundtables stay)."""
    statement_id = statement.id
    slug = statement.slug
    session.delete(statement)
    session.flush()
    record_audit(
        session, "delete", entity_type="statement", entity_id=statement_id, detail={"slug": slug}
    )
    session.flush()


# --- invitations, people, organisations, roundtables -----------------------


def remove_invitation(session: Session, invitation: Invitation) -> None:
    """Take someone off the list before the invitation went out (status NOT_SENT).

    A sent invitation is part of the record ("invited on …"): it is withdrawn,
    never removed.
    """
    if invitation.status != InvitationStatus.NOT_SENT:
        raise ValidationError(
            f"The invitation of {invitation.invitee_name} was already sent; withdraw it instead.",
            "status",
        )
    roundtable = invitation.roundtable
    session.delete(invitation)
    session.flush()
    session.expire(roundtable, ["invitations"])


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _clear_references(session: Session, columns: Sequence[Any], record_id: int) -> None:
    """Set every column in ``columns`` that points at ``record_id`` to NULL.

    The database would do the same (ON DELETE SET NULL), but doing it through
    the ORM keeps the objects already loaded in this session in step.
    """
    for column in columns:
        model = column.class_
        for row in session.scalars(select(model).where(column == record_id)):
            setattr(row, column.key, None)


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
            f"Cannot delete {person.name}: they are on "
            f"{_plural(count, 'invitation', 'invitations')}, whose history would lose them. "
            "Erase their personal details instead (Privacy > Erase, or "
            "'roundtable privacy erase').",
            "person",
        )
    person_id = person.id
    _clear_references(
        session,
        (
            Question.asked_by_person_id,
            MinuteNote.speaker_person_id,
            ActionItem.owner_person_id,
            Roundtable.organiser_id,
        ),
        person_id,
    )
    session.delete(person)
    session.flush()
    # The id only: the audit log outlives the person, and must not keep their name.
    record_audit(session, "delete", entity_type="person", entity_id=person_id)
    session.flush()


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
            f"Cannot delete {organisation.name}: "
            f"{_plural(count, 'invitation names', 'invitations name')} it, whose history "
            "would lose it. Erase its people's personal details instead (Privacy > Erase), "
            "or keep the organisation.",
            "organisation",
        )
    organisation_id, name = organisation.id, organisation.name
    _clear_references(
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


def delete_roundtable(session: Session, roundtable: Roundtable) -> None:
    """Delete a draft roundtable whose invitations were never sent; writes an audit row.

    Anything that went out (a scheduled date, an invitation) is part of the
    record: such a roundtable is cancelled, not deleted.
    """
    if roundtable.status != RoundtableStatus.DRAFT:
        raise ValidationError(
            f"Cannot delete “{roundtable.title}”: it is {roundtable.status.value}; "
            "only a draft can be deleted. Cancel it instead.",
            "status",
        )
    sent = session.scalar(
        select(func.count())
        .select_from(Invitation)
        .where(
            Invitation.roundtable_id == roundtable.id,
            Invitation.status != InvitationStatus.NOT_SENT,
        )
    )
    if sent:
        raise ValidationError(
            f"Cannot delete “{roundtable.title}”: "
            f"{_plural(sent, 'invitation was', 'invitations were')} already sent. "
            "Cancel it instead.",
            "status",
        )
    roundtable_id, title, uid = roundtable.id, roundtable.title, roundtable.uid
    # Statements that were about it keep their text, not the link.
    for statement in session.scalars(
        select(Statement).join(Statement.roundtables).where(Roundtable.id == roundtable_id)
    ):
        statement.roundtables.remove(roundtable)
    session.delete(roundtable)
    session.flush()
    record_audit(
        session,
        "delete",
        entity_type="roundtable",
        entity_id=roundtable_id,
        detail={"title": title, "uid": uid},
    )
    session.flush()


# ==========================================================================
# Undo support: snapshots and restoring
# ==========================================================================
#
# The desktop app puts every edit on a QUndoStack. Before an edit or a delete
# it takes ``snapshot_of(record)``: a dict of plain values (ids, not objects,
# so it outlives the session). Undoing an edit calls
# ``restore_fields(session, record, snapshot)``; undoing a delete calls
# ``restore_record(session, snapshot)``, which re-creates the row with the
# same content and position (and the same id when it is still free) and
# returns the id.
#
# What is not put back: the row's ``version`` counter (the ORM starts a new
# row at 1 and raises it on every update), ``updated_at`` and ``updated_by``
# (the restore is itself a change, made now by the current user).


@dataclass(frozen=True)
class _Kind:
    """How snapshots of one model are taken and restored."""

    name: str
    model: Any
    #: Columns the user can edit, restored by :func:`restore_fields`.
    editable: tuple[str, ...]
    #: The column naming the parent row, if any (kept, never edited).
    parent: str | None = None
    #: Children deleted with the row and re-created with it: (key, kind name).
    children: tuple[tuple[str, str], ...] = ()


_KINDS: dict[str, _Kind] = {
    kind.name: kind
    for kind in (
        _Kind(
            "organisation",
            Organisation,
            ("name", "kind", "website", "email", "notes", "is_own"),
        ),
        _Kind(
            "person",
            Person,
            (
                "name",
                "email",
                "organisation_id",
                "role",
                "phone",
                "preferred_language",
                "notes",
                "lawful_basis",
                "consent_note",
            ),
        ),
        _Kind(
            "question",
            Question,
            (
                "position",
                "text",
                "status",
                "answer",
                "asked_by_person_id",
                "asked_by_organisation_id",
            ),
            parent="roundtable_id",
        ),
        _Kind(
            "agenda_item",
            AgendaItem,
            ("position", "title"),
            parent="roundtable_id",
            children=(("notes", "minute_note"),),
        ),
        _Kind(
            "minute_note",
            MinuteNote,
            (
                "position",
                "kind",
                "text",
                "speaker_person_id",
                "speaker_organisation_id",
                "not_for_attribution",
            ),
            parent="agenda_item_id",
        ),
        _Kind(
            "action_item",
            ActionItem,
            (
                "agenda_item_id",
                "description",
                "owner_person_id",
                "owner_organisation_id",
                "due_on",
                "done",
                "done_at",
            ),
            parent="roundtable_id",
        ),
        _Kind(
            "follow_up",
            FollowUp,
            ("organisation_id", "dated", "title", "body", "stance"),
            parent="roundtable_id",
        ),
        _Kind(
            "statement",
            Statement,
            (
                "slug",
                "title",
                "language",
                "summary",
                "status",
                "published_on",
                "template_name",
                "translation_note",
            ),
        ),
        _Kind(
            "statement_section",
            StatementSection,
            ("position", "key", "heading", "body"),
            parent="statement_id",
        ),
        _Kind(
            "reference",
            Reference,
            ("key", "position", "title", "url", "publisher", "published_on", "note"),
            parent="statement_id",
        ),
        _Kind(
            "statement_update",
            StatementUpdate,
            ("dated", "title", "body"),
            parent="statement_id",
        ),
    )
}

#: Kinds :func:`restore_record` can re-create after a delete.
RESTORABLE_KINDS: frozenset[str] = frozenset(
    {
        "question",
        "agenda_item",
        "minute_note",
        "action_item",
        "follow_up",
        "statement_section",
        "reference",
        "statement_update",
    }
)

#: Columns that name other rows, and how a missing one is described.
_REFERENCE_COLUMNS: dict[str, tuple[Any, str]] = {
    "organisation_id": (Organisation, "organisation"),
    "asked_by_person_id": (Person, "person"),
    "asked_by_organisation_id": (Organisation, "organisation"),
    "speaker_person_id": (Person, "person"),
    "speaker_organisation_id": (Organisation, "organisation"),
    "owner_person_id": (Person, "person"),
    "owner_organisation_id": (Organisation, "organisation"),
    "agenda_item_id": (AgendaItem, "agenda item"),
    "roundtable_id": (Roundtable, "roundtable"),
    "statement_id": (Statement, "statement"),
}


def _kind_of(record: Any) -> _Kind:
    for kind in _KINDS.values():
        if type(record) is kind.model:
            return kind
    raise TypeError(f"no snapshots of {type(record).__name__} records")


def snapshot_of(record: Any) -> dict[str, Any]:
    """The editable fields of a record as plain values, for undo.

    Holds ``"record_type"`` (e.g. ``"question"``), ``"id"``, ``"created_at"``, the
    parent's id column (e.g. ``"roundtable_id"``) and every editable column
    under its column name (``"asked_by_person_id"``, ``"position"``, …).
    An agenda item's snapshot also holds its notes (``"notes"``) and the ids
    of the action items filed under it (``"action_item_ids"``), because
    deleting it deletes or detaches them; an organisation's holds which
    organisation was marked as our own (``"own_organisation_id"``), because
    taking that mark clears it on the others.
    """
    kind = _kind_of(record)
    snapshot: dict[str, Any] = {
        "record_type": kind.name,
        "id": record.id,
        "created_at": getattr(record, "created_at", None),
    }
    if kind.parent is not None:
        snapshot[kind.parent] = getattr(record, kind.parent)
    for name in kind.editable:
        snapshot[name] = getattr(record, name)
    for key, _child in kind.children:
        snapshot[key] = [snapshot_of(child) for child in getattr(record, key)]
    if isinstance(record, Organisation):
        # Taking the "own" mark clears it elsewhere: the undo must know where it was.
        session = object_session(record)
        snapshot["own_organisation_id"] = (
            session.scalar(
                select(Organisation.id)
                .where(Organisation.is_own.is_(True))
                .order_by(Organisation.id)
                .limit(1)
            )
            if session is not None
            else (record.id if record.is_own else None)
        )
    if isinstance(record, AgendaItem) and record.id is not None:
        session = object_session(record)
        ids: list[int] = []
        if session is not None:
            ids = list(
                session.scalars(
                    select(ActionItem.id)
                    .where(ActionItem.agenda_item_id == record.id)
                    .order_by(ActionItem.id)
                )
            )
        snapshot["action_item_ids"] = ids
    return snapshot


def _check_references(session: Session, values: Mapping[str, Any], what: str) -> None:
    """Refuse to restore a row pointing at something deleted since."""
    for column, value in values.items():
        if value is None or column not in _REFERENCE_COLUMNS:
            continue
        model, label = _REFERENCE_COLUMNS[column]
        if session.get(model, value) is None:
            raise ValidationError(
                f"Cannot undo: the {label} this {what} referred to was deleted since.", column
            )


def restore_fields(session: Session, record: Any, snapshot: Mapping[str, Any]) -> Any:
    """Put a record's editable fields back as ``snapshot`` (from :func:`snapshot_of`) holds them.

    The undo of an edit. A position is restored by moving the record, so the
    siblings are renumbered as they were. Raises :class:`ValidationError` when
    the snapshot names a person, organisation or agenda item deleted since, and
    for an erased person.
    """
    kind = _kind_of(record)
    if snapshot.get("record_type") != kind.name or snapshot.get("id") != record.id:
        raise ValueError(f"the snapshot is not of {kind.name} #{record.id}")
    values = {name: snapshot[name] for name in kind.editable if name in snapshot}
    _check_references(session, values, kind.name.replace("_", " "))
    if isinstance(record, Person) and record.erased_at is not None:
        raise ValidationError(
            f"Cannot undo: person #{record.id} was erased on {_day(record.erased_at)}."
        )
    if isinstance(record, Organisation) and "own_organisation_id" in snapshot:
        own_id = snapshot["own_organisation_id"]
        for other in session.scalars(
            select(Organisation).where(
                (Organisation.is_own.is_(True)) | (Organisation.id == own_id)
            )
        ):
            if other is not record:
                _apply(other, {"is_own": other.id == own_id})
    for name in ("slug", "name", "email", "key"):
        # Unique values: someone may have taken the old one in the meantime.
        if name in values and values[name] != getattr(record, name):
            _check_unique_restore(session, record, name, values[name])
    position = values.pop("position", None)
    _apply(record, values)
    session.flush()
    if position is not None and position != record.position and kind.parent is not None:
        parent_column = getattr(kind.model, kind.parent)
        _move(session, record, parent_column, getattr(record, kind.parent), position)
    # Foreign keys were set as ids: reload the relationships that name them.
    session.expire(record)
    return record


def _check_unique_restore(session: Session, record: Any, name: str, value: Any) -> None:
    if value is None:
        return
    model = type(record)
    column = getattr(model, name)
    stmt = select(model.id).where(model.id != record.id)
    if name in ("name", "email") and model in (Organisation, Person):
        stmt = stmt.where(func.lower(column) == func.lower(value))
    else:
        stmt = stmt.where(column == value)
    if isinstance(record, Reference):
        stmt = stmt.where(Reference.statement_id == record.statement_id)
    if session.scalar(stmt) is not None:
        raise ValidationError(
            f"Cannot undo: {value!r} is now used by another {_kind_of(record).name}.", name
        )


def restore_record(session: Session, snapshot: Mapping[str, Any]) -> int:
    """Re-create a deleted record from its snapshot; returns its id.

    The undo of a delete, for the kinds in :data:`RESTORABLE_KINDS`. The row
    gets its old id back when that id is still free (a new one otherwise),
    its old position (the siblings move up to make room), and for an agenda
    item its notes and the action items that were filed under it. Raises
    :class:`ValidationError` when its parent (roundtable, statement, agenda
    item) or a person or organisation it names was deleted since.
    """
    kind_name = snapshot.get("record_type")
    if kind_name not in RESTORABLE_KINDS:
        raise ValueError(f"cannot restore a {kind_name!r} record")
    kind = _KINDS[str(kind_name)]
    assert kind.parent is not None  # every restorable kind has a parent
    what = kind.name.replace("_", " ")
    values = {name: snapshot[name] for name in kind.editable}
    parent_id = snapshot[kind.parent]
    _check_references(session, {kind.parent: parent_id, **values}, what)
    if kind.name == "reference":
        taken = session.scalar(
            select(Reference.id).where(
                Reference.statement_id == parent_id, Reference.key == values["key"]
            )
        )
        if taken is not None:
            raise ValidationError(
                f"Cannot undo: the statement now has another reference with the key "
                f"{values['key']!r}.",
                "key",
            )
    for note in snapshot.get("notes", ()):
        _check_references(session, {n: note[n] for n in _KINDS["minute_note"].editable}, "note")

    record = _recreate(session, kind, snapshot, values, parent_id)
    for note in snapshot.get("notes", ()):
        note_values = {n: note[n] for n in _KINDS["minute_note"].editable}
        _recreate(session, _KINDS["minute_note"], note, note_values, record.id)
    if kind.name == "agenda_item":
        for action_id in snapshot.get("action_item_ids", ()):
            action = session.get(ActionItem, action_id)
            if action is not None and action.agenda_item_id is None:
                action.agenda_item_id = record.id
    session.flush()
    return int(record.id)


def _recreate(
    session: Session,
    kind: _Kind,
    snapshot: Mapping[str, Any],
    values: dict[str, Any],
    parent_id: int,
) -> Any:
    model = kind.model
    old_id = snapshot.get("id")
    free = old_id is not None and session.get(model, old_id) is None
    position = values.pop("position", None)
    fields: dict[str, Any] = {kind.parent: parent_id, **values}  # type: ignore[dict-item]
    if free:
        fields["id"] = old_id
    if snapshot.get("created_at") is not None and hasattr(model, "created_at"):
        fields["created_at"] = snapshot["created_at"]
    if position is not None:
        parent_column = getattr(model, kind.parent)  # type: ignore[arg-type]
        fields["position"] = _next_position(session, model.position, parent_column == parent_id)
    record = model(**fields)
    session.add(record)
    session.flush()
    if position is not None:
        _move(session, record, getattr(model, kind.parent), parent_id, position)  # type: ignore[arg-type]
    return record


__all__ += [
    "RESTORABLE_KINDS",
    "delete_action_item",
    "delete_agenda_item",
    "delete_follow_up",
    "delete_minute_note",
    "delete_organisation",
    "delete_person",
    "delete_question",
    "delete_reference",
    "delete_roundtable",
    "delete_statement",
    "delete_statement_section",
    "delete_statement_update",
    "move_agenda_item",
    "move_minute_note",
    "move_reference",
    "move_statement_section",
    "remove_invitation",
    "restore_fields",
    "restore_record",
    "snapshot_of",
    "unlink_roundtable",
    "update_action_item",
    "update_agenda_item",
    "update_follow_up",
    "update_minute_note",
    "update_reference",
    "update_statement",
    "update_statement_section",
    "update_statement_update",
]
