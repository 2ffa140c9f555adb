"""Propose forward-looking claims from a news article (`tracker extract`).

Rule-based and stdlib-only: ``re`` finds sentences, quotations, speakers and time
phrases, ``html.parser`` turns simple HTML into text. The pipeline is a row of
small steps: normalise the text one character for one character (so offsets into
it are offsets into what the user gave), split paragraphs, quotations and
sentences, collect the named people and organisations, find who says what in
each sentence, then keep each future time phrase that a named speaker said. The
result is a list of candidates for a person to accept, edit or skip.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from difflib import SequenceMatcher
from html.parser import HTMLParser


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --------------------------------------------------------------------------- API


@dataclass(frozen=True)
class Candidate:
    """One proposed claim; `start`/`end` are None when `needs_window` is set."""

    speaker: str
    claim: str
    quote: str
    deadline_phrase: str
    said_on: date
    start: date | None
    end: date | None
    rule: str | None
    needs_window: bool
    confidence: float
    sentence_index: int

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("said_on", "start", "end"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def read_article(raw: str) -> str:
    """Plain text of an article: HTML is stripped to its paragraphs, text passes."""
    if not _HTML_HINT.search(raw[:5000]):
        return raw
    parser = _TextCollector()
    parser.feed(raw)
    parser.close()
    blocks = parser.paragraphs()
    if parser.title.strip() and not parser.has_h1:
        blocks.insert(0, " ".join(parser.title.split()))
    return "\n\n".join(blocks) + "\n"


def extract(text: str, published: date) -> list[Candidate]:
    """Candidate claims in article order, each (speaker, phrase, claim) once."""
    doc = _Document.parse(read_article(text))
    cast = _Cast.collect(doc)
    said = _attribute(doc, cast)
    found = [c for s in doc.sentences for c in _sentence_candidates(doc, s, said)]
    dates = _date_statements(doc, said, cast, published)
    candidates = [c for f in found if (c := _finish(doc, f, dates))]
    return _dedupe(candidates, {s.index for s in doc.sentences if s.headline})


def split_sentences(text: str) -> list[str]:
    """The article's sentences (headline first), as written."""
    doc = _Document.parse(text)
    return [doc.original[s.start : s.end] for s in doc.sentences]


def resolve_said_on(expression: str, published: date) -> date | None:
    """The day a statement was made from "on Sunday", "last week", "yesterday"...

    A bare weekday is the most recent such day on or before publication; "last"
    before a weekday means strictly before. "last week" is seven days earlier.
    """
    words = " ".join(expression.lower().replace(",", " ").split())
    words = re.sub(r"^(?:on|in|at)\s+", "", words)
    fixed = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0}
    fixed |= {"this evening": 0, "yesterday": 1, "last night": 1, "last week": 7}
    if words in fixed:
        return published - timedelta(days=fixed[words])
    if words == "earlier this week":
        return published - timedelta(days=published.weekday())
    if words == "last month":
        return _shift_month(published, -1)
    return _weekday_or_date(words, published)


# ---------------------------------------------------------------- reading HTML

_HTML_HINT = re.compile(
    r"<(?:!doctype|html|head|body|p|div|br|h[1-6]|article|span|a|meta|title)\b", re.I
)
_SKIP_TAGS = _wordset(
    "script style noscript template svg nav footer aside form button iframe head select"
)
_BLOCK_TAGS = _wordset(
    "p div section article header main h1 h2 h3 h4 h5 h6 li ul ol blockquote "
    "figcaption pre table tr td th dd dt br hr"
)


