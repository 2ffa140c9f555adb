"""Deadline phrases ("by the end of July", "next year") and where they point."""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
YEAR = r"(?:19|20)\d\d"
NUM = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|eighteen|twenty|thirty|forty|fifty|sixty|ninety|a hundred|"
    r"hundred|a few|few|several|a couple of|couple of|a couple|couple)"
)
_NUMS = rf"{NUM}(?:\s*(?:-|to|or)\s*{NUM})?"
UNIT = r"(?:minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|seasons?)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_PERIOD = (
    r"(?:week|weekend|month|year|quarter|season|decade|half|term|session|parliament|presidency|"
    rf"administration|fiscal year|financial year|{_SEASON}|{_WEEKDAYS})"
)
_ORD = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
_OWNER = r"(?:my|his|her|our|their|the|its|this|a new)"
EVENT = (
    rf"(?:the\s+)?(?:(?:next|first|final|upcoming|general|presidential|midterm|school|summer|"
    rf"christmas|easter|transfer|new|international|winter|mid-season|all-star|cup|league|"
    rf"champions|europa|fa|nations|premier|super|grand|title|opening|home|away|holiday|"
    rf"fifa|uefa|world|european|national|olympic|upcoming|local|wet|dry|rainy|monsoon|"
    rf"hurricane|typhoon|flu|harvest|planting|festive|budget|"
    rf"{YEAR}|{MONTHS}\s+\d{{1,2}}|{MONTHS})\s+)*(?:elections?|debate|summit|vote|referendum|deadline|"
    r"holidays|break|recess|window|season|world cup|olympics|conference|derby|budget|"
    r"(?:semi-|quarter-)?finals?|play-?offs|tournament|championships?|qualifiers|"
    r"games|matches|fixtures|races|rounds|outings)"
)
_DAYS = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|\u2013|and|to|through)\s*\d{1,2}(?:st|nd|rd|th)?)?"
_DATE = (  # "24 June", "August 20 and 21, 2007", "3-4 March"
    rf"(?:{_DAYS}\s+{MONTHS}(?:,?\s+{YEAR})?"
    rf"|{MONTHS}\s+{_DAYS}(?:,?\s+{YEAR})?|{MONTHS}(?:\s+{YEAR})?)"
)
_POINT = (
    rf"(?:the\s+)?{YEAR}/\d\d(?:\s+(?:academic|school|financial|fiscal|tax)\s+year)?|{EVENT}|(?:(?:early|mid|late)[-\s]?)?(?:{_WEEKDAYS},?\s+{_DATE}|{_DATE}|{YEAR}|(?:(?:this|next|the)\s+)?{_SEASON}(?:\s+(?:of\s+)?{YEAR})?|next\s+{_PERIOD})"
    r"|the\s+weekend"
    rf"|(?:the\s+)?{_ORD}\s+(?:quarter|half)(?:\s+of\s+(?:the\s+year|this\s+year|next\s+year|{YEAR}|fiscal\s+{YEAR}))?"
    rf"|q[1-4](?:\s+{YEAR})?|h[12](?:\s+{YEAR})?|fiscal\s+(?:year\s+)?{YEAR}|fy\s?\d{{2,4}}"
    rf"|(?:the\s+)?{YEAR}\s+(?:fiscal|financial)\s+year"
    rf"|year[-\s]end|christmas|easter|thanksgiving|the\s+new\s+year|{_WEEKDAYS}"
    rf"|{_OWNER}\s+first\s+(?:{NUM}\s+)?(?:year|term|days|months|weeks)(?:\s+in\s+office)?"
)
_EDGE = r"(?:(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+|end[-\s])"
_EDGED = (
    rf"(?:{_EDGE}(?:(?:this|next|the|my|his|her|our|their|its)\s+)?(?:{_PERIOD}|{_POINT})|{_POINT})"
)
PREP = (
    r"(?:by|before|until|till|through|no later than|not later than|no earlier than|not before|"
    r"ahead of|in|during|on|at|"
    r"from|starting(?:\s+in)?|for|within|in time for|as soon as|as early as|"
    r"sometime in|some time in|later in|early in|around|as of|as from|with effect from)"
)
EVENT_WORD = r"(?!(?:the|a|an|his|her|its|it|them|him|us|me|this|that|their|our)\b)[a-z-]+"
_TIME_PATTERNS = [
    rf"\b{PREP}\s+{_EDGED}\b",
    rf"\b(?:(?:later|earlier|early|late)\s+)?(?:this|next)\s+{_PERIOD}\b",
    rf"\b(?:(?:in|during|over|within|for)\s+)?(?:the\s+)?(?:coming|next|following|upcoming)\s+"
    rf"(?:{_NUMS}\s+)?{UNIT}(?:\s+and\s+{UNIT})?\b",
    rf"\b(?:in|within)\s+(?:{_NUMS}\s+)?{UNIT}(?:'?s?\s+time)?(?:\s+of\s+{EVENT_WORD})?\b",
    rf"\bover\s+(?:a\s+period\s+of\s+)?{_NUMS}\s+{UNIT}\b",  # "plans to do this over six years"
    rf"\bfor\s+(?:another|a\s+further)\s+{_NUMS}\s+{UNIT}\b",  # "delayed for another three years"
    r"\bas\s+soon\s+as\s+(?:possible|practicable)\b"  # but not "as soon as the deal is done"
    r"|\b(?<!\bas\s)(?:very\s+)?soon\b(?!\s+as\s+(?!well\b)\w)"
    r"|\bshortly\b|\bimminently\b|\bin the near (?:future|term)\b"
    r"|\bbefore long\b|\bany day now\b|\bin due course\b",
    r"\b(?:tomorrow|tonight|later today|the day after tomorrow)\b",
    rf"\b(?:through|throughout|over|until|till)\s+the\s+(?:weekend|week|month|holidays|{_SEASON})\b",
    r"\b(?:on|from)\s+(?:day\s+(?:one|1)|(?:the|his|her|my|our|their)\s+(?:very\s+)?first\s+day(?:\s+in\s+office)?)\b",
    rf"\b(?:in|within)\s+(?:the|his|her|my|our|their)\s+first\s+(?:{NUM}\s+)?(?:days|weeks|months|year|years|term)(?:\s+in\s+office)?\b",
    rf"\bfor\s+(?:the\s+)?(?:(?:full|fiscal|financial|current|calendar)\s+)?year(?:\s+ending\s+{MONTHS}(?:\s+{YEAR})?)?\b|\bfor\s+fiscal\s+{YEAR}\b",
    rf"\bat\s+(?:its|the|their)\s+(?:next|upcoming|{MONTHS})\s+(?:policy\s+)?meeting(?:\s+in\s+{MONTHS})?\b",
    rf"\b{PREP}\s+{EVENT},?\s+(?:of\s+)?{YEAR}\b",
    rf"\b(?:before|by|until|after)\s+(?:the\s+)?{YEAR}\s+{EVENT}(?:,?\s+(?:next|this)\s+{MONTHS})?\b",
    rf"\buntil\s+after\s+{EVENT}\b|\bas\s+soon\s+as\s+possible\s+after\s+{EVENT}\b",
    rf"\b{PREP}\s+(?:(?:early|mid|late)[-\s]?)?{MONTHS}\s+or\s+(?:(?:early|mid|late)[-\s]?)?{MONTHS}"
    rf"(?:\s+{YEAR})?\b",  # "in late November or early December"
    r"\bnext\s+(?:[A-Z][\w-]*\s+){1,2}season\b|\bbefore\s+too\s+long\b",
    r"\b(?:by|at|around|before)\s+the\s+turn\s+of\s+the\s+(?:year|decade|century)\b"
    r"|\bin\s+a\s+matter\s+of\s+(?:hours|days|weeks|months)\b"
    r"|\b(?:later|early|late)\s+in\s+the\s+(?:year|month|week|season|decade)\b"
    rf"|\btowards?\s+the\s+end\s+of\s+(?:(?:the|this|next)\s+{_PERIOD}|{YEAR})\b",
    rf"\b(?:full[-\s]year|first[-\s]half|second[-\s]half)(?:\s+(?:fiscal\s+)?{YEAR})?\b",
    rf"\b{PREP}\s+the\s+(?:(?:early|mid|late)[-\s]?)?(?:19|20)\d0s\b",  # "by the mid-2030s"
    rf"\b(?:after|following)\s+{EVENT}\b",  # "after the international break": needs a window
    rf"\b(?:(?:on|by|for|until)\s+)?{_WEEKDAYS},?\s+(?:{MONTHS}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTHS})"
    rf"(?:,?\s+{YEAR})?\b",  # "targeting 7:49 p.m. EST Saturday, Nov. 14"
    rf"\b(?:(?:for|in|on|before|until)\s+)?{_WEEKDAYS}'s\s+(?:game|match|derby|final|clash|fixture"
    r"|race|vote|meeting|summit|launch|debate|election)\b",
    r"\b(?:(?:for|until|through|over)\s+)?the\s+rest\s+of\s+the\s+(?:season|campaign|tournament|year)\b",
    r"\b(?:for|in|before|until|by)\s+(?:the|our|their|his|its)\s+(?:opening|next|first|final|last|home"
    r"|away|season-opening|cup)\s+(?:game|match|fixture|race)(?:\s+of\s+the\s+season)?\b",
    rf"\b(?:(?:for|in|over)\s+)?(?:the|his|her|their|its)\s+(?:next|coming|remaining|following)\s+"
    rf"(?:{_NUMS}\s+)?(?:league\s+|cup\s+)?(?:games|matches|fixtures|races|rounds|outings)\b",
    rf"\bin\s+the\s+course\s+of\s+(?:(?:this|next)\s+{_PERIOD}|{_EDGED})\b",
    r"\b(?:after|once|when|before)\s+the\s+(?:house|parliament|senate|congress|commons|assembly)"
    r"\s+(?:returns|reconvenes|resumes|sits\s+again)(?:\s+from\s+(?:the\s+|its\s+)?(?:\w+\s+)?"
    r"(?:recess|adjournment|break|holidays?))?",
]
_TIME = [re.compile(p, re.I) for p in _TIME_PATTERNS]
AGENDA_LABEL = re.compile(  # "Wednesday 28 November: The Commission presents ..."
    rf"^\s*(?:{_WEEKDAYS}\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}(?:\s+{YEAR})?"
    r"(?=\s*(?:\([^()]{0,40}\)\s*)?:)",
    re.I,
)
ABSENCE = re.compile(  # "he has to be out for two weeks": the phrase is "for two weeks"
    rf"\b(?:out|sidelined|absent|unavailable|miss|ruled\s+out)\s+(?P<p>(?:for\s+)?(?:up\s+to\s+|at\s+least\s+"
    rf"|another\s+|around\s+|about\s+)?{_NUMS}\s+(?:more\s+)?{UNIT})\b"
    rf"|\bfaces?\s+(?P<f>(?:up\s+to\s+|at\s+least\s+|another\s+)?{_NUMS}\s+{UNIT})\s+"
    r"(?:on\s+the\s+sidelines|out)\b",
    re.I,
)
_BARE_FOR = re.compile(
    rf"^for\s+(?!{EVENT}\b|{_WEEKDAYS}'s\s|(?:the|our|their|his|its)\s+(?:opening|next|first|final"
    r"|last|home|away|season-opening|cup)\s+(?:game|match|fixture|race)\b"
    rf"|(?:the\s+)?(?:rest|start|end|beginning|{_ORD}|(?:full|fiscal|financial|current|"
    rf"calendar)\s+year|year\s+ending|next|coming|fiscal|another|a\s+further|{MONTHS}|{YEAR}|\d))",
    re.I,
)


