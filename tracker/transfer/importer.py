"""Import: claims from a JSONL or CSV file, all or nothing.

One streaming pass reads, checks and writes: claims go in BATCH at a time inside one
write transaction, so a bad row anywhere (or a conflict under `--on-conflict fail`)
rolls everything back. Errors are collected, up to MAX_ERRORS, and reported together
by line number. Memory stays flat: only the current batch, the chunks being staged
(tracker.transfer.staging) and bounded caches of speaker, tag and source ids are held.
The rows go through a tracker.store.bulk.Store: on SQLite, `SqliteStore` writes
through sqlite3 itself, on the fast path and on the full path alike (there through
SQLAlchemy's connection); elsewhere `CoreStore` writes through SQLAlchemy Core.
docs/performance.md has the figures.
"""

from __future__ import annotations

import contextlib
import gc
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from tracker.config import describe_failure
from tracker.errors import DatabaseError, InputError
from tracker.rows import SOURCE_URL, EventValues, StagedClaim
from tracker.store import fast_write
from tracker.store.bulk import (
    ALIASES,
    CHANGE_ROW,
    CHANGES,
    CHECK_ROW,
    CHECKS,
    CLAIM_ROW,
    CLAIM_TAG_ROW,
    CLAIM_TAGS,
    CLAIMS,
    EVENT_ROW,
    EVENTS,
    OTHER_SOURCE_ROW,
    OTHER_SOURCES,
    SOURCE_ROW,
    SOURCES,
    SPEAKER_ROW,
    SPEAKERS,
    TAG_ROW,
    TAGS,
    Store,
)
from tracker.store.sqlite_file import url_of
from tracker.transfer import codec, staging
from tracker.transfer.codec import Progress
from tracker.transfer.staging import Named

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from tracker.store.engine import Database

BATCH = 5_000
#: How many keys (uids, URLs, speaker keys, tags) an import into empty tables remembers,
#: as hashes (about 60 bytes each), to spare looking them up; past that it looks up.
SEEN_LIMIT = 250_000
MAX_ERRORS = 20
CACHE_LIMIT = 100_000
POLICIES = ("skip", "update", "fail")


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    skipped: int = 0
    dry_run: bool = False
    #: The names of the speakers the import created, as the file first spelled them.
    new_speakers: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.dry_run:
            return (
                f"dry run: {self.new} new, {self.updated} updated, {self.skipped} skipped; "
                "nothing written"
            )
        return f"imported {self.new} claims ({self.skipped} skipped, {self.updated} updated)"


#: The place of an event's key in EventValues.
EVENT_KEY = EventValues._fields.index("key")

# ------------------------------------------------------------------ batches


@dataclass
class _Refs:
    """Ids of the speakers (by name), sources (by URL) and tags (by name) a batch uses."""

    speakers: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)


