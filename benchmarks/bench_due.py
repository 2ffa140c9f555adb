"""`tracker due` on a large database and on an empty one; start-up; the query plan.

Run: python benchmarks/bench_due.py [--count 1000000] [--repeat 5] [--workdir DIR]

Builds a database of N synthetic claims (benchmarks/synth.py, about 1% due on
2025-07-01) with `tracker import`, whose wall time and peak memory are printed too,
then times whole `tracker` processes: `due --as-of 2025-07-01 --format json` on it,
`due` on an empty database, and `--help`. Prints SQLite's plan for the due query
and which heavy modules the fast commands load. Targets (issue 6): under 1 s on a
million claims, under 0.3 s on an empty database (and on a database file not made
yet). Verdicts go by the median of the runs. A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

from common import (
    bench_env,
    checked,
    ensure_claims,
    fresh_database,
    measure,
    summary,
    tracker_command,
    verdict,
    warm_up,
    work_dir,
)

AS_OF = "2025-07-01"
HEAVY = ("dateparser", "alembic", "icalendar", "sqlalchemy")


def build(folder: Path, count: int) -> Path:
    """The database of `count` claims, imported once and kept for later runs."""
    database = folder / f"due-{count}.db"
    if database.exists():
        return database
    claims = folder / f"claims-{count}.jsonl"
    ensure_claims(claims, count)
    fresh_database(folder, database.name)
    print(f"importing {count:,} claims into {database} ...", flush=True)
    command = [*tracker_command(), "--db", str(database), "import", str(claims)]
    result = checked(measure(command), "import")
    print(f"import: {result.wall:.1f} s, peak {result.max_rss_mb:.0f} MB "
          f"(target < 300 MB: {verdict(result.max_rss_mb < 300)})", flush=True)  # fmt: skip
    return database


def query_plan(database: Path) -> str:
    """EXPLAIN QUERY PLAN of the listing statement `tracker due` runs on a SQLite file."""
    from tracker.store.fast_read import explain_due

    return explain_due(database, date.fromisoformat(AS_OF))


def heavy_modules(database: Path, args: list[str]) -> list[str]:
    probe = (
        "import sys\nfrom tracker.cli import cli\n"
        f"cli.main({['--db', str(database), *args]!r}, standalone_mode=False)\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=bench_env()
    ).stdout
    return json.loads(output.strip().splitlines()[-1].replace("'", '"'))


def timed(command: list[str], repeat: int) -> tuple[list[float], bytes]:
    walls, stdout = [], b""
    for _ in range(repeat):
        result = checked(measure(command), " ".join(command[-4:]))
        walls.append(result.wall)
        stdout = result.stdout
    return walls, stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", help="where data and databases go (default /tmp/...)")
    args = parser.parse_args(argv)
    folder = work_dir(args.workdir)
    database = build(folder, args.count)
    empty = fresh_database(folder, "empty.db")
    missing = fresh_database(folder, "not-yet.db")
    tracker = tracker_command()
    warm_up()
    checked(measure([*tracker, "--db", str(empty), "list"]), "create the empty database")
    due = [*tracker, "--db", str(database), "due", "--as-of", AS_OF, "--format", "json"]
    walls, output = timed(due, args.repeat)
    empty_walls, _ = timed([*tracker, "--db", str(empty), "due"], args.repeat)
    missing_walls, _ = timed([*tracker, "--db", str(missing), "due"], args.repeat)
    help_walls, _ = timed([*tracker, "--help"], args.repeat)
    median = statistics.median
    print(f"\ncommand: {' '.join(due)}")
    print(f"claims: {args.count:,}; due on {AS_OF}: {len(json.loads(output)):,}")
    print(f"due --format json wall s: {summary(walls)}  target < 1: {verdict(median(walls) < 1)}")
    print(f"due on an empty database wall s: {summary(empty_walls)}  "
          f"target < 0.3: {verdict(median(empty_walls) < 0.3)}")  # fmt: skip
    print(f"due with no database file yet wall s: {summary(missing_walls)}  "
          f"target < 0.3: {verdict(median(missing_walls) < 0.3)}; "
          f"file created: {missing.exists()}")  # fmt: skip
    print(f"--help wall s: {summary(help_walls)}")
    print(f"query plan: {query_plan(database)}")
    for command in (
        ["--help"],
        ["due", "--as-of", AS_OF],
        ["list", "--speaker", "Nobody Here"],
        ["show", "1"],
    ):
        print(f"heavy modules loaded by {' '.join(command)}: {heavy_modules(database, command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
