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

from datetime import date

from tracker.extract.attribution import attribute
from tracker.extract.claims import Candidate, finish
from tracker.extract.dating import date_statements
from tracker.extract.dedupe import deduplicate
from tracker.extract.html import read_article
from tracker.extract.owners import sentence_candidates
from tracker.extract.phrases import time_phrases
from tracker.extract.said_on import resolve_said_on
from tracker.extract.sentences import Document, split_sentences
from tracker.extract.speakers import Cast

__all__ = [
    "Candidate",
    "extract",
    "read_article",
    "resolve_said_on",
    "split_sentences",
    "time_phrases",
]


def extract(text: str, published: date) -> list[Candidate]:
    """Candidate claims in article order, each (speaker, phrase, claim) once."""
    doc = Document.parse(read_article(text))
    cast = Cast.collect(doc)
    said = attribute(doc, cast)
    found = [c for s in doc.sentences for c in sentence_candidates(doc, s, said)]
    dates = date_statements(doc, said, cast, published)
    candidates = [c for f in found if (c := finish(doc, f, dates))]
    headlines = {s.index for s in doc.sentences if s.headline}
    body = [s for s in doc.sentences if not s.headline]
    lead = {s.index for s in body if s.paragraph == body[0].paragraph} if body else set()
    return deduplicate(candidates, headlines, lead)
