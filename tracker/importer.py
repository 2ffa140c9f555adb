"""Import: claims from a JSONL or CSV file, all or nothing.

One streaming pass reads, checks and writes: claims go in BATCH at a time inside one
write transaction, so a bad row anywhere (or a conflict under `--on-conflict fail`)
rolls everything back. Errors are collected, up to MAX_ERRORS, and reported together
by line number. Memory stays flat: only the current batch, the chunks being staged
(tracker.staging) and bounded caches of speaker, tag and source ids are held.
docs/performance.md has the figures.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from tracker import exchange, quickwrite, staging
from tracker.config import describe_failure
from tracker.errors import DatabaseError, InputError
from tracker.exchange import Progress
from tracker.staging import CHANGE_COLUMNS, CHECK_COLUMNS, CLAIM_COLUMNS, SOURCE_COLUMNS, Staged

BATCH = 5_000
#: How many keys (uids, URLs, speaker keys, tags) an import into empty tables remembers,
#: as hashes (about 60 bytes each), to spare looking them up; past that it looks up.
SEEN_LIMIT = 250_000
PAGE_CACHE_KIB = 65_536  # SQLite page cache of the import's connection
MAX_ERRORS = 20
LOOKUP_CHUNK = 900  # under SQLite's oldest limit of 999 bound parameters
CACHE_LIMIT = 100_000
POLICIES = ("skip", "update", "fail")

# The tables an import writes, by name (tracker.models defines them).
CLAIMS, CHECKS, CHANGES = "claims", "checks", "deadline_changes"
SPEAKERS, ALIASES, SOURCES, TAGS, CLAIM_TAGS = (
    "speakers",
    "speaker_aliases",
    "sources",
    "tags",
    "claim_tags",
)

#: The columns of each row the loader writes, in order.
CLAIM_ROW = ("speaker_id", "source_id", *CLAIM_COLUMNS)
UID_AT = CLAIM_ROW.index("uid")
CHECK_ROW = ("claim_id", *CHECK_COLUMNS)
CHANGE_ROW = ("claim_id", "source_id", *CHANGE_COLUMNS)
SPEAKER_ROW = ("name", "key", "created_at")
TAG_ROW = ("name",)
CLAIM_TAG_ROW = ("claim_id", "tag_id")
HISTORY = (CLAIM_TAGS, CHECKS, CHANGES)


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    skipped: int = 0
    dry_run: bool = False

    def line(self) -> str:
        if self.dry_run:
            return (
                f"dry run: {self.new} new, {self.updated} updated, {self.skipped} skipped; "
                "nothing written"
            )
        return f"imported {self.new} claims ({self.skipped} skipped, {self.updated} updated)"


# ------------------------------------------------------------------ the database side


class Store(Protocol):
    """Bulk reads and writes in the caller's transaction; tables are named."""

    #: Staged values are SQLite's storage forms (else Python dates and times).
    sqlite: bool

    def was_empty(self, table: str) -> bool:
        """Whether the table was empty when the import began, nothing else writing since."""

    def lookup(self, table: str, key: str, keys: list[Any], value: str = "id") -> dict:
        """`{key: id}` (or `{key: value}`) for those keys present in the table."""

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Insert rows (values in the order of `columns`)."""

    def insert_new(
        self, table: str, key: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> list[int]:
        """Insert rows whose `key` is unique; their new ids, in the same order."""

    def update_claims(self, rows: list[tuple[Any, ...]]) -> None:
        """Rewrite stored claims: each row is CLAIM_ROW's values, then the claim's id."""

    def delete_history(self, claim_ids: list[int]) -> None:
        """Remove these claims' tags, checks and deadline changes."""

    def bulk(self) -> None:
        """Told before the first full batch lands."""

    def finish(self) -> None:
        """Told once every row is written (and none was refused)."""


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
            "AND tbl_name IN ('claims', 'checks', 'claim_tags', 'deadline_changes') "
            "AND sql NOT LIKE 'CREATE UNIQUE%'"
        ).fetchall()
        for name, _ in found:
            self.conn.execute(f'DROP INDEX "{name}"')
        self._deferred = [sql for _, sql in found]

    def finish(self) -> None:
        for sql in self._deferred:
            self.conn.execute(sql)
        self._deferred = []

    def lookup(self, table: str, key: str, keys: list[Any], value: str = "id") -> dict:
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


# ------------------------------------------------------------------ batches

