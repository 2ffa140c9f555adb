"""Rules for quarters, halves, seasons, years, fiscal years, decades and centuries."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from tracker.deadlines.datemath import add_months, month_end, pivot_year, yearly
from tracker.deadlines.model import ONE_DAY, Ctx, Span
from tracker.deadlines.rulebook import RuleSet, within, year_value
from tracker.deadlines.rules_parts import pick_part
from tracker.deadlines.vocab import LAST, NEXT, YEAR_REL, alternation

RULES = RuleSet()


def _quarter_span(year: int, q: int) -> tuple[date, date]:
    return date(year, 3 * q - 2, 1), month_end(year, 3 * q)


def _quarter(q: int, year: int | None, ctx: Ctx, rel: str = "") -> Span | None:
    found = yearly(lambda y: _quarter_span(y, q), year, ctx, rel)
    if found is None:
        return None
    start, end, floating = found
    rule = f"quarter: Q{q} {start.year}" + (" (future reading)" if floating else "")
    return Span(start, end, "quarter", rule, floating=floating)


@RULES.rule(
    r"(?:the )?(?:q|quarter ?)(?P<q>[1-4])(?: ?(?:of )?(?P<year><YEAR>))?"
    r"|(?P<y4>\d{4}) ?q(?P<q2>[1-4])|(?P<q3>[1-4])q(?: ?(?P<yy>\d{4}|\d{2}))?"
    r"|q(?P<q4>[1-4])[ /](?P<yy2>\d{2})"
    r"|(?:the )?(?P<q5>[1-4])(?:st|nd|rd|th) (?:calendar )?(?:quarter|qtr)"
    r"(?: (?:of )?(?P<year2><YEAR>))?"
)
def _named_quarter(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'Q3', 'Q3 2026', 'the third quarter of next year', '3Q26'."""
    q = int(m["q"] or m["q2"] or m["q3"] or m["q4"] or m["q5"])
    token = m["year"] or m["y4"] or m["year2"]
    year = year_value(token, ctx.said_on)
    short = m["yy"] or m["yy2"]
    if short:
        year = int(short) if len(short) == 4 else pivot_year(int(short), ctx.said_on)
    return _quarter(q, year, ctx)


