"""Import: claims from a JSONL or CSV file, all or nothing.

One streaming pass reads, validates and writes: rows go in BATCH at a time inside
one write transaction, so a bad row anywhere (or a conflict under `--on-conflict
fail`) rolls everything back. Errors are collected, up to MAX_ERRORS, and reported
together by line number. Memory stays flat: only the current batch and bounded caches
of speaker, tag and source ids are held. docs/performance.md has the figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any, BinaryIO

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    Table,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy import exc as sa_exc

from tracker import exchange
from tracker.errors import InputError
from tracker.exchange import ClaimRow, Parsed, Progress
from tracker.models import (
    Check,
    Claim,
    DeadlineChange,
    Source,
    Speaker,
    SpeakerAlias,
    Tag,
    claim_tags,
)
from tracker.validate import name_key

BATCH = 5_000
MAX_ERRORS = 20
LOOKUP_CHUNK = 900  # under SQLite's oldest limit of 999 bound parameters
CACHE_LIMIT = 100_000
POLICIES = ("skip", "update", "fail")

CLAIMS: Table = Claim.__table__  # type: ignore[assignment]
CHECKS: Table = Check.__table__  # type: ignore[assignment]
CHANGES: Table = DeadlineChange.__table__  # type: ignore[assignment]
SPEAKERS: Table = Speaker.__table__  # type: ignore[assignment]
ALIASES: Table = SpeakerAlias.__table__  # type: ignore[assignment]
SOURCES: Table = Source.__table__  # type: ignore[assignment]
TAGS: Table = Tag.__table__  # type: ignore[assignment]


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


class _Store:
    """Bulk reads and writes through SQLAlchemy Core: works on every backend."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def lookup(self, key: Column[Any], keys: list[Any], value: Column[Any] | None = None) -> dict:
        """`{key: id}` (or `{key: value}`) for those keys present in key's table."""
        value = key.table.c.id if value is None else value
        found: dict[Any, Any] = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            found.update(self.conn.execute(select(key, value).where(key.in_(chunk))).all())
        return found

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(insert(table), rows)

    def bulk(self) -> None:
        """Told before the first full batch lands in an empty database."""

    def finish(self) -> None:
        """Told once every row is written (and none was refused)."""

    def insert_claims(self, rows: list[dict[str, Any]]) -> list[int]:
        """Insert claims in order; their new ids, in the same order."""
        self.insert(CLAIMS, rows)
        ids = self.lookup(CLAIMS.c.uid, [row["uid"] for row in rows])
        return [ids[row["uid"]] for row in rows]


def _sqlite_day(value: date | None) -> str | None:
    """A date as SQLAlchemy's SQLite DATE stores it."""
    return None if value is None else value.isoformat()


def _sqlite_moment(value: datetime | None) -> str | None:
    """A UTC time as SQLAlchemy's SQLite DATETIME stores it (no zone, microseconds)."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_float(value: float | None) -> float | None:
    return None if value is None else float(value)


def sqlite_converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How a value of this column is stored by SQLAlchemy on SQLite (None: as it is)."""
    kind = type(column.type)
    if kind is Date:
        return _sqlite_day if column.nullable else date.isoformat
    return {DateTime: _sqlite_moment, Float: _sqlite_float}.get(kind)


