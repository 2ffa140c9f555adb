"""Every test gets its own database in a temp dir; nothing touches the user's real one."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, MetaData, create_engine, select, text

from tracker.cli import cli
from tracker.config import to_url

WITKOFF_CALL = "there will be a call with both presidents"

#: Set by .ci/run for the PostgreSQL pass: a server URL whose user may create databases.
PG_URL = os.environ.get("TRACKER_TEST_PG_URL")


def backend() -> str:
    return "postgresql" if PG_URL else "sqlite"


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine | None]:
    if not PG_URL:
        yield None
        return
    engine = create_engine(to_url(PG_URL), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _fresh_pg_database(admin: Engine) -> tuple[str, str]:
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    return name, url


def _drop_pg_database(admin: Engine, name: str) -> None:
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(autouse=True)
def tracker_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_admin: Engine | None
) -> Iterator[str]:
    """The test's own database: a SQLite file in a temp dir, or a fresh PostgreSQL database.

    Returns what TRACKER_DB is set to (a path for SQLite, a URL for PostgreSQL).
    """
    monkeypatch.setenv("TRACKER_TZ", "UTC")
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "config.toml"))
    if pg_admin is None:
        location = str(tmp_path / "tracker.db")
        monkeypatch.setenv("TRACKER_DB", location)
        yield location
        return
    name, url = _fresh_pg_database(pg_admin)
    monkeypatch.setenv("TRACKER_DB", url)
    yield url
    _drop_pg_database(pg_admin, name)


def db_engine(location: str | Path) -> Engine:
    return create_engine(to_url(str(location)))


def sql(location: str | Path, statement: str, **params: Any) -> list[Any]:
    """Run one SQL statement against the test database; rows for a query."""
    engine = db_engine(location)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return list(result) if result.returns_rows else []
    finally:
        engine.dispose()


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the CLI as a user would: `run("due", "--as-of", "2025-03-24")`."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    def invoke(*args: str) -> Any:
        result = run(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


def ok(run: Run, *args: str, input: str | None = None) -> Any:
    """The result of a command that must succeed."""
    result = run(*args, input=input)
    assert result.exit_code == 0, result.stderr
    return result


def refused(run: Run, *args: str) -> str:
    """The one stderr line of a command that must exit 2."""
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def dump(location: str | Path) -> list[str]:
    """Every table and row of the database as text, for before/after comparisons."""
    if "://" not in str(location) and not Path(location).exists():
        return []
    engine = db_engine(location)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        lines: list[str] = []
        with engine.connect() as conn:
            for table in sorted(metadata.tables.values(), key=lambda t: t.name):
                lines.append(f"table {table.name}: {sorted(table.columns.keys())}")
                rows = conn.execute(select(table).order_by(*table.columns)).all()
                lines.extend(f"{table.name} {tuple(row)!r}" for row in rows)
        return lines
    finally:
        engine.dispose()


@pytest.fixture
def witkoff(run: Run) -> Run:
    """The example article's claims, said on Sunday 2025-03-16."""
    said = ("--speaker", "Steve Witkoff", "--said-on", "2025-03-16")
    src = ("--source", "https://www.bbc.com/news/articles/c8rx2v0qk4zo")
    for claim_text, phrase in [
        (WITKOFF_CALL, "this week"),
        ("US teams will meet both sides", "during the coming week"),
        ("a deal will be reached", "in the coming weeks"),
    ]:
        result = run("add", claim_text, "--by", phrase, *said, *src)
        assert result.exit_code == 0, result.stderr
    return run


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment: the tests' servers listen on 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