class _TextCollector(HTMLParser):
    """Collects the text of block elements, skipping scripts, styles and chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.has_h1 = False
        self._blocks: list[str] = []
        self._buffer: list[str] = []
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_title = tag == "title"
        if tag == "body":
            self._skipping = 0
        elif tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._flush()
        self.has_h1 = self.has_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if tag in _SKIP_TAGS and tag != "head":
            self._skipping = max(0, self._skipping - 1)
        elif tag == "head":
            self._skipping = 0
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self._buffer.append(data)

    def paragraphs(self) -> list[str]:
        self._flush()
        return self._blocks

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        if text:
            self._blocks.append(text)


# ------------------------------------------------- paragraphs, quotes, sentences

_NORMALISE = str.maketrans(
    {
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`", "'"),
        **dict.fromkeys("\u00a0\u2009\u202f\u2007\t\r[]", " "),
    }
)
_FILLER = "\u2591"  # fills quotations; not a word or space character
_RELATIVE = re.compile(r",\s*(?:who|which|whose)\b[^,.;]*(?:,|(?=[.;]|$))")
_ABBREVIATIONS = _wordset(
    "mr mrs ms dr st gen sen rep gov lt col capt prof jr sr no vs etc inc corp co "
    "ltd jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k a.m p.m"
)


@dataclass(frozen=True)
class _Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    headline: bool


@dataclass
class _Document:
    """The article three ways, all of the same length as the original text."""

    original: str
    clean: str  # quote marks blanked: for phrases and claim text
    narrative: str  # quotations filled: for speakers and speech verbs
    main: str  # clean, with ", which began in 2022," blanked: for tense and claims
    quotes: list[tuple[int, int]]  # (opening mark, after closing mark)
    sentences: list[_Sentence]
    paragraphs: int

    @classmethod
    def parse(cls, text: str) -> _Document:
        norm = text.translate(_NORMALISE)
        quotes: list[tuple[int, int]] = []
        sentences: list[_Sentence] = []
        spans = _paragraph_spans(norm)
        for number, (start, end) in enumerate(spans):
            blocks = _quote_blocks(norm, start, end)
            quotes += blocks
            headline = number == 0 and len(spans) > 1 and _is_headline(norm[start:end])
            for s, e in _sentence_spans(norm, start, end, blocks, headline):
                sentences.append(_Sentence(len(sentences), number, s, e, headline))
        clean = _blank_marks(norm, quotes)
        main = _blank_relatives(clean, sentences)
        return cls(text, clean, _fill_quotes(norm, quotes), main, quotes, sentences, len(spans))

    def quote_at(self, position: int) -> tuple[int, int] | None:
        i = bisect_right(self.quotes, (position, len(self.original) + 1)) - 1
        if i >= 0 and self.quotes[i][0] < position < self.quotes[i][1] - 1:
            return self.quotes[i]
        return None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blank lines separate paragraphs; so does a line break before a capital."""
    spans, start = [], 0
    for brk in re.finditer(r"\n[ \t]*\n\s*|\n(?=[ \t]*[^a-z\s])", text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    return [_strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mark_role(text: str, i: int, start: int, end: int) -> str:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if (before.isspace() or before in "([{-\u2014\u2013/") and not after.isspace():
        return "open"
    if (after.isspace() or after in ",.;:!?)]\u2014\u2013-") and not before.isspace():
        return "close"
    return "either"


def _quote_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations of one paragraph; direction comes from context, else parity."""
    blocks = _pair_marks(text, start, end, [i for i in range(start, end) if text[i] == '"'])
    singles = [i for i in range(start, end) if text[i] == "'" and not _inside(blocks, i)]
    singles = [i for i in singles if not (_alnum(text, i - 1) and _alnum(text, i + 1))]
    return sorted(blocks + _pair_marks(text, start, end, singles, strict=True))


def _pair_marks(
    text: str, start: int, end: int, marks: list[int], strict: bool = False
) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    opened: int | None = None
    for i in marks:
        role = _mark_role(text, i, start, end)
        if opened is None:
            if role == "open" or (role == "either" and not strict):
                opened = i
        elif role == "open" and not strict:
            blocks.append((opened, i))
            opened = i
        elif role != "open":
            blocks.append((opened, i + 1))
            opened = None
    if opened is not None and not strict:
        blocks.append((opened, end))
    return blocks


def _inside(blocks: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in blocks)


def _alnum(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def _is_headline(paragraph: str) -> bool:
    return len(paragraph.split()) <= 30 and not re.search(r"[.!?:]\W*$", paragraph)


_DATELINE = re.compile(
    r"(?:[A-Z][A-Z .'-]{2,30}|[A-Z][\w .'-]{2,30}(?=\s*\())"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\([A-Za-z .]{2,20}\)\s*)?[-\u2013\u2014]+\s+"
)


def _sentence_spans(
    text: str, start: int, end: int, blocks: list[tuple[int, int]], headline: bool
) -> list[tuple[int, int]]:
    if headline:
        site = re.search(r"\s+[|\u2013\u2014-]\s+\S+(?:\s+\S+){0,3}$", text[start:end])
        return [(start, start + site.start() if site else end)]
    closers = {b - 1 for _, b in blocks}
    openers = {a for a, _ in blocks}
    dateline = _DATELINE.match(text, start, end)
    spans, begin = [], dateline.end() if dateline else start
    for stop in re.finditer(r"[.!?]+", text[start:end]):
        cut = _boundary(text, start + stop.start(), start + stop.end(), end, closers, openers)
        if cut is not None and cut[0] > begin:
            spans.append((begin, cut[0]))
            begin = cut[1]
    spans.append((begin, end))
    return [_strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _boundary(
    text: str, dot: int, after: int, end: int, closers: set[int], openers: set[int]
) -> tuple[int, int] | None:
    """Where a sentence ends after the stop at `dot`, and the next one begins."""
    while after < end and (after in closers or text[after] == ")"):
        after += 1
    nxt = after
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return None
    glued = nxt == after
    if not (text[nxt].isupper() or nxt in openers or (text[nxt].isdigit() and not glued)):
        return None
    word = re.search(r"[A-Za-z.]*$", text[max(0, dot - 12) : dot]).group().strip(".")
    if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return None
    before = text[dot - 1] if dot > 0 else " "
    if glued and not (before.islower() or before.isdigit() or dot - 1 in closers):
        return None
    return after, nxt


def _blank_marks(text: str, quotes: list[tuple[int, int]]) -> str:
    """Quotation marks become spaces; apostrophes ("customers' hands") stay."""
    chars = list(text.replace('"', " "))
    for a, b in quotes:
        chars[a] = " "
        if text[b - 1] == "'":
            chars[b - 1] = " "
    return "".join(chars)


def _blank_relatives(text: str, sentences: list[_Sentence]) -> str:
    chars = list(text)
    for s in sentences:
        for m in _RELATIVE.finditer(text, s.start, s.end):
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def _fill_quotes(text: str, quotes: list[tuple[int, int]]) -> str:
    """Quotations filled, and short asides "(R-Texas)" blanked: what the reporter says."""
    chars = list(text)
    for a, b in quotes:
        chars[a:b] = _FILLER * (b - a)
    return re.sub(rf"\([^(){_FILLER}]{{0,40}}\)", lambda m: " " * len(m.group()), "".join(chars))


# ------------------------------------------------------------- people and orgs

_PERSON_ROLES = _wordset(
    """
    president vice-president premier minister chancellor secretary governor deputy
    senator congressman congresswoman representative mayor commissioner envoy
    ambassador negotiator chief executive officer ceo cfo coo cto chairman chairwoman
    chair director manager boss coach captain analyst economist strategist
    spokesman spokeswoman spokesperson king queen prince princess pope judge
    general admiral colonel commander leader head founder co-founder adviser
    advisor professor treasurer attorney agent owner striker defender midfielder
    goalkeeper winger forward candidate nominee councillor opponent rival
    challenger counterpart aide lawyer official administrator"""
)
_ORG_HEADS = _wordset(
    """
    company firm group club bank carmaker automaker maker retailer lender insurer
    airline chipmaker startup start-up business council government ministry
    department agency administration party campaign team league commission
    regulator contractor supplier manufacturer developer operator brand giant
    conglomerate utility exchange board authority fund union federation
    organisation organization university broadcaster network publisher studio
    fed carrier airlines chain lab office"""
)
_TITLE_TOKENS = _PERSON_ROLES | _wordset(
    "mr mrs ms miss dr sir dame lord lady sen rep gov gen prof staff trade speaker exchequer"
)
_ORG_TOKENS = _wordset(
    """
    inc corp corporation co ltd plc llc group holdings bank foods technologies
    technology tech systems engineering research partners capital motors airlines
    airways energy pharmaceuticals pharma labs media news chamber commerce council
    committee reserve fund ministry department agency commission union party
    association federation league board authority office institute university
    college club fc united city rovers athletic wanderers rangers albion town
    government administration house services industries communications networks
    software electric insurance securities trust foundation society court
    parliament congress senate kremlin pentagon police army navy forces times
    post journal"""
)
_OF_HEADS = _wordset(
    """
    bank chamber university ministry department secretary minister chancellor house
    court republic institute college office board bureau commission council
    federation association union church state"""
)
_NOT_NAMES = (
    _wordset(
        """
    the a an this that these those while when whereas last next during as according
    asked speaking if in on at by for from with without after before but and so or
    yet however meanwhile earlier later then there here it its he she they we i his
    her their our my your you what who why how where which would could will can
    should may might must did do does is are was were has have had less more most
    some many both all each every no not of to one two three four five six seven
    eight nine ten copyright read sign subscribe updated published pre-orders
    q1 q2 q3 q4 h1 h2"""
    )
    | frozenset(d.lower() for d in calendar.day_name)
    | frozenset(m.lower() for m in calendar.month_name if m)
)
_NAME_TOKEN = r"(?:[A-Z][\w'-]*\w|[A-Z]\.?)"
_NAME_SEQ = re.compile(
    rf"{_NAME_TOKEN}(?:(?:\s+|\s+(?:of|de|da|del|di|du|van|von|der|den|bin|al|la|le)\s+){_NAME_TOKEN})*"
)
_PRONOUNS = {"he": "person", "she": "person", "it": "org"}


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    kind: str  # "name", "pronoun" or "title"
    text: str  # the name, the pronoun, or a title's head word
    words: frozenset[str] = frozenset()  # a title's other words
    definite: bool = True
    possessive: bool = False
    owner: str | None = None  # "Zelensky" in "Zelensky's office"


@dataclass
class _Entity:
    name: str
    kind: str  # "person", "org" or "unknown"
    roles: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)


@dataclass
class _Cast:
    """Everyone named in the article, with the roles the article gives them."""

    entities: dict[str, _Entity]
    capitals: set[str]  # words capitalised somewhere other than a sentence start

    @classmethod
    def collect(cls, doc: _Document) -> _Cast:
        cast = cls({}, _mid_sentence_capitals(doc))
        found = [
            (mention, _roles_near(doc.clean, mention, sentence))
            for sentence in doc.sentences
            for mention in _names(doc.clean, sentence.start, sentence.end, cast)
            if mention.kind == "name"
        ]
        for mention, roles in sorted(found, key=lambda f: " " not in f[0].text):
            cast.register(mention, roles)
        return cast

    def register(self, mention: _Mention, roles: set[str]) -> None:
        name = mention.text
        if " " not in name and self.lookup(name, mention.start):
            name = self.lookup(name, mention.start) or name
        entity = self.entities.setdefault(name, _Entity(name, _kind_of(name)))
        entity.roles |= roles
        if entity.kind == "unknown" and roles & _PERSON_ROLES:
            entity.kind = "person"
        elif entity.kind == "unknown" and roles & _ORG_HEADS:
            entity.kind = "org"
        entity.positions.append(mention.start)

    def lookup(self, token: str, position: int) -> str | None:
        """The full name a single word (surname, company word) stands for."""
        if token in self.entities and " " in token:
            return token
        matches = [e for e in self.entities.values() if token in e.name.split()[1:]]
        matches += [e for e in self.entities.values() if e.name.split()[0] == token]
        matches = [e for e in matches if " " in e.name]
        return _nearest(matches, position).name if matches else None

    def by_role(self, head: str, words: frozenset[str], position: int) -> str | None:
        wanted = _ROLE_SYNONYMS.get(head, {head})
        found = [e for e in self.entities.values() if e.kind != "org" and e.roles & wanted]
        if not found:
            return None
        best = max(len(e.roles & words) for e in found)
        return _nearest([e for e in found if len(e.roles & words) == best], position).name

    def only_holder(self, role: str) -> str | None:
        """The one person the article gives this role, if exactly one."""
        found = [e.name for e in self.entities.values() if e.kind != "org" and role in e.roles]
        return found[0] if len(found) == 1 else None

    def last_org(self, position: int) -> str | None:
        orgs = [e for e in self.entities.values() if e.kind == "org"]
        before = [e for e in orgs if min(e.positions) < position]
        return _nearest(before or orgs, position).name if orgs else None


_ON_BEHALF = _wordset("office spokesman spokeswoman spokesperson campaign")
_GENERIC_ROLES = _wordset(
    "official spokesman spokeswoman spokesperson aide analyst lawyer economist strategist agent"
)
_ROLE_SYNONYMS = {
    "boss": {"boss", "manager", "coach", "chief", "executive", "ceo"},
    "manager": {"manager", "boss", "coach"},
    "coach": {"coach", "manager"},
    "ceo": {"ceo", "chief", "executive"},
    "spokesperson": {"spokesperson", "spokesman", "spokeswoman"},
}


def _nearest(entities: list[_Entity], position: int) -> _Entity:
    """The entity last named before `position`, else the first named after it."""

    def key(entity: _Entity) -> tuple[int, int]:
        before = [p for p in entity.positions if p <= position]
        return (1, max(before)) if before else (0, -min(entity.positions))

    return max(entities, key=key)


def _kind_of(name: str) -> str:
    tokens = name.split()
    if any(t.lower().strip(".") in _ORG_TOKENS for t in tokens) or name.isupper():
        return "org"
    if len(tokens) >= 2 and not re.fullmatch(r"[IVX]{2,}|\d+\w*", tokens[-1]):
        return "person"  # not "Artemis III" or "Model 2"
    return "unknown"


def _mid_sentence_capitals(doc: _Document) -> set[str]:
    found: set[str] = set()
    for s in doc.sentences:
        text = doc.clean[s.start : s.end]
        found.update(m.group() for m in re.finditer(r"(?<=[a-z,;] )[A-Z][\w'-]*", text))
    return found


def _names(text: str, start: int, end: int, cast: _Cast) -> Iterator[_Mention]:
    """Names in text[start:end], with leading titles and stop words peeled off."""
    for seq in _NAME_SEQ.finditer(text, start, end):
        for s, e in _split_of(text, seq.start(), seq.end()):
            initial = not re.search(r"\w", text[start:s])
            mention = _peel_name(text, s, e, sentence_start=initial, cast=cast)
            if mention:
                yield mention


def _split_of(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split "Tom Becker of Harbor Research" but keep "Bank of England"."""
    begin = start
    for conn in re.finditer(r"\s+of\s+", text[start:end]):
        head = text[start : start + conn.start()].split()[-1].lower()
        if head not in _OF_HEADS:
            yield begin, start + conn.start()
            begin = start + conn.end()
    yield begin, end


def _peel_name(
    text: str, start: int, end: int, sentence_start: bool, cast: _Cast
) -> _Mention | None:
    tokens = [(m.start() + start, m.group()) for m in re.finditer(r"\S+", text[start:end])]
    while tokens and _bare(tokens[0][1]) in _NOT_NAMES:
        tokens, sentence_start = tokens[1:], False
    titles = [i for i, (_, t) in enumerate(tokens) if _bare(t) in _TITLE_TOKENS]
    peeled = frozenset(_bare(t) for _, t in tokens[: titles[-1] + 1]) if titles else frozenset()
    if titles and titles[-1] == len(tokens) - 1:
        pos, word = tokens[-1]
        return _Mention(pos, pos + len(word), "title", _bare(word), peeled - {_bare(word)})
    tokens = tokens[titles[-1] + 1 :] if titles else tokens
    while len(tokens) > 2 and tokens[0][1] in {"of", "for"}:
        tokens = tokens[2:]  # "Secretary of State Marco Rubio"
    if not tokens:
        return None
    while len(tokens) > 1 and _bare(tokens[-1][1]) in {"inc", "ltd", "plc", "llc"}:
        tokens = tokens[:-1]
    name = " ".join(t for _, t in tokens)
    possessive = name.endswith("'s")
    name = name.removesuffix("'s").rstrip("'")
    single_start = sentence_start and len(tokens) == 1
    camel = re.search(r"\w[A-Z0-9]", name)
    if single_start and not camel and name not in cast.capitals and not cast.lookup(name, start):
        return None
    return _Mention(
        tokens[0][0], tokens[0][0] + len(name), "name", name, peeled, possessive=possessive
    )


def _bare(token: str) -> str:
    return token.lower().removesuffix("'s").strip(".'")


def _roles_near(text: str, mention: _Mention, sentence: _Sentence) -> set[str]:
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
        rf"^(?:who|which|whose|where|as|and|but)\b|\b(?:{_SPEECH_VERBS})\b", after.group(2)
    ):
        words = re.findall(r"[a-z][\w-]*", after.group(2).lower())[:6]
        roles |= set(words) if _has_role(words) else set()
    apposed = re.search(
        r"(?:^|[,;:.]\s*)([^,;:.]{2,50}),\s*(?:[a-z][\w-]*\s+){0,3}$",
        text[max(sentence.start, mention.start - 120) : mention.start],
    )
    if apposed and text[mention.end : mention.end + 1] == ",":
        words = re.findall(r"[a-z][\w-]*", apposed.group(1).lower())
        roles |= set(words[-4:]) if words and words[-1] in _PERSON_ROLES | _ORG_HEADS else set()
    return {r for r in roles if r not in _NOT_NAMES}


def _role_run(before: list[str]) -> list[str]:
    """The title words right before a name: ["chief", "financial", "officer"]."""
    if not before or before[-1].lower() not in _PERSON_ROLES | _ORG_HEADS:
        return []
    run: list[str] = []
    for word in reversed(before[-5:]):
        if not re.match(r"[\w'-]+$", word) or word.lower() in _NOT_NAMES:
            break
        run.insert(0, word.lower().removesuffix("'s"))
    return run


def _has_role(words: list[str]) -> bool:
    return any(w in _PERSON_ROLES for w in words)


# ----------------------------------------------------------------- attribution

_SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|stated|announced|announces|confirmed|"
    "confirms|expected|expects|expect|believed|believes|believe|predicted|predicts|"
    "predict|forecast|forecasts|projected|projects|promised|promises|pledged|pledges|"
    "vowed|vows|insisted|insists|stressed|noted|warned|warns|warn|claimed|claims|"
    "argued|argues|suggested|indicated|hoped|hopes|estimated|estimates|estimate|"
    "wrote|writes|posted|tweeted|declared|assured|reiterated|repeated|explained|"
    "replied|continued|acknowledged|admitted|admits|thinks|thought|saying|adding|"
    "speaking|spoke|confident|optimistic|hopeful|according to"
)
_SPEECH = re.compile(rf"\b(?:{_SPEECH_VERBS})\b", re.I)
_PREDICTIVE = re.compile(
    r"expect|predict|forecast|project|promis|pledg|vow|hope|estimat|believ|think|thought", re.I
)
_INVERTIBLE = _wordset("said says added adds wrote explained continued replied")
_NOUN_BEFORE = _wordset(
    "the a an its his her their our my this that sales full-year new latest "
    "previous earlier campaign election profit revenue earnings"
)
_PASSIVE_BEFORE = _wordset("was were been being be is are")
_GAP_WORDS = _wordset(
    """
    also has have had repeatedly later previously earlier then once again reportedly
    publicly privately recently now on last this in a an the statement interview
    speech note post yesterday today week month night morning evening afternoon
    told separately further himself herself is was are were remains remained still
    very"""
) | frozenset(d.lower() for d in calendar.day_name)
_SUBORDINATE = r"after|as|before|when|while|because|although|despite|amid|with|following|in|at"


