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

import getpass
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from roundtable import context
from roundtable.errors import DatabaseError, SchemaTooNewError
from roundtable.migrations import HEAD_REVISION

log = logging.getLogger("roundtable.db")

APP_NAME = "Roundtable"
ENV_URL = "ROUNDTABLE_DATABASE_URL"
DEFAULT_FILENAME = "roundtable.sqlite3"

#: Seconds a PostgreSQL connection attempt may take before it is given up
#: (libpq's ``connect_timeout``; a URL may set its own).
CONNECT_TIMEOUT = 5
#: The key in ``database_info`` naming the Roundtable that last upgraded the schema.
UPGRADED_BY_KEY = "upgraded_by"
#: Where the least-privilege set-up and the password files are explained.
TEAM_DOC = "docs/team-setup.md"
#: libpq drivers, which take libpq's connection keywords (connect_timeout, sslmode, …).
_LIBPQ_DRIVERS = frozenset({"psycopg", "psycopg2", "psycopg2cffi"})


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
        url = make_url(raw)
    except ArgumentError:
        raise DatabaseError(f"{raw!r} is neither a file path nor a database URL.") from None
    if url.drivername == "postgresql":
        # psycopg 3 is the driver Roundtable ships; older SQLAlchemy versions
        # would otherwise pick psycopg2 for a bare "postgresql://".
        url = url.set(drivername="postgresql+psycopg")
    return url


def describe_url(url: URL) -> str:
    """A short, password-free description of the database for titles and messages."""
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
            raise DatabaseError("This is neither a file path nor a database URL.") from None
    # URL.set(password=None) would keep the old password: None means "unchanged" there.
    clean = url._replace(password=None).difference_update_query(["password"])
    return clean.render_as_string(hide_password=False)


def has_password(url: URL) -> bool:
    """Whether ``url`` carries a password itself (rather than leaving it to ``~/.pgpass``)."""
    return bool(url.password) or "password" in url.query


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
        from roundtable.changes import install_change_tracking

        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Every committed write bumps the change marker other copies of the app poll.
        install_change_tracking(self.sessions)

    @property
    def description(self) -> str:
        return describe_url(self.url)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        return _sqlite_file(self.url)

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

        from roundtable import changes

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
                        "The database is busy: someone else is saving a change right now. "
                        "Your change was not saved; please try again."
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
        raise DatabaseError(_explain_open_error(where, exc, url, engine)) from None
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
        return (
            f"The database {where} was upgraded by {upgraded_by}; please update "
            f"{APP_NAME} (this is {__version__}) to open it."
        )
    return (
        f"{where} was upgraded by a newer version of Roundtable (schema {revision}); "
        f"please update Roundtable (this is {__version__}) to open it."
    )


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
        user, name, owner = _login_user(url), url.database or "?", "the owner of its tables"
    host = _host_label(url)
    if revision is None:
        state = (
            f"The database {name} on {host} is empty, and user {user} may not create tables in it"
        )
        fix = "set it up by opening it once with Roundtable"
    else:
        state = (
            f"The database {name} on {host} has an older schema ({revision}) than this "
            f"Roundtable needs ({HEAD_REVISION}), and user {user} may not change its tables"
        )
        fix = "upgrade it by opening it once with this version of Roundtable"
    return f"{state}: an administrator must {fix} as {owner}, the owner of its schema (see {TEAM_DOC})."


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


def _explain_open_error(
    where: str, exc: SQLAlchemyError, url: URL | None = None, engine: Engine | None = None
) -> str:
    if url is not None and url.get_backend_name() == "postgresql":
        return explain_server_error(url, exc, engine)
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


# --- PostgreSQL connection problems, one sentence each ------------------------------

# libpq: 'connection to server at "db.example" (10.0.0.5), port 5432 failed: …'
_SERVER_AT = re.compile(r'connection to server at "([^"]*)"(?: \([^)]*\))?, port (\d+) failed')
_SERVER_SOCKET = re.compile(r'connection to server on socket "([^"]*)" failed')
_FOR_USER = re.compile(r'(?:for user|role) "([^"]*)"')

_UNREACHABLE = (
    ("connection refused", "the connection was refused"),
    ("timeout expired", f"it did not answer within {CONNECT_TIMEOUT} seconds"),
    ("timed out", "it did not answer in time"),
    ("failed to resolve host", "the host name is unknown"),
    ("could not translate host name", "the host name is unknown"),
    ("name or service not known", "the host name is unknown"),
    ("nodename nor servname", "the host name is unknown"),
    ("no route to host", "there is no network route to it"),
    ("network is unreachable", "the network is unreachable"),
    ("no such file or directory", "no server is listening there"),
    ("server closed the connection unexpectedly", "it closed the connection"),
    ("the database system is starting up", "it is still starting up"),
    ("the database system is shutting down", "it is shutting down"),
)
_LOGIN_REFUSED = (
    ("password authentication failed", "the password is wrong or there is no such user"),
    (
        "no password supplied",
        "no password was given (keep it in ~/.pgpass or a service file, see " + TEAM_DOC + ")",
    ),
    ("does not exist", "there is no such user"),  # role "x" does not exist
    (
        "no pg_hba.conf entry",
        "its access rules (pg_hba.conf) do not admit this user from this computer",
    ),
    ("peer authentication failed", "it admits only the system user of the same name"),
    ("ident authentication failed", "it admits only the system user of the same name"),
    ("certificate authentication failed", "the client certificate does not match the user"),
    ("not permitted to log in", "this role may not log in"),
    ("authentication failed", "authentication failed"),
)
_TLS_PROBLEMS = ("ssl", "certificate", "tls")


