"""The row shapes of tracker.rows against the ORM metadata, and the two paths built
from them against each other."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import Run
from tracker.rows import (
    CLAIM_ROW_COLUMNS,
    CLAIM_VALUES,
    IMPORT_FIELDS,
    ClaimRow,
    ListingRow,
    days_overdue,
    due_rule,
    due_through,
    is_due,
)
from tracker.store.bulk import WRITTEN_ROWS
from tracker.store.models import Base

TABLES = Base.metadata.tables


def test_every_field_of_a_claim_row_is_a_column() -> None:
    assert list(CLAIM_ROW_COLUMNS) == list(ClaimRow._fields)
    for field, column in CLAIM_ROW_COLUMNS.items():
        assert column.name in TABLES[column.table].c, f"{field}: {column}"


def test_a_listing_row_is_part_of_a_claim_row_and_all_a_listing_needs() -> None:
    from tracker.records import CLAIM_KEYS, FIELDS

    assert set(ListingRow._fields) <= set(ClaimRow._fields)
    used = {name for key in CLAIM_KEYS for name in ClaimRow._fields if f"row.{name}" in FIELDS[key]}
    assert used <= set(ListingRow._fields)


def test_a_record_is_the_same_from_either_shape() -> None:
    from datetime import datetime

    from tracker.records import CLAIM_KEYS, claim_records

    values = dict.fromkeys(ClaimRow._fields)
    values |= {"id": 7, "uid": "u", "text": "t", "speaker": "S", "said_on": date(2025, 3, 16)}
    values |= {"deadline_phrase": "this week", "deadline_start": date(2025, 3, 17)}
    values |= {"deadline_end": date(2025, 3, 23), "due_on": date(2025, 3, 23), "status": "open"}
    values |= {"created_at": datetime(2025, 3, 16), "updated_at": datetime(2025, 3, 16)}
    full = ClaimRow(**values)
    listing = ListingRow(**{name: values[name] for name in ListingRow._fields})
    context = {"as_of": date(2025, 3, 24), "tags": {7: ["x"]}}
    records = claim_records([full, listing], CLAIM_KEYS, **context)
    assert records[0] == records[1]
    assert records[1]["days_overdue"] == 1 and records[1]["tags"] == ["x"]


@pytest.mark.parametrize("table", sorted(IMPORT_FIELDS))
def test_every_value_an_import_writes_is_a_column(table: str) -> None:
    assert set(IMPORT_FIELDS[table]) <= set(TABLES[table].c.keys())


def test_an_import_writes_every_column_of_a_claim_but_its_ids() -> None:
    ids = {"id", "speaker_id", "source_id", "event_id"}
    assert set(CLAIM_VALUES) == set(TABLES["claims"].c.keys()) - ids


@pytest.mark.parametrize("table", sorted(WRITTEN_ROWS))
def test_every_row_the_loader_writes_names_columns(table: str) -> None:
    assert set(WRITTEN_ROWS[table]) <= set(TABLES[table].c.keys())


def test_the_due_rule_names_columns() -> None:
    for comparison in due_rule(date(2025, 3, 24), 7):
        assert comparison.column in TABLES["claims"].c


def test_due_through() -> None:
    as_of = date(2025, 3, 24)
    assert due_through(as_of) == date(2025, 3, 23)
    assert due_through(as_of, 7) == date(2025, 3, 31)


@pytest.mark.parametrize("due_on", [date(2025, 3, 23), "2025-03-23"])
def test_a_claim_is_due_the_day_after_its_window_ends(due_on: date | str) -> None:
    assert not is_due("open", due_on, date(2025, 3, 23))
    assert is_due("open", due_on, date(2025, 3, 24))
    assert not is_due("kept", due_on, date(2025, 3, 24))
    assert days_overdue("open", due_on, date(2025, 3, 24)) == 1
    assert days_overdue("open", due_on, date(2025, 3, 23)) == 0
    assert days_overdue("broken", due_on, date(2025, 3, 24)) is None


@pytest.fixture
def claims_file(run: Run, tmp_path: Path) -> Path:
    path = tmp_path / "rows.db"
    db = ("--db", str(path))
    start = date(2025, 1, 6)
    for number in range(12):
        said = (start + timedelta(days=9 * number)).isoformat()
        extra = ["--source", f"https://example.org/{number % 4}"] if number % 3 else []
        args = ["add", f"claim {number}", "--speaker", f"S{number % 3}", "--by", "within 10 days"]
        result = run(*db, *args, "--said-on", said, "--tag", f"t{number % 2}", *extra)
        assert result.exit_code == 0, result.stderr
    judged = run(*db, "verify", "2", "--outcome", "broken", "--on", "2025-02-01")
    slipped = run(*db, "slip", "3", "--by", "next month", "--said-on", "2025-01-30")
    assert judged.exit_code == slipped.exit_code == 0, judged.stderr + slipped.stderr
    return path


def test_both_paths_read_the_same_rows(claims_file: Path) -> None:
    """The fast path's SQL text and the full path's select, built from one declaration,
    read the same values from the same file (days as text on the fast path)."""
    from tracker.config import to_url
    from tracker.store import fast_read
    from tracker.store.engine import Database
    from tracker.store.full_read import claim_rows, compared

    for as_of, within in ((date(2025, 2, 1), 0), (date(2025, 3, 1), 30), (date(2026, 1, 1), 0)):
        where, params = fast_read.compared(due_rule(as_of, within))
        sql = fast_read._LISTING.format(where=" AND ".join(where))
        with sqlite3.connect(claims_file) as conn:
            fast = [ListingRow._make(row) for row in conn.execute(sql, params)]
        database = Database.open(to_url(str(claims_file)))
        with database.session() as session:
            conditions = compared(due_rule(as_of, within))
            full = claim_rows(session, conditions, _due_order(), ListingRow)
        assert fast and [_as_text(row) for row in full] == [_as_text(row) for row in fast]


def _due_order() -> tuple[object, ...]:
    from tracker.store.models import Claim

    return (Claim.due_on, Claim.id)


def _as_text(row: ListingRow | ClaimRow) -> tuple[object, ...]:
    """Days as ISO text and times to the microsecond, as SQLite stores them."""
    return tuple(
        value.isoformat(" ", "microseconds")[:26]
        if hasattr(value, "hour")
        else value.isoformat()
        if isinstance(value, date)
        else value
        for value in row
    )
