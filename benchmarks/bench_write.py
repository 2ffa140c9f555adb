"""The commands that change one claim, as whole processes, on a database of N claims.

Run: python benchmarks/bench_write.py [--count 10000] [--repeat 7] [--workdir DIR]

Builds a database of N synthetic claims (benchmarks/synth.py) with `tracker import`,
then times `add` (a new claim of a stored speaker), `edit --confidence`, `verify`,
`show` and `undo --yes`, each a whole `tracker` process: a user waits for its start-up,
its checks (speaker lookup, duplicates, the lock) and its journal entry. Prints the
median of the runs and their spread. A script, not a test.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from common import (
    bench_env,
    checked,
    ensure_claims,
    fresh_database,
    measure,
    tracker_command,
    warm_up,
    work_dir,
)


def _open_claims(database: Path) -> tuple[str, str]:
    """Two open claims of the imported set: one to edit, one to judge."""
    import sqlite3

    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT id FROM claims WHERE status = 'open' ORDER BY id LIMIT 2")
        first, second = (str(row[0]) for row in rows)
    return first, second


def _commands(n: int, edited: str, judged: str) -> dict[str, list[str]]:
    """One run's commands; run `n` adds its own claim, `undo` reverts the verdict."""
    return {
        "add": [
            "add", f"bench claim {n}", "--speaker", "Speaker 1", "--by", "within 30 days",
            "--said-on", "2025-03-01", "--confidence", "0.6", "--tag", "bench",
        ],
        "edit": ["edit", edited, "--confidence", f"0.{n % 9 + 1}"],
        "verify": ["verify", judged, "--outcome", "kept"],
        "show": ["show", judged, "--as-of", "2025-07-01"],
        "undo": ["undo", "--yes"],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--workdir")
    args = parser.parse_args()
    folder = work_dir(args.workdir)
    claims = folder / f"claims-{args.count}.jsonl"
    ensure_claims(claims, args.count)
    database = fresh_database(folder, f"write-{args.count}.db")
    env = bench_env(TRACKER_DB=str(database), TRACKER_USER="bench")
    warm_up()
    checked(measure([*tracker_command(), "import", str(claims)], env), "import")
    edited, judged = _open_claims(database)
    times: dict[str, list[float]] = {}
    for n in range(args.repeat):
        for name, command in _commands(n, edited, judged).items():
            result = checked(measure([*tracker_command(), *command], env), name)
            times.setdefault(name, []).append(result.wall)
    print(f"{args.count:,} claims stored; seconds per whole process, median (min..max):")
    for name, values in times.items():
        spread = f"{min(values):.3f}..{max(values):.3f}"
        print(f"  {name:<7} {statistics.median(values):.3f}  ({spread})")


if __name__ == "__main__":
    main()
