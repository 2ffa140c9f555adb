"""The people and organisations an article names, and the roles it gives them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from tracker.extract.sentences import Document, Sentence
from tracker.extract.words import (
    NOT_NAMES,
    ORG_HEADS,
    PERSON_ROLES,
    SPEECH_VERBS,
    UPPER,
    wordset,
)

TITLE_TOKENS = PERSON_ROLES | wordset(
    "mr mrs ms miss dr sir dame lord lady sen rep gov gen prof staff trade speaker exchequer"
    " hon honourable honorable rt"
)
_ORG_TOKENS = wordset(
    """
    inc corp corporation co company ltd limited plc llc group holdings bank foods technologies
    enterprises organisation organization agency laboratories
    technology tech systems engineering research partners capital motors airlines
    airways energy pharmaceuticals pharma labs media news chamber commerce council
    committee reserve fund ministry department agency commission union party
    association federation league board authority office institute university
    college club fc united city rovers athletic wanderers rangers albion town
    government administration house services industries communications networks
    software electric insurance securities trust foundation society court
    parliament congress senate kremlin pentagon police army navy forces times
    post journal cars motor automotive aerospace airline mining petroleum oil resources steel
    telecom telecommunications therapeutics biosciences healthcare logistics shipping railways
    brands stores markets solutions devices semiconductor semiconductors instruments studios
    entertainment bancorp financial ag gmbh nv sa spa electronics chemicals materials
    pharmaceutical biotech robotics automation platforms headquarters program programme
    laboratory centre center observatory"""
)
_OF_HEADS = wordset(
    """
    bank chamber university ministry department secretary minister chancellor house
    court republic institute college office board bureau commission council
    federation association union church state government agency"""
)

_NAME_TOKEN = rf"(?:[{UPPER}](?:[\w'-]|&(?=[{UPPER}]))*\w|[{UPPER}]\.?)"  # "AT&T", "P&G"
_NAME_SEQ = re.compile(
    rf"(?<![\w'-]){_NAME_TOKEN}(?:(?:\s+(?:(?:of|for|de|da|del|di|do|dos|das|du|van|von|der|den|ten|ter|bin|al|la|le)\s+){{0,2}}"
    rf"|\s+&\s+){_NAME_TOKEN})*"  # "Procter & Gamble"
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # "name", "pronoun" or "title"
    text: str  # the name, the pronoun, or a title's head word
    words: frozenset[str] = frozenset()  # a title's other words
    definite: bool = True
    possessive: bool = False
    owner: str | None = None  # "Zelensky" in "Zelensky's office"


@dataclass
class Entity:
    name: str
    kind: str  # "person", "org" or "unknown"
    roles: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)
    tokens: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.tokens = tuple(self.name.split())


@dataclass
class Cast:
    """Everyone named in the article, with the roles the article gives them."""

    entities: dict[str, Entity]
    capitals: set[str]  # words capitalised somewhere other than a sentence start
    lowered: str = ""  # the text in lower case, spaced, to test common words
    short: dict[str, str] = field(default_factory=dict)  # "TMC" -> "Trans Mountain Corporation"
    revealed: list[tuple[int, str, str]] = field(default_factory=list)  # "The company is X"

    @classmethod
    def collect(cls, doc: Document) -> Cast:
        lowered = " " + " ".join(re.findall(r"[a-z][\w'-]*", doc.clean)) + " "
        cast = cls({}, _mid_sentence_capitals(doc), lowered, _short_names(doc.clean))
        cast.revealed = _revealed(doc.clean)
        found = [
            (mention, _roles_near(doc.clean, mention, sentence) | _suffix_role(doc.clean, mention))
            for sentence in doc.sentences
            if not _title_case_headline(doc, sentence)
            for mention in find_names(doc.clean, sentence.start, sentence.end, cast)
            if mention.kind == "name"
        ]
        for mention, roles in sorted(found, key=lambda f: " " not in f[0].text):
            cast.register(mention, roles)
        cast.short |= _acronyms(doc.clean, cast)
        return cast

    def register(self, mention: Mention, roles: set[str]) -> None:
        name = mention.text
        if " " not in name and self.lookup(name, mention.start):
            name = self.lookup(name, mention.start) or name
        entity = self.entities.setdefault(name, Entity(name, kind_of(name)))
        entity.roles |= roles
        if "company" in roles:
            entity.kind = "org"
        elif entity.kind == "unknown" and roles & PERSON_ROLES:
            entity.kind = "person"
        elif entity.kind == "unknown" and roles & ORG_HEADS:
            entity.kind = "org"
        entity.positions.append(mention.start)

    def lookup(self, token: str, position: int) -> str | None:
        """The full name a single word (surname, company word) stands for."""
        if token in self.entities and " " in token:
            return token
        if token in self.short:
            return self.short[token]
        matches = [e for e in self.entities.values() if len(e.tokens) > 1 and token in e.tokens[1:]]
        if not token.isupper():  # "NASA" is not "NASA Headquarters"
            matches += [
                e for e in self.entities.values() if len(e.tokens) > 1 and e.tokens[0] == token
            ]
        return _nearest(matches, position).name if matches else None

    def by_role(self, head: str, words: frozenset[str], position: int) -> str | None:
        wanted = _ROLE_SYNONYMS.get(head, {head})
        found = [e for e in self.entities.values() if e.kind != "org" and e.roles & wanted]
        if not found:
            return None
        best = max(len(e.roles & words) for e in found)
        return _nearest([e for e in found if len(e.roles & words) == best], position).name

    def kind(self, name: str) -> str:
        """The kind the article has shown a name to be, else the one its words give."""
        entity = self.entities.get(name)
        return entity.kind if entity else kind_of(name)

    def named_after(self, head: str, position: int) -> str | None:
        """ "An American space company says ... The company is SpaceX": the name the
        article gives a described speaker in the next few hundred characters."""
        for at, role, name in self.revealed:
            if role == head and position < at <= position + 400:
                return name
        return None

    def only_holder(self, role: str) -> str | None:
        """The one person the article gives this role, if exactly one."""
        found = [e.name for e in self.entities.values() if e.kind != "org" and role in e.roles]
        return found[0] if len(found) == 1 else None

    def last_org(self, position: int, unknown: bool = True) -> str | None:
        """The organisation in view; failing any, a one-word name of unknown kind
        named before ("Pfizer ... The company will"), which is then known as one."""
        orgs = [e for e in self.entities.values() if e.kind == "org"]
        before = [e for e in orgs if min(e.positions) < position]
        if before:  # never one the article names only later
            return _nearest(before, position).name
        candidates = [
            e
            for e in self.entities.values()
            if e.kind == "unknown"
            and " " not in e.name
            and e.name not in _PLACES
            and min(e.positions) < position
        ]
        if not (unknown and candidates):
            return None
        found = min(candidates, key=lambda e: min(e.positions))  # the story's first subject
        found.kind = "org"
        return found.name


_ROLE_SYNONYMS = {
    "boss": {"boss", "manager", "coach", "chief", "executive", "ceo"},
    "manager": {"manager", "boss", "coach"},
    "coach": {"coach", "manager"},
    "ceo": {"ceo", "chief", "executive"},
    "spokesperson": {"spokesperson", "spokesman", "spokeswoman"},
}


def _short_names(text: str) -> dict[str, str]:
    """Short names an article defines: "Trans Mountain Corporation's (TMC)",
    "The United States Mint (Mint)"."""
    found = re.finditer(
        rf"((?:[{UPPER}][\w&.-]*\s+){{1,5}}[{UPPER}][\w&.-]*)(?:'s)?\s*\(([{UPPER}][\w&-]{{1,10}})\)",
        text,
    )
    names = {m.group(2): _without_suffix(m.group(1)) for m in found}
    return {short: name for short, name in names.items() if short != name.split()[0]}


def _acronyms(text: str, cast: Cast) -> dict[str, str]:
    """ "The International Monetary Fund ... IMF experts say": an acronym the article
    uses for a name it gives in full, by the name's initials."""
    used = set(re.findall(r"\b[A-Z]{2,6}\b", text))
    found: dict[str, str] = {}
    for name in cast.entities:
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        if len(name.split()) > 1 and initials in used and initials not in cast.short:
            found.setdefault(initials, name)
    return found


