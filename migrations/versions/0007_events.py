"""events deadlines count from; claims waiting for an undated event

Adds `events` (a named day, perhaps not known yet, with an optional term length) and
`event_aliases`; `claims.event_id`; `deadline_changes.reason` ("event" when the
event a claim counts from was dated or moved: not a slip of the speaker's); and the
status `waiting` to claims' status check (the procedure of migration 0005 on SQLite,
which leaves the data as it is: the new check accepts every row the old one did).
Going down, waiting claims become open with the window they were stored with.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 16:10:00.000000
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BEFORE = ("open", "kept", "kept_late", "partial", "broken", "withdrawn", "void", "unverifiable")
AFTER = (*BEFORE, "waiting")


def _check(statuses: tuple[str, ...]) -> str:
    return " OR ".join(f"status = '{s}'" for s in statuses)


def _swap(old: str, new: str) -> None:
    """0005's procedure: rewrite the check in place on SQLite, replace it elsewhere."""
    path = Path(__file__).with_name("0005_status_check_without_in_list.py")
    spec = importlib.util.spec_from_file_location("tracker_migration_0005", path)
    assert spec is not None and spec.loader is not None
    earlier = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(earlier)
    earlier._swap(old, new)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("term_months", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("key", name=op.f("uq_events_key")),
    )
    op.create_table(
        "event_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_aliases_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_event_aliases_key")),
    )
    if op.get_bind().dialect.name == "sqlite":  # a column constraint: no table rebuild
        op.execute(
            "ALTER TABLE claims ADD COLUMN event_id INTEGER "
            "CONSTRAINT fk_claims_event_id_events REFERENCES events (id)"
        )
    else:
        foreign = sa.ForeignKey("events.id", name=op.f("fk_claims_event_id_events"))
        op.add_column("claims", sa.Column("event_id", sa.Integer(), foreign, nullable=True))
    op.create_index("ix_claims_event_id", "claims", ["event_id"], unique=False)
    op.add_column("deadline_changes", sa.Column("reason", sa.String(length=16), nullable=True))
    _swap(_check(BEFORE), _check(AFTER))


def downgrade() -> None:
    op.execute("UPDATE claims SET status = 'open' WHERE status = 'waiting'")
    _swap(_check(AFTER), _check(BEFORE))
    op.drop_index("ix_claims_event_id", table_name="claims")
    with op.batch_alter_table("deadline_changes", schema=None) as batch_op:
        batch_op.drop_column("reason")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("event_id")
    op.drop_table("event_aliases")
    op.drop_table("events")