_TERM = re.compile(  # "They will have seven months to deliver": the time given for a task
    rf"\b(?:have|has|had|given|gives|get|gets|allowed|allows)\s+(?P<t>(?:just\s+|only\s+|up\s+to\s+)?"
    rf"{_NUMS}\s+(?:more\s+)?{UNIT})\s+(?:in\s+which\s+)?to\s+[a-z]",
    re.I,
)
_DATE_OF = re.compile(  # "its new launch date of May 19", "now targeting Sept. 1": the date
    rf"\b(?:(?:date|deadline|day)\s+(?:of|is|was\s+set\s+for)|targeting|targets)\s+"
    rf"(?P<d>(?:{_WEEKDAYS},?\s+)?(?:\d{{1,2}}\s+{MONTHS}|{MONTHS}\s+\d{{1,2}})(?:,?\s+{YEAR})?)\b",
    re.I,
)


def time_phrases(text: str) -> list[tuple[int, int]]:
    """Spans of deadline phrases in `text`, longest first where they overlap."""
    found = [(m.start(), m.end()) for rx in _TIME for m in rx.finditer(text)]
    found = [s for s in found if not _BARE_FOR.match(text[s[0] : s[1]])]
    found += [m.span("p") if m.group("p") else m.span("f") for m in ABSENCE.finditer(text)]
    found += [m.span("d") for m in _DATE_OF.finditer(text)]
    found += [m.span("t") for m in _TERM.finditer(text)]
    label = AGENDA_LABEL.match(text)
    found += [(label.end() - len(label.group().lstrip()), label.end())] if label else []
    found.sort(key=lambda span: (span[0], -span[1]))
    found = [
        s for s in found if not _DATED_EVENT.match(text, s[1]) or not _starts_at(found, text, s)
    ]
    kept: list[tuple[int, int]] = []
    for span in found:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


