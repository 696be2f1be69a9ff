"""Opening a database: URL resolution, engine set-up, migrate-on-open, backups.

The embedded default is a per-user SQLite file; any SQLAlchemy URL works the
same way (``--db``, ``ROUNDTABLE_DATABASE_URL``). Opening a database brings
its schema to the head revision: an empty database is created, an older one
is copied aside and upgraded, and one written by a newer Roundtable is refused
rather than damaged.

Alembic costs about half a second to import, so it is imported only when the
database's revision (read straight from the ``alembic_version`` table) is not
the one this version of Roundtable ships.

On a PostgreSQL server (team mode) the connection gives up after a few
seconds, and every way it can fail (server unreachable, login refused, no
such database, missing privileges, a schema only an administrator may
upgrade) becomes one sentence naming which. Passwords come from libpq's own
files (``~/.pgpass``, the service file), never from Roundtable's settings;
see ``docs/team-setup.md``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from roundtable import context
from roundtable.errors import DatabaseError, SchemaTooNewError
from roundtable.i18n import _
from roundtable.storage.migrations import HEAD_REVISION
from roundtable.storage.server_errors import (
    _host_label,
    _is_privilege_error,
    _login_user,
    explain_server_error,
)
from roundtable.storage.urls import (
    APP_NAME,
    CONNECT_TIMEOUT,
    TEAM_DOC,
    describe_url,
    resolve_url,
    sqlite_file,
)

_T = TypeVar("_T")

log = logging.getLogger("roundtable.db")


#: The key in ``database_info`` naming the Roundtable that last upgraded the schema.
UPGRADED_BY_KEY = "upgraded_by"


#: libpq drivers, which take libpq's connection keywords (connect_timeout, sslmode, …).
_LIBPQ_DRIVERS = frozenset({"psycopg", "psycopg2", "psycopg2cffi"})


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is turned off so that SQLAlchemy's
    # BEGIN covers DDL too (migrations are then all-or-nothing).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        # Deleted and overwritten text (an erased person's name, a deleted
        # person) is zeroed in the file instead of lingering in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        if cursor.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def server_connect_args(url: URL) -> dict[str, Any]:
    """libpq options Roundtable adds for a PostgreSQL URL: a connection timeout and its name.

    Options written in the URL's query win (``?connect_timeout=15``); TLS
    options there (``sslmode``, ``sslrootcert``, ``sslcert``, ``sslkey``) and
    ``service`` reach libpq untouched.
    """
    if url.get_backend_name() != "postgresql" or url.get_driver_name() not in _LIBPQ_DRIVERS:
        return {}
    args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        # Without it libpq waits for the operating system (minutes) on a dead address.
        args["connect_timeout"] = CONNECT_TIMEOUT
    if "application_name" not in url.query:
        # Shown in pg_stat_activity, so an administrator sees who is connected.
        args["application_name"] = APP_NAME
    return args


def make_engine(url: URL, **kwargs: Any) -> Engine:
    """An engine with the settings Roundtable relies on for this backend."""
    connect_args = {**server_connect_args(url), **kwargs.pop("connect_args", {})}
    if connect_args:
        kwargs["connect_args"] = connect_args
    try:
        engine = create_engine(url, **kwargs)
    except NoSuchModuleError:
        raise DatabaseError(
            _("Roundtable cannot open {driver} databases: the driver is not installed.").format(
                driver=url.drivername
            )
        ) from None
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(
            _("Cannot use the database {name}: {reason}").format(name=describe_url(url), reason=exc)
        ) from None
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
        from roundtable.storage.changes import install_change_tracking

        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Every committed write bumps the change marker other copies of the app poll.
        install_change_tracking(self.sessions)

    @property
    def description(self) -> str:
        return describe_url(self.url)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        return sqlite_file(self.url)

    def session(self) -> Session:
        """A new session, for reading (use :meth:`transaction` to write).

        The app reads in one short transaction and saves in another, never
        holding a transaction open while someone looks at the screen: a long
        one would keep PostgreSQL's row versions (and SQLite's write-ahead log)
        from being cleaned up, and on SQLite would keep a stale snapshot. The
        records read stay usable afterwards (``expire_on_commit=False``); their
        version counters make a later save of a record someone else changed
        in between fail with :class:`~roundtable.errors.ConcurrentEditError`.
        """
        return self.sessions()

    def read(self, query: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        """``query(session, *args, **kwargs)`` in one short transaction, and its result.

        For the core's query functions, which return plain frozen rows: the
        caller never holds a session, and nothing it keeps depends on one.
        """
        with self.transaction() as session:
            return query(session, *args, **kwargs)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error.

        Nothing of a failed transaction is written. Two failures are turned
        into sentences for the user: a record someone else saved in between
        (optimistic locking) raises :class:`~roundtable.errors.ConcurrentEditError`
        naming who and when, and a database too busy to take the write (SQLite's
        "database is locked", a PostgreSQL deadlock) raises
        :class:`~roundtable.errors.DatabaseError` asking to try again.
        """
        from sqlalchemy.exc import OperationalError
        from sqlalchemy.orm.exc import StaleDataError

        from roundtable.storage import changes

        session = self.sessions()
        try:
            session.begin()
            try:
                yield session
                session.commit()
            except StaleDataError:
                edited = changes.edited_rows(session)  # before rollback forgets them
                self._rollback_quietly(session)
                raise changes.conflict_error(self.engine, edited) from None
            except OperationalError as exc:
                edited = changes.edited_rows(session)
                self._rollback_quietly(session)
                if self._is_busy(exc):
                    # SQLite makes a write that waited for another one fail as
                    # "locked" when the other changed what it had read.
                    conflict = changes.find_conflict(self.engine, edited)
                    if conflict is not None:
                        raise conflict from None
                    raise DatabaseError(
                        _(
                            "The database is busy: someone else is saving a change right now. "
                            "Your change was not saved; please try again."
                        )
                    ) from exc
                raise
            except BaseException:
                self._rollback_quietly(session)
                raise
        finally:
            session.close()

    @staticmethod
    def _rollback_quietly(session: Session) -> None:
        # A rollback that fails too (the server went away) must not hide the
        # error that made it necessary.
        from sqlalchemy.exc import SQLAlchemyError

        try:
            session.rollback()
        except SQLAlchemyError as exc:
            log.warning("rollback failed after an error: %s", exc)

    @staticmethod
    def _is_busy(exc: Exception) -> bool:
        """Whether the write failed only because others held the database (worth a retry)."""
        orig = getattr(exc, "orig", None)
        # PostgreSQL: deadlock_detected, serialization_failure, lock_not_available.
        if getattr(orig, "sqlstate", None) in {"40P01", "40001", "55P03"}:
            return True
        message = str(orig if orig is not None else exc)
        return "database is locked" in message or "database is busy" in message

    def close(self) -> None:
        self.engine.dispose()


