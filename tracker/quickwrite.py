"""An SQLite file opened for writing with the standard library only (`tracker import`).

Starting SQLAlchemy costs more than half a second on a slow machine; a large import
needs none of it on SQLite (tracker.importer.SqliteStore writes through sqlite3).
What tracker.db does on opening, done here the same way: a new file is created
readable by its owner only, in WAL mode, with the head schema (tracker.sqlite_schema);
the connection has foreign keys on and a busy timeout, and takes the write lock
(BEGIN IMMEDIATE) at once. A file that is not new and not at the schema head (it
needs migrating, is newer, foreign or damaged), or one that cannot be opened, gives
None: the caller takes the SQLAlchemy way, which migrates, or refuses with the error.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from tracker import quickread
from tracker.config import describe_failure
from tracker.errors import DatabaseError
from tracker.sqlite_schema import create_at_head, set_up_new_file
from tracker.vocab import SCHEMA_HEAD


def create_private_file(path: Path) -> None:
    """Create a new SQLite file readable by its owner only (0600), unless it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def open_for_writing(path: Path, foreign_keys: bool = True) -> sqlite3.Connection | None:
    """A connection holding the write lock on a database at the schema head, or None.

    `foreign_keys=False` leaves SQLite's foreign key checks off, for a writer that
    only stores ids it has just read or made in the same transaction (the importer):
    each check is an index lookup per reference.
    """
    try:
        if not path.exists():
            create_private_file(path)
        conn = quickread.connect(path)  # waits for a writer up to the busy timeout
    except (OSError, sqlite3.Error):
        return None
    try:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        set_up_new_file(conn.execute)
        conn.execute("BEGIN IMMEDIATE")
        found = _schema(conn)
        if found == "made":  # kept even if the import fails, as tracker.db does
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
    this transaction ("made"), or needs the full way (None)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return "head" if row is not None and row[0] == SCHEMA_HEAD else None
    return "made" if not tables and create_at_head(conn.execute) else None


def url_of(path: Path) -> str:
    """The path as a database URL in messages (unescaped, unlike tracker.config.to_url,
    which loads SQLAlchemy)."""
    return f"sqlite:///{path}"
