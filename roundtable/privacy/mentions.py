"""Mentions of a person in free text: their full name as whole words in any letter
case, or their e-mail address, in every text column the database has.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, false, func, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from roundtable import i18n
from roundtable.editing import day_label
from roundtable.errors import ValidationError
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    AuditEntry,
    Base,
    FollowUp,
    Invitation,
    InvitationEvent,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Reference,
    Roundtable,
    RoundtableEvent,
    Statement,
    StatementSection,
    StatementUpdate,
    Timestamped,
)
from roundtable.text import format_day

#: About how many characters of text a mention's excerpt shows.
EXCERPT_LENGTH = 120


@dataclass(frozen=True)
class Mention:
    """One free-text field that names a person (by full name or e-mail address)."""

    #: Where it is, for people: 'Minutes of "…", agenda item "Opening", note 2', in the
    #: user's language.
    where: str
    #: The table and row ("minute_note", 17) and the column ("text").
    table: str
    row_id: int
    field: str
    #: About :data:`EXCERPT_LENGTH` characters around the first match, "…" where cut.
    excerpt: str
    #: What matched, as written in the text.
    matched: str
    #: :attr:`where` in English, as files (the subject-access report) say it.
    where_english: str = ""


#: A translation function: :func:`roundtable.i18n._`, or :func:`keep_english` for words
#: that go into files.
Words = Callable[[str], str]


def keep_english(message: str) -> str:
    """The English ``message`` itself: the words of a file, whatever the user's language."""
    return message


@dataclass(frozen=True)
class TextColumn:
    """A free-text column that may mention people."""

    attribute: InstrumentedAttribute[Any]
    #: Added to the record's description when the record has several such
    #: columns ("topic"), in the words it is given; ``None`` for the record's one main text.
    label: Callable[[Words], str] | None = None
    #: An e-mail column: a match clears it rather than putting a label in it.
    email: bool = False

    @property
    def model(self) -> Any:
        return self.attribute.class_

    @property
    def name(self) -> str:
        return self.attribute.key

    @property
    def max_length(self) -> int | None:
        column_type = self.attribute.property.columns[0].type
        return column_type.length if isinstance(column_type, String) else None


#: Every column where free text can name someone (the person's own row is
#: handled field by field). Titles are included: "Lunch with Elena Marsh" is a
#: mention as much as a note is. A label is given the words to use (``_`` translates,
#: :func:`keep_english` keeps the English of a file), so each is written once, as a
#: literal the catalog's checks find.
TEXT_COLUMNS: tuple[TextColumn, ...] = (
    TextColumn(Organisation.notes, lambda _: _("notes")),
    TextColumn(Organisation.email, lambda _: _("e-mail address"), email=True),
    TextColumn(Person.notes, lambda _: _("notes")),
    TextColumn(Person.consent_note, lambda _: _("consent note")),
    TextColumn(Roundtable.title, lambda _: _("title")),
    TextColumn(Roundtable.topic, lambda _: _("topic")),
    TextColumn(Roundtable.description, lambda _: _("description")),
    TextColumn(Roundtable.venue, lambda _: _("venue")),
    TextColumn(Roundtable.cancellation_reason, lambda _: _("cancellation reason")),
    TextColumn(RoundtableEvent.reason, lambda _: _("reason")),
    TextColumn(RoundtableEvent.detail, lambda _: _("detail")),
    TextColumn(Invitation.notes, lambda _: _("notes")),
    TextColumn(InvitationEvent.reason, lambda _: _("reason")),
    TextColumn(Question.text),
    TextColumn(Question.answer, lambda _: _("answer")),
    TextColumn(AgendaItem.title),
    TextColumn(MinuteNote.text),
    TextColumn(ActionItem.description),
    TextColumn(FollowUp.title, lambda _: _("title")),
    TextColumn(FollowUp.body, lambda _: _("text")),
    TextColumn(FollowUp.stance, lambda _: _("stance")),
    TextColumn(Statement.title, lambda _: _("title")),
    TextColumn(Statement.summary, lambda _: _("summary")),
    TextColumn(Statement.translation_note, lambda _: _("translation note")),
    TextColumn(StatementSection.heading, lambda _: _("heading")),
    TextColumn(StatementSection.body, lambda _: _("text")),
    TextColumn(Reference.title, lambda _: _("title")),
    TextColumn(Reference.publisher, lambda _: _("publisher")),
    TextColumn(Reference.note, lambda _: _("note")),
    TextColumn(StatementUpdate.title, lambda _: _("title")),
    TextColumn(StatementUpdate.body, lambda _: _("text")),
    TextColumn(AuditEntry.detail),
)