@dataclass(frozen=True)
class _Attribution:
    verb_start: int
    verb_end: int
    verb: str
    speaker: str | None
    complement: tuple[int, int]
    said_on_text: str | None
    named: bool  # the speaker's name is in this sentence


@dataclass
class _Focus:
    """Who "he", "she" and "it" point back to, and the last speaker."""

    person: str | None = None
    org: str | None = None
    speaker: str | None = None


@dataclass
class _Said:
    """Per sentence: its attributions, and the speaker before it (for quotes)."""

    attributions: dict[int, list[_Attribution]]
    previous_speaker: dict[int, str | None]
    quote_speakers: dict[tuple[int, int], tuple[str | None, _Attribution | None]]


def _attribute(doc: _Document, cast: _Cast) -> _Said:
    focus = _Focus()
    said = _Said({}, {}, {})
    for sentence in doc.sentences:
        said.previous_speaker[sentence.index] = focus.speaker
        subject = _sentence_subject(doc, sentence, cast, focus)
        _remember(subject[0], focus, cast, speaking=False)
        found = []
        for attribution in _attributions(doc, sentence, cast, focus, subject):
            found.append(attribution)
            focus.speaker = attribution.speaker or focus.speaker
            _remember(attribution.speaker, focus, cast, speaking=True)
        said.attributions[sentence.index] = _nest(found)
    said.quote_speakers = _quote_speakers(doc, said)
    return said


