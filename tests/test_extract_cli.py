"""`tracker extract` on the command line: print, add all, review one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, dump

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
