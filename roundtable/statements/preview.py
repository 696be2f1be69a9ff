"""The live preview of a statement: rendered with what is being typed, nothing written.

The app renders on a worker thread while the user types; it passes the
database, the statement's id, the template and the unsaved field values
(title, summary, translation note) and gets the :class:`~roundtable.publishing.render.Rendered`
back. The render reads in a transaction of its own that is always rolled
back, and the unsaved values reach only the template's view of the statement,
so nothing of them is ever written.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from roundtable.editing import get_or_fail
from roundtable.publishing.render import LIVE_FIELDS, Rendered, render_statement
from roundtable.storage.db import Database
from roundtable.storage.models import Statement

__all__ = ["LIVE_FIELDS", "render_preview"]


def render_preview(
    database: Database,
    statement_id: int,
    template: str | Path,
    unsaved: Mapping[str, str] | None = None,
    *,
    language: str | None = None,
) -> Rendered:
    """Render statement ``statement_id`` with ``template``, showing ``unsaved`` values.

    ``unsaved`` holds values of :data:`LIVE_FIELDS` as typed; other fields are
    refused. May run on any thread: it opens and closes its own session. A
    statement that is gone raises :class:`~roundtable.errors.NotFoundError`, a
    broken template :class:`~roundtable.publishing.templates.TemplateError`.
    """
    session = database.sessions()
    try:
        statement = get_or_fail(session, Statement, statement_id)
        return render_statement(session, statement, template, language=language, unsaved=unsaved)
    finally:
        session.rollback()
        session.close()
