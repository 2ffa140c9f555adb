"""Claims read from a file, staged as column tuples for the importer to write.

Parsing and checking a JSONL line costs about as much as writing it. For large JSONL
files on Linux that work runs in worker processes (forked, so they start at once with
the parent's modules loaded), block by block (BLOCK_BYTES of whole lines), while the
importer writes what is ready; results come back in file order, so errors still name
their lines in order and batches land in the order of the file. A worker that dies
ends the import (OperationalError) rather than leaving it waiting. Each block comes
back as a Chunk: its staged claims, its bad lines, and the error that ended the file
early, if any. A staged claim is a tracker.rows.StagedClaim, sent between processes
as plain tuples (with marshal, for the SQLite forms, which are all strings and
numbers; see `packed`).

Values are in the form the database stores: on SQLite the text SQLAlchemy would
write (tests/test_exchange.py checks they agree), elsewhere Python dates and times.
"""

from __future__ import annotations

import contextlib
import gc
import io
import itertools
import marshal
import multiprocessing
import os
import pickle
import signal
import stat
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any, BinaryIO, NamedTuple

from tracker.errors import InputError, OperationalError
from tracker.rows import (
    CLAIM_VALUES,
    SOURCE_URL,
    ChangeValues,
    CheckValues,
    EventValues,
    OtherSourceValues,
    SourceValues,
    StagedClaim,
    as_staged,
)
from tracker.transfer import codec, typed_lines
from tracker.transfer.codec import ParsedClaim, Progress, claim_from_json
from tracker.validate import name_key


class Named(NamedTuple):
    """What a set of staged claims names, in first-seen order: speakers (name as
    written: key), sources (url: values, the claims', their other sources' and their
    deadline changes'),
    and tags."""

    speakers: dict[str, str]
    sources: dict[str, tuple[Any, ...]]
    tags: dict[str, None]
    events: dict[str, tuple[Any, ...]]  # key: EventValues


class Chunk(NamedTuple):
    """A block's claims, staged: (line, claim) pairs, (line, error) pairs, the error
    after which nothing more of the file is read (bytes that are not UTF-8, broken
    CSV), and what its claims name (worked out here, in the workers, rather than by
    the writer)."""

    rows: list[tuple[int, StagedClaim]]
    bad: list[tuple[int, str]]
    fatal: str | None
    named: Named


CSV_CHUNK = 1_000  # rows

BLOCK_BYTES = 1 << 20  # whole lines, about a thousand claims
#: Chunks handed out ahead of the writer, per worker: enough to keep them busy while
#: a batch is written, few enough to keep memory flat.
AHEAD_PER_WORKER = 3


# ------------------------------------------------------------------ storage forms

# tracker.transfer.codec checks days and times and holds them as text in SQLite's
# storage form, so for SQLite a staged claim is its values picked in column order;
# for other databases the days and times become Python's. tests/test_exchange.py
# checks the text against SQLAlchemy's bind processors for SQLite.


def _python_day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _python_moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


Values = tuple[Any, ...]


def _converter(columns: tuple[str, ...]) -> Callable[[Values], Values]:
    """A function from values in `columns` order, in SQLite's forms, to Python's."""
    converters = [
        _python_day
        if c in codec.DAY_FIELDS
        else _python_moment
        if c in codec.MOMENT_FIELDS
        else None
        for c in columns
    ]

    def python_forms(values: Values) -> Values:
        return tuple(v if f is None else f(v) for f, v in zip(converters, values, strict=True))

    return python_forms


_FIELDS = (
    CLAIM_VALUES,
    CheckValues._fields,
    ChangeValues._fields,
    SourceValues._fields,
    EventValues._fields,
    OtherSourceValues._fields,
)
_PICKERS = tuple(itemgetter(*fields) for fields in _FIELDS)
_CONVERTERS = tuple(_converter(fields) for fields in _FIELDS)


def in_python_forms(row: StagedClaim) -> StagedClaim:
    """A claim staged in SQLite's forms, with Python's dates and times instead."""
    claim, check, change, source, event, other = _CONVERTERS
    return row._replace(
        values=claim(row.values),
        source=None if row.source is None else source(row.source),
        event=None if row.event is None else event(row.event),
        checks=tuple(check(item) for item in row.checks),
        changes=tuple((change(item), None if s is None else source(s)) for item, s in row.changes),
        other_sources=tuple((source(s), other(item)) for s, item in row.other_sources),
    )


def named_in(rows: Iterable[StagedClaim]) -> Named:
    """The speakers, sources and tags these staged claims name (see Named)."""
    named = Named({}, {}, {}, {})
    speakers, sources = named.speakers, named.sources
    for row in rows:
        if row.event is not None:
            named.events.setdefault(row.event[1], row.event)
        if row.speaker not in speakers:
            speakers[row.speaker] = name_key(row.speaker)
        if row.source is not None:
            sources.setdefault(row.source[SOURCE_URL], row.source)
        for _, source in row.changes:
            if source is not None:
                sources.setdefault(source[SOURCE_URL], source)
        for source, _ in row.other_sources:
            sources.setdefault(source[SOURCE_URL], source)
        named.tags.update(dict.fromkeys(row.tags))
    return named


