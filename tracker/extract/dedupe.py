"""Each claim once: repeats of a speaker's phrase, and headlines the body restates."""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from tracker.extract.claims import Candidate
from tracker.extract.phrases import PREP
from tracker.extract.tense import lower_words
from tracker.extract.words import NOT_NAMES


def deduplicate(
    candidates: list[Candidate], headlines: set[int], lead: frozenset[int] | set[int] = frozenset()
) -> list[Candidate]:
    """Once per speaker + phrase + near-identical claim; a headline only when no
    body candidate says the same thing; a lead's paraphrase only when no later
    candidate by the same speaker restates it (decision D8)."""
    candidates = _resolve_anaphora(candidates)
    candidates = [c for c in candidates if not any(_dated_by(c, d) for d in candidates)]
    body = [c for c in candidates if c.sentence_index not in headlines]
    kept: list[Candidate] = []
    for c in candidates:
        if c.sentence_index in headlines and any(_restates(c, b) for b in body):
            continue
        if c.sentence_index in lead and any(_restated_later(c, b, lead) for b in body):
            continue
        if not any(_same_claim(k, c) for k in kept):
            kept.append(c)
    return kept


def _restates(headline: Candidate, body: Candidate) -> bool:
    """ "Starmer promises 1.5m new homes by end of parliament" restates the body."""
    if _core(headline.deadline_phrase) == _core(body.deadline_phrase):
        return True
    if headline.speaker != body.speaker:
        return False
    same_end = headline.end is not None and headline.end == body.end
    return same_end or len(_content_words(headline.claim) & _content_words(body.claim)) >= 2


def _restated_later(first: Candidate, later: Candidate, lead: frozenset[int] | set[int]) -> bool:
    """The lead's "X said talks would resume soon" and X's own "the talks will resume
    soon" in a later paragraph: the same speaker, phrase and event."""
    if later.sentence_index in lead or later.sentence_index <= first.sentence_index:
        return False
    if first.speaker != later.speaker:
        return False
    shared = len(_content_words(first.claim) & _content_words(later.claim))
    if _core(first.deadline_phrase) == _core(later.deadline_phrase):
        return shared >= 1
    same_year = first.end is not None and later.end is not None and first.end.year == later.end.year
    return shared >= 3 and same_year  # "delayed 3 years until 2012" / "for another three years"


_ANAPHORIC = re.compile(
    r"\b(?:do|does|achieve|complete|finish|accomplish|implement)\s+(?:this|that|so|it)\b"
    r"|^(?:this|that|it)\s+(?:will|would|is\s+(?:expected|set|due))\b",
    re.I,
)


def _resolve_anaphora(candidates: list[Candidate]) -> list[Candidate]:
    """ "Ford plans to close fourteen factories ... Ford plans to do this over six
    years": one claim, the act of the first sentence with the time of the second."""
    result = list(candidates)
    for dated in candidates:
        if dated.needs_window or not _ANAPHORIC.search(dated.claim):
            continue
        earlier = [
            c
            for c in result
            if c.needs_window
            and not c.deadline_phrase
            and c.speaker == dated.speaker
            and 0 < dated.sentence_index - c.sentence_index <= 2
        ]
        if earlier:
            result.remove(earlier[-1])
            result[result.index(dated)] = replace(dated, claim=earlier[-1].claim)
    return result


def _dated_by(event: Candidate, dated: Candidate) -> bool:
    """ "fit for the derby on Sunday": the event's day, in the same words, dates it."""
    return (
        event.needs_window
        and bool(event.deadline_phrase)
        and (not dated.needs_window or len(dated.deadline_phrase) > len(event.deadline_phrase))
        and event is not dated
        and event.speaker == dated.speaker
        and event.sentence_index == dated.sentence_index
        and event.deadline_phrase.lower() in dated.claim.lower()
    )


def _content_words(text: str) -> set[str]:
    return {w for w in lower_words(text) if len(w) > 3 and w not in NOT_NAMES} | set(
        re.findall(r"\d[\d.,]*\w*", text)
    )


def _core(phrase: str) -> str:
    """ "by next summer" and "next summer" name the same time."""
    return re.sub(rf"^(?:{PREP})\s+", "", phrase.lower())


def _same_claim(a: Candidate, b: Candidate) -> bool:
    if a.speaker != b.speaker or a.deadline_phrase.lower() != b.deadline_phrase.lower():
        return False
    x, y = a.claim.lower(), b.claim.lower()
    return x in y or y in x or SequenceMatcher(None, x, y).ratio() >= 0.75