def _revealed(text: str) -> list[tuple[int, str, str]]:
    found = re.finditer(
        rf"\b[Tt]he\s+([a-z]+)\s+is\s+(?:called\s+|named\s+)?((?:[{UPPER}][\w&.'-]*\s+){{0,4}}"
        rf"[{UPPER}][\w&'-]*)",
        text,
    )
    return [(m.start(), m.group(1), _without_suffix(m.group(2))) for m in found]


def _without_suffix(name: str) -> str:
    """ "The Delta Air Lines Inc.": "Delta Air Lines" (decision D1)."""
    name = re.sub(r"^(?:The|A|An)\s+", "", name)
    return re.sub(r",?\s+(?:Inc|Corp|Co|Ltd|plc|LLC|Limited|GmbH|AG|SA|NV)\.?$", "", name)


def _nearest(entities: list[Entity], position: int) -> Entity:
    """The entity last named before `position`, else the first named after it."""

    def key(entity: Entity) -> tuple[int, int]:
        before = [p for p in entity.positions if p <= position]
        return (1, max(before)) if before else (0, -min(entity.positions))

    return max(entities, key=key)


def _title_case_headline(doc: Document, sentence: Sentence) -> bool:
    """ "Bush Encouraged by Budget Talks": capitals mark no names; the body names them."""
    words = re.findall(r"[A-Za-z][\w'-]*", doc.clean[sentence.start : sentence.end])
    capitals = sum(w[0].isupper() for w in words)
    return sentence.headline and len(words) >= 3 and capitals >= 0.6 * len(words)


