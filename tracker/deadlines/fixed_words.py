"""Whole phrases read by lookup: day words, the vague-horizon policy, and the
phrases refused because they set no deadline."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from tracker.deadlines.datemath import shift_date
from tracker.deadlines.model import Ctx, Span, day_span
from tracker.deadlines.vocab import amount_words, split_words

NO_DEADLINE = frozenset(
    split_words(
        "eventually|someday|some day|one day|one of these days|sooner or later|the future"
        "|future|the long run|long run|the long term|long term|the longer term|longer term"
        "|down the road|down the line|the fullness of time|the foreseeable future"
        "|foreseeable future|never|some point|at some point|some stage|later|afterwards"
        "|in time|time|until further notice|further notice|the end|ultimately|one time"
        "|at some stage|sometime|some time|when the time is right|in the long run"
        "|the longer run|longer run|the distant future|distant future|the long haul"
    )
)
EVENT_RELATIVE = re.compile(r"day (?:1|zero|0)|the 1st (?:\d+ )?days?|the 1st day|1st \d+ days")

# phrase -> (amount, unit): the vague-horizon policy of docs/deadlines.md
_VAGUE = {
    **dict.fromkeys(split_words("immediately|right away|straight away|straightaway|at once"
                                "|forthwith|momentarily"), (1, "day")),
    **dict.fromkeys(split_words("imminently|imminent|any day now|any day|any time now"
                                "|any moment now|any moment|any minute now|any minute"),
                    (7, "day")),
    **dict.fromkeys(split_words("shortly|very soon|short order|very shortly"), (14, "day")),
    **dict.fromkeys(split_words("soon|before long|presently|asap|as soon as possible|soon enough"
                                "|the earliest opportunity|the first opportunity|quickly"),
                    (30, "day")),
    **dict.fromkeys(split_words("the near future|near future|the not too distant future"
                                "|not too distant future|the not distant future"), (3, "month")),
    **dict.fromkeys(split_words("due course|the near term|near term|the short term|short term"),
                    (6, "month")),
    **dict.fromkeys(split_words("the medium term|medium term"), (3, "year")),
}  # fmt: skip
_DAY_WORDS = {
    "today": (0, "today: the said-on day"),
    "now": (0, "now: the said-on day"),
    "right now": (0, "now: the said-on day"),
    "just now": (0, "now: the said-on day"),
    "this day": (0, "today: the said-on day"),
    "this time": (0, "today: the said-on day"),
    "the hour": (0, "within the hour: the said-on day"),
    "@t": (0, "a time of day: the said-on day"),
    "tomorrow": (1, "tomorrow: the day after the said-on day"),
    "tmrw": (1, "tomorrow: the day after the said-on day"),
    "tmr": (1, "tomorrow: the day after the said-on day"),
    "the next day": (1, "the next day"),
    "next day": (1, "the next day"),
    "the following day": (1, "the next day"),
    "overnight": (1, "overnight: by the next day"),
    "the day after tomorrow": (2, "the day after tomorrow"),
    "day after tomorrow": (2, "the day after tomorrow"),
    "overmorrow": (2, "the day after tomorrow"),
    "yesterday": (-1, "yesterday (a past day)"),
    "the day before yesterday": (-2, "the day before yesterday (a past day)"),
    "day before yesterday": (-2, "the day before yesterday (a past day)"),
}


def horizon(said_on: date, amount: float, unit: str, rule: str) -> Span:
    """A rolling window from the said-on day to ``amount`` ``unit``s later."""
    end = shift_date(said_on, amount, unit)
    start, end = (said_on, end) if end >= said_on else (end, said_on)
    return Span(start, end, "horizon", rule, rolling=True)


_Reader = Callable[[Ctx], Span | None]


def _day_reader(offset: int, rule: str, phrase: str) -> _Reader:
    def read(ctx: Ctx) -> Span | None:
        return day_span(ctx.said_on + timedelta(days=offset), rule, deadline=phrase == "@t")

    return read


def _horizon_reader(amount: float, unit: str, rule: str) -> _Reader:
    def read(ctx: Ctx) -> Span | None:
        return horizon(ctx.said_on, amount, unit, rule)

    return read


def _fixed_table() -> dict[str, _Reader]:
    table: dict[str, _Reader] = {}
    for phrase, (offset, rule) in _DAY_WORDS.items():
        table[phrase] = _day_reader(offset, rule, phrase)
    for phrase, (amount, unit) in _VAGUE.items():
        rule = f"vague horizon '{phrase}': up to {amount_words(amount, unit)} (policy)"
        table[phrase] = _horizon_reader(amount, unit, rule)
    return table


FIXED = _fixed_table()
