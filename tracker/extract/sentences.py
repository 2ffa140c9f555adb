"""Paragraphs, quotations and sentences, as offsets into the article's own text."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from tracker.extract.words import wordset


def split_sentences(text: str) -> list[str]:
    """The article's sentences (headline first), as written."""
    doc = Document.parse(text)
    return [doc.original[s.start : s.end] for s in doc.sentences]


_NORMALISE = str.maketrans(
    {
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`", "'"),
        **dict.fromkeys("\u00a0\u2009\u202f\u2007\t\r[]", " "),
    }
)
FILLER = "\u2591"  # fills quotations; not a word or space character
RELATIVE = re.compile(r",\s*(?:who|which|whose)\b[^,.;]*(?:,|(?=[.;]|$))")
_ABBREVIATIONS = wordset(
    "mr mrs ms dr st gen sen rep gov lt col capt prof jr sr no vs etc inc corp co "
    "ltd jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e u.s u.k a.m p.m"
)


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    headline: bool


@dataclass
class Document:
    """The article three ways, all of the same length as the original text."""

    original: str
    clean: str  # quote marks blanked: for phrases and claim text
    narrative: str  # quotations filled: for speakers and speech verbs
    main: str  # clean, with ", which began in 2022," blanked: for tense and claims
    quotes: list[tuple[int, int]]  # (opening mark, after closing mark)
    sentences: list[Sentence]
    paragraphs: int

    @classmethod
    def parse(cls, text: str) -> Document:
        norm = text.translate(_NORMALISE)
        quotes: list[tuple[int, int]] = []
        sentences: list[Sentence] = []
        spans = _paragraph_spans(norm)
        for number, (start, end) in enumerate(spans):
            blocks = _quote_blocks(norm, start, end)
            quotes += blocks
            headline = number == 0 and len(spans) > 1 and _is_headline(norm[start:end])
            for s, e in _sentence_spans(norm, start, end, blocks, headline):
                sentences.append(Sentence(len(sentences), number, s, e, headline))
        clean = _blank_marks(norm, quotes)
        main = _blank_relatives(clean, sentences)
        return cls(text, clean, _fill_quotes(norm, quotes), main, quotes, sentences, len(spans))

    def quote_at(self, position: int) -> tuple[int, int] | None:
        i = bisect_right(self.quotes, (position, len(self.original) + 1)) - 1
        if i >= 0 and self.quotes[i][0] < position < self.quotes[i][1] - 1:
            return self.quotes[i]
        return None


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blank lines separate paragraphs; so does a line break before a capital,
    unless it only wraps a long line in mid-sentence (hard-wrapped prose)."""
    spans, start = [], 0
    for brk in re.finditer(r"\n[ \t]*\n\s*|\n(?=[ \t]*[^a-z\s])", text):
        if _wrapped(text, brk.start()) and "\n" not in brk.group()[1:]:
            continue
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    return [_strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _wrapped(text: str, end: int) -> bool:
    """The line ending at `end` is long and stops mid-sentence ("the European")."""
    line = text[text.rfind("\n", 0, end) + 1 : end].rstrip()
    return len(line) >= 60 and bool(re.search(r"[\w,]$", line))


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


_DATELINE = (
    re.compile(  # "BRUSSELS, Feb 12 (Reuters) -", "Washington —", "X, QC, Dec. 4, 2025 /CNW/ -"
        r"(?:[A-Z][A-Z .'-]{2,30}|[A-Z][\w .'-]{2,30}(?=\s*\()"
        r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s*[\u2013\u2014]))"
        r"(?:,\s*[A-Z]{2}\b)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
        r"\s*(?:\([A-Za-z .]{2,20}\)\s*)?(?:/[A-Za-z ]{2,20}/\s*)?[-\u2013\u2014]+\s+"
    )
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
    while after < end and (after in closers or text[after] == ")" or _stray_closer(text, after)):
        after += 1
    nxt = after
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return None
    glued = nxt == after
    if not (text[nxt].isupper() or nxt in openers or (text[nxt].isdigit() and not glued)):
        return None
    word = _word_before(text, dot)
    if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return None
    before = text[dot - 1] if dot > 0 else " "
    if glued and not (before.islower() or before.isdigit() or dot - 1 in closers):
        return None
    return after, nxt


def _stray_closer(text: str, i: int) -> bool:
    """A closing mark the pairing lost (after a nested quotation): `."` then a space."""
    return text[i] == '"' and (i + 1 == len(text) or text[i + 1].isspace())


def _word_before(text: str, dot: int) -> str:
    """The word (letters and dots) just before the stop at `dot`, without its dots."""
    found = re.search(r"[A-Za-z.]*$", text[max(0, dot - 12) : dot])
    return found.group().strip(".") if found else ""  # always found: the pattern matches ""


def _blank_marks(text: str, quotes: list[tuple[int, int]]) -> str:
    """Quotation marks become spaces; apostrophes ("customers' hands") stay."""
    chars = list(text.replace('"', " "))
    for a, b in quotes:
        chars[a] = " "
        if text[b - 1] == "'":
            chars[b - 1] = " "
    return "".join(chars)


def _blank_relatives(text: str, sentences: list[Sentence]) -> str:
    chars = list(text)
    for s in sentences:
        for m in RELATIVE.finditer(text, s.start, s.end):
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def _fill_quotes(text: str, quotes: list[tuple[int, int]]) -> str:
    """Quotations filled, and short asides "(R-Texas)" blanked: what the reporter says."""
    chars = list(text)
    for a, b in quotes:
        chars[a:b] = FILLER * (b - a)
    return re.sub(rf"\([^(){FILLER}]{{0,40}}\)", lambda m: " " * len(m.group()), "".join(chars))
