"""tracker.extract: candidate claims from news text (issue 8).

The fixture test scores the extractor against hand-annotated articles in
tests/fixtures/articles (one .txt/.html plus one .json of expected claims each);
the rest test one piece at a time.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

import tracker
from tracker.extract import (
    Candidate,
    extract,
    read_article,
    resolve_said_on,
    split_sentences,
    time_phrases,
)

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
BBC = ARTICLES / "bbc-ceasefire-2025-03-16.txt"


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().replace("[", "").replace("]", "").split())


def _key(speaker: str, phrase: str, said_on: str) -> tuple[str, str, str]:
    return speaker, _norm(phrase), said_on


def _fixtures() -> list[tuple[str, str, dict]]:
    found = []
    for meta in sorted(ARTICLES.glob("*.json")):
        article = next(p for p in ARTICLES.glob(meta.stem + ".*") if p.suffix != ".json")
        found.append((meta.stem, article.read_text(encoding="utf-8"), json.loads(meta.read_text())))
    return found


def _score(text: str, spec: dict) -> tuple[int, int, int, list[bool]]:
    """True positives, false positives, misses, and per match whether the claim
    holds the annotated keyword. One candidate matches one annotation."""
    published = date.fromisoformat(spec["published"])
    candidates = extract(read_article(text), published)
    expected = list(spec["expected"])
    tp = fp = 0
    keywords = []
    for c in candidates:
        key = _key(c.speaker, c.deadline_phrase, c.said_on.isoformat())
        hit = next(
            (e for e in expected if _key(e["speaker"], e["deadline_phrase"], e["said_on"]) == key),
            None,
        )
        if hit is None:
            fp += 1
            continue
        expected.remove(hit)
        tp += 1
        keywords.append(hit["keyword"].lower() in c.claim.lower())
    return tp, fp, len(expected), keywords


def test_precision_and_recall_on_annotated_articles() -> None:
    fixtures = _fixtures()
    assert len(fixtures) >= 7
    tp = fp = fn = 0
    keywords: list[bool] = []
    for name, text, spec in fixtures:
        t, f, n, k = _score(text, spec)
        print(f"{name:32} tp={t:2} fp={f} fn={n}")
        tp, fp, fn, keywords = tp + t, fp + f, fn + n, keywords + k
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"fixtures={len(fixtures)} precision={precision:.2f} recall={recall:.2f}")
    assert recall >= 0.8
    assert precision >= 0.7
    assert sum(keywords) / len(keywords) >= 0.9


# ------------------------------------------------------------ the BBC example


@pytest.mark.parametrize("published", [date(2025, 3, 16), date(2025, 3, 17)])
def test_bbc_example_witkoff_claims(published: date) -> None:
    found = extract(BBC.read_text(encoding="utf-8"), published)
    witkoff = {(c.deadline_phrase, c.said_on) for c in found if c.speaker == "Steve Witkoff"}
    sunday = date(2025, 3, 16)
    assert ("this week", sunday) in witkoff
    assert ("during the coming week", sunday) in witkoff
    assert ("in the coming weeks", sunday) in witkoff
    call = next(c for c in found if c.deadline_phrase == "this week")
    assert call.claim == "there will be a call with both presidents"
    assert "this week" in call.quote


def test_bbc_example_promise_past_event_and_background() -> None:
    found = extract(BBC.read_text(encoding="utf-8"), date(2025, 3, 17))
    day_one = next(c for c in found if "day one" in c.deadline_phrase)
    assert day_one.speaker == "Donald Trump"
    assert day_one.needs_window and day_one.start is None and day_one.end is None
    assert "end the war" in day_one.claim
    phrases = {c.deadline_phrase for c in found}
    assert not any("minutes" in p for p in phrases)  # "within five to 10 minutes": past
    assert "in the coming days" not in phrases  # the unattributed lead
    assert [c.sentence_index for c in found] == sorted(c.sentence_index for c in found)


def test_candidate_to_dict_has_iso_dates() -> None:
    found = extract(BBC.read_text(encoding="utf-8"), date(2025, 3, 17))
    data = found[1].to_dict()
    assert set(data) == set(Candidate.__dataclass_fields__)
    assert data["said_on"] == "2025-03-16"
    assert all(isinstance(data[k], str | None) for k in ("said_on", "start", "end"))
    assert 0 <= data["confidence"] <= 1


# --------------------------------------------------------------- said-on days


@pytest.mark.parametrize(
    ("expression", "published", "said_on"),
    [
        ("on Thursday", date(2025, 3, 17), date(2025, 3, 13)),  # a Monday: last Thursday
        ("on Sunday", date(2025, 3, 16), date(2025, 3, 16)),  # same day
        ("on Sunday", date(2025, 3, 17), date(2025, 3, 16)),
        ("Monday", date(2025, 3, 17), date(2025, 3, 17)),
        ("last Monday", date(2025, 3, 17), date(2025, 3, 10)),
        ("on Tuesday night", date(2025, 3, 17), date(2025, 3, 11)),
        ("yesterday", date(2025, 3, 17), date(2025, 3, 16)),
        ("last night", date(2025, 3, 17), date(2025, 3, 16)),
        ("today", date(2025, 3, 17), date(2025, 3, 17)),
        ("last week", date(2025, 3, 17), date(2025, 3, 10)),
        ("earlier this week", date(2025, 3, 19), date(2025, 3, 17)),
        ("last month", date(2025, 3, 31), date(2025, 2, 28)),
        ("on 3 March", date(2025, 3, 17), date(2025, 3, 3)),
        ("on March 20", date(2025, 3, 17), date(2024, 3, 20)),  # not yet: a year ago
    ],
)
def test_resolve_said_on(expression: str, published: date, said_on: date) -> None:
    assert resolve_said_on(expression, published) == said_on


@pytest.mark.parametrize("expression", ["in the spring", "soon", "on 31 February", ""])
def test_resolve_said_on_unreadable(expression: str) -> None:
    assert resolve_said_on(expression, date(2025, 3, 17)) is None


def test_statement_day_comes_from_the_attribution_not_an_appositive() -> None:
    text = (
        "Envoy Jane Roe, who met the minister on Thursday, told reporters on Saturday "
        "that a deal would be signed next week."
    )
    (found,) = extract(text, date(2025, 3, 17))
    assert (found.speaker, found.said_on) == ("Jane Roe", date(2025, 3, 15))


def test_undated_words_take_the_speakers_dated_statement() -> None:
    text = (
        'Jane Roe said the bridge would reopen next month.\n\nRoe said on Friday: "We will '
        'finish the road by the end of the year."'
    )
    found = extract(text, date(2025, 3, 17))
    assert [c.said_on for c in found] == [date(2025, 3, 14), date(2025, 3, 14)]


def test_undated_words_default_to_publication() -> None:
    (found,) = extract("Jane Roe said the bridge would reopen next month.", date(2025, 3, 17))
    assert found.said_on == date(2025, 3, 17)


# ------------------------------------------------------------- reading input


def test_read_article_strips_html_and_keeps_paragraphs() -> None:
    raw = (
        "<html><head><title>T</title><style>p{color:red}</style>"
        "<script>var x = 'will ship next week';</script></head><body>"
        "<nav>Home | News</nav><h1>Acme to ship in May</h1>"
        "<p>Acme&rsquo;s chief said &ldquo;we will ship&rdquo; &amp; grow.</p>"
        "<p>Second<br>paragraph.</p><footer>Subscribe</footer></body></html>"
    )
    text = read_article(raw)
    assert text.split("\n\n") == [
        "Acme to ship in May",
        "Acme\u2019s chief said \u201cwe will ship\u201d & grow.",
        "Second",
        "paragraph.\n",
    ]
    assert "ship next week" not in text and "color" not in text and "Subscribe" not in text


def test_read_article_uses_the_title_without_h1() -> None:
    text = read_article("<html><head><title>Headline here</title></head><p>Body.</p></html>")
    assert text.startswith("Headline here\n\nBody.")


def test_read_article_passes_plain_text() -> None:
    plain = "A plain article.\n\nWith two paragraphs, 3 < 4."
    assert read_article(plain) == plain


def test_html_article_extracts_like_text() -> None:
    html = "<html><body><p>Jane Roe said the plant would open next month.</p></body></html>"
    (found,) = extract(html, date(2025, 3, 17))
    assert (found.speaker, found.deadline_phrase) == ("Jane Roe", "next month")


# ------------------------------------------------------------------ sentences


def test_split_sentences_handles_glued_sentences_and_curly_quotes() -> None:
    text = (
        "The war in Ukraine.US envoy Steve Witkoff said \u201cthere will be a call this "
        "week\u201d.\u201dWe\u2019re also engaging,\u201d he added. \u201cWe\u2019re advising "
        "them.\u201dLast week, talks began."
    )
    assert split_sentences(text) == [
        "The war in Ukraine.",
        "US envoy Steve Witkoff said \u201cthere will be a call this week\u201d.",
        "\u201dWe\u2019re also engaging,\u201d he added.",
        "\u201cWe\u2019re advising them.\u201d",
        "Last week, talks began.",
    ]


def test_split_sentences_keeps_abbreviations_and_numbers() -> None:
    text = "Mr. Smith met U.S. officials at 3 p.m. on Friday. Growth was 3.5% in Q1. Done."
    assert split_sentences(text) == [
        "Mr. Smith met U.S. officials at 3 p.m. on Friday.",
        "Growth was 3.5% in Q1.",
        "Done.",
    ]


def test_headline_is_its_own_sentence_without_site_name() -> None:
    text = "Acme to open plant soon, boss says \u2013 BBC.com\n\nAcme boss Jo Li spoke."
    assert split_sentences(text)[0] == "Acme to open plant soon, boss says"


# --------------------------------------------------------------- time phrases


@pytest.mark.parametrize(
    "phrase",
    [
        "this week",
        "during the coming week",
        "in the coming weeks",
        "soon",
        "by the end of the year",
        "within 30 days",
        "next month",
        "in Q3",
        "by March 3, 2026",
        "in the first half of next year",
        "before the next election",
        "by early 2027",
        "on day one",
        "within six months of launch",
        "over the coming months",
        "by the spring of 2026",
        "no later than the end of the summer",
    ],
)
def test_time_phrases_found_whole(phrase: str) -> None:
    text = f"They will do it {phrase}, she said."
    assert [text[a:b] for a, b in time_phrases(text)] == [phrase]


def test_time_phrases_ignore_amounts_and_particles() -> None:
    text = "Rates fell by a quarter point; the homes would be handed over to buyers."
    assert time_phrases(text) == []


# ------------------------------------------------------------------- speakers


def test_pronoun_chain_across_paragraphs() -> None:
    text = (
        "Finance minister Ana Ruiz spoke to reporters on Monday.\n\n"
        "She said the budget would be published next week.\n\n"
        '"We will cut the deficit by 2027," she added.'
    )
    found = extract(text, date(2025, 3, 18))
    assert [(c.speaker, c.said_on) for c in found] == [("Ana Ruiz", date(2025, 3, 17))] * 2


def test_title_points_back_to_the_named_holder() -> None:
    text = (
        "Acme chief executive Jo Park unveiled the phone.\n\n"
        "The chief executive said it would ship in the coming weeks."
    )
    (found,) = extract(text, date(2025, 3, 18))
    assert found.speaker == "Jo Park"


def test_according_to_and_trailing_attribution() -> None:
    text = (
        "According to Mayor Lee Chan, the bridge will reopen by the summer.\n\n"
        "The tunnel will open in 2027, the mayor said."
    )
    found = extract(text, date(2025, 3, 18))
    assert [(c.speaker, c.deadline_phrase) for c in found] == [
        ("Lee Chan", "by the summer"),
        ("Lee Chan", "in 2027"),
    ]


def test_standalone_quote_keeps_the_previous_speaker() -> None:
    text = '"We are close," Jo Park said. "The deal will be signed within days."'
    (found,) = extract(text, date(2025, 3, 18))
    assert (found.speaker, found.claim) == ("Jo Park", "The deal will be signed")


def test_reported_speech_claim_is_trimmed() -> None:
    text = "Jo Park added that she believed a deal would be reached in the coming weeks."
    (found,) = extract(text, date(2025, 3, 18))
    assert found.claim == "a deal would be reached"


# ---------------------------------------------------------------- what it skips


@pytest.mark.parametrize(
    "text",
    [
        "Will the deal be signed next week? Jo Park would not say.",
        '"Will we sign it next week?" Jo Park asked.',
        'Asked whether the deal would close by June, Jo Park said: "We\'ll see."',
        "Jo Park said the plant opened in 2019 and closed last month.",
        "Jo Park said the team had met within five minutes of landing.",
        "The bridge will reopen next month, as the council approved repairs.",
        "If talks collapsed, tariffs would rise within days, Jo Park said.",
        "The deal will close in the third quarter, analysts said.",
        "Jo Park had previously said the factory would open in late 2025.",
    ],
)
def test_no_candidate_from_questions_past_events_or_background(text: str) -> None:
    assert extract(text, date(2025, 3, 18)) == []


def test_same_claim_twice_is_proposed_once() -> None:
    text = (
        "Jo Park said the plant would open next month.\n\n"
        "Park said again that the plant would open next month."
    )
    assert len(extract(text, date(2025, 3, 18))) == 1


def test_empty_text() -> None:
    assert extract("", date(2025, 3, 18)) == []
    assert extract("   \n\n  ", date(2025, 3, 18)) == []


# ------------------------------------------------------------------- windows


def test_window_comes_from_deadlines() -> None:
    pytest.importorskip("tracker.deadlines")
    (found,) = extract("Jo Park said the plant would open next month.", date(2025, 3, 18))
    assert (found.start, found.end) == (date(2025, 4, 1), date(2025, 4, 30))
    assert found.rule and not found.needs_window


@pytest.mark.parametrize(
    ("phrase", "needs_window"),
    [
        ("by the end of July", False),
        ("within six months", False),
        ("within six months of launch", True),  # counts from an event: the user dates it
        ("before the next election", True),
        ("on day one", True),
    ],
)
def test_event_relative_phrases_need_a_window(phrase: str, needs_window: bool) -> None:
    pytest.importorskip("tracker.deadlines")
    (found,) = extract(f"Jo Park said the plant would open {phrase}.", date(2025, 3, 18))
    assert found.deadline_phrase == phrase
    assert found.needs_window is needs_window


def test_without_deadlines_every_candidate_needs_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(tracker, "deadlines", raising=False)
    monkeypatch.setitem(sys.modules, "tracker.deadlines", None)
    (found,) = extract("Jo Park said the plant would open next month.", date(2025, 3, 18))
    assert found.needs_window and found.start is None and found.rule is None
