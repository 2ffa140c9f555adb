"""tracker.extract: the kinds of sentence real news writes every day (issue 19).

Each test is a short sentence written for one rule of docs/extract.md.
"""

from __future__ import annotations

from datetime import date

import pytest

from tracker.extract import Candidate, extract


@pytest.fixture(autouse=True)
def tracker_db() -> None:
    """Overrides the suite's per-test database: these tests touch no database."""


FRIDAY = date(2023, 3, 10)


def _one(text: str, published: date = FRIDAY) -> Candidate:
    (found,) = extract(text, published)
    return found


# ------------------------------------------------------------------ names


def test_a_name_beginning_with_an_accented_capital_is_whole() -> None:
    found = _one('José Álvarez, the coach, said: "We will sign a striker next month."')
    assert found.speaker == "José Álvarez"
    assert _one('Álvaro Ruiz said: "We will sign a striker next month."').speaker == "Álvaro Ruiz"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ford said it will close the plant by 2028.", "Ford"),
        ("Novartis expects to win approval for the drug later this year.", "Novartis"),
        ("Samsung said it plans to release the phone in September.", "Samsung"),
        ("Musk had said in January that the rocket would fly by June.", "Musk"),
        ("Acme Inc said it will open a plant in 2028.", "Acme"),
    ],
)
def test_one_word_opening_a_sentence_before_a_reporting_verb_is_a_speaker(
    text: str, speaker: str
) -> None:
    assert _one(text).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the bridge will reopen next month.",
        "Analysts expect the bank to cut rates in June.",
        "Construction will begin next month.",
    ],
)
def test_a_generic_plural_or_common_word_opening_a_sentence_is_no_speaker(text: str) -> None:
    assert extract(text, FRIDAY) == []


def test_a_corporate_suffix_stays_out_of_the_claim_and_does_not_end_it() -> None:
    assert _one("Acme Corp raised its outlook for 2023 on Tuesday.").claim == "raised its outlook"
    found = _one("Shares of Acme Inc. will list next month, finance chief Jo Park said.")
    assert found.claim == "Shares of Acme will list"


# ------------------------------------------------------------------ agendas


def test_agenda_items_sharing_a_date_are_two_claims_each_with_its_item() -> None:
    text = (
        "The European Commission publishes its agenda.\n\n"
        "Wednesday 15 March: The Commission presents a plan for ports.\n\n"
        "Wednesday 15 March: The Commission adopts new rules for rail.\n\n"
        "Thursday 16 March (date to be confirmed): The Commission presents a tax package."
    )
    found = extract(text, FRIDAY.replace(day=8))
    assert [c.claim for c in found] == [
        "The Commission presents a plan for ports",
        "The Commission adopts new rules for rail",
        "The Commission presents a tax package",
    ]


def test_the_company_points_to_a_one_word_name_named_before() -> None:
    text = (
        "Pfizer reported strong sales on Tuesday. "
        "The company will look to submit the filing early next year."
    )
    found = _one(text)
    assert (found.speaker, found.deadline_phrase) == ("Pfizer", "early next year")
    release = _one("Apple will release the new phone on September 22, the company said.")
    assert (release.speaker, release.said_on) == ("Apple", FRIDAY)  # the day ahead dates no words


def test_a_period_before_a_titled_name_dates_the_words_that_follow() -> None:
    text = (
        "Last month, U.S. head coach Jurgen Klinsmann spoke to reporters.\n\n"
        '"We expect to go into the knockout stage by July."'
    )
    found = _one(text, date(2014, 6, 10))
    assert found.speaker == "Jurgen Klinsmann"
    assert found.said_on_min == date(2014, 5, 1) and found.reported_earlier


# ------------------------------------------------------------------ events and no time


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        (
            '"We will not fly until we understand the root cause and the corrective action,"'
            " said Frank Culbertson.",
            "fly",
        ),
        ('Coach Jo Park said: "We expect to go into the knockout stage."', "knockout"),
        ("Fan Jo Park told reporters he is sure his side will win.", "win"),
    ],
)
def test_a_named_event_with_no_time_needs_a_window(text: str, keyword: str) -> None:
    found = _one(text)
    assert found.needs_window and found.deadline_phrase == ""
    assert keyword in found.claim


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        (
            "Manager Jo Park said Wilson is expected to return after the international break.",
            "after the international break",
        ),
        ("Manager Jo Park said Wilson should be back for the derby.", "for the derby"),
        (
            "Manager Jo Park said Wilson will be sidelined for the rest of the season.",
            "for the rest of the season",
        ),
    ],
)
def test_a_sporting_event_is_a_phrase_needing_a_window(sentence: str, phrase: str) -> None:
    found = _one(sentence)
    assert found.deadline_phrase == phrase and found.needs_window


def test_a_weekdays_match_is_dated_to_that_weekday() -> None:
    found = _one("Manager Jo Park said Wilson will miss Saturday's derby.")  # Friday's story
    assert found.deadline_phrase == "Saturday's derby"
    assert found.end == date(2023, 3, 11)


def test_facing_weeks_on_the_sidelines_is_an_absence_ahead() -> None:
    found = _one("Manager Jo Park said Wilson faces six weeks on the sidelines.")
    assert found.deadline_phrase == "six weeks"
    assert found.end == date(2023, 4, 21)


# ------------------------------------------------------------------ organisations and days


def test_a_count_of_years_after_over_is_a_phrase_of_the_organisations_plan() -> None:
    text = "Ford Motor Company plans to close 14 factories. Ford plans to do this over six years."
    found = _one(text)
    assert (found.speaker, found.deadline_phrase) == ("Ford Motor Company", "over six years")


def test_the_news_from_an_organisation_last_week_dates_its_plan() -> None:
    text = (
        "Ford Motor Company plans to close 14 factories. Ford plans to do this over six years.\n\n"
        "The news from Ford last week was not unexpected."
    )
    found = _one(text)
    assert found.said_on == date(2023, 3, 3) and found.reported_earlier


def test_a_date_after_an_announced_noun_dates_the_announcement_not_a_claim() -> None:
    assert extract("General Motors announced similar measures in November.", FRIDAY) == []
    found = _one("General Motors announced that production starts in November.")
    assert found.deadline_phrase == "in November"


def test_tonight_in_a_present_tense_schedule_looks_ahead() -> None:
    found = _one('SpaceX wrote on Twitter: "All systems are go for tonight\'s launch."')
    assert (found.speaker, found.deadline_phrase, found.end) == ("SpaceX", "tonight", FRIDAY)


