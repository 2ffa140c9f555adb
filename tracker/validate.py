"""Checks on user-supplied values, shared by every command that writes."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from datetime import date, timedelta
from pathlib import Path

from tracker.errors import InputError

MAX_TEXT = 10_000
MAX_NAME = 200
MAX_TAG = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(
    value: str | None, field: str, *, required: bool = True, limit: int = MAX_TEXT
) -> str | None:
    """Trimmed text; refuses empty (when required), control characters and huge values."""
    if value is None or not value.strip():
        if required:
            raise InputError(f"{field} must not be empty")
        return None
    value = value.strip()
    if _CONTROL.search(value):
        raise InputError(f"{field} contains a control character")
    if len(value) > limit:
        raise InputError(f"{field} is too long ({len(value)} characters; at most {limit})")
    return value


def clean_name(value: str | None, field: str, limit: int = MAX_NAME) -> str:
    """A one-line name: inner white space folded to single spaces."""
    text = clean_text(value, field, limit=limit)
    assert text is not None
    return " ".join(text.split())


def name_key(name: str) -> str:
    """How names are matched: case and extra spaces ignored."""
    return " ".join(name.split()).casefold()


def clean_confidence(value: float | None) -> float | None:
    if value is None:
        return None
    if not 0.0 <= value <= 1.0 or value != value:
        raise InputError(f"confidence must be between 0 and 1, not {value}")
    return value


def clean_url(value: str | None, field: str = "URL") -> str | None:
    url = clean_text(value, field, required=False, limit=2_000)
    if url is not None and any(ch.isspace() for ch in url):
        raise InputError(f"{field} must not contain spaces: {url!r}")
    return url


def parse_date(value: str, field: str = "date", today: Callable[[], date] | None = None) -> date:
    """A calendar day as people write it (see `read_day`); relative words count from
    `today()` (the real today when not given)."""
    return read_day(value, field, today or date.today)[0]


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_COUNT = re.compile(r"(?:in )?(\d{1,5}) (day|week)s?( ago)?")
_NUMERIC = re.compile(r"(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})")
_NAMED = (
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<month>[a-z]+)\.?,? (?P<year>\d{4})"),
    re.compile(r"(?P<month>[a-z]+)\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})"),
)


def read_day(value: str, field: str, today: Callable[[], date]) -> tuple[date, str | None]:
    """A calendar day and, when it was not written as YYYY-MM-DD, the words it came from.

    Read: YYYY-MM-DD; YYYY-M-D and YYYY/M/D; D.M.YYYY; "today", "yesterday", "tomorrow";
    "last Friday" (the latest before today), "next Friday" (the first after today);
    "3 days ago", "in 2 weeks"; "24 March 2025", "March 24, 2025", "24th of Mar 2025".
    Refused, with the readings it could have: "3/4/2025", a weekday alone ("Friday"),
    a day without its year ("24 March").
    """
    text = value.strip()
    if _ISO.fullmatch(text):  # the common case: nothing else is tried
        return _real_day(int(text[:4]), int(text[5:7]), int(text[8:]), value, field), None
    words = " ".join(text.casefold().split())
    day = _relative_day(words, today) or _numeric_day(words, value, field)
    day = day or _named_day(words, value, field)
    if day is None:
        _refuse_ambiguous(words, value, field, today)
        raise InputError(
            f"{field} must be a day such as 2025-03-24, 24 March 2025, yesterday or last "
            f"Friday, not {value!r}"
        )
    return day, " ".join(text.split())


def _real_day(year: int, month: int, day: int, value: str, field: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InputError(f"{field} {value!r} is not a real date ({exc})") from exc


def _relative_day(words: str, today: Callable[[], date]) -> date | None:
    """Days named from today: today, yesterday, last/next Friday, 3 days ago, in 2 weeks."""
    if words in _RELATIVE:
        return today() + timedelta(days=_RELATIVE[words])
    which, _, name = words.partition(" ")
    if which in ("last", "next") and name in _WEEKDAYS:
        now, weekday = today(), _WEEKDAYS.index(name)
        if which == "next":
            return now + timedelta(days=(weekday - now.weekday()) % 7 or 7)
        return now - timedelta(days=(now.weekday() - weekday) % 7 or 7)
    counted = _COUNT.fullmatch(words)
    if counted and (counted.group(3) is None) == words.startswith("in "):
        days = int(counted.group(1)) * (7 if counted.group(2) == "week" else 1)
        return today() + timedelta(days=-days if counted.group(3) else days)
    return None


def _numeric_day(words: str, value: str, field: str) -> date | None:
    """2025-3-24, 2025/3/24 (year first), 24.3.2025 (day first, as written with dots);
    with slashes and the year last, only when day and month cannot be swapped."""
    found = _NUMERIC.fullmatch(words)
    if found is None:
        return None
    first, mark, second, last = found.group(1), found.group(2), found.group(3), found.group(4)
    if len(first) == 4:
        return _real_day(int(first), int(second), int(last), value, field)
    if len(last) != 4:
        raise InputError(f"{field} {value!r}: write the year in full, as in 2025-03-24")
    if mark == ".":
        return _real_day(int(last), int(second), int(first), value, field)
    readings = _day_month_readings(int(first), int(second), int(last))
    if len(readings) == 1:
        return readings[0]
    if not readings:
        raise InputError(f"{field} {value!r} is not a real date")
    shown = " or ".join(day.isoformat() for day in readings)
    raise InputError(f"{field} {value} could be {shown}; write the one you mean as YYYY-MM-DD")


def _day_month_readings(a: int, b: int, year: int) -> list[date]:
    """The days a/b/year can be: month first (US) and day first (most of the world)."""
    readings = []
    for month, day in ((a, b), (b, a)):
        try:
            reading = date(year, month, day)
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    return readings


def _month(name: str) -> int | None:
    """A month's number from its name or its first three letters (Sept too)."""
    for number, month in enumerate(_MONTHS, start=1):
        if name == month or (len(name) >= 3 and month.startswith(name)):
            return number
    return None


