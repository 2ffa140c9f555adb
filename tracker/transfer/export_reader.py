"""Claims read for export, in id order, a chunk at a time, with their tags and history.

Claims are read with keyset pagination on `id`, each chunk with its tags, checks and
deadline changes, so memory stays flat however large the database. The rows are
tracker.rows.ClaimRow, read with the full path's columns (tracker.store.full_read).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from tracker.records import day_text, source_object, timestamp_text
from tracker.rows import ClaimRow, made
from tracker.store.full_read import claim_rows_select
from tracker.store.models import (
    Check,
    Claim,
    ClaimSource,
    DeadlineChange,
    Event,
    Source,
    Tag,
    claim_tags,
)

CHUNK = 2_000


def check_object(check: Mapping[Any, Any]) -> dict[str, Any]:
    return {
        "kind": check["kind"],
        "outcome": check["outcome"],
        "happened_on": day_text(check["happened_on"]),
        "until": day_text(check["until"]),
        "days_late": check["days_late"],
        "evidence_url": check["evidence_url"],
        "note": check["note"],
        "recorded_at": timestamp_text(check["recorded_at"]),
    }


def change_object(change: Mapping[Any, Any]) -> dict[str, Any]:
    return {
        "said_on": day_text(change["said_on"]),
        "old_phrase": change["old_phrase"],
        "old_said_on": day_text(change["old_said_on"]),
        "old_start": day_text(change["old_start"]),
        "old_end": day_text(change["old_end"]),
        "new_phrase": change["new_phrase"],
        "new_start": day_text(change["new_start"]),
        "new_end": day_text(change["new_end"]),
        "quote": change["quote"],
        "note": change["note"],
        "source": source_object(
            change["source_url"],
            change["source_title"],
            change["source_outlet"],
            change["source_published_on"],
        ),
        "recorded_at": timestamp_text(change["recorded_at"]),
        "reason": change["reason"],
    }


def events_of(session: Session, ids: Select[Any]) -> dict[int, dict[str, Any]]:
    """The event each claim counts from, by claim id (claims on none left out)."""
    query = (
        select(Claim.id, Event.name, Event.on, Event.term_months, Event.note)
        .join(Event, Event.id == Claim.event_id)
        .where(Claim.id.in_(ids))
    )
    return {
        claim_id: {"name": name, "on": day_text(on), "term_months": term, "note": note}
        for claim_id, name, on, term, note in session.execute(query)
    }


@dataclass(frozen=True)
class Chunk:
    """Some matching claims in id order, and a select of their ids for related rows."""

    rows: list[ClaimRow]
    ids: Select[Any]


def claim_chunks(
    session: Session, conditions: Sequence[ColumnElement[bool]], size: int = CHUNK
) -> Iterator[Chunk]:
    """The matching claims (with speaker name and source) in id order, `size` at a time.

    The ids select repeats the conditions over the chunk's id range rather than
    listing the ids, which SQLAlchemy would turn into a bound parameter each.
    """
    query = claim_rows_select(conditions, (Claim.id,)).limit(size)
    last_id = 0
    while True:
        rows = list(map(made(ClaimRow), session.execute(query.where(Claim.id > last_id))))
        if not rows:
            return
        span = (Claim.id > last_id, Claim.id <= rows[-1].id)
        yield Chunk(rows, select(Claim.id).where(*conditions, *span))
        last_id = rows[-1].id


def tags_of(session: Session, ids: Select[Any]) -> dict[int, list[str]]:
    """Tag names by claim id, sorted in Python so every backend agrees on the order."""
    query = (
        select(claim_tags.c.claim_id, Tag.name)
        .join(Tag, Tag.id == claim_tags.c.tag_id)
        .where(claim_tags.c.claim_id.in_(ids))
    )
    tags: dict[int, list[str]] = {}
    for claim_id, name in session.execute(query):
        tags.setdefault(claim_id, []).append(name)
    return {claim_id: sorted(names) for claim_id, names in tags.items()}


def checks_of(session: Session, ids: Select[Any]) -> dict[int, list[dict[str, Any]]]:
    query = select(Check.__table__).where(Check.claim_id.in_(ids)).order_by(Check.id)
    found: dict[int, list[dict[str, Any]]] = {}
    for row in session.execute(query).mappings():
        found.setdefault(row["claim_id"], []).append(check_object(row))
    return found


def changes_of(session: Session, ids: Select[Any]) -> dict[int, list[dict[str, Any]]]:
    query = (
        select(
            DeadlineChange.__table__,
            Source.url.label("source_url"),
            Source.title.label("source_title"),
            Source.outlet.label("source_outlet"),
            Source.published_on.label("source_published_on"),
        )
        .outerjoin(Source, Source.id == DeadlineChange.source_id)
        .where(DeadlineChange.claim_id.in_(ids))
        .order_by(DeadlineChange.id)
    )
    found: dict[int, list[dict[str, Any]]] = {}
    for row in session.execute(query).mappings():
        found.setdefault(row["claim_id"], []).append(change_object(row))
    return found


def other_sources_of(session: Session, ids: Select[Any]) -> dict[int, list[dict[str, Any]]]:
    """Each claim's other sources (codec.OTHER_SOURCE_FIELDS), in the order they came."""
    query = (
        select(
            ClaimSource.claim_id,
            Source.url,
            Source.title,
            Source.outlet,
            Source.published_on,
            ClaimSource.said_on,
            ClaimSource.note,
            ClaimSource.added_at,
            ClaimSource.added_by,
        )
        .join(Source, Source.id == ClaimSource.source_id)
        .where(ClaimSource.claim_id.in_(ids))
        .order_by(ClaimSource.id)
    )
    found: dict[int, list[dict[str, Any]]] = {}
    for (
        claim_id,
        url,
        title,
        outlet,
        published_on,
        said_on,
        note,
        added_at,
        added_by,
    ) in session.execute(query):
        found.setdefault(claim_id, []).append(
            {
                **(source_object(url, title, outlet, published_on) or {}),
                "said_on": day_text(said_on),
                "note": note,
                "added_at": timestamp_text(added_at),
                "added_by": added_by,
            }
        )
    return found