def explain_server_error(url: URL, exc: BaseException, engine: Engine | None = None) -> str:
    """One sentence naming why a PostgreSQL server could not be used: unreachable, login
    refused, no such database, missing privileges, or (otherwise) the server's own words.

    Never contains the password: it is built from libpq's message and the
    URL's host, user and database name only.
    """
    orig = getattr(exc, "orig", None) or exc
    message = str(orig).strip()
    lowered = message.lower()
    sqlstate = getattr(orig, "sqlstate", None)
    host = _host_label(url, message, orig)
    user = _login_user(url, message, orig)
    name = _database_name(url, orig)
    # What the server said after "failed: FATAL:  …" (or libpq's own reason).
    reason = message.split("\n", 1)[0].rsplit(" failed: ", 1)[-1]
    reason = re.sub(r"^(FATAL|ERROR):\s+", "", reason).strip().rstrip(".")

    if sqlstate == "42501" or "permission denied" in lowered or "privilege" in lowered:
        if engine is not None and "connection" not in lowered:
            user, name = _current_identity(engine, user, name)
        what = "it may not connect to it" if "connect privilege" in lowered else reason
        return (
            f"User {user} lacks privileges on database {name}: {what}. Ask the database "
            f"administrator to grant them, usually by making {user} a member of the team "
            f"role (see {TEAM_DOC})."
        )
    if re.search(r'database "[^"]*" does not exist', message) or sqlstate == "3D000":
        return f"There is no database {name} on {host}."
    for needle, why in _LOGIN_REFUSED:
        if needle in lowered and (needle != "does not exist" or "role " in lowered):
            return f"The server at {host} refused the login for user {user}: {why}."
    if any(word in lowered for word in _TLS_PROBLEMS) and "connection refused" not in lowered:
        return (
            f"Cannot set up a secure (TLS) connection to the database server at {host}: "
            f"{reason}. Check sslmode and the certificate files (see {TEAM_DOC})."
        )
    for needle, why in _UNREACHABLE:
        if needle in lowered:
            return (
                f"Cannot reach the database server at {_address_label(url, message, orig)}: "
                f"{why}. Check the address and that the server is running."
            )
    if "connection" in lowered and sqlstate is None:
        return (
            f"Cannot reach the database server at {_address_label(url, message, orig)}: "
            f"{reason}. Check the address and that the server is running."
        )
    return f"Cannot open {describe_url(url)}: {reason}."


def _conn_value(orig: BaseException, attribute: str) -> str | None:
    """A connection parameter as libpq resolved it (service file and defaults included)."""
    pgconn = getattr(orig, "pgconn", None)
    try:
        value = getattr(pgconn, attribute, None) if pgconn is not None else None
    except Exception:  # a closed or half-made connection may refuse to answer
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value or None


def _host_label(url: URL, message: str = "", orig: BaseException | None = None) -> str:
    match = _SERVER_AT.search(message)
    if match:
        return match.group(1)
    match = _SERVER_SOCKET.search(message)
    if match:
        return f"the local socket {match.group(1)}"
    host = url.host or url.query.get("host")
    if not host and orig is not None:
        host = _conn_value(orig, "host")
    if not host and "service" in url.query:
        return f"the server of service {url.query['service']}"
    return str(host or "localhost")


def _address_label(url: URL, message: str = "", orig: BaseException | None = None) -> str:
    match = _SERVER_AT.search(message)
    if match:
        return f"{match.group(1)}:{match.group(2)}"
    host = _host_label(url, message, orig)
    if host.startswith("the "):
        return host
    port = url.port or url.query.get("port") or (orig and _conn_value(orig, "port")) or 5432
    return f"{host}:{port}"


def _login_user(url: URL, message: str = "", orig: BaseException | None = None) -> str:
    match = _FOR_USER.search(message)
    if match:
        return match.group(1)
    user = url.username or url.query.get("user")
    if not user and orig is not None:
        user = _conn_value(orig, "user")
    if user:
        return str(user)
    try:  # libpq's default: the operating-system user
        return getpass.getuser()
    except Exception:
        return "(your system user)"


def _database_name(url: URL, orig: BaseException | None = None) -> str:
    name = url.database or url.query.get("dbname")
    if not name and orig is not None:
        name = _conn_value(orig, "db")
    return str(name or "(default)")


def _current_identity(engine: Engine, user: str, name: str) -> tuple[str, str]:
    """Who the server says we are: the URL may leave user and database to a service file."""
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT current_user, current_database()")).one()
    except SQLAlchemyError:
        return user, name
    return str(row[0]), str(row[1])


def _is_privilege_error(exc: SQLAlchemyError) -> bool:
    orig = getattr(exc, "orig", exc)
    message = str(orig).lower()
    return (
        getattr(orig, "sqlstate", None) == "42501"
        or "permission denied" in message
        or "must be owner" in message
    )


def explain_write_error(exc: SQLAlchemyError) -> str:
    """A user's sentence for a database error raised while saving."""
    message = str(getattr(exc, "orig", exc))
    if _is_privilege_error(exc):
        return (
            "The change was not saved: your database user may not change this data "
            f"({message.splitlines()[0]}). Ask the database administrator (see {TEAM_DOC})."
        )
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
    "explain_server_error",
    "explain_write_error",
    "has_password",
    "make_engine",
    "open_database",
    "read_revision",
    "read_upgraded_by",
    "resolve_url",
    "server_connect_args",
    "url_without_password",
]
