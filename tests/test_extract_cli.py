"""`tracker extract` on the command line: print, add all, review one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, dump
from tests.test_extract_web import DATED, Reply, Site, site  # noqa: F401  (the fixture)

ARTICLE = Path(__file__).parent / "fixtures" / "articles" / "bbc-ceasefire-2025-03-16.txt"
SOURCE = "https://www.bbc.com/news/articles/c8rx2v0qk4zo"


@pytest.mark.parametrize("published", ["2025-03-16", "2025-03-17"])
def test_json_proposes_the_witkoff_claims(run: Run, published: str, tracker_db: str) -> None:
    run("db", "upgrade")
    before = dump(tracker_db)
    result = run("extract", str(ARTICLE), "--published", published, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = {(c["speaker"], c["deadline_phrase"], c["said_on"]) for c in json.loads(result.stdout)}
    for phrase in ("this week", "during the coming week", "in the coming weeks"):
        assert ("Steve Witkoff", phrase, "2025-03-16") in found
    assert dump(tracker_db) == before


def test_yes_adds_each_claim_once(run: Run, run_json) -> None:
    first = run("extract", str(ARTICLE), "--published", "2025-03-17", "--source", SOURCE, "--yes")
    assert first.exit_code == 0, first.stderr
    stored = run_json("list")
    assert {r["deadline_phrase"] for r in stored} >= {
        "this week",
        "during the coming week",
        "in the coming weeks",
    }
    assert all(r["source_url"] == SOURCE for r in stored)
    assert all(r["quote"] for r in stored)
    again = run("extract", str(ARTICLE), "--published", "2025-03-17", "--source", SOURCE, "--yes")
    assert again.exit_code == 0
    assert "added 0 claims" in again.stderr
    assert len(run_json("list")) == len(stored)
    flagged = json.loads(
        run(
            "extract",
            str(ARTICLE),
            "--published",
            "2025-03-17",
            "--source",
            SOURCE,
            "--format",
            "json",
        ).stdout
    )
    assert {c["duplicate_of"] for c in flagged if not c["needs_window"]} <= {
        r["id"] for r in stored
    }


def test_review_accepts_skips_edits_and_quits(run: Run, run_json) -> None:
    candidates = json.loads(
        run("extract", str(ARTICLE), "--published", "2025-03-17", "--format", "json").stdout
    )
    call = next(i for i, c in enumerate(candidates) if "call with both" in c["claim"])
    answers = ["s"] * call + [
        "a",
        "e",
        "Steve Witkoff",
        "teams will meet",
        "by Friday",
        "2025-03-16",
        "a",
        "q",
    ]
    result = run(
        "extract",
        str(ARTICLE),
        "--published",
        "2025-03-17",
        "--source",
        SOURCE,
        "--review",
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.stderr
    stored = run_json("list")
    assert [(r["text"], r["deadline_phrase"], r["deadline_end"]) for r in stored] == [
        ("there will be a call with both presidents", "this week", "2025-03-23"),
        ("teams will meet", "by Friday", "2025-03-21"),
    ]


def test_a_claim_without_a_date_needs_an_edit(run: Run, run_json, tmp_path: Path) -> None:
    article = tmp_path / "promise.txt"
    article.write_text('The candidate, Ana Ruiz, promised to cut fares on "day one".\n')
    answers = ["a", "e", "Ana Ruiz", "cut fares", "by the end of the year", "2025-03-16", "a"]
    result = run(
        "extract",
        str(article),
        "--published",
        "2025-03-17",
        "--review",
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.stderr
    assert "needs a deadline" in result.stderr
    assert [(r["speaker"], r["deadline_end"]) for r in run_json("list")] == [
        ("Ana Ruiz", "2025-12-31")
    ]


def test_html_from_standard_input(run: Run) -> None:
    html = (
        "<html><head><script>var x='this week';</script></head><body><h1>Talks</h1>"
        "<p>Minister Jane Doe said the bill &quot;will pass by Friday&quot;.</p></body></html>"
    )
    result = run("extract", "-", "--published", "2025-03-17", "--format", "json", input=html)
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(c["speaker"], c["deadline_phrase"]) for c in found] == [("Jane Doe", "by Friday")]


@pytest.mark.parametrize(
    "args",
    [
        ("extract", "missing.txt", "--published", "2025-03-17"),
        ("extract", str(ARTICLE), "--published", "March 17"),
        ("extract", str(ARTICLE)),
        ("extract", str(ARTICLE), "--published", "2025-03-17", "--source", "not a url"),
    ],
)
def test_bad_input(run: Run, args: tuple[str, ...], tracker_db: str) -> None:
    run("db", "upgrade")
    before = dump(tracker_db)
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert dump(tracker_db) == before


def test_empty_article_is_bad_input(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    result = run("extract", str(empty), "--published", "2025-03-17")
    assert result.exit_code == 2
    assert "empty" in result.stderr


def test_an_article_with_no_claim_says_so_and_nothing_more(run: Run, tmp_path: Path) -> None:
    article = tmp_path / "weather.txt"
    article.write_text("It rained in Leeds on Monday, the Met Office said.\n", encoding="utf-8")
    result = run("extract", str(article), "--published", "2025-03-17")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines()[0] == "no forward-looking claims found"
    assert "--yes" not in result.stderr


# ------------------------------------------------------------------ the same claim elsewhere

AP = "https://apnews.com/article/witkoff-call"


def _extracted(run: Run, *args: str) -> list[dict]:
    result = run("extract", str(ARTICLE), "--published", "2025-03-17", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _sources(run_json, claim_id: int) -> list[str]:
    return [s["url"] for s in run_json("show", str(claim_id))["sources"]]


def test_a_stored_claim_from_another_outlet_is_matched(witkoff: Run, tracker_db: str) -> None:
    """The stored Witkoff claims (from the BBC) against the same article from AP: the
    same speaker, words and window; JSON marks them, writing nothing."""
    before = dump(tracker_db)
    found = {c["claim"]: c for c in _extracted(witkoff, "--source", AP)}
    assert found["there will be a call with both presidents"]["matches_claim"] == 1
    assert found["a deal would be reached"]["matches_claim"] == 3
    assert found["Trump and Putin to hold call on ceasefire deal"]["matches_claim"] is None
    assert found["end the war"]["matches_claim"] is None  # another speaker
    assert all(c["duplicate_of"] is None for c in found.values())
    assert dump(tracker_db) == before
    table = witkoff("extract", str(ARTICLE), "--published", "2025-03-17", "--source", AP)
    assert "+#1" in table.stdout and "+#3" in table.stdout
    assert "+#N: the same claim as stored #N" in table.stderr


def test_yes_adds_the_article_as_another_source_instead(witkoff: Run, run_json) -> None:
    stored = len(run_json("list"))
    result = witkoff("extract", str(ARTICLE), "--published", "2025-03-17", "--source", AP, "--yes")
    assert result.exit_code == 0, result.stderr
    assert f"#1: added {AP} as another source (the same claim)" in result.stdout
    assert "added the article as a source of 2" in result.stderr
    assert _sources(run_json, 1) == [SOURCE, AP] and _sources(run_json, 3) == [SOURCE, AP]
    claims = run_json("list")
    assert len(claims) == stored + 3  # those that restate nothing stored (and have a date)
    other = run_json("show", "1")["sources"][1]
    assert (other["said_on"], other["published_on"]) == ("2025-03-16", "2025-03-17")
    assert run_json("log")[0]["action"] in ("add", "source")
    found = {c["claim"]: c for c in _extracted(witkoff, "--source", AP)}
    deal = found["a deal would be reached"]
    assert (deal["duplicate_of"], deal["matches_claim"]) == (3, 3)  # AP is its source now


def test_a_match_without_the_articles_url_is_not_added(witkoff: Run, run_json) -> None:
    stored = run_json("list")
    result = witkoff("extract", str(ARTICLE), "--published", "2025-03-17", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "the same claim as #1; pass --source URL to add it as a source" in result.stderr
    assert _sources(run_json, 1) == [SOURCE]
    assert len(run_json("list")) == len(stored) + 3


def test_review_adds_a_source_or_a_new_claim(witkoff: Run, run_json) -> None:
    candidates = _extracted(witkoff, "--source", AP)
    order = [c["matches_claim"] for c in candidates]
    answers = ["a" if match == 1 else "n" if match == 3 else "s" for match in order]
    result = witkoff("extract", str(ARTICLE), "--published", "2025-03-17", "--source", AP,
                     "--review", input="\n".join(answers) + "\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "the same claim as #1 (same speaker, words and window)" in result.stdout
    assert "[a]dd as a source of #1, [n]ew claim" in result.stdout
    assert _sources(run_json, 1) == [SOURCE, AP]
    assert _sources(run_json, 3) == [SOURCE]
    new = [c for c in run_json("list") if c["id"] > 3]
    assert [(c["text"], c["source_url"]) for c in new] == [("a deal would be reached", AP)]


def test_windows_that_do_not_meet_are_another_claim(run: Run, tmp_path: Path) -> None:
    """Witkoff promised a call 'this week' a year before: the same words, not the same claim."""
    ok_add = run("add", "there will be a call with both presidents", "--speaker", "Steve Witkoff",
                 "--by", "this week", "--said-on", "2024-03-16", "--source", SOURCE)  # fmt: skip
    assert ok_add.exit_code == 0, ok_add.stderr
    found = {c["claim"]: c for c in _extracted(run, "--source", AP)}
    assert found["there will be a call with both presidents"]["matches_claim"] is None


# ------------------------------------------------------------------ several articles

CNN = Path(__file__).parent / "fixtures" / "articles" / "cnn-shutdown.txt"


def test_several_articles_are_proposed_in_turn(run: Run, tracker_db: str) -> None:
    run("db", "upgrade")
    before = dump(tracker_db)
    result = run("extract", str(ARTICLE), str(CNN), "--published", "2025-03-17", "--format",
                 "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert {c["article"] for c in found} == {str(ARTICLE), str(CNN)}
    assert [c["article"] for c in found] == sorted(
        (c["article"] for c in found), key=[str(ARTICLE), str(CNN)].index
    )
    alone = json.loads(run("extract", str(ARTICLE), "--published", "2025-03-17",
                           "--format", "json").stdout)  # fmt: skip
    assert [c for c in found if c["article"] == str(ARTICLE)] == alone
    assert dump(tracker_db) == before
    table = run("extract", str(ARTICLE), str(CNN), "--published", "2025-03-17")
    assert f"{ARTICLE}:" in table.stderr and f"{CNN}:" in table.stderr


def test_source_goes_with_one_article(run: Run) -> None:
    result = run("extract", str(ARTICLE), str(CNN), "--published", "2025-03-17",
                 "--source", SOURCE)  # fmt: skip
    assert result.exit_code == 2
    assert "--source is the URL of one article" in result.stderr


def test_the_same_claim_in_two_pages_is_one_claim_with_two_sources(
    run: Run,
    run_json,
    site: Site,  # noqa: F811  (the fixture imported above)
    no_proxy: None,
) -> None:
    site.pages["/harbour"] = Reply(body=DATED.encode())
    site.pages["/harbour-again"] = Reply(body=DATED.replace("Harbour News", "Port Daily").encode())
    first, second = site.url("/harbour"), site.url("/harbour-again")
    result = run("extract", first, second, "--yes")
    assert result.exit_code == 0, result.stderr
    (claim,) = run_json("list")
    assert claim["speaker"] == "Ines Falk" and claim["source_url"] == first
    assert _sources(run_json, claim["id"]) == [first, second]


def test_quitting_the_review_of_one_article_ends_them_all(run: Run, run_json) -> None:
    result = run("extract", str(ARTICLE), str(CNN), "--published", "2025-03-17", "--review",
                 input="q\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"{ARTICLE}:" in result.stderr and f"{CNN}:" not in result.stderr
    assert result.stderr.count("added 0 claims") == 1
    assert run_json("list") == []


def test_a_speaker_stored_under_another_name_is_the_same_speaker(witkoff: Run) -> None:
    """Renamed, the old name stays an alias: the article's 'Steve Witkoff' finds him."""
    renamed = witkoff("speakers", "rename", "Steve Witkoff", "Steven C. Witkoff")
    assert renamed.exit_code == 0, renamed.stderr
    found = {c["claim"]: c for c in _extracted(witkoff, "--source", AP)}
    assert found["there will be a call with both presidents"]["matches_claim"] == 1
