"""Rules for weekdays, weekends, weeks and months: 'next Friday', 'this week', 'in March'."""

from __future__ import annotations

import re
from calendar import day_name, month_name
from dataclasses import replace
from datetime import date, timedelta

from tracker.deadlines.datemath import (
    add_months,
    monday_of,
    month_end,
    month_span,
    next_weekday,
    previous_weekday,
    this_monday,
    yearly,
)
from tracker.deadlines.model import ONE_DAY, Ctx, Span, day_span, week_span, weekend_span
from tracker.deadlines.rulebook import RuleSet, year_value
from tracker.deadlines.vocab import LAST, MONTHS, NEXT, WEEKDAYS

RULES = RuleSet()


def _weekday_after(wd: int, ctx: Ctx) -> date:
    after = max(ctx.said_on, ctx.not_before - ONE_DAY)
    return next_weekday(after, wd)


def _next_week_day(wd: int, said_on: date) -> date:
    return monday_of(said_on) + timedelta(days=7 + wd)


@RULES.rule(
    r"(?:(?P<rel>this coming|coming|this|on|next|the following|following|the next|last|this past"
    r"|past|previous|the previous|the last) )?(?P<wd><WD>)s?(?: (?P<suffix>(?:of )?next week"
    r"|(?:of )?this week|(?:of |from )?last week|(?:of )?the following week|after next|week"
    r"|next|last))?"
    r"|(?P<wk>next week|the following week|this week|last week) (?:on )?(?P<wd2><WD>)"
)
def _weekday(m: re.Match[str], ctx: Ctx) -> Span:
    """Weekday names: the next one after the said-on day, never the said-on day."""
    wd = WEEKDAYS[m["wd"] or m["wd2"]]
    rel = m["rel"] or ""
    suffix = (m["suffix"] or m["wk"] or "").removeprefix("of ").removeprefix("from ")
    said_on, name = ctx.said_on, day_name[wd]
    if rel in LAST or suffix == "last":
        return day_span(
            previous_weekday(said_on, wd), f"last {name}: the one before the said-on day"
        )
    if suffix == "last week":
        return day_span(monday_of(said_on) - timedelta(days=7 - wd), f"{name} of last week")
    if suffix in ("next week", "the following week"):
        return day_span(
            _next_week_day(wd, said_on), f"{name} of next week (weeks run Monday-Sunday)"
        )
    if suffix == "this week":
        return day_span(this_monday(said_on) + timedelta(days=wd), f"{name} of this week")
    if suffix in ("after next", "week"):
        day = _weekday_after(wd, ctx) + timedelta(days=7)
        return day_span(day, f"{name} after next: a week after the coming {name}")
    if rel in NEXT:
        return _next_weekday_span(wd, said_on, name)
    return day_span(_weekday_after(wd, ctx), f"weekday: the first {name} after the said-on day")


def _next_weekday_span(wd: int, said_on: date, name: str) -> Span:
    """'next Friday': Friday of next week; the coming Friday is the alternative."""
    day = _next_week_day(wd, said_on)
    coming = next_weekday(said_on, wd)
    alts = () if coming == day else (day_span(coming, f"next {name} read as the coming {name}"),)
    rule = f"next {name}: {name} of next week (weeks run Monday-Sunday)"
    return day_span(day, rule, alternatives=alts)


