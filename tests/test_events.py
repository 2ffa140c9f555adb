"""Events on the database side: named days deadlines count from, claims waiting for an
undated event, dating and moving an event, the edits and slips that reach an event, and
migration 0007. (The phrase readings themselves are in test_event_deadlines.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, exc, inspect

from tests.conftest import Run, dump, ok, refused, sql
from tracker.config import to_url
from tracker.store.engine import alembic_config

RunJson = Callable[..., Any]
SAID = ("--said-on", "2024-09-10")
TRUMP = ("--speaker", "Donald Trump")
EVENT_KEYS = ("name", "on", "term_months", "note")


def on_event(run: Run, claim_text: str, phrase: str, event: str, *more: str) -> Any:
    """Add a claim said 2024-09-10 whose deadline counts from an event."""
    return ok(run, "add", claim_text, *TRUMP, "--by", phrase, "--event", event, *SAID, *more)


def shown(run_json: RunJson, claim_id: int) -> dict[str, Any]:
    """`show` without its journal."""
    detail = run_json("show", str(claim_id), "--as-of", "2025-06-15")
    detail.pop("journal")
    return detail


def window(detail: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
    return (detail["status"], detail["deadline_start"], detail["deadline_end"], detail["due_on"])


def kinds(run_json: RunJson, claim_id: int) -> list[str]:
    return [h["kind"] for h in shown(run_json, claim_id)["history"]]


def listed_slips(run: Run, as_of: str = "2025-06-15") -> dict[int, str]:
    """The SLIPS column of `list`, by claim id (blank when none)."""
    out = ok(run, "list", "--as-of", as_of, "--format", "markdown").stdout
    rows = [line.strip("|").split("|") for line in out.splitlines()[2:] if line.startswith("|")]
    return {int(cells[0]): cells[4].strip() for cells in rows}


def speaker_row(run_json: RunJson, name: str = "Donald Trump") -> dict[str, Any]:
    rows = run_json("speakers", "--as-of", "2025-06-15")
    return next(row for row in rows if row["speaker"] == name)


# ------------------------------------------------------------------ adding and listing


def test_event_list_gives_dated_by_day_then_undated_with_counts(
    run: Run, run_json: RunJson
) -> None:
    ok(run, "event", "add", "Summit", "--on", "2025-06-26")
    ok(run, "event", "add", "Inauguration", "--on", "2025-01-20", "--term", "4y", "--note", "oath")
    ok(run, "event", "add", "Zeta talks")
    ok(run, "event", "add", "Budget", "--term", "18m")
    on_event(run, "a", "in the first 100 days", "inauguration")
    on_event(run, "b", "on day one", "budget")
    on_event(run, "c", "at the budget", "budget")
    found = run_json("event", "list")
    assert [tuple(e) for e in found] == [(*EVENT_KEYS, "claims", "waiting")] * 4
    assert [(e["name"], e["on"]) for e in found] == [
        ("Inauguration", "2025-01-20"),
        ("Summit", "2025-06-26"),
        ("Budget", None),
        ("Zeta talks", None),
    ]
    assert found[0] == {
        "name": "Inauguration",
        "on": "2025-01-20",
        "term_months": 48,
        "note": "oath",
        "claims": 1,
        "waiting": 0,
    }
    assert (found[2]["term_months"], found[2]["claims"], found[2]["waiting"]) == (18, 2, 2)
    assert (found[1]["claims"], found[1]["waiting"], found[1]["note"]) == (0, 0, None)
    table = ok(run, "event", "list").stdout
    assert re.search(r"Inauguration\s+2025-01-20\s+4y\s+1\s+0\s+oath", table)
    assert re.search(r"Budget\s+-\s+18m\s+2\s+2", table)


def test_names_and_aliases_match_ignoring_case_spaces_and_accents(
    run: Run, run_json: RunJson, tracker_db: str
) -> None:
    ok(run, "event", "add", "Élysée Talks", "--alias", "Paris  Summit", "--on", "2025-06-10")
    for i, name in enumerate(["elysee talks", "  ÉLYSÉE   talks ", "paris summit", "PARIS SUMMIT"]):
        on_event(run, f"claim {i}", "on day one", name)
    assert [e["claims"] for e in run_json("event", "list")] == [4]
    assert {shown(run_json, i)["event"]["name"] for i in (1, 2, 3, 4)} == {"Élysée Talks"}
    before = dump(tracker_db)
    for again in ("élysée talks", "ELYSEE TALKS", "  Élysée  Talks "):
        assert "exists" in refused(run, "event", "add", again)
    assert "names the event 'Élysée Talks'" in refused(run, "event", "add", "paris summit")
    assert "already names" in refused(run, "event", "add", "Other", "--alias", "Elysee talks")
    assert dump(tracker_db) == before
    assert [e["name"] for e in run_json("event", "list")] == ["Élysée Talks"]


def test_event_list_on_a_missing_file_creates_nothing(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "events.db"
    other = tmp_path / "events.db"
    assert ok(run, "--db", str(other), "event", "list", "--format", "json").stdout.strip() == "[]"
    assert ok(run, "--db", str(other), "event", "list").stderr.splitlines() == [
        "no events",
        f"no database at {other}; nothing to show",
    ]
    ok(run, "--db", str(missing), "event", "list", "--format", "json")
    assert not other.exists() and not missing.exists()
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ claims on an event


def test_a_claim_on_a_dated_event_counts_from_its_day(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "Inauguration", "--on", "2025-01-20", "--term", "4y", "--note", "oath")
    on_event(run, "tariffs", "in the first 100 days", "inauguration")
    on_event(run, "the wall", "by the end of his first term", "Inauguration")
    detail = shown(run_json, 1)
    assert window(detail) == ("open", "2025-01-20", "2025-04-29", "2025-04-29")
    assert detail["event"] == {
        "name": "Inauguration",
        "on": "2025-01-20",
        "term_months": 48,
        "note": "oath",
    }
    assert window(shown(run_json, 2))[1:3] == ("2025-01-20", "2029-01-19")
    assert [c["id"] for c in run_json("due", "--as-of", "2025-04-30")] == [1]
    assert run_json("due", "--as-of", "2025-04-29") == []


def test_a_claim_on_an_undated_event_waits(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "EU summit")
    added = on_event(run, "a deal", "before the summit", "eu summit")
    assert "waiting" in added.stdout
    ok(run, "add", "plain", *TRUMP, "--by", "by the end of the year", *SAID)
    detail = shown(run_json, 1)
    assert window(detail) == ("waiting", None, None, None)
    assert detail["event"]["on"] is None and detail["deadline_rule"] is None
    for as_of in ("2024-09-09", "2024-09-10", "2025-01-01", "2099-12-31"):
        assert 1 not in [c["id"] for c in run_json("due", "--as-of", as_of)]
    assert [c["id"] for c in run_json("due", "--as-of", "2025-01-01")] == [2]
    waiting = run_json("list", "--status", "waiting", "--as-of", "2025-06-15")
    assert [(c["id"], c["status"]) for c in waiting] == [(1, "waiting")]
    assert [c["id"] for c in run_json("list", "--status", "open", "--as-of", "2025-06-15")] == [2]
    row = speaker_row(run_json)
    assert (row["claims"], row["open"], row["waiting"], row["overdue"]) == (2, 1, 1, 1)


@pytest.mark.parametrize(
    ("phrase", "event", "why"),
    [
        ("by the end of March", "Summit", "calendar date"),
        ("next week", "Summit", "does not count from an event"),
        ("by the end of his first term", "Summit", "term"),
        ("by the end of his first term", "Dated", "term"),
        ("on day one", "Nowhere", "no event called 'Nowhere'"),
    ],
)
def test_a_phrase_that_cannot_count_from_the_event_is_refused(
    run: Run, tracker_db: str, phrase: str, event: str, why: str
) -> None:
    ok(run, "event", "add", "Summit")
    ok(run, "event", "add", "Dated", "--on", "2025-01-20")
    before = dump(tracker_db)
    line = refused(run, "add", "words", *TRUMP, "--by", phrase, "--event", event, *SAID)
    assert why in line
    assert dump(tracker_db) == before


# ------------------------------------------------------------------ dating and moving


def test_dating_an_event_gives_every_waiting_claim_its_window(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "Inauguration")
    ok(run, "event", "add", "Summit")
    on_event(run, "tariffs", "in the first 100 days", "inauguration")
    on_event(run, "pardons", "on day one", "inauguration")
    on_event(run, "a deal", "before the summit", "summit")
    dated = ok(run, "event", "set", "Inauguration", "2025-01-20")
    assert "2025-01-20" in dated.stdout and "#1" in dated.stdout and "#2" in dated.stdout
    assert window(shown(run_json, 1)) == ("open", "2025-01-20", "2025-04-29", "2025-04-29")
    assert window(shown(run_json, 2)) == ("open", "2025-01-20", "2025-01-20", "2025-01-20")
    assert window(shown(run_json, 3)) == ("waiting", None, None, None)
    history = shown(run_json, 1)["history"]
    assert [h["kind"] for h in history] == ["event"]
    assert (history[0]["old_phrase"], history[0]["new_phrase"]) == ("in the first 100 days",) * 2
    assert (history[0]["new_start"], history[0]["new_end"]) == ("2025-01-20", "2025-04-29")
    assert shown(run_json, 1)["slips"] == 0
    assert listed_slips(run) == {1: "", 2: "", 3: ""}
    row = speaker_row(run_json)
    assert (row["slips"], row["open"], row["waiting"]) == (0, 2, 1)
    counts = {e["name"]: (e["on"], e["claims"], e["waiting"]) for e in run_json("event", "list")}
    assert counts == {"Inauguration": ("2025-01-20", 2, 0), "Summit": (None, 1, 1)}
    assert [c["id"] for c in run_json("due", "--as-of", "2025-06-15")] == [2, 1]


def test_a_slip_counts_where_an_event_change_does_not(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "Summit")
    on_event(run, "a deal", "before the summit", "summit")
    on_event(run, "a call", "before the summit", "summit")
    ok(run, "event", "set", "summit", "2025-06-20")
    ok(run, "slip", "2", "--by", "by the summit", "--said-on", "2025-02-01")
    assert kinds(run_json, 1) == ["event"]
    assert kinds(run_json, 2) == ["event", "slip"]
    assert listed_slips(run) == {1: "", 2: "1"}
    assert speaker_row(run_json)["slips"] == 1


def test_moving_an_event_rereads_open_claims_not_judged_ones(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "Summit")
    on_event(run, "a deal", "at the summit", "summit")
    on_event(run, "a call", "before the summit", "summit")
    on_event(run, "a visit", "by the summit", "summit")
    ok(run, "event", "set", "summit", "2025-06-20")
    ok(run, "verify", "2", "--outcome", "broken", "--on", "2025-06-21")
    ok(run, "snooze", "3", "--until", "2025-08-01", "--as-of", "2025-06-21")
    moved = ok(run, "event", "set", "Summit", "2025-07-01", "--note", "postponed")
    assert "#1" in moved.stdout and "#2" not in moved.stdout
    assert window(shown(run_json, 1)) == ("open", "2025-07-01", "2025-07-01", "2025-07-01")
    judged = shown(run_json, 2)
    assert window(judged) == ("broken", "2024-09-10", "2025-06-19", "2025-06-19")
    assert [h["kind"] for h in judged["history"]] == ["event", "verify"]
    history = shown(run_json, 1)["history"]
    assert [h["kind"] for h in history] == ["event", "event"]
    assert (history[1]["old_start"], history[1]["new_start"]) == ("2025-06-20", "2025-07-01")
    assert history[1]["note"] == "postponed"
    snoozed = shown(run_json, 3)
    assert (snoozed["deadline_end"], snoozed["due_on"]) == ("2025-07-01", "2025-08-01")
    assert speaker_row(run_json)["slips"] == 0
    assert shown(run_json, 1)["event"]["on"] == "2025-07-01"


def test_new_only_report_lists_claims_the_dating_made_due(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "Inauguration")
    on_event(run, "pardons", "on day one", "inauguration")
    on_event(run, "tariffs", "in the first 100 days", "inauguration")
    ok(run, "add", "plain", *TRUMP, "--by", "by the end of the year", *SAID)
    new = ("report", "--new-only", "--upcoming", "0")
    first = run_json(*new, "--as-of", "2025-03-01")
    assert [c["id"] for c in first["new"]] == [3]
    assert run_json(*new, "--as-of", "2025-03-02")["new"] == []
    ok(run, "event", "set", "inauguration", "2025-01-20")
    after = run_json(*new, "--as-of", "2025-03-03")
    assert [(c["id"], c["deadline_end"]) for c in after["new"]] == [(1, "2025-01-20")]
    assert run_json(*new, "--as-of", "2025-03-04")["new"] == []
    assert [c["id"] for c in run_json(*new, "--as-of", "2025-04-30")["new"]] == [2]


def test_event_set_is_journaled_and_undo_refuses_it(
    run: Run, run_json: RunJson, tracker_db: str
) -> None:
    ok(run, "event", "add", "Summit")
    on_event(run, "a deal", "at the summit", "summit")
    ok(run, "event", "set", "summit", "2025-06-20")
    entry = run_json("log", "--limit", "1")[0]
    assert (entry["action"], entry["claim_id"]) == ("event", None)
    assert entry["changes"] == [
        {"field": "event", "old": "Summit not dated", "new": "Summit 2025-06-20"}
    ]
    assert entry["detail"] == {"claims": [1]}
    ok(run, "event", "set", "summit", "2025-07-01")
    assert run_json("log", "--limit", "1")[0]["changes"][0]["old"] == "Summit 2025-06-20"
    before = dump(tracker_db)
    assert "event set" in refused(run, "undo", "--yes")
    assert dump(tracker_db) == before
    assert [e["action"] for e in run_json("log")] == ["event", "event", "add"]


def test_event_set_on_an_unknown_event_is_refused(run: Run, tracker_db: str) -> None:
    ok(run, "event", "add", "Summit")
    before = dump(tracker_db)
    assert "no event called" in refused(run, "event", "set", "Sumit", "2025-06-20")
    assert dump(tracker_db) == before


# ------------------------------------------------------------------ removing


def test_event_rm_is_refused_while_claims_count_from_it(
    run: Run, run_json: RunJson, tracker_db: str
) -> None:
    ok(run, "event", "add", "Summit", "--alias", "G7")
    ok(run, "event", "add", "Budget")
    ok(run, "event", "add", "Spare")
    on_event(run, "a deal", "at the summit", "summit")
    before = dump(tracker_db)
    assert "1 claim" in refused(run, "event", "rm", "g7")
    assert dump(tracker_db) == before
    ok(run, "event", "rm", "SPARE")
    assert [e["name"] for e in run_json("event", "list")] == ["Budget", "Summit"]
    ok(run, "edit", "1", "--event", "budget")
    ok(run, "event", "rm", "Summit")
    assert "no event called" in refused(run, "event", "rm", "g7")
    assert "1 claim" in refused(run, "event", "rm", "Budget")
    ok(run, "rm", "1", "--yes")
    ok(run, "event", "rm", "Budget")
    assert run_json("event", "list") == []
    ok(run, "event", "add", "G7")
    assert [e["name"] for e in run_json("event", "list")] == ["G7"]


# ------------------------------------------------------------------ edit and slip


def test_edit_moves_a_claim_onto_an_event(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "Inauguration", "--on", "2025-01-20")
    ok(run, "event", "add", "Budget")
    ok(run, "add", "tariffs", *TRUMP, "--by", "within 100 days", "--said-on", "2024-11-01")
    assert window(shown(run_json, 1))[1:3] == ("2024-11-01", "2025-02-09")
    assert shown(run_json, 1)["event"] is None
    ok(run, "edit", "1", "--event", "inauguration")
    detail = shown(run_json, 1)
    assert window(detail) == ("open", "2025-01-20", "2025-04-29", "2025-04-29")
    assert detail["event"]["name"] == "Inauguration" and detail["history"] == []
    ok(run, "edit", "1", "--event", "budget", "--by", "at the budget")
    assert window(shown(run_json, 1)) == ("waiting", None, None, None)
    assert shown(run_json, 1)["deadline_phrase"] == "at the budget"
    ok(run, "edit", "1", "--event", "inauguration")
    assert window(shown(run_json, 1)) == ("open", "2025-01-20", "2025-01-20", "2025-01-20")
    entry = run_json("log", "--limit", "1")[0]
    assert {"field": "event", "old": "Budget", "new": "Inauguration"} in entry["changes"]


def test_edit_by_on_an_event_claim_reads_the_phrase_from_the_event(
    run: Run, run_json: RunJson
) -> None:
    ok(run, "event", "add", "Inauguration", "--on", "2025-01-20", "--term", "4y")
    on_event(run, "tariffs", "in the first 100 days", "inauguration")
    ok(run, "edit", "1", "--by", "in the first 2 weeks")
    assert window(shown(run_json, 1)) == ("open", "2025-01-20", "2025-02-02", "2025-02-02")
    ok(run, "edit", "1", "--by", "in his first term")
    assert window(shown(run_json, 1))[1:3] == ("2025-01-20", "2029-01-19")
    assert "does not count from an event" in refused(run, "edit", "1", "--by", "next week")
    assert shown(run_json, 1)["deadline_phrase"] == "in his first term"
    assert shown(run_json, 1)["history"] == []


def test_a_slip_onto_an_event_records_a_slip_with_its_window(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "Inauguration", "--on", "2025-01-20")
    ok(run, "event", "add", "Summit", "--on", "2025-07-01")
    ok(run, "event", "add", "Budget")
    on_event(run, "tariffs", "on day one", "inauguration")
    ok(
        run,
        "slip",
        "1",
        "--by",
        "before the summit",
        "--event",
        "summit",
        "--said-on",
        "2025-02-01",
    )
    detail = shown(run_json, 1)
    assert window(detail) == ("open", "2025-02-01", "2025-06-30", "2025-06-30")
    assert (detail["event"]["name"], detail["slips"]) == ("Summit", 1)
    slip = detail["history"][0]
    assert [h["kind"] for h in detail["history"]] == ["slip"]
    assert (slip["old_phrase"], slip["old_start"], slip["old_end"]) == (
        "on day one",
        "2025-01-20",
        "2025-01-20",
    )
    assert (slip["new_phrase"], slip["new_start"], slip["new_end"]) == (
        "before the summit",
        "2025-02-01",
        "2025-06-30",
    )
    ok(run, "slip", "1", "--by", "at the budget", "--event", "budget", "--said-on", "2025-03-01")
    assert window(shown(run_json, 1)) == ("waiting", None, None, None)
    assert listed_slips(run) == {1: "2"}
    assert run_json("log", "--limit", "1")[0]["action"] == "slip"


def test_a_judged_claims_event_is_locked(run: Run, run_json: RunJson, tracker_db: str) -> None:
    ok(run, "event", "add", "Inauguration", "--on", "2025-01-20")
    ok(run, "event", "add", "Summit", "--on", "2025-07-01")
    on_event(run, "tariffs", "on day one", "inauguration")
    ok(run, "verify", "1", "--outcome", "kept", "--on", "2025-01-20")
    before = dump(tracker_db)
    line = refused(run, "edit", "1", "--event", "summit")
    assert "event is locked" in line and "--force" in line
    assert "deadline is locked" in refused(run, "edit", "1", "--by", "at the summit")
    assert "reopen" in refused(run, "slip", "1", "--by", "at the summit", *SAID)
    assert dump(tracker_db) == before
    ok(run, "edit", "1", "--event", "summit", "--force", "--note", "it was the summit")
    detail = shown(run_json, 1)
    assert (detail["status"], detail["event"]["name"]) == ("kept", "Summit")
    assert detail["deadline_end"] == "2025-07-01"


def test_parse_reads_a_phrase_from_an_event_day(run: Run) -> None:
    result = ok(run, "parse", "on day one", "--event-on", "2025-01-20")
    assert result.stdout.startswith("2025-01-20..2025-01-20  event: ")
    hundred = ok(run, "parse", "in the first 100 days", "--event-on", "2025-01-20")
    assert hundred.stdout.startswith("2025-01-20..2025-04-29  event: ")


# ------------------------------------------------------------------ migration 0007


def migrate(url: str, step: str, target: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        getattr(command, step)(alembic_config(conn), target)
    engine.dispose()


def schema(url: str) -> tuple[set[str], set[str], set[str]]:
    """The tables, the claims' columns and the deadline changes' columns."""
    engine = create_engine(url)
    with engine.connect() as conn:
        found = inspect(conn)
        tables = set(found.get_table_names())
        claims = {c["name"] for c in found.get_columns("claims")}
        changes = {c["name"] for c in found.get_columns("deadline_changes")}
    engine.dispose()
    return tables, claims, changes


CLAIM_ROWS = "SELECT id, uid, text, deadline_start, deadline_end, due_on FROM claims ORDER BY id"


def test_the_events_migration_walks_down_and_up_with_data(
    run: Run, run_json: RunJson, tracker_db: str
) -> None:
    ok(run, "event", "add", "Summit", "--alias", "G7")
    ok(run, "event", "add", "Inauguration")
    on_event(run, "a deal", "before the summit", "summit")
    on_event(run, "tariffs", "in the first 100 days", "inauguration")
    ok(run, "event", "set", "inauguration", "2025-01-20")
    statuses = "SELECT id, status FROM claims ORDER BY id"
    assert [tuple(r) for r in sql(tracker_db, statuses)] == [(1, "waiting"), (2, "open")]
    url = to_url(tracker_db)
    tables, claim_columns, change_columns = schema(url)
    assert {"events", "event_aliases"} <= tables
    assert "event_id" in claim_columns and "reason" in change_columns
    claims = sql(tracker_db, CLAIM_ROWS)
    migrate(url, "downgrade", "0006")
    down_tables, down_claims, down_changes = schema(url)
    assert down_tables == tables - {"events", "event_aliases", "claim_sources"}
    assert down_claims == claim_columns - {"event_id"}
    assert down_changes == change_columns - {"reason"}
    assert sql(tracker_db, CLAIM_ROWS) == claims
    assert [tuple(r) for r in sql(tracker_db, statuses)] == [(1, "open"), (2, "open")]
    assert len(sql(tracker_db, "SELECT id FROM deadline_changes")) == 1
    with pytest.raises(exc.IntegrityError):
        sql(tracker_db, "UPDATE claims SET status = 'waiting' WHERE id = 1")
    migrate(url, "upgrade", "head")
    assert schema(url) == (tables, claim_columns, change_columns)
    assert sql(tracker_db, CLAIM_ROWS) == claims
    assert run_json("event", "list") == []
    ok(run, "event", "add", "Summit")
    on_event(run, "again", "before the summit", "summit")
    assert shown(run_json, 3)["status"] == "waiting"


def test_a_report_counts_the_claims_waiting_for_an_event(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "summit")
    ok(run, "add", "a deal", "--speaker", "Ann", "--by", "before the summit", "--event", "summit",
       "--said-on", "2025-03-01")  # fmt: skip
    digest = run_json("report", "--as-of", "2025-03-24")
    assert digest["counts"]["waiting"] == 1 and digest["counts"]["total"] == 0
    text = run("report", "--as-of", "2025-03-24").stdout
    assert "1 waiting for an event's day" in text.splitlines()[0]
    assert run_json("report", "--as-of", "2025-03-24", "--speaker", "Bo")["counts"]["waiting"] == 0


FAMILIES = [  # one phrase of each family; the event's day is 2025-01-20, the term 4 years
    ("on day one", "2025-01-20", "2025-01-20"),
    ("in the first 100 days", "2025-01-20", "2025-04-29"),
    ("within 24 hours of taking office", "2025-01-20", "2025-01-21"),
    ("before the inauguration", "2024-09-10", "2025-01-19"),
    ("by the time he takes office", "2024-09-10", "2025-01-20"),
    ("at the inauguration", "2025-01-20", "2025-01-20"),
    ("by the end of his first term", "2025-01-20", "2029-01-19"),
]


@pytest.mark.parametrize(("phrase", "start", "end"), FAMILIES)
def test_each_family_on_a_dated_and_on_an_undated_event(
    run: Run, run_json: RunJson, phrase: str, start: str, end: str
) -> None:
    ok(run, "event", "add", "inauguration", "--term", "4y", "--on", "2025-01-20")
    ok(run, "event", "add", "swearing-in", "--term", "4y")
    on_event(run, "dated", phrase, "inauguration")
    on_event(run, "undated", phrase, "swearing-in")
    assert window(shown(run_json, 1)) == ("open", start, end, end)
    assert window(shown(run_json, 2)) == ("waiting", None, None, None)
    ok(run, "event", "set", "swearing-in", "2025-01-20")
    assert window(shown(run_json, 2)) == ("open", start, end, end)
    assert kinds(run_json, 2) == ["event"] and kinds(run_json, 1) == []


def test_a_waiting_claim_judged_is_never_late_and_reopened_waits_again(
    run: Run, run_json: RunJson
) -> None:
    ok(run, "event", "add", "summit")
    on_event(run, "a deal", "before the summit", "summit")
    ok(run, "verify", "1", "--outcome", "kept", "--on", "2025-03-01")
    assert shown(run_json, 1)["status"] == "kept"
    ok(run, "reopen", "1", "--as-of", "2025-03-02")
    assert window(shown(run_json, 1)) == ("waiting", None, None, None)
    assert "already waiting" in refused(run, "reopen", "1")
    assert run_json("due", "--as-of", "2026-01-01") == []


def test_a_judged_claim_on_an_undated_event_keeps_its_verdict_through_import(
    run: Run, run_json: RunJson, tmp_path: Path
) -> None:
    ok(run, "event", "add", "summit")
    on_event(run, "a deal", "before the summit", "summit")
    ok(run, "verify", "1", "--outcome", "withdrawn", "--on", "2025-03-01")
    exported = tmp_path / "claims.jsonl"
    ok(run, "export", "-o", str(exported))
    other = str(tmp_path / "other.db")
    ok(run, "--db", other, "import", str(exported))
    claims = run_json("--db", other, "list")
    assert [(c["status"], c["deadline_end"]) for c in claims] == [("withdrawn", "2024-09-10")]
    assert ok(run, "--db", other, "export").stdout == exported.read_text()


def test_moving_a_slipped_claim_onto_another_event_reads_its_window_again(
    run: Run, run_json: RunJson
) -> None:
    ok(run, "event", "add", "summit", "--on", "2025-06-01")
    ok(run, "event", "add", "council", "--on", "2025-09-01")
    on_event(run, "a deal", "before the summit", "summit")
    ok(run, "slip", "1", "--by", "by the summit", "--said-on", "2024-10-01")
    ok(run, "edit", "1", "--event", "council")
    assert window(shown(run_json, 1)) == ("open", "2024-10-01", "2025-09-01", "2025-09-01")


def test_undo_of_rm_brings_back_an_event_deleted_since(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "summit")
    on_event(run, "a deal", "before the summit", "summit")
    ok(run, "rm", "1", "--yes")
    ok(run, "event", "rm", "summit")
    ok(run, "undo", "--yes")
    detail = shown(run_json, 1)
    assert detail["status"] == "waiting" and detail["event"]["name"] == "summit"
    ok(run, "event", "set", "summit", "2025-06-01")
    assert window(shown(run_json, 1)) == ("open", "2024-09-10", "2025-05-31", "2025-05-31")


def test_a_claim_leaves_its_event_by_slip_or_edit(run: Run, run_json: RunJson) -> None:
    ok(run, "event", "add", "summit")
    on_event(run, "a deal", "before the summit", "summit")
    on_event(run, "a pact", "before the summit", "summit")
    ok(run, "slip", "1", "--by", "by the end of 2025", "--no-event", "--said-on", "2024-10-01")
    assert window(shown(run_json, 1)) == ("open", "2024-10-01", "2025-12-31", "2025-12-31")
    assert shown(run_json, 1)["event"] is None and kinds(run_json, 1) == ["slip"]
    ok(run, "edit", "2", "--no-event", "--by", "by June 2025")
    assert window(shown(run_json, 2)) == ("open", "2024-09-10", "2025-06-30", "2025-06-30")
    assert "not both" in refused(run, "edit", "2", "--no-event", "--event", "summit")
    assert [e["claims"] for e in run_json("event", "list")] == [0]
