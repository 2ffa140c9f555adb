"""Speakers' track records: outcomes, lateness and moved goalposts, per speaker."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.domain.claims import tag_condition
from tracker.rows import is_due
from tracker.store.models import Check, Claim, DeadlineChange, Speaker
from tracker.vocab import OPEN, WAITING

#: Outcomes that say whether the speaker delivered; void and unverifiable say nothing.
DECIDED = ("kept", "kept_late", "partial", "broken", "withdrawn")

SPEAKER_KEYS = (
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
    "waiting",
    "overdue",
    "on_time_rate",
    "median_days_late",
    "slips",
    "slips_per_claim",
)


@dataclass(frozen=True)
class Period:
    tag: str | None = None
    said_after: date | None = None
    said_before: date | None = None


ALL_TIME = Period()


@dataclass(frozen=True)
class ClaimFacts:
    """What the track record needs of one claim."""

    speaker: str
    status: str
    due_on: date
    days_late: int | None
    slips: int


def _claim_facts(
    session: Session, period: Period, speaker_id: int | None = None
) -> list[ClaimFacts]:
    slips = (
        select(DeadlineChange.claim_id, func.count().label("n"))
        .where(DeadlineChange.reason.is_(None))  # a moved event is not the speaker's slip
        .group_by(DeadlineChange.claim_id)
        .subquery()
    )
    late = (
        select(Check.claim_id, func.max(Check.id).label("check_id"))
        .where(Check.kind == "verify")
        .group_by(Check.claim_id)
        .subquery()
    )
    query = (
        select(
            Speaker.name, Claim.status, Claim.due_on, Check.days_late, func.coalesce(slips.c.n, 0)
        )
        .join(Speaker, Speaker.id == Claim.speaker_id)
        .outerjoin(slips, slips.c.claim_id == Claim.id)
        .outerjoin(late, late.c.claim_id == Claim.id)
        .outerjoin(Check, Check.id == late.c.check_id)
    )
    query = restrict_claims(query, period, speaker_id)
    return [ClaimFacts(*row) for row in session.execute(query)]


def restrict_claims(query: Any, period: Period, speaker_id: int | None) -> Any:
    if speaker_id is not None:
        query = query.where(Claim.speaker_id == speaker_id)
    if period.tag:
        query = query.where(tag_condition(period.tag))
    if period.said_after:
        query = query.where(Claim.said_on > period.said_after)
    if period.said_before:
        query = query.where(Claim.said_on < period.said_before)
    return query


def summarise(speaker: str, facts: Sequence[ClaimFacts], as_of: date) -> dict[str, Any]:
    """One speaker's row: counts by outcome, open and overdue, rates and slips."""
    counts = {
        status: sum(1 for f in facts if f.status == status)
        for status in (*DECIDED, "void", "unverifiable", OPEN, WAITING)
    }
    decided = sum(counts[s] for s in DECIDED)
    late_days = [f.days_late for f in facts if f.status == "kept_late" and f.days_late is not None]
    slips = sum(f.slips for f in facts)
    return {
        "speaker": speaker,
        "claims": len(facts),
        **counts,
        "overdue": sum(1 for f in facts if is_due(f.status, f.due_on, as_of)),
        "on_time_rate": round(counts["kept"] / decided, 4) if decided else None,
        "median_days_late": statistics.median(late_days) if late_days else None,
        "slips": slips,
        "slips_per_claim": round(slips / len(facts), 4) if facts else None,
    }


def _by_speaker(facts: Iterable[ClaimFacts]) -> dict[str, list[ClaimFacts]]:
    grouped: dict[str, list[ClaimFacts]] = {}
    for fact in facts:
        grouped.setdefault(fact.speaker, []).append(fact)
    return grouped


def speaker_rows(session: Session, as_of: date, period: Period = ALL_TIME) -> list[dict[str, Any]]:
    """One row per speaker with claims in the period, most claims first."""
    grouped = _by_speaker(_claim_facts(session, period))
    rows = [summarise(name, facts, as_of) for name, facts in grouped.items()]
    return sorted(rows, key=lambda row: (-row["claims"], row["speaker"].casefold()))


def speaker_record(
    session: Session, speaker: Speaker, as_of: date, period: Period = ALL_TIME
) -> dict[str, Any]:
    return summarise(speaker.name, _claim_facts(session, period, speaker.id), as_of)


def speaker_listing(
    session: Session, name: str, as_of: date, period: Period = ALL_TIME
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A speaker's track record and the records of their claims in the period."""
    from tracker.domain.claims import ClaimFilter
    from tracker.domain.listings import list_records
    from tracker.domain.speakers import speaker_called

    found = speaker_called(session, name)
    record = speaker_record(session, found, as_of, period)
    filters = ClaimFilter(found.name, period.tag, None, None, period.said_after, period.said_before)
    return record, list_records(session, filters, as_of)
