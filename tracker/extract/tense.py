"""Whether the words around a phrase look ahead: the clause, its tense, its hedges."""

from __future__ import annotations

import re

from tracker.extract.sentences import Sentence
from tracker.extract.words import wordset

_REACH = 400  # characters either side of a phrase that can belong to its clause
STRONG = wordset(
    """
    will won't wont shall would wouldn't going gonna expect expects expected
    expecting plan plans planned planning aim aims aiming intend intends intended
    promise promises promised pledge pledges pledged vow vows vowed committed set
    due scheduled slated poised likely target targets targeting forecast forecasts
    predict predicts predicted project projects projected anticipate anticipates
    anticipated should ready prepared about track aim aims aimed aiming intend intends
    intended plan plans planned agreed agree agrees"""
)
_NEEDS_TO = wordset(
    """
    promise promises promised pledge pledges pledged vow vows vowed plan plans planned
    aim aims aimed intend intends intended set due target targets committed likely poised
    scheduled slated going planning aiming ready prepared about track agreed agree agrees"""
)
_TIMETABLED = wordset("scheduled slated due set planned")
_WEAK = wordset("could might may can hope hopes hoped hoping hopefully want wants wanted sees see")
AUXILIARIES = wordset("be been being is are am get gets to will would could should might may")
_PASSIVE = [["be"], ["been"], ["being"]]
_DETERMINERS = wordset("a an the its his her their our my your this that these those")
_ADVERBS = wordset("fully already also probably still not never now soon again just finally")
_IRREGULAR_PAST = wordset(
    """
    was were had did took rose fell met saw went came began grew sold won lost led paid
    spent built made gave got told said found left brought bought thought kept held ran
    became felt struck wrote sent spoke chose drove broke agreed declined refused
    denied"""
)
_CLAUSE_BREAK = re.compile(
    r"[;:!?]|\s[-\u2013\u2014]+\s|,\s*(?=(?:but|while|although|though|whereas|because|since|yet|"
    r"adding|saying|after|as|when|maybe|perhaps|without|with|including|following|despite|amid|"
    r"a\s+target|a\s+goal)\b)"
    r"|\s(?=(?:and|but)\s+(?:that|to|would|will|could|should|might|then|he|she|it|they|we|i|the|"
    r"said|added|declined)\b)|,\s*(?=(?:and|but|or)\s+(?:[\w'-]+\s+){0,3}(?:will|would|could|should|"
    r"might|may|can|is|are|was|were)\b)"
    r"|(?<!Inc)(?<!Corp)(?<!Ltd)(?<!\bCo)(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!\bSt)(?<!\.[A-Za-z])\.(?=\s|$)"
)


