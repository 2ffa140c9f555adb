"""a claim's other sources: the same words read in other outlets

Adds `claim_sources`: each row names another source of a claim (the source's URL,
title, outlet and day stay in `sources`), with the day that source says the words
were said when it gives one, a note, and when and by whom it was added. A claim's
first source stays where it was, `claims.source_id`, so what reads only that
(`tracker due`, the listings, a quick import) is unchanged. Deleting a claim deletes
its rows here. Going down, the other sources are dropped; each claim keeps its first.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 03:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("said_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_sources_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_claim_sources_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_sources")),
    )
    with op.batch_alter_table("claim_sources", schema=None) as batch_op:
        batch_op.create_index(
            "uq_claim_sources_claim_id_source_id", ["claim_id", "source_id"], unique=True
        )
        batch_op.create_index("ix_claim_sources_source_id", ["source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claim_sources", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_sources_source_id")
        batch_op.drop_index("uq_claim_sources_claim_id_source_id")
    op.drop_table("claim_sources")