_DATED_EVENT = re.compile(r"\s+(?:closes|opens|ends|starts|begins|shuts|expires)\s+")


def _starts_at(found: list[tuple[int, int]], text: str, span: tuple[int, int]) -> bool:
    """ "before the transfer window closes on August 9": the date, not the window, is
    the phrase when the event's own day follows."""
    match = _DATED_EVENT.match(text, span[1])
    return match is not None and any(a == match.end() for a, _ in found)


def calendar_future(phrase: str, said_on: date) -> bool:
    """A present-tense schedule needs an explicit date after the day the words
    were said, or a preposition that looks ahead ("before the summer break");
    "Ask me next year" is not a claim."""
    low = phrase.lower()
    year = re.search(YEAR, low)
    month = re.search(rf"\b{MONTHS}\b", low)
    if year and int(year.group()) != said_on.year:
        return int(year.group()) > said_on.year
    if month:
        number = month_number(month.group())
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", low)
        return (number, int(day.group(1)) if day else 31) > (said_on.month, said_on.day)
    ahead = (
        r"(?:by|before|until|till|within|ahead of|no later than|in time for|in the course of"
        r"|tonight|tomorrow|later today)\b"  # "All systems are go for tonight's launch"
        rf"|(?:(?:for|in|on|before|until)\s+)?{_WEEKDAYS}'s\s"  # "a doubt for Sunday's game"
        rf"|(?:on\s+)?{_WEEKDAYS}$"  # "pre-orders begin on Friday": the coming one
    )
    return bool(re.match(ahead, low))


def past_phrase(phrase: str, said_on: date) -> bool:
    year = re.search(YEAR, phrase)
    return year is not None and int(year.group()) < said_on.year


def month_number(name: str) -> int:
    prefix = name.lower().rstrip(".")[:3]
    return [m.lower()[:3] for m in calendar.month_name].index(prefix)
