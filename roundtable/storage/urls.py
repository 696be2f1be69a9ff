"""Where the database is: ``--db``, ``$ROUNDTABLE_DATABASE_URL`` or the per-user file, as an
SQLAlchemy URL, and how a URL is shown without its password."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from roundtable.errors import DatabaseError
from roundtable.i18n import _

APP_NAME = "Roundtable"


ENV_URL = "ROUNDTABLE_DATABASE_URL"


DEFAULT_FILENAME = "roundtable.sqlite3"


#: Seconds a PostgreSQL connection attempt may take before it is given up
#: (libpq's ``connect_timeout``; a URL may set its own).
CONNECT_TIMEOUT = 5


#: Where the least-privilege set-up and the password files are explained.
TEAM_DOC = "docs/team-setup.md"


def default_database_path() -> Path:
    """The per-user SQLite file (for example ``~/.local/share/Roundtable/roundtable.sqlite3``)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DEFAULT_FILENAME


def resolve_url(spec: str | os.PathLike[str] | None = None) -> URL:
    """Turn ``--db`` (a path or a SQLAlchemy URL), the environment or the default into a URL."""
    raw = os.fspath(spec) if spec is not None else os.environ.get(ENV_URL, "").strip()
    if not raw:
        raw = os.fspath(default_database_path())
    if "://" not in raw:
        path = Path(raw).expanduser().resolve()
        if path.is_dir():
            raise DatabaseError(
                _("{path} is a folder; give the path of a database file.").format(path=path)
            )
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        url = make_url(raw)
    except ArgumentError:
        raise DatabaseError(
            _("{text} is neither a file path nor a database URL.").format(text=repr(raw))
        ) from None
    if url.drivername == "postgresql":
        # psycopg 3 is the driver Roundtable ships; older SQLAlchemy versions
        # would otherwise pick psycopg2 for a bare "postgresql://".
        url = url.set(drivername="postgresql+psycopg")
    return url


def describe_url(url: URL) -> str:
    """A short, password-free description of the database for titles and messages.

    Not translated: the subject access export writes it into its JSON document.
    """
    if url.get_backend_name() == "sqlite":
        return url.database or "in-memory database"
    return url_without_password(url)


def url_without_password(url: URL | str) -> str:
    """``url`` as text with any password left out (not masked): what a settings file may keep.

    The password of ``user:password@host`` and a ``password=`` query option
    are both removed; libpq then finds the password in ``~/.pgpass`` or the
    service file. A plain file path is returned unchanged.
    """
    if isinstance(url, str):
        if "://" not in url:
            return url
        try:
            url = make_url(url)
        except ArgumentError:
            raise DatabaseError(_("This is neither a file path nor a database URL.")) from None
    # URL.set(password=None) would keep the old password: None means "unchanged" there.
    clean = url._replace(password=None).difference_update_query(["password"])
    return clean.render_as_string(hide_password=False)


def has_password(url: URL) -> bool:
    """Whether ``url`` carries a password itself (rather than leaving it to ``~/.pgpass``)."""
    return bool(url.password) or "password" in url.query


def sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:"):
        return None
    return Path(url.database)
