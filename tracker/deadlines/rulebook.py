"""The rule table: patterns with placeholders, handlers registered in order,
and ``parse``, which the rules also call to read the periods inside a phrase."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from tracker.deadlines.datemath import pivot_year
from tracker.deadlines.fixed_words import FIXED
from tracker.deadlines.model import ONE_DAY, Ctx, Span
from tracker.deadlines.vocab import MONTH, UNIT_WORDS, WEEKDAY, YEAR_REL, alternation

Handler = Callable[[re.Match[str], Ctx], Span | None]

_PLACEHOLDERS = {
    "<MONTH>": MONTH,
    "<WD>": WEEKDAY,
    "<YEAR>": r"\d{4}|'\d\d|" + alternation(YEAR_REL),
    "<NUM>": r"\d+(?:\.\d+)?",
    "<UNIT>": UNIT_WORDS + r"|h|d|y",
}


def expand(pattern: str) -> re.Pattern[str]:
    for name, fragment in _PLACEHOLDERS.items():
        pattern = pattern.replace(name, f"(?:{fragment})")
    return re.compile(pattern)


class RuleSet:
    """A group of rules, kept in the order they are written."""

    def __init__(self) -> None:
        self.rules: list[tuple[re.Pattern[str], Handler]] = []

    def rule(self, pattern: str) -> Callable[[Handler], Handler]:
        """Register a handler for a core that fully matches ``pattern`` (order matters)."""
        compiled = expand(pattern)

        def register(handler: Handler) -> Handler:
            self.rules.append((compiled, handler))
            return handler

        return register


_RULES: list[tuple[re.Pattern[str], Handler]] = []


def install(*rule_sets: RuleSet) -> None:
    """Make ``parse`` try the rules of ``rule_sets``: set by set, in the order given."""
    _RULES[:] = [entry for rule_set in rule_sets for entry in rule_set.rules]
    _candidates.cache_clear()


@lru_cache(maxsize=8192)
def _candidates(text: str) -> tuple[tuple[Handler, re.Match[str]], ...]:
    """Every rule whose pattern reads ``text``, in order, with its match.

    Which patterns match depends on the words only, not on the day, so a file of
    claims repeating a few hundred phrases matches each once; the handlers, which
    may decline depending on the day, still run for every claim, in order.
    """
    found = ((handler, pattern.fullmatch(text)) for pattern, handler in _RULES)
    return tuple((handler, match) for handler, match in found if match is not None)


def year_value(token: str | None, said_on: date) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if token.startswith("'"):
        return pivot_year(int(token[1:]), said_on)
    return said_on.year + YEAR_REL[token]


def parse(text: str, ctx: Ctx) -> Span | None:
    """The span the core ``text`` names, or None if no rule reads it."""
    if text in FIXED:
        return FIXED[text](ctx)
    for handler, match in _candidates(text):
        span = handler(match, ctx)
        if span is not None:
            return span
    return None


def within(rest: str, ctx: Ctx, pick: Callable[[Span], Span | None]) -> Span | None:
    """Apply ``pick`` to the period ``rest`` names. A floating period whose picked
    part is already over moves to its next occurrence: the future reading."""
    span = parse(rest, ctx)
    if span is None or span.rolling:
        return None
    result = pick(span)
    if result is not None and span.floating and _last_day(result, ctx) < ctx.said_on:
        later = parse(rest, ctx._replace(not_before=span.end + ONE_DAY))
        if later is not None and later.start > span.start:
            result = pick(later)
    return result


def _last_day(span: Span, ctx: Ctx) -> date:
    return span.by_end if ctx.by and span.by_end else span.end