def _nest(attributions: list[_Attribution]) -> list[_Attribution]:
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


def _remember(name: str | None, focus: _Focus, cast: _Cast, speaking: bool) -> None:
    """Update who "he"/"she"/"it" mean: a speaker of unknown kind counts as a
    person; a mere sentence subject ("Russia controls ...") only if known to be."""
    entity = cast.entities.get(name or "")
    kind = entity.kind if entity else "unknown"
    if name and kind == "org":
        focus.org = name
    elif name and (kind == "person" or speaking):
        focus.person = name


def _sentence_subject(
    doc: _Document, sentence: _Sentence, cast: _Cast, focus: _Focus
) -> tuple[str | None, _Mention | None]:
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
    for mention in _mentions(doc, start, sentence.end, cast):
        if mention.kind == "name" and mention.possessive:
            continue
        return _resolve(mention, cast, focus), mention
    return None, None


def _mentions(doc: _Document, start: int, end: int, cast: _Cast) -> list[_Mention]:
    text = doc.narrative
    found = list(_names(text, start, end, cast))
    for m in re.finditer(r"\b(he|she|it|He|She|It)\b", text[start:end]):
        found.append(_Mention(start + m.start(), start + m.end(), "pronoun", m.group().lower()))
    found += _titles(text, start, end)
    found.sort(key=lambda m: (m.start, m.kind != "name"))
    return _drop_overlaps(found)


def _drop_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """One mention per stretch: "US envoy" is a title, "Rovers manager Graham
    Pike" a name (the title right before a name is the name's)."""
    kept: list[_Mention] = []
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


_ROLE_ALT = "|".join(sorted(_PERSON_ROLES | _ORG_HEADS | {"finance chief"}, key=len, reverse=True))
_TITLE_HEAD = re.compile(rf"\b(?:{_ROLE_ALT})s?\b", re.I)


def _titles(text: str, start: int, end: int) -> Iterator[_Mention]:
    """Title phrases: "the envoy", "Okafor's agent", "the city's mayor", "US envoy"."""
    for head in _TITLE_HEAD.finditer(text, start, end):
        word = head.group().lower()
        plural = word.endswith("s") and word[:-1] in _PERSON_ROLES | _ORG_HEADS
        word = word[:-1] if plural else word
        window = re.split(
            rf"[,;:.(){_FILLER}\"]", text[max(start, head.start() - 40) : head.start()]
        )[-1]
        before = _np_modifiers(re.findall(r"[\w'.-]+", window))
        definite = not plural and not (before and before[0].lower() in {"a", "an"})
        first = head.start() - len(" ".join(before)) - (1 if before else 0)
        words = frozenset(w.lower().removesuffix("'s") for w in before)
        owner = next((w[:-2] for w in before if w.endswith("'s") and w[0].isupper()), None)
        yield _Mention(max(start, first), head.end(), "title", word, words, definite, owner=owner)


def _np_modifiers(words: list[str]) -> list[str]:
    kept: list[str] = []
    for word in reversed(words[-4:]):
        low = word.lower()
        if low in {"the", "its", "his", "her", "their", "a", "an"} or low.endswith("'s"):
            kept.insert(0, word)
            break
        if low in _NOT_NAMES or low in _GAP_WORDS or not re.match(r"[\w-]+$", word):
            break
        kept.insert(0, word)
    return kept


def _resolve(mention: _Mention, cast: _Cast, focus: _Focus) -> str | None:
    if mention.kind == "pronoun":
        return focus.person if _PRONOUNS[mention.text] == "person" else focus.org
    if mention.kind == "title":
        if mention.owner and mention.text in _ON_BEHALF:
            return _resolve(
                _Mention(mention.start, mention.end, "name", mention.owner), cast, focus
            )
        if not mention.definite:
            return cast.only_holder(mention.text) if mention.text not in _GENERIC_ROLES else None
        if mention.text in _ORG_HEADS:
            return focus.org or cast.last_org(mention.start)
        found = cast.by_role(mention.text, mention.words, mention.start)
        return found or (None if mention.text in _GENERIC_ROLES else focus.person)
    if " " in mention.text:
        return mention.text
    return cast.lookup(mention.text, mention.start) or mention.text


def _attributions(
    doc: _Document,
    sentence: _Sentence,
    cast: _Cast,
    focus: _Focus,
    subject: tuple[str | None, _Mention | None],
) -> Iterator[_Attribution]:
    text = doc.narrative
    for verb in _SPEECH.finditer(text, sentence.start, sentence.end):
        if not _is_speech_verb(text, verb.start(), verb.group()):
            continue
        if verb.group().lower() == "according to":
            yield _according_to(doc, sentence, verb, cast, focus)
            continue
        found = _subject_before(doc, sentence, verb.start(), cast)
        if found is None and verb.group().lower() in _INVERTIBLE:
            found = _subject_after(doc, verb.end(), sentence.end, cast)
        if found is None and re.search(
            r"(?:\band|\bbut|,)\s*$", text[sentence.start : verb.start()]
        ):
            found = subject[1]
        if found is None and verb.group().lower() in {"speaking", "adding", "saying"}:
            continue
        speaker = _resolve(found, cast, focus) if found else None
        yield _attribution(doc, sentence, verb, found, speaker)


def _is_speech_verb(text: str, start: int, verb: str) -> bool:
    """Not "stronger-than-expected", "was told", "its sales forecast", or "confident
    of winning" (a stance, unlike "is confident that ...")."""
    word = verb.lower()
    if start and text[start - 1] == "-":
        return False
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
_NOUNISH_VERBS = _wordset(
    "forecast forecasts estimate estimates claims promises pledges hopes projects thought"
)


_SUBJECT_REACH = 250  # characters: a subject and its appositive, never a whole run-on text
_REACH = 400  # characters either side of a phrase that can belong to its clause


def _subject_before(doc: _Document, sentence: _Sentence, verb: int, cast: _Cast) -> _Mention | None:
    """The mention just before a speech verb, past appositives and adverbs."""
    window = max(sentence.start, verb - _SUBJECT_REACH)
    clause = max(window, _last_break(doc.narrative, window, verb))
    pre_end, apposed = _strip_appositives(doc, clause, verb, cast)
    mentions = _mentions(doc, clause, pre_end, cast)
    for mention in reversed(mentions):
        if mention.kind == "name" and mention.possessive:
            continue
        if not _only_gap_words(doc.narrative[mention.end : pre_end]):
            break
        if mention.kind == "title" and apposed:
            return apposed
        if mention.kind == "name" and _of_person(doc, mentions, mention, cast):
            return _of_person(doc, mentions, mention, cast)
        return mention
    return apposed or _leading_subject(doc, mentions, pre_end)


def _leading_subject(doc: _Document, mentions: list[_Mention], end: int) -> _Mention | None:
    """ "The maker of Crisp'n'Go snacks now expects": a subject with its modifier."""
    usable = [m for m in mentions if not (m.kind == "name" and m.possessive)]
    if not usable:
        return None
    between = _tokens(doc.narrative[usable[0].end : end])
    verbish = any(w in _AUXILIARIES or w in _STRONG or _is_past(w, "x") for w in between)
    clean = "," not in doc.narrative[usable[0].end : end] and len(between) <= 6
    return usable[0] if clean and not verbish else None


def _last_break(text: str, start: int, end: int) -> int:
    breaks = [m.end() for m in re.finditer(rf"[;:]|{_FILLER},|{_FILLER}\s", text[start:end])]
    return start + breaks[-1] if breaks else start


def _strip_appositives(
    doc: _Document, start: int, end: int, cast: _Cast
) -> tuple[int, _Mention | None]:
    """Cut ", who met Putin on Thursday," and remember a name in ", Daniel Mensah,"."""
    text = doc.narrative
    apposed = None
    while True:
        pre = text[start:end].rstrip()
        if not pre.endswith(","):
            return start + len(pre), apposed
        comma = pre.rfind(",", 0, len(pre) - 1)
        if comma < 0 or len(pre[comma:].split()) > 16:
            return start + len(pre) - 1, apposed
        inner = [m for m in _names(text, start + comma + 1, start + len(pre) - 1, cast)]
        apposed = apposed or (inner[0] if inner else None)
        end = start + comma


