"""Events: named days that deadlines count from ("inauguration", "the EU summit").

A claim on an event reads its phrase against the event's day
(tracker.deadlines.events). While the event has no day the claim is `waiting`: it has
no window (the stored one is a placeholder: the said-on day), is never due, and is
counted apart. Dating the event gives every waiting claim on it its window; moving it
re-resolves the open ones. Either is recorded in each claim's history as a deadline
change with the reason "event": the window moved, but not by the speaker's doing, so
it is no slip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.errors import InputError, NotFoundError
from tracker.store.models import Claim, DeadlineChange, Event, EventAlias
from tracker.validate import MAX_NAME, clean_name, clean_text, name_key
from tracker.vocab import OPEN, WAITING


@dataclass(frozen=True)
class EventWindow:
    """What a claim on an event gets: a window, or none yet (waiting)."""

    start: date
    end: date
    rule: str | None
    waiting: bool


def find_event(session: Session, name: str) -> Event | None:
    """The event with this name or alias, ignoring case, spaces, accents and dots."""
    from tracker.domain.names import folded

    key = name_key(name)
    event = session.scalar(select(Event).where(Event.key == key))
    if event is None:
        alias = select(EventAlias.event_id).where(EventAlias.key == key)
        event = session.scalar(select(Event).where(Event.id.in_(alias)))
    if event is not None:
        return event
    wanted = folded(name)
    found = [e for e in session.scalars(select(Event)) if folded(e.name) == wanted]
    return found[0] if len(found) == 1 else None


def event_called(session: Session, name: str) -> Event:
    """The event a name finds, else a refusal naming the events it may have meant."""
    event = find_event(session, clean_name(name, "event"))
    if event is None:
        from tracker.domain.names import suggestions

        names = [(e.name, e.name) for e in session.scalars(select(Event))]
        near = suggestions(name, names)
        hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        raise NotFoundError(f"no event called {name!r}{hint} (add it with 'tracker event add')")
    return event


def add_event(
    session: Session,
    name: str,
    on: date | None = None,
    term_months: int | None = None,
    note: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Event:
    from tracker.domain.names import folded

    cleaned = clean_name(name, "event")
    if len(name_key(cleaned)) > MAX_NAME:
        raise InputError(f"event name is too long (at most {MAX_NAME} characters)")
    other = find_event(session, cleaned)
    if other is not None:
        same = folded(other.name) == folded(cleaned)
        named = "exists" if same else f"names the event {other.name!r}"
        raise InputError(f"{cleaned!r} {named}; date it with 'tracker event set'")
    event = Event(
        name=cleaned,
        key=name_key(cleaned),
        on=on,
        term_months=term_months,
        note=clean_text(note, "note", required=False),
    )
    session.add(event)
    session.flush()
    for alias in aliases:
        _add_alias(session, event, alias)
    return event


def _add_alias(session: Session, event: Event, alias: str) -> None:
    cleaned = clean_name(alias, "alias")
    other = find_event(session, cleaned)
    if other is not None:
        raise InputError(f"{cleaned!r} already names the event {other.name!r}")
    session.add(EventAlias(key=name_key(cleaned), event_id=event.id))
    session.flush()


def event_record(event: Event, counts: dict[str, int] | None = None) -> dict[str, Any]:
    """An event as `event list` and `show` give it."""
    record: dict[str, Any] = {
        "name": event.name,
        "on": event.on.isoformat() if event.on else None,
        "term_months": event.term_months,
        "note": event.note,
    }
    if counts is not None:
        record.update(claims=counts.get("claims", 0), waiting=counts.get("waiting", 0))
    return record


def list_events(session: Session) -> list[dict[str, Any]]:
    """Every event, dated ones by day first, then the undated by name."""
    query = select(Claim.event_id, Claim.status, func.count()).where(Claim.event_id.is_not(None))
    counts: dict[int, dict[str, int]] = {}
    for event_id, status, n in session.execute(query.group_by(Claim.event_id, Claim.status)):
        if event_id is None:
            continue
        mine = counts.setdefault(event_id, {})
        mine["claims"] = mine.get("claims", 0) + n
        if status == WAITING:
            mine["waiting"] = n
    events = sorted(session.scalars(select(Event)), key=lambda e: (e.on is None, e.on, e.key))
    return [event_record(e, counts.get(e.id, {})) for e in events]


def remove_event(session: Session, name: str) -> Event:
    """Delete an event no claim counts from."""
    event = event_called(session, name)
    used = session.scalar(select(func.count()).where(Claim.event_id == event.id))
    if used:
        raise InputError(
            f"{used} claim{'s count' if used != 1 else ' counts'} from {event.name!r}; "
            "move them to another event first (tracker edit ID --event NAME)"
        )
    session.delete(event)
    session.flush()
    return event


#: Where an undated event is supposed to fall, to check a phrase counts from one.
PROBE_DAYS = 365


def event_window(phrase: str, said_on: date, event: Event) -> EventWindow:
    """The window a phrase gives on this event; none yet while the event is undated,
    though the phrase is still read (on a day a year after it was said) so that one
    which does not count from an event, or needs a term the event lacks, is refused now."""
    from datetime import timedelta

    from tracker.deadlines.events import resolve_from_event

    day = event.on if event.on is not None else said_on + timedelta(days=PROBE_DAYS)
    deadline = resolve_from_event(phrase, said_on, day, event.term_months)
    if event.on is None:
        return EventWindow(said_on, said_on, None, waiting=True)
    return EventWindow(deadline.start, deadline.end, deadline.rule, waiting=False)


def place(claim: Claim, start: date, end: date, rule: str | None, waiting: bool) -> None:
    """Give a claim a new window (none yet, `waiting`, on an undated event), for an edit,
    a slip or an event dated or moved alike: a snooze past the old window's end is kept;
    an open claim waits or a waiting one opens as the window says; a verdict stays."""
    snoozed = claim.due_on if claim.status == OPEN and claim.due_on > claim.deadline_end else None
    claim.deadline_start, claim.deadline_end, claim.deadline_rule = start, end, rule
    claim.due_on = max(end, snoozed) if snoozed else end
    if waiting and claim.status == OPEN:
        claim.status = WAITING
    elif not waiting and claim.status == WAITING:
        claim.status = OPEN


def set_event(
    session: Session, name: str, on: date, term_months: int | None = None, note: str | None = None
) -> tuple[Event, list[int]]:
    """Date an event, or move it (and set its term): every waiting or open claim on it
    gets its window from the new day, in this transaction, each with a history entry.
    A claim whose phrase cannot be read from the new day refuses the whole change."""
    event = event_called(session, name)
    old_on = event.on
    event.on = on
    if term_months is not None:
        event.term_months = term_months
    what = f"{event.name} dated {on}" if old_on is None else f"{event.name} moved {old_on} -> {on}"
    moved = []
    claims = session.scalars(
        select(Claim).where(Claim.event_id == event.id, Claim.status.in_((OPEN, WAITING)))
    )
    for claim in claims.all():
        if _redate(claim, event, clean_text(note, "note", required=False) or what):
            moved.append(claim.id)
    session.flush()
    return event, moved


def _redate(claim: Claim, event: Event, note: str) -> bool:
    try:
        window = event_window(claim.deadline_phrase, _read_from(claim), event)
    except InputError as exc:
        raise InputError(f"claim #{claim.id}: {exc.message}; nothing changed") from exc
    if (window.start, window.end) == (
        claim.deadline_start,
        claim.deadline_end,
    ) and claim.status == OPEN:
        return False
    new = (claim.deadline_phrase, window.start, window.end)
    claim.deadline_changes.append(moved(claim, _read_from(claim), new, note=note, reason="event"))
    place(claim, window.start, window.end, window.rule, window.waiting)
    return True


def moved(claim: Claim, said_on: date, new: tuple[str, date, date], **extra: Any) -> DeadlineChange:
    """A deadline change from the claim's current window to `new` (phrase, start, end),
    with `extra` columns (quote, note, source, reason)."""
    phrase, start, end = new
    return DeadlineChange(
        said_on=said_on,
        old_phrase=claim.deadline_phrase,
        old_said_on=claim.said_on,
        old_start=claim.deadline_start,
        old_end=claim.deadline_end,
        new_phrase=phrase,
        new_start=start,
        new_end=end,
        **extra,
    )


def _read_from(claim: Claim) -> date:
    """The day the claim's current phrase was said: its own, or its last restatement's."""
    slips = [c for c in claim.deadline_changes if c.reason is None]
    return slips[-1].said_on if slips else claim.said_on
