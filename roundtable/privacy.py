"""Privacy tools (GDPR): subject access, erasure by anonymisation, retention review.

The people in a Roundtable database are mostly other people: invitees,
speakers, organisers. This module gives the coordinator what the GDPR expects
of whoever holds such data:

* **Subject access** (article 15): :func:`subject_access_report` gathers
  everything the database holds about one person (their record, invitations
  with their history, questions, action items, minute notes, roundtables they
  organised, audit rows, and every free-text *mention* of their name or
  e-mail address); :func:`write_subject_access` writes it as JSON and as a
  readable HTML page.
* **Erasure** (article 17) by anonymisation: :func:`plan_erasure` shows what
  would change and :func:`erase_person` does it. The person's row stays, under a
  neutral label ("Erased person #12"), so invitations, questions, notes and
  their histories stay whole and every count stays right; only the personal
  details go. Their name and e-mail address are also replaced wherever free
  text mentions them, in other people's records and in the audit log too.
* **Retention**: after a retention period (:func:`retention_months`, 24 months
  by default) following the last roundtable a person took part in, their
  details are due for review (:func:`due_for_review`); the coordinator erases
  them or keeps them (:func:`keep_person`) for another period.
* **The audit log**, read back for the app (:func:`list_audit_entries`).

Mentions are found with the same rule everywhere: the person's full name as
whole words in any letter case, with any whitespace between its parts, or
their e-mail address. SQL ``LIKE`` on ``lower(…)`` narrows the rows (on a part
of the name both SQLite and PostgreSQL fold alike), then a Python regular
expression confirms each match, so "Anna" never matches inside "Annabel".

What erasure cannot reach: copies outside the database (exports and reports
written earlier, backups, the copy made before a schema upgrade). On SQLite,
deleted text may linger in free space inside the file; erasure therefore turns
on ``PRAGMA secure_delete`` for its connection, and :func:`scrub_sqlite_file`
(called after the commit) folds the write-ahead log back into the file.
"""

from __future__ import annotations