def _of_person(
    doc: _Document, mentions: list[_Mention], mention: _Mention, cast: _Cast
) -> _Mention | None:
    """ "Tom Becker of Harbor Research said": the person, not the firm."""
    i = mentions.index(mention)
    if i == 0 or not re.fullmatch(
        r"\s+(?:of|at|from)\s+", doc.narrative[mentions[i - 1].end : mention.start]
    ):
        return None
    person = mentions[i - 1]
    return person if person.kind == "name" and _kind_of(person.text) == "person" else None


def _only_gap_words(text: str) -> bool:
    words = re.findall(r"[^\s,]+", text)
    return len(words) <= 5 and all(w.lower() in _GAP_WORDS for w in words)


def _title_words(text: str) -> bool:
    """Only titles and their qualifiers: " Mr ", " German Chancellor "."""
    words = re.findall(r"[^\s,]+", text)
    return len(words) <= 4 and all(
        w[0].isupper() or _bare(w) in _TITLE_TOKENS | {"the"} for w in words
    )


def _subject_after(doc: _Document, start: int, end: int, cast: _Cast) -> _Mention | None:
    """ "..., said Jane Doe, the chief executive." / "..., said Chief Operating Officer X"."""
    mentions = _mentions(doc, start, min(end, start + 80), cast)
    if mentions and _title_words(doc.narrative[start : mentions[0].start]):
        return mentions[0]
    return None


def _according_to(
    doc: _Document, sentence: _Sentence, verb: re.Match[str], cast: _Cast, focus: _Focus
) -> _Attribution:
    text = doc.narrative
    mentions = _mentions(doc, verb.end(), sentence.end, cast)
    gap = text[verb.end() : mentions[0].start] if mentions else "x"
    source = mentions[0] if mentions and _title_words(gap) else None
    speaker = _resolve(source, cast, focus) if source else None
    leading = not text[sentence.start : verb.start()].strip(" ,")
    if leading:
        comma = text.find(",", verb.end(), sentence.end)
        complement = (comma + 1 if comma > 0 else sentence.end, sentence.end)
    else:
        complement = (sentence.start, verb.start())
    return _Attribution(
        verb.start(), verb.end(), verb.group(), speaker, complement, None, bool(source)
    )


_STATEMENT_DATE = re.compile(
    r"\b(?:(?:on|last)\s+)?(?:"
    + "|".join(calendar.day_name)
    + r")(?:\s+(?:night|morning|afternoon|evening))?\b"
    r"|\b(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening)"
    r"|earlier this week|last week|last month)\b"
    r"|\bon\s+(?:\d{1,2}\s+(?:" + "|".join(m for m in calendar.month_name if m) + r")"
    r"|(?:" + "|".join(m for m in calendar.month_name if m) + r")\s+\d{1,2})\b",
    re.I,
)


def _attribution(
    doc: _Document,
    sentence: _Sentence,
    verb: re.Match[str],
    subject: _Mention | None,
    speaker: str | None,
) -> _Attribution:
    """Who speaks, the day they spoke on, and which words are theirs."""
    text = doc.narrative
    tail_end, complement_start = _tail(text, verb, sentence.end)
    head = subject.start if subject and subject.start < verb.start() else verb.start()
    when = _statement_day_text(text, sentence.start, head, verb, tail_end)
    if re.search(r"\b(?:previously|originally|initially)\b", text[head : verb.start()]):
        complement = (verb.end(), verb.end())  # superseded words, not a claim
    elif complement_start is None:  # "..., the mayor said.": the words came first
        comma = text.rfind(",", sentence.start, head)
        cut = comma if comma > 0 and len(text[comma:head].split()) <= 8 else head
        complement = (sentence.start, cut)
    else:
        complement = (complement_start, sentence.end)
    named = subject is not None and subject.kind == "name"
    span = (verb.start(), verb.end(), verb.group())
    return _Attribution(*span, speaker, complement, when, named)


def _statement_day_text(
    text: str, sentence_start: int, head: int, verb: re.Match[str], tail_end: int
) -> str | None:
    """ "On Friday, X said", "X on Sunday said", "X told CNN on Sunday": never the
    reported words, nor a relative clause ("who met Putin on Thursday")."""
    lead = text[sentence_start:head]
    lead = lead if len(lead.split()) <= 6 else ""
    area = _without_relatives(lead + " " + text[head : verb.start()])
    when = _STATEMENT_DATE.search(area + " " + text[verb.end() : tail_end])
    return when.group() if when else None


_LEADING_DATE = re.compile(r"\s*(?:" + _STATEMENT_DATE.pattern + r")", re.I)
_LISTENER = re.compile(
    r"\s+(?:the\s+)?(?:(?:[A-Z][\w'&.-]*\s+)+(?:[a-z]+s\s+)?|(?:reporters|journalists|lawmakers|"
    r"investors|analysts|supporters|shareholders|staff|parliament)\s+)"
    r"|\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?=(?:in|at|on|during|that)\b)"
)


def _without_relatives(text: str) -> str:
    return _RELATIVE.sub(",", text)


def _tail(text: str, verb: re.Match[str], end: int) -> tuple[int, int | None]:
    """Adjuncts after a speech verb ("told CNN on Sunday"), and where the reported
    words begin; None when the verb ends the sentence (they came before it)."""
    start = verb.end()
    listener = _LISTENER.match(text, start, end)
    if listener and verb.group().lower() in {"told", "tell", "tells"}:
        start = listener.end()  # "told Sky Sports News the player would ..."
    rest = text[start:end]
    delimiter = re.search(rf"\bthat\b|:|{_FILLER}|,(?!\d)|;|\.(?!\d)|\?|!", rest)
    upto = delimiter.start() if delimiter else len(rest)
    before_that = bool(delimiter) and delimiter.group() == "that" and len(rest[:upto].split()) <= 8
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
    r"\s*(?:on|in|at|to|during|with|after|before|from|via|aboard|outside|inside|last|this|"
    r"earlier|late|later|yesterday|today|tonight|separately|previously|again|also|publicly|"
    r"privately|repeatedly|recently|" + "|".join(calendar.day_name) + r")\b",
    re.I,
)
_VERBISH = re.compile(
    r"\b(?:will|would|could|should|was|is|are|were|be|had|has|have|can|may|might)\b"
    r"|\bto\s+(?!(?:the|a|an|his|her|their|its|our|my|reporters|lawmakers)\b)[a-z]"
)


def _quote_speakers(
    doc: _Document, said: _Said
) -> dict[tuple[int, int], tuple[str | None, _Attribution | None]]:
    """Each quotation's speaker: an attribution touching it, else (for a quotation
    standing alone) the speaker before it."""
    speakers: dict[tuple[int, int], tuple[str | None, _Attribution | None]] = {}
    starts = [s.start for s in doc.sentences]
    for block in doc.quotes:
        first = bisect_right(starts, block[0]) - 1
        last = bisect_right(starts, max(block[0], block[1] - 1)) - 1
        touching = [a for i in range(first, last + 1) for a in said.attributions.get(i, [])]
        after = [
            a for a in touching if a.verb_start >= block[1] and not _quote_between(doc, block[1], a)
        ]
        before = [a for a in touching if a.verb_end <= block[0]]
        chosen = (after[:1] or before[-1:] or [None])[0]
        if chosen:
            speakers[block] = (chosen.speaker, chosen)
        elif _stands_alone(doc, doc.sentences[first], block) or _continues(said, first):
            speakers[block] = (said.previous_speaker.get(first), None)
        else:
            speakers[block] = (None, None)
    return speakers


def _quote_between(doc: _Document, end: int, attribution: _Attribution) -> bool:
    return _FILLER in doc.narrative[end : attribution.verb_start]


def _continues(said: _Said, index: int) -> bool:
    """A sentence with no reporting verb right after one with a named speaker:
    'The landing will follow "no earlier than mid-2027".' goes on quoting them."""
    before = said.attributions.get(index - 1, [])
    return not said.attributions.get(index) and any(a.speaker for a in before)


