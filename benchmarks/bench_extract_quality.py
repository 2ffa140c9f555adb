"""Score `tracker.extract.extract` against the annotated corpus of real articles.

    python benchmarks/bench_extract_quality.py [--split dev|heldout] [--verbose]

The corpus is `tests/fixtures/corpus/` (see its SOURCES.md). Each article has a
JSON file of annotations and, where its licence allows, a `.txt` file of its
text (`"text": true`). Only articles with text are scored; the others are
counted and skipped. The default split is `heldout`, which must never be used
for tuning.

Matching, one candidate to at most one annotation, as in
tests/test_extract.py::test_precision_and_recall_on_annotated_articles:

- the speaker is the same string;
- the said-on day is the same, or, when the annotation gives `said_on_min` and
  `said_on_max` (the article dates the words only to a period), lies within them;
- the deadline phrase is the same after lower-casing, dropping `[` `]` and
  collapsing spaces. An annotation with an empty phrase (a claim with no time
  words, `needs_window`) instead matches a candidate that needs a window and
  whose claim contains the annotation's keyword.

With `--lenient`, a candidate is the claim a reader would accept and correct in review:
the speaker is the same person by `tracker.domain.names` (a surname for the full name,
initials, accents), one deadline phrase contains the other, and the said-on day is not
compared. Both figures are reported in docs/extract.md; the strict one is the target's.

Recall is matched annotations over annotations, precision matched candidates
over candidates. Deadline-window accuracy is the share of matched claims whose
window is right: the candidate's `end` lies within the annotation's `end_range`,
or, for an annotation marked `needs_window` with no `end_range`, the candidate
also needs a window.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extract import Candidate, extract, read_article  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
#: Set by --lenient: match as a reviewer would (see the module's docstring).
LENIENT = False


def norm(phrase: str) -> str:
    """The phrase as matched: lower case, no brackets, single spaces."""
    return " ".join(phrase.lower().replace("[", "").replace("]", "").split())


def said_on_matches(annotation: dict[str, Any], said_on: date) -> bool:
    if "said_on_min" in annotation:
        low = date.fromisoformat(annotation["said_on_min"])
        high = date.fromisoformat(annotation["said_on_max"])
        return low <= said_on <= high
    return said_on.isoformat() == annotation["said_on"]


def same_speaker(annotation: dict[str, Any], candidate: Candidate) -> bool:
    """The same string, or with --lenient the same person by any name tracker accepts."""
    if candidate.speaker == annotation["speaker"]:
        return True
    if not LENIENT:
        return False
    from tracker.domain.names import folded, same_person

    a, b = folded(annotation["speaker"]), folded(candidate.speaker)
    return bool(a and b) and (same_person(a, b) or same_person(b, a) or a in b or b in a)


def same_phrase(annotation: dict[str, Any], candidate: Candidate) -> bool:
    mine, theirs = norm(candidate.deadline_phrase), norm(annotation["deadline_phrase"])
    if mine == theirs:
        return True
    return LENIENT and bool(mine) and (mine in theirs or theirs in mine)


def matches(annotation: dict[str, Any], candidate: Candidate) -> bool:
    if not same_speaker(annotation, candidate):
        return False
    if not LENIENT and not said_on_matches(annotation, candidate.said_on):
        return False
    if annotation["deadline_phrase"]:
        return same_phrase(annotation, candidate)
    return candidate.needs_window and annotation["keyword"].lower() in candidate.claim.lower()


def window_right(annotation: dict[str, Any], candidate: Candidate) -> bool:
    end_range = annotation.get("end_range")
    if end_range is None:
        return candidate.needs_window
    if candidate.end is None:
        return False
    return date.fromisoformat(end_range[0]) <= candidate.end <= date.fromisoformat(end_range[1])


def ratio(part: int, whole: int) -> str:
    """`part / whole` to two places, or n/a when there is nothing to divide by."""
    return f"{part / whole:.2f}" if whole else "n/a"


@dataclass
class Score:
    annotations: int = 0
    candidates: int = 0
    matched: int = 0
    windows_right: int = 0
    articles: int = 0

    def add(self, other: Score) -> None:
        self.annotations += other.annotations
        self.candidates += other.candidates
        self.matched += other.matched
        self.windows_right += other.windows_right
        self.articles += other.articles

    def line(self, label: str) -> str:
        recall = ratio(self.matched, self.annotations)
        precision = ratio(self.matched, self.candidates)
        window = ratio(self.windows_right, self.matched)
        return (
            f"{label:16} articles={self.articles:2} claims={self.annotations:3} "
            f"proposed={self.candidates:3} matched={self.matched:3}  "
            f"recall={recall} precision={precision} window={window}"
        )


@dataclass
class Result:
    name: str
    domain: str
    score: Score
    misses: list[dict[str, Any]] = field(default_factory=list)
    false: list[Candidate] = field(default_factory=list)
    wrong_windows: list[tuple[dict[str, Any], Candidate]] = field(default_factory=list)


def score_article(name: str, spec: dict[str, Any], text: str) -> Result:
    published = date.fromisoformat(spec["published"])
    candidates = extract(read_article(text), published)
    open_annotations = list(spec["expected"])
    result = Result(name, spec["domain"], Score(len(open_annotations), len(candidates), 0, 0, 1))
    for candidate in candidates:
        hit = next((a for a in open_annotations if matches(a, candidate)), None)
        if hit is None:
            result.false.append(candidate)
            continue
        open_annotations.remove(hit)
        result.score.matched += 1
        if window_right(hit, candidate):
            result.score.windows_right += 1
        else:
            result.wrong_windows.append((hit, candidate))
    result.misses = open_annotations
    return result


def load(split: str) -> tuple[list[tuple[str, dict[str, Any], str]], int]:
    """The articles with text in a split, and how many were skipped for lack of it."""
    found = []
    skipped = 0
    for meta in sorted((CORPUS / split).glob("*.json")):
        spec = json.loads(meta.read_text(encoding="utf-8"))
        if not spec["text"]:
            skipped += 1
            continue
        text = meta.with_suffix(".txt").read_text(encoding="utf-8")
        found.append((meta.stem, spec, text))
    return found, skipped


def describe(candidate: Candidate) -> str:
    window = "needs window" if candidate.needs_window else f"ends {candidate.end}"
    return (
        f"{candidate.speaker} | {candidate.deadline_phrase!r} | said {candidate.said_on} | "
        f"{window} | {candidate.claim!r}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="heldout")
    parser.add_argument("--verbose", action="store_true", help="list misses and false proposals")
    parser.add_argument("--lenient", action="store_true", help="match as a reviewer would")
    args = parser.parse_args()
    global LENIENT
    LENIENT = args.lenient
    articles, skipped = load(args.split)
    results = [score_article(name, spec, text) for name, spec, text in articles]
    total = Score()
    by_domain: dict[str, Score] = defaultdict(Score)
    for result in results:
        total.add(result.score)
        by_domain[result.domain].add(result.score)
    matching = "lenient" if LENIENT else "strict"
    print(
        f"split={args.split} ({matching} matching): {len(results)} articles scored, "
        f"{skipped} without text skipped"
    )
    print(total.line("overall"))
    for domain in sorted(by_domain):
        print(by_domain[domain].line(domain))
    if not args.verbose:
        return
    for result in results:
        if not (result.misses or result.false or result.wrong_windows):
            continue
        print(f"\n{result.name} ({result.domain})")
        for annotation in result.misses:
            print(
                f"  miss: {annotation['speaker']} | {annotation['deadline_phrase']!r} | "
                f"said {annotation['said_on']} | {annotation['keyword']}"
            )
        for candidate in result.false:
            print(f"  false: {describe(candidate)}")
        for annotation, candidate in result.wrong_windows:
            print(f"  window: {describe(candidate)} | annotated end {annotation.get('end_range')}")


if __name__ == "__main__":
    main()