def stage(row: ParsedClaim, sqlite: bool) -> StagedClaim:
    """A parsed claim as the importer writes it (SQLite's storage form, or Python's)."""
    values = row.values
    values["uid"] = row.uid
    claim, check, change, source, event, other = _PICKERS
    staged = StagedClaim(
        uid=row.uid,
        speaker=row.speaker,
        values=claim(values),
        source=None if row.source is None else source(row.source),
        tags=tuple(row.tags),
        checks=tuple(check(item) for item in row.checks),
        changes=tuple(
            (change(item), None if item["source"] is None else source(item["source"]))
            for item in row.changes
        ),
        event=None if row.event is None else event(row.event),
        other_sources=tuple((source(s), other(item)) for s, item in row.other_sources),
    )
    return staged if sqlite else in_python_forms(staged)


def packed(chunk: Chunk, sqlite: bool) -> bytes:
    """A chunk as bytes to send between processes: marshal takes plain tuples only, and
    is several times faster than pickle; Python's dates and times need pickle."""
    numbers, rows = zip(*chunk.rows, strict=True) if chunk.rows else ((), ())
    plain: Any = (numbers, list(map(tuple, rows)), chunk.bad, chunk.fatal, tuple(chunk.named))
    return marshal.dumps(plain) if sqlite else pickle.dumps(plain, pickle.HIGHEST_PROTOCOL)


def unpacked(data: bytes, sqlite: bool) -> Chunk:
    """A chunk from `packed`'s bytes (mapped in C: this runs in the writing process)."""
    numbers, rows, bad, fatal, named = marshal.loads(data) if sqlite else pickle.loads(data)
    staged = list(zip(numbers, map(as_staged, rows), strict=True))
    return Chunk(staged, bad, fatal, Named._make(named))


# ------------------------------------------------------------------ in file order


def staged(
    stream: BinaryIO,
    fmt: str,
    now: datetime,
    sqlite: bool,
    progress: Progress | None = None,
) -> Generator[Chunk, None, None]:
    """Every claim of the file staged, or the error its line gives, in file order.

    JSONL is read in blocks of whole lines; a file of more than one block is staged
    by worker processes where the platform can fork them and has more than one
    processor. CSV (a record may span lines) is read line by line, here.
    """
    if fmt == "csv":
        yield from _csv_chunks(codec.read_lines(stream, progress), now, sqlite)
        return
    if fmt != "jsonl":
        raise InputError(f"unknown import format {fmt!r}; one of jsonl, csv")
    shared = _shared_file(stream)
    blocks = read_blocks(stream, progress)
    first = next(blocks, None)
    if first is None:
        return
    second = next(blocks, None)
    if second is None or workers() < 2:
        for block in itertools.chain((first,), () if second is None else (second,), blocks):
            yield stage_block(*block, now, sqlite)
        return
    if b'"deadline_start"' not in first[1]:
        # Phrases to resolve, it seems: load the deadline engine here, once, rather than
        # in each worker after the fork.
        import tracker.deadlines  # noqa: F401
    yield from _staged_in_workers(itertools.chain((first, second), blocks), now, sqlite, shared)


def _shared_file(stream: BinaryIO) -> tuple[int, int] | None:
    """(descriptor, offset) of a regular file read from `offset` on, which forked
    workers can read themselves, or None (a pipe, a terminal, not a file at all)."""
    if not (isinstance(stream, io.BufferedReader) and isinstance(stream.raw, io.FileIO)):
        return None  # a wrapper (gzip, say) reads other bytes than its descriptor holds
    try:
        fd = stream.fileno()
        return (fd, stream.tell()) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return None


def _csv_chunks(lines: Iterable[tuple[int, str]], now: datetime, sqlite: bool) -> Iterator[Chunk]:
    rows: list[tuple[int, StagedClaim]] = []
    bad: list[tuple[int, str]] = []
    try:
        for number, parsed in codec.parse_csv(lines, now):
            if isinstance(parsed, InputError):
                bad.append((number, parsed.message))
            else:
                rows.append((number, stage(parsed, sqlite)))
            if len(rows) + len(bad) >= CSV_CHUNK:
                yield _chunk(rows, bad)
                rows, bad = [], []
    except InputError as exc:  # unreadable bytes or CSV structure: nothing after is trusted
        yield _chunk(rows, bad, exc.message)
        return
    yield _chunk(rows, bad)


def _chunk(
    rows: list[tuple[int, StagedClaim]], bad: list[tuple[int, str]], fatal: str | None = None
) -> Chunk:
    return Chunk(rows, bad, fatal, named_in(row for _, row in rows))


