"""The fast path's writes: an SQLite file opened for writing with the standard
library only, and the bulk store `tracker import` writes through.

Starting SQLAlchemy costs more than half a second on a slow machine; a large import
needs none of it on SQLite. What tracker.store.engine does on opening, done here the
same way: a new file is created readable by its owner only, in WAL mode, with the
head schema (tracker.store.schema); the connection has foreign keys on and a busy
timeout, and takes the write lock (BEGIN IMMEDIATE) at once. A file that is not new
and not at the schema head (it needs migrating, is newer, foreign or damaged), or one
that cannot be opened, gives None: the caller takes the full path, which migrates,
or refuses with the error.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tracker.config import describe_failure
from tracker.errors import DatabaseError
from tracker.store.bulk import CLAIM_ROW, CLAIMS, HISTORY, LOOKUP_CHUNK
from tracker.store.schema import create_at_head, set_up_new_file
from tracker.store.sqlite_file import connect, create_private_file, url_of
from tracker.vocab import SCHEMA_HEAD


def open_for_writing(path: Path, foreign_keys: bool = True) -> sqlite3.Connection | None:
    """A connection holding the write lock on a database at the schema head, or None.

    `foreign_keys=False` leaves SQLite's foreign key checks off, for a writer that
    only stores ids it has just read or made in the same transaction (the importer):
    each check is an index lookup per reference.
    """
    try:
        if not path.exists():
            create_private_file(path)
        conn = connect(path)  # waits for a writer up to the busy timeout
    except (OSError, sqlite3.Error):
        return None
    try:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        set_up_new_file(conn.execute)
        conn.execute("BEGIN IMMEDIATE")
        found = _schema(conn)
        if found == "made":  # kept even if the import fails, as tracker.store.engine does
            conn.commit()
            conn.execute("BEGIN IMMEDIATE")
        if found:
            return conn
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorname in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            conn.close()  # waited the busy timeout already: say so, rather than wait again
            raise DatabaseError(describe_failure(url_of(path), exc)) from exc
    except sqlite3.Error:
        pass
    with contextlib.suppress(sqlite3.Error):
        conn.rollback()
    conn.close()
    return None


def _schema(conn: sqlite3.Connection) -> str | None:
    """Whether the database is at the schema head ("head"), was empty and now is, in
    this transaction ("made"), or needs the full path (None)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return "head" if row is not None and row[0] == SCHEMA_HEAD else None
    return "made" if not tables and create_at_head(conn.execute) else None


PAGE_CACHE_KIB = 65_536  # SQLite page cache of the import's connection


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


class SqliteStore:
    """The store on SQLite, through the sqlite3 connection itself.

    Going through SQLAlchemy's executemany costs several times more for a large file:
    it builds each row's parameters through the compiled statement and the types' bind
    processors. Here the staged values are already in SQLite's storage form and rows
    go to the driver as they are. New rows get their ids from the current maximum: the
    import holds SQLite's write lock (BEGIN IMMEDIATE), so nothing else can insert
    meanwhile.
    """

    sqlite = True

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # A larger page cache for this connection: the uid index grows in random order.
        conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        self._next_ids: dict[str, int] = {CLAIMS: self._first_free(CLAIMS)}
        self._empty: dict[str, bool] = {}
        self._deferred: list[str] = []

    def was_empty(self, table: str) -> bool:
        # Asked before this import writes to the table; it holds the write lock.
        if table not in self._empty:
            found = self.conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()
            self._empty[table] = found is None
        return self._empty[table]

    def _first_free(self, table: str) -> int:
        top = self.conn.execute(f'SELECT max(id) FROM "{table}"').fetchone()[0]
        return int(top or 0) + 1

    def bulk(self) -> None:
        """Into an empty database, build the secondary indexes once at the end.

        SQLite keeps each index up to date row by row; for a large import it is
        cheaper to sort once. The unique indexes stay (the import looks things up by
        them), and DDL is transactional here, so a failed import gets them all back.
        """
        if self._next_ids[CLAIMS] != 1 or self._deferred:
            return
        found = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('claims', 'checks', 'claim_tags', 'deadline_changes', "
            "'claim_sources') "
            "AND sql NOT LIKE 'CREATE UNIQUE%'"
        ).fetchall()
        for name, _ in found:
            self.conn.execute(f'DROP INDEX "{name}"')
        self._deferred = [sql for _, sql in found]

    def finish(self) -> None:
        for sql in self._deferred:
            self.conn.execute(sql)
        self._deferred = []

    def lookup(self, table: str, key: str, keys: list[Any], value: str = "id") -> dict[Any, Any]:
        head = f'SELECT "{key}", "{value}" FROM "{table}" WHERE "{key}" IN '
        found: dict[Any, Any] = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = tuple(keys[start : start + LOOKUP_CHUNK])
            found.update(self.conn.execute(f"{head}({', '.join('?' * len(chunk))})", chunk))
        return found

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if rows:
            marks = ", ".join("?" * len(columns))
            sql = f'INSERT INTO "{table}" ({_quoted(columns)}) VALUES ({marks})'
            self.conn.executemany(sql, rows)

    def insert_new(
        self, table: str, key: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> list[int]:
        # SQLite gives each row one more than the largest id in the table: the ids are
        # known without sending them, which is checked.
        first = self._next_ids.get(table) or self._first_free(table)
        self.insert(table, columns, rows)
        self._next_ids[table] = end = first + len(rows)
        if rows and self._first_free(table) != end:
            raise sqlite3.OperationalError(f"{table}: new rows did not get the ids expected")
        return list(range(first, end))

    def update_claims(self, rows: list[tuple[Any, ...]]) -> None:
        assignments = ", ".join(f'"{name}" = ?' for name in CLAIM_ROW)
        self.conn.executemany(f"UPDATE claims SET {assignments} WHERE id = ?", rows)

    def delete_history(self, claim_ids: list[int]) -> None:
        for table in HISTORY:
            for start in range(0, len(claim_ids), LOOKUP_CHUNK):
                chunk = tuple(claim_ids[start : start + LOOKUP_CHUNK])
                marks = ", ".join("?" * len(chunk))
                self.conn.execute(f'DELETE FROM "{table}" WHERE claim_id IN ({marks})', chunk)
