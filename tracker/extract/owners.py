"""Which speaker says each time phrase, and how surely their words look ahead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from tracker.extract.attribution import PREDICTIVE, Attribution, Said
from tracker.extract.phrases import ABSENCE, time_phrases
from tracker.extract.sentences import Document, Sentence
from tracker.extract.tense import (
    clause_end,
    clause_span,
    is_blocked,
    is_hypothetical,
    is_past,
    lower_words,
    tense_of,
)
from tracker.extract.words import wordset


@dataclass(frozen=True)
class Found:
    """A claim before its day and window are settled."""

    sentence: Sentence
    span: tuple[int, int]  # the phrase
    region: tuple[int, int]  # the speaker's words holding it
    speaker: str
    attribution: Attribution | None
    strength: str
    quoted: bool
    antecedent: str | None = None  # "by then": the earlier sentence's phrase it means


def sentence_candidates(doc: Document, sentence: Sentence, said: Said) -> Iterator[Found]:
    if _is_question(doc.clean[sentence.start : sentence.end]) and not sentence.headline:
        return
    spans = [
        (sentence.start + a, sentence.start + b)
        for a, b in time_phrases(doc.clean[sentence.start : sentence.end])
    ]
    earlier = _antecedents(doc, sentence)
    spans += list(earlier)
    if not spans and not sentence.headline:
        spans = _event_acts(doc, sentence) + _guidance_given(doc, sentence, said)
    elif not sentence.headline:  # "... over the next two decades and it has made a
        spans += _acts_apart(doc, sentence, spans)  # commitment to establish an agency"
    spans = [_counted_from(doc, sentence, span) for span in spans]
    for span in spans:
        owner = _owner(doc, sentence, span, said)
        if owner is None:
            continue
        speaker, attribution, region, quoted = owner
        strength = _strength(doc, sentence, span, region, attribution)
        if strength in {"strong", "weak", "calendar"}:
            found = Found(sentence, span, region, speaker, attribution, strength, quoted)
            yield replace(found, antecedent=earlier.get(span))


_AFTER_CLAUSE = re.compile(  # "after parliament approves a new constitution in March"
    r"\bafter\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:approves?|passes|signs?|agrees?|completes?|finishes|returns?|ends?|(?:is|are)\s+"
    r"(?:signed|approved|passed|completed|finished|done|over))\b[^,;:.]*$",
    re.I,
)


def _counted_from(doc: Document, sentence: Sentence, span: tuple[int, int]) -> tuple[int, int]:
    """A time phrase that dates the event a claim is counted from is not the claim's:
    the phrase becomes the whole clause (decision D33), which needs a window."""
    start = max(sentence.start, span[0] - 160)
    after = _AFTER_CLAUSE.search(doc.main[start : span[0]])
    return (start + after.start(), span[1]) if after and span[0] < span[1] else span


_ANAPHOR = re.compile(
    r"\b(?:by|until|till)\s+then\b|\b(?:by|at|until)\s+that\s+(?:time|point|stage|date)\b", re.I
)


def _antecedents(doc: Document, sentence: Sentence) -> dict[tuple[int, int], str]:
    """ "By then, the ferry will have stopped": the time phrase of the sentence
    before (or the one before it) is the time this prediction means."""
    found: dict[tuple[int, int], str] = {}
    for m in _ANAPHOR.finditer(doc.clean, sentence.start, sentence.end):
        for before in reversed(doc.sentences[max(0, sentence.index - 2) : sentence.index]):
            text = doc.clean[before.start : before.end]
            phrases = time_phrases(text)
            if phrases:
                a, b = phrases[-1]
                found[m.span()] = " ".join(text[a:b].split())
                break
    return found


_IN_REACH = re.compile(  # "a historical agreement is within reach" (decision D27)
    r"\b(?:agreement|deal|accord|settlement|solution|ceasefire|truce|peace|treaty)\s+"
    r"(?:is|was|remains|seems|looks)\s+(?:now\s+|finally\s+|firmly\s+)?(?:within|in)\s+"
    r"(?:reach|sight)\b",
    re.I,
)
_EVENT_ACT = re.compile(
    r"\b(?:(?:good|great|real|every)\s+chance\s+to(?:\s+[\w-]+){0,4}?(?=\s+(?:win|beat|qualify"
    r"|advance|reach)\b)|will|would|'ll|shall|(?:is|are)\s+going\s+to|(?:expects?|plans?|intends?|aims?|agreed)\s+to"
    r"|(?:is|are)\s+set\s+to"
    r"|(?:commitment|committed|pledged?|promised?|vowed?)\s+to)\s+(?:not\s+)?(?:still\s+|also\s+)?"
    r"(?:\w+ly\s+)?(?:pass|sign|ratify|approve|launch|win|beat|qualify|advance|fly|resign"
    r"|(?:close|shut)\s+(?:down\s+)?(?:the\s+|its\s+|their\s+|\d[\d,]*\s+)?(?:\w+\s+)?(?:plants?"
    r"|factory|factories|mines?|stores?|branches|offices?|sites?|border|airport|schools?|embassy)"
    r"|(?:join|leave|quit)\s+(?:the\s+)?(?-i:[A-Z])\w*|(?:cut|raise|hike|lower)\s+(?:[\w,.]+\s+){0,2}?"
    r"(?:jobs|interest\s+rates|rates|taxes|the\s+minimum\s+wage)|ban|scrap|abolish|repeal|merge"
    r"|list\s+(?:its\s+shares\s+)?(?:on|in)\s+(?:the\s+)?(?-i:[A-Z])\w*|withdraw|pull\s+out|default\s+on"
    r"|hold\s+(?:a\s+|an\s+)?(?:snap\s+|general\s+)?(?:referendum|election|vote|ballot)"
    r"|call\s+(?:a\s+|an\s+)?(?:snap\s+|general\s+)?(?:election|referendum|vote)"
    r"|go\s+(?:into|through\s+to)|reach\s+the|move\s+forward|establish|create|set\s+up|build"
    r"|introduce|deliver|release|invest|hire|acquire|appoint|nominate|retire|step\s+down"
    r"|have\s+something\s+to\s+say|be\s+set(?!\s+to\b)|remain\s+unchanged|be\s+allowed\s+to|be\s+(?:made\s+public|published|released|launched|completed"
    r"|opened|signed|approved|ratified|submitted|delivered|built|established)"
    r"|unveil|submit|complete|finish|ensure\s+(?:that\s+)?[^,.;:!?\"]{0,80}?\b(?:is|are|will\s+be)\s+"
    r"(?:up\s+and\s+running|operational|in\s+place))\b[^,.;:!?\"]*(?:(?<=\d)[,.](?=\d)[^,.;:!?\"]*)*",
    re.I,
)


def _acts_apart(
    doc: Document, sentence: Sentence, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Named acts in a clause of their own, with none of the sentence's time phrases."""
    found = []
    for act in _event_acts(doc, sentence):
        lo, hi = clause_span(doc.main, act[0], act[1], sentence.start, sentence.end)
        marker = _EVENT_ACT.search(doc.main, lo, act[1])
        lo = min(lo, marker.start()) if marker else lo
        if not any(lo <= b and a <= hi for a, b in spans):
            found.append(act)
    return found


