"""Modes: the words ("by", "before", "within") that say how a named period
becomes a window, and the window each mode gives."""

from __future__ import annotations

import re
from datetime import date
from enum import IntEnum

from tracker.deadlines.fixed_words import FIXED
from tracker.deadlines.model import ONE_DAY, Span, Window
from tracker.deadlines.vocab import alternation, split_words


class Mode(IntEnum):
    """How a named period becomes a window; the strongest word found wins."""

    IN = 0  # "in March", "on Friday", "during the week": the period itself
    WITHIN = 1  # "within this month": from the said-on day to its end
    BY = 2  # "by March", "until Friday", "no later than": said-on day .. its end
    BEFORE = 3  # "before Friday": said-on day .. the day before it begins


_PREFIX_MODES = {
    **dict.fromkeys(
        split_words(
            "in|on|at|during|over|for|from|as of|around|about|approximately|roughly|circa|ca"
            "|sometime|some time|sometime in|at some point|at some stage|some point|as early as"
            "|as soon as|probably|possibly|likely|perhaps|maybe|hopefully|expected|scheduled for"
            "|slated for|set for|due|planned for|targeted for|targeting|aiming for|starting"
            "|beginning|effective|then|just|only|even|over the course of|in the course of"
            "|during the course of|in the space of|not until"
        ),
        Mode.IN,
    ),
    **dict.fromkeys(
        split_words("within|inside|inside of|in under|in less than|less than|under"), Mode.WITHIN
    ),
    **dict.fromkeys(
        split_words(
            "by|until|till|til|up to|up until|through|thru|no later than|not later than"
            "|by no later than|at the latest by|as late as|expected by|due by|on or before"
            "|or before|by or before"
        ),
        Mode.BY,
    ),
    **dict.fromkeys(
        split_words("before|prior to|ahead of|in time for|sometime before"), Mode.BEFORE
    ),
}
_PREFIX = re.compile(r"(" + alternation(_PREFIX_MODES) + r")(?: |$)")
_SUFFIX_MODES = {
    **dict.fromkeys(
        split_words(
            "or so|or thereabouts|ish|at the earliest|or later|give or take|approximately"
            "|roughly|or around then|hopefully|probably|possibly|as planned|as scheduled"
            "|at least|or more|at the soonest"
        ),
        Mode.IN,
    ),
    **dict.fromkeys(split_words("at most|or less|max|tops"), Mode.WITHIN),
    **dict.fromkeys(
        split_words(
            "at the latest|at the very latest|latest|or sooner|or earlier|or before"
            "|if not sooner|if not earlier|if not before"
        ),
        Mode.BY,
    ),
}
_SUFFIX = re.compile(r"(?:^| )(" + alternation(_SUFFIX_MODES) + r")$")

_TIME_MARK = re.compile(
    r"(?:\b(?:at|on|around|about|from|in|after|the|this|of|to|and|or|between|for|-)\s+)*@t"
    r"(?: (?:at \d{1,2}(?::\d{2})?|of|on|to|and|or|-)(?= |$))*"
)
_DANGLING = re.compile(r"(?: (?:at|by|before|until|till|on|around|about|from|in))+$")


def split_mode(text: str) -> tuple[Mode, str]:
    """Strip mode words from both ends: ('by the end of march' -> BY, 'the end of march').

    Times of day go first: 'by 5pm' is the said-on day, 'friday at 5pm' is Friday.
    """
    timed = "@t" in text
    if timed:
        text = _DANGLING.sub("", " ".join(_TIME_MARK.sub(" ", text).split()))
    mode = Mode.IN
    while text not in FIXED and (m := _PREFIX.match(text)) is not None:
        mode, text = max(mode, _PREFIX_MODES[m[1]]), text[m.end() :]
    while (m := _SUFFIX.search(text)) is not None:
        mode, text = max(mode, _SUFFIX_MODES[m[1]]), text[: m.start()]
    return mode, (text or "@t") if timed else text


_MODE_NOTES = {
    Mode.IN: "",
    Mode.WITHIN: "; 'within' counts from the said-on day to its end",
    Mode.BY: "; 'by' counts from the said-on day to its end",
    Mode.BEFORE: "; 'before' ends the day before it begins",
}


def apply_mode(span: Span, mode: Mode, said_on: date) -> Window:
    start, end = _mode_window(span, mode, said_on)
    note = "" if span.rolling or span.deadline else _MODE_NOTES[mode]
    alts = tuple(apply_mode(alt, mode, said_on) for alt in span.alternatives)
    return Window(start, end, span.rule + note, alts)


def _mode_window(span: Span, mode: Mode, said_on: date) -> tuple[date, date]:
    if span.rolling:
        return span.start, span.end
    if mode is Mode.BEFORE and not span.deadline:
        end = span.start - ONE_DAY
        return (said_on, end) if end >= said_on else (end, end)
    if mode is not Mode.IN or span.deadline:
        end = span.by_end if (span.by_end and mode is not Mode.IN) else span.end
        return (said_on, end) if end >= said_on else (min(span.start, end), end)
    if span.end < said_on:
        return span.start, span.end
    return max(said_on, span.start), span.end
