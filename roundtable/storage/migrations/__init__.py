"""Alembic migrations, shipped inside the package.

``HEAD_REVISION`` lets :mod:`roundtable.db` tell whether a database is up to
date without importing Alembic; a test checks that it names Alembic's head.
"""

HEAD_REVISION = "0005"
