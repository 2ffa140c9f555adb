"""The journal: every change, who made it, when and why; and `undo`, which reverts
the newest one.

Each command that changes a claim runs its work through `journaled`: the claim is
snapshot before (all its columns, tags, checks, deadline changes and report
announcements), the work runs, and one entry records the fields that changed, old
and new, with the snapshot. `undo` puts the snapshot back (or, for an `add`,
removes the claim), in the same transaction that marks the entry undone, so two
processes never revert one change twice. Changes that touch many claims at once
(an import, a speaker merge or rename) are journaled, and refused by `undo`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from tracker.domain.claims import find_speaker, get_claim, no_such_speaker, speaker_named
from tracker.errors import InputError
from tracker.store.models import (
    Base,
    Claim,
    Event,
    JournalEntry,
    ReportAnnouncement,
    ReportDelivery,
    Speaker,
    claim_tags,
)
from tracker.validate import clean_text

CLAIMS = Base.metadata.tables["claims"]
CHECKS = Base.metadata.tables["checks"]
CHANGES = Base.metadata.tables["deadline_changes"]
ANNOUNCEMENTS = Base.metadata.tables["report_announcements"]
OTHER_SOURCES = Base.metadata.tables["claim_sources"]

#: Actions `undo` reverts; the others are refused with a reason.
REVERTIBLE = ("add", "edit", "verify", "snooze", "slip", "reopen", "rm", "source")
IRREVERSIBLE = {
    "import": "an import changes many claims at once; delete what it added with `tracker rm`",
    "merge": "a merge joins two speakers' records; it cannot be taken apart",
    "rename": "rename the speaker back with `tracker speakers rename`",
    "event": "set the event's day back with `tracker event set`",
}
#: The facts of a claim an entry compares, in the order they are shown.
FACTS = (
    "text",
    "speaker",
    "said_on",
    "deadline",
    "event",
    "window",
    "due_on",
    "status",
    "outcome_on",
    "confidence",
    "criteria",
    "quote",
    "source",
    "tags",
)
#: Fields an `edit` may not change on a judged claim without --force and a note.
LOCKED = ("text", "speaker", "deadline", "said_on", "confidence", "criteria")


@dataclass(frozen=True)
class Stamp:
    """Who makes a change, and why (the note is optional)."""

    author: str
    note: str | None = None


# ------------------------------------------------------------------ snapshots


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _row(obj: Any, table: Table) -> dict[str, Any]:
    return {column.name: _plain(getattr(obj, column.key)) for column in table.columns}


def snapshot(session: Session, claim: Claim) -> dict[str, Any]:
    """Everything stored about a claim, as JSON values."""
    announced = session.scalars(
        select(ReportAnnouncement).where(ReportAnnouncement.claim_id == claim.id)
    )
    return {
        "claim": _row(claim, CLAIMS),
        "speaker": claim.speaker.name,
        "source": claim.source.url if claim.source else None,
        "event": claim.event.name if claim.event else None,
        "tags": [tag.name for tag in claim.tags],
        "checks": [_row(c, CHECKS) for c in claim.checks],
        "deadline_changes": [_row(d, CHANGES) for d in claim.deadline_changes],
        "other_sources": [_row(o, OTHER_SOURCES) for o in claim.other_sources],
        "announcements": [_row(a, ANNOUNCEMENTS) for a in announced],
    }


def facts(snap: Mapping[str, Any] | None) -> dict[str, Any]:
    """The facts of a snapshot that entries compare and show."""
    if snap is None:
        return {}
    c = snap["claim"]
    waiting = c["status"] == "waiting"  # its stored window is a placeholder: none yet
    return {
        "text": c["text"],
        "speaker": snap["speaker"],
        "said_on": c["said_on"],
        "deadline": c["deadline_phrase"],
        "event": snap.get("event"),
        "window": None if waiting else f"{c['deadline_start']}..{c['deadline_end']}",
        "due_on": None if waiting else c["due_on"],
        "status": c["status"],
        "outcome_on": c["outcome_on"],
        "confidence": c["confidence"],
        "criteria": c["criteria"],
        "quote": c["quote"],
        "source": snap["source"],
        "tags": ", ".join(snap["tags"]) or None,
    }


def differences(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[list[Any]]:
    """[field, old, new] for each fact that differs."""
    return [
        [name, before.get(name), after.get(name)]
        for name in FACTS
        if before.get(name) != after.get(name)
    ]


# ------------------------------------------------------------------ writing entries


def journaled(
    session: Session,
    stamp: Stamp,
    action: str,
    claim_id: int | None,
    work: Callable[[], Claim],
) -> Claim:
    """Run `work` (which changes claim `claim_id`, or adds one when None) and journal it."""
    newest_speaker = session.scalar(select(func.max(Speaker.id))) or 0
    before = snapshot(session, get_claim(session, claim_id)) if claim_id is not None else None
    claim = work()
    after = None if action == "rm" else snapshot(session, get_claim(session, claim.id))
    detail = {}
    if after is not None and claim.speaker_id > newest_speaker:
        detail["new_speaker"] = claim.speaker_id
    changes = differences(facts(before), facts(after))
    if changes or action != "edit":  # an edit that changed nothing is no change
        snap = after or before or {}
        record(session, stamp, action, changes, snap.get("claim"), before, detail or None)
    return claim


def record(
    session: Session,
    stamp: Stamp,
    action: str,
    changes: Sequence[Sequence[Any]] = (),
    claim: Mapping[str, Any] | None = None,
    before: Mapping[str, Any] | None = None,
    detail: Mapping[str, Any] | None = None,
    speaker_id: int | None = None,
) -> JournalEntry:
    """Add one entry; `claim` is the claim's stored columns (from a snapshot)."""
    entry = JournalEntry(
        author=stamp.author,
        action=action,
        claim_id=claim["id"] if claim else None,
        claim_uid=claim["uid"] if claim else None,
        speaker_id=claim["speaker_id"] if claim else speaker_id,
        changes=json.dumps(list(map(list, changes)), ensure_ascii=False),
        before=json.dumps(before, ensure_ascii=False) if before is not None else None,
        detail=json.dumps(detail, ensure_ascii=False) if detail else None,
        note=clean_text(stamp.note, "note", required=False),
    )
    session.add(entry)
    session.flush()
    return entry


