"""Several processes at once: nothing lost, nothing announced twice, no lock errors shown."""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, backend, sql

WRITERS = 8
#: Each writer's claims: enough for every writer to meet the others and the reporters
#: many times over (each `add` is its own process-long transaction).
CLAIMS_EACH = 100
REPORTERS = 2

WRITER = """
import sys
from datetime import date, timedelta
from tracker.cli import cli

worker = int(sys.argv[1])
for n in range({each}):
    said = date(2025, 1, 1) + timedelta(days=n % 60)
    code = cli.main(
        ["add", f"claim {{worker}}-{{n}}", "--speaker", f"Speaker {{n % 7}}",
         "--by", "within 30 days", "--said-on", said.isoformat(), "--tag", f"t{{n % 5}}",
         "--source", f"https://example.org/{{n % 11}}"],
        standalone_mode=False,
    )
    if code:
        sys.exit(code)
"""

REPORTER = """
import json, subprocess, sys
announced = []
for as_of in ["2025-02-01", "2025-02-15", "2025-03-01", "2025-03-20", "2025-04-15"] * 2:
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "report", "--new-only", "--format", "json",
         "--as-of", as_of], capture_output=True, text=True)
    if out.returncode:
        sys.stderr.write(out.stderr)
        sys.exit(out.returncode)
    announced += [item["id"] for item in json.loads(out.stdout)["new"]]
print(json.dumps(announced))
"""


@pytest.fixture
def machine_to_ourselves() -> Iterator[None]:
    """Timed tests take a lock held across processes: CI runs its SQLite and PostgreSQL
    passes side by side, and two of these at once would time the machine, not tracker."""
    with open(Path(os.environ.get("TMPDIR", "/tmp")) / "tracker-timed-tests.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def spawn(code: str, *args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.usefixtures("machine_to_ourselves")
def test_writers_and_reporters_at_once(tracker_db: str, tmp_path: Path) -> None:
    writers = [spawn(WRITER.format(each=CLAIMS_EACH), str(w), cwd=tmp_path) for w in range(WRITERS)]
    reporters = [spawn(REPORTER, cwd=tmp_path) for _ in range(REPORTERS)]
    results = [(p, *p.communicate(timeout=600)) for p in writers + reporters]
    for proc, _out, err in results:
        assert proc.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err and "serializ" not in err
    texts = [row[0] for row in sql(tracker_db, "SELECT text FROM claims")]
    assert len(texts) == WRITERS * CLAIMS_EACH
    assert len(set(texts)) == WRITERS * CLAIMS_EACH
    announced = [i for _, out, _ in results[WRITERS:] for i in json.loads(out)]
    assert len(announced) == len(set(announced)), "a claim was announced twice"
    stored = sql(tracker_db, "SELECT count(*) FROM report_announcements")[0][0]
    assert stored == len(announced)
    assert len(sql(tracker_db, "SELECT id FROM speakers")) == 7
    assert len(sql(tracker_db, "SELECT id FROM tags")) == 5


# delivering with no lock held

TIMED_WRITER = """
import json, sys, time
from datetime import date, timedelta
from tracker.cli import cli
worker, slowest = int(sys.argv[1]), 0.0
cli.main(["show", "1", "--format", "json"], standalone_mode=False)  # imports, untimed
for n in range(50):
    start = time.monotonic()
    said = date(2025, 1, 1) + timedelta(days=n)
    code = cli.main(["add", f"claim {worker}-{n}", "--speaker", f"Speaker {n % 7}",
                     "--by", "within 30 days", "--said-on", said.isoformat()],
                    standalone_mode=False)
    slowest = max(slowest, time.monotonic() - start)
    if code:
        sys.exit(code)
print(json.dumps(slowest))
"""

CRON_REPORTER = """
import os, subprocess, sys
stop = sys.argv[1]
while True:
    last = os.path.exists(stop)
    out = subprocess.run(
        [sys.executable, "-m", "tracker", "report", "--new-only", "--as-of", "2025-06-01"],
        capture_output=True, text=True)  # each run posts, even an empty report: 3 s each
    if out.returncode:
        sys.exit(out.stderr)
    if last:
        break
"""


@dataclass
class SlowHook:
    """A webhook that takes 3 s to answer and, on SQLite, checks meanwhile that a
    writer can begin a write transaction within a second (the writers' own are short)."""

    database: str
    bodies: list[dict[str, Any]] = field(default_factory=list)
    writable: list[bool] = field(default_factory=list)
    first: threading.Event = field(default_factory=threading.Event)

    def received(self, body: bytes) -> None:
        if backend() == "sqlite":
            self.writable.append(_can_write_now(self.database))
        self.bodies.append(json.loads(body))
        self.first.set()
        threading.Event().wait(3)  # the slow network this test is about


def _can_write_now(path: str) -> bool:
    """Whether a write transaction can start while the delivery is held: the report's
    own would block it for good (its process waits on this reply), the writers' only
    for a moment, so the wait allowed is long for them and short of the 3 s delivery."""
    conn = sqlite3.connect(path, timeout=2.5)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.rollback()
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


@pytest.fixture
def slow_hook(
    tracker_db: str, monkeypatch: pytest.MonkeyPatch, no_proxy: None
) -> Iterator[SlowHook]:
    hook = SlowHook(tracker_db)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hook.received(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("TRACKER_WEBHOOK_URL", f"http://127.0.0.1:{server.server_address[1]}/h")
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.usefixtures("machine_to_ourselves")
def test_writers_never_wait_for_a_slow_webhook(
    run: Run, tracker_db: str, tmp_path: Path, slow_hook: SlowHook
) -> None:
    """8 writers x 50 adds beside 2 cron reports posting to a webhook that takes 3 s:
    every add finishes in under 5 s, and every claim is announced exactly once."""
    first = run("add", "first", "--speaker", "Ann", "--by", "2025-01-31", "--said-on", "2025-01-01")
    assert first.exit_code == 0, first.stderr
    stop = tmp_path / "stop"
    reporters = [spawn(CRON_REPORTER, str(stop), cwd=tmp_path) for _ in range(REPORTERS)]
    assert slow_hook.first.wait(60), "no report reached the webhook"
    writers = [spawn(TIMED_WRITER, str(w), cwd=tmp_path) for w in range(WRITERS)]
    written = [(p, *p.communicate(timeout=600)) for p in writers]
    stop.touch()
    reported = [(p, *p.communicate(timeout=600)) for p in reporters]
    for proc, _out, err in written + reported:
        assert proc.returncode == 0, err
    assert max(json.loads(out.splitlines()[-1]) for _, out, _ in written) < 5.0
    announced = [item["id"] for body in slow_hook.bodies for item in body["new"]]
    assert len(announced) == len(set(announced)), "a claim was announced twice"
    assert sorted(announced) == list(range(1, WRITERS * 50 + 2))
    assert all(slow_hook.writable), "a write transaction stayed open during a delivery"
    states = sql(tracker_db, "SELECT state, count(*) FROM report_deliveries GROUP BY state")
    assert [tuple(row) for row in states] == [("delivered", len(slow_hook.bodies))]
