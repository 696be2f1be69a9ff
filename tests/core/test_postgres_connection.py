"""Team mode: connecting to PostgreSQL, clear refusals, passwords, the documented roles,
the recorded schema version and who did what.

Tests that need a server take the ``postgres_server`` fixture (skipped with the reason
shown when there is none, a failure in CI); tests taking ``db`` run on both backends.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from postgres_server import PostgresServer, _free_port, find_bindir
from sqlalchemy import select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

from roundtable import __version__, context
from roundtable.cli import main
from roundtable.enums import InvitationStatus
from roundtable.errors import DatabaseError, SchemaTooNewError
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage import migrate
from roundtable.storage.audit import record_audit
from roundtable.storage.db import (
    Database,
    open_database,
    read_revision,
    read_upgraded_by,
    server_connect_args,
)
from roundtable.storage.interchange import dump_json, export_database
from roundtable.storage.migrations import HEAD_REVISION
from roundtable.storage.models import (
    AuditEntry,
    Invitation,
    InvitationEvent,
    Organisation,
    Person,
    Roundtable,
    RoundtableEvent,
)
from roundtable.storage.server_errors import explain_server_error, explain_write_error
from roundtable.storage.urls import (
    CONNECT_TIMEOUT,
    describe_url,
    has_password,
    resolve_url,
    url_without_password,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "team-setup.md"
TEAM_DOC = "docs/team-setup.md"


def _suffix() -> str:
    # Roles are cluster-wide: unique names keep parallel and repeated runs apart.
    return f"_{os.getpid()}_{secrets.token_hex(3)}"


def _plain(url: URL) -> str:
    """The URL as text, password included (what a user would type)."""
    return url.render_as_string(hide_password=False)


def _open_fails(url: URL | str, caplog: pytest.LogCaptureFixture) -> str:
    """Open ``url``, expect a DatabaseError; its message (checked for password leaks)."""
    caplog.set_level(logging.DEBUG)
    started = time.monotonic()
    with pytest.raises(DatabaseError) as caught:
        open_database(url)
    assert time.monotonic() - started < CONNECT_TIMEOUT + 2  # never a hang
    message = str(caught.value)
    assert "Traceback" not in message and "\n" not in message
    password = make_url(url).password if "://" in str(url) else None
    if password:
        assert str(password) not in message
        assert str(password) not in caplog.text
    return message


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_error_line(err: str, *fragments: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("roundtable: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def pgpass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty password file that libpq reads (PGPASSFILE), private to its owner."""
    path = tmp_path / "pgpass"
    path.write_text("")
    path.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(path))
    for name in ("PGPASSWORD", "PGSERVICE", "PGSERVICEFILE", "PGUSER", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    yield path


def _remember(pgpass: Path, url: URL, password: str) -> None:
    line = f"{url.host}:{url.port}:*:{url.username}:{password}\n"
    pgpass.write_text(pgpass.read_text() + line)


# --- connection options and URLs ------------------------------------------------------


def test_server_urls_get_a_timeout_and_a_name_and_keep_their_own_options() -> None:
    url = resolve_url("postgresql+psycopg://anna@db.example/roundtable")
    assert server_connect_args(url) == {"connect_timeout": 5, "application_name": "Roundtable"}
    own = resolve_url(
        "postgresql+psycopg://anna@db.example/rt?connect_timeout=15&application_name=Mine"
        "&sslmode=verify-full&sslrootcert=/etc/ca.crt&sslcert=/c.crt&sslkey=/c.key"
    )
    assert server_connect_args(own) == {}
    # TLS options reach libpq untouched, beside ours.
    from sqlalchemy import create_engine

    _args, params = create_engine(own).dialect.create_connect_args(own)
    assert {k: params[k] for k in ("sslmode", "sslrootcert", "sslcert", "sslkey")} == {
        "sslmode": "verify-full",
        "sslrootcert": "/etc/ca.crt",
        "sslcert": "/c.crt",
        "sslkey": "/c.key",
    }
    assert server_connect_args(resolve_url("x.sqlite3")) == {}
    # A bare postgresql:// means psycopg 3, the driver Roundtable ships.
    assert resolve_url("postgresql://anna@db.example/rt").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "postgresql+psycopg://anna:s3cret@db.example:5433/rt",
            "postgresql+psycopg://anna@db.example:5433/rt",
        ),
        (
            "postgresql+psycopg://anna@db.example/rt?password=s3cret&sslmode=verify-full",
            "postgresql+psycopg://anna@db.example/rt?sslmode=verify-full",
        ),
        ("postgresql+psycopg:///?service=roundtable", "postgresql+psycopg:///?service=roundtable"),
        ("postgresql+psycopg://anna@db.example/rt", "postgresql+psycopg://anna@db.example/rt"),
        ("/home/anna/roundtable.sqlite3", "/home/anna/roundtable.sqlite3"),
    ],
)
def test_url_without_password_is_what_a_settings_file_may_keep(given: str, expected: str) -> None:
    assert url_without_password(given) == expected
    if "://" in given:
        assert url_without_password(make_url(given)) == expected
        assert has_password(make_url(given)) == ("s3cret" in given)
    assert "s3cret" not in url_without_password(given)