class _Loader:
    """Writes staged claims in batches, in file order, in the caller's transaction."""

    def __init__(self, store: Store, policy: str, now: datetime) -> None:
        self.store, self.policy = store, policy
        self.now: Any = codec.moment_text(now) if store.sqlite else now
        self.summary = ImportSummary()
        self.batch: list[tuple[int, StagedClaim]] = []
        self.batch_uids: set[str] = set()
        #: What the batch's claims name, merged from their chunks; None if not known.
        self.batch_named: Named | None = Named({}, {}, {}, {})
        self.caches = _Refs()
        #: Per table that was empty to begin with, the hashes of the keys this import
        #: stored: a key whose hash is not there is not stored. None: look up.
        self.seen: dict[str, set[int] | None] = {}

    def extend(self, rows: list[tuple[int, StagedClaim]], named: Named | None = None) -> None:
        """Take a chunk of (line, staged claim), in file order, and what they name if
        known (staging.named_in); write a full batch."""
        uids = {row.uid for _, row in rows}
        if len(uids) == len(rows) and self.batch_uids.isdisjoint(uids):
            self.batch.extend(rows)  # the usual case: no uid twice, so no need to look at each
            self.batch_uids |= uids
            self._merge_named(named)
            if len(self.batch) >= BATCH:
                self.flush()
            return
        for number, row in rows:
            if row.uid in self.batch_uids:
                self.flush()  # the earlier line with this uid lands first, then this conflicts
            self.batch.append((number, row))
            self.batch_uids.add(row.uid)
            self.batch_named = None
            if len(self.batch) >= BATCH:
                self.flush()

    def _merge_named(self, named: Named | None) -> None:
        """Add what a chunk's claims name to what the batch names (None: not known)."""
        if named is None or self.batch_named is None:
            self.batch_named = None
            return
        for name, key in named.speakers.items():
            self.batch_named.speakers.setdefault(name, key)
        for url, source in named.sources.items():
            self.batch_named.sources.setdefault(url, source)
        self.batch_named.tags.update(named.tags)
        for key, event in named.events.items():
            self.batch_named.events.setdefault(key, event)

    def flush(self) -> None:
        batch, self.batch, self.batch_uids = self.batch, [], set()
        named, self.batch_named = self.batch_named, Named({}, {}, {}, {})
        if not batch:
            return
        if len(batch) >= BATCH:
            self.store.bulk()
        uids = self._maybe_stored(CLAIMS, [row.uid for _, row in batch])
        existing = self.store.lookup(CLAIMS, "uid", uids) if uids else {}
        fresh, replaced = self._sort_out(batch, existing)
        if named is None or len(fresh) != len(batch):  # only what the written claims name
            written = {id(row) for row in fresh} | {id(row) for _, row in replaced}
            named = staging.named_in(row for _, row in batch if id(row) in written)
        refs = self._references(named)
        speakers, sources, events = refs.speakers, refs.sources, refs.events
        claim_rows = [
            (
                speakers[row.speaker],
                sources[row.source[SOURCE_URL]] if row.source else None,
                events[row.event[EVENT_KEY]] if row.event else None,
                *row.values,
            )
            for row in fresh
        ]
        claim_ids = self.store.insert_new(CLAIMS, "uid", CLAIM_ROW, claim_rows)
        landed = list(zip(claim_ids, fresh, strict=True))
        self._stored(CLAIMS, [row.uid for row in fresh])
        self._replace(replaced, refs)
        self._insert_history([*landed, *replaced], refs)

    def _sort_out(
        self, batch: list[tuple[int, StagedClaim]], existing: dict[str, int]
    ) -> tuple[list[StagedClaim], list[tuple[int, StagedClaim]]]:
        """New rows, and (id, row) for those to replace; skips and refuses the others."""
        fresh, replaced = [], []
        for number, row in batch:
            claim_id = existing.get(row.uid)
            if claim_id is None:
                fresh.append(row)
            elif self.policy == "fail":
                raise InputError(f"line {number}: claim {row.uid} is already in the database")
            elif self.policy == "update":
                replaced.append((claim_id, row))
            else:
                self.summary.skipped += 1
        self.summary.new += len(fresh)
        self.summary.updated += len(replaced)
        return fresh, replaced

    def _references(self, named: Named) -> _Refs:
        names, sources, tag_names, event_values = named
        events = {key: (*values, self.now) for key, values in event_values.items()}
        speakers: dict[str, tuple[Any, ...]] = {}
        for name, key in names.items():  # the first spelling in the file names a new speaker
            speakers.setdefault(key, (name, key, self.now))
        tags = {tag: (tag,) for tag in tag_names}
        by_key = self._ensure(self.caches.speakers, SPEAKERS, "key", SPEAKER_ROW, speakers)
        return _Refs(
            speakers={name: by_key[key] for name, key in names.items()},
            sources=self._ensure(self.caches.sources, SOURCES, "url", SOURCE_ROW, sources),
            tags=self._ensure(self.caches.tags, TAGS, "name", TAG_ROW, tags),
            events=self._ensure(self.caches.events, EVENTS, "key", EVENT_ROW, events),
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
            if table == SPEAKERS:
                self.summary.new_speakers += [wanted[k][0] for k in new]
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

    def _replace(self, pairs: list[tuple[int, StagedClaim]], refs: _Refs) -> None:
        """`--on-conflict update`: the stored claim keeps its id; all else is the file's."""
        if not pairs:
            return
        self.store.delete_history([claim_id for claim_id, _ in pairs])
        speakers, sources, events = refs.speakers, refs.sources, refs.events
        self.store.update_claims(
            [
                (
                    speakers[row.speaker],
                    sources[row.source[SOURCE_URL]] if row.source else None,
                    events[row.event[EVENT_KEY]] if row.event else None,
                    *row.values,
                    claim_id,
                )
                for claim_id, row in pairs
            ]
        )

    def _insert_history(self, pairs: list[tuple[int, StagedClaim]], refs: _Refs) -> None:
        tags, sources = refs.tags, refs.sources
        tag_rows = [(cid, tags[name]) for cid, row in pairs for name in row.tags]
        check_rows = [(cid, *check) for cid, row in pairs for check in row.checks]
        change_rows = [
            (cid, sources[source[SOURCE_URL]] if source else None, *values)
            for cid, row in pairs
            for values, source in row.changes
        ]
        other_rows = [
            (cid, sources[source[SOURCE_URL]], *values)
            for cid, row in pairs
            for source, values in row.other_sources
        ]
        self.store.insert(CLAIM_TAGS, CLAIM_TAG_ROW, tag_rows)
        self.store.insert(CHECKS, CHECK_ROW, check_rows)
        self.store.insert(CHANGES, CHANGE_ROW, change_rows)
        self.store.insert(OTHER_SOURCES, OTHER_SOURCE_ROW, other_rows)


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

    def take(self, chunk: staging.Chunk) -> bool:
        """Note the chunk's bad lines and the error that ended the file; whether to stop."""
        for number, message in chunk.bad:
            if self.full:
                break
            self.lines.append(f"line {number}: {message}")
        if chunk.fatal is not None and not self.full:
            self.lines.append(chunk.fatal)
        return chunk.fatal is not None or self.full

    def raise_any(self) -> None:
        if self.lines:
            more = f"; stopped after {MAX_ERRORS} errors" if self.full else ""
            raise InputError(f"nothing imported: {'; '.join(self.lines)}{more}")


def _before_first_bad(chunk: staging.Chunk) -> tuple[list[tuple[int, StagedClaim]], Named | None]:
    """The chunk's claims before its first bad line, and what they name if that is all."""
    if not chunk.bad and chunk.fatal is None:
        return chunk.rows, chunk.named
    end = chunk.bad[0][0] if chunk.bad else float("inf")
    return [item for item in chunk.rows if item[0] < end], None


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
        for chunk in chunks:
            if not errors:
                errors.guard(loader.extend, *_before_first_bad(chunk))
            if errors.take(chunk):
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
    db: Database,
    stream: BinaryIO,
    fmt: str,
    policy: str = "skip",
    *,
    now: datetime,
    dry_run: bool = False,
    progress: Progress | None = None,
    author: str = "unknown",
) -> ImportSummary:
    """Import a whole file in one transaction of `db`, on any backend (the full path);
    `dry_run` rolls it back and only counts."""
    from sqlalchemy import exc as sa_exc

    _check_choices(fmt, policy)
    with db.session(write=True) as session, _worded(db.url, sa_exc.IntegrityError):
        store = store_for(session.connection())
        summary = _run(store, stream, fmt, policy, now, progress)
        _journal(store, author, summary, now)
        if dry_run:
            session.rollback()
    summary.dry_run = dry_run
    return summary


