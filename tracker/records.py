"""Claims as plain records: the stable keys every machine-readable listing uses."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.claims import days_overdue
from tracker.models import Check, Claim, DeadlineChange

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
