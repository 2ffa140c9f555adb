"""tracker.extract: attribution and speakers on real-news forms (issue 19).

Each test uses sentences written for it, one rule at a time."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.extract import extract, split_sentences


@pytest.fixture(autouse=True)
def tracker_db() -> None:
    """Overrides the suite's per-test database: these tests touch no database."""


DAY = date(2024, 5, 14)


def _found(text: str) -> set[tuple[str, str]]:
    return {(c.speaker, c.deadline_phrase) for c in extract(text, DAY)}


def test_hard_wrapped_lines_stay_one_sentence() -> None:
    text = (
        "Ferry plan announced\n\n"
        "The first crossing of the new ferry between the island towns will run on 3 June, "
        "the Harbour\n"
        "Authority announced today. Tickets go on sale soon.\n"
    )
    sentences = split_sentences(text)
    assert any(s.startswith("The first crossing") and "Authority announced" in s for s in sentences)
    assert ("Harbour Authority", "on 3 June") in _found(text)


def test_short_lines_before_a_capital_stay_apart() -> None:
    text = "Ferry plan announced\n\nBy Harbour Authority\nTuesday, 14 May 2024\n\nBody text here."
    assert "By Harbour Authority" in split_sentences(text)


def test_organisation_named_with_a_title_word_is_that_organisation() -> None:
    text = (
        "Ferry plan\n\n"
        "By Harbour Commission, Press Office\n\n"
        "Port Board said on Monday that fares were set. "
        "The new ferry will run on 3 June, the Harbour "
        "Commission announced today."
    )
    assert _found(text) == {("Harbour Commission", "on 3 June")}


SPEECH = (
    "Ministry of Ports\n\n"
    "Check against delivery\n\n"
    "Maria OLVERA\n\n"
    "Minister for Harbours\n\n"
    "Opening of the north quay\n\n"
    "Ladies and gentlemen,\n\n"
    "Today we open the north quay, a milestone for the whole coast.\n\n"
    "The south quay will open in 2026, and the ferry terminal will follow next year.\n"
)


def test_the_one_name_in_a_speech_heading_speaks_every_sentence() -> None:
    assert _found(SPEECH) == {("Maria Olvera", "in 2026"), ("Maria Olvera", "next year")}


def test_a_heading_without_a_speech_cue_names_no_author() -> None:
    text = SPEECH.replace("Check against delivery\n\n", "").replace("Ladies and gentlemen,", "")
    assert _found(text) == set()


def test_a_speech_heading_with_two_names_names_no_author() -> None:
    text = SPEECH.replace("Maria OLVERA\n\n", "Maria OLVERA\n\nTomas Reyes\n\n")
    assert _found(text) == set()


def test_a_hansard_turn_speaks_until_the_next_turn() -> None:
    text = (
        "§ Mr. BlakeTo ask the Minister when the quay will open.\n\n"
        "§ Mrs. OrtonThe quay will open in March 2026.\n\n"
        "The terminal will follow by the end of 2027.\n"
    )
    assert _found(text) == {("Orton", "in March 2026"), ("Orton", "by the end of 2027")}


def test_reported_that_reports_and_a_suffixed_name_is_a_company() -> None:
    text = (
        "Quay report\n\n"
        "The works were let to Dunmore Civil Ltd. in 2022 by the Harbour Board.\n\n"
        "The contractor has now reported that the quay will be finished by March 2025."
    )
    assert _found(text) == {("Dunmore Civil", "by March 2025")}


def test_reported_before_a_noun_is_not_a_reporting_verb() -> None:
    text = (
        "Results\n\n"
        "Dunmore Civil Ltd. reported earnings on Monday. "
        "The new quay will be finished by March 2025."
    )
    assert _found(text) == set()


def test_event_with_its_year_course_of_and_sitting_of_the_house() -> None:
    phrases = {
        p
        for _, p in _found(
            SPEECH.replace(
                "The south quay will open in 2026, and the ferry terminal will follow next year.",
                "The quay will open before the summer recess, 2025. Services will start in "
                "the course of next year. The committee will meet after the House returns "
                "from the summer adjournment.",
            )
        )
    }
    assert phrases == {
        "before the summer recess, 2025",
        "in the course of next year",
        "after the House returns from the summer adjournment",
    }


