"""Mentions in a stretch of text (names, pronouns, titles) and who each one means."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.extract.sentences import FILLER, Document, Sentence
from tracker.extract.speakers import Cast, Mention, find_names
from tracker.extract.words import GAP_WORDS, NOT_NAMES, ORG_HEADS, PERSON_ROLES, wordset

_PRONOUNS = {"he": "person", "she": "person", "it": "org"}
ON_BEHALF = wordset("office spokesman spokeswoman spokesperson campaign")
_GENERIC_ROLES = wordset(
    "official spokesman spokeswoman spokesperson aide analyst lawyer economist strategist agent"
)


_PUBLIC_HEADS = wordset(
    "government ministry department agency administration party campaign commission regulator "
    "council authority office union federation league board"
)


_TURN_LABEL = re.compile(
    r"\s*\u00a7\s*(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+)?[A-Z][a-z'-]+?(?=[A-Z][a-z]|\s)"
)


@dataclass
class Focus:
    """Who "he", "she" and "it" point back to, and the last speaker."""

    person: str | None = None
    org: str | None = None
    speaker: str | None = None


def remember(name: str | None, focus: Focus, cast: Cast, speaking: bool) -> None:
    """Update who "he"/"she"/"it" mean: a speaker of unknown kind counts as a
    person; a mere sentence subject ("Russia controls ...") only if known to be."""
    entity = cast.entities.get(name or "")
    kind = entity.kind if entity else "unknown"
    if name and kind == "org":
        focus.org = name
    elif name and (kind == "person" or speaking):
        focus.person = name


def sentence_subject(
    doc: Document, sentence: Sentence, cast: Cast, focus: Focus
) -> tuple[str | None, Mention | None]:
    """The first mention outside a leading adverbial ("In an interview with CNN,")."""
    text = doc.narrative
    start = sentence.start
    lead = re.match(
        r"\s*(?:in|on|at|during|after|before|speaking|asked|as|while|last|when|with)\b[^,]{0,80},",
        text[start : sentence.end],
        re.I,
    )
    if lead and not lead.group().lower().lstrip().startswith("while"):
        start += lead.end()
    turn = _TURN_LABEL.match(text, start, sentence.end)
    start = turn.end() if turn else start  # "§ Mr. GummerProfessor Gennard is ...": Gennard
    for mention in find_mentions(doc, start, sentence.end, cast):
        if mention.kind == "name" and mention.possessive:
            continue
        return resolve(mention, cast, focus), mention
    return None, None


def find_mentions(doc: Document, start: int, end: int, cast: Cast) -> list[Mention]:
    text = doc.narrative
    found = list(find_names(text, start, end, cast))
    for m in re.finditer(r"\b(he|she|it|He|She|It)\b", text[start:end]):
        found.append(Mention(start + m.start(), start + m.end(), "pronoun", m.group().lower()))
    found += _titles(text, start, end)
    found += _descriptors(text, start, end)
    found.sort(key=lambda m: (m.start, m.kind != "name"))
    return _drop_overlaps(found)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """One mention per stretch: "US envoy" is a title, "Rovers manager Graham
    Pike" a name (the title right before a name is the name's)."""
    kept: list[Mention] = []
    for m in mentions:
        last = kept[-1] if kept else None
        if last and m.start < last.end:
            if m.end > last.end:
                kept[-1] = m
            continue
        if last and last.kind == "title" and m.kind == "name" and m.start - last.end <= 1:
            kept[-1] = m
            continue
        kept.append(m)
    return kept


_ROLE_ALT = "|".join(sorted(PERSON_ROLES | ORG_HEADS | {"finance chief"}, key=len, reverse=True))
_TITLE_HEAD = re.compile(rf"\b(?:{_ROLE_ALT})s?\b", re.I)


_DESCRIPTOR = re.compile(  # "the Dane said", "the 34-year-old added": the person in focus
    r"\b[Tt]he\s+(?:\d{2}-year-old|(?:Dane|Spaniard|Frenchman|Dutchman|Scot|Scotsman|Welshman"
    r"|Irishman|Englishman|Italian|German|Portuguese|Brazilian|Argentine|Argentinian|Norwegian"
    r"|Swede|Belgian|Croat|Serb|Austrian|Swiss|Pole|Czech|Mexican|Chilean|Uruguayan|Colombian"
    r"|Nigerian|Ghanaian|Senegalese|Egyptian|Moroccan|Japanese|Australian|American|Canadian"
    r"|Frenchwoman|Scotswoman|veteran|youngster))"
    r"(?=\s*[,.;:!?\u2591\"']|\s+(?:said|says|added|told|admitted|insisted|explained|revealed"
    r"|confirmed|stressed|warned|believes|thinks|expects|continued|who|has|had|is|was|will|would"
    r"|also)\b)"
)