import calendar
import json
import os
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import ColumnElement, Engine, String, false, func, or_, select, true
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from roundtable import context
from roundtable.audit import record_audit
from roundtable.errors import RoundtableError, ValidationError
from roundtable.i18n import _, ngettext
from roundtable.models import (
    ActionItem,
    AgendaItem,
    AuditEntry,
    Base,
    DatabaseInfo,
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
from roundtable.resources_access import resource_files

__all__ = [
    "DEFAULT_RETENTION_MONTHS",
    "AuditRow",
    "ErasurePlan",
    "Mention",
    "ReportWriteError",
    "ReviewItem",
    "add_months",
    "count_due_for_review",
    "due_for_review",
    "erase_person",
    "erasure_label",
    "find_mentions",
    "keep_person",
    "list_audit_entries",
    "next_review_on",
    "plan_erasure",
    "retention_months",
    "scrub_sqlite_file",
    "set_retention_months",
    "subject_access_html",
    "subject_access_report",
    "summarise_detail",
    "write_subject_access",
]

DEFAULT_RETENTION_MONTHS = 24
MIN_RETENTION_MONTHS = 1
MAX_RETENTION_MONTHS = 240
#: The ``database_info`` key holding the retention period in months.
RETENTION_KEY = "retention_months"

REPORT_FORMAT = "roundtable-subject-access"
REPORT_VERSION = 1
#: The report's template, in ``resources/templates/privacy/`` (not user-editable).
REPORT_TEMPLATE = "subject_access.html.j2"

#: About how many characters of text a mention's excerpt shows.
EXCERPT_LENGTH = 120

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(value: date | datetime) -> str:
    """A date as messages show it: "5 Sep 2023" (a datetime by its UTC date)."""
    if isinstance(value, datetime):
        value = value.astimezone(UTC).date()
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _iso(value: datetime | date | None) -> str | None:
    """A JSON-ready time ("2023-09-05T12:00:00Z") or date ("2023-09-05")."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return value.isoformat()


def erasure_label(person_id: int) -> str:
    """The neutral name an erased person gets: "Erased person #12"."""
    return f"Erased person #{person_id}"


def _refuse_erased(person: Person, what: Callable[[], str]) -> None:
    """Refuse to work on an erased person; ``what`` gives the message ({id}, {day})."""
    if person.erased_at is not None:
        raise ValidationError(
            what().format(id=person.id, day=_day(person.erased_at)),
            "person",
        )


# ==========================================================================
# Finding mentions
# ==========================================================================


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
class _TextColumn:
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
_TEXT_COLUMNS: tuple[_TextColumn, ...] = (
    _TextColumn(Organisation.notes, ", notes"),
    _TextColumn(Organisation.email, ", e-mail address", email=True),
    _TextColumn(Person.notes, ", notes"),
    _TextColumn(Person.consent_note, ", consent note"),
    _TextColumn(Roundtable.title, ", title"),
    _TextColumn(Roundtable.topic, ", topic"),
    _TextColumn(Roundtable.description, ", description"),
    _TextColumn(Roundtable.venue, ", venue"),
    _TextColumn(Roundtable.cancellation_reason, ", cancellation reason"),
    _TextColumn(RoundtableEvent.reason, ", reason"),
    _TextColumn(RoundtableEvent.detail, ", detail"),
    _TextColumn(Invitation.notes, ", notes"),
    _TextColumn(InvitationEvent.reason, ", reason"),
    _TextColumn(Question.text),
    _TextColumn(Question.answer, ", answer"),
    _TextColumn(AgendaItem.title),
    _TextColumn(MinuteNote.text),
    _TextColumn(ActionItem.description),
    _TextColumn(FollowUp.title, ", title"),
    _TextColumn(FollowUp.body, ", text"),
    _TextColumn(FollowUp.stance, ", stance"),
    _TextColumn(Statement.title, ", title"),
    _TextColumn(Statement.summary, ", summary"),
    _TextColumn(Statement.translation_note, ", translation note"),
    _TextColumn(StatementSection.heading, ", heading"),
    _TextColumn(StatementSection.body, ", text"),
    _TextColumn(Reference.title, ", title"),
    _TextColumn(Reference.publisher, ", publisher"),
    _TextColumn(Reference.note, ", note"),
    _TextColumn(StatementUpdate.title, ", title"),
    _TextColumn(StatementUpdate.body, ", text"),
    _TextColumn(AuditEntry.detail),
)

#: Columns naming the user who recorded a change (``--user``): compared whole.
_ACTOR_COLUMNS: tuple[InstrumentedAttribute[str], ...] = (
    RoundtableEvent.actor,
    InvitationEvent.actor,
    AuditEntry.actor,
)
#: Models whose ``updated_by`` names the user who saved the row last.
_TIMESTAMPED: tuple[Any, ...] = tuple(
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


class _Matcher:
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


def _excerpt(value: str, start: int, end: int) -> str:
    """About :data:`EXCERPT_LENGTH` characters of ``value`` around ``value[start:end]``."""
    room = max(0, EXCERPT_LENGTH - (end - start))
    left = max(0, start - room // 2)
    right = min(len(value), end + (room - (start - left)))
    left = max(0, min(left, right - EXCERPT_LENGTH))
    piece = " ".join(value[left:right].split())
    return ("…" if left > 0 else "") + piece + ("…" if right < len(value) else "")


def _title(roundtable: Roundtable | None) -> str:
    return f"“{roundtable.title}”" if roundtable is not None else "a roundtable"


def _describe(record: Any) -> str:
    """Where a record sits, in words a coordinator recognises."""
    match record:
        case Organisation():
            return f"Organisation “{record.name}”"
        case Person():
            return f"Person #{record.id} “{record.name}”"
        case Roundtable():
            return f"Roundtable {_title(record)}"
        case RoundtableEvent():
            return (
                f"History of {_title(record.roundtable)}, "
                f"{record.action.value} on {_day(record.at)}"
            )
        case Invitation():
            return f"Invitation of {record.invitee_name} to {_title(record.roundtable)}"
        case InvitationEvent():
            invitation = record.invitation
            return (
                f"History of the invitation of {invitation.invitee_name} to "
                f"{_title(invitation.roundtable)}, "
                f"{record.to_status.value.replace('_', ' ')} on {_day(record.at)}"
            )
        case Question():
            return f"Questions for {_title(record.roundtable)}, question {record.position + 1}"
        case AgendaItem():
            return f"Minutes of {_title(record.roundtable)}, agenda item {record.position + 1}"
        case MinuteNote():
            item = record.agenda_item
            return (
                f"Minutes of {_title(item.roundtable)}, agenda item “{item.title}”, "
                f"note {record.position + 1}"
            )
        case ActionItem():
            return f"Action items of {_title(record.roundtable)}, action #{record.id}"
        case FollowUp():
            return f"Follow-up of {_title(record.roundtable)} dated {_day(record.dated)}"
        case Statement():
            return f"Statement “{record.title}”"
        case StatementSection():
            section = f"“{record.heading}”" if record.heading else str(record.position + 1)
            return f"Statement “{record.statement.title}”, section {section}"
        case Reference():
            return f"Statement “{record.statement.title}”, reference “{record.key}”"
        case StatementUpdate():
            return f"Statement “{record.statement.title}”, update of {_day(record.dated)}"
        case AuditEntry():
            return f"Audit log, “{record.action}” on {_day(record.at)}"
    return f"{type(record).__name__} #{record.id}"  # pragma: no cover - every table is above


@dataclass(frozen=True)
class _Hit:
    """A mention with the record holding it and how its text reads after erasure."""

    mention: Mention
    record: Any
    column: _TextColumn
    match: re.Match[str]


def _scan(session: Session, person: Person, matcher: _Matcher) -> list[_Hit]:
    session.flush()  # pending edits are part of what the database holds
    hits: list[_Hit] = []
    for column in _TEXT_COLUMNS:
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
                where=_describe(record) + column.suffix,
                table=model.__tablename__,
                row_id=record.id,
                field=column.name,
                excerpt=_excerpt(value, found.start(), found.end()),
                matched=found.group(0),
            )
            hits.append(_Hit(mention, record, column, found))
    return hits


def find_mentions(session: Session, person: Person) -> list[Mention]:
    """Every free-text field, outside the person's own row, that names them.

    A field names the person when it holds their full name (whole words, any
    letter case, any whitespace between the parts) or their e-mail address.
    Covers notes, minutes, questions and answers, histories' reasons,
    statements, references, follow-ups and the audit log; one mention per
    field, ordered by table and row.
    """
    return [hit.mention for hit in _scan(session, person, _Matcher(person.name, person.email))]


# ==========================================================================
# Subject access
# ==========================================================================


def _database_description(session: Session) -> str | None:
    from roundtable.db import describe_url

    bind = session.get_bind()
    url = getattr(bind, "url", None)
    return describe_url(url) if url is not None else None


def _person_fields(person: Person) -> dict[str, Any]:
    organisation = person.organisation
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "organisation": organisation.name if organisation is not None else None,
        "role": person.role,
        "phone": person.phone,
        "preferred_language": person.preferred_language,
        "notes": person.notes,
        "lawful_basis": person.lawful_basis.value,
        "consent_note": person.consent_note,
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
        "updated_by": person.updated_by,
        "erased_at": _iso(person.erased_at),
        "retention_reviewed_at": _iso(person.retention_reviewed_at),
    }


def _roundtable_fields(roundtable: Roundtable) -> dict[str, Any]:
    return {
        "roundtable_id": roundtable.id,
        "roundtable": roundtable.title,
        "starts_at": _iso(roundtable.starts_at),
        "ends_at": _iso(roundtable.ends_at),
        "timezone": roundtable.timezone,
        "roundtable_status": roundtable.status.value,
    }


def _invitations_of(session: Session, person: Person) -> list[Invitation]:
    return list(
        session.scalars(
            select(Invitation)
            .where(Invitation.person_id == person.id)
            .options(selectinload(Invitation.history), selectinload(Invitation.roundtable))
            .order_by(Invitation.id)
        )
    )


def _invitation_fields(invitation: Invitation) -> dict[str, Any]:
    organisation = invitation.organisation
    return {
        "id": invitation.id,
        **_roundtable_fields(invitation.roundtable),
        "organisation": organisation.name if organisation is not None else None,
        "role": invitation.role.value,
        "status": invitation.status.value,
        "consent_to_be_named": invitation.consent_to_be_named,
        "notes": invitation.notes,
        "created_at": _iso(invitation.created_at),
        "history": [
            {
                "at": _iso(event.at),
                "from": event.from_status.value if event.from_status is not None else None,
                "to": event.to_status.value,
                "party": event.party.value,
                "source": event.source.value,
                "reason": event.reason,
                "actor": event.actor,
            }
            for event in invitation.history
        ],
    }


def _retention_facts(session: Session, person: Person) -> dict[str, Any]:
    return {
        "months": retention_months(session),
        "review_due_on": _iso(next_review_on(session, person)),
    }


def _recorded_by(session: Session, matcher: _Matcher) -> int:
    return len(_actor_rows(session, matcher))


def subject_access_report(session: Session, person: Person) -> dict[str, Any]:
    """Everything the database holds about ``person``, as a JSON-ready dict.

    Keys: ``format`` ("roundtable-subject-access"), ``version``,
    ``generated_at``, ``generated_by``, ``database``, ``person`` (every field,
    organisation by name), ``retention`` (period and next review date),
    ``invitations`` (each with its ``history``), ``questions``,
    ``action_items``, ``minute_notes_spoken``, ``roundtables_organised``,
    ``mentions`` (see :func:`find_mentions`), ``audit`` (audit rows about the
    person) and ``recorded_changes`` (history and audit rows they recorded as
    the app's user). Times are UTC ISO 8601 ("2023-09-05T12:00:00Z").
    """
    matcher = _Matcher(person.name, person.email)
    mentions = [hit.mention for hit in _scan(session, person, matcher)]
    questions = session.scalars(
        select(Question).where(Question.asked_by_person_id == person.id).order_by(Question.id)
    )
    actions = session.scalars(
        select(ActionItem).where(ActionItem.owner_person_id == person.id).order_by(ActionItem.id)
    )
    notes = session.scalars(
        select(MinuteNote).where(MinuteNote.speaker_person_id == person.id).order_by(MinuteNote.id)
    )
    organised = session.scalars(
        select(Roundtable).where(Roundtable.organiser_id == person.id).order_by(Roundtable.id)
    )
    audit = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "person", AuditEntry.entity_id == person.id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "generated_at": _iso(context.now()),
        "generated_by": context.actor(),
        "database": _database_description(session),
        "person": _person_fields(person),
        "retention": _retention_facts(session, person),
        "invitations": [_invitation_fields(i) for i in _invitations_of(session, person)],
        "questions": [
            {
                "id": q.id,
                **_roundtable_fields(q.roundtable),
                "position": q.position + 1,
                "text": q.text,
                "status": q.status.value,
                "answer": q.answer,
            }
            for q in questions
        ],
        "action_items": [
            {
                "id": a.id,
                **_roundtable_fields(a.roundtable),
                "description": a.description,
                "due_on": _iso(a.due_on),
                "done": a.done,
                "done_at": _iso(a.done_at),
            }
            for a in actions
        ],
        "minute_notes_spoken": [
            {
                "id": n.id,
                **_roundtable_fields(n.agenda_item.roundtable),
                "agenda_item": n.agenda_item.title,
                "kind": n.kind.value,
                "text": n.text,
                "not_for_attribution": n.not_for_attribution,
            }
            for n in notes
        ],
        "roundtables_organised": [_roundtable_fields(r) for r in organised],
        "mentions": [
            {
                "where": m.where,
                "table": m.table,
                "row_id": m.row_id,
                "field": m.field,
                "excerpt": m.excerpt,
                "matched": m.matched,
            }
            for m in mentions
        ],
        "audit": [
            {
                "id": entry.id,
                "at": _iso(entry.at),
                "actor": entry.actor,
                "action": entry.action,
                "detail": entry.detail,
            }
            for entry in audit
        ],
        "recorded_changes": _recorded_by(session, matcher),
    }


def _label(value: Any) -> str:
    """An enum value as words: "legitimate_interest" -> "Legitimate interest"."""
    words = str(value or "").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _report_time(value: Any) -> str:
    """An ISO time of the report as "5 Sep 2023, 12:00 UTC" (a date as "5 Sep 2023")."""
    if not value:
        return ""
    text_value = str(value)
    try:
        if "T" in text_value:
            moment = datetime.fromisoformat(text_value.replace("Z", "+00:00"))
            return f"{_day(moment)}, {moment.astimezone(UTC):%H:%M} UTC"
        return _day(date.fromisoformat(text_value))
    except ValueError:
        return text_value


def subject_access_html(report: Mapping[str, Any]) -> str:
    """The report of :func:`subject_access_report` as a self-contained HTML5 page.

    Inline CSS with print styles, every value escaped, and a short explanation
    at the top of what the report is (the right of access, GDPR article 15).
    """
    from jinja2 import Environment, StrictUndefined

    # A shipped template, not a user's: a plain (not sandboxed) environment,
    # autoescaped, and strict about names so a missing value fails loudly.
    environment = Environment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["when"] = _report_time
    environment.filters["label"] = _label
    source = (resource_files() / "templates" / "privacy" / REPORT_TEMPLATE).read_text(
        encoding="utf-8"
    )
    return environment.from_string(source).render(report=report)


class ReportWriteError(RoundtableError):
    """A report file could not be written (disk full, no permission, …)."""


def _write_atomically(target: Path, data: bytes) -> None:
    """Write through a temporary file beside ``target`` and a rename: never half a file."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ReportWriteError(f"Cannot write {target}: {exc.strerror or exc}.") from exc


def write_subject_access(session: Session, person: Person, folder: Path) -> tuple[Path, Path]:
    """Write the subject-access report of ``person`` into ``folder`` as JSON and HTML.

    The files are ``subject-access-<id>-<yyyy-mm-dd>.json`` and ``.html``;
    ``folder`` is created if missing and each file is written whole or not at
    all. Records the audit row ``privacy.access_export`` (the person's id and
    the file names, nothing more) and returns the two paths.
    """
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"Cannot write into {folder}: it is a file, not a folder.", "folder")
    report = subject_access_report(session, person)
    page = subject_access_html(report)
    stem = f"subject-access-{person.id}-{context.now().date().isoformat()}"
    json_path, html_path = folder / f"{stem}.json", folder / f"{stem}.html"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportWriteError(
            f"Cannot create the folder {folder}: {exc.strerror or exc}."
        ) from exc
    document = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    _write_atomically(json_path, document.encode("utf-8"))
    _write_atomically(html_path, page.encode("utf-8"))
    record_audit(
        session,
        "privacy.access_export",
        entity_type="person",
        entity_id=person.id,
        detail={"person_id": person.id, "files": [json_path.name, html_path.name]},
    )
    session.flush()
    return json_path, html_path


# ==========================================================================
# Erasure
# ==========================================================================


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing a person changes, and what stays."""

    person_id: int
    #: The neutral name the person gets: "Erased person #12".
    label: str
    #: (field, old value, new value) for the person's own details and invitations.
    field_changes: tuple[tuple[str, str, str], ...]
    #: Each mention in free text, and its excerpt after the replacement.
    text_changes: tuple[tuple[Mention, str], ...]
    #: What stays, counted: invitations, history entries, questions asked, …
    kept: Mapping[str, int]


def _count(session: Session, stmt: Any) -> int:
    return int(session.scalar(stmt) or 0)


def _kept(session: Session, person: Person) -> dict[str, int]:
    pid = person.id
    return {
        "invitations": _count(
            session, select(func.count()).select_from(Invitation).where(Invitation.person_id == pid)
        ),
        "invitation history entries": _count(
            session,
            select(func.count())
            .select_from(InvitationEvent)
            .join(Invitation, InvitationEvent.invitation_id == Invitation.id)
            .where(Invitation.person_id == pid),
        ),
        "questions asked": _count(
            session,
            select(func.count()).select_from(Question).where(Question.asked_by_person_id == pid),
        ),
        "minute notes spoken": _count(
            session,
            select(func.count()).select_from(MinuteNote).where(MinuteNote.speaker_person_id == pid),
        ),
        "action items owned": _count(
            session,
            select(func.count()).select_from(ActionItem).where(ActionItem.owner_person_id == pid),
        ),
        "roundtables organised": _count(
            session,
            select(func.count()).select_from(Roundtable).where(Roundtable.organiser_id == pid),
        ),
    }


def _actor_rows(session: Session, matcher: _Matcher) -> list[tuple[Any, str]]:
    """(record, attribute) for every row that names the person as the app's user."""
    found: list[tuple[Any, str]] = []
    for attribute in _ACTOR_COLUMNS:
        model: Any = attribute.class_
        stmt = select(model).where(matcher.narrow(attribute)).order_by(model.id)
        found += [(r, attribute.key) for r in session.scalars(stmt) if matcher.is_actor(r.actor)]
    for model in _TIMESTAMPED:
        stmt = select(model).where(matcher.narrow(model.updated_by)).order_by(model.id)
        found += [
            (r, "updated_by") for r in session.scalars(stmt) if matcher.is_actor(r.updated_by)
        ]
    return found


@dataclass(frozen=True)
class _Erasure:
    """A plan with everything needed to carry it out."""

    plan: ErasurePlan
    hits: tuple[_Hit, ...]
    invitations: tuple[Invitation, ...]
    actor_rows: tuple[tuple[Any, str], ...]
    matcher: _Matcher


# The person's own fields an erasure clears, with their label in the plan (a
# function, so the label is translated when the plan is made).
_PERSON_FIELDS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("email", lambda: _("E-mail address")),
    ("phone", lambda: _("Phone")),
    ("role", lambda: _("Role")),
    ("preferred_language", lambda: _("Preferred language")),
    ("notes", lambda: _("Notes")),
    ("consent_note", lambda: _("Consent note")),
)


