"""Synthetic claims for the benchmarks: realistic phrases, speakers, tags; fixed seed.

`python benchmarks/synth.py N FILE.jsonl [--taskwarrior FILE.json] [--shape SHAPE]` writes
N claims in tracker's JSONL export format (and the same items as Taskwarrior tasks).
`--shape full` (the default) has every field and the history; `lean` leaves out what a
task has no place for (source, quote, criteria, history); `bare` is a list compiled
elsewhere: text, speaker, said_on, deadline_phrase and tags only, no uid and no window,
so tracker derives the uids and resolves the phrases as it imports. Windows are
resolved by tracker's own deadline engine. About 1% of the claims are due on AS_OF:
claims whose window ended before it are mostly judged, the rest are open.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TextIO

SEED = 20250316
AS_OF = date(2025, 7, 1)
FIRST_SAID = date(2016, 1, 1)
LAST_SAID = date(2025, 6, 30)
#: Share of claims whose window ended before AS_OF that are still open (due).
OPEN_WHEN_PAST = 0.0103

PHRASES = (
    "this week",
    "next week",
    "during the coming week",
    "in the coming weeks",
    "in the coming days",
    "within days",
    "in two weeks",
    "within a month",
    "next month",
    "by the end of the month",
    "by the end of next month",
    "within 90 days",
    "in the next few months",
    "by the end of the quarter",
    "by the summer",
    "before Christmas",
    "by the end of the year",
    "next year",
    "within a year",
    "by the end of next year",
    "in the first half of next year",
    "tomorrow",
    "by Friday",
    "before the end of the week",
    "this month",
    "within six months",
    "in the coming months",
    "by spring",
    "within 100 days",
    "soon",
)
FIRST = (
    "Steve", "Maria", "John", "Ana", "Keir", "Olaf", "Ursula", "Emmanuel", "Giorgia", "Pedro",
    "Li", "Narendra", "Fumio", "Justin", "Anthony", "Rishi", "Jacinda", "Cyril", "Luiz", "Mette",
    "Sanna", "Viktor", "Recep", "Benjamin", "Volodymyr", "Kamala", "Mark", "Jens", "Kaja", "Elon",
)  # fmt: skip
LAST = (
    "Witkoff", "Okafor", "Reyes", "Halvorsen", "Nakamura", "Dubois", "Rossi", "Silva", "Novak",
    "Kowalski", "Jensen", "Moreau", "Fischer", "Tanaka", "Haddad", "Mensah", "Ivanova", "Costa",
    "Schmidt", "Byrne", "Lindqvist", "Petrov", "Santos", "Kaur", "Osei", "Varga", "Horvat",
    "Murphy", "Alvarez", "Chen", "Park", "Singh", "Ahmed", "Nielsen", "Weber", "Bianchi",
    "Kovacs", "Marino", "Yilmaz", "Adeyemi", "Lambert", "Kim", "Hughes", "Sato", "Berg",
    "Popescu", "Nowak", "Eriksen", "Duarte", "Brennan", "Quinn", "Abara", "Mwangi", "Laine",
    "Rahman", "Hoffmann", "Ortega", "Vidal", "Sorensen", "Kagame", "Oduya", "Farouk", "Lund",
    "Keller",
)  # fmt: skip
TAGS = (
    "ukraine", "russia", "ceasefire", "trade", "tariffs", "economy", "inflation", "rates",
    "housing", "health", "nhs", "energy", "climate", "transport", "rail", "bridge",
    "election", "campaign", "budget", "tax", "jobs", "wages", "immigration", "border",
    "defence", "nato", "china", "eu", "brexit", "tech", "ai", "launch", "earnings",
    "guidance", "football", "transfer", "police", "schools", "water", "space",
)  # fmt: skip
SUBJECTS = (
    "the government", "a deal", "the ministry", "the company", "the club", "negotiators",
    "the central bank", "the council", "the new bridge", "the regulator", "the coalition",
    "both presidents", "the agency", "the board", "US teams", "the EU", "the union",
)  # fmt: skip
PREDICATES = (
    "will announce a plan to cut waiting lists", "will sign the agreement",
    "will hold a call", "will open to traffic", "will cut interest rates",
    "will publish the full report", "will meet both sides", "will reach a ceasefire",
    "will ship the new phone", "will complete the transfer", "will lower energy bills",
    "will hire 5,000 more staff", "will end the strike", "will return to profit",
    "will deliver 300,000 homes", "will scrap the tariff", "will release the hostages",
    "will finish the inquiry", "will restart the talks", "will hit net zero in the sector",
)  # fmt: skip
OUTLETS = (
    ("www.bbc.com", "BBC"),
    ("www.reuters.com", "Reuters"),
    ("apnews.com", "AP"),
    ("www.theguardian.com", "The Guardian"),
    ("www.ft.com", "Financial Times"),
    ("www.lemonde.fr", "Le Monde"),
)
OUTCOMES = (
    ("kept", 30),
    ("kept_late", 12),
    ("partial", 10),
    ("broken", 30),
    ("withdrawn", 6),
    ("void", 6),
    ("unverifiable", 6),
)


def _stamp(day: date, rng: random.Random) -> datetime:
    moment = datetime.combine(day, time(0, 0), tzinfo=UTC)
    return moment + timedelta(seconds=rng.randrange(86_400), microseconds=rng.randrange(10**6))


def _text_stamp(moment: datetime) -> str:
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


class _Windows:
    """Deadline windows from tracker's own engine, cached per (phrase, day)."""

    def __init__(self) -> None:
        from tracker.deadlines import resolve

        self._resolve = resolve
        self._cache: dict[tuple[str, date], Any] = {}

    def __call__(self, phrase: str, said_on: date) -> Any:
        key = (phrase, said_on)
        if key not in self._cache:
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = self._resolve(phrase, said_on)
        return self._cache[key]