def _descriptors(text: str, start: int, end: int) -> list[Mention]:
    return [
        Mention(m.start(), m.end(), "title", "descriptor")
        for m in _DESCRIPTOR.finditer(text, start, min(len(text), end + 30))
        if m.end() <= end  # the lookahead may read past `end`: "the Dane| said"
    ]


def _titles(text: str, start: int, end: int) -> Iterator[Mention]:
    """Title phrases: "the envoy", "Okafor's agent", "the city's mayor", "US envoy"."""
    for head in _TITLE_HEAD.finditer(text, start, end):
        word = head.group().lower()
        plural = word.endswith("s") and word[:-1] in PERSON_ROLES | ORG_HEADS
        word = word[:-1] if plural else word
        window = re.split(
            rf"[,;:.(){FILLER}\"]", text[max(start, head.start() - 40) : head.start()]
        )[-1]
        before = _np_modifiers(re.findall(r"[\w'.-]+", window))
        definite = not plural and not (before and before[0].lower() in {"a", "an"})
        first = head.start() - len(" ".join(before)) - (1 if before else 0)
        words = frozenset(w.lower().removesuffix("'s") for w in before)
        owner = next((w[:-2] for w in before if w.endswith("'s") and w[0].isupper()), None)
        yield Mention(max(start, first), head.end(), "title", word, words, definite, owner=owner)


def _np_modifiers(words: list[str]) -> list[str]:
    kept: list[str] = []
    for word in reversed(words[-4:]):
        low = word.lower()
        if low in {"the", "its", "his", "her", "their", "a", "an"} or low.endswith("'s"):
            kept.insert(0, word)
            break
        if low in NOT_NAMES or low in GAP_WORDS or not re.match(r"[\w-]+$", word):
            break
        kept.insert(0, word)
    return kept


def resolve(mention: Mention, cast: Cast, focus: Focus) -> str | None:
    if mention.kind == "pronoun":
        return focus.person if _PRONOUNS[mention.text] == "person" else focus.org
    if mention.kind == "title":
        if mention.owner and mention.text in ON_BEHALF:
            return resolve(Mention(mention.start, mention.end, "name", mention.owner), cast, focus)
        if mention.text in ON_BEHALF and mention.words & {"his", "her"}:
            return focus.person  # "his office said", "her spokesman said": theirs
        if not mention.definite:
            revealed = cast.named_after(mention.text, mention.start)
            if revealed or mention.text in _GENERIC_ROLES:
                return revealed
            return cast.only_holder(mention.text)
        if mention.text in ORG_HEADS:
            if mention.text == "government":  # a department is not "the government"
                return _government(mention, cast)
            business = mention.text not in _PUBLIC_HEADS
            found = _org_named(mention, cast) or focus.org
            return found or cast.last_org(mention.start, unknown=business)
        found = cast.by_role(mention.text, mention.words, mention.start)
        return found or (None if mention.text in _GENERIC_ROLES else focus.person)
    if " " in mention.text:
        return _full_name(mention.text, cast)
    return cast.lookup(mention.text, mention.start) or mention.text


def _full_name(name: str, cast: Cast) -> str:
    """ "von der Leyen" is the article's "Ursula von der Leyen"."""
    tail = " " + name.lower()
    longer = [e.name for e in cast.entities.values() if e.name.lower().endswith(tail)]
    return max(longer, key=len) if len(set(longer)) == 1 else name


def _government(mention: Mention, cast: Cast) -> str | None:
    """ "the government": the article's "Government of Canada" (or "UK Government"),
    else, said bare, the government of the publisher (decision D1)."""
    named = [e.name for e in cast.entities.values() if "government" in e.name.lower().split()]
    if named:
        return named[0]
    modifiers = sorted(mention.words - {"the"})
    if (
        len(modifiers) == 1 and modifiers[0].isalpha()
    ):  # "the UK government", "the Welsh government"
        word = modifiers[0]
        return (word.upper() if len(word) <= 3 else word.capitalize()) + " government"
    return "government" if not modifiers else None


def _org_named(mention: Mention, cast: Cast) -> str | None:
    """ "the European Commission" is the organisation named so, not the one in focus;
    so is "the Commission" when one organisation's name ends in that word."""
    words = (mention.words - {"the", "its", "a", "an"}) | {mention.text}
    orgs = [e.name for e in cast.entities.values() if e.kind == "org"]
    exact = [n for n in orgs if {w.lower() for w in n.split()} == words]
    if len(words) >= 2:
        return exact[0] if exact else None
    ending = [n for n in orgs if " " in n and n.split()[-1].lower() == mention.text]
    return ending[0] if len(ending) == 1 else None  # "the Commission": European Commission
