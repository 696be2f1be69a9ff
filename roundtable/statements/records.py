"""Statements: publishable position pieces with their sections, footnoted references,
dated updates and the roundtables they tell about.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.editing import (
    apply_values,
    clean_date,
    clean_language,
    clean_position,
    clean_url,
    clean_values,
    delete_positioned,
    ensure_id,
    enum_value,
    limit_of,
    move_among,
    next_position,
    place_among,
    split_ref,
)
from roundtable.enums import StatementStatus
from roundtable.errors import NotFoundError, ValidationError
from roundtable.i18n import _
from roundtable.storage.audit import record_audit
from roundtable.storage.models import (
    Reference,
    Roundtable,
    Statement,
    StatementSection,
    StatementUpdate,
)
from roundtable.validation import (
    optional_text,
    require_text,
)

#: Statement slugs become file names and URL paths: keep them plain.
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


#: Section keys are names templates use ("introduction", "questions").
_SECTION_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")


def _slug(session: Session, value: str | None) -> str:
    text = require_text(value, "slug", _("The short name (slug)"), limit_of(Statement.slug))
    if not _SLUG.match(text):
        raise ValidationError(
            _(
                "{text} cannot be used as a short name: use lowercase letters, digits and "
                "single hyphens, such as tiktok-roundtables-2023."
            ).format(text=repr(text)),
            "slug",
        )
    if session.scalar(select(Statement.id).where(Statement.slug == text)) is not None:
        raise ValidationError(
            _("There is already a statement called {text}.").format(text=repr(text)), "slug"
        )
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
        title=require_text(title, "title", _("The title"), limit_of(Statement.title)),
        language=clean_language(language, "language", limit_of(Statement.language), required=True),
        summary=optional_text(summary, "summary", _("The summary"), limit_of(Statement.summary)),
        translation_note=optional_text(
            translation_note,
            "translation_note",
            _("The translation note"),
            limit_of(Statement.translation_note),
        ),
        template_name=require_text(
            template_name, "template_name", _("The template"), limit_of(Statement.template_name)
        ),
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
    clean_key = optional_text(key, "key", _("The section key"), limit_of(StatementSection.key))
    if clean_key and not _SECTION_KEY.match(clean_key):
        raise ValidationError(
            _(
                "{key} cannot be used as a section key: use lowercase letters, digits, "
                "hyphens and underscores, starting with a letter."
            ).format(key=repr(clean_key)),
            "key",
        )
    clean_heading = optional_text(
        heading, "heading", _("The heading"), limit_of(StatementSection.heading)
    )
    clean_body = optional_text(body, "body", _("The text"), limit_of(StatementSection.body))
    if not clean_heading and not clean_body:
        raise ValidationError(_("A section needs a heading or a text."), "body")
    insert_at = clean_position(position)
    statement_id = ensure_id(session, statement)
    section = StatementSection(
        statement=statement,
        key=clean_key,
        heading=clean_heading,
        body=clean_body,
        position=next_position(
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
        place_among(siblings, section, insert_at)
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
    clean_key = require_text(key, "key", _("The reference key"), limit_of(Reference.key))
    if any(ch.isspace() for ch in clean_key):
        raise ValidationError(
            _("{key} cannot be used as a reference key: it may not contain spaces.").format(
                key=repr(clean_key)
            ),
            "key",
        )
    clean_title = require_text(title, "title", _("The title"), limit_of(Reference.title))
    cleaned_url = clean_url(url, "url", _("The address"), limit_of(Reference.url))
    clean_publisher = optional_text(
        publisher, "publisher", _("The publisher"), limit_of(Reference.publisher)
    )
    clean_published = clean_date(
        published_on, "published_on", _("The publication date"), required=False
    )
    clean_note = optional_text(note, "note", _("The note"), limit_of(Reference.note))
    statement_id = ensure_id(session, statement)
    duplicate = session.scalar(
        select(Reference.id).where(
            Reference.statement_id == statement_id, Reference.key == clean_key
        )
    )
    if duplicate is not None:
        raise ValidationError(
            _("The statement already has a reference with the key {key}.").format(
                key=repr(clean_key)
            ),
            "key",
        )
    reference = Reference(
        statement=statement,
        key=clean_key,
        title=clean_title,
        url=cleaned_url,
        publisher=clean_publisher,
        published_on=clean_published,
        note=clean_note,
        position=next_position(session, Reference.position, Reference.statement_id == statement_id),
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
        dated=clean_date(dated, "dated", _("The date"), required=True),
        body=require_text(body, "body", _("The text"), limit_of(StatementUpdate.body)),
        title=optional_text(title, "title", _("The title"), limit_of(StatementUpdate.title)),
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
    number, text = split_ref(ref)
    if number is not None:
        found = session.get(Statement, number)
        if found is not None:
            return found
    if isinstance(ref, str) and text:
        by_slug = session.scalars(select(Statement).where(Statement.slug == text.lower())).first()
        if by_slug is not None:
            return by_slug
    raise NotFoundError(_("No statement with id or slug '{text}'.").format(text=text))


def _other_slug(session: Session, value: Any, statement: Statement) -> str:
    text = require_text(value, "slug", _("The short name (slug)"), limit_of(Statement.slug))
    if text == statement.slug:
        return text
    return _slug(session, text)


def update_statement(session: Session, statement: Statement, **changes: Any) -> Statement:
    """Change a statement: title, language, summary, slug, translation_note,
    template_name, status, published_on.

    Publishing (status ``published``) without a date sets ``published_on`` to
    today, because a published piece always says when it appeared.
    """
    cleaned = clean_values(
        {
            "title": lambda v: require_text(v, "title", _("The title"), limit_of(Statement.title)),
            "language": lambda v: clean_language(
                v, "language", limit_of(Statement.language), required=True
            ),
            "summary": lambda v: optional_text(
                v, "summary", _("The summary"), limit_of(Statement.summary)
            ),
            "slug": lambda v: _other_slug(session, v, statement),
            "translation_note": lambda v: optional_text(
                v,
                "translation_note",
                _("The translation note"),
                limit_of(Statement.translation_note),
            ),
            "template_name": lambda v: require_text(
                v, "template_name", _("The template"), limit_of(Statement.template_name)
            ),
            "status": lambda v: enum_value(StatementStatus, v, "status", _("statement status")),
            "published_on": lambda v: clean_date(
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
    apply_values(statement, cleaned)
    session.flush()
    return statement


def _section_key(value: Any) -> str:
    key = optional_text(value, "key", _("The section key"), limit_of(StatementSection.key))
    if key and not _SECTION_KEY.match(key):
        raise ValidationError(
            _(
                "{key} cannot be used as a section key: use lowercase letters, digits, "
                "hyphens and underscores, starting with a letter."
            ).format(key=repr(key)),
            "key",
        )
    return key


def update_statement_section(
    session: Session, section: StatementSection, **changes: Any
) -> StatementSection:
    """Change a section: key, heading, body (a heading or a text must remain)."""
    cleaned = clean_values(
        {
            "key": _section_key,
            "heading": lambda v: optional_text(
                v, "heading", _("The heading"), limit_of(StatementSection.heading)
            ),
            "body": lambda v: optional_text(
                v, "body", _("The text"), limit_of(StatementSection.body)
            ),
        },
        changes,
        "update_statement_section()",
    )
    if not cleaned.get("heading", section.heading) and not cleaned.get("body", section.body):
        raise ValidationError(_("A section needs a heading or a text."), "body")
    apply_values(section, cleaned)
    session.flush()
    return section


def move_statement_section(session: Session, section: StatementSection, position: int) -> None:
    """Move a section to ``position`` (clamped) and renumber the statement's sections."""
    move_among(session, section, StatementSection.statement_id, section.statement_id, position)
    session.expire(section.statement, ["sections"])