def _judgement(claim: dict[str, Any], rng: random.Random, end: date) -> None:
    names, weights = zip(*OUTCOMES, strict=True)
    outcome = rng.choices(names, weights)[0]
    late = rng.randrange(1, 60) if outcome == "kept_late" else 0
    on = end + timedelta(days=late) if late else end - timedelta(days=rng.randrange(0, 5))
    on = max(on, date.fromisoformat(claim["said_on"]))
    claim["status"], claim["outcome_on"] = outcome, on.isoformat()
    recorded = _stamp(max(on, end) + timedelta(days=rng.randrange(1, 9)), rng)
    claim["checks"].append(
        {
            "kind": "verify",
            "outcome": outcome,
            "happened_on": on.isoformat(),
            "until": None,
            "days_late": late or (0 if outcome == "kept_late" else None),
            "evidence_url": f"https://evidence.example/{claim['uid'][:12]}",
            "note": rng.choice((None, "confirmed by two outlets", "official statement")),
            "recorded_at": _text_stamp(recorded),
        }
    )
    claim["updated_at"] = _text_stamp(recorded)


def _slip(claim: dict[str, Any], rng: random.Random, windows: _Windows) -> None:
    """The speaker restated the claim with a later deadline."""
    old_end = date.fromisoformat(claim["deadline_end"])
    said_on = old_end - timedelta(days=rng.randrange(0, 3))
    said_on = max(said_on, date.fromisoformat(claim["said_on"]))
    phrase = rng.choice(("in the coming weeks", "next month", "by the end of the year"))
    window = windows(phrase, said_on)
    claim["deadline_changes"].append(
        {
            "said_on": said_on.isoformat(),
            "old_phrase": claim["deadline_phrase"],
            "old_said_on": claim["said_on"],
            "old_start": claim["deadline_start"],
            "old_end": claim["deadline_end"],
            "new_phrase": phrase,
            "new_start": window.start.isoformat(),
            "new_end": window.end.isoformat(),
            "quote": None,
            "note": "restated",
            "source": None,
            "recorded_at": _text_stamp(_stamp(said_on, rng)),
        }
    )
    claim["deadline_phrase"], claim["deadline_rule"] = phrase, window.rule
    claim["deadline_start"] = window.start.isoformat()
    claim["deadline_end"] = claim["due_on"] = window.end.isoformat()


def _source(rng: random.Random, said_on: date, n: int) -> dict[str, Any] | None:
    if rng.random() < 0.3:
        return None
    host, outlet = rng.choice(OUTLETS)
    return {
        "url": f"https://{host}/news/{said_on:%Y/%m/%d}/story-{n}",
        "title": f"Story {n}",
        "outlet": outlet,
        "published_on": said_on.isoformat(),
    }