# The places of a staged claim (tracker.staging.Staged).
UID, SPEAKER, VALUES, SOURCE = staging.UID, staging.SPEAKER, staging.VALUES, staging.SOURCE
TAGS_, CHECKS_, CHANGES_ = staging.TAGS, staging.CHECKS, staging.CHANGES  # not the tables


@dataclass
class _Refs:
    """Ids of the speakers (by name), sources (by URL) and tags (by name) a batch uses."""

    speakers: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)


class _Loader:
    """Writes staged claims in batches, in file order, in the caller's transaction."""

    def __init__(self, store: Store, policy: str, now: datetime) -> None:
        self.store, self.policy = store, policy
        self.now: Any = exchange.moment_text(now) if store.sqlite else now
        self.summary = ImportSummary()
        self.batch: list[tuple[int, Staged]] = []
        self.batch_uids: set[str] = set()
        #: What the batch's claims name, merged from their chunks; None if not known.
        self.batch_named: staging.Named | None = ({}, {}, {})
        self.caches = _Refs()
        #: Per table that was empty to begin with, the hashes of the keys this import
        #: stored: a key whose hash is not there is not stored. None: look up.
        self.seen: dict[str, set[int] | None] = {}

    def extend(self, rows: list[tuple[int, Staged]], named: staging.Named | None = None) -> None:
        """Take a chunk of (line, staged claim), in file order, and what they name if
        known (staging.named_in); write a full batch."""
        uids = {row[UID] for _, row in rows}
        if len(uids) == len(rows) and self.batch_uids.isdisjoint(uids):
            self.batch.extend(rows)  # the usual case: no uid twice, so no need to look at each
            self.batch_uids |= uids
            if named is None or self.batch_named is None:
                self.batch_named = None
            else:
                speakers, sources, tags = self.batch_named
                for name, key in named[0].items():
                    speakers.setdefault(name, key)
                for url, source in named[1].items():
                    sources.setdefault(url, source)
                tags.update(named[2])
            if len(self.batch) >= BATCH:
                self.flush()
            return
        for number, row in rows:
            if row[UID] in self.batch_uids:
                self.flush()  # the earlier line with this uid lands first, then this conflicts
            self.batch.append((number, row))
            self.batch_uids.add(row[UID])
            self.batch_named = None
            if len(self.batch) >= BATCH:
                self.flush()

    def flush(self) -> None:
        batch, self.batch, self.batch_uids = self.batch, [], set()
        named, self.batch_named = self.batch_named, ({}, {}, {})
        if not batch:
            return
        if len(batch) >= BATCH:
            self.store.bulk()
        uids = self._maybe_stored(CLAIMS, [row[UID] for _, row in batch])
        existing = self.store.lookup(CLAIMS, "uid", uids) if uids else {}
        fresh, replaced = self._sort_out(batch, existing)
        if named is None or len(fresh) != len(batch):  # only what the written claims name
            written = {id(row) for row in fresh} | {id(row) for _, row in replaced}
            named = staging.named_in(row for _, row in batch if id(row) in written)
        refs = self._references(named)
        speakers, sources = refs.speakers, refs.sources
        claim_rows = [
            (speakers[row[SPEAKER]], sources[row[SOURCE][0]] if row[SOURCE] else None, *row[VALUES])
            for row in fresh
        ]
        claim_ids = self.store.insert_new(CLAIMS, "uid", CLAIM_ROW, claim_rows)
        landed = list(zip(claim_ids, fresh, strict=True))
        self._stored(CLAIMS, [row[UID] for row in fresh])
        self._replace(replaced, refs)
        self._insert_history([*landed, *replaced], refs)

    def _sort_out(
        self, batch: list[tuple[int, Staged]], existing: dict[str, int]
    ) -> tuple[list[Staged], list[tuple[int, Staged]]]:
        """New rows, and (id, row) for those to replace; skips and refuses the others."""
        fresh, replaced = [], []
        for number, row in batch:
            claim_id = existing.get(row[UID])
            if claim_id is None:
                fresh.append(row)
            elif self.policy == "fail":
                raise InputError(f"line {number}: claim {row[UID]} is already in the database")
            elif self.policy == "update":
                replaced.append((claim_id, row))
            else:
                self.summary.skipped += 1
        self.summary.new += len(fresh)
        self.summary.updated += len(replaced)
        return fresh, replaced

    def _references(self, named: staging.Named) -> _Refs:
        names, sources, tag_names = named
        speakers: dict[str, tuple[Any, ...]] = {}
        for name, key in names.items():  # the first spelling in the file names a new speaker
            speakers.setdefault(key, (name, key, self.now))
        tags = {tag: (tag,) for tag in tag_names}
        by_key = self._ensure(self.caches.speakers, SPEAKERS, "key", SPEAKER_ROW, speakers)
        return _Refs(
            speakers={name: by_key[key] for name, key in names.items()},
            sources=self._ensure(self.caches.sources, SOURCES, "url", SOURCE_COLUMNS, sources),
            tags=self._ensure(self.caches.tags, TAGS, "name", TAG_ROW, tags),
        )

    def _ensure(
        self,
        cache: dict[str, int],
        table: str,
        key: str,
        columns: tuple[str, ...],
        wanted: dict[str, tuple[Any, ...]],
    ) -> dict[str, int]:
        """Ids for the wanted keys: remembered, found (speakers also by alias) or inserted."""
        ids = {k: cache[k] for k in wanted if k in cache}
        missing = [k for k in wanted if k not in ids]
        if not missing:
            return ids
        maybe = self._maybe_stored(table, missing)
        found = self.store.lookup(table, key, maybe) if maybe else {}
        if table == SPEAKERS and maybe:  # no speakers before, no aliases either
            aliases = [k for k in maybe if k not in found]
            found.update(self.store.lookup(ALIASES, "key", aliases, "speaker_id"))
        new = [k for k in missing if k not in found]
        if new:
            made = self.store.insert_new(table, key, columns, [wanted[k] for k in new])
            found.update(zip(new, made, strict=True))
            self._stored(table, new)
        if len(cache) + len(found) > CACHE_LIMIT:
            cache.clear()
        cache.update(found)
        return {**ids, **found}

    def _maybe_stored(self, table: str, keys: list[Any]) -> list[Any]:
        """The keys that may be in the table already: all of them, unless it was empty
        when the import began and they are not among those this import stored."""
        if table not in self.seen:
            self.seen[table] = set() if self.store.was_empty(table) else None
        seen = self.seen[table]
        return keys if seen is None else [k for k in keys if hash(k) in seen]

    def _stored(self, table: str, keys: list[Any]) -> None:
        seen = self.seen.get(table)
        if seen is not None:
            seen.update(map(hash, keys))
            if sum(len(found) for found in self.seen.values() if found) > SEEN_LIMIT:
                self.seen = dict.fromkeys(self.seen)  # None for each: look up from now on

    def _replace(self, pairs: list[tuple[int, Staged]], refs: _Refs) -> None:
        """`--on-conflict update`: the stored claim keeps its id; all else is the file's."""
        if not pairs:
            return
        self.store.delete_history([claim_id for claim_id, _ in pairs])
        speakers, sources = refs.speakers, refs.sources
        self.store.update_claims(
            [
                (
                    speakers[row[SPEAKER]],
                    sources[row[SOURCE][0]] if row[SOURCE] else None,
                    *row[VALUES],
                    claim_id,
                )
                for claim_id, row in pairs
            ]
        )

    def _insert_history(self, pairs: list[tuple[int, Staged]], refs: _Refs) -> None:
        tags, sources = refs.tags, refs.sources
        tag_rows = [(cid, tags[name]) for cid, row in pairs for name in row[TAGS_]]
        check_rows = [(cid, *check) for cid, row in pairs for check in row[CHECKS_]]
        change_rows = [
            (cid, sources[source[0]] if source else None, *values)
            for cid, row in pairs
            for values, source in row[CHANGES_]
        ]
        self.store.insert(CLAIM_TAGS, CLAIM_TAG_ROW, tag_rows)
        self.store.insert(CHECKS, CHECK_ROW, check_rows)
        self.store.insert(CHANGES, CHANGE_ROW, change_rows)


