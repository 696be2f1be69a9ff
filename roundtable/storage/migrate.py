"""Schema migrations through Alembic (imported only when a database needs one).

An upgrade to the head revision also records which Roundtable did it
(``database_info.upgraded_by``), in the same transaction, so that an older
Roundtable can later name the version it must be updated to.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from roundtable.errors import DatabaseError
from roundtable.i18n import ngettext

SCRIPT_LOCATION = "roundtable.storage:migrations"


def alembic_config() -> Config:
    """An Alembic configuration that finds the migrations inside the installed package."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str:
    """The newest revision the shipped migrations know."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of ours (an unknown one comes from a newer Roundtable)."""
    script = ScriptDirectory.from_config(alembic_config())
    return any(rev.revision == revision for rev in script.walk_revisions())


def _run(url: URL, action: str, target: str) -> None:
    # A private engine without pooling: on SQLite foreign keys are switched off
    # for the migration (batch mode copies tables) and must not leak into the
    # application's connections.
    from roundtable.storage.db import make_engine

    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                # Outside any transaction, or SQLite ignores the pragma.
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            with conn.begin():
                config = alembic_config()
                config.attributes["connection"] = conn
                getattr(command, action)(config, target)
                if action == "upgrade" and target in ("head", head_revision()):
                    record_upgraded_by(conn)
                if sqlite:
                    problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if problems:
                        raise DatabaseError(
                            ngettext(
                                "The upgrade was undone: it would leave {count} broken link "
                                "between records.",
                                "The upgrade was undone: it would leave {count} broken links "
                                "between records.",
                                len(problems),
                            ).format(count=len(problems))
                        )
    finally:
        engine.dispose()


def record_upgraded_by(conn: Connection) -> None:
    """Note in ``database_info`` that this Roundtable created or upgraded the schema."""
    from roundtable import __version__
    from roundtable.storage.db import UPGRADED_BY_KEY
    from roundtable.storage.urls import APP_NAME

    # Delete and insert: the same statements on SQLite and PostgreSQL (no upsert dialects).
    conn.execute(text("DELETE FROM database_info WHERE key = :key"), {"key": UPGRADED_BY_KEY})
    conn.execute(
        text("INSERT INTO database_info (key, value) VALUES (:key, :value)"),
        {"key": UPGRADED_BY_KEY, "value": f"{APP_NAME} {__version__}"},
    )


def upgrade(url: URL, target: str = "head") -> None:
    """Upgrade the database at ``url`` to ``target`` in one transaction (at head, noting
    this Roundtable's version as ``upgraded_by``)."""
    _run(url, "upgrade", target)


def downgrade(url: URL, target: str) -> None:
    """Downgrade the database at ``url`` to ``target`` (for developers and tests)."""
    _run(url, "downgrade", target)
