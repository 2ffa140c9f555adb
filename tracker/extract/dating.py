"""The day each claim was said: its own, its speaker's, the lede's, or publication."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from tracker.extract.attribution import Attribution, Said
from tracker.extract.owners import Found
from tracker.extract.said_on import STATEMENT_DATE, resolve_said_on, without_relatives
from tracker.extract.sentences import Document
from tracker.extract.speakers import Cast
from tracker.extract.words import wordset


@dataclass
class Dates:
    """Explicit statement days, per speaker, and the day the lede reports."""

    published: date
    explicit: dict[Attribution, date]
    by_speaker: dict[str, list[tuple[int, date]]]
    lede: date | None
    early: set[str]  # speakers introduced in the first half of the story

    def said_on(self, found: Found) -> tuple[date, bool]:
        """The day, and whether the article dates these words (or their speaker's)."""
        if found.attribution in self.explicit:
            return self.explicit[found.attribution], True
        dated = self.by_speaker.get(found.speaker, [])
        if dated:
            here = found.sentence.index
            return min(dated, key=lambda d: (abs(d[0] - here), d[0]))[1], True
        if self.lede and found.speaker in self.early:
            return self.lede, False
        return self.published, False


def date_statements(doc: Document, said: Said, cast: Cast, published: date) -> Dates:
    dates = Dates(published, {}, {}, _lede_date(doc, said, cast, published), set())
    for index, attributions in said.attributions.items():
        for a in attributions:
            day = resolve_said_on(a.said_on_text, published) if a.said_on_text else None
            if day and a.speaker:
                dates.explicit[a] = day
                dates.by_speaker.setdefault(a.speaker, []).append((index, day))
    dates.early = _early_speakers(doc, cast)
    return dates


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
    found = STATEMENT_DATE.search(without_relatives(doc.narrative[lede.start : lede.end]))
    return resolve_said_on(found.group(), published) if found else None


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