def _base(n: int, rng: random.Random, windows: _Windows) -> dict[str, Any]:
    said_on = FIRST_SAID + timedelta(days=rng.randrange((LAST_SAID - FIRST_SAID).days + 1))
    phrase = rng.choice(PHRASES)
    window = windows(phrase, said_on)
    created = _stamp(said_on + timedelta(days=rng.randrange(0, 3)), rng)
    text = f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}"
    return {
        "uid": uuid.UUID(int=rng.getrandbits(128), version=4).hex,
        "text": text,
        "speaker": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "said_on": said_on.isoformat(),
        "deadline_phrase": phrase,
        "deadline_rule": window.rule,
        "deadline_start": window.start.isoformat(),
        "deadline_end": window.end.isoformat(),
        "due_on": window.end.isoformat(),
        "status": "open",
        "outcome_on": None,
        "quote": f"{text} {phrase}" if rng.random() < 0.5 else None,
        "criteria": "an official announcement" if rng.random() < 0.3 else None,
        "confidence": round(rng.random(), 2) if rng.random() < 0.5 else None,
        "created_at": _text_stamp(created),
        "updated_at": _text_stamp(created),
        "source": _source(rng, said_on, n),
        "tags": sorted(rng.sample(TAGS, rng.choice((0, 1, 1, 2, 2, 3)))),
        "checks": [],
        "deadline_changes": [],
    }


def claims(count: int, seed: int = SEED) -> Iterator[dict[str, Any]]:
    """`count` claims as JSONL records, the same every run for the same seed."""
    rng = random.Random(seed)
    windows = _Windows()
    for n in range(count):
        claim = _base(n, rng, windows)
        if rng.random() < 0.03:
            _slip(claim, rng, windows)
        end = date.fromisoformat(claim["deadline_end"])
        if end < AS_OF and rng.random() >= OPEN_WHEN_PAST:
            _judgement(claim, rng, end)
        yield claim


def lean(claim: dict[str, Any]) -> dict[str, Any]:
    """Only what a Taskwarrior task also holds: no source, quote, criteria or history."""
    empty = {"quote": None, "criteria": None, "confidence": None, "source": None}
    return claim | empty | {"checks": [], "deadline_changes": []}


BARE_FIELDS = ("text", "speaker", "said_on", "deadline_phrase", "tags")


def bare(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim list compiled elsewhere: the words, who, when, the phrase and tags."""
    return {key: claim[key] for key in BARE_FIELDS}


SHAPES = {"full": lambda claim: claim, "lean": lean, "bare": bare}


def task_record(claim: dict[str, Any]) -> dict[str, Any]:
    """The same item as a Taskwarrior task: due at the start of the claim's due day."""
    task = {
        "uuid": str(uuid.UUID(claim["uid"])),
        "description": f"{claim['speaker']}: {claim['text']}",
        "status": "pending" if claim["status"] == "open" else "completed",
        "entry": _tw_time(claim["created_at"]),
        "modified": _tw_time(claim["updated_at"]),
        "due": claim["due_on"].replace("-", "") + "T000000Z",
    }
    if claim["tags"]:
        task["tags"] = claim["tags"]
    if claim["status"] != "open":
        task["end"] = _tw_time(claim["updated_at"])
    return task


def _tw_time(stamp: str) -> str:
    return stamp[:19].replace("-", "").replace(":", "") + "Z"


def write(
    count: int, jsonl: TextIO, tasks: TextIO | None = None, seed: int = SEED, shape: str = "full"
) -> None:
    for claim in claims(count, seed):
        record = SHAPES[shape](claim)
        jsonl.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        if tasks is not None:
            tasks.write(json.dumps(task_record(claim)) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--taskwarrior", type=Path, help="also write the items as tasks")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="full")
    args = parser.parse_args(argv)
    with args.jsonl.open("w", encoding="utf-8", newline="") as jsonl:
        if args.taskwarrior is None:
            write(args.count, jsonl, None, args.seed, args.shape)
        else:
            with args.taskwarrior.open("w", encoding="utf-8") as tasks:
                write(args.count, jsonl, tasks, args.seed, args.shape)
    return 0


if __name__ == "__main__":
    sys.exit(main())