def test_a_past_term_is_not_a_claim() -> None:
    text = SPEECH.replace(
        "The south quay will open in 2026",
        "Under the terms of the contract let in May 2023, construction of the quay was "
        "required to be completed in May 2026",
    )
    assert _found(text) == {("Maria Olvera", "next year")}


RELEASE = (
    "Harbour Commission - Daily News\n\n"
    "Brussels, 14 May 2024\n\n"
    "Quay plan adopted\n\n"
    'Ana Ruiz, the commissioner, said: "We need the new quay. It is part of the '
    '"Blue Ports" plan." The Port Board welcomed the plan on Monday. '
    "The Commission will use the coming weeks and months to consult ports. "
    "The Commission will travel to Lisbon on Monday. "
    "The Commission will be available for questions next week."
)


def test_an_organisation_as_subject_of_its_own_future_action_speaks() -> None:
    assert _found(RELEASE) == {("Harbour Commission", "the coming weeks and months")}


def test_a_person_as_subject_of_a_schedule_is_the_reporter_speaking() -> None:
    text = RELEASE.replace("The Commission will use", "Mr Ruiz will use")
    assert _found(text) == set()


def test_a_sentence_ends_after_a_closing_mark_lost_to_a_nested_quotation() -> None:
    assert any(s.startswith("The Commission will use") for s in split_sentences(RELEASE))


def test_capitals_in_a_title_case_headline_mark_no_names() -> None:
    text = "Ortega Pleased by Harbour Talks\n\nMayor Ortega says the new quay will open next month."
    assert _found(text) == {("Ortega", "next month")}


def test_demands_are_not_predictions() -> None:
    text = (
        "Quay talks\n\n"
        "Mayor Ortega says the board should not delay the quay into next year. "
        "She says the council must approve the budget by June. "
        "She says the quay should open in March."
    )
    assert _found(text) == {("Ortega", "in March")}


def test_a_count_of_games_is_a_phrase_that_needs_a_window() -> None:
    text = (
        "Rovers injury\n\n"
        "Rovers manager Graham Pike said on Friday that Okafor could miss the next four "
        "games with a hamstring strain."
    )
    (found,) = extract(text, DAY)
    assert (found.speaker, found.deadline_phrase) == ("Graham Pike", "the next four games")
    assert found.needs_window and found.end is None


def test_a_named_act_with_no_time_needs_a_window() -> None:
    text = (
        "Budget talks\n\n"
        "Mayor Ortega said she hopes the council will pass a harbour budget. "
        "She will continue to work with the board."
    )
    (found,) = extract(text, DAY)
    assert (found.speaker, found.deadline_phrase, found.needs_window) == ("Ortega", "", True)
    assert "budget" in found.claim


def test_a_named_act_in_the_reporters_voice_is_not_a_claim() -> None:
    text = "Budget talks\n\nThe council will pass a harbour budget, officials said."
    assert extract(text, DAY) == []


def test_guidance_given_in_the_past_tense_is_the_organisations_claim() -> None:
    text = (
        "Halcyon results\n\n"
        "Halcyon Foods Inc raised its outlook for 2025 on Tuesday. "
        "Halcyon Foods cut its sales forecast for fiscal 2026. "
        "Halcyon Foods raised prices in 2024."
    )
    assert _found(text) == {("Halcyon Foods", "for 2025"), ("Halcyon Foods", "for fiscal 2026")}


def test_it_right_after_the_organisation_plans_for_it() -> None:
    opening = "Halcyon results\n\nHalcyon Foods Inc raised its outlook for 2025 on Tuesday. "
    then = opening + "It will look to submit the filing early next year."
    later = opening + "The new plant is in Ohio. It will open early next year."
    assert ("Halcyon Foods", "early next year") in _found(then)
    assert ("Halcyon Foods", "early next year") not in _found(later)