def _fit(value: str, column: _TextColumn) -> str:
    """``value`` cut to the column's size (a label may be longer than the name it replaced)."""
    limit = column.max_length
    if limit is not None and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


def _after(hit: _Hit, label: str, matcher: _Matcher) -> tuple[str | None, str]:
    """The field's new value and the excerpt of it around the first replacement."""
    if hit.column.email:
        return None, ""
    new = _fit(matcher.replace(getattr(hit.record, hit.column.name), label), hit.column)
    start = hit.match.start()
    return new, _excerpt(new, start, min(len(new), start + len(label)))


def _prepare(session: Session, person: Person) -> _Erasure:
    _refuse_erased(
        person,
        lambda: _("Person #{id} was already erased on {day}; there is nothing left to erase."),
    )
    label = erasure_label(person.id)
    matcher = _Matcher(person.name, person.email)
    invitations = tuple(_invitations_of(session, person))
    own_notes = {invitation.id for invitation in invitations if invitation.notes}
    hits = tuple(
        hit
        for hit in _scan(session, person, matcher)
        # The person's own invitations lose their notes whole (a field change).
        if not (hit.mention.table == "invitation" and hit.mention.row_id in own_notes)
    )
    changes: list[tuple[str, str, str]] = [(_("Name"), person.name, label)]
    for attribute, field_label in _PERSON_FIELDS:
        old = getattr(person, attribute) or ""
        if old:
            changes.append((field_label(), old, ""))
    if person.organisation is not None:
        changes.append((_("Organisation"), person.organisation.name, ""))
    for invitation in invitations:
        title = _title(invitation.roundtable)
        if invitation.notes:
            changes.append(
                (_("Notes on the invitation to {title}").format(title=title), invitation.notes, "")
            )
        if invitation.consent_to_be_named:
            changes.append(
                (
                    _("Agreed to be named (invitation to {title})").format(title=title),
                    _("yes"),
                    _("no"),
                )
            )
    actor_rows = tuple(_actor_rows(session, matcher))
    if actor_rows:
        recorded = actor_rows[0][0]
        changes.append(
            (
                ngettext(
                    "Named as the user who recorded {count} change",
                    "Named as the user who recorded {count} changes",
                    len(actor_rows),
                ).format(count=len(actor_rows)),
                getattr(recorded, actor_rows[0][1]),
                label,
            )
        )
    plan = ErasurePlan(
        person_id=person.id,
        label=label,
        field_changes=tuple(changes),
        text_changes=tuple((hit.mention, _after(hit, label, matcher)[1]) for hit in hits),
        kept=_kept(session, person),
    )
    return _Erasure(plan, hits, invitations, actor_rows, matcher)


