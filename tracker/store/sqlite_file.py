"""An SQLite file as the fast path opens it: with the standard library's sqlite3.

tracker.store.engine opens files the same way through SQLAlchemy (new files private,
the same busy timeout), so both paths wait for a writer alike.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

#: How long a connection waits for another writer before "database is locked".
BUSY_TIMEOUT_S = 30.0


def connect(path: Path) -> sqlite3.Connection:
    """An existing SQLite file opened for reading and writing, waiting up to
    BUSY_TIMEOUT_S for a writer; transactions are begun by the caller."""
    return sqlite3.connect(
        f"file:{quote(str(path))}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
    )  # fmt: skip


def create_private_file(path: Path) -> None:
    """Create a new SQLite file readable by its owner only (0600), unless it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def url_of(path: Path) -> str:
    """The path as a database URL in messages (unescaped, unlike tracker.config.to_url,
    which loads SQLAlchemy)."""
    return f"sqlite:///{path}"