def _suffix_role(text: str, mention: Mention) -> set[str]:
    """ "Fairclough Building Ltd.": a company, though its name keeps no suffix."""
    suffix = re.match(r",?\s+(?:inc|ltd|plc|llc|corp|limited|gmbh)\b", text[mention.end :], re.I)
    return {"company"} if suffix else set()


_PLACES = frozenset({"US", "U.S.", "UK", "U.K.", "USA", "UAE", "DRC", "PRC", "GB"})


def kind_of(name: str) -> str:
    tokens = name.split()
    if name in _PLACES:
        return "unknown"  # "available in the US": a country, not a company
    if any(t.lower().strip(".") in _ORG_TOKENS for t in tokens) or name.isupper() or "&" in name:
        return "org"
    if len(tokens) >= 2 and not re.fullmatch(r"[IVX]{2,}|\d+\w*", tokens[-1]):
        return "person"  # not "Artemis III" or "Model 2"
    return "unknown"


def _mid_sentence_capitals(doc: Document) -> set[str]:
    found: set[str] = set()
    for s in doc.sentences:
        text = doc.clean[s.start : s.end]
        found.update(m.group() for m in re.finditer(rf"(?<=[a-z,;] )[{UPPER}][\w'-]*", text))
    return found


def find_names(text: str, start: int, end: int, cast: Cast) -> Iterator[Mention]:
    """Names in text[start:end], with leading titles and stop words peeled off."""
    for seq in _NAME_SEQ.finditer(text, start, end):
        begin = seq.start()
        if "\u00a7" in text[max(start, begin - 12) : begin]:  # "§ Mr. GummerProfessor Gennard"
            glued = re.match(r"[A-Z][a-z'-]+?(?=[A-Z][a-z])", text[begin : seq.end()])
            begin += glued.end() if glued else 0
        for s, e in _split_of(text, begin, seq.end()):
            initial = not re.search(r"\w", text[start:s])
            mention = _peel_name(text, s, e, sentence_start=initial, cast=cast)
            if mention:
                yield mention


