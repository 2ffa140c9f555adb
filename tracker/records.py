"""Claims as plain records: the stable keys every machine-readable listing uses."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.claims import days_overdue
from tracker.models import Check, Claim

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


def claim_detail(claim: Claim, as_of: date) -> dict[str, Any]:
    """Everything about one claim: the listing keys plus its rule and history."""
    record = claim_record(claim, as_of)
    record["deadline_rule"] = claim.deadline_rule
    record["due_on"] = claim.due_on.isoformat()
    record["outcome_on"] = claim.outcome_on.isoformat() if claim.outcome_on else None
    record["created_at"] = claim.created_at.isoformat(timespec="seconds")
    record["updated_at"] = claim.updated_at.isoformat(timespec="seconds")
    record["history"] = [check_record(check) for check in claim.checks]
    return record
