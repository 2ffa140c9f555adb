"""Deadlines counted from an event's day (tracker.deadlines.events), every family."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import Run
from tracker.deadlines.events import resolve_from_event
from tracker.errors import DeadlineError

SAID = date(2024, 10, 1)  # a campaign promise
INAUGURATION = date(2025, 1, 20)

READINGS = [
    # day one: the event's day
    ("on day one", "2025-01-20", "2025-01-20"),
    ("On Day 1", "2025-01-20", "2025-01-20"),
    ("from day one", "2025-01-20", "2025-01-20"),
    ("on the first day", "2025-01-20", "2025-01-20"),
    ("on his first day in office", "2025-01-20", "2025-01-20"),
    ("day one of his presidency", "2025-01-20", "2025-01-20"),
    # the first N units, day one the first
    ("in the first 100 days", "2025-01-20", "2025-04-29"),
    ("in my first hundred days", "2025-01-20", "2025-04-29"),
    ("in his first 100 days in office", "2025-01-20", "2025-04-29"),
    ("within the first three months", "2025-01-20", "2025-04-19"),
    ("in his first year", "2025-01-20", "2026-01-19"),
    ("during the first week", "2025-01-20", "2025-01-26"),
    ("within 100 days of the inauguration", "2025-01-20", "2025-04-29"),
    ("within 100 days", "2025-01-20", "2025-04-29"),
    ("within 24 hours of taking office", "2025-01-20", "2025-01-21"),
    ("within two weeks of taking office", "2025-01-20", "2025-02-02"),
    # before, by, at the event
    ("before the summit", "2024-10-01", "2025-01-19"),
    ("ahead of the EU summit", "2024-10-01", "2025-01-19"),
    ("by the summit", "2024-10-01", "2025-01-20"),
    ("by the time the transfer window closes", "2024-10-01", "2025-01-20"),
    ("by the time he takes office", "2024-10-01", "2025-01-20"),
    ("at the summit", "2025-01-20", "2025-01-20"),
    ("during the inauguration", "2025-01-20", "2025-01-20"),
    # the term, four years here
    ("by the end of his first term", "2025-01-20", "2029-01-19"),
    ("in his first term", "2025-01-20", "2029-01-19"),
]


@pytest.mark.parametrize(("phrase", "start", "end"), READINGS)
def test_each_family_reads_from_the_events_day(phrase: str, start: str, end: str) -> None:
    deadline = resolve_from_event(phrase, SAID, INAUGURATION, term_months=48)
    assert (deadline.start.isoformat(), deadline.end.isoformat()) == (start, end)
    assert deadline.rule.startswith("event: ") and deadline.phrase == phrase


REFUSED = [
    ("after the summit", "opens a window with no end"),
    ("by the end of March", "names a calendar date"),
    ("before Christmas", "names a calendar date"),
    ("sometime", "does not count from an event"),
    ("in the first 0 days", "no length"),
]


@pytest.mark.parametrize(("phrase", "why"), REFUSED)
def test_what_is_not_a_count_from_the_event_is_refused(phrase: str, why: str) -> None:
    with pytest.raises(DeadlineError, match=why):
        resolve_from_event(phrase, SAID, INAUGURATION, term_months=48)


def test_a_term_needs_its_length() -> None:
    with pytest.raises(DeadlineError, match="term has no length"):
        resolve_from_event("by the end of his first term", SAID, INAUGURATION)
    five = resolve_from_event("in his first term", SAID, INAUGURATION, term_months=60)
    assert five.end == date(2030, 1, 19)


def test_a_window_before_the_words_were_said_is_refused() -> None:
    with pytest.raises(DeadlineError, match="before it was said"):
        resolve_from_event("before the summit", date(2025, 2, 1), INAUGURATION)


def test_day_one_counts_as_the_first_day_across_a_leap_year() -> None:
    deadline = resolve_from_event("in the first 100 days", SAID, date(2028, 1, 20))
    assert deadline.end == date(2028, 4, 28)  # 29 February 2028 is one of the hundred


def test_parse_previews_an_event_relative_reading(run: Run) -> None:
    args = ("parse", "in the first 100 days", "--said-on", "2024-10-01")
    result = run(*args, "--event-on", "2025-01-20")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("2025-01-20..2025-04-29  event: the first period")
    term = run("parse", "in his first term", "--event-on", "2025-01-20", "--term", "4y")
    assert term.stdout.startswith("2025-01-20..2029-01-19")
    assert run(*args, "--term", "4y").exit_code == 2
    bad = run("parse", "in his first term", "--event-on", "2025-01-20", "--term", "forever")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "tracker: error: --term must be a length such as 4y or 18m, not 'forever'\n",
    )
    shown = run(
        *args[:2], "--event-on", "2025-01-20", "--said-on", "2025-03-01", "--format", "json"
    )
    assert shown.exit_code == 0 and '"event_on": "2025-01-20"' in shown.stdout
