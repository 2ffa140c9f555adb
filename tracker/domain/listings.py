"""Claims as records, read through SQLAlchemy (the full path).

Every record is built by tracker.records.claim_records from tracker.rows' row shapes;
the rows come from tracker.store.full_read, the history from the ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from tracker.domain import claims as claim_ops
from tracker.errors import NotFoundError
from tracker.records import (
    CLAIM_KEYS,
    DETAIL_KEYS,
    claim_records,
    day_text,
    seconds_text,
    timestamp_text,
)
from tracker.rows import ClaimRow, ListingRow
from tracker.store.full_read import claim_rows, tags_where
from tracker.store.models import Check, Claim, DeadlineChange, Source

Conditions = Sequence[ColumnElement[bool]]


def check_record(check: Check) -> dict[str, Any]:
    return {
        "kind": check.kind,
        "outcome": check.outcome,
        "on": check.happened_on.isoformat() if check.happened_on else None,
        "until": check.until.isoformat() if check.until else None,
        "days_late": check.days_late,
        "evidence_url": check.evidence_url,
        "note": check.note,
        "recorded_at": seconds_text(check.recorded_at),
    }


def change_record(change: DeadlineChange) -> dict[str, Any]:
    return {
        "kind": "slip" if change.reason is None else change.reason,
        # a slip happened when the words were said again; an event's move when recorded
        "on": (change.said_on if change.reason is None else change.recorded_at.date()).isoformat(),
        "old_phrase": change.old_phrase,
        "old_said_on": change.old_said_on.isoformat(),
        "old_start": change.old_start.isoformat(),
        "old_end": change.old_end.isoformat(),
        "new_phrase": change.new_phrase,
        "new_start": change.new_start.isoformat(),
        "new_end": change.new_end.isoformat(),
        "quote": change.quote,
        "source_url": change.source.url if change.source else None,
        "note": change.note,
        "recorded_at": seconds_text(change.recorded_at),
    }


def source_records(claim: Claim) -> list[dict[str, Any]]:
    """Every source of a claim for `show`: its first (`first: true`), then the others."""
    records = []
    if claim.source is not None:
        records.append(_source_record(claim.source, True, None, None, claim.created_at, None))
    for other in claim.other_sources:
        records.append(
            _source_record(
                other.source, False, other.said_on, other.note, other.added_at, other.added_by
            )
        )
    return records


def _source_record(
    source: Source,
    first: bool,
    said_on: date | None,
    note: str | None,
    added_at: Any,
    added_by: str | None,
) -> dict[str, Any]:
    return {
        "url": source.url,
        "title": source.title,
        "outlet": source.outlet,
        "published_on": day_text(source.published_on),
        "said_on": day_text(said_on),
        "first": first,
        "added_at": timestamp_text(added_at),
        "added_by": added_by,
        "note": note,
    }


def timeline(claim: Claim) -> list[dict[str, Any]]:
    """Judgements, snoozes, reopenings and slips in the order they were recorded."""
    entries = [(c.recorded_at, 0, c.id, check_record(c)) for c in claim.checks]
    entries += [(d.recorded_at, 1, d.id, change_record(d)) for d in claim.deadline_changes]
    return [entry for *_, entry in sorted(entries, key=lambda e: (_naive(e[0]), e[1], e[2]))]


def _naive(moment: Any) -> Any:
    return moment.replace(tzinfo=None)


def listing_records(
    session: Session,
    conditions: Conditions,
    order_by: Sequence[Any],
    as_of: date,
    keys: Sequence[str] = CLAIM_KEYS,
    **context: Any,
) -> list[dict[str, Any]]:
    """Records (`keys`) of the claims matching `conditions`, in two queries; a listing's
    keys need only a ListingRow, any other record a ClaimRow."""
    shape = ListingRow if tuple(keys) == CLAIM_KEYS else ClaimRow
    rows = claim_rows(session, conditions, order_by, shape)
    tags = tags_where(session, conditions) if rows else {}
    return claim_records(rows, keys, as_of=as_of, tags=tags, **context)


def record_of(session: Session, claim_id: int, as_of: date) -> dict[str, Any]:
    """One claim's listing record (after `add` or `edit`, say)."""
    found = listing_records(session, [Claim.id == claim_id], (Claim.id,), as_of)
    if not found:
        raise NotFoundError(f"no claim with id {claim_id}")
    return found[0]


def claim_detail(session: Session, claim_id: int, as_of: date) -> dict[str, Any]:
    """Everything about one claim: the listing keys plus its rule, days, history and
    every source (`sources`: its first, then the others)."""
    claim = claim_ops.get_claim(session, claim_id)
    from tracker.domain.events import event_record
    from tracker.domain.journal import claim_entries

    history = {
        "events": {claim.id: event_record(claim.event)} if claim.event is not None else {},
        "slips": len([c for c in claim.deadline_changes if c.reason is None]),
        "history": timeline(claim),
        "journal": claim_entries(session, claim.uid),
        "sources": source_records(claim),
    }
    found = listing_records(session, [Claim.id == claim_id], (), as_of, DETAIL_KEYS, **history)
    return found[0]


def due_records(
    session: Session,
    as_of: date,
    within: int = 0,
    speaker: str | None = None,
    tag: str | None = None,
) -> list[dict[str, Any]]:
    """The claims `due` lists, as listing records: most overdue first, ties by id."""
    conditions = claim_ops.due_conditions(session, as_of, within, speaker, tag)
    return listing_records(session, conditions, (Claim.due_on, Claim.id), as_of)


def list_records(
    session: Session, filters: claim_ops.ClaimFilter, as_of: date
) -> list[dict[str, Any]]:
    """The claims `list` shows, as listing records, by id."""
    conditions = claim_ops.filter_conditions(session, filters)
    return listing_records(session, conditions, (Claim.id,), as_of)