# ------------------------------------------------------------------ speakers by title and turn


def test_a_nationality_after_a_quote_points_to_the_person_in_focus() -> None:
    text = (
        "Brentford manager Thomas Frank gave an update on Friday.\n\n"
        '"Ivan has a problem with his knee.\n\n'
        '"He will be out for six weeks, maybe more," the Dane said.'
    )
    assert _one(text).speaker == "Thomas Frank"
    assert extract('"The German side will win next week," Jo Park said.', FRIDAY)[0].speaker == (
        "Jo Park"
    )


def test_a_transcript_label_speaks_its_paragraph_and_a_question_is_nobodys() -> None:
    text = (
        "Remarks\n\nRex W. Tillerson\n\nSecretary of State\n\nTreaty Room\n\n"
        "SECRETARY TILLERSON: Good morning, all. I welcome the minister.\n\n"
        "QUESTION: Will you close the embassy next month?\n\n"
        "SECRETARY TILLERSON: We will have something to say about it next week."
    )
    found = _one(text)
    assert (found.speaker, found.deadline_phrase) == ("Rex W. Tillerson", "next week")


def test_hon_is_a_title() -> None:
    found = _one(
        '"The Government will invest in space over the next two decades," said Hon Jo Park.'
    )
    assert found.speaker == "Jo Park"


def test_a_range_of_days_in_one_month_is_one_phrase() -> None:
    found = _one(
        "Prime Minister Jo Park said Canada will host the summit on August 20 and 21, 2023."
    )
    assert found.deadline_phrase == "on August 20 and 21, 2023"
    assert (found.start, found.end) == (date(2023, 8, 20), date(2023, 8, 21))


def test_a_commitment_to_establish_is_a_named_act_with_no_time() -> None:
    found = _one(
        "Minister Jo Park said the government has made a commitment to establish a space agency."
    )
    assert found.needs_window and "space agency" in found.claim


# ------------------------------------------------------------------ releases


def test_an_organisation_after_a_title_case_dateline_plans_with_its_short_name() -> None:
    text = (
        "Washington \u2014 The United States Mint (Mint) will begin accepting orders for the "
        "coin on September 18 at noon EDT."
    )
    found = _one(text, date(2020, 9, 11))
    assert (found.speaker, found.deadline_phrase) == ("United States Mint", "on September 18")


def test_two_organisations_targeting_a_weekday_and_date_is_the_first_ones_plan() -> None:
    text = (
        "WASHINGTON, Oct. 26, 2020 /PRNewswire/ -- NASA and SpaceX now are targeting 7:49 p.m. "
        "EST Saturday, Nov. 14, for the launch of the first crew rotation mission."
    )
    found = _one(text, date(2020, 10, 26))
    assert (found.speaker, found.deadline_phrase) == ("NASA", "Saturday, Nov. 14")
    assert found.said_on == date(2020, 10, 26)  # the day ahead in the lede dates no words
    assert found.end == date(2020, 11, 14)


def test_a_verb_after_a_noun_and_a_name_is_a_relative_clause_not_a_speaker() -> None:
    text = (
        "Managers of the mission will hold a call at 4 p.m. on Wednesday, Oct. 28, to discuss "
        "results following unexpected data SpaceX noted during a recent launch."
    )
    assert extract(text, date(2020, 10, 26)) == []


# ------------------------------------------------ written statements and exclusions

_STATEMENT = (
    "Department for Education\nMade on: 23 July 2019\n"
    "Made by: Chris Skidmore (The Minister of State for Universities)\n\n"
    "Higher Education Student Finance\n\n"
)


def test_a_split_year_in_a_written_statement_made_by_a_minister() -> None:
    text = _STATEMENT + (
        "Maximum tuition fees for the 2020/21 academic year will be maintained.\n\n"
        "Maximum loans for living costs will be increased by inflation in 2020/21."
    )
    first, second = extract(text, date(2019, 7, 23))
    assert (first.speaker, first.deadline_phrase) == (
        "Chris Skidmore",
        "for the 2020/21 academic year",
    )
    assert first.end == date(2021, 7, 31)  # the academic year ends on 31 July
    assert (second.deadline_phrase, second.end) == ("in 2020/21", date(2021, 3, 31))


@pytest.mark.parametrize(
    "sentence",
    [
        "I am announcing details of finance for students starting on 1 August 2020.",
        "This means that the fee will remain at 9,250 pounds for the 2020/21 academic year.",
        "Fees will be kept at the levels that apply in the 2019/20 academic year.",
        "Prices will average $1.98 in 2020, which would be the lowest since 2004 in 2021.",
        "Jo Park will travel to Luxembourg on Monday.",
    ],
)
def test_announcing_implications_descriptions_and_travel_are_no_claims(sentence: str) -> None:
    found = extract(_STATEMENT + sentence, date(2019, 7, 23))
    assert [c.deadline_phrase for c in found if c.deadline_phrase != "in 2020"] == []


def test_a_postnominal_is_no_part_of_the_name() -> None:
    found = _one('"The satellite will be deployed by early July," said Christopher Pyne MP.')
    assert found.speaker == "Christopher Pyne"


# ---------------------------------------------------- statements, short names, government


def test_the_following_statement_gives_its_quotations_to_the_minister() -> None:
    text = (
        "Today, the Honourable Jo Park, Minister of Finance, released the following statement "
        "regarding Trans Mountain Corporation's (TMC) update:\n\n"
        '"TMC today released its cost estimate and confirmed the project is expected to be '
        "completed by the end of 2023.\n\n"
        '"We will launch a divestment process next year."'
    )
    first, second = extract(text, FRIDAY)
    assert (first.speaker, first.deadline_phrase) == (
        "Trans Mountain Corporation",
        "by the end of 2023",
    )
    assert (second.speaker, second.deadline_phrase) == ("Jo Park", "next year")


def test_a_background_aim_is_no_claim() -> None:
    text = 'Jo Park said: "The line will ensure fair value as we work to achieve net-zero by 2050."'
    assert extract(text, FRIDAY) == []


def test_the_government_in_a_release_is_the_government_not_a_department() -> None:
    text = (
        "The Department for Transport (DfT) has given the green light for the stations. "
        "The government will invest over 16 million pounds in the schemes."
    )
    found = _one(text)
    assert (found.speaker, found.needs_window) == ("government", True)
    named = _one("The Government of Canada said the government will build the line by 2030.")
    assert named.speaker == "Government of Canada"


# ------------------------------------------------------------------ leads, hopes, earlier phrases


