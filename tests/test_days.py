"""Days as people write them in --said-on, --as-of, --on and --until: tables of what is
read and what is refused (with the readings it could have), against a fixed today."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import Run, ok, refused
from tracker.errors import InputError
from tracker.validate import read_day

#: A Monday.
TODAY = date(2025, 3, 24)

READ = [
    ("2025-03-24", date(2025, 3, 24), False),
    (" 2025-03-24 ", date(2025, 3, 24), False),
    ("2025-3-24", date(2025, 3, 24), True),
    ("2025/3/4", date(2025, 3, 4), True),
    ("24.3.2025", date(2025, 3, 24), True),
    ("13/4/2025", date(2025, 4, 13), True),
    ("4/13/2025", date(2025, 4, 13), True),
    ("3/3/2025", date(2025, 3, 3), True),
    ("today", TODAY, True),
    ("Today", TODAY, True),
    ("yesterday", date(2025, 3, 23), True),
    ("tomorrow", date(2025, 3, 25), True),
    ("last Friday", date(2025, 3, 21), True),
    ("last  monday", date(2025, 3, 17), True),
    ("next Monday", date(2025, 3, 31), True),
    ("next Friday", date(2025, 3, 28), True),
    ("3 days ago", date(2025, 3, 21), True),
    ("1 week ago", date(2025, 3, 17), True),
    ("in 2 weeks", date(2025, 4, 7), True),
    ("in 10 days", date(2025, 4, 3), True),
    ("24 March 2025", date(2025, 3, 24), True),
    ("24th of March 2025", date(2025, 3, 24), True),
    ("1 Sept 2025", date(2025, 9, 1), True),
    ("March 24, 2025", date(2025, 3, 24), True),
    ("Mar 24 2025", date(2025, 3, 24), True),
    ("march 2nd, 2025", date(2025, 3, 2), True),
]

REFUSED = [
    ("3/4/2025", "3/4/2025 could be 2025-03-04 or 2025-04-03"),
    ("Friday", "could be last Friday (2025-03-21) or next Friday (2025-03-28)"),
    ("monday", "could be last Monday (2025-03-17) or next Monday (2025-03-31)"),
    ("24 March", "has no year: write it, as in 24 March 2025"),
    ("March 24", "has no year"),
    ("2025-02-30", "is not a real date"),
    ("30 February 2025", "is not a real date"),
    ("13/13/2025", "is not a real date"),
    ("25-3-24", "write the year in full"),
    ("someday", "must be a day such as"),
    ("", "must be a day such as"),
    ("3 days", "must be a day such as"),
    ("in 3 days ago", "must be a day such as"),
    ("24 Marchember 2025", "must be a day such as"),
    ("last week", "must be a day such as"),
]


@pytest.mark.parametrize(("text", "day", "from_words"), READ)
def test_days_read(text: str, day: date, from_words: bool) -> None:
    read, words = read_day(text, "--on", lambda: TODAY)
    assert read == day
    assert (words is not None) == from_words


@pytest.mark.parametrize(("text", "said"), REFUSED)
def test_days_refused(text: str, said: str) -> None:
    with pytest.raises(InputError) as refusal:
        read_day(text, "--on", lambda: TODAY)
    assert said in refusal.value.message
    assert refusal.value.message.startswith("--on")


def test_an_iso_day_asks_nothing_of_today() -> None:
    def no_today() -> date:
        raise AssertionError("today was asked for")

    assert read_day("2025-03-24", "--on", no_today) == (TODAY, None)


def test_the_day_read_from_words_is_said_on_stderr_and_stdout_is_unchanged(run: Run) -> None:
    args = ("--speaker", "Steve Witkoff", "--by", "this week")
    plain = ok(run, "add", "a deal", *args, "--said-on", "2025-03-16")
    worded = ok(run, "add", "a call", *args, "--said-on", "March 16, 2025")
    assert worded.stderr == "said on 2025-03-16 (March 16, 2025)\n"
    assert worded.stdout == plain.stdout.replace("#1", "#2").replace("a deal", "a call")
    due = ok(run, "due", "--as-of", "24 March 2025", "--format", "json")
    assert due.stderr == "as of 2025-03-24 (24 March 2025)\n"
    assert len(json.loads(due.stdout)) == 2
    assert ok(run, "due", "--as-of", "2025-03-24").stderr == ""


def test_verify_on_and_snooze_until_read_words(run: Run) -> None:
    ok(run, "add", "a deal", "--speaker", "S", "--by", "this week", "--said-on", "2025-03-16")
    ok(run, "add", "a call", "--speaker", "S", "--by", "this week", "--said-on", "2025-03-16")
    assert "on 2025-03-20 (20 March 2025)" in ok(run, "verify", "1", "--outcome", "kept",
                                                "--on", "20 March 2025").stderr  # fmt: skip
    snoozed = ok(run, "snooze", "2", "--until", "2025-4-30", "--as-of", "2025-03-24")
    assert "until 2025-04-30 (2025-4-30)" in snoozed.stderr


def test_relative_words_count_from_the_real_today_in_the_users_zone(run: Run) -> None:
    before = datetime.now(UTC).date()
    result = ok(run, "due", "--as-of", "yesterday")
    after = datetime.now(UTC).date()
    days = {before - timedelta(days=1), after - timedelta(days=1)}
    assert result.stderr.splitlines()[0] in {f"as of {d.isoformat()} (yesterday)" for d in days}


def test_ambiguous_days_exit_2_in_one_line_and_write_nothing(run: Run, tracker_db: str) -> None:
    line = refused(run, "add", "x", "--speaker", "S", "--by", "this week", "--said-on", "3/4/2025")
    assert line == (
        "tracker: error: --said-on 3/4/2025 could be 2025-03-04 or 2025-04-03; "
        "write the one you mean as YYYY-MM-DD"
    )
    assert ok(run, "list", "--format", "json").stdout.strip() == "[]"


def test_an_iso_day_does_not_load_the_date_libraries() -> None:
    code = (
        "import sys; from tracker.validate import read_day; "
        "read_day('2025-03-24', '--as-of', None); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dateparser', 'dateutil')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
