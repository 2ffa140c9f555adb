"""Deadlines that count from an event: "on day one", "in the first 100 days", "before
the summit", "by the end of his first term".

``resolve_from_event(phrase, said_on, event_on, term_months)`` reads a phrase against
the day of an event (an inauguration, a summit, a transfer deadline) instead of the
day the words were said. docs/deadlines.md ("Deadlines that count from an event")
gives each reading and its references; in short, with E the event's day:

- "on day one", "on the first day", "from day one": E itself;
- "in the first N days/weeks/months/years", "within N days (of taking office)", "in
  his first year": from E, day one counting as the first day (the first 100 days of a
  2025-01-20 inauguration are 2025-01-20..2025-04-29); N hours reach into the next day;
- "before X": from the said-on day to the day before E; "by X", "by the time X",
  "until X": to E; "at X", "on X", "during X": E itself; "after X" opens a window
  with no end, which is refused as any open window is;
- "in his first term", "by the end of his first term": from E for the term's length
  given on the event, else refused.
"""

from __future__ import annotations

import re
from datetime import date

from tracker.deadlines.datemath import shift_date
from tracker.deadlines.model import ONE_DAY, Deadline, Unreadable, Window
from tracker.deadlines.normalise import normalise
from tracker.deadlines.vocab import amount_words, parse_number, unit_key
from tracker.errors import DeadlineError

_WHOSE = r"(?:the|his|her|their|my|our|its|your|this|a|the new|the next)"
_OFFICE = r"(?: (?:in|of) (?:office|power|government|the \w+(?: \w+)?|his \w+|her \w+))?"
_COUNT = r"(?P<n>\d+(?:\.\d+)?|a|an|one|hundred|a hundred|thousand|a thousand)"
_WORD_COUNTS = {"hundred": 100, "a hundred": 100, "thousand": 1000, "a thousand": 1000}
_UNIT = r"(?P<unit>hours?|days?|weeks?|fortnights?|months?|years?)"

_DAY_ONE = re.compile(
    rf"(?:on |from |starting |beginning )?(?:day (?:1|one)|{_WHOSE} 1st day{_OFFICE})"
    rf"(?: (?:in|of) .+)?"
)
_FIRST_N = re.compile(
    rf"(?:in|within|during|over|for|by the end of|before the end of)? ?{_WHOSE} "
    rf"1st (?:{_COUNT} )?{_UNIT}{_OFFICE}"
)
_WITHIN_N = re.compile(
    rf"(?:within|in|inside|no later than) {_COUNT} {_UNIT}"
    rf"(?: (?:of|after|from|since) (?P<what>.+))?"
)
_TERM = re.compile(
    rf"(?:in|during|within|by the end of|before the end of|by the close of|over)"
    rf" {_WHOSE} (?:1st |2nd |next |current |present )?(?:term|mandate){_OFFICE}"
)
_RELATION = re.compile(
    r"(?P<how>before|ahead of|prior to|by the time(?: of)?|by|until|till|up to|at|on|during"
    r"|in time for|after|following|once|as soon as) (?P<what>.+)"
)
_ENDS_ON_EVENT = ("by the time", "by the time of", "by", "until", "till", "up to", "in time for")
_ON_EVENT = ("at", "on", "during")
_OPEN = ("after", "following", "once", "as soon as")


def resolve_from_event(
    phrase: str, said_on: date, event_on: date, term_months: int | None = None
) -> Deadline:
    """The window ``phrase`` implies counted from an event on ``event_on``.

    Raises DeadlineError (one line) for a phrase that does not count from an event, an
    open window ("after the summit"), a term with no length, or a window that ends
    before the words were said.
    """
    try:
        window = _read(normalise(phrase), said_on, event_on, term_months)
    except Unreadable as why:
        raise DeadlineError(f"cannot read deadline phrase {phrase!r}: {why}") from None
    except (OverflowError, ValueError):
        raise DeadlineError(
            f"cannot read deadline phrase {phrase!r}: the date falls outside the calendar"
        ) from None
    return window.to_deadline(phrase)


