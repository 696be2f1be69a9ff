"""Typed errors of the core.

Every error a user can cause is a :class:`RoundtableError` whose ``str()`` is a
sentence a coordinator understands; the CLI prints it on one line and the
desktop app shows it in a message. Anything else is a bug.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from roundtable.i18n import _

if TYPE_CHECKING:
    pass

if TYPE_CHECKING:
    pass


class RoundtableError(Exception):
    """Base of all errors the user can cause and understand."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(RoundtableError):
    """A value the user gave is not acceptable; ``field`` names it for the UI."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(RoundtableError):
    """A record named by id, UID, slug or e-mail address does not exist."""


class IllegalTransitionError(RoundtableError):
    """A status change that the lifecycle rules do not allow."""

    def __init__(self, message: str, current: str, requested: str) -> None:
        super().__init__(message)
        self.current = current
        self.requested = requested


class DatabaseError(RoundtableError):
    """The database cannot be opened, read or written."""


class SchemaTooNewError(DatabaseError):
    """The database was upgraded by a newer Roundtable than this one."""


class InterchangeError(RoundtableError):
    """An interchange (JSON) file cannot be read or does not fit the database."""


class ConcurrentEditError(RoundtableError):
    """Someone else saved the same record while this user was editing it.

    Raised by :meth:`roundtable.db.Database.transaction` instead of SQLAlchemy's
    ``StaleDataError`` (optimistic locking); nothing of the failed transaction
    was written. ``entity_label`` names the record as the message does ("“Project
    Clover roundtable”", "the invitation of Jan de Vries"); ``changed_by`` and
    ``changed_at`` say who saved it last and when (empty and ``None`` when that
    is unknown, for example because the record was deleted).
    """

    def __init__(
        self,
        message: str,
        *,
        entity_label: str = "",
        changed_by: str = "",
        changed_at: datetime | None = None,
    ) -> None:
        super().__init__(message)
        self.entity_label = entity_label
        self.changed_by = changed_by
        self.changed_at = changed_at


class UndoConflictError(RoundtableError):
    """An undo or redo that would overwrite what someone changed since; nothing was written."""


class FileWriteError(RoundtableError):
    """A file could not be written (a folder in the way, no permission, a full disk).

    ``path`` is the file, ``reason`` the system's words for why ("No space left on
    device"), for a window that words the sentence its own way.
    """

    def __init__(self, message: str, path: Path | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason or message


class CalendarError(RoundtableError):
    """A calendar file cannot be made from the data as it is; the message names the fix."""


class TemplateError(RoundtableError):
    """A template could not be found, compiled or rendered.

    ``str()`` reads ``"statement.html (line 12): 'foo' is undefined"``; without a
    known line, ``"statement.html: …"``.
    """

    def __init__(self, message: str, template_name: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.template_name = template_name
        self.line = line

    def __str__(self) -> str:
        where = self.template_name or _("template")
        if self.line is not None:
            where = _("{name} (line {line})").format(name=where, line=self.line)
        return f"{where}: {self.message}"


class CommandError(RoundtableError):
    """A command could not do its work for a reason outside the user's input (exit 1)."""


class ContactsError(RoundtableError):
    """A contacts file that cannot be read; the message names the file and the problem."""


class ImportOutdatedError(RoundtableError):
    """The database changed between the preview and the import; nothing was imported."""


class CalendarFileError(RoundtableError):
    """A calendar file or message that cannot be used; the message is the report's sentence.

    The sentence is in the user's language (made with ``_()``), like every line
    of a calendar import's report: the report is shown, never stored.
    """


class DemoDataError(RuntimeError):
    """The shipped demo files are inconsistent (a bug in Roundtable, not a user mistake).

    A programming error, so its messages stay English: no user can cause or fix it.
    """