def workers() -> int:
    """Worker processes for staging: one per processor this process may use, up to 4;
    1 means none. Linux only: forking a process that loaded system frameworks is not
    safe on macOS, and Windows cannot fork.

    On two processors, two workers and the writing process share them: that beat one
    worker (which then cannot keep up) and staging in turn, in benchmarks/bench_import.py.
    """
    if not sys.platform.startswith("linux"):
        return 1
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    return min(4, usable)


Block = tuple[int, bytes]


def read_blocks(stream: BinaryIO, progress: Progress | None = None) -> Iterator[Block]:
    """The file in blocks of whole lines, each with the number of its first line."""
    number, unended = 1, []  # the pieces of a line whose end is not read yet
    while data := stream.read(BLOCK_BYTES):
        if progress is not None:
            progress(len(data))
        end = data.rfind(b"\n") + 1
        if end == 0:  # no line ends in this piece: keep it, look only at the next one
            unended.append(data)
            continue
        block = b"".join([*unended, data[:end]]) if unended else data[:end]
        unended = [data[end:]] if end < len(data) else []
        yield number, block
        number += block.count(b"\n")
    if unended:
        yield number, b"".join(unended)


def stage_block(first: int, block: bytes, now: datetime, sqlite: bool) -> Chunk:
    """A block of JSONL lines, staged; a line that is not UTF-8 ends the block (and
    the file: nothing after it is read)."""
    rows: list[tuple[int, StagedClaim]] = []
    bad: list[tuple[int, str]] = []
    for number, raw in enumerate(block.split(b"\n"), start=first):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _chunk(rows, bad, f"line {number}: not UTF-8 text (byte {exc.start + 1})")
        if number == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip():
            continue
        try:
            row = typed_lines.staged(line, now)  # the usual line, checked in C
            if row is None:
                row = stage(claim_from_json(line, now), sqlite)
            elif not sqlite:
                row = in_python_forms(row)
            rows.append((number, row))
        except InputError as exc:
            bad.append((number, exc.message))
    return _chunk(rows, bad)


def _staged_in_workers(
    blocks: Iterable[Block], now: datetime, sqlite: bool, shared: tuple[int, int] | None
) -> Iterator[Chunk]:
    """Blocks staged by forked workers, in order. Of a regular file (`shared`: its
    descriptor and where reading began), a worker reads its block itself, by offset:
    the importing process reads the file only to find whole lines and count them, and
    does not copy every byte of it down a pipe."""
    count = workers()
    pool = ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_setup,
        initargs=(os.getpid(),),
    )
    try:
        pending: deque[Future[bytes]] = deque()
        offset = 0 if shared is None else shared[1]
        for first, block in blocks:
            task: tuple[int, bytes | int, int | None, int]
            if shared is None:
                task = (first, block, None, 0)
            else:
                task = (first, len(block), shared[0], offset)
                offset += len(block)
            pending.append(pool.submit(_stage_packed, task, now, sqlite))
            if len(pending) >= count * AHEAD_PER_WORKER:
                yield unpacked(pending.popleft().result(), sqlite)
        while pending:
            yield unpacked(pending.popleft().result(), sqlite)
    except BrokenProcessPool:
        raise OperationalError(
            "a process reading the file stopped unexpectedly (out of memory?); nothing imported"
        ) from None
    finally:
        # Blocks not started are dropped; those being read are finished (at most one
        # per worker). Not waiting raced the interpreter's exit, which then printed a
        # traceback of its own after the error line.
        pool.shutdown(wait=True, cancel_futures=True)


def _stage_packed(
    task: tuple[int, bytes | int, int | None, int], now: datetime, sqlite: bool
) -> bytes:
    """stage_block's result, packed here. The block is given, or, with a descriptor,
    its length, read here from `offset`. The pool's result thread then passes bytes on,
    and the importing process unpacks them in its own thread, between writes, rather
    than in a second thread contending with the writer for the interpreter. SQLite's
    forms are strings and numbers, which marshal packs several times faster than
    pickle; Python's dates and times need pickle."""
    first, block, fd, offset = task
    if fd is not None:
        assert isinstance(block, int)
        length = block
        try:
            block = os.pread(fd, length, offset)
        except OSError as exc:
            raise OperationalError(f"cannot read the file: {exc.strerror}") from None
        if len(block) != length:
            raise OperationalError("the file changed while it was read; nothing imported")
    assert isinstance(block, bytes)
    chunk = stage_block(first, block, now, sqlite)
    return packed(chunk, sqlite)


def _worker_setup(parent: int) -> None:
    """Leave Ctrl-C to the parent, and exit if the parent dies (even by SIGKILL).

    Staging makes no reference cycles, so the cycle collector only costs time here.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()
    with contextlib.suppress(OSError):
        os.nice(10)  # the importing process writes: give it the processor when both want it

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
