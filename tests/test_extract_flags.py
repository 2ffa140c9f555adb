"""tracker.extract: conditional claims and statements reported from earlier (issue 19).

Candidates carry `conditional`, `reported_earlier` and, when the article dates the
words only to a period, `said_on_min`/`said_on_max` (docs/extract.md, D9 and D10).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Run
from tracker.extract import Candidate, extract, read_article
from tracker.extract.said_on import read_said_on

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "dev"
TUESDAY = date(2025, 3, 18)


def _one(text: str, published: date = TUESDAY) -> Candidate:
    (found,) = extract(text, published)
    return found


# ------------------------------------------------------------------ conditions


@pytest.mark.parametrize(
    "text",
    [
        '"If remaining tests go well, we will attempt a launch next month," Jo Park said.',
        "We will attempt a launch next month unless the talks collapse, Jo Park said.",
        "Jo Park said the plant would open by June, provided that the permits arrive.",
        "Jo Park said the plant would open by June, as long as the permits arrive.",
        "Jo Park said the plant would open by June if the permits arrive.",
        "Jo Park said the launch, weather permitting, will take place next week.",
        '"If the tests go well, we could launch next month," Jo Park said.',
        "Jo Park said that on the assumption that the permits arrive the plant will open by June.",
    ],
)
def test_conditional_predictions_are_proposed_and_flagged(text: str) -> None:
    found = _one(text)
    assert found.speaker == "Jo Park"
    assert found.conditional is True


@pytest.mark.parametrize(
    "text",
    [
        "Jo Park said the plant would open by June.",
        "Jo Park said the plant would open by June even if the permits are late.",
        "Jo Park said the board will decide next month if the plant goes ahead.",
        "We will see next month if it works, Jo Park said.",
    ],
)
def test_unconditional_predictions_are_not_flagged(text: str) -> None:
    assert _one(text).conditional is False


def test_counterfactual_stays_skipped_but_if_elected_is_kept() -> None:
    assert (
        extract("If talks collapsed, tariffs would rise within days, Jo Park said.", TUESDAY) == []
    )
    found = _one('"If elected, I would freeze fares on day one," Jo Park said.')
    assert (found.deadline_phrase, found.conditional) == ("on day one", True)


def test_condition_from_the_dev_corpus() -> None:
    """Hansard, 28 July 1989: 'On the assumption that Fairclough Building Ltd.
    achieve its revised forecast the building will not now be ready for occupation
    until the Easter recess, 1991' is Chope's conditional claim; his next one is not."""
    name = "hansard-parliamentary-building-1989-07-28"
    spec = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    found = extract(read_article(text), date.fromisoformat(spec["published"]))
    easter = next(c for c in found if "Easter recess" in c.deadline_phrase)
    assert (easter.speaker, easter.conditional, easter.reported_earlier) == ("Chope", True, False)
    evidence = next(c for c in found if "summer adjournment" in c.deadline_phrase)
    assert evidence.conditional is False


# ----------------------------------------------------- said before publication


@pytest.mark.parametrize(
    ("text", "said_on"),
    [
        ("Jo Park said in a tweet on Saturday that the plant would open by June.", "2025-03-15"),
        ("Jo Park told reporters on Friday the plant would open by June.", "2025-03-14"),
        ("Jo Park said yesterday that the plant would open by June.", "2025-03-17"),
    ],
)
def test_words_dated_to_an_earlier_day(text: str, said_on: str) -> None:
    found = _one(text)
    assert found.said_on == date.fromisoformat(said_on)
    assert found.reported_earlier is True
    assert (found.said_on_min, found.said_on_max) == (None, None)


@pytest.mark.parametrize(
    ("text", "said_on", "low", "high"),
    [
        ("Jo Park had said in January that the plant", "01-31", "01-01", "01-31"),
        ("Jo Park said in January the plant", "01-31", "01-01", "01-31"),
        ("In January, Jo Park said the plant", "01-31", "01-01", "01-31"),
        ("Earlier this month, the Board of Governors said the plant", "03-17", "03-01", "03-17"),
        ("Jo Park said in early February that the plant", "02-10", "02-01", "02-10"),
        ("Jo Park said earlier this year that the plant", "03-17", "01-01", "03-17"),
        ("Jo Park said last month that the plant", "02-18", "02-01", "02-28"),
    ],
)
def test_words_dated_to_a_period(text: str, said_on: str, low: str, high: str) -> None:
    found = _one(text + " would open by June.")
    assert found.speaker in {"Jo Park", "Board of Governors"}
    assert found.deadline_phrase == "by June"  # "in January" is not the deadline
    assert found.said_on == date.fromisoformat(f"2025-{said_on}")
    bounds = (date.fromisoformat(f"2025-{low}"), date.fromisoformat(f"2025-{high}"))
    assert (found.said_on_min, found.said_on_max) == bounds
    assert found.reported_earlier is True


def test_a_month_still_ahead_is_last_years() -> None:
    found = _one("Jo Park said in November that the plant would open by June.")
    assert (found.said_on_min, found.said_on_max) == (date(2024, 11, 1), date(2024, 11, 30))
    assert found.said_on == date(2024, 11, 30)


def test_pluperfect_without_a_day_is_reported_earlier() -> None:
    found = _one("Jo Park had said that the plant would open by June.")
    assert (found.said_on, found.reported_earlier) == (TUESDAY, True)


def test_words_of_the_day_are_not_reported_earlier() -> None:
    found = _one("Jo Park said on Tuesday that the plant would open by June.")
    assert (found.said_on, found.reported_earlier, found.said_on_min) == (TUESDAY, False, None)
    assert _one("Jo Park said the plant would open by June.").reported_earlier is False


def test_a_period_before_other_words_does_not_date_the_statement() -> None:
    found = _one("Sales rose last year and will rise again next year, Jo Park said.")
    assert (found.said_on, found.reported_earlier, found.said_on_min) == (TUESDAY, False, None)


def test_undated_words_inherit_the_speakers_period() -> None:
    text = (
        "Jo Park said in January that the plant would open by June.\n\n"
        '"We will hire 200 people next year," Park said.'
    )
    hire = extract(text, TUESDAY)[1]
    assert (hire.said_on_min, hire.said_on_max) == (date(2025, 1, 1), date(2025, 1, 31))


@pytest.mark.parametrize(
    ("expression", "published", "low", "high"),
    [
        ("last month", date(2025, 1, 15), date(2024, 12, 1), date(2024, 12, 31)),
        ("earlier this month", date(2025, 3, 18), date(2025, 3, 1), date(2025, 3, 17)),
        ("last year", date(2025, 3, 18), date(2024, 1, 1), date(2024, 12, 31)),
        ("in mid-March", date(2025, 3, 18), date(2025, 3, 11), date(2025, 3, 18)),
        ("in late February 2024", date(2025, 3, 18), date(2024, 2, 21), date(2024, 2, 29)),
    ],
)
def test_read_said_on_periods(expression: str, published: date, low: date, high: date) -> None:
    said = read_said_on(expression, published)
    assert said is not None and (said.low, said.high) == (low, high)


def test_read_said_on_refuses_an_empty_period() -> None:
    assert read_said_on("earlier this month", date(2025, 3, 1)) is None
    sunday = read_said_on("on Sunday", TUESDAY)
    assert sunday is not None and (sunday.day, sunday.low, sunday.high) == (
        date(2025, 3, 16),
        None,
        None,
    )


def test_to_dict_writes_the_new_fields() -> None:
    data = _one("Jo Park said in January that the plant would open by June.").to_dict()
    assert data["said_on_min"] == "2025-01-01" and data["said_on_max"] == "2025-01-31"
    assert data["said_on"] == "2025-01-31"
    assert data["conditional"] is False and data["reported_earlier"] is True
    plain = _one("Jo Park said the plant would open by June.").to_dict()
    assert plain["said_on_min"] is None and plain["said_on_max"] is None


def test_cli_json_carries_the_new_fields(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Jo Park said in January that the plant would open by June.\n\n"
        '"If the tests go well, we will hire 200 people next year," Park said on Tuesday.',
        encoding="utf-8",
    )
    result = run("extract", str(article), "--published", "2025-03-18", "--format", "json")
    assert result.exit_code == 0, result.stderr
    plant, hire = json.loads(result.stdout)
    assert (plant["said_on"], plant["said_on_min"], plant["said_on_max"]) == (
        "2025-01-31",
        "2025-01-01",
        "2025-01-31",
    )
    assert (plant["reported_earlier"], plant["conditional"]) == (True, False)
    assert (hire["said_on"], hire["said_on_min"], hire["reported_earlier"]) == (
        "2025-03-18",
        None,
        False,
    )
    assert hire["conditional"] is True


def test_review_shows_the_period_and_the_condition(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        'Jo Park said in January that "if the tests go well, the plant will open by June".',
        encoding="utf-8",
    )
    result = run("extract", str(article), "--published", "2025-03-18", "--review", input="q\n")
    assert result.exit_code == 0, result.stderr
    assert "said 2025-01-31 (between 2025-01-01 and 2025-01-31, reported from earlier)" in (
        result.stdout
    )
    assert "[conditional]" in result.stdout
