"""Every test gets its own database in a temp dir; nothing touches the user's real one."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tracker.cli import cli

WITKOFF_CALL = "there will be a call with both presidents"


@pytest.fixture(autouse=True)
def tracker_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tracker.db"
    monkeypatch.setenv("TRACKER_DB", str(path))
    monkeypatch.setenv("TRACKER_TZ", "UTC")
    return path


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


def dump(path: Path) -> list[str]:
    """Every row of a SQLite database as SQL text, for before/after comparisons."""
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture
def witkoff(run: Run) -> Run:
    """The example article's claims, said on Sunday 2025-03-16."""
    said = ("--speaker", "Steve Witkoff", "--said-on", "2025-03-16")
    src = ("--source", "https://www.bbc.com/news/articles/c8rx2v0qk4zo")
    for text, phrase in [
        (WITKOFF_CALL, "this week"),
        ("US teams will meet both sides", "during the coming week"),
        ("a deal will be reached", "in the coming weeks"),
    ]:
        result = run("add", text, "--by", phrase, *said, *src)
        assert result.exit_code == 0, result.stderr
    return run