@RULES.rule(
    r"(?:(?P<rel>this coming|coming|this|the|next|the following|following|last|this past|past"
    r"|the last|previous|the previous) )?weekends?(?: (?P<after>after next))?"
)
def _weekend(m: re.Match[str], ctx: Ctx) -> Span:
    """'this weekend', 'over the weekend', 'next weekend' (Saturday and Sunday)."""
    said_on, rel = ctx.said_on, m["rel"] or ""
    if rel in LAST:
        sunday_back = said_on - ONE_DAY if said_on.weekday() == 6 else said_on
        return weekend_span(previous_weekday(sunday_back, 5), "last weekend (a past weekend)")
    coming = said_on - ONE_DAY if said_on.weekday() == 6 else next_weekday(said_on - ONE_DAY, 5)
    if rel in NEXT or m["after"]:
        saturday = monday_of(said_on) + timedelta(days=12 + (7 if m["after"] else 0))
        name = "the weekend after next" if m["after"] else "next weekend"
        week = "the week after next" if m["after"] else "next week"
        span = weekend_span(saturday, f"{name}: Saturday-Sunday of {week}")
        if m["after"] or coming == saturday:
            return span
        return replace(
            span, alternatives=(weekend_span(coming, "next weekend read as the coming one"),)
        )
    rule = "the weekend: the coming Saturday-Sunday (the current one when said on a weekend)"
    return weekend_span(coming, rule)


@RULES.rule(
    r"(?P<rel>this|the current|current|the|next|the following|following|last|the previous|previous"
    r"|the last|past)? ?week(?: (?P<after>after next|after))?"
)
def _calendar_week(m: re.Match[str], ctx: Ctx) -> Span:
    """Weeks run Monday..Sunday; said on a weekend, 'this week' is the week ahead."""
    said_on, rel = ctx.said_on, m["rel"] or "this"
    if rel in LAST:
        rule = "last week (a past week, Monday-Sunday; said on a weekend, the one ending)"
        monday = this_monday(said_on) - timedelta(days=7)
        return Span(monday, min(monday + timedelta(days=6), said_on - ONE_DAY), "week", rule)
    if rel in NEXT or m["after"]:
        weeks = 1 + (m["after"] == "after next")
        name = "the week after next" if weeks == 2 else "next week"
        rule = f"{name}: Monday-Sunday, counted from the week of the said-on day"
        return week_span(monday_of(said_on) + timedelta(days=7 * weeks), rule)
    rule = "this week: Monday-Sunday; said on a weekend, the week ahead"
    return week_span(this_monday(said_on), rule)


# ---- months


@RULES.rule(
    r"(?P<rel>this|the current|current|the|next|the following|following|last|the previous"
    r"|previous)? ?month(?: (?P<after>after next|after))?"
)
def _relative_month(m: re.Match[str], ctx: Ctx) -> Span:
    rel = m["rel"] or "this"
    after = {"after next": 2, "after": 1}.get(m["after"] or "", 0)
    shift = -1 if rel in LAST else (1 if rel in NEXT else 0) + after
    first = add_months(ctx.said_on.replace(day=1), shift)
    names = {-1: "last month (a past month)", 0: "this month", 1: "next month"}
    rule = names.get(shift, f"{shift} months after this one")
    return Span(first, month_end(first.year, first.month), "month", rule)


@RULES.rule(
    r"(?:(?P<rel>this coming|coming|this|next|last|this past|past|the) )?(?P<mon><MONTH>)"
    r"(?: (?:of )?(?P<year><YEAR>))?(?: (?P<after>after next))?"
)
def _named_month(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'in March' (this March unless it is over), 'March 2026', 'next March'."""
    month = MONTHS[m["mon"]]
    rel = "after next" if m["after"] else (m["rel"] or "")
    rel = "" if rel in ("this", "the", "coming", "this coming") else rel
    found = yearly(lambda y: month_span(y, month), year_value(m["year"], ctx.said_on), ctx, rel)
    if found is None:
        return None
    start, end, floating = found
    rule = f"named month: {month_name[month]} {start.year}"
    return Span(
        start, end, "month", rule + (" (future reading)" if floating else ""), floating=floating
    )


@RULES.rule(r"(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<y2>\d{4})-(?P<m2>\d{1,2})")
def _numeric_month(m: re.Match[str], ctx: Ctx) -> Span | None:
    year, month = int(m["y"] or m["y2"]), int(m["m"] or m["m2"])
    if not 1 <= month <= 12 or year < 1:
        return None
    start, end = month_span(year, month)
    return Span(start, end, "month", f"month: {month_name[month]} {year}")
