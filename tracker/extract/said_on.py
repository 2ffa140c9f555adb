"""The day a statement was made: its wording near a speech verb, and the date."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from tracker.extract.phrases import MONTHS, month_number
from tracker.extract.sentences import RELATIVE


def resolve_said_on(expression: str, published: date) -> date | None:
    """The day a statement was made from "on Sunday", "last week", "yesterday"...

    A bare weekday is the most recent such day on or before publication; "last"
    before a weekday means strictly before. "last week" is seven days earlier.
    """
    words = " ".join(expression.lower().replace(",", " ").split())
    words = re.sub(r"^(?:on|in|at)\s+", "", words)
    fixed = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0}
    fixed |= {"this evening": 0, "yesterday": 1, "last night": 1, "last week": 7}
    if words in fixed:
        return published - timedelta(days=fixed[words])
    if words == "earlier this week":
        return published - timedelta(days=published.weekday())
    if words == "last month":
        return _shift_month(published, -1)
    return _weekday_or_date(words, published)


STATEMENT_DATE = re.compile(
    r"\b(?:(?:on|last)\s+)?(?:"
    + "|".join(calendar.day_name)
    + r")(?:\s+(?:night|morning|afternoon|evening))?\b"
    r"|\b(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening)"
    r"|earlier this week|last week|last month)\b"
    r"|\bon\s+(?:\d{1,2}\s+(?:" + "|".join(m for m in calendar.month_name if m) + r")"
    r"|(?:" + "|".join(m for m in calendar.month_name if m) + r")\s+\d{1,2})\b",
    re.I,
)


def statement_day_text(
    text: str, sentence_start: int, head: int, verb: re.Match[str], tail_end: int
) -> str | None:
    """ "On Friday, X said", "X on Sunday said", "X told CNN on Sunday": never the
    reported words, nor a relative clause ("who met Putin on Thursday")."""
    lead = text[sentence_start:head]
    lead = lead if len(lead.split()) <= 6 else ""
    area = without_relatives(lead + " " + text[head : verb.start()])
    when = STATEMENT_DATE.search(area + " " + text[verb.end() : tail_end])
    return when.group() if when else None


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
