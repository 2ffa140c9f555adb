"""report deliveries: what each delivered reminder report announced

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 07:12:07.349496
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("channels", sa.String(length=200), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_deliveries")),
    )
    op.create_table(
        "report_announcements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_report_announcements_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["report_deliveries.id"],
            name=op.f("fk_report_announcements_delivery_id_report_deliveries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_announcements")),
    )
    with op.batch_alter_table("report_announcements", schema=None) as batch_op:
        batch_op.create_index("ix_report_announcements_delivery_id", ["delivery_id"], unique=False)
        batch_op.create_index(
            "uq_report_announcements_claim_id_due_on_section",
            ["claim_id", "due_on", "section"],
            unique=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("report_announcements", schema=None) as batch_op:
        batch_op.drop_index("uq_report_announcements_claim_id_due_on_section")
        batch_op.drop_index("ix_report_announcements_delivery_id")

    op.drop_table("report_announcements")
    op.drop_table("report_deliveries")
