"""speaker aliases and deadline changes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 07:15:29.105102
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speakers.id"],
            name=op.f("fk_speaker_aliases_speaker_id_speakers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_speaker_aliases_key")),
    )
    op.create_table(
        "deadline_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("said_on", sa.Date(), nullable=False),
        sa.Column("old_phrase", sa.Text(), nullable=False),
        sa.Column("old_said_on", sa.Date(), nullable=False),
        sa.Column("old_start", sa.Date(), nullable=False),
        sa.Column("old_end", sa.Date(), nullable=False),
        sa.Column("new_phrase", sa.Text(), nullable=False),
        sa.Column("new_start", sa.Date(), nullable=False),
        sa.Column("new_end", sa.Date(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_deadline_changes_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_deadline_changes_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_changes")),
    )
    with op.batch_alter_table("deadline_changes", schema=None) as batch_op:
        batch_op.create_index("ix_deadline_changes_claim_id", ["claim_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deadline_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_deadline_changes_claim_id")

    op.drop_table("deadline_changes")
    op.drop_table("speaker_aliases")
