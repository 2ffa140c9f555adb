"""claims' status check as comparisons, not an IN list

SQLite checks `status IN (...)` of eight words by building a small temporary table
for each row it writes, which made about a third of the cost of inserting a claim.
`status = 'open' OR status = 'kept' OR ...` accepts exactly the same rows and costs
next to nothing. On SQLite the table's stored definition is rewritten in place, by the
procedure SQLite documents for removing a CHECK constraint (it leaves the data as it
is); that is sound here because the new check is the old one's equivalent, so every
stored row satisfies it, and rebuilding the table would take minutes on a large
database. Where that is not possible (a SQLite built in defensive mode refuses writes
to sqlite_master, or a table defined otherwise than tracker defines it), the old
check stays: the same rule, only slower to apply. PostgreSQL drops the constraint and
adds the new one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 15:00:00.000000
"""

from __future__ import annotations

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

STATUSES = ("open", "kept", "kept_late", "partial", "broken", "withdrawn", "void", "unverifiable")
IN_LIST = "status IN ({})".format(", ".join(f"'{s}'" for s in STATUSES))
COMPARISONS = " OR ".join(f"status = '{s}'" for s in STATUSES)


def _swap(old: str, new: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_claims_status"), "claims", type_="check")
        op.create_check_constraint(op.f("ck_claims_status"), "claims", new)
        return
    conn = op.get_bind()
    table = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'claims'"
    sql = conn.exec_driver_sql(table).scalar_one()
    before = f"CONSTRAINT ck_claims_status CHECK ({old})"
    after = f"CONSTRAINT ck_claims_status CHECK ({new})"
    if sql.count(before) != 1:
        return  # already so, or not defined as tracker defines it: the check stays
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'claims'",
            (sql.replace(before, after),),
        )
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    except DBAPIError:
        return  # defensive mode: sqlite_master may not be written; nothing was
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    _swap(IN_LIST, COMPARISONS)


def downgrade() -> None:
    _swap(COMPARISONS, IN_LIST)
