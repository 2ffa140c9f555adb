"""tracker against Taskwarrior on the same items: importing them, and listing what is due.

Run: python benchmarks/bench_taskwarrior.py [--count 100000] [--repeat 3] [--workdir DIR]

Needs Taskwarrior (`task`) installed and installs nothing. Generates N items once
(benchmarks/synth.py --shape lean, fixed seed) as tracker JSONL and as Taskwarrior tasks
holding the same information: text and speaker, status, entry/modified/end times,
tags, and the due day (a task is due at 00:00 UTC of the claim's due day, so
Taskwarrior's `due.before:D` selects the claims `tracker due --as-of D` lists).
Each tool imports into an empty store, timed as a whole process; then each lists
its pending, due items as JSON. Taskwarrior runs with a throwaway TASKRC and
TASKDATA, `rc.hooks=off`, `rc.confirmation=off` and its default garbage collection.
Prints both figures and the ratio of their medians for each pair. A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

from common import (
    bench_env,
    checked,
    ensure_claims,
    fresh_database,
    measure,
    require,
    summary,
    tracker_command,
    verdict,
    warm_up,
    work_dir,
)

AS_OF = "2025-07-01"
TASK_OPTIONS = ("rc.hooks=off", "rc.confirmation=off", "rc.verbose=nothing", "rc.json.array=on")


def task_env(folder: Path) -> dict[str, str]:
    data = folder / "taskdata"
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\n")
    return bench_env(TASKRC=str(rc), TASKDATA=str(data))


def import_taskwarrior(task: str, tasks: Path, folder: Path) -> tuple[float, float]:
    shutil.rmtree(folder / "taskdata", ignore_errors=True)
    (folder / "taskdata").mkdir(parents=True)
    print("importing into Taskwarrior (it prints nothing until done) ...", flush=True)
    result = checked(
        measure([task, *TASK_OPTIONS, "import", str(tasks)], task_env(folder)), "task import"
    )
    return result.wall, result.max_rss_mb


def import_tracker(claims: Path, folder: Path) -> tuple[float, float, Path]:
    database = fresh_database(folder, "tracker-vs-task.db")
    print("importing into tracker ...", flush=True)
    command = [*tracker_command(), "--db", str(database), "import", str(claims)]
    result = checked(measure(command), "tracker import")
    return result.wall, result.max_rss_mb, database


def due_taskwarrior(task: str, folder: Path) -> tuple[float, int]:
    command = [task, *TASK_OPTIONS, "status:pending", f"due.before:{AS_OF}", "export"]
    result = checked(measure(command, task_env(folder)), "task export")
    return result.wall, len(json.loads(result.stdout))


def due_tracker(database: Path) -> tuple[float, int]:
    command = [*tracker_command(), "--db", str(database), "due", "--as-of", AS_OF,
               "--format", "json"]  # fmt: skip
    result = checked(measure(command), "tracker due")
    return result.wall, len(json.loads(result.stdout))


def report(name: str, ours: list[float], theirs: list[float]) -> None:
    ratio = statistics.median(theirs) / statistics.median(ours)
    print(f"{name}: tracker {summary(ours)} s, Taskwarrior {summary(theirs)} s; "
          f"tracker is {ratio:.2f}x as fast ({verdict(ratio > 1)})")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", help="where data and stores go (default /tmp/...)")
    args = parser.parse_args(argv)
    task = require("task", "apt-get install -y taskwarrior (Debian/Ubuntu)")
    folder = work_dir(args.workdir)
    claims, tasks = folder / f"lean-{args.count}.jsonl", folder / f"tasks-{args.count}.json"
    ensure_claims(claims, args.count, tasks, shape="lean")
    warm_up()
    imports: dict[str, list[float]] = {"tracker": [], "task": []}
    for _ in range(args.repeat):
        wall, peak, database = import_tracker(claims, folder)
        imports["tracker"].append(wall)
        print(f"  tracker: {wall:.2f} s, {peak:.0f} MB", flush=True)
        wall, peak = import_taskwarrior(task, tasks, folder)
        imports["task"].append(wall)
        print(f"  Taskwarrior: {wall:.2f} s, {peak:.0f} MB", flush=True)
    dues: dict[str, list[float]] = {"tracker": [], "task": []}
    for _ in range(args.repeat):
        wall, ours = due_tracker(database)
        dues["tracker"].append(wall)
        wall, theirs = due_taskwarrior(task, folder)
        dues["task"].append(wall)
    print(f"\nitems: {args.count:,}; due before {AS_OF}: tracker {ours:,}, Taskwarrior {theirs:,}")
    report("import", imports["tracker"], imports["task"])
    report("due as JSON", dues["tracker"], dues["task"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
