"""The actions on statements: the statement itself, its sections, references, dated
updates and the roundtables it is about.

Each factory names its records by id and returns an :class:`~roundtable.actions.Action`
that the app runs through its store (and the command line through
:func:`roundtable.actions.perform`); undo and redo come from the change set, so
undoing a deleted statement brings back its sections, references, updates,
status and roundtable links exactly as they were.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.editing import get_or_fail
from roundtable.i18n import _
from roundtable.statements import records
from roundtable.storage.models import (
    Reference,
    Roundtable,
    Statement,
    StatementSection,
    StatementUpdate,
)

#: The fields of each record an edit may change (as the records module names them).
STATEMENT_FIELDS = frozenset(
    {
        "title",
        "language",
        "summary",
        "slug",
        "translation_note",
        "template_name",
        "status",
        "published_on",
    }
)
SECTION_FIELDS = frozenset({"key", "heading", "body"})
REFERENCE_FIELDS = frozenset({"key", "title", "url", "publisher", "published_on", "note"})
UPDATE_FIELDS = frozenset({"dated", "title", "body"})


def _check_fields(changes: dict[str, Any], known: Collection[str], what: str) -> None:
    unknown = set(changes) - set(known)
    if unknown:
        raise ValueError(f"a {what} has no field {', '.join(sorted(unknown))}")
    if not changes:
        raise ValueError(f"an edit of a {what} needs a field to change")


# --------------------------------------------------------------------------- statements


@action("statements")
def create_statement(
    slug: str,
    title: str,
    *,
    language: str = "en",
    summary: str = "",
    translation_note: str = "",
    template_name: str = "statement",
) -> Action[int]:
    """A draft statement under the short name ``slug``; its id."""

    def run(session: Session) -> int:
        statement = records.create_statement(
            session,
            slug,
            title,
            language=language,
            summary=summary,
            translation_note=translation_note,
            template_name=template_name,
        )
        return int(statement.id)

    return Action(_("New statement “{title}”").format(title=title.strip()), run)


@action("statements")
def edit_statement(statement_id: int, **changes: Any) -> Action[None]:
    """Change a statement's fields (see :data:`STATEMENT_FIELDS`).

    Publishing without a date takes today's (:func:`records.update_statement`).
    """
    _check_fields(changes, STATEMENT_FIELDS, "statement")

    def run(session: Session) -> None:
        records.update_statement(session, get_or_fail(session, Statement, statement_id), **changes)

    return Action(_("Edit statement"), run)


@action("statements")
def delete_statement(statement_id: int, *, title: str = "") -> Action[None]:
    """Delete a statement with its sections, references, updates and roundtable links.

    ``title`` only names the step in the Edit menu ("Delete statement “…”").
    """

    def run(session: Session) -> None:
        records.delete_statement(session, get_or_fail(session, Statement, statement_id))

    label = _("Delete statement “{title}”").format(title=title) if title else _("Delete statement")
    return Action(label, run)


# --------------------------------------------------------------------------- roundtables


@action("statements")
def link_roundtable(statement_id: int, roundtable_id: int, *, title: str = "") -> Action[None]:
    """Record that the statement is about the roundtable (linked already: nothing changes).

    ``title`` (the roundtable's) only names the step in the Edit menu.
    """

    def run(session: Session) -> None:
        records.link_roundtable(
            session,
            get_or_fail(session, Statement, statement_id),
            get_or_fail(session, Roundtable, roundtable_id),
        )

    return Action(_("Link “{title}”").format(title=title) if title else _("Link roundtable"), run)


@action("statements")
def unlink_roundtable(statement_id: int, roundtable_id: int, *, title: str = "") -> Action[None]:
    """Take the roundtable off the statement (not linked: nothing changes)."""

    def run(session: Session) -> None:
        records.unlink_roundtable(
            session,
            get_or_fail(session, Statement, statement_id),
            get_or_fail(session, Roundtable, roundtable_id),
        )

    return Action(
        _("Unlink “{title}”").format(title=title) if title else _("Unlink roundtable"), run
    )


# --------------------------------------------------------------------------- sections


@action("statements")
def add_section(
    statement_id: int,
    *,
    key: str = "",
    heading: str = "",
    body: str = "",
    position: int | None = None,
) -> Action[int]:
    """A section of the statement, last or at ``position`` (the others move down); its id."""

    def run(session: Session) -> int:
        section = records.add_statement_section(
            session,
            get_or_fail(session, Statement, statement_id),
            key,
            heading,
            body,
            position=position,
        )
        return int(section.id)

    return Action(_("Add section"), run)


@action("statements")
def edit_section(section_id: int, **changes: Any) -> Action[None]:
    """Change a section's ``key``, ``heading`` or ``body``."""
    _check_fields(changes, SECTION_FIELDS, "section")

    def run(session: Session) -> None:
        records.update_statement_section(
            session, get_or_fail(session, StatementSection, section_id), **changes
        )

    return Action(_("Edit section"), run)


@action("statements")
def move_section(section_id: int, position: int) -> Action[None]:
    """Move a section to ``position`` (from 0, clamped); the others are renumbered."""

    def run(session: Session) -> None:
        records.move_statement_section(
            session, get_or_fail(session, StatementSection, section_id), position
        )

    return Action(_("Move section"), run)


@action("statements")
def delete_section(section_id: int) -> Action[None]:
    """Delete a section; the others are renumbered."""

    def run(session: Session) -> None:
        records.delete_statement_section(
            session, get_or_fail(session, StatementSection, section_id)
        )

    return Action(_("Delete section"), run)


# --------------------------------------------------------------------------- references


@action("statements")
def add_reference(
    statement_id: int,
    *,
    key: str,
    title: str,
    url: str = "",
    publisher: str = "",
    published_on: date | None = None,
    note: str = "",
) -> Action[int]:
    """A numbered source (footnote) of the statement, last; its id."""

    def run(session: Session) -> int:
        reference = records.add_reference(
            session,
            get_or_fail(session, Statement, statement_id),
            key,
            title,
            url=url,
            publisher=publisher,
            published_on=published_on,
            note=note,
        )
        return int(reference.id)

    return Action(_("Add reference"), run)


@action("statements")
def edit_reference(reference_id: int, **changes: Any) -> Action[None]:
    """Change a reference's fields (see :data:`REFERENCE_FIELDS`)."""
    _check_fields(changes, REFERENCE_FIELDS, "reference")

    def run(session: Session) -> None:
        records.update_reference(session, get_or_fail(session, Reference, reference_id), **changes)

    return Action(_("Edit reference"), run)


@action("statements")
def delete_reference(reference_id: int) -> Action[None]:
    """Delete a reference; the others are renumbered (footnotes stay 1..n)."""

    def run(session: Session) -> None:
        records.delete_reference(session, get_or_fail(session, Reference, reference_id))

    return Action(_("Delete reference"), run)


# --------------------------------------------------------------------------- dated updates


@action("statements")
def add_update(statement_id: int, *, dated: date, body: str, title: str = "") -> Action[int]:
    """A dated update of the statement ("Update 3 December 2023: …"); its id."""

    def run(session: Session) -> int:
        update = records.add_statement_update(
            session, get_or_fail(session, Statement, statement_id), dated, body, title=title
        )
        return int(update.id)

    return Action(_("Add update"), run)


@action("statements")
def edit_update(update_id: int, **changes: Any) -> Action[None]:
    """Change a dated update's ``dated``, ``title`` or ``body``."""
    _check_fields(changes, UPDATE_FIELDS, "dated update")

    def run(session: Session) -> None:
        records.update_statement_update(
            session, get_or_fail(session, StatementUpdate, update_id), **changes
        )

    return Action(_("Edit update"), run)


@action("statements")
def delete_update(update_id: int) -> Action[None]:
    """Delete a dated update."""

    def run(session: Session) -> None:
        records.delete_statement_update(session, get_or_fail(session, StatementUpdate, update_id))

    return Action(_("Delete update"), run)