class _SqliteStore(_Store):
    """The same on SQLite, several times faster for large files.

    Core's executemany builds each row's parameters through the compiled statement and
    the types' bind processors, and expands each IN list anew; that was most of a large
    import's time. Here each statement is compiled once, rows become tuples through
    converters giving SQLAlchemy's own SQLite storage formats (a test checks they
    agree), and new claims get their ids from the current maximum: the import holds
    SQLite's write lock (BEGIN IMMEDIATE), so nothing else can insert meanwhile.
    """

    def __init__(self, conn: Connection) -> None:
        super().__init__(conn)
        self._inserts: dict[tuple[str, tuple[str, ...]], tuple[str, Any, list[Any]]] = {}
        self._next_id = int(conn.exec_driver_sql("SELECT max(id) FROM claims").scalar() or 0) + 1
        self._deferred: list[str] = []

    def bulk(self) -> None:
        """Into an empty database, build the secondary indexes once at the end.

        SQLite keeps each index up to date row by row; for a large import it is
        cheaper to sort once. The unique indexes stay (the import looks things up by
        them), and DDL is transactional here, so a failed import gets them all back.
        """
        if self._next_id != 1 or self._deferred:
            return
        found = self.conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('claims', 'checks', 'claim_tags', 'deadline_changes') "
            "AND sql NOT LIKE 'CREATE UNIQUE%'"
        ).all()
        for name, _ in found:
            self.conn.exec_driver_sql(f'DROP INDEX "{name}"')
        self._deferred = [sql for _, sql in found]

    def finish(self) -> None:
        for sql in self._deferred:
            self.conn.exec_driver_sql(sql)
        self._deferred = []

    def lookup(self, key: Column[Any], keys: list[Any], value: Column[Any] | None = None) -> dict:
        quote = self.conn.dialect.identifier_preparer.quote
        value = key.table.c.id if value is None else value
        head = f"SELECT {quote(key.name)}, {quote(value.name)} FROM {quote(key.table.name)} "
        found: dict[Any, Any] = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = tuple(keys[start : start + LOOKUP_CHUNK])
            sql = f"{head}WHERE {quote(key.name)} IN ({', '.join('?' * len(chunk))})"
            found.update(self.conn.exec_driver_sql(sql, chunk).all())
        return found

    def insert(self, table: Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        sql, get, converters = self._statement(table, tuple(rows[0]))
        values = list(map(get, rows))
        if converters:
            values = [_converted(row_values, converters) for row_values in values]
        self.conn.exec_driver_sql(sql, values)

    def _statement(self, table: Table, names: tuple[str, ...]) -> tuple[str, Any, list[Any]]:
        """The SQL, a getter of its parameters in order, and where each needs converting."""
        key = (table.name, names)
        if key not in self._inserts:
            compiled = insert(table).compile(dialect=self.conn.dialect, column_keys=list(names))
            order = compiled.positiontup or []
            assert sorted(order) == sorted(names), f"{table.name}: give every column"
            converters = [(i, sqlite_converter(table.c[n])) for i, n in enumerate(order)]
            get = itemgetter(*order) if len(order) > 1 else lambda row: (row[order[0]],)
            self._inserts[key] = (str(compiled), get, [(i, c) for i, c in converters if c])
        return self._inserts[key]

    def insert_claims(self, rows: list[dict[str, Any]]) -> list[int]:
        ids = list(range(self._next_id, self._next_id + len(rows)))
        self._next_id += len(rows)
        self.insert(CLAIMS, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
        return ids


def _converted(values: tuple[Any, ...], converters: list[tuple[int, Any]]) -> tuple[Any, ...]:
    converted = list(values)
    for position, convert in converters:
        converted[position] = convert(converted[position])
    return tuple(converted)


def store_for(conn: Connection) -> _Store:
    return _SqliteStore(conn) if conn.dialect.name == "sqlite" else _Store(conn)


# ------------------------------------------------------------------ batches


@dataclass
class _Refs:
    """Ids of the speakers (by name), sources (by URL) and tags (by name) a batch uses."""

    speakers: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)


class _Loader:
    """Writes validated rows in batches, in file order, in the caller's transaction."""

    def __init__(self, store: _Store, policy: str, now: datetime) -> None:
        self.store, self.policy, self.now = store, policy, now
        self.summary = ImportSummary()
        self.batch: list[tuple[int, ClaimRow]] = []
        self.batch_uids: set[str] = set()
        self.caches = _Refs()

    def add(self, number: int, row: ClaimRow) -> None:
        if row.uid in self.batch_uids:
            self.flush()  # the earlier line with this uid lands first, then this one conflicts
        self.batch.append((number, row))
        self.batch_uids.add(row.uid)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.batch, self.batch_uids = self.batch, [], set()
        if not batch:
            return
        if len(batch) >= BATCH:
            self.store.bulk()
        existing = self.store.lookup(CLAIMS.c.uid, [row.uid for _, row in batch])
        fresh, replaced = self._sort_out(batch, existing)
        refs = self._references([*fresh, *(row for _, row in replaced)])
        claim_rows = [self._claim_values(row, refs) for row in fresh]
        landed = list(zip(self.store.insert_claims(claim_rows), fresh, strict=True))
        self._replace(replaced, refs)
        self._insert_history([*landed, *replaced], refs)

    def _sort_out(
        self, batch: list[tuple[int, ClaimRow]], existing: dict[str, int]
    ) -> tuple[list[ClaimRow], list[tuple[int, ClaimRow]]]:
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

    def _references(self, rows: list[ClaimRow]) -> _Refs:
        names: dict[str, str] = {}  # each speaker name as written, and its key
        speakers: dict[str, dict[str, Any]] = {}
        sources: dict[str, dict[str, Any]] = {}
        tags: dict[str, dict[str, Any]] = {}
        for row in rows:
            if row.speaker not in names:
                key = names[row.speaker] = name_key(row.speaker)
                speakers.setdefault(key, {"name": row.speaker, "key": key, "created_at": self.now})
            if row.source is not None:
                sources.setdefault(row.source["url"], row.source)
            for change in row.changes:
                if change["source"] is not None:
                    sources.setdefault(change["source"]["url"], change["source"])
            for name in row.tags:
                tags.setdefault(name, {"name": name})
        by_key = self._ensure(self.caches.speakers, SPEAKERS.c.key, speakers)
        return _Refs(
            speakers={name: by_key[key] for name, key in names.items()},
            sources=self._ensure(self.caches.sources, SOURCES.c.url, sources),
            tags=self._ensure(self.caches.tags, TAGS.c.name, tags),
        )

    def _ensure(
        self, cache: dict[str, int], key: Column[Any], wanted: dict[str, dict[str, Any]]
    ) -> dict[str, int]:
        """Ids for the wanted keys: remembered, found (speakers also by alias) or inserted."""
        ids = {k: cache[k] for k in wanted if k in cache}
        missing = [k for k in wanted if k not in ids]
        if not missing:
            return ids
        found = self.store.lookup(key, missing)
        if key is SPEAKERS.c.key:
            aliases = [k for k in missing if k not in found]
            found.update(self.store.lookup(ALIASES.c.key, aliases, ALIASES.c.speaker_id))
        new = [k for k in missing if k not in found]
        if new:
            self.store.insert(key.table, [wanted[k] for k in new])
            found.update(self.store.lookup(key, new))
        if len(cache) + len(found) > CACHE_LIMIT:
            cache.clear()
        cache.update(found)
        return {**ids, **found}

    def _claim_values(self, row: ClaimRow, refs: _Refs) -> dict[str, Any]:
        values = row.values  # the row is written once: no need for a copy
        values["uid"] = row.uid
        values["speaker_id"] = refs.speakers[row.speaker]
        values["source_id"] = refs.sources[row.source["url"]] if row.source else None
        return values

    def _replace(self, pairs: list[tuple[int, ClaimRow]], refs: _Refs) -> None:
        """`--on-conflict update`: the stored claim keeps its id; all else is the file's."""
        if not pairs:
            return
        ids = [claim_id for claim_id, _ in pairs]
        for table in (claim_tags, CHECKS, CHANGES):
            for start in range(0, len(ids), LOOKUP_CHUNK):
                chunk = ids[start : start + LOOKUP_CHUNK]
                self.store.conn.execute(delete(table).where(table.c.claim_id.in_(chunk)))
        statement = update(CLAIMS).where(CLAIMS.c.id == bindparam("claim_id_"))
        values = [{**self._claim_values(row, refs), "claim_id_": cid} for cid, row in pairs]
        self.store.conn.execute(statement, values)

    def _insert_history(self, pairs: list[tuple[int, ClaimRow]], refs: _Refs) -> None:
        tag_ids = refs.tags
        tag_rows = [
            {"claim_id": cid, "tag_id": tag_ids[name]} for cid, row in pairs for name in row.tags
        ]
        check_rows = [_with_claim(check, cid) for cid, row in pairs for check in row.checks]
        change_rows = [
            _change_values(change, cid, refs) for cid, row in pairs for change in row.changes
        ]
        self.store.insert(claim_tags, tag_rows)
        self.store.insert(CHECKS, check_rows)
        self.store.insert(CHANGES, change_rows)


def _with_claim(check: dict[str, Any], claim_id: int) -> dict[str, Any]:
    check["claim_id"] = claim_id  # each check is written once: no need for a copy
    return check


def _change_values(change: dict[str, Any], claim_id: int, refs: _Refs) -> dict[str, Any]:
    values = {key: value for key, value in change.items() if key != "source"}
    source = change["source"]
    values["source_id"] = refs.sources[source["url"]] if source else None
    values["claim_id"] = claim_id
    return values


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


def load(store: _Store, rows: Iterable[Parsed], policy: str, now: datetime) -> ImportSummary:
    """Validate every row and write the good ones; raise, naming lines, if any is bad."""
    if policy not in POLICIES:
        raise InputError(f"unknown conflict policy {policy!r}; one of {', '.join(POLICIES)}")
    loader, errors = _Loader(store, policy, now), _Errors()
    try:
        for number, row in rows:
            if isinstance(row, InputError):
                errors.lines.append(f"line {number}: {row.message}")
            elif not errors:
                errors.guard(loader.add, number, row)
            if errors.full:
                break
    except InputError as exc:  # unreadable bytes or CSV structure: nothing after is trusted
        errors.lines.append(exc.message)
    if not errors:
        errors.guard(loader.flush)
    errors.raise_any()
    store.finish()
    return loader.summary


def _tune(conn: Connection) -> None:
    """A larger page cache for this connection: the uid index grows in random order."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size = -65536")


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
    """Import a whole file in one transaction; `dry_run` rolls it back and only counts."""
    if fmt not in exchange.PARSERS:
        raise InputError(f"unknown import format {fmt!r}; one of {', '.join(exchange.PARSERS)}")
    rows = exchange.PARSERS[fmt](exchange.read_lines(stream, progress), now)
    with db.session(write=True) as session:
        conn = session.connection()
        _tune(conn)
        try:
            summary = load(store_for(conn), rows, policy, now)
        except sa_exc.IntegrityError as exc:
            detail = str(exc.orig).splitlines()[0]
            raise InputError(f"nothing imported: the database refused a row ({detail})") from exc
        if dry_run:
            session.rollback()
    summary.dry_run = dry_run
    return summary
