"""Claims read from a file, staged as column tuples for the importer to write.

Parsing and checking a JSONL line costs more than writing it. For large JSONL files
that work runs in worker processes (forked, so they start at once and share the
parent's loaded modules), chunk by chunk, while the importer writes what is ready;
results come back in file order, so errors still name their lines in order and
batches land in the order of the file. A staged claim is a plain tuple, cheap to
send between processes:

    (uid, speaker, claim values, source or None, tags, checks, deadline changes)

Values are in the form the database stores: on SQLite the text SQLAlchemy would
write (tests/test_exchange.py checks they agree), elsewhere Python dates and times.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Date, DateTime, Float, Table

from tracker import exchange
from tracker.errors import InputError
from tracker.exchange import ClaimRow, claim_from_json
from tracker.models import Check, Claim, DeadlineChange, Source

#: The claims table's own columns, in the order staged values carry them (the
#: importer adds id, speaker_id and source_id).
CLAIM_COLUMNS = (
    "uid",
    "text",
    "said_on",
    "deadline_phrase",
    "deadline_rule",
    "deadline_start",
    "deadline_end",
    "due_on",
    "status",
    "outcome_on",
    "quote",
    "criteria",
    "confidence",
    "created_at",
    "updated_at",
)
CHECK_COLUMNS = tuple(exchange.CHECK_FIELDS)  # plus claim_id
CHANGE_COLUMNS = tuple(f for f in exchange.CHANGE_FIELDS if f != "source")  # plus two ids
SOURCE_COLUMNS = tuple(exchange.SOURCE_FIELDS)

Staged = tuple[Any, ...]
Item = tuple[int, "Staged | InputError"]

CHUNK_LINES = 2_000
#: Chunks handed out ahead of the writer, per worker: enough to keep them busy while
#: a batch is written, few enough to keep memory flat.
AHEAD_PER_WORKER = 3


# ------------------------------------------------------------------ storage forms


def _sqlite_day(value: date | None) -> str | None:
    """A date as SQLAlchemy's SQLite DATE stores it."""
    return None if value is None else value.isoformat()


def sqlite_moment(value: datetime | None) -> str | None:
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
    return {DateTime: sqlite_moment, Float: _sqlite_float}.get(kind)


Converters = list[tuple[int, Callable[[Any], Any]]]


def _converters(table: Table, columns: tuple[str, ...], sqlite: bool) -> Converters:
    if not sqlite:
        return []
    found = [(i, sqlite_converter(table.c[name])) for i, name in enumerate(columns)]
    return [(i, convert) for i, convert in found if convert is not None]


class _Form:
    """How one backend takes each table's values: getters and converters, built once."""

    def __init__(self, sqlite: bool) -> None:
        tables: dict[str, Table] = {
            "claims": Claim.__table__,  # type: ignore[dict-item]
            "checks": Check.__table__,  # type: ignore[dict-item]
            "changes": DeadlineChange.__table__,  # type: ignore[dict-item]
            "sources": Source.__table__,  # type: ignore[dict-item]
        }
        self.claim = itemgetter(*CLAIM_COLUMNS)
        self.check = itemgetter(*CHECK_COLUMNS)
        self.change = itemgetter(*CHANGE_COLUMNS)
        self.source = itemgetter(*SOURCE_COLUMNS)
        self.claim_conv = _converters(tables["claims"], CLAIM_COLUMNS, sqlite)
        self.check_conv = _converters(tables["checks"], CHECK_COLUMNS, sqlite)
        self.change_conv = _converters(tables["changes"], CHANGE_COLUMNS, sqlite)
        self.source_conv = _converters(tables["sources"], SOURCE_COLUMNS, sqlite)


_FORMS: dict[bool, _Form] = {}


def form(sqlite: bool) -> _Form:
    if sqlite not in _FORMS:
        _FORMS[sqlite] = _Form(sqlite)
    return _FORMS[sqlite]


def _converted(values: tuple[Any, ...], converters: Converters) -> tuple[Any, ...]:
    if not converters:
        return values
    out = list(values)
    for position, convert in converters:
        out[position] = convert(out[position])
    return tuple(out)


def _source(source: dict[str, Any] | None, shape: _Form) -> tuple[Any, ...] | None:
    return None if source is None else _converted(shape.source(source), shape.source_conv)


def stage(row: ClaimRow, sqlite: bool) -> Staged:
    """A parsed claim as the tuple the importer writes."""
    shape = form(sqlite)
    values = row.values
    values["uid"] = row.uid
    return (
        row.uid,
        row.speaker,
        _converted(shape.claim(values), shape.claim_conv),
        _source(row.source, shape),
        tuple(row.tags),
        tuple(_converted(shape.check(check), shape.check_conv) for check in row.checks),
        tuple(
            (_converted(shape.change(change), shape.change_conv), _source(change["source"], shape))
            for change in row.changes
        ),
    )


# ------------------------------------------------------------------ in file order


def staged(
    lines: Iterable[tuple[int, str]], fmt: str, now: datetime, sqlite: bool
) -> Iterator[Item]:
    """Every claim of the file staged, or the error its line gives, in file order.

    JSONL larger than one chunk is staged by worker processes where the platform can
    fork them and has more than one processor; everything else here, in order.
    """
    if fmt not in exchange.PARSERS:
        raise InputError(f"unknown import format {fmt!r}; one of {', '.join(exchange.PARSERS)}")
    if fmt == "jsonl" and workers() > 1:
        yield from _staged_in_workers(lines, now, sqlite)
        return
    for number, parsed in exchange.PARSERS[fmt](lines, now):
        yield number, parsed if isinstance(parsed, InputError) else stage(parsed, sqlite)


def workers() -> int:
    """Worker processes for staging: one per processor, up to 4; 1 means none."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(4, os.cpu_count() or 1)


def stage_chunk(chunk: list[tuple[int, str]], now: datetime, sqlite: bool) -> list[Any]:
    """What a worker does with a chunk of JSONL lines: (line, staged claim or error text)."""
    out: list[Any] = []
    for number, line in chunk:
        if not line.strip():
            continue
        try:
            out.append((number, stage(claim_from_json(line, now), sqlite)))
        except InputError as exc:
            out.append((number, exc.message))
    return out


def _items(results: list[Any]) -> Iterator[Item]:
    for number, result in results:
        yield number, InputError(result) if isinstance(result, str) else result


def _chunks(lines: Iterable[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    iterator = iter(lines)
    while chunk := list(itertools.islice(iterator, CHUNK_LINES)):
        yield chunk


def _staged_in_workers(
    lines: Iterable[tuple[int, str]], now: datetime, sqlite: bool
) -> Iterator[Item]:
    chunks = _chunks(lines)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None:  # a small file: not worth starting processes
        yield from _items(stage_chunk(first, now, sqlite))
        return
    count = workers()
    form(sqlite)  # built once here, inherited by every worker
    context = multiprocessing.get_context("fork")
    pool = context.Pool(count, initializer=_worker_setup, initargs=(os.getpid(),))
    try:
        pending: deque[Any] = deque()
        for chunk in itertools.chain((first, second), chunks):
            pending.append(pool.apply_async(stage_chunk, (chunk, now, sqlite)))
            if len(pending) >= count * AHEAD_PER_WORKER:
                yield from _items(pending.popleft().get())
        while pending:
            yield from _items(pending.popleft().get())
    finally:
        pool.terminate()
        pool.join()


def _worker_setup(parent: int) -> None:
    """Leave Ctrl-C to the parent, and exit if the parent dies (even by SIGKILL)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
