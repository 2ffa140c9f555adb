"""The fast path's read: `tracker due` straight from an SQLite file, with sqlite3 only.

Starting SQLAlchemy costs more than half a second on a slow machine, most of the time
`tracker due` takes. When the database is a plain SQLite file already at the schema
head, this module answers `due` with `sqlite3` and SQL text built from the same
declarations the full path builds its query from (tracker.rows: ListingRow's columns,
the due rule), giving the same records. Anything else (a URL, a file that needs
migrating, is foreign or damaged) returns None, and the caller takes the full path,
which migrates, or refuses with the proper error.

A database file that does not exist yet holds no claims: `due` says so and creates
nothing (the first command that writes creates it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from tracker.records import CLAIM_KEYS, claim_records
from tracker.rows import Comparison, ListingRow, columns_of, due_rule, made
from tracker.store.sqlite_file import connect
from tracker.validate import name_key
from tracker.vocab import SCHEMA_HEAD

T = TypeVar("T")

_ALIASES = {"claims": "c", "speakers": "s", "sources": "src"}
_COLUMNS = ", ".join(f"{_ALIASES[c.table]}.{c.name}" for _, c in columns_of(ListingRow))

_LISTING = f"""
SELECT {_COLUMNS}
FROM claims AS c
JOIN speakers AS s ON s.id = c.speaker_id
LEFT OUTER JOIN sources AS src ON src.id = c.source_id
WHERE {{where}}
ORDER BY c.due_on, c.id
"""

_TAGS = """
SELECT ct.claim_id, t.name
FROM claim_tags AS ct JOIN tags AS t ON t.id = ct.tag_id
WHERE ct.claim_id IN (SELECT c.id FROM claims AS c WHERE {where})
ORDER BY ct.claim_id, t.name
"""

_SLIPS = """
SELECT d.claim_id, count(*)
FROM deadline_changes AS d
WHERE d.reason IS NULL AND d.claim_id IN (SELECT c.id FROM claims AS c WHERE {where})
GROUP BY d.claim_id
"""

_SPEAKER = """
SELECT id FROM speakers WHERE key = :key
UNION ALL
SELECT speaker_id FROM speaker_aliases WHERE key = :key
LIMIT 1
"""

_TAGGED = (
    "c.id IN (SELECT ct.claim_id FROM claim_tags AS ct"
    " JOIN tags AS t ON t.id = ct.tag_id WHERE t.name = :tag)"
)


def compared(rule: tuple[Comparison, ...]) -> tuple[list[str], dict[str, Any]]:
    """A rule of tracker.rows (`due_rule`) as SQL conditions and their parameters."""
    where = [f"c.{c.column} {c.operator} :{c.column}" for c in rule]
    params = {c.column: c.value.isoformat() if isinstance(c.value, date) else c.value for c in rule}
    return where, params


class NotHere(Exception):
    """This database needs the full path (migration, an error to report)."""


def _connect(path: Path) -> sqlite3.Connection | None:
    """The file opened for reading at the schema head; None if it does not exist."""
    if not path.exists():
        return None
    try:
        conn = connect(path)
    except sqlite3.Error as exc:
        raise NotHere from exc
    try:
        conn.execute("BEGIN")  # one snapshot for every query below
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise NotHere from exc
    if row is None or row[0] != SCHEMA_HEAD:
        conn.close()
        raise NotHere
    return conn


def due_listing(
    path: Path,
    as_of: date,
    within: int = 0,
    speaker: str | None = None,
    tag: str | None = None,
    with_slips: bool = False,
) -> list[dict[str, Any]] | None:
    """What `listings.due_records` gives (plus `slips` if asked), or None to take the full path.

    Most overdue first, ties by id; open claims whose `due_on` is before `as_of`, or
    within `within` days after it.
    """
    return _reading(path, lambda conn: _due(conn, as_of, within, speaker, tag, with_slips))


def explain_due(path: Path, as_of: date) -> str:
    """SQLite's plan for the listing query of `tracker due --as-of AS_OF`, one line."""
    where, params = compared(due_rule(as_of))
    sql = "EXPLAIN QUERY PLAN " + _LISTING.format(where=" AND ".join(where))
    with closing(sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)) as conn:
        return "; ".join(str(row[-1]) for row in conn.execute(sql, params))


def _due(
    conn: sqlite3.Connection,
    as_of: date,
    within: int,
    speaker: str | None,
    tag: str | None,
    with_slips: bool,
) -> list[dict[str, Any]]:
    where, params = compared(due_rule(as_of, within))
    if speaker:
        found = conn.execute(_SPEAKER, {"key": name_key(speaker)}).fetchone()
        if found is None:  # a surname, a near miss: the full path looks further
            raise NotHere
        where.append("c.speaker_id = :speaker")
        params["speaker"] = found[0]
    if tag:
        where.append(_TAGGED)
        params["tag"] = name_key(tag)
    condition = " AND ".join(where)
    rows = conn.execute(_LISTING.format(where=condition), params).fetchall()
    if not rows:
        return []
    tags: dict[int, list[str]] = {}
    for claim_id, name in conn.execute(_TAGS.format(where=condition), params):
        tags.setdefault(claim_id, []).append(name)
    records = claim_records(map(made(ListingRow), rows), CLAIM_KEYS, as_of=as_of, tags=tags)
    if with_slips:
        slips = dict(conn.execute(_SLIPS.format(where=condition), params).fetchall())
        for record in records:
            record["slips"] = slips.get(record["id"])
    return records


def speaker_names(path: Path) -> list[str] | None:
    """Every stored speaker's name, read with the standard library; None when the
    file needs the full path."""
    return _reading(path, lambda conn: [n for (n,) in conn.execute("SELECT name FROM speakers")])


def _reading(path: Path, work: Callable[[sqlite3.Connection], list[T]]) -> list[T] | None:
    """`work` on the file in one read transaction; [] if the file does not exist, None
    when it needs the full path (migration, an error to report, a lookup to widen)."""
    try:
        conn = _connect(path)
    except NotHere:
        return None
    if conn is None:
        return []
    try:
        return work(conn)
    except (sqlite3.Error, NotHere):
        return None
    finally:
        conn.close()
