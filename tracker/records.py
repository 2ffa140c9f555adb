"""Claim records: the plain dicts with stable keys that every output is made of.

One function, `claim_record`, builds a claim's record from its row (tracker.rows
`ClaimRow`, read by either path) for every use: a listing (`CLAIM_KEYS`, the stable
keys of `--format json`), a report item, the `show` page, a JSONL or CSV export. Each
use names the keys it wants; `FIELDS` says once how each key's value is made. Free of
SQLAlchemy, so the fast path builds the same records as the full path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from tracker.rows import ClaimRow, Day, Moment, days_overdue
from tracker.vocab import OPEN

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
#: `tracker show`: the listing keys, then the rule, the days and times, and the history.
DETAIL_KEYS = (
    *CLAIM_KEYS,
    "deadline_rule",
    "due_on",
    "outcome_on",
    "created_at",
    "updated_at",
    "slips",
    "history",
)

Context = Mapping[str, Any]
FieldMaker = Callable[[ClaimRow, Context], Any]


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


def source_object(row: ClaimRow) -> dict[str, Any] | None:
    """`{url, title, outlet, published_on}` of the claim's source; None without one."""
    if row.source_url is None:
        return None
    return {
        "url": row.source_url,
        "title": row.source_title,
        "outlet": row.source_outlet,
        "published_on": day_text(row.source_published_on),
    }


def _column(name: str) -> FieldMaker:
    return lambda row, _: getattr(row, name)


def _day_column(name: str) -> FieldMaker:
    return lambda row, _: day_text(getattr(row, name))


def _moment_column(name: str) -> FieldMaker:
    return lambda row, context: context.get("moment", seconds_text)(getattr(row, name))


def _given(key: str) -> FieldMaker:
    return lambda _, context: context[key]


#: How each key's value is made from the row and what the caller gives (`context`).
FIELDS: dict[str, FieldMaker] = {
    **{
        name: _column(name)
        for name in (
            *("id", "uid", "text", "speaker", "deadline_phrase", "deadline_rule", "status"),
            *("quote", "criteria", "confidence", "source_url"),
        )
    },
    **{
        name: _day_column(name)
        for name in ("said_on", "deadline_start", "deadline_end", "due_on", "outcome_on")
    },
    **{name: _moment_column(name) for name in ("created_at", "updated_at")},
    "days_overdue": lambda row, context: days_overdue(row.status, row.due_on, context["as_of"]),
    "verify_command": lambda row, _: verify_command(row.id) if row.status == OPEN else None,
    "source": lambda row, _: source_object(row),
    **{key: _given(key) for key in ("tags", "section", "slips", "history", "checks")},
    "deadline_changes": _given("changes"),
}


@cache
def _makers(keys: tuple[str, ...]) -> tuple[tuple[str, FieldMaker], ...]:
    return tuple((key, FIELDS[key]) for key in keys)


def claim_record(row: ClaimRow, keys: Sequence[str] = CLAIM_KEYS, **context: Any) -> dict[str, Any]:
    """The claim's record with `keys`, in that order.

    `context` gives what the row does not hold, as the keys need it: `as_of` (a date,
    for days_overdue), `tags`, `section`, `slips`, `history`, `checks`, `changes`, and
    `moment`, how times are written (default: to the second, as `show` prints them).
    """
    return {key: make(row, context) for key, make in _makers(tuple(keys))}
