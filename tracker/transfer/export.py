"""Export: claims as JSONL, CSV or ICS, streamed from the database in id order.

Claims are read in chunks (tracker.transfer.export_reader), so memory stays flat
however large the database; each line or row is the claim's record
(tracker.records.claim_records) with the format's keys.
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
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from tracker.domain.claims import ClaimFilter, filter_conditions
from tracker.errors import InputError, OperationalError
from tracker.records import claim_records, timestamp_text
from tracker.transfer import codec
from tracker.transfer.export_reader import (
    changes_of,
    checks_of,
    claim_chunks,
    events_of,
    other_sources_of,
    tags_of,
)
from tracker.validate import csv_text, output_path


def jsonl_line(record: Mapping[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_values(record: Mapping[str, Any]) -> list[str]:
    """One CSV row of a record with CSV_FIELDS; empty cells for missing values."""
    return [_cell(record[name]) for name in codec.CSV_FIELDS]


def _cell(value: Any) -> str:
    """A CSV cell; text safe for spreadsheets unless RAW (tracker --csv-raw): import
    takes the protection off again (codec.claim_from_csv)."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return csv_text(codec.TAG_SEPARATOR.join(value) if isinstance(value, list) else str(value))


Progress = Callable[[int], None]


def write_jsonl(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    out: TextIO,
    progress: Progress | None = None,
) -> int:
    """Every claim matching `conditions` as one JSONL line with its whole history;
    `progress` is told how many were written after each chunk."""
    count = 0
    for chunk in claim_chunks(session, conditions):
        tags, checks = tags_of(session, chunk.ids), checks_of(session, chunk.ids)
        changes, events = changes_of(session, chunk.ids), events_of(session, chunk.ids)
        history = {
            "tags": tags,
            "checks": checks,
            "changes": changes,
            "events": events,
            "other_sources": other_sources_of(session, chunk.ids),
        }
        records = claim_records(chunk.rows, codec.CLAIM_FIELDS, moment=timestamp_text, **history)
        out.writelines(map(jsonl_line, records))
        count += len(chunk.rows)
        if progress is not None:
            progress(len(chunk.rows))
    return count


def write_csv(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    out: TextIO,
    progress: Progress | None = None,
) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(codec.CSV_FIELDS)
    count = 0
    for chunk in claim_chunks(session, conditions):
        tags, events = tags_of(session, chunk.ids), events_of(session, chunk.ids)
        records = claim_records(chunk.rows, codec.CSV_FIELDS, tags=tags, events=events)
        writer.writerows(map(csv_values, records))
        count += len(chunk.rows)
        if progress is not None:
            progress(len(chunk.rows))
    return count


Writer = Callable[[Session, Sequence[ColumnElement[bool]], TextIO, Progress | None], int]


def _writer(fmt: str) -> Writer:
    if fmt == "ics":
        from tracker.transfer.calendar import write_ics

        return write_ics
    writers: dict[str, Writer] = {"jsonl": write_jsonl, "csv": write_csv}
    if fmt not in writers:
        raise InputError(f"unknown export format {fmt!r}; one of {', '.join(codec.FORMATS)}")
    return writers[fmt]


def export_claims(
    session: Session,
    filters: ClaimFilter,
    fmt: str,
    out: TextIO,
    progress: Progress | None = None,
) -> int:
    """Write the claims matching `filters` to `out`; returns how many were written.
    `progress` is told, chunk by chunk, how many more were written."""
    writer = _writer(fmt)
    return writer(session, filter_conditions(session, filters), out, progress)


def count_to_export(session: Session, filters: ClaimFilter, fmt: str) -> int:
    """How many claims `export_claims` will write (a calendar takes the open ones)."""
    from sqlalchemy import func, select

    from tracker.store.models import Claim

    conditions = filter_conditions(session, filters)
    if fmt == "ics":
        from tracker.transfer.calendar import ICS_CONDITIONS

        conditions = [*conditions, *ICS_CONDITIONS]
    query = select(func.count()).select_from(Claim).where(*conditions)
    return int(session.scalar(query) or 0)


@contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    """UTF-8 text with no newline translation, to stdout or atomically to a file.

    A file is written beside its target and renamed over it only when the export
    succeeds, so a failed export leaves any earlier file as it was.
    """
    if path is None or path == "-":
        sys.stdout.flush()
        stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            yield stdout
        finally:
            stdout.flush()
            stdout.detach()
        return
    target = output_path(path, "-o")
    with _atomic_file(target) as stream:
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