# ------------------------------------------------------------------ one import


class _Errors:
    """Error lines collected across the file, up to MAX_ERRORS."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.lines)

    @property
    def full(self) -> bool:
        return len(self.lines) >= MAX_ERRORS

    def guard(self, step: Callable[..., None], *args: Any) -> None:
        try:
            step(*args)
        except InputError as exc:
            self.lines.append(exc.message)

    def raise_any(self) -> None:
        if self.lines:
            more = f"; stopped after {MAX_ERRORS} errors" if self.full else ""
            raise InputError(f"nothing imported: {'; '.join(self.lines)}{more}")


def load(
    store: Store, chunks: Iterable[staging.Chunk], policy: str, now: datetime
) -> ImportSummary:
    """Write the staged claims; raise, naming lines, if any row is bad.

    Once a line is bad nothing more is written (the import will fail), but bad lines
    are still collected, up to MAX_ERRORS, so one run names them all. `policy` is
    one of POLICIES (the callers check).
    """
    loader, errors = _Loader(store, policy, now), _Errors()
    try:
        for rows, bad, fatal, named in chunks:
            if not errors:
                if bad or fatal:  # the rows before the first bad line still count
                    end = bad[0][0] if bad else float("inf")
                    rows = [item for item in rows if item[0] < end]
                    named = None
                errors.guard(loader.extend, rows, named)
            for number, message in bad:
                if errors.full:
                    break
                errors.lines.append(f"line {number}: {message}")
            if fatal is not None and not errors.full:
                errors.lines.append(fatal)
            if fatal is not None or errors.full:
                break
    except InputError as exc:
        errors.lines.append(exc.message)
    if not errors:
        errors.guard(loader.flush)
    errors.raise_any()
    store.finish()
    return loader.summary


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Batches are many small tuples and no cycles: the cycle collector only costs time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def import_file(
    db: Any,
    stream: BinaryIO,
    fmt: str,
    policy: str = "skip",
    *,
    now: datetime,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import a whole file in one transaction of `db` (a tracker.db.Database), on any
    backend; `dry_run` rolls it back and only counts."""
    from sqlalchemy import exc as sa_exc

    _check_choices(fmt, policy)
    with db.session(write=True) as session, _worded(db.url, sa_exc.IntegrityError):
        summary = _run(store_for(session.connection()), stream, fmt, policy, now, progress)
        if dry_run:
            session.rollback()
    summary.dry_run = dry_run
    return summary