def _guidance_given(doc: Document, sentence: Sentence, said: Said) -> list[tuple[int, int]]:
    """ "Garmin raised its full-year revenue guidance to $4.85 billion": guidance with
    no time words of its own needs a window (decision D7)."""
    plan = said.own_plans.get(sentence.index)
    if plan is None or plan.verb != "guidance":
        return []
    end = clause_end(doc.main, plan.verb_start, sentence.end)
    return [(end, end)]


def _event_acts(doc: Document, sentence: Sentence) -> list[tuple[int, int]]:
    """A named act with no time ("they will pass a bill", "a bill he will sign into
    law", decision D7): an empty phrase at the end of the act, to need a window."""
    ends: list[int] = [m.end() for m in _IN_REACH.finditer(doc.main, sentence.start, sentence.end)]
    position = sentence.start
    while act := _EVENT_ACT.search(doc.main, position, sentence.end):
        end = clause_end(doc.main, act.start(), act.end())  # a second act in a later clause
        ends += [end] if end not in ends else []  # is found though the first ran on
        position = act.start() + 1
    return [(end, end) for end in ends]


_Owner = tuple[str, Attribution | None, tuple[int, int], bool]


def _owner(doc: Document, sentence: Sentence, span: tuple[int, int], said: Said) -> _Owner | None:
    """Who said the phrase, the stretch of words that are theirs, and whether it
    is quoted: a quotation's speaker, else the outermost reporting verb's, else
    (for a fragment no verb in its sentence reports) the quotation's speaker."""
    block = doc.quote_at(span[0])
    if block and _is_question(doc.clean[block[0] : min(block[1], sentence.end)]):
        return None
    inner = said.inner.get(sentence.index)
    if block and inner and span[0] >= inner[1]:
        return inner[0], None, (inner[1], min(block[1] - 1, sentence.end)), True
    if block and _substantial(doc, block, span, sentence):
        speaker, attribution = said.quote_speakers.get(block, (None, None))
        region = (max(block[0] + 1, sentence.start), min(block[1] - 1, sentence.end))
        return (speaker, attribution, region, True) if speaker else None
    holding = [
        a
        for a in said.attributions.get(sentence.index, [])
        if a.complement[0] <= span[0] and span[1] <= a.complement[1] and a.speaker
    ]
    fronted = _fronted(doc, sentence, span, said)
    if fronted and not holding and not block:  # "For the third quarter, Delta expects ..."
        return fronted.speaker or "", fronted, (span[0], fronted.complement[1]), False
    unnamed = [
        a.complement[1] - a.complement[0]
        for a in said.attributions.get(sentence.index, [])
        if a.complement[0] <= span[0]
        and span[1] <= a.complement[1]
        and not a.speaker
        and a.verb.lower() != "according to"  # "according to a statement" tells no one
    ]
    if holding:
        outer = max(holding, key=lambda a: a.complement[1] - a.complement[0])
        if unnamed and max(unnamed) > outer.complement[1] - outer.complement[0]:
            return None  # "A spokesman said the company was confident ...": told by nobody
        if outer.speaker:  # always: `holding` keeps only attributions with a speaker
            return outer.speaker, outer, outer.complement, bool(block)
    speaker, attribution = said.quote_speakers.get(block, (None, None)) if block else (None, None)
    if speaker:
        return speaker, attribution, (sentence.start, sentence.end), True
    plan = said.own_plans.get(sentence.index)
    if plan and plan.speaker and not block:
        return plan.speaker, plan, plan.complement, False
    author = said.authors.get(sentence.paragraph)
    if author and _reported_by_others(said, sentence, span):
        return None  # "Critics said ...", "officials said" in a statement's paragraphs
    return (author, None, (sentence.start, sentence.end), False) if author else None


