"""Opening a database: URL resolution, engine set-up, migrate-on-open, backups.

The embedded default is a per-user SQLite file; any SQLAlchemy URL works the
same way (``--db``, ``ROUNDTABLE_DATABASE_URL``). Opening a database brings
its schema to the head revision: an empty database is created, an older one
is copied aside and upgraded, and one written by a newer Roundtable is refused
rather than damaged.

Alembic costs about half a second to import, so it is imported only when the
database's revision (read straight from the ``alembic_version`` table) is not
the one this version of Roundtable ships.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from roundtable import context
from roundtable.errors import DatabaseError, SchemaTooNewError
from roundtable.migrations import HEAD_REVISION

log = logging.getLogger("roundtable.db")

APP_NAME = "Roundtable"
ENV_URL = "ROUNDTABLE_DATABASE_URL"
DEFAULT_FILENAME = "roundtable.sqlite3"


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
            raise DatabaseError(f"{path} is a folder; give the path of a database file.")
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        return make_url(raw)
    except ArgumentError:
        raise DatabaseError(f"{raw!r} is neither a file path nor a database URL.") from None


def describe_url(url: URL) -> str:
    """A short, password-free description of the database for titles and messages."""
    if url.get_backend_name() == "sqlite":
        return url.database or "in-memory database"
    return url.render_as_string(hide_password=True)


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:"):
        return None
    return Path(url.database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is turned off so that SQLAlchemy's
    # BEGIN covers DDL too (migrations are then all-or-nothing).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        if cursor.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: URL, **kwargs: Any) -> Engine:
    """An engine with the settings Roundtable relies on for this backend."""
    try:
        engine = create_engine(url, **kwargs)
    except NoSuchModuleError:
        raise DatabaseError(
            f"Roundtable cannot open {url.drivername} databases: the driver is not installed."
        ) from None
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(f"Cannot use the database {describe_url(url)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


@dataclass
class Database:
    """An open, migrated database: its URL, engine and session factory."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session] = field(init=False)
    #: Where a copy of the file was kept before an upgrade, if one was made.
    backup_path: Path | None = None

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def description(self) -> str:
        return describe_url(self.url)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        return _sqlite_file(self.url)

    def session(self) -> Session:
        return self.sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    spec: str | os.PathLike[str] | URL | None = None, *, backup: bool = True
) -> Database:
    """Open (creating or upgrading as needed) the database named by ``spec``.

    Raises :class:`DatabaseError` with a message naming the problem when the
    file is not a database, the schema belongs to a newer Roundtable, or the
    server cannot be reached.
    """
    url = spec if isinstance(spec, URL) else resolve_url(spec)
    path = _sqlite_file(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder {path.parent}: {exc.strerror}."
            ) from None
    engine = make_engine(url)
    try:
        backup_path = _bring_to_head(engine, url, backup=backup)
    except BaseException:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, backup_path=backup_path)


def read_revision(engine: Engine) -> tuple[str | None, bool]:
    """The schema revision stored in the database (``None`` when empty or at base),
    and whether the database holds tables of some other program."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables:
            return None, bool(tables)
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return (row[0] if row else None), False


def _bring_to_head(engine: Engine, url: URL, *, backup: bool) -> Path | None:
    where = describe_url(url)
    try:
        revision, foreign = read_revision(engine)
    except SQLAlchemyDatabaseError as exc:
        raise DatabaseError(_explain_open_error(where, exc)) from None
    except SQLAlchemyError as exc:
        raise DatabaseError(f"Cannot open {where}: {exc}") from None
    if revision == HEAD_REVISION:
        return None
    if foreign:
        raise DatabaseError(
            f"{where} is not a Roundtable database: it holds tables but no schema version."
        )
    from roundtable import migrate  # imports Alembic: only when an upgrade is due

    if revision is not None and not migrate.is_known_revision(revision):
        raise SchemaTooNewError(
            f"{where} was upgraded by a newer version of Roundtable (schema {revision}); "
            "please update Roundtable to open it."
        )
    backup_path = None
    if revision is not None and backup:
        backup_path = backup_sqlite_file(url, label=f"before-{HEAD_REVISION}")
    log.info("upgrading %s from %s to %s", where, revision or "empty", HEAD_REVISION)
    try:
        migrate.upgrade(url, "head")
    except OperationalError as exc:
        raise DatabaseError(_explain_open_error(where, exc)) from None
    return backup_path


def backup_sqlite_file(url: URL, label: str) -> Path | None:
    """Copy a SQLite database beside itself with SQLite's online backup; return the copy."""
    path = _sqlite_file(url)
    if path is None or not path.exists():
        return None
    stamp = context.now().strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.{label}.{stamp}{path.suffix}")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"Cannot keep a copy of {path} before upgrading it: {exc}") from None
    finally:
        source.close()
    log.info("kept a copy of %s at %s", path, target)
    return target


def _explain_open_error(where: str, exc: SQLAlchemyError) -> str:
    message = str(getattr(exc, "orig", exc))
    if "file is not a database" in message or "file is encrypted" in message:
        return f"{where} is not a Roundtable database (it is not an SQLite file)."
    if "unable to open database file" in message:
        return f"Cannot open {where}: the file or its folder cannot be read or written."
    if "readonly" in message or "read-only" in message:
        return f"Cannot write to {where}: the file is read-only."
    if "disk is full" in message or "disk I/O error" in message:
        return f"Cannot write to {where}: the disk is full or failing."
    return f"Cannot open {where}: {message}"


def explain_write_error(exc: SQLAlchemyError) -> str:
    """A user's sentence for a database error raised while saving."""
    message = str(getattr(exc, "orig", exc))
    if "disk is full" in message:
        return "The change was not saved: the disk is full. Free some space and try again."
    if "readonly" in message or "read-only" in message:
        return "The change was not saved: the database file is read-only."
    if "locked" in message:
        return "The change was not saved: the database is busy in another program. Try again."
    return f"The change was not saved: {message}"


__all__ = [
    "Database",
    "DatabaseError",
    "backup_sqlite_file",
    "default_database_path",
    "describe_url",
    "explain_write_error",
    "make_engine",
    "open_database",
    "read_revision",
    "resolve_url",
]
