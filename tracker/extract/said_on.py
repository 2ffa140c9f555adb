"""The day a statement was made: its wording near a speech verb, and the date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.extract.phrases import MONTHS, month_number
from tracker.extract.sentences import RELATIVE


@dataclass(frozen=True)
class SaidOn:
    """The day words were said; `low`/`high` bound it when the article gives only a
    period ("in January", "earlier this year"), and `day` is then the period's last
    day up to publication, except for "last month": the same day a month earlier."""

    day: date
    low: date | None = None
    high: date | None = None


def resolve_said_on(expression: str, published: date) -> date | None:
    """The day a statement was made from "on Sunday", "last week", "yesterday"...

    A bare weekday is the most recent such day on or before publication; "last"
    before a weekday means strictly before. "last week" is seven days earlier and
    "last month" the same day a month earlier. Any other period ("in January",
    "earlier this year") gives its last day up to publication (see `read_said_on`
    for the range).
    """
    found = read_said_on(expression, published)
    return found.day if found else None


def read_said_on(expression: str, published: date) -> SaidOn | None:
    """`resolve_said_on` with the period's range when only a period is given."""
    words = " ".join(expression.lower().replace(",", " ").split())
    period = _period(words, published)
    if period:
        low, high = period
        last = _shift_month(published, -1) if words == "last month" else high
        return SaidOn(last, low, high) if low <= high else None
    if words.startswith("the eve of "):  # "On the eve of celebrations Tuesday": Monday
        day = read_said_on(words.removeprefix("the eve of "), published)
        return SaidOn(day.day - timedelta(days=1)) if day and day.low is None else None
    words = re.sub(r"^(?:on|in|at)\s+", "", words)
    fixed = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0}
    fixed |= {"this evening": 0, "yesterday": 1, "last night": 1, "last week": 7}
    if words in fixed:
        return SaidOn(published - timedelta(days=fixed[words]))
    if words == "earlier this week":
        return SaidOn(published - timedelta(days=published.weekday()))
    found = _weekday_or_date(words, published)
    return SaidOn(found) if found else None


def _period(words: str, published: date) -> tuple[date, date] | None:
    """(first, last) day of "last month", "earlier this year", "in early January"..."""
    before = published - timedelta(days=1)
    first_of_month = published.replace(day=1)
    if words == "last month":
        return _shift_month(first_of_month, -1), first_of_month - timedelta(days=1)
    if words == "earlier this month":
        return first_of_month, before
    if words == "earlier this year":
        return published.replace(month=1, day=1), before
    if words == "last year":
        return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
    match = _IN_MONTH.fullmatch(words)
    return _month(match, published) if match else None


_IN_MONTH = re.compile(
    rf"(?:earlier\s+)?in\s+(?:(early|mid|late)[-\s]?)?({MONTHS})(?:\s+(\d{{4}}))?", re.I
)
_PART = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), None: (1, 31)}


def _month(match: re.Match[str], published: date) -> tuple[date, date] | None:
    """The month named (this year unless it is still ahead), or its part, up to
    publication."""
    month = month_number(match.group(2))
    year = int(match.group(3)) if match.group(3) else published.year
    if not match.group(3) and month > published.month:
        year -= 1
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = _PART[match.group(1) and match.group(1).lower()]
    low = date(year, month, first_day)
    high = min(date(year, month, min(last_day, last)), published)
    return (low, high) if low <= published else None


_MONTH_NAMES = "|".join(m for m in calendar.month_name if m)
DAY_DATE = re.compile(
    r"\b(?:(?:on|last)\s+)?(?:"
    + "|".join(calendar.day_name)
    + r")(?:\s+(?:night|morning|afternoon|evening))?\b"
    r"|\b(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening)"
    r"|earlier this week|last week)\b"
    rf"|\bon\s+(?:\d{{1,2}}\s+(?:{_MONTH_NAMES})|(?:{_MONTH_NAMES})\s+\d{{1,2}})\b",
    re.I,
)
PERIOD_DATE = re.compile(
    r"\b(?:last (?:month|year)|earlier this (?:month|year)"
    rf"|(?:earlier\s+)?in\s+(?:(?:early|mid|late)[-\s]?)?(?:{_MONTH_NAMES})(?:\s+\d{{4}})?)\b",
    re.I,
)
STATEMENT_DATE = re.compile(f"{DAY_DATE.pattern}|{PERIOD_DATE.pattern}", re.I)
_LEAD_PERIOD = re.compile(
    rf"\s*(?:(?:but|and|speaking|also)\s+)?({PERIOD_DATE.pattern})\s*,?\s*(?:the\s+)?"
    r"(?:[\w.'-]+,?\s+){0,4}",  # a title before the name: "Last month, U.S. head coach X"
    re.I,
)