def test_a_lead_paraphrase_restated_in_the_speakers_words_later_is_dropped() -> None:
    text = (
        "Secretary of State Mike Pompeo said on Friday talks with Pyongyang would resume soon.\n\n"
        "He spoke at a news conference in Bangkok.\n\n"
        '"I am confident the talks will resume soon," Pompeo told reporters.'
    )
    (found,) = extract(text, FRIDAY)
    assert found.claim == "I am confident the talks will resume"


def test_a_hope_with_no_event_is_no_claim() -> None:
    text = "Mike Pompeo said he was very hopeful that we can continue this conversation next year."
    assert extract(text, FRIDAY) == []
    assert _one("Mike Pompeo said he was hopeful that talks would resume next year.").claim


def test_by_then_takes_the_time_of_the_sentence_before() -> None:
    text = (
        'Mayor Jo Park said the bridge will open in June. "By then, the ferry will have stopped."'
    )
    first, second = extract(text, FRIDAY)
    assert (second.deadline_phrase, second.end) == ("in June", first.end)
    assert "ferry" in second.claim


def test_a_possessive_day_of_a_press_conference_dates_the_words() -> None:
    text = (
        "In yesterday's joint press conference, Commission President Jean-Claude Juncker expressed "
        "his satisfaction. He took note of a wish for a mixed deal, implying ratification, "
        "and announced that the Commission would reflect on this basis in the coming days."
    )
    found = _one(text)
    assert (found.speaker, found.said_on) == ("Jean-Claude Juncker", date(2023, 3, 9))


# ------------------------------------------------------------------ answers and forecasts


def test_a_hansard_turn_glued_to_the_answer_leaves_the_subject_to_the_answer() -> None:
    text = (
        "\u00a7 Mr. GummerProfessor Jo Gennard is still considering the comments but I understand "
        "that he expects to submit a final report to this Department shortly. The report will also "
        "be made public by this Department."
    )
    first, second = extract(text, date(1983, 1, 31))
    assert (first.speaker, first.deadline_phrase) == ("Jo Gennard", "shortly")
    assert (second.speaker, second.needs_window) == ("Gummer", True)
    assert "made public" in second.claim


def test_under_an_organisations_forecast_the_sentence_is_its_forecast() -> None:
    text = (
        "The Energy Information Administration (EIA) released its outlook on Tuesday. "
        "Under EIA's price forecast, projected crude oil production averages 9.5 million bbl/d "
        "in 2016."
    )
    found = _one(text, date(2015, 1, 13))
    assert (found.speaker, found.deadline_phrase) == (
        "Energy Information Administration",
        "in 2016",
    )


# ------------------------------------------------------------------ fixtures and spokespeople


def test_a_doubt_for_a_weekdays_game_looks_ahead_to_that_day() -> None:
    found = _one("Manager Jo Park said Salah is a doubt for Sunday's game against Chelsea.")
    assert (found.deadline_phrase, found.end) == ("for Sunday's game", date(2023, 3, 12))


def test_a_named_final_is_an_event_phrase() -> None:
    found = _one("He is set to return for the Champions League final, manager Jo Park said.")
    assert (found.deadline_phrase, found.needs_window) == ("for the Champions League final", True)


def test_an_unnamed_spokesperson_leaves_the_plan_to_the_organisation() -> None:
    found = _one(
        "The European Commission will present its proposal on 12 April, a spokesperson said."
    )
    assert (found.speaker, found.deadline_phrase) == ("European Commission", "on 12 April")


def test_one_word_speaker_before_is_confident_or_an_appositive() -> None:
    assert _one("Park is confident the deal will close by the end of the year.").speaker == "Park"
    found = _one("Park, who took office in May, has pledged to cut taxes within 100 days.")
    assert (found.speaker, found.deadline_phrase) == ("Park", "within 100 days")


def test_a_hansard_heading_with_party_or_office_names_the_member_who_answers() -> None:
    text = (
        "Wembley National Stadium\n\n"
        "Oral Answers to Questions in the House of Commons on 24 June 2002.\n\n"
        "Gregory Barker Conservative, Bexhill and Battle\n\n"
        "When she expects the new national stadium to stage its first match.\n\n"
        "Tessa Jowell The Secretary of State for Culture, Media and Sport\n\n"
        "The Football Association has made it clear that the stadium will open in 2006."
    )
    found = _one(text, date(2002, 6, 24))
    assert (found.speaker, found.deadline_phrase) == ("Tessa Jowell", "in 2006")


def test_as_soon_as_a_condition_is_no_phrase_but_as_soon_as_possible_is() -> None:
    assert (
        extract("Minister Jo Park said work will start as soon as the deal is done.", FRIDAY) == []
    )
    assert _one("Minister Jo Park said work will start as soon as possible.").deadline_phrase == (
        "as soon as possible"
    )


# ------------------------------------------------------------------ guidance, launches, fixtures


def test_guidance_makes_a_one_word_name_an_organisation() -> None:
    found = _one("Logitech raised its outlook for fiscal 2024 on Tuesday.")
    assert (found.speaker, found.deadline_phrase) == ("Logitech", "for fiscal 2024")
    guided = _one("Garmin raised its full-year revenue guidance to $4.85 billion.")
    assert (guided.speaker, guided.deadline_phrase, guided.end) == (
        "Garmin",
        "full-year",
        date(2023, 12, 31),  # the year it was said in
    )
    assert "guidance" in guided.claim
    unnamed = _one("Garmin raised its revenue guidance to $4.85 billion.")
    assert (unnamed.speaker, unnamed.needs_window) == ("Garmin", True)


def test_a_weekday_in_a_present_tense_schedule_is_the_coming_one() -> None:
    found = _one("Apple said on Friday that pre-orders begin on Tuesday.")
    assert (found.deadline_phrase, found.end) == ("on Tuesday", date(2023, 3, 14))


