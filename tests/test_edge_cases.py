"""Edge cases: inputs that once slipped through, each with what must happen instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, backend, dump


def test_a_report_or_chart_never_overwrites_the_database(run: Run, tmp_path: Path) -> None:
    database = str(tmp_path / "own.db")
    run(
        "--db",
        database,
        "add",
        "a",
        "--speaker",
        "S",
        "--by",
        "2025-03-20",
        "--said-on",
        "2025-03-01",
    )
    before = dump(database)
    for args in (
        ("report", "--as-of", "2025-03-24", "--output", database),
        ("report", "--as-of", "2025-03-24", "--output", database + "-wal"),
        ("stats", "--chart", database),
    ):
        result = run("--db", database, *args)
        assert result.exit_code == 2, result.stderr
        assert "is the database itself" in result.stderr
    assert dump(database) == before


def test_a_report_for_a_day_to_come_records_nothing(witkoff: Run, run_json) -> None:
    future = witkoff("report", "--as-of", "2099-01-01", "--new-only", "--format", "json")
    assert future.exit_code == 0, future.stderr
    assert len(json.loads(future.stdout)["new"]) == 3
    real = run_json("report", "--as-of", "2025-03-24", "--new-only")
    assert [item["id"] for item in real["new"]] == [1, 2]


def test_verified_claims_are_shown_once_whatever_ran_between(witkoff: Run, run_json) -> None:
    witkoff("verify", "1", "--outcome", "kept", "--on", "2025-03-18")
    run_json("report", "--as-of", "2025-03-24", "--new-only")
    run_json("report", "--as-of", "2025-03-25", "--speaker", "nobody", "--include-verified")
    shown = run_json("report", "--as-of", "2025-03-26", "--new-only", "--include-verified")
    assert [item["id"] for item in shown["verified"]] == [1]
    assert run_json("report", "--as-of", "2025-03-27", "--include-verified")["verified"] == []


def test_snooze_must_reach_past_the_window(witkoff: Run) -> None:
    result = witkoff("snooze", "3", "--until", "2025-03-18", "--as-of", "2025-03-17")
    assert result.exit_code == 2
    assert "not due before 2025-04-27" in result.stderr


def test_editing_a_moved_claim_keeps_the_restated_window(witkoff: Run, run_json) -> None:
    assert witkoff("slip", "1", "--by", "next week", "--said-on", "2025-03-28").exit_code == 0
    assert witkoff("edit", "1", "--said-on", "2025-03-15").exit_code == 0
    claim = run_json("show", "1")
    assert (claim["said_on"], claim["deadline_start"], claim["deadline_end"]) == (
        "2025-03-15",
        "2025-03-31",
        "2025-04-06",
    )
    assert witkoff("edit", "1", "--by", "by Friday").exit_code == 0
    claim = run_json("show", "1")
    assert claim["deadline_end"] == "2025-04-04"
    assert claim["history"][-1]["new_end"] == "2025-04-04"
    assert witkoff("edit", "1", "--said-on", "2025-03-29").exit_code == 2


def test_kept_late_within_the_window_is_kept(witkoff: Run, run_json) -> None:
    witkoff("verify", "1", "--outcome", "kept_late", "--on", "2025-03-18")
    assert run_json("show", "1")["status"] == "kept"
    result = witkoff("verify", "2", "--outcome", "kept", "--on", "2999-01-01")
    assert result.exit_code == 2
    assert "after today" in result.stderr


def test_text_search_folds_case_in_any_script(run: Run, run_json) -> None:
    run(
        "add",
        "Élysée summit announced",
        "--speaker",
        "A",
        "--by",
        "next week",
        "--said-on",
        "2025-03-03",
    )
    assert len(run_json("list", "--text", "Élysée")) == 1
    if backend() == "sqlite":
        assert len(run_json("list", "--text", "élysée")) == 1
    assert run_json("list", "--text", "100%") == []


@pytest.mark.parametrize(
    "args",
    [
        ("--db", "", "db", "path"),
        ("--db", "postgresql://host:notaport/db", "due"),
        ("--db", "foo://bar", "due"),
        ("show", "99999999999999999999"),
        ("verify", "99999999999999999999", "--outcome", "kept"),
        ("due", "--as-of", "0001-01-01"),
        ("due", "--as-of", "9999-12-31", "--within", "5"),
        ("snooze", "1", "--for", "30", "--as-of", "9999-12-20"),
        ("report", "--as-of", "9999-12-31"),
        ("report", "--webhook", "http://example.com:99999/x"),
        ("report", "--webhook", "http://[::1"),
        ("add", "t", "--speaker", "S", "--by", "today", "--tag", "x" * 101),
        ("stats", "--speaker", "Nobody"),
    ],
)
def test_more_bad_input_exits_2(witkoff: Run, tracker_db: str, args: tuple[str, ...]) -> None:
    before = dump(tracker_db)
    result = witkoff(*args)
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert dump(tracker_db) == before


def test_empty_tracker_db_is_refused(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DB", "  ")
    result = run("due")
    assert result.exit_code == 2
    assert "TRACKER_DB is set but empty" in result.stderr


def test_passwords_in_a_url_query_are_masked(run: Run) -> None:
    result = run("--db", "postgresql://alice@db.example/tracker?password=hunter2", "db", "path")
    assert "hunter2" not in result.stdout + result.stderr
    assert "password=***" in result.stdout


def test_a_question_mark_in_a_path_is_part_of_the_name(run: Run, tmp_path: Path) -> None:
    odd = tmp_path / "odd?name #1%20.db"
    said = ("--speaker", "S", "--by", "this week", "--said-on", "2025-01-01")
    assert run("--db", str(odd), "add", "x", *said).exit_code == 0
    assert odd.exists()
    assert sorted(p.name for p in tmp_path.iterdir())[0] == odd.name  # no other file made
    listed = run("--db", str(odd), "due", "--as-of", "2025-02-01", "--format", "json")
    assert [claim["text"] for claim in json.loads(listed.stdout)] == ["x"]


def test_stats_finds_a_speaker_by_an_old_name(run: Run, run_json) -> None:
    run(
        "add",
        "a",
        "--speaker",
        "Ann Lee",
        "--by",
        "2025-01-31",
        "--said-on",
        "2025-01-01",
        "--confidence",
        "0.8",
    )
    run("verify", "1", "--outcome", "kept", "--on", "2025-01-20")
    run("speakers", "rename", "Ann Lee", "Ann Lee-Smith")
    assert run_json("stats", "--speaker", "ann lee")["overall"]["scored"] == 1


def test_stats_markdown_escapes_names(run: Run) -> None:
    run(
        "add",
        "a",
        "--speaker",
        "<img src=x> [x](javascript:alert(1))",
        "--by",
        "2025-01-31",
        "--said-on",
        "2025-01-01",
        "--confidence",
        "0.5",
        "--tag",
        "**bold**",
    )
    out = run("stats", "--format", "markdown").stdout
    assert "\\<img" in out and "\\*\\*bold\\*\\*" in out
    unescaped = out.replace("\\<", "").replace("\\]", "").replace("\\*", "")
    assert "<img" not in unescaped and "](javascript" not in unescaped
    assert "**" not in unescaped


def test_a_display_name_with_a_comma_is_one_recipient() -> None:
    from email.utils import getaddresses

    from tracker.output.delivery import check_address

    for given in ('"Doe, John" <j@x.org>', '"evil@attacker.example, Bob" <bob@x.org>'):
        header = check_address(given, "--mail-to")
        assert [address for _, address in getaddresses([header])][-1:] == [
            given.rsplit("<", 1)[1].rstrip(">")
        ]
        assert len(getaddresses([header])) == 1