def _split_of(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split "Tom Becker of Harbor Research" but keep "Bank of England"; a
    possessive ends a name ("NASA's SpaceX Crew-1" is NASA's, then another)."""
    owner = re.search(r"'s\s+", text[start:end])
    if owner:
        yield from _split_of(text, start, start + owner.start() + 2)
        yield from _split_of(text, start + owner.end(), end)
        return
    begin = start
    for conn in re.finditer(r"\s+(?:of|for)\s+", text[start:end]):
        head = text[start : start + conn.start()].split()[-1].lower()
        if head not in _OF_HEADS:
            yield begin, start + conn.start()
            begin = start + conn.end()
    yield begin, end


def _peel_name(text: str, start: int, end: int, sentence_start: bool, cast: Cast) -> Mention | None:
    tokens = [(m.start() + start, m.group()) for m in re.finditer(r"\S+", text[start:end])]
    while tokens and bare(tokens[0][1]) in NOT_NAMES:
        tokens, sentence_start = tokens[1:], False
    titles = [i for i, (_, t) in enumerate(tokens) if bare(t) in TITLE_TOKENS]
    if titles and len(tokens) >= 2 and bare(tokens[-1][1]) in _ORG_TOKENS - TITLE_TOKENS:
        titles = []  # "General Motors", "General Electric": an organisation's name
    peeled = frozenset(bare(t) for _, t in tokens[: titles[-1] + 1]) if titles else frozenset()
    if titles and titles[-1] == len(tokens) - 1:
        pos, word = tokens[-1]
        return Mention(pos, pos + len(word), "title", bare(word), peeled - {bare(word)})
    tokens = tokens[titles[-1] + 1 :] if titles else tokens
    while len(tokens) >= 2 and tokens[0][1] in {"of", "for"}:  # "Minister for Europe, X,"
        tokens = tokens[2:]  # "Secretary of State Marco Rubio"
    if not tokens:
        return None
    single_start = sentence_start and len(tokens) == 1
    while len(tokens) > 1 and bare(tokens[-1][1]) in _SUFFIXES:
        tokens = tokens[:-1]  # "Acme Inc said": a company, though one word is left
    name = " ".join(t for _, t in tokens)
    possessive = name.endswith("'s")
    name = name.removesuffix("'s").rstrip("'")
    if single_start and not _known_word(text, name, tokens[0][0] + len(name), cast):
        return None
    return Mention(
        tokens[0][0], tokens[0][0] + len(name), "name", name, peeled, possessive=possessive
    )


_SUFFIXES = wordset("inc ltd plc llc corp co mp mep msp mla qc kc obe cbe mbe")


def _known_word(text: str, name: str, end: int, cast: Cast) -> bool:
    """A capitalised word opening a sentence is a name when it is capitalised
    elsewhere, camel-cased, a known surname, or the subject of a reporting or
    planning verb ("Ford said", "Novartis expects to", "Musk had said")."""
    if re.search(r"\w[A-Z0-9]", name) or name in cast.capitals or cast.lookup(name, end):
        return True
    if name.lower() in _GENERIC_SUBJECTS or re.search(r"(?:ists|ians|ials|ers|ors)$", name):
        return False
    return bool(_ACTS.match(text, end)) and f" {name.lower()} " not in cast.lowered


_GENERIC_SUBJECTS = wordset(
    """
    officials sources diplomats analysts experts critics police residents investors
    traders reports documents people others observers witnesses data figures
    authorities prosecutors scientists researchers economists doctors supporters
    fans players lawmakers negotiators organisers organizers executives insiders"""
)
_ACTS = re.compile(
    rf"(?:'s)?(?:\s+(?:has|had|have|also|previously|earlier|now|further|then|still))*"
    rf"\s+(?:{SPEECH_VERBS}|plans|aims|intends|will|raised|lowered|cut|reaffirmed|unveiled"
    r"|launched|introduced|unveils|launches"
    r"|is\s+(?:confident|optimistic|hopeful|expected|set|due))\b|,\s+who(?:se)?\b"
    # "Putin, speaking at a televised meeting, said"
    r"|,\s+(?:speaking|writing|addressing|talking|responding|appearing|asked)\b[^,.;]{0,80},"
    rf"\s+(?:has\s+|had\s+|also\s+)?(?:{SPEECH_VERBS})\b",
)


def bare(token: str) -> str:
    return token.lower().removesuffix("'s").strip(".'")


def _roles_near(text: str, mention: Mention, sentence: Sentence) -> set[str]:
    """Role words the article attaches to a name: "Rovers manager Graham Pike",
    "Maria Reyes, the Democratic candidate for governor,", "its chair, Linda Hughes,"."""
    before = re.findall(
        r"[\w'-]+|[^\w\s]", text[max(sentence.start, mention.start - 50) : mention.start]
    )
    roles = set(mention.words) | set(_role_run(before))
    after = re.match(
        r",\s*((?:the|a|an)\s+)?([^,.;:\"]{0,80})(?:,|[.;]?\s*$)", text[mention.end : sentence.end]
    )
    if after and not re.search(
        rf"^(?:who|which|whose|where|as|and|but)\b|\b(?:{SPEECH_VERBS})\b", after.group(2)
    ):
        words = re.findall(r"[a-z][\w-]*", after.group(2).lower())[:6]
        roles |= set(words) if _has_role(words) else set()
    apposed = re.search(
        r"(?:^|[,;:.]\s*)([^,;:.]{2,50}),\s*(?:[a-z][\w-]*\s+){0,3}$",
        text[max(sentence.start, mention.start - 120) : mention.start],
    )
    if apposed and text[mention.end : mention.end + 1] == ",":
        words = re.findall(r"[a-z][\w-]*", apposed.group(1).lower())
        roles |= set(words[-4:]) if words and words[-1] in PERSON_ROLES | ORG_HEADS else set()
    return {r for r in roles if r not in NOT_NAMES}


def _role_run(before: list[str]) -> list[str]:
    """The title words right before a name: ["chief", "financial", "officer"]."""
    if not before or before[-1].lower() not in PERSON_ROLES | ORG_HEADS:
        return []
    run: list[str] = []
    for word in reversed(before[-5:]):
        if not re.match(r"[\w'-]+$", word) or word.lower() in NOT_NAMES:
            break
        run.insert(0, word.lower().removesuffix("'s"))
    return run


def _has_role(words: list[str]) -> bool:
    return any(w in PERSON_ROLES for w in words)


_SPEECH_CUE = re.compile(
    r"check against delivery|^\W*(?:speech|address|remarks)\b|^(?:ladies and gentlemen|"
    r"dear (?:colleagues|friends|members)|excellenc(?:y|ies)|distinguished guests|"
    r"(?:mr|madam) (?:president|speaker|chair(?:man)?))\b",
    re.I,
)
_MADE_BY = re.compile(
    rf"(?:made|statement|speech|remarks|answered)\s+by:?\s+((?:[{UPPER}][\w'.-]+\s+){{1,3}}"
    rf"[{UPPER}][\w'-]+)",
    re.I,
)
_HEADING_NAME = re.compile(
    r"(?:[A-Z][a-z'-]+|[A-Z]{2,}|[A-Z]\.)(?:\s+(?:[A-Z][a-z'-]+|[A-Z]{2,}))+"
)
_TURN = re.compile(
    r"\u00a7\s*((?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+)?([A-Z][a-z'-]+?)(?=[A-Z][a-z]|\s|$)"
)


def document_authors(doc: Document) -> dict[int, str]:
    """Paragraph -> who speaks it when no reporting verb says so: the one person
    named in a speech's heading, or the member in a Hansard turn ("§ Mr. Chope")."""
    paragraphs = _paragraph_texts(doc)
    turns = _turns(paragraphs) or _introduced(doc, paragraphs)
    if turns:
        return turns
    author, body = _speech_author(paragraphs)
    return dict.fromkeys(range(body, len(paragraphs)), author) if author else {}


def _paragraph_texts(doc: Document) -> list[str]:
    texts = [""] * doc.paragraphs
    for s in doc.sentences:
        texts[s.paragraph] += doc.clean[s.start : s.end] + " "
    return [t.strip() for t in texts]


_LABEL = re.compile(r"((?:[A-Z][A-Z.'-]*\s+){0,4}[A-Z][A-Z'-]+):\s")  # "SECRETARY TILLERSON: ..."
_MEMBER = re.compile(  # a Hansard heading: "Tessa Jowell The Secretary of State for Culture"
    rf"((?:[{UPPER}][\w'-]+\s+){{1,3}}?[{UPPER}][\w'-]+)\s+(?:(?:Conservative|Labour|Liberal\s+"
    r"Democrat|Scottish\s+National\s+Party|SNP|Plaid\s+Cymru|DUP|Independent|Green|Crossbench)"
    r"(?:,[^.!?]{0,80})?|The\s+(?:Secretary|Minister|Parliamentary|Prime|Chancellor|Leader"
    r"|Solicitor|Attorney)\b[^.!?]{0,100})"
)
_NO_SPEAKER = wordset("question questions moderator participant operator audience reporter q")


def _turns(paragraphs: list[str]) -> dict[int, str]:
    """Hansard turns ("§ Mr. Chope") and transcript labels ("SECRETARY TILLERSON:"):
    the member or the label's surname speaks until the next turn; "QUESTION:" is
    nobody's claim."""
    authors: dict[int, str] = {}
    current: str | None = None
    for number, text in enumerate(paragraphs):
        turn, member = _TURN.match(text), _MEMBER.fullmatch(text)
        label = _LABEL.match(text) if number else None  # not a headline's "IMF: Growth Slows"
        if turn:
            current = turn.group(2)
        elif _PEER.fullmatch(text):  # a written answer's "Baroness Scotland of Asthal"
            current = text
        elif member and _is_personal_name(member.group(1)):
            current = member.group(1)
        elif label:
            words = [w for w in label.group(1).split() if bare(w) not in TITLE_TOKENS | {"foreign"}]
            named = words and not {bare(w) for w in words} & _NO_SPEAKER
            current = " ".join(w.capitalize() for w in words) if named else None
        if current:
            authors[number] = current
    return authors


_PEER = re.compile(
    r"(?:Lord|Baroness|Lady|Earl|Countess|Viscount|Viscountess|Baron|Marquess)\s+"
    r"[A-Z][\w'-]+(?:\s+(?:of|and|[A-Z][\w'-]+)){0,5}"
)
_INTRODUCED = re.compile(
    r"(?:[\w'.-]+\s+){0,6}?((?:[A-Z][\w'.-]+\s+){1,5}?[A-Z][\w'-]+)\s+"
    r"(?:said|says|added|commented|stated|told\s+[\w\s]{1,30}?)\s*:"
)


def _introduced(doc: Document, paragraphs: list[str]) -> dict[int, str]:
    """ "Foreign Secretary Boris Johnson said:" ending a paragraph of its own, then his
    words in the paragraphs after it, unquoted, up to a heading line or a quotation
    (a release's quoted statement is read as quoted; the narrative after it is not his)."""
    starts = {s.paragraph: s.start for s in reversed(doc.sentences)}
    authors: dict[int, str] = {}
    current: str | None = None
    for number, text in enumerate(paragraphs):
        intro = _INTRODUCED.fullmatch(text)
        quoted = number in starts and doc.quote_at(starts[number] + 1) is not None
        if intro or quoted or not re.search(r"[.!?:;]$", text):
            current = _untitled(intro.group(1)) if intro else None
        elif current:
            authors[number] = current
    return authors


def _untitled(name: str) -> str | None:
    """ "Rail Minister Paul Maynard": the name after its titles."""
    words = name.split()
    titles = [i for i, w in enumerate(words) if bare(w) in TITLE_TOKENS]
    words = words[titles[-1] + 1 :] if titles else words
    return " ".join(words) if len(words) >= 2 and _HEADING_NAME.fullmatch(" ".join(words)) else None


def _speech_author(paragraphs: list[str]) -> tuple[str | None, int]:
    """The one personal name among the heading lines, when a cue marks a speech,
    and the first paragraph of the body."""
    heading: list[str] = []
    for text in paragraphs:
        if len(text.split()) > 6 and re.search(r"[.!?]$", text):
            break
        heading.append(text)
    made = next((m for line in heading if (m := _MADE_BY.match(line))), None)
    if made:  # a written statement's "Made by: Chris Skidmore (The Minister ...)"
        return made.group(1), len(heading)
    if not any(_SPEECH_CUE.search(line) for line in heading):
        return None, 0
    names = [n for n in heading if _is_personal_name(n) and not _SPEECH_CUE.search(n)]
    return (_title_case(names[0]) if len(names) == 1 else None), len(heading)


def _is_personal_name(line: str) -> bool:
    words = line.split()
    if not (2 <= len(words) <= 4 and _HEADING_NAME.fullmatch(line)):
        return False
    lowered = {bare(w) for w in words}
    return not lowered & (_ORG_TOKENS | ORG_HEADS | TITLE_TOKENS | NOT_NAMES | {"by"})


def _title_case(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in name.split())