def plan_erasure(session: Session, person: Person) -> ErasurePlan:
    """What :func:`erase_person` would change and keep, without changing anything.

    Refuses (:class:`ValidationError`) a person who is already erased.
    """
    return _prepare(session, person).plan


def _secure_delete(session: Session) -> None:
    """On SQLite, overwrite what the erasure frees instead of leaving it in free space."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete=ON")


def erase_person(session: Session, person: Person) -> ErasurePlan:
    """Anonymise ``person`` in the caller's transaction; returns what was done.

    The name becomes the neutral label ("Erased person #12"); the e-mail
    address, phone, role, notes, consent note, preferred language and the
    link to their organisation are removed; ``erased_at`` is set. The lawful
    basis stays: it documents why the details were held. Each of their
    invitations loses its notes and the consent to be named. Wherever free
    text names them (other people's notes, minutes, histories' reasons,
    statements, the audit log), the name and address are replaced by the
    label, and where they are named as the app's user, too.

    Invitations, questions, notes, action items and every history row stay,
    so counts stay whole; other people's records change only where their
    text named this person. One audit row ``privacy.erase`` records the id and
    the counts, never the name. It cannot be undone. Refuses
    (:class:`ValidationError`) a person who is already erased.
    """
    erasure = _prepare(session, person)
    plan, matcher, label = erasure.plan, erasure.matcher, erasure.plan.label
    _secure_delete(session)
    # The erasure is itself a change by the current user, unless that user is
    # the person being erased.
    author = label if matcher.is_actor(context.actor()) else context.actor()
    touched: list[Any] = [person]
    for hit in erasure.hits:
        new, _excerpt_after = _after(hit, label, matcher)
        setattr(hit.record, hit.column.name, new)
        touched.append(hit.record)
    for invitation in erasure.invitations:
        if invitation.notes or invitation.consent_to_be_named:
            invitation.notes = ""
            invitation.consent_to_be_named = False
            touched.append(invitation)
    for record, attribute in erasure.actor_rows:
        setattr(record, attribute, author if attribute == "updated_by" else label)
        touched.append(record)
    person.name = label
    person.email = None
    for attribute, _field_label in _PERSON_FIELDS:
        if attribute != "email":
            setattr(person, attribute, "")
    person.organisation = None
    person.erased_at = context.now()
    for record in touched:
        if isinstance(record, Timestamped):
            record.updated_by = author
    session.flush()
    record_audit(
        session,
        "privacy.erase",
        entity_type="person",
        entity_id=person.id,
        detail={
            "person_id": person.id,
            "fields": len(plan.field_changes),
            "texts": len(plan.text_changes),
            **{key.replace(" ", "_"): value for key, value in plan.kept.items()},
        },
    )
    session.flush()
    return plan


def scrub_sqlite_file(engine: Engine) -> bool:
    """After an erasure is committed: fold SQLite's write-ahead log into the file.

    The log keeps earlier copies of the pages an erasure rewrote until a
    checkpoint; ``TRUNCATE`` copies the new pages into the database file and
    empties the log. Returns whether that completed (``False`` when another
    connection was still reading, or on a server database, where the server
    manages its own storage). Never raises for a busy database.
    """
    if engine.dialect.name != "sqlite":
        return False
    try:
        with engine.connect() as connection:
            row = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    except OperationalError:  # locked by another program past the busy timeout
        return False
    # (busy, log frames, checkpointed frames); not in WAL mode: (0, -1, -1).
    return row is not None and row[0] == 0


# ==========================================================================
# Retention
# ==========================================================================


def retention_months(session: Session) -> int:
    """The retention period in months (``database_info``; 24 when never set)."""
    info = session.get(DatabaseInfo, RETENTION_KEY)
    try:
        months = int(info.value) if info is not None else DEFAULT_RETENTION_MONTHS
    except ValueError:
        return DEFAULT_RETENTION_MONTHS
    if not MIN_RETENTION_MONTHS <= months <= MAX_RETENTION_MONTHS:
        return DEFAULT_RETENTION_MONTHS
    return months


def set_retention_months(session: Session, months: int) -> None:
    """Set the retention period: whole months from 1 to 240; writes an audit row."""
    if isinstance(months, bool) or not isinstance(months, int):
        raise ValidationError(
            _("The retention period must be a whole number of months, not {months}.").format(
                months=repr(months)
            ),
            "months",
        )
    if not MIN_RETENTION_MONTHS <= months <= MAX_RETENTION_MONTHS:
        raise ValidationError(
            _(
                "A retention period of {months} months is not possible; "
                "choose from {least} to {most} months."
            ).format(months=months, least=MIN_RETENTION_MONTHS, most=MAX_RETENTION_MONTHS),
            "months",
        )
    previous = retention_months(session)
    info = session.get(DatabaseInfo, RETENTION_KEY)
    if info is None:
        session.add(DatabaseInfo(key=RETENTION_KEY, value=str(months)))
    elif info.value == str(months):
        return
    else:
        info.value = str(months)
    session.flush()
    record_audit(
        session, "privacy.retention", detail={"months": months, "previous_months": previous}
    )
    session.flush()


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class ReviewItem:
    """A person whose details are due for a privacy review."""

    person_id: int
    name: str
    email: str
    organisation: str
    #: The :class:`~roundtable.models.LawfulBasis` value ("consent", …).
    lawful_basis: str
    consent_note: str
    #: The title of the last roundtable they took part in ("" when none).
    last_roundtable: str
    last_roundtable_on: date | None
    due_on: date
    #: When a review last chose to keep them.
    kept_on: date | None
    #: When they were added (the start of the period when in no roundtable).
    added_on: date | None = None

    @property
    def reason(self) -> str:
        """Why they are due, in one sentence."""
        if self.last_roundtable_on is not None:
            text = f"Last roundtable “{self.last_roundtable}” on {_day(self.last_roundtable_on)}"
        elif self.added_on is not None:
            text = f"In no roundtable; added on {_day(self.added_on)}"
        else:
            text = "In no roundtable"
        if self.kept_on is not None:
            text += f"; last kept on {_day(self.kept_on)}"
        return f"{text}; due since {_day(self.due_on)}."


@dataclass(frozen=True)
class _Last:
    """A person's latest roundtable, or ``undated`` when one has no date yet."""

    title: str = ""
    on: date | None = None
    undated: bool = False


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _last_roundtables(session: Session, person_ids: Sequence[int] | None) -> dict[int, _Last]:
    """Each person's latest roundtable, as invitee or organiser (three queries).

    Each roundtable's day is worked out once; the people are matched to them
    by id, so thousands of invitations cost little.
    """
    days: dict[int, _Last] = {}
    for roundtable_id, title, starts_at, ends_at, timezone in session.execute(
        select(
            Roundtable.id,
            Roundtable.title,
            Roundtable.starts_at,
            Roundtable.ends_at,
            Roundtable.timezone,
        )
    ):
        moment = ends_at or starts_at
        # A roundtable without a date is not held yet, so not "earlier": later.
        days[roundtable_id] = (
            _Last(title=title, undated=True)
            if moment is None
            else _Last(title=title, on=moment.astimezone(_zone(timezone)).date())
        )
    invited = select(Invitation.person_id, Invitation.roundtable_id).distinct()
    organised = select(Roundtable.organiser_id, Roundtable.id)
    if person_ids is None:
        invited = invited.where(Invitation.person_id.is_not(None))
        organised = organised.where(Roundtable.organiser_id.is_not(None))
    else:
        invited = invited.where(Invitation.person_id.in_(person_ids))
        organised = organised.where(Roundtable.organiser_id.in_(person_ids))
    latest: dict[int, _Last] = {}
    for person_id, roundtable_id in [*session.execute(invited), *session.execute(organised)]:
        current, candidate = latest.get(person_id), days[roundtable_id]
        if current is not None and current.undated:
            continue
        if (
            current is None
            or candidate.undated
            or (candidate.on is not None and current.on is not None and candidate.on > current.on)
        ):
            latest[person_id] = candidate
    return latest


