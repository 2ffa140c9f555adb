"""Calendar arithmetic: months, weeks, weekdays, holidays, yearly series, shifts."""

from __future__ import annotations

import math
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta

from tracker.deadlines.model import ONE_DAY, Ctx, Unreadable
from tracker.deadlines.vocab import LAST, NEXT


def month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def safe_date(year: int, month: int, day: int) -> date | None:
    valid = 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= 31
    if valid and day <= monthrange(year, month)[1]:
        return date(year, month, day)
    return None


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def this_monday(said_on: date) -> date:
    """Monday of "this week": said on a Saturday or Sunday, the week ahead."""
    return monday_of(said_on) + timedelta(days=7 if said_on.weekday() >= 5 else 0)


def next_weekday(after: date, weekday: int) -> date:
    """The first ``weekday`` strictly after ``after``."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def previous_weekday(before: date, weekday: int) -> date:
    return before - timedelta(days=(before.weekday() - weekday - 1) % 7 + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def last_weekday(year: int, month: int, weekday: int) -> date:
    end = month_end(year, month)
    return end - timedelta(days=(end.weekday() - weekday) % 7)


def easter_sunday(year: int) -> date:
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


def whole_months(start: date, end: date) -> int:
    """How many whole months [start, end] covers, or 0 if it is not month-aligned."""
    if start.day != 1 or end != month_end(end.year, end.month):
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def pivot_year(two_digits: int, said_on: date) -> int:
    """'26 -> 2026: the year ending in those digits within 70 years back, 29 ahead."""
    low = said_on.year - 70
    return low + (two_digits - low) % 100


def us_election_day(year: int) -> date | None:
    first_monday = nth_weekday(year, 11, 0, 1)
    return first_monday + ONE_DAY if first_monday else None


def thanksgiving_day(year: int) -> date | None:
    return nth_weekday(year, 11, 3, 4)


def long_weekend(day: date) -> tuple[date, date]:
    """The weekend a holiday belongs to: Sat-Mon for a Monday, Thu-Sun for Thanksgiving."""
    shapes = {0: (-2, 0), 3: (0, 3), 4: (0, 2), 5: (0, 1), 6: (-2, 1)}
    before, after = shapes.get(day.weekday(), (0, 0))
    return day + timedelta(days=before), day + timedelta(days=after)


def occurrence(
    make: Callable[[int], tuple[date, date] | None], ctx: Ctx, rel: str = ""
) -> tuple[date, date] | None:
    """Pick from a yearly series: the current-or-next one (future reading),
    the next one that has not begun ("next"), or the last one that has ended."""
    said_on = ctx.said_on
    if rel in LAST:
        years = range(min(said_on.year, 9999), max(said_on.year - 12, 0), -1)
        found = (make(y) for y in years)
        return next((w for w in found if w and w[1] < said_on), None)
    first = max(ctx.not_before.year - 1, 1)
    windows = (make(y) for y in range(first, min(first + 12, 10000)))
    if rel in NEXT or rel == "after next":
        later = [w for w in windows if w and w[0] > said_on][:2]
        return later[rel == "after next"] if len(later) > (rel == "after next") else None
    return next((w for w in windows if w and w[1] >= ctx.not_before), None)


def yearly(
    make: Callable[[int], tuple[date, date] | None], year: int | None, ctx: Ctx, rel: str
) -> tuple[date, date, bool] | None:
    """(start, end, floating) for a yearly period, named year or picked occurrence."""
    if year is not None:
        window = make(year) if 1 <= year <= 9999 else None
        return (*window, False) if window else None
    window = occurrence(make, ctx, rel)
    return (*window, not rel) if window else None


_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}


def shift_date(day: date, amount: float, unit: str) -> date:
    """``day`` moved by ``amount`` units; hours and less count whole days only."""
    if abs(amount) > 4_000_000:
        raise Unreadable("the date falls outside the calendar (years 1 to 9999)")
    if unit in _UNIT_MONTHS:
        months = amount * _UNIT_MONTHS[unit]
        whole = math.floor(months)
        return add_months(day, whole) + timedelta(days=round((months - whole) * 30))
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
