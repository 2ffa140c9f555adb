"""A process killed with SIGKILL mid-way leaves the database consistent."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import Run, sql


def test_report_killed_during_delivery_records_nothing(witkoff: Run, tmp_path: Path) -> None:
    with socket.socket() as hook:
        hook.bind(("127.0.0.1", 0))
        hook.listen(1)
        hook.settimeout(60)
        url = f"http://127.0.0.1:{hook.getsockname()[1]}/hook"
        report = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tracker",
                "report",
                "--new-only",
                "--as-of",
                "2025-03-24",
                "--webhook",
                url,
            ],
            cwd=tmp_path,
            env=os.environ.copy(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        connection, _ = hook.accept()  # the report is now inside its delivery
        report.send_signal(signal.SIGKILL)
        report.wait(timeout=60)
        connection.close()
    assert report.returncode == -signal.SIGKILL
    assert sql(os.environ["TRACKER_DB"], "SELECT count(*) FROM report_deliveries")[0][0] == 0
    assert sql(os.environ["TRACKER_DB"], "SELECT count(*) FROM report_announcements")[0][0] == 0
    again = witkoff("report", "--new-only", "--as-of", "2025-03-24", "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert [item["id"] for item in json.loads(again.stdout)["new"]] == [1, 2]