def is_database_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is the database layer failing (a lost server, a locked file), not a bug.

    For callers that do not import SQLAlchemy themselves (the desktop app) and
    must tell such a failure, worth a message, from an error to report.
    """
    return isinstance(exc, SQLAlchemyError)


def open_database(
    spec: str | os.PathLike[str] | URL | None = None, *, backup: bool = True
) -> Database:
    """Open (creating or upgrading as needed) the database named by ``spec``.

    Raises :class:`DatabaseError` with a message naming the problem when the
    file is not a database, the schema belongs to a newer Roundtable, the
    server cannot be reached, refuses the login or lacks the database, or the
    user lacks the privileges to read it or (when it is behind) to upgrade it.
    """
    url = spec if isinstance(spec, URL) else resolve_url(spec)
    path = sqlite_file(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                _("Cannot create the folder {folder}: {reason}.").format(
                    folder=path.parent, reason=exc.strerror
                )
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
        raise DatabaseError(_explain_open_error(where, exc, url, engine)) from None
    except SQLAlchemyError as exc:
        raise DatabaseError(
            _("Cannot open {name}: {reason}").format(name=where, reason=exc)
        ) from None
    if revision == HEAD_REVISION:
        return None
    if foreign:
        raise DatabaseError(
            _("{name} is not a Roundtable database: it holds tables but no schema version.").format(
                name=where
            )
        )
    from roundtable.storage import migrate

    if revision is not None and not migrate.is_known_revision(revision):
        raise SchemaTooNewError(_too_new_message(engine, where, revision))
    try:
        _check_may_upgrade(engine, url, revision)
    except SQLAlchemyDatabaseError as exc:
        raise DatabaseError(_explain_open_error(where, exc, url, engine)) from None
    backup_path = None
    if revision is not None and backup:
        backup_path = backup_sqlite_file(url, label=f"before-{HEAD_REVISION}")
    log.info("upgrading %s from %s to %s", where, revision or "empty", HEAD_REVISION)
    try:
        migrate.upgrade(url, "head")
    except SQLAlchemyDatabaseError as exc:
        if _is_privilege_error(exc):
            # The check above missed a case; the upgrade was rolled back whole.
            raise DatabaseError(_upgrade_refused(engine, url, revision)) from None
        raise DatabaseError(_explain_open_error(where, exc, url, engine)) from None
    return backup_path


def read_upgraded_by(engine: Engine) -> str | None:
    """Which Roundtable last created or upgraded the schema ("Roundtable 0.1.0"), if recorded."""
    try:
        with engine.connect() as conn:
            if "database_info" not in inspect(conn).get_table_names():
                return None
            value = conn.execute(
                text("SELECT value FROM database_info WHERE key = :key"), {"key": UPGRADED_BY_KEY}
            ).scalar()
    except SQLAlchemyError:
        return None  # only used to word a refusal; the generic wording will do
    return str(value) if value else None


def _too_new_message(engine: Engine, where: str, revision: str) -> str:
    from roundtable import __version__

    upgraded_by = read_upgraded_by(engine)
    if upgraded_by and upgraded_by != f"{APP_NAME} {__version__}":
        return _(
            "The database {name} was upgraded by {upgraded_by}; please update "
            "{app} (this is {version}) to open it."
        ).format(name=where, upgraded_by=upgraded_by, app=APP_NAME, version=__version__)
    return _(
        "{name} was upgraded by a newer version of Roundtable (schema {revision}); "
        "please update Roundtable (this is {version}) to open it."
    ).format(name=where, revision=revision, version=__version__)


def _check_may_upgrade(engine: Engine, url: URL, revision: str | None) -> None:
    """On a server, refuse before trying when this login may not create or alter the tables.

    Team members usually hold only the rights to read and write rows; the
    schema belongs to an owner role, which must run the upgrade.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        may_create = conn.execute(
            text("SELECT coalesce(has_schema_privilege(current_schema(), 'CREATE'), false)")
        ).scalar()
        foreign_owners = (
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_class c"
                    " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S')"
                    " AND NOT pg_has_role(current_user, c.relowner, 'USAGE')"
                )
            ).scalar()
            or 0
        )
    if not may_create or foreign_owners:
        raise DatabaseError(_upgrade_refused(engine, url, revision))


