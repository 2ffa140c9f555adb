"""Row shapes, each declared once, and the rule that says which claims are due.

Free of SQLAlchemy: the fast path (standard-library sqlite3 on a file) and the full
path (SQLAlchemy, any database) both build from these declarations, so they cannot
drift apart: the fast path's SQL text (tracker.store.fast_read), the ORM `select()`
(tracker.domain.listings) and the importers' column lists (tracker.store.bulk) come
from the field lists here, and tests/test_rows.py checks every declared field against
the ORM metadata.

- `ClaimRow`: one claim as exports, reports and `show` read it, with its speaker's
  name and its source; `ListingRow`, the part of it listings read. Days are `date`s
  on the full path and ISO text on the fast path (`Day`); tracker.records builds every
  record from them.
- `CLAIM_VALUES`, `SourceValues`, `CheckValues`, `ChangeValues`, `OtherSourceValues`:
  the values an import writes to the claims, sources, checks, deadline_changes and
  claim_sources tables, in column order.
- `StagedClaim`: one claim read from a file, ready to write.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, NamedTuple, TypeVar

from tracker.vocab import OPEN

T = TypeVar("T", bound=tuple[Any, ...])

#: A day: a `date` on the full path, ISO text (`YYYY-MM-DD`) on the fast path.
Day = date | str
#: A time: a `datetime` on the full path, text on the fast path.
Moment = datetime | str


class Column(NamedTuple):
    """Where a field is read from: a table and one of its columns."""

    table: str
    name: str


class ClaimRow(NamedTuple):
    """One claim as it is listed, exported and reported."""

    id: int
    uid: str
    text: str
    speaker: str
    said_on: Day
    deadline_phrase: str
    deadline_rule: str | None
    deadline_start: Day
    deadline_end: Day
    due_on: Day
    status: str
    outcome_on: Day | None
    quote: str | None
    criteria: str | None
    confidence: float | None
    created_at: Moment
    updated_at: Moment
    source_url: str | None
    source_title: str | None
    source_outlet: str | None
    source_published_on: Day | None


#: The column each field of ClaimRow is read from: the claims table's own, except
#: the speaker's name and the source's fields (a claim may have no source).
CLAIM_ROW_COLUMNS: dict[str, Column] = {
    **{name: Column("claims", name) for name in ClaimRow._fields},
    "speaker": Column("speakers", "name"),
    "source_url": Column("sources", "url"),
    "source_title": Column("sources", "title"),
    "source_outlet": Column("sources", "outlet"),
    "source_published_on": Column("sources", "published_on"),
}


class ListingRow(NamedTuple):
    """What a listing shows of a claim (tracker.records.CLAIM_KEYS): ClaimRow's fields
    that `due` and `list` need, read from the same columns. Reading no more than these
    keeps `tracker due` on a large database fast."""

    id: int
    uid: str
    text: str
    speaker: str
    said_on: Day
    deadline_phrase: str
    deadline_start: Day
    deadline_end: Day
    status: str
    due_on: Day
    source_url: str | None
    quote: str | None
    confidence: float | None
    criteria: str | None


#: Either shape of a claim as it is read.
Row = ClaimRow | ListingRow
Shape = type[ClaimRow] | type[ListingRow]


def columns_of(shape: Shape) -> list[tuple[str, Column]]:
    """Each field of a row shape with the column it is read from, in the shape's order."""
    return [(name, CLAIM_ROW_COLUMNS[name]) for name in shape._fields]


#: The claims table's own columns an import writes, in order: ClaimRow's, but the id
#: (the loader adds the speaker's and the source's ids). Days and times are SQLite's
#: storage text on the fast path.
CLAIM_VALUES = tuple(
    name for name, column in CLAIM_ROW_COLUMNS.items() if column.table == "claims" and name != "id"
)


class SourceValues(NamedTuple):
    """A row of the sources table; `url` is its key."""

    url: str
    title: str | None
    outlet: str | None
    published_on: Day | None


