"""What a published site shows: the claims with their timelines, and each speaker's
track record, as plain records (tracker.output.site renders them).

Read in a few bulk queries whatever the number of claims: the claims' rows, their tags,
their checks and their deadline changes, so that 10,000 claims are read in about a
second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import Session, selectinload

from tracker.domain.claims import speaker_condition, tag_condition
from tracker.domain.listings import change_record, check_record, listing_records
from tracker.domain.trackrecord import ClaimFacts, summarise
from tracker.records import SITE_KEYS
from tracker.store.models import Check, Claim, DeadlineChange, Event


@dataclass(frozen=True)
class SiteScope:
    """Which claims a site shows: those of any of `speakers` (all if none) with any of
    `tags` (all if none)."""

    speakers: Sequence[str] = ()
    tags: Sequence[str] = ()


@dataclass
class SiteData:
    as_of: date
    claims: list[dict[str, Any]]
    speakers: list[dict[str, Any]] = field(default_factory=list)


def _conditions(session: Session, scope: SiteScope) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if scope.speakers:
        conditions.append(or_(false(), *(speaker_condition(session, s) for s in scope.speakers)))
    if scope.tags:
        conditions.append(or_(false(), *(tag_condition(t) for t in scope.tags)))
    return conditions


def _histories(session: Session, claim_ids: set[int]) -> dict[int, list[dict[str, Any]]]:
    """Each claim's judgements, snoozes, reopenings and slips, in the order recorded."""
    entries: dict[int, list[tuple[Any, int, int, dict[str, Any]]]] = {i: [] for i in claim_ids}
    for check in session.scalars(select(Check)):
        if check.claim_id in entries:
            entries[check.claim_id].append(
                (_naive(check.recorded_at), 0, check.id, check_record(check))
            )
    changes = select(DeadlineChange).options(selectinload(DeadlineChange.source))
    for change in session.scalars(changes):
        if change.claim_id in entries:
            entries[change.claim_id].append(
                (_naive(change.recorded_at), 1, change.id, change_record(change))
            )
    return {i: [e[3] for e in sorted(found, key=lambda e: e[:3])] for i, found in entries.items()}


def _naive(moment: Any) -> Any:
    return moment.replace(tzinfo=None)


def _facts(claim: dict[str, Any]) -> ClaimFacts:
    verdicts = [e for e in claim["history"] if e["kind"] == "verify"]
    slips = sum(1 for e in claim["history"] if e["kind"] == "slip")
    late = verdicts[-1]["days_late"] if verdicts else None
    # a claim waiting for an event to be dated has no due day yet: never due
    due_on = date.fromisoformat(claim["due_on"]) if claim["due_on"] else date.max
    return ClaimFacts(claim["speaker"], claim["status"], due_on, late, slips)


def speaker_records(claims: Sequence[dict[str, Any]], as_of: date) -> list[dict[str, Any]]:
    """One track record per speaker of these claims, most claims first."""
    grouped: dict[str, list[ClaimFacts]] = {}
    for claim in claims:
        grouped.setdefault(claim["speaker"], []).append(_facts(claim))
    rows = [summarise(name, facts, as_of) for name, facts in grouped.items()]
    return sorted(rows, key=lambda row: (-row["claims"], row["speaker"].casefold()))


def site_data(session: Session, as_of: date, scope: SiteScope = SiteScope()) -> SiteData:
    """Every claim in scope with its history, and the speakers' track records."""
    conditions = _conditions(session, scope)
    events = {
        claim_id: {"name": name, "on": on.isoformat() if on else None}
        for claim_id, name, on in session.execute(
            select(Claim.id, Event.name, Event.on).join(Event, Event.id == Claim.event_id)
        )
    }
    keys = SITE_KEYS[:-1]  # all but the history, read below in bulk
    claims = listing_records(session, conditions, (Claim.id,), as_of, keys, events=events)
    histories = _histories(session, {claim["id"] for claim in claims})
    for claim in claims:
        claim["history"] = histories[claim["id"]]
    return SiteData(as_of, claims, speaker_records(claims, as_of))