def test_the_company_is_the_first_one_word_name_of_the_story() -> None:
    found = _one(
        "Sony plans to launch the PlayStation 5 in the holiday season of 2023, the company said."
    )
    assert (found.speaker, found.deadline_phrase) == ("Sony", "in the holiday season of 2023")


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Manager Jo Park said Wilson will miss the rest of the season.", "the rest of the season"),
        (
            "Manager Jo Park said Wilson would be fit for the opening game of the season.",
            "for the opening game of the season",
        ),
    ],
)
def test_season_events_need_a_window(sentence: str, phrase: str) -> None:
    found = _one(sentence)
    assert (found.deadline_phrase, found.needs_window) == (phrase, True)


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Coach Jo Park said Schar will be out six weeks.", "six weeks"),
        (
            "Coach Jo Park said the club will decide in the next couple weeks.",
            "in the next couple weeks",
        ),
        ("Coach Jo Park said talks will start before too long.", "before too long"),
        (
            "Coach Jo Park said he will not play until after the 2026 FIFA World Cup.",
            "until after the 2026 FIFA World Cup",
        ),
        (
            "Coach Jo Park said she will race in late November or early December.",
            "in late November or early December",
        ),
        (
            "Coach Jo Park said she will race in the 2025 world championships.",
            "in the 2025 world championships",
        ),
        ("Minister Jo Park said the agency is ready for its new launch date of May 19.", "May 19"),
        (
            "Jo Park said a deal will come as soon as possible after the general election.",
            "as soon as possible after the general election",
        ),
        (
            "Minister Jo Park said he wants a deal before the 2024 European elections next June.",
            "before the 2024 European elections next June",
        ),
    ],
)
def test_phrases_real_reports_use(sentence: str, phrase: str) -> None:
    assert _one(sentence).deadline_phrase == phrase


# ------------------------------------------------------------------ officers and passives


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "A spokesman for the Department for Transport said a decision would come by June.",
            "Department for Transport",
        ),
        (
            "A Department for Transport spokesman said a decision would come by June.",
            "Department for Transport",
        ),
        ("An Abbott spokeswoman said the plant would reopen by June.", "Abbott"),
        ("A spokesperson for Acme Corp said the plant would reopen by June.", "Acme"),
        (
            "Abbott Laboratories raised its forecast. The company plans to reopen the plant by "
            "June, a company executive told Reuters.",
            "Abbott Laboratories",
        ),
    ],
)
def test_an_unnamed_officer_speaks_for_the_named_organisation(text: str, speaker: str) -> None:
    assert [c.speaker for c in extract(text, FRIDAY) if c.deadline_phrase == "by June"] == [speaker]


def test_a_passive_with_an_irregular_participle_looks_ahead() -> None:
    found = _one("Jo Park said a decision would be made by June.")
    assert (found.deadline_phrase, found.claim) == ("by June", "a decision would be made")
    assert extract("Jo Park said a decision had been made by June.", FRIDAY) == []


def test_the_day_guidance_was_raised_is_its_said_on_day_not_its_horizon() -> None:
    found = _one("Logitech raised its outlook for fiscal 2024 on Wednesday.")
    assert (found.deadline_phrase, found.said_on) == ("for fiscal 2024", date(2023, 3, 8))
    assert extract("Logitech raised its outlook on Wednesday.", FRIDAY) == []


def test_a_trailing_attribution_to_the_named_house_is_no_relative_clause() -> None:
    found = _one("The summit will take place in Hanoi on Feb. 27-28, the White House said.")
    assert (found.speaker, found.deadline_phrase) == ("White House", "on Feb. 27-28")


def test_agreed_to_meet_and_a_date_to_be_set_are_predictions() -> None:
    found = _one(
        "Both sides agreed to meet again next month, Foreign Minister Kang Kyung-wha said."
    )
    assert (found.speaker, found.deadline_phrase) == ("Kang Kyung-wha", "next month")
    dated = _one("Kang Kyung-wha said a new date would be set through diplomatic consultations.")
    assert dated.needs_window and "date" in dated.claim


def test_a_spokesman_named_for_a_place_speaks_for_it() -> None:
    found = _one(
        "The Prime Minister will announce the date in the coming weeks, a Downing Street "
        "spokesman said."
    )
    assert found.speaker == "Downing Street"


def test_unnamed_sources_and_a_bare_spokesman_name_no_speaker() -> None:
    text = (
        "The European Commission will decide whether to fine Apple by the end of March, two "
        "people familiar with the matter said."
    )
    assert extract(text, FRIDAY) == []
    text = (
        "The contractor, Brightwell Engineering, said it would add workers. A spokesman said the "
        "company was confident the work would finish by June."
    )
    assert [c.deadline_phrase for c in extract(text, FRIDAY)] == []


def test_the_lede_day_of_a_past_act_still_dates_the_lede() -> None:
    text = (
        "Keir Starmer has promised that Labour will build 1.5m homes by the end of this "
        "parliament, as the government unveiled planning reforms on Monday."
    )
    assert _one(text).said_on == date(2023, 3, 6)


def test_a_day_after_a_repeated_promise_is_the_day_it_was_repeated() -> None:
    text = (
        "Tom Whitaker repeated that promise on Sunday and said he would publish a budget next week."
    )
    assert [c.deadline_phrase for c in extract(text, FRIDAY)] == ["next week"]


def test_a_named_act_in_a_clause_of_its_own_beside_a_dated_one() -> None:
    text = (
        '"The Government will invest in space projects over the next two decades and it has made '
        'a commitment to establish a national space agency," Minister Jo Park said.'
    )
    dated, act = extract(text, FRIDAY)
    assert dated.deadline_phrase == "over the next two decades"
    assert act.needs_window and "space agency" in act.claim
    assert (
        len(extract("Jo Park said Labour will build 1.5m homes by the end of 2029.", FRIDAY)) == 1
    )


def test_these_plans_of_the_government_named_before_are_its_own() -> None:
    text = (
        "The UK government has been developing plans for an alternative to the programme. "
        "These will be published in the coming days."
    )
    found = _one(text)
    assert (found.speaker, found.deadline_phrase) == ("UK government", "in the coming days")
    text = "Jo Park has been developing plans. They will be published in the coming days."
    assert extract(text, FRIDAY) == []  # a person's plans told by the reporter


def test_a_person_before_a_chain_of_titles_speaks() -> None:
    text = (
        "At a press conference, Jyrki Katainen, Vice-President of the Commission, responsible "
        "for Jobs, Growth, Investment and Competitiveness, currently also in charge of the Health "
        '& Food Safety portfolio, said: "Safety of medicines will remain unchanged."'
    )
    found = _one(text)
    assert (found.speaker, found.needs_window) == ("Jyrki Katainen", True)


def test_a_holiday_recess_is_dated_by_the_holiday() -> None:
    found = _one(
        "Mr Chope said the building will not be ready until the Easter recess, 1991.",
        date(1989, 7, 28),
    )
    assert (found.deadline_phrase, found.end) == (
        "until the Easter recess, 1991",
        date(1991, 3, 31),
    )