def delete_statement_section(session: Session, section: StatementSection) -> None:
    """Delete a section and renumber the others."""
    statement = section.statement
    delete_positioned(
        session,
        section,
        StatementSection.statement_id,
        section.statement_id,
        statement,
        "sections",
    )


def _reference_key(session: Session, value: Any, reference: Reference) -> str:
    key = require_text(value, "key", _("The reference key"), limit_of(Reference.key))
    if any(ch.isspace() for ch in key):
        raise ValidationError(
            _("{key} cannot be used as a reference key: it may not contain spaces.").format(
                key=repr(key)
            ),
            "key",
        )
    duplicate = session.scalar(
        select(Reference.id).where(
            Reference.statement_id == reference.statement_id,
            Reference.key == key,
            Reference.id != reference.id,
        )
    )
    if duplicate is not None:
        raise ValidationError(
            _("The statement already has a reference with the key {key}.").format(key=repr(key)),
            "key",
        )
    return key


def update_reference(session: Session, reference: Reference, **changes: Any) -> Reference:
    """Change a reference: key (unique in the statement), title, url, publisher,
    published_on, note."""
    cleaned = clean_values(
        {
            "key": lambda v: _reference_key(session, v, reference),
            "title": lambda v: require_text(v, "title", _("The title"), limit_of(Reference.title)),
            "url": lambda v: clean_url(v, "url", _("The address"), limit_of(Reference.url)),
            "publisher": lambda v: optional_text(
                v, "publisher", _("The publisher"), limit_of(Reference.publisher)
            ),
            "published_on": lambda v: clean_date(
                v, "published_on", _("The publication date"), required=False
            ),
            "note": lambda v: optional_text(v, "note", _("The note"), limit_of(Reference.note)),
        },
        changes,
        "update_reference()",
    )
    apply_values(reference, cleaned)
    session.flush()
    return reference


def move_reference(session: Session, reference: Reference, position: int) -> None:
    """Move a reference to ``position`` (its footnote number minus one) and renumber."""
    move_among(session, reference, Reference.statement_id, reference.statement_id, position)
    session.expire(reference.statement, ["references"])


def delete_reference(session: Session, reference: Reference) -> None:
    """Delete a reference and renumber the others (footnotes stay 1..n)."""
    statement = reference.statement
    delete_positioned(
        session, reference, Reference.statement_id, reference.statement_id, statement, "references"
    )


def update_statement_update(
    session: Session, update: StatementUpdate, **changes: Any
) -> StatementUpdate:
    """Change a dated update of a statement: dated, body, title."""
    cleaned = clean_values(
        {
            "dated": lambda v: clean_date(v, "dated", _("The date"), required=True),
            "body": lambda v: require_text(
                v, "body", _("The text"), limit_of(StatementUpdate.body)
            ),
            "title": lambda v: optional_text(
                v, "title", _("The title"), limit_of(StatementUpdate.title)
            ),
        },
        changes,
        "update_statement_update()",
    )
    apply_values(update, cleaned)
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
