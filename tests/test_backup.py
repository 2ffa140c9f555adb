"""`tracker db backup`: a consistent copy while others write (SQLite); pg_dump advice."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from tests.conftest import Run, backend, dump

WRITER = """
import sys
from tracker.cli import cli
for n in range(150):
    cli.main(["add", f"c{n}", "--speaker", "S", "--by", "within 30 days",
              "--said-on", "2025-01-01"], standalone_mode=False)
"""


def test_backup_while_another_process_writes(witkoff: Run, tracker_db: str, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    if backend() == "postgresql":
        result = witkoff("db", "backup", str(target))
        assert result.exit_code == 2
        assert "pg_dump --format=custom" in result.stderr
        assert not target.exists()
        return
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER],
        cwd=tmp_path,
        env=os.environ.copy(),
        stderr=subprocess.PIPE,
        text=True,
    )
    copies = []
    for index in range(5):
        path = tmp_path / f"copy{index}.db"
        result = witkoff("db", "backup", str(path))
        assert result.exit_code == 0, result.stderr
        copies.append(path)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    for path in copies:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        assert 3 <= count <= 153
        listed = witkoff("--db", str(path), "list", "--format", "json")
        assert listed.exit_code == 0, listed.stderr
    final = tmp_path / "final.db"
    assert witkoff("db", "backup", str(final)).exit_code == 0
    assert dump(final) == dump(tracker_db)


def test_backup_refuses_to_overwrite_the_database(witkoff: Run, tracker_db: str) -> None:
    result = witkoff("db", "backup", tracker_db)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_backup_into_a_missing_folder_is_bad_input(witkoff: Run, tmp_path: Path) -> None:
    result = witkoff("db", "backup", str(tmp_path / "nowhere" / "copy.db"))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_backup_refuses_an_existing_target_unless_forced(
    witkoff: Run, tracker_db: str, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"an earlier backup")
    if backend() == "postgresql":  # there is no file to copy: pg_dump is the advice
        assert "pg_dump" in witkoff("db", "backup", str(target), "--force").stderr
        return
    result = witkoff("db", "backup", str(target))
    assert (result.exit_code, result.stderr) == (
        2,
        f"tracker: error: {target} exists; add --force to replace it\n",
    )
    assert target.read_bytes() == b"an earlier backup"
    assert witkoff("db", "backup", str(target), "--force").exit_code == 0
    assert dump(target) == dump(tracker_db)


def test_backup_of_a_database_not_made_yet_makes_nothing(witkoff: Run, tmp_path: Path) -> None:
    missing = tmp_path / "none" / "x.db"
    result = witkoff("--db", str(missing), "db", "backup", str(tmp_path / "copy.db"))
    assert result.exit_code == 2 and "no database at" in result.stderr
    assert not missing.parent.exists() and not (tmp_path / "copy.db").exists()
