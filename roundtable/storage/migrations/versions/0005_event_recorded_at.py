"""invitation_event, roundtable_event: recorded_at, when a step was typed in, apart from at

``at`` stays when the step happened in the real world, which a coordinator may
date back ("invited on 15 August"); ``recorded_at`` is when it was recorded.
Rows written before this revision were recorded with the time they happened,
so ``recorded_at`` is filled from ``at``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The history tables that gain the column.
TABLES = ("roundtable_event", "invitation_event")


def upgrade() -> None:
    for name in TABLES:
        # Added nullable, filled, then made NOT NULL (SQLite needs the batch copy for that).
        op.add_column(name, sa.Column("recorded_at", sa.DateTime(), nullable=True))
        op.execute(sa.text(f"UPDATE {name} SET recorded_at = at"))
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.alter_column("recorded_at", existing_type=sa.DateTime(), nullable=False)


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column("recorded_at")
