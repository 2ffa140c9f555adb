"""Export: claims as JSONL, CSV or ICS, streamed from the database in id order.

Claims are read in chunks with keyset pagination on `id`, each chunk with its
tags, checks and deadline changes, so memory stays flat however large the database.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import ColumnElement, Row, Select, select
from sqlalchemy.orm import Session

from tracker import exchange
from tracker.claims import ClaimFilter, filter_conditions
from tracker.errors import InputError, OperationalError
from tracker.models import Check, Claim, DeadlineChange, Source, Speaker, Tag, claim_tags

CHUNK = 2_000


def timestamp_text(moment: datetime) -> str:
    """A stored time in the one form every export uses: UTC, microseconds, `Z`."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds") + "Z"


def _day_text(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def source_object(values: Mapping[str, Any], prefix: str = "source_") -> dict[str, Any] | None:
    """`{url, title, outlet, published_on}` from `<prefix>url`... columns; None without a URL."""
    if values[prefix + "url"] is None:
        return None
    return {
        "url": values[prefix + "url"],
        "title": values[prefix + "title"],
        "outlet": values[prefix + "outlet"],
        "published_on": _day_text(values[prefix + "published_on"]),
    }


def check_object(check: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "kind": check["kind"],
        "outcome": check["outcome"],
        "happened_on": _day_text(check["happened_on"]),
        "until": _day_text(check["until"]),
        "days_late": check["days_late"],
        "evidence_url": check["evidence_url"],
        "note": check["note"],
        "recorded_at": timestamp_text(check["recorded_at"]),
    }


def change_object(change: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "said_on": change["said_on"].isoformat(),
        "old_phrase": change["old_phrase"],
        "old_said_on": change["old_said_on"].isoformat(),
        "old_start": change["old_start"].isoformat(),
        "old_end": change["old_end"].isoformat(),
        "new_phrase": change["new_phrase"],
        "new_start": change["new_start"].isoformat(),
        "new_end": change["new_end"].isoformat(),
        "quote": change["quote"],
        "note": change["note"],
        "source": source_object(change),
        "recorded_at": timestamp_text(change["recorded_at"]),
    }


@dataclass(frozen=True, slots=True)
class History:
    """What belongs to one claim besides its own row."""

    tags: list[str]
    checks: list[dict[str, Any]]
    changes: list[dict[str, Any]]


def claim_object(claim: Mapping[str, Any], history: History) -> dict[str, Any]:
    """The JSONL record: CLAIM_FIELDS in order."""
    return {
        "uid": claim["uid"],
        "text": claim["text"],
        "speaker": claim["speaker"],
        "said_on": claim["said_on"].isoformat(),
        "deadline_phrase": claim["deadline_phrase"],
        "deadline_rule": claim["deadline_rule"],
        "deadline_start": claim["deadline_start"].isoformat(),
        "deadline_end": claim["deadline_end"].isoformat(),
        "due_on": claim["due_on"].isoformat(),
        "status": claim["status"],
        "outcome_on": _day_text(claim["outcome_on"]),
        "quote": claim["quote"],
        "criteria": claim["criteria"],
        "confidence": claim["confidence"],
        "created_at": timestamp_text(claim["created_at"]),
        "updated_at": timestamp_text(claim["updated_at"]),
        "source": source_object(claim),
        "tags": history.tags,
        "checks": history.checks,
        "deadline_changes": history.changes,
    }


def jsonl_line(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_values(claim: Mapping[str, Any], tags: Sequence[str]) -> list[str]:
    """One CSV row in CSV_FIELDS order; empty cells for missing values."""
    values = {
        **claim,
        "tags": exchange.TAG_SEPARATOR.join(tags),
        "confidence": repr(claim["confidence"]) if claim["confidence"] is not None else None,
    }
    return [_cell(values[name]) for name in exchange.CSV_FIELDS]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_CLAIM_COLUMNS = (
    Claim.id,
    Claim.uid,
    Claim.text,
    Speaker.name.label("speaker"),
    Claim.said_on,
    Claim.deadline_phrase,
    Claim.deadline_rule,
    Claim.deadline_start,
    Claim.deadline_end,
    Claim.due_on,
    Claim.status,
    Claim.outcome_on,
    Claim.quote,
    Claim.criteria,
    Claim.confidence,
    Claim.created_at,
    Claim.updated_at,
    Source.url.label("source_url"),
    Source.title.label("source_title"),
    Source.outlet.label("source_outlet"),
    Source.published_on.label("source_published_on"),
)


@dataclass(frozen=True)
class Chunk:
    """Some matching claims in id order, and a select of their ids for related rows."""

    rows: list[Row[Any]]
    ids: Select[Any]


def claim_chunks(
    session: Session, conditions: Sequence[ColumnElement[bool]], size: int = CHUNK
) -> Iterator[Chunk]:
    """The matching claims (with speaker name and source) in id order, `size` at a time.

    The ids select repeats the conditions over the chunk's id range rather than
    listing the ids, which SQLAlchemy would turn into a bound parameter each.
    """
    query = (
        select(*_CLAIM_COLUMNS)
        .join(Speaker, Speaker.id == Claim.speaker_id)
        .outerjoin(Source, Source.id == Claim.source_id)
        .where(*conditions)
        .order_by(Claim.id)
        .limit(size)
    )
    last_id = 0
    while True:
        rows = session.execute(query.where(Claim.id > last_id)).all()
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


def _checks_of(session: Session, ids: Select[Any]) -> dict[int, list[dict[str, Any]]]:
    query = select(Check.__table__).where(Check.claim_id.in_(ids)).order_by(Check.id)
    found: dict[int, list[dict[str, Any]]] = {}
    for row in session.execute(query).mappings():
        found.setdefault(row["claim_id"], []).append(check_object(row))
    return found


def _changes_of(session: Session, ids: Select[Any]) -> dict[int, list[dict[str, Any]]]:
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


def write_jsonl(session: Session, conditions: Sequence[ColumnElement[bool]], out: TextIO) -> int:
    count = 0
    for chunk in claim_chunks(session, conditions):
        rows = chunk.rows
        tags, checks = tags_of(session, chunk.ids), _checks_of(session, chunk.ids)
        changes = _changes_of(session, chunk.ids)
        for row in rows:
            history = History(tags.get(row.id, []), checks.get(row.id, []), changes.get(row.id, []))
            out.write(jsonl_line(claim_object(row._mapping, history)))
        count += len(rows)
    return count


def write_csv(session: Session, conditions: Sequence[ColumnElement[bool]], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(exchange.CSV_FIELDS)
    count = 0
    for chunk in claim_chunks(session, conditions):
        tags = tags_of(session, chunk.ids)
        writer.writerows(csv_values(row._mapping, tags.get(row.id, [])) for row in chunk.rows)
        count += len(chunk.rows)
    return count


Writer = Callable[[Session, Sequence[ColumnElement[bool]], TextIO], int]


def _writer(fmt: str) -> Writer:
    if fmt == "ics":
        from tracker.calendar import write_ics

        return write_ics
    writers: dict[str, Writer] = {"jsonl": write_jsonl, "csv": write_csv}
    if fmt not in writers:
        raise InputError(f"unknown export format {fmt!r}; one of {', '.join(exchange.FORMATS)}")
    return writers[fmt]


def export_claims(session: Session, filters: ClaimFilter, fmt: str, out: TextIO) -> int:
    """Write the claims matching `filters` to `out`; returns how many were written."""
    writer = _writer(fmt)
    return writer(session, filter_conditions(session, filters), out)


@contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    """UTF-8 text with no newline translation, to stdout or atomically to a file.

    A file is written beside its target and renamed over it only when the export
    succeeds, so a failed export leaves any earlier file as it was.
    """
    if path is None or path == "-":
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    with _atomic_file(Path(path)) as stream:
        yield stream


@contextmanager
def _atomic_file(target: Path) -> Iterator[TextIO]:
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    except OSError as exc:
        raise OperationalError(f"cannot write {target}: {exc.strerror}") from exc
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o777)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
