"""A claim's sources: its first (`claims.source_id`) and the others where the same words
were read (`claim_sources`, migration 0009); adding one, journaled; and finding the
stored claim an extracted candidate restates.

Adding a source is journaled (action `source`: the claim's source URLs before and after,
who, when, the note). It is allowed on a judged claim without --force: another outlet
reporting the same words changes nothing of what was said or how it turned out.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.config import mask_url
from tracker.domain.claims import find_speaker, get_claim, source_for
from tracker.errors import InputError
from tracker.store.models import Claim, ClaimSource, Source
from tracker.validate import clean_name, clean_text, clean_url
from tracker.vocab import OPEN, WAITING

if TYPE_CHECKING:
    from tracker.domain.journal import Stamp
    from tracker.extract import Candidate


@dataclass(frozen=True)
class NewSource:
    """Another source of a claim, as given on the command line."""

    url: str
    title: str | None = None
    outlet: str | None = None
    published_on: date | None = None
    said_on: date | None = None  # the day this source says the words were said
    note: str | None = None


def web_url(value: str) -> str:
    """An absolute http(s) URL with a host, else InputError (exit 2)."""
    url = clean_url(value, "source URL") or ""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"a source must be an http(s) URL with a host, not {mask_url(url)!r}")
    return url


def source_urls(claim: Claim) -> list[str]:
    """The claim's source URLs: its first, then the others in the order they came."""
    first = [claim.source.url] if claim.source is not None else []
    return first + [other.source.url for other in claim.other_sources]


def _fill(source: Source, new: NewSource) -> None:
    """Give a stored source what it lacks (title, outlet, day); what it has stays."""
    title = clean_text(new.title, "title", required=False)
    outlet = clean_name(new.outlet, "outlet", limit=200) if new.outlet else None
    source.title = source.title or title
    source.outlet = source.outlet or outlet
    source.published_on = source.published_on or new.published_on


def attach(session: Session, claim: Claim, new: NewSource, author: str | None) -> bool:
    """Add `new` to the claim's other sources; False (nothing written) if it is one of
    its sources already."""
    url = web_url(new.url)
    if url in source_urls(claim):
        return False
    source = source_for(session, url)
    assert source is not None
    _fill(source, new)
    claim.other_sources.append(
        ClaimSource(
            source=source,
            said_on=new.said_on,
            note=clean_text(new.note, "note", required=False),
            added_by=author,
        )
    )
    session.flush()
    return True


def add_source(session: Session, stamp: Stamp, claim_id: int, new: NewSource) -> bool:
    """Add another source to a claim, journaled; False if it has that source already."""
    from tracker.domain.journal import record, snapshot

    claim = get_claim(session, claim_id)
    before, urls = snapshot(session, claim), source_urls(claim)
    if not attach(session, claim, new, stamp.author):
        return False
    changes = [["sources", ", ".join(urls) or None, ", ".join(source_urls(claim))]]
    record(session, stamp, "source", changes, snapshot(session, claim)["claim"], before)
    return True


# ------------------------------------------------------------------ the same claim elsewhere

#: Words that say little of what a claim predicts: left out when texts are compared.
_STOP = """a about after again against all also an and any are as at be been before being
    both but by can could did do does for from had has have he her his i if in into is
    it its just may might more most must no not now of on one or our out over said says
    she should so some than that the their them then there these they this those to too
    under until up very was we were what when where which while who will with within
    would you your"""
STOP_WORDS = frozenset(_STOP.split())
#: How much of two claims' content words they must share to be one claim (Jaccard).
SAME_CLAIM = 0.5
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def content_words(text: str) -> set[str]:
    """The claim's words that are not STOP_WORDS, case folded, with a final -s dropped
    from words of more than three letters (so "sides" and "side" are one word)."""
    words = {w.casefold().replace("’", "'") for w in _WORD.findall(text)}
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words - STOP_WORDS}


def same_words(a: str, b: str) -> bool:
    """Whether two claim texts share at least SAME_CLAIM of their content words."""
    left, right = content_words(a), content_words(b)
    if not left or not right:
        return False
    return len(left & right) / len(left | right) >= SAME_CLAIM


def _windows_meet(claim: Claim, candidate: Candidate) -> bool:
    """Overlapping windows; a candidate with no window (needs_window) meets a claim
    waiting for its event, whose window is not known either."""
    if candidate.needs_window or candidate.start is None or candidate.end is None:
        return claim.status == WAITING
    if claim.status == WAITING:
        return False
    return claim.deadline_start <= candidate.end and candidate.start <= claim.deadline_end


def matching_claim(session: Session, candidate: Candidate) -> int | None:
    """The stored claim a candidate restates: the same speaker (by name or alias), the
    same predicted event (same_words), and windows that meet; open claims first, then
    the oldest."""
    speaker = find_speaker(session, candidate.speaker)
    if speaker is None:
        return None
    query = select(Claim).where(Claim.speaker_id == speaker.id).order_by(Claim.id)
    found = [
        claim
        for claim in session.scalars(query)
        if same_words(claim.text, candidate.claim) and _windows_meet(claim, candidate)
    ]
    found.sort(key=lambda claim: claim.status != OPEN)
    return found[0].id if found else None


@dataclass(frozen=True)
class Match:
    """A stored claim a candidate restates, and whether the article is one of its
    sources already."""

    claim_id: int
    has_source: bool


def match_for(session: Session, candidate: Candidate, source_url: str | None) -> Match | None:
    """The stored claim the candidate restates (matching_claim), if any."""
    claim_id = matching_claim(session, candidate)
    if claim_id is None:
        return None
    urls = source_urls(get_claim(session, claim_id))
    return Match(claim_id, source_url is not None and source_url.strip() in urls)


def matches_for(
    session: Session, candidates: Sequence[Candidate], source_url: str | None
) -> list[Match | None]:
    """`match_for` of each candidate, in order."""
    return [match_for(session, candidate, source_url) for candidate in candidates]