#: Columns naming the user who recorded a change (``--user``): compared whole.
ACTOR_COLUMNS: tuple[InstrumentedAttribute[str], ...] = (
    RoundtableEvent.actor,
    InvitationEvent.actor,
    AuditEntry.actor,
)


#: Models whose ``updated_by`` names the user who saved the row last.
TIMESTAMPED: tuple[Any, ...] = tuple(
    mapper.class_
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__name__)
    if issubclass(mapper.class_, Timestamped)
)


_LIKE_ESCAPE = "\\"


def _like_escape(value: str) -> str:
    return (
        value.replace(_LIKE_ESCAPE, _LIKE_ESCAPE * 2)
        .replace("%", _LIKE_ESCAPE + "%")
        .replace("_", _LIKE_ESCAPE + "_")
    )


def _folds_alike(char: str) -> bool:
    """Whether SQLite's ``lower()`` and PostgreSQL's agree on ``char`` with Python's.

    SQLite folds ASCII only; characters without case need no folding.
    """
    return char.isascii() or (char.lower() == char and char.upper() == char)


def _narrowing_fragment(words: Sequence[str]) -> str | None:
    """The longest run of a word's characters every backend lower-cases alike, if any."""
    best = ""
    for word in words:
        run = ""
        for char in word.lower() + " ":
            # Quotes and backslashes are left out: JSON (the audit log) escapes them.
            if _folds_alike(char) and not char.isspace() and char not in '"\\':
                run += char
                continue
            if len(run) > len(best):
                best = run
            run = ""
    # One character narrows nothing worth a query's complication.
    return best if len(best) >= 2 else None


class Matcher:
    """Finds one person's full name or e-mail address in text."""

    def __init__(self, name: str, email: str | None) -> None:
        words = name.split()
        self.name = " ".join(words)
        self.email = (email or "").strip()
        alternatives = []
        if words:
            spellings = {tuple(words)}
            # The audit log stores JSON, whose writer escapes non-ASCII ("Zo\u00eb").
            spellings.add(tuple(json.dumps(word)[1:-1] for word in words))
            for spelling in sorted(spellings):
                body = r"\s+".join(re.escape(word) for word in spelling)
                alternatives.append(rf"(?<!\w){body}(?!\w)")
        if self.email:
            alternatives.append(rf"(?<![\w.+-]){re.escape(self.email)}(?![\w-])(?!\.[\w-])")
        self.pattern = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None
        fragments: list[str | None] = [_narrowing_fragment(words)] if words else []
        if self.email:
            fragments.append(_narrowing_fragment([self.email]))
        self._fragments = fragments

    def narrow(self, column: InstrumentedAttribute[Any]) -> ColumnElement[bool]:
        """A SQL condition true for every row whose ``column`` may hold a match."""
        if self.pattern is None:
            return false()
        conditions: list[ColumnElement[bool]] = []
        for fragment in self._fragments:
            if fragment is None:
                return column.is_not(None)  # nothing to narrow by: Python checks every row
            conditions.append(
                func.lower(column).like(f"%{_like_escape(fragment)}%", escape=_LIKE_ESCAPE)
            )
        return or_(*conditions) if conditions else true()

    def search(self, value: str | None) -> re.Match[str] | None:
        if not value or self.pattern is None:
            return None
        return self.pattern.search(value)

    def replace(self, value: str, label: str) -> str:
        assert self.pattern is not None
        # A function, so nothing in the label is read as a group reference.
        return self.pattern.sub(lambda _match: label, value)

    def is_actor(self, value: str | None) -> bool:
        """Whether a recorded user name is this person (the whole value, any case)."""
        given = " ".join((value or "").split()).casefold()
        return bool(given) and given in {self.name.casefold(), self.email.casefold()} - {""}


