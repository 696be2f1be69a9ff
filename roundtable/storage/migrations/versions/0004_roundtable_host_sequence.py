"""roundtable: the SEQUENCE of the host's newest imported message, in the row itself

Until now it was read back from the audit log, which undo never rewinds: after
undoing the import of a host's update, importing the same update again was
taken for one already seen. The column is filled from those audit rows.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 19:30:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The audit action each imported host message was recorded under.
HOST_MESSAGE_AUDIT = "calendar.host_message"


def upgrade() -> None:
    op.add_column("roundtable", sa.Column("host_sequence", sa.Integer(), nullable=True))
    connection = op.get_bind()
    audit = sa.table(
        "audit_entry",
        sa.column("action", sa.String),
        sa.column("entity_type", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("detail", sa.Text),
    )
    roundtable = sa.table(
        "roundtable", sa.column("id", sa.Integer), sa.column("host_sequence", sa.Integer)
    )
    newest: dict[int, int] = {}
    rows = connection.execute(
        sa.select(audit.c.entity_id, audit.c.detail).where(
            audit.c.action == HOST_MESSAGE_AUDIT, audit.c.entity_type == "roundtable"
        )
    )
    for roundtable_id, detail in rows:
        try:
            number = int(json.loads(detail)["sequence"])
        except (ValueError, KeyError, TypeError):
            continue
        if roundtable_id is not None:
            newest[roundtable_id] = max(number, newest.get(roundtable_id, number))
    for roundtable_id, number in newest.items():
        connection.execute(
            roundtable.update().where(roundtable.c.id == roundtable_id).values(host_sequence=number)
        )


def downgrade() -> None:
    with op.batch_alter_table("roundtable", schema=None) as batch_op:
        batch_op.drop_column("host_sequence")
