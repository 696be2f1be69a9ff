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
from roundtable.text import day_month_year

#: About how many characters of text a mention's excerpt shows.
EXCERPT_LENGTH = 120


@dataclass(frozen=True)
class Mention:
    """One free-text field that names a person (by full name or e-mail address)."""

    #: Where it is, for people: 'Minutes of "…", agenda item "Opening", note 2'.
    where: str
    #: The table and row ("minute_note", 17) and the column ("text").
    table: str
    row_id: int
    field: str
    #: About :data:`EXCERPT_LENGTH` characters around the first match, "…" where cut.
    excerpt: str
    #: What matched, as written in the text.
    matched: str


@dataclass(frozen=True)
class TextColumn:
    """A free-text column that may mention people."""

    attribute: InstrumentedAttribute[Any]
    #: Added to the record's description when the record has several such
    #: columns (", topic"); empty for the record's one main text.
    suffix: str = ""
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
#: mention as much as a note is.
TEXT_COLUMNS: tuple[TextColumn, ...] = (
    TextColumn(Organisation.notes, ", notes"),
    TextColumn(Organisation.email, ", e-mail address", email=True),
    TextColumn(Person.notes, ", notes"),
    TextColumn(Person.consent_note, ", consent note"),
    TextColumn(Roundtable.title, ", title"),
    TextColumn(Roundtable.topic, ", topic"),
    TextColumn(Roundtable.description, ", description"),
    TextColumn(Roundtable.venue, ", venue"),
    TextColumn(Roundtable.cancellation_reason, ", cancellation reason"),
    TextColumn(RoundtableEvent.reason, ", reason"),
    TextColumn(RoundtableEvent.detail, ", detail"),
    TextColumn(Invitation.notes, ", notes"),
    TextColumn(InvitationEvent.reason, ", reason"),
    TextColumn(Question.text),
    TextColumn(Question.answer, ", answer"),
    TextColumn(AgendaItem.title),
    TextColumn(MinuteNote.text),
    TextColumn(ActionItem.description),
    TextColumn(FollowUp.title, ", title"),
    TextColumn(FollowUp.body, ", text"),
    TextColumn(FollowUp.stance, ", stance"),
    TextColumn(Statement.title, ", title"),
    TextColumn(Statement.summary, ", summary"),
    TextColumn(Statement.translation_note, ", translation note"),
    TextColumn(StatementSection.heading, ", heading"),
    TextColumn(StatementSection.body, ", text"),
    TextColumn(Reference.title, ", title"),
    TextColumn(Reference.publisher, ", publisher"),
    TextColumn(Reference.note, ", note"),
    TextColumn(StatementUpdate.title, ", title"),
    TextColumn(StatementUpdate.body, ", text"),
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


def roundtable_title(roundtable: Roundtable | None) -> str:
    return f"“{roundtable.title}”" if roundtable is not None else "a roundtable"


def describe_record(record: Any) -> str:
    """Where a record sits, in words a coordinator recognises."""
    match record:
        case Organisation():
            return f"Organisation “{record.name}”"
        case Person():
            return f"Person #{record.id} “{record.name}”"
        case Roundtable():
            return f"Roundtable {roundtable_title(record)}"
        case RoundtableEvent():
            return (
                f"History of {roundtable_title(record.roundtable)}, "
                f"{record.action.value} on {day_month_year(record.at)}"
            )
        case Invitation():
            return f"Invitation of {record.invitee_name} to {roundtable_title(record.roundtable)}"
        case InvitationEvent():
            invitation = record.invitation
            return (
                f"History of the invitation of {invitation.invitee_name} to "
                f"{roundtable_title(invitation.roundtable)}, "
                f"{record.to_status.value.replace('_', ' ')} on {day_month_year(record.at)}"
            )
        case Question():
            return f"Questions for {roundtable_title(record.roundtable)}, question {record.position + 1}"
        case AgendaItem():
            return f"Minutes of {roundtable_title(record.roundtable)}, agenda item {record.position + 1}"
        case MinuteNote():
            item = record.agenda_item
            return (
                f"Minutes of {roundtable_title(item.roundtable)}, agenda item “{item.title}”, "
                f"note {record.position + 1}"
            )
        case ActionItem():
            return f"Action items of {roundtable_title(record.roundtable)}, action #{record.id}"
        case FollowUp():
            return f"Follow-up of {roundtable_title(record.roundtable)} dated {day_month_year(record.dated)}"
        case Statement():
            return f"Statement “{record.title}”"
        case StatementSection():
            section = f"“{record.heading}”" if record.heading else str(record.position + 1)
            return f"Statement “{record.statement.title}”, section {section}"
        case Reference():
            return f"Statement “{record.statement.title}”, reference “{record.key}”"
        case StatementUpdate():
            return f"Statement “{record.statement.title}”, update of {day_month_year(record.dated)}"
        case AuditEntry():
            return f"Audit log, “{record.action}” on {day_month_year(record.at)}"
    return f"{type(record).__name__} #{record.id}"  # pragma: no cover - every table is above


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
                where=describe_record(record) + column.suffix,
                table=model.__tablename__,
                row_id=record.id,
                field=column.name,
                excerpt=excerpt(value, found.start(), found.end()),
                matched=found.group(0),
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
            what().format(id=person.id, day=day_month_year(person.erased_at)),
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