def _named_day(words: str, value: str, field: str) -> date | None:
    """24 March 2025, March 24, 2025, 24th of Mar 2025."""
    for pattern in _NAMED:
        found = pattern.fullmatch(words)
        month = _month(found.group("month")) if found else None
        if found and month:
            return _real_day(int(found.group("year")), month, int(found.group("day")), value, field)
    return None


_NO_YEAR = re.compile(r"\d{1,2}(?:st|nd|rd|th)? (?:of )?([a-z]+)|([a-z]+) \d{1,2}(?:st|nd|rd|th)?")


def _refuse_ambiguous(words: str, value: str, field: str, today: Callable[[], date]) -> None:
    """A weekday alone, or a day and month without a year: say what it could be."""
    if words in _WEEKDAYS:
        last = _relative_day(f"last {words}", today)
        after = _relative_day(f"next {words}", today)
        assert last is not None and after is not None
        name = words.title()
        raise InputError(
            f"{field} {value} could be last {name} ({last.isoformat()}) or next {name} "
            f"({after.isoformat()}); write 'last {name}' or 'next {name}'"
        )
    no_year = _NO_YEAR.fullmatch(words)
    if no_year and _month(no_year.group(1) or no_year.group(2)):
        raise InputError(f"{field} {value!r} has no year: write it, as in {value} {today().year}")


#: Set (by `tracker --csv-raw`) to write CSV text cells as stored, formulas and all.
CSV_RAW: ContextVar[bool] = ContextVar("CSV_RAW", default=False)

#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def spreadsheet_safe(text: str) -> str:
    """A CSV text cell a spreadsheet shows as text: one that starts like a formula gets
    a leading `'` (so does one that starts with `'`s before such a character, so that
    `spreadsheet_plain` gives every text back exactly)."""
    return "'" + text if _FORMULA.match(text) else text


def csv_text(text: str) -> str:
    """A CSV text cell as written: safe for spreadsheets unless `--csv-raw` was given."""
    return text if CSV_RAW.get() else spreadsheet_safe(text)


def spreadsheet_plain(text: str) -> str:
    """The text `spreadsheet_safe` protected, as it was."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


def output_path(text: str, option: str) -> Path:
    """A file to write, refused (exit 2) when it names a directory, or a name the system
    cannot have (too long, a NUL); the message shows at most 60 characters of it."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    if not text.strip():
        raise InputError(f"{option} is empty")
    try:
        path = Path(text).expanduser()
        if path.is_dir():
            raise InputError(f"{option} {shown!r} is a directory, not a file to write")
        path.resolve()
    except (OSError, ValueError) as exc:
        raise InputError(f"{option} {shown!r}: {getattr(exc, 'strerror', None) or exc}") from exc
    return path