def _stands_alone(doc: _Document, sentence: _Sentence, block: tuple[int, int]) -> bool:
    outside = doc.narrative[sentence.start : sentence.end].replace(_FILLER, " ")
    return len(re.findall(r"\w+", outside)) <= 2


# ---------------------------------------------------------------- time phrases

_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_WEEKDAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"(?:19|20)\d\d"
_NUM = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|eighteen|twenty|thirty|forty|fifty|sixty|ninety|a hundred|"
    r"hundred|a few|few|several|a couple of|couple of)"
)
_NUMS = rf"{_NUM}(?:\s*(?:-|to|or)\s*{_NUM})?"
_UNIT = r"(?:minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|seasons?)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_PERIOD = (
    r"(?:week|weekend|month|year|quarter|season|decade|half|term|session|parliament|presidency|"
    rf"administration|fiscal year|financial year|{_SEASON}|{_WEEKDAYS})"
)
_ORD = r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
_OWNER = r"(?:my|his|her|our|their|the|its|this|a new)"
_EVENT = (
    rf"(?:the\s+)?(?:(?:next|first|final|upcoming|general|presidential|midterm|school|summer|"
    rf"christmas|easter|transfer|new|{_YEAR}|{_MONTHS}\s+\d{{1,2}})\s+)*(?:elections?|debate|summit|vote|referendum|deadline|"
    r"holidays|break|recess|window|season|world cup|olympics|conference)"
)
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:,?\s+{_YEAR})?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?|{_MONTHS}(?:\s+{_YEAR})?)"
)
_POINT = (
    rf"{_EVENT}|(?:(?:early|mid|late)[-\s]?)?(?:{_DATE}|{_YEAR}|(?:(?:this|next|the)\s+)?{_SEASON}(?:\s+(?:of\s+)?{_YEAR})?|next\s+{_PERIOD})"
    r"|the\s+weekend"
    rf"|(?:the\s+)?{_ORD}\s+(?:quarter|half)(?:\s+of\s+(?:the\s+year|this\s+year|next\s+year|{_YEAR}|fiscal\s+{_YEAR}))?"
    rf"|q[1-4](?:\s+{_YEAR})?|h[12](?:\s+{_YEAR})?|fiscal\s+(?:year\s+)?{_YEAR}|fy\s?\d{{2,4}}"
    rf"|year[-\s]end|christmas|easter|thanksgiving|the\s+new\s+year|{_WEEKDAYS}"
    rf"|{_OWNER}\s+first\s+(?:{_NUM}\s+)?(?:year|term|days|months|weeks)(?:\s+in\s+office)?"
)
_EDGE = r"(?:(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+|end[-\s])"
_EDGED = (
    rf"(?:{_EDGE}(?:(?:this|next|the|my|his|her|our|their|its)\s+)?(?:{_PERIOD}|{_POINT})|{_POINT})"
)
_PREP = (
    r"(?:by|before|until|till|through|no later than|not later than|no earlier than|not before|"
    r"ahead of|in|during|on|at|"
    r"from|starting(?:\s+in)?|for|within|in time for|as soon as|as early as|"
    r"sometime in|some time in|later in|early in|around)"
)
_EVENT_WORD = r"(?!(?:the|a|an|his|her|its|it|them|him|us|me|this|that|their|our)\b)[a-z-]+"
_TIME_PATTERNS = [
    rf"\b{_PREP}\s+{_EDGED}\b",
    rf"\b(?:(?:later|earlier|early|late)\s+)?(?:this|next)\s+{_PERIOD}\b",
    rf"\b(?:in|during|over|within|for)\s+(?:the\s+)?(?:coming|next|following|upcoming)\s+(?:{_NUMS}\s+)?{_UNIT}\b",
    rf"\b(?:in|within)\s+(?:{_NUMS}\s+)?{_UNIT}(?:'?s?\s+time)?(?:\s+of\s+{_EVENT_WORD})?\b",
    r"\b(?:very\s+)?soon\b|\bshortly\b|\bimminently\b|\bin the near (?:future|term)\b"
    r"|\bbefore long\b|\bany day now\b|\bin due course\b",
    r"\b(?:tomorrow|tonight|later today|the day after tomorrow)\b",
    rf"\b(?:through|throughout|over|until|till)\s+the\s+(?:weekend|week|month|holidays|{_SEASON})\b",
    r"\b(?:on|from)\s+(?:day\s+(?:one|1)|(?:the|his|her|my|our|their)\s+(?:very\s+)?first\s+day(?:\s+in\s+office)?)\b",
    rf"\b(?:in|within)\s+(?:the|his|her|my|our|their)\s+first\s+(?:{_NUM}\s+)?(?:days|weeks|months|year|years|term)(?:\s+in\s+office)?\b",
    rf"\bfor\s+(?:the\s+)?(?:(?:full|fiscal|financial|current|calendar)\s+)?year(?:\s+ending\s+{_MONTHS}(?:\s+{_YEAR})?)?\b|\bfor\s+fiscal\s+{_YEAR}\b",
    rf"\bat\s+(?:its|the|their)\s+(?:next|upcoming|{_MONTHS})\s+(?:policy\s+)?meeting(?:\s+in\s+{_MONTHS})?\b",
]
_TIME = [re.compile(p, re.I) for p in _TIME_PATTERNS]
_BARE_FOR = re.compile(
    rf"^for\s+(?!(?:the\s+)?(?:start|end|beginning|{_ORD}|(?:full|fiscal|financial|current|"
    rf"calendar)\s+year|year\s+ending|next|coming|fiscal|{_MONTHS}|{_YEAR}|\d))",
    re.I,
)


def time_phrases(text: str) -> list[tuple[int, int]]:
    """Spans of deadline phrases in `text`, longest first where they overlap."""
    found = [(m.start(), m.end()) for rx in _TIME for m in rx.finditer(text)]
    found = [s for s in found if not _BARE_FOR.match(text[s[0] : s[1]])]
    found.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for span in found:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


# ----------------------------------------------------------------- future test

_STRONG = _wordset(
    """
    will won't wont shall would wouldn't going gonna expect expects expected
    expecting plan plans planned planning aim aims aiming intend intends intended
    promise promises promised pledge pledges pledged vow vows vowed committed set
    due scheduled slated poised likely target targets targeting forecast forecasts
    predict predicts predicted project projects projected anticipate anticipates
    anticipated should ready prepared about track aim aims aimed aiming intend intends
    intended plan plans planned"""
)
_NEEDS_TO = _wordset(
    """
    promise promises promised pledge pledges pledged vow vows vowed plan plans planned
    aim aims aimed intend intends intended set due target targets committed likely poised
    scheduled slated going planning aiming ready prepared about track"""
)
_TIMETABLED = _wordset("scheduled slated due set planned")
_WEAK = _wordset("could might may can hope hopes hoped hoping hopefully want wants wanted sees see")
_AUXILIARIES = _wordset("be been being is are am get gets to will would could should might may")
_DETERMINERS = _wordset("a an the its his her their our my your this that these those")
_ADVERBS = _wordset("fully already also probably still not never now soon again just finally")
_IRREGULAR_PAST = _wordset(
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
    r"might|may|can|is|are|was|were)\b)|\.(?=\s|$)"
)