class CheckValues(NamedTuple):
    """A row of the checks table (it adds the claim's id)."""

    kind: str
    outcome: str | None
    happened_on: Day | None
    until: Day | None
    days_late: int | None
    evidence_url: str | None
    note: str | None
    recorded_at: Moment


class ChangeValues(NamedTuple):
    """A row of the deadline_changes table (it adds the claim's and source's ids)."""

    said_on: Day
    old_phrase: str
    old_said_on: Day
    old_start: Day
    old_end: Day
    new_phrase: str
    new_start: Day
    new_end: Day
    quote: str | None
    note: str | None
    recorded_at: Moment
    reason: str | None  # None: a slip; "event": the event the claim counts from moved


class OtherSourceValues(NamedTuple):
    """A row of the claim_sources table, another source of a claim (it adds the claim's
    and the source's ids)."""

    said_on: Day | None
    note: str | None
    added_at: Moment
    added_by: str | None


class EventValues(NamedTuple):
    """An event a claim counts from, as an import names it (tracker.domain.events)."""

    name: str
    key: str
    on: Day | None
    term_months: int | None
    note: str | None


#: Each table an import writes, and the fields of the values it is given, in order.
IMPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "claims": CLAIM_VALUES,
    "sources": SourceValues._fields,
    "checks": CheckValues._fields,
    "deadline_changes": ChangeValues._fields,
    "claim_sources": OtherSourceValues._fields,
}


class StagedClaim(NamedTuple):
    """A claim read from a file and checked, ready to write.

    The values are plain tuples in the order of their shapes' fields (CLAIM_VALUES,
    SourceValues, CheckValues, ChangeValues, OtherSourceValues): they travel between
    processes with marshal, which takes plain tuples only. `other_sources` pairs each
    of the claim's other sources (SourceValues) with its row (OtherSourceValues).
    """

    uid: str
    speaker: str
    values: tuple[Any, ...]
    source: tuple[Any, ...] | None
    tags: tuple[str, ...]
    checks: tuple[tuple[Any, ...], ...]
    changes: tuple[tuple[tuple[Any, ...], tuple[Any, ...] | None], ...]
    event: tuple[Any, ...] | None  # EventValues
    other_sources: tuple[tuple[tuple[Any, ...], tuple[Any, ...]], ...]


def made(shape: type[T]) -> Callable[[Iterable[Any]], T]:
    """A function making a row of `shape` from a plain tuple of its fields, in C: rows
    are made by the thousand, and a NamedTuple's own `_make` and `__new__` run Python
    code for each."""
    return partial(tuple.__new__, shape)


as_staged = made(StagedClaim)

#: The place of `url` in SourceValues, for code that holds plain tuples.
SOURCE_URL = SourceValues._fields.index("url")


# ------------------------------------------------------------------ the due rule


class Comparison(NamedTuple):
    """`<claims column> <operator> <value>`: one condition both paths can build."""

    column: str
    operator: str
    value: Any


OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "=": operator.eq,
    "<=": operator.le,
}


def due_through(as_of: date, within: int = 0) -> date:
    """The last `due_on` a listing of due claims takes: the day before `as_of`, or
    with `within`, the day `within` days after it."""
    return as_of + timedelta(days=within) if within else as_of - timedelta(days=1)


def due_rule(as_of: date, within: int = 0) -> tuple[Comparison, ...]:
    """What `due` selects: open claims whose window (or snooze) ended before `as_of`,
    or ends within `within` days. The partial index on (status, due_on) serves it."""
    return (
        Comparison("status", "=", OPEN),
        Comparison("due_on", "<=", due_through(as_of, within)),
    )


def as_day(value: Day) -> date:
    return value if value.__class__ is date else date.fromisoformat(value)  # type: ignore[arg-type]


def is_due(status: str, due_on: Day, as_of: date) -> bool:
    """Open, and its window (or snooze) ended before `as_of`."""
    return status == OPEN and as_day(due_on) < as_of


def days_overdue(status: str, due_on: Day, as_of: date) -> int | None:
    """Days since the window (or snooze) ended: 0 on its last day, negative before;
    None for a judged claim."""
    if status != OPEN:
        return None
    return (as_of - as_day(due_on)).days
