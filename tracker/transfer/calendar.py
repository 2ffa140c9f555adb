"""Open claims as an iCalendar feed: one all-day event per claim on the day to check it.

Subscribable: an event's UID is `<claim uid>@tracker`, and DTSTAMP, LAST-MODIFIED and
SEQUENCE come from the claim's own times, so re-exporting an unchanged claim gives
the same bytes and a calendar app updates a changed one instead of adding a copy.
icalendar is imported here only, never by the fast commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, TextIO

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from tracker.records import verify_command
from tracker.rows import ClaimRow, Moment, as_day
from tracker.store.models import Claim
from tracker.transfer.export_reader import claim_chunks, tags_of
from tracker.vocab import OPEN

PRODID = "-//tracker//claims to check//EN"
CALENDAR_NAME = "tracker: claims to check"
#: The reminder fires at 09:00 on the day: all-day events start at midnight.
ALARM_AFTER_START = timedelta(hours=9)
_END = "END:VCALENDAR\r\n"


def event_uid(claim_uid: str) -> str:
    return f"{claim_uid}@tracker"


def _utc(moment: Moment) -> datetime:
    """Stored times are UTC; SQLite hands them back without a zone."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.replace(microsecond=0)


def summary(claim: ClaimRow) -> str:
    return f"Check: {claim.speaker}: {claim.text}"


def description(claim: ClaimRow) -> str:
    """The claim, its deadline, quote and source, and the command that judges it."""
    lines = [
        f"Claim: {claim.text}",
        f"Speaker: {claim.speaker}, said {claim.said_on}",
        f'Deadline: "{claim.deadline_phrase}" = {claim.deadline_start}..{claim.deadline_end}',
    ]
    if claim.due_on != claim.deadline_end:
        lines.append(f"Snoozed until: {claim.due_on}")
    if claim.quote:
        lines.append(f'Quote: "{claim.quote}"')
    if claim.source_url:
        lines.append(f"Source: {claim.source_url}")
    lines.append(f"Judge it: {verify_command(claim.id)}")
    return "\n".join(lines)


def sequence(created_at: Moment, updated_at: Moment) -> int:
    """Grows with every change of the claim: seconds from creation to the last update."""
    return max(0, int((_utc(updated_at) - _utc(created_at)).total_seconds()))


def claim_event(claim: ClaimRow, tags: Sequence[str]) -> Any:
    """The VEVENT for one open claim, on its due day (the window's end, or a snooze date)."""
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", event_uid(claim.uid))
    event.add("dtstamp", _utc(claim.updated_at))
    event.add("created", _utc(claim.created_at))
    event.add("last-modified", _utc(claim.updated_at))
    event.add("sequence", sequence(claim.created_at, claim.updated_at))
    due_on = as_day(claim.due_on)
    event.add("dtstart", due_on)
    if due_on < date.max:
        event.add("dtend", due_on + timedelta(days=1))
    event.add("summary", summary(claim))
    event.add("description", description(claim))
    if claim.source_url:
        event.add("url", claim.source_url)
    if tags:
        event.add("categories", list(tags))
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary(claim))
    alarm.add("trigger", ALARM_AFTER_START)
    event.add_component(alarm)
    return event


def calendar_head() -> str:
    """VCALENDAR's opening and properties; events follow, then END:VCALENDAR."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    text = calendar.to_ical().decode("utf-8")
    return text[: -len(_END)]


#: What a calendar holds of the claims export selects: the open ones.
ICS_CONDITIONS = (Claim.status == OPEN,)


def write_ics(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    out: TextIO,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Every open claim matching `conditions` as one event, streamed in id order;
    `progress` is told how many were written after each chunk."""
    out.write(calendar_head())
    count = 0
    for chunk in claim_chunks(session, [*conditions, *ICS_CONDITIONS]):
        tags = tags_of(session, chunk.ids)
        for row in chunk.rows:
            out.write(claim_event(row, tags.get(row.id, [])).to_ical().decode("utf-8"))
        count += len(chunk.rows)
        if progress is not None:
            progress(len(chunk.rows))
    out.write(_END)
    return count
