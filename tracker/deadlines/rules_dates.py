"""Rules for explicit dates: '31 March', 'March 31st 2026', '2026-03-31', '3/31', 'the 15th'."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from tracker.deadlines.datemath import add_months, occurrence, pivot_year, safe_date
from tracker.deadlines.model import Ctx, Span, day_span
from tracker.deadlines.normalise import ordinal
from tracker.deadlines.rulebook import RuleSet, year_value
from tracker.deadlines.vocab import MONTHS, NEXT, WEEKDAYS

RULES = RuleSet()


def _floating_date(month: int, day: int, ctx: Ctx, rule: str) -> Span | None:
    def make(year: int) -> tuple[date, date] | None:
        found = safe_date(year, month, day)
        return (found, found) if found else None

    found = occurrence(make, ctx)
    return day_span(found[0], rule + " (future reading)", floating=True) if found else None


def _dated(
    year: int | None, month: int, day: int, ctx: Ctx, rule: str, weekday: str | None = None
) -> Span | None:
    if year is None and weekday:
        found = _date_on_weekday(month, day, WEEKDAYS[weekday], ctx.said_on)
        return (
            day_span(found, rule + " (the year in which it falls on that weekday)")
            if found
            else None
        )
    if year is None:
        return _floating_date(month, day, ctx, rule)
    found = safe_date(year, month, day)
    return day_span(found, rule) if found else None


def _date_on_weekday(month: int, day: int, weekday: int, said_on: date) -> date | None:
    """'Sunday, Feb 10' without a year: the nearest such date that is that weekday."""
    years = range(max(said_on.year - 6, 1), min(said_on.year + 7, 10000))
    found = [d for y in years if (d := safe_date(y, month, day)) and d.weekday() == weekday]
    return min(found, key=lambda d: (abs((d - said_on).days), d < said_on), default=None)


@RULES.rule(
    r"(?:(?P<wd><WD>) )?(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)? ?(?:of |day of )?(?P<mon><MONTH>)"
    r"(?: (?:of )?(?P<year><YEAR>|\d{2}))?(?: (?P<wd2><WD>))?"
)
def _day_month(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'31 March', '31st of March 2026', 'Tue 31 Mar', '14 april 15'."""
    token = m["year"]
    short = token is not None and len(token) == 2 and token.isdigit()
    year = pivot_year(int(token), ctx.said_on) if short else year_value(token, ctx.said_on)
    weekday = m["wd"] or m["wd2"]
    return _dated(year, MONTHS[m["mon"]], int(m["d"]), ctx, "explicit date", weekday)


@RULES.rule(
    r"(?:(?P<wd><WD>) )?(?P<mon><MONTH>) ?(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"(?: (?:of )?(?P<year><YEAR>))?(?: (?P<wd2><WD>))?"
)
def _month_day(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'March 31', 'Mar 31st 2026', 'Fri Jul 18'."""
    year = year_value(m["year"], ctx.said_on)
    weekday = m["wd"] or m["wd2"]
    return _dated(year, MONTHS[m["mon"]], int(m["d"]), ctx, "explicit date", weekday)


@RULES.rule(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})|(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2})"
)
def _iso_date(m: re.Match[str], ctx: Ctx) -> Span | None:
    year, month, day = (int(m[g] or m[g + "2"]) for g in ("y", "m", "d"))
    found = safe_date(year, month, day)
    return day_span(found, "explicit date (year-month-day)") if found else None


@RULES.rule(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<y>\d{4}|\d{2}))?")
def _numeric_date(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'3/31/2026', '31.03.2026', '2/15': month/day with slashes, day.month with dots;
    when both readings are dates, the other is an alternative and a future one wins."""
    a, b, sep, token = int(m["a"]), int(m["b"]), m["sep"], m["y"]
    year = (
        None
        if token is None
        else int(token)
        if len(token) == 4
        else pivot_year(int(token), ctx.said_on)
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


def _numeric_reading(year: int | None, month: int, day: int, ctx: Ctx, name: str) -> Span | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _dated(year, month, day, ctx, f"explicit date ({name})")


@RULES.rule(
    r"(?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)(?: (?:day )?of (?P<rel>this|the|next|the following"
    r"|the coming|last) month)?"
)
def _day_of_month(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'on the 15th': this month's 15th unless it has passed; 'the 1st of next month'."""
    day, rel = int(m["d"]), m["rel"] or ""
    first = ctx.said_on.replace(day=1)
    if rel:
        first = add_months(
            first, 1 if rel in NEXT or rel == "the coming" else -1 if rel == "last" else 0
        )
        found = safe_date(first.year, first.month, day)
        return day_span(found, f"the {ordinal(day)} of that month") if found else None
    for months in range(0, 13):
        month = add_months(first, months)
        found = safe_date(month.year, month.month, day)
        if found and found >= ctx.not_before:
            return day_span(
                found, f"the next {ordinal(day)} of a month (future reading)", floating=True
            )
    return None


@RULES.rule(r"(?P<wd><WD>) (?:the )?(?P<d>\d{1,2})(?:st|nd|rd|th)?")
def _weekday_and_day(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'Tuesday the 19th': the next month in which the 19th is a Tuesday."""
    wd, day = WEEKDAYS[m["wd"]], int(m["d"])
    first = ctx.said_on.replace(day=1)
    for months in range(0, 29):
        month = add_months(first, months)
        found = safe_date(month.year, month.month, day)
        if found and found >= ctx.said_on and found.weekday() == wd:
            return day_span(found, "weekday and day of month: the next such date")
    return None
