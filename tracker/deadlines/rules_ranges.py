"""Rules for offsets and ranges: 'two weeks from Friday', 'between Monday and
Wednesday', 'this week or next', 'July 13-15'."""

from __future__ import annotations

import re

from tracker.deadlines.datemath import shift_date
from tracker.deadlines.model import Ctx, Span, day_span
from tracker.deadlines.rulebook import RuleSet, parse
from tracker.deadlines.vocab import MONTH, amount_words, parse_number, unit_key

RULES = RuleSet()


@RULES.rule(
    r"(?P<n><NUM>) ?(?P<unit><UNIT>) (?P<dir>from|after|following|on from|on|before|past)"
    r" (?P<rest>.+)|(?P<n2><NUM>) (?P<unit2>week|weeks|day|days) (?P<rest2>today|tomorrow|<WD>)"
)
def _offset_from(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'two weeks from Friday', 'a week tomorrow', '3 days before Christmas'."""
    rest = m["rest"] or m["rest2"]
    base = parse(rest, ctx)
    if base is None or base.rolling:
        return None
    amount = parse_number(m["n"] or m["n2"]) * (-1 if m["dir"] == "before" else 1)
    unit = unit_key(m["unit"] or m["unit2"])
    side = "before" if amount < 0 else "after"
    day = shift_date(base.start, amount, unit)
    return day_span(day, f"{amount_words(abs(amount), unit)} {side} ({base.rule})")


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
    month = re.search(r"(?:" + MONTH + r")(?= |$)", left)
    if day and month:
        return f"{month[0]} {day[1]}"
    return right


@RULES.rule(
    r"(?:between|from) (?P<text>.+)"
    r"|(?P<text2>.+ (?:to|through|thru|until|till|til|or|and|into|-) .+)"
)
def _range(m: re.Match[str], ctx: Ctx) -> Span | None:
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


def _range_pair(left: str, right: str, ctx: Ctx) -> Span | None:
    first = parse(_complete(left, right) if _DAY_ONLY.fullmatch(left) else left, ctx)
    if first is None:
        return None
    later_ctx = ctx._replace(not_before=max(ctx.not_before, first.start))
    second = parse(_complete(right, left), later_ctx)
    if second is None:
        return None
    start, end = min(first.start, second.start), max(first.end, second.end)
    rolling = first.rolling and second.rolling
    rule = f"from {first.rule} to {second.rule}"
    return Span(
        start, end, "range", rule, rolling=rolling, deadline=first.deadline or second.deadline
    )


@RULES.rule(
    r"(?P<first><MONTH>) (?P<d1>\d{1,2})(?:st|nd|rd|th)?-(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    r"(?: (?P<year>\d{4}))?"
)
def _day_span_in_month(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'July 13-15' (the dash kept between digits)."""
    year = f" {m['year']}" if m["year"] else ""
    return _range_pair(f"{m['first']} {m['d1']}{year}", f"{m['first']} {m['d2']}{year}", ctx)


@RULES.rule(
    r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?-(?P<d2>\d{1,2})(?:st|nd|rd|th)? (?P<mon><MONTH>)"
    r"(?: (?P<year>\d{4}))?"
)
def _days_of_month_span(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'13-15 July'."""
    year = f" {m['year']}" if m["year"] else ""
    return _range_pair(f"{m['d1']} {m['mon']}{year}", f"{m['d2']} {m['mon']}{year}", ctx)
