"""Bulk writes for `tracker import`: the tables, the rows it writes, and the store
protocol both paths implement (tracker.store.fast_write's SqliteStore on sqlite3,
tracker.store.full_write's CoreStore on SQLAlchemy Core). Free of SQLAlchemy.

Each row's columns come from the shapes declared in tracker.rows, plus the ids the
loader looks up or makes.
"""

from __future__ import annotations

from typing import Any, Protocol

from tracker.rows import (
    CLAIM_VALUES,
    ChangeValues,
    CheckValues,
    EventValues,
    OtherSourceValues,
    SourceValues,
)

LOOKUP_CHUNK = 900  # under SQLite's oldest limit of 999 bound parameters

CLAIMS, CHECKS, CHANGES, EVENTS = "claims", "checks", "deadline_changes", "events"
OTHER_SOURCES = "claim_sources"
SPEAKERS, ALIASES, SOURCES, TAGS, CLAIM_TAGS = (
    "speakers",
    "speaker_aliases",
    "sources",
    "tags",
    "claim_tags",
)
#: What belongs to a claim besides its row: replaced whole by `--on-conflict update`.
HISTORY = (CLAIM_TAGS, CHECKS, CHANGES, OTHER_SOURCES)

#: The columns of each row the loader writes, in order.
CLAIM_ROW = ("speaker_id", "source_id", "event_id", *CLAIM_VALUES)
CHECK_ROW = ("claim_id", *CheckValues._fields)
CHANGE_ROW = ("claim_id", "source_id", *ChangeValues._fields)
SOURCE_ROW = SourceValues._fields
SPEAKER_ROW = ("name", "key", "created_at")
TAG_ROW = ("name",)
EVENT_ROW = (*EventValues._fields, "created_at")
CLAIM_TAG_ROW = ("claim_id", "tag_id")
OTHER_SOURCE_ROW = ("claim_id", "source_id", *OtherSourceValues._fields)
#: Every row shape the loader writes, by table (tests check them against the ORM).
WRITTEN_ROWS: dict[str, tuple[str, ...]] = {
    CLAIMS: CLAIM_ROW,
    CHECKS: CHECK_ROW,
    CHANGES: CHANGE_ROW,
    SOURCES: SOURCE_ROW,
    SPEAKERS: SPEAKER_ROW,
    TAGS: TAG_ROW,
    CLAIM_TAGS: CLAIM_TAG_ROW,
    EVENTS: EVENT_ROW,
    OTHER_SOURCES: OTHER_SOURCE_ROW,
}


class Store(Protocol):
    """Bulk reads and writes in the caller's transaction; tables are named."""

    #: Staged values are SQLite's storage forms (else Python dates and times).
    sqlite: bool

    def was_empty(self, table: str) -> bool:
        """Whether the table was empty when the import began, nothing else writing since."""

    def lookup(self, table: str, key: str, keys: list[Any], value: str = "id") -> dict[Any, Any]:
        """`{key: id}` (or `{key: value}`) for those keys present in the table."""

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Insert rows (values in the order of `columns`)."""

    def insert_new(
        self, table: str, key: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> list[int]:
        """Insert rows whose `key` is unique; their new ids, in the same order."""

    def update_claims(self, rows: list[tuple[Any, ...]]) -> None:
        """Rewrite stored claims: each row is CLAIM_ROW's values, then the claim's id."""

    def delete_history(self, claim_ids: list[int]) -> None:
        """Remove these claims' tags, checks, deadline changes and other sources."""

    def bulk(self) -> None:
        """Told before the first full batch lands."""

    def finish(self) -> None:
        """Told once every row is written (and none was refused)."""
