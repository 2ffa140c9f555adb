"""A new SQLite database made at the schema head in one step, not migration by migration.

Running Alembic's chain costs about a third of a second, on the first command of every
new database, and `tracker import` into a new file pays it too. schema.sql holds
the statements the migrations leave in sqlite_master, in their order; a new, empty file
gets them (and the head stamp) in one transaction. tests/test_migrations.py checks that
the result is exactly what the migrations make; after a new migration, regenerate it:

    python -m tracker.store.schema_snapshot > tracker/store/schema.sql
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.store.sqlite_file import BUSY_TIMEOUT_S
from tracker.vocab import SCHEMA_HEAD

SNAPSHOT = Path(__file__).with_name("schema.sql")
#: The page size of a new file, set before anything is written to it. Larger than
#: SQLite's 4 KiB: a claim row with its text fills a good part of a small page, and
#: importing 100,000 claims spends about a tenth less time in SQLite (fewer pages to
#: split, write and sync); reading what is due costs the same.
PAGE_SIZE = 16_384
SEPARATOR = ";\n\n"
HEAD_MARK = "-- schema head "


def statements() -> tuple[str, list[str]]:
    """The head the snapshot was taken at, and its statements in order."""
    text = SNAPSHOT.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    head = first.removeprefix(HEAD_MARK).strip()
    return head, [s.strip() for s in rest.split(SEPARATOR) if s.strip()]


def set_up_new_file(execute: Callable[..., Any]) -> bool:
    """On a file nothing is written to yet: its page size, then WAL (both outside any
    transaction, through sqlite3's `execute`). Whether the file was new.

    Several processes may open a new file at once. Switching the journal to WAL takes
    an exclusive lock that SQLite may refuse at once, without waiting the busy timeout,
    while another process holds or awaits one: this waits and tries again, as the busy
    timeout would, up to BUSY_TIMEOUT_S.
    """
    return patiently(lambda: _set_up(execute))


def _set_up(execute: Callable[..., Any]) -> bool:
    if execute("PRAGMA page_count").fetchone()[0] != 0:
        if str(execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            execute("PRAGMA journal_mode = WAL")
        return False
    execute(f"PRAGMA page_size = {PAGE_SIZE}")
    execute("PRAGMA journal_mode = WAL")
    return True


def patiently(work: Callable[[], Any]) -> Any:
    """`work()`, again after a short pause while SQLite says the file is busy, for up to
    BUSY_TIMEOUT_S; any other error, or the last busy one, is raised."""
    give_up = time.monotonic() + BUSY_TIMEOUT_S
    pause = 0.005
    while True:
        try:
            return work()
        except sqlite3.OperationalError as exc:
            busy = exc.sqlite_errorname.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
            if not busy or time.monotonic() >= give_up:
                raise
        time.sleep(pause * (0.5 + random.random()))
        pause = min(pause * 2, 0.25)


def create_at_head(execute: Callable[..., Any]) -> bool:
    """Create the schema in an empty database, in the caller's transaction, through
    `execute(sql, parameters)` (SQLAlchemy's exec_driver_sql or sqlite3's execute);
    False if the snapshot is missing or not of the head (the caller migrates then)."""
    try:
        head, found = statements()
    except OSError:
        return False
    if head != SCHEMA_HEAD:
        return False
    for statement in found:
        execute(statement)
    execute("INSERT INTO alembic_version (version_num) VALUES (?)", (SCHEMA_HEAD,))
    return True