def test_as_of_and_with_effect_from_a_date() -> None:
    text = (
        "Fares\n\n"
        "Mayor Ortega said the new fares will apply as of 1 June 2025. She said the old "
        "passes will end with effect from 30 June 2025."
    )
    assert _found(text) == {
        ("Ortega", "as of 1 June 2025"),
        ("Ortega", "with effect from 30 June 2025"),
    }


def test_an_absence_for_a_count_of_weeks_is_a_claim() -> None:
    text = (
        "Rovers update\n\n"
        "Rovers head coach Graham Pike gave an update on Tuesday.\n\n"
        '"Okafor is not fit," said Pike. "It is a small injury.\n\n'
        '"But he has to be out for two weeks, maybe three weeks."\n\n'
        "Pike said Mensah was out for two weeks in April."
    )
    (found,) = extract(text, DAY)
    assert (found.speaker, found.deadline_phrase) == ("Graham Pike", "for two weeks")
    assert found.end == date(2024, 5, 28)


def test_ensuring_a_named_thing_is_up_and_running_needs_a_window() -> None:
    text = (
        "Ferry plan\n\n"
        '"We will ensure that the new ferry service is up and running," Mayor Ortega said. '
        '"We will ensure that everyone is happy," she said.'
    )
    (found,) = extract(text, DAY)
    assert (found.speaker, found.deadline_phrase, found.needs_window) == ("Ortega", "", True)
    assert "ferry" in found.claim


def test_a_present_tense_schedule_in_the_course_of_next_year_looks_ahead() -> None:
    text = SPEECH.replace(
        "The south quay will open in 2026, and the ferry terminal will follow next year.",
        "The port is moving closer to full service in the course of next year. "
        "Ask me about the ferries next year.",
    )
    assert _found(text) == {("Maria Olvera", "in the course of next year")}


def test_an_open_quotation_takes_the_speaker_of_the_paragraph_that_continues_it() -> None:
    opened = (
        "Quay\n\nThe harbour board met on Monday.\n\n"
        "\u201cWe will open the quay next month.\n\n"
        "\u201cThe ferry will follow by June,\u201d harbour master Ana Ortega said."
    )
    closed = opened.replace("next month.\n\n", "next month.\u201d\n\n")
    assert _found(opened) == {("Ana Ortega", "next month"), ("Ana Ortega", "by June")}
    assert _found(closed) == {("Ana Ortega", "by June")}


def test_a_capitalised_preposition_opening_a_sentence_is_not_part_of_a_name() -> None:
    text = (
        "Oil outlook\n\n"
        "Under EIA's forecast, output rises. "
        "EIA forecasts that oil prices will average $58 in 2025."
    )
    assert _found(text) == {("EIA", "in 2025")}


def test_an_organisations_dated_agenda_lines_are_its_claims() -> None:
    text = (
        "Harbour Commission\n\n"
        "Agenda, 14 May 2024\n\n"
        "Tuesday 21 May: The Commission presents the new quay plan\n\n"
        "Thursday 23 May (date to be confirmed): The Commission adopts the ferry budget\n\n"
        "Friday 24 May: The Presidents of the boards meet harbour users\n\n"
        "Monday 13 May: The Commission presents the old quay plan\n\n"
        "The Commission presents its plans on 30 May."
    )
    assert _found(text) == {
        ("Harbour Commission", "Tuesday 21 May"),
        ("Harbour Commission", "Thursday 23 May"),
    }


def test_a_name_with_two_particles_is_one_name() -> None:
    text = (
        "Summit\n\n"
        "President Ursula von der Leyen arrived on Monday. "
        'Von der Leyen said: "We will sign the pact on Friday."'
    )
    assert _found(text) == {("Ursula von der Leyen", "on Friday")}


def test_a_title_word_that_begins_an_organisations_name_stays_in_it() -> None:
    text = (
        "Plant\n\n"
        "General Motors said the plant will close in November. "
        "General Ann Ruiz said the base will close in December."
    )
    assert _found(text) == {("General Motors", "in November"), ("Ann Ruiz", "in December")}