def _clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of text[lo:hi] around [start, end), at most _REACH either side."""
    lo, hi = max(lo, start - _REACH), min(hi, end + _REACH)
    left = [m.end() for m in _CLAUSE_BREAK.finditer(text, lo, start)]
    right = _CLAUSE_BREAK.search(text, end, hi)
    return (left[-1] if left else lo), (right.start() if right else hi)


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in re.findall(r"[A-Za-z][\w'-]*", text)]


def _tense(before: list[str], after: list[str]) -> str:
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
        elif not nonfinite and word in _IRREGULAR_PAST:
            return "past"
        elif not nonfinite and _is_past(word, before[i - 1] if i else ""):
            participle = True
    if participle:
        return "past"
    for i, word in enumerate(after):
        marker = _marker(after, i)
        if marker:
            return marker
        if _is_past(word, after[i - 1] if i else ""):
            return "past"
    return "none"


def _marker(words: list[str], i: int) -> str | None:
    """A future marker at words[i]: "will", "expects", "promised to"..."""
    word = words[i]
    following = words[i + 1] if i + 1 < len(words) else ""
    previous = words[i - 1] if i else ""
    if word in _NEEDS_TO and following != "to" and not (word in _TIMETABLED and following == "for"):
        return None
    if word in _STRONG or word.endswith("'ll"):
        return "past" if word.endswith("ed") and previous in {"was", "were", "been"} else "strong"
    return "weak" if word in _WEAK else None


def _is_past(word: str, previous: str) -> bool:
    if word in _STRONG or word in _WEAK:
        return False
    if word in _IRREGULAR_PAST:
        return True
    return (
        word.endswith("ed")
        and len(word) > 4
        and previous not in _AUXILIARIES | _ADVERBS | _DETERMINERS
    )


def _blocked(text: str, clause_start: int, phrase_start: int, sentence_start: int) -> bool:
    """Questions, "if" clauses, refusals and hedges right before the phrase."""
    before = text[clause_start:phrase_start].lower()
    if re.search(r"\bnot\s*$|\b(?:declined|refused|ruled out|denied)\b", before):
        return True
    lead = text[max(sentence_start, phrase_start - _REACH) : phrase_start].lower()
    if re.search(r"\b(?:asked|question\w*)\s+(?:\w+\s+){0,2}(?:whether|if|when|how)\b[^,]*$", lead):
        return True
    return bool(re.search(r"\b(?:if|unless)\b[^,]*$", lead))


def _hypothetical(text: str, sentence: _Sentence) -> bool:
    body = text[sentence.start : sentence.end].lower()
    return bool(re.match(r"\s*(?:if|unless)\b", body)) and bool(
        re.search(r"\b(?:would|could|might)\b", body)
    )


def _calendar_future(phrase: str, said_on: date) -> bool:
    """A present-tense schedule needs an explicit date after the day the words
    were said, or a preposition that looks ahead ("before the summer break");
    "Ask me next year" is not a claim."""
    low = phrase.lower()
    year = re.search(_YEAR, low)
    month = re.search(rf"\b{_MONTHS}\b", low)
    if year and int(year.group()) != said_on.year:
        return int(year.group()) > said_on.year
    if month:
        number = _month_number(month.group())
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", low)
        return (number, int(day.group(1)) if day else 31) > (said_on.month, said_on.day)
    ahead = r"(?:by|before|until|till|within|ahead of|no later than|in time for)\b"
    return bool(re.match(ahead, low))


def _past_phrase(phrase: str, said_on: date) -> bool:
    year = re.search(_YEAR, phrase)
    return bool(year) and int(year.group()) < said_on.year


# ------------------------------------------------------------------ candidates


@dataclass(frozen=True)
class _Found:
    """A claim before its day and window are settled."""

    sentence: _Sentence
    span: tuple[int, int]  # the phrase
    region: tuple[int, int]  # the speaker's words holding it
    speaker: str
    attribution: _Attribution | None
    strength: str
    quoted: bool


def _sentence_candidates(doc: _Document, sentence: _Sentence, said: _Said) -> Iterator[_Found]:
    if _is_question(doc.clean[sentence.start : sentence.end]) and not sentence.headline:
        return
    for a, b in time_phrases(doc.clean[sentence.start : sentence.end]):
        span = (sentence.start + a, sentence.start + b)
        owner = _owner(doc, sentence, span, said)
        if owner is None:
            continue
        speaker, attribution, region, quoted = owner
        strength = _strength(doc, sentence, span, region, attribution)
        if strength in {"strong", "weak", "calendar"}:
            yield _Found(sentence, span, region, speaker, attribution, strength, quoted)


_Owner = tuple[str, _Attribution | None, tuple[int, int], bool]


def _owner(
    doc: _Document, sentence: _Sentence, span: tuple[int, int], said: _Said
) -> _Owner | None:
    """Who said the phrase, the stretch of words that are theirs, and whether it
    is quoted: a quotation's speaker, else the outermost reporting verb's, else
    (for a fragment no verb in its sentence reports) the quotation's speaker."""
    block = doc.quote_at(span[0])
    if block and _is_question(doc.clean[block[0] : min(block[1], sentence.end)]):
        return None
    if block and _substantial(doc, block, span, sentence):
        speaker, attribution = said.quote_speakers.get(block, (None, None))
        region = (max(block[0] + 1, sentence.start), min(block[1] - 1, sentence.end))
        return (speaker, attribution, region, True) if speaker else None
    holding = [
        a
        for a in said.attributions.get(sentence.index, [])
        if a.complement[0] <= span[0] and span[1] <= a.complement[1] and a.speaker
    ]
    if holding:
        outer = max(holding, key=lambda a: a.complement[1] - a.complement[0])
        return outer.speaker, outer, outer.complement, bool(block)
    speaker, attribution = said.quote_speakers.get(block, (None, None)) if block else (None, None)
    return (speaker, attribution, (sentence.start, sentence.end), True) if speaker else None


def _is_question(text: str) -> bool:
    return text.rstrip(" '\"").endswith("?")


def _substantial(
    doc: _Document, block: tuple[int, int], span: tuple[int, int], sentence: _Sentence
) -> bool:
    inside = doc.clean[max(block[0], sentence.start) : min(block[1], sentence.end)]
    phrase = doc.clean[span[0] : span[1]]
    continues = inside.strip()[:1].islower() and bool(
        doc.narrative[sentence.start : block[0]].strip()
    )
    return len(inside.split()) - len(phrase.split()) >= 3 and not continues


def _strength(
    doc: _Document,
    sentence: _Sentence,
    span: tuple[int, int],
    region: tuple[int, int],
    attribution: _Attribution | None,
) -> str:
    """How surely the speaker's words around a phrase look ahead: "strong" (will,
    expects to), "weak" (could, hopes), "calendar" (present tense, dated ahead)."""
    text = doc.main
    lo, hi = _clause(text, span[0], span[1], max(region[0], sentence.start), region[1])
    if _blocked(text, lo, span[0], sentence.start) or _hypothetical(text, sentence):
        return "none"
    tense = _tense(_tokens(text[lo : span[0]]), _tokens(text[span[1] : hi]))
    if tense != "none":
        return tense
    if sentence.headline and re.search(r"\bto\s+[a-z]+\b", text[lo : span[0]]):
        return "strong"  # "Trump and Putin to hold call soon"
    if attribution and _PREDICTIVE.match(attribution.verb):
        return "strong"
    words = _tokens(text[lo:hi])
    past = any(_is_past(w, words[i - 1] if i else "") for i, w in enumerate(words))
    return "none" if past else "calendar"


# ------------------------------------------------------------------ said when


@dataclass
class _Dates:
    """Explicit statement days, per speaker, and the day the lede reports."""

    published: date
    explicit: dict[_Attribution, date]
    by_speaker: dict[str, list[tuple[int, date]]]
    lede: date | None
    early: set[str]  # speakers introduced in the first half of the story

    def said_on(self, found: _Found) -> tuple[date, bool]:
        """The day, and whether the article dates these words (or their speaker's)."""
        if found.attribution in self.explicit:
            return self.explicit[found.attribution], True
        dated = self.by_speaker.get(found.speaker, [])
        if dated:
            here = found.sentence.index
            return min(dated, key=lambda d: (abs(d[0] - here), d[0]))[1], True
        if self.lede and found.speaker in self.early:
            return self.lede, False
        return self.published, False


def _date_statements(doc: _Document, said: _Said, cast: _Cast, published: date) -> _Dates:
    dates = _Dates(published, {}, {}, _lede_date(doc, said, cast, published), set())
    for index, attributions in said.attributions.items():
        for a in attributions:
            day = resolve_said_on(a.said_on_text, published) if a.said_on_text else None
            if day and a.speaker:
                dates.explicit[a] = day
                dates.by_speaker.setdefault(a.speaker, []).append((index, day))
    dates.early = _early_speakers(doc, cast)
    return dates


def _lede_date(doc: _Document, said: _Said, cast: _Cast, published: date) -> date | None:
    """The day of the event the lede reports ("cut rates on Thursday"); a day that
    only dates one person's words ("Rubio said Thursday") is theirs alone."""
    body = [s for s in doc.sentences if not s.headline]
    lede = next((s for s in body if len(doc.clean[s.start : s.end].split()) >= 8), None)
    if lede is None:
        return None
    for a in said.attributions.get(lede.index, []):
        speaker = cast.entities.get(a.speaker or "")
        if a.said_on_text and speaker and speaker.kind == "person":
            return None
    found = _STATEMENT_DATE.search(_without_relatives(doc.narrative[lede.start : lede.end]))
    return resolve_said_on(found.group(), published) if found else None


