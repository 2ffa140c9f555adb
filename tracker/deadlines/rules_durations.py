"""Rules for durations and horizons: 'in 30 days', 'the coming weeks', '2 weeks ago'."""

from __future__ import annotations

import re

from tracker.deadlines.datemath import shift_date
from tracker.deadlines.fixed_words import horizon
from tracker.deadlines.model import ONE_DAY, Ctx, Span, day_span
from tracker.deadlines.rulebook import RuleSet, expand
from tracker.deadlines.vocab import amount_words, parse_number, unit_key

RULES = RuleSet()

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


@RULES.rule(
    r"(?:the )?(?P<q>coming|next few|next several|next|few|several|following few|coming few"
    r"|past few|last few)? ?(?P<unit>hours|days|weeks|months|years)"
)
def _vague_units(m: re.Match[str], ctx: Ctx) -> Span:
    """'the coming weeks', 'within days', 'in the next few months' (policy table)."""
    q, unit = m["q"] or "", m["unit"]
    amount, step = (_SEVERAL_UNITS if "several" in q else _VAGUE_UNITS)[unit]
    if q.startswith(("past", "last")):
        amount = -amount
    words = f"'{(q + ' ' + unit).strip()}'"
    rule = f"vague horizon {words}: up to {amount_words(abs(amount), step)} (policy)"
    return horizon(ctx.said_on, amount, step, rule)


@RULES.rule(
    r"(?:the (?:next|coming)|coming|this coming)"
    r" (?P<unit>hour|week|fortnight|month|year|decade|century)"
    r"(?: or (?P<n><NUM>)(?: (?:<UNIT>))?)?"
)
def _next_unit(m: re.Match[str], ctx: Ctx) -> Span:
    """'over the next year', 'the coming week', 'the next week or two': from the said-on day."""
    unit, amount = unit_key(m["unit"]), parse_number(m["n"]) if m["n"] else 1
    rule = f"rolling horizon: {amount_words(amount, unit)} from the said-on day"
    return horizon(ctx.said_on, amount, unit, rule)


_DURATION_TAIL = (
    r"(?: (?:from now|from right now|from today|from this day|hence|time|away|out|later|ahead"
    r"|on|more|or so|in total|total))*"
)


@RULES.rule(
    r"(?:the )?(?:next |coming |following |another |more |further )?(?P<n><NUM>)"
    r"(?:(?:-| to | or )(?P<n2><NUM>))? ?(?:more |additional |further |extra |full |short )?"
    r"(?P<unit><UNIT>)(?: or (?:so|(?P<n3><NUM>)(?: (?:<UNIT>))?))?" + _DURATION_TAIL
)
def _duration(m: re.Match[str], ctx: Ctx) -> Span:
    """'in 30 days', 'within two weeks', 'in a week or two', '3-4 months'."""
    amount = parse_number(m["n3"] or m["n2"] or m["n"])
    unit = unit_key(m["unit"])
    rule = f"rolling horizon: {amount_words(amount, unit)} from the said-on day"
    return horizon(ctx.said_on, amount, unit, rule)


@RULES.rule(
    r"(?:the )?(?:next |coming )?(?P<q>few|several) (?:short )?(?P<unit><UNIT>)" + _DURATION_TAIL
)
def _few_units(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'in a few days', 'several weeks from now': the vague-horizon policy."""
    unit = unit_key(m["unit"]) + "s"
    table = _SEVERAL_UNITS if m["q"] == "several" else _VAGUE_UNITS
    if unit not in table:
        return None
    amount, step = table[unit]
    rule = f"vague horizon '{m['q']} {unit}': up to {amount_words(amount, step)} (policy)"
    return horizon(ctx.said_on, amount, step, rule)


_COMPOUND_PART = expand(r"(<NUM>) ?(<UNIT>)")


@RULES.rule(
    r"(?:<NUM> ?(?:<UNIT>)(?: and|,)? ){1,6}(?:and )?<NUM> ?(?:<UNIT>)(?P<ago> ago)?"
    + _DURATION_TAIL
)
def _compound_duration(m: re.Match[str], ctx: Ctx) -> Span:
    """'1 year and 2 months', '2 weeks 3 days ago'."""
    sign = -1 if m["ago"] else 1
    end = ctx.said_on
    for amount, unit in _COMPOUND_PART.findall(m[0]):
        end = shift_date(end, sign * parse_number(amount), unit_key(unit))
    if m["ago"]:
        return day_span(end, "a past day: a compound duration before the said-on day")
    return Span(ctx.said_on, end, "horizon", "rolling horizon: a compound duration", rolling=True)


@RULES.rule(
    r"(?P<n><NUM>) ?(?P<unit><UNIT>)"
    r" (?:ago|back|earlier|before now|before today|before|prior|previously)"
)
def _ago(m: re.Match[str], ctx: Ctx) -> Span:
    day = shift_date(ctx.said_on, -parse_number(m["n"]), unit_key(m["unit"]))
    return day_span(day, "a past day: a duration before the said-on day")


@RULES.rule(
    r"(?:the (?:past|last|previous|preceding)|over the past) (?:(?P<n><NUM>) )?(?P<unit><UNIT>)"
    r"|(?:past|last) (?P<n2><NUM>) (?P<unit2><UNIT>)"
)
def _past_horizon(m: re.Match[str], ctx: Ctx) -> Span:
    number = m["n"] or m["n2"]
    amount = parse_number(number) if number else 1
    unit = unit_key(m["unit"] or m["unit2"])
    rule = f"a past horizon: the {amount_words(amount, unit)} before the said-on day"
    return horizon(ctx.said_on, -amount, unit, rule)


@RULES.rule(r"this time (?P<rel>next|last) (?P<unit>week|month|year)|this time tomorrow")
def _this_time_next(m: re.Match[str], ctx: Ctx) -> Span:
    if m["rel"] is None:
        return day_span(ctx.said_on + ONE_DAY, "this time tomorrow: the next day")
    sign = 1 if m["rel"] == "next" else -1
    day = shift_date(ctx.said_on, sign, unit_key(m["unit"]))
    return day_span(day, f"this time {m['rel']} {m['unit']}: that one day")
