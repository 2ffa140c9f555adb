"""Claim records: the plain dicts with stable keys that every output is made of.

One function, `claim_records`, builds a claim's record from
its row (tracker.rows `ClaimRow`, or `ListingRow` for a listing, read by either path)
for every use: a listing (`CLAIM_KEYS`, the stable keys of `--format json`), a report
item, the `show` page, a JSONL or CSV export. Each use names the keys it wants;
`FIELDS` says once how each key's value is made. Free of SQLAlchemy, so the fast path
builds the same records as the full path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any, cast

from tracker.rows import Day, Moment, Row, days_overdue
from tracker.vocab import OPEN, WAITING

#: The keys of every machine-readable listing, in order (README: "the JSON keys are stable").
CLAIM_KEYS = (
    "id",
    "uid",
    "text",
    "speaker",
    "said_on",
    "deadline_phrase",
    "deadline_start",
    "deadline_end",
    "status",
    "days_overdue",
    "source_url",
    "quote",
    "tags",
    "confidence",
    "criteria",
)
#: A report's item: the listing keys, its section, its due day, and how to judge it.
REPORT_ITEM_KEYS = (*CLAIM_KEYS, "section", "due_on", "outcome_on", "verify_command")
#: `tracker show`: the listing keys, then the rule, the days and times, the history, and
#: every source (tracker.domain.sources.source_records).
DETAIL_KEYS = (
    *CLAIM_KEYS,
    "deadline_rule",
    "due_on",
    "outcome_on",
    "created_at",
    "updated_at",
    "slips",
    "history",
    "journal",
    "event",
    "sources",
)
#: A claim on a published site and in its `data/claims.json`: the listing keys, its due
#: and judged days, the event it waits for or counts from, and its history.
SITE_KEYS = (*CLAIM_KEYS, "due_on", "outcome_on", "event_name", "event_on", "history")

#: A scoreboard row: the track record (all their claims) of a speaker with an item in
#: the report; `open` counts the overdue claims too.
SCOREBOARD_KEYS = (
    "speaker",
    "claims",
    "kept",
    "kept_late",
    "partial",
    "broken",
    "withdrawn",
    "void",
    "unverifiable",
    "open",
    "overdue",
    "waiting",
)

Context = Mapping[str, Any]


def day_text(value: Day | None) -> str | None:
    """A day as ISO text: rows read by the fast path already hold the text."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def timestamp_text(moment: datetime) -> str:
    """A stored time in the one form every export uses: UTC, microseconds, `Z`."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds") + "Z"


def seconds_text(moment: Moment) -> str:
    """A stored time as `show` prints it: to the second, as the database gives it."""
    if isinstance(moment, str):
        return moment[:19].replace(" ", "T")
    return moment.isoformat(timespec="seconds")


def verify_command(claim_id: int) -> str:
    """The command that judges the claim; OUTCOME is one of OUTCOMES (never a shell pipe)."""
    return f"tracker verify {claim_id} --outcome OUTCOME"


def source_object(
    url: str | None, title: str | None, outlet: str | None, published_on: Day | None
) -> dict[str, Any] | None:
    """`{url, title, outlet, published_on}` of a source, as exports write it (a claim's,
    or a deadline change's); None without a URL."""
    if url is None:
        return None
    return {"url": url, "title": title, "outlet": outlet, "published_on": day_text(published_on)}


#: How each key's value is made: a Python expression of `row` (a ClaimRow, or a
#: ListingRow for a listing's keys) and `context` (what the caller gives).
FIELDS: dict[str, str] = {
    **{
        name: f"row.{name}"
        for name in (
            *("id", "uid", "text", "speaker", "deadline_phrase", "deadline_rule", "status"),
            *("quote", "criteria", "confidence", "source_url"),
        )
    },
    **{name: f"day_text(row.{name})" for name in ("said_on", "outcome_on")},
    # A claim waiting for an undated event has no window yet (what is stored is a
    # placeholder, tracker.domain.events).
    **{
        name: f"None if row.status == WAITING else day_text(row.{name})"
        for name in ("deadline_start", "deadline_end", "due_on")
    },
    **{
        name: f"context.get('moment', seconds_text)(row.{name})"
        for name in ("created_at", "updated_at")
    },
    "days_overdue": "days_overdue(row.status, row.due_on, context['as_of'])",
    "verify_command": "verify_command(row.id) if row.status == OPEN else None",
    "source": (
        "source_object(row.source_url, row.source_title, row.source_outlet,"
        " row.source_published_on)"
    ),
    **{key: f"context[{key!r}].get(row.id, [])" for key in ("tags", "checks")},
    "deadline_changes": "context['changes'].get(row.id, [])",
    **{key: f"context[{key!r}]" for key in ("section", "slips", "history", "journal", "sources")},
    "other_sources": "context['other_sources'].get(row.id, [])",
    "event": "context['events'].get(row.id)",
    **{
        f"event_{key}": f"(context['events'].get(row.id) or {{}}).get({key!r})"
        for key in ("name", "on", "term_months")
    },
}

Builder = Callable[[Row, Context], dict[str, Any]]


@cache
def _builder(keys: tuple[str, ...]) -> Builder:
    """One function that builds the record with `keys` from FIELDS' expressions, made
    once per set of keys (as dataclasses make their methods): a listing builds
    thousands of records, and one call per key would cost a third of `tracker due`."""
    body = ", ".join(f"{key!r}: {FIELDS[key]}" for key in keys)
    names = {
        "OPEN": OPEN,
        "WAITING": WAITING,
        "day_text": day_text,
        "days_overdue": days_overdue,
        "seconds_text": seconds_text,
        "source_object": source_object,
        "verify_command": verify_command,
    }
    exec(f"def build(row, context):\n    return {{{body}}}\n", names)
    return cast(Builder, names["build"])


def claim_records(
    rows: Iterable[Row], keys: Sequence[str] = CLAIM_KEYS, **context: Any
) -> list[dict[str, Any]]:
    """Each claim's record with `keys`, in that order.

    `context` gives what the rows do not hold, as the keys need it: `as_of` (a date,
    for days_overdue); `tags`, `checks` and `changes`, each by claim id (a claim not
    there has none); `section`, `slips` and `history` (one value for all); and
    `moment`, how times are written (default: to the second, as `show` prints them).
    """
    build = _builder(tuple(keys))
    return [build(row, context) for row in rows]
