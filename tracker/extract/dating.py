"""The day each claim was said: its own, its speaker's, the lede's, or publication."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from tracker.extract.attribution import Attribution, Said
from tracker.extract.owners import Found
from tracker.extract.said_on import (
    DAY_DATE,
    STATEMENT_DATE,
    SaidOn,
    read_said_on,
    without_relatives,
)
from tracker.extract.sentences import Document
from tracker.extract.speakers import Cast
from tracker.extract.words import wordset


@dataclass(frozen=True)
class When:
    """When words were said, whether the article dates them, and whether before
    publication (`reported_earlier`)."""

    said: SaidOn
    dated: bool
    earlier: bool


@dataclass
class Dates:
    """Explicit statement days, per speaker, and the day the lede reports."""

    published: date
    explicit: dict[Attribution, SaidOn]
    by_speaker: dict[str, list[tuple[int, SaidOn]]]
    lede: date | None
    early: set[str]  # speakers introduced in the first half of the story

    def said_on(self, found: Found, text: str) -> When:
        """The day (or period), whether the article dates these words (or their
        speaker's), and whether they were said before publication."""
        said, dated = self._said(found)
        earlier = (said.low or said.day) < self.published or _pluperfect(found, text)
        return When(said, dated, earlier)

    def _said(self, found: Found) -> tuple[SaidOn, bool]:
        if found.attribution in self.explicit:
            return self.explicit[found.attribution], True
        dated = self.by_speaker.get(found.speaker, [])
        if dated:  # the speaker's dated words before these, else the first after them
            here = found.sentence.index
            return min(dated, key=lambda d: (d[0] > here, abs(d[0] - here)))[1], True
        if self.lede and found.speaker in self.early:
            return SaidOn(self.lede), False
        return SaidOn(self.published), False


def _pluperfect(found: Found, text: str) -> bool:
    """ "X had said ...", "X had earlier told ...": words from before the article,
    even undated."""
    if found.attribution is None:
        return False
    before = text[max(0, found.attribution.verb_start - 30) : found.attribution.verb_start]
    return bool(_HAD.search(before))


_HAD = re.compile(r"\bhad\s+(?:(?:already|earlier|also|repeatedly|publicly)\s+)?$", re.I)


def date_statements(doc: Document, said: Said, cast: Cast, published: date) -> Dates:
    dates = Dates(published, {}, {}, _lede_date(doc, said, cast, published), set())
    for index, attributions in said.attributions.items():
        for a in attributions:
            day = read_said_on(a.said_on_text, published) if a.said_on_text else None
            if day and a.speaker:
                dates.explicit[a] = day
                before = doc.narrative[max(0, a.verb_start - 30) : a.verb_start]
                if not _HAD.search(before):  # "had said in November": those words only
                    dates.by_speaker.setdefault(a.speaker, []).append((index, day))
    dates.early = _early_speakers(doc, cast)
    for name, index, day in _dated_news(doc, cast, published):
        dates.by_speaker.setdefault(name, []).append((index, day))
    return dates


_NEWS = re.compile(
    r"\b(?:news|announcement|statement|decision|remarks|comments|pledge|promise)\s+(?:from|by|of)"
    r"\s+(?P<a>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,5})\s+(?P<d>(?i:"
    + STATEMENT_DATE.pattern
    + r"))|\b(?P<b>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,5})'s\s+(?:announcement|statement|decision"
    r"|remarks|comments|pledge|promise)\s+(?P<e>(?i:" + STATEMENT_DATE.pattern + r"))",
)


def _dated_news(doc: Document, cast: Cast, published: date) -> list[tuple[str, int, SaidOn]]:
    """ "The news from Ford last week", "Ford's announcement on Monday": the day of
    that organisation's or person's words, where no reporting verb dates them."""
    found = []
    for sentence in doc.sentences:
        text = doc.narrative[sentence.start : sentence.end]
        for m in _NEWS.finditer(text):
            name, when = (
                (m.group("a"), m.group("d")) if m.group("a") else (m.group("b"), m.group("e"))
            )
            who = cast.lookup(name, sentence.start) or (name if name in cast.entities else None)
            day = read_said_on(when, published)
            if who and day:
                found.append((who, sentence.index, day))
    return found


def _lede_date(doc: Document, said: Said, cast: Cast, published: date) -> date | None:
    """The day of the event the lede reports ("cut rates on Thursday"); a day that
    only dates one person's words ("Rubio said Thursday") is theirs alone."""
    body = [s for s in doc.sentences if not s.headline]
    lede = next((s for s in body if len(doc.clean[s.start : s.end].split()) >= 8), None)
    if lede is None:
        return None
    for a in said.attributions.get(lede.index, []):
        speaker = cast.entities.get(a.speaker or "")
        if a.said_on_text and speaker and speaker.kind == "person":
            return None
    text = without_relatives(doc.narrative[lede.start : lede.end])
    found = DAY_DATE.search(text)
    if found and text[found.end() : found.end() + 2] == "'s":
        return None  # "ahead of Saturday's trip": an event's day, not the lede's report
    ahead = [m.end() for m in _AHEAD.finditer(text, 0, found.start())] if found else []
    if found and ahead and not _REPORTED.search(text, ahead[-1], found.start()):
        return None  # "Apple will release the iPhone on September 22": a day ahead
    day = read_said_on(found.group(), published) if found else None
    return day.day if day else None


_AHEAD = re.compile(
    r"\b(?:will|would|shall|'ll|(?:plans?|expects?|aims?|intends?|is\s+set|are\s+set|is\s+due)"
    r"\s+to|targeting|scheduled|planned|set\s+for|due\s+on)\b",
    re.I,
)


_REPORTED = (
    re.compile(  # "... , the company said on Monday", "as the government unveiled X on Monday"
        r"\b(?:said|says|told|announced|confirmed|added|stated)\b"
        r"|\b(?:as|when|after|while)\s+[^,;]{0,60}?\b[a-z]+ed\b"
    )
)


def _early_speakers(doc: Document, cast: Cast) -> set[str]:
    """Who the lede's event dates: people first named in the first half of the
    body, and the subject's own officers ("finance chief") wherever they appear;
    never analysts, agents or rivals, who are dated by publication."""
    if not doc.sentences:
        return set()
    starts = [s.start for s in doc.sentences]
    first_body = 1 if doc.sentences[0].headline else 0
    half = first_body + (doc.paragraphs - first_body) / 2
    early = set()
    for entity in cast.entities.values():
        if entity.roles & _OUTSIDERS:
            continue
        body = [p for p in entity.positions if p >= doc.sentences[0].end or not first_body]
        first = doc.sentences[bisect_right(starts, min(body)) - 1].paragraph if body else half
        if first < half or entity.roles & _INSIDERS:
            early.add(entity.name)
    return early


_INSIDERS = wordset(
    "chief executive officer ceo cfo coo cto finance financial chairman chairwoman chair "
    "director governor deputy founder administrator spokesman spokeswoman spokesperson"
)
_OUTSIDERS = wordset(
    "analyst analysts economist strategist agent opponent rival challenger critic lawyer "
    "campaigner resident"
)