def entry_record(entry: JournalEntry) -> dict[str, Any]:
    """An entry as `log` and `show` give it."""
    from tracker.records import timestamp_text

    return {
        "id": entry.id,
        "recorded_at": timestamp_text(entry.recorded_at),
        "author": entry.author,
        "action": entry.action,
        "claim_id": entry.claim_id,
        "changes": [
            {"field": field, "old": old, "new": new}
            for field, old, new in json.loads(entry.changes)
        ],
        "detail": json.loads(entry.detail) if entry.detail else None,
        "note": entry.note,
        "undone_by": entry.undone_by,
        "undoes": entry.undoes,
    }


# ------------------------------------------------------------------ reading


def claim_entries(session: Session, claim_uid: str) -> list[dict[str, Any]]:
    """A claim's entries, oldest first."""
    query = select(JournalEntry).where(JournalEntry.claim_uid == claim_uid)
    return [entry_record(e) for e in session.scalars(query.order_by(JournalEntry.id))]


def log_entries(session: Session, limit: int = 20, speaker: str | None = None) -> list[Any]:
    """The newest entries across the database, newest first."""
    query = select(JournalEntry).order_by(JournalEntry.id.desc()).limit(limit)
    if speaker is not None:
        found = find_speaker(session, speaker, loose=True)
        if found is None:
            raise no_such_speaker(session, speaker)
        query = query.where(JournalEntry.speaker_id == found.id)
    return [entry_record(e) for e in session.scalars(query)]


def confidence_changes(session: Session) -> dict[str, list[tuple[datetime, Any, Any]]]:
    """Every edit of a confidence still in force, by claim uid, oldest first: (when,
    old, new). The confidence given on `add` is the forecast itself; an edit undone
    (and the undo) never happened, as far as scores go."""
    query = select(JournalEntry.claim_uid, JournalEntry.recorded_at, JournalEntry.changes).where(
        JournalEntry.action == "edit",
        JournalEntry.changes.like('%"confidence"%'),
        JournalEntry.undone_by.is_(None),
    )
    found: dict[str, list[tuple[datetime, Any, Any]]] = {}
    for uid, moment, changes in session.execute(query.order_by(JournalEntry.id)):
        for field, old, new in json.loads(changes):
            if field == "confidence" and uid is not None:
                found.setdefault(uid, []).append((moment, old, new))
    return found