def excerpt(value: str, start: int, end: int) -> str:
    """About :data:`EXCERPT_LENGTH` characters of ``value`` around ``value[start:end]``."""
    room = max(0, EXCERPT_LENGTH - (end - start))
    left = max(0, start - room // 2)
    right = min(len(value), end + (room - (start - left)))
    left = max(0, min(left, right - EXCERPT_LENGTH))
    piece = " ".join(value[left:right].split())
    return ("…" if left > 0 else "") + piece + ("…" if right < len(value) else "")


def roundtable_title(roundtable: Roundtable | None, _: Words = i18n._) -> str:
    """A roundtable as places name it: "“Project Clover”", or "a roundtable" when it has none."""
    return f"“{roundtable.title}”" if roundtable is not None else _("a roundtable")


def _history_step(value: str, _: Words) -> str:
    """A roundtable's history action or an invitation's status as a step: "accepted"."""
    steps = {
        "created": _("created"),
        "edited": _("edited"),
        "scheduled": _("scheduled"),
        "rescheduled": _("rescheduled"),
        "postponed": _("postponed"),
        "cancelled": _("cancelled"),
        "held": _("held"),
        "not_sent": _("not sent"),
        "invited": _("invited"),
        "accepted": _("accepted"),
        "tentative": _("tentative"),
        "declined": _("declined"),
        "no_response": _("no response"),
        "withdrawn": _("withdrawn"),
        "attended": _("attended"),
        "no_show": _("no show"),
    }
    return steps.get(value, value.replace("_", " "))


def describe_record(record: Any, *, english: bool = False) -> str:
    """Where a record sits, in words a coordinator recognises: in the user's language,
    or in English (``english=True``) for the words of a file."""
    # ``_`` translates, or keeps the English words of a file.
    _: Words = keep_english if english else i18n._
    language = "en" if english else i18n.language()

    def day(value: Any) -> str:
        return format_day(value, language=language)

    match record:
        case Organisation():
            return _("Organisation “{name}”").format(name=record.name)
        case Person():
            return _("Person #{id} “{name}”").format(id=record.id, name=record.name)
        case Roundtable():
            return _("Roundtable {title}").format(title=roundtable_title(record, _))
        case RoundtableEvent():
            return _("History of {title}, {step} on {day}").format(
                title=roundtable_title(record.roundtable, _),
                step=_history_step(record.action.value, _),
                day=day(record.at),
            )
        case Invitation():
            return _("Invitation of {name} to {title}").format(
                name=record.invitee_name, title=roundtable_title(record.roundtable, _)
            )
        case InvitationEvent():
            invitation = record.invitation
            return _("History of the invitation of {name} to {title}, {step} on {day}").format(
                name=invitation.invitee_name,
                title=roundtable_title(invitation.roundtable, _),
                step=_history_step(record.to_status.value, _),
                day=day(record.at),
            )
        case Question():
            return _("Questions for {title}, question {number}").format(
                title=roundtable_title(record.roundtable, _), number=record.position + 1
            )
        case AgendaItem():
            return _("Minutes of {title}, agenda item {number}").format(
                title=roundtable_title(record.roundtable, _), number=record.position + 1
            )
        case MinuteNote():
            item = record.agenda_item
            return _("Minutes of {title}, agenda item “{item}”, note {number}").format(
                title=roundtable_title(item.roundtable, _),
                item=item.title,
                number=record.position + 1,
            )
        case ActionItem():
            return _("Action items of {title}, action #{id}").format(
                title=roundtable_title(record.roundtable, _), id=record.id
            )
        case FollowUp():
            return _("Follow-up of {title} dated {day}").format(
                title=roundtable_title(record.roundtable, _), day=day(record.dated)
            )
        case Statement():
            return _("Statement “{title}”").format(title=record.title)
        case StatementSection():
            if record.heading:
                return _("Statement “{title}”, section “{heading}”").format(
                    title=record.statement.title, heading=record.heading
                )
            return _("Statement “{title}”, section {number}").format(
                title=record.statement.title, number=record.position + 1
            )
        case Reference():
            return _("Statement “{title}”, reference “{key}”").format(
                title=record.statement.title, key=record.key
            )
        case StatementUpdate():
            return _("Statement “{title}”, update of {day}").format(
                title=record.statement.title, day=day(record.dated)
            )
        case AuditEntry():
            return _("Audit log, “{action}” on {day}").format(
                action=record.action, day=day(record.at)
            )
    return f"{type(record).__name__} #{record.id}"  # pragma: no cover - every table is above


def describe_place(record: Any, column: TextColumn, *, english: bool = False) -> str:
    """Where a text column's value sits: the record, and the column when it has several."""
    place = describe_record(record, english=english)
    if column.label is None:
        return place
    return f"{place}, {column.label(keep_english if english else i18n._)}"


@dataclass(frozen=True)
class Hit:
    """A mention with the record holding it and how its text reads after erasure."""

    mention: Mention
    record: Any
    column: TextColumn
    match: re.Match[str]


def scan_mentions(session: Session, person: Person, matcher: Matcher) -> list[Hit]:
    session.flush()  # pending edits are part of what the database holds
    hits: list[Hit] = []
    for column in TEXT_COLUMNS:
        model = column.model
        stmt = select(model).where(matcher.narrow(column.attribute)).order_by(model.id)
        if model is Person:
            stmt = stmt.where(Person.id != person.id)
        for record in session.scalars(stmt):
            value = getattr(record, column.name)
            found = matcher.search(value)
            if found is None:
                continue
            mention = Mention(
                where=describe_place(record, column),
                table=model.__tablename__,
                row_id=record.id,
                field=column.name,
                excerpt=excerpt(value, found.start(), found.end()),
                matched=found.group(0),
                where_english=describe_place(record, column, english=True),
            )
            hits.append(Hit(mention, record, column, found))
    return hits


def find_mentions(session: Session, person: Person) -> list[Mention]:
    """Every free-text field, outside the person's own row, that names them.

    A field names the person when it holds their full name (whole words, any
    letter case, any whitespace between the parts) or their e-mail address.
    Covers notes, minutes, questions and answers, histories' reasons,
    statements, references, follow-ups and the audit log; one mention per
    field, ordered by table and row.
    """
    return [
        hit.mention for hit in scan_mentions(session, person, Matcher(person.name, person.email))
    ]


def invitations_of(session: Session, person: Person) -> list[Invitation]:
    return list(
        session.scalars(
            select(Invitation)
            .where(Invitation.person_id == person.id)
            .options(selectinload(Invitation.history), selectinload(Invitation.roundtable))
            .order_by(Invitation.id)
        )
    )


def erasure_label(person_id: int) -> str:
    """The neutral name an erased person gets: "Erased person #12"."""
    return f"Erased person #{person_id}"


def refuse_erased(person: Person, what: Callable[[], str]) -> None:
    """Refuse to work on an erased person; ``what`` gives the message ({id}, {day})."""
    if person.erased_at is not None:
        raise ValidationError(
            what().format(id=person.id, day=day_label(person.erased_at)),
            "person",
        )


def actor_rows(session: Session, matcher: Matcher) -> list[tuple[Any, str]]:
    """(record, attribute) for every row that names the person as the app's user."""
    found: list[tuple[Any, str]] = []
    for attribute in ACTOR_COLUMNS:
        model: Any = attribute.class_
        stmt = select(model).where(matcher.narrow(attribute)).order_by(model.id)
        found += [(r, attribute.key) for r in session.scalars(stmt) if matcher.is_actor(r.actor)]
    for model in TIMESTAMPED:
        stmt = select(model).where(matcher.narrow(model.updated_by)).order_by(model.id)
        found += [
            (r, "updated_by") for r in session.scalars(stmt) if matcher.is_actor(r.updated_by)
        ]
    return found