_EVENT_DAY = re.compile(
    r"\s*(?:in|at|during)\s+(?:a\s+|the\s+|his\s+|her\s+|their\s+)?"
    r"(yesterday|today|(?:mon|tues|wednes|thurs|fri|satur|sun)day)'s\s+(?:[\w-]+\s+){0,2}"
    r"(?:press\s+conference|news\s+conference|conference|interview|speech|statement|briefing"
    r"|meeting|address|remarks|summit|hearing|session)\b",
    re.I,
)


_SPEAKING_DAY = re.compile(
    r"\s*(?:speaking|writing)\b[^,;]{0,80}?\b((?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|yesterday|today)\b(?!')",
    re.I,
)


def statement_day_text(
    text: str, sentence_start: int, head: int, verb: re.Match[str], tail_end: int
) -> str | None:
    """ "On Friday, X said", "X on Sunday said", "X told CNN on Sunday", "X said last
    month", "In January, X said": never the reported words, nor a relative clause
    ("who met Putin on Thursday"). A period before the subject counts only when it
    is all that stands there ("Sales rose last year, X said" is not dated)."""
    lead = text[sentence_start:head]
    event = _EVENT_DAY.match(lead) or _SPEAKING_DAY.match(lead)
    if event:  # "In yesterday's joint press conference ..., X said", "Speaking on Friday, X"
        return event.group(1)
    eve = "the eve of " if re.search(r"\bon\s+the\s+eve\s+of\b", lead, re.I) else ""
    lead = without_relatives(lead) if len(lead.split()) <= 6 or eve else ""
    if when := DAY_DATE.search(lead) or _LEAD_PERIOD.fullmatch(lead):
        return when.group(1) if when.re is _LEAD_PERIOD else eve + when.group()
    before = text[head : verb.start()]
    first_verb = _FIRST_VERB.search(before, 1)  # "Jones said ... in August and added that":
    before = before[: first_verb.start()] if first_verb else before  # not the first words'
    area = without_relatives(before) + " " + text[verb.end() : tail_end]
    found = STATEMENT_DATE.search(_RELATIVE_TIME.sub(" ", area))
    return found.group() if found else None


_FIRST_VERB = re.compile(r"\b(?:said|says|told|tells|added|adds|\w+ed)\b", re.I)
_RELATIVE_TIME = re.compile(  # "told reporters ahead of Saturday's match": not the day he spoke
    r"\b(?:ahead\s+of|before|prior\s+to|after|following|until|since)\b[^,.;]*", re.I
)


def without_relatives(text: str) -> str:
    return RELATIVE.sub(",", text)


def _weekday_or_date(words: str, published: date) -> date | None:
    strictly = words.startswith("last ")
    words = re.sub(r"^last\s+|\s+(?:night|morning|afternoon|evening)$", "", words)
    days = [d.lower() for d in calendar.day_name]
    if words in days:
        back = (published.weekday() - days.index(words)) % 7 or (7 if strictly else 0)
        return published - timedelta(days=back)
    match = re.fullmatch(rf"(\d{{1,2}})\s+({MONTHS})|({MONTHS})\s+(\d{{1,2}})", words)
    if not match:
        return None
    day = int(match.group(1) or match.group(4))
    month = month_number(match.group(2) or match.group(3))
    try:
        when = date(published.year, month, day)
        return when if when <= published else date(published.year - 1, month, day)
    except ValueError:
        return None


def _shift_month(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
