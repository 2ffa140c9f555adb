"""Time `tracker.extract.extract` on a ~2,000-word article.

The article is built by repeating the annotated test fixtures. Prints the
seconds per article: the first call (which also imports tracker.deadlines and
whatever it loads) and the median of the warm runs after it.

    python benchmarks/bench_extract.py [--words 2000] [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extract import extract, read_article  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def build_article(words: int) -> str:
    """Whole paragraphs from the fixtures, repeated until `words` is reached."""
    paragraphs: list[str] = []
    sources = sorted(p for p in ARTICLES.iterdir() if p.suffix in {".txt", ".html"})
    while sum(len(p.split()) for p in paragraphs) < words:
        for path in sources:
            paragraphs += read_article(path.read_text(encoding="utf-8")).split("\n\n")
            if sum(len(p.split()) for p in paragraphs) >= words:
                break
    return "\n\n".join(paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    article = build_article(args.words)
    published = date(2025, 6, 1)
    started = time.perf_counter()
    found = extract(article, published)
    first = time.perf_counter() - started
    warm = []
    for _ in range(args.runs):
        started = time.perf_counter()
        extract(article, published)
        warm.append(time.perf_counter() - started)
    print(f"article: {len(article.split())} words, {len(found)} candidates")
    print(f"first call: {first:.3f} s per article (includes importing tracker.deadlines)")
    print(f"warm: {statistics.median(warm):.3f} s per article (median of {args.runs})")


if __name__ == "__main__":
    main()
