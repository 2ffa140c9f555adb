"""Rules for holidays: 'by Christmas', 'Easter 2027', 'Labor Day weekend', 'the holidays'."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from tracker.deadlines.datemath import (
    easter_sunday,
    last_weekday,
    long_weekend,
    nth_weekday,
    safe_date,
    thanksgiving_day,
    us_election_day,
    yearly,
)
from tracker.deadlines.model import Ctx, Span
from tracker.deadlines.rulebook import RuleSet, year_value
from tracker.deadlines.vocab import alternation, split_words

RULES = RuleSet()


def _fixed_day(month: int, day: int) -> Callable[[int], date | None]:
    return lambda year: safe_date(year, month, day)


def _after_thanksgiving(days: int) -> Callable[[int], date | None]:
    def make(year: int) -> date | None:
        day = thanksgiving_day(year)  # None never: November always has a 4th Thursday
        return day + timedelta(days=days) if day else None

    return make


def _every(
    years: int, remainder: int, make: Callable[[int], date | None]
) -> Callable[[int], date | None]:
    return lambda year: make(year) if year % years == remainder else None


def _easter_offset(days: int) -> Callable[[int], date | None]:
    return lambda year: easter_sunday(year) + timedelta(days=days) if 1583 <= year <= 9999 else None


_HOLIDAY_DAYS: dict[str, Callable[[int], date | None]] = {
    "christmas": _fixed_day(12, 25), "christmas day": _fixed_day(12, 25),
    "christmas eve": _fixed_day(12, 24), "boxing day": _fixed_day(12, 26),
    "new years eve": _fixed_day(12, 31), "new years day": _fixed_day(1, 1),
    "new years": _fixed_day(1, 1), "new year": _fixed_day(1, 1), "the new year": _fixed_day(1, 1),
    "easter": _easter_offset(0), "easter sunday": _easter_offset(0),
    "easter monday": _easter_offset(1), "good friday": _easter_offset(-2),
    "ash wednesday": _easter_offset(-46), "pentecost": _easter_offset(49),
    "whitsun": _easter_offset(49), "ascension day": _easter_offset(39),
    "thanksgiving": thanksgiving_day, "thanksgiving day": thanksgiving_day,
    "canadian thanksgiving": lambda y: nth_weekday(y, 10, 0, 2),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "labour day": lambda y: nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: last_weekday(y, 5, 0),
    "independence day": _fixed_day(7, 4), "the 4th of july": _fixed_day(7, 4),
    "4th of july": _fixed_day(7, 4), "halloween": _fixed_day(10, 31),
    "valentines day": _fixed_day(2, 14), "valentines": _fixed_day(2, 14),
    "valentine day": _fixed_day(2, 14),
    "st valentines day": _fixed_day(2, 14), "st patricks day": _fixed_day(3, 17),
    "saint patricks day": _fixed_day(3, 17), "st paddys day": _fixed_day(3, 17),
    "mothers day": lambda y: nth_weekday(y, 5, 6, 2),
    "fathers day": lambda y: nth_weekday(y, 6, 6, 3),
    "mlk day": lambda y: nth_weekday(y, 1, 0, 3),
    "martin luther king day": lambda y: nth_weekday(y, 1, 0, 3),
    "martin luther king jr day": lambda y: nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: nth_weekday(y, 2, 0, 3),
    "columbus day": lambda y: nth_weekday(y, 10, 0, 2),
    "indigenous peoples day": lambda y: nth_weekday(y, 10, 0, 2),
    "veterans day": _fixed_day(11, 11), "armistice day": _fixed_day(11, 11),
    "remembrance day": _fixed_day(11, 11), "juneteenth": _fixed_day(6, 19),
    "black friday": _after_thanksgiving(1), "cyber monday": _after_thanksgiving(4),
    "election day": us_election_day,
    "the midterms": _every(4, 2, us_election_day), "midterms": _every(4, 2, us_election_day),
    "the midterm elections": _every(4, 2, us_election_day),
    "the midterm election": _every(4, 2, us_election_day),
    "the presidential election": _every(4, 0, us_election_day),
    "inauguration day": _every(4, 1, _fixed_day(1, 20)),
    "may day": _fixed_day(5, 1), "bastille day": _fixed_day(7, 14), "canada day": _fixed_day(7, 1),
    "australia day": _fixed_day(1, 26), "guy fawkes night": _fixed_day(11, 5),
    "bonfire night": _fixed_day(11, 5), "groundhog day": _fixed_day(2, 2),
    "tax day": _fixed_day(4, 15), "the ides of march": _fixed_day(3, 15),
    "ides of march": _fixed_day(3, 15), "earth day": _fixed_day(4, 22),
    "april fools day": _fixed_day(4, 1), "st georges day": _fixed_day(4, 23),
    "st andrews day": _fixed_day(11, 30), "burns night": _fixed_day(1, 25),
}  # fmt: skip
_HOLIDAY_SEASONS = frozenset(
    split_words(
        "the holidays|the holiday season|the festive season|the festive period"
        "|the christmas holidays|the christmas period|the christmas break|the holiday period"
        "|holiday season|the christmas season"
    )
)


def _holiday_window(name: str, weekend: bool) -> Callable[[int], tuple[date, date] | None]:
    if name in _HOLIDAY_SEASONS:
        return lambda year: (date(year, 12, 20), date(year, 12, 31))
    make = _HOLIDAY_DAYS[name]

    def window(year: int) -> tuple[date, date] | None:
        day = make(year)
        if day is None:
            return None
        return long_weekend(day) if weekend else (day, day)

    return window


@RULES.rule(
    r"(?:(?P<rel>this|next|last|the next|the last|this coming|coming|this past|past) )?(?P<name>"
    + alternation(set(_HOLIDAY_DAYS) | _HOLIDAY_SEASONS)
    + r")(?: day)?(?: (?:of )?(?P<year><YEAR>))?(?: (?P<weekend>weekend))?"
)
def _holiday(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'by Christmas', 'Easter 2027', 'Labor Day weekend': the next one unless a year is named."""
    name = m["name"]
    rel = "" if m["rel"] in (None, "this", "coming", "this coming") else m["rel"]
    make = _holiday_window(name, bool(m["weekend"]))
    found = yearly(make, year_value(m["year"], ctx.said_on), ctx, rel)
    if found is None:
        return None
    start, end, floating = found
    rule = f"holiday: {name}{' weekend' if m['weekend'] else ''} {start.year}" + (
        " (the next one)" if floating else ""
    )
    return Span(start, end, "holiday", rule, floating=floating)