def _reported_by_others(said: Said, sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether someone unnamed reports the words ("Critics said the plan will fail"),
    which are then not the paragraph's author's."""
    return any(
        not a.speaker
        and a.verb.lower() in _REPORTING
        and a.complement[0] <= span[0] <= a.complement[1]
        for a in said.attributions.get(sentence.index, [])
    )


_REPORTING = wordset("said says told added warned argued claimed insisted")


def _fronted(
    doc: Document, sentence: Sentence, span: tuple[int, int], said: Said
) -> Attribution | None:
    """The predictive verb a time phrase opening the sentence leads to: "For the third
    quarter, Delta expects ...", "Next year, the company plans to ..."."""
    text = doc.narrative
    if text[sentence.start : span[0]].strip() or not text[span[1] :].startswith(","):
        return None
    for a in said.attributions.get(sentence.index, []):
        if a.speaker and span[1] < a.verb_start and _PRESENT_PREDICTIVE.fullmatch(a.verb):
            return a if "," not in text[span[1] + 1 : a.verb_start] else None
    return None


_PRESENT_PREDICTIVE = re.compile(  # not "In December, Goldman Sachs forecast that ..."
    r"(?:expects?|forecasts|predicts?|projects?|sees?|plans?|hopes?|aims?|targets?|anticipates?)",
    re.I,
)


def _is_question(text: str) -> bool:
    return text.rstrip(" '\"").endswith("?")


def _substantial(
    doc: Document, block: tuple[int, int], span: tuple[int, int], sentence: Sentence
) -> bool:
    inside = doc.clean[max(block[0], sentence.start) : min(block[1], sentence.end)]
    phrase = doc.clean[span[0] : span[1]]
    continues = inside.strip()[:1].islower() and bool(
        doc.narrative[sentence.start : block[0]].strip()
    )
    return len(inside.split()) - len(phrase.split()) >= 3 and not continues


_PAST_TERM = re.compile(  # "was required to be completed in May 1990": a past term, not a claim
    r"\b(?:was|were|had\s+been)\s+(?:(?:originally|initially|once)\s+)?"
    r"(?:required|supposed|meant|contracted)\s+to\b",
    re.I,
)


_SUPERSEDED = re.compile(  # "The mission, originally planned for 2025, will now launch ..."
    r"\b(?:originally|initially|previously|once|first)\s+(?:planned|scheduled|expected|due|set"
    r"|slated|targeted|intended|meant|promised)\b[^,;.]*$",
    re.I,
)


_HEARSAY = re.compile(  # "ending weeks of speculation that he could go to the polls in May"
    r"\b(?:speculation|rumou?rs?|suggestions|reports)\s+that\b", re.I
)


def _infinitive_subject(
    doc: Document, region: tuple[int, int], span: tuple[int, int], sentence: Sentence
) -> bool:
    """'"To do it all by December 2007 ... is an enormous challenge"': the phrase in an
    infinitive that opens the sentence or the quotation is what would be hard, no claim."""
    start = max(region[0], sentence.start)
    opens = start == sentence.start or doc.quote_at(start) is not None
    return opens and bool(_INFINITIVE_SUBJECT.match(doc.main[start : span[0]]))


_INFINITIVE_SUBJECT = re.compile(
    r"\W*to\s+[a-z]+\b(?:(?!\b(?:is|was|are|were|will|would|can|could|should|must)\b).)*$",
    re.I | re.S,
)
_DEMAND = re.compile(  # "they should not carry ... into next year", "Congress must pass",
    r"\b(?:must|ought\s+to|should\s+not|shouldn't)\b"  # "We now need agreement on ..."
    r"|\b(?:we|you|they|the\s+world)\s+(?:now\s+|urgently\s+|still\s+)?need\s+(?:to\b|an?\s+"
    r"(?:agreement|deal|solution|plan)\b|agreement\b|action\b|progress\b)",
    re.I,
)


def _strength(
    doc: Document,
    sentence: Sentence,
    span: tuple[int, int],
    region: tuple[int, int],
    attribution: Attribution | None,
) -> str:
    """How surely the speaker's words around a phrase look ahead: "strong" (will,
    expects to), "weak" (could, hopes), "calendar" (present tense, dated ahead)."""
    text = doc.main
    if span[0] < span[1] and not text[span[0] : span[1]].strip():
        return "none"  # in a relative clause: ", which would be the lowest since 2004 in 2021"
    lo, hi = clause_span(text, span[0], span[1], max(region[0], sentence.start), region[1])
    if is_blocked(text, lo, span[0], sentence.start) or is_hypothetical(text, sentence):
        return "none"
    if _excluded(text, lo, span, sentence) or _infinitive_subject(doc, region, span, sentence):
        return "none"
    if attribution and attribution.verb == "guidance":  # "raised its outlook for 2025"
        after = text[attribution.verb_end : span[0]]
        day = _STATEMENT_DAY.fullmatch(text[span[0] : span[1]])  # "on Wednesday": when raised
        return "strong" if span[0] == span[1] or not (after.strip() or day) else "none"
    if span[0] == span[1]:
        return "strong"  # a named act: _EVENT_ACT matched its will, plans to, commitment to
    tense = tense_of(lower_words(text[lo : span[0]]), lower_words(text[span[1] : hi]))
    if tense == "past" and _backshifted(text, lo, span, sentence, attribution):
        return "strong"  # "Siemens said the deal was expected to close by June": still ahead
    if tense != "none":
        return tense
    if any(span in (m.span("p"), m.span("f")) for m in ABSENCE.finditer(text, lo, hi)):
        return "strong"  # "he has to be out for two weeks": an absence ahead
    if sentence.headline and re.search(r"\bto\s+[a-z]+\b", text[lo : span[0]]):
        return "strong"  # "Trump and Putin to hold call soon"
    if attribution and PREDICTIVE.match(attribution.verb):
        return "strong"
    words = lower_words(text[lo:hi])
    past = any(is_past(w, words[i - 1] if i else "") for i, w in enumerate(words))
    if _BARE_WEEKDAY.fullmatch(text[span[0] : span[1]]) and not _SCHEDULED.search(
        text, lo, span[0]
    ):
        return "none"  # "He repeated that promise on Sunday": the day he did
    if attribution and _NOUN_OBJECT.fullmatch(attribution.verb):
        between = text[attribution.verb_end : span[0]]
        ahead = _AHEAD_OBJECT.search(between)  # "announced the possibility of holding ..."
        object_only = not re.search(r"\bthat\b", between) and not ahead
        past = (past and not ahead) or object_only  # "announced similar measures in November"
    return "none" if past else "calendar"


_BACKSHIFT = re.compile(
    r"\b(?:was|were)\s+(?:still\s+|now\s+)?(?:expected|scheduled|due|set|slated|planned|on\s+track)"
    r"\s+to\b",
    re.I,
)


def _backshifted(
    text: str, lo: int, span: tuple[int, int], sentence: Sentence, attribution: Attribution | None
) -> bool:
    """A plan a past speech verb reports in the past tense ("said it was due to ..."),
    still ahead unless the sentence calls it off ("... but has been postponed")."""
    reported = attribution is not None and attribution.verb.lower() in {"said", "told", "added"}
    called_off = re.search(r"\bbut\b|\bhowever\b", text[span[1] : sentence.end], re.I)
    return reported and bool(_BACKSHIFT.search(text, lo, span[0])) and not called_off


_AHEAD_OBJECT = re.compile(
    r"\b(?:possibility|prospect|plans?|intention|aim|goal|target|timetable|date)\s+(?:of|for|to)\b"
    r"[^.;]*\b\w+ing\b|\b(?:plans?|intention|aim|goal|target)\s+to\b",
    re.I,
)
_BARE_WEEKDAY = re.compile(
    r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I
)
_SCHEDULED = re.compile(  # a present-tense schedule: "pre-orders begin on Friday"
    r"\b(?:begins?|starts?|opens?|closes?|launch(?:es)?|goes|go|takes?\s+place|arrives?|kicks?\s+off"
    r"|resumes?|ends?|runs?|comes?|is|are)\b",
    re.I,
)
_STATEMENT_DAY = re.compile(
    r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|yesterday", re.I
)
_IMPLIED = re.compile(  # arithmetic of a forecast, not a claim of its own
    r"^\W*(?:this|that|it)\s+(?:means|would\s+mean|implies)\b"
    r"|,\s*which\s+(?:would\s+|will\s+)?(?:be|mark|mean|means|represents?|impl(?:y|ies))\b",
    re.I,
)
_IMPLYING = re.compile(r"\bimplying\b", re.I)  # in the phrase's own clause only
_NOW_ACT = re.compile(  # "I am announcing details of ...": the act of speaking, not a claim
    r"\b(?:am|are|is)\s+(?:today\s+|also\s+|hereby\s+)?(?:announcing|publishing|setting\s+out"
    r"|presenting)\b|\bI\s+(?:hereby\s+)?(?:announce|confirm)\b",
    re.I,
)
_LOGISTICS = re.compile(  # travel and briefings (decision D3)
    r"\b(?:will|to)\s+(?:also\s+)?(?:travel|visit|attend|participate|meet\s+with|provide\s+"
    r"(?:live\s+)?coverage|broadcast|stream|air\b"
    r"|hold\s+(?:a\s+)?(?:press|media|news)|host\s+a\s+(?:press|media|news|reception))\b",
    re.I,
)


def _excluded(text: str, lo: int, span: tuple[int, int], sentence: Sentence) -> bool:
    """Past terms, demands, implications, the act of announcing, and logistics."""
    rules = (_PAST_TERM, _DEMAND, _NOW_ACT, _LOGISTICS, _BACKGROUND_AIM, _VAGUE_HOPE, _IMPLYING)
    if any(rx.search(text, lo, span[0]) for rx in rules):
        return True
    if _SUPERSEDED.search(text[lo : span[0]]) or _HEARSAY.search(text, lo, span[0]):
        return True
    if _RELATIVE_VERB.search(text[lo : span[0]]):
        return True  # "the levels that apply in the 2019/20 academic year": a description
    return bool(_IMPLIED.search(text[sentence.start : span[0]]))


_BACKGROUND_AIM = re.compile(  # "..., as we work to achieve net-zero by 2050"
    r"\bas\s+(?:we|they|it|he|she|the\s+\w+)\s+(?:work|works|strive|strives|continue|continues"
    r"|seek|seeks|move|moves)\s+(?:towards?|to)\b"
    r"|\b(?:step|steps|stride|progress|path|road|journey)\s+towards?\s+\w+ing\b",  # "a step toward"
    re.I,
)
_VAGUE_HOPE = re.compile(  # a hope with no event (decision D6)
    r"\b(?:hope|hopes|hoped|hoping|hopeful|look(?:s|ing)?\s+forward\s+to|would\s+like\s+to)\b"
    r"[^.;]{0,80}?\b(?:continu\w*|keep|see\s+(?:some\s+)?progress|make\s+progress|work(?:ing)?"
    r"\s+(?:together|with|on)|engag\w*|deepen\w*|strengthen\w*|build(?:ing)?\s+on)\b",
    re.I,
)
_RELATIVE_VERB = re.compile(
    r"\b(?:that|which|who)\s+(?!(?:will|would|could|should|might|can|may|is|are)\b)[a-z]+\s+$"
)
_NOUN_OBJECT = re.compile(r"announced|unveiled|reported|disclosed|revealed|posted", re.I)
