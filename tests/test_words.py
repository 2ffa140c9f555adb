"""Dates, windows and states in words (tracker.output.words), as readers see them."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.output import words


@pytest.fixture(autouse=True)
def tracker_db() -> None:
    """Overrides the suite's per-test database: these tests touch no database."""


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        ("2025-03-17", "2025-03-23", "Mon 17 – Sun 23 March 2025"),
        ("2025-02-28", "2025-03-03", "Fri 28 February – Mon 3 March 2025"),
        ("2025-12-31", "2026-01-01", "Wed 31 December 2025 – Thu 1 January 2026"),
        ("2025-03-17", "2025-03-17", "Mon 17 March 2025"),
        ("2025-03-17", None, "from Mon 17 March 2025"),
        (None, "2025-03-23", "by Sun 23 March 2025"),
        (None, None, ""),
    ],
)
def test_a_window_says_its_shared_month_and_year_once(
    start: str | None, end: str | None, said: str
) -> None:
    assert words.window(start, end) == said


def test_days_and_states_read_as_words() -> None:
    assert words.day(date(2025, 3, 24)) == "Mon 24 March 2025"
    assert words.day(None) == ""
    assert words.state_label("kept_late") == "Kept late"
    assert words.state_label("strange_new") == "Strange new"
    assert [words.state_of("open", d) for d in (3, 0, -2)] == ["overdue", "on_time", "on_time"]
    assert words.state_of("broken", 9) == "broken"
    assert [words.days_phrase(d) for d in (1, 2, 0, -1, -5)] == [
        "1 day overdue",
        "2 days overdue",
        "ends today",
        "ends in 1 day",
        "ends in 5 days",
    ]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "http://", "//x.org/a", 3],
)
def test_only_web_urls_become_links(url: object) -> None:
    assert words.web_url(url) is None


def test_templates_escape_user_text() -> None:
    from tracker.output.templating import environment

    template = environment().from_string(
        "{% import '_parts.html' as parts %}{{ parts.link(text, url) }}{{ parts.badge(s) }}"
    )
    out = template.render(
        text='"><img src=x onerror=alert(1)>', url="javascript:alert(1)", s="kept"
    )
    assert "<img" not in out and "javascript:" not in out and "&#34;&gt;&lt;img" in out
    assert '<span class="badge badge-kept">Kept</span>' in out
