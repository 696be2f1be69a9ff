"""Opening databases: creation, migrations, backups, refusals and write failures."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from roundtable.errors import DatabaseError, SchemaTooNewError
from roundtable.storage import db as db_module
from roundtable.storage import migrate, server_errors, urls
from roundtable.storage.db import open_database, read_revision
from roundtable.storage.migrations import HEAD_REVISION
from roundtable.storage.models import Base, Organisation, UTCDateTime
from roundtable.storage.urls import resolve_url


def test_new_database_is_created_at_head_with_wal_and_foreign_keys(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        assert db_path.exists()
        assert read_revision(database.engine) == (HEAD_REVISION, False)
        assert database.backup_path is None
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        database.close()


def test_head_constant_names_alembics_head() -> None:
    assert migrate.head_revision() == HEAD_REVISION


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings(
    "ignore:autogenerate skipping metadata-specified expression-based index"
)
def test_migrations_create_exactly_the_orm_schema(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = [
            d
            for d in compare_metadata(context, Base.metadata)
            # SQLite cannot reflect expression indexes; they are checked below instead.
            if not (d[0] == "add_index" and d[1].name == "uq_person_email_lower")
        ]
    assert differences == []
    assert "uq_person_email_lower" in _unique_indexes(db.engine, "person")


def _unique_indexes(engine: Engine, table: str) -> set[str]:
    """Names of the unique indexes on ``table``, expression indexes included."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":  # SQLAlchemy cannot reflect expression indexes here
            rows = conn.exec_driver_sql(f"PRAGMA index_list('{table}')").fetchall()
            return {row[1] for row in rows if row[2] == 1}
        return {ix["name"] for ix in inspect(conn).get_indexes(table) if ix["unique"]}


def test_downgrade_to_base_and_upgrade_again(db) -> None:  # type: ignore[no-untyped-def]
    migrate.downgrade(db.url, "base")
    with db.engine.connect() as conn:
        tables = inspect(conn).get_table_names()
    assert tables == ["alembic_version"]
    reopened = open_database(db.url)
    try:
        assert read_revision(reopened.engine) == (HEAD_REVISION, False)
        with reopened.transaction() as session:
            session.add(Organisation(name="After the round trip"))
    finally:
        reopened.close()


def test_older_database_is_copied_aside_before_upgrade(
    sqlite_db, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    with sqlite_db.transaction() as session:
        session.add(Organisation(name="Kept safe"))
    sqlite_db.close()
    # Pretend this Roundtable ships a newer revision than the file has.
    upgrades: list[str] = []
    monkeypatch.setattr(db_module, "HEAD_REVISION", "0099")
    monkeypatch.setattr(migrate, "upgrade", lambda url, target="head": upgrades.append(target))
    reopened = open_database(db_path)
    try:
        assert upgrades == ["head"]
        backup = reopened.backup_path
        assert backup is not None and backup.exists() and backup != db_path
        assert backup.parent == db_path.parent and "before-0099" in backup.name
        with sqlite3.connect(backup) as copy:
            assert copy.execute("SELECT name FROM organisation").fetchall() == [("Kept safe",)]
    finally:
        reopened.close()


def test_a_first_revision_database_with_data_is_upgraded_after_a_backup(db_path: Path) -> None:
    migrate.upgrade(resolve_url(db_path), "0001")
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO organisation (id, name, kind, notes, is_own, version, created_at, updated_at)"
            " VALUES (1, 'Older data', 'ngo', '', 1, 3, '2024-01-01 10:00:00', '2024-01-01 10:00:00')"
        )
        conn.execute(
            "INSERT INTO person (id, name, email, role, phone, preferred_language, notes,"
            " lawful_basis, consent_note, version, created_at, updated_at) VALUES (1, 'Ada',"
            " 'ada@example.org', '', '', '', '', 'consent', '', 1, '2024-01-01 10:00:00',"
            " '2024-01-01 10:00:00')"
        )
    upgraded = open_database(db_path)
    try:
        assert read_revision(upgraded.engine) == (HEAD_REVISION, False)
        assert upgraded.backup_path is not None
        with sqlite3.connect(upgraded.backup_path) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        with upgraded.transaction() as session:
            org = session.scalars(select(Organisation)).one()
            assert (org.name, org.version, org.updated_by) == ("Older data", 3, "")
        assert "uq_person_email_lower" in _unique_indexes(upgraded.engine, "person")
    finally:
        upgraded.close()


