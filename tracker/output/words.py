"""Dates, windows and outcomes in words, for readers rather than for scripts.

Shared by the site, the reports (text, Markdown, HTML, mail) and their templates, so a
window reads the same everywhere: "Mon 17 – Sun 23 March 2025".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

#: What each state of a claim is called where readers see it.
STATE_LABELS = {
    "kept": "Kept",
    "kept_late": "Kept late",
    "partial": "Partly kept",
    "broken": "Broken",
    "withdrawn": "Withdrawn",
    "void": "Void",
    "unverifiable": "Unverifiable",
    "open": "Open",
    "on_time": "Open, on time",
    "overdue": "Overdue",
    "waiting": "Waiting for its event",
}

#: The meter's states, in the order a reader scans them: verdicts, then what is pending.
METER_STATES = (
    "kept",
    "kept_late",
    "partial",
    "broken",
    "withdrawn",
    "on_time",
    "overdue",
    "waiting",
)


def as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def day(value: date | str | None) -> str:
    """'Mon 17 March 2025'; '' for no day."""
    when = as_date(value)
    return f"{when:%a} {when.day} {when:%B %Y}" if when else ""


def window(start: date | str | None, end: date | str | None) -> str:
    """A window in words, its shared month and year said once.

    'Mon 17 – Sun 23 March 2025', 'Fri 28 February – Mon 3 March 2025',
    'Wed 31 December 2025 – Thu 1 January 2026', 'Mon 17 March 2025' for one day,
    'from Mon 17 March 2025' or 'by Sun 23 March 2025' for an open side.
    """
    first, last = as_date(start), as_date(end)
    if first is None or last is None:
        return f"from {day(first)}" if first else (f"by {day(last)}" if last else "")
    if first == last:
        return day(first)
    if first.year != last.year:
        return f"{day(first)} – {day(last)}"
    if first.month != last.month:
        return f"{first:%a} {first.day} {first:%B} – {day(last)}"
    return f"{first:%a} {first.day} – {day(last)}"


def state_label(state: str) -> str:
    """'kept_late' -> 'Kept late'; an unknown state is shown as it is."""
    return STATE_LABELS.get(state, state.replace("_", " ").capitalize())


def state_of(status: str, days_overdue: int | None) -> str:
    """A claim's state for the meter: its outcome, or open split into on time and overdue."""
    if status != "open":
        return status
    return "overdue" if (days_overdue or 0) > 0 else "on_time"


def days_phrase(days: int) -> str:
    """'1 day overdue', 'ends today', 'ends in 3 days'."""
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} overdue"
    if days == 0:
        return "ends today"
    return f"ends in {-days} day{'s' if days != -1 else ''}"


def web_url(url: Any) -> str | None:
    """The URL if it is an http(s) URL with a host, else None (never a link)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def snoozed_until(record: Mapping[str, Any], as_of: date | None) -> date | None:
    """The day a snooze runs to, if the claim's due day is after its window's end."""
    end = record.get("deadline_end")
    if record.get("due_on"):
        due_on = date.fromisoformat(str(record["due_on"]))
    elif as_of is not None:
        due_on = as_of - timedelta(days=record["days_overdue"])
    else:
        return None
    if end is None or due_on <= date.fromisoformat(str(end)):
        return None
    return due_on
