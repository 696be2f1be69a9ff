"""Fixtures shared by every test: each test gets its own database and folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

# Headless by default; a developer can still pass QT_QPA_PLATFORM=xcb to watch.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from postgres_server import NO_SERVER_REASON, PostgresServer, start_server
from sqlalchemy.engine import URL

from roundtable import context, i18n
from roundtable.storage.db import Database, open_database
from roundtable.storage.urls import resolve_url

#: The moment tests pretend it is, unless a test says otherwise.
TEST_NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Redirect the per-user folders and pin the actor, so no test touches the real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("ROUNDTABLE_DATABASE_URL", raising=False)
    monkeypatch.setenv("ROUNDTABLE_USER", "tester")
    # The interface speaks English in tests, whatever the machine's language
    # (tests of the Dutch interface ask for it themselves; see ui/i18n.py).
    monkeypatch.setenv("ROUNDTABLE_LANGUAGE", "en")
    monkeypatch.delenv("ROUNDTABLE_PSEUDO_TRANSLATE", raising=False)
    context.set_actor(None)
    i18n.set_language("en")  # the core's messages too; a Dutch test must not leave them Dutch
    yield
    context.set_actor(None)
    i18n.set_language("en")


@pytest.fixture
def clock() -> Iterator[datetime]:
    """Freeze the core's clock at :data:`TEST_NOW`."""
    with context.frozen_clock(TEST_NOW):
        yield TEST_NOW


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "roundtable.sqlite3"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the session (see tests/postgres_server.py).

    Missing, it skips the PostgreSQL half of the suite with the reason shown,
    except in CI (``CI`` set), where team mode must be tested and it fails.
    """
    try:
        server = start_server()
    except RuntimeError as exc:
        server, reason = None, f"PostgreSQL could not be started: {exc}"
    else:
        reason = NO_SERVER_REASON
    if server is None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[URL]:
    """The URL of a new, empty database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield resolve_url(tmp_path / "roundtable.sqlite3")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def db(db_url: URL) -> Iterator[Database]:
    """A migrated, empty database, on each backend in turn."""
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(db_path: Path) -> Iterator[Database]:
    """A migrated, empty SQLite file, for tests of SQLite-only behaviour."""
    database = open_database(db_path)
    yield database
    database.close()