def _early_speakers(doc: _Document, cast: _Cast) -> set[str]:
    """Who the lede's event dates: people first named in the first half of the
    body, and the subject's own officers ("finance chief") wherever they appear;
    never analysts, agents or rivals, who are dated by publication."""
    if not doc.sentences:
        return set()
    starts = [s.start for s in doc.sentences]
    first_body = 1 if doc.sentences[0].headline else 0
    half = first_body + (doc.paragraphs - first_body) / 2
    early = set()
    for entity in cast.entities.values():
        if entity.roles & _OUTSIDERS:
            continue
        body = [p for p in entity.positions if p >= doc.sentences[0].end or not first_body]
        first = doc.sentences[bisect_right(starts, min(body)) - 1].paragraph if body else half
        if first < half or entity.roles & _INSIDERS:
            early.add(entity.name)
    return early


_INSIDERS = _wordset(
    "chief executive officer ceo cfo coo cto finance financial chairman chairwoman chair "
    "director governor deputy founder administrator spokesman spokeswoman spokesperson"
)
_OUTSIDERS = _wordset(
    "analyst analysts economist strategist agent opponent rival challenger critic lawyer "
    "campaigner resident"
)


def _weekday_or_date(words: str, published: date) -> date | None:
    strictly = words.startswith("last ")
    words = re.sub(r"^last\s+|\s+(?:night|morning|afternoon|evening)$", "", words)
    days = [d.lower() for d in calendar.day_name]
    if words in days:
        back = (published.weekday() - days.index(words)) % 7 or (7 if strictly else 0)
        return published - timedelta(days=back)
    match = re.fullmatch(rf"(\d{{1,2}})\s+({_MONTHS})|({_MONTHS})\s+(\d{{1,2}})", words)
    if not match:
        return None
    day = int(match.group(1) or match.group(4))
    month = _month_number(match.group(2) or match.group(3))
    try:
        when = date(published.year, month, day)
        return when if when <= published else date(published.year - 1, month, day)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    prefix = name.lower().rstrip(".")[:3]
    return [m.lower()[:3] for m in calendar.month_name].index(prefix)


def _shift_month(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# ------------------------------------------------------- claim, score, dedupe

_LEADING_FILLER = re.compile(
    r"^(?:[\s,;:'-]+|(?:that|and|but|so|also|then|to|adding|saying|said|says|added|hopefully|"
    r"maybe|perhaps|"
    r"(?:i|we)\s+(?:think|believe|expect|hope|am sure|'m sure)|i'm\s+sure|"
    r"(?:he|she|it|they|we|i)\s+(?:believed|believes|thinks|thought|expected|expects|hoped|hopes|"
    r"wanted|wants)"
    r")\b(?:\s+that\b)?)",
    re.I,
)
_TRAILING_FILLER = re.compile(
    r"(?:[\s,;:.!?'-]+|,\s*(?:i'm|i am|we're|we are)\s+sure\b.*|,\s*mark my words\b.*"
    r"|\bhopefully|\b(?:and|or|but)|\bwhether)$",
    re.I,
)


def _claim(doc: _Document, found: _Found) -> tuple[str, str]:
    """The predicted event in the speaker's words, and the fragment quoted."""
    text = doc.main
    lo, hi = _clause(text, found.span[0], found.span[1], found.region[0], found.region[1])
    before = text[lo : found.span[0]]
    claim = (
        " ".join(before.split()) if len(before.split()) >= 3 else before + text[found.span[1] : hi]
    )
    claim = " ".join(claim.split())
    for pattern in (_LEADING_FILLER, _TRAILING_FILLER):
        while (trimmed := pattern.sub("", claim, count=1)) != claim:
            claim = trimmed.strip()
    words = claim.split()
    claim = " ".join(words[:30]) + (" ..." if len(words) > 30 else "")
    lo_q, hi_q = found.region if found.quoted else (lo, hi)
    quote = " ".join(doc.original[lo_q:hi_q].split()).strip(" ,;:")
    return claim, re.sub(r"(?<=[\"\u201d\u2019'])\.$", "", quote)


def _window(phrase: str, said_on: date) -> tuple[date | None, date | None, str | None]:
    """The window from tracker.deadlines; (None, None, None) when it cannot tell.

    Phrases counted from an event ("before the next election", "on day one",
    "within six months of launch") have no calendar window until the user dates
    the event, so they are not sent (which also keeps dateparser unloaded)."""
    if _FROM_EVENT.search(phrase):
        return None, None, None
    try:
        from tracker import deadlines
    except ModuleNotFoundError as missing:
        if missing.name != "tracker.deadlines":
            raise
        return None, None, None
    from tracker.errors import DeadlineError

    try:
        deadline = deadlines.resolve(phrase, said_on)
    except DeadlineError:
        return None, None, None
    return deadline.start, deadline.end, deadline.rule


_FROM_EVENT = re.compile(
    rf"{_EVENT}\b|\bday\s+(?:one|1)\b|\bfirst\s+(?:{_NUM}\s+)?(?:days?|weeks|months|years?|term)\b"
    r"|\b(?:parliament|presidency|administration|(?<!near )term|session|season|meeting)\b"
    rf"|\b{_UNIT}\s+of\s+{_EVENT_WORD}$|\byear\s+ending\b",
    re.I,
)


def _confidence(found: _Found, dated: bool, needs_window: bool) -> float:
    score = 0.45 + (0.15 if found.quoted else 0.0)
    score += {"strong": 0.15, "calendar": 0.1, "weak": 0.05}.get(found.strength, 0.0)
    if found.attribution:
        score += 0.1 if found.attribution.named else 0.05
    score += (0.1 if dated else 0.0) - (0.1 if needs_window else 0.0)
    score -= 0.15 if found.sentence.headline else 0.0
    return round(min(0.99, max(0.05, score)), 2)


def _finish(doc: _Document, found: _Found, dates: _Dates) -> Candidate | None:
    phrase = " ".join(doc.clean[found.span[0] : found.span[1]].split())
    said_on, dated = dates.said_on(found)
    if _past_phrase(phrase, said_on):
        return None
    if found.strength == "calendar" and not _calendar_future(phrase, said_on):
        return None
    start, end, rule = _window(phrase, said_on)
    if end is not None and end < said_on:
        return None
    claim, quote = _claim(doc, found)
    needs_window = start is None or end is None
    confidence = _confidence(found, dated, needs_window)
    return Candidate(
        found.speaker,
        claim,
        quote,
        phrase,
        said_on,
        start,
        end,
        rule,
        needs_window,
        confidence,
        found.sentence.index,
    )


def _dedupe(candidates: list[Candidate], headlines: set[int]) -> list[Candidate]:
    """Once per speaker + phrase + near-identical claim; a headline only when no
    body candidate says the same thing."""
    body = [c for c in candidates if c.sentence_index not in headlines]
    kept: list[Candidate] = []
    for c in candidates:
        if c.sentence_index in headlines and any(_restates(c, b) for b in body):
            continue
        if not any(_same_claim(k, c) for k in kept):
            kept.append(c)
    return kept


def _restates(headline: Candidate, body: Candidate) -> bool:
    """ "Starmer promises 1.5m new homes by end of parliament" restates the body."""
    if _core(headline.deadline_phrase) == _core(body.deadline_phrase):
        return True
    if headline.speaker != body.speaker:
        return False
    same_end = headline.end is not None and headline.end == body.end
    return same_end or len(_content_words(headline.claim) & _content_words(body.claim)) >= 2


def _content_words(text: str) -> set[str]:
    return {w for w in _tokens(text) if len(w) > 3 and w not in _NOT_NAMES} | set(
        re.findall(r"\d[\d.,]*\w*", text)
    )


def _core(phrase: str) -> str:
    """ "by next summer" and "next summer" name the same time."""
    return re.sub(rf"^(?:{_PREP})\s+", "", phrase.lower())


def _same_claim(a: Candidate, b: Candidate) -> bool:
    if a.speaker != b.speaker or a.deadline_phrase.lower() != b.deadline_phrase.lower():
        return False
    x, y = a.claim.lower(), b.claim.lower()
    return x in y or y in x or SequenceMatcher(None, x, y).ratio() >= 0.75
