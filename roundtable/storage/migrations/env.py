"""Alembic environment: runs on the connection Roundtable hands over, or on a URL."""

from __future__ import annotations

import os
import warnings

from alembic import context
from sqlalchemy.exc import SAWarning
from sqlalchemy.pool import NullPool

from roundtable.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Developers running the alembic command line: the URL comes from the
    # environment, like the app's own --db.
    from roundtable.storage.db import make_engine
    from roundtable.storage.urls import resolve_url

    engine = make_engine(resolve_url(os.environ.get("ROUNDTABLE_DATABASE_URL")), poolclass=NullPool)
    with engine.connect() as conn, conn.begin():
        _run(conn)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    with warnings.catch_warnings():
        # SQLite cannot reflect the expression index on person.email; batch
        # mode reflects person whenever a table refers to it. Revisions that
        # copy the person table itself drop and recreate that index by hand.
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", SAWarning
        )
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Roundtable migrations run online only.")
run_migrations_online()
