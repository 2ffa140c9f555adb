"""claims' status check as comparisons, not an IN list

SQLite checks `status IN (...)` of eight words by building a small temporary table
for each row it writes, which made about a third of the cost of inserting a claim.
`status = 'open' OR status = 'kept' OR ...` accepts exactly the same rows and costs
next to nothing. On SQLite the table's stored definition is rewritten in place (the
procedure SQLite documents for changing a CHECK constraint, which leaves the data as
it is): every stored row satisfies the new check, being the old one's equivalent, and
rebuilding the table would take minutes on a large database. PostgreSQL drops the
constraint and adds the new one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 15:00:00.000000
"""

from __future__ import annotations

from alembic import op

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
    if after in sql:
        return  # already so
    if sql.count(before) != 1:
        raise RuntimeError(f"the claims table's status check is not {before!r}")
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar_one()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        conn.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'claims'",
            (sql.replace(before, after),),
        )
        conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    _swap(IN_LIST, COMPARISONS)


def downgrade() -> None:
    _swap(COMPARISONS, IN_LIST)