def store_for(conn: Any) -> Store:
    """The store for a SQLAlchemy connection: SQLite's own, or Core's for the rest."""
    if conn.dialect.name == "sqlite":
        return SqliteStore(conn.connection.driver_connection)
    from tracker.import_core import CoreStore

    return CoreStore(conn)


def import_sqlite_file(
    path: Path,
    stream: BinaryIO,
    fmt: str,
    policy: str = "skip",
    *,
    now: datetime,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportSummary | None:
    """The same into an SQLite file, with the standard library only; None, before
    reading anything, when the file needs the full way (tracker.quickwrite)."""
    _check_choices(fmt, policy)
    # Every id the loader writes it has just looked up or inserted, holding the write
    # lock: SQLite's foreign key checks (tests/test_exchange.py runs them afterwards)
    # would only look each one up again.
    conn = quickwrite.open_for_writing(path, foreign_keys=False)
    if conn is None:
        return None
    try:
        with _worded(quickwrite.url_of(path)):
            summary = _run(SqliteStore(conn), stream, fmt, policy, now, progress)
            if dry_run:
                conn.rollback()
            else:
                conn.commit()
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.rollback()  # no-op after a commit
        conn.close()
    summary.dry_run = dry_run
    return summary


def _check_choices(fmt: str, policy: str) -> None:
    if fmt not in exchange.IMPORT_FORMATS:
        raise InputError(f"unknown import format {fmt!r}; one of jsonl, csv")
    if policy not in POLICIES:
        raise InputError(f"unknown conflict policy {policy!r}; one of {', '.join(POLICIES)}")


def _run(
    store: Store,
    stream: BinaryIO,
    fmt: str,
    policy: str,
    now: datetime,
    progress: Progress | None,
) -> ImportSummary:
    with (
        closing(staging.staged(stream, fmt, now, store.sqlite, progress)) as chunks,
        _no_cycle_collection(),
    ):
        return load(store, chunks, policy, now)


@contextmanager
def _worded(url: str, *integrity: type[Exception]) -> Iterator[None]:
    """Database errors as one line: a refused row is bad input (exit 2), anything else
    a failure of the database (exit 1). SQLite's store talks to sqlite3 itself, so its
    errors come unwrapped by SQLAlchemy on either way in. sqlite3's ProgrammingError
    is a fault in tracker and is left to show as one."""
    try:
        yield
    except (sqlite3.IntegrityError, *integrity) as exc:
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise InputError(f"nothing imported: the database refused a row ({detail})") from exc
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.ProgrammingError):
            raise
        raise DatabaseError(describe_failure(url, exc)) from exc
