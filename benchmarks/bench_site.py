"""`tracker site build` of N claims, from nothing and again after one verdict.

Run: python benchmarks/bench_site.py [--count 10000] [--repeat 3] [--workdir DIR]

Builds a database of N synthetic claims (benchmarks/synth.py) with `tracker import`,
judges a tenth of them, then times whole `tracker site build` processes: a first build
into an empty folder, a rebuild with nothing changed, and a rebuild after one more
verdict. Prints the median of the runs, their spread, and how many files each wrote.
The target: 10,000 claims build in under 10 s on a 2-core machine. A script, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
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

AS_OF = "2025-07-01"


def _judge_some(database: Path, env: dict[str, str], every: int) -> list[str]:
    """Judge every `every`-th open claim with one `import`-free batch of verdicts."""
    with sqlite3.connect(database) as conn:
        ids = [str(r[0]) for r in conn.execute("SELECT id FROM claims WHERE status = 'open'")]
    for claim_id in ids[::every][:20]:
        checked(
            measure([*tracker_command(), "verify", claim_id, "--outcome", "kept"], env), "verify"
        )
    return ids


def _build(out: Path, env: dict[str, str]) -> tuple[float, str]:
    result = checked(
        measure([*tracker_command(), "site", "build", str(out), "--as-of", AS_OF], env),
        "site build",
    )
    return result.wall, result.stderr.decode().strip().split(": ", 2)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir")
    args = parser.parse_args()
    folder = work_dir(args.workdir)
    claims = folder / f"claims-{args.count}.jsonl"
    ensure_claims(claims, args.count)
    database = fresh_database(folder, f"site-{args.count}.db")
    env = bench_env(TRACKER_DB=str(database), TRACKER_USER="bench")
    warm_up()
    checked(measure([*tracker_command(), "import", str(claims)], env), "import")
    open_ids = _judge_some(database, env, 10)
    runs: dict[str, list[float]] = {}
    notes: dict[str, str] = {}
    for n in range(args.repeat):
        # a new folder each time: deleting the last site just before would time the
        # file system's clean-up, not the build
        out = folder / f"site-{n}"
        shutil.rmtree(out, ignore_errors=True)
        for name in ("first build", "nothing changed", "one verdict"):
            if name == "one verdict":
                verdict = [*tracker_command(), "verify", open_ids[-1 - n], "--outcome", "broken"]
                checked(measure(verdict, env), "verify")
            wall, note = _build(out, env)
            runs.setdefault(name, []).append(wall)
            notes[name] = note
    for n in range(args.repeat):
        shutil.rmtree(folder / f"site-{n}", ignore_errors=True)
    print(f"{args.count:,} claims; seconds per whole `tracker site build`, median (min..max):")
    for name, values in runs.items():
        spread = f"{min(values):.2f}..{max(values):.2f}"
        print(f"  {name:<16} {statistics.median(values):.2f}  ({spread})  {notes[name]}")


if __name__ == "__main__":
    main()
