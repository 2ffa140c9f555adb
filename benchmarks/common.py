"""What the exchange and due benchmarks share: running a command and measuring it.

Each measured command is its own process, timed from start to exit (wall clock),
with its peak memory read from the kernel's accounting for that process alone
(os.wait4), the figure `/usr/bin/time -v` prints as "Maximum resident set size".
Nothing is installed: tracker is the one this Python runs, Taskwarrior must be there.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


@dataclass(frozen=True)
class Measurement:
    wall: float  # seconds
    max_rss_mb: float
    returncode: int
    stdout: bytes
    stderr: bytes


def tracker_command() -> list[str]:
    """The `tracker` console script next to this Python (not a shim on PATH)."""
    script = Path(sys.executable).parent / "tracker"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "tracker"]


def bench_env(**extra: str) -> dict[str, str]:
    """The environment a user has: bytecode cached as after `pip install`, UTC days."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.update({"TRACKER_TZ": "UTC", "TZ": "UTC", **extra})
    return env


def measure(command: Sequence[str], env: dict[str, str] | None = None) -> Measurement:
    """Run a command to the end; its wall time and the peak RSS of that process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env or bench_env()
    )
    stdout, stderr = _drain(process)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(wall, usage.ru_maxrss / 1024, process.returncode, stdout, stderr)


def _drain(process: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Read both pipes to the end without reaping the process (wait4 does that)."""
    import threading

    chunks: dict[str, bytes] = {}

    def read(name: str, pipe: object) -> None:
        chunks[name] = pipe.read()  # type: ignore[attr-defined]

    threads = [
        threading.Thread(target=read, args=("out", process.stdout)),
        threading.Thread(target=read, args=("err", process.stderr)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return chunks.get("out", b""), chunks.get("err", b"")


def checked(result: Measurement, what: str) -> Measurement:
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode(errors="replace"))
        raise SystemExit(f"{what} failed with exit status {result.returncode}")
    return result


def summary(values: Sequence[float]) -> str:
    """`median (min..max)` of a few runs."""
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} (min {min(values):.2f}, max {max(values):.2f})"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def ensure_claims(
    path: Path, count: int, taskwarrior: Path | None = None, shape: str = "full"
) -> None:
    """Write `count` synthetic claims to `path` (and tasks) unless already there."""
    if path.exists() and (taskwarrior is None or taskwarrior.exists()):
        return
    print(f"generating {count:,} synthetic claims in {path} ...", flush=True)
    command = [sys.executable, str(HERE / "synth.py"), str(count), str(path)]
    if taskwarrior is not None:
        command += ["--taskwarrior", str(taskwarrior)]
    subprocess.run([*command, "--shape", shape], check=True)


def fresh_database(folder: Path, name: str) -> Path:
    """A path for a new SQLite database (any earlier file of that name removed)."""
    database = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    return database


def warm_up() -> None:
    """Run tracker once so its bytecode is cached, as it is after an install."""
    subprocess.run([*tracker_command(), "--help"], env=bench_env(), capture_output=True)


def work_dir(given: str | None) -> Path:
    folder = Path(given) if given else Path(os.environ.get("TMPDIR", "/tmp")) / "tracker-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def require(program: str, how: str) -> str:
    found = shutil.which(program)
    if found is None:
        raise SystemExit(f"{program} is not installed; install it with: {how}")
    return found
