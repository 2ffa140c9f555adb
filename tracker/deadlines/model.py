"""The values the engine passes around: the public Deadline, and the spans,
windows and reading context inside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Deadline:
    """The window of days a deadline phrase implies, and how it was read."""

    start: date
    end: date
    phrase: str
    rule: str
    alternatives: tuple[Deadline, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ISO dates, alternatives as a list of dicts."""
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "phrase": self.phrase,
            "rule": self.rule,
            "alternatives": [alt.to_dict() for alt in self.alternatives],
        }


class Unreadable(Exception):
    """Internal: why a normalised phrase cannot be read."""


class Window(NamedTuple):
    start: date
    end: date
    rule: str
    alternatives: tuple[Window, ...]

    def to_deadline(self, phrase: str) -> Deadline:
        alts = tuple(alt.to_deadline(phrase) for alt in self.alternatives)
        return Deadline(self.start, self.end, phrase, self.rule, alts)


@dataclass(frozen=True, slots=True)
class Span:
    """A period the words name, before the mode makes it a window.

    rolling: a horizon counted from the said-on day (mode does not move it).
    deadline: "the end of X", "later this year": read as by-the-end-of.
    floating: no year was named; a later occurrence may be taken (future reading).
    by_end: where "by" ends when it is not the end ("by mid-April" -> the 15th).
    """

    start: date
    end: date
    kind: str
    rule: str
    rolling: bool = False
    deadline: bool = False
    floating: bool = False
    by_end: date | None = None
    alternatives: tuple[Span, ...] = ()


class Ctx(NamedTuple):
    said_on: date
    not_before: date  # floating periods take the first occurrence ending on/after this
    by: bool = False  # read for 'by'/'within': a part ends at its by_end ("by mid-April")


def day_span(day: date, rule: str, **flags: Any) -> Span:
    return Span(day, day, "day", rule, **flags)


def weekend_span(saturday: date, rule: str) -> Span:
    return Span(saturday, saturday + ONE_DAY, "weekend", rule)


def week_span(monday: date, rule: str, **flags: Any) -> Span:
    return Span(monday, monday + timedelta(days=6), "week", rule, **flags)
