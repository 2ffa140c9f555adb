"""A found phrase made a candidate: the claim in the speaker's words, its window, a score."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from tracker.extract.dating import Dates, When
from tracker.extract.owners import Found
from tracker.extract.phrases import (
    EVENT,
    EVENT_WORD,
    MONTHS,
    NUM,
    UNIT,
    calendar_future,
    past_phrase,
)
from tracker.extract.sentences import Document
from tracker.extract.tense import clause_span, is_conditional


@dataclass(frozen=True)
class Candidate:
    """One proposed claim; `start`/`end` are None when `needs_window` is set."""

    speaker: str
    claim: str
    quote: str
    deadline_phrase: str
    said_on: date
    start: date | None
    end: date | None
    rule: str | None
    needs_window: bool
    confidence: float
    sentence_index: int
    conditional: bool = False  # a condition governs it ("if the tests go well")
    reported_earlier: bool = False  # said before the publication day
    said_on_min: date | None = None  # set when the article gives only a period:
    said_on_max: date | None = None  # said_on is then its last day (said_on_max)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("said_on", "start", "end", "said_on_min", "said_on_max"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


_LEADING_FILLER = re.compile(
    r"^(?:[\s,;:'-]+|(?:inc|corp|ltd|plc|llc)\b\.?|"
    r"(?:that|and|but|so|also|then|to|adding|saying|said|says|added|hopefully|"
    r"maybe|perhaps|"
    r"(?:i|we)\s+(?:think|believe|expect|hope|am sure|'m sure)|i'm\s+sure|"
    r"(?:he|she|it|they|we|i)\s+(?:believed|believes|thinks|thought|expected|expects|hoped|hopes|"
    r"wanted|wants)"
    r")\b(?:\s+that\b)?)",
    re.I,
)
_TRAILING_FILLER = re.compile(
    r"(?:[\s,;:.!?'-]+|,\s*(?:i'm|i am|we're|we are)\s+sure\b.*|,\s*mark my words\b.*"
    r"|\bhopefully|\b(?:and|or|but)|\bwhether)$",
    re.I,
)


def _claim(doc: Document, found: Found) -> tuple[str, str, bool]:
    """The predicted event in the speaker's words, the fragment quoted, and whether
    a condition governs it."""
    text = doc.main
    lo, hi = clause_span(text, found.span[0], found.span[1], found.region[0], found.region[1])
    before = text[lo : found.span[0]]
    claim = (
        " ".join(before.split()) if len(before.split()) >= 3 else before + text[found.span[1] : hi]
    )
    claim = _trim(re.sub(r"^\s*\([^()]*\)\s*$", "", claim))
    claim = claim or _trim(_AGENDA_REST.sub("", text[found.span[1] : found.sentence.end]))
    if found.quoted and len(claim.split()) < 3:
        claim = _trim(f"{_first_part(doc, found)} {claim}")
    words = claim.split()
    claim = " ".join(words[:30]) + (" ..." if len(words) > 30 else "")
    lo_q, hi_q = found.region if found.quoted else (lo, hi)
    quote = " ".join(doc.original[lo_q:hi_q].split()).strip(" ,;:")
    region_start = max(found.region[0], found.sentence.start)
    conditional = is_conditional(text, region_start, found.span, hi)
    return claim, re.sub(r"(?<=[\"\u201d\u2019'])\.$", "", quote), conditional


def _first_part(doc: Document, found: Found) -> str:
    """'"We will sign a striker," she said, "before the end of the month."': the part of
    the quotation before its attribution, in the same sentence."""
    parts = [
        doc.main[a + 1 : b - 1]
        for a, b in doc.quotes
        if found.sentence.start <= a and b <= found.region[0]
    ]
    return parts[-1].strip(" ,") if parts else ""


_AGENDA_REST = re.compile(r"^\s*(?:\([^()]*\)\s*)?:\s*")  # "Wednesday 5 December: The ..."


_REPORTED_THAT = re.compile(  # "..., we are able to announce that we shall open ...": the rest
    r"^.{0,200}?\b(?:announc\w*|confirm\w*|sa(?:y|ys|id)|believes?|expects?|hopes?|thinks?"
    r"|promised?|pledged?|assured?|insisted?|stressed?)\s+that\s+(?=\S)",
    re.I,
)


def _trim(claim: str) -> str:
    claim = re.sub(r",?\s+(?:Inc|Corp|Ltd|plc|LLC)\b\.?(?=[\s,]|$)", "", " ".join(claim.split()))
    claim = _REPORTED_THAT.sub("", claim, count=1)
    for pattern in (_LEADING_FILLER, _TRAILING_FILLER):
        while (trimmed := pattern.sub("", claim, count=1)) != claim:
            claim = trimmed.strip()
    return claim


def _window(phrase: str, said_on: date) -> tuple[date | None, date | None, str | None]:
    """The window from tracker.deadlines; (None, None, None) when it cannot tell.

    Phrases counted from an event ("before the next election", "on day one",
    "within six months of launch") have no calendar window until the user dates
    the event, so they are not sent (which also keeps dateparser unloaded)."""
    phrase = _WEEKDAY_EVENT.sub(r"\1", phrase)  # "Saturday's derby" is on Saturday
    phrase = _HOLIDAY_RECESS.sub(r"\1", phrase)  # "until the Easter recess, 1991": Easter
    phrase = _MONTH_WINDOW.sub(r"\1", phrase)  # "in the January window": in January
    phrase = _TARGET_DAY.sub("on ", phrase)  # "no earlier than March 21": targeted for it
    phrase = re.sub(r"\s+more\s+(?=(?:days|weeks|months|years)\b)", " ", phrase)  # "few more weeks"
    if _FROM_EVENT.search(phrase):
        return None, None, None
    try:
        from tracker import deadlines
    except ModuleNotFoundError as missing:
        if missing.name != "tracker.deadlines":
            raise
        return None, None, None
    from tracker.errors import DeadlineError

    try:
        deadline = deadlines.resolve(phrase, said_on)
    except DeadlineError:
        return None, None, None
    return deadline.start, deadline.end, deadline.rule


_WEEKDAY_EVENT = re.compile(
    r"^(?:(?:for|in|on|before|until)\s+)?((?:mon|tues|wednes|thurs|fri|satur|sun)day)'s\s+\w+$",
    re.I,
)
_TARGET_DAY = re.compile(  # a launch "no earlier than Tuesday, March 21" (decision D35)
    rf"^(?:no\s+earlier\s+than|not\s+before)\s+(?=(?:\w+day,?\s+)?(?:{MONTHS}\.?\s+\d|\d{{1,2}}\s+{MONTHS}))",
    re.I,
)
_MONTH_WINDOW = re.compile(  # "in the January window", "before the May elections"
    rf"\bthe\s+({MONTHS})\s+(?:(?:transfer\s+)?window|budget|elections?|summit|recess|meeting)\b",
    re.I,
)
_HOLIDAY_RECESS = re.compile(r"\bthe\s+(easter|christmas)\s+(?:recess|break|holidays?)\b", re.I)
_FROM_EVENT = re.compile(
    rf"{EVENT}\b|\bday\s+(?:one|1)\b|\bfirst\s+(?:{NUM}\s+)?(?:days?|weeks|months|years?|term)\b"
    r"|\b(?:parliament|presidency|administration|(?<!near )term|session|season|meeting)\b"
    rf"|\b{UNIT}\s+of\s+{EVENT_WORD}$|\byear\s+ending\b",
    re.I,
)


def _confidence(found: Found, dated: bool, needs_window: bool) -> float:
    score = 0.45 + (0.15 if found.quoted else 0.0)
    score += {"strong": 0.15, "calendar": 0.1, "weak": 0.05}.get(found.strength, 0.0)
    if found.attribution:
        score += 0.1 if found.attribution.named else 0.05
    score += (0.1 if dated else 0.0) - (0.1 if needs_window else 0.0)
    score -= 0.15 if found.sentence.headline else 0.0
    return round(min(0.99, max(0.05, score)), 2)


def finish(doc: Document, found: Found, dates: Dates) -> Candidate | None:
    phrase = found.antecedent or " ".join(doc.clean[found.span[0] : found.span[1]].split())
    when = dates.said_on(found, doc.narrative)
    said_on = when.said.day
    if past_phrase(phrase, said_on):
        return None
    if found.strength == "calendar" and not calendar_future(phrase, said_on):
        return None
    start, end, rule = _window(phrase, said_on)
    if end is not None and end < said_on:
        return None
    claim, quote, conditional = _claim(doc, found)
    needs_window = start is None or end is None
    confidence = _confidence(found, when.dated, needs_window)
    return Candidate(
        found.speaker,
        claim,
        quote,
        phrase,
        said_on,
        start,
        end,
        rule,
        needs_window,
        confidence,
        found.sentence.index,
        conditional,
        *_flags(when),
    )


def _flags(when: When) -> tuple[bool, date | None, date | None]:
    return when.earlier, when.said.low, when.said.high
