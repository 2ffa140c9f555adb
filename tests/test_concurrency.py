"""Several processes at once: nothing lost, nothing announced twice, no lock errors shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import backend, sql

WRITERS = 8
#: Each writer's claims: fewer on PostgreSQL, where an `add` costs more and the server,
#: not one file's lock, serializes the writers.
CLAIMS_EACH = 100 if backend() == "postgresql" else 200
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


def spawn(code: str, *args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


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
