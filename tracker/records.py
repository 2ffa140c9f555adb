"""Claims as plain records, read through SQLAlchemy (tracker.listing has the keys)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from tracker import claims as claim_ops
from tracker.claims import days_overdue
from tracker.listing import row_record
from tracker.models import Check, Claim, DeadlineChange, Source, Speaker, Tag, claim_tags


def claim_record(claim: Claim, as_of: date) -> dict[str, Any]:
    """The listing record: exactly CLAIM_KEYS, dates as ISO strings."""
    return {
        "id": claim.id,
        "uid": claim.uid,
        "text": claim.text,
        "speaker": claim.speaker.name,
        "said_on": claim.said_on.isoformat(),
        "deadline_phrase": claim.deadline_phrase,
        "deadline_start": claim.deadline_start.isoformat(),
        "deadline_end": claim.deadline_end.isoformat(),
        "status": claim.status,
        "days_overdue": days_overdue(claim, as_of),
        "source_url": claim.source.url if claim.source else None,
        "quote": claim.quote,
        "tags": [tag.name for tag in claim.tags],
        "confidence": claim.confidence,
        "criteria": claim.criteria,
    }


def check_record(check: Check) -> dict[str, Any]:
    return {
        "kind": check.kind,
        "outcome": check.outcome,
        "on": check.happened_on.isoformat() if check.happened_on else None,
        "until": check.until.isoformat() if check.until else None,
        "days_late": check.days_late,
        "evidence_url": check.evidence_url,
        "note": check.note,
        "recorded_at": check.recorded_at.isoformat(timespec="seconds"),
    }


def change_record(change: DeadlineChange) -> dict[str, Any]:
    return {
        "kind": "slip",
        "on": change.said_on.isoformat(),
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
        "recorded_at": change.recorded_at.isoformat(timespec="seconds"),
    }


def timeline(claim: Claim) -> list[dict[str, Any]]:
    """Judgements, snoozes, reopenings and slips in the order they were recorded."""
    entries = [(c.recorded_at, 0, c.id, check_record(c)) for c in claim.checks]
    entries += [(d.recorded_at, 1, d.id, change_record(d)) for d in claim.deadline_changes]
    return [entry for *_, entry in sorted(entries, key=lambda e: (_naive(e[0]), e[1], e[2]))]


def _naive(moment: Any) -> Any:
    return moment.replace(tzinfo=None)


def claim_detail(claim: Claim, as_of: date) -> dict[str, Any]:
    """Everything about one claim: the listing keys plus its rule and history."""
    record = claim_record(claim, as_of)
    record["deadline_rule"] = claim.deadline_rule
    record["due_on"] = claim.due_on.isoformat()
    record["outcome_on"] = claim.outcome_on.isoformat() if claim.outcome_on else None
    record["created_at"] = claim.created_at.isoformat(timespec="seconds")
    record["updated_at"] = claim.updated_at.isoformat(timespec="seconds")
    record["slips"] = len(claim.deadline_changes)
    record["history"] = timeline(claim)
    return record


# Listings straight from SQL: `due` and `list` on large databases skip the ORM, whose
# per-object cost dominates once thousands of claims are listed.

_LISTING_COLUMNS = (
    Claim.id,
    Claim.uid,
    Claim.text,
    Speaker.name.label("speaker"),
    Claim.said_on,
    Claim.deadline_phrase,
    Claim.deadline_start,
    Claim.deadline_end,
    Claim.status,
    Claim.due_on,
    Source.url.label("source_url"),
    Claim.quote,
    Claim.confidence,
    Claim.criteria,
)


def _tags_where(
    session: Session, conditions: Sequence[ColumnElement[bool]]
) -> dict[int, list[str]]:
    """The tags of every claim matching `conditions`, by claim id, in name order."""
    matching = select(Claim.id).where(*conditions)
    query = (
        select(claim_tags.c.claim_id, Tag.name)
        .join(Tag, Tag.id == claim_tags.c.tag_id)
        .where(claim_tags.c.claim_id.in_(matching))
        .order_by(claim_tags.c.claim_id, Tag.name)
    )
    tags: dict[int, list[str]] = {}
    for claim_id, name in session.execute(query):
        tags.setdefault(claim_id, []).append(name)
    return tags


def listing_records(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    order_by: Sequence[Any],
    as_of: date,
) -> list[dict[str, Any]]:
    """Listing records (CLAIM_KEYS) of the claims matching `conditions`, in one query."""
    query = (
        select(*_LISTING_COLUMNS)
        .join(Speaker, Speaker.id == Claim.speaker_id)
        .outerjoin(Source, Source.id == Claim.source_id)
        .where(*conditions)
        .order_by(*order_by)
    )
    rows = session.execute(query).all()
    tags = _tags_where(session, conditions) if rows else {}
    return [row_record(row, tags, as_of) for row in rows]


def due_records(
    session: Session,
    as_of: date,
    within: int = 0,
    speaker: str | None = None,
    tag: str | None = None,
) -> list[dict[str, Any]]:
    """`claims.due_claims` as listing records: most overdue first, ties by id."""
    conditions = claim_ops.due_conditions(session, as_of, within, speaker, tag)
    return listing_records(session, conditions, (Claim.due_on, Claim.id), as_of)


def list_records(
    session: Session, filters: claim_ops.ClaimFilter, as_of: date
) -> list[dict[str, Any]]:
    """`claims.list_claims` as listing records, by id."""
    conditions = claim_ops.filter_conditions(session, filters)
    return listing_records(session, conditions, (Claim.id,), as_of)