def test_database_from_a_newer_roundtable_is_refused_untouched(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.close()
    path = db.path
    before = path.read_bytes() if path else None
    with pytest.raises(SchemaTooNewError, match="newer version of Roundtable"):
        open_database(db.url)
    assert read_revision(db.engine) == ("0099", False)
    if path is not None:
        assert path.read_bytes() == before
        assert list(path.parent.glob("*.before-*")) == []


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 200)
    with pytest.raises(DatabaseError, match="is not a Roundtable database"):
        open_database(path)
    assert path.read_text() == "shopping list\n" * 200


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, url TEXT)")
    with pytest.raises(DatabaseError, match="holds tables but no schema version"):
        open_database(path)


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        open_database(tmp_path)


def test_unknown_database_driver_is_named(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="nosuchdb"):
        open_database("nosuchdb://user@host/db")


def test_resolve_url_from_argument_environment_and_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_url(tmp_path / "a.sqlite3").database == str(tmp_path / "a.sqlite3")
    assert resolve_url("postgresql+psycopg://me@db.example/rt").get_backend_name() == "postgresql"
    monkeypatch.setenv("ROUNDTABLE_DATABASE_URL", str(tmp_path / "env.sqlite3"))
    assert resolve_url(None).database == str(tmp_path / "env.sqlite3")
    monkeypatch.delenv("ROUNDTABLE_DATABASE_URL")
    default = resolve_url(None).database
    assert default is not None and default.endswith("roundtable.sqlite3")
    # The per-user data folder (redirected into a temporary home by conftest).
    assert default == str(Path(os.environ["XDG_DATA_HOME"]) / "Roundtable" / "roundtable.sqlite3")


def test_password_is_hidden_in_descriptions() -> None:
    url = resolve_url("postgresql+psycopg://me:s3cret@db.example/rt")
    assert "s3cret" not in urls.describe_url(url)


def test_utc_datetime_refuses_naive_values_and_returns_aware_utc(db) -> None:  # type: ignore[no-untyped-def]
    kind = UTCDateTime()
    with pytest.raises(ValueError, match="naive"):
        kind.process_bind_param(datetime(2023, 9, 7, 14, 0), db.engine.dialect)
    with db.transaction() as session:
        session.add(Organisation(name="Clock check"))
    with db.transaction() as session:
        org = session.scalars(select(Organisation)).one()
        assert org.created_at.tzinfo is UTC


def test_two_sessions_editing_one_row_do_not_silently_overwrite(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        session.add(Organisation(name="Shared"))
    first, second = db.session(), db.session()
    try:
        a = first.scalars(select(Organisation)).one()
        b = second.scalars(select(Organisation)).one()
        second.commit()  # the app reads in one short transaction and saves in another
        a.notes = "first edit"
        first.commit()
        b.notes = "second edit"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with db.transaction() as session:
        assert session.scalars(select(Organisation.notes)).one() == "first edit"


def test_a_full_disk_loses_nothing_already_saved(sqlite_db) -> None:  # type: ignore[no-untyped-def]
    db = sqlite_db
    with db.transaction() as session:
        session.add(Organisation(name="Saved before the disk filled"))
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    session = db.session()
    try:
        # Cap the file at its current size: SQLite then reports a full disk.
        session.connection().exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        session.add(Organisation(name="Too big", notes="x" * 2_000_000))
        with pytest.raises(OperationalError) as caught:
            session.commit()
        assert "full" in server_errors.explain_write_error(caught.value)
        session.rollback()
    finally:
        session.close()
    with db.transaction() as check:
        names = check.scalars(select(Organisation.name)).all()
    assert names == ["Saved before the disk filled"]