def _review_dates(
    session: Session,
    people: Sequence[tuple[int, datetime, datetime | None]],
    months: int,
) -> dict[int, tuple[date, _Last]]:
    """When each of ``people`` (id, added, last kept) falls due; those in an
    undated roundtable are left out."""
    ids = [person_id for person_id, _added, _kept in people]
    latest = _last_roundtables(session, ids if len(ids) < 500 else None)
    result: dict[int, tuple[date, _Last]] = {}
    for person_id, created_at, reviewed_at in people:
        last = latest.get(person_id, _Last())
        if last.undated:
            continue
        start = last.on if last.on is not None else created_at.astimezone(UTC).date()
        due_on = add_months(start, months)
        if reviewed_at is not None:
            due_on = max(due_on, add_months(reviewed_at.astimezone(UTC).date(), months))
        result[person_id] = (due_on, last)
    return result


def due_for_review(session: Session, today: date | None = None) -> list[ReviewItem]:
    """The people whose details are due for review on ``today`` (default: today in UTC).

    A person is due once the retention period has passed since the last
    roundtable they were invited to or organised (its end, else its start, on
    its own calendar), and since a review last kept them. A roundtable without
    a date counts as later, so its people are not due. Someone in no
    roundtable is due one period after they were added. Erased people are
    never due. Sorted by the date they fell due, then by name.
    """
    day = today if today is not None else context.now().date()
    months = retention_months(session)
    session.flush()
    # Columns, not ORM objects: the dashboard asks this of thousands of people.
    rows = session.execute(
        select(
            Person.id,
            Person.name,
            Person.email,
            Organisation.name,
            Person.lawful_basis,
            Person.consent_note,
            Person.created_at,
            Person.retention_reviewed_at,
        )
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Person.erased_at.is_(None))
        .order_by(Person.id)
    ).all()
    dates = _review_dates(session, [(row[0], row[6], row[7]) for row in rows], months)
    items = []
    for person_id, name, email, organisation, basis, note, created_at, reviewed in rows:
        if person_id not in dates:
            continue
        due_on, last = dates[person_id]
        if due_on > day:
            continue
        items.append(
            ReviewItem(
                person_id=person_id,
                name=name,
                email=email or "",
                organisation=organisation or "",
                lawful_basis=basis.value,
                consent_note=note,
                last_roundtable=last.title,
                last_roundtable_on=last.on,
                due_on=due_on,
                kept_on=reviewed.astimezone(UTC).date() if reviewed is not None else None,
                added_on=created_at.astimezone(UTC).date(),
            )
        )
    return sorted(items, key=lambda item: (item.due_on, item.name.casefold(), item.person_id))


