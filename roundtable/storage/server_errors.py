"""PostgreSQL connection and privilege problems, each turned into one sentence that
says what to check (host, port, user, password, TLS, rights).
"""

from __future__ import annotations

import getpass
import re

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from roundtable.i18n import _
from roundtable.storage.urls import CONNECT_TIMEOUT, TEAM_DOC, describe_url

# libpq: 'connection to server at "db.example" (10.0.0.5), port 5432 failed: …'
_SERVER_AT = re.compile(r'connection to server at "([^"]*)"(?: \([^)]*\))?, port (\d+) failed')


_SERVER_SOCKET = re.compile(r'connection to server on socket "([^"]*)" failed')


_FOR_USER = re.compile(r'(?:for user|role) "([^"]*)"')


def _unreachable() -> tuple[tuple[str, str], ...]:
    """(libpq's words, why the server cannot be reached), in the language spoken now."""
    unknown_host = _("the host name is unknown")
    return (
        ("connection refused", _("the connection was refused")),
        (
            "timeout expired",
            _("it did not answer within {seconds} seconds").format(seconds=CONNECT_TIMEOUT),
        ),
        ("timed out", _("it did not answer in time")),
        ("failed to resolve host", unknown_host),
        ("could not translate host name", unknown_host),
        ("name or service not known", unknown_host),
        ("nodename nor servname", unknown_host),
        ("no route to host", _("there is no network route to it")),
        ("network is unreachable", _("the network is unreachable")),
        ("no such file or directory", _("no server is listening there")),
        ("server closed the connection unexpectedly", _("it closed the connection")),
        ("the database system is starting up", _("it is still starting up")),
        ("the database system is shutting down", _("it is shutting down")),
    )


def _login_refused() -> tuple[tuple[str, str], ...]:
    """(libpq's words, why the server refused the login), in the language spoken now."""
    same_user = _("it admits only the system user of the same name")
    return (
        ("password authentication failed", _("the password is wrong or there is no such user")),
        (
            "no password supplied",
            _("no password was given (keep it in ~/.pgpass or a service file, see {doc})").format(
                doc=TEAM_DOC
            ),
        ),
        ("does not exist", _("there is no such user")),  # role "x" does not exist
        (
            "no pg_hba.conf entry",
            _("its access rules (pg_hba.conf) do not admit this user from this computer"),
        ),
        ("peer authentication failed", same_user),
        ("ident authentication failed", same_user),
        ("certificate authentication failed", _("the client certificate does not match the user")),
        ("not permitted to log in", _("this role may not log in")),
        ("authentication failed", _("authentication failed")),
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
        what = _("it may not connect to it") if "connect privilege" in lowered else reason
        return _(
            "User {user} lacks privileges on database {name}: {reason}. Ask the database "
            "administrator to grant them, usually by making {user} a member of the team "
            "role (see {doc})."
        ).format(user=user, name=name, reason=what, doc=TEAM_DOC)
    if re.search(r'database "[^"]*" does not exist', message) or sqlstate == "3D000":
        return _("There is no database {name} on {host}.").format(name=name, host=host)
    for needle, why in _login_refused():
        if needle in lowered and (needle != "does not exist" or "role " in lowered):
            return _("The server at {host} refused the login for user {user}: {reason}.").format(
                host=host, user=user, reason=why
            )
    if any(word in lowered for word in _TLS_PROBLEMS) and "connection refused" not in lowered:
        return _(
            "Cannot set up a secure (TLS) connection to the database server at {host}: "
            "{reason}. Check sslmode and the certificate files (see {doc})."
        ).format(host=host, reason=reason, doc=TEAM_DOC)
    unreachable = _(
        "Cannot reach the database server at {address}: {reason}. Check the address and "
        "that the server is running."
    )
    for needle, why in _unreachable():
        if needle in lowered:
            return unreachable.format(address=_address_label(url, message, orig), reason=why)
    if "connection" in lowered and sqlstate is None:
        return unreachable.format(address=_address_label(url, message, orig), reason=reason)
    return _("Cannot open {name}: {reason}.").format(name=describe_url(url), reason=reason)


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
    return _host(url, message, orig)[0]


def _host(url: URL, message: str = "", orig: BaseException | None = None) -> tuple[str, bool]:
    """The server as messages name it, and whether that is a host name (which takes a port)
    rather than a description (a local socket, a service)."""
    match = _SERVER_AT.search(message)
    if match:
        return match.group(1), True
    match = _SERVER_SOCKET.search(message)
    if match:
        return _("the local socket {path}").format(path=match.group(1)), False
    host = url.host or url.query.get("host")
    if not host and orig is not None:
        host = _conn_value(orig, "host")
    if not host and "service" in url.query:
        return _("the server of service {service}").format(service=url.query["service"]), False
    return str(host or "localhost"), True


def _address_label(url: URL, message: str = "", orig: BaseException | None = None) -> str:
    match = _SERVER_AT.search(message)
    if match:
        return f"{match.group(1)}:{match.group(2)}"
    host, takes_port = _host(url, message, orig)
    if not takes_port:
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
        return _("(your system user)")


def _database_name(url: URL, orig: BaseException | None = None) -> str:
    name = url.database or url.query.get("dbname")
    if not name and orig is not None:
        name = _conn_value(orig, "db")
    return str(name or _("(default)"))


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
        return _(
            "The change was not saved: your database user may not change this data "
            "({reason}). Ask the database administrator (see {doc})."
        ).format(reason=message.splitlines()[0], doc=TEAM_DOC)
    if "disk is full" in message:
        return _("The change was not saved: the disk is full. Free some space and try again.")
    if "readonly" in message or "read-only" in message:
        return _("The change was not saved: the database file is read-only.")
    if "locked" in message:
        return _("The change was not saved: the database is busy in another program. Try again.")
    return _("The change was not saved: {reason}").format(reason=message)