def test_descriptions_hide_a_password_in_the_query_too() -> None:
    url = resolve_url("postgresql+psycopg://anna@db.example/rt?password=s3cret")
    assert "s3cret" not in describe_url(url)


def test_an_unreachable_server_is_named_within_seconds(caplog: pytest.LogCaptureFixture) -> None:
    port = _free_port()  # nothing listens there once the probe socket is closed
    message = _open_fails(f"postgresql+psycopg://anna:s3cret@127.0.0.1:{port}/rt", caplog)
    assert message == (
        f"Cannot reach the database server at 127.0.0.1:{port}: the connection was refused. "
        "Check the address and that the server is running."
    )


def test_an_unreachable_server_through_the_command_line(
    capsys: pytest.CaptureFixture[str], pgpass: Path
) -> None:
    port = _free_port()
    code, out, err = _cli(capsys, "--db", f"postgresql+psycopg://anna@127.0.0.1:{port}/rt", "info")
    assert (code, out) == (1, "")
    _one_error_line(err, f"Cannot reach the database server at 127.0.0.1:{port}")


class _FakeLibpqError(Exception):
    """Stands in for psycopg's OperationalError where a real cause is hard to arrange."""

    sqlstate = None


@pytest.mark.parametrize(
    ("libpq_says", "expected"),
    [
        (
            "failed to resolve host 'db.invalid': [Errno -2] Name or service not known",
            "Cannot reach the database server at db.invalid:5432: the host name is unknown. "
            "Check the address and that the server is running.",
        ),
        (
            'connection failed: connection to server at "10.9.9.9", port 5432 failed: timeout expired',
            "Cannot reach the database server at 10.9.9.9:5432: it did not answer within 5 "
            "seconds. Check the address and that the server is running.",
        ),
        (
            'connection failed: connection to server at "10.9.9.9", port 5432 failed: FATAL:  no '
            'pg_hba.conf entry for host "10.0.0.7", user "anna", database "rt", no encryption',
            "The server at 10.9.9.9 refused the login for user anna: its access rules "
            "(pg_hba.conf) do not admit this user from this computer.",
        ),
        (
            'connection failed: connection to server at "10.9.9.9", port 5432 failed: FATAL:  '
            'role "anna" does not exist',
            "The server at 10.9.9.9 refused the login for user anna: there is no such user.",
        ),
        (
            'connection failed: connection to server at "10.9.9.9", port 5432 failed: '
            "fe_sendauth: no password supplied",
            "The server at 10.9.9.9 refused the login for user anna: no password was given "
            f"(keep it in ~/.pgpass or a service file, see {TEAM_DOC}).",
        ),
    ],
)
def test_each_connection_problem_is_named(libpq_says: str, expected: str) -> None:
    url = resolve_url("postgresql+psycopg://anna@db.invalid/rt")
    exc = OperationalError("connect", {}, _FakeLibpqError(libpq_says))
    assert explain_server_error(url, exc) == expected


