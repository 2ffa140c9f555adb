"""The full path's database handle: engine and sessions, SQLite pragmas, and bringing
the schema to head.

A database already at head needs no Alembic import: the head revision is kept in
SCHEMA_HEAD (tracker.vocab), and a test checks it against the migrations folder.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tracker.config import describe_failure, mask_url
from tracker.errors import DatabaseError, InputError
from tracker.store.schema import create_at_head, set_up_new_file
from tracker.store.sqlfuncs import SQLITE_FOLD, python_fold
from tracker.store.sqlite_file import BUSY_TIMEOUT_S, create_private_file
from tracker.vocab import SCHEMA_HEAD

T = TypeVar("T")

#: PostgreSQL: serialization failure, deadlock, a unique key another writer just took.
RETRY_SQLSTATES = frozenset({"40001", "40P01", "23505"})
RETRY_ATTEMPTS = 6

BUSY_TIMEOUT_MS = int(BUSY_TIMEOUT_S * 1000)
_MIGRATION_LOCK_KEY = 727_384_001


def migrations_dir() -> Path:
    """The migrations folder: inside the installed package, else beside it in a checkout."""
    package = Path(__file__).resolve().parent.parent  # tracker/
    packaged = package / "migrations"
    if (packaged / "env.py").is_file():
        return packaged
    return package.parent / "migrations"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _install_sqlite_hooks(engine: Engine) -> None:
    """Foreign keys, busy timeout, and real transactions (BEGIN emitted by us).

    pysqlite's own transaction handling defers BEGIN and skips it for DDL; taking it
    over makes migrations atomic and lets writers ask for BEGIN IMMEDIATE.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.create_function(SQLITE_FOLD, 1, python_fold, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    try:
        sqlite = is_sqlite(url)
        engine = None if sqlite else create_engine(url)
    except (ValueError, sa_exc.ArgumentError, sa_exc.NoSuchModuleError) as exc:
        raise InputError(mask_url(f"not a database URL tracker can use: {url} ({exc})")) from exc
    except ImportError as exc:  # a dialect whose driver is not installed (mysql://...)
        raise InputError(
            mask_url(f"not a database URL tracker can use: {url} (SQLite or PostgreSQL)")
        ) from exc
    if engine is not None:
        return engine
    path = sqlite_path(url)
    if path is not None and not path.exists():
        try:
            create_private_file(path)
        except OSError as exc:
            raise DatabaseError(f"cannot create database {path}: {exc.strerror}") from exc
    engine = create_engine(url)
    _install_sqlite_hooks(engine)
    return engine


def read_revision(conn: Connection) -> str | None:
    """The schema revision stamped in the database, or None if it has none."""
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise DatabaseError(
                "not a tracker database (it has other tables and no schema version)"
            )
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def alembic_config(conn: Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = conn
    return config


def _check_known(revision: str) -> None:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        found = script.get_revision(revision)
    except (CommandError, KeyError):
        found = None
    if found is None:
        raise DatabaseError(
            f"the database has schema revision {revision!r}, newer than this tracker knows; "
            "upgrade tracker"
        )


def _lock_for_migration(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run Alembic to `target` inside one locked transaction."""
    from alembic import command

    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        _lock_for_migration(conn)
        current = read_revision(conn)
        if current is not None and current != SCHEMA_HEAD:
            _check_known(current)
        command.upgrade(alembic_config(conn), target)


def _ensure_wal(engine: Engine) -> None:
    """WAL is a property of the file; it must be set outside any transaction. A new
    file gets its page size first (tracker.store.schema.set_up_new_file)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        set_up_new_file(cursor.execute)
        cursor.close()
    except sqlite3.Error as exc:
        raise DatabaseError(str(exc)) from exc  # Database.open names the database
    finally:
        raw.close()


def ensure_schema(engine: Engine) -> None:
    """Bring the database to head unless it is there already; refuse foreign files."""
    with engine.connect() as conn:
        current = read_revision(conn)
    if current == SCHEMA_HEAD:
        return
    if current is not None:
        _check_known(current)
    if engine.dialect.name == "sqlite":
        _ensure_wal(engine)
        if current is None and _create_at_head(engine):
            return
    upgrade(engine)


def _create_at_head(engine: Engine) -> bool:
    """A new SQLite file gets the head schema in one step (tracker.store.schema)."""
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        if read_revision(conn) is not None:
            return True  # another process made it meanwhile
        if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            return False  # not empty (an unstamped alembic_version, say): migrate it
        return create_at_head(conn.exec_driver_sql)


def is_retryable(exc: BaseException) -> bool:
    """A conflict with another writer that running the transaction again resolves."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) in RETRY_SQLSTATES:
        return True
    text_of = str(orig or exc).lower()
    return "database is locked" in text_of or "database table is locked" in text_of


def backoff(attempt: int) -> float:
    """Seconds to wait before the next attempt: exponential, with jitter."""
    return min(2.0, 0.02 * 2**attempt) * (0.5 + random.random())


@dataclass
class Database:
    """The engine and session factories for one run."""

    url: str
    engine: Engine
    _sessions: sessionmaker[Session] = field(init=False)
    _write_sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write_sessions = sessionmaker(writer, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, migrate: bool = True) -> Database:
        try:
            engine = make_engine(url)
            if migrate:
                ensure_schema(engine)
        except sa_exc.SQLAlchemyError as exc:
            raise DatabaseError(describe_failure(url, exc)) from exc
        except DatabaseError as exc:
            raise DatabaseError(f"cannot use database {mask_url(url)}: {exc.message}") from exc
        return cls(url=url, engine=engine)

    def run(self, work: Callable[[Session], T], write: bool = False) -> T:
        """Run `work` in one transaction, again (with back-off) if another writer got in
        the way; any other database error becomes one line and exit status 1."""
        factory = self._write_sessions if write else self._sessions
        for attempt in range(RETRY_ATTEMPTS):
            try:
                with factory.begin() as session:
                    return work(session)
            except sa_exc.DBAPIError as exc:
                if attempt + 1 < RETRY_ATTEMPTS and is_retryable(exc):
                    time.sleep(backoff(attempt))
                    continue
                raise DatabaseError(describe_failure(self.url, exc)) from exc
        raise AssertionError("unreachable")

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session in one transaction, committed on success and rolled back on error."""
        factory = self._write_sessions if write else self._sessions
        try:
            with factory.begin() as session:
                yield session
        except sa_exc.IntegrityError:
            raise
        except sa_exc.DBAPIError as exc:
            raise DatabaseError(describe_failure(self.url, exc)) from exc
