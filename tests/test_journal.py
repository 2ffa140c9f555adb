"""The journal (log, show's journal, undo), the lock on judged claims, scores that
edits do not move, speaker look-ups by loose names, and duplicate claims."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from tests.conftest import WITKOFF_CALL, Run, dump, ok, refused, sql
from tracker.config import to_url
from tracker.domain.names import close, folded, same_person
from tracker.domain.scoring import scored_confidence, settled_at
from tracker.store.engine import alembic_config

ENTRY_KEYS = (
    "id",
    "recorded_at",
    "author",
    "action",
    "claim_id",
    "changes",
    "detail",
    "note",
    "undone_by",
    "undoes",
)
AS_OF = ("--as-of", "2025-04-30")
SAID = ("--by", "this week", "--said-on", "2025-03-16", "--speaker", "Steve Witkoff")
RunJson = Callable[..., Any]


def add(run: Run, claim_text: str, speaker: str = "Steve Witkoff", *more: str) -> Any:
    said = ("--speaker", speaker, "--by", "this week", "--said-on", "2025-03-16")
    return ok(run, "add", claim_text, *said, *more)


def judged(run: Run, confidence: str = "0.7") -> None:
    """Claim #1 (confidence 0.7, window 2025-03-17..23) judged broken."""
    add(run, WITKOFF_CALL, "Steve Witkoff", "--confidence", confidence, "--tag", "ukraine")
    ok(run, "verify", "1", "--outcome", "broken", "--on", "2025-03-24")


def entries(run_json: RunJson, *args: str) -> list[dict[str, Any]]:
    return run_json("log", "--limit", "1000", *args)


def shown(run_json: RunJson, claim_id: int = 1) -> dict[str, Any]:
    """`show` without its journal: the claim's own state."""
    detail = run_json("show", str(claim_id), *AS_OF)
    detail.pop("journal")
    return detail


def brier(run_json: RunJson) -> float | None:
    return run_json("stats", *AS_OF)["overall"]["brier"]


def claims_state(location: str) -> list[str]:
    """Every row but the journal's, to compare a claim's state before and after."""
    return [line for line in dump(location) if not line.startswith(("journal ", "table "))]


# ------------------------------------------------------------------ the journal


def test_each_change_writes_one_entry(run: Run, run_json: RunJson) -> None:
    csv_text = "text,speaker,said_on,by\na deal,Elon Musk,2025-03-16,this week\n"
    steps: list[tuple[str, tuple[str, ...]]] = [
        ("add", ("add", WITKOFF_CALL, *SAID)),
        ("add", ("add", "a", *SAID[:-2], "--speaker", "Anna Ng")),
        ("add", ("add", "b", *SAID[:-2], "--speaker", "Bob Roe")),
        ("edit", ("edit", "1", "--tag", "ukraine")),
        ("verify", ("verify", "1", "--outcome", "broken", "--on", "2025-03-24")),
        ("reopen", ("reopen", "1", "--as-of", "2025-03-25")),
        ("snooze", ("snooze", "1", "--until", "2025-04-10", "--as-of", "2025-03-25")),
        ("slip", ("slip", "1", "--by", "next week", "--said-on", "2025-03-26")),
        ("rm", ("rm", "2", "--yes")),
        ("rename", ("speakers", "rename", "Steve Witkoff", "Steven Witkoff")),
        ("merge", ("speakers", "merge", "Bob Roe", "Anna Ng")),
        ("import", ("import", "-", "--format", "csv")),
    ]
    for count, (action, args) in enumerate(steps, start=1):
        ok(run, *args, input=csv_text if action == "import" else None)
        found = entries(run_json)
        assert len(found) == count, (action, found[0])
        assert found[0]["action"] == action
    assert [e["id"] for e in found] == list(range(len(steps), 0, -1))
    assert [e["action"] for e in found] == [action for action, _ in reversed(steps)]


