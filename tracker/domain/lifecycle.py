"""A claim's life after it is saved: snoozes, reopenings and moved goalposts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from tracker.domain.claims import get_claim, source_for
from tracker.errors import InputError
from tracker.store.models import Check, Claim
from tracker.validate import clean_text
from tracker.vocab import OPEN, WAITING


def snooze_claim(
    session: Session, claim_id: int, until: date, today: date, note: str | None = None
) -> Claim:
    """Not judgeable yet: the claim leaves `due` until `until` has passed."""
    claim = get_claim(session, claim_id)
    if claim.status != OPEN:
        raise InputError(f"claim #{claim.id} is {claim.status}; reopen it before snoozing")
    if until <= today:
        raise InputError(f"snooze date {until.isoformat()} is not after today ({today})")
    if until <= claim.deadline_end:
        raise InputError(
            f"claim #{claim.id} is not due before {claim.deadline_end.isoformat()}; "
            "snooze it to a later day"
        )
    claim.checks.append(
        Check(
            kind="snooze",
            happened_on=today,
            until=until,
            note=clean_text(note, "note", required=False),
        )
    )
    claim.due_on = until
    session.flush()
    return claim


def reopen_claim(
    session: Session,
    claim_id: int,
    today: date,
    note: str | None = None,
    evidence: str | None = None,
) -> Claim:
    """Overturn a judgement: the claim is open again and its history keeps the old one."""
    from tracker.validate import clean_url

    claim = get_claim(session, claim_id)
    if claim.status in (OPEN, WAITING):
        raise InputError(f"claim #{claim.id} is already {claim.status}")
    claim.checks.append(
        Check(
            kind="reopen",
            outcome=claim.status,
            happened_on=today,
            evidence_url=clean_url(evidence, "evidence URL"),
            note=clean_text(note, "note", required=False),
        )
    )
    undated = claim.event is not None and claim.event.on is None
    claim.status = WAITING if undated else OPEN  # no window until the event is dated
    claim.outcome_on = None
    session.flush()
    return claim


@dataclass(frozen=True)
class Slip:
    phrase: str
    said_on: date
    quote: str | None = None
    source_url: str | None = None
    note: str | None = None
    event: str | None = None
    no_event: bool = False  # the new deadline is a date: the claim leaves its event


def slip_claim(session: Session, claim_id: int, slip: Slip) -> Claim:
    """The speaker restated the claim with a new deadline (perhaps counted from an
    event); the old window is kept."""
    from tracker.domain.claims import window_for
    from tracker.domain.events import event_called, moved, place

    claim = get_claim(session, claim_id)
    if claim.status not in (OPEN, WAITING):
        raise InputError(
            f"claim #{claim.id} is {claim.status}; reopen it before moving its deadline"
        )
    if slip.said_on < claim.said_on:
        raise InputError(
            f"the restatement ({slip.said_on}) is before the claim was first said ({claim.said_on})"
        )
    if slip.no_event and slip.event is not None:
        raise InputError("give --event or --no-event, not both")
    event = event_called(session, slip.event) if slip.event is not None else claim.event
    event = None if slip.no_event else event
    window = window_for(session, slip.phrase, slip.said_on, event.name if event else None)
    change = moved(
        claim,
        slip.said_on,
        (window.phrase, window.start, window.end),
        quote=clean_text(slip.quote, "quote", required=False),
        note=clean_text(slip.note, "note", required=False),
        source=source_for(session, slip.source_url),
    )
    claim.deadline_changes.append(change)
    claim.event = event
    claim.deadline_phrase = window.phrase
    place(claim, window.start, window.end, window.rule, window.waiting)
    session.flush()
    return claim
