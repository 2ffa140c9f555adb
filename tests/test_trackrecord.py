"""Outcomes, snoozes, reopenings, moved goalposts and track records, worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, dump
from tracker.domain.trackrecord import SPEAKER_KEYS


def add(run: Run, text: str, speaker: str, phrase: str, said_on: str, *extra: str) -> int:
    result = run(
        "add",
        text,
        "--speaker",
        speaker,
        "--by",
        phrase,
        "--said-on",
        said_on,
        "--format",
        "json",
        *extra,
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["id"]


def ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def alice(run: Run) -> dict[str, int]:
    """Nine claims by Alice with every kind of outcome, two slips on one and one on another."""
    ids = {
        name: add(run, name, "Alice Example", "2025-01-31", "2025-01-01")
        for name in ("kept", "late10", "late4", "broken", "partial", "withdrawn", "void", "overdue")
    }
    ids["running"] = add(run, "running", "Alice Example", "2025-12-31", "2025-01-01")
    ok(run, "verify", str(ids["kept"]), "--outcome", "kept", "--on", "2025-01-20")
    ok(run, "verify", str(ids["late10"]), "--outcome", "kept", "--on", "2025-02-10")
    ok(run, "verify", str(ids["late4"]), "--outcome", "kept", "--on", "2025-02-04")
    ok(run, "slip", str(ids["broken"]), "--by", "2025-02-20", "--said-on", "2025-01-25")
    ok(run, "verify", str(ids["broken"]), "--outcome", "broken", "--on", "2025-02-21")
    for outcome in ("partial", "withdrawn", "void"):
        ok(run, "verify", str(ids[outcome]), "--outcome", outcome, "--on", "2025-02-01")
    ok(run, "slip", str(ids["overdue"]), "--by", "2025-02-15", "--said-on", "2025-01-20")
    ok(
        run,
        "slip",
        str(ids["overdue"]),
        "--by",
        "by the end of February",
        "--said-on",
        "2025-02-10",
        "--quote",
        "by the end of February, for sure",
    )
    return ids


def test_speaker_row_worked_by_hand(alice: dict[str, int], run_json) -> None:
    rows = run_json("speakers", "--as-of", "2025-03-01")
    assert len(rows) == 1
    row = rows[0]
    assert tuple(row) == SPEAKER_KEYS
    assert row == {
        "speaker": "Alice Example",
        "claims": 9,
        "kept": 1,
        "kept_late": 2,
        "partial": 1,
        "broken": 1,
        "withdrawn": 1,
        "void": 1,
        "unverifiable": 0,
        "open": 2,
        "waiting": 0,
        "overdue": 1,  # "overdue" now ends 2025-02-28; "running" ends 2025-12-31
        "on_time_rate": round(1 / 6, 4),  # kept / (kept + late + partial + broken + withdrawn)
        "median_days_late": 7,  # median of 10 and 4
        "slips": 3,
        "slips_per_claim": round(3 / 9, 4),
    }


def test_slips_keep_every_window_in_order(alice: dict[str, int], run_json) -> None:
    detail = run_json("show", str(alice["overdue"]))
    assert detail["slips"] == 2
    assert (detail["deadline_phrase"], detail["deadline_end"]) == (
        "by the end of February",
        "2025-02-28",
    )
    assert detail["said_on"] == "2025-01-01"
    slips = [e for e in detail["history"] if e["kind"] == "slip"]
    assert [(s["old_phrase"], s["old_end"], s["new_end"]) for s in slips] == [
        ("2025-01-31", "2025-01-31", "2025-02-15"),
        ("2025-02-15", "2025-02-15", "2025-02-28"),
    ]
    assert slips[1]["quote"] == "by the end of February, for sure"


def test_kept_late_records_days_late(alice: dict[str, int], run_json) -> None:
    detail = run_json("show", str(alice["late10"]))
    assert detail["status"] == "kept_late"
    assert detail["history"][-1]["days_late"] == 10
    assert detail["outcome_on"] == "2025-02-10"


def test_snooze_leaves_due_until_the_day_passes(run: Run, run_json) -> None:
    claim = add(run, "c", "Bob", "2025-03-10", "2025-03-01")
    assert [r["id"] for r in run_json("due", "--as-of", "2025-03-12")] == [claim]
    ok(
        run,
        "snooze",
        str(claim),
        "--until",
        "2025-03-20",
        "--as-of",
        "2025-03-12",
        "--note",
        "results not published",
    )
    assert run_json("due", "--as-of", "2025-03-20") == []
    due = run_json("due", "--as-of", "2025-03-21")
    assert [(r["id"], r["days_overdue"]) for r in due] == [(claim, 1)]
    ok(run, "snooze", str(claim), "--for", "5", "--as-of", "2025-03-21")
    assert run_json("due", "--as-of", "2025-03-26") == []
    history = run_json("show", str(claim))["history"]
    assert [(h["kind"], h["until"]) for h in history] == [
        ("snooze", "2025-03-20"),
        ("snooze", "2025-03-26"),
    ]
    assert history[0]["note"] == "results not published"


def test_reopen_keeps_the_overturned_judgement(run: Run, run_json) -> None:
    claim = add(run, "c", "Bob", "2025-03-10", "2025-03-01")
    ok(run, "verify", str(claim), "--outcome", "broken", "--on", "2025-03-11")
    ok(run, "reopen", str(claim), "--note", "it happened after all", "--as-of", "2025-03-15")
    ok(
        run,
        "verify",
        str(claim),
        "--outcome",
        "kept",
        "--on",
        "2025-03-14",
        "--evidence",
        "https://example.org/e",
    )
    detail = run_json("show", str(claim))
    assert detail["status"] == "kept_late"
    assert [(h["kind"], h["outcome"]) for h in detail["history"]] == [
        ("verify", "broken"),
        ("reopen", "broken"),
        ("verify", "kept_late"),
    ]
    assert detail["history"][1]["note"] == "it happened after all"


def test_show_text_prints_the_timeline(alice: dict[str, int], run: Run) -> None:
    out = ok(run, "show", str(alice["broken"]))
    assert 'deadline moved: "2025-01-31"' in out
    assert "judged broken" in out
    assert out.index("deadline moved") < out.index("judged broken")


def test_rename_and_merge_move_everything(run: Run, run_json) -> None:
    add(run, "a", "Steve Witkoff", "2025-03-23", "2025-03-16")
    add(run, "b", "S. Witkoff", "2025-03-23", "2025-03-16")
    add(run, "c", "Witkoff", "2025-03-23", "2025-03-16")
    ok(run, "speakers", "merge", "s. witkoff", "Steve Witkoff")
    ok(run, "speakers", "merge", "WITKOFF", "steve witkoff")
    rows = run_json("speakers", "--as-of", "2025-03-24")
    assert [(r["speaker"], r["claims"]) for r in rows] == [("Steve Witkoff", 3)]
    ok(run, "speakers", "rename", "Steve Witkoff", "Steven Witkoff")
    assert [r["speaker"] for r in run_json("list")] == ["Steven Witkoff"] * 3
    add(run, "d", "s. witkoff", "2025-03-23", "2025-03-16")
    assert {r["speaker"] for r in run_json("list")} == {"Steven Witkoff"}


def test_speaker_detail_lists_every_claim(alice: dict[str, int], run_json) -> None:
    detail = run_json("speaker", "alice example", "--as-of", "2025-03-01")
    assert detail["claims"] == 9
    assert len(detail["claims_list"]) == 9


def test_filters_by_tag_and_period(run: Run, run_json) -> None:
    add(run, "a", "Carol", "2025-03-23", "2025-03-16", "--tag", "trade")
    add(run, "b", "Carol", "2025-06-23", "2025-06-16")
    assert run_json("speakers", "--tag", "trade", "--as-of", "2025-07-01")[0]["claims"] == 1
    rows = run_json("speakers", "--said-after", "2025-04-01", "--as-of", "2025-07-01")
    assert rows[0]["claims"] == 1 and rows[0]["overdue"] == 1


def test_speakers_formats(alice: dict[str, int], run: Run) -> None:
    table = ok(run, "speakers", "--as-of", "2025-03-01")
    assert "Alice Example" in table and "17%" in table
    assert all(len(line) <= 80 for line in table.splitlines())
    assert ok(run, "speakers", "--format", "csv").splitlines()[0] == ",".join(SPEAKER_KEYS)
    assert ok(run, "speakers", "--format", "markdown").startswith("| SPEAKER |")


def test_brier_and_calibration_by_hand(run: Run, run_json, tmp_path: Path) -> None:
    forecasts = [(0.9, "kept"), (0.8, "broken"), (0.3, "kept"), (0.6, "void"), (0.5, None)]
    for index, (confidence, outcome) in enumerate(forecasts):
        claim = add(
            run,
            f"f{index}",
            "Dan",
            "2025-01-31",
            "2025-01-01",
            "--confidence",
            str(confidence),
            "--tag",
            "econ" if index < 2 else "misc",
        )
        if outcome:
            on = "2025-02-05" if index == 2 else "2025-01-30"  # the 0.3 one is kept late
            ok(run, "verify", str(claim), "--outcome", outcome, "--on", on)
    direct = ((0.9 - 1) ** 2 + (0.8 - 0) ** 2 + (0.3 - 0) ** 2) / 3
    chart = tmp_path / "calibration.svg"
    result = run_json("stats", "--chart", str(chart))
    overall = result["overall"]
    assert overall["scored"] == 3 and overall["excluded"] == 1 and overall["open"] == 1
    assert overall["brier"] == pytest.approx(direct, abs=1e-4)
    assert [(r["bucket"], r["n"], r["observed"]) for r in overall["calibration"]] == [
        ("0.3-0.4", 1, 0.0),
        ("0.8-0.9", 1, 0.0),
        ("0.9-1.0", 1, 1.0),
    ]
    assert result["tags"]["econ"]["brier"] == pytest.approx((0.01 + 0.64) / 2, abs=1e-4)
    assert result["speakers"]["Dan"]["scored"] == 3
    svg = chart.read_text()
    assert svg.startswith("<?xml") and svg.count("<circle") == 3
    assert svg.count(">n=1</text>") == 3 and ">Brier score 0.247</text>" in svg


BAD = [
    ("verify", "999", "--outcome", "kept"),
    ("verify", "1", "--outcome", "kept", "--on", "2024-12-31"),
    ("speakers", "merge", "Alice Example", "alice  example"),
    ("speakers", "merge", "Nobody", "Alice Example"),
    ("speakers", "rename", "Nobody", "X"),
    ("snooze", "1", "--until", "2020-01-01", "--as-of", "2025-03-01"),
    ("snooze", "1"),
    ("slip", "1", "--by", "2025-05-01", "--said-on", "2024-12-01"),
    ("slip", "2", "--by", "2025-05-01"),
    ("reopen", "9"),
    ("speaker", "Nobody"),
]


@pytest.mark.parametrize("args", BAD, ids=" ".join)
def test_bad_lifecycle_input_changes_nothing(
    alice: dict[str, int], run: Run, tracker_db: str, args: tuple[str, ...]
) -> None:
    before = dump(tracker_db)
    result = run(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert dump(tracker_db) == before


def test_example_article_track_record(witkoff: Run, run_json) -> None:
    ok(witkoff, "verify", "1", "--outcome", "kept", "--on", "2025-03-18")
    ok(witkoff, "verify", "3", "--outcome", "broken", "--on", "2025-06-01")
    row = run_json("speakers", "--as-of", "2025-06-01")[0]
    assert (row["speaker"], row["kept"], row["broken"], row["kept_late"]) == (
        "Steve Witkoff",
        1,
        1,
        0,
    )