def test_release_forms_committed_coverage_and_minister_for() -> None:
    found = _one("The government has committed to delivering 40 new hospitals by 2030.")
    assert (found.speaker, found.deadline_phrase) == ("government", "by 2030")
    text = "NASA will provide coverage of the launch beginning at 3 p.m. on Nov. 14."
    assert extract(text, FRIDAY) == []
    found = _one("The Minister for Europe, Jo Park, said the UK would host the conference in 2024.")
    assert found.speaker == "Jo Park"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("NASA said it is now targeting Sept. 1 for the launch.", "Sept. 1"),
        (
            "NASA said the first flight is planned for the second quarter of 2025.",
            "for the second quarter of 2025",
        ),
        ("NASA said the station will be in service by the mid-2030s.", "by the mid-2030s"),
        ("Acme said sales for the full year will rise.", "for the full year"),
    ],
)
def test_targets_quarters_and_decades(sentence: str, phrase: str) -> None:
    assert _one(sentence).deadline_phrase == phrase


def test_a_good_chance_to_win_a_named_game_is_a_prediction_needing_a_window() -> None:
    found = _one('"So we have a good chance to take points and win that game," coach Jo Park said.')
    assert found.needs_window and "win that game" in found.claim


def test_an_organisation_due_to_act_plans_it_and_a_passive_report_does_not() -> None:
    found = _one("The European Commission is due to present its proposal in March.")
    assert (found.speaker, found.deadline_phrase) == ("European Commission", "in March")
    assert extract("The report is due to be published in March.", FRIDAY) == []


def test_a_press_conference_report_of_a_manager() -> None:
    text = (
        "Ten Hag provides injury update ahead of Sheffield United clash\n\n"
        "Manchester United manager Erik ten Hag has provided an update on his injured players "
        "ahead of Saturday's trip to Sheffield United.\n\n"
        "Speaking at his pre-match press conference on Thursday, the Dutchman confirmed that "
        "Lisandro Martinez will be out for a few more weeks.\n\n"
        "The United boss also revealed that Casemiro could return for the game on Tuesday."
    )
    first, second = extract(text, FRIDAY)
    assert (first.speaker, first.deadline_phrase) == ("Erik ten Hag", "for a few more weeks")
    assert first.said_on == date(2023, 3, 9) and first.end is not None
    assert (second.speaker, second.deadline_phrase) == ("Erik ten Hag", "on Tuesday")


def test_an_event_followed_by_its_own_day_gives_the_day() -> None:
    text = (
        "Manager Jose Mourinho said he expects to add one more player before the transfer "
        "window closes on August 9."
    )
    found = _one(text, date(2018, 7, 30))
    assert (found.deadline_phrase, found.end) == ("on August 9", date(2018, 8, 9))


# ------------------------------------------------------------------ the reporter's frame


@pytest.mark.parametrize(
    "frame",
    [
        "told reporters ahead of Saturday's match against Leeds",
        "said before Sunday's final",
        "told the BBC prior to Monday's vote",
        "said following Tuesday's talks",
    ],
)
def test_when_the_words_were_said_around_an_event_is_neither_claim_nor_said_on_day(
    frame: str,
) -> None:
    found = _one(f'"He will be out for two weeks," Mark Lowe {frame}.')
    assert (found.deadline_phrase, found.said_on, found.claim) == (
        "for two weeks",
        FRIDAY,
        "He will be out",
    )


# ------------------------------------------------------------------ organisations by name


def test_a_company_named_in_two_words_is_an_organisation_and_its_own_day_holds() -> None:
    text = (
        "Volta Cars on Thursday raised its sales forecast and said it expects to turn a "
        "profit by 2025.\n\nThe Swedish company, which is owned by China's Geely, now expects "
        "sales to grow this year.\n\nThe company had said in April that it planned to stop "
        "making diesel cars by 2026."
    )
    found = [(c.speaker, c.deadline_phrase, c.said_on) for c in extract(text, FRIDAY)]
    assert found == [
        ("Volta Cars", "by 2025", date(2023, 3, 9)),
        ("Volta Cars", "this year", date(2023, 3, 9)),  # the company's news of Thursday
        ("Volta Cars", "by 2026", date(2022, 4, 30)),
    ]


def test_the_company_never_means_one_the_article_names_only_later() -> None:
    text = (
        "The carmaker said it will open a plant next year.\n\n"
        "Its parent, Zephyr Motors, reports results in May."
    )
    assert [c.speaker for c in extract(text, FRIDAY)] == []


def test_a_title_for_a_place_before_the_name_in_apposition_is_the_names() -> None:
    text = (
        "The U.S. special envoy for the Middle East, Amos Hochstein, said on Tuesday that "
        "negotiators would meet again in Cairo next week."
    )
    assert (_one(text).speaker, _one(text).said_on) == ("Amos Hochstein", date(2023, 3, 7))


@pytest.mark.parametrize(
    "was", ["originally planned for", "initially scheduled for", "once due in"]
)
def test_a_superseded_plan_is_no_claim_but_the_new_one_is(was: str) -> None:
    text = f"The mission, {was} 2025, will now launch in 2026, the European Space Agency said."
    assert [c.deadline_phrase for c in extract(text, FRIDAY)] == ["in 2026"]


def test_a_year_before_fiscal_year_is_a_time_phrase() -> None:
    found = _one(
        "Minister Ada Obi said the ministry will not propose projects for the 2024 fiscal year."
    )
    assert (found.deadline_phrase, found.end) == ("for the 2024 fiscal year", date(2024, 9, 30))


# ------------------------------------------------------------------ "X said:" then the words


def test_words_after_a_paragraph_that_introduces_them_unquoted_are_the_speakers() -> None:
    text = (
        "Statement on the talks\n\nForeign Secretary Jane Marsh said:\n\n"
        "I welcome the progress made. Expert talks will start on 18 March.\n\n"
        "Further information\n\nThe embassy will open in May."
    )
    found = [(c.speaker, c.deadline_phrase) for c in extract(text, FRIDAY)]
    assert found == [("Jane Marsh", "on 18 March")]


def test_a_quoted_statement_after_its_introduction_ends_it() -> None:
    text = (
        "New stations\n\nRail Minister Paul Grant said:\n\n"
        "\u201cWe are committed to better journeys. We will open two stations by May.\u201d\n\n"
        "All of the stations will be completed by March 2025."
    )
    found = [(c.speaker, c.deadline_phrase) for c in extract(text, FRIDAY)]
    assert found == [("Paul Grant", "by May")]


