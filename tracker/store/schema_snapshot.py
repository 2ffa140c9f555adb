"""The head schema's snapshot (tracker/store/schema.sql), taken from a new database
brought to head by the migrations. After a new migration:

    python -m tracker.store.schema_snapshot > tracker/store/schema.sql

tests/test_migrations.py checks the snapshot is current.
"""

from __future__ import annotations

import sys
import tempfile

from sqlalchemy import Connection

from tracker.store.engine import make_engine, upgrade
from tracker.store.schema import HEAD_MARK, SEPARATOR
from tracker.vocab import SCHEMA_HEAD


def schema_of(conn: Connection) -> list[tuple[str, str, str, str]]:
    """What sqlite_master says, in creation order (SQLite's own autoindexes left out)."""
    rows = conn.exec_driver_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    )
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def snapshot() -> str:
    """The snapshot text, from a new database brought to head by the migrations."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/head.db")
        upgrade(engine)
        with engine.connect() as conn:
            found = [sql for _, _, _, sql in schema_of(conn)]
        engine.dispose()
    return f"{HEAD_MARK}{SCHEMA_HEAD}\n" + SEPARATOR.join(found) + ";\n"


if __name__ == "__main__":
    sys.stdout.write(snapshot())
