"""open-claims index leads with status

The partial index ix_claims_open_due_on was on (due_on) only. Without table
statistics SQLite's planner prefers ix_claims_status_said_on for `status = 'open'
AND due_on <= ?` (an equality beats a range), scans every open claim and sorts them.
Leading with status gives the partial index the same equality plus the range and
the order, so `tracker due` uses it with or without ANALYZE.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OPEN_ONLY = sa.text("status = 'open'")


def _create(columns: list[str]) -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(
            "ix_claims_open_due_on",
            columns,
            unique=False,
            sqlite_where=OPEN_ONLY,
            postgresql_where=OPEN_ONLY,
        )


def _drop() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_claims_open_due_on", sqlite_where=OPEN_ONLY, postgresql_where=OPEN_ONLY
        )


def upgrade() -> None:
    _drop()
    _create(["status", "due_on"])


def downgrade() -> None:
    _drop()
    _create(["due_on"])