def test_a_peer_answering_in_writing_speaks_the_answer_and_the_claim_is_the_act() -> None:
    text = (
        "Lord Acton\n\nasked Her Majesty's Government:\n\nWhether there are plans to open "
        "new diplomatic posts.\n\nBaroness Scotland of Asthal\n\nAs a result of the spending "
        "review, we are able to announce that we shall open three new embassies in the near "
        "future."
    )
    found = _one(text)
    assert (found.speaker, found.deadline_phrase, found.claim) == (
        "Baroness Scotland of Asthal",
        "in the near future",
        "we shall open three new embassies",
    )


@pytest.mark.parametrize(
    ("sentence", "keyword"),
    [
        ("I believe a historic agreement is within reach,", "agreement is within reach"),
        ("A ceasefire is now in sight,", "ceasefire is now in sight"),
        ("The club is set to sign the striker,", "set to sign the striker"),
    ],
)
def test_an_event_within_reach_or_set_is_a_claim_that_needs_a_window(
    sentence: str, keyword: str
) -> None:
    found = _one(f"{sentence} Mayor Ann Kerr said.")
    assert found.needs_window and keyword in found.claim


@pytest.mark.parametrize("company", ["Procter & Gamble", "AT&T", "Johnson & Johnson"])
def test_a_name_joined_by_an_ampersand_is_one_organisation(company: str) -> None:
    text = f"{company} on Tuesday reported earnings.\n\nThe company expects sales to grow in 2024."
    assert _one(text).speaker == company


def test_a_time_phrase_opening_the_sentence_is_the_predictive_verbs() -> None:
    text = (
        "Delta Air Lines Inc. (DAL) said it has raised its outlook.\n\n"
        "For the third quarter, Delta expects earnings per share of $2.20 to $2.50."
    )
    found = _one(text)
    assert (found.speaker, found.deadline_phrase, found.end) == (
        "Delta Air Lines",
        "For the third quarter",
        date(2023, 9, 30),
    )


def test_a_time_phrase_opening_a_sentence_of_past_news_is_no_claim() -> None:
    text = "Delta Air Lines said on Thursday it had a record year.\n\nIn 2022, Delta said it fell."
    assert extract(text, FRIDAY) == []


def test_the_time_given_for_a_task_is_its_deadline() -> None:
    found = _one("Minister Ann Kerr said the firms will have seven months to deliver studies.")
    assert (found.deadline_phrase, found.end) == ("seven months", date(2023, 10, 10))


def test_a_described_speaker_is_named_in_the_next_sentence() -> None:
    text = (
        "An American space company says its new rocket should be ready for a test launch "
        "by the end of next year. The company is Orbital Works, based in California."
    )
    assert (_one(text).speaker, _one(text).deadline_phrase) == (
        "Orbital Works",
        "by the end of next year",
    )


def test_a_described_speaker_named_far_later_is_nobody() -> None:
    text = (
        "A European bank says rates will fall by June. "
        + "Markets were calm on Friday as traders waited for the data. " * 8
        + "The bank is Nordbank."
    )
    assert extract(text, FRIDAY) == []


def test_what_we_need_is_a_demand_not_a_claim() -> None:
    text = (
        'William Hague said: "We now need agreement on practical steps to show that Iran '
        'will implement its obligations by the summer."'
    )
    assert extract(text, FRIDAY) == []


def test_undated_words_take_the_speakers_day_before_them_not_an_earlier_statement() -> None:
    text = (
        "Prime Minister Tom Reid said on Thursday he would hold an election in the autumn.\n\n"
        "Reid also promised that inflation would fall below 3% by the end of the year. He "
        "had said in November that the government would cut taxes again next year."
    )
    found = {c.deadline_phrase: c.said_on for c in extract(text, FRIDAY)}
    assert found["in the autumn"] == found["by the end of the year"] == date(2023, 3, 9)
    assert found["next year"] == date(2022, 11, 30)


def test_speculation_reported_is_nobodys_claim() -> None:
    text = (
        "Prime Minister Tom Reid said on Thursday he would hold an election in the second half "
        "of the year, ending weeks of speculation that he could go to the polls as early as May."
    )
    assert [c.deadline_phrase for c in extract(text, FRIDAY)] == ["in the second half of the year"]


def test_a_months_transfer_window_is_that_month_and_unless_makes_it_conditional() -> None:
    found = _one(
        "Coach Ann Kerr added that the club would not make any signings in the January "
        "window unless injuries mounted."
    )
    assert (found.deadline_phrase, found.end, found.conditional) == (
        "in the January window",
        date(2024, 1, 31),
        True,
    )


@pytest.mark.parametrize(
    ("tail", "said_on"),
    [("told shareholders.", FRIDAY), ("told the BBC on Sunday.", date(2023, 3, 5))],
)
def test_told_a_listener_after_the_words_attributes_them(tail: str, said_on: date) -> None:
    found = _one(f"Tesla will start production of the Cybertruck next year, Elon Musk {tail}")
    assert (found.speaker, found.deadline_phrase, found.said_on) == (
        "Elon Musk",
        "next year",
        said_on,
    )


def test_signalled_reports_the_words_before_it() -> None:
    text = "The Fed is likely to cut rates in September, Fed Chair Jerome Powell signalled."
    assert _one(text).speaker == "Jerome Powell"


def test_reported_speech_shifts_an_expectation_back_but_keeps_it_ahead() -> None:
    found = _one("Siemens said on Monday that the deal was expected to close by the end of June.")
    assert (found.speaker, found.deadline_phrase, found.said_on) == (
        "Siemens",
        "by the end of June",
        date(2023, 3, 6),
    )


def test_an_event_dated_in_the_same_words_is_one_claim_with_its_day() -> None:
    found = _one("Paul Mendy said he would be fit for the derby on Sunday.")
    assert (found.deadline_phrase, found.end) == ("on Sunday", date(2023, 3, 12))


def test_co_is_a_corporate_suffix() -> None:
    assert _one("Boeing Co said it expects to deliver 400 jets this year.").speaker == "Boeing"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Scholz aims to have a million chargers by 2030, he told the Bundestag.", "Scholz"),
        ("Unilever aims to be carbon neutral by 2040.", "Unilever"),
        (
            "Putin, speaking at a televised meeting, said Russia would deploy the weapons by "
            "July 1.",
            "Putin",
        ),
    ],
)
def test_a_named_subjects_aim_and_a_speaker_before_an_aside_are_theirs(
    text: str, speaker: str
) -> None:
    assert _one(text).speaker == speaker


