"""The deadline engine: tables of phrases and windows, refusals, and properties.

Nothing here reads today's date, sleeps or times anything.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.deadline_cases import CASES, REFUSED
from tracker.deadlines import Deadline, normalise, resolve
from tracker.errors import DeadlineError, InputError, TrackerError

SUNDAY = date(2025, 3, 16)  # the day Steve Witkoff spoke (docs/DESIGN.md)
DOCS = Path(__file__).resolve().parent.parent / "docs" / "deadlines.md"


@pytest.fixture(autouse=True)
def tracker_db() -> None:
    """Overrides the suite's per-test database: the engine touches no database."""


def _window(phrase: str, said_on: date) -> tuple[str, str]:
    deadline = resolve(phrase, said_on)
    return deadline.start.isoformat(), deadline.end.isoformat()


# ---------------------------------------------------------------- the tables


@pytest.mark.parametrize(("phrase", "said_on", "weekday", "start", "end"), CASES)
def test_phrase_gives_window(phrase: str, said_on: str, weekday: str, start: str, end: str) -> None:
    said = date.fromisoformat(said_on)
    assert said.strftime("%a") == weekday, "the table's weekday must match its date"
    assert _window(phrase, said) == (start, end)


def test_table_is_large_and_covers_boundaries() -> None:
    said_days = {date.fromisoformat(row[1]) for row in CASES}
    assert len(CASES) >= 250
    assert len({row[0] for row in CASES}) >= 200
    for edge in (
        "2025-12-31",
        "2026-01-01",
        "2024-02-28",
        "2024-02-29",
        "2025-03-31",
        "2025-04-01",
    ):
        assert date.fromisoformat(edge) in said_days
    assert {d.strftime("%a") for d in said_days} >= {"Sat", "Sun", "Mon", "Wed", "Fri"}