def _schema_owner(engine: Engine) -> tuple[str, str, str]:
    """The current user, the database's name and the role that owns its schema."""
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT current_user, current_database(),"
                " (SELECT pg_get_userbyid(relowner) FROM pg_class"
                "   WHERE oid = to_regclass('alembic_version')),"
                " (SELECT pg_get_userbyid(nspowner) FROM pg_namespace"
                "   WHERE nspname = current_schema()),"
                " (SELECT pg_get_userbyid(datdba) FROM pg_database"
                "   WHERE datname = current_database())"
            )
        ).one()
    user, name, table_owner, schema_owner, database_owner = row
    # pg_database_owner (PostgreSQL 15+) is a stand-in for the database's owner.
    if schema_owner == "pg_database_owner":
        schema_owner = None
    return user, name, table_owner or schema_owner or database_owner


def _upgrade_refused(engine: Engine, url: URL, revision: str | None) -> str:
    try:
        user, name, owner = _schema_owner(engine)
    except SQLAlchemyError:
        user, name, owner = _login_user(url), url.database or "?", _("the owner of its tables")
    host = _host_label(url)
    if revision is None:
        message = _(
            "The database {name} on {host} is empty, and user {user} may not create tables in "
            "it: an administrator must set it up by opening it once with Roundtable as {owner}, "
            "the owner of its schema (see {doc})."
        )
    else:
        message = _(
            "The database {name} on {host} has an older schema ({revision}) than this "
            "Roundtable needs ({head}), and user {user} may not change its tables: an "
            "administrator must upgrade it by opening it once with this version of Roundtable "
            "as {owner}, the owner of its schema (see {doc})."
        )
    return message.format(
        name=name,
        host=host,
        user=user,
        revision=revision,
        head=HEAD_REVISION,
        owner=owner,
        doc=TEAM_DOC,
    )


def backup_sqlite_file(url: URL, label: str) -> Path | None:
    """Copy a SQLite database beside itself with SQLite's online backup; return the copy."""
    path = sqlite_file(url)
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
        raise DatabaseError(
            _("Cannot keep a copy of {path} before upgrading it: {reason}").format(
                path=path, reason=exc
            )
        ) from None
    finally:
        source.close()
    log.info("kept a copy of %s at %s", path, target)
    return target


def _explain_open_error(
    where: str, exc: SQLAlchemyError, url: URL | None = None, engine: Engine | None = None
) -> str:
    if url is not None and url.get_backend_name() == "postgresql":
        return explain_server_error(url, exc, engine)
    message = str(getattr(exc, "orig", exc))
    if "file is not a database" in message or "file is encrypted" in message:
        text = _("{name} is not a Roundtable database (it is not an SQLite file).")
    elif "unable to open database file" in message:
        text = _("Cannot open {name}: the file or its folder cannot be read or written.")
    elif "readonly" in message or "read-only" in message:
        text = _("Cannot write to {name}: the file is read-only.")
    elif "disk is full" in message or "disk I/O error" in message:
        text = _("Cannot write to {name}: the disk is full or failing.")
    else:
        text = _("Cannot open {name}: {reason}")
    return text.format(name=where, reason=message)