# --- refusals by a real server ----------------------------------------------------------


@dataclass
class Refusal:
    """One way a real server refuses, with the URL (no password) and the password to use."""

    url: URL
    password: str | None
    fragments: tuple[str, ...]
    cleanup: list[str] = field(default_factory=list)


def _refusal(server: PostgresServer, kind: str) -> Refusal:
    admin = server.admin_url
    password = str(admin.password)
    name = f"rt_role{_suffix()}"
    if kind == "wrong password":
        return Refusal(
            server.url("postgres"),
            "wrong-password-x",
            ("The server at 127.0.0.1 refused the login for user", str(admin.username), "wrong"),
        )
    if kind == "unknown role":
        return Refusal(
            server.url("postgres", name, "anything-x"),
            "anything-x",
            (f"The server at 127.0.0.1 refused the login for user {name}:",),
        )
    if kind == "no password":
        return Refusal(
            URL.create(
                admin.drivername,
                username=admin.username,
                host=admin.host,
                port=admin.port,
                database="postgres",
            ),
            None,
            (f"refused the login for user {admin.username}: no password was given", ".pgpass"),
        )
    if kind == "unknown database":
        return Refusal(
            server.url(f"no_such_db{_suffix()}"),
            password,
            ("There is no database no_such_db", "on 127.0.0.1."),
        )
    if kind == "no connect privilege":
        url = server.create_database()
        server.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}'")
        server.execute(f'REVOKE CONNECT ON DATABASE "{url.database}" FROM PUBLIC')
        return Refusal(
            server.url(str(url.database), name, f"pw-{name}"),
            f"pw-{name}",
            (
                f"User {name} lacks privileges on database {url.database}: it may not connect",
                "Ask the database administrator",
                TEAM_DOC,
            ),
            [f'DROP DATABASE "{url.database}" WITH (FORCE)', f"DROP ROLE {name}"],
        )
    assert kind == "no table rights"
    url = server.create_database()
    server.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}'")
    return Refusal(
        server.url(str(url.database), name, f"pw-{name}"),
        f"pw-{name}",
        (
            f"User {name} lacks privileges on database {url.database}: "
            "permission denied for table alembic_version",
            "Ask the database administrator",
            TEAM_DOC,
        ),
        [f'DROP DATABASE "{url.database}" WITH (FORCE)', f"DROP ROLE {name}"],
    )


REFUSALS = [
    "wrong password",
    "unknown role",
    "no password",
    "unknown database",
    "no connect privilege",
    "no table rights",
]


@pytest.fixture(params=REFUSALS)
def refusal(request: pytest.FixtureRequest, postgres_server: PostgresServer) -> Iterator[Refusal]:
    case = _refusal(postgres_server, request.param)
    # The URL itself never holds the password: open_database gets it added, the CLI
    # finds it in ~/.pgpass. (URL.set(password=None) would keep the old one.)
    case.url = case.url._replace(password=None)
    yield case
    for sql in case.cleanup:
        postgres_server.execute(sql)


def test_a_refusal_is_one_sentence_naming_which(
    refusal: Refusal, caplog: pytest.LogCaptureFixture, pgpass: Path
) -> None:
    url = refusal.url if refusal.password is None else refusal.url.set(password=refusal.password)
    message = _open_fails(url, caplog)
    for fragment in refusal.fragments:
        assert fragment in message


def test_a_refusal_through_the_command_line(
    refusal: Refusal, capsys: pytest.CaptureFixture[str], pgpass: Path
) -> None:
    # The password comes from ~/.pgpass, as documented: the URL holds none.
    if refusal.password is not None:
        _remember(pgpass, refusal.url, refusal.password)
    code, out, err = _cli(capsys, "--db", _plain(refusal.url), "info")
    assert (code, out) == (1, "")
    line = _one_error_line(err, *refusal.fragments)
    if refusal.password:
        assert refusal.password not in line


