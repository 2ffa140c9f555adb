"""Words the rules share: month and weekday names, time units, relative words."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

UNIT_WORDS = (
    r"(?:business|working) days?|workdays?|seconds?|secs?|minutes?|mins?|hours?|hrs?"
    r"|days?|nights?|weeks?|wks?|fortnights?|months?|mths?|mos?|quarters?|qtrs?"
    r"|years?|yrs?|decades?|centuries|century"
)


def alternation(words: Any) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def split_words(text: str) -> list[str]:
    return text.split("|")


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2,
    "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip


MONTH = alternation(MONTHS)
WEEKDAY = alternation(WEEKDAYS)

LAST = frozenset({"last", "past", "this past", "the last", "the previous", "previous"})
NEXT = frozenset({"next", "the next", "the following", "following"})

YEAR_REL = {
    "this year": 0, "the year": 0, "the current year": 0, "current year": 0, "year": 0,
    "the full year": 0, "full year": 0, "the full-year": 0, "full-year": 0,
    "next year": 1, "the following year": 1, "the next year": 1, "the coming year": 1,
    "last year": -1, "the previous year": -1, "the last year": -1, "previous year": -1,
    "the year after next": 2, "the year before last": -2, "@year": 0,
}  # fmt: skip

_UNIT_KEYS = (
    ("business", "bday"), ("working", "bday"), ("workday", "bday"), ("sec", "second"),
    ("min", "minute"), ("h", "hour"), ("dec", "decade"), ("d", "day"), ("night", "day"),
    ("wk", "week"),
    ("week", "week"), ("fortnight", "fortnight"), ("mo", "month"), ("mth", "month"),
    ("q", "quarter"), ("y", "year"), ("cent", "century"),
)  # fmt: skip


@lru_cache(maxsize=64)
def unit_key(word: str) -> str:
    return next(key for prefix, key in _UNIT_KEYS if word.startswith(prefix))


def parse_number(text: str) -> float:
    return float(text) if "." in text else int(text)


def amount_words(amount: float, unit: str) -> str:
    name = "business day" if unit == "bday" else unit
    plural = "centuries" if name == "century" else f"{name}s"
    return f"{amount:g} {name if amount == 1 else plural}"
