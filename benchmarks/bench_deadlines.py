"""Throughput of the deadline engine against plain dateparser.parse.

Run: python benchmarks/bench_deadlines.py [--count 10000] [--seed 2025] [--dateparser-limit N]

Builds ``--count`` mixed phrases (templates x numbers x said-on dates, fixed
seed), warms up on a different set, then times resolve() on the phrases it has
not seen (the result cache starts cold for them) and dateparser.parse on the
same phrases: the first 1,000 of them by default, because dateparser reads
under a hundred a second here; ``--dateparser-limit 0`` times all of them.
Prints phrases per second for both and the ratio. This is a script, not a
test: nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.deadlines import resolve
from tracker.errors import DeadlineError

TEMPLATES = (
    "this week", "next week", "the week after next", "in the coming week",
    "in the coming days", "in the coming weeks", "in the coming months", "soon",
    "shortly", "imminently", "in the near future", "any day now", "later this year",
    "by the end of the year", "by year-end", "early next year", "by the end of the decade",
    "within {n} days", "in {n} days", "in {n} weeks", "within {n} months", "in {w} weeks",
    "over the next {w} years", "in the next {h} hours", "{n} days from now",
    "in a matter of weeks", "in the next few months", "within a year", "in a fortnight",
    "on {wd}", "by {wd}", "before {wd}", "next {wd}", "{wd} next week", "this weekend",
    "over the weekend", "this month", "next month", "by the end of {mon}", "by mid-{mon}",
    "early {mon}", "late {mon}", "in {mon} {y}", "{mon} {d}", "{d} {mon}", "by {d} {mon} {y}",
    "{y}-{mm}-{dd}", "{dd}/{mm}/{y}", "{mm}/{dd}/{y}", "Q{q}", "Q{q} {y}", "the {ord} quarter",
    "next quarter", "by the end of Q{q}", "H{half}", "the first half of next year",
    "by summer", "this fall", "spring {y}", "by the end of the summer", "in {y}", "by {y}",
    "by Christmas", "by Easter", "by Thanksgiving", "by New Year's", "by Labor Day",
    "today", "tonight", "tomorrow", "the day after tomorrow", "by 5pm", "by close of business {wd}",
    "within the next {n} days", "in the next {w} to {w2} weeks", "no later than {mon} {d}",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
ORDINALS = ("first", "second", "third", "fourth")
WORDS = ("two", "three", "five", "ten", "twenty-one", "a couple of", "a few", "several")


def build(count: int, seed: int) -> list[tuple[str, date]]:
    """``count`` (phrase, said_on) pairs from the templates, reproducibly."""
    rng = random.Random(seed)
    first = date(2020, 1, 1)
    pairs = []
    for _ in range(count):
        template = rng.choice(TEMPLATES)
        year = rng.randint(2024, 2032)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        number = rng.choice((str(rng.randint(1, 120)), rng.choice(WORDS)))
        values = {
            "n": number, "w": rng.randint(1, 6), "w2": rng.randint(7, 9),
            "h": rng.choice((24, 48, 72)),
            "wd": rng.choice(WEEKDAYS), "mon": MONTHS[month - 1], "d": day, "dd": f"{day:02d}",
            "mm": f"{month:02d}", "y": year, "q": rng.randint(1, 4), "ord": rng.choice(ORDINALS),
            "half": rng.randint(1, 2),
        }  # fmt: skip
        said_on = first + timedelta(days=rng.randint(0, 365 * 10))
        pairs.append((template.format(**values), said_on))
    return pairs


def time_engine(pairs: list[tuple[str, date]]) -> tuple[float, int]:
    refused = 0
    start = time.perf_counter()
    for phrase, said_on in pairs:
        try:
            resolve(phrase, said_on)
        except DeadlineError:
            refused += 1
    return time.perf_counter() - start, refused


def time_dateparser(pairs: list[tuple[str, date]]) -> tuple[float, int]:
    import dateparser

    unread = 0
    start = time.perf_counter()
    for phrase, said_on in pairs:
        base = datetime(said_on.year, said_on.month, said_on.day)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
        if dateparser.parse(phrase, settings=settings) is None:
            unread += 1
    return time.perf_counter() - start, unread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--dateparser-limit", type=int, default=1_000, help="dateparser on the first N (0: all)"
    )
    args = parser.parse_args()

    pairs = build(args.count, args.seed)
    warm = build(2_000, args.seed + 1)
    time_engine(warm)
    elapsed, refused = time_engine(pairs)
    engine_rate = len(pairs) / elapsed
    print(f"tracker.deadlines: {len(pairs)} phrases in {elapsed:.3f} s "
          f"= {engine_rate:,.0f} phrases/s ({refused} refused)")  # fmt: skip
    cached, _ = time_engine(pairs)
    print(f"tracker.deadlines, same phrases again (cached): {len(pairs) / cached:,.0f} phrases/s")

    sample = pairs[: args.dateparser_limit] if args.dateparser_limit else pairs
    time_dateparser(warm[:200])
    dp_elapsed, unread = time_dateparser(sample)
    dp_rate = len(sample) / dp_elapsed
    print(f"dateparser.parse: {len(sample)} of the same phrases in {dp_elapsed:.3f} s "
          f"= {dp_rate:,.0f} phrases/s ({unread} unread)")  # fmt: skip
    print(f"ratio: tracker.deadlines is {engine_rate / dp_rate:,.1f}x dateparser.parse")


if __name__ == "__main__":
    main()
