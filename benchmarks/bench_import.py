"""`tracker import` of N synthetic claims from JSONL: wall time and peak memory.

Run: python benchmarks/bench_import.py [--count 100000] [--repeat 3] [--shape full|lean|bare]
     python benchmarks/bench_import.py --count 1000000 --repeat 1

Generates the claims once (benchmarks/synth.py, fixed seed; `--shape full`: every
field, a check on most, a source on 70%, a few slips; `lean`: no source, quote,
criteria or history; `bare`: text, speaker, said_on, phrase and tags only, so uids
are derived and phrases resolved on import), then for each run imports them into a new
SQLite database with the `tracker` console script and measures that whole process:
wall clock and maximum resident set size. Also times importing the same file again
(every claim skipped) and `tracker export` of the result. Targets (issue 6): 100,000
claims in under 5 s (by the median of the runs), peak memory under 300 MB at any size.
A script, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys

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

SECONDS_PER_100K = 5.0
MEMORY_MB = 300.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shape", choices=("full", "lean", "bare"), default="full")
    parser.add_argument("--workdir", help="where data and databases go (default /tmp/...)")
    args = parser.parse_args(argv)
    folder = work_dir(args.workdir)
    prefix = {"full": "claims", "lean": "lean", "bare": "bare"}[args.shape]
    claims = folder / f"{prefix}-{args.count}.jsonl"
    ensure_claims(claims, args.count, shape=args.shape)
    warm_up()
    tracker, env = tracker_command(), bench_env()
    walls, peaks = [], []
    for run in range(1, args.repeat + 1):
        database = fresh_database(folder, f"import-{args.count}.db")
        result = checked(
            measure([*tracker, "--db", str(database), "import", str(claims)], env), "import"
        )
        walls.append(result.wall)
        peaks.append(result.max_rss_mb)
        print(f"run {run}: {result.wall:.2f} s, {result.max_rss_mb:.0f} MB: "
              f"{result.stderr.decode().strip()}", flush=True)  # fmt: skip
    again = checked(
        measure([*tracker, "--db", str(database), "import", str(claims)], env), "re-import"
    )
    exported = checked(measure([*tracker, "--db", str(database), "export"], env), "export")
    print(f"\ncommand: {' '.join(tracker)} --db {database} import {claims}")
    print(f"claims: {args.count:,} ({claims.stat().st_size / 1e6:.0f} MB of JSONL)")
    if args.count == 100_000:  # the issue sets a time for 100,000; for a million, memory only
        print(f"import wall s: {summary(walls)}  target < {SECONDS_PER_100K:.1f}: "
              f"{verdict(statistics.median(walls) < SECONDS_PER_100K)} (median)")  # fmt: skip
    else:
        print(f"import wall s: {summary(walls)}")
    peak = max(peaks)
    print(f"import peak MB: {peak:.0f}  target < {MEMORY_MB:.0f}: {verdict(peak < MEMORY_MB)}")
    print(f"claims/s: {args.count / min(walls):,.0f} (best run)")
    print(f"re-import (all skipped): {again.wall:.2f} s, {again.max_rss_mb:.0f} MB")
    print(f"export jsonl: {exported.wall:.2f} s, {exported.max_rss_mb:.0f} MB, "
          f"{len(exported.stdout) / 1e6:.0f} MB out")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
