"""`tracker due` on a plain SQLite file: the fast path against the full path.

Both run in every pass: the file is the test's own SQLite database, named once as a
path (the fast path, tracker.store.fast_read, answers) and once as an `sqlite:///` URL
(the full path, SQLAlchemy, answers).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Run, dump
from tracker.store.fast_read import due_listing, explain_due
from tracker.vocab import SCHEMA_HEAD

SPEAKERS = ["Steve Witkoff", "Zoë Ångström", "Dmitry Peskov"]


@pytest.fixture
def archive(run: Run, tmp_path: Path) -> Path:
    """A SQLite file with claims in every state the due listing has to tell apart."""
    path = tmp_path / "archive.db"
    db = ("--db", str(path))
    phrases = ["this week", "by the end of the month", "in the coming weeks", "within 10 days"]
    number = 0
    for month in (1, 2, 3):
        for index, phrase in enumerate(phrases):
            number += 1
            args = [
                "add",
                f"claim {number}: «{phrase}» ✓",
                "--speaker",
                SPEAKERS[number % 3],
                "--by",
                phrase,
                "--said-on",
                f"2025-0{month}-{10 + index:02d}",
            ]
            if number % 2:
                args += ["--tag", "Ukraine", "--tag", f"t{number % 3}"]
            if number % 3 == 0:
                args += ["--source", f"https://example.org/{number}", "--quote", "q"]
            if number % 4 == 1:
                args += ["--confidence", "0.25", "--criteria", "a call happens"]
            result = run(*db, *args)
            assert result.exit_code == 0, result.stderr
    steps = [
        ("verify", "2", "--outcome", "kept", "--on", "2025-01-14"),
        ("snooze", "3", "--until", "2025-06-01", "--as-of", "2025-03-01"),
        ("slip", "4", "--by", "next month", "--said-on", "2025-02-01"),
        ("slip", "4", "--by", "by the end of the year", "--said-on", "2025-03-01"),
        ("verify", "5", "--outcome", "broken", "--on", "2025-03-01"),
        ("reopen", "5", "--as-of", "2025-03-05"),
        ("speakers", "rename", "Dmitry Peskov", "D. Peskov"),
    ]
    for step in steps:
        result = run(*db, *step)
        assert result.exit_code == 0, result.stderr
    return path


AS_OF = ["2025-01-01", "2025-01-20", "2025-02-15", "2025-04-01", "2025-06-02", "2026-01-01"]
FILTERS = [
    (),
    ("--within", "7"),
    ("--within", "400"),
    ("--speaker", "dmitry  PESKOV"),  # the old name, now an alias
    ("--speaker", "zoë ångström"),
    ("--speaker", "nobody"),
    ("--tag", "ukraine"),
    ("--tag", "T1", "--within", "30"),
    ("--tag", "missing"),
]


@pytest.mark.parametrize("fmt", ["json", "table", "csv", "markdown"])
def test_file_and_url_give_the_same_bytes(run: Run, archive: Path, fmt: str) -> None:
    seen = set()
    for as_of in AS_OF:
        for extra in FILTERS:
            args = ("due", "--as-of", as_of, *extra, "--format", fmt)
            fast = run("--db", str(archive), *args)
            full = run("--db", f"sqlite:///{archive}", *args)
            assert fast.exit_code == full.exit_code == 0, fast.stderr + full.stderr
            assert fast.stdout == full.stdout, args
            assert fast.stderr == full.stderr, args
            seen.add(fast.stdout)
    assert len(seen) > 20  # the cases differ from each other, so the comparison means something


def test_fast_listing_matches_what_was_stored(archive: Path) -> None:
    records = due_listing(archive, date(2025, 6, 2), with_slips=True)
    assert records is not None
    ids = [r["id"] for r in records]
    assert 2 not in ids  # kept
    assert 3 in ids  # snoozed until 2025-06-01, due again on the 2nd
    assert 4 not in ids  # slipped to the end of the year
    assert 5 in ids  # reopened
    overdue = [(-r["days_overdue"], r["id"]) for r in records]
    assert overdue == sorted(overdue) and overdue[-1][0] <= -1  # most overdue first
    assert next(r for r in records if r["id"] == 3)["days_overdue"] == 1
    reopened = next(r for r in records if r["id"] == 5)
    assert reopened["tags"] == ["t2", "ukraine"] and reopened["slips"] is None
    assert json.loads(json.dumps(records)) == records  # plain values only


def test_due_on_a_missing_file_creates_nothing(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "new.db"
    result = run("--db", str(path), "due", "--as-of", "2025-01-01")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "nothing due as of 2025-01-01",
        f"no database at {path}; nothing to show",
    ]
    assert run("--db", str(path), "due", "--format", "json").stdout.strip() == "[]"
    assert not path.exists() and not path.parent.exists()


def test_an_older_schema_goes_the_full_way_and_is_migrated(run: Run, archive: Path) -> None:
    with sqlite3.connect(archive) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
        conn.execute("DROP INDEX ix_claims_open_due_on")
        conn.execute("CREATE INDEX ix_claims_open_due_on ON claims (due_on)")
        conn.execute("DROP TABLE journal")  # made by 0006
        conn.execute("DROP INDEX ix_claims_event_id")  # and these by 0007
        conn.execute("ALTER TABLE claims DROP COLUMN event_id")
        conn.execute("ALTER TABLE deadline_changes DROP COLUMN reason")
        conn.execute("DROP TABLE event_aliases")
        conn.execute("DROP TABLE events")
        for column in ("lease_until", "owner", "state"):  # and these by 0008
            conn.execute(f"ALTER TABLE report_deliveries DROP COLUMN {column}")
        conn.execute("DROP TABLE claim_sources")  # and this by 0009
    assert due_listing(archive, date(2025, 6, 2)) is None
    result = run("--db", str(archive), "due", "--as-of", "2025-06-02", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)
    with sqlite3.connect(archive) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
    assert due_listing(archive, date(2025, 6, 2)) is not None


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all" * 100],
)
def test_foreign_or_damaged_files_are_left_to_the_full_path(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.db"
    path.write_bytes(content)
    assert due_listing(path, date(2025, 6, 2)) is None
    assert path.read_bytes() == content


def test_the_fast_path_writes_nothing(archive: Path) -> None:
    before = dump(archive)
    assert due_listing(archive, date(2025, 6, 2), speaker="nobody", tag="ukraine") is None
    assert due_listing(archive, date(2025, 6, 2), within=30, tag="ukraine")
    assert dump(archive) == before


def test_the_fast_query_walks_the_open_claims_index(archive: Path) -> None:
    plan = explain_due(archive, date(2025, 6, 2))
    assert "INDEX ix_claims_open_due_on (status=? AND due_on<?)" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