# ------------------------------------------------------------------ undo


def newest_undoable(session: Session) -> JournalEntry | None:
    """The newest entry not yet undone (undo entries themselves are not undone)."""
    query = (
        select(JournalEntry)
        .where(JournalEntry.undone_by.is_(None), JournalEntry.action != "undo")
        .order_by(JournalEntry.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def check_revertible(target: JournalEntry) -> None:
    """Refuse a change `undo` cannot revert, saying what to do instead."""
    if target.action in IRREVERSIBLE:
        reason = IRREVERSIBLE[target.action]
        raise InputError(f"change #{target.id} ({target.action}) cannot be undone: {reason}")


def undo(session: Session, stamp: Stamp, expected: int | None = None) -> JournalEntry:
    """Revert the newest change; `expected` is the entry the user was shown."""
    target = newest_undoable(session)
    if target is None:
        raise InputError("nothing to undo")
    if expected is not None and target.id != expected:
        raise InputError(f"the newest change is no longer #{expected}; run undo again")
    check_revertible(target)
    _claim_undo(session, target)
    claimed = session.execute(
        update(JournalEntry)
        .where(JournalEntry.id == target.id, JournalEntry.undone_by.is_(None))
        .values(undone_by=-1)
    )
    if getattr(claimed, "rowcount", 1) != 1:
        raise InputError(f"change #{target.id} was undone by someone else meanwhile")
    done = _revert(session, stamp, target)
    session.execute(
        update(JournalEntry).where(JournalEntry.id == target.id).values(undone_by=done.id)
    )
    return done


def _claim_undo(session: Session, target: JournalEntry) -> None:
    """Lock the target's row first (PostgreSQL), so a second undo waits, then finds it
    undone; SQLite writers take the whole database's lock at BEGIN already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(JournalEntry.id).where(JournalEntry.id == target.id).with_for_update()
        )
        session.refresh(target)
        if target.undone_by is not None:
            raise InputError(f"change #{target.id} was undone by someone else meanwhile")


def _revert(session: Session, stamp: Stamp, target: JournalEntry) -> JournalEntry:
    before = json.loads(target.before) if target.before else None
    current = _current(session, target)
    now = snapshot(session, current) if current is not None else None
    session.flush()
    session.expunge_all()
    if target.action == "add":
        if now is not None:
            _delete_claim(session, now["claim"]["id"])
    elif before is not None:
        restore(session, before)
    _drop_new_speaker(session, target)
    after = None
    if before is not None:
        after = snapshot(session, get_claim(session, before["claim"]["id"]))
    entry = record(
        session,
        Stamp(stamp.author, stamp.note),
        "undo",
        changes=differences(facts(now), facts(after)),
        claim=(after or now or {}).get("claim"),
        before=now,
        detail={"undoes": target.id, "action": target.action},
    )
    entry.undoes = target.id
    return entry


def _current(session: Session, target: JournalEntry) -> Claim | None:
    if target.claim_uid is None:
        return None
    return session.scalar(select(Claim).where(Claim.uid == target.claim_uid))


def _drop_new_speaker(session: Session, target: JournalEntry) -> None:
    """A speaker the change created goes with it, unless claims name it since."""
    detail = json.loads(target.detail) if target.detail else {}
    speaker_id = detail.get("new_speaker")
    if speaker_id is None:
        return
    used = session.scalar(select(func.count()).where(Claim.speaker_id == speaker_id))
    if not used:
        session.execute(delete(Speaker).where(Speaker.id == speaker_id))


def _delete_claim(session: Session, claim_id: int) -> None:
    for table in (claim_tags, CHECKS, CHANGES, ANNOUNCEMENTS, OTHER_SOURCES):
        session.execute(delete(table).where(table.c.claim_id == claim_id))
    session.execute(delete(CLAIMS).where(CLAIMS.c.id == claim_id))


def _typed(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """JSON values back as the column types want them."""
    typed = {}
    for column in table.columns:
        value = values.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        typed[column.name] = value
    return typed


def restore(session: Session, snap: Mapping[str, Any]) -> None:
    """Put a claim back exactly as the snapshot holds it, under its own id."""
    values = dict(snap["claim"])
    taken = session.scalar(select(Claim.uid).where(Claim.id == values["id"]))
    if taken is not None and taken != values["uid"]:
        raise InputError(f"claim id {values['id']} now belongs to another claim")
    if taken is not None:
        _delete_claim(session, values["id"])
    if session.get(Speaker, values["speaker_id"]) is None:
        values["speaker_id"] = speaker_named(session, snap["speaker"]).id
    if values.get("event_id") is not None and session.get(Event, values["event_id"]) is None:
        values["event_id"] = _event_again(session, snap.get("event"))
    session.execute(insert(CLAIMS).values(**_typed(CLAIMS, values)))
    _restore_children(session, snap, values["id"])
    session.expunge_all()


def _event_again(session: Session, name: str | None) -> int | None:
    """The event a restored claim counted from, deleted since: found by its name, or
    made again (undated: its claims wait, as they may have)."""
    from tracker.domain.events import add_event, find_event

    if name is None:
        return None
    found = find_event(session, name)
    return (found or add_event(session, name)).id


def _restore_children(session: Session, snap: Mapping[str, Any], claim_id: int) -> None:
    from tracker.domain.claims import tags_named

    for tag in tags_named(session, snap["tags"]):
        session.execute(insert(claim_tags).values(claim_id=claim_id, tag_id=tag.id))
    children = ((CHECKS, "checks"), (CHANGES, "deadline_changes"), (OTHER_SOURCES, "other_sources"))
    for table, key in children:
        for row in snap.get(key, ()):  # entries made before 0009 have no other sources
            session.execute(insert(table).values(**_typed(table, row)))
    wanted = {row["delivery_id"] for row in snap["announcements"]}
    deliveries = set(
        session.scalars(select(ReportDelivery.id).where(ReportDelivery.id.in_(wanted)))
    )
    for row in snap["announcements"]:
        if row["delivery_id"] in deliveries:  # under a new id: reports since may reuse it
            values = {k: v for k, v in _typed(ANNOUNCEMENTS, row).items() if k != "id"}
            session.execute(insert(ANNOUNCEMENTS).values(**values))


# ------------------------------------------------------------------ speakers and imports


def rename_journaled(session: Session, stamp: Stamp, old: str, new: str) -> Speaker:
    """Rename a speaker (tracker.domain.speakers) and journal it."""
    from tracker.domain.speakers import rename_speaker, speaker_called

    before = speaker_called(session, old).name
    speaker = rename_speaker(session, old, new)
    changes = [["speaker", before, speaker.name]]
    record(session, stamp, "rename", changes=changes, speaker_id=speaker.id)
    return speaker


def merge_journaled(
    session: Session, stamp: Stamp, source: str, target: str
) -> tuple[Speaker, int]:
    """Merge two speakers (tracker.domain.speakers) and journal it; the merged
    speaker's entries are listed under the one they joined from now on."""
    from tracker.domain.speakers import merge_speakers, speaker_called

    moving = speaker_called(session, source)
    moving_id, moving_name = moving.id, moving.name
    speaker, moved = merge_speakers(session, source, target)
    session.execute(
        update(JournalEntry)
        .where(JournalEntry.speaker_id == moving_id)
        .values(speaker_id=speaker.id)
    )
    changes = [["speaker", moving_name, speaker.name]]
    detail = {"claims": moved}
    record(session, stamp, "merge", changes=changes, detail=detail, speaker_id=speaker.id)
    return speaker, moved


def event_set_journaled(
    session: Session, stamp: Stamp, name: str, on: date, term_months: int | None
) -> tuple[Event, list[int]]:
    """Date or move an event (tracker.domain.events) and journal it, with the claims
    it gave new windows; `undo` refuses it (set the day back instead)."""
    from tracker.domain.events import event_called, set_event

    before = event_called(session, name).on
    event, moved = set_event(session, name, on, term_months, stamp.note)
    changes = [["event", f"{event.name} {before or 'not dated'}", f"{event.name} {on}"]]
    record(session, stamp, "event", changes=changes, detail={"claims": moved})
    return event, moved