def test_a_period_opening_the_sentence_dates_a_speaker_named_after_a_title_in_commas() -> None:
    found = _one("Earlier this year, the CEO, Tim Cook, said Apple would open stores by 2024.")
    assert (found.speaker, found.said_on_min, found.said_on_max, found.reported_earlier) == (
        "Tim Cook",
        date(2023, 1, 1),
        date(2023, 3, 9),
        True,
    )


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Construction will begin in the spring, said project director Maria Lopez.",
            "Maria Lopez",
        ),
        ("Apple will open the store next month, said Tim Cook, the chief executive.", "Tim Cook"),
        (
            "Samsung Electronics will release the phone in September, the company said.",
            "Samsung Electronics",
        ),
        (
            "Apple unveiled the headset on Monday. It will be on sale early next year in the US, "
            "the company said.",
            "Apple",
        ),
    ],
)
def test_words_before_an_inverted_attribution_or_the_company_are_the_named_speakers(
    text: str, speaker: str
) -> None:
    assert _one(text).speaker == speaker


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            '"We will sign a striker," Ana Silva said, "before the end of the month."',
            "We will sign a striker",
        ),
        (
            '"The talks," the envoy Tom Barrack said, "will resume next week."',
            "The talks will resume",
        ),
    ],
)
def test_a_quotation_broken_by_its_attribution_gives_the_whole_claim(text: str, claim: str) -> None:
    assert _one(text).claim == claim


def test_a_time_given_to_this_in_a_later_sentence_dates_the_earlier_act() -> None:
    text = (
        "Ford Motor Company plans to close fourteen factories in Canada. Its plants employ "
        "many people. Ford plans to do this over six years."
    )
    found = _one(text)
    assert (found.deadline_phrase, found.claim) == (
        "over six years",
        "Ford Motor Company plans to close fourteen factories in Canada",
    )


@pytest.mark.parametrize(
    "act",
    [
        "will close the plant",
        "will hold a referendum",
        "will cut interest rates",
        "will join Arsenal",
    ],
)
def test_a_discrete_act_with_no_time_needs_a_window(act: str) -> None:
    found = _one(f"Mayor Ann Kerr said the city {act}.")
    assert found.needs_window and found.deadline_phrase == ""


def test_a_headline_credited_after_a_dash_is_the_titled_persons() -> None:
    text = (
        "We will finish the ring road by end of 2027 \u2013 Minister for Roads and Transport\n\n"
        "The Minister for Roads and Transport, Hon. Kwame Mensah, says the government "
        "has the money.\n\n"
        "Mensah spoke on television on Sunday."
    )
    found = _one(text)
    assert (found.speaker, found.deadline_phrase) == ("Kwame Mensah", "by end of 2027")


def test_a_headline_credit_restated_in_the_body_is_proposed_once() -> None:
    text = (
        "We will finish the ring road by end of 2027 \u2013 Minister for Roads and Transport\n\n"
        "The Minister for Roads and Transport, Hon. Kwame Mensah, says the government "
        "will finish the ring road by the close of 2027."
    )
    assert [c.deadline_phrase for c in extract(text, FRIDAY)] == ["by the close of 2027"]


@pytest.mark.parametrize(
    "phrase", ["before the wet season", "in the next budget", "before the monsoon season"]
)
def test_seasons_of_nature_and_budgets_are_events_that_need_a_window(phrase: str) -> None:
    found = _one(f"Transcript\n\nLUKE GOSLING: The track will be resurfaced {phrase}.")
    assert (found.speaker, found.deadline_phrase, found.needs_window) == (
        "Luke Gosling",
        phrase,
        True,
    )


@pytest.mark.parametrize(
    ("phrase", "end"),
    [
        ("by the turn of the year", date(2023, 12, 31)),
        ("in a matter of weeks", date(2023, 4, 21)),
        ("later in the year", date(2023, 12, 31)),
        ("towards the end of next month", date(2023, 4, 30)),
    ],
)
def test_more_ways_of_saying_when(phrase: str, end: date) -> None:
    found = _one(f"Minister Ann Kerr said the bridge will open {phrase}.")
    assert (found.deadline_phrase, found.end) == (phrase, end)


def test_an_acronym_for_a_name_the_article_spells_out_is_that_name() -> None:
    text = (
        "IMF: Growth Slowing\n\nThe International Monetary Fund says growth is slowing.\n\n"
        "IMF experts say the economy will expand 3.5 percent this year."
    )
    assert _one(text).speaker == "International Monetary Fund"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ofcom will consult on the proposals until 5 May, it said.", "Ofcom"),
        ("Tom Reid will stand down in May, he said.", "Tom Reid"),
    ],
)
def test_a_pronoun_reporting_its_own_sentence_is_its_subject(text: str, speaker: str) -> None:
    assert _one(text).speaker == speaker


def test_a_months_recess_is_before_that_month() -> None:
    found = _one("Schumer said he would bring the bill to a vote before the August recess.")
    assert (found.deadline_phrase, found.end) == ("before the August recess", date(2023, 7, 31))


def test_a_lead_paraphrase_with_another_phrase_is_dropped_for_the_bodys_words() -> None:
    text = (
        "Angolan Leader to Delay Vote\n\n"
        "Angolan president says the country's first post-war presidential election will likely "
        "be delayed another 3 years until 2012.\n\n"
        "President Jose Eduardo dos Santos says the country's first post-war presidential "
        "election will likely be delayed for another three years."
    )
    found = _one(text)
    assert (found.speaker, found.deadline_phrase) == (
        "Jose Eduardo dos Santos",
        "for another three years",
    )


def test_an_infinitive_opening_the_words_is_what_would_be_hard_not_a_claim() -> None:
    text = 'Analyst Dan Kurti said: "To do it all by December with everybody content is hard."'
    assert extract(text, FRIDAY) == []


def test_announcing_the_possibility_of_an_event_looks_ahead() -> None:
    text = (
        "President Laurent Gbagbo announced on state television the possibility of holding "
        "the presidential election within the next five months."
    )
    assert _one(text).deadline_phrase == "within the next five months"


def test_an_organisations_own_named_mission_as_subject_is_its_plan() -> None:
    text = (
        "WASHINGTON -- NASA's Mars Science Laboratory will launch two years later than "
        "planned, in the fall of 2011.\n\n"
        '"We will not lessen our standards," said Doug Kell of NASA Headquarters.'
    )
    found = _one(text, date(2008, 12, 4))
    assert (found.speaker, found.deadline_phrase) == ("NASA", "in the fall of 2011")


