"""Who says what in each sentence, and who speaks each quotation."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from tracker.extract.mentions import (
    ON_BEHALF,
    Focus,
    find_mentions,
    remember,
    resolve,
    sentence_subject,
)
from tracker.extract.phrases import AGENDA_LABEL
from tracker.extract.said_on import STATEMENT_DATE, statement_day_text
from tracker.extract.sentences import FILLER, Document, Sentence
from tracker.extract.speakers import Cast, Mention, document_authors, kind_of
from tracker.extract.subjects import subject_after, subject_before, title_words
from tracker.extract.words import ORG_HEADS, PERSON_ROLES, SPEECH_VERBS, wordset

_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.I)
PREDICTIVE = re.compile(
    r"expect|predict|forecast|project|promis|pledg|vow|hope|estimat|believ|think|thought", re.I
)
_INVERTIBLE = wordset("said says added adds wrote explained continued replied")
_NOUN_BEFORE = wordset(
    "the a an its his her their our my this that sales full-year new latest "
    "previous earlier campaign election profit revenue earnings"
)
_PASSIVE_BEFORE = wordset("was were been being be is are")
_SUBORDINATE = r"after|as|before|when|while|because|although|despite|amid|with|following|in|at"


@dataclass(frozen=True)
class Attribution:
    verb_start: int
    verb_end: int
    verb: str
    speaker: str | None
    complement: tuple[int, int]
    said_on_text: str | None
    named: bool  # the speaker's name is in this sentence


@dataclass
class Said:
    """Per sentence: its attributions, and the speaker before it (for quotes)."""

    attributions: dict[int, list[Attribution]]
    previous_speaker: dict[int, str | None]
    quote_speakers: dict[tuple[int, int], tuple[str | None, Attribution | None]]
    authors: dict[int, str] = field(default_factory=dict)  # paragraph -> its speaker
    own_plans: dict[int, Attribution] = field(default_factory=dict)  # "The FCA will ..."
    inner: dict[int, tuple[str, int]] = field(default_factory=dict)  # a quote reporting X


def attribute(doc: Document, cast: Cast) -> Said:
    focus = Focus()
    authors = {p: cast.lookup(a, 0) or a for p, a in document_authors(doc).items()}
    said = Said({}, {}, {}, authors)
    actor: str | None = None  # the previous sentence's subject or last speaker
    for sentence in doc.sentences:
        said.previous_speaker[sentence.index] = focus.speaker
        subject = sentence_subject(doc, sentence, cast, focus)
        remember(subject[0], focus, cast, speaking=False)
        found = []
        under = _under_forecast(doc, sentence, cast) or _headline_credit(doc, sentence, cast, focus)
        for attribution in [under] if under else _attributions(doc, sentence, cast, focus, subject):
            found.append(attribution)
            focus.speaker = attribution.speaker or focus.speaker
            remember(attribution.speaker, focus, cast, speaking=True)
        said.attributions[sentence.index] = _nest(found)
        plan = _own_plan(doc, sentence, cast, subject, actor) or _owned_plan(doc, sentence, cast)
        sources = _SOURCES.search(doc.narrative, sentence.start, sentence.end)
        if plan and not any(a.speaker for a in found) and not sources:
            said.own_plans[sentence.index] = plan  # ", a spokesperson said" names nobody else
        actor = found[-1].speaker if found else subject[0]
    said.quote_speakers = _quote_speakers(doc, said)
    said.inner = _inner_reports(doc, cast)
    return said


_INNER = re.compile(
    r"\W*((?:[A-Z][\w&.'-]*\s+){0,4}[A-Z][\w&.'-]*)\s+(?:[\w'-]+\s+){0,10}?"
    r"(?:confirmed|announced|said|says|expects|projects|forecasts|estimates|reported)\s+(?:that\s+)?"
)


def _inner_reports(doc: Document, cast: Cast) -> dict[int, tuple[str, int]]:
    """A quoted sentence that reports a third party ("TMC today released its cost
    estimate and confirmed the project is expected to ..."): sentence -> that
    party and where their words begin."""
    found: dict[int, tuple[str, int]] = {}
    for sentence in doc.sentences:
        if not doc.quote_at(sentence.start + 1):
            continue
        match = _INNER.match(doc.clean, sentence.start, sentence.end)
        name = match.group(1) if match else ""
        who = cast.lookup(name, sentence.start) or (name if name in cast.entities else None)
        if match and who and name.split()[0] not in {"We", "I", "Our", "My", "The"}:
            found[sentence.index] = (who, match.end())
    return found


_SOURCES = re.compile(  # "two people familiar with the matter said": unnamed sources (D5)
    r"\b(?:people|persons|sources?|officials|diplomats|analysts|insiders|traders|economists"
    r"|experts)\b[^.;]{0,60}?\b(?:said|say|says|told)\b",
    re.I,
)
_OWN_PLAN = re.compile(
    r"(?:\s*\([^()]{1,40}\))?"  # "The Mint (Mint)"; "X and Y", "X, Y and Z (ZZ)":
    r"(?:(?:,\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})+,?\s+and\s+(?:the\s+)?[A-Z][\w-]*"
    r"(?:\s+[A-Z][\w-]*){0,3}(?:\s*\([^()]{1,20}\))?|\s+and\s+(?:the\s+)?[A-Z][\w-]*)?"
    r"\s+(?:also\s+|now\s+|then\s+)?(?:will|is\s+going\s+to"
    r"|plans\s+to|intends\s+to|aims\s+to|expects\s+to|is\s+to|(?:is|are)\s+(?:now\s+)?targeting"
    r"|(?:is|are)\s+(?:set|due|scheduled)\s+to|(?:has|have|is|are)\s+(?:also\s+)?committed\s+to)\s+(?:also\s+|now\s+)?(?!(?:travel|visit|meet|host|hold|attend|brief"
    r"|be\s+(?:available|held|published\s+online))\b)[a-z\d]",
    re.I,
)


def _stated_aim(
    doc: Document, sentence: Sentence, mention: Mention | None, name: str | None
) -> Attribution | None:
    """ "Scholz aims to ...", "Unilever plans to ...": a named subject opening the
    sentence with its stated aim."""
    if mention is None or mention.kind != "name" or mention.possessive:
        return None
    aim = _INTENDS.match(doc.narrative, mention.end, sentence.end)
    if aim is None or doc.narrative[sentence.start : mention.start].strip(" ,"):
        return None
    complement = (mention.start, sentence.end)
    return Attribution(aim.start(), aim.end(), "will", name, complement, None, False)


_INTENDS = re.compile(  # a person's or an organisation's stated aim, in the narrative
    r"\s+(?:also\s+|now\s+|still\s+)?(?:plans|intends|aims|expects|hopes|wants|pledged|vowed"
    r"|promised|has\s+pledged|has\s+vowed|has\s+promised|is\s+determined|is\s+committed)\s+to\s+"
    r"(?!(?:travel|visit|meet|host|hold|attend)\b)[a-z]",
    re.I,
)
_OWNED = re.compile(  # "NASA's Mars Science Laboratory will launch ..." (decision D37)
    r"\s*(?:[A-Z]{2,}[A-Z ,.]*[-\u2013\u2014]+\s*)?"  # a dateline: "WASHINGTON --"
    r"(?:The\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})'s((?:\s+[A-Z][\w-]*){1,4})(?=\s)"
)


def _owned_plan(doc: Document, sentence: Sentence, cast: Cast) -> Attribution | None:
    """An organisation's own named mission or product as the subject of its future: the
    organisation's plan, as its own would be."""
    owned = _OWNED.match(doc.narrative, sentence.start, sentence.end)
    if owned is None:
        return None
    name = cast.lookup(owned.group(1), owned.start(1)) or owned.group(1)
    verb = _OWN_PLAN.match(doc.narrative, owned.end(), sentence.end)
    if cast.kind(name) != "org" or verb is None:
        return None
    complement = (owned.start(1), sentence.end)
    return Attribution(verb.start(), verb.end(), "will", name, complement, None, False)


_AGENDA_ACT = re.compile(  # an agenda's present tense: "The Commission presents ..."
    r"\s+(?:presents|adopts|proposes|publishes|launches|unveils|announces|tables|to\s+propose"
    r"|to\s+present|to\s+adopt)\b",
    re.I,
)
GUIDANCE = re.compile(  # "raised its outlook for 2025": a forecast given, though in the past tense
    r"(?:,?\s+(?:inc|ltd|plc|llc|corp)\b\.?)?\s+(?:\w+ly\s+)?(?:raised|lifted|increased|lowered|cut"
    r"|trimmed|reaffirmed|confirmed|maintained|narrowed|issued|gave|set|upgraded|downgraded"
    r"|hiked|reiterated)\s+(?:its|their)\s+(?:(?:full-year|annual|quarterly|sales|revenue|profit"
    r"|earnings|adjusted|operating|margin|growth|production|delivery|deliveries)\s+){0,3}"
    r"(?:outlook|forecast|guidance|target)s?\b",
    re.I,
)


_GUIDANCE_DAY = re.compile(
    r"\b((?:on\s+)?(?:" + "|".join(calendar.day_name) + r")|yesterday|today)\b", re.I
)


_THEY_WILL = re.compile(
    r"\s*(?:These|They)\s+(?:plans\s+)?(?:will|are\s+(?:expected|due|set)\s+to)\b"
)


def _their_plan(doc: Document, sentence: Sentence, cast: Cast, actor: str) -> Attribution | None:
    """ "The UK government has been developing plans ... These will be published in the
    coming days": the organisation of the sentence before goes on (decision D2)."""
    entity = cast.entities.get(actor)
    if not (actor.endswith("government") or (entity and entity.kind == "org")):
        return None
    verb = _THEY_WILL.match(doc.narrative, sentence.start)
    if verb is None:
        return None
    complement = (sentence.start, sentence.end)
    return Attribution(verb.start(), verb.end(), "will", actor, complement, None, False)


def _own_plan(
    doc: Document,
    sentence: Sentence,
    cast: Cast,
    subject: tuple[str | None, Mention | None],
    actor: str | None,
) -> Attribution | None:
    """An organisation as the subject of its own future action ("The Commission will
    use the coming weeks to consult", decision D2): its words, though no verb reports
    them. Travel, meetings and "will be available" are logistics, not plans (D3).
    "It" counts only right after a sentence about the organisation."""
    name, mention = subject
    entity = cast.entities.get(name or "")
    public = (name or "").endswith("government") and mention is not None and mention.kind == "title"
    if (
        mention is None
        and name is None
        and actor
        and _THEY_WILL.match(doc.narrative, sentence.start)
    ):
        return _their_plan(doc, sentence, cast, actor)
    guides = mention is not None and GUIDANCE.match(doc.narrative, mention.end, sentence.end)
    if entity is not None and entity.kind == "unknown" and " " not in entity.name and guides:
        entity.kind = "org"  # "Logitech raised its outlook": only an organisation does
    aim = _stated_aim(doc, sentence, mention, name)
    if aim is not None:
        return aim
    if not (mention and (public or (entity and entity.kind == "org"))):
        return None  # "The company will ..." made its name an organisation's
    if mention.kind == "pronoun" and name != actor:
        return None
    lead = doc.narrative[sentence.start : mention.start]
    label = AGENDA_LABEL.match(lead)
    if lead.strip(" ,").lower() not in {"", "the"} and not (
        label and re.fullmatch(r"\s*(?:\([^()]*\)\s*)?:\s*", lead[label.end() :])
    ):
        return None  # the subject opens the sentence, or follows an agenda's date label
    plan = _AGENDA_ACT if label else _OWN_PLAN
    verb = plan.match(doc.narrative, mention.end, sentence.end)
    if verb is not None:
        complement = (mention.start, sentence.end)
        return Attribution(verb.start(), verb.end(), "will", name, complement, None, False)
    verb = GUIDANCE.match(doc.narrative, mention.end, sentence.end)
    if verb is None:
        return None
    complement = (verb.start(), sentence.end)
    day = _GUIDANCE_DAY.search(doc.narrative, verb.end(), sentence.end)  # "... on Wednesday"
    when = day.group(1) if day else None
    return Attribution(verb.start(), verb.end(), "guidance", name, complement, when, False)


def _nest(attributions: list[Attribution]) -> list[Attribution]:
    """A verb's reported words stop where a later "..., X said." takes over."""
    trailing = [a for a in attributions if a.complement[1] <= a.verb_start]
    nested = []
    for a in attributions:
        ends = [
            t.complement[1]
            for t in trailing
            if t.verb_start > a.verb_end and a.complement[0] < t.complement[1] < a.complement[1]
        ]
        nested.append(replace(a, complement=(a.complement[0], min(ends))) if ends else a)
    return nested


def _attributions(
    doc: Document,
    sentence: Sentence,
    cast: Cast,
    focus: Focus,
    subject: tuple[str | None, Mention | None],
) -> Iterator[Attribution]:
    text = doc.narrative
    for verb in _SPEECH.finditer(text, sentence.start, sentence.end):
        if not _is_speech_verb(text, verb.start(), verb.group()):
            continue
        if verb.group().lower() == "according to":
            yield _according_to(doc, sentence, verb, cast, focus)
            continue
        found = _subject(doc, sentence, verb, cast, subject[1])
        if found is None and verb.group().lower() in {"speaking", "adding", "saying"}:
            continue
        same = found and _same_as_subject(found, subject[1], cast, focus)
        named = subject[1] if same else found
        speaker = resolve(named, cast, focus) if named else None  # "X will ..., it said."
        if speaker is None and found is not None and found.kind == "title":
            speaker = _officer_of(doc, found, cast, focus)
        yield _attribution(doc, sentence, verb, found, speaker)


def _subject(
    doc: Document, sentence: Sentence, verb: re.Match[str], cast: Cast, first: Mention | None
) -> Mention | None:
    """Who the verb is said by: the subject before it; for "X raised ... and said it
    expects" the sentence's subject; for '"...," said X' the name after it."""
    before = doc.narrative[sentence.start : verb.start()]
    inverted = verb.group().lower() in _INVERTIBLE
    if inverted and re.search(r"[,\"\u201d]\s*$", before):  # "..., said project director X."
        after = _inverted_speaker(doc, sentence, verb, cast)
        if after is not None:
            return after
    found = subject_before(doc, sentence, verb.start(), cast)
    if found is None and re.search(r"\b(?:and|but)\s*$", before):
        return first
    if found is None and inverted:
        found = _inverted_speaker(doc, sentence, verb, cast)
    if found is None and re.search(r",\s*$", before):
        return first
    return found


def _inverted_speaker(
    doc: Document, sentence: Sentence, verb: re.Match[str], cast: Cast
) -> Mention | None:
    """The name after the verb when it ends the attribution ('"...," said Ferguson.'),
    not "said Russia would deploy ...", which says something of Russia."""
    after = subject_after(doc, verb.end(), sentence.end, cast)
    if after is None or not _INVERTED_END.match(doc.narrative, after.end, sentence.end):
        return None
    return after


_INVERTED_END = re.compile(  # '"...," said Ferguson.', 'said Ferguson, the manager'
    r"\s*(?:[,.;:!?\"'\u201d\u2019)]|$|\s+(?:on|in|at|during|after|before|ahead|to|told|who)\b"
    r"|\s+(?:[A-Z]{2,4}|Jr|Sr)\b)"  # "said Christopher Pyne MP"
)


def _same_as_subject(found: Mention, first: Mention | None, cast: Cast, focus: Focus) -> bool:
    """A pronoun reporting the words of its own sentence means that sentence's subject
    when they agree: *he* or *she* a person's; *it* an organisation's, or a one-word
    name's when no organisation is in focus ("The OECD ... China will grow, it said"
    is the OECD's)."""
    pronoun = found.text if found.kind == "pronoun" else _owner_word(found)
    if pronoun is None or first is None or first.kind != "name" or first.start > found.start:
        return False
    kind = cast.kind(first.text)
    if pronoun != "it":
        return kind == "person"
    return kind == "org" or (kind == "unknown" and focus.org is None)


def _owner_word(found: Mention) -> str | None:
    """ "his office", "its spokesman": who they speak for, as a pronoun."""
    if found.kind != "title" or found.text not in ON_BEHALF:
        return None
    owner = found.words & {"his", "her", "its"}
    return ("it" if owner == {"its"} else "he") if owner else None


_OFFICERS = wordset("spokesman spokeswoman spokesperson executive official officer representative")
_ORG_NAME = r"([A-Z][\w&.'-]*(?:\s+(?:for|of|[A-Z][\w&.'-]*))*)"
_OFFICER_OF = re.compile(rf"s?\s+(?:for|at|of|from)\s+(?:the\s+)?{_ORG_NAME}")
_ORG_OFFICER = re.compile(rf"{_ORG_NAME}(?:'s)?\s+(?:[a-z]+\s+)?\w+$")


def _officer_of(doc: Document, title: Mention, cast: Cast, focus: Focus) -> str | None:
    """An unnamed officer speaks for a named organisation (decision D5): "a spokesman
    for the Department for Transport", "An Abbott spokeswoman", "a company executive"."""
    if title.text not in _OFFICERS:
        return None
    text = doc.narrative
    after = _OFFICER_OF.match(text, title.end)
    before = _ORG_OFFICER.search(text, max(0, title.start - 60), title.end)
    for found in [after, before]:
        name = (
            re.sub(r"^(?:An?|The)\s+|\s+(?:Inc|Corp|Ltd|plc|LLC)\.?$", "", found.group(1))
            if found
            else None
        )
        entity = cast.lookup(name, title.start) or name if name else None
        known = cast.entities.get(entity or "")
        if known:  # "a Downing Street spokesman", "a Trump spokesman": theirs
            return known.name
    return focus.org if title.words & {"company", "bank", "firm", "group"} else None


_UNDER_FORECAST = re.compile(
    r"\W*(?:[Uu]nder|[Ii]n|[Bb]y)\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})'s\s+"
    r"(?:[\w-]+\s+){0,2}(?:forecasts?|outlook|estimates?|projections?|scenario|base\s+case)\s*,"
)


_CREDIT = re.compile(r"\s+[\u2013\u2014-]\s+((?:[\w.'&-]+\s+){0,6}[\w.'&-]+)\s*$")


def _headline_credit(
    doc: Document, sentence: Sentence, cast: Cast, focus: Focus
) -> Attribution | None:
    """ "We will complete the projects by end of 2027 – Minister for Roads": a
    headline's words credited after a dash to a name or a title the body gives."""
    if not sentence.headline:
        return None
    credit = _CREDIT.search(doc.narrative, sentence.start, sentence.end)
    if credit is None or _VERBISH_CREDIT.search(credit.group(1)):
        return None
    words = credit.group(1).split()
    if not all(w[0].isupper() or w in {"of", "for", "and", "the"} for w in words):
        return None  # "... in June – a big test for Elon Musk": no credit
    mentions = find_mentions(doc, credit.start(1), credit.end(1), cast)
    if not mentions:
        return None
    people = [m for m in mentions if m.kind == "name" and kind_of(m.text) == "person"]
    first = people[-1] if people else mentions[0]  # "Bank of England Governor Andrew Bailey"
    if first.kind == "title":
        speaker = _named_in_body(doc, credit.group(1), cast)
    else:
        speaker = cast.lookup(first.text, first.start) or first.text
    if speaker is None:
        return None
    span = (credit.start(1), credit.end(1), "credit")
    return Attribution(*span, speaker, (sentence.start, credit.start()), None, True)


def _named_in_body(doc: Document, title: str, cast: Cast) -> str | None:
    """ "The Minister for Roads and Highways, Hon. Kwame Agbodza, says": the name the
    body puts beside the headline's title."""
    found = re.search(
        re.escape(title) + r",\s+(?:(?:Hon|Dr|Mr|Mrs|Ms|Sir|Dame)\.?\s+)?"
        r"((?:[A-Z][\w'-]+\s+){0,3}[A-Z][\w'-]+)",
        doc.narrative,
        re.I,
    )
    if found is None:
        return None
    name = found.group(1)
    return cast.lookup(name, found.start(1)) or (name if name in cast.entities else None)


_VERBISH_CREDIT = re.compile(r"\b(?:is|are|was|were|will|has|have|says?|said)\b", re.I)


def _under_forecast(doc: Document, sentence: Sentence, cast: Cast) -> Attribution | None:
    """ "Under EIA's price forecast, production averages 9.5 million bbl/d in 2016":
    the forecast's owner says the rest of the sentence."""
    found = _UNDER_FORECAST.match(doc.narrative, sentence.start, sentence.end)
    if not found:
        return None
    name = cast.lookup(found.group(1), found.start(1)) or found.group(1)
    span = (found.start(1), found.end(1), "forecast")
    return Attribution(*span, name, (found.end(), sentence.end), None, True)


def _is_speech_verb(text: str, start: int, verb: str) -> bool:
    """Not "stronger-than-expected", "was told", "its sales forecast", or "confident
    of winning" (a stance, unlike "is confident that ...")."""
    word = verb.lower()
    if start and text[start - 1] == "-":
        return False
    if word in {"reported", "reports"}:  # "reported that ...", not "reported earnings"
        return bool(re.match(r"\s+(?:\w+,?\s+){0,3}?that\b", text[start + len(verb) :]))
    if word in {"confident", "optimistic", "hopeful"}:
        copula = _COPULA_BEFORE.search(text, max(0, start - 12), start)
        stance = re.match(r"\s+(?:of|about|in|on)\b", text[start + len(verb) :])
        return bool(copula) and not stance
    previous = re.findall(r"[\w'-]+", text[max(0, start - 30) : start])
    last = previous[-1].lower() if previous else ""
    if last in _PASSIVE_BEFORE and word != "according to":
        return False
    return not (word in _NOUNISH_VERBS and (last in _NOUN_BEFORE or last.endswith("'s")))


_COPULA_BEFORE = re.compile(r"\b(?:is|was|are|were|remains|remained|felt|feels)\s+$")
_NOUNISH_VERBS = wordset(
    "forecast forecasts estimate estimates claims promises pledges hopes projects thought"
)


def _according_to(
    doc: Document, sentence: Sentence, verb: re.Match[str], cast: Cast, focus: Focus
) -> Attribution:
    text = doc.narrative
    mentions = find_mentions(doc, verb.end(), sentence.end, cast)
    gap = text[verb.end() : mentions[0].start] if mentions else "x"
    source = mentions[0] if mentions and title_words(gap) else None
    speaker = resolve(source, cast, focus) if source else None
    leading = not text[sentence.start : verb.start()].strip(" ,")
    if leading:
        comma = text.find(",", verb.end(), sentence.end)
        complement = (comma + 1 if comma > 0 else sentence.end, sentence.end)
    else:
        complement = (sentence.start, verb.start())
    return Attribution(
        verb.start(), verb.end(), verb.group(), speaker, complement, None, bool(source)
    )


def _attribution(
    doc: Document,
    sentence: Sentence,
    verb: re.Match[str],
    subject: Mention | None,
    speaker: str | None,
) -> Attribution:
    """Who speaks, the day they spoke on, and which words are theirs."""
    text = doc.narrative
    tail_end, complement_start = _tail(text, verb, sentence.end)
    head = subject.start if subject and subject.start < verb.start() else verb.start()
    when = statement_day_text(text, sentence.start, head, verb, tail_end)
    if re.search(r"\b(?:previously|originally|initially)\b", text[head : verb.start()]):
        complement = (verb.end(), verb.end())  # superseded words, not a claim
    elif complement_start is None and _relative(text, sentence.start, head):
        complement = (verb.end(), verb.end())  # "unexpected data SpaceX noted": a relative clause
    elif complement_start is None or (subject is not None and subject.start > verb.end()):
        # "..., the mayor said.", "..., said Tim Cook, the chief executive.": words first
        comma = text.rfind(",", sentence.start, head)
        cut = comma if comma > 0 and len(text[comma:head].split()) <= 8 else head
        complement = (sentence.start, cut)
    else:
        complement = (complement_start, sentence.end)
    named = subject is not None and subject.kind == "name"
    span = (verb.start(), verb.end(), verb.group())
    return Attribution(*span, speaker, complement, when, named)


_RELATIVE_END = re.compile(r"\b([a-z]{3,})\s+(?:the\s+)?$")


def _relative(text: str, start: int, head: int) -> bool:
    """ "unexpected data SpaceX noted": a noun before the subject makes the verb a
    relative clause's, not a trailing attribution (", finance chief X said")."""
    word = _RELATIVE_END.search(text, start, head)
    if word is None or re.search(r",\s*(?:the\s+)?$", text[start:head]):
        return False  # ", the White House said"
    return word.group(1) not in PERSON_ROLES | ORG_HEADS | {"that", "and", "but", "the"}


_LEADING_DATE = re.compile(r"\s*(?:" + STATEMENT_DATE.pattern + r")", re.I)
_LISTENER = re.compile(
    r"\s+(?:the\s+)?(?:(?:[A-Z][\w'&.-]*\s+)+(?:[a-z]+s\s+)?|(?:reporters|journalists|lawmakers|"
    r"investors|analysts|supporters|shareholders|staff|parliament)\s+)"
    r"|\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?=(?:in|at|on|during|that)\b)"
)


_LAST_LISTENER = re.compile(  # "told shareholders.", "told the BBC on Sunday."
    r"\s+(?:(?:the|a|an|his|her|their)\s+)?(?:(?-i:[A-Z])[\w'&.-]*(?:\s+(?-i:[A-Z])[\w'&.-]*){0,3}"
    r"|reporters|journalists|lawmakers|legislators|investors|analysts|supporters|shareholders"
    r"|staff|workers|parliament|delegates|students|[a-z]+\s+(?:conference|briefing|meeting))"
    r"(?:\s+(?:on|in|at|during|after|before)\s+(?:(?!\b(?:will|would|could|should|may|might|is|are"
    r"|was|were|has|have|had|to)\b)[^,.;]){1,40})?[\s.!?\"'\u201d\u2019]*"
)


def _tail(text: str, verb: re.Match[str], end: int) -> tuple[int, int | None]:
    """Adjuncts after a speech verb ("told CNN on Sunday"), and where the reported
    words begin; None when the verb ends the sentence (they came before it)."""
    start = verb.end()
    telling = verb.group().lower() in {"told", "tell", "tells"}
    if telling and _LAST_LISTENER.fullmatch(text, start, end):
        return end, None  # "..., Elon Musk told shareholders.": the words came first
    listener = _LISTENER.match(text, start, end)
    if listener and telling:
        start = listener.end()  # "told Sky Sports News the player would ..."
    rest = text[start:end]
    delimiter = re.search(rf"\bthat\b|:|{FILLER}|,(?!\d)|;|\.(?!\d)|\?|!", rest)
    upto = delimiter.start() if delimiter else len(rest)
    before_that = (
        delimiter is not None and delimiter.group() == "that" and len(rest[:upto].split()) <= 8
    )
    if _only_adjuncts(rest[:upto]) or (before_that and not _VERBISH.search(rest[:upto])):
        after = rest[upto:]
        if re.fullmatch(rf"[\s.!?]*|,\s*(?:{_SUBORDINATE}|\w+ing)\b.*", after, re.S):
            return start + upto, None
        skip = re.match(r"\s*(?:that\b|:)?", after)
        return start + upto, start + upto + (skip.end() if skip else 0)
    lead = _LEADING_DATE.match(rest)
    return (start + lead.end(), start + lead.end()) if lead else (start, start)


def _only_adjuncts(text: str) -> bool:
    """ "in the interview on Sunday", "at a rally": not the reported words."""
    if not text.strip():
        return True
    return (
        len(text.split()) <= 12 and bool(_ADJUNCT_START.match(text)) and not _VERBISH.search(text)
    )


_ADJUNCT_START = re.compile(
    r"\s*(?:on|in|at|to|during|with|after|before|ahead|following|prior|amid|alongside|upon"
    r"|from|via|aboard|outside|inside|last|this|"
    r"earlier|late|later|yesterday|today|tonight|separately|previously|again|also|publicly|"
    r"privately|repeatedly|recently|" + "|".join(calendar.day_name) + r")\b",
    re.I,
)
_VERBISH = re.compile(
    r"\b(?:will|would|could|should|was|is|are|were|be|had|has|have|can|may|might)\b"
    r"|\bto\s+(?!(?:the|a|an|his|her|their|its|our|my|reporters|lawmakers)\b)[a-z]"
)


def _quote_speakers(
    doc: Document, said: Said
) -> dict[tuple[int, int], tuple[str | None, Attribution | None]]:
    """Each quotation's speaker: an attribution touching it, else (for a quotation
    standing alone) the speaker before it."""
    speakers: dict[tuple[int, int], tuple[str | None, Attribution | None]] = {}
    starts = [s.start for s in doc.sentences]
    for block in doc.quotes:
        first = bisect_right(starts, block[0]) - 1
        last = bisect_right(starts, max(block[0], block[1] - 1)) - 1
        touching = [a for i in range(first, last + 1) for a in said.attributions.get(i, [])]
        after = [
            a for a in touching if a.verb_start >= block[1] and not _quote_between(doc, block[1], a)
        ]
        before = [a for a in touching if a.verb_end <= block[0]]
        chosen = after[0] if after else before[-1] if before else None
        if chosen:
            speakers[block] = (chosen.speaker, chosen)
        elif _stands_alone(doc, doc.sentences[first], block) or _continues(said, first):
            speakers[block] = (said.previous_speaker.get(first), None)
        else:
            speakers[block] = (None, None)
    _carry_back(doc, speakers)
    return speakers


_MARKS = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"


def _carry_back(
    doc: Document, speakers: dict[tuple[int, int], tuple[str | None, Attribution | None]]
) -> None:
    """A quotation left open at a paragraph's end goes on in the next paragraph: with
    no speaker of its own, it is the speaker of the words that continue it."""
    blocks = doc.quotes
    for i in range(len(blocks) - 2, -1, -1):
        block, after = blocks[i], blocks[i + 1]
        closed = doc.original[block[1] - 1] in _MARKS
        if speakers.get(block, (None, None))[0] or closed:
            continue
        gap = doc.narrative[block[1] : after[0]]
        if "\n" in gap and not gap.strip():
            speakers[block] = speakers.get(after, (None, None))


def _quote_between(doc: Document, end: int, attribution: Attribution) -> bool:
    return FILLER in doc.narrative[end : attribution.verb_start]


def _continues(said: Said, index: int) -> bool:
    """A sentence with no reporting verb right after one with a named speaker:
    'The landing will follow "no earlier than mid-2027".' goes on quoting them."""
    before = said.attributions.get(index - 1, [])
    return not said.attributions.get(index) and any(a.speaker for a in before)


def _stands_alone(doc: Document, sentence: Sentence, block: tuple[int, int]) -> bool:
    outside = doc.narrative[sentence.start : sentence.end].replace(FILLER, " ")
    return len(re.findall(r"\w+", outside)) <= 2