def next_review_on(session: Session, person: Person) -> date | None:
    """When ``person`` is (or was) due for review; ``None`` when erased or in an undated roundtable."""
    if person.erased_at is not None:
        return None
    session.flush()
    subject = (person.id, person.created_at, person.retention_reviewed_at)
    found = _review_dates(session, [subject], retention_months(session)).get(person.id)
    return found[0] if found is not None else None


def count_due_for_review(session: Session, today: date | None = None) -> int:
    """How many people are due for review (the dashboard's figure)."""
    return len(due_for_review(session, today))


def keep_person(session: Session, person: Person) -> None:
    """A review decided to keep ``person``'s details: due again one period from now.

    Writes the audit row ``privacy.keep`` (the person's id only). Refuses an
    erased person.
    """
    _refuse_erased(
        person,
        lambda: _("Person #{id} was already erased on {day}; there is nothing left to keep."),
    )
    person.retention_reviewed_at = context.now()
    session.flush()
    record_audit(
        session,
        "privacy.keep",
        entity_type="person",
        entity_id=person.id,
        detail={"person_id": person.id},
    )
    session.flush()


def undo_keep(session: Session, person: Person, reviewed_at: datetime | None) -> None:
    """Take back a :func:`keep_person`: the review date it replaced comes back.

    The audit row of the keep stays (the log says what was done). Refuses a
    person erased since, who is not brought back to review.
    """
    _refuse_erased(
        person,
        lambda: _("Cannot undo: person #{id} was erased on {day}."),
    )
    person.retention_reviewed_at = reviewed_at
    session.flush()