def test_partners_targeting_a_launch_no_earlier_than_a_day_target_that_day() -> None:
    text = (
        "NASA, Orbital ATK and United Launch Alliance (ULA) are now targeting launch of the "
        "seventh resupply mission no earlier than Tuesday, March 21."
    )
    found = _one(text)
    assert (found.speaker, found.deadline_phrase, found.end) == (
        "NASA",
        "no earlier than Tuesday, March 21",
        date(2023, 3, 21),
    )


def test_the_eve_of_a_dated_event_is_the_day_before() -> None:
    text = (
        "On the eve of independence day celebrations Tuesday, President Laurent Gbagbo "
        "announced the possibility of holding the election within the next five months."
    )
    assert _one(text, date(2007, 8, 7)).said_on == date(2007, 8, 6)


def test_a_step_toward_a_goal_is_background() -> None:
    text = (
        "NASA chief Charles Bolden said the rover would be a step toward sending humans "
        "there in the 2030s."
    )
    assert extract(text, FRIDAY) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Jose dos Santos said he will announce a date for the election after parliament "
            "approves a new constitution in March.",
            "after parliament approves a new constitution in March",
        ),
    ],
)
def test_a_time_that_dates_the_event_a_claim_counts_from_is_not_its_deadline(
    text: str, phrase: str
) -> None:
    found = _one(text, date(2009, 12, 10))
    assert (found.deadline_phrase, found.needs_window) == (phrase, True)


def test_a_time_after_the_claim_and_its_own_after_is_the_deadline() -> None:
    found = _one("Ann Kerr said the bridge will reopen in June, after the repairs.")
    assert (found.deadline_phrase, found.needs_window) == ("in June", False)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Volodymyr Zelensky will address Congress on Tuesday, his office said.",
            "Volodymyr Zelensky",
        ),
        ("Acme will open the plant in May, its spokesman said.", "Acme"),
    ],
)
def test_his_office_or_its_spokesman_speak_for_the_sentences_subject(
    text: str, speaker: str
) -> None:
    assert _one(text).speaker == speaker


def test_an_inverted_condition_makes_the_claim_conditional() -> None:
    found = _one(
        "Should the talks fail, strikes will begin next month, union leader Tom Reid said."
    )
    assert (found.speaker, found.conditional) == ("Tom Reid", True)
    assert not _one("Tom Reid said strikes should begin next month.").conditional


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The OECD released its outlook on Wednesday. China will grow 4% next year, it said.",
            "OECD",
        ),
        (
            "Pochettino spoke after the match. Chelsea will sign a striker in January, he said.",
            "Pochettino",
        ),
    ],
)
def test_a_pronoun_after_the_words_keeps_the_speaker_in_focus_when_the_subject_disagrees(
    text: str, speaker: str
) -> None:
    assert _one(text).speaker == speaker


def test_an_adverb_opening_the_sentence_is_no_speaker() -> None:
    text = "Separately, a spokesperson, speaking to Reuters, said the deal will close by June."
    assert extract(text, FRIDAY) == []


def test_unnamed_critics_in_a_statements_paragraphs_are_not_its_author() -> None:
    text = (
        "Statement\n\nPrime Minister Boris Johnson told the Commons:\n\n"
        "We will bring forward legislation by the summer.\n\n"
        "Critics said the plan will fail by 2030."
    )
    assert [(c.speaker, c.deadline_phrase) for c in extract(text, FRIDAY)] == [
        ("Boris Johnson", "by the summer")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Smith said he will resign when his term ends in December.",
        "Ann Kerr said the bridge will reopen once the repairs are completed in December.",
    ],
)
def test_when_or_once_an_event_happens_dates_the_claim_itself(text: str) -> None:
    found = _one(text, date(2009, 3, 10))
    assert (found.end, found.needs_window) == (date(2009, 12, 31), False)


@pytest.mark.parametrize(
    "text",
    [
        '"This will raise concerns among investors," analyst Jane Smith said.',
        '"Higher tariffs would raise prices for consumers," Fed Chair Jerome Powell said.',
        '"We will leave no stone unturned," Jane Smith said.',
        '"We will close the gap with our rivals," Jane Smith said.',
        "Acme Corp said it would list the names of the affected products on its website.",
        "Smith said the vote was scheduled to take place in June but has now been postponed.",
        "In December, Goldman Sachs forecast that oil would fall.",
    ],
)
def test_idioms_causes_and_plans_called_off_are_no_claims(text: str) -> None:
    assert extract(text, FRIDAY) == []


def test_i_need_time_to_recover_is_no_demand() -> None:
    text = (
        '"I need two more weeks to recover and I will be back for the derby on Sunday," '
        "striker Callum Wilson said."
    )
    assert _one(text).deadline_phrase == "on Sunday"


def test_a_lead_with_another_claim_of_the_same_kind_is_kept() -> None:
    text = (
        "Acme Corp will cut 1,000 factory jobs in Britain by June, chief executive John Smith "
        "said on Tuesday.\n\nSmith said Acme would also cut 2,000 factory jobs in Germany by "
        "the end of 2027."
    )
    assert [c.deadline_phrase for c in extract(text, FRIDAY)] == ["by June", "by the end of 2027"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Tesla will launch robotaxi in June \u2013 a big test for Elon Musk\n\nShares fell.",
            [],
        ),
        (
            "Inflation will fall below 2% by next year \u2013 Bank of England Governor Andrew "
            "Bailey\n\nPrices rose in May.",
            [("Andrew Bailey", "by next year")],
        ),
    ],
)
def test_a_headline_credit_is_a_name_or_a_title(text: str, found: list[tuple[str, str]]) -> None:
    assert [(c.speaker, c.deadline_phrase) for c in extract(text, FRIDAY)] == found


def test_an_acronym_is_only_for_a_name_the_article_gives() -> None:
    text = "Apple Invests In AI\n\nApple said it will open an AI lab in Paris next year."
    assert _one(text).speaker == "Apple"


def test_a_short_reported_clause_after_told_is_the_words() -> None:
    found = _one("Elon Musk told investors production starts in June.")
    assert (found.speaker, found.deadline_phrase) == ("Elon Musk", "in June")


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Ann Kerr said taxes would rise in the November budget.", date(2023, 11, 30)),
        ("Ann Kerr said the reform would pass before the May elections.", date(2023, 4, 30)),
    ],
)
def test_an_event_named_by_its_month_is_dated_by_it(text: str, end: date) -> None:
    assert _one(text).end == end


def test_a_period_in_the_first_words_does_not_date_a_second_verb() -> None:
    text = (
        "Jones said the new stadium will open in August and added that ticket prices "
        "will rise by 2028."
    )
    assert {c.said_on for c in extract(text, FRIDAY)} == {FRIDAY}