@RULES.rule(
    r"(?:(?P<rel>this|the current|current|the|next|the next|the following|last|the previous"
    r"|previous|the last) )?quarter(?: (?P<after>after next))?"
    r"|(?:the )?(?:final|last|4th) quarter of (?P<year><YEAR>)|(?P<final>(?:the )?final quarter)"
)
def _relative_quarter(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'this quarter', 'next quarter', 'the final quarter (of the year)' (Q4)."""
    if m["year"] or m["final"]:
        return _quarter(4, year_value(m["year"], ctx.said_on), ctx)
    rel = m["rel"] or "this"
    shift = -1 if rel in LAST else (1 if rel in NEXT else 0) + (2 if m["after"] else 0)
    year, q0 = divmod(ctx.said_on.year * 4 + (ctx.said_on.month - 1) // 3 + shift, 4)
    return _quarter(q0 + 1, year, ctx)


@RULES.rule(
    r"(?:the )?h(?P<h>[12])(?: ?(?:of )?(?P<year><YEAR>))?|(?P<h2>[12])h(?: ?(?P<yy>\d{4}|\d{2}))?"
    r"|(?P<y4>\d{4}) ?h(?P<h3>[12])"
)
def _half_code(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'H1', 'H2 2026', '1H26': halves of a calendar year."""
    half = "1st half" if (m["h"] or m["h2"] or m["h3"]) == "1" else "2nd half"
    token = m["year"] or m["y4"]
    if m["yy"]:
        token = m["yy"] if len(m["yy"]) == 4 else str(pivot_year(int(m["yy"]), ctx.said_on))
    return within(token or "@year", ctx, lambda span: pick_part(span, half, ctx.said_on))


_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _season_span(name: str, year: int) -> tuple[date, date] | None:
    """Meteorological seasons, northern hemisphere; winter YYYY starts in December YYYY."""
    first_month = _SEASONS[name]
    if not 1 <= year <= 9998:
        return None
    start = date(year, first_month, 1)
    return start, add_months(start, 3) - ONE_DAY


@RULES.rule(
    r"(?:(?P<rel>this coming|coming|this|the|current|the current|next|the next|the following|last"
    r"|this past|past|the last|the coming) )?(?P<season>spring|summer|fall|autumn|winter)"
    r"(?: (?:of )?(?P<year><YEAR>)(?P<through>[/-](?:\d{2}|\d{4}))?)?"
    r"(?: (?P<after>after next))?"
)
def _season(m: re.Match[str], ctx: Ctx) -> Span | None:
    name = m["season"]
    rel = "after next" if m["after"] else (m["rel"] or "")
    rel = (
        ""
        if rel in ("this", "the", "coming", "this coming", "the coming", "current", "the current")
        else rel
    )
    found = yearly(lambda y: _season_span(name, y), year_value(m["year"], ctx.said_on), ctx, rel)
    if found is None:
        return None
    start, end, floating = found
    rule = f"season: {name} {start.year} (meteorological, northern hemisphere)"
    alts: tuple[Span, ...] = ()
    if name == "winter" and m["year"] and not m["through"]:
        earlier = _season_span(name, start.year - 1)
        if earlier:
            alts = (Span(*earlier, "season", "winter read as the one ending in that year"),)
    return Span(start, end, "season", rule + (", future reading" if floating else ""),
                 floating=floating, alternatives=alts)  # fmt: skip


def _year_span(year: int, rule: str, **flags: Any) -> Span | None:
    if not 1 <= year <= 9999:
        return None
    return Span(date(year, 1, 1), date(year, 12, 31), "year", rule, **flags)


@RULES.rule(
    r"(?:the )?(?:calendar |full[- ])?(?:year )?(?P<y>\d{4})|'(?P<yy>\d\d)|(?P<rel>"
    + alternation(YEAR_REL)
    + ")"
)
def _year(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'2026', 'in 2026', 'by 2030', 'this year', 'next year', 'the full year', 'full-year 2026'."""
    floating = m["rel"] == "@year"
    year = (
        ctx.not_before.year if floating else year_value(m["y"] or m["yy"] or m["rel"], ctx.said_on)
    )
    return _year_span(year, f"calendar year {year}", floating=floating) if year else None


@RULES.rule(
    r"(?:the )?(?:(?P<k1>academic|school|financial|fiscal|tax) year )?(?P<a>\d{4}) ?(?P<sep>/|-)"
    r" ?(?P<b>\d{2})(?: (?P<k2>academic|school|financial|fiscal|tax) year)?"
)
def _split_year(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'2020/21', 'the 2020/21 academic year': one year across two calendar years,
    the academic year (1 August - 31 July) or, unnamed or financial, the UK
    financial year (1 April - 31 March). '2026-27' with no kind is two years."""
    first, kind = int(m["a"]), m["k1"] or m["k2"]
    if (first + 1) % 100 != int(m["b"]) or (m["sep"] == "-" and not kind):
        return None
    if kind in {"academic", "school"}:
        rule = f"academic year {first}/{m['b']}: 1 August - 31 July"
        return Span(date(first, 8, 1), date(first + 1, 7, 31), "academic year", rule)
    rule = f"financial year {first}/{m['b']}: 1 April - 31 March"
    return Span(date(first, 4, 1), date(first + 1, 3, 31), "financial year", rule)


@RULES.rule(r"(?P<a>\d{4}) ?(?:-|/|to) ?(?P<b>\d{4}|\d{2})")
def _year_range(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'2026-27', '2026 to 2028': from the first year to the end of the last."""
    first, last = int(m["a"]), m["b"]
    last_year = int(last) if len(last) == 4 else first - first % 100 + int(last)
    if not (first < last_year <= 9999 and first >= 1):
        return None
    rule = f"years {first} to {last_year}"
    return Span(date(first, 1, 1), date(last_year, 12, 31), "years", rule)


def _fiscal_year(year: int, rule: str) -> Span | None:
    """US federal fiscal year: FY2026 runs 1 October 2025 - 30 September 2026."""
    if not 2 <= year <= 9999:
        return None
    main = Span(date(year - 1, 10, 1), date(year, 9, 30), "fiscal year", rule)
    calendar_year = _year_span(year, f"fiscal year read as calendar year {year}")
    return replace(main, alternatives=(calendar_year,) if calendar_year else ())


@RULES.rule(
    r"(?:the )?(?:fiscal|financial) (?:year )?(?P<y>\d{4}|'\d\d)|fy ?(?P<y2>\d{4}|\d{2})"
    r"|(?:the )?(?P<y3>\d{4}) (?:fiscal|financial) year"
    r"|(?P<rel>this|the current|current|the|next|the next|the following|last|the previous)"
    r" (?:fiscal|financial) year|fiscal year"
)
def _fiscal(m: re.Match[str], ctx: Ctx) -> Span | None:
    token = (m["y"] or m["y2"] or m["y3"] or "").lstrip("'")
    if token:
        year = int(token) if len(token) == 4 else pivot_year(int(token), ctx.said_on)
    else:
        rel = m["rel"] or "this"
        shift = 1 if rel in NEXT else -1 if rel in LAST else 0
        year = ctx.said_on.year + (ctx.said_on.month >= 10) + shift
    return _fiscal_year(year, f"fiscal year {year} (US federal: October-September)")


def _decade(first: int, rule: str) -> Span | None:
    if not 1 <= first <= 9990:
        return None
    return Span(date(first, 1, 1), date(first + 9, 12, 31), "decade", rule)


@RULES.rule(r"(?:the )?(?P<full>\d{3}0)s|(?:the )?'?(?P<short>\d0)s")
def _named_decade(m: re.Match[str], ctx: Ctx) -> Span | None:
    """'the 2030s'; 'the 30s' is the 1930s, 2030s or 2130s, whichever is nearest."""
    if m["full"]:
        first = int(m["full"])
    else:
        century = ctx.said_on.year - ctx.said_on.year % 100
        options = (
            century - 100 + int(m["short"]),
            century + int(m["short"]),
            century + 100 + int(m["short"]),
        )
        first = min(options, key=lambda y: abs(y + 5 - ctx.said_on.year))
    return _decade(first, f"decade: the {first}s")


@RULES.rule(
    r"(?P<rel>this|the current|current|the|next|the following|last|the previous|previous"
    r"|the last)? ?decade"
)
def _relative_decade(m: re.Match[str], ctx: Ctx) -> Span | None:
    rel = m["rel"] or "this"
    shift = -10 if rel in LAST else 10 if rel in NEXT else 0
    first = ctx.said_on.year - ctx.said_on.year % 10 + shift
    return _decade(first, f"decade: the {first}s")


@RULES.rule(
    r"(?P<rel>this|the current|current|the|next|the next|last)? ?century"
    r"|(?:the )?(?P<n>\d{2})(?:st|nd|rd|th) century"
)
def _century(m: re.Match[str], ctx: Ctx) -> Span | None:
    """Centuries run 2001-2100, so 'by the end of the century' ends on 31 December 2100."""
    number = int(m["n"]) if m["n"] else (ctx.said_on.year - 1) // 100 + 1
    number += 1 if m["rel"] in NEXT else -1 if m["rel"] in LAST else 0
    first, last = (number - 1) * 100 + 1, number * 100
    if first < 1 or last > 9999:
        return None
    return Span(date(first, 1, 1), date(last, 12, 31), "century", f"century: {first}-{last}")