def store_for(conn: Connection) -> Store:
    """The store for a SQLAlchemy connection: SQLite's own, or Core's for the rest."""
    driver = conn.connection.driver_connection
    if conn.dialect.name == "sqlite" and isinstance(driver, sqlite3.Connection):
        return fast_write.SqliteStore(driver)
    from tracker.store.full_write import CoreStore

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
    author: str = "unknown",
) -> ImportSummary | None:
    """The same into an SQLite file, with the standard library only; None, before
    reading anything, when the file needs the full path (tracker.store.fast_write)."""
    _check_choices(fmt, policy)
    # Every id the loader writes it has just looked up or inserted, holding the write
    # lock: SQLite's foreign key checks (tests/test_exchange.py runs them afterwards)
    # would only look each one up again.
    conn = fast_write.open_for_writing(path, foreign_keys=False)
    if conn is None:
        return None
    try:
        with _worded(url_of(path)):
            store = fast_write.SqliteStore(conn)
            summary = _run(store, stream, fmt, policy, now, progress)
            _journal(store, author, summary, now)
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
    if fmt not in codec.IMPORT_FORMATS:
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


JOURNAL_COLUMNS = ("recorded_at", "author", "action", "changes", "detail")


def _journal(store: Store, author: str, summary: ImportSummary, now: datetime) -> None:
    """One journal entry for the whole import (tracker.domain.journal), if it wrote."""
    if not (summary.new or summary.updated):
        return
    detail = json.dumps(
        {"new": summary.new, "updated": summary.updated, "skipped": summary.skipped}
    )
    moment: Any = codec.moment_text(now) if store.sqlite else now
    store.insert("journal", JOURNAL_COLUMNS, [(moment, author, "import", "[]", detail)])


@contextmanager
def _worded(url: str, *integrity: type[Exception]) -> Iterator[None]:
    """Database errors as one line: a refused row is bad input (exit 2), anything else
    a failure of the database (exit 1). SQLite's store talks to sqlite3 itself, so its
    errors come unwrapped by SQLAlchemy on either way in. sqlite3's ProgrammingError
    is a fault in tracker and is left to show as one."""
    try:
        yield
    except (sqlite3.IntegrityError, *integrity) as exc:  # type: ignore[misc]  # a tuple of types
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise InputError(f"nothing imported: the database refused a row ({detail})") from exc
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.ProgrammingError):
            raise
        raise DatabaseError(describe_failure(url, exc)) from exc
