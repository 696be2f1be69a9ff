"""A real PostgreSQL server for the test session.

Either an existing server named by ``ROUNDTABLE_TEST_POSTGRES_URL`` (the URL
of a role that may create databases), or a throwaway cluster that this module
creates with the PostgreSQL binaries it finds (Debian's ``postgresql``
package, Homebrew, or ``ROUNDTABLE_PG_BINDIR``), listening on 127.0.0.1 on a
free port, with password (SCRAM) authentication over TCP like a real team
server. It is started once per session and removed at the end.

Each test gets its own database, copied from a template that was migrated to
head once, so a PostgreSQL test costs a ``CREATE DATABASE … TEMPLATE``, not a
migration.
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

ENV_URL = "ROUNDTABLE_TEST_POSTGRES_URL"
ENV_BINDIR = "ROUNDTABLE_PG_BINDIR"
TEMPLATE = "roundtable_template"

NO_SERVER_REASON = (
    "no PostgreSQL server for the team-mode tests: install PostgreSQL "
    "(Debian/Ubuntu: apt-get install postgresql) or set ROUNDTABLE_TEST_POSTGRES_URL"
)


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, newest version first."""
    if os.environ.get(ENV_BINDIR):
        return Path(os.environ[ENV_BINDIR])
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb") or "").parent)
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    return None


class PostgresServer:
    """A PostgreSQL server the tests may create and drop databases on."""

    def __init__(self, admin_url: URL) -> None:
        self.admin_url = admin_url
        self._names = itertools.count(1)
        self._admin = create_engine(
            admin_url.set(database="postgres"), isolation_level="AUTOCOMMIT", pool_size=1
        )
        self._template_ready = False
        self.prefix = f"rt_test_{os.getpid()}_"

    def execute(self, sql: str, database: str = "postgres") -> None:
        """Run administrative SQL (as the admin role) outside a transaction."""
        if database == "postgres":
            with self._admin.connect() as conn:
                conn.execute(text(sql))
            return
        engine = create_engine(self.admin_url.set(database=database), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()

    def url(self, database: str, username: str | None = None, password: str | None = None) -> URL:
        """The URL of ``database`` on this server, as the admin or another role."""
        url = self.admin_url.set(database=database)
        if username is not None:
            # URL.set(password=None) would keep the admin's password.
            url = url._replace(username=username, password=password)
        return url

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        from roundtable.storage.db import open_database

        self.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}{self.prefix}" WITH (FORCE)')
        self.execute(f'CREATE DATABASE "{TEMPLATE}{self.prefix}"')
        database = open_database(self.url(f"{TEMPLATE}{self.prefix}"))
        database.close()
        self._template_ready = True

    def create_database(self, migrated: bool = True) -> URL:
        """A new database (migrated to head unless ``migrated`` is false); its URL."""
        name = f"{self.prefix}{next(self._names)}"
        if migrated:
            self._ensure_template()
            self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}{self.prefix}"')
        else:
            self.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: URL) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')

    def stop(self) -> None:
        if self._template_ready:
            self.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}{self.prefix}" WITH (FORCE)')
        self._admin.dispose()


class TemporaryCluster(PostgresServer):
    """A throwaway cluster made with initdb in a temporary folder."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="roundtable-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        # initdb refuses to run as root; the Debian package provides "postgres".
        self.run_as = "postgres" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
        password = secrets.token_hex(16)
        password_file = self.folder / "pw"
        password_file.write_text(password + "\n")
        if self.run_as:
            shutil.chown(self.folder, self.run_as)
            shutil.chown(password_file, self.run_as)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "rt_admin",
            f"--pwfile={password_file}",
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "--encoding=UTF8",
            "--no-locale",
        )
        password_file.unlink()
        self.port = _free_port()
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
        super().__init__(
            URL.create(
                "postgresql+psycopg",
                username="rt_admin",
                password=password,
                host="127.0.0.1",
                port=self.port,
                database="postgres",
            )
        )

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(
                f"{program} failed ({result.returncode}): {result.stderr}{result.stdout}{log}"
            )

    def stop(self) -> None:
        try:
            super().stop()
        finally:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            finally:
                shutil.rmtree(self.folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server() -> PostgresServer | None:
    """The server named by the environment, a new temporary cluster, or ``None``."""
    if os.environ.get(ENV_URL):
        return PostgresServer(make_url(os.environ[ENV_URL]))
    bindir = find_bindir()
    if bindir is None:
        return None
    return TemporaryCluster(bindir)
