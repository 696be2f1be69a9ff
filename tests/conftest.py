"""Fixtures shared by every test: each test gets its own database and folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

# Headless by default; a developer can still pass QT_QPA_PLATFORM=xcb to watch.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from roundtable import context
from roundtable.db import Database, open_database

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
    context.set_actor(None)
    yield
    context.set_actor(None)


@pytest.fixture
def clock() -> Iterator[datetime]:
    """Freeze the core's clock at :data:`TEST_NOW`."""
    with context.frozen_clock(TEST_NOW):
        yield TEST_NOW


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "roundtable.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A migrated, empty database in a temporary folder."""
    database = open_database(db_path)
    yield database
    database.close()
