"""add, due, list, show, verify, edit, rm through the command line."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import WITKOFF_CALL, Run
from tracker.records import CLAIM_KEYS


def test_add_prints_id_and_window(run: Run) -> None:
    result = run(
        "add",
        WITKOFF_CALL,
        "--speaker",
        "Steve Witkoff",
        "--by",
        "this week",
        "--said-on",
        "2025-03-16",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "#1 Steve Witkoff: there will be a call with both presidents; "
        'due 2025-03-17..2025-03-23 ("this week", said 2025-03-16)'
    )


def test_add_json_is_the_stored_object(run: Run) -> None:
    result = run(
        "add",
        "a deal",
        "--speaker",
        "  steve   WITKOFF ",
        "--by",
        "next week",
        "--said-on",
        "2025-03-12",
        "--tag",
        "Ukraine",
        "--tag",
        "diplomacy",
        "--confidence",
        "0.3",
        "--criteria",
        "signed text",
        "--quote",
        "we will",
        "--source",
        "https://example.org/a",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert tuple(record) == CLAIM_KEYS
    assert record["speaker"] == "steve WITKOFF"
    assert record["deadline_start"] == "2025-03-17"
    assert record["deadline_end"] == "2025-03-23"
    assert record["tags"] == ["diplomacy", "ukraine"]
    assert record["confidence"] == 0.3
    assert record["source_url"] == "https://example.org/a"
    assert len(record["uid"]) == 32


def test_due_lists_only_ended_windows_most_overdue_first(witkoff: Run, run_json) -> None:
    records = run_json("due", "--as-of", "2025-03-24")
    assert [r["text"] for r in records] == [WITKOFF_CALL, "US teams will meet both sides"]
    assert [tuple(r) for r in records] == [CLAIM_KEYS] * 2
    assert records[0]["deadline_end"] == "2025-03-23"
    assert records[0]["days_overdue"] == 1
    witkoff("add", "older", "--speaker", "X", "--by", "today", "--said-on", "2025-03-01")
    records = run_json("due", "--as-of", "2025-03-24")
    assert records[0]["text"] == "older"
    assert records[0]["days_overdue"] == 23


def test_due_is_empty_on_the_last_day_of_the_window(witkoff: Run, run_json) -> None:
    assert run_json("due", "--as-of", "2025-03-23") == []


def test_due_within_adds_claims_ending_soon(witkoff: Run, run_json) -> None:
    witkoff("add", "soon one", "--speaker", "Y", "--by", "2025-03-27", "--said-on", "2025-03-20")
    ids = [r["text"] for r in run_json("due", "--as-of", "2025-03-24", "--within", "3")]
    assert "soon one" in ids
    ids = [r["text"] for r in run_json("due", "--as-of", "2025-03-24", "--within", "2")]
    assert "soon one" not in ids
    soon = run_json("due", "--as-of", "2025-03-24", "--within", "3")[-1]
    assert soon["days_overdue"] == -3


def test_due_filters_by_speaker_and_tag(witkoff: Run, run: Run, run_json) -> None:
    witkoff(
        "add",
        "t",
        "--speaker",
        "Other",
        "--by",
        "today",
        "--said-on",
        "2025-03-01",
        "--tag",
        "Trade",
    )
    assert [
        r["speaker"] for r in run_json("due", "--as-of", "2025-03-24", "--speaker", "steve witkoff")
    ] == ["Steve Witkoff"] * 2
    assert [r["text"] for r in run_json("due", "--as-of", "2025-03-24", "--tag", "trade")] == ["t"]
    assert [
        r["speaker"] for r in run_json("due", "--as-of", "2025-03-24", "--speaker", "witkoff")
    ] == ["Steve Witkoff"] * 2
    missed = run("due", "--as-of", "2025-03-24", "--speaker", "Witkof")
    assert missed.exit_code == 2
    assert (
        missed.stderr
        == "tracker: error: no speaker called 'Witkof'; did you mean 'Steve Witkoff'?\n"
    )


def test_verify_kept_removes_from_due(witkoff: Run, run_json) -> None:
    result = witkoff(
        "verify",
        "1",
        "--outcome",
        "kept",
        "--on",
        "2025-03-18",
        "--evidence",
        "https://example.org/call",
        "--note",
        "call held",
    )
    assert result.exit_code == 0, result.stderr
    texts = [r["text"] for r in run_json("due", "--as-of", "2025-03-24")]
    assert WITKOFF_CALL not in texts
    detail = run_json("show", "1")
    assert detail["status"] == "kept"
    assert detail["history"][0]["outcome"] == "kept"
    assert detail["history"][0]["evidence_url"] == "https://example.org/call"


def test_verify_kept_after_the_window_is_kept_late(witkoff: Run, run_json) -> None:
    witkoff("verify", "1", "--outcome", "kept", "--on", "2025-03-26")
    detail = run_json("show", "1")
    assert detail["status"] == "kept_late"
    assert detail["history"][0]["days_late"] == 3


def test_list_filters(witkoff: Run, run_json) -> None:
    witkoff(
        "add",
        "other claim",
        "--speaker",
        "Donald Trump",
        "--by",
        "tomorrow",
        "--said-on",
        "2025-01-20",
        "--tag",
        "war",
    )
    witkoff("verify", "2", "--outcome", "broken", "--on", "2025-03-24")
    assert len(run_json("list")) == 4
    assert [r["id"] for r in run_json("list", "--speaker", "DONALD  trump")] == [4]
    assert [r["id"] for r in run_json("list", "--tag", "war")] == [4]
    assert [r["id"] for r in run_json("list", "--status", "broken")] == [2]
    assert [r["id"] for r in run_json("list", "--text", "DEAL")] == [3]
    assert [r["id"] for r in run_json("list", "--said-before", "2025-03-01")] == [4]
    assert [r["id"] for r in run_json("list", "--said-after", "2025-03-01")] == [1, 2, 3]
    assert run_json("list", "--text", "%") == []


def test_list_csv_has_header_and_every_key(witkoff: Run) -> None:
    result = witkoff("list", "--format", "csv", "--as-of", "2025-03-24")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CLAIM_KEYS
    assert rows[0]["days_overdue"] == "1"
    assert len(rows) == 3


def test_table_fits_80_columns_and_has_no_colour_when_piped(witkoff: Run) -> None:
    witkoff(
        "add",
        "x" * 300,
        "--speaker",
        "A very long speaker name indeed, really",
        "--by",
        "today",
        "--said-on",
        "2025-03-01",
    )
    result = witkoff("due", "--as-of", "2025-03-24")
    lines = result.stdout.splitlines()
    assert lines[0].split()[0] == "ID"
    assert len(lines) == 4
    assert all(len(line) <= 80 for line in lines)
    assert "…" in result.stdout
    assert "\x1b[" not in result.stdout
    assert "23d overdue" in result.stdout


def test_show_prints_everything(witkoff: Run) -> None:
    witkoff("verify", "3", "--outcome", "broken", "--on", "2025-05-01", "--note", "no deal")
    out = witkoff("show", "3").stdout
    assert "a deal will be reached" in out
    assert "Steve Witkoff" in out
    assert "in the coming weeks" in out
    assert "https://www.bbc.com/news/articles/c8rx2v0qk4zo" in out
    assert "judged broken" in out and "no deal" in out


def test_edit_re_resolves_the_window(witkoff: Run, run_json) -> None:
    result = witkoff(
        "edit", "1", "--by", "next week", "--said-on", "2025-03-19", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["deadline_start"], record["deadline_end"]) == ("2025-03-24", "2025-03-30")
    witkoff("edit", "1", "--text", "new text", "--tag", "a", "--speaker", "Someone Else")
    record = run_json("show", "1")
    assert (record["text"], record["tags"], record["speaker"]) == (
        "new text",
        ["a"],
        "Someone Else",
    )
    witkoff("edit", "1", "--untag", "A")
    assert run_json("show", "1")["tags"] == []


def test_rm_asks_and_yes_skips(witkoff: Run, run_json) -> None:
    assert witkoff("rm", "1", input="n\n").exit_code == 1
    assert len(run_json("list")) == 3
    assert witkoff("rm", "1", input="y\n").exit_code == 0
    assert witkoff("rm", "2", "--yes").exit_code == 0
    assert [r["id"] for r in run_json("list")] == [3]


def test_speaker_names_match_ignoring_case_and_spaces(run: Run, run_json) -> None:
    run("add", "a", "--speaker", "Steve Witkoff", "--by", "today", "--said-on", "2025-01-01")
    run("add", "b", "--speaker", " steve  witkoff", "--by", "today", "--said-on", "2025-01-01")
    assert {r["speaker"] for r in run_json("list")} == {"Steve Witkoff"}


def test_parse_previews_window_rule_and_alternatives(run: Run) -> None:
    result = run("parse", "this week", "--said-on", "2025-03-16")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("2025-03-17..2025-03-23  ")
    preview = json.loads(
        run("parse", "03/04/2026", "--said-on", "2025-03-18", "--format", "json").stdout
    )
    assert (preview["said_on"], preview["start"], preview["end"]) == (
        "2025-03-18",
        "2026-03-04",
        "2026-03-04",
    )
    assert [(a["start"], a["end"]) for a in preview["alternatives"]] == [
        ("2026-04-03", "2026-04-03")
    ]
    assert (
        "  or 2026-04-03..2026-04-03"
        in run("parse", "03/04/2026", "--said-on", "2025-03-18").stdout
    )


def test_parse_refuses_what_it_cannot_read(run: Run) -> None:
    result = run("parse", "when pigs fly", "--said-on", "2025-03-18")
    assert result.exit_code == 2
    assert result.stderr.startswith("tracker: error: cannot read deadline phrase")
