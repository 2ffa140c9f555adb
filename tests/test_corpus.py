"""The annotated corpus of real articles (tests/fixtures/corpus) is well formed.

Only the shape of the data is checked here, never the extractor's quality:
that is measured by benchmarks/bench_extract_quality.py.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def tracker_db() -> None:
    """Overrides the suite's per-test database: these tests touch no database."""


CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SPLITS = ("dev", "heldout")
DOMAINS = {
    "politics",
    "diplomacy",
    "guidance",
    "product",
    "sport",
    "infrastructure",
    "regulation",
    "space",
}
ARTICLE_FIELDS = {
    "url": str,
    "outlet": str,
    "country": str,
    "published": str,
    "licence": str,
    "text": bool,
    "domain": str,
    "traps": list,
    "expected": list,
}
CLAIM_FIELDS = {
    "speaker": str,
    "deadline_phrase": str,
    "said_on": str,
    "keyword": str,
    "needs_window": bool,
    "conditional": bool,
    "reported_earlier": bool,
}


def _articles() -> list[tuple[str, Path, dict[str, Any]]]:
    found = []
    for split in SPLITS:
        for path in sorted((CORPUS / split).glob("*.json")):
            found.append((split, path, json.loads(path.read_text(encoding="utf-8"))))
    return found


ARTICLES = _articles()


def test_corpus_is_there() -> None:
    assert (CORPUS / "SOURCES.md").is_file()
    assert {split for split, _, _ in ARTICLES} == set(SPLITS)


@pytest.mark.parametrize(("split", "path", "spec"), ARTICLES, ids=[p.stem for _, p, _ in ARTICLES])
def test_article_is_well_formed(split: str, path: Path, spec: dict[str, Any]) -> None:
    for name, kind in ARTICLE_FIELDS.items():
        assert isinstance(spec.get(name), kind), f"{path.name}: {name}"
    assert spec["domain"] in DOMAINS
    assert spec["url"].startswith(("http://", "https://"))
    published = date.fromisoformat(spec["published"])
    text = path.with_suffix(".txt")
    if spec["text"]:
        assert text.is_file(), f"{path.name}: text is kept but {text.name} is missing"
        assert text.read_text(encoding="utf-8").strip()
    else:
        assert not text.exists(), f"{path.name}: text: false but {text.name} exists"
    assert all(isinstance(trap, str) and trap for trap in spec["traps"])
    for claim in spec["expected"]:
        for name, kind in CLAIM_FIELDS.items():
            assert isinstance(claim.get(name), kind), f"{path.name}: {name} in {claim}"
        said_on = date.fromisoformat(claim["said_on"])
        assert said_on <= published
        if "said_on_min" in claim or "said_on_max" in claim:
            low = date.fromisoformat(claim["said_on_min"])
            high = date.fromisoformat(claim["said_on_max"])
            assert low <= said_on <= high <= published
        end_range = claim.get("end_range")
        if end_range is None:
            assert claim["needs_window"], f"{path.name}: end_range missing in {claim}"
        else:
            earliest, latest = (date.fromisoformat(day) for day in end_range)
            assert earliest <= latest, f"{path.name}: end_range out of order in {claim}"
        if not claim["deadline_phrase"]:
            assert claim["needs_window"], f"{path.name}: a claim without time words needs a window"


def _plain(text: str) -> str:
    """Text as compared: lower case, no brackets, straight quotes, single spaces."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.lower().replace("[", "").replace("]", "").split())


KEPT = [(split, path, spec) for split, path, spec in ARTICLES if spec["text"]]


@pytest.mark.parametrize(("split", "path", "spec"), KEPT, ids=[p.stem for _, p, _ in KEPT])
def test_annotations_point_into_the_kept_text(split: str, path: Path, spec: dict[str, Any]) -> None:
    """Phrase, keyword and speaker of every claim can be found in the text kept."""
    text = _plain(path.with_suffix(".txt").read_text(encoding="utf-8"))
    for claim in spec["expected"]:
        phrase = claim["deadline_phrase"]
        assert _plain(phrase) in text, f"{path.name}: {phrase!r}"
        assert _plain(claim["keyword"]) in text, f"{path.name}: {claim['keyword']!r}"
        speaker = _plain(claim["speaker"])
        assert speaker in text or speaker.split()[-1] in text, f"{path.name}: {claim['speaker']!r}"


def test_a_period_ends_on_the_said_on_day() -> None:
    """With `said_on_min`/`said_on_max`, `said_on` is the latest day allowed."""
    for _, path, spec in ARTICLES:
        for claim in spec["expected"]:
            if "said_on_max" in claim:
                assert claim["said_on"] == claim["said_on_max"], f"{path.name}: {claim}"


def test_no_url_in_both_splits() -> None:
    urls = {split: {spec["url"] for s, _, spec in ARTICLES if s == split} for split in SPLITS}
    assert not urls["dev"] & urls["heldout"]
    names = [path.stem for _, path, _ in ARTICLES]
    assert len(names) == len(set(names))


def test_every_article_is_listed_in_sources() -> None:
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for split, path, spec in ARTICLES:
        assert f"| {split}/{path.stem} |" in sources
        assert spec["url"] in sources


def test_no_stray_files() -> None:
    for split in SPLITS:
        for path in (CORPUS / split).iterdir():
            assert path.suffix in {".json", ".txt"}, path.name
            assert path.with_suffix(".json").is_file(), path.name
