"""Reading a phrase: split off the mode, read the core with the rules (or the
fallback), apply the mode; the result is cached per (normalised phrase, day)."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from tracker.deadlines import (
    rules_dates,
    rules_durations,
    rules_holidays,
    rules_parts,
    rules_periods,
    rules_ranges,
    rules_weeks,
)
from tracker.deadlines.fallback import fallback
from tracker.deadlines.fixed_words import EVENT_RELATIVE, NO_DEADLINE
from tracker.deadlines.model import ONE_DAY, Ctx, Deadline, Span, Unreadable, Window
from tracker.deadlines.modes import Mode, apply_mode, split_mode
from tracker.deadlines.normalise import normalise
from tracker.deadlines.rulebook import install, parse
from tracker.errors import DeadlineError

_MAX_CORE = 120  # longer text is prose, not a deadline; also bounds the range splitter
_OPEN_ENDED = ("after ", "not before ", "no earlier than ", "no sooner than ", "since ", "beyond ")
_NUMERIC_ONLY = re.compile(r"[\d/.\- ]+")

# The order rules are tried in: the first that reads the core wins.
install(
    rules_durations.RULES,
    rules_weeks.RULES,
    rules_dates.RULES,
    rules_periods.RULES,
    rules_holidays.RULES,
    rules_parts.RULES,
    rules_ranges.RULES,
)


def resolve(phrase: str, said_on: date) -> Deadline:
    """Return the window ``phrase`` implies when said on ``said_on``.

    Raises DeadlineError (one line naming the phrase and what was not
    understood) when the text holds no date or time horizon. Past phrases
    ("yesterday", "last week") give past windows: refusing them is the caller's
    choice. A datetime ``said_on`` is taken as its date.
    """
    if not isinstance(phrase, str):
        raise TypeError(f"phrase must be a str, not {type(phrase).__name__}")
    said_on = _as_date(said_on)
    try:
        window = _resolve_text(normalise(phrase), said_on)
    except Unreadable as why:
        message = f"cannot read deadline phrase {_quote(phrase)}: {why}"
        raise DeadlineError(message) from None
    return window.to_deadline(phrase)


def _as_date(value: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"said_on must be a date, not {type(value).__name__}")


def _quote(phrase: str) -> str:
    """The phrase as one short printable line, for error messages."""
    printable = "".join(c if c.isprintable() else " " for c in phrase)
    shown = " ".join(printable.split())
    return repr(shown if len(shown) <= 60 else shown[:57] + "...")


# A phrase's mode depends on its words only, not on the day (like its plain form,
# which normalise caches): a file repeating a few hundred phrases splits each once.
_split_mode = lru_cache(maxsize=8192)(split_mode)


@lru_cache(maxsize=16384)
def _resolve_text(text: str, said_on: date) -> Window:
    """Read a normalised phrase; raise Unreadable with the reason if it cannot be."""
    if not text:
        raise Unreadable("the phrase is empty")
    mode, core = _split_mode(text)
    try:
        span = _read_core(core, text, Ctx(said_on, said_on, mode in (Mode.BY, Mode.WITHIN)))
        by_season = mode is Mode.BY and _is_season(span)
        if mode is Mode.BEFORE or by_season:
            span = _not_begun(span, core, said_on)
        if by_season:
            return _by_season(span, said_on)
        return apply_mode(span, mode, said_on)
    except (OverflowError, ValueError):
        raise Unreadable("the date falls outside the calendar (years 1 to 9999)") from None


def _read_core(core: str, text: str, ctx: Ctx) -> Span:
    if text in NO_DEADLINE or core in NO_DEADLINE:
        raise Unreadable("it sets no deadline; give a date or a horizon such as 'within a year'")
    if EVENT_RELATIVE.fullmatch(core):
        raise Unreadable("it counts from an event, not from the day it was said; give the date")
    if core.startswith(_OPEN_ENDED):
        opening = next(p for p in _OPEN_ENDED if core.startswith(p))
        raise Unreadable(f"'{opening}...' opens a window with no end")
    if not core:
        raise Unreadable("no date or time horizon found")
    if len(core) > _MAX_CORE:
        raise Unreadable("too long to be a deadline phrase")
    span = parse(core, ctx)
    if span is None and _NUMERIC_ONLY.fullmatch(core):
        raise Unreadable("the numbers are not a calendar date")
    span = span or fallback(core, ctx.said_on)
    if span is None:
        raise Unreadable("no date or time horizon found")
    return span


def _is_season(span: Span) -> bool:
    """A season named as a whole ("summer", "the summer of 2027"), not its end."""
    return span.kind == "season" and not span.deadline and not span.rolling


def _by_season(span: Span, said_on: date) -> Window:
    """'By summer' is before summer arrives, not by its end (docs/deadlines.md has the
    usage this follows; 'by the end of summer' says the end)."""
    window = apply_mode(span, Mode.BEFORE, said_on)
    rule = span.rule + "; 'by' a season ends the day before it begins (news usage)"
    return window._replace(rule=rule)


def _not_begun(span: Span, core: str, said_on: date) -> Span:
    """'before June' said in June means before next June: under 'before', a
    floating period that has already begun gives way to its next occurrence."""
    if not span.floating or span.deadline or span.start > said_on:
        return span
    later = parse(core, Ctx(said_on, span.end + ONE_DAY))
    return later if later is not None and later.start > said_on else span
