"""The full path's bulk store for `tracker import`, on any database SQLAlchemy reaches
(PostgreSQL for teams): reads and writes through SQLAlchemy Core, in the caller's
transaction. On SQLite the fast path's store writes (tracker.store.fast_write).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from tracker.store.bulk import CLAIM_ROW, HISTORY, LOOKUP_CHUNK
from tracker.store.models import Base

TABLES: dict[str, Table] = dict(Base.metadata.tables)


class CoreStore:
    sqlite = False  # staged values are Python dates and times

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def was_empty(self, table: str) -> bool:
        return False  # other writers may be at work: look every key up

    def lookup(self, table: str, key: str, keys: list[Any], value: str = "id") -> dict[Any, Any]:
        found_in = TABLES[table]
        key_column, value_column = found_in.c[key], found_in.c[value]
        found: dict[Any, Any] = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            query = select(key_column, value_column).where(key_column.in_(chunk))
            found.update(self.conn.execute(query).all())
        return found

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if rows:
            values = [dict(zip(columns, row, strict=True)) for row in rows]
            self.conn.execute(insert(TABLES[table]), values)

    def insert_new(
        self, table: str, key: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> list[int]:
        self.insert(table, columns, rows)
        at = columns.index(key)
        ids = self.lookup(table, key, [row[at] for row in rows])
        return [ids[row[at]] for row in rows]

    def update_claims(self, rows: list[tuple[Any, ...]]) -> None:
        claims = TABLES["claims"]
        statement = update(claims).where(claims.c.id == bindparam("claim_id_"))
        values = [
            {**dict(zip(CLAIM_ROW, row[:-1], strict=True)), "claim_id_": row[-1]} for row in rows
        ]
        self.conn.execute(statement, values)

    def delete_history(self, claim_ids: list[int]) -> None:
        for name in HISTORY:
            table = TABLES[name]
            for start in range(0, len(claim_ids), LOOKUP_CHUNK):
                chunk = claim_ids[start : start + LOOKUP_CHUNK]
                self.conn.execute(delete(table).where(table.c.claim_id.in_(chunk)))

    def bulk(self) -> None:
        pass

    def finish(self) -> None:
        pass