def _read(text: str, said_on: date, event_on: date, term_months: int | None) -> Window:
    for reader in (_day_one, _counted, _term):
        window = reader(text, event_on, term_months)
        if window is not None:
            return window
    return _related(text, said_on, event_on)


def _window(start: date, end: date, rule: str) -> Window:
    return Window(start, end, rule, ())


def _day_one(text: str, event_on: date, _term: int | None) -> Window | None:
    if not _DAY_ONE.fullmatch(text):
        return None
    return _window(event_on, event_on, "event: day one is the event's day")


def _count(match: re.Match[str]) -> float:
    n = match["n"]
    if n in _WORD_COUNTS:
        return _WORD_COUNTS[n]
    return 1 if n in (None, "a", "an", "one") else parse_number(n)


def _first_units(event_on: date, amount: float, unit_word: str, rule: str) -> Window:
    """From the event's day for `amount` units, day one counting as the first day."""
    unit = unit_key(unit_word)
    if amount <= 0:
        raise Unreadable("a period of no length")
    end = shift_date(event_on, amount, unit)
    end = end if unit in ("hour", "minute", "second") else end - ONE_DAY
    return _window(event_on, max(end, event_on), f"{rule}: {amount_words(amount, unit)}")


_COUNTED = (
    (_FIRST_N, "event: the first period from the event's day, day one the first"),
    (_WITHIN_N, "event: within a period of the event, day one the first"),
)


def _counted(text: str, event_on: date, _term: int | None) -> Window | None:
    """'in the first 100 days', 'within 24 hours of taking office'."""
    for pattern, rule in _COUNTED:
        match = pattern.fullmatch(text)
        if match is not None:
            return _first_units(event_on, _count(match), match["unit"], rule)
    return None


def _term(text: str, event_on: date, term_months: int | None) -> Window | None:
    if not _TERM.fullmatch(text):
        return None
    if term_months is None:
        raise Unreadable("a term has no length until the event has one (--term 4y)")
    end = shift_date(event_on, term_months, "month") - ONE_DAY
    return _window(event_on, end, f"event: the term, {term_months} months from the event's day")


def _related(text: str, said_on: date, event_on: date) -> Window:
    """'before X', 'by X', 'at X', 'after X': X is the event."""
    match = _RELATION.fullmatch(text)
    if match is None:
        raise Unreadable(
            "it does not count from an event (try 'on day one', 'in the first 100 days', "
            "'before the summit')"
        )
    how = match["how"]
    if _calendar_reading(text, said_on):
        raise Unreadable("it names a calendar date, not the event: give it without an event")
    if how in _OPEN:
        raise Unreadable(f"'{how} ...' opens a window with no end")
    if how in _ON_EVENT:
        return _window(event_on, event_on, f"event: '{how}' the event is its day")
    if how in _ENDS_ON_EVENT:
        return _until(said_on, event_on, f"event: '{how}' the event ends on its day")
    return _until(said_on, event_on - ONE_DAY, f"event: '{how}' the event ends the day before")


def _calendar_reading(text: str, said_on: date) -> bool:
    """Whether the calendar engine reads the phrase ("by the end of March")."""
    from tracker.deadlines.reader import resolve

    try:
        resolve(text, said_on)
    except DeadlineError:
        return False
    return True


def _until(said_on: date, end: date, rule: str) -> Window:
    if end < said_on:
        raise Unreadable(f"it ends {end.isoformat()}, before it was said ({said_on.isoformat()})")
    return _window(said_on, end, rule)


_TERM_LENGTH = re.compile(r"(?P<n>\d{1,3}) ?(?P<unit>y|yrs?|years?|m|mos?|months?)")


def term_months(text: str) -> int:
    """A term's length as given ("4y", "5 years", "18m") in months."""
    from tracker.errors import InputError

    match = _TERM_LENGTH.fullmatch(" ".join(text.split()).casefold())
    if match is None or int(match["n"]) == 0:
        raise InputError(f"--term must be a length such as 4y or 18m, not {text!r}")
    months = int(match["n"]) * (12 if match["unit"].startswith("y") else 1)
    if months > 1200:
        raise InputError(f"--term of {text!r} is longer than a century")
    return months
