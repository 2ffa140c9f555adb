"""Turning extracted candidates into stored claims, without storing any twice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain.claims import NewClaim, add_claim, find_speaker
from tracker.errors import InputError
from tracker.extract import Candidate
from tracker.phrases import resolve_window
from tracker.store.models import Claim, Source


@dataclass(frozen=True)
class Reviewed:
    """A candidate with what the database already knows of it."""

    candidate: Candidate
    duplicate_of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.candidate.to_dict(), "duplicate_of": self.duplicate_of}


def _words(text: str) -> set[str]:
    return {word.strip(".,;:!?\"'()[]").casefold() for word in text.split()} - {""}


def similar(a: str, b: str) -> bool:
    """The same claim in other words: most of their words shared."""
    left, right = _words(a), _words(b)
    if not left or not right:
        return False
    return len(left & right) / len(left | right) >= 0.6


def _same(claim: Claim, candidate: Candidate) -> bool:
    same_deadline = (
        claim.deadline_phrase.casefold() == candidate.deadline_phrase.casefold()
        and claim.said_on == candidate.said_on
    )
    return similar(claim.text, candidate.claim) or (
        same_deadline and len(_words(claim.text) & _words(candidate.claim)) >= 2
    )


def duplicate_of(session: Session, candidate: Candidate, source_url: str | None) -> int | None:
    """The id of a claim already stored from the same source and speaker saying the same."""
    speaker = find_speaker(session, candidate.speaker)
    if speaker is None or not source_url:
        return None
    query = (
        select(Claim)
        .join(Source, Source.id == Claim.source_id)
        .where(Source.url == source_url.strip(), Claim.speaker_id == speaker.id)
    )
    for claim in session.scalars(query):
        if _same(claim, candidate):
            return claim.id
    return None


def review(
    session: Session, candidates: Sequence[Candidate], source_url: str | None
) -> list[Reviewed]:
    return [Reviewed(c, duplicate_of(session, c, source_url)) for c in candidates]


def rewindow(candidate: Candidate, **changes: Any) -> Candidate:
    """The candidate with fields changed by the user; a new phrase or day re-resolves."""
    edited = replace(candidate, **changes)
    if "deadline_phrase" not in changes and "said_on" not in changes:
        return edited
    window = resolve_window(edited.deadline_phrase, edited.said_on)
    return replace(
        edited,
        start=window.start,
        end=window.end,
        rule=window.rule,
        needs_window=False,
        deadline_phrase=window.phrase,
    )


def store(session: Session, candidate: Candidate, source_url: str | None) -> Claim:
    """Add one accepted candidate as a claim; refuse one that is already stored."""
    if candidate.needs_window:
        raise InputError(f"{candidate.deadline_phrase!r} needs a deadline a calendar can date")
    existing = duplicate_of(session, candidate, source_url)
    if existing is not None:
        raise InputError(f"already stored as #{existing}")
    return add_claim(
        session,
        NewClaim(
            text=candidate.claim,
            speaker=candidate.speaker,
            phrase=candidate.deadline_phrase,
            said_on=candidate.said_on,
            source_url=source_url,
            quote=candidate.quote,
        ),
    )
