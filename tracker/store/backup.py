"""Consistent online copies of a SQLite database, through SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing, suppress
from pathlib import Path

from sqlalchemy.engine import make_url

from tracker.config import mask_url
from tracker.errors import InputError, OperationalError
from tracker.store.engine import Database, sqlite_path

PAGES_PER_STEP = 1024


def pg_dump_hint(url: str) -> str:
    plain = make_url(url).set(drivername="postgresql")
    return (
        "'tracker db backup' copies SQLite files; for PostgreSQL run: "
        f"pg_dump --format=custom --file=BACKUP.dump '{mask_url(plain.render_as_string(False))}'"
        " (restore with pg_restore)"
    )


def _check_target(source: Path, target: Path) -> None:
    if not str(target).strip() or target.is_dir():
        raise InputError(f"backup target {str(target)!r} is not a file name")
    if target.exists() and target.resolve() == source.resolve():
        raise InputError("the backup would overwrite the database itself")
    if not target.parent.is_dir():
        raise InputError(f"no such directory: {target.parent}")


def backup_database(database: Database, target: Path) -> int:
    """Copy the live database to `target` (written whole, then renamed into place, 0600).

    The backup API copies a consistent snapshot even while other processes write.
    Returns the number of pages copied.
    """
    if database.engine.dialect.name != "sqlite":
        raise InputError(pg_dump_hint(database.url))
    source = sqlite_path(database.url)
    if source is None:
        raise InputError("this database has no file to back up")
    _check_target(source, target)
    partial = target.with_name(f".{target.name}.partial")
    try:
        pages = _copy(source, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with suppress(OSError):
            partial.unlink()
        raise OperationalError(f"backup to {target} failed: {exc}") from exc
    return pages


def _copy(source: Path, partial: Path) -> int:
    with suppress(FileNotFoundError):
        partial.unlink()
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    with (
        closing(sqlite3.connect(source, timeout=30)) as src,
        closing(sqlite3.connect(partial)) as dst,
    ):
        src.backup(dst, pages=PAGES_PER_STEP)
        pages = dst.execute("PRAGMA page_count").fetchone()[0]
        dst.execute("PRAGMA journal_mode = DELETE")
    return int(pages)
