"""PostgreSQL connection and privilege problems, each turned into one sentence that
says what to check (host, port, user, password, TLS, rights).
"""

from __future__ import annotations

import getpass
import re

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from roundtable.storage.urls import CONNECT_TIMEOUT, TEAM_DOC, describe_url

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
