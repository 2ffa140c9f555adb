"""The last resort: dateparser, imported only when it is asked."""

from __future__ import annotations

import re
from datetime import date, datetime

from tracker.deadlines.model import Span, day_span
from tracker.deadlines.vocab import MONTH, WEEKDAY

_DATE_HINT = re.compile(r"\d{1,4}[/.-]\d{1,2}|\b(?:" + MONTH + "|" + WEEKDAY + r")\b|[^\x00-\x7f]")
_PLAIN_WORDS = re.compile(r"(?:[a-z]+|\d+)(?: (?:[a-z]+|\d+))*")


def fallback(core: str, said_on: date) -> Span | None:
    """Ask dateparser about what the rules cannot read. It reads nearly anything
    ('x', '42x', 'on' are dates to it), so its answer is taken only for text that
    looks like a date, or for plain words it recognises as another language."""
    if len(core) > 60:
        return None
    hinted = _DATE_HINT.search(core) is not None
    if not hinted and not (_PLAIN_WORDS.fullmatch(core) and re.search(r"[a-z]{3}", core)):
        return None
    found = _dateparser_day(core, said_on, any_language=not hinted)
    return day_span(found, "explicit date (read by dateparser)") if found else None


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