# ==========================================================================
# The audit log
# ==========================================================================


@dataclass(frozen=True)
class AuditRow:
    """One audit entry for the audit log view."""

    id: int
    at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: int | None
    #: As stored (often JSON).
    detail: str
    #: ``detail`` on one readable line: "person id 12, files subject-access-12-…".
    summary: str


_SUMMARY_LENGTH = 200


def _summary_value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "(" + _summary_pairs(value) + ")"
    if isinstance(value, list | tuple):
        return ", ".join(_summary_value(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "none" if value is None else str(value)


def _summary_pairs(values: Mapping[str, Any]) -> str:
    return "; ".join(
        f"{str(key).replace('_', ' ')}: {_summary_value(value)}" for key, value in values.items()
    )


def summarise_detail(detail: str) -> str:
    """An audit row's detail on one readable line ("months: 36; previous months: 24")."""
    try:
        value = json.loads(detail) if detail.strip()[:1] in ("{", "[") else detail
    except ValueError:
        value = detail
    if isinstance(value, Mapping):
        line = _summary_pairs(value)
    elif isinstance(value, list):
        line = _summary_value(value)
    else:
        line = str(value)
    line = " ".join(line.split())
    if len(line) > _SUMMARY_LENGTH:
        line = line[: _SUMMARY_LENGTH - 1] + "…"
    return line


def list_audit_entries(
    session: Session, *, action_prefix: str = "", limit: int | None = None
) -> list[AuditRow]:
    """The audit log, newest first; only actions starting with ``action_prefix`` if given."""
    stmt = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if action_prefix:
        stmt = stmt.where(
            AuditEntry.action.like(f"{_like_escape(action_prefix)}%", escape=_LIKE_ESCAPE)
        )
    if limit is not None:
        if limit < 0:
            raise ValueError("limit must not be negative")
        stmt = stmt.limit(limit)
    return [
        AuditRow(
            id=entry.id,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            entity_type=entry.entity_type,
            entity_id=entry.entity_id,
            detail=entry.detail,
            summary=summarise_detail(entry.detail),
        )
        for entry in session.scalars(stmt)
    ]
