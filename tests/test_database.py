"""Where the database lives, how it is opened, and files that are not ours."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

from tests.conftest import Run, sql
from tracker.config import Settings, mask_url, to_url
from tracker.store.schema import PAGE_SIZE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_db_flag_beats_env(run: Run, tmp_path: Path, monkeypatch) -> None:
    other = tmp_path / "other.db"
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "env.db"))
    assert run("--db", str(other), "db", "path").stdout.strip() == str(other)
    assert run("db", "path").stdout.strip() == str(tmp_path / "env.db")


def test_default_is_in_the_user_data_dir(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TRACKER_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = Settings.load()
    assert settings.db_url == f"sqlite:///{tmp_path}/data/tracker/tracker.db"


def test_urls_pass_through_and_passwords_are_masked() -> None:
    url = "postgresql+psycopg://newsroom:s3cret@db.example:5432/claims"
    assert to_url(url) == url
    assert to_url("postgresql://newsroom:s3cret@db.example:5432/claims") == url
    assert to_url("postgres://newsroom:s3cret@db.example:5432/claims") == url
    assert mask_url(url) == "postgresql+psycopg://newsroom:***@db.example:5432/claims"
    assert "s3cret" not in mask_url(url)


def test_new_database_is_private_and_in_wal_mode(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "claims.db"
    result = run("--db", str(path), "db", "upgrade")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE


def test_foreign_sqlite_file_is_refused_untouched(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "foreign.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    before = digest(path)
    result = run("--db", str(path), "due", "--as-of", "2025-01-01")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"tracker: error: cannot use database sqlite:///{path}: "
        "not a tracker database (it has other tables and no schema version)"
    ]
    assert digest(path) == before


def test_corrupt_file_is_refused_untouched(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not a database at all" * 200)
    before = digest(path)
    result = run("--db", str(path), "list")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not a database" in result.stderr
    assert digest(path) == before


def test_newer_schema_is_refused(run: Run, tracker_db: str) -> None:
    from tests.conftest import dump

    assert run("db", "upgrade").exit_code == 0
    sql(tracker_db, "UPDATE alembic_version SET version_num = '9999'")
    before = dump(tracker_db)
    result = run("due", "--as-of", "2025-01-01")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "newer than this tracker knows" in result.stderr
    assert run("db", "upgrade").exit_code == 1
    assert dump(tracker_db) == before


def test_db_current_and_upgrade(run: Run) -> None:
    from tracker.store.engine import SCHEMA_HEAD

    assert "run 'tracker db upgrade'" in run("db", "current").stdout
    assert run("db", "upgrade").stdout.strip() == f"database at revision {SCHEMA_HEAD} (head)"
    assert run("db", "current").stdout.strip() == f"{SCHEMA_HEAD} (head)"


def test_unreachable_postgresql_is_one_line_and_exit_1(run: Run) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://newsroom:s3cret@127.0.0.1:{port}/claims"
    result = run("--db", url, "due", "--as-of", "2025-01-01")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: error: cannot use database ")
    assert "s3cret" not in result.stderr and "***" in result.stderr