def test_log_json_entries_newest_first_with_limit_and_speaker(
    run: Run, run_json: RunJson, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_USER", "carol")
    add(run, WITKOFF_CALL)
    add(run, "other words", "Anna Ng")
    ok(run, "edit", "1", "--quote", "we will", "--note", "from the transcript")
    found = entries(run_json)
    assert [tuple(e) for e in found] == [ENTRY_KEYS] * 3
    assert [(e["id"], e["action"], e["claim_id"]) for e in found] == [
        (3, "edit", 1),
        (2, "add", 2),
        (1, "add", 1),
    ]
    assert {e["author"] for e in found} == {"carol"}
    assert found[0]["changes"] == [{"field": "quote", "old": None, "new": "we will"}]
    assert found[0]["note"] == "from the transcript"
    assert found[0]["undone_by"] is None and found[0]["undoes"] is None
    assert found[0]["recorded_at"] >= found[2]["recorded_at"]
    assert [e["id"] for e in run_json("log", "--limit", "2")] == [3, 2]
    assert [e["id"] for e in run_json("log", "--speaker", "Steve Witkoff")] == [3, 1]
    assert [e["id"] for e in run_json("log", "--speaker", "anna ng")] == [2]
    assert "Steve Witkoff" in refused(run, "log", "--speaker", "Witkof")


def test_author_is_tracker_user_else_the_login_name(
    run: Run, run_json: RunJson, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_USER", "  Carol   Smith ")
    add(run, WITKOFF_CALL)
    monkeypatch.delenv("TRACKER_USER")
    monkeypatch.setattr("getpass.getuser", lambda: "dave")
    ok(run, "edit", "1", "--tag", "x")
    assert [e["author"] for e in entries(run_json)] == ["dave", "Carol Smith"]


def test_log_on_a_missing_file_creates_nothing(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    result = ok(run, "--db", str(missing), "log", "--format", "json")
    assert result.stdout.strip() == "[]"
    assert ok(run, "--db", str(missing), "log").stderr.splitlines() == [
        "no changes recorded",
        f"no database at {missing}; nothing to show",
    ]
    assert "nothing to undo" in refused(run, "--db", str(missing), "undo", "--yes")
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ the lock


@pytest.mark.parametrize(
    "change",
    [
        ("--confidence", "0.1"),
        ("--text", "a different claim"),
        ("--speaker", "Anna Ng"),
        ("--by", "next month"),
        ("--said-on", "2025-03-15"),
        ("--criteria", "a call both sides confirm"),
    ],
)
def test_a_judged_claims_record_is_locked(
    run: Run, tracker_db: str, change: tuple[str, str]
) -> None:
    judged(run)
    before = dump(tracker_db)
    line = refused(run, "edit", "1", *change)
    assert "locked" in line and "--force" in line
    assert dump(tracker_db) == before


def test_force_needs_a_note(run: Run, tracker_db: str) -> None:
    judged(run)
    before = dump(tracker_db)
    assert "--note" in refused(run, "edit", "1", "--confidence", "0.1", "--force")
    assert "--note" in refused(run, "edit", "1", "--text", "x", "--force", "--note", "  ")
    assert dump(tracker_db) == before


def test_a_forced_edit_is_journaled_with_old_and_new(run: Run, run_json: RunJson) -> None:
    judged(run)
    args = ("edit", "1", "--confidence", "0.01", "--text", "a call", "--force")
    ok(run, *args, "--note", "typo in the record")
    journal = run_json("show", "1", *AS_OF)["journal"]
    assert [e["action"] for e in journal] == ["add", "verify", "edit"]
    assert journal[-1]["changes"] == [
        {"field": "text", "old": WITKOFF_CALL, "new": "a call"},
        {"field": "confidence", "old": 0.7, "new": 0.01},
    ]
    assert journal[-1]["note"] == "typo in the record"
    assert shown(run_json)["confidence"] == 0.01
    assert shown(run_json)["status"] == "broken"


def test_unlocked_fields_of_a_judged_claim_change_freely(run: Run, run_json: RunJson) -> None:
    judged(run)
    ok(run, "edit", "1", "--tag", "diplomacy", "--quote", "we will", "--source", "https://x.org/a")
    ok(run, "edit", "1", "--untag", "ukraine")
    record = shown(run_json)
    assert record["tags"] == ["diplomacy"]
    assert record["quote"] == "we will"
    assert record["source_url"] == "https://x.org/a"
    assert record["status"] == "broken"
    assert [e["action"] for e in entries(run_json)] == ["edit", "edit", "verify", "add"]


# ------------------------------------------------------------------ scores


def test_a_forced_confidence_edit_after_judgement_leaves_the_score(
    run: Run, run_json: RunJson
) -> None:
    judged(run)
    assert brier(run_json) == 0.49
    ok(run, "edit", "1", "--confidence", "0.01", "--force", "--note", "hindsight")
    assert shown(run_json)["confidence"] == 0.01
    stats = run_json("stats", *AS_OF)
    assert stats["overall"]["brier"] == 0.49
    assert stats["overall"]["calibration"][0]["mean_confidence"] == 0.7
    assert stats["speakers"]["Steve Witkoff"]["brier"] == 0.49


def test_an_undone_confidence_edit_leaves_the_score(run: Run, run_json: RunJson) -> None:
    judged(run)
    ok(run, "edit", "1", "--confidence", "0.01", "--force", "--note", "hindsight")
    ok(run, "undo", "--yes")
    assert shown(run_json)["confidence"] == 0.7
    assert brier(run_json) == 0.49
    ok(run, "edit", "1", "--confidence", "0.2", "--force", "--note", "again")
    assert brier(run_json) == 0.49


def test_settled_at_is_the_window_end_or_the_judgement_if_earlier() -> None:
    end = datetime(2025, 3, 24, tzinfo=UTC)
    assert settled_at(date(2025, 3, 23), None) == end
    early = datetime(2025, 3, 20, 9, 30)
    assert settled_at(date(2025, 3, 23), early) == early.replace(tzinfo=UTC)
    assert settled_at(date(2025, 3, 23), datetime(2025, 5, 1, tzinfo=UTC)) == end


def test_scored_confidence_counts_only_edits_before_settling() -> None:
    settled = datetime(2025, 3, 24, tzinfo=UTC)
    before = datetime(2025, 3, 20, 12, tzinfo=UTC)
    after = datetime(2025, 3, 24, 0, 0, 1, tzinfo=UTC)
    assert scored_confidence(0.4, [], settled) == 0.4
    assert scored_confidence(0.4, [(before, 0.9, 0.4)], settled) == 0.4
    assert scored_confidence(0.01, [(after, 0.7, 0.01)], settled) == 0.7
    assert scored_confidence(0.01, [(after.replace(tzinfo=None), 0.7, 0.01)], settled) == 0.7
    assert scored_confidence(0.4, [(settled, 0.9, 0.4)], settled) == 0.4
    changes = [(before, 0.5, 0.6), (after, 0.6, 0.9), (after, 0.9, 0.1)]
    assert scored_confidence(0.1, changes, settled) == 0.6
    assert scored_confidence(0.3, [(after, None, 0.3)], settled) is None


# ------------------------------------------------------------------ undo


def newest(run_json: RunJson, count: int = 2) -> list[dict[str, Any]]:
    return run_json("log", "--limit", str(count))


def assert_undid(run_json: RunJson, action: str, claim_id: int | None = 1) -> None:
    """The newest entry undoes the newest `action` not undone before, linked both ways."""
    found = entries(run_json)
    done = found[0]
    target = next(e for e in found if e["id"] == done["undoes"])
    assert not any(
        e["undone_by"] is None and e["action"] != "undo" and e["id"] > target["id"] for e in found
    )
    assert done["action"] == "undo" and target["action"] == action
    assert done["undoes"] == target["id"] and target["undone_by"] == done["id"]
    assert done["detail"] == {"undoes": target["id"], "action": action}
    assert done["claim_id"] == claim_id


def test_undo_of_verify_reopens_the_claim(run: Run, run_json: RunJson) -> None:
    add(run, WITKOFF_CALL, "Steve Witkoff", "--confidence", "0.7")
    before = shown(run_json)
    ok(run, "verify", "1", "--outcome", "broken", "--on", "2025-03-24")
    result = ok(run, "undo", "--yes")
    assert result.stderr.strip() == "undid #2 (verify of #1); recorded as #3"
    record = shown(run_json)
    assert record["status"] == "open" and record["outcome_on"] is None
    assert [c for c in record["history"] if c["kind"] == "verify"] == []
    assert record == before
    assert_undid(run_json, "verify")
    assert newest(run_json)[0]["changes"] == [
        {"field": "status", "old": "broken", "new": "open"},
        {"field": "outcome_on", "old": "2025-03-24", "new": None},
    ]


def test_undo_of_rm_restores_the_claim_whole(run: Run, run_json: RunJson, tracker_db: str) -> None:
    add(run, WITKOFF_CALL, "Steve Witkoff", "--tag", "ukraine", "--tag", "diplomacy")
    add(run, "a second claim", "Anna Ng", "--source", "https://example.org/a")
    ok(run, "verify", "1", "--outcome", "broken", "--on", "2025-03-24")
    ok(run, "reopen", "1", "--as-of", "2025-03-25", "--note", "new facts")
    ok(run, "slip", "1", "--by", "next week", "--said-on", "2025-03-26", "--quote", "soon")
    before, state = shown(run_json), claims_state(tracker_db)
    assert [h["kind"] for h in before["history"]] == ["verify", "reopen", "slip"]
    assert before["slips"] == 1
    ok(run, "rm", "1", "--yes")
    assert refused(run, "show", "1").endswith("no claim with id 1")
    ok(run, "undo", "--yes")
    after = shown(run_json)
    assert after == before
    assert (after["id"], after["uid"], after["tags"]) == (
        1,
        before["uid"],
        ["diplomacy", "ukraine"],
    )
    assert claims_state(tracker_db) == state
    assert_undid(run_json, "rm")
    journal = run_json("show", "1", *AS_OF)["journal"]
    assert [e["action"] for e in journal] == ["add", "verify", "reopen", "slip", "rm", "undo"]


def test_undo_of_add_removes_the_claim_and_a_speaker_it_made(
    run: Run, run_json: RunJson, tracker_db: str
) -> None:
    add(run, WITKOFF_CALL)
    empty_of_anna = claims_state(tracker_db)
    add(run, "first", "Anna Ng")
    add(run, "second", "anna  NG")
    ok(run, "undo", "--yes")
    assert_undid(run_json, "add", claim_id=3)
    assert refused(run, "show", "3").endswith("no claim with id 3")
    assert [s["speaker"] for s in run_json("speakers", *AS_OF)] == ["Anna Ng", "Steve Witkoff"]
    ok(run, "undo", "--yes")
    assert_undid(run_json, "add", claim_id=2)
    assert [s["speaker"] for s in run_json("speakers", *AS_OF)] == ["Steve Witkoff"]
    assert claims_state(tracker_db) == empty_of_anna


def test_undo_of_edit_restores_the_old_values(run: Run, run_json: RunJson, tracker_db: str) -> None:
    add(run, WITKOFF_CALL, "Steve Witkoff", "--tag", "ukraine", "--confidence", "0.7")
    before, state = shown(run_json), claims_state(tracker_db)
    ok(
        run,
        "edit",
        "1",
        "--text",
        "a call",
        "--speaker",
        "Anna Ng",
        "--by",
        "next month",
        "--confidence",
        "0.2",
        "--tag",
        "x",
        "--untag",
        "ukraine",
        "--quote",
        "q",
    )
    assert shown(run_json)["speaker"] == "Anna Ng"
    ok(run, "undo", "--yes")
    assert shown(run_json) == before
    assert_undid(run_json, "edit")
    assert [s["speaker"] for s in run_json("speakers", *AS_OF)] == ["Steve Witkoff"]
    # The new tag's row stays behind unused, as after `rm`; every other row is as it was.
    assert [line for line in claims_state(tracker_db) if line != "tags (2, 'x')"] == state


@pytest.mark.parametrize(
    "change",
    [
        ("snooze", "1", "--until", "2025-04-10", "--as-of", "2025-03-25"),
        ("slip", "1", "--by", "next week", "--said-on", "2025-03-26"),
        ("reopen", "1", "--as-of", "2025-03-25", "--note", "new facts"),
    ],
)
def test_undo_restores_the_state_before_snooze_slip_reopen(
    run: Run, run_json: RunJson, tracker_db: str, change: tuple[str, ...]
) -> None:
    add(run, WITKOFF_CALL, "Steve Witkoff", "--tag", "ukraine")
    if change[0] == "reopen":
        ok(run, "verify", "1", "--outcome", "kept", "--on", "2025-03-20")
    before, state = shown(run_json), claims_state(tracker_db)
    ok(run, *change)
    assert shown(run_json) != before
    ok(run, "undo", "--yes")
    assert shown(run_json) == before
    assert claims_state(tracker_db) == state
    assert_undid(run_json, change[0])


def test_each_undo_reverts_the_next_older_change(run: Run, run_json: RunJson) -> None:
    add(run, WITKOFF_CALL, "Steve Witkoff", "--confidence", "0.7")
    ok(run, "edit", "1", "--confidence", "0.4")
    ok(run, "verify", "1", "--outcome", "kept", "--on", "2025-03-20")
    ok(run, "undo", "--yes", "--note", "wrong claim")
    assert shown(run_json)["status"] == "open"
    assert shown(run_json)["confidence"] == 0.4
    assert newest(run_json)[0]["note"] == "wrong claim"
    ok(run, "undo", "--yes")
    assert shown(run_json)["confidence"] == 0.7
    ok(run, "undo", "--yes")
    assert run_json("list", *AS_OF) == []
    found = entries(run_json)
    assert [(e["action"], e["undoes"], e["undone_by"]) for e in found] == [
        ("undo", 1, None),
        ("undo", 2, None),
        ("undo", 3, None),
        ("verify", None, 4),
        ("edit", None, 5),
        ("add", None, 6),
    ]
    assert refused(run, "undo", "--yes") == "tracker: error: nothing to undo"


def test_undo_with_nothing_to_undo(run: Run, tracker_db: str) -> None:
    ok(run, "list")
    before = dump(tracker_db)
    assert refused(run, "undo", "--yes") == "tracker: error: nothing to undo"
    assert dump(tracker_db) == before


def test_undo_refuses_an_import(run: Run, tracker_db: str) -> None:
    add(run, WITKOFF_CALL)
    csv_text = "text,speaker,said_on,by\na deal,Elon Musk,2025-03-16,this week\n"
    ok(run, "import", "-", "--format", "csv", input=csv_text)
    before = dump(tracker_db)
    line = refused(run, "undo", "--yes")
    assert line.startswith("tracker: error: change #2 (import) cannot be undone")
    assert "tracker rm" in line
    assert dump(tracker_db) == before


def test_undo_refuses_a_speaker_merge(run: Run, run_json: RunJson, tracker_db: str) -> None:
    add(run, WITKOFF_CALL)
    add(run, "b", "S. Witkoff", "--new-speaker")
    ok(run, "speakers", "merge", "S. Witkoff", "Steve Witkoff")
    before = dump(tracker_db)
    line = refused(run, "undo", "--yes")
    assert line.startswith("tracker: error: change #3 (merge) cannot be undone")
    assert dump(tracker_db) == before
    assert [e["action"] for e in entries(run_json, "--speaker", "Steve Witkoff")] == [
        "merge",
        "add",
        "add",
    ]


def undo_processes(count: int) -> list[subprocess.CompletedProcess[str]]:
    """`tracker undo --yes` in `count` processes at once (TRACKER_DB is the test's)."""
    command_line = [sys.executable, "-m", "tracker", "undo", "--yes"]
    procs = [
        subprocess.Popen(
            command_line,
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def test_concurrent_undos_never_revert_one_change_twice(run: Run, run_json: RunJson) -> None:
    for n in range(4):
        add(run, f"claim number {n}")
    undone = 0
    for _round in range(2):
        results = undo_processes(2)
        for result in results:
            assert result.returncode in (0, 2), result.stderr
            if result.returncode == 2:
                assert "undone by someone else" in result.stderr, result.stderr
        undone += sum(1 for r in results if r.returncode == 0)
    assert undone >= 2
    found = entries(run_json)
    undoes = [e["undoes"] for e in found if e["action"] == "undo"]
    assert len(undoes) == undone and len(set(undoes)) == undone
    targets = {e["id"]: e for e in found if e["action"] == "add"}
    assert {targets[i]["undone_by"] is not None for i in undoes} == {True}
    assert sum(1 for e in targets.values() if e["undone_by"]) == undone
    assert len(run_json("list", *AS_OF)) == 4 - undone
    assert sorted(r["id"] for r in run_json("list", *AS_OF)) == list(range(1, 5 - undone))


# ------------------------------------------------------------------ speakers


@pytest.mark.parametrize(
    "typed", ["witkoff", "Witkoff", "S. Witkoff", "s witkoff", "steve  WITKOFF", "Stéve Witkoff"]
)
def test_speaker_finds_a_stored_name_typed_loosely(
    witkoff: Run, run_json: RunJson, typed: str
) -> None:
    record = run_json("speaker", typed, *AS_OF)
    assert record["speaker"] == "Steve Witkoff"
    assert record["claims"] == 3


def test_speaker_finds_an_accented_name_typed_without_accents(run: Run, run_json: RunJson) -> None:
    add(run, "a ceasefire", "Volodymyr Zelenskýy")
    for typed in ("Volodymyr Zelenskyy", "VOLODYMYR zelenskýy", "Zelenskyy", "V. Zelenskyy"):
        assert run_json("speaker", typed, *AS_OF)["speaker"] == "Volodymyr Zelenskýy", typed


def test_speaker_misspelt_suggests_the_stored_name(witkoff: Run) -> None:
    line = refused(witkoff, "speaker", "Witkof", *AS_OF)
    assert "did you mean 'Steve Witkoff'" in line


def speaker_names(run_json: RunJson) -> list[str]:
    return sorted(s["speaker"] for s in run_json("speakers", *AS_OF))


@pytest.mark.parametrize(
    ("stored", "typed"),
    [("Volodymyr Zelenskyy", "Zelensky"), ("Elon Musk", "E. Musk"), ("Elon Musk", "Musk")],
)
def test_a_new_speaker_close_to_a_stored_one_is_warned_of(
    run: Run, run_json: RunJson, stored: str, typed: str
) -> None:
    add(run, "one thing", stored)
    result = add(run, "another thing", typed)
    assert f"warning: new speaker {typed!r} is close to {stored!r}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert speaker_names(run_json) == sorted([stored, typed])
    quiet = add(run, "a third thing", typed + " Jr", "--new-speaker")
    assert quiet.stderr == ""


def on_a_terminal(args: list[str], answer: str) -> str:
    """Run tracker with a pseudo-terminal for its input and output, answer its question
    once it is asked, and return all it wrote there."""
    import pty

    main, child = pty.openpty()
    command = [sys.executable, "-m", "tracker", *args]
    proc = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, env=os.environ.copy())
    os.close(child)
    output, answered = b"", False
    while True:
        try:
            chunk = os.read(main, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        if not answered and b"[Y/n]" in output:
            os.write(main, answer.encode() + b"\n")
            answered = True
    proc.wait(timeout=60)
    os.close(main)
    assert answered and proc.returncode == 0, output
    return output.decode()


@pytest.mark.parametrize(("answer", "speaker"), [("y", "Volodymyr Zelenskyy"), ("n", "Zelensky")])
def test_on_a_terminal_add_asks_whether_a_close_name_is_the_stored_speaker(
    run: Run, run_json: RunJson, answer: str, speaker: str
) -> None:
    add(run, "one thing", "Volodymyr Zelenskyy")
    args = ["add", "another thing", "--speaker", "Zelensky", "--by", "this week"]
    shown_there = on_a_terminal([*args, "--said-on", "2025-03-16"], answer)
    assert "'Zelensky' is new; is it 'Volodymyr Zelenskyy', who is stored?" in shown_there
    assert run_json("show", "2", *AS_OF)["speaker"] == speaker


def test_declining_undo_changes_nothing(run: Run, tracker_db: str) -> None:
    add(run, "one thing", "Anna Ng")
    before = dump(tracker_db)
    result = run("undo", input="n\n")
    assert result.exit_code == 1 and "Undo #1 add by" in result.stderr
    assert dump(tracker_db) == before


def test_a_different_person_with_the_same_surname_is_not_warned_of(
    run: Run, run_json: RunJson
) -> None:
    add(run, "one thing", "Joe Biden")
    assert add(run, "another thing", "Hunter Biden").stderr == ""
    assert speaker_names(run_json) == ["Hunter Biden", "Joe Biden"]


def test_folded_drops_case_accents_punctuation_and_spaces() -> None:
    assert folded("Zelenskýy, V.") == folded("zelenskyy v") == "zelenskyy v"
    assert folded("  Steve   WITKOFF ") == "steve witkoff"
    assert folded("O'Brien") == "obrien"
    assert folded("There will be a call, with both presidents!") == folded(WITKOFF_CALL)
    assert folded("") == ""


def test_same_person_by_surname_or_initials() -> None:
    assert same_person("musk", "elon musk")
    assert same_person("e musk", "elon musk")
    assert same_person("elon musk", "elon musk")
    assert same_person("e r musk", "elon reeve musk")
    assert not same_person("j musk", "elon musk")
    assert not same_person("hunter biden", "joe biden")
    assert not same_person("elon musk", "musk")
    assert not same_person("", "elon musk")
    assert not same_person("elon", "elon musk")


def test_close_names() -> None:
    assert close("zelensky", "volodymyr zelenskyy")
    assert close("e musk", "elon musk")
    assert close("elon musk", "e musk")
    assert close("steve witkof", "steve witkoff")
    assert not close("hunter biden", "joe biden")
    assert not close("anna ng", "steve witkoff")
    assert not close("", "elon musk")


# ------------------------------------------------------------------ duplicates


def test_the_same_claim_again_is_refused_unless_duplicate_ok(
    witkoff: Run, run_json: RunJson, tracker_db: str
) -> None:
    same = "There will be a CALL, with both presidents!"
    before = dump(tracker_db)
    line = refused(
        witkoff,
        "add",
        same,
        "--speaker",
        "steve witkoff",
        "--by",
        "this week",
        "--said-on",
        "2025-03-16",
    )
    assert "#1" in line and "--duplicate-ok" in line
    assert dump(tracker_db) == before
    result = add(witkoff, same, "Steve Witkoff", "--duplicate-ok")
    assert result.stdout.startswith("#4 ")
    assert "warning" in result.stderr and "#1" in result.stderr
    assert len(run_json("list", *AS_OF)) == 4


def test_a_near_duplicate_is_stored_with_a_warning(witkoff: Run, run_json: RunJson) -> None:
    first = "US teams will meet both sides during the talks in Riyadh next week"
    add(witkoff, first)
    result = add(witkoff, first.replace("sides", "parties"))
    assert result.stdout.startswith("#5 ")
    assert result.stderr.strip() == (
        "tracker: warning: #5 reads much like #4 (same speaker and day)"
    )
    assert len(run_json("list", *AS_OF)) == 5


def test_the_same_words_on_another_day_or_by_another_speaker_are_fine(
    witkoff: Run, run_json: RunJson
) -> None:
    other_day = ok(
        witkoff,
        "add",
        WITKOFF_CALL,
        "--speaker",
        "Steve Witkoff",
        "--by",
        "this week",
        "--said-on",
        "2025-03-23",
    )
    assert other_day.stderr == ""
    assert add(witkoff, WITKOFF_CALL, "Anna Ng").stderr == ""
    assert len(run_json("list", *AS_OF)) == 5


# ------------------------------------------------------------------ migration


def migrate(url: str, step: str, target: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        getattr(command, step)(alembic_config(conn), target)
    engine.dispose()


def tables_and_claims(url: str) -> tuple[set[str], list[Any]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        claims = conn.execute(text("SELECT id, uid, text, confidence FROM claims")).all()
    engine.dispose()
    return tables, claims


def test_the_journal_migration_walks_down_and_up_with_data(
    run: Run, run_json: RunJson, tracker_db: str
) -> None:
    add(run, WITKOFF_CALL, "Steve Witkoff", "--confidence", "0.7")
    ok(run, "edit", "1", "--confidence", "0.6", "--note", "second thoughts")
    assert len(sql(tracker_db, "SELECT id FROM journal")) == 2
    url = to_url(tracker_db)
    tables, claims = tables_and_claims(url)
    assert "journal" in tables and len(claims) == 1
    migrate(url, "downgrade", "0005")
    down_tables, down_claims = tables_and_claims(url)
    assert "journal" not in down_tables
    assert down_claims == claims
    migrate(url, "upgrade", "head")
    up_tables, up_claims = tables_and_claims(url)
    assert up_tables == tables
    assert up_claims == claims
    assert run_json("log") == []
    ok(run, "edit", "1", "--confidence", "0.5")
    assert [e["action"] for e in run_json("log")] == ["edit"]


def test_undo_of_rm_restores_announcements_whose_ids_were_taken_since(
    run: Run, run_json: RunJson
) -> None:
    add(run, "A claim", "Ann Lee", "--by", "by the end of 2024", "--said-on", "2024-06-01")
    ok(run, "report", "--new-only", "--as-of", "2025-01-05")
    add(run, "B claim", "Ann Lee", "--by", "by the end of March 2025", "--said-on", "2024-06-01")
    ok(run, "rm", "1", "--yes")
    ok(run, "report", "--new-only", "--as-of", "2025-04-05")  # may take the freed id
    ok(run, "undo", "--yes")
    assert [c["id"] for c in run_json("list")] == [1, 2]
    again = run_json("report", "--new-only", "--as-of", "2025-04-06")
    assert again["new"] == []  # claim 1's announcement came back with it
