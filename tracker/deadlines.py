"""Deadline engine: read a time phrase the way a careful news editor would.

``resolve(phrase, said_on)`` turns the words a speaker used ("this week", "in the
coming weeks", "by the end of Q2", "31/03/2026") into a window of calendar days
``[start, end]`` counted from the day the words were said. A vague phrase gives a
real window, never a single day. docs/deadlines.md is the written policy; this
module is that policy in code.

How a phrase is read:

1. ``normalise`` folds case, quotes, brackets, dashes, number words and times
   of day into one plain form ("In [the] coming weeks." -> "in the coming weeks").
2. ``_split_mode`` takes off the words that say how the named period becomes a
   window: "by", "before", "within", "at the latest"...
3. The rest (the core) is matched against the rule table: compiled regexes
   tried in order, each with a small handler returning a ``_Span``, the period
   the words name (a week, a quarter, a horizon of 42 days...).
4. ``_apply_mode`` turns span and mode into the window.
5. Only when no rule matches and the text looks like an explicit date is
   dateparser asked; it is imported there, never at module import.

Pure and deterministic: no clock, no I/O; results are cached per
(normalised phrase, said-on day).
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import IntEnum
from functools import lru_cache
from typing import Any, NamedTuple

from tracker.errors import DeadlineError

__all__ = ["Deadline", "normalise", "resolve"]

ONE_DAY = timedelta(days=1)
_MAX_CORE = 120  # longer text is prose, not a deadline; also bounds the range splitter


# ---------------------------------------------------------------- public API


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
    except _Unreadable as why:
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


class _Unreadable(Exception):
    """Internal: why a normalised phrase cannot be read."""


class _Window(NamedTuple):
    start: date
    end: date
    rule: str
    alternatives: tuple[_Window, ...]

    def to_deadline(self, phrase: str) -> Deadline:
        alts = tuple(alt.to_deadline(phrase) for alt in self.alternatives)
        return Deadline(self.start, self.end, phrase, self.rule, alts)


# ---------------------------------------------------------------- normalising

_CHAR_MAP = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys('\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"', " "),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("[](){}<>,;!?*|_~^=", " "),
        "@": " at ",
        "&": " and ",
    }
)

_NUMBER_WORDS = {
    "zero": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_DECADE_WORDS = {w[:-1] + "ies": f"{n}s" for w, n in _TENS_WORDS.items()}
_NUMERIC_WORDS = set(_NUMBER_WORDS) | set(_TENS_WORDS) | set(_ORDINAL_WORDS) | set(_SCALE_WORDS)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _read_number(tokens: list[str], i: int) -> tuple[str, int]:
    """Read number words from tokens[i:]: ("21", next index), or ("", i) if none."""
    total, current, j, last = 0, 0, i, ""
    while j < len(tokens):
        word = tokens[j]
        if word in _NUMBER_WORDS and last in ("", "tens", "scale"):
            current, last = current + _NUMBER_WORDS[word], "unit"
        elif word in _TENS_WORDS and last in ("", "scale"):
            current, last = current + _TENS_WORDS[word], "tens"
        elif word in _ORDINAL_WORDS and last in ("", "tens", "scale"):
            return _ordinal(total + current + _ORDINAL_WORDS[word]), j + 1
        elif word in _SCALE_WORDS and last in ("unit", "tens"):
            scale = _SCALE_WORDS[word]
            total, current = (
                (total, current * scale) if scale == 100 else (total + current * scale, 0)
            )
            last = "scale"
        elif word == "a" and last == "" and tokens[j + 1 : j + 2] and tokens[j + 1] in _SCALE_WORDS:
            current, last = 1, "unit"
        elif not (
            word == "and"
            and last == "scale"
            and tokens[j + 1 : j + 2]
            and tokens[j + 1] in _NUMERIC_WORDS
        ):
            break
        j += 1
    return (str(total + current) if last else ""), j


def _words_to_numbers(text: str) -> str:
    """'twenty one days' -> '21 days'; 'the third quarter' -> 'the 3rd quarter'."""
    tokens = text.split()
    if _NUMERIC_WORDS.isdisjoint(tokens) and _DECADE_WORDS.keys().isdisjoint(tokens):
        return text
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if word == "second" and out and out[-1] in ("a", "an", "one", "1", "per"):
            out.append(word)  # the time unit, not the ordinal
            i += 1
            continue
        if word in _DECADE_WORDS:
            out.append(_DECADE_WORDS[word])
            i += 1
            continue
        value, j = _read_number(tokens, i)
        out.append(value or word)
        i = max(j, i + 1)
    return " ".join(out)


_UNIT_WORDS = (
    r"(?:business|working) days?|workdays?|seconds?|secs?|minutes?|mins?|hours?|hrs?"
    r"|days?|nights?|weeks?|wks?|fortnights?|months?|mths?|mos?|quarters?|qtrs?"
    r"|years?|yrs?|decades?|centuries|century"
)


def _alternation(words: Any) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


Replacement = str | Callable[[re.Match[str]], str]


def _coming_units(m: re.Match[str]) -> str:
    """'the weeks and months ahead' -> 'the coming weeks and months'."""
    return "the coming " + " and ".join(unit for unit in m.groups() if unit)


class _Rewrites:
    """Ordered regex substitutions, each with '|'-separated trigger substrings.

    One scan finds which triggers occur; only the rows they name run, so a
    phrase pays for the few rewrites that can apply to it, not for all of them.
    """

    def __init__(self, *rows: tuple[str, str, Replacement]) -> None:
        self.rows = [(re.compile(pattern), repl) for _, pattern, repl in rows]
        self.rows_for: dict[str, list[int]] = {}
        for index, (triggers, _, _) in enumerate(rows):
            for trigger in triggers.split("|"):
                self.rows_for.setdefault(trigger, []).append(index)
        self.scan = re.compile("(?=(" + _alternation(self.rows_for) + "))")

    def __call__(self, text: str) -> str:
        hits = {i for t in self.scan.findall(text) for i in self.rows_for[t]}
        for index in sorted(hits):
            pattern, repl = self.rows[index]
            text = pattern.sub(repl, text)
        return text


# Character-level clean-up, before number words are read.
_CLEANUPS = _Rewrites(
    (
        ":",
        r"(\d{4}-\d{1,2}-\d{1,2})t\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?",
        r"\1",
    ),
    (".", r"\b([ap])\.\s?m\b\.?", r"\1m"),
    (".", r"(?<=[a-z])\.", ""),
    (".", r"\.(?!\d)", " "),
    ("'", r"'(?!\d\d(?!\d))", ""),
    ("-|/", r"(?<=[^\W\d_])-|-(?=[^\W\d_])|(?<=[^\W\d_])/|/(?=[^\W\d_])", " "),
    ("-", r"\s+-+\s*|\s*-+\s+|^-+|-+$", " to "),
    ("-", r"\b(q[1-4]|h[12])-(?=\d)", r"\1 "),
    ("to", r"^\s*(?:to\s+)+|(?:\s+to)+\s*$", ""),
    ("one", r"^one day$|\bone of these days\b", "someday"),
)

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2,
    "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip


_MONTH = _alternation(_MONTHS)
_WEEKDAY = _alternation(_WEEKDAYS)
_TZ = r"(?: ?(?:utc|gmt|z|[ecmpa][sd]?t|bst|cet|cest|eet|eest|ist|jst|aest|aedt|msk))?"

# Word-for-word replacements (abbreviations, spellings), in one pass.
_WORD_SWAPS = {
    "yrs": "years", "yr": "year", "qtrs": "quarters", "qtr": "quarter", "wks": "weeks",
    "wk": "week", "hrs": "hours", "hr": "hour", "untill": "until", "upcoming": "coming",
    "xmas": "christmas", "x mas": "christmas", "eoy": "end of year", "eom": "end of month",
    "eow": "end of week", "eoq": "end of quarter", "week end": "weekend", "wkend": "weekend",
    "mid term": "medium term", "last weeks": "last week", "last night": "yesterday",
    "springtime": "spring", "summertime": "summer", "wintertime": "winter",
    "any time soon": "soon", "sooner rather than later": "soon", "as quickly as possible": "soon",
    "in the new year": "the start of next year", "this side of": "before",
    "the next little while": "soon", "a little while": "soon",
}  # fmt: skip
_WORD_SWAP = re.compile(r"\b(?:" + _alternation(_WORD_SWAPS) + r")\b")

# Word-level rewrites, after number words are digits.
_REWRITES = _Rewrites(
    ("couple|pair", r"\b(?:a couple|couple|a pair)(?: of)?\b", "2"),
    ("few|handful|small number", r"\b(?:a few|a handful of|a small number of)\b", "few"),
    ("dozen", r"\ba dozen\b|\bdozen\b", "12"),
    ("half", r"\bhalf an? (" + _UNIT_WORDS + r")\b", r"0.5 \1"),
    ("half", r"\b(?:an?|1) (" + _UNIT_WORDS + r") and a half\b", r"1.5 \1"),
    ("half", r"\b(\d+) and a half (" + _UNIT_WORDS + r")\b", r"\1.5 \2"),
    ("half", r"\b(\d+) (" + _UNIT_WORDS + r") and a half\b", r"\1.5 \2"),
    ("quarter", r"\b(?:1|a) quarter of (?:an|1) hour\b", "15 minutes"),
    ("quarter", r"\b3 quarters of (?:an|1) hour\b", "45 minutes"),
    ("a ", r"\ban? (?=(?:" + _UNIT_WORDS + r")\b)", "1 "),
    ("matter", r"\b(?:a )?matter of\b", "coming"),
    ("ahead|to come", r"\b(?:the )?(hours|days|weeks|months|years)"
     r"(?: and (hours|days|weeks|months|years))? (?:ahead|to come)\b", _coming_units),
    ("ahead", r"\b(?:the )?(week|month|year) ahead\b", r"the coming \1"),
    ("mid", r"\bmid(week|month|year|summer|winter|spring|autumn|fall|decade|quarter|term)\b",
     r"mid \1"),
    (" a m| p m", r"(?<=\d) ([ap]) m\b", r" \1m"),
    ("not |rather than",
     r",? ?(?:and |but )?(?:not|rather than) (?:hours|days|weeks|months|years)\b", ""),
    ("end", r"\b(year|month|week|quarter|half|summer|spring|winter|autumn|fall)s? end\b",
     r"end of \1"),
    ("soon", r"\b(?:pretty|quite|relatively|really|fairly|reasonably|rather) soon\b", "soon"),
    ("run up", r"\b(?:in )?the run up to\b", "before"),
    (" is out| is over",
     r"\b(?:by the time |before )?the (week|month|year|decade) is (?:out|over)\b",
     r"by the end of the \1"),
    ("later", r"\bat a later (?:date|stage|time|point)\b", "later"),
    ("morning", r"^(?:(?:by|in|until|till) )?(?:the )?morning$", "tomorrow"),
    ("tonight|this ", r"\b\d{1,2} (?=tonight\b|this (?:morning|afternoon|evening)\b)", ""),
    ("tonight|this ", r"\b(?:tonight|this (?:morning|afternoon|evening))\b", "today"),
    ("day ", r"\b(?:the )?day (after|before) (?!tomorrow\b|yesterday\b)", r"1 day \1 "),
)  # fmt: skip

# Times of day become the marker '@t'; a phrase that is only a time means the
# said-on day, and a time beside a day ("friday at 5pm") leaves the day.
_TIME_OF_DAY = re.compile(
    r"\b(?:(?:a |1 )?quarter|half|\d{1,2}) (?:past|after) \d{1,2}(?: ?(?:am|pm))?\b"
    r"|\b(?:(?:a |1 )?quarter|half|\d{1,2}) (?:to|till) (?:\d{1,2} ?(?:am|pm)|noon|midnight)\b"
    r"|\b\d{1,2}(?: (?:to|-) \d{1,2})? in the (?:am|pm)\b"
    r"|\b\d{1,2}(?::\d{2})? ?(?:-|to) ?\d{1,2}(?::\d{2} ?(?:am|pm)?| ?(?:am|pm))" + _TZ + r"\b"
    r"|\b\d{1,2}(?::\d{2})? ?[ap]\b|\bat (?:[01]?\d|2[0-3])[0-5]\d\b"
    r"|\b\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?: ?(?:am|pm|a|p|h))?" + _TZ + r"\b"
    r"|\b(?![12]h)\d{1,2}h\d{2}\b|\b\d{1,2} \d{2} ?(?:am|pm)\b"
    r"|\bat \d{1,2}(?::\d{2}| \d{2})?" + _TZ + r"(?=$| (?:today|tomorrow|in the|this|on)\b)"
    r"|\b\d{1,2}\.\d{2} ?(?:am|pm)" + _TZ + r"\b"
    r"|\b\d{1,4} ?(?:am|pm)" + _TZ + r"\b"
    r"|\b\d{1,2} ?oclock(?: ?(?:am|pm))?\b"
    r"|\b(?:(?:early|late|mid) )?(?:in the )?(?:morning|afternoon|evening|night)s?\b"
    r"|\b(?:noon|midday|midnight|lunchtime|lunch|eod|cob|eob|1st thing)\b"
    r"|\b(?:the )?(?:close|end|start) of "
    r"(?:business|play|trading|(?:the )?(?:business |working )?day)\b"
)
_TIME_MARK = re.compile(
    r"(?:\b(?:at|on|around|about|from|in|after|the|this|of|to|and|or|between|for|-)\s+)*@t"
    r"(?: (?:at \d{1,2}(?::\d{2})?|of|on|to|and|or|-)(?= |$))*"
)
_DANGLING = re.compile(r"(?: (?:at|by|before|until|till|on|around|about|from|in))+$")
_TIME_HINT = re.compile(
    r"\d|noon|midday|midnight|morning|afternoon|evening|night|lunch|eod|cob|eob|of "
)


@lru_cache(maxsize=8192)
def normalise(phrase: str) -> str:
    """The plain form rules read: lower case, ASCII punctuation, digits for numbers.

    >>> normalise("In [the] Coming Weeks.")
    'in the coming weeks'
    >>> normalise("within twenty-one days")
    'within 21 days'
    """
    text = unicodedata.normalize("NFKC", phrase).casefold().translate(_CHAR_MAP)
    text = " ".join(_CLEANUPS(text).split())
    text = _words_to_numbers(text)
    text = _WORD_SWAP.sub(lambda m: _WORD_SWAPS[m[0]], text)
    text = _REWRITES(text)
    if _TIME_HINT.search(text):
        text = _TIME_OF_DAY.sub(" @t ", text)
    return " ".join(text.split())


# ---------------------------------------------------------------- modes


class _Mode(IntEnum):
    """How a named period becomes a window; the strongest word found wins."""

    IN = 0  # "in March", "on Friday", "during the week": the period itself
    WITHIN = 1  # "within this month": from the said-on day to its end
    BY = 2  # "by March", "until Friday", "no later than": said-on day .. its end
    BEFORE = 3  # "before Friday": said-on day .. the day before it begins


def _words(text: str) -> list[str]:
    return text.split("|")


_PREFIX_MODES = {
    **dict.fromkeys(
        _words(
            "in|on|at|during|over|for|from|as of|around|about|approximately|roughly|circa|ca"
            "|sometime|some time|sometime in|at some point|at some stage|some point|as early as"
            "|as soon as|probably|possibly|likely|perhaps|maybe|hopefully|expected|scheduled for"
            "|slated for|set for|due|planned for|targeted for|targeting|aiming for|starting"
            "|beginning|effective|then|just|only|even|over the course of|in the course of"
            "|during the course of|in the space of|not until"
        ),
        _Mode.IN,
    ),
    **dict.fromkeys(
        _words("within|inside|inside of|in under|in less than|less than|under"), _Mode.WITHIN
    ),
    **dict.fromkeys(
        _words(
            "by|until|till|til|up to|up until|through|thru|no later than|not later than"
            "|by no later than|at the latest by|as late as|expected by|due by|on or before"
            "|or before|by or before"
        ),
        _Mode.BY,
    ),
    **dict.fromkeys(_words("before|prior to|ahead of|in time for|sometime before"), _Mode.BEFORE),
}
_PREFIX = re.compile(r"(" + _alternation(_PREFIX_MODES) + r")(?: |$)")
_SUFFIX_MODES = {
    **dict.fromkeys(
        _words(
            "or so|or thereabouts|ish|at the earliest|or later|give or take|approximately"
            "|roughly|or around then|hopefully|probably|possibly|as planned|as scheduled"
            "|at least|or more|at the soonest"
        ),
        _Mode.IN,
    ),
    **dict.fromkeys(_words("at most|or less|max|tops"), _Mode.WITHIN),
    **dict.fromkeys(
        _words(
            "at the latest|at the very latest|latest|or sooner|or earlier|or before"
            "|if not sooner|if not earlier|if not before"
        ),
        _Mode.BY,
    ),
}
_SUFFIX = re.compile(r"(?:^| )(" + _alternation(_SUFFIX_MODES) + r")$")


def _split_mode(text: str) -> tuple[_Mode, str]:
    """Strip mode words from both ends: ('by the end of march' -> BY, 'the end of march').

    Times of day go first: 'by 5pm' is the said-on day, 'friday at 5pm' is Friday.
    """
    timed = "@t" in text
    if timed:
        text = _DANGLING.sub("", " ".join(_TIME_MARK.sub(" ", text).split()))
    mode = _Mode.IN
    while text not in _FIXED and (m := _PREFIX.match(text)) is not None:
        mode, text = max(mode, _PREFIX_MODES[m[1]]), text[m.end() :]
    while (m := _SUFFIX.search(text)) is not None:
        mode, text = max(mode, _SUFFIX_MODES[m[1]]), text[: m.start()]
    return mode, (text or "@t") if timed else text


_MODE_NOTES = {
    _Mode.IN: "",
    _Mode.WITHIN: "; 'within' counts from the said-on day to its end",
    _Mode.BY: "; 'by' counts from the said-on day to its end",
    _Mode.BEFORE: "; 'before' ends the day before it begins",
}


# ---------------------------------------------------------------- spans


@dataclass(frozen=True, slots=True)
class _Span:
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
    alternatives: tuple[_Span, ...] = ()


class _Ctx(NamedTuple):
    said_on: date
    not_before: date  # floating periods take the first occurrence ending on/after this
    by: bool = False  # read for 'by'/'within': a part ends at its by_end ("by mid-April")


def _day(day: date, rule: str, **flags: Any) -> _Span:
    return _Span(day, day, "day", rule, **flags)


def _apply_mode(span: _Span, mode: _Mode, said_on: date) -> _Window:
    start, end = _mode_window(span, mode, said_on)
    note = "" if span.rolling or span.deadline else _MODE_NOTES[mode]
    alts = tuple(_apply_mode(alt, mode, said_on) for alt in span.alternatives)
    return _Window(start, end, span.rule + note, alts)


def _mode_window(span: _Span, mode: _Mode, said_on: date) -> tuple[date, date]:
    if span.rolling:
        return span.start, span.end
    if mode is _Mode.BEFORE and not span.deadline:
        end = span.start - ONE_DAY
        return (said_on, end) if end >= said_on else (end, end)
    if mode is not _Mode.IN or span.deadline:
        end = span.by_end if (span.by_end and mode is not _Mode.IN) else span.end
        return (said_on, end) if end >= said_on else (min(span.start, end), end)
    if span.end < said_on:
        return span.start, span.end
    return max(said_on, span.start), span.end


# ---------------------------------------------------------------- calendar helpers


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def _add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _safe_date(year: int, month: int, day: int) -> date | None:
    valid = 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31
    if valid and day <= calendar.monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _this_monday(said_on: date) -> date:
    """Monday of "this week": said on a Saturday or Sunday, the week ahead."""
    return _monday(said_on) + timedelta(days=7 if said_on.weekday() >= 5 else 0)


def _next_weekday(after: date, weekday: int) -> date:
    """The first ``weekday`` strictly after ``after``."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def _previous_weekday(before: date, weekday: int) -> date:
    return before - timedelta(days=(before.weekday() - weekday - 1) % 7 + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def _last_weekday(year: int, month: int, weekday: int) -> date:
    end = _month_end(year, month)
    return end - timedelta(days=(end.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _whole_months(start: date, end: date) -> int:
    """How many whole months [start, end] covers, or 0 if it is not month-aligned."""
    if start.day != 1 or end != _month_end(end.year, end.month):
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _pivot_year(two_digits: int, said_on: date) -> int:
    """'26 -> 2026: the year ending in those digits within 70 years back, 29 ahead."""
    low = said_on.year - 70
    return low + (two_digits - low) % 100


_LAST = frozenset({"last", "past", "this past", "the last", "the previous", "previous"})
_NEXT = frozenset({"next", "the next", "the following", "following"})


def _occurrence(
    make: Callable[[int], tuple[date, date] | None], ctx: _Ctx, rel: str = ""
) -> tuple[date, date] | None:
    """Pick from a yearly series: the current-or-next one (future reading),
    the next one that has not begun ("next"), or the last one that has ended."""
    said_on = ctx.said_on
    if rel in _LAST:
        years = range(min(said_on.year, 9999), max(said_on.year - 12, 0), -1)
        found = (make(y) for y in years)
        return next((w for w in found if w and w[1] < said_on), None)
    first = max(ctx.not_before.year - 1, 1)
    windows = (make(y) for y in range(first, min(first + 12, 10000)))
    if rel in _NEXT or rel == "after next":
        later = [w for w in windows if w and w[0] > said_on][:2]
        return later[rel == "after next"] if len(later) > (rel == "after next") else None
    return next((w for w in windows if w and w[1] >= ctx.not_before), None)


def _yearly(
    make: Callable[[int], tuple[date, date] | None], year: int | None, ctx: _Ctx, rel: str
) -> tuple[date, date, bool] | None:
    """(start, end, floating) for a yearly period, named year or picked occurrence."""
    if year is not None:
        window = make(year) if 1 <= year <= 9999 else None
        return (*window, False) if window else None
    window = _occurrence(make, ctx, rel)
    return (*window, not rel) if window else None


# ---------------------------------------------------------------- the rule table

Handler = Callable[[re.Match[str], _Ctx], _Span | None]
_RULES: list[tuple[re.Pattern[str], Handler]] = []

_YEAR_REL = {
    "this year": 0, "the year": 0, "the current year": 0, "current year": 0, "year": 0,
    "next year": 1, "the following year": 1, "the next year": 1, "the coming year": 1,
    "last year": -1, "the previous year": -1, "the last year": -1, "previous year": -1,
    "the year after next": 2, "the year before last": -2, "@year": 0,
}  # fmt: skip
_PLACEHOLDERS = {
    "<MONTH>": _MONTH,
    "<WD>": _WEEKDAY,
    "<YEAR>": r"\d{4}|'\d\d|" + _alternation(_YEAR_REL),
    "<NUM>": r"\d+(?:\.\d+)?",
    "<UNIT>": _UNIT_WORDS + r"|h|d|y",
}


def _expand(pattern: str) -> re.Pattern[str]:
    for name, fragment in _PLACEHOLDERS.items():
        pattern = pattern.replace(name, f"(?:{fragment})")
    return re.compile(pattern)


def _rule(pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a core that fully matches ``pattern`` (order matters)."""
    compiled = _expand(pattern)

    def register(handler: Handler) -> Handler:
        _RULES.append((compiled, handler))
        return handler

    return register


def _year_value(token: str | None, said_on: date) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if token.startswith("'"):
        return _pivot_year(int(token[1:]), said_on)
    return said_on.year + _YEAR_REL[token]


def _parse(text: str, ctx: _Ctx) -> _Span | None:
    """The span the core ``text`` names, or None if no rule reads it."""
    if text in _FIXED:
        return _FIXED[text](ctx)
    for pattern, handler in _RULES:
        match = pattern.fullmatch(text)
        if match is not None:
            span = handler(match, ctx)
            if span is not None:
                return span
    return None


# ---- fixed words: days, vague horizons, refusals

_NO_DEADLINE = frozenset(
    _words(
        "eventually|someday|some day|one day|one of these days|sooner or later|the future"
        "|future|the long run|long run|the long term|long term|the longer term|longer term"
        "|down the road|down the line|the fullness of time|the foreseeable future"
        "|foreseeable future|never|some point|at some point|some stage|later|afterwards"
        "|in time|time|until further notice|further notice|the end|ultimately|one time"
        "|at some stage|sometime|some time|when the time is right|in the long run"
        "|the longer run|longer run|the distant future|distant future|the long haul"
    )
)
_EVENT_RELATIVE = re.compile(r"day (?:1|zero|0)|the 1st (?:\d+ )?days?|the 1st day|1st \d+ days")

# phrase -> (amount, unit): the vague-horizon policy of docs/deadlines.md
_VAGUE = {
    **dict.fromkeys(_words("immediately|right away|straight away|straightaway|at once|forthwith"
                           "|momentarily"), (1, "day")),
    **dict.fromkeys(_words("imminently|imminent|any day now|any day|any time now|any moment now"
                           "|any moment|any minute now|any minute"), (7, "day")),
    **dict.fromkeys(_words("shortly|very soon|short order|very shortly"), (14, "day")),
    **dict.fromkeys(_words("soon|before long|presently|asap|as soon as possible|soon enough"
                           "|the earliest opportunity|the first opportunity|quickly"), (30, "day")),
    **dict.fromkeys(_words("the near future|near future|the not too distant future"
                           "|not too distant future|the not distant future"), (3, "month")),
    **dict.fromkeys(_words("due course|the near term|near term|the short term|short term"),
                    (6, "month")),
    **dict.fromkeys(_words("the medium term|medium term"), (3, "year")),
}  # fmt: skip
_DAY_WORDS = {
    "today": (0, "today: the said-on day"),
    "now": (0, "now: the said-on day"),
    "right now": (0, "now: the said-on day"),
    "just now": (0, "now: the said-on day"),
    "this day": (0, "today: the said-on day"),
    "this time": (0, "today: the said-on day"),
    "the hour": (0, "within the hour: the said-on day"),
    "@t": (0, "a time of day: the said-on day"),
    "tomorrow": (1, "tomorrow: the day after the said-on day"),
    "tmrw": (1, "tomorrow: the day after the said-on day"),
    "tmr": (1, "tomorrow: the day after the said-on day"),
    "the next day": (1, "the next day"),
    "next day": (1, "the next day"),
    "the following day": (1, "the next day"),
    "overnight": (1, "overnight: by the next day"),
    "the day after tomorrow": (2, "the day after tomorrow"),
    "day after tomorrow": (2, "the day after tomorrow"),
    "overmorrow": (2, "the day after tomorrow"),
    "yesterday": (-1, "yesterday (a past day)"),
    "the day before yesterday": (-2, "the day before yesterday (a past day)"),
    "day before yesterday": (-2, "the day before yesterday (a past day)"),
}


def _horizon(said_on: date, amount: float, unit: str, rule: str) -> _Span:
    """A rolling window from the said-on day to ``amount`` ``unit``s later."""
    end = _shift(said_on, amount, unit)
    start, end = (said_on, end) if end >= said_on else (end, said_on)
    return _Span(start, end, "horizon", rule, rolling=True)


def _fixed_table() -> dict[str, Callable[[_Ctx], _Span | None]]:
    table: dict[str, Callable[[_Ctx], _Span | None]] = {}
    for phrase, (offset, rule) in _DAY_WORDS.items():
        table[phrase] = lambda ctx, o=offset, r=rule, p=phrase: _day(
            ctx.said_on + timedelta(days=o), r, deadline=p == "@t"
        )
    for phrase, (amount, unit) in _VAGUE.items():
        rule = f"vague horizon '{phrase}': up to {_amount_words(amount, unit)} (policy)"
        table[phrase] = lambda ctx, a=amount, u=unit, r=rule: _horizon(ctx.said_on, a, u, r)
    return table


def _amount_words(amount: float, unit: str) -> str:
    name = "business day" if unit == "bday" else unit
    plural = "centuries" if name == "century" else f"{name}s"
    return f"{amount:g} {name if amount == 1 else plural}"


# ---- durations and horizons

_UNIT_KEYS = (
    ("business", "bday"), ("working", "bday"), ("workday", "bday"), ("sec", "second"),
    ("min", "minute"), ("h", "hour"), ("dec", "decade"), ("d", "day"), ("night", "day"),
    ("wk", "week"),
    ("week", "week"), ("fortnight", "fortnight"), ("mo", "month"), ("mth", "month"),
    ("q", "quarter"), ("y", "year"), ("cent", "century"),
)  # fmt: skip
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}


@lru_cache(maxsize=64)
def _unit(word: str) -> str:
    return next(key for prefix, key in _UNIT_KEYS if word.startswith(prefix))


def _shift(day: date, amount: float, unit: str) -> date:
    """``day`` moved by ``amount`` units; hours and less count whole days only."""
    if abs(amount) > 4_000_000:
        raise _Unreadable("the date falls outside the calendar (years 1 to 9999)")
    if unit in _UNIT_MONTHS:
        months = amount * _UNIT_MONTHS[unit]
        whole = math.floor(months)
        return _add_months(day, whole) + timedelta(days=round((months - whole) * 30))
    if unit == "bday":
        return _add_business_days(day, int(amount))
    if unit in ("hour", "minute", "second"):
        per_day = {"hour": 24, "minute": 1440, "second": 86400}[unit]
        return day + timedelta(days=math.floor(amount / per_day))
    return day + timedelta(days=round(amount * _UNIT_DAYS[unit]))


def _add_business_days(day: date, count: int) -> date:
    step = 1 if count >= 0 else -1
    weeks, rest = divmod(abs(count), 5)
    day += timedelta(days=7 * weeks * step)
    while rest:
        day += timedelta(days=step)
        rest -= day.weekday() < 5
    return day


def _number(text: str) -> float:
    return float(text) if "." in text else int(text)


_VAGUE_UNITS = {  # the coming/next few X: (amount, unit)
    "seconds": (0, "day"), "minutes": (0, "day"), "hours": (1, "day"), "days": (7, "day"),
    "weeks": (42, "day"),
    "months": (6, "month"), "years": (5, "year"),
}  # fmt: skip
_SEVERAL_UNITS = {
    "seconds": (0, "day"), "minutes": (0, "day"), "hours": (1, "day"), "days": (7, "day"),
    "weeks": (56, "day"),
    "months": (9, "month"), "years": (7, "year"),
}  # fmt: skip


@_rule(
    r"(?:the )?(?P<q>coming|next few|next several|next|few|several|following few|coming few"
    r"|past few|last few)? ?(?P<unit>hours|days|weeks|months|years)"
)
def _vague_units(m: re.Match[str], ctx: _Ctx) -> _Span:
    """'the coming weeks', 'within days', 'in the next few months' (policy table)."""
    q, unit = m["q"] or "", m["unit"]
    amount, step = (_SEVERAL_UNITS if "several" in q else _VAGUE_UNITS)[unit]
    if q.startswith(("past", "last")):
        amount = -amount
    words = f"'{(q + ' ' + unit).strip()}'"
    rule = f"vague horizon {words}: up to {_amount_words(abs(amount), step)} (policy)"
    return _horizon(ctx.said_on, amount, step, rule)


@_rule(
    r"(?:the (?:next|coming)|coming|this coming)"
    r" (?P<unit>hour|week|fortnight|month|year|decade|century)"
    r"(?: or (?P<n><NUM>)(?: (?:<UNIT>))?)?"
)
def _next_unit(m: re.Match[str], ctx: _Ctx) -> _Span:
    """'over the next year', 'the coming week', 'the next week or two': from the said-on day."""
    unit, amount = _unit(m["unit"]), _number(m["n"]) if m["n"] else 1
    rule = f"rolling horizon: {_amount_words(amount, unit)} from the said-on day"
    return _horizon(ctx.said_on, amount, unit, rule)


_DURATION_TAIL = (
    r"(?: (?:from now|from right now|from today|from this day|hence|time|away|out|later|ahead"
    r"|on|more|or so|in total|total))*"
)


@_rule(
    r"(?:the )?(?:next |coming |following |another |more |further )?(?P<n><NUM>)"
    r"(?:(?:-| to | or )(?P<n2><NUM>))? ?(?:more |additional |further |extra |full |short )?"
    r"(?P<unit><UNIT>)(?: or (?:so|(?P<n3><NUM>)(?: (?:<UNIT>))?))?" + _DURATION_TAIL
)
def _duration(m: re.Match[str], ctx: _Ctx) -> _Span:
    """'in 30 days', 'within two weeks', 'in a week or two', '3-4 months'."""
    amount = _number(m["n3"] or m["n2"] or m["n"])
    unit = _unit(m["unit"])
    rule = f"rolling horizon: {_amount_words(amount, unit)} from the said-on day"
    return _horizon(ctx.said_on, amount, unit, rule)


@_rule(
    r"(?:the )?(?:next |coming )?(?P<q>few|several) (?:short )?(?P<unit><UNIT>)" + _DURATION_TAIL
)
def _few_units(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'in a few days', 'several weeks from now': the vague-horizon policy."""
    unit = _unit(m["unit"]) + "s"
    table = _SEVERAL_UNITS if m["q"] == "several" else _VAGUE_UNITS
    if unit not in table:
        return None
    amount, step = table[unit]
    rule = f"vague horizon '{m['q']} {unit}': up to {_amount_words(amount, step)} (policy)"
    return _horizon(ctx.said_on, amount, step, rule)


_COMPOUND_PART = _expand(r"(<NUM>) ?(<UNIT>)")


@_rule(
    r"(?:<NUM> ?(?:<UNIT>)(?: and|,)? ){1,6}(?:and )?<NUM> ?(?:<UNIT>)(?P<ago> ago)?"
    + _DURATION_TAIL
)
def _compound_duration(m: re.Match[str], ctx: _Ctx) -> _Span:
    """'1 year and 2 months', '2 weeks 3 days ago'."""
    sign = -1 if m["ago"] else 1
    end = ctx.said_on
    for amount, unit in _COMPOUND_PART.findall(m[0]):
        end = _shift(end, sign * _number(amount), _unit(unit))
    if m["ago"]:
        return _day(end, "a past day: a compound duration before the said-on day")
    return _Span(ctx.said_on, end, "horizon", "rolling horizon: a compound duration", rolling=True)


@_rule(
    r"(?P<n><NUM>) ?(?P<unit><UNIT>)"
    r" (?:ago|back|earlier|before now|before today|before|prior|previously)"
)
def _ago(m: re.Match[str], ctx: _Ctx) -> _Span:
    day = _shift(ctx.said_on, -_number(m["n"]), _unit(m["unit"]))
    return _day(day, "a past day: a duration before the said-on day")


@_rule(
    r"(?:the (?:past|last|previous|preceding)|over the past) (?:(?P<n><NUM>) )?(?P<unit><UNIT>)"
    r"|(?:past|last) (?P<n2><NUM>) (?P<unit2><UNIT>)"
)
def _past_horizon(m: re.Match[str], ctx: _Ctx) -> _Span:
    number = m["n"] or m["n2"]
    amount = _number(number) if number else 1
    unit = _unit(m["unit"] or m["unit2"])
    rule = f"a past horizon: the {_amount_words(amount, unit)} before the said-on day"
    return _horizon(ctx.said_on, -amount, unit, rule)


@_rule(r"this time (?P<rel>next|last) (?P<unit>week|month|year)|this time tomorrow")
def _this_time_next(m: re.Match[str], ctx: _Ctx) -> _Span:
    if m["rel"] is None:
        return _day(ctx.said_on + ONE_DAY, "this time tomorrow: the next day")
    sign = 1 if m["rel"] == "next" else -1
    day = _shift(ctx.said_on, sign, _unit(m["unit"]))
    return _day(day, f"this time {m['rel']} {m['unit']}: that one day")


# ---- weekdays, weekends, weeks


def _weekday_after(wd: int, ctx: _Ctx) -> date:
    after = max(ctx.said_on, ctx.not_before - ONE_DAY)
    return _next_weekday(after, wd)


def _next_week_day(wd: int, said_on: date) -> date:
    return _monday(said_on) + timedelta(days=7 + wd)


@_rule(
    r"(?:(?P<rel>this coming|coming|this|on|next|the following|following|the next|last|this past"
    r"|past|previous|the previous|the last) )?(?P<wd><WD>)s?(?: (?P<suffix>(?:of )?next week"
    r"|(?:of )?this week|(?:of |from )?last week|(?:of )?the following week|after next|week"
    r"|next|last))?"
    r"|(?P<wk>next week|the following week|this week|last week) (?:on )?(?P<wd2><WD>)"
)
def _weekday(m: re.Match[str], ctx: _Ctx) -> _Span:
    """Weekday names: the next one after the said-on day, never the said-on day."""
    wd = _WEEKDAYS[m["wd"] or m["wd2"]]
    rel = m["rel"] or ""
    suffix = (m["suffix"] or m["wk"] or "").removeprefix("of ").removeprefix("from ")
    said_on, name = ctx.said_on, calendar.day_name[wd]
    if rel in _LAST or suffix == "last":
        return _day(_previous_weekday(said_on, wd), f"last {name}: the one before the said-on day")
    if suffix == "last week":
        return _day(_monday(said_on) - timedelta(days=7 - wd), f"{name} of last week")
    if suffix in ("next week", "the following week"):
        return _day(_next_week_day(wd, said_on), f"{name} of next week (weeks run Monday-Sunday)")
    if suffix == "this week":
        return _day(_this_monday(said_on) + timedelta(days=wd), f"{name} of this week")
    if suffix in ("after next", "week"):
        day = _weekday_after(wd, ctx) + timedelta(days=7)
        return _day(day, f"{name} after next: a week after the coming {name}")
    if rel in _NEXT:
        return _next_weekday_span(wd, said_on, name)
    return _day(_weekday_after(wd, ctx), f"weekday: the first {name} after the said-on day")


def _next_weekday_span(wd: int, said_on: date, name: str) -> _Span:
    """'next Friday': Friday of next week; the coming Friday is the alternative."""
    day = _next_week_day(wd, said_on)
    coming = _next_weekday(said_on, wd)
    alts = () if coming == day else (_day(coming, f"next {name} read as the coming {name}"),)
    rule = f"next {name}: {name} of next week (weeks run Monday-Sunday)"
    return _day(day, rule, alternatives=alts)


@_rule(
    r"(?:(?P<rel>this coming|coming|this|the|next|the following|following|last|this past|past"
    r"|the last|previous|the previous) )?weekends?(?: (?P<after>after next))?"
)
def _weekend(m: re.Match[str], ctx: _Ctx) -> _Span:
    """'this weekend', 'over the weekend', 'next weekend' (Saturday and Sunday)."""
    said_on, rel = ctx.said_on, m["rel"] or ""
    if rel in _LAST:
        sunday_back = said_on - ONE_DAY if said_on.weekday() == 6 else said_on
        return _weekend_span(_previous_weekday(sunday_back, 5), "last weekend (a past weekend)")
    coming = said_on - ONE_DAY if said_on.weekday() == 6 else _next_weekday(said_on - ONE_DAY, 5)
    if rel in _NEXT or m["after"]:
        saturday = _monday(said_on) + timedelta(days=12 + (7 if m["after"] else 0))
        name = "the weekend after next" if m["after"] else "next weekend"
        week = "the week after next" if m["after"] else "next week"
        span = _weekend_span(saturday, f"{name}: Saturday-Sunday of {week}")
        if m["after"] or coming == saturday:
            return span
        return replace(
            span, alternatives=(_weekend_span(coming, "next weekend read as the coming one"),)
        )
    rule = "the weekend: the coming Saturday-Sunday (the current one when said on a weekend)"
    return _weekend_span(coming, rule)


def _weekend_span(saturday: date, rule: str) -> _Span:
    return _Span(saturday, saturday + ONE_DAY, "weekend", rule)


def _week(monday: date, rule: str, **flags: Any) -> _Span:
    return _Span(monday, monday + timedelta(days=6), "week", rule, **flags)


@_rule(
    r"(?P<rel>this|the current|current|the|next|the following|following|last|the previous|previous"
    r"|the last|past)? ?week(?: (?P<after>after next|after))?"
)
def _calendar_week(m: re.Match[str], ctx: _Ctx) -> _Span:
    """Weeks run Monday..Sunday; said on a weekend, 'this week' is the week ahead."""
    said_on, rel = ctx.said_on, m["rel"] or "this"
    if rel in _LAST:
        rule = "last week (a past week, Monday-Sunday; said on a weekend, the one ending)"
        monday = _this_monday(said_on) - timedelta(days=7)
        return _Span(monday, min(monday + timedelta(days=6), said_on - ONE_DAY), "week", rule)
    if rel in _NEXT or m["after"]:
        weeks = 1 + (m["after"] == "after next")
        name = "the week after next" if weeks == 2 else "next week"
        rule = f"{name}: Monday-Sunday, counted from the week of the said-on day"
        return _week(_monday(said_on) + timedelta(days=7 * weeks), rule)
    rule = "this week: Monday-Sunday; said on a weekend, the week ahead"
    return _week(_this_monday(said_on), rule)


# ---- months


@_rule(
    r"(?P<rel>this|the current|current|the|next|the following|following|last|the previous"
    r"|previous)? ?month(?: (?P<after>after next|after))?"
)
def _relative_month(m: re.Match[str], ctx: _Ctx) -> _Span:
    rel = m["rel"] or "this"
    after = {"after next": 2, "after": 1}.get(m["after"] or "", 0)
    shift = -1 if rel in _LAST else (1 if rel in _NEXT else 0) + after
    first = _add_months(ctx.said_on.replace(day=1), shift)
    names = {-1: "last month (a past month)", 0: "this month", 1: "next month"}
    rule = names.get(shift, f"{shift} months after this one")
    return _Span(first, _month_end(first.year, first.month), "month", rule)


@_rule(
    r"(?:(?P<rel>this coming|coming|this|next|last|this past|past|the) )?(?P<mon><MONTH>)"
    r"(?: (?:of )?(?P<year><YEAR>))?(?: (?P<after>after next))?"
)
def _named_month(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'in March' (this March unless it is over), 'March 2026', 'next March'."""
    month = _MONTHS[m["mon"]]
    rel = "after next" if m["after"] else (m["rel"] or "")
    rel = "" if rel in ("this", "the", "coming", "this coming") else rel
    found = _yearly(lambda y: _month_span(y, month), _year_value(m["year"], ctx.said_on), ctx, rel)
    if found is None:
        return None
    start, end, floating = found
    rule = f"named month: {calendar.month_name[month]} {start.year}"
    return _Span(
        start, end, "month", rule + (" (future reading)" if floating else ""), floating=floating
    )


@_rule(r"(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2})")
def _numeric_month(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    year, month = int(m["y"] or m["y2"]), int(m["m"] or m["m2"])
    if not 1 <= month <= 12 or year < 1:
        return None
    start, end = _month_span(year, month)
    return _Span(start, end, "month", f"month: {calendar.month_name[month]} {year}")


# ---- explicit dates


def _floating_date(month: int, day: int, ctx: _Ctx, rule: str) -> _Span | None:
    def make(year: int) -> tuple[date, date] | None:
        found = _safe_date(year, month, day)
        return (found, found) if found else None

    found = _occurrence(make, ctx)
    return _day(found[0], rule + " (future reading)", floating=True) if found else None


def _dated(
    year: int | None, month: int, day: int, ctx: _Ctx, rule: str, weekday: str | None = None
) -> _Span | None:
    if year is None and weekday:
        found = _date_on_weekday(month, day, _WEEKDAYS[weekday], ctx.said_on)
        return (
            _day(found, rule + " (the year in which it falls on that weekday)") if found else None
        )
    if year is None:
        return _floating_date(month, day, ctx, rule)
    found = _safe_date(year, month, day)
    return _day(found, rule) if found else None


def _date_on_weekday(month: int, day: int, weekday: int, said_on: date) -> date | None:
    """'Sunday, Feb 10' without a year: the nearest such date that is that weekday."""
    years = range(max(said_on.year - 6, 1), min(said_on.year + 7, 10000))
    found = [d for y in years if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
    return min(found, key=lambda d: (abs((d - said_on).days), d < said_on), default=None)


@_rule(
    r"(?:(?P<wd><WD>) )?(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)? ?(?:of |day of )?(?P<mon><MONTH>)"
    r"(?: (?:of )?(?P<year><YEAR>|\d{2}))?(?: (?P<wd2><WD>))?"
)
def _day_month(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'31 March', '31st of March 2026', 'Tue 31 Mar', '14 april 15'."""
    token = m["year"]
    short = token is not None and len(token) == 2 and token.isdigit()
    year = _pivot_year(int(token), ctx.said_on) if short else _year_value(token, ctx.said_on)
    weekday = m["wd"] or m["wd2"]
    return _dated(year, _MONTHS[m["mon"]], int(m["d"]), ctx, "explicit date", weekday)


@_rule(
    r"(?:(?P<wd><WD>) )?(?P<mon><MONTH>) ?(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?: (?:of )?(?P<year><YEAR>))?(?: (?P<wd2><WD>))?"
)
def _month_day(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'March 31', 'Mar 31st 2026', 'Fri Jul 18'."""
    year = _year_value(m["year"], ctx.said_on)
    weekday = m["wd"] or m["wd2"]
    return _dated(year, _MONTHS[m["mon"]], int(m["d"]), ctx, "explicit date", weekday)


@_rule(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})|(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2})"
)
def _iso_date(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    year, month, day = (int(m[g] or m[g + "2"]) for g in ("y", "m", "d"))
    found = _safe_date(year, month, day)
    return _day(found, "explicit date (year-month-day)") if found else None


@_rule(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?")
def _numeric_date(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'3/31/2026', '31.03.2026', '2/15': month/day with slashes, day.month with dots;
    when both readings are dates, the other is an alternative and a future one wins."""
    a, b, sep, token = int(m["a"]), int(m["b"]), m["sep"], m["y"]
    year = (
        None
        if token is None
        else int(token)
        if len(token) == 4
        else _pivot_year(int(token), ctx.said_on)
    )
    orders = [(a, b, "month/day"), (b, a, "day/month")]
    if sep == ".":
        orders.reverse()
    readings = [s for mo, dy, name in orders if (s := _numeric_reading(year, mo, dy, ctx, name))]
    if not readings:
        return None
    readings.sort(key=lambda s: s.end < ctx.said_on)  # stable: a future reading first
    primary, others = readings[0], [r for r in readings[1:] if r.start != readings[0].start]
    return replace(primary, alternatives=tuple(others))


def _numeric_reading(year: int | None, month: int, day: int, ctx: _Ctx, name: str) -> _Span | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _dated(year, month, day, ctx, f"explicit date ({name})")


@_rule(
    r"(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)(?: (?:day )?of (?P<rel>this|the|next|the following"
    r"|the coming|last) month)?"
)
def _day_of_month(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'on the 15th': this month's 15th unless it has passed; 'the 1st of next month'."""
    day, rel = int(m["d"]), m["rel"] or ""
    first = ctx.said_on.replace(day=1)
    if rel:
        first = _add_months(
            first, 1 if rel in _NEXT or rel == "the coming" else -1 if rel == "last" else 0
        )
        found = _safe_date(first.year, first.month, day)
        return _day(found, f"the {_ordinal(day)} of that month") if found else None
    for months in range(0, 13):
        month = _add_months(first, months)
        found = _safe_date(month.year, month.month, day)
        if found and found >= ctx.not_before:
            return _day(
                found, f"the next {_ordinal(day)} of a month (future reading)", floating=True
            )
    return None


@_rule(r"(?P<wd><WD>) (?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)?")
def _weekday_and_day(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'Tuesday the 19th': the next month in which the 19th is a Tuesday."""
    wd, day = _WEEKDAYS[m["wd"]], int(m["d"])
    first = ctx.said_on.replace(day=1)
    for months in range(0, 29):
        month = _add_months(first, months)
        found = _safe_date(month.year, month.month, day)
        if found and found >= ctx.said_on and found.weekday() == wd:
            return _day(found, "weekday and day of month: the next such date")
    return None


# ---- quarters, halves, seasons, years, decades


def _quarter_span(year: int, q: int) -> tuple[date, date]:
    return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)


def _quarter(q: int, year: int | None, ctx: _Ctx, rel: str = "") -> _Span | None:
    found = _yearly(lambda y: _quarter_span(y, q), year, ctx, rel)
    if found is None:
        return None
    start, end, floating = found
    rule = f"quarter: Q{q} {start.year}" + (" (future reading)" if floating else "")
    return _Span(start, end, "quarter", rule, floating=floating)


@_rule(
    r"(?:the )?(?:q|quarter ?)(?P<q>[1-4])(?: ?(?:of )?(?P<year><YEAR>))?"
    r"|(?P<y4>\d{4}) ?q(?P<q2>[1-4])|(?P<q3>[1-4])q(?: ?(?P<yy>\d{4}|\d{2}))?"
    r"|q(?P<q4>[1-4])[ /](?P<yy2>\d{2})"
    r"|(?:the )?(?P<q5>[1-4])(?:st|nd|rd|th) (?:calendar )?(?:quarter|qtr)"
    r"(?: (?:of )?(?P<year2><YEAR>))?"
)
def _named_quarter(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'Q3', 'Q3 2026', 'the third quarter of next year', '3Q26'."""
    q = int(m["q"] or m["q2"] or m["q3"] or m["q4"] or m["q5"])
    token = m["year"] or m["y4"] or m["year2"]
    year = _year_value(token, ctx.said_on)
    short = m["yy"] or m["yy2"]
    if short:
        year = int(short) if len(short) == 4 else _pivot_year(int(short), ctx.said_on)
    return _quarter(q, year, ctx)


@_rule(
    r"(?:(?P<rel>this|the current|current|the|next|the next|the following|last|the previous"
    r"|previous|the last) )?quarter(?: (?P<after>after next))?"
    r"|(?:the )?(?:final|last|4th) quarter of (?P<year><YEAR>)|(?P<final>(?:the )?final quarter)"
)
def _relative_quarter(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'this quarter', 'next quarter', 'the final quarter (of the year)' (Q4)."""
    if m["year"] or m["final"]:
        return _quarter(4, _year_value(m["year"], ctx.said_on), ctx)
    rel = m["rel"] or "this"
    shift = -1 if rel in _LAST else (1 if rel in _NEXT else 0) + (2 if m["after"] else 0)
    year, q0 = divmod(ctx.said_on.year * 4 + (ctx.said_on.month - 1) // 3 + shift, 4)
    return _quarter(q0 + 1, year, ctx)


@_rule(
    r"(?:the )?h(?P<h>[12])(?: ?(?:of )?(?P<year><YEAR>))?|(?P<h2>[12])h(?: ?(?P<yy>\d{4}|\d{2}))?"
    r"|(?P<y4>\d{4}) ?h(?P<h3>[12])"
)
def _half_code(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'H1', 'H2 2026', '1H26': halves of a calendar year."""
    half = "1st half" if (m["h"] or m["h2"] or m["h3"]) == "1" else "2nd half"
    token = m["year"] or m["y4"]
    if m["yy"]:
        token = m["yy"] if len(m["yy"]) == 4 else str(_pivot_year(int(m["yy"]), ctx.said_on))
    return _within(token or "@year", ctx, lambda span: _part(span, half, ctx.said_on))


_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _season_span(name: str, year: int) -> tuple[date, date] | None:
    """Meteorological seasons, northern hemisphere; winter YYYY starts in December YYYY."""
    first_month = _SEASONS[name]
    if not 1 <= year <= 9998:
        return None
    start = date(year, first_month, 1)
    return start, _add_months(start, 3) - ONE_DAY


@_rule(
    r"(?:(?P<rel>this coming|coming|this|the|current|the current|next|the next|the following|last"
    r"|this past|past|the last|the coming) )?(?P<season>spring|summer|fall|autumn|winter)"
    r"(?: (?:of )?(?P<year><YEAR>)(?P<through>[/-](?:\d{2}|\d{4}))?)?"
    r"(?: (?P<after>after next))?"
)
def _season(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    name = m["season"]
    rel = "after next" if m["after"] else (m["rel"] or "")
    rel = (
        ""
        if rel in ("this", "the", "coming", "this coming", "the coming", "current", "the current")
        else rel
    )
    found = _yearly(lambda y: _season_span(name, y), _year_value(m["year"], ctx.said_on), ctx, rel)
    if found is None:
        return None
    start, end, floating = found
    rule = f"season: {name} {start.year} (meteorological, northern hemisphere)"
    alts: tuple[_Span, ...] = ()
    if name == "winter" and m["year"] and not m["through"]:
        earlier = _season_span(name, start.year - 1)
        if earlier:
            alts = (_Span(*earlier, "season", "winter read as the one ending in that year"),)
    return _Span(start, end, "season", rule + (", future reading" if floating else ""),
                 floating=floating, alternatives=alts)  # fmt: skip


def _year_span(year: int, rule: str, **flags: Any) -> _Span | None:
    if not 1 <= year <= 9999:
        return None
    return _Span(date(year, 1, 1), date(year, 12, 31), "year", rule, **flags)


@_rule(
    r"(?:the )?(?:calendar )?(?:year )?(?P<y>\d{4})|'(?P<yy>\d\d)|(?P<rel>"
    + _alternation(_YEAR_REL)
    + ")"
)
def _year(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'2026', 'in 2026', 'by 2030', 'this year', 'next year'."""
    floating = m["rel"] == "@year"
    year = (
        ctx.not_before.year if floating else _year_value(m["y"] or m["yy"] or m["rel"], ctx.said_on)
    )
    return _year_span(year, f"calendar year {year}", floating=floating) if year else None


@_rule(r"(?P<a>\d{4}) ?(?:-|/|to) ?(?P<b>\d{4}|\d{2})")
def _year_range(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'2026-27', '2026 to 2028': from the first year to the end of the last."""
    first, last = int(m["a"]), m["b"]
    last_year = int(last) if len(last) == 4 else first - first % 100 + int(last)
    if not (first < last_year <= 9999 and first >= 1):
        return None
    rule = f"years {first} to {last_year}"
    return _Span(date(first, 1, 1), date(last_year, 12, 31), "years", rule)


def _fiscal_year(year: int, rule: str) -> _Span | None:
    """US federal fiscal year: FY2026 runs 1 October 2025 - 30 September 2026."""
    if not 2 <= year <= 9999:
        return None
    main = _Span(date(year - 1, 10, 1), date(year, 9, 30), "fiscal year", rule)
    calendar_year = _year_span(year, f"fiscal year read as calendar year {year}")
    return replace(main, alternatives=(calendar_year,) if calendar_year else ())


@_rule(
    r"(?:the )?(?:fiscal|financial) (?:year )?(?P<y>\d{4}|'\d\d)|fy ?(?P<y2>\d{4}|\d{2})"
    r"|(?P<rel>this|the current|current|the|next|the next|the following|last|the previous)"
    r" (?:fiscal|financial) year|fiscal year"
)
def _fiscal(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    token = (m["y"] or m["y2"] or "").lstrip("'")
    if token:
        year = int(token) if len(token) == 4 else _pivot_year(int(token), ctx.said_on)
    else:
        rel = m["rel"] or "this"
        shift = 1 if rel in _NEXT else -1 if rel in _LAST else 0
        year = ctx.said_on.year + (ctx.said_on.month >= 10) + shift
    return _fiscal_year(year, f"fiscal year {year} (US federal: October-September)")


def _decade(first: int, rule: str) -> _Span | None:
    if not 1 <= first <= 9990:
        return None
    return _Span(date(first, 1, 1), date(first + 9, 12, 31), "decade", rule)


@_rule(r"(?:the )?(?P<full>\d{3}0)s|(?:the )?'?(?P<short>\d0)s")
def _named_decade(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'the 2030s'; 'the 30s' is the 1930s, 2030s or 2130s, whichever is nearest."""
    if m["full"]:
        first = int(m["full"])
    else:
        century = ctx.said_on.year - ctx.said_on.year % 100
        options = (
            century - 100 + int(m["short"]),
            century + int(m["short"]),
            century + 100 + int(m["short"]),
        )
        first = min(options, key=lambda y: abs(y + 5 - ctx.said_on.year))
    return _decade(first, f"decade: the {first}s")


@_rule(
    r"(?P<rel>this|the current|current|the|next|the following|last|the previous|previous"
    r"|the last)? ?decade"
)
def _relative_decade(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    rel = m["rel"] or "this"
    shift = -10 if rel in _LAST else 10 if rel in _NEXT else 0
    first = ctx.said_on.year - ctx.said_on.year % 10 + shift
    return _decade(first, f"decade: the {first}s")


@_rule(
    r"(?P<rel>this|the current|current|the|next|the next|last)? ?century"
    r"|(?:the )?(?P<n>\d{2})(?:st|nd|rd|th) century"
)
def _century(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """Centuries run 2001-2100, so 'by the end of the century' ends on 31 December 2100."""
    number = int(m["n"]) if m["n"] else (ctx.said_on.year - 1) // 100 + 1
    number += 1 if m["rel"] in _NEXT else -1 if m["rel"] in _LAST else 0
    first, last = (number - 1) * 100 + 1, number * 100
    if first < 1 or last > 9999:
        return None
    return _Span(date(first, 1, 1), date(last, 12, 31), "century", f"century: {first}-{last}")


# ---- holidays


def _fixed_day(month: int, day: int) -> Callable[[int], date | None]:
    return lambda year: _safe_date(year, month, day)


def _every(
    years: int, remainder: int, make: Callable[[int], date | None]
) -> Callable[[int], date | None]:
    return lambda year: make(year) if year % years == remainder else None


def _us_election_day(year: int) -> date | None:
    first_monday = _nth_weekday(year, 11, 0, 1)
    return first_monday + ONE_DAY if first_monday else None


def _thanksgiving(year: int) -> date | None:
    return _nth_weekday(year, 11, 3, 4)


def _easter_offset(days: int) -> Callable[[int], date | None]:
    return lambda year: _easter(year) + timedelta(days=days) if 1583 <= year <= 9999 else None


_HOLIDAY_DAYS: dict[str, Callable[[int], date | None]] = {
    "christmas": _fixed_day(12, 25), "christmas day": _fixed_day(12, 25),
    "christmas eve": _fixed_day(12, 24), "boxing day": _fixed_day(12, 26),
    "new years eve": _fixed_day(12, 31), "new years day": _fixed_day(1, 1),
    "new years": _fixed_day(1, 1), "new year": _fixed_day(1, 1), "the new year": _fixed_day(1, 1),
    "easter": _easter_offset(0), "easter sunday": _easter_offset(0),
    "easter monday": _easter_offset(1), "good friday": _easter_offset(-2),
    "ash wednesday": _easter_offset(-46), "pentecost": _easter_offset(49),
    "whitsun": _easter_offset(49), "ascension day": _easter_offset(39),
    "thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving,
    "canadian thanksgiving": lambda y: _nth_weekday(y, 10, 0, 2),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "labour day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _last_weekday(y, 5, 0),
    "independence day": _fixed_day(7, 4), "the 4th of july": _fixed_day(7, 4),
    "4th of july": _fixed_day(7, 4), "halloween": _fixed_day(10, 31),
    "valentines day": _fixed_day(2, 14), "valentines": _fixed_day(2, 14),
    "valentine day": _fixed_day(2, 14),
    "st valentines day": _fixed_day(2, 14), "st patricks day": _fixed_day(3, 17),
    "saint patricks day": _fixed_day(3, 17), "st paddys day": _fixed_day(3, 17),
    "mothers day": lambda y: _nth_weekday(y, 5, 6, 2),
    "fathers day": lambda y: _nth_weekday(y, 6, 6, 3),
    "mlk day": lambda y: _nth_weekday(y, 1, 0, 3),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "martin luther king jr day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
    "indigenous peoples day": lambda y: _nth_weekday(y, 10, 0, 2),
    "veterans day": _fixed_day(11, 11), "armistice day": _fixed_day(11, 11),
    "remembrance day": _fixed_day(11, 11), "juneteenth": _fixed_day(6, 19),
    "black friday": lambda y: _thanksgiving(y) + ONE_DAY,
    "cyber monday": lambda y: _thanksgiving(y) + timedelta(days=4),
    "election day": _us_election_day,
    "the midterms": _every(4, 2, _us_election_day), "midterms": _every(4, 2, _us_election_day),
    "the midterm elections": _every(4, 2, _us_election_day),
    "the midterm election": _every(4, 2, _us_election_day),
    "the presidential election": _every(4, 0, _us_election_day),
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
    _words(
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
        return _long_weekend(day) if weekend else (day, day)

    return window


def _long_weekend(day: date) -> tuple[date, date]:
    """The weekend a holiday belongs to: Sat-Mon for a Monday, Thu-Sun for Thanksgiving."""
    shapes = {0: (-2, 0), 3: (0, 3), 4: (0, 2), 5: (0, 1), 6: (-2, 1)}
    before, after = shapes.get(day.weekday(), (0, 0))
    return day + timedelta(days=before), day + timedelta(days=after)


@_rule(
    r"(?:(?P<rel>this|next|last|the next|the last|this coming|coming|this past|past) )?(?P<name>"
    + _alternation(set(_HOLIDAY_DAYS) | _HOLIDAY_SEASONS)
    + r")(?: day)?(?: (?:of )?(?P<year><YEAR>))?(?: (?P<weekend>weekend))?"
)
def _holiday(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'by Christmas', 'Easter 2027', 'Labor Day weekend': the next one unless a year is named."""
    name = m["name"]
    rel = "" if m["rel"] in (None, "this", "coming", "this coming") else m["rel"]
    make = _holiday_window(name, bool(m["weekend"]))
    found = _yearly(make, _year_value(m["year"], ctx.said_on), ctx, rel)
    if found is None:
        return None
    start, end, floating = found
    rule = f"holiday: {name}{' weekend' if m['weekend'] else ''} {start.year}" + (
        " (the next one)" if floating else ""
    )
    return _Span(start, end, "holiday", rule, floating=floating)


# ---- parts of a period, and periods inside periods


def _within(rest: str, ctx: _Ctx, pick: Callable[[_Span], _Span | None]) -> _Span | None:
    """Apply ``pick`` to the period ``rest`` names. A floating period whose picked
    part is already over moves to its next occurrence: the future reading."""
    span = _parse(rest, ctx)
    if span is None or span.rolling:
        return None
    result = pick(span)
    if result is not None and span.floating and _last_day(result, ctx) < ctx.said_on:
        later = _parse(rest, ctx._replace(not_before=span.end + ONE_DAY))
        if later is not None and later.start > span.start:
            result = pick(later)
    return result


def _last_day(span: _Span, ctx: _Ctx) -> date:
    return span.by_end if ctx.by and span.by_end else span.end


def _thirds(span: _Span) -> list[tuple[date, date]]:
    """Early, middle and late parts: 1-10/11-20/21-end of a month, Mon-Wed/Tue-Thu/
    Thu-Sun of a week, thirds of whole months otherwise (a year: Jan-Apr...)."""
    start, end = span.start, span.end
    if span.kind == "month":
        return [(start, start.replace(day=10)), (start.replace(day=11), start.replace(day=20)),
                (start.replace(day=21), end)]  # fmt: skip
    if span.kind == "week":
        return [
            (start + timedelta(days=a), start + timedelta(days=b))
            for a, b in ((0, 2), (1, 3), (3, 6))
        ]
    months = _whole_months(start, end)
    if months >= 3:
        size = months // 3
        cuts = [_add_months(start, size * i) for i in range(3)] + [end + ONE_DAY]
        return [(cuts[i], cuts[i + 1] - ONE_DAY) for i in range(3)]
    days = (end - start).days + 1
    if days < 3:
        return [(start, end)] * 3
    cuts = [start + timedelta(days=days * i // 3) for i in range(3)] + [end + ONE_DAY]
    return [(cuts[i], cuts[i + 1] - ONE_DAY) for i in range(3)]


def _halves(span: _Span) -> list[tuple[date, date]]:
    months = _whole_months(span.start, span.end)
    if months >= 2 and months % 2 == 0:
        middle = _add_months(span.start, months // 2)
    elif months == 1:
        middle = span.start.replace(day=16)
    else:
        middle = span.start + timedelta(days=((span.end - span.start).days + 1 + 1) // 2)
    return [(span.start, middle - ONE_DAY), (middle, span.end)]


def _midpoint(span: _Span) -> date:
    """Where 'by mid-X' ends: the 15th of a month, 30 June of a year, Wednesday of a week."""
    if span.kind == "week":
        return span.start + timedelta(days=2)
    months = _whole_months(span.start, span.end)
    if months == 1:
        return span.start.replace(day=15)
    if months and months % 2 == 0:
        return _add_months(span.start, months // 2) - ONE_DAY
    if months:
        return _add_months(span.start, months // 2).replace(day=15)
    return span.start + timedelta(days=(span.end - span.start).days // 2)


_PART_NAMES = {
    "early": 0, "very early": 0, "earlier": "earlier", "start": 0, "beginning": 0, "dawn": 0,
    "first part": 0, "opening": 0, "mid": 1, "middle": 1, "the middle": 1, "late": 2,
    "very late": 2,
    "last part": 2, "latter part": 2, "tail end": 2, "later": "later", "rest": "later",
    "remainder": "later", "balance": "later", "end": "end", "close": "end", "turn": "end",
    "1st half": "1st half", "2nd half": "2nd half", "first half": "1st half",
    "front half": "1st half", "back half": "2nd half", "latter half": "2nd half",
    "last half": "2nd half", "final half": "2nd half", "other half": "2nd half",
}  # fmt: skip
_PART_WORDS = ("early", "mid", "late")


def _part(span: _Span, part: str | int, said_on: date) -> _Span | None:
    part = _PART_NAMES.get(part, part) if isinstance(part, str) else part
    if part == "end":
        return replace(
            span, deadline=True, floating=False, alternatives=(), rule=f"the end of {span.rule}"
        )
    if part in ("1st half", "2nd half"):
        start, end = _halves(span)[part == "2nd half"]
        return _Span(start, end, "half", f"the {part} of {span.rule}", by_end=None)
    if part == "later":
        return _later_part(span, said_on)
    if part == "earlier":
        if span.start <= said_on <= span.end:
            end = max(span.start, said_on - ONE_DAY)
            return _Span(span.start, end, span.kind, f"earlier in {span.rule} (a past window)")
        part = 0
    start, end = _thirds(span)[part]
    by_end = _midpoint(span) if part == 1 else None
    rule = f"{_PART_WORDS[part]} part of {span.rule}"
    return _Span(start, end, span.kind + " part", rule, by_end=by_end)


def _later_part(span: _Span, said_on: date) -> _Span:
    if span.start <= said_on <= span.end:
        return _Span(said_on, span.end, span.kind, f"the rest of {span.rule}", deadline=True)
    start, end = _thirds(span)[2]
    return _Span(start, end, span.kind + " part", f"late part of {span.rule}")


@_rule(
    r"(?:the )?(?P<part>"
    + _alternation(_PART_NAMES)
    + r")(?: part)?(?: (?:of|in|on))? (?P<rest>.+)"
)
def _part_of(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'early next year', 'mid-April', 'the end of the week', 'later this year',
    'the second half of 2026', 'by the end of Q2'."""
    part = m["part"]
    return _within(m["rest"], ctx, lambda span: _part(span, part, ctx.said_on))


@_rule(r"(?:the )?(?P<part>1st|2nd|front|back|latter|last|final|other) half")
def _bare_half(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'the second half' (of the year): this year's unless it is over."""
    part = f"{m['part']} half"
    return _within("@year", ctx, lambda span: _part(span, part, ctx.said_on))


_EDGE_DAYS = {"days": 10, "weeks": 28}


@_rule(
    r"(?:the )?(?P<which>1st|first|opening|last|final|closing|dying) (?:few )?"
    r"(?P<unit>days|weeks|months) (?:of|in) (?P<rest>.+)"
)
def _edge_of(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'the first days of March' (days 1-10), 'the final weeks of the year' (its
    last 28 days), 'the closing months of 2026' (its late third)."""
    first, unit = m["which"] in ("1st", "first", "opening"), m["unit"]

    def pick(span: _Span) -> _Span | None:
        if unit == "months":
            return _part(span, 0 if first else 2, ctx.said_on)
        size = timedelta(days=_EDGE_DAYS[unit] - 1)
        start = span.start if first else max(span.start, span.end - size)
        end = min(span.end, span.start + size) if first else span.end
        edge = "first" if first else "last"
        return _Span(start, end, span.kind + " part", f"the {edge} {unit} of {span.rule}")

    return _within(m["rest"], ctx, pick)


@_rule(r"(?:the )?(?P<n>[1-5](?:st|nd|rd|th)|last|final) (?P<wd><WD>) (?:of|in) (?P<rest>.+)")
def _nth_weekday_of(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'the first Tuesday of October', 'the last Monday in May'."""
    wd, n = _WEEKDAYS[m["wd"]], m["n"]

    def pick(span: _Span) -> _Span | None:
        if _whole_months(span.start, span.end) != 1:
            return None
        y, mo = span.start.year, span.start.month
        day = (
            _last_weekday(y, mo, wd)
            if n in ("last", "final")
            else _nth_weekday(y, mo, wd, int(n[0]))
        )
        return _day(day, f"the {n} {calendar.day_name[wd]} of {span.rule}") if day else None

    return _within(m["rest"], ctx, pick)


@_rule(
    r"(?:the )?(?P<n>\d{1,3}(?:st|nd|rd|th)|last|final) (?P<unit>day|week|weekend)"
    r" (?:of|in) (?P<rest>.+)"
)
def _nth_day_of(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'the last day of the month', 'the first week of October' (days 1-7),
    'the last weekend of October' (its last Saturday and the Sunday after)."""
    n, unit = m["n"], m["unit"]

    def pick(span: _Span) -> _Span | None:
        if unit == "weekend":
            return _nth_weekend(span, n)
        size = 1 if unit == "day" else 7
        if n in ("last", "final"):
            start = span.end - timedelta(days=size - 1)
        else:
            start = span.start + timedelta(days=size * (int(n[:-2]) - 1))
        end = start + timedelta(days=size - 1)
        if start < span.start or end > span.end:
            return None
        return _Span(start, end, unit, f"the {n} {unit} of {span.rule}")

    return _within(m["rest"], ctx, pick)


def _nth_weekend(span: _Span, n: str) -> _Span | None:
    if n in ("last", "final"):
        saturday = _previous_weekday(span.end + ONE_DAY, 5)
    else:
        saturday = _next_weekday(span.start - ONE_DAY, 5) + timedelta(days=7 * (int(n[:-2]) - 1))
    if not span.start <= saturday <= span.end:
        return None
    return _weekend_span(saturday, f"the {n} weekend of {span.rule}")


@_rule(r"(?:the )?week (?:of|beginning|starting|commencing) (?P<rest>.+)")
def _week_of(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'the week of March 10': the Monday-Sunday week containing that day."""
    return _within(
        m["rest"], ctx, lambda span: _week(_monday(span.start), f"the week of {span.rule}")
    )


@_rule(
    r"(?P<n><NUM>) ?(?P<unit><UNIT>) (?P<dir>from|after|following|on from|on|before|past)"
    r" (?P<rest>.+)|(?P<n2><NUM>) (?P<unit2>week|weeks|day|days) (?P<rest2>today|tomorrow|<WD>)"
)
def _offset_from(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'two weeks from Friday', 'a week tomorrow', '3 days before Christmas'."""
    rest = m["rest"] or m["rest2"]
    base = _parse(rest, ctx)
    if base is None or base.rolling:
        return None
    amount = _number(m["n"] or m["n2"]) * (-1 if m["dir"] == "before" else 1)
    unit = _unit(m["unit"] or m["unit2"])
    side = "before" if amount < 0 else "after"
    day = _shift(base.start, amount, unit)
    return _day(day, f"{_amount_words(abs(amount), unit)} {side} ({base.rule})")


_RANGE_SEP = re.compile(r" (?:to|through|thru|until|till|til|or|and|into|-) ")
_DAY_ONLY = re.compile(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)?")
_UNIT_TAIL = re.compile(
    r"(?:week|weekend|month|year|quarter|decade|summer|spring|fall|autumn|winter)$"
)


def _complete(right: str, left: str) -> str:
    """'this week or next' -> 'next week'; '13 to 15 july' -> '13 july'."""
    tail = _UNIT_TAIL.search(left)
    if tail and left.startswith("next ") and right == f"the {tail[0]} after":
        return f"the {tail[0]} after next"
    if tail and re.fullmatch(r"(?:the )?(?:next|following|one after|early next|late next)", right):
        return f"{right} {tail[0]}"
    day = _DAY_ONLY.fullmatch(right)
    month = re.search(r"(?:" + _MONTH + r")(?= |$)", left)
    if day and month:
        return f"{month[0]} {day[1]}"
    return right


@_rule(
    r"(?:between|from) (?P<text>.+)"
    r"|(?P<text2>.+ (?:to|through|thru|until|till|til|or|and|into|-) .+)"
)
def _range(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'between Monday and Wednesday', 'this week or next', 'July 13-15': one window
    from the start of the first to the end of the last."""
    text = m["text"] or m["text2"]
    seps = list(_RANGE_SEP.finditer(text))
    if len(seps) > 3:
        return None
    for sep in seps:
        span = _range_pair(text[: sep.start()], text[sep.end() :], ctx)
        if span is not None:
            return span
    return None


def _range_pair(left: str, right: str, ctx: _Ctx) -> _Span | None:
    first = _parse(_complete(left, right) if _DAY_ONLY.fullmatch(left) else left, ctx)
    if first is None:
        return None
    later_ctx = ctx._replace(not_before=max(ctx.not_before, first.start))
    second = _parse(_complete(right, left), later_ctx)
    if second is None:
        return None
    start, end = min(first.start, second.start), max(first.end, second.end)
    rolling = first.rolling and second.rolling
    rule = f"from {first.rule} to {second.rule}"
    return _Span(
        start, end, "range", rule, rolling=rolling, deadline=first.deadline or second.deadline
    )


@_rule(
    r"(?P<first><MONTH>) (?P<d1>\d{1,2})(?:st|nd|rd|th)?-(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    r"(?: (?P<year>\d{4}))?"
)
def _day_span_in_month(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'July 13-15' (the dash kept between digits)."""
    year = f" {m['year']}" if m["year"] else ""
    return _range_pair(f"{m['first']} {m['d1']}{year}", f"{m['first']} {m['d2']}{year}", ctx)


@_rule(
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?-(?P<d2>\d{1,2})(?:st|nd|rd|th)? (?P<mon><MONTH>)"
    r"(?: (?P<year>\d{4}))?"
)
def _days_of_month_span(m: re.Match[str], ctx: _Ctx) -> _Span | None:
    """'13-15 July'."""
    year = f" {m['year']}" if m["year"] else ""
    return _range_pair(f"{m['d1']} {m['mon']}{year}", f"{m['d2']} {m['mon']}{year}", ctx)


# ---------------------------------------------------------------- reading a phrase

_FIXED = _fixed_table()


@lru_cache(maxsize=16384)
def _resolve_text(text: str, said_on: date) -> _Window:
    """Read a normalised phrase; raise _Unreadable with the reason if it cannot be."""
    if not text:
        raise _Unreadable("the phrase is empty")
    mode, core = _split_mode(text)
    try:
        span = _read_core(core, text, _Ctx(said_on, said_on, mode in (_Mode.BY, _Mode.WITHIN)))
        if mode is _Mode.BEFORE:
            span = _not_begun(span, core, said_on)
        return _apply_mode(span, mode, said_on)
    except (OverflowError, ValueError):
        raise _Unreadable("the date falls outside the calendar (years 1 to 9999)") from None


def _read_core(core: str, text: str, ctx: _Ctx) -> _Span:
    if text in _NO_DEADLINE or core in _NO_DEADLINE:
        raise _Unreadable("it sets no deadline; give a date or a horizon such as 'within a year'")
    if _EVENT_RELATIVE.fullmatch(core):
        raise _Unreadable("it counts from an event, not from the day it was said; give the date")
    if core.startswith(_OPEN_ENDED):
        opening = next(p for p in _OPEN_ENDED if core.startswith(p))
        raise _Unreadable(f"'{opening}...' opens a window with no end")
    if not core:
        raise _Unreadable("no date or time horizon found")
    if len(core) > _MAX_CORE:
        raise _Unreadable("too long to be a deadline phrase")
    span = _parse(core, ctx)
    if span is None and _NUMERIC_ONLY.fullmatch(core):
        raise _Unreadable("the numbers are not a calendar date")
    span = span or _fallback(core, ctx.said_on)
    if span is None:
        raise _Unreadable("no date or time horizon found")
    return span


def _not_begun(span: _Span, core: str, said_on: date) -> _Span:
    """'before June' said in June means before next June: under 'before', a
    floating period that has already begun gives way to its next occurrence."""
    if not span.floating or span.deadline or span.start > said_on:
        return span
    later = _parse(core, _Ctx(said_on, span.end + ONE_DAY))
    return later if later is not None and later.start > said_on else span


_OPEN_ENDED = ("after ", "not before ", "no earlier than ", "no sooner than ", "since ", "beyond ")
_NUMERIC_ONLY = re.compile(r"[\d/.\- ]+")
_DATE_HINT = re.compile(
    r"\d{1,4}[/.-]\d{1,2}|\b(?:" + _MONTH + "|" + _WEEKDAY + r")\b|[^\x00-\x7f]"
)
_PLAIN_WORDS = re.compile(r"(?:[a-z]+|\d+)(?: (?:[a-z]+|\d+))*")


def _fallback(core: str, said_on: date) -> _Span | None:
    """Ask dateparser about what the rules cannot read. It reads nearly anything
    ('x', '42x', 'on' are dates to it), so its answer is taken only for text that
    looks like a date, or for plain words it recognises as another language."""
    if len(core) > 60:
        return None
    hinted = _DATE_HINT.search(core) is not None
    if not hinted and not (_PLAIN_WORDS.fullmatch(core) and re.search(r"[a-z]{3}", core)):
        return None
    found = _dateparser_day(core, said_on, any_language=not hinted)
    return _day(found, "explicit date (read by dateparser)") if found else None


def _dateparser_day(text: str, said_on: date, any_language: bool) -> date | None:
    from dateparser.date import DateDataParser  # lazily: keeps `import tracker.deadlines` fast

    settings = {
        "RELATIVE_BASE": datetime(said_on.year, said_on.month, said_on.day),
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        data = DateDataParser(settings=settings).get_date_data(text)
    except Exception:  # dateparser raises many kinds of error on odd input
        return None
    if not isinstance(data.date_obj, datetime):
        return None
    if any_language and (data.locale or "en").startswith("en"):
        return None
    return data.date_obj.date()