@pytest.mark.parametrize("phrase", REFUSED)
def test_unreadable_text_is_refused(phrase: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        resolve(phrase, SUNDAY)
    message = str(caught.value)
    assert message.startswith("cannot read deadline phrase ")
    assert "\n" not in message


# ---------------------------------------------------------------- the anchors


def test_witkoff_this_week_said_on_a_sunday() -> None:
    assert _window("this week", SUNDAY) == ("2025-03-17", "2025-03-23")


@pytest.mark.parametrize("phrase", ["the coming week", "during the coming week"])
def test_the_coming_week_said_on_a_sunday_ends_next_sunday(phrase: str) -> None:
    assert resolve(phrase, SUNDAY).end == date(2025, 3, 23)


def test_coming_weeks_is_not_due_a_week_later() -> None:
    end = resolve("in [the] coming weeks", SUNDAY).end
    assert end > date(2025, 3, 24) + timedelta(days=21)


def test_due_today_is_not_overdue_at_one_minute_past_midnight() -> None:
    """One of the well-known single-date bugs: 'today' is the whole said-on day."""
    assert _window("by the end of today", SUNDAY) == ("2025-03-16", "2025-03-16")
    assert _window("by 5pm", SUNDAY) == ("2025-03-16", "2025-03-16")


def test_end_of_week_said_on_a_sunday_is_the_week_ahead() -> None:
    """The other one: 'end of week' said on a Sunday is a week away, not two."""
    assert resolve("by the end of the week", SUNDAY).end == date(2025, 3, 23)
    assert resolve("by the end of the week", date(2025, 3, 15)).end == date(2025, 3, 23)
    assert resolve("by the end of the week", date(2025, 3, 14)).end == date(2025, 3, 16)


def test_error_message_names_what_was_not_understood() -> None:
    with pytest.raises(DeadlineError, match=r"^cannot read deadline phrase 'blah': no date or"):
        resolve("blah", SUNDAY)
    with pytest.raises(DeadlineError, match="sets no deadline"):
        resolve("eventually", SUNDAY)
    with pytest.raises(DeadlineError, match="outside the calendar"):
        resolve("in 99999999999 days", SUNDAY)


def test_deadline_error_is_an_input_error_and_a_value_error() -> None:
    with pytest.raises(DeadlineError) as caught:
        resolve("the moon", SUNDAY)
    assert isinstance(caught.value, InputError)
    assert isinstance(caught.value, TrackerError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.exit_code == 2


def test_long_or_odd_phrases_are_shown_on_one_short_line() -> None:
    with pytest.raises(DeadlineError) as caught:
        resolve("blah\nblah\t" * 30, SUNDAY)
    message = str(caught.value)
    assert "\n" not in message
    assert len(message) < 160


# ---------------------------------------------------------------- the Deadline value


def test_deadline_carries_the_phrase_and_rule() -> None:
    deadline = resolve("  By FRIDAY. ", SUNDAY)
    assert isinstance(deadline, Deadline)
    assert deadline.phrase == "  By FRIDAY. "
    assert "Friday" in deadline.rule and "'by'" in deadline.rule
    with pytest.raises(AttributeError):
        deadline.end = date(2030, 1, 1)  # type: ignore[misc]


def test_to_dict_is_json_ready() -> None:
    data = resolve("03/04/2026", SUNDAY).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["start"] == data["end"] == "2026-03-04"
    assert data["phrase"] == "03/04/2026"
    assert data["rule"]
    assert data["alternatives"] == [
        {
            "start": "2026-04-03",
            "end": "2026-04-03",
            "phrase": "03/04/2026",
            "rule": "explicit date (day/month)",
            "alternatives": [],
        }
    ]


@pytest.mark.parametrize(
    ("phrase", "said_on", "primary", "alternative"),
    [
        ("03/04/2026", "2025-03-16", "2026-03-04", "2026-04-03"),
        ("03.04.2026", "2025-03-16", "2026-04-03", "2026-03-04"),
        ("03/04/2026", "2026-03-20", "2026-04-03", "2026-03-04"),  # the future reading wins
        ("next Friday", "2025-03-12", "2025-03-21", "2025-03-14"),
        ("fiscal 2026", "2025-03-16", "2026-09-30", "2026-12-31"),
        ("for the 2026 fiscal year", "2025-03-16", "2026-09-30", "2026-12-31"),
        ("in the 2026 financial year", "2025-03-16", "2026-09-30", "2026-12-31"),
    ],
)
def test_ambiguous_phrases_keep_the_other_reading(
    phrase: str, said_on: str, primary: str, alternative: str
) -> None:
    deadline = resolve(phrase, date.fromisoformat(said_on))
    assert deadline.end.isoformat() == primary
    assert [alt.end.isoformat() for alt in deadline.alternatives] == [alternative]


def test_unambiguous_dates_have_no_alternative() -> None:
    assert resolve("31/03/2026", SUNDAY).alternatives == ()
    assert resolve("next Friday", date(2025, 3, 15)).alternatives == ()


def test_a_datetime_said_on_is_read_as_its_date() -> None:
    assert resolve("tomorrow", datetime(2025, 3, 16, 23, 59)).end == date(2025, 3, 17)


def test_wrong_types_are_programming_errors() -> None:
    with pytest.raises(TypeError):
        resolve(None, SUNDAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        resolve("tomorrow", "2025-03-16")  # type: ignore[arg-type]


def test_normalise_folds_case_quotes_brackets_dashes_and_number_words() -> None:
    assert normalise("“In [the] Coming Weeks.”") == "in the coming weeks"
    assert normalise("within twenty‑one days") == "within 21 days"
    assert normalise("mid–April") == "mid april"


def test_said_on_near_the_ends_of_the_calendar() -> None:
    assert _window("today", date(1, 1, 1)) == ("0001-01-01", "0001-01-01")
    assert _window("yesterday", date(9999, 12, 31)) == ("9999-12-30", "9999-12-30")
    with pytest.raises(DeadlineError):
        resolve("tomorrow", date(9999, 12, 31))
    with pytest.raises(DeadlineError):
        resolve("yesterday", date(1, 1, 1))


# ---------------------------------------------------------------- the written policy


def _doc_examples() -> list[tuple[str, str, str, str]]:
    row = re.compile(
        r"^\| `([^`]+)` \| \w{3} (\d{4}-\d\d-\d\d) \| (\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d) \|",
        re.M,
    )
    return row.findall(DOCS.read_text(encoding="utf-8"))


def test_docs_hold_worked_examples() -> None:
    assert len(_doc_examples()) >= 40


@pytest.mark.parametrize(("phrase", "said_on", "start", "end"), _doc_examples())
def test_docs_worked_examples_match_the_engine(
    phrase: str, said_on: str, start: str, end: str
) -> None:
    assert _window(phrase, date.fromisoformat(said_on)) == (start, end)


def test_importing_the_engine_does_not_import_dateparser() -> None:
    code = "import sys, tracker.deadlines; print('dateparser' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


# ---------------------------------------------------------------- properties

FORWARD_TEMPLATES = (
    "in {n} days", "within {n} days", "within {n} weeks", "in {n} months", "in {n} years",
    "{n} days from now", "in the next {n} hours", "over the next {n} weeks", "by {wd}",
    "on {wd}", "next {wd}", "{wd} next week", "this week", "next week", "the week after next",
    "this weekend", "next weekend", "this month", "next month", "by the end of {mon}",
    "by mid-{mon}", "early {mon}", "late {mon}", "in {mon}", "{mon} {d}", "{d} {mon}",
    "by {d} {mon}", "Q{q}", "by the end of Q{q}", "H1", "H2", "by summer", "this winter",
    "next spring", "this year", "later this year", "by year-end", "early next year",
    "by {future}", "in {future}", "by the end of the decade", "by Christmas", "by Easter",
    "by Thanksgiving", "soon", "shortly", "in the coming days", "in the coming weeks",
    "in the coming months", "in the near future", "today", "tomorrow", "by 5pm",
    "the day after tomorrow", "in a few weeks", "in several months", "the 15th",
    "between Monday and Friday", "this week or next", "before {wd}", "before {mon}",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=400).map(str),
    st.sampled_from(["two", "three", "twenty-one", "a couple of", "a few", "several", "ten"]),
)
SAID_ON = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@st.composite
def forward_phrases(draw: st.DrawFn) -> tuple[str, date]:
    said_on = draw(SAID_ON)
    template = draw(st.sampled_from(FORWARD_TEMPLATES))
    phrase = template.format(
        n=draw(NUMBERS),
        wd=draw(st.sampled_from(WEEKDAY_NAMES)),
        mon=draw(st.sampled_from(MONTH_NAMES)),
        d=draw(st.integers(min_value=1, max_value=28)),
        q=draw(st.integers(min_value=1, max_value=4)),
        future=draw(st.integers(min_value=said_on.year, max_value=said_on.year + 30)),
    )
    return phrase, said_on


@given(forward_phrases())
@settings(max_examples=400, deadline=None)
def test_forward_phrases_give_forward_windows(case: tuple[str, date]) -> None:
    phrase, said_on = case
    try:
        deadline = resolve(phrase, said_on)
    except DeadlineError:
        return
    assert deadline.start <= deadline.end
    assert deadline.end >= said_on, phrase
    for alternative in deadline.alternatives:
        assert alternative.start <= alternative.end


@given(forward_phrases())
@settings(max_examples=200, deadline=None)
def test_same_input_same_output(case: tuple[str, date]) -> None:
    phrase, said_on = case
    try:
        first = resolve(phrase, said_on)
    except DeadlineError as error:
        with pytest.raises(DeadlineError) as again:
            resolve(phrase, said_on)
        assert str(again.value) == str(error)
        return
    assert resolve(phrase, said_on) == first
    assert resolve(phrase, said_on).to_dict() == first.to_dict()


@given(st.text(max_size=80), SAID_ON)
@settings(max_examples=300, deadline=None)
def test_any_text_gives_a_deadline_or_a_deadline_error(text: str, said_on: date) -> None:
    try:
        deadline = resolve(text, said_on)
    except DeadlineError as error:
        assert "\n" not in str(error)
        return
    assert deadline.start <= deadline.end


SOUP_WORDS = (
    "by before within in the next last this coming end of early mid late week weekend month year "
    "quarter q3 h1 2026 30 days weeks few several and or to - / . ' friday march 31st christmas "
    "summer soon after ago 99999999999 9999 0 12 24 hours fy26 2030s decade century am pm 5pm "
    "noon 2/30 31/02/2026 9999-12-31 first second"
)


@given(st.lists(st.sampled_from(SOUP_WORDS.split(" ")), max_size=8).map(" ".join), st.dates())
@settings(max_examples=400, deadline=None)
def test_word_soup_gives_a_deadline_or_a_deadline_error(text: str, said_on: date) -> None:
    try:
        deadline = resolve(text, said_on)
    except DeadlineError:
        return
    assert deadline.start <= deadline.end
