"""Text normalisation: one plain form for the rules to read."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from tracker.deadlines.vocab import UNIT_WORDS, alternation

_CHAR_MAP = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys('\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"', " "),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("[](){}<>,;!?*|_~^=", " "),
        "@": " at ",
        "&": " and ",
    }
)

_NUMBER_WORDS = {
    "zero": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_DECADE_WORDS = {w[:-1] + "ies": f"{n}s" for w, n in _TENS_WORDS.items()}
_NUMERIC_WORDS = set(_NUMBER_WORDS) | set(_TENS_WORDS) | set(_ORDINAL_WORDS) | set(_SCALE_WORDS)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _read_number(tokens: list[str], i: int) -> tuple[str, int]:
    """Read number words from tokens[i:]: ("21", next index), or ("", i) if none."""
    total, current, j, last = 0, 0, i, ""
    while j < len(tokens):
        word = tokens[j]
        if word in _NUMBER_WORDS and last in ("", "tens", "scale"):
            current, last = current + _NUMBER_WORDS[word], "unit"
        elif word in _TENS_WORDS and last in ("", "scale"):
            current, last = current + _TENS_WORDS[word], "tens"
        elif word in _ORDINAL_WORDS and last in ("", "tens", "scale"):
            return ordinal(total + current + _ORDINAL_WORDS[word]), j + 1
        elif word in _SCALE_WORDS and last in ("unit", "tens"):
            scale = _SCALE_WORDS[word]
            total, current = (
                (total, current * scale) if scale == 100 else (total + current * scale, 0)
            )
            last = "scale"
        elif word == "a" and last == "" and tokens[j + 1 : j + 2] and tokens[j + 1] in _SCALE_WORDS:
            current, last = 1, "unit"
        elif not (
            word == "and"
            and last == "scale"
            and tokens[j + 1 : j + 2]
            and tokens[j + 1] in _NUMERIC_WORDS
        ):
            break
        j += 1
    return (str(total + current) if last else ""), j


def _words_to_numbers(text: str) -> str:
    """'twenty one days' -> '21 days'; 'the third quarter' -> 'the 3rd quarter'."""
    tokens = text.split()
    if _NUMERIC_WORDS.isdisjoint(tokens) and _DECADE_WORDS.keys().isdisjoint(tokens):
        return text
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if word == "second" and out and out[-1] in ("a", "an", "one", "1", "per"):
            out.append(word)  # the time unit, not the ordinal
            i += 1
            continue
        if word in _DECADE_WORDS:
            out.append(_DECADE_WORDS[word])
            i += 1
            continue
        value, j = _read_number(tokens, i)
        out.append(value or word)
        i = max(j, i + 1)
    return " ".join(out)


Replacement = str | Callable[[re.Match[str]], str]


def _coming_units(m: re.Match[str]) -> str:
    """'the weeks and months ahead' -> 'the coming weeks and months'."""
    return "the coming " + " and ".join(unit for unit in m.groups() if unit)


class _Rewrites:
    """Ordered regex substitutions, each with '|'-separated trigger substrings.

    One scan finds which triggers occur; only the rows they name run, so a
    phrase pays for the few rewrites that can apply to it, not for all of them.
    """

    def __init__(self, *rows: tuple[str, str, Replacement]) -> None:
        self.rows = [(re.compile(pattern), repl) for _, pattern, repl in rows]
        self.rows_for: dict[str, list[int]] = {}
        for index, (triggers, _, _) in enumerate(rows):
            for trigger in triggers.split("|"):
                self.rows_for.setdefault(trigger, []).append(index)
        self.scan = re.compile("(?=(" + alternation(self.rows_for) + "))")

    def __call__(self, text: str) -> str:
        hits = {i for t in self.scan.findall(text) for i in self.rows_for[t]}
        for index in sorted(hits):
            pattern, repl = self.rows[index]
            text = pattern.sub(repl, text)
        return text


# Character-level clean-up, before number words are read.
_CLEANUPS = _Rewrites(
    (
        ":",
        r"(\d{4}-\d{1,2}-\d{1,2})t\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?",
        r"\1",
    ),
    (".", r"\b([ap])\.\s?m\b\.?", r"\1m"),
    (".", r"(?<=[a-z])\.", ""),
    (".", r"\.(?!\d)", " "),
    ("'", r"'(?!\d\d(?!\d))", ""),
    ("-|/", r"(?<=[^\W\d_])-|-(?=[^\W\d_])|(?<=[^\W\d_])/|/(?=[^\W\d_])", " "),
    ("-", r"\s+-+\s*|\s*-+\s+|^-+|-+$", " to "),
    ("-", r"\b(q[1-4]|h[12])-(?=\d)", r"\1 "),
    ("to", r"^\s*(?:to\s+)+|(?:\s+to)+\s*$", ""),
    ("one", r"^one day$|\bone of these days\b", "someday"),
)

_TZ = r"(?: ?(?:utc|gmt|z|[ecmpa][sd]?t|bst|cet|cest|eet|eest|ist|jst|aest|aedt|msk))?"

# Word-for-word replacements (abbreviations, spellings), in one pass.
_WORD_SWAPS = {
    "yrs": "years", "yr": "year", "qtrs": "quarters", "qtr": "quarter", "wks": "weeks",
    "wk": "week", "hrs": "hours", "hr": "hour", "untill": "until", "upcoming": "coming",
    "xmas": "christmas", "x mas": "christmas", "eoy": "end of year", "eom": "end of month",
    "eow": "end of week", "eoq": "end of quarter", "week end": "weekend", "wkend": "weekend",
    "mid term": "medium term", "last weeks": "last week", "last night": "yesterday",
    "springtime": "spring", "summertime": "summer", "wintertime": "winter",
    "any time soon": "soon", "sooner rather than later": "soon", "as quickly as possible": "soon",
    "in the new year": "the start of next year", "this side of": "before",
    "the next little while": "soon", "a little while": "soon",
}  # fmt: skip
_WORD_SWAP = re.compile(r"\b(?:" + alternation(_WORD_SWAPS) + r")\b")

# Word-level rewrites, after number words are digits.
_REWRITES = _Rewrites(
    ("couple|pair", r"\b(?:a couple|couple|a pair)(?: of)?\b", "2"),
    ("few|handful|small number", r"\b(?:a few|a handful of|a small number of)\b", "few"),
    ("dozen", r"\ba dozen\b|\bdozen\b", "12"),
    ("half", r"\bhalf an? (" + UNIT_WORDS + r")\b", r"0.5 \1"),
    ("half", r"\b(?:an?|1) (" + UNIT_WORDS + r") and a half\b", r"1.5 \1"),
    ("half", r"\b(\d+) and a half (" + UNIT_WORDS + r")\b", r"\1.5 \2"),
    ("half", r"\b(\d+) (" + UNIT_WORDS + r") and a half\b", r"\1.5 \2"),
    ("quarter", r"\b(?:1|a) quarter of (?:an|1) hour\b", "15 minutes"),
    ("quarter", r"\b3 quarters of (?:an|1) hour\b", "45 minutes"),
    ("a ", r"\ban? (?=(?:" + UNIT_WORDS + r")\b)", "1 "),
    ("matter", r"\b(?:a )?matter of\b", "coming"),
    ("ahead|to come", r"\b(?:the )?(hours|days|weeks|months|years)"
     r"(?: and (hours|days|weeks|months|years))? (?:ahead|to come)\b", _coming_units),
    ("ahead", r"\b(?:the )?(week|month|year) ahead\b", r"the coming \1"),
    ("mid", r"\bmid(week|month|year|summer|winter|spring|autumn|fall|decade|quarter|term)\b",
     r"mid \1"),
    (" a m| p m", r"(?<=\d) ([ap]) m\b", r" \1m"),
    ("not |rather than",
     r",? ?(?:and |but )?(?:not|rather than) (?:hours|days|weeks|months|years)\b", ""),
    ("end", r"\b(year|month|week|quarter|half|summer|spring|winter|autumn|fall)s? end\b",
     r"end of \1"),
    ("soon", r"\b(?:pretty|quite|relatively|really|fairly|reasonably|rather) soon\b", "soon"),
    ("run up", r"\b(?:in )?the run up to\b", "before"),
    ("toward", r"^towards? the end of\b", "by the end of"),
    (" is out| is over",
     r"\b(?:by the time |before )?the (week|month|year|decade) is (?:out|over)\b",
     r"by the end of the \1"),
    ("later", r"\bat a later (?:date|stage|time|point)\b", "later"),
    ("morning", r"^(?:(?:by|in|until|till) )?(?:the )?morning$", "tomorrow"),
    ("tonight|this ", r"\b\d{1,2} (?=tonight\b|this (?:morning|afternoon|evening)\b)", ""),
    ("tonight|this ", r"\b(?:tonight|this (?:morning|afternoon|evening))\b", "today"),
    ("day ", r"\b(?:the )?day (after|before) (?!tomorrow\b|yesterday\b)", r"1 day \1 "),
    (" and | through ", r"(?<!between )\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
     r"[a-z]*) (\d{1,2}) (?:and|through) (\d{1,2})\b(?! (?:days|weeks|months|years)\b)",
     r"\1 \2-\3"),
)  # fmt: skip

# Times of day become the marker '@t'; a phrase that is only a time means the
# said-on day, and a time beside a day ("friday at 5pm") leaves the day.
_TIME_OF_DAY = re.compile(
    r"\b(?:(?:a |1 )?quarter|half|\d{1,2}) (?:past|after) \d{1,2}(?: ?(?:am|pm))?\b"
    r"|\b(?:(?:a |1 )?quarter|half|\d{1,2}) (?:to|till) (?:\d{1,2} ?(?:am|pm)|noon|midnight)\b"
    r"|\b\d{1,2}(?: (?:to|-) \d{1,2})? in the (?:am|pm)\b"
    r"|\b\d{1,2}(?::\d{2})? ?(?:-|to) ?\d{1,2}(?::\d{2} ?(?:am|pm)?| ?(?:am|pm))" + _TZ + r"\b"
    r"|\b\d{1,2}(?::\d{2})? ?[ap]\b|\bat (?:[01]?\d|2[0-3])[0-5]\d\b"
    r"|\b\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?: ?(?:am|pm|a|p|h))?" + _TZ + r"\b"
    r"|\b(?![12]h)\d{1,2}h\d{2}\b|\b\d{1,2} \d{2} ?(?:am|pm)\b"
    r"|\bat \d{1,2}(?::\d{2}| \d{2})?" + _TZ + r"(?=$| (?:today|tomorrow|in the|this|on)\b)"
    r"|\b\d{1,2}\.\d{2} ?(?:am|pm)" + _TZ + r"\b"
    r"|\b\d{1,4} ?(?:am|pm)" + _TZ + r"\b"
    r"|\b\d{1,2} ?oclock(?: ?(?:am|pm))?\b"
    r"|\b(?:(?:early|late|mid) )?(?:in the )?(?:morning|afternoon|evening|night)s?\b"
    r"|\b(?:noon|midday|midnight|lunchtime|lunch|eod|cob|eob|1st thing)\b"
    r"|\b(?:the )?(?:close|end|start) of "
    r"(?:business|play|trading|(?:the )?(?:business |working )?day)\b"
)

_TIME_HINT = re.compile(
    r"\d|noon|midday|midnight|morning|afternoon|evening|night|lunch|eod|cob|eob|of "
)


@lru_cache(maxsize=8192)
def normalise(phrase: str) -> str:
    """The plain form rules read: lower case, ASCII punctuation, digits for numbers.

    >>> normalise("In [the] Coming Weeks.")
    'in the coming weeks'
    >>> normalise("within twenty-one days")
    'within 21 days'
    """
    text = unicodedata.normalize("NFKC", phrase).casefold().translate(_CHAR_MAP)
    text = " ".join(_CLEANUPS(text).split())
    text = _words_to_numbers(text)
    text = _WORD_SWAP.sub(lambda m: _WORD_SWAPS[m[0]], text)
    text = _REWRITES(text)
    if _TIME_HINT.search(text):
        text = _TIME_OF_DAY.sub(" @t ", text)
    return " ".join(text.split())
