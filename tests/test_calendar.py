"""tracker export --format ics: one all-day event per open claim, stable for subscribers."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.conftest import WITKOFF_CALL, Run, sql
from tracker.transfer.export import jsonl_line

SOURCE = "https://www.bbc.com/news/articles/c8rx2v0qk4zo"


def ok(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result


def events(text: str) -> dict[str, Any]:
    """The calendar's events by UID."""
    calendar = Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def records(run: Run) -> list[dict[str, Any]]:
    return [json.loads(line) for line in ok(run, "export").stdout.splitlines()]


@pytest.fixture
def lived(witkoff: Run) -> Run:
    """The Witkoff claims: #1 tagged and quoted, #2 snoozed, #3 judged."""
    ok(witkoff, "edit", "1", "--tag", "ukraine", "--quote", "a call this week")
    ok(witkoff, "snooze", "2", "--until", "2025-04-10", "--as-of", "2025-03-25")
    ok(witkoff, "verify", "3", "--outcome", "broken", "--on", "2025-05-01")
    return witkoff


def test_one_event_per_open_claim_field_by_field(lived: Run) -> None:
    text = ok(lived, "export", "--format", "ics").stdout
    by_uid = {r["uid"]: r for r in records(lived)}
    found = events(text)
    assert set(found) == {f"{uid}@tracker" for uid, r in by_uid.items() if r["status"] == "open"}
    first = by_uid[next(uid for uid, r in by_uid.items() if r["text"] == WITKOFF_CALL)]
    event = found[f"{first['uid']}@tracker"]
    assert event.decoded("DTSTART") == date(2025, 3, 23)
    assert event.decoded("DTEND") == date(2025, 3, 24)
    assert str(event["SUMMARY"]) == f"Check: Steve Witkoff: {WITKOFF_CALL}"
    description = str(event["DESCRIPTION"])
    for part in (
        WITKOFF_CALL,
        '"this week" = 2025-03-17..2025-03-23',
        '"a call this week"',
        SOURCE,
        "tracker verify 1 --outcome",
    ):
        assert part in description
    assert str(event["URL"]) == SOURCE
    assert [str(c) for c in event["CATEGORIES"].cats] == ["ukraine"]
    updated = datetime.fromisoformat(first["updated_at"]).replace(microsecond=0)
    assert event.decoded("DTSTAMP") == updated
    assert event.decoded("LAST-MODIFIED") == updated
    alarm = event.walk("VALARM")[0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(hours=9)


def test_a_snoozed_claim_is_on_its_snooze_day(lived: Run) -> None:
    snoozed = next(r for r in records(lived) if r["checks"] and r["checks"][0]["kind"] == "snooze")
    event = events(ok(lived, "export", "--format", "ics").stdout)[f"{snoozed['uid']}@tracker"]
    assert event.decoded("DTSTART") == date(2025, 4, 10)
    assert "Snoozed until: 2025-04-10" in str(event["DESCRIPTION"])
    assert "URL" in event


def test_reexport_is_byte_identical_and_well_formed(lived: Run) -> None:
    raw = ok(lived, "export", "--format", "ics").stdout_bytes
    assert ok(lived, "export", "--format", "ics").stdout_bytes == raw
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")


#: One claim as a JSONL record, created and last changed at 10:00 UTC on the day it was said.
CALL = {
    "uid": "witkoff-call",
    "text": WITKOFF_CALL,
    "speaker": "Steve Witkoff",
    "said_on": "2025-03-16",
    "deadline_phrase": "this week",
    "created_at": "2025-03-16T10:00:00Z",
    "updated_at": "2025-03-16T10:00:00Z",
}


def test_a_changed_claim_keeps_its_uid_and_moves_its_sequence(run: Run, tmp_path: Path) -> None:
    created = datetime(2025, 3, 16, 10, 0, tzinfo=UTC)
    claim = CALL
    other = claim | {"uid": "other", "text": "a deal will be reached"}
    path = tmp_path / "claims.jsonl"
    path.write_text(jsonl_line(claim) + jsonl_line(other), encoding="utf-8")
    ok(run, "import", str(path))
    before = events(ok(run, "export", "--format", "ics").stdout)
    assert int(before["witkoff-call@tracker"]["SEQUENCE"]) == 0
    changed = claim | {"text": "a call, maybe", "updated_at": "2025-03-17T10:00:00Z"}
    path.write_text(jsonl_line(changed) + jsonl_line(other), encoding="utf-8")
    ok(run, "import", str(path), "--on-conflict", "update")
    after = events(ok(run, "export", "--format", "ics").stdout)
    assert set(after) == set(before)
    event = after["witkoff-call@tracker"]
    assert int(event["SEQUENCE"]) == 86_400
    assert event.decoded("LAST-MODIFIED") == created + timedelta(days=1)
    assert str(event["SUMMARY"]) == "Check: Steve Witkoff: a call, maybe"
    assert after["other@tracker"].to_ical() == before["other@tracker"].to_ical()


def test_tag_edits_and_speaker_renames_move_the_sequence_too(
    run: Run, tmp_path: Path, tracker_db: str
) -> None:
    claim = CALL | {"tags": ["calls"]}
    path = tmp_path / "claims.jsonl"
    path.write_text(jsonl_line(claim), encoding="utf-8")
    ok(run, "import", str(path))
    before = events(ok(run, "export", "--format", "ics").stdout)["witkoff-call@tracker"]
    ok(run, "edit", "1", "--tag", "calls")  # already there: nothing changes
    same = events(ok(run, "export", "--format", "ics").stdout)["witkoff-call@tracker"]
    assert same.to_ical() == before.to_ical()
    ok(run, "edit", "1", "--tag", "Ukraine", "--untag", "calls")
    after = events(ok(run, "export", "--format", "ics").stdout)["witkoff-call@tracker"]
    assert [str(c) for c in after.get("CATEGORIES").cats] == ["ukraine"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"]) == 0
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    changed_at = sql(tracker_db, "SELECT updated_at FROM claims")
    ok(run, "speakers", "rename", "Steve Witkoff", "Steven Witkoff")
    renamed = events(ok(run, "export", "--format", "ics").stdout)["witkoff-call@tracker"]
    assert str(renamed["SUMMARY"]).startswith("Check: Steven Witkoff:")
    assert sql(tracker_db, "SELECT updated_at FROM claims") != changed_at


def test_filters_and_the_file_extension(lived: Run, tmp_path: Path) -> None:
    target = tmp_path / "claims.ics"
    result = ok(lived, "export", "--output", str(target), "--said-before", "2025-03-01")
    assert result.stderr.strip() == f"exported 0 claims to {target}"
    assert events(target.read_text(encoding="utf-8")) == {}
    ok(lived, "export", "--output", str(target), "--tag", "ukraine")
    assert len(events(target.read_text(encoding="utf-8"))) == 1


@pytest.mark.parametrize(
    "command", [("--help",), ("due", "--as-of", "2025-01-01"), ("list",), ("show", "1")]
)
def test_fast_commands_do_not_import_icalendar(witkoff: Run, command: tuple[str, ...]) -> None:
    probe = (
        "import sys\n"
        "from tracker.cli import cli\n"
        f"code = cli.main({list(command)!r}, standalone_mode=False)\n"
        "print('LOADED', 'icalendar' in sys.modules, code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert "LOADED False 0" in result.stdout, result.stdout + result.stderr
