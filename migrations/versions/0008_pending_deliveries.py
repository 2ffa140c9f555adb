"""report deliveries claimed before they are delivered: a state, an owner and a lease

A `--new-only` report now records its announcements as a *pending* delivery in one short
transaction, delivers with no transaction open, then marks the delivery `delivered`
(or deletes it if delivery failed). `owner` names the process delivering it and
`lease_until` how long its claim holds; a pending delivery whose owner is gone or
whose lease ran out is deleted by the next report, which announces its claims again.
Every delivery recorded before this revision was delivered. Going down, pending
deliveries (and their announcements) are deleted: the next report announces them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 18:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "report_deliveries",
        sa.Column("state", sa.String(length=16), nullable=False, server_default="delivered"),
    )
    op.add_column("report_deliveries", sa.Column("owner", sa.String(length=200), nullable=True))
    op.add_column(
        "report_deliveries",
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    pending = "SELECT id FROM report_deliveries WHERE state = 'pending'"
    op.execute(f"DELETE FROM report_announcements WHERE delivery_id IN ({pending})")
    op.execute("DELETE FROM report_deliveries WHERE state = 'pending'")
    with op.batch_alter_table("report_deliveries", schema=None) as batch_op:
        batch_op.drop_column("lease_until")
        batch_op.drop_column("owner")
        batch_op.drop_column("state")
