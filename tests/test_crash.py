"""A process killed with SIGKILL mid-way leaves the database consistent."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Run, sql


def test_a_report_killed_during_delivery_loses_no_announcement(
    witkoff: Run, tmp_path: Path
) -> None:
    """Killed mid-delivery, a report leaves its claimed announcements pending under a
    process that no longer runs: the next report announces them again, once."""
    with socket.socket() as hook:
        hook.bind(("127.0.0.1", 0))
        hook.listen(1)
        hook.settimeout(60)
        url = f"http://127.0.0.1:{hook.getsockname()[1]}/hook"
        report = subprocess.Popen(
            [sys.executable, "-m", "tracker", "report", "--new-only", "--as-of", "2025-03-24",
             "--webhook", url],
            cwd=tmp_path,
            env=os.environ.copy(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        connection, _ = hook.accept()  # the report is now inside its delivery
        db = os.environ["TRACKER_DB"]
        assert sql(db, "SELECT state FROM report_deliveries") == [("pending",)]
        assert sql(db, "SELECT count(*) FROM report_announcements")[0][0] == 2
        report.send_signal(signal.SIGKILL)
        report.wait(timeout=60)
        connection.close()
    assert report.returncode == -signal.SIGKILL
    preview = witkoff("report", "--new-only", "--as-of", "2025-03-24", "--dry-run", "--format",
                      "json")  # fmt: skip
    assert [item["id"] for item in json.loads(preview.stdout)["new"]] == [1, 2]
    again = witkoff("report", "--new-only", "--as-of", "2025-03-24", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert [item["id"] for item in json.loads(again.stdout)["new"]] == [1, 2]
    assert sql(db, "SELECT state, owner FROM report_deliveries") == [("delivered", None)]
    assert sql(db, "SELECT count(*) FROM report_announcements")[0][0] == 2


def _big_jsonl(run: Run, path: Path, lines: int) -> None:
    exported = run("export", "--format", "jsonl")
    assert exported.exit_code == 0, exported.stderr
    template = json.loads(exported.stdout.splitlines()[0])
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            template["uid"] = f"crash-{n:08d}"
            template["text"] = f"claim number {n}"
            out.write(json.dumps(template) + "\n")


def _read_position(pid: int, path: Path) -> int:
    """How far the process has read into `path` (from /proc), 0 before it opens it."""
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        for fd in fd_dir.iterdir():
            if os.path.realpath(fd) == str(path.resolve()):
                info = Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text()
                return int(info.split("pos:")[1].split()[0])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0
    return 0


def _children(pid: int) -> list[int]:
    """The processes `pid` started (its staging workers), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped by whoever adopted it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_import_killed_half_way_imports_nothing(witkoff: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    _big_jsonl(witkoff, big, 40_000)
    size = big.stat().st_size
    importer = subprocess.Popen(
        [sys.executable, "-m", "tracker", "import", str(big)],
        cwd=tmp_path,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    position = 0
    while importer.poll() is None and position < size // 3:
        position = _read_position(importer.pid, big)
    assert importer.poll() is None, "the import finished before it could be killed"
    workers = _children(importer.pid)
    importer.send_signal(signal.SIGKILL)
    importer.wait(timeout=60)
    assert workers, "a file this large is read by worker processes"
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the importer"
    assert position >= size // 3
    database = os.environ["TRACKER_DB"]
    assert sql(database, "SELECT count(*) FROM claims")[0][0] == 3
    again = witkoff("import", str(big))
    assert again.exit_code == 0, again.stderr
    assert sql(database, "SELECT count(*) FROM claims")[0][0] == 40_003
