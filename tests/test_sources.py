"""A claim's other sources: `tracker source add`, `show`, export and import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, dump, ok, refused, sql
from tracker.domain.sources import content_words, same_words

AP = "https://apnews.com/article/call"
REUTERS = "https://www.reuters.com/world/call"
BBC = "https://www.bbc.com/news/articles/c8rx2v0qk4zo"


def sources_of(run: Run, claim_id: str = "1") -> list[dict[str, Any]]:
    return json.loads(ok(run, "show", claim_id, "--format", "json").stdout)["sources"]


def test_a_source_is_added_shown_and_journaled(witkoff: Run) -> None:
    details = ("--outlet", "AP", "--title", "Call next week", "--published", "2025-03-17")
    result = ok(witkoff, "source", "add", "1", AP, *details, "--said-on", "2025-03-16",
                "--note", "same words")  # fmt: skip
    assert result.stdout.strip() == f"#1: added {AP} (2 sources)"
    first, other = sources_of(witkoff)
    assert (first["url"], first["first"], first["said_on"]) == (BBC, True, None)
    assert set(other) == {"url", "title", "outlet", "published_on", "said_on", "first",
                          "added_at", "added_by", "note"}  # fmt: skip
    assert other["url"] == AP and other["first"] is False
    assert (other["title"], other["outlet"], other["published_on"]) == (
        "Call next week",
        "AP",
        "2025-03-17",
    )
    assert (other["said_on"], other["note"]) == ("2025-03-16", "same words")
    assert other["added_by"] and other["added_at"].startswith("20")
    entry = json.loads(ok(witkoff, "log", "--format", "json").stdout)[0]
    assert (entry["action"], entry["claim_id"], entry["note"]) == ("source", 1, "same words")
    assert entry["changes"] == [{"field": "sources", "old": BBC, "new": f"{BBC}, {AP}"}]
    listed = json.loads(ok(witkoff, "list", "--format", "json").stdout)
    assert listed[0]["source_url"] == BBC  # the first source stays the listings' own


def test_the_json_answer_says_whether_it_was_added(witkoff: Run) -> None:
    made = json.loads(ok(witkoff, "source", "add", "2", REUTERS, "--format", "json").stdout)
    assert (made["id"], made["added"]) == (2, True)
    assert [s["url"] for s in made["sources"]] == [BBC, REUTERS]
    again = ok(witkoff, "source", "add", "2", REUTERS, "--format", "json")
    assert json.loads(again.stdout)["added"] is False
    assert "already has the source" in again.stderr


@pytest.mark.parametrize("url", [AP, BBC])
def test_a_source_the_claim_has_is_not_added_twice(witkoff: Run, tracker_db: str, url: str) -> None:
    ok(witkoff, "source", "add", "1", AP)
    before = dump(tracker_db)
    result = ok(witkoff, "source", "add", "1", url)
    assert result.stdout == ""
    assert result.stderr.strip() == f"tracker: #1 already has the source {url}; nothing changed"
    assert dump(tracker_db) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("1", "ftp://example.org/a"), "must be an http(s) URL"),
        (("1", "example.org/a"), "must be an http(s) URL"),
        (("1", "https://"), "must be an http(s) URL"),
        (("1", "https://example.org/a b"), "must not contain spaces"),
        (("1", AP, "--said-on", "2025-02-30"), "--said-on"),
        (("1", AP, "--outlet", " "), "outlet"),
        (("9", AP), "no claim with id 9"),
        (("0", AP), "ID"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    witkoff: Run, tracker_db: str, args: tuple[str, ...], expected: str
) -> None:
    before = dump(tracker_db)
    assert expected in refused(witkoff, "source", "add", *args)
    assert dump(tracker_db) == before


def test_a_judged_claim_takes_another_source_without_force(witkoff: Run) -> None:
    ok(witkoff, "verify", "1", "--outcome", "kept", "--on", "2025-03-18")
    ok(witkoff, "source", "add", "1", AP)
    shown = json.loads(ok(witkoff, "show", "1", "--format", "json").stdout)
    assert shown["status"] == "kept" and [s["url"] for s in shown["sources"]] == [BBC, AP]


def test_a_claim_with_no_first_source_lists_the_others(run: Run) -> None:
    ok(run, "add", "a deal", "--speaker", "Ann Lee", "--by", "next week", "--said-on", "2025-03-16")
    ok(run, "source", "add", "1", AP)
    assert [(s["url"], s["first"]) for s in sources_of(run)] == [(AP, False)]


def test_making_another_source_the_first_takes_it_off_the_others(witkoff: Run) -> None:
    ok(witkoff, "source", "add", "1", AP)
    ok(witkoff, "source", "add", "1", REUTERS)
    ok(witkoff, "edit", "1", "--source", AP)
    assert [(s["url"], s["first"]) for s in sources_of(witkoff)] == [(AP, True), (REUTERS, False)]


def test_deleting_a_claim_deletes_its_other_sources(witkoff: Run, tracker_db: str) -> None:
    ok(witkoff, "source", "add", "1", AP)
    ok(witkoff, "source", "add", "2", AP)  # one source, two claims
    ok(witkoff, "rm", "1", "--yes")
    assert sql(tracker_db, "SELECT claim_id FROM claim_sources") == [(2,)]


# ------------------------------------------------------------------ export and import


def _with_other_sources(witkoff: Run) -> str:
    ok(witkoff, "source", "add", "1", AP, "--outlet", "AP", "--said-on", "2025-03-16",
       "--note", "the same words")  # fmt: skip
    ok(witkoff, "source", "add", "1", REUTERS)
    ok(witkoff, "source", "add", "3", AP)
    return ok(witkoff, "export").stdout


@pytest.mark.parametrize("way", ["file", "url"])
def test_other_sources_survive_export_and_import(witkoff: Run, tmp_path: Path, way: str) -> None:
    """Both ways into SQLite: the fast path (a file) and the full one (a URL)."""
    exported = _with_other_sources(witkoff)
    first = json.loads(exported.splitlines()[0])
    assert [s["url"] for s in first["other_sources"]] == [AP, REUTERS]
    path = tmp_path / "claims.jsonl"
    path.write_text(exported, encoding="utf-8")
    target = tmp_path / "other.db"
    where = str(target) if way == "file" else f"sqlite:///{target}"
    ok(witkoff, "--db", where, "import", str(path))
    assert ok(witkoff, "--db", where, "export").stdout == exported
    assert (
        sources_of(witkoff)
        == json.loads(ok(witkoff, "--db", where, "show", "1", "--format", "json").stdout)["sources"]
    )
    again = ok(witkoff, "--db", where, "import", "--on-conflict", "update", str(path))
    assert again.stderr.strip() == "imported 0 claims (0 skipped, 3 updated)"
    assert ok(witkoff, "--db", where, "export").stdout == exported


def test_an_import_with_a_source_twice_names_the_line(
    run: Run, tmp_path: Path, tracker_db: str
) -> None:
    claim = {"text": "a deal", "speaker": "Ann Lee", "said_on": "2025-03-16",
             "deadline_phrase": "next week", "source": {"url": AP}}  # fmt: skip
    lines = [
        dict(claim, other_sources=[{"url": REUTERS}]),
        dict(claim, text="b", other_sources=[{"url": AP}]),
        dict(claim, text="c", other_sources=[{"url": REUTERS}, {"url": REUTERS}]),
    ]
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    message = refused(run, "import", str(path))
    assert f"line 2: other_sources names {AP} twice (or as the first source)" in message
    assert f"line 3: other_sources names {REUTERS} twice" in message
    assert not sql(tracker_db, "SELECT * FROM claims")


def test_a_hand_written_other_source_needs_only_its_url(run: Run, tmp_path: Path) -> None:
    line = {"text": "a deal", "speaker": "Ann Lee", "said_on": "2025-03-16",
            "deadline_phrase": "next week", "other_sources": [{"url": AP}]}  # fmt: skip
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    ok(run, "import", str(path))
    (other,) = sources_of(run)
    assert (other["url"], other["added_by"], other["note"]) == (AP, None, None)


# ------------------------------------------------------------------ the same claim


def test_content_words_leave_out_the_little_words() -> None:
    assert content_words("There will be a call with both presidents this week") == {
        "call",
        "president",
        "week",
    }


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("there will be a call with both presidents", "a call with both presidents", True),
        ("US teams will meet both sides", "US teams are to meet both sides", True),
        ("a deal will be reached", "there will be a call with both presidents", False),
        ("the the the", "a call", False),
    ],
)
def test_same_words(a: str, b: str, same: bool) -> None:
    assert same_words(a, b) is same


# ------------------------------------------------------------------ undo


def test_undo_takes_back_the_source_added_and_keeps_the_others(witkoff: Run) -> None:
    ok(witkoff, "source", "add", "1", AP, "--note", "first other")
    ok(witkoff, "source", "add", "1", REUTERS)
    ok(witkoff, "undo", "--yes")
    assert [s["url"] for s in sources_of(witkoff)] == [BBC, AP]
    ok(witkoff, "edit", "1", "--quote", "a call")
    ok(witkoff, "undo", "--yes")  # an edit's undo puts the claim back with its sources
    assert [(s["url"], s["note"]) for s in sources_of(witkoff)] == [
        (BBC, None),
        (AP, "first other"),
    ]
    ok(witkoff, "rm", "1", "--yes")
    ok(witkoff, "undo", "--yes")  # and so does an rm's
    assert [s["url"] for s in sources_of(witkoff)] == [BBC, AP]


# ------------------------------------------------------------------ show


def test_show_lists_every_source_with_what_is_known_of_it(witkoff: Run) -> None:
    assert f"  source:     {BBC}\n" in ok(witkoff, "show", "1").stdout
    ok(witkoff, "source", "add", "1", AP, "--outlet", "AP", "--said-on", "2025-03-16")
    shown = ok(witkoff, "show", "1").stdout
    assert f"  sources:    2\n    {BBC}\n    {AP} (AP; said on 2025-03-16)\n" in shown
    assert "  source:" not in shown


def test_show_gives_the_only_source_of_a_claim_added_without_one(run: Run) -> None:
    ok(run, "add", "a deal", "--speaker", "Ann Lee", "--by", "next week", "--said-on", "2025-03-16")
    assert "source:" not in ok(run, "show", "1").stdout
    ok(run, "source", "add", "1", AP, "--note", "wire copy")
    assert f"  source:     {AP} (wire copy)\n" in ok(run, "show", "1").stdout