def test_tls_options_reach_the_server(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database()
    try:
        database = open_database(url.update_query_dict({"sslmode": "disable"}))
        database.close()
        # The test server speaks no TLS: "require" must fail, and say it is about TLS.
        with pytest.raises(
            DatabaseError,
            match=r"^Cannot set up a secure \(TLS\) connection to the database server at "
            r"127\.0\.0\.1: server does not support SSL, but SSL was required\. Check sslmode",
        ):
            open_database(url.update_query_dict({"sslmode": "require"}))
    finally:
        postgres_server.drop_database(url)


def test_the_server_sees_roundtable_by_name(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        with database.engine.connect() as conn:
            assert conn.execute(text("SHOW application_name")).scalar() == "Roundtable"
    finally:
        database.close()
        postgres_server.drop_database(url)


# --- passwords from libpq's files -------------------------------------------------------


def test_a_service_file_and_pgpass_connect_without_a_password_in_the_url(
    postgres_server: PostgresServer,
    tmp_path: Path,
    pgpass: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = postgres_server.create_database()
    try:
        admin = postgres_server.admin_url
        service_file = tmp_path / "pg_service.conf"
        service_file.write_text(
            "[roundtable]\n"
            f"host={admin.host}\nport={admin.port}\ndbname={url.database}\nuser={admin.username}\n"
            "sslmode=disable\n"
        )
        monkeypatch.setenv("PGSERVICEFILE", str(service_file))
        _remember(pgpass, admin, str(admin.password))
        assert pgpass.stat().st_mode & 0o777 == 0o600  # libpq ignores a readable file
        spec = "postgresql+psycopg:///?service=roundtable"
        assert not has_password(make_url(spec))

        database = open_database(spec)
        try:
            assert read_revision(database.engine) == (HEAD_REVISION, False)
            with database.engine.connect() as conn:
                assert conn.execute(text("SELECT current_database()")).scalar() == url.database
        finally:
            database.close()
        # Through the command line: no warning, since the URL holds no password.
        code, out, err = _cli(capsys, "--db", spec, "info")
        assert (code, err) == (0, "")
        assert "Schema revision: " in out

        # A service naming a missing database: the name comes from libpq, not the URL.
        service_file.write_text(service_file.read_text().replace(str(url.database), "nowhere_x"))
        with pytest.raises(
            DatabaseError, match=r"^There is no database nowhere_x on 127\.0\.0\.1\.$"
        ):
            open_database(spec)
    finally:
        postgres_server.drop_database(url)


def test_a_password_in_the_url_works_with_a_warning(
    postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgres_server.create_database()
    try:
        code, out, err = _cli(capsys, "--db", _plain(url), "info")
        assert code == 0
        assert err == (
            "roundtable: warning: the database URL contains a password; keep it in ~/.pgpass "
            f"or a service file instead (see {TEAM_DOC}).\n"
        )
        assert str(url.password) not in out + err
        assert f"{url_without_password(url)} (from --db)" in out
    finally:
        postgres_server.drop_database(url)


# --- the documented least-privilege set-up, run as written ------------------------------


def documented_sql() -> list[tuple[str, list[str]]]:
    """Each ```sql block of docs/team-setup.md: the database it runs in and its statements."""
    blocks = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    result = []
    for block in blocks:
        first, _, body = block.partition("\n")
        match = re.fullmatch(r"-- in database: (\w+)", first.strip())
        assert match, f"each SQL block of {TEAM_DOC} starts by naming its database: {first!r}"
        statements = [s.strip() for s in body.split(";") if s.strip()]
        result.append((match.group(1), statements))
    return result


@dataclass
class Team:
    """The documented set-up on the test server, with role names made unique."""

    server: PostgresServer
    suffix: str
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def database(self) -> str:
        return f"{self.server.prefix}team{self.suffix}"

    def name(self, documented: str) -> str:
        """The test's name for a role or database named ``documented`` in the doc."""
        if documented == "roundtable":
            return self.database
        return f"{documented}{self.suffix}"

    def run_block(self, index: int) -> None:
        blocks = documented_sql()
        where, statements = blocks[index]
        pattern = re.compile(r"\b(roundtable_owner|roundtable_team|anna|roundtable)\b")
        for statement in statements:
            sql = pattern.sub(lambda m: self.name(m.group(1)), statement)
            self.server.execute(sql, database="postgres" if where == "postgres" else self.database)

    def set_password(self, role: str) -> None:
        # Stands in for psql's \password, which the doc recommends.
        password = secrets.token_hex(12)
        self.server.execute(f"ALTER ROLE {self.name(role)} PASSWORD '{password}'")
        self.passwords[role] = password

    def url(self, role: str) -> URL:
        return self.server.url(self.database, self.name(role), self.passwords[role])


# The blocks in the order the doc gives them.
ROLES_AND_DATABASE, SCHEMA_RIGHTS, AFTER_FIRST_START, COORDINATOR = range(4)


@pytest.fixture
def team(postgres_server: PostgresServer) -> Iterator[Team]:
    """Roles, database and grants exactly as docs/team-setup.md gives them (no tables yet)."""
    assert len(documented_sql()) == 4
    team = Team(postgres_server, _suffix())
    try:
        team.run_block(ROLES_AND_DATABASE)
        team.set_password("roundtable_owner")
        team.run_block(SCHEMA_RIGHTS)
        team.run_block(COORDINATOR)
        team.set_password("anna")
        yield team
    finally:
        postgres_server.execute(f'DROP DATABASE IF EXISTS "{team.database}" WITH (FORCE)')
        for role in ("anna", "roundtable_team", "roundtable_owner"):
            postgres_server.execute(f"DROP ROLE IF EXISTS {team.name(role)}")


def test_the_documented_roles_let_a_coordinator_work_and_nothing_more(
    team: Team, clock: datetime
) -> None:
    owner = open_database(team.url("roundtable_owner"))  # the documented first start
    owner.close()
    team.run_block(AFTER_FIRST_START)

    database = open_database(team.url("anna"))
    try:
        assert read_revision(database.engine) == (HEAD_REVISION, False)
        assert read_upgraded_by(database.engine) == f"Roundtable {__version__}"
        with database.transaction() as session:
            roundtable = lifecycle.create_roundtable(session, title="Project Clover, second round")
            person = persons.create_person(session, "Jan de Vries", email="jan@example.org")
            invitation = invitations.add_invitation(session, roundtable, person=person)
            invitations.mark_invited(session, invitation)
        with database.transaction() as session:
            stored = session.scalars(select(Invitation)).one()
            assert stored.status is InvitationStatus.INVITED
            assert stored.roundtable.title == "Project Clover, second round"
        # Only rows: no tables, and the schema's bookkeeping is the owner's.
        for forbidden in (
            "CREATE TABLE mischief (id integer)",
            "UPDATE alembic_version SET version_num = '0099'",
            "DELETE FROM database_info",
        ):
            with (
                pytest.raises(ProgrammingError, match="permission denied"),
                database.transaction() as session,
            ):
                session.execute(text(forbidden))
    finally:
        database.close()


def test_a_coordinator_is_told_an_administrator_must_upgrade(
    team: Team, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str], pgpass: Path
) -> None:
    migrate.upgrade(team.url("roundtable_owner"), "0001")  # an older Roundtable set it up
    owner, anna = team.name("roundtable_owner"), team.name("anna")

    message = _open_fails(team.url("anna"), caplog)
    assert message == (
        f"The database {team.database} on 127.0.0.1 has an older schema (0001) than this "
        f"Roundtable needs ({HEAD_REVISION}), and user {anna} may not change its tables: an "
        "administrator must upgrade it by opening it once with this version of Roundtable as "
        f"{owner}, the owner of its schema (see {TEAM_DOC})."
    )
    _remember(pgpass, team.url("anna"), team.passwords["anna"])
    code, _out, err = _cli(capsys, "--db", _plain(team.url("anna")._replace(password=None)), "info")
    assert code == 1
    _one_error_line(err, "an administrator must upgrade it", owner)
    check = open_database(team.url("roundtable_owner"), backup=False)  # the owner upgrades
    check.close()
    database = open_database(team.url("anna"))  # and then the coordinator gets in
    try:
        assert read_revision(database.engine) == (HEAD_REVISION, False)
    finally:
        database.close()


def test_a_coordinator_cannot_set_up_an_empty_database(
    team: Team, caplog: pytest.LogCaptureFixture
) -> None:
    message = _open_fails(team.url("anna"), caplog)
    assert message.startswith(f"The database {team.database} on 127.0.0.1 is empty")
    assert (
        f"an administrator must set it up by opening it once with Roundtable as {team.name('roundtable_owner')}"
        in message
    )


def test_a_write_the_user_may_not_make_is_explained() -> None:
    exc = ProgrammingError(
        "UPDATE x", {}, _FakeLibpqError("permission denied for table roundtable")
    )
    assert explain_write_error(exc) == (
        "The change was not saved: your database user may not change this data (permission "
        f"denied for table roundtable). Ask the database administrator (see {TEAM_DOC})."
    )


# --- backups as documented ------------------------------------------------------------


def test_pg_dump_and_pg_restore_as_documented_keep_everything(
    team: Team, tmp_path: Path, clock: datetime
) -> None:
    bindir = find_bindir()
    if bindir is None or not (bindir / "pg_dump").exists():
        pytest.skip("pg_dump and pg_restore are not installed")
    owner_db = open_database(team.url("roundtable_owner"))
    try:
        team.run_block(AFTER_FIRST_START)
        from roundtable.demo import load_demo

        with owner_db.transaction() as session:
            load_demo(session)
            before = dump_json(export_database(session))
    finally:
        owner_db.close()
    server = team.server
    host, port = str(server.admin_url.host), str(server.admin_url.port)
    environment = {**os.environ, "PGPASSWORD": team.passwords["roundtable_owner"]}
    dump = tmp_path / "roundtable.dump"
    owner = team.name("roundtable_owner")
    restored = f"{team.database}_restored"

    def run(*command: str) -> None:
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr

    run(
        str(bindir / "pg_dump"),
        "-Fc",
        "-h",
        host,
        "-p",
        port,
        "-U",
        owner,
        "-d",
        team.database,
        "-f",
        str(dump),
    )
    server.execute(f'CREATE DATABASE "{restored}" OWNER {owner}')
    try:
        run(
            str(bindir / "pg_restore"),
            "-h",
            host,
            "-p",
            port,
            "-U",
            owner,
            "-d",
            restored,
            "--no-owner",
            "--exit-on-error",
            str(dump),
        )
        server.execute(f'GRANT CONNECT ON DATABASE "{restored}" TO {team.name("roundtable_team")}')
        anna = open_database(team.url("anna").set(database=restored))
        try:
            with anna.transaction() as session:
                assert dump_json(export_database(session)) == before
                organisations.create_organisation(session, "Written after the restore")
        finally:
            anna.close()
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


# --- the schema version: who upgraded, and refusing an older app -------------------------


def test_creating_a_database_records_which_roundtable_did_it(db: Database) -> None:
    assert read_upgraded_by(db.engine) == f"Roundtable {__version__}"


def test_an_upgrade_records_which_roundtable_did_it(db: Database) -> None:
    migrate.downgrade(db.url, "0001")
    assert read_upgraded_by(db.engine) is None  # 0001 has no database_info table
    migrate.upgrade(db.url, HEAD_REVISION)  # naming head by its revision counts as head
    assert read_upgraded_by(db.engine) == f"Roundtable {__version__}"
    with db.transaction() as session:
        session.execute(text("UPDATE database_info SET value = 'Roundtable 0.0.9'"))
    migrate.downgrade(db.url, "0001")
    reopened = open_database(db.url, backup=False)
    try:
        assert read_upgraded_by(reopened.engine) == f"Roundtable {__version__}"
        with reopened.engine.connect() as conn:
            rows = conn.execute(text("SELECT key, value FROM database_info")).all()
        assert rows == [("upgraded_by", f"Roundtable {__version__}")]
    finally:
        reopened.close()


def test_an_upgrade_short_of_head_records_nothing(db: Database) -> None:
    migrate.downgrade(db.url, "base")
    migrate.upgrade(db.url, "0001")
    assert read_upgraded_by(db.engine) is None


def test_a_newer_database_names_the_version_to_update_to(db: Database) -> None:
    with db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        session.execute(text("UPDATE database_info SET value = 'Roundtable 0.3.0'"))
    db.close()
    with pytest.raises(SchemaTooNewError) as caught:
        open_database(db.url)
    assert str(caught.value) == (
        f"The database {describe_url(db.url)} was upgraded by Roundtable 0.3.0; please update "
        f"Roundtable (this is {__version__}) to open it."
    )
    assert read_revision(db.engine) == ("0099", False)
    assert read_upgraded_by(db.engine) == "Roundtable 0.3.0"


def test_a_newer_database_without_a_record_gets_the_general_wording(db: Database) -> None:
    with db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        session.execute(text("DELETE FROM database_info"))
    db.close()
    with pytest.raises(SchemaTooNewError, match="newer version of Roundtable") as caught:
        open_database(db.url)
    assert f"(this is {__version__})" in str(caught.value)


def test_a_newer_database_through_the_command_line(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        session.execute(text("UPDATE database_info SET value = 'Roundtable 0.3.0'"))
    db.close()
    code, out, err = _cli(capsys, "--db", _plain(db.url), "info")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        f"roundtable: error: The database {describe_url(db.url)} was upgraded by Roundtable "
        f"0.3.0; please update Roundtable (this is {__version__}) to open it."
    )


# --- who did what -----------------------------------------------------------------------


def test_history_audit_and_last_editor_carry_the_acting_user(db: Database, clock: datetime) -> None:
    context.set_actor("Anna de Wit")
    with db.transaction() as session:
        org = organisations.create_organisation(session, "Bits of Freedom")
        person = persons.create_person(
            session, "Jan de Vries", email="jan@example.org", organisation=org
        )
        roundtable = lifecycle.create_roundtable(session, title="Project Clover")
        invitation = invitations.add_invitation(session, roundtable, person=person)
        record_audit(session, "export", entity_type="roundtable", entity_id=roundtable.id)
    context.set_actor("Ben Jansen")
    with db.transaction() as session:
        invitation = session.get(Invitation, invitation.id)
        assert invitation is not None
        invitations.mark_invited(session, invitation)
        session.get(Organisation, org.id).notes = "Digital rights NGO"  # type: ignore[union-attr]
    with db.transaction() as session:
        assert [e.actor for e in session.scalars(select(RoundtableEvent))] == ["Anna de Wit"]
        events = session.scalars(select(InvitationEvent).order_by(InvitationEvent.id)).all()
        assert [e.actor for e in events] == ["Anna de Wit", "Ben Jansen"]
        assert [(a.actor, a.action) for a in session.scalars(select(AuditEntry))] == [
            ("Anna de Wit", "export")
        ]
        assert session.scalars(select(Roundtable.updated_by)).one() == "Anna de Wit"
        assert session.scalars(select(Person.updated_by)).one() == "Anna de Wit"
        assert session.scalars(select(Invitation.updated_by)).one() == "Ben Jansen"
        assert session.scalars(select(Organisation.updated_by)).one() == "Ben Jansen"
    context.set_actor(None)
    assert context.actor() == "tester"  # ROUNDTABLE_USER, set by conftest
    assert context.actor_source() == "environment"
