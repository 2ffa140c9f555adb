"""Rules for parts of a period and periods inside periods: 'early next year',
'by mid-April', 'the end of Q2', 'the first Tuesday of October', 'the week of March 10'."""

from __future__ import annotations

import re
from calendar import day_name
from dataclasses import replace
from datetime import date, timedelta

from tracker.deadlines.datemath import (
    add_months,
    last_weekday,
    monday_of,
    next_weekday,
    nth_weekday,
    previous_weekday,
    whole_months,
)
from tracker.deadlines.model import ONE_DAY, Ctx, Span, day_span, week_span, weekend_span
from tracker.deadlines.rulebook import RuleSet, within
from tracker.deadlines.vocab import WEEKDAYS, alternation

RULES = RuleSet()


def _thirds(span: Span) -> list[tuple[date, date]]:
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
    months = whole_months(start, end)
    if months >= 3:
        size = months // 3
        cuts = [add_months(start, size * i) for i in range(3)] + [end + ONE_DAY]
        return [(cuts[i], cuts[i + 1] - ONE_DAY) for i in range(3)]
    days = (end - start).days + 1
    if days < 3:
        return [(start, end)] * 3
    cuts = [start + timedelta(days=days * i // 3) for i in range(3)] + [end + ONE_DAY]
    return [(cuts[i], cuts[i + 1] - ONE_DAY) for i in range(3)]


def _halves(span: Span) -> list[tuple[date, date]]:
    months = whole_months(span.start, span.end)
    if months >= 2 and months % 2 == 0:
        middle = add_months(span.start, months // 2)
    elif months == 1:
        middle = span.start.replace(day=16)
    else:
        middle = span.start + timedelta(days=((span.end - span.start).days + 1 + 1) // 2)
    return [(span.start, middle - ONE_DAY), (middle, span.end)]


def _midpoint(span: Span) -> date:
    """Where 'by mid-X' ends: the 15th of a month, 30 June of a year, Wednesday of a week."""
    if span.kind == "week":
        return span.start + timedelta(days=2)
    months = whole_months(span.start, span.end)
    if months == 1:
        return span.start.replace(day=15)
    if months and months % 2 == 0:
        return add_months(span.start, months // 2) - ONE_DAY
    if months:
        return add_months(span.start, months // 2).replace(day=15)
    return span.start + timedelta(days=(span.end - span.start).days // 2)


_PART_NAMES: dict[str, str | int] = {
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


def pick_part(span: Span, part: str | int, said_on: date) -> Span | None:
    part = _PART_NAMES.get(part, part) if isinstance(part, str) else part
    if part == "end":
        return replace(
            span, deadline=True, floating=False, alternatives=(), rule=f"the end of {span.rule}"
        )
    if part in ("1st half", "2nd half"):
        start, end = _halves(span)[part == "2nd half"]
        return Span(start, end, "half", f"the {part} of {span.rule}", by_end=None)
    if part == "later":
        return _later_part(span, said_on)
    if part == "earlier":
        if span.start <= said_on <= span.end:
            end = max(span.start, said_on - ONE_DAY)
            return Span(span.start, end, span.kind, f"earlier in {span.rule} (a past window)")
        part = 0
    if isinstance(part, str):  # every caller passes a name from _PART_NAMES
        raise TypeError(f"not a part of a period: {part!r}")
    start, end = _thirds(span)[part]
    by_end = _midpoint(span) if part == 1 else None
    rule = f"{_PART_WORDS[part]} part of {span.rule}"
    return Span(start, end, span.kind + " part", rule, by_end=by_end)


def _later_part(span: Span, said_on: date) -> Span:
    if span.start <= said_on <= span.end:
        return Span(said_on, span.end, span.kind, f"the rest of {span.rule}", deadline=True)
    start, end = _thirds(span)[2]
    return Span(start, end, span.kind + " part", f"late part of {span.rule}")


@RULES.rule(
    r"(?:the )?(?P<part>" + alternation(_PART_NAMES) + r")(?: part)?(?: (?:of|in|on))? (?P<rest>.+)"
)
def _part_of(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'early next year', 'mid-April', 'the end of the week', 'later this year',
    'the second half of 2026', 'by the end of Q2'."""
    part = m["part"]
    return within(m["rest"], ctx, lambda span: pick_part(span, part, ctx.said_on))


@RULES.rule(r"(?:the )?(?P<part>1st|2nd|front|back|latter|last|final|other) half")
def _bare_half(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'the second half' (of the year): this year's unless it is over."""
    part = f"{m['part']} half"
    return within("@year", ctx, lambda span: pick_part(span, part, ctx.said_on))


_EDGE_DAYS = {"days": 10, "weeks": 28}


@RULES.rule(
    r"(?:the )?(?P<which>1st|first|opening|last|final|closing|dying) (?:few )?"
    r"(?P<unit>days|weeks|months) (?:of|in) (?P<rest>.+)"
)
def _edge_of(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'the first days of March' (days 1-10), 'the final weeks of the year' (its
    last 28 days), 'the closing months of 2026' (its late third)."""
    first, unit = m["which"] in ("1st", "first", "opening"), m["unit"]

    def pick(span: Span) -> Span | None:
        if unit == "months":
            return pick_part(span, 0 if first else 2, ctx.said_on)
        size = timedelta(days=_EDGE_DAYS[unit] - 1)
        start = span.start if first else max(span.start, span.end - size)
        end = min(span.end, span.start + size) if first else span.end
        edge = "first" if first else "last"
        return Span(start, end, span.kind + " part", f"the {edge} {unit} of {span.rule}")

    return within(m["rest"], ctx, pick)


@RULES.rule(r"(?:the )?(?P<n>[1-5](?:st|nd|rd|th)|last|final) (?P<wd><WD>) (?:of|in) (?P<rest>.+)")
def _nth_weekday_of(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'the first Tuesday of October', 'the last Monday in May'."""
    wd, n = WEEKDAYS[m["wd"]], m["n"]

    def pick(span: Span) -> Span | None:
        if whole_months(span.start, span.end) != 1:
            return None
        y, mo = span.start.year, span.start.month
        day = (
            last_weekday(y, mo, wd) if n in ("last", "final") else nth_weekday(y, mo, wd, int(n[0]))
        )
        return day_span(day, f"the {n} {day_name[wd]} of {span.rule}") if day else None

    return within(m["rest"], ctx, pick)


@RULES.rule(
    r"(?:the )?(?P<n>\d{1,3}(?:st|nd|rd|th)|last|final) (?P<unit>day|week|weekend)"
    r" (?:of|in) (?P<rest>.+)"
)
def _nth_day_of(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'the last day of the month', 'the first week of October' (days 1-7),
    'the last weekend of October' (its last Saturday and the Sunday after)."""
    n, unit = m["n"], m["unit"]

    def pick(span: Span) -> Span | None:
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
        return Span(start, end, unit, f"the {n} {unit} of {span.rule}")

    return within(m["rest"], ctx, pick)


def _nth_weekend(span: Span, n: str) -> Span | None:
    if n in ("last", "final"):
        saturday = previous_weekday(span.end + ONE_DAY, 5)
    else:
        saturday = next_weekday(span.start - ONE_DAY, 5) + timedelta(days=7 * (int(n[:-2]) - 1))
    if not span.start <= saturday <= span.end:
        return None
    return weekend_span(saturday, f"the {n} weekend of {span.rule}")


@RULES.rule(r"(?:the )?week (?:of|beginning|starting|commencing) (?P<rest>.+)")
def _week_of(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'the week of March 10': the Monday-Sunday week containing that day."""
    return within(
        m["rest"], ctx, lambda span: week_span(monday_of(span.start), f"the week of {span.rule}")
    )
