"""The mention a speech verb belongs to: "X said", "said X, the chief executive"."""

from __future__ import annotations

import re

from tracker.extract.mentions import find_mentions
from tracker.extract.sentences import FILLER, Document, Sentence
from tracker.extract.speakers import TITLE_TOKENS, Cast, Mention, bare, find_names, kind_of
from tracker.extract.tense import AUXILIARIES, STRONG, is_past, lower_words
from tracker.extract.words import GAP_WORDS, PERSON_ROLES

_SUBJECT_REACH = 250  # characters: a subject and its appositive, never a whole run-on text


def subject_before(doc: Document, sentence: Sentence, verb: int, cast: Cast) -> Mention | None:
    """The mention just before a speech verb, past appositives and adverbs."""
    window = max(sentence.start, verb - _SUBJECT_REACH)
    clause = max(window, _last_break(doc.narrative, window, verb))
    pre_end, apposed = _strip_appositives(doc, clause, verb, cast)
    titled = _titled_person(doc, clause, verb, cast)
    if titled:
        return titled
    mentions = find_mentions(doc, clause, pre_end, cast)
    for mention in reversed(mentions):
        if mention.kind == "name" and mention.possessive:
            continue
        if not _only_gap_words(doc.narrative[mention.end : pre_end]):
            break
        mention = _title_of(doc, mentions, mention)
        if mention.kind == "title" and apposed:
            return apposed
        if mention.kind == "name" and _of_person(doc, mentions, mention, cast):
            return _of_person(doc, mentions, mention, cast)
        return mention
    return apposed or _leading_subject(doc, mentions, pre_end)


_TITLE_CHAIN = re.compile(  # ", Vice-President of the Commission, responsible for Jobs, ...,"
    r",(?:\s+(?:[A-Z][\w&'-]*|&|(?!(?:said|says|told|who|which|whose)\b)[a-z][\w-]*),?)+"
    r"\s*$"
)


def _titled_person(doc: Document, start: int, verb: int, cast: Cast) -> Mention | None:
    """ "Jyrki Katainen, Vice-President of the Commission, responsible for Jobs, Growth,
    Investment and Competitiveness, currently also in charge of the ... portfolio, said":
    a person followed only by a chain of titles is the speaker."""
    text = doc.narrative
    for mention in find_names(text, start, verb, cast):
        if kind_of(mention.text) != "person" or mention.possessive:
            continue
        rest = text[mention.end : verb]
        if rest.count(",") >= 3 and _TITLE_CHAIN.fullmatch(rest):
            return mention
    return None


def _title_of(doc: Document, mentions: list[Mention], mention: Mention) -> Mention:
    """ "the envoy for the Middle East": the title, whose place or body follows it."""
    i = mentions.index(mention)
    title = mentions[i - 1] if i else None
    if title is None or title.kind != "title" or mention.kind != "name":
        return mention
    between = doc.narrative[title.end : mention.start]
    return title if re.fullmatch(r"\s+(?:of|for|to|at|in|on)\s+(?:the\s+)?", between) else mention


def _leading_subject(doc: Document, mentions: list[Mention], end: int) -> Mention | None:
    """ "The maker of Crisp'n'Go snacks now expects": a subject with its modifier."""
    usable = [m for m in mentions if not (m.kind == "name" and m.possessive)]
    if not usable:
        return None
    between = lower_words(doc.narrative[usable[0].end : end])
    verbish = any(w in AUXILIARIES or w in STRONG or is_past(w, "x") for w in between)
    clean = "," not in doc.narrative[usable[0].end : end] and len(between) <= 6
    return usable[0] if clean and not verbish else None


def _last_break(text: str, start: int, end: int) -> int:
    breaks = [m.end() for m in re.finditer(rf"[;:]|{FILLER},|{FILLER}\s", text[start:end])]
    return start + breaks[-1] if breaks else start


def _strip_appositives(
    doc: Document, start: int, end: int, cast: Cast
) -> tuple[int, Mention | None]:
    """Cut ", who met Putin on Thursday," and remember a name in ", Daniel Mensah,"."""
    text = doc.narrative
    apposed = None
    gap = re.search(
        r",(?:\s+(?:has|have|had|also|since|then|now|repeatedly))+\s*$", text[start:end]
    )
    end = start + gap.start() + 1 if gap else end  # "X, who took office in May, has pledged"
    while True:
        pre = text[start:end].rstrip()
        if not pre.endswith(","):
            return start + len(pre), apposed
        comma = pre.rfind(",", 0, len(pre) - 1)
        if comma < 0 or len(pre[comma:].split()) > 16:
            return start + len(pre) - 1, apposed
        inner = [m for m in find_names(text, start + comma + 1, start + len(pre) - 1, cast)]
        relative = re.match(r",\s*(?:who|whom|whose|which|where|when)\b", pre[comma:])
        if not relative:  # ", which is owned by China's Geely,": no one in apposition
            apposed = apposed or (inner[0] if inner else None)
        end = start + comma


def _of_person(
    doc: Document, mentions: list[Mention], mention: Mention, cast: Cast
) -> Mention | None:
    """ "Tom Becker of Harbor Research said": the person, not the firm."""
    i = mentions.index(mention)
    if i == 0 or not re.fullmatch(
        r"\s+(?:of|at|from)\s+", doc.narrative[mentions[i - 1].end : mention.start]
    ):
        return None
    person = mentions[i - 1]
    return person if person.kind == "name" and kind_of(person.text) == "person" else None


def _only_gap_words(text: str) -> bool:
    words = re.findall(r"[^\s,]+", text)
    return len(words) <= 5 and all(w.lower() in GAP_WORDS for w in words)


def title_words(text: str) -> bool:
    """Only titles and their qualifiers: " Mr ", " German Chancellor "."""
    words = re.findall(r"[^\s,]+", text)
    return len(words) <= 4 and all(
        w[0].isupper() or bare(w) in TITLE_TOKENS | {"the"} for w in words
    )


def subject_after(doc: Document, start: int, end: int, cast: Cast) -> Mention | None:
    """ "..., said Jane Doe, the chief executive." / "..., said Chief Operating Officer X"."""
    mentions = find_mentions(doc, start, min(end, start + 80), cast)
    if not mentions:
        return None
    before = doc.narrative[start : mentions[0].start]
    if title_words(before) or _role_phrase(before):
        return mentions[0]
    return None


def _role_phrase(text: str) -> bool:
    """ " project director ", " the club's head coach ": a role in lower case."""
    words = [bare(w) for w in re.findall(r"[^\s,]+", text)]
    return 1 <= len(words) <= 4 and words[-1] in PERSON_ROLES | TITLE_TOKENS
