"""Bad input that used to reach the internal-error path: each is one plain line and
exit 2, and a question answered badly gives up after three tries."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import Run, dump, ok, refused

WITKOFF = ("add", "a call", "--speaker", "Steve Witkoff", "--by", "this week",
           "--said-on", "2025-03-16")  # fmt: skip


def test_a_time_zone_too_long_is_refused_without_echoing_it(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_TZ", "A" * 300)
    line = refused(run, "due", "--as-of", "2025-03-24")
    assert "unknown time zone in TRACKER_TZ" in line and "A" * 100 not in line


def test_a_mysql_url_is_refused(run: Run) -> None:
    line = refused(run, "--db", "mysql://u:secret@h/db", "list")
    assert "not a database URL tracker can use" in line and "secret" not in line


@pytest.mark.parametrize("content", [b"garbage, not a database\n", None, "folder"])
def test_db_current_on_what_is_not_a_database_is_refused(
    run: Run, tmp_path: Path, content: bytes | str | None
) -> None:
    path = tmp_path / "odd.db"
    if content == "folder":
        path.mkdir()
    elif content is None:  # a real database cut short
        whole = tmp_path / "whole.db"
        with closing(sqlite3.connect(whole)) as conn, conn:
            conn.execute("CREATE TABLE t (x TEXT)")
            conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
        data = whole.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    line = refused(run, "--db", str(path), "db", "current")
    assert line.startswith(f"tracker: error: cannot use database sqlite:///{path}")


def test_export_to_a_directory_is_refused_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    ok(run, *WITKOFF)
    before = sorted(tmp_path.parent.iterdir())
    assert "is a directory" in refused(run, "export", "-o", str(tmp_path))
    assert sorted(tmp_path.parent.iterdir()) == before


def test_backup_to_an_empty_name_is_refused(run: Run, tmp_path: Path) -> None:
    db = ("--db", str(tmp_path / "claims.db"))  # backup copies a SQLite file
    ok(run, *db, *WITKOFF)
    assert "is not a file name" in refused(run, *db, "db", "backup", "")


def test_a_bad_answer_is_asked_three_times_then_cancelled(run: Run, tracker_db: str) -> None:
    ok(run, *WITKOFF)
    before = dump(tracker_db)
    result = run("rm", "1", input="x\nmaybe\n?\ny\n")
    assert result.exit_code == 1
    assert result.stderr.count("please answer y or n") == 3
    assert (
        result.stderr.splitlines()[-1]
        == "tracker: error: no answer understood in 3 tries; cancelled"
    )
    assert dump(tracker_db) == before
    second = run("rm", "1", input="x\nyes\n")
    assert second.exit_code == 0 and "deleted #1" in second.stderr
