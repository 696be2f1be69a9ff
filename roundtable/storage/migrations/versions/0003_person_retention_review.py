"""person: when a privacy review last kept the person's details

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 11:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER (no batch reflection, which cannot read the expression index).
    op.add_column("person", sa.Column("retention_reviewed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # Batch mode on SQLite copies the table and cannot carry the expression
    # index across: drop it first and create it again afterwards.
    op.drop_index("uq_person_email_lower", table_name="person")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("retention_reviewed_at")
    op.create_index("uq_person_email_lower", "person", [sa.text("lower(email)")], unique=True)