def clause_span(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of text[lo:hi] around [start, end), at most _REACH either side."""
    lo, hi = max(lo, start - _REACH), min(hi, end + _REACH)
    left = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, start)]
    right = _CLAUSE_BREAK.search(text, end, hi)
    return (left[-1] if left else lo), (right.start() if right else hi)


def clause_end(text: str, start: int, end: int) -> int:
    """Where the clause that begins at `start` ends, at `end` at the latest."""
    found = _CLAUSE_BREAK.search(text, start, end)
    return found.start() if found else end


def lower_words(text: str) -> list[str]:
    return [t.lower() for t in re.findall(r"[A-Za-z][\w'-]*", text)]


def tense_of(before: list[str], after: list[str]) -> str:
    """ "strong", "weak", "past" or "none" for a phrase between token lists.

    Scanning back from the phrase: a future marker wins; an irregular past
    ("took", "were") ends the search; a regular "-ed" form is past only when no
    marker governs it ("hoped to have the roster settled" is not)."""
    nonfinite = participle = False
    for i in range(len(before) - 1, -1, -1):
        marker = _marker(before, i)
        if marker:
            return marker
        word = before[i]
        if word in {"to", "be", "been"}:
            nonfinite = True
        elif not nonfinite and word in _IRREGULAR_PAST and before[i - 1 : i] not in _PASSIVE:
            return "past"  # but "would be made by June" is a passive ahead
        elif not nonfinite and is_past(word, before[i - 1] if i else ""):
            participle = True
    if participle:
        return "past"
    for i, word in enumerate(after):
        marker = _marker(after, i)
        if marker:
            return marker
        if is_past(word, after[i - 1] if i else ""):
            return "past"
    return "none"


def _marker(words: list[str], i: int) -> str | None:
    """A future marker at words[i]: "will", "expects", "promised to"..."""
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    previous = words[i - 1] if i else ""
    if word in _NEEDS_TO and following != "to" and not (word in _TIMETABLED and following == "for"):
        return None
    if word in STRONG or word.endswith("'ll"):
        return "past" if word.endswith("ed") and previous in {"was", "were", "been"} else "strong"
    return "weak" if word in _WEAK else None


def is_past(word: str, previous: str) -> bool:
    if word in STRONG or word in _WEAK:
        return False
    if word in _IRREGULAR_PAST:
        return True
    return (
        word.endswith("ed")
        and len(word) > 4
        and previous not in AUXILIARIES | _ADVERBS | _DETERMINERS
    )


def is_blocked(text: str, clause_start: int, phrase_start: int, sentence_start: int) -> bool:
    """Questions, "if" clauses, refusals and hedges right before the phrase."""
    before = text[clause_start:phrase_start].lower()
    if re.search(r"\bnot\s*$|\b(?:declined|refused|ruled out|denied)\b", before):
        return True
    lead = text[max(sentence_start, phrase_start - _REACH) : phrase_start].lower()
    if re.search(r"\b(?:asked|question\w*)\s+(?:\w+\s+){0,2}(?:whether|if|when|how)\b[^,]*$", lead):
        return True
    return bool(re.search(r"\b(?:if|unless)\b[^,]*$", lead))


def is_hypothetical(text: str, sentence: Sentence) -> bool:
    """ "If talks collapsed, tariffs would rise": a past-tense condition with
    would/could/might imagines, it does not predict ("If elected, I would ..." and
    "If the tests go well, we could ..." still predict, conditionally)."""
    body = text[sentence.start : sentence.end].lower()
    opening = re.match(r"\s*(?:if|unless)\b([^,]*)", body)
    if not opening or not re.search(r"\b(?:would|could|might)\b", body):
        return False
    words = lower_words(opening.group(1))
    return any(is_past(w, words[i - 1] if i else "if") for i, w in enumerate(words) if i)


_CONDITION = (
    r"if|unless|(?:provided|providing)(?=\s+(?:that|the|it|they|we|there|all|no)\b)|as\s+long\s+as|so\s+long\s+as|assuming|barring"
    r"|on\s+(?:the\s+)?condition\s+that|on\s+the\s+assumption\s+that|in\s+the\s+event\s+that"
    r"|subject\s+to|depending\s+on|contingent\s+(?:on|upon)|weather\s+permitting"
)
_LEADING_CONDITION = re.compile(
    rf"(?:^|[,;:]|\bthat|\band|\bbut)\s*(?:{_CONDITION}|(?:should|were|had)(?=\s+[\w\s'-]{{1,60}},))\b",
    re.I,
)  # "Should the talks fail, ...": an inverted condition
_TRAILING_CONDITION = re.compile(rf"(?<!\beven )(?<!\bas )\b(?:{_CONDITION})\b", re.I)
_WHETHER = re.compile(  # "will decide next month if ...": "if" as "whether"
    r"\b(?:decide[sd]?|determine[sd]?|see|know|ask(?:ed|s)?|check|assess|judge|clear|sure"
    r"|wonder(?:ed|s)?|whether)\b[^,;]*$",
    re.I,
)


def is_conditional(text: str, region_start: int, span: tuple[int, int], clause_end: int) -> bool:
    """Whether a condition governs the claim around `span`: a clause opening the
    speaker's words or a clause in them ("If the tests go well, we will ...",
    "..., weather permitting, ..."), or one after the phrase in its clause ("...
    next month unless the talks collapse", "..., provided that ...")."""
    before = text[region_start : span[0]]
    after = text[span[1] : clause_end]
    if re.match(r",\s*as\s+long\s+as\b", text[clause_end : clause_end + 20], re.I):
        return True  # the clause ends at ", as ...", which is its condition here
    if _LEADING_CONDITION.search(before):
        return True
    trailing = _TRAILING_CONDITION.search(after)
    if trailing is None:
        return False
    whether = trailing.group().lower() == "if" and _WHETHER.search(
        text[region_start : span[1] + trailing.start()]
    )
    return not whether
